//! `folio serve`: a static file server on loopback only, for a publisher's preview (a built
//! site with any content folder) and for Folio's own browser tests. It behaves
//! like a correctly configured production host: a path with no file extension that names no
//! file gets the app shell (the app routes it), but a missing file *with* an extension, such
//! as an article's JSON, gets a real 404, so the app can tell "not found" from "found".
//!
//! For the tests it can also misbehave on purpose ([`Faults`]): stall, drip, drop the
//! connection, fail with 500 a number of times, or answer late, per path, as a file written
//! by the test says; and it logs every request path, so a test can count retries.
//!
//! One request per connection (`Connection: close`), one thread per connection: simple, and a
//! stalled answer can never hold up another.

use std::collections::HashMap;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use anyhow::{Context, Result, ensure};

/// Where a test tells the server how to misbehave, and reads what it was asked (Folio's own
/// browser tests; `folio serve` never misbehaves).
#[derive(Clone, Debug)]
pub struct Faults {
    /// `{ "/content/articles/a.json": "stall" | "drip" | "drop" | "fail:N" | "late:MS" |
    /// "pause:BYTES:MS" }`,
    /// read on every request.
    pub plan: PathBuf,
    /// One requested path per line.
    pub log: PathBuf,
}

/// A running server; it stops accepting when dropped.
pub struct Running {
    pub url: String,
    stop: Arc<AtomicBool>,
    port: u16,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accepting thread so it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

/// What the server answers from.
#[derive(Clone, Debug)]
struct Served {
    /// The built site.
    root: PathBuf,
    /// The URL path the site answers under (`/`, `/news/`): what its `<base href>` says.
    base_path: String,
    /// A content folder served in place of the site's own, and the path under the base where
    /// the site's configuration looks for content (`content/`).
    content: Option<(String, PathBuf)>,
}

impl Served {
    fn at_root(root: &Path) -> Served {
        Served {
            root: root.to_path_buf(),
            base_path: "/".into(),
            content: None,
        }
    }
}

/// Serves a built site with `content` in place of its own content folder, under the base path
/// the site was built for, until the process is stopped: a publisher's preview before deploying.
pub fn preview(site: &Path, content: Option<&Path>, port: u16) -> Result<()> {
    let template = fs::read_to_string(site.join("index.html")).with_context(|| {
        format!(
            "{} is not a built Folio site (no index.html)",
            site.display()
        )
    })?;
    let base_path = crate::prerender::built_base_path(&template)
        .unwrap_or("/")
        .to_string();
    let content = match content {
        None => None,
        Some(dir) => {
            ensure!(dir.is_dir(), "{} is not a folder", dir.display());
            let config = fs::read(site.join(folio::site::CONFIG_FILE))
                .map(|bytes| folio_model::decode_config(&bytes).value)
                .unwrap_or_else(|_| folio_model::default_config().value);
            let base = config.content.base;
            ensure!(
                !base.contains("://"),
                "the site's {} reads content from {base}, not from this server: \
                 --content has no effect; serve it there",
                folio::site::CONFIG_FILE
            );
            Some((base.trim_start_matches('/').to_string(), dir.to_path_buf()))
        }
    };
    let served = Served {
        root: site.to_path_buf(),
        base_path,
        content,
    };
    let running = listen(served.clone(), port, None, Headers::SITE)?;
    println!(
        "Serving {} at {}{} (Ctrl-C stops)",
        site.display(),
        running.url.trim_end_matches('/'),
        served.base_path
    );
    if let Some((prefix, dir)) = &served.content {
        println!("  {}{prefix} is {}", served.base_path, dir.display());
    }
    loop {
        thread::park();
    }
}

/// Serves the built site `root` on `127.0.0.1:port` (0 picks a free port) in a background
/// thread with the headers `deploy/nginx.conf` sends: CORS (`Access-Control-Allow-Origin: *`),
/// so pages on other origins can embed its articles, and the recipe's Content-Security-Policy
/// on its pages.
pub fn start(root: &Path, port: u16) -> Result<Running> {
    start_with_faults(root, port, None)
}

/// [`start`], misbehaving as `faults` says.
pub fn start_with_faults(root: &Path, port: u16, faults: Option<Faults>) -> Result<Running> {
    listen(Served::at_root(root), port, faults, Headers::SITE)
}

/// Serves a folder that is not a Folio site (another site's pages, which embed Folio's
/// articles) with CORS headers and no policy of Folio's.
pub fn start_other_site(root: &Path, port: u16) -> Result<Running> {
    listen(
        Served::at_root(root),
        port,
        None,
        Headers {
            cors: true,
            csp: false,
        },
    )
}

/// Serves a folder with neither CORS headers nor a policy: an origin whose content other
/// origins cannot read.
pub fn start_without_cors(root: &Path, port: u16) -> Result<Running> {
    listen(
        Served::at_root(root),
        port,
        None,
        Headers {
            cors: false,
            csp: false,
        },
    )
}

/// What the server adds to its answers.
#[derive(Clone, Copy, Debug)]
struct Headers {
    /// `Access-Control-Allow-Origin: *`.
    cors: bool,
    /// The recipe's Content-Security-Policy on HTML pages ([`content_security_policy`]).
    csp: bool,
}

impl Headers {
    /// As `deploy/nginx.conf` serves a Folio site.
    const SITE: Headers = Headers {
        cors: true,
        csp: true,
    };
}

/// The recipe whose policy the server sends, so that what is tested and previewed here is what
/// a host with the recipe serves.
const NGINX_RECIPE: &str = include_str!("../../deploy/nginx.conf");

/// `deploy/nginx.conf`'s Content-Security-Policy for a site's pages: `content_origin` is where
/// its articles come from when that is not its own origin (else empty), `video_players` the
/// origins of the video players it allows (separated by spaces, or empty), and a page that any
/// site may frame (the iframe embed's) has no `frame-ancestors`. `None` only if the recipe has
/// lost its `set $folio_csp` line (a unit test sees to that).
pub fn content_security_policy(
    content_origin: &str,
    video_players: &str,
    framed_anywhere: bool,
) -> Option<String> {
    const SETTING: &str = "set $folio_csp \"";
    let start = NGINX_RECIPE.find(SETTING)? + SETTING.len();
    let rest = NGINX_RECIPE.get(start..)?;
    let policy = rest
        .get(..rest.find("\";")?)?
        .replace("$folio_content_origin", content_origin)
        .replace("$folio_video_players", video_players);
    Some(if framed_anywhere {
        policy
    } else {
        format!("{policy}; frame-ancestors 'self'")
    })
}

/// The policy for the page at `url_path` of `served`, whose configuration says where its
/// content comes from (read on every request: tests change it).
fn page_policy(served: &Served, url_path: &str) -> Option<String> {
    let config = fs::read(served.root.join(folio::site::CONFIG_FILE))
        .map(|bytes| folio_model::decode_config(&bytes).value)
        .unwrap_or_else(|_| folio_model::default_config().value);
    let content_origin = url::Url::parse(&config.content.base)
        .map(|url| url.origin().ascii_serialization())
        .unwrap_or_default();
    content_security_policy(
        &content_origin,
        &config.video.player_origins().join(" "),
        url_path.contains("/embed/articles/"),
    )
}

fn listen(root: Served, port: u16, faults: Option<Faults>, headers: Headers) -> Result<Running> {
    let listener = TcpListener::bind(("127.0.0.1", port))
        .with_context(|| format!("listening on 127.0.0.1:{port}"))?;
    let port = listener.local_addr()?.port();
    let stop = Arc::new(AtomicBool::new(false));
    let failures = Arc::new(Mutex::new(HashMap::<String, u32>::new()));
    {
        let stop = Arc::clone(&stop);
        thread::spawn(move || {
            for stream in listener.incoming() {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (root, faults, failures) =
                    (root.clone(), faults.clone(), Arc::clone(&failures));
                thread::spawn(move || {
                    let _ = handle(stream, &root, faults.as_ref(), &failures, headers);
                });
            }
        });
    }
    Ok(Running {
        url: format!("http://127.0.0.1:{port}/"),
        stop,
        port,
    })
}

fn handle(
    mut stream: TcpStream,
    root: &Served,
    faults: Option<&Faults>,
    failures: &Mutex<HashMap<String, u32>>,
    headers: Headers,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Of the headers only `If-None-Match` matters: a document's revalidation.
    let mut if_none_match = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("if-none-match")
        {
            if_none_match = Some(value.trim().to_string());
        }
    }
    let target = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/").to_string();
    let extra = Extra {
        cors: headers.cors,
        policy_for: headers.csp.then_some((root, path.as_str())),
        if_none_match: if_none_match.as_deref(),
        log: faults.map(|faults| faults.log.as_path()),
    };

