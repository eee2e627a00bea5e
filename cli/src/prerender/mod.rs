//! `folio prerender`: static entry pages for crawlers, social previews and the first paint.
//!
//! It writes, beside the built site's app shell (`404.html`, which every unknown path gets):
//! `articles/<id>/index.html` for every article, and for every listing page the page at its
//! address (`index.html` for the front page, `sections/<slug>/index.html`,
//! `tags/<slug>/page/2/index.html`, …): the app shell with the page's head tags and, in its body,
//! the page rendered by the viewer's own components (`folio::prerender`), which the viewer adopts
//! when it starts (see `src/takeover.rs`). Then the sitemaps (`sitemap.rs`), the Atom feeds and
//! `robots.txt`.
//!
//! The work is spread over every core and is incremental: `.folio-prerender.json` beside the
//! pages (`manifest.rs`) records, for each page, a hash of what it was made from (the
//! document's bytes, the configuration, the app shell, the site's address and this build); a
//! page whose inputs are unchanged is not written again (and its unchanged document not even
//! read), and a page whose document is gone is removed.

mod manifest;
mod pages;
mod sitemap;

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail, ensure};
use folio::site::Site;
use folio_model::{
    ArticleId, Config, IndexEntry, Limits, Listing, PageNumber, Timestamp, default_config,
    fingerprint,
};

use crate::compress::{Effort, remove_with_compressed_copies, write_with_compressed_copies};
use crate::incremental::{self, FileStamp};
use crate::parallel;
use manifest::{Manifest, Record};
pub use pages::{escape_attribute, escape_text};

/// The app shell: the built entry page before any prerendering, which every path without a
/// page of its own gets (`cargo xtask dist` writes it beside `index.html`). It is the template
/// of every prerendered page, so it is never overwritten.
pub const APP_SHELL: &str = "404.html";

/// Entries in each feed unless `--feed-entries` says otherwise.
pub const DEFAULT_FEED_ENTRIES: usize = 50;

pub struct Options {
    /// The built site (`dist/`), whose app shell is the template.
    pub site: PathBuf,
    /// The content folder; by default the site's `content/`.
    pub content: Option<PathBuf>,
    /// The site's public address, ending in its base path: `https://example.org/news/`.
    pub site_url: String,
    /// Carry on past documents that cannot be read (each is listed at the end) instead of
    /// failing on them.
    pub skip_invalid: bool,
    /// Entries in the site's feed and in each section's.
    pub feed_entries: usize,
}

/// What a run wrote, and what it could not read.
#[derive(Debug, Default)]
pub struct Prerendered {
    /// Articles whose page was written by this run.
    pub written: Vec<ArticleId>,
    /// Articles whose page was already up to date.
    pub unchanged: usize,
    pub listing_pages_written: usize,
    pub listing_pages_unchanged: usize,
    /// Pages removed because their document is gone.
    pub removed: usize,
    /// Files that could not be read, with why (only with `skip_invalid`; otherwise the run fails).
    pub skipped: Vec<(PathBuf, String)>,
}

/// One page's fate in this run: written or unchanged (with its path and record), or not
/// made because its document cannot be read.
enum Outcome {
    Written(String, Record),
    Unchanged(String, Record),
    Unreadable { file: PathBuf, reason: String },
}

/// A page checked against the last run.
struct Checked {
    /// Whether the page is there and was made from the same inputs.
    current: bool,
    record: Record,
    /// The document's bytes, when they had to be read to fingerprint it.
    bytes: Option<Vec<u8>>,
}

