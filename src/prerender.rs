//! The static entry pages of `cargo xtask prerender`, rendered natively by the viewer's own
//! components (Leptos's `ssr` rendering): the same markup the viewer renders, by construction.

use std::sync::Arc;

use folio_model::{Article, Config, Decoded};
use leptos::prelude::*;

use crate::pages::PrerenderedArticle;
use crate::site::Site;

/// What goes in the `<body>` of `article`'s static entry page, for the site at `base_url` (its
/// public address, ending in `/`) with `config`.
pub fn article_page_body(
    base_url: &str,
    config: Decoded<Config>,
    article: &Decoded<Article>,
) -> String {
    let owner = Owner::new();
    owner.with(|| {
        let site = Site::new(base_url.to_string(), config);
        let stamp = site.render_stamp(article.source);
        provide_context(Arc::new(site));
        view! { <PrerenderedArticle article=article.value.clone() stamp /> }.to_html()
    })
}
