//! `folio.config.json`: the publisher's run-time configuration, read by the app at start-up.
//!
//! Every key is optional. A configuration is never refused: a bad value is reported (with its
//! JSON path, like article problems) and its default is used, so a typo cannot take a site down.

use serde_json::{Map, Value};

use crate::article::AdSize;
use crate::decode::{Decoded, Decoder, Limits, fingerprint, parse};
use crate::href::split_origin;

/// The whole configuration, with defaults for everything not given.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Shown in the header and the document title.
    pub site_name: String,
    pub content: ContentLocation,
    pub ads: AdPolicy,
    pub links: LinkPolicy,
    pub limits: Limits,
    pub network: NetworkPolicy,
    pub offline: OfflinePolicy,
    pub video: VideoPolicy,
    pub live: LivePolicy,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            site_name: "Folio".into(),
            content: ContentLocation::default(),
            ads: AdPolicy::default(),
            links: LinkPolicy::default(),
            limits: Limits::default(),
            network: NetworkPolicy::default(),
            offline: OfflinePolicy::default(),
            video: VideoPolicy::default(),
            live: LivePolicy::default(),
        }
    }
}

/// Which video platforms' players a `hostedVideo` block may load (docs/configuration.md).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VideoPolicy {
    /// The address prefixes of the allowed players, each an origin and a path ending in `/`
    /// (`https://www.youtube-nocookie.com/embed/`). None: every hosted video is a link.
    pub players: Vec<String>,
}

impl VideoPolicy {
    /// Whether the player at `url` (an absolute URL the model let through) may be framed: it
    /// starts with an allowed prefix, scheme and host compared without case, and its path
    /// cannot climb out of the prefix (no `..` segment, no backslash).
    pub fn allows(&self, url: &str) -> bool {
        let climbs = url.contains('\\')
            || url
                .split(['?', '#'])
                .next()
                .unwrap_or_default()
                .split('/')
                .any(|segment| segment == ".." || segment.eq_ignore_ascii_case("%2e%2e"));
        let Some((origin, path)) = split_origin(url) else {
            return false;
        };
        !climbs
            && self.players.iter().any(|prefix| {
                split_origin(prefix).is_some_and(|(allowed_origin, allowed_path)| {
                    allowed_origin.eq_ignore_ascii_case(origin) && path.starts_with(allowed_path)
                })
            })
    }

    /// The origins of the allowed players, once each: what the page's Content-Security-Policy
    /// must name in `frame-src`.
    pub fn player_origins(&self) -> Vec<String> {
        let mut origins: Vec<String> = Vec::new();
        for origin in self.players.iter().filter_map(|p| split_origin(p)) {
            let origin = origin.0.to_ascii_lowercase();
            if !origins.contains(&origin) {
                origins.push(origin);
            }
        }
        origins
    }
}

/// How a live article (one whose coverage has not ended) keeps itself up to date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LivePolicy {
    /// Seconds between two checks for new updates, unless the article sets its own; never
    /// fewer than [`LivePolicy::MIN_REFRESH_SECONDS`].
    pub refresh_seconds: u32,
}

impl LivePolicy {
    /// The shortest interval between two checks, whatever a document or configuration says:
    /// a busy live page must not become a load test of the publisher's server.
    pub const MIN_REFRESH_SECONDS: u32 = 15;
    /// The longest an interval may be set to (an hour); longer is not live.
    pub const MAX_REFRESH_SECONDS: u32 = 3600;
    /// The longest wait after failed checks (unless the interval itself is longer).
    pub const MAX_BACKOFF_SECONDS: u32 = 600;

    /// The seconds between checks of `live`: its own interval, else the configuration's,
    /// within the limits.
    pub fn interval_for(&self, live: &crate::Live) -> u32 {
        live.refresh_seconds
            .unwrap_or(self.refresh_seconds)
            .clamp(Self::MIN_REFRESH_SECONDS, Self::MAX_REFRESH_SECONDS)
    }

    /// The wait before the next check after `failures` failed ones in a row: the interval,
    /// doubled with each failure, up to [`LivePolicy::MAX_BACKOFF_SECONDS`]. A server in
    /// trouble is not asked again and again by every open page.
    pub fn delay_seconds(interval: u32, failures: u32) -> u32 {
        let backed_off = interval.saturating_mul(1 << failures.min(16));
        backed_off.min(Self::MAX_BACKOFF_SECONDS.max(interval))
    }
}

impl Default for LivePolicy {
    fn default() -> Self {
        LivePolicy {
            refresh_seconds: 30,
        }
    }
}

