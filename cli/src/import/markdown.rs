//! Markdown files with front matter: YAML between `---` lines or TOML between `+++` lines.
//! The body goes through `pulldown-cmark` (with footnotes, tables and strikethrough) to HTML,
//! and from there through the one HTML mapper. Images beside the file are copied into the
//! content folder.

use std::path::Path;

use anyhow::{Context, Result, bail};
use pulldown_cmark::{Options, Parser};
use serde_json::{Map, Value};

use crate::import::images::LocalImages;
use crate::import::{Found, FoundBody, FoundImage};

/// The front matter keys read, with the other names sources use for them.
const KEYS: [&[&str]; 12] = [
    &["headline", "title"],
    &["dek", "description", "summary", "subtitle"],
    &["section", "category", "categories"],
    &["authors", "author"],
    &["published", "date"],
    &["updated", "lastmod", "modified"],
    &["image", "cover", "hero"],
    &["tags", "keywords"],
    &["related"],
    &["id", "slug"],
    &["language", "lang"],
    &["draft"],
];

pub fn read(bytes: &[u8], file: &Path) -> Result<Found> {
    let text = std::str::from_utf8(bytes).context("not UTF-8 text")?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (front, body) = split_front_matter(text)?;
    let mut found = Found {
        origin: file.display().to_string(),
        ..Found::default()
    };
    let get = |names: &[&str]| names.iter().find_map(|name| front.get(*name));
    let string = |value: Option<&Value>| match value? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => items.first().and_then(|v| v.as_str()).map(str::to_string),
        _ => None,
    };
    let list = |value: Option<&Value>| -> Vec<Value> {
        match value {
            Some(Value::Array(items)) => items.clone(),
            Some(Value::String(s)) => s
                .split(',')
                .map(|part| Value::String(part.trim().to_string()))
                .collect(),
            Some(other) => vec![other.clone()],
            None => Vec::new(),
        }
    };
    for key in front.keys() {
        if !KEYS.iter().any(|names| names.contains(&key.as_str())) {
            found
                .notes
                .add(format!("front matter key \"{key}\" is not used"));
        }
    }
    let mut body = body.to_string();
    found.headline = match string(get(KEYS[0])) {
        Some(headline) => headline,
        // No title in the front matter: a first `# Heading` is the headline.
        None => match body.trim_start().strip_prefix("# ") {
            Some(rest) => {
                let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
                let headline = line.trim().to_string();
                body = after.to_string();
                headline
            }
            None => String::new(),
        },
    };
    found.dek = string(get(KEYS[1]));
    found.section = string(get(KEYS[2]));
    found.authors = list(get(KEYS[3]))
        .into_iter()
        .filter_map(|author| match author {
            Value::String(name) => Some((name, None)),
            Value::Object(author) => Some((
                author.get("name")?.as_str()?.to_string(),
                author
                    .get("url")
                    .and_then(Value::as_str)
                    .map(str::to_string),
            )),
            _ => None,
        })
        .collect();
    found.published = string(get(KEYS[4]));
    found.updated = string(get(KEYS[5]));
    found.image = match get(KEYS[6]) {
        Some(Value::String(src)) => Some(FoundImage {
            src: src.clone(),
            ..FoundImage::default()
        }),
        Some(Value::Object(image)) => {
            let text = |key: &str| image.get(key).and_then(Value::as_str).map(str::to_string);
            let number = |key: &str| {
                image
                    .get(key)
                    .and_then(Value::as_u64)
                    .and_then(|n| u32::try_from(n).ok())
            };
            text("src").map(|src| FoundImage {
                src,
                alt: text("alt").unwrap_or_default(),
                width: number("width"),
                height: number("height"),
                srcset: text("srcset"),
                caption: text("caption"),
                credit: text("credit"),
            })
        }
        _ => None,
    };
    found.tags = list(get(KEYS[7]))
        .into_iter()
        .filter_map(|tag| tag.as_str().map(str::to_string))
        .collect();
    found.related = list(get(KEYS[8]))
        .into_iter()
        .filter_map(|related| match related {
            // An article id, or an address.
            Value::String(target) if !target.contains('/') && !target.contains(':') => {
                Some((String::new(), format!("/articles/{target}")))
            }
            Value::String(url) => Some((String::new(), url)),
            Value::Object(related) => {
                let text = |key: &str| related.get(key).and_then(Value::as_str);
                let url = text("url")
                    .map(str::to_string)
                    .or_else(|| text("id").map(|id| format!("/articles/{id}")))?;
                Some((text("title").unwrap_or_default().to_string(), url))
            }
            _ => None,
        })
        .collect();
    found.slug = string(get(KEYS[9])).or_else(|| {
        file.file_stem()
            .and_then(|stem| stem.to_str())
            .map(str::to_string)
    });
    found.language = string(get(KEYS[10]));
    if get(KEYS[11]).and_then(Value::as_bool) == Some(true) {
        found.notes.add("the front matter says draft: true");
    }
    found.image_sizes.local = Some(LocalImages {
        dir: file.parent().unwrap_or(Path::new(".")).to_path_buf(),
        target: String::new(),
        copies: Vec::new(),
    });

    let options =
        Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(&body, options));
    found.body = FoundBody::Html(html);
    Ok(found)
}

