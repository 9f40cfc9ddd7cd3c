//! CAMEO-coded events: actor – action – target, with dates.
//!
//! A hand-written trigger lexicon covers what Arabic news is full of — phone calls,
//! visits and meetings, negotiations, appeals, agreements, sanctions imposed or
//! lifted, criticism and accusations, threats, protests and strikes, arrests,
//! abductions, bombings, assassinations, killings, attacks and air strikes — as verbs
//! (all persons, past and present, with clitics) and nouns, plus two-word triggers
//! (`اتصالا هاتفيا`, `فرض عقوبات`, `ألقى القبض`). Actors are the article's entities
//! or generic agents (PETRARCH's Arabic agent dictionary: `متظاهرون`, `مسلحون`,
//! `الشرطة`), coded as country + agent (`USAGOV`). Violence is also named by word
//! combinations (a firing verb and its projectile, strikes «on», aiming at a place,
//! shells falling), and a trigger's context may change its sense (a county, not a
//! boycott; an accident, not a killing; a verbal attack; a ceasefire). Negated
//! (including denied: `نفى`, `عدم وجود أي`) and future/modal/hypothetical events are
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
    ("تفجر", "يتفجر", &[], "183"),
    ("اغتال", "يغتال", &["اغتيال"], "186"),
    // The passive (`اغتيل ثلاثة روس`).
    ("اغتيل", "", &[], "186"),
    ("اغتصب", "يغتصب", &["اغتصاب"], "1821"),
    ("قتل", "يقتل", &["مقتل", "قتل"], "180"),
    ("ذبح", "يذبح", &[], "180"),
    ("عذب", "يعذب", &["تعذيب"], "180"),
    (
        "",
        "",
        &["مصرع", "مصرعه", "مصرعها", "مصرعهم", "مصرعهما"],
        "180",
    ),
    (
        "هاجم",
        "يهاجم",
        &["هجوم", "هجمات", "الهجوم", "مهاجمه"],
        "180",
    ),
    // 19 fight
    ("اشتبك", "يشتبك", &["اشتباك", "اشتباكات"], "190"),
    ("", "يقاتل", &["قتال", "اقتتال", "مواجهات"], "190"),
    ("", "", &["عدوان"], "190"),
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
    // A popular (protest) movement, not a diplomatic one (`الحراك الدبلوماسي`).
    ("الحراك", "الشعبي", "140"),
    ("حراك", "شعبي", "140"),
    ("الحراك", "الاحتجاجي", "140"),
    ("حراك", "احتجاجي", "140"),
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

/// [`trigger_of`] for a word already search-normalized. Besides the listed forms: a
/// noun with the accusative `ا` or a dual ending (`هجوما`, `انفجارين`), and an
/// assault word with a pronoun enclitic (`اختطافها`, `اغتالته`, `أطلقتهما`).
fn trigger_of_key(k: &str) -> Option<(Trig, bool)> {
    if let Some(t) = lookup_key(k) {
        return Some(t);
    }
    for suffix in ["ا", "ان", "ين"] {
        if let Some(r) = k.strip_suffix(suffix).filter(|r| r.chars().count() >= 4) {
            if let Some(t) = lookup_key(r).filter(|(t, _)| !t.verb) {
                return Some(t);
            }
        }
    }
    for suffix in ["هما", "هم", "ها", "ه"] {
        if let Some(r) = k.strip_suffix(suffix).filter(|r| r.chars().count() >= 3) {
            if let Some(t) =
                lookup_key(r).filter(|(t, _)| matches!(&t.code[..2], "18" | "19" | "20"))
            {
                return Some(t);
            }
        }
    }
    None
}

