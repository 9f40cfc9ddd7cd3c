//! A small neural tagger stacked on the perceptron: a BiLSTM-CRF whose input per
//! token is the in-project word2vec vector ([`crate::vectors`], fixed), a trainable
//! bag of hashed character n-grams (names never seen in training still look like
//! names), token flags (shape, clitics, gazetteer types, trigger words) and the
//! perceptron's own tag. The perceptron is strong on what its sparse features have
//! seen; the network adds what dense vectors and whole-sentence context know, and
//! learns when to overrule it. In training, the perceptron tags come from
//! jackknifing (each document tagged by a perceptron that did not see it), so the
//! network learns how far to trust them on unseen text.
//!
//! Pure Rust, CPU only, deterministic: the same data, settings and seed give the
//! same model bytes for any thread count (gradients of a batch are summed in a
//! fixed order).

use crate::features::{token_info, trigger_class};
use crate::gazetteer::Gazetteer;
use crate::perceptron::{viterbi, L, LABELS};
use crate::vectors::Vectors;
use rayon::prelude::*;
use std::collections::HashMap;
use std::io;

/// Token shapes of [`crate::features`], one-hot.
const SHAPES: [&str; 10] = ["E", "a", "A", "D", "DX", "LU", "Lc", "L", "P", "X"];
/// Static (non-trained) input values per token besides the word vector.
const FLAGS: usize = 1 + L + SHAPES.len() + 3 + 8 + 3;

/// Training settings.
#[derive(Debug, Clone)]
pub struct NeuralConfig {
    /// LSTM units per direction.
    pub hidden: usize,
    /// Character n-gram embedding size.
    pub char_dim: usize,
    /// Hash buckets for character n-grams.
    pub char_buckets: usize,
    pub epochs: usize,
    /// Adam step size.
    pub lr: f32,
    /// Sentences per update.
    pub batch: usize,
    /// Dropout on the inputs and on the LSTM outputs.
    pub dropout: f32,
    /// Gradient norm clip.
    pub clip: f32,
    pub seed: u64,
}

impl Default for NeuralConfig {
    fn default() -> Self {
        // Chosen on the last 10% of ANERcorp train (`ner train --holdout --neural`):
        // character n-grams (32 dims) and dropout 0.3 overfit within a few epochs
        // (held-out F1 75–76 falling to 72); without them and with dropout 0.5 it
        // climbs to 76.5–77 by epochs 8–11.
        NeuralConfig {
            hidden: 64,
            char_dim: 0,
            char_buckets: 1 << 15,
            epochs: 11,
            lr: 0.002,
            batch: 16,
            dropout: 0.5,
            clip: 5.0,
            seed: 20260101,
        }
    }
}

/// Sizes of one network.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Dims {
    /// Word vector size.
    v: usize,
    /// Character embedding size and buckets.
    c: usize,
    buckets: usize,
    /// Hidden units per direction.
    h: usize,
}

