//! `marsad export`: the store's tables — articles, entities, mentions, quotes,
//! GDELT-shaped events and the corpus-wide entity registry — as Parquet, CSV or
//! JSON Lines, for Spark, pandas, DuckDB or a spreadsheet.
//!
//! - [`schema`]: the tables and their columns (name, type, nullability, meaning),
//!   the single source of truth; `docs/tables.md` documents it.
//! - [`rows`]: an [`Article`] → flat rows of each table (the events table is the
//!   GDELT-shaped layout of `marsad_events::export`, shared with its TSV writer).
//! - [`write`]: streaming writers of one table in each format.
//! - [`source`]: a store read in one snapshot, or article JSON Lines.
//! - [`Exporter`]: articles in, every selected table out, one pass, bounded memory.

pub mod rows;
pub mod schema;
pub mod source;
pub mod write;

pub use rows::{Row, Value};
pub use schema::{schema_json, ColType, Column, Table};
pub use source::{read_article_lines, LineError, StoreSource};
pub use write::{table_writer, Format, TableWriter};

use anyhow::{Context, Result};
use marsad_article::Article;
use std::path::{Path, PathBuf};

/// One table being written: its writer and, for a file, where it goes when done.
struct Output {
    table: Table,
    writer: Box<dyn TableWriter>,
    /// (partial file, final file) for a file output.
    rename: Option<(PathBuf, PathBuf)>,
}

/// Rows written to one table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCount {
    pub table: Table,
    pub rows: u64,
    /// The file written, when writing to a directory.
    pub path: Option<PathBuf>,
}

/// Writes the selected tables from articles (and a store's registry) in one pass.
/// Files are written as `DIR/.<table>.<ext>.partial` and renamed to
/// `DIR/<table>.<ext>` when finished, so a failed export leaves no truncated table.
pub struct Exporter {
    outputs: Vec<Output>,
}

impl Exporter {
    /// Write `tables` in `format` into the directory `dir` (created if needed).
    pub fn to_dir(dir: &Path, format: Format, tables: &[Table]) -> Result<Exporter> {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let mut outputs = Vec::new();
        for &table in tables {
            let name = format!("{}.{}", table.name(), format.ext());
            let done = dir.join(&name);
            let partial = dir.join(format!(".{name}.partial"));
            let file = std::fs::File::create(&partial)
                .with_context(|| format!("cannot create {}", partial.display()))?;
            let out = std::io::BufWriter::with_capacity(1 << 20, file);
            outputs.push(Output {
                table,
                writer: table_writer(format, table, out)?,
                rename: Some((partial, done)),
            });
        }
        Ok(Exporter { outputs })
    }

    /// Write one table in `format` to a stream (standard output for a pipe).
    pub fn to_writer<W: std::io::Write + Send + 'static>(
        out: W,
        format: Format,
        table: Table,
    ) -> Result<Exporter> {
        Ok(Exporter {
            outputs: vec![Output {
                table,
                writer: table_writer(format, table, out)?,
                rename: None,
            }],
        })
    }

    /// The tables being written.
    pub fn tables(&self) -> Vec<Table> {
        self.outputs.iter().map(|o| o.table).collect()
    }

    /// Add one article's rows to every per-article table (`story`: its story when
    /// it comes from a store).
    pub fn add_article(&mut self, a: &Article, story: Option<&str>) -> Result<()> {
        for o in &mut self.outputs {
            for row in rows::rows(o.table, a, story) {
                o.writer
                    .write_row(row)
                    .with_context(|| format!("writing table {}", o.table.name()))?;
            }
        }
        Ok(())
    }

    /// Add a row of the `registry` table (if it is being written).
    pub fn add_registry_row(&mut self, row: Row) -> Result<()> {
        for o in &mut self.outputs {
            if o.table == Table::Registry {
                o.writer.write_row(row).context("writing table registry")?;
                break;
            }
        }
        Ok(())
    }

    /// Export a whole store: every article with its story, then the registry.
    pub fn add_store(&mut self, store: &StoreSource) -> Result<u64> {
        let per_article = self.outputs.iter().any(|o| o.table.per_article());
        let n = if per_article {
            store.for_each_article(|a, story| self.add_article(a, Some(story)))?
        } else {
            store.article_count()?
        };
        if self.outputs.iter().any(|o| o.table == Table::Registry) {
            store.for_each_registry_row(|row| self.add_registry_row(row))?;
        }
        Ok(n)
    }

    /// Finish every table: rows written per table.
    pub fn finish(mut self) -> Result<Vec<TableCount>> {
        let mut out = Vec::new();
        // One at a time: after an error, those left are cleaned up by `drop`.
        while !self.outputs.is_empty() {
            let o = self.outputs.remove(0);
            let partial = o.rename.as_ref().map(|r| r.0.clone());
            let rows = o
                .writer
                .finish()
                .inspect_err(|_| {
                    if let Some(p) = &partial {
                        let _ = std::fs::remove_file(p);
                    }
                })
                .with_context(|| format!("finishing table {}", o.table.name()))?;
            let path = match o.rename {
                Some((partial, done)) => {
                    std::fs::rename(&partial, &done).with_context(|| {
                        format!("cannot rename {} to {}", partial.display(), done.display())
                    })?;
                    Some(done)
                }
                None => None,
            };
            out.push(TableCount {
                table: o.table,
                rows,
                path,
            });
        }
        Ok(out)
    }
}

impl Drop for Exporter {
    /// An export abandoned before [`Exporter::finish`] (an error) leaves no partial file.
    fn drop(&mut self) {
        for o in self.outputs.drain(..) {
            if let Some((partial, _)) = o.rename {
                drop(o.writer);
                let _ = std::fs::remove_file(partial);
            }
        }
    }
}
