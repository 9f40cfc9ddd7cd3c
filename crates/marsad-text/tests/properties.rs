//! Property tests of the text core: normalization is idempotent and its offset
//! map points at the exact original text; the tokenizer never drops a visible
//! character; sentences cover tokens in order.

use marsad_text::normalize::{normalize, normalize_str, Profile};
use marsad_text::token::is_space;
use marsad_text::{split_sentences, tokenize};
use proptest::prelude::*;

/// Characters news text is made of, weighted towards the hard cases: Arabic
/// letters, harakat, tatweel, presentation forms and ligatures, digits of three
/// systems, bidi and zero-width controls, Latin with combining marks, punctuation.
fn news_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => prop::char::range('\u{0621}', '\u{064A}'),
        2 => prop::char::range('\u{064B}', '\u{0670}'),
        1 => Just('\u{0640}'),
        1 => prop::char::range('\u{0671}', '\u{06FF}'),
        1 => prop::char::range('\u{FB50}', '\u{FDFF}'),
        1 => prop::char::range('\u{FE70}', '\u{FEFF}'),
        1 => prop::char::range('\u{0660}', '\u{0669}'),
        1 => prop::sample::select(vec!['\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{202B}', '\u{202C}', '\u{2067}', '\u{2069}', '\u{FEFF}', '\u{061C}']),
        2 => prop::sample::select(vec![' ', '\n', '\t', '\u{00A0}', '.', '،', '؛', '؟', '!', '«', '»', '"', '“', '”', ':', '-', '#', '@', '/', '%', '…']),
        2 => prop::char::range('a', 'z'),
        1 => prop::char::range('A', 'Z'),
        1 => prop::char::range('0', '9'),
        1 => prop::char::range('\u{0300}', '\u{036F}'),
        1 => any::<char>(),
    ]
}

fn news_string() -> impl Strategy<Value = String> {
    prop::collection::vec(news_char(), 0..80).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn normalization_is_idempotent(s in news_string()) {
        for p in Profile::ALL {
            let once = normalize_str(&s, p);
            prop_assert_eq!(&normalize_str(&once, p), &once, "profile {:?}", p);
            prop_assert_eq!(&normalize(&s, p).text, &once);
        }
    }

    #[test]
    fn offsets_map_back_to_the_exact_original(s in news_string()) {
        let orig: Vec<char> = s.chars().collect();
        for p in Profile::ALL {
            let n = normalize(&s, p);
            prop_assert_eq!(n.original_len(), orig.len());
            // Every token of the normalized text maps to original text that
            // normalizes to exactly that token.
            for t in tokenize(&n.text) {
                let (a, b) = n.original_span(t.start, t.end);
                prop_assert!(a <= b && b <= orig.len());
                let piece: String = orig[a..b].iter().collect();
                let renormalized = normalize_str(&piece, p);
                let off = |i: usize| n.original_offset(i);
                let whole_clusters = (t.start == 0 || off(t.start) != off(t.start - 1))
                    && (t.end == n.char_len() || off(t.end) != off(t.end - 1));
                if whole_clusters {
                    prop_assert_eq!(renormalized.as_str(), t.text(&n.text), "profile {:?}", p);
                } else {
                    // The token splits a cluster NFKC rewrote as a whole (rare
                    // compatibility characters); the map covers the whole cluster.
                    prop_assert!(renormalized.contains(t.text(&n.text)), "profile {:?}", p);
                }
            }
            // Offsets are monotone.
            let offs: Vec<usize> = (0..=n.char_len()).map(|i| n.original_offset(i)).collect();
            prop_assert!(offs.windows(2).all(|w| w[0] <= w[1]));
        }
    }

    #[test]
    fn tokenizer_never_drops_a_visible_character(s in news_string()) {
        let toks = tokenize(&s);
        let chars: Vec<char> = s.chars().collect();
        let mut covered = vec![false; chars.len()];
        let mut prev_end = 0;
        for t in &toks {
            prop_assert!(t.start < t.end, "empty token");
            prop_assert!(t.start >= prev_end, "overlapping tokens");
            prev_end = t.end;
            let by_cp: String = chars[t.start..t.end].iter().collect();
            prop_assert_eq!(by_cp.as_str(), t.text(&s));
            for c in &mut covered[t.start..t.end] {
                *c = true;
            }
        }
        for (i, &c) in chars.iter().enumerate() {
            prop_assert!(covered[i] || is_space(c), "dropped {:?} at {}", c, i);
            if covered[i] {
                prop_assert!(!is_space(c), "space {:?} inside a token", c);
            }
        }
    }

    #[test]
    fn sentences_partition_the_tokens(s in news_string()) {
        let toks = tokenize(&s);
        let sents = split_sentences(&s, &toks);
        let mut next = 0;
        for x in &sents {
            prop_assert_eq!(x.first_token, next);
            prop_assert!(x.end_token > x.first_token);
            prop_assert_eq!(x.start, toks[x.first_token].start);
            prop_assert_eq!(x.end, toks[x.end_token - 1].end);
            next = x.end_token;
        }
        prop_assert_eq!(next, toks.len());
    }
}

/// Text made only of what the search fast path handles (ASCII, the Arabic
/// block, common punctuation, invisible marks).
fn fast_path_string() -> impl Strategy<Value = String> {
    let c = prop_oneof![
        4 => prop::char::range('\u{0600}', '\u{06FF}'),
        2 => prop::char::range(' ', '~'),
        1 => prop::sample::select(vec!['\u{00A0}', '«', '»', '–', '—', '‘', '’', '“', '”', '…', '\u{200B}', '\u{200F}', '\u{202B}', '\u{2067}', '\u{FEFF}', '\u{00AD}']),
    ];
    prop::collection::vec(c, 0..120).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// The table-driven fast path gives exactly what the general NFKC path gives.
    #[test]
    fn search_fast_path_equals_general_path(s in fast_path_string()) {
        let fast = normalize_str(&s, Profile::Search);
        let general = normalize(&s, Profile::Search).text;
        prop_assert_eq!(&fast, &general);
        prop_assert_eq!(normalize_str(&fast, Profile::Search), fast);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Relative dates never panic, stay inside the text and parse as dates.
    #[test]
    fn relative_dates_are_safe(s in fast_path_string(), y in -3000i32..3000, m in 0u8..14, d in 0u8..33) {
        let n = s.chars().count();
        for r in marsad_text::relative::find_relative(&s, (y, m, d), marsad_text::relative::Tense::Past) {
            prop_assert!(r.start < r.end && r.end <= n);
            prop_assert!(!r.date.is_empty());
        }
    }
}
