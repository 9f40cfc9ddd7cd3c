//! Date and time expressions found in Arabic news and feeds.
//!
//! [`parse_date`] reads a string that *is* a date expression; [`find_date`] finds
//! the first one inside a longer line. Both understand:
//!
//! - RFC 2822 (`Sun, 18 Feb 2018 20:50:44 GMT`, `+0300`), ISO 8601
//!   (`2018-02-18T20:50:44+00:00`, `2015-07-21 02:51:32`), `HH:MM YYYY-MM-DD`,
//!   `DD/MM/YYYY`, `YYYY/MM/DD`, `DD-MM-YYYY`, `DD.MM.YYYY`;
//! - Western, Arabic-Indic (٠-٩) and Persian (۰-۹) digits;
//! - Gregorian month names in all regional forms (Egyptian/Gulf يناير…, Levantine
//!   and Iraqi كانون الثاني…, Maghrebi جانفي…, Moroccan يوليوز/غشت/شتنبر…) and
//!   combined forms (`آذار/مارس`, `فبراير (شباط)`), English month names;
//! - Hijri month names (محرم … ذو الحجة) → [`Calendar::Hijri`];
//! - weekday names, `الموافق`, calendar markers (`م`, `هـ`), AM/PM words
//!   (`ص`/`م`, `صباحا`/`مساء`, `am`/`pm`), zones (`GMT`, `UTC`, `Z`, `+03:00`,
//!   `بتوقيت مكة`, `بتوقيت غرينتش`).
//!
//! A Hijri date followed (or preceded) by its Gregorian equivalent, e.g.
//! `الأحد 5 ذو القعدة 1436 هـ الموافق 20 أغسطس 2015 م`, is read as one expression
//! and the Gregorian date wins: it is what the source itself states.
//!
//! Hijri dates are converted with the **tabular Islamic calendar** (30-year
//! cycle, leap years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29, astronomical
//! epoch 15 July 622 Julian). Saudi Arabia's Umm al-Qura calendar and local
//! moon sighting can differ from it by a day or two.
//!
//! Everything here is pure and never panics on any input.

use crate::chars::{digit_value, is_arabic_letter, is_arabic_word_mark, is_invisible};
use crate::normalize::fold_search_char;
use std::sync::OnceLock;

/// Calendar a date was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Calendar {
    Gregorian,
    Hijri,
}

/// A date (and maybe time) read from text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedDate {
    /// Year, month and day in `calendar`.
    pub year: i32,
    pub month: u8,
    pub day: u8,
    /// Hour, minute, second (24-hour clock).
    pub time: Option<(u8, u8, u8)>,
    /// UTC offset in minutes, when the expression states a zone.
    pub offset_minutes: Option<i32>,
    pub calendar: Calendar,
    /// For Hijri dates: the Gregorian date (tabular arithmetic, see the module docs).
    pub gregorian: Option<(i32, u8, u8)>,
}

impl ParsedDate {
    /// The Gregorian date: the date itself, or the converted one for Hijri dates.
    pub fn gregorian_date(&self) -> (i32, u8, u8) {
        match self.calendar {
            Calendar::Gregorian => (self.year, self.month, self.day),
            Calendar::Hijri => self.gregorian.unwrap_or((self.year, self.month, self.day)),
        }
    }

    /// ISO 8601 in the Gregorian calendar: `2018-02-18T20:50:44+00:00`,
    /// `2015-07-21T02:51:32` (no offset known) or `2018-02-18` (date only).
    pub fn iso(&self) -> String {
        let (y, m, d) = self.gregorian_date();
        let mut s = format!("{y:04}-{m:02}-{d:02}");
        if let Some((h, mi, se)) = self.time {
            s.push_str(&format!("T{h:02}:{mi:02}:{se:02}"));
            if let Some(off) = self.offset_minutes {
                let sign = if off < 0 { '-' } else { '+' };
                let a = off.unsigned_abs();
                s.push_str(&format!("{sign}{:02}:{:02}", a / 60, a % 60));
            }
        }
        s
    }
}

