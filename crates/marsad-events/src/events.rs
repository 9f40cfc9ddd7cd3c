//! CAMEO-coded events: actor – action – target, with dates.
//!
//! A hand-written trigger lexicon covers what Arabic news is full of — phone calls,
//! visits and meetings, negotiations, appeals, agreements, sanctions imposed or
//! lifted, criticism and accusations, threats, protests and strikes, arrests,
//! abductions, bombings, assassinations, killings, attacks and air strikes — as verbs
//! (all persons, past and present, with clitics) and nouns, plus two-word triggers
//! (`اتصالا هاتفيا`, `فرض عقوبات`, `ألقى القبض`). Actors are the article's entities
//! or generic agents (PETRARCH's Arabic agent dictionary: `متظاهرون`, `مسلحون`,
//! `الشرطة`), coded as country + agent (`USAGOV`). Negated and future/modal events are
//! flagged. Dates: a relative expression in the sentence resolved against the
//! publication date (`marsad_text::relative`), else the publication date.

use marsad_article::{Article, Event, Span};
use marsad_text::key::word_key;
use marsad_text::relative::{find_relative, Tense};
use marsad_text::{tokenize, Token, TokenKind};
use std::collections::HashMap;
use std::sync::OnceLock;

/// (past stem, present stem, nouns, CAMEO code). Search-normalized spellings.
const LEXICON: &[(&str, &str, &[&str], &str)] = &[
    // 02 appeal
    ("ناشد", "يناشد", &["مناشده"], "020"),
    ("طالب", "يطالب", &["مطالبه", "مطالبات"], "020"),
    // 04 consult
    ("هاتف", "يهاتف", &["مكالمه"], "041"),
    ("زار", "يزور", &["زياره", "الزياره"], "042"),
    ("استقبل", "يستقبل", &["استقبال"], "043"),
    ("التقي", "يلتقي", &["لقاء", "لقاءات"], "040"),
    ("اجتمع", "يجتمع", &["اجتماع", "اجتماعات"], "040"),
    ("تفاوض", "يتفاوض", &["مفاوضات", "محادثات", "مباحثات"], "046"),
    ("توسط", "يتوسط", &["وساطه"], "045"),
    // 05 diplomatic cooperation
    ("رحب", "يرحب", &["ترحيب"], "051"),
    // 11 disapprove
    ("انتقد", "ينتقد", &["انتقاد", "انتقادات"], "111"),
    ("ندد", "يندد", &["تنديد"], "111"),
    ("ادان", "يدين", &["ادانه"], "111"),
    ("استنكر", "يستنكر", &["استنكار"], "111"),
    ("اتهم", "يتهم", &["اتهام", "اتهامات"], "112"),
    // 12 reject
    ("رفض", "يرفض", &[], "120"),
    // 13 threaten
    ("هدد", "يهدد", &["تهديد", "تهديدات"], "130"),
    // 14 protest
    ("احتج", "يحتج", &["احتجاج", "احتجاجات"], "140"),
    (
        "تظاهر",
        "يتظاهر",
        &["مظاهره", "مظاهرات", "تظاهره", "تظاهرات"],
        "141",
    ),
    ("احتشد", "يحتشد", &["حشود"], "141"),
    ("تجمهر", "يتجمهر", &[], "141"),
    ("تجمع", "يتجمع", &[], "141"),
    ("اعتصم", "يعتصم", &["اعتصام", "اعتصامات"], "141"),
    ("هتف", "يهتف", &["هتافات"], "141"),
    ("", "", &["مسيره", "مسيرات"], "141"),
    ("اضرب", "", &["اضراب", "اضرابات"], "143"),
    ("قاطع", "يقاطع", &["مقاطعه"], "143"),
    // 17 coerce
    ("اعتقل", "يعتقل", &["اعتقال", "اعتقالات"], "173"),
    ("احتجز", "يحتجز", &["احتجاز"], "173"),
    ("داهم", "يداهم", &["مداهمه", "مداهمات"], "171"),
    // 18 assault
    ("خطف", "يخطف", &["خطف"], "181"),
    ("اختطف", "يختطف", &["اختطاف"], "181"),
    ("اعتدي", "يعتدي", &["اعتداء", "اعتداءات"], "182"),
    ("فجر", "يفجر", &["تفجير", "تفجيرات"], "183"),
    ("انفجر", "ينفجر", &["انفجار", "انفجارات"], "183"),
    ("اغتال", "يغتال", &["اغتيال"], "186"),
    ("قتل", "يقتل", &["مقتل", "قتل"], "180"),
    ("ذبح", "يذبح", &[], "180"),
    ("عذب", "يعذب", &["تعذيب"], "180"),
    (
        "",
        "",
        &["مصرع", "مصرعه", "مصرعها", "مصرعهم", "مصرعهما"],
        "180",
    ),
    ("هاجم", "يهاجم", &["هجوم", "هجمات", "الهجوم"], "180"),
    // 19 fight
    ("اشتبك", "يشتبك", &["اشتباك", "اشتباكات"], "190"),
    ("قصف", "يقصف", &["قصف"], "194"),
    ("", "", &["غاره", "غارات"], "195"),
];

