//! How long an article takes to read, estimated as Firefox's Reader View does: the length of
//! its text in characters over a reading speed in characters per minute for its language.

use crate::article::{Article, Block, Figure};
use crate::inline::Inline;

/// Characters per minute by primary language subtag, from the study Firefox's Reader View
/// cites (Trauzettel-Klosinski and Dietz, "Standardized Assessment of Reading Performance",
/// IOVS 2012). English is the fallback.
const CHARACTERS_PER_MINUTE: [(&str, u32); 17] = [
    ("en", 987),
    ("ar", 612),
    ("de", 920),
    ("es", 1025),
    ("fi", 1078),
    ("fr", 998),
    ("he", 833),
    ("it", 950),
    ("ja", 357),
    ("nl", 978),
    ("pl", 916),
    ("pt", 913),
    ("ru", 986),
    ("sl", 885),
    ("sv", 917),
    ("tr", 1054),
    ("zh", 255),
];

/// The reading speed for a BCP 47 tag, by its primary subtag.
pub fn characters_per_minute(language: Option<&str>) -> u32 {
    let primary = language
        .and_then(|tag| tag.split(['-', '_']).next())
        .unwrap_or("en")
        .to_ascii_lowercase();
    CHARACTERS_PER_MINUTE
        .iter()
        .find(|(tag, _)| *tag == primary)
        .map_or(987, |(_, speed)| *speed)
}

/// The characters a reader reads: the key points, and in the body and the live updates
/// paragraphs, headings, quotes, lists, captions (galleries' too) and tables.
pub fn text_length(article: &Article) -> usize {
    let chars = |text: &str| text.chars().count();
    let inlines =
        |items: &[Inline]| -> usize { items.iter().map(|item| chars(&item.plain_text())).sum() };
    let updates = article.live.iter().flat_map(|live| &live.updates);
    inlines(&article.key_points)
        + article.body.iter().map(block_length).sum::<usize>()
        + updates
            .map(|update| {
                update.headline.as_deref().map_or(0, chars)
                    + update.blocks.iter().map(block_length).sum::<usize>()
            })
            .sum::<usize>()
}

fn block_length(block: &Block) -> usize {
    let chars = |text: &str| text.chars().count();
    let captions = |figure: &Figure| {
        figure.caption.as_deref().map_or(0, chars) + figure.credit.as_deref().map_or(0, chars)
    };
    let inlines =
        |items: &[Inline]| -> usize { items.iter().map(|item| chars(&item.plain_text())).sum() };
    match block {
        Block::Paragraph(content) | Block::Heading { content, .. } | Block::Pullquote(content) => {
            chars(&content.plain_text())
        }
        Block::Quote { content, cite } => {
            chars(&content.plain_text()) + cite.as_deref().map_or(0, chars)
        }
        Block::List { items, .. } => inlines(items),
        Block::Image(figure) => captions(figure),
        Block::Gallery { images, caption } => {
            caption.as_deref().map_or(0, chars) + images.iter().map(captions).sum::<usize>()
        }
        Block::Embed { title, .. } => title.as_deref().map_or(0, chars),
        // What is said on the caption lines; the recording's own time is not reading.
        Block::Audio(audio) => {
            chars(&audio.title)
                + audio.caption.as_deref().map_or(0, chars)
                + audio.credit.as_deref().map_or(0, chars)
        }
        Block::Video(video) => {
            video.caption.as_deref().map_or(0, chars) + video.credit.as_deref().map_or(0, chars)
        }
        Block::HostedVideo(video) => {
            video.caption.as_deref().map_or(0, chars) + video.credit.as_deref().map_or(0, chars)
        }
        Block::Table(table) => {
            table.caption.as_deref().map_or(0, chars)
                + table.header.as_deref().map_or(0, inlines)
                + table.rows.iter().map(|row| inlines(row)).sum::<usize>()
        }
        Block::Divider | Block::Ad(_) => 0,
    }
}

/// Whole minutes to read the article, at least one.
pub fn reading_minutes(article: &Article) -> u32 {
    let speed = characters_per_minute(article.language.as_ref().map(|l| l.tag.as_str()));
    let length = u32::try_from(text_length(article)).unwrap_or(u32::MAX);
    length.div_ceil(speed).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speeds_follow_the_primary_subtag_with_english_as_fallback() {
        assert_eq!(characters_per_minute(Some("en-GB")), 987);
        assert_eq!(characters_per_minute(Some("AR")), 612);
        assert_eq!(characters_per_minute(Some("he-IL")), 833);
        assert_eq!(characters_per_minute(Some("xx")), 987);
        assert_eq!(characters_per_minute(None), 987);
    }

    #[test]
    fn minutes_round_up_and_never_reach_zero() {
        let json = |text: &str, lang: &str| {
            format!(
                r#"{{"version": 1, "id": "a", "headline": "H", "published": "2026-11-28T09:00:00Z",
                   "language": "{lang}", "body": [{{"type": "paragraph", "content": "{text}"}}]}}"#
            )
        };
        let minutes = |text: &str, lang: &str| {
            let decoded =
                crate::decode_article(json(text, lang).as_bytes(), None, &Default::default())
                    .unwrap();
            reading_minutes(&decoded.value)
        };
        assert_eq!(minutes("short", "en"), 1);
        assert_eq!(minutes(&"x".repeat(987), "en"), 1);
        assert_eq!(minutes(&"x".repeat(988), "en"), 2);
        assert_eq!(minutes(&"x".repeat(1300), "ar"), 3);
    }
}