impl Dims {
    /// Static inputs per token.
    fn s(&self) -> usize {
        self.v + FLAGS
    }
    /// Full input per token.
    fn d(&self) -> usize {
        self.s() + self.c
    }
    fn lstm_w(&self) -> usize {
        4 * self.h * (self.d() + self.h)
    }
    /// Output layer input: both LSTM states and the token input.
    fn o(&self) -> usize {
        2 * self.h + self.d()
    }
    /// Offsets into the dense parameter vector.
    fn layout(&self) -> Layout {
        let lw = self.lstm_w();
        let h4 = 4 * self.h;
        let fw_w = 0;
        let fw_b = fw_w + lw;
        let bw_w = fw_b + h4;
        let bw_b = bw_w + lw;
        let out_w = bw_b + h4;
        let out_b = out_w + L * self.o();
        let trans = out_b + L;
        let start = trans + L * L;
        Layout {
            fw_w,
            fw_b,
            bw_w,
            bw_b,
            out_w,
            out_b,
            trans,
            start,
            total: start + L,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Layout {
    fw_w: usize,
    fw_b: usize,
    bw_w: usize,
    bw_b: usize,
    out_w: usize,
    out_b: usize,
    trans: usize,
    start: usize,
    total: usize,
}

/// A trained network.
pub struct NeuralTagger {
    dims: Dims,
    dense: Vec<f32>,
    chars: Vec<f32>,
}

/// One sentence made ready for the network.
pub struct SentenceInput {
    n: usize,
    /// Static inputs, `n × s`.
    x: Vec<f32>,
    /// Character n-gram buckets of each token.
    grams: Vec<Vec<u32>>,
}

/// Character n-grams (2–4) of `^word$`, hashed into `buckets`.
fn char_grams(word: &str, buckets: usize, out: &mut Vec<u32>) {
    out.clear();
    let chars: Vec<char> = std::iter::once('^')
        .chain(word.chars().take(24))
        .chain(std::iter::once('$'))
        .collect();
    let mut buf = String::new();
    for n in 2..=4 {
        for w in chars.windows(n) {
            buf.clear();
            buf.extend(w);
            let h = xxhash_rust::xxh3::xxh3_64(buf.as_bytes());
            out.push((h % buckets as u64) as u32);
        }
    }
    if out.is_empty() {
        out.push(0);
    }
}

/// Build the network input of a sentence; `prior` is the perceptron's label index
/// per token.
pub fn sentence_input(
    tokens: &[&str],
    prior: &[usize],
    gaz: &Gazetteer,
    vectors: &Vectors,
    char_buckets: usize,
) -> SentenceInput {
    let v = vectors.dim();
    let s = v + FLAGS;
    let n = tokens.len();
    let mut x = vec![0f32; n * s];
    let mut grams = Vec::with_capacity(n);
    let clusters = crate::clusters::Clusters::builtin();
    for (i, tok) in tokens.iter().enumerate() {
        let info = token_info(tok, clusters);
        let row = &mut x[i * s..(i + 1) * s];
        let key = if info.shape == "D" {
            "<NUM>"
        } else {
            info.base.as_str()
        };
        let known = vectors.fill(key, &mut row[..v]);
        let f = &mut row[v..];
        f[0] = if known { 0.0 } else { 1.0 };
        f[1 + prior.get(i).copied().unwrap_or(0).min(L - 1)] = 1.0;
        let sh = SHAPES.iter().position(|x| *x == info.shape).unwrap_or(0);
        f[1 + L + sh] = 1.0;
        let k = 1 + L + SHAPES.len();
        f[k] = f32::from(u8::from(!info.proclitics.is_empty()));
        f[k + 1] = f32::from(u8::from(info.article));
        f[k + 2] = f32::from(u8::from(info.enclitic));
        let types = gaz.word_types(&info.base).0;
        for b in 0..8 {
            f[k + 3 + b] = f32::from((types >> b) & 1);
        }
        if let Some(cls) = trigger_class(&info.base) {
            let j = ["PER", "ORG", "LOC"].iter().position(|c| *c == cls);
            if let Some(j) = j {
                f[k + 11 + j] = 1.0;
            }
        }
        let mut g = Vec::new();
        char_grams(&info.word, char_buckets, &mut g);
        grams.push(g);
    }
    SentenceInput { n, x, grams }
}

#[inline]
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for k in 0..8 {
            acc[k] += x[k] * y[k];
        }
    }
    let mut s: f32 = acc.iter().sum();
    for (x, y) in ra.iter().zip(rb) {
        s += x * y;
    }
    s
}

#[inline]
fn axpy(alpha: f32, x: &[f32], y: &mut [f32]) {
    for (y, x) in y.iter_mut().zip(x) {
        *y += alpha * x;
    }
}

#[inline]
fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// What one direction of the LSTM keeps for back-propagation.
#[derive(Default)]
struct LstmCache {
    /// `[x_t; h_prev]` per position, `n × (d + h)`.
    inp: Vec<f32>,
    /// Gate activations i, f, o, g per position, `n × 4h`.
    gates: Vec<f32>,
    /// Cell state and its tanh, `n × h`.
    c: Vec<f32>,
    tc: Vec<f32>,
    /// Outputs, `n × h`.
    h: Vec<f32>,
}

#[allow(clippy::too_many_arguments)]
fn lstm_forward(
    w: &[f32],
    b: &[f32],
    xs: &[f32],
    n: usize,
    d: usize,
    h: usize,
    reverse: bool,
    cache: &mut LstmCache,
) {
    let dh = d + h;
    cache.inp.clear();
    cache.inp.resize(n * dh, 0.0);
    cache.gates.clear();
    cache.gates.resize(n * 4 * h, 0.0);
    cache.c.clear();
    cache.c.resize(n * h, 0.0);
    cache.tc.clear();
    cache.tc.resize(n * h, 0.0);
    cache.h.clear();
    cache.h.resize(n * h, 0.0);
    let mut prev: Option<usize> = None;
    for step in 0..n {
        let t = if reverse { n - 1 - step } else { step };
        {
            let inp = &mut cache.inp[t * dh..(t + 1) * dh];
            inp[..d].copy_from_slice(&xs[t * d..(t + 1) * d]);
            if let Some(p) = prev {
                inp[d..].copy_from_slice(&cache.h[p * h..(p + 1) * h]);
            }
        }
        let inp = &cache.inp[t * dh..(t + 1) * dh];
        let gates = &mut cache.gates[t * 4 * h..(t + 1) * 4 * h];
        for r in 0..4 * h {
            let z = b[r] + dot(&w[r * dh..(r + 1) * dh], inp);
            gates[r] = if r < 3 * h { sigmoid(z) } else { z.tanh() };
        }
        for k in 0..h {
            let (i, f, o, g) = (gates[k], gates[h + k], gates[2 * h + k], gates[3 * h + k]);
            let cp = prev.map_or(0.0, |p| cache.c[p * h + k]);
            let c = f * cp + i * g;
            let tc = c.tanh();
            cache.c[t * h + k] = c;
            cache.tc[t * h + k] = tc;
            cache.h[t * h + k] = o * tc;
        }
        prev = Some(t);
    }
}

/// Back-propagate `dh_out` (`n × h`, the loss gradient of each output) through one
/// direction; adds to `dw`, `db` and `dx` (`n × d`).
#[allow(clippy::too_many_arguments)]
fn lstm_backward(
    w: &[f32],
    n: usize,
    d: usize,
    h: usize,
    reverse: bool,
    cache: &LstmCache,
    dh_out: &[f32],
    dw: &mut [f32],
    db: &mut [f32],
    dx: &mut [f32],
) {
    let dh_len = d + h;
    let mut dh_carry = vec![0f32; h];
    let mut dc_carry = vec![0f32; h];
    let mut dz = vec![0f32; 4 * h];
    let mut dinp = vec![0f32; dh_len];
    for step in (0..n).rev() {
        let t = if reverse { n - 1 - step } else { step };
        let prev = if step == 0 {
            None
        } else if reverse {
            Some(t + 1)
        } else {
            Some(t - 1)
        };
        let gates = &cache.gates[t * 4 * h..(t + 1) * 4 * h];
        for k in 0..h {
            let (i, f, o, g) = (gates[k], gates[h + k], gates[2 * h + k], gates[3 * h + k]);
            let tc = cache.tc[t * h + k];
            let dh = dh_out[t * h + k] + dh_carry[k];
            let d_o = dh * tc;
            let dc = dc_carry[k] + dh * o * (1.0 - tc * tc);
            let cp = prev.map_or(0.0, |p| cache.c[p * h + k]);
            let (di, dg, df) = (dc * g, dc * i, dc * cp);
            dc_carry[k] = dc * f;
            dz[k] = di * i * (1.0 - i);
            dz[h + k] = df * f * (1.0 - f);
            dz[2 * h + k] = d_o * o * (1.0 - o);
            dz[3 * h + k] = dg * (1.0 - g * g);
        }
        let inp = &cache.inp[t * dh_len..(t + 1) * dh_len];
        dinp.iter_mut().for_each(|x| *x = 0.0);
        for r in 0..4 * h {
            let z = dz[r];
            if z == 0.0 {
                continue;
            }
            db[r] += z;
            axpy(z, inp, &mut dw[r * dh_len..(r + 1) * dh_len]);
            axpy(z, &w[r * dh_len..(r + 1) * dh_len], &mut dinp);
        }
        axpy(1.0, &dinp[..d], &mut dx[t * d..(t + 1) * d]);
        dh_carry.copy_from_slice(&dinp[d..]);
    }
}

/// Score masks for IOB2: disallowed transitions get this.
const MASKED: f32 = -1e4;

fn iob_masks() -> ([f32; L * L], [f32; L]) {
    let mut t = [0f32; L * L];
    let mut s = [0f32; L];
    for y in 0..L {
        if !crate::perceptron::allowed(None, y) {
            s[y] = MASKED;
        }
        for x in 0..L {
            if !crate::perceptron::allowed(Some(x), y) {
                t[x * L + y] = MASKED;
            }
        }
    }
    (t, s)
}

fn log_sum_exp(xs: &[f32]) -> f32 {
    let m = xs.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    m + xs.iter().map(|x| (x - m).exp()).sum::<f32>().ln()
}

/// Negative log-likelihood of `gold` under the linear-chain CRF; adds its gradient
/// to `de` (`n × L`), `dtrans` and `dstart`.
fn crf_loss(
    e: &[f32],
    gold: &[usize],
    trans: &[f32],
    start: &[f32],
    de: &mut [f32],
    dtrans: &mut [f32],
    dstart: &mut [f32],
) -> f32 {
    let n = gold.len();
    let (tm, sm) = iob_masks();
    let tr: Vec<f32> = trans.iter().zip(&tm).map(|(a, b)| a + b).collect();
    let st: Vec<f32> = start.iter().zip(&sm).map(|(a, b)| a + b).collect();
    let mut alpha = vec![0f32; n * L];
    let mut beta = vec![0f32; n * L];
    let mut tmp = [0f32; L];
    for y in 0..L {
        alpha[y] = st[y] + e[y];
    }
    for t in 1..n {
        for y in 0..L {
            for x in 0..L {
                tmp[x] = alpha[(t - 1) * L + x] + tr[x * L + y];
            }
            alpha[t * L + y] = log_sum_exp(&tmp) + e[t * L + y];
        }
    }
    let log_z = log_sum_exp(&alpha[(n - 1) * L..n * L]);
    for t in (0..n - 1).rev() {
        for x in 0..L {
            for y in 0..L {
                tmp[y] = tr[x * L + y] + e[(t + 1) * L + y] + beta[(t + 1) * L + y];
            }
            beta[t * L + x] = log_sum_exp(&tmp);
        }
    }
    let mut gold_score = st[gold[0]] + e[gold[0]];
    for t in 1..n {
        gold_score += tr[gold[t - 1] * L + gold[t]] + e[t * L + gold[t]];
    }
    for t in 0..n {
        for y in 0..L {
            let p = (alpha[t * L + y] + beta[t * L + y] - log_z).exp();
            de[t * L + y] += p - f32::from(u8::from(gold[t] == y));
        }
    }
    for y in 0..L {
        dstart[y] += (alpha[y] + beta[y] - log_z).exp() - f32::from(u8::from(gold[0] == y));
    }
    for t in 1..n {
        for x in 0..L {
            let a = alpha[(t - 1) * L + x];
            for y in 0..L {
                let p = (a + tr[x * L + y] + e[t * L + y] + beta[t * L + y] - log_z).exp();
                dtrans[x * L + y] += p;
            }
        }
        dtrans[gold[t - 1] * L + gold[t]] -= 1.0;
    }
    log_z - gold_score
}

/// Gradients of one batch part.
struct Grad {
    dense: Vec<f32>,
    /// Character rows touched: bucket → index into `char_vals`.
    char_rows: HashMap<u32, usize>,
    char_vals: Vec<f32>,
    loss: f64,
}

impl Grad {
    fn new(total: usize) -> Grad {
        Grad {
            dense: vec![0.0; total],
            char_rows: HashMap::new(),
            char_vals: Vec::new(),
            loss: 0.0,
        }
    }
}

/// splitmix64: dropout masks seeded per (epoch, sentence), so they do not depend
/// on the thread that runs the sentence.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn dropout_mask(len: usize, p: f32, rng: &mut u64) -> Vec<f32> {
    let keep = 1.0 - p;
    (0..len)
        .map(|_| {
            let u = (splitmix(rng) >> 40) as f32 / (1u64 << 24) as f32;
            if u < keep {
                1.0 / keep
            } else {
                0.0
            }
        })
        .collect()
}

