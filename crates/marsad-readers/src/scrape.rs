//! Plain-text web scrapes: the commonest input in the wild.
//!
//! A scrape is the visible text of an article page, one block per line: a title
//! line, site furniture (breadcrumbs, share buttons, "follow us" prompts, "read
//! also" links, most-read widgets, cookie notices, copyright and tag lines), a
//! timestamp, and the article paragraphs, the first of which often starts with a
//! dateline/agency tag (`رام الله - وفا:`, `القاهرة - (رويترز) -`).
//!
//! [`read_scrape`] classifies every line, then uses position as well as content:
//!
//! 1. **Line patterns.** Furniture is recognised by its vocabulary *and* its
//!    shape: a line is a share-button row only if every word on it is button
//!    vocabulary; a social prompt must *start* with a follow verb; cookie,
//!    copyright and tag lines are short. A paragraph that merely mentions تويتر
//!    is content.
//! 2. **Widget runs.** After a widget header (`الأكثر قراءة`, `آخر الأخبار`,
//!    `اقرأ أيضا:` alone, `الكلمات الدالة:` alone) the following headline-like
//!    lines (short, no final full stop) are removed, up to the first paragraph
//!    or a change in blank-line spacing.
//! 3. **Zones.** The title is the first content line. The body runs from the
//!    first to the last *paragraph-like* line (a sentence ending in a full stop,
//!    or a long line with internal punctuation); unrecognised short lines before
//!    it (header zone) or after it (footer zone) are site furniture.
//! 4. **Tag.** A standalone dateline line in the header zone, or the start of the
//!    first paragraph, is split into place / agency / reporter (and date, for the
//!    SPA form `بريدة 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس`) using a
//!    gazetteer of datelines and a table of agencies and outlets; the tag is
//!    removed from the body and the canonical outlet name recorded.
//! 5. **Published.** The best timestamp among labelled lines (`نشر في`,
//!    `تاريخ النشر`), bare date lines, the dateline, "follow us" lines with a
//!    timestamp, and `آخر تحديث` lines, in that order of preference.
//!
//! Each body piece is a trimmed line with its code-point offset in `text`.

use crate::published::published_from;
use crate::{BodyPiece, Location, RawArticle};
use marsad_article::{Dateline, Published, Warning};
use marsad_text::chars::is_invisible;
use marsad_text::dates::{find_date, ParsedDate};
use marsad_text::normalize::{normalize_str, Profile};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Read one plain-text scrape (already decoded, LF line ends).
pub fn read_scrape(text: &str, location: Location) -> RawArticle {
    let mut art = RawArticle {
        location,
        format: "text",
        encoding: "UTF-8".to_string(),
        ..Default::default()
    };
    let lines = split_lines(text);
    let n = lines.len();
    let mut info: Vec<Info> = lines.iter().map(classify).collect();

    // 2. Widget runs.
    let in_run = mark_runs(&lines, &info);

    // 3. Title.
    let title_idx = pick_title(&lines, &info, &in_run);
    let mut title_outlet = None;
    if let Some(t) = title_idx {
        let (title, outlet) = strip_title_suffix(lines[t].text);
        art.title = Some(title.to_string());
        title_outlet = outlet;
        let tf = compact(title);
        for (i, inf) in info.iter_mut().enumerate() {
            if i != t && inf.kind == Kind::Content && compact(lines[i].text) == tf {
                inf.kind = Kind::Furniture;
            }
        }
    } else {
        art.warnings.push(Warning::new(
            "no-title",
            "no title line found in the scrape",
        ));
    }
    let after_title = title_idx.map_or(0, |t| t + 1);

    // Zones.
    let body_like: Vec<bool> = (0..n)
        .map(|i| {
            i >= after_title
                && !in_run[i]
                && info[i].kind == Kind::Content
                && is_paragraph_like(&lines[i])
        })
        .collect();
    let first_body = body_like.iter().position(|&b| b);
    let last_body = body_like.iter().rposition(|&b| b);
    let (core_start, core_end) = match (first_body, last_body) {
        (Some(a), Some(b)) => (a, b + 1),
        // No paragraph-like line: keep every content line after the title.
        _ => (after_title, n),
    };

    // Header zone: standalone dateline, author, masthead.
    let mut tag: Option<(usize, Tag)> = None;
    let mut masthead = None;
    for i in after_title..core_start {
        if in_run[i] {
            continue;
        }
        match &info[i].kind {
            Kind::Content => {
                if let Some(t) = parse_tag(lines[i].text, true).filter(|t| t.standalone) {
                    tag = Some((i, t));
                }
            }
            Kind::Author(a) => {
                art.author.get_or_insert_with(|| a.clone());
            }
            Kind::Masthead(o) => masthead = masthead.or(Some(*o)),
            _ => {}
        }
    }
    for inf in info.iter().take(after_title) {
        if let Kind::Masthead(o) = inf.kind {
            masthead = masthead.or(Some(o));
        }
        if let Kind::Author(a) = &inf.kind {
            if art.author.is_none() {
                art.author = Some(a.clone());
            }
        }
    }

    // Body.
    let mut first = true;
    for i in core_start..core_end.min(n) {
        if in_run[i] {
            continue;
        }
        match &info[i].kind {
            Kind::Content => {}
            Kind::Author(a) => {
                if art.author.is_none() {
                    art.author = Some(a.clone());
                }
                continue;
            }
            _ => continue,
        }
        let line = &lines[i];
        if first {
            first = false;
            if tag.is_none() {
                if let Some(t) = parse_tag(line.text, true).filter(|t| t.standalone) {
                    tag = Some((i, t));
                    continue;
                }
                if let Some(t) = parse_tag(line.text, false) {
                    let rest: String = line.text.chars().skip(t.rest).collect();
                    let start = line.start + t.rest;
                    tag = Some((i, t));
                    if !rest.trim().is_empty() {
                        art.body.push(BodyPiece {
                            text: rest,
                            source_start: Some(start),
                        });
                    }
                    continue;
                }
            }
        }
        art.body.push(BodyPiece {
            text: line.text.to_string(),
            source_start: Some(line.start),
        });
    }
    if art.body.is_empty() {
        art.warnings.push(Warning::new(
            "no-body",
            "no body paragraphs found in the scrape",
        ));
    }

    // 4. Dateline and outlet.
    let mut tag_date = None;
    if let Some((_, t)) = tag {
        art.outlet = t.outlet.map(str::to_string);
        if art.author.is_none() {
            art.author = t.author.clone();
        }
        tag_date = t
            .date
            .clone()
            .map(|d| (d, t.date_raw.clone().unwrap_or_default()));
        art.dateline = Some(Dateline {
            place: t.place,
            agency: t.agency,
            raw: t.raw,
            span: None,
        });
    }
    if art.outlet.is_none() {
        art.outlet = masthead.or(title_outlet).map(str::to_string);
    }

    // 5. Published.
    let mut best: Option<(u8, usize)> = None;
    for i in 0..n {
        if in_run[i] {
            continue;
        }
        let Some(prio) = info[i].date_prio else {
            continue;
        };
        let in_footer = i >= core_end && first_body.is_some();
        if in_footer && prio == PRIO_BARE {
            continue;
        }
        if best.is_none_or(|(p, _)| prio < p) {
            best = Some((prio, i));
        }
    }
    let from_line = best.and_then(|(p, i)| {
        let (a, b, d) = info[i].date.clone()?;
        let raw: String = lines[i].text.chars().skip(a).take(b - a).collect();
        Some((p, published_from(&d, &raw)))
    });
    let from_tag = tag_date.map(|(d, raw)| (PRIO_DATELINE, published_from(&d, &raw)));
    art.published = pick_published(from_line, from_tag);
    art
}

fn pick_published(a: Option<(u8, Published)>, b: Option<(u8, Published)>) -> Option<Published> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.0 < a.0 { b.1 } else { a.1 }),
        (a, b) => a.or(b).map(|x| x.1),
    }
}

// ---------------------------------------------------------------------------
// Lines

