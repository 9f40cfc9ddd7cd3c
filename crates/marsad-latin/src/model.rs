//! The learned character-level romanizer.
//!
//! Training ([`train`]):
//! 1. **Alignment.** EM (forward–backward) over a many-to-many alignment lattice in which
//!    every Arabic letter emits a Latin chunk of 0..=[`MAX_CHUNK`] characters; parameters
//!    are `p(chunk | letter)`. The Viterbi alignment of every training pair under the final
//!    parameters gives one chunk per Arabic letter.
//! 2. **Context classifier.** Counts of `chunk` given Arabic letter windows around the
//!    letter (a chain of windows from the letter alone out to ±2 letters, [`Config::windows`]),
//!    smoothed by Witten–Bell interpolation down the chain.
//!    Optionally ([`Config::prev_chunk`]) one more level conditions on letters -1..=+1 and
//!    the previous output chunk (a joint-sequence/graphone bigram), interpolated the same way.
//! 3. **Latin language model.** A character n-gram model ([`Config::lm_order`]) over the
//!    training romanizations, Witten–Bell smoothed.
//!
//! Decoding is a beam search over the letters, scoring each chunk by
//! `log p_cls(chunk) + λ·log p_lm(chunk's characters) + β·|chunk|`, with hypotheses that
//! share a language-model state (and previous chunk) recombined. The shipped
//! configuration and why: `build-latin.rs` (`shipped_config`) and `EVAL.md`. Everything is integer counts in ordered maps,
//! so the same training pairs always give the same model bytes.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

/// Longest Latin chunk one Arabic letter may emit.
pub const MAX_CHUNK: usize = 3;
/// Arabic symbol for "outside the word".
const AR_PAD: u8 = 0;
/// Arabic symbol for a letter outside the model alphabet.
const AR_UNK: u8 = 1;
/// Latin symbols: 0 is the word boundary, 1..=26 are `a..=z`, 27 is `'`.
pub const LAT_SIZE: usize = 28;
const MAGIC: &[u8; 8] = b"MLATIN01";

// ------------------------------------------------------------------ alphabets

/// Canonical Arabic letter for the model and the dictionary keys, or `None` for characters
/// that carry no letter (harakat, tatweel, marks). Hamza forms, alef maqsura and taa
/// marbuta are kept distinct; Persian/Urdu variants of Arabic letters are mapped to them.
pub fn canon_arabic(c: char) -> Option<char> {
    if marsad_text::chars::is_arabic_word_mark(c) || marsad_text::chars::is_invisible(c) {
        return None;
    }
    Some(match c {
        'ٱ' | 'ٲ' | 'ٳ' => 'ا',
        'ک' | 'ڪ' => 'ك',
        'ی' | 'ې' | 'ۍ' | 'ے' | 'ۓ' => 'ي',
        'ە' | 'ہ' | 'ھ' => 'ه',
        'ۀ' => 'ة',
        'ڥ' => 'ڤ',
        'ڨ' | 'ګ' => 'گ',
        'ٹ' => 'ت',
        'ڈ' => 'د',
        'ڑ' => 'ر',
        _ => c,
    })
}

/// Model symbol of a canonical Arabic letter.
fn ar_symbol(c: char) -> u8 {
    match c {
        '\u{0621}'..='\u{063A}' => 2 + (c as u32 - 0x621) as u8,
        '\u{0641}'..='\u{064A}' => 28 + (c as u32 - 0x641) as u8,
        'پ' => 38,
        'چ' => 39,
        'ڤ' => 40,
        'گ' => 41,
        'ژ' => 42,
        _ => AR_UNK,
    }
}

/// Is `c` a letter the model reads (after [`canon_arabic`])?
pub fn is_model_letter(c: char) -> bool {
    marsad_text::chars::is_arabic_letter(c)
}

/// Model symbols of an Arabic word (letters only; callers pass letter runs).
pub fn arabic_symbols(word: &str) -> Vec<u8> {
    word.chars()
        .filter_map(canon_arabic)
        .filter(|&c| is_model_letter(c))
        .map(ar_symbol)
        .collect()
}

fn lat_symbol(c: char) -> Option<u8> {
    match c {
        'a'..='z' => Some(c as u8 - b'a' + 1),
        '\'' => Some(27),
        _ => None,
    }
}

fn lat_char(s: u8) -> char {
    match s {
        1..=26 => (b'a' + s - 1) as char,
        27 => '\'',
        _ => '?',
    }
}

