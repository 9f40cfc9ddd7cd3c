//! Walking inputs: files, directories (recursively, in name order) and stdin,
//! turned into [`Unit`]s — a JSON Lines line, or a whole document — that can be
//! read in parallel with [`read_unit`]. JSON Lines are streamed line by line, so
//! memory stays bounded on multi-GB files. Gzip-compressed inputs (`.jsonl.gz`,
//! …) are decompressed on the fly; a zip archive's members are read one by one
//! (paths are reported as `archive.zip!member`).

use crate::decode::{decode, sniff_encoding};
use crate::detect::{sniff_bytes, sniff_text, Format};
use crate::{jsonl, scrape, trec, Location, RawArticle, RecordError};
use encoding_rs::Encoding;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One independently readable piece of input.
#[derive(Debug)]
pub enum Unit {
    /// A whole document (one scrape, one TREC file, one JSON file).
    Document {
        path: Arc<str>,
        bytes: Vec<u8>,
        format: Option<Format>,
    },
    /// One web page from a WARC archive.
    Page {
        path: Arc<str>,
        record: u64,
        offset: u64,
        url: Option<String>,
        fetched: Option<String>,
        charset: Option<String>,
        bytes: Vec<u8>,
    },
    /// One line of a JSON Lines stream.
    Line {
        path: Arc<str>,
        line: u64,
        offset: u64,
        bytes: Vec<u8>,
        encoding: &'static Encoding,
    },
}

impl Unit {
    /// A web page read from a WARC archive.
    pub fn page(path: Arc<str>, p: crate::warc::WarcPage) -> Unit {
        Unit::Page {
            path,
            record: p.record,
            offset: p.offset,
            url: p.url,
            fetched: p.fetched,
            charset: p.charset,
            bytes: p.body,
        }
    }

    /// Approximate size, for batching.
    pub fn size(&self) -> usize {
        match self {
            Unit::Document { bytes, .. } | Unit::Line { bytes, .. } | Unit::Page { bytes, .. } => {
                bytes.len()
            }
        }
    }
}

/// Streams [`Unit`]s from a list of paths (`-` is stdin).
pub struct Inputs {
    pending: VecDeque<PathBuf>,
    current: Option<LineStream>,
    /// A WARC archive being read record by record.
    warc: Option<WarcStream>,
    /// A zip archive being read member by member.
    archive: Option<(Arc<str>, zip::ZipArchive<File>, usize)>,
    forced: Option<Format>,
    /// Errors met while walking directories, reported in order.
    queued_errors: VecDeque<RecordError>,
    /// Report blank JSON Lines lines as errors instead of passing over them.
    blank_lines_are_errors: bool,
    /// Largest document read whole ([`MAX_DOCUMENT_BYTES`] unless set).
    max_document_bytes: u64,
}

/// Largest document read whole: a file, a zip member or a decompressed gzip stream
/// that is not streamed record by record (JSON Lines and WARC are). It bounds memory
/// against decompression bombs (a few kB of zip or gzip that inflate to many GB).
pub const MAX_DOCUMENT_BYTES: u64 = 1 << 30;

/// Read at most `cap` bytes; more is an error (nothing is kept of the document).
fn read_capped(r: &mut dyn Read, cap: u64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    r.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > cap {
        return Err(format!(
            "larger than {} (after decompression), the limit for one document read whole; \
             give many articles as JSON Lines or WARC, which are read record by record",
            human_bytes(cap)
        ));
    }
    Ok(bytes)
}

fn human_bytes(n: u64) -> String {
    if n >= 1 << 20 {
        format!("{} MB", n >> 20)
    } else {
        format!("{n} bytes")
    }
}

struct WarcStream {
    path: Arc<str>,
    reader: crate::warc::WarcReader<Box<dyn BufRead + Send>>,
}

struct LineStream {
    path: Arc<str>,
    reader: Box<dyn BufRead + Send>,
    line: u64,
    offset: u64,
    encoding: &'static Encoding,
}

impl Inputs {
    /// `forced`: read everything as this format instead of detecting it.
    pub fn new(paths: &[PathBuf], forced: Option<Format>) -> Inputs {
        let mut pending = VecDeque::new();
        let mut queued_errors = VecDeque::new();
        for p in paths {
            if p.as_os_str() == "-" || !p.is_dir() {
                pending.push_back(p.clone());
                continue;
            }
            let mut files = Vec::new();
            collect_files(p, &mut files, &mut queued_errors);
            files.sort();
            pending.extend(files);
        }
        Inputs {
            pending,
            current: None,
            warc: None,
            archive: None,
            forced,
            queued_errors,
            blank_lines_are_errors: false,
            max_document_bytes: MAX_DOCUMENT_BYTES,
        }
    }

