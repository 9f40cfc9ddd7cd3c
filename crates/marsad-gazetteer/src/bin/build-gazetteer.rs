//! Builds `crates/marsad-gazetteer/data/gazetteer.tsv` from the shared gazetteer,
//! transliteration and event-dictionary data, and refreshes the statistics section of
//! `data/README.md`.
//!
//! ```text
//! build-gazetteer [--data DIR] [--out DIR] [--dropped FILE]   build the data file
//! build-gazetteer --show WORD...                              key, corpus counts, entry
//! ```
//!
//! Inputs (under `--data`, default `$MARSAD_DATA` or `../shared/data` from the workspace
//! root): `gazetteers/` (ANERGazet, CLDR country names, world cities, ArWikiCats),
//! `transliteration/` (Wikidata person names, ANETAC), `events/petrarch_arabic/
//! dictionaries/actor_dict_ar_v4.txt`, and, only to count words and to choose among
//! candidate spellings (no text is copied), the unlabeled news in
//! `ant_multisource_news/ant_multisource_sample.jsonl` and
//! `saudinewsnet/saudinewsnet_sample_350.jsonl`. NER annotation sets (ANERcorp,
//! NewsFANE, AQMAR, Wojood) are never read. The output depends only on the inputs:
//! every collection that reaches the output is ordered.

use marsad_gazetteer::{name_keys, TypeSet, MAX_ENTRY_TOKENS};
use marsad_text::chars::is_arabic_letter;
use marsad_text::key::base_key;
use marsad_text::normalize::{normalize_str, Profile};
use marsad_text::token::TokenKind;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

type Res<T> = Result<T, Box<dyn Error>>;

// ---------------------------------------------------------------------------------------
// Sources

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Src {
    Ag,
    Cldr,
    Wc,
    Awc,
    Wd,
    An,
    Pt,
    Cur,
}

const SRCS: [Src; 8] = [
    Src::Ag,
    Src::Cldr,
    Src::Wc,
    Src::Awc,
    Src::Wd,
    Src::An,
    Src::Pt,
    Src::Cur,
];

impl Src {
    fn tag(self) -> &'static str {
        match self {
            Src::Ag => "ag",
            Src::Cldr => "cldr",
            Src::Wc => "wc",
            Src::Awc => "awc",
            Src::Wd => "wd",
            Src::An => "an",
            Src::Pt => "pt",
            Src::Cur => "cur",
        }
    }
    fn title(self) -> &'static str {
        match self {
            Src::Ag => "ANERGazet (Loc, Org, Pers)",
            Src::Cldr => "CLDR country names (ar)",
            Src::Wc => "world-cities-translations",
            Src::Awc => "ArWikiCats",
            Src::Wd => "Wikidata person names (COLING 2018)",
            Src::An => "ANETAC (PERSON)",
            Src::Pt => "PETRARCH Arabic actor dictionary",
            Src::Cur => "hand-curated supplement (`data/curated.tsv`)",
        }
    }
}

/// How much a contribution is trusted when its single word is also a common word.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Trust {
    /// Large automatically gathered lists.
    Weak,
    /// Curated lists (country names, nationality adjectives, populous cities).
    Strong,
}

// ---------------------------------------------------------------------------------------
// Word lists

/// First words that make a name an organisation (compared without the article).
const ORG_HEADS: &[&str] = &[
    "حركه",
    "منظمه",
    "حزب",
    "وزاره",
    "مجلس",
    "جامعه",
    "اتحاد",
    "وكاله",
    "شركه",
    "جبهه",
    "جيش",
    "لجنه",
    "هييه",
    "محكمه",
    "صحيفه",
    "قناه",
    "موسسه",
    "جمعيه",
    "بنك",
    "مصرف",
    "برلمان",
    "حكومه",
    "سفاره",
    "تحالف",
    "تجمع",
    "كتله",
    "تيار",
    "جماعه",
    "كتايب",
    "اييتلاف",
    "تنظيم",
    "ايتلاف",
    "مكتب",
    "ديوان",
    "اداره",
    "نقابه",
    "رابطه",
    "منتدي",
    "مركز",
    "معهد",
    "مجموعه",
    "صندوق",
    "برنامج",
    "نادي",
    "اكاديميه",
    "مستشفي",
    "كليه",
    "مدرسه",
    "مفوضيه",
    "سلطه",
    "قوات",
    "شبكه",
    "مجمع",
    "هيئه",
    "الويه",
    "لواء",
    "فيلق",
    "مليشيا",
    "ميليشيا",
    "اذاعه",
    "تلفزيون",
];

/// First words of events and competitions (MISC).
const MISC_HEADS: &[&str] = &[
    "بطوله",
    "بطولات",
    "دوري",
    "كاس",
    "العاب",
    "سباق",
    "اولمبياد",
    "مهرجان",
    "حرب",
    "معركه",
    "ثوره",
    "مونديال",
    "جايزه",
    "تصفيات",
    "لاعبو",
    "فرق",
];

/// Titles and descriptors in front of person names in the PETRARCH dictionary (lemmas).
const TITLES: &[&str] = &[
    "رييس",
    "رييسه",
    "وزير",
    "وزيره",
    "نايب",
    "امير",
    "اميره",
    "ملك",
    "ملكه",
    "شيخ",
    "شيخه",
    "سلطان",
    "جنرال",
    "لواء",
    "عقيد",
    "عميد",
    "مقدم",
    "رايد",
    "نقيب",
    "قايد",
    "زعيم",
    "سفير",
    "سفيره",
    "مستشار",
    "مدير",
    "امين",
    "عام",
    "ممثل",
    "اعلي",
    "سابق",
    "عمده",
    "سيده",
    "اول",
    "رجل",
    "عمل",
    "ناطق",
    "متحدث",
    "مسوول",
    "عضو",
    "مفوض",
    "دكتور",
    "سيد",
    "حاكم",
    "ولي",
    "عهد",
    "خارجيه",
    "دفاع",
    "داخليه",
    "مال",
    "ماليه",
    "وزراء",
    "وزير",
    "حكومه",
    "جمهوريه",
    "برلمان",
    "مجلس",
    "نواب",
    "ركن",
    "طيار",
    "مرشد",
    "ايه",
    "حجه",
    "امام",
    "مفتي",
    "قاضي",
    "محافظ",
    "والي",
    "عاهل",
    "بابا",
    "كاردينال",
    "اسقف",
    "بطريرك",
    "مبعوث",
    "منسق",
    "خاص",
    "اممي",
    "دولي",
    "عربي",
    "اسلامي",
    "شوون",
    "ل",
    "في",
    "و",
    "ب",
    "عن",
    "من",
    "علي",
    "الي",
    "قياده",
    "قيادي",
    "زعامه",
    "نجل",
    "ابن",
    "زوجه",
    "شقيق",
    "اخ",
    "مساعد",
    "وكيل",
    "كاتب",
    "صحفي",
    "مراسل",
    "محلل",
    "خبير",
    "استاذ",
    "بروفيسور",
    "طبيب",
    "مهندس",
    "لاعب",
    "مدرب",
    "فنان",
    "مغني",
    "ممثله",
    "كبير",
    "مسوولي",
    "عضوه",
    "نايبه",
    "سكرتير",
    "رجل",
    "حاخام",
    "مرجع",
    "داعيه",
    "مطران",
    "سيناتور",
    "نائب",
    "قاده",
    "رؤساء",
    "اعضاء",
    "جندي",
    "ضابط",
    "عسكري",
    "ثاني",
    "ثالث",
    "تعليم",
    "تجاره",
    "اقتصاد",
    "نقل",
    "صحه",
    "عدل",
    "اعلام",
    "نفط",
    "طاقه",
    "زراعه",
    "سياحه",
    "ثقافه",
    "رياضه",
    "شباب",
    "تنميه",
    "اجتماعي",
    "سياسه",
];

/// Nouns that mean a phrase is a description rather than a person's name.
const GENERIC: &[&str] = &[
    "قوه",
    "قوات",
    "جيش",
    "شرطه",
    "جندي",
    "جنود",
    "مواطن",
    "مواطنون",
    "بنك",
    "شركه",
    "حزب",
    "حكومه",
    "اداره",
    "سلاح",
    "جو",
    "امن",
    "مخيم",
    "مخيمات",
    "سلطه",
    "جهه",
    "دوله",
    "مسلح",
    "مسلحون",
    "متظاهر",
    "متظاهرون",
    "معارضه",
    "نظام",
    "قبيله",
    "عشيره",
    "طايفه",
    "مليشيا",
    "شعب",
    "اهالي",
    "سكان",
    "لاجي",
    "لاجيون",
    "وزاره",
    "منطقه",
    "مدينه",
    "قريه",
    "بلده",
    "ولايه",
    "اقليم",
    "محافظه",
    "سفاره",
    "وكاله",
    "صحيفه",
    "قناه",
    "اعلام",
    "بيت",
    "ابيض",
    "ادارة",
    "اسرايلي",
    "فلسطيني",
    "امريكي",
    "اميركي",
    "مصري",
    "عراقي",
    "سوري",
    "لبناني",
];

