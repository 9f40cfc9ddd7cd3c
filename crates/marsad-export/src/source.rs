//! Where rows come from: a store's catalog (read-only, one consistent snapshot) or
//! article JSON Lines as `marsad extract` writes them.

use crate::rows::{Row, Value};
use anyhow::{Context, Result};
use marsad_article::Article;
use rusqlite::Connection;
use std::io::BufRead;
use std::path::Path;

/// A store opened read-only for export. All reads see the catalog as it was when
/// the store was opened, even while an ingest goes on.
pub struct StoreSource {
    conn: Connection,
}

impl StoreSource {
    /// Open the store in `dir` (its catalog) read-only.
    pub fn open(dir: &Path) -> Result<StoreSource> {
        let conn = marsad_store::open_catalog_read_only(dir)?;
        // One read transaction for the whole export: a consistent snapshot.
        conn.execute_batch("BEGIN DEFERRED")?;
        Ok(StoreSource { conn })
    }

    /// Number of stored articles.
    pub fn article_count(&self) -> Result<u64> {
        Ok(marsad_store::catalog::article_count(&self.conn)?)
    }

    /// Call `f` with every stored article and its story, in ingest order.
    pub fn for_each_article(&self, mut f: impl FnMut(&Article, &str) -> Result<()>) -> Result<u64> {
        let mut st = self
            .conn
            .prepare("SELECT id, record, story FROM articles ORDER BY seq")?;
        let mut rows = st.query([])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let record: String = r.get(1)?;
            let story: String = r.get(2)?;
            let a: Article = serde_json::from_str(&record)
                .with_context(|| format!("catalog: article {id} has a broken record"))?;
            f(&a, &story)?;
            n += 1;
        }
        Ok(n)
    }

    /// Call `f` with every row of the `registry` table (the corpus-wide entities), in
    /// registry order.
    pub fn for_each_registry_row(&self, mut f: impl FnMut(Row) -> Result<()>) -> Result<u64> {
        let mut st = self.conn.prepare(
            "SELECT id, label, name, latin, country, agent, articles, mentions, first_seen, last_seen
             FROM entities ORDER BY ord",
        )?;
        let mut rows = st.query([])?;
        let mut n = 0;
        let text = |r: &rusqlite::Row, i: usize| -> rusqlite::Result<Value> {
            Ok(match r.get::<_, Option<String>>(i)? {
                Some(s) if !s.is_empty() => Value::Str(s),
                _ => Value::Null,
            })
        };
        while let Some(r) = rows.next()? {
            let row = vec![
                Value::Str(r.get(0)?),
                Value::Str(r.get(1)?),
                Value::Str(r.get(2)?),
                text(r, 3)?,
                text(r, 4)?,
                text(r, 5)?,
                Value::I64(r.get(6)?),
                Value::I64(r.get(7)?),
                text(r, 8)?,
                text(r, 9)?,
            ];
            f(row)?;
            n += 1;
        }
        Ok(n)
    }
}

/// A line of article JSON Lines that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// 1-based line number.
    pub line: u64,
    pub reason: String,
}

/// Read article JSON Lines (as `marsad extract` writes them) from `input`, calling
/// `f` with each article and `on_error` with each line that is not an article;
/// blank lines are passed over. Returns (articles read, lines failed). An error of
/// `f` or of reading stops the run.
pub fn read_article_lines(
    mut input: impl BufRead,
    mut f: impl FnMut(&Article) -> Result<()>,
    mut on_error: impl FnMut(LineError),
) -> Result<(u64, u64)> {
    let (mut ok, mut failed, mut line) = (0u64, 0u64, 0u64);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        if input.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        line += 1;
        let text = match std::str::from_utf8(&buf) {
            Ok(t) => t.trim(),
            Err(e) => {
                failed += 1;
                on_error(LineError {
                    line,
                    reason: format!("not UTF-8: {e}"),
                });
                continue;
            }
        };
        if text.is_empty() {
            continue;
        }
        match serde_json::from_str::<Article>(text) {
            Ok(a) => {
                f(&a)?;
                ok += 1;
            }
            Err(e) => {
                failed += 1;
                on_error(LineError {
                    line,
                    reason: format!("not an article record: {e}"),
                });
            }
        }
    }
    Ok((ok, failed))
}
