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

/// `article`'s oEmbed document (oembed.com, type `rich`) for the site at `base_url`: JSON, with
/// the iframe snippet as its `html`.
pub fn oembed_document(base_url: &str, config: Decoded<Config>, article: &Article) -> String {
    use crate::embed::snippet::{EmbedSnippet, SNIPPET_HEIGHT, SNIPPET_WIDTH};
    use folio_model::Href;

    let site = Site::new(base_url.to_string(), config);
    let html = Owner::new().with(|| {
        view! {
            <EmbedSnippet
                src=site.article_frame_url(&article.id)
                title=article.headline.clone()
                script=site.absolute(crate::site::EMBED_SCRIPT)
            />
        }
        .to_html()
    });
    let mut document = serde_json::Map::new();
    let mut field = |key: &str, value: serde_json::Value| {
        document.insert(key.to_string(), value);
    };
    field("version", "1.0".into());
    field("type", "rich".into());
    field("title", article.headline.clone().into());
    field("provider_name", site.config.site_name.clone().into());
    field("provider_url", site.front_page_url().into());
    field("cache_age", OEMBED_CACHE_SECONDS.into());
    field("html", html.into());
    field("width", SNIPPET_WIDTH.into());
    field("height", SNIPPET_HEIGHT.into());
    if !article.authors.is_empty() {
        let names: Vec<&str> = article.authors.iter().map(|a| a.name.as_str()).collect();
        field("author_name", names.join(", ").into());
        // A web page about the author (not an email address).
        if let Some(Href::Url(url)) = article.authors.first().and_then(|a| a.url.as_ref()) {
            let url = site.absolute(url);
            if url.starts_with("https:") || url.starts_with("http:") {
                field("author_url", url.into());
            }
        }
    }
    if let Some(image) = article
        .image
        .as_ref()
        .and_then(|figure| figure.image.as_ref())
    {
        field("thumbnail_url", site.absolute(&image.src).into());
        field("thumbnail_width", image.width.into());
        field("thumbnail_height", image.height.into());
    }
    serde_json::Value::Object(document).to_string()
}

/// How long an oEmbed consumer may keep a document: an hour, as an edited headline should
/// reach embeds the same day.
const OEMBED_CACHE_SECONDS: u32 = 3600;

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

    #[test]
    fn oembed_documents_are_rich_with_a_frame_that_works_alone() {
        let article = folio_model::decode_article(
            br#"{"version": 1, "id": "quay", "headline": "The \"quay\" <reopens>",
                "authors": [{"name": "A", "url": "https://a.example/"}, {"name": "B"}],
                "published": "2026-11-28T09:00:00Z",
                "image": {"src": "content/images/q.svg", "alt": "", "width": 1200, "height": 800},
                "body": []}"#,
            None,
            &Default::default(),
        )
        .unwrap()
        .value;
        let document = oembed_document(
            "https://news.example.org/news/",
            folio_model::default_config(),
            &article,
        );
        let json: serde_json::Value = serde_json::from_str(&document).unwrap();
        assert_eq!(json["version"], "1.0");
        assert_eq!(json["type"], "rich");
        assert_eq!(json["title"], "The \"quay\" <reopens>");
        assert_eq!(json["author_name"], "A, B");
        assert_eq!(json["author_url"], "https://a.example/");
        assert_eq!(json["provider_url"], "https://news.example.org/news/");
        assert_eq!(
            json["thumbnail_url"],
            "https://news.example.org/news/content/images/q.svg"
        );
        assert_eq!(
            (json["width"].as_u64(), json["height"].as_u64()),
            (Some(640), Some(600))
        );
        let html = json["html"].as_str().unwrap();
        assert!(
            html.starts_with("<iframe src=\"https://news.example.org/news/embed/articles/quay\""),
            "{html}"
        );
        assert!(
            html.contains("title=\"The &quot;quay&quot; &lt;reopens&gt;\""),
            "{html}"
        );
        for attribute in [
            r#"width="640" height="600""#,
            r#"loading="lazy""#,
            r#"class="folio-embed-frame""#,
        ] {
            assert!(html.contains(attribute), "{html}");
        }
        assert!(html.ends_with(
            r#"<script type="module" src="https://news.example.org/news/folio-embed.js"></script>"#
        ));
    }
}
