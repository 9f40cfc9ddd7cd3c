//! Named normalization profiles with a map back to original code-point offsets.
//!
//! - [`Profile::Search`] folds spelling variation away for matching: alef forms
//!   (أ إ آ ٱ → ا), ى → ي, ة → ه, ؤ → و, ئ → ي, Persian ی/ک → ي/ك, Arabic-Indic and
//!   Persian digits → ASCII, harakat/superscript alef/tatweel removed, NFKC
//!   (presentation forms, lam-alef ligatures), bidi controls and zero-width marks
//!   removed, letters lower-cased (where lower-casing maps one character to one).
//! - [`Profile::Display`] only makes text well-formed: NFKC, and removes tatweel,
//!   bidi controls and zero-width marks; spelling and diacritics are kept.
//!
//! Both profiles are idempotent. [`normalize`] returns a [`Normalized`] that maps
//! every output character back to the input; [`normalize_str`] is the fast path
//! when no map is needed.

use crate::chars::{is_haraka, is_invisible, is_quranic_mark, TATWEEL};
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// A normalization profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Profile {
    /// Aggressive folding for search and matching.
    Search,
    /// Minimal clean-up that keeps spelling, for display.
    Display,
}

impl Profile {
    pub const ALL: [Profile; 2] = [Profile::Search, Profile::Display];

    pub fn name(self) -> &'static str {
        match self {
            Profile::Search => "search",
            Profile::Display => "display",
        }
    }

    pub fn from_name(name: &str) -> Option<Profile> {
        match name {
            "search" => Some(Profile::Search),
            "display" => Some(Profile::Display),
            _ => None,
        }
    }
}

/// A normalized string plus, for each of its characters, the code-point offset in
/// the original string of the character (or composed cluster) it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    pub text: String,
    starts: Vec<u32>,
    original_len: usize,
}

impl Normalized {
    /// Number of code points in the normalized text.
    pub fn char_len(&self) -> usize {
        self.starts.len()
    }

    /// Number of code points in the original text.
    pub fn original_len(&self) -> usize {
        self.original_len
    }

    /// Original code-point offset of normalized character `i` (`i == char_len()`
    /// gives the original length).
    pub fn original_offset(&self, i: usize) -> usize {
        self.starts
            .get(i)
            .map(|&s| s as usize)
            .unwrap_or(self.original_len)
    }

    /// Maps the normalized span `[start, end)` to the original span that produced
    /// it. The result includes characters the profile removed inside the span and
    /// right after it (e.g. trailing harakat), and never splits a composed cluster.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        let n = self.starts.len();
        let start = start.min(n);
        let end = end.clamp(start, n);
        let s = self.original_offset(start);
        if end == start {
            return (s, s);
        }
        let last = self.starts[end - 1];
        let e = self.starts[end..]
            .iter()
            .find(|&&x| x > last)
            .map(|&x| x as usize)
            .unwrap_or(self.original_len);
        (s, e)
    }
}

/// Normalize `input` under `profile`, keeping the offset map.
pub fn normalize(input: &str, profile: Profile) -> Normalized {
    normalize_passes(input, profile, 3)
}

fn normalize_passes(input: &str, profile: Profile, passes: u8) -> Normalized {
    let mut sink = MapSink {
        text: String::with_capacity(input.len()),
        starts: Vec::with_capacity(input.len() / 2 + 1),
    };
    let (original_len, again) = run(input, profile, &mut sink);
    let first = Normalized {
        text: sink.text,
        starts: sink.starts,
        original_len,
    };
    if !again || passes <= 1 {
        return first;
    }
    // Rare: removing a character produced by a compatibility decomposition can
    // leave a sequence that composes or reorders differently; a second pass makes
    // the result a fixed point, and the maps compose.
    let second = normalize_passes(&first.text, profile, passes - 1);
    let starts = second
        .starts
        .iter()
        .map(|&i| {
            first
                .starts
                .get(i as usize)
                .copied()
                .unwrap_or(original_len as u32)
        })
        .collect();
    Normalized {
        text: second.text,
        starts,
        original_len,
    }
}

