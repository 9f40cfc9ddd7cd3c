//! `marsad eval events`: event detection and actor spans on the UniversalPetrarch
//! Arabic gold sentences (272 PROTEST + 373 ASSAULT).

use anyhow::{Context, Result};
use marsad_text::normalize::{normalize_str, Profile};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::ExitCode;

struct Gold {
    category: String,
    date: String,
    text: String,
    source: String,
    target: String,
}

fn attr(block: &str, name: &str) -> String {
    let key = format!("{name}=\"");
    block
        .find(&key)
        .and_then(|i| {
            let rest = &block[i + key.len()..];
            rest.find('"').map(|j| rest[..j].to_string())
        })
        .unwrap_or_default()
}

fn read_gold(path: &Path) -> Result<Vec<Gold>> {
    let s =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut out = Vec::new();
    // The files are truncated before `</Validation>`: read block by block.
    for block in s.split("<Sentence ").skip(1) {
        let Some(end) = block.find("</Sentence>") else {
            continue;
        };
        let block = &block[..end];
        let text = block
            .split_once("<Text>")
            .and_then(|(_, r)| r.split_once("</Text>"))
            .map(|(t, _)| t.trim().to_string())
            .unwrap_or_default();
        out.push(Gold {
            category: attr(block, "category"),
            date: attr(block, "date"),
            text,
            source: attr(block, "sourcetext"),
            target: attr(block, "targettext"),
        });
    }
    Ok(out)
}

/// Content words of an actor text, search-normalized, article off.
fn words(s: &str) -> BTreeSet<String> {
    normalize_str(s, Profile::Search)
        .split_whitespace()
        .map(|w| {
            let w = w.trim_start_matches('و');
            w.strip_prefix("ال")
                .filter(|r| r.chars().count() >= 2)
                .unwrap_or(w)
                .to_string()
        })
        .filter(|w| w.chars().count() >= 2)
        .collect()
}

fn category_of(root: &str) -> Option<&'static str> {
    match root {
        "14" => Some("PROTEST"),
        "18" | "19" | "20" => Some("ASSAULT"),
        _ => None,
    }
}

