//! Helpers shared by the CLI test files.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Run the `marsad` binary with `stdin` as its input; its output when it exits.
pub fn marsad(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run marsad");
    // A command may exit before reading its input (usage errors): ignore EPIPE.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

/// What two stores must agree on to be the same: articles, entities with their
/// counts, layer sizes, and what searches return.
pub fn store_fingerprint(dir: &Path) -> (Vec<String>, Vec<String>, String, Vec<String>) {
    let store = marsad_store::Store::open_read_only(dir).expect("store opens");
    assert_eq!(
        store.indexed_docs(),
        store.stats().unwrap().articles,
        "index and catalog agree"
    );
    let (arts, ents) = store
        .with_conn(|c| {
            let col = |sql: &str| -> Vec<String> {
                let mut st = c.prepare(sql).unwrap();
                st.query_map([], |r| r.get::<_, String>(0)).unwrap().map(Result::unwrap).collect()
            };
            Ok((
                col("SELECT id FROM articles ORDER BY id"),
                col("SELECT id || ' ' || name || ' ' || articles || ' ' || mentions FROM entities ORDER BY id"),
            ))
        })
        .unwrap();
    let stats = serde_json::to_string(&store.stats().unwrap()).unwrap();
    let searches = ["السعودية", "الملك سلمان", "event:04", "الرياض -جدة"]
        .iter()
        .map(|q| {
            // Every hit (equal scores may come in another order: compare as a set).
            let mut ids = Vec::new();
            let mut total = 0;
            for offset in (0..).step_by(100) {
                let r = store
                    .search(&marsad_store::SearchRequest {
                        q: q.to_string(),
                        limit: 100,
                        offset,
                        collapse: false,
                        ..Default::default()
                    })
                    .unwrap();
                total = r.total;
                ids.extend(r.hits.iter().map(|h| h.id.clone()));
                if r.hits.len() < 100 {
                    break;
                }
            }
            ids.sort();
            format!("{q}: {total} {ids:?}")
        })
        .collect();
    (arts, ents, stats, searches)
}
