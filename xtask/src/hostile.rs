//! The hostile-content corpus: `tests/fixtures/hostile/<case>/` holds an input (`input.json`,
//! `input.html` or `input.bin`, served as `content/articles/<case>.json`) and `expect.json`,
//! what the viewer must show and what `folio check` must report. Cases too large to keep
//! in the repository are generated here.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde_json::{Value, json};

use crate::project_root;

pub struct Case {
    pub name: String,
    pub input: Vec<u8>,
    pub expect: Value,
}

/// Every case: the committed ones and the generated ones, by name.
pub fn cases() -> Result<Vec<Case>> {
    let dir = project_root().join("tests/fixtures/hostile");
    let mut cases = Vec::new();
    for entry in fs::read_dir(&dir)? {
        let case_dir = entry?.path();
        let name = file_name(&case_dir);
        let input = ["input.json", "input.html", "input.bin"]
            .iter()
            .map(|file| case_dir.join(file))
            .find(|path| path.exists())
            .with_context(|| format!("{name}: no input file"))?;
        let expect = serde_json::from_slice(&fs::read(case_dir.join("expect.json"))?)
            .with_context(|| format!("{name}/expect.json"))?;
        cases.push(Case {
            name,
            input: fs::read(input)?,
            expect,
        });
    }
    cases.extend(generated());
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(cases)
}

/// Writes every case as `<dir>/<case>/input` and `<dir>/<case>/expect.json`, for the browser
/// tests.
pub fn write_all(dir: &Path) -> Result<PathBuf> {
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    for case in cases()? {
        let case_dir = dir.join(&case.name);
        fs::create_dir_all(&case_dir)?;
        fs::write(case_dir.join("input"), &case.input)?;
        fs::write(
            case_dir.join("expect.json"),
            serde_json::to_vec_pretty(&case.expect)?,
        )?;
    }
    Ok(dir.to_path_buf())
}

