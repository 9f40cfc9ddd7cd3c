//! Bounded line reading for JSON Lines streams: a line with no newline in sight
//! (a multi-GB file that is one line, binary garbage) must not be held in memory.

use std::io::{BufRead, Read};

/// Longest JSON Lines line kept; a longer line is read through and reported.
pub const MAX_LINE_BYTES: u64 = crate::warc::MAX_RECORD_BYTES;

/// Read one line (with its `\n`) into `buf`, holding at most `max` bytes of it.
/// Returns the bytes consumed and whether the line was kept: a line longer than
/// `max` is read through to its end without being kept (`buf` is left empty).
pub fn read_line_bounded<R: BufRead + ?Sized>(
    r: &mut R,
    buf: &mut Vec<u8>,
    max: u64,
) -> std::io::Result<(u64, bool)> {
    let n = r.take(max).read_until(b'\n', buf)? as u64;
    if n < max || buf.ends_with(b"\n") {
        return Ok((n, true));
    }
    let mut skipped = n;
    let mut first = true;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            if first {
                // Exactly `max` bytes, then the end of the input: the line is whole.
                return Ok((n, true));
            }
            break;
        }
        first = false;
        let (used, end) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        r.consume(used);
        skipped += used as u64;
        if end {
            break;
        }
    }
    buf.clear();
    buf.shrink_to_fit();
    Ok((skipped, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], max: u64) -> Vec<(u64, bool, Vec<u8>)> {
        let mut r = std::io::BufReader::with_capacity(4, input);
        let mut out = Vec::new();
        loop {
            let mut buf = Vec::new();
            let (n, kept) = read_line_bounded(&mut r, &mut buf, max).unwrap();
            if n == 0 {
                return out;
            }
            out.push((n, kept, buf));
        }
    }

    #[test]
    fn long_lines_are_skipped_whole() {
        let got = lines(b"ab\nabcdefghij\nabcde\nabcd\nabcde", 5);
        assert_eq!(
            got,
            vec![
                (3, true, b"ab\n".to_vec()),
                (11, false, vec![]),
                (6, false, vec![]),
                (5, true, b"abcd\n".to_vec()),
                (5, true, b"abcde".to_vec()),
            ]
        );
    }
}
