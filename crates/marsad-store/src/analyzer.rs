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
    let (exact, stemmed) = terms(word)?;
    Some(if stem { stemmed } else { exact }.to_string())
}

/// Both index terms of a word (unstemmed, stemmed), memoized per thread: words
/// recur (Zipf), and the clitic split behind them is the costly part of indexing.
fn terms(word: &str) -> Option<(std::rc::Rc<str>, std::rc::Rc<str>)> {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::rc::Rc;
    type Cache =
        HashMap<Box<str>, Option<(Rc<str>, Rc<str>)>, xxhash_rust::xxh3::Xxh3DefaultBuilder>;
    thread_local! {
        static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
    }
    CACHE.with(|c| {
        if let Some(t) = c.borrow().get(word) {
            return t.clone();
        }
        let key = marsad_text::key::base_key(word);
        let t = (!key.is_empty()).then(|| {
            let stemmed = if key.chars().any(marsad_text::chars::is_arabic_letter) {
                Some(marsad_text::stem::light10(&key)).filter(|s| !s.is_empty())
            } else {
                None
            };
            let stemmed: Rc<str> = Rc::from(stemmed.unwrap_or(&key));
            (Rc::from(key.as_str()), stemmed)
        });
        let mut c = c.borrow_mut();
        if c.len() > 500_000 {
            c.clear();
        }
        c.insert(Box::from(word), t.clone());
        t
    })
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
            let Some((exact, stemmed)) = terms(t.text(self.text)) else {
                continue;
            };
            let term = if self.stem { stemmed } else { exact };
            self.token.offset_from = t.byte_start;
            self.token.offset_to = t.byte_end;
            self.token.position = self.position;
            self.token.position_length = 1;
            self.token.text.clear();
            self.token.text.push_str(&term);
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
