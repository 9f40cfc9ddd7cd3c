//! The tables and their columns: the single source of truth for column names,
//! types, nullability and meaning. The writers build their Parquet schema, CSV
//! header and JSON keys from [`Table::columns`]; `marsad export --schema` prints
//! [`schema_json`]; `docs/tables.md` documents the same.

use marsad_events::export::{CellKind, EVENTS_COLUMNS, EVENT_COLUMNS_LEN};
use serde::Serialize;

/// A column's type (Parquet/Arrow: Utf8, Int64, Int32, Float64, Boolean).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ColType {
    String,
    Int64,
    Int32,
    Float64,
    Bool,
}

impl ColType {
    pub fn name(self) -> &'static str {
        match self {
            ColType::String => "string",
            ColType::Int64 => "int64",
            ColType::Int32 => "int32",
            ColType::Float64 => "float64",
            ColType::Bool => "bool",
        }
    }
}

/// One column of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Column {
    pub name: &'static str,
    #[serde(rename = "type")]
    pub ty: ColType,
    /// Whether the value may be null. A nullable string column never holds an
    /// empty string (absent is null), so CSV's empty field reads back unambiguously.
    pub nullable: bool,
    pub doc: &'static str,
}

const fn c(name: &'static str, ty: ColType, nullable: bool, doc: &'static str) -> Column {
    Column {
        name,
        ty,
        nullable,
        doc,
    }
}

use ColType::{Int32, Int64, String as Str};

const ARTICLES: &[Column] = &[
    c("id", Str, false, "Article id: a hash of the search-normalized title and text (the same content has the same id in any format)."),
    c("url", Str, true, "URL of the article (GDELT SOURCEURL)."),
    c("title", Str, true, "Headline."),
    c("outlet", Str, true, "Newspaper, site or agency that published the article."),
    c("author", Str, true, "Byline."),
    c("published", Str, true, "Publication time, ISO 8601 (`2018-02-18T20:50:44+00:00`, `2015-07-21T02:51:32` without offset, or `2018-02-18`)."),
    c("day", Str, true, "Publication day `YYYY-MM-DD` (GDELT SQLDATE as a date string)."),
    c("language", Str, false, "ISO 639-1 code of the text's dominant language (`ar`), `und` if unknown."),
    c("dateline_place", Str, true, "Place of the dateline (`رام الله`)."),
    c("dateline_agency", Str, true, "Agency of the dateline (`وفا`)."),
    c("chars", Int64, false, "Length of `text` in Unicode code points."),
    c("n_mentions", Int32, false, "Number of entity mentions (rows of `mentions`)."),
    c("n_entities", Int32, false, "Number of resolved entities (rows of `entities`)."),
    c("n_quotes", Int32, false, "Number of quotations (rows of `quotes`)."),
    c("n_events", Int32, false, "Number of CAMEO events (rows of `events`)."),
    c("text", Str, false, "The clean body; every offset of the other tables is a code-point offset into it."),
    c("story", Str, true, "Story (near-duplicate group) of the article: the id of the story's first stored article. Only when exported from a store; null from article JSON Lines."),
];

const ENTITIES: &[Column] = &[
    c("article_id", Str, false, "Article the entity occurs in (`articles.id`)."),
    c("entity_id", Str, false, "Entity id (`E` + 12 hex digits): corpus-wide (the registry's, `registry.id`) in a store or with `extract --registry`, else derived from type and name."),
    c("label", Str, false, "`PER`, `ORG`, `LOC` or `MISC`."),
    c("name", Str, false, "Canonical Arabic name: the fullest well-formed mention."),
    c("latin", Str, true, "Name in Latin script (dictionary, else transliterated)."),
    c("country", Str, true, "ISO 3166-1 alpha-3 country of the entity (GDELT Actor1CountryCode's vocabulary)."),
    c("agent", Str, true, "CAMEO agent code (`GOV`, `MIL`, …) (GDELT Actor1Type1Code's vocabulary)."),
    c("roles", Str, true, "Roles and descriptors naming the entity, as written, joined with `;`."),
    c("variants", Str, false, "Distinct spellings of the entity's names in the article, joined with `;`."),
    c("mentions", Int32, false, "Number of the article's mentions that refer to the entity."),
];

