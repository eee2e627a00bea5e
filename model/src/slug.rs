//! The one rule that turns free text into an address segment: a CMS slug, a file name or a
//! headline into an article id, and a section, tag or author name into its page's path.
//! Every tool and the viewer call this, so the same text always gets the same address.
//!
//! The rule needs Unicode normalization ([`UnicodeForms`]): the tools use Unicode's tables
//! (feature `normalization`, [`Normalization`]); the viewer in the browser asks the browser,
//! whose tables are already there, rather than carry a second copy in its wasm.

use crate::article::ArticleId;
#[cfg(feature = "normalization")]
use crate::decode::fingerprint;

/// What the slug rule needs of Unicode.
pub trait UnicodeForms {
    /// `text` in Normalization Form C.
    fn nfc(&self, text: &str) -> String;
    /// `text` in Normalization Form KD.
    fn nfkd(&self, text: &str) -> String;
    /// Whether `c` is a combining mark (General Category M).
    fn is_mark(&self, c: char) -> bool;
}

/// Unicode's tables, as the `unicode-normalization` crate has them.
#[cfg(feature = "normalization")]
pub struct Normalization;

#[cfg(feature = "normalization")]
impl UnicodeForms for Normalization {
    fn nfc(&self, text: &str) -> String {
        unicode_normalization::UnicodeNormalization::nfc(text).collect()
    }

    fn nfkd(&self, text: &str) -> String {
        unicode_normalization::UnicodeNormalization::nfkd(text).collect()
    }

    fn is_mark(&self, c: char) -> bool {
        unicode_normalization::char::is_combining_mark(c)
    }
}

/// `text` as lowercase `a-z`, `0-9` and single hyphens, at most [`ArticleId::MAX_LEN`]
/// characters, cut at a word boundary where possible. Percent-escapes are decoded first
/// (WordPress escapes non-ASCII slugs), Latin letters lose their accents (`Café Müller` →
/// `cafe-muller`) and ligatures are spelled out (`ß` → `ss`). Empty when nothing of the text
/// is Latin letters or digits.
#[cfg(feature = "normalization")]
pub fn slug(text: &str) -> String {
    spell(text, Scripts::LatinOnly, &Normalization)
}

/// The address segment of a section, tag or author page: [`slug`]'s rule for Latin letters,
/// and the letters and digits of every other script kept as they are (lowercased), so
/// `Transport` is `transport`, `Café Society` is `cafe-society` and `ثقافة` stays `ثقافة`.
/// Texts that differ only in case, accents or punctuation share a page; different words in
/// any script never do. At most [`ArticleId::MAX_LEN`] bytes (a file name's worth); empty when
/// the text has no letters or digits.
#[cfg(feature = "normalization")]
pub fn listing_slug(text: &str) -> String {
    listing_slug_with(text, &Normalization)
}

/// [`listing_slug`] with another source of Unicode's forms (the browser's).
pub fn listing_slug_with(text: &str, forms: &impl UnicodeForms) -> String {
    spell(text, Scripts::All, forms)
}

/// Whether `slug` could be a [`listing_slug`]: not empty, not too long, no upper-case ASCII,
/// spaces, slashes or other ASCII punctuation, no hyphen at either end or twice in a row. A
/// cheap check for addresses, which needs no Unicode tables.
pub fn is_listing_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= ArticleId::MAX_LEN
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
        && slug.chars().all(|c| {
            !c.is_whitespace()
                && !c.is_control()
                && !(c.is_ascii() && !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
        })
}

#[derive(Clone, Copy, PartialEq)]
enum Scripts {
    #[cfg_attr(not(feature = "normalization"), allow(dead_code))]
    LatinOnly,
    All,
}

/// The one walk behind [`slug`] and [`listing_slug`].
fn spell(text: &str, scripts: Scripts, forms: &impl UnicodeForms) -> String {
    // ASCII is its own NFC and NFKD and holds no combining marks: `forms` (in the browser, a
    // call out of wasm for every character) is asked about the rest only.
    let decoded = percent_decoded(text);
    let text = if decoded.is_ascii() {
        decoded
    } else {
        forms.nfc(&decoded)
    };
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    // Whether the last character kept was of another script: its combining marks (an Indic
    // vowel sign, say) belong to the word.
    let mut in_other_script = false;
    for c in text.chars() {
        let latin: String = if c.is_ascii() {
            c.to_ascii_lowercase().into()
        } else {
            forms
                .nfkd(c.encode_utf8(&mut [0; 4]))
                .chars()
                .filter(|c| !forms.is_mark(*c))
                .flat_map(char::to_lowercase)
                .collect()
        };
        let spelled = match latin.as_str() {
            spelled
                if !spelled.is_empty() && spelled.chars().all(|c| c.is_ascii_alphanumeric()) =>
            {
                Some(spelled.to_string())
            }
            "ß" => Some("ss".into()),
            "æ" => Some("ae".into()),
            "œ" => Some("oe".into()),
            "ø" => Some("o".into()),
            "đ" | "ð" => Some("d".into()),
            "þ" => Some("th".into()),
            "ł" => Some("l".into()),
            "ı" => Some("i".into()),
            // An apostrophe joins a word ("reader's" → "readers") rather than splitting it.
            "'" | "’" => None,
            _ if scripts == Scripts::All
                && (c.is_alphanumeric()
                    || (in_other_script && !c.is_ascii() && forms.is_mark(c))) =>
            {
                in_other_script = true;
                if pending_hyphen && !slug.is_empty() {
                    slug.push('-');
                }
                pending_hyphen = false;
                slug.extend(c.to_lowercase());
                continue;
            }
            _ => {
                pending_hyphen = true;
                None
            }
        };
        in_other_script = false;
        if let Some(spelled) = spelled {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push_str(&spelled);
        }
    }
    truncate_at_hyphen(&slug, ArticleId::MAX_LEN).to_string()
}

