//! The precompressed copies a host serves instead of compressing on every request: `.br` and
//! `.gz` beside the file (see `deploy/README.md`).
//!
//! Two efforts: the build's assets are compressed once per release and downloaded by every
//! reader, so they get the smallest output ([`Effort::Smallest`]); prerendered pages and feeds
//! are written by the thousand on every content change, so they get the best bytes per
//! millisecond ([`Effort::Fast`]: brotli 5 is 1.1 ms for a 16 KB page against 38 ms for
//! brotli 11, and 16% larger; the measurements are in `deploy/README.md`).

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Result;

#[derive(Clone, Copy, Debug)]
pub enum Effort {
    /// brotli 11, gzip 9.
    Smallest,
    /// brotli 5, gzip 6.
    Fast,
}

impl Effort {
    fn brotli_quality(self) -> i32 {
        match self {
            Effort::Smallest => 11,
            Effort::Fast => 5,
        }
    }

    fn gzip_level(self) -> u32 {
        match self {
            Effort::Smallest => 9,
            Effort::Fast => 6,
        }
    }
}

/// Writes `bytes` to `path`, and its brotli and gzip copies beside it.
pub fn write_with_compressed_copies(path: &Path, bytes: &[u8], effort: Effort) -> Result<()> {
    fs::write(path, bytes)?;
    fs::write(append_extension(path, "br"), brotli(bytes, effort)?)?;
    fs::write(append_extension(path, "gz"), gzip(bytes, effort)?)?;
    Ok(())
}

/// Removes `path` and its compressed copies, if they are there.
pub fn remove_with_compressed_copies(path: &Path) {
    for file in [
        path.to_path_buf(),
        append_extension(path, "br"),
        append_extension(path, "gz"),
    ] {
        let _ = fs::remove_file(file);
    }
}

/// `page.html` → `page.html.br`.
pub fn append_extension(path: &Path, extension: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}

pub fn brotli(bytes: &[u8], effort: Effort) -> Result<Vec<u8>> {
    let mut compressed = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: effort.brotli_quality(),
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut compressed, &params)?;
    Ok(compressed)
}

pub fn gzip(bytes: &[u8], effort: Effort) -> Result<Vec<u8>> {
    let mut encoder =
        flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(effort.gzip_level()));
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}
