//! Near-duplicate detection for Arabic news: which articles are copies or light
//! edits of one another (an agency story republished by several outlets), grouped
//! into *stories*.
//!
//! Method (see the crate README for the measured parameter choice):
//!
//! 1. [`shingles`]: the text is normalized with `marsad_text`'s search profile
//!    (alef/hamza/yaa/taa-marbuta variants folded, diacritics and tatweel removed,
//!    digits to ASCII), tokenized, and its word tokens (Arabic, Latin, numbers;
//!    punctuation dropped) hashed with xxh3; every run of `k` consecutive words is
//!    one shingle (a 64-bit hash). The set of shingles is sorted and deduplicated.
//! 2. [`MinHasher::signature`]: `num_perm` MinHash values, each the minimum over the
//!    shingles of a seeded multiply-shift hash `(a_i * s + b_i) >> 32` (one pass over
//!    the shingles, no allocation besides the signature).
//! 3. [`LshIndex`]: the signature is cut into `bands` bands of `rows` values; two
//!    documents are candidates when one band is identical. Candidates are verified
//!    by the estimated Jaccard similarity (share of equal signature values) `>=
//!    threshold`.
//! 4. [`StoryIndex`] / [`stories`]: verified pairs are joined with union-find; a
//!    story's canonical member is the earliest published one (unknown dates last),
//!    ties broken by the longest text, then the smallest id (byte order).
//!
//! The index is incremental: [`StoryIndex::add`] inserts one document and returns
//! the story it joined, so a store can assign stories as articles arrive; the batch
//! function [`stories`] computes the signatures in parallel (rayon) and then feeds
//! the same index in input order. Output is deterministic.

use rayon::prelude::*;
use std::collections::HashMap;
use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

use marsad_text::normalize::{normalize_str, Profile};
use marsad_text::token::tokenize_into;

/// Parameters of the detector. [`Config::default`] holds the measured choice.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Config {
    /// Words per shingle.
    pub shingle_words: usize,
    /// LSH bands; the signature has `bands * rows` MinHash values.
    pub bands: usize,
    /// MinHash values per band.
    pub rows: usize,
    /// Minimum estimated Jaccard similarity of a verified pair.
    pub threshold: f64,
    /// Documents with fewer shingles than this are never grouped (too short to
    /// tell a copy from a shared formula).
    pub min_shingles: usize,
    /// Seed of the MinHash permutations.
    pub seed: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            shingle_words: 5,
            bands: 32,
            rows: 4,
            threshold: 0.5,
            min_shingles: 10,
            seed: 0x6d61_7273_6164, // "marsad"
        }
    }
}

impl Config {
    /// Number of MinHash values in a signature.
    pub fn num_perm(&self) -> usize {
        self.bands * self.rows
    }

    /// The similarity at which a pair becomes a candidate with probability 1/2
    /// (approximately `(1/bands)^(1/rows)`).
    pub fn lsh_midpoint(&self) -> f64 {
        (1.0 / self.bands as f64).powf(1.0 / self.rows as f64)
    }

    /// Probability that a pair of Jaccard similarity `j` becomes a candidate.
    pub fn candidate_probability(&self, j: f64) -> f64 {
        1.0 - (1.0 - j.powi(self.rows as i32)).powi(self.bands as i32)
    }
}

/// Normalized words of `text` (search profile), in order, as xxh3 hashes.
pub fn word_hashes(text: &str) -> Vec<u64> {
    let norm = normalize_str(text, Profile::Search);
    let mut toks = Vec::with_capacity(norm.len() / 6 + 4);
    tokenize_into(&norm, &mut toks);
    toks.iter()
        .filter(|t| t.kind.is_word())
        .map(|t| xxh3_64(t.text(&norm).as_bytes()))
        .collect()
}

/// The sorted, deduplicated set of `k`-word shingle hashes of `text`. A text of
/// fewer than `k` (but at least one) words yields one shingle of all its words.
pub fn shingles(text: &str, k: usize) -> Vec<u64> {
    shingles_of_words(&word_hashes(text), k)
}

