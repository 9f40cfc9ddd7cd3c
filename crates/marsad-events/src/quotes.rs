//! Quotations and their speakers.
//!
//! - **Direct**: words inside « », “ ”, ‹ › or straight quotes, attributed by a speech
//!   verb before them (`وقال فلان: «…»`, `وأضاف: «…»`) or after them (`«…»، قال فلان`).
//!   Quotes may span paragraphs; a quote never closed ends at its paragraph's end
//!   (`unclosed`); quotes inside quotes are `nested`. Quoted words without any
//!   attribution are titles, names or scare quotes (`فيلم "رد سبارو"`), not
//!   statements, and are left out.
//! - **Indirect**: speech verb + subject + إن/أن/بأن + clause (`أكد الوزير أن …`); the
//!   clause up to the sentence end is the quote. `بحسب/وفقا لـ/نقلا عن X` attribute
//!   the words before them to X.
//! - **Speakers**: the named entity (or `role` mention) between the verb and the quote;
//!   `نقل … عن X` gives X (flag `via`); an organization is an `institutional`
//!   speaker; no subject at all (`وأضاف أن`, `مضيفا أن`) continues the previous
//!   speaker (`continued`); otherwise the subject as written (`مصدر مسؤول`).

use marsad_article::{Article, Quote, Span};
use marsad_text::key::word_key;
use marsad_text::{tokenize, Token, TokenKind};

/// Speech verbs: search-normalized past forms (masculine; the feminine adds `ت`,
/// plurals `وا`/`ا`) and present forms → lemma.
const VERBS: &[(&str, &str)] = &[
    ("قال", "قال"),
    ("يقول", "قال"),
    ("تقول", "قال"),
    ("اكد", "أكد"),
    ("يوكد", "أكد"),
    ("توكد", "أكد"),
    ("اضاف", "أضاف"),
    ("اوضح", "أوضح"),
    ("شدد", "شدد"),
    ("اشار", "أشار"),
    ("صرح", "صرح"),
    ("اعلن", "أعلن"),
    ("اعتبر", "اعتبر"),
    ("نفي", "نفى"),
    ("حذر", "حذر"),
    ("دعا", "دعا"),
    ("غرد", "غرد"),
    ("كتب", "كتب"),
    ("تابع", "تابع"),
    ("لفت", "لفت"),
    ("ذكر", "ذكر"),
    ("اعرب", "أعرب"),
    ("اكدت", "أكد"),
    ("راي", "رأى"),
    ("اتهم", "اتهم"),
    ("زعم", "زعم"),
    ("ادعي", "ادعى"),
    ("نقل", "نقل"),
    ("افاد", "أفاد"),
    ("اعترف", "اعترف"),
    ("طالب", "طالب"),
    ("ناشد", "ناشد"),
    ("هدد", "هدد"),
    ("توقع", "توقع"),
    ("استطرد", "استطرد"),
    ("اردف", "أردف"),
    ("علق", "علق"),
    ("اجاب", "أجاب"),
    ("رد", "رد"),
    ("تساءل", "تساءل"),
    ("تسال", "تساءل"),
    ("تحدث", "تحدث"),
    ("كشف", "كشف"),
    ("تعهد", "تعهد"),
    // Present forms (`ويضيف`, `وتضيف`). Not `يذكر` (`يذكر أن` is "it is worth noting"),
    // `يدعى` (is called), `يتوقع`/`يعتبر` (mostly passive: it is expected, considered).
    ("يضيف", "أضاف"),
    ("تضيف", "أضاف"),
    ("يوضح", "أوضح"),
    ("توضح", "أوضح"),
    ("يشدد", "شدد"),
    ("تشدد", "شدد"),
    ("يشير", "أشار"),
    ("تشير", "أشار"),
    ("يعلن", "أعلن"),
    ("تعلن", "أعلن"),
    ("ينفي", "نفى"),
    ("تنفي", "نفى"),
    ("يحذر", "حذر"),
    ("تحذر", "حذر"),
    ("يتابع", "تابع"),
    ("تتابع", "تابع"),
    ("يري", "رأى"),
    ("تري", "رأى"),
    ("يتهم", "اتهم"),
    ("تتهم", "اتهم"),
    ("يزعم", "زعم"),
    ("تزعم", "زعم"),
    ("يعترف", "اعترف"),
    ("تعترف", "اعترف"),
    ("يردف", "أردف"),
    ("تردف", "أردف"),
    ("يتساءل", "تساءل"),
    ("تتساءل", "تساءل"),
    ("يتسال", "تساءل"),
    ("تتسال", "تساءل"),
    ("يكشف", "كشف"),
    ("تكشف", "كشف"),
    ("يتعهد", "تعهد"),
    ("تتعهد", "تعهد"),
];

/// Participles that continue the sentence's speaker (`…، مضيفا أن …`).
const PARTICIPLES: &[(&str, &str)] = &[
    ("مضيفا", "أضاف"),
    ("مضيفه", "أضاف"),
    ("موكدا", "أكد"),
    ("موكده", "أكد"),
    ("مشيرا", "أشار"),
    ("مشيره", "أشار"),
    ("موضحا", "أوضح"),
    ("موضحه", "أوضح"),
    ("معتبرا", "اعتبر"),
    ("معتبره", "اعتبر"),
    ("محذرا", "حذر"),
    ("محذره", "حذر"),
    ("لافتا", "لفت"),
    ("لافته", "لفت"),
    ("مشددا", "شدد"),
    ("مشدده", "شدد"),
    ("متابعا", "تابع"),
    ("قائلا", "قال"),
    ("قايلا", "قال"),
    ("قايله", "قال"),
];

/// Nouns before quoted words that make them a title, not a statement.
const TITLE_NOUNS: &[&str] = &[
    "فيلم",
    "كتاب",
    "روايه",
    "مسلسل",
    "برنامج",
    "عمليه",
    "مبادره",
    "حمله",
    "مشروع",
    "شعار",
    "هاشتاغ",
    "هاشتاج",
    "وسم",
    "صحيفه",
    "مجله",
    "قناه",
    "موقع",
    "تطبيق",
    "اغنيه",
    "لقب",
    "اسم",
    "عنوان",
    "مهرجان",
    "موتمر",
    "منتدي",
    "قمه",
    "جايزه",
    "مسابقه",
    "مقال",
    "قصيده",
    "فيلمها",
    "فيلمه",
    "كتابه",
    "مسرحيه",
    "معرض",
    "تحت",
    "بعنوان",
    "المسمي",
    "المسماه",
    "يدعي",
    "تدعي",
    "منظمه",
    "جمعيه",
    "حزب",
    "حركه",
    "تنظيم",
    "شركه",
    "مصطلح",
    "كلمه",
    "عباره",
    "وصف",
];

