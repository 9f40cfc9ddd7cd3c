//! Fits the learned spelling-variant matcher on the **development** pairs of the
//! transliteration data and writes its weights and threshold to
//! `crates/marsad-entities/src/variant_weights.rs` (the test pairs are never read
//! for fitting or tuning).
//!
//! `cargo run --release -p marsad-entities --example train_variants [-- --dry-run]`
//!
//! Deterministic: pairs come in file order, folds are hashes of the pair, training is
//! full-batch gradient descent (Adam) for a fixed number of steps. Reads
//! `$MARSAD_DATA/transliteration` (default `../shared/data`).
//!
//! 1. Spelling stage: a logistic regression over [`spelling_features`] on all
//!    development pairs (positives weighted up to half the negatives' weight, L2 1e-5;
//!    both chosen by the out-of-fold recall below, `POS_SHARE`/`L2` override them),
//!    fitted four times on three quarters to get out-of-fold scores, then on all.
//! 2. Combination stage: a logistic regression over [`combine_features`] (out-of-fold
//!    spelling score + romanizer evidence) on the development pairs the romanizer has
//!    not seen, likewise out of fold for choosing the threshold, then on all of them.
//! 3. Threshold: the one with the highest out-of-fold recall on the unseen development
//!    pairs such that precision on the balanced hard negatives is ≥ 0.97 and the
//!    false-merge rate on all similar negatives is no higher than the hand rule's.
use marsad_entities::eval::load_pairs;
use marsad_entities::variant::{
    candidates, combine_features, fold_name, romanized, same_token_at, spelling_features,
    N_COMBINE, N_SPELLING, THRESHOLDS,
};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

const FOLDS: u64 = 4;
const TARGET_PRECISION: f64 = 0.97;

/// A folded single-token pair, ordered.
fn key(a: &str, b: &str) -> Option<(String, String)> {
    let (x, y) = (fold_name(a), fold_name(b));
    if x.len() != 1 || y.len() != 1 {
        return None;
    }
    let (x, y) = (x[0].clone(), y[0].clone());
    Some(if x <= y { (x, y) } else { (y, x) })
}

