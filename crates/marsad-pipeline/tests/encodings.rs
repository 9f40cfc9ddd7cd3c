//! The same scrape saved as UTF-8, windows-1256 and UTF-16 (BOM) — and a UTF-8
//! copy with CRLF line ends, a BOM and stray NULs — reads into the same article:
//! same title, text, published time, outlet and id.

use marsad_pipeline::build_article;
use marsad_readers::input::{read_unit, Unit};
use std::path::Path;
use std::sync::Arc;

fn fixture(name: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../marsad-readers/tests/fixtures/scrape")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn article(bytes: Vec<u8>) -> marsad_article::Article {
    let mut r = read_unit(Unit::Document {
        path: Arc::from("fixture"),
        bytes,
        format: None,
    });
    assert_eq!(r.len(), 1);
    build_article(r.remove(0).expect("reads"))
}

#[test]
fn encodings_read_identically() {
    let utf8 = article(fixture("spa_dates_festival.txt"));
    assert_eq!(utf8.source.encoding, "UTF-8");
    assert!(utf8.title.is_some() && utf8.published.is_some() && !utf8.text.is_empty());

    let mut crlf = vec![0xEF, 0xBB, 0xBF];
    for &b in &fixture("spa_dates_festival.txt") {
        if b == b'\n' {
            crlf.extend_from_slice(b"\r\n");
        } else {
            crlf.push(b);
        }
    }
    // A stray NUL at a line start (between characters, as scrapers leave them).
    let nl = crlf.iter().position(|&b| b == b'\n').unwrap();
    crlf.insert(nl + 1, 0);
    let variants = [
        ("windows-1256", fixture("spa_dates_festival.cp1256.txt")),
        ("UTF-16LE", fixture("spa_dates_festival.utf16.txt")),
        ("UTF-8", crlf),
    ];
    for (enc, bytes) in variants {
        let a = article(bytes);
        assert_eq!(a.source.encoding, enc);
        assert_eq!(a.title, utf8.title, "{enc}");
        assert_eq!(a.text, utf8.text, "{enc}");
        assert_eq!(a.published, utf8.published, "{enc}");
        assert_eq!(a.outlet, utf8.outlet, "{enc}");
        assert_eq!(a.dateline, utf8.dateline, "{enc}");
        assert_eq!(a.id, utf8.id, "{enc}");
    }
}
