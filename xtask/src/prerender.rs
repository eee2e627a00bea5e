//! `cargo xtask prerender`: static entry pages for crawlers, social previews and the first paint.
//!
//! For every article in the content folder it writes `articles/<id>/index.html`: the built
//! entry page with the article's head tags (title, description, canonical, Open Graph, Twitter,
//! JSON-LD, all from `folio_model::article_head`, as the viewer sets them) and the article as
//! plain HTML, in the same markup and classes the viewer renders. The viewer, when it starts,
//! renders the same page hidden and swaps it in for `#folio-prerendered` in one step (see
//! `src/navigation.rs`), so the reader sees no flicker and nothing moves. It also writes
//! `sitemap.xml`, an Atom feed of the front page's list (`feed.xml`) and `robots.txt`.
//!
//! Everything from a document is escaped here: text with `escape_text`, attributes with
//! `escape_attribute`; URLs have passed the model's filter.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail, ensure};
use folio_model::{
    AdSlotSpec, Article, ArticleId, Block, BodyItem, Config, Figure, HeadingLevel, Href, Image,
    Index, Inline, Limits, PageContext, Related, Strings, plan_ads, strings_for,
};

use crate::dist;

pub struct Options {
    /// The built site (`dist/`), whose `index.html` is the template.
    pub site: PathBuf,
    /// The content folder; by default the site's `content/`.
    pub content: Option<PathBuf>,
    /// The site's public address, ending in its base path: `https://example.org/news/`.
    pub site_url: String,
}

