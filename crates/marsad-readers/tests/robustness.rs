//! Fuzz-style robustness: random bytes, truncated real records and mangled
//! encodings go through every reader and the format/encoding sniffers without a
//! panic; every record yields an article or a located error.

use marsad_readers::decode::decode;
use marsad_readers::detect::{sniff_bytes, Format};
use marsad_readers::input::{read_unit, Unit};
use marsad_readers::{jsonl, scrape, trec, Location};
use proptest::prelude::*;
use std::sync::Arc;

const TREC: &str = "<DOC>\n<DOCNO>BB-1</DOCNO>\n<URL>http://x/1</URL>\n<SRC>BBC</SRC>\n<TITLE>عنوان الخبر</TITLE>\n<TIME>Sun, 18 Feb 2018 20:50:44 GMT</TIME>\n<TEXT>\nقال الوزير إن الاجتماع انتهى.\nوأضاف: «سنعود».\n</TEXT>\n</DOC>\n";
const JSONL: &str = "{\"title\":\"عنوان\",\"content\":\"نص الخبر الأول.\\nفقرة ثانية\",\"date_extracted\":\"2015-07-21 02:51:32\",\"source\":\"sabq\"}\n{\"headline\":\"ب\",\"text\":\"نص\",\"time\":\"Sun, 18 Feb 2018 20:50:44 +0300\"}\n";
const SCRAPE: &str = "عنوان الخبر\nالرئيسية > أخبار\nتابعونا على تويتر 10:35 2018-02-18\nالرياض - واس:\nقال الوزير إن الاجتماع انتهى.\nاقرأ أيضا: خبر آخر\nوأضاف أن الوفد سيصل غدا.\nجميع الحقوق محفوظة ©\n";

fn all_readers(bytes: &[u8]) {
    let d = decode(bytes);
    let _ = sniff_bytes(bytes);
    let loc = Location {
        path: "fuzz".into(),
        ..Default::default()
    };
    let _ = jsonl::read_line(&d.text, loc.clone(), d.encoding);
    let _ = jsonl::read_document(&d.text, "fuzz", d.encoding);
    let _ = trec::read_trec(&d.text, "fuzz", d.encoding);
    let _ = scrape::read_scrape(&d.text, loc);
    for format in [
        None,
        Some(Format::Jsonl),
        Some(Format::Json),
        Some(Format::Trec),
        Some(Format::Text),
        Some(Format::Html),
    ] {
        for r in read_unit(Unit::Document {
            path: Arc::from("fuzz"),
            bytes: bytes.to_vec(),
            format,
        }) {
            if let Err(e) = r {
                assert_eq!(e.location.path, "fuzz");
                assert!(!e.reason.is_empty());
            }
        }
    }
    for enc in [encoding_rs::UTF_8, encoding_rs::WINDOWS_1256] {
        let _ = read_unit(Unit::Line {
            path: Arc::from("fuzz"),
            line: 1,
            offset: 0,
            bytes: bytes.to_vec(),
            encoding: enc,
        });
    }
}

fn seeds() -> Vec<Vec<u8>> {
    let mut v: Vec<Vec<u8>> = vec![TREC.into(), JSONL.into(), SCRAPE.into()];
    let (cp, _, _) = encoding_rs::WINDOWS_1256.encode(SCRAPE);
    v.push(cp.into_owned());
    let mut u16 = vec![0xFF, 0xFE];
    for u in TREC.encode_utf16() {
        u16.extend_from_slice(&u.to_le_bytes());
    }
    v.push(u16);
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        all_readers(&bytes);
    }

    #[test]
    fn truncated_and_mutated_real_records_never_panic(seed in 0usize..5, cut in 0usize..4000, flips in prop::collection::vec((0usize..4000, any::<u8>()), 0..6)) {
        let mut b = seeds()[seed].clone();
        for (pos, byte) in flips {
            if !b.is_empty() {
                let n = b.len();
                b[pos % n] = byte;
            }
        }
        b.truncate(cut.min(b.len()));
        all_readers(&b);
    }

    #[test]
    fn random_text_never_panics(s in "\\PC{0,300}") {
        all_readers(s.as_bytes());
    }
}

#[test]
fn every_prefix_of_real_records() {
    for seed in seeds() {
        for cut in 0..seed.len() {
            all_readers(&seed[..cut]);
        }
    }
}
