//! Builds `data/latin_names.tsv`: English names of places, organizations and famous
//! people keyed by the Arabic name's key sequence (`marsad_gazetteer::name_keys`),
//! from the shared data (`$MARSAD_DATA`, default `../shared/data`):
//!
//! 1. `data/latin_curated.tsv` (hand-written, wins),
//! 2. CLDR country names (`gazetteers/country_names_cldr`, MIT / Unicode licence) —
//!    flagged `C` (a country),
//! 3. ArWikiCats countries/regions, provinces, cities, federations, people
//!    (`gazetteers/arwikicats`, MIT; labels from Wikipedia/Wikidata),
//! 4. world cities (`gazetteers/world_cities_ar`, CC BY 4.0).
//!
//! `cargo run --release -p marsad-entities --bin build-latin-names`
//! Deterministic: the same inputs give the same bytes.

use marsad_gazetteer::name_keys;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn main() {
    if let Err(e) = run() {
        eprintln!("build-latin-names: error: {e}");
        std::process::exit(1);
    }
}

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn data_dir() -> PathBuf {
    std::env::var_os("MARSAD_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate_dir().join("../../../shared/data"))
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn json_map(path: &Path) -> Result<Vec<(String, String)>, String> {
    let v: serde_json::Value =
        serde_json::from_str(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))?;
    let obj = v
        .as_object()
        .ok_or_else(|| format!("{}: not an object", path.display()))?;
    Ok(obj
        .iter()
        .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
        .collect())
}

/// `"north korea"` → `"North Korea"`; small words stay lower case.
fn title(en: &str) -> String {
    en.split(' ')
        .enumerate()
        .map(|(i, w)| {
            if i > 0 && matches!(w, "of" | "the" | "and" | "de" | "al" | "el" | "la" | "du") {
                return w.to_string();
            }
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Arabic label without a Wikipedia disambiguator (`آربيرغ (سويسرا)` → `آربيرغ`).
fn clean_ar(ar: &str) -> Option<String> {
    let ar = match ar.find(" (") {
        Some(i) => &ar[..i],
        None => ar,
    };
    let ar = ar.trim();
    let ok = !ar.is_empty()
        && ar.chars().any(marsad_text::chars::is_arabic_letter)
        && !ar.chars().any(|c| c.is_ascii_alphanumeric());
    ok.then(|| ar.to_string())
}

fn run() -> Result<(), String> {
    let data = data_dir();
    let g = data.join("gazetteers");
    // key → (English, is_country); first source wins.
    let mut table: BTreeMap<String, (String, bool)> = BTreeMap::new();
    let mut add = |ar: &str, en: &str, country: bool| {
        let Some(ar) = clean_ar(ar) else { return };
        let en = en.trim();
        if en.is_empty() || en.chars().any(|c| c.is_ascii_digit() || c == '\t') {
            return;
        }
        let key = name_keys(&ar).join(" ");
        if key.is_empty() {
            return;
        }
        table
            .entry(key)
            .or_insert_with(|| (en.to_string(), country));
    };
    for line in read(&crate_dir().join("data/latin_curated.tsv"))?.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (ar, en) = line
            .split_once('\t')
            .ok_or_else(|| format!("latin_curated.tsv: no tab in {line:?}"))?;
        add(ar, en, false);
    }
    let ar = json_map(&g.join("country_names_cldr/country.ar.json"))?;
    let en: BTreeMap<String, String> = json_map(&g.join("country_names_cldr/country.en.json"))?
        .into_iter()
        .collect();
    for (code, name) in &ar {
        if let Some(e) = en.get(code) {
            add(name, e, true);
        }
    }
    for file in [
        "arwikicats/P17_2_final_ll.json",
        "arwikicats/popopo.json",
        "arwikicats/cities_full.json",
        "arwikicats/inter_federations.json",
        "arwikicats/peoples.json",
    ] {
        for (e, a) in json_map(&g.join(file))? {
            add(&a, &title(&e), false);
        }
    }
    for line in read(&g.join("world_cities_ar/world-cities.jsonl"))?.lines() {
        let line = line.trim_start_matches('\u{feff}');
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if let (Some(a), Some(e)) = (v["CityNameAr"].as_str(), v["CityNameEn"].as_str()) {
            add(a, e, false);
        }
    }
    // Countries: CLDR's English names and the usual short forms of the curated list.
    let country_names: std::collections::BTreeSet<String> = en
        .values()
        .cloned()
        .chain(
            [
                "Britain",
                "Palestine",
                "Turkey",
                "United States",
                "Syria",
                "Iran",
                "Russia",
            ]
            .map(String::from),
        )
        .collect();
    for (e, c) in table.values_mut() {
        *c = *c || country_names.contains(e.as_str());
    }
    let mut out = String::from(
        "# Arabic name key sequence<TAB>English name[<TAB>C = a country]. Generated by\n\
         # build-latin-names from data/latin_curated.tsv, CLDR, ArWikiCats and world cities;\n\
         # see data/README.md. Do not edit by hand.\n",
    );
    for (k, (e, c)) in &table {
        out.push_str(k);
        out.push('\t');
        out.push_str(e);
        if *c {
            out.push_str("\tC");
        }
        out.push('\n');
    }
    let path = crate_dir().join("data/latin_names.tsv");
    std::fs::write(&path, out).map_err(|e| format!("{}: {e}", path.display()))?;
    eprintln!(
        "build-latin-names: {} names → {}",
        table.len(),
        path.display()
    );
    Ok(())
}
