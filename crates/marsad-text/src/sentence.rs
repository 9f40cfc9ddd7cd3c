//! Sentence splitting on top of [`crate::token`].
//!
//! A sentence ends at `.` `!` `?` `؟` `…` (or a run of them) and at every line
//! break (news headlines and paragraphs carry no final stop). Closing quotes and
//! brackets right after the stop stay with the sentence. A period after an
//! abbreviation does not end one: single Arabic letters (د. م. ص. أ.), titles
//! (Dr. Mr. Prof. ...), Latin initials (U.S.), and a list number opening a line.

use crate::chars::is_arabic_letter;
use crate::token::{Token, TokenKind};

/// A sentence as code-point offsets `[start, end)` plus the token range it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Indices into the token slice: `tokens[first_token..end_token]`.
    pub first_token: usize,
    pub end_token: usize,
}

const LATIN_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "inc", "co", "ltd", "corp", "vs", "etc",
    "no", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Arabic abbreviations written with a dot (besides single letters).
const ARABIC_ABBREVIATIONS: &[&str] = &[
    "هـ", "ه", "م", "ق", "د", "ص", "ج", "ت", "أ", "ا", "س", "ب", "ع", "ك", "ط", "ف", "ل", "ن", "ر",
    "ح", "ش", "ي",
];

fn is_terminal(s: &str) -> bool {
    let mut it = s.chars();
    match it.next() {
        Some(c @ ('.' | '!' | '?' | '؟' | '…' | '۔')) => {
            it.all(|d| d == c || matches!(d, '!' | '?' | '؟'))
        }
        _ => false,
    }
}

fn is_closing(s: &str) -> bool {
    matches!(
        s,
        "»" | "”" | "\"" | "'" | "’" | ")" | "]" | "}" | "›" | "﴾"
    )
}

/// Split into sentences. `tokens` must come from [`crate::tokenize`] on `text`.
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::with_capacity(tokens.len() / 12 + 1);
    let mut first = 0usize;
    let mut line_start = true; // is tokens[i] the first token of its line?
    let mut i = 0usize;
    let close = |out: &mut Vec<Sentence>, first: usize, end: usize| {
        if end > first {
            out.push(Sentence {
                start: tokens[first].start,
                end: tokens[end - 1].end,
                first_token: first,
                end_token: end,
            });
        }
    };
    while i < tokens.len() {
        let t = tokens[i];
        let newline_after = tokens
            .get(i + 1)
            .is_some_and(|n| text[t.byte_end..n.byte_start].contains('\n'));
        let mut end_here = newline_after;
        let mut last = i;
        if t.kind == TokenKind::Punct
            && is_terminal(t.text(text))
            && !is_abbreviation_dot(text, tokens, i, first, line_start)
        {
            // Swallow closing quotes/brackets attached to the stop.
            let mut j = i + 1;
            while j < tokens.len()
                && tokens[j].kind == TokenKind::Punct
                && is_closing(tokens[j].text(text))
                && tokens[j].byte_start == tokens[j - 1].byte_end
            {
                j += 1;
            }
            last = j - 1;
            end_here = true;
        }
        if end_here {
            close(&mut out, first, last + 1);
            first = last + 1;
            line_start = tokens
                .get(last + 1)
                .is_none_or(|n| text[tokens[last].byte_end..n.byte_start].contains('\n'));
        } else {
            line_start = false;
        }
        i = last + 1;
    }
    close(&mut out, first, tokens.len());
    out
}

