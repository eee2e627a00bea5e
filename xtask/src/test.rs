//! `cargo xtask test`: every test, in the order that fails fastest.
//!
//! 1. formatting and clippy (`-D warnings`), native crates and the wasm app;
//! 2. native unit tests of the model and the tools;
//! 3. the sample content through the content checker;
//! 4. one release build, served on loopback (by the xtask's server, and by nginx with
//!    `deploy/nginx.conf` at the root, under `/news/`, and with content on other origins),
//!    driven in headless Chromium by the end-to-end tests in `tests/e2e/` (Node's test runner
//!    with playwright-core).

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

use anyhow::{Context, Result, ensure};

use crate::setup::{self, run as run_command};
use clap::ValueEnum as _;
use folio_cli::content::ContentFolder;
use folio_cli::{check, import, prerender, serve};

use crate::{archive, contract, dist, hostile, nginx, project_root};

/// The engines the cross-engine suite (`tests/engines/`) runs in, one after another.
pub const ENGINES: [&str; 3] = ["chromium", "firefox", "webkit"];

/// Runs every test, or with `only` (test files), just the release build and those files; the
/// cross-engine suite in every engine of `engines`.
pub fn run(only: &[String], engines: &[&str]) -> Result<()> {
    RUN_STARTED.get_or_init(Instant::now);
    let root = project_root();
    setup::wasm_target()?;
    setup::npm_packages()?;

    let test_files: Vec<&str> = if only.is_empty() {
        vec!["tests/schema/", "tests/e2e/", ENGINES_SUITE]
    } else {
        only.iter().map(String::as_str).collect()
    };
    let (engine_files, chromium_files): (Vec<&str>, Vec<&str>) = test_files
        .into_iter()
        .partition(|file| file.starts_with(ENGINES_SUITE));
    // The browsers and nginx install while the build compiles: apt waits on the network and on
    // dpkg, the build on the cores.
    let other_engines = !engine_files.is_empty();
    let packages = std::thread::spawn(move || {
        let mut packages = vec![&setup::CHROMIUM];
        packages.extend(&setup::NGINX);
        if other_engines {
            packages.extend(&setup::OTHER_ENGINES);
        }
        setup::debian_packages(packages)
    });

    // The release build runs beside the static checks: its profile has directories (and so
    // cargo locks) of its own, and its long link-time optimisation keeps one core busy while
    // the checks use the other.
    step("release build (beside the static checks)");
    let out_dir = root.join("target/xtask/e2e-site");
    let release = std::thread::spawn(move || {
        dist::build(&dist::Options {
            out_dir,
            ..dist::Options::default()
        })
    });
    let checked = if only.is_empty() {
        static_checks(&root)
    } else {
        Ok(())
    };
    let site = release
        .join()
        .map_err(|_| anyhow::anyhow!("the release build panicked"))?
        .context("the release build")?;
    checked?;
    packages
        .join()
        .map_err(|_| anyhow::anyhow!("the package installation panicked"))?
        .context("installing Debian's packages")?;

    step("browser tests");
    let hostile = hostile::write_all(&root.join("target/xtask/hostile"))?;
    // A page on another origin that embeds Folio's articles, with a hostile stylesheet.
    let embed_host = serve::start_other_site(&root.join("tests/e2e/embed-host"), 0)?;
    // The cross-engine suite runs beside the Chromium tests (a browser test waits more than it
    // computes), on a site of its own; its report follows theirs.
    let cross_engine = if engine_files.is_empty() {
        None
    } else {
        let site = EnginesSite::start(&site, &root.join("target/xtask/engines"))?;
        let env = [
            ("FOLIO_ENGINES_URL", site.server.url.clone()),
            ("FOLIO_ENGINES_SITE", site.dir.display().to_string()),
            ("FOLIO_HOSTILE", hostile.display().to_string()),
            ("FOLIO_EMBED_HOST_URL", embed_host.url.clone()),
        ];
        let files: Vec<String> = engine_files.iter().map(|file| file.to_string()).collect();
        let engines: Vec<String> = engines.iter().map(|engine| engine.to_string()).collect();
        let root = root.clone();
        Some(std::thread::spawn(move || {
            let _site = site;
            engines
                .iter()
                .map(|engine| EngineRun::run(&root, engine, &files, &env))
                .collect::<Result<Vec<_>>>()
        }))
    };
    let chromium = if chromium_files.is_empty() {
        Ok(())
    } else {
        chromium_suite(&root, &site, &hostile, &embed_host, &chromium_files)
    };
    let mut engines_passed = true;
    if let Some(cross_engine) = cross_engine {
        let runs = cross_engine
            .join()
            .map_err(|_| anyhow::anyhow!("the cross-engine suite panicked"))??;
        for run in runs {
            step(&format!(
                "cross-engine suite in {} ({}s)",
                run.engine, run.seconds
            ));
            print!("{}", run.report);
            engines_passed &= run.passed;
        }
    }
    chromium?;
    ensure!(
        engines_passed,
        "the cross-engine suite failed (its report is above)"
    );
    Ok(())
}

