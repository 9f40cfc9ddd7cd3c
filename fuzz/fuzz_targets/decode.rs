//! Encoding detection and decoding (`marsad_readers::decode`, the HTML charset
//! rules, format sniffing).
#![no_main]
use libfuzzer_sys::fuzz_target;
use marsad_readers::decode::{clean_text, decode, decode_as, sniff_encoding};

fuzz_target!(|data: &[u8]| {
    let d = decode(data);
    assert!(!d.text.contains('\0'), "NUL left in decoded text");
    assert!(!d.text.contains('\r'), "CR left in decoded text");
    let enc = sniff_encoding(data);
    std::hint::black_box(decode_as(enc, data));
    let (clean, _) = clean_text(&d.text);
    assert_eq!(clean, d.text, "decoded text is not clean");
    let h = marsad_readers::html::decode_html(data, Some("windows-1256"));
    std::hint::black_box(h);
    std::hint::black_box(marsad_readers::detect::sniff_bytes(data));
    std::hint::black_box(marsad_readers::detect::sniff_text(&d.text));
});
