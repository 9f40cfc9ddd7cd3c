//! Conservative clitic splitting for Arabic news tokens.
//!
//! A word is analysed as `proclitics + base + enclitic`:
//!
//! - proclitics: a conjunction و / ف, then at most one of the prepositions ب / ل / ك or the
//!   future marker س (only before an imperfect-verb prefix ي ت ن أ);
//! - the base keeps the definite article (والإمارات → و + الإمارات). After ل the article's
//!   alef is not written: للفيلم → ل + base `لفيلم` with form `الفيلم`; before a stem that
//!   starts with ل the article vanishes entirely: للجنة → ل + base `لجنة` with form `اللجنة`;
//! - an optional pronoun enclitic ه ها هما هم هن ك كما كم كن ي ني نا, with the stem's
//!   underlying spelling restored in the base form (سياستها → سياسة + ها, عليه → على + ه).
//!
//! Splits are accepted only with evidence from a word-frequency lexicon counted over
//! unlabeled news (SaudiNewsNet and ANT, see `data/README.md`), so that a word is never cut
//! when it is a word in its own right: a split `w = p + r` needs `r` attested, `w` not a
//! protected name or function word, `w` rarely seen with prefixes that could not precede
//! `p` (الوحدة shows that وحدة is a noun, not و + حدة), and `freq(w)` not much larger
//! than `freq(r)` (the allowed ratio depends on the clitic: و attaches to most sentence-
//! initial verbs, ك rarely attaches to anything). See [`CliticSplitter::split`].
//!
//! [`CliticSplitter::analyze`] is allocation-free; [`CliticSplitter::split`] builds the
//! segment forms as strings. [`evaluate_farasa`] scores the splitter against the Farasa
//! WikiNews segmentation gold.

mod eval;
pub mod lexicon;
pub mod rules;

use lexicon::{
    code_of, decode_lexicon, extend_key, fold_code, key_of, letter_of, KeyMap, ALEF,
    ALEF_HAMZA_ABOVE, ALEF_HAMZA_BELOW, ALEF_MADDA, ALEF_MAQSURA, BEH, FEH, HAMZA, HEH, KAF, LAM,
    MAX_KEY_LETTERS, MEEM, NOON, SEEN, TEH, TEH_MARBUTA, WAW, WAW_HAMZA, YEH, YEH_HAMZA,
};
use std::sync::LazyLock;

pub use eval::{evaluate_farasa, evaluate_farasa_with, BoundaryKind, CliticEval, KindCounts};

/// The embedded word-frequency lexicon (see [`lexicon`] for the format).
pub static LEXICON_DATA: &[u8] = include_bytes!("../../data/clitic_lexicon.bin");
/// The embedded protected-name list, one name per line.
pub static NAMES_DATA: &str = include_str!("../../data/clitic_names.txt");

/// A piece of a word: code-point offsets `[start, end)` within the word as given, and the
/// underlying form (harakat removed; restored letters such as the article's alef after ل
/// or ة before an enclitic).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub form: String,
}

/// The result of [`CliticSplitter::split`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CliticSplit {
    /// Conjunction, then preposition or future marker, in text order.
    pub proclitics: Vec<Segment>,
    /// The word without its clitics; keeps the article.
    pub base: Segment,
    /// The definite article inside `base` (form `ال`); its span is 2 letters for `ال…`,
    /// 1 for the second ل of `لل…`, and empty when it is not written at all (للجنة).
    pub article: Option<Segment>,
    pub enclitic: Option<Segment>,
}

impl CliticSplit {
    /// Code-point span of the base (the word without proclitics and enclitic).
    pub fn base_span(&self) -> (usize, usize) {
        (self.base.start, self.base.end)
    }

    /// True if any proclitic or enclitic was split off (the article alone does not count).
    pub fn is_split(&self) -> bool {
        !self.proclitics.is_empty() || self.enclitic.is_some()
    }

    /// Farasa-style segments: proclitics, article, stem, enclitic, as underlying forms
    /// (`وللفيلم` → `["و", "ل", "ال", "فيلم"]`, `سياستها` → `["سياسة", "ها"]`).
    pub fn segments(&self) -> Vec<String> {
        let mut out: Vec<String> = self.proclitics.iter().map(|s| s.form.clone()).collect();
        match &self.article {
            Some(a) => {
                out.push(a.form.clone());
                let stem = self.base.form.strip_prefix("ال").unwrap_or(&self.base.form);
                out.push(stem.to_string());
            }
            None => out.push(self.base.form.clone()),
        }
        if let Some(e) = &self.enclitic {
            out.push(e.form.clone());
        }
        out
    }

    /// Boundaries between segments as code-point offsets in the word (sorted, without
    /// duplicates, never 0 or the word length). An unwritten article adds no boundary.
    pub fn boundaries(&self) -> Vec<usize> {
        let mut b: Vec<usize> = self.proclitics.iter().map(|s| s.end).collect();
        if let Some(a) = &self.article {
            b.push(a.end);
        }
        if let Some(e) = &self.enclitic {
            b.push(e.start);
        }
        let end = self.enclitic.as_ref().map_or(self.base.end, |e| e.end);
        b.retain(|&x| x > 0 && x < end);
        b.sort_unstable();
        b.dedup();
        b
    }
}

