//! The only module that speaks HTTP: it fetches content documents and hands back typed
//! results or a typed [`LoadError`]. Views never build URLs and never call gloo-net.

use std::rc::Rc;

use folio_model::{
    Article, ArticleId, Config, Decoded, Index, Limits, Listing, NetworkPolicy, PageNumber,
    Rejected, Rejection, Strings, Timestamp,
};
use gloo_net::http::Request;
use leptos::prelude::*;

use crate::site::Site;

/// Why a document could not be shown. "Not found" is its own case: it gets its own page.
#[derive(Clone, Debug, thiserror::Error)]
pub enum LoadError {
    #[error("the request to {url} failed before the server answered ({detail})")]
    Network {
        url: String,
        detail: String,
        /// The content's origin, when it is not the page's: a missing CORS header looks the
        /// same as a network failure to the page, so the message names both.
        other_origin: Option<String>,
    },
    #[error("{url} did not answer within {after_ms} ms")]
    Timeout { url: String, after_ms: u32 },
    #[error("the server answered 404 Not Found")]
    NotFound,
    #[error("the server answered HTTP {0}")]
    Http(u16),
    #[error("the document is {size} bytes; the limit is {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    #[error("the document could not be read")]
    Invalid(Rc<Rejected>),
    /// The network failed and the service worker has no saved copy (`src/sw.js`).
    #[error("offline, and {url} was not saved for reading offline")]
    Offline { url: String },
}

impl LoadError {
    /// What happened, for a reader who does not care about HTTP, in the interface's language.
    pub fn summary(&self, strings: &Strings) -> String {
        match self {
            LoadError::Network {
                other_origin: Some(origin),
                ..
            } => Strings::fill(strings.error_cross_origin, origin),
            LoadError::Network {
                other_origin: None, ..
            } => strings.error_network.into(),
            LoadError::Timeout { .. } => strings.error_timeout.into(),
            LoadError::NotFound => strings.error_not_found.into(),
            LoadError::Http(status) if *status >= 500 => {
                Strings::fill(strings.error_server, status)
            }
            LoadError::Http(status) => Strings::fill(strings.error_refused, status),
            // Whether the server declared the size or decoding found it.
            LoadError::TooLarge { .. } => strings.error_too_large.into(),
            LoadError::Offline { .. } => strings.error_offline.into(),
            LoadError::Invalid(rejected) => match rejected.reason {
                Rejection::NewerVersion => strings.error_newer_version.into(),
                Rejection::TooLarge => strings.error_too_large.into(),
                Rejection::Unreadable => strings.error_unreadable.into(),
            },
        }
    }

    /// The technical detail, one line per fact, for the error view's disclosure and the console.
    pub fn details(&self) -> Vec<String> {
        match self {
            LoadError::Invalid(rejected) => {
                rejected.problems.iter().map(ToString::to_string).collect()
            }
            other => vec![other.to_string()],
        }
    }

    /// Worth another automatic attempt: the network failed, the server stalled or had a
    /// problem of its own (5xx). A 4xx answer or a bad document will be the same next time.
    fn is_transient(&self) -> bool {
        match self {
            LoadError::Network { .. } | LoadError::Timeout { .. } => true,
            LoadError::Http(status) => *status >= 500,
            _ => false,
        }
    }

    /// Is trying again likely to help? (A broken document stays broken until someone fixes it,
    /// but retrying then is exactly what the reader wants, so only "not found" says no.)
    pub fn is_retryable(&self) -> bool {
        !matches!(self, LoadError::NotFound)
    }
}

/// Where an article comes from: one of the site's, by id, or any document by its full URL (what
/// an embed's `src` names).
#[derive(Clone, Debug, PartialEq)]
pub enum ArticleSource {
    Id(ArticleId),
    Url(String),
}

