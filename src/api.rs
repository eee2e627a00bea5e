//! The only module that speaks HTTP: it fetches content documents and hands back typed
//! results or a typed [`LoadError`]. Views never build URLs and never call gloo-net.

use std::rc::Rc;

use folio_model::{Article, ArticleId, Config, Decoded, Index, Limits, Rejected};
use gloo_net::http::Request;
use leptos::prelude::on_cleanup;

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
    #[error("the server answered 404 Not Found")]
    NotFound,
    #[error("the server answered HTTP {0}")]
    Http(u16),
    #[error("the document is {size} bytes; the limit is {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    #[error("the document could not be read")]
    Invalid(Rc<Rejected>),
}

impl LoadError {
    /// What happened, for a reader who does not care about HTTP.
    pub fn summary(&self) -> String {
        match self {
            LoadError::Network {
                other_origin: Some(origin),
                ..
            } => format!(
                "We couldn't load the article from {origin}. Check your connection, then try \
                 again. If it keeps failing, that site may not allow this one to read its \
                 content (it must send CORS headers)."
            ),
            LoadError::Network {
                other_origin: None, ..
            } => "We couldn't reach the server. Check your connection, then try again.".into(),
            LoadError::NotFound => "There is nothing at this address.".into(),
            LoadError::Http(status) if *status >= 500 => {
                format!("The server had a problem (error {status}). Try again in a moment.")
            }
            LoadError::Http(status) => format!("The server refused the request (error {status})."),
            LoadError::TooLarge { .. } => {
                "This article is too large to show safely on this device.".into()
            }
            LoadError::Invalid(_) => {
                "This article's file is damaged or in a format this viewer can't read.".into()
            }
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

    /// Is trying again likely to help? (A broken document stays broken until someone fixes it,
    /// but retrying then is exactly what the reader wants, so only "not found" says no.)
    pub fn is_retryable(&self) -> bool {
        !matches!(self, LoadError::NotFound)
    }
}

/// Fetches and decodes one article. The document must carry the id it was requested under.
pub async fn fetch_article(site: &Site, id: &ArticleId) -> Result<Rc<Decoded<Article>>, LoadError> {
    let limits = Limits::default();
    let bytes = fetch_bytes(&site.article_url(id), &limits).await?;
    let decoded = folio_model::decode_article(&bytes, Some(id.as_str()), &limits)
        .map_err(|rejected| LoadError::Invalid(Rc::new(rejected)))?;
    report_problems(&site.article_url(id), &decoded.problems);
    Ok(Rc::new(decoded))
}

/// Fetches and decodes the front page's list of articles.
pub async fn fetch_index(site: &Site) -> Result<Rc<Decoded<Index>>, LoadError> {
    let limits = Limits::default();
    let bytes = fetch_bytes(&site.index_url(), &limits).await?;
    let decoded = folio_model::decode_index(&bytes, &limits)
        .map_err(|rejected| LoadError::Invalid(Rc::new(rejected)))?;
    report_problems(&site.index_url(), &decoded.problems);
    Ok(Rc::new(decoded))
}

/// Fetches the publisher's configuration. Never fails: without a file the defaults apply, and
/// a broken file is reported in the console and replaced by the defaults where it is broken.
pub async fn fetch_config(url: &str) -> Config {
    let limits = Limits::default();
    match fetch_bytes(url, &limits).await {
        Ok(bytes) => {
            let decoded = folio_model::decode_config(&bytes);
            report_problems(url, &decoded.problems);
            decoded.value
        }
        Err(LoadError::NotFound) => Config::default(),
        Err(error) => {
            leptos::logging::warn!("{url}: {error}; using the default configuration");
            Config::default()
        }
    }
}

/// A document shown in part still tells its publisher what was dropped, in the console.
fn report_problems(url: &str, problems: &[folio_model::Problem]) {
    for problem in problems {
        leptos::logging::warn!("{url}: {problem}");
    }
}

/// GETs `url` and returns its body. The request is aborted when the reactive owner that started
/// it is cleaned up, i.e. when the reader navigates away or the resource fetches anew.
async fn fetch_bytes(url: &str, limits: &Limits) -> Result<Vec<u8>, LoadError> {
    let abort_controller = web_sys::AbortController::new().ok();
    let abort_signal = abort_controller
        .as_ref()
        .map(web_sys::AbortController::signal);
    on_cleanup(move || {
        if let Some(controller) = abort_controller {
            controller.abort();
        }
    });

    let network_error = |error: gloo_net::Error| LoadError::Network {
        url: url.to_string(),
        detail: error.to_string(),
        other_origin: other_origin(url),
    };
    let response = Request::get(url)
        .abort_signal(abort_signal.as_ref())
        .send()
        .await
        .map_err(network_error)?;
    match response.status() {
        200..=299 => {}
        404 | 410 => return Err(LoadError::NotFound),
        status => return Err(LoadError::Http(status)),
    }
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
    let bytes = response.binary().await.map_err(network_error)?;
    if bytes.len() > limits.max_bytes {
        return Err(LoadError::TooLarge {
            size: bytes.len(),
            limit: limits.max_bytes,
        });
    }
    Ok(bytes)
}

/// The origin of `url` when it differs from the page's.
fn other_origin(url: &str) -> Option<String> {
    let origin = web_sys::Url::new(url).ok()?.origin();
    let page_origin = web_sys::window()?.location().origin().ok()?;
    (origin != page_origin).then_some(origin)
}
