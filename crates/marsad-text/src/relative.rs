//! Relative date expressions resolved against a publication date.
//!
//! News dates events relative to the day it is published: `اليوم`, `أمس`, `أول أمس`,
//! `غدا`, `بعد غد`, `يوم الجمعة` (the latest Friday on or before publication when the
//! sentence tells of the past, the next one on or after it when it announces),
//! `الثلاثاء المقبل`, `الخميس الماضي`, `الأسبوع الماضي`, `الشهر الماضي`, `العام المقبل`,
//! `منذ يومين`, with `صباح`/`مساء`/`فجر`/`ليلة` in front. [`find_relative`] finds them in a
//! text and resolves each; every result says how it was derived.
//!
//! Pure, allocation-light, never panics.

use crate::normalize::{normalize_str, Profile};

/// Whether the surrounding sentence tells of the past or announces the future.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    Unknown,
}

/// How precise a resolved date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Day,
    /// The week around the date (`الأسبوع الماضي`): the date is seven days away.
    Week,
    Month,
    Year,
}

/// A resolved relative date expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelativeDate {
    /// Code-point span of the expression in the searched text.
    pub start: usize,
    pub end: usize,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY` by precision.
    pub date: String,
    pub precision: Precision,
    /// How it was derived (`yesterday`, `weekday-before`, `last-month`, ...).
    pub how: &'static str,
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's algorithm).
pub fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    ((y + i64::from(m <= 2)) as i32, m, d)
}

/// Day of the week, 0 = Sunday … 6 = Saturday.
pub fn weekday(days: i64) -> u8 {
    // 1970-01-01 was a Thursday.
    (days + 4).rem_euclid(7) as u8
}

/// Search-normalized weekday names, Sunday first.
const WEEKDAYS: [&str; 7] = [
    "الاحد",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "الجمعه",
    "السبت",
];

/// The weekday (0 = Sunday) a search-normalized word names (`الجمعه`, `والسبت`,
/// `يوم` + name written as one word).
pub fn weekday_of(word: &str) -> Option<u8> {
    let w = word
        .strip_prefix('و')
        .filter(|r| r.starts_with("ال"))
        .unwrap_or(word);
    let w = w.strip_prefix("يوم").unwrap_or(w);
    WEEKDAYS
        .iter()
        .position(|d| *d == w || (w == "الاتنين" && *d == "الاثنين"))
        .map(|i| i as u8)
}

fn ymd(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

fn add_months(y: i32, m: u8, delta: i32) -> (i32, u8) {
    let idx = y * 12 + i32::from(m) - 1 + delta;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u8)
}

fn is_past_word(w: &str) -> bool {
    matches!(
        w,
        "الماضي" | "الماضيه" | "المنصرم" | "المنصرمه" | "السابق" | "الفايت"
    )
}

fn is_next_word(w: &str) -> bool {
    matches!(w, "المقبل" | "المقبله" | "القادم" | "القادمه" | "التالي")
}

fn number_word(w: &str) -> Option<i64> {
    Some(match w {
        "ثلاثه" | "ثلاث" => 3,
        "اربعه" | "اربع" => 4,
        "خمسه" | "خمس" => 5,
        "سته" | "ست" => 6,
        "سبعه" | "سبع" => 7,
        "ثمانيه" | "ثماني" => 8,
        "تسعه" | "تسع" => 9,
        "عشره" | "عشر" => 10,
        _ => return w.parse().ok().filter(|&n: &i64| n > 0 && n < 1000),
    })
}

/// Find and resolve the relative date expressions of `text` against the publication
/// date `published` (year, month, day), reading weekdays by `tense`.
pub fn find_relative(text: &str, published: (i32, u8, u8), tense: Tense) -> Vec<RelativeDate> {
    let (py, pm, pd) = published;
    if !(1..=12).contains(&pm) || !(1..=31).contains(&pd) {
        return Vec::new();
    }
    let pub_days = days_from_civil(py, pm, pd);
    // Words with their code-point spans, search-normalized.
    let mut words: Vec<(usize, usize, String)> = Vec::new();
    for t in crate::tokenize(text) {
        if t.kind == crate::TokenKind::Punct {
            words.push((t.start, t.end, String::new()));
            continue;
        }
        words.push((t.start, t.end, normalize_str(t.text(text), Profile::Search)));
    }
    let w = |i: usize| words.get(i).map_or("", |x| x.2.as_str());
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let word = w(i);
        // `صباح اليوم`, `مساء أمس`: the part of the day does not change the date.
        let mut push = |end_tok: usize, date: String, precision: Precision, how: &'static str| {
            out.push(RelativeDate {
                start: words[i].0,
                end: words[end_tok].1,
                date,
                precision,
                how,
            });
        };
        let bare = word.strip_prefix('و').unwrap_or(word);
        let mut consumed = 1;
        match bare {
            "اليوم" if weekday_of(w(i + 1)).is_none() => {
                push(i, ymd(pub_days), Precision::Day, "today")
            }
            "امس" | "الامس" | "البارحه" => {
                if i > 0 && (w(i - 1) == "اول" || w(i - 1) == "من") {
                    // handled at `أول`
                } else {
                    push(i, ymd(pub_days - 1), Precision::Day, "yesterday")
                }
            }
            "اول" if w(i + 1) == "امس" || (w(i + 1) == "من" && w(i + 2) == "امس") => {
                let last = if w(i + 1) == "امس" { i + 1 } else { i + 2 };
                push(
                    last,
                    ymd(pub_days - 2),
                    Precision::Day,
                    "day-before-yesterday",
                );
                consumed = last + 1 - i;
            }
            "غدا" | "الغد" | "غد" if !(i > 0 && w(i - 1) == "بعد") => {
                push(i, ymd(pub_days + 1), Precision::Day, "tomorrow")
            }
            "بعد" if matches!(w(i + 1), "غد" | "غدا") => {
                push(
                    i + 1,
                    ymd(pub_days + 2),
                    Precision::Day,
                    "day-after-tomorrow",
                );
                consumed = 2;
            }
            "منذ" => {
                // `منذ يومين`, `منذ ثلاثة أيام`, `منذ أسبوع`.
                let (n, last) = match (w(i + 1), w(i + 2)) {
                    ("يومين", _) => (Some(2), i + 1),
                    ("يوم", _) => (Some(1), i + 1),
                    ("اسبوع", _) => (Some(7), i + 1),
                    ("اسبوعين", _) => (Some(14), i + 1),
                    (num, "ايام") | (num, "يوما") => (number_word(num), i + 2),
                    _ => (None, i),
                };
                if let Some(n) = n {
                    push(last, ymd(pub_days - n), Precision::Day, "days-ago");
                    consumed = last + 1 - i;
                }
            }
            "الاسبوع" | "الشهر" | "العام" | "السنه" => {
                let next = w(i + 1);
                let dir = if is_past_word(next) {
                    -1
                } else if is_next_word(next) {
                    1
                } else if next == "الحالي" || next == "الجاري" {
                    0
                } else {
                    i += 1;
                    continue;
                };
                match bare {
                    "الاسبوع" => push(
                        i + 1,
                        ymd(pub_days + 7 * dir),
                        Precision::Week,
                        if dir < 0 {
                            "last-week"
                        } else if dir > 0 {
                            "next-week"
                        } else {
                            "this-week"
                        },
                    ),
                    "الشهر" => {
                        let (y, m) = add_months(py, pm, dir as i32);
                        push(
                            i + 1,
                            format!("{y:04}-{m:02}"),
                            Precision::Month,
                            if dir < 0 {
                                "last-month"
                            } else if dir > 0 {
                                "next-month"
                            } else {
                                "this-month"
                            },
                        )
                    }
                    _ => push(
                        i + 1,
                        format!("{:04}", py + dir as i32),
                        Precision::Year,
                        if dir < 0 {
                            "last-year"
                        } else if dir > 0 {
                            "next-year"
                        } else {
                            "this-year"
                        },
                    ),
                }
                consumed = 2;
            }
            _ => {
                // `يوم الجمعة`, `الجمعة`, `الخميس الماضي`, `الثلاثاء المقبل`.
                let day_tok = if bare == "يوم" && weekday_of(w(i + 1)).is_some() {
                    i + 1
                } else {
                    i
                };
                if let Some(wd) = weekday_of(w(day_tok)) {
                    let modifier = w(day_tok + 1);
                    let cur = weekday(pub_days);
                    let back = i64::from((cur + 7 - wd) % 7); // days back to the latest such day
                    let fwd = i64::from((wd + 7 - cur) % 7); // days forward to the next
                    let (days, how, last) = if is_past_word(modifier) {
                        (
                            pub_days - if back == 0 { 7 } else { back },
                            "weekday-last",
                            day_tok + 1,
                        )
                    } else if is_next_word(modifier) {
                        (
                            pub_days + if fwd == 0 { 7 } else { fwd },
                            "weekday-next",
                            day_tok + 1,
                        )
                    } else if tense == Tense::Future {
                        (pub_days + fwd, "weekday-on-or-after", day_tok)
                    } else {
                        (pub_days - back, "weekday-on-or-before", day_tok)
                    };
                    push(last, ymd(days), Precision::Day, how);
                    consumed = last + 1 - i;
                }
            }
        }
        i += consumed.max(1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Publication date: Wednesday 2018-02-14.
    const PUB: (i32, u8, u8) = (2018, 2, 14);

    fn one(text: &str, tense: Tense) -> (String, &'static str) {
        let r = find_relative(text, PUB, tense);
        assert_eq!(r.len(), 1, "{text}: {r:?}");
        (r[0].date.clone(), r[0].how)
    }

    #[test]
    fn calendar_arithmetic() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(days_from_civil(2016, 2, 29)), (2016, 2, 29));
        assert_eq!(
            civil_from_days(days_from_civil(2018, 12, 31) + 1),
            (2019, 1, 1)
        );
        assert_eq!(weekday(days_from_civil(2018, 2, 14)), 3); // Wednesday
        assert_eq!(weekday(days_from_civil(2015, 7, 17)), 5); // Friday
    }

    #[test]
    fn days_around_publication() {
        assert_eq!(one("قال اليوم", Tense::Past).0, "2018-02-14");
        assert_eq!(one("وصل أمس", Tense::Past).0, "2018-02-13");
        assert_eq!(one("مساء أمس", Tense::Past).0, "2018-02-13");
        assert_eq!(one("وقع أول أمس", Tense::Past).0, "2018-02-12");
        assert_eq!(one("أول من أمس", Tense::Past).0, "2018-02-12");
        assert_eq!(one("يصل غدا", Tense::Future).0, "2018-02-15");
        assert_eq!(one("بعد غد", Tense::Future).0, "2018-02-16");
        assert_eq!(one("منذ يومين", Tense::Past).0, "2018-02-12");
        assert_eq!(one("منذ ثلاثة أيام", Tense::Past).0, "2018-02-11");
    }

    #[test]
    fn weekdays_by_tense_and_modifier() {
        // Past tense: the latest Friday on or before Wednesday 14 → Friday 9.
        assert_eq!(
            one("التقى يوم الجمعة", Tense::Past),
            ("2018-02-09".into(), "weekday-on-or-before")
        );
        // Future: the next Friday → 16.
        assert_eq!(
            one("سيلتقي يوم الجمعة", Tense::Future),
            ("2018-02-16".into(), "weekday-on-or-after")
        );
        // The publication's own weekday is that day.
        assert_eq!(one("الأربعاء", Tense::Past).0, "2018-02-14");
        assert_eq!(one("الأربعاء", Tense::Future).0, "2018-02-14");
        // Explicit modifiers win over tense and skip the same weekday.
        assert_eq!(one("الثلاثاء المقبل", Tense::Unknown).0, "2018-02-20");
        assert_eq!(one("الأربعاء المقبل", Tense::Past).0, "2018-02-21");
        assert_eq!(one("الأربعاء الماضي", Tense::Future).0, "2018-02-07");
        assert_eq!(one("الخميس الماضي", Tense::Unknown).0, "2018-02-08");
        assert_eq!(one("والسبت الماضي", Tense::Past).0, "2018-02-10");
    }

    #[test]
    fn week_boundaries() {
        // Published on a Sunday (2018-02-18): last Saturday is the day before; the
        // coming Saturday six days on.
        let p = (2018, 2, 18);
        let r = find_relative("السبت", p, Tense::Past);
        assert_eq!(r[0].date, "2018-02-17");
        let r = find_relative("السبت", p, Tense::Future);
        assert_eq!(r[0].date, "2018-02-24");
        let r = find_relative("الأحد الماضي", p, Tense::Past);
        assert_eq!(r[0].date, "2018-02-11");
        // Across a month and a year.
        let r = find_relative("الجمعة الماضي", (2019, 1, 2), Tense::Past);
        assert_eq!(r[0].date, "2018-12-28");
    }

    #[test]
    fn weeks_months_years() {
        assert_eq!(
            one("الأسبوع الماضي", Tense::Past),
            ("2018-02-07".into(), "last-week")
        );
        assert_eq!(one("الأسبوع المقبل", Tense::Future).0, "2018-02-21");
        assert_eq!(
            one("الشهر الماضي", Tense::Past),
            ("2018-01".into(), "last-month")
        );
        assert_eq!(one("الشهر المقبل", Tense::Future).0, "2018-03");
        assert_eq!(
            find_relative("الشهر الماضي", (2018, 1, 5), Tense::Past)[0].date,
            "2017-12"
        );
        assert_eq!(one("العام الماضي", Tense::Past).0, "2017");
        assert_eq!(one("السنة المقبلة", Tense::Future).0, "2019");
        assert_eq!(one("العام الحالي", Tense::Past).0, "2018");
    }

    #[test]
    fn spans_and_no_false_hits() {
        let text = "وقال الوزير أمس إن الاجتماع سيعقد الثلاثاء المقبل";
        let r = find_relative(text, PUB, Tense::Unknown);
        assert_eq!(r.len(), 2);
        let s: Vec<String> = r
            .iter()
            .map(|d| text.chars().skip(d.start).take(d.end - d.start).collect())
            .collect();
        assert_eq!(s, vec!["أمس", "الثلاثاء المقبل"]);
        assert!(find_relative("يوم الأرض والأسبوع", PUB, Tense::Past).is_empty());
        assert!(find_relative("x", (2018, 13, 1), Tense::Past).is_empty());
    }
}