/// Fetches and decodes one article, or takes it from the articles fetched in the last minute
/// (going back and forth between related articles then costs no request). A document fetched
/// by id must carry that id.
pub async fn fetch_article(
    site: &Site,
    source: &ArticleSource,
    slot: RequestSlot,
) -> Result<Rc<Decoded<Article>>, LoadError> {
    let (url, expected_id) = article_address(site, source);
    if let Some(article) = recent::get(&url) {
        return Ok(article);
    }
    saved_copies::forget(&url);
    let article = fetch_document(site, &url, Some(slot), |bytes, limits| {
        folio_model::decode_article(bytes, expected_id.as_ref().map(ArticleId::as_str), limits)
    })
    .await?;
    recent::put(url, Rc::clone(&article));
    Ok(article)
}

/// Asks the server whether a live article changed since `known` (the fingerprint of the
/// document the page shows). The request is a conditional one that the browser makes itself
/// (`cache: "no-cache"` revalidates its stored copy with the `ETag` the server sent; a hand-set
/// `If-None-Match` would make a cross-origin request need a CORS preflight), so an unchanged
/// article costs a 304 and no body. Tried once: the caller's schedule is the retry.
pub async fn revalidate_article(
    site: &Site,
    id: &ArticleId,
    known: Option<u64>,
    slot: RequestSlot,
) -> Result<Option<Rc<Decoded<Article>>>, LoadError> {
    let url = site.article_url(id);
    let limits = &site.config.limits;
    let bytes = fetch_once(
        &url,
        limits,
        site.config.network.timeout_ms,
        slot.start().as_ref(),
        Freshness::Revalidate,
    )
    .await?;
    if Some(folio_model::fingerprint(&bytes)) == known {
        return Ok(None);
    }
    let article = folio_model::decode_article(&bytes, Some(id.as_str()), limits)
        .map_err(|rejected| LoadError::Invalid(Rc::new(rejected)))?;
    report_problems(&url, &article.problems);
    let article = Rc::new(article);
    // Going back to the article later shows it as it is now.
    recent::put(url, Rc::clone(&article));
    Ok(Some(article))
}

fn article_address(site: &Site, source: &ArticleSource) -> (String, Option<ArticleId>) {
    match source {
        ArticleSource::Id(id) => (site.article_url(id), Some(id.clone())),
        // The site's own article address names an id, which the document must carry as on
        // the article's page; a document anywhere else is taken at its word.
        ArticleSource::Url(url) => (url.clone(), site.article_id_at(url)),
    }
}

/// When the article `source` names was last answered by the service worker's saved copy rather
/// than the network (offline), the time that copy was fetched.
pub fn saved_copy_time(site: &Site, source: &ArticleSource) -> Option<Timestamp> {
    saved_copies::get(&article_address(site, source).0)
}

/// The answers that came from the service worker's saved copies, by URL, with the time each
/// copy was fetched (its `Folio-Saved` header).
mod saved_copies {
    use std::cell::RefCell;

    use folio_model::Timestamp;

    thread_local! {
        static SAVED: RefCell<Vec<(String, Timestamp)>> = const { RefCell::new(Vec::new()) };
    }

    pub fn get(url: &str) -> Option<Timestamp> {
        SAVED.with_borrow(|saved| {
            saved
                .iter()
                .find(|(saved_url, _)| saved_url == url)
                .map(|(_, time)| time.clone())
        })
    }

    pub fn forget(url: &str) {
        SAVED.with_borrow_mut(|saved| saved.retain(|(saved_url, _)| saved_url != url));
    }

    pub fn note(url: &str, time: Timestamp) {
        forget(url);
        SAVED.with_borrow_mut(|saved| saved.push((url.to_string(), time)));
    }
}

/// The URLs of the documents this page has loaded (newest last, at most [`LOADED_KEPT`]): the
/// service worker saves them when it starts controlling a page that loaded them before.
pub fn loaded_urls() -> Vec<String> {
    LOADED.with_borrow(Clone::clone)
}

