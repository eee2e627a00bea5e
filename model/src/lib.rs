//! Folio's article format, version 1: the typed model and the one way to get it from bytes.
//!
//! Article JSON comes from CMS exports, hand edits and third-party feeds, so decoding never
//! trusts its input and never stops at the first problem. Bytes are parsed into a
//! `serde_json::Value`, then [`decode`] walks that value field by field, building the model and
//! recording every [`Problem`] with its JSON path (`body[12].content[3].href`). What can be shown
//! safely is kept (a bad link loses its `href`, a bad image is dropped with its caption kept, an
//! unknown block is skipped); a document is refused only when a required field is unusable.
//!
//! Everything this crate returns is safe to put in a page as *text* and as the attributes it is
//! meant for: URLs are filtered to `http:`, `https:`, `mailto:` and relative paths.
//!
//! ```
//! let json = br#"{"version": 1, "id": "hello", "headline": "Hello",
//!                 "published": "2026-11-28T09:00:00Z", "body": ["not a block"]}"#;
//! let decoded = folio_model::decode_article(json, Some("hello"), &Default::default()).unwrap();
//! assert_eq!(decoded.value.headline, "Hello");
//! assert_eq!(decoded.problems[0].path, "body[0]");
//! ```

mod ads;
mod article;
mod config;
mod decode;
mod encode;
mod head;
mod href;
mod index;
mod inline;
mod listing;
mod problem;
mod reading;
mod slug;
mod strings;
mod timestamp;

pub use ads::{AdPlan, AdSlotSpec, BodyItem, DESKTOP_MIN_WIDTH_PX, SlotPosition, plan_ads};
pub use article::{
    AdSize, Article, ArticleId, Audio, Author, Block, Correction, Figure, GALLERY_MAX_IMAGES,
    HeadingLevel, HostedVideo, Image, Language, Live, LiveUpdate, Related, Table, Track, Video,
};
pub use config::{
    AdPolicy, Config, ContentLocation, LinkPolicy, LivePolicy, NetworkPolicy, OfflinePolicy,
    VideoPolicy, decode_config, default_config,
};
pub use decode::{Decoded, Limits, Rejected, Rejection, decode_article, decode_index, fingerprint};
pub use encode::{encode_article, encode_index};
pub use head::{ArticleHead, MetaAttribute, MetaTag, PageContext, article_head};
pub use href::{
    Href, UrlUse, check_href, check_srcset, check_url, rebase_srcset, split_origin, url_host,
};
pub use index::{Index, IndexEntry};
pub use inline::{Inline, Marks, Run};
pub use listing::{Listing, PageNumber};
pub use problem::{Problem, Severity};
pub use reading::{characters_per_minute, reading_minutes, text_length};
#[cfg(feature = "normalization")]
pub use slug::{Normalization, listing_slug, slug};
pub use slug::{UnicodeForms, is_listing_slug, listing_slug_with};
pub use strings::{Strings, strings_for};
pub use timestamp::Timestamp;

/// The only version of the format this build reads.
pub const FORMAT_VERSION: u64 = 1;
