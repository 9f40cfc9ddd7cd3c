//! Stemmers (Lucene light10 vectors, Snowball sanity) and transliteration
//! (Buckwalter round trips, name romanization, Google ar2en evaluation).

use marsad_text::stem::{
    light10, lucene_normalize, stemmer_by_name, Light10, LuceneArabic, SnowballArabic, Stemmer,
    STEMMER_NAMES,
};
use marsad_text::translit::{
    arabic_to_bw, bw_to_arabic, from_buckwalter, romanize_name, to_buckwalter, BUCKWALTER,
};
use proptest::prelude::*;
use std::collections::HashMap;

// ---------------------------------------------------------------- light10

/// `TestArabicStemFilter.java` (Lucene): the stem filter alone, no normalizer.
const LUCENE_STEM_VECTORS: &[(&str, &str)] = &[
    ("الحسن", "حسن"),       // testAlPrefix
    ("والحسن", "حسن"),      // testWalPrefix
    ("بالحسن", "حسن"),      // testBalPrefix
    ("كالحسن", "حسن"),      // testKalPrefix
    ("فالحسن", "حسن"),      // testFalPrefix
    ("للاخر", "اخر"),        // testLlPrefix
    ("وحسن", "حسن"),        // testWaPrefix
    ("زوجها", "زوج"),       // testAhSuffix
    ("ساهدان", "ساهد"),     // testAnSuffix
    ("ساهدات", "ساهد"),     // testAtSuffix
    ("ساهدون", "ساهد"),     // testWnSuffix
    ("ساهدين", "ساهد"),     // testYnSuffix
    ("ساهديه", "ساهد"),     // testYhSuffix
    ("ساهدية", "ساهد"),     // testYpSuffix
    ("ساهده", "ساهد"),      // testHSuffix
    ("ساهدة", "ساهد"),      // testPSuffix
    ("ساهدي", "ساهد"),      // testYSuffix
    ("وساهدون", "ساهد"),    // testComboPrefSuf
    ("ساهدهات", "ساهد"),    // testComboSuf
    ("الو", "الو"),         // testShouldntStem
    ("English", "English"), // testNonArabic
    ("", ""),               // testEmptyTerm
];

/// `TestArabicNormalizationFilter.java` (Lucene).
const LUCENE_NORM_VECTORS: &[(&str, &str)] = &[
    ("آجن", "اجن"),          // testAlifMadda
    ("أحمد", "احمد"),        // testAlifHamzaAbove
    ("إعاذ", "اعاذ"),        // testAlifHamzaBelow
    ("بنى", "بني"),          // testAlifMaksura
    ("فاطمة", "فاطمه"),      // testTehMarbuta
    ("روبرـــــت", "روبرت"), // testTatweel
    ("مَبنا", "مبنا"),        // testFatha
    ("علِي", "علي"),          // testKasra
    ("بُوات", "بوات"),        // testDamma
    ("ولداً", "ولدا"),        // testFathatan
    ("ولدٍ", "ولد"),          // testKasratan
    ("ولدٌ", "ولد"),          // testDammatan
    ("نلْسون", "نلسون"),      // testSukun
    ("هتميّ", "هتمي"),        // testShaddah
    ("", ""),                // testEmptyTerm
];

/// `TestArabicAnalyzer.java` (Lucene), per token (stop words removed by hand).
const LUCENE_ANALYZER_VECTORS: &[(&str, &str)] = &[
    ("كبير", "كبير"),
    ("كبيرة", "كبير"), // feminine marker
    ("مشروب", "مشروب"),
    ("مشروبات", "مشروب"),  // plural -at
    ("أمريكيين", "امريك"), // plural -in
    ("امريكي", "امريك"),   // singular with bare alif
    ("كتاب", "كتاب"),
    ("الكتاب", "كتاب"), // definite article
    ("ملكت", "ملكت"),
    ("أيمانكم", "ايمانكم"),
    ("English", "english"),
    ("text", "text"),
    ("ساهدهات", "ساهد"), // testWithStemExclusionSet, empty exclusion set
    ("١٢٣٤", "1234"),    // testDigits
];

