//! A saved article web page. The metadata comes from what the page says about itself for
//! search engines and social networks: its JSON-LD `NewsArticle` (or `Article`, `BlogPosting`,
//! `ReportageNewsArticle`), then its Open Graph and `article:` tags, then `<title>`, `<html
//! lang>` and the canonical link. The body is found the way reading modes find it: the element
//! that holds the most paragraph text (with few links in it), without the page's clutter
//! (navigation, share bars, "Advertisement" labels, newsletter boxes, related-story rails,
//! cookie banners, comments), and then read by the one HTML mapper.

use std::path::Path;

use anyhow::{Context, Result};
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use crate::import::html::{self, collapse_white_space};
use crate::import::{Found, FoundBody, FoundImage, Notes};

/// Words in a class or id that mark clutter around (or inside) an article.
const CLUTTER: [&str; 34] = [
    "share",
    "social",
    "newsletter",
    "subscribe",
    "signup",
    "related",
    "recommend",
    "promo",
    "advert",
    "sponsor",
    "cookie",
    "consent",
    "banner",
    "comment",
    "breadcrumb",
    "sidebar",
    "rail",
    "popup",
    "modal",
    "paywall",
    "outbrain",
    "taboola",
    "toolbar",
    "print",
    "menu",
    "nav",
    "footer",
    "masthead",
    "byline",
    "dateline",
    "tags",
    "most-read",
    "trending",
    "skip",
];

/// Labels that stand alone in an ad slot.
const AD_LABELS: [&str; 5] = [
    "advertisement",
    "anzeige",
    "publicité",
    "publicidad",
    "sponsored",
];

pub fn read(bytes: &[u8], file: &Path) -> Result<Found> {
    let text = String::from_utf8_lossy(bytes);
    let document = Html::parse_document(&text);
    let mut found = Found {
        origin: file.display().to_string(),
        ..Found::default()
    };
    let meta = Meta::read(&document);
    let article = json_ld_article(&document);
    let ld = |key: &str| article.as_ref().and_then(|a| a.get(key));
    let ld_text = |key: &str| ld(key).and_then(text_of);

    found.headline = ld_text("headline")
        .or_else(|| meta.property("og:title"))
        .or_else(|| first_text(&document, "title"))
        .unwrap_or_default();
    found.dek = ld_text("description")
        .or_else(|| meta.property("og:description"))
        .or_else(|| meta.property("description"));
    found.section = ld("articleSection")
        .and_then(|s| text_of(s).or_else(|| s.get(0).and_then(text_of)))
        .or_else(|| meta.property("article:section"));
    found.published = ld_text("datePublished").or_else(|| meta.property("article:published_time"));
    found.updated = ld_text("dateModified").or_else(|| meta.property("article:modified_time"));
    found.language = ld_text("inLanguage").or_else(|| {
        let selector = Selector::parse("html").ok()?;
        document
            .select(&selector)
            .next()?
            .attr("lang")
            .map(str::to_string)
    });
    found.authors = match ld("author") {
        Some(author) => people(author),
        None => meta
            .property("author")
            .map(|name| vec![(name, None)])
            .unwrap_or_default(),
    };
    found.tags = match ld("keywords") {
        Some(Value::Array(words)) => words.iter().filter_map(text_of).collect(),
        Some(Value::String(words)) => words.split(',').map(|w| w.trim().to_string()).collect(),
        _ => meta.all_properties("article:tag"),
    };
    let canonical = Selector::parse("link[rel=canonical]")
        .ok()
        .and_then(|s| document.select(&s).next()?.attr("href").map(str::to_string))
        .or_else(|| meta.property("og:url"))
        .or_else(|| ld_text("url"));
    found.base = canonical
        .as_deref()
        .and_then(|url| url::Url::parse(url).ok());
    found.slug = found
        .base
        .as_ref()
        .and_then(|url| {
            url.path_segments()?
                .rfind(|s| !s.is_empty())
                .map(str::to_string)
        })
        .map(|segment| segment.split('.').next().unwrap_or_default().to_string())
        .or_else(|| {
            file.file_stem()
                .and_then(|s| s.to_str())
                .map(str::to_string)
        });
    found.image = ld("image").and_then(image_of).or_else(|| {
        let number = |key: &str| meta.property(key).and_then(|v| v.parse().ok());
        Some(FoundImage {
            src: meta.property("og:image")?,
            alt: meta.property("og:image:alt").unwrap_or_default(),
            width: number("og:image:width"),
            height: number("og:image:height"),
            ..FoundImage::default()
        })
    });

    // The page shows its hero image too, usually with a better description than the metadata.
    if let Some(hero) = found
        .image
        .as_mut()
        .filter(|hero| hero.alt.is_empty() || hero.caption.is_none())
    {
        let wanted = crate::import::resolve_url(found.base.as_ref(), &hero.src);
        let shown = Selector::parse("img[src]").ok().and_then(|selector| {
            document.select(&selector).find(|img| {
                crate::import::resolve_url(found.base.as_ref(), img.attr("src").unwrap_or_default())
                    == wanted
            })
        });
        if let Some(img) = shown {
            if hero.alt.is_empty() {
                hero.alt = img.attr("alt").unwrap_or_default().trim().to_string();
            }
            let caption = img
                .ancestors()
                .filter_map(ElementRef::wrap)
                .find(|e| e.value().name() == "figure")
                .and_then(|figure| {
                    figure
                        .descendent_elements()
                        .find(|e| e.value().name() == "figcaption")
                })
                .map(|caption| collapse_white_space(&caption.text().collect::<String>()))
                .filter(|caption| !caption.is_empty());
            hero.caption = hero.caption.take().or(caption);
        }
    }
    let root = article_element(&document).context("the page has no body")?;
    let headline = found.headline.clone();
    let hero_src = found.image.as_ref().map(|image| image.src.clone());
    let base = found.base.clone();
    let skip = |element: ElementRef<'_>| {
        is_clutter(element, &headline, hero_src.as_deref(), base.as_ref())
    };
    let mut notes = Notes::default();
    let blocks = html::blocks_from_element(
        root,
        &mut html::MapContext {
            base: found.base.as_ref(),
            images: &mut found.image_sizes,
            notes: &mut notes,
            skip: &skip,
        },
    );
    for note in notes.iter() {
        found.notes.add(note.clone());
    }
    found.body = FoundBody::Blocks(blocks);
    Ok(found)
}

