//! Entity-level evaluation with conlleval semantics: a chunk starts at `B-X`, or
//! at `I-X` after anything but `X`; a prediction counts only when span and type
//! match exactly. Micro-averaged precision/recall/F1 overall and per type.

use std::collections::BTreeMap;
use std::fmt;

/// Chunks `(start, end, type)` (token indices, end exclusive) of an IOB tag sequence.
pub fn chunks<S: AsRef<str>>(tags: &[S]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, String)> = None;
    for (i, t) in tags.iter().enumerate() {
        let t = t.as_ref();
        let (prefix, ty) = match t.split_once('-') {
            Some((p, ty)) => (p, ty),
            None => ("O", ""),
        };
        let continues = prefix == "I" && cur.as_ref().is_some_and(|(_, c)| c == ty);
        if !continues {
            if let Some((s, c)) = cur.take() {
                out.push((s, i, c));
            }
            if prefix == "B" || prefix == "I" {
                cur = Some((i, ty.to_string()));
            }
        }
    }
    if let Some((s, c)) = cur {
        out.push((s, tags.len(), c));
    }
    out
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Evaluation over many sentences.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    pub total: Counts,
    pub by_type: BTreeMap<String, Counts>,
    pub tokens: usize,
    pub sentences: usize,
}

impl Evaluation {
    /// Add one sentence's gold and predicted tags.
    pub fn add<G: AsRef<str>, P: AsRef<str>>(&mut self, gold: &[G], predicted: &[P]) {
        let g = chunks(gold);
        let p = chunks(predicted);
        self.tokens += gold.len();
        self.sentences += 1;
        for (_, _, ty) in &g {
            self.by_type.entry(ty.clone()).or_default().gold += 1;
            self.total.gold += 1;
        }
        for c in &p {
            let e = self.by_type.entry(c.2.clone()).or_default();
            e.predicted += 1;
            self.total.predicted += 1;
            if g.contains(c) {
                e.correct += 1;
                self.total.correct += 1;
            }
        }
    }
}

impl Evaluation {
    /// Pool another evaluation's counts into this one (cross-validation folds).
    pub fn merge(&mut self, other: &Evaluation) {
        let add = |a: &mut Counts, b: &Counts| {
            a.gold += b.gold;
            a.predicted += b.predicted;
            a.correct += b.correct;
        };
        add(&mut self.total, &other.total);
        for (ty, c) in &other.by_type {
            add(self.by_type.entry(ty.clone()).or_default(), c);
        }
        self.tokens += other.tokens;
        self.sentences += other.sentences;
    }
}

impl fmt::Display for Evaluation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} sentences, {} tokens", self.sentences, self.tokens)?;
        writeln!(f, "| type | gold | predicted | correct | P | R | F1 |")?;
        writeln!(f, "|---|---:|---:|---:|---:|---:|---:|")?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, c: &Counts| {
            writeln!(
                f,
                "| {name} | {} | {} | {} | {:.2} | {:.2} | {:.2} |",
                c.gold,
                c.predicted,
                c.correct,
                100.0 * c.precision(),
                100.0 * c.recall(),
                100.0 * c.f1()
            )
        };
        for (ty, c) in &self.by_type {
            row(f, ty, c)?;
        }
        row(f, "**micro**", &self.total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conlleval_chunks() {
        let t = [
            "B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-LOC", "I-ORG", "O",
        ];
        assert_eq!(
            chunks(&t),
            vec![
                (0, 2, "PER".into()),
                (3, 5, "LOC".into()),
                (5, 6, "LOC".into()),
                (6, 7, "ORG".into())
            ]
        );
    }

    #[test]
    fn hand_made_arithmetic() {
        let mut e = Evaluation::default();
        // gold: PER(0-2), LOC(3), ORG(5-7); predicted: PER(0-2) right, LOC(3) typed ORG, ORG(5-6) short.
        e.add(
            &["B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG", "I-ORG"],
            &["B-PER", "I-PER", "O", "B-ORG", "O", "B-ORG", "O"],
        );
        // second sentence: one missed MISC, one spurious PER.
        e.add(&["B-MISC", "O"], &["O", "B-PER"]);
        assert_eq!(
            e.total,
            Counts {
                gold: 4,
                predicted: 4,
                correct: 1
            }
        );
        assert_eq!(
            e.by_type["PER"],
            Counts {
                gold: 1,
                predicted: 2,
                correct: 1
            }
        );
        assert_eq!(
            e.by_type["ORG"],
            Counts {
                gold: 1,
                predicted: 2,
                correct: 0
            }
        );
        assert!((e.total.f1() - 0.25).abs() < 1e-12);
        assert!((e.by_type["PER"].precision() - 0.5).abs() < 1e-12);
        assert_eq!(e.by_type["MISC"].recall(), 0.0);
        // Pooling two evaluations adds their counts.
        let mut pooled = Evaluation::default();
        pooled.merge(&e);
        pooled.merge(&e);
        assert_eq!(
            pooled.total,
            Counts {
                gold: 8,
                predicted: 8,
                correct: 2
            }
        );
        assert_eq!(
            pooled.by_type["PER"],
            Counts {
                gold: 2,
                predicted: 4,
                correct: 2
            }
        );
        assert_eq!(pooled.sentences, 4);
    }
}
