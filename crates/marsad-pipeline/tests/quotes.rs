//! Quotations on real articles (ANT multi-source sample, SaudiNewsNet sample and the
//! committed SPA sample): direct and indirect quotes, named, institutional and
//! continued speakers, titles that are not statements, unclosed, nested and
//! multi-paragraph quotes.

mod common;

use common::*;
use marsad_article::{Article, Quote};

fn quote_with<'a>(a: &'a Article, words: &str) -> &'a Quote {
    a.quotes
        .iter()
        .find(|q| a.slice(q.span).contains(words))
        .unwrap_or_else(|| {
            let all: Vec<&str> = a.quotes.iter().map(|q| a.slice(q.span)).collect();
            panic!("no quote with {words}: {all:#?}")
        })
}

fn entity_name<'a>(a: &'a Article, q: &Quote) -> Option<&'a str> {
    let id = q.speaker_entity.as_ref()?;
    a.entities
        .iter()
        .find(|e| &e.id == id)
        .map(|e| e.name.as_str())
}

#[test]
fn direct_named_and_institutional_speakers() {
    let Some(arts) = ant() else { return };
    // BBC: «وقال الرئيس سيريل رامافوزا في بيان: "السيد سام نزيما كان فريدا …"»
    let a = by_url(arts, "world-44105442");
    let q = quote_with(a, "السيد سام نزيما كان فريدا");
    assert_eq!(q.kind, "direct");
    assert_eq!(q.verb.as_deref(), Some("قال"));
    assert_eq!(entity_name(a, q), Some("سيريل رامافوزا"));
    // The attribution covers verb, speaker and quote.
    let att = a.slice(q.attribution.unwrap());
    assert!(
        att.starts_with("وقال الرئيس") || att.starts_with("قال الرئيس"),
        "{att}"
    );
    // «وقال حزب المؤتمر الوطني الحاكم في جنوب أفريقيا إن "صورة نزيما …"»: an organization.
    let q = quote_with(a, "صورة نزيما الرمزية");
    assert!(q.flags.iter().any(|f| f == "institutional"), "{q:?}");
    // Indirect: «وأعلنت رئاسة جنوب أفريقيا الأحد أن نزيما توفي …»
    let q = quote_with(a, "نزيما توفي في إحدى المستشفيات");
    assert_eq!(q.kind, "indirect");
    assert_eq!(q.verb.as_deref(), Some("أعلن"));
    assert!(
        q.speaker
            .as_deref()
            .is_some_and(|s| s.contains("رئاسة جنوب أفريقيا")),
        "{q:?}"
    );
    assert!(!a.slice(q.span).starts_with("أن"));
}

#[test]
fn implicit_subjects_continue_and_titles_are_not_statements() {
    let Some(arts) = ant() else { return };
    // BBC: «وأبدت جنيفر لورانس استيائها …» then «وأضافت:"لا أعرف حقا …"».
    let a = by_url(arts, "art-and-culture-43150301");
    let q = quote_with(a, "لا أعرف حقا من أين أبدأ");
    assert_eq!(q.verb.as_deref(), Some("أضاف"));
    assert!(q.flags.iter().any(|f| f == "continued"));
    assert_eq!(entity_name(a, q), Some("جنيفر لورانس"));
    // «لفيلمها الجديد "رد سبارو"» is a title.
    assert!(a.quotes.iter().all(|q| a.slice(q.span) != "رد سبارو"));
    // «وقالت جنيفر إن الجدل حول "الأمور السخيفة" …» is one indirect statement.
    let q = quote_with(a, "الجدل حول");
    assert_eq!(q.kind, "indirect");
    assert_eq!(entity_name(a, q), Some("جنيفر لورانس"));
}

#[test]
fn a_name_in_apposition_speaks_and_verbs_agree_with_their_speaker() {
    let Some(arts) = ant() else { return };
    // BBC: «وقالت المتحدثة باسم الخارجية الروسية، ماريا زاكاروفا، إن …» then
    // «وأضافت "إنها حملة تقليدية …"»: the name after the role speaks, and goes on.
    let a = by_url(arts, "world-43329276");
    let q = quote_with(a, "وسائل الإعلام الأجنبية استغلت");
    assert_eq!(entity_name(a, q), Some("ماريا زاكاروفا"));
    let q = quote_with(a, "إنها حملة تقليدية");
    assert_eq!(entity_name(a, q), Some("ماريا زاكاروفا"));
    // «أفادت عائلة عالم الفيزياء الراحل، ستيفن هوكينغ، أن …»: the family speaks.
    let a = by_url(arts, "science-and-tech-44486155");
    let q = quote_with(a, "كلمة له سترسل إلى الفضاء");
    assert_eq!(entity_name(a, q), None);
    // Sky News Arabia: «وأوضحت وزارة التربية، لفرانس برس، أنها …»: said to AFP.
    let a = by_url(arts, "1063833");
    let q = quote_with(a, "ستأمر الإدارات الإقليمية");
    assert!(
        q.speaker
            .as_deref()
            .is_some_and(|s| s.contains("وزارة التربية")),
        "{q:?}"
    );
    // BBC: after Trump threatened tariffs, «قالت إنها قد تفرض …» is not his (the
    // feminine verb has another subject).
    let a = by_url(arts, "world-44914235");
    let q = quote_with(a, "قد تفرض عليها رسوما");
    assert_ne!(entity_name(a, q), Some("دونالد ترامب"));
    // BBC: «ووصفت كونستاند … في بيان لها، وقالت "…"»: the verb joined by `و` shares
    // the sentence's subject; «أشاد المحامي كيفين ستيل بكونستاند قائلاً "…"»: the name
    // behind `ب` is whom he praised.
    let a = by_url(arts, "art-and-culture-45647949");
    let q = quote_with(a, "عليكم أن تعرفوا كيف كانت حياتي");
    assert_eq!(entity_name(a, q), Some("أندريا كونستاند"));
    let q = quote_with(a, "نحن جميعاً أفضل حالاً");
    assert_eq!(entity_name(a, q), Some("كيفين ستيل"));
    // Present-tense verbs and `تعهد`: «وتقول هيومن رايتس ووتش إن … وتضيف أن معتقلين
    // سابقين تحدثوا …»; «وتعهد كوتسيس بأن "تعمل السفارة …"».
    let a = by_url(arts, "middleeast-45638939");
    let q = quote_with(a, "معتقلين سابقين تحدثوا");
    assert_eq!(q.verb.as_deref(), Some("أضاف"));
    assert!(
        q.speaker
            .as_deref()
            .is_some_and(|s| s.contains("هيومن رايتس")),
        "{q:?}"
    );
    let a = by_url(arts, "middleeast-44719965");
    let q = quote_with(a, "تعمل السفارة الأمريكية بكل طاقتها");
    assert_eq!(q.verb.as_deref(), Some("تعهد"));
    // «وقال المتحدث باسم الرئيس الفلسطيني محمود عباس»: the spokesman speaks.
    let a = by_url(arts, "middleeast-45386289");
    let q = a
        .quotes
        .iter()
        .find(|q| {
            q.speaker
                .as_deref()
                .is_some_and(|s| s.contains("المتحدث باسم الرئيس"))
        })
        .expect("the spokesman's statement");
    assert_eq!(q.speaker_entity, None);
}