/// [`shingles`] from word hashes.
pub fn shingles_of_words(words: &[u64], k: usize) -> Vec<u64> {
    let k = k.max(1);
    if words.is_empty() {
        return Vec::new();
    }
    let k = k.min(words.len());
    let mut buf = [0u8; 8 * 16];
    let k = k.min(16);
    let mut out: Vec<u64> = words
        .windows(k)
        .map(|w| {
            for (i, h) in w.iter().enumerate() {
                buf[8 * i..8 * i + 8].copy_from_slice(&h.to_le_bytes());
            }
            xxh3_64(&buf[..8 * k])
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Exact Jaccard similarity of two sorted, deduplicated shingle sets.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let inter = intersection_len(a, b);
    inter as f64 / (a.len() + b.len() - inter) as f64
}

/// Size of the intersection of two sorted, deduplicated sets.
pub fn intersection_len(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// A MinHash signature: `num_perm` 32-bit minima. Empty for a text without shingles.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Signature(pub Box<[u32]>);

impl Signature {
    /// Estimated Jaccard similarity: the share of equal positions (0 when either is empty).
    pub fn similarity(&self, other: &Signature) -> f64 {
        if self.0.is_empty() || self.0.len() != other.0.len() {
            return 0.0;
        }
        let eq = self
            .0
            .iter()
            .zip(other.0.iter())
            .filter(|(a, b)| a == b)
            .count();
        eq as f64 / self.0.len() as f64
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Computes MinHash signatures for one [`Config`] (the permutation parameters are
/// drawn once from the seed).
#[derive(Debug, Clone)]
pub struct MinHasher {
    a: Vec<u64>,
    b: Vec<u64>,
    shingle_words: usize,
    min_shingles: usize,
}

impl MinHasher {
    pub fn new(cfg: &Config) -> Self {
        let mut state = cfg.seed;
        let mut next = || {
            // splitmix64
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        let n = cfg.num_perm();
        let mut a = Vec::with_capacity(n);
        let mut b = Vec::with_capacity(n);
        for _ in 0..n {
            a.push(next() | 1);
            b.push(next());
        }
        MinHasher {
            a,
            b,
            shingle_words: cfg.shingle_words,
            min_shingles: cfg.min_shingles,
        }
    }

    /// Signature of a shingle set; empty when it has fewer than `min_shingles` shingles.
    pub fn signature_of_shingles(&self, shingles: &[u64]) -> Signature {
        if shingles.is_empty() || shingles.len() < self.min_shingles {
            return Signature(Box::new([]));
        }
        let mut sig = vec![u32::MAX; self.a.len()].into_boxed_slice();
        for &s in shingles {
            for ((m, &a), &b) in sig.iter_mut().zip(&self.a).zip(&self.b) {
                let h = (a.wrapping_mul(s).wrapping_add(b) >> 32) as u32;
                *m = (*m).min(h);
            }
        }
        Signature(sig)
    }

    /// Signature of a text (normalize, tokenize, shingle, MinHash).
    pub fn signature(&self, text: &str) -> Signature {
        self.signature_of_shingles(&shingles(text, self.shingle_words))
    }
}

/// A verified near-duplicate: an earlier document and its estimated similarity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    pub doc: usize,
    pub similarity: f64,
}

/// LSH banding index over signatures. Documents are numbered `0, 1, ...` in
/// insertion order.
#[derive(Debug, Clone)]
pub struct LshIndex {
    bands: usize,
    rows: usize,
    threshold: f64,
    tables: Vec<HashMap<u64, Vec<u32>>>,
    sigs: Vec<Signature>,
}

impl LshIndex {
    pub fn new(cfg: &Config) -> Self {
        LshIndex {
            bands: cfg.bands,
            rows: cfg.rows,
            threshold: cfg.threshold,
            tables: vec![HashMap::new(); cfg.bands],
            sigs: Vec::new(),
        }
    }

    /// Number of documents inserted.
    pub fn len(&self) -> usize {
        self.sigs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sigs.is_empty()
    }

    /// The signature of document `doc`.
    pub fn signature(&self, doc: usize) -> &Signature {
        &self.sigs[doc]
    }

    fn band_key(&self, sig: &Signature, band: usize) -> u64 {
        let vals = &sig.0[band * self.rows..(band + 1) * self.rows];
        let mut buf = [0u8; 4 * 64];
        let n = vals.len().min(64);
        for (i, v) in vals[..n].iter().enumerate() {
            buf[4 * i..4 * i + 4].copy_from_slice(&v.to_le_bytes());
        }
        xxh3_64_with_seed(&buf[..4 * n], band as u64)
    }

    /// Indexed documents sharing a band with `sig` (sorted, unverified).
    pub fn candidates(&self, sig: &Signature) -> Vec<usize> {
        let mut out = Vec::new();
        if sig.is_empty() {
            return out;
        }
        for band in 0..self.bands {
            if let Some(docs) = self.tables[band].get(&self.band_key(sig, band)) {
                out.extend(docs.iter().map(|&d| d as usize));
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Indexed documents whose estimated similarity to `sig` is at least the
    /// threshold, in document order.
    pub fn query(&self, sig: &Signature) -> Vec<Match> {
        self.candidates(sig)
            .into_iter()
            .filter_map(|doc| {
                let similarity = sig.similarity(&self.sigs[doc]);
                (similarity >= self.threshold).then_some(Match { doc, similarity })
            })
            .collect()
    }

    /// Inserts a signature (an empty one is stored but never matches) and returns
    /// its document number and its verified matches among the earlier documents.
    pub fn insert(&mut self, sig: Signature) -> (usize, Vec<Match>) {
        let matches = self.query(&sig);
        let doc = self.sigs.len();
        if !sig.is_empty() {
            for band in 0..self.bands {
                let key = self.band_key(&sig, band);
                self.tables[band].entry(key).or_default().push(doc as u32);
            }
        }
        self.sigs.push(sig);
        (doc, matches)
    }
}

/// Incremental story assignment: an [`LshIndex`] plus union-find over its documents.
#[derive(Debug, Clone)]
pub struct StoryIndex {
    hasher: MinHasher,
    lsh: LshIndex,
    parent: Vec<u32>,
}

/// What [`StoryIndex::add`] found for a new document.
#[derive(Debug, Clone, PartialEq)]
pub struct Added {
    /// The new document's number.
    pub doc: usize,
    /// Verified near-duplicates among the earlier documents.
    pub matches: Vec<Match>,
    /// The story's representative document (the smallest document number in it;
    /// `doc` itself when the document starts a new story).
    pub story: usize,
    /// Representatives of the earlier stories this document joined, as they were
    /// before it (more than one: those stories are now one, under `story`).
    pub joined: Vec<usize>,
}

impl StoryIndex {
    pub fn new(cfg: &Config) -> Self {
        StoryIndex {
            hasher: MinHasher::new(cfg),
            lsh: LshIndex::new(cfg),
            parent: Vec::new(),
        }
    }

    pub fn hasher(&self) -> &MinHasher {
        &self.hasher
    }

    pub fn lsh(&self) -> &LshIndex {
        &self.lsh
    }

    pub fn len(&self) -> usize {
        self.lsh.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lsh.is_empty()
    }

    /// Adds a text (signature computed here).
    pub fn add_text(&mut self, text: &str) -> Added {
        let sig = self.hasher.signature(text);
        self.add(sig)
    }

    /// Adds a precomputed signature (from [`StoryIndex::hasher`] or a
    /// [`MinHasher`] built from the same [`Config`]).
    pub fn add(&mut self, sig: Signature) -> Added {
        let (doc, matches) = self.lsh.insert(sig);
        self.parent.push(doc as u32);
        let mut joined: Vec<usize> = matches.iter().map(|m| self.story_of(m.doc)).collect();
        joined.sort_unstable();
        joined.dedup();
        for m in &matches {
            self.union(doc, m.doc);
        }
        let story = self.story_of(doc);
        Added {
            doc,
            matches,
            story,
            joined,
        }
    }

    /// The representative (smallest document number) of `doc`'s story.
    pub fn story_of(&self, doc: usize) -> usize {
        let mut x = doc;
        while self.parent[x] as usize != x {
            x = self.parent[x] as usize;
        }
        x
    }

    fn find(&mut self, doc: usize) -> usize {
        let root = self.story_of(doc);
        let mut x = doc;
        while self.parent[x] as usize != root {
            let next = self.parent[x] as usize;
            self.parent[x] = root as u32;
            x = next;
        }
        root
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // the smaller number stays the root, so a story's representative is its first document
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo as u32;
        }
    }

    /// Documents grouped by story: every story's members in document order, stories
    /// ordered by their first document. Singletons included.
    pub fn groups(&self) -> Vec<Vec<usize>> {
        let mut by_root: HashMap<usize, usize> = HashMap::new();
        let mut out: Vec<Vec<usize>> = Vec::new();
        for doc in 0..self.parent.len() {
            let root = self.story_of(doc);
            let slot = *by_root.entry(root).or_insert_with(|| {
                out.push(Vec::new());
                out.len() - 1
            });
            out[slot].push(doc);
        }
        out
    }
}

/// A document for the batch API.
#[derive(Debug, Clone, Copy)]
pub struct Doc<'a> {
    pub id: &'a str,
    pub text: &'a str,
    /// Publication time as an ISO 8601 string (compared as text), if known.
    pub published: Option<&'a str>,
}

/// A group of near-duplicate documents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Story {
    /// `story-` + 16 hex digits of xxh3 of the canonical member's id.
    pub id: String,
    /// Id of the canonical member (earliest published; then longest text; then smallest id).
    pub canonical: String,
    /// Ids of all members (canonical included), in input order.
    pub members: Vec<String>,
}

/// Story id for a canonical document id.
pub fn story_id(canonical: &str) -> String {
    format!("story-{:016x}", xxh3_64(canonical.as_bytes()))
}

/// Signatures of many texts, in parallel (rayon), in input order.
pub fn signatures(texts: &[&str], cfg: &Config) -> Vec<Signature> {
    let hasher = MinHasher::new(cfg);
    texts.par_iter().map(|t| hasher.signature(t)).collect()
}

/// Groups precomputed signatures into stories: document numbers per story
/// (see [`StoryIndex::groups`]).
pub fn group_signatures(sigs: Vec<Signature>, cfg: &Config) -> Vec<Vec<usize>> {
    let mut index = StoryIndex::new(cfg);
    for sig in sigs {
        index.add(sig);
    }
    index.groups()
}

/// The canonical member of a group of document numbers.
pub fn canonical_of(docs: &[Doc<'_>], members: &[usize]) -> usize {
    *members
        .iter()
        .min_by(|&&x, &&y| {
            let (a, b) = (&docs[x], &docs[y]);
            let date = match (a.published, b.published) {
                (Some(p), Some(q)) => p.cmp(q),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            };
            date.then_with(|| b.text.chars().count().cmp(&a.text.chars().count()))
                .then_with(|| a.id.cmp(b.id))
        })
        .expect("non-empty story")
}

/// Batch form: all stories of `docs` (singletons included), ordered by their first
/// member in input order.
pub fn stories(docs: &[Doc<'_>], cfg: &Config) -> Vec<Story> {
    let texts: Vec<&str> = docs.iter().map(|d| d.text).collect();
    let groups = group_signatures(signatures(&texts, cfg), cfg);
    groups
        .into_iter()
        .map(|members| {
            let canonical = docs[canonical_of(docs, &members)].id.to_string();
            Story {
                id: story_id(&canonical),
                canonical,
                members: members.iter().map(|&i| docs[i].id.to_string()).collect(),
            }
        })
        .collect()
}
