//! Spelling-variant matching for names.
//!
//! Arabic news spells a foreign name many ways (`نتنياهو`/`نتانياهو`,
//! `زيلينسكي`/`زيلنسكي`, `أشكنازي`/`أسكنازي`, `سيرغي`/`سيرجي`) and writes the same
//! family name with or without the article (`العطية`/`عطية`). Native Arabic names, on
//! the other hand, differ by exactly such small edits (`سعيد`/`سعد`, `محمود`/`محمد`),
//! so a match is a *weighted* edit distance under a threshold that grows with the
//! length of the name: the cheap edits are the ones transliteration produces (a long
//! vowel letter written or not, letters that render the same foreign sound), and short
//! names must match exactly after normalization. Over-merging is worse than
//! under-merging: the thresholds were set on a development split of the
//! transliteration pairs for precision first (see [`crate::eval`]).
//!
//! That hand rule ([`same_token_at`]) found only half the variants of names the
//! romanizer has not seen. [`same_token`] now uses a **learned** matcher
//! ([`same_token_learned`]): logistic regressions over the edits that align two
//! spellings and over the romanizer's evidence, fitted on the development pairs only
//! (`examples/train_variants.rs` writes `variant_weights.rs`), with the threshold set
//! for precision on hard negatives ≥ 0.97 and no more false merges among similar
//! names than the hand rule. Pairs of names the romanizer's dictionary attests keep
//! the hand rule, and every accepted pair shares a [`blocking_keys`] key, so the
//! registry's blocking never hides a match.

use crate::variant_weights as weights;
use marsad_text::normalize::{normalize_str, Profile};

/// A name token folded for comparison: search-normalized (hamza forms, `ى`, `ة`,
/// diacritics), `ابن` → `بن`, `له` (from `لله`) → `الله`. The article stays: [`same_token`] tries the name
/// without it when only one side has it.
pub fn fold_token(token: &str) -> String {
    let s = normalize_str(token, Profile::Search);
    match s.as_str() {
        "ابن" => "بن".to_string(),
        // `لله` is `ل` + `الله` with the article's alef and lam merged into one.
        "له" => "الله".to_string(),
        _ => s,
    }
}

/// The token without a leading article, when enough of the name remains.
fn strip_article(s: &str) -> Option<&str> {
    let rest = s.strip_prefix("ال")?;
    (rest.chars().count() >= 3).then_some(rest)
}

/// `short` is `full` (with the article) without the article's alef: the name's
/// mention behind the preposition `ل` (`للعراق` → `لعراق`).
fn elided_article(full: &str, short: &str) -> bool {
    full.strip_prefix('ا')
        .is_some_and(|rest| rest == short && rest.starts_with('ل') && rest.chars().count() >= 4)
}

/// Name tokens folded for comparison, with compound names joined (`عبد الله` →
/// `عبدالله`, `أبو زيد` → `ابوزيد`) so both spellings compare equal.
pub fn fold_name(name: &str) -> Vec<String> {
    let raw: Vec<String> = name
        .split(|c: char| c.is_whitespace() || c == '-' || c == '\u{2010}')
        // Punctuation a mention's span caught (`محمد)`, `سعود..`) is no part of it.
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|t| !t.is_empty())
        .map(|t| normalize_str(t, Profile::Search))
        .filter(|t| t.chars().any(|c| c.is_alphanumeric()))
        .collect();
    let mut out: Vec<String> = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let t = &raw[i];
        if matches!(t.as_str(), "عبد" | "ابو" | "ابي" | "ابا" | "ال") && i + 1 < raw.len()
        {
            // `آل` (a house, `آل سعود`) folds to `ال`, but is not the article: `سعود`
            // alone is not the house.
            let head = match t.as_str() {
                "ابي" | "ابا" => "ابو",
                "ال" => "آل",
                _ => t,
            };
            out.push(format!("{head}{}", raw[i + 1]));
            i += 2;
            continue;
        }
        out.push(fold_token(t));
        i += 1;
    }
    out
}

/// The last `n` tokens of a folded name follow `بن`/`بنت`: they name a father or an
/// ancestor (`سلمان بن عبدالعزيز` in `محمد بن سلمان بن عبدالعزيز`), not the person.
pub fn follows_bin(full: &[String], n: usize) -> bool {
    full.len() > n && matches!(full[full.len() - n - 1].as_str(), "بن" | "بنت")
}

/// `part` is `full` cut at a link of its lineage: `محمد بن سلمان` of `محمد بن سلمان بن
/// عبدالعزيز` or of `محمد بن سلمان آل سعود`, `عبدالله الثاني` of `عبدالله الثاني بن
/// الحسين` — the same person named with fewer ancestors.
pub fn lineage_prefix(part: &[String], full: &[String], same: impl Fn(&str, &str) -> bool) -> bool {
    part.len() >= 2
        && part.len() < full.len()
        // `X بن Y`, or a ruler's `X الثاني` (of `عبدالله الثاني بن الحسين`).
        && (part.len() >= 3 && part[1] == "بن"
            || marsad_text::key::regnal_number(&part[part.len() - 1]).is_some())
        && (matches!(full[part.len()].as_str(), "بن" | "بنت") || full[part.len()].starts_with("آل"))
        && part.iter().zip(full).all(|(a, b)| same(a, b))
}

