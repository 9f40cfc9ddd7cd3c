//! The peers, built from the same articles as the store:
//!
//! - **tantivy-default**: tantivy 0.27 as it comes for Arabic — the default
//!   tokenizer (`SimpleTokenizer`, `RemoveLongFilter(40)`, `LowerCaser`) plus the
//!   built-in Snowball stemmer `Language::Arabic`; title and body indexed with
//!   positions; a `QueryParser` over both (title boosted ×2 as in Marsad, words
//!   AND-ed as in Marsad, quoted phrases as phrase queries).
//! - **SQLite FTS5**: a contentless FTS5 table (title, body) with the `unicode61`
//!   tokenizer, ranked by `bm25(2.0, 1.0)` (title ×2).

use crate::corpus::Corpus;
use crate::util::say;
use anyhow::{Context, Result};
use rusqlite::{params, Connection};
use std::path::Path;
use std::time::Instant;
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::QueryParser;
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
};
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument};

/// A query as drawn: words (AND-ed) or one quoted phrase.
#[derive(Debug, Clone)]
pub struct QueryText {
    pub words: Vec<String>,
    pub phrase: bool,
}

impl QueryText {
    /// Marsad's query language and tantivy's query parser read the same syntax here.
    pub fn marsad(&self) -> String {
        let w = self.words.join(" ");
        if self.phrase {
            format!("\"{w}\"")
        } else {
            w
        }
    }

    pub fn tantivy(&self) -> String {
        self.marsad()
    }

    /// FTS5: every word a quoted string (implicit AND), or one quoted phrase.
    pub fn fts5(&self) -> String {
        let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        if self.phrase {
            q(&self.words.join(" "))
        } else {
            self.words
                .iter()
                .map(|w| q(w))
                .collect::<Vec<_>>()
                .join(" ")
        }
    }
}

const ANALYZER: &str = "ar_default";

/// Memory budget of the peer's index writer (shared by its threads).
const WRITER_MEMORY: usize = 400_000_000;

/// Both peers over the corpus in `dir`; FTS5 is left out on request or when the
/// bundled SQLite lacks it (the note says which).
pub fn build(
    dir: &Path,
    corpus: &Corpus,
    no_fts5: bool,
) -> Result<(TantivyPeer, Option<Fts5Peer>, Option<String>)> {
    let tantivy = TantivyPeer::build(&dir.join("tantivy"), corpus)?;
    if no_fts5 {
        return Ok((tantivy, None, Some("left out (--no-fts5)".to_string())));
    }
    if !Fts5Peer::available()? {
        let note = "FTS5 is not compiled into the bundled SQLite: skipped".to_string();
        return Ok((tantivy, None, Some(note)));
    }
    let fts5 = Fts5Peer::build(&dir.join("fts5.sqlite"), corpus)?;
    Ok((tantivy, Some(fts5), None))
}

pub struct TantivyPeer {
    reader: IndexReader,
    parser: QueryParser,
    pub build_seconds: f64,
    pub bytes: u64,
    pub segments: usize,
}

impl TantivyPeer {
    pub fn build(dir: &Path, corpus: &Corpus) -> Result<TantivyPeer> {
        std::fs::create_dir_all(dir)?;
        let mut b = Schema::builder();
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let title: Field = b.add_text_field("title", text.clone());
        let body: Field = b.add_text_field("body", text);
        let ord: Field = b.add_u64_field("ord", NumericOptions::default().set_fast());
        let index = Index::create_in_dir(dir, b.build())
            .with_context(|| format!("cannot create the tantivy peer in {}", dir.display()))?;
        index.tokenizers().register(
            ANALYZER,
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(40))
                .filter(LowerCaser)
                .filter(Stemmer::new(Language::Arabic))
                .build(),
        );
        let t0 = Instant::now();
        let mut writer = index.writer::<TantivyDocument>(WRITER_MEMORY)?;
        for (i, d) in corpus.docs.iter().enumerate() {
            let mut doc = TantivyDocument::default();
            doc.add_text(title, &d.title);
            doc.add_text(body, &d.text);
            doc.add_u64(ord, i as u64);
            writer.add_document(doc)?;
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        let build_seconds = t0.elapsed().as_secs_f64();
        let reader: IndexReader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let mut parser = QueryParser::for_index(&index, vec![title, body]);
        parser.set_conjunction_by_default();
        parser.set_field_boost(title, 2.0);
        let segments = reader.searcher().segment_readers().len();
        say(format!(
            "tantivy peer: {} docs in {build_seconds:.1} s, {segments} segments",
            reader.searcher().num_docs()
        ));
        Ok(TantivyPeer {
            reader,
            parser,
            build_seconds,
            bytes: crate::util::disk_bytes(dir),
            segments,
        })
    }

