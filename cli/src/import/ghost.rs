//! A saved Ghost Content API answer: `/ghost/api/content/posts/?include=authors,tags` (or
//! `pages`), or one post.

use anyhow::{Result, bail};
use serde_json::Value;

use crate::import::html::plain_text;
use crate::import::{Found, FoundBody, FoundImage, people};

pub fn read(bytes: &[u8], origin: &str) -> Result<Vec<Found>> {
    let value: Value = serde_json::from_slice(bytes).map_err(|error| {
        anyhow::anyhow!(
            "not JSON ({error}): save the API's answer as it comes, e.g. curl \
             'https://example.org/ghost/api/content/posts/?key=KEY&include=authors,tags&limit=all' \
             > posts.json"
        )
    })?;
    if let Some(errors) = value.get("errors").and_then(Value::as_array) {
        let message = errors
            .first()
            .and_then(|e| e.get("message"))
            .and_then(Value::as_str)
            .unwrap_or_default();
        bail!("this is a Ghost error answer, not posts: {message}");
    }
    let posts = match (value.get("posts"), value.get("pages")) {
        (Some(Value::Array(posts)), _) | (None, Some(Value::Array(posts))) => posts.clone(),
        _ if value.get("html").is_some() || value.get("title").is_some() => vec![value],
        _ => bail!("expected {{\"posts\": [...]}}, as the Content API answers"),
    };
    Ok(posts
        .iter()
        .enumerate()
        .map(|(n, post)| read_post(post, &format!("{origin}, post {}", n + 1)))
        .collect())
}

fn read_post(post: &Value, origin: &str) -> Found {
    let text = |key: &str| {
        post.get(key)
            .and_then(Value::as_str)
            .filter(|t| !t.trim().is_empty())
            .map(str::to_string)
    };
    let mut found = Found {
        origin: match text("slug") {
            Some(slug) => format!("{origin} ({slug})"),
            None => origin.to_string(),
        },
        slug: text("slug"),
        headline: text("title").unwrap_or_default(),
        // `excerpt` is cut from the body by Ghost; only a written one is a standfirst.
        dek: text("custom_excerpt"),
        published: text("published_at"),
        updated: text("updated_at"),
        base: text("url").and_then(|url| url::Url::parse(&url).ok()),
        body: text("html").map_or(FoundBody::Empty, FoundBody::Html),
        ..Found::default()
    };
    let tags: Vec<&Value> = post
        .get("tags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .collect();
    // Internal tags (`#feature`) organise the site; they are not the article's subjects.
    let public_name = |tag: &Value| {
        tag.get("name")
            .and_then(Value::as_str)
            .filter(|name| !name.starts_with('#'))
            .map(str::to_string)
    };
    found.section = post
        .get("primary_tag")
        .and_then(public_name)
        .or_else(|| tags.first().and_then(|tag| public_name(tag)));
    found.tags = tags
        .iter()
        .filter_map(|tag| public_name(tag))
        .filter(|name| Some(name) != found.section.as_ref())
        .collect();
    if let Some(authors) = post.get("authors") {
        found.authors = people(authors, "url");
    }
    if found.authors.is_empty() && post.get("authors").is_none() {
        found
            .notes
            .add("no authors: save the answer with include=authors,tags");
    }
    for key in ["codeinjection_head", "codeinjection_foot"] {
        if text(key).is_some() {
            found
                .notes
                .add(format!("{key} (code injection) was dropped"));
        }
    }
    found.image = text("feature_image").map(|src| FoundImage {
        src,
        alt: text("feature_image_alt").unwrap_or_default(),
        caption: text("feature_image_caption").map(|caption| plain_text(&caption)),
        ..FoundImage::default()
    });
    found
}
