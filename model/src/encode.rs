//! The model back to format v1 JSON, for the tools that write documents (importers, `folio new`,
//! `folio index`). Writing through the model means a tool can only say what the format can:
//! whatever it writes, [`decode_article`](crate::decode_article) reads back as the same value.

use serde_json::{Map, Value, json};

use crate::FORMAT_VERSION;
use crate::article::{
    Article, Author, Block, Correction, Figure, HeadingLevel, Image, Live, Related, Table,
};
use crate::href::Href;
use crate::index::{Index, IndexEntry};
use crate::inline::{Inline, Run};

/// The article as a format v1 document.
pub fn encode_article(article: &Article) -> Value {
    let mut object = Map::new();
    object.insert("version".into(), json!(FORMAT_VERSION));
    object.insert("id".into(), json!(article.id.as_str()));
    object.insert("headline".into(), json!(article.headline));
    insert_some(&mut object, "dek", article.dek.as_ref().map(|d| json!(d)));
    insert_text(&mut object, "section", article.section.as_deref());
    if !article.authors.is_empty() {
        object.insert(
            "authors".into(),
            article.authors.iter().map(author).collect(),
        );
    }
    object.insert("published".into(), json!(article.published.as_str()));
    insert_some(
        &mut object,
        "updated",
        article.updated.as_ref().map(|u| json!(u.as_str())),
    );
    insert_some(
        &mut object,
        "language",
        article.language.as_ref().map(|l| json!(l.tag)),
    );
    insert_some(&mut object, "image", article.image.as_ref().map(figure));
    if !article.tags.is_empty() {
        object.insert("tags".into(), json!(article.tags));
    }
    if !article.key_points.is_empty() {
        object.insert(
            "keyPoints".into(),
            article.key_points.iter().map(inline).collect(),
        );
    }
    object.insert("body".into(), article.body.iter().map(block).collect());
    if !article.corrections.is_empty() {
        object.insert(
            "corrections".into(),
            article.corrections.iter().map(correction).collect(),
        );
    }
    if !article.related.is_empty() {
        object.insert(
            "related".into(),
            article.related.iter().map(related).collect(),
        );
    }
    if !article.ads {
        object.insert("ads".into(), json!(false));
    }
    insert_some(&mut object, "live", article.live.as_ref().map(live));
    Value::Object(object)
}

fn live(live: &Live) -> Value {
    let mut object = Map::new();
    object.insert(
        "status".into(),
        json!(if live.ended { "ended" } else { "live" }),
    );
    insert_some(
        &mut object,
        "refreshSeconds",
        live.refresh_seconds.map(|s| json!(s)),
    );
    insert_text(&mut object, "pinned", live.pinned.as_deref());
    let updates = live.updates.iter().map(|update| {
        let mut object = Map::new();
        object.insert("id".into(), json!(update.id));
        object.insert("time".into(), json!(update.time.as_str()));
        insert_text(&mut object, "headline", update.headline.as_deref());
        object.insert("body".into(), update.blocks.iter().map(block).collect());
        Value::Object(object)
    });
    object.insert("updates".into(), updates.collect());
    Value::Object(object)
}

/// A listing page's document (`index.json` and the listings' pages).
pub fn encode_index(index: &Index) -> Value {
    let mut object = Map::new();
    insert_some(&mut object, "title", index.title.as_ref().map(|t| json!(t)));
    insert_some(&mut object, "page", index.page.map(|n| json!(n)));
    insert_some(&mut object, "newer", index.newer.map(|n| json!(n)));
    insert_some(&mut object, "older", index.older.map(|n| json!(n)));
    object.insert(
        "articles".into(),
        Value::Array(index.articles.iter().map(index_entry).collect()),
    );
    Value::Object(object)
}

fn index_entry(entry: &IndexEntry) -> Value {
    let mut object = Map::new();
    object.insert("id".into(), json!(entry.id.as_str()));
    object.insert("headline".into(), json!(entry.headline));
    insert_some(&mut object, "dek", entry.dek.as_ref().map(|d| json!(d)));
    insert_text(&mut object, "section", entry.section.as_deref());
    object.insert("published".into(), json!(entry.published.as_str()));
    insert_some(
        &mut object,
        "updated",
        entry.updated.as_ref().map(|t| json!(t.as_str())),
    );
    insert_some(
        &mut object,
        "image",
        entry.image.as_ref().map(|i| Value::Object(image(i))),
    );
    Value::Object(object)
}

