//! Skip-gram word2vec with negative sampling (Mikolov et al. 2013), following the
//! reference `word2vec.c`: frequent-word subsampling, a randomly shrunk window, a
//! unigram^0.75 noise table, a linearly decaying learning rate and the clipped
//! sigmoid table. It runs on one thread with a seeded generator, so the same corpus,
//! parameters and seed always give bit-identical vectors.

use crate::rng::Rng;

#[derive(Debug, Clone)]
pub struct W2vParams {
    pub dim: usize,
    /// Maximum distance between a word and a context word.
    pub window: usize,
    /// Noise words per positive pair.
    pub negative: usize,
    pub epochs: usize,
    /// Starting learning rate (decays linearly to 0.0001 × this).
    pub alpha: f32,
    /// Subsampling threshold (word2vec's `-sample`); 0 disables it.
    pub sample: f64,
    pub seed: u64,
}

impl Default for W2vParams {
    fn default() -> Self {
        W2vParams {
            dim: 100,
            window: 2,
            negative: 5,
            epochs: 5,
            alpha: 0.025,
            sample: 1e-3,
            seed: 1,
        }
    }
}

const EXP_TABLE_SIZE: usize = 1000;
const MAX_EXP: f32 = 6.0;

#[inline]
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0f32; 8];
    let ca = a.chunks_exact(8);
    let cb = b.chunks_exact(8);
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for i in 0..8 {
            acc[i] += x[i] * y[i];
        }
    }
    let mut s = ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
    for (x, y) in ra.iter().zip(rb) {
        s += x * y;
    }
    s
}

#[inline]
fn axpy(g: f32, x: &[f32], y: &mut [f32]) {
    for (y, x) in y.iter_mut().zip(x) {
        *y += g * x;
    }
}

/// Trains on `tokens` (vocabulary ids; `sentence_ends` are the sentence end offsets)
/// and returns the input vectors, `counts.len() × dim` row-major.
pub fn train(
    tokens: &[u32],
    sentence_ends: &[usize],
    counts: &[u64],
    p: &W2vParams,
    mut progress: impl FnMut(f64, f32),
) -> Vec<f32> {
    let vocab = counts.len();
    let dim = p.dim;
    let mut rng = Rng::new(p.seed);
    let mut syn0: Vec<f32> = (0..vocab * dim)
        .map(|_| (rng.next_f64() as f32 - 0.5) / dim as f32)
        .collect();
    let mut syn1 = vec![0f32; vocab * dim];
    let exp_table: Vec<f32> = (0..EXP_TABLE_SIZE)
        .map(|i| {
            let x = ((i as f64 / EXP_TABLE_SIZE as f64) * 2.0 - 1.0) * MAX_EXP as f64;
            let e = x.exp();
            (e / (e + 1.0)) as f32
        })
        .collect();
    // Noise distribution: unigram^0.75 as a lookup table.
    let table_size = (vocab * 200).clamp(1000, 10_000_000);
    let noise: Vec<u32> = {
        let pow: Vec<f64> = counts.iter().map(|&c| (c as f64).powf(0.75)).collect();
        let total: f64 = pow.iter().sum();
        let mut table = Vec::with_capacity(table_size);
        let mut w = 0usize;
        let mut cum = pow.first().copied().unwrap_or(0.0) / total;
        for i in 0..table_size {
            table.push(w as u32);
            if (i + 1) as f64 / table_size as f64 > cum && w + 1 < vocab {
                w += 1;
                cum += pow[w] / total;
            }
        }
        table
    };
    let train_words = tokens.len() as f64;
    let keep: Vec<f32> = counts
        .iter()
        .map(|&c| {
            if p.sample <= 0.0 {
                return 1.0;
            }
            let t = p.sample * train_words;
            (((c as f64 / t).sqrt() + 1.0) * t / c as f64).min(1.0) as f32
        })
        .collect();
    let total_steps = p.epochs as f64 * train_words + 1.0;
    let mut done = 0f64;
    let mut alpha = p.alpha;
    let mut sen: Vec<u32> = Vec::new();
    let mut neu1e = vec![0f32; dim];
    let mut last_report = 0f64;
    for _epoch in 0..p.epochs {
        let mut start = 0usize;
        for &end in sentence_ends {
            sen.clear();
            for &w in &tokens[start..end] {
                if keep[w as usize] >= 1.0 || (rng.next_f64() as f32) < keep[w as usize] {
                    sen.push(w);
                }
            }
            done += (end - start) as f64;
            start = end;
            alpha = (p.alpha * (1.0 - (done / total_steps) as f32)).max(p.alpha * 1e-4);
            for pos in 0..sen.len() {
                let word = sen[pos] as usize;
                let b = rng.below(p.window as u64) as usize;
                let lo = pos.saturating_sub(p.window - b);
                let hi = (pos + p.window - b + 1).min(sen.len());
                for (c, &ctx) in sen.iter().enumerate().take(hi).skip(lo) {
                    if c == pos {
                        continue;
                    }
                    let l1 = ctx as usize * dim;
                    neu1e.fill(0.0);
                    for d in 0..=p.negative {
                        let (target, label) = if d == 0 {
                            (word, 1.0f32)
                        } else {
                            let t = noise[rng.below(table_size as u64) as usize] as usize;
                            if t == word {
                                continue;
                            }
                            (t, 0.0)
                        };
                        let l2 = target * dim;
                        let f = dot(&syn0[l1..l1 + dim], &syn1[l2..l2 + dim]);
                        let g = if f > MAX_EXP {
                            (label - 1.0) * alpha
                        } else if f < -MAX_EXP {
                            label * alpha
                        } else {
                            let i =
                                ((f + MAX_EXP) * (EXP_TABLE_SIZE as f32 / MAX_EXP / 2.0)) as usize;
                            (label - exp_table[i.min(EXP_TABLE_SIZE - 1)]) * alpha
                        };
                        axpy(g, &syn1[l2..l2 + dim], &mut neu1e);
                        axpy(g, &syn0[l1..l1 + dim], &mut syn1[l2..l2 + dim]);
                    }
                    axpy(1.0, &neu1e, &mut syn0[l1..l1 + dim]);
                }
            }
            if done - last_report >= 1_000_000.0 {
                last_report = done;
                progress(done / (total_steps - 1.0), alpha);
            }
        }
    }
    progress(1.0, alpha);
    syn0
}