/// Is `y` a Gregorian leap year (proleptic)?
pub fn is_leap_year(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in Gregorian month `m` of year `y` (0 for an invalid month).
pub fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Julian day number of a Gregorian date.
fn gregorian_to_jdn(y: i32, m: u8, d: u8) -> i64 {
    let (y, m, d) = (y as i64, m as i64, d as i64);
    let a = (14 - m) / 12;
    let yy = y + 4800 - a;
    let mm = m + 12 * a - 3;
    d + (153 * mm + 2) / 5 + 365 * yy + yy.div_euclid(4) - yy.div_euclid(100) + yy.div_euclid(400)
        - 32045
}

fn jdn_to_gregorian(j: i64) -> (i32, u8, u8) {
    let a = j + 32044;
    let b = (4 * a + 3).div_euclid(146097);
    let c = a - (146097 * b).div_euclid(4);
    let d = (4 * c + 3).div_euclid(1461);
    let e = c - (1461 * d).div_euclid(4);
    let m = (5 * e + 2).div_euclid(153);
    let day = e - (153 * m + 2).div_euclid(5) + 1;
    let month = m + 3 - 12 * m.div_euclid(10);
    let year = 100 * b + d - 4800 + m.div_euclid(10);
    (year as i32, month as u8, day as u8)
}

const HIJRI_EPOCH_JDN: i64 = 1948439; // 15 July 622 (Julian), astronomical epoch

/// Convert a Hijri date to Gregorian with the tabular Islamic calendar (see the
/// module docs). Days 1–30 are accepted in every month (a real month may have 30
/// days where the tabular one has 29). `None` for out-of-range input.
pub fn hijri_to_gregorian(y: i32, m: u8, d: u8) -> Option<(i32, u8, u8)> {
    if !(1..=9999).contains(&y) || !(1..=12).contains(&m) || !(1..=30).contains(&d) {
        return None;
    }
    let (y, m, d) = (y as i64, m as i64, d as i64);
    let jdn = d + (59 * (m - 1) + 1) / 2 + (y - 1) * 354 + (3 + 11 * y) / 30 + HIJRI_EPOCH_JDN - 1;
    Some(jdn_to_gregorian(jdn))
}

/// Convert a Gregorian date to Hijri (tabular, inverse of [`hijri_to_gregorian`]).
pub fn gregorian_to_hijri(y: i32, m: u8, d: u8) -> Option<(i32, u8, u8)> {
    if !(622..=9999).contains(&y) || !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    let jdn = gregorian_to_jdn(y, m, d);
    let days = jdn - HIJRI_EPOCH_JDN; // 0 = 1 Muharram 1
    if days < 0 {
        return None;
    }
    let mut hy = (30 * days + 10646).div_euclid(10631);
    let year_start = |hy: i64| (hy - 1) * 354 + (3 + 11 * hy) / 30;
    while year_start(hy) > days {
        hy -= 1;
    }
    while year_start(hy + 1) <= days {
        hy += 1;
    }
    let mut rem = days - year_start(hy);
    let mut hm = 1i64;
    while hm < 12 {
        let len = if hm % 2 == 1 { 30 } else { 29 };
        if rem < len {
            break;
        }
        rem -= len;
        hm += 1;
    }
    Some((hy as i32, hm as u8, (rem + 1) as u8))
}

// ---------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    /// A run of digits: value (saturating) and number of digits.
    Num(u32, u8),
    /// A folded word (search-normalized Arabic, lower-cased Latin).
    Word(String),
    Punct(char),
}

#[derive(Debug, Clone)]
struct Tok {
    kind: Kind,
    /// Code-point span in the input.
    start: usize,
    end: usize,
}

fn tokenize(s: &str) -> Vec<Tok> {
    let chars: Vec<char> = s.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() || is_invisible(c) {
            i += 1;
            continue;
        }
        let start = i;
        if digit_value(c).is_some() {
            let mut v: u32 = 0;
            let mut n: u32 = 0;
            while i < chars.len() {
                match digit_value(chars[i]) {
                    Some(dv) => {
                        v = v.saturating_mul(10).saturating_add(dv);
                        n += 1;
                        i += 1;
                    }
                    None => break,
                }
            }
            toks.push(Tok {
                kind: Kind::Num(v, n.min(255) as u8),
                start,
                end: i,
            });
        } else if is_arabic_letter(c) || is_arabic_word_mark(c) {
            let mut w = String::new();
            while i < chars.len() && (is_arabic_letter(chars[i]) || is_arabic_word_mark(chars[i])) {
                if let Some(f) = fold_search_char(chars[i]) {
                    if !is_arabic_word_mark(f) {
                        w.push(f);
                    }
                }
                i += 1;
            }
            let kind = if w.is_empty() {
                Kind::Punct('ـ')
            } else {
                Kind::Word(w)
            };
            toks.push(Tok {
                kind,
                start,
                end: i,
            });
        } else if c.is_alphabetic() {
            let mut w = String::new();
            while i < chars.len()
                && chars[i].is_alphabetic()
                && !is_arabic_letter(chars[i])
                && digit_value(chars[i]).is_none()
            {
                w.extend(chars[i].to_lowercase());
                i += 1;
            }
            toks.push(Tok {
                kind: Kind::Word(w),
                start,
                end: i,
            });
        } else {
            toks.push(Tok {
                kind: Kind::Punct(c),
                start,
                end: i + 1,
            });
            i += 1;
        }
    }
    toks
}

