//! Compact word-frequency lexicon and protected-name set used by the clitic splitter.
//!
//! Words are sequences of *letter codes*: one byte per Arabic letter (`1..=41`, see
//! [`code_of`]), after removing harakat and tatweel and mapping a few orthographic
//! variants (`ٱ → ا`, Persian `ی → ي`, `ک → ك`). Hamza forms, `ة` and `ى` are kept, so the
//! lexicon distinguishes `أحد` from `احد`. A word of up to [`MAX_KEY_LETTERS`] letters packs
//! into a `u128` key (6 bits per letter), which makes lookups allocation-free.
//!
//! Binary lexicon format (`clitic_lexicon.bin`, written by `marsad-lexicon-build`):
//!
//! ```text
//! "MCLX" 0x01                       magic + version
//! varint N                          number of entries
//! N × { u8 shared, u8 len, len × u8 code, varint freq }
//! ```
//!
//! Entries are sorted by their code sequence; `shared` is the length of the prefix shared
//! with the previous entry and `len` the number of codes that follow (front coding).
//! Varints are LEB128 (7 bits per byte, low first).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Longest word (in letters) that has a `u128` key.
pub const MAX_KEY_LETTERS: usize = 21;

/// Number of letter codes (codes are `1..=ALPHABET_LEN`).
pub const ALPHABET_LEN: u8 = 41;

/// The letter of each code (index 0 unused).
const LETTERS: [char; ALPHABET_LEN as usize + 1] = [
    '\0', 'ء', 'آ', 'أ', 'ؤ', 'إ', 'ئ', 'ا', 'ب', 'ة', 'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'ذ', 'ر', 'ز',
    'س', 'ش', 'ص', 'ض', 'ط', 'ظ', 'ع', 'غ', 'ف', 'ق', 'ك', 'ل', 'م', 'ن', 'ه', 'و', 'ى', 'ي', 'پ',
    'چ', 'ژ', 'گ', 'ڤ',
];

/// Letter code of an Arabic letter, after variant mapping; 0 for anything else.
#[inline]
pub const fn code_of(c: char) -> u8 {
    match c {
        '\u{0621}'..='\u{063A}' => (c as u32 - 0x0621 + 1) as u8,
        '\u{0641}'..='\u{064A}' => (c as u32 - 0x0641 + 27) as u8,
        '\u{0671}' => 7,  // alef wasla → ا
        '\u{06CC}' => 36, // Farsi yeh → ي
        '\u{06A9}' => 29, // keheh → ك
        '\u{067E}' => 37,
        '\u{0686}' => 38,
        '\u{0698}' => 39,
        '\u{06AF}' => 40,
        '\u{06A4}' => 41,
        _ => 0,
    }
}

/// The letter for a code (`'\0'` for invalid codes).
#[inline]
pub fn letter_of(code: u8) -> char {
    LETTERS.get(code as usize).copied().unwrap_or('\0')
}

pub const HAMZA: u8 = code_of('ء');
pub const ALEF_MADDA: u8 = code_of('آ');
pub const ALEF_HAMZA_ABOVE: u8 = code_of('أ');
pub const WAW_HAMZA: u8 = code_of('ؤ');
pub const YEH_HAMZA: u8 = code_of('ئ');
pub const ALEF_HAMZA_BELOW: u8 = code_of('إ');
pub const ALEF: u8 = code_of('ا');
pub const BEH: u8 = code_of('ب');
pub const TEH_MARBUTA: u8 = code_of('ة');
pub const TEH: u8 = code_of('ت');
pub const SEEN: u8 = code_of('س');
pub const FEH: u8 = code_of('ف');
pub const KAF: u8 = code_of('ك');
pub const LAM: u8 = code_of('ل');
pub const MEEM: u8 = code_of('م');
pub const NOON: u8 = code_of('ن');
pub const HEH: u8 = code_of('ه');
pub const WAW: u8 = code_of('و');
pub const ALEF_MAQSURA: u8 = code_of('ى');
pub const YEH: u8 = code_of('ي');

/// Code after folding the hamza-carrying alefs to bare alef (used for the name list).
#[inline]
pub fn fold_code(c: u8) -> u8 {
    match c {
        ALEF_MADDA | ALEF_HAMZA_ABOVE | ALEF_HAMZA_BELOW => ALEF,
        _ => c,
    }
}

