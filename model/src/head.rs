//! What an article page says about itself in `<head>`: title, description, canonical URL, Open
//! Graph and Twitter card tags, and JSON-LD `NewsArticle`. One description serves the viewer
//! (`ArticleHead`) and the prerendered entry pages, so the two never disagree.

use serde_json::{Map, Value, json};

use crate::article::{Article, Block, LiveUpdate};
use crate::href::Href;

/// Where the page is and what its site is called: the facts the article does not carry.
pub struct PageContext<'a> {
    pub site_name: &'a str,
    /// The article page's absolute URL.
    pub canonical: &'a str,
    /// Makes a content URL (an image, an author's page) absolute.
    pub absolute: &'a dyn Fn(&str) -> String,
}

/// A `<meta>` tag: `name="…"` (description, Twitter) or `property="…"` (Open Graph).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetaTag {
    pub attribute: MetaAttribute,
    pub key: &'static str,
    pub content: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MetaAttribute {
    Name,
    Property,
}

impl MetaAttribute {
    pub fn as_str(self) -> &'static str {
        match self {
            MetaAttribute::Name => "name",
            MetaAttribute::Property => "property",
        }
    }
}

/// Everything an article page puts in `<head>` besides the title (which is the headline).
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleHead {
    pub canonical: String,
    pub meta: Vec<MetaTag>,
    /// JSON-LD, safe to put between `<script type="application/ld+json">` and `</script>`.
    pub json_ld: String,
}

pub fn article_head(article: &Article, page: &PageContext<'_>) -> ArticleHead {
    let image = article
        .image
        .as_ref()
        .and_then(|figure| figure.image.as_ref());
    let image_url = image.map(|image| (page.absolute)(&image.src));
    let modified = article.distinct_update().unwrap_or(&article.published);

    let mut meta = Vec::new();
    let mut push = |attribute, key, content: &str| {
        meta.push(MetaTag {
            attribute,
            key,
            content: content.to_string(),
        });
    };
    use MetaAttribute::{Name, Property};
    if let Some(dek) = &article.dek {
        push(Name, "description", dek);
    }
    push(Property, "og:type", "article");
    push(Property, "og:title", &article.headline);
    if let Some(dek) = &article.dek {
        push(Property, "og:description", dek);
    }
    push(Property, "og:url", page.canonical);
    push(Property, "og:site_name", page.site_name);
    if let (Some(url), Some(image)) = (&image_url, image) {
        push(Property, "og:image", url);
        if !image.alt.is_empty() {
            push(Property, "og:image:alt", &image.alt);
        }
    }
    push(
        Property,
        "article:published_time",
        article.published.as_str(),
    );
    if let Some(updated) = article.distinct_update() {
        push(Property, "article:modified_time", updated.as_str());
    }
    if let Some(section) = &article.section {
        push(Property, "article:section", section);
    }
    for tag in &article.tags {
        push(Property, "article:tag", tag);
    }
    let card = if image_url.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    push(Name, "twitter:card", card);
    push(Name, "twitter:title", &article.headline);
    if let Some(dek) = &article.dek {
        push(Name, "twitter:description", dek);
    }
    if let Some(url) = &image_url {
        push(Name, "twitter:image", url);
    }

    let authors: Vec<Value> = article
        .authors
        .iter()
        .map(|author| {
            let mut person = Map::new();
            person.insert("@type".into(), "Person".into());
            person.insert("name".into(), author.name.clone().into());
            if let Some(Href::Url(url)) = &author.url {
                person.insert("url".into(), (page.absolute)(url).into());
            }
            Value::Object(person)
        })
        .collect();
    let mut json_ld = Map::new();
    let mut field = |key: &str, value: Value| {
        json_ld.insert(key.into(), value);
    };
    field("@context", "https://schema.org".into());
    // Live coverage is a `LiveBlogPosting` (a kind of `NewsArticle` for search engines'
    // purposes): its updates, each with its own address, and when the coverage ran.
    field(
        "@type",
        if article.live.is_some() {
            "LiveBlogPosting"
        } else {
            "NewsArticle"
        }
        .into(),
    );
    field("headline", article.headline.clone().into());
    field("datePublished", article.published.as_str().into());
    field("dateModified", modified.as_str().into());
    field("author", authors.into());
    field(
        "publisher",
        json!({ "@type": "Organization", "name": page.site_name }),
    );
    field("mainEntityOfPage", page.canonical.into());
    field("url", page.canonical.into());
    let mut optional = |key: &str, value: Option<Value>| {
        if let Some(value) = value {
            field(key, value);
        }
    };
    optional("description", article.dek.clone().map(Value::String));
    optional("image", image_url.map(|url| json!([url])));
    optional("articleSection", article.section.clone().map(Value::String));
    optional(
        "keywords",
        (!article.tags.is_empty()).then(|| json!(article.tags)),
    );
    optional(
        "correction",
        (!article.corrections.is_empty()).then(|| {
            article
                .corrections
                .iter()
                .map(|correction| {
                    json!({
                        "@type": "CorrectionComment",
                        "text": correction.text,
                        "datePublished": correction.date.as_str(),
                    })
                })
                .collect()
        }),
    );
    if let Some(live) = &article.live {
        optional("coverageStartTime", Some(article.published.as_str().into()));
        optional(
            "coverageEndTime",
            live.ended.then(|| modified.as_str().into()),
        );
        let updates = live
            .updates
            .iter()
            .map(|update| live_blog_update(update, page.canonical));
        optional("liveBlogUpdate", Some(updates.collect()));
    }
    optional(
        "inLanguage",
        article
            .language
            .as_ref()
            .map(|language| Value::String(language.tag.clone())),
    );

    ArticleHead {
        canonical: page.canonical.to_string(),
        meta,
        json_ld: script_safe(&Value::Object(json_ld).to_string()),
    }
}

