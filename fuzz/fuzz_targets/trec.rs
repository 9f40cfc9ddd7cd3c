//! TREC `<DOC>` files (`marsad_readers::trec`).
#![no_main]
use libfuzzer_sys::fuzz_target;
use marsad_fuzz::check_raw;

fuzz_target!(|data: &[u8]| {
    let decoded = marsad_readers::decode::decode(data);
    for r in marsad_readers::trec::read_trec(&decoded.text, "fuzz", decoded.encoding) {
        check_raw(&r);
    }
});