/// Cost of substituting `a` by `b` (equal letters cost 0).
fn sub_cost(a: char, b: char) -> f32 {
    if a == b {
        return 0.0;
    }
    let pair = |x: char, y: char| (a == x && b == y) || (a == y && b == x);
    // Letters that render the same foreign sound, or are confused in transliteration.
    const CLOSE: &[(char, char)] = &[
        ('س', 'ش'),
        ('س', 'ص'),
        ('ت', 'ط'),
        ('د', 'ض'),
        ('ز', 'ذ'),
        ('ز', 'ظ'),
        ('ذ', 'ظ'),
        ('ث', 'س'),
        ('ث', 'ت'),
        ('ك', 'ق'),
        ('غ', 'ج'),
        ('غ', 'ك'),
        ('ج', 'ك'),
        ('ف', 'ڤ'),
        ('ب', 'پ'),
        ('ك', 'گ'),
        ('ج', 'چ'),
        ('ه', 'ح'),
        ('خ', 'ك'),
        ('خ', 'ج'),
        ('خ', 'ه'),
        ('ز', 'س'),
    ];
    // `أشكنازي`/`أسكنازي`: the commonest consonant variant, cheaper than the rest.
    if pair('س', 'ش') {
        return 0.4;
    }
    if CLOSE.iter().any(|&(x, y)| pair(x, y)) {
        return 0.5;
    }
    // Short vowels written with different long-vowel letters (`ديفيد`/`دافيد`).
    if is_vowel_letter(a) && is_vowel_letter(b) {
        return 0.8;
    }
    1.0
}

fn is_vowel_letter(c: char) -> bool {
    matches!(c, 'ا' | 'و' | 'ي')
}

/// Cost of inserting or deleting `c` at position `pos` of `word`; `vowel` is the cost
/// of a long-vowel letter inside the word.
fn indel_cost(word: &[char], pos: usize, vowel: f32) -> f32 {
    let (c, len) = (word[pos], word.len());
    // A doubled letter written once (`فيلليغاس`/`فيليغاس`).
    if pos > 0 && word[pos - 1] == c {
        return 0.4;
    }
    // A written or unwritten long vowel inside a foreign name is the commonest variant;
    // at the start it changes the name.
    // A final letter changes the name (`الرشيد`/`الرشيدي`), except the silent `ه`/`ء`
    // of `ة`/`اء` endings.
    if pos + 1 >= len {
        return if c == 'ه' || c == 'ء' { 0.4 } else { 1.0 };
    }
    if is_vowel_letter(c) && pos > 0 {
        return vowel;
    }
    1.0
}

/// Weighted edit distance between two folded tokens.
pub fn distance(a: &str, b: &str) -> f32 {
    distance_with(a, b, VOWEL_INDEL)
}

/// A long vowel written or not inside a longer name (`نتنياهو`/`نتانياهو`).
const VOWEL_INDEL: f32 = 0.4;
/// In names of up to five letters a long vowel tells names apart (`سلمان`/`سليمان`,
/// `محمد`/`محمود`): it costs more than any threshold for that length.
const SHORT_VOWEL_INDEL: f32 = 1.0;

fn distance_with(a: &str, b: &str, vowel: f32) -> f32 {
    if a == b {
        return 0.0;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    let mut prev: Vec<f32> = Vec::with_capacity(m + 1);
    prev.push(0.0);
    for j in 0..m {
        prev.push(prev[j] + indel_cost(&b, j, vowel));
    }
    let mut cur = vec![0.0f32; m + 1];
    for i in 0..n {
        cur[0] = prev[0] + indel_cost(&a, i, vowel);
        for j in 0..m {
            let del = prev[j + 1] + indel_cost(&a, i, vowel);
            let ins = cur[j] + indel_cost(&b, j, vowel);
            let sub = prev[j] + sub_cost(a[i], b[j]);
            cur[j + 1] = del.min(ins).min(sub);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[m]
}

/// Largest weighted distance accepted between two tokens, by the length of the
/// shorter one: 4–5 letters, 6–7 letters, 8 or more (up to 3 letters: exact only).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds(pub [f32; 3]);

/// Tuned on the development split (see [`crate::eval`]).
pub const THRESHOLDS: Thresholds = Thresholds([0.5, 0.4, 1.0]);

impl Thresholds {
    fn at(&self, len: usize) -> f32 {
        match len {
            0..=3 => 0.0,
            4..=5 => self.0[0],
            6..=7 => self.0[1],
            _ => self.0[2],
        }
    }
}

/// Whether two folded tokens are spellings of the same name, by the learned matcher
/// ([`same_token_learned`] at the generated threshold), memoized per thread.
pub fn same_token(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    // The registry compares the same pairs of name tokens over and over (a common
    // given name against every registered one): memoize the verdicts per thread.
    use std::cell::RefCell;
    use std::collections::HashMap;
    type Memo = HashMap<u128, bool, std::hash::BuildHasherDefault<PairHasher>>;
    thread_local! {
        static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
    }
    const CAP: usize = 1 << 18;
    let (ha, hb) = (
        xxhash_rust::xxh3::xxh3_64(a.as_bytes()),
        xxhash_rust::xxh3::xxh3_64(b.as_bytes()),
    );
    // The relation is symmetric: order the pair.
    let key = (u128::from(ha.min(hb)) << 64) | u128::from(ha.max(hb));
    if let Some(&v) = MEMO.with(|m| m.borrow().get(&key).copied()).as_ref() {
        return v;
    }
    let v = same_token_learned(a, b, weights::THRESHOLD);
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= CAP {
            m.clear();
        }
        m.insert(key, v);
    });
    v
}

/// Hasher for keys that are already xxh3 hashes.
#[derive(Default)]
struct PairHasher(u64);

impl std::hash::Hasher for PairHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u128(&mut self, n: u128) {
        self.0 = (n as u64) ^ ((n >> 64) as u64).rotate_left(29);
    }
}

/// The hand rule (the matcher before the learned one, still used for two names the
/// romanizer's dictionary attests): close enough as Arabic spellings *and* romanized
/// alike (same Latin consonant skeleton), or romanized identically (`ترمب`/`ترامب` →
/// `trump`). The romanizer knows which letters vary in transliteration; requiring both
/// cuts false merges by half at a small cost in recall, and the exact-romanization
/// rule recovers short variants (see [`crate::eval`]). Explicit thresholds for tuning.
pub fn same_token_at(a: &str, b: &str, t: &Thresholds) -> bool {
    if a == b {
        return true;
    }
    // The romanizer's guesses for Arabic words are too loose to join them
    // (`الاتحاد`/`الالحاد` both come out as `had`): their spelling decides.
    if looks_native(a) || looks_native(b) {
        return same_token_with(a, b, t);
    }
    let (la, lb) = (romanized(a), romanized(b));
    if la.is_empty() || lb.is_empty() {
        return same_token_with(a, b, t);
    }
    if la == lb {
        return true;
    }
    same_token_with(a, b, t) && agreement_key(&la) == agreement_key(&lb)
}

