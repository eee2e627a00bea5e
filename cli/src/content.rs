//! A content folder as `folio` keeps it: `articles/<id>.json`, `index.json` (the front page's
//! list, newest first), and files the articles show (`images/`). Every document is written
//! through `folio_model` and read back before it is kept: no command writes a document that
//! `folio check` would report an error in.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use folio_model::{
    Article, ArticleId, Author, Block, HeadingLevel, Limits, Listing, Problem, Severity, Timestamp,
    decode_article, decode_index, encode_article, encode_index,
};

use crate::listings::{self, Summary};
use crate::parallel;

pub struct ContentFolder {
    root: PathBuf,
}

/// What writing an article did.
#[derive(Debug, PartialEq, Eq)]
pub enum Written {
    Created,
    Replaced,
    /// The file already held exactly this document.
    Unchanged,
    /// A different article exists under this id and replacing was not asked for.
    Kept,
}

/// The listings as rebuilt, and the files that could not be read.
#[derive(Default)]
pub struct IndexReport {
    /// Articles listed.
    pub listed: usize,
    /// Listings (the front page's, and each section's, tag's and author's).
    pub listings: usize,
    pub documents_written: usize,
    pub documents_removed: usize,
    pub unreadable: Vec<(PathBuf, String)>,
    /// Whether the listings were rebuilt (not when an article cannot be read and skipping
    /// was not asked for).
    pub written: bool,
    /// Listings whose address different names share, with the names.
    pub shared: Vec<(Listing, Vec<String>)>,
}

