//! WARC archives (ISO 28500, 1.0 and 1.1), plain or gzipped per record as
//! Common Crawl writes them: a streaming reader that holds one record at a time.
//!
//! Each `response` record with an HTTP `200`–`299` status and an HTML
//! `Content-Type` becomes a page; other records are passed over. A record whose
//! header is broken, or that is cut short, is reported with its byte offset and the
//! reader resynchronises on the next `WARC/` line (in a gzipped archive, on the
//! next gzip member), so one bad record loses nothing else.

use std::io::{BufRead, Read};

/// Records above this size are skipped (read through, not kept).
pub const MAX_RECORD_BYTES: u64 = 64 << 20;

/// One WARC record that carries a web page.
#[derive(Debug, Clone)]
pub struct WarcPage {
    /// Byte offset of the record in the (decompressed) stream.
    pub offset: u64,
    /// 0-based index of the record in the archive.
    pub record: u64,
    pub url: Option<String>,
    /// `WARC-Date` (when the page was fetched).
    pub fetched: Option<String>,
    /// Charset from the HTTP `Content-Type`.
    pub charset: Option<String>,
    /// The HTTP body.
    pub body: Vec<u8>,
}

/// What reading one record gave.
#[derive(Debug)]
pub enum WarcItem {
    Page(WarcPage),
    /// A record that is not an HTML page (request, metadata, an image, a 404...).
    Skipped,
    /// A broken record: where it was and why.
    Error {
        offset: u64,
        record: u64,
        reason: String,
    },
}

/// Streams records from a decompressed WARC byte stream.
pub struct WarcReader<R: BufRead> {
    r: R,
    offset: u64,
    record: u64,
    line: Vec<u8>,
    /// `line` holds a `WARC/` line found while resynchronising.
    peeked: bool,
    /// A read error ended the stream.
    done: bool,
    /// Corrupt gzip members reported by [`GzMembers`] (when reading a WARC.gz),
    /// and how many of them were reported already.
    gz_errors: Option<GzErrors>,
    gz_seen: usize,
}

/// Corrupt gzip members met so far, shared between [`GzMembers`] and the reader.
pub type GzErrors = std::sync::Arc<std::sync::Mutex<Vec<GzError>>>;

/// A corrupt gzip member.
#[derive(Debug, Clone)]
pub struct GzError {
    pub reason: String,
    /// The member failed before giving any byte (its record had not begun).
    pub at_member_start: bool,
}

/// Longest header line read at once.
const MAX_LINE_BYTES: u64 = 64 << 10;

impl<R: BufRead> WarcReader<R> {
    pub fn new(r: R) -> Self {
        WarcReader {
            r,
            offset: 0,
            record: 0,
            line: Vec::with_capacity(256),
            peeked: false,
            done: false,
            gz_errors: None,
            gz_seen: 0,
        }
    }

    /// A reader over [`GzMembers`]: a record whose gzip member turns out corrupt
    /// is reported as an error instead of a page.
    pub fn with_gz_errors(r: R, errors: GzErrors) -> Self {
        let mut w = WarcReader::new(r);
        w.gz_errors = Some(errors);
        w
    }

    /// The next gzip error not reported yet; with `mid_member`, only one met inside
    /// a member (the record being read is corrupt), not at a member's start (the
    /// next record's).
    fn new_gz_error(&mut self, mid_member: bool) -> Option<String> {
        let errs = self.gz_errors.as_ref()?.lock().ok()?;
        let e = errs.get(self.gz_seen)?;
        if mid_member && e.at_member_start {
            return None;
        }
        self.gz_seen += 1;
        Some(e.reason.clone())
    }

    fn read_line(&mut self) -> std::io::Result<usize> {
        self.line.clear();
        // Lines are short in a WARC header; a runaway one (binary garbage while
        // resynchronising) is read in bounded pieces.
        let n = (&mut self.r)
            .take(MAX_LINE_BYTES)
            .read_until(b'\n', &mut self.line)?;
        self.offset += n as u64;
        Ok(n)
    }

    /// Skip to the next line that starts a record, and keep it for the next call.
    fn resync(&mut self) {
        loop {
            match self.read_line() {
                Ok(0) => return,
                Ok(_) if self.line.starts_with(b"WARC/") => {
                    self.peeked = true;
                    return;
                }
                Ok(_) => {}
                Err(_) => {
                    self.done = true;
                    return;
                }
            }
        }
    }