/// The Latin skeleton with `sh` and `s` merged: Arabic writes foreign `sh` either way
/// (`أشكنازي`/`أسكنازي`).
pub fn agreement_key(latin: &str) -> String {
    latin_skeleton(latin).replace('S', "s")
}

/// The token romanized (dictionary, else learned model), memoized per thread. The
/// registry compares a name with thousands of candidates: the cache is hashed
/// with xxh3 and hands out shared strings, not copies.
pub fn romanized(token: &str) -> std::rc::Rc<str> {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::rc::Rc;
    type Cache = HashMap<Box<str>, Rc<str>, xxhash_rust::xxh3::Xxh3DefaultBuilder>;
    thread_local! {
        static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
    }
    if !token.chars().any(marsad_text::chars::is_arabic_letter) {
        return Rc::from("");
    }
    CACHE.with(|c| {
        if let Some(r) = c.borrow().get(token) {
            return Rc::clone(r);
        }
        let r: Rc<str> = Rc::from(marsad_latin::Romanizer::builtin().romanize_person_word(token));
        let mut c = c.borrow_mut();
        if c.len() > 200_000 {
            c.clear();
        }
        c.insert(Box::from(token), Rc::clone(&r));
        r
    })
}

/// The Arabic-spelling half of [`same_token`], with explicit thresholds (for tuning).
pub fn same_token_with(a: &str, b: &str, t: &Thresholds) -> bool {
    if a == b {
        return true;
    }
    // `للعراق` is `ل` + `العراق` with the article's alef dropped, so its mention
    // reads `لعراق`.
    if elided_article(a, b) || elided_article(b, a) {
        return true;
    }
    // `العطية` / `عطية`: a family name with and without the article.
    match (strip_article(a), strip_article(b)) {
        (Some(x), None) if b.chars().count() >= 4 => return same_letters(x, b, t),
        (None, Some(y)) if a.chars().count() >= 4 => return same_letters(a, y, t),
        _ => {}
    }
    same_letters(a, b, t)
}

/// Letters that foreign names rarely use: a word with one of them, or with the
/// article, is most likely an Arabic word or name, where long vowels and emphatic
/// letters tell names apart (`الراشد`/`الرشيد`, `النصر`/`الانصار`,
/// `الزهراني`/`الشهراني`). Neither the learned matcher, whose weights come from foreign
/// names where long vowels come and go, nor the romanizer, which reads different
/// Arabic words alike (`الاتحاد`/`الالحاد` → `had`), judges such a word,
/// unless it is a foreign word made Arabic ([`foreign_with_article`]).
fn looks_native(s: &str) -> bool {
    s.starts_with("ال") || s.chars().any(|c| matches!(c, 'ع' | 'ح' | 'ص' | 'ض' | 'ظ'))
}

/// Two words with the article that look like one foreign word made Arabic
/// (`الأوروبي`/`الأوربي`, `السوفيتي`/`السوفييتي`, `الدانمارك`/`الدنمارك`): long stems
/// without native letters that start alike. Different Arabic names of that length
/// mostly differ in their first letter (`الزهراني`/`الشهراني`, `الغذامي`/`القذافي`).
fn foreign_with_article(a: &str, b: &str) -> bool {
    fn stem(s: &str) -> Option<&str> {
        s.strip_prefix("ال")
            .filter(|r| r.chars().count() >= 5 && !looks_native(r))
    }
    matches!((stem(a), stem(b)), (Some(x), Some(y)) if x.chars().next() == y.chars().next())
}

fn same_letters(a: &str, b: &str, t: &Thresholds) -> bool {
    if a == b {
        return true;
    }
    if looks_native(a) || looks_native(b) {
        // Only the silent endings (`عطية`/`عطيه` already fold together) may differ.
        return false;
    }
    let la = a.chars().count();
    let lb = b.chars().count();
    let short = la.min(lb);
    if la.abs_diff(lb) > 2 {
        return false;
    }
    // The first letter carries the most information; it may only change within a
    // class of close letters.
    if let (Some(x), Some(y)) = (a.chars().next(), b.chars().next()) {
        if x != y && (is_vowel_letter(x) || is_vowel_letter(y) || sub_cost(x, y) >= 1.0) {
            return false;
        }
    }
    let vowel = if short <= 5 {
        SHORT_VOWEL_INDEL
    } else {
        VOWEL_INDEL
    };
    distance_with(a, b, vowel) <= t.at(short) + 1e-4
}

// ---------------------------------------------------------------------------------
// The learned matcher.
//
// The hand rule above misses most transliteration variants (`كومستاك`/`كومستوك`,
// `جوليانو`/`غوليانو`, `فريرو`/`فيريرو`): which edits are harmless depends on the letter,
// its position and the length of the name, more than a few hand-set costs can say. The
// learned matcher aligns the two spellings (with the hand costs above, which only pick
// the alignment), describes each of at most two edits by its letters, position and
// kind, and scores the pair in two stages, both logistic regressions fitted on the
// development split of the transliteration pairs only (see [`crate::eval`]):
//
// 1. a *spelling score* over those sparse edit features plus length, article and
//    native-letter features — in effect a learned edit cost per letter pair and
//    position, fitted on all development pairs (4k positives, 105k similar negatives);
// 2. a combination of the spelling score with the romanizer's evidence (identical
//    romanizations, Latin consonant skeletons that agree, Latin distance), fitted on
//    the development pairs the romanizer has never seen, with out-of-fold spelling
//    scores so that it does not over-trust them.
//
// The weights and the decision threshold are generated constants
// (`variant_weights.rs`, written by `cargo run --release -p marsad-entities --example
// train_variants`); the threshold is the lowest that keeps development precision on
// hard negatives ≥ 0.97 and the false-merge rate on all similar negatives no worse than
// the hand rule's.

