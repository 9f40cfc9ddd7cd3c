//! Named-entity recognition for Arabic news: PER, ORG, LOC, MISC.
//!
//! A first-order sequence tagger (structured averaged perceptron, Viterbi with
//! IOB2 constraints; see [`perceptron`] for why not the `crfs` CRF) trained in
//! this repository on ANERcorp (`marsad ner train`), over clitic-aware hashed
//! features ([`features`]): normalized and clitic-stripped forms, affixes, shape,
//! a ±2 window, word clusters learned in-project from unlabeled news
//! ([`clusters`]) and gazetteer matches ([`gazetteer`]). The trained model is
//! committed (`data/ner.model`) and loaded lazily.
//!
//! [`NerModel::tag`] labels a token sequence with IOB2 tags; [`NerModel::mentions`]
//! turns them into mentions whose span excludes a proclitic on the first token
//! (`وإسرائيل` → `إسرائيل`). [`NerModel::tag_document`] tags an article: a second
//! pass sees what the first said about the same words elsewhere in it, and a family
//! name found in a full name is tagged where the article repeats it alone
//! ([`propagate_family_names`]).
//!
//! Optionally ([`neural`], `marsad ner train --neural`), a BiLSTM-CRF over word
//! vectors learned in-project ([`vectors`]) is stacked on the perceptron's tags.
//! Measured on 5-fold cross-validation of ANERcorp train it adds +0.2 F1 at a
//! fraction of the speed, so the committed model is the perceptron alone.

pub mod clusters;
pub mod conll;
pub mod crf;
pub mod eval;
pub mod features;
pub mod gazetteer;
pub mod neural;
pub mod perceptron;
pub mod vectors;

use crate::gazetteer::Gazetteer;
use clusters::Clusters;
use conll::TaggedSentence;
use features::{DocMemory, FeatureSink, Role, ROLES};
use perceptron::{Example, Model, LABELS};
use std::cell::RefCell;
use std::collections::HashSet;
use std::io;
use std::path::Path;
use std::sync::LazyLock;

/// The committed model (trained by `marsad ner train`).
static BUILTIN_MODEL: &[u8] = include_bytes!("../data/ner.model");

static BUILTIN: LazyLock<Result<NerModel, String>> =
    LazyLock::new(|| NerModel::from_bytes(BUILTIN_MODEL).map_err(|e| e.to_string()));

thread_local! {
    static SINK: RefCell<FeatureSink> = RefCell::new(FeatureSink::default());
    static WORD_SCORES: RefCell<WordScores> = RefCell::new(WordScores::default());
}

/// Per-thread cache of the summed weights of each word type's context-free
/// features, per model and [`Role`]: most of a token's features depend on one
/// word alone, and news text repeats its words.
#[derive(Default)]
struct WordScores {
    map: std::collections::HashMap<
        u64,
        [[f32; perceptron::L]; ROLES],
        std::hash::BuildHasherDefault<perceptron::IdHasher>,
    >,
    scratch: FeatureSink,
    affix: String,
}

/// Word types kept per thread before the cache starts afresh (~12 MB).
const WORD_SCORES_CAP: usize = 1 << 16;

const WINDOW: [(isize, Role); ROLES] = [
    (0, Role::Own),
    (-2, Role::Before2),
    (-1, Role::Before1),
    (1, Role::After1),
    (2, Role::After2),
];

/// A loaded model: a first-pass tagger and, optionally, a second pass that also
/// sees what the first pass said about the same words elsewhere in the document.
pub struct NerModel {
    model: Model,
    second: Option<Model>,
    /// A neural tagger stacked on the perceptron's tags ([`neural`]), if trained.
    net: Option<neural::NeuralTagger>,
}

/// A mention found by [`NerModel::mentions`]: tokens `[start_token, end_token)`,
/// and how many code points of the first token are a proclitic outside the name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenMention {
    pub start_token: usize,
    pub end_token: usize,
    pub label: String,
    pub skip_prefix: usize,
}