/// Writes the pages. A configuration, listing or article that cannot be read fails the run,
/// naming the file and the reason, before the sitemaps and feeds are written (so a broken index
/// never becomes an empty feed); with `skip_invalid` the run carries on and lists them.
pub fn run(options: &Options) -> Result<Prerendered> {
    let site_url = normalize_site_url(&options.site_url)?;
    let base_path = path_of(&site_url);
    let shell = app_shell(&options.site)?;
    let built_base = built_base_path(&shell).context("the entry page has no <base href>")?;
    ensure!(
        built_base == base_path,
        "the site was built for the base path {built_base}, but --site-url says {base_path}: \
         build with `cargo xtask dist --base-path {base_path}`"
    );
    let mut unreadable: Vec<(PathBuf, String)> = Vec::new();
    // The configuration as the viewer will read it: a missing file is no bytes (the viewer
    // uses the defaults, too), and its fingerprint is part of every page's render stamp.
    let config_file = options.site.join(folio::site::CONFIG_FILE);
    let config = match fs::read(&config_file) {
        Ok(bytes) => {
            let config = folio_model::decode_config(&bytes);
            if let Some(errors) = errors_of(&config.problems) {
                unreadable.push((
                    config_file,
                    format!("{errors} (the viewer uses the defaults for what is broken)"),
                ));
            }
            config
        }
        Err(_) => default_config(),
    };
    let content = options
        .content
        .clone()
        .unwrap_or_else(|| options.site.join("content"));
    let site = Site::new(site_url.clone(), config.clone());
    let pages = pages::Pages::new(&shell, &site_url, &config, &site);
    let build = build_fingerprint(&shell, &site_url);
    let previous = Manifest::read(&options.site);
    let limits = Limits::default();
    // Whether a page is up to date, and its document's fingerprint (and bytes, when they had
    // to be read).
    let check = |output: &str, file: &Path| -> Result<Checked, String> {
        let stamp = FileStamp::of(file);
        let recorded = previous.pages.get(output);
        let (source, bytes) = match recorded.filter(|r| stamp.is_some() && r.stamp == stamp) {
            Some(recorded) => (recorded.source, None),
            None => {
                let bytes = fs::read(file).map_err(|error| format!("cannot be read: {error}"))?;
                (fingerprint(&bytes), Some(bytes))
            }
        };
        let key = format!(
            "{:016x}",
            fingerprint(format!("{build}{}", site.render_stamp(source)).as_bytes())
        );
        let current = recorded.is_some_and(|r| r.key == key) && options.site.join(output).is_file();
        let record = Record {
            key,
            stamp,
            source,
            newest: recorded.and_then(|r| r.newest.clone()),
        };
        Ok(Checked {
            current,
            record,
            bytes,
        })
    };

    // The listing pages; the front page's give every article's entry (for the article pages,
    // the sitemaps and the feeds), so they are always read.
    let front_file = content.join(&config.value.content.index);
    if !front_file.is_file() {
        unreadable.push((front_file.clone(), "there is no such file".into()));
    }
    let documents = listing_documents(&content, &config.value.content.index, &mut unreadable)?;
    fail_unless_skipping(options, &unreadable)?;
    let listed = parallel::map(&documents, |(listing, page, file)| {
        let output = listing_output(listing, *page);
        let unreadable = |reason: String| Outcome::Unreadable {
            file: file.clone(),
            reason,
        };
        let checked = match check(&output, file) {
            Ok(checked) => checked,
            Err(reason) => return (unreadable(reason), None),
        };
        let front = *listing == Listing::Front;
        let summary = |entries: Vec<IndexEntry>, newest: Option<String>| ListingSummary {
            listing: listing.clone(),
            page: *page,
            entries,
            newest: newest.and_then(|newest| Timestamp::parse(&newest).ok()),
        };
        if checked.current && !front {
            let newest = checked.record.newest.clone();
            return (
                Outcome::Unchanged(output, checked.record),
                Some(summary(Vec::new(), newest)),
            );
        }
        let bytes = match checked.bytes.map_or_else(|| fs::read(file), Ok) {
            Ok(bytes) => bytes,
            Err(error) => return (unreadable(format!("cannot be read: {error}")), None),
        };
        let decoded = match folio_model::decode_index(&bytes, &limits) {
            Ok(decoded) => decoded,
            Err(rejected) => {
                return (
                    unreadable(errors_of(&rejected.problems).unwrap_or_default()),
                    None,
                );
            }
        };
        let newest = decoded
            .value
            .articles
            .iter()
            .map(|entry| entry.updated.as_ref().unwrap_or(&entry.published))
            .max_by_key(|timestamp| timestamp.unix_seconds())
            .map(|newest| newest.as_str().to_string());
        let record = Record {
            newest: newest.clone(),
            ..checked.record
        };
        let outcome = if checked.current {
            Outcome::Unchanged(output, record)
        } else {
            let written = pages
                .listing_page(listing, *page, &decoded)
                .and_then(|html| write_page(&options.site, &output, &html));
            match written {
                Ok(()) => Outcome::Written(output, record),
                Err(error) => return (unreadable(format!("{error:#}")), None),
            }
        };
        let entries = if front {
            decoded.value.articles
        } else {
            Vec::new()
        };
        (outcome, Some(summary(entries, newest)))
    });
    let mut outcomes = Vec::new();
    let mut summaries = Vec::new();
    for (outcome, summary) in listed {
        outcomes.push(outcome);
        summaries.extend(summary);
    }
    // Every article, newest first, as the front page's pages list them.
    let mut entries: Vec<IndexEntry> = summaries
        .iter_mut()
        .filter(|summary| summary.listing == Listing::Front)
        .flat_map(|summary| std::mem::take(&mut summary.entries))
        .collect();
    entries.sort_by(crate::listings::newest_first);
    entries.dedup_by(|a, b| a.id == b.id);

    let ids = article_ids(&content, &config.value, &entries)?;
    let articles = parallel::map(&ids, |id| {
        let file = content.join(config.value.content.article.replace("{id}", id.as_str()));
        let output = format!("articles/{id}/index.html");
        if !file.is_file() {
            let reason = "the index lists it, but there is no such file".into();
            return Outcome::Unreadable { file, reason };
        }
        let checked = match check(&output, &file) {
            Ok(checked) => checked,
            Err(reason) => return Outcome::Unreadable { file, reason },
        };
        if checked.current {
            return Outcome::Unchanged(output, checked.record);
        }
        let bytes = match checked.bytes.map_or_else(|| fs::read(&file), Ok) {
            Ok(bytes) => bytes,
            Err(error) => {
                let reason = format!("cannot be read: {error}");
                return Outcome::Unreadable { file, reason };
            }
        };
        match folio_model::decode_article(&bytes, Some(id.as_str()), &limits) {
            Ok(decoded) => {
                for problem in &decoded.problems {
                    println!("{}: {problem}", file.display());
                }
                // The page, and beside it its oEmbed document.
                let written = pages
                    .article_page(&decoded)
                    .and_then(|html| write_page(&options.site, &output, &html))
                    .and_then(|()| {
                        let oembed = folio::site::article_oembed_path(id);
                        write_page(&options.site, &oembed, pages.oembed(&decoded))
                    });
                match written {
                    Ok(()) => Outcome::Written(output, checked.record),
                    Err(error) => Outcome::Unreadable {
                        file,
                        reason: format!("{error:#}"),
                    },
                }
            }
            Err(rejected) => {
                let reason = errors_of(&rejected.problems).unwrap_or_default();
                Outcome::Unreadable { file, reason }
            }
        }
    });

    let mut prerendered = Prerendered::default();
    let mut manifest = Manifest::default();
    for outcome in outcomes {
        match outcome {
            Outcome::Written(output, record) => {
                prerendered.listing_pages_written += 1;
                manifest.pages.insert(output, record);
            }
            Outcome::Unchanged(output, record) => {
                prerendered.listing_pages_unchanged += 1;
                manifest.pages.insert(output, record);
            }
            Outcome::Unreadable { file, reason } => unreadable.push((file, reason)),
        }
    }
    for (id, outcome) in ids.iter().zip(articles) {
        let oembed = folio::site::article_oembed_path(id);
        match outcome {
            Outcome::Written(output, record) => {
                prerendered.written.push(id.clone());
                manifest.pages.insert(oembed, record.clone());
                manifest.pages.insert(output, record);
            }
            Outcome::Unchanged(output, record) => {
                prerendered.unchanged += 1;
                manifest.pages.insert(oembed, record.clone());
                manifest.pages.insert(output, record);
            }
            Outcome::Unreadable { file, reason } => unreadable.push((file, reason)),
        }
    }
    fail_unless_skipping(options, &unreadable)?;

    // The sitemaps and feeds, written when they changed.
    let generated = sitemap::generate(
        &site,
        &site_url,
        &config.value.site_name,
        &entries,
        &summaries,
        options.feed_entries,
    );
    let generated_count = generated.len();
    for file in generated {
        let key = format!("{:016x}", fingerprint(&file.bytes));
        let current = previous
            .pages
            .get(&file.output)
            .is_some_and(|r| r.key == key)
            && options.site.join(&file.output).is_file();
        if !current {
            write_page(&options.site, &file.output, &file.bytes)?;
        }
        let record = Record {
            key,
            ..Record::default()
        };
        manifest.pages.insert(file.output, record);
    }
    fs::write(
        options.site.join("robots.txt"),
        format!("User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n"),
    )?;

    // Pages and files of documents that are gone (an article deleted, a section emptied).
    for output in previous.pages.keys() {
        if !manifest.pages.contains_key(output) {
            remove_with_compressed_copies(&options.site.join(output));
            prerendered.removed += 1;
        }
    }
    manifest.write(&options.site)?;
    println!(
        "Prerendered {} article pages ({} unchanged) and {} listing pages ({} unchanged); \
         removed {} files of documents that are gone; wrote the sitemaps, the feeds and \
         robots.txt ({generated_count} files) for {site_url}",
        prerendered.written.len(),
        prerendered.unchanged,
        prerendered.listing_pages_written,
        prerendered.listing_pages_unchanged,
        prerendered.removed,
    );
    if !unreadable.is_empty() {
        println!("Skipped {} files that cannot be read:", unreadable.len());
        for (file, reason) in &unreadable {
            println!("  {}: {reason}", file.display());
        }
    }
    prerendered.skipped = unreadable;
    Ok(prerendered)
}