/// Two-word triggers: (first word, second word, code). The first may be any form of
/// a lexicon verb given by its past stem.
const BIGRAMS: &[(&str, &str, &str)] = &[
    ("اتصال", "هاتفي", "041"),
    ("اتصالا", "هاتفيا", "041"),
    ("اتصالات", "هاتفيه", "041"),
    ("اتصالين", "هاتفيين", "041"),
    ("مكالمه", "هاتفيه", "041"),
    ("فرض", "عقوبات", "163"),
    ("يفرض", "عقوبات", "163"),
    ("رفع", "العقوبات", "085"),
    ("يرفع", "العقوبات", "085"),
    ("رفع", "عقوبات", "085"),
    ("القي", "القبض", "173"),
    ("القت", "القبض", "173"),
    ("يلقي", "القبض", "173"),
    ("وقع", "اتفاق", "057"),
    ("وقع", "اتفاقيه", "057"),
    ("وقعت", "اتفاقيه", "057"),
    ("وقعت", "اتفاق", "057"),
    ("وقعا", "اتفاق", "057"),
    ("وقعا", "اتفاقيه", "057"),
    ("توقيع", "اتفاق", "057"),
    ("توقيع", "اتفاقيه", "057"),
    ("اضراب", "عن", "142"),
    ("اطلق", "النار", "190"),
    ("اطلقت", "النار", "190"),
    ("اطلقوا", "النار", "190"),
    ("اطلاق", "النار", "190"),
    ("اطلق", "صواريخ", "195"),
    ("اطلقت", "صواريخ", "195"),
    ("اطلاق", "صواريخ", "195"),
    ("فتح", "النار", "190"),
    ("فتحت", "النار", "190"),
    ("فتحوا", "النار", "190"),
    ("اطلاق", "نار", "190"),
    ("ضربه", "جويه", "195"),
    ("ضربات", "جويه", "195"),
    ("الضربات", "الجويه", "195"),
    ("اسقاط", "طايره", "190"),
    ("عمليه", "ارهابيه", "180"),
    ("عمليات", "ارهابيه", "180"),
    ("هجوم", "ارهابي", "180"),
    ("الحمله", "العسكريه", "190"),
    ("حمله", "عسكريه", "190"),
];

/// Goldstein scale by base code (CAMEO/GDELT table, for the codes used here).
fn goldstein(base: &str) -> f32 {
    match base {
        "020" => 3.0,
        "040" | "041" => 1.0,
        "042" => 1.9,
        "043" => 2.8,
        "045" => 5.0,
        "046" => 7.0,
        "051" => 3.4,
        "057" => 8.0,
        "085" => 7.0,
        "111" | "112" => -2.0,
        "120" => -4.0,
        "130" => -4.4,
        "140" | "141" | "142" | "143" => -6.5,
        "163" => -8.0,
        "171" => -9.2,
        "173" => -5.0,
        "180" | "181" => -9.0,
        "182" => -9.5,
        "183" | "186" => -10.0,
        "190" | "194" | "195" => -10.0,
        // Other codes (from PETRARCH's patterns): the root's typical value.
        _ => match base.get(..2).unwrap_or("") {
            "01" => 0.0,
            "02" => 3.0,
            "03" => 4.0,
            "04" => 1.0,
            "05" => 3.5,
            "06" => 6.0,
            "07" => 7.0,
            "08" => 5.0,
            "09" => -2.0,
            "10" => -5.0,
            "11" => -2.0,
            "12" => -4.0,
            "13" => -4.4,
            "14" => -6.5,
            "15" => -7.2,
            "16" => -4.0,
            "17" => -5.0,
            "18" => -9.0,
            "19" | "20" => -10.0,
            _ => 0.0,
        },
    }
}

