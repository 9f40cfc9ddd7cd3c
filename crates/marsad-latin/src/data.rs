//! Readers for the training and evaluation sources under the shared data directory
//! (`$MARSAD_DATA`, default `../shared/data` from the workspace root), and the dictionary
//! builder. Used by `build-latin` and the data tests; the library itself does no I/O.

use crate::model::{fold_latin, Pair};
use crate::{name_key, word_key};
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// `$MARSAD_DATA`, or `../shared/data` relative to the workspace root.
pub fn default_data_dir() -> PathBuf {
    match std::env::var_os("MARSAD_DATA") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"),
    }
}

pub const GOOGLE_DIR: &str = "transliteration/google_ar2en";
pub const WIKIDATA_DIR: &str = "transliteration/wikidata_person_names_coling2018";
pub const PEOPLES_JSON: &str = "gazetteers/arwikicats/peoples.json";
/// ArWikiCats place lists (English → Arabic).
pub const PLACE_JSONS: [&str; 3] = [
    "gazetteers/arwikicats/cities_full.json",
    "gazetteers/arwikicats/popopo.json",
    "gazetteers/arwikicats/P17_2_final_ll.json",
];
pub const CLDR_DIR: &str = "gazetteers/country_names_cldr";

fn read_json_map(path: &Path) -> io::Result<Vec<(String, String)>> {
    let text = std::fs::read_to_string(path)?;
    let v: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    Ok(v.as_object()
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default())
}

/// Drops a parenthesized qualifier and, on the English side, what follows a comma
/// (`"addison, new york"` → `addison`, `"أديسون (نيويورك)"` → `أديسون`).
fn strip_qualifier(s: &str, comma: bool) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            ',' if comma && depth == 0 => break,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whole-name pairs (English, Arabic) usable as dictionary entries: Arabic of 1..=4 tokens of
/// Arabic letters, English of letters, spaces, hyphens and apostrophes.
fn name_pair(en: &str, ar: &str) -> Option<Pair> {
    let en = strip_qualifier(en, true).to_lowercase();
    let ar = strip_qualifier(ar, false);
    let ar_toks: Vec<&str> = ar.split_whitespace().collect();
    let ok_ar = (1..=4).contains(&ar_toks.len())
        && ar_toks
            .iter()
            .all(|t| word_key(t).chars().count() == t.chars().count());
    let ok_en = !en.is_empty()
        && en
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '\'');
    (ok_ar && ok_en).then_some(Pair {
        arabic: ar,
        latin: en,
    })
}

/// Place names for the dictionary: ArWikiCats cities, provinces/polities and
/// countries/regions. Conventional English names (exonyms), so they go to the
/// dictionary only, never to the model.
pub fn places(data: &Path) -> io::Result<Vec<Pair>> {
    let mut out = Vec::new();
    for f in PLACE_JSONS {
        for (en, ar) in read_json_map(&data.join(f))? {
            out.extend(name_pair(&en, &ar));
        }
    }
    Ok(out)
}

/// CLDR country names (English short name → Arabic short name).
pub fn countries(data: &Path) -> io::Result<Vec<Pair>> {
    let mut out = Vec::new();
    let en: BTreeMap<String, String> = read_json_map(&data.join(CLDR_DIR).join("country.en.json"))?
        .into_iter()
        .collect();
    for (code, ar) in read_json_map(&data.join(CLDR_DIR).join("country.ar.json"))? {
        if let Some(en) = en.get(&code) {
            out.extend(name_pair(en, &ar));
        }
    }
    Ok(out)
}

/// Whole person names from ArWikiCats `peoples.json` (for the dictionary's multi-word
/// entries).
pub fn peoples_names(data: &Path) -> io::Result<Vec<Pair>> {
    Ok(read_json_map(&data.join(PEOPLES_JSON))?
        .into_iter()
        .filter_map(|(en, ar)| name_pair(&en, &ar))
        .collect())
}

/// Google ar2en split (`train`, `eval` or `test`): `arabic<TAB>latin` pairs, as given.
pub fn google(data: &Path, split: &str) -> io::Result<Vec<Pair>> {
    let text = std::fs::read_to_string(data.join(GOOGLE_DIR).join(format!("ar2en-{split}.txt")))?;
    Ok(text
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, l)| Pair {
            arabic: a.trim().to_string(),
            latin: l.trim().to_string(),
        })
        .filter(|p| !p.arabic.is_empty() && !p.latin.is_empty())
        .collect())
}

