//! GDELT-shaped tables: events with GDELT's column names where they apply, and
//! quotations as GKG-style `Offset|Length|Verb|Quote` plus the speaker.
//!
//! The events layout is defined once, here: [`EVENTS_COLUMNS`] names and types the
//! columns and [`event_cells`] builds each event's typed values. The TSV writer
//! ([`event_rows`]) prints those cells, and `marsad-export` writes the very same
//! cells as Parquet, CSV or JSON Lines.

use marsad_article::Article;
use std::fmt::Write;

/// The type of an events column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    Text,
    Int,
    Float,
}

/// One column of the events table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventColumn {
    /// GDELT 2.0 event-table name where GDELT has the column; ours otherwise.
    pub name: &'static str,
    pub kind: CellKind,
    /// Whether the value may be absent (an empty TSV field).
    pub nullable: bool,
    pub doc: &'static str,
}

/// Number of columns of the events table.
pub const EVENT_COLUMNS_LEN: usize = 30;

const fn col(name: &'static str, kind: CellKind, nullable: bool, doc: &'static str) -> EventColumn {
    EventColumn {
        name,
        kind,
        nullable,
        doc,
    }
}

/// The events table's columns, in order.
pub const EVENTS_COLUMNS: [EventColumn; EVENT_COLUMNS_LEN] = {
    use CellKind::*;
    [
        col("GlobalEventID", Int, false, "Stable numeric id of the event: a hash of the article id and the event's index (GDELT GlobalEventID)."),
        col("Day", Int, true, "Date of the event as YYYYMMDD (GDELT Day); absent when only the month or year is known."),
        col("MonthYear", Int, true, "YYYYMM of the event's date (GDELT MonthYear)."),
        col("Year", Int, true, "YYYY of the event's date (GDELT Year)."),
        col("Actor1Code", Text, true, "CAMEO actor code of the source actor: country + agent (`USAGOV`, `RUS`, `CVL`) (GDELT Actor1Code)."),
        col("Actor1Name", Text, true, "The source actor as written in the article (GDELT Actor1Name, here in Arabic)."),
        col("Actor1CountryCode", Text, true, "ISO 3166-1 alpha-3 / CAMEO country part of Actor1Code (GDELT Actor1CountryCode)."),
        col("Actor1Type1Code", Text, true, "CAMEO agent part of Actor1Code (`GOV`, `MIL`, ...) (GDELT Actor1Type1Code)."),
        col("Actor1EntityID", Text, true, "Entity id (`E…`) of the source actor when it is a resolved entity (no GDELT equivalent)."),
        col("Actor2Code", Text, true, "CAMEO actor code of the target (GDELT Actor2Code)."),
        col("Actor2Name", Text, true, "The target as written (GDELT Actor2Name)."),
        col("Actor2CountryCode", Text, true, "Country part of Actor2Code (GDELT Actor2CountryCode)."),
        col("Actor2Type1Code", Text, true, "Agent part of Actor2Code (GDELT Actor2Type1Code)."),
        col("Actor2EntityID", Text, true, "Entity id of the target when it is a resolved entity (no GDELT equivalent)."),
        col("IsRootEvent", Int, false, "1 for the first event of the article, else 0 (GDELT IsRootEvent, approximated)."),
        col("EventCode", Text, false, "CAMEO event code, e.g. `042` (GDELT EventCode)."),
        col("EventBaseCode", Text, false, "CAMEO three-digit base code (GDELT EventBaseCode)."),
        col("EventRootCode", Text, false, "CAMEO two-digit root code (GDELT EventRootCode)."),
        col("QuadClass", Int, false, "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict (GDELT QuadClass)."),
        col("GoldsteinScale", Float, false, "Goldstein score of the event code, −10 … +10, one decimal (GDELT GoldsteinScale)."),
        col("NumMentions", Int, false, "Always 1: one row per mention of an event in one article (GDELT NumMentions)."),
        col("NumSources", Int, false, "Always 1 (GDELT NumSources)."),
        col("NumArticles", Int, false, "Always 1 (GDELT NumArticles)."),
        col("DateHow", Text, true, "How the date was found: `publication`, `yesterday`, `weekday-on-or-before`, `explicit`, ... (no GDELT equivalent)."),
        col("Flags", Text, true, "Comma-separated `negated`, `future` (no GDELT equivalent); absent when none."),
        col("Trigger", Text, false, "The trigger word(s) as written in the text (no GDELT equivalent)."),
        col("TriggerOffset", Int, false, "Code-point offset of the trigger in the article's text."),
        col("TriggerLength", Int, false, "Length of the trigger in code points."),
        col("ArticleID", Text, false, "Id of the article the event was found in."),
        col("SOURCEURL", Text, true, "URL of the article (GDELT SOURCEURL)."),
    ]
};

