//! PETRARCH's Arabic verb-pattern dictionary mapped onto our tokens.
//!
//! `CAMEO.ar.0.5.txt` codes events by patterns: a verb (any of a block's synonyms,
//! listed after `#` on each pattern line, lemmatised, `+` joining a preposition) and
//! an object noun (`- * مظاهرة [141] # نظم` — to organise a demonstration). Bare
//! lemmas carry no reliable code on their own, so only the verb + object patterns
//! are used: a verb form (past or present, with clitics) followed within four words
//! by the object (article and proclitics off). Synset objects (`&PROPOSAL`) are
//! skipped. The dictionary was never validated; it complements the hand-written
//! lexicon of [`crate::events`] where that has no trigger.

use marsad_text::key::word_key;
use std::collections::HashMap;
use std::sync::OnceLock;

const DICTIONARY: &str = include_str!("../data/CAMEO.ar.0.5.txt");

/// Verb form → [(object words, code)].
type Patterns = HashMap<String, Vec<(Vec<String>, &'static str)>>;

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let mut m: Patterns = HashMap::new();
        for line in DICTIONARY.lines() {
            let Some(rest) = line.strip_prefix("- ") else {
                continue;
            };
            let (Some(open), Some(close), Some(hash)) =
                (rest.find('['), rest.find(']'), rest.find('#'))
            else {
                continue;
            };
            if !(open < close && close < hash) {
                continue;
            }
            let code = rest[open + 1..close].trim();
            if code.len() < 3 || !code.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            let code: &'static str = Box::leak(code.to_string().into_boxed_str());
            let object_part = rest[..open].trim().trim_start_matches('*').trim();
            let Some(object) = object_noun(object_part) else {
                continue;
            };
            for verb in rest[hash + 1..].split(',') {
                let verb = verb.trim();
                if verb.is_empty() || verb.contains('_') || verb.contains(' ') {
                    continue;
                }
                let lemma = verb.split('+').next().unwrap_or(verb);
                for form in verb_forms(&word_key(lemma)) {
                    let list = m.entry(form).or_default();
                    if !list.iter().any(|(o, c)| *o == object && *c == code) {
                        list.push((object.clone(), code));
                    }
                }
            }
        }
        m
    })
}

/// The words of a pattern's object, search-normalized, article off; `None` for
/// synsets (`&PROPOSAL`) and objects that are not Arabic words.
fn object_noun(part: &str) -> Option<Vec<String>> {
    if part.starts_with('&') || part.is_empty() || part.contains('&') {
        return None;
    }
    let words: Vec<String> = part
        .split(|c: char| c.is_whitespace() || "(){}".contains(c))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let k = word_key(w);
            k.strip_prefix("ال").unwrap_or(&k).to_string()
        })
        .collect();
    let ok = !words.is_empty()
        && words[0].chars().count() >= 3
        && words
            .iter()
            .all(|k| !k.is_empty() && k.chars().all(marsad_text::chars::is_arabic_letter));
    ok.then_some(words)
}

/// Past and present forms of a verb lemma.
fn verb_forms(lemma: &str) -> Vec<String> {
    let n = lemma.chars().count();
    if !(3..=7).contains(&n) {
        return Vec::new();
    }
    let mut out: Vec<String> = ["", "ت", "وا", "ا", "تا"]
        .iter()
        .map(|s| format!("{lemma}{s}"))
        .collect();
    let stem = match lemma.strip_prefix('ا') {
        Some(rest) if n > 3 => rest.to_string(),
        _ => lemma.to_string(),
    };
    for p in ["ي", "ت"] {
        for s in ["", "ون", "ان"] {
            out.push(format!("{p}{stem}{s}"));
        }
    }
    out
}

/// Forms the dictionary's verbs share with frequent other words: `وفقا` (according
/// to), `تعرض` (was subjected to).
const NOT_VERBS: &[&str] = &["وفقا", "طبقا", "تعرض", "يتعرض", "تتعرض", "تعرضت", "تعرضوا"];

/// Objects that are only a preposition (a direction, not a thing).
const PREPOSITION_OBJECTS: &[&str] = &["نحو", "عبر", "خلال", "باتجاه", "من", "الي", "علي"];

/// A word reduced for object matching: conjunction, preposition + article off.
fn bare(word: &str) -> &str {
    let n = word.trim_start_matches('و');
    n.strip_prefix("بال")
        .or_else(|| n.strip_prefix("لل"))
        .or_else(|| n.strip_prefix("ال"))
        .unwrap_or(n)
}

/// The code of a PETRARCH pattern at token `i`: a verb form there (conjunction
/// off) and its object words in sequence among the next four words; the longest
/// (most specific) object wins.
pub fn pattern_at(keys: &[String], i: usize) -> Option<&'static str> {
    let k = keys[i].as_str();
    let p = patterns();
    let (form, list) = [Some(k), k.strip_prefix('و'), k.strip_prefix('ف')]
        .into_iter()
        .flatten()
        .find_map(|f| p.get(f).map(|l| (f, l)))?;
    // A bare three-letter form is as often a noun or preposition (`قبل`, `عرض`,
    // `رفع`, `حكم`) as a verb; speech verbs are quotations, not events.
    if form.chars().count() < 4
        || crate::quotes::speech_verb(form).is_some()
        || NOT_VERBS.contains(&form)
    {
        return None;
    }
    let window: Vec<&str> = keys
        .iter()
        .skip(i + 1)
        .take(4 + 3)
        .map(|w| bare(w))
        .collect();
    let mut best: Option<(usize, &'static str)> = None;
    for (object, code) in list {
        let fits = (0..window.len().min(4)).any(|s| {
            object.len() <= window.len() - s
                && object.iter().zip(&window[s..]).all(|(o, w)| o == w)
                // A bare preposition as the object (`تقدم عبر`, to advance across)
                // is no pattern after a `ب` complement: `تقدمت سيدة بدعوى عبر موقع`
                // (filed a suit).
                && !(object.len() == 1
                    && PREPOSITION_OBJECTS.contains(&object[0].as_str())
                    && keys[i + 1..i + 1 + s]
                        .iter()
                        .any(|w| w.starts_with('ب') && w.chars().count() >= 4))
        });
        if fits && best.is_none_or(|(n, _)| object.len() > n) {
            best = Some((object.len(), code));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_load_and_match() {
        assert!(patterns().len() > 500, "{}", patterns().len());
        let keys: Vec<String> = ["ونظموا", "الطلاب", "مظاهرة"]
            .iter()
            .map(|w| word_key(w))
            .collect();
        assert_eq!(pattern_at(&keys, 0), Some("141"));
        // A bare three-letter form is ambiguous: `قبل الاتفاق` (before the agreement).
        let keys: Vec<String> = ["قبل", "الاتفاق"].iter().map(|w| word_key(w)).collect();
        assert_eq!(pattern_at(&keys, 0), None);
        let keys: Vec<String> = ["قال", "الوزير"].iter().map(|w| word_key(w)).collect();
        assert_eq!(pattern_at(&keys, 0), None);
    }
}
