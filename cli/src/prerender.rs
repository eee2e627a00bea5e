//! `folio prerender`: static entry pages for crawlers, social previews and the first paint.
//!
//! For every article in the content folder it writes `articles/<id>/index.html`: the built
//! entry page with the article's head tags (title, description, canonical, Open Graph, Twitter,
//! JSON-LD, all from `folio_model::article_head`, as the viewer sets them) and, in its body, the
//! article page rendered by the viewer's own components (`folio::prerender`). The viewer, when it
//! starts, adopts those nodes (see `src/takeover.rs`). It also writes `sitemap.xml`, an Atom
//! feed of the front page's list (`feed.xml`) and `robots.txt`.
//!
//! The glue written here escapes everything from a document: text with `escape_text`,
//! attributes with `escape_attribute`; URLs have passed the model's filter.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail, ensure};
use folio::site::Site;
use folio_model::{
    Article, ArticleId, Config, Decoded, Index, Limits, PageContext, default_config,
};

use crate::compress::write_with_compressed_copies;

pub struct Options {
    /// The built site (`dist/`), whose `index.html` is the template.
    pub site: PathBuf,
    /// The content folder; by default the site's `content/`.
    pub content: Option<PathBuf>,
    /// The site's public address, ending in its base path: `https://example.org/news/`.
    pub site_url: String,
    /// Carry on past documents that cannot be read (each is listed at the end) instead of
    /// failing on them.
    pub skip_invalid: bool,
}

/// What a run wrote, and what it could not read.
pub struct Prerendered {
    pub written: Vec<ArticleId>,
    /// Files that could not be read, with why (only with `skip_invalid`; otherwise the run fails).
    pub skipped: Vec<(PathBuf, String)>,
}

