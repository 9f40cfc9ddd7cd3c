//! `marsad export` end to end: a store of a few hundred real SaudiNewsNet articles
//! exported as Parquet, CSV and JSON Lines; the three agree row for row and value
//! for value; pyarrow (the interpreter named by `MARSAD_PYTHON`, default `python3`)
//! reads every Parquet file with the same row counts, columns and values; the
//! JSON Lines pipe stage; usage errors.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::marsad;

fn ok(out: &Output) -> &Output {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("marsad-export-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// The schema `marsad export --schema` prints: table → [(name, type, nullable)].
type Schema = BTreeMap<String, Vec<(String, String, bool)>>;

fn schema() -> Schema {
    let out = marsad(&["export", "--schema"], b"");
    let v: Value = serde_json::from_slice(&ok(&out).stdout).expect("the schema is JSON");
    v.as_object()
        .unwrap()
        .iter()
        .map(|(t, cols)| {
            let cols = cols
                .as_array()
                .unwrap()
                .iter()
                .map(|c| {
                    assert!(!c["doc"].as_str().unwrap().is_empty());
                    (
                        c["name"].as_str().unwrap().to_string(),
                        c["type"].as_str().unwrap().to_string(),
                        c["nullable"].as_bool().unwrap(),
                    )
                })
                .collect();
            (t.clone(), cols)
        })
        .collect()
}

/// A JSON Lines table as rows of values in column order.
fn jsonl_rows(path: &Path, cols: &[(String, String, bool)]) -> Vec<Vec<Value>> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("a JSON line");
            let obj = v.as_object().unwrap();
            assert_eq!(obj.len(), cols.len(), "{l}");
            cols.iter().map(|(n, _, _)| obj[n].clone()).collect()
        })
        .collect()
}

/// A CSV table as rows of JSON values, typed by the schema (empty nullable = null).
fn csv_rows(path: &Path, cols: &[(String, String, bool)]) -> Vec<Vec<Value>> {
    let mut rdr = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        header,
        cols.iter().map(|c| c.0.clone()).collect::<Vec<_>>(),
        "{}",
        path.display()
    );
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            assert_eq!(r.len(), cols.len());
            r.iter()
                .zip(cols)
                .map(|(f, (_, ty, nullable))| {
                    if f.is_empty() && *nullable {
                        return Value::Null;
                    }
                    match ty.as_str() {
                        "string" => Value::String(f.to_string()),
                        "int64" | "int32" => Value::from(f.parse::<i64>().unwrap()),
                        "float64" => Value::from(f.parse::<f64>().unwrap()),
                        "bool" => Value::Bool(f.parse().unwrap()),
                        t => panic!("type {t}"),
                    }
                })
                .collect()
        })
        .collect()
}

/// A Parquet table read with the Rust reader, as rows of JSON values.
fn parquet_rows(path: &Path, cols: &[(String, String, bool)]) -> Vec<Vec<Value>> {
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Float64Type, Int32Type, Int64Type};
    use arrow_array::Array;
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(
        std::fs::File::open(path).unwrap(),
    )
    .unwrap()
    .build()
    .unwrap();
    let mut out = Vec::new();
    for batch in reader {
        let batch = batch.unwrap();
        let schema = batch.schema();
        for (i, (name, _, nullable)) in cols.iter().enumerate() {
            assert_eq!(schema.field(i).name(), name);
            assert_eq!(schema.field(i).is_nullable(), *nullable, "{name}");
        }
        for r in 0..batch.num_rows() {
            out.push(
                cols.iter()
                    .enumerate()
                    .map(|(i, (_, ty, _))| {
                        let a = batch.column(i);
                        if a.is_null(r) {
                            return Value::Null;
                        }
                        match ty.as_str() {
                            "string" => Value::from(a.as_string::<i32>().value(r)),
                            "int64" => Value::from(a.as_primitive::<Int64Type>().value(r)),
                            "int32" => Value::from(a.as_primitive::<Int32Type>().value(r)),
                            "float64" => Value::from(a.as_primitive::<Float64Type>().value(r)),
                            "bool" => Value::from(a.as_boolean().value(r)),
                            t => panic!("type {t}"),
                        }
                    })
                    .collect(),
            );
        }
    }
    out
}

const PYARROW_SCRIPT: &str = r#"
import json, sys
try:
    import pyarrow.parquet as pq
except ImportError as e:
    print("NO-PYARROW: %s" % e)
    sys.exit(3)
out = {}
for path in sys.argv[1:]:
    t = pq.read_table(path)
    name = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    out[name] = {
        "rows": t.num_rows,
        "columns": t.column_names,
        "types": [str(f.type) for f in t.schema],
        "nullable": [f.nullable for f in t.schema],
        "data": [[row[c] for c in t.column_names] for row in t.to_pylist()],
    }
print(json.dumps(out, ensure_ascii=False))
"#;

