//! Token features for the CRF: surface, normalized and clitic-stripped forms,
//! proclitic/article/enclitic flags, affixes, shape, a ±2 window, word clusters
//! learned in-project, and gazetteer matches (longest match over the sentence's
//! base keys, so clitic-attached names match).

use crate::clusters::Clusters;
use crate::gazetteer::Gazetteer;
use marsad_text::chars::{is_arabic_letter, is_digit};
use marsad_text::clitic::CliticSplitter;
use marsad_text::normalize::{normalize_str, Profile};
use std::cell::RefCell;
use std::rc::Rc;

/// What is computed once per token and shared by the window features.
#[derive(Debug, Clone)]
pub struct TokenInfo {
    /// Search-normalized word.
    pub word: String,
    /// Search-normalized base (proclitics and enclitic removed, article kept).
    pub base: String,
    /// Proclitics as written (`و`, `وب`), empty if none.
    pub proclitics: String,
    pub article: bool,
    pub enclitic: bool,
    pub shape: &'static str,
    /// Cluster ids (coarse → fine) as strings; empty where unknown.
    pub clusters: Option<&'static [Box<str>; 3]>,
}

fn shape(tok: &str) -> &'static str {
    let mut chars = tok.chars();
    let Some(first) = chars.next() else {
        return "E";
    };
    if is_arabic_letter(first) {
        return if tok.chars().filter(|&c| is_arabic_letter(c)).count() <= 2 {
            "a"
        } else {
            "A"
        };
    }
    if is_digit(first) {
        return if tok
            .chars()
            .all(|c| is_digit(c) || matches!(c, '.' | ',' | '٫' | '٬'))
        {
            "D"
        } else {
            "DX"
        };
    }
    if first.is_alphabetic() {
        if tok.chars().all(|c| !c.is_lowercase()) && tok.chars().count() > 1 {
            return "LU";
        }
        return if first.is_uppercase() { "Lc" } else { "L" };
    }
    if first.is_ascii_punctuation()
        || matches!(
            first,
            '،' | '؛' | '؟' | '«' | '»' | '“' | '”' | '…' | '–' | '—'
        )
    {
        return "P";
    }
    "X"
}

/// Analyse one token.
pub fn token_info(tok: &str, clusters: &'static Clusters) -> TokenInfo {
    let shape = shape(tok);
    let word = normalize_str(tok, Profile::Search);
    let (base, proclitics, article, enclitic) = if shape == "A" || shape == "a" {
        let split = CliticSplitter::global().split(tok);
        let pro: String = split.proclitics.iter().map(|s| s.form.as_str()).collect();
        (
            normalize_str(&split.base.form, Profile::Search),
            pro,
            split.article.is_some(),
            split.enclitic.is_some(),
        )
    } else if shape == "D" {
        let n = word.chars().count().min(5);
        (format!("<NUM{n}>"), String::new(), false, false)
    } else {
        (word.clone(), String::new(), false, false)
    };
    let clusters = clusters.names(&base);
    TokenInfo {
        word,
        base,
        proclitics,
        article,
        enclitic,
        shape,
        clusters,
    }
}

fn len_bucket(n: usize) -> &'static str {
    match n {
        0..=1 => "1",
        2 => "2",
        3 => "3",
        4 => "4",
        5..=6 => "5",
        _ => "7",
    }
}

