//! The release build: one folder, `dist/`, that a publisher copies to any static host.
//!
//! wasm (release profile, `wasm-opt -Oz`) → JS glue (wasm-bindgen, as a library; terser) →
//! content-hashed file names → `index.html` with integrity attributes and a preload of the
//! wasm → `404.html` → precompressed `.br` and `.gz` beside every asset → a size report.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, ensure};
use base64::Engine as _;
use folio::site::EMBED_SCRIPT;
use folio_cli::compress::{Effort, append_extension, brotli, gzip};
use sha2::{Digest, Sha256, Sha384};

use crate::project_root;
use crate::setup::{output, run};

pub struct Options {
    /// The URL path the site is served under, e.g. `/` or `/news/`.
    pub base_path: String,
    pub out_dir: PathBuf,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            base_path: "/".into(),
            out_dir: project_root().join("dist"),
        }
    }
}

/// Where index.html gets the asset tags.
const ASSETS_MARKER: &str = "<!-- folio:assets -->";
/// Where index.html gets the viewer's last resort (`components::LastResort`).
const LAST_RESORT_MARKER: &str = "<!-- folio:last-resort -->";
/// The base element index.html is written with; the build sets its path.
const BASE_ELEMENT: &str = r#"<base href="/" />"#;
/// What the build writes into the embed script (`folio::site::EMBED_SCRIPT`, a stable name:
/// other sites link to it).
const GLUE_PLACEHOLDER: &str = "%FOLIO_GLUE%";
/// The service worker (at the site's base, so its scope is the whole site) and what the build
/// writes into it.
pub const SERVICE_WORKER: &str = "sw.js";
const BUILD_PLACEHOLDER: &str = "%FOLIO_BUILD%";
const SHELL_PLACEHOLDER: &str = "\"%FOLIO_SHELL%\"";
const APP_SHELL_PLACEHOLDER: &str = "%FOLIO_APP_SHELL%";
const EMBED_CSS_PLACEHOLDER: &str = "%FOLIO_EMBED_CSS%";
/// The oldest wasm-opt known to produce working modules for this toolchain (Debian's 108 does
/// not: its output fails in the browser while the build looks fine).
const MIN_WASM_OPT_VERSION: u32 = 116;

