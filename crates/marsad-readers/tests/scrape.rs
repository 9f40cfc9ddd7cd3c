use marsad_article::{Calendar, DatePrecision};
use marsad_readers::scrape::read_scrape;
use marsad_readers::{Location, RawArticle};
use proptest::prelude::*;
use serde_json::Value;
use std::path::PathBuf;

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scrape")
}

fn read(text: &str) -> RawArticle {
    read_scrape(
        text,
        Location {
            path: "test.txt".into(),
            ..Default::default()
        },
    )
}

fn paragraphs(a: &RawArticle) -> Vec<&str> {
    a.body.iter().map(|p| p.text.as_str()).collect()
}

/// Every body piece is a verbatim slice of the input at its `source_start`.
fn check_offsets(text: &str, a: &RawArticle) {
    let chars: Vec<char> = text.chars().collect();
    for p in &a.body {
        let start = p.source_start.expect("scrape pieces come from the input");
        let n = p.text.chars().count();
        let slice: String = chars[start..start + n].iter().collect();
        assert_eq!(slice, p.text, "piece at {start} does not match the input");
    }
}

fn opt_str(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(|x| x.as_str()).map(str::to_string)
}

/// Compare one scrape with its expectation; returns the problems found.
fn compare(text: &str, exp: &Value) -> Vec<String> {
    let a = read(text);
    check_offsets(text, &a);
    let got_body: Vec<String> = a.body.iter().map(|p| p.text.clone()).collect();
    let exp_body: Vec<String> = exp["body_paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect();
    let mut problems = Vec::new();
    let mut cmp = |what: &str, got: Option<String>, key: &str| {
        // Keys absent from the expectation are not checked (null means "none").
        let Some(want) = exp.get(key) else { return };
        let want = want.as_str().map(str::to_string);
        if got != want {
            problems.push(format!("{what}: got {got:?}, want {want:?}"));
        }
    };
    cmp("title", a.title.clone(), "title");
    cmp("outlet", a.outlet.clone(), "outlet");
    cmp(
        "place",
        a.dateline.as_ref().and_then(|d| d.place.clone()),
        "dateline_place",
    );
    cmp(
        "published",
        a.published.as_ref().map(|p| p.value.clone()),
        "published",
    );
    cmp(
        "agency",
        a.dateline.as_ref().and_then(|d| d.agency.clone()),
        "agency",
    );
    if let Some(cal) = opt_str(exp, "published_calendar") {
        let want = if cal == "hijri" {
            Calendar::Hijri
        } else {
            Calendar::Gregorian
        };
        if a.published.as_ref().map(|p| p.calendar) != Some(want) {
            problems.push(format!("calendar: got {:?}, want {cal}", a.published));
        }
    }
    if got_body != exp_body {
        let missing: Vec<&String> = exp_body.iter().filter(|p| !got_body.contains(p)).collect();
        let extra: Vec<&String> = got_body.iter().filter(|p| !exp_body.contains(p)).collect();
        problems.push(format!("body: missing {missing:#?}\n  extra {extra:#?}"));
    }
    if a.dateline.as_ref().is_some_and(|d| d.span.is_some()) {
        problems.push("dateline span should be None (removed from the body)".into());
    }
    problems
}

/// `NAME.txt` + `NAME.expected.json` pairs in `dir`: (name, problems).
fn run_dir(dir: &std::path::Path) -> Vec<(String, Vec<String>)> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".expected.json").map(str::to_string)
        })
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap();
            let exp: Value = serde_json::from_str(
                &std::fs::read_to_string(dir.join(format!("{name}.expected.json"))).unwrap(),
            )
            .unwrap();
            let problems = compare(&text, &exp);
            (name, problems)
        })
        .collect()
}

