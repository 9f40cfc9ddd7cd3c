//! The embedded gazetteer: well-formed, loads quickly, knows the names every Arabic news
//! pipeline needs, and annotates fast (timings are printed, never asserted).

use marsad_gazetteer::{name_keys, Gazetteer, TypeSet, BUILTIN_DATA};
use marsad_text::key::base_key;
use std::time::Instant;

fn key(name: &str) -> String {
    name_keys(name).join(" ")
}

#[test]
fn builtin_loads_and_knows_core_names() {
    let t = Instant::now();
    let fresh = Gazetteer::parse_keyed(BUILTIN_DATA).unwrap();
    eprintln!(
        "builtin: {} entries parsed in {:?}",
        fresh.len(),
        t.elapsed()
    );
    let g = Gazetteer::builtin();
    assert_eq!(g.len(), fresh.len());
    assert!(g.len() > 50_000, "{}", g.len());

    let egypt = key("مصر");
    assert!(g.entry_types(&egypt).contains(TypeSet::LOC));
    assert_eq!(g.country_of(&egypt), Some("EG"));
    assert!(g.word_types(&base_key("مصر")).contains(TypeSet::LOC));

    assert!(g.name_types("القاهرة").contains(TypeSet::LOC));
    assert_eq!(g.country_of(&key("القاهرة")), Some("EG"));
    assert!(g.name_types("الأمم المتحدة").contains(TypeSet::ORG));
    assert!(g.part_types(&base_key("الأمم")).contains(TypeSet::ORG));

    // a person-name part (given name), and inside whole person names
    let muhammad = g.word_types(&base_key("محمد"));
    assert!(muhammad.is_person_part(), "{muhammad}");
    assert!(muhammad.contains(TypeSet::GIVEN), "{muhammad}");
    assert!(g.part_types(&base_key("محمد")).contains(TypeSet::PER));

    // nationality adjective with its country
    assert!(g.name_types("المصري").contains(TypeSet::MISC));
    assert_eq!(g.country_of(&key("المصري")), Some("EG"));
    assert_eq!(g.country_of(&key("مصري")), Some("EG"));
    assert_eq!(
        g.country_of(&key("السوريين"))
            .or(g.country_of(&key("سوري"))),
        Some("SY")
    );

    for (name, t, cc) in [
        ("المملكة العربية السعودية", TypeSet::LOC, Some("SA")),
        ("السعودية", TypeSet::LOC, Some("SA")),
        ("إسرائيل", TypeSet::LOC, Some("IL")),
        ("الولايات المتحدة", TypeSet::LOC, Some("US")),
        ("بيروت", TypeSet::LOC, Some("LB")),
        ("الرياض", TypeSet::LOC, Some("SA")),
        ("حزب الله", TypeSet::ORG, Some("LB")),
        ("الاتحاد الأوروبي", TypeSet::ORG, None),
        ("منظمة التحرير الفلسطينية", TypeSet::ORG, Some("PS")),
        ("نوري المالكي", TypeSet::PER, Some("IQ")),
        ("الأفغاني", TypeSet::MISC, Some("AF")),
    ] {
        let types = g.name_types(name);
        assert!(types.contains(t), "{name}: {types}");
        if cc.is_some() {
            assert_eq!(g.country_of(&key(name)), cc, "{name}");
        }
    }

    // function words are not names
    for w in [
        "في",
        "من",
        "على",
        "إلى",
        "الذي",
        "قال",
        "كان",
        "اليوم",
        "وزير",
    ] {
        assert_eq!(g.word_types(&base_key(w)), TypeSet::EMPTY, "{w}");
    }
}

#[test]
fn builtin_annotates_clitic_attached_names() {
    let g = Gazetteer::builtin();
    let text = "وقال وزير الخارجية إن مصر والمملكة العربية السعودية وإسرائيل ستحضر اجتماع الأمم المتحدة في القاهرة";
    let toks = marsad_text::tokenize(text);
    let keys: Vec<String> = toks.iter().map(|t| base_key(t.text(text))).collect();
    let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
    let m = g.annotate(&refs);
    let at = |w: &str| toks.iter().position(|t| t.text(text) == w).unwrap();
    assert!(m[at("مصر")].types.contains(TypeSet::LOC));
    assert!(m[at("والمملكة")].begin && m[at("والمملكة")].len == 3);
    assert!(m[at("السعودية")].types.contains(TypeSet::LOC) && !m[at("السعودية")].begin);
    assert!(m[at("وإسرائيل")].types.contains(TypeSet::LOC) && m[at("وإسرائيل")].begin);
    assert!(m[at("الأمم")].types.contains(TypeSet::ORG) && m[at("الأمم")].len == 2);
    assert!(m[at("القاهرة")].types.contains(TypeSet::LOC));
    assert!(m[at("في")].types.is_empty());
}

#[test]
fn data_file_is_sorted_unique_and_well_formed() {
    let mut prev: Option<&str> = None;
    let mut n = 0;
    for line in BUILTIN_DATA.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 3, "{line}");
        assert!(!f[0].is_empty() && !f[0].contains("  "), "{line}");
        assert!(TypeSet::parse_list(f[1]).is_some(), "{line}");
        assert!(f[2].contains("src="), "{line}");
        if let Some(p) = prev {
            assert!(p < f[0], "not sorted/unique: {p} / {}", f[0]);
        }
        prev = Some(f[0]);
        n += 1;
    }
    assert_eq!(n, Gazetteer::builtin().len());
    assert!(
        BUILTIN_DATA.len() < 3_000_000,
        "{} bytes",
        BUILTIN_DATA.len()
    );
}

#[test]
fn user_file_extends_builtin() {
    let g = Gazetteer::with_user_file_text("# mine\nمرصدستان\tLOC\tcountry=SA\nمصر\t-\nمصر\tORG\n")
        .unwrap();
    assert_eq!(g.name_types("مرصدستان"), TypeSet::LOC);
    assert_eq!(g.country_of(&key("مرصدستان")), Some("SA"));
    assert_eq!(g.name_types("مصر"), TypeSet::ORG);
    assert_eq!(g.len(), Gazetteer::builtin().len() + 1);
    let e = Gazetteer::with_user_file_text("مرصدستان\tLOC\nبلا نوع\n").unwrap_err();
    assert_eq!(e.line, 2);
}

#[test]
fn annotate_speed_on_news() {
    let Some(path) = marsad_testdata::data_path("saudinewsnet/saudinewsnet_sample_350.jsonl")
    else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let mut keys: Vec<String> = Vec::new();
    for line in text.lines().take(200) {
        let v = line.find("\"content\"").map(|i| &line[i..]).unwrap_or("");
        keys.extend(marsad_text::tokenize(v).iter().map(|t| base_key(t.text(v))));
    }
    let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
    let g = Gazetteer::builtin();
    let t = Instant::now();
    let mut matched = 0usize;
    let mut tokens = 0usize;
    for _ in 0..5 {
        for chunk in refs.chunks(30) {
            let m = g.annotate(chunk);
            matched += m.iter().filter(|x| x.begin).count();
            tokens += chunk.len();
        }
    }
    let s = t.elapsed().as_secs_f64();
    eprintln!(
        "annotate: {tokens} tokens in {s:.3}s = {:.1} M tokens/s ({matched} matches)",
        tokens as f64 / s / 1e6
    );
    assert!(matched > 0);
}
