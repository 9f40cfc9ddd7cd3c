//! Latin-script names of entities, from `marsad-latin`: its dictionary of attested
//! romanizations (Wikidata, Google ar2en, ArWikiCats, CLDR), else its learned
//! character model. People are romanized as people (`سيرجي` is Sergei, not the town
//! of Cergy).

use std::cell::RefCell;
use std::collections::HashMap;

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
    let romanizer = marsad_latin::Romanizer::builtin();
    let r = if label == "PER" {
        romanizer.romanize_person_name(name)
    } else {
        romanizer.romanize_name(name)
    };
    (!r.trim().is_empty()).then_some(r)
}