struct Line<'a> {
    /// Trimmed line text.
    text: &'a str,
    /// Code-point offset of `text` in the input.
    start: usize,
    /// A blank line separates this line from the previous non-empty one.
    blank_before: bool,
    /// Folded words (search normalization, punctuation removed).
    words: Vec<String>,
}

fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut cp = 0usize;
    let mut blank = false;
    for raw in text.split('\n') {
        let len = raw.chars().count();
        let trim = |c: char| c.is_whitespace() || is_invisible(c);
        let lead = raw.chars().take_while(|&c| trim(c)).count();
        let t = raw.trim_matches(trim);
        if t.is_empty() {
            blank = true;
        } else {
            out.push(Line {
                text: t,
                start: cp + lead,
                blank_before: blank && !out.is_empty(),
                words: fold_words(t),
            });
            blank = false;
        }
        cp += len + 1;
    }
    out
}

/// Search-normalized words of `s`, punctuation and symbols removed.
fn fold_words(s: &str) -> Vec<String> {
    normalize_str(s, Profile::Search)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Letters and digits only, search-normalized: `أ.ف.ب` → `افب`.
fn compact(s: &str) -> String {
    normalize_str(s, Profile::Search)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Last meaningful character (closing quotes and brackets skipped).
fn last_char(s: &str) -> Option<char> {
    s.chars().rev().find(|c| {
        !matches!(
            c,
            '"' | '»' | '”' | '’' | '\'' | ')' | ']' | '*' | '“' | '«'
        ) && !c.is_whitespace()
            && !is_invisible(*c)
    })
}

fn ends_sentence(s: &str) -> bool {
    matches!(last_char(s), Some('.' | '!' | '؟' | '?' | '…' | '۔'))
}

fn ends_full_stop(s: &str) -> bool {
    matches!(last_char(s), Some('.' | '…' | '۔'))
}

/// A body paragraph rather than a headline, label or button.
fn is_paragraph_like(l: &Line) -> bool {
    let w = word_count(l.text);
    (ends_sentence(l.text) && w >= 4)
        || (matches!(last_char(l.text), Some(':' | '؛')) && w >= 6)
        || w >= 16
        || (w >= 10
            && l.text
                .chars()
                .any(|c| matches!(c, '،' | ',' | '.' | '؛' | ':')))
}

/// The title: among the content lines up to the first paragraph, the first
/// title-like one of three words or more (section labels such as `اقتصاد` or
/// `أخبار العالم` come before titles), else the last short one.
fn pick_title(lines: &[Line], info: &[Info], in_run: &[bool]) -> Option<usize> {
    let mut candidates = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if in_run[i] || info[i].kind != Kind::Content {
            continue;
        }
        let para = is_paragraph_like(l);
        if is_title_like(l)
            && !(para && ends_full_stop(l.text))
            && parse_tag(l.text, true).is_none_or(|t| !t.standalone)
        {
            candidates.push(i);
        }
        if para {
            break;
        }
    }
    candidates
        .iter()
        .copied()
        .find(|&i| word_count(lines[i].text) >= 3)
        .or(candidates.last().copied())
}

fn is_title_like(l: &Line) -> bool {
    let w = word_count(l.text);
    w <= 30 && l.text.chars().count() <= 250 && !(ends_full_stop(l.text) && w > 20)
}

/// A line that can be an item of a headline list.
fn is_list_item(l: &Line, kind: &Kind) -> bool {
    match kind {
        Kind::Content => {
            word_count(l.text) <= 25
                && !ends_full_stop(l.text)
                && !matches!(last_char(l.text), Some(':' | '؛'))
        }
        Kind::WidgetHeader | Kind::ReadAlsoHeader | Kind::TagsHeader => false,
        _ => true,
    }
}

// ---------------------------------------------------------------------------
// Classification

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Content,
    Furniture,
    WidgetHeader,
    ReadAlsoHeader,
    TagsHeader,
    Author(String),
    Masthead(&'static str),
}

struct Info {
    kind: Kind,
    /// Date found on the line (code-point span in the trimmed line).
    date: Option<(usize, usize, ParsedDate)>,
    /// Preference of this line's date as the publication time (lower is better).
    date_prio: Option<u8>,
}

const PRIO_PUBLISHED: u8 = 0;
const PRIO_BARE: u8 = 1;
const PRIO_DATELINE: u8 = 2;
const PRIO_SOCIAL: u8 = 3;
const PRIO_UPDATED: u8 = 4;

fn classify(l: &Line) -> Info {
    let date = find_date(l.text);
    let mut info = Info {
        kind: Kind::Content,
        date: date.clone(),
        date_prio: None,
    };
    let v = vocab();
    let w = &l.words;
    let nw = word_count(l.text);
    let rest_words: Vec<String> = match &date {
        Some((a, b, _)) => {
            let rest: String = l
                .text
                .chars()
                .take(*a)
                .chain(std::iter::once(' '))
                .chain(l.text.chars().skip(*b))
                .collect();
            fold_words(&rest)
        }
        None => w.clone(),
    };
    let furniture = |mut info: Info, prio: Option<u8>| {
        info.kind = Kind::Furniture;
        info.date_prio = if info.date.is_some() { prio } else { None };
        info
    };

    if nw <= 35
        && (l.text.contains('©')
            || v.copyright.iter().any(|p| contains_phrase(w, p))
            || l.text.to_lowercase().contains("(c)"))
    {
        return furniture(info, None);
    }
    if w.is_empty() {
        // Rules and decorations: `-----`, `***`, `•`.
        return furniture(info, None);
    }
    if nw <= 45
        && v.cookie.iter().any(|p| contains_phrase(w, p))
        && w.iter().any(|x| v.cookie_cues.contains(x))
    {
        return furniture(info, None);
    }
    if let Some(p) = v.read_also.iter().find(|p| starts_with(w, p)) {
        if w.len() == p.len() {
            info.kind = Kind::ReadAlsoHeader;
            return info;
        }
        return furniture(info, None);
    }
    if let Some(p) = v.widgets.iter().find(|p| starts_with(w, p)) {
        if w.len() <= p.len() + 3 && !ends_sentence(l.text) {
            info.kind = Kind::WidgetHeader;
            return info;
        }
    }
    if let Some(p) = v.tags.iter().find(|p| starts_with(w, p)) {
        if w.len() == p.len() {
            info.kind = Kind::TagsHeader;
            return info;
        }
        if colon_after_words(l.text, p.len()) {
            return furniture(info, None);
        }
    }
    if v.ads.iter().any(|p| p == w) {
        return furniture(info, None);
    }
    if is_social(&rest_words, l.text) {
        return furniture(info, Some(PRIO_SOCIAL));
    }
    if date.is_some() {
        let publish = rest_words.iter().any(|x| v.publish_labels.contains(x));
        let update = rest_words.iter().any(|x| v.update_labels.contains(x));
        let all_labels = rest_words.iter().all(|x| v.labels.contains(x));
        let labelled_start = w.first().is_some_and(|x| {
            v.publish_labels.contains(x)
                || v.update_labels.contains(x)
                || x == "تاريخ"
                || x == "بتاريخ"
        });
        if all_labels || (labelled_start && nw <= 25) {
            let prio = if publish {
                PRIO_PUBLISHED
            } else if update {
                PRIO_UPDATED
            } else {
                PRIO_BARE
            };
            return furniture(info, Some(prio));
        }
    }
    if is_breadcrumb(l.text, w) || is_nav(l.text) {
        return furniture(info, Some(PRIO_BARE));
    }
    if !rest_words.is_empty()
        && rest_words.len() <= 15
        && rest_words
            .iter()
            .all(|x| v.buttons.contains(x) || v.platforms.contains(x))
        && rest_words.iter().any(|x| !v.weak_buttons.contains(x))
    {
        return furniture(info, Some(PRIO_SOCIAL));
    }
    if w.len() <= 5
        && matches!(w.first().map(String::as_str), Some("منذ" | "قبل"))
        && w.iter().any(|x| v.time_units.contains(x))
    {
        return furniture(info, None);
    }
    if let Some(a) = author_line(l.text, w) {
        info.kind = if a.is_empty() {
            Kind::Furniture
        } else {
            Kind::Author(a)
        };
        return info;
    }
    if (nw <= 20 && !ends_full_stop(l.text) && v.captions.iter().any(|p| starts_with(w, p)))
        || (nw <= 4 && v.weak_captions.iter().any(|p| starts_with(w, p)))
    {
        return furniture(info, None);
    }
    if let Some(o) = lookup_name(l.text) {
        info.kind = Kind::Masthead(o.canonical);
        return info;
    }
    info
}

fn starts_with(w: &[String], p: &[String]) -> bool {
    w.len() >= p.len() && w.iter().zip(p).all(|(a, b)| a == b)
}

fn contains_phrase(w: &[String], p: &[String]) -> bool {
    !p.is_empty() && w.windows(p.len()).any(|x| x == p)
}

/// Is there a `:` right after the first `k` words of `s`?
fn colon_after_words(s: &str, k: usize) -> bool {
    let mut seen = 0;
    let mut in_word = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if !in_word {
                in_word = true;
            }
        } else {
            if in_word {
                seen += 1;
                in_word = false;
            }
            if seen >= k && matches!(c, ':' | '：') {
                return true;
            }
            if seen > k && !c.is_whitespace() {
                return false;
            }
        }
        if seen > k {
            return false;
        }
    }
    false
}

