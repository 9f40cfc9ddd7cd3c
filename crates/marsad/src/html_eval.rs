//! `marsad eval html`: main-text extraction quality of the HTML extractors on pages
//! with known text. A page `NAME.html` comes with `NAME.expected_text.txt` (the
//! whole expected body: token-level P/R/F1, tokens compared as bags) or
//! `NAME.gold.json` (trafilatura's format: `with` snippets that must be in the
//! body, `without` snippets that must not).

use anyhow::{Context, Result};
use marsad_readers::html::{self, Extractor};
use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;

/// Characters trimmed from the ends of a token (the same list as bench/html_peer.py).
const PUNCT: &str = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~،؛؟«»“”‘’…–—•·٪";

/// Whitespace tokens with punctuation trimmed off their ends.
pub fn tokens(text: &str) -> Vec<&str> {
    text.split_whitespace()
        .map(|t| t.trim_matches(|c| PUNCT.contains(c)))
        .filter(|t| !t.is_empty())
        .collect()
}

/// Bag-of-tokens precision, recall, F1 of `got` against `expected`.
pub fn prf(got: &str, expected: &str) -> (f64, f64, f64) {
    let mut bag: HashMap<&str, i64> = HashMap::new();
    let exp = tokens(expected);
    for t in &exp {
        *bag.entry(t).or_default() += 1;
    }
    let got = tokens(got);
    let mut hit = 0;
    for t in &got {
        if let Some(n) = bag.get_mut(t) {
            if *n > 0 {
                *n -= 1;
                hit += 1;
            }
        }
    }
    let p = if got.is_empty() {
        0.0
    } else {
        hit as f64 / got.len() as f64
    };
    let r = if exp.is_empty() {
        0.0
    } else {
        hit as f64 / exp.len() as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// Sums over pages for one extractor.
#[derive(Default)]
struct Totals {
    p: f64,
    r: f64,
    f: f64,
    pages: usize,
    found: usize,
    with: usize,
    leaked: usize,
}

struct Gold {
    expected: Option<String>,
    with: Vec<String>,
    without: Vec<String>,
}

fn load_gold(html: &Path) -> Result<Option<Gold>> {
    let stem = html.with_extension("");
    let txt = stem.with_extension("expected_text.txt");
    if txt.exists() {
        return Ok(Some(Gold {
            expected: Some(std::fs::read_to_string(&txt)?),
            with: Vec::new(),
            without: Vec::new(),
        }));
    }
    let json = stem.with_extension("gold.json");
    if json.exists() {
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json)?)
            .with_context(|| format!("{} is not JSON", json.display()))?;
        let list = |k: &str| -> Vec<String> {
            v[k].as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|s| s.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        return Ok(Some(Gold {
            expected: None,
            with: list("with"),
            without: list("without"),
        }));
    }
    Ok(None)
}

pub fn run(dir: &Path, json: bool, rounds: usize) -> Result<ExitCode> {
    let mut pages: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot list {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    let extractors = [
        ("marsad", Extractor::Marsad),
        ("readability", Extractor::Readability),
    ];
    // Sums for the overall figures: token hits over all pages (micro), snippets.
    let mut totals: HashMap<&str, Totals> = HashMap::new();
    if !json {
        println!("| page | extractor | P | R | F1 | with found | without leaked |");
        println!("|---|---|---:|---:|---:|---:|---:|");
    }
    let mut scored = 0;
    for page in &pages {
        let Some(gold) = load_gold(page)? else {
            continue;
        };
        scored += 1;
        let bytes = std::fs::read(page)?;
        let name = page.file_name().unwrap_or_default().to_string_lossy();
        for (label, ex) in extractors {
            let mut times = Vec::with_capacity(rounds);
            let mut text = String::new();
            for _ in 0..rounds {
                let started = std::time::Instant::now();
                text = html::read_html(
                    &bytes,
                    marsad_readers::Location::default(),
                    &html::PageHints::default(),
                    ex,
                )
                .map(|a| {
                    let body: Vec<String> = a.body.into_iter().map(|b| b.text).collect();
                    body.join("\n")
                })
                .unwrap_or_default();
                times.push(started.elapsed().as_secs_f64() * 1000.0);
            }
            times.sort_by(f64::total_cmp);
            let ms = times[times.len() / 2];
            let t = totals.entry(label).or_default();
            let (p, r, f) = match &gold.expected {
                Some(exp) => {
                    let (p, r, f) = prf(&text, exp);
                    t.p += p;
                    t.r += r;
                    t.f += f;
                    t.pages += 1;
                    (Some(p), Some(r), Some(f))
                }
                None => (None, None, None),
            };
            let found = gold
                .with
                .iter()
                .filter(|s| text.contains(s.as_str()))
                .count();
            let leaked = gold
                .without
                .iter()
                .filter(|s| text.contains(s.as_str()))
                .count();
            t.found += found;
            t.with += gold.with.len();
            t.leaked += leaked;
            let pct = |x: Option<f64>| x.map_or("–".to_string(), |x| format!("{:.1}", 100.0 * x));
            if json {
                println!(
                    "{}",
                    serde_json::json!({"page": name, "extractor": label, "p": p, "r": r, "f1": f,
                        "with_found": found, "with": gold.with.len(), "without_leaked": leaked,
                        "without": gold.without.len(), "ms": ms})
                );
            } else {
                println!(
                    "| {name} | {label} | {} | {} | {} | {found}/{} | {leaked}/{} |",
                    pct(p),
                    pct(r),
                    pct(f),
                    gold.with.len(),
                    gold.without.len()
                );
            }
        }
    }
    if scored == 0 {
        anyhow::bail!(
            "no page with expected text in {} (NAME.html + NAME.expected_text.txt or NAME.gold.json)",
            dir.display()
        );
    }
    if !json {
        println!();
        println!("| extractor | pages with text | mean P | mean R | mean F1 | with found | without leaked |");
        println!("|---|---:|---:|---:|---:|---:|---:|");
        for (label, _) in extractors {
            let t = &totals[label];
            let n = t.pages.max(1) as f64;
            println!(
                "| {label} | {} | {:.1} | {:.1} | {:.1} | {}/{} | {} |",
                t.pages,
                100.0 * t.p / n,
                100.0 * t.r / n,
                100.0 * t.f / n,
                t.found,
                t.with,
                t.leaked
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bag_of_tokens() {
        assert_eq!(
            tokens("«قال» الوزير، اليوم."),
            vec!["قال", "الوزير", "اليوم"]
        );
        let (p, r, f) = prf("أ ب ج د", "أ ب ج هـ و");
        assert!((p - 0.75).abs() < 1e-9 && (r - 0.6).abs() < 1e-9);
        assert!((f - 2.0 * 0.75 * 0.6 / 1.35).abs() < 1e-9);
        assert_eq!(prf("", "أ").2, 0.0);
    }
}
