//! RSS 2.0, Atom and JSON Feed, read by `feed-rs`: one article per item.

use anyhow::{Context, Result};
use chrono::SecondsFormat;
use feed_rs::model::{Entry, Feed, Text};

use crate::import::html::{collapse_white_space, plain_text};
use crate::import::{Found, FoundBody, FoundImage};

pub fn read(bytes: &[u8], origin: &str) -> Result<Vec<Found>> {
    let feed =
        feed_rs::parser::parse(bytes).context("not an RSS 2.0, Atom or JSON Feed document")?;
    Ok(feed
        .entries
        .iter()
        .enumerate()
        .map(|(n, entry)| read_entry(&feed, entry, &format!("{origin}, item {}", n + 1)))
        .collect())
}

fn text(text: &Text) -> String {
    if text.content_type.to_string().contains("html") {
        plain_text(&text.content)
    } else {
        collapse_white_space(&text.content)
    }
}

fn read_entry(feed: &Feed, entry: &Entry, origin: &str) -> Found {
    let link = entry
        .links
        .iter()
        .find(|link| link.rel.as_deref().is_none_or(|rel| rel == "alternate"))
        .map(|link| link.href.clone());
    // The item's address names it best: `.../2026/11/harbour-road.html` → `harbour-road`.
    let slug = link
        .as_deref()
        .and_then(|link| url::Url::parse(link).ok())
        .and_then(|url| {
            url.path_segments()?
                .rfind(|segment| !segment.is_empty())
                .map(|segment| segment.split('.').next().unwrap_or(segment).to_string())
        });
    let headline = entry.title.as_ref().map(text).unwrap_or_default();
    let mut found = Found {
        origin: format!(
            "{origin} ({})",
            if headline.is_empty() {
                &entry.id
            } else {
                &headline
            }
        ),
        slug,
        headline,
        published: entry
            .published
            .or(entry.updated)
            .map(|date| date.to_rfc3339_opts(SecondsFormat::Secs, true)),
        updated: entry
            .updated
            .filter(|_| entry.published.is_some())
            .map(|date| date.to_rfc3339_opts(SecondsFormat::Secs, true)),
        language: entry.language.clone().or_else(|| feed.language.clone()),
        base: link.as_deref().and_then(|link| url::Url::parse(link).ok()),
        ..Found::default()
    };
    let people = if entry.authors.is_empty() {
        &feed.authors
    } else {
        &entry.authors
    };
    found.authors = people
        .iter()
        .map(|person| (person.name.clone(), person.uri.clone()))
        .collect();
    found.tags = entry
        .categories
        .iter()
        .map(|category| {
            category
                .label
                .clone()
                .unwrap_or_else(|| category.term.clone())
        })
        .collect();
    let summary = entry
        .summary
        .as_ref()
        .map(|summary| summary.content.clone());
    match entry
        .content
        .as_ref()
        .and_then(|content| content.body.clone())
    {
        Some(body) => {
            found.body = FoundBody::Html(body);
            found.dek = entry.summary.as_ref().map(text);
        }
        None => {
            // A feed of summaries: the summary is all there is; say so, and link to the rest.
            let mut body = summary.unwrap_or_default();
            if let Some(link) = &link {
                let escaped = link
                    .replace('&', "&amp;")
                    .replace('"', "&quot;")
                    .replace('<', "&lt;");
                body.push_str(&format!(
                    "<p><a href=\"{escaped}\">Read the full article</a></p>"
                ));
                found.notes.add(
                    "the feed carries only a summary: the body is the summary and a link to the full article",
                );
            } else {
                found
                    .notes
                    .add("the feed carries only a summary: the body is the summary");
            }
            found.body = FoundBody::Html(body);
        }
    }
    found.image = entry.media.iter().find_map(|media| {
        let thumbnail = media.thumbnails.first().map(|thumbnail| FoundImage {
            src: thumbnail.image.uri.clone(),
            width: thumbnail.image.width,
            height: thumbnail.image.height,
            ..FoundImage::default()
        });
        let content = media.content.iter().find_map(|content| {
            let is_image = content
                .content_type
                .as_ref()
                .is_none_or(|t| t.to_string().starts_with("image/"));
            Some(FoundImage {
                src: content.url.as_ref().filter(|_| is_image)?.to_string(),
                width: content.width,
                height: content.height,
                ..FoundImage::default()
            })
        });
        let mut image = content.or(thumbnail)?;
        image.alt = media.title.as_ref().map(text).unwrap_or_default();
        image.caption = media.description.as_ref().map(text);
        image.credit = media.credits.first().map(|credit| credit.entity.clone());
        Some(image)
    });
    found
}