/// Where the suite that runs in every engine lives.
const ENGINES_SUITE: &str = "tests/engines";

/// The cross-engine suite's files run in one engine.
struct EngineRun {
    engine: String,
    passed: bool,
    seconds: u64,
    report: String,
}

impl EngineRun {
    fn run(
        root: &Path,
        engine: &str,
        files: &[String],
        env: &[(&str, String)],
    ) -> Result<EngineRun> {
        let started = Instant::now();
        let output = Command::new("node")
            .current_dir(root)
            .args(["--test", "--test-concurrency=1", "--test-reporter=spec"])
            .args(files)
            .env("FOLIO_ENGINE", engine)
            .envs(env.iter().map(|(name, value)| (*name, value)))
            .output()
            .context("could not start node")?;
        Ok(EngineRun {
            engine: engine.to_string(),
            passed: output.status.success(),
            seconds: started.elapsed().as_secs(),
            report: format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ),
        })
    }
}

/// The Chromium suite (`tests/e2e/`, `tests/schema/`) over the release build and the sites
/// made from it.
fn chromium_suite(
    root: &Path,
    site: &Path,
    hostile: &Path,
    embed_host: &serve::Running,
    test_files: &[&str],
) -> Result<()> {
    let faults = serve::Faults {
        plan: root.join("target/xtask/faults.json"),
        log: root.join("target/xtask/requests.log"),
    };
    fs::write(&faults.plan, "{}")?;
    fs::write(&faults.log, "")?;
    // Every other site is a copy of the build made before its pages are prerendered for the
    // test server's address.
    let agreement = AgreementSite::start(site, &root.join("target/xtask/agreement"))?;
    let hosting = HostingSandbox::start(site, &root.join("target/xtask/hosting"))?;
    let imported = ImportSite::start(site, &root.join("target/xtask/import-site"))?;
    let archive = ArchiveSite::start(site, &root.join("target/xtask/archive"))?;
    let offline = OfflineSite::start(site, &root.join("target/xtask/offline"))?;
    let server = serve::start_with_faults(site, 0, Some(faults.clone()))?;
    // Static entry pages for the sample articles, as a publisher's deploy step writes them.
    prerender::run(&prerender::Options {
        site: site.to_path_buf(),
        content: None,
        site_url: server.url.clone(),
        skip_invalid: false,
        feed_entries: prerender::DEFAULT_FEED_ENTRIES,
    })?;
    // The documents the schemas and the decoder must agree on (tests/schema/contract.test.mjs).
    let contract = root.join("target/xtask/contract.jsonl");
    contract::write(&contract, CONTRACT_DOCUMENTS, 1)?;
    run_command(
        Command::new("node")
            .current_dir(root)
            .args(["--test", "--test-concurrency=1"])
            .args(test_files)
            .env("FOLIO_URL", &server.url)
            .env("FOLIO_SITE", site)
            .env("FOLIO_HOSTILE", hostile)
            .env("FOLIO_CONTRACT", &contract)
            .env("FOLIO_EMBED_HOST_URL", &embed_host.url)
            .env("FOLIO_FAULTS_PLAN", &faults.plan)
            .env("FOLIO_FAULTS_LOG", &faults.log)
            .env("FOLIO_AGREEMENT_URL", &agreement.server.url)
            .env("FOLIO_AGREEMENT_SITE", &agreement.dir)
            .env("FOLIO_IMPORT_URL", &imported.server.url)
            .env("FOLIO_IMPORT_SITE", &imported.dir)
            .env("FOLIO_ARCHIVE_URL", &archive.server.url)
            .env("FOLIO_ARCHIVE_SITE", &archive.dir)
            .env("FOLIO_OFFLINE_URL", &offline.url)
            .env("FOLIO_OFFLINE_CONTROL", &offline.control)
            .env("FOLIO_OFFLINE_SITE", &offline.first)
            .envs(hosting.env.iter().map(|(name, value)| (*name, value))),
    )
}

