use marsad_text::dates::{
    find_date, gregorian_to_hijri, hijri_to_gregorian, parse_date, Calendar, ParsedDate,
};
use proptest::prelude::*;

fn iso(s: &str) -> String {
    match parse_date(s) {
        Some(d) => d.iso(),
        None => panic!("no date in {s:?}"),
    }
}

fn found(s: &str) -> (String, String) {
    let (a, b, d) = find_date(s).unwrap_or_else(|| panic!("no date found in {s:?}"));
    let span: String = s.chars().skip(a).take(b - a).collect();
    (span, d.iso())
}

#[test]
fn rfc2822() {
    assert_eq!(
        iso("Sun, 18 Feb 2018 20:50:44 GMT"),
        "2018-02-18T20:50:44+00:00"
    );
    assert_eq!(
        iso("Tue, 13 Feb 2018 10:22:00 +0000"),
        "2018-02-13T10:22:00+00:00"
    );
    assert_eq!(
        iso("Sun, 18 Feb 2018 21:35:43 +0400"),
        "2018-02-18T21:35:43+04:00"
    );
    assert_eq!(
        iso("Mon, 5 Mar 2018 06:15:17 -0500"),
        "2018-03-05T06:15:17-05:00"
    );
    assert_eq!(iso("18 Feb 2018 20:50 UTC"), "2018-02-18T20:50:00+00:00");
    assert_eq!(
        iso("  Sun, 18 Feb 2018 20:50:44 EST "),
        "2018-02-18T20:50:44-05:00"
    );
    let d = parse_date("Sun, 18 Feb 2018 20:50:44 GMT").unwrap();
    assert_eq!(
        d,
        ParsedDate {
            year: 2018,
            month: 2,
            day: 18,
            time: Some((20, 50, 44)),
            offset_minutes: Some(0),
            calendar: Calendar::Gregorian,
            gregorian: None,
        }
    );
}

#[test]
fn iso_and_numeric() {
    assert_eq!(
        iso("2018-02-18T20:50:44+00:00"),
        "2018-02-18T20:50:44+00:00"
    );
    assert_eq!(iso("2018-02-18T20:50:44Z"), "2018-02-18T20:50:44+00:00");
    assert_eq!(
        iso("2018-02-18T20:50:44.123+03:00"),
        "2018-02-18T20:50:44+03:00"
    );
    assert_eq!(iso("2015-07-21 02:51:32"), "2015-07-21T02:51:32");
    assert_eq!(iso("2018-02-18"), "2018-02-18");
    assert_eq!(iso("10:35 2018-02-18"), "2018-02-18T10:35:00");
    assert_eq!(iso("18/02/2018"), "2018-02-18");
    assert_eq!(iso("2018/02/18"), "2018-02-18");
    assert_eq!(iso("18-02-2018"), "2018-02-18");
    assert_eq!(iso("18.02.2018 14:05"), "2018-02-18T14:05:00");
    assert_eq!(iso("5/7/2015"), "2015-07-05");
    // Unambiguous month-first.
    assert_eq!(iso("02/18/2018"), "2018-02-18");
    assert_eq!(
        iso("2015-07-21 02:51:32 GMT+3"),
        "2015-07-21T02:51:32+03:00"
    );
}

#[test]
fn arabic_digits() {
    assert_eq!(iso("٢٠١٨-٠٢-١٨"), "2018-02-18");
    assert_eq!(iso("١٨/٠٢/٢٠١٨ - ٩:٣٥ م"), "2018-02-18T21:35:00");
    assert_eq!(iso("۱۸ فبراير ۲۰۱۸"), "2018-02-18");
    assert_eq!(iso("الأحد ١٨ فبراير ٢٠١٨ ١٠:٣٠ ص"), "2018-02-18T10:30:00");
}

