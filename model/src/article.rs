//! The article: its types, and how each is read from JSON.

use std::fmt;

use serde_json::{Map, Value};

use crate::FORMAT_VERSION;
use crate::decode::{Decoder, Limits, Rejection, is_removed_from_text};
use crate::href::{Href, UrlUse, check_href, check_srcset, check_url, split_origin};
use crate::inline::{self, Inline};
use crate::timestamp::Timestamp;

#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    pub id: ArticleId,
    pub headline: String,
    /// The standfirst under the headline.
    pub dek: Option<String>,
    pub section: Option<String>,
    pub authors: Vec<Author>,
    pub published: Timestamp,
    pub updated: Option<Timestamp>,
    pub language: Option<Language>,
    /// The hero image.
    pub image: Option<Figure>,
    pub tags: Vec<String>,
    /// The story in a few lines, shown in a box above the body.
    pub key_points: Vec<Inline>,
    pub body: Vec<Block>,
    /// What was corrected since publication, in the order the document gives.
    pub corrections: Vec<Correction>,
    pub related: Vec<Related>,
    /// `false` when the article asks for no advertising at all.
    pub ads: bool,
    /// Live coverage: updates on a story as it unfolds, which the page keeps looking for.
    pub live: Option<Live>,
}

impl Article {
    /// The last change, when it names another moment than publication: the later of `updated`
    /// and the last correction (a correction changes the article, so its page, feed entry and
    /// JSON-LD all date themselves by it).
    pub fn distinct_update(&self) -> Option<&Timestamp> {
        let newest_update = self.live.iter().filter_map(Live::newest);
        self.updated
            .iter()
            .chain(self.corrections.iter().map(|correction| &correction.date))
            .chain(newest_update)
            .max_by_key(|moment| moment.unix_seconds())
            .filter(|last| last.unix_seconds() > self.published.unix_seconds())
    }
}

/// Live coverage: what the article's page shows under its body, and keeps up to date.
#[derive(Clone, Debug, PartialEq)]
pub struct Live {
    /// The coverage is over: the page stops looking for updates.
    pub ended: bool,
    /// How often the page looks for updates, when the article says (never under
    /// [`crate::LivePolicy::MIN_REFRESH_SECONDS`]); else the configuration's interval.
    pub refresh_seconds: Option<u32>,
    /// The update shown first, whatever its time (its id; it is one of `updates`).
    pub pinned: Option<String>,
    /// Newest first; ids are unique.
    pub updates: Vec<LiveUpdate>,
}

impl Live {
    /// The most updates an article shows; older ones are left out (and reported).
    pub const MAX_UPDATES: usize = 1000;

    /// The time of the newest update.
    pub fn newest(&self) -> Option<&Timestamp> {
        self.updates
            .iter()
            .map(|update| &update.time)
            .max_by_key(|time| time.unix_seconds())
    }

    /// The pinned update, if it is there.
    pub fn pinned_update(&self) -> Option<&LiveUpdate> {
        let pinned = self.pinned.as_deref()?;
        self.updates.iter().find(|update| update.id == pinned)
    }
}

/// One update of live coverage.
#[derive(Clone, Debug, PartialEq)]
pub struct LiveUpdate {
    /// `[A-Za-z0-9_-]`, at most 64: unique in the article, and the last part of its address.
    pub id: String,
    pub time: Timestamp,
    pub headline: Option<String>,
    pub blocks: Vec<Block>,
}

impl LiveUpdate {
    /// The longest update id.
    pub const MAX_ID_LEN: usize = 64;

    /// The element id, and so the address fragment, of the update on the article's page
    /// (prefixed, so an update can never take the id of another part of the page).
    pub fn anchor(&self) -> String {
        format!("update-{}", self.id)
    }
}

/// A correction of the article: when it was made and what it corrected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Correction {
    pub date: Timestamp,
    pub text: String,
}

/// An article id: `[a-z0-9-]+`, at most 128 characters, and the name of its file.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleId(pub(crate) String);

impl ArticleId {
    /// The longest id, in characters.
    pub const MAX_LEN: usize = 128;