/// How many generated documents the test run gives the schema and the decoder.
const CONTRACT_DOCUMENTS: usize = 100_000;

/// `cargo xtask contract`: the schema-and-decoder comparison alone, over `documents` generated
/// documents from `seed`.
pub fn contract(documents: usize, seed: u64) -> Result<()> {
    let root = project_root();
    setup::npm_packages()?;
    let out = root.join("target/xtask/contract.jsonl");
    fs::create_dir_all(root.join("target/xtask"))?;
    let written = contract::write(&out, documents, seed)?;
    println!("{written} documents written to {}", out.display());
    run_command(
        Command::new("node")
            .current_dir(&root)
            .args(["--test", "tests/schema/contract.test.mjs"])
            .env("FOLIO_CONTRACT", &out),
    )
}

/// Formatting, lints, unit tests and the sample content: everything before the browser.
fn static_checks(root: &Path) -> Result<()> {
    let cargo = || {
        let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        command.current_dir(root);
        command
    };
    step("formatting");
    run_command(cargo().args(["fmt", "--all", "--", "--check"]))?;
    // Clippy in the xtask profile: the build scripts and proc macros the xtask build has
    // compiled already serve it too (in the dev profile each would be compiled again).
    step("clippy");
    run_command(
        cargo()
            .args([
                "clippy",
                "--profile",
                "xtask",
                "--workspace",
                "--exclude",
                "folio",
                "--all-targets",
            ])
            .args(DENY),
    )?;
    // The viewer twice: as the browser runs it, and natively as the prerender step links it
    // (with its unit tests).
    let viewer_builds: [&[&str]; 2] = [
        &["--target", "wasm32-unknown-unknown"],
        &[
            "--no-default-features",
            "--features",
            "ssr",
            "--all-targets",
        ],
    ];
    for build in viewer_builds {
        run_command(
            cargo()
                .args(["clippy", "--profile", "xtask", "--package", "folio"])
                .args(build)
                .args(DENY),
        )?;
    }

    step("unit tests");
    // The xtask profile: its dependencies are already built for the xtask itself.
    run_command(cargo().args([
        "test",
        "--profile",
        "xtask",
        "--package",
        "folio-model",
        "--package",
        "folio-cli",
        "--package",
        "xtask",
    ]))?;
    // The viewer's own unit tests run natively, as the prerender step builds it.
    run_command(cargo().args([
        "test",
        "--profile",
        "xtask",
        "--package",
        "folio",
        "--no-default-features",
        "--features",
        "ssr",
        "--lib",
    ]))?;

    step("sample content");
    let mut samples: Vec<_> = fs::read_dir(root.join("public/content/articles"))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    samples.push(root.join("public/content/index.json"));
    for folder in folio_cli::content::LISTING_FOLDERS {
        let Ok(entries) = fs::read_dir(root.join("public/content").join(folder)) else {
            continue;
        };
        for entry in entries {
            let path = entry?.path();
            if path.is_file() {
                samples.push(path);
            }
        }
    }
    ensure!(
        check::check_files(&samples)?,
        "the sample content has errors"
    );
    // The sample listings are what `folio index` writes of the sample articles today.
    let copy = root.join("target/xtask/sample-content");
    if copy.exists() {
        fs::remove_dir_all(&copy)?;
    }
    dist::copy_dir(&root.join("public/content"), &copy)?;
    let report = ContentFolder::new(&copy)
        .rebuild_index(usize::from(folio_cli::listings::DEFAULT_PAGE_SIZE), false)?;
    ensure!(
        report.documents_written == 0 && report.documents_removed == 0,
        "the sample listings are out of date: run `cargo run -p folio-cli -- index --content \
         public/content`"
    );
    Ok(())
}

