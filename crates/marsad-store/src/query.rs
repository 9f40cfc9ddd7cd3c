//! The search query language.
//!
//! ```text
//! نتنياهو "وزير الخارجية" -غزة               words (all required), a phrase, an exclusion
//! احتجاج OR مظاهرة                          either word
//! entity:E1a2b3c4d5e6f  entity:لافروف       articles naming an entity (id or name)
//! speaker:لافروف  type:ORG  outlet:okaz     quotes by, entity type, outlet
//! event:14  event:protest  from:2015-07 to:2015-08-15
//! ```
//!
//! Words and phrases are AND-ed; `OR` joins its neighbours; `-` excludes a word,
//! phrase or filter. Unknown `key:` prefixes are ordinary words. Parsing never
//! fails on odd input (an unclosed quote runs to the end); only filter values
//! that cannot mean anything (a malformed date, an unknown event name) are errors.

use std::fmt;

/// Longest accepted query, in characters.
pub const MAX_QUERY_CHARS: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterKey {
    Entity,
    Type,
    Outlet,
    From,
    To,
    Event,
    Speaker,
}

impl FilterKey {
    fn parse(s: &str) -> Option<FilterKey> {
        Some(match s {
            "entity" => FilterKey::Entity,
            "type" => FilterKey::Type,
            "outlet" => FilterKey::Outlet,
            "from" => FilterKey::From,
            "to" => FilterKey::To,
            "event" => FilterKey::Event,
            "speaker" => FilterKey::Speaker,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Atom {
    Word(String),
    Phrase(String),
    Filter(FilterKey, String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub negated: bool,
    pub atom: Atom,
}

/// A parsed query: every group must match (a group is a disjunction); negated
/// clauses must not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub groups: Vec<Vec<Clause>>,
    pub excluded: Vec<Atom>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError(pub String);

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for QueryError {}

/// Raw pieces: (negated, key, text, quoted) or the OR operator.
enum Piece {
    Or,
    Item {
        negated: bool,
        key: Option<String>,
        text: String,
        quoted: bool,
    },
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '«' | '»' | '“' | '”')
}

fn pieces(q: &str) -> Vec<Piece> {
    let chars: Vec<char> = q.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let mut negated = false;
        if chars[i] == '-' && i + 1 < chars.len() && !chars[i + 1].is_whitespace() {
            negated = true;
            i += 1;
        }
        // Optional `key:` prefix.
        let mut key = None;
        let mut j = i;
        while j < chars.len() && chars[j].is_ascii_alphabetic() {
            j += 1;
        }
        if j > i && j < chars.len() && chars[j] == ':' {
            let k: String = chars[i..j].iter().collect::<String>().to_lowercase();
            if FilterKey::parse(&k).is_some() {
                key = Some(k);
                i = j + 1;
            }
        }
        if i < chars.len() && is_quote(chars[i]) {
            let start = i + 1;
            let mut end = start;
            while end < chars.len() && !is_quote(chars[end]) {
                end += 1;
            }
            out.push(Piece::Item {
                negated,
                key,
                text: chars[start..end].iter().collect(),
                quoted: true,
            });
            i = end + 1;
        } else {
            let start = i;
            while i < chars.len() && !chars[i].is_whitespace() {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            if text == "OR" && !negated && key.is_none() {
                out.push(Piece::Or);
            } else {
                out.push(Piece::Item {
                    negated,
                    key,
                    text,
                    quoted: false,
                });
            }
        }
    }
    out
}

/// Parse a query string.
pub fn parse(q: &str) -> Result<Parsed, QueryError> {
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(QueryError(format!(
            "the query is longer than {MAX_QUERY_CHARS} characters"
        )));
    }
    let mut parsed = Parsed::default();
    let mut join_next = false;
    for p in pieces(q) {
        let (negated, key, text, quoted) = match p {
            Piece::Or => {
                join_next = !parsed.groups.is_empty();
                continue;
            }
            Piece::Item {
                negated,
                key,
                text,
                quoted,
            } => (negated, key, text, quoted),
        };
        let text = text.trim().to_string();
        if text.is_empty() {
            continue;
        }
        let atom = match key.as_deref().and_then(FilterKey::parse) {
            Some(k) => Atom::Filter(k, check_filter(k, &text)?),
            None if quoted => Atom::Phrase(text),
            None => Atom::Word(text),
        };
        if negated {
            parsed.excluded.push(atom);
            join_next = false;
            continue;
        }
        let clause = Clause {
            negated: false,
            atom,
        };
        if join_next {
            parsed.groups.last_mut().expect("a group").push(clause);
        } else {
            parsed.groups.push(vec![clause]);
        }
        join_next = false;
    }
    Ok(parsed)
}

/// CAMEO root codes by name, for `event:protest`.
const EVENT_NAMES: [(&str, &str); 20] = [
    ("statement", "01"),
    ("appeal", "02"),
    ("cooperate", "03"),
    ("consult", "04"),
    ("diplomacy", "05"),
    ("aid", "07"),
    ("material", "06"),
    ("yield", "08"),
    ("investigate", "09"),
    ("demand", "10"),
    ("disapprove", "11"),
    ("reject", "12"),
    ("threaten", "13"),
    ("protest", "14"),
    ("force", "15"),
    ("reduce", "16"),
    ("coerce", "17"),
    ("assault", "18"),
    ("fight", "19"),
    ("violence", "20"),
];

/// Normalize and validate a filter value.
fn check_filter(k: FilterKey, v: &str) -> Result<String, QueryError> {
    match k {
        FilterKey::From | FilterKey::To => date_bound(v, k == FilterKey::To).ok_or_else(|| {
            QueryError(format!(
                "{v:?}: a date filter expects YYYY, YYYY-MM or YYYY-MM-DD"
            ))
        }),
        FilterKey::Event => {
            let lower = v.to_lowercase();
            if let Some((_, code)) = EVENT_NAMES.iter().find(|(n, _)| *n == lower) {
                return Ok(code.to_string());
            }
            let digits: String = v.chars().take_while(char::is_ascii_digit).collect();
            match digits.parse::<u32>() {
                Ok(n) if (1..=20).contains(&n) && digits.len() == v.len() => Ok(format!("{n:02}")),
                _ => Err(QueryError(format!(
                    "{v:?}: event: expects a CAMEO root code 01–20 or one of {}",
                    EVENT_NAMES.map(|(n, _)| n).join(", ")
                ))),
            }
        }
        FilterKey::Type => {
            let u = v.to_uppercase();
            let u = if u == "PERS" { "PER".to_string() } else { u };
            if ["PER", "ORG", "LOC", "MISC"].contains(&u.as_str()) {
                Ok(u)
            } else {
                Err(QueryError(format!(
                    "{v:?}: type: expects PER, ORG, LOC or MISC"
                )))
            }
        }
        _ => Ok(v.to_string()),
    }
}

/// `YYYY[-MM[-DD]]` → the first (or, for an upper bound, last) day as `YYYYMMDD`.
fn date_bound(v: &str, upper: bool) -> Option<String> {
    let parts: Vec<&str> = v.split('-').collect();
    let num = |s: &str, len: usize| {
        (s.len() == len && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let y = num(parts.first()?, 4)?;
    let (m, d) = match parts.len() {
        1 => (if upper { 12 } else { 1 }, None),
        2 => (num(parts[1], 2)?, None),
        3 => (num(parts[1], 2)?, Some(num(parts[2], 2)?)),
        _ => return None,
    };
    if !(1..=12).contains(&m) {
        return None;
    }
    let last = u32::from(marsad_text::dates::days_in_month(y as i32, m as u8));
    let d = match d {
        Some(d) if (1..=last).contains(&d) => d,
        Some(_) => return None,
        None if upper => last,
        None => 1,
    };
    Some(format!("{y:04}{m:02}{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(s: &str) -> Clause {
        Clause {
            negated: false,
            atom: Atom::Word(s.into()),
        }
    }

    #[test]
    fn words_phrases_or_and_exclusions() {
        let p = parse(r#"نتنياهو "وزير الخارجية" -غزة احتجاج OR مظاهرة"#).unwrap();
        assert_eq!(p.groups.len(), 3);
        assert_eq!(p.groups[0], vec![word("نتنياهو")]);
        assert_eq!(p.groups[1][0].atom, Atom::Phrase("وزير الخارجية".into()));
        assert_eq!(p.groups[2], vec![word("احتجاج"), word("مظاهرة")]);
        assert_eq!(p.excluded, vec![Atom::Word("غزة".into())]);
    }

    #[test]
    fn filters() {
        let p = parse(
            "entity:لافروف type:org event:protest from:2015-07 to:2015-02 -outlet:\"al riyadh\"",
        )
        .unwrap();
        let atoms: Vec<&Atom> = p.groups.iter().flatten().map(|c| &c.atom).collect();
        assert_eq!(atoms[0], &Atom::Filter(FilterKey::Entity, "لافروف".into()));
        assert_eq!(atoms[1], &Atom::Filter(FilterKey::Type, "ORG".into()));
        assert_eq!(atoms[2], &Atom::Filter(FilterKey::Event, "14".into()));
        assert_eq!(atoms[3], &Atom::Filter(FilterKey::From, "20150701".into()));
        assert_eq!(atoms[4], &Atom::Filter(FilterKey::To, "20150228".into()));
        assert_eq!(
            p.excluded,
            vec![Atom::Filter(FilterKey::Outlet, "al riyadh".into())]
        );
        // Unknown keys are words; URLs too.
        let p = parse("foo:bar http://x").unwrap();
        assert_eq!(p.groups[0], vec![word("foo:bar")]);
    }

    #[test]
    fn odd_input_is_not_an_error_but_bad_filters_are() {
        assert!(parse("\"unclosed phrase").is_ok());
        assert!(parse("OR OR - -").is_ok());
        assert!(parse("").unwrap().groups.is_empty());
        assert!(parse("from:2015-13").is_err());
        assert!(parse("to:2015-02-30").is_err());
        assert!(parse("event:dance").is_err());
        assert!(parse("type:PERSON").is_err());
        assert!(parse(&"ا".repeat(MAX_QUERY_CHARS + 1)).is_err());
    }
}
