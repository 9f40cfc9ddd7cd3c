//! Arabic stemmers behind one trait.
//!
//! - [`Light10`]: Larkey's light10 exactly as Lucene's `ArabicStemmer`
//!   (`org.apache.lucene.analysis.ar.ArabicStemmer`). It is the *pure* stemmer: it
//!   does not normalize, so it expects input that went through Lucene's
//!   `ArabicNormalizer` (see [`lucene_normalize`]) — e.g. it strips `ه` but not `ة`
//!   only because the normalizer has already turned `ة` into `ه`.
//! - [`LuceneArabic`]: what Lucene's `ArabicAnalyzer` does to one token after
//!   tokenization and stop-word removal: lower-casing (simple case mapping, as
//!   Java's `Character.toLowerCase`), digit folding (Arabic-Indic and Persian
//!   digits to ASCII; Lucene's `DecimalDigitFilter` folds every Unicode decimal
//!   digit), `ArabicNormalizer` ([`lucene_normalize`]), then light10.
//! - [`SnowballArabic`]: the Snowball Arabic stemmer of `rust-stemmers`, which
//!   normalizes by itself and strips many more affixes.
//!
//! light10, as in Lucene:
//! 1. remove the first matching prefix of `ال وال بال كال فال لل و`; a prefix
//!    needs the word to be at least two units longer than the prefix, and the
//!    single-letter `و` needs at least four units;
//! 2. then try the suffixes `ها ان ات ون ين يه ية ه ة ي` once each, in that
//!    order, removing every one that matches the (shrinking) word and leaves at
//!    least two units.
//!
//! Lengths are counted in UTF-16 code units, as Java does, so words with
//! characters outside the BMP (emoji) stem exactly as in Lucene. All affixes are
//! BMP letters, so matching itself is the same on code points.
//!
//! ```
//! use marsad_text::stem::{stemmer_by_name, Light10, Stemmer};
//! assert_eq!(Light10.stem("والحسن"), "حسن");
//! assert_eq!(stemmer_by_name("lucene").unwrap().stem("كبيرة"), "كبير");
//! ```

use crate::chars::digit_value;
use std::sync::LazyLock;

/// A word stemmer. Implementations are cheap to call and thread-safe.
pub trait Stemmer: Send + Sync {
    /// Stable short name (`"light10"`, `"lucene"`, `"snowball"`).
    fn name(&self) -> &'static str;
    /// Stem of one word (a token without spaces).
    fn stem(&self, word: &str) -> String;
}

/// Names accepted by [`stemmer_by_name`].
pub const STEMMER_NAMES: [&str; 3] = ["light10", "lucene", "snowball"];

/// The stemmer called `name` (one of [`STEMMER_NAMES`]).
pub fn stemmer_by_name(name: &str) -> Option<Box<dyn Stemmer>> {
    match name {
        "light10" => Some(Box::new(Light10)),
        "lucene" => Some(Box::new(LuceneArabic)),
        "snowball" => Some(Box::new(SnowballArabic)),
        _ => None,
    }
}

/// Larkey's light10 exactly as Lucene's `ArabicStemmer`, without normalization.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Light10;

/// Lucene's `ArabicAnalyzer` per token: lower-case, fold digits, normalize, light10.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LuceneArabic;

/// The Snowball Arabic stemmer (`rust-stemmers`), created once per process.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SnowballArabic;

impl Stemmer for Light10 {
    fn name(&self) -> &'static str {
        "light10"
    }

    fn stem(&self, word: &str) -> String {
        light10(word).to_owned()
    }
}

impl Stemmer for LuceneArabic {
    fn name(&self) -> &'static str {
        "lucene"
    }

    fn stem(&self, word: &str) -> String {
        let mut buf = String::with_capacity(word.len());
        for c in word.chars() {
            let c = lower_simple(c);
            let c = match digit_value(c) {
                Some(d) => char::from(b'0' + d as u8),
                None => c,
            };
            if let Some(n) = lucene_normalize_char(c) {
                buf.push(n);
            }
        }
        let (start, end) = light10_range(&buf);
        buf.truncate(end);
        buf.drain(..start);
        buf
    }
}

static SNOWBALL: LazyLock<rust_stemmers::Stemmer> =
    LazyLock::new(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Arabic));

impl Stemmer for SnowballArabic {
    fn name(&self) -> &'static str {
        "snowball"
    }

    fn stem(&self, word: &str) -> String {
        SNOWBALL.stem(word).into_owned()
    }
}

const ALEF: char = '\u{0627}';
const BEH: char = '\u{0628}';
const TEH_MARBUTA: char = '\u{0629}';
const TEH: char = '\u{062A}';
const FEH: char = '\u{0641}';
const KAF: char = '\u{0643}';
const LAM: char = '\u{0644}';
const NOON: char = '\u{0646}';
const HEH: char = '\u{0647}';
const WAW: char = '\u{0648}';
const YEH: char = '\u{064A}';

