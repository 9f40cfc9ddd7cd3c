//! The row builders and writers on real articles (SaudiNewsNet, through the whole
//! pipeline): every row fits the schema, offsets slice the text, the events rows are
//! the TSV's values, and what each writer writes reads back as the same rows.

use marsad_article::Article;
use marsad_export::rows::{self, check_row};
use marsad_export::{ColType, Exporter, Format, Row, Table, Value};
use marsad_readers::input::{read_unit, Inputs};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The first 120 articles of the SaudiNewsNet sample through the pipeline (once).
fn articles() -> Option<&'static Vec<Article>> {
    static A: OnceLock<Vec<Article>> = OnceLock::new();
    let path = marsad_testdata::data_path("saudinewsnet/saudinewsnet_sample_350.jsonl")?;
    Some(A.get_or_init(|| {
        let mut out = Vec::new();
        for unit in Inputs::new(std::slice::from_ref(&path), None).take(120) {
            for raw in read_unit(unit.expect("readable")).into_iter().flatten() {
                out.push(marsad_pipeline::build_article(raw));
            }
        }
        assert_eq!(out.len(), 120, "120 articles read");
        out
    }))
}

/// A real article with every layer: mentions, entities, quotes and events.
fn rich_article() -> Option<&'static Article> {
    let a = articles()?
        .iter()
        .find(|a| {
            !a.mentions.is_empty()
                && !a.quotes.is_empty()
                && !a.events.is_empty()
                && a.entities.iter().any(|e| !e.roles.is_empty())
        })
        .expect("an article with mentions, roles, quotes and events among the first 120");
    Some(a)
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("marsad-export-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn str_at(row: &Row, i: usize) -> &str {
    match &row[i] {
        Value::Str(s) => s,
        v => panic!("column {i} is {v:?}, not a string"),
    }
}

fn int_at(row: &Row, i: usize) -> i64 {
    match row[i] {
        Value::I64(n) => n,
        Value::I32(n) => n.into(),
        ref v => panic!("column {i} is {v:?}, not an integer"),
    }
}

fn col(t: Table, name: &str) -> usize {
    t.columns()
        .iter()
        .position(|c| c.name == name)
        .unwrap_or_else(|| panic!("{}.{name}", t.name()))
}