/// One update as schema.org's `BlogPosting`: its address on the page, its time, its headline
/// (or, without one, the start of its text, as search engines want one) and its text.
fn live_blog_update(update: &LiveUpdate, canonical: &str) -> Value {
    let text: Vec<String> = update
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Paragraph(content) | Block::Heading { content, .. } => {
                Some(content.plain_text())
            }
            Block::Quote { content, .. } | Block::Pullquote(content) => Some(content.plain_text()),
            _ => None,
        })
        .collect();
    let text = text.join("\n\n");
    let headline = update.headline.clone().unwrap_or_else(|| {
        // Search engines cut headlines at 110 characters.
        const HEADLINE_CHARS: usize = 110;
        if text.chars().count() <= HEADLINE_CHARS {
            return text.clone();
        }
        let mut start: String = text.chars().take(HEADLINE_CHARS - 1).collect();
        start.push('…');
        start
    });
    json!({
        "@type": "BlogPosting",
        "headline": headline,
        "datePublished": update.time.as_str(),
        "url": format!("{canonical}#{}", update.anchor()),
        "articleBody": text,
    })
}

/// JSON that cannot end its `<script>` element or open a comment in it: every `<` escaped.
/// (JSON strings may spell any character as `\u` + hex, so the data is unchanged.)
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article() -> Article {
        let json = br#"{"version": 1, "id": "a", "headline": "</script><b>H",
            "dek": "D", "section": "Local", "tags": ["x", "y"], "language": "fr",
            "authors": [{"name": "N", "url": "https://n.example/"}],
            "published": "2026-11-28T09:00:00Z", "updated": "2026-11-28T10:00:00Z",
            "image": {"src": "content/images/a.svg", "alt": "Alt", "width": 4, "height": 3},
            "body": []}"#;
        crate::decode_article(json, None, &Default::default())
            .unwrap()
            .value
    }

    #[test]
    fn json_ld_describes_the_article_and_cannot_close_its_script() {
        let absolute = |url: &str| {
            if url.starts_with("https:") {
                url.to_string()
            } else {
                format!("https://news.example/{url}")
            }
        };
        let head = article_head(
            &article(),
            &PageContext {
                site_name: "News",
                canonical: "https://news.example/articles/a",
                absolute: &absolute,
            },
        );
        assert!(!head.json_ld.contains('<'));
        let ld: Value = serde_json::from_str(&head.json_ld).unwrap();
        assert_eq!(ld["@type"], "NewsArticle");
        assert_eq!(ld["headline"], "</script><b>H");
        assert_eq!(ld["image"][0], "https://news.example/content/images/a.svg");
        assert_eq!(ld["dateModified"], "2026-11-28T10:00:00Z");
        assert_eq!(ld["author"][0]["url"], "https://n.example/");
        assert_eq!(ld["keywords"], json!(["x", "y"]));
        assert_eq!(ld["inLanguage"], "fr");
        let tag = |key: &str| {
            head.meta
                .iter()
                .filter(|tag| tag.key == key)
                .map(|tag| tag.content.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(tag("description"), ["D"]);
        assert_eq!(tag("article:tag"), ["x", "y"]);
        assert_eq!(tag("twitter:card"), ["summary_large_image"]);
        assert_eq!(tag("og:url"), ["https://news.example/articles/a"]);
    }

    #[test]
    fn corrections_are_in_the_json_ld_and_move_its_date() {
        let mut article = article();
        article.corrections = vec![crate::Correction {
            date: crate::Timestamp::parse("2026-11-29T08:00:00Z").unwrap(),
            text: "An earlier version misspelt the mill's name.".into(),
        }];
        let absolute = |url: &str| url.to_string();
        let page = PageContext {
            site_name: "News",
            canonical: "https://news.example/articles/a",
            absolute: &absolute,
        };
        let ld: Value = serde_json::from_str(&article_head(&article, &page).json_ld).unwrap();
        assert_eq!(
            ld["correction"],
            json!([{
                "@type": "CorrectionComment",
                "text": "An earlier version misspelt the mill's name.",
                "datePublished": "2026-11-29T08:00:00Z",
            }])
        );
        assert_eq!(ld["dateModified"], "2026-11-29T08:00:00Z");
    }
}
