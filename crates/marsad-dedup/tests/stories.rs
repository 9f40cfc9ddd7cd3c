use marsad_dedup::*;

const SPA: &str = "الرياض - واس: استقبل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود في مكتبه بقصر اليمامة اليوم رئيس وزراء جمهورية باكستان الإسلامية محمد نواز شريف والوفد المرافق له. وجرى خلال الاستقبال استعراض العلاقات الثنائية بين البلدين الشقيقين وسبل تعزيزها في مختلف المجالات، إضافة إلى بحث مستجدات الأحداث في المنطقة والجهود المبذولة تجاهها. حضر الاستقبال صاحب السمو الملكي الأمير محمد بن نايف بن عبدالعزيز ولي العهد نائب رئيس مجلس الوزراء وزير الداخلية، وصاحب السمو الملكي الأمير محمد بن سلمان بن عبدالعزيز ولي ولي العهد النائب الثاني لرئيس مجلس الوزراء وزير الدفاع، ومعالي وزير الخارجية الأستاذ عادل بن أحمد الجبير.";

// The same agency story as another outlet prints it: hamza/alef/yaa spelling
// variants, diacritics, a different dateline, the last sentence cut and one added.
const EDITED: &str = "استقبل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود فى مكتبه بقصر اليمامة اليوم رئيس وزراء جمهورية باكستان الاسلامية محمد نواز شريف والوفد المرافق له. وجرى خلال الاستقبال استعراض العلاقات الثنائية بين البلدين الشقيقين وسبل تعزيزها فى مختلف المجالات، اضافة الى بحث مستجدات الأحداث فى المنطقة والجهود المبذولة تجاهها. حَضَرَ الاستقبال صاحب السمو الملكي الامير محمد بن نايف بن عبدالعزيز ولي العهد نائب رئيس مجلس الوزراء وزير الداخلية، وصاحب السمو الملكي الامير محمد بن سلمان بن عبدالعزيز ولي ولي العهد النائب الثاني لرئيس مجلس الوزراء وزير الدفاع. وكان رئيس الوزراء الباكستاني قد وصل إلى الرياض مساء أمس في زيارة رسمية.";

// Another story on the same topic (the same visit), written independently.
const OTHER: &str = "وصل رئيس الوزراء الباكستاني نواز شريف إلى العاصمة السعودية الرياض في زيارة تستمر يومين، يلتقي خلالها كبار المسؤولين في المملكة لبحث التعاون العسكري والاقتصادي بين البلدين. وقال مصدر دبلوماسي في إسلام آباد إن الزيارة تأتي في إطار التشاور المستمر حول الأوضاع في اليمن، وإن باكستان تؤكد التزامها بأمن المملكة العربية السعودية ووحدة أراضيها. وأضاف المصدر أن الجانبين سيبحثان أيضا زيادة حجم التبادل التجاري وتوسيع فرص العمل للعمالة الباكستانية في المملكة.";

fn docs() -> Vec<Doc<'static>> {
    vec![
        Doc {
            id: "a",
            text: SPA,
            published: Some("2015-08-11T10:00:00"),
        },
        Doc {
            id: "b",
            text: OTHER,
            published: Some("2015-08-10T22:00:00"),
        },
        Doc {
            id: "c",
            text: EDITED,
            published: Some("2015-08-11T09:30:00"),
        },
    ]
}

#[test]
fn spelling_variants_and_diacritics_do_not_change_shingles() {
    let a = shingles("قال الأمير إن الاتفاقية الجديدة ستوقع في مكة", 3);
    let b = shingles("قَالَ الامير ان الإتفاقيه الجديدة ستوقع فى مكه", 3);
    assert_eq!(a, b);
    assert!(!a.is_empty());
}

