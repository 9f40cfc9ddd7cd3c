//! Reads the unlabeled corpora in a fixed order and turns them into sentences of
//! vocabulary ids.
//!
//! Every Arabic or Latin word becomes its [`marsad_text::key::base_key`] (the key the
//! NER features look words up by), every number the single token [`NUM`], and
//! punctuation its mark (typographic quotes folded to `"` and `'`). URLs, e-mails,
//! hashtags, handles and symbols are dropped. Sentences come from
//! [`marsad_text::split_sentences`] (which also ends one at every line break); a title
//! is a sentence of its own.

use marsad_testdata::{news_body, NewsSource};
use marsad_text::{split_sentences, tokenize, TokenKind};
use rayon::prelude::*;
use std::collections::HashMap;
use std::error::Error;
use std::path::Path;

pub type Res<T> = Result<T, Box<dyn Error>>;

/// The token every number maps to.
pub const NUM: &str = "<NUM>";

/// The raw texts (titles and bodies) and where they came from.
pub struct Texts {
    pub texts: Vec<String>,
    pub saudinewsnet_articles: usize,
    pub ant_articles: usize,
}

/// Titles and bodies of SaudiNewsNet and the ANT sample, in the fixed order of
/// [`marsad_testdata::for_each_news_record`].
pub fn read_texts(data: &Path) -> Res<Texts> {
    let mut out = Texts {
        texts: Vec::new(),
        saudinewsnet_articles: 0,
        ant_articles: 0,
    };
    marsad_testdata::for_each_news_record(data, |source, v| {
        match source {
            NewsSource::SaudiNewsNet => out.saudinewsnet_articles += 1,
            NewsSource::Ant => out.ant_articles += 1,
        }
        for f in ["title", news_body(source)] {
            if let Some(t) = v.get(f).and_then(|c| c.as_str()) {
                if !t.trim().is_empty() {
                    out.texts.push(t.to_string());
                }
            }
        }
    })?;
    Ok(out)
}

