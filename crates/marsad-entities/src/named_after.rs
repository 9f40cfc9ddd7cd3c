//! Institutions and places named after a person (`مستشفى الملك فهد`, `مركز الأمير
//! سلطان الحضاري`, `شارع طارق بن زياد`): their nouns and the titles between noun and
//! name, with the entity type and the English that [`crate::latin`] writes. One table
//! serves resolution (`resolve`: the mention is the institution, not the person) and
//! Latin names (English in English order: King Fahd Hospital).

use std::sync::LazyLock;

/// Noun, entity type of the whole name, English.
const NOUNS: [(&str, &str, &str); 23] = [
    ("مركز", "ORG", "Center"),
    ("مؤسسة", "ORG", "Foundation"),
    ("جامعة", "ORG", "University"),
    ("مستشفى", "ORG", "Hospital"),
    ("جائزة", "MISC", "Prize"),
    ("كلية", "ORG", "College"),
    ("معهد", "ORG", "Institute"),
    ("صندوق", "ORG", "Fund"),
    ("كرسي", "ORG", "Chair"),
    ("مجمع", "ORG", "Complex"),
    ("أكاديمية", "ORG", "Academy"),
    ("مكتبة", "ORG", "Library"),
    ("مدرسة", "ORG", "School"),
    ("مدينة", "LOC", "City"),
    ("شارع", "LOC", "Street"),
    ("حي", "LOC", "District"),
    ("مطار", "LOC", "Airport"),
    ("ميناء", "LOC", "Port"),
    ("جسر", "LOC", "Causeway"),
    ("ملعب", "LOC", "Stadium"),
    ("استاد", "LOC", "Stadium"),
    ("قاعدة", "LOC", "Base"),
    ("مسجد", "LOC", "Mosque"),
];

/// Titles between the noun and the name, without the article, and their English.
const TITLES: [(&str, &str); 7] = [
    ("أمير", "Prince"),
    ("ملك", "King"),
    ("شيخ", "Sheikh"),
    ("سلطان", "Sultan"),
    ("إمام", "Imam"),
    ("رئيس", "President"),
    ("شهيد", "Martyr"),
];

/// A noun of the table as met in text.
pub(crate) struct Noun {
    /// The noun's base key (`base_key`: search-normalized, no proclitic).
    pub key: String,
    pub label: &'static str,
    pub english: &'static str,
}

static KEYED_NOUNS: LazyLock<Vec<Noun>> = LazyLock::new(|| {
    NOUNS
        .iter()
        .map(|&(ar, label, english)| Noun {
            key: marsad_text::key::base_key(ar),
            label,
            english,
        })
        .collect()
});

static KEYED_TITLES: LazyLock<Vec<(String, &'static str)>> = LazyLock::new(|| {
    TITLES
        .iter()
        .map(|&(ar, en)| (marsad_text::key::base_key(ar), en))
        .collect()
});

/// The table's noun for a word's base key (`بمركز` → `مركز`); not the definite noun
/// (`المدرسة` names no one).
pub(crate) fn noun(key: &str) -> Option<&'static Noun> {
    KEYED_NOUNS.iter().find(|n| n.key == key)
}

/// The English of a title, for a word's base key with or without the article
/// (`الأمير` → Prince).
pub(crate) fn title(key: &str) -> Option<&'static str> {
    let bare = key.strip_prefix("ال").unwrap_or(key);
    KEYED_TITLES
        .iter()
        .find(|(k, _)| k == bare)
        .map(|(_, en)| *en)
}