/// Builds the site into `options.out_dir` and returns that folder.
pub fn build(options: &Options) -> Result<PathBuf> {
    let root = project_root();
    let base_path = normalize_base_path(&options.base_path)?;

    run(Command::new(env_cargo()).current_dir(&root).args([
        "build",
        "--release",
        "--target",
        "wasm32-unknown-unknown",
        "--package",
        "folio",
    ]))?;

    let staging = root.join("target/xtask/bindgen");
    recreate_dir(&staging)?;
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(root.join("target/wasm32-unknown-unknown/release/folio-viewer.wasm"))
        .web(true)?
        .typescript(false)
        .out_name("folio")
        .generate(&staging)
        .context("wasm-bindgen")?;
    let wasm = optimize_wasm(&root, &staging.join("folio_bg.wasm"))?;

    let out = &options.out_dir;
    recreate_dir(out)?;
    copy_dir(&root.join("public"), out)?;
    // Content-hashed files go under assets/, so a host can cache that folder forever.
    let assets = out.join(ASSETS_DIR);
    fs::create_dir_all(&assets)?;
    if staging.join("snippets").is_dir() {
        copy_dir(&staging.join("snippets"), &assets.join("snippets"))?;
    }

    let wasm_name = hashed_name("folio", "wasm", &wasm);
    fs::write(assets.join(&wasm_name), &wasm)?;
    let js = fs::read_to_string(staging.join("folio.js"))?;
    ensure!(
        js.contains("async function __wbg_init("),
        "wasm-bindgen's glue has no __wbg_init"
    );
    refuse_html_sinks(&js)?;
    // The module fetches the wasm from beside itself (so any base path works) and starts it:
    // no inline script is needed, which keeps the CSP strict. On the entry page the wasm then
    // mounts the app; `folio-embed.js` waits for `ready` instead. A prerendered page paints
    // from its HTML, so there the wasm is fetched after that first paint, not in competition
    // with the page's stylesheet and images (its hero is the largest paint).
    let prerendered = folio::prerender::PRERENDERED_ID;
    let js = format!(
        "{js}\nconst painted = document.getElementById('{prerendered}') ? new Promise((done) => requestAnimationFrame(() => setTimeout(done))) : Promise.resolve();\n\
         export const ready = painted.then(() => __wbg_init({{ module_or_path: new URL('{wasm_name}', import.meta.url) }}));\n"
    );
    let js = minify_js(&root, &staging, &js)?;
    let js_name = hashed_name("folio", "js", js.as_bytes());
    fs::write(assets.join(&js_name), &js)?;
    let settings_js = fs::read_to_string(root.join("src/reader-settings.js"))?;
    let settings_name = hashed_name("reader-settings", "js", settings_js.as_bytes());
    fs::write(assets.join(&settings_name), &settings_js)?;
    let css = fs::read_to_string(root.join("style/main.css"))?;
    let css_name = hashed_name("folio", "css", css.as_bytes());
    fs::write(assets.join(&css_name), &css)?;
    let embed_css = format!(
        "{}\n{}",
        fs::read_to_string(root.join("style/embed.css"))?,
        rem_to_px(&css)
    );
    let embed_css_name = hashed_name("folio-embed", "css", embed_css.as_bytes());
    fs::write(assets.join(&embed_css_name), &embed_css)?;
    let embed_js = fs::read_to_string(root.join("src/embed/folio-embed.js"))?;
    for placeholder in [GLUE_PLACEHOLDER, EMBED_CSS_PLACEHOLDER] {
        ensure!(
            embed_js.contains(placeholder),
            "folio-embed.js lacks {placeholder}"
        );
    }
    let embed_js = embed_js
        .replace(GLUE_PLACEHOLDER, &format!("{ASSETS_DIR}/{js_name}"))
        .replace(
            EMBED_CSS_PLACEHOLDER,
            &format!("{ASSETS_DIR}/{embed_css_name}"),
        );
    fs::write(out.join(EMBED_SCRIPT), &embed_js)?;

    let template = fs::read_to_string(root.join("index.html"))?;
    ensure!(
        template.contains(ASSETS_MARKER),
        "index.html lacks {ASSETS_MARKER}"
    );
    ensure!(
        template.contains(BASE_ELEMENT),
        "index.html lacks {BASE_ELEMENT}"
    );
    // The settings script first: it must run before the first paint, and it is tiny.
    let tags = format!(
        "<script src=\"{ASSETS_DIR}/{settings_name}\" integrity=\"{}\"></script>\n    \
         <link rel=\"stylesheet\" href=\"{ASSETS_DIR}/{css_name}\" integrity=\"{}\" />\n    \
         <link rel=\"preload\" href=\"{ASSETS_DIR}/{wasm_name}\" as=\"fetch\" type=\"application/wasm\" crossorigin />\n    \
         <script type=\"module\" src=\"{ASSETS_DIR}/{js_name}\" integrity=\"{}\"></script>",
        integrity(settings_js.as_bytes()),
        integrity(css.as_bytes()),
        integrity(js.as_bytes()),
    );
    ensure!(
        template.contains(LAST_RESORT_MARKER),
        "index.html lacks {LAST_RESORT_MARKER}"
    );
    let html = template.replace(ASSETS_MARKER, &tags).replace(
        LAST_RESORT_MARKER,
        &folio::prerender::app_shell_last_resort(),
    );
    fs::write(out.join("index.html"), &html)?;
    // The app shell: every path without a page of its own gets it (the recipes' fallback, and
    // GitHub Pages' 404), and `folio prerender` makes its pages from it. `index.html` becomes
    // the prerendered front page.
    fs::write(out.join(folio_cli::prerender::APP_SHELL), &html)?;
    let mut shell = vec![
        folio_cli::prerender::APP_SHELL.to_string(),
        "favicon.svg".to_string(),
    ];
    shell.extend(
        [&wasm_name, &js_name, &css_name, &settings_name]
            .map(|name| format!("{ASSETS_DIR}/{name}")),
    );
    shell.extend(snippet_files(&assets)?);
    write_service_worker(out, &shell)?;
    set_base_path(out, &base_path)?;

    precompress(out, out)?;
    println!("\nWhat the article page loads:");
    print_sizes(&assets, &[&wasm_name, &js_name, &css_name, &settings_name])?;
    println!("What a page with embeds loads (the same wasm and JS glue, plus):");
    print_sizes(
        out,
        &[EMBED_SCRIPT, &format!("{ASSETS_DIR}/{embed_css_name}")],
    )?;
    println!("Site written to {} (base path {base_path})", out.display());
    Ok(out.clone())
}

