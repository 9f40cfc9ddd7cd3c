//! A first-order sequence tagger over hashed features: structured averaged
//! perceptron training (Collins 2002) with Viterbi decoding constrained to valid
//! IOB2 sequences. Chosen over the `crfs` L-BFGS CRF by measurement: on a 10%
//! hold-out of ANERcorp train, with identical features, both reached the same F1
//! (64.3 vs 65.0) but the perceptron trained 10× faster (24 s vs 229 s) and this
//! hashed-feature tagger decodes without building feature strings.
//!
//! Model file (`MNER` v1, little-endian): magic, version u32, label count u32,
//! labels (u32 length + UTF-8), transition scores (L×L f32, then L start scores),
//! weight scale f32, feature count u32, then per feature (sorted by hash): hash
//! u64 and L weights as i16 (weight = i16 × scale).

use std::collections::HashMap;
use std::io;

/// Feature keys are already xxh3 hashes: hash them again with the identity.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b) ^ (self.0 >> 56);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub(crate) type FeatureIndex = HashMap<u64, u32, std::hash::BuildHasherDefault<IdHasher>>;

fn next_model_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Labels in a fixed order; index 0 is `O`.
pub const LABELS: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC",
];
pub(crate) const L: usize = LABELS.len();

pub fn label_index(tag: &str) -> usize {
    LABELS.iter().position(|l| *l == tag).unwrap_or(0)
}

/// Is `to` allowed after `from` (None = sentence start) in IOB2?
pub(crate) fn allowed(from: Option<usize>, to: usize) -> bool {
    let to_l = LABELS[to];
    match to_l.strip_prefix("I-") {
        None => true,
        Some(ty) => from.is_some_and(|f| LABELS[f].get(2..) == Some(ty)),
    }
}

/// A trained model: per-feature label weights, transitions, start scores.
pub struct Model {
    /// Unique per loaded or trained model (keys the tagger's word-score cache).
    id: u64,
    index: FeatureIndex,
    weights: Vec<f32>,
    trans: [f32; L * L],
    start: [f32; L],
}

impl Model {
    pub(crate) fn from_parts(
        index: FeatureIndex,
        weights: Vec<f32>,
        trans: [f32; L * L],
        start: [f32; L],
    ) -> Model {
        Model {
            id: next_model_id(),
            index,
            weights,
            trans,
            start,
        }
    }

    /// This model's unique id.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Add the weights of `feats` to one token's label scores.
    #[inline]
    pub fn add_scores(&self, feats: &[u64], row: &mut [f32]) {
        for h in feats {
            if let Some(&k) = self.index.get(h) {
                let w = &self.weights[k as usize * L..(k as usize + 1) * L];
                for (r, w) in row.iter_mut().zip(w) {
                    *r += w;
                }
            }
        }
    }

    /// Viterbi decode over precomputed label scores (`n × L`, row per token).
    pub fn decode_scores(&self, n: usize, scores: &[f32]) -> Vec<usize> {
        viterbi(n, scores, &self.trans, &self.start)
    }

    pub fn num_features(&self) -> usize {
        self.index.len()
    }