    let fault = match faults {
        Some(faults) => planned_fault(faults, &path),
        None => String::new(),
    };
    match fault.split_once(':').unwrap_or((fault.as_str(), "")) {
        ("stall", _) => {
            thread::sleep(Duration::from_secs(120));
            Ok(())
        }
        // Close the connection without a word.
        ("drop", _) => stream.shutdown(Shutdown::Both),
        ("drip", _) => {
            let body = resolve(root, &path)
                .and_then(|file| fs::read(file).ok())
                .unwrap_or_default();
            write_head(&mut stream, 200, "application/json", body.len(), &extra)?;
            for byte in body {
                stream.write_all(&[byte])?;
                stream.flush()?;
                thread::sleep(Duration::from_millis(200));
            }
            Ok(())
        }
        ("fail", times) => {
            let failed_before = {
                let mut failures = failures
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                let failed = failures.entry(path.clone()).or_default();
                let failed_before = *failed;
                *failed += 1;
                failed_before
            };
            if failed_before < times.parse().unwrap_or(1) {
                respond(
                    &mut stream,
                    500,
                    "text/plain; charset=utf-8",
                    b"Server error",
                    &extra,
                )
            } else {
                answer(&mut stream, root, &path, &extra)
            }
        }
        // Send the first N bytes, then the rest after a pause: a page arriving in parts.
        ("pause", spec) => {
            let (bytes, ms) = spec.split_once(':').unwrap_or((spec, "1000"));
            let Some(file) = resolve(root, &path) else {
                return answer(&mut stream, root, &path, &extra);
            };
            let body = fs::read(&file).unwrap_or_default();
            let (first, rest) = body.split_at(bytes.parse::<usize>().unwrap_or(0).min(body.len()));
            write_head(&mut stream, 200, content_type(&file), body.len(), &extra)?;
            stream.write_all(first)?;
            stream.flush()?;
            thread::sleep(Duration::from_millis(ms.parse().unwrap_or(1000)));
            stream.write_all(rest)?;
            stream.flush()
        }
        ("late", ms) => {
            thread::sleep(Duration::from_millis(ms.parse().unwrap_or(1000)));
            answer(&mut stream, root, &path, &extra)
        }
        _ => answer(&mut stream, root, &path, &extra),
    }
}

