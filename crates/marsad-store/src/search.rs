//! Search: the query language ([`crate::query`]) run against the index, with
//! highlighted snippets and facet counts.

use crate::index::Fields;
use crate::query::{self, Atom, FilterKey};
use crate::Store;
use anyhow::Result;
use serde::{Deserialize, Serialize};
use std::ops::Bound;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::{AggContextParams, AggregationCollector};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, Occur, PhraseQuery, Query, RangeQuery,
    TermQuery,
};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Order, Searcher, TantivyDocument, Term};

/// Most hits per page.
pub const MAX_LIMIT: usize = 100;
/// Deepest page start (deeper pagination is refused: narrow the query instead).
pub const MAX_OFFSET: usize = 10_000;
/// Entities a name filter may stand for.
const MAX_NAMED: usize = 20;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best match first.
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub q: String,
    pub sort: Sort,
    pub offset: usize,
    pub limit: usize,
    /// Compute facet counts.
    pub facets: bool,
    /// Show one article per story (near-duplicate copies folded into the best-ranked).
    pub collapse: bool,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            q: String::new(),
            sort: Sort::Relevance,
            offset: 0,
            limit: 10,
            facets: true,
            collapse: true,
        }
    }
}

/// One result.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Hit {
    pub id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    /// Publication day `YYYY-MM-DD`.
    pub day: Option<String>,
    pub score: f32,
    /// An extract of the body, HTML-escaped, matched words in `<b>`.
    pub snippet: String,
    /// The story (near-duplicate group) of the article: the id of its first stored article.
    pub story: String,
    /// Other articles of the same story in the store (copies folded into this hit
    /// when results are collapsed).
    pub copies: u64,
}

/// A facet value and how many matching articles have it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FacetValue {
    pub key: String,
    /// Display name (entity name; the key itself otherwise).
    pub label: String,
    pub count: u64,
}

#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct Facets {
    pub outlet: Vec<FacetValue>,
    pub entity: Vec<FacetValue>,
    pub event: Vec<FacetValue>,
    /// Every month with matches, in order.
    pub month: Vec<FacetValue>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SearchResponse {
    pub query: String,
    /// Matching articles.
    pub total: u64,
    pub offset: usize,
    pub limit: usize,
    pub hits: Vec<Hit>,
    pub facets: Option<Facets>,
    /// Things the user should know (a name filter that names nothing, ...).
    pub warnings: Vec<String>,
}

/// Errors the user can fix (a bad filter, a page too deep), as opposed to failures.
#[derive(Debug)]
pub struct BadRequest(pub String);

impl std::fmt::Display for BadRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadRequest {}

fn term_query(t: Term) -> Box<dyn Query> {
    Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs))
}

fn any_of(qs: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    match qs.len() {
        0 => Box::new(EmptyQuery),
        1 => qs.into_iter().next().expect("one"),
        _ => Box::new(BooleanQuery::new(
            qs.into_iter().map(|q| (Occur::Should, q)).collect(),
        )),
    }
}