/// Proclitics split by the splitter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Proclitic {
    /// و "and"
    Wa,
    /// ف "so, then"
    Fa,
    /// ب "with, in, by"
    Bi,
    /// ل "for, to"
    Li,
    /// ك "like, as"
    Ka,
    /// س future marker
    Sa,
}

impl Proclitic {
    pub fn form(self) -> &'static str {
        match self {
            Proclitic::Wa => "و",
            Proclitic::Fa => "ف",
            Proclitic::Bi => "ب",
            Proclitic::Li => "ل",
            Proclitic::Ka => "ك",
            Proclitic::Sa => "س",
        }
    }

    /// Largest accepted `freq(w) / freq(r)` as `(num, den)` for a split `w = p + r`;
    /// `r_len` is the length of `r`, `usize::MAX` when `r` starts with the article.
    fn max_ratio(self, r_len: usize) -> (u64, u64) {
        let (n, d) = match self {
            Proclitic::Wa => (30, 1),
            Proclitic::Fa => (1, 1),
            Proclitic::Bi => (10, 1),
            Proclitic::Li => (8, 1),
            Proclitic::Ka => (3, 10),
            Proclitic::Sa => (1, 1),
        };
        if r_len == usize::MAX {
            // r = ال + X: the article right after the clitic is strong evidence, and fixed
            // phrases make freq(w) ≫ freq(r) (بالإضافة, بالتالي).
            (100, 1)
        } else if r_len <= 2 && n > d {
            (1, 1)
        } else {
            (n, d)
        }
    }
}

/// Pronoun enclitics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Enclitic {
    H,
    Ha,
    Huma,
    Hum,
    Hunna,
    K,
    Kuma,
    Kum,
    Kunna,
    Ya,
    Ni,
    Na,
}

impl Enclitic {
    /// Longest first, so that هما is tried before ما-less هم and ه.
    const ALL: [Enclitic; 12] = [
        Enclitic::Huma,
        Enclitic::Kuma,
        Enclitic::Hum,
        Enclitic::Hunna,
        Enclitic::Ha,
        Enclitic::Kum,
        Enclitic::Kunna,
        Enclitic::Na,
        Enclitic::Ni,
        Enclitic::H,
        Enclitic::K,
        Enclitic::Ya,
    ];

    pub fn form(self) -> &'static str {
        match self {
            Enclitic::H => "ه",
            Enclitic::Ha => "ها",
            Enclitic::Huma => "هما",
            Enclitic::Hum => "هم",
            Enclitic::Hunna => "هن",
            Enclitic::K => "ك",
            Enclitic::Kuma => "كما",
            Enclitic::Kum => "كم",
            Enclitic::Kunna => "كن",
            Enclitic::Ya => "ي",
            Enclitic::Ni => "ني",
            Enclitic::Na => "نا",
        }
    }

    fn codes(self) -> &'static [u8] {
        const H: u8 = HEH;
        const M: u8 = MEEM;
        match self {
            Enclitic::H => &[H],
            Enclitic::Ha => &[H, ALEF],
            Enclitic::Huma => &[H, M, ALEF],
            Enclitic::Hum => &[H, M],
            Enclitic::Hunna => &[H, NOON],
            Enclitic::K => &[KAF],
            Enclitic::Kuma => &[KAF, M, ALEF],
            Enclitic::Kum => &[KAF, M],
            Enclitic::Kunna => &[KAF, NOON],
            Enclitic::Ya => &[YEH],
            Enclitic::Ni => &[NOON, YEH],
            Enclitic::Na => &[NOON, ALEF],
        }
    }

    /// The whole word is exactly this enclitic's letters.
    fn of_codes(c: &[u8]) -> Option<Enclitic> {
        Enclitic::ALL.into_iter().find(|e| e.codes() == c)
    }

    fn is_second_person(self) -> bool {
        matches!(
            self,
            Enclitic::K | Enclitic::Kuma | Enclitic::Kum | Enclitic::Kunna
        )
    }

    fn is_first_singular(self) -> bool {
        matches!(self, Enclitic::Ya | Enclitic::Ni)
    }
}

/// How the stem's last letter changes in the base form when an enclitic follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StemRestore {
    /// Stem written as in isolation.
    None,
    /// ت written for ة (سياستها → سياسة).
    TaMarbuta,
    /// ي or ا written for ى (عليه → على, مستواه → مستوى).
    AlefMaqsura,
    /// The alef of the verbal suffix وا dropped (جمعوها → جمعوا).
    WawAlef,
    /// ئ or ؤ written for a final ء (غذائهم → غذاء, انتهائها → انتهاء).
    Hamza,
}

/// How the article appears in the base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArticleKind {
    /// `ال` written (2 letters).
    Written,
    /// After ل only the article's ل is written (للفيلم).
    AfterLam,
    /// Not written: ل + ال + لX → للX (للجنة).
    Elided,
}