/// Writes `sw.js` (`src/sw.js`) for the app shell `shell` (paths relative to the site): its
/// build id is made of those names, which change with every file's content, so a new build has
/// a new id and caches of its own.
pub fn write_service_worker(site: &Path, shell: &[String]) -> Result<()> {
    let template = fs::read_to_string(project_root().join("src/sw.js"))?;
    for placeholder in [BUILD_PLACEHOLDER, SHELL_PLACEHOLDER, APP_SHELL_PLACEHOLDER] {
        ensure!(
            template.contains(placeholder),
            "src/sw.js lacks {placeholder}"
        );
    }
    let build = short_hash(shell.join("\n").as_bytes());
    let script = template
        .replace(BUILD_PLACEHOLDER, &build)
        .replace(SHELL_PLACEHOLDER, &serde_json::to_string(shell)?)
        .replace(APP_SHELL_PLACEHOLDER, folio_cli::prerender::APP_SHELL);
    fs::write(site.join(SERVICE_WORKER), script)?;
    Ok(())
}

/// The JS snippets wasm-bindgen copied under `assets/snippets/`, relative to the site.
fn snippet_files(assets: &Path) -> Result<Vec<String>> {
    let mut files = Vec::new();
    let mut folders = vec![assets.join("snippets")];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                folders.push(path);
            } else if let Ok(relative) = path.strip_prefix(assets) {
                files.push(format!("{ASSETS_DIR}/{}", relative.display()));
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Points a built site at another base path. Only the entry pages change: the wasm, JS and CSS
/// are the same bytes for every host, so a built site can be moved under a sub-path without
/// building again.
pub fn set_base_path(site: &Path, base_path: &str) -> Result<()> {
    let base_path = normalize_base_path(base_path)?;
    for page in ENTRY_PAGES {
        let path = site.join(page);
        let html = fs::read_to_string(&path)?;
        let start = html
            .find("<base href=\"")
            .context("no <base href> in the entry page")?;
        let value_start = start + "<base href=\"".len();
        let value_end = html[value_start..]
            .find('"')
            .context("unterminated <base href>")?
            + value_start;
        let html = format!("{}{base_path}{}", &html[..value_start], &html[value_end..]);
        fs::write(&path, &html)?;
        for (extension, compressed) in [
            ("br", brotli(html.as_bytes(), Effort::Smallest)?),
            ("gz", gzip(html.as_bytes(), Effort::Smallest)?),
        ] {
            let copy = append_extension(&path, extension);
            if copy.exists() {
                fs::write(copy, compressed)?;
            }
        }
    }
    Ok(())
}

/// The pages that start the app.
const ENTRY_PAGES: [&str; 2] = ["index.html", folio_cli::prerender::APP_SHELL];

fn env_cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// `news` → `/news/`; the base element needs both slashes.
fn normalize_base_path(path: &str) -> Result<String> {
    let trimmed = path.trim_matches('/');
    ensure!(
        trimmed
            .split('/')
            .all(|s| !s.is_empty() && s != "." && s != "..")
            || trimmed.is_empty(),
        "--base-path {path:?} is not a plain URL path such as /news/"
    );
    Ok(if trimmed.is_empty() {
        "/".into()
    } else {
        format!("/{trimmed}/")
    })
}

/// The DOM's ways of turning a string into markup or script, which Trusted Types guards. The
/// viewer builds pages from elements and text nodes only, so its glue imports none of them and
/// needs no policy for them (`src/trusted_types.rs`). The view layer builds an element whose
/// attributes and children are all literals from a template filled through `innerHTML`: a view
/// that writes one brings the sink back, and then the build stops here rather than the page
/// under a Trusted Types CSP.
const HTML_SINKS: [&str; 8] = [
    "innerHTML",
    "outerHTML",
    "insertAdjacentHTML",
    "setHTMLUnsafe",
    "parseHTMLUnsafe",
    "createContextualFragment",
    "parseFromString",
    "srcdoc",
];

fn refuse_html_sinks(glue: &str) -> Result<()> {
    let used: Vec<&str> = HTML_SINKS
        .into_iter()
        .filter(|sink| glue.contains(sink))
        .collect();
    ensure!(
        used.is_empty(),
        "the viewer's JS glue can assign {} (Trusted Types would block it and abort the \
         viewer): a view probably has an element whose attributes and children are all \
         literals, which the view layer builds with innerHTML; make one of its attributes a \
         value (see components/skeleton.rs)",
        used.join(", ")
    );
    Ok(())
}

/// npm's terser over an ES module: wasm-bindgen's glue is written to be read, and minified it
/// is less than half the bytes (about 2 KB less brotli) and quicker to parse.
fn minify_js(root: &Path, staging: &Path, js: &str) -> Result<String> {
    let input = staging.join("glue.js");
    let output = staging.join("glue.min.js");
    fs::write(&input, js)?;
    run(Command::new("node")
        .arg(root.join("node_modules/terser/bin/terser"))
        .arg(&input)
        .args(["--module", "--compress", "--mangle", "--output"])
        .arg(&output))?;
    Ok(fs::read_to_string(output)?)
}

/// Runs npm's binaryen `wasm-opt -Oz` and returns the optimised module.
fn optimize_wasm(root: &Path, input: &Path) -> Result<Vec<u8>> {
    let wasm_opt = root.join("node_modules/.bin/wasm-opt");
    let version = output(Command::new(&wasm_opt).arg("--version"))?;
    let number: u32 = version
        .split_whitespace()
        .find_map(|word| word.parse().ok())
        .with_context(|| format!("unexpected wasm-opt version {version:?}"))?;
    ensure!(
        number >= MIN_WASM_OPT_VERSION,
        "wasm-opt {number} is too old; run npm ci"
    );
    let optimized = input.with_extension("opt.wasm");
    run(Command::new(&wasm_opt)
        .arg("-Oz")
        // The features rustc enables by default for wasm32-unknown-unknown.
        .args([
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
        ])
        .arg(input)
        .arg("-o")
        .arg(&optimized))?;
    Ok(fs::read(optimized)?)
}

/// `folio-<16 hex digits of SHA-256>.<extension>`: a new name whenever the content changes, so
/// hosts can cache assets forever.
pub fn hashed_name(stem: &str, extension: &str, bytes: &[u8]) -> String {
    format!("{stem}-{}.{extension}", short_hash(bytes))
}

/// 16 hex digits of the bytes' SHA-256.
fn short_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(8)
        .fold(String::new(), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

/// A Subresource Integrity value.
pub fn integrity(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

/// The stylesheet with every `rem` length turned into px (at 16 px to the rem), for the shadow
/// root of `<folio-article>`: there, rem is the host page's root font size.
fn rem_to_px(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find("rem") {
        let (before, after) = rest.split_at(at);
        // The number right before "rem", if the "rem" ends a length (not e.g. "remove").
        let number_start = before
            .char_indices()
            .rev()
            .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let number = &before[number_start..];
        let ends_length = !after[3..].starts_with(|c: char| c.is_alphanumeric() || c == '-');
        match number.parse::<f64>() {
            Ok(value) if ends_length && !number.is_empty() => {
                out.push_str(&before[..number_start]);
                let _ = write!(out, "{}px", value * 16.0);
            }
            _ => out.push_str(&rest[..at + 3]),
        }
        rest = &after[3..];
    }
    out.push_str(rest);
    out
}

/// Writes `.br` and `.gz` beside every text and wasm file the build made, except the files a
/// publisher edits in place (`content/` and `folio.config.json`): a stale precompressed copy
/// would be served instead of the edited file.
fn precompress(dir: &Path, out: &Path) -> Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path == out.join("content") || path == out.join(CONFIG_FILE) {
            continue;
        }
        if path.is_dir() {
            precompress(&path, out)?;
            continue;
        }
        let compressible = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            [
                "html",
                "js",
                "css",
                "wasm",
                "json",
                "svg",
                "xml",
                "txt",
                "webmanifest",
            ]
            .contains(&e)
        });
        if compressible {
            let bytes = fs::read(&path)?;
            fs::write(
                append_extension(&path, "br"),
                brotli(&bytes, Effort::Smallest)?,
            )?;
            fs::write(
                append_extension(&path, "gz"),
                gzip(&bytes, Effort::Smallest)?,
            )?;
        }
    }
    Ok(())
}