    /// Change the largest document read whole (see [`MAX_DOCUMENT_BYTES`]).
    pub fn max_document_bytes(mut self, cap: u64) -> Inputs {
        self.max_document_bytes = cap;
        self
    }

    /// Report a blank JSON Lines line as an error record instead of passing over
    /// it, so that a streaming stage gives exactly one result per input line.
    pub fn blank_lines_are_errors(mut self, yes: bool) -> Inputs {
        self.blank_lines_are_errors = yes;
        self
    }

    /// Decompressed bytes the inputs hold, estimated cheaply (zip central
    /// directories, gzip trailers, file sizes), for progress bars; `None` when
    /// reading standard input.
    pub fn estimated_bytes(&self) -> Option<u64> {
        let mut total = 0u64;
        for p in &self.pending {
            if p.as_os_str() == "-" {
                return None;
            }
            total += estimated_file_bytes(p).unwrap_or(0);
        }
        Some(total)
    }

    fn open(&mut self, path: PathBuf) -> Result<Option<Unit>, RecordError> {
        let name: Arc<str> = Arc::from(path.to_string_lossy().as_ref());
        let err = |reason: String| RecordError {
            location: Location {
                path: name.to_string(),
                ..Default::default()
            },
            reason,
        };
        let reader: Box<dyn Read + Send> = if path.as_os_str() == "-" {
            Box::new(std::io::stdin())
        } else {
            Box::new(File::open(&path).map_err(|e| err(format!("cannot open: {e}")))?)
        };
        let mut reader = BufReader::with_capacity(1 << 16, reader);
        let mut head = reader
            .fill_buf()
            .map_err(|e| err(format!("cannot read: {e}")))?
            .to_vec();
        if head.starts_with(b"PK\x03\x04") && path.as_os_str() != "-" {
            let file = File::open(&path).map_err(|e| err(format!("cannot open: {e}")))?;
            let zip =
                zip::ZipArchive::new(file).map_err(|e| err(format!("bad zip archive: {e}")))?;
            self.archive = Some((name, zip, 0));
            return Ok(None);
        }
        let mut gz_errors: Option<(crate::warc::GzErrors, Arc<std::sync::atomic::AtomicBool>)> =
            None;
        if head.starts_with(&[0x1f, 0x8b]) {
            // Gzip: sniff and stream the decompressed bytes instead, member by member
            // (a corrupt member of a WARC.gz is skipped, not the rest of the file).
            let members = crate::warc::GzMembers::new(reader);
            gz_errors = Some((members.errors.clone(), members.recover.clone()));
            let gz: Box<dyn Read + Send> = Box::new(members);
            reader = BufReader::with_capacity(1 << 16, gz);
            head = reader
                .fill_buf()
                .map_err(|e| err(format!("bad gzip data: {e}")))?
                .to_vec();
        }
        let mut format = self.forced.unwrap_or_else(|| sniff_bytes(&head));
        if format == Format::Warc {
            self.warc = Some(WarcStream {
                path: name,
                reader: match gz_errors {
                    Some((errors, recover)) => {
                        // A WARC.gz: each record is a member; a corrupt one is skipped.
                        recover.store(true, std::sync::atomic::Ordering::Relaxed);
                        crate::warc::WarcReader::with_gz_errors(Box::new(reader), errors)
                    }
                    None => crate::warc::WarcReader::new(Box::new(reader)),
                },
            });
            return Ok(None);
        }
        if format == Format::Text && self.forced.is_none() {
            // An extension names JSON Lines that start with a blank or comment line.
            if let Some(ext) = path.extension().and_then(|e| e.to_str()) {
                if matches!(ext, "jsonl" | "ndjson") {
                    format = Format::Jsonl;
                }
            }
        }
        if format == Format::Jsonl {
            let encoding = sniff_encoding(&head);
            // Line streaming needs an ASCII-compatible encoding; UTF-16 JSONL is read whole.
            if encoding.is_ascii_compatible() {
                self.current = Some(LineStream {
                    path: name,
                    reader: Box::new(reader),
                    line: 0,
                    offset: 0,
                    encoding,
                });
                return Ok(None);
            }
        }
        let bytes = read_capped(&mut reader, self.max_document_bytes).map_err(err)?;
        Ok(Some(Unit::Document {
            path: name,
            bytes,
            format: Some(format),
        }))
    }
}