impl ContentFolder {
    pub fn new(root: impl Into<PathBuf>) -> ContentFolder {
        ContentFolder { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn article_path(&self, id: &ArticleId) -> PathBuf {
        self.root.join("articles").join(format!("{id}.json"))
    }

    pub fn index_path(&self) -> PathBuf {
        self.root.join(INDEX_FILE)
    }

    /// Writes `article` as `articles/<id>.json`; an existing, different article is replaced
    /// only when `replace` is set.
    pub fn write_article(&self, article: &Article, replace: bool) -> Result<Written> {
        let bytes = article_bytes(article)?;
        let path = self.article_path(&article.id);
        let existed = match fs::read(&path) {
            Ok(existing) if existing == bytes => return Ok(Written::Unchanged),
            Ok(_) if !replace => return Ok(Written::Kept),
            Ok(_) => true,
            Err(_) => false,
        };
        write_file(&path, &bytes)?;
        Ok(if existed {
            Written::Replaced
        } else {
            Written::Created
        })
    }

    /// The headline of the article `id`, if it is here and readable.
    pub fn headline_of(&self, id: &ArticleId) -> Option<String> {
        read_article(&self.article_path(id))
            .ok()
            .map(|article| article.headline)
    }

    /// Copies a file an article shows to `to`, relative to the content folder.
    pub fn copy_asset(&self, from: &Path, to: &str) -> Result<()> {
        let target = self.root.join(to);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::copy(from, &target).with_context(|| format!("to {}", target.display()))?;
        Ok(())
    }

    /// The article files in `articles/`, sorted.
    fn article_files(&self) -> Result<Vec<PathBuf>> {
        let dir = self.root.join("articles");
        let mut files: Vec<PathBuf> = fs::read_dir(&dir)
            .with_context(|| format!("reading {}", dir.display()))?
            .map(|entry| entry.map(|e| e.path()))
            .collect::<Result<_, _>>()?;
        files.retain(|file| file.extension().is_some_and(|e| e == "json"));
        files.sort();
        Ok(files)
    }

    /// Rebuilds every listing (`index.json` and its pages, and each section's, tag's and
    /// author's, see `listings.rs`) from the articles, writing only the documents that changed
    /// and removing those no listing has any more. A file that cannot be read stops the rebuild
    /// (the listings would silently lose an article) unless `skip_unreadable` is set; either way
    /// every such file is reported.
    pub fn rebuild_index(&self, page_size: usize, skip_unreadable: bool) -> Result<IndexReport> {
        let files = self.article_files()?;
        // Articles are read on every core and only their summaries are kept; an article whose
        // bytes are those of the last run is not decoded again (`IndexCache`).
        let cache = IndexCache::read(&self.root.join(INDEX_CACHE));
        let read = parallel::map(&files, |file| {
            let bytes = fs::read(file).map_err(|e| e.to_string())?;
            let source = folio_model::fingerprint(&bytes);
            let name = file_name(file);
            if let Some(summary) = cache.get(&name, source) {
                return Ok((name, source, summary.clone()));
            }
            decode_article_bytes(file, &bytes).map(|article| (name, source, Summary::of(article)))
        });
        let mut entries = Vec::new();
        let mut unreadable = Vec::new();
        let mut fresh_cache = IndexCache::default();
        for (file, summary) in files.into_iter().zip(read) {
            match summary {
                Ok((name, source, summary)) => {
                    fresh_cache.insert(name, source, summary.clone());
                    entries.push(summary);
                }
                Err(reason) => unreadable.push((file, reason)),
            }
        }
        if !unreadable.is_empty() && !skip_unreadable {
            return Ok(IndexReport {
                unreadable,
                ..IndexReport::default()
            });
        }
        entries.sort_by(|a, b| {
            b.entry
                .published
                .unix_seconds()
                .cmp(&a.entry.published.unix_seconds())
                .then_with(|| a.entry.id.cmp(&b.entry.id))
        });
        let built = listings::build(&entries, page_size);
        let pages: Vec<(PathBuf, &folio_model::Index)> = built
            .listings
            .iter()
            .flat_map(|(listing, pages)| {
                pages.iter().map(move |(page, index)| {
                    (
                        self.root.join(listing.document_path(INDEX_FILE, *page)),
                        index,
                    )
                })
            })
            .collect();
        // Encoded and compared on every core; only a document whose bytes changed is checked
        // (decoded again: never write what the viewer would refuse) and written.
        let written = parallel::map(&pages, |(path, index)| -> Result<bool> {
            let mut bytes = serde_json::to_vec(&encode_index(index))?;
            bytes.push(b'\n');
            if fs::read(path).ok().as_deref() == Some(&bytes[..]) {
                return Ok(false);
            }
            let problems = decode_index(&bytes, &Limits::default())
                .map_or_else(|rejected| rejected.problems, |decoded| decoded.problems);
            if let Some(error) = problems.iter().find(|p| p.severity == Severity::Error) {
                bail!("{} would not be readable: {error}", path.display());
            }
            write_file(path, &bytes)?;
            Ok(true)
        });
        let mut report = IndexReport {
            listed: entries.len(),
            listings: built.listings.len(),
            unreadable,
            written: true,
            ..IndexReport::default()
        };
        for written in written {
            report.documents_written += usize::from(written?);
        }
        let kept: HashSet<PathBuf> = pages.into_iter().map(|(path, _)| path).collect();
        for folder in LISTING_FOLDERS {
            report.documents_removed += remove_stale(&self.root.join(folder), &kept)?;
        }
        report.shared = built.shared;
        fresh_cache.write(&self.root.join(INDEX_CACHE))?;
        Ok(report)
    }
}

/// The front page's first listing page, in the content folder.
pub const INDEX_FILE: &str = "index.json";

/// What `folio index` keeps of the last run, beside the listings (a host does not need it).
const INDEX_CACHE: &str = ".folio-index-cache.json";

/// Each article file's summary, by the fingerprint of the bytes it was read from: an article
/// whose bytes have not changed is not decoded again. Written by this build of Folio only (a
/// cache from another is ignored: its decoder may read the same bytes differently), and only
/// ever a shortcut: without it, every article is read.
#[derive(Default)]
struct IndexCache {
    summaries: std::collections::HashMap<String, (u64, Summary)>,
}

impl IndexCache {
    fn get(&self, name: &str, source: u64) -> Option<&Summary> {
        self.summaries
            .get(name)
            .filter(|(cached, _)| *cached == source)
            .map(|(_, summary)| summary)
    }

    fn insert(&mut self, name: String, source: u64, summary: Summary) {
        self.summaries.insert(name, (source, summary));
    }

    /// The cache, or an empty one when there is none, it is another build's, or it cannot be
    /// read. The summaries' entries are one listing document, read by the model's decoder.
    fn read(path: &Path) -> IndexCache {
        let read = || -> Option<IndexCache> {
            let value: serde_json::Value = serde_json::from_slice(&fs::read(path).ok()?).ok()?;
            if value.get("folio")?.as_str()? != crate::this_build() {
                return None;
            }
            let files = value.get("files")?.as_array()?;
            let index = serde_json::to_vec(value.get("index")?).ok()?;
            let limits = Limits {
                max_bytes: usize::MAX,
                ..Limits::default()
            };
            let entries = decode_index(&index, &limits).ok()?.value.articles;
            if entries.len() != files.len() {
                return None;
            }
            let texts = |value: &serde_json::Value| -> Vec<String> {
                value
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|text| text.as_str().map(String::from))
                    .collect()
            };
            let mut cache = IndexCache::default();
            for (file, entry) in files.iter().zip(entries) {
                let name = file.get("file")?.as_str()?.to_string();
                let source = u64::from_str_radix(file.get("source")?.as_str()?, 16).ok()?;
                let summary = Summary {
                    section: entry.section.clone(),
                    tags: texts(file.get("tags")?),
                    authors: texts(file.get("authors")?),
                    entry,
                };
                cache.insert(name, source, summary);
            }
            Some(cache)
        };
        read().unwrap_or_default()
    }

    fn write(&self, path: &Path) -> Result<()> {
        let mut names: Vec<&String> = self.summaries.keys().collect();
        names.sort();
        let mut files = Vec::with_capacity(names.len());
        let mut entries = Vec::with_capacity(names.len());
        for name in names {
            let Some((source, summary)) = self.summaries.get(name) else {
                continue;
            };
            files.push(serde_json::json!({
                "file": name,
                "source": format!("{source:016x}"),
                "tags": summary.tags,
                "authors": summary.authors,
            }));
            entries.push(summary.entry.clone());
        }
        let index = folio_model::Index {
            articles: entries,
            ..folio_model::Index::default()
        };
        let cache = serde_json::json!({
            "folio": crate::this_build(),
            "files": files,
            "index": encode_index(&index),
        });
        write_file(path, &serde_json::to_vec(&cache)?)
    }
}

/// The folders that hold listing pages only (`folio index` removes what it did not write).
pub const LISTING_FOLDERS: [&str; 4] = ["index", "sections", "tags", "authors"];

/// Removes the `.json` files under `folder` that are not `kept`, and folders left empty.
fn remove_stale(folder: &Path, kept: &HashSet<PathBuf>) -> Result<usize> {
    let Ok(entries) = fs::read_dir(folder) else {
        return Ok(0);
    };
    let mut removed = 0;
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            removed += remove_stale(&path, kept)?;
            // Only when empty.
            let _ = fs::remove_dir(&path);
        } else if path.extension().is_some_and(|e| e == "json") && !kept.contains(&path) {
            fs::remove_file(&path).with_context(|| format!("removing {}", path.display()))?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// The article's document, pretty-printed, once the model has read it back without an error.
pub fn article_bytes(article: &Article) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(&encode_article(article))?;
    bytes.push(b'\n');
    let problems = match decode_article(&bytes, Some(article.id.as_str()), &Limits::default()) {
        Ok(decoded) => decoded.problems,
        Err(rejected) => rejected.problems,
    };
    let errors: Vec<&Problem> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    if !errors.is_empty() {
        let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
        bail!(
            "the article would not pass `folio check`: {}",
            list.join("; ")
        );
    }
    Ok(bytes)
}

fn read_article(file: &Path) -> Result<Article, String> {
    let bytes = fs::read(file).map_err(|e| e.to_string())?;
    decode_article_bytes(file, &bytes)
}

/// An article file's name, the key of its summary in the cache.
fn file_name(file: &Path) -> String {
    file.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn decode_article_bytes(file: &Path, bytes: &[u8]) -> Result<Article, String> {
    let id = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    match decode_article(bytes, Some(id), &Limits::default()) {
        Ok(decoded) => Ok(decoded.value),
        Err(rejected) => Err(rejected
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ")),
    }
}

/// Writes through a temporary file beside the target, so a reader never sees half a document.
fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let temporary = path.with_extension("json.tmp");
    fs::write(&temporary, bytes).with_context(|| format!("writing {}", temporary.display()))?;
    fs::rename(&temporary, path).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

/// Writes a starter article under `id`: valid, with every common field filled in with a
/// placeholder that says what goes there.
pub fn new_article(folder: &ContentFolder, id: &str) -> Result<PathBuf> {
    let id = ArticleId::parse(id)
        .map_err(|error| anyhow::anyhow!("{error}: `{}` would do", ArticleId::from_text(id)))?;
    let path = folder.article_path(&id);
    if path.exists() {
        bail!("{} exists already", path.display());
    }
    let now = chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now())
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let paragraph = |text: &str| Block::Paragraph(crate::import::text_inline(text));
    let article = Article {
        id,
        headline: "The headline: what happened, in a dozen words".into(),
        dek: Some("The standfirst: one or two sentences on why it matters.".into()),
        section: Some("News".into()),
        authors: vec![Author {
            name: "Your Name".into(),
            url: None,
        }],
        published: Timestamp::parse(&now).map_err(|e| anyhow::anyhow!(e))?,
        updated: None,
        language: None,
        image: None,
        tags: Vec::new(),
        body: vec![
            paragraph("The first paragraph: who, what, when and where."),
            Block::Heading {
                level: HeadingLevel::H2,
                content: crate::import::text_inline("A subheading"),
            },
            paragraph(
                "More of the story. docs/article-format.md lists every block: quotes, images \
                 with their size, lists, links, embeds, dividers and ad slots.",
            ),
        ],
        related: Vec::new(),
        ads: true,
    };
    folder.write_article(&article, false)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A content folder with two of the samples.
    fn folder(name: &str) -> ContentFolder {
        let root = std::env::temp_dir().join(format!("folio-index-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(root.join("articles")).unwrap();
        let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/content/articles");
        for id in ["tide-mill-turns-again", "harbour-road-cycle-lane"] {
            fs::copy(
                samples.join(format!("{id}.json")),
                root.join(format!("articles/{id}.json")),
            )
            .unwrap();
        }
        ContentFolder::new(root)
    }

    fn front_headlines(folder: &ContentFolder) -> Vec<String> {
        let bytes = fs::read(folder.index_path()).unwrap();
        let index = decode_index(&bytes, &Limits::default()).unwrap().value;
        index.articles.into_iter().map(|e| e.headline).collect()
    }

    /// Rewrites the cache as `edit` says, keeping each article's fingerprint.
    fn edit_cache(folder: &ContentFolder, edit: impl Fn(&mut serde_json::Value)) {
        let path = folder.root().join(INDEX_CACHE);
        let mut cache: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
        edit(&mut cache);
        fs::write(&path, serde_json::to_vec(&cache).unwrap()).unwrap();
    }

    #[test]
    fn unchanged_articles_are_read_from_the_cache_of_this_build_only() {
        let folder = folder("cache");
        let first = folder.rebuild_index(30, false).unwrap();
        // The front page, two sections, five tags, two authors.
        assert_eq!((first.listed, first.documents_written), (2, 10));
        let headlines = front_headlines(&folder);

        // What the cache says of an unchanged article is what the listings get...
        edit_cache(&folder, |cache| {
            cache["index"]["articles"][0]["headline"] = "From the cache".into();
        });
        folder.rebuild_index(30, false).unwrap();
        assert!(front_headlines(&folder).contains(&"From the cache".to_string()));

        // ...but not from another build, whose decoder may read the bytes differently,
        edit_cache(&folder, |cache| {
            cache["index"]["articles"][0]["headline"] = "From the cache".into();
            cache["folio"] = "another build".into();
        });
        folder.rebuild_index(30, false).unwrap();
        assert_eq!(front_headlines(&folder), headlines);

        // ...and never for an article whose bytes changed.
        edit_cache(&folder, |cache| {
            cache["index"]["articles"][0]["headline"] = "From the cache".into();
        });
        let file = folder.article_path(&ArticleId::parse("harbour-road-cycle-lane").unwrap());
        let edited = fs::read_to_string(&file).unwrap().replacen("Council", "The council", 1);
        fs::write(&file, edited).unwrap();
        edit_cache(&folder, |cache| {
            cache["index"]["articles"][1]["headline"] = "From the cache".into();
        });
        folder.rebuild_index(30, false).unwrap();
        let now = front_headlines(&folder);
        assert!(now.iter().any(|h| h.starts_with("The council")), "{now:?}");
        assert_eq!(now.iter().filter(|h| *h == "From the cache").count(), 1, "{now:?}");
    }
}
