//! Country codes (ISO 3166-1 alpha-3) and CAMEO agent codes.
//!
//! Countries come from the gazetteer: nationality adjectives (`الروسي`, `الأمريكية`),
//! countries, cities and regions all carry their country there. Agent codes come from
//! cue words of roles and organization names (`وزير`, `الجيش`, `البرلمان`), the way
//! CAMEO's actor dictionaries code `USAGOV`, `ISRMIL`, `IRNLEG`.

use crate::variant::{distance, skeleton};
use marsad_gazetteer::{Gazetteer, TypeSet};
use marsad_text::key::base_key;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Alpha-3 country of a name (a key sequence as the gazetteer keys it), when the
/// gazetteer knows it.
pub fn country_of_keys(keys: &str) -> Option<&'static str> {
    let g = Gazetteer::builtin();
    let a2 = g.country_of(keys)?;
    marsad_gazetteer::alpha3(a2)
}

/// Alpha-3 country named by one word: a nationality adjective or a country/place
/// name (`الروسي` → `RUS`, `وموسكو` → `RUS`). Person names are not countries.
pub fn country_of_word(word: &str) -> Option<&'static str> {
    let key = base_key(word);
    if key.chars().count() < 3 {
        return None;
    }
    let g = Gazetteer::builtin();
    let types = g.entry_types(&key);
    if types.intersects(TypeSet::LOC | TypeSet::MISC) {
        if let Some(c) = country_of_keys(&key) {
            return Some(c);
        }
    }
    // Spelling variants of adjectives and places (`الأميركي` for `الأمريكي`).
    if key.chars().count() < 6 {
        return None;
    }
    // Only a moved long vowel (same letters, another order): anything looser finds
    // other nationalities (`الأوروبي` is not `الأروبي`, Aruban).
    let mut letters: Vec<char> = key.chars().collect();
    letters.sort_unstable();
    let cands = place_words().get(&skeleton(&key))?;
    cands
        .iter()
        .filter(|(k, _)| {
            let mut l: Vec<char> = k.chars().collect();
            l.sort_unstable();
            // and the same start (`الامني`, security, is not `الماني`, German).
            let prefix = k
                .chars()
                .zip(key.chars())
                .take_while(|(a, b)| a == b)
                .count();
            l == letters && prefix >= 4 && distance(k, &key) <= 0.8
        })
        .map(|(_, c)| *c)
        .next()
}

/// One-word nationality adjectives with a country, by skeleton.
fn place_words() -> &'static HashMap<String, Vec<(String, &'static str)>> {
    static M: OnceLock<HashMap<String, Vec<(String, &'static str)>>> = OnceLock::new();
    M.get_or_init(|| {
        let mut m: HashMap<String, Vec<(String, &'static str)>> = HashMap::new();
        for (key, types, country) in Gazetteer::builtin().entries() {
            if key.contains(' ') || !types.intersects(TypeSet::MISC) {
                continue;
            }
            if let Some(a3) = country.and_then(marsad_gazetteer::alpha3) {
                m.entry(skeleton(&key)).or_default().push((key, a3));
            }
        }
        m
    })
}

/// The first country named in a run of words (`وزير الخارجية الروسي` → `RUS`),
/// trying two-word place names (`الولايات المتحدة`) before single words.
pub fn country_in(words: &[&str]) -> Option<&'static str> {
    let keys: Vec<String> = words.iter().map(|w| base_key(w)).collect();
    for i in 0..keys.len() {
        for len in [3usize, 2] {
            if i + len <= keys.len() {
                let seq = keys[i..i + len].join(" ");
                if let Some(c) = country_of_keys(&seq) {
                    let t = Gazetteer::builtin().entry_types(&seq);
                    if t.intersects(TypeSet::LOC | TypeSet::MISC) {
                        return Some(c);
                    }
                }
            }
        }
        // Role heads are not places (`الرئيس` is also a village in the gazetteer).
        if crate::roles::head_of(words[i]).is_some() {
            continue;
        }
        if let Some(c) = country_of_word(words[i]) {
            return Some(c);
        }
    }
    None
}

/// The first country named in a run of words by a nationality adjective or a
/// country's own name — not by a city, which may be a namesake abroad.
pub fn country_in_strict(words: &[&str]) -> Option<&'static str> {
    for len in [3usize, 2, 1] {
        for i in 0..words.len().saturating_sub(len - 1) {
            let span = words[i..i + len].join(" ");
            if crate::latin::is_country(&span) {
                return country_of_keys(&marsad_gazetteer::name_keys(&span).join(" "));
            }
        }
    }
    words.iter().find_map(|w| {
        let key = base_key(w);
        let types = Gazetteer::builtin().entry_types(&key);
        if types.intersects(TypeSet::MISC) && !types.intersects(TypeSet::PER) {
            country_of_word(w)
        } else {
            None
        }
    })
}

/// Search-normalized word without the article (and without proclitics).
pub fn bare(word: &str) -> String {
    let k = base_key(word);
    match k.strip_prefix("ال") {
        Some(rest) if rest.chars().count() >= 2 => rest.to_string(),
        _ => k,
    }
}

