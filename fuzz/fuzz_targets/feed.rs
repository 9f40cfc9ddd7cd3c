//! RSS and Atom feeds (`marsad_readers::feed`), decoded as the input path decodes them.
#![no_main]
use libfuzzer_sys::fuzz_target;
use marsad_fuzz::check_raw;

fuzz_target!(|data: &[u8]| {
    let decoded = marsad_readers::html::decode_html(data, None);
    for r in marsad_readers::feed::read_feed(&decoded.text, "fuzz", decoded.encoding) {
        check_raw(&r);
    }
});
