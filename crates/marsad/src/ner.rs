//! `marsad ner train` and `marsad ner eval`.

use anyhow::{bail, Context, Result};
use clap::Subcommand;
use marsad_ner::conll::{self, TaggedSentence};
use marsad_ner::eval::Evaluation;
use marsad_ner::gazetteer::Gazetteer;
use marsad_ner::{NerModel, TrainConfig};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Subcommand)]
pub enum NerCommand {
    /// Train the CRF on ANERcorp's (reconstructed CAMeL) train split. Deterministic.
    Train {
        /// Training file (default: $MARSAD_DATA/anercorp/ANERCorp_CamelLab_train.reconstructed.txt).
        #[arg(long)]
        train: Option<PathBuf>,
        /// Where to write the model (default: crates/marsad-ner/data/ner.model, the embedded model).
        #[arg(short, long)]
        out: Option<PathBuf>,
        /// Passes over the training data.
        #[arg(long, default_value_t = TrainConfig::default().epochs)]
        epochs: usize,
        /// Drop features seen fewer times.
        #[arg(long, default_value_t = TrainConfig::default().min_count)]
        min_count: u32,
        /// Hold out the last 10% of the training sentences and report F1 on them
        /// (for tuning; the test files are never used for tuning).
        #[arg(long)]
        holdout: bool,
        /// Train a CRF (SGD, L2) instead of the averaged perceptron.
        #[arg(long)]
        crf: bool,
        /// CRF L2 strength.
        #[arg(long, default_value_t = TrainConfig::default().c2)]
        c2: f64,
        /// CRF initial step size.
        #[arg(long, default_value_t = TrainConfig::default().eta0)]
        eta: f64,
        /// Train only the first pass (no document-level second pass).
        #[arg(long)]
        single_pass: bool,
        /// K-fold cross-validation on the training file (contiguous folds); prints
        /// pooled P/R/F1 and does not write a model.
        #[arg(long)]
        cv: Option<usize>,
        /// Also train a neural tagger (BiLSTM-CRF) stacked on the perceptron.
        #[arg(long)]
        neural: bool,
        /// Neural tagger: passes over the training data.
        #[arg(long, default_value_t = marsad_ner::neural::NeuralConfig::default().epochs)]
        neural_epochs: usize,
        /// Neural tagger: LSTM units per direction.
        #[arg(long, default_value_t = marsad_ner::neural::NeuralConfig::default().hidden)]
        hidden: usize,
        /// Neural tagger: Adam step size.
        #[arg(long, default_value_t = marsad_ner::neural::NeuralConfig::default().lr)]
        lr: f32,
        /// Neural tagger: dropout.
        #[arg(long, default_value_t = marsad_ner::neural::NeuralConfig::default().dropout)]
        dropout: f32,
        /// Neural tagger: character n-gram embedding size (0: none).
        #[arg(long, default_value_t = marsad_ner::neural::NeuralConfig::default().char_dim)]
        char_dim: usize,
    },
    /// Benchmark: model load time and single-thread tagging speed on a CoNLL file's
    /// tokens (in pseudo-documents); prints one JSON line.
    #[command(hide = true)]
    Bench {
        file: PathBuf,
        /// Model file (default: the embedded model).
        #[arg(short, long)]
        model: Option<PathBuf>,
    },
    /// Evaluate on a CoNLL file (`token TAG` lines): entity-level P/R/F1 per type.
    Eval {
        /// CoNLL files (`token TAG`, blank line between sentences).
        files: Vec<PathBuf>,
        /// Model file (default: the embedded model).
        #[arg(short, long)]
        model: Option<PathBuf>,
        /// Extra gazetteer entries (`name<TAB>TYPE` lines).
        #[arg(long)]
        gazetteer: Option<PathBuf>,
        /// Also list missed and spurious entities.
        #[arg(long)]
        errors: bool,
        /// Write the tagged file here as `token gold predicted` lines (a blank line after each sentence).
        #[arg(long)]
        predictions: Option<PathBuf>,
    },
}

fn read_conll(path: &Path) -> Result<Vec<TaggedSentence>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let (sents, bad) = conll::parse(&text);
    for (line, content) in bad.iter().take(5) {
        eprintln!(
            "marsad: warning: {}:{line}: not a `token TAG` line: {content:?}",
            path.display()
        );
    }
    if sents.is_empty() {
        bail!("{}: no sentences", path.display());
    }
    Ok(sents)
}

/// The gazetteer for features (built-in plus the user's file) and the user's
/// entries alone (whose matches are always tagged).
pub fn load_gazetteer(
    user: Option<&Path>,
) -> Result<(&'static Gazetteer, Option<&'static Gazetteer>)> {
    match user {
        None => Ok((Gazetteer::builtin(), None)),
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("cannot read {}", p.display()))?;
            let err = |e| anyhow::anyhow!("{}: {e}", p.display());
            let merged = Gazetteer::with_user_file_text(&text).map_err(err)?;
            let own = Gazetteer::parse(&text).map_err(err)?;
            Ok((Box::leak(Box::new(merged)), Some(Box::leak(Box::new(own)))))
        }
    }
}

