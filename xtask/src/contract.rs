//! One contract for format v1: the JSON Schemas in `public/schema/` and the decoder must agree
//! on which documents are acceptable. This writes the documents and the decoder's verdicts;
//! `tests/schema/contract.test.mjs` runs the same documents through the schemas (ajv) and fails
//! on any disagreement.
//!
//! The decoder accepts a document when `folio check` would report no error for it (notices and
//! warnings allowed). What no schema can say is left out of the comparison, and so out of the
//! generator: the document's size limit, nesting deeper than 128 levels, a byte-order mark,
//! bytes that are not UTF-8 text, the id against the file name, and a body beyond the
//! configured block limit. The inputs are the samples, the hostile corpus (those of its cases a
//! schema can judge) and a seeded, structure-aware generator: documents built from the format's
//! own fields, each value drawn from valid ones and from the edge cases of its kind.

// The generator indexes its own constant tables with bounded positions; the no-panic rule is
// for code that runs in readers' browsers.
#![allow(
    clippy::indexing_slicing,
    reason = "a native test tool; every index is bounded by its table's length"
)]

use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::Result;
use folio_model::{Limits, Severity};
use serde_json::{Map, Value, json};

use crate::{hostile, project_root};

/// What the documents are, for the decoder and for the schema.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Article,
    Index,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Index => "index",
        }
    }
}

/// Writes `generated` generated documents (half articles, half listing pages) from `seed`, the
/// samples and the usable hostile cases to `out`, one JSON line each:
/// `{"kind", "source", "accepted", "errors", "document"}`. Returns how many it wrote.
pub fn write(out: &Path, generated: usize, seed: u64) -> Result<usize> {
    let mut file = BufWriter::new(fs::File::create(out)?);
    let mut written = 0;
    let mut emit = |kind: Kind, source: &str, document: &Value| -> Result<()> {
        let (accepted, errors) = verdict(kind, document);
        serde_json::to_writer(
            &mut file,
            &json!({
                "kind": kind.name(),
                "source": source,
                "accepted": accepted,
                "errors": errors,
                "document": document,
            }),
        )?;
        file.write_all(b"\n")?;
        written += 1;
        Ok(())
    };

    let root = project_root();
    for entry in fs::read_dir(root.join("public/content/articles"))? {
        let path = entry?.path();
        let document: Value = serde_json::from_slice(&fs::read(&path)?)?;
        emit(Kind::Article, &path.display().to_string(), &document)?;
    }
    emit(
        Kind::Index,
        "public/content/index.json",
        &serde_json::from_slice(&fs::read(root.join("public/content/index.json"))?)?,
    )?;
    let limits = Limits::default();
    for case in hostile::cases()? {
        // Only what a schema can judge: JSON text (UTF-8, no byte-order mark, nested no deeper
        // than the parser's 128 levels) within the size and block limits.
        let usable =
            case.input.len() <= limits.max_bytes && !case.input.starts_with(b"\xEF\xBB\xBF");
        let Some(document) = usable
            .then(|| serde_json::from_slice::<Value>(&case.input).ok())
            .flatten()
        else {
            continue;
        };
        let blocks = document
            .get("body")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        if blocks <= limits.max_blocks {
            emit(Kind::Article, &format!("hostile/{}", case.name), &document)?;
        }
    }
    let mut rng = Rng(seed.max(1));
    for n in 0..generated {
        let kind = if n % 2 == 0 {
            Kind::Article
        } else {
            Kind::Index
        };
        let document = match kind {
            Kind::Article => article(&mut rng),
            Kind::Index => index(&mut rng),
        };
        emit(kind, &format!("generated #{n} (seed {seed})"), &document)?;
    }
    file.flush()?;
    Ok(written)
}