    /// Viterbi decode; `feats(i)` gives token i's feature hashes.
    pub fn decode<'a>(&self, n: usize, feats: impl Fn(usize) -> &'a [u64]) -> Vec<usize> {
        let mut scores = vec![0f32; n * L];
        for i in 0..n {
            self.add_scores(feats(i), &mut scores[i * L..(i + 1) * L]);
        }
        viterbi(n, &scores, &self.trans, &self.start)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(b"MNER");
        out.extend_from_slice(&1u32.to_le_bytes());
        out.extend_from_slice(&(L as u32).to_le_bytes());
        for l in LABELS {
            out.extend_from_slice(&(l.len() as u32).to_le_bytes());
            out.extend_from_slice(l.as_bytes());
        }
        for v in self.trans.iter().chain(self.start.iter()) {
            out.extend_from_slice(&v.to_le_bytes());
        }
        let max = self
            .weights
            .iter()
            .fold(0f32, |m, w| m.max(w.abs()))
            .max(1e-9);
        let scale = max / 32767.0;
        out.extend_from_slice(&scale.to_le_bytes());
        let mut feats: Vec<(u64, u32)> = self.index.iter().map(|(h, k)| (*h, *k)).collect();
        feats.sort_unstable();
        out.extend_from_slice(&(feats.len() as u32).to_le_bytes());
        for (h, k) in feats {
            out.extend_from_slice(&h.to_le_bytes());
            for w in &self.weights[k as usize * L..(k as usize + 1) * L] {
                out.extend_from_slice(&((w / scale).round() as i16).to_le_bytes());
            }
        }
        out
    }

    pub fn from_bytes(b: &[u8]) -> io::Result<Model> {
        let bad =
            |m: &str| io::Error::new(io::ErrorKind::InvalidData, format!("bad NER model: {m}"));
        let mut p = 0usize;
        let mut take = |n: usize| -> io::Result<&[u8]> {
            let s = b.get(p..p + n).ok_or_else(|| bad("truncated"))?;
            p += n;
            Ok(s)
        };
        if take(4)? != b"MNER" {
            return Err(bad("not a Marsad NER model (magic)"));
        }
        let u32_at = |s: &[u8]| u32::from_le_bytes(s.try_into().expect("4 bytes"));
        if u32_at(take(4)?) != 1 {
            return Err(bad("unsupported version"));
        }
        if u32_at(take(4)?) as usize != L {
            return Err(bad("label count"));
        }
        for l in LABELS {
            let n = u32_at(take(4)?) as usize;
            if take(n)? != l.as_bytes() {
                return Err(bad("labels"));
            }
        }
        let mut trans = [0f32; L * L];
        for v in trans.iter_mut() {
            *v = f32::from_le_bytes(take(4)?.try_into().expect("4"));
        }
        let mut start = [0f32; L];
        for v in start.iter_mut() {
            *v = f32::from_le_bytes(take(4)?.try_into().expect("4"));
        }
        let scale = f32::from_le_bytes(take(4)?.try_into().expect("4"));
        let n = u32_at(take(4)?) as usize;
        let mut index = FeatureIndex::with_capacity_and_hasher(n, Default::default());
        let mut weights = Vec::with_capacity(n * L);
        for k in 0..n {
            let h = u64::from_le_bytes(take(8)?.try_into().expect("8"));
            index.insert(h, k as u32);
            for _ in 0..L {
                weights.push(i16::from_le_bytes(take(2)?.try_into().expect("2")) as f32 * scale);
            }
        }
        Ok(Model {
            id: next_model_id(),
            index,
            weights,
            trans,
            start,
        })
    }
}

/// `ALLOWED[x][y]`: may label y follow label x (x = L: sentence start)?
static ALLOWED: std::sync::LazyLock<[[bool; L]; L + 1]> = std::sync::LazyLock::new(|| {
    let mut t = [[false; L]; L + 1];
    for (x, row) in t.iter_mut().enumerate() {
        for (y, cell) in row.iter_mut().enumerate() {
            *cell = allowed((x < L).then_some(x), y);
        }
    }
    t
});

pub(crate) fn viterbi(
    n: usize,
    scores: &[f32],
    trans: &[f32; L * L],
    start: &[f32; L],
) -> Vec<usize> {
    if n == 0 {
        return Vec::new();
    }
    let allowed = |x: Option<usize>, y: usize| ALLOWED[x.unwrap_or(L)][y];
    const NEG: f32 = -1e30;
    let mut delta = vec![NEG; n * L];
    let mut back = vec![0u8; n * L];
    for y in 0..L {
        if allowed(None, y) {
            delta[y] = start[y] + scores[y];
        }
    }
    for i in 1..n {
        for y in 0..L {
            let mut best = NEG;
            let mut arg = 0;
            for x in 0..L {
                if delta[(i - 1) * L + x] <= NEG || !allowed(Some(x), y) {
                    continue;
                }
                let v = delta[(i - 1) * L + x] + trans[x * L + y];
                if v > best {
                    best = v;
                    arg = x;
                }
            }
            if best > NEG {
                delta[i * L + y] = best + scores[i * L + y];
                back[i * L + y] = arg as u8;
            }
        }
    }
    let mut y = (0..L)
        .max_by(|&a, &b| delta[(n - 1) * L + a].total_cmp(&delta[(n - 1) * L + b]))
        .unwrap_or(0);
    let mut out = vec![0usize; n];
    for i in (0..n).rev() {
        out[i] = y;
        y = back[i * L + y] as usize;
    }
    out
}

