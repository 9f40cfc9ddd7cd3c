//! The store's query language (`marsad_store::query::parse`), then the search
//! itself (query building, tantivy, snippets, facets) over a tiny store.
#![no_main]
use libfuzzer_sys::fuzz_target;
use marsad_store::{SearchRequest, Sort, Store};
use std::sync::OnceLock;

const ARTICLES: [(&str, &str); 3] = [
    (
        "نتنياهو يلتقي لافروف في موسكو",
        "موسكو (رويترز) - التقى رئيس الوزراء الإسرائيلي بنيامين نتنياهو وزير الخارجية الروسي سيرغي لافروف يوم الاثنين.\nوقال لافروف: \"نبحث الوضع في سوريا\".",
    ),
    (
        "مظاهرة في غزة",
        "خرج آلاف المحتجين في غزة يوم الجمعة احتجاجا على الحصار، وأصيب عشرات برصاص الجيش الإسرائيلي.",
    ),
    (
        "السعودية تستضيف قمة",
        "الرياض - استضافت المملكة العربية السعودية قمة عربية بحضور الملك سلمان بن عبدالعزيز وأمين عام جامعة الدول العربية.",
    ),
];

fn store() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("marsad-fuzz-query-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let store = Store::open(&dir).expect("open the store");
        let articles = ARTICLES
            .iter()
            .enumerate()
            .map(|(i, (title, body))| {
                let mut raw = marsad_readers::RawArticle {
                    format: "text",
                    title: Some(title.to_string()),
                    outlet: Some(format!("outlet{i}")),
                    published: marsad_readers::published::parse_published("2018-02-19"),
                    ..Default::default()
                };
                raw.set_body_text(body);
                marsad_pipeline::build_article(raw)
            })
            .collect();
        store.ingest(articles).expect("ingest");
        store
    })
}

fuzz_target!(|data: &[u8]| {
    let q = String::from_utf8_lossy(data);
    let parsed = marsad_store::query::parse(&q);
    if let Ok(p) = &parsed {
        for g in &p.groups {
            assert!(!g.is_empty(), "empty group in {p:?}");
        }
    }
    let req = SearchRequest {
        q: q.into_owned(),
        sort: if data.len() % 2 == 0 {
            Sort::Relevance
        } else {
            Sort::Date
        },
        ..Default::default()
    };
    match store().search(&req) {
        Ok(r) => {
            std::hint::black_box(r);
        }
        Err(e) => {
            // Only a query the parser refuses may fail.
            assert!(
                parsed.is_err(),
                "search failed on a query that parses: {e:#}"
            );
        }
    }
});
