//! Latin-script names of entities.
//!
//! Well-known places, organizations and people come from a compact dictionary
//! compiled from the shared data (`data/latin_names.tsv`, see `data/README.md`);
//! anything else is romanized by the learned transliterator of `marsad-latin`.

use marsad_gazetteer::name_keys;
use std::collections::HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../data/latin_names.tsv");

fn table() -> &'static HashMap<&'static str, &'static str> {
    static T: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    T.get_or_init(|| {
        TABLE
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .collect()
    })
}

/// The dictionary's Latin name for an Arabic name, if listed.
pub fn lookup(name: &str) -> Option<&'static str> {
    let keys = name_keys(name).join(" ");
    if keys.is_empty() {
        return None;
    }
    table().get(keys.as_str()).copied()
}

/// Latin name of an entity: the dictionary's, else the name romanized (as a person's
/// name for `PER`). `None` for names with nothing to romanize.
pub fn latin_name(label: &str, name: &str) -> Option<String> {
    if let Some(l) = lookup(name) {
        return Some(l.to_string());
    }
    if !name.chars().any(marsad_text::chars::is_arabic_letter) {
        return None;
    }
    let romanizer = marsad_latin::Romanizer::builtin();
    let r = if label == "PER" {
        romanizer.romanize_person_name(name)
    } else {
        romanizer.romanize_name(name)
    };
    (!r.trim().is_empty()).then_some(r)
}
