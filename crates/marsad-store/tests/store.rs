//! The store on real articles (the ANT multi-source sample): ingest, idempotence,
//! search semantics, filters, facets, stable ids, crash and resume.

use marsad_article::Article;
use marsad_readers::input::{read_unit, Inputs};
use marsad_store::{SearchRequest, Sort, Store};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The first articles of the ANT sample, through the full pipeline (once per binary).
fn articles() -> Option<&'static Vec<Article>> {
    static A: OnceLock<Vec<Article>> = OnceLock::new();
    let path = marsad_testdata::data_path("ant_multisource_news/ant_multisource_sample.jsonl")?;
    Some(A.get_or_init(|| {
        let mut out = Vec::new();
        for unit in Inputs::new(std::slice::from_ref(&path), None).take(500) {
            for raw in read_unit(unit.expect("readable")).into_iter().flatten() {
                out.push(marsad_pipeline::build_article(raw));
            }
        }
        out
    }))
}

fn temp_store(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("marsad-store-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn search(store: &Store, q: &str, limit: usize) -> marsad_store::SearchResponse {
    store
        .search(&SearchRequest {
            q: q.into(),
            limit,
            ..Default::default()
        })
        .unwrap_or_else(|e| panic!("{q}: {e:#}"))
}

fn norm(s: &str) -> String {
    marsad_text::normalize::normalize_str(s, marsad_text::normalize::Profile::Search)
}

#[test]
fn ingest_search_filters_facets_and_stable_ids() {
    let Some(arts) = articles() else {
        return;
    };
    let dir = temp_store("search");
    let store = Store::open(&dir).unwrap();
    let (a, b) = arts.split_at(arts.len() / 2);
    let r1 = store.ingest(a.to_vec()).unwrap();
    let r2 = store.ingest(b.to_vec()).unwrap();
    let stored = store.stats().unwrap().articles;
    assert_eq!(r1.added + r2.added, stored);
    assert_eq!(store.indexed_docs(), stored);
    // Idempotent: the same content again adds nothing.
    let again = store.ingest(arts.clone()).unwrap();
    assert_eq!((again.added, again.skipped), (0, arts.len() as u64));

    let by_id = |id: &str| store.article(id).unwrap().expect("stored");

    // A spelling variant finds the other spelling (and clitic forms).
    let r = search(&store, "نتانياهو", 100);
    assert!(r.total > 0);
    let other_spelling = r.hits.iter().any(|h| {
        let t = norm(&by_id(&h.id).text);
        t.contains("نتنياهو") && !t.contains("نتانياهو")
    });
    assert!(
        other_spelling,
        "no hit spelled نتنياهو for the query نتانياهو"
    );

    // Phrases match the words in order.
    let r = search(&store, "\"وزير الخارجية\"", 50);
    assert!(r.total > 0);
    for h in &r.hits {
        let a = by_id(&h.id);
        let t = norm(&format!(
            "{} {}",
            a.title.clone().unwrap_or_default(),
            a.text
        ));
        assert!(t.contains("وزير الخارجيه"), "{}", h.id);
        assert!(
            h.snippet.contains("<b>"),
            "snippet without a highlight: {}",
            h.snippet
        );
    }

    // Exclusion.
    let with = search(&store, "ترامب", 100).total;
    let r = search(&store, "ترامب -روسيا", 100);
    assert!(r.total > 0 && r.total < with);
    for h in &r.hits {
        assert!(!norm(&by_id(&h.id).text).contains("روسيا"), "{}", h.id);
    }

    // OR lies between its parts and their sum.
    let (x, y) = (
        search(&store, "احتجاج", 1).total,
        search(&store, "مظاهرة", 1).total,
    );
    let either = search(&store, "احتجاج OR مظاهرة", 1).total;
    assert!(either >= x.max(y) && either <= x + y, "{x} {y} {either}");

    // Entity filter, by id and by a variant of the name.
    let ent = store
        .with_conn(|c| Ok(marsad_store::catalog::top_entities(c, Some("PER"), 1, 0)?))
        .unwrap();
    let e = &ent[0];
    let r = search(&store, &format!("entity:{}", e.id), 100);
    assert_eq!(
        r.total, e.articles,
        "entity filter count = registry article count"
    );
    for h in &r.hits {
        assert!(by_id(&h.id).entities.iter().any(|x| x.id == e.id));
    }
    let by_name = search(&store, &format!("entity:\"{}\"", e.name), 1);
    assert!(by_name.total >= r.total);
    let nobody = search(&store, "entity:زززززز", 1);
    assert_eq!(nobody.total, 0);
    assert!(!nobody.warnings.is_empty());

    // Event, outlet and date filters.
    for h in &search(&store, "event:protest", 100).hits {
        let a = by_id(&h.id);
        assert!(a.events.iter().any(
            |e| e.root_code == "14" && !e.flags.iter().any(|f| f == "negated" || f == "future")
        ));
    }
    let all = search(&store, "", 1);
    assert_eq!(all.total, stored, "an empty query lists every article");
    let outlet = &all.facets.as_ref().unwrap().outlet[0];
    let r = search(&store, &format!("outlet:{}", outlet.key), 100);
    assert_eq!(r.total, outlet.count);
    assert!(r
        .hits
        .iter()
        .all(|h| h.outlet.as_deref() == Some(outlet.key.as_str())));
    let r = search(&store, "from:2018-05 to:2018-05", 100);
    assert!(r.total > 0);
    assert!(r
        .hits
        .iter()
        .all(|h| h.day.as_deref().is_some_and(|d| d.starts_with("2018-05"))));

    // Facets: one outlet per article, so outlet counts add up to the total.
    let r = search(&store, "إيران", 1);
    let f = r.facets.as_ref().unwrap();
    assert_eq!(f.outlet.iter().map(|v| v.count).sum::<u64>(), r.total);
    assert_eq!(f.month.iter().map(|v| v.count).sum::<u64>(), r.total);

    // Date order.
    let r = store
        .search(&SearchRequest {
            q: "السعودية".into(),
            sort: Sort::Date,
            limit: 50,
            ..Default::default()
        })
        .unwrap();
    let days: Vec<&str> = r.hits.iter().filter_map(|h| h.day.as_deref()).collect();
    assert!(days.windows(2).all(|w| w[0] >= w[1]), "{days:?}");

    // Bad requests are errors, not panics.
    assert!(store
        .search(&SearchRequest {
            q: "from:2018-13".into(),
            ..Default::default()
        })
        .is_err());
    assert!(store
        .search(&SearchRequest {
            offset: 1_000_000,
            ..Default::default()
        })
        .is_err());

    // Ids survive closing and reopening; a later ingest reuses them.
    let ids_before: Vec<(String, String)> = arts[..20]
        .iter()
        .flat_map(|a| by_id(&a.id).entities.into_iter().map(|e| (e.name, e.id)))
        .collect();
    drop(store);
    let store = Store::open(&dir).unwrap();
    let ids_after: Vec<(String, String)> = arts[..20]
        .iter()
        .flat_map(|a| {
            store
                .article(&a.id)
                .unwrap()
                .unwrap()
                .entities
                .into_iter()
                .map(|e| (e.name, e.id))
        })
        .collect();
    assert_eq!(ids_before, ids_after);
    let ro = Store::open_read_only(&dir);
    assert!(ro.is_ok());
    assert!(
        ro.unwrap().ingest(Vec::new()).is_err(),
        "read-only store accepted ingest"
    );
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
}

/// What two stores must agree on to be "the same store".
fn fingerprint(
    store: &Store,
) -> (
    Vec<String>,
    Vec<String>,
    marsad_store::catalog::Stats,
    Vec<u64>,
) {
    store
        .with_conn(|c| {
            let col = |sql: &str| -> Vec<String> {
                let mut st = c.prepare(sql).unwrap();
                st.query_map([], |r| r.get::<_, String>(0)).unwrap().map(Result::unwrap).collect()
            };
            let arts = col("SELECT id FROM articles ORDER BY id");
            let ents = col("SELECT id || ' ' || name || ' ' || articles || ' ' || mentions FROM entities ORDER BY id");
            let stats = marsad_store::catalog::stats(c)?;
            Ok((arts, ents, stats))
        })
        .map(|(a, e, s)| {
            let totals = ["السعودية", "ترامب", "event:protest", "نتانياهو"]
                .iter()
                .map(|q| search(store, q, 1).total)
                .collect();
            (a, e, s, totals)
        })
        .unwrap()
}

#[test]
fn a_crash_between_index_and_catalog_then_resume_equals_a_clean_run() {
    let Some(arts) = articles() else {
        return;
    };
    let arts = &arts[..240];
    let clean_dir = temp_store("clean");
    let clean = Store::open(&clean_dir).unwrap();
    for chunk in arts.chunks(80) {
        clean.ingest(chunk.to_vec()).unwrap();
    }
    let want = fingerprint(&clean);

    let dir = temp_store("crash");
    let store = Store::open(&dir).unwrap();
    store.ingest(arts[..80].to_vec()).unwrap();
    store.simulate_crash_after_index_commit(true);
    assert!(store.ingest(arts[80..160].to_vec()).is_err());
    // The index holds documents the catalog never committed.
    assert!(store.indexed_docs() > store.stats().unwrap().articles);
    drop(store);
    // Reopening repairs the index; the resumed run ingests everything again.
    let store = Store::open(&dir).unwrap();
    assert_eq!(store.indexed_docs(), store.stats().unwrap().articles);
    for chunk in arts.chunks(80) {
        store.ingest(chunk.to_vec()).unwrap();
    }
    assert_eq!(store.indexed_docs(), store.stats().unwrap().articles);
    assert_eq!(fingerprint(&store), want);
    drop((store, clean));
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&clean_dir);
}

