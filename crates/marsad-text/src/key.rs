//! Lookup keys shared by every component that matches words against learned or
//! compiled resources (word clusters, gazetteers, NER features), so that a word
//! in an article and the same word in a resource always meet.

use crate::clitic::CliticSplitter;
use crate::normalize::{normalize_str, Profile};

/// The search-normalized word (`وَالإماراتِ` → `والامارات`).
pub fn word_key(word: &str) -> String {
    normalize_str(word, Profile::Search)
}

/// The search-normalized base of the word: proclitics and pronoun enclitic removed,
/// the article kept, stem spelling restored (`والإمارات` → `الامارات`,
/// `لنتنياهو` → `نتنياهو`, `للفيلم` → `الفيلم`, `سياستها` → `سياسه`). Words
/// that are not Arabic are only normalized.
pub fn base_key(word: &str) -> String {
    if !word.chars().any(crate::chars::is_arabic_letter) {
        return word_key(word);
    }
    let split = CliticSplitter::global().split(word);
    normalize_str(&split.base.form, Profile::Search)
}

/// English letters spelled in Arabic, as abbreviations write them (`بي بي سي`,
/// `بي.إم.دبليو`, `إف بي آي`), search-normalized.
const SPELLED_LETTERS: [&str; 25] = [
    "بي",
    "سي",
    "دي",
    "اي",
    "اف",
    "جي",
    "اتش",
    "جاي",
    "كاي",
    "كيه",
    "ال",
    "ام",
    "كيو",
    "ار",
    "اس",
    "تي",
    "يو",
    "دبليو",
    "اكس",
    "واي",
    "زد",
    "ايه",
    "ان",
    "او",
    "في",
];
/// Of [`SPELLED_LETTERS`], those that are also common words (`في`, `أو`, `إن`, `أي`,
/// `أم`, `آل`).
const SPELLED_LETTER_WORDS: [&str; 6] = ["اي", "ان", "او", "في", "ال", "ام"];

/// Whether a word is an English letter spelled in Arabic (`بي`, `إف`, `دبليو`), and if
/// so whether it is also a common word (`في`, `أو`), which only a dot or the letters
/// around it make a letter.
pub fn spelled_letter(word: &str) -> Option<bool> {
    let w = crate::normalize::normalize_str(word, crate::normalize::Profile::Search);
    SPELLED_LETTERS
        .contains(&w.as_str())
        .then(|| SPELLED_LETTER_WORDS.contains(&w.as_str()))
}

/// Regnal numbers after a ruler's name (`عبدالله الثاني`) as [`base_key`] writes
/// them, with their Roman numerals. They are not family names: `الثاني` alone is "the
/// second".
pub const REGNAL_ORDINALS: [(&str, &str); 10] = [
    ("الاول", "I"),
    ("الثاني", "II"),
    ("الثالث", "III"),
    ("الرابع", "IV"),
    ("الخامس", "V"),
    ("السادس", "VI"),
    ("السابع", "VII"),
    ("الثامن", "VIII"),
    ("التاسع", "IX"),
    ("العاشر", "X"),
];

/// The Roman numeral of a regnal ordinal key (`الثاني` → `II`).
pub fn regnal_number(key: &str) -> Option<&'static str> {
    REGNAL_ORDINALS
        .iter()
        .find(|(o, _)| *o == key)
        .map(|(_, r)| *r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(base_key("والإمارات"), "الامارات");
        assert_eq!(base_key("لنتنياهو"), "نتنياهو");
        assert_eq!(base_key("بإسرائيل"), "اسراييل");
        assert_eq!(base_key("Reuters"), "reuters");
        assert_eq!(word_key("والإمارات"), "والامارات");
    }
}