/// The lemma of a speech verb (`وقالت` → `قال`, `مضيفا` → `أضاف`), and whether it is a
/// participle continuing the subject of its sentence.
pub fn speech_verb(word: &str) -> Option<(&'static str, bool)> {
    // Called on every word: a cheap test on the raw letters first.
    if word.chars().count() < 2 || !word.chars().any(marsad_text::chars::is_arabic_letter) {
        return None;
    }
    let k = word_key(word);
    let table = verb_table();
    let mut forms: [&str; 3] = [&k, "", ""];
    for (i, p) in ["و", "ف"].iter().enumerate() {
        if let Some(rest) = k.strip_prefix(p) {
            forms[i + 1] = rest;
        }
    }
    for f in forms.iter().filter(|f| !f.is_empty()) {
        if let Some(&hit) = table.get(f) {
            return Some(hit);
        }
        for suffix in ["ت", "وا", "ا"] {
            if let Some(stem) = f.strip_suffix(suffix) {
                if let Some(&(lemma, false)) = table.get(stem) {
                    return Some((lemma, false));
                }
            }
        }
    }
    None
}

/// Verb and participle forms → (lemma, is a participle).
fn verb_table() -> &'static std::collections::HashMap<&'static str, (&'static str, bool)> {
    static T: std::sync::OnceLock<std::collections::HashMap<&'static str, (&'static str, bool)>> =
        std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut m = std::collections::HashMap::new();
        for &(form, lemma) in VERBS {
            m.entry(form).or_insert((lemma, false));
        }
        for &(form, lemma) in PARTICIPLES {
            m.entry(form).or_insert((lemma, true));
        }
        m
    })
}

/// Complementizers introducing a reported clause; the bool says a pronoun is attached.
fn complementizer(word: &str) -> Option<bool> {
    let k = word_key(word);
    match k.as_str() {
        "ان" | "بان" | "وان" => Some(false),
        _ => {
            let base = k.strip_prefix('ب').unwrap_or(&k);
            let pron = ["ه", "ها", "هم", "هما", "هن", "ني", "نا", "كم"];
            base.strip_prefix("ان")
                .filter(|rest| pron.contains(rest))
                .map(|_| true)
        }
    }
}

const OPENERS: &[(char, char)] = &[('«', '»'), ('“', '”'), ('‹', '›'), ('"', '"'), ('„', '“')];

/// A span of quoted words found by the mark scanner (code points).
#[derive(Debug, Clone, PartialEq)]
struct Marked {
    open: usize,
    start: usize,
    end: usize,
    close: usize,
    depth: usize,
    flags: Vec<&'static str>,
}

/// Pair quotation marks paragraph by paragraph: a stack for the directional pairs,
/// straight quotes toggle. A quote left open at a paragraph's end continues when its
/// closing mark comes in one of the next three paragraphs (which may reopen with the
/// same mark, as typesetting does); otherwise it ends at its paragraph (`unclosed`).
fn marked_quotes(chars: &[char], paragraphs: &[Span]) -> Vec<Marked> {
    let n = chars.len();
    let mut out = Vec::new();
    let mut p = 0;
    while p < paragraphs.len() {
        let mut stack: Vec<(char, usize)> = Vec::new();
        let mut i = paragraphs[p].start.min(n);
        let mut end = paragraphs[p].end.min(n);
        loop {
            while i < end {
                let c = chars[i];
                // Some sites close with the opening mark (`… الأهالي «،`): an opener
                // while the same one is open, followed by punctuation or the
                // paragraph end, closes it.
                let reclose = stack.last().is_some_and(|&(o, _)| o == c)
                    && chars[i + 1..end]
                        .iter()
                        .find(|x| !x.is_whitespace())
                        .is_none_or(|x| {
                            matches!(x, '،' | ',' | '.' | '؛' | ';' | ':' | '!' | '؟' | '?')
                        });
                if reclose || stack.last().is_some_and(|&(o, _)| closer_of(o) == Some(c)) {
                    let (_, at) = stack.pop().expect("non-empty");
                    let mut flags = Vec::new();
                    if at < paragraphs[p].start {
                        flags.push("multi-paragraph");
                    }
                    out.push(Marked {
                        open: at,
                        start: at + 1,
                        end: i,
                        close: i + 1,
                        depth: stack.len(),
                        flags,
                    });
                } else if closer_of(c).is_some() {
                    stack.push((c, i));
                }
                i += 1;
            }
            let Some(&(o, _)) = stack.first() else {
                break;
            };
            let closer = closer_of(o).expect("an opener");
            let next = if o == closer {
                None
            } else {
                (p + 1..paragraphs.len().min(p + 4)).find_map(|q| {
                    let (s, e) = (paragraphs[q].start.min(n), paragraphs[q].end.min(n));
                    let seg = &chars[s..e];
                    let from = usize::from(seg.first() == Some(&o));
                    let close_at = seg[from..].iter().position(|&x| x == closer)?;
                    let reopen = seg[from..].iter().position(|&x| x == o);
                    reopen.is_none_or(|r| r > close_at).then_some((q, s + from))
                })
            };
            match next {
                Some((q, resume)) if stack.len() == 1 => {
                    p = q;
                    i = resume;
                    end = paragraphs[q].end.min(n);
                }
                _ => {
                    while let Some((_, at)) = stack.pop() {
                        out.push(Marked {
                            open: at,
                            start: at + 1,
                            end,
                            close: end,
                            depth: stack.len(),
                            flags: vec!["unclosed"],
                        });
                    }
                    break;
                }
            }
        }
        p += 1;
    }
    out.sort_by_key(|m| (m.open, m.depth));
    out
}

fn closer_of(open: char) -> Option<char> {
    OPENERS.iter().find(|(o, _)| *o == open).map(|&(_, c)| c)
}

fn is_mark(c: char) -> bool {
    OPENERS.iter().any(|&(o, cl)| o == c || cl == c)
}

/// Everything the finder needs about the article's tokens.
struct Ctx<'a> {
    article: &'a Article,
    tokens: &'a [Token],
    words: Vec<&'a str>,
    /// For each token, the mention covering it.
    mention_at: Vec<Option<usize>>,
}

