//! Listings: the front page's list of every article, and one list per section, tag and author,
//! each a chain of pages. Where each page's document lives and which app address shows it is
//! decided here, once, for the tool that writes the documents and the viewer that reads them.
//!
//! A listing's pages are numbered from the oldest: page 1 holds its oldest articles, and a new
//! article changes only the newest pages. The first page (the listing's own document, e.g.
//! `index.json`) holds the newest articles and names the next older page; a numbered page names
//! its older and newer neighbours.

#[cfg(feature = "normalization")]
use crate::slug::Normalization;
use crate::slug::{UnicodeForms, is_listing_slug, listing_slug_with, percent_decoded};

/// Which list of articles.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Listing {
    /// Every article: the front page.
    Front,
    /// The articles of a section, by the section's [`listing_slug`].
    Section(String),
    Tag(String),
    Author(String),
}

/// A page of a listing: `None` is its first page (the newest articles), `Some(n)` page `n`
/// counted from the oldest.
pub type PageNumber = Option<u32>;

impl Listing {
    /// The listing of a section, tag or author named `name` in an article; `None` when the name
    /// has nothing to spell an address with.
    #[cfg(feature = "normalization")]
    pub fn named(kind: fn(String) -> Listing, name: &str) -> Option<Listing> {
        Listing::named_with(kind, name, &Normalization)
    }

    /// [`Listing::named`] with another source of Unicode's forms (the browser's).
    pub fn named_with(
        kind: fn(String) -> Listing,
        name: &str,
        forms: &impl UnicodeForms,
    ) -> Option<Listing> {
        let slug = listing_slug_with(name, forms);
        (!slug.is_empty()).then(|| kind(slug))
    }

    /// The folder of a section's, tag's or author's documents and of its app address.
    fn folder(&self) -> Option<(&'static str, &str)> {
        match self {
            Listing::Front => None,
            Listing::Section(slug) => Some(("sections", slug)),
            Listing::Tag(slug) => Some(("tags", slug)),
            Listing::Author(slug) => Some(("authors", slug)),
        }
    }

    /// Where a page's document is, relative to the content base. `front` is the configured
    /// front page document (`index.json`); its numbered pages go beside it in a folder named
    /// after it (`index/12.json`), a section's in `sections/<slug>.json` and
    /// `sections/<slug>/12.json`.
    pub fn document_path(&self, front: &str, page: PageNumber) -> String {
        let stem = match self.folder() {
            None => front.strip_suffix(".json").unwrap_or(front).to_string(),
            Some((folder, slug)) => format!("{folder}/{slug}"),
        };
        match (self, page) {
            (Listing::Front, None) => front.to_string(),
            (_, None) => format!("{stem}.json"),
            (_, Some(page)) => format!("{stem}/{page}.json"),
        }
    }

    /// The listing page whose document is at `path` (relative to the content base, as
    /// [`Listing::document_path`] gives it); `None` for any other file.
    pub fn at_document(front: &str, path: &str) -> Option<(Listing, PageNumber)> {
        if path == front {
            return Some((Listing::Front, None));
        }
        let front_stem = front.strip_suffix(".json").unwrap_or(front);
        let route = match path
            .strip_prefix(front_stem)
            .and_then(|rest| rest.strip_prefix('/'))
        {
            Some(page) => format!("/page/{}", page.strip_suffix(".json")?),
            None => {
                let (listing, page) = path.strip_suffix(".json")?.split_once('/')?;
                match page.split_once('/') {
                    Some((slug, number)) => format!("/{listing}/{slug}/page/{number}"),
                    None => format!("/{listing}/{page}"),
                }
            }
        };
        let (listing, page) = Listing::at_route(&route)?;
        (listing.document_path(front, page) == path).then_some((listing, page))
    }

