//! Golden tests on real articles from the shared data: every record of the
//! SaudiNewsNet and ANT JSONL samples loads with its metadata, the ANT raw TREC
//! files agree with their JSONL records, and the body comes out as the record says.

use marsad_article::Article;
use marsad_pipeline::build_article;
use marsad_readers::input::{read_unit, Inputs};
use serde_json::Value;
use std::path::PathBuf;

fn extract(path: &PathBuf) -> (Vec<Article>, Vec<String>) {
    let mut arts = Vec::new();
    let mut errs = Vec::new();
    for unit in Inputs::new(std::slice::from_ref(path), None) {
        match unit {
            Ok(u) => {
                for r in read_unit(u) {
                    match r {
                        Ok(raw) => arts.push(build_article(raw)),
                        Err(e) => errs.push(e.to_string()),
                    }
                }
            }
            Err(e) => errs.push(e.to_string()),
        }
    }
    (arts, errs)
}

/// What the pipeline promises to do to a body string: one paragraph per
/// non-empty line, white space collapsed, invisible bidi/zero-width marks removed.
fn expected_text(body: &str) -> String {
    body.split('\n')
        .map(clean_line)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Control characters count as white space; invisible marks vanish.
fn clean_line(l: &str) -> String {
    let l: String = l
        .chars()
        .filter(|&c| !marsad_text::chars::is_invisible(c))
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    l.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn records(path: &PathBuf) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn check_spans(a: &Article) {
    let n = a.char_len();
    for s in a.paragraphs.iter().chain(&a.sentences) {
        assert!(s.start < s.end && s.end <= n, "{} bad span {s:?}", a.id);
    }
    assert!(a.sentences.windows(2).all(|w| w[0].end <= w[1].start));
}

#[test]
fn saudinewsnet_sample_loads_with_metadata() {
    let Some(path) = marsad_testdata::data_path("saudinewsnet/saudinewsnet_sample_350.jsonl")
    else {
        return;
    };
    let (arts, errs) = extract(&path);
    assert!(errs.is_empty(), "{errs:?}");
    let recs = records(&path);
    assert_eq!(arts.len(), recs.len());
    for (a, r) in arts.iter().zip(&recs) {
        let title = clean_line(r["title"].as_str().unwrap());
        assert_eq!(
            a.title.as_deref(),
            Some(title.as_str()).filter(|t| !t.is_empty()),
            "title"
        );
        assert_eq!(a.outlet.as_deref(), r["source"].as_str(), "outlet");
        assert_eq!(a.url.as_deref(), r["url"].as_str());
        let date = r["date_extracted"].as_str().unwrap();
        assert_eq!(
            a.published.as_ref().unwrap().value,
            date.replace(' ', "T"),
            "published"
        );
        assert_eq!(a.published.as_ref().unwrap().raw, date);
        assert_eq!(
            a.text,
            expected_text(r["content"].as_str().unwrap()),
            "body of {}",
            a.url.as_deref().unwrap_or("")
        );
        assert_eq!(a.meta["zip_file"], r["zip_file"]);
        assert_eq!(a.language, "ar");
        assert!(!a.sentences.is_empty());
        check_spans(a);
    }
}

#[test]
fn ant_sample_loads_with_metadata() {
    let Some(path) =
        marsad_testdata::data_path("ant_multisource_news/ant_multisource_sample.jsonl")
    else {
        return;
    };
    let (arts, errs) = extract(&path);
    assert!(errs.is_empty(), "{errs:?}");
    let recs = records(&path);
    assert_eq!(arts.len(), 3774);
    for (a, r) in arts.iter().zip(&recs) {
        let title = clean_line(r["title"].as_str().unwrap());
        assert_eq!(
            a.title.as_deref(),
            Some(title.as_str()).filter(|t| !t.is_empty())
        );
        assert_eq!(a.outlet.as_deref(), r["source"].as_str());
        assert_eq!(
            a.published.as_ref().map(|p| p.raw.as_str()),
            r["time"].as_str()
        );
        let p = a.published.as_ref().unwrap();
        assert_eq!(
            p.precision,
            marsad_article::DatePrecision::Datetime,
            "{}",
            p.raw
        );
        assert_eq!(a.text, expected_text(r["text"].as_str().unwrap()));
        for k in ["docno", "category", "abstract", "repo_path"] {
            assert_eq!(a.meta.get(k), r.get(k), "{k}");
        }
        check_spans(a);
    }
    // RFC 2822 times with offsets come out in ISO 8601 with the same offset.
    let a = arts
        .iter()
        .find(|a| a.published.as_ref().unwrap().raw.ends_with("+0400"))
        .unwrap();
    assert!(a.published.as_ref().unwrap().value.ends_with("+04:00"));
}

#[test]
fn ant_raw_trec_files_match_their_jsonl_records() {
    let Some(dir) = marsad_testdata::data_path("ant_multisource_news/raw_examples") else {
        return;
    };
    let Some(jsonl) =
        marsad_testdata::data_path("ant_multisource_news/ant_multisource_sample.jsonl")
    else {
        return;
    };
    let (from_jsonl, _) = extract(&jsonl);
    let (from_trec, errs) = extract(&dir);
    assert!(errs.is_empty(), "{errs:?}");
    assert_eq!(from_trec.len(), 12);
    let mut matched = 0;
    for t in &from_trec {
        assert_eq!(t.source.format, "trec");
        assert!(
            t.title.is_some() && !t.text.is_empty() && t.published.is_some() && t.outlet.is_some()
        );
        // The TREC body maps back to the raw file character for character.
        let raw: Vec<char> = std::fs::read_to_string(&t.source.path)
            .unwrap()
            .chars()
            .collect();
        let text: Vec<char> = t.text.chars().collect();
        assert!(!t.origin.is_empty());
        for o in &t.origin {
            assert_eq!(
                text[o.text_start..o.text_start + o.len],
                raw[o.source_start..o.source_start + o.len]
            );
        }
        let docno = &t.meta["docno"];
        if let Some(j) = from_jsonl.iter().find(|j| &j.meta["docno"] == docno) {
            matched += 1;
            assert_eq!(t.title, j.title, "{docno}");
            assert_eq!(t.text, j.text, "{docno}");
            assert_eq!(t.published, j.published, "{docno}");
            assert_eq!(t.url, j.url);
            assert_eq!(t.id, j.id, "same content, same id across formats");
        }
    }
    assert_eq!(matched, 9);
}

#[test]
fn saudinewsnet_zip_archives_read_directly() {
    let Some(zip) = marsad_testdata::data_path("saudinewsnet/dataset/2015-07-23.zip") else {
        return;
    };
    let (arts, errs) = extract(&zip);
    assert!(errs.is_empty(), "{errs:?}");
    // The archive holds one JSON array; every element becomes an article with its metadata.
    assert!(arts.len() > 1000, "{}", arts.len());
    for (i, a) in arts.iter().enumerate() {
        assert_eq!(a.source.format, "json");
        assert_eq!(a.source.record, Some(i as u64));
        assert!(
            a.source.path.contains("2015-07-23.zip!"),
            "{}",
            a.source.path
        );
        assert!(a.outlet.is_some() && a.url.is_some() && a.published.is_some());
        assert!(a.published.as_ref().unwrap().value.starts_with("2015-07-2"));
    }
    assert!(arts.iter().filter(|a| a.title.is_some()).count() > arts.len() * 99 / 100);
}