#[test]
fn rows_of_a_real_article() {
    let Some(a) = rich_article() else { return };
    let text = |s: usize, e: usize| marsad_article::slice_chars(&a.text, s, e).to_string();

    let row = rows::article_row(a, Some("story-x"));
    check_row(Table::Articles, &row).unwrap();
    let t = Table::Articles;
    assert_eq!(str_at(&row, col(t, "id")), a.id);
    assert_eq!(str_at(&row, col(t, "text")), a.text);
    assert_eq!(int_at(&row, col(t, "chars")), a.text.chars().count() as i64);
    assert_eq!(int_at(&row, col(t, "n_mentions")), a.mentions.len() as i64);
    assert_eq!(int_at(&row, col(t, "n_events")), a.events.len() as i64);
    assert_eq!(str_at(&row, col(t, "story")), "story-x");
    let day = str_at(&row, col(t, "day"));
    assert!(
        a.published.as_ref().unwrap().value.starts_with(day) && day.len() == 10,
        "{day}"
    );
    assert_eq!(rows::article_row(a, None)[col(t, "story")], Value::Null);

    let mentions = rows::mention_rows(a);
    assert_eq!(mentions.len(), a.mentions.len());
    let t = Table::Mentions;
    for (i, m) in mentions.iter().enumerate() {
        check_row(t, m).unwrap();
        assert_eq!(int_at(m, col(t, "idx")), i as i64);
        let (s, e) = (int_at(m, col(t, "start")), int_at(m, col(t, "end")));
        assert_eq!(text(s as usize, e as usize), str_at(m, col(t, "text")));
    }

    let entities = rows::entity_rows(a);
    assert_eq!(entities.len(), a.entities.len());
    let t = Table::Entities;
    let linked = a.mentions.iter().filter(|m| m.entity.is_some()).count() as i64;
    let counted: i64 = entities.iter().map(|e| int_at(e, col(t, "mentions"))).sum();
    assert_eq!(counted, linked, "every linked mention counted once");
    for (e, ent) in entities.iter().zip(&a.entities) {
        check_row(t, e).unwrap();
        assert_eq!(str_at(e, col(t, "entity_id")), ent.id);
        // Every mention's entity is one of the article's entities.
        assert!(a.mentions.iter().all(|m| m
            .entity
            .as_ref()
            .is_none_or(|id| a.entities.iter().any(|x| &x.id == id))));
    }
    assert!(entities.iter().any(|e| e[col(t, "roles")] != Value::Null));

    let quotes = rows::quote_rows(a);
    assert_eq!(quotes.len(), a.quotes.len());
    let t = Table::Quotes;
    for q in &quotes {
        check_row(t, q).unwrap();
        let (s, e) = (int_at(q, col(t, "start")), int_at(q, col(t, "end")));
        assert!(s < e, "a quote is not empty");
        assert_eq!(text(s as usize, e as usize), str_at(q, col(t, "text")));
    }

    // Events: the very values the TSV writer prints, field by field.
    let events = rows::event_rows(a);
    assert_eq!(events.len(), a.events.len());
    let tsv = marsad_events::export::event_rows(a);
    let t = Table::Events;
    for (row, line) in events.iter().zip(tsv.lines()) {
        check_row(t, row).unwrap();
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), row.len());
        for ((v, f), c) in row.iter().zip(&fields).zip(t.columns()) {
            let printed = match v {
                Value::Null => String::new(),
                Value::Str(s) => s.replace(['\t', '\n', '\r'], " "),
                Value::I64(n) => n.to_string(),
                Value::F64(x) => format!("{x:.1}"),
                other => panic!("{}: {other:?}", c.name),
            };
            assert_eq!(&printed, f, "column {}", c.name);
        }
        let (s, len) = (
            int_at(row, col(t, "TriggerOffset")),
            int_at(row, col(t, "TriggerLength")),
        );
        assert_eq!(
            text(s as usize, (s + len) as usize),
            str_at(row, col(t, "Trigger"))
        );
        assert_eq!(str_at(row, col(t, "ArticleID")), a.id);
    }
}

#[test]
fn every_row_of_every_article_fits_the_schema() {
    let Some(arts) = articles() else { return };
    let mut n = [0usize; 5];
    for a in arts {
        for (i, t) in Table::ALL.iter().filter(|t| t.per_article()).enumerate() {
            for r in rows::rows(*t, a, Some("s")) {
                check_row(*t, &r).unwrap_or_else(|e| panic!("{}: {e}", a.id));
                n[i] += 1;
            }
        }
    }
    assert_eq!(n[0], arts.len());
    assert!(n.iter().all(|&k| k > 0), "every table has rows: {n:?}");
}

/// Parse a CSV field back into a value of the column's type.
fn csv_value(field: &str, c: &marsad_export::Column) -> Value {
    if field.is_empty() && c.nullable {
        return Value::Null;
    }
    match c.ty {
        ColType::String => Value::Str(field.to_string()),
        ColType::Int64 => Value::I64(field.parse().unwrap()),
        ColType::Int32 => Value::I32(field.parse().unwrap()),
        ColType::Float64 => Value::F64(field.parse().unwrap()),
        ColType::Bool => Value::Bool(field.parse().unwrap()),
    }
}

fn json_value(v: &serde_json::Value, c: &marsad_export::Column) -> Value {
    match (v, c.ty) {
        (serde_json::Value::Null, _) => Value::Null,
        (serde_json::Value::String(s), ColType::String) => Value::Str(s.clone()),
        (v, ColType::Int64) => Value::I64(v.as_i64().unwrap()),
        (v, ColType::Int32) => Value::I32(v.as_i64().unwrap() as i32),
        (v, ColType::Float64) => Value::F64(v.as_f64().unwrap()),
        (v, ColType::Bool) => Value::Bool(v.as_bool().unwrap()),
        (v, t) => panic!("{}: {v} is not {t:?}", c.name),
    }
}