#[cfg(feature = "normalization")]
impl ArticleId {
    /// The id that [`slug`] makes of `text`. Text with nothing to spell in Latin letters (a
    /// headline in Arabic, say) gets `article-` and a stable hash of the text, so the same
    /// source always gets the same id.
    pub fn from_text(text: &str) -> ArticleId {
        let slug = slug(text);
        let id = if slug.is_empty() {
            format!("article-{:08x}", fingerprint(text.trim().as_bytes()) as u32)
        } else {
            slug
        };
        ArticleId(id)
    }

    /// The `n`th variant of this id (`n` ≥ 2), for a second document that wants the same one:
    /// `harbour-news` → `harbour-news-2`, still within the length limit.
    pub fn variant(&self, n: u32) -> ArticleId {
        let suffix = format!("-{n}");
        let stem = truncate_at_hyphen(self.as_str(), ArticleId::MAX_LEN - suffix.len());
        ArticleId(format!("{stem}{suffix}"))
    }
}

fn truncate_at_hyphen(slug: &str, max_len: usize) -> &str {
    if slug.len() <= max_len {
        return slug;
    }
    let mut end = max_len;
    while !slug.is_char_boundary(end) {
        end -= 1;
    }
    let cut = slug.get(..end).unwrap_or(slug);
    let cut = match cut.rfind('-') {
        Some(at) if at > max_len / 2 => cut.get(..at).unwrap_or(cut),
        _ => cut,
    };
    cut.trim_end_matches('-')
}

pub(crate) fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let escaped = (byte == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok());
        match escaped {
            Some(value) => {
                decoded.push(value);
                i += 3;
            }
            None => {
                decoded.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(decoded).unwrap_or_else(|_| text.to_string())
}

#[cfg(all(test, feature = "normalization"))]
mod tests {
    use super::*;

    #[test]
    fn spells_latin_text_as_lowercase_words() {
        assert_eq!(slug("Harbour Road: the vote"), "harbour-road-the-vote");
        assert_eq!(slug("  Café Müller — Straße  "), "cafe-muller-strasse");
        assert_eq!(slug("The reader's guide"), "the-readers-guide");
        assert_eq!(slug("Łódź & Ørsted"), "lodz-orsted");
        assert_eq!(slug("already-a-slug-2"), "already-a-slug-2");
        assert_eq!(slug("caf%C3%A9-society"), "cafe-society");
        assert_eq!(slug("ＦＵＬＬ　ＷＩＤＴＨ"), "full-width");
    }

    #[test]
    fn listing_slugs_keep_every_script() {
        assert_eq!(listing_slug("Transport"), "transport");
        assert_eq!(listing_slug("Long read"), slug("Long read"));
        assert_eq!(listing_slug("Café  Society!"), "cafe-society");
        assert_eq!(listing_slug("ثقافة"), "ثقافة");
        assert_eq!(listing_slug("حرف يدوية"), "حرف-يدوية");
        assert_eq!(listing_slug("Kultur: ثقافة"), "kultur-ثقافة");
        assert_eq!(listing_slug("हिन्दी समाचार"), "हिन्दी-समाचार");
        assert_eq!(listing_slug("한국어 뉴스"), "한국어-뉴스");
        assert_eq!(listing_slug("ΑΘΗΝΑ"), "αθηνα");
        assert_eq!(listing_slug("%D8%AB%D9%82%D8%A7%D9%81%D8%A9"), "ثقافة");
        assert_ne!(listing_slug("ثقافة"), listing_slug("فنون"));
        assert_eq!(listing_slug("!!!"), "");
        let long = listing_slug(&"ثقافة ".repeat(40));
        assert!(
            long.len() <= ArticleId::MAX_LEN && long.ends_with("ثقافة"),
            "{long}"
        );
        for text in [
            "Transport",
            "ثقافة",
            "Kultur: ثقافة",
            "हिन्दी समाचार",
            "한국어 뉴스",
        ] {
            let once = listing_slug(text);
            assert_eq!(listing_slug(&once), once, "a slug is its own slug");
        }
    }

    #[test]
    fn ids_are_always_valid() {
        for text in [
            "",
            "ثقافة",
            "!!!",
            "---",
            &"a".repeat(500),
            &"word ".repeat(100),
        ] {
            let id = ArticleId::from_text(text);
            assert_eq!(ArticleId::parse(id.as_str()), Ok(id.clone()), "{text:?}");
            assert_eq!(
                ArticleId::parse(id.variant(12).as_str()),
                Ok(id.variant(12))
            );
        }
        assert_eq!(
            ArticleId::from_text("ثقافة"),
            ArticleId::from_text(" ثقافة ")
        );
        assert_ne!(ArticleId::from_text("ثقافة"), ArticleId::from_text("فنون"));
        let long = ArticleId::from_text(&"word ".repeat(100));
        assert!(long.as_str().len() <= ArticleId::MAX_LEN);
        assert!(long.as_str().ends_with("word"), "cut at a word: {long}");
        assert_eq!(
            ArticleId::from_text("harbour news").variant(2).as_str(),
            "harbour-news-2"
        );
    }
}
