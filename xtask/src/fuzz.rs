//! `cargo xtask fuzz`: coverage-guided fuzzing (libFuzzer, through cargo-fuzz) of the code that
//! reads what publishers and servers send: the article, listing and configuration decoders, the
//! URL filter and the timestamp parser (`fuzz/fuzz_targets/`). Besides "never panics", each
//! target checks promises against rules written apart from the model (`fuzz/src/lib.rs`).
//!
//! It installs the pinned nightly and cargo-fuzz itself, seeds each target from the samples and
//! the hostile corpus, runs the targets side by side (one per core) for the given time with
//! the format's dictionary (`fuzz/folio.dict`), and reports executions, coverage and crashes.
//! The corpus each run grows is kept in `target/fuzz/corpus/` for the next; a crashing input is
//! written to `target/fuzz/artifacts/<target>/`, and belongs in the hostile corpus once fixed.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::{hostile, project_root, setup};

/// The nightly the fuzz targets build with (pinned: a fuzzing run is comparable to the last).
const NIGHTLY: &str = "nightly-2026-04-01";
const CARGO_FUZZ: &str = "0.13.1";
const TARGETS: [&str; 5] = [
    "decode_article",
    "decode_index",
    "decode_config",
    "url_filter",
    "timestamp",
];
/// Long enough for any document a test has; the giants only slow the fuzzer down.
const MAX_INPUT: usize = 65_536;

/// One target's run.
struct Outcome {
    target: &'static str,
    executions: String,
    coverage: String,
    features: String,
    corpus: String,
    crash: Option<PathBuf>,
}

/// Runs every target (or `only`) for `seconds` each, as many at a time as there are cores.
pub fn run(seconds: u64, only: Option<&str>) -> Result<()> {
    let targets: Vec<&'static str> = match only {
        Some(name) => vec![
            *TARGETS
                .iter()
                .find(|target| **target == name)
                .with_context(|| format!("no fuzz target {name:?}; there are {TARGETS:?}"))?,
        ],
        None => TARGETS.to_vec(),
    };
    setup::fuzzing(NIGHTLY, CARGO_FUZZ)?;
    let root = project_root();
    let work = root.join("target/fuzz");
    write_seeds(&work.join("seeds"))?;
    setup::run(fuzz_command(&root).args(["build", "-O"]))?;

    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    println!(
        "fuzzing {} targets for {seconds} s each, {cores} at a time",
        targets.len()
    );
    let mut outcomes = Vec::new();
    for batch in targets.chunks(cores) {
        let results: Vec<Result<Outcome>> = std::thread::scope(|scope| {
            let handles: Vec<_> = batch
                .iter()
                .map(|target| {
                    let (root, work) = (&root, &work);
                    scope.spawn(move || run_target(root, work, target, seconds))
                })
                .collect();
            handles
                .into_iter()
                .map(|handle| {
                    handle
                        .join()
                        .unwrap_or_else(|_| bail!("a fuzzing thread panicked"))
                })
                .collect()
        });
        for result in results {
            outcomes.push(result?);
        }
    }

    println!(
        "\n{:<16} {:>14} {:>10} {:>10} {:>16}  crash",
        "target", "executions", "coverage", "features", "corpus"
    );
    for outcome in &outcomes {
        println!(
            "{:<16} {:>14} {:>10} {:>10} {:>16}  {}",
            outcome.target,
            outcome.executions,
            outcome.coverage,
            outcome.features,
            outcome.corpus,
            outcome
                .crash
                .as_ref()
                .map_or("none".into(), |path| path.display().to_string())
        );
    }
    let crashes = outcomes.iter().filter(|o| o.crash.is_some()).count();
    if crashes > 0 {
        bail!("{crashes} target(s) crashed: the inputs are above; add each to the hostile corpus");
    }
    Ok(())
}

fn fuzz_command(root: &Path) -> Command {
    let mut command = Command::new("cargo");
    command
        .current_dir(root.join("fuzz"))
        .arg(format!("+{NIGHTLY}"))
        .arg("fuzz");
    command
}