    pub fn parse(id: &str) -> Result<ArticleId, String> {
        let valid_chars = id
            .bytes()
            .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-'));
        if id.is_empty() || id.len() > ArticleId::MAX_LEN || !valid_chars {
            Err(format!(
                "\"{id}\" is not an article id (1 to 128 of a-z, 0-9 and -)"
            ))
        } else {
            Ok(ArticleId(id.to_string()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Author {
    pub name: String,
    pub url: Option<Href>,
}

/// A BCP 47 language tag and the direction its script is written in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Language {
    pub tag: String,
    pub right_to_left: bool,
}

impl Language {
    /// The value of the HTML `dir` attribute for text in this language.
    pub fn direction(&self) -> &'static str {
        if self.right_to_left { "rtl" } else { "ltr" }
    }

    pub fn parse(tag: &str) -> Result<Language, String> {
        let mut subtags = tag.split('-');
        let primary = subtags.next().unwrap_or_default();
        let primary_ok =
            (2..=8).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic());
        let rest_ok = subtags
            .clone()
            .all(|s| (1..=8).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric()));
        if !primary_ok || !rest_ok {
            return Err(format!(
                "\"{tag}\" is not a BCP 47 language tag such as en or ar-EG"
            ));
        }
        const RTL_LANGUAGES: [&str; 11] = [
            "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ps", "sd", "ur", "yi",
        ];
        const RTL_SCRIPTS: [&str; 6] = ["arab", "hebr", "syrc", "thaa", "nkoo", "adlm"];
        let primary = primary.to_ascii_lowercase();
        // An explicit script subtag (four letters) decides; otherwise the language's usual one.
        let script = subtags.find(|s| s.len() == 4 && s.chars().all(|c| c.is_ascii_alphabetic()));
        let right_to_left = match script {
            Some(script) => RTL_SCRIPTS.contains(&script.to_ascii_lowercase().as_str()),
            None => RTL_LANGUAGES.contains(&primary.as_str()),
        };
        Ok(Language {
            tag: tag.to_string(),
            right_to_left,
        })
    }
}

/// An image with the box it needs, so the page can reserve the space before it loads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Image {
    pub src: String,
    /// Empty for a decorative image.
    pub alt: String,
    pub width: u32,
    pub height: u32,
    pub srcset: Option<String>,
}

/// An image in the article with its caption and credit. The image may be missing when its
/// source was unusable: the caption and credit are still worth showing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure {
    pub image: Option<Image>,
    pub caption: Option<String>,
    pub credit: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Paragraph(Inline),
    Heading {
        level: HeadingLevel,
        content: Inline,
    },
    Quote {
        content: Inline,
        cite: Option<String>,
    },
    Pullquote(Inline),
    Image(Figure),
    List {
        ordered: bool,
        items: Vec<Inline>,
    },
    /// A link card for third-party content; no third-party script ever runs.
    Embed {
        url: String,
        title: Option<String>,
    },
    Divider,
    /// An explicit advertisement slot.
    Ad(AdSize),
    Table(Table),
    /// Two or more images shown one at a time, in order.
    Gallery {
        images: Vec<Figure>,
        caption: Option<String>,
    },
    Audio(Audio),
    Video(Video),
    HostedVideo(HostedVideo),
}

/// A sound file, played with the browser's own controls.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Audio {
    pub src: String,
    /// The file's MIME type (`audio/mpeg`), a hint for the browser.
    pub mime_type: Option<String>,
    pub title: String,
    pub duration_seconds: Option<u32>,
    pub caption: Option<String>,
    pub credit: Option<String>,
}

/// A video on a video platform, played in the platform's own player (a frame) once the reader
/// asks for it. The site's configuration names the players it allows (`VideoPolicy`); another
/// is shown as a link to the video.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostedVideo {
    /// The player's address (the platform's embed URL), absolute `http:` or `https:`.
    pub player: String,
    /// What the video is: the play button's and the player frame's name.
    pub title: String,
    /// The picture shown before it plays.
    pub poster: Option<String>,
    pub width: u32,
    pub height: u32,
    pub caption: Option<String>,
    pub credit: Option<String>,
}

/// A video file on the publisher's own servers, played with the browser's own controls.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Video {
    pub src: String,
    /// The file's MIME type (`video/mp4`), a hint for the browser.
    pub mime_type: Option<String>,
    /// The picture shown before it plays.
    pub poster: Option<String>,
    pub width: u32,
    pub height: u32,
    pub tracks: Vec<Track>,
    pub caption: Option<String>,
    pub credit: Option<String>,
}