/// Letters of folded tokens with their own learned costs; any other character shares
/// the last index.
const ALPHABET: [char; 33] = [
    'ا', 'ب', 'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'ذ', 'ر', 'ز', 'س', 'ش', 'ص', 'ض', 'ط', 'ظ', 'ع', 'غ',
    'ف', 'ق', 'ك', 'ل', 'م', 'ن', 'ه', 'و', 'ي', 'ء', 'پ', 'چ', 'ڤ', 'گ',
];
const NL: usize = ALPHABET.len() + 1;

fn letter_index(c: char) -> usize {
    ALPHABET.iter().position(|&x| x == c).unwrap_or(NL - 1)
}

/// Layout of the spelling features: bias, substituted letter pairs (unordered),
/// inserted/deleted letters by position (initial, inside, final), then classes.
const F_SUB: usize = 1;
const F_INDEL: usize = F_SUB + NL * NL;
const F_CLASS: usize = F_INDEL + NL * 3;
/// Number of spelling features.
pub const N_SPELLING: usize = F_CLASS + 80;
/// Number of combination features (see [`combine_features`]).
pub const N_COMBINE: usize = 13;

// Class features, offsets from F_CLASS.
const C_SUB: usize = 0; // + kind (vowel–vowel, vowel–consonant, consonant) × 3 + position
const C_INDEL_VOWEL: usize = 9; // + position × 2 + short
const C_INDEL_CONS: usize = 15; // + position
const C_INDEL_DOUBLED: usize = 18;
const C_INDEL_NEAR_VOWEL: usize = 19;
const C_SUB_SHORT: usize = 20;
const C_LEN: usize = 21; // + length bucket (7)
const C_TWO_LEN: usize = 28; // + length bucket (7)
const C_LEN_DIFF: usize = 35; // + 0..=2
const C_NATIVE: usize = 38;
const C_NATIVE_EDIT: usize = 39;
const C_ARTICLE: usize = 40;
const C_FIRST: usize = 41;
const C_ADJACENT: usize = 42;
const C_NO_EDIT: usize = 43;
const C_INDEL_SHORT: usize = 44;
const C_INDEL_CONTEXT: usize = 45; // + vowel letter (3) × left (3) × right (3)
const C_SUB_CONTEXT: usize = 72; // + kind of both neighbours (vowel letters or not)

#[derive(Clone, Copy, Debug, PartialEq)]
enum Edit {
    /// `(a[i], b[j])`, position class in `a`.
    Sub(char, char, usize, usize),
    /// Letter, its position class, and its index in its word (which word: `in_a`).
    Indel(char, usize, usize, bool),
}

fn position_class(i: usize, len: usize) -> usize {
    if i == 0 {
        0
    } else if i + 1 >= len {
        2
    } else {
        1
    }
}

fn length_bucket(len: usize) -> usize {
    len.clamp(3, 9) - 3
}

/// The edits of the cheapest alignment of `a` and `b` under the hand costs, or
/// `None` when there are more than two.
fn edits(a: &[char], b: &[char]) -> Option<([Edit; 2], usize)> {
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > 2 {
        return None;
    }
    // The fewest edits first (an edit costs 10), the hand costs among those.
    let indel = |w: &[char], i: usize| 10.0 + indel_cost(w, i, VOWEL_INDEL);
    let sub = |x: char, y: char| if x == y { 0.0 } else { 10.0 + sub_cost(x, y) };
    let w = m + 1;
    let mut d = vec![0.0f32; (n + 1) * w];
    for j in 0..m {
        d[j + 1] = d[j] + indel(b, j);
    }
    for i in 0..n {
        d[(i + 1) * w] = d[i * w] + indel(a, i);
        for j in 0..m {
            let del = d[i * w + j + 1] + indel(a, i);
            let ins = d[(i + 1) * w + j] + indel(b, j);
            let s = d[i * w + j] + sub(a[i], b[j]);
            d[(i + 1) * w + j + 1] = del.min(ins).min(s);
        }
    }
    let mut out = [Edit::Sub(' ', ' ', 0, 0); 2];
    let mut k = 0;
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let here = d[i * w + j];
        let e = if i > 0 && j > 0 && here == d[(i - 1) * w + j - 1] + sub(a[i - 1], b[j - 1]) {
            i -= 1;
            j -= 1;
            if a[i] == b[j] {
                continue;
            }
            Edit::Sub(a[i], b[j], position_class(i, n), i)
        } else if i > 0 && here == d[(i - 1) * w + j] + indel(a, i - 1) {
            i -= 1;
            Edit::Indel(a[i], position_class(i, n), i, true)
        } else {
            j -= 1;
            Edit::Indel(b[j], position_class(j, m), j, false)
        };
        if k == 2 {
            return None;
        }
        out[k] = e;
        k += 1;
    }
    Some((out, k))
}