/// Words that start a multi-word place name (ANERGazet lists them on their own line).
const LOC_PREFIXES: &[&str] = &[
    "كريات",
    "بيت",
    "تل",
    "رامات",
    "كفار",
    "ام",
    "راس",
    "بير",
    "بئر",
    "جبل",
    "جزر",
    "جزيره",
    "عين",
    "دير",
    "كفر",
    "سيدي",
    "بني",
    "خان",
    "مجدال",
    "جفعات",
    "نيس",
    "سان",
    "سانت",
    "سانتا",
    "ساو",
    "لوس",
    "لاس",
    "نيو",
    "هونغ",
    "كوالا",
    "وادي",
    "شرم",
    "شبين",
    "منيه",
    "ميت",
    "نجع",
    "سوق",
    "تيزي",
    "بورتو",
    "جيفرسون",
    "كارسون",
    "باتون",
    "ابو",
    "حوش",
    "مرسي",
    "غينيا",
    "بوركينا",
    "هوشي",
    "اولان",
    "ود",
    "حجر",
    "جمهوريه",
    "روسيا",
    "ايرلندا",
];

/// Words that end a multi-word place name.
const LOC_SUFFIXES: &[&str] = &[
    "الغربيه",
    "الشرقيه",
    "الشماليه",
    "الجنوبيه",
    "الوسطي",
    "العليا",
    "السفلي",
    "الكبري",
    "الصغري",
    "الجديده",
    "القديمه",
    "الاستوائيه",
    "البيضاء",
    "الشيخ",
    "الكوم",
    "الخيمه",
    "سيتي",
    "الزور",
    "يونايتد",
];

/// Name-part glue: these words join the next word into one part (`عبد الله`).
const GLUE_NEXT: &[&str] = &["عبد", "ابو", "ابي", "ام", "بو", "ابا"];
/// These words join the previous word (`نور الدين`).
const GLUE_PREV: &[&str] = &["الدين", "الله", "الرحمن", "الاسلام", "الزمان", "الحق"];
/// Words inside person names that are not name parts.
const NAME_SKIP: &[&str] = &[
    "بن",
    "ابن",
    "بنت",
    "ولد",
    "ال",
    "دي",
    "دا",
    "دو",
    "ده",
    "فان",
    "فون",
    "لا",
    "لو",
    "ديل",
    "دير",
    "الاول",
    "الثاني",
    "الثالث",
    "الرابع",
    "الخامس",
    "السادس",
    "السابع",
    "الثامن",
    "التاسع",
    "العاشر",
    "الكبير",
    "الاكبر",
    "الصغير",
    "الاصغر",
    "العظيم",
    "الابن",
    "الاب",
    "ملك",
    "الملك",
    "امير",
    "الامير",
    "سلطان",
    "السلطان",
    "شاه",
    "باشا",
    "بك",
    "خان",
    "القديس",
    "البابا",
    "سانت",
    "سان",
    "ماو",
    "فن",
    "اف",
    "اوف",
];

/// Possessive/object pronoun productivity of a surface word in the clitic lexicon's
/// counts (9.65 M words): `(Σ f(w + pronoun), f(w))`, with final ة written ت before the
/// pronoun. Nouns and verbs take pronouns (`وكالته`, `أكده`); names do not.
fn pronoun_productivity(word: &str) -> (u64, u64) {
    let sp = marsad_text::clitic::CliticSplitter::global();
    let w: String = word
        .chars()
        .filter(|c| !marsad_text::chars::is_haraka(*c))
        .collect();
    let stem = match w.strip_suffix('ة') {
        Some(s) => format!("{s}ت"),
        None => w.clone(),
    };
    let p = ["ه", "ها", "هم", "هما", "كم", "نا"]
        .iter()
        .map(|x| sp.frequency(&format!("{stem}{x}")))
        .sum();
    (p, sp.frequency(&w))
}

/// Closed-class words, frequent verbs and nouns, months, weekdays and numerals: never a
/// single-word entry (transliteration lists collide with them: `في` ← *Fi*, `مايو` ← *Mayo*).
const STOP: &[&str] = &[
    "في",
    "من",
    "إلى",
    "على",
    "عن",
    "مع",
    "عند",
    "لدى",
    "حتى",
    "منذ",
    "خلال",
    "بين",
    "بعد",
    "قبل",
    "أمام",
    "وراء",
    "فوق",
    "تحت",
    "دون",
    "ضد",
    "نحو",
    "حول",
    "عبر",
    "ضمن",
    "بدون",
    "سوى",
    "غير",
    "كل",
    "بعض",
    "أي",
    "أية",
    "إذا",
    "إذ",
    "أن",
    "إن",
    "لأن",
    "لكن",
    "بل",
    "أو",
    "أم",
    "ثم",
    "قد",
    "لقد",
    "لم",
    "لن",
    "لا",
    "ما",
    "ماذا",
    "لماذا",
    "كيف",
    "أين",
    "متى",
    "هل",
    "هو",
    "هي",
    "هم",
    "هن",
    "أنا",
    "نحن",
    "أنت",
    "أنتم",
    "هذا",
    "هذه",
    "هذان",
    "هاتان",
    "هؤلاء",
    "ذلك",
    "تلك",
    "أولئك",
    "الذي",
    "التي",
    "الذين",
    "اللذين",
    "اللتين",
    "اللواتي",
    "اللاتي",
    "هناك",
    "هنا",
    "حيث",
    "كما",
    "مثل",
    "أيضا",
    "فقط",
    "جدا",
    "نعم",
    "كلا",
    "سوف",
    "يوم",
    "أمس",
    "غدا",
    "الآن",
    "اليوم",
    "عام",
    "سنة",
    "شهر",
    "أسبوع",
    "ساعة",
    "دقيقة",
    "كان",
    "كانت",
    "كانوا",
    "يكون",
    "تكون",
    "يكن",
    "تم",
    "تمت",
    "قال",
    "قالت",
    "يقول",
    "تقول",
    "أكد",
    "أكدت",
    "أضاف",
    "أضافت",
    "أشار",
    "أشارت",
    "أعلن",
    "أعلنت",
    "ذكر",
    "ذكرت",
    "أوضح",
    "أوضحت",
    "وفق",
    "وفقا",
    "حسب",
    "عدد",
    "عدة",
    "أحد",
    "إحدى",
    "أول",
    "ثاني",
    "ثالث",
    "آخر",
    "أخرى",
    "ألف",
    "مليون",
    "مليار",
    "واحد",
    "اثنان",
    "ثلاث",
    "ثلاثة",
    "أربع",
    "أربعة",
    "خمس",
    "خمسة",
    "ست",
    "ستة",
    "سبع",
    "سبعة",
    "ثمان",
    "ثماني",
    "ثمانية",
    "تسع",
    "تسعة",
    "عشر",
    "عشرة",
    "مائة",
    "مئة",
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "إبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
    "كانون",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين",
    "السبت",
    "الأحد",
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "الله",
    "بن",
    "ابن",
    "بنت",
    "أبو",
    "عبد",
    "آل",
    "ال",
    "الماضي",
    "المقبل",
    "الحالي",
    "العام",
    "الجديد",
    "الأول",
    "الثاني",
    "لدي",
    "ليس",
    "ليست",
    "دولار",
    "يورو",
    "ريال",
    "جنيه",
    "دينار",
    "درهم",
    "ليرة",
    "امرأة",
    "رجل",
    "طفل",
    "ابنة",
    // frequent nouns, adjectives and adverbs that the name lists collide with (checked
    // by hand in the build's --dropped listing)
    "جنوب",
    "شمال",
    "شرق",
    "غرب",
    "وسط",
    "مقتل",
    "وزير",
    "وزيرة",
    "وزارة",
    "وكالة",
    "مدينة",
    "ولاية",
    "بيان",
    "داخل",
    "خارج",
    "أجل",
    "أفضل",
    "أدنى",
    "أعلى",
    "أقل",
    "أكثر",
    "أهم",
    "أبرز",
    "معظم",
    "طوال",
    "يوما",
    "شأن",
    "اسم",
    "دور",
    "أثر",
    "وقف",
    "إما",
    "أما",
    "ولي",
    "زيادة",
    "شبكة",
    "حلول",
    "شبه",
    "مجرد",
    "موجه",
    "صاحب",
    "خلف",
    "لاحق",
    "دليل",
    "صفر",
    "تحسين",
    "تبادل",
    "عقوبة",
    "معرفة",
    "خادم",
    "الملك",
    "الأمير",
    "الرئيس",
    "المملكة",
    "المتحدة",
    "العالم",
    "الأولى",
    "الشرقية",
    "الغربية",
    "الشمالية",
    "الجنوبية",
    "الأبيض",
    "الأوسط",
    "الرابع",
    "الخامس",
    "العدل",
    "البحر",
    "البلد",
    "قصر",
    "مجلة",
    "كتاب",
    "رئيس",
    "مجلس",
    "حكومة",
    "دولة",
    "مكتب",
    "مقر",
    "يبدو",
    "اون",
    "هما",
    "أدى",
    "موعد",
    "نجاح",
    "فجر",
    "سبيل",
    "بات",
    "أولا",
    "الساحل",
    "الجديدة",
    "الشرق",
    "الغرب",
    "العربية",
    "العربي",
    "الدولي",
    "الوطني",
    "الإسلامي",
    "الكبرى",
    "الجزيرة",
    "الأحمر",
    "الأخضر",
    "إلا",
    "كنا",
    "قالوا",
    "جيد",
    "لكي",
    "كانا",
    "أريد",
    "يرون",
    "وردت",
    "غالبا",
    "سياسيا",
    "دوليا",
    "وسيلة",
    "وكيل",
    "قصير",
    "غرفة",
    "يرد",
    "صفة",
    "تأمين",
    "فرقة",
    "جبال",
    "جبل",
];

