//! CAMEO events on real articles (ANT multi-source sample and the committed SPA
//! sample): each family, actors with country+agent codes, negation and future flags,
//! dates from relative expressions.

mod common;

use common::*;
use marsad_article::{Article, Event};

fn event<'a>(a: &'a Article, code: &str, trigger: &str) -> &'a Event {
    a.events
        .iter()
        .find(|e| e.code == code && a.slice(e.span).contains(trigger))
        .unwrap_or_else(|| {
            let all: Vec<(String, &str)> = a
                .events
                .iter()
                .map(|e| (e.code.clone(), a.slice(e.span)))
                .collect();
            panic!("no {code} event on {trigger}: {all:?}")
        })
}

#[test]
fn phone_call_with_caller_receiver_and_date() {
    // SPA: «تلقى وزير الخارجية المصري سامح شكري اتصالين هاتفيين اليوم من وزير الخارجية
    // الروسي سيرجي لافروف»
    let a = &sample_article();
    let e = event(a, "041", "اتصالين هاتفيين");
    assert_eq!(e.actor_text.as_deref(), Some("سيرجي لافروف"));
    assert_eq!(e.actor_code.as_deref(), Some("RUSGOV"));
    assert_eq!(e.target_text.as_deref(), Some("سامح شكري"));
    assert_eq!(e.target_code.as_deref(), Some("EGYGOV"));
    assert_eq!((e.root_code.as_str(), e.quad_class), ("04", 1));
    assert!((e.goldstein - 1.0).abs() < 1e-6);
    // «اليوم» resolves to the publication day.
    assert_eq!(e.date.as_deref(), Some("2015-08-10"));
    assert_eq!(e.date_how.as_deref(), Some("today"));
}

#[test]
fn families_on_real_articles() {
    let Some(arts) = ant() else { return };
    // Sanctions: «وقررت واشنطن إعادة فرض عقوبات صارمة على إيران»
    let a = by_url(arts, "business-44148979");
    let e = event(a, "163", "فرض عقوبات");
    assert_eq!(e.actor_code.as_deref(), Some("USA"));
    assert_eq!(e.target_code.as_deref(), Some("IRN"));
    assert_eq!(e.quad_class, 4);
    // Arrest: «اعتقلت الولايات المتحدة 74 شخصا»
    let a = by_url(arts, "business-44447404");
    let e = event(a, "173", "اعتقلت");
    assert_eq!(e.actor_code.as_deref(), Some("USA"));
    // Protest: «وحرق متظاهرون السيارات وهاجموا دور السينما»
    let a = by_url(arts, "art-and-culture-42821564");
    let e = event(a, "141", "متظاهرون");
    assert_eq!(e.actor_code.as_deref(), Some("CVL"));
    // Talks: «أجرى محادثات غير مسبوقة مع كيم جونغ أون»
    let a = by_url(arts, "world-43339696");
    let e = event(a, "046", "محادثات");
    assert_eq!(e.target_text.as_deref(), Some("كيم جونغ أون"));
    // A future meeting: «سيجتمع مع كيم جونغ أون» is flagged, not reported as done.
    let e = event(a, "040", "سيجتمع");
    assert!(e.flags.iter().any(|f| f == "future"), "{e:?}");
    // Bombing dated by «مساء الجمعة» in a Saturday article: the day before.
    let a = by_url(arts, "world-43182168");
    let e = event(a, "183", "التفجير");
    assert_eq!(e.date.as_deref(), Some("2018-02-23"));
    assert_eq!(e.date_how.as_deref(), Some("weekday-on-or-before"));
    // Negation: «لم يكن مداهمة» is not a raid.
    let a = by_url(arts, "world-43976639");
    let e = event(a, "171", "مداهمة");
    assert!(e.flags.iter().any(|f| f == "negated"), "{e:?}");
}

#[test]
fn events_are_well_formed_on_the_whole_sample() {
    let Some(arts) = ant() else { return };
    let mut n = 0;
    let mut roots = std::collections::BTreeSet::new();
    for a in arts {
        for e in &a.events {
            n += 1;
            assert!(e.span.start < e.span.end && e.span.end <= a.char_len());
            assert!(e.code.starts_with(&e.base_code) && e.base_code.starts_with(&e.root_code));
            assert!((1..=4).contains(&e.quad_class));
            assert!((-10.0..=10.0).contains(&e.goldstein));
            if let Some(d) = &e.date {
                assert!(matches!(d.len(), 4 | 7 | 10), "{d}");
            }
            roots.insert(e.root_code.clone());
        }
    }
    assert!(n > 5_000, "{n}");
    // Every family of the lexicon occurs in real news.
    for r in [
        "02", "04", "05", "11", "12", "13", "14", "16", "17", "18", "19",
    ] {
        assert!(roots.contains(r), "no event with root {r}");
    }
}