impl NerModel {
    /// The committed model, loaded on first use.
    pub fn builtin() -> Result<&'static NerModel, String> {
        BUILTIN
            .as_ref()
            .map_err(|e| format!("the embedded NER model cannot be loaded: {e}"))
    }

    pub fn from_bytes(bytes: &[u8]) -> io::Result<NerModel> {
        if let Some(rest) = bytes.strip_prefix(b"MNS1") {
            // The perceptron (length-prefixed), then the network stacked on it.
            let bad = || io::Error::new(io::ErrorKind::InvalidData, "bad NER model: truncated");
            let len =
                u64::from_le_bytes(rest.get(..8).ok_or_else(bad)?.try_into().expect("8")) as usize;
            let mut base = NerModel::from_bytes(rest.get(8..8 + len).ok_or_else(bad)?)?;
            base.net = Some(neural::NeuralTagger::from_bytes(
                rest.get(8 + len..).ok_or_else(bad)?,
            )?);
            return Ok(base);
        }
        if let Some(rest) = bytes.strip_prefix(b"MNR2") {
            let bad = || io::Error::new(io::ErrorKind::InvalidData, "bad NER model: truncated");
            let len =
                u64::from_le_bytes(rest.get(..8).ok_or_else(bad)?.try_into().expect("8")) as usize;
            let first = rest.get(8..8 + len).ok_or_else(bad)?;
            let second = rest.get(8 + len..).ok_or_else(bad)?;
            return Ok(NerModel {
                model: Model::from_bytes(first)?,
                second: Some(Model::from_bytes(second)?),
                net: None,
            });
        }
        Ok(NerModel {
            model: Model::from_bytes(bytes)?,
            second: None,
            net: None,
        })
    }

    /// Load a model file.
    pub fn load(path: &Path) -> io::Result<NerModel> {
        NerModel::from_bytes(&std::fs::read(path)?)
    }

    pub fn num_features(&self) -> usize {
        self.model.num_features() + self.second.as_ref().map_or(0, |m| m.num_features())
    }

    fn tag_prepared(
        model: &Model,
        p: &features::Prepared,
        gaz: &Gazetteer,
        doc: Option<&DocMemory>,
    ) -> Vec<String> {
        if p.infos.is_empty() {
            return Vec::new();
        }
        const L: usize = perceptron::L;
        let n = p.infos.len();
        let mut scores = vec![0f32; n * L];
        WORD_SCORES.with(|ws| {
            let ws = &mut *ws.borrow_mut();
            if ws.map.len() >= WORD_SCORES_CAP {
                ws.map.clear();
            }
            let salt = model.id().wrapping_mul(0x9E37_79B9_7F4A_7C15);
            for j in 0..n {
                let entry = ws.map.entry(p.keys[j] ^ salt).or_insert_with(|| {
                    let mut v = [[0f32; L]; ROLES];
                    for (_, role) in WINDOW {
                        ws.scratch.clear();
                        features::word_role_features(
                            &p.infos[j],
                            p.freq[j],
                            role,
                            &mut ws.scratch,
                            &mut ws.affix,
                        );
                        ws.scratch.end_token();
                        model.add_scores(ws.scratch.token(0), &mut v[role as usize]);
                    }
                    v
                });
                // Word j in role r feeds the token at j − d, where d is r's offset.
                for (d, role) in WINDOW {
                    let i = j as isize - d;
                    if i >= 0 && (i as usize) < n {
                        let row = &mut scores[i as usize * L..(i as usize + 1) * L];
                        for (r, w) in row.iter_mut().zip(&entry[role as usize]) {
                            *r += w;
                        }
                    }
                }
            }
        });
        SINK.with(|sink| {
            let mut sink = sink.borrow_mut();
            for i in 0..n {
                sink.clear();
                features::context_features(p, i, gaz, doc, &mut sink);
                sink.end_token();
                model.add_scores(sink.token(0), &mut scores[i * L..(i + 1) * L]);
            }
        });
        model
            .decode_scores(n, &scores)
            .into_iter()
            .map(|y| LABELS[y].to_string())
            .collect()
    }

    /// IOB2 tags for every sentence of one document (an article).
    pub fn tag_document(&self, sentences: &[Vec<&str>], gaz: &Gazetteer) -> Vec<Vec<String>> {
        let mut tags = self.tag_document_stacked(sentences, gaz);
        // Only the finished tagger: the jackknifed first passes that train the
        // second pass must show it what the tagger alone says.
        if self.second.is_some() {
            propagate_family_names(sentences, &mut tags);
            for (toks, tg) in sentences.iter().zip(tags.iter_mut()) {
                split_coordinated_names(toks, tg, gaz);
                drop_name_introducers(toks, tg);
                include_kunya(toks, tg);
                drop_month_names(toks, tg);
                join_letter_abbreviations(toks, tg, gaz);
                join_gazetteer_names(toks, tg, gaz);
                name_after_org_head(toks, tg);
                tag_currencies(toks, tg);
                drop_bare_head_nouns(toks, tg);
            }
        }
        tags
    }

    fn tag_document_stacked(&self, sentences: &[Vec<&str>], gaz: &Gazetteer) -> Vec<Vec<String>> {
        let perceptron = self.tag_document_perceptron(sentences, gaz);
        let Some(net) = &self.net else {
            return perceptron;
        };
        let vectors = match vectors::Vectors::builtin() {
            Ok(v) => v,
            Err(_) => return perceptron,
        };
        sentences
            .iter()
            .zip(&perceptron)
            .map(|(toks, tags)| {
                let prior: Vec<usize> = tags.iter().map(|t| perceptron::label_index(t)).collect();
                let input = neural::sentence_input(toks, &prior, gaz, vectors, net.char_buckets());
                neural::label_names(&net.tag(&input))
            })
            .collect()
    }

    /// Whether a neural tagger is stacked on the perceptron.
    pub fn is_stacked(&self) -> bool {
        self.net.is_some()
    }

    /// The perceptron's tags alone (both passes).
    pub fn tag_document_perceptron(
        &self,
        sentences: &[Vec<&str>],
        gaz: &Gazetteer,
    ) -> Vec<Vec<String>> {
        let prepared: Vec<features::Prepared> = sentences
            .iter()
            .map(|s| features::prepare(s, gaz, Clusters::builtin()))
            .collect();
        let first: Vec<Vec<String>> = prepared
            .iter()
            .map(|p| Self::tag_prepared(&self.model, p, gaz, None))
            .collect();
        let Some(second) = &self.second else {
            return first;
        };
        let mut mem = DocMemory::default();
        for (p, t) in prepared.iter().zip(&first) {
            mem.add_infos(&p.infos, t);
        }
        prepared
            .iter()
            .map(|p| Self::tag_prepared(second, p, gaz, Some(&mem)))
            .collect()
    }

    /// IOB2 tags for one sentence taken on its own.
    pub fn tag(&self, tokens: &[&str], gaz: &Gazetteer) -> Vec<String> {
        self.tag_document(&[tokens.to_vec()], gaz)
            .pop()
            .unwrap_or_default()
    }

    /// Mentions of a sentence.
    pub fn mentions(&self, tokens: &[&str], gaz: &Gazetteer) -> Vec<TokenMention> {
        let tags = self.tag(tokens, gaz);
        mentions_from_tags(tokens, &tags)
    }
}

/// A family name the tagger found in a full name (`بهاء الاعرجي`) names the same
/// person where the article repeats it alone (`وقال الاعرجي`): tag those untagged
/// occurrences too. Only the last word of person names of two or more words, of at
/// least four letters, and only where the word stands outside any other name.
pub fn propagate_family_names(sentences: &[Vec<&str>], tags: &mut [Vec<String>]) {
    let key = |t: &str| marsad_text::key::base_key(t);
    let mut family: HashSet<String> = HashSet::new();
    for (toks, tg) in sentences.iter().zip(tags.iter()) {
        for (s, e, label) in eval::chunks(tg) {
            if label == "PER" && e - s >= 2 {
                let k = key(toks[e - 1]);
                // Not a family name: an ancestor after `بن` (`عبدالعزيز` in `سلمان بن
                // عبدالعزيز`) or a regnal number (`الثاني` in `عبدالله الثاني`).
                let ancestor = matches!(key(toks[e - 2]).as_str(), "بن" | "ابن" | "بنت");
                if k.chars().count() >= 4
                    && k.chars().all(marsad_text::chars::is_arabic_letter)
                    && !ancestor
                    && marsad_text::key::regnal_number(&k).is_none()
                {
                    family.insert(k);
                }
            }
        }
    }
    if family.is_empty() {
        return;
    }
    // A cheap test before the clitic analysis of every word: the last letter
    // (folded as the keys are) must end some family name.
    let fold = |c: char| match c {
        'ة' => 'ه',
        'ى' | 'ئ' => 'ي',
        'ؤ' => 'و',
        'أ' | 'إ' | 'آ' => 'ا',
        c => c,
    };
    let last_letters: HashSet<char> = family.iter().filter_map(|f| f.chars().last()).collect();
    let may_match = |t: &str| {
        t.chars()
            .rev()
            .find(|&c| {
                !marsad_text::chars::is_arabic_word_mark(c) && !marsad_text::chars::is_invisible(c)
            })
            .is_some_and(|c| last_letters.contains(&fold(c)))
    };
    for (toks, tg) in sentences.iter().zip(tags.iter_mut()) {
        for i in 0..toks.len() {
            let outside = |j: usize| tg.get(j).is_none_or(|t| t == "O");
            if tg[i] == "O"
                && (i == 0 || outside(i - 1))
                && outside(i + 1)
                && may_match(toks[i])
                && family.contains(&key(toks[i]))
            {
                tg[i] = "B-PER".to_string();
            }
        }
    }
}

