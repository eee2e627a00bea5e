//! Where the app is hosted, where its content lives, and the publisher's configuration.
//!
//! The entry page's `<base href>` names the app's base URL (`/`, or `/news/` for a site hosted
//! under a sub-path; `cargo xtask dist --base-path` writes it). `folio.config.json` beside the
//! entry page says where the content is (by default `content/`, relative to the base) and
//! everything else a publisher sets at run time.

use std::sync::Arc;

use folio_model::{ArticleId, Config, Decoded, Listing, PageNumber, fingerprint};

/// The app's address and configuration, read once at start-up and shared through context.
#[derive(Clone, Debug, PartialEq)]
pub struct Site {
    /// Absolute base URL, ending in `/`, e.g. `https://example.org/news/`.
    base_url: String,
    /// Its path without the trailing slash: `""` at the domain root, `/news` under `/news/`.
    router_base: String,
    pub config: Config,
    /// The fingerprint of the configuration file's bytes (of no bytes when there is none).
    config_source: u64,
}

impl Site {
    /// Reads the base URL from the document and fetches the configuration beside it.
    pub async fn load() -> Site {
        Site::load_at(base_url_of_document()).await
    }

    /// The site whose entry page is at `base_url` (an embed knows it from its script's URL).
    pub async fn load_at(base_url: String) -> Site {
        let config = crate::api::fetch_config(&resolve(&base_url, CONFIG_FILE)).await;
        Site::new(base_url, config)
    }

    /// The site at `base_url` (absolute, ending in `/`) with its decoded configuration; the
    /// prerender step makes one for the address the site will be served from.
    pub fn new(base_url: String, config: Decoded<Config>) -> Site {
        let router_base = url::path(&base_url)
            .map(|path| path.trim_end_matches('/').to_string())
            .unwrap_or_default();
        Site {
            base_url,
            router_base,
            config: config.value,
            config_source: config.source,
        }
    }

    /// What a rendered article page depends on besides the components: the article's bytes
    /// (`article_source`), the configuration's, the site's address and Folio's version. A page
    /// prerendered with the same stamp is, node for node, what the viewer would render, so the
    /// viewer may adopt its nodes; any other stamp means it was written before an edit.
    pub fn render_stamp(&self, article_source: u64) -> String {
        let inputs = format!(
            "{}\n{}\n{:016x}\n{article_source:016x}",
            env!("CARGO_PKG_VERSION"),
            self.base_url,
            self.config_source
        );
        format!("{:016x}", fingerprint(inputs.as_bytes()))
    }

    /// The path the app's pages live under: `""` at the domain root, `/news` under `/news/`.
    pub fn router_base(&self) -> &str {
        &self.router_base
    }

    /// The document title of a page titled `page`: `"<page> · <site name>"`, or the site's name
    /// alone for an untitled page (the front page).
    pub fn page_title(&self, page: &str) -> String {
        let site_name = &self.config.site_name;
        if page.is_empty() {
            site_name.clone()
        } else {
            format!("{page} · {site_name}")
        }
    }

    /// The address of an app route, e.g. `/` or `/articles/<id>`, under the base path.
    pub fn route(&self, path: &str) -> String {
        format!("{}{path}", self.router_base)
    }

    pub fn article_route(&self, id: &ArticleId) -> String {
        self.route(&format!("{ARTICLES_ROUTE}{id}"))
    }

    /// The address of a listing page: `/` for the front page, `/sections/<slug>/page/2`, …
    pub fn listing_route(&self, listing: &Listing, page: PageNumber) -> String {
        match listing.route(page) {
            route if route.is_empty() => self.route("/"),
            route => self.route(&route),
        }
    }

    /// Whether an address path (as `location.pathname` gives it) is one of the app's, i.e. under
    /// the base path: the app shows it, a page of its own or not found, without a reload.
    pub fn is_app_path(&self, path: &str) -> bool {
        path.strip_prefix(&self.router_base)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    }

