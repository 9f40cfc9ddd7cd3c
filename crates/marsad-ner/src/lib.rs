//! Named-entity recognition for Arabic news: PER, ORG, LOC, MISC.
//!
//! A first-order sequence tagger (structured averaged perceptron, Viterbi with
//! IOB2 constraints; see [`perceptron`] for why not the `crfs` CRF) trained in
//! this repository on ANERcorp (`marsad ner train`), over clitic-aware hashed
//! features ([`features`]): normalized and clitic-stripped forms, affixes, shape,
//! a ±2 window, word clusters learned in-project from unlabeled news
//! ([`clusters`]) and gazetteer matches ([`gazetteer`]). The trained model is
//! committed (`data/ner.model`) and loaded lazily.
//!
//! [`NerModel::tag`] labels a token sequence with IOB2 tags; [`NerModel::mentions`]
//! turns them into mentions whose span excludes a proclitic on the first token
//! (`وإسرائيل` → `إسرائيل`).

pub mod clusters;
pub mod conll;
pub mod eval;
pub mod features;
pub mod gazetteer;
pub mod perceptron;

use clusters::Clusters;
use conll::TaggedSentence;
use features::FeatureSink;
use crate::gazetteer::Gazetteer;
use perceptron::{Example, Model, LABELS};
use std::cell::RefCell;
use std::io;
use std::path::Path;
use std::sync::LazyLock;

/// The committed model (trained by `marsad ner train`).
static BUILTIN_MODEL: &[u8] = include_bytes!("../data/ner.model");

static BUILTIN: LazyLock<Result<NerModel, String>> = LazyLock::new(|| NerModel::from_bytes(BUILTIN_MODEL).map_err(|e| e.to_string()));

thread_local! {
    static SINK: RefCell<FeatureSink> = RefCell::new(FeatureSink::default());
}

/// A loaded model.
pub struct NerModel {
    model: Model,
}

/// A mention found by [`NerModel::mentions`]: tokens `[start_token, end_token)`,
/// and how many code points of the first token are a proclitic outside the name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenMention {
    pub start_token: usize,
    pub end_token: usize,
    pub label: String,
    pub skip_prefix: usize,
}

impl NerModel {
    /// The committed model, loaded on first use.
    pub fn builtin() -> Result<&'static NerModel, String> {
        BUILTIN.as_ref().map_err(|e| format!("the embedded NER model cannot be loaded: {e}"))
    }

    pub fn from_bytes(bytes: &[u8]) -> io::Result<NerModel> {
        Ok(NerModel {
            model: Model::from_bytes(bytes)?,
        })
    }

    pub fn from_model(model: Model) -> NerModel {
        NerModel { model }
    }

    /// Load a model file.
    pub fn load(path: &Path) -> io::Result<NerModel> {
        NerModel::from_bytes(&std::fs::read(path)?)
    }

    pub fn num_features(&self) -> usize {
        self.model.num_features()
    }

    /// IOB2 tags for a token sequence (one sentence).
    pub fn tag(&self, tokens: &[&str], gaz: &Gazetteer) -> Vec<String> {
        if tokens.is_empty() {
            return Vec::new();
        }
        SINK.with(|sink| {
            let mut sink = sink.borrow_mut();
            features::sentence_features(tokens, gaz, Clusters::builtin(), &mut sink);
            let pred = self.model.decode(tokens.len(), |i| sink.token(i));
            pred.into_iter().map(|y| LABELS[y].to_string()).collect()
        })
    }

    /// Mentions of a sentence.
    pub fn mentions(&self, tokens: &[&str], gaz: &Gazetteer) -> Vec<TokenMention> {
        let tags = self.tag(tokens, gaz);
        mentions_from_tags(tokens, &tags)
    }
}

/// Turn IOB tags into mentions; a proclitic on the first token is left outside.
pub fn mentions_from_tags(tokens: &[&str], tags: &[String]) -> Vec<TokenMention> {
    eval::chunks(tags)
        .into_iter()
        .map(|(s, e, label)| {
            let first = tokens[s];
            let skip_prefix = if first.chars().any(marsad_text::chars::is_arabic_letter) {
                let split = marsad_text::clitic::CliticSplitter::global().split(first);
                split.proclitics.last().map_or(0, |p| p.end)
            } else {
                0
            };
            TokenMention {
                start_token: s,
                end_token: e,
                label,
                skip_prefix,
            }
        })
        .collect()
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    pub epochs: usize,
    /// Features seen fewer times in training are dropped.
    pub min_count: u32,
    /// Shuffling seed (fixed: same data → same model).
    pub seed: u64,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 15,
            min_count: 1,
            seed: 20260101,
        }
    }
}

/// Features and gold labels of one training sentence.
pub fn featurize(s: &TaggedSentence, gaz: &Gazetteer) -> Example {
    let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
    let mut sink = FeatureSink::default();
    features::sentence_features(&toks, gaz, Clusters::builtin(), &mut sink);
    Example {
        feats: (0..toks.len()).map(|i| sink.token(i).to_vec()).collect(),
        gold: s.tags.iter().map(|t| perceptron::label_index(t)).collect(),
    }
}

/// Train a model. Deterministic: the same examples and settings give the same bytes.
pub fn train(examples: &[Example], cfg: &TrainConfig, progress: impl FnMut(usize, f64)) -> NerModel {
    NerModel {
        model: perceptron::train(examples, cfg.epochs, cfg.min_count, cfg.seed, progress),
    }
}

impl NerModel {
    /// Serialized model (the `data/ner.model` format).
    pub fn to_bytes(&self) -> Vec<u8> {
        self.model.to_bytes()
    }
}