#[test]
fn egyptian_gulf_months() {
    let names = [
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ];
    for (i, n) in names.iter().enumerate() {
        assert_eq!(
            iso(&format!("3 {n} 2016")),
            format!("2016-{:02}-03", i + 1),
            "{n}"
        );
    }
    for (v, m) in [
        ("ابريل", 4),
        ("إبريل", 4),
        ("يونيه", 6),
        ("يوليه", 7),
        ("اغسطس", 8),
        ("اكتوبر", 10),
    ] {
        assert_eq!(
            iso(&format!("3 {v} 2016")),
            format!("2016-{m:02}-03"),
            "{v}"
        );
    }
}

#[test]
fn levantine_months() {
    let names = [
        "كانون الثاني",
        "شباط",
        "آذار",
        "نيسان",
        "أيار",
        "حزيران",
        "تموز",
        "آب",
        "أيلول",
        "تشرين الأول",
        "تشرين الثاني",
        "كانون الأول",
    ];
    for (i, n) in names.iter().enumerate() {
        assert_eq!(
            iso(&format!("الثلاثاء 21 {n} 2015")),
            format!("2015-{:02}-21", i + 1),
            "{n}"
        );
    }
    assert_eq!(iso("21 مايس 2015"), "2015-05-21");
    assert_eq!(iso("21 كانون ثاني 2015"), "2015-01-21");
}

#[test]
fn maghrebi_months() {
    let names = [
        "جانفي",
        "فيفري",
        "مارس",
        "أفريل",
        "ماي",
        "جوان",
        "جويلية",
        "أوت",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ];
    for (i, n) in names.iter().enumerate() {
        assert_eq!(
            iso(&format!("9 {n} 2017")),
            format!("2017-{:02}-09", i + 1),
            "{n}"
        );
    }
    let moroccan = [
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "ماي",
        "يونيو",
        "يوليوز",
        "غشت",
        "شتنبر",
        "أكتوبر",
        "نونبر",
        "دجنبر",
    ];
    for (i, n) in moroccan.iter().enumerate() {
        assert_eq!(
            iso(&format!("9 {n} 2017")),
            format!("2017-{:02}-09", i + 1),
            "{n}"
        );
    }
}

#[test]
fn combined_month_forms() {
    assert_eq!(iso("18 فبراير/ شباط 2018"), "2018-02-18");
    assert_eq!(iso("1 آذار/مارس 2018"), "2018-03-01");
    assert_eq!(iso("13 يناير/كانون الثاني 2018"), "2018-01-13");
    assert_eq!(iso("13 يناير (كانون الثاني) 2018"), "2018-01-13");
    assert_eq!(iso("الـ18 من فبراير 2018"), "2018-02-18");
    assert_eq!(found("في الـ18 من فبراير 2018 قال").0, "18 من فبراير 2018");
}

#[test]
fn english_months() {
    assert_eq!(iso("February 18, 2018"), "2018-02-18");
    assert_eq!(iso("18 February 2018"), "2018-02-18");
    assert_eq!(iso("Feb. 18, 2018 8:50 p.m."), "2018-02-18T20:50:00");
    assert_eq!(
        iso("Tuesday, 11 August 2015 - 16:10 pm"),
        "2015-08-11T16:10:00"
    );
    assert_eq!(iso("18-Feb-2018"), "2018-02-18");
}