/// What a token becomes before keying: a word to key, or a fixed token.
enum Surface<'a> {
    Word(&'a str),
    Fixed(&'static str),
    Punct(&'a str),
}

fn fold_punct(p: &str) -> &str {
    match p {
        "«" | "»" | "“" | "”" | "„" | "‟" | "\"" | "″" => "\"",
        "‘" | "’" | "‚" | "‛" | "'" | "′" => "'",
        _ => p,
    }
}

/// Sentences of one text as surface strings (words not yet keyed).
fn text_sentences(text: &str) -> Vec<Vec<Surface<'_>>> {
    let tokens = tokenize(text);
    let mut out = Vec::new();
    for s in split_sentences(text, &tokens) {
        let mut sent = Vec::with_capacity(s.end_token - s.first_token);
        for t in &tokens[s.first_token..s.end_token] {
            let x = t.text(text);
            match t.kind {
                TokenKind::Arabic | TokenKind::Latin => sent.push(Surface::Word(x)),
                TokenKind::Number => sent.push(Surface::Fixed(NUM)),
                TokenKind::Punct => sent.push(Surface::Punct(fold_punct(x))),
                _ => {}
            }
        }
        if !sent.is_empty() {
            out.push(sent);
        }
    }
    out
}

/// The training corpus: sentences of vocabulary ids.
pub struct Corpus {
    /// Vocabulary keys, most frequent first (ties by key bytes).
    pub vocab: Vec<String>,
    pub counts: Vec<u64>,
    /// All kept tokens, sentence after sentence.
    pub tokens: Vec<u32>,
    /// End offset in `tokens` of every sentence.
    pub sentence_ends: Vec<usize>,
    /// Tokens before the vocabulary cut, and how many distinct keys they had.
    pub raw_tokens: u64,
    pub raw_types: usize,
}

/// Tokenizes and keys every text (in parallel, order preserved) and keeps the keys
/// seen at least `min_count` times, at most `max_words` of them.
pub fn build_corpus(texts: &[String], min_count: u64, max_words: usize) -> Corpus {
    // 1. surface sentences, interned by surface string in text order.
    let per_text: Vec<Vec<Vec<Surface<'_>>>> =
        texts.par_iter().map(|t| text_sentences(t)).collect();
    let mut surf_id: HashMap<&str, u32> = HashMap::new();
    let mut surfaces: Vec<(&str, bool)> = Vec::new(); // (string, is a word to key)
    let mut sentences: Vec<Vec<u32>> = Vec::new();
    for text in &per_text {
        for s in text {
            let ids = s
                .iter()
                .map(|x| {
                    let (k, word) = match x {
                        Surface::Word(w) => (*w, true),
                        Surface::Fixed(f) => (*f, false),
                        Surface::Punct(p) => (*p, false),
                    };
                    *surf_id.entry(k).or_insert_with(|| {
                        surfaces.push((k, word));
                        (surfaces.len() - 1) as u32
                    })
                })
                .collect();
            sentences.push(ids);
        }
    }
    // 2. one key per distinct surface (base_key is the expensive part).
    let keys: Vec<String> = surfaces
        .par_iter()
        .map(|(s, word)| {
            if *word {
                marsad_text::key::base_key(s)
            } else {
                s.to_string()
            }
        })
        .collect();
    let mut key_id: HashMap<&str, u32> = HashMap::new();
    let mut key_strings: Vec<&str> = Vec::new();
    let surf_to_key: Vec<u32> = keys
        .iter()
        .map(|k| {
            if k.is_empty() {
                return u32::MAX;
            }
            *key_id.entry(k.as_str()).or_insert_with(|| {
                key_strings.push(k.as_str());
                (key_strings.len() - 1) as u32
            })
        })
        .collect();
    let mut key_counts = vec![0u64; key_strings.len()];
    let mut raw_tokens = 0u64;
    for s in &sentences {
        for &id in s {
            let k = surf_to_key[id as usize];
            if k != u32::MAX {
                key_counts[k as usize] += 1;
                raw_tokens += 1;
            }
        }
    }
    // 3. vocabulary: frequent keys, by count then bytes.
    let mut order: Vec<u32> = (0..key_strings.len() as u32)
        .filter(|&k| key_counts[k as usize] >= min_count)
        .collect();
    order.sort_by(|&a, &b| {
        key_counts[b as usize]
            .cmp(&key_counts[a as usize])
            .then_with(|| key_strings[a as usize].cmp(key_strings[b as usize]))
    });
    order.truncate(max_words);
    let mut key_to_vocab = vec![u32::MAX; key_strings.len()];
    for (v, &k) in order.iter().enumerate() {
        key_to_vocab[k as usize] = v as u32;
    }
    // 4. the id stream; words outside the vocabulary are dropped (as word2vec does).
    let mut tokens = Vec::with_capacity(raw_tokens as usize);
    let mut sentence_ends = Vec::with_capacity(sentences.len());
    for s in &sentences {
        let before = tokens.len();
        for &id in s {
            let k = surf_to_key[id as usize];
            if k != u32::MAX {
                let v = key_to_vocab[k as usize];
                if v != u32::MAX {
                    tokens.push(v);
                }
            }
        }
        if tokens.len() > before {
            sentence_ends.push(tokens.len());
        }
    }
    Corpus {
        vocab: order
            .iter()
            .map(|&k| key_strings[k as usize].to_string())
            .collect(),
        counts: order.iter().map(|&k| key_counts[k as usize]).collect(),
        tokens,
        sentence_ends,
        raw_tokens,
        raw_types: key_strings.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_numbers_and_punctuation() {
        let texts = vec![
            "قال الرئيس «محمد» في 2015 والرئيس قال.".to_string(),
            "وقال محمد".to_string(),
        ];
        let c = build_corpus(&texts, 1, 100);
        let ix = |k: &str| c.vocab.iter().position(|v| v == k).unwrap();
        assert_eq!(c.counts[ix("قال")], 3);
        assert_eq!(c.counts[ix("الرييس")], 2);
        assert_eq!(c.counts[ix("\"")], 2);
        assert_eq!(c.counts[ix(NUM)], 1);
        assert_eq!(c.sentence_ends.len(), 2);
        // most frequent first
        assert_eq!(c.vocab[0], "قال");
        let c2 = build_corpus(&texts, 2, 100);
        assert!(c2.vocab.iter().all(|v| v != NUM));
    }
}