fn lookup_key(k: &str) -> Option<(Trig, bool)> {
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
const NEGATIONS: &[&str] = &[
    "لم", "لن", "لا", "ما", "ليس", "ولم", "ولن", "ولا", "عدم", "دون", "بدون",
];
/// Verbs of denial: an event after them in the sentence is denied (`السعودية
/// تنفي أنباء مقتل خاشقجي`).
const DENIALS: &[&str] = &[
    "نفي",
    "نفت",
    "نفوا",
    "ينفي",
    "تنفي",
    "ينفون",
    "نافيا",
    "نافيه",
    "تنفيان",
    "ينفيان",
];
/// Conditionals: what follows is hypothetical (`فإذا قلت لهم لماذا شننتم الغارة`).
const CONDITIONALS: &[&str] = &["اذا", "لو", "لولا"];

/// Whether the trigger at `i` is negated: a negation right before it (`لم يقتل`,
/// `عدم مقاطعة`), further back when `أي` stands before it (`عدم وجود أي هجوم`, `لم
/// ينفذوا أي غارات`), or a verb of denial earlier in the sentence. `ما` negates a
/// verb only, and not after an adverb (`نادرا ما اشتبك`); `لا سيما` is «especially».
fn negated(keys: &[String], i: usize, s0: usize, verb: bool) -> bool {
    let negation = |t: usize| {
        let k = keys[t].as_str();
        match k {
            "ما" => {
                verb && !(t > s0
                    && matches!(
                        keys[t - 1].trim_start_matches('و'),
                        "نادرا"
                            | "كثيرا"
                            | "غالبا"
                            | "قليلا"
                            | "طالما"
                            | "ربما"
                            | "عاده"
                            | "بعد"
                            | "عند"
                            | "حين"
                            | "كل"
                            | "مثل"
                            | "كما"
                            | "قبل"
                            | "بين"
                            | "اكثر"
                            | "اول"
                    ))
            }
            "لا" | "ولا" => keys.get(t + 1).is_none_or(|n| n != "سيما"),
            _ => NEGATIONS.contains(&k),
        }
    };
    let lo = |n: usize| i.saturating_sub(n).max(s0);
    if (lo(2)..i).any(negation) {
        return true;
    }
    let any = i > s0 && matches!(keys[i - 1].as_str(), "اي" | "ايه" | "باي" | "لاي");
    if any && (lo(6)..i - 1).any(negation) {
        return true;
    }
    // A denied responsibility is no denied event (`نفت الحركة مسؤوليتها عن الهجوم`).
    (lo(20)..i).any(|t| {
        DENIALS.contains(&keys[t].trim_start_matches(['و', 'ف']))
            && !(t + 1..i).any(|u| {
                let b = bare_key(&keys[u]);
                [
                    "مسوول",
                    "مسيول",
                    "تورط",
                    "علاق",
                    "صله",
                    "صلت",
                    "ضلوع",
                    "وقوف",
                    "دور",
                    "مشارك",
                    "ضلع",
                ]
                .iter()
                .any(|s| b.starts_with(s))
            })
    })
}

/// An auxiliary with the future prefix before a verbal noun (`سيتمكنون من شن هجمات`,
/// `ستقوم بتنفيذ`).
fn future_aux(k: &str) -> bool {
    let k = k.trim_start_matches(['و', 'ف']);
    let Some(rest) = k.strip_prefix('س') else {
        return false;
    };
    let Some(stem) = rest.strip_prefix(['ي', 'ت', 'ن']) else {
        return false;
    };
    [
        "تمكن",
        "حاول",
        "واصل",
        "ستمر",
        "قوم",
        "بدا",
        "عود",
        "شن",
        "نفذ",
        "ستطيع",
    ]
    .iter()
    .any(|s| stem.starts_with(s))
}
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
    "التحضير",
    "بالتحضير",
    "يخطط",
    "تخطط",
    "يخططون",
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
        let verb_trig = |code| Trig {
            code,
            verb: true,
            actor: false,
        };
        let found = bigram_at(&keys, i)
            .map(|(code, len)| (verb_trig(code), false, len))
            .or_else(|| compound_at(&keys, i).map(|code| (verb_trig(code), false, 1)))
            .or_else(|| trigger_of_key(&keys[i]).map(|(t, f)| (t, f, 1)))
            // PETRARCH's verb + object patterns where the lexicon has no trigger.
            .or_else(|| crate::petrarch::pattern_at(&keys, i).map(|c| (verb_trig(c), false, 1)));
        let Some((trig, fut_prefix, len)) = found else {
            i += 1;
            continue;
        };
        let (s0, s1) = sentence_of(i);
        // Flags: negation right before, future/modal markers in the clause before.
        let mut flags = Vec::new();
        // Words around the trigger that make it another event or none at all.
        let is_name =
            |t: usize| mention_at[t].is_some_and(|mi| article.mentions[mi].label != "MISC");
        let Some(code) = sense(&keys, &words, i, len, trig, (s0, s1), &is_name) else {
            i += len;
            continue;
        };
        let trig = Trig { code, ..trig };
        let before = |n: usize| (i.saturating_sub(n).max(s0)..i).map(|t| keys[t].as_str());
        if negated(&keys, i, s0, trig.verb) {
            flags.push("negated".to_string());
        }
        // `للقتال هناك`: to fight, a purpose.
        let purpose = trig.code.starts_with("19")
            && ["للقتال", "لقتال"].contains(&keys[i].trim_start_matches('و'));
        if fut_prefix
            || purpose
            || before(4).any(|k| MODALS.contains(&k.trim_start_matches('و')) || future_aux(k))
            || before(6).any(|k| CONDITIONALS.contains(&k.trim_start_matches(['و', 'ف'])))
        {
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
        // Security forces massing are deployed, not protesting (`احتشدت قوات الشرطة`).
        let gathering = [
            "احتشد",
            "تحتشد",
            "يحتشد",
            "تجمع",
            "يتجمع",
            "تجمهر",
            "يتجمهر",
        ]
        .iter()
        .any(|s| keys[i].trim_start_matches('و').starts_with(s));
        let forces = actor
            .as_ref()
            .and_then(|a| a.code.as_deref())
            .is_some_and(|c| c.ends_with("MIL") || c.ends_with("COP") || c.ends_with("SPY"));
        if trig.code == "141" && trig.verb && gathering && forces {
            i = trig_end;
            continue;
        }
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

/// Causes of death and explosions that are no assault.
const ACCIDENTS: &[&str] = &[
    "حادث",
    "حوادث",
    "انقلب",
    "انقلبت",
    "قطار",
    "انهيار",
    "انهار",
    "انهارت",
    "اعصار",
    "زلزال",
    "فيضان",
    "فيضانات",
    "سيول",
    "بركان",
    "بركاني",
    "بركانيه",
    "غرق",
    "غرقا",
    "حريق",
    "حرايق",
    "تسمم",
    "كحوليه",
    "اصطدام",
    "تصادم",
    "تحطم",
    "تحطمت",
    "شرفه",
    "صاعقه",
    "عاصفه",
    "انزلاق",
    "تدافع",
    "مروري",
    "مروريه",
    "منجم",
];
/// Signs of deliberate violence, which overrule [`ACCIDENTS`] (`حادث إطلاق نار`).
const DELIBERATE: &[&str] = &[
    "ارهابي",
    "ارهابيه",
    "قنبله",
    "قنابل",
    "متفجرات",
    "متفجره",
    "لغم",
    "متعمد",
    "متعمده",
    "عمدا",
    "مهاجمه",
    "ارهابيين",
    "ارهابيون",
    "مسلح",
    "مسلحون",
    "مسلحين",
    "انتحاري",
    "مفخخه",
    "مفخخ",
    "عبوه",
    "ناسفه",
    "هجوم",
    "تفجير",
    "اطلاق",
    "رصاص",
    "طعن",
    "دهس",
    "قصف",
    "غاره",
    "غارات",
    "اغتيال",
    "استهداف",
    "اشتباكات",
    "مواجهات",
    "اعتداء",
    "هجمات",
];
/// Targets that make an attack figurative (`التعددية تتعرض لهجوم`).
const ABSTRACT: &[&str] = &[
    "تعدديه",
    "ديمقراطيه",
    "حريه",
    "حريات",
    "قيم",
    "صحافه",
    "دستور",
    "عولمه",
    "سمعه",
    "كرامه",
    "شرعيه",
    "سياسات",
    "مبادي",
    "تجاره",
    "اقتصاد",
];
/// Cues of a verbal attack (`خصها ترامب بالهجوم`, `هجوما لاذعا`, `هجوم حاد`).
const VERBAL: &[&str] = &[
    "لاذع",
    "لاذعا",
    "لاذعه",
    "حاد",
    "حادا",
    "حاده",
    "كلامي",
    "كلاميا",
    "لفظي",
    "اعلامي",
    "اعلاميه",
    "شخصي",
    "تغريده",
    "تغريدات",
    "خطاب",
    "انتقادات",
    "وصف",
];
const ANIMALS: &[&str] = &[
    "كلب",
    "كلاب",
    "كلبه",
    "قرش",
    "نمر",
    "دب",
    "ذيب",
    "ذياب",
    "تمساح",
    "ثعبان",
    "افعي",
    "نحل",
    "فيل",
    "قرد",
    "ضبع",
    "حيوان",
    "حيوانات",
    "اسد",
];

/// The code of the trigger at `i` in its context, `None` when it is no event of
/// that kind: `مقاطعة` as a county (`في مقاطعة جوزجان`, `شرطة مقاطعة لوغان`) or a
/// boycott between states (161); a death or explosion in an accident or disaster,
/// with no sign of deliberate violence; `المواد الشديدة الانفجار`; `قواعد الاشتباك`;
/// the ceasefire `وقف إطلاق النار`; a verbal or figurative attack (111) or an
/// animal's; a right in general (`الحق في الاحتجاج`); drones and careers, not
/// marches (`الطائرات المسيرة`); the grouping `تجمع دول الساحل`.
fn sense(
    keys: &[String],
    words: &[&str],
    i: usize,
    len: usize,
    trig: Trig,
    (s0, s1): (usize, usize),
    is_name: &dyn Fn(usize) -> bool,
) -> Option<&'static str> {
    let code = trig.code;
    let b = bare_key(&keys[i]);
    let prev = |n: usize| {
        if i >= s0 + n {
            bare_key(&keys[i - n])
        } else {
            ""
        }
    };
    let next = |n: usize| {
        let t = i + len - 1 + n;
        if t < s1 {
            bare_key(&keys[t])
        } else {
            ""
        }
    };
    let around = |lo: usize, hi: usize| {
        (i.saturating_sub(lo).max(s0)..(i + len + hi).min(s1)).map(|t| bare_key(&keys[t]))
    };
    let sentence = || (s0..s1).map(|t| bare_key(&keys[t]));
    if b == "مقاطعه" && !trig.verb {
        let county_head = matches!(
            prev(1),
            "في" | "شرطه"
                | "حاكم"
                | "سلطات"
                | "عاصمه"
                | "داخل"
                | "مدينه"
                | "مجلس"
                | "سكان"
                | "حكومه"
        );
        let nation = |t: usize| {
            let k = bare_key(&keys[t]);
            !(k.ends_with('ي') || k.ends_with("يه") || k.ends_with("يين") || k.ends_with("يون"))
                && marsad_entities::codes::country_in_strict(&[words[t]]).is_some()
        };
        let named_place = i + 1 < s1 && is_name(i + 1) && !nation(i + 1);
        if county_head || named_place {
            return None;
        }
        let states = (i.saturating_sub(8).max(s0)..(i + 9).min(s1))
            .filter(|&t| t != i && nation(t))
            .count();
        if states >= 2 || prev(1) == "دول" {
            return Some("161");
        }
        return Some(code);
    }
    let agentless = ["مصرع", "مقتل", "قتل", "انفجار", "انفجر", "ينفجر", "تنفجر"]
        .iter()
        .any(|s| b.starts_with(s));
    if matches!(code, "180" | "183")
        && agentless
        && sentence().any(|w| ACCIDENTS.contains(&w))
        && !sentence().any(|w| DELIBERATE.contains(&w))
    {
        return None;
    }
    // `فجر الاثنين`, `فجرا`: dawn.
    let day = |w: &str| {
        matches!(
            w,
            "اليوم"
                | "امس"
                | "يوم"
                | "الاحد"
                | "الاثنين"
                | "الثلاثاء"
                | "الاربعاء"
                | "الخميس"
                | "الجمعه"
                | "السبت"
                | "الغد"
        )
    };
    let kk = keys[i].trim_start_matches('و');
    if code == "183"
        && ((kk == "فجرا" && !(i + 1 < s1 && keys[i + 1].starts_with("نفس")))
            || (kk == "فجر" && i + 1 < s1 && day(keys[i + 1].as_str())))
    {
        return None;
    }
    // `انفجرت عدة مظاهرات`, `انفجار الأزمة`: an outburst.
    let outburst = |t: usize| {
        let w = bare_key(&keys[t]);
        matches!(w, "ازمه" | "وضع" | "اوضاع" | "غضب" | "موقف")
            || trigger_of_key(&keys[t]).is_some_and(|(t, _)| t.code.starts_with("14"))
    };
    if ["انفجر", "ينفجر", "تنفجر", "انفجار", "تفجر", "يتفجر"]
        .iter()
        .any(|s| b.starts_with(s))
        && (i + len..(i + len + 3).min(s1)).any(outburst)
    {
        return None;
    }
    if b.starts_with("انفجار")
        && (matches!(
            prev(1),
            "شديده" | "شديد" | "قابل" | "قابله" | "سريعه" | "سريع"
        ) || matches!(next(1), "سكاني" | "سكانيه"))
    {
        return None;
    }
    if code.starts_with("19")
        && (b.starts_with("اشتباك") || b.starts_with("قتال"))
        && matches!(prev(1), "قواعد" | "قاعده" | "خطوط" | "خط")
    {
        return None;
    }
    if b == "اطلاق"
        && i > s0
        && matches!(
            keys[i - 1].as_str(),
            "وقف" | "لوقف" | "بوقف" | "ووقف" | "وقفا" | "لوقفه"
        )
    {
        return None;
    }
    let attack = ["هجوم", "هجمات", "هجمه", "هاجم", "يهاجم", "تهاجم", "نهاجم"]
        .iter()
        .any(|s| b.starts_with(s));
    if attack && code == "180" {
        if around(2, 2).any(|w| ANIMALS.contains(&w)) {
            return None;
        }
        let singled_out = (i.saturating_sub(4).max(s0)..i).any(|t| {
            let k = keys[t].trim_start_matches('و');
            k.starts_with("خص") && !k.starts_with("خصوص") && k.chars().count() <= 5
        });
        if singled_out || around(3, 4).any(|w| VERBAL.contains(&w) || ABSTRACT.contains(&w)) {
            return Some("111");
        }
    }
    if !trig.verb
        && (code.starts_with("14") || code.starts_with("18"))
        && (1..=2).any(|n| matches!(prev(n), "حق" | "الحق" | "حريه"))
    {
        return None;
    }
    if b.starts_with("مسير")
        && (matches!(prev(1), "طايره" | "طايرات")
            || matches!(
                next(1),
                "سلام" | "تنميه" | "حياه" | "مهنيه" | "عمل" | "تفاوض"
            ))
    {
        return None;
    }
    if b == "تجمع" && matches!(next(1), "بين" | "دول") {
        return None;
    }
    Some(code)
}

/// A word reduced for vocabulary checks: conjunction, preposition and article off
/// (`وبالحجارة` → `حجاره`).
fn bare_key(k: &str) -> &str {
    let k = k.strip_prefix('و').unwrap_or(k);
    for p in ["بال", "لل", "ال", "ب", "ل", "ف"] {
        if let Some(r) = k.strip_prefix(p).filter(|r| r.chars().count() >= 3) {
            return r;
        }
    }
    k
}

/// Sentence-final punctuation: a window stops there.
fn is_stop(k: &str) -> bool {
    matches!(k, "." | "؟" | "?" | "!" | "؛" | ";")
}

/// What is fired or thrown, by bare word: gunfire (190), rockets and missiles (195),
/// shells (194), bombs and stones thrown (183, 180).
fn projectile(k: &str) -> Option<&'static str> {
    Some(match bare_key(k) {
        "نار" | "رصاص" | "رصاصه" | "رصاصات" | "طلقه" | "طلقات" | "طلقا" | "اعيره" => {
            "190"
        }
        "صاروخ" | "صاروخا" | "صواريخ" | "صاروخين" => "195",
        "قذيفه" | "قذايف" | "قذيفتين" | "هاون" => "194",
        "قنبله" | "قنابل" | "عبوه" | "عبوات" | "مولوتوف" | "متفجرات" => {
            "183"
        }
        "حجاره" | "حجار" => "180",
        _ => return None,
    })
}