/// Allocation-free result of [`CliticSplitter::analyze`]. Spans are code-point offsets
/// within the word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CliticAnalysis {
    n_pro: u8,
    pro: [Proclitic; 2],
    pro_spans: [(u32, u32); 2],
    base: (u32, u32),
    article: Option<(ArticleKind, u32, u32)>,
    enclitic: Option<(Enclitic, u32, u32)>,
    restore: StemRestore,
}

impl CliticAnalysis {
    fn whole(len: usize) -> Self {
        CliticAnalysis {
            n_pro: 0,
            pro: [Proclitic::Wa; 2],
            pro_spans: [(0, 0); 2],
            base: (0, len as u32),
            article: None,
            enclitic: None,
            restore: StemRestore::None,
        }
    }

    /// Proclitics with their spans, in text order.
    pub fn proclitics(&self) -> impl Iterator<Item = (Proclitic, usize, usize)> + '_ {
        (0..self.n_pro as usize).map(|i| {
            (
                self.pro[i],
                self.pro_spans[i].0 as usize,
                self.pro_spans[i].1 as usize,
            )
        })
    }

    pub fn base_span(&self) -> (usize, usize) {
        (self.base.0 as usize, self.base.1 as usize)
    }

    pub fn article(&self) -> Option<(ArticleKind, usize, usize)> {
        self.article.map(|(k, s, e)| (k, s as usize, e as usize))
    }

    pub fn enclitic(&self) -> Option<(Enclitic, usize, usize)> {
        self.enclitic.map(|(k, s, e)| (k, s as usize, e as usize))
    }

    pub fn stem_restore(&self) -> StemRestore {
        self.restore
    }

    pub fn is_split(&self) -> bool {
        self.n_pro > 0 || self.enclitic.is_some()
    }
}

/// Letter-index analysis before mapping to code points.
#[derive(Debug, Clone, Copy)]
struct Letters {
    n_pro: usize,
    pro: [Proclitic; 2],
    article: Option<ArticleKind>,
    /// Enclitic and the letter index where it starts.
    enclitic: Option<(Enclitic, usize)>,
    restore: StemRestore,
}

impl Letters {
    fn whole() -> Self {
        Letters {
            n_pro: 0,
            pro: [Proclitic::Wa; 2],
            article: None,
            enclitic: None,
            restore: StemRestore::None,
        }
    }

    fn push(&mut self, p: Proclitic) {
        self.pro[self.n_pro] = p;
        self.n_pro += 1;
    }
}

/// Longest word (letters) that is analysed; longer words are left whole.
const MAX_WORD: usize = 40;

/// A word as letter codes with the code-point offset of each letter.
struct Word {
    codes: [u8; MAX_WORD],
    pos: [u32; MAX_WORD + 1],
    n: usize,
}

impl Word {
    /// `None` if the word holds anything but supported letters and in-word marks.
    fn parse(word: &str) -> Option<Word> {
        let mut w = Word {
            codes: [0; MAX_WORD],
            pos: [0; MAX_WORD + 1],
            n: 0,
        };
        let mut i = 0u32;
        for c in word.chars() {
            let k = code_of(c);
            if k != 0 {
                if w.n == MAX_WORD {
                    return None;
                }
                w.codes[w.n] = k;
                w.pos[w.n] = i;
                w.n += 1;
            } else if !crate::chars::is_arabic_word_mark(c) && !crate::chars::is_invisible(c) {
                return None;
            }
            i += 1;
        }
        if w.n == 0 {
            return None;
        }
        w.pos[w.n] = i;
        Some(w)
    }

    fn codes(&self) -> &[u8] {
        &self.codes[..self.n]
    }
}

const PROTECTED: u8 = 1;
/// A name spelled with أل/إل/آل: its folded form starts with ال but has no article.
const NO_ARTICLE: u8 = 2;

/// Minimum frequency for a word to count as attested (the lexicon keeps words seen at
/// least this often).
const MIN_FREQ: u64 = 3;
/// Lexical evidence `A(w)` blocks a split when `A ≥ MIN_EVIDENCE` and `A ≥ freq(w) ×
/// EVIDENCE_PCT / 100`.
const MIN_EVIDENCE: u64 = 3;
const EVIDENCE_PCT: u64 = 5;
/// Largest accepted `freq(word) / freq(stem)` for an enclitic split (second-person
/// enclitics need `freq(stem) ≥ 10 × freq(word)`).
const ENCLITIC_RATIO: u64 = 10;

const ART: [u8; 2] = [ALEF, LAM];
/// Enclitics whose presence on `w` shows that `w` is a stem in its own right.
const EVIDENCE_ENCLITICS: [&[u8]; 5] = [
    &[HEH],
    &[HEH, ALEF],
    &[HEH, MEEM],
    &[NOON, ALEF],
    &[KAF, MEEM],
];

/// Conservative clitic splitter backed by an embedded frequency lexicon and name list.
pub struct CliticSplitter {
    freq: KeyMap<u32>,
    /// Protected names by exact spelling.
    names: KeyMap<u8>,
    /// Protected names by folded spelling (أ إ آ → ا), consulted for words written
    /// without hamza-alef (gazetteers and writers often drop the hamza).
    names_folded: KeyMap<u8>,
    no_split: KeyMap<()>,
    non_article: KeyMap<()>,
    hosts: KeyMap<()>,
    ya_hosts: KeyMap<()>,
}

