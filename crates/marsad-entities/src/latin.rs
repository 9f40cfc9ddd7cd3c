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

/// Titles of a state written before its name (base keys): `مملكة البحرين`, `دولة
/// الكويت`, `سلطنة عمان`, `جمهورية مصر العربية`.
const STATE_TITLES: [&str; 5] = ["مملكه", "جمهوريه", "دوله", "سلطنه", "اماره"];

/// The English name the table knows for a name, reading a country's name through
/// its state title (`مملكة البحرين` is Bahrain, like `البحرين`; `جمهورية مصر العربية`
/// is Egypt): so that both spellings are one entity.
pub fn known_name_of(label: &str, name: &str) -> Option<&'static str> {
    if label == "LOC" {
        let words: Vec<&str> = name.split_whitespace().collect();
        if words.len() >= 2 && STATE_TITLES.contains(&marsad_text::key::base_key(words[0]).as_str())
        {
            let rest = &words[1..];
            let shorter = (rest.len() >= 2
                && marsad_text::key::base_key(rest[rest.len() - 1]) == "العربيه")
                .then(|| &rest[..rest.len() - 1]);
            for cand in std::iter::once(rest).chain(shorter) {
                let cand = cand.join(" ");
                if is_country(&cand) {
                    return known_name(&cand);
                }
            }
        }
    }
    (label != "PER").then(|| known_name(name)).flatten()
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
    let known = if label == "PER" {
        known_name(name).filter(|_| multi)
    } else {
        known_name_of(label, name)
    };
    if let Some(e) = known {
        return Some(without_qualifier(e).to_string());
    }
    if label != "PER" {
        if let Some(english) = named_after(name) {
            return Some(english);
        }
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
/// Adjectives that end such names.
const NAMED_AFTER_ADJECTIVES: [(&str, &str); 12] = [
    ("الدولي", "International"),
    ("الثقافي", "Cultural"),
    ("الطبي", "Medical"),
    ("الوطني", "National"),
    ("الجامعي", "University"),
    ("التخصصي", "Specialist"),
    ("الحضاري", "Cultural"),
    ("الطبية", "Medical"),
    ("العسكري", "Military"),
    ("الجوية", "Air"),
    ("الاقتصادية", "Economic"),
    ("الخيرية", "Charitable"),
];

/// English for an institution or a place named after a person, in English order:
/// `مستشفى الملك فهد` → King Fahd Hospital, `مطار الملك خالد الدولي` → King Khalid
/// International Airport. A city or a district needs the title (`مدينة الخضر` is the
/// town itself).
fn named_after(name: &str) -> Option<String> {
    use marsad_text::key::base_key;
    let words: Vec<&str> = name.split_whitespace().collect();
    let (first, mut rest) = words.split_first()?;
    let noun = crate::named_after::noun(&base_key(first))?.english;
    let title = rest
        .first()
        .and_then(|w| crate::named_after::title(&base_key(w)));
    if title.is_some() {
        rest = &rest[1..];
    } else if matches!(noun, "City" | "District") {
        return None;
    }
    // Where it is (`مطار الملك خالد بالرياض`) is no part of the name.
    if let Some((last, before)) = rest.split_last() {
        let place = last
            .strip_prefix('ب')
            .is_some_and(|p| known_name(p).is_some());
        if place && !before.is_empty() {
            rest = before;
        }
    }
    let mut adjective = None;
    if let Some((last, before)) = rest.split_last() {
        if let Some((_, en)) = NAMED_AFTER_ADJECTIVES
            .iter()
            .find(|(ar, _)| base_key(ar) == base_key(last))
        {
            adjective = Some(*en);
            rest = before;
        }
    }
    if rest.is_empty() {
        return None;
    }
    let person = marsad_latin::Romanizer::builtin().romanize_person_name(&rest.join(" "));
    if person.trim().is_empty() {
        return None;
    }
    let parts = [title, Some(person.as_str()), adjective, Some(noun)];
    Some(parts.into_iter().flatten().collect::<Vec<_>>().join(" "))
}

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
    fn institutions_named_after_a_person_read_in_english() {
        let fahd = marsad_latin::Romanizer::builtin().romanize_person_name("فهد");
        assert_eq!(
            latin_name("ORG", "مستشفى الملك فهد").as_deref(),
            Some(format!("King {fahd} Hospital").as_str())
        );
        assert_eq!(
            named_after("مطار الملك فهد الدولي"),
            Some(format!("King {fahd} International Airport"))
        );
        assert_eq!(
            named_after("مطار الملك فهد بالرياض"),
            Some(format!("King {fahd} Airport"))
        );
        assert_eq!(named_after("مدينة الخضر"), None);
        assert_eq!(named_after("مستشفى"), None);
    }

    #[test]
    fn a_country_reads_through_its_state_title() {
        let bahrain = known_name_of("LOC", "البحرين");
        assert!(bahrain.is_some());
        assert_eq!(known_name_of("LOC", "مملكة البحرين"), bahrain);
        assert_eq!(
            known_name_of("LOC", "جمهورية مصر العربية"),
            known_name_of("LOC", "مصر")
        );
        assert_eq!(
            known_name_of("LOC", "سلطنة عمان"),
            known_name_of("LOC", "عمان")
        );
        // Not a title before something that is no country, and not for persons.
        assert_eq!(known_name_of("ORG", "دولة القانون"), None);
        assert_eq!(known_name_of("LOC", "دولة الخلافة"), None);
        assert_eq!(known_name_of("PER", "البحرين"), None);
    }

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