/// A verb (or its verbal noun) of firing or throwing, by the weapons it takes:
/// `أطلق` (any projectile), `فتح` (only fire), `ألقى`/`رمى` (bombs, stones),
/// `رشق` (stones).
fn firing_verb(k: &str) -> Option<&'static [&'static str]> {
    const ANY: &[&str] = &["190", "195", "194", "183", "180"];
    // The conjunction off only where the word itself is none (`فتحت` is a verb).
    let k = if firing_stem(k).is_some() {
        k
    } else {
        k.strip_prefix('و')
            .or_else(|| k.strip_prefix('ف'))
            .unwrap_or(k)
    };
    firing_stem(k).map(|n| match n {
        0 => ANY,
        1 => &["190"][..],
        _ => &["183", "180", "194"][..],
    })
}

/// Which kind of firing verb a word starts with: 0 `أطلق`, 1 `فتح`, 2 throwing.
fn firing_stem(k: &str) -> Option<u8> {
    let starts = |stems: &[&str]| stems.iter().any(|s| k.starts_with(s));
    if starts(&["اطلق", "يطلق", "تطلق", "نطلق", "اطلاق", "لاطلاق", "باطلاق"])
    {
        Some(0)
    } else if starts(&["فتح", "يفتح", "تفتح"]) && k.chars().count() <= 6 {
        Some(1)
    } else if starts(&[
        "القي",
        "القت",
        "القوا",
        "يلقي",
        "يلقون",
        "القاء",
        "رمي",
        "رموا",
        "يرمي",
        "يرمون",
        "رشق",
        "يرشق",
        "ترشق",
    ]) {
        Some(2)
    } else {
        None
    }
}