/// `<meta property|name=... content=...>`, by either attribute (pages mix them up).
struct Meta(Vec<(String, String)>);

impl Meta {
    fn read(document: &Html) -> Meta {
        let Ok(selector) = Selector::parse("meta[content]") else {
            return Meta(Vec::new());
        };
        Meta(
            document
                .select(&selector)
                .filter_map(|meta| {
                    let key = meta.attr("property").or_else(|| meta.attr("name"))?;
                    Some((
                        key.to_ascii_lowercase(),
                        meta.attr("content")?.trim().to_string(),
                    ))
                })
                .filter(|(_, content)| !content.is_empty())
                .collect(),
        )
    }

    fn property(&self, key: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }

    fn all_properties(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

fn first_text(document: &Html, selector: &str) -> Option<String> {
    let selector = Selector::parse(selector).ok()?;
    let element = document.select(&selector).next()?;
    Some(collapse_white_space(&element.text().collect::<String>())).filter(|t| !t.is_empty())
}

/// The page's JSON-LD article object, looked for in every `application/ld+json` script,
/// in lists and in `@graph`.
fn json_ld_article(document: &Html) -> Option<Value> {
    let selector = Selector::parse("script[type=\"application/ld+json\"]").ok()?;
    let mut candidates = Vec::new();
    for script in document.select(&selector) {
        let Ok(value) = serde_json::from_str::<Value>(&script.text().collect::<String>()) else {
            continue;
        };
        let mut stack = vec![value];
        while let Some(value) = stack.pop() {
            match value {
                Value::Array(items) => stack.extend(items),
                Value::Object(mut object) => {
                    if let Some(graph) = object.remove("@graph") {
                        stack.push(graph);
                    }
                    let types: Vec<String> = match object.get("@type") {
                        Some(Value::String(t)) => vec![t.clone()],
                        Some(Value::Array(ts)) => ts
                            .iter()
                            .filter_map(|t| t.as_str().map(str::to_string))
                            .collect(),
                        _ => Vec::new(),
                    };
                    if types.iter().any(|t| {
                        matches!(
                            t.as_str(),
                            "NewsArticle"
                                | "Article"
                                | "ReportageNewsArticle"
                                | "BlogPosting"
                                | "AnalysisNewsArticle"
                                | "OpinionNewsArticle"
                                | "Report"
                        )
                    }) {
                        candidates.push(Value::Object(object));
                    }
                }
                _ => {}
            }
        }
    }
    candidates.into_iter().next()
}

fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(html::plain_text(text)).filter(|t| !t.is_empty()),
        Value::Object(object) => object.get("name").and_then(text_of),
        _ => None,
    }
}

