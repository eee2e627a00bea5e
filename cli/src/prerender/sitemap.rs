//! The files for crawlers and feed readers: a sitemap index (`sitemap.xml`) over sitemaps of at
//! most 50,000 addresses and 50 MB each (`sitemaps/<n>.xml`), the site's Atom feed of its newest
//! articles (`feed.xml`), one per section (`sections/<slug>/feed.xml`), and `robots.txt`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use folio::site::Site;
use folio_model::{IndexEntry, Listing, Timestamp};

use super::ListingSummary;
use super::pages::{escape_attribute, escape_text};

/// The sitemap protocol's limits per file.
const MAX_URLS: usize = 50_000;
const MAX_BYTES: usize = 50 * 1024 * 1024;

/// A generated file: where it goes under the site, and its bytes.
pub struct Generated {
    pub output: String,
    pub bytes: Vec<u8>,
}

/// A section's feed, relative to the site.
pub fn section_feed_path(section: &Listing) -> String {
    format!("{}/feed.xml", section.route(None).trim_start_matches('/'))
}

/// The sitemaps and feeds of a site whose articles are `entries`, newest first.
pub fn generate(
    site: &Site,
    site_url: &str,
    site_name: &str,
    entries: &[IndexEntry],
    listings: &[ListingSummary],
    feed_entries: usize,
) -> Vec<Generated> {
    let mut files = sitemaps(site, site_url, entries, listings, MAX_URLS);
    let newest: Vec<&IndexEntry> = entries.iter().take(feed_entries).collect();
    files.push(Generated {
        output: "feed.xml".into(),
        bytes: feed(site, site_name, site_url, "feed.xml", &newest).into_bytes(),
    });
    let mut sections: BTreeMap<Listing, Vec<&IndexEntry>> = BTreeMap::new();
    for entry in entries {
        if let Some(section) = entry
            .section
            .as_deref()
            .and_then(|name| Listing::named(Listing::Section, name))
        {
            let list = sections.entry(section).or_default();
            if list.len() < feed_entries {
                list.push(entry);
            }
        }
    }
    for (section, newest) in sections {
        let name = newest
            .first()
            .and_then(|entry| entry.section.as_deref())
            .unwrap_or_default();
        let path = section_feed_path(&section);
        let title = format!("{name} · {site_name}");
        let page = site.listing_page_url(&section, None);
        files.push(Generated {
            bytes: feed(site, &title, &page, &path, &newest).into_bytes(),
            output: path,
        });
    }
    files
}

/// When an entry last changed.
fn last_change(entry: &IndexEntry) -> &Timestamp {
    entry.updated.as_ref().unwrap_or(&entry.published)
}

/// Every page worth a crawler's visit: the front page, each section's, tag's and author's first
/// page, and every article; numbered listing pages are reachable from those.
fn sitemaps(
    site: &Site,
    site_url: &str,
    entries: &[IndexEntry],
    listings: &[ListingSummary],
    max_urls: usize,
) -> Vec<Generated> {
    let mut urls: Vec<String> = Vec::with_capacity(entries.len() + listings.len());
    let url = |loc: &str, lastmod: Option<&Timestamp>| {
        let mut line = format!("  <url><loc>{}</loc>", escape_text(loc));
        if let Some(lastmod) = lastmod {
            let _ = write!(line, "<lastmod>{}</lastmod>", lastmod.as_str());
        }
        line.push_str("</url>\n");
        line
    };
    for summary in listings.iter().filter(|summary| summary.page.is_none()) {
        let loc = site.listing_page_url(&summary.listing, None);
        urls.push(url(&loc, summary.newest.as_ref()));
    }
    for entry in entries {
        urls.push(url(
            &site.article_page_url(&entry.id),
            Some(last_change(entry)),
        ));
    }

    const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
                        <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    const TAIL: &str = "</urlset>\n";
    let mut files: Vec<Generated> = Vec::new();
    let mut current = String::from(HEAD);
    let mut count = 0;
    for line in urls {
        if count == max_urls || current.len() + line.len() + TAIL.len() > MAX_BYTES {
            current.push_str(TAIL);
            files.push(numbered_sitemap(
                files.len() + 1,
                std::mem::take(&mut current),
            ));
            current.push_str(HEAD);
            count = 0;
        }
        current.push_str(&line);
        count += 1;
    }
    current.push_str(TAIL);
    files.push(numbered_sitemap(files.len() + 1, current));

    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for file in &files {
        let _ = writeln!(
            index,
            "  <sitemap><loc>{}</loc></sitemap>",
            escape_text(&format!("{site_url}{}", file.output))
        );
    }
    index.push_str("</sitemapindex>\n");
    files.push(Generated {
        output: "sitemap.xml".into(),
        bytes: index.into_bytes(),
    });
    files
}

