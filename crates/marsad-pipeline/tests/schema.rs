//! The JSON schema in docs/ describes what the pipeline writes: real articles and
//! the committed example validate against it (a small validator for the subset of
//! JSON Schema the document uses), and the example deserializes into `Article`
//! and serializes back unchanged.

use marsad_article::Article;
use serde_json::Value;
use std::path::Path;

fn docs(name: &str) -> Value {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs")
        .join(name);
    serde_json::from_str(
        &std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())),
    )
    .unwrap()
}

/// Validate `v` against `schema` (type, const, enum, required, properties with
/// no unknown keys, items, $ref, minimum, and the schema's few patterns). Returns errors.
fn validate(v: &Value, schema: &Value, root: &Value, path: &str, errs: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/$defs/");
        return validate(v, &root["$defs"][name], root, path, errs);
    }
    if let Some(c) = schema.get("const") {
        if v != c {
            errs.push(format!("{path}: expected {c}"));
        }
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array) {
        if !e.contains(v) {
            errs.push(format!("{path}: {v} not in {e:?}"));
        }
    }
    let ty = schema.get("type").and_then(Value::as_str);
    let ok = match ty {
        Some("object") => v.is_object(),
        Some("array") => v.is_array(),
        Some("string") => v.is_string(),
        Some("integer") => v.is_u64() || v.is_i64(),
        None => true,
        Some(_) => true,
    };
    if !ok {
        errs.push(format!("{path}: expected {ty:?}, got {v}"));
        return;
    }
    if let (Some(min), Some(n)) = (schema.get("minimum").and_then(Value::as_i64), v.as_i64()) {
        if n < min {
            errs.push(format!("{path}: {n} < {min}"));
        }
    }
    if let Some(p) = schema.get("pattern").and_then(Value::as_str) {
        let s = v.as_str().unwrap_or("");
        let hex = |t: &str| {
            t.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        };
        let ok = match p {
            "^[0-9a-f]{32}$" => s.len() == 32 && hex(s),
            "^[A-Z]{3}$" => s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase()),
            "^E[0-9a-f]{12}(-[0-9]+)?$" => {
                let (id, n) = s.split_once('-').unwrap_or((s, "1"));
                id.len() == 13
                    && id.starts_with('E')
                    && hex(&id[1..])
                    && !n.is_empty()
                    && n.bytes().all(|b| b.is_ascii_digit())
            }
            other => panic!("the test validator does not know pattern {other}"),
        };
        if !ok {
            errs.push(format!("{path}: {s:?} does not match {p}"));
        }
    }
    if let Some(obj) = v.as_object() {
        for r in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !obj.contains_key(r.as_str().unwrap()) {
                errs.push(format!("{path}: missing required {r}"));
            }
        }
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            for (k, val) in obj {
                match props.get(k) {
                    Some(s) => validate(val, s, root, &format!("{path}.{k}"), errs),
                    None => errs.push(format!("{path}: property {k:?} is not in the schema")),
                }
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), v.as_array()) {
        for (i, x) in arr.iter().enumerate() {
            validate(x, items, root, &format!("{path}[{i}]"), errs);
        }
    }
}

#[test]
fn committed_example_validates_and_round_trips() {
    let schema = docs("article.schema.json");
    let example = docs("article.example.json");
    let mut errs = Vec::new();
    validate(&example, &schema, &schema, "$", &mut errs);
    assert!(errs.is_empty(), "{errs:#?}");
    let a: Article = serde_json::from_value(example.clone()).unwrap();
    assert_eq!(serde_json::to_value(&a).unwrap(), example);
    // Spans in the example index the text by code point.
    for s in a.sentences.iter().chain(&a.paragraphs) {
        assert!(s.end <= a.char_len());
    }
}

#[test]
fn pipeline_output_validates() {
    let schema = docs("article.schema.json");
    let mut raw = marsad_readers::RawArticle {
        title: Some("عنوان".into()),
        url: Some("http://x".into()),
        outlet: Some("واس".into()),
        author: Some("فلان".into()),
        published: marsad_readers::published::parse_published("2015-08-10 19:05"),
        format: "jsonl",
        encoding: "UTF-8".into(),
        ..Default::default()
    };
    raw.set_body_text("قال الوزير: «نعم». وأضاف أنه سيعود.\nفقرة ثانية");
    raw.body[0].source_start = Some(0);
    raw.meta.insert("category".into(), Value::from("politics"));
    raw.location.line = Some(1);
    raw.dateline = Some(marsad_article::Dateline {
        place: Some("الرياض".into()),
        agency: Some("واس".into()),
        raw: "الرياض - واس".into(),
        span: None,
    });
    let a = marsad_pipeline::build_article(raw);
    let v = serde_json::to_value(&a).unwrap();
    let mut errs = Vec::new();
    validate(&v, &schema, &schema, "$", &mut errs);
    assert!(errs.is_empty(), "{errs:#?}");
    // And the empty article too.
    let e = serde_json::to_value(marsad_pipeline::build_article(marsad_readers::RawArticle {
        format: "text",
        ..Default::default()
    }))
    .unwrap();
    validate(&e, &schema, &schema, "$", &mut errs);
    assert!(errs.is_empty(), "{errs:#?}");
}