const MENTIONS: &[Column] = &[
    c("article_id", Str, false, "Article (`articles.id`)."),
    c("idx", Int32, false, "Index of the mention in the article (text order, from 0)."),
    c("entity_id", Str, true, "Resolved entity (`entities.entity_id`), when resolution assigned one."),
    c("label", Str, false, "`PER`, `ORG`, `LOC` or `MISC`."),
    c("kind", Str, false, "`name` (the entity is named) or `role` (a descriptor such as `الوزير الروسي` referring back to it)."),
    c("start", Int64, false, "Start offset in `articles.text`, in code points (inclusive)."),
    c("end", Int64, false, "End offset in `articles.text`, in code points (exclusive)."),
    c("text", Str, false, "The mention as written (`text[start:end]`)."),
];

const QUOTES: &[Column] = &[
    c("article_id", Str, false, "Article (`articles.id`)."),
    c("idx", Int32, false, "Index of the quotation in the article (from 0)."),
    c("kind", Str, false, "`direct` (quoted words) or `indirect` (reported clause after إن/أن)."),
    c("start", Int64, false, "Start of the quoted words in `articles.text`, code points (GKG Quotations' Offset)."),
    c("end", Int64, false, "End of the quoted words (exclusive); `end - start` is GKG Quotations' Length."),
    c("text", Str, false, "The quoted words or reported clause (`text[start:end]`; GKG Quotations' Quote)."),
    c("verb", Str, true, "Speech verb lemma (`قال`, `أكد`) or attribution word (`بحسب`) (GKG Quotations' Verb)."),
    c("speaker", Str, true, "The speaker as written (or as resolved, for continued speakers)."),
    c("speaker_entity", Str, true, "Entity id of the speaker (`entities.entity_id`) when the speaker is an entity."),
    c("flags", Str, true, "Comma-separated `unclosed`, `nested`, `multi-paragraph`, `continued`, `institutional`, `via`; null when none."),
];

const REGISTRY: &[Column] = &[
    c(
        "id",
        Str,
        false,
        "Corpus-wide entity id (`entities.entity_id`, stable across ingests).",
    ),
    c("label", Str, false, "`PER`, `ORG`, `LOC` or `MISC`."),
    c("name", Str, false, "Canonical Arabic name."),
    c("latin", Str, true, "Name in Latin script."),
    c("country", Str, true, "ISO 3166-1 alpha-3 country."),
    c("agent", Str, true, "CAMEO agent code."),
    c(
        "articles",
        Int64,
        false,
        "Number of stored articles that mention the entity.",
    ),
    c(
        "mentions",
        Int64,
        false,
        "Number of mentions of the entity across the store.",
    ),
    c(
        "first_seen",
        Str,
        true,
        "Earliest publication day (`YYYY-MM-DD`) of an article mentioning it.",
    ),
    c(
        "last_seen",
        Str,
        true,
        "Latest publication day of an article mentioning it.",
    ),
];

/// The events columns: [`marsad_events::export::EVENTS_COLUMNS`] (the GDELT-shaped
/// layout the TSV writer uses) with their types.
const EVENTS: [Column; EVENT_COLUMNS_LEN] = {
    let mut out = [c("", Str, false, ""); EVENT_COLUMNS_LEN];
    let mut i = 0;
    while i < EVENT_COLUMNS_LEN {
        let e = EVENTS_COLUMNS[i];
        let ty = match e.kind {
            CellKind::Text => Str,
            CellKind::Int => Int64,
            CellKind::Float => ColType::Float64,
        };
        out[i] = c(e.name, ty, e.nullable, e.doc);
        i += 1;
    }
    out
};

/// An exported table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table {
    Articles,
    Entities,
    Mentions,
    Quotes,
    Events,
    Registry,
}