/// A WebVTT file of captions, subtitles, descriptions or chapters for a video.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Track {
    pub src: String,
    /// `captions`, `subtitles`, `descriptions` or `chapters`.
    pub kind: &'static str,
    /// The language of its text (BCP 47).
    pub language: Option<String>,
    pub label: String,
    /// Shown unless the reader turns it off.
    pub default: bool,
}

impl Track {
    pub const KINDS: [&'static str; 4] = ["captions", "subtitles", "descriptions", "chapters"];
}

/// The most images a gallery shows.
pub const GALLERY_MAX_IMAGES: usize = 100;

/// A table of text: an optional caption and header row, then rows of cells. Rows may have
/// different lengths (the view pads the short ones).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub caption: Option<String>,
    pub header: Option<Vec<Inline>>,
    pub rows: Vec<Vec<Inline>>,
}

impl Table {
    /// The most rows a table shows: a longer one is data for a download, not a page.
    pub const MAX_ROWS: usize = 1000;
    /// The most cells in a row (and in the header).
    pub const MAX_COLUMNS: usize = 20;

    /// The number of columns: the longest row's, or the header's.
    pub fn columns(&self) -> usize {
        self.rows
            .iter()
            .map(Vec::len)
            .chain(self.header.as_ref().map(Vec::len))
            .max()
            .unwrap_or(0)
    }
}

/// Heading levels inside the body: the headline is the page's only `h1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeadingLevel {
    H2,
    H3,
    H4,
}

/// The box an ad slot reserves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AdSize {
    Fixed {
        width: u16,
        height: u16,
    },
    /// As wide as the column, with a configured height.
    Fluid,
}

impl AdSize {
    /// The IAB fixed sizes Folio reserves space for.
    pub const FIXED: [(u16, u16); 6] = [
        (300, 250),
        (728, 90),
        (970, 250),
        (320, 50),
        (300, 600),
        (160, 600),
    ];

    /// The medium rectangle, which fits every column width.
    pub const MEDIUM_RECTANGLE: AdSize = AdSize::Fixed {
        width: 300,
        height: 250,
    };

    pub fn parse(text: &str) -> Result<AdSize, String> {
        if text == "fluid" {
            return Ok(AdSize::Fluid);
        }
        let size = text
            .split_once('x')
            .and_then(|(w, h)| Some((w.parse().ok()?, h.parse().ok()?)));
        match size {
            Some((width, height)) if AdSize::FIXED.contains(&(width, height)) => {
                Ok(AdSize::Fixed { width, height })
            }
            _ => Err(format!(
                "\"{text}\" is not an ad size (300x250, 728x90, 970x250, 320x50, 300x600, 160x600 or fluid)"
            )),
        }
    }
}

impl fmt::Display for AdSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AdSize::Fixed { width, height } => write!(f, "{width}x{height}"),
            AdSize::Fluid => f.write_str("fluid"),
        }
    }
}

/// A link to further reading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub title: String,
    pub href: Href,
    pub section: Option<String>,
    pub image: Option<Image>,
    pub published: Option<Timestamp>,
}