/// The spelling features of two folded tokens (indices below [`N_SPELLING`], each
/// present once or more), or `false` when they are more than two edits apart. A
/// family name with the article on one side only is compared without it.
pub fn spelling_features(a: &str, b: &str, mut f: impl FnMut(usize)) -> bool {
    let mut article = false;
    let (a, b) = match (strip_article(a), strip_article(b)) {
        (Some(x), None) if b.chars().count() >= 4 => {
            article = true;
            (x, b)
        }
        (None, Some(y)) if a.chars().count() >= 4 => {
            article = true;
            (a, y)
        }
        _ => (a, b),
    };
    let ac: Vec<char> = a.chars().collect();
    let bc: Vec<char> = b.chars().collect();
    let Some((ops, k)) = edits(&ac, &bc) else {
        return false;
    };
    let short = ac.len().min(bc.len());
    let is_short = usize::from(short <= 5);
    f(0);
    f(F_CLASS + C_LEN + length_bucket(short));
    f(F_CLASS + C_LEN_DIFF + ac.len().abs_diff(bc.len()));
    if k == 2 {
        f(F_CLASS + C_TWO_LEN + length_bucket(short));
        let at = |e: &Edit| match *e {
            Edit::Sub(_, _, _, i) => (i, true),
            Edit::Indel(_, _, i, in_a) => (i, in_a),
        };
        let ((i, x), (j, y)) = (at(&ops[0]), at(&ops[1]));
        if i.abs_diff(j) <= 1 && (x == y || i.abs_diff(j) == 0) {
            f(F_CLASS + C_ADJACENT);
        }
    }
    if k == 0 {
        f(F_CLASS + C_NO_EDIT);
    }
    if article {
        f(F_CLASS + C_ARTICLE);
    }
    if looks_native(a) || looks_native(b) {
        f(F_CLASS + C_NATIVE);
        if k > 0 {
            f(F_CLASS + C_NATIVE_EDIT);
        }
    }
    if ac.first() != bc.first() {
        f(F_CLASS + C_FIRST);
    }
    for e in &ops[..k] {
        match *e {
            Edit::Sub(x, y, pos, _) => {
                let (p, q) = (letter_index(x), letter_index(y));
                f(F_SUB + p.min(q) * NL + p.max(q));
                let kind = match (is_vowel_letter(x), is_vowel_letter(y)) {
                    (true, true) => 0,
                    (false, false) => 2,
                    _ => 1,
                };
                f(F_CLASS + C_SUB + kind * 3 + pos);
                if is_short == 1 {
                    f(F_CLASS + C_SUB_SHORT);
                }
                let i = match *e {
                    Edit::Sub(_, _, _, i) => i,
                    Edit::Indel(..) => 0,
                };
                let vowel_near = i.checked_sub(1).is_some_and(|p| is_vowel_letter(ac[p]))
                    || ac.get(i + 1).copied().is_some_and(is_vowel_letter);
                f(F_CLASS + C_SUB_CONTEXT + usize::from(vowel_near) * 3 + kind);
            }
            Edit::Indel(c, pos, i, in_a) => {
                let word = if in_a { &ac } else { &bc };
                f(F_INDEL + letter_index(c) * 3 + pos);
                if is_vowel_letter(c) {
                    f(F_CLASS + C_INDEL_VOWEL + pos * 2 + is_short);
                } else {
                    f(F_CLASS + C_INDEL_CONS + pos);
                }
                let before = i.checked_sub(1).map(|p| word[p]);
                let after = word.get(i + 1).copied();
                if before == Some(c) || after == Some(c) {
                    f(F_CLASS + C_INDEL_DOUBLED);
                }
                if before.is_some_and(is_vowel_letter) || after.is_some_and(is_vowel_letter) {
                    f(F_CLASS + C_INDEL_NEAR_VOWEL);
                }
                if is_short == 1 {
                    f(F_CLASS + C_INDEL_SHORT);
                }
                // A long vowel between consonants, next to another vowel, at an edge.
                let class = |c: Option<char>| match c {
                    None => 0,
                    Some(c) if is_vowel_letter(c) => 1,
                    Some(_) => 2,
                };
                if let Some(v) = ['ا', 'و', 'ي'].iter().position(|&x| x == c) {
                    f(F_CLASS + C_INDEL_CONTEXT + v * 9 + class(before) * 3 + class(after));
                }
            }
        }
    }
    true
}

/// The learned spelling score (a log-odds) of two folded tokens, or `None` when they
/// are more than two edits apart.
pub fn spelling_score(a: &str, b: &str) -> Option<f32> {
    let mut s = 0.0f32;
    spelling_features(a, b, |i| s += weights::SPELLING[i]).then_some(s)
}

/// Features of the second stage: bias, the spelling score, the romanizer's evidence —
/// identical romanizations, agreeing Latin consonant skeletons, Latin skeletons one or
/// more edits apart, the Latin edit distance relative to length, a missing
/// romanization, and the spelling score where the skeletons agree or are far apart —
/// and the cross readings ([`cross_readings`]): how much worse each spelling reads
/// as the other's romanization than as its own, the better and the worse of the two,
/// and whether neither can be read so.
pub fn combine_features(spelling: f32, a: &str, b: &str, la: &str, lb: &str) -> [f32; N_COMBINE] {
    let mut x = [0.0f32; N_COMBINE];
    x[0] = 1.0;
    x[1] = spelling;
    if la.is_empty() || lb.is_empty() {
        x[7] = 1.0;
        return x;
    }
    x[2] = f32::from(u8::from(la == lb));
    let (ka, kb) = (agreement_key(la), agreement_key(lb));
    x[3] = f32::from(u8::from(ka == kb));
    let kd = char_levenshtein(&ka, &kb);
    x[4] = f32::from(u8::from(kd == 1));
    x[5] = f32::from(u8::from(kd >= 2));
    let ld = char_levenshtein(la, lb);
    x[6] = ld as f32 / la.chars().count().max(lb.chars().count()) as f32;
    // How much the spelling score counts depends on whether the romanizer agrees.
    x[8] = spelling * x[3];
    x[9] = spelling * x[5];
    match cross_readings(a, b, la, lb) {
        (None, None) => x[12] = 1.0,
        (da, db) => {
            // A spelling that cannot be read as the other's romanization counts as
            // the worst deficit.
            let (da, db) = (da.unwrap_or(-CROSS_CAP), db.unwrap_or(-CROSS_CAP));
            x[10] = da.max(db) / CROSS_CAP;
            x[11] = da.min(db) / CROSS_CAP;
        }
    }
    x
}

/// The largest cross-reading deficit a feature sees (in nats).
const CROSS_CAP: f32 = 20.0;

