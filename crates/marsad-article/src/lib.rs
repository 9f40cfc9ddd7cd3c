//! The Marsad article model.
//!
//! One [`Article`] carries the clean body `text` plus standoff annotation layers
//! (sentences, entity mentions and resolved entities, quotes, events). Every span is a half-open range of
//! **Unicode code points** into `text` — what Python and JavaScript index by —
//! so consumers in any language can slice the text directly.
//!
//! Pipeline stages each add one layer; nothing in this crate does I/O or NLP.
//! The JSON form is documented in `docs/article.schema.json` (`marsad.article/2`).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Schema identifier written into every serialized article.
pub const SCHEMA: &str = "marsad.article/2";

/// A half-open `[start, end)` range of code points into an article's `text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// Where an article came from, precisely enough to find the record again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SourceRef {
    /// File path, `-` for stdin, or URL.
    pub path: String,
    /// Input format that was detected (`jsonl`, `json`, `trec`, `text`, ...).
    pub format: String,
    /// 1-based line number for line-oriented formats.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// 0-based index of the record inside a multi-record file (JSON array, TREC bundle).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
    /// Byte offset of the record in the (decoded-from) input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
    /// Character encoding the bytes were decoded from (`UTF-8`, `windows-1256`, ...).
    pub encoding: String,
}

/// How precisely a publication time is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    /// Date and time of day, with a UTC offset.
    Datetime,
    /// Date and time of day, offset unknown (local time of the outlet).
    Local,
    /// Only the calendar date is known.
    Date,
}

/// Calendar the source wrote a date in. Values are always converted to Gregorian
/// ISO 8601 in [`Published::value`]; this records what the source said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Calendar {
    Gregorian,
    Hijri,
}

/// Publication time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Published {
    /// ISO 8601: `2018-02-18T20:50:44+00:00`, `2015-07-21T02:51:32` (no offset
    /// known), or `2018-02-18` (date only).
    pub value: String,
    pub precision: DatePrecision,
    pub calendar: Calendar,
    /// The string the value was read from, as found in the input.
    pub raw: String,
}

/// The place (and agency) an article was filed from, e.g. `رام الله - وفا:`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Dateline {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    /// The dateline as written. If it was removed from `text`, `span` is absent.
    pub raw: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// A named-entity mention (filled by the NER stage; `role` mentions by entity resolution).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityMention {
    pub span: Span,
    /// `PER`, `ORG`, `LOC` or `MISC`.
    pub label: String,
    pub text: String,
    /// `name` (the entity is named) or `role` (a descriptor such as `الوزير الروسي`
    /// that refers back to an entity named earlier).
    #[serde(default = "MentionKind::name_default")]
    pub kind: MentionKind,
    /// Id of the resolved entity in [`Article::entities`], once resolution has run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
}

/// How a mention refers to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    Name,
    Role,
}

impl MentionKind {
    fn name_default() -> MentionKind {
        MentionKind::Name
    }
}

/// A person, organization, place or other named thing of one article: its mentions
/// clustered across clitics, spelling variants and partial names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable id (`E` + 12 hex digits): derived from the type and the name key, or
    /// assigned by the entity registry when one is used.
    pub id: String,
    /// `PER`, `ORG`, `LOC` or `MISC`.
    pub label: String,
    /// Canonical Arabic name: the fullest well-formed mention.
    pub name: String,
    /// Name in Latin script (from dictionaries, else transliterated).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latin: Option<String>,
    /// ISO 3166-1 alpha-3 code of the entity's country (a place's country, a
    /// person's or organization's nationality), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// CAMEO agent code (`GOV`, `MIL`, `LEG`, ...) from roles or the organization name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    /// Roles and descriptors naming the entity (`وزير الخارجية الروسي`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
    /// Distinct spellings of the entity's names in this article.
    pub variants: Vec<String>,
    /// Indices into [`Article::mentions`].
    pub mentions: Vec<usize>,
}

/// A role or descriptor attached to an entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Role {
    /// The descriptor as written, without proclitics (`وزير الخارجية الروسي`).
    pub text: String,
    pub span: Span,
    /// Head noun, search-normalized and without the article (`وزير`, `متحدث`).
    pub head: String,
    /// ISO 3166-1 alpha-3 code named by the descriptor (`الروسي` → `RUS`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// CAMEO agent code implied by the descriptor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
}

