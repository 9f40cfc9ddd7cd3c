//! Arabic text core for Marsad: a pure library (no I/O).
//!
//! - [`normalize`]: named normalization profiles with a map back to original offsets
//! - [`token`](mod@token): tokenizer (Arabic/Latin words, numbers, punctuation, URLs, emails, hashtags, handles)
//! - [`sentence`]: sentence splitting aware of Arabic punctuation, quotes and abbreviations
//! - [`clitic`]: conservative proclitic/enclitic splitting
//! - [`stem`]: light10 (Lucene's ArabicStemmer) and Snowball Arabic behind one trait
//! - [`translit`]: Buckwalter (lossless, both ways) and readable name romanization
//! - [`dates`]: date and time expressions (Gregorian month names in their regional forms, Hijri)
//!
//! All offsets are code points unless a function says otherwise.

pub mod chars;
pub mod clitic;
pub mod dates;
pub mod key;
pub mod normalize;
pub mod relative;
pub mod sentence;
pub mod stem;
pub mod token;
pub mod translit;

pub use normalize::{normalize, Normalized, Profile};
pub use sentence::{split_sentences, Sentence};
pub use token::{tokenize, Token, TokenKind};