/// Entity labels with their gazetteer types.
const LABEL_TYPES: [(&str, marsad_gazetteer::TypeSet); 4] = [
    ("PER", marsad_gazetteer::TypeSet::PER),
    ("LOC", marsad_gazetteer::TypeSet::LOC),
    ("ORG", marsad_gazetteer::TypeSet::ORG),
    ("MISC", marsad_gazetteer::TypeSet::MISC),
];

/// Two names joined by `و` are two names (`أحمد رمزي وشادية`, `جوجل وأمازون`), and
/// so are two joined by the preposition `ل` (`أردوغان لترامب`, `نتنياهو لإيران`): a
/// token inside a name that is the clitic before a word the gazetteers list as a given
/// name or as a name of its own starts a new name — of the same type after `و`, of the
/// gazetteer's type after `ل` when it has one — unless the token is itself a name word
/// (`وليد`, `ولد`, `لطفي`), looks like a foreign `w` (`وايت`, `وورلد`), or the whole
/// name is a gazetteer entry (`البوسنة والهرسك`).
pub fn split_coordinated_names(tokens: &[&str], tags: &mut [String], gaz: &Gazetteer) {
    use marsad_gazetteer::TypeSet;
    let chunks = eval::chunks(tags);
    for (s, e, label) in chunks {
        if e - s < 2 {
            continue;
        }
        // Where a new name starts, and its type.
        let starts: Vec<(usize, String)> = (s + 1..e)
            .filter_map(|i| {
                let t = tokens[i];
                // `ل` only inside a person's name: in other names it is mostly theirs
                // (`الحزب الديمقراطي لكردستان`).
                let (clitic, rest) = match t.strip_prefix('و') {
                    Some(rest) => ('و', rest),
                    None if label == "PER" => ('ل', t.strip_prefix('ل')?),
                    None => return None,
                };
                // `هاوسر آند ويرث`: the name spells its own "and". A `و` before a
                // long vowel letter is most often a foreign `w` (`وورلد`, `واتش`,
                // `ويرث`), as in `جوراسيك وورلد` and `هيومن رايتس واتش`.
                if clitic == 'و'
                    && (matches!(tokens[i - 1], "آند" | "اند" | "أند" | "&")
                        || rest.starts_with(['و', 'ا', 'ي', 'ى']))
                {
                    return None;
                }
                // The clitic analysis must see the clitic and nothing more before the
                // word: the mention's span then starts after it, and a foreign name
                // that begins with the letter (`وزيري`, `واربي`) stays whole.
                let split = marsad_text::clitic::CliticSplitter::global().split(t);
                if rest.chars().count() < 3 || split.proclitics.last().map_or(0, |p| p.end) != 1 {
                    return None;
                }
                let whole = marsad_text::normalize::normalize_str(
                    t,
                    marsad_text::normalize::Profile::Search,
                );
                if !gaz.word_types(&whole).is_empty() || !gaz.part_types(&whole).is_empty() {
                    return None;
                }
                let k = marsad_text::key::base_key(rest);
                let w = gaz.word_types(&k);
                if !w.intersects(TypeSet::GIVEN) && w.entity().is_empty() {
                    return None;
                }
                let mut own: Vec<&str> = LABEL_TYPES
                    .iter()
                    .filter(|(_, t)| w.entity().contains(*t))
                    .map(|(l, _)| *l)
                    .collect();
                let new_label = match (clitic, own.len()) {
                    ('ل', 1) => own.remove(0).to_string(),
                    _ => label.clone(),
                };
                Some((i, new_label))
            })
            .collect();
        if starts.is_empty() {
            continue;
        }
        if !gaz.name_types(&tokens[s..e].join(" ")).is_empty() {
            continue;
        }
        // Each new name runs to the next one or to the end of the chunk.
        for (n, (i, l)) in starts.iter().enumerate() {
            let end = starts.get(n + 1).map_or(e, |(j, _)| *j);
            tags[*i] = format!("B-{l}");
            for t in &mut tags[i + 1..end] {
                *t = format!("I-{l}");
            }
        }
    }
}

/// Two names of one type side by side that together are a name the gazetteer knows
/// are that one name (`بيونغ يانغ`, `خان يونس`, `دير الزور`: the tagger split
/// `بيونغ يانغ` in 90 of the ANT sample's mentions).
pub fn join_gazetteer_names(tokens: &[&str], tags: &mut [String], gaz: &Gazetteer) {
    let chunks = eval::chunks(tags);
    for pair in chunks.windows(2) {
        let ((s, e, a), (s2, e2, b)) = (&pair[0], &pair[1]);
        // Not across the conjunction: the gazetteer lists pairs (`إثيوبيا وإريتريا`)
        // that are two (a name that begins with `و`, `واشنطن`, is no conjunction).
        let conjunction = || {
            let split = marsad_text::clitic::CliticSplitter::global().split(tokens[*s2]);
            tokens[*s2].starts_with('و') && split.proclitics.first().is_some_and(|p| p.end == 1)
        };
        if e != s2 || a != b || conjunction() {
            continue;
        }
        let ty = LABEL_TYPES.iter().find(|(l, _)| l == a).map(|(_, t)| *t);
        if ty.is_some_and(|ty| gaz.name_types(&tokens[*s..*e2].join(" ")).contains(ty)) {
            tags[*s2] = format!("I-{a}");
        }
    }
}

/// Nouns that head names of organizations and places (search-normalized, without the
/// article) and alone are no name.
const HEAD_NOUNS: [&str; 12] = [
    "منظمه",
    "حزب",
    "جزر",
    "جامعه",
    "بنك",
    "شركه",
    "حركه",
    "جمعيه",
    "هييه",
    "وكاله",
    "موسسه",
    "لجنه",
];