impl<'a> Ctx<'a> {
    fn new(article: &'a Article, tokens: &'a [Token]) -> Ctx<'a> {
        let text = &article.text;
        let words: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
        let mention_at = crate::mention_at(article, tokens);
        Ctx {
            article,
            tokens,
            words,
            mention_at,
        }
    }

    fn token_at(&self, ch: usize) -> usize {
        self.tokens.partition_point(|t| t.end <= ch)
    }

    fn is_punct(&self, t: usize) -> bool {
        self.tokens[t].kind == TokenKind::Punct
    }

    fn ends_sentence(&self, t: usize) -> bool {
        self.is_punct(t) && matches!(self.words[t], "." | "!" | "?" | "؟" | "…")
    }

    fn span_text(&self, span: Span) -> String {
        marsad_article::slice_chars(&self.article.text, span.start, span.end)
            .trim()
            .to_string()
    }
}

/// Who is speaking in tokens `[a, b)` (between a speech verb and its quote).
#[derive(Debug, Clone, Default, PartialEq)]
struct Speaker {
    text: Option<String>,
    entity: Option<String>,
    institutional: bool,
    via: bool,
}

/// Words that end the subject: `وقال الرئيس في بيان`, `قال لوكالة`, `خلال`.
const SUBJECT_STOPS: &[&str] = &[
    "سابقا",
    "وهو",
    "وهي",
    "وهم",
    "حينها",
    "لاحقا",
    "مجددا",
    "بدوره",
    "بدورها",
    "بدورهم",
    "حينذاك",
    "اليه",
    "اليها",
    "في",
    "خلال",
    "عبر",
    "لدي",
    "امام",
    "اثناء",
    "عقب",
    "بعد",
    "قبل",
    "ان",
    "إن",
    "أن",
    "اليوم",
    "امس",
    "ايضا",
    "الي",
    "علي",
    "كما",
    "مساء",
    "صباح",
    "له",
    "لها",
    "لوكاله",
    "للصحفيين",
    "لصحيفه",
    "ذلك",
    "هذا",
    "هذه",
    "تلك",
    "هو",
    "هي",
    "هم",
    "انه",
    "انها",
];

fn speaker_in(ctx: &Ctx, a: usize, b: usize, verb: &str) -> Speaker {
    let mut a = a;
    let mut via = false;
    // `نقلت وكالة الأنباء عن المتحدث …`: the speaker follows `عن`.
    if verb == "نقل" || verb == "نقلا عن" {
        if let Some(k) = (a..b).find(|&t| word_key(ctx.words[t]) == "عن") {
            a = k + 1;
            via = true;
        }
    }
    // `نقلت الوكالة على لسان المعلم`: the speaker follows `على لسان`.
    if let Some(k) = (a..b).find(|&t| word_key(ctx.words[t]) == "لسان") {
        a = k + 1;
        via = true;
    }
    let mut end = a;
    while end < b {
        let w = ctx.words[end];
        let k = word_key(w);
        if ctx.is_punct(end)
            || SUBJECT_STOPS.contains(&k.as_str())
            || k == "عن"
            || addressee(&k)
            || marsad_text::relative::weekday_of(&k).is_some()
        {
            break;
        }
        // `وأكد حماقي للمتسابق …`: `ل` + article introduces whom it was said to.
        if end > a && k.starts_with("لل") {
            break;
        }
        end += 1;
    }
    // `علق عليه بقوله`, `حسب تعبيره`, `بحسب ما جاء`: no speaker named here.
    if end == a || (ctx.mention_at[a].is_none() && fragment(ctx.words[a])) {
        return Speaker {
            via,
            ..Speaker::default()
        };
    }
    let art = ctx.article;
    // The best mention in the subject: a person named, a role referring to one, an
    // organization.
    let mut best: Option<(u8, usize)> = None;
    for t in a..end {
        if let Some(mi) = ctx.mention_at[t] {
            let m = &art.mentions[mi];
            // Unless it opens the subject (`ويقول بلحاج`: the clitic reading of a
            // name's first letter can be wrong).
            if t > a && behind_preposition(ctx, m) {
                continue;
            }
            // `مركز الملك سلمان`: a person's name inside an institution's name.
            if m.label == "PER"
                && t > a
                && INSTITUTIONS.contains(
                    &marsad_text::key::base_key(ctx.words[t - 1]).trim_start_matches("ال"),
                )
            {
                continue;
            }
            let rank = match (m.label.as_str(), m.kind) {
                ("PER", marsad_article::MentionKind::Name) => 3,
                ("PER", _) => 2,
                ("ORG", _) => 1,
                _ => 0,
            };
            if rank > 0 && best.is_none_or(|(r, _)| rank > r) {
                best = Some((rank, mi));
            }
        }
    }
    // `قال الإعلامية البحرينية، سوسن الشاعر، إن`: a description, then the person's
    // name set off by commas, which ends the subject.
    // Not where the description is of a group around the person (`عائلة عالم
    // الفيزياء الراحل، ستيفن هوكينغ،`).
    static GROUPS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        GROUP_NOUNS
            .iter()
            .map(|g| marsad_text::key::base_key(g))
            .collect()
    });
    let group = GROUPS.contains(&marsad_text::key::base_key(ctx.words[a]));
    if best.is_none_or(|(r, _)| r < 3)
        && !group
        && end + 1 < b
        && matches!(ctx.words[end], "،" | ",")
    {
        if let Some(mi) = ctx.mention_at[end + 1] {
            let m = &art.mentions[mi];
            let mut after = end + 1;
            while after < b && ctx.mention_at[after] == Some(mi) {
                after += 1;
            }
            // The name right after the comma, no proclitic before it (`،
            // لفرانس برس،` names whom it was said to).
            if m.label == "PER"
                && m.kind == marsad_article::MentionKind::Name
                && m.span.start == ctx.tokens[end + 1].start
                && (after == b || matches!(ctx.words[after], "،" | ","))
            {
                best = Some((3, mi));
            }
        }
    }
    // `المتحدث باسم الرئيس الفلسطيني محمود عباس`: the name is whom the spokesman
    // speaks for (a person's title comes between); the spokesman speaks.
    if let Some((3, mi)) = best {
        let name_tok = ctx.token_at(art.mentions[mi].span.start);
        if let Some(k) = (a..name_tok).find(|&t| word_key(ctx.words[t]) == "باسم") {
            // The title right after `باسم` (`باسم الخارجية المصرية المستشار أحمد
            // أبو زيد` names the spokesman himself).
            let titled = k + 1 < name_tok && {
                let key = marsad_text::key::base_key(ctx.words[k + 1]);
                PERSON_TITLES.contains(&key.trim_start_matches("ال"))
            };
            if titled {
                let span = Span::new(ctx.tokens[a].start, ctx.tokens[name_tok - 1].end);
                return Speaker {
                    text: Some(ctx.span_text(span)),
                    entity: None,
                    institutional: false,
                    via,
                };
            }
        }
    }
    let span = Span::new(ctx.tokens[a].start, ctx.tokens[end - 1].end);
    let written = ctx.span_text(span);
    match best {
        Some((rank, mi)) => {
            let m = &art.mentions[mi];
            let entity = m.entity.clone();
            let name = entity
                .as_ref()
                .and_then(|id| art.entities.iter().find(|e| &e.id == id))
                .map(|e| e.name.clone())
                .unwrap_or_else(|| m.text.clone());
            // A role phrase (`المتحدث باسم الخارجية`) names a person only when a
            // person is named in it; otherwise its organization speaks for itself.
            Speaker {
                text: Some(if rank == 1 && !written.is_empty() {
                    written
                } else {
                    name
                }),
                entity,
                institutional: rank == 1,
                via,
            }
        }
        None => Speaker {
            text: Some(written),
            entity: None,
            institutional: false,
            via,
        },
    }
}

