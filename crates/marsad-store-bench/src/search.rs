//! `store-bench search`: latency of `Store::search` against the peers over queries
//! drawn from the store's own titles.

use crate::corpus::{self, Corpus};
use crate::peers::QueryText;
use crate::util::{is_stopword, latency, round3, say, Latency, Rng, WorkDir};
use crate::SearchArgs;
use anyhow::{Context, Result};
use marsad_store::{SearchRequest, Store};
use marsad_text::token::{tokenize, TokenKind};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// The target for the 99th percentile of search latency.
pub const TARGET_P99_MS: f64 = 20.0;

/// Draw `n` queries: a random title, then either 1–3 consecutive content words of
/// it (function words left out) or, for a `phrase_share` of the queries, a quoted
/// phrase of 2–3 adjacent words of it. Only Arabic words are used, as written.
pub fn draw(corpus: &Corpus, n: usize, seed: u64, phrase_share: f64) -> Vec<QueryText> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::with_capacity(n);
    if corpus.docs.iter().all(|d| d.title.trim().is_empty()) {
        return out;
    }
    while out.len() < n {
        let phrase = rng.unit() < phrase_share;
        // Retry titles until one gives a query of the chosen kind.
        loop {
            let d = &corpus.docs[rng.below(corpus.docs.len())];
            let toks = tokenize(&d.title);
            // (position in the token list, text, content word?)
            let words: Vec<(usize, &str, bool)> = toks
                .iter()
                .enumerate()
                .filter(|(_, t)| t.kind == TokenKind::Arabic)
                .map(|(i, t)| {
                    let w = t.text(&d.title);
                    let key = marsad_text::key::word_key(w);
                    (i, w, key.chars().count() >= 2 && !is_stopword(&key))
                })
                .collect();
            if phrase {
                let len = 2 + rng.below(2);
                let starts: Vec<usize> = (0..words.len().saturating_sub(len - 1))
                    .filter(|&s| {
                        let win = &words[s..s + len];
                        win.windows(2).all(|p| p[1].0 == p[0].0 + 1) && win.iter().any(|w| w.2)
                    })
                    .collect();
                if starts.is_empty() {
                    continue;
                }
                let s = starts[rng.below(starts.len())];
                out.push(QueryText {
                    words: words[s..s + len].iter().map(|w| w.1.to_string()).collect(),
                    phrase: true,
                });
            } else {
                let content: Vec<&str> = words.iter().filter(|w| w.2).map(|w| w.1).collect();
                if content.is_empty() {
                    continue;
                }
                let k = (1 + rng.below(3)).min(content.len());
                let s = rng.below(content.len() - k + 1);
                out.push(QueryText {
                    words: content[s..s + k].iter().map(|w| w.to_string()).collect(),
                    phrase: false,
                });
            }
            break;
        }
    }
    out
}

#[derive(Default)]
struct Engine {
    samples: Vec<Duration>,
    zero: usize,
    totals: Vec<u64>,
}

impl Engine {
    fn record(&mut self, d: Duration, total: u64, first_round: bool) {
        self.samples.push(d);
        if first_round {
            self.totals.push(total);
            if total == 0 {
                self.zero += 1;
            }
        }
    }

    fn hits(&self, what: &str) -> Value {
        let mut t = self.totals.clone();
        t.sort_unstable();
        let median = t.get(t.len() / 2).copied().unwrap_or(0);
        json!({
            "zero_hit_queries": self.zero,
            "median": median,
            "mean": round3(t.iter().sum::<u64>() as f64 / t.len().max(1) as f64),
            "counts": what,
        })
    }
}

fn ratio(a: &Latency, b: &Latency) -> Value {
    json!({
        "p50": round3(a.p50 / b.p50),
        "p95": round3(a.p95 / b.p95),
        "p99": round3(a.p99 / b.p99),
        "mean": round3(a.mean / b.mean),
    })
}