/// One training sentence: per-token feature hashes and gold label indices.
#[derive(Clone)]
pub struct Example {
    pub feats: Vec<Vec<u64>>,
    pub gold: Vec<usize>,
}

/// The features seen at least `min_count` times, sorted, and their row numbers.
pub(crate) fn feature_index(examples: &[Example], min_count: u32) -> (Vec<u64>, FeatureIndex) {
    let mut counts = FeatureIndex::default();
    for e in examples {
        for f in e.feats.iter().flatten() {
            *counts.entry(*f).or_default() += 1;
        }
    }
    let mut keys: Vec<u64> = counts
        .iter()
        .filter(|(_, c)| **c >= min_count)
        .map(|(h, _)| *h)
        .collect();
    keys.sort_unstable();
    let index = keys
        .iter()
        .enumerate()
        .map(|(i, h)| (*h, i as u32))
        .collect();
    (keys, index)
}

/// Each example's tokens as feature-row numbers (unknown features dropped).
pub(crate) fn feature_rows(examples: &[Example], index: &FeatureIndex) -> Vec<Vec<Vec<u32>>> {
    examples
        .iter()
        .map(|e| {
            e.feats
                .iter()
                .map(|fs| fs.iter().filter_map(|h| index.get(h).copied()).collect())
                .collect()
        })
        .collect()
}

/// Fisher–Yates with xorshift: a deterministic shuffle for a given state.
pub(crate) fn shuffle(order: &mut [usize], rng: &mut u64) {
    for i in (1..order.len()).rev() {
        *rng ^= *rng << 13;
        *rng ^= *rng >> 7;
        *rng ^= *rng << 17;
        order.swap(i, (*rng % (i as u64 + 1)) as usize);
    }
}