/// Logs the request and returns what the test's plan says to do with `path`.
fn planned_fault(faults: &Faults, path: &str) -> String {
    if let Ok(mut log) = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&faults.log)
    {
        let _ = writeln!(log, "{path}");
    }
    let plan: HashMap<String, String> = fs::read(&faults.plan)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default();
    plan.get(path).cloned().unwrap_or_default()
}

fn answer(
    stream: &mut TcpStream,
    root: &Served,
    path: &str,
    extra: &Extra<'_>,
) -> std::io::Result<()> {
    match resolve(root, path).and_then(|file| Some((fs::read(&file).ok()?, file))) {
        Some((bytes, file)) if content_type(&file).starts_with("application/json") => {
            respond_document(stream, path, &bytes, extra)
        }
        Some((bytes, file)) => respond(stream, 200, content_type(&file), &bytes, extra),
        None => respond(
            stream,
            404,
            "text/plain; charset=utf-8",
            b"Not Found",
            extra,
        ),
    }
}

/// A content document, as the deploy recipes serve it: with an `ETag`, and `304 Not Modified`
/// (no body) to a request that names it in `If-None-Match`, which is how a live article's
/// page asks whether anything changed. `no-cache`: the browser keeps it but revalidates it on
/// every use, so a test's edit shows at once.
fn respond_document(
    stream: &mut TcpStream,
    path: &str,
    body: &[u8],
    extra: &Extra<'_>,
) -> std::io::Result<()> {
    let etag = format!("\"{:016x}\"", folio_model::fingerprint(body));
    let unchanged = extra.if_none_match.is_some_and(|tags| {
        tags.split(',')
            .any(|tag| tag.trim().trim_start_matches("W/") == etag)
    });
    let status = if unchanged { 304 } else { 200 };
    if let Some(log) = extra.log
        && let Ok(mut log) = fs::OpenOptions::new().append(true).open(log)
    {
        // Beside the request's own line (`path`), which counts requests.
        let _ = writeln!(log, "{path} {status}");
    }
    let cors = extra.cors_header();
    // A 304 has no body and must not give a length: a cache would take it for the stored one's.
    let (reason, length, body) = if unchanged {
        ("Not Modified", String::new(), &[][..])
    } else {
        ("OK", format!("Content-Length: {}\r\n", body.len()), body)
    };
    write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\n{length}\
         Cache-Control: no-cache\r\nETag: {etag}\r\n{cors}Connection: close\r\n\r\n"
    )?;
    stream.write_all(body)?;
    stream.flush()
}

