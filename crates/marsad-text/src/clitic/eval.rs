//! Evaluation against the Farasa WikiNews segmentation gold (`WikiNews.pos.ref`).
//!
//! The gold is TSV `segmented_token<TAB>POS` (CRLF allowed), e.g. `و+ال+تلفزيون
//! CONJ+DET+NOUN`, `ترشيح+ات+ها NOUN+NSUFF+PRON`. Only clitic boundaries are scored:
//! leading و / ف, ب / ل / ك, س and the article ال, and pronoun enclitics (PRON segments
//! after the stem whose form is one of ه ها هما هم هن ك كما كم كن ي ني نا). Every other
//! suffix (NSUFF, CASE, verbal subject suffixes such as ت / وا / ون) is merged into the
//! stem. Surfaces are rebuilt from the segments (ل + ال → لل, ل + ال + لX → للX).

use super::CliticSplitter;

/// Kind of a scored boundary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BoundaryKind {
    #[default]
    /// After و / ف / ب / ل / ك / س.
    Proclitic,
    /// After the article.
    Article,
    /// Before a pronoun enclitic.
    Enclitic,
}

/// Gold/predicted/matched boundary counts for one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KindCounts {
    pub gold: usize,
    pub predicted: usize,
    pub matched_gold: usize,
    pub matched_predicted: usize,
}

impl KindCounts {
    pub fn recall(&self) -> f64 {
        ratio(self.matched_gold, self.gold)
    }
    pub fn precision(&self) -> f64 {
        ratio(self.matched_predicted, self.predicted)
    }
}

/// Result of [`evaluate_farasa`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CliticEval {
    /// Arabic words scored.
    pub words: usize,
    /// Words whose boundary set equals the gold's.
    pub exact: usize,
    pub accuracy: f64,
    pub gold_boundaries: usize,
    pub predicted_boundaries: usize,
    pub matched_boundaries: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Per kind (by the gold kind for recall, by the predicted kind for precision):
    /// proclitic, article, enclitic.
    pub by_kind: [(BoundaryKind, KindCounts); 3],
    /// Up to 50 distinct wrong words: `(surface, gold, predicted)` with `+` at boundaries.
    pub errors: Vec<(String, String, String)>,
    /// Number of occurrences of each error word, same order as `errors`.
    pub error_counts: Vec<usize>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

const ENCLITIC_FORMS: [&str; 12] = [
    "ه", "ها", "هما", "هم", "هن", "ك", "كما", "كم", "كن", "ي", "ني", "نا",
];

/// One gold word: its surface and its scored boundaries (code-point offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GoldWord {
    pub surface: String,
    pub boundaries: Vec<(usize, BoundaryKind)>,
}

/// Parse one gold line into a word, or `None` for headers, punctuation, numbers and
/// foreign words.
pub(crate) fn parse_gold_line(line: &str) -> Option<GoldWord> {
    let line = line.trim_end_matches(['\r', '\n']);
    let mut fields = line.split('\t');
    let tok = fields.next()?.trim();
    let pos = fields.next().unwrap_or("").trim();
    if tok.is_empty() || tok == "+" || tok.starts_with("refTok") {
        return None;
    }
    let segs: Vec<&str> = tok.split('+').filter(|s| !s.is_empty()).collect();
    if segs.is_empty()
        || !segs
            .iter()
            .any(|s| s.chars().any(crate::chars::is_arabic_letter))
    {
        return None;
    }
    let tags: Vec<&str> = pos.split('+').collect();
    let tags_ok = tags.len() == segs.len();
    let last = segs.len() - 1;
    let mut i = 0;
    let mut surface = String::new();
    let mut len = 0usize;
    let mut bounds: Vec<(usize, BoundaryKind)> = Vec::new();
    let push = |s: &str, surface: &mut String, len: &mut usize| {
        surface.push_str(s);
        *len += s.chars().count();
    };
    // Proclitics: conjunction, then preposition / future marker.
    if i < last && matches!(segs[i], "و" | "ف") {
        push(segs[i], &mut surface, &mut len);
        bounds.push((len, BoundaryKind::Proclitic));
        i += 1;
    }
    if i < last && matches!(segs[i], "ب" | "ل" | "ك" | "س") {
        push(segs[i], &mut surface, &mut len);
        bounds.push((len, BoundaryKind::Proclitic));
        i += 1;
    }
    if i < last && segs[i] == "ال" && (!tags_ok || tags[i] == "DET") {
        let after_lam = surface.ends_with('ل') && i > 0 && segs[i - 1] == "ل";
        if after_lam {
            if !segs[i + 1].starts_with('ل') {
                push("ل", &mut surface, &mut len);
            }
        } else {
            push("ال", &mut surface, &mut len);
        }
        bounds.push((len, BoundaryKind::Article));
        i += 1;
    }
    // Stem, then suffixes: pronoun enclitics are boundaries, the rest is merged.
    push(segs[i], &mut surface, &mut len);
    i += 1;
    while i <= last {
        let enclitic = ENCLITIC_FORMS.contains(&segs[i])
            && if tags_ok {
                tags[i] == "PRON"
            } else {
                i == last
            };
        if enclitic {
            bounds.push((len, BoundaryKind::Enclitic));
        }
        push(segs[i], &mut surface, &mut len);
        i += 1;
    }
    // Same position twice (ل + elided article): keep one, the first kind.
    let mut seen: Vec<(usize, BoundaryKind)> = Vec::with_capacity(bounds.len());
    for b in bounds {
        if b.0 > 0 && b.0 < len && !seen.iter().any(|s| s.0 == b.0) {
            seen.push(b);
        }
    }
    Some(GoldWord {
        surface,
        boundaries: seen,
    })
}