/// Wikipedia disambiguators that say the label is not a place.
const NON_PLACE_DISAMBIG: &[&str] = &[
    "فيلم",
    "رواية",
    "مسلسل",
    "أغنية",
    "ألبوم",
    "كتاب",
    "لعبة",
    "شخصية",
    "فرقة",
    "مجلة",
    "صحيفة",
    "حزب",
    "نادي",
    "شركة",
    "مسرحية",
    "قصيدة",
    "لوحة",
    "سفينة",
    "مصطلح",
    "رياضة",
    "دين",
    "علم",
    "مفهوم",
    "أسطورة",
    "توضيح",
];

/// A word list in key spelling (search-normalized; the lists hold bare words, so no
/// clitic splitting, which could read the ه of a normalized ة as a pronoun).
fn set(words: &[&str]) -> HashSet<String> {
    words
        .iter()
        .map(|w| normalize_str(w, Profile::Search))
        .collect()
}

fn strip_al(k: &str) -> &str {
    k.strip_prefix("ال")
        .filter(|r| r.chars().count() >= 2)
        .unwrap_or(k)
}

/// Strip a trailing Wikipedia disambiguator: `آربيرغ (سويسرا)` → (`آربيرغ`, `سويسرا`).
fn disambig(s: &str) -> (&str, Option<&str>) {
    let s = s.trim();
    if let (true, Some(i)) = (s.ends_with(')'), s.find('(')) {
        let inner = s[i + 1..s.len() - 1].trim();
        return (s[..i].trim(), Some(inner));
    }
    (s, None)
}

// ---------------------------------------------------------------------------------------
// Accumulated entries

#[derive(Default, Clone)]
struct Acc {
    /// Contributions: (source, trust) → types.
    contrib: BTreeMap<(Src, Trust), TypeSet>,
    /// Person-name part roles from sources that know the position; `NAME` when unknown.
    roles_known: TypeSet,
    role_unknown: bool,
    /// Best country evidence: (weight, code).
    country: Option<(u64, String)>,
    /// The curated list names this place without a country: a region, or a name
    /// places in several countries share.
    curated_no_country: bool,
    /// A surface form (for `--dropped` listings).
    surface: String,
    /// Wikidata persons with this name token (0 if not from Wikidata).
    wd_count: u64,
}

struct Builder {
    entries: BTreeMap<Vec<String>, Acc>,
    /// Contributions refused (too many tokens, not Arabic), for the report.
    refused: usize,
}

impl Builder {
    fn new() -> Builder {
        Builder {
            entries: BTreeMap::new(),
            refused: 0,
        }
    }

    /// Key a name; `None` if it is empty, too long, or holds anything but Arabic words
    /// and in-word punctuation (`-`, `'`, `.`).
    fn keys(name: &str) -> Option<Vec<String>> {
        let toks = marsad_text::tokenize(name);
        if toks.is_empty() {
            return None;
        }
        for t in &toks {
            match t.kind {
                TokenKind::Arabic => {}
                TokenKind::Punct if matches!(t.text(name), "-" | "'" | ".") => {}
                _ => return None,
            }
        }
        let keys = name_keys(name);
        // ANETAC noise: `اااه`, `ااسمك` (an alef doubled at the start).
        if keys.iter().any(|k| k.starts_with("اا")) {
            return None;
        }
        let letters: usize = keys
            .iter()
            .map(|k| k.chars().filter(|&c| is_arabic_letter(c)).count())
            .sum();
        if keys.is_empty() || keys.len() > MAX_ENTRY_TOKENS || letters < 2 {
            return None;
        }
        if keys.iter().all(|k| !k.chars().any(is_arabic_letter)) {
            return None;
        }
        Some(keys)
    }

    fn add_keys(
        &mut self,
        keys: Vec<String>,
        surface: &str,
        src: Src,
        trust: Trust,
        types: TypeSet,
        country: Option<(&str, u64)>,
    ) {
        let acc = self.entries.entry(keys).or_default();
        if acc.surface.is_empty() {
            acc.surface = surface.to_string();
        }
        *acc.contrib.entry((src, trust)).or_default() |= types.entity();
        if types.is_person_part() {
            if types.contains(TypeSet::NAME) {
                acc.role_unknown = true;
            } else {
                acc.roles_known |= types & TypeSet::NAME;
            }
            *acc.contrib.entry((src, trust)).or_default() |= TypeSet::NAME;
        }
        acc.curated_no_country |=
            src == Src::Cur && country.is_none() && types.contains(TypeSet::LOC);
        if let Some((cc, w)) = country {
            let better = match &acc.country {
                None => true,
                Some((bw, bc)) => w > *bw || (w == *bw && cc < bc.as_str()),
            };
            if better {
                acc.country = Some((w, cc.to_string()));
            }
        }
    }

    fn add(
        &mut self,
        name: &str,
        src: Src,
        trust: Trust,
        types: TypeSet,
        country: Option<(&str, u64)>,
    ) -> bool {
        match Builder::keys(name) {
            Some(k) => {
                self.add_keys(k, name, src, trust, types, country);
                true
            }
            None => {
                self.refused += 1;
                false
            }
        }
    }

    /// A whole person name and its parts.
    fn add_person(&mut self, name: &str, src: Src, trust: Trust, country: Option<(&str, u64)>) {
        if !self.add(name, src, trust, TypeSet::PER, country) {
            return;
        }
        for (part, role) in name_parts(name) {
            self.add(&part, src, Trust::Weak, role, None);
        }
    }
}