fn parquet_rows(path: &std::path::Path, t: Table) -> Vec<Row> {
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Float64Type, Int32Type, Int64Type};
    use arrow_array::Array;
    let file = std::fs::File::open(path).unwrap();
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap();
    let mut out = Vec::new();
    for batch in reader {
        let batch = batch.unwrap();
        assert_eq!(
            batch.schema().fields().len(),
            t.columns().len(),
            "{}",
            t.name()
        );
        for r in 0..batch.num_rows() {
            let row = t
                .columns()
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let a = batch.column(i);
                    assert_eq!(batch.schema().field(i).name(), c.name);
                    if a.is_null(r) {
                        return Value::Null;
                    }
                    match c.ty {
                        ColType::String => Value::Str(a.as_string::<i32>().value(r).to_string()),
                        ColType::Int64 => Value::I64(a.as_primitive::<Int64Type>().value(r)),
                        ColType::Int32 => Value::I32(a.as_primitive::<Int32Type>().value(r)),
                        ColType::Float64 => Value::F64(a.as_primitive::<Float64Type>().value(r)),
                        ColType::Bool => Value::Bool(a.as_boolean().value(r)),
                    }
                })
                .collect();
            out.push(row);
        }
    }
    out
}

#[test]
fn the_three_formats_read_back_as_the_rows() {
    let Some(arts) = articles() else { return };
    let tables: Vec<Table> = Table::ALL.into_iter().filter(|t| t.per_article()).collect();
    let dir = tmpdir("formats");
    for f in [Format::Parquet, Format::Csv, Format::Jsonl] {
        let mut ex = Exporter::to_dir(&dir, f, &tables).unwrap();
        for a in arts {
            ex.add_article(a, None).unwrap();
        }
        let counts = ex.finish().unwrap();
        assert_eq!(counts.len(), tables.len());
    }
    for t in tables {
        let want: Vec<Row> = arts.iter().flat_map(|a| rows::rows(t, a, None)).collect();
        let cols = t.columns();

        let got = parquet_rows(&dir.join(format!("{}.parquet", t.name())), t);
        assert_eq!(got, want, "parquet {}", t.name());

        let mut rdr = csv::Reader::from_path(dir.join(format!("{}.csv", t.name()))).unwrap();
        let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
        assert_eq!(header, cols.iter().map(|c| c.name).collect::<Vec<_>>());
        let got: Vec<Row> = rdr
            .records()
            .map(|r| {
                let r = r.unwrap();
                r.iter().zip(cols).map(|(f, c)| csv_value(f, c)).collect()
            })
            .collect();
        assert_eq!(got, want, "csv {}", t.name());

        let text = std::fs::read_to_string(dir.join(format!("{}.jsonl", t.name()))).unwrap();
        let got: Vec<Row> = text
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                let obj = v.as_object().unwrap();
                assert_eq!(obj.len(), cols.len());
                cols.iter().map(|c| json_value(&obj[c.name], c)).collect()
            })
            .collect();
        assert_eq!(got, want, "jsonl {}", t.name());
    }
    // No partial files left behind.
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains("partial")), "{names:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn article_lines_report_bad_lines_and_go_on() {
    let Some(arts) = articles() else { return };
    let mut input = String::new();
    input.push_str(&serde_json::to_string(&arts[0]).unwrap());
    input.push_str("\n{\"id\": broken\n\n");
    input.push_str(&serde_json::to_string(&arts[1]).unwrap());
    input.push_str("\n{\"title\": \"not an article\"}\n");
    let mut ids = Vec::new();
    let mut errors = Vec::new();
    let (ok, failed) = marsad_export::read_article_lines(
        input.as_bytes(),
        |a| {
            ids.push(a.id.clone());
            Ok(())
        },
        |e| errors.push(e),
    )
    .unwrap();
    assert_eq!((ok, failed), (2, 2));
    assert_eq!(ids, [arts[0].id.clone(), arts[1].id.clone()]);
    assert_eq!(errors[0].line, 2);
    assert_eq!(errors[1].line, 5);
    assert!(errors[1].reason.contains("missing field"), "{errors:?}");
}