/// Where the content-hashed files go, relative to the site.
const ASSETS_DIR: &str = "assets";

/// The publisher's run-time configuration, beside the entry page.
const CONFIG_FILE: &str = "folio.config.json";

/// Prints raw, gzip and brotli sizes of what the article page loads.
fn print_sizes(out: &Path, names: &[&str]) -> Result<()> {
    println!(
        "\n{:<32} {:>10} {:>10} {:>10}",
        "asset", "raw", "gzip", "brotli"
    );
    let mut totals = [0usize; 3];
    for name in names {
        let raw = fs::metadata(out.join(name))?.len() as usize;
        let gzip = fs::metadata(out.join(format!("{name}.gz")))?.len() as usize;
        let brotli = fs::metadata(out.join(format!("{name}.br")))?.len() as usize;
        for (total, size) in totals.iter_mut().zip([raw, gzip, brotli]) {
            *total += size;
        }
        println!("{name:<32} {raw:>10} {gzip:>10} {brotli:>10}");
    }
    let [raw, gzip, brotli] = totals;
    println!("{:<32} {raw:>10} {gzip:>10} {brotli:>10}\n", "total");
    Ok(())
}

fn recreate_dir(dir: &Path) -> Result<()> {
    if dir.exists() {
        fs::remove_dir_all(dir).with_context(|| format!("removing {}", dir.display()))?;
    }
    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))
}

