//! Article readers: bytes in, [`RawArticle`]s out.
//!
//! - [`decode`]: character encoding detection (BOM, UTF-8, UTF-16, windows-1256,
//!   ISO-8859-6 via chardetng) and clean-up (CRLF, NULs)
//! - [`detect`]: input format sniffing from content (not only the extension)
//! - [`jsonl`]: JSON Lines and JSON arrays with common field names
//! - [`lines`]: bounded line reading (a JSON Lines line over the limit is read through, not kept)
//! - [`trec`]: ANT-style TREC pseudo-XML `<DOC>` files
//! - [`scrape`]: plain-text web scrapes (title line, site furniture, timestamp, dateline/agency tag)
//! - [`html`]: HTML news pages (charset, JSON-LD/Open Graph metadata, main-text extraction)
//! - [`warc`]: WARC archives, streamed record by record (gzip members recovered one by one)
//! - [`feed`]: RSS and Atom feeds
//!
//! Readers never panic on any input: a broken record becomes a [`RecordError`]
//! with its location and the reader moves on to the next one.

pub mod decode;
pub mod detect;
pub mod feed;
pub mod html;
pub mod input;
pub mod jsonl;
pub mod lines;
pub mod published;
pub mod scrape;
pub mod trec;
pub mod warc;

use marsad_article::{Dateline, Published, Warning};
use std::collections::BTreeMap;

/// Where a record sits in its input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    /// File path or `-` for stdin.
    pub path: String,
    /// 1-based line number (line-oriented formats).
    pub line: Option<u64>,
    /// 0-based record index inside a multi-record file.
    pub record: Option<u64>,
    /// Byte offset of the record.
    pub offset: Option<u64>,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        if let Some(r) = self.record {
            write!(f, " record {r}")?;
        }
        if let Some(o) = self.offset {
            write!(f, " (byte {o})")?;
        }
        Ok(())
    }
}

/// A record that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordError {
    pub location: Location,
    pub reason: String,
}

impl std::fmt::Display for RecordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.location, self.reason)
    }
}

impl std::error::Error for RecordError {}

/// A piece of body text and where it starts in the decoded input (code points).
/// `None` when the text does not come verbatim from the input (e.g. JSON-unescaped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyPiece {
    pub text: String,
    pub source_start: Option<usize>,
}

/// What a reader found in one record, before the pipeline builds the [`marsad_article::Article`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawArticle {
    pub location: Location,
    /// Detected format name (`jsonl`, `json`, `trec`, `text`).
    pub format: &'static str,
    /// Encoding the input was decoded from.
    pub encoding: String,
    pub title: Option<String>,
    /// Body as paragraphs (one per line of the final text), in order.
    pub body: Vec<BodyPiece>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub published: Option<Published>,
    pub dateline: Option<Dateline>,
    pub warnings: Vec<Warning>,
    /// Other record fields, verbatim.
    pub meta: BTreeMap<String, serde_json::Value>,
}

impl RawArticle {
    /// Body paragraphs from a single string: split on line breaks, trimmed, empty lines dropped.
    pub fn set_body_text(&mut self, text: &str) {
        self.body = text
            .split('\n')
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .map(|l| BodyPiece {
                text: l.to_string(),
                source_start: None,
            })
            .collect();
    }
}