/// Whether the decoder accepts `document` (no error), and its errors.
fn verdict(kind: Kind, document: &Value) -> (bool, Vec<String>) {
    let bytes = serde_json::to_vec(document).unwrap_or_default();
    let limits = Limits::default();
    let problems = match kind {
        Kind::Article => folio_model::decode_article(&bytes, None, &limits).map(|d| d.problems),
        Kind::Index => folio_model::decode_index(&bytes, &limits).map(|d| d.problems),
    }
    .unwrap_or_else(|rejected| rejected.problems);
    let errors: Vec<String> = problems
        .iter()
        .filter(|problem| problem.severity == Severity::Error)
        .map(ToString::to_string)
        .collect();
    (errors.is_empty(), errors)
}

// --- The generator ----------------------------------------------------------------------------
//
// Each field is present most of the time with a valid value, and otherwise absent, null, of
// another type, or one of its kind's edge cases, so that most documents carry one or two
// doubtful values: a disagreement then points at one rule.

/// A field's value: usually `valid`, one time in 33 an edge case from `edges`, one time in a
/// hundred anything.
fn pick(rng: &mut Rng, valid: impl FnOnce(&mut Rng) -> Value, edges: &[Value]) -> Value {
    match rng.below(100) {
        0 => any_value(rng),
        1..=3 if !edges.is_empty() => edges[rng.below(edges.len())].clone(),
        _ => valid(rng),
    }
}

/// Puts `key` in `object` unless the dice say absent (one time in `absent_one_in`).
fn field(
    object: &mut Map<String, Value>,
    rng: &mut Rng,
    key: &str,
    absent_one_in: usize,
    value: impl FnOnce(&mut Rng) -> Value,
) {
    if rng.below(absent_one_in) != 0 {
        let value = value(rng);
        object.insert(key.into(), value);
    }
}

fn any_value(rng: &mut Rng) -> Value {
    match rng.below(8) {
        0 => Value::Null,
        1 => json!(true),
        2 => json!(0),
        3 => json!(-1.5),
        4 => json!([]),
        5 => json!({}),
        6 => json!("x"),
        _ => json!(""),
    }
}

/// Strings with something in them, and the ways a string can look empty or disguised.
const TEXTS: &[&str] = &[
    "The tide mill turns again",
    "Ünïcödé and 漢字 and عربي",
    "<b>markup</b> & entities &amp;",
    "x",
    "\u{200b}",
    "a\u{0}b",
    "a\u{202e}b",
    "a\u{2066}b\u{2069}",
];
const BLANKS: &[&str] = &[
    "",
    " ",
    "\t\n",
    "\u{a0}",
    "\u{3000}",
    "\u{2028}",
    "\u{feff}",
    "\u{85}",
    "\u{1}",
    "\u{1}\u{2}",
    "\u{7f}",
    "\u{180e}",
    "\u{200b}\u{200b}",
    " \u{1} ",
];

fn text(rng: &mut Rng) -> Value {
    let edges: Vec<Value> = BLANKS.iter().map(|s| json!(s)).collect();
    pick(rng, |rng| json!(TEXTS[rng.below(TEXTS.len())]), &edges)
}

/// A string that may be empty (an image's `alt`, a run's `text`).
fn string(rng: &mut Rng) -> Value {
    pick(
        rng,
        |rng| {
            let all: Vec<&str> = TEXTS.iter().chain(BLANKS).copied().collect();
            json!(all[rng.below(all.len())])
        },
        &[json!(1), json!(null)],
    )
}

fn timestamp(rng: &mut Rng) -> Value {
    let valid = [
        "2026-11-28T09:30:00Z",
        "2026-11-28T09:30:00.123456789Z",
        "2026-11-28T09:30:00+05:30",
        "2026-11-28t09:30:00z",
        "2024-02-29T23:59:59-08:00",
        "1970-01-01T00:00:00Z",
    ];
    let edges = [
        "2026-11-28 09:30:00Z",
        "2026-11-28",
        "2026-11-28T09:30Z",
        "2026-13-01T00:00:00Z",
        "2026-02-30T00:00:00Z",
        "2025-02-29T00:00:00Z",
        "2026-11-28T24:00:00Z",
        "2026-11-28T23:59:60Z",
        "2026-11-28T09:30:00",
        "2026-11-28T09:30:00+0530",
        "2026-11-28T09:30:00+24:00",
        "2026-11-28T09:30:00.Z",
        "0000-01-01T00:00:00Z",
        "+2026-11-28T09:30:00Z",
        " 2026-11-28T09:30:00Z",
        "yesterday",
    ];
    let edges: Vec<Value> = edges.iter().map(|s| json!(s)).collect();
    pick(rng, |rng| json!(valid[rng.below(valid.len())]), &edges)
}