/// Split a person's full name into parts: `عبد الله بن عبد العزيز آل سعود` → `عبد الله`
/// (GIVEN), `عبد العزيز` (GIVEN), `سعود` (FAMILY). Glue words, connectors, titles and
/// ordinals are handled as in the word lists above.
fn name_parts(name: &str) -> Vec<(String, TypeSet)> {
    let glue_next = set(GLUE_NEXT);
    let glue_prev = set(GLUE_PREV);
    let skip = set(NAME_SKIP);
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut units: Vec<String> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let k = base_key(words[i]);
        if skip.contains(k.as_str()) || k.chars().count() < 2 {
            i += 1;
            continue;
        }
        let mut unit = words[i].to_string();
        let glue = i + 1 < words.len()
            && (glue_next.contains(k.as_str())
                || glue_prev.contains(base_key(words[i + 1]).as_str()));
        if glue {
            unit.push(' ');
            unit.push_str(words[i + 1]);
            i += 1;
        }
        units.push(unit);
        i += 1;
    }
    if units.len() < 2 {
        return Vec::new();
    }
    let n = units.len();
    units
        .into_iter()
        .enumerate()
        .map(|(j, u)| {
            let role = if j == 0 {
                TypeSet::GIVEN
            } else if j == n - 1 || base_key(&u).starts_with("ال") {
                TypeSet::FAMILY
            } else {
                TypeSet::GIVEN
            };
            (u, role)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Countries

struct Countries {
    /// lower-case English name → alpha-2
    by_en: HashMap<String, String>,
    /// key sequence of the Arabic CLDR name → alpha-2
    by_ar: HashMap<String, String>,
    alpha3: HashMap<String, String>,
}

impl Countries {
    fn load(iso_tsv: &str, data: &Path) -> Res<Countries> {
        let mut c = Countries {
            by_en: HashMap::new(),
            by_ar: HashMap::new(),
            alpha3: HashMap::new(),
        };
        for line in iso_tsv
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() != 3 {
                return Err(format!("bad iso3166.tsv line {line}").into());
            }
            c.alpha3.insert(f[1].to_string(), f[0].to_string());
            for n in f[2].split('|') {
                c.by_en.insert(n.to_lowercase(), f[0].to_string());
            }
        }
        let en: Value = serde_json::from_str(&std::fs::read_to_string(
            data.join("gazetteers/country_names_cldr/country.en.json"),
        )?)?;
        for (code, name) in en.as_object().ok_or("country.en.json")? {
            if let Some(n) = name.as_str() {
                c.by_en.insert(n.to_lowercase(), code.clone());
            }
        }
        for (alias, code) in [
            ("fiji islands", "FJ"),
            ("hong kong s.a.r.", "HK"),
            ("man (isle of)", "IM"),
            ("palestinian territory occupied", "PS"),
            ("palestine", "PS"),
            ("america", "US"),
            ("burma", "MM"),
            ("england", "GB"),
            ("scotland", "GB"),
            ("wales", "GB"),
            ("northern ireland", "GB"),
            ("kosovo", "XK"),
            ("macau", "MO"),
            ("macedonia", "MK"),
            ("republic of ireland", "IE"),
            ("democratic-republic-of-congo", "CD"),
            ("republic-of-congo", "CG"),
            ("swaziland", "SZ"),
            ("zanzibar", "TZ"),
            ("victoria-australia", "AU"),
            ("east timor", "TL"),
            ("ivory coast", "CI"),
            ("vatican", "VA"),
            ("russia", "RU"),
            ("syria", "SY"),
            ("iran", "IR"),
            ("south korea", "KR"),
            ("north korea", "KP"),
        ] {
            c.by_en.insert(alias.to_string(), code.to_string());
        }
        // CAMEO's own alpha-3 codes.
        c.alpha3.insert("KSV".into(), "XK".into());
        Ok(c)
    }

    fn en(&self, name: &str) -> Option<&str> {
        self.by_en
            .get(&name.trim().to_lowercase())
            .map(String::as_str)
    }

    fn ar(&self, name: &str) -> Option<&str> {
        self.by_ar
            .get(&name_keys(name).join(" "))
            .map(String::as_str)
    }

    /// Alpha-2 of a CAMEO actor code's first three letters.
    fn cameo(&self, code: &str) -> Option<&str> {
        code.get(..3)
            .and_then(|p| self.alpha3.get(p))
            .map(String::as_str)
    }
}

const W_CLDR: u64 = 1 << 50;
const W_NATIONALITY: u64 = 1 << 48;
const W_AWC_COUNTRY: u64 = 1 << 46;
const W_PETRARCH_ACTOR: u64 = 1 << 40;
const W_AWC_CITY: u64 = 10;
const W_PETRARCH_PLACE: u64 = 5;

// ---------------------------------------------------------------------------------------
// Corpus counts

struct Corpus {
    words: u64,
    unigram: HashMap<String, u32>,
    /// How often a key is followed by a word with the article (construct state: وزير الخارجية).
    next_al: HashMap<String, u32>,
    seq: HashMap<String, u32>,
}

impl Corpus {
    fn count(&self, key: &str) -> u32 {
        self.unigram.get(key).copied().unwrap_or(0)
    }
    fn seq_count(&self, keys: &[String]) -> u32 {
        if keys.len() == 1 {
            return self.count(&keys[0]);
        }
        self.seq.get(&keys.join(" ")).copied().unwrap_or(0)
    }
    /// Is the single-word key a common word rather than a name? `level` 0 is strict (one
    /// weak list), 1 normal (two lists), 2 lenient (three or more lists): the ratios below
    /// grow with the level. A word is common if it is a stop word, extremely frequent
    /// (≥ 3000 per million), often seen with the article (`X` vs `الX`), often seen
    /// without it (`الX` vs `X`), or productive with verb/plural suffixes (`X` + ت/وا/ون/ين/ات).
    fn common(&self, k: &str, surface: &str, level: usize, stop: &HashSet<String>) -> bool {
        if stop.contains(k) || self.fpm(k) >= 3000.0 {
            return true;
        }
        const PRON: [f64; 3] = [0.05, 0.1, 0.5];
        let mut forms = vec![surface.to_string(), k.to_string()];
        if let Some(st) = k.strip_suffix('ه') {
            forms.push(format!("{st}ة"));
        }
        for f in &forms {
            let (p, n) = pronoun_productivity(f);
            if p >= 5 && p as f64 >= PRON[level] * n as f64 {
                return true;
            }
        }
        const AL: [f64; 3] = [0.3, 0.5, 1.0];
        const STEM: [f64; 3] = [0.1, 0.2, 0.5];
        const SFX: [f64; 3] = [0.2, 0.3, 0.6];
        let n = self.count(k) as f64;
        if let Some(stem) = k.strip_prefix("ال").filter(|r| r.chars().count() >= 2) {
            let st = self.count(stem) as f64;
            if st >= 10.0 && st >= STEM[level] * n {
                return true;
            }
        } else {
            let al = self.count(&format!("ال{k}")) as f64;
            if al >= 10.0 && al >= AL[level] * n {
                return true;
            }
        }
        // Construct state: mostly followed by a definite word (وكالة الأنباء, جنوب السودان).
        const CONSTRUCT: [f64; 3] = [0.5, 0.6, 0.75];
        let nal = self.next_al.get(k).copied().unwrap_or(0) as f64;
        if n >= 20.0 && nal >= CONSTRUCT[level] * n {
            return true;
        }
        // Imperfect verbs: the other person prefix is common too (يشير / تشير).
        if k.chars().count() >= 4 {
            let alt = if let Some(r) = k.strip_prefix('ي') {
                Some(format!("ت{r}"))
            } else {
                k.strip_prefix('ت').map(|r| format!("ي{r}"))
            };
            if let Some(alt) = alt {
                let a = self.count(&alt) as f64;
                if a >= 10.0 && a >= [0.1, 0.2, 0.4][level] * n {
                    return true;
                }
            }
        }
        let sfx: u32 = ["ت", "وا", "ون", "ين", "ات"]
            .iter()
            .map(|x| self.count(&format!("{k}{x}")))
            .sum();
        let sfx = sfx as f64;
        sfx >= 10.0 && sfx >= SFX[level] * n
    }

    /// Occurrences per million words.
    fn fpm(&self, key: &str) -> f64 {
        self.count(key) as f64 * 1e6 / self.words.max(1) as f64
    }
}

fn corpus_texts(data: &Path) -> Res<Vec<String>> {
    let mut out = Vec::new();
    for (file, fields) in [
        (
            "ant_multisource_news/ant_multisource_sample.jsonl",
            &["title", "abstract", "text"][..],
        ),
        (
            "saudinewsnet/saudinewsnet_sample_350.jsonl",
            &["title", "content"][..],
        ),
    ] {
        let text = std::fs::read_to_string(data.join(file))?;
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: Value = serde_json::from_str(line.trim_start_matches('\u{feff}'))?;
            for f in fields {
                if let Some(s) = v.get(*f).and_then(Value::as_str) {
                    out.push(s.to_string());
                }
            }
        }
    }
    Ok(out)
}

fn count_corpus(data: &Path, candidates: &HashSet<String>) -> Res<Corpus> {
    let firsts: HashSet<&str> = candidates
        .iter()
        .filter_map(|c| c.split(' ').next())
        .collect();
    let mut c = Corpus {
        words: 0,
        unigram: HashMap::new(),
        next_al: HashMap::new(),
        seq: HashMap::new(),
    };
    let mut cache: HashMap<String, String> = HashMap::new();
    for text in corpus_texts(data)? {
        let toks = marsad_text::tokenize(&text);
        let keys: Vec<String> = toks
            .iter()
            .map(|t| {
                let w = t.text(&text);
                match cache.get(w) {
                    Some(k) => k.clone(),
                    None => {
                        let k = base_key(w);
                        cache.insert(w.to_string(), k.clone());
                        k
                    }
                }
            })
            .collect();
        for (i, k) in keys.iter().enumerate() {
            if toks[i].kind.is_word() {
                c.words += 1;
            }
            *c.unigram.entry(k.clone()).or_default() += 1;
            if keys
                .get(i + 1)
                .is_some_and(|n| n.starts_with("ال") && n.chars().count() > 3)
            {
                *c.next_al.entry(k.clone()).or_default() += 1;
            }
            if !firsts.contains(k.as_str()) {
                continue;
            }
            let mut s = k.clone();
            for next in keys.iter().skip(i + 1).take(MAX_ENTRY_TOKENS - 1) {
                s.push(' ');
                s.push_str(next);
                if candidates.contains(&s) {
                    *c.seq.entry(s.clone()).or_default() += 1;
                }
            }
        }
    }
    Ok(c)
}