/// Words that announce a name of a given type (search-normalized bases).
pub(crate) fn trigger_class(base: &str) -> Option<&'static str> {
    const PER: &[&str] = &[
        "الرييس",
        "السيد",
        "السيده",
        "الشيخ",
        "الامير",
        "الاميره",
        "الملك",
        "الملكه",
        "الدكتور",
        "المستشار",
        "الجنرال",
        "العقيد",
        "اللواء",
        "العميد",
        "المهندس",
        "الاستاذ",
        "الزعيم",
        "الرياضي",
        "اللاعب",
        "المدرب",
        "الفنان",
        "الفنانه",
        "الكاتب",
        "الشاعر",
        "الصحفي",
        "المتحدث",
        "الوزير",
        "رييس",
        "وزير",
        "نايب",
        "النايب",
        "السفير",
        "سفير",
        "البابا",
        "الامام",
        "القاضي",
        "الحاكم",
        "المرشح",
        "الناشط",
        "الدكتوره",
        "مدير",
        "المدير",
        "زعيم",
        "قايد",
        "القايد",
        "الجنرال",
        "المحامي",
        "المخرج",
        "الممثل",
    ];
    const ORG: &[&str] = &[
        "وزاره",
        "الوزاره",
        "شركه",
        "الشركه",
        "حزب",
        "الحزب",
        "جامعه",
        "الجامعه",
        "منظمه",
        "المنظمه",
        "مجلس",
        "المجلس",
        "وكاله",
        "الوكاله",
        "بنك",
        "البنك",
        "جمعيه",
        "هييه",
        "الهييه",
        "اتحاد",
        "الاتحاد",
        "موسسه",
        "الموسسه",
        "حركه",
        "الحركه",
        "جبهه",
        "صحيفه",
        "الصحيفه",
        "مجموعه",
        "نادي",
        "النادي",
        "فريق",
        "الفريق",
        "محكمه",
        "المحكمه",
        "لجنه",
        "اللجنه",
        "مركز",
        "المركز",
        "معهد",
        "المعهد",
        "قناه",
        "القناه",
        "جيش",
        "الجيش",
        "منتخب",
        "المنتخب",
        "صندوق",
        "برلمان",
        "البرلمان",
    ];
    const LOC: &[&str] = &[
        "مدينه",
        "المدينه",
        "محافظه",
        "المحافظه",
        "ولايه",
        "الولايه",
        "منطقه",
        "المنطقه",
        "جزيره",
        "الجزيره",
        "نهر",
        "النهر",
        "بحر",
        "عاصمه",
        "العاصمه",
        "بلده",
        "البلده",
        "قريه",
        "القريه",
        "اقليم",
        "الاقليم",
        "مقاطعه",
        "حي",
        "شارع",
        "مخيم",
        "دوله",
        "الدوله",
        "جمهوريه",
        "مملكه",
        "سواحل",
        "جنوب",
        "شمال",
        "شرق",
        "غرب",
    ];
    static MAP: std::sync::LazyLock<std::collections::HashMap<&'static str, &'static str>> =
        std::sync::LazyLock::new(|| {
            let mut m = std::collections::HashMap::new();
            // Earlier lists win (رييس is a PER trigger even if it also heads bodies).
            for (list, ty) in [(LOC, "LOC"), (ORG, "ORG"), (PER, "PER")] {
                for w in list {
                    m.insert(*w, ty);
                }
            }
            m
        });
    MAP.get(base).copied()
}

/// Corpus frequency of the word in unlabeled news (log2 bucket): names are rarer
/// than function words, and unseen words are often foreign names.
fn freq_bucket(word: &str) -> &'static str {
    const B: [&str; 8] = [
        "0", "1", "2-3", "4-15", "16-63", "64-255", "256-4095", "4096+",
    ];
    let f = CliticSplitter::global().frequency(word);
    B[match f {
        0 => 0,
        1 => 1,
        2..=3 => 2,
        4..=15 => 3,
        16..=63 => 4,
        64..=255 => 5,
        256..=4095 => 6,
        _ => 7,
    }]
}

/// Decimal strings of 0..=255, so bit-set features need no formatting.
fn small_num(n: u8) -> &'static str {
    static NUMS: std::sync::LazyLock<Vec<String>> =
        std::sync::LazyLock::new(|| (0..=255u16).map(|i| i.to_string()).collect());
    &NUMS[n as usize]
}

/// Gazetteer-match code for a token: `B2`, `I6` (B/I + type bits), or empty.
fn gaz_code(m: &crate::gazetteer::GazMatch) -> Option<String> {
    if m.types.0 == 0 {
        return None;
    }
    Some(format!("{}{}", if m.begin { 'B' } else { 'I' }, m.types.0))
}

/// First-pass labels of the words of one document (by base key): a name tagged
/// PER three times in an article is likely PER where the tagger hesitates.
#[derive(Debug, Default, Clone)]
pub struct DocMemory {
    counts: std::collections::HashMap<String, [u16; 5]>,
}

const DOC_TYPES: [&str; 4] = ["PER", "LOC", "ORG", "MISC"];