fn is_social(rest: &[String], text: &str) -> bool {
    let v = vocab();
    if rest.is_empty() || rest.len() > 20 {
        return false;
    }
    let has_platform = rest.iter().any(|x| v.platforms.contains(x));
    let first = rest[0].as_str();
    if v.follow_verbs.contains(first) {
        return has_platform || (rest.len() <= 6 && v.follow_us.contains(first));
    }
    // `للمزيد من الأخبار تابعونا على تلغرام`
    rest.len() <= 12
        && has_platform
        && !ends_full_stop(text)
        && rest
            .iter()
            .take(5)
            .any(|x| v.follow_verbs.contains(x.as_str()))
}

fn is_breadcrumb(text: &str, w: &[String]) -> bool {
    let home = matches!(w.first().map(String::as_str), Some("الرييسيه" | "home"))
        || starts_with(w, &["الصفحه".into(), "الرييسيه".into()]);
    if !home || w.len() > 25 {
        return false;
    }
    let segs: Vec<&str> = text
        .split(['>', '»', '›', '/', '|', '←', '<', '\\', '«'])
        .collect();
    segs.len() >= 2 && segs.iter().all(|s| word_count(s) <= 5)
}

fn is_nav(text: &str) -> bool {
    let sep = |c: char| matches!(c, '|' | '›' | '>' | '•' | '·' | '◄' | '►' | '‹');
    let segs: Vec<&str> = text
        .split(sep)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    segs.len() >= 3 && segs.iter().all(|s| word_count(s) <= 4) && word_count(text) <= 25
}

/// `بقلم: فلان`, `كتب - فلان`, `By Name`: the author name, or `Some("")` for a bare marker.
fn author_line(text: &str, w: &[String]) -> Option<String> {
    let v = vocab();
    let first = w.first()?;
    if word_count(text) > 7 || ends_sentence(text) {
        return None;
    }
    if !v.author_markers.contains(first.as_str()) {
        if !v.author_labels.contains(first.as_str()) {
            return None;
        }
        // `كتب`, `تحرير`, `إعداد` also start ordinary sentences and titles: only
        // a label followed by `:` / `-` / `|` is a byline.
        let after: String = text
            .chars()
            .skip_while(|c| !c.is_alphanumeric())
            .skip_while(|c| c.is_alphanumeric() || marsad_text::chars::is_arabic_word_mark(*c))
            .collect();
        if !after.trim_start().starts_with([':', '-', '–', '|', '/']) {
            return None;
        }
    }
    if text
        .chars()
        .any(|c| c.is_ascii_digit() || marsad_text::chars::is_digit(c))
    {
        return None;
    }
    // Skip the marker word as written.
    let mut it = text.char_indices().skip_while(|(_, c)| c.is_whitespace());
    let mut cut = text.len();
    let mut seen_word = false;
    for (b, c) in it.by_ref() {
        if c.is_alphanumeric() || marsad_text::chars::is_arabic_word_mark(c) {
            seen_word = true;
        } else if seen_word {
            cut = b;
            break;
        }
    }
    let name = text[cut..].trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—' | '|' | '/' | '،' | ',')
    });
    Some(name.to_string())
}

/// Mark headline lists after widget headers.
fn mark_runs(lines: &[Line], info: &[Info]) -> Vec<bool> {
    let n = lines.len();
    let mut in_run = vec![false; n];
    let mut i = 0;
    while i < n {
        let (max, tag_list) = match info[i].kind {
            Kind::WidgetHeader => (12, false),
            Kind::ReadAlsoHeader => (3, false),
            Kind::TagsHeader => (15, true),
            _ => {
                i += 1;
                continue;
            }
        };
        in_run[i] = true;
        let mut j = i + 1;
        let mut count = 0;
        let mut spacing: Option<bool> = None;
        while j < n && count < max {
            let l = &lines[j];
            let item = if tag_list {
                word_count(l.text) <= 4 && !ends_sentence(l.text)
            } else {
                is_list_item(l, &info[j].kind)
            };
            if !item {
                break;
            }
            match spacing {
                None => spacing = Some(l.blank_before),
                Some(s) if s != l.blank_before && !s => break,
                _ => {}
            }
            in_run[j] = true;
            count += 1;
            j += 1;
        }
        i = j.max(i + 1);
    }
    in_run
}

/// `Title | Outlet` or `Title - Outlet`: the title and the outlet's canonical name.
fn strip_title_suffix(title: &str) -> (&str, Option<&'static str>) {
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some(pos) = title.rfind(sep) {
            let tail = &title[pos + sep.len()..];
            if let Some(e) = lookup_name(tail).filter(|e| e.outlet) {
                let head = title[..pos].trim();
                if !head.is_empty() {
                    return (head, Some(e.canonical));
                }
            }
        }
    }
    (title, None)
}

// ---------------------------------------------------------------------------
// Dateline / agency tag

#[derive(Debug, Clone)]
struct Tag {
    raw: String,
    place: Option<String>,
    agency: Option<String>,
    outlet: Option<&'static str>,
    author: Option<String>,
    date: Option<ParsedDate>,
    date_raw: Option<String>,
    /// Code-point offset in the line where the body text starts.
    rest: usize,
    /// The whole line is the tag.
    standalone: bool,
}

#[derive(Debug, Clone)]
struct Seg {
    start: usize,
    end: usize,
    text: String,
    paren: bool,
    /// Separator characters after the segment (spaces removed).
    sep: String,
    /// Offset after the separator run and spaces.
    next: usize,
    class: SegClass,
}

#[derive(Debug, Clone, PartialEq)]
enum SegClass {
    Agency(Option<&'static str>),
    Place,
    Date,
    Unknown,
}

fn is_tag_sep(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | ':' | '/' | '،' | ',' | '|' | '‐')
}

fn is_terminator(sep: &str) -> bool {
    sep.chars()
        .any(|c| matches!(c, '-' | '–' | '—' | ':' | '/' | '|' | '‐'))
}

fn classify_seg(text: &str) -> SegClass {
    if let Some(e) = lookup_name(text) {
        return SegClass::Agency(Some(e.canonical));
    }
    let c = compact(text);
    if vocab().generic_agencies.contains(&c) {
        return SegClass::Agency(None);
    }
    if vocab().places.contains(&c) {
        return SegClass::Place;
    }
    if let Some((a, b, _)) = find_date(text) {
        if b - a + 3 >= text.chars().count() {
            return SegClass::Date;
        }
    }
    SegClass::Unknown
}