/// Normalize `input` under `profile` without building an offset map.
pub fn normalize_str(input: &str, profile: Profile) -> String {
    let mut sink = StrSink(String::with_capacity(input.len()));
    if profile == Profile::Search {
        if search_fast(input, &mut sink.0) {
            return sink.0;
        }
        sink.0.clear();
    }
    let (_, mut again) = run(input, profile, &mut sink);
    let mut passes = 1;
    while again && passes < 3 {
        let mut next = StrSink(String::with_capacity(sink.0.len()));
        again = run(&sink.0, profile, &mut next).1;
        sink = next;
        passes += 1;
    }
    sink.0
}

/// What the search profile does to a character of the Arabic block U+0600–U+06FF.
#[derive(Clone, Copy)]
enum ArabicAction {
    Keep,
    Drop,
    Map(char),
    /// Needs NFKC (compatibility forms): take the general path.
    Slow,
}

const fn arabic_action(u: u32) -> ArabicAction {
    use ArabicAction::*;
    match u {
        0x0660..=0x0669 => Map((b'0' + (u - 0x0660) as u8) as char),
        0x06F0..=0x06F9 => Map((b'0' + (u - 0x06F0) as u8) as char),
        0x0622 | 0x0623 | 0x0625 | 0x0671 | 0x0672 | 0x0673 => Map('ا'),
        0x0649 | 0x0626 | 0x06CC | 0x06D0 => Map('ي'),
        0x0629 => Map('ه'),
        0x0624 => Map('و'),
        0x06A9 => Map('ك'),
        0x064B..=0x065F
        | 0x0670
        | 0x0610..=0x061A
        | 0x06D6..=0x06DC
        | 0x06DF..=0x06E8
        | 0x06EA..=0x06ED
        | 0x0640
        | 0x061C => Drop,
        0x0675..=0x0678 => Slow,
        _ => Keep,
    }
}

static ARABIC_ACTIONS: [ArabicAction; 256] = {
    let mut t = [ArabicAction::Keep; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = arabic_action(0x0600 + i as u32);
        i += 1;
    }
    t
};

/// Search normalization for the common case — ASCII, the Arabic block and a few
/// punctuation marks — where no character composes with a neighbour, so a table
/// lookup per character gives exactly what the general path gives (a property
/// test checks this). Returns false, leaving `out` partly written, on anything else.
fn search_fast(input: &str, out: &mut String) -> bool {
    for c in input.chars() {
        let u = c as u32;
        if u < 0x80 {
            out.push(c.to_ascii_lowercase());
        } else if (0x0600..=0x06FF).contains(&u) {
            match ARABIC_ACTIONS[(u - 0x0600) as usize] {
                ArabicAction::Keep => out.push(c),
                ArabicAction::Drop => {}
                ArabicAction::Map(m) => out.push(m),
                ArabicAction::Slow => return false,
            }
        } else {
            match c {
                '\u{00A0}'
                | '\u{00AB}'
                | '\u{00BB}'
                | '\u{2013}'
                | '\u{2014}'
                | '\u{2018}'..='\u{201D}'
                | '\u{2026}' => out.push(c),
                '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2060}'
                | '\u{FEFF}'
                | '\u{00AD}' => {}
                _ => return false,
            }
        }
    }
    true
}

/// Normalize one character under the search profile if it maps to exactly one
/// character without context (letters, digits); `None` if it is removed.
/// Useful for hot loops over already-clean text.
#[inline]
pub fn fold_search_char(c: char) -> Option<char> {
    if is_haraka(c) || is_quranic_mark(c) || c == TATWEEL || is_invisible(c) {
        return None;
    }
    Some(fold_search(c))
}

trait Sink {
    fn push(&mut self, c: char, origin: usize);
    /// Whether the caller needs the original length (an extra pass over the input).
    const NEEDS_LEN: bool;
}

struct MapSink {
    text: String,
    starts: Vec<u32>,
}

impl Sink for MapSink {
    const NEEDS_LEN: bool = true;

    #[inline]
    fn push(&mut self, c: char, origin: usize) {
        self.text.push(c);
        self.starts.push(origin as u32);
    }
}

struct StrSink(String);