/// A name that is only a head noun is none (`منظمة "الخوذ البيضاء"`: the tagger took
/// `منظمة` alone in 63 ANT mentions, `حزب` in 25, `جزر` in 21).
pub fn drop_bare_head_nouns(tokens: &[&str], tags: &mut [String]) {
    for (s, e, _) in eval::chunks(tags) {
        if e - s == 1 {
            let key = marsad_text::key::base_key(tokens[s]);
            let bare = key.strip_prefix("ال").unwrap_or(&key);
            if HEAD_NOUNS.contains(&bare) {
                tags[s] = "O".to_string();
            }
        }
    }
}

/// Nouns after which a quoted name is an organization's (`صحيفة «الحياة»`,
/// `تنظيم «أنصار الشريعة في تونس»`, `موقع «يوتيوب»`, `شركة «هيوليت باكارد»`), as
/// ANERcorp tags them: the noun and the quotes stay outside the name.
const QUOTED_ORG_HEADS: [&str; 26] = [
    "صحيفة",
    "جريدة",
    "مجلة",
    "وكالة",
    "قناة",
    "إذاعة",
    "شبكة",
    "موقع",
    "شركة",
    "مجموعة",
    "حركة",
    "تنظيم",
    "منظمة",
    "حزب",
    "جمعية",
    "مؤسسة",
    "نادي",
    "فريق",
    "بنك",
    "مصرف",
    "جماعة",
    "جبهة",
    "كتائب",
    "ميليشيا",
    "تحالف",
    "ائتلاف",
];

/// Nouns after which a name of any type names the organization itself
/// (`صحيفة الشرق الأوسط`, `صحيفة مكة`, `نادي نجران`, `شركة بن لادن`). Not `قناة`
/// (`قناة السويس` is a canal) nor `موقع` (a site is also a place).
const ORG_NAME_HEADS: [&str; 6] = ["صحيفة", "جريدة", "مجلة", "وكالة", "شركة", "نادي"];

/// `words`, search-normalized, alone and behind each proclitic run `و ف ب ل ك`
/// (`وصحيفة`, `لشركة`, `وبمجلة`; `ل` + `ال` is written `لل`: `للدولار`).
fn with_proclitics(words: &[&str]) -> HashSet<String> {
    use marsad_text::normalize::{normalize_str, Profile};
    let mut out = HashSet::new();
    for w in words {
        let w = normalize_str(w, Profile::Search);
        for p in [
            "", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك",
        ] {
            out.insert(format!("{p}{w}"));
        }
        if let Some(rest) = w.strip_prefix("ال") {
            for p in ["لل", "ولل", "فلل"] {
                out.insert(format!("{p}{rest}"));
            }
        }
    }
    out
}

/// Words that with a city after them name a sports club (`اتحاد طنجة`, `أولمبيك
/// آسفي`, `دينامو كييف`, `ريال سرقسطة`); not `شباب`/`نهضة`, which are also "youth"
/// and "revival" (`شباب فلسطين`).
const CLUB_HEADS: [&str; 22] = [
    "اتحاد",
    "أولمبيك",
    "اولمبيك",
    "حسنية",
    "دينامو",
    "ستيوا",
    "سيسكا",
    "لوكوموتيف",
    "سبارتاك",
    "أتلتيكو",
    "أتليتكو",
    "ريال",
    "إنتر",
    "بوروسيا",
    "باير",
    "هيرتا",
    "فيردر",
    "سبورتينغ",
    "سبورتنغ",
    "رابيد",
    "مولودية",
    "أولمبياكوس",
];

/// Whether `token` is in `set` (from [`with_proclitics`]). `نادي` must end in `ي`:
/// `نادى` is the verb.
fn in_word_set(token: &str, set: &HashSet<String>) -> bool {
    let word =
        marsad_text::normalize::normalize_str(token, marsad_text::normalize::Profile::Search);
    set.contains(&word) && (!word.ends_with("نادي") || token.ends_with('ي'))
}

fn is_quote(token: &str, open: bool) -> bool {
    let quotes: &[&str] = if open {
        &["«", "\"", "“", "”"]
    } else {
        &["»", "\"", "”", "“"]
    };
    quotes.contains(&token)
}

fn has_alphanumeric(token: &str) -> bool {
    token.chars().any(char::is_alphanumeric)
}

/// An indefinite adjective in scare quotes (`منظمة "إرهابية"`) names nothing.
fn is_scare_quoted(first: &str) -> bool {
    let word =
        marsad_text::normalize::normalize_str(first, marsad_text::normalize::Profile::Search);
    word.ends_with("يه") && !word.starts_with("ال")
}

/// The name an organization's head noun introduces is the organization's: a quoted
/// name of up to six words after one of [`QUOTED_ORG_HEADS`] is ORG whatever the
/// tagger said (it missed `صحيفة «سبق»`, `موقع «يوتيوب»` and took `تنظيم «أنصار
/// الشريعة في تونس»` for the place), and a name of another type right after one of
/// [`ORG_NAME_HEADS`] becomes ORG.
pub fn name_after_org_head(tokens: &[&str], tags: &mut [String]) {
    static QUOTED: LazyLock<HashSet<String>> = LazyLock::new(|| with_proclitics(&QUOTED_ORG_HEADS));
    static NAMED: LazyLock<HashSet<String>> = LazyLock::new(|| with_proclitics(&ORG_NAME_HEADS));
    let n = tokens.len();
    for i in 0..n.saturating_sub(2) {
        // A quoted head noun (`"مجموعة" و"فرد"`) closes its own quotes.
        let quoted_head = i > 0 && is_quote(tokens[i - 1], true);
        if quoted_head || !is_quote(tokens[i + 1], true) || !in_word_set(tokens[i], &QUOTED) {
            continue;
        }
        let Some(close) = (i + 2..n.min(i + 10)).find(|&j| is_quote(tokens[j], false)) else {
            continue;
        };
        // Punctuation the quotes enclose after the name (`«داعش،»`) stays outside.
        let mut end = close;
        while end > i + 2 && !has_alphanumeric(tokens[end - 1]) {
            end -= 1;
        }
        let inside = &tokens[i + 2..end];
        if inside.is_empty()
            || inside.len() > 6
            || !inside.iter().all(|t| has_alphanumeric(t))
            || !inside[0].chars().any(char::is_alphabetic)
            || is_scare_quoted(inside[0])
        {
            continue;
        }
        tags[i + 1] = "O".to_string();
        for (k, t) in tags[i + 2..=close].iter_mut().enumerate() {
            *t = match k {
                0 => "B-ORG".to_string(),
                k if k < inside.len() => "I-ORG".to_string(),
                _ => "O".to_string(),
            };
        }
        if let Some(t) = tags.get_mut(close + 1) {
            if let Some(label) = t.strip_prefix("I-") {
                *t = format!("B-{label}");
            }
        }
    }
    let splitter = marsad_text::clitic::CliticSplitter::global();
    for (s, e, label) in eval::chunks(tags) {
        // The name stands in construct with the noun: `شركة بباريس` is a company
        // in Paris.
        if label != "ORG"
            && s > 0
            && tags[s - 1] == "O"
            && in_word_set(tokens[s - 1], &NAMED)
            && splitter.split(tokens[s]).proclitics.is_empty()
        {
            tags[s] = "B-ORG".to_string();
            for t in &mut tags[s + 1..e] {
                *t = "I-ORG".to_string();
            }
        }
    }
    // A club named after its city: the head word and the city are one name.
    static CLUBS: LazyLock<HashSet<String>> = LazyLock::new(|| with_proclitics(&CLUB_HEADS));
    for (s, e, label) in eval::chunks(tags) {
        if label == "LOC"
            && s > 0
            && (tags[s - 1] == "O" || tags[s - 1] == "B-ORG")
            && in_word_set(tokens[s - 1], &CLUBS)
            && splitter.split(tokens[s]).proclitics.is_empty()
        {
            tags[s - 1] = "B-ORG".to_string();
            for t in &mut tags[s..e] {
                *t = "I-ORG".to_string();
            }
        }
    }
}

