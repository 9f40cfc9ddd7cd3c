//! Data-driven check on the SaudiNewsNet sample (`$MARSAD_DATA`, see marsad-testdata):
//! skips with a message when the data is absent, fails under CI=true.

use marsad_dedup::*;
use std::io::BufRead;

#[test]
fn saudinewsnet_sample_groups_are_near_copies() {
    let Some(path) = marsad_testdata::data_path("saudinewsnet/saudinewsnet_sample_350.jsonl")
    else {
        return;
    };
    let f = std::fs::File::open(&path).unwrap();
    let mut texts = Vec::new();
    for line in std::io::BufReader::new(f).lines() {
        let v: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
        texts.push(v["content"].as_str().unwrap_or("").to_string());
    }
    assert!(texts.len() >= 300);
    let cfg = Config::default();
    let ids: Vec<String> = (0..texts.len()).map(|i| i.to_string()).collect();
    let docs: Vec<Doc> = texts
        .iter()
        .zip(&ids)
        .map(|(t, id)| Doc {
            id,
            text: t,
            published: None,
        })
        .collect();
    let stories = stories(&docs, &cfg);
    assert_eq!(
        stories.iter().map(|s| s.members.len()).sum::<usize>(),
        texts.len()
    );
    // every grouped pair joined directly shares most of its 5-word shingles
    let sh: Vec<Vec<u64>> = texts
        .iter()
        .map(|t| shingles(t, cfg.shingle_words))
        .collect();
    let mut idx = StoryIndex::new(&cfg);
    for t in &texts {
        let added = idx.add_text(t);
        for m in added.matches {
            let j = jaccard(&sh[added.doc], &sh[m.doc]);
            assert!(
                j > 0.3,
                "docs {} and {}: exact jaccard {j}",
                added.doc,
                m.doc
            );
        }
    }
    let groups = idx.groups();
    assert_eq!(groups.len(), stories.len());
    eprintln!(
        "{} articles, {} stories with more than one article",
        texts.len(),
        stories.iter().filter(|s| s.members.len() > 1).count()
    );
}