/// What the service worker keeps for reading offline (docs/offline.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OfflinePolicy {
    /// `false`: no service worker, and one a reader already has is removed with what it kept.
    pub enabled: bool,
    /// How many of the articles the reader opened are kept, the oldest dropped first.
    pub articles: u32,
    /// How many bytes of those articles' images are kept, the oldest dropped first.
    pub image_bytes: u64,
}

impl Default for OfflinePolicy {
    fn default() -> Self {
        OfflinePolicy {
            enabled: true,
            articles: 50,
            image_bytes: 50 * 1024 * 1024,
        }
    }
}

/// How patiently content is fetched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NetworkPolicy {
    /// A request (headers and body) that takes longer is abandoned, in milliseconds.
    pub timeout_ms: u32,
    /// How many times a request that failed on the network, timed out or got a 5xx answer is
    /// tried again (a 4xx answer is final), waiting 500 ms, then 1 s, 2 s, … in between.
    pub retries: u32,
}

impl Default for NetworkPolicy {
    fn default() -> Self {
        NetworkPolicy {
            timeout_ms: 10_000,
            retries: 2,
        }
    }
}

/// How links that leave the site open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LinkPolicy {
    /// Open links to other sites in a new tab (`"external": "new-tab"`) rather than in place
    /// (`"same-tab"`, the default).
    pub external_in_new_tab: bool,
}

/// Where the content documents are. `base` is resolved against the app's base URL, so it may
/// be relative (`content/`, the default: the sample content beside the app) or an absolute URL
/// on another origin (which must then send CORS headers).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentLocation {
    pub base: String,
    /// Relative to `base`; `{id}` is replaced by the article id.
    pub article: String,
    /// Relative to `base`.
    pub index: String,
}

impl Default for ContentLocation {
    fn default() -> Self {
        ContentLocation {
            base: "content/".into(),
            article: "articles/{id}.json".into(),
            index: "index.json".into(),
        }
    }
}

impl ContentLocation {
    /// The article's URL relative to the app's base URL (or absolute).
    pub fn article_path(&self, id: &crate::ArticleId) -> String {
        format!("{}{}", self.base, self.article.replace("{id}", id.as_str()))
    }

    /// The front page's first listing page.
    pub fn index_path(&self) -> String {
        self.listing_path(&crate::Listing::Front, None)
    }

    /// A listing page's document, relative to the app's base URL (or absolute).
    pub fn listing_path(&self, listing: &crate::Listing, page: crate::PageNumber) -> String {
        format!("{}{}", self.base, listing.document_path(&self.index, page))
    }
}

/// Where advertisement slots go and when they are announced to the host's ad script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdPolicy {
    /// `false`: no slot anywhere, and no space reserved.
    pub enabled: bool,
    /// A slot above the article.
    pub top: bool,
    /// A slot after the body.
    pub bottom: bool,
    /// Automatic in-body slots go after every this many paragraphs (0: none).
    pub every_paragraphs: usize,
    /// No automatic slot before this many paragraphs have been read.
    pub first_after_paragraph: usize,
    /// At most this many in-body slots, explicit `ad` blocks included.
    pub max_in_body: usize,
    /// The size of automatic in-body slots.
    pub in_body_size: AdSize,
    /// The height, in CSS pixels, a `fluid` slot reserves.
    pub fluid_height: u32,
    /// How near the viewport a slot must come before it is announced, as an
    /// IntersectionObserver `rootMargin` (`"200px 0px"`).
    pub root_margin: String,
    /// Announce no slot until the page grants consent (see docs/ads.md).
    pub require_consent: bool,
}

impl Default for AdPolicy {
    fn default() -> Self {
        AdPolicy {
            enabled: true,
            top: true,
            bottom: true,
            every_paragraphs: 4,
            first_after_paragraph: 3,
            max_in_body: 3,
            in_body_size: AdSize::MEDIUM_RECTANGLE,
            fluid_height: 250,
            root_margin: "200px 0px".into(),
            require_consent: false,
        }
    }
}

/// What a site without a configuration file runs with: the defaults, decoded from no bytes.
pub fn default_config() -> Decoded<Config> {
    Decoded {
        value: Config::default(),
        problems: Vec::new(),
        source: fingerprint(&[]),
    }
}