    /// Top 10 and the count of all matches: (hits returned, total).
    pub fn top10(&self, q: &str) -> Result<(usize, usize)> {
        let query = self.parser.parse_query(q)?;
        let searcher = self.reader.searcher();
        let (top, count) =
            searcher.search(&query, &(TopDocs::with_limit(10).order_by_score(), Count))?;
        Ok((top.len(), count))
    }

    /// Every matching article (positions in the corpus).
    pub fn all(&self, q: &str) -> Result<Vec<u32>> {
        let query = self.parser.parse_query(q)?;
        let searcher = self.reader.searcher();
        let set = searcher.search(&query, &DocSetCollector)?;
        let mut cols = Vec::new();
        for seg in searcher.segment_readers() {
            cols.push(seg.fast_fields().u64("ord")?);
        }
        let mut out: Vec<u32> = set
            .into_iter()
            .filter_map(|a| cols[a.segment_ord as usize].first(a.doc_id))
            .map(|o| o as u32)
            .collect();
        out.sort_unstable();
        Ok(out)
    }
}

pub struct Fts5Peer {
    conn: Connection,
    pub build_seconds: f64,
    pub bytes: u64,
}

impl Fts5Peer {
    /// Whether the linked SQLite has FTS5 compiled in.
    pub fn available() -> Result<bool> {
        let c = Connection::open_in_memory()?;
        let used: i64 =
            c.query_row("SELECT sqlite_compileoption_used('ENABLE_FTS5')", [], |r| {
                r.get(0)
            })?;
        Ok(used == 1)
    }

    pub fn build(path: &Path, corpus: &Corpus) -> Result<Fts5Peer> {
        let mut conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "OFF")?;
        conn.pragma_update(None, "synchronous", "OFF")?;
        let t0 = Instant::now();
        conn.execute_batch(
            "CREATE VIRTUAL TABLE docs USING fts5(title, body, content='', tokenize='unicode61');
             INSERT INTO docs(docs, rank) VALUES('rank', 'bm25(2.0, 1.0)');",
        )?;
        let tx = conn.transaction()?;
        {
            let mut st = tx.prepare("INSERT INTO docs(rowid, title, body) VALUES (?1, ?2, ?3)")?;
            for (i, d) in corpus.docs.iter().enumerate() {
                st.execute(params![i as i64, d.title, d.text])?;
            }
        }
        tx.commit()?;
        conn.execute("INSERT INTO docs(docs) VALUES('optimize')", [])?;
        let build_seconds = t0.elapsed().as_secs_f64();
        say(format!(
            "FTS5 peer: {} docs in {build_seconds:.1} s",
            corpus.docs.len()
        ));
        Ok(Fts5Peer {
            conn,
            build_seconds,
            bytes: crate::util::disk_bytes(path),
        })
    }

    /// The 10 best (bm25) rows: how many came back.
    pub fn top10(&self, q: &str) -> Result<usize> {
        let mut st = self
            .conn
            .prepare_cached("SELECT rowid FROM docs WHERE docs MATCH ?1 ORDER BY rank LIMIT 10")?;
        let rows = st.query_map([q], |r| r.get::<_, i64>(0))?;
        let mut n = 0;
        for r in rows {
            r?;
            n += 1;
        }
        Ok(n)
    }

    /// Every matching article (positions in the corpus).
    pub fn all(&self, q: &str) -> Result<Vec<u32>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT rowid FROM docs WHERE docs MATCH ?1")?;
        let rows = st.query_map([q], |r| r.get::<_, i64>(0))?;
        let mut out = Vec::new();
        for r in rows {
            out.push(r? as u32);
        }
        out.sort_unstable();
        Ok(out)
    }
}
