//! Marsad as a Spark stage: a real Spark standalone cluster (one master, two
//! workers on 127.0.0.1, from the pyspark package) runs `examples/spark/marsad_job.py`
//! over 2,000+ real SaudiNewsNet articles, and its output must equal the
//! single-machine `marsad` output record for record, Parquet tables included.
//!
//! Needs Java 17+ and a Python with pyspark and pyarrow (`MARSAD_PYTHON`, default
//! `python3`; `.ci/run` installs examples/spark/requirements.txt). Without them the
//! test skips with a message, except under `CI=true`, where it fails.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const ARTICLES: usize = 2_400;

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

fn skip(why: &str) {
    assert!(!in_ci(), "the Spark test cannot run under CI=true: {why}");
    eprintln!("SKIP: Spark test: {why}");
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn python() -> String {
    std::env::var("MARSAD_PYTHON").unwrap_or_else(|_| "python3".into())
}

/// Stops the cluster however the test ends.
struct Cluster {
    state: PathBuf,
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = Command::new(repo().join("examples/spark/cluster.sh"))
            .arg("stop")
            .arg(&self.state)
            .env("PYTHON", python())
            .status();
    }
}

/// A record with the parts that depend on where the stream was cut removed:
/// `source.line`/`offset` (and an error's `line`/`offset`) count from the start of
/// each Spark partition, not of the whole input.
fn without_stream_position(mut v: Value) -> Value {
    for key in ["source", "error"] {
        if let Some(o) = v.get_mut(key).and_then(Value::as_object_mut) {
            o.remove("line");
            o.remove("offset");
        }
    }
    v
}

fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// Rows as canonical JSON strings, sorted: a table's content regardless of row order.
fn canonical_rows(rows: impl IntoIterator<Item = Value>) -> Vec<String> {
    let mut v: Vec<String> = rows.into_iter().map(|r| r.to_string()).collect();
    v.sort();
    v
}

