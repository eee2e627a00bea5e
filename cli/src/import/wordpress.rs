//! A saved WordPress REST API answer: `/wp-json/wp/v2/posts?_embed` (a list of posts) or one
//! post. With `_embed`, authors, categories, tags and the featured image come along.

use anyhow::{Result, bail};
use serde_json::Value;

use crate::import::html::plain_text;
use crate::import::{Found, FoundBody, FoundImage, people};

pub fn read(bytes: &[u8], origin: &str) -> Result<Vec<Found>> {
    let value: Value = serde_json::from_slice(bytes).map_err(|error| {
        anyhow::anyhow!(
            "not JSON ({error}): save the API's answer as it comes, e.g. \
             curl 'https://example.org/wp-json/wp/v2/posts?_embed&per_page=100' > posts.json"
        )
    })?;
    let posts = match value {
        Value::Array(posts) => posts,
        Value::Object(ref object)
            if object.contains_key("code") && object.contains_key("message") =>
        {
            bail!(
                "this is a WordPress error answer, not posts: {}",
                object["message"].as_str().unwrap_or_default()
            )
        }
        Value::Object(_) => vec![value],
        _ => bail!("expected a list of posts or one post"),
    };
    Ok(posts
        .iter()
        .enumerate()
        .map(|(n, post)| read_post(post, &format!("{origin}, post {}", n + 1)))
        .collect())
}

/// `title`, `excerpt` and `content` are `{ "rendered": "<html>" }` in the API; a plain string
/// is accepted too.
fn rendered(post: &Value, key: &str) -> Option<String> {
    match post.get(key)? {
        Value::String(text) => Some(text.clone()),
        value => value.get("rendered")?.as_str().map(str::to_string),
    }
}

fn read_post(post: &Value, origin: &str) -> Found {
    let text = |key: &str| post.get(key).and_then(Value::as_str).map(str::to_string);
    let mut found = Found {
        origin: match text("slug") {
            Some(slug) => format!("{origin} ({slug})"),
            None => origin.to_string(),
        },
        slug: text("slug"),
        headline: rendered(post, "title")
            .map(|t| plain_text(&t))
            .unwrap_or_default(),
        dek: rendered(post, "excerpt")
            .map(|excerpt| plain_text(&excerpt))
            .map(|excerpt| {
                excerpt
                    .trim_end_matches("[…]")
                    .trim_end_matches("[&hellip;]")
                    .trim()
                    .to_string()
            }),
        base: text("link").and_then(|link| url::Url::parse(&link).ok()),
        body: rendered(post, "content").map_or(FoundBody::Empty, FoundBody::Html),
        ..Found::default()
    };
    // `date_gmt` is UTC without saying so; `date` is the site's local time.
    found.published = text("date_gmt")
        .map(|date| format!("{date}Z"))
        .or_else(|| text("date"));
    found.updated = text("modified_gmt").map(|date| format!("{date}Z"));
    if let Some(status) = text("status").filter(|s| s != "publish") {
        found.notes.add(format!(
            "its WordPress status is \"{status}\", not published"
        ));
    }

    let embedded = post.get("_embedded");
    match embedded.and_then(|e| e.get("author")) {
        Some(authors) => found.authors = people(authors, "link"),
        None => found
            .notes
            .add("no embedded authors, terms or featured image: save the answer with ?_embed"),
    }
    let terms = embedded
        .and_then(|e| e.get("wp:term"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_array)
        .flatten();
    for term in terms {
        let (Some(taxonomy), Some(name)) = (
            term.get("taxonomy").and_then(Value::as_str),
            term.get("name").and_then(Value::as_str),
        ) else {
            continue;
        };
        let name = plain_text(name);
        match taxonomy {
            "category" if found.section.is_none() && name != "Uncategorized" => {
                found.section = Some(name);
            }
            "category" if name == "Uncategorized" => {}
            _ => found.tags.push(name),
        }
    }
    if let Some(media) = embedded
        .and_then(|e| e.get("wp:featuredmedia"))
        .and_then(|m| m.get(0))
    {
        found.image = featured_image(media, &mut found);
    }
    found
}

/// The featured image with its size and, from `media_details.sizes`, a `srcset`; every size's
/// address becomes a known size, so the same image in the body is sized too.
fn featured_image(media: &Value, found: &mut Found) -> Option<FoundImage> {
    let src = media.get("source_url")?.as_str()?.to_string();
    let details = media.get("media_details");
    let dimension = |value: Option<&Value>, key: &str| {
        value
            .and_then(|v| v.get(key))
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
    };
    let mut candidates = Vec::new();
    if let Some(sizes) = details
        .and_then(|d| d.get("sizes"))
        .and_then(Value::as_object)
    {
        for size in sizes.values() {
            let (Some(url), Some(width), Some(height)) = (
                size.get("source_url").and_then(Value::as_str),
                dimension(Some(size), "width"),
                dimension(Some(size), "height"),
            ) else {
                continue;
            };
            found
                .image_sizes
                .known
                .insert(url.to_string(), (width, height));
            candidates.push((width, format!("{url} {width}w")));
        }
    }
    candidates.sort();
    candidates.dedup_by_key(|(width, _)| *width);
    let (width, height) = (dimension(details, "width"), dimension(details, "height"));
    if let (Some(width), Some(height)) = (width, height) {
        found.image_sizes.known.insert(src.clone(), (width, height));
    }
    Some(FoundImage {
        src,
        alt: media
            .get("alt_text")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        width,
        height,
        srcset: (candidates.len() > 1).then(|| {
            candidates
                .into_iter()
                .map(|(_, c)| c)
                .collect::<Vec<_>>()
                .join(", ")
        }),
        caption: media
            .get("caption")
            .and_then(|c| c.get("rendered"))
            .and_then(Value::as_str)
            .map(plain_text)
            .filter(|c| !c.is_empty()),
        credit: None,
    })
}
