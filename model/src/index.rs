//! The front page's list of articles, `content/index.json`.

use serde_json::Value;

use crate::article::{ArticleId, Image, image, timestamp};
use crate::decode::{Decoder, kind};
use crate::timestamp::Timestamp;

/// `{ "articles": [...] }`, newest first.
#[derive(Clone, Debug, PartialEq)]
pub struct Index {
    pub articles: Vec<IndexEntry>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct IndexEntry {
    pub id: ArticleId,
    pub headline: String,
    pub dek: Option<String>,
    pub section: Option<String>,
    pub published: Timestamp,
    pub image: Option<Image>,
}

pub(crate) fn decode(d: &mut Decoder, value: &Value) -> Option<Index> {
    let Value::Object(object) = value else {
        d.error(format!(
            "the index must be a JSON object, found {}",
            kind(value)
        ));
        return None;
    };
    let articles = d.required(object, "articles", |d, v| d.list(v, entry))?;
    Some(Index { articles })
}

fn entry(d: &mut Decoder, value: &Value) -> Option<IndexEntry> {
    let object = d.object(value)?;
    let id = d.required(object, "id", |d, v| {
        ArticleId::parse(&d.string(v)?).map_err(|e| d.error(e)).ok()
    });
    let headline = d.required(object, "headline", Decoder::text);
    let published = d.required(object, "published", timestamp);
    let dek = d.optional(object, "dek", Decoder::text);
    let section = d.optional(object, "section", Decoder::text);
    let image = d.optional(object, "image", |d, v| {
        let object = d.object(v)?;
        image(d, object)
    });
    Some(IndexEntry {
        id: id?,
        headline: headline?,
        dek,
        section,
        published: published?,
        image,
    })
}