fn numbered_sitemap(number: usize, xml: String) -> Generated {
    Generated {
        output: format!("sitemaps/{number}.xml"),
        bytes: xml.into_bytes(),
    }
}

/// An Atom feed titled `title` of `entries` (newest first), for the page at `page` and itself
/// at `path` under the site.
fn feed(site: &Site, title: &str, page: &str, path: &str, entries: &[&IndexEntry]) -> String {
    // The newest change dates the feed; an empty feed is dated by the build, never 1970.
    let updated = entries
        .iter()
        .map(|entry| last_change(entry))
        .max_by_key(|timestamp| timestamp.unix_seconds())
        .map_or_else(build_time, |timestamp| timestamp.as_str().to_string());
    let mut xml = String::new();
    let _ = write!(
        xml,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <feed xmlns=\"http://www.w3.org/2005/Atom\">\n  \
         <title>{}</title>\n  <id>{}</id>\n  <updated>{updated}</updated>\n  \
         <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  \
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape_text(title),
        escape_text(page),
        escape_attribute(page),
        escape_attribute(&site.absolute(path)),
    );
    for entry in entries {
        let url = site.article_page_url(&entry.id);
        let _ = write!(
            xml,
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    \
             <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    \
             <published>{}</published>\n    <updated>{}</updated>\n",
            escape_text(&entry.headline),
            escape_text(&url),
            escape_attribute(&url),
            entry.published.as_str(),
            last_change(entry).as_str(),
        );
        if let Some(section) = &entry.section {
            let _ = writeln!(
                xml,
                "    <category term=\"{}\"/>",
                escape_attribute(section)
            );
        }
        if let Some(dek) = &entry.dek {
            let _ = writeln!(xml, "    <summary>{}</summary>", escape_text(dek));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// Now, for a feed with no entries to date itself by.
fn build_time() -> String {
    chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now())
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(n: usize, updated: Option<&str>) -> IndexEntry {
        IndexEntry {
            id: folio_model::ArticleId::parse(&format!("a{n}")).unwrap(),
            headline: format!("A & {n}"),
            dek: None,
            section: Some("Local".into()),
            published: Timestamp::parse("2026-11-20T10:00:00Z").unwrap(),
            updated: updated.map(|t| Timestamp::parse(t).unwrap()),
            image: None,
        }
    }

    #[test]
    fn sitemaps_split_at_the_limit_and_the_index_names_each() {
        let site = Site::new(
            "https://news.example.org/".into(),
            folio_model::default_config(),
        );
        let entries: Vec<IndexEntry> = (0..7)
            .map(|n| entry(n, (n == 0).then_some("2026-11-21T08:00:00Z")))
            .collect();
        let front = ListingSummary {
            listing: Listing::Front,
            page: None,
            entries: Vec::new(),
            newest: None,
        };
        let files = sitemaps(&site, "https://news.example.org/", &entries, &[front], 3);
        let names: Vec<&str> = files.iter().map(|file| file.output.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemaps/1.xml",
                "sitemaps/2.xml",
                "sitemaps/3.xml",
                "sitemap.xml"
            ]
        );
        let text = |n: usize| String::from_utf8(files[n].bytes.clone()).unwrap();
        assert_eq!(text(0).matches("<url>").count(), 3);
        assert_eq!(
            text(2).matches("<url>").count(),
            2,
            "8 addresses: the front page and 7"
        );
        assert!(text(0).contains(
            "<loc>https://news.example.org/articles/a0</loc><lastmod>2026-11-21T08:00:00Z</lastmod>"
        ));
        assert!(text(3).contains("<loc>https://news.example.org/sitemaps/3.xml</loc>"));
        assert!(text(3).starts_with("<?xml") && text(3).contains("<sitemapindex"));
    }

    #[test]
    fn feeds_hold_the_newest_entries_and_date_themselves_by_the_last_change() {
        let site = Site::new(
            "https://news.example.org/".into(),
            folio_model::default_config(),
        );
        let entries: Vec<IndexEntry> = (0..5)
            .map(|n| entry(n, (n == 3).then_some("2026-11-25T08:00:00Z")))
            .collect();
        let files = generate(&site, "https://news.example.org/", "News", &entries, &[], 4);
        let feed = files.iter().find(|file| file.output == "feed.xml").unwrap();
        let feed = String::from_utf8(feed.bytes.clone()).unwrap();
        assert_eq!(feed.matches("<entry>").count(), 4);
        assert!(feed.contains("<title>A &amp; 0</title>") && !feed.contains("a4"));
        assert!(feed.contains("  <updated>2026-11-25T08:00:00Z</updated>\n  <link"));
        let local = files
            .iter()
            .find(|file| file.output == "sections/local/feed.xml")
            .unwrap();
        assert_eq!(
            String::from_utf8(local.bytes.clone())
                .unwrap()
                .matches("<entry>")
                .count(),
            4
        );
    }
}