fn id(rng: &mut Rng) -> Value {
    let long = "a".repeat(129);
    let longest = "a".repeat(128);
    let edges = [
        json!(""),
        json!("Upper-Case"),
        json!("../etc/passwd"),
        json!("with space"),
        json!("zero\u{200b}width"),
        json!(long),
        json!("ü"),
        json!("under_score"),
        json!("a\u{1}b"),
    ];
    let valid = ["tide-mill", "a", "2026-budget", "---", longest.as_str()];
    pick(rng, |rng| json!(valid[rng.below(valid.len())]), &edges)
}

fn link(rng: &mut Rng) -> Value {
    let valid = [
        "https://example.org/a?b#c",
        "http://example.org",
        "HTTPS://EXAMPLE.ORG",
        "mailto:desk@example.org",
        "/articles/tide-mill",
        "articles/tide-mill",
        "#p-3",
        "?page=2",
        "../up",
        "",
    ];
    let edges = [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "\u{1}javascript:alert(1)",
        "java\tscript:alert(1)",
        "//evil.example/x",
        "\\\\evil.example/x",
        "/\\evil.example",
        "data:text/html,x",
        "vbscript:x",
        "ftp://example.org/x",
        "tel:+441234",
        "https:no-slashes",
        "mailto:",
        "x:y",
        "a+b:c",
        "http//missing-colon",
        " https://example.org",
        "\u{a0}https://example.org",
    ];
    let edges: Vec<Value> = edges.iter().map(|s| json!(s)).collect();
    pick(rng, |rng| json!(valid[rng.below(valid.len())]), &edges)
}

/// A link that must be media (no `mailto:`).
fn media_url(rng: &mut Rng) -> Value {
    if rng.below(8) == 0 {
        json!("mailto:desk@example.org")
    } else {
        link(rng)
    }
}

fn dimension(rng: &mut Rng) -> Value {
    let edges = [
        json!(0),
        json!(-1),
        json!(20001),
        json!(1.5),
        json!("640"),
        json!(1e3),
        json!(20000.0),
    ];
    pick(
        rng,
        |rng| json!([1, 640, 1200, 20000][rng.below(4)]),
        &edges,
    )
}

fn image(rng: &mut Rng, figure: bool) -> Value {
    let mut object = Map::new();
    field(&mut object, rng, "src", 20, media_url);
    field(&mut object, rng, "alt", 20, string);
    field(&mut object, rng, "width", 20, dimension);
    field(&mut object, rng, "height", 20, dimension);
    field(&mut object, rng, "srcset", 3, |rng| {
        let srcsets = [
            "a-480.jpg 480w, a-960.jpg 960w",
            "",
            "javascript:x 1x",
            "a.jpg",
        ];
        pick(
            rng,
            |rng| json!(srcsets[rng.below(srcsets.len())]),
            &[json!(1)],
        )
    });
    if figure {
        field(&mut object, rng, "caption", 2, text);
        field(&mut object, rng, "credit", 2, text);
    }
    pick(rng, |_| Value::Object(object), &[json!("a.jpg"), json!([])])
}

