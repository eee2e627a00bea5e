//! The URL filter: which addresses from an article may reach an `href` or `src`.
//!
//! Checked the way a browser will read the string, not the way it looks: browsers drop leading
//! and trailing control characters and spaces and every tab or newline inside a URL
//! (`"java\tscript:"` runs as `javascript:`), and treat `\` like `/` (`"/\evil.example"` is
//! protocol-relative). So the string is cleaned first, the cleaned string is checked, and the
//! cleaned string is what the page gets.

use crate::article::ArticleId;

/// Where a link goes, once it is known to be safe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Href {
    /// Another article of this site, written `/articles/<id>` or `articles/<id>`: resolved
    /// against the app's base path (content never needs to know where the app is hosted) and
    /// followed without a page reload.
    Article(ArticleId),
    /// An `http:`, `https:` or `mailto:` URL, or a relative path, as cleaned.
    Url(String),
}

impl Href {
    /// Is this an absolute URL, i.e. one that leaves the site?
    pub fn is_external(&self) -> bool {
        match self {
            Href::Article(_) => false,
            Href::Url(url) => scheme(url).is_some(),
        }
    }
}

/// Which schemes a field accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlUse {
    /// A link the reader follows: `http:`, `https:`, `mailto:`, relative paths.
    Link,
    /// An image source: `http:`, `https:`, relative paths.
    Media,
    /// A page on the web (embeds): `http:` and `https:` only.
    Web,
}

/// Checks a link and tells internal article links apart.
pub fn check_href(raw: &str) -> Result<Href, String> {
    let url = check_url(raw, UrlUse::Link)?;
    Ok(match article_link(&url) {
        Some(id) => Href::Article(id),
        None => Href::Url(url),
    })
}

/// Returns the cleaned URL when it is allowed for `usage`, or why it is not.
pub fn check_url(raw: &str, usage: UrlUse) -> Result<String, String> {
    let url: String = raw
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if url.is_empty() {
        return Err("an empty URL is not allowed".into());
    }
    if url.chars().any(char::is_control) {
        return Err("control characters are not allowed in URLs".into());
    }
    match scheme(&url) {
        Some(scheme) => {
            let allowed = match usage {
                UrlUse::Link => ["http", "https", "mailto"].contains(&scheme.as_str()),
                UrlUse::Media | UrlUse::Web => ["http", "https"].contains(&scheme.as_str()),
            };
            if allowed {
                Ok(url)
            } else {
                Err(format!("{scheme}: URLs are not allowed"))
            }
        }
        None if usage == UrlUse::Web => Err("an absolute http: or https: URL is required".into()),
        None if url.starts_with(['/', '\\'])
            && url
                .get(1..)
                .is_some_and(|rest| rest.starts_with(['/', '\\'])) =>
        {
            Err("protocol-relative URLs (//host/...) are not allowed".into())
        }
        None => Ok(url),
    }
}

/// An absolute URL's origin (`https://host:port`, as written) and the rest (`/path?query`);
/// `None` for a relative URL.
pub fn split_origin(url: &str) -> Option<(&str, &str)> {
    let after_scheme = url.find("://")? + 3;
    let path_start = url
        .get(after_scheme..)?
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| after_scheme + i);
    Some((url.get(..path_start)?, url.get(path_start..)?))
}

/// Where an absolute URL leads, as a reader reads it: its host (and port), `video.example`.
pub fn url_host(url: &str) -> Option<&str> {
    let (origin, _) = split_origin(url)?;
    origin.split_once("://").map(|(_, host)| host)
}

/// Filters an image `srcset`, keeping each candidate whose URL and descriptor are valid.
/// Returns the rebuilt attribute (or `None` when nothing is left) and the reasons for what
/// was dropped.
pub fn check_srcset(raw: &str) -> (Option<String>, Vec<String>) {
    let mut kept = Vec::new();
    let mut dropped = Vec::new();
    for (url, descriptor) in srcset_candidates(raw) {
        if let Some(descriptor) = descriptor
            && !is_srcset_descriptor(descriptor)
        {
            dropped.push(format!(
                "\"{descriptor}\" is not a width (480w) or density (2x)"
            ));
            continue;
        }
        match check_url(url, UrlUse::Media) {
            // Kept only as written: a URL that cleaning changed (a control character trimmed
            // off next to a comma, say) would read differently in the rebuilt attribute.
            Ok(cleaned) if cleaned == url => kept.push(match descriptor {
                Some(descriptor) => format!("{url} {descriptor}"),
                None => cleaned,
            }),
            Ok(_) => dropped.push("control characters are not allowed in a srcset URL".into()),
            Err(reason) => dropped.push(reason),
        }
    }
    let srcset = (!kept.is_empty()).then(|| kept.join(", "));
    (srcset, dropped)
}

