//! A content folder as `folio` keeps it: `articles/<id>.json`, `index.json` (the front page's
//! list, newest first), and files the articles show (`images/`). Every document is written
//! through `folio_model` and read back before it is kept: no command writes a document that
//! `folio check` would report an error in.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use folio_model::{
    Article, ArticleId, Author, Block, HeadingLevel, Index, Limits, Listing, Problem, Severity,
    Timestamp, decode_article, decode_index, encode_article, encode_index,
};

use crate::incremental::{self, FileStamp};
use crate::listings::{self, Members, PagePlan, Summary};
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
        // Articles are read on every core and only their summaries are kept; an unchanged
        // article is not read or not decoded again (`IndexCache`).
        let cache = IndexCache::read(&self.root.join(INDEX_CACHE));
        let read = parallel::map(&files, |file| -> Result<(String, Cached), String> {
            let name = file_name(file);
            let stamp = FileStamp::of(file);
            if let Some(cached) = cache.by_stamp(&name, stamp.as_ref()) {
                let cached = Cached {
                    stamp,
                    source: cached.source,
                    summary: cached.summary.clone(),
                    line: cached.line.clone(),
                };
                return Ok((name, cached));
            }
            let bytes = fs::read(file).map_err(|e| e.to_string())?;
            let source = folio_model::fingerprint(&bytes);
            let summary = match cache.by_source(&name, source) {
                Some(cached) => cached.summary.clone(),
                None => Summary::of(decode_article_bytes(file, &bytes)?),
            };
            let line = None;
            Ok((
                name,
                Cached {
                    stamp,
                    source,
                    summary,
                    line,
                },
            ))
        });
        let cached_before = cache.summaries.len();
        drop(cache);
        let mut unreadable = Vec::new();
        let mut fresh_cache = IndexCache::default();
        for (file, read) in files.into_iter().zip(read) {
            match read {
                Ok((name, cached)) => {
                    fresh_cache.summaries.insert(name, cached);
                }
                Err(reason) => unreadable.push((file, reason)),
            }
        }
        let mut entries: Vec<&Summary> = fresh_cache
            .summaries
            .values()
            .map(|cached| &cached.summary)
            .collect();
        if !unreadable.is_empty() && !skip_unreadable {
            return Ok(IndexReport {
                unreadable,
                ..IndexReport::default()
            });
        }
        entries.sort_by(|a, b| listings::newest_first(&a.entry, &b.entry));
        let built = listings::build(&entries);
        let pages: Vec<(PathBuf, &Members, PagePlan)> = built
            .listings
            .iter()
            .flat_map(|(listing, members)| {
                members.pages(page_size).into_iter().map(move |plan| {
                    let path = self
                        .root
                        .join(listing.document_path(INDEX_FILE, plan.number));
                    (path, members, plan)
                })
            })
            .collect();
        // Made, encoded and compared on every core; only a document whose bytes changed is
        // checked (decoded again: never write what the viewer would refuse) and written.
        let written = parallel::map(&pages, |(path, members, plan)| -> Result<bool> {
            let mut bytes = serde_json::to_vec(&encode_index(&members.page(plan)))?;
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
        let kept: HashSet<PathBuf> = pages.into_iter().map(|(path, ..)| path).collect();
        for folder in LISTING_FOLDERS {
            report.documents_removed += remove_stale(&self.root.join(folder), &kept)?;
        }
        report.shared = built.shared;
        let cache_changed = fresh_cache.summaries.len() != cached_before
            || fresh_cache
                .summaries
                .values()
                .any(|cached| cached.line.is_none());
        if cache_changed {
            fresh_cache.write(&self.root.join(INDEX_CACHE))?;
        }
        Ok(report)
    }
}

/// The front page's first listing page, in the content folder.
pub const INDEX_FILE: &str = "index.json";

/// What `folio index` keeps of the last run, beside the listings (a host does not need it).
const INDEX_CACHE: &str = ".folio-index-cache.jsonl";

/// Each article file's summary, with the stamp and the fingerprint of the file it was read
/// from: an article whose file is unchanged is not read again, one whose bytes are unchanged
/// is not decoded again. Only this build's cache is used (another build's decoder may read the
/// same bytes differently), and it is only ever a shortcut: without it, every article is read.
///
/// One JSON line per article, `{"file", "stamp", "source", "tags", "authors", "articles":
/// [<its listing entry>]}`, so that each line is a listing document the model's decoder reads;
/// the first line names the build.
#[derive(Default)]
struct IndexCache {
    summaries: HashMap<String, Cached>,
}

struct Cached {
    stamp: Option<FileStamp>,
    source: u64,
    summary: Summary,
    /// Its line as read, written again as it is while nothing of it changed.
    line: Option<String>,
}

impl IndexCache {
    /// The summary of `name` when its file still has `stamp`.
    fn by_stamp(&self, name: &str, stamp: Option<&FileStamp>) -> Option<&Cached> {
        self.summaries
            .get(name)
            .filter(|cached| stamp.is_some() && cached.stamp.as_ref() == stamp)
    }

    /// The summary of `name` when its file still has the bytes fingerprinted `source`.
    fn by_source(&self, name: &str, source: u64) -> Option<&Cached> {
        self.summaries
            .get(name)
            .filter(|cached| cached.source == source)
    }