/// What pyarrow reads from the Parquet files, or `None` (skip; a failure under CI)
/// when pyarrow cannot be imported.
fn pyarrow_read(files: &[PathBuf]) -> Option<Value> {
    let python = std::env::var("MARSAD_PYTHON").unwrap_or_else(|_| "python3".into());
    let out = Command::new(&python)
        .arg("-c")
        .arg(PYARROW_SCRIPT)
        .args(files)
        .output();
    let out = match out {
        Ok(o) => o,
        Err(e) => {
            assert!(!ci(), "cannot run {python} (MARSAD_PYTHON): {e}");
            eprintln!("SKIP: pyarrow round trip: cannot run {python}: {e} (set MARSAD_PYTHON)");
            return None;
        }
    };
    if out.status.code() == Some(3) {
        let msg = String::from_utf8_lossy(&out.stdout);
        assert!(!ci(), "{python} cannot import pyarrow under CI: {msg}");
        eprintln!("SKIP: pyarrow round trip: {python} cannot import pyarrow ({}); set MARSAD_PYTHON to a python with pyarrow", msg.trim());
        return None;
    }
    assert!(
        out.status.success(),
        "{python}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).expect("the script prints JSON"))
}

#[test]
fn store_export_in_three_formats_agrees_and_pyarrow_reads_it() {
    let Some(file) = marsad_testdata::data_path("saudinewsnet/saudinewsnet_sample_350.jsonl")
    else {
        return;
    };
    let d = tmpdir("store");
    let store = d.join("store");
    let out = marsad(
        &[
            "ingest",
            "-q",
            "--store",
            store.to_str().unwrap(),
            file.to_str().unwrap(),
        ],
        b"",
    );
    ok(&out);
    let stats = marsad_store::Store::open_read_only(&store)
        .unwrap()
        .stats()
        .unwrap();
    assert!(stats.articles >= 300, "{} articles", stats.articles);

    for f in ["parquet", "csv", "jsonl"] {
        let dir = d.join(f);
        let out = marsad(
            &[
                "export",
                "--store",
                store.to_str().unwrap(),
                "--format",
                f,
                "--out",
                dir.to_str().unwrap(),
            ],
            b"",
        );
        let err = String::from_utf8_lossy(&ok(&out).stderr).into_owned();
        assert!(
            err.contains(&format!("exported {} articles", stats.articles)),
            "{err}"
        );
    }

    let schema = schema();
    assert_eq!(schema.len(), 6);
    let mut counts = BTreeMap::new();
    for (table, cols) in &schema {
        let want = jsonl_rows(&d.join(format!("jsonl/{table}.jsonl")), cols);
        let csv = csv_rows(&d.join(format!("csv/{table}.csv")), cols);
        assert_eq!(csv.len(), want.len(), "csv {table} rows");
        for (i, (a, b)) in csv.iter().zip(&want).enumerate() {
            assert_eq!(a, b, "csv {table} row {i}");
        }
        let pq = parquet_rows(&d.join(format!("parquet/{table}.parquet")), cols);
        assert_eq!(pq.len(), want.len(), "parquet {table} rows");
        for (i, (a, b)) in pq.iter().zip(&want).enumerate() {
            assert_eq!(a, b, "parquet {table} row {i}");
        }
        counts.insert(table.clone(), want);
    }

    // Row counts agree with the store.
    let n = |t: &str| counts[t].len() as u64;
    assert_eq!(n("articles"), stats.articles);
    assert_eq!(n("registry"), stats.entities);
    assert_eq!(n("quotes"), stats.quotes);
    assert_eq!(n("events"), stats.events);
    assert!(n("mentions") > n("entities") && n("entities") > n("articles"));
    // Per-article counts add up to the tables.
    let acols = &schema["articles"];
    let at = |name: &str| acols.iter().position(|c| c.0 == name).unwrap();
    for (col, table) in [
        ("n_mentions", "mentions"),
        ("n_entities", "entities"),
        ("n_quotes", "quotes"),
        ("n_events", "events"),
    ] {
        let sum: u64 = counts["articles"]
            .iter()
            .map(|r| r[at(col)].as_u64().unwrap())
            .sum();
        assert_eq!(sum, n(table), "{col}");
    }
    // Every article has its story; mention offsets slice the article's text.
    let texts: BTreeMap<&str, &str> = counts["articles"]
        .iter()
        .map(|r| {
            assert!(r[at("story")].is_string());
            (
                r[at("id")].as_str().unwrap(),
                r[at("text")].as_str().unwrap(),
            )
        })
        .collect();
    let mcols = &schema["mentions"];
    let mt = |name: &str| mcols.iter().position(|c| c.0 == name).unwrap();
    for r in &counts["mentions"] {
        let text = texts[r[mt("article_id")].as_str().unwrap()];
        let (s, e) = (
            r[mt("start")].as_u64().unwrap() as usize,
            r[mt("end")].as_u64().unwrap() as usize,
        );
        let slice: String = text.chars().skip(s).take(e - s).collect();
        assert_eq!(slice, r[mt("text")].as_str().unwrap());
    }
    // Entity ids of the tables are the registry's.
    let registry: std::collections::HashSet<&str> = counts["registry"]
        .iter()
        .map(|r| r[0].as_str().unwrap())
        .collect();
    let ecols = &schema["entities"];
    let eid = ecols.iter().position(|c| c.0 == "entity_id").unwrap();
    assert!(counts["entities"]
        .iter()
        .all(|r| registry.contains(r[eid].as_str().unwrap())));

    // pyarrow reads the same tables.
    let files: Vec<PathBuf> = schema
        .keys()
        .map(|t| d.join(format!("parquet/{t}.parquet")))
        .collect();
    if let Some(py) = pyarrow_read(&files) {
        for (table, cols) in &schema {
            let t = &py[table];
            assert_eq!(
                t["rows"].as_u64().unwrap(),
                n(table),
                "pyarrow {table} rows"
            );
            let names: Vec<&str> = t["columns"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap())
                .collect();
            assert_eq!(
                names,
                cols.iter().map(|c| c.0.as_str()).collect::<Vec<_>>(),
                "pyarrow {table} columns"
            );
            let arrow_type = |ty: &str| match ty {
                "string" => "string",
                "int64" => "int64",
                "int32" => "int32",
                "float64" => "double",
                "bool" => "bool",
                t => panic!("{t}"),
            };
            for (i, (name, ty, nullable)) in cols.iter().enumerate() {
                assert_eq!(t["types"][i], arrow_type(ty), "pyarrow {table}.{name}");
                assert_eq!(t["nullable"][i], *nullable, "pyarrow {table}.{name}");
            }
            let data = t["data"].as_array().unwrap();
            for (i, (row, want)) in data.iter().zip(&counts[table]).enumerate() {
                assert_eq!(row.as_array().unwrap(), want, "pyarrow {table} row {i}");
            }
        }
    }
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn articles_pipe_stage_and_usage_errors() {
    let Some(file) = marsad_testdata::data_path("saudinewsnet/saudinewsnet_sample_350.jsonl")
    else {
        return;
    };
    let head: String = std::fs::read_to_string(&file)
        .unwrap()
        .lines()
        .take(30)
        .map(|l| format!("{l}\n"))
        .collect();
    let out = marsad(&["extract", "-q", "-"], head.as_bytes());
    let articles = String::from_utf8(ok(&out).stdout.clone()).unwrap();
    let arts: Vec<Value> = articles
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(arts.len(), 30);
    let mentions: usize = arts
        .iter()
        .map(|a| a["mentions"].as_array().unwrap().len())
        .sum();

    // A broken line in the middle: reported with its line, the rest exported, status 1.
    let mut lines: Vec<&str> = articles.lines().collect();
    lines.insert(5, "{\"id\": not json");
    let input = lines.join("\n") + "\n";
    let out = marsad(
        &[
            "export",
            "--articles",
            "-",
            "--tables",
            "mentions",
            "--format",
            "jsonl",
            "--out",
            "-",
        ],
        input.as_bytes(),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("-:6:"), "{err}");
    let rows: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON row"))
        .collect();
    assert_eq!(rows.len(), mentions);
    assert_eq!(rows[0]["article_id"], arts[0]["id"]);
    assert_eq!(rows[0]["text"], arts[0]["mentions"][0]["text"]);

    // From a file into a directory: every per-article table, `story` null.
    let d = tmpdir("articles");
    let f = d.join("articles.jsonl");
    std::fs::write(&f, &articles).unwrap();
    let outdir = d.join("out");
    let out = marsad(
        &[
            "export",
            "--articles",
            f.to_str().unwrap(),
            "--format",
            "csv",
            "--out",
            outdir.to_str().unwrap(),
            "-q",
        ],
        b"",
    );
    ok(&out);
    let mut names: Vec<String> = std::fs::read_dir(&outdir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "articles.csv",
            "entities.csv",
            "events.csv",
            "mentions.csv",
            "quotes.csv"
        ]
    );
    let schema = schema();
    let rows = csv_rows(&outdir.join("articles.csv"), &schema["articles"]);
    assert_eq!(rows.len(), 30);
    assert!(rows.iter().all(|r| r.last() == Some(&Value::Null)));

    // Usage errors: status 2 and a reason.
    for (args, why) in [
        (
            vec![
                "export",
                "--articles",
                "-",
                "--tables",
                "registry",
                "--format",
                "csv",
                "--out",
                "x",
            ],
            "store only",
        ),
        (
            vec![
                "export",
                "--articles",
                "-",
                "--tables",
                "articles,mentions",
                "--format",
                "jsonl",
                "--out",
                "-",
            ],
            "exactly one table",
        ),
        (
            vec![
                "export",
                "--articles",
                "-",
                "--tables",
                "nope",
                "--format",
                "csv",
                "--out",
                "x",
            ],
            "unknown table",
        ),
        (
            vec![
                "export",
                "--store",
                d.join("none").to_str().unwrap(),
                "--format",
                "csv",
                "--out",
                d.join("o").to_str().unwrap(),
            ],
            "no store at",
        ),
    ] {
        let out = marsad(&args, b"");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(why), "{args:?}: {err}");
    }
    let _ = std::fs::remove_dir_all(&d);
}