impl NeuralTagger {
    fn new(dims: Dims, seed: u64) -> NeuralTagger {
        let lay = dims.layout();
        let mut rng = seed | 1;
        let mut uni = |scale: f32| {
            let u = (splitmix(&mut rng) >> 40) as f32 / (1u64 << 24) as f32;
            (2.0 * u - 1.0) * scale
        };
        let mut dense = vec![0f32; lay.total];
        let s_lstm = (6.0 / (dims.d() + 2 * dims.h) as f32).sqrt();
        for base in [lay.fw_w, lay.bw_w] {
            for v in &mut dense[base..base + dims.lstm_w()] {
                *v = uni(s_lstm);
            }
        }
        // Forget gates start open.
        for base in [lay.fw_b, lay.bw_b] {
            for v in &mut dense[base + dims.h..base + 2 * dims.h] {
                *v = 1.0;
            }
        }
        let s_out = (6.0 / (dims.o() + L) as f32).sqrt();
        for v in &mut dense[lay.out_w..lay.out_w + L * dims.o()] {
            *v = uni(s_out);
        }
        let chars = (0..dims.buckets * dims.c).map(|_| uni(0.1)).collect();
        NeuralTagger { dims, dense, chars }
    }

    /// Full inputs (`n × d`): static values then the mean character embedding.
    fn inputs(&self, s: &SentenceInput) -> Vec<f32> {
        let (st, d, c) = (self.dims.s(), self.dims.d(), self.dims.c);
        let mut x = vec![0f32; s.n * d];
        for t in 0..s.n {
            let row = &mut x[t * d..(t + 1) * d];
            row[..st].copy_from_slice(&s.x[t * st..(t + 1) * st]);
            let scale = 1.0 / s.grams[t].len() as f32;
            for &g in &s.grams[t] {
                axpy(
                    scale,
                    &self.chars[g as usize * c..(g as usize + 1) * c],
                    &mut row[st..],
                );
            }
        }
        x
    }