#[test]
fn light10_matches_lucene_stem_filter() {
    for &(input, expected) in LUCENE_STEM_VECTORS {
        assert_eq!(Light10.stem(input), expected, "light10({input})");
        assert_eq!(light10(input), expected, "light10({input})");
    }
}

#[test]
fn lucene_normalizer_matches_lucene() {
    for &(input, expected) in LUCENE_NORM_VECTORS {
        assert_eq!(lucene_normalize(input), expected, "normalize({input})");
    }
}

#[test]
fn lucene_analyzer_per_token() {
    for &(input, expected) in LUCENE_ANALYZER_VECTORS {
        assert_eq!(LuceneArabic.stem(input), expected, "lucene({input})");
    }
    // The stem vectors also hold after normalization (ة → ه first).
    for &(input, expected) in LUCENE_STEM_VECTORS {
        let expected = if input == "English" {
            "english"
        } else {
            expected
        };
        assert_eq!(LuceneArabic.stem(input), expected, "lucene({input})");
    }
}

#[test]
fn light10_details() {
    // Only the first matching prefix goes (ال before و), suffixes chain in order.
    assert_eq!(light10("والمعلمون"), "معلم");
    assert_eq!(light10("وال"), "وال"); // too short for وال (needs 5), and ال needs 4
    assert_eq!(light10("ولد"), "ولد"); // و needs four letters
    assert_eq!(light10("ولدي"), "لد"); // ... then ي still leaves two letters
    assert_eq!(light10("كتابها"), "كتاب");
    assert_eq!(light10("مدرستها"), "مدرست"); // ها, no تـ suffix
                                             // Pure light10 does not normalize: أ stays, ة is a suffix of its own.
    assert_eq!(light10("أمريكية"), "أمريك");
    assert_eq!(Light10.stem("الْكِتَاب"), "ْكِتَاب");
    assert_eq!(LuceneArabic.stem("الْكِتَاب"), "كتاب");
}

// ---------------------------------------------------------------- Snowball

#[test]
fn snowball_sanity() {
    // Pairs from snowball-data's Arabic vocabulary (via rust-stemmers' test data).
    let pairs = [
        ("الأبجران", "ابجر"),
        ("كتابكن", "كتاب"),
        ("مدرساه", "مدرس"),
        ("معلمتانا", "معلم"),
        ("بترنيمتكن", "ترنيم"),
        ("فتفاعلية", "تفاعل"),
        ("لتوفيرهن", "لتوفير"),
        ("وأسندتك", "اسند"),
        ("وسأقلبها", "اقلب"),
    ];
    for (input, expected) in pairs {
        assert_eq!(SnowballArabic.stem(input), expected, "snowball({input})");
    }
    // Everyday news words.
    assert_eq!(SnowballArabic.stem("المعلمون"), "معلم");
    assert_eq!(SnowballArabic.stem("بالكتاب"), "كتاب");
    assert_eq!(SnowballArabic.stem("وبالكتاب"), "كتاب");
    assert_eq!(SnowballArabic.stem("كتابهم"), "كتاب");
    // Known Snowball quirk: و/ف are not stripped before ا, so وال… keeps its article.
    assert_eq!(SnowballArabic.stem("والمعلمون"), "والمعلم");
    assert_eq!(SnowballArabic.stem("والكتاب"), "والكتاب");
    assert_eq!(SnowballArabic.stem("الكتاب"), "كتاب");
    // Snowball normalizes by itself: harakat go, hamza forms fold.
    assert_eq!(SnowballArabic.stem("الْكِتَاب"), "كتاب");
    assert_eq!(SnowballArabic.stem("English"), "English");
    assert_eq!(SnowballArabic.stem(""), "");
}

#[test]
fn stemmers_by_name() {
    for name in STEMMER_NAMES {
        let s = stemmer_by_name(name).expect(name);
        assert_eq!(s.name(), name);
        assert_eq!(s.stem("الكتاب"), "كتاب");
    }
    assert!(stemmer_by_name("khoja").is_none());
    // Shareable across threads.
    let all: Vec<Box<dyn Stemmer>> = STEMMER_NAMES
        .iter()
        .filter_map(|n| stemmer_by_name(n))
        .collect();
    std::thread::scope(|s| {
        s.spawn(|| assert_eq!(all[2].stem("المعلمون"), "معلم"));
    });
}

// ---------------------------------------------------------------- Buckwalter