/// A text field, when there is one.
fn insert_text(object: &mut Map<String, Value>, key: &str, value: Option<&str>) {
    insert_some(object, key, value.map(|text| json!(text)));
}

fn insert_some(object: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(value) = value {
        object.insert(key.into(), value);
    }
}

fn author(author: &Author) -> Value {
    let mut object = Map::new();
    object.insert("name".into(), json!(author.name));
    insert_some(&mut object, "url", author.url.as_ref().map(href));
    Value::Object(object)
}

fn href(href: &Href) -> Value {
    match href {
        Href::Article(id) => json!(format!("/articles/{id}")),
        Href::Url(url) => json!(url),
    }
}

fn image(image: &Image) -> Map<String, Value> {
    let mut object = Map::new();
    object.insert("src".into(), json!(image.src));
    object.insert("alt".into(), json!(image.alt));
    object.insert("width".into(), json!(image.width));
    object.insert("height".into(), json!(image.height));
    insert_text(&mut object, "srcset", image.srcset.as_deref());
    object
}

fn figure(figure: &Figure) -> Value {
    let mut object = figure.image.as_ref().map(image).unwrap_or_default();
    insert_text(&mut object, "caption", figure.caption.as_deref());
    insert_text(&mut object, "credit", figure.credit.as_deref());
    Value::Object(object)
}

/// Plain text stays a string; anything with marks or links becomes a list of runs.
fn inline(inline: &Inline) -> Value {
    let plain = |run: &Run| run.href.is_none() && run.marks == Default::default();
    match inline.0.as_slice() {
        [run] if plain(run) => json!(run.text),
        runs => runs
            .iter()
            .map(|run| {
                if plain(run) {
                    return json!(run.text);
                }
                let mut object = Map::new();
                object.insert("text".into(), json!(run.text));
                let marks: Vec<&str> = [
                    (run.marks.bold, "bold"),
                    (run.marks.italic, "italic"),
                    (run.marks.code, "code"),
                    (run.marks.strike, "strike"),
                ]
                .into_iter()
                .filter_map(|(on, name)| on.then_some(name))
                .collect();
                if !marks.is_empty() {
                    object.insert("marks".into(), json!(marks));
                }
                insert_some(&mut object, "href", run.href.as_ref().map(href));
                Value::Object(object)
            })
            .collect(),
    }
}