#[test]
fn fixtures_match_expected() {
    let results = run_dir(&fixtures_dir());
    assert!(results.len() >= 8, "only {} fixtures", results.len());
    let failures: Vec<String> = results
        .iter()
        .filter(|(_, p)| !p.is_empty())
        .map(|(n, p)| format!("{n}:\n{}", p.join("\n")))
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

/// Evaluate on a directory of generated scrapes (`MARSAD_SCRAPE_EVAL=dir cargo
/// test -p marsad-readers --test scrape -- --ignored eval`): prints the share of
/// scrapes read exactly, per field.
#[test]
#[ignore]
fn eval_directory() {
    let Ok(dir) = std::env::var("MARSAD_SCRAPE_EVAL") else {
        return;
    };
    let results = run_dir(std::path::Path::new(&dir));
    let mut by_field: std::collections::BTreeMap<String, usize> = Default::default();
    for (name, problems) in &results {
        for p in problems {
            *by_field
                .entry(p.split(':').next().unwrap_or("").to_string())
                .or_default() += 1;
            println!("{name}: {p}");
        }
    }
    let ok = results.iter().filter(|(_, p)| p.is_empty()).count();
    println!(
        "exact: {ok}/{}; errors by field: {by_field:?}",
        results.len()
    );
}

#[test]
fn reencoded_fixtures_exist() {
    // The decode tests (another module) read these; here we only check that they
    // decode to the same text as the UTF-8 original.
    let dir = fixtures_dir();
    let utf8 = std::fs::read_to_string(dir.join("spa_dates_festival.txt")).unwrap();
    let utf16 = std::fs::read(dir.join("spa_dates_festival.utf16.txt")).unwrap();
    assert_eq!(&utf16[..2], &[0xFF, 0xFE]);
    let units: Vec<u16> = utf16[2..]
        .chunks(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    assert_eq!(String::from_utf16(&units).unwrap(), utf8);
    let cp1256 = std::fs::read(dir.join("spa_dates_festival.cp1256.txt")).unwrap();
    let (decoded, _, bad) = encoding_rs::WINDOWS_1256.decode(&cp1256);
    assert!(!bad);
    assert_eq!(decoded, utf8);
}

#[test]
fn body_line_mentioning_twitter_is_kept() {
    let text = "عنوان الخبر هنا عن تغريدة الوزير\n\
تابعونا على تويتر\n\
كتب وزير الخارجية على حسابه في تويتر أن المحادثات كانت إيجابية ومثمرة.\n\
وتابعوا عبر تويتر ردود الفعل على التصريحات، التي أثارت جدلا واسعا بين المتابعين.\n\
وأضاف الوزير أن الجولة المقبلة ستعقد الشهر القادم في جنيف.\n";
    let a = read(text);
    assert_eq!(a.title.as_deref(), Some("عنوان الخبر هنا عن تغريدة الوزير"));
    assert_eq!(
        paragraphs(&a),
        vec![
            "كتب وزير الخارجية على حسابه في تويتر أن المحادثات كانت إيجابية ومثمرة.",
            "وتابعوا عبر تويتر ردود الفعل على التصريحات، التي أثارت جدلا واسعا بين المتابعين.",
            "وأضاف الوزير أن الجولة المقبلة ستعقد الشهر القادم في جنيف.",
        ]
    );
    check_offsets(text, &a);
}

#[test]
fn read_also_in_the_middle_is_removed() {
    let text = "الحكومة تعلن خطة جديدة للإسكان\n\
أعلنت الحكومة اليوم خطة جديدة لبناء مئة ألف وحدة سكنية خلال خمس سنوات.\n\
اقرأ أيضا: ارتفاع أسعار العقارات في العاصمة\n\
وقال وزير الإسكان إن الخطة ستمول من الموازنة العامة ومن القطاع الخاص.\n\
اقرأ أيضاً\n\
البنك المركزي يخفض أسعار الفائدة\n\
وأوضح الوزير أن التسجيل سيبدأ الشهر المقبل عبر بوابة إلكترونية.\n";
    let a = read(text);
    assert_eq!(
        paragraphs(&a),
        vec![
            "أعلنت الحكومة اليوم خطة جديدة لبناء مئة ألف وحدة سكنية خلال خمس سنوات.",
            "وقال وزير الإسكان إن الخطة ستمول من الموازنة العامة ومن القطاع الخاص.",
            "وأوضح الوزير أن التسجيل سيبدأ الشهر المقبل عبر بوابة إلكترونية.",
        ]
    );
    check_offsets(text, &a);
}

#[test]
fn no_furniture_keeps_body_intact() {
    let text = "  زلزال بقوة 5 درجات يضرب جنوب البلاد\n\n\
ضرب زلزال بقوة خمس درجات على مقياس ريختر جنوب البلاد فجر اليوم.\n\n\
ولم ترد تقارير فورية عن وقوع إصابات أو أضرار، بحسب الدفاع المدني.\n\n\
وقال مركز الرصد إن مركز الزلزال كان على عمق عشرة كيلومترات\n\
وأضاف أن هزات ارتدادية قد تتبعه خلال الساعات المقبلة.\n";
    let a = read(text);
    assert_eq!(
        a.title.as_deref(),
        Some("زلزال بقوة 5 درجات يضرب جنوب البلاد")
    );
    assert_eq!(paragraphs(&a).len(), 4);
    assert_eq!(a.body[0].source_start, Some(39));
    assert!(a.warnings.is_empty());
    assert!(a.published.is_none() && a.dateline.is_none() && a.outlet.is_none());
    check_offsets(text, &a);

    // No title line at all: every paragraph is kept.
    let text = "ضرب زلزال بقوة خمس درجات على مقياس ريختر جنوب البلاد فجر اليوم، وفق ما أعلن مركز الرصد الوطني في بيان.\n\
ولم ترد تقارير فورية عن وقوع إصابات أو أضرار، بحسب الدفاع المدني.\n";
    let a = read(text);
    assert!(a.title.is_none());
    assert_eq!(a.body.len(), 2);
    assert!(a.warnings.iter().any(|w| w.code == "no-title"));
}

#[test]
fn empty_and_degenerate_inputs() {
    for text in [
        "",
        "\n\n\n",
        "   \n\u{200f}\n",
        "عنوان فقط",
        "©",
        "الأكثر قراءة\nا\nب",
    ] {
        let a = read(text);
        assert!(a.body.is_empty(), "{text:?}");
        assert!(a.warnings.iter().any(|w| w.code == "no-body"), "{text:?}");
        assert_eq!(a.format, "text");
    }
    let a = read("");
    assert!(a.warnings.iter().any(|w| w.code == "no-title"));
}

#[test]
fn timestamps_datelines_and_outlets() {
    let text = "الرئيسية / سياسة\n\
مجلس الوزراء يقر الموازنة العامة\n\
نشر في: الأحد 18 فبراير 2018 - 12:30 م | آخر تحديث: الأحد 18 فبراير 2018 - 14:00\n\
الرياض - واس\n\
أقر مجلس الوزراء في جلسته اليوم الموازنة العامة للدولة للعام المالي المقبل.\n\
وأوضح وزير المالية أن الموازنة تتضمن زيادة في الإنفاق على التعليم والصحة.\n\
جميع الحقوق محفوظة ©\n";
    let a = read(text);
    let p = a.published.as_ref().unwrap();
    assert_eq!(p.value, "2018-02-18T12:30:00");
    assert_eq!(p.precision, DatePrecision::Local);
    assert_eq!(p.raw, "الأحد 18 فبراير 2018 - 12:30 م");
    let d = a.dateline.as_ref().unwrap();
    assert_eq!(d.place.as_deref(), Some("الرياض"));
    assert_eq!(d.agency.as_deref(), Some("واس"));
    assert_eq!(d.raw, "الرياض - واس");
    assert_eq!(a.outlet.as_deref(), Some("وكالة الأنباء السعودية (واس)"));
    assert_eq!(a.body.len(), 2);

    // Inline tags of several styles.
    for (first, place, outlet) in [
        (
            "رام الله - وفا: أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة.",
            "رام الله",
            Some("وكالة الأنباء الفلسطينية (وفا)"),
        ),
        (
            "القاهرة - (رويترز) - قال مسؤول حكومي إن المفاوضات ستستأنف الأسبوع المقبل.",
            "القاهرة",
            Some("رويترز"),
        ),
        (
            "بيروت (أ ف ب) - أعلن الجيش اللبناني توقيف عدد من المطلوبين في عملية أمنية.",
            "بيروت",
            Some("فرانس برس"),
        ),
        (
            "عمان - بترا - افتتح وزير التربية والتعليم مدرسة جديدة في العاصمة اليوم.",
            "عمان",
            Some("وكالة الأنباء الأردنية (بترا)"),
        ),
        (
            "الدوحة - قنا: استقبل وزير الخارجية اليوم نظيره الفرنسي في العاصمة.",
            "الدوحة",
            Some("وكالة الأنباء القطرية (قنا)"),
        ),
        (
            "دمشق-سانا: افتتح معرض الكتاب الدولي أبوابه اليوم بمشاركة واسعة.",
            "دمشق",
            Some("الوكالة العربية السورية للأنباء (سانا)"),
        ),
        (
            "أنقرة/ الأناضول/ أعلنت وزارة الدفاع التركية اليوم عن مناورات عسكرية جديدة.",
            "أنقرة",
            Some("وكالة الأناضول"),
        ),
        (
            "عواصم - وكالات: تواصلت ردود الفعل الدولية على الهجوم الذي وقع أمس.",
            "عواصم",
            None,
        ),
        (
            "لندن: أعلنت الحكومة البريطانية اليوم عن حزمة جديدة من الإجراءات.",
            "لندن",
            None,
        ),
    ] {
        let text = format!("عنوان تجريبي للخبر\n{first}\nوأضاف المصدر أن التفاصيل ستعلن لاحقا.\n");
        let a = read(&text);
        let d = a
            .dateline
            .as_ref()
            .unwrap_or_else(|| panic!("no dateline in {first}"));
        assert_eq!(d.place.as_deref(), Some(place), "{first}");
        assert_eq!(a.outlet.as_deref(), outlet, "{first}");
        assert!(d.span.is_none());
        assert!(
            !a.body[0].text.starts_with(place),
            "{first}: {:?}",
            a.body[0].text
        );
        check_offsets(&text, &a);
    }
}

#[test]
fn social_line_with_timestamp_gives_published() {
    let text = "عنوان الخبر عن الاقتصاد المحلي\n\
تابعونا على تويتر 10:35 2018-02-18\n\
ارتفع مؤشر البورصة الرئيسي اليوم بنسبة اثنين بالمئة مدعوما بأسهم البنوك.\n";
    let a = read(text);
    assert_eq!(a.published.unwrap().value, "2018-02-18T10:35:00");
    assert_eq!(a.body.len(), 1);
}

#[test]
fn widget_list_and_footer_removed() {
    let text = "عنوان الخبر عن الانتخابات البلدية\n\
أدلى الناخبون بأصواتهم اليوم في الانتخابات البلدية وسط إقبال متوسط.\n\
وقالت اللجنة العليا إن النتائج الأولية ستعلن مساء الغد.\n\
الأكثر قراءة\n\
مقتل خمسة أشخاص في حادث سير على الطريق الدولي\n\
الحكومة ترفع أسعار الوقود ابتداء من الشهر المقبل\n\
منتخب الشباب يتأهل إلى نهائيات كأس آسيا\n\
نستخدم ملفات تعريف الارتباط لتحسين تجربتك. موافق\n\
الرئيسية | من نحن | اتصل بنا | سياسة الخصوصية\n";
    let a = read(text);
    assert_eq!(a.body.len(), 2);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn never_panics(lines in proptest::collection::vec(prop_oneof![
        "\\PC{0,40}",
        Just("الأكثر قراءة".to_string()),
        Just("اقرأ أيضا:".to_string()),
        Just("الرياض - واس".to_string()),
        Just("بيروت (أ ف ب) -".to_string()),
        Just("(".to_string()),
        Just("نشر في: 18/02/2018".to_string()),
        Just("تابعونا على تويتر 10:35 2018-02-18".to_string()),
        Just("ضرب زلزال بقوة خمس درجات جنوب البلاد فجر اليوم.".to_string()),
    ], 0..12)) {
        let text = lines.join("\n");
        let a = read(&text);
        check_offsets(&text, &a);
    }
}

#[test]
fn title_suffix_bylines_and_section_labels() {
    let text = "سياسة\n\
عربي ودولي\n\
البرلمان يقر قانون الانتخابات الجديد | سكاي نيوز عربية\n\
كتب: أحمد علي\n\
تحرير معسكر في الجنوب بعد معارك عنيفة استمرت أياما.\n\
وقال مصدر عسكري إن القوات تقدمت من ثلاثة محاور.\n";
    let a = read(text);
    assert_eq!(
        a.title.as_deref(),
        Some("البرلمان يقر قانون الانتخابات الجديد")
    );
    assert_eq!(a.outlet.as_deref(), Some("سكاي نيوز عربية"));
    assert_eq!(a.author.as_deref(), Some("أحمد علي"));
    // `تحرير ...` starts a sentence here, not a byline.
    assert_eq!(a.body.len(), 2);

    // A hashtag right after an agency tag is body text.
    let text = "عنوان الخبر\n\
باريس - (رويترز) - تقوم #الميليشيات_الحوثية لليوم الثاني بقصف عنيف على القرى.\n";
    let a = read(text);
    assert_eq!(a.dateline.as_ref().unwrap().raw, "باريس - (رويترز) -");
    assert_eq!(
        paragraphs(&a),
        vec!["تقوم #الميليشيات_الحوثية لليوم الثاني بقصف عنيف على القرى."]
    );
    // An outlet name as the subject of the first sentence is not a tag.
    let text = "عنوان الخبر\nبي بي سي تعرض مجموعة من أفضل الصور الإخبارية الملتقطة خلال الأسبوع.\n";
    let a = read(text);
    assert!(a.dateline.is_none());
    assert_eq!(a.body.len(), 1);
}