impl Table {
    /// Every table, in the order they are documented and written.
    pub const ALL: [Table; 6] = [
        Table::Articles,
        Table::Entities,
        Table::Mentions,
        Table::Quotes,
        Table::Events,
        Table::Registry,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Table::Articles => "articles",
            Table::Entities => "entities",
            Table::Mentions => "mentions",
            Table::Quotes => "quotes",
            Table::Events => "events",
            Table::Registry => "registry",
        }
    }

    pub fn parse(s: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| t.name() == s.trim())
    }

    /// The table's columns, in order.
    pub fn columns(self) -> &'static [Column] {
        match self {
            Table::Articles => ARTICLES,
            Table::Entities => ENTITIES,
            Table::Mentions => MENTIONS,
            Table::Quotes => QUOTES,
            Table::Events => &EVENTS,
            Table::Registry => REGISTRY,
        }
    }

    /// Whether the table is built from articles (one article at a time), as opposed
    /// to the corpus-wide registry that only a store has.
    pub fn per_article(self) -> bool {
        self != Table::Registry
    }
}

/// The schema of every table as JSON: `{table: [{name, type, nullable, doc}, …], …}`,
/// tables and columns in order.
pub fn schema_json() -> String {
    let mut s = String::from("{\n");
    for (ti, t) in Table::ALL.iter().enumerate() {
        s.push_str(&format!("  \"{}\": [\n", t.name()));
        let cols = t.columns();
        for (ci, col) in cols.iter().enumerate() {
            let line = serde_json::to_string(col).expect("a column serializes");
            s.push_str("    ");
            s.push_str(&line);
            s.push_str(if ci + 1 < cols.len() { ",\n" } else { "\n" });
        }
        s.push_str(if ti + 1 < Table::ALL.len() {
            "  ],\n"
        } else {
            "  ]\n"
        });
    }
    s.push_str("}\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_is_json_in_order() {
        let v: serde_json::Value = serde_json::from_str(&schema_json()).unwrap();
        let obj = v.as_object().unwrap();
        assert_eq!(obj.len(), Table::ALL.len());
        let events = obj["events"].as_array().unwrap();
        let names: Vec<&str> = events.iter().map(|c| c["name"].as_str().unwrap()).collect();
        assert_eq!(names.join("\t"), marsad_events::export::EVENTS_HEADER);
        assert_eq!(events[19]["type"], "float64");
        assert_eq!(obj["articles"][0]["name"], "id");
        assert_eq!(obj["articles"][0]["nullable"], false);
        for t in Table::ALL {
            let mut seen = std::collections::HashSet::new();
            for col in t.columns() {
                assert!(seen.insert(col.name), "{}.{} twice", t.name(), col.name);
                assert!(
                    !col.doc.is_empty(),
                    "{}.{} undocumented",
                    t.name(),
                    col.name
                );
            }
            assert_eq!(Table::parse(t.name()), Some(t));
        }
    }

    /// A table as documented: its name and (column, type, nullable) rows.
    type Documented = (String, Vec<(String, String, bool)>);

    /// `docs/tables.md` lists every table and column with its type and nullability.
    #[test]
    fn docs_match_the_schema() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/tables.md");
        let doc = std::fs::read_to_string(path).expect("docs/tables.md");
        let mut documented: Vec<Documented> = Vec::new();
        for line in doc.lines() {
            if let Some(t) = line.strip_prefix("## `") {
                documented.push((t.trim_end_matches('`').to_string(), Vec::new()));
            } else if let (Some(cell), Some((_, cols))) =
                (line.strip_prefix("| `"), documented.last_mut())
            {
                let f: Vec<&str> = cell.split(" | ").collect();
                cols.push((
                    f[0].trim_end_matches('`').to_string(),
                    f[1].to_string(),
                    f[2] == "yes",
                ));
            }
        }
        let want: Vec<Documented> = Table::ALL
            .iter()
            .map(|t| {
                let cols = t
                    .columns()
                    .iter()
                    .map(|c| (c.name.to_string(), c.ty.name().to_string(), c.nullable))
                    .collect();
                (t.name().to_string(), cols)
            })
            .collect();
        assert_eq!(documented, want, "docs/tables.md is out of date");
    }
}