static GLOBAL: LazyLock<CliticSplitter> = LazyLock::new(|| {
    CliticSplitter::from_data(LEXICON_DATA, NAMES_DATA).expect("embedded clitic lexicon")
});

impl CliticSplitter {
    /// The splitter built from the embedded data (built on first use, a few milliseconds).
    pub fn global() -> &'static CliticSplitter {
        &GLOBAL
    }

    /// Build from a binary lexicon (see [`lexicon`]) and a name list (one name per line;
    /// multi-word lines protect each word; `#` starts a comment line).
    pub fn from_data(lexicon: &[u8], names: &str) -> Result<Self, lexicon::LexiconError> {
        let mut freq = KeyMap::default();
        freq.reserve(140_000);
        decode_lexicon(lexicon, |w, f| {
            if let Some(k) = key_of(w) {
                freq.insert(k, f.min(u32::MAX as u64) as u32);
            }
        })?;
        let mut s = CliticSplitter {
            freq,
            names: KeyMap::default(),
            names_folded: KeyMap::default(),
            no_split: rules::key_set(rules::NO_SPLIT),
            non_article: rules::key_set(rules::NON_ARTICLE),
            hosts: rules::key_set(rules::ENCLITIC_HOSTS),
            ya_hosts: rules::key_set(rules::YA_HOSTS),
        };
        let lines = names
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(|l| l.split_whitespace())
            .chain(rules::PROTECTED_EXTRA.iter().copied());
        for name in lines {
            s.add_name(name);
        }
        Ok(s)
    }

    fn add_name(&mut self, name: &str) {
        let Some(codes) = lexicon::codes_of(name) else {
            return;
        };
        if codes.len() < 2 {
            return;
        }
        let mut flags = PROTECTED;
        if codes.len() >= 2
            && matches!(codes[0], ALEF_HAMZA_ABOVE | ALEF_HAMZA_BELOW | ALEF_MADDA)
            && codes[1] == LAM
        {
            flags |= NO_ARTICLE;
        }
        if let Some(k) = key_of(&codes) {
            *self.names.entry(k).or_insert(0) |= flags;
        }
        if let Some(k) = folded_key(&codes) {
            *self.names_folded.entry(k).or_insert(0) |= flags;
        }
    }

    /// Number of lexicon entries and protected names.
    pub fn sizes(&self) -> (usize, usize) {
        (self.freq.len(), self.names.len())
    }

    /// Frequency of a word in the lexicon (0 if absent); `word` may carry harakat.
    pub fn frequency(&self, word: &str) -> u64 {
        lexicon::codes_of(word).map_or(0, |c| self.freq_of(&c))
    }

    /// True if `word` is a protected name (a word written without hamza-alef also matches
    /// names spelled with one).
    pub fn is_protected(&self, word: &str) -> bool {
        Word::parse(word).is_some_and(|w| self.name_flags(w.codes()) & PROTECTED != 0)
    }

    /// Split `word` (one token as it appears in text; harakat and tatweel allowed).
    /// Words with characters other than Arabic letters and marks are returned whole.
    pub fn split(&self, word: &str) -> CliticSplit {
        let n_chars = word.chars().count();
        let Some(w) = Word::parse(word) else {
            let form: String = word
                .chars()
                .filter(|&c| {
                    !crate::chars::is_arabic_word_mark(c) && !crate::chars::is_invisible(c)
                })
                .collect();
            return CliticSplit {
                proclitics: Vec::new(),
                base: Segment {
                    start: 0,
                    end: n_chars,
                    form,
                },
                article: None,
                enclitic: None,
            };
        };
        let l = self.analyze_letters(w.codes());
        self.build_split(&w, &l)
    }

    /// Allocation-free analysis with the same decisions as [`split`](Self::split).
    pub fn analyze(&self, word: &str) -> CliticAnalysis {
        let Some(w) = Word::parse(word) else {
            return CliticAnalysis::whole(word.chars().count());
        };
        let l = self.analyze_letters(w.codes());
        to_analysis(&w, &l)
    }

    fn build_split(&self, w: &Word, l: &Letters) -> CliticSplit {
        let a = to_analysis(w, l);
        let codes = w.codes();
        let proclitics = a
            .proclitics()
            .map(|(p, s, e)| Segment {
                start: s,
                end: e,
                form: p.form().to_string(),
            })
            .collect();
        let base_first = l.n_pro;
        let base_last = l.enclitic.map_or(w.n, |(_, i)| i);
        let mut form = String::with_capacity((base_last - base_first) * 2 + 4);
        let mut stem = &codes[base_first..base_last];
        match l.article {
            Some(ArticleKind::AfterLam) => {
                form.push_str("ال");
                stem = &stem[1..];
            }
            Some(ArticleKind::Elided) => form.push_str("ال"),
            _ => {}
        }
        let (last, keep) = match (l.restore, stem.split_last()) {
            (StemRestore::None, _) | (_, None) => (None, stem),
            (StemRestore::TaMarbuta, Some((_, init))) => (Some("ة"), init),
            (StemRestore::AlefMaqsura, Some((_, init))) => (Some("ى"), init),
            (StemRestore::WawAlef, Some(_)) => (Some("ا"), stem),
            (StemRestore::Hamza, Some((_, init))) => (Some("ء"), init),
        };
        form.extend(keep.iter().map(|&c| letter_of(c)));
        if let Some(x) = last {
            form.push_str(x);
        }
        let (bs, be) = a.base_span();
        CliticSplit {
            proclitics,
            base: Segment {
                start: bs,
                end: be,
                form,
            },
            article: a.article().map(|(_, s, e)| Segment {
                start: s,
                end: e,
                form: "ال".to_string(),
            }),
            enclitic: a.enclitic().map(|(e, s, end)| Segment {
                start: s,
                end,
                form: e.form().to_string(),
            }),
        }
    }

    // ---- lookups -------------------------------------------------------------------

    #[inline]
    fn freq_of(&self, codes: &[u8]) -> u64 {
        key_of(codes)
            .and_then(|k| self.freq.get(&k))
            .map_or(0, |&f| f as u64)
    }

    /// Frequency of the concatenation `a + b`.
    #[inline]
    fn freq_cat(&self, a: &[u8], b: &[u8]) -> u64 {
        if a.len() + b.len() > MAX_KEY_LETTERS || a.len() + b.len() == 0 {
            return 0;
        }
        let k = extend_key(extend_key(0, a), b);
        self.freq.get(&k).map_or(0, |&f| f as u64)
    }

    #[inline]
    fn name_flags(&self, codes: &[u8]) -> u8 {
        let Some(k) = key_of(codes) else {
            return 0;
        };
        let exact = self.names.get(&k).copied().unwrap_or(0);
        if codes
            .iter()
            .any(|&c| matches!(c, ALEF_HAMZA_ABOVE | ALEF_HAMZA_BELOW | ALEF_MADDA))
        {
            exact
        } else {
            exact | self.names_folded.get(&k).copied().unwrap_or(0)
        }
    }

    #[inline]
    fn is_protected_codes(&self, codes: &[u8]) -> bool {
        self.name_flags(codes) & PROTECTED != 0
    }

    #[inline]
    fn in_set(set: &KeyMap<()>, codes: &[u8]) -> bool {
        key_of(codes).is_some_and(|k| set.contains_key(&k))
    }

    fn no_split(&self, codes: &[u8]) -> bool {
        Self::in_set(&self.no_split, codes)
    }

    // ---- decisions -----------------------------------------------------------------

    fn analyze_letters(&self, w: &[u8]) -> Letters {
        let mut l = Letters::whole();
        let n = w.len();
        if n < 2 {
            return l;
        }
        if self.is_protected_codes(w) || self.no_split(w) {
            l.article = self.article_of(w);
            return l;
        }
        // Layer 1: conjunction.
        let mut i = 0;
        if n >= 3 {
            let p = match w[0] {
                WAW => Some(Proclitic::Wa),
                FEH => Some(Proclitic::Fa),
                _ => None,
            };
            if let Some(p) = p {
                if self.accept_proclitic(w, p) {
                    l.push(p);
                    i = 1;
                }
            }
        }
        // Layer 2: preposition or future marker.
        let rest = &w[i..];
        if rest.len() >= 2 && (i == 0 || !(self.is_protected_codes(rest) || self.no_split(rest))) {
            // ل / ب + pronoun: لها, بهم (ل and ب are the host).
            if matches!(rest[0], LAM | BEH) && !self.no_split(rest) {
                if let Some(e) = Enclitic::of_codes(&rest[1..]) {
                    if !e.is_first_singular() {
                        l.enclitic = Some((e, i + 1));
                        return l;
                    }
                }
            }
            match rest[0] {
                LAM if rest.len() >= 3 && rest[1] == LAM => {
                    if let Some(kind) = self.lil_article(rest) {
                        l.push(Proclitic::Li);
                        l.article = Some(kind);
                        return l;
                    }
                }
                LAM | BEH | KAF if rest.len() >= 3 => {
                    let p = match rest[0] {
                        LAM => Proclitic::Li,
                        BEH => Proclitic::Bi,
                        _ => Proclitic::Ka,
                    };
                    if self.accept_proclitic(rest, p) {
                        l.push(p);
                        i += 1;
                    }
                }
                SEEN if rest.len() >= 4
                    && matches!(rest[1], YEH | TEH | NOON | ALEF_HAMZA_ABOVE)
                    && self.accept_proclitic(rest, Proclitic::Sa) =>
                {
                    l.push(Proclitic::Sa);
                    i += 1;
                }
                _ => {}
            }
        }
        let base = &w[i..];
        if i > 0 && (self.is_protected_codes(base) || self.no_split(base)) {
            l.article = self.article_of(base);
            return l;
        }
        if let Some(a) = self.article_of(base) {
            l.article = Some(a);
            return l;
        }
        if let Some((e, stem_len, restore)) = self.enclitic_of(base) {
            l.enclitic = Some((e, i + stem_len));
            l.restore = restore;
        }
        l
    }

    /// The written article at the start of `base`, if `ال` there is the article: not a
    /// listed exception, not a name spelled أل…, and `base` does not itself take the
    /// article or a pronoun enclitic (التزام → الالتزام, التزامه: ال is part of the word).
    fn article_of(&self, base: &[u8]) -> Option<ArticleKind> {
        if base.len() < 4 || base[..2] != ART || Self::in_set(&self.non_article, base) {
            return None;
        }
        // A name spelled أل… (ألمانيا) written without hamza, unless the rest is a word
        // (الزيت is ال + زيت even though a place ألزيت exists).
        if self.name_flags(base) & NO_ARTICLE != 0 && self.freq_of(&base[2..]) < MIN_FREQ {
            return None;
        }
        // Not ه: ة is often written ه (المسانده for المساندة).
        let mut a = self.freq_cat(&ART, base);
        for x in &EVIDENCE_ENCLITICS[1..] {
            a += self.freq_cat(base, x);
        }
        if a >= MIN_EVIDENCE && a * 100 >= self.freq_of(base) * EVIDENCE_PCT {
            return None;
        }
        Some(ArticleKind::Written)
    }

    /// `rest` = لل…: ل + article. Returns how the article is written if attested.
    fn lil_article(&self, rest: &[u8]) -> Option<ArticleKind> {
        if self.no_split(rest) {
            return None;
        }
        let x = &rest[2..]; // ل + ال + x, written لل + x
        let normal = if x.len() >= 2 {
            let f = self.freq_cat(&ART, x);
            if f >= MIN_FREQ || (x.len() >= 3 && self.freq_of(x) >= MIN_FREQ) {
                f.max(MIN_FREQ)
            } else {
                0
            }
        } else {
            0
        };
        // ل + ال + لx', written لل + x' (x' = rest[2..], stem = rest[1..]).
        let elided = self.freq_cat(&ART, &rest[1..]);
        if normal == 0 && elided < MIN_FREQ {
            return None;
        }
        Some(if elided > normal {
            ArticleKind::Elided
        } else {
            ArticleKind::AfterLam
        })
    }

    /// Is `r` (what remains after a proclitic) attested, directly or through an analysis?
    fn attested(&self, r: &[u8], depth: u8) -> bool {
        if self.freq_of(r) >= MIN_FREQ || self.is_protected_codes(r) {
            return true;
        }
        if r.len() >= 5 && r[..2] == ART && self.freq_of(&r[2..]) >= MIN_FREQ {
            return true;
        }
        if r.len() >= 3 && r[0] == LAM && r[1] == LAM && self.lil_article(r).is_some() {
            return true;
        }
        if self.enclitic_of(r).is_some() {
            return true;
        }
        depth > 0
            && r.len() >= 4
            && matches!(r[0], BEH | LAM | KAF)
            && self.attested(&r[1..], depth - 1)
    }

    /// Should `cur` = p + r be split?
    fn accept_proclitic(&self, cur: &[u8], p: Proclitic) -> bool {
        if !self.accept_proclitic_simple(cur, p) {
            return false;
        }
        // If the word minus a pronoun enclitic is a function word or more frequent than
        // `r`, the proclitic must also be right for that stem (بعده is بعد + ه, not
        // ب + عده; ولادته is ولادة + ه, not و + لادته).
        let fr = self.freq_of(&cur[1..]);
        for e in Enclitic::ALL {
            let ec = e.codes();
            if cur.len() < ec.len() + 3 || !cur.ends_with(ec) {
                continue;
            }
            let s = &cur[..cur.len() - ec.len()];
            let (restore, fs, host) = self.stem_variant(s, e);
            let mut buf = [0u8; MAX_WORD + 1];
            let v = restored(s, restore, &mut buf);
            let function = host || self.no_split(v);
            if function || fs >= MIN_FREQ {
                if (function || fs > fr) && !self.accept_proclitic_simple(v, p) {
                    return false;
                }
                break;
            }
        }
        true
    }

    fn accept_proclitic_simple(&self, cur: &[u8], p: Proclitic) -> bool {
        let r = &cur[1..];
        if r.len() < 2 || self.no_split(cur) || self.is_protected_codes(cur) {
            return false;
        }
        let r_article = r.len() >= 2 && r[..2] == ART;
        if r_article && r.len() < 4 {
            return false;
        }
        let prep = matches!(p, Proclitic::Bi | Proclitic::Li | Proclitic::Ka);
        // A preposition never precedes ل/ب + pronoun (كله is كل + ه, not ك + له).
        if prep && matches!(r[0], LAM | BEH) && Enclitic::of_codes(&r[1..]).is_some() {
            return false;
        }
        if p == Proclitic::Ka && r.len() < 3 {
            return false;
        }
        // After س the verb is indicative: it never ends in ا (سيدا is not س + يدا).
        if p == Proclitic::Sa && r.last() == Some(&ALEF) {
            return false;
        }
        if !self.attested(r, 1) {
            return false;
        }
        let fw = self.freq_of(cur);
        let fr = self.freq_of(r).max(MIN_FREQ);
        // Lexical evidence: `cur` itself takes prefixes that cannot stand before p.
        let evidence = self.prefix_evidence(cur, p);
        if evidence >= MIN_EVIDENCE && evidence * 100 >= fw * EVIDENCE_PCT {
            return false;
        }
        let (num, den) = p.max_ratio(if r_article { usize::MAX } else { r.len() });
        fw * den <= fr * num
    }

    /// Frequency of `x + cur` over prefixes `x` that cannot precede the proclitic `p`.
    fn prefix_evidence(&self, cur: &[u8], p: Proclitic) -> u64 {
        let mut a = self.freq_cat(&ART, cur);
        let singles: &[u8] = match p {
            // Not ب / ك: بو… and كو… start many names (بوروسيا, بونجاح, كوريا).
            Proclitic::Wa | Proclitic::Fa => &[LAM, WAW, FEH],
            Proclitic::Bi | Proclitic::Ka => &[BEH, LAM, KAF],
            // ك + ل… is mostly the word كل (كلما), not ك + a ل-word.
            Proclitic::Li => &[BEH],
            Proclitic::Sa => &[BEH, KAF],
        };
        for &x in singles {
            a += self.freq_cat(&[x], cur);
        }
        a
    }

    /// Best spelling of an enclitic's stem: `(restore, freq, is_host)`.
    fn stem_variant(&self, s: &[u8], e: Enclitic) -> (StemRestore, u64, bool) {
        let mut best = (StemRestore::None, self.freq_of(s), self.is_host(s, e));
        let restore = match s.last() {
            Some(&TEH) => StemRestore::TaMarbuta,
            Some(&YEH) | Some(&ALEF) => StemRestore::AlefMaqsura,
            Some(&WAW) => StemRestore::WawAlef,
            Some(&YEH_HAMZA) | Some(&WAW_HAMZA) => StemRestore::Hamza,
            _ => return best,
        };
        let mut buf = [0u8; MAX_WORD + 1];
        let v = restored(s, restore, &mut buf);
        let f = self.freq_of(v);
        let host = self.is_host(v, e);
        if (host && !best.2) || (host == best.2 && f > best.1) {
            best = (restore, f, host);
        }
        best
    }

    fn is_host(&self, s: &[u8], e: Enclitic) -> bool {
        if e.is_first_singular() {
            Self::in_set(&self.ya_hosts, s)
        } else {
            Self::in_set(&self.hosts, s)
        }
    }

    /// Pronoun enclitic of a base without article: `(enclitic, stem length, restore)`.
    fn enclitic_of(&self, b: &[u8]) -> Option<(Enclitic, usize, StemRestore)> {
        if b.len() < 3 || self.no_split(b) || self.is_protected_codes(b) {
            return None;
        }
        let fb = self.freq_of(b);
        let mut evidence_checked = false;
        for e in Enclitic::ALL {
            let ec = e.codes();
            if b.len() < ec.len() + 2 || !b.ends_with(ec) {
                continue;
            }
            let s = &b[..b.len() - ec.len()];
            let (restore, fs, host) = self.stem_variant(s, e);
            if host {
                return Some((e, s.len(), restore));
            }
            // ي / ني, كن / كما only on hosts; ك / كم need an attested word and a stem of
            // at least 3 letters (ك ends many foreign names: باسوك).
            if e.is_first_singular()
                || matches!(e, Enclitic::Kunna | Enclitic::Kuma)
                || (e.is_second_person() && (s.len() < 3 || fb < MIN_FREQ))
                || fs < MIN_FREQ
            {
                continue;
            }
            if !evidence_checked {
                // `b` is a stem in its own right if it takes the article or an enclitic.
                let mut a = self.freq_cat(&ART, b);
                for x in EVIDENCE_ENCLITICS {
                    a += self.freq_cat(b, x);
                }
                if a >= MIN_EVIDENCE && a * 100 >= fb * EVIDENCE_PCT {
                    return None;
                }
                evidence_checked = true;
            }
            // ها / نا / هما / كما: the final ا may be the accusative ending of a noun
            // ending in ه / ن (وجها, ثمنا).
            if ec.last() == Some(&ALEF) {
                let t = &b[..b.len() - 1];
                let ft = self.freq_of(t);
                let fat = self.freq_cat(&ART, t);
                if ft >= MIN_FREQ && fat >= MIN_EVIDENCE && fat * 100 >= ft * EVIDENCE_PCT {
                    continue;
                }
            }
            // Second person is rare in news and ك / كم / كن end many words (تنتهك):
            // the stem must be far more frequent than the word.
            // A two-letter stem must be at least as frequent as the word (نوه is not نو + ه).
            let ok = if e.is_second_person() {
                fb * 10 <= fs
            } else if s.len() == 2 {
                fb <= fs
            } else {
                fb <= fs * ENCLITIC_RATIO
            };
            if !ok {
                continue;
            }
            return Some((e, s.len(), restore));
        }
        None
    }
}

