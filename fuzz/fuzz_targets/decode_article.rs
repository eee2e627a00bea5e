//! An article document, as the viewer and `folio check` decode it: with and without the id its
//! address names. Whatever the decoder lets through must keep the model's promises.
#![no_main]

use folio_model::{Limits, decode_article};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let limits = Limits::default();
    if let Ok(decoded) = decode_article(bytes, None, &limits) {
        folio_fuzz::assert_article_promises(&decoded.value);
    }
    if let Ok(decoded) = decode_article(bytes, Some("tide-mill-turns-again"), &limits) {
        assert_eq!(decoded.value.id.as_str(), "tide-mill-turns-again");
    }
});