/// GDELT QuadClass of a root code.
fn quad_class(root: u8) -> u8 {
    match root {
        1..=5 => 1,
        6..=8 => 2,
        9..=13 => 3,
        _ => 4,
    }
}

#[derive(Clone, Copy)]
struct Trig {
    code: &'static str,
    verb: bool,
    /// The trigger names its own actors (`المتظاهرون`).
    actor: bool,
}

/// Nouns naming protesters: their presence is the protest and they are its actor.
const PROTESTERS: &[&str] = &[
    "متظاهرون",
    "متظاهرين",
    "متظاهرا",
    "متظاهر",
    "محتجون",
    "محتجين",
    "محتجا",
    "معتصمون",
    "معتصمين",
];

/// Quantity words before an actor (`مئات من الطلبة`, `عشرات المستوطنين`).
const QUANTITIES: &[&str] = &[
    "مئات",
    "الاف",
    "الالاف",
    "عشرات",
    "عدد",
    "مجموعه",
    "حشود",
    "الاف",
    "نحو",
    "حوالي",
    "بعض",
    "ثلاثه",
    "اربعه",
    "خمسه",
    "سته",
    "سبعه",
    "ثمانيه",
    "تسعه",
    "عشره",
    "اثنين",
    "اثنان",
    "ثلاث",
];

/// Every surface form (without clitics) → trigger.
fn forms() -> &'static HashMap<String, Trig> {
    static F: OnceLock<HashMap<String, Trig>> = OnceLock::new();
    F.get_or_init(|| {
        let mut m = HashMap::new();
        for &(past, present, nouns, code) in LEXICON {
            let verb = Trig {
                code,
                verb: true,
                actor: false,
            };
            if !past.is_empty() {
                for suffix in ["", "ت", "وا", "ا", "تا", "ن", "نا", "تم"] {
                    m.entry(format!("{past}{suffix}")).or_insert(verb);
                }
            }
            if let Some(stem) = present.strip_prefix('ي') {
                for prefix in ["ي", "ت", "ن", "ا"] {
                    for suffix in ["", "ون", "ان", "ين", "ن"] {
                        m.entry(format!("{prefix}{stem}{suffix}")).or_insert(verb);
                    }
                }
            }
            for &n in nouns {
                m.insert(
                    n.to_string(),
                    Trig {
                        code,
                        verb: false,
                        actor: false,
                    },
                );
            }
        }
        for &n in PROTESTERS {
            m.insert(
                n.to_string(),
                Trig {
                    code: "141",
                    verb: false,
                    actor: true,
                },
            );
        }
        m
    })
}

/// The trigger of a word, and whether a future prefix `س` was on it.
fn trigger_of(word: &str) -> Option<(Trig, bool)> {
    trigger_of_key(&word_key(word))
}

/// [`trigger_of`] for a word already search-normalized.
fn trigger_of_key(k: &str) -> Option<(Trig, bool)> {
    if k.len() < 4 {
        return None;
    }
    let f = forms();
    // Conjunctions, then the future prefix (verbs) or prepositions and the article
    // (nouns): `وسيزور`, `بالهجوم`, `للاحتجاج`.
    let mut base: Vec<&str> = vec![k];
    for p in ["و", "ف"] {
        if let Some(r) = k.strip_prefix(p) {
            base.push(r);
        }
    }
    for b in base {
        if let Some(t) = f.get(b) {
            return Some((*t, false));
        }
        if let Some(r) = b
            .strip_prefix('س')
            .filter(|r| r.starts_with(['ي', 'ت', 'ن']))
        {
            if let Some(t) = f.get(r).filter(|t| t.verb) {
                return Some((*t, true));
            }
        }
        let mut nouns: Vec<String> = Vec::new();
        for p in ["بال", "لل", "ال", "ب", "ل", "ك"] {
            if let Some(r) = b.strip_prefix(p) {
                nouns.push(r.to_string());
            }
        }
        for n in nouns {
            if let Some(t) = f.get(n.as_str()).filter(|t| !t.verb) {
                return Some((*t, false));
            }
        }
    }
    None
}

