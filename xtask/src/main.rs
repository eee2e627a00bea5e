//! Folio's automation, in one place: `cargo xtask <command>`.
//!
//! Each command does its own set-up (the wasm target, npm packages, Chromium), so a fresh
//! machine with rustup, Node.js and apt needs nothing else.

mod archive;
mod bench;
mod contract;
mod dist;
mod fuzz;
mod hostile;
mod nginx;
mod setup;
mod test;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use folio_cli::{prerender, serve};

const HELP: &str = "\
Usage: cargo xtask <command> [options]

Commands:
  serve [--port N]           build the site and serve it with the sample content
                             on http://127.0.0.1:N/ (default 8080)
  test [--engine E] [FILE...]
                             run every test: formatting, lints, unit tests, browser tests
                             (tests/engines/ in Chromium, Firefox and WebKit; --engine
                             chromium|firefox|webkit: in that one); with files (e.g.
                             tests/e2e/embed.test.mjs), only the release build and those
                             browser tests
  dist [--base-path /P/] [--site-url URL]
                             release build of the deployable site into dist/
                             (--base-path: the path the site is hosted under; default /;
                             --site-url: prerender the articles for that address too)
  bench [--runs N]           measure the release build beside static HTML in headless
                             Chromium (sizes, cold loads throttled and not, navigation,
                             a 2,000-block article, memory, Lighthouse) against the
                             budgets; median of N cold loads (default 7)
  bench --archive N          generate an archive of N articles from the samples, run
                             folio index and folio prerender in full and after one
                             change; time, peak memory, bytes, listing sizes, budgets
  contract [--documents N] [--seed S]
                             the JSON Schemas and the decoder, side by side over N generated
                             documents (default 1,000,000; the tests run 100,000)
  fuzz [--seconds N] [--target T]
                             coverage-guided fuzzing (cargo-fuzz, a pinned nightly; both
                             installed on first use) of each target for N s (default 60):
                             executions, coverage and any crash
  help                       this text

The publisher's commands (import, index, new, check, prerender, serve) are `folio`'s:
  cargo run --release -p folio-cli -- help
";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Vec<String>) -> Result<ExitCode> {
    let (command, options) = args
        .split_first()
        .map_or(("help", &[][..]), |(c, o)| (c.as_str(), o));
    match command {
        "serve" => {
            let port = option(options, "--port")?
                .map_or(Ok(8080), |p| p.parse())
                .context("--port")?;
            setup::wasm_target()?;
            setup::npm_packages()?;
            let site = dist::build(&dist::Options::default())?;
            prerender::run(&prerender::Options {
                site: site.clone(),
                content: None,
                site_url: format!("http://127.0.0.1:{port}/"),
                skip_invalid: false,
                feed_entries: prerender::DEFAULT_FEED_ENTRIES,
            })?;
            serve::preview(&site, None, port)?;
            Ok(ExitCode::SUCCESS)
        }
        "dist" => {
            let site_url = option(options, "--site-url")?;
            // The site address names the base path; --base-path alone is for sites that are
            // not prerendered.
            let base_path = match (&site_url, option(options, "--base-path")?) {
                (Some(url), _) => url
                    .split_once("://")
                    .and_then(|(_, rest)| rest.find('/').map(|at| rest[at..].to_string()))
                    .unwrap_or_else(|| "/".into()),
                (None, base_path) => base_path.unwrap_or_else(|| "/".into()),
            };
            setup::wasm_target()?;
            setup::npm_packages()?;
            let site = dist::build(&dist::Options {
                base_path,
                ..dist::Options::default()
            })?;
            if let Some(site_url) = site_url {
                prerender::run(&prerender::Options {
                    site,
                    content: None,
                    site_url,
                    skip_invalid: false,
                    feed_entries: prerender::DEFAULT_FEED_ENTRIES,
                })?;
            }
            Ok(ExitCode::SUCCESS)
        }
        "test" => {
            let engine = option(options, "--engine")?;
            let engines = match &engine {
                Some(engine) if !test::ENGINES.contains(&engine.as_str()) => {
                    bail!("--engine: expected one of {}", test::ENGINES.join(", "))
                }
                Some(engine) => vec![engine.as_str()],
                None => test::ENGINES.to_vec(),
            };
            let files: Vec<String> = options
                .iter()
                .filter(|o| engine.as_ref() != Some(o) && o.as_str() != "--engine")
                .cloned()
                .collect();
            test::run(&files, &engines).map(|()| ExitCode::SUCCESS)
        }
        "bench" if options.first().is_some_and(|o| o == "--archive") => {
            let count = option(options, "--archive")?
                .context("--archive needs a number of articles")?
                .parse()
                .context("--archive")?;
            archive::bench(count).map(|()| ExitCode::SUCCESS)
        }
        "bench" => {
            let runs = option(options, "--runs")?
                .map_or(Ok(7), |n| n.parse())
                .context("--runs")?;
            bench::run(runs).map(|()| ExitCode::SUCCESS)
        }
        "contract" => {
            let documents = option(options, "--documents")?
                .map_or(Ok(1_000_000), |n| n.parse())
                .context("--documents")?;
            let seed = option(options, "--seed")?
                .map_or(Ok(1), |n| n.parse())
                .context("--seed")?;
            test::contract(documents, seed).map(|()| ExitCode::SUCCESS)
        }
        "fuzz" => {
            let seconds = option(options, "--seconds")?
                .map_or(Ok(60), |n| n.parse())
                .context("--seconds")?;
            let target = option(options, "--target")?;
            fuzz::run(seconds, target.as_deref()).map(|()| ExitCode::SUCCESS)
        }
        "help" | "--help" | "-h" => {
            print!("{HELP}");
            Ok(ExitCode::SUCCESS)
        }
        other => bail!("unknown command {other:?}\n\n{HELP}"),
    }
}

/// The value after `name` in `options`, if given.
fn option(options: &[String], name: &str) -> Result<Option<String>> {
    match options.iter().position(|o| o == name) {
        None => Ok(None),
        Some(at) => match options.get(at + 1) {
            Some(value) => Ok(Some(value.clone())),
            None => bail!("{name} needs a value"),
        },
    }
}

/// The repository root (the xtask crate lives one level below it).
fn project_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(PathBuf::from)
        .unwrap_or(manifest_dir)
}
