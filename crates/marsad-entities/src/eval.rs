//! Pairwise evaluation of variant merging on the transliteration data.
//!
//! The data pair one Latin name with Arabic spellings, and the four sources spell
//! many names differently (`abelard`: `آبيلارد`/`أبيلار`). **Positives** are pairs of
//! different Arabic spellings given for the same Latin name. **Negatives** are pairs of
//! *similar* Arabic spellings (plain edit distance ≤ 2 after search normalization) given
//! for Latin names that are different names — their consonant skeletons differ
//! (`sergei`/`sergey` are one name, `saeed`/`saad` count as one too and are left out),
//! and no Latin name is shared between the two spellings. Names are split into a
//! development part (half the Latin names, by hash) and a test part. Everything the
//! matcher learned or was tuned on comes from the development part: the hand rule's
//! thresholds, and the learned matcher's weights and decision threshold
//! (`examples/train_variants.rs`, which never reads the test part); the test rows of
//! `marsad eval variants` are reported, not tuned on.
//!
//! Precision here depends on how crowded the name universe is: every similar spelling
//! of ~130k names is a candidate. The false-merge rate (merged negatives / negatives)
//! does not, and is reported next to it. A balanced variant pairs each positive with
//! one hard negative (the most similar spelling of another name), the usual
//! hard-negative design: it measures the decision a resolver faces between one true
//! variant and its closest impostor.

use crate::variant::{
    char_levenshtein, fold_name, latin_fold, latin_skeleton, same_name, same_token_at,
    same_token_with, THRESHOLDS,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// Labelled spelling pairs.
#[derive(Debug, Default, Clone)]
pub struct PairSet {
    /// `(a, b, same)`.
    pub pairs: Vec<(String, String, bool)>,
}

/// Development and test pairs.
#[derive(Debug, Default, Clone)]
pub struct VariantPairs {
    pub dev: PairSet,
    pub test: PairSet,
    /// Balanced sets: every positive pair `(a, b)` plus one hard negative — the
    /// spelling of another name closest to `a` (plain edit distance, then order).
    pub dev_hard: PairSet,
    pub test_hard: PairSet,
    /// Same-Latin spellings too different to be spelling variants (`عبد`/`عبدالله`,
    /// translations such as `agus`/`سليم`); left out of both parts.
    pub far_positives: usize,
}

/// Pairwise scores.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct PairScore {
    pub positives: usize,
    pub negatives: usize,
    pub true_pos: usize,
    pub false_pos: usize,
}

impl PairScore {
    pub fn precision(&self) -> f64 {
        let p = self.true_pos + self.false_pos;
        if p == 0 {
            1.0
        } else {
            self.true_pos as f64 / p as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.positives == 0 {
            0.0
        } else {
            self.true_pos as f64 / self.positives as f64
        }
    }
}

impl PairSet {
    /// Score a same-entity decision function.
    pub fn score(&self, same: impl Fn(&str, &str) -> bool) -> PairScore {
        let mut s = PairScore::default();
        for (a, b, gold) in &self.pairs {
            let pred = same(a, b);
            if *gold {
                s.positives += 1;
                s.true_pos += pred as usize;
            } else {
                s.negatives += 1;
                s.false_pos += pred as usize;
            }
        }
        s
    }

    /// Score [`same_name`] (the matcher used by resolution and the registry).
    pub fn score_matcher(&self) -> PairScore {
        self.score(|a, b| same_name(&fold_name(a), &fold_name(b)))
    }

    /// Score the hand-tuned rule ([`same_token_at`] with [`THRESHOLDS`]), the matcher
    /// shipped before the learned one, for comparison.
    pub fn score_hand(&self) -> PairScore {
        self.score(|a, b| {
            let (x, y) = (fold_name(a), fold_name(b));
            if x.is_empty() || y.is_empty() {
                return false;
            }
            if x.len() != y.len() {
                return x.concat() == y.concat();
            }
            x.iter()
                .zip(&y)
                .all(|(p, q)| same_token_at(p, q, &THRESHOLDS))
        })
    }

    /// Score the Arabic-spelling rule alone (no romanizer).
    pub fn score_spelling(&self) -> PairScore {
        self.score(|a, b| {
            let (x, y) = (fold_name(a), fold_name(b));
            x.len() == y.len()
                && !x.is_empty()
                && x.iter()
                    .zip(&y)
                    .all(|(p, q)| same_token_with(p, q, &THRESHOLDS))
        })
    }

