//! Where the app is hosted and where its content lives.
//!
//! The entry page's `<base href>` names the app's base URL (`/`, or `/news/` for a site hosted
//! under a sub-path; `cargo xtask dist --base-path` writes it). Every asset and content path is
//! relative to it, so content never needs to know where the app is hosted.

use folio_model::ArticleId;

/// The app's address, read once from the document at start-up and shared through context.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    /// Absolute base URL, ending in `/`, e.g. `https://example.org/news/`.
    base_url: String,
}

impl Site {
    /// Reads the base URL from the document (its `<base href>`).
    pub fn from_document() -> Site {
        let base_uri = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.base_uri().ok().flatten())
            .unwrap_or_else(|| "/".to_string());
        Site::with_base_url(&base_uri)
    }

    /// A site whose base is `base_url`; anything after its last `/` is not part of the base.
    pub fn with_base_url(base_url: &str) -> Site {
        let base = base_url.split(['?', '#']).next().unwrap_or_default();
        let directory_end = base.rfind('/').map_or(0, |slash| slash + 1);
        Site {
            base_url: base.get(..directory_end).unwrap_or(base).to_string(),
        }
    }

    /// The path the router is mounted under: `""` at the domain root, `/news` under `/news/`.
    pub fn router_base(&self) -> String {
        let after_scheme = self
            .base_url
            .split_once("//")
            .map_or(self.base_url.as_str(), |(_, rest)| rest);
        let path = after_scheme
            .find('/')
            .and_then(|i| after_scheme.get(i..))
            .unwrap_or("/");
        path.trim_end_matches('/').to_string()
    }

    /// `content/articles/<id>.json`, relative to the base.
    pub fn article_url(&self, id: &ArticleId) -> String {
        format!("{}content/articles/{id}.json", self.base_url)
    }

    /// `content/index.json`, relative to the base.
    pub fn index_url(&self) -> String {
        format!("{}content/index.json", self.base_url)
    }
}

/// The [`Site`] the app provided, for components that need to reach content.
pub fn use_site() -> Site {
    leptos::prelude::use_context::<Site>().unwrap_or_else(Site::from_document)
}
