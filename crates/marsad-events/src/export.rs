//! GDELT-shaped tables: events with GDELT's column names where they apply, and
//! quotations as GKG-style `Offset|Length|Verb|Quote` plus the speaker.

use marsad_article::Article;
use std::fmt::Write;

/// Header of the events table.
pub const EVENTS_HEADER: &str = "GlobalEventID\tDay\tMonthYear\tYear\tActor1Code\tActor1Name\tActor1CountryCode\tActor1Type1Code\tActor1EntityID\tActor2Code\tActor2Name\tActor2CountryCode\tActor2Type1Code\tActor2EntityID\tIsRootEvent\tEventCode\tEventBaseCode\tEventRootCode\tQuadClass\tGoldsteinScale\tNumMentions\tNumSources\tNumArticles\tDateHow\tFlags\tTrigger\tTriggerOffset\tTriggerLength\tArticleID\tSOURCEURL";

/// Header of the quotations table.
pub const QUOTES_HEADER: &str =
    "ArticleID\tSOURCEURL\tOffset\tLength\tVerb\tQuote\tSpeaker\tSpeakerEntityID\tKind\tFlags";

/// CAMEO agent (type) codes, as opposed to country codes.
const AGENTS: &[&str] = &[
    "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "PTY", "OPP", "REB", "MED", "REL", "EDU", "BUS",
    "IGO", "NGO", "ELI", "CVL", "LAB", "HLH", "REF", "AGR", "ENV", "CRM", "UAF", "MOD", "RAD",
    "IMG", "INS", "SEP", "HRI", "DEV", "AMN", "IRC", "GRP", "UNO", "MNC", "NGM",
];

/// Split an actor code (`USAGOV`, `RUS`, `CVL`) into country and type.
pub fn split_actor_code(code: &str) -> (&str, &str) {
    if code.len() >= 6 && code.is_char_boundary(3) {
        return (&code[..3], &code[3..6]);
    }
    if AGENTS.contains(&code) {
        ("", code)
    } else {
        (code, "")
    }
}

fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '\t' || c == '\n' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Stable numeric id of an article's `i`-th event.
fn event_id(article: &Article, i: usize) -> u64 {
    xxhash_rust::xxh3::xxh3_64(format!("{}#{i}", article.id).as_bytes()) >> 1
}

/// The article's events as rows (without header), each ending in a newline.
pub fn event_rows(article: &Article) -> String {
    let mut out = String::new();
    let url = article.url.as_deref().unwrap_or("");
    for (i, e) in article.events.iter().enumerate() {
        let digits: String = e
            .date
            .as_deref()
            .unwrap_or("")
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let day = if digits.len() >= 8 {
            digits[..8].to_string()
        } else {
            String::new()
        };
        let month = digits.get(..6).unwrap_or("").to_string();
        let year = digits.get(..4).unwrap_or("").to_string();
        let (a1c, a1t) = split_actor_code(e.actor_code.as_deref().unwrap_or(""));
        let (a2c, a2t) = split_actor_code(e.target_code.as_deref().unwrap_or(""));
        let a1_entity = e
            .actor
            .as_deref()
            .filter(|a| a.starts_with('E') && Some(*a) != e.actor_text.as_deref());
        let a2_entity = e
            .target
            .as_deref()
            .filter(|a| a.starts_with('E') && Some(*a) != e.target_text.as_deref());
        let trigger = marsad_article::slice_chars(&article.text, e.span.start, e.span.end);
        let _ = writeln!(
            out,
            "{}\t{day}\t{month}\t{year}\t{}\t{}\t{a1c}\t{a1t}\t{}\t{}\t{}\t{a2c}\t{a2t}\t{}\t{}\t{}\t{}\t{}\t{}\t{:.1}\t1\t1\t1\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            event_id(article, i),
            clean(e.actor_code.as_deref().unwrap_or("")),
            clean(e.actor_text.as_deref().unwrap_or("")),
            a1_entity.unwrap_or(""),
            clean(e.target_code.as_deref().unwrap_or("")),
            clean(e.target_text.as_deref().unwrap_or("")),
            a2_entity.unwrap_or(""),
            u8::from(i == 0),
            e.code,
            e.base_code,
            e.root_code,
            e.quad_class,
            e.goldstein,
            e.date_how.as_deref().unwrap_or(""),
            e.flags.join(","),
            clean(trigger),
            e.span.start,
            e.span.end - e.span.start,
            article.id,
            clean(url),
        );
    }
    out
}

/// The article's quotations as rows (without header).
pub fn quote_rows(article: &Article) -> String {
    let mut out = String::new();
    let url = article.url.as_deref().unwrap_or("");
    for q in &article.quotes {
        let quote = marsad_article::slice_chars(&article.text, q.span.start, q.span.end);
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            article.id,
            clean(url),
            q.span.start,
            q.span.end - q.span.start,
            q.verb.as_deref().unwrap_or(""),
            clean(quote),
            clean(q.speaker.as_deref().unwrap_or("")),
            q.speaker_entity.as_deref().unwrap_or(""),
            q.kind,
            q.flags.join(","),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_codes_split() {
        assert_eq!(split_actor_code("USAGOV"), ("USA", "GOV"));
        assert_eq!(split_actor_code("RUS"), ("RUS", ""));
        assert_eq!(split_actor_code("CVL"), ("", "CVL"));
        assert_eq!(split_actor_code(""), ("", ""));
        assert_eq!(clean("a\tb\nc"), "a b c");
    }
}