pub fn run(args: &SearchArgs) -> Result<Value> {
    let c = &args.common;
    let t0 = Instant::now();
    let store = Store::open_read_only(&c.store)?;
    let open_seconds = t0.elapsed().as_secs_f64();
    let conn = corpus::catalog(&c.store)?;
    let corpus = corpus::load(&conn)?;
    drop(conn);
    say(format!(
        "store {}: {} articles, opened in {open_seconds:.2} s",
        c.store.display(),
        corpus.docs.len()
    ));
    let queries = draw(&corpus, args.queries, args.seed, args.phrase_share);
    if queries.is_empty() {
        anyhow::bail!("the store has no titles to draw queries from");
    }
    if let Some(p) = &args.dump_queries {
        let lines: Vec<String> = queries.iter().map(QueryText::marsad).collect();
        std::fs::write(p, lines.join("\n") + "\n")
            .with_context(|| format!("cannot write {}", p.display()))?;
    }

    let work = WorkDir::new(c.work.as_deref(), c.keep)?;
    let (tantivy, fts5, fts5_note) = crate::peers::build(&work.path, &corpus, c.no_fts5)?;

    let marsad_req = |q: &QueryText, facets: bool| SearchRequest {
        q: q.marsad(),
        limit: 10,
        facets,
        ..SearchRequest::default()
    };
    let mut m_facets = Engine::default();
    let mut m_plain = Engine::default();
    let mut tv = Engine::default();
    let mut ft = Engine::default();

    say(format!(
        "warm-up: every query once on every engine ({} queries)",
        queries.len()
    ));
    for q in &queries {
        store.search(&marsad_req(q, true))?;
        store.search(&marsad_req(q, false))?;
        tantivy.top10(&q.tantivy())?;
        if let Some(f) = &fts5 {
            f.top10(&q.fts5())?;
        }
    }
    say(format!(
        "timing {} round(s), one thread, engines interleaved per query",
        args.rounds
    ));
    for round in 0..args.rounds.max(1) {
        let first = round == 0;
        for q in &queries {
            let t = Instant::now();
            let r = store.search(&marsad_req(q, true))?;
            m_facets.record(t.elapsed(), r.total, first);

            let t = Instant::now();
            let r = store.search(&marsad_req(q, false))?;
            m_plain.record(t.elapsed(), r.total, first);

            let qt = q.tantivy();
            let t = Instant::now();
            let (_, count) = tantivy.top10(&qt)?;
            tv.record(t.elapsed(), count as u64, first);

            if let Some(f) = &fts5 {
                let qf = q.fts5();
                let t = Instant::now();
                let n = f.top10(&qf)?;
                ft.record(t.elapsed(), n as u64, first);
            }
        }
    }

    let l_facets = latency(&m_facets.samples);
    let l_plain = latency(&m_plain.samples);
    let l_tv = latency(&tv.samples);
    let mut lat = serde_json::Map::new();
    lat.insert("marsad_facets".into(), json!(l_facets));
    lat.insert("marsad_no_facets".into(), json!(l_plain));
    lat.insert("tantivy_default".into(), json!(l_tv));
    let mut ratios = serde_json::Map::new();
    ratios.insert(
        "marsad_facets/tantivy_default".into(),
        ratio(&l_facets, &l_tv),
    );
    ratios.insert(
        "marsad_no_facets/tantivy_default".into(),
        ratio(&l_plain, &l_tv),
    );
    let mut hits = serde_json::Map::new();
    hits.insert(
        "marsad".into(),
        m_facets.hits("total matches (Store::search total)"),
    );
    hits.insert(
        "tantivy_default".into(),
        tv.hits("total matches (Count collector)"),
    );
    let mut peers = serde_json::Map::new();
    peers.insert(
        "tantivy_default".into(),
        json!({
            "analyzer": "SimpleTokenizer + RemoveLongFilter(40) + LowerCaser + Stemmer(Language::Arabic)",
            "query": "QueryParser over title^2 + body, conjunction by default; TopDocs(10) + Count",
            "build_seconds": round3(tantivy.build_seconds),
            "index_bytes": tantivy.bytes,
            "segments": tantivy.segments,
        }),
    );
    if let Some(f) = &fts5 {
        let l_ft = latency(&ft.samples);
        lat.insert("fts5".into(), json!(l_ft));
        ratios.insert("marsad_facets/fts5".into(), ratio(&l_facets, &l_ft));
        ratios.insert("marsad_no_facets/fts5".into(), ratio(&l_plain, &l_ft));
        hits.insert("fts5".into(), ft.hits("rows returned (LIMIT 10; no total)"));
        peers.insert(
            "fts5".into(),
            json!({
                "analyzer": "unicode61",
                "query": "MATCH (quoted words, implicit AND; a quoted phrase) ORDER BY rank (bm25 title 2, body 1) LIMIT 10",
                "build_seconds": round3(f.build_seconds),
                "index_bytes": f.bytes,
                "contentless": true,
            }),
        );
    }
    if let Some(n) = &fts5_note {
        peers.insert("fts5_note".into(), json!(n));
    }
    let phrases = queries.iter().filter(|q| q.phrase).count();
    let by_words = |k: usize| {
        queries
            .iter()
            .filter(|q| !q.phrase && q.words.len() == k)
            .count()
    };
    let examples: Vec<String> = queries.iter().take(8).map(QueryText::marsad).collect();
    Ok(json!({
        "bench": "search",
        "store": c.store.display().to_string(),
        "articles": corpus.docs.len(),
        "store_open_seconds": round3(open_seconds),
        "store_sizes": corpus::store_sizes(&c.store),
        "marsad_index_segments": marsad_segments(&c.store),
        "queries": {
            "n": queries.len(),
            "seed": args.seed,
            "rounds": args.rounds.max(1),
            "phrases": phrases,
            "words_1": by_words(1),
            "words_2": by_words(2),
            "words_3": by_words(3),
            "examples": examples,
        },
        "marsad_request": "Store::search, sort relevance, limit 10, offset 0: parse, query with name-variant expansion, TopDocs + Count + facets collector, then per hit the stored id, the catalog row and a snippet; facets on = facet labels too",
        "peers": peers,
        "latency_ms": lat,
        "ratios_time_marsad_over_peer": ratios,
        "hits": hits,
        "target": {
            "p99_ms": TARGET_P99_MS,
            "marsad_facets_p99_ms": l_facets.p99,
            "met": l_facets.p99 < TARGET_P99_MS,
        },
    }))
}

/// Searchable segments of the store's index.
fn marsad_segments(store: &std::path::Path) -> Option<usize> {
    let index = tantivy::Index::open_in_dir(store.join("index")).ok()?;
    index.searchable_segment_metas().ok().map(|m| m.len())
}
