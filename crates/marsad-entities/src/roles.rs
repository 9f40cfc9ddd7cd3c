//! Roles and descriptors around person names.
//!
//! News introduces people by office: `وزير الخارجية الروسي سيرغي لافروف`,
//! `سامح شكري، وزير الخارجية المصري،`, `نظيره التركي مولود جاويش أوغلو`, and later
//! refers to them by the office alone: `الوزير الروسي`, `المتحدث`. This module finds
//! the descriptor phrase before or after a name, and the bare definite descriptors
//! that may refer back to someone.

use crate::codes::{agent_of, bare, country_in};

/// Head nouns of roles (bare: search-normalized, no article, no proclitic).
const HEADS: &[&str] = &[
    "وزير",
    "وزيره",
    "رييس",
    "رييسه",
    "نايب",
    "متحدث",
    "متحدثه",
    "ناطق",
    "ناطقه",
    "سفير",
    "سفيره",
    "ملك",
    "ملكه",
    "امير",
    "ولي",
    "سلطان",
    "امين",
    "مدير",
    "مديره",
    "قايد",
    "زعيم",
    "مبعوث",
    "مندوب",
    "مستشار",
    "مستشاره",
    "حاكم",
    "محافظ",
    "عمده",
    "جنرال",
    "لواء",
    "عميد",
    "عقيد",
    "مرشد",
    "مفتي",
    "امام",
    "بابا",
    "شيخ",
    "نظير",
    "نظيره",
    "مراسل",
    "سيناتور",
    "عضو",
    "مسوول",
    "مسووله",
    "منسق",
    "مفوض",
    "قاضي",
    "مدعي",
];

/// Words that end a descriptor looking outward from a name: prepositions, particles,
/// speech verbs, conjunction tokens.
const BREAKS: &[&str] = &[
    "من",
    "مع",
    "الي",
    "علي",
    "في",
    "عن",
    "ان",
    "إن",
    "أن",
    "قال",
    "قالت",
    "اكد",
    "اكدت",
    "و",
    "او",
    "ثم",
    "لكن",
    "بين",
    "الذي",
    "التي",
    "كما",
    "اليوم",
    "امس",
    "حيث",
    "بعد",
    "قبل",
    "خلال",
    "عند",
    "الا",
    "لا",
    "لم",
    "لن",
    "قد",
    "هو",
    "هي",
    "بان",
    "انه",
    "انها",
];

/// Whether a word is a role head; returns its bare form.
pub fn head_of(word: &str) -> Option<String> {
    // A pronoun suffix makes another word (`أمامه`, in front of him, is not `إمام`),
    // except on a counterpart (`نظيره`).
    if marsad_text::clitic::CliticSplitter::global()
        .split(word)
        .enclitic
        .is_some()
        && !word.contains("نظير")
    {
        return None;
    }
    let b = bare(word);
    if HEADS.contains(&b.as_str()) {
        return Some(b);
    }
    // Feminine forms (`زعيمة`, `المتحدثة`) share the masculine head, except where the
    // feminine is a place (`محافظة`, a governorate, not a governor).
    let masc = b.strip_suffix('ه')?;
    (HEADS.contains(&masc) && masc != "محافظ").then(|| masc.to_string())
}

fn is_break(word: &str) -> bool {
    let k = marsad_text::key::word_key(word);
    BREAKS.contains(&k.as_str()) || !word.chars().any(char::is_alphabetic)
}

/// A descriptor found next to a name: token range `[start, end)` of the phrase (in the
/// caller's token list) and its head.
#[derive(Debug, Clone, PartialEq)]
pub struct Descriptor {
    pub start: usize,
    pub end: usize,
    pub head: String,
    pub country: Option<&'static str>,
    pub agent: Option<&'static str>,
}

/// Longest descriptor allowed, in tokens.
const MAX_ROLE_TOKENS: usize = 6;

fn describe(words: &[&str], start: usize, end: usize, head: String) -> Descriptor {
    // `سفير المملكة لدى أستراليا`: what follows `لدى` is the host, not the office.
    let span = &words[start..end];
    let span = match span
        .iter()
        .position(|w| marsad_text::key::word_key(w) == "لدي")
    {
        Some(k) if k > 0 => &span[..k],
        _ => span,
    };
    Descriptor {
        start,
        end,
        head,
        country: country_in(span),
        agent: agent_of(span),
    }
}