fn inline(rng: &mut Rng) -> Value {
    if rng.below(2) == 0 {
        return string(rng);
    }
    let runs = (0..rng.below(4))
        .map(|_| {
            if rng.below(3) == 0 {
                string(rng)
            } else {
                let mut run = Map::new();
                field(&mut run, rng, "text", 15, string);
                field(&mut run, rng, "marks", 2, |rng| {
                    let marks = ["bold", "italic", "code", "strike", "highlight", ""];
                    let list: Vec<Value> = (0..rng.below(3))
                        .map(|_| pick(rng, |rng| json!(marks[rng.below(marks.len())]), &[json!(1)]))
                        .collect();
                    pick(rng, |_| Value::Array(list), &[json!("bold")])
                });
                field(&mut run, rng, "href", 3, link);
                pick(rng, |_| Value::Object(run), &[json!(7)])
            }
        })
        .collect();
    pick(
        rng,
        |_| Value::Array(runs),
        &[json!({ "text": "x" }), json!(null)],
    )
}

const BLOCK_TYPES: &[&str] = &[
    "paragraph",
    "heading",
    "quote",
    "pullquote",
    "image",
    "list",
    "embed",
    "divider",
    "ad",
    "table",
    "gallery",
    "audio",
    "video",
    "hostedVideo",
    "Paragraph",
    "",
];

fn block(rng: &mut Rng) -> Value {
    let kind = BLOCK_TYPES[rng.below(BLOCK_TYPES.len())];
    let mut object = match kind {
        "image" => match image(rng, true) {
            Value::Object(object) => object,
            _ => Map::new(),
        },
        _ => Map::new(),
    };
    field(&mut object, rng, "type", 25, |rng| {
        pick(rng, |_| json!(kind), &[json!(1)])
    });
    match kind {
        "paragraph" | "pullquote" => field(&mut object, rng, "content", 15, inline),
        "heading" => {
            field(&mut object, rng, "content", 15, inline);
            let levels = [json!(1), json!(5), json!("2"), json!(2.5), json!(0)];
            field(&mut object, rng, "level", 15, |rng| {
                pick(rng, |rng| json!(2 + rng.below(3)), &levels)
            });
        }
        "quote" => {
            field(&mut object, rng, "content", 15, inline);
            field(&mut object, rng, "cite", 2, text);
        }
        "list" => {
            let items: Vec<Value> = (0..rng.below(4)).map(|_| inline(rng)).collect();
            field(&mut object, rng, "items", 15, |rng| {
                pick(rng, |_| Value::Array(items), &[json!("x")])
            });
            field(&mut object, rng, "ordered", 2, |rng| {
                pick(rng, |rng| json!(rng.below(2) == 0), &[json!("yes")])
            });
        }
        "embed" => {
            field(&mut object, rng, "url", 15, link);
            field(&mut object, rng, "title", 2, text);
        }
        "ad" => {
            let sizes = [
                "300x250", "728x90", "970x250", "320x50", "300x600", "160x600", "fluid",
            ];
            let edges = [json!("300X250"), json!("1x1"), json!(""), json!(300)];
            field(&mut object, rng, "size", 2, |rng| {
                pick(rng, |rng| json!(sizes[rng.below(sizes.len())]), &edges)
            });
        }
        "table" => {
            field(&mut object, rng, "caption", 2, text);
            field(&mut object, rng, "header", 3, table_row);
            field(&mut object, rng, "rows", 15, |rng| {
                let rows: Vec<Value> = (0..1 + rng.below(3)).map(|_| table_row(rng)).collect();
                pick(
                    rng,
                    |_| Value::Array(rows),
                    &[json!([]), Value::Array(vec![json!(["x"]); 1001])],
                )
            });
        }
        "audio" => {
            field(&mut object, rng, "src", 15, media_url);
            field(&mut object, rng, "mimeType", 2, |rng| {
                mime_type(rng, "audio")
            });
            field(&mut object, rng, "title", 15, text);
            let edges = [json!(0), json!(86_401), json!("3:05"), json!(2.5)];
            field(&mut object, rng, "duration", 2, |rng| {
                pick(rng, |rng| json!(1 + rng.below(4000)), &edges)
            });
            field(&mut object, rng, "caption", 2, text);
            field(&mut object, rng, "credit", 2, text);
        }
        "video" => {
            field(&mut object, rng, "src", 15, media_url);
            field(&mut object, rng, "mimeType", 2, |rng| {
                mime_type(rng, "video")
            });
            field(&mut object, rng, "poster", 2, media_url);
            field(&mut object, rng, "width", 15, dimension);
            field(&mut object, rng, "height", 15, dimension);
            // A track is where its video is (the decoder's rule, which no schema can state).
            let beside = match object.get("src") {
                Some(Value::String(src)) => match src.split_once("://") {
                    Some((scheme, rest)) => {
                        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
                        format!("{scheme}://{host}/captions.vtt")
                    }
                    None => format!("{src}.vtt"),
                },
                _ => "captions.vtt".to_string(),
            };
            field(&mut object, rng, "tracks", 3, |rng| {
                list_of(rng, 2, |rng| track(rng, &beside))
            });
            field(&mut object, rng, "caption", 2, text);
        }
        "hostedVideo" => {
            field(&mut object, rng, "player", 15, link);
            field(&mut object, rng, "title", 15, text);
            field(&mut object, rng, "poster", 2, media_url);
            field(&mut object, rng, "width", 15, dimension);
            field(&mut object, rng, "height", 15, dimension);
            field(&mut object, rng, "caption", 2, text);
            field(&mut object, rng, "credit", 2, text);
        }
        "gallery" => {
            field(&mut object, rng, "caption", 2, text);
            field(&mut object, rng, "images", 15, |rng| {
                let images: Vec<Value> = (0..rng.below(4)).map(|_| image(rng, true)).collect();
                let many = Value::Array(vec![
                    json!({ "src": "a.jpg", "alt": "", "width": 1, "height": 1 });
                    101
                ]);
                pick(rng, |_| Value::Array(images), &[many, json!("a.jpg")])
            });
        }
        _ => {}
    }
    if rng.below(10) == 0 {
        object.insert("future".into(), any_value(rng));
    }
    pick(
        rng,
        |_| Value::Object(object),
        &[json!("paragraph"), json!(null)],
    )
}