/// Currency names as ANERcorp tags them (MISC): singular and accusative forms, with
/// or without the article; not plurals (`الدولارات` is O there), not `ين` (also
/// `بين`'s tail), `مارك` (a given name) or `ريال` (Real Madrid).
const CURRENCIES: [&str; 35] = [
    "دولار",
    "دولارا",
    "الدولار",
    "يورو",
    "اليورو",
    "جنيه",
    "جنيها",
    "الجنيه",
    "درهم",
    "درهما",
    "الدرهم",
    "دراهم",
    "شيكل",
    "شيكلا",
    "الشيكل",
    "فرنك",
    "فرنكا",
    "الفرنك",
    "دينار",
    "دينارا",
    "الدينار",
    "روبل",
    "روبلا",
    "الروبل",
    "ليرة",
    "الليرة",
    "يوان",
    "اليوان",
    "روبية",
    "الروبية",
    "ريالا",
    "بيزو",
    "البيزو",
    "كرونة",
    "الكرونة",
];

/// A currency the tagger left untagged is MISC (`دولارا`, `اليورو`, `بالدولار`: the
/// tagger missed rare forms that its training data tags), and so is `ريال` after an
/// amount (`مليون ريال`), which ANERcorp knows only as Real Madrid; a currency the
/// tagger took for a place (`اليورو` as LOC) is MISC too.
pub fn tag_currencies(tokens: &[&str], tags: &mut [String]) {
    static FORMS: LazyLock<HashSet<String>> = LazyLock::new(|| with_proclitics(&CURRENCIES));
    static STERLING: LazyLock<HashSet<String>> =
        LazyLock::new(|| with_proclitics(&["إسترليني", "الإسترليني"]));
    static RIYAL: LazyLock<HashSet<String>> = LazyLock::new(|| with_proclitics(&["ريال"]));
    static AMOUNTS: LazyLock<HashSet<String>> = LazyLock::new(|| {
        with_proclitics(&[
            "ألف",
            "آلاف",
            "مليون",
            "ملايين",
            "مليار",
            "مليارات",
            "الف",
            "ريالا",
        ])
    });
    for i in 0..tokens.len() {
        // `ريال` after an amount is the riyal, not Real Madrid.
        let amount = |j: usize| {
            tokens[j].chars().any(|c| c.is_numeric()) || in_word_set(tokens[j], &AMOUNTS)
        };
        if i > 0
            && amount(i - 1)
            && in_word_set(tokens[i], &RIYAL)
            && (tags[i] == "O" || tags[i] == "B-ORG")
            && tags.get(i + 1).is_none_or(|t| !t.starts_with("I-"))
        {
            tags[i] = "B-MISC".to_string();
        }
        // A currency alone as a place (`اليورو` as LOC) is the currency.
        let alone = tags.get(i + 1).is_none_or(|t| !t.starts_with("I-"));
        if tags[i] == "B-LOC" && alone && in_word_set(tokens[i], &FORMS) {
            tags[i] = "B-MISC".to_string();
        }
        if tags[i] != "O" {
            continue;
        }
        // `جنيه إسترليني` is one name.
        if in_word_set(tokens[i], &STERLING) {
            if i > 0 && tags[i - 1].ends_with("-MISC") {
                tags[i] = "I-MISC".to_string();
            }
        } else if in_word_set(tokens[i], &FORMS) {
            tags[i] = "B-MISC".to_string();
        }
    }
}

/// Words that introduce a name and are never part of it (`يدعى سامي`, `المدعو
/// عبدالفتاح`, `الركن`, also after `و`/`ف`), compared without diacritics and hamza
/// forms.
const NAME_INTRODUCERS: [&str; 11] = [
    // A military rank's "staff" (`اللواء الركن تركي المالكي`).
    "الركن",
    "يدعي",
    "تدعي",
    "المدعو",
    "المدعوه",
    "يسمي",
    "تسمي",
    "المسمي",
    "المسماه",
    "الملقب",
    "الملقبه",
];

/// A name that begins with a word introducing it starts one word later.
pub fn drop_name_introducers(tokens: &[&str], tags: &mut [String]) {
    for (s, e, label) in eval::chunks(tags) {
        let first = marsad_text::normalize::normalize_str(
            tokens[s],
            marsad_text::normalize::Profile::Search,
        );
        let word = first.strip_prefix(['و', 'ف']).unwrap_or(&first);
        if e - s >= 2
            && (NAME_INTRODUCERS.contains(&word) || NAME_INTRODUCERS.contains(&first.as_str()))
        {
            tags[s] = "O".to_string();
            tags[s + 1] = format!("B-{label}");
        }
    }
}