#[test]
fn weekday_markers_ampm_zones() {
    assert_eq!(iso("الأحد 18 فبراير 2018 م"), "2018-02-18");
    assert_eq!(iso("الأحد، 18 فبراير 2018 - 12:30 م"), "2018-02-18T12:30:00");
    assert_eq!(
        iso("18 فبراير 2018 الساعة 9:05 صباحا"),
        "2018-02-18T09:05:00"
    );
    assert_eq!(iso("18 فبراير 2018 - 9:05 مساءً"), "2018-02-18T21:05:00");
    assert_eq!(iso("18 فبراير 2018 12:10 ص"), "2018-02-18T00:10:00");
    assert_eq!(
        iso("18 فبراير 2018 - 10:30 بتوقيت مكة المكرمة"),
        "2018-02-18T10:30:00+03:00"
    );
    assert_eq!(
        iso("18 فبراير 2018 10:30 بتوقيت غرينتش"),
        "2018-02-18T10:30:00+00:00"
    );
    assert_eq!(
        iso("18 فبراير 2018 10:30 م بتوقيت مكة"),
        "2018-02-18T22:30:00+03:00"
    );
    // Unknown zone: consumed, no offset.
    assert_eq!(
        iso("18 فبراير 2018 10:30 بتوقيت القاهرة"),
        "2018-02-18T10:30:00"
    );
    assert_eq!(iso("يوم الأحد 18 فبراير 2018"), "2018-02-18");
    assert_eq!(iso("6 فبراير 2018م KSA 13:47"), "2018-02-06T13:47:00+03:00");
    assert_eq!(
        found("نشر في: الثلاثاء ٢٠ جمادى الأولى ١٤٣٩هـ - ٦ فبراير ٢٠١٨م KSA ١٣:٤٧ - GMT ١٠:٤٧").1,
        "2018-02-06T13:47:00+03:00"
    );
    assert_eq!(iso("18 فبراير عام 2018"), "2018-02-18");
}

#[test]
fn hijri_dates() {
    let d = parse_date("25 شوال 1436 هـ").unwrap();
    assert_eq!(d.calendar, Calendar::Hijri);
    assert_eq!((d.year, d.month, d.day), (1436, 10, 25));
    assert_eq!(d.gregorian, Some((2015, 8, 10)));
    assert_eq!(d.iso(), "2015-08-10");
    let names = [
        "محرم",
        "صفر",
        "ربيع الأول",
        "ربيع الآخر",
        "جمادى الأولى",
        "جمادى الآخرة",
        "رجب",
        "شعبان",
        "رمضان",
        "شوال",
        "ذو القعدة",
        "ذو الحجة",
    ];
    for (i, n) in names.iter().enumerate() {
        let d = parse_date(&format!("3 {n} 1439 هـ")).unwrap_or_else(|| panic!("{n}"));
        assert_eq!((d.calendar, d.month), (Calendar::Hijri, i as u8 + 1), "{n}");
        assert!(d.gregorian.is_some());
    }
    for (v, m) in [
        ("ربيع الثاني", 4),
        ("جمادى الثانية", 6),
        ("ذي الحجة", 12),
        ("ذي القعدة", 11),
    ] {
        assert_eq!(
            parse_date(&format!("3 {v} 1439هـ")).unwrap().month,
            m,
            "{v}"
        );
    }
    // Numeric Hijri (year range) and with time.
    let d = parse_date("1436/10/25 هـ").unwrap();
    assert_eq!(
        (d.calendar, d.iso().as_str()),
        (Calendar::Hijri, "2015-08-10")
    );
    let d = parse_date("الاثنين 25 شوال 1436 هـ - 10:30 ص").unwrap();
    assert_eq!(d.iso(), "2015-08-10T10:30:00");
}

#[test]
fn hijri_with_gregorian_prefers_gregorian() {
    let d = parse_date("الأحد 5 ذو القعدة 1436 هـ الموافق 20 أغسطس 2015 م").unwrap();
    assert_eq!(d.calendar, Calendar::Gregorian);
    assert_eq!(d.iso(), "2015-08-20");
    let d = parse_date("الثلاثاء - 5 شوال 1436 هـ - 21 يوليو 2015 مـ").unwrap();
    assert_eq!(d.iso(), "2015-07-21");
    let d = parse_date("21 يوليو 2015 م الموافق 5 شوال 1436 هـ").unwrap();
    assert_eq!(
        (d.calendar, d.iso().as_str()),
        (Calendar::Gregorian, "2015-07-21")
    );
    let (span, v) = found("بريدة 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس");
    assert_eq!(span, "25 شوال 1436 هـ الموافق 10 اغسطس 2015 م");
    assert_eq!(v, "2015-08-10");
    // Two separate dates on a line: the Gregorian one wins.
    let (_, v) = found("يوم الاثنين ٤-١٠-١٤٣٦ الموافق ٢٠-٧-٢٠١٥م في تمام الساعة");
    assert_eq!(v, "2015-07-20");
    let (_, v) = found("تاريخ: 25 شوال 1436 هـ | نشر: 11/08/2015");
    assert_eq!(v, "2015-08-11");
}