    fn read(path: &Path) -> IndexCache {
        let Ok(text) = fs::read_to_string(path) else {
            return IndexCache::default();
        };
        let mut lines = text.lines();
        let build: Option<serde_json::Value> = lines
            .next()
            .and_then(|line| serde_json::from_str(line).ok());
        if build
            .as_ref()
            .and_then(|b| b.get("folio")?.as_str().map(String::from))
            != Some(incremental::this_build())
        {
            return IndexCache::default();
        }
        let lines: Vec<&str> = lines.collect();
        let read = parallel::map(&lines, |line| -> Option<(String, Cached)> {
            // The line's own fields; its `articles` are read by the model's decoder.
            let record: serde_json::Value = serde_json::from_str(line).ok()?;
            let text = |key: &str| record.get(key).and_then(serde_json::Value::as_str);
            let texts = |key: &str| -> Vec<String> {
                record
                    .get(key)
                    .and_then(serde_json::Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|text| text.as_str().map(String::from))
                    .collect()
            };
            let entry = decode_index(line.as_bytes(), &Limits::default())
                .ok()?
                .value
                .articles
                .pop()?;
            let cached = Cached {
                line: Some(line.to_string()),
                stamp: text("stamp").map(|stamp| FileStamp::parse(stamp.to_string())),
                source: u64::from_str_radix(text("source")?, 16).ok()?,
                summary: Summary {
                    section: entry.section.clone(),
                    tags: texts("tags"),
                    authors: texts("authors"),
                    entry,
                },
            };
            Some((text("file")?.to_string(), cached))
        });
        IndexCache {
            summaries: read.into_iter().flatten().collect(),
        }
    }

    fn write(&self, path: &Path) -> Result<()> {
        let mut names: Vec<&String> = self.summaries.keys().collect();
        names.sort();
        let mut text = serde_json::json!({ "folio": incremental::this_build() }).to_string();
        text.push('\n');
        for name in names {
            let Some(cached) = self.summaries.get(name) else {
                continue;
            };
            if let Some(line) = &cached.line {
                text.push_str(line);
                text.push('\n');
                continue;
            }
            let mut line = encode_index(&Index {
                articles: vec![cached.summary.entry.clone()],
                ..Index::default()
            });
            if let Some(object) = line.as_object_mut() {
                object.insert("file".into(), name.as_str().into());
                object.insert(
                    "stamp".into(),
                    cached.stamp.as_ref().map(FileStamp::as_str).into(),
                );
                object.insert("source".into(), format!("{:016x}", cached.source).into());
                object.insert("tags".into(), cached.summary.tags.clone().into());
                object.insert("authors".into(), cached.summary.authors.clone().into());
            }
            text.push_str(&line.to_string());
            text.push('\n');
        }
        write_file(path, text.as_bytes())
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
        key_points: Vec::new(),
        body: vec![
            paragraph("The first paragraph: who, what, when and where."),
            Block::Heading {
                level: HeadingLevel::H2,
                content: crate::import::text_inline("A subheading"),
            },
            paragraph(
                "More of the story. docs/article-format.md lists every block: quotes, images \
                 with their size, lists, tables, links, embeds, dividers and ad slots.",
            ),
        ],
        corrections: Vec::new(),
        related: Vec::new(),
        ads: true,
        live: None,
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

    /// Rewrites line `line` of the cache (0 names the build) as `edit` says.
    fn edit_cache(folder: &ContentFolder, line: usize, edit: impl Fn(&mut serde_json::Value)) {
        let path = folder.root().join(INDEX_CACHE);
        let text = fs::read_to_string(&path).unwrap();
        let mut lines: Vec<String> = text.lines().map(String::from).collect();
        let mut value: serde_json::Value = serde_json::from_str(&lines[line]).unwrap();
        edit(&mut value);
        lines[line] = value.to_string();
        fs::write(&path, lines.join("\n")).unwrap();
    }

    fn from_the_cache(line: &mut serde_json::Value) {
        line["articles"][0]["headline"] = "From the cache".into();
    }

    #[test]
    fn unchanged_articles_are_read_from_the_cache_of_this_build_only() {
        let folder = folder("cache");
        let first = folder.rebuild_index(30, false).unwrap();
        // The front page, two sections, five tags, two authors.
        assert_eq!((first.listed, first.documents_written), (2, 10));
        let headlines = front_headlines(&folder);

        // What the cache says of an unchanged article is what the listings get...
        edit_cache(&folder, 1, from_the_cache);
        folder.rebuild_index(30, false).unwrap();
        assert!(front_headlines(&folder).contains(&"From the cache".to_string()));

        // ...but not from another build, whose decoder may read the bytes differently,
        edit_cache(&folder, 1, from_the_cache);
        edit_cache(&folder, 0, |build| build["folio"] = "another build".into());
        folder.rebuild_index(30, false).unwrap();
        assert_eq!(front_headlines(&folder), headlines);

        // ...and never for an article whose file changed.
        edit_cache(&folder, 1, from_the_cache);
        edit_cache(&folder, 2, from_the_cache);
        let file = folder.article_path(&ArticleId::parse("harbour-road-cycle-lane").unwrap());
        let edited = fs::read_to_string(&file)
            .unwrap()
            .replacen("Council", "The council", 1);
        fs::write(&file, edited).unwrap();
        folder.rebuild_index(30, false).unwrap();
        let now = front_headlines(&folder);
        assert!(now.iter().any(|h| h.starts_with("The council")), "{now:?}");
        assert_eq!(
            now.iter().filter(|h| *h == "From the cache").count(),
            1,
            "{now:?}"
        );
    }
}