#[test]
fn a_spark_standalone_cluster_gives_the_single_machine_output() {
    let Some(data) = marsad_testdata::data_dir() else {
        return;
    };
    let py = python();
    let probe = Command::new(&py)
        .args(["-c", "import pyspark, pyarrow"])
        .output();
    if !probe.as_ref().is_ok_and(|o| o.status.success()) {
        return skip(&format!(
            "{py} cannot import pyspark and pyarrow (pip install -r examples/spark/requirements.txt, set MARSAD_PYTHON)"
        ));
    }
    if Command::new("java").arg("-version").output().is_err() {
        return skip("java not found (Spark needs Java 17+)");
    }
    let bin = env!("CARGO_BIN_EXE_marsad");
    let dir = std::env::temp_dir().join(format!("marsad-spark-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();

    // Input: real articles, with a blank and a broken line among them.
    let input = dir.join("input.jsonl");
    let mut w = std::io::BufWriter::new(std::fs::File::create(&input).unwrap());
    let mut n = 0;
    marsad_testdata::for_each_news_record(&data, |src, rec| {
        if n >= ARTICLES || src != marsad_testdata::NewsSource::SaudiNewsNet {
            return;
        }
        n += 1;
        writeln!(w, "{rec}").unwrap();
        if n == 700 {
            writeln!(w).unwrap();
        }
        if n == 1500 {
            writeln!(w, "{{\"title\": \"cut off").unwrap();
        }
    })
    .unwrap();
    w.flush().unwrap();
    drop(w);
    assert_eq!(n, ARTICLES);

    // The single-machine run.
    let local = Command::new(bin)
        .args(["extract", "--stream", "--quiet"])
        .stdin(std::fs::File::open(&input).unwrap())
        .output()
        .unwrap();
    assert!(local.status.success());
    let local_records = json_lines(&String::from_utf8(local.stdout).unwrap());
    assert_eq!(local_records.len(), ARTICLES + 2);
    let local_articles = dir.join("local-articles.jsonl");
    let mut w = std::io::BufWriter::new(std::fs::File::create(&local_articles).unwrap());
    for r in local_records.iter().filter(|r| r.get("error").is_none()) {
        writeln!(w, "{r}").unwrap();
    }
    w.flush().unwrap();
    drop(w);
    let local_tables = dir.join("local-tables");
    let export = Command::new(bin)
        .args(["export", "--quiet", "--format", "jsonl", "--articles"])
        .arg(&local_articles)
        .arg("--out")
        .arg(&local_tables)
        .output()
        .unwrap();
    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );

    // The cluster run.
    let cluster = Cluster {
        state: dir.join("cluster"),
    };
    let started = Command::new(repo().join("examples/spark/cluster.sh"))
        .arg("start")
        .arg(&cluster.state)
        .arg("2")
        .env("PYTHON", &py)
        .stderr(Stdio::inherit())
        .output()
        .unwrap();
    assert!(started.status.success(), "the cluster did not start");
    let master = String::from_utf8(started.stdout)
        .unwrap()
        .trim()
        .to_string();
    assert!(master.starts_with("spark://127.0.0.1:"), "{master}");
    let spark_home = Command::new(&py)
        .args([
            "-c",
            "import os, pyspark; print(os.path.dirname(pyspark.__file__))",
        ])
        .output()
        .unwrap();
    let spark_home = String::from_utf8(spark_home.stdout).unwrap();
    let out = dir.join("out");
    let job = Command::new(Path::new(spark_home.trim()).join("bin/spark-submit"))
        .args(["--master", &master])
        .args(["--conf", "spark.driver.memory=1g"])
        .args(["--conf", "spark.executor.memory=1g"])
        .args(["--conf", "spark.ui.enabled=false"])
        .arg(repo().join("examples/spark/marsad_job.py"))
        .arg(&input)
        .arg(&out)
        .args(["--marsad", bin, "--partitions", "6"])
        .env("PYSPARK_PYTHON", &py)
        .env("PYSPARK_DRIVER_PYTHON", &py)
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .output()
        .unwrap();
    if !job.status.success() {
        // Spark logs a lot: its tail says what went wrong.
        let log = String::from_utf8_lossy(&job.stderr);
        let tail: Vec<&str> = log.lines().rev().take(60).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        panic!("the Spark job failed:\n{}", tail.join("\n"));
    }
    let summary: Value = serde_json::from_str(
        String::from_utf8(job.stdout)
            .unwrap()
            .lines()
            .last()
            .expect("the job prints its summary"),
    )
    .unwrap();
    assert_eq!(summary["records"], ARTICLES + 2, "{summary}");
    assert_eq!(summary["errors"], 2, "{summary}");

    // Records: the part files, in partition order, are the local output line by line.
    let mut parts: Vec<PathBuf> = std::fs::read_dir(out.join("articles.jsonl"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("part-")
        })
        .collect();
    parts.sort();
    assert!(parts.len() >= 6, "{} partitions", parts.len());
    let mut cluster_records = Vec::new();
    for p in &parts {
        cluster_records.extend(json_lines(&std::fs::read_to_string(p).unwrap()));
    }
    assert_eq!(cluster_records.len(), local_records.len());
    for (i, (c, l)) in cluster_records.iter().zip(&local_records).enumerate() {
        let (c, l) = (
            without_stream_position(c.clone()),
            without_stream_position(l.clone()),
        );
        assert!(c == l, "record {i} differs:\ncluster {c}\nlocal   {l}");
    }

    // Tables: every Parquet table, read back with pyarrow, has the rows `marsad
    // export` gives for the local articles.
    let read_parquet = r#"
import json, sys, pyarrow.parquet as pq
for row in pq.read_table(sys.argv[1]).to_pylist():
    print(json.dumps(row, ensure_ascii=False))
"#;
    for table in ["articles", "entities", "mentions", "quotes", "events"] {
        let rows = Command::new(&py)
            .args(["-c", read_parquet])
            .arg(out.join("tables").join(table))
            .output()
            .unwrap();
        assert!(
            rows.status.success(),
            "{}",
            String::from_utf8_lossy(&rows.stderr)
        );
        let cluster_rows = canonical_rows(json_lines(&String::from_utf8(rows.stdout).unwrap()));
        let local_rows = canonical_rows(json_lines(
            &std::fs::read_to_string(local_tables.join(format!("{table}.jsonl"))).unwrap(),
        ));
        assert!(!local_rows.is_empty(), "{table} has rows");
        assert_eq!(cluster_rows.len(), local_rows.len(), "{table} row count");
        for (c, l) in cluster_rows.iter().zip(&local_rows) {
            assert_eq!(c, l, "{table} rows differ");
        }
        assert_eq!(summary["tables"][table], local_rows.len());
    }
    drop(cluster);
    let _ = std::fs::remove_dir_all(&dir);
}