/// Header of the events table.
pub const EVENTS_HEADER: &str = "GlobalEventID\tDay\tMonthYear\tYear\tActor1Code\tActor1Name\tActor1CountryCode\tActor1Type1Code\tActor1EntityID\tActor2Code\tActor2Name\tActor2CountryCode\tActor2Type1Code\tActor2EntityID\tIsRootEvent\tEventCode\tEventBaseCode\tEventRootCode\tQuadClass\tGoldsteinScale\tNumMentions\tNumSources\tNumArticles\tDateHow\tFlags\tTrigger\tTriggerOffset\tTriggerLength\tArticleID\tSOURCEURL";

/// One value of an events row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text; `None` when absent (never `Some("")`).
    Text(Option<String>),
    Int(Option<i64>),
    Float(f64),
}

impl Cell {
    fn text(s: Option<&str>) -> Cell {
        Cell::Text(s.filter(|s| !s.is_empty()).map(str::to_string))
    }
}

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

/// The article's events as typed rows, one cell per column of [`EVENTS_COLUMNS`].
pub fn event_cells(article: &Article) -> Vec<[Cell; EVENT_COLUMNS_LEN]> {
    let url = article.url.as_deref();
    article
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let digits: String = e
                .date
                .as_deref()
                .unwrap_or("")
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            let prefix = |n: usize| digits.get(..n).and_then(|d| d.parse::<i64>().ok());
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
            // The score as the TSV has always printed it (one decimal), so that every
            // format carries the same value.
            let goldstein: f64 = format!("{:.1}", e.goldstein).parse().unwrap_or(0.0);
            let flags = e.flags.join(",");
            [
                Cell::Int(Some(event_id(article, i) as i64)),
                Cell::Int(prefix(8)),
                Cell::Int(prefix(6)),
                Cell::Int(prefix(4)),
                Cell::text(e.actor_code.as_deref()),
                Cell::text(e.actor_text.as_deref()),
                Cell::text(Some(a1c)),
                Cell::text(Some(a1t)),
                Cell::text(a1_entity),
                Cell::text(e.target_code.as_deref()),
                Cell::text(e.target_text.as_deref()),
                Cell::text(Some(a2c)),
                Cell::text(Some(a2t)),
                Cell::text(a2_entity),
                Cell::Int(Some(i64::from(i == 0))),
                Cell::Text(Some(e.code.clone())),
                Cell::Text(Some(e.base_code.clone())),
                Cell::Text(Some(e.root_code.clone())),
                Cell::Int(Some(i64::from(e.quad_class))),
                Cell::Float(goldstein),
                Cell::Int(Some(1)),
                Cell::Int(Some(1)),
                Cell::Int(Some(1)),
                Cell::text(e.date_how.as_deref()),
                Cell::text(Some(&flags)),
                Cell::Text(Some(trigger.to_string())),
                Cell::Int(Some(e.span.start as i64)),
                Cell::Int(Some(e.span.end.saturating_sub(e.span.start) as i64)),
                Cell::Text(Some(article.id.clone())),
                Cell::text(url),
            ]
        })
        .collect()
}

/// The article's events as TSV rows (without header), each ending in a newline:
/// the cells of [`event_cells`], an absent value as an empty field.
pub fn event_rows(article: &Article) -> String {
    let mut out = String::new();
    for row in event_cells(article) {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push('\t');
            }
            match cell {
                Cell::Text(Some(s)) => out.push_str(&clean(s)),
                Cell::Text(None) | Cell::Int(None) => {}
                Cell::Int(Some(n)) => {
                    let _ = write!(out, "{n}");
                }
                Cell::Float(f) => {
                    let _ = write!(out, "{f:.1}");
                }
            }
        }
        out.push('\n');
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

    #[test]
    fn header_is_the_column_names() {
        let names: Vec<&str> = EVENTS_COLUMNS.iter().map(|c| c.name).collect();
        assert_eq!(names.join("\t"), EVENTS_HEADER);
    }
}