#[test]
fn reported_speech_with_participles_and_roles() {
    // SPA: «وأوضح المتحدث باسم الخارجية المصرية المستشار أحمد أبو زيد … أن الجانبين
    // المصري والروسي بحثا …، مشيرًا إلى أن لافروف أطلع شكري …» then «وأشار المتحدث إلى أن …».
    let a = &sample_article();
    let first = quote_with(a, "الجانبين المصري والروسي بحثا");
    assert_eq!(first.kind, "indirect");
    assert_eq!(entity_name(a, first), Some("أحمد أبو زيد"));
    // The participle clause is a statement of its own, by the same speaker.
    assert!(!a.slice(first.span).contains("لافروف أطلع"));
    let part = quote_with(a, "لافروف أطلع شكري");
    assert_eq!(part.verb.as_deref(), Some("أشار"));
    assert_eq!(part.speaker_entity, first.speaker_entity);
    // «وأشار المتحدث» refers back to the spokesman by his role.
    let last = quote_with(a, "الاتصال بين شكري وكيري");
    assert_eq!(last.speaker_entity, first.speaker_entity);
}

#[test]
fn unclosed_nested_and_multi_paragraph_quotes() {
    let Some(snn) = snn() else { return };
    // al-Madina closes with the opening mark: «وقال « المكان يعكس … الأهالي «،».
    let a = by_url(snn, "node/620128");
    let q = quote_with(a, "المكان يعكس الماضي الجميل");
    assert!(
        q.flags.iter().all(|f| f != "unclosed" && f != "nested"),
        "{q:?}"
    );
    assert!(
        a.slice(q.span).trim_end().ends_with("الأهالي"),
        "{:?}",
        a.slice(q.span)
    );
    // Asharq al-Awsat quotes a statement over two paragraphs.
    let multi = snn
        .iter()
        .flat_map(|a| a.quotes.iter().map(move |q| (a, q)))
        .find(|(_, q)| q.flags.iter().any(|f| f == "multi-paragraph"))
        .expect("a multi-paragraph quote");
    assert!(multi.0.slice(multi.1.span).contains('\n'));
    let Some(ant) = ant() else { return };
    // BBC: «أكدت إحصائية جديدة أن " حوالي 43 في المئة …» never closes.
    let a = by_url(ant, "art-and-culture-44529372");
    let q = quote_with(a, "حوالي 43 في المئة");
    assert!(q.flags.iter().any(|f| f == "unclosed"), "{q:?}");
    // Nested quotes exist and carry their outer quote's speaker.
    let (a, nested) = ant
        .iter()
        .chain(snn.iter())
        .flat_map(|a| a.quotes.iter().map(move |q| (a, q)))
        .find(|(_, q)| q.flags.iter().any(|f| f == "nested"))
        .expect("a nested quote");
    let outer = a
        .quotes
        .iter()
        .find(|o| {
            !o.flags.iter().any(|f| f == "nested")
                && o.span.start <= nested.span.start
                && nested.span.end <= o.span.end
        })
        .expect("its outer quote");
    assert_eq!(outer.speaker, nested.speaker);
}

#[test]
fn quotes_are_well_formed_on_the_whole_samples() {
    let (Some(ant), Some(snn)) = (ant(), snn()) else {
        return;
    };
    let mut n = 0;
    let mut with_speaker = 0;
    for a in ant.iter().chain(snn.iter()) {
        let len = a.char_len();
        for q in &a.quotes {
            n += 1;
            assert!(q.span.start < q.span.end && q.span.end <= len, "{q:?}");
            if let Some(att) = q.attribution {
                assert!(att.start <= q.span.start && q.span.end <= att.end, "{q:?}");
            }
            if let Some(id) = &q.speaker_entity {
                assert!(a.entities.iter().any(|e| &e.id == id));
            }
            with_speaker += (q.speaker.is_some() || q.speaker_entity.is_some()) as usize;
        }
    }
    assert!(n > 10_000, "{n}");
    // Speakers are left out when carrying one over would be a guess; most quotes
    // still have one.
    assert!(
        with_speaker * 100 >= n * 75,
        "{with_speaker}/{n} quotes have a speaker"
    );
}
