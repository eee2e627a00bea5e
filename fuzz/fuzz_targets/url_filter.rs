//! The URL filter against an independent reading of the URL standard: every URL it accepts, for
//! any use, and every URL of a `srcset` it keeps, is one a browser cannot run as script.
#![no_main]

use folio_fuzz::{is_safe_url, srcset_urls};
use folio_model::{Href, UrlUse, check_href, check_srcset, check_url};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for usage in [UrlUse::Link, UrlUse::Media, UrlUse::Web] {
        if let Ok(url) = check_url(text, usage) {
            assert!(is_safe_url(&url), "{usage:?} accepted {url:?}");
            if usage != UrlUse::Link {
                assert!(
                    !url.to_ascii_lowercase().starts_with("mailto:"),
                    "{usage:?} accepted {url:?}"
                );
            }
        }
    }
    if let Ok(Href::Url(url)) = check_href(text) {
        assert!(is_safe_url(&url), "link {url:?}");
    }
    let (kept, _) = check_srcset(text);
    for url in kept.iter().flat_map(|srcset| srcset_urls(srcset)) {
        assert!(is_safe_url(url), "srcset kept {url:?}");
    }
});