/// Lucene's prefixes, tried in this order; the first match is removed.
const PREFIXES: [&[char]; 7] = [
    &[ALEF, LAM],
    &[WAW, ALEF, LAM],
    &[BEH, ALEF, LAM],
    &[KAF, ALEF, LAM],
    &[FEH, ALEF, LAM],
    &[LAM, LAM],
    &[WAW],
];

/// Lucene's suffixes, each tried once in this order.
const SUFFIXES: [&[char]; 10] = [
    &[HEH, ALEF],
    &[ALEF, NOON],
    &[ALEF, TEH],
    &[WAW, NOON],
    &[YEH, NOON],
    &[YEH, HEH],
    &[YEH, TEH_MARBUTA],
    &[HEH],
    &[TEH_MARBUTA],
    &[YEH],
];

/// light10 on an already normalized word, as a sub-slice (no allocation).
pub fn light10(word: &str) -> &str {
    let (start, end) = light10_range(word);
    &word[start..end]
}

/// Byte range of the light10 stem inside `word`.
fn light10_range(word: &str) -> (usize, usize) {
    // Java's `len`: UTF-16 code units. Every affix letter is one unit (and two
    // UTF-8 bytes), so removing an affix of `n` letters removes `n` units.
    let mut len: usize = word.chars().map(char::len_utf16).sum();
    let mut rest = word;
    let mut start = 0;
    for prefix in PREFIXES {
        let enough = if prefix.len() == 1 {
            len >= 4
        } else {
            len >= prefix.len() + 2
        };
        if enough {
            if let Some(tail) = strip_prefix_chars(rest, prefix) {
                start = word.len() - tail.len();
                rest = tail;
                len -= prefix.len();
                break;
            }
        }
    }
    for suffix in SUFFIXES {
        if len >= suffix.len() + 2 {
            if let Some(head) = strip_suffix_chars(rest, suffix) {
                rest = head;
                len -= suffix.len();
            }
        }
    }
    (start, start + rest.len())
}

fn strip_prefix_chars<'a>(s: &'a str, prefix: &[char]) -> Option<&'a str> {
    let mut it = s.chars();
    for &p in prefix {
        if it.next()? != p {
            return None;
        }
    }
    Some(it.as_str())
}

fn strip_suffix_chars<'a>(s: &'a str, suffix: &[char]) -> Option<&'a str> {
    let mut it = s.chars();
    for &p in suffix.iter().rev() {
        if it.next_back()? != p {
            return None;
        }
    }
    Some(it.as_str())
}

/// Lucene's `ArabicNormalizer`: `آ أ إ` → `ا`, `ى` → `ي`, `ة` → `ه`; removes tatweel
/// and the eight harakat U+064B–U+0652 (nothing else: no `ٱ`, no `ؤ`/`ئ`, no
/// superscript alef).
pub fn lucene_normalize(word: &str) -> String {
    word.chars().filter_map(lucene_normalize_char).collect()
}

#[inline]
fn lucene_normalize_char(c: char) -> Option<char> {
    match c {
        '\u{0622}' | '\u{0623}' | '\u{0625}' => Some(ALEF),
        '\u{0649}' => Some(YEH),
        TEH_MARBUTA => Some(HEH),
        '\u{0640}' | '\u{064B}'..='\u{0652}' => None,
        _ => Some(c),
    }
}

/// Java's `Character.toLowerCase(int)`: a one-to-one (simple) case mapping.
#[inline]
fn lower_simple(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if c == '\u{0130}' {
        // İ: the full mapping is "i̇", the simple one is "i".
        return 'i';
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for name in STEMMER_NAMES {
            assert_eq!(stemmer_by_name(name).unwrap().name(), name);
        }
        assert!(stemmer_by_name("porter").is_none());
    }

    #[test]
    fn light10_is_a_subslice() {
        let w = "والمعلمون";
        let s = light10(w);
        assert_eq!(s, "معلم");
        assert!(w.as_ptr() <= s.as_ptr());
    }

    #[test]
    fn utf16_lengths_like_java() {
        // "و" + U+1F600 + "ب": 4 UTF-16 units (3 code points), so Lucene strips و.
        assert_eq!(light10("و\u{1F600}ب"), "\u{1F600}ب");
        assert_eq!(light10("وحب"), "وحب");
    }

    #[test]
    fn lucene_pipeline_pieces() {
        assert_eq!(LuceneArabic.stem("English"), "english");
        assert_eq!(LuceneArabic.stem("١٢٣٤"), "1234");
        assert_eq!(lucene_normalize("ٱلْقُرْآن"), "ٱلقران");
    }
}
