//! Input format detection from content (the extension is only a tie-breaker).

/// Formats Marsad reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// One JSON object per line.
    Jsonl,
    /// One JSON document: an object, or an array of objects.
    Json,
    /// TREC-style `<DOC>` pseudo-XML (the ANT corpus).
    Trec,
    /// A plain-text web scrape of one article.
    Text,
    /// An HTML page.
    Html,
    /// A WARC archive (plain or gzipped per record).
    Warc,
    /// An RSS or Atom feed.
    Feed,
    /// Zip, gzip or other binary container (not read by this version).
    Binary,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Json => "json",
            Format::Trec => "trec",
            Format::Text => "text",
            Format::Html => "html",
            Format::Warc => "warc",
            Format::Feed => "feed",
            Format::Binary => "binary",
        }
    }

    pub fn from_name(s: &str) -> Option<Format> {
        Some(match s {
            "jsonl" | "ndjson" => Format::Jsonl,
            "json" => Format::Json,
            "trec" => Format::Trec,
            "text" | "txt" => Format::Text,
            "html" => Format::Html,
            "warc" => Format::Warc,
            "feed" | "rss" | "atom" => Format::Feed,
            _ => return None,
        })
    }
}

/// Detect the format of raw bytes (the first few KB are enough).
pub fn sniff_bytes(head: &[u8]) -> Format {
    if head.starts_with(b"PK\x03\x04")
        || head.starts_with(&[0x1f, 0x8b])
        || head.starts_with(b"%PDF")
    {
        return Format::Binary;
    }
    // Text formats are recognised after decoding; a UTF-16 head is decoded cheaply here.
    let decoded = crate::decode::decode(&head[..head.len().min(8192)]);
    sniff_text(&decoded.text)
}

/// Detect the format of decoded text.
pub fn sniff_text(head: &str) -> Format {
    let t = head.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    if t.starts_with("WARC/") {
        return Format::Warc;
    }
    let lower: String = t.chars().take(512).collect::<String>().to_ascii_lowercase();
    if lower.starts_with("<doc>") || lower.starts_with("<doc ") {
        return Format::Trec;
    }
    if lower.starts_with("<?xml") || lower.starts_with("<rss") || lower.starts_with("<feed") {
        // The root element decides (comments and stylesheets may come first).
        let head: String = t
            .chars()
            .take(2048)
            .collect::<String>()
            .to_ascii_lowercase();
        if head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf") {
            return Format::Feed;
        }
        if head.contains("<html") {
            return Format::Html;
        }
    }
    if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || (lower.starts_with('<') && lower.contains("<html"))
    {
        return Format::Html;
    }
    if t.starts_with('[') {
        return Format::Json;
    }
    if t.starts_with('{') {
        // JSON Lines when the first line is a complete object; otherwise one
        // (pretty-printed) JSON document.
        let first = t.lines().next().unwrap_or("").trim_end();
        if first.ends_with('}') && serde_json::from_str::<serde_json::Value>(first).is_ok() {
            return Format::Jsonl;
        }
        if !t.contains('\n') {
            // A single long line that may be cut off in the head sample.
            return Format::Jsonl;
        }
        return Format::Json;
    }
    Format::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(
            sniff_text("{\"title\":\"x\"}\n{\"title\":\"y\"}\n"),
            Format::Jsonl
        );
        assert_eq!(sniff_text("{\n  \"title\": \"x\"\n}\n"), Format::Json);
        assert_eq!(sniff_text("\n [ {\"a\":1} ]"), Format::Json);
        assert_eq!(sniff_text("<DOC>\n<DOCNO>x</DOCNO>"), Format::Trec);
        assert_eq!(sniff_text("<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff_text("WARC/1.0\r\n"), Format::Warc);
        assert_eq!(
            sniff_text("<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"),
            Format::Feed
        );
        assert_eq!(
            sniff_text("<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            Format::Feed
        );
        assert_eq!(sniff_text("عنوان الخبر\nنص الخبر"), Format::Text);
        assert_eq!(sniff_bytes(b"PK\x03\x04rest"), Format::Binary);
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "<DOC>\n".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(sniff_bytes(&utf16), Format::Trec);
    }
}
