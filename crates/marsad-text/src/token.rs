//! Tokenizer for Arabic news text.
//!
//! Splits text into Arabic and Latin words, numbers (ASCII, Arabic-Indic and
//! Persian digits, with `.` `,` `٫` `٬` inside), punctuation (Arabic ، ؛ ؟ and
//! quotes « » “ ” ‹ › included), URLs, emails, #hashtags and @handles. Every
//! character that is not white space or an invisible format control (bidi mark,
//! zero-width character) ends up in exactly one token. Offsets are code points
//! (`start`, `end`) and bytes (`byte_start`, `byte_end`) into the input.

use crate::chars::{is_arabic_letter, is_arabic_word_mark, is_digit, is_invisible};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A run of Arabic-script letters (with any harakat/tatweel inside).
    Arabic,
    /// A word in another alphabet (Latin, Cyrillic, ...), letters and digits mixed.
    Latin,
    Number,
    Punct,
    Url,
    Email,
    Hashtag,
    Mention,
    /// Anything else that is visible: currency and math signs, emoji, ...
    Symbol,
}

impl TokenKind {
    pub fn name(self) -> &'static str {
        match self {
            TokenKind::Arabic => "arabic",
            TokenKind::Latin => "latin",
            TokenKind::Number => "number",
            TokenKind::Punct => "punct",
            TokenKind::Url => "url",
            TokenKind::Email => "email",
            TokenKind::Hashtag => "hashtag",
            TokenKind::Mention => "mention",
            TokenKind::Symbol => "symbol",
        }
    }

    /// Words in the linguistic sense (what a words/s figure counts).
    pub fn is_word(self) -> bool {
        matches!(
            self,
            TokenKind::Arabic | TokenKind::Latin | TokenKind::Number
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Code-point offsets `[start, end)`.
    pub start: usize,
    pub end: usize,
    /// Byte offsets `[byte_start, byte_end)`.
    pub byte_start: usize,
    pub byte_end: usize,
    pub kind: TokenKind,
}

impl Token {
    /// The token's text in the string it was produced from.
    #[inline]
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.byte_start..self.byte_end]
    }
}

/// White space for the tokenizer: Unicode white space and invisible controls.
#[inline]
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// Punctuation marks (ASCII and the Arabic/typographic ones news uses).
#[inline]
pub fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '،' | '؛'
                | '؟'
                | '٪'
                | '٫'
                | '٬'
                | '۔'
                | '٭'
                | '«'
                | '»'
                | '‹'
                | '›'
                | '“'
                | '”'
                | '„'
                | '‟'
                | '‘'
                | '’'
                | '‚'
                | '‛'
                | '…'
                | '‐'
                ..='―'
                    | '·'
                    | '•'
                    | '′'
                    | '″'
                    | '¡'
                    | '¿'
                    | '§'
                    | '¶'
                    | '〈'
                    | '〉'
                    | '《'
                    | '》'
                    | '「'
                    | '」'
                    | '【'
                    | '】'
                    | '﴾'
                    | '﴿'
                    | '⁄'
                    | '‰'
                    | '⸮'
                    | '⹁'
                    | '⁏'
        )
}

#[inline]
fn is_arabic_word_char(c: char) -> bool {
    is_arabic_letter(c) || is_arabic_word_mark(c)
}

#[inline]
fn is_other_letter(c: char) -> bool {
    !is_arabic_word_char(c) && (c.is_alphabetic() || is_combining(c))
}

#[inline]
fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Characters allowed inside a hashtag or handle body.
#[inline]
fn is_tag_char(c: char) -> bool {
    c == '_' || is_arabic_word_char(c) || c.is_alphanumeric() || is_digit(c)
}

/// Tokenize `text`.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 6 + 4);
    tokenize_into(text, &mut out);
    out
}

/// Tokenize `text`, appending to `out` (lets hot loops reuse one buffer).
pub fn tokenize_into(text: &str, out: &mut Vec<Token>) {
    let mut chunk: Vec<(usize, char)> = Vec::with_capacity(64);
    let mut chunk_cp = 0usize;
    // Does the current chunk hold a character a URL, email, #tag or @handle needs?
    let mut special = false;
    for (cp, (b, c)) in text.char_indices().enumerate() {
        if is_space(c) {
            if !chunk.is_empty() {
                chunk_tokens(text, &chunk, chunk_cp, b, special, out);
                chunk.clear();
                special = false;
            }
        } else {
            if chunk.is_empty() {
                chunk_cp = cp;
            }
            special |= matches!(c, '.' | ':' | '@' | '#' | '＃');
            chunk.push((b, c));
        }
    }
    if !chunk.is_empty() {
        chunk_tokens(text, &chunk, chunk_cp, text.len(), special, out);
    }
}