/// Nouns for the people around someone (base keys): a name after them in apposition
/// is that someone's, not the speaker's.
const GROUP_NOUNS: &[&str] = &[
    "عائلة",
    "أسرة",
    "ذوو",
    "ذوي",
    "أقارب",
    "أنصار",
    "أهل",
    "أصدقاء",
    "زملاء",
    "محامو",
    "عائلات",
    "أسر",
    "والدا",
    "أبناء",
];

/// Titles of a person (base keys without the article) that a spokesman can speak
/// for: `المتحدث باسم الرئيس …`. Narrower than the role heads of
/// `marsad_entities::roles`: after `باسم حاكم ولاية هيرات` the name is most often the
/// spokesman's own.
const PERSON_TITLES: &[&str] = &[
    "رييس",
    "رييسه",
    "ملك",
    "امير",
    "ولي",
    "شيخ",
    "سلطان",
    "وزير",
    "وزيره",
    "مستشاره",
    "مستشار",
    "بابا",
    "زعيم",
    "مرشد",
    "ملكه",
];

/// Institution nouns that make the name after them an institution's.
const INSTITUTIONS: &[&str] = &[
    "مركز",
    "موسسه",
    "جامعه",
    "مستشفي",
    "جايزه",
    "شارع",
    "مدينه",
    "قاعده",
    "مطار",
    "ميناء",
    "برنامج",
    "صندوق",
    "كليه",
    "معهد",
    "مجمع",
    "مسجد",
    "جسر",
    "حي",
    // `إدارة ترامب`, `حكومة نتنياهو`, `حملة ترامب`, `مكتب نتنياهو` speak as bodies.
    "اداره",
    "حكومه",
    "حمله",
    "مكتب",
];

/// Media addressed by the speaker (`قال لقناة …`, `في تصريح للصحفيين`).
fn addressee(key: &str) -> bool {
    let Some(rest) = key.strip_prefix('ل') else {
        return false;
    };
    let rest = rest.strip_prefix('ل').unwrap_or(rest);
    matches!(
        rest,
        "قناه"
            | "صحيفه"
            | "وكاله"
            | "موقع"
            | "شبكه"
            | "مجله"
            | "تلفزيون"
            | "اذاعه"
            | "صحفيين"
            | "جريده"
            | "راديو"
    )
}

/// Words that cannot start a speaker: pronoun-bearing prepositions and speech nouns
/// (`عليه`, `فيها`, `بقوله`, `تعبيره`), `ما`.
fn fragment(word: &str) -> bool {
    let k = word_key(word);
    let k = k.trim_start_matches('و');
    if matches!(
        k,
        "ما" | "فيه"
            | "فيها"
            | "عليه"
            | "عليها"
            | "له"
            | "لها"
            | "منه"
            | "منها"
            | "عنه"
            | "عنها"
            | "به"
            | "بها"
            | "لهم"
            | "فيهم"
            | "عليهم"
            | "بعضهم"
            | "انه"
            | "انها"
    ) {
        return true;
    }
    let bare = k.strip_prefix('ب').unwrap_or(k);
    ["قول", "تعبير", "وصف", "كلام", "روايت", "زعم", "تصريح", "راي"]
        .iter()
        .any(|n| {
            bare.strip_prefix(n)
                .is_some_and(|rest| matches!(rest, "ه" | "ها" | "هم" | "هما"))
        })
}

/// Nouns that can be the source after `بحسب`/`وفقا لـ` (besides entities).
const SOURCE_NOUNS: &[&str] = &[
    "مصدر",
    "مصادر",
    "بيان",
    "تقرير",
    "تقارير",
    "وكاله",
    "صحيفه",
    "موقع",
    "شهود",
    "مسوول",
    "مسوولين",
    "وزاره",
    "شرطه",
    "متحدث",
    "ناطق",
    "احصاءات",
    "احصاييات",
    "ارقام",
    "بيانات",
    "دراسه",
    "مسح",
    "استطلاع",
    "خبراء",
    "محللين",
    "مراقبين",
    "ناشطين",
    "سكان",
    "اطباء",
    "مصادر",
    "وسايل",
    "اعلام",
    "قناه",
    "تلفزيون",
    "منظمه",
    "هييه",
    "مكتب",
    "ادارة",
    "اداره",
    "مجلس",
    "جيش",
    "قوات",
    "مرصد",
];

/// A statement found before speakers are carried over.
struct Found {
    quote: Quote,
    /// Sort key: where the statement starts.
    at: usize,
    /// The subject was empty: take the previous speaker.
    implicit: bool,
    /// The speech verb's token, when a verb introduces the statement.
    verb_token: Option<usize>,
}

/// Find the quotations of an article (after entity resolution, so speakers can be
/// entities). Pure; never panics.
pub fn find_quotes(article: &Article) -> Vec<Quote> {
    find_quotes_in(article, &tokenize(&article.text))
}

