//! The store's articles as the peers see them: id, title and clean text, read from
//! the catalog (the record of truth) in ingest order.

use anyhow::{Context, Result};
use rusqlite::Connection;
use std::collections::HashMap;
use std::path::Path;

pub struct Doc {
    pub id: String,
    pub title: String,
    pub text: String,
}

pub struct Corpus {
    pub docs: Vec<Doc>,
    /// Article id → position in `docs`.
    pub ord: HashMap<String, u32>,
}

/// Open the store's catalog read-only.
pub fn catalog(store: &Path) -> Result<Connection> {
    let path = store.join("catalog.sqlite");
    if !path.exists() {
        anyhow::bail!("no store at {} (no catalog.sqlite)", store.display());
    }
    marsad_store::catalog::open(&path, true)
        .with_context(|| format!("cannot open {}", path.display()))
}

pub fn load(conn: &Connection) -> Result<Corpus> {
    let mut st = conn.prepare(
        "SELECT id, coalesce(title, ''), coalesce(json_extract(record, '$.text'), '')
         FROM articles ORDER BY seq",
    )?;
    let docs: Vec<Doc> = st
        .query_map([], |r| {
            Ok(Doc {
                id: r.get(0)?,
                title: r.get(1)?,
                text: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let ord = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.clone(), i as u32))
        .collect();
    Ok(Corpus { docs, ord })
}

/// Sizes on disk of the store's parts.
pub fn store_sizes(store: &Path) -> serde_json::Value {
    let catalog: u64 = ["catalog.sqlite", "catalog.sqlite-wal", "catalog.sqlite-shm"]
        .iter()
        .map(|f| crate::util::disk_bytes(&store.join(f)))
        .sum();
    let index = crate::util::disk_bytes(&store.join("index"));
    serde_json::json!({
        "catalog_bytes": catalog,
        "index_bytes": index,
        "total_bytes": catalog + index,
    })
}