/// What the sitemaps and feeds need of a listing page.
pub(crate) struct ListingSummary {
    pub listing: Listing,
    pub page: PageNumber,
    /// The front page's entries (empty for other listings).
    pub entries: Vec<IndexEntry>,
    /// When the page's newest article last changed.
    pub newest: Option<folio_model::Timestamp>,
}

/// The app shell, made from `index.html` by a build that predates it.
fn app_shell(site: &Path) -> Result<String> {
    let shell = site.join(APP_SHELL);
    if !shell.is_file() {
        let entry_page = site.join("index.html");
        fs::copy(&entry_page, &shell)
            .with_context(|| format!("copying {} to {}", entry_page.display(), shell.display()))?;
    }
    fs::read_to_string(&shell).with_context(|| format!("reading {}", shell.display()))
}

/// What every page of this run is made with besides its document: the app shell, the site's
/// address, and this build of Folio.
fn build_fingerprint(shell: &str, site_url: &str) -> String {
    let inputs = format!(
        "{}\n{site_url}\n{}",
        fingerprint(shell.as_bytes()),
        incremental::this_build()
    );
    format!("{:016x}", fingerprint(inputs.as_bytes()))
}

/// Every listing document in the content folder: the front page's first page (`index.json`)
/// and numbered pages, and the sections', tags' and authors' folders. A file in those folders
/// that is not a listing page's document is reported.
fn listing_documents(
    content: &Path,
    front: &str,
    unreadable: &mut Vec<(PathBuf, String)>,
) -> Result<Vec<(Listing, PageNumber, PathBuf)>> {
    let mut documents = Vec::new();
    if content.join(front).is_file() {
        documents.push((Listing::Front, None, content.join(front)));
    }
    let front_stem = front.strip_suffix(".json").unwrap_or(front);
    for folder in [front_stem, "sections", "tags", "authors"] {
        let mut pending = vec![content.join(folder)];
        while let Some(dir) = pending.pop() {
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries {
                let path = entry?.path();
                if path.is_dir() {
                    pending.push(path);
                    continue;
                }
                let Some(relative) = path.strip_prefix(content).ok().and_then(|p| p.to_str())
                else {
                    continue;
                };
                let relative = relative.replace(std::path::MAIN_SEPARATOR, "/");
                if !relative.ends_with(".json") {
                    continue;
                }
                match Listing::at_document(front, &relative) {
                    Some((listing, page)) => documents.push((listing, page, path)),
                    None => unreadable.push((
                        path,
                        "is not a listing page's document (`folio index` writes them)".into(),
                    )),
                }
            }
        }
    }
    documents.sort();
    Ok(documents)
}