/// Folds a Latin romanization to the model alphabet (`a-z` and `'`): lower case, accents
/// removed (`é` → e, `ø` → o, `ß` → ss ...), other characters dropped.
pub fn fold_latin(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(s.len());
    for c in s.to_lowercase().nfd() {
        match c {
            'a'..='z' | '\'' => out.push(c),
            'ı' => out.push('i'),
            'ø' => out.push('o'),
            'ł' => out.push('l'),
            'đ' | 'ð' => out.push('d'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'þ' => out.push_str("th"),
            'ʼ' | 'ʻ' | '’' | '`' => out.push('\''),
            _ => {}
        }
    }
    out
}

/// Latin symbols of a folded romanization.
pub fn latin_symbols(s: &str) -> Vec<u8> {
    s.chars().filter_map(lat_symbol).collect()
}

// ------------------------------------------------------------------ chunks

/// A chunk of 0..=3 Latin symbols packed as `1 << 5·len | symbols` (fits in u16).
type Chunk = u16;

fn chunk_code(syms: &[u8]) -> Chunk {
    let mut code: u32 = 1;
    for &s in syms {
        code = (code << 5) | s as u32;
    }
    code as Chunk
}

fn chunk_syms(code: Chunk, out: &mut Vec<u8>) {
    let mut code = code as u32;
    let mut tmp = [0u8; MAX_CHUNK];
    let mut n = 0;
    while code > 1 && n < MAX_CHUNK {
        tmp[n] = (code & 31) as u8;
        code >>= 5;
        n += 1;
    }
    for i in (0..n).rev() {
        out.push(tmp[i]);
    }
}

/// A chunk code of 0..=MAX_CHUNK symbols, each a Latin letter or `'`.
fn valid_chunk(code: u64) -> bool {
    if code == 0 || code >= CHUNK_SPACE as u64 {
        return false;
    }
    let mut c = code;
    while c > 1 {
        if c < 32 {
            return false; // leftover bits that are not a whole symbol under the marker
        }
        let s = c & 31;
        if s == 0 || s as usize >= LAT_SIZE {
            return false;
        }
        c >>= 5;
    }
    c == 1
}

const CHUNK_SPACE: usize = 1 << (5 * MAX_CHUNK + 1);
const AR_SPACE: usize = 64;

// ------------------------------------------------------------------ config

/// Model hyper-parameters (stored in the model file).
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Arabic context windows `(lo, hi)` relative to the letter, from general to specific.
    /// The first must be `(0, 0)`.
    pub windows: Vec<(i8, i8)>,
    /// Order of the Latin character n-gram model (2..=6).
    pub lm_order: u8,
    /// EM iterations for the alignment.
    pub em_iters: u8,
    /// Weight of the language model.
    pub lm_weight: f32,
    /// Bonus per Latin character (counteracts the LM's preference for short output).
    pub char_bonus: f32,
    /// Beam width.
    pub beam: u16,
    /// Candidate chunks kept per letter.
    pub max_cands: u16,
    /// Chunks rarer than this share of a letter's alignments are never proposed for it.
    pub min_share: f32,
    /// ... and chunks seen fewer times than this with the letter.
    pub min_count: u16,
    /// Also condition on the previous chunk (with letters -1..=+1): a joint-sequence
    /// (graphone) bigram on top of the window chain.
    pub prev_chunk: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            windows: vec![(0, 0), (0, 1), (-1, 1), (-1, 2), (-2, 2)],
            lm_order: 5,
            em_iters: 8,
            lm_weight: 0.5,
            char_bonus: 0.0,
            beam: 8,
            max_cands: 12,
            min_share: 0.0005,
            min_count: 1,
            prev_chunk: false,
        }
    }
}

// ------------------------------------------------------------------ training

/// One training pair: an Arabic word and its romanization (any case, accents allowed).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pair {
    pub arabic: String,
    pub latin: String,
}

struct Sample {
    ar: Vec<u8>,
    lat: Vec<u8>,
}

fn samples(pairs: &[Pair]) -> Vec<Sample> {
    pairs
        .iter()
        .filter_map(|p| {
            let ar = arabic_symbols(&p.arabic);
            let lat = latin_symbols(&fold_latin(&p.latin));
            let ok = !ar.is_empty() && !lat.is_empty() && lat.len() <= MAX_CHUNK * ar.len();
            ok.then_some(Sample { ar, lat })
        })
        .collect()
}