impl Sink for StrSink {
    const NEEDS_LEN: bool = false;

    #[inline]
    fn push(&mut self, c: char, _origin: usize) {
        self.0.push(c);
    }
}

/// Characters that need no NFKC work and never compose with a neighbour.
#[inline]
fn is_simple(c: char) -> bool {
    c.is_ascii()
        || matches!(c, '\u{0621}'..='\u{063F}' | '\u{0641}'..='\u{064A}' | '\u{0660}'..='\u{066D}' | '\u{060C}' | '\u{061B}' | '\u{061F}' | '\u{00A0}' | '\u{00AB}' | '\u{00BB}' | '\u{2013}' | '\u{2014}' | '\u{2018}'..='\u{201D}' | '\u{2026}')
}

/// Removed before anything else, so that what they separate can compose.
#[inline]
fn drop_early(c: char, profile: Profile) -> bool {
    c == TATWEEL
        || is_invisible(c)
        || (profile == Profile::Search && (is_haraka(c) || is_quranic_mark(c)))
}

/// Does `c` start a new cluster, or attach to (compose/reorder with) the previous one?
#[inline]
fn attaches(c: char) -> bool {
    !is_simple(c)
        && (canonical_combining_class(c) != 0
            || is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes)
}

/// Search folding of one character. The Arabic block goes through the same table
/// as the fast path ([`ARABIC_ACTIONS`]), so the two can never disagree.
#[inline]
fn fold_search(c: char) -> char {
    let u = c as u32;
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        _ if c.is_ascii() => c,
        _ if (0x0600..=0x06FF).contains(&u) => match ARABIC_ACTIONS[(u - 0x0600) as usize] {
            ArabicAction::Map(m) => m,
            _ => c,
        },
        // Only scripts with case need the (table) lookup; Arabic has none.
        _ if has_case(c) && c.is_uppercase() => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
        _ => c,
    }
}

/// Blocks of scripts with letter case (Latin, Greek, Cyrillic, Armenian,
/// Georgian, extended Latin/Greek, full-width Latin, Deseret...).
#[inline]
fn has_case(c: char) -> bool {
    matches!(c as u32, 0x80..=0x058F | 0x10A0..=0x10FF | 0x1C80..=0x1CBF | 0x1E00..=0x1FFF | 0x2100..=0x218F | 0x24B6..=0x24E9 | 0x2C00..=0x2D2F | 0xA640..=0xA7FF | 0xFF21..=0xFF5A | 0x10400..=0x1044F | 0x1E900..=0x1E943)
}

/// Emit one character produced by NFKC; returns true if it was removed (which may
/// require a second pass for idempotence).
#[inline]
fn emit<S: Sink>(c: char, origin: usize, profile: Profile, sink: &mut S) -> bool {
    if drop_early(c, profile) {
        return true;
    }
    match profile {
        Profile::Search => sink.push(fold_search(c), origin),
        Profile::Display => sink.push(c, origin),
    }
    false
}

