//! Row builders: an [`Article`] → flat rows of each per-article table, one value per
//! column of [`Table::columns`]. The same article gives the same rows whether it
//! was read from a store or from article JSON Lines (only `articles.story` differs:
//! a store knows it).

use crate::schema::{ColType, Table};
use marsad_article::{Article, MentionKind};
use marsad_events::export::{event_cells, Cell};

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Str(String),
    I64(i64),
    I32(i32),
    F64(f64),
    Bool(bool),
}

impl Value {
    /// Whether the value can stand in a column of type `ty` (null aside).
    pub fn fits(&self, ty: ColType) -> bool {
        matches!(
            (self, ty),
            (Value::Null, _)
                | (Value::Str(_), ColType::String)
                | (Value::I64(_), ColType::Int64)
                | (Value::I32(_), ColType::Int32)
                | (Value::F64(_), ColType::Float64)
                | (Value::Bool(_), ColType::Bool)
        )
    }
}

/// One row: a value per column, in column order.
pub type Row = Vec<Value>;

fn s(v: &str) -> Value {
    Value::Str(v.to_string())
}

/// An optional string: absent or empty is null.
fn opt(v: Option<&str>) -> Value {
    match v {
        Some(v) if !v.is_empty() => s(v),
        _ => Value::Null,
    }
}

fn i32_of(n: usize) -> Value {
    Value::I32(i32::try_from(n).unwrap_or(i32::MAX))
}

fn i64_of(n: usize) -> Value {
    Value::I64(n as i64)
}

/// Check that `row` has one value of the right type per column of `table`, nulls
/// only where the column is nullable.
pub fn check_row(table: Table, row: &Row) -> Result<(), String> {
    let cols = table.columns();
    if row.len() != cols.len() {
        return Err(format!(
            "table {}: a row of {} values for {} columns",
            table.name(),
            row.len(),
            cols.len()
        ));
    }
    for (v, c) in row.iter().zip(cols) {
        if !v.fits(c.ty) || (*v == Value::Null && !c.nullable) {
            return Err(format!(
                "table {}: column {} ({}{}) cannot hold {v:?}",
                table.name(),
                c.name,
                c.ty.name(),
                if c.nullable { ", nullable" } else { "" }
            ));
        }
    }
    Ok(())
}

/// The row of the `articles` table; `story` when the article comes from a store.
pub fn article_row(a: &Article, story: Option<&str>) -> Row {
    let dateline = a.dateline.as_ref();
    vec![
        s(&a.id),
        opt(a.url.as_deref()),
        opt(a.title.as_deref()),
        opt(a.outlet.as_deref()),
        opt(a.author.as_deref()),
        opt(a.published.as_ref().map(|p| p.value.as_str())),
        opt(marsad_store::catalog::day_of(a).as_deref()),
        s(&a.language),
        opt(dateline.and_then(|d| d.place.as_deref())),
        opt(dateline.and_then(|d| d.agency.as_deref())),
        i64_of(a.char_len()),
        i32_of(a.mentions.len()),
        i32_of(a.entities.len()),
        i32_of(a.quotes.len()),
        i32_of(a.events.len()),
        s(&a.text),
        opt(story),
    ]
}

/// Rows of the `entities` table: the article's resolved entities.
pub fn entity_rows(a: &Article) -> Vec<Row> {
    a.entities
        .iter()
        .map(|e| {
            let roles: Vec<&str> = e.roles.iter().map(|r| r.text.as_str()).collect();
            vec![
                s(&a.id),
                s(&e.id),
                s(&e.label),
                s(&e.name),
                opt(e.latin.as_deref()),
                opt(e.country.as_deref()),
                opt(e.agent.as_deref()),
                opt(Some(&roles.join(";"))),
                s(&e.variants.join(";")),
                i32_of(e.mentions.len()),
            ]
        })
        .collect()
}

/// Rows of the `mentions` table.
pub fn mention_rows(a: &Article) -> Vec<Row> {
    a.mentions
        .iter()
        .enumerate()
        .map(|(i, m)| {
            vec![
                s(&a.id),
                i32_of(i),
                opt(m.entity.as_deref()),
                s(&m.label),
                s(match m.kind {
                    MentionKind::Name => "name",
                    MentionKind::Role => "role",
                }),
                i64_of(m.span.start),
                i64_of(m.span.end),
                s(&m.text),
            ]
        })
        .collect()
}

/// Rows of the `quotes` table.
pub fn quote_rows(a: &Article) -> Vec<Row> {
    a.quotes
        .iter()
        .enumerate()
        .map(|(i, q)| {
            vec![
                s(&a.id),
                i32_of(i),
                s(&q.kind),
                i64_of(q.span.start),
                i64_of(q.span.end),
                s(a.slice(q.span)),
                opt(q.verb.as_deref()),
                opt(q.speaker.as_deref()),
                opt(q.speaker_entity.as_deref()),
                opt(Some(&q.flags.join(","))),
            ]
        })
        .collect()
}

/// Rows of the `events` table: the GDELT-shaped cells of
/// [`marsad_events::export::event_cells`] (the TSV's values), typed.
pub fn event_rows(a: &Article) -> Vec<Row> {
    event_cells(a)
        .into_iter()
        .map(|cells| {
            cells
                .into_iter()
                .map(|c| match c {
                    Cell::Text(Some(t)) => Value::Str(t),
                    Cell::Int(Some(n)) => Value::I64(n),
                    Cell::Float(f) => Value::F64(f),
                    Cell::Text(None) | Cell::Int(None) => Value::Null,
                })
                .collect()
        })
        .collect()
}

/// Rows of a per-article table for one article (`story`: the article's story when
/// it comes from a store). The registry has no per-article rows.
pub fn rows(table: Table, a: &Article, story: Option<&str>) -> Vec<Row> {
    match table {
        Table::Articles => vec![article_row(a, story)],
        Table::Entities => entity_rows(a),
        Table::Mentions => mention_rows(a),
        Table::Quotes => quote_rows(a),
        Table::Events => event_rows(a),
        Table::Registry => Vec::new(),
    }
}
