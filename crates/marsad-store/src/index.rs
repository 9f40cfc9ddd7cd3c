//! The full-text index: tantivy schema and the document of an article.

use crate::analyzer::{ArabicTokenizer, EXACT, STEMMED};
use marsad_article::Article;
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST, STORED,
    STRING,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, TantivyDocument};

/// The index's fields.
#[derive(Clone, Copy)]
pub struct Fields {
    /// Article id (stored; the key to the catalog).
    pub id: Field,
    /// Title and body, stemmed.
    pub title: Field,
    pub body: Field,
    /// Title and body, unstemmed (phrases, name spellings).
    pub exact: Field,
    /// Resolved entity ids, entity types, event root codes (happened, not negated
    /// or future), speaker entity ids, outlet: exact-match filters. Entity, event,
    /// outlet and month are also fast columns: facets count their ordinals and
    /// turn only the top values into text.
    pub entity: Field,
    pub etype: Field,
    pub event: Field,
    pub speaker: Field,
    pub outlet: Field,
    /// `YYYY-MM` of publication.
    pub month: Field,
    /// Publication day as `YYYYMMDD` (0 when unknown): range filters and date order.
    pub day: Field,
}

pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    // Phrases are matched on the exact field only: the stemmed fields need no
    // positions (a smaller index, written faster).
    let text = |tok: &str, record: IndexRecordOption| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tok)
                .set_index_option(record),
        )
    };
    use IndexRecordOption::{WithFreqs, WithFreqsAndPositions};
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        title: b.add_text_field("title", text(STEMMED, WithFreqs)),
        body: b.add_text_field("body", text(STEMMED, WithFreqs)),
        exact: b.add_text_field("exact", text(EXACT, WithFreqsAndPositions)),
        entity: b.add_text_field("entity", STRING | FAST),
        etype: b.add_text_field("type", STRING),
        event: b.add_text_field("event", STRING | FAST),
        speaker: b.add_text_field("speaker", STRING),
        outlet: b.add_text_field("outlet", STRING | FAST),
        month: b.add_text_field("month", STRING | FAST),
        day: b.add_i64_field("day", NumericOptions::default().set_indexed().set_fast()),
    };
    (b.build(), fields)
}

/// Register Marsad's analyzers on an index.
pub fn register_tokenizers(index: &Index) {
    let m = index.tokenizers();
    m.register(STEMMED, TextAnalyzer::from(ArabicTokenizer::stemmed()));
    m.register(EXACT, TextAnalyzer::from(ArabicTokenizer::exact()));
}

/// `YYYY-MM-DD` → `YYYYMMDD`.
pub fn day_number(day: &str) -> Option<i64> {
    let digits: String = day.chars().filter(char::is_ascii_digit).collect();
    (digits.len() == 8).then(|| digits.parse().ok()).flatten()
}

/// The index document of an article (after entity resolution).
pub fn document(f: &Fields, a: &Article) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    d.add_text(f.id, &a.id);
    if let Some(t) = &a.title {
        d.add_text(f.title, t);
        d.add_text(f.exact, t);
    }
    d.add_text(f.body, &a.text);
    d.add_text(f.exact, &a.text);
    let day = crate::catalog::day_of(a);
    d.add_i64(f.day, day.as_deref().and_then(day_number).unwrap_or(0));
    if let Some(day) = &day {
        d.add_text(f.month, &day[..7]);
    }
    if let Some(o) = a.outlet.as_deref().filter(|o| !o.is_empty()) {
        d.add_text(f.outlet, o);
    }
    let mut labels: Vec<&str> = Vec::new();
    for e in &a.entities {
        d.add_text(f.entity, &e.id);
        if !labels.contains(&e.label.as_str()) {
            labels.push(&e.label);
            d.add_text(f.etype, &e.label);
        }
    }
    let mut roots: Vec<&str> = Vec::new();
    for ev in &a.events {
        let happened = !ev.flags.iter().any(|x| x == "negated" || x == "future");
        if happened && !roots.contains(&ev.root_code.as_str()) {
            roots.push(&ev.root_code);
            d.add_text(f.event, &ev.root_code);
        }
    }
    let mut speakers: Vec<&str> = Vec::new();
    for q in &a.quotes {
        if let Some(s) = q.speaker_entity.as_deref() {
            if !speakers.contains(&s) {
                speakers.push(s);
                d.add_text(f.speaker, s);
            }
        }
    }
    d
}
