//! JSON Lines and JSON documents of article records with common field names.
//!
//! Field names are matched case-insensitively, first match wins:
//! title ← `title` `headline` `name`; body ← `text` `content` `body` `article`
//! `full_text` `maintext` `article_body`; published ← `published` `date_published`
//! `datePublished` `pubDate` `published_at` `date` `time` `timestamp` `created_at`
//! `date_extracted` `date_publish`; url ← `url` `link` `href` `uri`; outlet ←
//! `outlet` `source` `site` `publisher` `sitename` `source_name` `domain` (an
//! object's `name`); author ← `author` `authors` `byline`. All other fields are kept
//! in `meta`.

use crate::{Location, RawArticle, RecordError};
use marsad_article::Warning;
use serde_json::{Map, Value};

const TITLE: &[&str] = &["title", "headline", "name"];
const BODY: &[&str] = &[
    "text",
    "content",
    "body",
    "article",
    "full_text",
    "fulltext",
    "maintext",
    "article_body",
    "articlebody",
];
const DATE: &[&str] = &[
    "published",
    "date_published",
    "datepublished",
    "pubdate",
    "published_at",
    "publish_date",
    "date_publish",
    "date",
    "time",
    "timestamp",
    "created_at",
    "date_extracted",
    "datetime",
];
const URL: &[&str] = &["url", "link", "href", "uri"];
const OUTLET: &[&str] = &[
    "outlet",
    "source",
    "site",
    "publisher",
    "sitename",
    "site_name",
    "source_name",
    "domain",
    "newspaper",
];
const AUTHOR: &[&str] = &["author", "authors", "byline", "writer"];

/// Read one JSON Lines line.
pub fn read_line(
    line: &str,
    location: Location,
    encoding: &str,
) -> Result<RawArticle, RecordError> {
    match serde_json::from_str::<Value>(line) {
        Ok(v) => read_value(v, location, "jsonl", encoding),
        Err(e) => Err(RecordError {
            location,
            reason: format!("invalid JSON: {e}"),
        }),
    }
}

/// Read a whole JSON document: one record, an array of records, or an object
/// holding such an array under `articles`/`items`/`data`/`results`/`docs`.
pub fn read_document(
    text: &str,
    path: &str,
    encoding: &str,
) -> Vec<Result<RawArticle, RecordError>> {
    let loc = |record: Option<u64>| Location {
        path: path.to_string(),
        record,
        ..Default::default()
    };
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            return vec![Err(RecordError {
                location: Location {
                    path: path.to_string(),
                    line: Some(e.line() as u64),
                    ..Default::default()
                },
                reason: format!("invalid JSON: {e}"),
            })]
        }
    };
    let items = match value {
        Value::Array(items) => items,
        Value::Object(mut map) => {
            let key = ["articles", "items", "data", "results", "docs", "documents"]
                .into_iter()
                .find(|k| matches!(map.get(*k), Some(Value::Array(_))));
            match key.and_then(|k| map.remove(k)) {
                Some(Value::Array(items)) => items,
                _ => return vec![read_value(Value::Object(map), loc(None), "json", encoding)],
            }
        }
        other => {
            return vec![Err(RecordError {
                location: loc(None),
                reason: format!(
                    "expected a JSON object or array of objects, found {}",
                    type_name(&other)
                ),
            })]
        }
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, v)| read_value(v, loc(Some(i as u64)), "json", encoding))
        .collect()
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Remove and return the first present, non-empty field among `names`.
fn take(map: &mut Map<String, Value>, names: &[&str]) -> Option<(String, Value)> {
    for name in names {
        let key = map.keys().find(|k| k.eq_ignore_ascii_case(name)).cloned();
        if let Some(key) = key {
            let empty = match &map[&key] {
                Value::Null => true,
                Value::String(s) => s.trim().is_empty(),
                Value::Array(a) => a.is_empty(),
                _ => false,
            };
            if !empty {
                let v = map.remove(&key)?;
                return Some((key, v));
            }
        }
    }
    None
}