#[test]
fn find_in_lines() {
    assert_eq!(
        found("تابعونا على تويتر 10:35 2018-02-18"),
        (
            "10:35 2018-02-18".to_string(),
            "2018-02-18T10:35:00".to_string()
        )
    );
    assert_eq!(
        found("نشر في: الأحد 18 فبراير 2018 - 12:30 م"),
        (
            "الأحد 18 فبراير 2018 - 12:30 م".to_string(),
            "2018-02-18T12:30:00".to_string()
        )
    );
    assert_eq!(
        found("آخر تحديث: ١٨/٠٢/٢٠١٨ - ٩:٣٥ م بتوقيت مكة").1,
        "2018-02-18T21:35:00+03:00"
    );
    let (a, b, _) = find_date("abc 2018-02-18 xyz").unwrap();
    assert_eq!((a, b), (4, 14));
    assert!(find_date("قتل 12 شخصا في 2018 بحسب 3 مصادر").is_none());
    assert!(find_date("الساعة 10:30 صباحا").is_none());
    assert!(find_date("سجل 1-2-3 أهداف").is_none());
    assert!(find_date("الإصدار 1.2.2018.5").is_none());
}

#[test]
fn invalid_dates_rejected() {
    assert!(parse_date("30 فبراير 2018").is_none());
    assert!(parse_date("29/02/2018").is_none());
    assert_eq!(iso("29/02/2016"), "2016-02-29");
    assert!(parse_date("31 أبريل 2018").is_none());
    assert!(parse_date("2018-13-01").is_none());
    assert!(parse_date("2018-02-18 25:00").is_none());
    assert!(parse_date("2018-02-18 12:61").is_none());
    assert!(parse_date("31 رمضان 1436").is_none());
    assert!(parse_date("18 فبراير").is_none());
    assert!(parse_date("").is_none());
    assert!(parse_date("تقرير 18 فبراير 2018").is_none());
    assert!(parse_date("18 فبراير 2018 تقرير").is_none());
}

#[test]
fn conversion() {
    assert_eq!(hijri_to_gregorian(1436, 10, 1), Some((2015, 7, 17)));
    assert_eq!(hijri_to_gregorian(1440, 1, 1), Some((2018, 9, 11)));
    assert_eq!(gregorian_to_hijri(2015, 8, 10), Some((1436, 10, 25)));
    assert_eq!(hijri_to_gregorian(1436, 13, 1), None);
    assert_eq!(gregorian_to_hijri(2015, 2, 30), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn never_panics(s in "\\PC{0,60}") {
        let _ = parse_date(&s);
        if let Some((a, b, d)) = find_date(&s) {
            prop_assert!(a < b && b <= s.chars().count());
            let _ = d.iso();
        }
    }

    #[test]
    fn never_panics_on_date_like_soup(parts in proptest::collection::vec(prop_oneof![
        Just("18".to_string()), Just("٢٠١٨".to_string()), Just("فبراير".to_string()),
        Just("/".to_string()), Just("-".to_string()), Just(":".to_string()), Just("+".to_string()),
        Just("هـ".to_string()), Just("م".to_string()), Just("الموافق".to_string()),
        Just("شوال".to_string()), Just("1436".to_string()), Just(" ".to_string()),
        Just("(".to_string()), Just(")".to_string()), Just("99999999999".to_string()),
        Just("بتوقيت".to_string()), Just("GMT".to_string()), Just("الأحد".to_string()),
        Just("كانون".to_string()), Just("12".to_string()), Just("0".to_string()),
        "[0-9]{1,5}",
    ], 0..24)) {
        let s: String = parts.concat();
        let _ = parse_date(&s);
        if let Some((a, b, d)) = find_date(&s) {
            prop_assert!(a < b && b <= s.chars().count());
            let iso = d.iso();
            prop_assert!(iso.len() >= 10);
        }
    }
}