#[test]
fn edited_copy_merges_and_other_story_does_not() {
    let cfg = Config::default();
    let sa = shingles(SPA, cfg.shingle_words);
    let se = shingles(EDITED, cfg.shingle_words);
    let so = shingles(OTHER, cfg.shingle_words);
    let j_copy = jaccard(&sa, &se);
    let j_other = jaccard(&sa, &so);
    assert!(j_copy > 0.6, "copy jaccard {j_copy}");
    assert!(j_other < 0.05, "other jaccard {j_other}");

    let stories = stories(&docs(), &cfg);
    assert_eq!(stories.len(), 2, "{stories:?}");
    let copy = stories
        .iter()
        .find(|s| s.members.len() == 2)
        .expect("a two-member story");
    assert_eq!(copy.members, vec!["a", "c"]);
    // c was published earlier
    assert_eq!(copy.canonical, "c");
    assert_eq!(copy.id, story_id("c"));
    let single = stories.iter().find(|s| s.members.len() == 1).unwrap();
    assert_eq!(single.members, vec!["b"]);
}

#[test]
fn canonical_ties_longest_then_smallest_id() {
    let d = vec![
        Doc {
            id: "z",
            text: SPA,
            published: None,
        },
        Doc {
            id: "y",
            text: SPA,
            published: None,
        },
        Doc {
            id: "x",
            text: SPA.split_once(": ").unwrap().1,
            published: None,
        },
    ];
    let s = stories(&d, &Config::default());
    assert_eq!(s.len(), 1);
    // the full SPA text is longer than the one without dateline; of the two SPA copies "y" < "z"
    assert_eq!(s[0].canonical, "y");
    assert_eq!(s[0].members, vec!["z", "y", "x"]);
}

#[test]
fn incremental_index_reports_the_story() {
    let cfg = Config::default();
    let mut idx = StoryIndex::new(&cfg);
    let a = idx.add_text(SPA);
    assert_eq!((a.doc, a.story), (0, 0));
    assert!(a.matches.is_empty());
    let b = idx.add_text(OTHER);
    assert_eq!((b.doc, b.story), (1, 1));
    let c = idx.add_text(EDITED);
    assert_eq!(c.doc, 2);
    assert_eq!(c.story, 0);
    assert_eq!(c.matches.len(), 1);
    assert_eq!(c.matches[0].doc, 0);
    assert!(c.matches[0].similarity >= cfg.threshold);
    assert_eq!(idx.groups(), vec![vec![0, 2], vec![1]]);
}

#[test]
fn short_and_empty_texts_are_never_grouped() {
    let cfg = Config::default();
    let d = vec![
        Doc {
            id: "1",
            text: "",
            published: None,
        },
        Doc {
            id: "2",
            text: "",
            published: None,
        },
        Doc {
            id: "3",
            text: "الرياض - واس",
            published: None,
        },
        Doc {
            id: "4",
            text: "الرياض - واس",
            published: None,
        },
    ];
    assert_eq!(stories(&d, &cfg).len(), 4);
}

#[test]
fn output_is_deterministic() {
    let cfg = Config::default();
    let a = stories(&docs(), &cfg);
    let b = stories(&docs(), &cfg);
    assert_eq!(a, b);
    let h = MinHasher::new(&cfg);
    assert_eq!(h.signature(SPA), h.signature(SPA));
    assert_eq!(h.signature(SPA).0.len(), cfg.num_perm());
}

#[test]
fn lsh_curve_is_sane() {
    let cfg = Config::default();
    assert!(cfg.candidate_probability(0.9) > 0.99);
    assert!(cfg.candidate_probability(0.2) < 0.1);
    let m = cfg.lsh_midpoint();
    assert!((0.3..0.8).contains(&m), "{m}");
}

#[test]
fn a_document_bridging_two_stories_reports_both() {
    let cfg = Config::default();
    let n = cfg.num_perm();
    let mut idx = StoryIndex::new(&cfg);
    let a = idx.add(Signature(vec![1u32; n].into_boxed_slice()));
    let b = idx.add(Signature(vec![2u32; n].into_boxed_slice()));
    assert_eq!(
        (a.joined.len(), b.story),
        (0, b.doc),
        "two separate stories"
    );
    // Half of its values from each: similar enough to both.
    let half: Vec<u32> = (0..n).map(|i| if i < n / 2 { 1 } else { 2 }).collect();
    let c = idx.add(Signature(half.into_boxed_slice()));
    assert_eq!(c.joined, vec![a.doc, b.doc]);
    assert_eq!(c.story, a.doc);
    assert_eq!(idx.story_of(b.doc), a.doc);
}