    /// Emission scores (`n × L`) and what back-propagation needs.
    fn forward(&self, s: &SentenceInput, masks: Option<(&[f32], &[f32])>) -> Forward {
        let (d, h, o) = (self.dims.d(), self.dims.h, self.dims.o());
        let lay = self.dims.layout();
        let n = s.n;
        let mut x = self.inputs(s);
        if let Some((mx, _)) = masks {
            x.iter_mut().zip(mx).for_each(|(a, m)| *a *= m);
        }
        let mut fw = LstmCache::default();
        let mut bw = LstmCache::default();
        let p = &self.dense;
        lstm_forward(
            &p[lay.fw_w..lay.fw_b],
            &p[lay.fw_b..lay.bw_w],
            &x,
            n,
            d,
            h,
            false,
            &mut fw,
        );
        lstm_forward(
            &p[lay.bw_w..lay.bw_b],
            &p[lay.bw_b..lay.out_w],
            &x,
            n,
            d,
            h,
            true,
            &mut bw,
        );
        let mut out_in = vec![0f32; n * o];
        for t in 0..n {
            let row = &mut out_in[t * o..(t + 1) * o];
            row[..h].copy_from_slice(&fw.h[t * h..(t + 1) * h]);
            row[h..2 * h].copy_from_slice(&bw.h[t * h..(t + 1) * h]);
            if let Some((_, mh)) = masks {
                for k in 0..2 * h {
                    row[k] *= mh[t * 2 * h + k];
                }
            }
            row[2 * h..].copy_from_slice(&x[t * d..(t + 1) * d]);
        }
        let mut e = vec![0f32; n * L];
        for t in 0..n {
            for y in 0..L {
                e[t * L + y] = p[lay.out_b + y]
                    + dot(
                        &p[lay.out_w + y * o..lay.out_w + (y + 1) * o],
                        &out_in[t * o..(t + 1) * o],
                    );
            }
        }
        Forward { fw, bw, out_in, e }
    }

