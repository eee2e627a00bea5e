//! Articles shown inside someone else's page (documented in `docs/embedding.md`):
//!
//! - [`element`]: `<folio-article>`, a custom element defined by `folio-embed.js`, which mounts
//!   an article into the element's shadow root through the exported `mount_article`;
//! - [`frame`]: `/embed/articles/<id>`, a compact page for an iframe that tells its parent its
//!   height by `postMessage`;
//! - `snippet` (prerender only): that iframe as an oEmbed consumer pastes it.
//!
//! Both provide an [`Embedding`] to the components they mount. Components ask for it with
//! [`use_embedding`] where an embedded article must behave differently from the full page:
//! links to articles leave for the full article on the Folio host, focus and the document
//! title are the host's, and ad containers live where the host's ad script can find them.

pub mod element;
pub mod frame;
#[cfg(feature = "ssr")]
pub mod snippet;

use leptos::prelude::*;
use send_wrapper::SendWrapper;

/// How the article being rendered is embedded.
#[derive(Clone, Debug)]
pub struct Embedding {
    /// Where links to articles open: `None` for the embedding page's own browsing context,
    /// `"_top"` to leave an iframe, `"_blank"` for a new tab.
    pub link_target: Option<&'static str>,
    /// The custom element, when ads are wanted: ad containers go in its light DOM (slotted into
    /// the shadow tree), where the host's ad script finds them by id.
    pub ad_host: Option<SendWrapper<web_sys::HtmlElement>>,
    /// Makes DOM ids unique among all the embeds on a page, e.g. `folio-embed-2-`.
    pub id_prefix: String,
    /// Whether the article may set the document's title (an iframe has its own document).
    pub owns_document: bool,
}

/// The embedding the current component renders in, or `None` on Folio's own pages.
pub fn use_embedding() -> Option<Embedding> {
    use_context::<Embedding>()
}

/// Whether the current article may set the document's title: on Folio's own pages and in the
/// iframe embed, not inside someone else's page.
pub fn owns_document() -> bool {
    use_embedding().is_none_or(|embedding| embedding.owns_document)
}