/// EM alignment; returns one chunk per Arabic letter for every sample.
fn align(samples: &[Sample], iters: u8) -> Vec<Vec<Chunk>> {
    let mut theta = vec![1.0f64; AR_SPACE * CHUNK_SPACE];
    let mut counts = vec![0.0f64; AR_SPACE * CHUNK_SPACE];
    let mut alpha: Vec<f64> = Vec::new();
    let mut beta: Vec<f64> = Vec::new();
    let mut codes: Vec<Chunk> = Vec::new();
    for _ in 0..iters {
        counts.iter_mut().for_each(|c| *c = 0.0);
        for s in samples {
            let (n, m) = (s.ar.len(), s.lat.len());
            let w = m + 1;
            // codes[j * (MAX_CHUNK+1) + k] = chunk ending at j of length k
            codes.clear();
            for j in 0..=m {
                for k in 0..=MAX_CHUNK {
                    codes.push(if k <= j {
                        chunk_code(&s.lat[j - k..j])
                    } else {
                        0
                    });
                }
            }
            let code = |j: usize, k: usize| codes[j * (MAX_CHUNK + 1) + k] as usize;
            alpha.clear();
            alpha.resize((n + 1) * w, 0.0);
            beta.clear();
            beta.resize((n + 1) * w, 0.0);
            alpha[0] = 1.0;
            for i in 1..=n {
                let a = s.ar[i - 1] as usize * CHUNK_SPACE;
                for j in 0..=m {
                    let mut sum = 0.0;
                    for k in 0..=MAX_CHUNK.min(j) {
                        sum += alpha[(i - 1) * w + j - k] * theta[a + code(j, k)];
                    }
                    alpha[i * w + j] = sum;
                }
            }
            let z = alpha[n * w + m];
            if z <= 0.0 || !z.is_finite() {
                continue;
            }
            beta[n * w + m] = 1.0;
            for i in (0..n).rev() {
                let a = s.ar[i] as usize * CHUNK_SPACE;
                for j in 0..=m {
                    let mut sum = 0.0;
                    for k in 0..=MAX_CHUNK.min(m - j) {
                        sum += theta[a + code(j + k, k)] * beta[(i + 1) * w + j + k];
                    }
                    beta[i * w + j] = sum;
                }
            }
            for i in 1..=n {
                let a = s.ar[i - 1] as usize * CHUNK_SPACE;
                for j in 0..=m {
                    let b = beta[i * w + j];
                    if b == 0.0 {
                        continue;
                    }
                    for k in 0..=MAX_CHUNK.min(j) {
                        let c = code(j, k);
                        let g = alpha[(i - 1) * w + j - k] * theta[a + c] * b / z;
                        counts[a + c] += g;
                    }
                }
            }
        }
        for a in 0..AR_SPACE {
            let row = &counts[a * CHUNK_SPACE..(a + 1) * CHUNK_SPACE];
            let total: f64 = row.iter().sum();
            let trow = &mut theta[a * CHUNK_SPACE..(a + 1) * CHUNK_SPACE];
            if total > 0.0 {
                for (t, c) in trow.iter_mut().zip(row) {
                    *t = c / total;
                }
            }
        }
    }
    // Viterbi.
    samples
        .iter()
        .map(|s| {
            let (n, m) = (s.ar.len(), s.lat.len());
            let w = m + 1;
            let mut best = vec![f64::NEG_INFINITY; (n + 1) * w];
            let mut back = vec![0u8; (n + 1) * w];
            best[0] = 0.0;
            for i in 1..=n {
                let a = s.ar[i - 1] as usize * CHUNK_SPACE;
                for j in 0..=m {
                    for k in 0..=MAX_CHUNK.min(j) {
                        let p = theta[a + chunk_code(&s.lat[j - k..j]) as usize];
                        if p <= 0.0 {
                            continue;
                        }
                        let v = best[(i - 1) * w + j - k] + p.ln();
                        if v > best[i * w + j] {
                            best[i * w + j] = v;
                            back[i * w + j] = k as u8;
                        }
                    }
                }
            }
            if !best[n * w + m].is_finite() {
                return Vec::new();
            }
            let mut out = vec![0; n];
            let mut j = m;
            for i in (1..=n).rev() {
                let k = back[i * w + j] as usize;
                out[i - 1] = chunk_code(&s.lat[j - k..j]);
                j -= k;
            }
            out
        })
        .collect()
}

/// Key of an Arabic context window: level in the top byte, letters 6 bits each.
fn window_key(level: usize, padded: &[u8], center: usize, (lo, hi): (i8, i8)) -> u64 {
    let mut key = (level as u64) << 56;
    for d in lo..=hi {
        let idx = center as isize + d as isize;
        key = (key & (0xFFu64 << 56))
            | ((key & ((1u64 << 56) - 1)) << 6)
            | padded[idx as usize] as u64;
    }
    key
}

const PAD_WIDTH: usize = 4;
/// Level tag of the previous-chunk contexts.
const PREV_LEVEL: u64 = 0xFE;

/// Key of a previous-chunk context: letters -1..=+1 and the previous chunk (0 at the start).
fn prev_key(padded: &[u8], center: usize, prev: Chunk) -> u64 {
    let w = window_key(0, padded, center, (-1, 1));
    (PREV_LEVEL << 56) | (w << 16) | prev as u64
}