fn render(surface: &str, bounds: &[usize]) -> String {
    let mut out = String::with_capacity(surface.len() + bounds.len());
    for (i, c) in surface.chars().enumerate() {
        if i > 0 && bounds.contains(&i) {
            out.push('+');
        }
        out.push(c);
    }
    out
}

/// Word-level accuracy and boundary precision/recall of the global splitter against the
/// Farasa WikiNews gold given as text (no file I/O).
pub fn evaluate_farasa(gold_tsv: &str) -> CliticEval {
    evaluate_farasa_with(CliticSplitter::global(), gold_tsv)
}

/// [`evaluate_farasa`] with a given splitter.
pub fn evaluate_farasa_with(splitter: &CliticSplitter, gold_tsv: &str) -> CliticEval {
    let kinds = [
        BoundaryKind::Proclitic,
        BoundaryKind::Article,
        BoundaryKind::Enclitic,
    ];
    let mut ev = CliticEval {
        by_kind: kinds.map(|k| (k, KindCounts::default())),
        ..Default::default()
    };
    let kind_ix = |k: BoundaryKind| kinds.iter().position(|&x| x == k).unwrap_or(0);
    for line in gold_tsv.lines() {
        let Some(g) = parse_gold_line(line) else {
            continue;
        };
        let split = splitter.split(&g.surface);
        let mut pred: Vec<(usize, BoundaryKind)> = split
            .proclitics
            .iter()
            .map(|s| (s.end, BoundaryKind::Proclitic))
            .collect();
        if let Some(a) = &split.article {
            pred.push((a.end, BoundaryKind::Article));
        }
        if let Some(e) = &split.enclitic {
            pred.push((e.start, BoundaryKind::Enclitic));
        }
        let pred_pos = split.boundaries();
        pred.retain(|b| pred_pos.contains(&b.0));
        pred.dedup_by_key(|b| b.0);
        let gold_pos: Vec<usize> = g.boundaries.iter().map(|b| b.0).collect();
        ev.words += 1;
        ev.gold_boundaries += gold_pos.len();
        ev.predicted_boundaries += pred_pos.len();
        for &(p, k) in &g.boundaries {
            let c = &mut ev.by_kind[kind_ix(k)].1;
            c.gold += 1;
            if pred_pos.contains(&p) {
                c.matched_gold += 1;
                ev.matched_boundaries += 1;
            }
        }
        for &(p, k) in &pred {
            let c = &mut ev.by_kind[kind_ix(k)].1;
            c.predicted += 1;
            if gold_pos.contains(&p) {
                c.matched_predicted += 1;
            }
        }
        let mut gs = gold_pos.clone();
        gs.sort_unstable();
        if gs == pred_pos {
            ev.exact += 1;
        } else {
            let gold_r = render(&g.surface, &gs);
            if let Some(i) = ev
                .errors
                .iter()
                .position(|e| e.0 == g.surface && e.1 == gold_r)
            {
                ev.error_counts[i] += 1;
            } else if ev.errors.len() < 50 {
                ev.errors
                    .push((g.surface.clone(), gold_r, render(&g.surface, &pred_pos)));
                ev.error_counts.push(1);
            }
        }
    }
    ev.accuracy = ratio(ev.exact, ev.words);
    ev.precision = ratio(ev.matched_boundaries, ev.predicted_boundaries);
    ev.recall = ratio(ev.matched_boundaries, ev.gold_boundaries);
    ev.f1 = if ev.precision + ev.recall > 0.0 {
        2.0 * ev.precision * ev.recall / (ev.precision + ev.recall)
    } else {
        0.0
    };
    ev
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_surfaces_and_boundaries() {
        let g = parse_gold_line("و+ال+تلفزيون\tCONJ+DET+NOUN\r").unwrap();
        assert_eq!(g.surface, "والتلفزيون");
        assert_eq!(
            g.boundaries,
            [(1, BoundaryKind::Proclitic), (3, BoundaryKind::Article)]
        );
        let g = parse_gold_line("ل+ال+فيلم\tPREP+DET+NOUN").unwrap();
        assert_eq!(g.surface, "للفيلم");
        assert_eq!(g.boundaries.iter().map(|b| b.0).collect::<Vec<_>>(), [1, 2]);
        let g = parse_gold_line("ل+ال+لغ+ة\tPREP+DET+NOUN+NSUFF").unwrap();
        assert_eq!(g.surface, "للغة");
        assert_eq!(g.boundaries.iter().map(|b| b.0).collect::<Vec<_>>(), [1]);
        let g = parse_gold_line("أعلن+ت\tV+PRON").unwrap();
        assert_eq!(g.surface, "أعلنت");
        assert!(g.boundaries.is_empty());
        let g = parse_gold_line("ب+مرحل+ت+ه\tPREP+NOUN+NSUFF+PRON").unwrap();
        assert_eq!(g.surface, "بمرحلته");
        assert_eq!(
            g.boundaries,
            [(1, BoundaryKind::Proclitic), (6, BoundaryKind::Enclitic)]
        );
        let g = parse_gold_line("و+س+يقام\tCONJ+FUT_PART+V").unwrap();
        assert_eq!(g.boundaries.iter().map(|b| b.0).collect::<Vec<_>>(), [1, 2]);
        assert!(parse_gold_line("refTok(Farasa)\trefPOS(Farasa)").is_none());
        assert!(parse_gold_line("+\tPUNC").is_none());
        assert!(parse_gold_line("2014\tNUM").is_none());
        assert!(parse_gold_line("ب\tPREP").unwrap().boundaries.is_empty());
    }

    #[test]
    fn scores_tiny_gold() {
        use crate::clitic::lexicon::{codes_of, encode_lexicon};
        let entries: Vec<(Vec<u8>, u64)> = [("كتاب", 100), ("قال", 100), ("الفيلم", 50)]
            .iter()
            .map(|(w, f)| (codes_of(w).unwrap(), *f))
            .collect();
        let s = CliticSplitter::from_data(&encode_lexicon(&entries), "").unwrap();
        let tsv = "refTok(Farasa)\trefPOS(Farasa)\r\n\
                   و+قال\tCONJ+V\r\n\
                   كتاب+ه\tNOUN+PRON\r\n\
                   ل+ال+فيلم\tPREP+DET+NOUN\r\n\
                   ب+ريطانيا\tPREP+NOUN\r\n\
                   .\tPUNC\r\n";
        let ev = evaluate_farasa_with(&s, tsv);
        assert_eq!(ev.words, 4);
        assert_eq!(ev.exact, 3);
        assert_eq!(ev.gold_boundaries, 5);
        assert_eq!(ev.predicted_boundaries, 4);
        assert_eq!(ev.matched_boundaries, 4);
        assert!((ev.accuracy - 0.75).abs() < 1e-9);
        assert!((ev.precision - 1.0).abs() < 1e-9);
        assert!((ev.recall - 0.8).abs() < 1e-9);
        assert_eq!(ev.errors.len(), 1);
        assert_eq!(ev.errors[0].1, "ب+ريطانيا");
        assert_eq!(ev.errors[0].2, "بريطانيا");
        let (k, c) = ev.by_kind[0];
        assert_eq!(k, BoundaryKind::Proclitic);
        assert_eq!((c.gold, c.matched_gold), (3, 2));
    }
}