    /// Label indices of a sentence.
    pub fn tag(&self, s: &SentenceInput) -> Vec<usize> {
        if s.n == 0 {
            return Vec::new();
        }
        let f = self.forward(s, None);
        let lay = self.dims.layout();
        let mut trans = [0f32; L * L];
        trans.copy_from_slice(&self.dense[lay.trans..lay.trans + L * L]);
        let mut start = [0f32; L];
        start.copy_from_slice(&self.dense[lay.start..lay.start + L]);
        viterbi(s.n, &f.e, &trans, &start)
    }

    /// Loss of one sentence; its gradient is added to `g`.
    fn backprop(&self, s: &SentenceInput, gold: &[usize], dropout: f32, rng: u64, g: &mut Grad) {
        let n = s.n;
        if n == 0 {
            return;
        }
        let (d, h, o, c, st) = (
            self.dims.d(),
            self.dims.h,
            self.dims.o(),
            self.dims.c,
            self.dims.s(),
        );
        let lay = self.dims.layout();
        let mut rng = rng;
        let mx = dropout_mask(n * d, dropout, &mut rng);
        let mh = dropout_mask(n * 2 * h, dropout, &mut rng);
        let f = self.forward(s, Some((&mx, &mh)));
        let p = &self.dense;
        let mut de = vec![0f32; n * L];
        let (dt, rest) = g.dense[lay.trans..].split_at_mut(L * L);
        g.loss += f64::from(crf_loss(
            &f.e,
            gold,
            &p[lay.trans..lay.trans + L * L],
            &p[lay.start..lay.start + L],
            &mut de,
            dt,
            &mut rest[..L],
        ));
        // Output layer.
        let mut d_out_in = vec![0f32; n * o];
        for t in 0..n {
            for y in 0..L {
                let z = de[t * L + y];
                g.dense[lay.out_b + y] += z;
                axpy(
                    z,
                    &f.out_in[t * o..(t + 1) * o],
                    &mut g.dense[lay.out_w + y * o..lay.out_w + (y + 1) * o],
                );
                axpy(
                    z,
                    &p[lay.out_w + y * o..lay.out_w + (y + 1) * o],
                    &mut d_out_in[t * o..(t + 1) * o],
                );
            }
        }
        let mut dhf = vec![0f32; n * h];
        let mut dhb = vec![0f32; n * h];
        let mut dx = vec![0f32; n * d];
        for t in 0..n {
            let row = &d_out_in[t * o..(t + 1) * o];
            for k in 0..h {
                dhf[t * h + k] = row[k] * mh[t * 2 * h + k];
                dhb[t * h + k] = row[h + k] * mh[t * 2 * h + h + k];
            }
            axpy(1.0, &row[2 * h..], &mut dx[t * d..(t + 1) * d]);
        }
        {
            let (lo, hi) = g.dense.split_at_mut(lay.fw_b);
            lstm_backward(
                &p[lay.fw_w..lay.fw_b],
                n,
                d,
                h,
                false,
                &f.fw,
                &dhf,
                &mut lo[lay.fw_w..],
                &mut hi[..4 * h],
                &mut dx,
            );
        }
        {
            let (lo, hi) = g.dense.split_at_mut(lay.bw_b);
            lstm_backward(
                &p[lay.bw_w..lay.bw_b],
                n,
                d,
                h,
                true,
                &f.bw,
                &dhb,
                &mut lo[lay.bw_w..],
                &mut hi[..4 * h],
                &mut dx,
            );
        }
        // Through the input dropout to the character embeddings.
        for t in 0..n {
            let scale = 1.0 / s.grams[t].len() as f32;
            let dxc: Vec<f32> = (st..d).map(|k| dx[t * d + k] * mx[t * d + k]).collect();
            for &gram in &s.grams[t] {
                let next = g.char_vals.len();
                let at = *g.char_rows.entry(gram).or_insert(next);
                if at == next {
                    g.char_vals.resize(next + c, 0.0);
                }
                axpy(scale, &dxc, &mut g.char_vals[at..at + c]);
            }
        }
    }