pub(crate) fn decode(
    d: &mut Decoder,
    value: &Value,
    expected_id: Option<&str>,
    limits: &Limits,
) -> Option<Article> {
    let Value::Object(object) = value else {
        d.error(format!(
            "an article must be a JSON object, found {}",
            crate::decode::kind(value)
        ));
        return None;
    };
    let version = d.required(object, "version", |d, v| {
        let version = d.whole_number(v, 1..=u64::MAX)?;
        if version > FORMAT_VERSION {
            d.reject(
                Rejection::NewerVersion,
                format!(
                    "this article uses format version {version}; this viewer reads version \
                 {FORMAT_VERSION}. Update Folio to show it"
                ),
            );
            return None;
        }
        Some(version)
    });
    let id = d.required(object, "id", |d, v| {
        let id = ArticleId::parse(d.raw_string(v)?)
            .map_err(|e| d.error(e))
            .ok()?;
        match expected_id {
            Some(expected) if expected != id.as_str() => {
                d.error(format!(
                    "the document is \"{id}\" but was requested as \"{expected}\""
                ));
                None
            }
            _ => Some(id),
        }
    });
    let headline = d.required(object, "headline", Decoder::text);
    let published = d.required(object, "published", timestamp);
    let updated = d.optional(object, "updated", timestamp);
    let dek = d.optional(object, "dek", Decoder::text);
    let section = d.optional(object, "section", Decoder::text);
    let authors = d
        .optional(object, "authors", |d, v| d.list(v, author))
        .unwrap_or_default();
    let language = d.optional(object, "language", |d, v| {
        Language::parse(&d.string(v)?).map_err(|e| d.error(e)).ok()
    });
    let image = d.optional(object, "image", figure);
    let tags = d
        .optional(object, "tags", |d, v| d.list(v, Decoder::text))
        .unwrap_or_default();
    let key_points = d
        .optional(object, "keyPoints", |d, v| d.list(v, inline::decode))
        .unwrap_or_default();
    let body = body(d, object, limits);
    let corrections = d
        .optional(object, "corrections", |d, v| d.list(v, correction))
        .unwrap_or_default();
    let related = d
        .optional(object, "related", |d, v| d.list(v, related))
        .unwrap_or_default();
    let ads = d.optional(object, "ads", Decoder::bool).unwrap_or(true);
    let live = d.optional(object, "live", |d, v| live(d, v, limits));
    for key in object.keys() {
        if !FIELDS.contains(&key.as_str()) {
            // A viewer skips what it does not know; the publisher should know it was skipped.
            d.at_key(key, |d| {
                d.notice("is not a field of format v1 (a newer Folio may show it); skipped");
            });
        }
    }

    let _ = version?;
    if d.is_rejected() {
        return None;
    }
    Some(Article {
        id: id?,
        headline: headline?,
        dek,
        section,
        authors,
        published: published?,
        updated,
        language,
        image,
        tags,
        key_points,
        body: body?,
        corrections,
        related,
        ads,
        live,
    })
}

/// The article's fields in format v1: any other is reported as skipped.
const FIELDS: [&str; 18] = [
    "$schema",
    "version",
    "id",
    "headline",
    "dek",
    "section",
    "authors",
    "published",
    "updated",
    "language",
    "image",
    "tags",
    "keyPoints",
    "body",
    "corrections",
    "related",
    "ads",
    "live",
];

fn live(d: &mut Decoder, value: &Value, limits: &Limits) -> Option<Live> {
    use crate::config::LivePolicy;
    let object = d.object(value)?;
    let ended = d
        .optional(object, "status", |d, v| match d.string(v)?.as_str() {
            "live" => Some(false),
            "ended" => Some(true),
            other => {
                d.error(format!("\"{other}\" is not \"live\" or \"ended\""));
                None
            }
        })
        .unwrap_or(false);
    let refresh_seconds = d.optional(object, "refreshSeconds", |d, v| {
        let seconds = u32::try_from(d.whole_number(v, 1..=86_400)?).ok()?;
        let allowed = LivePolicy::MIN_REFRESH_SECONDS..=LivePolicy::MAX_REFRESH_SECONDS;
        if !allowed.contains(&seconds) {
            d.notice(format!(
                "{seconds} s is outside {} to {} s; the page uses {} s",
                allowed.start(),
                allowed.end(),
                seconds.clamp(*allowed.start(), *allowed.end())
            ));
        }
        Some(seconds.clamp(*allowed.start(), *allowed.end()))
    });
    let mut updates = d
        .required(object, "updates", |d, v| {
            let Value::Array(items) = v else {
                return d.list(v, |_, _| None::<LiveUpdate>);
            };
            let blocks: usize = items
                .iter()
                .filter_map(|item| item.get("body").and_then(Value::as_array).map(Vec::len))
                .sum();
            if blocks > limits.max_blocks {
                d.reject(
                    Rejection::TooLarge,
                    format!("have {blocks} blocks; the limit is {}", limits.max_blocks),
                );
                return None;
            }
            if items.len() > Live::MAX_UPDATES {
                d.error(format!(
                    "has {} updates; an article shows at most {}, the rest were left out",
                    items.len(),
                    Live::MAX_UPDATES
                ));
            }
            let mut read = 0;
            let mut seen: Vec<String> = Vec::new();
            d.list(v, |d, item| {
                read += 1;
                if read > Live::MAX_UPDATES {
                    return None;
                }
                let update = live_update(d, item)?;
                if seen.contains(&update.id) {
                    d.at_key("id", |d| {
                        d.error(format!(
                            "\"{}\" is the id of an update before it; this one was left out",
                            update.id
                        ));
                    });
                    return None;
                }
                seen.push(update.id.clone());
                Some(update)
            })
        })
        .unwrap_or_default();
    // Newest first, whatever order the document gives; updates of one moment keep theirs.
    updates.sort_by_key(|update: &LiveUpdate| std::cmp::Reverse(update.time.unix_seconds()));
    let pinned = d.optional(object, "pinned", |d, v| {
        let id = d.string(v)?;
        if updates.iter().any(|update| update.id == id) {
            Some(id)
        } else {
            d.error(format!("\"{id}\" is not the id of one of the updates"));
            None
        }
    });
    Some(Live {
        ended,
        refresh_seconds,
        pinned,
        updates,
    })
}

