//! `cargo xtask test`: every test, in the order that fails fastest.
//!
//! 1. formatting and clippy (`-D warnings`), native crates and the wasm app;
//! 2. native unit tests of the model and the tools;
//! 3. the sample content through the content checker;
//! 4. one release build, served on loopback, driven in headless Chromium by the end-to-end
//!    tests in `tests/e2e/` (Node's test runner with playwright-core).

use std::fs;
use std::process::Command;

use anyhow::{Result, ensure};

use crate::setup::{self, run as run_command};
use crate::{check, dist, project_root, serve};

pub fn run() -> Result<()> {
    let root = project_root();
    setup::wasm_target()?;
    setup::npm_packages()?;
    setup::chromium()?;

    let cargo = || {
        let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        command.current_dir(&root);
        command
    };
    step("formatting");
    run_command(cargo().args(["fmt", "--all", "--", "--check"]))?;
    step("clippy");
    run_command(
        cargo()
            .args([
                "clippy",
                "--workspace",
                "--exclude",
                "folio",
                "--all-targets",
            ])
            .args(DENY),
    )?;
    run_command(
        cargo()
            .args([
                "clippy",
                "--package",
                "folio",
                "--target",
                "wasm32-unknown-unknown",
            ])
            .args(DENY),
    )?;

    step("unit tests");
    // The xtask profile: its dependencies are already built for the xtask itself.
    run_command(cargo().args([
        "test",
        "--profile",
        "xtask",
        "--package",
        "folio-model",
        "--package",
        "xtask",
    ]))?;

    step("sample content");
    let mut samples: Vec<_> = fs::read_dir(root.join("public/content/articles"))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    samples.push(root.join("public/content/index.json"));
    ensure!(
        check::check_files(&samples)?,
        "the sample content has errors"
    );

    step("release build");
    let site = dist::build(&dist::Options {
        out_dir: root.join("target/xtask/e2e-site"),
        ..dist::Options::default()
    })?;

    step("browser tests");
    let server = serve::start(&site, 0)?;
    run_command(
        Command::new("node")
            .current_dir(&root)
            .args([
                "--test",
                "--test-concurrency=1",
                "tests/schema/",
                "tests/e2e/",
            ])
            .env("FOLIO_URL", &server.url)
            .env("FOLIO_SITE", &site),
    )?;
    Ok(())
}

const DENY: [&str; 3] = ["--", "-D", "warnings"];

fn step(name: &str) {
    println!("\n== {name} ==");
}