/// Is the `.` at `tokens[i]` part of an abbreviation rather than a full stop?
fn is_abbreviation_dot(
    text: &str,
    tokens: &[Token],
    i: usize,
    first: usize,
    _line_start: bool,
) -> bool {
    if tokens[i].text(text) != "." || i == 0 {
        return false;
    }
    let prev = tokens[i - 1];
    if prev.byte_end != tokens[i].byte_start {
        return false; // "word ." — a detached dot is a stop
    }
    let next = tokens.get(i + 1);
    let at_end = next.is_none_or(|n| text[tokens[i].byte_end..n.byte_start].contains('\n'));
    let w = prev.text(text);
    match prev.kind {
        TokenKind::Arabic => {
            if at_end {
                return false;
            }
            // `إف. بي. آي.`: an English letter spelled in Arabic, with another next to
            // it, is an abbreviation's.
            let spelled = |k: usize| {
                tokens
                    .get(k)
                    .is_some_and(|t| crate::key::spelled_letter(t.text(text)).is_some())
            };
            let dotted_before = i >= 3 && tokens[i - 2].text(text) == "." && spelled(i - 3);
            if spelled(i - 1) && (spelled(i + 1) || dotted_before) {
                return true;
            }
            let letters: String = w.chars().filter(|&c| is_arabic_letter(c)).collect();
            // "1436 هـ." ends a sentence about a Hijri year more often than not.
            let after_number = i >= 2 && tokens[i - 2].kind == TokenKind::Number;
            if after_number && (letters == "ه" || letters == "م") {
                return false;
            }
            ARABIC_ABBREVIATIONS.contains(&w) || ARABIC_ABBREVIATIONS.contains(&letters.as_str())
        }
        TokenKind::Latin => {
            if at_end {
                return false;
            }
            let single_upper = w.chars().count() == 1 && w.chars().all(|c| c.is_uppercase());
            single_upper || LATIN_ABBREVIATIONS.contains(&w.to_ascii_lowercase().as_str())
        }
        // "1. ..." opening a numbered line.
        TokenKind::Number => i - 1 == first && !at_end && w.chars().count() <= 3,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    fn sents(s: &str) -> Vec<String> {
        let t = tokenize(s);
        split_sentences(s, &t)
            .iter()
            .map(|x| s.chars().skip(x.start).take(x.end - x.start).collect())
            .collect()
    }

    #[test]
    fn arabic_punctuation() {
        assert_eq!(
            sents("وصل الوفد إلى الرياض. هل ستنجح المفاوضات؟ نأمل ذلك! انتهى"),
            [
                "وصل الوفد إلى الرياض.",
                "هل ستنجح المفاوضات؟",
                "نأمل ذلك!",
                "انتهى"
            ]
        );
    }

    #[test]
    fn closing_quotes_stay() {
        assert_eq!(
            sents("وقال: «لن نتراجع.» ثم غادر. وأضاف \"انتهى الأمر!\" للصحفيين."),
            [
                "وقال: «لن نتراجع.»",
                "ثم غادر.",
                "وأضاف \"انتهى الأمر!\"",
                "للصحفيين."
            ]
        );
    }

    #[test]
    fn spelled_letters_of_an_abbreviation() {
        assert_eq!(
            sents("قال مكتب التحقيقات (إف. بي. أي.) إن الكمان عاد. وأضاف"),
            ["قال مكتب التحقيقات (إف. بي. أي.) إن الكمان عاد.", "وأضاف"]
        );
        assert_eq!(sents("قال لبي بي سي. وأضاف"), ["قال لبي بي سي.", "وأضاف"]);
    }

    #[test]
    fn abbreviations() {
        assert_eq!(
            sents("قال د. محمد العلي إن م. أحمد وصل. وذكر Dr. Smith من U.S. ذلك."),
            [
                "قال د. محمد العلي إن م. أحمد وصل.",
                "وذكر Dr. Smith من U.S. ذلك."
            ]
        );
        assert_eq!(
            sents("توفي عام 1436 هـ. وكان عالما."),
            ["توفي عام 1436 هـ.", "وكان عالما."]
        );
    }

    #[test]
    fn lines_end_sentences() {
        assert_eq!(
            sents("عنوان الخبر\n1. البند الأول\nنص بلا نقطة\n\nفقرة. ثانية"),
            [
                "عنوان الخبر",
                "1. البند الأول",
                "نص بلا نقطة",
                "فقرة.",
                "ثانية"
            ]
        );
    }

    #[test]
    fn ellipsis_and_empty() {
        assert_eq!(sents("انتظر... ماذا حدث؟!"), ["انتظر...", "ماذا حدث؟!"]);
        assert!(sents("").is_empty());
        assert!(sents("   \n ").is_empty());
    }
}