fn live_update(d: &mut Decoder, value: &Value) -> Option<LiveUpdate> {
    let object = d.object(value)?;
    let id = d.required(object, "id", |d, v| {
        let id = d.raw_string(v)?;
        let valid = !id.is_empty()
            && id.len() <= LiveUpdate::MAX_ID_LEN
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'));
        if valid {
            Some(id.to_string())
        } else {
            d.error(format!(
                "\"{id}\" is not an update id (1 to {} of A-Z, a-z, 0-9, - and _)",
                LiveUpdate::MAX_ID_LEN
            ));
            None
        }
    });
    let time = d.required(object, "time", timestamp);
    let headline = d.optional(object, "headline", Decoder::text);
    let blocks = d
        .required(object, "body", |d, v| {
            d.list(v, |d, block_value| {
                let read = block(d, block_value)?;
                if matches!(read, Block::Ad(_)) {
                    d.notice("ad slots go in the article's body, not in its updates; skipped");
                    return None;
                }
                Some(read)
            })
        })
        .unwrap_or_default();
    Some(LiveUpdate {
        id: id?,
        time: time?,
        headline,
        blocks,
    })
}

fn correction(d: &mut Decoder, value: &Value) -> Option<Correction> {
    let object = d.object(value)?;
    let date = d.required(object, "date", timestamp);
    let text = d.required(object, "text", Decoder::text);
    Some(Correction {
        date: date?,
        text: text?,
    })
}

/// The body, or `None` when it is over the block limit (the reader gets a clear message rather
/// than a frozen tab). A missing or malformed body is reported and shown as empty.
fn body(d: &mut Decoder, object: &Map<String, Value>, limits: &Limits) -> Option<Vec<Block>> {
    match object.get("body") {
        Some(Value::Array(blocks)) if blocks.len() > limits.max_blocks => {
            d.at_key("body", |d| {
                let message = format!(
                    "has {} blocks; the limit is {}",
                    blocks.len(),
                    limits.max_blocks
                );
                d.reject(Rejection::TooLarge, message);
            });
            None
        }
        _ => Some(
            d.required(object, "body", |d, v| d.list(v, block))
                .unwrap_or_default(),
        ),
    }
}

pub(crate) fn timestamp(d: &mut Decoder, value: &Value) -> Option<Timestamp> {
    Timestamp::parse(&d.string(value)?)
        .map_err(|e| d.error(e))
        .ok()
}

fn author(d: &mut Decoder, value: &Value) -> Option<Author> {
    let object = d.object(value)?;
    let name = d.required(object, "name", Decoder::text)?;
    let url = d.optional(object, "url", href);
    Some(Author { name, url })
}

fn href(d: &mut Decoder, value: &Value) -> Option<Href> {
    check_href(&d.string(value)?).map_err(|e| d.error(e)).ok()
}