impl DocMemory {
    /// Record a tagged sentence.
    pub fn add(&mut self, tokens: &[&str], tags: &[String]) {
        let infos: Vec<TokenInfo> = tokens
            .iter()
            .map(|t| token_info(t, Clusters::builtin()))
            .collect();
        let refs: Vec<&TokenInfo> = infos.iter().collect();
        self.add_infos(&refs, tags);
    }

    /// Record a tagged, analysed sentence.
    pub fn add_infos<I: std::ops::Deref<Target = TokenInfo>>(
        &mut self,
        infos: &[I],
        tags: &[String],
    ) {
        for (info, tag) in infos.iter().zip(tags) {
            if !matches!(info.shape, "A" | "L" | "Lc" | "LU") || info.base.chars().count() < 2 {
                continue;
            }
            let key = info.base.clone();
            let slot = match tag.get(2..) {
                Some(ty) => DOC_TYPES.iter().position(|x| *x == ty).map_or(4, |p| p),
                None => 4,
            };
            let e = self.counts.entry(key).or_default();
            e[slot] = e[slot].saturating_add(1);
        }
    }

    /// The majority first-pass type of `key` in the document, with `+` when seen as
    /// that type at least twice, or `O` when it was mostly outside names.
    pub fn vote(&self, key: &str) -> Option<&'static str> {
        const V: [[&str; 2]; 5] = [
            ["PER", "PER+"],
            ["LOC", "LOC+"],
            ["ORG", "ORG+"],
            ["MISC", "MISC+"],
            ["O", "O"],
        ];
        let c = self.counts.get(key)?;
        let (best, n) = c.iter().enumerate().max_by_key(|(i, n)| (**n, 4 - *i))?;
        Some(V[best][usize::from(*n >= 2)])
    }
}

/// Collects hashed features: each feature is built in a reusable byte buffer and
/// hashed (xxh3), so tagging allocates no feature strings.
pub struct FeatureSink {
    buf: Vec<u8>,
    /// Feature hashes of all tokens, flat; `offsets[i]..offsets[i+1]` are token i's.
    pub hashes: Vec<u64>,
    pub offsets: Vec<usize>,
    /// Keep the feature strings too (for debugging and tests).
    pub keep_names: bool,
    pub names: Vec<String>,
}

impl Default for FeatureSink {
    fn default() -> Self {
        FeatureSink {
            buf: Vec::with_capacity(128),
            hashes: Vec::with_capacity(1024),
            offsets: vec![0],
            keep_names: false,
            names: Vec::new(),
        }
    }
}

impl FeatureSink {
    pub fn clear(&mut self) {
        self.hashes.clear();
        self.offsets.clear();
        self.offsets.push(0);
        self.names.clear();
    }

    #[inline]
    fn add(&mut self, parts: &[&str]) {
        self.buf.clear();
        for p in parts {
            self.buf.extend_from_slice(p.as_bytes());
            self.buf.push(0x1f);
        }
        self.hashes.push(xxhash_rust::xxh3::xxh3_64(&self.buf));
        if self.keep_names {
            self.names.push(parts.join(""));
        }
    }

    pub fn end_token(&mut self) {
        self.offsets.push(self.hashes.len());
    }