impl Store {
    /// Build the tantivy query of a parsed query; `warnings` collects notes.
    fn build_query(&self, parsed: &query::Parsed, warnings: &mut Vec<String>) -> Box<dyn Query> {
        let f = &self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for group in &parsed.groups {
            let alts: Vec<Box<dyn Query>> = group
                .iter()
                .map(|c| self.atom_query(f, &c.atom, warnings))
                .collect();
            clauses.push((Occur::Must, any_of(alts)));
        }
        if clauses.is_empty() {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        for a in &parsed.excluded {
            clauses.push((Occur::MustNot, self.atom_query(f, a, warnings)));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    fn atom_query(&self, f: &Fields, atom: &Atom, warnings: &mut Vec<String>) -> Box<dyn Query> {
        match atom {
            Atom::Word(w) => {
                let mut alts: Vec<Box<dyn Query>> = Vec::new();
                if let Some(stem) = crate::analyzer::term(w, true) {
                    alts.push(Box::new(BoostQuery::new(
                        term_query(Term::from_field_text(f.title, &stem)),
                        2.0,
                    )));
                    alts.push(term_query(Term::from_field_text(f.body, &stem)));
                }
                if let Some(exact) = crate::analyzer::term(w, false) {
                    alts.push(Box::new(BoostQuery::new(
                        term_query(Term::from_field_text(f.exact, &exact)),
                        1.5,
                    )));
                }
                // Other spellings of a name (نتانياهو → نتنياهو).
                for v in self.word_variants(w) {
                    alts.push(term_query(Term::from_field_text(f.exact, &v)));
                }
                any_of(alts)
            }
            Atom::Phrase(p) => {
                let terms: Vec<Term> = marsad_text::token::tokenize(p)
                    .iter()
                    .filter(|t| t.kind.is_word())
                    .filter_map(|t| crate::analyzer::term(t.text(p), false))
                    .map(|t| Term::from_field_text(f.exact, &t))
                    .collect();
                match terms.len() {
                    0 => Box::new(AllQuery),
                    1 => term_query(terms.into_iter().next().expect("one")),
                    _ => Box::new(PhraseQuery::new(terms)),
                }
            }
            Atom::Filter(key, v) => match key {
                FilterKey::Entity | FilterKey::Speaker => {
                    let field = if *key == FilterKey::Entity {
                        f.entity
                    } else {
                        f.speaker
                    };
                    let ids = self.entities_named(v, None, MAX_NAMED);
                    if ids.is_empty() {
                        warnings.push(format!("no entity is named {v:?}"));
                    }
                    any_of(
                        ids.iter()
                            .map(|id| term_query(Term::from_field_text(field, id)))
                            .collect(),
                    )
                }
                FilterKey::Type => term_query(Term::from_field_text(f.etype, v)),
                FilterKey::Outlet => term_query(Term::from_field_text(f.outlet, v)),
                FilterKey::Event => term_query(Term::from_field_text(f.event, v)),
                FilterKey::From | FilterKey::To => {
                    let n: i64 = v.parse().unwrap_or(0);
                    let t = Term::from_field_i64(f.day, n);
                    let lo = Term::from_field_i64(f.day, 1);
                    let (lower, upper) = if *key == FilterKey::From {
                        (Bound::Included(t), Bound::Unbounded)
                    } else {
                        (Bound::Included(lo), Bound::Included(t))
                    };
                    Box::new(RangeQuery::new(lower, upper))
                }
            },
        }
    }

    /// Run a search.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResponse> {
        if req.limit > MAX_LIMIT {
            return Err(BadRequest(format!("limit is at most {MAX_LIMIT}")).into());
        }
        if req.offset > MAX_OFFSET {
            return Err(BadRequest(format!(
                "offset is at most {MAX_OFFSET}: narrow the query (filters, dates) to go deeper"
            ))
            .into());
        }
        let parsed = query::parse(&req.q).map_err(|e| BadRequest(e.0))?;
        let mut warnings = Vec::new();
        let query = self.build_query(&parsed, &mut warnings);
        let searcher = self.reader.searcher();
        // Collapsing needs the hits before the page: fetch more, fold copies, and
        // fetch more again while the page is not full of distinct stories.
        const CAP: usize = MAX_OFFSET + MAX_LIMIT;
        let want = req.offset + req.limit;
        let mut fetch = if req.collapse {
            (want * 2).clamp(1, CAP)
        } else {
            req.limit.max(1)
        };
        let skip = if req.collapse { 0 } else { req.offset };
        let (total, counts, ids, stories) = loop {
            let top = TopDocs::with_limit(fetch).and_offset(skip);
            let facets = req.facets.then(|| {
                AggregationCollector::from_aggs(
                    facet_aggregations(),
                    AggContextParams::new(Default::default(), Default::default()),
                )
            });
            let (addrs, total, counts): (Vec<(f32, DocAddress)>, usize, _) = match req.sort {
                Sort::Relevance => {
                    searcher.search(&query, &(top.order_by_score(), Count, facets))?
                }
                Sort::Date => {
                    let (docs, total, counts) = searcher.search(
                        &query,
                        &(
                            top.order_by_fast_field::<i64>("day", Order::Desc),
                            Count,
                            facets,
                        ),
                    )?;
                    let docs = docs.into_iter().map(|(_, a)| (0.0, a)).collect();
                    (docs, total, counts)
                }
            };
            let mut ids = Vec::with_capacity(addrs.len());
            for (score, addr) in &addrs {
                let doc: TantivyDocument = searcher.doc(*addr)?;
                if let Some(id) = doc.get_first(self.fields.id).and_then(|v| v.as_str()) {
                    ids.push((*score, id.to_string()));
                }
            }
            let stories = self.with_conn(|c| {
                let all: Vec<&str> = ids.iter().map(|(_, id)| id.as_str()).collect();
                Ok(crate::catalog::stories_of(c, &all)?)
            })?;
            let exhausted = addrs.len() < fetch || fetch >= CAP;
            let distinct: std::collections::HashSet<&String> = stories.values().collect();
            if !req.collapse || exhausted || distinct.len() >= want {
                break (total, counts, ids, stories);
            }
            fetch = (fetch * 4).min(CAP);
        };
        let snippets = Snippets::new(&searcher, query.as_ref(), &self.fields)?;
        // One catalog connection for the page; a hit the catalog lacks (indexed, then
        // a crash before the catalog commit) was never ingested and is left out.
        let page = self.with_conn(|c| {
            let mut seen = std::collections::HashSet::new();
            let mut page = Vec::with_capacity(req.limit);
            let mut kept = 0usize;
            for (score, id) in &ids {
                if page.len() >= req.limit {
                    break;
                }
                let Some(story) = stories.get(id) else {
                    continue;
                };
                if req.collapse {
                    if !seen.insert(story.clone()) {
                        continue;
                    }
                    kept += 1;
                    if kept <= req.offset {
                        continue;
                    }
                }
                page.push((*score, id.clone(), story.clone()));
            }
            page.into_iter()
                .map(|(score, id, story)| {
                    let copies = crate::catalog::story_size(c, &story)?.saturating_sub(1);
                    let head = crate::catalog::article_head(c, &id)?;
                    Ok(head.map(|head| Hit {
                        snippet: snippets.html(&head.text),
                        title: head.title,
                        outlet: head.outlet,
                        url: head.url,
                        day: head.day,
                        score,
                        id,
                        story,
                        copies,
                    }))
                })
                .collect::<Result<Vec<_>>>()
        })?;
        let hits = page.into_iter().flatten().collect();
        let facets = match counts {
            Some(c) => Some(self.facet_values(c)?),
            None => None,
        };
        Ok(SearchResponse {
            query: req.q.clone(),
            total: total as u64,
            offset: req.offset,
            limit: req.limit,
            hits,
            facets,
            warnings,
        })
    }

    fn facet_values(
        &self,
        results: tantivy::aggregation::agg_result::AggregationResults,
    ) -> Result<Facets> {
        let v = serde_json::to_value(results)?;
        let buckets = |name: &str| -> Vec<(String, u64)> {
            v[name]["buckets"]
                .as_array()
                .map(|b| {
                    b.iter()
                        .filter_map(|x| {
                            Some((x["key"].as_str()?.to_string(), x["doc_count"].as_u64()?))
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        let plain = |v: Vec<(String, u64)>| -> Vec<FacetValue> {
            v.into_iter()
                .map(|(k, n)| FacetValue {
                    label: k.clone(),
                    key: k,
                    count: n,
                })
                .collect()
        };
        let entity_top = buckets("entity");
        let entity = self.with_conn(|c| {
            Ok(entity_top
                .into_iter()
                .map(|(id, n)| FacetValue {
                    label: crate::catalog::entity_name(c, &id)
                        .ok()
                        .flatten()
                        .unwrap_or_else(|| id.clone()),
                    key: id,
                    count: n,
                })
                .collect())
        })?;
        let event = buckets("event")
            .into_iter()
            .map(|(k, n)| FacetValue {
                label: crate::cameo_root_name(&k)
                    .map_or_else(|| k.clone(), |(_, ar)| ar.to_string()),
                key: k,
                count: n,
            })
            .collect();
        let mut month = buckets("month");
        month.sort();
        Ok(Facets {
            outlet: plain(buckets("outlet")),
            entity,
            event,
            month: plain(month),
        })
    }
}

/// Facet counts as term aggregations over fast columns: counting is by ordinal,
/// and only the top values become text.
fn facet_aggregations() -> Aggregations {
    serde_json::from_value(serde_json::json!({
        "outlet": { "terms": { "field": "outlet", "size": 15 } },
        "entity": { "terms": { "field": "entity", "size": 15 } },
        "event": { "terms": { "field": "event", "size": 20 } },
        "month": { "terms": { "field": "month", "size": 1000, "order": { "_key": "asc" } } }
    }))
    .expect("a valid aggregation request")
}

/// Snippet generators: stemmed words first, name spellings (unstemmed field) when
/// the stems highlight nothing.
struct Snippets {
    stemmed: SnippetGenerator,
    exact: SnippetGenerator,
}

impl Snippets {
    fn new(searcher: &Searcher, query: &dyn Query, f: &Fields) -> Result<Snippets> {
        let mut stemmed = SnippetGenerator::create(searcher, query, f.body)?;
        stemmed.set_max_num_chars(220);
        let mut exact = SnippetGenerator::create(searcher, query, f.exact)?;
        exact.set_max_num_chars(220);
        Ok(Snippets { stemmed, exact })
    }

    fn html(&self, text: &str) -> String {
        let s = self.stemmed.snippet(text);
        if !s.highlighted().is_empty() {
            return s.to_html();
        }
        let s = self.exact.snippet(text);
        if !s.highlighted().is_empty() {
            return s.to_html();
        }
        // Nothing to highlight (a filter-only query): the opening of the text.
        let head: String = text.chars().take(220).collect();
        html_escape(&head)
    }
}

/// Escape text for HTML element content and attribute values.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