const LOADED_KEPT: usize = 16;

thread_local! {
    static LOADED: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn note_loaded(url: &str) {
    LOADED.with_borrow_mut(|loaded| {
        loaded.retain(|loaded_url| loaded_url != url);
        if loaded.len() == LOADED_KEPT {
            loaded.remove(0);
        }
        loaded.push(url.to_string());
    });
}

/// The articles fetched in the last minute (the content's `max-age` in the deploy recipes), at
/// most eight, newest last.
mod recent {
    use std::cell::RefCell;
    use std::rc::Rc;

    use folio_model::{Article, Decoded};

    const CAPACITY: usize = 8;
    const FRESH_MS: f64 = 60_000.0;

    type Entry = (String, f64, Rc<Decoded<Article>>);

    thread_local! {
        static RECENT: RefCell<Vec<Entry>> = const { RefCell::new(Vec::new()) };
    }

    pub fn get(url: &str) -> Option<Rc<Decoded<Article>>> {
        let now = js_sys::Date::now();
        RECENT.with_borrow_mut(|recent| {
            recent.retain(|(_, fetched, _)| now - fetched < FRESH_MS);
            recent
                .iter()
                .find(|(cached, _, _)| cached == url)
                .map(|(_, _, article)| Rc::clone(article))
        })
    }

    pub fn put(url: String, article: Rc<Decoded<Article>>) {
        RECENT.with_borrow_mut(|recent| {
            recent.retain(|(cached, _, _)| *cached != url);
            if recent.len() == CAPACITY {
                recent.remove(0);
            }
            recent.push((url, js_sys::Date::now(), article));
        });
    }
}

/// Fetches and decodes the front page's list of articles.
/// A listing page's document (`index.json` for the front page's first).
pub async fn fetch_listing(
    site: &Site,
    listing: &Listing,
    page: PageNumber,
    slot: RequestSlot,
) -> Result<Rc<Decoded<Index>>, LoadError> {
    fetch_document(
        site,
        &site.listing_url(listing, page),
        Some(slot),
        folio_model::decode_index,
    )
    .await
}

/// Fetches a content document under the site's limits and network policy and decodes it; what
/// decoding had to drop is reported in the console.
async fn fetch_document<T>(
    site: &Site,
    url: &str,
    slot: Option<RequestSlot>,
    decode: impl FnOnce(&[u8], &Limits) -> Result<Decoded<T>, Rejected>,
) -> Result<Rc<Decoded<T>>, LoadError> {
    let limits = &site.config.limits;
    let cancelled = slot.and_then(RequestSlot::start);
    let bytes = fetch_bytes(url, limits, &site.config.network, cancelled).await?;
    let decoded =
        decode(&bytes, limits).map_err(|rejected| LoadError::Invalid(Rc::new(rejected)))?;
    report_problems(url, &decoded.problems);
    next_task().await;
    Ok(Rc::new(decoded))
}

/// Fetches the publisher's configuration. Never fails: without a file the defaults apply, and
/// a broken file is reported in the console and replaced by the defaults where it is broken.
pub async fn fetch_config(url: &str) -> Decoded<Config> {
    match fetch_bytes(url, &Limits::default(), &NetworkPolicy::default(), None).await {
        Ok(bytes) => {
            let decoded = folio_model::decode_config(&bytes);
            report_problems(url, &decoded.problems);
            next_task().await;
            decoded
        }
        Err(LoadError::NotFound) => folio_model::default_config(),
        Err(error) => {
            leptos::logging::warn!("{url}: {error}; using the default configuration");
            folio_model::default_config()
        }
    }
}

/// A document shown in part still tells its publisher what was dropped, in the console.
fn report_problems(url: &str, problems: &[folio_model::Problem]) {
    for problem in problems {
        leptos::logging::warn!("{url}: {problem}");
    }
}

/// One request at a time, for a page: starting a request aborts the one before it (a reader who
/// clicks through related links quickly waits for the last one only), and the page going away
/// aborts the last.
#[derive(Clone, Copy)]
pub struct RequestSlot(StoredValue<Option<web_sys::AbortController>, LocalStorage>);

impl RequestSlot {
    /// A slot owned by the current reactive owner (the page).
    pub fn new() -> RequestSlot {
        let slot = StoredValue::new_local(None::<web_sys::AbortController>);
        on_cleanup(move || {
            slot.try_update_value(|current| current.take().map(|request| request.abort()));
        });
        RequestSlot(slot)
    }

    /// Aborts the slot's previous request and returns the signal for the next one.
    fn start(self) -> Option<web_sys::AbortSignal> {
        let controller = web_sys::AbortController::new().ok()?;
        let signal = controller.signal();
        self.0.try_update_value(|current| {
            current.replace(controller).map(|previous| previous.abort())
        });
        Some(signal)
    }
}

impl Default for RequestSlot {
    fn default() -> Self {
        RequestSlot::new()
    }
}

/// GETs `url` and returns its body, trying again after transient failures with a growing
/// pause. Every attempt is abandoned after the configured timeout, and everything stops when
/// `cancelled` fires.
async fn fetch_bytes(
    url: &str,
    limits: &Limits,
    network: &NetworkPolicy,
    cancelled: Option<web_sys::AbortSignal>,
) -> Result<Vec<u8>, LoadError> {
    let mut attempt = 0;
    loop {
        let result = fetch_once(
            url,
            limits,
            network.timeout_ms,
            cancelled.as_ref(),
            Freshness::Any,
        )
        .await;
        let stopped = cancelled
            .as_ref()
            .is_some_and(web_sys::AbortSignal::aborted);
        match result {
            Err(error) if error.is_transient() && attempt < network.retries && !stopped => {
                leptos::logging::warn!("{error}; trying again");
                sleep(500 * 2_i32.pow(attempt)).await;
                attempt += 1;
            }
            result => return result,
        }
    }
}

/// Whether an answer from the browser's HTTP cache will do.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Freshness {
    /// What the server's `Cache-Control` allows.
    Any,
    /// Only what the server confirms (a conditional request, answered 304 when unchanged).
    Revalidate,
}

