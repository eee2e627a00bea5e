//! A listing page's document: `content/index.json` (the front page's first page), its numbered
//! pages, and the pages of each section, tag and author (see [`crate::Listing`]). A document
//! without page links is a whole listing on one page, as every index was before listings had
//! pages.

use serde_json::Value;

use crate::article::{ArticleId, Image, image, timestamp};
use crate::decode::{Decoder, kind};
use crate::timestamp::Timestamp;

/// `{ "articles": [...], "title"?, "page"?, "older"?, "newer"? }`, newest first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Index {
    pub articles: Vec<IndexEntry>,
    /// The section's, tag's or author's name as the articles spell it; none on the front page.
    pub title: Option<String>,
    /// This page's number, counted from the oldest; none on a listing's first page.
    pub page: Option<u32>,
    /// The next older page's number, if there is one.
    pub older: Option<u32>,
    /// The next newer page's number. On a numbered page, none means the first page is next.
    pub newer: Option<u32>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct IndexEntry {
    pub id: ArticleId,
    pub headline: String,
    pub dek: Option<String>,
    pub section: Option<String>,
    pub published: Timestamp,
    pub updated: Option<Timestamp>,
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
    let title = d.optional(object, "title", Decoder::text);
    let page_number = |d: &mut Decoder, v: &Value| {
        d.whole_number(v, 1..=u64::from(u32::MAX))
            .and_then(|n| u32::try_from(n).ok())
    };
    let page = d.optional(object, "page", page_number);
    let older = d.optional(object, "older", page_number);
    let newer = d.optional(object, "newer", page_number);
    // Links that lead nowhere or in circles are dropped: a reader would page forever.
    let older = older.filter(|&older| match page {
        Some(page) if older >= page => {
            d.at_key("older", |d| {
                d.error(format!("{older} is not older than page {page}"))
            });
            false
        }
        _ => true,
    });
    let newer = newer.filter(|&newer| match page {
        Some(page) if newer <= page => {
            d.at_key("newer", |d| {
                d.error(format!("{newer} is not newer than page {page}"))
            });
            false
        }
        None => {
            d.at_key("newer", |d| {
                d.notice("a listing's first page has no newer page")
            });
            false
        }
        _ => true,
    });
    Some(Index {
        articles,
        title,
        page,
        older,
        newer,
    })
}

fn entry(d: &mut Decoder, value: &Value) -> Option<IndexEntry> {
    let object = d.object(value)?;
    let id = d.required(object, "id", |d, v| {
        ArticleId::parse(d.raw_string(v)?)
            .map_err(|e| d.error(e))
            .ok()
    });
    let headline = d.required(object, "headline", Decoder::text);
    let published = d.required(object, "published", timestamp);
    let updated = d.optional(object, "updated", timestamp);
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
        updated,
        image,
    })
}