    /// The page an address path names: the inverse of [`Site::route`] and
    /// [`Site::article_route`]. A trailing slash names the same page.
    pub fn page_at(&self, path: &str) -> Page {
        if !self.is_app_path(path) {
            return Page::NotFound;
        }
        let route = path
            .get(self.router_base.len()..)
            .unwrap_or_default()
            .trim_end_matches('/');
        match route.strip_prefix(ARTICLES_ROUTE) {
            Some(id) if !id.is_empty() && !id.contains('/') => Page::Article(id.to_string()),
            Some(_) => Page::NotFound,
            None => Listing::at_route(route).map_or(Page::NotFound, |(listing, page)| {
                Page::Listing(listing, page)
            }),
        }
    }

    /// The full address of an article's page, for links from outside the app (embeds).
    pub fn article_page_url(&self, id: &ArticleId) -> String {
        resolve(&self.base_url, &format!("articles/{id}"))
    }

    /// The full address of an article's iframe page (`embed/frame.rs`).
    pub fn article_frame_url(&self, id: &ArticleId) -> String {
        resolve(
            &self.base_url,
            &format!("{}{id}", FRAME_ROUTE.trim_start_matches('/')),
        )
    }

    /// The full address of an article's oEmbed document (`docs/embedding.md`).
    pub fn article_oembed_url(&self, id: &ArticleId) -> String {
        resolve(&self.base_url, &article_oembed_path(id))
    }

    /// The full address of the front page.
    pub fn front_page_url(&self) -> &str {
        &self.base_url
    }

    /// The full address of a listing page, for links from outside the app (embeds).
    pub fn listing_page_url(&self, listing: &Listing, page: PageNumber) -> String {
        let route = listing.route(page);
        resolve(&self.base_url, route.trim_start_matches('/'))
    }

    /// A content URL (an image, a relative link) resolved against the site's base, as the
    /// entry page's `<base href>` would; an embed's page has another base.
    pub fn absolute(&self, url: &str) -> String {
        resolve(&self.base_url, url)
    }

    /// The id whose article document is at `url`, if `url` is one of this site's.
    pub fn article_id_at(&self, url: &str) -> Option<ArticleId> {
        // The id is one of the address's segments (`{id}.json`, `{id}/index.json`, …).
        url.split('/')
            .filter_map(|segment| {
                ArticleId::parse(segment.strip_suffix(".json").unwrap_or(segment)).ok()
            })
            .find(|id| self.article_url(id) == url)
    }

    pub fn article_url(&self, id: &ArticleId) -> String {
        resolve(&self.base_url, &self.config.content.article_path(id))
    }

    /// A listing page's document.
    pub fn listing_url(&self, listing: &Listing, page: PageNumber) -> String {
        resolve(
            &self.base_url,
            &self.config.content.listing_path(listing, page),
        )
    }
}

/// The configuration's file name, beside the entry page.
pub const CONFIG_FILE: &str = "folio.config.json";

/// Where an article's iframe page lives, under the base path: `/embed/articles/<id>`.
pub const FRAME_ROUTE: &str = "/embed/articles/";

/// The script other sites load to embed articles, at the base (`docs/embedding.md`).
pub const EMBED_SCRIPT: &str = "folio-embed.js";

/// Where the prerender step writes an article's oEmbed document, relative to the base: beside
/// its page.
pub fn article_oembed_path(id: &ArticleId) -> String {
    format!("articles/{id}/oembed.json")
}

/// Where article pages live, under the base path: `/articles/<id>`.
const ARTICLES_ROUTE: &str = "/articles/";

/// One of the app's pages, as an address names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// `/` and the other listing pages: `/page/<n>`, `/sections/<slug>`, `/tags/<slug>`,
    /// `/authors/<slug>`, each with its `/page/<n>`.
    Listing(Listing, PageNumber),
    /// `/articles/<id>`, with the id as the address has it (it may not be a valid id: the
    /// article page says it does not exist).
    Article(String),
    /// Any other path under the base.
    NotFound,
}