/// How readily each spelling reads as the other's romanization: the romanizer's
/// score for writing `a` as `lb`, less its score for its own best reading of `a`
/// (≤ 0 up to search error, capped at −[`CROSS_CAP`]), and the same for `b` as `la`;
/// `None` where the beam finds no such reading. Two spellings of one name read as
/// each other's romanization almost as well as their own (`ماركوفيتش` as
/// `markovich`), different names do not.
pub fn cross_readings(a: &str, b: &str, la: &str, lb: &str) -> (Option<f32>, Option<f32>) {
    let model = marsad_latin::Romanizer::builtin().model();
    let read = |w: &str, latin: &str| -> Option<f32> {
        let latin = marsad_latin::model::fold_latin(latin);
        let own = model.best_score(w)?;
        let forced = model.forced_score(w, &latin)?;
        Some((forced - own).clamp(-CROSS_CAP, 0.0))
    };
    (read(a, lb), read(b, la))
}

/// Plain Levenshtein distance in code points.
pub(crate) fn char_levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Whether the romanizer's dictionary has the token (a name attested in the data).
fn attested(token: &str) -> bool {
    marsad_latin::Romanizer::builtin().lookup(token).is_some()
}

/// The learned matcher's log-odds that two folded tokens are one name, or `None`
/// when they are more than two edits apart.
pub fn learned_score(a: &str, b: &str) -> Option<f32> {
    let s = spelling_score(a, b)?;
    let (la, lb) = (romanized(a), romanized(b));
    let x = combine_features(s, a, b, &la, &lb);
    Some(x.iter().zip(&weights::COMBINE).map(|(x, w)| x * w).sum())
}

/// The learned matcher with an explicit threshold on [`learned_score`] (for tuning);
/// [`same_token`] uses the generated threshold.
pub fn same_token_learned(a: &str, b: &str, threshold: f32) -> bool {
    if a == b {
        return true;
    }
    if !candidates(a, b) {
        return false;
    }
    // Two names the romanizer's dictionary attests are judged by the hand rule and the
    // dictionary's romanizations: the learned weights come from transliterated foreign
    // names, and would merge common Arabic names that differ by one long vowel
    // (`سلمان`/`سليمان`, `سعيد`/`سعد`, `كريم`/`كرم`), which the dictionary knows apart.
    if (attested(a) && attested(b))
        || ((looks_native(a) || looks_native(b)) && !foreign_with_article(a, b))
    {
        return same_token_at(a, b, &THRESHOLDS);
    }
    match learned_score(a, b) {
        Some(s) => s >= threshold,
        // Far apart as spellings: only an identical romanization joins them.
        None => {
            let (la, lb) = (romanized(a), romanized(b));
            !la.is_empty() && la == lb
        }
    }
}

/// Whether two names (as folded by [`fold_name`]) are the same name token for token.
pub fn same_name(a: &[String], b: &[String]) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_token(x, y)) {
        return true;
    }
    // Written with and without a space (`بيونغ يانغ`/`بيونغيانغ`).
    a.len() != b.len() && a.concat() == b.concat()
}

/// [`same_name`] within one article, where two different people with nearly the same
/// name are far rarer than across a corpus: token pairs the hand rule accepts join too.
/// It merges the foreign `sh` written as `ش` or `س` (`أشكنازي`/`أسكنازي`), which
/// across the transliteration data separates as many different names as it joins, so
/// the corpus-wide matcher does not.
pub fn same_name_in_article(a: &[String], b: &[String]) -> bool {
    if same_name(a, b) {
        return true;
    }
    !a.is_empty() && a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_token_in_article(x, y))
}

/// [`same_token`] or the hand rule (see [`same_name_in_article`]).
pub fn same_token_in_article(a: &str, b: &str) -> bool {
    same_token(a, b) || same_token_at(a, b, &THRESHOLDS)
}

/// A coarse blocking key of a folded token: the consonant skeleton with close letters
/// merged. Most pairs that [`same_token`] accepts share it (three in four on the
/// development pairs); those that differ in one consonant share one of the
/// [`blocking_keys`] built from it, which every accepted pair does. Used to find
/// candidates, never to decide.
pub fn skeleton(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    for (i, c) in token.chars().enumerate() {
        if i > 0 && (is_vowel_letter(c) || c == 'ه' || c == 'ء') {
            continue;
        }
        let c = match c {
            // A foreign name's initial vowel is written with or without `ع`
            // (`عاموس`/`اموس`, `عكيفا`/`اكيفا`).
            'ع' if i == 0 => 'ا',
            'ش' | 'ص' => 'س',
            // `th` is `ث` or `ت` (`كينيث`/`كينيت`, `بيرثا`/`بيرتا`).
            'ط' | 'ث' => 'ت',
            'ض' => 'د',
            'ذ' | 'ظ' => 'ز',
            // `j`, `g` and `ch`/`kh` as in Spanish and German (`خيسوس`/`جيسوس`).
            'ق' | 'غ' | 'ج' | 'گ' | 'چ' | 'خ' => 'ك',
            'ڤ' => 'ف',
            'پ' => 'ب',
            'ح' => 'ه',
            c => c,
        };
        out.push(c);
    }
    out
}

/// The word with each letter dropped in turn (deletion neighbourhoods: two words
/// one edit apart share one of these).
pub fn one_letter_dropped(chars: &[char]) -> impl Iterator<Item = String> + '_ {
    (0..chars.len()).map(move |skip| {
        chars
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != skip)
            .map(|(_, c)| c)
            .collect()
    })
}

/// Blocking keys of a folded token (the registry indexes a name's last token by
/// them): the [`skeleton_keys`] of the token and of its [`coarse_skeletons`].
pub fn blocking_keys(t: &str) -> Vec<String> {
    let mut bases = skeleton_bases(t);
    for k in coarse_skeletons(t) {
        if !bases.contains(&k) {
            bases.push(k);
        }
    }
    keys_of(bases)
}

/// The keys of a token's consonant skeleton (and that of the token without the
/// article): for skeletons of four letters or more, each skeleton with one letter
/// dropped, so that two skeletons one letter apart (`اينجس`/`اينغز`) share a key; for
/// shorter ones (where dropping a letter would match half the registry), the skeleton
/// with `ز` read as `س` and `د` as `ت`, the letters transliteration swaps most
/// (`فالز`/`فالس`).
pub fn skeleton_keys(t: &str) -> Vec<String> {
    keys_of(skeleton_bases(t))
}

