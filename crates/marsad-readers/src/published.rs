//! Publication times: from a [`ParsedDate`] (or a raw field) to the article
//! model's [`Published`].

use marsad_article::{Calendar, DatePrecision, Published};
use marsad_text::dates::{self, ParsedDate};

/// Build a [`Published`] from a parsed date and the string it was read from.
///
/// Precision is [`DatePrecision::Datetime`] when both the time of day and the UTC
/// offset are known, [`DatePrecision::Local`] for a time without offset, and
/// [`DatePrecision::Date`] otherwise. Hijri dates keep `calendar: hijri` and get
/// the converted Gregorian value.
pub fn published_from(p: &ParsedDate, raw: &str) -> Published {
    let precision = match (p.time, p.offset_minutes) {
        (Some(_), Some(_)) => DatePrecision::Datetime,
        (Some(_), None) => DatePrecision::Local,
        (None, _) => DatePrecision::Date,
    };
    let calendar = match p.calendar {
        dates::Calendar::Gregorian => Calendar::Gregorian,
        dates::Calendar::Hijri => Calendar::Hijri,
    };
    Published {
        value: p.iso(),
        precision,
        calendar,
        raw: raw.to_string(),
    }
}

/// Read a publication-time field (`time`, `date`, `pubDate`, ...). The whole
/// string should be a date expression; failing that, the first date found in it
/// is used (e.g. `الرياض - الرياضية | Tuesday, 11 August 2015 - 16:10 pm`).
/// `raw` of the result is the trimmed field.
pub fn parse_published(raw: &str) -> Option<Published> {
    let raw = raw.trim();
    let parsed = dates::parse_date(raw).or_else(|| dates::find_date(raw).map(|(_, _, d)| d))?;
    Some(published_from(&parsed, raw))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_and_calendar() {
        let p = parse_published("Sun, 18 Feb 2018 20:50:44 GMT").unwrap();
        assert_eq!(p.value, "2018-02-18T20:50:44+00:00");
        assert_eq!(p.precision, DatePrecision::Datetime);
        assert_eq!(p.calendar, Calendar::Gregorian);
        assert_eq!(p.raw, "Sun, 18 Feb 2018 20:50:44 GMT");

        let p = parse_published(" 2015-07-21 02:51:32 ").unwrap();
        assert_eq!(p.value, "2015-07-21T02:51:32");
        assert_eq!(p.precision, DatePrecision::Local);
        assert_eq!(p.raw, "2015-07-21 02:51:32");

        let p = parse_published("25 شوال 1436 هـ").unwrap();
        assert_eq!(p.value, "2015-08-10");
        assert_eq!(p.precision, DatePrecision::Date);
        assert_eq!(p.calendar, Calendar::Hijri);

        let p = parse_published("الرياض - الرياضية | Tuesday, 11 August 2015 - 16:10 pm").unwrap();
        assert_eq!(p.value, "2015-08-11T16:10:00");

        assert!(parse_published("").is_none());
        assert!(parse_published("غدا").is_none());
    }
}
