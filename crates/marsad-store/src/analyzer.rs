//! Arabic analysis for the full-text index, as tantivy tokenizers.
//!
//! Both analyzers cut text with `marsad_text::tokenize` (the same tokens as the
//! rest of the pipeline) and report byte offsets into the original text, so
//! snippets highlight the words as written.
//!
//! - [`STEMMED`]: search normalization, clitics removed, then light10 stemming —
//!   `والمفاوضات` and `مفاوضات` meet.
//! - [`EXACT`]: search normalization with clitics removed but no stemming —
//!   `ولنتنياهو` indexes as `نتنياهو`; used for phrases and for the spellings a
//!   name query expands to.

use marsad_text::token::{tokenize_into, Token as TextToken};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Tokenizer name of the stemmed analyzer.
pub const STEMMED: &str = "marsad_stem";
/// Tokenizer name of the unstemmed analyzer.
pub const EXACT: &str = "marsad_exact";

/// The index term of one word, or `None` for words that are not indexed
/// (punctuation and symbols).
pub fn term(word: &str, stem: bool) -> Option<String> {
    let key = marsad_text::key::base_key(word);
    if key.is_empty() {
        return None;
    }
    if stem && key.chars().any(marsad_text::chars::is_arabic_letter) {
        let s = marsad_text::stem::light10(&key);
        if !s.is_empty() {
            return Some(s.to_string());
        }
    }
    Some(key)
}

/// A tantivy tokenizer over Marsad's Arabic analysis.
#[derive(Clone)]
pub struct ArabicTokenizer {
    stem: bool,
    tokens: Vec<TextToken>,
    token: Token,
}

impl ArabicTokenizer {
    pub fn stemmed() -> ArabicTokenizer {
        ArabicTokenizer {
            stem: true,
            tokens: Vec::new(),
            token: Token::default(),
        }
    }

    pub fn exact() -> ArabicTokenizer {
        ArabicTokenizer {
            stem: false,
            ..ArabicTokenizer::stemmed()
        }
    }
}

pub struct ArabicTokenStream<'a> {
    text: &'a str,
    stem: bool,
    tokens: &'a [TextToken],
    next: usize,
    position: usize,
    token: &'a mut Token,
}

impl Tokenizer for ArabicTokenizer {
    type TokenStream<'a> = ArabicTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ArabicTokenStream<'a> {
        self.tokens.clear();
        tokenize_into(text, &mut self.tokens);
        self.token.reset();
        ArabicTokenStream {
            text,
            stem: self.stem,
            tokens: &self.tokens,
            next: 0,
            position: 0,
            token: &mut self.token,
        }
    }
}

impl TokenStream for ArabicTokenStream<'_> {
    fn advance(&mut self) -> bool {
        while let Some(t) = self.tokens.get(self.next) {
            self.next += 1;
            if !t.kind.is_word() {
                continue;
            }
            let Some(term) = term(t.text(self.text), self.stem) else {
                continue;
            };
            self.token.offset_from = t.byte_start;
            self.token.offset_to = t.byte_end;
            self.token.position = self.position;
            self.token.position_length = 1;
            self.token.text = term;
            self.position += 1;
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str, mut t: ArabicTokenizer) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut s = t.token_stream(text);
        while s.advance() {
            let tok = s.token();
            out.push((
                tok.text.clone(),
                text[tok.offset_from..tok.offset_to].to_string(),
            ));
        }
        out
    }

    #[test]
    fn clitics_and_stems() {
        let t = terms("وقال ولنتنياهو: «المفاوضات»", ArabicTokenizer::exact());
        assert_eq!(t[1], ("نتنياهو".to_string(), "ولنتنياهو".to_string()));
        let s = terms("والمفاوضات مفاوضات", ArabicTokenizer::stemmed());
        assert_eq!(s[0].0, s[1].0);
        assert_eq!(s[0].1, "والمفاوضات");
    }
}