/// Wikidata person-name split (`64` train, `16` dev, `20` test): pairs with their count.
pub fn wikidata(data: &Path, split: &str) -> io::Result<Vec<(Pair, u32)>> {
    let text = std::fs::read_to_string(
        data.join(WIKIDATA_DIR)
            .join(format!("wd_arabic_{split}.tsv")),
    )?;
    Ok(text
        .lines()
        .filter_map(|l| {
            let mut f = l.split('\t');
            let en = f.next()?.trim();
            let ar: String = f.next()?.split_whitespace().collect();
            let count = f.next().and_then(|c| c.trim().parse().ok()).unwrap_or(1);
            (!en.is_empty() && !ar.is_empty()).then(|| {
                (
                    Pair {
                        arabic: ar,
                        latin: en.to_string(),
                    },
                    count,
                )
            })
        })
        .collect())
}

/// Token pairs from ArWikiCats `peoples.json` (English name → Arabic name) where both
/// sides have the same number of tokens, every Arabic token is Arabic letters and every
/// English token is letters (an `al-` English token keeps its hyphen-less spelling).
pub fn peoples_tokens(data: &Path) -> io::Result<Vec<Pair>> {
    let text = std::fs::read_to_string(data.join(PEOPLES_JSON))?;
    let v: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    let mut out = Vec::new();
    if let Some(map) = v.as_object() {
        for (en, ar) in map {
            let Some(ar) = ar.as_str() else { continue };
            let en_toks: Vec<&str> = en.split_whitespace().collect();
            let ar_toks: Vec<&str> = ar.split_whitespace().collect();
            if en_toks.len() != ar_toks.len() || en_toks.is_empty() {
                continue;
            }
            let ok = en_toks.iter().all(|t| {
                t.chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
            }) && ar_toks
                .iter()
                .all(|t| word_key(t).chars().count() == t.chars().count());
            if !ok {
                continue;
            }
            for (e, a) in en_toks.iter().zip(&ar_toks) {
                out.push(Pair {
                    arabic: a.to_string(),
                    latin: e.to_string(),
                });
            }
        }
    }
    Ok(out)
}

/// Dictionary: for every Arabic key ([`name_key`]: one word, or several separated by
/// spaces), the romanization (folded by [`fold_name`]) with the largest total weight; ties
/// go to the alphabetically first. Keys with fewer than `min_weight` in total are left out.
pub fn build_dict(entries: &[(Pair, u32)], min_weight: u32) -> BTreeMap<String, String> {
    let mut votes: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
    for (p, w) in entries {
        let key = name_key(&p.arabic);
        let lat = fold_name(&p.latin);
        if key.is_empty() || lat.is_empty() {
            continue;
        }
        *votes.entry(key).or_default().entry(lat).or_default() += *w as u64;
    }
    votes
        .into_iter()
        .filter(|(_, v)| v.values().sum::<u64>() >= min_weight as u64)
        .map(|(k, v)| {
            let best = v
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(l, _)| l.clone())
                .unwrap_or_default();
            (k, best)
        })
        .collect()
}

/// [`fold_latin`] per word, keeping spaces and hyphens between words.
pub fn fold_name(s: &str) -> String {
    let mut out = String::new();
    for word in s.split_whitespace() {
        let parts: Vec<String> = word
            .split('-')
            .map(fold_latin)
            .filter(|p| !p.is_empty())
            .collect();
        if parts.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&parts.join("-"));
    }
    out
}

/// The dictionary as the committed TSV text; entries whose (key, spelling) is in `places`
/// get a third field `P`.
pub fn dict_tsv(
    dict: &BTreeMap<String, String>,
    places: &std::collections::BTreeSet<(String, String)>,
) -> String {
    let mut s = String::new();
    for (k, v) in dict {
        s.push_str(k);
        s.push('\t');
        s.push_str(v);
        if places.contains(&(k.clone(), v.clone())) {
            s.push_str("\tP");
        }
        s.push('\n');
    }
    s
}

/// The (key, spelling) pairs of place entries, for [`dict_tsv`].
pub fn place_keys(places: &[Pair]) -> std::collections::BTreeSet<(String, String)> {
    places
        .iter()
        .map(|p| (name_key(&p.arabic), fold_name(&p.latin)))
        .collect()
}