/// `أبو`/`أم` before a person, `أبو` before a place, is part of its name (`أم
/// كلثوم`, `أبو مازن`, `أبو ظبي`): a name that starts right after one takes it in.
/// (`أم` before a place is the conjunction: `سوريا أم إسرائيل`; `أبي` is also "my
/// father".)
pub fn include_kunya(tokens: &[&str], tags: &mut [String]) {
    for (s, _, label) in eval::chunks(tags) {
        if s == 0 || tags[s - 1] != "O" {
            continue;
        }
        let prev = marsad_text::normalize::normalize_str(
            tokens[s - 1],
            marsad_text::normalize::Profile::Search,
        );
        let word = prev.strip_prefix(['و', 'ف']).unwrap_or(&prev);
        // `ترامب أم بايدن`: `أم` right after a name is "or".
        let after_name = s >= 2 && tags[s - 2] != "O";
        let kunya = match label.as_str() {
            "PER" => matches!(word, "ابو" | "ابا") || (word == "ام" && !after_name),
            "LOC" => word == "ابو",
            _ => false,
        };
        if kunya {
            tags[s - 1] = format!("B-{label}");
            tags[s] = format!("I-{label}");
        }
    }
}

/// A one-word name that is a month next to a date's number or to another month's
/// name is the month (`أبريل (نيسان) 2015`: Nisan, not Nissan).
pub fn drop_month_names(tokens: &[&str], tags: &mut [String]) {
    use marsad_text::dates::month_word;
    // Another month, a day (1–31) or a year: `باعت نيسان 500 ألف سيارة` is the carmaker.
    let dated = |t: &str| {
        month_word(t).is_some()
            || (t.chars().all(|c| c.is_numeric())
                && t.chars()
                    .filter_map(|c| c.to_digit(10))
                    .fold(0u32, |n, d| n.saturating_mul(10).saturating_add(d))
                    <= 31)
            || (t.chars().count() == 4 && t.chars().all(|c| c.is_numeric()))
    };
    // The nearest word on each side, past brackets and slashes.
    let neighbour = |i: usize, step: isize| {
        let mut j = i as isize + step;
        while j >= 0 && (j as usize) < tokens.len() {
            let t = tokens[j as usize];
            if t.chars().any(char::is_alphanumeric) {
                return Some(t);
            }
            if !matches!(t, "(" | ")" | "/" | "-" | "،" | ",") {
                return None;
            }
            j += step;
        }
        None
    };
    for (s, e, _) in eval::chunks(tags) {
        if e - s == 1
            && month_word(tokens[s]).is_some()
            && (neighbour(s, -1).is_some_and(dated) || neighbour(s, 1).is_some_and(dated))
        {
            tags[s] = "O".to_string();
        }
    }
}

/// One letter of an abbreviation: a letter's name, with a dot after it when the
/// name is also a word (unless `loose`); `ل`/`ب`/`و` may come before the first
/// (`لبي بي سي`).
fn abbreviation_letter(token: &str, first: bool, loose: bool) -> bool {
    let (bare, dotted) = match token.strip_suffix('.') {
        Some(b) => (b, true),
        None => (token, false),
    };
    let is_letter =
        |w: &str| marsad_text::key::spelled_letter(w).is_some_and(|word| dotted || loose || !word);
    // No letter's name ends in `ى`: `لدى` is "at", not ل + `دي`.
    is_letter(bare)
        || (first
            && bare.strip_prefix(['ل', 'ب', 'و']).is_some_and(|rest| {
                rest.chars().count() >= 2 && !rest.ends_with('ى') && is_letter(rest)
            }))
}

/// The letters of one abbreviation are one name (`بي.إم.دبليو` was three
/// organizations, `إف بي آي` two): a run of two letters or more of which any is
/// tagged becomes one name, of the type of its first tagged letter.
pub fn join_letter_abbreviations(tokens: &[&str], tags: &mut [String], gaz: &Gazetteer) {
    let mut i = 0;
    while i < tokens.len() {
        if !abbreviation_letter(tokens[i], true, false) {
            i += 1;
            continue;
        }
        // A letter that is also a word counts between two others (`بي إم دبليو`).
        let letter_at = |j: usize| {
            abbreviation_letter(tokens[j], false, false)
                || (abbreviation_letter(tokens[j], false, true)
                    && tokens
                        .get(j + 1)
                        .is_some_and(|t| abbreviation_letter(t, false, false)))
        };
        let mut j = i + 1;
        while j < tokens.len() && letter_at(j) {
            j += 1;
        }
        // Abbreviations name organizations, and the tagger's `PER` on `لبي بي سي` is a
        // guess; but letters the name goes on after are a person's initials (`تي إس
        // إليوت`), unless the gazetteer knows the letters as an organization.
        let goes_on = j < tags.len() && tags[j].starts_with("I-") && tags[j - 1] != "O";
        let known_org = || {
            let mut letters: Vec<&str> = tokens[i..j]
                .iter()
                .map(|t| t.trim_end_matches('.'))
                .collect();
            if !abbreviation_letter(tokens[i], false, true) {
                // Without the proclitic (`لبي` → `بي`).
                letters[0] = &letters[0][letters[0].chars().next().map_or(0, char::len_utf8)..];
            }
            gaz.name_types(&letters.join(" "))
                .contains(marsad_gazetteer::TypeSet::ORG)
        };
        let label = tags[i..j].iter().find(|t| *t != "O").map(|t| {
            match &t[2..] {
                "PER" if known_org() || !goes_on => "ORG",
                l => l,
            }
            .to_string()
        });
        if let (true, Some(label)) = (j - i >= 2, label) {
            // Inside a longer name of the same type (`شركة بي إم دبليو`), continue it;
            // a proclitic on the first letter starts a name (`كيرشو لبي بي سي`).
            let proclitic = !abbreviation_letter(tokens[i], false, true);
            let continues = !proclitic && i > 0 && tags[i - 1] != "O" && tags[i - 1][2..] == label;
            // The name the tagger ran on after the letters is theirs (`بي بي سي نيوز`).
            let mut end = j;
            while end < tags.len() && tags[end].starts_with("I-") && tags[j - 1] != "O" {
                end += 1;
            }
            for (k, t) in tags[i..end].iter_mut().enumerate() {
                let b = k == 0 && !continues;
                *t = format!("{}-{label}", if b { "B" } else { "I" });
            }
        }
        i = j;
    }
}