/// What may be aimed at (`استهدفت مواقع الحوثيين`, `استهداف المناطق المدنية`).
const TARGET_OBJECTS: &[&str] = &[
    "مواقع",
    "موقع",
    "مقر",
    "مقرات",
    "تجمعات",
    "معاقل",
    "تحصينات",
    "اليات",
    "اليه",
    "مناطق",
    "منطقه",
    "احياء",
    "حي",
    "منازل",
    "منزل",
    "مدنيين",
    "قاعده",
    "قواعد",
    "مطار",
    "سفينه",
    "ناقله",
    "دوريه",
    "دوريات",
    "موكب",
    "حافله",
    "سياره",
    "كنيسه",
    "مسجد",
    "مستشفي",
    "مدرسه",
    "مخيم",
    "قوات",
    "عناصر",
    "مسلحي",
    "مقاتلي",
    "مواطنين",
    "سكان",
    "مدينه",
    "قريه",
    "بلده",
    "منشات",
    "بلدات",
    "قري",
    "مدن",
    "مخازن",
    "مستودعات",
    "ثكنه",
    "معسكر",
    "معسكرات",
    "طايره",
    "طايرات",
    "حاجز",
];

/// A verb or noun of falling (`القذائف تتساقط`, `سقط أحدها`).
fn falls(w: &str) -> bool {
    let w = w.strip_prefix('و').unwrap_or(w);
    [
        "سقط",
        "تسقط",
        "يسقط",
        "تتساقط",
        "يتساقط",
        "تساقط",
        "سقوط",
        "انهمر",
        "تنهمر",
    ]
    .iter()
    .any(|s| w.starts_with(s))
}