fn respond(
    stream: &mut TcpStream,
    status: u16,
    content_type: &str,
    body: &[u8],
    extra: &Extra<'_>,
) -> std::io::Result<()> {
    write_head(stream, status, content_type, body.len(), extra)?;
    stream.write_all(body)?;
    stream.flush()
}

fn write_head(
    stream: &mut TcpStream,
    status: u16,
    content_type: &str,
    length: usize,
    extra: &Extra<'_>,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Internal Server Error",
    };
    let cors = extra.cors_header();
    let policy = extra
        .policy_for
        .filter(|_| content_type.starts_with("text/html"))
        .and_then(|(served, path)| page_policy(served, path))
        .map(|policy| format!("Content-Security-Policy: {policy}\r\n"))
        .unwrap_or_default();
    write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {length}\r\n\
         Cache-Control: no-store\r\n{cors}{policy}Connection: close\r\n\r\n"
    )
}

/// The headers one answer gets beside the usual ones.
struct Extra<'a> {
    cors: bool,
    /// The site and the page's path, when an HTML answer gets the recipe's policy (worked out
    /// only for those: it reads the site's configuration).
    policy_for: Option<(&'a Served, &'a str)>,
    /// The request's `If-None-Match`.
    if_none_match: Option<&'a str>,
    /// The test's request log, when there is one.
    log: Option<&'a Path>,
}

impl Extra<'_> {
    fn cors_header(&self) -> &'static str {
        if self.cors {
            "Access-Control-Allow-Origin: *\r\n"
        } else {
            ""
        }
    }
}