    fn error(&mut self, offset: u64, record: u64, reason: String, io: bool) -> WarcItem {
        if io {
            self.done = true;
        } else {
            self.resync();
        }
        WarcItem::Error {
            offset,
            record,
            reason,
        }
    }

    fn read_record(&mut self) -> Option<WarcItem> {
        if let Some(e) = self.new_gz_error(false) {
            let record = self.record;
            self.record += 1;
            return Some(WarcItem::Error {
                offset: self.offset,
                record,
                reason: e,
            });
        }
        if self.done {
            return None;
        }
        if !self.peeked {
            // Find the version line (blank lines between records are normal).
            loop {
                match self.read_line() {
                    // A corrupt gzip member ends its bytes early: the stream goes on
                    // unless it is really exhausted.
                    Ok(0) => match self.r.fill_buf() {
                        Ok(b) if !b.is_empty() => continue,
                        _ => return None,
                    },
                    Ok(_) if self.line.iter().all(u8::is_ascii_whitespace) => continue,
                    Ok(_) => break,
                    Err(e) => {
                        let o = self.offset;
                        return Some(self.error(o, self.record, format!("read error: {e}"), true));
                    }
                }
            }
        }
        self.peeked = false;
        let start = self.offset - self.line.len() as u64;
        let index = self.record;
        self.record += 1;
        if !self.line.starts_with(b"WARC/") {
            let reason = format!(
                "not a WARC record header: {:?}",
                String::from_utf8_lossy(&self.line[..self.line.len().min(40)]).trim_end()
            );
            return Some(self.error(start, index, reason, false));
        }
        let mut headers: Vec<(String, String)> = Vec::new();
        loop {
            match self.read_line() {
                Ok(0) => {
                    let reason = "the archive ends inside a record header".to_string();
                    return Some(self.error(start, index, reason, false));
                }
                Ok(_) => {}
                Err(e) => return Some(self.error(start, index, format!("read error: {e}"), true)),
            }
            if let Some(p) = memchr::memmem::find(&self.line, b"WARC/1.") {
                // A new record began (maybe glued to a cut-off header line): this
                // record's header was cut off.
                self.line.drain(..p);
                self.peeked = true;
                return Some(WarcItem::Error {
                    offset: start,
                    record: index,
                    reason: "the record header is cut off".into(),
                });
            }
            let l = String::from_utf8_lossy(&self.line);
            let l = l.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        }
        let get = |k: &str| headers.iter().find(|(h, _)| h == k).map(|(_, v)| v.clone());
        let Some(len) = get("content-length").and_then(|v| v.parse::<u64>().ok()) else {
            let reason = "the record has no valid Content-Length".to_string();
            return Some(self.error(start, index, reason, false));
        };
        let kind = get("warc-type").unwrap_or_default().to_ascii_lowercase();
        let keep = kind == "response" && len <= MAX_RECORD_BYTES;
        let mut block = Vec::new();
        let read = if keep {
            block.reserve(len as usize);
            (&mut self.r).take(len).read_to_end(&mut block)
        } else {
            std::io::copy(&mut (&mut self.r).take(len), &mut std::io::sink()).map(|n| n as usize)
        };
        let n = match read {
            Ok(n) => n as u64,
            Err(e) => return Some(self.error(start, index, format!("read error: {e}"), true)),
        };
        self.offset += n;
        if n < len {
            let reason = match self.new_gz_error(true) {
                Some(e) => format!("corrupt record: {e}"),
                None => format!("the record is cut short ({n} of {len} bytes)"),
            };
            return Some(self.error(start, index, reason, false));
        }
        // Read the record's closing blank lines and look one byte ahead: in a
        // WARC.gz that ends the record's gzip member, whose checksum tells
        // whether what was read is what was written.
        let mut trailer = 0;
        while let Ok(buf) = self.r.fill_buf() {
            match buf.first() {
                Some(b'\r' | b'\n') => {
                    self.r.consume(1);
                    self.offset += 1;
                    trailer += 1;
                }
                _ => break,
            }
        }
        // A whole record ends with its blank lines, or right before the next
        // record's `WARC/` line, or at the end.
        let boundary = trailer > 0
            || match self.r.fill_buf() {
                Ok(b) => b.is_empty() || b[0] == b'W',
                Err(_) => true,
            };
        if let Some(e) = self.new_gz_error(true) {
            return Some(WarcItem::Error {
                offset: start,
                record: index,
                reason: format!("corrupt record: {e}"),
            });
        }
        if !boundary {
            let reason =
                "the record's Content-Length does not match its content (no record follows it)";
            return Some(self.error(start, index, reason.into(), false));
        }
        if kind == "response" && !keep {
            return Some(WarcItem::Error {
                offset: start,
                record: index,
                reason: format!("response of {len} bytes skipped (limit {MAX_RECORD_BYTES})"),
            });
        }
        if !keep {
            return Some(WarcItem::Skipped);
        }
        let url = get("warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_string());
        let fetched = get("warc-date");
        Some(match http_page(&block) {
            Ok(Some((charset, body))) => WarcItem::Page(WarcPage {
                offset: start,
                record: index,
                url,
                fetched,
                charset,
                body,
            }),
            Ok(None) => WarcItem::Skipped,
            Err(reason) => WarcItem::Error {
                offset: start,
                record: index,
                reason,
            },
        })
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = WarcItem;

    fn next(&mut self) -> Option<WarcItem> {
        self.read_record()
    }
}

/// The charset an HTTP response declares, and its decoded body.
type HttpPage = (Option<String>, Vec<u8>);

/// An HTTP response: `(charset, body)` when it is a 2xx HTML page, `None` for
/// other responses, an error for an HTML page whose body cannot be decoded.
/// Bodies stored as sent (chunked, gzip or deflate, as wget and warcio write
/// them) are decoded; Common Crawl stores them decoded already.
fn http_page(block: &[u8]) -> Result<Option<HttpPage>, String> {
    let Some(head_end) = memchr::memmem::find(block, b"\r\n\r\n")
        .map(|p| (p, p + 4))
        .or_else(|| memchr::memmem::find(block, b"\n\n").map(|p| (p, p + 2)))
    else {
        return Ok(None);
    };
    let head = String::from_utf8_lossy(&block[..head_end.0]);
    let mut lines = head.lines();
    let status: Option<u16> = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok());
    if !status.is_some_and(|s| (200..300).contains(&s)) {
        return Ok(None);
    }
    let mut content_type = None;
    let mut chunked = false;
    let mut encoding = String::new();
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            match k.trim().to_ascii_lowercase().as_str() {
                "content-type" => content_type = Some(v.trim().to_ascii_lowercase()),
                "transfer-encoding" => chunked = v.to_ascii_lowercase().contains("chunked"),
                "content-encoding" => encoding = v.trim().to_ascii_lowercase(),
                _ => {}
            }
        }
    }
    let ct = content_type.unwrap_or_default();
    let mut body = block[head_end.1..].to_vec();
    // A chunked body still in chunks (a crawler may also have stored it joined).
    if chunked && !looks_like_html(&body) {
        if let Some(joined) = dechunk(&body) {
            body = joined;
        }
    }
    let declared_html = ct.starts_with("text/html") || ct.starts_with("application/xhtml");
    if !ct.is_empty() && !declared_html {
        return Ok(None);
    }
    if !matches!(encoding.as_str(), "" | "identity") && !looks_like_html(&body) {
        body = decompress(&encoding, &body).map_err(|e| {
            format!("cannot decode the page body (Content-Encoding: {encoding}): {e}")
        })?;
    }
    // Without a Content-Type, sniff the body.
    if ct.is_empty() {
        let h = String::from_utf8_lossy(&body[..body.len().min(512)]).to_ascii_lowercase();
        if !(h.contains("<html") || h.contains("<!doctype html")) {
            return Ok(None);
        }
    }
    let charset = ct
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("charset="))
        .map(|c| c.trim_matches(['"', '\'']).to_string())
        .next();
    Ok(Some((charset, body)))
}

