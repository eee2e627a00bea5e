//! The static pages' HTML: the app shell with a page's head tags and, in its body, the page as
//! the viewer's components render it. The glue written here escapes everything from a document:
//! text with [`escape_text`], attributes with [`escape_attribute`]; URLs have passed the model's
//! filter.

use std::fmt::Write as _;

use anyhow::{Context, Result};
use folio::site::Site;
use folio_model::{Article, Config, Decoded, Index, Listing, PageContext, PageNumber};

/// The pages of one site, made from its app shell.
pub struct Pages<'a> {
    /// The app shell without its wasm preload: a prerendered page paints from its HTML, and
    /// the preload would only compete with the CSS and the images for the first paint (the
    /// module script fetches the wasm right after).
    shell: String,
    site_url: &'a str,
    config: &'a Decoded<Config>,
    site: &'a Site,
}

/// Marks the head tags the prerender step adds, so the viewer removes them when its own are in
/// place.
const MARK: &str = "data-folio-prerendered";

impl<'a> Pages<'a> {
    pub fn new(
        shell: &str,
        site_url: &'a str,
        config: &'a Decoded<Config>,
        site: &'a Site,
    ) -> Self {
        let shell = shell
            .lines()
            .filter(|line| !line.contains("type=\"application/wasm\""))
            .map(|line| format!("{line}\n"))
            .collect();
        Pages {
            shell,
            site_url,
            config,
            site,
        }
    }

    pub fn article_page(&self, article: &Decoded<Article>) -> Result<String> {
        let site_name = &self.config.value.site_name;
        let canonical = self.site.article_page_url(&article.value.id);
        let absolute = |url: &str| self.site.absolute(url);
        let head = folio_model::article_head(
            &article.value,
            &PageContext {
                site_name,
                canonical: &canonical,
                absolute: &absolute,
            },
        );
        let mut tags = String::new();
        let _ = write!(
            tags,
            "<link rel=\"canonical\" href=\"{}\" {MARK} />\n    ",
            escape_attribute(&head.canonical)
        );
        for tag in &head.meta {
            let _ = write!(
                tags,
                "<meta {}=\"{}\" content=\"{}\" {MARK} />\n    ",
                tag.attribute.as_str(),
                tag.key,
                escape_attribute(&tag.content)
            );
        }
        let _ = write!(
            tags,
            "<script type=\"application/ld+json\" {MARK}>{}</script>\n    ",
            head.json_ld
        );
        // For oEmbed consumers (a CMS given the page's address), which run no script.
        let _ = write!(
            tags,
            "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"{}\" title=\"{}\" {MARK} />\n    ",
            escape_attribute(&self.site.article_oembed_url(&article.value.id)),
            escape_attribute(&article.value.headline)
        );
        // No preload of the article's JSON: the page already shows it, and a preload that
        // stalls would be what every retry of the viewer's request gets, too.
        self.expect(
            &mut tags,
            &self.site.article_route(&article.value.id),
            folio::components::ARTICLE_BODY_ID,
        );
        self.feeds(&mut tags, None);
        let title = self.site.page_title(&article.value.headline);
        let body = folio::prerender::article_page_body(self.site_url, self.config.clone(), article);
        self.page(&title, &tags, &body)
    }

    /// The article's oEmbed document (`folio::prerender::oembed_document`).
    pub fn oembed(&self, article: &Decoded<Article>) -> String {
        folio::prerender::oembed_document(self.site_url, self.config.clone(), &article.value)
    }

    pub fn listing_page(
        &self,
        listing: &Listing,
        page: PageNumber,
        index: &Decoded<Index>,
    ) -> Result<String> {
        let title = folio::prerender::listing_page_title(self.site, listing, &index.value);
        let canonical = self.site.listing_page_url(listing, page);
        let mut tags = String::new();
        let _ = write!(
            tags,
            "<link rel=\"canonical\" href=\"{}\" {MARK} />\n    ",
            escape_attribute(&canonical)
        );
        for (property, content) in [
            ("og:type", "website"),
            ("og:title", &title),
            ("og:url", &canonical),
            ("og:site_name", &self.config.value.site_name),
        ] {
            let _ = write!(
                tags,
                "<meta property=\"{property}\" content=\"{}\" {MARK} />\n    ",
                escape_attribute(content)
            );
        }
        self.expect(
            &mut tags,
            &self.site.listing_route(listing, page),
            folio::components::LISTING_ARTICLES_ID,
        );
        let section_feed = match listing {
            Listing::Section(_) => Some((
                super::sitemap::section_feed_path(listing),
                index.value.title.as_deref().unwrap_or_default(),
            )),
            _ => None,
        };
        self.feeds(
            &mut tags,
            section_feed
                .as_ref()
                .map(|(path, name)| (path.as_str(), *name)),
        );
        let body =
            folio::prerender::listing_page_body(self.site_url, self.config.clone(), listing, index);
        self.page(&title, &tags, &body)
    }

    /// The first paint waits until the element `id` (the article's body, the listing's list) is
    /// parsed: a page that arrives in parts would otherwise paint its header half-built (the
    /// display settings without their summary, a tool without its neighbour) and then move it.
    /// The address must be this page's own (as a path, whatever the host), not one relative to
    /// `<base href>`. Browsers without `rel=expect` ignore it.
    fn expect(&self, tags: &mut String, route: &str, id: &str) {
        let _ = write!(
            tags,
            "<link rel=\"expect\" href=\"{}#{id}\" blocking=\"render\" {MARK} />\n    ",
            escape_attribute(route),
        );
    }

    /// The site's feed, and a section's (its path under the base, and its name).
    fn feeds(&self, tags: &mut String, section: Option<(&str, &str)>) {
        let site_name = &self.config.value.site_name;
        let _ = write!(
            tags,
            "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"feed.xml\" title=\"{}\" {MARK} />\n  ",
            escape_attribute(site_name)
        );
        if let Some((path, name)) = section {
            let _ = write!(
                tags,
                "  <link rel=\"alternate\" type=\"application/atom+xml\" href=\"{}\" title=\"{}\" {MARK} />\n  ",
                escape_attribute(path),
                escape_attribute(&format!("{name} · {site_name}"))
            );
        }
    }

    fn page(&self, title: &str, tags: &str, body: &str) -> Result<String> {
        let html = replace_between(&self.shell, "<title>", "</title>", &escape_text(title))?;
        let html = html.replacen("</head>", &format!("{tags}</head>"), 1);
        replace_between(
            &html,
            "<body data-folio-app>",
            "</body>",
            &format!("\n    {body}\n  "),
        )
    }
}

/// Replaces what lies between `start` and the next `end` (both kept) with `content`.
fn replace_between(html: &str, start: &str, end: &str, content: &str) -> Result<String> {
    let open = html
        .find(start)
        .with_context(|| format!("the entry page has no {start}"))?
        + start.len();
    let close = html[open..]
        .find(end)
        .with_context(|| format!("the entry page has no {end}"))?
        + open;
    Ok(format!("{}{content}{}", &html[..open], &html[close..]))
}

pub fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub fn escape_attribute(text: &str) -> String {
    escape_text(text)
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}