/// Violence named by a word and its neighbours, where no single word is a trigger:
/// a firing verb and its projectile (`أطلق أحد الحراس طلقة على رجل`, `الصاروخين
/// اللذين أطلقتهما طائرات`, `فتحت قوات الأمن النار على`), strikes on something
/// (`الضربات الإسرائيلية على`), aiming at a place (`استهدفت مدفعية الجيش مواقع`),
/// shells falling (`القذائف تتساقط على`).
fn compound_at(keys: &[String], i: usize) -> Option<&'static str> {
    let k = keys[i].as_str();
    let window = |from: usize, n: usize| {
        (from..keys.len().min(from + n)).take_while(|&t| !is_stop(&keys[t]))
    };
    if let Some(takes) = firing_verb(k) {
        // `أطلق سراح` is a release; the projectile follows within the clause or
        // comes just before (a relative clause).
        // `لإطلاق النار` is firing only when undergone (`تعرض لإطلاق نار`), else a
        // purpose (`تعليمات لإطلاق النار`).
        let undergone = i > 0 && bare_key(&keys[i - 1]).contains("تعرض");
        if k.trim_start_matches('و').starts_with("لاطلاق") && !undergone {
            return None;
        }
        let fired = window(i + 1, 14)
            .take_while(|&t| bare_key(&keys[t]) != "سراح")
            .chain(
                (i.saturating_sub(3)..i)
                    .rev()
                    .take_while(|&t| !is_stop(&keys[t])),
            )
            .find_map(|t| {
                projectile(&keys[t])
                    .filter(|c| takes.contains(c))
                    .map(|c| (t, c))
            });
        if let Some((t, code)) = fired {
            // A rocket fired at nothing named may be a test launch.
            let aimed = code != "195"
                || t < i
                || window(t + 1, 6).any(|u| {
                    matches!(
                        bare_key(&keys[u]),
                        "علي" | "نحو" | "باتجاه" | "ضد" | "اتجاه"
                    ) || keys[u] == "علي"
                        || falls(&keys[u])
                });
            if aimed {
                return Some(code);
            }
        }
        return None;
    }
    let b = bare_key(k);
    // `اندلعت الحرب`: a war breaking out.
    if ["اندلع", "تندلع", "يندلع", "اندلاع"]
        .iter()
        .any(|s| b.starts_with(s))
        && window(i + 1, 2).any(|t| bare_key(&keys[t]) == "حرب")
    {
        return Some("190");
    }
    if matches!(b, "ضربه" | "ضربات" | "ضربتين")
        && window(i + 1, 3).any(|t| matches!(keys[t].as_str(), "علي" | "ضد"))
    {
        return Some("190");
    }
    let kk = k.strip_prefix('و').unwrap_or(k);
    let aiming = ["استهدف", "يستهدف", "تستهدف", "نستهدف"]
        .iter()
        .any(|s| kk.starts_with(s))
        || matches!(kk, "استهداف" | "لاستهداف" | "باستهداف" | "الاستهداف");
    if aiming
        && window(i + 1, 3).any(|t| {
            let o = bare_key(&keys[t]);
            TARGET_OBJECTS.contains(&o)
                || o.strip_suffix("ها")
                    .is_some_and(|r| TARGET_OBJECTS.contains(&r))
        })
    {
        return Some("190");
    }
    if let Some(code) = projectile(k).filter(|c| matches!(*c, "194" | "195")) {
        if window(i + 1, 3).any(|t| falls(&keys[t]))
            || (i.saturating_sub(2)..i).any(|t| falls(&keys[t]))
        {
            return Some(code);
        }
    }
    None
}