/// Writes the pages. A configuration, index or article that cannot be read fails the run,
/// naming the file and the reason, before the sitemap and feed are written (so a broken index
/// never becomes an empty feed); with `skip_invalid` the run carries on and lists them.
pub fn run(options: &Options) -> Result<Prerendered> {
    let site_url = normalize_site_url(&options.site_url)?;
    let base_path = path_of(&site_url);
    let template = fs::read_to_string(options.site.join("index.html"))
        .with_context(|| format!("reading {}/index.html", options.site.display()))?;
    let built_base = built_base_path(&template).context("the entry page has no <base href>")?;
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
    let limits = Limits::default();

    let index_file = content.join(&config.value.content.index);
    let index = match fs::read(&index_file) {
        Err(error) => Err(format!("cannot be read: {error}")),
        Ok(bytes) => folio_model::decode_index(&bytes, &limits)
            .map(|decoded| decoded.value)
            .map_err(|rejected| errors_of(&rejected.problems).unwrap_or_default()),
    };
    let index = index.unwrap_or_else(|reason| {
        unreadable.push((index_file, reason));
        Index {
            articles: Vec::new(),
        }
    });
    fail_unless_skipping(options, &unreadable)?;
    let page = Page {
        site_url: &site_url,
        config: &config,
        site: Site::new(site_url.clone(), config.clone()),
    };

    let mut written = Vec::new();
    for id in article_ids(&content, &config.value, &index)? {
        let file = content.join(config.value.content.article.replace("{id}", id.as_str()));
        let Ok(bytes) = fs::read(&file) else {
            unreadable.push((file, "the index lists it, but there is no such file".into()));
            continue;
        };
        match folio_model::decode_article(&bytes, Some(id.as_str()), &limits) {
            Ok(decoded) => {
                for problem in &decoded.problems {
                    println!("{}: {problem}", file.display());
                }
                let html = page.entry_page(&template, &decoded)?;
                let dir = options.site.join("articles").join(id.as_str());
                fs::create_dir_all(&dir)?;
                write_with_compressed_copies(&dir.join("index.html"), html.as_bytes())?;
                written.push(id);
            }
            Err(rejected) => {
                unreadable.push((file, errors_of(&rejected.problems).unwrap_or_default()));
            }
        }
    }
    fail_unless_skipping(options, &unreadable)?;

    write_with_compressed_copies(
        &options.site.join("sitemap.xml"),
        page.sitemap(&index, &written).as_bytes(),
    )?;
    write_with_compressed_copies(&options.site.join("feed.xml"), page.feed(&index).as_bytes())?;
    fs::write(
        options.site.join("robots.txt"),
        format!("User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n"),
    )?;
    println!(
        "Prerendered {} article pages, sitemap.xml, feed.xml and robots.txt for {site_url}",
        written.len()
    );
    if !unreadable.is_empty() {
        println!("Skipped {} files that cannot be read:", unreadable.len());
        for (file, reason) in &unreadable {
            println!("  {}: {reason}", file.display());
        }
    }
    Ok(Prerendered {
        written,
        skipped: unreadable,
    })
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

/// Now, for a feed with no entries to date itself by.
fn build_time() -> String {
    chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now())
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The articles to prerender: the front page's list, and every document in the articles
/// folder when the address pattern is `<folder>/{id}.json`.
fn article_ids(content: &Path, config: &Config, index: &Index) -> Result<Vec<ArticleId>> {
    let mut ids: Vec<ArticleId> = index
        .articles
        .iter()
        .map(|entry| entry.id.clone())
        .collect();
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

/// The site being prerendered.
struct Page<'a> {
    site_url: &'a str,
    config: &'a Decoded<Config>,
    site: Site,
}

impl Page<'_> {
    fn entry_page(&self, template: &str, article: &Decoded<Article>) -> Result<String> {
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
        // Marked, so the viewer removes them when its own (`ArticleHead`'s) are in place.
        let mut tags = String::new();
        let mark = "data-folio-prerendered";
        let _ = write!(
            tags,
            "<link rel=\"canonical\" href=\"{}\" {mark} />\n    ",
            escape_attribute(&head.canonical)
        );
        for tag in &head.meta {
            let _ = write!(
                tags,
                "<meta {}=\"{}\" content=\"{}\" {mark} />\n    ",
                tag.attribute.as_str(),
                tag.key,
                escape_attribute(&tag.content)
            );
        }
        let _ = write!(
            tags,
            "<script type=\"application/ld+json\" {mark}>{}</script>\n    ",
            head.json_ld
        );
        // The first paint waits until the article's body is parsed: a page that arrives in parts
        // would otherwise paint its header half-built (the display settings without their
        // summary, a tool without its neighbour) and then move it. The address must be this
        // page's own (as a path, whatever the host), not one relative to `<base href>`.
        // Browsers without `rel=expect` ignore it.
        let _ = write!(
            tags,
            "<link rel=\"expect\" href=\"{}#{}\" blocking=\"render\" {mark} />\n    ",
            escape_attribute(&self.site.article_route(&article.value.id)),
            folio::components::ARTICLE_BODY_ID
        );
        // No preload of the article's JSON: the page already shows it, and a preload that
        // stalls would be what every retry of the viewer's request gets, too.
        let _ = write!(
            tags,
            "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"feed.xml\" title=\"{}\" {mark} />\n  ",
            escape_attribute(site_name)
        );

        // The page paints from its HTML; the wasm preload would only compete with the CSS and
        // the images for the first paint (the module script fetches the wasm right after).
        let template: String = template
            .lines()
            .filter(|line| !line.contains("type=\"application/wasm\""))
            .map(|line| format!("{line}\n"))
            .collect();
        let title = self.site.page_title(&article.value.headline);
        let html = replace_between(&template, "<title>", "</title>", &escape_text(&title))?;
        let html = html.replacen("</head>", &format!("{tags}</head>"), 1);
        let body = folio::prerender::article_page_body(self.site_url, self.config.clone(), article);
        replace_between(
            &html,
            "<body data-folio-app>",
            "</body>",
            &format!("\n    {body}\n  "),
        )
    }

    fn article_url(&self, id: &ArticleId) -> String {
        self.site.article_page_url(id)
    }

    /// The front page and every prerendered article, with their last change.
    fn sitemap(&self, index: &Index, written: &[ArticleId]) -> String {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        let _ = writeln!(
            xml,
            "  <url><loc>{}</loc></url>",
            escape_text(self.site_url)
        );
        for id in written {
            let _ = write!(
                xml,
                "  <url><loc>{}</loc>",
                escape_text(&self.article_url(id))
            );
            if let Some(entry) = index.articles.iter().find(|entry| &entry.id == id) {
                let _ = write!(xml, "<lastmod>{}</lastmod>", entry.published.as_str());
            }
            xml.push_str("</url>\n");
        }
        xml.push_str("</urlset>\n");
        xml
    }

    /// An Atom feed of the front page's list, newest first as the list is.
    fn feed(&self, index: &Index) -> String {
        let updated = index
            .articles
            .iter()
            .max_by_key(|entry| entry.published.unix_seconds())
            .map_or_else(build_time, |entry| entry.published.as_str().to_string());
        let mut xml = String::new();
        let _ = write!(
            xml,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <feed xmlns=\"http://www.w3.org/2005/Atom\">\n  \
             <title>{}</title>\n  <id>{}</id>\n  <updated>{updated}</updated>\n  \
             <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  \
             <link rel=\"self\" type=\"application/atom+xml\" href=\"{}feed.xml\"/>\n",
            escape_text(&self.config.value.site_name),
            escape_text(self.site_url),
            escape_attribute(self.site_url),
            escape_attribute(self.site_url),
        );
        for entry in &index.articles {
            let url = self.article_url(&entry.id);
            let _ = write!(
                xml,
                "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    \
                 <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    \
                 <published>{}</published>\n    <updated>{}</updated>\n",
                escape_text(&entry.headline),
                escape_text(&url),
                escape_attribute(&url),
                entry.published.as_str(),
                entry.published.as_str(),
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
    fn markup_in_text_and_attributes_stays_text() {
        assert_eq!(escape_text("<script>&"), "&lt;script&gt;&amp;");
        assert_eq!(
            escape_attribute("\" onload='x'"),
            "&quot; onload=&#39;x&#39;"
        );
    }
}