/// A quotation (filled by the quotes stage).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// `direct` (quoted words) or `indirect` (reported clause after إن/أن).
    pub kind: String,
    /// The quoted words (direct: inside the quotation marks) or the reported clause.
    pub span: Span,
    /// The whole statement: attribution (verb, speaker) and quote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<Span>,
    /// The speech verb as a lemma (`قال`, `أكد`, `أضاف`), or the attribution word
    /// (`بحسب`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verb: Option<String>,
    /// The speaker as written (or as resolved, for continued speakers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// Id of the speaker in [`Article::entities`], when the speaker is an entity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_entity: Option<String>,
    /// `unclosed` (no closing mark: ends at the paragraph end), `nested` (inside
    /// another quote), `multi-paragraph`, `continued` (implicit subject: the previous
    /// speaker), `institutional` (an organization's statement), `via` (reported
    /// through another source: `نقلت وكالة … عن`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<String>,
}

/// A coded event (filled by the events stage): who did what to whom, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// The trigger word(s) (`قتل`, `اتصالا هاتفيا`).
    pub span: Span,
    /// CAMEO event code, e.g. `042`.
    pub code: String,
    /// CAMEO base (three-digit) and root (two-digit) codes.
    #[serde(default)]
    pub base_code: String,
    #[serde(default)]
    pub root_code: String,
    /// GDELT QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal
    /// conflict, 4 material conflict.
    #[serde(default)]
    pub quad_class: u8,
    /// Goldstein scale (−10 … +10).
    #[serde(default)]
    pub goldstein: f32,
    /// Actor (source): entity id when an entity, else the actor as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_text: Option<String>,
    /// CAMEO actor code: country + agent (`USAGOV`, `ISRMIL`, `REB`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_code: Option<String>,
    /// Target, as for the actor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_code: Option<String>,
    /// Date of the event (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`) and how it was found
    /// (`publication`, `yesterday`, `weekday-on-or-before`, `explicit`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_how: Option<String>,
    /// `negated` (لم يلتق) or `future` (سيزور، من المقرر): not reported as having happened.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<String>,
}

/// A non-fatal problem found while reading or processing one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// Stable machine-readable code, e.g. `encoding-replaced`, `no-title`.
    pub code: String,
    pub message: String,
}

impl Warning {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Warning {
            code: code.to_string(),
            message: message.into(),
        }
    }
}

/// A piece of `text` copied from the decoded input: `text[text_start..text_start+len]`
/// equals `input[source_start..source_start+len]` (code points). Together the pieces
/// map every character of `text` back to the input it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OriginPiece {
    pub text_start: usize,
    pub source_start: usize,
    pub len: usize,
}

/// One news article with its annotation layers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// Stable id: a hash of the search-normalized title and text; the same
    /// content read from any format or encoding gets the same id.
    pub id: String,
    pub source: SourceRef,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Newspaper, site or agency that published the article.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dateline: Option<Dateline>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<Published>,
    /// ISO 639-1 code of the dominant language of `text` (`ar`, `en`, ...), `und` if unknown.
    pub language: String,
    /// The clean body. All spans index into it by code point.
    pub text: String,
    /// Paragraphs of `text` (its lines).
    pub paragraphs: Vec<Span>,
    pub sentences: Vec<Span>,
    /// Entity mentions, in text order.
    pub mentions: Vec<EntityMention>,
    /// Entities resolved from the mentions.
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub events: Vec<Event>,
    pub warnings: Vec<Warning>,
    /// Map from `text` back to the decoded input (code points). Absent when the
    /// input was a structured record whose body field *is* the text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub origin: Vec<OriginPiece>,
    /// Other fields of the input record kept verbatim (category, docno, abstract, ...).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub meta: BTreeMap<String, serde_json::Value>,
}

impl Article {
    /// The substring of `text` covered by `span` (code points). Out-of-range
    /// spans are clamped rather than panicking.
    pub fn slice(&self, span: Span) -> &str {
        slice_chars(&self.text, span.start, span.end)
    }

    /// Number of code points in `text`.
    pub fn char_len(&self) -> usize {
        self.text.chars().count()
    }
}

/// Slice `s` by code-point offsets `[start, end)`, clamped to the string.
pub fn slice_chars(s: &str, start: usize, end: usize) -> &str {
    let mut it = s
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(s.len()));
    let b0 = it.by_ref().nth(start).unwrap_or(s.len());
    let b1 = if end > start {
        it.nth(end - start - 1).unwrap_or(s.len())
    } else {
        b0
    };
    &s[b0..b1.max(b0)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_by_code_points() {
        let s = "قال: «نعم» ok";
        assert_eq!(slice_chars(s, 0, 3), "قال");
        assert_eq!(slice_chars(s, 5, 10), "«نعم»");
        assert_eq!(slice_chars(s, 11, 13), "ok");
        assert_eq!(slice_chars(s, 11, 99), "ok");
        assert_eq!(slice_chars(s, 50, 99), "");
        assert_eq!(slice_chars(s, 3, 3), "");
    }
}
