//! TREC-style `<DOC>` files (the ANT corpus): tag-delimited pseudo-XML that is not
//! well-formed XML, so it is read with plain tag scanning. A file may hold many
//! `<DOC>` records; a broken one is reported and the rest are read.

use crate::{BodyPiece, Location, RawArticle, RecordError};

/// Read every `<DOC>` record of `text` (already decoded).
pub fn read_trec(text: &str, path: &str, encoding: &str) -> Vec<Result<RawArticle, RecordError>> {
    let mut out = Vec::new();
    let mut pos = 0usize;
    let mut index = 0u64;
    while let Some(rel) = find_ci(&text[pos..], "<doc>") {
        let start = pos + rel;
        let location = Location {
            path: path.to_string(),
            line: Some(line_of(text, start)),
            record: Some(index),
            offset: Some(start as u64),
        };
        index += 1;
        let body_start = start + "<doc>".len();
        match find_ci(&text[body_start..], "</doc>") {
            Some(end_rel) => {
                let end = body_start + end_rel;
                out.push(read_doc(text, body_start, end, location, encoding));
                pos = end + "</doc>".len();
            }
            None => {
                // Unterminated last record: read what is there, with a warning.
                let mut r = read_doc(text, body_start, text.len(), location, encoding);
                if let Ok(a) = &mut r {
                    a.warnings.push(marsad_article::Warning::new(
                        "unterminated-doc",
                        "<DOC> without </DOC>",
                    ));
                }
                out.push(r);
                break;
            }
        }
    }
    if out.is_empty() {
        out.push(Err(RecordError {
            location: Location {
                path: path.to_string(),
                ..Default::default()
            },
            reason: "no <DOC> record found".to_string(),
        }));
    }
    out
}

/// ASCII case-insensitive find.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    let hb = hay.as_bytes();
    if hb.len() < n {
        return None;
    }
    (0..=hb.len() - n).find(|&i| hb[i..i + n].eq_ignore_ascii_case(needle.as_bytes()))
}

fn line_of(text: &str, byte: usize) -> u64 {
    1 + memchr::memchr_iter(b'\n', &text.as_bytes()[..byte]).count() as u64
}

/// The content of `<TAG>...</TAG>` inside `doc[lo..hi]`, as a byte range.
fn field(text: &str, lo: usize, hi: usize, tag: &str) -> Option<(usize, usize)> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let s = lo + find_ci(&text[lo..hi], &open)? + open.len();
    let e = s + find_ci(&text[s..hi], &close).unwrap_or(hi - s);
    Some((s, e))
}

fn read_doc(
    text: &str,
    lo: usize,
    hi: usize,
    location: Location,
    encoding: &str,
) -> Result<RawArticle, RecordError> {
    let get = |tag: &str| {
        field(text, lo, hi, tag)
            .map(|(s, e)| text[s..e].trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let mut a = RawArticle {
        location: location.clone(),
        format: "trec",
        encoding: encoding.to_string(),
        title: get("TITLE"),
        url: get("URL"),
        outlet: get("SRC"),
        author: get("AUTHOR"),
        ..Default::default()
    };
    if let Some(raw) = get("TIME") {
        match crate::published::parse_published(&raw) {
            Some(p) => a.published = Some(p),
            None => a.warnings.push(marsad_article::Warning::new(
                "bad-date",
                format!("unrecognised TIME {raw:?}"),
            )),
        }
    }
    for (tag, key) in [
        ("DOCNO", "docno"),
        ("CAT", "category"),
        ("ABSTRACT", "abstract"),
    ] {
        if let Some(v) = get(tag) {
            a.meta.insert(key.to_string(), serde_json::Value::String(v));
        }
    }
    if let Some((s, e)) = field(text, lo, hi, "TEXT") {
        // Body lines keep their position in the input (code points) for the origin map.
        let mut cp = text[..s].chars().count();
        for line in text[s..e].split('\n') {
            let lead = line.len() - line.trim_start().len();
            let trimmed = line.trim();
            if !trimmed.is_empty() {
                a.body.push(BodyPiece {
                    text: trimmed.to_string(),
                    source_start: Some(cp + line[..lead].chars().count()),
                });
            }
            cp += line.chars().count() + 1;
        }
    }
    if a.body.is_empty() && a.title.is_none() {
        return Err(RecordError {
            location,
            reason: "<DOC> has neither <TEXT> nor <TITLE>".to_string(),
        });
    }
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "<DOC>\n<DOCNO>SK-1</DOCNO>\n<URL>https://x/1</URL>\n<SRC>skynews</SRC>\n<CAT>middleEast</CAT>\n<TITLE>عنوان </TITLE>\n<TIME>Thu, 22 Feb 2018 21:49:09 GMT</TIME>\n<AUTHOR>أبوظبي - سكاي نيوز عربية</AUTHOR>\n<ABSTRACT>\nملخص\n</ABSTRACT>\n<TEXT>\nالفقرة الأولى.\n  الفقرة الثانية.\n</TEXT>\n</DOC>\n";

    #[test]
    fn reads_fields_and_body_offsets() {
        let two = format!("{DOC}{}", DOC.replace("SK-1", "SK-2"));
        let recs = read_trec(&two, "f.txt", "UTF-8");
        assert_eq!(recs.len(), 2);
        let a = recs[0].as_ref().unwrap();
        assert_eq!(a.title.as_deref(), Some("عنوان"));
        assert_eq!(a.outlet.as_deref(), Some("skynews"));
        assert_eq!(a.meta["docno"], "SK-1");
        assert_eq!(a.meta["category"], "middleEast");
        assert_eq!(
            a.published.as_ref().unwrap().value,
            "2018-02-22T21:49:09+00:00"
        );
        assert_eq!(a.body.len(), 2);
        let chars: Vec<char> = two.chars().collect();
        for p in &a.body {
            let s = p.source_start.unwrap();
            let got: String = chars[s..s + p.text.chars().count()].iter().collect();
            assert_eq!(got, p.text);
        }
        assert_eq!(recs[1].as_ref().unwrap().meta["docno"], "SK-2");
        assert_eq!(recs[1].as_ref().unwrap().location.record, Some(1));
    }

    #[test]
    fn broken_records() {
        assert!(read_trec("no docs here", "f", "UTF-8")[0].is_err());
        let r = read_trec("<DOC><DOCNO>x</DOCNO></DOC><DOC><TITLE>t", "f", "UTF-8");
        assert!(r[0].is_err());
        assert!(r[1]
            .as_ref()
            .unwrap()
            .warnings
            .iter()
            .any(|w| w.code == "unterminated-doc"));
    }
}