/// Names the user listed win: every longest match of `user` entries (with an
/// entity type) is tagged with that type, replacing what the model said there.
pub fn apply_user_entries(tokens: &[&str], tags: &mut [String], user: &Gazetteer) {
    if user.is_empty() || tokens.is_empty() {
        return;
    }
    let keys: Vec<String> = tokens
        .iter()
        .map(|t| marsad_text::key::base_key(t))
        .collect();
    let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
    let matches = user.annotate(&refs);
    let mut i = 0;
    while i < tokens.len() {
        let m = matches[i];
        let ty = m.types.entity().0;
        if m.begin && m.len > 0 && ty != 0 {
            let label = ["PER", "LOC", "ORG", "MISC"][ty.trailing_zeros() as usize % 4];
            let end = (i + m.len as usize).min(tokens.len());
            for (k, tag) in tags[i..end].iter_mut().enumerate() {
                *tag = format!("{}-{label}", if k == 0 { "B" } else { "I" });
            }
            // A model chunk cut by the user's name starts afresh after it.
            conll::repair_iob(tags);
            i = end;
        } else {
            i += 1;
        }
    }
}

/// Turn IOB tags into mentions; a proclitic on the first token is left outside.
pub fn mentions_from_tags(tokens: &[&str], tags: &[String]) -> Vec<TokenMention> {
    eval::chunks(tags)
        .into_iter()
        .map(|(s, e, label)| {
            let first = tokens[s];
            let skip_prefix = if !first.chars().any(marsad_text::chars::is_arabic_letter) {
                0
            } else if e - s >= 2
                && !abbreviation_letter(first, false, true)
                && abbreviation_letter(first, true, false)
                && abbreviation_letter(tokens[s + 1], false, true)
            {
                // `لبي بي سي`: the clitic analysis does not know the letter's name.
                1
            } else {
                let split = marsad_text::clitic::CliticSplitter::global().split(first);
                split.proclitics.last().map_or(0, |p| p.end)
            };
            TokenMention {
                start_token: s,
                end_token: e,
                label,
                skip_prefix,
            }
        })
        .collect()
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    pub epochs: usize,
    /// Features seen fewer times in training are dropped.
    pub min_count: u32,
    /// Shuffling seed (fixed: same data → same model).
    pub seed: u64,
    /// Train a CRF (SGD, L2) instead of the averaged perceptron.
    pub crf: bool,
    /// CRF L2 strength.
    pub c2: f64,
    /// CRF initial step size.
    pub eta0: f64,
}

/// Fit one pass with the configured learner.
fn fit(examples: &[Example], cfg: &TrainConfig, progress: impl FnMut(usize, f64)) -> Model {
    if cfg.crf {
        crf::train(
            examples,
            cfg.epochs,
            cfg.min_count,
            cfg.c2,
            cfg.eta0,
            cfg.seed,
            progress,
        )
    } else {
        perceptron::train(examples, cfg.epochs, cfg.min_count, cfg.seed, progress)
    }
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 15,
            min_count: 1,
            seed: 20260101,
            crf: false,
            c2: 1.0,
            eta0: 0.1,
        }
    }
}

/// Features and gold labels of one training sentence (`doc`: first-pass labels of
/// its document, for the second pass).
pub fn featurize_with(s: &TaggedSentence, gaz: &Gazetteer, doc: Option<&DocMemory>) -> Example {
    let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
    let mut sink = FeatureSink::default();
    features::sentence_features(&toks, gaz, Clusters::builtin(), doc, &mut sink);
    Example {
        feats: (0..toks.len()).map(|i| sink.token(i).to_vec()).collect(),
        gold: s.tags.iter().map(|t| perceptron::label_index(t)).collect(),
    }
}

/// Features and gold labels of one training sentence.
pub fn featurize(s: &TaggedSentence, gaz: &Gazetteer) -> Example {
    featurize_with(s, gaz, None)
}

/// Sentences per pseudo-document when a corpus has no document boundaries
/// (ANERcorp's CAMeL split): about one news article.
pub const DOC_SENTENCES: usize = 30;

/// Train both passes. The second pass learns from first-pass labels produced by
/// jackknifing (each document tagged by a first-pass model that did not see it),
/// so it learns how far to trust them. Deterministic.
pub fn train_two_pass(
    sents: &[TaggedSentence],
    gaz: &Gazetteer,
    cfg: &TrainConfig,
    folds: usize,
) -> NerModel {
    let first_ex: Vec<Example> = sents.iter().map(|s| featurize(s, gaz)).collect();
    let first = fit(&first_ex, cfg, |_, _| {});
    let docs = pseudo_documents(sents.len());
    let folds = folds.max(2);
    let mut memories: Vec<DocMemory> = vec![DocMemory::default(); docs.len()];
    for f in 0..folds {
        let held: Vec<usize> = (0..docs.len()).filter(|d| d % folds == f).collect();
        let ex: Vec<Example> = docs
            .iter()
            .enumerate()
            .filter(|(d, _)| d % folds != f)
            .flat_map(|(_, &(a, b))| first_ex[a..b].iter().cloned())
            .collect();
        let m = NerModel {
            model: fit(&ex, cfg, |_, _| {}),
            second: None,
            net: None,
        };
        for d in held {
            let (a, b) = docs[d];
            for s in &sents[a..b] {
                let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
                let tags = m.tag(&toks, gaz);
                memories[d].add(&toks, &tags);
            }
        }
    }
    let second_ex: Vec<Example> = docs
        .iter()
        .zip(&memories)
        .flat_map(|(&(a, b), mem)| {
            sents[a..b]
                .iter()
                .map(move |s| featurize_with(s, gaz, Some(mem)))
        })
        .collect();
    let second = fit(&second_ex, cfg, |_, _| {});
    NerModel {
        model: first,
        second: Some(second),
        net: None,
    }
}

/// Sentence ranges `[start, end)` of the pseudo-documents of a corpus of `n` sentences.
fn pseudo_documents(n: usize) -> Vec<(usize, usize)> {
    (0..n)
        .step_by(DOC_SENTENCES)
        .map(|s| (s, (s + DOC_SENTENCES).min(n)))
        .collect()
}

/// Tag a corpus without document boundaries in pseudo-documents of [`DOC_SENTENCES`].
pub fn tag_corpus(model: &NerModel, sents: &[TaggedSentence], gaz: &Gazetteer) -> Vec<Vec<String>> {
    in_pseudo_documents(sents, |doc| model.tag_document(doc, gaz))
}

