//! Arabic → Latin romanization of person and place names.
//!
//! A [`Romanizer`] looks a word up in a dictionary of attested romanizations (from the
//! training splits of public name lists) and falls back to a character-level model trained
//! in this repository ([`model`]: EM many-to-many letter alignment, a context classifier
//! over Arabic letter windows, and a Latin character n-gram model, decoded by beam search).
//! [`Romanizer::romanize_name`] adds the rules for multi-word names (`ال` → `al-`,
//! `عبد الله` → Abdullah, `بن` → bin, `أبو` → Abu) and Title Case.
//!
//! ```
//! use marsad_latin::Romanizer;
//! let r = Romanizer::builtin();
//! assert_eq!(r.romanize_name("عبد الله"), "Abdullah");
//! assert!(r.romanize_name("بشار الأسد").contains(" al-"));
//! ```
//!
//! The data files under `data/` are built from the shared data (`$MARSAD_DATA`) with
//!
//! ```text
//! cargo run --release -p marsad-latin --bin build-latin -- build
//! cargo run --release -p marsad-latin --bin build-latin -- eval     # writes nothing; see EVAL.md
//! ```

pub mod data;
pub mod eval;
pub mod model;

use marsad_text::normalize::{normalize_str, Profile};
use model::{canon_arabic, is_model_letter, Model};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// The committed model (see `src/bin/build-latin.rs`).
pub static MODEL_BYTES: &[u8] = include_bytes!("../data/model.bin");
/// The committed dictionary, `arabic<TAB>latin` per line, sorted.
pub static DICT_TSV: &str = include_str!("../data/dict.tsv");

/// Dictionary + learned model.
pub struct Romanizer {
    model: Model,
    dict: HashMap<String, String>,
    /// Dictionary keys whose entry is a conventional place name (kept whole).
    places: HashSet<String>,
    /// [`fold_key`] → dictionary key, for spellings that differ only in hamza/alef forms,
    /// alef maqsura or taa marbuta (first key in file order wins).
    folded: HashMap<String, String>,
}

impl std::fmt::Debug for Romanizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Romanizer")
            .field("model", &self.model)
            .field("dict", &self.dict.len())
            .finish()
    }
}

/// The dictionary/model key of an Arabic word: display-normalized, harakat and tatweel
/// removed, Persian letter variants mapped to Arabic; hamza forms are kept. Only Arabic
/// letters are kept.
pub fn word_key(word: &str) -> String {
    normalize_str(word, Profile::Display)
        .chars()
        .filter_map(canon_arabic)
        .filter(|&c| is_model_letter(c))
        .collect()
}

/// The dictionary key of a name: the [`word_key`] of every token, joined by single spaces.
pub fn name_key(name: &str) -> String {
    let mut out = String::new();
    for tok in name.split_whitespace() {
        let k = word_key(tok);
        if k.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&k);
    }
    out
}

/// Splits text into runs of Arabic letters (with their marks) and other characters.
fn runs(text: &str) -> Vec<(bool, String)> {
    let mut out: Vec<(bool, String)> = Vec::new();
    for c in text.chars() {
        let arabic = match canon_arabic(c) {
            Some(c) => is_model_letter(c),
            None => true, // marks stay with the Arabic word
        };
        match out.last_mut() {
            Some((a, s)) if *a == arabic => s.push(c),
            _ => out.push((arabic, c.to_string())),
        }
    }
    out
}

