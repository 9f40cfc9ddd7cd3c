//! HTML pages: charset, metadata and main text (`marsad_readers::html::read_html`).
#![no_main]
use libfuzzer_sys::fuzz_target;
use marsad_fuzz::{check_raw, location};
use marsad_readers::html::{read_html, Extractor, PageHints};

fuzz_target!(|data: &[u8]| {
    // Half of the inputs also carry a transport charset and URL, as WARC pages do.
    let hints = if data.len() % 2 == 1 {
        PageHints {
            charset: Some("windows-1256".into()),
            url: Some("https://www.example.com/news/1".into()),
        }
    } else {
        PageHints::default()
    };
    check_raw(&read_html(data, location(), &hints, Extractor::Marsad));
});
