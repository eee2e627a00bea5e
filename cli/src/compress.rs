//! The precompressed copies a host serves instead of compressing on every request: `.br` and
//! `.gz` beside the file (see `deploy/README.md`).

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Result;

/// Writes `bytes` to `path`, and its brotli and gzip copies beside it.
pub fn write_with_compressed_copies(path: &Path, bytes: &[u8]) -> Result<()> {
    fs::write(path, bytes)?;
    fs::write(append_extension(path, "br"), brotli(bytes)?)?;
    fs::write(append_extension(path, "gz"), gzip(bytes)?)?;
    Ok(())
}

/// `page.html` → `page.html.br`.
pub fn append_extension(path: &Path, extension: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}

pub fn brotli(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut compressed = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut compressed, &params)?;
    Ok(compressed)
}

pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}