/// Tags of every sentence, in pseudo-documents of consecutive sentences tagged in parallel.
fn tag_all(model: &NerModel, gaz: &Gazetteer, sents: &[TaggedSentence]) -> Vec<Vec<String>> {
    let chunks: Vec<&[TaggedSentence]> = sents.chunks(marsad_ner::DOC_SENTENCES).collect();
    let predicted: Vec<Vec<Vec<String>>> = chunks
        .par_iter()
        .map(|c| marsad_ner::tag_corpus(model, c, gaz))
        .collect();
    predicted.into_iter().flatten().collect()
}

/// Entity-level scores of predicted tags against the gold ones.
fn score(sents: &[TaggedSentence], predicted: &[Vec<String>]) -> Evaluation {
    let mut e = Evaluation::default();
    for (s, p) in sents.iter().zip(predicted) {
        e.add(&s.tags, p);
    }
    e
}

fn evaluate(model: &NerModel, gaz: &Gazetteer, sents: &[TaggedSentence]) -> Evaluation {
    score(sents, &tag_all(model, gaz, sents))
}

fn train_model(
    sents: &[TaggedSentence],
    gaz: &Gazetteer,
    cfg: &TrainConfig,
    single_pass: bool,
) -> NerModel {
    if single_pass {
        let examples: Vec<_> = sents
            .par_iter()
            .map(|s| marsad_ner::featurize(s, gaz))
            .collect();
        marsad_ner::train(&examples, cfg, |_, _| {})
    } else {
        marsad_ner::train_two_pass(sents, gaz, cfg, 5)
    }
}

/// A model file, or the embedded model.
fn load_model(path: Option<&Path>) -> Result<&'static NerModel> {
    Ok(match path {
        Some(p) => Box::leak(Box::new(
            NerModel::load(p).with_context(|| format!("cannot load model {}", p.display()))?,
        )),
        None => NerModel::builtin().map_err(anyhow::Error::msg)?,
    })
}

/// `token gold predicted` lines, a blank line after each sentence.
fn write_predictions(out: &Path, sents: &[TaggedSentence], pred: &[Vec<String>]) -> Result<()> {
    use std::io::Write;
    let file =
        std::fs::File::create(out).with_context(|| format!("cannot write {}", out.display()))?;
    let mut w = std::io::BufWriter::new(file);
    for (s, p) in sents.iter().zip(pred) {
        for ((t, g), q) in s.tokens.iter().zip(&s.tags).zip(p) {
            writeln!(w, "{t} {g} {q}")?;
        }
        writeln!(w)?;
    }
    w.flush()
        .with_context(|| format!("cannot write {}", out.display()))
}