/// [`find_quotes`] with the article's tokens already at hand.
pub fn find_quotes_in(article: &Article, tokens: &[Token]) -> Vec<Quote> {
    let ctx = Ctx::new(article, tokens);
    if ctx.tokens.is_empty() {
        return Vec::new();
    }
    let chars: Vec<char> = article.text.chars().collect();
    let mut found: Vec<Found> = Vec::new();
    let mut used_verbs: Vec<usize> = Vec::new();
    let marked = marked_quotes(&chars, &article.paragraphs);
    // Direct quotes (outer ones carry the attribution; nested ones inherit it).
    for m in marked.iter().filter(|m| m.depth == 0) {
        if m.end <= m.start || chars[m.start..m.end].iter().all(|c| c.is_whitespace()) {
            continue;
        }
        let first = ctx.token_at(m.open);
        let words_inside = ctx.token_at(m.end).saturating_sub(ctx.token_at(m.start));
        // Before: `وقال فلان: «`, `وأضاف «`, `وقال الحزب إن "…"`.
        let mut verb: Option<(usize, &'static str, bool)> = None;
        let mut colon = false;
        let mut t = first;
        let mut steps = 0;
        while t > 0 && steps < 14 {
            t -= 1;
            steps += 1;
            let w = ctx.words[t];
            if matches!(w, ":" | "：") {
                colon = true;
                continue;
            }
            if ctx.ends_sentence(t) || is_mark(w.chars().next().unwrap_or(' ')) {
                break;
            }
            if let Some((lemma, part)) = speech_verb(w) {
                verb = Some((t, lemma, part));
                break;
            }
            // `قالت إن الجدل حول "الأمور السخيفة"`: quoted words inside a reported
            // clause belong to the indirect statement.
            if complementizer(w).is_some() && t + 1 < first {
                break;
            }
        }
        let prev_word = first.checked_sub(1).map(|p| word_key(ctx.words[p]));
        let titled = prev_word.as_deref().is_some_and(|w| {
            TITLE_NOUNS.contains(&w.trim_start_matches('و')) || TITLE_NOUNS.contains(&w)
        });
        let mut speaker_range: Option<(usize, usize)> = None;
        let mut verb_lemma: Option<&'static str> = None;
        let mut implicit = false;
        // Quoted words right after a verb with no colon are often a name (`ذكرت وكالة
        // «وفا»`): they need some length and must not be mostly a name.
        let comp_before = first > 0 && complementizer(ctx.words[first - 1]).is_some();
        let named = {
            let (qa, qb) = (ctx.token_at(m.start), ctx.token_at(m.end));
            let covered = (qa..qb).filter(|&t| ctx.mention_at[t].is_some()).count();
            qb > qa && covered * 10 >= (qb - qa) * 6
        };
        let verb = verb.filter(|_| colon || comp_before || (words_inside >= 4 && !named));
        if let Some((v, lemma, part)) = verb.filter(|_| !titled) {
            // Subject ends at the colon, a complementizer, or the quote.
            let mut end = v + 1;
            while end < first
                && !matches!(ctx.words[end], ":" | "：")
                && complementizer(ctx.words[end]).is_none()
            {
                end += 1;
            }
            speaker_range = Some((v + 1, end));
            verb_lemma = Some(lemma);
            implicit = part;
            used_verbs.push(v);
        } else if !titled {
            // After: `«…»، قال فلان` / `«…» قالت الوزارة`.
            let close_tok = ctx.token_at(m.close);
            let para_end = article
                .paragraphs
                .iter()
                .find(|p| p.start <= m.open && m.open < p.end)
                .map_or(usize::MAX, |p| p.end);
            let mut t = close_tok;
            let mut steps = 0;
            while t < ctx.tokens.len() && steps < 3 && words_inside >= 3 {
                let w = ctx.words[t];
                if ctx.tokens[t].start < m.close {
                    t += 1;
                    continue;
                }
                if ctx.tokens[t].start >= para_end {
                    break;
                }
                if let Some((lemma, _)) = speech_verb(w) {
                    let mut end = t + 1;
                    while end < ctx.tokens.len() && end < t + 10 && !ctx.is_punct(end) {
                        end += 1;
                    }
                    speaker_range = Some((t + 1, end));
                    verb_lemma = Some(lemma);
                    used_verbs.push(t);
                    break;
                }
                if !ctx.is_punct(t) || ctx.ends_sentence(t) {
                    break;
                }
                t += 1;
                steps += 1;
            }
            if speaker_range.is_none() && colon && words_inside >= 6 {
                // `: «…»` with no verb: a statement by an unnamed or earlier speaker.
                speaker_range = Some((first, first));
                implicit = true;
            }
        }
        let Some((sa, sb)) = speaker_range else {
            continue;
        };
        let speaker = speaker_in(&ctx, sa, sb, verb_lemma.unwrap_or(""));
        let implicit = implicit || (speaker.text.is_none() && speaker.entity.is_none());
        let mut flags: Vec<String> = m.flags.iter().map(|f| f.to_string()).collect();
        if speaker.institutional {
            flags.push("institutional".into());
        }
        if speaker.via {
            flags.push("via".into());
        }
        let attr_start = ctx.tokens[sa.saturating_sub(1).min(first)]
            .start
            .min(m.open);
        let attr_end = if sb > first {
            ctx.tokens[sb - 1].end.max(m.close)
        } else {
            m.close
        };
        found.push(Found {
            at: attr_start,
            implicit,
            verb_token: verb_lemma.and(used_verbs.last().copied()),
            quote: Quote {
                kind: "direct".into(),
                span: Span::new(m.start, m.end),
                attribution: Some(Span::new(attr_start, attr_end)),
                verb: verb_lemma.map(str::to_string),
                speaker: speaker.text,
                speaker_entity: speaker.entity,
                flags,
            },
        });
    }
    // Indirect quotes: speech verb + subject + إن/أن + clause.
    let inside_direct = |ch: usize| marked.iter().any(|m| m.open <= ch && ch < m.close);
    for v in 0..ctx.tokens.len() {
        if used_verbs.contains(&v) || inside_direct(ctx.tokens[v].start) {
            continue;
        }
        let Some((lemma, part)) = speech_verb(ctx.words[v]) else {
            continue;
        };
        // `نقل` reports speech only as `نقل عن` (else: transported, moved).
        if lemma == "نقل"
            && !(v + 1..(v + 8).min(ctx.tokens.len())).any(|t| word_key(ctx.words[t]) == "عن")
        {
            continue;
        }
        let mut c = v + 1;
        // A participle takes its clause at once (`مشيرا إلى أن`).
        let limit = (v + if part { 3 } else { 14 }).min(ctx.tokens.len());
        let mut comp = None;
        while c < limit {
            let w = ctx.words[c];
            if ctx.ends_sentence(c)
                || is_mark(w.chars().next().unwrap_or(' '))
                || speech_verb(w).is_some()
            {
                break;
            }
            if let Some(pron) = complementizer(w) {
                comp = Some((c, pron));
                break;
            }
            c += 1;
        }
        let Some((c, _pron)) = comp else {
            continue;
        };
        // The clause runs to the sentence end.
        let mut e = c + 1;
        while e < ctx.tokens.len() && !ctx.ends_sentence(e) {
            // A quotation mark right after the complementizer is a direct quote.
            if e == c + 1 && is_mark(ctx.words[e].chars().next().unwrap_or(' ')) {
                break;
            }
            // `…، مشيرا إلى أن …` and `… وقال متحدث …` start the next statement.
            if let Some((_, part)) = speech_verb(ctx.words[e]) {
                let after_comma = e > 0 && matches!(ctx.words[e - 1], "،" | ",");
                if part || after_comma || word_key(ctx.words[e]).starts_with('و') {
                    break;
                }
            }
            e += 1;
        }
        while e > c + 1 && ctx.is_punct(e - 1) {
            e -= 1;
        }
        if e <= c + 1 {
            continue;
        }
        let speaker = if part {
            Speaker::default()
        } else {
            speaker_in(&ctx, v + 1, c, lemma)
        };
        let implicit = speaker.text.is_none() && speaker.entity.is_none();
        let mut flags = Vec::new();
        if part {
            flags.push("participle".to_string());
        }
        if speaker.institutional {
            flags.push("institutional".to_string());
        }
        if speaker.via {
            flags.push("via".to_string());
        }
        let span = Span::new(ctx.tokens[c + 1].start, ctx.tokens[e - 1].end);
        found.push(Found {
            at: ctx.tokens[v].start,
            implicit,
            verb_token: Some(v),
            quote: Quote {
                kind: "indirect".into(),
                span,
                attribution: Some(Span::new(ctx.tokens[v].start, span.end)),
                verb: Some(lemma.to_string()),
                speaker: speaker.text,
                speaker_entity: speaker.entity,
                flags,
            },
        });
    }
    // Attribution phrases: `… بحسب فلان` / `… وفقا للوزارة` / `… نقلا عن مصدر`.
    for t in 0..ctx.tokens.len() {
        let k = word_key(ctx.words[t]);
        let k = k.trim_start_matches('و');
        // `حسبما أفادت الوكالة` / `بحسب ما ذكر المصدر`: the source follows the verb.
        let verb_after = |at: usize| {
            ctx.words
                .get(at)
                .is_some_and(|w| speech_verb(w).is_some())
                .then_some(at + 1)
        };
        let (verb, first_subject) = match k {
            "حسبما" | "بحسبما" => match verb_after(t + 1) {
                Some(s) => ("بحسب", s),
                None => continue,
            },
            "بحسب" | "حسب" if ctx.words.get(t + 1).is_some_and(|w| word_key(w) == "ما") => {
                match verb_after(t + 2) {
                    Some(s) => ("بحسب", s),
                    None => continue,
                }
            }
            "بحسب" | "حسب" => ("بحسب", t + 1),
            "وفقا" | "طبقا" => ("وفقا ل", t + 1),
            "نقلا" if ctx.words.get(t + 1).is_some_and(|w| word_key(w) == "عن") => {
                ("نقلا عن", t + 2)
            }
            _ => continue,
        };
        if inside_direct(ctx.tokens[t].start) || first_subject >= ctx.tokens.len() {
            continue;
        }
        // The clause: from the sentence start to the attribution word.
        let mut s = t;
        while s > 0 && !ctx.ends_sentence(s - 1) {
            s -= 1;
        }
        if t < s + 4 {
            continue;
        }
        let mut e = first_subject;
        while e < ctx.tokens.len() && e < first_subject + 6 && !ctx.is_punct(e) {
            e += 1;
        }
        let speaker = speaker_in(&ctx, first_subject, e, verb);
        if speaker.entity.is_none() && speaker.text.is_none() {
            continue;
        }
        // `بحسب نوع القضية` (depending on) is no source: a source is an entity or
        // a source noun (`بحسب مصادر`, `وفقا للبيان`).
        let first_key = marsad_text::key::base_key(ctx.words[first_subject]);
        let first_bare = first_key.trim_start_matches("ال");
        if speaker.entity.is_none() && !SOURCE_NOUNS.contains(&first_bare) {
            continue;
        }
        let mut last = t - 1;
        while last > s && ctx.is_punct(last) {
            last -= 1;
        }
        let span = Span::new(ctx.tokens[s].start, ctx.tokens[last].end);
        let mut flags = Vec::new();
        if speaker.institutional {
            flags.push("institutional".to_string());
        }
        found.push(Found {
            at: ctx.tokens[s].start,
            implicit: false,
            verb_token: None,
            quote: Quote {
                kind: "indirect".into(),
                span,
                attribution: Some(Span::new(span.start, ctx.tokens[e - 1].end)),
                verb: Some(verb.to_string()),
                speaker: speaker.text,
                speaker_entity: speaker.entity,
                flags,
            },
        });
    }
    // Carry speakers over implicit subjects, in text order: the previous speaker if
    // they spoke in this paragraph or the two before, else the last person named
    // in this paragraph or the one before (`وأبدت لورانس استياءها … وأضافت: «…»`).
    found.sort_by_key(|f| (f.at, f.quote.span.start));
    let para_of = |ch: usize| article.paragraphs.partition_point(|p| p.end <= ch);
    let mut last: Option<(usize, Option<String>, Option<String>)> = None;
    // The grammatical gender of the verb that introduced the last speaker.
    let mut last_gender: Option<Gender> = None;
    let mut last_at: Option<usize> = None;
    let mut out = Vec::with_capacity(found.len());
    let quoted: Vec<Span> = found.iter().map(|f| f.quote.span).collect();
    let sentence_start = |ch: usize| {
        article
            .sentences
            .iter()
            .find(|s| s.start <= ch && ch < s.end)
            .map_or(0, |s| s.start)
    };
    for mut f in found {
        if f.implicit {
            let here = para_of(f.at);
            let same_sentence = last_at.is_some_and(|a| a >= sentence_start(f.at));
            let participle = f.quote.flags.iter().any(|x| x == "participle");
            // A participle continues its sentence's speaker; a subject named before
            // the verb in the sentence (`فاهدات، الذي …، قال إن`) speaks; else the
            // previous speaker carries over.
            let subject = if participle && same_sentence {
                None
            } else if participle {
                // `وقال الكبيسي …، لافتا إلى أن`: the subject of the sentence's speech
                // verb, even when that statement itself was not taken; else the
                // sentence's opening subject (`وأشاد الضاهر …، قائلا`).
                main_speaker(&ctx, f.at, sentence_start(f.at))
                    .or_else(|| opening_subject(&ctx, f.at, sentence_start(f.at)))
            } else {
                // `ووصفت كونستاند … في بيان لها، وقالت`: a verb joined by `و` inside
                // the sentence shares the sentence's opening subject.
                let joined = f.verb_token.is_some_and(|v| {
                    ctx.words[v].starts_with('و') && ctx.tokens[v].start > sentence_start(f.at)
                });
                subject_before(&ctx, f.at, sentence_start(f.at)).or_else(|| {
                    joined
                        .then(|| opening_subject(&ctx, f.at, sentence_start(f.at)))
                        .flatten()
                })
            };
            match subject {
                Some((text, entity)) => {
                    f.quote.speaker = text;
                    f.quote.speaker_entity = entity;
                }
                None => {
                    // Only when unambiguous: the previous speaker spoke in this
                    // paragraph or the one before, no other person was named since,
                    // and a speaker without an entity is a source description.
                    // `قال الوزير … وقالت إنها`: a verb of the other gender has
                    // another subject.
                    let gender = verb_gender_of(&ctx, &f);
                    let agrees = gender.is_none() || last_gender.is_none() || gender == last_gender;
                    let recent = last
                        .as_ref()
                        .filter(|_| agrees)
                        .filter(|(p, _, _)| here.saturating_sub(*p) <= 1)
                        .filter(|(_, t, e)| {
                            e.is_some() || t.as_deref().is_some_and(source_description)
                        })
                        .filter(|(_, _, e)| {
                            // People named inside quotations do not count.
                            let since = last_at.unwrap_or(0);
                            !article.mentions.iter().any(|m| {
                                m.label == "PER"
                                    && m.span.start >= since
                                    && m.span.end <= f.at
                                    && (e.is_none() || m.entity != *e)
                                    && !quoted
                                        .iter()
                                        .any(|q| q.start <= m.span.start && m.span.end <= q.end)
                            })
                        })
                        .map(|(_, t, e)| (t.clone(), e.clone()))
                        .or_else(|| {
                            if last.is_some() {
                                None
                            } else {
                                last_person_before(article, f.at, here)
                            }
                        });
                    if let Some((text, entity)) = recent {
                        f.quote.speaker = text;
                        f.quote.speaker_entity = entity;
                        f.quote.flags.push("continued".into());
                    }
                }
            }
        }
        f.quote.flags.retain(|x| x != "participle");
        if f.quote.speaker.is_some() || f.quote.speaker_entity.is_some() {
            if !f.implicit || verb_gender_of(&ctx, &f).is_some() {
                last_gender = verb_gender_of(&ctx, &f);
            }
            last = Some((
                para_of(f.at),
                f.quote.speaker.clone(),
                f.quote.speaker_entity.clone(),
            ));
            last_at = Some(f.at);
        }
        out.push(f.quote);
    }
    // Nested quotes: inside a statement, the quoted words are the speaker's too.
    for m in marked.iter().filter(|m| m.depth > 0) {
        if m.end <= m.start || chars[m.start..m.end].iter().all(|c| c.is_whitespace()) {
            continue;
        }
        let Some(outer) = out
            .iter()
            .find(|q| q.kind == "direct" && q.span.start <= m.start && m.end <= q.span.end)
        else {
            continue;
        };
        let mut flags: Vec<String> = m.flags.iter().map(|f| f.to_string()).collect();
        flags.push("nested".into());
        let q = Quote {
            kind: "direct".into(),
            span: Span::new(m.start, m.end),
            attribution: outer.attribution,
            verb: outer.verb.clone(),
            speaker: outer.speaker.clone(),
            speaker_entity: outer.speaker_entity.clone(),
            flags,
        };
        out.push(q);
    }
    out.sort_by_key(|q| {
        (
            q.attribution.map_or(q.span.start, |a| a.start),
            q.span.start,
        )
    });
    out
}

/// The grammatical gender of a speech verb as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Masculine,
    Feminine,
}