/// Opening punctuation peeled off the front of a chunk before looking for a URL etc.
#[inline]
fn is_open_punct(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '«' | '“' | '"' | '\'' | '‹' | '‘' | '<' | '„' | '﴿' | '﴾'
    )
}

#[inline]
fn is_trailing_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '»'
            | '”'
            | '"'
            | '\''
            | '›'
            | '’'
            | '>'
            | '،'
            | '؛'
            | '؟'
            | '…'
            | '﴾'
            | '﴿'
    )
}

/// Tokens of one maximal run of non-space characters. `chunk` holds (byte, char);
/// `end_byte` is where the run ends.
fn chunk_tokens(
    text: &str,
    chunk: &[(usize, char)],
    cp0: usize,
    end_byte: usize,
    special: bool,
    out: &mut Vec<Token>,
) {
    let n = chunk.len();
    let byte_at = |i: usize| if i < n { chunk[i].0 } else { end_byte };
    let push = |out: &mut Vec<Token>, i: usize, j: usize, kind: TokenKind| {
        out.push(Token {
            start: cp0 + i,
            end: cp0 + j,
            byte_start: byte_at(i),
            byte_end: byte_at(j),
            kind,
        })
    };

    // Whole-chunk patterns first: URL, email, hashtag, handle (after peeling
    // surrounding punctuation, which becomes separate tokens).
    if special && n >= 2 {
        let mut lo = 0;
        while lo < n && is_open_punct(chunk[lo].1) {
            lo += 1;
        }
        let mut hi = n;
        while hi > lo && is_trailing_punct(chunk[hi - 1].1) {
            hi -= 1;
        }
        if hi > lo {
            let core = &text[byte_at(lo)..byte_at(hi)];
            let kind = classify_special(core);
            // A URL may legitimately end in ')' when it opened one inside.
            if let Some(kind) = kind {
                for i in 0..lo {
                    push(out, i, i + 1, TokenKind::Punct);
                }
                push(out, lo, hi, kind);
                let mut i = hi;
                while i < n {
                    let j = run_of_same(chunk, i);
                    push(out, i, j, TokenKind::Punct);
                    i = j;
                }
                return;
            }
        }
    }

    let mut i = 0;
    while i < n {
        let c = chunk[i].1;
        let (j, kind) = if is_arabic_word_char(c) {
            let mut j = i + 1;
            while j < n && is_arabic_word_char(chunk[j].1) {
                j += 1;
            }
            (j, TokenKind::Arabic)
        } else if is_digit(c) {
            scan_number(chunk, i)
        } else if is_other_letter(c) {
            (scan_latin(chunk, i), TokenKind::Latin)
        } else if is_punct(c) {
            (run_of_same(chunk, i), TokenKind::Punct)
        } else {
            (i + 1, TokenKind::Symbol)
        };
        push(out, i, j, kind);
        i = j;
    }
}

/// Repeated identical punctuation (`...`, `!!`, `؟؟`) is one token.
fn run_of_same(chunk: &[(usize, char)], i: usize) -> usize {
    let c = chunk[i].1;
    let mut j = i + 1;
    let is_q = |c: char| matches!(c, '!' | '?' | '؟');
    if is_q(c) {
        // Mixed runs like ؟! are one token.
        while j < chunk.len() && is_q(chunk[j].1) {
            j += 1;
        }
    } else if c.is_ascii_punctuation() || c == '…' {
        while j < chunk.len() && chunk[j].1 == c {
            j += 1;
        }
    }
    j
}

/// Digits with inner separators; digits running into Latin letters make a Latin word (`3alyoum`, `4G`).
fn scan_number(chunk: &[(usize, char)], i: usize) -> (usize, TokenKind) {
    let n = chunk.len();
    let mut j = i + 1;
    loop {
        while j < n && is_digit(chunk[j].1) {
            j += 1;
        }
        if j + 1 < n && matches!(chunk[j].1, '.' | ',' | '٫' | '٬') && is_digit(chunk[j + 1].1) {
            j += 2;
            continue;
        }
        break;
    }
    if j < n && chunk[j].1.is_ascii_alphabetic() {
        return (scan_latin(chunk, j), TokenKind::Latin);
    }
    (j, TokenKind::Number)
}

/// Letters (non-Arabic), ASCII digits, combining marks, and an apostrophe between letters.
fn scan_latin(chunk: &[(usize, char)], i: usize) -> usize {
    let n = chunk.len();
    let mut j = i + 1;
    while j < n {
        let c = chunk[j].1;
        if is_other_letter(c) || c.is_ascii_digit() {
            j += 1;
        } else if matches!(c, '\'' | '’')
            && j + 1 < n
            && chunk[j + 1].1.is_alphabetic()
            && !is_arabic_word_char(chunk[j + 1].1)
        {
            j += 2;
        } else {
            break;
        }
    }
    j
}

