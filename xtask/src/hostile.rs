//! The hostile-content corpus: `tests/fixtures/hostile/<case>/` holds an input (`input.json`,
//! `input.html` or `input.bin`, served as `content/articles/<case>.json`) and `expect.json`,
//! what the viewer must show and what `cargo xtask check` must report. Cases too large to keep
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
    vec![
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

    use super::*;
    use crate::check::check;

    /// The native half of the corpus: `cargo xtask check` reports what each case expects, and
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
}
