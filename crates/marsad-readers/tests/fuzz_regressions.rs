//! Inputs found by fuzzing (`fuzz/`, see the README's "Fuzzing" section) or named
//! as suspects by the hardening issue: each must give a clean result or a clean
//! error, quickly and in bounded memory.

use marsad_readers::input::{read_unit, Inputs, Unit};
use std::io::Write;
use std::path::PathBuf;

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("marsad-fuzzreg-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A JSON Lines line longer than the limit (here one with no newline for 64 MB)
/// is read through, reported with its line and offset, and not kept in memory;
/// the next line is read as usual.
#[test]
fn jsonl_line_without_newline_is_bounded() {
    let dir = tmp("longline");
    let path = dir.join("long.jsonl");
    let max = marsad_readers::lines::MAX_LINE_BYTES as usize;
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        f.write_all(b"{\"title\":\"t\",\"text\":\"").unwrap();
        let chunk = vec![b'a'; 1 << 20];
        for _ in 0..(max >> 20) {
            f.write_all(&chunk).unwrap();
        }
        f.write_all(
            b"\"}\n{\"title\":\"\xd8\xae\xd8\xa8\xd8\xb1\",\"text\":\"\xd9\x86\xd8\xb5\"}\n",
        )
        .unwrap();
    }
    let items: Vec<_> = Inputs::new(&[path], None).collect();
    assert_eq!(
        items.len(),
        2,
        "{:?}",
        items.iter().map(|i| i.as_ref().err()).collect::<Vec<_>>()
    );
    let e = items[0].as_ref().unwrap_err();
    assert!(e.reason.contains("longer than"), "{e}");
    assert_eq!(e.location.line, Some(1));
    assert_eq!(e.location.offset, Some(0));
    let unit = items.into_iter().nth(1).unwrap().unwrap();
    let Unit::Line { line, offset, .. } = &unit else {
        panic!("expected a line, got {unit:?}");
    };
    assert_eq!((*line, *offset), (2, max as u64 + 24));
    let r = read_unit(unit);
    assert_eq!(r[0].as_ref().unwrap().title.as_deref(), Some("خبر"));
    std::fs::remove_dir_all(&dir).unwrap();
}

fn page_of(repeat: &str, times: usize) -> Vec<u8> {
    let mut p = String::from("<html><head><title>عنوان</title></head><body>");
    for _ in 0..times {
        p.push_str(repeat);
    }
    p.push_str("<p>نص الخبر هنا طويل بما يكفي ليكون فقرة من الخبر الرئيسي في الصفحة.</p>");
    p.into_bytes()
}

/// Deeply nested markup made html5ever's tree builder quadratic (it scans the stack
/// of open elements for most tags): 10,000 unclosed `<div>`s (50 KB) took 13 s in
/// the fuzzer, a 1 MB page minutes. Nesting is now flattened below a fixed depth
/// before parsing: these 250 KB pages parse in linear time and keep their text.
#[test]
fn deeply_nested_pages_parse_in_linear_time() {
    let hints = marsad_readers::html::PageHints::default();
    let cases = [
        ("<div>", 50_000, true),
        ("<i>x</p>", 32_000, true),
        ("<span><table>", 20_000, true),
        // One list 32,000 levels deep: read, whatever the extractor makes of it.
        ("<ul><li>x", 32_000, false),
    ];
    for (repeat, times, keeps_text) in cases {
        let page = page_of(repeat, times);
        let t = std::time::Instant::now();
        let r =
            marsad_readers::html::read_html(&page, Default::default(), &hints, Default::default());
        eprintln!("{repeat}: {} bytes in {:?}", page.len(), t.elapsed());
        if !keeps_text {
            continue;
        }
        let a = r.unwrap_or_else(|e| panic!("{repeat}: {e}"));
        assert_eq!(a.title.as_deref(), Some("عنوان"));
        assert!(
            a.body.iter().any(|p| p.text.contains("نص الخبر هنا")),
            "{repeat}: the paragraph is lost: {:?}",
            a.body.iter().take(3).collect::<Vec<_>>()
        );
    }
}

/// Decompression bombs: a few kB of zip or gzip that inflate far past the limit
/// for a document read whole give a clear error for that document, in bounded
/// memory, and the other members of the archive are read as usual.
#[test]
fn decompression_bombs_are_refused_and_the_rest_is_read() {
    let dir = tmp("bombs");
    let cap: u64 = 1 << 20;
    let zeros = vec![b' '; 8 << 20];
    // A zip with a bomb member between two articles.
    let zip_path = dir.join("archive.zip");
    {
        let mut z = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, body) in [
            ("a.txt", "مقال أول عن الاقتصاد.".as_bytes()),
            ("bomb.txt", &zeros[..]),
            ("b.txt", "مقال ثان عن الرياضة.".as_bytes()),
        ] {
            z.start_file(name, opts).unwrap();
            z.write_all(body).unwrap();
        }
        z.finish().unwrap();
    }
    assert!(std::fs::metadata(&zip_path).unwrap().len() < 64 << 10);
    // A gzip file of one text document.
    let gz_path = dir.join("bomb.txt.gz");
    {
        let mut g = flate2::write::GzEncoder::new(
            std::fs::File::create(&gz_path).unwrap(),
            flate2::Compression::default(),
        );
        g.write_all(&zeros).unwrap();
        g.finish().unwrap();
    }
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    for unit in Inputs::new(&[zip_path, gz_path], None).max_document_bytes(cap) {
        match unit {
            Ok(Unit::Document { path, bytes, .. }) => docs.push((path.to_string(), bytes.len())),
            Ok(_) => panic!("only documents here"),
            Err(e) => errors.push(e),
        }
    }
    let names: Vec<&str> = docs.iter().map(|d| d.0.as_str()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names[0].ends_with("!a.txt") && names[1].ends_with("!b.txt"));
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].location.path.ends_with("!bomb.txt"));
    assert!(errors[1].location.path.ends_with("bomb.txt.gz"));
    for e in &errors {
        assert!(e.reason.contains("larger than 1 MB"), "{}", e.reason);
    }
}