impl Iterator for Inputs {
    type Item = Result<Unit, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(e) = self.queued_errors.pop_front() {
            return Some(Err(e));
        }
        loop {
            if let Some((path, zip, next)) = &mut self.archive {
                if *next >= zip.len() {
                    self.archive = None;
                    continue;
                }
                let i = *next;
                *next += 1;
                let archive = path.to_string();
                let unit = match zip.by_index(i) {
                    Ok(f) if f.is_dir() => continue,
                    Ok(mut f) => {
                        let name: Arc<str> = Arc::from(format!("{archive}!{}", f.name()));
                        let cap = self.max_document_bytes;
                        match read_capped(&mut f, cap) {
                            Ok(bytes) => Ok(Unit::Document {
                                path: name,
                                bytes,
                                format: self.forced,
                            }),
                            Err(e) => Err(RecordError {
                                location: Location {
                                    path: name.to_string(),
                                    ..Default::default()
                                },
                                reason: format!("zip member: {e}"),
                            }),
                        }
                    }
                    Err(e) => Err(RecordError {
                        location: Location {
                            path: archive,
                            record: Some(i as u64),
                            ..Default::default()
                        },
                        reason: format!("bad zip member: {e}"),
                    }),
                };
                return Some(unit);
            }
            if let Some(w) = &mut self.warc {
                let located =
                    |reason: String, record: Option<u64>, offset: Option<u64>| RecordError {
                        location: Location {
                            path: w.path.to_string(),
                            record,
                            offset,
                            ..Default::default()
                        },
                        reason,
                    };
                match w.reader.next() {
                    None => {
                        self.warc = None;
                        continue;
                    }
                    Some(crate::warc::WarcItem::Skipped) => continue,
                    Some(crate::warc::WarcItem::Error {
                        offset,
                        record,
                        reason,
                    }) => return Some(Err(located(reason, Some(record), Some(offset)))),
                    Some(crate::warc::WarcItem::Page(p)) => {
                        return Some(Ok(Unit::page(w.path.clone(), p)))
                    }
                }
            }
            if let Some(s) = &mut self.current {
                let mut buf = Vec::new();
                let max = crate::lines::MAX_LINE_BYTES;
                match crate::lines::read_line_bounded(&mut s.reader, &mut buf, max) {
                    Ok((0, _)) => {
                        self.current = None;
                        continue;
                    }
                    Ok((n, kept)) => {
                        s.line += 1;
                        let offset = s.offset;
                        s.offset += n;
                        let line_error = |reason: String| RecordError {
                            location: Location {
                                path: s.path.to_string(),
                                line: Some(s.line),
                                offset: Some(offset),
                                record: None,
                            },
                            reason,
                        };
                        if !kept {
                            let reason = format!("line longer than {} MB; skipped", max >> 20);
                            return Some(Err(line_error(reason)));
                        }
                        if buf.iter().all(|b| b.is_ascii_whitespace() || *b == 0) {
                            if !self.blank_lines_are_errors {
                                continue;
                            }
                            return Some(Err(line_error("blank line: no article".into())));
                        }
                        return Some(Ok(Unit::Line {
                            path: s.path.clone(),
                            line: s.line,
                            offset,
                            bytes: buf,
                            encoding: s.encoding,
                        }));
                    }
                    Err(e) => {
                        let loc = Location {
                            path: s.path.to_string(),
                            line: Some(s.line + 1),
                            offset: Some(s.offset),
                            ..Default::default()
                        };
                        self.current = None;
                        return Some(Err(RecordError {
                            location: loc,
                            reason: format!("read error: {e}"),
                        }));
                    }
                }
            }
            let path = self.pending.pop_front()?;
            match self.open(path) {
                Ok(Some(unit)) => return Some(Ok(unit)),
                Ok(None) => continue,
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

fn estimated_file_bytes(path: &Path) -> std::io::Result<u64> {
    use std::io::{Seek, SeekFrom};
    let mut f = File::open(path)?;
    let len = f.metadata()?.len();
    let mut magic = [0u8; 4];
    let n = f.read(&mut magic)?;
    if n >= 4 && magic == *b"PK\x03\x04" {
        f.seek(SeekFrom::Start(0))?;
        let mut zip = zip::ZipArchive::new(f).map_err(std::io::Error::other)?;
        let mut sum = 0;
        for i in 0..zip.len() {
            sum += zip.by_index_raw(i).map(|m| m.size()).unwrap_or(0);
        }
        return Ok(sum);
    }
    if n >= 2 && magic[..2] == [0x1f, 0x8b] && len >= 4 {
        // ISIZE: the last member's size mod 2^32; a fair guess for one-member files.
        f.seek(SeekFrom::End(-4))?;
        let mut isize = [0u8; 4];
        f.read_exact(&mut isize)?;
        return Ok(u64::from(u32::from_le_bytes(isize)).max(len));
    }
    Ok(len)
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>, errors: &mut VecDeque<RecordError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push_back(RecordError {
                location: Location {
                    path: dir.to_string_lossy().into_owned(),
                    ..Default::default()
                },
                reason: format!("cannot list directory: {e}"),
            });
            return;
        }
    };
    for entry in entries.flatten() {
        let p = entry.path();
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            collect_files(&p, out, errors);
        } else {
            out.push(p);
        }
    }
}

