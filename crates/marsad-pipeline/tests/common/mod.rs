//! Shared helpers of the data-driven tests: extract a corpus file, find articles.

use marsad_article::Article;
use marsad_pipeline::build_article;
use marsad_readers::input::{read_unit, Inputs};
use std::path::PathBuf;
use std::sync::OnceLock;

/// Every article of a file, through the full pipeline.
pub fn extract(path: &PathBuf) -> Vec<Article> {
    let mut arts = Vec::new();
    for unit in Inputs::new(std::slice::from_ref(path), None) {
        for raw in read_unit(unit.expect("readable")).into_iter().flatten() {
            arts.push(build_article(raw));
        }
    }
    arts
}

/// The ANT sample, extracted once per test binary.
#[allow(dead_code)]
pub fn ant() -> Option<&'static Vec<Article>> {
    static A: OnceLock<Vec<Article>> = OnceLock::new();
    let path = marsad_testdata::data_path("ant_multisource_news/ant_multisource_sample.jsonl")?;
    Some(A.get_or_init(|| extract(&path)))
}

/// The SaudiNewsNet sample, extracted once per test binary.
#[allow(dead_code)]
pub fn snn() -> Option<&'static Vec<Article>> {
    static A: OnceLock<Vec<Article>> = OnceLock::new();
    let path = marsad_testdata::data_path("saudinewsnet/saudinewsnet_sample_350.jsonl")?;
    Some(A.get_or_init(|| extract(&path)))
}

/// The committed SPA sample article.
#[allow(dead_code)]
pub fn sample_article() -> Article {
    let path = marsad_testdata::workspace_root().join("examples/sample-article.txt");
    extract(&path).remove(0)
}

/// The article whose URL contains `part`.
pub fn by_url<'a>(arts: &'a [Article], part: &str) -> &'a Article {
    arts.iter()
        .find(|a| a.url.as_deref().is_some_and(|u| u.contains(part)))
        .unwrap_or_else(|| panic!("no article with url containing {part}"))
}