    /// Features of token `i`.
    pub fn token(&self, i: usize) -> &[u64] {
        &self.hashes[self.offsets[i]..self.offsets[i + 1]]
    }

    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

const DIST: [&str; 5] = ["-2", "-1", "0", "+1", "+2"];

/// What the feature functions need of a sentence, computed once and shared by
/// both passes: per-token analyses and gazetteer match codes.
pub struct Prepared {
    pub infos: Vec<Rc<TokenInfo>>,
    /// Hash of each token as written: the key of its cached word scores.
    pub keys: Vec<u64>,
    gcodes: Vec<Option<String>>,
    pub freq: Vec<&'static str>,
}

/// Analyse a sentence. Token analyses are memoized per thread (news repeats its
/// words; the clitic analysis is the costly part).
pub fn prepare(tokens: &[&str], gaz: &Gazetteer, clusters: &'static Clusters) -> Prepared {
    thread_local! {
        static MEMO: RefCell<InfoMemo> = RefCell::new(InfoMemo::default());
    }
    const CAP: usize = 1 << 16;
    let salt = clusters as *const Clusters as u64;
    let keys: Vec<u64> = tokens
        .iter()
        .map(|t| xxhash_rust::xxh3::xxh3_64(t.as_bytes()))
        .collect();
    let (infos, freq): (Vec<Rc<TokenInfo>>, Vec<&'static str>) = MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= CAP {
            m.clear();
        }
        tokens
            .iter()
            .zip(&keys)
            .map(|(t, k)| {
                m.entry(k ^ salt)
                    .or_insert_with(|| {
                        let info = token_info(t, clusters);
                        let freq = if info.shape == "A" {
                            freq_bucket(t)
                        } else {
                            ""
                        };
                        (Rc::new(info), freq)
                    })
                    .clone()
            })
            .unzip()
    });
    let bases: Vec<&str> = infos.iter().map(|i| i.base.as_str()).collect();
    let gcodes = gaz.annotate(&bases).iter().map(gaz_code).collect();
    Prepared {
        infos,
        keys,
        gcodes,
        freq,
    }
}

type InfoMemo = std::collections::HashMap<
    u64,
    (Rc<TokenInfo>, &'static str),
    std::hash::BuildHasherDefault<crate::perceptron::IdHasher>,
>;

/// Features of every token of a sentence, into `sink` (cleared first).
pub fn sentence_features(
    tokens: &[&str],
    gaz: &Gazetteer,
    clusters: &'static Clusters,
    doc: Option<&DocMemory>,
    sink: &mut FeatureSink,
) {
    let p = prepare(tokens, gaz, clusters);
    prepared_features(&p, gaz, doc, sink);
}

/// The position of a window word relative to the token whose features it feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The token itself.
    Own = 0,
    /// Two before the token.
    Before2 = 1,
    /// Just before the token.
    Before1 = 2,
    /// Just after the token.
    After1 = 3,
    /// Two after the token.
    After2 = 4,
}

/// Number of [`Role`]s.
pub const ROLES: usize = 5;

/// The features a word contributes in one role that depend on that word alone.
/// The tagger caches their summed weights per word type, so a frequent word's
/// ~25 such features are hashed and looked up once, not at every occurrence.
pub fn word_role_features(
    t: &TokenInfo,
    freq: &str,
    role: Role,
    sink: &mut FeatureSink,
    affix: &mut String,
) {
    match role {
        Role::Own => own_features(t, freq, sink, affix),
        Role::Before2 => {
            sink.add(&["w", DIST[0], "=", &t.word]);
            if let Some(cls) = trigger_class(&t.base) {
                sink.add(&["trig-", "2=", cls]);
            }
        }
        Role::Before1 | Role::After1 => {
            let name = DIST[if role == Role::Before1 { 1 } else { 3 }];
            sink.add(&["w", name, "=", &t.word]);
            sink.add(&["b", name, "=", &t.base]);
            sink.add(&["sh", name, "=", t.shape]);
            if let Some(c) = t.clusters {
                if !c[1].is_empty() {
                    sink.add(&["c1", name, "=", &c[1]]);
                }
            }
            if role == Role::Before1 {
                if let Some(cls) = trigger_class(&t.base) {
                    sink.add(&["trig-", "1=", cls]);
                }
            }
        }
        Role::After2 => sink.add(&["w", DIST[4], "=", &t.word]),
    }
}