/// A MIME type for a file of `family` (`audio` or `video`), or one that is not.
fn mime_type(rng: &mut Rng, family: &str) -> Value {
    let valid = [
        format!("{family}/mp4"),
        format!("{family}/webm; codecs=\"opus\""),
        format!(" {family}/x-matroska "),
    ];
    let edges = [
        json!(family),
        json!(format!("{family}/")),
        json!("text/html"),
        json!(format!("{}/mp4", family.to_uppercase())),
        json!(4),
    ];
    pick(rng, |rng| json!(valid[rng.below(valid.len())]), &edges)
}

fn track(rng: &mut Rng, src: &str) -> Value {
    let mut object = Map::new();
    field(&mut object, rng, "src", 20, |rng| {
        pick(rng, |_| json!(src), &[json!("javascript:x"), json!(7)])
    });
    let kinds = ["captions", "subtitles", "descriptions", "chapters"];
    field(&mut object, rng, "kind", 2, |rng| {
        pick(
            rng,
            |rng| json!(kinds[rng.below(kinds.len())]),
            &[json!("metadata"), json!("")],
        )
    });
    field(&mut object, rng, "language", 2, |rng| {
        pick(rng, |_| json!("en-GB"), &[json!("en_GB"), json!("")])
    });
    field(&mut object, rng, "label", 20, text);
    field(&mut object, rng, "default", 2, |rng| {
        pick(rng, |rng| json!(rng.below(2) == 0), &[json!("yes")])
    });
    pick(rng, |_| Value::Object(object), &[json!("captions.vtt")])
}

/// A table's row: a few cells, or one too many.
fn table_row(rng: &mut Rng) -> Value {
    let cells: Vec<Value> = (0..rng.below(4)).map(|_| inline(rng)).collect();
    pick(
        rng,
        |_| Value::Array(cells),
        &[Value::Array(vec![json!("x"); 21]), json!("x")],
    )
}

fn correction(rng: &mut Rng) -> Value {
    let mut object = Map::new();
    field(&mut object, rng, "date", 20, timestamp);
    field(&mut object, rng, "text", 20, text);
    pick(rng, |_| Value::Object(object), &[json!("corrected")])
}