/// A known agency at the start of `s` (1–4 words): its length in code points.
fn agency_prefix(s: &str) -> Option<(usize, &'static Entry)> {
    let words: Vec<(usize, usize)> = word_spans(s);
    for k in (1..=words.len().min(4)).rev() {
        let end = words[k - 1].1;
        let piece: String = s.chars().take(end).collect();
        if let Some(e) = lookup_name(&piece) {
            return Some((end, e));
        }
    }
    None
}

/// Code-point spans of whitespace-separated words.
fn word_spans(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut i = 0;
    for c in s.chars() {
        if c.is_whitespace() {
            if let Some(st) = start.take() {
                out.push((st, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
        i += 1;
    }
    if let Some(st) = start {
        out.push((st, i));
    }
    out
}

/// A dateline or agency tag found at the start of a body paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct DatelineMatch {
    pub dateline: Dateline,
    /// Code points of the paragraph the tag covers (the body proper starts there).
    pub len: usize,
    /// Canonical outlet name when the agency is a known one.
    pub outlet: Option<&'static str>,
    /// Publication date written inside the tag (SPA style), if any.
    pub published: Option<Published>,
}

/// Recognise a dateline/agency tag at the start of `paragraph` — `الرياض - واس:`,
/// `القاهرة - (رويترز) -`, `بريدة 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس` — for
/// structured records whose body is kept verbatim (the span then points at it).
pub fn detect_dateline(paragraph: &str) -> Option<DatelineMatch> {
    let t = parse_tag(paragraph, true)?;
    let len = if t.standalone {
        paragraph.trim_end().chars().count()
    } else {
        t.rest
    };
    let published = t
        .date
        .as_ref()
        .map(|d| published_from(d, t.date_raw.as_deref().unwrap_or_default()));
    Some(DatelineMatch {
        dateline: Dateline {
            place: t.place,
            agency: t.agency,
            raw: t.raw,
            span: None,
        },
        len,
        outlet: t.outlet,
        published,
    })
}

fn parse_tag(line: &str, standalone_ok: bool) -> Option<Tag> {
    let cs: Vec<char> = line.chars().collect();
    if let Some(t) = spa_tag(line, &cs, standalone_ok) {
        return Some(t);
    }
    let len = cs.len();
    let slice = |a: usize, b: usize| -> String { cs[a.min(len)..b.min(len)].iter().collect() };
    let mut segs: Vec<Seg> = Vec::new();
    let mut p = 0;
    while p < len && segs.len() < 7 {
        while p < len && cs[p].is_whitespace() {
            p += 1;
        }
        if p >= len {
            break;
        }
        let (start, end, text, paren);
        if cs[p] == '(' {
            let Some(q) = (p + 1..len.min(p + 40)).find(|&q| cs[q] == ')') else {
                break;
            };
            let inner = slice(p + 1, q).trim().to_string();
            if inner.is_empty() || word_count(&inner) > 5 {
                break;
            }
            (start, end, text, paren) = (p, q + 1, inner, true);
        } else {
            let mut q = p;
            while q < len && !is_tag_sep(cs[q]) && cs[q] != '(' {
                q += 1;
            }
            let t = slice(p, q);
            let t_trim = t.trim_end();
            if word_count(t_trim) > 5 {
                // The body starts here, unless a known agency ends the tag
                // (`الرياض - واس أعلنت ...`; never at the start of the line,
                // where an outlet name is the subject of the sentence).
                let after_sep = segs.last().is_some_and(|s| is_terminator(&s.sep));
                if let Some((k, _)) = agency_prefix(&t).filter(|_| after_sep) {
                    let text = slice(p, p + k);
                    let mut q = p + k;
                    while q < len && cs[q].is_whitespace() {
                        q += 1;
                    }
                    segs.push(Seg {
                        start: p,
                        end: p + k,
                        class: classify_seg(&text),
                        text,
                        paren: false,
                        sep: String::new(),
                        next: q,
                    });
                }
                break;
            }
            (start, end, text, paren) = (p, p + t_trim.chars().count(), t_trim.to_string(), false);
        }
        let mut q = end;
        let mut sep = String::new();
        while q < len && (is_tag_sep(cs[q]) || cs[q].is_whitespace()) {
            if !cs[q].is_whitespace() {
                sep.push(cs[q]);
            }
            q += 1;
        }
        let class = classify_seg(&text);
        segs.push(Seg {
            start,
            end,
            text,
            paren,
            sep,
            next: q,
            class,
        });
        p = q;
    }
    // Longest valid prefix of segments.
    let mut best: Option<usize> = None;
    let mut unknown = 0;
    let mut words = 0;
    for (k, s) in segs.iter().enumerate() {
        if s.class == SegClass::Unknown {
            unknown += 1;
            // A reporter's or place's name: a few words of letters only.
            let name_chars = s.text.chars().all(|c| {
                c.is_alphabetic()
                    || c.is_whitespace()
                    || marsad_text::chars::is_arabic_word_mark(c)
                    || c == '.'
            });
            if word_count(&s.text) > 4 || !name_chars {
                break;
            }
        }
        words += word_count(&s.text);
        if unknown > 2 || words > 12 {
            break;
        }
        let at_end = s.next >= len;
        let next_is_paren = segs.get(k + 1).is_some_and(|n| n.paren) && s.sep.is_empty();
        let ends_here = if at_end {
            standalone_ok
        } else {
            is_terminator(&s.sep)
                || (s.paren && s.sep.is_empty())
                || (s.sep.is_empty()
                    && matches!(s.class, SegClass::Agency(Some(_)))
                    && !next_is_paren)
        };
        // A comma never ends a tag, and segments must be separated.
        if !at_end
            && s.sep.is_empty()
            && !next_is_paren
            && !s.paren
            && !matches!(s.class, SegClass::Agency(Some(_)))
        {
            break;
        }
        if ends_here {
            let has_anchor = segs[..=k]
                .iter()
                .any(|x| matches!(x.class, SegClass::Agency(_) | SegClass::Place));
            if has_anchor {
                best = Some(k);
            }
        }
    }
    let k = best?;
    let tag_segs = &segs[..=k];
    // Groups of consecutive non-agency, non-date segments joined by commas.
    let mut groups: Vec<(usize, usize)> = Vec::new(); // segment index ranges
    let mut g_start: Option<usize> = None;
    for (i, s) in tag_segs.iter().enumerate() {
        let is_name = matches!(s.class, SegClass::Place | SegClass::Unknown);
        if is_name {
            if g_start.is_none() {
                g_start = Some(i);
            }
            let joins = matches!(s.sep.as_str(), "،" | ",") && i < k;
            if !joins {
                groups.push((g_start.take().unwrap_or(i), i));
            }
        } else if let Some(g) = g_start.take() {
            groups.push((g, i - 1));
        }
    }
    if let Some(g) = g_start {
        groups.push((g, k));
    }
    let group_text = |(a, b): (usize, usize)| {
        if a == b && tag_segs[a].paren {
            tag_segs[a].text.clone()
        } else {
            slice(tag_segs[a].start, tag_segs[b].end)
        }
    };
    let group_known =
        |(a, b): (usize, usize)| tag_segs[a..=b].iter().any(|s| s.class == SegClass::Place);
    let agency_seg = tag_segs
        .iter()
        .find(|s| matches!(s.class, SegClass::Agency(_)));
    let place_group = groups
        .iter()
        .copied()
        .find(|&g| group_known(g))
        .or_else(|| {
            if agency_seg.is_some() {
                groups
                    .iter()
                    .copied()
                    .rev()
                    .min_by_key(|&g| word_count(&group_text(g)))
            } else {
                None
            }
        });
    let author = groups
        .iter()
        .copied()
        .filter(|&g| Some(g) != place_group && !group_known(g))
        .map(group_text)
        .find(|t| (2..=4).contains(&word_count(t)));
    let date_seg = tag_segs.iter().find(|s| s.class == SegClass::Date);
    let last = &tag_segs[k];
    let raw_end = if last.sep.is_empty() {
        last.end
    } else {
        last.next
    };
    let raw = slice(0, raw_end).trim_end().to_string();
    let rest = last.next.min(len);
    Some(Tag {
        raw,
        place: place_group.map(group_text),
        agency: agency_seg.map(|s| unquote(&s.text)),
        outlet: tag_segs.iter().find_map(|s| match s.class {
            SegClass::Agency(Some(o)) => Some(o),
            _ => None,
        }),
        author,
        date: date_seg.and_then(|s| find_date(&s.text).map(|d| d.2)),
        date_raw: date_seg.map(|s| s.text.clone()),
        rest,
        standalone: rest >= len,
    })
}

fn unquote(s: &str) -> String {
    s.trim_matches(|c: char| matches!(c, '«' | '»' | '"' | '“' | '”' | '\'') || c.is_whitespace())
        .to_string()
}

/// `PLACE DATE AGENCY` (the SPA form): `بريدة 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس`.
fn spa_tag(line: &str, cs: &[char], standalone_ok: bool) -> Option<Tag> {
    let (a, b, date) = find_date(line)?;
    let len = cs.len();
    let prefix: String = cs[..a].iter().collect();
    let place = prefix.trim_matches(|c: char| c.is_whitespace() || is_tag_sep(c));
    if word_count(place) > 3
        || place
            .chars()
            .any(|c| marsad_text::chars::is_digit(c) || matches!(c, '.' | '!' | '؟' | '"' | '«'))
    {
        return None;
    }
    let date_raw: String = cs[a..b].iter().collect();
    let mut p = b;
    while p < len && (cs[p].is_whitespace() || is_tag_sep(cs[p])) {
        p += 1;
    }
    let after: String = cs[p..].iter().collect();
    let (agency, outlet, mut q) = if after.starts_with('(') {
        let close = after.find(')')?;
        let inner = &after[1..close];
        let e = lookup_name(inner)?;
        (
            Some(inner.trim().to_string()),
            Some(e.canonical),
            p + after[..=close].chars().count(),
        )
    } else if let Some((k, e)) = agency_prefix(&after) {
        let text: String = after.chars().take(k).collect();
        (Some(text), Some(e.canonical), p + k)
    } else {
        (None, None, p)
    };
    if agency.is_none() {
        // Place and date only: a standalone line.
        if !standalone_ok || p < len || place.is_empty() || classify_seg(place) != SegClass::Place {
            return None;
        }
    }
    let raw_end_base = q;
    while q < len && (cs[q].is_whitespace() || is_tag_sep(cs[q])) {
        q += 1;
    }
    let raw_end = if cs[raw_end_base..q].iter().any(|&c| is_tag_sep(c)) {
        q
    } else {
        raw_end_base
    };
    let raw: String = cs[..raw_end]
        .iter()
        .collect::<String>()
        .trim_end()
        .to_string();
    if q < len && !standalone_ok && agency.is_none() {
        return None;
    }
    if q >= len && !standalone_ok {
        return None;
    }
    Some(Tag {
        raw,
        place: (!place.is_empty()).then(|| place.to_string()),
        agency,
        outlet,
        author: None,
        date: Some(date),
        date_raw: Some(date_raw),
        rest: q,
        standalone: q >= len,
    })
}

// ---------------------------------------------------------------------------
// Vocabulary

/// A news agency or outlet: canonical name and the names it goes by.
struct Entry {
    canonical: &'static str,
    outlet: bool,
}

#[rustfmt::skip]
const AGENCIES: &[(&str, &[&str])] = &[
    ( "وكالة الأنباء السعودية (واس)", &["واس", "وكالة الأنباء السعودية", "SPA"], ),
    ( "وكالة الأنباء الفلسطينية (وفا)", &["وفا", "وكالة الأنباء الفلسطينية", "WAFA"], ),
    ("رويترز", &["رويترز", "Reuters"]),
    ( "فرانس برس", &[ "أ ف ب", "ا ف ب", "فرانس برس", "فرانس بريس", "AFP", "وكالة الصحافة الفرنسية", ], ),
    ( "وكالة الأنباء الألمانية (د ب أ)", &["د ب أ", "د ب ا", "DPA", "وكالة الأنباء الألمانية"], ),
    ( "أسوشيتد برس", &["أ ب", "أسوشيتد برس", "اسوشيتد برس", "أسوشيتيد برس", "AP"], ),
    ( "وكالة الأنباء القطرية (قنا)", &["قنا", "QNA", "وكالة الأنباء القطرية"], ),
    ( "وكالة أنباء الإمارات (وام)", &["وام", "WAM", "وكالة أنباء الإمارات"], ),
    ("الوكالة العربية السورية للأنباء (سانا)", &["سانا", "SANA"]),
    ("وكالة الأناضول", &["الأناضول", "Anadolu", "الأناضول للأنباء"]),
    ( "وكالة الأنباء الكويتية (كونا)", &["كونا", "KUNA", "وكالة الأنباء الكويتية"], ),
    ( "وكالة الأنباء الأردنية (بترا)", &["بترا", "Petra", "وكالة الأنباء الأردنية"], ),
    ( "وكالة أنباء الشرق الأوسط (أ ش أ)", &["أ ش أ", "MENA", "وكالة أنباء الشرق الأوسط"], ),
    ( "وكالة أنباء البحرين (بنا)", &["بنا", "BNA", "وكالة أنباء البحرين"], ),
    ( "وكالة الأنباء العمانية", &["العمانية", "ONA", "وكالة الأنباء العمانية"], ),
    ( "وكالة الأنباء الجزائرية (واج)", &["واج", "APS", "وكالة الأنباء الجزائرية"], ),
    ("وكالة تونس أفريقيا للأنباء (وات)", &["وات", "TAP"]),
    ("وكالة المغرب العربي للأنباء (ومع)", &["ومع", "و م ع", "MAP"]),
    ("وكالة الأنباء اليمنية (سبأ)", &["سبأ", "Saba"]),
    ("وكالة الأنباء العراقية (واع)", &["واع", "INA"]),
    ("وكالة السودان للأنباء (سونا)", &["سونا", "SUNA"]),
    ("وكالة الأنباء الليبية (وال)", &["وال", "LANA"]),
    ( "الوكالة الوطنية للإعلام", &["الوكالة الوطنية للإعلام", "الوطنية للإعلام", "NNA"], ),
    ( "وكالة الجمهورية الإسلامية للأنباء (إرنا)", &["إرنا", "ارنا", "IRNA"], ),
    ("شينخوا", &["شينخوا", "Xinhua"]), ("سبوتنيك", &["سبوتنيك", "Sputnik"]),
    ("تاس", &["تاس", "TASS"]), ("يونايتد برس إنترناشونال", &["يو بي آي", "UPI"]),
    ("بلومبرغ", &["بلومبرغ", "بلومبيرغ", "Bloomberg"]),
];

#[rustfmt::skip]
const OUTLETS: &[(&str, &[&str])] = &[
    ( "CNN بالعربية", &["CNN", "سي إن إن", "سي ان ان", "CNN بالعربية", "CNN Arabic"], ),
    ( "بي بي سي عربي", &[ "BBC", "بي بي سي", "بي بي سي عربي", "BBC عربي", "BBC News عربي", "BBC Arabic", ], ),
    ( "سكاي نيوز عربية", &[ "سكاي نيوز عربية", "سكاي نيوز", "Sky News Arabia", "Sky News عربية", ], ),
    ( "العربية.نت", &["العربية.نت", "العربية نت", "العربية", "Al Arabiya"], ),
    ("فرانس 24", &["فرانس 24", "France 24", "فرانس ٢٤"]),
    ("الجزيرة نت", &["الجزيرة نت", "الجزيرة.نت", "Al Jazeera"]),
    ( "الشرق الأوسط", &["الشرق الأوسط", "الشرق الأوسط أونلاين", "Asharq Al-Awsat"], ),
    ("سبق", &["سبق", "صحيفة سبق"]), ("عكاظ", &["عكاظ", "صحيفة عكاظ"]),
    ("الوئام", &["الوئام", "صحيفة الوئام"]), ("عين اليوم", &["عين اليوم"]),
    ("الرياضية", &["الرياضية", "صحيفة الرياضية"]), ("الرياضي", &["الرياضي", "صحيفة الرياضي"]),
    ("الاقتصادية", &["الاقتصادية", "صحيفة الاقتصادية"]), ("الوطن", &["الوطن", "صحيفة الوطن"]),
    ("اليوم", &["اليوم", "صحيفة اليوم"]), ("الحياة", &["الحياة", "صحيفة الحياة"]),
    ("النهار", &["النهار"]), ("الأهرام", &["الأهرام", "بوابة الأهرام"]),
    ("اليوم السابع", &["اليوم السابع"]), ("المصري اليوم", &["المصري اليوم"]),
    ("الشروق", &["الشروق"]), ("القدس العربي", &["القدس العربي"]),
    ("العربي الجديد", &["العربي الجديد"]), ("هسبريس", &["هسبريس", "Hespress"]),
    ("الخليج", &["الخليج"]), ("البيان", &["البيان"]), ("الراي", &["الراي"]), ("القبس", &["القبس"]),
    ("الشرق", &["الشرق"]), ("روسيا اليوم", &["روسيا اليوم", "RT Arabic", "آر تي"]),
    ("الحرة", &["الحرة", "قناة الحرة"]), ("يورونيوز", &["يورونيوز", "Euronews"]),
];

#[rustfmt::skip]
const GENERIC_AGENCIES: &[&str] = &[
    "وكالات", "الوكالات", "وكالات الأنباء", "متابعات", "خاص", "مراسلون", "رصد", "ترجمات",
    "وكالات ومواقع", "مواقع", "صحف", "مراسلنا", "وكالة", "agencies",
];

/// Datelines: Arab and world capitals, Arab cities and regions, and conventional
/// datelines (`عواصم`, `الأمم المتحدة`).
#[rustfmt::skip]
const PLACES: &[&str] = &[
    "عواصم", "العواصم", "الأمم المتحدة", "نيويورك", "واشنطن", "لندن", "باريس", "برلين", "موسكو",
    "روما", "مدريد", "بروكسل", "جنيف", "فيينا", "أثينا", "أنقرة", "إسطنبول", "اسطنبول", "طهران",
    "بكين", "طوكيو", "سيول", "نيودلهي", "إسلام آباد", "كابل", "كراتشي", "لاهور", "دكا", "جاكرتا",
    "كوالالمبور", "مانيلا", "بانكوك", "سنغافورة", "هونغ كونغ", "سيدني", "أوتاوا", "مونتريال",
    "تورونتو", "مكسيكو", "برازيليا", "ريو دي جانيرو", "بوينس آيرس", "كاراكاس", "هافانا",
    "لوس أنجلوس", "شيكاغو", "أتلانتا", "ميامي", "هيوستن", "سان فرانسيسكو", "بوسطن", "دافوس",
    "ستوكهولم", "أوسلو", "كوبنهاغن", "هلسنكي", "لاهاي", "أمستردام", "وارسو", "براغ", "بودابست",
    "بوخارست", "صوفيا", "بلغراد", "كييف", "مينسك", "تبليسي", "يريفان", "باكو", "نيقوسيا", "فاليتا",
    "لشبونة", "دبلن", "زيورخ", "ميونيخ", "فرانكفورت", "ستراسبورغ", "الفاتيكان", "أديس أبابا",
    "نيروبي", "مقديشو", "جيبوتي", "أسمرة", "كمبالا", "لاغوس", "أبوجا", "داكار", "باماكو", "نواكشوط",
    "جوهانسبرغ", "كيب تاون", "بريتوريا", "أبيدجان", "نجامينا", "نيامي", "القاهرة", "الإسكندرية",
    "الاسكندرية", "أسوان", "الأقصر", "بورسعيد", "السويس", "الإسماعيلية", "شرم الشيخ", "الغردقة",
    "العريش", "المنصورة", "طنطا", "أسيوط", "الجيزة", "سيناء", "الخرطوم", "أم درمان", "بورتسودان",
    "جوبا", "طرابلس", "بنغازي", "مصراتة", "سرت", "طبرق", "تونس", "صفاقس", "سوسة", "الجزائر",
    "وهران", "قسنطينة", "عنابة", "الرباط", "الدار البيضاء", "مراكش", "فاس", "طنجة", "أغادير",
    "مكناس", "وجدة", "العيون", "نواذيبو", "بيروت", "صيدا", "صور", "طرابلس", "جونيه", "بعلبك",
    "زحلة", "دمشق", "حلب", "حمص", "حماة", "اللاذقية", "طرطوس", "دير الزور", "الرقة", "إدلب", "درعا",
    "القامشلي", "الحسكة", "عفرين", "منبج", "عمان", "عمّان", "الزرقاء", "إربد", "العقبة", "القدس",
    "رام الله", "غزة", "نابلس", "الخليل", "بيت لحم", "جنين", "طولكرم", "قلقيلية", "أريحا", "رفح",
    "خان يونس", "تل أبيب", "حيفا", "يافا", "الناصرة", "بغداد", "البصرة", "الموصل", "أربيل", "كركوك",
    "النجف", "كربلاء", "السليمانية", "الفلوجة", "الرمادي", "تكريت", "الكويت", "مدينة الكويت",
    "المنامة", "الدوحة", "أبوظبي", "أبو ظبي", "دبي", "الشارقة", "عجمان", "رأس الخيمة", "الفجيرة",
    "العين", "مسقط", "صلالة", "صنعاء", "عدن", "تعز", "الحديدة", "مأرب", "المكلا", "حضرموت", "صعدة",
    "الرياض", "جدة", "مكة المكرمة", "مكة", "المدينة المنورة", "الدمام", "الخبر", "الظهران",
    "الطائف", "تبوك", "أبها", "جازان", "جيزان", "نجران", "حائل", "بريدة", "عنيزة", "القصيم",
    "الأحساء", "الهفوف", "القطيف", "الجبيل", "ينبع", "الباحة", "عرعر", "سكاكا", "الجوف",
    "خميس مشيط", "حفر الباطن", "القريات", "بيشة", "القنفذة", "الخرج", "المجمعة", "الدوادمي",
    "الزلفي", "رابغ", "تربة", "رغبة", "القويعية", "الليث", "محايل عسير", "عسير", "شرورة", "طريف",
    "رفحاء", "الوجه", "أملج", "ضباء", "العلا", "المذنب", "الرس", "البكيرية", "شقراء",
    "وادي الدواسر", "الأفلاج", "صبيا", "أبو عريش", "صامطة", "فرسان", "النماص", "بلجرشي", "المخواة",
    "الخرمة", "رنية", "تيماء", "الدرعية", "المنطقة الشرقية", "أضم", "السعودية",
    "المملكة العربية السعودية", "الإمارات", "الإمارات العربية المتحدة", "قطر", "البحرين", "عمان",
    "سلطنة عمان", "اليمن", "العراق", "سوريا", "سورية", "لبنان", "الأردن", "فلسطين", "مصر",
    "السودان", "ليبيا", "المغرب", "موريتانيا", "الصومال", "إيران", "تركيا", "الولايات المتحدة",
    "الولايات المتحدة الأمريكية", "الولايات المتحدة الأميركية", "بريطانيا", "المملكة المتحدة",
    "فرنسا", "ألمانيا", "روسيا", "الصين", "اليابان", "الهند", "باكستان", "أفغانستان", "إسرائيل",
    "الضفة الغربية", "قطاع غزة", "كردستان", "إقليم كردستان",
];

struct Vocab {
    names: HashMap<String, Entry>,
    generic_agencies: Vec<String>,
    places: std::collections::HashSet<String>,
    copyright: Vec<Vec<String>>,
    cookie: Vec<Vec<String>>,
    cookie_cues: std::collections::HashSet<String>,
    read_also: Vec<Vec<String>>,
    widgets: Vec<Vec<String>>,
    tags: Vec<Vec<String>>,
    ads: Vec<Vec<String>>,
    captions: Vec<Vec<String>>,
    weak_captions: Vec<Vec<String>>,
    buttons: std::collections::HashSet<String>,
    weak_buttons: std::collections::HashSet<String>,
    platforms: std::collections::HashSet<String>,
    follow_verbs: std::collections::HashSet<String>,
    follow_us: std::collections::HashSet<String>,
    labels: std::collections::HashSet<String>,
    publish_labels: std::collections::HashSet<String>,
    update_labels: std::collections::HashSet<String>,
    author_markers: std::collections::HashSet<String>,
    author_labels: std::collections::HashSet<String>,
    time_units: std::collections::HashSet<String>,
}

fn phrases(list: &[&str]) -> Vec<Vec<String>> {
    let mut v: Vec<Vec<String>> = list
        .iter()
        .map(|p| fold_words(p))
        .filter(|w| !w.is_empty())
        .collect();
    v.sort_by_key(|w| std::cmp::Reverse(w.len()));
    v
}

fn word_set(list: &[&str]) -> std::collections::HashSet<String> {
    list.iter().flat_map(|p| fold_words(p)).collect()
}

fn vocab() -> &'static Vocab {
    static V: OnceLock<Vocab> = OnceLock::new();
    V.get_or_init(|| {
        let mut names = HashMap::new();
        for (list, outlet) in [(AGENCIES, false), (OUTLETS, true)] {
            for &(canonical, aliases) in list {
                for a in aliases.iter().chain(std::iter::once(&canonical)) {
                    names
                        .entry(compact(a))
                        .or_insert(Entry { canonical, outlet });
                }
            }
        }
        let platforms = [
            "فيسبوك",
            "فيس بوك",
            "facebook",
            "تويتر",
            "twitter",
            "إكس",
            "تلغرام",
            "تليغرام",
            "تيليغرام",
            "تلجرام",
            "تليجرام",
            "تيليجرام",
            "telegram",
            "انستغرام",
            "إنستغرام",
            "انستجرام",
            "إنستجرام",
            "انستقرام",
            "instagram",
            "يوتيوب",
            "youtube",
            "واتساب",
            "واتس آب",
            "whatsapp",
            "سناب شات",
            "سناب",
            "snapchat",
            "تيك توك",
            "tiktok",
            "لينكد إن",
            "لينكدإن",
            "linkedin",
            "جوجل نيوز",
            "غوغل نيوز",
            "google",
            "news",
            "منصات",
            "التواصل",
            "الاجتماعي",
            "قناتنا",
            "قناة",
            "حساباتنا",
            "حسابنا",
            "صفحتنا",
            "صفحاتنا",
            "تطبيقنا",
            "تطبيق",
            "ماسنجر",
            "messenger",
            "بينترست",
            "النشرة",
            "البريدية",
            "نشرتنا",
            "x",
        ];
        Vocab {
            names,
            generic_agencies: GENERIC_AGENCIES.iter().map(|g| compact(g)).collect(),
            places: PLACES.iter().map(|p| compact(p)).collect(),
            copyright: phrases(&[
                "جميع الحقوق محفوظة",
                "كل الحقوق محفوظة",
                "الحقوق محفوظة",
                "حقوق النشر محفوظة",
                "حقوق الطبع محفوظة",
                "all rights reserved",
                "copyright",
            ]),
            cookie: phrases(&[
                "ملفات تعريف الارتباط",
                "ملفات الارتباط",
                "الكوكيز",
                "كوكيز",
                "cookies",
                "cookie",
            ]),
            // A notice addresses the reader: "we use", "this site", "you agree".
            cookie_cues: word_set(&[
                "نستخدم",
                "يستخدم",
                "موقعنا",
                "الموقع",
                "بمواصلة",
                "باستمرارك",
                "بمتابعتك",
                "باستخدامك",
                "موافق",
                "أوافق",
                "قبول",
                "توافق",
                "تجربتك",
                "سياسة",
                "we",
                "accept",
                "agree",
                "this",
                "site",
            ]),
            read_also: phrases(&[
                "اقرأ أيضا",
                "اقرأ أيضاً",
                "إقرأ أيضا",
                "اقرأ ايضا",
                "اقرأ كذلك",
                "اقرأ المزيد",
                "شاهد أيضا",
                "طالع أيضا",
                "طالع كذلك",
                "اقرأ أيضا في",
                "قد يهمك أيضا",
                "قد يعجبك أيضا",
                "read also",
                "read more",
                "see also",
                "للمزيد اقرأ",
            ]),
            widgets: phrases(&[
                "الأكثر قراءة",
                "الأكثر مشاهدة",
                "الأكثر تداولا",
                "الأكثر تعليقا",
                "الأكثر شعبية",
                "الأكثر مشاركة",
                "آخر الأخبار",
                "أحدث الأخبار",
                "أهم الأخبار",
                "أخبار ذات صلة",
                "مواضيع ذات صلة",
                "مقالات ذات صلة",
                "موضوعات ذات صلة",
                "روابط ذات صلة",
                "ذات صلة",
                "أخبار متعلقة",
                "مواضيع متعلقة",
                "مقالات متعلقة",
                "قد يعجبك",
                "قد يهمك",
                "اخترنا لك",
                "المزيد من الأخبار",
                "المزيد من",
                "أخبار مقترحة",
                "محتوى مقترح",
                "مختارات",
                "عاجل",
                "أخبار عاجلة",
                "شريط الأخبار",
                "التعليقات",
                "تعليقات",
                "أضف تعليقك",
                "أضف تعليقا",
                "اترك تعليقا",
                "most read",
                "related",
                "latest news",
                "more from",
                "popular",
                "trending",
                "أخبار أخرى",
                "اقرأ أيضا",
                "شاهد أيضا",
                "قصص ذات صلة",
                "قصص أخرى",
                "مقالات أخرى",
                "المزيد حول هذه القصة",
            ]),
            tags: phrases(&[
                "الكلمات الدالة",
                "الكلمات المفتاحية",
                "كلمات مفتاحية",
                "كلمات دالة",
                "كلمات دلالية",
                "الوسوم",
                "وسوم",
                "الأوسمة",
                "أوسمة",
                "كلمات البحث",
                "tags",
                "الموضوعات",
                "مواضيع",
                "هاشتاغ",
                "هاشتاج",
            ]),
            ads: phrases(&[
                "إعلان",
                "إعلانات",
                "اعلان",
                "advertisement",
                "ads",
                "محتوى مدفوع",
                "محتوى ممول",
                "إعلان ممول",
                "sponsored",
                "برعاية",
                "مساحة إعلانية",
                "إعلان تجاري",
            ]),
            captions: phrases(&[
                "صورة أرشيفية",
                "مصدر الصورة",
                "حقوق الصورة",
                "تعليق على الصورة",
                "image copyright",
                "image caption",
                "getty images",
                "photo credit",
            ]),
            weak_captions: phrases(&["الصورة", "صورة", "تصوير", "photo", "شاهد الفيديو"]),
            buttons: word_set(&[
                "شارك",
                "شاركوا",
                "شاركها",
                "شارك الخبر",
                "مشاركة",
                "المشاركة",
                "طباعة",
                "اطبع",
                "الطباعة",
                "أرسل",
                "إرسال",
                "ارسال",
                "لصديق",
                "صديق",
                "بالبريد",
                "البريد",
                "الإلكتروني",
                "إيميل",
                "حجم",
                "الخط",
                "تكبير",
                "تصغير",
                "نسخ",
                "انسخ",
                "الرابط",
                "رابط",
                "المختصر",
                "حفظ",
                "احفظ",
                "المفضلة",
                "تعليق",
                "تعليقات",
                "التعليقات",
                "أضف",
                "تعليقك",
                "استمع",
                "للمقال",
                "للخبر",
                "الخبر",
                "المقال",
                "المقالة",
                "الصفحة",
                "عبر",
                "على",
                "أو",
                "مع",
                "غرد",
                "تغريد",
                "share",
                "print",
                "email",
                "tweet",
                "copy",
                "link",
                "save",
                "comment",
                "comments",
                "font",
                "size",
                "a",
                "السابق",
                "التالي",
                "العودة",
                "للأعلى",
                "الأعلى",
                "المزيد",
                "عرض",
                "الكل",
                "موافق",
                "أوافق",
                "قبول",
                "رفض",
                "إغلاق",
                "اغلاق",
                "تم",
                "مشاركه",
                "pinterest",
                "reddit",
                "messenger",
                "ok",
                "هذه",
                "هذا",
                "الموضوع",
                "المحتوى",
                "نسخة",
                "للطباعة",
                "send",
                "by",
                "بالبريد",
            ]),
            weak_buttons: word_set(&[
                "عبر",
                "على",
                "أو",
                "مع",
                "a",
                "الخبر",
                "المقال",
                "المقالة",
                "الصفحة",
                "الكل",
                "تم",
                "x",
                "news",
                "google",
                "قناة",
                "تطبيق",
                "التواصل",
                "الاجتماعي",
                "منصات",
                "هذه",
                "هذا",
                "الموضوع",
                "المحتوى",
                "by",
            ]),
            platforms: word_set(&platforms),
            follow_verbs: word_set(&[
                "تابعونا",
                "تابعوا",
                "تابعنا",
                "تابعني",
                "تابعوني",
                "اتبعونا",
                "انضموا",
                "انضم",
                "اشترك",
                "اشتركوا",
                "حملوا",
                "حمّل",
                "لمتابعة",
                "للمتابعة",
                "follow",
                "join",
                "subscribe",
                "تابعو",
            ]),
            follow_us: word_set(&["تابعونا", "تابعنا", "تابعوني", "اتبعونا", "follow"]),
            labels: word_set(&[
                "نشر",
                "نشرت",
                "تم",
                "النشر",
                "في",
                "بتاريخ",
                "تاريخ",
                "التاريخ",
                "آخر",
                "اخر",
                "تحديث",
                "التحديث",
                "محدث",
                "حدث",
                "الساعة",
                "منذ",
                "يوم",
                "published",
                "updated",
                "update",
                "on",
                "at",
                "last",
                "date",
                "وقت",
                "بتوقيت",
                "توقيت",
                "م",
                "ص",
                "هـ",
                "الأحد",
                "الاثنين",
                "الإثنين",
                "الثلاثاء",
                "الأربعاء",
                "الخميس",
                "الجمعة",
                "السبت",
                "منشور",
                "أضيف",
                "اضيف",
                "بواسطة",
                "غرينتش",
                "مكة",
                "المكرمة",
                "gmt",
                "utc",
            ]),
            publish_labels: word_set(&[
                "نشر",
                "نشرت",
                "النشر",
                "published",
                "منشور",
                "أضيف",
                "اضيف",
            ]),
            update_labels: word_set(&["تحديث", "التحديث", "محدث", "updated", "update", "حدث"]),
            author_markers: word_set(&["بقلم", "بواسطة", "by"]),
            author_labels: word_set(&[
                "كتب",
                "كتبت",
                "إعداد",
                "اعداد",
                "تحرير",
                "تقرير",
                "الكاتب",
                "المحرر",
                "مراسل",
                "الكاتبة",
                "المراسل",
            ]),
            time_units: word_set(&[
                "ساعة",
                "ساعات",
                "ساعتين",
                "ساعتان",
                "دقيقة",
                "دقائق",
                "دقيقتين",
                "يوم",
                "أيام",
                "يومين",
                "أسبوع",
                "أسابيع",
                "أسبوعين",
                "شهر",
                "أشهر",
                "ثانية",
                "ثوان",
                "ثواني",
            ]),
        }
    })
}

/// A known agency or outlet by any of its names (punctuation and spacing ignored).
fn lookup_name(s: &str) -> Option<&'static Entry> {
    let mut c = compact(s);
    if c.is_empty() || c.chars().count() > 40 {
        return None;
    }
    let v = vocab();
    if let Some(e) = v.names.get(&c) {
        return Some(e);
    }
    // `وكالة رويترز`, `وكالة الأناضول`
    if let Some(rest) = c.strip_prefix("وكاله") {
        c = rest.to_string();
        return v.names.get(&c);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(s: &str) -> Tag {
        parse_tag(s, false).unwrap_or_else(|| panic!("no tag in {s:?}"))
    }

    #[test]
    fn tags_inline() {
        let t = tag("رام الله - وفا: أعلنت الوزارة اليوم أن الاجتماع سيعقد غدا في المقر.");
        assert_eq!(
            (t.place.as_deref(), t.agency.as_deref()),
            (Some("رام الله"), Some("وفا"))
        );
        assert_eq!(t.raw, "رام الله - وفا:");
        assert_eq!(t.outlet, Some("وكالة الأنباء الفلسطينية (وفا)"));
        let t =
            tag("القاهرة - (رويترز) - قال مسؤول كبير إن الحكومة ستعلن خطة جديدة الأسبوع المقبل.");
        assert_eq!(
            (t.place.as_deref(), t.agency.as_deref()),
            (Some("القاهرة"), Some("رويترز"))
        );
        assert_eq!(t.raw, "القاهرة - (رويترز) -");
        let t = tag("بيروت (أ ف ب) - أعلن الجيش اللبناني اليوم عن توقيف مجموعة من المطلوبين.");
        assert_eq!(
            (t.place.as_deref(), t.outlet),
            (Some("بيروت"), Some("فرانس برس"))
        );
        let t = tag(
            "دبي، الإمارات العربية المتحدة (CNN)-- سيحصل عشاق السينما في المملكة على فرصة ذهبية.",
        );
        assert_eq!(t.place.as_deref(), Some("دبي، الإمارات العربية المتحدة"));
        assert_eq!(
            (t.agency.as_deref(), t.outlet),
            (Some("CNN"), Some("CNN بالعربية"))
        );
        let t = tag("الرياض - واس أعلنت وزارة الصحة اليوم تسجيل حالات جديدة في عدد من المناطق.");
        assert_eq!(
            (t.place.as_deref(), t.agency.as_deref()),
            (Some("الرياض"), Some("واس"))
        );
        let t = tag("عوض الفهمي- سبق- أضم: أعلنت جمعية البر الخيرية تأجيل الزواج الجماعي.");
        assert_eq!(t.place.as_deref(), Some("أضم"));
        assert_eq!(t.author.as_deref(), Some("عوض الفهمي"));
        let t = tag(
            "بريدة 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس يواصل مهرجان تمور بريدة فعالياته.",
        );
        assert_eq!(
            (t.place.as_deref(), t.agency.as_deref()),
            (Some("بريدة"), Some("واس"))
        );
        assert_eq!(t.date.unwrap().iso(), "2015-08-10");
    }

    #[test]
    fn tags_standalone() {
        let t = parse_tag("لندن: رنيم حنوش", true).unwrap();
        assert!(t.standalone);
        assert_eq!(
            (t.place.as_deref(), t.author.as_deref()),
            (Some("لندن"), Some("رنيم حنوش"))
        );
        let t = parse_tag("عواصم - وكالات", true).unwrap();
        assert_eq!(
            (t.place.as_deref(), t.agency.as_deref(), t.outlet),
            (Some("عواصم"), Some("وكالات"), None)
        );
        let t = parse_tag("دبي - سكاي نيوز عربية", true).unwrap();
        assert_eq!(t.outlet, Some("سكاي نيوز عربية"));
        let t = parse_tag("لندن: رنيم حنوش", false).unwrap();
        assert!(!t.standalone);
    }

    #[test]
    fn not_tags() {
        for s in [
            "وقال المتحدث: إن الوزارة ستعلن النتائج قريبا.",
            "الرئيس الأمريكي - في تصريح مثير - قال إن بلاده لن تتراجع.",
            "أصدر الرئيس عبدربه منصور هادي رئيس الجمهورية اليمنية، اليوم (الاثنين)، قراراً.",
            "وأضاف: \"نحن مستعدون\".",
        ] {
            assert!(parse_tag(s, false).is_none(), "{s}");
        }
    }
}