/// One normalization pass. Returns the original length in code points and whether
/// a second pass is needed.
fn run<S: Sink>(input: &str, profile: Profile, sink: &mut S) -> (usize, bool) {
    let mut chars = input
        .chars()
        .enumerate()
        .filter(|&(_, c)| !drop_early(c, profile))
        .peekable();
    let mut again = false;
    let mut cluster: Vec<(usize, char)> = Vec::new();
    let mut buf = String::new();
    while let Some((i, c)) = chars.next() {
        let next_attaches = matches!(chars.peek(), Some(&(_, n)) if attaches(n));
        if is_simple(c) && !next_attaches {
            match profile {
                Profile::Search => sink.push(fold_search(c), i),
                Profile::Display => sink.push(c, i),
            }
            continue;
        }
        cluster.clear();
        cluster.push((i, c));
        while let Some(&(j, n)) = chars.peek() {
            if !attaches(n) {
                break;
            }
            cluster.push((j, n));
            chars.next();
        }
        let unchanged = is_nfkc_quick(cluster.iter().map(|&(_, c)| c)) == IsNormalized::Yes || {
            buf.clear();
            buf.extend(cluster.iter().map(|&(_, c)| c).nfkc());
            buf.chars().eq(cluster.iter().map(|&(_, c)| c))
        };
        if profile == Profile::Search && cluster.len() > 1 {
            // Lower-casing a base letter can make it compose with its marks (J̌ → ǰ).
            again |= cluster
                .iter()
                .any(|&(_, c)| c.is_uppercase() && fold_search(c) != c);
        }
        if unchanged {
            // Keep the exact per-character map.
            for &(j, c) in &cluster {
                again |= emit(c, j, profile, sink);
            }
        } else {
            // A composed or decomposed cluster maps as a whole to its start.
            for c in buf.chars() {
                again |= emit(c, i, profile, sink);
            }
        }
    }
    let len = if S::NEEDS_LEN {
        input.chars().count()
    } else {
        0
    };
    (len, again)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> String {
        normalize_str(x, Profile::Search)
    }
    fn d(x: &str) -> String {
        normalize_str(x, Profile::Display)
    }

    #[test]
    fn search_folds_letters() {
        assert_eq!(s("أإآٱ"), "اااا");
        assert_eq!(s("مستشفى"), "مستشفي");
        assert_eq!(s("مدرسة"), "مدرسه");
        assert_eq!(s("مؤتمر"), "موتمر");
        assert_eq!(s("رئيس"), "رييس");
        assert_eq!(s("ایران کابل"), "ايران كابل");
    }

    #[test]
    fn search_strips_marks_and_tatweel() {
        assert_eq!(s("مُحَمَّدٌ"), "محمد");
        assert_eq!(s("هٰذا"), "هذا");
        assert_eq!(s("جـــميل"), "جميل");
        assert_eq!(s("a\u{200F}b\u{200B}c\u{202B}d\u{2069}"), "abcd");
    }

    #[test]
    fn search_digits_and_presentation_forms() {
        assert_eq!(s("٢٠١٨ ۱۳۹۷"), "2018 1397");
        // Lam-alef ligatures and presentation forms go through NFKC.
        assert_eq!(s("\u{FEFB}"), "لا");
        assert_eq!(s("\u{FEF7}"), "لا");
        assert_eq!(s("\u{FE8D}\u{FEDF}\u{FEE4}\u{FEE0}\u{FEDC}"), "الملك");
        assert_eq!(s("Gaza ÉTÉ"), "gaza été");
    }

    #[test]
    fn display_keeps_spelling() {
        assert_eq!(d("مُحَمَّدٌ"), "مُحَمَّدٌ");
        assert_eq!(d("أحمد ـ مستشفى"), "أحمد  مستشفى");
        assert_eq!(d("\u{FEFB}\u{200F}"), "لا");
        // A decomposed hamza composes even when a tatweel separated it.
        assert_eq!(d("ا\u{0640}\u{0654}"), "أ");
        assert_eq!(d("١٢"), "١٢");
    }

    #[test]
    fn idempotent_examples() {
        for x in [
            "ﻷ ﹱ ب\u{0651}\u{FE71}",
            "ﷺ ﷲ",
            "e\u{0301}\u{0640}\u{0301}",
            "\u{1100}\u{200B}\u{1161}",
        ] {
            for p in Profile::ALL {
                let once = normalize_str(x, p);
                assert_eq!(normalize_str(&once, p), once, "{p:?} {x:?}");
                assert_eq!(normalize(x, p).text, once);
            }
        }
    }

    #[test]
    fn offsets_map_back() {
        let src = "وَقَالَ الرَّئِيسُ: \u{FEFB} ٢٠١٨";
        let n = normalize(src, Profile::Search);
        assert_eq!(n.text, "وقال الرييس: لا 2018");
        let orig: Vec<char> = src.chars().collect();
        let (a, b) = n.original_span(5, 11);
        let piece: String = orig[a..b].iter().collect();
        assert_eq!(piece, "الرَّئِيسُ");
        let (a, b) = n.original_span(13, 14);
        assert_eq!(orig[a..b].iter().collect::<String>(), "\u{FEFB}");
        assert_eq!(n.original_span(0, n.char_len()), (0, orig.len()));
    }
}