    /// Serialized network (`MNN1`, little-endian): magic, 4 × u32 sizes (vector,
    /// character, buckets, hidden), u32 dense count, dense f32s, character f32s.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = b"MNN1".to_vec();
        for v in [
            self.dims.v,
            self.dims.c,
            self.dims.buckets,
            self.dims.h,
            self.dense.len(),
        ] {
            out.extend_from_slice(&(v as u32).to_le_bytes());
        }
        for v in self.dense.iter().chain(&self.chars) {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out
    }

    pub fn from_bytes(b: &[u8]) -> io::Result<NeuralTagger> {
        let bad = |why: &str| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("bad neural NER model: {why}"),
            )
        };
        let rest = b.strip_prefix(b"MNN1").ok_or_else(|| bad("not MNN1"))?;
        let u = |i: usize| -> io::Result<usize> {
            Ok(u32::from_le_bytes(
                rest.get(i * 4..i * 4 + 4)
                    .ok_or_else(|| bad("truncated"))?
                    .try_into()
                    .expect("4 bytes"),
            ) as usize)
        };
        let dims = Dims {
            v: u(0)?,
            c: u(1)?,
            buckets: u(2)?,
            h: u(3)?,
        };
        let nd = u(4)?;
        if nd != dims.layout().total || dims.h == 0 || dims.h > 1024 || dims.c > 1024 {
            return Err(bad("sizes do not agree"));
        }
        let floats: Vec<f32> = rest[20..]
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes(c.try_into().expect("4 bytes")))
            .collect();
        if floats.len() != nd + dims.buckets * dims.c {
            return Err(bad("truncated"));
        }
        let chars = floats[nd..].to_vec();
        let mut dense = floats;
        dense.truncate(nd);
        Ok(NeuralTagger { dims, dense, chars })
    }

    /// Character hash buckets (inputs must be built with the same number).
    pub fn char_buckets(&self) -> usize {
        self.dims.buckets
    }
}

struct Forward {
    fw: LstmCache,
    bw: LstmCache,
    out_in: Vec<f32>,
    e: Vec<f32>,
}