/// The descriptor right before the name starting at token `name_start`, not reaching
/// back past `floor` (the sentence start or the previous mention).
pub fn before(words: &[&str], name_start: usize, floor: usize) -> Option<Descriptor> {
    let mut head: Option<(usize, String)> = None;
    let lo = name_start.saturating_sub(MAX_ROLE_TOKENS).max(floor);
    let mut i = name_start;
    while i > lo {
        i -= 1;
        let w = words[i];
        if let Some(h) = head_of(w) {
            head = Some((i, h));
            continue;
        }
        if is_break(w) {
            break;
        }
    }
    let (start, h) = head?;
    Some(describe(words, start, name_start, h))
}

/// The appositive descriptor after the name ending at token `name_end`
/// (`سامح شكري، وزير الخارجية المصري،`), not reaching `ceil`.
pub fn after(words: &[&str], name_end: usize, ceil: usize) -> Option<Descriptor> {
    if name_end >= ceil {
        return None;
    }
    // With or without a comma: `سامح شكري، وزير الخارجية` / `باسملة وزير النقل اليمني`.
    let start = if matches!(words[name_end], "،" | ",") {
        name_end + 1
    } else {
        name_end
    };
    if start >= ceil {
        return None;
    }
    // `لافروف، ووزير الخارجية الأمريكي جون كيري` lists another person.
    if marsad_text::key::word_key(words[start]).starts_with('و')
        && !words[start].starts_with("وزير")
    {
        return None;
    }
    let h = head_of(words[start])?;
    let mut end = start + 1;
    while end < ceil && end < start + MAX_ROLE_TOKENS {
        let w = words[end];
        if is_break(w) || head_of(w).is_some() {
            break;
        }
        end += 1;
    }
    Some(describe(words, start, end, h))
}

/// A definite role phrase standing alone (`الوزير الروسي`, `المتحدث`) at token `i`:
/// the head with the article, optionally followed by a nationality adjective.
pub fn anaphor_at(words: &[&str], i: usize, ceil: usize) -> Option<Descriptor> {
    let w = words[i];
    // Called on every word: a cheap test first (the article and a head's letters),
    // before the clitic analysis.
    if !w.contains("ال") {
        return None;
    }
    let norm = marsad_text::key::word_key(w);
    if !HEADS.iter().any(|h| norm.contains(h)) {
        return None;
    }
    let k = marsad_text::key::base_key(w);
    if !k.starts_with("ال") {
        return None;
    }
    let h = head_of(w)?;
    if h == "نظير" || h == "نظيره" || h == "عضو" {
        return None;
    }
    let mut end = i + 1;
    if end < ceil && crate::codes::country_of_word(words[end]).is_some() {
        end += 1;
    }
    Some(describe(words, i, end, h))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        marsad_text::tokenize(s).iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn descriptor_before_name() {
        let w = words("تلقى وزير الخارجية الروسي سيرغي لافروف اتصالا");
        let d = before(&w, 4, 0).unwrap();
        assert_eq!((d.start, d.end), (1, 4));
        assert_eq!(d.head, "وزير");
        assert_eq!(d.country, Some("RUS"));
        assert_eq!(d.agent, Some("GOV"));
        let w = words("وقال المتحدث باسم الجيش الإسرائيلي أفيخاي أدرعي");
        let d = before(&w, 5, 0).unwrap();
        assert_eq!((d.start, d.head.as_str()), (1, "متحدث"));
        assert_eq!((d.country, d.agent), (Some("ISR"), Some("MIL")));
        let w = words("وقال سفير خادم الحرمين الشريفين لدى أستراليا نبيل آل صالح");
        let d = before(&w, 7, 0).unwrap();
        assert_eq!(d.country, None, "the host country is not the ambassador's");
        let w = words("التقى سامح شكري في القاهرة");
        assert_eq!(before(&w, 1, 0), None);
        assert_eq!(head_of("المحافظة"), None, "a governorate is a place");
        assert_eq!(head_of("محافظ").as_deref(), Some("محافظ"));
    }

    #[test]
    fn descriptor_after_name() {
        let w = words("وقال سامح شكري، وزير الخارجية المصري، إن");
        let d = after(&w, 3, w.len()).unwrap();
        assert_eq!(w[d.start..d.end].join(" "), "وزير الخارجية المصري");
        assert_eq!(d.country, Some("EGY"));
    }

    #[test]
    fn anaphors() {
        let w = words("وأضاف الوزير الروسي أن");
        let d = anaphor_at(&w, 1, w.len()).unwrap();
        assert_eq!(
            (d.end, d.head.as_str(), d.country),
            (3, "وزير", Some("RUS"))
        );
        assert!(anaphor_at(&w, 0, w.len()).is_none());
    }
}