fn run_target(root: &Path, work: &Path, target: &'static str, seconds: u64) -> Result<Outcome> {
    let corpus = work.join("corpus").join(target);
    let artifacts = work.join("artifacts").join(target);
    fs::create_dir_all(&corpus)?;
    fs::create_dir_all(&artifacts)?;
    let log = work.join(format!("{target}.log"));
    let output = fuzz_command(root)
        .args(["run", "-O", target])
        .arg(&corpus)
        .arg(work.join("seeds").join(target))
        .arg("--")
        .arg(format!("-max_total_time={seconds}"))
        .arg(format!("-max_len={MAX_INPUT}"))
        .arg(format!("-dict={}", root.join("fuzz/folio.dict").display()))
        .arg(format!("-artifact_prefix={}/", artifacts.display()))
        .arg("-print_final_stats=1")
        .output()
        .with_context(|| format!("running the fuzz target {target}"))?;
    let text = String::from_utf8_lossy(&output.stderr).into_owned();
    fs::write(&log, &text)?;
    // libFuzzer's last status line: `#1358319 DONE cov: 265 ft: 397 corp: 127/10683b ...`.
    let last = text
        .lines()
        .rev()
        .find(|line| line.starts_with('#') && line.contains(" cov: "))
        .unwrap_or_default();
    let field = |name: &str| {
        last.split_whitespace()
            .skip_while(|word| *word != name)
            .nth(1)
            .unwrap_or("?")
            .to_string()
    };
    let crash = if output.status.success() {
        None
    } else {
        let found = fs::read_dir(&artifacts)?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .max_by_key(|path| path.metadata().and_then(|m| m.modified()).ok());
        Some(found.unwrap_or(log))
    };
    Ok(Outcome {
        target,
        executions: last
            .split_whitespace()
            .next()
            .unwrap_or("#?")
            .trim_start_matches('#')
            .to_string(),
        coverage: field("cov:"),
        features: field("ft:"),
        corpus: field("corp:"),
        crash,
    })
}

/// Each target's seeds: whole documents for the decoders, the URL and timestamp strings found in
/// them for the URL filter and the timestamp parser.
fn write_seeds(dir: &Path) -> Result<()> {
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    let root = project_root();
    let content = root.join("public/content");
    let mut articles: Vec<Vec<u8>> = Vec::new();
    for entry in fs::read_dir(content.join("articles"))? {
        articles.push(fs::read(entry?.path())?);
    }
    articles.extend(
        hostile::cases()?
            .into_iter()
            .map(|case| case.input)
            .filter(|input| input.len() <= MAX_INPUT),
    );
    let mut listings = vec![fs::read(content.join("index.json"))?];
    for folder in folio_cli::content::LISTING_FOLDERS {
        for entry in fs::read_dir(content.join(folder)).into_iter().flatten() {
            let path = entry?.path();
            if path.is_file() {
                listings.push(fs::read(path)?);
            }
        }
    }
    let configs = vec![fs::read(root.join("public/folio.config.json"))?];
    let (mut urls, mut timestamps) = (Vec::new(), Vec::new());
    for document in articles.iter().chain(&listings) {
        if let Ok(value) = serde_json::from_slice::<Value>(document) {
            collect_strings(&value, &mut urls, &mut timestamps);
        }
    }
    for (target, inputs) in [
        ("decode_article", articles),
        ("decode_index", listings),
        ("decode_config", configs),
        ("url_filter", urls),
        ("timestamp", timestamps),
    ] {
        let target_dir = dir.join(target);
        fs::create_dir_all(&target_dir)?;
        for (n, input) in inputs.iter().enumerate() {
            fs::write(target_dir.join(format!("seed-{n}")), input)?;
        }
    }
    Ok(())
}

/// The values of URL fields and of timestamp fields anywhere in `value`.
fn collect_strings(value: &Value, urls: &mut Vec<Vec<u8>>, timestamps: &mut Vec<Vec<u8>>) {
    match value {
        Value::Object(object) => {
            for (key, value) in object {
                if let Value::String(text) = value {
                    match key.as_str() {
                        "href" | "url" | "src" | "srcset" => urls.push(text.clone().into_bytes()),
                        "published" | "updated" => timestamps.push(text.clone().into_bytes()),
                        _ => {}
                    }
                }
                collect_strings(value, urls, timestamps);
            }
        }
        Value::Array(items) => {
            for item in items {
                collect_strings(item, urls, timestamps);
            }
        }
        _ => {}
    }
}
