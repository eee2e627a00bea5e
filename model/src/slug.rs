//! The one rule that turns free text into an address segment: a CMS slug, a file name or a
//! headline into an article id, and (later) a section, tag or author name into its page's path.
//! Every tool calls this, so the same text always gets the same address.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::article::ArticleId;
use crate::decode::fingerprint;

/// `text` as lowercase `a-z`, `0-9` and single hyphens, at most [`ArticleId::MAX_LEN`]
/// characters, cut at a word boundary where possible. Percent-escapes are decoded first
/// (WordPress escapes non-ASCII slugs), Latin letters lose their accents (`Café Müller` →
/// `cafe-muller`) and ligatures are spelled out (`ß` → `ss`). Empty when nothing of the text
/// is Latin letters or digits.
pub fn slug(text: &str) -> String {
    let text = percent_decoded(text);
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.nfkd().filter(|c| !is_combining_mark(*c)) {
        let spelled = match c.to_lowercase().next().unwrap_or(c) {
            c @ ('a'..='z' | '0'..='9') => Some(c.to_string()),
            'ß' => Some("ss".into()),
            'æ' => Some("ae".into()),
            'œ' => Some("oe".into()),
            'ø' => Some("o".into()),
            'đ' | 'ð' => Some("d".into()),
            'þ' => Some("th".into()),
            'ł' => Some("l".into()),
            'ı' => Some("i".into()),
            // An apostrophe joins a word ("reader's" → "readers") rather than splitting it.
            '\'' | '’' => None,
            _ => {
                pending_hyphen = true;
                None
            }
        };
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
    // Only ASCII is left, so every byte index is a character boundary.
    let cut = slug.get(..max_len).unwrap_or(slug);
    let cut = match cut.rfind('-') {
        Some(at) if at > max_len / 2 => cut.get(..at).unwrap_or(cut),
        _ => cut,
    };
    cut.trim_end_matches('-')
}

fn percent_decoded(text: &str) -> String {
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

#[cfg(test)]
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