/// Train with the averaged perceptron. Deterministic for a given `seed`.
/// Features seen fewer than `min_count` times are not used.
pub fn train(
    examples: &[Example],
    epochs: usize,
    min_count: u32,
    seed: u64,
    mut progress: impl FnMut(usize, f64),
) -> Model {
    let (keys, index) = feature_index(examples, min_count);
    let nf = keys.len();
    // Parameters: features × labels, transitions, start. `w` current, `u` accumulates
    // c·Δ so that the average is w − u/c (the usual lazy-averaging trick).
    let np = nf * L + L * L + L;
    let (tbase, sbase) = (nf * L, nf * L + L * L);
    let mut w = vec![0f32; np];
    let mut u = vec![0f64; np];
    let mut c: f64 = 1.0;
    let rows = feature_rows(examples, &index);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = seed | 1;
    for epoch in 0..epochs {
        shuffle(&mut order, &mut rng);
        let mut errors = 0usize;
        let mut total = 0usize;
        for &ei in &order {
            let e = &examples[ei];
            let r = &rows[ei];
            let n = e.gold.len();
            let mut scores = vec![0f32; n * L];
            for i in 0..n {
                for &k in &r[i] {
                    let base = k as usize * L;
                    for y in 0..L {
                        scores[i * L + y] += w[base + y];
                    }
                }
            }
            let mut trans = [0f32; L * L];
            trans.copy_from_slice(&w[tbase..tbase + L * L]);
            let mut start = [0f32; L];
            start.copy_from_slice(&w[sbase..sbase + L]);
            let pred = viterbi(n, &scores, &trans, &start);
            total += n;
            if pred != e.gold {
                let mut upd = |idx: usize, d: f32| {
                    w[idx] += d;
                    u[idx] += c * d as f64;
                };
                for i in 0..n {
                    let (g, p) = (e.gold[i], pred[i]);
                    if g != p {
                        errors += 1;
                        for &k in &r[i] {
                            upd(k as usize * L + g, 1.0);
                            upd(k as usize * L + p, -1.0);
                        }
                    }
                    let (gp, pp) = if i == 0 {
                        (None, None)
                    } else {
                        (Some(e.gold[i - 1]), Some(pred[i - 1]))
                    };
                    if (gp, g) != (pp, p) {
                        match gp {
                            None => upd(sbase + g, 1.0),
                            Some(x) => upd(tbase + x * L + g, 1.0),
                        }
                        match pp {
                            None => upd(sbase + p, -1.0),
                            Some(x) => upd(tbase + x * L + p, -1.0),
                        }
                    }
                }
            }
            c += 1.0;
        }
        progress(epoch + 1, errors as f64 / total.max(1) as f64);
    }
    let avg: Vec<f32> = w
        .iter()
        .zip(&u)
        .map(|(w, u)| (*w as f64 - u / c) as f32)
        .collect();
    // Keep only features whose averaged weights matter.
    let mut index = FeatureIndex::default();
    let mut weights = Vec::new();
    for (i, h) in keys.iter().enumerate() {
        let row = &avg[i * L..(i + 1) * L];
        if row.iter().any(|x| x.abs() > 1e-3) {
            index.insert(*h, (weights.len() / L) as u32);
            weights.extend_from_slice(row);
        }
    }
    let mut trans = [0f32; L * L];
    trans.copy_from_slice(&avg[tbase..tbase + L * L]);
    let mut start = [0f32; L];
    start.copy_from_slice(&avg[sbase..sbase + L]);
    Model::from_parts(index, weights, trans, start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob_constraints() {
        assert!(allowed(None, label_index("B-PER")));
        assert!(!allowed(None, label_index("I-PER")));
        assert!(allowed(Some(label_index("B-PER")), label_index("I-PER")));
        assert!(!allowed(Some(label_index("B-LOC")), label_index("I-PER")));
        assert!(!allowed(Some(0), label_index("I-ORG")));
    }

    #[test]
    fn learns_a_tiny_corpus_and_round_trips() {
        // Feature 1 = "capital name", 2 = "verb", 3 = "first name", 4 = "family name".
        let ex = |f: Vec<Vec<u64>>, g: &[&str]| Example {
            feats: f,
            gold: g.iter().map(|t| label_index(t)).collect(),
        };
        let data = vec![
            ex(vec![vec![2], vec![1]], &["O", "B-LOC"]),
            ex(vec![vec![3], vec![4], vec![2]], &["B-PER", "I-PER", "O"]),
            ex(
                vec![vec![1], vec![2], vec![3], vec![4]],
                &["B-LOC", "O", "B-PER", "I-PER"],
            ),
        ];
        let m = train(&data, 10, 1, 7, |_, _| {});
        let tags = |fs: Vec<Vec<u64>>| {
            let p = m.decode(fs.len(), |i| &fs[i]);
            p.iter().map(|&y| LABELS[y]).collect::<Vec<_>>()
        };
        assert_eq!(
            tags(vec![vec![3], vec![4], vec![2], vec![1]]),
            ["B-PER", "I-PER", "O", "B-LOC"]
        );
        let m2 = Model::from_bytes(&m.to_bytes()).unwrap();
        let fs = [vec![1u64], vec![2], vec![3], vec![4]];
        assert_eq!(m.decode(4, |i| &fs[i]), m2.decode(4, |i| &fs[i]));
        assert!(Model::from_bytes(b"MNERxx").is_err());
        assert!(Model::from_bytes(&m.to_bytes()[..50]).is_err());
    }
}