/// Read one unit into raw articles (or located errors). Never panics.
pub fn read_unit(unit: Unit) -> Vec<Result<RawArticle, RecordError>> {
    match unit {
        Unit::Page {
            path,
            record,
            offset,
            url,
            fetched,
            charset,
            bytes,
        } => {
            let location = Location {
                path: path.to_string(),
                record: Some(record),
                offset: Some(offset),
                line: None,
            };
            let hints = crate::html::PageHints { charset, url };
            let mut r = crate::html::read_html(&bytes, location, &hints, Default::default());
            if let (Ok(a), Some(f)) = (&mut r, fetched) {
                a.format = "warc";
                a.meta
                    .insert("fetched".into(), serde_json::Value::String(f));
            }
            vec![r]
        }
        Unit::Line {
            path,
            line,
            offset,
            bytes,
            encoding,
        } => {
            let (text, _, had_errors) = encoding.decode(&bytes);
            let location = Location {
                path: path.to_string(),
                line: Some(line),
                offset: Some(offset),
                record: None,
            };
            let text =
                text.trim_matches(|c: char| c.is_whitespace() || c == '\0' || c == '\u{FEFF}');
            let mut r = jsonl::read_line(text, location, encoding.name());
            if let (Ok(a), true) = (&mut r, had_errors) {
                a.warnings.push(marsad_article::Warning::new(
                    "encoding-replaced",
                    "invalid bytes replaced with U+FFFD",
                ));
            }
            vec![r]
        }
        Unit::Document {
            path,
            bytes,
            format,
        } => {
            // HTML and WARC are decoded their own way: recognise them on the bytes.
            let format = format.or_else(|| match sniff_bytes(&bytes[..bytes.len().min(8192)]) {
                f @ (Format::Html | Format::Warc) => Some(f),
                _ => None,
            });
            if format == Some(Format::Html) {
                let loc = Location {
                    path: path.to_string(),
                    ..Default::default()
                };
                let hints = crate::html::PageHints::default();
                return vec![crate::html::read_html(
                    &bytes,
                    loc,
                    &hints,
                    Default::default(),
                )];
            }
            if format == Some(Format::Warc) {
                // A WARC held in memory (a zip member): read its records.
                return read_warc_bytes(&path, &bytes);
            }
            let decoded = if format == Some(Format::Feed) {
                crate::html::decode_html(&bytes, None)
            } else {
                decode(&bytes)
            };
            let format = format.unwrap_or_else(|| sniff_text(&decoded.text));
            let enc = decoded.encoding;
            let mut results = match format {
                Format::Jsonl => decoded
                    .text
                    .split('\n')
                    .enumerate()
                    .filter(|(_, l)| !l.trim().is_empty())
                    .map(|(i, l)| {
                        let loc = Location {
                            path: path.to_string(),
                            line: Some(i as u64 + 1),
                            ..Default::default()
                        };
                        jsonl::read_line(l.trim(), loc, enc)
                    })
                    .collect(),
                Format::Json => jsonl::read_document(&decoded.text, &path, enc),
                Format::Trec => trec::read_trec(&decoded.text, &path, enc),
                Format::Text => {
                    let loc = Location {
                        path: path.to_string(),
                        ..Default::default()
                    };
                    let mut a = scrape::read_scrape(&decoded.text, loc);
                    a.encoding = enc.to_string();
                    vec![Ok(a)]
                }
                Format::Feed => crate::feed::read_feed(&decoded.text, &path, enc),
                Format::Html | Format::Warc | Format::Binary => vec![Err(RecordError {
                    location: Location {
                        path: path.to_string(),
                        ..Default::default()
                    },
                    reason: format!(
                        "{} input is not supported (supported: JSON Lines, JSON, TREC <DOC>, plain-text scrapes, HTML, WARC, RSS/Atom; zip and gzip of these)",
                        format.name()
                    ),
                })],
            };
            for a in results.iter_mut().flatten() {
                let mut w = decoded.warnings.clone();
                w.append(&mut a.warnings);
                a.warnings = w;
            }
            results
        }
    }
}

/// Every page of a WARC archive held in memory.
fn read_warc_bytes(path: &str, bytes: &[u8]) -> Vec<Result<RawArticle, RecordError>> {
    let mut out = Vec::new();
    for item in crate::warc::WarcReader::new(bytes) {
        match item {
            crate::warc::WarcItem::Page(p) => out.extend(read_unit(Unit::page(Arc::from(path), p))),
            crate::warc::WarcItem::Skipped => {}
            crate::warc::WarcItem::Error {
                offset,
                record,
                reason,
            } => out.push(Err(RecordError {
                location: Location {
                    path: path.to_string(),
                    record: Some(record),
                    offset: Some(offset),
                    ..Default::default()
                },
                reason,
            })),
        }
    }
    out
}