// ---------------------------------------------------------------------------------------
// Readers

fn read_json(path: &Path) -> Res<Value> {
    Ok(serde_json::from_str(&std::fs::read_to_string(path)?)?)
}

fn obj_strings(v: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(o) = v.as_object() {
        for (k, x) in o {
            match x {
                Value::String(s) => out.push((k.clone(), s.clone())),
                Value::Object(_) => out.extend(obj_strings(x)),
                _ => {}
            }
        }
    }
    out
}

fn head_kind(keys: &[String], org: &HashSet<String>, misc: &HashSet<String>) -> Option<TypeSet> {
    let h = strip_al(keys.first()?);
    if org.contains(h) {
        Some(TypeSet::ORG)
    } else if misc.contains(h) {
        Some(TypeSet::MISC)
    } else {
        None
    }
}

struct Ctx {
    data: PathBuf,
    countries: Countries,
    org_heads: HashSet<String>,
    misc_heads: HashSet<String>,
    /// English city name (lower case) → country codes seen with it.
    city_en: HashMap<String, BTreeSet<String>>,
}

fn load_cldr(b: &mut Builder, ctx: &mut Ctx) -> Res<()> {
    let ar = read_json(
        &ctx.data
            .join("gazetteers/country_names_cldr/country.ar.json"),
    )?;
    for (code, name) in obj_strings(&ar) {
        let (name, _) = disambig(&name);
        if let Some(k) = Builder::keys(name) {
            ctx.countries.by_ar.insert(k.join(" "), code.clone());
            b.add_keys(
                k,
                name,
                Src::Cldr,
                Trust::Strong,
                TypeSet::LOC,
                Some((&code, W_CLDR)),
            );
        }
    }
    Ok(())
}

fn load_world_cities(b: &mut Builder, ctx: &mut Ctx) -> Res<()> {
    let text = std::fs::read_to_string(
        ctx.data
            .join("gazetteers/world_cities_ar/world-cities.jsonl"),
    )?;
    let admin = ["ولاية", "محافظة", "مقاطعة", "إقليم", "منطقة", "بلدية"];
    for line in text.lines() {
        let line = line.trim_start_matches('\u{feff}').trim();
        if line.is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line)?;
        let s = |f: &str| {
            v.get(f)
                .and_then(Value::as_str)
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let (country, country_ar, city_en, city_ar) = (
            s("Country"),
            s("CountryAr"),
            s("CityNameEn"),
            s("CityNameAr"),
        );
        let pop = v.get("Population").and_then(Value::as_u64).unwrap_or(0);
        let cc = ctx
            .countries
            .en(&country)
            .or_else(|| ctx.countries.ar(&country_ar))
            .map(str::to_string);
        if let Some(cc) = &cc {
            ctx.city_en
                .entry(city_en.to_lowercase())
                .or_default()
                .insert(cc.clone());
        }
        let ccw = cc.as_deref().map(|c| (c, pop.max(1)));
        let trust = if pop >= 100_000 {
            Trust::Strong
        } else {
            Trust::Weak
        };
        if !city_ar.contains('(') {
            b.add(&city_ar, Src::Wc, trust, TypeSet::LOC, ccw);
            // "ولاية قندهار" for Kandahar: also the bare name.
            if let Some((first, rest)) = city_ar.split_once(' ') {
                if admin.contains(&first) && !rest.is_empty() {
                    b.add(rest, Src::Wc, trust, TypeSet::LOC, ccw);
                }
            }
        }
        if !country_ar.contains('(') {
            if let Some(cc) = &cc {
                b.add(
                    &country_ar,
                    Src::Wc,
                    Trust::Strong,
                    TypeSet::LOC,
                    Some((cc, W_AWC_COUNTRY)),
                );
            }
        }
    }
    Ok(())
}