/// Adam state.
struct Adam {
    m: Vec<f32>,
    v: Vec<f32>,
    cm: Vec<f32>,
    cv: Vec<f32>,
    /// Updates so far (for bias correction).
    step: u32,
}

/// Train the network. `inputs[i]` and `gold[i]` are one sentence; `dev`, if given,
/// is scored after every epoch through `report(epoch, loss, dev tags)`.
pub fn train(
    inputs: &[SentenceInput],
    gold: &[Vec<usize>],
    vec_dim: usize,
    cfg: &NeuralConfig,
    dev: Option<&[SentenceInput]>,
    mut report: impl FnMut(usize, f64, Option<Vec<Vec<usize>>>),
) -> NeuralTagger {
    let dims = Dims {
        v: vec_dim,
        c: cfg.char_dim,
        buckets: cfg.char_buckets,
        h: cfg.hidden,
    };
    let mut net = NeuralTagger::new(dims, cfg.seed);
    let total = dims.layout().total;
    let mut adam = Adam {
        m: vec![0.0; total],
        v: vec![0.0; total],
        cm: vec![0.0; net.chars.len()],
        cv: vec![0.0; net.chars.len()],
        step: 0,
    };
    let (b1, b2, eps) = (0.9f32, 0.999f32, 1e-8f32);
    let mut order: Vec<usize> = (0..inputs.len()).collect();
    let mut rng = cfg.seed | 1;
    for epoch in 0..cfg.epochs {
        crate::perceptron::shuffle(&mut order, &mut rng);
        let mut loss = 0f64;
        for batch in order.chunks(cfg.batch.max(1)) {
            // Two fixed halves, whatever the thread count: the sums stay the same.
            let part = batch.len().div_ceil(2);
            let parts: Vec<Grad> = batch
                .par_chunks(part)
                .map(|c| {
                    let mut g = Grad::new(total);
                    for &i in c {
                        let seed = cfg.seed ^ ((epoch as u64) << 40) ^ (i as u64);
                        let mut st = seed;
                        let r = splitmix(&mut st);
                        net.backprop(&inputs[i], &gold[i], cfg.dropout, r, &mut g);
                    }
                    g
                })
                .collect();
            // Sum the parts in order (deterministic), then average over the batch.
            let mut dense = vec![0f32; total];
            let mut rows: Vec<(u32, Vec<f32>)> = Vec::new();
            let mut row_at: HashMap<u32, usize> = HashMap::new();
            for g in &parts {
                loss += g.loss;
                axpy(1.0, &g.dense, &mut dense);
                let mut touched: Vec<(&u32, &usize)> = g.char_rows.iter().collect();
                touched.sort();
                for (&r, &at) in touched {
                    let vals = &g.char_vals[at..at + dims.c];
                    match row_at.get(&r) {
                        Some(&k) => axpy(1.0, vals, &mut rows[k].1),
                        None => {
                            row_at.insert(r, rows.len());
                            rows.push((r, vals.to_vec()));
                        }
                    }
                }
            }
            let scale = 1.0 / batch.len() as f32;
            let mut norm2 = 0f64;
            for v in dense.iter_mut() {
                *v *= scale;
                norm2 += f64::from(*v * *v);
            }
            for (_, vals) in rows.iter_mut() {
                for v in vals.iter_mut() {
                    *v *= scale;
                    norm2 += f64::from(*v * *v);
                }
            }
            let clip = {
                let n = norm2.sqrt() as f32;
                if n > cfg.clip {
                    cfg.clip / n
                } else {
                    1.0
                }
            };
            adam.step += 1;
            let t = adam.step as i32;
            let lr = cfg.lr * (1.0 - b2.powi(t)).sqrt() / (1.0 - b1.powi(t));
            for (k, gv) in dense.iter().enumerate() {
                let gv = gv * clip;
                adam.m[k] = b1 * adam.m[k] + (1.0 - b1) * gv;
                adam.v[k] = b2 * adam.v[k] + (1.0 - b2) * gv * gv;
                net.dense[k] -= lr * adam.m[k] / (adam.v[k].sqrt() + eps);
            }
            // Lazy Adam on the character table: only rows in this batch move.
            for (r, vals) in &rows {
                let base = *r as usize * dims.c;
                for (j, gv) in vals.iter().enumerate() {
                    let k = base + j;
                    let gv = gv * clip;
                    adam.cm[k] = b1 * adam.cm[k] + (1.0 - b1) * gv;
                    adam.cv[k] = b2 * adam.cv[k] + (1.0 - b2) * gv * gv;
                    net.chars[k] -= lr * adam.cm[k] / (adam.cv[k].sqrt() + eps);
                }
            }
        }
        let dev_tags = dev.map(|d| d.par_iter().map(|s| net.tag(s)).collect());
        report(epoch + 1, loss / inputs.len().max(1) as f64, dev_tags);
    }
    net
}