/// The held-out set: 300 random ANT sentences labelled by hand (not seen while
/// writing the lexicon, unlike the PETRARCH gold). Each sentence is tagged inside its
/// whole article, as in production.
pub fn run_heldout(data: &Path, table: &Path) -> Result<ExitCode> {
    let tsv = std::fs::read_to_string(table)
        .with_context(|| format!("cannot read {}", table.display()))?;
    let ant_path = data.join("ant_multisource_news/ant_multisource_sample.jsonl");
    let ant = std::fs::read_to_string(&ant_path)
        .with_context(|| format!("cannot read {}", ant_path.display()))?;
    let lines: Vec<&str> = ant.lines().collect();
    let mut counts = [[0usize; 3]; 2]; // [category][tp, fp, fn]
    let mut n = 0;
    for row in tsv.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let f: Vec<&str> = row.split('\t').collect();
        if f.len() < 5 {
            continue;
        }
        let line: usize = f[1].parse().context("line number")?;
        let gold = [f[3] == "1", f[4] == "1"];
        let rec = lines.get(line - 1).context("line beyond the ANT sample")?;
        let raw = marsad_readers::jsonl::read_line(rec, Default::default(), "UTF-8")
            .map_err(|e| anyhow::anyhow!("line {line}: {e}"))?;
        let a = marsad_pipeline::build_article(raw);
        let Some(sent) = a
            .sentences
            .iter()
            .find(|s| a.slice(**s).trim().starts_with(f[2]))
        else {
            anyhow::bail!("line {line}: sentence {:?} not found", f[2]);
        };
        n += 1;
        let in_sentence: Vec<&marsad_article::Event> = a
            .events
            .iter()
            .filter(|e| sent.start <= e.span.start && e.span.end <= sent.end)
            .filter(|e| !e.flags.iter().any(|x| x == "negated" || x == "future"))
            .collect();
        let predicted = [
            in_sentence.iter().any(|e| e.root_code == "14"),
            in_sentence
                .iter()
                .any(|e| category_of(&e.root_code) == Some("ASSAULT")),
        ];
        if std::env::var_os("MARSAD_EVAL_VERBOSE").is_some() {
            for (k, c) in ["PROTEST", "ASSAULT"].iter().enumerate() {
                if gold[k] != predicted[k] {
                    let codes: Vec<String> = a
                        .events
                        .iter()
                        .filter(|e| sent.start <= e.span.start && e.span.end <= sent.end)
                        .map(|e| {
                            format!(
                                "{}:{}{}",
                                a.slice(e.span),
                                e.code,
                                if e.flags.is_empty() {
                                    String::new()
                                } else {
                                    format!("[{}]", e.flags.join(","))
                                }
                            )
                        })
                        .collect();
                    eprintln!(
                        "{} {c} {} | {} | {}",
                        if gold[k] { "FN" } else { "FP" },
                        f[0],
                        codes.join(" "),
                        a.slice(*sent).trim()
                    );
                }
            }
        }
        for k in 0..2 {
            match (gold[k], predicted[k]) {
                (true, true) => counts[k][0] += 1,
                (false, true) => counts[k][1] += 1,
                (true, false) => counts[k][2] += 1,
                _ => {}
            }
        }
    }
    println!(
        "Held-out events: {n} sentences of ANT news labelled by hand ({})",
        table.display()
    );
    println!("(events inside the sentence; negated and future events left out)\n");
    println!(
        "{:<8} {:>5} {:>5} {:>5} {:>9} {:>7}",
        "category", "gold", "TP", "FP", "precision", "recall"
    );
    for (k, c) in ["PROTEST", "ASSAULT"].iter().enumerate() {
        let [tp, fp, fneg] = counts[k];
        println!(
            "{c:<8} {:>5} {:>5} {:>5} {:>9.3} {:>7.3}",
            tp + fneg,
            tp,
            fp,
            tp as f64 / (tp + fp).max(1) as f64,
            tp as f64 / (tp + fneg).max(1) as f64
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run(data: &Path) -> Result<ExitCode> {
    let dir = data.join("events/petrarch_arabic");
    let mut gold = read_gold(&dir.join("arabic_protest_gsr_validation.xml"))?;
    gold.extend(read_gold(&dir.join("arabic_assault_gsr_validation.xml"))?);
    let cats = ["PROTEST", "ASSAULT"];
    let mut tp = [0usize; 2];
    let mut fp = [0usize; 2];
    let mut fneg = [0usize; 2];
    let (mut src_n, mut src_overlap, mut src_exact) = (0, 0, 0);
    let (mut tgt_n, mut tgt_overlap, mut tgt_exact) = (0, 0, 0);
    for g in &gold {
        let mut raw = marsad_readers::RawArticle {
            format: "text",
            encoding: "UTF-8".into(),
            published: marsad_readers::published::parse_published(&format!(
                "{}-{}-{}",
                g.date.get(0..4).unwrap_or("2000"),
                g.date.get(4..6).unwrap_or("01"),
                g.date.get(6..8).unwrap_or("01")
            )),
            ..Default::default()
        };
        raw.title = Some("-".into());
        raw.set_body_text(&g.text);
        let a = marsad_pipeline::build_article(raw);
        let events: Vec<&marsad_article::Event> = a
            .events
            .iter()
            .filter(|e| !e.flags.iter().any(|f| f == "negated"))
            .collect();
        for (k, c) in cats.iter().enumerate() {
            let predicted = events.iter().any(|e| category_of(&e.root_code) == Some(c));
            let is_gold = g.category == *c;
            if is_gold != predicted && std::env::var_os("MARSAD_EVAL_VERBOSE").is_some() {
                let codes: Vec<String> = events
                    .iter()
                    .map(|e| format!("{}:{}", a.slice(e.span), e.code))
                    .collect();
                eprintln!(
                    "{} {c} | {} | {}",
                    if is_gold { "FN" } else { "FP" },
                    codes.join(" "),
                    g.text
                );
            }
            match (is_gold, predicted) {
                (true, true) => tp[k] += 1,
                (false, true) => fp[k] += 1,
                (true, false) => fneg[k] += 1,
                _ => {}
            }
        }
        // Actor spans, on sentences where the gold category was found.
        let Some(ev) = events
            .iter()
            .find(|e| category_of(&e.root_code) == Some(g.category.as_str()))
        else {
            continue;
        };
        for (gold_text, ours, n, overlap, exact) in [
            (
                &g.source,
                &ev.actor_text,
                &mut src_n,
                &mut src_overlap,
                &mut src_exact,
            ),
            (
                &g.target,
                &ev.target_text,
                &mut tgt_n,
                &mut tgt_overlap,
                &mut tgt_exact,
            ),
        ] {
            if gold_text.trim().is_empty() {
                continue;
            }
            *n += 1;
            let gw = words(gold_text);
            let ow = ours.as_deref().map(words).unwrap_or_default();
            if !gw.is_disjoint(&ow) {
                *overlap += 1;
            } else if std::env::var_os("MARSAD_EVAL_VERBOSE").is_some() {
                eprintln!("MISS gold={gold_text:?} ours={ours:?} | {}", g.text);
            }
            if !ow.is_empty() && gw == ow {
                *exact += 1;
            }
        }
    }
    println!(
        "Event detection on the UniversalPetrarch Arabic gold sentences ({})",
        dir.display()
    );
    println!("{} sentences; a sentence counts for a category when an event with that CAMEO root is found", gold.len());
    println!("(PROTEST = root 14; ASSAULT = roots 18, 19, 20; negated events left out)\n");
    println!(
        "{:<8} {:>6} {:>5} {:>5} {:>9} {:>7} {:>6}",
        "category", "gold", "TP", "FP", "precision", "recall", "F1"
    );
    for (k, c) in cats.iter().enumerate() {
        let p = tp[k] as f64 / (tp[k] + fp[k]).max(1) as f64;
        let r = tp[k] as f64 / (tp[k] + fneg[k]).max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        println!(
            "{c:<8} {:>6} {:>5} {:>5} {:>9.3} {:>7.3} {:>6.3}",
            tp[k] + fneg[k],
            tp[k],
            fp[k],
            p,
            r,
            f
        );
    }
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    println!(
        "\nactor (source) spans, {src_n} detected sentences with a gold source: overlap {:.1}%, exact {:.1}%",
        pct(src_overlap, src_n),
        pct(src_exact, src_n)
    );
    println!(
        "target spans, {tgt_n} detected sentences with a gold target: overlap {:.1}%, exact {:.1}%",
        pct(tgt_overlap, tgt_n),
        pct(tgt_exact, tgt_n)
    );
    println!(
        "(overlap: a content word in common after search normalization; exact: same content words)"
    );
    Ok(ExitCode::SUCCESS)
}