fn list_of(rng: &mut Rng, most: usize, item: impl Fn(&mut Rng) -> Value) -> Value {
    let items: Vec<Value> = (0..rng.below(most + 1)).map(|_| item(rng)).collect();
    pick(rng, |_| Value::Array(items), &[json!({}), json!("x")])
}

fn author(rng: &mut Rng) -> Value {
    let mut object = Map::new();
    field(&mut object, rng, "name", 15, text);
    field(&mut object, rng, "url", 2, link);
    pick(rng, |_| Value::Object(object), &[json!("A. Writer")])
}

fn related(rng: &mut Rng) -> Value {
    let mut object = Map::new();
    field(&mut object, rng, "title", 15, text);
    field(&mut object, rng, "url", 15, link);
    field(&mut object, rng, "section", 3, text);
    field(&mut object, rng, "image", 3, |rng| image(rng, false));
    field(&mut object, rng, "published", 3, timestamp);
    pick(rng, |_| Value::Object(object), &[json!("/articles/x")])
}

fn article(rng: &mut Rng) -> Value {
    let mut object = Map::new();
    let versions = [json!(2), json!("1"), json!(1.0), json!(0), json!(null)];
    field(&mut object, rng, "version", 30, |rng| {
        pick(rng, |_| json!(1), &versions)
    });
    field(&mut object, rng, "id", 30, id);
    field(&mut object, rng, "headline", 30, text);
    field(&mut object, rng, "dek", 2, text);
    field(&mut object, rng, "section", 2, text);
    field(&mut object, rng, "authors", 2, |rng| {
        list_of(rng, 3, author)
    });
    field(&mut object, rng, "published", 30, timestamp);
    field(&mut object, rng, "updated", 3, timestamp);
    let languages = [
        json!("e"),
        json!("en_GB"),
        json!("toolonglanguagetag"),
        json!(""),
        json!("en-"),
        json!("x-private"),
        json!(5),
    ];
    let valid_languages = ["en", "en-GB", "ar", "he-IL", "zh-Hant-TW", "de"];
    field(&mut object, rng, "language", 2, |rng| {
        pick(
            rng,
            |rng| json!(valid_languages[rng.below(valid_languages.len())]),
            &languages,
        )
    });
    field(&mut object, rng, "image", 3, |rng| image(rng, true));
    field(&mut object, rng, "tags", 3, |rng| list_of(rng, 3, text));
    field(&mut object, rng, "keyPoints", 3, |rng| {
        list_of(rng, 3, inline)
    });
    field(&mut object, rng, "body", 30, |rng| list_of(rng, 6, block));
    field(&mut object, rng, "corrections", 3, |rng| {
        list_of(rng, 2, correction)
    });
    field(&mut object, rng, "related", 3, |rng| {
        list_of(rng, 3, related)
    });
    field(&mut object, rng, "ads", 3, |rng| {
        pick(
            rng,
            |rng| json!(rng.below(2) == 0),
            &[json!("false"), json!(0)],
        )
    });
    field(&mut object, rng, "live", 3, live);
    if rng.below(10) == 0 {
        // A field of a newer format: skipped with a notice, never an error.
        object.insert("liveUpdates".into(), any_value(rng));
    }
    pick(
        rng,
        |_| Value::Object(object),
        &[json!([]), json!("article")],
    )
}

