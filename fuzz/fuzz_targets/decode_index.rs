//! A listing page's document (the front page, a section's, tag's or author's).
#![no_main]

use folio_model::{Limits, decode_index};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(decoded) = decode_index(bytes, &Limits::default()) {
        folio_fuzz::assert_index_promises(&decoded.value);
        let index = decoded.value;
        // Paging links never lead in circles.
        if let (Some(page), Some(older)) = (index.page, index.older) {
            assert!(older < page, "older {older} is not below page {page}");
        }
        if let Some(newer) = index.newer {
            assert!(
                index.page.is_some_and(|page| newer > page),
                "newer {newer} without a lower page"
            );
        }
    }
});
