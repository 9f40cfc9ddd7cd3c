//! Latin-script names of entities: the English name when the name is a known place,
//! organization or famous person (`data/latin_names.tsv`: curated, CLDR, ArWikiCats,
//! world cities), else `marsad-latin`: its dictionary of attested romanizations, else
//! its learned character model. People are romanized as people (`سيرجي` is Sergei,
//! not the town of Cergy).

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

/// English names of places, organizations and famous people (see `data/README.md`).
const TABLE: &str = include_str!("../data/latin_names.tsv");

/// key sequence → (English name, is a country).
fn table() -> &'static HashMap<&'static str, (&'static str, bool)> {
    static T: OnceLock<HashMap<&'static str, (&'static str, bool)>> = OnceLock::new();
    T.get_or_init(|| {
        TABLE
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut f = l.split('\t');
                let (k, e) = (f.next()?, f.next()?);
                Some((k, (e, f.next() == Some("C"))))
            })
            .collect()
    })
}

/// The dictionary's English name of an Arabic name (`سورية` → `Syria`), if listed.
pub fn known_name(name: &str) -> Option<&'static str> {
    let keys = marsad_gazetteer::name_keys(name).join(" ");
    table().get(keys.as_str()).map(|(e, _)| *e)
}

/// Whether the name is a country's (`سوريا`, `الولايات المتحدة`).
pub fn is_country(name: &str) -> bool {
    let keys = marsad_gazetteer::name_keys(name).join(" ");
    table().get(keys.as_str()).is_some_and(|(_, c)| *c)
}

thread_local! {
    /// The same names recur across a corpus (`الرياض` in thousands of articles).
    static CACHE: RefCell<HashMap<(bool, String), Option<String>>> = RefCell::new(HashMap::new());
}

/// Latin name of an entity; `None` for names with nothing to romanize.
pub fn latin_name(label: &str, name: &str) -> Option<String> {
    if !name.chars().any(marsad_text::chars::is_arabic_letter) {
        return None;
    }
    let key = (label == "PER", name.to_string());
    if let Some(hit) = CACHE.with(|c| c.borrow().get(&key).cloned()) {
        return hit;
    }
    let r = romanize(label, name);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() > 200_000 {
            c.clear();
        }
        c.insert(key, r.clone());
    });
    r
}

fn romanize(label: &str, name: &str) -> Option<String> {
    // The table is mostly places: a one-word person's name would snap to a town
    // (`هيلي` is Haley, not Helena, Montana); full names of famous people are listed.
    let multi = name.split_whitespace().count() > 1;
    if let Some(e) = known_name(name).filter(|_| label != "PER" || multi) {
        return Some(without_qualifier(e).to_string());
    }
    let romanizer = marsad_latin::Romanizer::builtin();
    let r = if label == "PER" {
        romanizer.romanize_person_name(name)
    } else {
        romanizer.romanize_name(name)
    };
    (!r.trim().is_empty()).then_some(r)
}

/// An English name without the qualifier that tells namesakes apart in the sources
/// (`Chelsea, London`, `Abra (province)`): the name an analyst reads is `Chelsea`. A
/// bracket inside the name stays (`Cocos (Keeling) Islands`).
fn without_qualifier(english: &str) -> &str {
    let cut = if english.ends_with(')') {
        english.rfind(" (")
    } else {
        english.find(", ")
    };
    cut.map_or(english, |i| english[..i].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_names_read_without_qualifiers() {
        assert_eq!(without_qualifier("Chelsea, London"), "Chelsea");
        assert_eq!(without_qualifier("Abra (province)"), "Abra");
        assert_eq!(without_qualifier("Saudi Arabia"), "Saudi Arabia");
        assert_eq!(
            without_qualifier("Cocos (Keeling) Islands"),
            "Cocos (Keeling) Islands"
        );
        // Curated names win over the romanizer (`يورو` was Bureau).
        assert_eq!(latin_name("MISC", "يورو").as_deref(), Some("Euro"));
        assert_eq!(
            latin_name("ORG", "الهلال الأحمر").as_deref(),
            Some("Red Crescent")
        );
        assert_eq!(latin_name("LOC", "لندن").as_deref(), Some("London"));
    }
}
