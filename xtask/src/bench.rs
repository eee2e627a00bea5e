//! `cargo xtask bench`: Folio measured as readers meet it, beside the same article as plain
//! static HTML, against the budgets of `bench/bench.mjs`.
//!
//! This side prepares and serves what is measured, all on loopback, served by `deploy/nginx.conf`
//! (the recipe the hosting tests run): the precompressed `.br` copies, with the recipe's headers,
//! as a publisher's server sends them:
//! - the release build, prerendered (`site`), and the same build without the prerendered pages
//!   (`shell`: a host without the prerender step); both again with the service worker turned
//!   off, for Lighthouse's first visit without it;
//! - the static control: the prerendered page of the article without any script (same HTML,
//!   same CSS), at `control/<id>.html`;
//! - a 2,000-block article;
//! - the asset sizes (raw, gzip, brotli);
//! - Lighthouse, installed once into `target/bench/tools` (it is large, and only the benchmark
//!   needs it).
//!
//! `bench/bench.mjs` then drives Debian's Chromium and prints the table and the budgets.

use std::fs;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result};
use serde_json::json;

use crate::setup::{self, run as run_command};
use folio_cli::prerender;

use crate::{dist, nginx, project_root};

/// The article every cold load measures, and the long read Lighthouse measures.
const ARTICLE: &str = "tide-mill-turns-again";
const LONG_READ: &str = "lighthouse-keepers-ledger";
// 12.8 is the newest that supports the Node.js these machines have (20).
const LIGHTHOUSE: &str = "lighthouse@12.8.2";

pub fn run(runs: u32) -> Result<()> {
    let root = project_root();
    setup::wasm_target()?;
    setup::npm_packages()?;
    setup::debian_packages([&setup::CHROMIUM].into_iter().chain(&setup::NGINX))?;
    let out = root.join("target/bench");
    let site = dist::build(&dist::Options {
        out_dir: out.join("site"),
        ..dist::Options::default()
    })?;
    let site_port = nginx::free_port()?;
    let site_url = format!("http://127.0.0.1:{site_port}/");
    prerender::run(&prerender::Options {
        site: site.clone(),
        content: None,
        site_url: site_url.clone(),
        skip_invalid: false,
        feed_entries: prerender::DEFAULT_FEED_ENTRIES,
    })?;
    write_big_article(&site.join("content/articles/bench-2000-blocks.json"))?;

    let shell = out.join("shell");
    if shell.exists() {
        fs::remove_dir_all(&shell)?;
    }
    dist::copy_dir(&site, &shell)?;
    fs::remove_dir_all(shell.join("articles"))?;
    let shell_port = nginx::free_port()?;
    let shell_url = format!("http://127.0.0.1:{shell_port}/");

    fs::create_dir_all(site.join("control"))?;
    let prerendered = fs::read_to_string(site.join("articles").join(ARTICLE).join("index.html"))?;
    fs::write(
        site.join("control").join(format!("{ARTICLE}.html")),
        static_control(&prerendered),
    )?;

    // The same two without the service worker (`offline.enabled: false`), for Lighthouse's
    // first visit with and without it; the prerendered pages are made again for the changed
    // configuration, which their stamps name.
    let site_without_worker = out.join("site-without-worker");
    let site_without_worker_port = nginx::free_port()?;
    let site_without_worker_url = format!("http://127.0.0.1:{site_without_worker_port}/");
    if site_without_worker.exists() {
        fs::remove_dir_all(&site_without_worker)?;
    }
    dist::copy_dir(&site, &site_without_worker)?;
    dist::turn_worker_off(&site_without_worker)?;
    prerender::run(&prerender::Options {
        site: site_without_worker.clone(),
        content: None,
        site_url: site_without_worker_url.clone(),
        skip_invalid: false,
        feed_entries: prerender::DEFAULT_FEED_ENTRIES,
    })?;
    let shell_without_worker = out.join("shell-without-worker");
    let shell_without_worker_port = nginx::free_port()?;
    if shell_without_worker.exists() {
        fs::remove_dir_all(&shell_without_worker)?;
    }
    dist::copy_dir(&shell, &shell_without_worker)?;
    dist::turn_worker_off(&shell_without_worker)?;

    let sizes = out.join("sizes.json");
    fs::write(&sizes, serde_json::to_string_pretty(&asset_sizes(&site)?)?)?;

    let tools = out.join("tools");
    let lighthouse = tools.join("node_modules/lighthouse/cli/index.js");
    if !lighthouse.exists() {
        println!("Installing {LIGHTHOUSE} for the benchmark (once)…");
        fs::create_dir_all(&tools)?;
        // A package.json of its own, or npm would install into the project's node_modules.
        fs::write(
            tools.join("package.json"),
            "{ \"private\": true, \"description\": \"Lighthouse for cargo xtask bench\" }\n",
        )?;
        run_command(
            Command::new("npm")
                .args([
                    "install",
                    "--no-audit",
                    "--no-fund",
                    "--no-save",
                    LIGHTHOUSE,
                ])
                .current_dir(&tools),
        )?;
    }

    let server = |port, root: &Path| nginx::Server {
        port,
        root: root.to_path_buf(),
        base: "/".into(),
        content_origin: String::new(),
    };
    let _nginx = nginx::start(
        &out.join("nginx"),
        &[
            server(site_port, &site),
            server(shell_port, &shell),
            server(site_without_worker_port, &site_without_worker),
            server(shell_without_worker_port, &shell_without_worker),
        ],
    )?;
    run_command(
        Command::new("node")
            .current_dir(&root)
            .arg("bench/bench.mjs")
            .env("BENCH_SITE_URL", &site_url)
            .env("BENCH_SHELL_URL", &shell_url)
            .env("BENCH_SITE_WITHOUT_WORKER_URL", &site_without_worker_url)
            .env(
                "BENCH_SHELL_WITHOUT_WORKER_URL",
                format!("http://127.0.0.1:{shell_without_worker_port}/"),
            )
            .env("BENCH_ARTICLE", ARTICLE)
            .env("BENCH_LONG_READ", LONG_READ)
            .env("BENCH_SIZES", &sizes)
            .env("BENCH_RUNS", runs.to_string())
            .env("BENCH_LIGHTHOUSE", &lighthouse)
            .env("BENCH_RESULTS", out.join("results.json")),
    )
}