fn own_features(t: &TokenInfo, freq: &str, sink: &mut FeatureSink, affix: &mut String) {
    sink.add(&["bias"]);
    sink.add(&["w=", &t.word]);
    sink.add(&["b=", &t.base]);
    sink.add(&["sh=", t.shape]);
    sink.add(&["len=", len_bucket(t.base.chars().count())]);
    if !t.proclitics.is_empty() {
        sink.add(&["pro=", &t.proclitics]);
    }
    if t.article {
        sink.add(&["art"]);
    }
    if t.enclitic {
        sink.add(&["enc"]);
    }
    if t.shape == "A" {
        let skip = if t.article && t.base.chars().count() > 2 {
            2
        } else {
            0
        };
        let stem: Vec<char> = t.base.chars().skip(skip).collect();
        for (k, name) in [
            (1usize, ["p1=", "s1="]),
            (2, ["p2=", "s2="]),
            (3, ["p3=", "s3="]),
        ] {
            if stem.len() > k {
                affix.clear();
                affix.extend(&stem[..k]);
                sink.add(&[name[0], affix]);
                affix.clear();
                affix.extend(&stem[stem.len() - k..]);
                sink.add(&[name[1], affix]);
            }
        }
    }
    match t.clusters {
        Some(c) => {
            for (k, name) in ["c0=", "c1=", "c2="].iter().enumerate() {
                if !c[k].is_empty() {
                    sink.add(&[name, &c[k]]);
                }
            }
        }
        None if t.shape == "A" => sink.add(&["c=unk"]),
        None => {}
    }
    if let Some(cls) = trigger_class(&t.base) {
        sink.add(&["trig0=", cls]);
    }
    if t.shape == "A" {
        sink.add(&["freq=", freq]);
    }
}

/// The features of token `i` that depend on its context (sentence edges,
/// gazetteer matches, word pairs, the document memory): computed at every
/// occurrence.
pub fn context_features(
    p: &Prepared,
    i: usize,
    gaz: &Gazetteer,
    doc: Option<&DocMemory>,
    sink: &mut FeatureSink,
) {
    let infos = &p.infos;
    let gcodes = &p.gcodes;
    let n = infos.len();
    let t = &infos[i];
    if i == 0 {
        sink.add(&["w", DIST[1], "=", "<S>"]);
    } else if let Some(g) = &gcodes[i - 1] {
        sink.add(&["g", DIST[1], "=", g]);
    }
    if i + 1 == n {
        sink.add(&["w", DIST[3], "=", "</S>"]);
    } else if let Some(g) = &gcodes[i + 1] {
        sink.add(&["g", DIST[3], "=", g]);
    }
    let c1 = |j: usize| infos[j].clusters.map_or("0", |c| &c[1]);
    if i > 0 {
        sink.add(&["cc-1=", c1(i - 1), "|", c1(i)]);
    }
    if i + 1 < n {
        sink.add(&["cc+1=", c1(i), "|", c1(i + 1)]);
    }
    sink.add(&[
        "wc-1=",
        if i > 0 { &infos[i - 1].base } else { "<S>" },
        "|",
        c1(i),
    ]);
    if i > 0 {
        sink.add(&["bb-1=", &infos[i - 1].base, "|", &t.base]);
    }
    if i + 1 < n {
        sink.add(&["bb+1=", &t.base, "|", &infos[i + 1].base]);
    }
    if let Some(g) = &gcodes[i] {
        sink.add(&["g=", g]);
    }
    if let Some(doc) = doc {
        // What a first pass said about the same word elsewhere in the document.
        for (d, name) in [(-1isize, "doc-1="), (0, "doc="), (1, "doc+1=")] {
            let j = i as isize + d;
            if j >= 0 && (j as usize) < n {
                if let Some(v) = doc.vote(&infos[j as usize].base) {
                    sink.add(&[name, v]);
                }
            }
        }
    }
    let wt = gaz.word_types(&t.base).0;
    if wt != 0 {
        sink.add(&["gw=", small_num(wt)]);
    }
    // (Part-of-multi-word-name types were tried as a feature: too noisy, 5-fold CV −0.4.)
}

/// Features of a prepared sentence, into `sink` (cleared first): for each token,
/// its own word features, its neighbours' window features, then its context features.
pub fn prepared_features(
    p: &Prepared,
    gaz: &Gazetteer,
    doc: Option<&DocMemory>,
    sink: &mut FeatureSink,
) {
    sink.clear();
    let n = p.infos.len();
    let mut affix = String::new();
    for i in 0..n {
        for (d, role) in [
            (0isize, Role::Own),
            (-2, Role::Before2),
            (-1, Role::Before1),
            (1, Role::After1),
            (2, Role::After2),
        ] {
            let j = i as isize + d;
            if j >= 0 && (j as usize) < n {
                let j = j as usize;
                word_role_features(&p.infos[j], p.freq[j], role, sink, &mut affix);
            }
        }
        context_features(p, i, gaz, doc, sink);
        sink.end_token();
    }
}
