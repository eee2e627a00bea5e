//! An archive made from the sample articles, for the tests' listing pages and the scale bench
//! (`cargo xtask bench --archive N`): article `n` is sample `n % 6` under its own id, published
//! `n` × 37 minutes before the newest, with its section, tags and authors, so every listing
//! fills in proportion.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result, bail};
use folio_cli::content::{ContentFolder, Written};
use folio_cli::parallel;
use folio_model::{Article, ArticleId, Limits, Timestamp, decode_article};

use crate::project_root;

/// The newest generated article's publication time.
const NEWEST: i64 = 1_795_000_000; // 2026-11-18

/// Writes `count` articles into `content/articles/` (and the samples' images into
/// `content/images/`), through the same checked writer `folio import` uses.
pub fn generate(content: &Path, count: usize) -> Result<()> {
    let samples_dir = project_root().join("public/content");
    let mut samples: Vec<Article> = Vec::new();
    let mut files: Vec<_> = fs::read_dir(samples_dir.join("articles"))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    files.sort();
    for file in files {
        let bytes = fs::read(&file)?;
        let article = decode_article(&bytes, None, &Limits::default())
            .map_err(|rejected| anyhow::anyhow!("{}: {rejected:?}", file.display()))?;
        samples.push(article.value);
    }
    if samples.is_empty() {
        bail!("no sample articles in {}", samples_dir.display());
    }
    let images = content.join("images");
    fs::create_dir_all(&images)?;
    for image in fs::read_dir(samples_dir.join("images"))? {
        let image = image?.path();
        if let Some(name) = image.file_name() {
            fs::copy(&image, images.join(name))?;
        }
    }
    let folder = ContentFolder::new(content);
    let numbers: Vec<usize> = (0..count).collect();
    let written = parallel::map(&numbers, |&n| -> Result<()> {
        let sample = &samples[n % samples.len()];
        let article = copy_of(sample, n)?;
        match folder.write_article(&article, true)? {
            Written::Created | Written::Replaced | Written::Unchanged => Ok(()),
            Written::Kept => bail!("{} was kept", article.id),
        }
    });
    written.into_iter().collect::<Result<Vec<()>>>()?;
    Ok(())
}

/// Sample `sample` as archive article `n`.
pub fn copy_of(sample: &Article, n: usize) -> Result<Article> {
    let id = ArticleId::parse(&format!("{}-{n}", sample.id)).map_err(anyhow::Error::msg)?;
    let seconds = NEWEST - i64::try_from(n)? * 37 * 60;
    let published = chrono::DateTime::from_timestamp(seconds, 0)
        .context("a date in range")?
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    Ok(Article {
        id,
        headline: format!("{} ({})", sample.headline, n + 1),
        published: Timestamp::parse(&published).map_err(anyhow::Error::msg)?,
        updated: None,
        ..sample.clone()
    })
}