/// Reads a configuration. Never fails: unreadable input gives the defaults and a problem.
pub fn decode_config(bytes: &[u8]) -> Decoded<Config> {
    let mut decoder = Decoder::default();
    let config = match parse(bytes, &Limits::default()) {
        Ok(value) => read_config(&mut decoder, &value),
        Err(rejected) => {
            return Decoded {
                value: Config::default(),
                problems: rejected.problems,
                source: fingerprint(bytes),
            };
        }
    };
    decoder.into_decoded(config, bytes)
}

fn read_config(d: &mut Decoder, value: &Value) -> Config {
    let defaults = Config::default();
    let Some(object) = d.object(value) else {
        return defaults;
    };
    Config {
        site_name: d
            .optional(object, "siteName", Decoder::text)
            .unwrap_or(defaults.site_name),
        content: d
            .optional(object, "content", |d, v| {
                let content = d.object(v)?;
                Some(read_content(d, content))
            })
            .unwrap_or_default(),
        ads: d
            .optional(object, "ads", |d, v| {
                let ads = d.object(v)?;
                Some(read_ads(d, ads))
            })
            .unwrap_or_default(),
        links: d
            .optional(object, "links", |d, v| {
                let links = d.object(v)?;
                let external = d.optional(links, "external", |d, v| match d.string(v)?.as_str() {
                    "same-tab" => Some(false),
                    "new-tab" => Some(true),
                    other => {
                        d.error(format!("\"{other}\" is not \"same-tab\" or \"new-tab\""));
                        None
                    }
                });
                Some(LinkPolicy {
                    external_in_new_tab: external.unwrap_or(false),
                })
            })
            .unwrap_or_default(),
        limits: d
            .optional(object, "limits", |d, v| {
                let limits = d.object(v)?;
                let defaults = Limits::default();
                let number = |d: &mut Decoder, key, range, default| {
                    bounded_number(d, limits, key, range, default)
                };
                Some(Limits {
                    max_bytes: number(d, "maxBytes", 1024..=64 * 1024 * 1024, defaults.max_bytes),
                    max_blocks: number(d, "maxBlocks", 1..=1_000_000, defaults.max_blocks),
                })
            })
            .unwrap_or_default(),
        network: d
            .optional(object, "network", |d, v| {
                let network = d.object(v)?;
                let defaults = NetworkPolicy::default();
                let number = |d: &mut Decoder, key, range, default| {
                    bounded_number(d, network, key, range, default)
                };
                Some(NetworkPolicy {
                    timeout_ms: number(d, "timeoutMs", 100..=600_000, defaults.timeout_ms),
                    retries: number(d, "retries", 0..=10, defaults.retries),
                })
            })
            .unwrap_or_default(),
        offline: d
            .optional(object, "offline", |d, v| {
                let offline = d.object(v)?;
                let defaults = OfflinePolicy::default();
                Some(OfflinePolicy {
                    enabled: d
                        .optional(offline, "enabled", Decoder::bool)
                        .unwrap_or(defaults.enabled),
                    articles: bounded_number(d, offline, "articles", 1..=1000, defaults.articles),
                    image_bytes: bounded_number(
                        d,
                        offline,
                        "imageBytes",
                        0..=1024 * 1024 * 1024,
                        defaults.image_bytes,
                    ),
                })
            })
            .unwrap_or_default(),
        video: d
            .optional(object, "video", |d, v| {
                let video = d.object(v)?;
                let players = d.optional(video, "players", |d, v| d.list(v, player_prefix));
                Some(VideoPolicy {
                    players: players.unwrap_or_default(),
                })
            })
            .unwrap_or_default(),
        live: d
            .optional(object, "live", |d, v| {
                let live = d.object(v)?;
                let defaults = LivePolicy::default();
                Some(LivePolicy {
                    refresh_seconds: bounded_number(
                        d,
                        live,
                        "refreshSeconds",
                        u64::from(LivePolicy::MIN_REFRESH_SECONDS)
                            ..=u64::from(LivePolicy::MAX_REFRESH_SECONDS),
                        defaults.refresh_seconds,
                    ),
                })
            })
            .unwrap_or_default(),
    }
}

/// An allowed player's address prefix: an absolute `http:` or `https:` URL with a path (one
/// without is given `/`, so `https://player.example` cannot match `https://player.example.evil`).
fn player_prefix(d: &mut Decoder, value: &Value) -> Option<String> {
    let mut prefix = crate::href::check_url(&d.string(value)?, crate::href::UrlUse::Web)
        .map_err(|e| d.error(e))
        .ok()?;
    let (_, path) = split_origin(&prefix)?;
    if path.is_empty() {
        prefix.push('/');
    } else if !path.starts_with('/') {
        d.error(format!(
            "\"{prefix}\" is not a player's address such as \
             \"https://www.youtube-nocookie.com/embed/\""
        ));
        return None;
    }
    Some(prefix)
}