/// The stem `s` as spelled in isolation under `restore`.
fn restored<'b>(s: &[u8], restore: StemRestore, buf: &'b mut [u8; MAX_WORD + 1]) -> &'b [u8] {
    let n = s.len().min(MAX_WORD);
    buf[..n].copy_from_slice(&s[..n]);
    match restore {
        StemRestore::None => &buf[..n],
        StemRestore::TaMarbuta => {
            buf[n - 1] = TEH_MARBUTA;
            &buf[..n]
        }
        StemRestore::AlefMaqsura => {
            buf[n - 1] = ALEF_MAQSURA;
            &buf[..n]
        }
        StemRestore::WawAlef => {
            buf[n] = ALEF;
            &buf[..n + 1]
        }
        StemRestore::Hamza => {
            buf[n - 1] = HAMZA;
            &buf[..n]
        }
    }
}

fn folded_key(codes: &[u8]) -> Option<u128> {
    if codes.is_empty() || codes.len() > MAX_KEY_LETTERS {
        return None;
    }
    let mut k = 0u128;
    for &c in codes {
        k = (k << 6) | fold_code(c) as u128;
    }
    Some(k)
}

fn to_analysis(w: &Word, l: &Letters) -> CliticAnalysis {
    let pos = |i: usize| w.pos[i];
    let mut a = CliticAnalysis::whole(w.pos[w.n] as usize);
    a.n_pro = l.n_pro as u8;
    a.pro = l.pro;
    for i in 0..l.n_pro {
        a.pro_spans[i] = (pos(i), pos(i + 1));
    }
    let base_first = l.n_pro;
    let base_end = l.enclitic.map_or(w.pos[w.n], |(_, i)| pos(i));
    a.base = (pos(base_first), base_end);
    if let Some((e, i)) = l.enclitic {
        a.enclitic = Some((e, pos(i), w.pos[w.n]));
    }
    a.restore = l.restore;
    a.article = l.article.map(|k| {
        let s = pos(base_first);
        let e = match k {
            ArticleKind::Written => pos(base_first + 2),
            ArticleKind::AfterLam => pos(base_first + 1),
            ArticleKind::Elided => s,
        };
        (k, s, e)
    });
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> CliticSplitter {
        let words: &[(&str, u64)] = &[
            ("الإمارات", 1000),
            ("والإمارات", 100),
            ("برلين", 200),
            ("كتاب", 500),
            ("كتابه", 50),
            ("سياسة", 800),
            ("في", 100_000),
            ("قال", 5000),
            ("وقال", 9000),
            ("الفيلم", 900),
            ("اللجنة", 900),
            ("الجنة", 30),
            ("يكون", 3000),
        ];
        let entries: Vec<(Vec<u8>, u64)> = words
            .iter()
            .map(|(w, f)| (lexicon::codes_of(w).unwrap(), *f))
            .collect();
        CliticSplitter::from_data(&lexicon::encode_lexicon(&entries), "لبنان\nوارسو\n").unwrap()
    }

    #[test]
    fn tiny_lexicon_splits() {
        let s = tiny();
        assert_eq!(s.split("والإمارات").segments(), ["و", "ال", "إمارات"]);
        assert_eq!(s.split("وبرلين").segments(), ["و", "برلين"]);
        assert_eq!(s.split("وقال").segments(), ["و", "قال"]);
        assert_eq!(s.split("كتابه").segments(), ["كتاب", "ه"]);
        assert_eq!(s.split("سياستها").segments(), ["سياسة", "ها"]);
        assert_eq!(s.split("فيه").segments(), ["في", "ه"]);
        assert_eq!(s.split("للفيلم").segments(), ["ل", "ال", "فيلم"]);
        assert_eq!(s.split("للجنة").segments(), ["ل", "ال", "لجنة"]);
        assert_eq!(s.split("سيكون").segments(), ["س", "يكون"]);
        assert_eq!(s.split("لبنان").segments(), ["لبنان"]);
        assert_eq!(s.split("وارسو").segments(), ["وارسو"]);
        assert_eq!(s.split("لها").segments(), ["ل", "ها"]);
    }

    #[test]
    fn spans_with_marks() {
        let s = tiny();
        let x = s.split("وَالإِمَارَات");
        assert_eq!(x.proclitics[0].start, 0);
        assert_eq!(x.proclitics[0].end, 2);
        assert_eq!(x.base_span(), (2, 13));
        assert_eq!(x.base.form, "الإمارات");
        let x = s.split("للفيلم");
        assert_eq!(x.base_span(), (1, 6));
        assert_eq!(x.base.form, "الفيلم");
        assert_eq!(x.article.as_ref().map(|a| (a.start, a.end)), Some((1, 2)));
        assert_eq!(x.boundaries(), [1, 2]);
        let x = s.split("للجنة");
        assert_eq!(x.base.form, "اللجنة");
        assert_eq!(x.boundaries(), [1]);
        let x = s.split("Gaza");
        assert!(!x.is_split());
        assert_eq!(x.base_span(), (0, 4));
        let a = s.analyze("وَالإِمَارَات");
        assert_eq!(a.base_span(), (2, 13));
        assert!(a.is_split());
    }
}