fn classify_special(core: &str) -> Option<TokenKind> {
    let lower_starts = |p: &str| {
        core.len() >= p.len()
            && core.is_char_boundary(p.len())
            && core[..p.len()].eq_ignore_ascii_case(p)
    };
    if lower_starts("http://") || lower_starts("https://") || lower_starts("ftp://") {
        return (core.len() > 8).then_some(TokenKind::Url);
    }
    if lower_starts("www.") && core.len() > 5 && core[4..].contains('.')
        || core[..].contains("://") && !core.starts_with("://")
    {
        return Some(TokenKind::Url);
    }
    let mut chars = core.chars();
    let first = chars.next()?;
    if first == '#' || first == '＃' {
        let body = chars.as_str();
        if !body.is_empty() && body.chars().all(is_tag_char) && body.chars().any(|c| !is_digit(c)) {
            return Some(TokenKind::Hashtag);
        }
        return None;
    }
    if first == '@' {
        let body = chars.as_str();
        if !body.is_empty()
            && body
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
            && !body.ends_with('.')
        {
            return Some(TokenKind::Mention);
        }
        return None;
    }
    if let Some(at) = core.find('@') {
        let (local, domain) = (&core[..at], &core[at + 1..]);
        let local_ok = !local.is_empty()
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c));
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && domain
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
            && domain
                .rsplit('.')
                .next()
                .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
        if local_ok && domain_ok {
            return Some(TokenKind::Email);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(String, TokenKind)> {
        tokenize(s)
            .iter()
            .map(|t| (t.text(s).to_string(), t.kind))
            .collect()
    }
    fn texts(s: &str) -> Vec<String> {
        toks(s).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn arabic_words_and_punct() {
        assert_eq!(
            texts("قال الرئيس، «نعم»؛ هل انتهى؟ لا!"),
            [
                "قال",
                "الرئيس",
                "،",
                "«",
                "نعم",
                "»",
                "؛",
                "هل",
                "انتهى",
                "؟",
                "لا",
                "!"
            ]
        );
        assert_eq!(texts("مُحَمَّدٌ جـــميل"), ["مُحَمَّدٌ", "جـــميل"]);
    }

    #[test]
    fn numbers() {
        let t = toks("بلغ ٣٫٥ مليون و1,250.75 دولار عام ٢٠١٨م بنسبة 12%");
        let nums: Vec<&str> = t
            .iter()
            .filter(|(_, k)| *k == TokenKind::Number)
            .map(|(s, _)| s.as_str())
            .collect();
        assert_eq!(nums, ["٣٫٥", "1,250.75", "٢٠١٨", "12"]);
        assert!(t.contains(&("م".to_string(), TokenKind::Arabic)));
        assert!(t.contains(&("%".to_string(), TokenKind::Punct)));
        assert_eq!(toks("3alyoum 4G")[0].1, TokenKind::Latin);
    }

    #[test]
    fn specials() {
        let t = toks("راجع (https://www.bbc.com/arabic/x-1?a=b). أو www.aawsat.com، وراسلنا على news@sabq.org #السعودية_تتحد @Reuters_ar.");
        let get = |k| {
            t.iter()
                .filter(|(_, kk)| *kk == k)
                .map(|(s, _)| s.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            get(TokenKind::Url),
            ["https://www.bbc.com/arabic/x-1?a=b", "www.aawsat.com"]
        );
        assert_eq!(get(TokenKind::Email), ["news@sabq.org"]);
        assert_eq!(get(TokenKind::Hashtag), ["#السعودية_تتحد"]);
        assert_eq!(get(TokenKind::Mention), ["@Reuters_ar"]);
        assert!(
            t.contains(&(").".to_string(), TokenKind::Punct))
                || t.contains(&(")".to_string(), TokenKind::Punct))
        );
    }

    #[test]
    fn latin_words() {
        assert_eq!(
            texts("O'Brien said: don't (U.S.)"),
            ["O'Brien", "said", ":", "don't", "(", "U", ".", "S", ".", ")"]
        );
    }

    #[test]
    fn offsets_are_code_points() {
        let s = "أ ب\u{200F}ج 12";
        let t = tokenize(s);
        assert_eq!(
            t.iter().map(|t| (t.start, t.end)).collect::<Vec<_>>(),
            [(0, 1), (2, 3), (4, 5), (6, 8)]
        );
    }

    #[test]
    fn ellipsis_and_repeats() {
        assert_eq!(
            texts("لماذا؟؟ حسنا... نعم!!"),
            ["لماذا", "؟؟", "حسنا", "...", "نعم", "!!"]
        );
    }
}