async fn fetch_once(
    url: &str,
    limits: &Limits,
    timeout_ms: u32,
    cancelled: Option<&web_sys::AbortSignal>,
    freshness: Freshness,
) -> Result<Vec<u8>, LoadError> {
    let timeout = web_sys::AbortSignal::timeout_with_u32(timeout_ms);
    let signals = js_sys::Array::of1(&timeout);
    if let Some(cancelled) = cancelled {
        signals.push(cancelled);
    }
    let signal = web_sys::AbortSignal::any(&signals);
    let failed = |error: gloo_net::Error| {
        if timeout.aborted() {
            LoadError::Timeout {
                url: url.to_string(),
                after_ms: timeout_ms,
            }
        } else {
            LoadError::Network {
                url: url.to_string(),
                detail: error.to_string(),
                other_origin: other_origin(url),
            }
        }
    };
    // A worker that takes control while this request is under way has not seen it.
    let answered_by_worker = crate::offline::is_controlled();
    let mut request = Request::get(url).abort_signal(Some(&signal));
    if freshness == Freshness::Revalidate {
        request = request.cache(web_sys::RequestCache::NoCache);
    }
    let response = request.send().await.map_err(failed)?;
    let header = |name: &str| response.headers().get(name);
    match response.status() {
        503 if header(OFFLINE_HEADER).is_some() => {
            return Err(LoadError::Offline {
                url: url.to_string(),
            });
        }
        200..=299 => {}
        404 | 410 => return Err(LoadError::NotFound),
        status => return Err(LoadError::Http(status)),
    }
    let saved = header(SAVED_HEADER).and_then(|time| Timestamp::parse(&time).ok());
    // Refuse an oversized document before downloading it, when the server says its size.
    let declared_size = response
        .headers()
        .get("content-length")
        .and_then(|length| length.parse::<usize>().ok());
    if let Some(size) = declared_size.filter(|size| *size > limits.max_bytes) {
        return Err(LoadError::TooLarge {
            size,
            limit: limits.max_bytes,
        });
    }
    let bytes = response.binary().await.map_err(failed)?;
    if bytes.len() > limits.max_bytes {
        return Err(LoadError::TooLarge {
            size: bytes.len(),
            limit: limits.max_bytes,
        });
    }
    match saved {
        Some(saved) => saved_copies::note(url, saved),
        None => saved_copies::forget(url),
    }
    note_loaded(url);
    if !answered_by_worker && crate::offline::is_controlled() {
        crate::offline::keep(vec![url.to_string()]);
    }
    Ok(bytes)
}