fn verb_gender_of(ctx: &Ctx, f: &Found) -> Option<Gender> {
    let word = ctx.words[f.verb_token?];
    verb_gender(word, f.quote.verb.as_deref()?)
}

/// The gender of a third-person singular speech verb (`قال`/`قالت`, `يقول`/`تقول`,
/// `مضيفا`/`مضيفة`), or `None` for a plural or a form it cannot tell.
fn verb_gender(word: &str, lemma: &str) -> Option<Gender> {
    use marsad_text::normalize::{normalize_str, Profile};
    let w = normalize_str(word, Profile::Search);
    let w = w
        .strip_prefix(['و', 'ف'])
        .filter(|r| r.chars().count() >= 3)
        .unwrap_or(&w);
    let l = normalize_str(lemma, Profile::Search);
    // `نقلت عنه الوكالة`: the verb agrees with whoever reports, not the speaker.
    if l.starts_with("نقل") {
        return None;
    }
    if w.ends_with("وا") || w.ends_with("ون") || w.ends_with("ن") && !l.ends_with('ن') {
        return None;
    }
    if w == l {
        return Some(Gender::Masculine);
    }
    if w.strip_suffix('ت') == Some(l.as_str()) || w.ends_with('ه') {
        return Some(Gender::Feminine);
    }
    if w.ends_with('ا') {
        return Some(Gender::Masculine);
    }
    if w.starts_with('ي') {
        return Some(Gender::Masculine);
    }
    if w.starts_with('ت') && !l.starts_with('ت') {
        return Some(Gender::Feminine);
    }
    None
}