#[test]
fn buckwalter_table_is_consistent() {
    let mut seen_ar = std::collections::HashSet::new();
    let mut seen_bw = std::collections::HashSet::new();
    for (ar, bw) in BUCKWALTER {
        assert!(
            seen_ar.insert(ar) && seen_bw.insert(bw),
            "duplicate {ar} {bw}"
        );
        assert_eq!(arabic_to_bw(ar), Some(bw));
        assert_eq!(bw_to_arabic(bw), Some(ar));
        assert!(bw.is_ascii() && bw != '\\');
    }
    for c in (0u32..0x0800).filter_map(char::from_u32) {
        if let Some(b) = arabic_to_bw(c) {
            assert!(BUCKWALTER.contains(&(c, b)));
        }
        if let Some(a) = bw_to_arabic(c) {
            assert!(BUCKWALTER.contains(&(a, c)));
        }
    }
}

#[test]
fn buckwalter_examples() {
    // Marks in the order given (shadda before fatha here; NFC would swap them).
    let muhammad = "\u{0645}\u{064F}\u{062D}\u{064E}\u{0645}\u{0651}\u{064E}\u{062F}\u{064C}";
    assert_eq!(to_buckwalter(muhammad), "muHam~adN");
    assert_eq!(from_buckwalter("muHam~adN"), muhammad);
    assert_eq!(to_buckwalter("مُحَمَّدٌ"), "muHama~dN"); // fatha, then shadda
    assert_eq!(to_buckwalter("السلام عليكم"), "AlslAm Elykm");
    assert_eq!(to_buckwalter("أَإِآؤئءة"), ">a<i|&}'p");
    assert_eq!(to_buckwalter("ٱلرَّحْمَٰنِ"), "{lra~Homa`ni");
    assert_eq!(to_buckwalter("پچڤگ"), "PJVG");
    assert_eq!(from_buckwalter("kitAbu {ll~hi"), "كِتابُ ٱللّهِ");
    // Escapes: colliding ASCII and the escape itself; everything else passes.
    assert_eq!(to_buckwalter("غزة Gaza 2024!"), "gzp \\G\\a\\z\\a 2024!");
    assert_eq!(to_buckwalter("a\\b"), "\\a\\\\\\b");
    assert_eq!(to_buckwalter("، ١٢ é €"), "، ١٢ é €");
    assert_eq!(from_buckwalter("gzp \\G\\a\\z\\a 2024!"), "غزة Gaza 2024!");
    assert_eq!(from_buckwalter("ktb\\"), "كتب\\"); // a lone trailing escape is itself
    assert_eq!(from_buckwalter("\\c"), "c");
}

/// Arabic block, ASCII (so plenty of Buckwalter collisions and `\`), and anything.
fn mixed_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => (0x0600u32..=0x06FF).prop_map(|c| char::from_u32(c).unwrap()),
        4 => (0x20u32..0x7F).prop_map(|c| char::from_u32(c).unwrap()),
        1 => Just('\\'),
        1 => any::<char>(),
    ]
}