/// Fold a vocabulary phrase the same way the tokenizer folds words.
fn fold_phrase(p: &str) -> Vec<String> {
    tokenize(p)
        .into_iter()
        .filter_map(|t| match t.kind {
            Kind::Word(w) => Some(w),
            _ => None,
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Vocabulary

#[rustfmt::skip]
const GREGORIAN_MONTHS: &[(&str, u8)] = &[
    ("يناير", 1), ("ينايِر", 1), ("جانفي", 1), ("كانون الثاني", 1), ("كانون ثاني", 1),
    ("january", 1), ("jan", 1), ("فبراير", 2), ("فيفري", 2), ("فبرير", 2), ("شباط", 2),
    ("february", 2), ("feb", 2), ("مارس", 3), ("آذار", 3), ("march", 3), ("mar", 3), ("أبريل", 4),
    ("إبريل", 4), ("أفريل", 4), ("ابريل", 4), ("نيسان", 4), ("april", 4), ("apr", 4), ("مايو", 5),
    ("ماي", 5), ("أيار", 5), ("مايس", 5), ("may", 5), ("يونيو", 6), ("يونيه", 6), ("جوان", 6),
    ("حزيران", 6), ("june", 6), ("jun", 6), ("يوليو", 7), ("يوليه", 7), ("جويلية", 7),
    ("يوليوز", 7), ("تموز", 7), ("july", 7), ("jul", 7), ("أغسطس", 8), ("أغسطوس", 8), ("أوت", 8),
    ("غشت", 8), ("آب", 8), ("august", 8), ("aug", 8), ("سبتمبر", 9), ("شتنبر", 9), ("أيلول", 9),
    ("september", 9), ("sept", 9), ("sep", 9), ("أكتوبر", 10), ("تشرين الأول", 10),
    ("تشرين أول", 10), ("october", 10), ("oct", 10), ("نوفمبر", 11), ("نونبر", 11),
    ("تشرين الثاني", 11), ("تشرين ثاني", 11), ("november", 11), ("nov", 11), ("ديسمبر", 12),
    ("دجنبر", 12), ("كانون الأول", 12), ("كانون أول", 12), ("december", 12), ("dec", 12),
];

#[rustfmt::skip]
const HIJRI_MONTHS: &[(&str, u8)] = &[
    ("محرم", 1), ("المحرم", 1), ("صفر", 2), ("ربيع الأول", 3), ("ربيع أول", 3), ("ربيع الاول", 3),
    ("ربيع الآخر", 4), ("ربيع الثاني", 4), ("ربيع ثاني", 4), ("ربيع آخر", 4), ("جمادى الأولى", 5),
    ("جمادى الأول", 5), ("جمادى أولى", 5), ("جماد الأول", 5), ("جمادى الآخرة", 6),
    ("جمادى الثانية", 6), ("جمادى الآخر", 6), ("جمادى الثاني", 6), ("جمادى آخرة", 6),
    ("جمادى ثانية", 6), ("جماد الآخر", 6), ("رجب", 7), ("شعبان", 8), ("رمضان", 9), ("شوال", 10),
    ("ذو القعدة", 11), ("ذي القعدة", 11), ("ذوالقعدة", 11), ("ذى القعدة", 11), ("ذو الحجة", 12),
    ("ذي الحجة", 12), ("ذوالحجة", 12), ("ذى الحجة", 12),
];

#[rustfmt::skip]
const WEEKDAYS: &[&str] = &[
    "الأحد", "أحد", "الاثنين", "الإثنين", "اثنين", "إثنين", "الثلاثاء", "الثلاثا", "ثلاثاء",
    "الأربعاء", "الاربعا", "أربعاء", "الخميس", "خميس", "الجمعة", "جمعة", "السبت", "سبت", "sunday",
    "sun", "monday", "mon", "tuesday", "tues", "tue", "wednesday", "wed", "thursday", "thurs",
    "thur", "thu", "friday", "fri", "saturday", "sat",
];

/// Zones by name, in minutes east of UTC. `None`: a zone word with no fixed offset.
#[rustfmt::skip]
const ZONE_WORDS: &[(&str, i32)] = &[
    ("gmt", 0), ("utc", 0), ("ut", 0), ("z", 0), ("ksa", 180), ("est", -300), ("edt", -240),
    ("cst", -360), ("cdt", -300), ("mst", -420), ("mdt", -360), ("pst", -480), ("pdt", -420),
    ("غرينتش", 0), ("جرينتش", 0), ("غرينيتش", 0), ("جرينيتش", 0), ("غرينطش", 0),
];

/// Places after `بتوقيت` with a fixed offset (no daylight saving time).
#[rustfmt::skip]
const ZONE_PLACES: &[(&str, i32)] = &[
    ("غرينتش", 0), ("جرينتش", 0), ("غرينيتش", 0), ("جرينيتش", 0), ("غرينطش", 0), ("مكة", 180),
    ("مكة المكرمة", 180), ("السعودية", 180), ("الرياض", 180), ("الكويت", 180), ("الدوحة", 180),
    ("قطر", 180), ("البحرين", 180), ("المنامة", 180), ("بغداد", 180), ("العراق", 180),
    ("الإمارات", 240), ("أبوظبي", 240), ("أبو ظبي", 240), ("دبي", 240), ("مسقط", 240),
    ("عمان", 240),
];

struct Vocab {
    months: Vec<(Vec<String>, u8, Calendar)>,
    weekdays: Vec<String>,
    zone_words: Vec<(String, i32)>,
    zone_places: Vec<(Vec<String>, i32)>,
}

fn vocab() -> &'static Vocab {
    static V: OnceLock<Vocab> = OnceLock::new();
    V.get_or_init(|| {
        let mut months: Vec<(Vec<String>, u8, Calendar)> = GREGORIAN_MONTHS
            .iter()
            .map(|&(p, m)| (fold_phrase(p), m, Calendar::Gregorian))
            .chain(
                HIJRI_MONTHS
                    .iter()
                    .map(|&(p, m)| (fold_phrase(p), m, Calendar::Hijri)),
            )
            .collect();
        // Longest phrases first, so that `كانون الثاني` wins over any prefix.
        months.sort_by_key(|(w, _, _)| std::cmp::Reverse(w.len()));
        let mut zone_places: Vec<(Vec<String>, i32)> = ZONE_PLACES
            .iter()
            .map(|&(p, o)| (fold_phrase(p), o))
            .collect();
        zone_places.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        Vocab {
            months,
            weekdays: WEEKDAYS.iter().flat_map(|w| fold_phrase(w)).collect(),
            zone_words: ZONE_WORDS
                .iter()
                .flat_map(|&(w, o)| fold_phrase(w).into_iter().map(move |f| (f, o)))
                .collect(),
            zone_places,
        }
    })
}

/// The Gregorian month one word names (`أبريل`, `نيسان`, `april`), if any.
pub fn month_word(word: &str) -> Option<u8> {
    let f = fold_phrase(word);
    let [w] = f.as_slice() else {
        return None;
    };
    vocab()
        .months
        .iter()
        .find(|(p, _, c)| *c == Calendar::Gregorian && p.len() == 1 && p[0] == *w)
        .map(|(_, m, _)| *m)
}

// ---------------------------------------------------------------------------
// Matching

struct Toks<'a> {
    t: &'a [Tok],
}

/// A calendar date as matched, before time/zone.
#[derive(Debug, Clone, Copy)]
struct DateCore {
    year: i32,
    month: u8,
    day: u8,
    calendar: Calendar,
}

#[derive(Debug, Clone, Copy)]
struct TimeOfDay {
    h: u8,
    m: u8,
    s: u8,
    offset: Option<i32>,
}

impl<'a> Toks<'a> {
    fn word(&self, i: usize) -> Option<&'a str> {
        match self.t.get(i).map(|t| &t.kind) {
            Some(Kind::Word(w)) => Some(w.as_str()),
            _ => None,
        }
    }
    fn num(&self, i: usize) -> Option<(u32, u8)> {
        match self.t.get(i).map(|t| &t.kind) {
            Some(Kind::Num(v, n)) => Some((*v, *n)),
            _ => None,
        }
    }
    fn punct(&self, i: usize) -> Option<char> {
        match self.t.get(i).map(|t| &t.kind) {
            Some(Kind::Punct(c)) => Some(*c),
            _ => None,
        }
    }
    fn is_word(&self, i: usize, options: &[&str]) -> bool {
        self.word(i).is_some_and(|w| options.contains(&w))
    }
    /// Tokens `i` and `i + 1` touch (no space between them).
    fn adjacent(&self, i: usize) -> bool {
        match (self.t.get(i), self.t.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    fn weekday(&self, i: usize) -> bool {
        self.word(i)
            .is_some_and(|w| vocab().weekdays.iter().any(|d| d == w))
    }

    /// Skip a leading `يوم`/weekday and the punctuation after it.
    fn skip_weekday(&self, mut i: usize) -> usize {
        let start = i;
        if self.is_word(i, &["يوم", "اليوم"]) && self.weekday(i + 1) {
            i += 1;
        }
        if self.weekday(i) {
            i += 1;
            while matches!(self.punct(i), Some(',' | '،' | '-' | '–' | '—' | 'ـ' | '.')) {
                i += 1;
            }
            return i;
        }
        start
    }

    /// A month name (possibly two words) at `i`, with an optional second name for
    /// the same month (`آذار/مارس`, `فبراير (شباط)`).
    fn month(&self, i: usize) -> Option<(usize, u8, Calendar)> {
        let (mut j, m, cal) = self.month_name(i)?;
        if cal == Calendar::Gregorian && self.punct(j) == Some('.') && self.adjacent(j - 1) {
            j += 1; // `Feb.`
        }
        // Combined form.
        let k = j;
        let (open, mut k2) = match self.punct(k) {
            Some('/' | '-' | '–' | '،' | ',' | '\\') => (false, k + 1),
            Some('(') => (true, k + 1),
            _ => (false, usize::MAX),
        };
        if k2 != usize::MAX {
            if let Some((e, m2, cal2)) = self.month_name(k2) {
                if m2 == m && cal2 == cal {
                    k2 = e;
                    if open {
                        if self.punct(k2) == Some(')') {
                            return Some((k2 + 1, m, cal));
                        }
                    } else {
                        return Some((k2, m, cal));
                    }
                }
            }
        }
        Some((j, m, cal))
    }

    fn month_name(&self, i: usize) -> Option<(usize, u8, Calendar)> {
        let first = self.word(i)?;
        for (words, m, cal) in &vocab().months {
            if words.first().map(String::as_str) != Some(first) {
                continue;
            }
            if words
                .iter()
                .enumerate()
                .skip(1)
                .all(|(k, w)| self.word(i + k) == Some(w.as_str()))
            {
                return Some((i + words.len(), *m, *cal));
            }
        }
        None
    }

    /// A 4-digit year at `i`, for named-month dates.
    fn year(&self, i: usize) -> Option<i32> {
        match self.num(i) {
            Some((v, 4)) if (1000..=2999).contains(&v) => Some(v as i32),
            _ => None,
        }
    }

    /// The date part of an expression at `i`.
    fn date_core(&self, i: usize) -> Option<(usize, DateCore)> {
        if let Some(r) = self.numeric_date(i) {
            return Some(r);
        }
        if let Some(r) = self.day_month_year(i) {
            return Some(r);
        }
        self.month_day_year(i)
    }

    fn numeric_date(&self, i: usize) -> Option<(usize, DateCore)> {
        let (a, an) = self.num(i)?;
        let sep = self.punct(i + 1)?;
        if !matches!(sep, '-' | '/' | '.') {
            return None;
        }
        let (b, bn) = self.num(i + 2)?;
        if self.punct(i + 3) != Some(sep) {
            return None;
        }
        let (c, cn) = self.num(i + 4)?;
        if !(self.adjacent(i)
            && self.adjacent(i + 1)
            && self.adjacent(i + 2)
            && self.adjacent(i + 3))
        {
            return None;
        }
        // Not part of a longer run of numbers (`1.2.2018.5`, `12/05/2018/3`).
        if self
            .punct(i + 5)
            .is_some_and(|p| matches!(p, '-' | '/' | '.'))
            && self.adjacent(i + 4)
            && self.num(i + 6).is_some()
            && self.adjacent(i + 5)
        {
            return None;
        }
        if i > 0 {
            let prev_touches = self.t[i - 1].end == self.t[i].start;
            if prev_touches
                && (self.num(i - 1).is_some() || matches!(self.punct(i - 1), Some('-' | '/' | '.')))
            {
                return None;
            }
        }
        let (y, m, d) = if an == 4 && bn <= 2 && cn <= 2 {
            (a, b, c)
        } else if cn == 4 && an <= 2 && bn <= 2 {
            if b > 12 && a <= 12 {
                (c, a, b) // MM/DD/YYYY when unambiguous
            } else {
                (c, b, a)
            }
        } else {
            return None;
        };
        let calendar = if (1300..=1599).contains(&y) {
            Calendar::Hijri
        } else if (1800..=2199).contains(&y) {
            Calendar::Gregorian
        } else {
            return None;
        };
        let core = DateCore {
            year: y as i32,
            month: u8::try_from(m).ok()?,
            day: u8::try_from(d).ok()?,
            calendar,
        };
        valid_core(&core).then_some((i + 5, core))
    }

    fn day_month_year(&self, i: usize) -> Option<(usize, DateCore)> {
        let (d, dn) = self.num(i)?;
        if dn > 2 {
            return None;
        }
        let mut j = i + 1;
        if matches!(self.punct(j), Some('-' | '/' | '.')) && self.adjacent(i) {
            j += 1; // `18-Feb-2018`
        }
        if self.is_word(j, &["من"]) {
            j += 1;
        }
        let (mut j, month, calendar) = self.month(j)?;
        if matches!(self.punct(j), Some('-' | '/' | ',' | '،')) {
            j += 1;
        }
        if self.is_word(j, &["من", "عام", "سنه", "لعام", "لسنه"]) {
            j += 1;
            if self.is_word(j, &["عام", "سنه"]) {
                j += 1;
            }
        }
        let year = self.year(j)?;
        let core = DateCore {
            year,
            month,
            day: d as u8,
            calendar,
        };
        valid_core(&core).then_some((j + 1, core))
    }

    fn month_day_year(&self, i: usize) -> Option<(usize, DateCore)> {
        let (j, month, calendar) = self.month(i)?;
        let (d, dn) = self.num(j)?;
        if dn > 2 {
            return None;
        }
        let mut k = j + 1;
        if matches!(self.punct(k), Some(',' | '،')) {
            k += 1;
        }
        let year = self.year(k)?;
        let core = DateCore {
            year,
            month,
            day: d as u8,
            calendar,
        };
        valid_core(&core).then_some((k + 1, core))
    }

    /// Calendar markers after a date: `م`, `هـ`, `ميلادي`, `هجري`, ...
    fn cal_marker(&self, i: usize) -> Option<(usize, Calendar)> {
        let w = self.word(i)?;
        let cal = match w {
            "ه" | "هجري" | "هجريه" | "للهجره" | "هجريا" => Calendar::Hijri,
            "م" | "ميلادي" | "ميلاديه" | "للميلاد" | "ميلاديا" => {
                Calendar::Gregorian
            }
            _ => return None,
        };
        let mut j = i + 1;
        if self.punct(j) == Some('.') && self.adjacent(i) {
            j += 1;
        }
        Some((j, cal))
    }

    /// `HH:MM[:SS[.fff]]` with optional AM/PM words and zone.
    fn time(&self, i: usize) -> Option<(usize, TimeOfDay)> {
        let (h, hn) = self.num(i)?;
        if hn > 2 || self.punct(i + 1) != Some(':') {
            return None;
        }
        let (m, mn) = self.num(i + 2)?;
        if mn != 2 || !self.adjacent(i) || !self.adjacent(i + 1) {
            return None;
        }
        let mut j = i + 3;
        let mut s = 0;
        if self.punct(j) == Some(':') && self.adjacent(j - 1) {
            if let Some((sv, 2)) = self.num(j + 1) {
                if self.adjacent(j) {
                    s = sv;
                    j += 2;
                    // Fractional seconds.
                    if self.punct(j) == Some('.')
                        && self.adjacent(j - 1)
                        && self.num(j + 1).is_some()
                        && self.adjacent(j)
                    {
                        j += 2;
                    }
                }
            }
        }
        if h > 24 || m > 59 || s > 59 {
            return None;
        }
        let mut h = h as u8;
        // AM/PM.
        if let Some((k, pm)) = self.ampm(j) {
            h = apply_ampm(h, pm)?;
            j = k;
        }
        if h > 23 {
            return None;
        }
        let mut tod = TimeOfDay {
            h,
            m: m as u8,
            s: s as u8,
            offset: None,
        };
        if let Some((k, off)) = self.zone(j) {
            tod.offset = off;
            j = k;
            // `12:30 GMT م` is unusual, but `بتوقيت مكة` may precede AM/PM too.
            if let Some((k2, pm)) = self.ampm(j) {
                if let Some(h2) = apply_ampm(tod.h, pm) {
                    tod.h = h2;
                    j = k2;
                }
            }
        }
        Some((j, tod))
    }

    /// AM/PM words (`ص`/`م`, `صباحا`/`مساء`, `ظهرا`, `ليلا`, `am`/`pm`, `a.m.`).
    fn ampm(&self, i: usize) -> Option<(usize, AmPm)> {
        let w = self.word(i)?;
        let kind = match w {
            "ص" | "صباحا" | "صباح" | "فجرا" | "am" => AmPm::Am,
            "م" | "مساء" | "مساءا" | "مسا" | "عصرا" | "pm" => AmPm::Pm,
            "ظهرا" | "الظهر" => AmPm::Noon,
            "ليلا" | "ليل" => AmPm::Night,
            "a" | "p" => {
                // `a.m.` / `p.m.`
                if self.punct(i + 1) == Some('.') && self.word(i + 2) == Some("m") {
                    let mut j = i + 3;
                    if self.punct(j) == Some('.') {
                        j += 1;
                    }
                    let k = if w == "a" { AmPm::Am } else { AmPm::Pm };
                    return Some((j, k));
                }
                return None;
            }
            _ => return None,
        };
        let mut j = i + 1;
        if self.punct(j) == Some('.') && self.adjacent(i) && w.chars().count() == 1 {
            j += 1;
        }
        Some((j, kind))
    }

    /// A zone after a time: `GMT`, `UTC+3`, `+0300`, `+03:00`, `Z`, `بتوقيت مكة`.
    fn zone(&self, i: usize) -> Option<(usize, Option<i32>)> {
        let v = vocab();
        if self.punct(i) == Some('(') {
            if let Some((j, off)) = self.zone(i + 1) {
                if self.punct(j) == Some(')') {
                    return Some((j + 1, off));
                }
            }
        }
        if let Some(w) = self.word(i) {
            if let Some(&(_, off)) = v.zone_words.iter().find(|(z, _)| z == w) {
                // `GMT+3`, `UTC +03:00`
                if let Some((j, o2)) = self.numeric_offset(i + 1) {
                    return Some((j, Some(o2)));
                }
                return Some((i + 1, Some(off)));
            }
            if w == "بتوقيت" || w == "توقيت" {
                for (words, off) in &v.zone_places {
                    if words
                        .iter()
                        .enumerate()
                        .all(|(k, z)| self.word(i + 1 + k) == Some(z.as_str()))
                    {
                        return Some((i + 1 + words.len(), Some(*off)));
                    }
                }
                if self.word(i + 1).is_some() {
                    return Some((i + 2, None));
                }
                return None;
            }
            return None;
        }
        self.numeric_offset(i).map(|(j, o)| (j, Some(o)))
    }

    /// `+0300`, `-05:00`, `+3`.
    fn numeric_offset(&self, i: usize) -> Option<(usize, i32)> {
        let sign = match self.punct(i)? {
            '+' => 1,
            '-' | '−' => -1,
            _ => return None,
        };
        if !self.adjacent(i) {
            return None;
        }
        let (v, n) = self.num(i + 1)?;
        let (hh, mm, j) = match n {
            4 => (v / 100, v % 100, i + 2),
            1 | 2 => {
                if self.punct(i + 2) == Some(':') && self.adjacent(i + 1) {
                    match self.num(i + 3) {
                        Some((m, 2)) if self.adjacent(i + 2) => (v, m, i + 4),
                        _ => return None,
                    }
                } else {
                    (v, 0, i + 2)
                }
            }
            _ => return None,
        };
        if hh > 14 || mm > 59 {
            return None;
        }
        Some((j, sign * (hh as i32 * 60 + mm as i32)))
    }

    /// Connectors between a date and a time: `-`, `،`, `|`, `الساعة`, `T`, ...
    fn skip_connectors(&self, mut i: usize) -> usize {
        let mut n = 0;
        while n < 4 {
            if matches!(
                self.punct(i),
                Some(',' | '،' | '-' | '–' | '—' | '|' | 'ـ' | '•' | '·' | '/' | '؛' | ';')
            ) || self.is_word(
                i,
                &[
                    "الساعه",
                    "الساعة",
                    "ساعه",
                    "في",
                    "عند",
                    "تمام",
                    "at",
                    "t",
                    "على",
                    "و",
                    "،",
                ],
            ) {
                i += 1;
                n += 1;
            } else {
                break;
            }
        }
        i
    }

    /// A full expression at `i`: weekday? (time connectors)? date marker? (الموافق date)? (connectors time)?
    fn expr(&self, i: usize) -> Option<(usize, ParsedDate)> {
        let mut j = self.skip_weekday(i);
        let mut lead_time = None;
        let (mut j2, mut core) = match self.date_core(j) {
            Some(r) => r,
            None => {
                // Time first: `10:35 2018-02-18`, `12:30 م، الأحد 18 فبراير 2018`.
                let (k, tod) = self.time(j)?;
                let k = self.skip_connectors(k);
                let k = self.skip_weekday(k);
                let r = self.date_core(k)?;
                lead_time = Some(tod);
                r
            }
        };
        j = j2;
        if let Some((k, cal)) = self.cal_marker(j) {
            // `2018 م` / `1436 هـ` confirm the calendar; a marker that disagrees
            // with the date is not part of it.
            if cal == core.calendar {
                j = k;
            }
        }
        // A second date in the other calendar: `... هـ الموافق 20 أغسطس 2015 م`.
        if let Some((k, second)) = self.equivalent_date(j) {
            if second.calendar != core.calendar {
                if core.calendar == Calendar::Hijri {
                    core = second;
                }
                j = k;
            }
        }
        j2 = j;
        let mut time = lead_time;
        if time.is_none() {
            let k = self.skip_connectors(j);
            // A zone name may precede the time: `KSA 13:47`, `GMT 10:47`.
            let (k, pre_zone) = match self.word(k).and(self.zone(k)) {
                Some((k2, off)) if self.num(k2).is_some() => (k2, off),
                _ => (k, None),
            };
            if let Some((k2, mut tod)) = self.time(k) {
                tod.offset = tod.offset.or(pre_zone);
                time = Some(tod);
                j2 = k2;
            } else if let Some((k2, tod)) = self.hour_only(k) {
                time = Some(tod);
                j2 = k2;
            }
        }
        if let Some(t) = time.as_mut() {
            if t.offset.is_none() {
                // A zone may follow a lead time at the end: `10:35 2018-02-18 GMT`.
                if let Some((k, off)) = self.zone(j2) {
                    if off.is_some() {
                        t.offset = off;
                        j2 = k;
                    }
                }
            }
        }
        let gregorian = match core.calendar {
            Calendar::Hijri => hijri_to_gregorian(core.year, core.month, core.day),
            Calendar::Gregorian => None,
        };
        Some((
            j2,
            ParsedDate {
                year: core.year,
                month: core.month,
                day: core.day,
                time: time.map(|t| (t.h, t.m, t.s)),
                offset_minutes: time.and_then(|t| t.offset),
                calendar: core.calendar,
                gregorian,
            },
        ))
    }

    /// `الساعة 7 مساء`: an hour without minutes needs both the word and AM/PM.
    fn hour_only(&self, i: usize) -> Option<(usize, TimeOfDay)> {
        // Caller already skipped connectors; require `الساعة` just before.
        if i == 0 || !self.is_word(i - 1, &["الساعه"]) {
            return None;
        }
        let (h, hn) = self.num(i)?;
        if hn > 2 || h > 12 {
            return None;
        }
        let (j, pm) = self.ampm(i + 1)?;
        let h = apply_ampm(h as u8, pm)?;
        Some((
            j,
            TimeOfDay {
                h,
                m: 0,
                s: 0,
                offset: None,
            },
        ))
    }

    /// After a first date: `الموافق` / `-` / `/` / `(` then a date in the other calendar.
    fn equivalent_date(&self, i: usize) -> Option<(usize, DateCore)> {
        let mut j = i;
        let mut paren = false;
        if matches!(
            self.punct(j),
            Some('-' | '–' | '—' | '/' | '،' | ',' | '|' | 'ـ')
        ) {
            j += 1;
        }
        if self.punct(j) == Some('(') {
            paren = true;
            j += 1;
        }
        if self.is_word(
            j,
            &[
                "الموافق",
                "الموافقه",
                "يوافقه",
                "ويوافق",
                "والموافق",
                "يوافق",
                "الموافق:",
            ],
        ) {
            j += 1;
            if self.is_word(j, &["ل"]) {
                j += 1;
            }
            if self.punct(j) == Some(':') {
                j += 1;
            }
        }
        if j == i {
            return None;
        }
        let j = self.skip_weekday(j);
        let (mut k, core) = self.date_core(j)?;
        if let Some((k2, cal)) = self.cal_marker(k) {
            if cal == core.calendar {
                k = k2;
            }
        }
        if paren {
            if self.punct(k) == Some(')') {
                k += 1;
            } else {
                return None;
            }
        }
        Some((k, core))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AmPm {
    Am,
    Pm,
    Noon,
    Night,
}

fn apply_ampm(h: u8, p: AmPm) -> Option<u8> {
    match p {
        AmPm::Am => match h {
            12 => Some(0),
            0..=11 => Some(h),
            _ => Some(h), // `16:10 am`: trust the 24-hour value
        },
        AmPm::Pm => match h {
            1..=11 => Some(h + 12),
            _ => Some(h), // 12 pm is noon; `16:10 pm` stays
        },
        AmPm::Noon => match h {
            1..=5 => Some(h + 12),
            _ => Some(h),
        },
        AmPm::Night => match h {
            12 => Some(0),
            6..=11 => Some(h + 12),
            _ => Some(h),
        },
    }
}

fn valid_core(c: &DateCore) -> bool {
    if !(1..=12).contains(&c.month) || c.day == 0 {
        return false;
    }
    match c.calendar {
        Calendar::Gregorian => c.day <= days_in_month(c.year, c.month),
        Calendar::Hijri => c.day <= 30 && (1..=2999).contains(&c.year),
    }
}

/// Tokens allowed around a whole-string date in [`parse_date`].
fn is_trailing_filler(t: &Toks, i: usize) -> bool {
    matches!(
        t.punct(i),
        Some('.' | ',' | '،' | ')' | '(' | '-' | '|' | '؛' | ';')
    ) || t.cal_marker(i).is_some()
}

/// Parse a string that is a date expression (surrounding whitespace ignored).
pub fn parse_date(s: &str) -> Option<ParsedDate> {
    let toks = tokenize(s);
    let t = Toks { t: &toks };
    let mut i = 0;
    // Leading punctuation or `يوم`/`بتاريخ` are tolerated.
    while i < toks.len()
        && (matches!(t.punct(i), Some('(' | '-' | '|' | '،' | ','))
            || t.is_word(i, &["بتاريخ", "تاريخ", "في"])
            || (t.is_word(i, &["ال"]) && t.adjacent(i)))
    {
        i += 1;
    }
    let (mut end, pd) = t.expr(i)?;
    while end < toks.len() && is_trailing_filler(&t, end) {
        end += 1;
    }
    (end == toks.len()).then_some(pd)
}

/// Find the first date expression in `s`: `(start, end, date)` with code-point
/// offsets. When a line has both a Gregorian and a Hijri date, the Gregorian one
/// is returned.
pub fn find_date(s: &str) -> Option<(usize, usize, ParsedDate)> {
    let toks = tokenize(s);
    let t = Toks { t: &toks };
    let mut first_hijri = None;
    let mut i = 0;
    while i < toks.len() {
        let candidate = match &toks[i].kind {
            Kind::Num(_, n) => *n <= 4,
            Kind::Word(_) => true,
            Kind::Punct(_) => false,
        };
        if candidate {
            if let Some((end, pd)) = t.expr(i) {
                let span = (toks[i].start, toks[end - 1].end);
                if pd.calendar == Calendar::Gregorian {
                    return Some((span.0, span.1, pd));
                }
                if first_hijri.is_none() {
                    first_hijri = Some((span.0, span.1, pd));
                }
                i = end;
                continue;
            }
        }
        i += 1;
    }
    first_hijri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hijri_round_trip() {
        for (y, m, d) in [(1436, 10, 25), (1445, 1, 1), (1400, 12, 29), (1, 1, 1)] {
            let g = hijri_to_gregorian(y, m, d).unwrap();
            assert_eq!(gregorian_to_hijri(g.0, g.1, g.2), Some((y, m, d)), "{g:?}");
        }
        assert_eq!(hijri_to_gregorian(1436, 10, 25), Some((2015, 8, 10)));
    }

    #[test]
    fn vocabulary_folds() {
        assert!(vocab().months.iter().all(|(w, _, _)| !w.is_empty()));
        assert_eq!(fold_phrase("جمادى الآخرة"), vec!["جمادي", "الاخره"]);
        assert_eq!(fold_phrase("هـ"), vec!["ه"]);
    }
}