/// A checked `srcset` with every candidate's URL passed through `rebase` (e.g. made absolute
/// for a page whose base is not the site's).
pub fn rebase_srcset(srcset: &str, rebase: impl Fn(&str) -> String) -> String {
    srcset_candidates(srcset)
        .into_iter()
        .map(|(url, descriptor)| match descriptor {
            Some(descriptor) => format!("{} {descriptor}", rebase(url)),
            None => rebase(url),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Splits a `srcset` into `(url, descriptor)` as the HTML standard does: a URL runs to the
/// next white space (so it may contain commas, as `data:` URLs do), a descriptor to the next
/// comma.
fn srcset_candidates(raw: &str) -> Vec<(&str, Option<&str>)> {
    let mut candidates = Vec::new();
    let mut rest = raw;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            return candidates;
        }
        let url_end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let (url, after) = rest.split_at(url_end);
        if let Some(url) = url.strip_suffix(',') {
            candidates.push((url.trim_end_matches(','), None));
            rest = after;
            continue;
        }
        let descriptor_end = after.find(',').unwrap_or(after.len());
        let (descriptor, after) = after.split_at(descriptor_end);
        let descriptor = descriptor.trim();
        candidates.push((url, (!descriptor.is_empty()).then_some(descriptor)));
        rest = after;
    }
}

fn is_srcset_descriptor(descriptor: &str) -> bool {
    let number = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '.');
    match descriptor.strip_suffix('w') {
        Some(width) => !width.is_empty() && width.chars().all(|c| c.is_ascii_digit()),
        None => descriptor.strip_suffix('x').is_some_and(number),
    }
}

/// The lower-cased scheme of an absolute URL, as the URL standard finds it.
fn scheme(url: &str) -> Option<String> {
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let starts_with_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_valid = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (starts_with_letter && rest_valid).then(|| scheme.to_ascii_lowercase())
}

/// `/articles/<id>` or `articles/<id>` (a trailing slash allowed) names an article of this site.
fn article_link(url: &str) -> Option<ArticleId> {
    let path = url.strip_prefix('/').unwrap_or(url);
    let id = path.strip_prefix("articles/")?;
    let id = id.strip_suffix('/').unwrap_or(id);
    ArticleId::parse(id).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_web_mail_and_relative_links() {
        for url in [
            "https://example.org/a?b=c#d",
            "http://example.org",
            "mailto:desk@example.org",
            "/about",
            "about.html",
            "#p-3",
            "?page=2",
        ] {
            assert_eq!(check_url(url, UrlUse::Link), Ok(url.to_string()), "{url}");
        }
    }

    #[test]
    fn refuses_script_and_data_urls_however_they_are_disguised() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " \u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
        ] {
            assert!(check_url(url, UrlUse::Link).is_err(), "{url:?} was allowed");
        }
    }

    #[test]
    fn refuses_protocol_relative_urls_in_every_spelling() {
        for url in [
            "//evil.example/x",
            "\\\\evil.example",
            "/\\evil.example",
            "\\/evil.example",
        ] {
            let error = check_url(url, UrlUse::Link).unwrap_err();
            assert!(error.contains("protocol-relative"), "{url}: {error}");
        }
    }

    #[test]
    fn media_refuses_mailto_and_web_needs_absolute() {
        assert!(check_url("mailto:a@b.c", UrlUse::Media).is_err());
        assert!(check_url("/img/a.jpg", UrlUse::Media).is_ok());
        assert!(check_url("/embed", UrlUse::Web).is_err());
        assert!(check_url("https://video.example/v/1", UrlUse::Web).is_ok());
    }

    #[test]
    fn article_links_are_internal() {
        for url in [
            "/articles/tide-mills",
            "articles/tide-mills",
            "/articles/tide-mills/",
        ] {
            assert_eq!(
                check_href(url),
                Ok(Href::Article(ArticleId::parse("tide-mills").unwrap()))
            );
        }
        assert_eq!(
            check_href("/articles/Bad_Id"),
            Ok(Href::Url("/articles/Bad_Id".into()))
        );
        assert!(!check_href("/about").unwrap().is_external());
        assert!(check_href("https://example.org").unwrap().is_external());
    }

    #[test]
    fn origins_and_hosts_of_absolute_urls() {
        assert_eq!(
            split_origin("https://Player.example:8443/embed/a?b#c"),
            Some(("https://Player.example:8443", "/embed/a?b#c"))
        );
        assert_eq!(
            split_origin("http://a.example?x"),
            Some(("http://a.example", "?x"))
        );
        assert_eq!(split_origin("content/a.webm"), None);
        assert_eq!(
            url_host("https://video.example/embed/1"),
            Some("video.example")
        );
        assert_eq!(url_host("http://127.0.0.1:8123"), Some("127.0.0.1:8123"));
        assert_eq!(url_host("/articles/a"), None);
    }

    #[test]
    fn srcset_urls_can_be_rebased() {
        let rebased = rebase_srcset("a-480.jpg 480w, /b.jpg 960w, c.jpg", |url| {
            format!("https://x/{url}")
        });
        assert_eq!(
            rebased,
            "https://x/a-480.jpg 480w, https://x//b.jpg 960w, https://x/c.jpg"
        );
    }

    #[test]
    fn srcset_keeps_valid_candidates_only() {
        let (srcset, dropped) =
            check_srcset("/a-480.jpg 480w, javascript:x 800w, /a-960.jpg 960w, /b.jpg 2y");
        assert_eq!(srcset.as_deref(), Some("/a-480.jpg 480w, /a-960.jpg 960w"));
        assert_eq!(dropped.len(), 2);
        assert_eq!(check_srcset("data:image/png;base64,xx 1x").0, None);
        // Found by `cargo xtask fuzz` (url_filter): trimmed of the control character, the
        // candidate would have been ",javascript:x", which a browser reads as "javascript:x"
        // in the rebuilt attribute.
        let (srcset, dropped) = check_srcset("a.jpg 1x, \u{0},javascript:x 2x");
        assert_eq!(srcset.as_deref(), Some("a.jpg 1x"));
        assert_eq!(
            dropped,
            ["control characters are not allowed in a srcset URL"]
        );
    }
}