fn table_char() -> impl Strategy<Value = char> {
    prop::sample::select(BUCKWALTER.iter().map(|&(a, _)| a).collect::<Vec<_>>())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn buckwalter_round_trip(s in prop::collection::vec(mixed_char(), 0..40)) {
        let s: String = s.into_iter().collect();
        let bw = to_buckwalter(&s);
        prop_assert_eq!(from_buckwalter(&bw), s);
        prop_assert_eq!(to_buckwalter(&from_buckwalter(&bw)), bw);
    }

    #[test]
    fn buckwalter_any_string(s in any::<String>()) {
        prop_assert_eq!(from_buckwalter(&to_buckwalter(&s)), s);
    }

    #[test]
    fn pure_arabic_is_plain_buckwalter(
        words in prop::collection::vec(prop::collection::vec(table_char(), 1..10), 1..5)
    ) {
        let s = words
            .iter()
            .map(|w| w.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join(" ");
        let bw = to_buckwalter(&s);
        prop_assert!(!bw.contains('\\'));
        prop_assert!(bw.is_ascii());
        let plain: String = s.chars().map(|c| arabic_to_bw(c).unwrap_or(c)).collect();
        prop_assert_eq!(&bw, &plain);
        prop_assert_eq!(from_buckwalter(&bw), s);
    }
}

// ---------------------------------------------------------------- romanization

#[test]
fn romanize_well_known_names() {
    let cases = [
        ("محمد بن سلمان", "Muhammad bin Salman"),
        ("بشار الأسد", "Bashar al-Asad"),
        ("عبد الفتاح السيسي", "Abd al-Fatah al-Sisi"),
        ("جمال عبد الناصر", "Jamal Abd al-Nasir"),
        ("أحمد", "Ahmad"),
        ("محمود عباس", "Mahmud Abas"),
        ("خالد", "Khalid"),
        ("حسن", "Hasan"),
        ("علي", "Ali"),
        ("صدام", "Sadam"),
        ("ياسر عرفات", "Yasir Arfat"),
        ("إبراهيم", "Ibrahim"),
        ("هارون الرشيد", "Harun al-Rashid"),
        ("نجيب محفوظ", "Najib Mahfuz"),
        ("عبدالله", "Abdullah"),
        ("عبد الله", "Abdullah"),
        ("عبدالرحمن", "Abd al-Rahman"),
        ("فيصل", "Faysal"),
        ("خديجة", "Khadija"),
        ("يحيى", "Yahya"),
        ("موسى", "Musa"),
        ("وليد", "Walid"),
        ("أبو بكر", "Abu Bakar"),
        ("حمزة", "Hamza"),
        ("بغداد", "Baghdad"),
        ("القاهرة", "Al-Qahra"),
        ("ماكرون", "Makrun"),
        ("نتنياهو", "Natnayahu"),
        ("أسامة بن لادن", "Asama bin Ladin"),
        ("وائل", "Wa'il"),
        ("علاء", "Ala'"),
    ];
    for (ar, expected) in cases {
        assert_eq!(romanize_name(ar), expected, "{ar}");
    }
}

#[test]
fn romanize_uses_harakat() {
    assert_eq!(romanize_name("مُحَمَّد"), "Muhammad");
    assert_eq!(romanize_name("عُمَر"), "Umar");
    assert_eq!(romanize_name("عَلِيّ"), "Ali");
    assert_eq!(romanize_name("فَاطِمَة"), "Fatima");
    assert_eq!(romanize_name("أَحْمَد"), "Ahmad");
    assert_eq!(romanize_name("خَالِد"), "Khalid");
    assert_eq!(romanize_name("يُوسُف"), "Yusuf");
    assert_eq!(romanize_name("جَوْهَر"), "Jawhar");
}

#[test]
fn romanize_passes_other_text_through() {
    assert_eq!(romanize_name(""), "");
    assert_eq!(romanize_name("Ali (علي) 2"), "Ali (Ali) 2");
    assert_eq!(romanize_name("حسن-علي"), "Hasan-Ali");
    assert_eq!(romanize_name("بوتين"), "Butin");
    assert_eq!(romanize_name("جـــمال"), "Jamal");
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Exact-match accuracy and character error rate of [`romanize_name`] on the
/// Google ar2en test pairs (Rosca & Breuel 2016; mostly foreign names).
#[test]
fn romanize_google_ar2en_eval() {
    let Some(path) = marsad_testdata::data_path("transliteration/google_ar2en/ar2en-test.txt")
    else {
        eprintln!("SKIP romanize_google_ar2en_eval: data missing");
        return;
    };
    let text = std::fs::read_to_string(&path).expect("read ar2en-test.txt");
    // raw: lower-cased output as is; loose: also without `al-`, apostrophes and hyphens.
    let loose = |s: &str| -> Vec<char> {
        let s = s.strip_prefix("al-").unwrap_or(s);
        s.chars().filter(|c| c.is_alphabetic()).collect()
    };
    let (mut n, mut exact_raw, mut exact_loose) = (0usize, 0usize, 0usize);
    let (mut ed_raw, mut ed_loose, mut ref_chars) = (0usize, 0usize, 0usize);
    for line in text.lines() {
        let Some((ar, en)) = line.split_once('\t') else {
            continue;
        };
        let hyp = romanize_name(ar).to_lowercase();
        let r: Vec<char> = en.chars().collect();
        let h: Vec<char> = hyp.chars().collect();
        n += 1;
        ref_chars += r.len();
        exact_raw += usize::from(h == r);
        ed_raw += levenshtein(&h, &r);
        let (hl, rl) = (loose(&hyp), loose(en));
        exact_loose += usize::from(hl == rl);
        ed_loose += levenshtein(&hl, &rl);
    }
    assert!(n > 1000, "expected ~1,590 pairs, got {n}");
    let pct = |x: usize, d: usize| 100.0 * x as f64 / d as f64;
    eprintln!(
        "google ar2en test ({n} pairs): exact {:.1}% CER {:.1}% (raw); exact {:.1}% CER {:.1}% (loose: no al-/'/-)",
        pct(exact_raw, n),
        pct(ed_raw, ref_chars),
        pct(exact_loose, n),
        pct(ed_loose, ref_chars),
    );
}

// ---------------------------------------------------------------- light10 vs Snowball

/// Arabic words (letters only) of the `text` field of each JSONL line.
fn text_field_words(line: &str, mut f: impl FnMut(&str)) {
    let key = "\"text\": \"";
    let Some(start) = line.find(key).map(|i| i + key.len()) else {
        return;
    };
    let body = &line[start..];
    // End of the JSON string: the first unescaped quote.
    let mut end = body.len();
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => {
                end = i;
                break;
            }
            _ => {}
        }
    }
    // Escapes (\n, \", \uXXXX) only hold ASCII here, so they separate words.
    for w in body[..end].split(|c: char| {
        !(marsad_text::chars::is_arabic_letter(c) || marsad_text::chars::is_haraka(c))
    }) {
        if !w.is_empty() {
            f(w);
        }
    }
}