/// A lightly edited republication of a real article, as another outlet runs it:
/// its own headline, the first paragraph dropped and a closing line added.
fn republished(a: &Article, outlet: &str) -> Article {
    let paras: Vec<&str> = a
        .text
        .split('\n')
        .filter(|p| !p.trim().is_empty())
        .collect();
    let text = format!(
        "{}\nالمصدر: وكالات",
        paras[1.min(paras.len() - 1)..].join("\n")
    );
    let raw = marsad_readers::RawArticle {
        title: Some(format!("{} (محدث)", a.title.clone().unwrap_or_default())),
        outlet: Some(outlet.to_string()),
        url: Some(format!("https://{outlet}.example/{}", a.id)),
        body: text
            .split('\n')
            .map(|t| marsad_readers::BodyPiece {
                text: t.to_string(),
                source_start: None,
            })
            .collect(),
        ..Default::default()
    };
    marsad_pipeline::build_article(raw)
}

#[test]
fn near_duplicate_copies_form_one_story_and_search_folds_them() {
    let Some(arts) = articles() else {
        return;
    };
    // A long article and its republication, among 60 others.
    let original = arts
        .iter()
        .filter(|a| a.text.split('\n').filter(|p| !p.trim().is_empty()).count() >= 4)
        .max_by_key(|a| a.text.len())
        .expect("a long article");
    let copy = republished(original, "outlet-b");
    let dir = temp_store("stories");
    let store = Store::open(&dir).unwrap();
    let mut batch: Vec<Article> = arts.iter().take(60).cloned().collect();
    batch.retain(|a| a.id != original.id);
    batch.insert(10, original.clone());
    store.ingest(batch).unwrap();
    store.ingest(vec![copy.clone()]).unwrap();

    let (story, members) = store.story(&copy.id).unwrap().expect("stored");
    assert_eq!(
        story, original.id,
        "the story is named after its first article"
    );
    let ids: Vec<&str> = members.iter().map(|m| m.id.as_str()).collect();
    assert!(ids.contains(&original.id.as_str()) && ids.contains(&copy.id.as_str()));
    // Unrelated articles stay alone.
    let other = arts.iter().take(60).find(|a| a.id != original.id).unwrap();
    assert_eq!(store.story(&other.id).unwrap().unwrap().1.len(), 1);

    // A query both match: one hit for the story by default, both when asked.
    let words: Vec<&str> = copy.text.split_whitespace().skip(5).take(3).collect();
    let q = format!("\"{}\"", words.join(" "));
    let folded = search(&store, &q, 10);
    let of_story: Vec<&marsad_store::search::Hit> =
        folded.hits.iter().filter(|h| h.story == story).collect();
    assert_eq!(of_story.len(), 1, "{q}: {:?}", folded.hits);
    assert_eq!(of_story[0].copies, 1);
    let all = store
        .search(&SearchRequest {
            q: q.clone(),
            collapse: false,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(all.hits.iter().filter(|h| h.story == story).count(), 2);

    // Reopened, the story index is rebuilt: a third copy joins the same story.
    drop(store);
    let store = Store::open(&dir).unwrap();
    let third = republished(original, "outlet-c");
    store.ingest(vec![third.clone()]).unwrap();
    assert_eq!(store.story(&third.id).unwrap().unwrap().0, story);

    // Many copies of one story do not leave a folded page short: every page of a
    // broad query is full of distinct stories.
    let copies: Vec<Article> = (0..40)
        .map(|i| republished(original, &format!("outlet-{i}")))
        .collect();
    store.ingest(copies).unwrap();
    for offset in [0, 10, 20] {
        let r = store
            .search(&SearchRequest {
                q: "في".into(),
                offset,
                limit: 10,
                ..Default::default()
            })
            .unwrap();
        let distinct: std::collections::HashSet<&str> =
            r.hits.iter().map(|h| h.story.as_str()).collect();
        assert_eq!(r.hits.len(), 10, "offset {offset}");
        assert_eq!(distinct.len(), 10, "offset {offset}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// The co-mention network is cached, and the cache follows the catalog: after
/// more articles arrive (here through a second, writing process's view of the same
/// store), the network equals one computed from scratch.
#[test]
fn cached_co_mention_networks_follow_new_articles() {
    let Some(all) = articles() else { return };
    let dir = temp_store("network-cache");
    let (first, rest) = all.split_at(all.len() / 2);
    let writer = Store::open(&dir).unwrap();
    writer.ingest(first.to_vec()).unwrap();
    let reader = Store::open_read_only(&dir).unwrap();
    // The entity in most articles of the first half.
    let top = reader.with_conn(|c| {
        Ok(c.query_row(
            "SELECT entity_id FROM article_entities GROUP BY entity_id ORDER BY count(*) DESC, entity_id LIMIT 1",
            [],
            |r| r.get::<_, String>(0),
        )?)
    }).unwrap();
    let fresh = |s: &Store| {
        s.with_conn(|c| Ok(marsad_store::catalog::co_mentions(c, &top, 10)?))
            .unwrap()
            .into_iter()
            .map(|n| (n.id, n.weight))
            .collect::<Vec<_>>()
    };
    let cached = |s: &Store| {
        s.co_mention_network(&top, 10)
            .unwrap()
            .neighbours
            .iter()
            .map(|n| (n.id.clone(), n.weight))
            .collect::<Vec<_>>()
    };
    let before = cached(&reader);
    assert!(!before.is_empty());
    assert_eq!(before, fresh(&reader));
    // A second call is served from the cache (the same shared result).
    let a = reader.co_mention_network(&top, 10).unwrap();
    let b = reader.co_mention_network(&top, 10).unwrap();
    assert!(std::sync::Arc::ptr_eq(&a, &b));
    writer.ingest(rest.to_vec()).unwrap();
    let after = cached(&reader);
    assert_eq!(after, fresh(&reader));
    assert_ne!(
        after, before,
        "the second half should change the neighbourhood"
    );
    drop(writer);
    let _ = std::fs::remove_dir_all(&dir);
}