fn skeleton_bases(t: &str) -> Vec<String> {
    let mut bases = vec![skeleton(t)];
    if let Some(rest) = t.strip_prefix("ال").filter(|r| r.chars().count() >= 3) {
        bases.push(skeleton(rest));
    }
    bases
}

fn keys_of(bases: Vec<String>) -> Vec<String> {
    let mut keys = Vec::with_capacity(bases.len() * 8);
    for b in bases {
        let chars: Vec<char> = b.chars().collect();
        if chars.len() >= 4 {
            keys.extend(one_letter_dropped(&chars));
        } else {
            let coarse: String = chars
                .iter()
                .map(|&c| match c {
                    'ز' => 'س',
                    'د' => 'ت',
                    c => c,
                })
                .collect();
            if coarse != b {
                keys.push(coarse);
            }
        }
        keys.push(b);
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Coarser skeletons of a token, for the spellings of foreign sounds that differ
/// enough to give different [`skeleton`]s: `ch`/`tsch` as `تش`, `ك`, `ج` or `ش`
/// (`ماركوفيتش`/`ماركوفيك`, `تشيرتشلاند`/`تشيرجلاند`), `tz` as `تز` or `ز`
/// (`مانتسل`/`مانزل`), `th` as `ث` or `ذ` (`هيثر`/`هيذر`), `z` as `ز` or `ض`
/// (`رضا`/`ريزا`), `h` as `ه` or `ح` (`ملاح`/`مالاه`), an initial `j`/`y` as `ج` or
/// `ي` (`جوهاني`/`يوهاني`), and `ع` inside a word written or not (`قعوار`/`كوار`).
fn coarse_skeletons(t: &str) -> Vec<String> {
    let coarse = |t: &str| -> String {
        let mut out = String::with_capacity(t.len());
        for (i, c) in t.chars().enumerate() {
            if i > 0 && (is_vowel_letter(c) || matches!(c, 'ه' | 'ء' | 'ح' | 'ع')) {
                continue;
            }
            out.push(match c {
                'ع' | 'ح' if i == 0 => 'ا',
                'ي' if i == 0 => 'ك',
                'ش' | 'ص' | 'ز' | 'ذ' | 'ظ' | 'ض' | 'ث' => 'س',
                'ط' => 'ت',
                'ق' | 'غ' | 'ج' | 'گ' | 'چ' | 'خ' => 'ك',
                'ڤ' => 'ف',
                'پ' => 'ب',
                c => c,
            });
        }
        out
    };
    let mut out = vec![coarse(
        &t.replace("تش", "ك").replace("تز", "ز").replace("تس", "س"),
    )];
    if t.contains("تش") {
        out.push(coarse(&t.replace("تش", "ش")));
    }
    out
}

/// Whether two folded tokens share a key of [`blocking_keys`]. [`same_token`] accepts
/// only such pairs, so the registry's blocking finds every candidate the matcher
/// would accept.
pub fn blocked_together(a: &str, b: &str) -> bool {
    share_key(&blocking_keys(a), &blocking_keys(b))
}

/// Whether the learned matcher may join two folded tokens at all: they share a
/// [`skeleton_keys`] key, or share a key only once coarsened
/// (`ماركوفيتش`/`ماركوفيك`) and romanize identically — the spelling score alone
/// would join `بيونغتشانغ`/`بيونغيانغ` (Pyeongchang, Pyongyang), and romanizations
/// that merely share consonants `صيدا`/`صعدة` (Saida, Saada) and `مون`/`معاون`.
pub fn candidates(a: &str, b: &str) -> bool {
    if share_key(&skeleton_keys(a), &skeleton_keys(b)) {
        return true;
    }
    if !blocked_together(a, b) {
        return false;
    }
    let (la, lb) = (romanized(a), romanized(b));
    !la.is_empty() && la == lb
}

/// Whether two sorted key lists share a key.
fn share_key(x: &[String], y: &[String]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Latin consonant skeleton as Arabic script would write it: vowels, `h`, `w`, `y`
/// and doubled letters dropped, letters Arabic does not tell apart merged (`p`/`b`,
/// `v`/`f`, `g`/`j`/`k`/`q`/`c`, `s`/`z`), digraphs folded (`sh`, `ch`, `th`, `ph`,
/// `kh`). Two Latin names with the same skeleton may be one name spelled two ways and
/// are never used as a negative pair.
pub fn latin_skeleton(s: &str) -> String {
    let s = latin_fold(s);
    let s = s
        .replace("sch", "S")
        .replace("sh", "S")
        .replace("ch", "S")
        .replace("th", "t")
        .replace("ph", "f")
        .replace("kh", "x")
        .replace("gh", "g")
        .replace("dh", "d")
        .replace("ck", "k")
        .replace('x', "ks");
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        let c = match c {
            'p' => 'b',
            'v' => 'f',
            'c' | 'q' | 'g' | 'j' => 'k',
            'z' => 's',
            c => c,
        };
        if i == 0 && "aeiouy".contains(c) {
            out.push('a');
            continue;
        }
        if !c.is_ascii_alphabetic() || "aeiouyhw".contains(c) || out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    out
}

/// Lower-case ASCII letters of a Latin name: accents removed (`ēriks` → `eriks`),
/// `ø`/`æ`/`ß` spelled out.
pub fn latin_fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        match c {
            'ø' | 'Ø' => out.push('o'),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            'ı' => out.push('i'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' => out.push('d'),
            c if c.is_ascii_alphabetic() => out.push(c.to_ascii_lowercase()),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) -> bool {
        same_name(&fold_name(a), &fold_name(b))
    }

    #[test]
    fn variants_merge() {
        assert!(same("نتنياهو", "نتانياهو"));
        assert!(same("زيلينسكي", "زيلنسكي"));
        assert!(same("أشكنازي", "أشكينازي"));
        // `س` for `ش` alone is weak evidence in the data (`ساما`/`شاما` are two names):
        // across a corpus the learned matcher leaves this pair apart; within one
        // article it joins.
        assert!(!same("أشكنازي", "أسكنازي"));
        let article = |a: &str, b: &str| same_name_in_article(&fold_name(a), &fold_name(b));
        assert!(article("أشكنازي", "أسكنازي"));
        assert!(article("غابي أشكنازي", "غابي أسكنازي"));
        assert!(!article("محمد", "محمود"));
        assert!(!article("الراشد", "الرشيد"));
        assert!(same("سيرغي لافروف", "سيرجي لافروف"));
        assert!(same("العطية", "عطية"));
        assert!(same("عبد الله", "عبدالله"));
        assert!(same("إسرائيل", "اسرائيل"));
        assert!(same("بيونغ يانغ", "بيونغيانغ"));
        assert!(same("ترمب", "ترامب"));
    }

    #[test]
    fn near_misses_stay_apart() {
        assert!(!same("سعيد", "سعد"));
        assert!(!same("محمود", "محمد"));
        assert!(!same("حسين", "حسن"));
        assert!(!same("سلمان", "سليمان"));
        assert!(!same("كريم", "كرم"));
        assert!(!same("عمر", "عمرو"));
        assert!(!same("سيرجي لافروف", "لافروف"));
    }

    #[test]
    fn skeleton_blocks_variants_together() {
        assert_eq!(
            skeleton(&fold_token("نتنياهو")),
            skeleton(&fold_token("نتانياهو"))
        );
        assert_eq!(
            skeleton(&fold_token("أشكنازي")),
            skeleton(&fold_token("أسكنازي"))
        );
    }

    #[test]
    fn learned_matcher_merges_transliteration_variants() {
        // Development pairs the hand rule missed (none attested by the romanizer).
        for (a, b) in [
            ("جوليانو", "غوليانو"),
            ("فريرو", "فيريرو"),
            ("اغارد", "ايغارد"),
            ("كومستاك", "كومستوك"),
        ] {
            assert!(!same_token_at(&fold_token(a), &fold_token(b), &THRESHOLDS));
            assert!(same(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn learned_matcher_keeps_near_misses_apart() {
        // Development negatives: different names with similar spellings.
        for (a, b) in [("ساما", "شاما"), ("كاجل", "كاكل"), ("هارس", "هارش")]
        {
            assert!(!same(a, b), "{a} / {b}");
        }
        // Attested Arabic names that differ by a long vowel or a final letter.
        assert!(!same("سلمان", "سليمان"));
        assert!(!same("الراشد", "الرشيد"));
    }

    #[test]
    fn arabic_words_are_not_judged_as_foreign_names() {
        // Pairs of real news entities the learned matcher joined (clubs, places,
        // families, words the romanizer reads alike), seen on SaudiNewsNet.
        for (a, b) in [
            ("النصر", "الأنصار"),
            ("الهلال", "الليل"),
            ("الباحة", "البحر"),
            ("الاتحاد", "الإلحاد"),
            ("السعودية", "السودة"),
            ("الغامدي", "الغمدي"),
            ("الجبير", "جابر"),
            ("الزهراني", "الشهراني"),
        ] {
            let (x, y) = (fold_token(a), fold_token(b));
            assert!(!same_token(&x, &y), "{a} / {b}");
            assert!(!same_token_in_article(&x, &y), "{a} / {b} in one article");
        }
        assert!(!same("الزهراني", "الشهراني"));
        // A foreign word made Arabic keeps the learned matcher.
        assert!(same("الأوروبي", "الأوربي"));
        assert!(same("السوفيتي", "السوفييتي"));
    }

    #[test]
    fn a_mention_behind_the_preposition_lam_joins_its_name() {
        // `للعراق`: the mention after the proclitic reads `لعراق`.
        assert!(same("العراق", "لعراق"));
        assert!(same("لسعودية", "السعودية"));
        // Punctuation a span caught is no part of the name.
        assert_eq!(fold_name("محمد)"), fold_name("محمد"));
        assert_eq!(fold_name("«أوبك"), fold_name("أوبك"));
    }

    #[test]
    fn accepted_pairs_share_a_blocking_key() {
        for (a, b) in [
            ("نتنياهو", "نتانياهو"),
            ("جوليانو", "غوليانو"),
            ("اغارد", "ايغارد"),
            ("فالس", "فالز"),
            ("العطية", "عطية"),
        ] {
            let (x, y) = (fold_token(a), fold_token(b));
            assert!(same_token(&x, &y) && blocked_together(&x, &y), "{a} / {b}");
        }
        // Skeletons that meet only once coarsened (`ch` as `تش` or `ك`) join when the
        // romanizer agrees, and not on the spelling score alone.
        let (x, y) = (fold_token("ماركوفيتش"), fold_token("ماركوفيك"));
        assert!(!share_key(&skeleton_keys(&x), &skeleton_keys(&y)));
        assert!(same_token(&x, &y));
        let (x, y) = (fold_token("بيونغتشانغ"), fold_token("بيونغيانغ"));
        assert!(blocked_together(&x, &y) && learned_score(&x, &y).unwrap() > weights::THRESHOLD);
        assert!(!same_token(&x, &y), "Pyeongchang is not Pyongyang");
        // Romanizations that only share consonants are not enough (`saida`/`saada`):
        // these merged across the ANT sample while agreeing skeletons sufficed.
        for (a, b) in [("صيدا", "صعدة"), ("مون", "معاون")] {
            let (x, y) = (fold_token(a), fold_token(b));
            assert!(blocked_together(&x, &y) && !candidates(&x, &y), "{a} / {b}");
            assert!(!same_token(&x, &y), "{a} / {b}");
        }
        // Never accepted without a shared key, however the score goes.
        assert!(!blocked_together("بخاري", "بوهاري"));
        assert!(!same_token_learned("بخاري", "بوهاري", f32::NEG_INFINITY));
    }

    #[test]
    fn odd_input() {
        assert!(fold_name("").is_empty());
        assert!(fold_name(" - ").is_empty());
        assert_eq!(distance("", "ب"), 1.0);
        assert!(!same_name(&[], &[]));
    }
}
