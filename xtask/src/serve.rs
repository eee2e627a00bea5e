//! A static file server for development and the browser tests, on loopback only. It behaves
//! like a correctly configured production host: a path with no file extension that names no
//! file gets the entry page (the app routes it), but a missing file *with* an extension, such
//! as an article's JSON, gets a real 404, so the app can tell "not found" from "found".

use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread;

use anyhow::{Result, anyhow};
use tiny_http::{Header, Request, Response, Server};

/// A running server; it stops when dropped.
pub struct Running {
    server: Arc<Server>,
    pub url: String,
    thread: Option<thread::JoinHandle<()>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Serves `root` on `127.0.0.1:port` (0 picks a free port) in a background thread.
pub fn start(root: &Path, port: u16) -> Result<Running> {
    let server = Arc::new(Server::http(("127.0.0.1", port)).map_err(|e| anyhow!("{e}"))?);
    let address = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| anyhow!("not an IP address"))?;
    let url = format!("http://{address}/");
    let root = root.to_path_buf();
    let thread = {
        let server = Arc::clone(&server);
        thread::spawn(move || {
            for request in server.incoming_requests() {
                let root = root.clone();
                // Browsers open several connections at once; answer each on its own thread.
                thread::spawn(move || answer(&root, request));
            }
        })
    };
    Ok(Running {
        server,
        url,
        thread: Some(thread),
    })
}

/// Serves `root` until the process is stopped.
pub fn serve_forever(root: &Path, port: u16) -> Result<()> {
    let running = start(root, port)?;
    println!(
        "Serving {} at {} (Ctrl-C stops)",
        root.display(),
        running.url
    );
    if let Some(thread) = running.thread.as_ref() {
        while !thread.is_finished() {
            thread::park_timeout(std::time::Duration::from_secs(3600));
        }
    }
    Ok(())
}

fn answer(root: &Path, request: Request) {
    let path = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_string();
    let response = match resolve(root, &path) {
        Some(file) => match fs::read(&file) {
            Ok(bytes) => with_headers(
                Response::from_data(bytes),
                &[
                    ("Content-Type", content_type(&file)),
                    ("Cache-Control", "no-store"),
                ],
            ),
            Err(_) => not_found(),
        },
        None => not_found(),
    };
    let _ = request.respond(response);
}

/// The file for a URL path, or the entry page for an app route, or `None` for a 404.
fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let mut file = root.to_path_buf();
    for component in Path::new(decoded.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => file.push(part),
            Component::CurDir => {}
            // `..`, a root or a prefix would leave the served folder.
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    if file.is_file() {
        return Some(file);
    }
    let last_segment = decoded.rsplit('/').next().unwrap_or_default();
    if last_segment.contains('.') {
        None
    } else {
        Some(root.join("index.html"))
    }
}

fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        if byte == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            decoded.push(byte);
            i += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

fn not_found() -> Response<std::io::Cursor<Vec<u8>>> {
    with_headers(
        Response::from_string("Not Found").with_status_code(404),
        &[("Content-Type", "text/plain; charset=utf-8")],
    )
}

fn with_headers<R: std::io::Read>(
    mut response: Response<R>,
    headers: &[(&str, &str)],
) -> Response<R> {
    for (name, value) in headers {
        // Only ASCII names and values reach here, which tiny_http always accepts.
        if let Ok(header) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    response
}

fn content_type(file: &Path) -> &'static str {
    match file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_fall_back_to_the_app_but_missing_files_are_404() {
        let root = std::env::temp_dir().join(format!("folio-serve-test-{}", std::process::id()));
        fs::create_dir_all(root.join("content/articles")).unwrap();
        fs::write(root.join("index.html"), "app").unwrap();
        fs::write(root.join("content/articles/a.json"), "{}").unwrap();
        assert_eq!(resolve(&root, "/"), Some(root.join("index.html")));
        assert_eq!(resolve(&root, "/articles/a"), Some(root.join("index.html")));
        assert_eq!(
            resolve(&root, "/content/articles/a.json"),
            Some(root.join("content/articles/a.json"))
        );
        assert_eq!(resolve(&root, "/content/articles/missing.json"), None);
        assert_eq!(resolve(&root, "/../etc/passwd"), None);
        assert_eq!(resolve(&root, "/%2e%2e/etc/passwd"), None);
        fs::remove_dir_all(root).unwrap();
    }
}