/// Reads an image object. Every field it needs is checked, so one bad field drops the image,
/// never the document.
pub(crate) fn image(d: &mut Decoder, object: &Map<String, Value>) -> Option<Image> {
    let src = d.required(object, "src", media_url);
    let alt = d.at_key("alt", |d| match object.get("alt") {
        None | Some(Value::Null) => {
            d.error("is required: describe the image, or use \"\" for a decorative one");
            None
        }
        Some(alt) => d.string(alt),
    });
    let width = side(d, object, "width");
    let height = side(d, object, "height");
    let srcset = d.optional(object, "srcset", |d, v| {
        let raw = d.raw_string(v)?;
        if raw.chars().any(is_removed_from_text) {
            d.error("control characters and bidirectional overrides are not allowed in a srcset");
            return None;
        }
        let (srcset, dropped) = check_srcset(raw);
        for reason in dropped {
            d.error(reason);
        }
        srcset
    });
    Some(Image {
        src: src?,
        alt: alt?,
        width: width?,
        height: height?,
        srcset,
    })
}

/// An image's or a video's `width` or `height`: the pixels its box is reserved from.
fn side(d: &mut Decoder, object: &Map<String, Value>, key: &str) -> Option<u32> {
    const MAX_SIDE: u64 = 20_000;
    d.required(object, key, |d, v| {
        u32::try_from(d.whole_number(v, 1..=MAX_SIDE)?).ok()
    })
}

fn figure(d: &mut Decoder, value: &Value) -> Option<Figure> {
    let object = d.object(value)?;
    let image = image(d, object);
    // A figure is part of the article: an empty alt (fine for a thumbnail beside its title)
    // hides what it shows from screen-reader users, so the checker points it out.
    if image
        .as_ref()
        .is_some_and(|image| image.alt.trim().is_empty())
    {
        d.at_key("alt", |d| {
            d.notice(
                "is empty: screen readers skip this image; describe what it shows, unless the \
                 text around it already says it",
            );
        });
    }
    let caption = d.optional(object, "caption", Decoder::text);
    let credit = d.optional(object, "credit", Decoder::text);
    (image.is_some() || caption.is_some() || credit.is_some()).then_some(Figure {
        image,
        caption,
        credit,
    })
}

fn block(d: &mut Decoder, value: &Value) -> Option<Block> {
    let object = d.object(value)?;
    let kind = d.required(object, "type", Decoder::string)?;
    let content = |d: &mut Decoder| d.required(object, "content", inline::decode);
    match kind.as_str() {
        "paragraph" => content(d).map(Block::Paragraph),
        "heading" => {
            let level = d.required(object, "level", |d, v| match d.whole_number(v, 2..=4)? {
                2 => Some(HeadingLevel::H2),
                3 => Some(HeadingLevel::H3),
                _ => Some(HeadingLevel::H4),
            });
            // A heading with a bad level is still a heading: show it at the middle level.
            Some(Block::Heading {
                level: level.unwrap_or(HeadingLevel::H3),
                content: content(d)?,
            })
        }
        "quote" => {
            let cite = d.optional(object, "cite", Decoder::text);
            Some(Block::Quote {
                content: content(d)?,
                cite,
            })
        }
        "pullquote" => content(d).map(Block::Pullquote),
        "image" => figure(d, value).map(Block::Image),
        "list" => {
            let ordered = d
                .optional(object, "ordered", Decoder::bool)
                .unwrap_or(false);
            let items = d.required(object, "items", |d, v| d.list(v, inline::decode))?;
            Some(Block::List { ordered, items })
        }
        "embed" => {
            let url = d.required(object, "url", |d, v| {
                check_url(&d.string(v)?, UrlUse::Web)
                    .map_err(|e| d.error(e))
                    .ok()
            })?;
            let title = d.optional(object, "title", Decoder::text);
            Some(Block::Embed { url, title })
        }
        "divider" => Some(Block::Divider),
        "ad" => {
            let size = d.optional(object, "size", |d, v| {
                AdSize::parse(&d.string(v)?).map_err(|e| d.error(e)).ok()
            });
            Some(Block::Ad(size.unwrap_or(AdSize::MEDIUM_RECTANGLE)))
        }
        "table" => table(d, object).map(Block::Table),
        "audio" => audio(d, object).map(Block::Audio),
        "video" => video(d, object).map(Block::Video),
        "hostedVideo" => hosted_video(d, object).map(Block::HostedVideo),
        "gallery" => {
            let caption = d.optional(object, "caption", Decoder::text);
            let images = d.required(object, "images", |d, v| {
                let mut read = 0;
                let images = d.list(v, |d, image| {
                    read += 1;
                    (read <= GALLERY_MAX_IMAGES)
                        .then(|| figure(d, image))
                        .flatten()
                })?;
                if read < 2 {
                    d.error("needs at least two images (an image block shows one)");
                } else if read > GALLERY_MAX_IMAGES {
                    d.error(format!(
                        "has {read} images; a gallery shows at most {GALLERY_MAX_IMAGES}, the \
                         rest were left out"
                    ));
                }
                Some(images)
            })?;
            (!images.is_empty()).then_some(Block::Gallery { images, caption })
        }
        unknown => {
            d.notice(format!("unknown block type \"{unknown}\" was skipped"));
            None
        }
    }
}