    /// The pairs whose spellings are both absent from the romanizer's dictionary: the
    /// romanizer was trained on those names, so only these pairs measure the matcher
    /// without its answers leaking in.
    pub fn unseen(&self) -> PairSet {
        let r = marsad_latin::Romanizer::builtin();
        PairSet {
            pairs: self
                .pairs
                .iter()
                .filter(|(a, b, _)| r.lookup(a).is_none() && r.lookup(b).is_none())
                .cloned()
                .collect(),
        }
    }
}

/// Build the pairs from `transliteration/` under the data directory.
pub fn load_pairs(data: &Path) -> std::io::Result<VariantPairs> {
    let t = data.join("transliteration");
    let mut by_latin: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut add = |latin: &str, arabic: &str| {
        let latin = latin.trim().to_lowercase();
        let arabic = arabic.trim();
        if latin.is_empty() || arabic.is_empty() || arabic.contains(char::is_whitespace) {
            return;
        }
        by_latin
            .entry(latin)
            .or_default()
            .insert(arabic.to_string());
    };
    for split in ["train", "eval", "test"] {
        let text = std::fs::read_to_string(t.join(format!("google_ar2en/ar2en-{split}.txt")))?;
        for line in text.lines() {
            if let Some((ar, la)) = line.split_once('\t') {
                add(la, ar);
            }
        }
    }
    for n in [64, 16, 20] {
        let text = std::fs::read_to_string(t.join(format!(
            "wikidata_person_names_coling2018/wd_arabic_{n}.tsv"
        )))?;
        for line in text.lines() {
            let mut f = line.split('\t');
            if let (Some(la), Some(ar)) = (f.next(), f.next()) {
                add(la, &ar.replace(' ', ""));
            }
        }
    }
    let text = std::fs::read_to_string(t.join("anetac/EN-AR_Named-entities.txt"))?;
    for line in text.lines() {
        let f: Vec<&str> = line.split(' ').collect();
        if f.len() == 3 {
            add(f[1], f[2]);
        }
    }
    Ok(build_pairs(&by_latin, is_dev))
}

/// Half the Latin names (by hash) form the development part. Equal halves matter:
/// negatives grow with the square of a part's size, positives linearly.
fn is_dev(latin: &str) -> bool {
    xxhash_rust::xxh3::xxh3_64(latin.as_bytes()).is_multiple_of(2)
}

/// Candidate pairs are spellings this close (plain edit distance after search
/// normalization): both positives and negatives are drawn from them, so the score
/// answers the question resolution faces — among similar spellings, which are one name.
pub const MAX_PAIR_DISTANCE: usize = 2;

fn build_pairs(
    by_latin: &BTreeMap<String, BTreeSet<String>>,
    is_dev: impl Fn(&str) -> bool,
) -> VariantPairs {
    let mut out = VariantPairs::default();
    let all: BTreeSet<&str> = by_latin.values().flatten().map(String::as_str).collect();
    // Drop spellings that are another spelling with a conjunction glued on (ANETAC noise).
    let clean = |a: &str| !(a.starts_with('و') && all.contains(&a['و'.len_utf8()..]));
    let mut latins_of: HashMap<String, Vec<&str>> = HashMap::new();
    for (latin, spellings) in by_latin {
        let sp: Vec<&String> = spellings.iter().filter(|a| clean(a)).collect();
        for (i, a) in sp.iter().enumerate() {
            latins_of.entry(norm(a)).or_default().push(latin.as_str());
            for b in &sp[i + 1..] {
                let (na, nb) = (norm(a), norm(b));
                if char_levenshtein(&na, &nb) > MAX_PAIR_DISTANCE {
                    out.far_positives += 1;
                    continue;
                }
                let set = if is_dev(latin) {
                    &mut out.dev
                } else {
                    &mut out.test
                };
                set.pairs.push((a.to_string(), b.to_string(), true));
            }
        }
    }
    // Negatives: similar spellings (sharing a one-deletion variant → edit distance ≤ 2).
    let mut spellings: Vec<String> = latins_of.keys().cloned().collect();
    spellings.sort();
    let mut by_deletion: HashMap<String, Vec<u32>> = HashMap::new();
    for (i, s) in spellings.iter().enumerate() {
        let chars: Vec<char> = s.chars().collect();
        if chars.len() < 3 {
            continue;
        }
        let mut keys: BTreeSet<String> = BTreeSet::new();
        keys.insert(s.clone());
        keys.extend(crate::variant::one_letter_dropped(&chars));
        for k in keys {
            by_deletion.entry(k).or_default().push(i as u32);
        }
    }
    // Hardest negative partner of each spelling, per part: (is_dev, spelling) → (distance, other).
    let mut nearest: HashMap<(bool, String), (usize, String)> = HashMap::new();
    let mut seen: BTreeSet<(u32, u32)> = BTreeSet::new();
    for ids in by_deletion.values() {
        for (x, &i) in ids.iter().enumerate() {
            for &j in &ids[x + 1..] {
                seen.insert((i.min(j), i.max(j)));
            }
        }
    }
    for (i, j) in seen {
        let (a, b) = (&spellings[i as usize], &spellings[j as usize]);
        let (la, lb) = (&latins_of[a], &latins_of[b]);
        if la.iter().any(|x| lb.contains(x)) {
            continue;
        }
        // Typos and variant romanizations (`aionzo`/`alonzo`) are not different names.
        let close = la.iter().any(|x| {
            lb.iter().any(|y| {
                latin_skeleton(x) == latin_skeleton(y)
                    || char_levenshtein(&latin_fold(x), &latin_fold(y)) < 2
            })
        });
        if close {
            continue;
        }
        let (dev_a, dev_b) = (la.iter().all(|l| is_dev(l)), lb.iter().all(|l| is_dev(l)));
        let (test_a, test_b) = (la.iter().all(|l| !is_dev(l)), lb.iter().all(|l| !is_dev(l)));
        let (set, dev) = if dev_a && dev_b {
            (&mut out.dev, true)
        } else if test_a && test_b {
            (&mut out.test, false)
        } else {
            continue;
        };
        set.pairs.push((a.clone(), b.clone(), false));
        let d = char_levenshtein(a, b);
        for (x, y) in [(a, b), (b, a)] {
            let e = nearest
                .entry((dev, x.clone()))
                .or_insert((usize::MAX, String::new()));
            if (d, y) < (e.0, &e.1) {
                *e = (d, y.clone());
            }
        }
    }
    for (dev, src, hard) in [
        (true, out.dev.pairs.clone(), &mut out.dev_hard),
        (false, out.test.pairs.clone(), &mut out.test_hard),
    ] {
        for (a, b, gold) in src {
            if !gold {
                continue;
            }
            if let Some((_, x)) = nearest.get(&(dev, norm(&a))) {
                hard.pairs.push((a.clone(), x.clone(), false));
            }
            hard.pairs.push((a, b, true));
        }
    }
    out
}

fn norm(a: &str) -> String {
    marsad_text::normalize::normalize_str(a, marsad_text::normalize::Profile::Search)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pair_arithmetic() {
        let mut m = BTreeMap::new();
        m.insert(
            "abrams".to_string(),
            ["أبرامز", "ابرامز"].map(String::from).into_iter().collect(),
        );
        m.insert(
            "ibrahim".to_string(),
            ["ابراهيم"].map(String::from).into_iter().collect(),
        );
        m.insert(
            "marsh".to_string(),
            ["مارش"].map(String::from).into_iter().collect(),
        );
        m.insert(
            "mark".to_string(),
            ["مارك"].map(String::from).into_iter().collect(),
        );
        let p = build_pairs(&m, |_| true);
        let all: Vec<_> = p.dev.pairs.iter().chain(&p.test.pairs).collect();
        assert_eq!(all.iter().filter(|x| x.2).count(), 1);
        // `marsh`/`mark`: similar in Arabic, different names: a negative pair.
        assert!(all
            .iter()
            .any(|(a, b, g)| !g && (a == "مارش" || b == "مارش")));
        assert_eq!(latin_skeleton("sergei"), latin_skeleton("sergey"));
        assert_eq!(latin_skeleton("abana"), latin_skeleton("appanah"));
        assert_ne!(latin_skeleton("saeed"), latin_skeleton("sharif"));
        assert_eq!(char_levenshtein("نتنياهو", "نتانياهو"), 1);
        let s = PairSet {
            pairs: vec![
                ("a".into(), "a".into(), true),
                ("a".into(), "b".into(), true),
                ("c".into(), "d".into(), false),
            ],
        };
        let sc = s.score(|a, b| a == b || a == "c");
        assert_eq!((sc.true_pos, sc.false_pos), (1, 1));
        assert!((sc.precision() - 0.5).abs() < 1e-9);
        assert!((sc.recall() - 0.5).abs() < 1e-9);
    }
}