/// Convert a string of letters to codes; `None` if a character is neither a supported
/// letter nor a removable mark (harakat, tatweel, Quranic marks, invisible controls).
pub fn codes_of(word: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(word.len() / 2);
    for c in word.chars() {
        let k = code_of(c);
        if k != 0 {
            out.push(k);
        } else if !crate::chars::is_arabic_word_mark(c) && !crate::chars::is_invisible(c) {
            return None;
        }
    }
    Some(out)
}

/// The string spelled by `codes`.
pub fn string_of(codes: &[u8]) -> String {
    let mut s = String::with_capacity(codes.len() * 2);
    s.extend(codes.iter().map(|&c| letter_of(c)));
    s
}

/// Packs codes into a key; `None` if empty or longer than [`MAX_KEY_LETTERS`].
#[inline]
pub fn key_of(codes: &[u8]) -> Option<u128> {
    if codes.is_empty() || codes.len() > MAX_KEY_LETTERS {
        return None;
    }
    Some(extend_key(0, codes))
}

/// Appends codes to a partial key (no length check).
#[inline]
pub fn extend_key(mut key: u128, codes: &[u8]) -> u128 {
    for &c in codes {
        key = (key << 6) | c as u128;
    }
    key
}

/// A multiplicative hasher for `u128` keys (keys are already well spread).
#[derive(Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    #[inline]
    fn write_u128(&mut self, k: u128) {
        let lo = k as u64;
        let hi = (k >> 64) as u64;
        let h = (lo ^ hi.wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_mul(0xD6E8_FEB8_6659_FD93);
        self.0 = h ^ (h >> 29);
    }
}

pub type KeyMap<V> = HashMap<u128, V, BuildHasherDefault<KeyHasher>>;

/// Error while decoding a lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError(pub &'static str);

impl std::fmt::Display for LexiconError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad clitic lexicon: {}", self.0)
    }
}

impl std::error::Error for LexiconError {}

const MAGIC: &[u8; 5] = b"MCLX\x01";

fn push_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7F) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn read_varint(data: &[u8], pos: &mut usize) -> Result<u64, LexiconError> {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let b = *data.get(*pos).ok_or(LexiconError("truncated varint"))?;
        *pos += 1;
        if shift > 56 {
            return Err(LexiconError("varint too long"));
        }
        v |= ((b & 0x7F) as u64) << shift;
        if b & 0x80 == 0 {
            return Ok(v);
        }
        shift += 7;
    }
}

/// Encode `(codes, freq)` entries in the binary format. Entries are sorted and
/// deduplicated (frequencies of duplicates are added), so the output depends only on
/// the multiset of entries. Words longer than [`MAX_KEY_LETTERS`] or with invalid codes
/// are skipped.
pub fn encode_lexicon(entries: &[(Vec<u8>, u64)]) -> Vec<u8> {
    let mut sorted: Vec<(&[u8], u64)> = entries
        .iter()
        .filter(|(w, _)| {
            !w.is_empty()
                && w.len() <= MAX_KEY_LETTERS
                && w.iter().all(|&c| (1..=ALPHABET_LEN).contains(&c))
        })
        .map(|(w, f)| (w.as_slice(), *f))
        .collect();
    sorted.sort_unstable();
    let mut merged: Vec<(&[u8], u64)> = Vec::with_capacity(sorted.len());
    for (w, f) in sorted {
        match merged.last_mut() {
            Some((lw, lf)) if *lw == w => *lf += f,
            _ => merged.push((w, f)),
        }
    }
    let mut out = Vec::with_capacity(merged.len() * 8 + 16);
    out.extend_from_slice(MAGIC);
    push_varint(&mut out, merged.len() as u64);
    let mut prev: &[u8] = &[];
    for (w, f) in merged {
        let shared = prev.iter().zip(w).take_while(|(a, b)| a == b).count();
        out.push(shared as u8);
        out.push((w.len() - shared) as u8);
        out.extend_from_slice(&w[shared..]);
        push_varint(&mut out, f);
        prev = w;
    }
    out
}

