//! The static entry pages of `folio prerender`, rendered natively by the viewer's own
//! components (Leptos's `ssr` rendering): the same markup the viewer renders, by construction.

use std::sync::Arc;

use folio_model::{Article, Config, Decoded, Index, Listing, Strings};
use leptos::prelude::*;

use crate::pages::{PrerenderedArticle, PrerenderedListing};
use crate::site::Site;
pub use crate::takeover::PRERENDERED_ID;

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

/// What goes in the `<body>` of a listing page's static entry page.
pub fn listing_page_body(
    base_url: &str,
    config: Decoded<Config>,
    listing: &Listing,
    index: &Decoded<Index>,
) -> String {
    let owner = Owner::new();
    owner.with(|| {
        let site = Site::new(base_url.to_string(), config);
        let stamp = site.render_stamp(index.source);
        provide_context(Arc::new(site));
        view! { <PrerenderedListing listing=listing.clone() index=index.value.clone() stamp /> }
            .to_html()
    })
}

/// The app shell's last resort (`components::LastResort`), in the entry page's language, for the
/// build to write into the shell. Its link is the site's front page (`./` against the page's
/// `<base>`) until the settings script points it at the address the shell is served for.
pub fn app_shell_last_resort() -> String {
    Owner::new()
        .with(|| view! { <crate::components::LastResort readable=false href="./" /> }.to_html())
}

/// A listing page's document title, as the viewer sets it.
pub fn listing_page_title(site: &Site, listing: &Listing, index: &Index) -> String {
    Owner::new().with(|| {
        let strings: &Strings = crate::i18n::use_strings();
        site.page_title(&crate::components::listing_page_title(
            strings, listing, index,
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page, without the framework's markers (`<!>`, for its hydration walk).
    fn render(document: &str) -> String {
        let decoded =
            folio_model::decode_article(document.as_bytes(), None, &Default::default()).unwrap();
        article_page_body(
            "https://news.example.org/",
            folio_model::default_config(),
            &decoded,
        )
        .replace("<!>", "")
    }

    /// Every block type, rendered natively by the components, in the markup the stylesheet and
    /// the tests know.
    #[test]
    fn every_block_type_renders() {
        let html = render(
            r#"{"version": 1, "id": "blocks", "headline": "All blocks",
                "published": "2026-11-28T09:00:00Z",
                "body": [
                  {"type": "paragraph", "content": ["Plain, ", {"text": "bold", "marks": ["bold"]},
                    " and ", {"text": "a link", "href": "https://example.org/"}]},
                  {"type": "heading", "level": 2, "content": "Two"},
                  {"type": "heading", "level": 3, "content": "Three"},
                  {"type": "heading", "level": 4, "content": "Four"},
                  {"type": "quote", "content": "Said.", "cite": "Someone"},
                  {"type": "pullquote", "content": "Pulled."},
                  {"type": "image", "src": "content/images/a.svg", "alt": "An image",
                   "width": 40, "height": 30, "caption": "A caption"},
                  {"type": "list", "ordered": true, "items": ["First", "Second"]},
                  {"type": "list", "ordered": false, "items": ["Bullet"]},
                  {"type": "divider"},
                  {"type": "embed", "url": "https://video.example.org/watch/1", "title": "A video"},
                  {"type": "paragraph", "content": "<script>stays text</script>"}
                ]}"#,
        );
        for expected in [
            r#"<div id="folio-prerendered">"#,
            r#"<main id="main" tabindex="-1">"#,
            r#"<h1 elementtiming="headline" tabindex="-1">All blocks</h1>"#,
            r#"<p id="p-1"><a href="/articles/blocks#p-1""#,
            "<strong>bold</strong>",
            r#"<a href="https://example.org/" rel="noopener noreferrer">a link</a>"#,
            "<h2>Two</h2>",
            "<h3>Three</h3>",
            "<h4>Four</h4>",
            r#"<figure class="quote"><blockquote><p>Said.</p></blockquote><figcaption>Someone</figcaption></figure>"#,
            r#"<aside class="pullquote"><p>Pulled.</p></aside>"#,
            r#"<img src="https://news.example.org/content/images/a.svg" alt="An image" width="40" height="30" loading="lazy""#,
            r#"<span class="caption">A caption</span>"#,
            "<ol><li>First</li><li>Second</li></ol>",
            "<ul><li>Bullet</li></ul>",
            "<hr>",
            r#"<span class="embed-card__title">A video</span><span class="embed-card__host">video.example.org</span>"#,
            "&lt;script&gt;stays text&lt;/script&gt;",
        ] {
            assert!(html.contains(expected), "{expected}\nnot in\n{html}");
        }
        assert!(!html.contains("<script"));
    }

    /// The stamp the viewer checks before adopting the page is the one the site gives.
    #[test]
    fn the_page_carries_its_render_stamp() {
        let document = r#"{"version": 1, "id": "s", "headline": "S",
                           "published": "2026-11-28T09:00:00Z", "body": []}"#;
        let decoded =
            folio_model::decode_article(document.as_bytes(), None, &Default::default()).unwrap();
        let site = Site::new(
            "https://news.example.org/".into(),
            folio_model::default_config(),
        );
        let stamp = site.render_stamp(decoded.source);
        assert!(render(document).contains(&format!(r#"data-folio-stamp="{stamp}""#)));
    }
}
