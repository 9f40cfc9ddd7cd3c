//! Web inputs on real data: the real news pages of `news_html/`, and WARC archives
//! and RSS/Atom feeds built here from real articles (the ANT multi-source sample:
//! real titles, texts, URLs and times wrapped the way sites and crawlers write them).

use flate2::write::GzEncoder;
use marsad_readers::input::{read_unit, Inputs};
use marsad_readers::{RawArticle, RecordError};
use marsad_testdata::warc_record;
use std::io::Write;
use std::path::{Path, PathBuf};

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("marsad-web-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn read_all(path: &Path) -> Vec<Result<RawArticle, RecordError>> {
    let mut out = Vec::new();
    for unit in Inputs::new(&[path.to_path_buf()], None) {
        match unit {
            Ok(u) => out.extend(read_unit(u)),
            Err(e) => out.push(Err(e)),
        }
    }
    out
}

fn body(a: &RawArticle) -> String {
    a.body
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Real ANT articles: (url, title, time, text).
fn ant_articles(n: usize) -> Option<Vec<(String, String, String, String)>> {
    let path = marsad_testdata::data_path("ant_multisource_news/ant_multisource_sample.jsonl")?;
    let text = std::fs::read_to_string(path).unwrap();
    Some(
        text.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|v| v["text"].as_str().is_some_and(|t| t.len() > 400))
            .take(n)
            .map(|v| {
                let s = |k: &str| v[k].as_str().unwrap_or("").to_string();
                (s("url"), s("title"), s("time"), s("text"))
            })
            .collect(),
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A news page around a real article: navigation, share buttons, related links,
/// comments and a footer, as sites write them.
fn page(title: &str, time: &str, text: &str) -> String {
    let paras: String = text
        .split('\n')
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("<p>{}</p>\n", escape(p.trim())))
        .collect();
    format!(
        r#"<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{t} - الموقع</title><meta property="og:site_name" content="الموقع">
<meta property="article:published_time" content="{time}"></head><body>
<header><a href="/">الرئيسية</a><a href="/sport">رياضة</a></header>
<nav class="menu"><ul><li><a href="/a">سياسة</a></li><li><a href="/b">اقتصاد</a></li></ul></nav>
<main><article><h1>{t}</h1><div class="share"><a href="/fb">فيسبوك</a><a href="/tw">تويتر</a></div>
<div class="article-body">{paras}</div>
<div class="related"><h3>أخبار ذات صلة</h3><ul><li><a href="/r1">خبر ذو صلة بالموضوع نفسه منشور أمس في الموقع</a></li></ul></div>
</article></main><div id="comments"><p>تعليق من قارئ يقول إن هذا الخبر مهم جدا ويجب متابعته في الأيام المقبلة بدقة.</p></div>
<footer>جميع الحقوق محفوظة للموقع ٢٠١٨</footer></body></html>"#,
        t = escape(title),
    )
}

fn http(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut h = format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n").into_bytes();
    h.extend_from_slice(body);
    h
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

#[test]
fn real_news_pages_give_their_text_and_metadata() {
    let Some(cnn) = marsad_testdata::data_path("news_html/cnnarabic_2013_syria_clashes.html")
    else {
        return;
    };
    let r = read_all(&cnn);
    let a = r[0].as_ref().expect("the CNN page reads");
    assert_eq!(a.format, "html");
    assert_eq!(
        a.title.as_deref(),
        Some("معارضون يسيطرون على مخازن للصواريخ بريف دمشق")
    );
    let expected = std::fs::read_to_string(
        cnn.with_file_name("cnnarabic_2013_syria_clashes.expected_text.txt"),
    )
    .unwrap();
    // Every expected paragraph is in the body.
    let got = body(a);
    for p in expected.split('\n').filter(|p| p.trim().len() > 20) {
        assert!(got.contains(p.trim()), "missing: {p}");
    }

    let assabah = cnn.with_file_name("assabah_com_tn_article.html");
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(cnn.with_file_name("assabah_com_tn_article.gold.json")).unwrap(),
    )
    .unwrap();
    let a = read_all(&assabah)
        .remove(0)
        .expect("the Assabah page reads");
    let got = body(&a);
    for s in gold["with"].as_array().unwrap() {
        assert!(got.contains(s.as_str().unwrap()), "missing {s}");
    }
    for s in gold["without"].as_array().unwrap() {
        assert!(
            !got.contains(s.as_str().unwrap()),
            "boilerplate leaked: {s}"
        );
    }
    assert!(a
        .title
        .as_deref()
        .unwrap()
        .starts_with("الناشط الحقوقي السوداني"));
}

#[test]
fn warc_gz_of_real_articles_with_a_corrupt_record_and_other_records() {
    let Some(arts) = ant_articles(60) else { return };
    let dir = tmp("warc");
    let mut plain = Vec::new();
    let mut gzipped = Vec::new();
    for (i, (url, title, time, text)) in arts.iter().enumerate() {
        let mut rec = warc_record("request", url, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        // A legacy-encoded page: the charset comes from the HTTP header.
        let html = page(title, time, text);
        let (bytes, ct) = if i % 3 == 0 {
            let (b, _, _) = encoding_rs::WINDOWS_1256.encode(&html);
            (b.into_owned(), "text/html; charset=windows-1256")
        } else {
            (html.into_bytes(), "text/html; charset=UTF-8")
        };
        rec.extend(warc_record("response", url, &http(ct, &bytes)));
        if i == 10 {
            rec.extend(warc_record(
                "response",
                "http://x/logo.png",
                &http("image/png", &[0u8; 4000]),
            ));
        }
        if i == 20 {
            // A record whose header was cut off mid-way.
            rec.extend_from_slice(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Len");
        }
        plain.extend_from_slice(&rec);
        gzipped.extend(gz(&rec));
    }
    for (name, bytes) in [("a.warc", &plain), ("a.warc.gz", &gzipped)] {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let results = read_all(&path);
        let ok: Vec<&RawArticle> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
        let errs: Vec<&RecordError> = results.iter().filter_map(|r| r.as_ref().err()).collect();
        assert_eq!(
            ok.len(),
            arts.len(),
            "{name}: every page is read; errors: {errs:?}"
        );
        assert_eq!(
            errs.len(),
            1,
            "{name}: the broken record is reported: {errs:?}"
        );
        assert!(errs[0].location.offset.is_some(), "{errs:?}");
        for (a, (url, title, _, text)) in ok.iter().zip(&arts) {
            assert_eq!(a.format, "warc");
            assert_eq!(a.url.as_deref(), Some(url.as_str()));
            assert_eq!(a.title.as_deref(), Some(title.trim()));
            let got = body(a);
            let first = text
                .split('\n')
                .find(|p| !p.trim().is_empty())
                .unwrap()
                .trim();
            assert!(got.contains(first), "{name} {url}: first paragraph missing");
            assert!(!got.contains("تعليق من قارئ"), "comments leaked");
            assert!(!got.contains("أخبار ذات صلة"), "related links leaked");
            assert!(a.published.is_some(), "{url}");
        }
        assert!(ok.iter().any(|a| a.encoding == "windows-1256"));
    }

    // A corrupt gzip member: that record is reported, the others are read.
    let mut members: Vec<Vec<u8>> = Vec::new();
    for (url, title, time, text) in arts.iter().take(5) {
        members.push(gz(&warc_record(
            "response",
            url,
            &http("text/html", page(title, time, text).as_bytes()),
        )));
    }
    let mid = members[2].len() / 2;
    for b in &mut members[2][mid..mid + 16] {
        *b ^= 0x5A;
    }
    let path = dir.join("corrupt.warc.gz");
    std::fs::write(&path, members.concat()).unwrap();
    let results = read_all(&path);
    let urls: Vec<&str> = results
        .iter()
        .filter_map(|r| r.as_ref().ok().and_then(|a| a.url.as_deref()))
        .collect();
    let expected: Vec<&str> = [0, 1, 3, 4].iter().map(|&i| arts[i].0.as_str()).collect();
    assert_eq!(urls, expected, "{results:?}");
    assert!(results.iter().any(|r| r.is_err()));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn rss_and_atom_feeds_of_real_articles() {
    let Some(arts) = ant_articles(25) else { return };
    let dir = tmp("feeds");
    let mut rss = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>بي بي سي عربي</title><link>https://www.bbc.com/arabic</link>"#,
    );
    let mut atom = String::from(
        r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>سكاي نيوز عربية</title>"#,
    );
    for (url, title, time, text) in &arts {
        let html: String = text
            .split('\n')
            .filter(|p| !p.trim().is_empty())
            .map(|p| format!("<p>{}</p>", escape(p.trim())))
            .collect();
        rss.push_str(&format!(
            "<item><title>{}</title><link>{}</link><pubDate>{}</pubDate><description>{}</description><content:encoded><![CDATA[{html}]]></content:encoded></item>",
            escape(title),
            escape(url),
            escape(time),
            escape(&html[..html.char_indices().nth(120).map_or(html.len(), |(i, _)| i)]),
        ));
        atom.push_str(&format!(
            r#"<entry><title>{}</title><link rel="alternate" href="{}"/><updated>2018-03-01T10:00:00Z</updated><summary type="html">{}</summary></entry>"#,
            escape(title),
            escape(url),
            escape(&html),
        ));
    }
    rss.push_str("</channel></rss>");
    atom.push_str("</feed>");
    for (name, feed, outlet) in [
        ("news.rss", &rss, "بي بي سي عربي"),
        ("news.atom", &atom, "سكاي نيوز عربية"),
    ] {
        let path = dir.join(name);
        // The Atom feed is written in windows-1256 and says so.
        if name.ends_with("atom") {
            let decl = feed.replace("encoding=\"utf-8\"", "encoding=\"windows-1256\"");
            let (b, _, _) = encoding_rs::WINDOWS_1256.encode(&decl);
            std::fs::write(&path, b).unwrap();
        } else {
            std::fs::write(&path, feed).unwrap();
        }
        let results = read_all(&path);
        assert_eq!(results.len(), arts.len(), "{name}");
        for (r, (url, title, _, text)) in results.iter().zip(&arts) {
            let a = r.as_ref().expect("item reads");
            assert_eq!(a.format, "feed");
            assert_eq!(a.url.as_deref(), Some(url.as_str()));
            assert_eq!(
                a.title.as_deref(),
                Some(
                    title
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .as_str()
                )
            );
            assert_eq!(a.outlet.as_deref(), Some(outlet));
            assert!(a.published.is_some(), "{name}: {url}");
            let first = text.split('\n').find(|p| !p.trim().is_empty()).unwrap();
            let first: String = first.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(body(a).contains(&first), "{name}: full text from content");
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_corrupt_gzip_that_is_not_a_warc_is_still_an_error() {
    let dir = tmp("badgz");
    let lines: String = (0..2000)
        .map(|i| {
            format!("{{\"title\": \"عنوان {i}\", \"text\": \"نص الخبر رقم {i} في الصحيفة\"}}\n")
        })
        .collect();
    let mut bytes = gz(lines.as_bytes());
    let n = bytes.len();
    // Break the checksum at the end of the only member.
    bytes[n - 6] ^= 0xFF;
    let path = dir.join("a.jsonl.gz");
    std::fs::write(&path, &bytes).unwrap();
    let results = read_all(&path);
    assert!(
        results.iter().any(|r| r.is_err()),
        "a corrupt gzip is reported"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_warc_gz_member_broken_at_its_header_or_inside_a_large_record_loses_only_that_record() {
    let Some(arts) = ant_articles(6) else { return };
    let dir = tmp("gzcases");
    // Pages padded past the 64 KB read buffer, so a break falls inside a record.
    let members: Vec<Vec<u8>> = arts
        .iter()
        .map(|(url, title, time, text)| {
            let padding = format!("<!-- {} -->", "x".repeat(200_000));
            let html = page(title, time, text).replace("</body>", &format!("{padding}</body>"));
            gz(&warc_record(
                "response",
                url,
                &http("text/html; charset=utf-8", html.as_bytes()),
            ))
        })
        .collect();
    for (case, broken) in [("header", 1usize), ("inside", 3)] {
        let mut ms = members.clone();
        if case == "header" {
            // The gzip header's flags byte: an unknown reserved flag is an error
            // before any byte comes out.
            ms[broken][3] = 0xE0;
        } else {
            let mid = ms[broken].len() / 2;
            for b in &mut ms[broken][mid..mid + 64] {
                *b = !*b;
            }
        }
        let path = dir.join(format!("{case}.warc.gz"));
        std::fs::write(&path, ms.concat()).unwrap();
        let results = read_all(&path);
        let urls: Vec<&str> = results
            .iter()
            .filter_map(|r| r.as_ref().ok().and_then(|a| a.url.as_deref()))
            .collect();
        let expected: Vec<&str> = arts
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != broken)
            .map(|(_, a)| a.0.as_str())
            .collect();
        assert_eq!(urls, expected, "{case}: {results:?}");
        assert!(
            results.iter().any(|r| r.is_err()),
            "{case}: the broken record is reported"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}