    /// The app address of a page, under the base path: `""` (the front page), `/page/12`,
    /// `/sections/<slug>`, `/sections/<slug>/page/12`.
    pub fn route(&self, page: PageNumber) -> String {
        let listing = match self.folder() {
            None => String::new(),
            Some((folder, slug)) => format!("/{folder}/{slug}"),
        };
        match page {
            None => listing,
            Some(page) => format!("{listing}/page/{page}"),
        }
    }

    /// The listing page an app address names (the inverse of [`Listing::route`]; `route` is
    /// the path under the base without a trailing slash, percent-escaped or not). A segment that
    /// no name could spell (`/sections/Transport`) names no listing.
    pub fn at_route(route: &str) -> Option<(Listing, PageNumber)> {
        let route = percent_decoded(route);
        let mut segments = route.split('/').skip(1);
        let listing = match segments.next() {
            None | Some("") => Listing::Front,
            Some("page") => return Some((Listing::Front, page_number(segments)?)),
            Some(folder) => {
                let slug = segments.next()?;
                if !is_listing_slug(slug) {
                    return None;
                }
                let kind = match folder {
                    "sections" => Listing::Section,
                    "tags" => Listing::Tag,
                    "authors" => Listing::Author,
                    _ => return None,
                };
                kind(slug.to_string())
            }
        };
        match segments.next() {
            None => Some((listing, None)),
            Some("page") => Some((listing, page_number(segments)?)),
            Some(_) => None,
        }
    }
}

/// `<n>` and nothing after it: a page number from 1.
fn page_number<'a>(mut segments: impl Iterator<Item = &'a str>) -> Option<PageNumber> {
    let number = segments.next()?;
    let canonical = number.bytes().all(|b| b.is_ascii_digit()) && !number.starts_with('0');
    let page = number.parse::<u32>().ok().filter(|_| canonical)?;
    segments.next().is_none().then_some(Some(page))
}

#[cfg(all(test, feature = "normalization"))]
mod tests {
    use super::*;

    #[test]
    fn documents_and_routes() {
        let section = Listing::named(Listing::Section, "ثقافة").unwrap();
        for (listing, page, document, route) in [
            (Listing::Front, None, "index.json", ""),
            (Listing::Front, Some(3), "index/3.json", "/page/3"),
            (
                Listing::Section("transport".into()),
                None,
                "sections/transport.json",
                "/sections/transport",
            ),
            (
                Listing::Tag("long-read".into()),
                Some(12),
                "tags/long-read/12.json",
                "/tags/long-read/page/12",
            ),
            (
                section.clone(),
                Some(2),
                "sections/ثقافة/2.json",
                "/sections/ثقافة/page/2",
            ),
        ] {
            assert_eq!(listing.document_path("index.json", page), document);
            assert_eq!(listing.route(page), route);
            assert_eq!(
                Listing::at_route(route),
                Some((listing.clone(), page)),
                "{route}"
            );
            assert_eq!(
                Listing::at_document("index.json", document),
                Some((listing, page)),
                "{document}"
            );
        }
        assert_eq!(
            Listing::at_route("/sections/%D8%AB%D9%82%D8%A7%D9%81%D8%A9"),
            Some((section, None))
        );
        assert_eq!(
            Listing::Front.document_path("front.json", Some(2)),
            "front/2.json"
        );
        for not_a_document in [
            "articles/a.json",
            "index/x.json",
            "index/0.json",
            "sections/Transport.json",
            "sections/a/b/c.json",
            "sections.json",
            "tags/a/page/2.json",
        ] {
            assert_eq!(
                Listing::at_document("index.json", not_a_document),
                None,
                "{not_a_document}"
            );
        }
        for not_a_listing in [
            "/articles",
            "/sections",
            "/sections/",
            "/sections/Transport",
            "/sections/a/b",
            "/page/0",
            "/page/01",
            "/page/x",
            "/page/3/4",
            "/tags/x/page",
            "/authors/x/page/99999999999",
        ] {
            assert_eq!(Listing::at_route(not_a_listing), None, "{not_a_listing}");
        }
    }
}