fn audio(d: &mut Decoder, object: &Map<String, Value>) -> Option<Audio> {
    let src = d.required(object, "src", media_url);
    let mime_type = d.optional(object, "mimeType", |d, v| mime_type(d, v, "audio"));
    let title = d.required(object, "title", Decoder::text);
    let duration_seconds = d.optional(object, "duration", |d, v| {
        u32::try_from(d.whole_number(v, 1..=86_400)?).ok()
    });
    let caption = d.optional(object, "caption", Decoder::text);
    let credit = d.optional(object, "credit", Decoder::text);
    Some(Audio {
        src: src?,
        mime_type,
        title: title?,
        duration_seconds,
        caption,
        credit,
    })
}

fn video(d: &mut Decoder, object: &Map<String, Value>) -> Option<Video> {
    let src = d.required(object, "src", media_url);
    let mime_type = d.optional(object, "mimeType", |d, v| mime_type(d, v, "video"));
    let poster = d.optional(object, "poster", media_url);
    let width = side(d, object, "width");
    let height = side(d, object, "height");
    let tracks = d
        .optional(object, "tracks", |d, v| {
            d.list(v, |d, track| video_track(d, track, src.as_deref()))
        })
        .unwrap_or_default();
    let caption = d.optional(object, "caption", Decoder::text);
    let credit = d.optional(object, "credit", Decoder::text);
    Some(Video {
        src: src?,
        mime_type,
        poster,
        width: width?,
        height: height?,
        tracks,
        caption,
        credit,
    })
}

fn hosted_video(d: &mut Decoder, object: &Map<String, Value>) -> Option<HostedVideo> {
    let player = d.required(object, "player", |d, v| {
        check_url(&d.string(v)?, UrlUse::Web)
            .map_err(|e| d.error(e))
            .ok()
    });
    let title = d.required(object, "title", Decoder::text);
    let poster = d.optional(object, "poster", media_url);
    let width = side(d, object, "width");
    let height = side(d, object, "height");
    let caption = d.optional(object, "caption", Decoder::text);
    let credit = d.optional(object, "credit", Decoder::text);
    Some(HostedVideo {
        player: player?,
        title: title?,
        poster,
        width: width?,
        height: height?,
        caption,
        credit,
    })
}

/// A track of a video at `video_src`. Browsers load a track from another origin than the
/// page's only with CORS, which a publisher's file server rarely sends: a track must be where
/// its video is (both relative to the site, or both on one origin).
fn video_track(d: &mut Decoder, value: &Value, video_src: Option<&str>) -> Option<Track> {
    let object = d.object(value)?;
    let src = d.required(object, "src", |d, v| {
        let src = media_url(d, v)?;
        if video_src.is_some_and(|video| url_origin(video) != url_origin(&src)) {
            d.error(
                "must be on the video's own server (a browser loads a track from elsewhere only \
                 if that server sends CORS headers)",
            );
            return None;
        }
        Some(src)
    });
    let kind = d
        .optional(object, "kind", |d, v| {
            let kind = d.string(v)?;
            let known = Track::KINDS.into_iter().find(|known| *known == kind);
            if known.is_none() {
                d.error(format!(
                    "\"{kind}\" is not a kind of track (captions, subtitles, descriptions or \
                     chapters)"
                ));
            }
            known
        })
        .unwrap_or("captions");
    let language = d.optional(object, "language", |d, v| {
        Language::parse(&d.string(v)?)
            .map(|language| language.tag)
            .map_err(|e| d.error(e))
            .ok()
    });
    let label = d.required(object, "label", Decoder::text);
    let default = d
        .optional(object, "default", Decoder::bool)
        .unwrap_or(false);
    Some(Track {
        src: src?,
        kind,
        language,
        label: label?,
        default,
    })
}