/// The document's base URL (its `<base href>`), reduced to a directory.
fn base_url_of_document() -> String {
    let base_uri = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.base_uri().ok().flatten())
        .unwrap_or_default();
    resolve(&base_uri, ".")
}

/// `path` resolved against `base`, as a browser resolves a link (absolute URLs stay as they are).
fn resolve(base: &str, path: &str) -> String {
    url::join(base, path).unwrap_or_else(|| path.to_string())
}

/// The listing a section's, tag's or author's name leads to, by the model's slug rule: with the
/// browser's Unicode normalization in the browser (Unicode's tables would add 176 KB to the
/// wasm), with Unicode's tables natively (the prerender step). The two differ only for
/// characters newer than one of them.
pub fn listing_named(kind: fn(String) -> Listing, name: &str) -> Option<Listing> {
    #[cfg(target_arch = "wasm32")]
    let forms = browser::UnicodeForms::new();
    #[cfg(not(target_arch = "wasm32"))]
    let forms = folio_model::Normalization;
    Listing::named_with(kind, name, &forms)
}

#[cfg(target_arch = "wasm32")]
mod browser {
    /// `String.prototype.normalize` and `/\p{M}/u`.
    pub struct UnicodeForms {
        mark: js_sys::RegExp,
    }

    impl UnicodeForms {
        pub fn new() -> UnicodeForms {
            UnicodeForms {
                mark: js_sys::RegExp::new(r"^\p{M}$", "u"),
            }
        }
    }

    impl folio_model::UnicodeForms for UnicodeForms {
        fn nfc(&self, text: &str) -> String {
            js_sys::JsString::from(text).normalize("NFC").into()
        }

        fn nfkd(&self, text: &str) -> String {
            js_sys::JsString::from(text).normalize("NFKD").into()
        }

        fn is_mark(&self, c: char) -> bool {
            self.mark.test(c.encode_utf8(&mut [0; 4]))
        }
    }
}

/// URL parsing, the one thing about addresses with two implementations: the browser's own
/// `URL`, and natively (the prerender step) the `url` crate, which implements the same WHATWG
/// standard, so both resolve every address alike.
mod url {
    #[cfg(target_arch = "wasm32")]
    pub fn join(base: &str, path: &str) -> Option<String> {
        web_sys::Url::new_with_base(path, base)
            .ok()
            .map(|url| url.href())
    }

    #[cfg(target_arch = "wasm32")]
    pub fn path(url: &str) -> Option<String> {
        web_sys::Url::new(url).ok().map(|url| url.pathname())
    }

    #[cfg(not(target_arch = "wasm32"))]
    pub fn join(base: &str, path: &str) -> Option<String> {
        ::url::Url::parse(base)
            .and_then(|base| base.join(path))
            .ok()
            .map(String::from)
    }

    #[cfg(not(target_arch = "wasm32"))]
    pub fn path(url: &str) -> Option<String> {
        ::url::Url::parse(url)
            .ok()
            .map(|url| url.path().to_string())
    }
}