fn read_content(d: &mut Decoder, object: &Map<String, Value>) -> ContentLocation {
    let defaults = ContentLocation::default();
    let base = d.optional(object, "base", |d, v| {
        let mut base = crate::href::check_url(&d.string(v)?, crate::href::UrlUse::Media)
            .map_err(|e| d.error(e))
            .ok()?;
        if !base.ends_with('/') {
            base.push('/');
        }
        Some(base)
    });
    let article = d.optional(object, "article", |d, v| {
        let pattern = d.text(v)?;
        if pattern.contains("{id}") {
            Some(pattern)
        } else {
            d.error("must contain {id}, where the article id goes");
            None
        }
    });
    let index = d.optional(object, "index", Decoder::text);
    ContentLocation {
        base: base.unwrap_or(defaults.base),
        article: article.unwrap_or(defaults.article),
        index: index.unwrap_or(defaults.index),
    }
}

fn read_ads(d: &mut Decoder, object: &Map<String, Value>) -> AdPolicy {
    let defaults = AdPolicy::default();
    let count = |d: &mut Decoder, key, default| bounded_number(d, object, key, 0..=1000, default);
    let every_paragraphs = count(d, "everyParagraphs", defaults.every_paragraphs);
    let first_after_paragraph = count(d, "firstAfterParagraph", defaults.first_after_paragraph);
    let max_in_body = count(d, "maxInBody", defaults.max_in_body);
    let flag = |d: &mut Decoder, key: &str, default: bool| {
        d.optional(object, key, Decoder::bool).unwrap_or(default)
    };
    AdPolicy {
        enabled: flag(d, "enabled", defaults.enabled),
        top: flag(d, "top", defaults.top),
        bottom: flag(d, "bottom", defaults.bottom),
        require_consent: flag(d, "requireConsent", defaults.require_consent),
        every_paragraphs,
        first_after_paragraph,
        max_in_body,
        in_body_size: d
            .optional(object, "inBodySize", |d, v| {
                AdSize::parse(&d.string(v)?).map_err(|e| d.error(e)).ok()
            })
            .unwrap_or(defaults.in_body_size),
        fluid_height: bounded_number(d, object, "fluidHeight", 50..=2000, defaults.fluid_height),
        root_margin: d
            .optional(object, "rootMargin", |d, v| {
                let margin = d.text(v)?;
                if is_root_margin(&margin) {
                    Some(margin)
                } else {
                    d.error(format!(
                        "\"{margin}\" is not a margin such as \"200px 0px\""
                    ));
                    None
                }
            })
            .unwrap_or(defaults.root_margin),
    }
}

/// The whole number in `range` at `key`, or `default` when it is absent or unusable.
fn bounded_number<T: TryFrom<u64>>(
    d: &mut Decoder,
    object: &Map<String, Value>,
    key: &str,
    range: std::ops::RangeInclusive<u64>,
    default: T,
) -> T {
    d.optional(object, key, |d, v| d.whole_number(v, range))
        .and_then(|n| T::try_from(n).ok())
        .unwrap_or(default)
}

