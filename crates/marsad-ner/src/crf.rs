//! Linear-chain CRF trained by stochastic gradient descent on the log-likelihood
//! with L2 regularization (lazy scaling, decaying step size), over the same hashed
//! features and IOB2 constraints as the perceptron; it produces the same model
//! type, so decoding and the file format are shared.

use crate::perceptron::{
    allowed, feature_index, feature_rows, shuffle, Example, FeatureIndex, Model, L,
};

/// Train a CRF. `c2` is the L2 strength per sentence; deterministic for a seed.
pub fn train(
    examples: &[Example],
    epochs: usize,
    min_count: u32,
    c2: f64,
    eta0: f64,
    seed: u64,
    mut progress: impl FnMut(usize, f64),
) -> Model {
    let (keys, index) = feature_index(examples, min_count);
    let nf = keys.len();
    let (tbase, sbase) = (nf * L, nf * L + L * L);
    // Parameters are `scale * v` (lazy L2 decay).
    let mut v = vec![0f64; nf * L + L * L + L];
    let mut scale = 1.0f64;
    let rows = feature_rows(examples, &index);
    let mask: Vec<f64> = (0..=L)
        .flat_map(|x| {
            (0..L).map(move |y| {
                if allowed((x < L).then_some(x), y) {
                    0.0
                } else {
                    f64::NEG_INFINITY
                }
            })
        })
        .collect();
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = seed | 1;
    let lambda = c2 / examples.len().max(1) as f64;
    let mut t = 0f64;
    for epoch in 0..epochs {
        shuffle(&mut order, &mut rng);
        let mut loss = 0f64;
        for &ei in &order {
            let e = &examples[ei];
            let r = &rows[ei];
            let n = e.gold.len();
            if n == 0 {
                continue;
            }
            let eta = eta0 / (1.0 + lambda * eta0 * t);
            t += 1.0;
            // Emission scores.
            let mut u = vec![0f64; n * L];
            for i in 0..n {
                for &k in &r[i] {
                    let b = k as usize * L;
                    for y in 0..L {
                        u[i * L + y] += v[b + y];
                    }
                }
                for y in 0..L {
                    u[i * L + y] *= scale;
                }
            }
            let tr: Vec<f64> = (0..L * L).map(|j| v[tbase + j] * scale + mask[j]).collect();
            let st: Vec<f64> = (0..L)
                .map(|y| v[sbase + y] * scale + mask[L * L + y])
                .collect();
            // Forward/backward in log space.
            let mut a = vec![f64::NEG_INFINITY; n * L];
            let mut bk = vec![0f64; n * L];
            for y in 0..L {
                a[y] = st[y] + u[y];
            }
            for i in 1..n {
                for y in 0..L {
                    let m = lse((0..L).map(|x| a[(i - 1) * L + x] + tr[x * L + y]));
                    a[i * L + y] = m + u[i * L + y];
                }
            }
            for i in (0..n - 1).rev() {
                for x in 0..L {
                    bk[i * L + x] =
                        lse((0..L)
                            .map(|y| tr[x * L + y] + u[(i + 1) * L + y] + bk[(i + 1) * L + y]));
                }
            }
            let logz = lse((0..L).map(|y| a[(n - 1) * L + y]));
            // Gold score for the loss.
            let mut gold = st[e.gold[0]] + u[e.gold[0]];
            for i in 1..n {
                gold += tr[e.gold[i - 1] * L + e.gold[i]] + u[i * L + e.gold[i]];
            }
            loss += logz - gold;
            // L2 decay, then gradient step on touched parameters (in v units).
            scale *= 1.0 - eta * lambda;
            if scale < 1e-9 {
                for x in v.iter_mut() {
                    *x *= scale;
                }
                scale = 1.0;
            }
            let step = eta / scale;
            for i in 0..n {
                for y in 0..L {
                    let p = (a[i * L + y] + bk[i * L + y] - logz).exp();
                    let g = f64::from(u8::from(e.gold[i] == y)) - p;
                    if g.abs() < 1e-12 {
                        continue;
                    }
                    for &k in &r[i] {
                        v[k as usize * L + y] += step * g;
                    }
                }
            }
            for y in 0..L {
                let p = (a[y] + bk[y] - logz).exp();
                v[sbase + y] += step * (f64::from(u8::from(e.gold[0] == y)) - p);
            }
            for i in 1..n {
                for x in 0..L {
                    let ax = a[(i - 1) * L + x];
                    if ax == f64::NEG_INFINITY {
                        continue;
                    }
                    for y in 0..L {
                        let p = (ax + tr[x * L + y] + u[i * L + y] + bk[i * L + y] - logz).exp();
                        let g = f64::from(u8::from(e.gold[i - 1] == x && e.gold[i] == y)) - p;
                        v[tbase + x * L + y] += step * g;
                    }
                }
            }
        }
        progress(epoch + 1, loss / examples.len().max(1) as f64);
    }
    let mut out_index = FeatureIndex::default();
    let mut weights = Vec::new();
    for (i, h) in keys.iter().enumerate() {
        let row: Vec<f32> = (0..L).map(|y| (v[i * L + y] * scale) as f32).collect();
        if row.iter().any(|x| x.abs() > 1e-4) {
            out_index.insert(*h, (weights.len() / L) as u32);
            weights.extend_from_slice(&row);
        }
    }
    let mut trans = [0f32; L * L];
    for (j, x) in trans.iter_mut().enumerate() {
        *x = (v[tbase + j] * scale) as f32;
    }
    let mut start = [0f32; L];
    for (y, x) in start.iter_mut().enumerate() {
        *x = (v[sbase + y] * scale) as f32;
    }
    Model::from_parts(out_index, weights, trans, start)
}

fn lse(it: impl Iterator<Item = f64>) -> f64 {
    let xs: smallvec_free::Buf = it.collect();
    let m = xs.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    if m == f64::NEG_INFINITY {
        return m;
    }
    m + xs.iter().map(|x| (x - m).exp()).sum::<f64>().ln()
}

/// A fixed-capacity buffer for the L values `lse` sums (no heap allocation).
mod smallvec_free {
    use super::L;

    pub struct Buf {
        xs: [f64; L],
        n: usize,
    }

    impl FromIterator<f64> for Buf {
        fn from_iter<I: IntoIterator<Item = f64>>(it: I) -> Self {
            let mut b = Buf { xs: [0.0; L], n: 0 };
            for x in it {
                if b.n < L {
                    b.xs[b.n] = x;
                    b.n += 1;
                }
            }
            b
        }
    }

    impl Buf {
        pub fn iter(&self) -> std::slice::Iter<'_, f64> {
            self.xs[..self.n].iter()
        }
    }
}