/// Label strings of label indices.
pub fn label_names(tags: &[usize]) -> Vec<String> {
    tags.iter().map(|&y| LABELS[y].to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy_input(n: usize, seed: u64) -> SentenceInput {
        let dims_s = 4 + FLAGS;
        let mut rng = seed;
        let x = (0..n * dims_s)
            .map(|_| (splitmix(&mut rng) >> 40) as f32 / (1u64 << 24) as f32 - 0.5)
            .collect();
        let grams = (0..n)
            .map(|_| {
                vec![
                    (splitmix(&mut rng) % 8) as u32,
                    (splitmix(&mut rng) % 8) as u32,
                ]
            })
            .collect();
        SentenceInput { n, x, grams }
    }

    /// The analytic gradient equals finite differences of the loss.
    #[test]
    fn gradients_match_finite_differences() {
        let dims = Dims {
            v: 4,
            c: 3,
            buckets: 8,
            h: 3,
        };
        let mut net = NeuralTagger::new(dims, 7);
        let s = toy_input(5, 3);
        let gold = vec![1, 2, 0, 5, 6];
        let loss = |net: &NeuralTagger| {
            let mut g = Grad::new(dims.layout().total);
            net.backprop(&s, &gold, 0.0, 1, &mut g);
            g.loss
        };
        let mut g = Grad::new(dims.layout().total);
        net.backprop(&s, &gold, 0.0, 1, &mut g);
        let lay = dims.layout();
        let eps = 1e-2f32;
        let mut checked = 0;
        for k in (0..lay.total).step_by(7) {
            // Masked transitions have no gradient that matters.
            let orig = net.dense[k];
            net.dense[k] = orig + eps;
            let up = loss(&net);
            net.dense[k] = orig - eps;
            let down = loss(&net);
            net.dense[k] = orig;
            let numeric = (up - down) / (2.0 * f64::from(eps));
            if k >= lay.trans && k < lay.start + L {
                let (tm, sm) = iob_masks();
                let masked = if k < lay.start {
                    tm[k - lay.trans] != 0.0
                } else {
                    sm[k - lay.start] != 0.0
                };
                if masked {
                    continue;
                }
            }
            let analytic = f64::from(g.dense[k]);
            assert!(
                (numeric - analytic).abs() < 2e-2 * (1.0 + numeric.abs()),
                "param {k}: numeric {numeric} analytic {analytic}"
            );
            checked += 1;
        }
        assert!(checked > 50);
        // Character rows.
        let (&row, &at) = g.char_rows.iter().next().expect("touched row");
        let k = row as usize * dims.c;
        let orig = net.chars[k];
        net.chars[k] = orig + eps;
        let up = loss(&net);
        net.chars[k] = orig - eps;
        let down = loss(&net);
        net.chars[k] = orig;
        let numeric = (up - down) / (2.0 * f64::from(eps));
        let analytic = f64::from(g.char_vals[at]);
        assert!((numeric - analytic).abs() < 2e-2 * (1.0 + numeric.abs()));
    }

    /// A few sentences are learned, and the model round-trips through bytes.
    #[test]
    fn learns_toy_sentences_and_round_trips() {
        let inputs: Vec<SentenceInput> = (0..6).map(|i| toy_input(6, 100 + i)).collect();
        let gold: Vec<Vec<usize>> = (0..6)
            .map(|i| vec![0, 1, 2, 0, if i % 2 == 0 { 3 } else { 5 }, 0])
            .collect();
        let cfg = NeuralConfig {
            hidden: 8,
            char_dim: 4,
            char_buckets: 8,
            epochs: 60,
            batch: 2,
            dropout: 0.0,
            lr: 0.01,
            ..Default::default()
        };
        let net = train(&inputs, &gold, 4, &cfg, None, |_, _, _| {});
        for (s, g) in inputs.iter().zip(&gold) {
            assert_eq!(&net.tag(s), g);
        }
        let back = NeuralTagger::from_bytes(&net.to_bytes()).expect("round trip");
        assert_eq!(back.to_bytes(), net.to_bytes());
        assert_eq!(back.tag(&inputs[0]), gold[0]);
    }
}