fn block(block: &Block) -> Value {
    match block {
        Block::Paragraph(content) => json!({ "type": "paragraph", "content": inline(content) }),
        Block::Heading { level, content } => {
            let level = match level {
                HeadingLevel::H2 => 2,
                HeadingLevel::H3 => 3,
                HeadingLevel::H4 => 4,
            };
            json!({ "type": "heading", "level": level, "content": inline(content) })
        }
        Block::Quote { content, cite } => {
            let mut object = json!({ "type": "quote", "content": inline(content) });
            if let (Some(cite), Value::Object(object)) = (cite, &mut object) {
                object.insert("cite".into(), json!(cite));
            }
            object
        }
        Block::Pullquote(content) => json!({ "type": "pullquote", "content": inline(content) }),
        Block::Image(image) => {
            let mut object = Map::new();
            object.insert("type".into(), json!("image"));
            if let Value::Object(fields) = figure(image) {
                object.extend(fields);
            }
            Value::Object(object)
        }
        Block::List { ordered, items } => json!({
            "type": "list",
            "ordered": ordered,
            "items": items.iter().map(inline).collect::<Vec<_>>(),
        }),
        Block::Embed { url, title } => {
            let mut object = json!({ "type": "embed", "url": url });
            if let (Some(title), Value::Object(object)) = (title, &mut object) {
                object.insert("title".into(), json!(title));
            }
            object
        }
        Block::Divider => json!({ "type": "divider" }),
        Block::Ad(size) => json!({ "type": "ad", "size": size.to_string() }),
        Block::Table(table_block) => table(table_block),
        Block::Audio(audio) => {
            let mut object = Map::new();
            object.insert("type".into(), json!("audio"));
            object.insert("src".into(), json!(audio.src));
            insert_text(&mut object, "mimeType", audio.mime_type.as_deref());
            object.insert("title".into(), json!(audio.title));
            insert_some(
                &mut object,
                "duration",
                audio.duration_seconds.map(|s| json!(s)),
            );
            insert_text(&mut object, "caption", audio.caption.as_deref());
            insert_text(&mut object, "credit", audio.credit.as_deref());
            Value::Object(object)
        }
        Block::Video(video) => {
            let mut object = Map::new();
            object.insert("type".into(), json!("video"));
            object.insert("src".into(), json!(video.src));
            insert_text(&mut object, "mimeType", video.mime_type.as_deref());
            insert_text(&mut object, "poster", video.poster.as_deref());
            object.insert("width".into(), json!(video.width));
            object.insert("height".into(), json!(video.height));
            if !video.tracks.is_empty() {
                let tracks = video.tracks.iter().map(|track| {
                    let mut object = Map::new();
                    object.insert("src".into(), json!(track.src));
                    object.insert("kind".into(), json!(track.kind));
                    insert_text(&mut object, "language", track.language.as_deref());
                    object.insert("label".into(), json!(track.label));
                    if track.default {
                        object.insert("default".into(), json!(true));
                    }
                    Value::Object(object)
                });
                object.insert("tracks".into(), tracks.collect());
            }
            insert_text(&mut object, "caption", video.caption.as_deref());
            insert_text(&mut object, "credit", video.credit.as_deref());
            Value::Object(object)
        }
        Block::HostedVideo(video) => {
            let mut object = Map::new();
            object.insert("type".into(), json!("hostedVideo"));
            object.insert("player".into(), json!(video.player));
            object.insert("title".into(), json!(video.title));
            insert_text(&mut object, "poster", video.poster.as_deref());
            object.insert("width".into(), json!(video.width));
            object.insert("height".into(), json!(video.height));
            insert_text(&mut object, "caption", video.caption.as_deref());
            insert_text(&mut object, "credit", video.credit.as_deref());
            Value::Object(object)
        }
        Block::Gallery { images, caption } => {
            let mut object = Map::new();
            object.insert("type".into(), json!("gallery"));
            insert_some(&mut object, "caption", caption.as_ref().map(|c| json!(c)));
            object.insert("images".into(), images.iter().map(figure).collect());
            Value::Object(object)
        }
    }
}

fn table(table: &Table) -> Value {
    let row = |cells: &Vec<Inline>| cells.iter().map(inline).collect::<Value>();
    let mut object = Map::new();
    object.insert("type".into(), json!("table"));
    insert_text(&mut object, "caption", table.caption.as_deref());
    insert_some(&mut object, "header", table.header.as_ref().map(row));
    object.insert("rows".into(), table.rows.iter().map(row).collect());
    Value::Object(object)
}

fn correction(correction: &Correction) -> Value {
    json!({ "date": correction.date.as_str(), "text": correction.text })
}

fn related(related: &Related) -> Value {
    let mut object = Map::new();
    object.insert("title".into(), json!(related.title));
    object.insert("url".into(), href(&related.href));
    insert_text(&mut object, "section", related.section.as_deref());
    insert_some(
        &mut object,
        "image",
        related.image.as_ref().map(|i| Value::Object(image(i))),
    );
    insert_some(
        &mut object,
        "published",
        related.published.as_ref().map(|p| json!(p.as_str())),
    );
    Value::Object(object)
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    use super::*;
    use crate::{Limits, decode_article, decode_index};

    /// Every sample reads back as the value it was written from.
    #[test]
    fn samples_round_trip() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/content");
        let mut count = 0;
        for entry in fs::read_dir(content.join("articles")).unwrap() {
            let bytes = fs::read(entry.unwrap().path()).unwrap();
            let article = decode_article(&bytes, None, &Limits::default())
                .unwrap()
                .value;
            let written = serde_json::to_vec(&encode_article(&article)).unwrap();
            let again = decode_article(&written, None, &Limits::default()).unwrap();
            assert_eq!(again.value, article);
            assert!(again.problems.is_empty(), "{:?}", again.problems);
            count += 1;
        }
        assert!(count >= 6);
        let bytes = fs::read(content.join("index.json")).unwrap();
        let index = decode_index(&bytes, &Limits::default()).unwrap().value;
        let written = serde_json::to_vec(&encode_index(&index)).unwrap();
        assert_eq!(
            decode_index(&written, &Limits::default()).unwrap().value,
            index
        );
    }
}