fn padded(ar: &[u8]) -> Vec<u8> {
    let mut p = vec![AR_PAD; ar.len() + 2 * PAD_WIDTH];
    p[PAD_WIDTH..PAD_WIDTH + ar.len()].copy_from_slice(ar);
    p
}

/// LM context key: symbols 5 bits each under a leading 1 bit.
fn lm_push(ctx: u32, sym: u8, order: u8) -> u32 {
    let keep = (order - 1) as u32;
    let len = (31 - ctx.leading_zeros()) / 5;
    let body = ctx & ((1u32 << (5 * len)) - 1);
    let body = (body << 5) | sym as u32;
    let len = (len + 1).min(keep);
    (1u32 << (5 * len)) | (body & ((1u32 << (5 * len)) - 1))
}

fn lm_shorten(ctx: u32) -> u32 {
    let len = (31 - ctx.leading_zeros()) / 5;
    if len == 0 {
        return 1;
    }
    let len = len - 1;
    (1u32 << (5 * len)) | (ctx & ((1u32 << (5 * len)) - 1))
}

fn lm_start(order: u8) -> u32 {
    let mut ctx = 1;
    for _ in 1..order {
        ctx = lm_push(ctx, 0, order);
    }
    ctx
}

/// Trains a model on `pairs` (order does not matter: they are sorted; a pair given twice
/// counts twice).
pub fn train(pairs: &[Pair], config: &Config) -> Model {
    let mut pairs = pairs.to_vec();
    pairs.sort();
    let samples = samples(&pairs);
    let alignments = align(&samples, config.em_iters);
    let mut cls: BTreeMap<u64, BTreeMap<Chunk, u32>> = BTreeMap::new();
    let mut lm: BTreeMap<u32, BTreeMap<u8, u32>> = BTreeMap::new();
    for (s, al) in samples.iter().zip(&alignments) {
        if al.len() != s.ar.len() {
            continue;
        }
        let p = padded(&s.ar);
        for (i, &chunk) in al.iter().enumerate() {
            for (level, &win) in config.windows.iter().enumerate() {
                let key = window_key(level, &p, i + PAD_WIDTH, win);
                *cls.entry(key).or_default().entry(chunk).or_default() += 1;
            }
            if config.prev_chunk {
                let prev = if i == 0 { 0 } else { al[i - 1] };
                let key = prev_key(&p, i + PAD_WIDTH, prev);
                *cls.entry(key).or_default().entry(chunk).or_default() += 1;
            }
        }
        let mut ctx = lm_start(config.lm_order);
        for &sym in s.lat.iter().chain(std::iter::once(&0)) {
            let mut c = ctx;
            loop {
                *lm.entry(c).or_default().entry(sym).or_default() += 1;
                if c == 1 {
                    break;
                }
                c = lm_shorten(c);
            }
            ctx = lm_push(ctx, sym, config.lm_order);
        }
    }
    let mut bytes = Vec::new();
    bytes.extend_from_slice(MAGIC);
    write_config(&mut bytes, config);
    put_varint(&mut bytes, cls.len() as u64);
    let mut prev = 0u64;
    for (key, entries) in &cls {
        put_varint(&mut bytes, key - prev);
        prev = *key;
        put_varint(&mut bytes, entries.len() as u64);
        for (&chunk, &count) in entries {
            put_varint(&mut bytes, chunk as u64);
            put_varint(&mut bytes, count as u64);
        }
    }
    put_varint(&mut bytes, lm.len() as u64);
    let mut prev = 0u32;
    for (ctx, entries) in &lm {
        put_varint(&mut bytes, (ctx - prev) as u64);
        prev = *ctx;
        put_varint(&mut bytes, entries.len() as u64);
        for (&sym, &count) in entries {
            bytes.push(sym);
            put_varint(&mut bytes, count as u64);
        }
    }
    Model::from_bytes(&bytes).expect("freshly written model parses")
}

// ------------------------------------------------------------------ serialization

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7F) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, String> {
        let v = *self.b.get(self.pos).ok_or("model file truncated")?;
        self.pos += 1;
        Ok(v)
    }
    fn varint(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= ((b & 0x7F) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("bad varint".into())
    }
    fn f32(&mut self) -> Result<f32, String> {
        let mut a = [0u8; 4];
        for x in &mut a {
            *x = self.byte()?;
        }
        Ok(f32::from_le_bytes(a))
    }
}