/// Join a `Transfer-Encoding: chunked` body; `None` when it is not well formed.
fn dechunk(mut b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    loop {
        let eol = memchr::memchr(b'\n', b)?;
        let line = std::str::from_utf8(&b[..eol]).ok()?.trim();
        let size = usize::from_str_radix(line.split(';').next()?.trim(), 16).ok()?;
        b = &b[eol + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(b.get(..size)?);
        b = &b[size..];
        b = b
            .strip_prefix(b"\r\n")
            .or_else(|| b.strip_prefix(b"\n"))
            .unwrap_or(b);
    }
}

/// Undo a `Content-Encoding` (bounded: a page never needs more than the record limit).
fn decompress(encoding: &str, body: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let limit = MAX_RECORD_BYTES;
    match encoding {
        "gzip" | "x-gzip" => {
            flate2::read::MultiGzDecoder::new(body)
                .take(limit)
                .read_to_end(&mut out)?;
        }
        "deflate" => {
            // Servers send zlib-wrapped or raw deflate under this name.
            if flate2::read::ZlibDecoder::new(body)
                .take(limit)
                .read_to_end(&mut out)
                .is_err()
            {
                out.clear();
                flate2::read::DeflateDecoder::new(body)
                    .take(limit)
                    .read_to_end(&mut out)?;
            }
        }
        other => {
            return Err(std::io::Error::other(format!(
                "{other} is not supported (gzip and deflate are)"
            )))
        }
    }
    Ok(out)
}

fn looks_like_html(body: &[u8]) -> bool {
    let h = String::from_utf8_lossy(&body[..body.len().min(512)]).to_ascii_lowercase();
    h.trim_start().starts_with('<')
}

/// Decompresses a gzipped WARC member by member. A corrupt member is reported
/// (through `errors`) and skipped: reading goes on at the next gzip header.
pub struct GzMembers<R: BufRead> {
    inner: Option<flate2::bufread::GzDecoder<R>>,
    /// Bytes the current member has given so far.
    member_bytes: u64,
    pub errors: GzErrors,
    /// Skip a corrupt member and go on (set once the stream is known to be a WARC,
    /// whose records are members); otherwise a corrupt member is a read error.
    pub recover: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl<R: BufRead> GzMembers<R> {
    pub fn new(r: R) -> Self {
        GzMembers {
            inner: Some(flate2::bufread::GzDecoder::new(r)),
            member_bytes: 0,
            errors: Default::default(),
            recover: Default::default(),
        }
    }

    /// A reader that skips corrupt members from the start.
    pub fn recovering(r: R) -> Self {
        let g = GzMembers::new(r);
        g.recover.store(true, std::sync::atomic::Ordering::Relaxed);
        g
    }
}

impl<R: BufRead> Read for GzMembers<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            let Some(dec) = self.inner.as_mut() else {
                return Ok(0);
            };
            match dec.read(buf) {
                Ok(0) => {
                    // End of a member: another follows unless the input is exhausted.
                    let mut r = self.inner.take().expect("decoder").into_inner();
                    if r.fill_buf()?.is_empty() {
                        return Ok(0);
                    }
                    self.inner = Some(flate2::bufread::GzDecoder::new(r));
                    self.member_bytes = 0;
                }
                Ok(n) => {
                    self.member_bytes += n as u64;
                    return Ok(n);
                }
                Err(e) if !self.recover.load(std::sync::atomic::Ordering::Relaxed) => {
                    return Err(e);
                }
                Err(e) => {
                    let at_member_start = self.member_bytes == 0;
                    if let Ok(mut errs) = self.errors.lock() {
                        errs.push(GzError {
                            reason: format!("corrupt gzip member skipped: {e}"),
                            at_member_start,
                        });
                    }
                    let mut r = self.inner.take().expect("decoder").into_inner();
                    // A member that failed before giving anything may still sit at
                    // its own header: step past it, or the search finds it again.
                    if !skip_to_gzip_header(&mut r, at_member_start)? {
                        return Ok(0);
                    }
                    self.inner = Some(flate2::bufread::GzDecoder::new(r));
                    self.member_bytes = 0;
                    if !at_member_start {
                        // End the broken record's bytes here: its reader sees it cut
                        // short; the next read starts the next member.
                        return Ok(0);
                    }
                }
            }
        }
    }
}