/// The release build on nginx, as publishers host it: at a domain root, under `/news/`, and
/// reading its content from another origin that sends CORS headers (nginx) or does not (the
/// xtask's server). The tests find each through an environment variable.
struct HostingSandbox {
    env: Vec<(&'static str, String)>,
    _nginx: nginx::Running,
    _plain_origin: serve::Running,
}

impl HostingSandbox {
    fn start(site: &Path, dir: &Path) -> Result<HostingSandbox> {
        if dir.exists() {
            fs::remove_dir_all(dir)?;
        }
        // Each host gets the build as `dist` writes it; the root and /news/ hosts are
        // prerendered for their own address, as a publisher's deploy step would do.
        let copy = |name: &str| -> Result<PathBuf> {
            let to = dir.join(name);
            dist::copy_dir(site, &to)?;
            Ok(to)
        };
        let url = |port: u16, path: &str| format!("http://127.0.0.1:{port}{path}");
        let root_port = nginx::free_port()?;
        let news_port = nginx::free_port()?;
        let content_port = nginx::free_port()?;
        let cross_port = nginx::free_port()?;
        let plain_port = nginx::free_port()?;

        let root_site = copy("root")?;
        prerender::run(&prerender::Options {
            site: root_site.clone(),
            content: None,
            site_url: url(root_port, "/"),
            skip_invalid: false,
            feed_entries: prerender::DEFAULT_FEED_ENTRIES,
        })?;
        let news_site = copy("news-root/news")?;
        dist::set_base_path(&news_site, "/news/")?;
        prerender::run(&prerender::Options {
            site: news_site.clone(),
            content: None,
            site_url: url(news_port, "/news/"),
            skip_invalid: false,
            feed_entries: prerender::DEFAULT_FEED_ENTRIES,
        })?;
        dist::copy_dir(&site.join("content"), &dir.join("content-origin/content"))?;
        let content_origin = url(content_port, "");
        let cross_site = copy("cross")?;
        write_content_base(&cross_site, &format!("{content_origin}/content/"))?;
        let plain_origin = serve::start_without_cors(&dir.join("content-origin"), 0)?;
        let plain_origin_url = plain_origin.url.trim_end_matches('/').to_string();
        let plain_site = copy("no-cors")?;
        write_content_base(&plain_site, &format!("{plain_origin_url}/content/"))?;

        let server = |port, root: PathBuf, base: &str, content_origin: &str| nginx::Server {
            port,
            root,
            base: base.into(),
            content_origin: content_origin.into(),
        };
        let nginx = nginx::start(
            &dir.join("nginx"),
            &[
                server(root_port, root_site, "/", ""),
                server(news_port, dir.join("news-root"), "/news/", ""),
                server(content_port, dir.join("content-origin"), "/", ""),
                server(cross_port, cross_site, "/", &content_origin),
                server(plain_port, plain_site, "/", &plain_origin_url),
            ],
        )?;
        Ok(HostingSandbox {
            env: vec![
                ("FOLIO_NGINX_URL", url(root_port, "/")),
                ("FOLIO_NGINX_NEWS_URL", url(news_port, "/news/")),
                ("FOLIO_CORS_PAGE_URL", url(cross_port, "/")),
                ("FOLIO_CONTENT_ORIGIN", content_origin),
                ("FOLIO_NO_CORS_PAGE_URL", url(plain_port, "/")),
            ],
            _nginx: nginx,
            _plain_origin: plain_origin,
        })
    }
}

/// A copy of the release build whose content is the sample articles and every case of the
/// hostile corpus, each prerendered: the agreement test compares every such page with what the
/// viewer renders on the plain app shell.
struct AgreementSite {
    dir: PathBuf,
    server: serve::Running,
}

impl AgreementSite {
    fn start(site: &Path, dir: &Path) -> Result<AgreementSite> {
        // The hostile cases the viewer refuses have no page; the agreement test skips them.
        let server = served_copy(site, dir, true, |copy| {
            for case in hostile::cases()? {
                fs::write(
                    copy.join("content/articles")
                        .join(format!("{}.json", case.name)),
                    &case.input,
                )?;
            }
            Ok(())
        })?;
        Ok(AgreementSite {
            dir: dir.to_path_buf(),
            server,
        })
    }
}

/// A copy of the release build whose content folder holds, beside the samples, every article
/// `folio import` makes of `tests/fixtures/import/` (as `expect.json` there lists the imports),
/// indexed and prerendered as a publisher would: `tests/e2e/import.test.mjs` reads each in the
/// viewer.
struct ImportSite {
    dir: PathBuf,
    server: serve::Running,
}

impl ImportSite {
    fn start(site: &Path, dir: &Path) -> Result<ImportSite> {
        let fixtures = project_root().join("tests/fixtures/import");
        let expect: serde_json::Value =
            serde_json::from_slice(&fs::read(fixtures.join("expect.json"))?)?;
        let server = served_copy(site, dir, false, |copy| {
            let content = ContentFolder::new(copy.join("content"));
            for run in expect["imports"].as_array().into_iter().flatten() {
                let format = run["format"].as_str().unwrap_or_default();
                let format = import::Format::from_str(format, true)
                    .map_err(|e| anyhow::anyhow!("expect.json: {e}"))?;
                let inputs: Vec<PathBuf> = run["inputs"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|input| Some(fixtures.join(input.as_str()?)))
                    .collect();
                // Some fixtures fail on purpose (cli/tests/import.rs holds them to that).
                import::run(format, &inputs, &content, &import::Options::default())?;
            }
            content.rebuild_index(usize::from(folio_cli::listings::DEFAULT_PAGE_SIZE), false)?;
            Ok(())
        })?;
        Ok(ImportSite {
            dir: dir.to_path_buf(),
            server,
        })
    }
}

/// A copy of the release build with an archive of articles made from the samples
/// (`archive.rs`), enough for several pages of every listing, indexed and prerendered as a
/// publisher would: `tests/e2e/listing.test.mjs` pages through it.
struct ArchiveSite {
    dir: PathBuf,
    server: serve::Running,
}

impl ArchiveSite {
    /// 95 articles with the samples, ten to a page: the front page holds 15 (5 and a full
    /// page), then come pages 8 to 1.
    const ARTICLES: usize = 95;
    const PAGE_SIZE: usize = 10;