/// Generic agents (PETRARCH): bare singular → CAMEO agent code.
fn agents() -> &'static HashMap<String, &'static str> {
    static A: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    A.get_or_init(|| {
        let mut m = HashMap::new();
        for line in include_str!("../data/agents.all.ar_v3.txt").lines() {
            let line = line.trim();
            if line.starts_with('#') {
                continue;
            }
            let (Some(open), Some(close)) = (line.find('['), line.find(']')) else {
                continue;
            };
            let word = line[..open].trim();
            if word.contains('_') || word.is_empty() {
                continue;
            }
            let code = line[open + 1..close].trim_start_matches('~').trim();
            if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
                continue;
            }
            let code: &'static str = Box::leak(code.to_string().into_boxed_str());
            let key = agent_key(&word_key(word));
            m.entry(key).or_insert(code);
        }
        // Frequent news agents the dictionary spells differently.
        for (w, c) in [
            ("متظاهر", "CVL"),
            ("محتج", "CVL"),
            ("مسلح", "REB"),
            ("شرطه", "COP"),
            ("جيش", "MIL"),
            ("قوات", "MIL"),
            ("جنود", "MIL"),
            ("جندي", "MIL"),
            ("انتحاري", "REB"),
            ("مستوطن", "CVL"),
            ("مواطن", "CVL"),
            ("طالب", "EDU"),
            ("عامل", "LAB"),
            ("معلم", "EDU"),
            ("معارض", "OPP"),
            ("متمرد", "REB"),
            ("ثوار", "REB"),
            ("ثاير", "REB"),
            ("شخص", "CVL"),
            ("اشخاص", "CVL"),
            ("مدني", "CVL"),
            ("مدنيين", "CVL"),
            ("طلبه", "EDU"),
            ("فدايي", "REB"),
            ("مستوطني", "CVL"),
        ] {
            m.insert(w.to_string(), c);
        }
        m
    })
}

/// A word reduced for agent lookup: article, proclitics and plural endings off.
fn agent_key(k: &str) -> String {
    let mut s = k.trim_start_matches('و');
    for p in ["بال", "لل", "ال", "ب", "ل"] {
        if let Some(r) = s.strip_prefix(p) {
            if r.chars().count() >= 3 {
                s = r;
                break;
            }
        }
    }
    for suf in ["ون", "ين", "ات", "ه", "ا"] {
        if let Some(r) = s.strip_suffix(suf) {
            if r.chars().count() >= 3 {
                return r.to_string();
            }
        }
    }
    s.to_string()
}

/// An actor or target candidate in the sentence.
#[derive(Clone, Debug)]
struct Cand {
    end_tok: usize,
    id: Option<String>,
    text: String,
    code: Option<String>,
}

const PREPS: &[&str] = &[
    "في", "من", "الي", "علي", "عن", "ضد", "مع", "بين", "منذ", "خلال", "قرب", "داخل",
];
const NEGATIONS: &[&str] = &["لم", "لن", "لا", "ما", "ليس", "ولم", "ولن", "ولا"];
const MODALS: &[&str] = &[
    "المقرر",
    "المتوقع",
    "يعتزم",
    "تعتزم",
    "ينوي",
    "تنوي",
    "سوف",
    "يمكن",
    "يجب",
    "سيتم",
    "مرتقب",
    "المرتقب",
    "يرتقب",
];

/// Find the events of an article (after entity resolution).
pub fn find_events(article: &Article) -> Vec<Event> {
    find_events_in(article, &tokenize(&article.text))
}

