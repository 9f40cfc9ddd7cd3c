//! Latin-script names of entities, from `marsad-latin`: its dictionary of attested
//! romanizations (Wikidata, Google ar2en, ArWikiCats, CLDR), else its learned
//! character model. People are romanized as people (`سيرجي` is Sergei, not the town
//! of Cergy).

/// Latin name of an entity; `None` for names with nothing to romanize.
pub fn latin_name(label: &str, name: &str) -> Option<String> {
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
