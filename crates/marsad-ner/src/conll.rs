//! Two-column CoNLL files (`token TAG`, blank line between sentences), as ANERcorp
//! and AQMAR are distributed. Tags are normalized to IOB2 over PER/LOC/ORG/MISC:
//! `PERS` → `PER`, AQMAR's `MIS0..MIS3`/`MIS` → `MISC`, malformed tags repaired.

/// A tagged sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TaggedSentence {
    pub tokens: Vec<String>,
    pub tags: Vec<String>,
}

/// Normalize one tag to `O`, `B-T` or `I-T` with T in PER/LOC/ORG/MISC.
pub fn normalize_tag(tag: &str) -> String {
    let t = tag.trim().trim_matches('`');
    if t.is_empty() || t == "O" || t == "OO" {
        return "O".into();
    }
    let (prefix, ty) = match t.split_once('-') {
        Some((p, rest)) => (p, rest.trim_start_matches('-')),
        None => return "O".into(),
    };
    let prefix = match prefix {
        "B" => "B",
        "I" => "I",
        _ => return "O".into(),
    };
    let ty = ty.to_ascii_uppercase();
    let ty = match ty.as_str() {
        "PER" | "PERS" | "PERSON" => "PER",
        "LOC" | "LOCATION" | "GPE" => "LOC",
        "ORG" | "ORGANIZATION" => "ORG",
        t if t.starts_with("MIS") => "MISC",
        // AQMAR marks foreign-language words; they are not entities here.
        _ => return "O".into(),
    };
    format!("{prefix}-{ty}")
}

/// Parse a CoNLL file's text. Lines that do not have two fields are reported
/// (1-based line numbers) and skipped.
pub fn parse(text: &str) -> (Vec<TaggedSentence>, Vec<(usize, String)>) {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    let mut cur = TaggedSentence::default();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let mut parts = line.split_whitespace();
        match (parts.next(), parts.last()) {
            (Some(tok), Some(tag)) => {
                cur.tokens.push(tok.to_string());
                cur.tags.push(normalize_tag(tag));
            }
            _ => bad.push((i + 1, line.to_string())),
        }
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    for s in &mut out {
        repair_iob(&mut s.tags);
    }
    (out, bad)
}

/// `I-X` that does not continue an `X` chunk becomes `B-X` (IOB2).
pub fn repair_iob(tags: &mut [String]) {
    let mut prev = String::from("O");
    for t in tags.iter_mut() {
        if let Some(ty) = t.strip_prefix("I-") {
            if prev != format!("B-{ty}") && prev != format!("I-{ty}") {
                *t = format!("B-{ty}");
            }
        }
        prev = t.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_sentences() {
        let (s, bad) =
            parse("فرانكفورت B-LOC\n(د O\n\nبرند B-PERS\nشتاينر I-PERS\nكلمة I-MIS1\nx\n\n");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tags, ["B-LOC", "O"]);
        assert_eq!(s[1].tags, ["B-PER", "I-PER", "B-MISC"]);
        assert_eq!(bad, vec![(7, "x".to_string())]);
        assert_eq!(normalize_tag("I--ORG"), "I-ORG");
        assert_eq!(normalize_tag("B-MIS-1"), "B-MISC");
        assert_eq!(normalize_tag("B-ENGLISH"), "O");
    }
}