/// [`find_events`] with the article's tokens already at hand.
pub fn find_events_in(article: &Article, tokens: &[Token]) -> Vec<Event> {
    let text = &article.text;
    if tokens.is_empty() {
        return Vec::new();
    }
    let words: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
    let keys: Vec<String> = words.iter().map(|w| word_key(w)).collect();
    let published = article.published.as_ref().and_then(|p| {
        let v = &p.value;
        let y: i32 = v.get(0..4)?.parse().ok()?;
        let m: u8 = v.get(5..7)?.parse().ok()?;
        let d: u8 = v.get(8..10)?.parse().ok()?;
        Some((y, m, d))
    });
    // Candidates: entity mentions and generic agents.
    let mention_at = crate::mention_at(article, tokens);
    let entity = |id: &str| article.entities.iter().find(|e| e.id == id);
    let code_of = |country: Option<&str>, agent: Option<&str>| -> Option<String> {
        let c = format!("{}{}", country.unwrap_or(""), agent.unwrap_or(""));
        (!c.is_empty()).then_some(c)
    };
    let mention_cand = |t: usize, as_target: bool| -> Option<Cand> {
        if let Some(mi) = mention_at[t] {
            let m = &article.mentions[mi];
            if m.label == "MISC" {
                return None;
            }
            // A place after a preposition is where, not who (`في الدوحة`, `بشأن سوريا`).
            let prev = t.checked_sub(1).map(|p| keys[p].as_str()).unwrap_or("");
            // A country after `على`/`ضد` is a target (`عقوبات على إيران`); a city is
            // where it happened.
            let aimed = as_target
                && matches!(prev, "علي" | "ضد")
                && marsad_entities::latin::is_country(&m.text);
            if m.label == "LOC"
                && !aimed
                && (PREPS.contains(&prev) || matches!(prev, "بشان" | "حول" | "تجاه" | "لدي"))
            {
                return None;
            }
            let mut end = t;
            while end < tokens.len() && mention_at[end] == Some(mi) {
                end += 1;
            }
            let e = m.entity.as_deref().and_then(entity);
            let code = e.and_then(|e| code_of(e.country.as_deref(), e.agent.as_deref()));
            return Some(Cand {
                end_tok: end,
                id: m.entity.clone(),
                text: e.map_or_else(|| m.text.clone(), |e| e.name.clone()),
                code: code.or_else(|| {
                    (m.label == "LOC")
                        .then(|| e.and_then(|e| e.country.clone()))
                        .flatten()
                }),
            });
        }
        None
    };
    let cand_any = |t: usize, as_target: bool| -> Option<Cand> {
        if mention_at[t].is_some() {
            return mention_cand(t, as_target);
        }
        if tokens[t].kind == TokenKind::Punct || crate::quotes::speech_verb(words[t]).is_some() {
            return None;
        }
        // A title or office before a name is that person (`الرئيس دونالد ترامب`);
        // an office alone is an actor of its own (`وزيرة الداخلية`).
        let head = marsad_entities::roles::head_of(words[t]).is_some();
        let generic = agents().get(&agent_key(&keys[t])).copied();
        if head || generic.is_some() {
            let limit = (t + 5).min(tokens.len());
            if let Some(n) = (t + 1..limit)
                .find(|&n| mention_at[n].is_some_and(|mi| article.mentions[mi].label == "PER"))
            {
                let clean = (t + 1..n).all(|k| {
                    tokens[k].kind != TokenKind::Punct && !PREPS.contains(&keys[k].as_str())
                });
                if clean {
                    return mention_cand(n, as_target);
                }
            }
        }
        if head {
            let mut end = t + 1;
            while end < tokens.len()
                && end < t + 4
                && tokens[end].kind != TokenKind::Punct
                && mention_at[end].is_none()
                && !PREPS.contains(&keys[end].as_str())
                && trigger_of(words[end]).is_none()
            {
                end += 1;
            }
            let phrase: Vec<&str> = words[t..end].to_vec();
            let country = marsad_entities::codes::country_in(&phrase);
            let agent = marsad_entities::codes::agent_of(&phrase);
            let span = Span::new(tokens[t].start, tokens[end - 1].end);
            return Some(Cand {
                end_tok: end,
                id: None,
                text: marsad_article::slice_chars(text, span.start, span.end).to_string(),
                code: code_of(country, agent),
            });
        }
        let Some(agent) = generic else {
            // A people named by nationality (`الفلسطينيين`, `إيرانيون`): their country.
            let country = people_country(words[t])?;
            let span = Span::new(tokens[t].start, tokens[t].end);
            return Some(Cand {
                end_tok: t + 1,
                id: None,
                text: marsad_article::slice_chars(text, span.start, span.end).to_string(),
                code: Some(country),
            });
        };
        // A nationality adjective after the agent gives its country (`القوات الأمريكية`).
        let mut end = t + 1;
        let mut country = None;
        if end < tokens.len() {
            if let Some(c) = nationality(words[end]) {
                country = Some(c);
                end += 1;
            }
        }
        let span = Span::new(tokens[t].start, tokens[end - 1].end);
        Some(Cand {
            end_tok: end,
            id: None,
            text: marsad_article::slice_chars(text, span.start, span.end).to_string(),
            code: code_of(country.as_deref(), Some(agent)),
        })
    };
    let cand_at = |t: usize| cand_any(t, false);
    let target_at = |t: usize| cand_any(t, true);
    let sentence_of = |tok: usize| -> (usize, usize) {
        let off = tokens[tok].start;
        article
            .sentences
            .iter()
            .find(|s| s.start <= off && off < s.end)
            .map(|s| {
                (
                    tokens.partition_point(|t| t.end <= s.start),
                    tokens.partition_point(|t| t.start < s.end),
                )
            })
            .unwrap_or((0, tokens.len()))
    };
    let mut out = Vec::new();
    let mut date_cache: HashMap<(usize, bool), (Option<String>, Option<String>)> = HashMap::new();
    let mut i = 0;
    while i < tokens.len() {
        let (trig, fut_prefix, len) = match bigram_at(&keys, i) {
            Some(code) => (
                Trig {
                    code,
                    verb: true,
                    actor: false,
                },
                false,
                2,
            ),
            None => match trigger_of_key(&keys[i]) {
                Some((t, f)) => (t, f, 1),
                // PETRARCH's verb + object patterns where the lexicon has no trigger.
                None => match crate::petrarch::pattern_at(&keys, i) {
                    Some(code) => (
                        Trig {
                            code,
                            verb: true,
                            actor: false,
                        },
                        false,
                        1,
                    ),
                    None => {
                        i += 1;
                        continue;
                    }
                },
            },
        };
        let (s0, s1) = sentence_of(i);
        // Flags: negation right before, future/modal markers in the clause before.
        let mut flags = Vec::new();
        let before = |n: usize| (i.saturating_sub(n).max(s0)..i).map(|t| keys[t].as_str());
        if before(2).any(|k| NEGATIONS.contains(&k)) {
            flags.push("negated".to_string());
        }
        if fut_prefix || before(4).any(|k| MODALS.contains(&k.trim_start_matches('و'))) {
            flags.push("future".to_string());
        }
        // Actor: after a verb (VSO) unless a preposition comes first, else before it;
        // for nouns, the agent after `ل`/`شنها` or the closest before.
        let after = |from: usize, n: usize| -> Option<Cand> {
            let mut t = from;
            let mut limit = from + n;
            while t < s1 && t < limit {
                let k = keys[t].trim_start_matches('و');
                if QUANTITIES.contains(&k) || k.chars().all(|c| c.is_ascii_digit()) {
                    // `مئات من طلبة المدارس`: skip the quantity and its `من`.
                    t += 1;
                    if t < s1 && keys[t] == "من" {
                        t += 1;
                    }
                    limit += 2;
                    continue;
                }
                if PREPS.contains(&keys[t].as_str()) {
                    return None;
                }
                if let Some(c) = cand_at(t) {
                    return Some(c);
                }
                t += 1;
            }
            None
        };
        let before_cand = |n: usize| -> Option<Cand> {
            let lo = i.saturating_sub(n).max(s0);
            (lo..i).rev().find_map(cand_at)
        };
        let trig_end = i + len;
        // `أعلن أنه سيلتقي زعيم كوريا`: the pronoun is the earlier subject; the name
        // after the verb is the object.
        let pronoun_subject = i > s0
            && matches!(
                keys[i - 1].trim_start_matches('و'),
                "انه" | "انها" | "انهم" | "بانه" | "بانها"
            );
        let (actor, target) = if pronoun_subject && trig.verb {
            (
                before_cand(14),
                after(trig_end, 4).or_else(|| target_after(&keys, trig_end, s1, &target_at)),
            )
        } else if trig.actor {
            (
                cand_at(i).or_else(|| {
                    let span = Span::new(tokens[i].start, tokens[i].end);
                    Some(Cand {
                        end_tok: i + 1,
                        id: None,
                        text: marsad_article::slice_chars(text, span.start, span.end).to_string(),
                        code: Some("CVL".into()),
                    })
                }),
                None,
            )
        } else if trig.verb {
            match after(trig_end, 4) {
                Some(a) => {
                    let target = target_after(&keys, a.end_tok, s1, &cand_at);
                    (Some(a), target)
                }
                None => (
                    before_cand(8),
                    target_after(&keys, trig_end, s1, &target_at),
                ),
            }
        } else if matches!(trig.code, "180") && keys[i].ends_with("مقتل") {
            // `مقتل 3 جنود`: those named after the noun are the victims.
            (
                None,
                target_after(&keys, trig_end, s1, &target_at).or_else(|| after(trig_end, 5)),
            )
        } else {
            (
                after(trig_end, 3).or_else(|| before_cand(6)),
                target_after(&keys, trig_end, s1, &target_at),
            )
        };
        // `تلقى X اتصالا هاتفيا من Y`: Y called X.
        let received = (i.saturating_sub(8).max(s0)..i).any(|t| {
            let k = keys[t].trim_start_matches('و');
            k.starts_with("تلق") || k.starts_with("يتلق")
        });
        let (actor, target) = if received && trig.code.starts_with("04") {
            let from = (trig_end..s1.min(trig_end + 6)).find(|&t| keys[t] == "من");
            // The caller: an entity named after `من`, else a generic agent.
            let named = |f: usize| {
                (f + 1..s1.min(f + 8))
                    .find(|&t| mention_at[t].is_some())
                    .and_then(cand_at)
                    .or_else(|| (f + 1..s1.min(f + 4)).find_map(cand_at))
            };
            match from.and_then(named) {
                Some(caller) => (Some(caller), before_cand(8)),
                None => (actor, target),
            }
        } else {
            (actor, target)
        };
        // One entity does not act on itself here.
        // The same candidate as actor and target: an unvoweled verb read as passive
        // (`قتل ثلاثة جنود`, three soldiers were killed): it is the target.
        let actor = actor.filter(|a| {
            target
                .as_ref()
                .is_none_or(|t| a.text != t.text || a.id != t.id)
        });
        let span = Span::new(tokens[i].start, tokens[trig_end - 1].end);
        let code = trig.code.to_string();
        let base: String = code.chars().take(3).collect();
        let root = base[..2].to_string();
        let root_n: u8 = root.parse().unwrap_or(0);
        // Date: a relative or explicit date in the sentence, else the publication date.
        let tense = if flags.iter().any(|f| f == "future") {
            Tense::Future
        } else {
            Tense::Past
        };
        // Dates are found once per sentence and tense.
        let (date, how) = date_cache
            .entry((s0, tense == Tense::Future))
            .or_insert_with(|| {
                let sentence = &text[tokens[s0].byte_start..tokens[s1 - 1].byte_end];
                match published.map(|p| find_relative(sentence, p, tense)) {
                    Some(r) if !r.is_empty() => {
                        (Some(r[0].date.clone()), Some(r[0].how.to_string()))
                    }
                    _ => match marsad_text::dates::find_date(sentence) {
                        Some((_, _, d)) => (
                            Some(d.iso().chars().take(10).collect()),
                            Some("explicit".into()),
                        ),
                        None => (
                            published.map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
                            published.map(|_| "publication".to_string()),
                        ),
                    },
                }
            })
            .clone();
        out.push(Event {
            span,
            code,
            base_code: base.clone(),
            root_code: root,
            quad_class: quad_class(root_n),
            goldstein: goldstein(&base),
            actor: actor
                .as_ref()
                .map(|a| a.id.clone().unwrap_or_else(|| a.text.clone())),
            actor_text: actor.as_ref().map(|a| a.text.clone()),
            actor_code: actor.and_then(|a| a.code),
            target: target
                .as_ref()
                .map(|a| a.id.clone().unwrap_or_else(|| a.text.clone())),
            target_text: target.as_ref().map(|a| a.text.clone()),
            target_code: target.and_then(|a| a.code),
            date,
            date_how: how,
            flags,
        });
        i = trig_end;
    }
    out
}