    fn start(site: &Path, dir: &Path) -> Result<ArchiveSite> {
        let server = served_copy(site, dir, false, |copy| {
            let content = copy.join("content");
            let samples = fs::read_dir(content.join("articles"))?.count();
            archive::generate(&content, Self::ARTICLES.saturating_sub(samples))?;
            ContentFolder::new(&content).rebuild_index(Self::PAGE_SIZE, false)?;
            Ok(())
        })?;
        Ok(ArchiveSite {
            dir: dir.to_path_buf(),
            server,
        })
    }
}

/// A copy of the release build for the cross-engine suite (`tests/engines/`), prerendered for
/// its own address, whose pages load scripts from `tests/e2e/host/` first, as a publisher's
/// page loads its ad script: the demo ad filler and the layout recorder (which tells the tests,
/// in any engine, whether anything moved). Its own copy, because the suite runs beside the
/// Chromium tests, which write content into theirs.
struct EnginesSite {
    dir: PathBuf,
    server: serve::Running,
}

impl EnginesSite {
    const HOST_SCRIPTS: [&str; 2] = ["demo-ad-filler.js", "layout-recorder.js"];

    fn start(site: &Path, dir: &Path) -> Result<EnginesSite> {
        let server = served_copy(site, dir, false, |copy| {
            let scripts = project_root().join("tests/e2e/host");
            fs::create_dir_all(copy.join("host"))?;
            let mut tags = String::new();
            for name in Self::HOST_SCRIPTS {
                fs::copy(scripts.join(name), copy.join("host").join(name))?;
                tags.push_str(&format!("<script src=\"host/{name}\"></script>\n"));
            }
            // Without the service worker (`offline.test.mjs` tests it, in Chromium): with it,
            // Firefox now and then reports a request the page aborted as an error of the
            // worker's ("A ServiceWorker intercepted the request and encountered an unexpected
            // error") when the hostile suite moves on quickly (see the offline issue's notes).
            dist::turn_worker_off(copy)?;
            // The app shell, which every prerendered page is made from, and the front page.
            for page in [prerender::APP_SHELL, "index.html"] {
                let html = fs::read_to_string(copy.join(page))?;
                ensure!(html.contains("</head>"), "{page} has no </head>");
                fs::write(
                    copy.join(page),
                    html.replacen("</head>", &format!("{tags}</head>"), 1),
                )?;
            }
            Ok(())
        })?;
        Ok(EnginesSite {
            dir: dir.to_path_buf(),
            server,
        })
    }
}

/// The release build and a second build of it, served one at a time on one port, which the
/// offline test (`tests/e2e/offline.test.mjs`) closes to take the network away (page-level
/// offline emulation does not cover the service worker's own requests) and opens again with
/// either build. The second build differs in its stylesheet only, as a publisher's next deploy
/// looks to the service worker: new hashed names, so a new build id. A control server on
/// another port takes `GET /up/first`, `/up/second` and `/down`, and answers once it is done.
struct OfflineSite {
    url: String,
    control: String,
    /// The first build's folder (the tests change its configuration and content).
    first: PathBuf,
}

impl OfflineSite {
    /// What the second build's stylesheet adds: the test reads it to tell the builds apart.
    const SECOND_BUILD_RULE: &str = "\n:root { --folio-test-build: \"second\"; }\n";