/// A person or organization named before the verb at `at` in its sentence, as its
/// subject (not after a preposition: `مع ترامب` is not a subject).
fn subject_before(ctx: &Ctx, at: usize, floor: usize) -> Option<(Option<String>, Option<String>)> {
    let art = ctx.article;
    let verb_tok = ctx.token_at(at);
    let m = art.mentions.iter().rev().find(|m| {
        (m.label == "PER" || m.label == "ORG")
            && m.span.end <= at
            && m.span.start >= floor
            // Right before the verb (`أما وحيد البراق فيقول`): a name further back
            // is as likely the topic as the speaker.
            && verb_tok.saturating_sub(ctx.token_at(m.span.end.saturating_sub(1)) + 1) <= 2
            && !behind_preposition(ctx, m)
            && {
                let t = ctx.token_at(m.span.start);
                t == 0 || {
                    let prev = word_key(ctx.words[t - 1]);
                    !matches!(
                        prev.as_str(),
                        "مع" | "من"
                            | "الي"
                            | "علي"
                            | "عن"
                            | "في"
                            | "ضد"
                            | "بين"
                            | "عند"
                            | "لدي"
                    ) && speech_verb(ctx.words[t - 1]).is_none()
                }
            }
    })?;
    Some(named(art, m))
}

/// A name written behind the preposition `ب`/`ل`/`ك` (`أشاد المحامي … بكونستاند`)
/// is no subject.
fn behind_preposition(ctx: &Ctx, m: &marsad_article::EntityMention) -> bool {
    let tok = ctx.tokens[ctx.token_at(m.span.start)];
    m.span.start > tok.start
        && marsad_article::slice_chars(&ctx.article.text, tok.start, m.span.start)
            .ends_with(['ب', 'ل', 'ك'])
}

