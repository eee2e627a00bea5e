//! Runs `deploy/nginx.conf` on loopback, for the hosting tests: the recipe a publisher copies
//! is the one the tests exercise. Only its four marked settings are replaced.

use std::fs;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};

use crate::project_root;

/// One `server` made from the recipe.
pub struct Server {
    pub port: u16,
    pub root: PathBuf,
    /// `$folio_base`: `/` or `/news/`.
    pub base: String,
    /// `$folio_content_origin`: another origin the articles come from, or empty.
    pub content_origin: String,
}

/// A running nginx; it is stopped when dropped.
pub struct Running {
    child: Child,
    conf: PathBuf,
    error_log: PathBuf,
}

impl Drop for Running {
    fn drop(&mut self) {
        // `-s stop` signals the master, which takes its workers down with it; killing the
        // master alone would leave them running, still holding their ports.
        let stopped = Command::new("nginx")
            .arg("-e")
            .arg(&self.error_log)
            .arg("-c")
            .arg(&self.conf)
            .args(["-s", "stop"])
            .status()
            .is_ok_and(|status| status.success());
        if !stopped {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

/// A free loopback port (free when asked; nothing else here binds ports meanwhile).
pub fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Starts one nginx with a `server` per entry of `servers`, all from the recipe, and waits
/// until every port answers.
pub fn start(work_dir: &Path, servers: &[Server]) -> Result<Running> {
    let recipe = fs::read_to_string(project_root().join("deploy/nginx.conf"))?;
    if work_dir.exists() {
        fs::remove_dir_all(work_dir)?;
    }
    fs::create_dir_all(work_dir.join("temp"))?;
    let mut includes = String::new();
    for (number, server) in servers.iter().enumerate() {
        let conf = configure(&recipe, server)?;
        let path = work_dir.join(format!("server-{number}.conf"));
        fs::write(&path, conf)?;
        includes.push_str(&format!("    include {};\n", path.display()));
    }
    let work = work_dir.display();
    let main = format!(
        "daemon off;\n\
         worker_processes 1;\n\
         pid {work}/nginx.pid;\n\
         error_log {work}/error.log warn;\n\
         load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;\n\
         events {{ worker_connections 512; }}\n\
         http {{\n\
         \x20   include /etc/nginx/mime.types;\n\
         \x20   default_type application/octet-stream;\n\
         \x20   access_log off;\n\
         \x20   client_body_temp_path {work}/temp/body;\n\
         \x20   proxy_temp_path {work}/temp/proxy;\n\
         \x20   fastcgi_temp_path {work}/temp/fastcgi;\n\
         \x20   uwsgi_temp_path {work}/temp/uwsgi;\n\
         \x20   scgi_temp_path {work}/temp/scgi;\n\
         {includes}}}\n"
    );
    let conf_path = work_dir.join("nginx.conf");
    fs::write(&conf_path, main)?;

    let check = Command::new("nginx")
        .args(["-t", "-q", "-e"])
        .arg(work_dir.join("error.log"))
        .arg("-c")
        .arg(&conf_path)
        .output()
        .context("nginx is not installed")?;
    ensure!(
        check.status.success(),
        "nginx -t: {}",
        String::from_utf8_lossy(&check.stderr)
    );

    let child = Command::new("nginx")
        .arg("-e")
        .arg(work_dir.join("error.log"))
        .arg("-c")
        .arg(&conf_path)
        .stdin(Stdio::null())
        .spawn()
        .context("starting nginx")?;
    let running = Running {
        child,
        conf: conf_path,
        error_log: work_dir.join("error.log"),
    };
    for server in servers {
        wait_for_port(server.port)?;
    }
    Ok(running)
}

/// The recipe with its settings replaced; fails if a setting is no longer where it was.
fn configure(recipe: &str, server: &Server) -> Result<String> {
    let mut conf = recipe.to_string();
    for (from, to) in [
        (
            "    listen 80;\n".to_string(),
            format!("    listen 127.0.0.1:{};\n", server.port),
        ),
        (
            "    root /var/www/folio;\n".to_string(),
            format!("    root {};\n", server.root.display()),
        ),
        (
            "    set $folio_base \"/\";\n".to_string(),
            format!("    set $folio_base \"{}\";\n", server.base),
        ),
        (
            "    set $folio_content_origin \"\";\n".to_string(),
            format!(
                "    set $folio_content_origin \"{}\";\n",
                server.content_origin
            ),
        ),
    ] {
        ensure!(
            conf.contains(&from),
            "deploy/nginx.conf no longer has the line {from:?}"
        );
        conf = conf.replace(&from, &to);
    }
    Ok(conf)
}

fn wait_for_port(port: u16) -> Result<()> {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    bail!("nginx did not start listening on port {port}")
}