fn load_arwikicats(b: &mut Builder, ctx: &mut Ctx) -> Res<()> {
    let dir = ctx.data.join("gazetteers/arwikicats");
    // Nationalities first: their country names fill gaps in CLDR.
    let nat = read_json(&dir.join("nationalities_data.json"))?;
    for (_, v) in nat.as_object().ok_or("nationalities_data.json")? {
        let g = |f: &str| {
            v.get(f)
                .and_then(Value::as_str)
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let cc = ctx
            .countries
            .ar(&g("ar"))
            .or_else(|| ctx.countries.en(&g("en")))
            .map(str::to_string);
        let ccw = cc.as_deref().map(|c| (c, W_NATIONALITY));
        for f in [
            "male",
            "males",
            "female",
            "females",
            "the_male",
            "the_female",
        ] {
            let form = g(f);
            if !form.is_empty() {
                b.add(
                    disambig(&form).0,
                    Src::Awc,
                    Trust::Strong,
                    TypeSet::MISC,
                    ccw,
                );
            }
        }
        if let Some(cc) = &cc {
            b.add(
                disambig(&g("ar")).0,
                Src::Awc,
                Trust::Strong,
                TypeSet::LOC,
                Some((cc, W_AWC_COUNTRY)),
            );
        }
    }
    let peoples = read_json(&dir.join("peoples.json"))?;
    for (_, name) in obj_strings(&peoples) {
        let (name, _) = disambig(&name);
        b.add_person(name, Src::Awc, Trust::Weak, None);
    }
    let cities = read_json(&dir.join("cities_full.json"))?;
    for (en, name) in obj_strings(&cities) {
        let (name, _) = disambig(&name);
        let en_city = en.split(',').next().unwrap_or("").trim().to_string();
        let cc = ctx
            .city_en
            .get(&en_city)
            .filter(|s| s.len() == 1)
            .and_then(|s| s.iter().next().cloned());
        b.add(
            name,
            Src::Awc,
            Trust::Weak,
            TypeSet::LOC,
            cc.as_deref().map(|c| (c, W_AWC_CITY)),
        );
    }
    for file in ["popopo.json", "P17_2_final_ll.json", "regions.json"] {
        let v = read_json(&dir.join(file))?;
        for (_, label) in obj_strings(&v) {
            let (name, d) = disambig(&label);
            if let Some(d) = d {
                if NON_PLACE_DISAMBIG.iter().any(|w| d.contains(w)) {
                    continue;
                }
            }
            let Some(keys) = Builder::keys(name) else {
                b.refused += 1;
                continue;
            };
            let cc = ctx.countries.by_ar.get(&keys.join(" ")).cloned();
            let t = head_kind(&keys, &ctx.org_heads, &ctx.misc_heads).unwrap_or(TypeSet::LOC);
            let t = if cc.is_some() { TypeSet::LOC } else { t };
            b.add_keys(
                keys,
                name,
                Src::Awc,
                Trust::Weak,
                t,
                cc.as_deref().map(|c| (c, W_AWC_COUNTRY)),
            );
        }
    }
    let fed = read_json(&dir.join("inter_federations.json"))?;
    for (_, label) in obj_strings(&fed) {
        let (name, _) = disambig(&label);
        if name
            .chars()
            .any(|c| c.is_ascii_digit() || ('٠'..='٩').contains(&c))
        {
            continue;
        }
        let Some(keys) = Builder::keys(name) else {
            b.refused += 1;
            continue;
        };
        let t = match head_kind(&keys, &ctx.org_heads, &ctx.misc_heads) {
            Some(TypeSet::MISC) => TypeSet::MISC,
            _ => TypeSet::ORG,
        };
        b.add_keys(keys, name, Src::Awc, Trust::Weak, t, None);
    }
    Ok(())
}

/// The hand-curated supplement, read with the library's user-file parser.
fn load_curated(b: &mut Builder, path: &Path) -> Res<()> {
    let g = marsad_gazetteer::Gazetteer::parse(&std::fs::read_to_string(path)?)?;
    let mut entries: Vec<_> = g.entries().collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (keys, types, cc) in entries {
        let keys: Vec<String> = keys.split(' ').map(str::to_string).collect();
        let surface = keys.join(" ");
        b.add_keys(
            keys,
            &surface,
            Src::Cur,
            Trust::Strong,
            types,
            cc.map(|c| (c, W_CLDR + 1)),
        );
    }
    Ok(())
}

fn load_name_lists(b: &mut Builder, ctx: &Ctx) -> Res<()> {
    let dir = ctx
        .data
        .join("transliteration/wikidata_person_names_coling2018");
    let mut wd: BTreeMap<String, u64> = BTreeMap::new();
    for f in ["wd_arabic_64.tsv", "wd_arabic_16.tsv", "wd_arabic_20.tsv"] {
        for line in std::fs::read_to_string(dir.join(f))?.lines() {
            let mut it = line.split('\t');
            let (_, Some(ar), n) = (it.next(), it.next(), it.next()) else {
                continue;
            };
            let word: String = ar.split_whitespace().collect();
            *wd.entry(word).or_default() += n.and_then(|n| n.trim().parse().ok()).unwrap_or(1);
        }
    }
    for (word, &n) in &wd {
        let role = if base_key(word).starts_with("ال") {
            TypeSet::FAMILY
        } else {
            TypeSet::NAME
        };
        if b.add(word, Src::Wd, Trust::Weak, role, None) {
            if let Some(acc) = Builder::keys(word).and_then(|k| b.entries.get_mut(&k)) {
                acc.wd_count += n;
            }
        }
    }
    let an = std::fs::read_to_string(
        ctx.data
            .join("transliteration/anetac/EN-AR_Named-entities.txt"),
    )?;
    for line in an.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() == 3 && f[0] == "PERSON" {
            let role = if base_key(f[2]).starts_with("ال") {
                TypeSet::FAMILY
            } else {
                TypeSet::NAME
            };
            b.add(f[2], Src::An, Trust::Weak, role, None);
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// ANERGazet: runs of lines, with multi-word names sometimes broken over lines

struct AgRun {
    kind: TypeSet,
    lines: Vec<String>,
}

fn anergazet_runs(data: &Path) -> Res<Vec<AgRun>> {
    let mut runs = Vec::new();
    for (file, kind) in [
        ("AlignedLocGazetteer.txt", TypeSet::LOC),
        ("AlignedOrgGazetteer.txt", TypeSet::ORG),
        ("AlignedPersGazetteer.txt", TypeSet::NAME),
    ] {
        let text = std::fs::read_to_string(data.join("gazetteers/anergazet").join(file))?;
        let mut cur = AgRun {
            kind,
            lines: Vec::new(),
        };
        for line in text.lines() {
            let line = line.trim();
            if !line.chars().any(is_arabic_letter) {
                // markers (==== **** * - *_) and blank lines end a run
                if !cur.lines.is_empty() {
                    runs.push(std::mem::replace(
                        &mut cur,
                        AgRun {
                            kind,
                            lines: Vec::new(),
                        },
                    ));
                }
                continue;
            }
            cur.lines.push(line.to_string());
        }
        if !cur.lines.is_empty() {
            runs.push(cur);
        }
    }
    Ok(runs)
}

/// Candidate joins of consecutive single-word lines (2 and 3 lines).
fn anergazet_join_candidates(runs: &[AgRun]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for r in runs.iter().filter(|r| r.kind != TypeSet::NAME) {
        for i in 0..r.lines.len() {
            for k in 2..=3 {
                if i + k <= r.lines.len() && r.lines[i..i + k].iter().all(|l| !l.contains(' ')) {
                    if let Some(keys) = Builder::keys(&r.lines[i..i + k].join(" ")) {
                        out.push(keys);
                    }
                }
            }
        }
    }
    out
}

fn load_anergazet(b: &mut Builder, runs: &[AgRun], corpus: &Corpus, known_multi: &HashSet<String>) {
    let prefixes = set(LOC_PREFIXES);
    let suffixes = set(LOC_SUFFIXES);
    for r in runs {
        if r.kind == TypeSet::NAME {
            for w in &r.lines {
                for word in w.split_whitespace() {
                    let role = if base_key(word).starts_with("ال") {
                        TypeSet::FAMILY
                    } else {
                        TypeSet::NAME
                    };
                    b.add(word, Src::Ag, Trust::Weak, role, None);
                }
            }
            continue;
        }
        let n = r.lines.len();
        let single = |i: usize| i < n && !r.lines[i].contains(' ');
        let mut i = 0;
        while i < n {
            let mut take = 1;
            if single(i) {
                for k in [3usize, 2] {
                    if !(0..k).all(|j| single(i + j)) {
                        continue;
                    }
                    let joined = r.lines[i..i + k].join(" ");
                    let Some(keys) = Builder::keys(&joined) else {
                        continue;
                    };
                    let both = corpus.seq_count(&keys);
                    let least = keys.iter().map(|k| corpus.count(k)).min().unwrap_or(0);
                    let attested = both >= 2 && both as f64 >= 0.2 * least as f64;
                    let rule = k == 2
                        && keys.len() == 2
                        && (prefixes.contains(keys[0].as_str())
                            || suffixes.contains(keys[1].as_str()));
                    if known_multi.contains(&keys.join(" ")) || attested || rule {
                        take = k;
                        break;
                    }
                }
            }
            let name = r.lines[i..i + take].join(" ");
            b.add(&name, Src::Ag, Trust::Weak, r.kind, None);
            i += take;
        }
    }
}

// ---------------------------------------------------------------------------------------
// PETRARCH actor dictionary

struct PtEntry {
    words: Vec<String>,
    codes: Vec<String>,
}

fn petrarch_entries(data: &Path) -> Res<Vec<PtEntry>> {
    let text = std::fs::read_to_string(
        data.join("events/petrarch_arabic/dictionaries/actor_dict_ar_v4.txt"),
    )?;
    let mut out: Vec<PtEntry> = Vec::new();
    let code_of = |s: &str| -> Vec<String> {
        let mut v = Vec::new();
        let mut rest = s;
        while let Some(i) = rest.find('[') {
            let Some(j) = rest[i..].find(']') else { break };
            let inner = &rest[i + 1..i + j];
            let code = inner.split([' ', ',']).find(|c| {
                c.chars()
                    .all(|x| x.is_ascii_uppercase() || x.is_ascii_digit())
                    && !c.is_empty()
            });
            if let Some(c) = code {
                v.push(c.to_string());
            }
            rest = &rest[i + j + 1..];
        }
        v
    };
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if t.starts_with('[') {
            if let Some(e) = out.last_mut() {
                e.codes.extend(code_of(t));
            }
            continue;
        }
        let (name, codes) = match t.find('[') {
            Some(i) => (t[..i].trim(), code_of(&t[i..])),
            None => (t, Vec::new()),
        };
        if name.contains(' ') {
            // free text, not a dictionary phrase
            out.push(PtEntry {
                words: Vec::new(),
                codes,
            });
            continue;
        }
        let words: Vec<String> = name
            .split('_')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        out.push(PtEntry { words, codes });
    }
    out.retain(|e| !e.words.is_empty() && !e.codes.is_empty());
    Ok(out)
}

/// What a PETRARCH entry may become, before corpus validation.
struct PtCandidate {
    kind: TypeSet,
    /// Surface-form variants (lemmas with the article restored in various places).
    variants: Vec<String>,
    /// Keep the first variant even if the corpus never shows it.
    keep_unattested: bool,
    country: Option<String>,
}

fn with_al(w: &str) -> String {
    if w.starts_with("ال") {
        w.to_string()
    } else {
        format!("ال{w}")
    }
}

fn petrarch_candidates(
    entries: &[PtEntry],
    ctx: &Ctx,
    nisba: &HashSet<String>,
) -> Vec<PtCandidate> {
    let titles = set(TITLES);
    let generic = set(GENERIC);
    let mut out = Vec::new();
    for e in entries {
        let countries: BTreeSet<&str> = e
            .codes
            .iter()
            .filter_map(|c| ctx.countries.cameo(c))
            .collect();
        let country = (countries.len() == 1)
            .then(|| countries.iter().next().map(|c| c.to_string()))
            .flatten();
        let agent = e.codes.iter().any(|c| {
            let rest = if ctx.countries.cameo(c).is_some() {
                &c[3..]
            } else {
                c.as_str()
            };
            !rest.is_empty()
        });
        // Drop standalone prepositions (للأمم → ل + أمة): the next word is definite.
        let mut words: Vec<String> = Vec::new();
        let mut definite_next = false;
        for w in &e.words {
            if matches!(w.as_str(), "ل" | "ب" | "و" | "في") {
                definite_next = w == "ل";
                continue;
            }
            words.push(if definite_next { with_al(w) } else { w.clone() });
            definite_next = false;
        }
        if words.is_empty() || words.len() > MAX_ENTRY_TOKENS {
            continue;
        }
        let keys: Vec<String> = words.iter().map(|w| base_key(w)).collect();
        let head = strip_al(&keys[0]).to_string();
        if !agent {
            // A place or a nationality with its country.
            if words.len() == 1 {
                let k = &keys[0];
                let is_nisba = nisba.contains(k.as_str())
                    || nisba.contains(strip_al(k))
                    || ["ي", "يه", "يون", "يين", "يات"]
                        .iter()
                        .any(|s| k.ends_with(s));
                let kind = if is_nisba {
                    TypeSet::MISC
                } else {
                    TypeSet::LOC
                };
                out.push(PtCandidate {
                    kind,
                    variants: vec![words[0].clone()],
                    keep_unattested: true,
                    country,
                });
            } else if !ctx.org_heads.contains(head.as_str())
                && !keys.iter().any(|k| {
                    let s = strip_al(k);
                    generic.contains(s)
                        || titles.contains(s)
                        || nisba.contains(k.as_str())
                        || nisba.contains(s)
                })
            {
                out.push(PtCandidate {
                    kind: TypeSet::LOC,
                    variants: article_variants(&words, false),
                    keep_unattested: false,
                    country,
                });
            }
            continue;
        }
        if words.len() < 2 {
            continue; // a bare word with an agent code: person, group or noun — unknown
        }
        if ctx.org_heads.contains(head.as_str()) {
            // "شركة ألمانية", "الصحيفة البريطانية": a description, not a name.
            let descriptive = keys[1..]
                .iter()
                .all(|k| nisba.contains(k.as_str()) || nisba.contains(strip_al(k)))
                && [
                    "شركه",
                    "صحيفه",
                    "مجموعه",
                    "قناه",
                    "وكاله",
                    "منظمه",
                    "جماعه",
                    "لجنه",
                ]
                .contains(&head.as_str());
            if descriptive {
                continue;
            }
            out.push(PtCandidate {
                kind: TypeSet::ORG,
                variants: article_variants(&words, true),
                keep_unattested: false,
                country,
            });
            continue;
        }
        // A person: strip leading titles, nationalities and country names.
        let mut start = 0;
        while start < words.len() {
            if let Some(n) = (2..=3).rev().find(|&n| {
                start + n <= keys.len() && {
                    let j = keys[start..start + n].join(" ");
                    ctx.countries.by_ar.contains_key(&j)
                        || ctx.countries.by_ar.contains_key(&with_al(&j))
                }
            }) {
                start += n;
                continue;
            }
            let k = strip_al(&keys[start]);
            let is_desc = titles.contains(k)
                || nisba.contains(keys[start].as_str())
                || nisba.contains(k)
                || ctx.countries.by_ar.contains_key(&keys[start])
                || ctx.countries.by_ar.contains_key(&with_al(&keys[start]));
            if !is_desc {
                break;
            }
            start += 1;
        }
        let rest = &words[start..];
        let rest_keys = &keys[start..];
        if rest.len() < 2
            || rest_keys[0].starts_with("ال")
            || rest_keys.iter().any(|k| {
                let s = strip_al(k);
                titles.contains(s)
                    || generic.contains(s)
                    || nisba.contains(k.as_str())
                    || ctx.org_heads.contains(s)
            })
        {
            continue;
        }
        let mut variants = vec![rest.join(" ")];
        let last = rest.len() - 1;
        if !rest[last].starts_with("ال") {
            let mut v = rest.to_vec();
            v[last] = with_al(&v[last]);
            variants.push(v.join(" "));
        }
        out.push(PtCandidate {
            kind: TypeSet::PER,
            variants,
            keep_unattested: true,
            country,
        });
    }
    out
}

/// Surface variants of a lemmatised phrase: the article on the head (for noun +
/// adjective) or not (construct state), on each later word or not, and nisba adjectives
/// in the feminine after a feminine head. At most 64 variants.
fn article_variants(words: &[String], org: bool) -> Vec<String> {
    let mut acc: Vec<Vec<String>> = vec![Vec::new()];
    let fem_head = words[0].ends_with('ة');
    for (i, w) in words.iter().enumerate() {
        let mut opts = vec![w.clone()];
        if !w.starts_with("ال") {
            opts.push(with_al(w));
        }
        if i > 0 && org && fem_head && w.ends_with('ي') {
            let f = format!("{w}ة");
            opts.push(with_al(&f));
            opts.push(f);
        }
        let mut next = Vec::new();
        for a in &acc {
            for o in &opts {
                let mut v = a.clone();
                v.push(o.clone());
                next.push(v);
            }
        }
        acc = next;
        if acc.len() > 64 {
            return Vec::new();
        }
    }
    acc.into_iter().map(|v| v.join(" ")).collect()
}

fn load_petrarch(b: &mut Builder, cands: &[PtCandidate], corpus: &Corpus, stop: &HashSet<String>) {
    for c in cands {
        if c.kind == TypeSet::PER {
            // Every word must look like a name: a part in another name list, or not a
            // common word of the news corpus.
            let Some(keys) = c.variants.first().and_then(|v| Builder::keys(v)) else {
                continue;
            };
            let surfaces: Vec<&str> = c.variants[0].split_whitespace().collect();
            let name_like = keys.len() == surfaces.len()
                && keys.iter().zip(&surfaces).all(|(k, w)| {
                    let known = b.entries.get(std::slice::from_ref(k)).is_some_and(|a| {
                        a.contrib.iter().any(|(&(s, _), t)| {
                            matches!(s, Src::Ag | Src::Awc) && t.is_person_part()
                        })
                    });
                    !stop.contains(k.as_str()) && (known || !corpus.common(k, w, 0, stop))
                });
            if !name_like {
                continue;
            }
        }
        let cc = c.country.as_deref();
        let w = if c.kind == TypeSet::PER || c.kind == TypeSet::ORG {
            W_PETRARCH_ACTOR
        } else {
            W_PETRARCH_PLACE
        };
        for (i, v) in c.variants.iter().enumerate() {
            let Some(keys) = Builder::keys(v) else {
                continue;
            };
            let n = corpus.seq_count(&keys);
            let keep = if keys.len() == 1 {
                true
            } else {
                n >= 2 || (i == 0 && c.keep_unattested)
            };
            if !keep {
                continue;
            }
            let trust = if keys.len() > 1 && n >= 2 {
                Trust::Strong
            } else {
                Trust::Weak
            };
            if c.kind == TypeSet::PER {
                b.add_person(v, Src::Pt, trust, cc.map(|c| (c, w)));
            } else {
                b.add_keys(keys, v, Src::Pt, trust, c.kind, cc.map(|c| (c, w)));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Filtering and output

struct Final {
    keys: String,
    types: TypeSet,
    country: Option<String>,
    srcs: Vec<Src>,
    by_src: Vec<(Src, TypeSet)>,
}

/// Decide which contributions survive. Single words that are common words in the news
/// corpus are dropped unless curated lists or several independent name lists vouch for
/// them; see data/README.md for the thresholds.
fn finalize(
    b: &Builder,
    corpus: &Corpus,
    stop: &HashSet<String>,
    dropped: &mut Vec<String>,
) -> Vec<Final> {
    let mut out = Vec::new();
    for (keys, acc) in &b.entries {
        let single = keys.len() == 1;
        let k = &keys[0];
        let letters = k.chars().count();
        let votes: BTreeSet<Src> = acc.contrib.keys().map(|(s, _)| *s).collect();
        // The two transliteration lists collide with the same Arabic words: one vote.
        let voters = votes
            .iter()
            .filter(|s| **s != Src::An || !votes.contains(&Src::Wd))
            .count();
        // An obscure Wikidata token (one person) that nothing else and no news text shows.
        let obscure = votes.len() == 1
            && votes.contains(&Src::Wd)
            && acc.wd_count <= 1
            && corpus.seq_count(keys) == 0;
        let mut types = TypeSet::EMPTY;
        let mut by_src: BTreeMap<Src, TypeSet> = BTreeMap::new();
        for (&(src, trust), &t) in &acc.contrib {
            let keep = if src == Src::Cur {
                true
            } else if obscure {
                false
            } else if !single {
                true
            } else if letters < 2 || stop.contains(k.as_str()) || corpus.fpm(k) >= 3000.0 {
                false
            } else {
                match trust {
                    Trust::Strong => letters >= 3 || corpus.fpm(k) < 300.0,
                    Trust::Weak => {
                        letters >= 3 && !corpus.common(k, &acc.surface, (voters - 1).min(2), stop)
                    }
                }
            };
            if keep {
                types |= t;
                *by_src.entry(src).or_default() |= t;
            } else if !obscure {
                dropped.push(format!(
                    "{}\t{}\t{}\t{:.0}",
                    keys.join(" "),
                    t,
                    src.tag(),
                    corpus.fpm(k)
                ));
            }
        }
        if types.contains(TypeSet::NAME) || types.intersects(TypeSet::NAME) {
            let part = if !acc.roles_known.is_empty() {
                acc.roles_known
            } else if acc.role_unknown {
                TypeSet::NAME
            } else {
                TypeSet::EMPTY
            };
            types = types.entity() | part;
            for t in by_src.values_mut() {
                if t.is_person_part() {
                    *t = t.entity() | part;
                }
            }
        }
        if types.is_empty() {
            continue;
        }
        if single && corpus.fpm(k) >= 30.0 {
            dropped.push(format!("KEPT\t{k}\t{types}\t{:.0}", corpus.fpm(k)));
        }
        let country = acc.country.as_ref().map(|(_, c)| c.clone()).filter(|_| {
            // Only names that are places, nationalities or actors carry a country.
            types.intersects(TypeSet::ENTITY)
                // The hand-curated list has the last word on a place's country: one
                // it lists without a country is a region (`الشرق الأوسط`).
                && !acc.curated_no_country
        });
        out.push(Final {
            keys: keys.join(" "),
            types,
            country,
            srcs: by_src.keys().copied().collect(),
            by_src: by_src.into_iter().collect(),
        });
    }
    out.sort_by(|a, b| a.keys.cmp(&b.keys));
    out
}

fn render(entries: &[Final]) -> String {
    let mut s = String::with_capacity(entries.len() * 40);
    s.push_str(
        "# Marsad built-in gazetteer, generated by build-gazetteer (see README.md); do not edit.\n",
    );
    s.push_str("# key sequence<TAB>types<TAB>country=CC;src=TAGS\n");
    for e in entries {
        let _ = write!(s, "{}\t{}\t", e.keys, e.types);
        if let Some(c) = &e.country {
            let _ = write!(s, "country={c};");
        }
        let tags: Vec<&str> = e.srcs.iter().map(|s| s.tag()).collect();
        let _ = writeln!(s, "src={}", tags.join(","));
    }
    s
}

fn stats(entries: &[Final], bytes: usize) -> String {
    let mut s = String::new();
    let cols: [(&str, TypeSet); 6] = [
        ("PER", TypeSet::PER),
        ("LOC", TypeSet::LOC),
        ("ORG", TypeSet::ORG),
        ("MISC", TypeSet::MISC),
        ("GIVEN", TypeSet::GIVEN),
        ("FAMILY", TypeSet::FAMILY),
    ];
    let _ = writeln!(
        s,
        "{} entries, {} bytes; {} with a country code; {} multi-word.\n",
        entries.len(),
        bytes,
        entries.iter().filter(|e| e.country.is_some()).count(),
        entries.iter().filter(|e| e.keys.contains(' ')).count()
    );
    let _ = writeln!(
        s,
        "| source | tag | entries | PER | LOC | ORG | MISC | GIVEN | FAMILY | only here |"
    );
    let _ = writeln!(s, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for src in SRCS {
        let mine: Vec<&Final> = entries.iter().filter(|e| e.srcs.contains(&src)).collect();
        let mut row = format!("| {} | `{}` | {} ", src.title(), src.tag(), mine.len());
        for (_, t) in cols {
            let n = mine
                .iter()
                .filter(|e| e.by_src.iter().any(|(s2, t2)| *s2 == src && t2.contains(t)))
                .count();
            let _ = write!(row, "| {n} ");
        }
        let only = mine.iter().filter(|e| e.srcs.len() == 1).count();
        let _ = writeln!(s, "{row}| {only} |");
    }
    let mut row = format!("| **all** | | {} ", entries.len());
    for (_, t) in cols {
        let _ = write!(
            row,
            "| {} ",
            entries.iter().filter(|e| e.types.contains(t)).count()
        );
    }
    let _ = writeln!(s, "{row}| |");
    s
}

fn update_readme(path: &Path, stats: &str) -> Res<()> {
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("note: {} not found, statistics not written", path.display());
        return Ok(());
    };
    let (b, e) = ("<!-- stats:begin -->", "<!-- stats:end -->");
    let (Some(i), Some(j)) = (text.find(b), text.find(e)) else {
        eprintln!("note: no stats markers in {}", path.display());
        return Ok(());
    };
    let new = format!("{}{b}\n{stats}{}", &text[..i], &text[j..]);
    std::fs::write(path, new)?;
    Ok(())
}

// ---------------------------------------------------------------------------------------

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("workspace root")
        .to_path_buf()
}

fn main() -> Res<()> {
    let root = workspace_root();
    let mut data = std::env::var_os("MARSAD_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/data"));
    let mut out = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut dropped_file: Option<PathBuf> = None;
    let mut show: Vec<String> = Vec::new();
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--data" => data = it.next().ok_or("--data needs a value")?.into(),
            "--out" => out = it.next().ok_or("--out needs a value")?.into(),
            "--dropped" => dropped_file = Some(it.next().ok_or("--dropped needs a value")?.into()),
            "--show" => show.extend(it.by_ref()),
            "-h" | "--help" => {
                println!("usage: build-gazetteer [--data DIR] [--out DIR] [--dropped FILE] | --show WORD...");
                return Ok(());
            }
            _ => return Err(format!("unknown argument {a}").into()),
        }
    }
    let t0 = Instant::now();
    let iso =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/iso3166.tsv"))?;
    let mut ctx = Ctx {
        countries: Countries::load(&iso, &data)?,
        data: data.clone(),
        org_heads: set(ORG_HEADS),
        misc_heads: set(MISC_HEADS),
        city_en: HashMap::new(),
    };
    let mut b = Builder::new();
    load_cldr(&mut b, &mut ctx)?;
    load_world_cities(&mut b, &mut ctx)?;
    load_arwikicats(&mut b, &mut ctx)?;
    load_name_lists(&mut b, &ctx)?;
    load_curated(
        &mut b,
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("data/curated.tsv"),
    )?;
    eprintln!(
        "lists read: {} keys ({:.1}s)",
        b.entries.len(),
        t0.elapsed().as_secs_f64()
    );

    // Nationality adjectives (keys) for PETRARCH's descriptions.
    let nisba: HashSet<String> = b
        .entries
        .iter()
        .filter(|(k, a)| k.len() == 1 && a.contrib.values().any(|t| t.contains(TypeSet::MISC)))
        .map(|(k, _)| k[0].clone())
        .collect();
    let runs = anergazet_runs(&data)?;
    let pt = petrarch_entries(&data)?;
    let pt_cands = petrarch_candidates(&pt, &ctx, &nisba);

    let mut candidates: HashSet<String> = HashSet::new();
    for k in anergazet_join_candidates(&runs) {
        candidates.insert(k.join(" "));
    }
    for c in &pt_cands {
        for v in &c.variants {
            if let Some(k) = Builder::keys(v) {
                candidates.insert(k.join(" "));
            }
        }
    }
    let corpus = count_corpus(&data, &candidates)?;
    eprintln!(
        "corpus: {} words, {} keys, {} of {} candidate phrases seen ({:.1}s)",
        corpus.words,
        corpus.unigram.len(),
        corpus.seq.len(),
        candidates.len(),
        t0.elapsed().as_secs_f64()
    );
    if !show.is_empty() {
        for w in &show {
            let keys = name_keys(w);
            let acc = b.entries.get(&keys);
            let k0 = keys.first().cloned().unwrap_or_default();
            let stop = set(STOP);
            println!(
                "{w}\tcommon={}{}{}\tnext_al={}\tpron={:?}\tkeys={}\tcount={}\tfpm={:.1}\tal={}\t{}",
                corpus.common(&k0, w, 0, &stop) as u8,
                corpus.common(&k0, w, 1, &stop) as u8,
                corpus.common(&k0, w, 2, &stop) as u8,
                corpus.next_al.get(&k0).copied().unwrap_or(0),
                pronoun_productivity(w),
                keys.join(" "),
                corpus.seq_count(&keys),
                keys.first().map_or(0.0, |k| corpus.fpm(k)),
                keys.first().map_or(0, |k| corpus.count(&format!("ال{k}"))),
                acc.map_or(String::from("-"), |a| format!("{:?} {:?}", a.contrib, a.country))
            );
        }
        return Ok(());
    }
    let known_multi: HashSet<String> = b
        .entries
        .keys()
        .filter(|k| k.len() > 1)
        .map(|k| k.join(" "))
        .collect();
    load_anergazet(&mut b, &runs, &corpus, &known_multi);
    let stop = set(STOP);
    load_petrarch(&mut b, &pt_cands, &corpus, &stop);

    let mut dropped = Vec::new();
    let entries = finalize(&b, &corpus, &stop, &mut dropped);
    let text = render(&entries);
    std::fs::create_dir_all(&out)?;
    std::fs::write(out.join("gazetteer.tsv"), &text)?;
    let st = stats(&entries, text.len());
    update_readme(&out.join("README.md"), &st)?;
    if let Some(p) = dropped_file {
        dropped.sort();
        std::fs::write(p, dropped.join("\n") + "\n")?;
    }
    println!("{st}");
    eprintln!(
        "wrote {} ({} entries, {} bytes; {} contributions dropped as common words, {} names refused) in {:.1}s",
        out.join("gazetteer.tsv").display(),
        entries.len(),
        text.len(),
        dropped.len(),
        b.refused,
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}