/// Where a listing page's static page goes, relative to the site: its address's folder.
fn listing_output(listing: &Listing, page: PageNumber) -> String {
    let route = listing.route(page);
    match route.trim_start_matches('/') {
        "" => "index.html".to_string(),
        folder => format!("{folder}/index.html"),
    }
}

/// Writes a page or file under the site, with its compressed copies.
fn write_page(site: &Path, output: &str, bytes: impl AsRef<[u8]>) -> Result<()> {
    let path = site.join(output);
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    write_with_compressed_copies(&path, bytes.as_ref(), Effort::Fast)
        .with_context(|| format!("writing {}", path.display()))
}

/// The errors among `problems`, in one line.
fn errors_of(problems: &[folio_model::Problem]) -> Option<String> {
    let errors: Vec<String> = problems
        .iter()
        .filter(|p| p.severity == folio_model::Severity::Error)
        .map(ToString::to_string)
        .collect();
    (!errors.is_empty()).then(|| errors.join("; "))
}

/// Fails, naming every file and why, unless the run was asked to carry on.
fn fail_unless_skipping(options: &Options, unreadable: &[(PathBuf, String)]) -> Result<()> {
    if options.skip_invalid || unreadable.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = unreadable
        .iter()
        .map(|(file, reason)| format!("  {}: {reason}", file.display()))
        .collect();
    bail!(
        "{} file(s) cannot be read (fix them, or run with --skip-invalid to leave them out):\n{}",
        unreadable.len(),
        list.join("\n")
    )
}