pub fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// Sets `offline.enabled: false` in the site's configuration.
pub fn turn_worker_off(site: &Path) -> Result<()> {
    let config = site.join(folio::site::CONFIG_FILE);
    let mut settings: serde_json::Value = serde_json::from_slice(&fs::read(&config)?)?;
    settings["offline"] = serde_json::json!({ "enabled": false });
    fs::write(&config, serde_json::to_string_pretty(&settings)?)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths_are_normalized() {
        assert_eq!(normalize_base_path("/").unwrap(), "/");
        assert_eq!(normalize_base_path("").unwrap(), "/");
        assert_eq!(normalize_base_path("news").unwrap(), "/news/");
        assert_eq!(normalize_base_path("/a/b/").unwrap(), "/a/b/");
        assert!(normalize_base_path("/../x/").is_err());
        assert!(normalize_base_path("/a//b/").is_err());
    }

    #[test]
    fn rem_lengths_become_px() {
        assert_eq!(
            rem_to_px("a { margin: 1.5rem 0 2rem; width: calc(100% - .5rem) }"),
            "a { margin: 24px 0 32px; width: calc(100% - 8px) }"
        );
        assert_eq!(
            rem_to_px("@media (min-width: 48rem) { .remove-rem { x: rem } }"),
            "@media (min-width: 768px) { .remove-rem { x: rem } }"
        );
    }

    #[test]
    fn names_change_with_content() {
        let a = hashed_name("folio", "js", b"a");
        assert!(a.starts_with("folio-") && a.ends_with(".js") && a.len() == "folio-.js".len() + 16);
        assert_ne!(a, hashed_name("folio", "js", b"b"));
    }
}