/// The front matter as JSON values, and the body after it.
fn split_front_matter(text: &str) -> Result<(Map<String, Value>, &str)> {
    let fence = match text.lines().next().map(str::trim_end) {
        Some("---") => "---",
        Some("+++") => "+++",
        _ => return Ok((Map::new(), text)),
    };
    let after_open = text.split_once('\n').map_or("", |(_, rest)| rest);
    let mut offset = 0;
    let mut close = None;
    for line in after_open.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == fence || (fence == "---" && trimmed == "...") {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((end, body_start)) = close else {
        bail!("the front matter opened with {fence} is never closed");
    };
    let source = after_open.get(..end).unwrap_or_default();
    let body = after_open.get(body_start..).unwrap_or_default();
    let value = if fence == "---" {
        let documents = yaml_rust2::YamlLoader::load_from_str(source)
            .map_err(|error| anyhow::anyhow!("the YAML front matter: {error}"))?;
        documents.first().map_or(Value::Null, yaml_to_json)
    } else {
        let table: toml::Table = toml::from_str(source)
            .map_err(|error| anyhow::anyhow!("the TOML front matter: {error}"))?;
        toml_to_json(&toml::Value::Table(table))
    };
    match value {
        Value::Object(map) => Ok((map, body)),
        Value::Null => Ok((Map::new(), body)),
        _ => bail!("the front matter must be a set of keys and values"),
    }
}

fn yaml_to_json(yaml: &yaml_rust2::Yaml) -> Value {
    use yaml_rust2::Yaml;
    match yaml {
        Yaml::Real(text) | Yaml::String(text) => Value::String(text.clone()),
        Yaml::Integer(n) => Value::from(*n),
        Yaml::Boolean(b) => Value::Bool(*b),
        Yaml::Array(items) => Value::Array(items.iter().map(yaml_to_json).collect()),
        Yaml::Hash(hash) => Value::Object(
            hash.iter()
                .filter_map(|(key, value)| {
                    let key = match key {
                        Yaml::String(key) => key.clone(),
                        Yaml::Integer(n) => n.to_string(),
                        _ => return None,
                    };
                    Some((key, yaml_to_json(value)))
                })
                .collect(),
        ),
        _ => Value::Null,
    }
}

fn toml_to_json(toml: &toml::Value) -> Value {
    match toml {
        toml::Value::String(text) => Value::String(text.clone()),
        toml::Value::Integer(n) => Value::from(*n),
        toml::Value::Float(f) => Value::String(f.to_string()),
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(moment) => Value::String(moment.to_string()),
        toml::Value::Array(items) => Value::Array(items.iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Value::Object(
            table
                .iter()
                .map(|(key, value)| (key.clone(), toml_to_json(value)))
                .collect(),
        ),
    }
}