/// A field as text: strings as-is, numbers printed, arrays of strings joined,
/// objects by their `name`/`text`/`value`.
fn as_text(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(a) => a.iter().filter_map(as_text).collect::<Vec<_>>().join("، "),
        Value::Object(o) => ["name", "text", "value", "@value"]
            .iter()
            .find_map(|k| o.get(*k).and_then(as_text))?,
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

/// Build a [`RawArticle`] from one JSON value.
pub fn read_value(
    value: Value,
    location: Location,
    format: &'static str,
    encoding: &str,
) -> Result<RawArticle, RecordError> {
    let mut map = match value {
        Value::Object(m) => m,
        other => {
            return Err(RecordError {
                location,
                reason: format!("expected a JSON object, found {}", type_name(&other)),
            })
        }
    };
    let mut a = RawArticle {
        location,
        format,
        encoding: encoding.to_string(),
        ..Default::default()
    };
    a.title = take(&mut map, TITLE).and_then(|(_, v)| as_text(&v));
    if let Some((key, v)) = take(&mut map, BODY) {
        match as_text(&v) {
            Some(t) => a.set_body_text(&t),
            None => a.warnings.push(Warning::new(
                "bad-field",
                format!("field {key:?} is not text"),
            )),
        }
    }
    if let Some((key, v)) = take(&mut map, DATE) {
        let raw = match &v {
            // Unix timestamps (seconds or milliseconds).
            Value::Number(n) => n.as_i64().map(unix_to_iso),
            _ => as_text(&v),
        };
        match raw.as_deref().and_then(crate::published::parse_published) {
            Some(p) => a.published = Some(p),
            None => {
                a.warnings.push(Warning::new(
                    "bad-date",
                    format!("unrecognised date in {key:?}: {v}"),
                ));
                a.meta.insert(key, v);
            }
        }
    }
    a.url = take(&mut map, URL).and_then(|(_, v)| as_text(&v));
    a.outlet = take(&mut map, OUTLET).and_then(|(_, v)| as_text(&v));
    a.author = take(&mut map, AUTHOR).and_then(|(_, v)| as_text(&v));
    a.meta.extend(map);
    if a.body.is_empty() && a.title.is_none() && a.url.is_none() {
        let fields: Vec<&String> = a.meta.keys().collect();
        return Err(RecordError {
            location: a.location,
            reason: format!("record has no body, title or url field (fields: {fields:?})"),
        });
    }
    // A record that is there but empty (a crawler's blank page) stays an article
    // with its metadata; the pipeline flags it with no-title/no-body warnings.
    Ok(a)
}

/// Seconds (or milliseconds) since the epoch → `YYYY-MM-DDTHH:MM:SS+00:00`.
fn unix_to_iso(t: i64) -> String {
    let secs = if t.abs() > 100_000_000_000 {
        t / 1000
    } else {
        t
    };
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil-from-days (Howard Hinnant).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}+00:00",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc() -> Location {
        Location {
            path: "t.jsonl".into(),
            line: Some(3),
            ..Default::default()
        }
    }

    #[test]
    fn common_field_names() {
        let a = read_line(
            r#"{"Headline":"عنوان","content":"فقرة أولى\n\n فقرة ثانية","date_extracted":"2015-07-21 02:51:32","link":"http://x","source":{"name":"sabq"},"authors":["أ","ب"],"category":"sport"}"#,
            loc(),
            "UTF-8",
        )
        .unwrap();
        assert_eq!(a.title.as_deref(), Some("عنوان"));
        assert_eq!(
            a.body.iter().map(|p| p.text.as_str()).collect::<Vec<_>>(),
            ["فقرة أولى", "فقرة ثانية"]
        );
        assert_eq!(a.published.unwrap().value, "2015-07-21T02:51:32");
        assert_eq!(a.url.as_deref(), Some("http://x"));
        assert_eq!(a.outlet.as_deref(), Some("sabq"));
        assert_eq!(a.author.as_deref(), Some("أ، ب"));
        assert_eq!(a.meta["category"], "sport");
    }

    #[test]
    fn errors_are_located() {
        let e = read_line("{\"title\": ", loc(), "UTF-8").unwrap_err();
        assert_eq!(e.location.line, Some(3));
        assert!(e.reason.contains("invalid JSON"));
        let e = read_line("[1,2]", loc(), "UTF-8").unwrap_err();
        assert!(e.reason.contains("array"));
        let e = read_line("{\"id\": 5}", loc(), "UTF-8").unwrap_err();
        assert!(e.reason.contains("no body, title or url"));
    }

    #[test]
    fn documents() {
        let r = read_document(
            r#"{"articles":[{"title":"a"},{"x":1},{"text":"b"}]}"#,
            "d.json",
            "UTF-8",
        );
        assert_eq!(r.len(), 3);
        assert!(r[0].is_ok() && r[1].is_err() && r[2].is_ok());
        assert_eq!(r[1].as_ref().unwrap_err().location.record, Some(1));
        assert!(read_document("[{\"title\":", "d.json", "UTF-8")[0].is_err());
    }

    #[test]
    fn unix_times() {
        assert_eq!(unix_to_iso(0), "1970-01-01T00:00:00+00:00");
        assert_eq!(unix_to_iso(1_519_001_444), "2018-02-19T00:50:44+00:00");
        assert_eq!(unix_to_iso(1_519_001_444_000), "2018-02-19T00:50:44+00:00");
    }
}