fn generated() -> Vec<Case> {
    let article = |name: &str, dek: String, body: Vec<Value>| {
        json!({
            "version": 1, "id": name, "headline": format!("Hostile case {name}"),
            "published": "2026-11-28T09:00:00Z", "dek": dek, "body": body,
        })
        .to_string()
        .into_bytes()
    };
    let paragraph = json!({ "type": "paragraph", "content": "One of very many." });
    // Over both limits, cheaply: 1,200 rows of one cell (the rows beyond 1,000 left out), the
    // first of them 30 cells wide (the cells beyond 20 left out).
    let mut rows: Vec<Value> = (1..=1200).map(|n| json!([format!("row {n}")])).collect();
    if let Some(first) = rows.first_mut() {
        *first = (1..=30).map(|n| json!(format!("cell {n}"))).collect();
    }
    let huge_table = json!({ "type": "table", "caption": "A huge table", "rows": rows });
    let image =
        json!({ "src": "content/images/a.svg", "alt": "One of many", "width": 4, "height": 3 });
    let huge_gallery =
        json!({ "type": "gallery", "caption": "A huge gallery", "images": vec![image; 500] });
    vec![
        Case {
            name: "gallery-500-images".into(),
            input: article(
                "gallery-500-images",
                "A huge gallery.".into(),
                vec![huge_gallery],
            ),
            expect: json!({
                "shows": "article", "headline": "Hostile case gallery-500-images", "valid": false,
                "check": ["body[0].images: has 500 images; a gallery shows at most 100"],
                "text": ["A huge gallery", "1 of 100"],
            }),
        },
        Case {
            name: "table-1200-rows".into(),
            input: article("table-1200-rows", "A huge table.".into(), vec![huge_table]),
            expect: json!({
                "shows": "article", "headline": "Hostile case table-1200-rows", "valid": false,
                "check": [
                    "body[0].rows: has 1200 rows; a table shows at most 1000",
                    "body[0].rows: rows with more than 20 cells: 1 (the widest has 30)",
                ],
                "text": ["A huge table", "cell 20", "row 1000"],
            }),
        },
        Case {
            name: "string-of-5-mb".into(),
            input: article("string-of-5-mb", "x".repeat(5_000_000), vec![]),
            expect: json!({
                "shows": "error", "message": "too large", "valid": false,
                "check": ["the limit is 4194304 bytes"],
            }),
        },
        Case {
            name: "blocks-20000".into(),
            input: article(
                "blocks-20000",
                "Many blocks.".into(),
                vec![paragraph; 20_000],
            ),
            expect: json!({
                "shows": "error", "message": "too large", "valid": false,
                "check": ["body: has 20000 blocks; the limit is 10000"],
            }),
        },
    ]
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use folio_model::Severity;

    use folio_cli::check::check;
    use folio_cli::prerender;

    use super::*;

    /// The native half of the corpus: `folio check` reports what each case expects, and
    /// fails exactly the documents with errors.
    #[test]
    fn the_checker_reports_every_hostile_case() {
        let cases = cases().unwrap();
        assert!(cases.len() >= 40, "only {} cases", cases.len());
        let mut failures = Vec::new();
        for case in cases {
            let problems = check(Path::new(&format!("{}.json", case.name)), &case.input);
            let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
            let has_errors = problems.iter().any(|p| p.severity == Severity::Error);
            if case.expect["valid"].as_bool() != Some(!has_errors) {
                failures.push(format!(
                    "{}: expected valid={}: {lines:?}",
                    case.name, case.expect["valid"]
                ));
            }
            for expected in case.expect["check"].as_array().unwrap() {
                let expected = expected.as_str().unwrap();
                if !lines.iter().any(|line| line.contains(expected)) {
                    failures.push(format!(
                        "{}: nothing says {expected:?} in {lines:?}",
                        case.name
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    /// Every hostile document that the viewer shows (in part) is prerendered into markup that
    /// holds no script, no dangerous link and no markup of the document's own.
    #[test]
    fn hostile_documents_prerender_to_safe_markup() {
        let site = std::env::temp_dir().join(format!("folio-prerender-{}", std::process::id()));
        let _ = fs::remove_dir_all(&site);
        fs::create_dir_all(site.join("content/articles")).unwrap();
        fs::write(site.join("content/index.json"), r#"{"articles": []}"#).unwrap();
        fs::write(
            site.join("index.html"),
            "<html><head><base href=\"/\" /><title>Folio</title></head>\
             <body data-folio-app></body></html>",
        )
        .unwrap();
        let cases = cases().unwrap();
        for case in &cases {
            fs::write(
                site.join("content/articles")
                    .join(format!("{}.json", case.name)),
                &case.input,
            )
            .unwrap();
        }
        let prerendered = prerender::run(&prerender::Options {
            site: site.clone(),
            content: None,
            site_url: "https://news.example.org/".into(),
            skip_invalid: true,
            feed_entries: prerender::DEFAULT_FEED_ENTRIES,
        })
        .unwrap();
        let written = prerendered.written;
        let shown = cases
            .iter()
            .filter(|case| case.expect["shows"] == "article")
            .count();
        assert_eq!(written.len(), shown, "every readable case has a page");
        assert_eq!(
            prerendered.skipped.len(),
            cases.len() - shown,
            "every refused case is listed as skipped"
        );
        for id in &written {
            let html =
                fs::read_to_string(site.join("articles").join(id.as_str()).join("index.html"))
                    .unwrap();
            let (head, body) = html.split_once("<div id=\"folio-prerendered\">").unwrap();
            let body = body.split("</body>").next().unwrap();
            // Text cannot hold a `<` or a `"` unescaped, so every `<` opens one of our
            // elements, and its attributes are `name="value"` pairs.
            for tag in body.split('<').skip(1) {
                let tag = tag.split('>').next().unwrap().trim_start_matches('/');
                // The framework's markers (`<!>`) are empty comments.
                if tag.starts_with('!') {
                    assert_eq!(tag, "!", "{id}");
                    continue;
                }
                let (name, mut rest) = tag.split_once(' ').unwrap_or((tag, ""));
                assert!(ALLOWED_ELEMENTS.contains(&name), "{id}: <{name}>");
                while let Some((attribute, after)) = rest.trim_start().split_once('=') {
                    // Valueless attributes (`crossorigin`) stand before the next name.
                    let attribute = attribute.split_whitespace().last().unwrap_or_default();
                    assert!(
                        ALLOWED_ATTRIBUTES.contains(&attribute) || attribute.starts_with("aria-"),
                        "{id}: {attribute} on <{name}>"
                    );
                    let value_and_rest = after.strip_prefix('"').unwrap();
                    rest = value_and_rest.split_once('"').unwrap().1;
                }
            }
            let lower = body.to_ascii_lowercase();
            for part in lower
                .split("href=\"")
                .skip(1)
                .chain(lower.split("src=\"").skip(1))
            {
                let value: String = part
                    .chars()
                    .take_while(|c| *c != '"')
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect();
                for scheme in ["javascript:", "data:", "vbscript:", "//"] {
                    assert!(!value.starts_with(scheme), "{id}: {value}");
                }
            }
            // The only script in the head is the JSON-LD, which cannot be closed early.
            let scripts: Vec<&str> = head.split("<script").skip(1).collect();
            assert_eq!(scripts.len(), 1, "{id}");
            let json_ld = scripts[0]
                .split_once('>')
                .and_then(|(_, rest)| rest.split_once("</script>"))
                .unwrap()
                .0;
            let _: serde_json::Value = serde_json::from_str(json_ld).unwrap();
        }
        fs::remove_dir_all(&site).unwrap();
    }

    const ALLOWED_ELEMENTS: [&str; 47] = [
        "a",
        "article",
        "aside",
        "audio",
        "blockquote",
        "button",
        // A hosted video's box: the proportions only, never drawn on.
        "canvas",
        "caption",
        "code",
        "details",
        "div",
        "em",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "header",
        "hr",
        "img",
        "input",
        "label",
        "legend",
        "li",
        "main",
        "ol",
        "p",
        "s",
        "section",
        "source",
        "span",
        "strong",
        "summary",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "time",
        "tr",
        "track",
        "ul",
        "video",
        "",
    ];
    const ALLOWED_ATTRIBUTES: [&str; 40] = [
        "class",
        "id",
        "href",
        "rel",
        "target",
        "tabindex",
        "elementtiming",
        "data-article-id",
        "data-folio-stamp",
        "data-slot-id",
        "data-sizes",
        "data-size-mobile",
        "data-size-desktop",
        "data-tags",
        "data-section",
        "name",
        "value",
        "title",
        "role",
        "lang",
        "dir",
        "datetime",
        "type",
        "src",
        "srcset",
        "sizes",
        "alt",
        "width",
        "height",
        "loading",
        "fetchpriority",
        "decoding",
        "scope",
        "controls",
        "preload",
        "poster",
        "kind",
        "srclang",
        "label",
        "default",
    ];
}