fn live(rng: &mut Rng) -> Value {
    let mut object = Map::new();
    let statuses = [json!("over"), json!(true), json!("LIVE")];
    field(&mut object, rng, "status", 3, |rng| {
        pick(rng, |rng| json!(["live", "ended"][rng.below(2)]), &statuses)
    });
    let intervals = [json!(0), json!(86_401), json!("30"), json!(2.5), json!(-15)];
    field(&mut object, rng, "refreshSeconds", 3, |rng| {
        pick(rng, |rng| json!(1 + rng.below(4000)), &intervals)
    });
    // Ids are unique and `pinned` names one of them: the decoder's rules, which no schema
    // can state, so the generator never breaks them (and `pick`'s "anything" is kept away).
    let ids: Vec<String> = (0..rng.below(4)).map(|n| format!("u-{n}")).collect();
    let updates: Vec<Value> = ids.iter().map(|id| live_update(rng, id)).collect();
    field(&mut object, rng, "updates", 15, |rng| {
        pick(rng, |_| Value::Array(updates), &[json!("all"), json!({})])
    });
    if !ids.is_empty() && rng.below(3) == 0 {
        let pinned = match rng.below(20) {
            0 => json!(7),
            _ => json!(ids[rng.below(ids.len())]),
        };
        object.insert("pinned".into(), pinned);
    }
    pick(rng, |_| Value::Object(object), &[json!(true), json!([])])
}

fn live_update(rng: &mut Rng, id: &str) -> Value {
    let mut object = Map::new();
    let bad_ids = [
        json!("has space"),
        json!(""),
        json!("x".repeat(65)),
        json!(3),
    ];
    if rng.below(20) != 0 {
        let id = match rng.below(10) {
            0 => bad_ids[rng.below(bad_ids.len())].clone(),
            _ => json!(id),
        };
        object.insert("id".into(), id);
    }
    field(&mut object, rng, "time", 20, timestamp);
    field(&mut object, rng, "headline", 3, text);
    field(&mut object, rng, "body", 20, |rng| list_of(rng, 3, block));
    pick(rng, |_| Value::Object(object), &[json!("update")])
}

fn index_entry(rng: &mut Rng) -> Value {
    let mut object = Map::new();
    field(&mut object, rng, "id", 20, id);
    field(&mut object, rng, "headline", 20, text);
    field(&mut object, rng, "published", 20, timestamp);
    field(&mut object, rng, "updated", 3, timestamp);
    field(&mut object, rng, "dek", 2, text);
    field(&mut object, rng, "section", 2, text);
    field(&mut object, rng, "image", 3, |rng| image(rng, false));
    pick(rng, |_| Value::Object(object), &[json!("tide-mill")])
}

fn page_number(rng: &mut Rng) -> Value {
    let edges = [
        json!(0),
        json!(-1),
        json!(1.5),
        json!("2"),
        json!(4_294_967_296_u64),
        json!(4_294_967_295_u64),
    ];
    pick(rng, |rng| json!(1 + rng.below(40)), &edges)
}

fn index(rng: &mut Rng) -> Value {
    let mut object = Map::new();
    field(&mut object, rng, "articles", 30, |rng| {
        list_of(rng, 4, index_entry)
    });
    field(&mut object, rng, "title", 2, text);
    // Older below this page, newer above it: the order of the three is a rule between fields,
    // which no schema can state, so the generator keeps it.
    let page = page_number(rng);
    let this = page
        .as_u64()
        .filter(|n| (1..u64::from(u32::MAX)).contains(n));
    match this {
        Some(n) => {
            object.insert("page".into(), page);
            if n > 1 {
                let below = 1 + rng.below((n - 1).min(1000) as usize) as u64;
                field(&mut object, rng, "older", 2, |rng| {
                    pick(rng, |_| json!(n - below), &[json!(0), json!("1")])
                });
            }
            field(&mut object, rng, "newer", 2, |rng| {
                pick(
                    rng,
                    |rng| json!(n + 1 + rng.below(9) as u64),
                    &[json!(1.5), json!("9")],
                )
            });
        }
        // An edge case of a page number, or none: the links alone.
        None => {
            if rng.below(2) == 0 {
                object.insert("page".into(), page);
            }
            field(&mut object, rng, "older", 2, |rng| {
                pick(
                    rng,
                    |rng| json!(1 + rng.below(39)),
                    &[json!(0), json!("1"), json!(1.5)],
                )
            });
        }
    }
    pick(rng, |_| Value::Object(object), &[json!([])])
}

/// xorshift64*: reproducible from the seed, no dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        if n == 0 {
            0
        } else {
            (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n as u64) as usize
        }
    }
}