fn fold_of(k: &(String, String)) -> u64 {
    xxhash_rust::xxh3::xxh3_64(format!("{}\t{}", k.0, k.1).as_bytes()) % FOLDS
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// Weighted L2-regularized logistic regression by full-batch Adam. `x` gives each
/// example's active features as (index, value).
fn fit(x: &[Vec<(usize, f32)>], y: &[bool], pos_weight: f64, dim: usize, l2: f64) -> Vec<f64> {
    let mut w = vec![0.0f64; dim];
    let (mut m, mut v) = (vec![0.0f64; dim], vec![0.0f64; dim]);
    let total: f64 = y.iter().map(|&t| if t { pos_weight } else { 1.0 }).sum();
    let (b1, b2, lr) = (0.9f64, 0.999f64, 0.05f64);
    for step in 1..=600 {
        let mut g = vec![0.0f64; dim];
        for (xi, &yi) in x.iter().zip(y) {
            let z: f64 = xi.iter().map(|&(j, v)| w[j] * f64::from(v)).sum();
            let c = if yi { pos_weight } else { 1.0 };
            let err = c * (sigmoid(z) - f64::from(u8::from(yi))) / total;
            for &(j, v) in xi {
                g[j] += err * f64::from(v);
            }
        }
        for j in 1..dim {
            g[j] += l2 * w[j];
        }
        for j in 0..dim {
            m[j] = b1 * m[j] + (1.0 - b1) * g[j];
            v[j] = b2 * v[j] + (1.0 - b2) * g[j] * g[j];
            let mh = m[j] / (1.0 - b1.powi(step));
            let vh = v[j] / (1.0 - b2.powi(step));
            w[j] -= lr * mh / (vh.sqrt() + 1e-8);
        }
    }
    w
}

fn dot(w: &[f64], x: &[(usize, f32)]) -> f64 {
    x.iter().map(|&(j, v)| w[j] * f64::from(v)).sum()
}

struct Pair {
    key: (String, String),
    gold: bool,
    /// Spelling features; `None` when more than two edits apart.
    spelling: Option<Vec<(usize, f32)>>,
}

fn spelling_vec(a: &str, b: &str) -> Option<Vec<(usize, f32)>> {
    let mut v: Vec<(usize, f32)> = Vec::new();
    spelling_features(a, b, |i| match v.iter_mut().find(|(j, _)| *j == i) {
        Some(e) => e.1 += 1.0,
        None => v.push((i, 1.0)),
    })
    .then_some(v)
}

fn combine_vec(s: f64, a: &str, b: &str) -> Vec<(usize, f32)> {
    combine_features(s as f32, a, b, &romanized(a), &romanized(b))
        .iter()
        .enumerate()
        .map(|(i, &v)| (i, v))
        .collect()
}

/// Precision, recall, false merges and negatives of `scores ≥ t` (a `None` score
/// merges only when the romanizations are identical, as in the matcher).
fn measure(set: &[(bool, Option<f64>, bool)], t: f64) -> (f64, f64, usize, usize) {
    let (mut tp, mut fp, mut pos, mut neg) = (0usize, 0usize, 0usize, 0usize);
    for &(gold, s, same_latin) in set {
        let pred = s.map_or(same_latin, |s| s >= t);
        if gold {
            pos += 1;
            tp += usize::from(pred);
        } else {
            neg += 1;
            fp += usize::from(pred);
        }
    }
    let p = if tp + fp == 0 {
        1.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    (p, tp as f64 / pos.max(1) as f64, fp, neg)
}

fn main() {
    let dry = std::env::args().any(|a| a == "--dry-run");
    let data = std::env::var("MARSAD_DATA").unwrap_or("../shared/data".into());
    let pairs = load_pairs(std::path::Path::new(&data)).expect("transliteration data");
    let pos_share: f64 = std::env::var("POS_SHARE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0.5);
    let l2: f64 = std::env::var("L2")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1e-5);

    // Development pairs, deduplicated.
    let mut seen = HashSet::new();
    let mut dev: Vec<Pair> = Vec::new();
    for (a, b, gold) in &pairs.dev.pairs {
        let Some(k) = key(a, b) else { continue };
        if k.0 == k.1 || !seen.insert(k.clone()) {
            continue;
        }
        let spelling = spelling_vec(&k.0, &k.1);
        dev.push(Pair {
            key: k,
            gold: *gold,
            spelling,
        });
    }
    let unseen: HashSet<(String, String)> = pairs
        .dev
        .unseen()
        .pairs
        .iter()
        .filter_map(|(a, b, _)| key(a, b))
        .collect();
    let npos = dev.iter().filter(|p| p.gold).count();
    let nneg = dev.len() - npos;
    let far = dev.iter().filter(|p| p.spelling.is_none()).count();
    eprintln!(
        "dev: {npos} positives, {nneg} negatives ({far} more than two edits apart), {} unseen",
        unseen.len()
    );
    let pos_weight = pos_share * nneg as f64 / npos as f64;

    // Stage 1, out of fold.
    let usable: Vec<usize> = (0..dev.len())
        .filter(|&i| dev[i].spelling.is_some())
        .collect();
    let mut s1_oof: HashMap<(String, String), f64> = HashMap::new();
    for k in 0..FOLDS {
        let (tr, te): (Vec<usize>, Vec<usize>) =
            usable.iter().partition(|&&i| fold_of(&dev[i].key) != k);
        let x: Vec<Vec<(usize, f32)>> = tr
            .iter()
            .map(|&i| dev[i].spelling.clone().unwrap())
            .collect();
        let y: Vec<bool> = tr.iter().map(|&i| dev[i].gold).collect();
        let w = fit(&x, &y, pos_weight, N_SPELLING, l2);
        for &i in &te {
            s1_oof.insert(
                dev[i].key.clone(),
                dot(&w, dev[i].spelling.as_ref().unwrap()),
            );
        }
        eprintln!(
            "spelling fold {k}: {} train, {} held out",
            tr.len(),
            te.len()
        );
    }

    // Stage 2 on unseen pairs, out of fold.
    let stage2: Vec<&Pair> = dev
        .iter()
        .filter(|p| unseen.contains(&p.key) && p.spelling.is_some())
        .collect();
    let s2x: Vec<Vec<(usize, f32)>> = stage2
        .iter()
        .map(|p| combine_vec(s1_oof[&p.key], &p.key.0, &p.key.1))
        .collect();
    let s2y: Vec<bool> = stage2.iter().map(|p| p.gold).collect();
    let p2 = s2y.iter().filter(|&&g| g).count();
    let pos_weight2 = pos_share * (s2y.len() - p2) as f64 / p2 as f64;
    let mut s2_oof: HashMap<(String, String), f64> = HashMap::new();
    for k in 0..FOLDS {
        let idx: Vec<usize> = (0..stage2.len())
            .filter(|&i| fold_of(&stage2[i].key) != k)
            .collect();
        let x: Vec<_> = idx.iter().map(|&i| s2x[i].clone()).collect();
        let y: Vec<_> = idx.iter().map(|&i| s2y[i]).collect();
        let w = fit(&x, &y, pos_weight2, N_COMBINE, l2);
        for i in (0..stage2.len()).filter(|&i| fold_of(&stage2[i].key) == k) {
            s2_oof.insert(stage2[i].key.clone(), dot(&w, &s2x[i]));
        }
    }

    if let Ok(path) = std::env::var("DUMP_OOF") {
        let mut t = String::new();
        for (p, x) in stage2.iter().zip(&s2x) {
            let _ = writeln!(
                t,
                "{}\t{}\t{}\t{:.3}\t{:.3}\t{}\t{}\t{:?}",
                p.key.0,
                p.key.1,
                u8::from(p.gold),
                s2_oof[&p.key],
                s1_oof[&p.key],
                romanized(&p.key.0),
                romanized(&p.key.1),
                x.iter().map(|v| v.1).collect::<Vec<_>>()
            );
        }
        std::fs::write(path, t).expect("write out-of-fold scores");
    }
    // Threshold on the out-of-fold scores of the unseen development pairs.
    let same_latin = |k: &(String, String)| {
        let (la, lb) = (romanized(&k.0), romanized(&k.1));
        !la.is_empty() && la == lb
    };
    let scored = |set: &marsad_entities::eval::PairSet| -> Vec<(bool, Option<f64>, bool)> {
        set.pairs
            .iter()
            .filter_map(|(a, b, g)| {
                let k = key(a, b)?;
                if k.0 == k.1 {
                    return Some((*g, Some(f64::INFINITY), true));
                }
                // The matcher accepts only pairs its blocking keys bring together.
                if !candidates(&k.0, &k.1) {
                    return Some((*g, Some(f64::NEG_INFINITY), false));
                }
                Some((*g, s2_oof.get(&k).copied(), same_latin(&k)))
            })
            .collect()
    };
    let all = scored(&pairs.dev.unseen());
    let hard = scored(&pairs.dev_hard.unseen());
    let hand = |set: &marsad_entities::eval::PairSet| {
        set.pairs
            .iter()
            .filter_map(|(a, b, g)| {
                let k = key(a, b)?;
                let m = same_token_at(&k.0, &k.1, &THRESHOLDS);
                Some((*g, Some(if m { 1.0 } else { -1.0 }), false))
            })
            .collect::<Vec<_>>()
    };
    let (hp, hr, hfp, hneg) = measure(&hand(&pairs.dev.unseen()), 0.0);
    let (hhp, hhr, _, _) = measure(&hand(&pairs.dev_hard.unseen()), 0.0);
    let max_fmr = hfp as f64 / hneg as f64;
    eprintln!(
        "hand rule, dev unseen: all P {hp:.4} R {hr:.4} FMR {:.3} %; hard P {hhp:.4} R {hhr:.4}",
        100.0 * max_fmr
    );
    let mut cands: Vec<f64> = all
        .iter()
        .filter_map(|x| x.1)
        .filter(|s| s.is_finite())
        .collect();
    cands.sort_by(f64::total_cmp);
    cands.dedup();
    // The highest out-of-fold recall with precision ≥ 0.97 on the balanced hard
    // negatives and at most `factor` times the hand rule's false-merge rate.
    let pick = |factor: f64| -> Option<(f64, f64)> {
        let mut best: Option<(f64, f64)> = None;
        for &t in &cands {
            let (_, r, fp, neg) = measure(&all, t);
            let (hp, _, _, _) = measure(&hard, t);
            let fits = hp >= TARGET_PRECISION && fp as f64 / neg as f64 <= factor * max_fmr + 1e-12;
            if fits && best.is_none_or(|(_, br)| r > br) {
                best = Some((t, r));
            }
        }
        best
    };
    for factor in [1.0, 2.0, 3.0] {
        if let Some((t, r)) = pick(factor) {
            let (p, _, fp, neg) = measure(&all, t);
            let (hp, _, hfp, _) = measure(&hard, t);
            eprintln!(
                "false merges <= {factor} x the hand rule's: threshold {t:.3}, dev unseen R {r:.4}, all P {p:.4} FMR {:.3} %, hard P {hp:.4} FP {hfp}",
                100.0 * fp as f64 / neg as f64
            );
        }
    }
    let (threshold, _) = pick(1.0).expect("no threshold meets the precision target");
    for t in [
        threshold - 1.0,
        threshold - 0.5,
        threshold,
        threshold + 0.5,
        threshold + 1.0,
    ] {
        let (p, r, fp, neg) = measure(&all, t);
        let (hp, hr, hfp, _) = measure(&hard, t);
        eprintln!(
            "{}threshold {t:+.3}: dev unseen all P {p:.4} R {r:.4} FP {fp} FMR {:.3} %; hard P {hp:.4} R {hr:.4} FP {hfp}",
            if t == threshold { "* " } else { "  " },
            100.0 * fp as f64 / neg as f64
        );
    }

    // Final fits on all development pairs.
    let x: Vec<Vec<(usize, f32)>> = usable
        .iter()
        .map(|&i| dev[i].spelling.clone().unwrap())
        .collect();
    let y: Vec<bool> = usable.iter().map(|&i| dev[i].gold).collect();
    let w1 = fit(&x, &y, pos_weight, N_SPELLING, l2);
    let w2 = fit(&s2x, &s2y, pos_weight2, N_COMBINE, l2);
    eprintln!("combination weights: {w2:?}");
    if dry {
        return;
    }
    let mut out = String::new();
    out.push_str(
        "//! Learned weights of the spelling-variant matcher ([`crate::variant`]).\n//!\n\
         //! Generated by `cargo run --release -p marsad-entities --example train_variants`\n\
         //! from the development split of `$MARSAD_DATA/transliteration`; do not edit.\n\n",
    );
    let _ = writeln!(
        out,
        "/// Spelling stage: one weight per feature of `spelling_features`."
    );
    let _ = writeln!(
        out,
        "#[rustfmt::skip]\npub const SPELLING: [f32; {N_SPELLING}] = ["
    );
    for row in w1.chunks(8) {
        let cells: Vec<String> = row.iter().map(|&v| format!("{:?}", v as f32)).collect();
        let _ = writeln!(out, "    {},", cells.join(", "));
    }
    out.push_str("];\n");
    let _ = writeln!(
        out,
        "/// Combination stage: one weight per feature of `combine_features`."
    );
    let cells: Vec<String> = w2.iter().map(|&v| format!("{:?}", v as f32)).collect();
    let _ = writeln!(
        out,
        "#[rustfmt::skip]\npub const COMBINE: [f32; {N_COMBINE}] = [{}];",
        cells.join(", ")
    );
    let _ = writeln!(
        out,
        "/// Lowest combined log-odds that merges two tokens.\npub const THRESHOLD: f32 = {:?};",
        threshold as f32
    );
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/variant_weights.rs");
    std::fs::write(path, out).expect("write weights");
    eprintln!("wrote {path}");
}