fn people(value: &Value) -> Vec<(String, Option<String>)> {
    match value {
        Value::Array(items) => items.iter().flat_map(people).collect(),
        Value::String(name) => vec![(name.clone(), None)],
        Value::Object(person) => person
            .get("name")
            .and_then(Value::as_str)
            .map(|name| {
                vec![(
                    name.to_string(),
                    person
                        .get("url")
                        .and_then(Value::as_str)
                        .map(str::to_string),
                )]
            })
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn image_of(value: &Value) -> Option<FoundImage> {
    match value {
        Value::Array(items) => items.iter().find_map(image_of),
        Value::String(src) => Some(FoundImage {
            src: src.clone(),
            ..FoundImage::default()
        }),
        Value::Object(image) => {
            let number = |key: &str| match image.get(key)? {
                Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
                Value::String(s) => s.trim_end_matches("px").parse().ok(),
                _ => None,
            };
            let text = |key: &str| image.get(key).and_then(Value::as_str).map(str::to_string);
            Some(FoundImage {
                src: text("url").or_else(|| text("contentUrl"))?,
                alt: text("description").unwrap_or_default(),
                width: number("width"),
                height: number("height"),
                caption: text("caption"),
                credit: text("creditText").or_else(|| image.get("author").and_then(text_of)),
                ..FoundImage::default()
            })
        }
        _ => None,
    }
}

/// The element that holds the article: `[itemprop=articleBody]` when the page marks it, else
/// the element with the most text in paragraphs once link-heavy text is discounted.
fn article_element(document: &Html) -> Option<ElementRef<'_>> {
    if let Ok(selector) = Selector::parse("[itemprop=articleBody]")
        && let Some(body) = document.select(&selector).next()
    {
        return Some(body);
    }
    let paragraphs = Selector::parse("p").ok()?;
    let mut best: Option<(usize, ElementRef<'_>)> = None;
    let mut scores: std::collections::HashMap<ego_tree::NodeId, (usize, ElementRef<'_>)> =
        std::collections::HashMap::new();
    // Paragraphs in the page's chrome (comments, rails, footers) never make it the article.
    // (`<body class="has-sidebar">` names the page's layout, not chrome around the paragraph.)
    let in_chrome = |p: ElementRef<'_>| {
        p.ancestors()
            .filter_map(ElementRef::wrap)
            .filter(|a| !matches!(a.value().name(), "html" | "body" | "main"))
            .any(is_chrome)
    };
    for p in document.select(&paragraphs).filter(|p| !in_chrome(*p)) {
        let text = collapse_white_space(&p.text().collect::<String>());
        let links: usize = p
            .descendent_elements()
            .filter(|e| e.value().name() == "a")
            .map(|a| a.text().map(str::len).sum::<usize>())
            .sum();
        let score = text.len().saturating_sub(links * 2);
        if score < 25 {
            continue;
        }
        // Credit the paragraph's parent fully and its grandparent by half, as reading modes do.
        let mut ancestors = p.ancestors().filter_map(ElementRef::wrap);
        for share in [score, score / 2] {
            if let Some(ancestor) = ancestors.next() {
                let entry = scores.entry(ancestor.id()).or_insert((0, ancestor));
                entry.0 += share;
            }
        }
    }
    for (score, element) in scores.into_values() {
        if best.is_none_or(|(top, _)| score > top) {
            best = Some((score, element));
        }
    }
    best.map(|(_, element)| element).or_else(|| {
        let body = Selector::parse("body").ok()?;
        document.select(&body).next()
    })
}

/// Whether an element inside the article's element is clutter, or repeats what the metadata
/// already gave (the headline, the hero image).
fn is_clutter(
    element: ElementRef<'_>,
    headline: &str,
    hero: Option<&str>,
    base: Option<&url::Url>,
) -> bool {
    if is_chrome(element) {
        return true;
    }
    let name = element.value().name();
    let text = || collapse_white_space(&element.text().collect::<String>());
    if matches!(name, "h1") && text() == collapse_white_space(headline) {
        return true;
    }
    if let (Some(hero), "img") = (hero, name) {
        let src = element.attr("src").unwrap_or_default();
        if crate::import::resolve_url(base, src) == crate::import::resolve_url(base, hero) {
            return true;
        }
    }
    false
}

/// Whether an element is the page's chrome rather than its article: navigation, ads and their
/// labels, share bars, newsletter boxes, rails, banners, comments, hidden parts.
fn is_chrome(element: ElementRef<'_>) -> bool {
    let value = element.value();
    let name = value.name();
    if matches!(
        name,
        "nav" | "aside" | "footer" | "header" | "form" | "iframe"
    ) {
        return true;
    }
    if value.attr("hidden").is_some() || value.attr("aria-hidden") == Some("true") {
        return true;
    }
    if matches!(
        value.attr("role"),
        Some("navigation" | "complementary" | "banner" | "contentinfo" | "dialog" | "alertdialog")
    ) {
        return true;
    }
    let words: String = value
        .classes()
        .chain(value.id())
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase();
    // `ad`, `ads`, `ad-slot`, `dfp-ad`: the word ad, not "head" or "shadow".
    let ad_word = words
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|word| {
            matches!(
                word,
                "ad" | "ads" | "adslot" | "advert" | "advertisement" | "dfp"
            )
        });
    // As reading modes do: a box that also calls itself the article's body or content is
    // kept ("story-body has-share-tools"), whatever else its names say.
    let content_word = ["article", "body", "content", "main", "story", "column"]
        .iter()
        .any(|word| words.contains(word));
    if ad_word || (!content_word && CLUTTER.iter().any(|word| words.contains(word))) {
        return true;
    }
    if matches!(name, "p" | "div" | "span" | "small") {
        let text = collapse_white_space(&element.text().collect::<String>()).to_lowercase();
        if AD_LABELS.contains(&text.trim_matches(|c: char| !c.is_alphanumeric())) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use folio_model::Block;

    use super::*;

    fn body_text(html: &str) -> Vec<String> {
        let found = read(html.as_bytes(), Path::new("page.html")).unwrap();
        let FoundBody::Blocks(blocks) = found.body else {
            panic!("a page's body is read into blocks");
        };
        blocks
            .iter()
            .map(|block| match block {
                Block::Paragraph(content) => content.plain_text(),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn the_article_is_found_whatever_the_layout_calls_itself() {
        let text = body_text(
            r#"<html><body class="has-sidebar">
            <nav><p>Home, News, Sport, Weather, Culture, Opinion and all the other sections</p></nav>
            <div class="story-body has-share-tools">
              <p>The first paragraph of the story, long enough to count as text.</p>
              <div class="share-bar"><p>Share this story with your friends on every network.</p></div>
              <p>The second paragraph of the story, also long enough to count.</p>
            </div>
            <section class="comments"><p>A comment far longer than both paragraphs of the story
              together, which goes on about the story and about everything else as well, at length,
              and then some more, so that only its place on the page tells it apart.</p></section>
            </body></html>"#,
        );
        assert_eq!(
            text,
            [
                "The first paragraph of the story, long enough to count as text.",
                "The second paragraph of the story, also long enough to count."
            ]
        );
    }
}
