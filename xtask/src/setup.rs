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

/// A Debian package a command needs, and a file that shows it is installed.
pub struct DebianPackage {
    name: &'static str,
    installs: &'static str,
}

/// The browser of the Chromium suite and of the benchmark.
pub const CHROMIUM: DebianPackage = DebianPackage {
    name: "chromium",
    installs: "/usr/bin/chromium",
};
/// nginx and its brotli_static module, for the hosting tests and the benchmark.
pub const NGINX: [DebianPackage; 2] = [
    DebianPackage {
        name: "nginx",
        installs: "/usr/sbin/nginx",
    },
    DebianPackage {
        name: "libnginx-mod-http-brotli-static",
        installs: "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so",
    },
];
/// The other engines of the cross-engine suite: Firefox ESR, and WebKitGTK's WebDriver (which
/// brings its MiniBrowser) on a virtual display.
pub const OTHER_ENGINES: [DebianPackage; 3] = [
    DebianPackage {
        name: "firefox-esr",
        installs: "/usr/bin/firefox-esr",
    },
    DebianPackage {
        name: "webkit2gtk-driver",
        installs: "/usr/bin/WebKitWebDriver",
    },
    DebianPackage {
        name: "xvfb",
        installs: "/usr/bin/Xvfb",
    },
];

/// Installs, in one apt run, those of `packages` this machine lacks (apt-get: run as root or
/// with the packages present).
pub fn debian_packages<'a>(packages: impl IntoIterator<Item = &'a DebianPackage>) -> Result<()> {
    let missing: Vec<&str> = packages
        .into_iter()
        .filter(|package| !Path::new(package.installs).exists())
        .map(|package| package.name)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    println!("Installing {} from Debian's packages…", missing.join(", "));
    run(Command::new("apt-get").arg("update"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "--no-install-recommends"])
        .args(&missing))
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