/// [`tag_corpus`] with the perceptron alone, family names propagated as usual (for
/// comparing a stacked model with its base).
pub fn tag_corpus_perceptron(
    model: &NerModel,
    sents: &[TaggedSentence],
    gaz: &Gazetteer,
) -> Vec<Vec<String>> {
    in_pseudo_documents(sents, |doc| {
        let mut tags = model.tag_document_perceptron(doc, gaz);
        propagate_family_names(doc, &mut tags);
        tags
    })
}

fn in_pseudo_documents(
    sents: &[TaggedSentence],
    tag: impl Fn(&[Vec<&str>]) -> Vec<Vec<String>>,
) -> Vec<Vec<String>> {
    let mut out = Vec::with_capacity(sents.len());
    for chunk in sents.chunks(DOC_SENTENCES) {
        let toks: Vec<Vec<&str>> = chunk
            .iter()
            .map(|s| s.tokens.iter().map(String::as_str).collect())
            .collect();
        out.extend(tag(&toks));
    }
    out
}

/// Train a model. Deterministic: the same examples and settings give the same bytes.
pub fn train(
    examples: &[Example],
    cfg: &TrainConfig,
    progress: impl FnMut(usize, f64),
) -> NerModel {
    NerModel {
        model: fit(examples, cfg, progress),
        second: None,
        net: None,
    }
}

impl NerModel {
    /// Serialized model (the `data/ner.model` format).
    pub fn to_bytes(&self) -> Vec<u8> {
        if let Some(net) = &self.net {
            let base = self.perceptron_bytes();
            let mut out = b"MNS1".to_vec();
            out.extend_from_slice(&(base.len() as u64).to_le_bytes());
            out.extend_from_slice(&base);
            out.extend_from_slice(&net.to_bytes());
            return out;
        }
        self.perceptron_bytes()
    }

    /// The perceptron part (`MNR2`, or `MNER` for a single pass).
    fn perceptron_bytes(&self) -> Vec<u8> {
        match &self.second {
            None => self.model.to_bytes(),
            Some(second) => {
                let first = self.model.to_bytes();
                let mut out = b"MNR2".to_vec();
                out.extend_from_slice(&(first.len() as u64).to_le_bytes());
                out.extend_from_slice(&first);
                out.extend_from_slice(&second.to_bytes());
                out
            }
        }
    }
}

/// Perceptron tags (label indices) of every training sentence by jackknifing:
/// pseudo-documents of [`DOC_SENTENCES`] go to `folds` folds, and each fold is
/// tagged by a two-pass perceptron trained on the others — what the perceptron
/// says on text it has not seen, which is what a stacked tagger must learn to read.
pub fn jackknife_tags(
    sents: &[TaggedSentence],
    gaz: &Gazetteer,
    cfg: &TrainConfig,
    folds: usize,
) -> Vec<Vec<usize>> {
    use rayon::prelude::*;
    let docs = pseudo_documents(sents.len());
    let folds = folds.max(2);
    let per_fold: Vec<Vec<(usize, Vec<Vec<String>>)>> = (0..folds)
        .into_par_iter()
        .map(|f| {
            let train: Vec<TaggedSentence> = docs
                .iter()
                .enumerate()
                .filter(|(d, _)| d % folds != f)
                .flat_map(|(_, &(a, b))| sents[a..b].iter().cloned())
                .collect();
            let m = train_two_pass(&train, gaz, cfg, 5);
            docs.iter()
                .enumerate()
                .filter(|(d, _)| d % folds == f)
                .map(|(d, &(a, b))| (d, tag_corpus(&m, &sents[a..b], gaz)))
                .collect()
        })
        .collect();
    let mut out = vec![Vec::new(); sents.len()];
    for (d, tags) in per_fold.into_iter().flatten() {
        for (k, t) in tags.into_iter().enumerate() {
            out[docs[d].0 + k] = t.iter().map(|x| perceptron::label_index(x)).collect();
        }
    }
    out
}

/// Network inputs of tagged sentences with the given perceptron tags.
pub fn neural_inputs(
    sents: &[TaggedSentence],
    prior: &[Vec<usize>],
    gaz: &Gazetteer,
    vectors: &vectors::Vectors,
    buckets: usize,
) -> Vec<neural::SentenceInput> {
    use rayon::prelude::*;
    sents
        .par_iter()
        .zip(prior)
        .map(|(s, p)| {
            let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
            neural::sentence_input(&toks, p, gaz, vectors, buckets)
        })
        .collect()
}

/// Gold label indices of a sentence, repaired to valid IOB2 (the CRF only scores
/// valid sequences).
pub fn gold_indices(s: &TaggedSentence) -> Vec<usize> {
    let mut tags = s.tags.clone();
    conll::repair_iob(&mut tags);
    tags.iter().map(|t| perceptron::label_index(t)).collect()
}

/// Train the perceptron on all of `sents`, then the network stacked on it
/// (perceptron tags by [`jackknife_tags`]). `dev` sentences, if any, are scored
/// after every epoch through `report(epoch, loss, dev F1)`.
pub fn train_stacked(
    sents: &[TaggedSentence],
    gaz: &Gazetteer,
    cfg: &TrainConfig,
    ncfg: &neural::NeuralConfig,
    dev: &[TaggedSentence],
    mut report: impl FnMut(usize, f64, Option<f64>),
) -> Result<NerModel, String> {
    let vectors = vectors::Vectors::builtin()?;
    let mut base = train_two_pass(sents, gaz, cfg, 5);
    let prior = jackknife_tags(sents, gaz, cfg, 5);
    let inputs = neural_inputs(sents, &prior, gaz, vectors, ncfg.char_buckets);
    let gold: Vec<Vec<usize>> = sents.iter().map(gold_indices).collect();
    let dev_prior: Vec<Vec<usize>> = tag_corpus(&base, dev, gaz)
        .iter()
        .map(|t| t.iter().map(|x| perceptron::label_index(x)).collect())
        .collect();
    let dev_inputs = neural_inputs(dev, &dev_prior, gaz, vectors, ncfg.char_buckets);
    let net = neural::train(
        &inputs,
        &gold,
        vectors.dim(),
        ncfg,
        (!dev.is_empty()).then_some(&dev_inputs[..]),
        |epoch, loss, tags| {
            let f1 = tags.map(|tags| {
                let mut e = eval::Evaluation::default();
                for (s, t) in dev.iter().zip(&tags) {
                    e.add(&s.tags, &neural::label_names(t));
                }
                e.total.f1()
            });
            report(epoch, loss, f1)
        },
    );
    base.net = Some(net);
    Ok(base)
}
