//! Shared helpers for the fuzz targets: cheap invariant checks on what the
//! readers and the pipeline return.

use marsad_article::{Article, Span};
use marsad_readers::{RawArticle, RecordError};

/// The location every in-memory target reports.
pub fn location() -> marsad_readers::Location {
    marsad_readers::Location {
        path: "fuzz".into(),
        ..Default::default()
    }
}

/// A reader's article: nothing to check beyond "no panic", but touch every field
/// so that nothing is optimised away.
pub fn check_raw(r: &Result<RawArticle, RecordError>) {
    match r {
        Ok(a) => {
            assert!(!a.format.is_empty());
            for p in &a.body {
                std::hint::black_box(p.text.len());
            }
        }
        Err(e) => {
            std::hint::black_box(e.to_string());
        }
    }
}

fn check_span(what: &str, s: Span, len: usize) {
    assert!(
        s.start <= s.end && s.end <= len,
        "{what} span {}..{} outside the text (length {len})",
        s.start,
        s.end
    );
}

/// Every standoff annotation lies inside the text (code points), start <= end;
/// entity mention indices are valid; the origin map stays inside the text.
pub fn check_article(a: &Article) {
    let len = a.text.chars().count();
    for s in &a.paragraphs {
        check_span("paragraph", *s, len);
    }
    for s in &a.sentences {
        check_span("sentence", *s, len);
    }
    for m in &a.mentions {
        check_span("mention", m.span, len);
    }
    for e in &a.entities {
        for &i in &e.mentions {
            assert!(i < a.mentions.len(), "entity {} names mention {i}", e.id);
        }
        for r in &e.roles {
            check_span("role", r.span, len);
        }
    }
    for q in &a.quotes {
        check_span("quote", q.span, len);
        if let Some(s) = q.attribution {
            check_span("attribution", s, len);
        }
    }
    for e in &a.events {
        check_span("event", e.span, len);
    }
    if let Some(s) = a.dateline.as_ref().and_then(|d| d.span) {
        check_span("dateline", s, len);
    }
    for o in &a.origin {
        assert!(
            o.text_start + o.len <= len,
            "origin piece {o:?} outside the text (length {len})"
        );
    }
}