/// The service worker's marks on its answers (`src/sw.js`): a saved copy carries the time it was
/// fetched; a document it never saved, when the network failed, is a 503 with the other.
pub(crate) const SAVED_HEADER: &str = "folio-saved";
const OFFLINE_HEADER: &str = "folio-offline";

/// Resumes in a later task, so the browser can paint and handle input in between. Start-up is
/// a chain of steps (the configuration, the article, its view): run back to back in one task,
/// receiving and decoding a document and building the page from it would block a phone's main
/// thread, and the reader's first tap, for well over 50 ms.
pub(crate) async fn next_task() {
    sleep(0).await;
}

/// Waits `ms` milliseconds.
pub(crate) async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The origin of `url` when it differs from the page's.
fn other_origin(url: &str) -> Option<String> {
    let origin = web_sys::Url::new(url).ok()?.origin();
    let page_origin = web_sys::window()?.location().origin().ok()?;
    (origin != page_origin).then_some(origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn network(other_origin: Option<&str>) -> LoadError {
        LoadError::Network {
            url: "https://content.example/a.json".into(),
            detail: "failed to fetch".into(),
            other_origin: other_origin.map(str::to_string),
        }
    }

    #[test]
    fn only_failures_that_may_pass_are_retried_automatically() {
        let timeout = LoadError::Timeout {
            url: "u".into(),
            after_ms: 10,
        };
        for transient in [network(None), timeout, LoadError::Http(503)] {
            assert!(transient.is_transient(), "{transient}");
        }
        let too_large = LoadError::TooLarge { size: 2, limit: 1 };
        for lasting in [LoadError::NotFound, LoadError::Http(403), too_large] {
            assert!(!lasting.is_transient(), "{lasting}");
        }
    }

    #[test]
    fn every_error_but_not_found_offers_a_retry() {
        assert!(!LoadError::NotFound.is_retryable());
        assert!(LoadError::Http(500).is_retryable());
        assert!(network(None).is_retryable());
    }

    #[test]
    fn summaries_speak_to_the_reader_in_the_interface_language() {
        let english = folio_model::strings_for(None);
        assert!(
            network(None)
                .summary(english)
                .contains("couldn't reach the server")
        );
        let cross_origin = network(Some("https://content.example")).summary(english);
        assert!(cross_origin.contains("https://content.example") && cross_origin.contains("CORS"));
        assert!(LoadError::Http(502).summary(english).contains("error 502"));
        assert!(LoadError::Http(403).summary(english).contains("refused"));
        let rejected = folio_model::decode_article(b"not json", None, &Limits::default())
            .err()
            .unwrap();
        let invalid = LoadError::Invalid(Rc::new(rejected));
        assert!(invalid.summary(english).contains("damaged"));
        let german = folio_model::strings_for(Some("de"));
        assert!(LoadError::Http(502).summary(german).contains("Fehler 502"));
        assert!(!invalid.details().is_empty());
    }
}