fn write_config(out: &mut Vec<u8>, c: &Config) {
    out.push(c.windows.len() as u8);
    for &(lo, hi) in &c.windows {
        out.push(lo as u8);
        out.push(hi as u8);
    }
    out.push(c.lm_order);
    out.push(c.em_iters);
    out.extend_from_slice(&c.lm_weight.to_le_bytes());
    out.extend_from_slice(&c.char_bonus.to_le_bytes());
    put_varint(out, c.beam as u64);
    put_varint(out, c.max_cands as u64);
    out.extend_from_slice(&c.min_share.to_le_bytes());
    put_varint(out, c.min_count as u64);
    out.push(u8::from(c.prev_chunk));
}

fn read_config(r: &mut Reader) -> Result<Config, String> {
    let n = r.byte()? as usize;
    let mut windows = Vec::with_capacity(n);
    for _ in 0..n {
        let lo = r.byte()? as i8;
        let hi = r.byte()? as i8;
        if lo > 0 || hi < 0 || lo < -(PAD_WIDTH as i8) || hi > PAD_WIDTH as i8 || hi - lo > 8 {
            return Err("bad window".into());
        }
        windows.push((lo, hi));
    }
    if windows.first() != Some(&(0, 0)) {
        return Err("first window must be (0, 0)".into());
    }
    let lm_order = r.byte()?;
    if !(1..=6).contains(&lm_order) {
        return Err("bad LM order".into());
    }
    Ok(Config {
        windows,
        lm_order,
        em_iters: r.byte()?,
        lm_weight: r.f32()?,
        char_bonus: r.f32()?,
        beam: r.varint()?.clamp(1, 1000) as u16,
        max_cands: r.varint()?.clamp(1, 1000) as u16,
        min_share: r.f32()?,
        min_count: r.varint()?.clamp(1, 1000) as u16,
        prev_chunk: r.byte()? != 0,
    })
}

// ------------------------------------------------------------------ model

