//! The RFC 3339 timestamp parser against a second one written apart from it
//! (`folio_fuzz::reference_unix_seconds`): they accept the same texts and find the same instant.
#![no_main]

use folio_fuzz::reference_unix_seconds;
use folio_model::Timestamp;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match (Timestamp::parse(text), reference_unix_seconds(text)) {
        (Ok(timestamp), Some(seconds)) => {
            assert_eq!(timestamp.unix_seconds(), seconds, "{text:?}");
            assert_eq!(timestamp.as_str(), text);
            let _ = timestamp.to_string();
        }
        (Ok(_), None) => panic!("the parser accepts {text:?}, which is not RFC 3339"),
        (Err(_), Some(_)) => panic!("the parser refuses {text:?}, which is RFC 3339"),
        (Err(_), None) => {}
    }
});
