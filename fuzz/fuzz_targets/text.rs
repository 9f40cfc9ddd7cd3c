//! Plain-text web scrapes (`marsad_readers::scrape`), decoded as the input path decodes them.
#![no_main]
use libfuzzer_sys::fuzz_target;
use marsad_fuzz::{check_raw, location};

fuzz_target!(|data: &[u8]| {
    let decoded = marsad_readers::decode::decode(data);
    let a = marsad_readers::scrape::read_scrape(&decoded.text, location());
    check_raw(&Ok(a));
    for p in decoded.text.split("\n\n") {
        std::hint::black_box(marsad_readers::scrape::detect_dateline(p));
    }
});