    fn start(site: &Path, dir: &Path) -> Result<OfflineSite> {
        if dir.exists() {
            fs::remove_dir_all(dir)?;
        }
        let first = dir.join("first");
        let second = dir.join("second");
        dist::copy_dir(site, &first)?;
        dist::copy_dir(site, &second)?;
        restyle(&second, Self::SECOND_BUILD_RULE)?;
        let port = nginx::free_port()?;
        let url = format!("http://127.0.0.1:{port}/");
        for build in [&first, &second] {
            prerender::run(&prerender::Options {
                site: build.clone(),
                content: None,
                site_url: url.clone(),
                skip_invalid: false,
                feed_entries: prerender::DEFAULT_FEED_ENTRIES,
            })?;
        }
        let builds = [("first", first.clone()), ("second", second)];
        let serving = Mutex::new(Some(serve::start(&first, port)?));
        let listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
        let control = format!("http://127.0.0.1:{}/", listener.local_addr()?.port());
        // Lives as long as the test run.
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut request = String::new();
                let _ = BufReader::new(&stream).read_line(&mut request);
                let path = request.split_whitespace().nth(1).unwrap_or_default();
                let mut serving = serving
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                let status = match path.strip_prefix("/up/") {
                    _ if path == "/down" => {
                        serving.take();
                        wait_until_closed(port);
                        "200 OK"
                    }
                    Some(name) => match builds.iter().find(|(build, _)| *build == name) {
                        Some((_, folder)) => {
                            serving.take();
                            wait_until_closed(port);
                            *serving = serve::start(folder, port).ok();
                            if serving.is_some() {
                                "200 OK"
                            } else {
                                "500 Internal Server Error"
                            }
                        }
                        None => "404 Not Found",
                    },
                    None => "404 Not Found",
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Length: 0\r\nAccess-Control-Allow-Origin: *\r\nConnection: close\r\n\r\n"
                );
            }
        });
        Ok(OfflineSite {
            url,
            control,
            first,
        })
    }
}