fn bigram_at(keys: &[String], i: usize) -> Option<&'static str> {
    let a = keys.get(i)?;
    let b = keys.get(i + 1)?;
    let a = a.strip_prefix('و').unwrap_or(a);
    let a = a
        .strip_prefix('ب')
        .filter(|r| r.starts_with("اتصال"))
        .unwrap_or(a);
    BIGRAMS
        .iter()
        .find(|(x, y, _)| a == *x && (b == y || b.strip_prefix("ال") == Some(y)))
        .map(|&(_, _, c)| c)
}

/// The target: a candidate after `على`/`ضد`/`مع`/`ب…`, or the object right after.
fn target_after(
    keys: &[String],
    from: usize,
    end: usize,
    cand_at: &dyn Fn(usize) -> Option<Cand>,
) -> Option<Cand> {
    let mut t = from;
    while t < end && t < from + 6 {
        if let Some(c) = cand_at(t) {
            return Some(c);
        }
        let k = keys[t].as_str();
        if !matches!(k, "علي" | "ضد" | "مع" | "من" | "نحو")
            && !k.chars().all(|c| c.is_ascii_digit())
            && !QUANTITIES.contains(&k)
        {
            // A few modifiers may come first (`عقوبات صارمة على إيران`).
            if t > from + 2 {
                return None;
            }
        }
        t += 1;
    }
    None
}