/// The [`Site`] the app provided, for components that need to reach content. Shared, not
/// copied: every link of an article asks for it.
pub fn use_site() -> Arc<Site> {
    leptos::prelude::use_context::<Arc<Site>>().unwrap_or_else(|| {
        Arc::new(Site::new(
            base_url_of_document(),
            folio_model::default_config(),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site_at(base_url: &str) -> Site {
        Site::new(base_url.into(), folio_model::default_config())
    }

    fn front() -> Page {
        Page::Listing(Listing::Front, None)
    }

    #[test]
    fn addresses_name_pages_under_the_base_path_only() {
        for (base_url, base) in [
            ("https://example.org/", ""),
            ("https://example.org/news/", "/news"),
        ] {
            let site = site_at(base_url);
            let page = |path: &str| site.page_at(&format!("{base}{path}"));
            assert_eq!(page("/"), front());
            assert_eq!(page(""), front());
            assert_eq!(
                page("/articles/tide-mill"),
                Page::Article("tide-mill".into())
            );
            assert_eq!(
                page("/articles/tide-mill/"),
                Page::Article("tide-mill".into())
            );
            assert_eq!(
                page("/articles/Not_An_Id"),
                Page::Article("Not_An_Id".into())
            );
            for unknown in [
                "/articles/",
                "/articles",
                "/articles/a/b",
                "/about",
                "/feed.xml",
            ] {
                assert_eq!(page(unknown), Page::NotFound, "{base}{unknown}");
            }
            let id = ArticleId::parse("tide-mill").unwrap();
            assert_eq!(
                site.page_at(&site.article_route(&id)),
                Page::Article("tide-mill".into())
            );
            assert_eq!(site.page_at(&site.route("/")), front());
            let section = Listing::Section("ثقافة".into());
            for (listing, page) in [
                (Listing::Front, None),
                (Listing::Front, Some(7)),
                (section.clone(), None),
                (section, Some(2)),
                (Listing::Author("ines-halloran".into()), Some(1)),
            ] {
                let route = site.listing_route(&listing, page);
                assert_eq!(
                    site.page_at(&route),
                    Page::Listing(listing, page),
                    "{route}"
                );
            }
            assert_eq!(page("/tags/Transport"), Page::NotFound);
        }
        let news = site_at("https://example.org/news/");
        assert!(news.is_app_path("/news") && news.is_app_path("/news/articles/a"));
        assert!(!news.is_app_path("/newsletter") && !news.is_app_path("/"));
        assert_eq!(news.page_at("/newsletter"), Page::NotFound);
        assert!(site_at("https://example.org/").is_app_path("/anything"));
    }

    #[test]
    fn content_resolves_against_the_site_and_routes_carry_its_path() {
        let site = site_at("https://example.org/news/");
        assert_eq!(site.router_base(), "/news");
        assert_eq!(site.route("/"), "/news/");
        let transport = Listing::Tag("transport".into());
        assert_eq!(site.listing_route(&Listing::Front, None), "/news/");
        assert_eq!(
            site.listing_route(&transport, Some(2)),
            "/news/tags/transport/page/2"
        );
        assert_eq!(
            site.listing_page_url(&transport, None),
            "https://example.org/news/tags/transport"
        );
        assert_eq!(
            site.listing_url(&transport, Some(2)),
            "https://example.org/news/content/tags/transport/2.json"
        );
        assert_eq!(
            site.absolute("content/images/a.svg"),
            "https://example.org/news/content/images/a.svg"
        );
        assert_eq!(site.absolute("/img/a.svg"), "https://example.org/img/a.svg");
        assert_eq!(site.absolute("../up.svg"), "https://example.org/up.svg");
        assert_eq!(
            site.absolute("https://cdn.example/a.svg"),
            "https://cdn.example/a.svg"
        );
        let id = ArticleId::parse("tide-mill").unwrap();
        assert_eq!(site.article_route(&id), "/news/articles/tide-mill");
        assert_eq!(
            site.article_page_url(&id),
            "https://example.org/news/articles/tide-mill"
        );
        let document = site.article_url(&id);
        assert_eq!(
            document,
            "https://example.org/news/content/articles/tide-mill.json"
        );
        assert_eq!(site.article_id_at(&document), Some(id));
        assert_eq!(
            site.article_id_at("https://elsewhere.example/tide-mill.json"),
            None
        );
        assert_eq!(site_at("https://example.org/").router_base(), "");
    }

    #[test]
    fn the_render_stamp_changes_with_each_input() {
        let base = site_at("https://example.org/");
        let stamp = base.render_stamp(1);
        assert_eq!(stamp, site_at("https://example.org/").render_stamp(1));
        assert_ne!(stamp, base.render_stamp(2), "the article");
        assert_ne!(
            stamp,
            site_at("https://example.org/news/").render_stamp(1),
            "the address"
        );
        let configured = Site::new(
            "https://example.org/".into(),
            folio_model::decode_config(br#"{"siteName": "Elsewhere"}"#),
        );
        assert_ne!(stamp, configured.render_stamp(1), "the configuration");
    }
}