/// Waits until nothing listens on `port` any more.
fn wait_until_closed(port: u16) {
    for _ in 0..200 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// Makes `site` a new build that differs in its stylesheet only: `rule` is added to it, under its
/// new hashed name in the entry pages (with its integrity) and in the service worker.
fn restyle(site: &Path, rule: &str) -> Result<()> {
    let assets = site.join("assets");
    let old_name = fs::read_dir(&assets)?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .find(|name| {
            // `folio-<hash>.css`, not the embed's `folio-embed-<hash>.css`.
            name.strip_prefix("folio-")
                .and_then(|rest| rest.strip_suffix(".css"))
                .is_some_and(|hash| hash.chars().all(|c| c.is_ascii_hexdigit()))
        })
        .context("the build has no stylesheet")?;
    let old = fs::read(assets.join(&old_name))?;
    let new = [old.as_slice(), rule.as_bytes()].concat();
    let new_name = dist::hashed_name("folio", "css", &new);
    fs::write(assets.join(&new_name), &new)?;
    for page in ["index.html", prerender::APP_SHELL] {
        let html = fs::read_to_string(site.join(page))?
            .replace(&old_name, &new_name)
            .replace(&dist::integrity(&old), &dist::integrity(&new));
        fs::write(site.join(page), html)?;
    }
    let worker = fs::read_to_string(site.join(dist::SERVICE_WORKER))?;
    let shell = worker
        .split_once("const SHELL = ")
        .and_then(|(_, rest)| rest.split_once(";\n"))
        .context("sw.js has no SHELL")?
        .0;
    let shell: Vec<String> = serde_json::from_str::<Vec<String>>(shell)?
        .into_iter()
        .map(|file| file.replace(&old_name, &new_name))
        .collect();
    dist::write_service_worker(site, &shell)?;
    // The old stylesheet and every precompressed copy of what changed go: the test server
    // sends the files themselves.
    for stale in [
        format!("assets/{old_name}"),
        format!("assets/{old_name}.br"),
        format!("assets/{old_name}.gz"),
    ] {
        let _ = fs::remove_file(site.join(stale));
    }
    for file in ["index.html", prerender::APP_SHELL, dist::SERVICE_WORKER] {
        for extension in ["br", "gz"] {
            let _ = fs::remove_file(site.join(format!("{file}.{extension}")));
        }
    }
    Ok(())
}

/// A fresh copy of the release build in `dir`, changed by `fill` (given the copy's folder),
/// served on loopback and prerendered for that address (past unreadable documents with
/// `skip_invalid`).
fn served_copy(
    site: &Path,
    dir: &Path,
    skip_invalid: bool,
    fill: impl FnOnce(&Path) -> Result<()>,
) -> Result<serve::Running> {
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    dist::copy_dir(site, dir)?;
    fill(dir)?;
    let server = serve::start(dir, 0)?;
    prerender::run(&prerender::Options {
        site: dir.to_path_buf(),
        content: None,
        site_url: server.url.clone(),
        skip_invalid,
        feed_entries: prerender::DEFAULT_FEED_ENTRIES,
    })?;
    Ok(server)
}

/// Points a site's configuration at content on another origin.
fn write_content_base(site: &Path, base: &str) -> Result<()> {
    let config = serde_json::json!({ "content": { "base": base } });
    fs::write(
        site.join("folio.config.json"),
        serde_json::to_string_pretty(&config)?,
    )?;
    Ok(())
}

const DENY: [&str; 3] = ["--", "-D", "warnings"];

/// Prints a step's name and when it starts, so a slow run shows where its time went.
fn step(name: &str) {
    let started = RUN_STARTED.get_or_init(Instant::now).elapsed().as_secs();
    println!("\n== {name} == ({}m{:02}s)", started / 60, started % 60);
}

static RUN_STARTED: OnceLock<Instant> = OnceLock::new();
