//! `folio import <format> <input>... --content <dir>`: articles from what publishers already
//! have. Each format's reader (`wordpress`, `ghost`, `feed`, `markdown`, `page`) turns an input
//! file into [`Found`] articles: the fields as the source has them, with the body as HTML or
//! blocks. [`Found::into_draft`] makes every one of them an [`Article`] the same way (ids by the
//! model's slug rule, dates to RFC 3339, images sized, every URL through the model's filter),
//! and [`write`] keeps a draft only when `folio_model` reads the written bytes back without an
//! error.

pub mod dates;
pub mod feed;
pub mod ghost;
pub mod html;
pub mod images;
pub mod markdown;
pub mod page;
pub mod wordpress;

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use folio_model::{
    Article, ArticleId, Author, Block, Figure, Href, Inline, Language, Related, Run,
};

use crate::content::{ContentFolder, Written};
use images::{ImageSizes, ImageSource};

/// The formats `folio import` reads (the names on the command line: `wordpress`, `ghost`,
/// `feed`, `markdown`, `html`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A saved WordPress REST API answer (/wp-json/wp/v2/posts?_embed).
    Wordpress,
    /// A saved Ghost Content API answer (/ghost/api/content/posts/?include=authors,tags).
    Ghost,
    /// An RSS 2.0, Atom or JSON Feed file.
    Feed,
    /// Markdown files with YAML (---) or TOML (+++) front matter.
    Markdown,
    /// Saved article web pages.
    Html,
}

#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Replace existing articles that differ.
    pub force: bool,
    /// The box for images whose size the source does not give.
    pub image_size: Option<(u32, u32)>,
    /// The articles' language when the source does not say (WordPress and Ghost never do).
    pub language: Option<String>,
}

/// What a source says about one article, before any checking.
#[derive(Default)]
pub struct Found {
    /// Where it came from, for the report: `posts.json, post 3`.
    pub origin: String,
    /// The source's own slug or address; the headline when it has none.
    pub slug: Option<String>,
    pub headline: String,
    pub dek: Option<String>,
    pub section: Option<String>,
    pub authors: Vec<(String, Option<String>)>,
    pub published: Option<String>,
    pub updated: Option<String>,
    pub language: Option<String>,
    pub image: Option<FoundImage>,
    pub tags: Vec<String>,
    pub body: FoundBody,
    pub related: Vec<(String, String)>,
    /// The article's address at the source: relative links and images resolve against it.
    pub base: Option<url::Url>,
    pub image_sizes: ImageSizes,
    /// What the reader already had to say (e.g. "the feed carries only a summary").
    pub notes: Notes,
}

#[derive(Default)]
pub struct FoundImage {
    pub src: String,
    pub alt: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub srcset: Option<String>,
    pub caption: Option<String>,
    pub credit: Option<String>,
}

#[derive(Default)]
pub enum FoundBody {
    #[default]
    Empty,
    Html(String),
    /// A whole page: the page reader has already chosen the article's element.
    Blocks(Vec<Block>),
}

/// What an importer says about one article: what it changed, dropped or assumed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Notes(Vec<String>);

impl Notes {
    pub fn add(&mut self, note: impl Into<String>) {
        self.0.push(note.into());
    }