/// A mention as a speaker: its entity's canonical name (else the mention) and id.
fn named(art: &Article, m: &marsad_article::EntityMention) -> (Option<String>, Option<String>) {
    let name = m
        .entity
        .as_ref()
        .and_then(|id| art.entities.iter().find(|e| &e.id == id))
        .map_or_else(|| m.text.clone(), |e| e.name.clone());
    (Some(name), m.entity.clone())
}

/// A person or organization among the first words of the sentence (verb + subject).
fn opening_subject(ctx: &Ctx, at: usize, floor: usize) -> Option<(Option<String>, Option<String>)> {
    let art = ctx.article;
    let first = ctx.token_at(floor);
    let m = art.mentions.iter().find(|m| {
        (m.label == "PER" || m.label == "ORG")
            && m.span.start >= floor
            && m.span.end <= at
            && ctx.token_at(m.span.start) <= first + 3
    })?;
    Some(named(art, m))
}

/// The speaker of the first speech verb in the sentence before `at`.
fn main_speaker(ctx: &Ctx, at: usize, floor: usize) -> Option<(Option<String>, Option<String>)> {
    let (a, b) = (ctx.token_at(floor), ctx.token_at(at));
    let v = (a..b).find(|&t| speech_verb(ctx.words[t]).is_some_and(|(_, part)| !part))?;
    let sp = speaker_in(ctx, v + 1, (v + 9).min(b), "");
    sp.entity.as_ref()?;
    Some((sp.text, sp.entity))
}

/// A speaker written as a description that can carry over (`مصدر مسؤول`,
/// `المتحدث باسم الجيش`), not a fragment.
fn source_description(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    let k = marsad_text::key::base_key(first);
    let k = k.trim_start_matches("ال");
    SOURCE_NOUNS.contains(&k) || marsad_entities::roles::head_of(first).is_some()
}

/// The last person named before `at`, in its paragraph or the one before.
fn last_person_before(
    article: &Article,
    at: usize,
    para: usize,
) -> Option<(Option<String>, Option<String>)> {
    let floor = article
        .paragraphs
        .get(para.saturating_sub(1))
        .map_or(0, |p| p.start);
    let people: Vec<&marsad_article::EntityMention> = article
        .mentions
        .iter()
        .filter(|m| m.label == "PER" && m.span.end <= at && m.span.start >= floor)
        .collect();
    let m = *people.last()?;
    // Only one person named: anything else is a guess.
    if people
        .iter()
        .any(|p| p.entity != m.entity || p.entity.is_none() && p.text != m.text)
    {
        return None;
    }
    Some(named(article, m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verb_genders() {
        use Gender::*;
        for (word, lemma, gender) in [
            ("قال", "قال", Some(Masculine)),
            ("وقالت", "قال", Some(Feminine)),
            ("وأضافت", "أضاف", Some(Feminine)),
            ("وأضاف", "أضاف", Some(Masculine)),
            ("مضيفا", "أضاف", Some(Masculine)),
            ("مشيرة", "أشار", Some(Feminine)),
            ("يقول", "قال", Some(Masculine)),
            ("تقول", "قال", Some(Feminine)),
            ("وتابع", "تابع", Some(Masculine)),
            ("وقالوا", "قال", None),
            ("ونقلت", "نقل", None),
        ] {
            assert_eq!(verb_gender(word, lemma), gender, "{word}");
        }
    }

    #[test]
    fn speakers_that_are_not() {
        assert!(addressee("لقناه"));
        assert!(addressee("للصحفيين"));
        assert!(!addressee("الوزير"));
        assert!(fragment("عليه"));
        assert!(fragment("بقوله"));
        assert!(fragment("تعبيره"));
        assert!(fragment("ما"));
        assert!(!fragment("الوزير"));
        assert!(!fragment("قوات"));
        assert!(!fragment("رايس"));
        assert!(fragment("رأيه"));
    }

    #[test]
    fn verbs() {
        assert_eq!(speech_verb("وقالت"), Some(("قال", false)));
        assert_eq!(speech_verb("وأضاف"), Some(("أضاف", false)));
        assert_eq!(speech_verb("مضيفا"), Some(("أضاف", true)));
        assert_eq!(speech_verb("وأكدوا"), Some(("أكد", false)));
        assert_eq!(speech_verb("الوزير"), None);
        assert_eq!(complementizer("إن"), Some(false));
        assert_eq!(complementizer("بأن"), Some(false));
        assert_eq!(complementizer("إنه"), Some(true));
        assert_eq!(complementizer("أنها"), Some(true));
        assert_eq!(complementizer("إنسان"), None);
    }

    #[test]
    fn marks_pair_nest_and_stay_unclosed() {
        let text = "قال: «أولا “داخل” ثم» وبعد.\nوقال: «بلا نهاية";
        let chars: Vec<char> = text.chars().collect();
        let nl = chars.iter().position(|&c| c == '\n').unwrap();
        let paras = vec![Span::new(0, nl), Span::new(nl + 1, chars.len())];
        let m = marked_quotes(&chars, &paras);
        let texts: Vec<(String, usize, Vec<&str>)> = m
            .iter()
            .map(|q| {
                (
                    chars[q.start..q.end].iter().collect(),
                    q.depth,
                    q.flags.clone(),
                )
            })
            .collect();
        assert_eq!(texts[0], ("أولا “داخل” ثم".to_string(), 0, vec![]));
        assert_eq!(texts[1], ("داخل".to_string(), 1, vec![]));
        assert_eq!(texts[2], ("بلا نهاية".to_string(), 0, vec!["unclosed"]));
    }

    #[test]
    fn opening_mark_used_as_closer() {
        let text = "وقال « المكان جميل «، بينما غادر.";
        let chars: Vec<char> = text.chars().collect();
        let m = marked_quotes(&chars, &[Span::new(0, chars.len())]);
        assert_eq!(m.len(), 1, "{m:?}");
        let q: String = chars[m[0].start..m[0].end].iter().collect();
        assert_eq!(q.trim(), "المكان جميل");
        assert!(m[0].flags.is_empty());
    }

    #[test]
    fn quote_over_two_paragraphs() {
        let text = "وقال الوزير: «الجملة الأولى.\nوالجملة الثانية» ثم غادر.";
        let chars: Vec<char> = text.chars().collect();
        let nl = chars.iter().position(|&c| c == '\n').unwrap();
        let paras = vec![Span::new(0, nl), Span::new(nl + 1, chars.len())];
        let m = marked_quotes(&chars, &paras);
        assert_eq!(m.len(), 1, "{m:?}");
        let q: String = chars[m[0].start..m[0].end].iter().collect();
        assert_eq!(q, "الجملة الأولى.\nوالجملة الثانية");
        assert_eq!(m[0].flags, vec!["multi-paragraph"]);
    }
}
