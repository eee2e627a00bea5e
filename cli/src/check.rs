//! `folio check`: the viewer's own decoder, run on files, for publishers' pipelines.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use folio_model::{Limits, Problem, Severity};

/// Checks each file and prints every problem. Returns whether all files are free of errors
/// (notices, such as block types from a newer format, do not fail the check).
pub fn check_files(files: &[impl AsRef<Path>]) -> Result<bool> {
    let mut all_ok = true;
    for file in files {
        let file = file.as_ref();
        let bytes = fs::read(file).with_context(|| format!("reading {}", file.display()))?;
        let problems = check(file, &bytes);
        let errors = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        for problem in &problems {
            println!("{}: {problem}", file.display());
        }
        if errors == 0 {
            println!("{}: ok", file.display());
        } else {
            all_ok = false;
        }
    }
    Ok(all_ok)
}

/// What the viewer would find wrong with `bytes`, read as the document `file` names: a listing
/// page for `index.json` and the files in the listings' folders (`index/`, `sections/`, `tags/`,
/// `authors/`), otherwise the article whose id is the file name.
pub fn check(file: &Path, bytes: &[u8]) -> Vec<Problem> {
    let limits = Limits::default();
    let name = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let folders: Vec<&str> = file
        .parent()
        .into_iter()
        .flat_map(Path::components)
        .filter_map(|component| component.as_os_str().to_str())
        .collect();
    let listing = !folders.contains(&"articles")
        && (name == "index"
            || folders
                .iter()
                .any(|folder| crate::content::LISTING_FOLDERS.contains(folder)));
    let result = if listing {
        folio_model::decode_index(bytes, &limits).map(|decoded| decoded.problems)
    } else {
        folio_model::decode_article(bytes, Some(name), &limits).map(|decoded| decoded.problems)
    };
    result.unwrap_or_else(|rejected| rejected.problems)
}
