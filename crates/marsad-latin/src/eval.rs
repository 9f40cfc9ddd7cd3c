//! Exact match and character error rate.

/// Levenshtein distance between two character sequences.
pub fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Micro-averaged scores over a test set.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Score {
    pub n: usize,
    pub exact: usize,
    pub edits: usize,
    pub ref_chars: usize,
}

impl Score {
    /// Adds one (hypothesis, reference) pair; both are compared lower-cased.
    pub fn add(&mut self, hyp: &str, reference: &str) {
        let h: Vec<char> = hyp.to_lowercase().chars().collect();
        let r: Vec<char> = reference.to_lowercase().chars().collect();
        self.n += 1;
        self.exact += usize::from(h == r);
        self.edits += levenshtein(&h, &r);
        self.ref_chars += r.len();
    }

    /// Exact-match accuracy in percent.
    pub fn accuracy(&self) -> f64 {
        100.0 * self.exact as f64 / self.n.max(1) as f64
    }

    /// Character error rate in percent (edits / reference characters).
    pub fn cer(&self) -> f64 {
        100.0 * self.edits as f64 / self.ref_chars.max(1) as f64
    }
}

impl std::fmt::Display for Score {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exact {:5.1}%  CER {:5.1}%  (n={})",
            self.accuracy(),
            self.cer(),
            self.n
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(levenshtein(&c("kitten"), &c("sitting")), 3);
        assert_eq!(levenshtein(&c(""), &c("abc")), 3);
    }
}
