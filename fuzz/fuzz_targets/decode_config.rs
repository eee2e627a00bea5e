//! `folio.config.json`: the decoder always gives a configuration (the defaults for what it
//! cannot read), and what it gives stays within the limits it promises.
#![no_main]

use folio_model::decode_config;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let config = decode_config(bytes).value;
    assert!(
        !config.site_name.trim().is_empty(),
        "an empty site name got through"
    );
    assert!(config.limits.max_bytes > 0 && config.limits.max_blocks > 0);
});