fn media_url(d: &mut Decoder, value: &Value) -> Option<String> {
    check_url(&d.string(value)?, UrlUse::Media)
        .map_err(|e| d.error(e))
        .ok()
}

/// A MIME type of `family` (`audio/ogg`, `video/mp4; codecs="avc1"`): a hint, so a wrong one is
/// reported and left out (the browser then looks at the file itself).
fn mime_type(d: &mut Decoder, value: &Value, family: &str) -> Option<String> {
    let text = d.string(value)?;
    let essence = text.split(';').next().unwrap_or_default().trim();
    let valid = essence
        .strip_prefix(family)
        .and_then(|rest| rest.strip_prefix('/'))
        .is_some_and(|subtype| {
            !subtype.is_empty()
                && subtype
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '-'))
        });
    if valid {
        Some(text)
    } else {
        d.error(format!(
            "\"{text}\" is not a MIME type of {family} such as {family}/mp4"
        ));
        None
    }
}

/// The origin of an absolute `http:` or `https:` URL, without case; `None` for a relative one
/// (the site's).
fn url_origin(url: &str) -> Option<String> {
    split_origin(url).map(|(origin, _)| origin.to_ascii_lowercase())
}

/// A table; beyond its limits, the rows and cells that fit are kept and the cut is reported
/// once (not once per row: a table of 3,000 wide rows is one mistake).
fn table(d: &mut Decoder, object: &Map<String, Value>) -> Option<Table> {
    let caption = d.optional(object, "caption", Decoder::text);
    let header = d.optional(object, "header", |d, v| {
        let mut cells = table_row(d, v)?;
        if cells.len() > Table::MAX_COLUMNS {
            d.error(format!(
                "has {} cells; a table shows at most {}, the rest were left out",
                cells.len(),
                Table::MAX_COLUMNS
            ));
            cells.truncate(Table::MAX_COLUMNS);
        }
        Some(cells)
    });
    let rows = d.required(object, "rows", |d, v| {
        let mut read = 0;
        let mut rows = d.list(v, |d, row| {
            read += 1;
            (read <= Table::MAX_ROWS)
                .then(|| table_row(d, row))
                .flatten()
        })?;
        if read == 0 {
            d.error("must hold at least one row");
            return None;
        }
        if read > Table::MAX_ROWS {
            d.error(format!(
                "has {read} rows; a table shows at most {}, the rest were left out",
                Table::MAX_ROWS
            ));
        }
        let wide = rows
            .iter()
            .filter(|row| row.len() > Table::MAX_COLUMNS)
            .count();
        if wide > 0 {
            let widest = rows.iter().map(Vec::len).max().unwrap_or_default();
            d.error(format!(
                "rows with more than {} cells: {wide} (the widest has {widest}); a table \
                 shows at most {}, the rest were left out",
                Table::MAX_COLUMNS,
                Table::MAX_COLUMNS
            ));
            for row in &mut rows {
                row.truncate(Table::MAX_COLUMNS);
            }
        }
        Some(rows)
    })?;
    Some(Table {
        caption,
        header,
        rows,
    })
}

/// A row of cells. An unusable cell is reported and left empty: dropping it would move the
/// cells after it into the wrong columns.
fn table_row(d: &mut Decoder, value: &Value) -> Option<Vec<Inline>> {
    d.list(value, |d, cell| {
        Some(inline::decode(d, cell).unwrap_or_default())
    })
}

fn related(d: &mut Decoder, value: &Value) -> Option<Related> {
    let object = d.object(value)?;
    let title = d.required(object, "title", Decoder::text);
    let href = d.required(object, "url", href);
    let section = d.optional(object, "section", Decoder::text);
    let image = d.optional(object, "image", |d, v| {
        let object = d.object(v)?;
        image(d, object)
    });
    let published = d.optional(object, "published", timestamp);
    Some(Related {
        title: title?,
        href: href?,
        section,
        image,
        published,
    })
}