#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x100000001b3);
        }
    }
    fn write_u32(&mut self, v: u32) {
        self.0 = (v as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (v ^ (v >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// A trained model (see the module documentation).
pub struct Model {
    /// Unique per loaded model (keys the per-thread memo of romanizations).
    id: u64,
    config: Config,
    bytes: Vec<u8>,
    /// Classifier contexts: key → range in `entries`.
    cls: FastMap<u64, (u32, u32)>,
    /// (chunk, count), grouped per context and sorted by chunk.
    entries: Vec<(Chunk, u32)>,
    /// LM context → row index into `lm_rows` (LAT_SIZE log-probabilities per row).
    lm_index: FastMap<u32, u32>,
    lm_rows: Vec<f32>,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("config", &self.config)
            .field("bytes", &self.bytes.len())
            .field("contexts", &self.cls.len())
            .field("lm_contexts", &self.lm_index.len())
            .finish()
    }
}

struct Hyp {
    score: f32,
    ctx: u32,
    back: u32,
    last: Chunk,
    /// Target symbols spelled so far (forced decoding).
    pos: u32,
}

impl Model {
    /// Parses a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        let mut r = Reader { b: bytes, pos: 0 };
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err("not a marsad-latin model".into());
        }
        r.pos = MAGIC.len();
        let config = read_config(&mut r)?;
        let n = r.varint()? as usize;
        let mut cls = FastMap::default();
        cls.reserve(n.min(1 << 22));
        let mut entries = Vec::new();
        let mut key = 0u64;
        for _ in 0..n {
            key = key.wrapping_add(r.varint()?);
            let k = r.varint()? as usize;
            let start = entries.len();
            for _ in 0..k.min(1 << 16) {
                let chunk = r.varint()?;
                if !valid_chunk(chunk) {
                    return Err("bad chunk in model file".into());
                }
                let chunk = chunk as Chunk;
                let count = r.varint()? as u32;
                entries.push((chunk, count.max(1)));
            }
            entries[start..].sort_unstable_by_key(|e| e.0);
            cls.insert(key, (start as u32, entries.len() as u32));
        }
        // LM: raw counts per context, then Witten–Bell rows by increasing context length.
        let n = r.varint()? as usize;
        let mut raw: Vec<(u32, Vec<(u8, u32)>)> = Vec::with_capacity(n.min(1 << 22));
        let mut ctx = 0u32;
        for _ in 0..n {
            ctx = ctx.wrapping_add(r.varint()? as u32);
            let k = r.varint()? as usize;
            let mut row = Vec::with_capacity(k.min(LAT_SIZE));
            for _ in 0..k.min(1 << 8) {
                let sym = r.byte()?;
                let count = r.varint()? as u32;
                if (sym as usize) < LAT_SIZE {
                    row.push((sym, count));
                }
            }
            raw.push((ctx, row));
        }
        raw.sort_by_key(|(c, _)| (31 - c.max(&1).leading_zeros(), *c));
        let mut lm_index = FastMap::default();
        lm_index.reserve(raw.len());
        let mut lm_rows: Vec<f32> = Vec::with_capacity(raw.len() * LAT_SIZE);
        // Row 0: empty context, add-one smoothed (also the fallback when the LM is empty).
        let mut probs = [0f64; LAT_SIZE];
        let base = raw
            .iter()
            .find(|(c, _)| *c == 1)
            .map(|(_, r)| r.as_slice())
            .unwrap_or(&[]);
        let total: u64 = base.iter().map(|&(_, c)| c as u64).sum();
        for p in probs.iter_mut() {
            *p = 1.0 / (total as f64 + LAT_SIZE as f64);
        }
        for &(s, c) in base {
            probs[s as usize] = (c as f64 + 1.0) / (total as f64 + LAT_SIZE as f64);
        }
        // Rows are built as probabilities (parents are read back), then turned into logs.
        lm_rows.extend(probs.iter().map(|&p| p as f32));
        lm_index.insert(1u32, 0u32);
        for (ctx, row) in &raw {
            if *ctx <= 1 {
                continue;
            }
            let parent = lm_find(&lm_index, lm_shorten(*ctx)) as usize;
            let total: f32 = row.iter().map(|&(_, c)| c as f32).sum();
            let types = row.len() as f32;
            let inv = 1.0 / (total + types);
            let start = lm_rows.len();
            lm_rows.extend_from_within(parent * LAT_SIZE..(parent + 1) * LAT_SIZE);
            let new = &mut lm_rows[start..];
            for p in new.iter_mut() {
                *p *= types * inv;
            }
            for &(s, c) in row {
                new[s as usize] += c as f32 * inv;
            }
            lm_index.insert(*ctx, (start / LAT_SIZE) as u32);
        }
        for p in lm_rows.iter_mut() {
            *p = p.max(1e-30).ln();
        }
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Ok(Model {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            config,
            bytes: bytes.to_vec(),
            cls,
            entries,
            lm_index,
            lm_rows,
        })
    }

    /// The serialized model (what [`Model::from_bytes`] reads).
    pub fn to_bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Overrides the decoding parameters (for tuning; the stored bytes keep the trained ones
    /// unless [`Model::bytes_with_decoding`] is used).
    pub fn set_decoding(
        &mut self,
        lm_weight: f32,
        char_bonus: f32,
        beam: u16,
        max_cands: u16,
        min_share: f32,
    ) {
        self.config.min_share = min_share;
        self.config.lm_weight = lm_weight;
        self.config.char_bonus = char_bonus;
        self.config.beam = beam.max(1);
        self.config.max_cands = max_cands.max(1);
    }

    /// The model bytes with the current decoding parameters written into the header.
    pub fn bytes_with_decoding(&self) -> Vec<u8> {
        let mut r = Reader {
            b: &self.bytes,
            pos: MAGIC.len(),
        };
        read_config(&mut r).expect("own bytes");
        let mut out = Vec::with_capacity(self.bytes.len());
        out.extend_from_slice(MAGIC);
        write_config(&mut out, &self.config);
        out.extend_from_slice(&self.bytes[r.pos..]);
        out
    }

    fn context(&self, key: u64) -> &[(Chunk, u32)] {
        match self.cls.get(&key) {
            Some(&(a, b)) => &self.entries[a as usize..b as usize],
            None => &[],
        }
    }

    #[inline]
    fn lm_row(&self, ctx: u32) -> &[f32] {
        let i = lm_find(&self.lm_index, ctx) as usize;
        &self.lm_rows[i * LAT_SIZE..(i + 1) * LAT_SIZE]
    }

    /// Candidate chunks with classifier log-probabilities for letter `i` of `p` (padded).
    fn candidates(&self, p: &[u8], i: usize, out: &mut Vec<(Chunk, f32)>) {
        out.clear();
        let base = self.context(window_key(0, p, i, (0, 0)));
        if base.is_empty() {
            out.push((chunk_code(&[]), 1.0));
            return;
        }
        let total: f64 = base.iter().map(|e| e.1 as f64).sum();
        // Sorted by chunk, like every context's entries: merge-join per level.
        let min = ((total * self.config.min_share as f64) as u32).max(self.config.min_count as u32);
        let mut probs: Vec<(Chunk, f64)> = base
            .iter()
            .filter(|e| e.1 >= min)
            .map(|&(c, n)| (c, n as f64 / total))
            .collect();
        if probs.is_empty() {
            // A rare letter: every chunk it was seen with is a candidate.
            probs = base.iter().map(|&(c, n)| (c, n as f64 / total)).collect();
        }
        for (level, &win) in self.config.windows.iter().enumerate().skip(1) {
            let ctx = self.context(window_key(level, p, i, win));
            if ctx.is_empty() {
                // Unseen context: the wider windows are unseen as well.
                break;
            }
            let total: f64 = ctx.iter().map(|e| e.1 as f64).sum();
            let types = ctx.len() as f64;
            let inv = 1.0 / (total + types);
            let mut k = 0;
            for (c, pr) in probs.iter_mut() {
                while k < ctx.len() && ctx[k].0 < *c {
                    k += 1;
                }
                let n = if k < ctx.len() && ctx[k].0 == *c {
                    ctx[k].1 as f64
                } else {
                    0.0
                };
                *pr = (n + types * *pr) * inv;
            }
        }
        let by_prob = |a: &(Chunk, f64), b: &(Chunk, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        let k = self.config.max_cands as usize;
        if probs.len() > k {
            probs.select_nth_unstable_by(k - 1, by_prob);
            probs.truncate(k);
        }
        probs.sort_unstable_by(by_prob);
        let Some(&(_, best)) = probs.first() else {
            out.push((chunk_code(&[]), 1.0));
            return;
        };
        for &(c, pr) in probs.iter().take(self.config.max_cands as usize) {
            if pr < best * 1e-4 {
                break;
            }
            out.push((c, pr as f32));
        }
    }

    /// Romanizes one Arabic word (letters; other characters are ignored). Returns lower-case
    /// `a-z` and `'`; empty for input without Arabic letters.
    pub fn romanize(&self, word: &str) -> String {
        self.best_reading(word).0
    }

    /// The model's score (log-probability, with the decoding weights) of its best
    /// romanization of `word`, or `None` for a word without Arabic letters.
    pub fn best_score(&self, word: &str) -> Option<f32> {
        self.best_reading(word).1
    }

    /// The best romanization and its score, memoized per thread: names recur across a
    /// corpus and the beam search is costly.
    fn best_reading(&self, word: &str) -> (String, Option<f32>) {
        thread_local! {
            static MEMO: std::cell::RefCell<FastMap<u64, (String, Option<f32>)>> =
                Default::default();
        }
        const CAP: usize = 1 << 15;
        let key = xxhash_rust::xxh3::xxh3_64_with_seed(word.as_bytes(), self.id);
        if let Some(hit) = MEMO.with(|m| m.borrow().get(&key).cloned()) {
            return hit;
        }
        let out = match self.search(&arabic_symbols(word), None) {
            Some((score, chunks)) => (latin_of(&chunks), Some(score)),
            None => (String::new(), None),
        };
        MEMO.with(|m| {
            let mut m = m.borrow_mut();
            if m.len() >= CAP {
                m.clear();
            }
            m.insert(key, out.clone());
        });
        out
    }

    /// The model's best score for romanizing `word` as exactly `latin` (folded with
    /// [`fold_latin`]), or `None` when the beam finds no way to write it so. Next to
    /// [`Model::best_score`] it says how readily the word reads as that romanization —
    /// whether two Arabic spellings can be one Latin name.
    pub fn forced_score(&self, word: &str, latin: &str) -> Option<f32> {
        let target = latin_symbols(latin);
        if target.is_empty() {
            return None;
        }
        self.search(&arabic_symbols(word), Some(&target))
            .map(|(s, _)| s)
    }

    /// Beam search over chunk sequences; with a `target`, only chunks that spell it
    /// next are taken and a hypothesis must spell all of it. The best final score and
    /// its chunks.
    fn search(&self, ar: &[u8], target: Option<&[u8]>) -> Option<(f32, Vec<Chunk>)> {
        if ar.is_empty() {
            return None;
        }
        let p = padded(ar);
        let order = self.config.lm_order;
        let lw = self.config.lm_weight;
        let bonus = self.config.char_bonus;
        let beam = self.config.beam as usize;
        // Arena of (chunk, parent) for back-pointers.
        let mut arena: Vec<(Chunk, u32)> = Vec::with_capacity(ar.len() * beam * 4);
        let mut hyps = vec![Hyp {
            score: 0.0,
            ctx: lm_start(order),
            back: u32::MAX,
            last: 0,
            pos: 0,
        }];
        let mut next: Vec<Hyp> = Vec::new();
        let mut cands = Vec::new();
        let mut syms = Vec::with_capacity(MAX_CHUNK);
        let mut seen: FastMap<u64, usize> = FastMap::default();
        for i in 0..ar.len() {
            self.candidates(&p, i + PAD_WIDTH, &mut cands);
            next.clear();
            seen.clear();
            for h in &hyps {
                let prev_ctx = if self.config.prev_chunk {
                    self.context(prev_key(&p, i + PAD_WIDTH, h.last))
                } else {
                    &[]
                };
                let (ptotal, ptypes) = (
                    prev_ctx.iter().map(|e| e.1 as f32).sum::<f32>(),
                    prev_ctx.len() as f32,
                );
                for &(chunk, pr) in &cands {
                    syms.clear();
                    chunk_syms(chunk, &mut syms);
                    let pos = h.pos as usize + syms.len();
                    if let Some(t) = target {
                        if t.get(h.pos as usize..pos) != Some(&syms[..]) {
                            continue;
                        }
                    }
                    let pr = if prev_ctx.is_empty() {
                        pr
                    } else {
                        let n = prev_ctx
                            .binary_search_by_key(&chunk, |e| e.0)
                            .map_or(0.0, |k| prev_ctx[k].1 as f32);
                        (n + ptypes * pr) / (ptotal + ptypes)
                    };
                    let lp = pr.max(1e-30).ln();
                    let mut ctx = h.ctx;
                    let mut lm = 0.0f32;
                    for &s in &syms {
                        lm += self.lm_row(ctx)[s as usize];
                        ctx = lm_push(ctx, s, order);
                    }
                    let score = h.score + lp + lw * lm + bonus * syms.len() as f32;
                    let state = if self.config.prev_chunk {
                        ((ctx as u64) << 16) | chunk as u64
                    } else {
                        ctx as u64
                    };
                    // Forced hypotheses at different places in the target differ.
                    let state = if target.is_some() {
                        state ^ ((pos as u64) << 48)
                    } else {
                        state
                    };
                    match seen.get(&state) {
                        Some(&k) if next[k].score >= score => {}
                        Some(&k) => {
                            arena[next[k].back as usize] = (chunk, h.back);
                            next[k].score = score;
                        }
                        None => {
                            arena.push((chunk, h.back));
                            seen.insert(state, next.len());
                            next.push(Hyp {
                                score,
                                ctx,
                                back: (arena.len() - 1) as u32,
                                last: chunk,
                                pos: pos as u32,
                            });
                        }
                    }
                }
            }
            next.sort_by(|a, b| {
                b.score
                    .total_cmp(&a.score)
                    .then(a.ctx.cmp(&b.ctx))
                    .then(a.last.cmp(&b.last))
            });
            next.truncate(beam);
            std::mem::swap(&mut hyps, &mut next);
        }
        let (score, best) = hyps
            .iter()
            .filter(|h| target.is_none_or(|t| h.pos as usize == t.len()))
            .map(|h| (h.score + lw * self.lm_row(h.ctx)[0], h))
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.ctx.cmp(&a.1.ctx)))
            .map(|(s, h)| (s, h.back))?;
        let mut chunks = Vec::with_capacity(ar.len());
        let mut b = best;
        while b != u32::MAX {
            let (c, parent) = arena[b as usize];
            chunks.push(c);
            b = parent;
        }
        chunks.reverse();
        Some((score, chunks))
    }
}

/// The Latin letters of a chunk sequence.
fn latin_of(chunks: &[Chunk]) -> String {
    let mut syms = Vec::with_capacity(MAX_CHUNK);
    let mut out = String::with_capacity(chunks.len() * 2);
    for &c in chunks {
        syms.clear();
        chunk_syms(c, &mut syms);
        out.extend(syms.iter().map(|&s| lat_char(s)));
    }
    out
}

#[inline]
fn lm_find(index: &FastMap<u32, u32>, mut ctx: u32) -> u32 {
    loop {
        if let Some(&i) = index.get(&ctx) {
            return i;
        }
        if ctx <= 1 {
            return 0;
        }
        ctx = lm_shorten(ctx);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunk_codes_round_trip() {
        for syms in [&[][..], &[1], &[26, 27], &[3, 1, 27]] {
            let mut out = Vec::new();
            chunk_syms(chunk_code(syms), &mut out);
            assert_eq!(out, syms);
        }
    }

    #[test]
    fn chunk_validation() {
        assert!(valid_chunk(chunk_code(&[]) as u64));
        assert!(valid_chunk(chunk_code(&[1, 27, 5]) as u64));
        assert!(!valid_chunk(0));
        assert!(!valid_chunk(chunk_code(&[28]) as u64));
        assert!(!valid_chunk(0b11)); // marker not on a symbol boundary
        assert!(!valid_chunk(CHUNK_SPACE as u64));
    }

    #[test]
    fn lm_context_keys() {
        let s = lm_start(3);
        assert_eq!(s, (1 << 10));
        let c = lm_push(lm_push(s, 5, 3), 7, 3);
        assert_eq!(c, (1 << 10) | (5 << 5) | 7);
        assert_eq!(lm_shorten(c), (1 << 5) | 7);
        assert_eq!(lm_shorten(lm_shorten(c)), 1);
    }

    #[test]
    fn fold() {
        assert_eq!(fold_latin("Østergaard"), "ostergaard");
        assert_eq!(fold_latin("Adıvar-é’s"), "adivare's");
    }
}