/// Cue words (bare, search-normalized) that decide an agent code wherever they occur
/// in a role or organization name; earlier rows win (`المتحدث باسم الجيش` → MIL).
#[rustfmt::skip]
const CUES: &[(&str, &[&str])] = &[
    (
        "IGO",
        &[
            "امم", "اممي", "امميه", "ناتو", "مجلس امن", "اتحاد اوروبي", "مفوضيه اوروبيه", "جامعه دول", "جامعه عربيه", "اونروا",
            "يونسكو", "يونيسف", "اتحاد افريقي", "مجلس تعاون",
        ],
    ),
    ("SPY", &["مخابرات", "استخبارات", "موساد", "شاباك"]),
    ("NGO", &["صليب احمر", "هلال احمر", "اطباء بلا حدود", "عفو دوليه", "هيومن رايتس"]),
    ("COP", &["شرطه", "داخليه", "امنيه", "امني", "امن عام"]),
    (
        "MIL",
        &[
            "جيش", "عسكري", "عسكريه", "قوات", "اركان", "حرس", "بحريه", "جويه", "جنرال", "لواء",
            "عميد", "عقيد", "مقدم", "ضابط", "جنود", "جندي", "عسكر", "دفاع",
        ],
    ),
    ("JUD", &["محكمه", "قضاء", "قاضي", "نيابه", "مدعي"]),
    ("PTY", &["حزب"]),
    (
        "LEG",
        &[
            "برلمان", "برلماني", "نواب", "كنيست", "كونغرس", "كونجرس", "شيوخ", "مجلس شعب",
            "مجلس امه", "مجلس شوري", "سيناتور", "نايب",
        ],
    ),
    ("OPP", &["معارضه", "معارض"]),
    ("REB", &["متمردين", "متمرد", "ميليشيا", "ميليشيات", "مسلحين"]),
    (
        "MED",
        &["صحيفه", "جريده", "قناه", "مجله", "وكاله انباء", "مراسل", "صحفي", "اعلامي", "تلفزيون"],
    ),
    (
        "REL",
        &["امام", "مفتي", "بابا", "حاخام", "بطريرك", "كاردينال", "اسقف", "مطران", "كنيسه", "ازهر"],
    ),
    ("EDU", &["جامعه", "اكاديميه", "استاذ", "مدرسه"]),
    ("BUS", &["شركه", "بنك", "مصرف", "رجل اعمال", "رجال اعمال"]),
    (
        "GOV",
        &[
            "وزير", "وزيره", "وزاره", "حكومه", "حكومي", "رياسه", "رييس", "رييسه", "ملك", "امير",
            "ولي عهد", "سفير", "سفاره", "خارجيه", "مبعوث", "مندوب", "دبلوماسي", "حاكم", "محافظ",
            "عمده", "بلديه", "كرملين", "بيت ابيض", "ديوان", "قصر", "مرشد", "متحدث", "ناطق",
            "وزراء", "سلطان", "امين", "امانه",
        ],
    ),
];

/// CAMEO agent code from the words of a role or organization name. A former office
/// (`الرئيس السابق`) makes an elite (`ELI`), as CAMEO codes former officials.
pub fn agent_of(words: &[&str]) -> Option<&'static str> {
    let bare: Vec<String> = words.iter().map(|w| bare(w)).collect();
    if bare
        .iter()
        .any(|b| matches!(b.as_str(), "سابق" | "اسبق" | "سابقه"))
    {
        return Some("ELI");
    }
    let joined = format!(" {} ", bare.join(" "));
    for (code, cues) in CUES {
        for cue in *cues {
            if cue.contains(' ') {
                if joined.contains(&format!(" {cue} ")) {
                    return Some(code);
                }
            } else if bare.iter().any(|b| b == cue) {
                return Some(code);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries() {
        assert_eq!(country_of_word("الروسي"), Some("RUS"));
        assert_eq!(country_of_word("الأمريكي"), Some("USA"));
        assert_eq!(country_of_word("الأميركي"), Some("USA"));
        assert_eq!(country_of_word("وموسكو"), Some("RUS"));
        assert_eq!(country_of_word("وزير"), None);
        assert_eq!(country_of_word("الأمني"), None);
        assert_eq!(country_in(&["وزير", "الخارجية", "الروسي"]), Some("RUS"));
        assert_eq!(
            country_in(&["المتحدث", "باسم", "الخارجية", "المصرية"]),
            Some("EGY")
        );
    }

    #[test]
    fn agents() {
        assert_eq!(agent_of(&["وزير", "الخارجية"]), Some("GOV"));
        assert_eq!(agent_of(&["الجيش", "الإسرائيلي"]), Some("MIL"));
        assert_eq!(agent_of(&["المتحدث", "باسم", "الجيش"]), Some("MIL"));
        assert_eq!(agent_of(&["المتحدث", "باسم", "الحكومة"]), Some("GOV"));
        assert_eq!(agent_of(&["البرلمان", "الأوروبي"]), Some("LEG"));
        assert_eq!(agent_of(&["الأمم", "المتحدة"]), Some("IGO"));
        assert_eq!(agent_of(&["سامح", "شكري"]), None);
        assert_eq!(agent_of(&["الاتحاد", "الأوروبي"]), Some("IGO"));
        assert_eq!(
            agent_of(&["اللواء", "المتحدث", "الأمني", "في", "وزارة", "الداخلية"]),
            Some("COP")
        );
        assert_eq!(agent_of(&["الرئيس", "السابق"]), Some("ELI"));
        assert_eq!(agent_of(&["مجلس", "الأمة"]), Some("LEG"));
        assert_eq!(agent_of(&["المبعوث", "الأممي"]), Some("IGO"));
        assert_eq!(
            agent_of(&["المتحدث", "باسم", "الصليب", "الأحمر"]),
            Some("NGO")
        );
    }
}