/// Scales every row to unit length (zero rows stay zero).
pub fn normalize_rows(v: &mut [f32], dim: usize) {
    for row in v.chunks_exact_mut(dim) {
        let n = dot(row, row).sqrt();
        if n > 0.0 {
            for x in row {
                *x /= n;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kmeans::kmeans;

    /// Words 0..5 only ever occur between context words 10..15, words 5..10 only
    /// between 15..20: the two groups must get separate clusters.
    #[test]
    fn toy_corpus_groups_by_context() {
        let mut rng = Rng::new(42);
        let mut tokens = Vec::new();
        let mut ends = Vec::new();
        for s in 0..4000 {
            let g = (s % 2) as u32;
            let ctx = |r: &mut Rng| 10 + 5 * g + r.below(5) as u32;
            for _ in 0..3 {
                tokens.push(ctx(&mut rng));
                tokens.push(5 * g + rng.below(5) as u32);
            }
            tokens.push(ctx(&mut rng));
            ends.push(tokens.len());
        }
        let mut counts = vec![0u64; 20];
        for &t in &tokens {
            counts[t as usize] += 1;
        }
        let p = W2vParams {
            dim: 16,
            window: 2,
            epochs: 3,
            sample: 0.0,
            ..W2vParams::default()
        };
        let mut v = train(&tokens, &ends, &counts, &p, |_, _| {});
        assert_eq!(
            v,
            train(&tokens, &ends, &counts, &p, |_, _| {}),
            "reproducible"
        );
        normalize_rows(&mut v, p.dim);
        let targets = &v[..10 * p.dim];
        let a = kmeans(targets, p.dim, 2, 50, 1);
        assert!(a[..5].iter().all(|&c| c == a[0]), "{a:?}");
        assert!(a[5..].iter().all(|&c| c == a[5]), "{a:?}");
        assert_ne!(a[0], a[5]);
        // and within-group similarity beats across-group similarity
        let row = |i: usize| &v[i * p.dim..(i + 1) * p.dim];
        assert!(dot(row(0), row(1)) > dot(row(0), row(6)) + 0.2);
    }
}
