//! `marsad text ...` and `marsad eval ...`: the text core on standard input.

use anyhow::{bail, Context, Result};
use clap::Subcommand;
use marsad_text::normalize::{normalize_str, Profile};
use marsad_text::{split_sentences, stem, tokenize, translit};
use std::io::{BufRead, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum TextCommand {
    /// Normalize each line (profiles: search, display).
    Normalize {
        #[arg(short, long, default_value = "search")]
        profile: String,
    },
    /// One token per line: kind, code-point span, text; a blank line after each input line.
    Tokenize,
    /// One sentence per line.
    Sentences,
    /// Stem each word (stemmers: light10, lucene, snowball).
    Stem {
        #[arg(short, long, default_value = "light10")]
        stemmer: String,
    },
    /// Arabic → Buckwalter (or back with --reverse).
    Buckwalter {
        #[arg(short, long)]
        reverse: bool,
    },
    /// Readable Latin romanization of names.
    Romanize,
    /// Split proclitics and enclitics of each word (shown as و+ال+كلمة).
    Clitics,
    /// Benchmark the text core: search-normalize + tokenize + sentence-split the
    /// body of every record of JSON Lines files (fields text/content/body) on ONE
    /// thread; prints a JSON line of counts and timings.
    #[command(hide = true)]
    Bench { files: Vec<PathBuf> },
}

#[derive(Subcommand)]
pub enum EvalCommand {
    /// Clitic segmentation accuracy against the Farasa WikiNews gold.
    Clitics {
        /// WikiNews.pos.ref (default: $MARSAD_DATA/farasa_wikinews/WikiNews.pos.ref).
        #[arg(long)]
        gold: Option<PathBuf>,
    },
    /// Event detection P/R and actor spans on the PETRARCH Arabic gold sentences.
    Events {
        /// Data directory (default: $MARSAD_DATA, else ../shared/data).
        #[arg(long)]
        data: Option<PathBuf>,
        /// Instead, score the hand-labelled held-out ANT sentences in this table
        /// (crates/marsad-events/data/heldout_events.tsv).
        #[arg(long)]
        heldout: Option<PathBuf>,
    },
    /// Main-text extraction of HTML pages with known text (token P/R/F1; with/without snippets).
    Html {
        /// Folder of NAME.html + NAME.expected_text.txt or NAME.gold.json
        /// (default: $MARSAD_DATA/news_html).
        dir: Option<PathBuf>,
        /// One JSON object per page and extractor.
        #[arg(long)]
        json: bool,
        /// Extract each page this many times; the median time is reported.
        #[arg(long, default_value_t = 1)]
        rounds: usize,
    },
    /// Pairwise precision/recall of spelling-variant merging on the transliteration data.
    Variants {
        /// Data directory (default: $MARSAD_DATA, else ../shared/data).
        #[arg(long)]
        data: Option<PathBuf>,
    },
}

fn each_line(mut f: impl FnMut(&str, &mut dyn Write) -> Result<()>) -> Result<ExitCode> {
    let stdin = std::io::stdin().lock();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in stdin.lines() {
        let line = line.context("reading standard input (is it UTF-8?)")?;
        f(&line, &mut out)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Bodies of JSONL records, for `text bench`.
fn load_bodies(files: &[PathBuf]) -> Result<Vec<String>> {
    let mut bodies = Vec::new();
    for f in files {
        let data =
            std::fs::read_to_string(f).with_context(|| format!("cannot read {}", f.display()))?;
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line)
                .with_context(|| format!("bad JSON line in {}", f.display()))?;
            if let Some(t) = ["text", "content", "body"]
                .iter()
                .find_map(|k| v.get(*k).and_then(|x| x.as_str()))
            {
                bodies.push(t.to_string());
            }
        }
    }
    Ok(bodies)
}

fn bench(files: &[PathBuf]) -> Result<ExitCode> {
    let bodies = load_bodies(files)?;
    let bytes: usize = bodies.iter().map(|b| b.len()).sum();
    let started = std::time::Instant::now();
    let (mut words, mut sentences) = (0usize, 0usize);
    let mut toks = Vec::new();
    for b in &bodies {
        let n = normalize_str(b, Profile::Search);
        toks.clear();
        marsad_text::token::tokenize_into(&n, &mut toks);
        words += toks.iter().filter(|t| t.kind.is_word()).count();
        sentences += split_sentences(&n, &toks).len();
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{}",
        serde_json::json!({"tool": "marsad", "articles": bodies.len(), "bytes": bytes, "words": words, "sentences": sentences, "seconds": secs, "words_per_sec": words as f64 / secs, "mb_per_sec": bytes as f64 / 1e6 / secs})
    );
    Ok(ExitCode::SUCCESS)
}

pub fn run(cmd: TextCommand) -> Result<ExitCode> {
    match cmd {
        TextCommand::Bench { files } => bench(&files),
        TextCommand::Normalize { profile } => {
            let Some(p) = Profile::from_name(&profile) else {
                bail!("unknown profile {profile:?} (search, display)");
            };
            each_line(|l, out| Ok(writeln!(out, "{}", normalize_str(l, p))?))
        }
        TextCommand::Tokenize => each_line(|l, out| {
            for t in tokenize(l) {
                writeln!(
                    out,
                    "{}\t{}-{}\t{}",
                    t.kind.name(),
                    t.start,
                    t.end,
                    t.text(l)
                )?;
            }
            Ok(writeln!(out)?)
        }),
        TextCommand::Sentences => each_line(|l, out| {
            let toks = tokenize(l);
            for s in split_sentences(l, &toks) {
                writeln!(
                    out,
                    "{}",
                    &l[toks[s.first_token].byte_start..toks[s.end_token - 1].byte_end]
                )?;
            }
            Ok(())
        }),
        TextCommand::Stem { stemmer } => {
            let Some(st) = stem::stemmer_by_name(&stemmer) else {
                bail!("unknown stemmer {stemmer:?} (light10, lucene, snowball)");
            };
            each_line(|l, out| {
                let words: Vec<String> = tokenize(l)
                    .iter()
                    .filter(|t| t.kind.is_word())
                    .map(|t| st.stem(t.text(l)))
                    .collect();
                Ok(writeln!(out, "{}", words.join(" "))?)
            })
        }
        TextCommand::Buckwalter { reverse } => each_line(|l, out| {
            let s = if reverse {
                translit::from_buckwalter(l)
            } else {
                translit::to_buckwalter(l)
            };
            Ok(writeln!(out, "{s}")?)
        }),
        TextCommand::Romanize => {
            each_line(|l, out| Ok(writeln!(out, "{}", translit::romanize_name(l))?))
        }
        TextCommand::Clitics => each_line(|l, out| {
            let words: Vec<String> = tokenize(l)
                .iter()
                .map(|t| {
                    let w = t.text(l);
                    if t.kind == marsad_text::TokenKind::Arabic {
                        marsad_text::clitic::CliticSplitter::global()
                            .split(w)
                            .segments()
                            .join("+")
                    } else {
                        w.to_string()
                    }
                })
                .collect();
            Ok(writeln!(out, "{}", words.join(" "))?)
        }),
    }
}

pub fn run_eval(cmd: EvalCommand) -> Result<ExitCode> {
    match cmd {
        EvalCommand::Events { data, heldout } => {
            let data = data.unwrap_or_else(crate::data_dir);
            match heldout {
                Some(t) => crate::events_eval::run_heldout(&data, &t),
                None => crate::events_eval::run(&data),
            }
        }
        EvalCommand::Html { dir, json, rounds } => {
            let dir = dir.unwrap_or_else(|| crate::data_dir().join("news_html"));
            crate::html_eval::run(&dir, json, rounds.max(1))
        }
        EvalCommand::Variants { data } => {
            let data = data.unwrap_or_else(crate::data_dir);
            let pairs = marsad_entities::eval::load_pairs(&data).with_context(|| {
                format!(
                    "cannot read {}/transliteration (set --data or MARSAD_DATA)",
                    data.display()
                )
            })?;
            println!("Spelling-variant merging, pairwise (marsad_entities::variant::same_name)");
            println!(
                "pairs from {}/transliteration; same-Latin pairs more than {} edits apart left out: {}",
                data.display(),
                marsad_entities::eval::MAX_PAIR_DISTANCE,
                pairs.far_positives
            );
            println!(
                "{:<38} {:>8} {:>8} {:>6} {:>6} {:>9} {:>7} {:>8}",
                "pairs / matcher",
                "positive",
                "negative",
                "TP",
                "FP",
                "precision",
                "recall",
                "FMR %"
            );
            let unseen_dev = pairs.dev.unseen();
            let unseen_test = pairs.test.unseen();
            let hard_dev = pairs.dev_hard.unseen();
            let hard_test = pairs.test_hard.unseen();
            let rows = [
                ("dev, all, spelling rule", pairs.dev.score_spelling()),
                ("test, all, spelling rule", pairs.test.score_spelling()),
                ("dev, all, hand rule", pairs.dev.score_hand()),
                ("dev, all, shipped (learned)", pairs.dev.score_matcher()),
                ("test, all, hand rule", pairs.test.score_hand()),
                ("test, all, shipped (learned)", pairs.test.score_matcher()),
                ("dev, unseen, spelling rule", unseen_dev.score_spelling()),
                ("dev, unseen, hand rule", unseen_dev.score_hand()),
                ("dev, unseen, shipped (learned)", unseen_dev.score_matcher()),
                ("test, unseen, spelling rule", unseen_test.score_spelling()),
                ("test, unseen, hand rule", unseen_test.score_hand()),
                (
                    "test, unseen, shipped (learned)",
                    unseen_test.score_matcher(),
                ),
                ("dev, balanced hard, unseen, hand", hard_dev.score_hand()),
                (
                    "dev, balanced hard, unseen, shipped",
                    hard_dev.score_matcher(),
                ),
                ("test, balanced hard, unseen, hand", hard_test.score_hand()),
                (
                    "test, balanced hard, unseen, shipped",
                    hard_test.score_matcher(),
                ),
                (
                    "test, balanced hard, unseen, spelling",
                    hard_test.score_spelling(),
                ),
            ];
            for (name, s) in rows {
                println!(
                    "{name:<38} {:>8} {:>8} {:>6} {:>6} {:>9.4} {:>7.4} {:>8.3}",
                    s.positives,
                    s.negatives,
                    s.true_pos,
                    s.false_pos,
                    s.precision(),
                    s.recall(),
                    100.0 * s.false_pos as f64 / s.negatives.max(1) as f64
                );
            }
            println!(
                "unseen: neither spelling is in the romanizer's dictionary (its training names)"
            );
            println!("FMR: false-merge rate, merged negatives / negatives");
            println!("balanced hard: each positive pair plus the closest spelling of another name");
            println!(
                "shipped: learned matcher (weights fitted on dev only, examples/train_variants.rs); \
                 hand rule: the previous hand-tuned matcher"
            );
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Clitics { gold } => {
            let path = match gold {
                Some(p) => p,
                None => crate::data_dir().join("farasa_wikinews/WikiNews.pos.ref"),
            };
            let gold = std::fs::read_to_string(&path).with_context(|| {
                format!("cannot read {} (set --gold or MARSAD_DATA)", path.display())
            })?;
            let e = marsad_text::clitic::evaluate_farasa(&gold);
            println!(
                "Clitic segmentation vs Farasa WikiNews gold ({})",
                path.display()
            );
            println!(
                "words: {}  exact: {}  word accuracy: {:.2}%",
                e.words,
                e.exact,
                100.0 * e.accuracy
            );
            println!(
                "boundaries: gold {} predicted {} matched {}  P {:.2}%  R {:.2}%  F1 {:.2}%",
                e.gold_boundaries,
                e.predicted_boundaries,
                e.matched_boundaries,
                100.0 * e.precision,
                100.0 * e.recall,
                100.0 * e.f1
            );
            for ((surface, gold, got), n) in e.errors.iter().zip(&e.error_counts).take(15) {
                println!("  ×{n:<3} {surface}  gold {gold}  ours {got}");
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