/// The file for a URL path, or the app shell for an app route, or `None` for a 404.
fn resolve(served: &Served, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let under_base = decoded.strip_prefix(&served.base_path).or_else(|| {
        (decoded.clone() + "/")
            .strip_prefix(&served.base_path)
            .map(|_| "")
    })?;
    let (root, path) = match &served.content {
        Some((prefix, dir)) if under_base.starts_with(prefix.as_str()) => (
            dir.as_path(),
            under_base.get(prefix.len()..).unwrap_or_default(),
        ),
        _ => (served.root.as_path(), under_base),
    };
    let mut file = root.to_path_buf();
    for component in Path::new(path).components() {
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
        return None;
    }
    // The app shell: `index.html` may be the prerendered front page.
    let shell = served.root.join(crate::prerender::APP_SHELL);
    Some(if shell.is_file() {
        shell
    } else {
        served.root.join("index.html")
    })
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
        "webm" => "video/webm",
        "mp4" => "video/mp4",
        "mp3" => "audio/mpeg",
        "ogg" | "oga" | "opus" => "audio/ogg",
        "m4a" => "audio/mp4",
        // A browser loads a captions track only when it is served as WebVTT.
        "vtt" => "text/vtt; charset=utf-8",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn routes_fall_back_to_the_app_but_missing_files_are_404() {
        let root = std::env::temp_dir().join(format!("folio-serve-test-{}", std::process::id()));
        fs::create_dir_all(root.join("content/articles")).unwrap();
        fs::write(root.join("index.html"), "app").unwrap();
        fs::write(root.join("content/articles/a.json"), "{}").unwrap();
        let served = Served::at_root(&root);
        assert_eq!(resolve(&served, "/"), Some(root.join("index.html")));
        assert_eq!(
            resolve(&served, "/articles/a"),
            Some(root.join("index.html"))
        );
        assert_eq!(
            resolve(&served, "/content/articles/a.json"),
            Some(root.join("content/articles/a.json"))
        );
        assert_eq!(resolve(&served, "/content/articles/missing.json"), None);
        assert_eq!(resolve(&served, "/../etc/passwd"), None);
        assert_eq!(resolve(&served, "/%2e%2e/etc/passwd"), None);

        // Under a base path, with another content folder in place of the site's own.
        let other_content = root.join("elsewhere");
        fs::create_dir_all(other_content.join("articles")).unwrap();
        fs::write(other_content.join("articles/b.json"), "{}").unwrap();
        let news = Served {
            root: root.clone(),
            base_path: "/news/".into(),
            content: Some(("content/".into(), other_content.clone())),
        };
        assert_eq!(resolve(&news, "/news"), Some(root.join("index.html")));
        assert_eq!(
            resolve(&news, "/news/articles/b"),
            Some(root.join("index.html"))
        );
        assert_eq!(
            resolve(&news, "/news/content/articles/b.json"),
            Some(other_content.join("articles/b.json"))
        );
        assert_eq!(resolve(&news, "/news/content/articles/a.json"), None);
        assert_eq!(resolve(&news, "/articles/b"), None);
        assert_eq!(resolve(&news, "/news/content/../../etc/passwd"), None);

        let server = start(&root, 0).unwrap();
        let get = |path: &str| {
            let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
            write!(stream, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
            let mut response = String::new();
            stream.read_to_string(&mut response).unwrap();
            response
        };
        let found = get("/content/articles/a.json");
        assert!(
            found.starts_with("HTTP/1.1 200 OK\r\n") && found.ends_with("\r\n\r\n{}"),
            "{found}"
        );
        assert!(get("/content/articles/missing.json").starts_with("HTTP/1.1 404"));
        let page = get("/articles/a");
        assert!(page.ends_with("app"), "{page}");
        // The page gets the recipe's policy; the document does not need one.
        let policy = content_security_policy("", "", false).unwrap();
        assert!(
            policy.starts_with("default-src 'self';")
                && policy.contains("require-trusted-types-for 'script'")
                && policy.ends_with("; frame-ancestors 'self'"),
            "{policy}"
        );
        assert!(page.contains(&format!("\r\nContent-Security-Policy: {policy}\r\n")));
        assert!(!found.contains("Content-Security-Policy"));
        drop(server);
        fs::remove_dir_all(root).unwrap();
    }
}