impl Romanizer {
    /// The built-in romanizer (committed model and dictionary), loaded once.
    pub fn builtin() -> &'static Romanizer {
        static R: OnceLock<Romanizer> = OnceLock::new();
        R.get_or_init(|| {
            let model = Model::from_bytes(MODEL_BYTES).expect("committed model parses");
            Romanizer::new(model, DICT_TSV)
        })
    }

    /// A romanizer from a model and a dictionary (`arabic<TAB>latin` lines, with a third
    /// field `P` on conventional place names).
    pub fn new(model: Model, dict_tsv: &str) -> Romanizer {
        let mut dict = HashMap::new();
        let mut places = HashSet::new();
        let mut folded = HashMap::new();
        for line in dict_tsv.lines() {
            let mut f = line.split('\t');
            let (Some(ar), Some(la)) = (f.next(), f.next()) else {
                continue;
            };
            let key = name_key(ar);
            let la = la.trim().to_lowercase();
            if key.is_empty() || la.is_empty() || dict.contains_key(&key) {
                continue;
            }
            if f.next() == Some("P") {
                places.insert(key.clone());
            }
            folded.entry(fold_key(&key)).or_insert_with(|| key.clone());
            dict.insert(key, la);
        }
        Romanizer {
            model,
            dict,
            places,
            folded,
        }
    }

    /// The learned model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Number of dictionary entries.
    pub fn dict_len(&self) -> usize {
        self.dict.len()
    }

    /// Dictionary only: the attested romanization of one Arabic word (lower case).
    pub fn lookup(&self, word: &str) -> Option<&str> {
        let key = word_key(word);
        if key.is_empty() {
            return None;
        }
        self.dict_get(&key)
    }

    /// One word of a person's name: the dictionary unless its entry is a place name
    /// (`سيرجي` is Sergei, not the town of Cergy), else the learned model.
    pub fn romanize_person_word(&self, word: &str) -> String {
        let key = word_key(word);
        if !key.is_empty() && !self.places.contains(&key) {
            if let Some(v) = self.dict_get(&key) {
                return v.to_string();
            }
        }
        self.learned(word)
    }

    /// The entry for a key, or, for a key without hamza seats, the first entry spelled the
    /// same up to [`fold_key`].
    fn dict_get(&self, key: &str) -> Option<&str> {
        if let Some(v) = self.dict.get(key) {
            return Some(v);
        }
        // Only for input that leaves hamza and the like out (`احمد` for `أحمد`): a spelling
        // with a different hamza seat is a different word.
        if key.contains(['أ', 'إ', 'آ', 'ؤ', 'ئ']) {
            return None;
        }
        let k = self.folded.get(&fold_key(key))?;
        self.dict.get(k).map(String::as_str)
    }

    /// Model only: one Arabic token → lower-case Latin. Non-Arabic characters are kept
    /// (lower-cased).
    pub fn learned(&self, word: &str) -> String {
        self.word_with(word, false)
    }

    /// One Arabic token → lower-case Latin: the dictionary first, else the learned model.
    /// Non-Arabic characters are kept (lower-cased).
    pub fn romanize_word(&self, word: &str) -> String {
        self.word_with(word, true)
    }

    fn word_with(&self, word: &str, use_dict: bool) -> String {
        let text = normalize_str(word, Profile::Display);
        let mut out = String::with_capacity(text.len() * 2);
        for (arabic, run) in runs(&text) {
            if !arabic {
                out.extend(run.chars().flat_map(char::to_lowercase));
                continue;
            }
            let key = word_key(&run);
            if key.is_empty() {
                continue;
            }
            match self.dict_get(&key).filter(|_| use_dict) {
                Some(s) => out.push_str(s),
                None => out.push_str(&self.model.romanize(&key)),
            }
        }
        out
    }

    /// A multi-word name → Title Case Latin (`سيرغي لافروف` → `Sergey Lavrov`).
    ///
    /// Rules: `عبد الله` / `عبدالله` → Abdullah; `عبد` + a word with the article →
    /// `Abdul` + the word (`عبد العزيز` → Abdulaziz), `عبد` + another word → `Abd` + word;
    /// the article `ال` → `al-` (`Al-` first in the name) unless the dictionary knows the
    /// whole word as one (`البرتو` Alberto); `بن`/`ابن` → bin, `بنت` → bint; `أبو`/`ابو` →
    /// Abu. Tokens without Arabic letters pass through unchanged.
    pub fn romanize_name(&self, name: &str) -> String {
        self.romanize_name_as(name, false)
    }

    /// [`Romanizer::romanize_name`] for a person: single-word place entries of the
    /// dictionary are skipped (`سيرجي` is Sergei, not Cergy).
    pub fn romanize_person_name(&self, name: &str) -> String {
        self.romanize_name_as(name, true)
    }

    fn word_as(&self, word: &str, person: bool) -> String {
        if person {
            self.romanize_person_word(word)
        } else {
            self.romanize_word(word)
        }
    }

    fn romanize_name_as(&self, name: &str, person: bool) -> String {
        let text = normalize_str(name, Profile::Display);
        let tokens: Vec<&str> = text.split_whitespace().collect();
        let mut parts: Vec<String> = Vec::with_capacity(tokens.len());
        let pure: Vec<bool> = tokens
            .iter()
            .map(|t| !word_key(t).is_empty() && runs(t).iter().all(|(a, _)| *a))
            .collect();
        let mut i = 0;
        'tokens: while i < tokens.len() {
            // Longest multi-word dictionary entry starting here (`سيرغي لافروف`, `أبو ظبي`).
            let mut j = (i + MAX_PHRASE).min(tokens.len());
            while j >= i + 2 {
                if pure[i..j].iter().all(|&p| p) {
                    if let Some(v) = self.dict_get(&name_key(&tokens[i..j].join(" "))) {
                        parts.push(title_name(v, parts.is_empty()));
                        i = j;
                        continue 'tokens;
                    }
                }
                j -= 1;
            }
            let tok = tokens[i];
            let key = word_key(tok);
            let first = parts.is_empty();
            if key.is_empty() {
                parts.push(tok.to_string());
                i += 1;
                continue;
            }
            // Only when the token is all Arabic letters do the name rules apply.
            if !pure[i] {
                parts.push(title(&self.word_as(tok, person)));
                i += 1;
                continue;
            }
            let bare = bare_key(&key);
            if bare == "عبد" {
                if let Some(next) = tokens.get(i + 1) {
                    let nkey = word_key(next);
                    let nbare = bare_key(&nkey);
                    if nbare == "الله" {
                        parts.push("Abdullah".into());
                        i += 2;
                        continue;
                    }
                    if let Some(rest) = nkey.strip_prefix("ال").filter(|r| r.chars().count() >= 2)
                    {
                        parts.push(format!("Abdul{}", self.word_as(rest, person)));
                        i += 2;
                        continue;
                    }
                }
            }
            if let Some(rest) = bare.strip_prefix("عبد").filter(|r| !r.is_empty()) {
                if rest == "الله" {
                    parts.push("Abdullah".into());
                    i += 1;
                    continue;
                }
                if rest.starts_with("ال") && rest.chars().count() >= 4 {
                    let r2: String = key.chars().skip(5).collect();
                    parts.push(format!("Abdul{}", self.word_as(&r2, person)));
                    i += 1;
                    continue;
                }
            }
            let fixed = match bare.as_str() {
                "بن" | "ابن" => Some(if first { "Bin" } else { "bin" }),
                "بنت" => Some(if first { "Bint" } else { "bint" }),
                "ابو" => Some("Abu"),
                "الله" => Some("Allah"),
                // Regnal numbers (`عبدالله الثاني` is Abdullah II).
                _ if person && !first => marsad_text::key::regnal_number(&bare),
                _ => None,
            };
            if let Some(f) = fixed {
                parts.push(f.into());
                i += 1;
                continue;
            }
            // `نصر الله` → Nasrallah.
            if tokens
                .get(i + 1)
                .is_some_and(|n| bare_key(&word_key(n)) == "الله")
                && pure[i + 1]
            {
                let w = title_name(&self.word_as(&key, person), first);
                parts.push(format!("{w}allah"));
                i += 2;
                continue;
            }
            if let Some(rest) = key.strip_prefix("ال").filter(|r| r.chars().count() >= 2) {
                parts.push(self.with_article(&key, rest, first));
                i += 1;
                continue;
            }
            parts.push(title_name(&self.word_as(&key, person), first));
            i += 1;
        }
        parts.join(" ")
    }

    /// A token starting with `ال`: a place name as the dictionary has it (`القاهرة` Cairo);
    /// a dictionary spelling whose start is not the article as is (`البرتو` Alberto);
    /// otherwise `al-` + the rest (`الأسد` al-Assad, `الحسيني` al-Hussaini).
    fn with_article(&self, key: &str, rest: &str, first: bool) -> String {
        let art = if first { "Al-" } else { "al-" };
        let Some(whole) = self.dict_get(key) else {
            return format!("{art}{}", title(&self.romanize_word(rest)));
        };
        let place = self.places.contains(key)
            || self
                .folded
                .get(&fold_key(key))
                .is_some_and(|k| self.places.contains(k));
        if place || whole.contains('-') {
            return title_name(whole, first);
        }
        if let Some(tail) = whole
            .strip_prefix("al")
            .or_else(|| whole.strip_prefix("el"))
        {
            let rest_rom: Vec<char> = self.romanize_word(rest).chars().collect();
            let t: Vec<char> = tail.chars().collect();
            if eval::levenshtein(&t, &rest_rom) * 3 > rest_rom.len().max(1) {
                // Not explained as article + rest: one word.
                return title_name(whole, first);
            }
            return format!("{art}{}", title(tail));
        }
        // The dictionary spelling leaves the article out (`hussaini`).
        format!("{art}{}", title(whole))
    }
}