/// One to four lengths in `px` or `%`, as IntersectionObserver accepts.
fn is_root_margin(margin: &str) -> bool {
    let parts: Vec<&str> = margin.split_whitespace().collect();
    (1..=4).contains(&parts.len())
        && parts.iter().all(|part| {
            let number = part.strip_suffix("px").or_else(|| part.strip_suffix('%'));
            let number = number.or_else(|| (*part == "0").then_some("0"));
            number.is_some_and(|n| n.trim_start_matches('-').parse::<f64>().is_ok())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_missing_keys_give_defaults() {
        let decoded = decode_config(b"{}");
        assert_eq!(decoded.value, Config::default());
        assert!(decoded.problems.is_empty());
    }

    #[test]
    fn reads_every_key() {
        let json = br#"{
            "siteName": "The Carrow Courier",
            "content": { "base": "https://cdn.example.org/news", "article": "a/{id}.json", "index": "front.json" },
            "links": { "external": "new-tab" },
            "limits": { "maxBytes": 1048576, "maxBlocks": 500 },
            "network": { "timeoutMs": 2500, "retries": 0 },
            "offline": { "enabled": false, "articles": 20, "imageBytes": 1000000 },
            "ads": { "enabled": true, "top": false, "bottom": true, "everyParagraphs": 3,
                     "firstAfterParagraph": 2, "maxInBody": 5, "inBodySize": "fluid",
                     "fluidHeight": 300, "rootMargin": "400px 0px", "requireConsent": true }
        }"#;
        let decoded = decode_config(json);
        assert_eq!(decoded.problems, []);
        let config = decoded.value;
        assert_eq!(config.site_name, "The Carrow Courier");
        assert!(config.links.external_in_new_tab);
        assert_eq!(
            config.limits,
            Limits {
                max_bytes: 1_048_576,
                max_blocks: 500
            }
        );
        assert_eq!(
            config.network,
            NetworkPolicy {
                timeout_ms: 2500,
                retries: 0
            }
        );
        assert_eq!(
            config.offline,
            OfflinePolicy {
                enabled: false,
                articles: 20,
                image_bytes: 1_000_000
            }
        );
        assert_eq!(
            config.content.index_path(),
            "https://cdn.example.org/news/front.json"
        );
        let id = crate::ArticleId::parse("x").unwrap();
        assert_eq!(
            config.content.article_path(&id),
            "https://cdn.example.org/news/a/x.json"
        );
        assert_eq!(
            config.ads,
            AdPolicy {
                enabled: true,
                top: false,
                bottom: true,
                every_paragraphs: 3,
                first_after_paragraph: 2,
                max_in_body: 5,
                in_body_size: AdSize::Fluid,
                fluid_height: 300,
                root_margin: "400px 0px".into(),
                require_consent: true,
            }
        );
    }

    #[test]
    fn hosted_video_players_are_prefixes_on_their_own_hosts() {
        let json = br#"{ "video": { "players": ["https://Player.example/embed/",
            "http://127.0.0.1:8123", "javascript:alert(1)", "/embed/", 7] },
            "live": { "refreshSeconds": 5 } }"#;
        let decoded = decode_config(json);
        let paths: Vec<&str> = decoded.problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "video.players[2]",
                "video.players[3]",
                "video.players[4]",
                "live.refreshSeconds"
            ]
        );
        let video = decoded.value.video;
        assert_eq!(
            video.players,
            ["https://Player.example/embed/", "http://127.0.0.1:8123/"]
        );
        assert!(video.allows("https://player.example/embed/abc?start=3"));
        assert!(video.allows("http://127.0.0.1:8123/anything"));
        assert!(!video.allows("https://player.example/other/abc"));
        assert!(!video.allows("https://player.example.evil.test/embed/abc"));
        assert!(!video.allows("https://player.example/embed/../other"));
        assert!(!video.allows("https://player.example/embed/%2E%2E/other"));
        assert!(!video.allows("http://player.example/embed/abc"));
        assert!(!video.allows("http://127.0.0.1:8124/embed"));
        assert_eq!(
            video.player_origins(),
            ["https://player.example", "http://127.0.0.1:8123"]
        );
        assert_eq!(decoded.value.live, LivePolicy::default());
    }

    #[test]
    fn live_checks_keep_their_interval_and_back_off_after_failures() {
        let policy = LivePolicy::default();
        let mut live = crate::Live {
            ended: false,
            refresh_seconds: None,
            pinned: None,
            updates: Vec::new(),
        };
        assert_eq!(policy.interval_for(&live), 30);
        live.refresh_seconds = Some(5);
        assert_eq!(policy.interval_for(&live), 15);
        let delays: Vec<u32> = (0..8).map(|n| LivePolicy::delay_seconds(15, n)).collect();
        assert_eq!(delays, [15, 30, 60, 120, 240, 480, 600, 600]);
        assert_eq!(LivePolicy::delay_seconds(3600, 3), 3600);
        assert_eq!(LivePolicy::delay_seconds(15, u32::MAX), 600);
    }

    #[test]
    fn bad_values_are_reported_and_defaulted() {
        let json =
            br#"{ "siteName": 3, "content": { "base": "javascript:x//", "article": "a.json" },
                         "ads": { "top": "yes", "rootMargin": "lots", "everyParagraphs": -1 },
                         "offline": { "articles": 0 } }"#;
        let decoded = decode_config(json);
        let paths: Vec<&str> = decoded.problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "siteName",
                "content.base",
                "content.article",
                "ads.everyParagraphs",
                "ads.top",
                "ads.rootMargin",
                "offline.articles"
            ]
        );
        assert_eq!(decoded.value, Config::default());
        let broken = decode_config(b"{ not json");
        assert_eq!(broken.value, Config::default());
        assert_eq!(broken.problems.len(), 1);
    }
}