/// Prints the markdown table used in `docs/stemmers.md`:
/// `cargo test -p marsad-text --test stem_translit -- --ignored --nocapture light10_vs_snowball`
#[test]
#[ignore = "report for docs/stemmers.md; needs the shared data"]
fn light10_vs_snowball_report() {
    let Some(path) =
        marsad_testdata::data_path("ant_multisource_news/ant_multisource_sample.jsonl")
    else {
        return;
    };
    let text = std::fs::read_to_string(&path).expect("read jsonl");
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut tokens = 0usize;
    for line in text.lines() {
        text_field_words(line, |w| {
            // Count surface forms without harakat/tatweel; both stemmers drop them anyway.
            let w: String = w
                .chars()
                .filter(|&c| !marsad_text::chars::is_haraka(c) && c != '\u{0640}')
                .collect();
            if !w.is_empty() {
                *counts.entry(w).or_default() += 1;
                tokens += 1;
            }
        });
    }
    let mut by_freq: Vec<(String, usize)> = counts.into_iter().collect();
    by_freq.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let fold =
        |s: &str| marsad_text::normalize::normalize_str(s, marsad_text::normalize::Profile::Search);

    eprintln!("{} Arabic tokens, {} types", tokens, by_freq.len());
    for top in [300usize, 1000, 5000] {
        let list = &by_freq[..top.min(by_freq.len())];
        let (mut same, mut same_folded, mut tok_same, mut tok_all) = (0, 0, 0, 0);
        for (w, c) in list {
            let (l, s) = (LuceneArabic.stem(w), SnowballArabic.stem(w));
            same += usize::from(l == s);
            same_folded += usize::from(fold(&l) == fold(&s));
            tok_same += if l == s { *c } else { 0 };
            tok_all += *c;
        }
        eprintln!(
            "top {top}: identical stems {same}/{} ({:.1}%), identical after search folding {same_folded} ({:.1}%), token-weighted identical {:.1}%",
            list.len(),
            100.0 * same as f64 / list.len() as f64,
            100.0 * same_folded as f64 / list.len() as f64,
            100.0 * tok_same as f64 / tok_all as f64,
        );
    }
    eprintln!("\n| rank | word | count | light10 (Lucene) | Snowball |\n|---:|---|---:|---|---|");
    for (rank, (w, c)) in by_freq.iter().take(300).enumerate() {
        let (l, s) = (LuceneArabic.stem(w), SnowballArabic.stem(w));
        if l != s {
            eprintln!("| {} | {w} | {c} | {l} | {s} |", rank + 1);
        }
    }
}
