//! Images and their boxes. Folio reserves every image's box before it loads, so an image needs
//! its width and height: from the source's markup or metadata, from the file itself when it is
//! local, or from `--image-size`. An image with no size is left out, and the note says so.

use std::collections::HashMap;
use std::path::PathBuf;

use folio_model::{Image, UrlUse};
use scraper::ElementRef;

use crate::import::{Notes, resolve_url};

/// The largest side the format accepts.
const MAX_SIDE: u32 = 20_000;

#[derive(Default)]
pub struct ImageSizes {
    /// `--image-size`: the box for images whose size nothing else gives.
    pub fallback: Option<(u32, u32)>,
    /// Sizes the source's metadata gives (WordPress's `media_details`), by absolute URL.
    pub known: HashMap<String, (u32, u32)>,
    /// Images beside a local source (a Markdown file), copied into the content folder.
    pub local: Option<LocalImages>,
}

/// Where a local source's relative image paths point, and the copies they need.
pub struct LocalImages {
    /// The source file's folder.
    pub dir: PathBuf,
    /// The folder under the content folder the images go to (`images/<article>/`).
    pub target: String,
    /// Files to copy: from, and to (relative to the content folder).
    pub copies: Vec<(PathBuf, String)>,
}

/// What an image source says about one image.
pub struct ImageSource<'a> {
    pub src: &'a str,
    pub alt: &'a str,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub srcset: Option<&'a str>,
}

impl ImageSizes {
    /// The image an `<img>` shows, or `None` (with a note) when it cannot be kept.
    pub fn image(
        &mut self,
        img: ElementRef<'_>,
        base: Option<&url::Url>,
        notes: &mut Notes,
    ) -> Option<Image> {
        // Lazy-loading markup keeps the real address in a data attribute.
        let lazy = ["data-src", "data-lazy-src", "data-original"]
            .iter()
            .find_map(|name| img.attr(name));
        let src = match img.attr("src") {
            Some(src) if !src.trim().is_empty() && !src.trim_start().starts_with("data:") => src,
            other => lazy.or(other)?,
        };
        let dimension = |name: &str| {
            img.attr(name)
                .and_then(|v| v.trim().trim_end_matches("px").parse::<u32>().ok())
        };
        self.from_source(
            &ImageSource {
                src,
                alt: img.attr("alt").unwrap_or_default(),
                width: dimension("width"),
                height: dimension("height"),
                srcset: img.attr("srcset").or_else(|| img.attr("data-srcset")),
            },
            base,
            notes,
        )
    }

    /// The image a source describes, checked and sized, or `None` with a note saying why.
    pub fn from_source(
        &mut self,
        source: &ImageSource<'_>,
        base: Option<&url::Url>,
        notes: &mut Notes,
    ) -> Option<Image> {
        let raw = source.src.trim();
        let local = self.local_file(raw);
        let src = match &local {
            Some((_, target)) => format!("content/{target}"),
            None => resolve_url(base, raw),
        };
        let src = match folio_model::check_url(&src, UrlUse::Media) {
            Ok(src) => src,
            Err(reason) => {
                notes.add(format!("image {raw} left out: {reason}"));
                return None;
            }
        };
        let from_file = local
            .as_ref()
            .and_then(|(path, _)| imagesize::size(path).ok())
            .and_then(|size| {
                Some((
                    u32::try_from(size.width).ok()?,
                    u32::try_from(size.height).ok()?,
                ))
            });
        let size = match (source.width, source.height) {
            (Some(w), Some(h)) => Some((w, h)),
            _ => self.known.get(&src).copied().or(from_file),
        };
        let size = match size {
            Some((w, h)) if (1..=MAX_SIDE).contains(&w) && (1..=MAX_SIDE).contains(&h) => (w, h),
            other => {
                let why = match other {
                    Some((w, h)) => format!("its size {w}×{h} is outside 1 to {MAX_SIDE} pixels"),
                    None => {
                        "its size is unknown (Folio reserves every image's box before it loads)"
                            .to_string()
                    }
                };
                match self.fallback {
                    Some((w, h)) => {
                        notes.add(format!("image {raw}: {why}; used --image-size {w}x{h}"));
                        (w, h)
                    }
                    None => {
                        notes.add(format!(
                            "image {raw} left out: {why}; give it width and height, or run with \
                             --image-size WxH"
                        ));
                        return None;
                    }
                }
            }
        };
        if let (Some((path, target)), Some(local)) = (local, self.local.as_mut()) {
            local.copies.push((path, target));
        }
        let srcset = source.srcset.and_then(|srcset| {
            let resolved: Vec<String> = srcset
                .split(',')
                .map(|candidate| {
                    let candidate = candidate.trim();
                    let (url, descriptor) = candidate
                        .split_once(char::is_whitespace)
                        .unwrap_or((candidate, ""));
                    format!("{} {}", resolve_url(base, url), descriptor.trim())
                        .trim()
                        .to_string()
                })
                .collect();
            let (srcset, dropped) = folio_model::check_srcset(&resolved.join(", "));
            for reason in dropped {
                notes.add(format!(
                    "image {raw}: a srcset candidate was dropped: {reason}"
                ));
            }
            srcset
        });
        Some(Image {
            src,
            alt: source.alt.trim().to_string(),
            width: size.0,
            height: size.1,
            srcset,
        })
    }

    /// A relative path to an existing file beside a local source, and where its copy goes.
    fn local_file(&self, src: &str) -> Option<(PathBuf, String)> {
        let local = self.local.as_ref()?;
        if src.contains(':') || src.starts_with('/') || src.starts_with('\\') {
            return None;
        }
        let path = local.dir.join(src);
        if !path.is_file() {
            return None;
        }
        let name = path.file_name()?.to_str()?;
        let name: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        Some((path, format!("{}{name}", local.target)))
    }
}
