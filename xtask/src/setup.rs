//! Installing what the commands need, once, on a fresh machine. Each step checks first, so on
//! a prepared machine it costs a few milliseconds.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::project_root;

/// The Rust target the viewer compiles to (`rust-toolchain.toml` cannot install it when rustup
/// may not auto-install).
pub fn wasm_target() -> Result<()> {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"]))?;
    if !installed
        .lines()
        .any(|line| line.trim() == "wasm32-unknown-unknown")
    {
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    Ok(())
}

/// The pinned nightly compiler and cargo-fuzz, for `cargo xtask fuzz` only (libFuzzer needs
/// the nightly's sanitizer flags; the stable build never waits for either).
pub fn fuzzing(nightly: &str, cargo_fuzz: &str) -> Result<()> {
    let installed = output(Command::new("rustup").args(["toolchain", "list"]))?;
    if !installed.lines().any(|line| line.starts_with(nightly)) {
        run(Command::new("rustup").args([
            "toolchain",
            "install",
            nightly,
            "--profile",
            "minimal",
        ]))?;
    }
    let version = output(Command::new("cargo").args(["fuzz", "--version"])).unwrap_or_default();
    if version.split_whitespace().nth(1) != Some(cargo_fuzz) {
        run(Command::new("cargo").args([
            "install",
            "cargo-fuzz",
            "--version",
            cargo_fuzz,
            "--locked",
        ]))?;
    }
    Ok(())
}

/// The npm packages in `package-lock.json`: the wasm optimiser and the browser-test driver.
pub fn npm_packages() -> Result<()> {
    let root = project_root();
    let marker = root.join("node_modules/.package-lock.json");
    let up_to_date = match (modified(&marker), modified(&root.join("package-lock.json"))) {
        (Some(installed), Some(locked)) => installed >= locked,
        _ => false,
    };
    if !up_to_date {
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&root))?;
    }
    Ok(())
}

/// Debian's Chromium and ChromeDriver, for the browser tests.
pub fn chromium() -> Result<()> {
    if Path::new("/usr/bin/chromium").exists() {
        return Ok(());
    }
    println!("Installing Chromium from Debian's packages (about a minute)…");
    run(Command::new("apt-get").arg("update"))?;
    run(Command::new("apt-get").args(["install", "-y", "--no-install-recommends", "chromium"]))
}

/// Firefox ESR, and WebKitGTK's WebDriver and MiniBrowser on a virtual display, from Debian's
/// packages: the engines of the cross-engine suite beside Chromium.
pub fn other_engines() -> Result<()> {
    let installed = [
        "/usr/bin/firefox-esr",
        "/usr/bin/WebKitWebDriver",
        "/usr/bin/Xvfb",
    ]
    .iter()
    .all(|program| Path::new(program).exists());
    if installed {
        return Ok(());
    }
    println!("Installing Firefox ESR, WebKitGTK's WebDriver and Xvfb from Debian's packages…");
    run(Command::new("apt-get").arg("update"))?;
    run(Command::new("apt-get").args(["install", "-y", "firefox-esr", "webkit2gtk-driver", "xvfb"]))
}

/// Debian's nginx with the brotli_static module, for the hosting tests.
pub fn nginx() -> Result<()> {
    let has_brotli = Path::new("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so").exists();
    if Path::new("/usr/sbin/nginx").exists() && has_brotli {
        return Ok(());
    }
    println!("Installing nginx from Debian's packages…");
    run(Command::new("apt-get").arg("update"))?;
    run(Command::new("apt-get").args([
        "install",
        "-y",
        "--no-install-recommends",
        "nginx",
        "libnginx-mod-http-brotli-static",
    ]))
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    path.metadata().and_then(|m| m.modified()).ok()
}

/// Runs a command with inherited output and fails if it fails.
pub fn run(command: &mut Command) -> Result<()> {
    let status = command
        .status()
        .with_context(|| format!("could not start {command:?}"))?;
    if !status.success() {
        bail!("{command:?} failed ({status})");
    }
    Ok(())
}

/// Runs a command and returns what it printed.
pub fn output(command: &mut Command) -> Result<String> {
    let output = command
        .output()
        .with_context(|| format!("could not start {command:?}"))?;
    if !output.status.success() {
        bail!(
            "{command:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}