/// Country of a plural nationality noun (`الفلسطينيين` → PSE, `صوماليون` → SOM).
fn people_country(word: &str) -> Option<String> {
    let k = word_key(word);
    let k = k.trim_start_matches('و');
    let k = k.strip_prefix("ال").unwrap_or(k);
    for suffix in ["يين", "يون", "ين", "ون"] {
        if let Some(stem) = k.strip_suffix(suffix) {
            if stem.chars().count() < 3 {
                continue;
            }
            let adj = format!("ال{stem}ي");
            if let Some(c) = marsad_entities::codes::country_of_word(&adj) {
                return Some(c.to_string());
            }
        }
    }
    None
}

fn nationality(word: &str) -> Option<String> {
    marsad_entities::codes::country_of_word(word)
        .filter(|_| word.starts_with("ال") || word.starts_with("وال"))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triggers_and_forms() {
        let code = |w: &str| trigger_of(w).map(|(t, f)| (t.code, f));
        assert_eq!(code("وقتلوا"), Some(("180", false)));
        assert_eq!(code("يتظاهرون"), Some(("141", false)));
        assert_eq!(code("سيزور"), Some(("042", true)));
        assert_eq!(code("بالهجوم"), Some(("180", false)));
        assert_eq!(code("للاحتجاج"), Some(("140", false)));
        assert_eq!(code("الاعتقالات"), Some(("173", false)));
        assert_eq!(code("الوزير"), None);
        assert_eq!(code("تغير"), None, "not a raid: «to change»");
        let keys: Vec<String> = ["اتصالا", "هاتفيا"].iter().map(|w| word_key(w)).collect();
        assert_eq!(bigram_at(&keys, 0), Some("041"));
        let keys: Vec<String> = ["فرض", "العقوبات"].iter().map(|w| word_key(w)).collect();
        assert_eq!(bigram_at(&keys, 0), Some("163"));
    }

    #[test]
    fn codes_and_people() {
        assert_eq!(quad_class(4), 1);
        assert_eq!(quad_class(14), 4);
        assert_eq!(goldstein("183"), -10.0);
        assert_eq!(people_country("الفلسطينيين").as_deref(), Some("PSE"));
        assert_eq!(people_country("إيرانيون").as_deref(), Some("IRN"));
        assert_eq!(people_country("الموظفين"), None);
        assert_eq!(agent_key("المتظاهرين"), "متظاهر");
        assert_eq!(agents().get("متظاهر"), Some(&"CVL"));
    }
}