    pub fn add_once(&mut self, note: &str) {
        if !self.0.iter().any(|n| n == note) {
            self.0.push(note.to_string());
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &String> {
        self.0.iter()
    }
}

/// An article ready to write, with what became of its source on the way.
pub struct Draft {
    pub origin: String,
    /// The article's address at the source.
    pub source: Option<url::Url>,
    pub article: Article,
    pub notes: Notes,
    /// Local files the article shows (Markdown images): from, and to (under the content folder).
    pub assets: Vec<(PathBuf, String)>,
}

/// `raw` resolved against the source's address, when it is relative and the address known.
/// Fragment-only links (`#note-1`) point into the source page and stay as they are.
pub fn resolve_url(base: Option<&url::Url>, raw: &str) -> String {
    let raw = raw.trim();
    match base {
        Some(base) if !raw.starts_with('#') => base
            .join(raw)
            .map_or_else(|_| raw.to_string(), |url| url.to_string()),
        _ => raw.to_string(),
    }
}

impl Found {
    /// The article, or why there is none.
    pub fn into_draft(mut self) -> Result<Draft, String> {
        let headline = html::collapse_white_space(&self.headline);
        if headline.is_empty() {
            return Err("it has no headline (title)".into());
        }
        let id_source = self
            .slug
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .unwrap_or(&headline);
        let id = ArticleId::from_text(id_source);
        if let Some(local) = self.image_sizes.local.as_mut() {
            local.target = format!("images/{id}/");
        }
        let published = match &self.published {
            Some(date) => dates::rfc3339(date, &mut self.notes)
                .map_err(|e| format!("its publication date: {e}"))?,
            None => {
                return Err("it has no publication date (published, date, pubDate)".into());
            }
        };
        let updated = self
            .updated
            .as_deref()
            .and_then(|date| {
                dates::rfc3339(date, &mut self.notes)
                    .map_err(|e| self.notes.add(format!("update date dropped: {e}")))
                    .ok()
            })
            .filter(|updated| updated.differs_from(&published));
        let language = self.language.as_deref().and_then(|tag| {
            Language::parse(tag.trim())
                .map_err(|e| self.notes.add(format!("language dropped: {e}")))
                .ok()
        });
        let base = self.base.clone();
        let image = self.image.take().and_then(|image| {
            let shown = self.image_sizes.from_source(
                &ImageSource {
                    src: &image.src,
                    alt: &image.alt,
                    width: image.width,
                    height: image.height,
                    srcset: image.srcset.as_deref(),
                },
                base.as_ref(),
                &mut self.notes,
            );
            shown.map(|shown| Figure {
                image: Some(shown),
                caption: image.caption.filter(|c| !c.trim().is_empty()),
                credit: image.credit.filter(|c| !c.trim().is_empty()),
            })
        });
        let body = match std::mem::take(&mut self.body) {
            FoundBody::Empty => Vec::new(),
            FoundBody::Blocks(blocks) => blocks,
            FoundBody::Html(markup) => html::blocks_from_html(
                &markup,
                &mut html::MapContext {
                    base: base.as_ref(),
                    images: &mut self.image_sizes,
                    notes: &mut self.notes,
                    skip: &|_| false,
                },
            ),
        };
        if body.is_empty() {
            self.notes.add("the body is empty");
        }
        let authors = self
            .authors
            .iter()
            .filter(|(name, _)| !name.trim().is_empty())
            .map(|(name, url)| Author {
                name: html::collapse_white_space(name),
                url: url.as_deref().and_then(|url| {
                    folio_model::check_href(&resolve_url(base.as_ref(), url))
                        .map_err(|e| {
                            self.notes
                                .add(format!("author link of {name} dropped: {e}"))
                        })
                        .ok()
                }),
            })
            .collect();
        let related = self
            .related
            .iter()
            .filter_map(|(title, url)| {
                let href = folio_model::check_href(&resolve_url(base.as_ref(), url))
                    .map_err(|e| self.notes.add(format!("related link {url} dropped: {e}")))
                    .ok()?;
                let title = html::collapse_white_space(title);
                let title = if title.is_empty() {
                    match &href {
                        Href::Article(id) => id.to_string(),
                        Href::Url(url) => url.clone(),
                    }
                } else {
                    title
                };
                Some(Related {
                    title,
                    href,
                    section: None,
                    image: None,
                    published: None,
                })
            })
            .collect();
        let mut tags = Vec::new();
        let mut seen = BTreeSet::new();
        for tag in &self.tags {
            let tag = html::collapse_white_space(tag);
            if !tag.is_empty() && seen.insert(tag.to_lowercase()) {
                tags.push(tag);
            }
        }
        let text = |value: Option<String>| {
            value
                .map(|v| html::collapse_white_space(&v))
                .filter(|v| !v.is_empty())
        };
        let assets = self
            .image_sizes
            .local
            .take()
            .map(|local| local.copies)
            .unwrap_or_default();
        Ok(Draft {
            origin: self.origin,
            source: base,
            article: Article {
                id,
                headline,
                dek: text(self.dek),
                section: text(self.section),
                authors,
                published,
                updated,
                language,
                image,
                tags,
                key_points: Vec::new(),
                body,
                corrections: Vec::new(),
                related,
                ads: true,
                live: None,
            },
            notes: self.notes,
            assets,
        })
    }
}

/// What became of one input file.
pub struct InputReport {
    pub input: PathBuf,
    /// The input could not be read at all.
    pub error: Option<String>,
    pub articles: Vec<ArticleReport>,
}

pub struct ArticleReport {
    pub origin: String,
    pub outcome: Outcome,
    pub notes: Notes,
}

pub enum Outcome {
    Written {
        id: ArticleId,
        replaced: bool,
    },
    Unchanged(ArticleId),
    /// Not written, and why (e.g. an existing article differs and `--force` was not given).
    Skipped(String),
    Failed(String),
}

/// Reads one input file of `format` into the articles it holds.
pub fn read_input(format: Format, input: &Path, options: &Options) -> Result<Vec<Found>> {
    let bytes = fs::read(input).with_context(|| format!("reading {}", input.display()))?;
    let origin = input.display().to_string();
    let mut found = match format {
        Format::Wordpress => wordpress::read(&bytes, &origin)?,
        Format::Ghost => ghost::read(&bytes, &origin)?,
        Format::Feed => feed::read(&bytes, &origin)?,
        Format::Markdown => vec![markdown::read(&bytes, input)?],
        Format::Html => vec![page::read(&bytes, input)?],
    };
    for article in &mut found {
        article.image_sizes.fallback = options.image_size;
        if article.language.is_none() {
            article.language.clone_from(&options.language);
        }
    }
    Ok(found)
}

/// Imports every input into `content`. Every input is read first, so that a link from one
/// imported article to another's address at the source can open it in Folio instead; then each
/// article is written. Prints what happens as it goes (a long import shows its progress) and
/// returns the report; the caller rebuilds the index.
pub fn run(
    format: Format,
    inputs: &[PathBuf],
    content: &ContentFolder,
    options: &Options,
) -> Result<Vec<InputReport>> {
    let mut reports = Vec::new();
    // Each draft with the index of its input's report.
    let mut drafts: Vec<(usize, Result<Draft, ArticleReport>)> = Vec::new();
    // Ids given in this run: a second article that wants the same id gets a variant of it.
    let mut taken: HashMap<ArticleId, String> = HashMap::new();
    for (n, input) in inputs.iter().enumerate() {
        println!("[{}/{}] reading {}", n + 1, inputs.len(), input.display());
        let found = match read_input(format, input, options) {
            Ok(found) => found,
            Err(error) => {
                println!("  failed: {error:#}");
                reports.push(InputReport {
                    input: input.clone(),
                    error: Some(format!("{error:#}")),
                    articles: Vec::new(),
                });
                continue;
            }
        };
        for found in found {
            let origin = found.origin.clone();
            let draft = found
                .into_draft()
                .map(|mut draft| {
                    give_unique_id(&mut draft, &mut taken);
                    draft
                })
                .map_err(|reason| ArticleReport {
                    origin,
                    outcome: Outcome::Failed(reason),
                    notes: Notes::default(),
                });
            drafts.push((reports.len(), draft));
        }
        reports.push(InputReport {
            input: input.clone(),
            error: None,
            articles: Vec::new(),
        });
    }

    let imported: HashMap<String, ArticleId> = drafts
        .iter()
        .filter_map(|(_, draft)| {
            let draft = draft.as_ref().ok()?;
            Some((
                address_key(draft.source.as_ref()?),
                draft.article.id.clone(),
            ))
        })
        .collect();
    let total = drafts.len();
    for (n, (input, draft)) in drafts.into_iter().enumerate() {
        let report = match draft {
            Err(failed) => failed,
            Ok(mut draft) => {
                link_imported_articles(&mut draft, &imported);
                name_related_articles(content, &mut draft);
                let outcome = write(content, &draft, options);
                ArticleReport {
                    origin: draft.origin,
                    outcome,
                    notes: draft.notes,
                }
            }
        };
        print!("[{}/{total}] ", n + 1);
        print_article(&report);
        if let Some(input) = reports.get_mut(input) {
            input.articles.push(report);
        }
    }
    Ok(reports)
}

fn give_unique_id(draft: &mut Draft, taken: &mut HashMap<ArticleId, String>) {
    let wanted = draft.article.id.clone();
    let mut n = 2;
    while taken.contains_key(&draft.article.id) {
        draft.article.id = wanted.variant(n);
        n += 1;
    }
    if draft.article.id != wanted {
        draft.notes.add(format!(
            "{wanted} was taken by {} in this import: this is {}",
            taken.get(&wanted).map_or("another article", String::as_str),
            draft.article.id
        ));
    }
    taken.insert(draft.article.id.clone(), draft.origin.clone());
}

/// An address as links to it are compared: host and path, without the scheme, query,
/// fragment or a trailing slash.
fn address_key(url: &url::Url) -> String {
    format!(
        "{}{}",
        url.host_str().unwrap_or_default().to_ascii_lowercase(),
        url.path().trim_end_matches('/')
    )
}

/// Links to the source address of another article of this import (a WordPress post linking to
/// another post) become links to that article, which the viewer opens without a reload.
/// A link to the article's own source address (a summary's "Read the full article") stays.
fn link_imported_articles(draft: &mut Draft, imported: &HashMap<String, ArticleId>) {
    let mut relinked = 0;
    let own_id = draft.article.id.clone();
    let mut relink = |href: &mut Href| {
        if let Href::Url(url) = href
            && let Some(id) = url::Url::parse(url)
                .ok()
                .and_then(|url| imported.get(&address_key(&url)))
                .filter(|id| **id != own_id)
        {
            *href = Href::Article(id.clone());
            relinked += 1;
        }
    };
    for block in &mut draft.article.body {
        let inlines: Vec<&mut Inline> = match block {
            Block::Paragraph(content)
            | Block::Pullquote(content)
            | Block::Heading { content, .. }
            | Block::Quote { content, .. } => vec![content],
            Block::List { items, .. } => items.iter_mut().collect(),
            _ => Vec::new(),
        };
        for run in inlines.into_iter().flat_map(|inline| inline.0.iter_mut()) {
            if let Some(href) = run.href.as_mut() {
                relink(href);
            }
        }
    }
    for related in &mut draft.article.related {
        relink(&mut related.href);
    }
    if relinked > 0 {
        draft.notes.add(format!(
            "{relinked} link(s) to other articles of this import now open them in Folio"
        ));
    }
}

/// A related link given only as an article id gets that article's headline as its title, when
/// the article is in the content folder.
fn name_related_articles(content: &ContentFolder, draft: &mut Draft) {
    for related in &mut draft.article.related {
        if let Href::Article(id) = &related.href
            && related.title == id.as_str()
        {
            match content.headline_of(id) {
                Some(headline) => related.title = headline,
                None => draft.notes.add(format!(
                    "related article {id} is not in the content folder (yet): its title is its id"
                )),
            }
        }
    }
}

fn write(content: &ContentFolder, draft: &Draft, options: &Options) -> Outcome {
    let id = draft.article.id.clone();
    match content.write_article(&draft.article, options.force) {
        Ok(Written::Kept) => Outcome::Skipped(format!(
            "{} exists and differs; --force replaces it",
            content.article_path(&id).display()
        )),
        Ok(written) => {
            for (from, to) in &draft.assets {
                if let Err(error) = content.copy_asset(from, to) {
                    return Outcome::Failed(format!("copying {}: {error:#}", from.display()));
                }
            }
            match written {
                Written::Created => Outcome::Written {
                    id,
                    replaced: false,
                },
                Written::Replaced => Outcome::Written { id, replaced: true },
                // (`Kept` was answered above.)
                Written::Unchanged | Written::Kept => Outcome::Unchanged(id),
            }
        }
        Err(error) => Outcome::Failed(format!("{error:#}")),
    }
}

fn print_article(report: &ArticleReport) {
    let line = match &report.outcome {
        Outcome::Written {
            id,
            replaced: false,
        } => format!("wrote {id}"),
        Outcome::Written { id, replaced: true } => format!("replaced {id}"),
        Outcome::Unchanged(id) => format!("unchanged {id}"),
        Outcome::Skipped(why) => format!("skipped: {why}"),
        Outcome::Failed(why) => format!("failed: {why}"),
    };
    println!("  {}: {line}", report.origin);
    for note in report.notes.iter() {
        println!("    note: {note}");
    }
}

/// People as CMS APIs list them: objects with a `name` and a link under `link_key`.
pub fn people(list: &serde_json::Value, link_key: &str) -> Vec<(String, Option<String>)> {
    list.as_array()
        .into_iter()
        .flatten()
        .filter_map(|person| {
            let name = person.get("name")?.as_str()?.to_string();
            let link = person
                .get(link_key)
                .and_then(serde_json::Value::as_str)
                .map(str::to_string);
            Some((name, link))
        })
        .collect()
}

/// Plain text as inline content.
pub fn text_inline(text: &str) -> Inline {
    Inline(vec![Run {
        text: text.to_string(),
        ..Run::default()
    }])
}

/// The counts of an import, for its last line.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub written: usize,
    pub replaced: usize,
    pub unchanged: usize,
    pub skipped: usize,
    /// Articles that could not be made, and input files that could not be read.
    pub failed: usize,
}

impl Summary {
    pub fn of(reports: &[InputReport]) -> Summary {
        let mut summary = Summary::default();
        for report in reports {
            if report.error.is_some() {
                summary.failed += 1;
            }
            for article in &report.articles {
                match article.outcome {
                    Outcome::Written {
                        replaced: false, ..
                    } => summary.written += 1,
                    Outcome::Written { replaced: true, .. } => summary.replaced += 1,
                    Outcome::Unchanged(_) => summary.unchanged += 1,
                    Outcome::Skipped(_) => summary.skipped += 1,
                    Outcome::Failed(_) => summary.failed += 1,
                }
            }
        }
        summary
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Imported: {} written, {} replaced, {} unchanged, {} skipped, {} failed",
            self.written, self.replaced, self.unchanged, self.skipped, self.failed
        )
    }
}