/// Decode the binary format, calling `f(codes, freq)` for every entry in order.
pub fn decode_lexicon(data: &[u8], mut f: impl FnMut(&[u8], u64)) -> Result<usize, LexiconError> {
    if data.is_empty() {
        return Ok(0);
    }
    if data.len() < MAGIC.len() || &data[..MAGIC.len()] != MAGIC {
        return Err(LexiconError("missing magic"));
    }
    let mut pos = MAGIC.len();
    let n = read_varint(data, &mut pos)? as usize;
    let mut word: Vec<u8> = Vec::with_capacity(MAX_KEY_LETTERS);
    for _ in 0..n {
        let shared = *data.get(pos).ok_or(LexiconError("truncated entry"))? as usize;
        let len = *data.get(pos + 1).ok_or(LexiconError("truncated entry"))? as usize;
        pos += 2;
        if shared > word.len() || shared + len > MAX_KEY_LETTERS || len == 0 && shared == 0 {
            return Err(LexiconError("bad entry lengths"));
        }
        let tail = data
            .get(pos..pos + len)
            .ok_or(LexiconError("truncated word"))?;
        if tail.iter().any(|&c| c == 0 || c > ALPHABET_LEN) {
            return Err(LexiconError("bad letter code"));
        }
        pos += len;
        word.truncate(shared);
        word.extend_from_slice(tail);
        let freq = read_varint(data, &mut pos)?;
        f(&word, freq);
    }
    if pos != data.len() {
        return Err(LexiconError("trailing bytes"));
    }
    Ok(n)
}

/// Calls `f` for every word of `text` as used for counting the lexicon: maximal runs of
/// Arabic letters and in-word marks, with marks removed. Runs that contain a letter
/// outside the alphabet are skipped.
pub fn for_each_word(text: &str, mut f: impl FnMut(&[u8])) {
    let mut buf: Vec<u8> = Vec::with_capacity(32);
    let mut bad = false;
    let mut flush = |buf: &mut Vec<u8>, bad: &mut bool| {
        if !buf.is_empty() && !*bad {
            f(buf);
        }
        buf.clear();
        *bad = false;
    };
    for c in text.chars() {
        let k = code_of(c);
        if k != 0 {
            buf.push(k);
        } else if crate::chars::is_arabic_word_mark(c) || crate::chars::is_invisible(c) {
            // inside a word: skip
        } else if crate::chars::is_arabic_letter(c) {
            bad = true;
        } else {
            flush(&mut buf, &mut bad);
        }
    }
    flush(&mut buf, &mut bad);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_roundtrip() {
        for c in LETTERS.iter().skip(1) {
            assert_eq!(letter_of(code_of(*c)), *c);
        }
        assert_eq!(code_of('ٱ'), ALEF);
        assert_eq!(code_of('a'), 0);
        assert_eq!(
            codes_of("مُحَمَّـد").map(|c| string_of(&c)),
            Some("محمد".into())
        );
        assert_eq!(codes_of("abc"), None);
    }

    #[test]
    fn lexicon_roundtrip() {
        let words = ["كتاب", "كتابه", "كتب", "و", "الكتاب"];
        let entries: Vec<(Vec<u8>, u64)> = words
            .iter()
            .enumerate()
            .map(|(i, w)| (codes_of(w).unwrap(), (i as u64 + 1) * 100))
            .chain(std::iter::once((codes_of("كتب").unwrap(), 1)))
            .collect();
        let bin = encode_lexicon(&entries);
        let mut got = Vec::new();
        decode_lexicon(&bin, |w, f| got.push((string_of(w), f))).unwrap();
        got.sort();
        assert_eq!(
            got,
            vec![
                ("الكتاب".to_string(), 500),
                ("كتاب".to_string(), 100),
                ("كتابه".to_string(), 200),
                ("كتب".to_string(), 301),
                ("و".to_string(), 400)
            ]
        );
        assert!(decode_lexicon(&bin[..bin.len() - 1], |_, _| {}).is_err());
        assert_eq!(decode_lexicon(&[], |_, _| {}), Ok(0));
    }

    #[test]
    fn words_for_counting() {
        let mut got = Vec::new();
        for_each_word(
            "قالَ الرئيسُ: ٢٠١٨ abc ﻻ والـحكومة",
            |w| got.push(string_of(w)),
        );
        assert_eq!(got, vec!["قال", "الرئيس", "والحكومة"]);
    }
}
