//! JSON Lines lines and whole JSON documents (`marsad_readers::jsonl`).
#![no_main]
use libfuzzer_sys::fuzz_target;
use marsad_fuzz::{check_raw, location};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for line in text.split('\n') {
        check_raw(&marsad_readers::jsonl::read_line(
            line.trim(),
            location(),
            "UTF-8",
        ));
    }
    for r in marsad_readers::jsonl::read_document(&text, "fuzz", "UTF-8") {
        check_raw(&r);
    }
});