/// Advance `r` to the next gzip member header (`1f 8b 08`); false at the end.
fn skip_to_gzip_header<R: BufRead>(r: &mut R, step_past: bool) -> std::io::Result<bool> {
    let mut first = step_past;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(false);
        }
        let len = buf.len();
        let from = usize::from(first);
        first = false;
        let found = buf
            .get(from..)
            .and_then(|b| memchr::memmem::find(b, &[0x1f, 0x8b, 0x08]))
            .map(|p| p + from);
        match found {
            Some(p) => {
                r.consume(p);
                return Ok(true);
            }
            // Keep the last two bytes (a header may straddle two reads) unless
            // they are all that is left.
            None if len > 2 => r.consume(len - 2),
            None => r.consume(len),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn record(kind: &str, uri: &str, http: &str) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2018-02-18T20:50:44Z\r\nContent-Length: {}\r\n\r\n",
            http.len()
        )
        .into_bytes();
        r.extend_from_slice(http.as_bytes());
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn page(body: &str) -> String {
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n{body}")
    }

    #[test]
    fn pages_skips_and_a_broken_record() {
        let mut w = Vec::new();
        w.extend(record("warcinfo", "", "software: test"));
        w.extend(record("request", "http://a/1", "GET / HTTP/1.1\r\n\r\n"));
        w.extend(record("response", "http://a/1", &page("<html>one</html>")));
        w.extend(b"garbage that is not a record\r\n");
        w.extend(record(
            "response",
            "http://a/2",
            "HTTP/1.1 404 Not Found\r\n\r\nno",
        ));
        w.extend(record(
            "response",
            "http://a/3",
            "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG",
        ));
        w.extend(record("response", "http://a/4", &page("<html>four</html>")));
        let items: Vec<WarcItem> = WarcReader::new(&w[..]).collect();
        let pages: Vec<&WarcPage> = items
            .iter()
            .filter_map(|i| match i {
                WarcItem::Page(p) => Some(p),
                _ => None,
            })
            .collect();
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].url.as_deref(), Some("http://a/1"));
        assert_eq!(pages[0].charset.as_deref(), Some("utf-8"));
        assert_eq!(pages[0].body, b"<html>one</html>");
        assert_eq!(pages[1].url.as_deref(), Some("http://a/4"));
        let errors = items
            .iter()
            .filter(|i| matches!(i, WarcItem::Error { .. }))
            .count();
        assert_eq!(errors, 1);
    }

    #[test]
    fn raw_payloads_chunked_and_gzip_are_decoded() {
        let html = "<html><body><p>نص</p></body></html>";
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(html.as_bytes()).unwrap();
        let gz = gz.finish().unwrap();
        let mut chunked = format!("{:x}\r\n", gz.len() / 2).into_bytes();
        chunked.extend_from_slice(&gz[..gz.len() / 2]);
        chunked.extend_from_slice(format!("\r\n{:x}\r\n", gz.len() - gz.len() / 2).as_bytes());
        chunked.extend_from_slice(&gz[gz.len() / 2..]);
        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
        let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        http.extend_from_slice(&chunked);
        let (charset, body) = http_page(&http).unwrap().unwrap();
        assert_eq!(charset.as_deref(), Some("utf-8"));
        assert_eq!(body, html.as_bytes());
        let br =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\n\x1b\x00";
        assert!(http_page(br).is_err());
    }

    #[test]
    fn truncated_record_is_reported() {
        let mut w = record("response", "http://a/1", &page("<html>one</html>"));
        w.truncate(w.len() - 10);
        let items: Vec<WarcItem> = WarcReader::new(&w[..]).collect();
        assert!(matches!(items[0], WarcItem::Error { .. }), "{items:?}");
    }

    #[test]
    fn gzip_members_with_a_corrupt_one() {
        let mut gz = Vec::new();
        for (i, body) in ["<html>one</html>", "<html>two</html>", "<html>three</html>"]
            .iter()
            .enumerate()
        {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(&record("response", &format!("http://a/{i}"), &page(body)))
                .unwrap();
            let mut member = e.finish().unwrap();
            if i == 1 {
                // Corrupt the deflate stream of the second member.
                let mid = member.len() / 2;
                for b in &mut member[mid..mid + 8] {
                    *b ^= 0xA5;
                }
            }
            gz.extend(member);
        }
        let members = GzMembers::recovering(&gz[..]);
        let errors = members.errors.clone();
        let items: Vec<WarcItem> =
            WarcReader::with_gz_errors(std::io::BufReader::new(members), errors).collect();
        let urls: Vec<String> = items
            .iter()
            .filter_map(|i| match i {
                WarcItem::Page(p) => p.url.clone(),
                _ => None,
            })
            .collect();
        // The corrupt record is reported, never passed on as a page.
        assert_eq!(urls, vec!["http://a/0", "http://a/2"], "{items:?}");
        assert!(
            items.iter().any(|i| matches!(i, WarcItem::Error { .. })),
            "{items:?}"
        );
    }
}