pub fn run(cmd: NerCommand) -> Result<ExitCode> {
    match cmd {
        NerCommand::Train {
            train,
            out,
            epochs,
            min_count,
            holdout,
            cv,
            single_pass,
            crf,
            c2,
            eta,
            neural,
            neural_epochs,
            hidden,
            lr,
            dropout,
            char_dim,
        } => {
            let train = train.unwrap_or_else(|| {
                crate::data_dir().join("anercorp/ANERCorp_CamelLab_train.reconstructed.txt")
            });
            let out = out.unwrap_or_else(|| PathBuf::from("crates/marsad-ner/data/ner.model"));
            let mut sents = read_conll(&train)?;
            let gaz = Gazetteer::builtin();
            let cfg = TrainConfig {
                epochs,
                min_count,
                crf,
                c2,
                eta0: eta,
                ..Default::default()
            };
            let ncfg = marsad_ner::neural::NeuralConfig {
                epochs: neural_epochs,
                hidden,
                lr,
                dropout,
                char_dim,
                ..Default::default()
            };
            if let Some(k) = cv {
                let k = k.max(2);
                let mut total = Evaluation::default();
                for fold in 0..k {
                    let (lo, hi) = (sents.len() * fold / k, sents.len() * (fold + 1) / k);
                    let train_part: Vec<TaggedSentence> =
                        sents[..lo].iter().chain(&sents[hi..]).cloned().collect();
                    let model = if neural {
                        marsad_ner::train_stacked(&train_part, gaz, &cfg, &ncfg, &[], |_, _, _| {})
                            .map_err(anyhow::Error::msg)?
                    } else {
                        train_model(&train_part, gaz, &cfg, single_pass)
                    };
                    let e = evaluate(&model, gaz, &sents[lo..hi]);
                    eprintln!("fold {}: F1 {:.2}", fold + 1, 100.0 * e.total.f1());
                    if neural {
                        let tags = marsad_ner::tag_corpus_perceptron(&model, &sents[lo..hi], gaz);
                        let p = score(&sents[lo..hi], &tags);
                        eprintln!(
                            "fold {}: perceptron alone F1 {:.2}",
                            fold + 1,
                            100.0 * p.total.f1()
                        );
                    }
                    total.merge(&e);
                }
                println!("{k}-fold cross-validation on {}:\n{total}", train.display());
                return Ok(ExitCode::SUCCESS);
            }
            let dev = if holdout {
                let cut = sents.len() * 9 / 10;
                sents.split_off(cut)
            } else {
                Vec::new()
            };
            let tokens: usize = sents.iter().map(|s| s.tokens.len()).sum();
            eprintln!(
                "marsad: {} sentences, {tokens} tokens from {}",
                sents.len(),
                train.display()
            );
            let t1 = Instant::now();
            let model = if neural {
                marsad_ner::train_stacked(&sents, gaz, &cfg, &ncfg, &dev, |epoch, loss, f1| {
                    match f1 {
                        Some(f1) => eprintln!(
                            "marsad: neural epoch {epoch}: loss {loss:.3}, held-out F1 {:.2} ({:.0} s)",
                            100.0 * f1,
                            t1.elapsed().as_secs_f64()
                        ),
                        None => eprintln!(
                            "marsad: neural epoch {epoch}: loss {loss:.3} ({:.0} s)",
                            t1.elapsed().as_secs_f64()
                        ),
                    }
                })
                .map_err(anyhow::Error::msg)?
            } else {
                train_model(&sents, gaz, &cfg, single_pass)
            };
            let bytes = model.to_bytes();
            std::fs::write(&out, &bytes)
                .with_context(|| format!("cannot write {}", out.display()))?;
            eprintln!(
                "marsad: trained ({}, {epochs} epochs) in {:.1} s; {} features → {} ({:.1} MB)",
                if neural {
                    "two passes and the stacked network"
                } else if single_pass {
                    "single pass"
                } else {
                    "two passes"
                },
                t1.elapsed().as_secs_f64(),
                model.num_features(),
                out.display(),
                bytes.len() as f64 / 1e6
            );
            if holdout {
                let e = evaluate(&model, gaz, &dev);
                println!("held-out (last 10% of train):\n{e}");
            }
            Ok(ExitCode::SUCCESS)
        }
        NerCommand::Bench { file, model } => {
            let sents = read_conll(&file)?;
            let t0 = Instant::now();
            let model = load_model(model.as_deref())?;
            if model.is_stacked() {
                let _ = marsad_ner::vectors::Vectors::builtin().map_err(anyhow::Error::msg)?;
            }
            let gaz = Gazetteer::builtin();
            let _ = marsad_ner::clusters::Clusters::builtin().len();
            let _ = marsad_text::clitic::CliticSplitter::global();
            let load = t0.elapsed().as_secs_f64();
            let t1 = Instant::now();
            let tags = marsad_ner::tag_corpus(model, &sents, gaz);
            let secs = t1.elapsed().as_secs_f64();
            let tokens: usize = tags.iter().map(Vec::len).sum();
            println!(
                "{}",
                serde_json::json!({"load_seconds": load, "tokens": tokens, "seconds": secs, "tokens_per_sec": tokens as f64 / secs, "features": model.num_features()})
            );
            Ok(ExitCode::SUCCESS)
        }
        NerCommand::Eval {
            files,
            model,
            gazetteer,
            errors,
            predictions,
        } => {
            let model = load_model(model.as_deref())?;
            let (gaz, _) = load_gazetteer(gazetteer.as_deref())?;
            if files.is_empty() {
                bail!("name at least one CoNLL file");
            }
            if predictions.is_some() && files.len() > 1 {
                bail!("--predictions writes one file: evaluate one CoNLL file at a time");
            }
            for f in files {
                let sents = read_conll(&f)?;
                let t = Instant::now();
                let pred = tag_all(model, gaz, &sents);
                let secs = t.elapsed().as_secs_f64();
                let e = score(&sents, &pred);
                println!("## {}\n\n{e}", f.display());
                if let Some(out) = &predictions {
                    write_predictions(out, &sents, &pred)?;
                }
                if errors {
                    for (s, p) in sents.iter().zip(&pred) {
                        let g = marsad_ner::eval::chunks(&s.tags);
                        let q = marsad_ner::eval::chunks(p);
                        for c in &g {
                            if !q.contains(c) {
                                println!("MISSED\t{}\t{}", c.2, s.tokens[c.0..c.1].join(" "));
                            }
                        }
                        for c in &q {
                            if !g.contains(c) {
                                println!("SPURIOUS\t{}\t{}", c.2, s.tokens[c.0..c.1].join(" "));
                            }
                        }
                    }
                }
                println!(
                    "tagged {} tokens in {secs:.2} s ({:.0} tokens/s, all cores)\n",
                    e.tokens,
                    e.tokens as f64 / secs
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