/// The base path a built entry page was built for: its `<base href>`.
pub fn built_base_path(entry_page: &str) -> Option<&str> {
    entry_page
        .split_once("<base href=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(base, _)| base)
}

/// The articles to prerender: the front page's list, and every document in the articles
/// folder when the address pattern is `<folder>/{id}.json`.
fn article_ids(content: &Path, config: &Config, entries: &[IndexEntry]) -> Result<Vec<ArticleId>> {
    let mut ids: Vec<ArticleId> = entries.iter().map(|entry| entry.id.clone()).collect();
    if let Some(folder) = config.content.article.strip_suffix("{id}.json") {
        let folder = content.join(folder);
        if folder.is_dir() {
            for entry in fs::read_dir(&folder)? {
                let name = entry?.file_name();
                let id = name
                    .to_str()
                    .and_then(|name| name.strip_suffix(".json"))
                    .and_then(|stem| ArticleId::parse(stem).ok());
                ids.extend(id);
            }
        }
    }
    ids.sort();
    ids.dedup();
    Ok(ids)
}

/// `https://example.org/news` → `https://example.org/news/`; only http(s) addresses.
fn normalize_site_url(url: &str) -> Result<String> {
    let Some((scheme, rest)) = url.split_once("://") else {
        bail!("--site-url {url:?} is not an absolute address such as https://example.org/");
    };
    ensure!(
        matches!(scheme, "http" | "https") && !rest.is_empty() && !rest.starts_with('/'),
        "--site-url {url:?} is not an http(s) address such as https://example.org/"
    );
    ensure!(
        !url.contains(['?', '#', '"', '<', '>', ' ']),
        "--site-url {url:?} must be a plain address without query or fragment"
    );
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

/// The path of an absolute URL: `https://example.org/news/` → `/news/`.
fn path_of(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    after_scheme
        .find('/')
        .map_or_else(|| "/".to_string(), |at| after_scheme[at..].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_urls_are_checked_and_end_in_a_slash() {
        assert_eq!(
            normalize_site_url("https://example.org/news").unwrap(),
            "https://example.org/news/"
        );
        assert!(normalize_site_url("example.org").is_err());
        assert!(normalize_site_url("javascript://x").is_err());
        assert!(normalize_site_url("https://x/?a").is_err());
        assert_eq!(path_of("https://example.org/news/"), "/news/");
        assert_eq!(path_of("https://example.org/"), "/");
    }

    /// A site with the samples' configuration and one article, and the options to prerender it.
    fn site_with_one_article(name: &str) -> (PathBuf, Options) {
        let site = std::env::temp_dir().join(format!("folio-strict-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&site);
        fs::create_dir_all(site.join("content/articles")).unwrap();
        fs::write(
            site.join("index.html"),
            "<html><head><base href=\"/\" /><title>Folio</title></head>\
             <body data-folio-app></body></html>",
        )
        .unwrap();
        let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/content/articles");
        fs::copy(
            samples.join("tide-mill-turns-again.json"),
            site.join("content/articles/tide-mill-turns-again.json"),
        )
        .unwrap();
        fs::write(site.join("content/index.json"), r#"{"articles": []}"#).unwrap();
        let options = Options {
            site: site.clone(),
            content: None,
            site_url: "https://news.example.org/".into(),
            skip_invalid: false,
            feed_entries: DEFAULT_FEED_ENTRIES,
        };
        (site, options)
    }

    #[test]
    fn what_cannot_be_read_fails_the_run_unless_skipped() {
        // An article the viewer would refuse.
        let (site, mut options) = site_with_one_article("article");
        fs::write(site.join("content/articles/broken.json"), "{ not json").unwrap();
        let error = run(&options).err().unwrap().to_string();
        assert!(
            error.contains("broken.json") && error.contains("not valid JSON"),
            "{error}"
        );
        assert!(error.contains("--skip-invalid"), "{error}");
        assert!(
            !site.join("feed.xml").exists(),
            "nothing half-done is written"
        );
        options.skip_invalid = true;
        let prerendered = run(&options).unwrap();
        assert_eq!(prerendered.written.len(), 1);
        assert_eq!(prerendered.skipped.len(), 1);
        assert!(prerendered.skipped[0].0.ends_with("broken.json"));

        // An index over the size limit never becomes an empty feed dated 1970.
        let (site, mut options) = site_with_one_article("index");
        let entry = r#"{"id":"a","headline":"A","published":"2026-11-28T09:00:00Z"},"#;
        let huge = format!(
            r#"{{"articles":[{}]}}"#,
            entry.repeat(70_000).trim_end_matches(',')
        );
        fs::write(site.join("content/index.json"), huge).unwrap();
        let error = run(&options).err().unwrap().to_string();
        assert!(
            error.contains("index.json") && error.contains("the limit is"),
            "{error}"
        );
        assert!(!site.join("feed.xml").exists());
        options.skip_invalid = true;
        run(&options).unwrap();
        let feed = fs::read_to_string(site.join("feed.xml")).unwrap();
        assert!(!feed.contains("1970"), "{feed}");

        // A configuration with errors is not silently replaced by the defaults.
        let (site, options) = site_with_one_article("config");
        fs::write(site.join("folio.config.json"), r#"{"siteName": 7}"#).unwrap();
        let error = run(&options).err().unwrap().to_string();
        assert!(
            error.contains("folio.config.json") && error.contains("siteName"),
            "{error}"
        );
    }

    #[test]
    fn only_pages_whose_inputs_changed_are_written_again() {
        let (site, options) = site_with_one_article("incremental");
        let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/content/articles");
        fs::copy(
            samples.join("harbour-road-cycle-lane.json"),
            site.join("content/articles/harbour-road-cycle-lane.json"),
        )
        .unwrap();
        let content = crate::content::ContentFolder::new(site.join("content"));
        content.rebuild_index(30, false).unwrap();

        let first = run(&options).unwrap();
        assert_eq!(first.written.len(), 2);
        // The front page, two sections, and the tags and authors of the two articles.
        assert!(first.listing_pages_written >= 8, "{first:?}");
        assert!(
            site.join("index.html").is_file()
                && site.join("sections/transport/index.html").is_file()
        );
        assert!(
            site.join("404.html").is_file(),
            "the app shell is kept beside the front page"
        );

        let again = run(&options).unwrap();
        assert!(again.written.is_empty(), "{again:?}");
        assert_eq!(again.unchanged, 2);
        assert_eq!(again.listing_pages_written, 0);
        assert_eq!(again.listing_pages_unchanged, first.listing_pages_written);

        // A correction to one article: its page, and the listing pages that hold it.
        let file = content.article_path(&ArticleId::parse("harbour-road-cycle-lane").unwrap());
        let mut article =
            folio_model::decode_article(&fs::read(&file).unwrap(), None, &Limits::default())
                .unwrap()
                .value;
        article.headline.push_str(" (corrected)");
        content.write_article(&article, true).unwrap();
        content.rebuild_index(30, false).unwrap();
        let corrected = run(&options).unwrap();
        assert_eq!(corrected.written, vec![article.id.clone()]);
        // The front page, Transport, its two tags and its author.
        assert_eq!(corrected.listing_pages_written, 5, "{corrected:?}");
        let page = fs::read_to_string(site.join("sections/transport/index.html")).unwrap();
        assert!(page.contains("(corrected)"));

        // An article removed: its page, and the listings only it was in, go too.
        fs::remove_file(&file).unwrap();
        content.rebuild_index(30, false).unwrap();
        let removed = run(&options).unwrap();
        assert!(removed.removed >= 5, "{removed:?}");
        assert!(
            !site
                .join("articles/harbour-road-cycle-lane/index.html")
                .exists()
        );
        assert!(!site.join("sections/transport/index.html").exists());
        assert!(!site.join("sections/transport/feed.xml").exists());
    }

    #[test]
    fn markup_in_text_and_attributes_stays_text() {
        assert_eq!(escape_text("<script>&"), "&lt;script&gt;&amp;");
        assert_eq!(
            escape_attribute("\" onload='x'"),
            "&quot; onload=&#39;x&#39;"
        );
    }
}