/// The prerendered page without any script or preload: what a plain static site would serve.
fn static_control(prerendered: &str) -> String {
    prerendered
        .lines()
        .filter(|line| {
            let line = line.trim_start();
            !(line.starts_with("<script src=")
                || line.starts_with("<script type=\"module\"")
                || line.starts_with("<link rel=\"preload\""))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Raw, gzip and brotli bytes of every asset, grouped as the budgets count them.
fn asset_sizes(site: &Path) -> Result<serde_json::Value> {
    let mut assets = Vec::new();
    let mut add = |name: String, path: &Path| -> Result<()> {
        let bytes = fs::read(path).with_context(|| path.display().to_string())?;
        assets.push(json!({
            "name": name,
            "raw": bytes.len(),
            "gzip": folio_cli::compress::gzip(&bytes, folio_cli::compress::Effort::Smallest)?.len(),
            "brotli": folio_cli::compress::brotli(&bytes, folio_cli::compress::Effort::Smallest)?.len(),
        }));
        Ok(())
    };
    let mut names: Vec<String> = fs::read_dir(site.join("assets"))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| !name.ends_with(".br") && !name.ends_with(".gz"))
        .collect();
    names.sort();
    for name in names {
        add(format!("assets/{name}"), &site.join("assets").join(&name))?;
    }
    add("folio-embed.js".into(), &site.join("folio-embed.js"))?;
    add("index.html".into(), &site.join("index.html"))?;
    Ok(json!(assets))
}

/// An article of 2,000 blocks: paragraphs with marks and links, headings every 20 blocks.
fn write_big_article(path: &Path) -> Result<()> {
    let body: Vec<serde_json::Value> = (0..2000)
        .map(|index| {
            if index % 20 == 0 {
                json!({ "type": "heading", "level": 2, "content": format!("Part {}", index / 20 + 1) })
            } else {
                json!({ "type": "paragraph", "content": [
                    format!("Paragraph {index} of the long benchmark article, with "),
                    { "text": "a bold run", "marks": ["bold"] },
                    " and ",
                    { "text": "a link", "href": "/articles/night-ferry-timetable" },
                    ", long enough to wrap across a line or two on a phone."
                ]})
            }
        })
        .collect();
    let article = json!({
        "version": 1,
        "id": "bench-2000-blocks",
        "headline": "A benchmark article of two thousand blocks",
        "published": "2026-11-28T09:00:00Z",
        "body": body,
        "related": [{ "title": "Back to the ferry", "url": "/articles/night-ferry-timetable" }],
    });
    fs::write(path, serde_json::to_string(&article)?)?;
    Ok(())
}