/// Folds hamza-on-alef, alef madda and wasla to alef, alef maqsura to yaa, taa marbuta to
/// haa, and hamza on waw/yaa to waw/yaa (for dictionary fallback lookups).
fn fold_key(key: &str) -> String {
    key.chars()
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            'ؤ' => 'و',
            'ئ' => 'ي',
            c => c,
        })
        .collect()
}

/// The key with hamza-on-alef and alef madda folded to bare alef (for the fixed words).
fn bare_key(key: &str) -> String {
    key.chars()
        .map(|c| match c {
            'أ' | 'إ' | 'آ' => 'ا',
            c => c,
        })
        .collect()
}

/// Longest multi-word dictionary entry tried by [`Romanizer::romanize_name`].
const MAX_PHRASE: usize = 4;

/// Particles kept lower-case inside a name.
const PARTICLES: [&str; 16] = [
    "al", "el", "bin", "ibn", "bint", "de", "van", "von", "der", "da", "di", "du", "la", "le",
    "del", "dos",
];

/// Title Case for a (possibly multi-word) romanization: every word capitalized except
/// particles (`al-`, `bin`, `de`...) that are not the first word of the name.
fn title_name(s: &str, first: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for (k, word) in s.split(' ').filter(|w| !w.is_empty()).enumerate() {
        if k > 0 {
            out.push(' ');
        }
        let initial = first && k == 0;
        let (head, rest) = match word.split_once('-') {
            Some((h, r)) => (h, Some(r)),
            None => (word, None),
        };
        if !initial && PARTICLES.contains(&head) && (rest.is_some() || k > 0) {
            out.push_str(head);
            if let Some(r) = rest {
                out.push('-');
                out.push_str(&title(r));
            }
        } else {
            out.push_str(&title(word));
        }
    }
    out
}

/// Capitalizes the first letter (and the letter after a hyphen).
fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut up = true;
    for c in s.chars() {
        if up && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
            if c == '-' {
                up = true;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_case() {
        assert_eq!(title("al-asad"), "Al-Asad");
        assert_eq!(title("o'brien"), "O'brien");
        assert_eq!(title(""), "");
    }

    #[test]
    fn runs_split() {
        let r = runs("abc-محمد1");
        assert_eq!(r.len(), 3);
        assert!(r[1].0);
    }
}
