//! Bytes → text: encoding detection and clean-up.
//!
//! Order of evidence: a byte-order mark (UTF-8, UTF-16LE/BE); UTF-16 without a
//! BOM recognised by its zero/0x06 high bytes; valid UTF-8; otherwise chardetng's
//! guess (Arabic legacy pages are windows-1256 or ISO-8859-6). The decoded text
//! has CRLF/CR turned into LF and NUL characters removed; anything replaced or
//! removed is reported as a warning, never as a failure.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use marsad_article::Warning;

#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    /// Canonical encoding name (`UTF-8`, `UTF-16LE`, `windows-1256`, `ISO-8859-6`, ...).
    pub encoding: &'static str,
    pub warnings: Vec<Warning>,
}

/// Decode `bytes` to clean text. Never fails: undecodable bytes become U+FFFD
/// and a warning says so.
pub fn decode(bytes: &[u8]) -> Decoded {
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((enc, bom_len)) => (enc, &bytes[bom_len..]),
        None => (sniff_encoding(bytes), bytes),
    };
    decode_as(encoding, body)
}

/// Decode BOM-less `bytes` as `encoding` (known from elsewhere: a header, a
/// declaration), with the same clean-up and warnings as [`decode`].
pub fn decode_as(encoding: &'static Encoding, body: &[u8]) -> Decoded {
    let mut warnings = Vec::new();
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        warnings.push(Warning::new(
            "encoding-replaced",
            format!(
                "some bytes were not valid {}; replaced with U+FFFD",
                encoding.name()
            ),
        ));
    }
    let (text, nuls) = clean_text(&text);
    if nuls > 0 {
        warnings.push(Warning::new(
            "nul-removed",
            format!("removed {nuls} NUL characters"),
        ));
    }
    Decoded {
        text,
        encoding: encoding.name(),
        warnings,
    }
}

/// Guess the encoding of BOM-less bytes.
pub fn sniff_encoding(bytes: &[u8]) -> &'static Encoding {
    if let Some(enc) = sniff_utf16(bytes) {
        return enc;
    }
    // Valid UTF-8 (ignoring a sequence cut off at the very end) is UTF-8.
    match std::str::from_utf8(bytes) {
        Ok(_) => return UTF_8,
        Err(e) if e.error_len().is_none() => return UTF_8,
        Err(_) => {}
    }
    let mut det = EncodingDetector::new(Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let guess = det.guess(None, Utf8Detection::Allow);
    // Mostly-valid UTF-8 with a few broken bytes is still UTF-8.
    if guess != UTF_8 && mostly_utf8(bytes) {
        return UTF_8;
    }
    guess
}

/// UTF-16 without a BOM: Arabic and ASCII text put 0x06 or 0x00 in every high byte.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let n = bytes.len().min(4096) & !1;
    if n < 8 {
        return None;
    }
    let sample = &bytes[..n];
    let high = |off: usize| {
        sample
            .iter()
            .skip(off)
            .step_by(2)
            .filter(|&&b| b == 0 || b == 6)
            .count()
    };
    let pairs = n / 2;
    let zeros = |off: usize| {
        sample
            .iter()
            .skip(off)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    // Require real zero bytes: UTF-8 text never contains them, and Arabic text in UTF-16 has spaces (0x20 0x00).
    if high(1) * 10 >= pairs * 9 && zeros(1) * 20 >= pairs {
        Some(UTF_16LE)
    } else if high(0) * 10 >= pairs * 9 && zeros(0) * 20 >= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut bad = 0usize;
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(_) => break,
            Err(e) => {
                bad += 1;
                let skip =
                    e.valid_up_to() + e.error_len().unwrap_or(rest.len() - e.valid_up_to()).max(1);
                rest = &rest[skip.min(rest.len())..];
            }
        }
    }
    // A handful of broken sequences in a large UTF-8 document.
    bad * 200 <= bytes.len().max(1) && bytes.iter().any(|&b| b >= 0xC0)
}

/// CRLF/CR → LF, NUL removed. Returns the text and the number of NULs removed.
pub fn clean_text(text: &str) -> (String, usize) {
    if !text.bytes().any(|b| b == b'\r' || b == 0) {
        return (text.to_string(), 0);
    }
    let mut out = String::with_capacity(text.len());
    let mut nuls = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\0' => nuls += 1,
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            _ => out.push(c),
        }
    }
    (out, nuls)
}

#[cfg(test)]
mod tests {
    use super::*;

    const AR: &str = "قال المتحدث باسم الحكومة إن الاجتماع سيعقد في الرياض يوم الأحد المقبل.\r\nوأضاف أن الوفد سيصل غدا.";

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode(AR.as_bytes());
        assert_eq!(d.encoding, "UTF-8");
        assert!(!d.text.contains('\r'));
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice(AR.as_bytes());
        assert_eq!(decode(&b).text, d.text);
    }

    #[test]
    fn utf16_with_bom_and_without() {
        let expected = decode(AR.as_bytes()).text;
        let mut le = vec![0xFF, 0xFE];
        let mut le_nobom = vec![];
        let mut be = vec![0xFE, 0xFF];
        for u in AR.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            le_nobom.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&le).text, expected);
        assert_eq!(decode(&be).text, expected);
        let d = decode(&le_nobom);
        assert_eq!(d.encoding, "UTF-16LE");
        assert_eq!(d.text, expected);
    }

    #[test]
    fn windows_1256_and_iso_8859_6() {
        let expected = decode(AR.as_bytes()).text;
        let (cp, _, bad) = encoding_rs::WINDOWS_1256.encode(AR);
        assert!(!bad);
        let d = decode(&cp);
        assert_eq!(d.encoding, "windows-1256");
        assert_eq!(d.text, expected);
        let (iso, _, bad) = encoding_rs::ISO_8859_6.encode(AR);
        assert!(!bad);
        let d = decode(&iso);
        assert_eq!(d.text, expected, "decoded as {}", d.encoding);
    }

    #[test]
    fn nuls_and_broken_bytes() {
        let mut b = AR.as_bytes().to_vec();
        b.insert(10, 0);
        b.push(0xFF);
        b.extend_from_slice(" نهاية".repeat(50).as_bytes());
        let d = decode(&b);
        assert_eq!(d.encoding, "UTF-8");
        assert!(!d.text.contains('\0'));
        assert!(d.warnings.iter().any(|w| w.code == "nul-removed"));
        assert!(d.warnings.iter().any(|w| w.code == "encoding-replaced"));
    }
}