/// Writes the pages and returns the ids of the articles prerendered.
pub fn run(options: &Options) -> Result<Vec<ArticleId>> {
    let site_url = normalize_site_url(&options.site_url)?;
    let base_path = path_of(&site_url);
    let template = fs::read_to_string(options.site.join("index.html"))
        .with_context(|| format!("reading {}/index.html", options.site.display()))?;
    let built_base = template
        .split_once("<base href=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(base, _)| base)
        .context("the entry page has no <base href>")?;
    ensure!(
        built_base == base_path,
        "the site was built for the base path {built_base}, but --site-url says {base_path}: \
         build with `cargo xtask dist --base-path {base_path}`"
    );
    let config = fs::read(options.site.join("folio.config.json"))
        .map(|bytes| folio_model::decode_config(&bytes).value)
        .unwrap_or_default();
    let content = options
        .content
        .clone()
        .unwrap_or_else(|| options.site.join("content"));
    let limits = Limits::default();

    let index = fs::read(content.join(&config.content.index))
        .ok()
        .and_then(|bytes| folio_model::decode_index(&bytes, &limits).ok())
        .map(|decoded| decoded.value)
        .unwrap_or(Index {
            articles: Vec::new(),
        });
    let page = Page {
        site_url: &site_url,
        base_path: &base_path,
        config: &config,
    };

    let mut written = Vec::new();
    for id in article_ids(&content, &config, &index)? {
        let file = content.join(config.content.article.replace("{id}", id.as_str()));
        let Ok(bytes) = fs::read(&file) else {
            println!("{}: missing; no page written", file.display());
            continue;
        };
        match folio_model::decode_article(&bytes, Some(id.as_str()), &limits) {
            Ok(decoded) => {
                for problem in &decoded.problems {
                    println!("{}: {problem}", file.display());
                }
                let html = page.entry_page(&template, &decoded.value)?;
                let dir = options.site.join("articles").join(id.as_str());
                fs::create_dir_all(&dir)?;
                write_with_compressed_copies(&dir.join("index.html"), html.as_bytes())?;
                written.push(id);
            }
            Err(rejected) => {
                println!(
                    "{}: not prerendered (the viewer will show why):",
                    file.display()
                );
                for problem in &rejected.problems {
                    println!("  {problem}");
                }
            }
        }
    }

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
    Ok(written)
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

fn write_with_compressed_copies(path: &Path, bytes: &[u8]) -> Result<()> {
    fs::write(path, bytes)?;
    fs::write(dist::append_extension(path, "br"), dist::brotli(bytes)?)?;
    fs::write(dist::append_extension(path, "gz"), dist::gzip(bytes)?)?;
    Ok(())
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
    base_path: &'a str,
    config: &'a Config,
}

impl Page<'_> {
    /// A content URL made absolute, as the viewer's `Site::absolute` does.
    fn absolute(&self, url: &str) -> String {
        if url.contains("://") || url.starts_with("mailto:") {
            url.to_string()
        } else if let Some(path) = url.strip_prefix('/') {
            let origin_end = self
                .site_url
                .split_once("://")
                .and_then(|(scheme, rest)| rest.find('/').map(|at| scheme.len() + 3 + at))
                .unwrap_or(self.site_url.len());
            format!("{}/{path}", &self.site_url[..origin_end])
        } else {
            format!("{}{url}", self.site_url)
        }
    }

    fn article_url(&self, id: &ArticleId) -> String {
        format!("{}articles/{id}", self.site_url)
    }

    /// The app route of an article, as the viewer's links carry it.
    fn article_route(&self, id: &ArticleId) -> String {
        format!("{}articles/{id}", self.base_path)
    }

    fn entry_page(&self, template: &str, article: &Article) -> Result<String> {
        let strings = strings_for(article.language.as_ref().map(|l| l.tag.as_str()));
        let canonical = self.article_url(&article.id);
        let absolute = |url: &str| self.absolute(url);
        let head = folio_model::article_head(
            article,
            &PageContext {
                site_name: &self.config.site_name,
                canonical: &canonical,
                absolute: &absolute,
            },
        );
        // Marked, so the viewer removes them when its own (leptos_meta's) are in place.
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
        // No preload of the article's JSON: the page already shows it, and a preload that
        // stalls would be what every retry of the viewer's request gets, too.
        let _ = write!(
            tags,
            "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"feed.xml\" title=\"{}\" {mark} />\n  ",
            escape_attribute(&self.config.site_name)
        );

        // The page paints from its HTML; the wasm preload would only compete with the CSS and
        // the images for the first paint (the module script fetches the wasm right after).
        let template: String = template
            .lines()
            .filter(|line| !line.contains("type=\"application/wasm\""))
            .map(|line| format!("{line}\n"))
            .collect();
        let title = format!("{} · {}", article.headline, self.config.site_name);
        let html = replace_between(&template, "<title>", "</title>", &escape_text(&title))?;
        let html = html.replacen("</head>", &format!("{tags}</head>"), 1);
        let body = self.body(article, strings);
        replace_between(&html, "<body data-folio-app>", "</body>", &body)
    }

    /// The viewer's chrome around the article, as `app.rs` renders it.
    fn body(&self, article: &Article, strings: &'static Strings) -> String {
        let mut html = String::from("\n    <div id=\"folio-prerendered\">\n");
        let _ = write!(
            html,
            "<a class=\"skip-link\" href=\"#main\">Skip to content</a>\
             <header class=\"site-header\"><a class=\"site-name\" href=\"{}\">{}</a></header>\
             <main id=\"main\" tabindex=\"-1\"><div class=\"article-page\" aria-busy=\"false\">",
            escape_attribute(self.base_path),
            escape_text(&self.config.site_name)
        );
        self.article(&mut html, article, strings);
        html.push_str(
            "</div></main><footer class=\"site-footer\"><p>Published with Folio.</p></footer>\n    \
             </div>\n  ",
        );
        html
    }

    /// `ArticleView`, in the same elements and classes.
    fn article(&self, html: &mut String, article: &Article, strings: &'static Strings) {
        let plan = plan_ads(&article.body, article.ads, &self.config.ads);
        html.push_str("<div class=\"reading-progress\" aria-hidden=\"true\"></div>");
        if let Some(slot) = &plan.top {
            ad_slot(html, slot, strings);
        }
        let _ = write!(html, "<article class=\"article\"");
        if let Some(language) = &article.language {
            let _ = write!(
                html,
                " lang=\"{}\" dir=\"{}\"",
                escape_attribute(&language.tag),
                language.direction()
            );
        }
        let _ = write!(
            html,
            " data-article-id=\"{}\"><header class=\"article-header\">",
            article.id
        );
        if let Some(section) = &article.section {
            let _ = write!(html, "<p class=\"section\">{}</p>", escape_text(section));
        }
        let _ = write!(
            html,
            "<h1 tabindex=\"-1\" elementtiming=\"headline\">{}</h1>",
            escape_text(&article.headline)
        );
        if let Some(dek) = &article.dek {
            let _ = write!(html, "<p class=\"dek\">{}</p>", escape_text(dek));
        }
        self.byline(html, article, strings);
        let _ = write!(
            html,
            "<div class=\"article-tools\"><p class=\"reading-time\">{}</p>\
             <button type=\"button\" class=\"tool\">{}</button>\
             <details class=\"reader-controls\"><summary class=\"tool\">{}</summary></details></div>\
             </header>",
            Strings::fill(strings.minutes_read, folio_model::reading_minutes(article)),
            strings.share,
            strings.display
        );
        if let Some(figure) = &article.image {
            self.figure(html, figure, true);
        }
        html.push_str("<div class=\"article-body\">");
        let route = self.article_route(&article.id);
        let mut paragraphs = 0;
        for item in &plan.body {
            match item {
                BodyItem::Slot(spec) => ad_slot(html, spec, strings),
                BodyItem::Block(index) => match article.body.get(*index) {
                    Some(Block::Paragraph(content)) => {
                        paragraphs += 1;
                        let _ = write!(
                            html,
                            "<p id=\"p-{paragraphs}\"><a class=\"paragraph-link\" href=\"{}#p-{paragraphs}\" \
                             aria-label=\"{}\"></a>",
                            escape_attribute(&route),
                            escape_attribute(&Strings::fill(strings.paragraph_link, paragraphs))
                        );
                        self.inline(html, content);
                        html.push_str("</p>");
                    }
                    Some(block) => self.block(html, block),
                    None => {}
                },
            }
        }
        html.push_str("</div>");
        if !article.tags.is_empty() {
            let _ = write!(
                html,
                "<footer class=\"tags\"><h2 class=\"visually-hidden\">{}</h2><ul>",
                strings.topics
            );
            for tag in &article.tags {
                let _ = write!(html, "<li>{}</li>", escape_text(tag));
            }
            html.push_str("</ul></footer>");
        }
        html.push_str("</article>");
        if let Some(slot) = &plan.bottom {
            ad_slot(html, slot, strings);
        }
        if !article.related.is_empty() {
            self.related(html, &article.related, strings);
        }
    }

    fn byline(&self, html: &mut String, article: &Article, strings: &'static Strings) {
        html.push_str("<div class=\"byline\">");
        let count = article.authors.len();
        if count > 0 {
            let _ = write!(html, "<p class=\"authors\">{}", strings.by);
            for (index, author) in article.authors.iter().enumerate() {
                html.push_str("<span class=\"author\">");
                match &author.url {
                    Some(href) => self.link(html, href, &escape_text(&author.name)),
                    None => html.push_str(&escape_text(&author.name)),
                }
                html.push_str("</span>");
                html.push_str(match count - index {
                    1 => "",
                    2 => strings.and,
                    _ => ", ",
                });
            }
            html.push_str("</p>");
        }
        let _ = write!(
            html,
            "<p class=\"dates\"><span>{} <time datetime=\"{}\">{}</time></span>",
            strings.published,
            escape_attribute(article.published.as_str()),
            article.published
        );
        if let Some(updated) = article.distinct_update() {
            let _ = write!(
                html,
                "<span>{} <time datetime=\"{}\">{}</time></span>",
                strings.updated,
                escape_attribute(updated.as_str()),
                updated
            );
        }
        html.push_str("</p></div>");
    }

    fn block(&self, html: &mut String, block: &Block) {
        match block {
            Block::Paragraph(content) => {
                html.push_str("<p>");
                self.inline(html, content);
                html.push_str("</p>");
            }
            Block::Heading { level, content } => {
                let tag = match level {
                    HeadingLevel::H2 => "h2",
                    HeadingLevel::H3 => "h3",
                    HeadingLevel::H4 => "h4",
                };
                let _ = write!(html, "<{tag}>");
                self.inline(html, content);
                let _ = write!(html, "</{tag}>");
            }
            Block::Quote { content, cite } => {
                html.push_str("<figure class=\"quote\"><blockquote><p>");
                self.inline(html, content);
                html.push_str("</p></blockquote>");
                if let Some(cite) = cite {
                    let _ = write!(html, "<figcaption>{}</figcaption>", escape_text(cite));
                }
                html.push_str("</figure>");
            }
            Block::Pullquote(content) => {
                html.push_str("<aside class=\"pullquote\"><p>");
                self.inline(html, content);
                html.push_str("</p></aside>");
            }
            Block::Image(figure) => self.figure(html, figure, false),
            Block::List { ordered, items } => {
                let tag = if *ordered { "ol" } else { "ul" };
                let _ = write!(html, "<{tag}>");
                for item in items {
                    html.push_str("<li>");
                    self.inline(html, item);
                    html.push_str("</li>");
                }
                let _ = write!(html, "</{tag}>");
            }
            Block::Embed { url, title } => {
                let host = url
                    .split_once("//")
                    .and_then(|(_, rest)| rest.split(['/', '?', '#']).next())
                    .unwrap_or_default();
                let label = title.as_deref().unwrap_or(host);
                let inner = format!(
                    "<span class=\"embed-card__title\">{}</span><span class=\"embed-card__host\">{}</span>",
                    escape_text(label),
                    escape_text(host)
                );
                html.push_str("<aside class=\"embed-card\">");
                self.link(html, &Href::Url(url.clone()), &inner);
                html.push_str("</aside>");
            }
            Block::Divider => html.push_str("<hr />"),
            Block::Ad(_) => {}
        }
    }

    /// `InlineContent`: marks nest as the viewer nests them (code, s, em, strong, then link).
    fn inline(&self, html: &mut String, content: &Inline) {
        for run in &content.0 {
            let mut text = escape_text(&run.text);
            for (on, tag) in [
                (run.marks.code, "code"),
                (run.marks.strike, "s"),
                (run.marks.italic, "em"),
                (run.marks.bold, "strong"),
            ] {
                if on {
                    text = format!("<{tag}>{text}</{tag}>");
                }
            }
            match &run.href {
                Some(href) => self.link(html, href, &text),
                None => html.push_str(&text),
            }
        }
    }

    /// `Link`: `inner` is already escaped markup.
    fn link(&self, html: &mut String, href: &Href, inner: &str) {
        match href {
            Href::Article(id) => {
                let _ = write!(
                    html,
                    "<a href=\"{}\">{inner}</a>",
                    escape_attribute(&self.article_route(id))
                );
            }
            Href::Url(url) if href.is_external() => {
                let target = if self.config.links.external_in_new_tab {
                    " target=\"_blank\""
                } else {
                    ""
                };
                let _ = write!(
                    html,
                    "<a href=\"{}\" rel=\"noopener noreferrer\"{target}>{inner}</a>",
                    escape_attribute(url)
                );
            }
            Href::Url(url) => {
                let _ = write!(
                    html,
                    "<a href=\"{}\" rel=\"external\">{inner}</a>",
                    escape_attribute(url)
                );
            }
        }
    }

    fn figure(&self, html: &mut String, figure: &Figure, eager: bool) {
        html.push_str("<figure class=\"figure\">");
        if let Some(image) = &figure.image {
            self.image(html, image, eager);
        }
        if figure.caption.is_some() || figure.credit.is_some() {
            html.push_str("<figcaption>");
            if let Some(caption) = &figure.caption {
                let _ = write!(
                    html,
                    "<span class=\"caption\">{}</span>",
                    escape_text(caption)
                );
            }
            if let Some(credit) = &figure.credit {
                let _ = write!(
                    html,
                    "<span class=\"credit\">{}</span>",
                    escape_text(credit)
                );
            }
            html.push_str("</figcaption>");
        }
        html.push_str("</figure>");
    }

    /// `ImageView`.
    fn image(&self, html: &mut String, image: &Image, eager: bool) {
        let (loading, priority) = if eager {
            ("eager", "high")
        } else {
            ("lazy", "auto")
        };
        // Relative URLs stay relative: the page's <base href> resolves them as the viewer
        // does, wherever the site is served.
        let _ = write!(html, "<img src=\"{}\"", escape_attribute(&image.src));
        if let Some(srcset) = &image.srcset {
            let _ = write!(
                html,
                " srcset=\"{}\" sizes=\"(min-width: 44rem) 42rem, 100vw\"",
                escape_attribute(srcset)
            );
        }
        let _ = write!(
            html,
            " alt=\"{}\" width=\"{}\" height=\"{}\" loading=\"{loading}\" fetchpriority=\"{priority}\" decoding=\"async\" />",
            escape_attribute(&image.alt),
            image.width,
            image.height
        );
    }

    fn related(&self, html: &mut String, related: &[Related], strings: &'static Strings) {
        let _ = write!(
            html,
            "<aside class=\"related\" aria-labelledby=\"related-heading\">\
             <h2 id=\"related-heading\">{}</h2><ul>",
            strings.related
        );
        for item in related {
            html.push_str("<li class=\"related-item\">");
            if let Some(image) = &item.image {
                self.image(html, image, false);
            }
            html.push_str("<div>");
            if let Some(section) = &item.section {
                let _ = write!(html, "<p class=\"section\">{}</p>", escape_text(section));
            }
            html.push_str("<p class=\"related-title\">");
            self.link(html, &item.href, &escape_text(&item.title));
            html.push_str("</p>");
            if let Some(published) = &item.published {
                let _ = write!(
                    html,
                    "<time datetime=\"{}\">{}</time>",
                    escape_attribute(published.as_str()),
                    published.date()
                );
            }
            html.push_str("</div></li>");
        }
        html.push_str("</ul></aside>");
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
            .map_or("1970-01-01T00:00:00Z", |entry| entry.published.as_str());
        let mut xml = String::new();
        let _ = write!(
            xml,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <feed xmlns=\"http://www.w3.org/2005/Atom\">\n  \
             <title>{}</title>\n  <id>{}</id>\n  <updated>{updated}</updated>\n  \
             <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  \
             <link rel=\"self\" type=\"application/atom+xml\" href=\"{}feed.xml\"/>\n",
            escape_text(&self.config.site_name),
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

/// An ad slot's reserved box. No id and no data: the prerendered page announces nothing, and
/// the viewer's own slots (with ids) replace these.
fn ad_slot(html: &mut String, spec: &AdSlotSpec, strings: &'static Strings) {
    let _ = write!(
        html,
        "<aside class=\"ad-slot ad-slot--m-{} ad-slot--d-{}\" aria-label=\"{label} {}\">\
         <span class=\"ad-slot__label\" aria-hidden=\"true\">{label}</span>\
         <div class=\"ad-slot__container\"></div></aside>",
        spec.mobile,
        spec.desktop,
        spec.ordinal,
        label = strings.advertisement
    );
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

    /// Every hostile document that the viewer shows (in part) is prerendered into markup that
    /// holds no script, no dangerous link and no markup of the document's own.
    #[test]
    fn hostile_documents_prerender_to_safe_markup() {
        let site = std::env::temp_dir().join(format!("folio-prerender-{}", std::process::id()));
        let _ = fs::remove_dir_all(&site);
        fs::create_dir_all(site.join("content/articles")).unwrap();
        fs::write(
            site.join("index.html"),
            "<html><head><base href=\"/\" /><title>Folio</title></head>\
             <body data-folio-app></body></html>",
        )
        .unwrap();
        let cases = crate::hostile::cases().unwrap();
        for case in &cases {
            fs::write(
                site.join("content/articles")
                    .join(format!("{}.json", case.name)),
                &case.input,
            )
            .unwrap();
        }
        let written = run(&Options {
            site: site.clone(),
            content: None,
            site_url: "https://news.example.org/".into(),
        })
        .unwrap();
        let shown = cases
            .iter()
            .filter(|case| case.expect["shows"] == "article")
            .count();
        assert_eq!(written.len(), shown, "every readable case has a page");
        for id in &written {
            let html =
                fs::read_to_string(site.join("articles").join(id.as_str()).join("index.html"))
                    .unwrap();
            let (head, body) = html.split_once("<div id=\"folio-prerendered\">").unwrap();
            let body = body.split("</body>").next().unwrap();
            // Text cannot hold a `<` or a `"` unescaped, so every `<` opens one of our
            // elements, and its attributes are `name="value"` pairs.
            for tag in body.split('<').skip(1) {
                let tag = tag.split('>').next().unwrap().trim_start_matches('/');
                let (name, mut rest) = tag.split_once(' ').unwrap_or((tag, ""));
                assert!(ALLOWED_ELEMENTS.contains(&name), "{id}: <{name}>");
                while let Some((attribute, after)) = rest.trim_start().split_once('=') {
                    // Valueless attributes (`crossorigin`) stand before the next name.
                    let attribute = attribute.split_whitespace().last().unwrap_or_default();
                    assert!(
                        ALLOWED_ATTRIBUTES.contains(&attribute) || attribute.starts_with("aria-"),
                        "{id}: {attribute} on <{name}>"
                    );
                    let value_and_rest = after.strip_prefix('"').unwrap();
                    rest = value_and_rest.split_once('"').unwrap().1;
                }
            }
            let lower = body.to_ascii_lowercase();
            for part in lower
                .split("href=\"")
                .skip(1)
                .chain(lower.split("src=\"").skip(1))
            {
                let value: String = part
                    .chars()
                    .take_while(|c| *c != '"')
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect();
                for scheme in ["javascript:", "data:", "vbscript:", "//"] {
                    assert!(!value.starts_with(scheme), "{id}: {value}");
                }
            }
            // The only script in the head is the JSON-LD, which cannot be closed early.
            let scripts: Vec<&str> = head.split("<script").skip(1).collect();
            assert_eq!(scripts.len(), 1, "{id}");
            let json_ld = scripts[0]
                .split_once('>')
                .and_then(|(_, rest)| rest.split_once("</script>"))
                .unwrap()
                .0;
            let _: serde_json::Value = serde_json::from_str(json_ld).unwrap();
        }
        fs::remove_dir_all(&site).unwrap();
    }

    const ALLOWED_ELEMENTS: [&str; 31] = [
        "a",
        "article",
        "aside",
        "blockquote",
        "button",
        "code",
        "details",
        "div",
        "em",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "header",
        "hr",
        "img",
        "li",
        "main",
        "ol",
        "p",
        "s",
        "section",
        "span",
        "strong",
        "summary",
        "time",
        "ul",
        "",
    ];
    const ALLOWED_ATTRIBUTES: [&str; 21] = [
        "class",
        "id",
        "href",
        "rel",
        "target",
        "tabindex",
        "elementtiming",
        "data-article-id",
        "lang",
        "dir",
        "datetime",
        "type",
        "src",
        "srcset",
        "sizes",
        "alt",
        "width",
        "height",
        "loading",
        "fetchpriority",
        "decoding",
    ];

    #[test]
    fn markup_in_text_and_attributes_stays_text() {
        assert_eq!(escape_text("<script>&"), "&lt;script&gt;&amp;");
        assert_eq!(
            escape_attribute("\" onload='x'"),
            "&quot; onload=&#39;x&#39;"
        );
    }
}