/// A two-word trigger at `i`, and how many tokens it spans (a quotation mark may
/// stand between the words: `بـ "الحراك" الشعبي`).
fn bigram_at(keys: &[String], i: usize) -> Option<(&'static str, usize)> {
    let a = keys.get(i)?;
    let quoted = keys
        .get(i + 1)
        .is_some_and(|k| matches!(k.as_str(), "\"" | "»" | "”" | "'"));
    let len = if quoted { 3 } else { 2 };
    let b = keys.get(i + len - 1)?;
    let a = a.strip_prefix('و').unwrap_or(a);
    let a = a
        .strip_prefix('ب')
        .filter(|r| r.starts_with("اتصال"))
        .unwrap_or(a);
    BIGRAMS
        .iter()
        .find(|(x, y, _)| a == *x && (b == y || b.strip_prefix("ال") == Some(y)))
        .map(|&(_, _, c)| (c, len))
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
        assert_eq!(bigram_at(&keys, 0), Some(("041", 2)));
        let keys: Vec<String> = ["فرض", "العقوبات"].iter().map(|w| word_key(w)).collect();
        assert_eq!(bigram_at(&keys, 0), Some(("163", 2)));
    }

    /// The search keys of a sentence's tokens.
    fn keys_of(sentence: &str) -> Vec<String> {
        tokenize(sentence)
            .iter()
            .map(|t| word_key(t.text(sentence)))
            .collect()
    }

    /// The code [`sense`] gives the first trigger of a sentence (`None`: no event).
    fn sense_of(sentence: &str, word: &str) -> Option<&'static str> {
        let keys = keys_of(sentence);
        let toks = tokenize(sentence);
        let words: Vec<&str> = toks.iter().map(|t| t.text(sentence)).collect();
        let i = keys.iter().position(|k| *k == word_key(word)).unwrap();
        let (trig, _) = trigger_of_key(&keys[i])
            .or_else(|| {
                bigram_at(&keys, i).map(|(c, _)| {
                    (
                        Trig {
                            code: c,
                            verb: true,
                            actor: false,
                        },
                        false,
                    )
                })
            })
            .unwrap();
        let len = bigram_at(&keys, i).map_or(1, |(_, n)| n);
        sense(&keys, &words, i, len, trig, (0, keys.len()), &|_| false)
    }

    fn negated_at(sentence: &str, word: &str) -> bool {
        let keys = keys_of(sentence);
        let i = keys.iter().position(|k| *k == word_key(word)).unwrap();
        let verb = trigger_of_key(&keys[i]).is_some_and(|(t, _)| t.verb);
        negated(&keys, i, 0, verb)
    }

    fn compound_of(sentence: &str, word: &str) -> Option<&'static str> {
        let keys = keys_of(sentence);
        let i = keys.iter().position(|k| *k == word_key(word)).unwrap();
        compound_at(&keys, i)
    }

    #[test]
    fn new_forms_and_vocabulary() {
        let code = |w: &str| trigger_of(w).map(|(t, _)| t.code);
        assert_eq!(code("هجوما"), Some("180"), "accusative noun");
        assert_eq!(code("اختطافها"), Some("181"), "noun with a pronoun");
        assert_eq!(code("اغتيل"), Some("186"), "passive");
        assert_eq!(code("الاغتصاب"), Some("1821"));
        assert_eq!(code("اشتباكات"), Some("190"));
        assert_eq!(code("مواجهات"), Some("190"));
        assert_eq!(code("الاقتتال"), Some("190"));
        assert_eq!(code("العدوان"), Some("190"));
        assert_eq!(code("طالبه"), None, "a student, not «demanded it»");
        let keys = keys_of("لارتباطه بـ \"الحراك\" الشعبي الذي هز منطقة الريف");
        let i = keys.iter().position(|k| k == "الحراك").unwrap();
        assert_eq!(bigram_at(&keys, i), Some(("140", 3)));
    }

    #[test]
    fn firing_striking_aiming() {
        let s = "أطلق أحد حراس الأمن بمقر رجل الدين التركي، فتح الله غولن، \"طلقة تحذيرية\" على رجل مجهول";
        assert_eq!(compound_of(s, "أطلق"), Some("190"));
        let s = "وقد بدأت الاحتجاجات عندما فتحت قوات الأمن النار على متظاهرين شباب في البصرة";
        assert_eq!(compound_of(s, "فتحت"), Some("190"));
        let s = "وكان بسبب الصاروخين اللذين أطلقتهما طائرات إسرائيلية من جهة هضبة الجولان";
        assert_eq!(compound_of(s, "أطلقتهما"), Some("195"));
        assert_eq!(
            compound_of("وأطلقت السلطات سراح عشرة معتقلين بعد إطلاق النار", "وأطلقت"),
            None
        );
        let s = "أطلقت كوريا الشمالية صاروخا باليستيا جديدا.";
        assert_eq!(
            compound_of(s, "أطلقت"),
            None,
            "a test launch aims at nothing"
        );
        let s = "ما نعرفه أن الجيش أقر تعليمات جديدة لإطلاق النار";
        assert_eq!(compound_of(s, "لإطلاق"), None, "a purpose");
        let s = "روسيا منزعجة من ضراوة الضربات الإسرائيلية على المنشآت الإيرانية";
        assert_eq!(compound_of(s, "الضربات"), Some("190"));
        let s = "وأضاف أن مدفعية الجيش استهدفت مواقع ميليشيات الحوثي في الضالع";
        assert_eq!(compound_of(s, "استهدفت"), Some("190"));
        let s = "وتستهدف الخطة تحقيق النمو الاقتصادي";
        assert_eq!(compound_of(s, "وتستهدف"), None);
        let s = "وأكدوا أن القذائف لا تزال تتساقط على الأحياء السكنية";
        assert_eq!(compound_of(s, "القذائف"), Some("194"));
        assert_eq!(
            compound_of("واندلعت الحرب في ديسمبر 2013", "واندلعت"),
            Some("190")
        );
    }

    #[test]
    fn negation_scope() {
        let s = "شدد الوزير على عدم وجود أي هجوم كيمياوي في دوما";
        assert!(negated_at(s, "هجوم"));
        assert!(negated_at("السعودية تنفي أنباء مقتل جمال خاشقجي", "مقتل"));
        let s = "وقال إن أعضاء التحالف لم ينفذوا أي غارات قرب البوكمال";
        assert!(negated_at(s, "غارات"));
        let s = "ونفت الحركة مسؤوليتها عن الهجوم على الحافلة";
        assert!(!negated_at(s, "الهجوم"), "a denied responsibility");
        let s = "ونادرا ما اشتبك الجيش السوري مع قوات سوريا الديمقراطية";
        assert!(!negated_at(s, "اشتبك"), "«rarely» is no negation");
        let s = "وقتل العشرات في المدينة، لا سيما الهجمات على الأسواق";
        assert!(!negated_at(s, "الهجمات"));
        assert!(negated_at("وقال إن الجيش لم يقصف المدينة", "يقصف"));
    }

    #[test]
    fn future_auxiliaries() {
        assert!(future_aux("سيتمكنون"));
        assert!(future_aux("وستقوم"));
        assert!(!future_aux("سياسيون"));
        assert!(!future_aux("سنوات"));
    }

    #[test]
    fn senses_and_vetoes() {
        let s = "وفقا لما ذكرته شرطة مقاطعة لوغان لقناة محلية";
        assert_eq!(sense_of(s, "مقاطعة"), None, "a county");
        let s = "لقطات لغارة ليلية على قرية ريفية في مقاطعة جوزجان";
        assert_eq!(sense_of(s, "مقاطعة"), None);
        let s = "دعت المعارضة إلى مقاطعة الانتخابات البرلمانية";
        assert_eq!(sense_of(s, "مقاطعة"), Some("143"), "a boycott");
        let s = "لقي 7 أشخاص مصرعهم وأصيب العشرات عندما انقلب قطار في المغرب";
        assert_eq!(sense_of(s, "مصرعهم"), None, "an accident");
        let s = "لقي حوالي 42 شخصا مصرعهم بعد تناول مشروبات كحولية فاسدة";
        assert_eq!(sense_of(s, "مصرعهم"), None);
        let s = "قتل 3 أشخاص لدى انفجار قنبلة زرعت في سيارتهم، في حادث ربطته مصادر بالانتخابات";
        assert_eq!(sense_of(s, "انفجار"), Some("183"), "a bomb is no accident");
        let s = "وصاحب نشاط البركان انفجارات غازية وقذف صخور بركانية";
        assert_eq!(sense_of(s, "انفجارات"), None);
        let s = "كما صادرت السلطات 42 كلغ من المواد الشديدة الانفجار";
        assert_eq!(sense_of(s, "الانفجار"), None);
        let s = "ستتم مراجعة قواعد الاشتباك لتفادي أي حوادث";
        assert_eq!(sense_of(s, "الاشتباك"), None);
        let s = "إلا أن وقف إطلاق النار لم يطبق حتى الآن";
        assert_eq!(sense_of(s, "إطلاق"), None, "a ceasefire");
        let s = "واتهمت ألمانيا، التي خصها ترامب بالهجوم، واشنطن بالحمائية";
        assert_eq!(sense_of(s, "بالهجوم"), Some("111"), "a verbal attack");
        let s = "وقال إن التعددية تتعرض لهجوم غير مسبوق";
        assert_eq!(sense_of(s, "لهجوم"), Some("111"));
        let s = "وكانت الصاعقة أن الكلب هاجم الملحن بشدة";
        assert_eq!(sense_of(s, "هاجم"), None, "an animal");
        let s = "ويجددون التأكيد على الحق في الاحتجاج السلمي";
        assert_eq!(sense_of(s, "الاحتجاج"), None, "a right in general");
        let s = "وهاجم مسلحون مقر الشرطة في المدينة";
        assert_eq!(sense_of(s, "وهاجم"), Some("180"));
        assert_eq!(sense_of("وقعت الاشتباكات فجر الاثنين", "فجر"), None, "dawn");
        let s = "وانفجرت عدة مظاهرات في مختلف أنحاء المدينة";
        assert_eq!(sense_of(s, "وانفجرت"), None, "an outburst");
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
