//! The article pipeline: turns a reader's [`RawArticle`] into a finished
//! [`Article`] — clean text with an origin map, paragraphs, sentences, language,
//! a stable id — and is where later stages (NER, entity resolution, quotes,
//! events) add their layers. Pure computation: no I/O, safe to run in parallel.

use marsad_article::{
    Article, EntityMention, MentionKind, OriginPiece, SourceRef, Span, Warning, SCHEMA,
};
use marsad_ner::gazetteer::Gazetteer;
use marsad_ner::NerModel;
use marsad_readers::RawArticle;
use marsad_text::chars::{is_arabic_letter, is_invisible};
use marsad_text::normalize::{normalize_str, Profile};
use marsad_text::{split_sentences, tokenize, Sentence, Token};

/// Pipeline settings.
#[derive(Clone, Copy)]
pub struct PipelineConfig {
    /// Run named-entity recognition (the embedded CRF model).
    pub ner: bool,
    /// Gazetteer used by NER features (the built-in one, possibly extended by a user file).
    pub gazetteer: &'static Gazetteer,
    /// The user's own entries: their matches are always tagged with the listed type.
    pub user_entries: Option<&'static Gazetteer>,
    /// Resolve mentions into entities (clusters, roles, Latin names, codes).
    pub resolve: bool,
    /// Find quotations with their speakers, and CAMEO events.
    pub quotes: bool,
}

impl Default for PipelineConfig {
    fn default() -> Self {
        PipelineConfig {
            ner: true,
            gazetteer: Gazetteer::builtin(),
            user_entries: None,
            resolve: true,
            quotes: true,
        }
    }
}

/// Build the article for one record with the default settings.
pub fn build_article(raw: RawArticle) -> Article {
    build_article_with(raw, &PipelineConfig::default())
}

/// Build the article for one record.
pub fn build_article_with(raw: RawArticle, cfg: &PipelineConfig) -> Article {
    let mut warnings = raw.warnings;
    let (text, paragraphs, origin) = assemble_text(&raw.body);
    let title = raw
        .title
        .map(|t| clean_line(&t).0)
        .filter(|t| !t.is_empty());
    if title.is_none() {
        warnings.push(Warning::new("no-title", "no title found"));
    }
    if text.is_empty() {
        warnings.push(Warning::new("no-body", "no body text found"));
    }
    let mut dateline = raw.dateline;
    let mut outlet = raw.outlet;
    let mut published = raw.published;
    if dateline.is_none() {
        // Structured records keep their body verbatim; a dateline opening it
        // (`الرياض - واس:`) is recorded with its span instead of being removed.
        if let Some(p) = paragraphs.first() {
            let first = marsad_article::slice_chars(&text, p.start, p.end);
            if let Some(m) = marsad_readers::scrape::detect_dateline(first) {
                let tag: String = first.chars().take(m.len).collect();
                let len = tag.trim_end().chars().count();
                let mut d = m.dateline;
                d.span = Some(Span::new(p.start, p.start + len));
                dateline = Some(d);
                if outlet.is_none() {
                    outlet = m.outlet.map(str::to_string);
                }
                if published.is_none() {
                    published = m.published;
                }
            }
        }
    }
    let language = detect_language(&text, title.as_deref());
    let tokens = tokenize(&text);
    let sents = split_sentences(&text, &tokens);
    let mentions = if cfg.ner && language == "ar" {
        match NerModel::builtin() {
            Ok(model) => find_entities(model, cfg, &text, &tokens, &sents),
            Err(e) => {
                warnings.push(Warning::new("ner-unavailable", e));
                Vec::new()
            }
        }
    } else {
        Vec::new()
    };
    let sentences = sents.iter().map(|s| Span::new(s.start, s.end)).collect();
    let id = article_id(title.as_deref(), &text);
    let loc = raw.location;
    let mut article = Article {
        schema: SCHEMA.to_string(),
        id,
        source: SourceRef {
            path: loc.path,
            format: raw.format.to_string(),
            line: loc.line,
            record: loc.record,
            offset: loc.offset,
            encoding: raw.encoding,
        },
        url: raw.url,
        title,
        outlet,
        author: raw.author,
        dateline,
        published,
        language,
        text,
        paragraphs,
        sentences,
        mentions,
        entities: Vec::new(),
        quotes: Vec::new(),
        events: Vec::new(),
        warnings,
        origin,
        meta: raw.meta,
    };
    // Later stages reuse the tokens: `text` does not change after this point.
    if cfg.resolve {
        marsad_entities::resolve_article_in(&mut article, &tokens);
    }
    if cfg.quotes && article.language == "ar" {
        article.quotes = marsad_events::find_quotes_in(&article, &tokens);
        article.events = marsad_events::find_events_in(&article, &tokens);
    }
    article
}

/// Entity mentions of every sentence; spans are code points into `text` and
/// leave a proclitic of the first token outside (`وإسرائيل` → `إسرائيل`).
fn find_entities(
    model: &NerModel,
    cfg: &PipelineConfig,
    text: &str,
    tokens: &[Token],
    sents: &[Sentence],
) -> Vec<EntityMention> {
    let words: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| {
            tokens[s.first_token..s.end_token]
                .iter()
                .map(|t| t.text(text))
                .collect()
        })
        .collect();
    // The whole article is one document: the second pass sees every sentence's first-pass labels.
    let mut tags = model.tag_document(&words, cfg.gazetteer);
    if let Some(user) = cfg.user_entries {
        for (w, t) in words.iter().zip(tags.iter_mut()) {
            marsad_ner::apply_user_entries(w, t, user);
        }
    }
    let mut out = Vec::new();
    for ((s, w), t) in sents.iter().zip(&words).zip(&tags) {
        let toks = &tokens[s.first_token..s.end_token];
        for m in marsad_ner::mentions_from_tags(w, t) {
            let start = toks[m.start_token].start + m.skip_prefix;
            let end = toks[m.end_token - 1].end;
            if start >= end {
                continue;
            }
            let b0 = toks[m.start_token].byte_start
                + w[m.start_token]
                    .chars()
                    .take(m.skip_prefix)
                    .map(char::len_utf8)
                    .sum::<usize>();
            let b1 = toks[m.end_token - 1].byte_end;
            out.push(EntityMention {
                span: Span::new(start, end),
                label: m.label,
                text: text[b0..b1].to_string(),
                kind: MentionKind::Name,
                entity: None,
            });
        }
    }
    out
}

/// Stable article id: 128-bit xxh3 of the search-normalized title and text, so the
/// same story read from JSONL, a scrape or a cp1256 file gets the same id.
/// The id [`build_article_with`] will give this record, computed without running
/// the pipeline (a resumed ingest skips stored articles before the costly stages).
pub fn article_id_of(raw: &RawArticle) -> String {
    let (text, _, _) = assemble_text(&raw.body);
    let title = raw
        .title
        .as_ref()
        .map(|t| clean_line(t).0)
        .filter(|t| !t.is_empty());
    article_id(title.as_deref(), &text)
}

pub fn article_id(title: Option<&str>, text: &str) -> String {
    let mut key = normalize_str(title.unwrap_or(""), Profile::Search);
    key.push('\n');
    key.push_str(&normalize_str(text, Profile::Search));
    // Whitespace differences between sources must not change the id.
    let key: String = key.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(key.as_bytes()))
}

/// Clean one line: drop control and invisible characters, collapse white space.
/// Returns the clean line and, for each kept run, `(clean_start, raw_start, len)`
/// in code points.
fn clean_line(line: &str) -> (String, Vec<(usize, usize, usize)>) {
    let mut out = String::with_capacity(line.len());
    let mut runs: Vec<(usize, usize, usize)> = Vec::new();
    let mut out_len = 0usize;
    let mut pending_space = false;
    for (i, c) in line.chars().enumerate() {
        if c.is_whitespace() || c.is_control() {
            pending_space = out_len > 0;
            continue;
        }
        if is_invisible(c) {
            continue;
        }
        if pending_space {
            out.push(' ');
            out_len += 1;
            pending_space = false;
            // The space stands for the raw white space right before `c`.
            runs.push((out_len - 1, i - 1, 1));
        }
        out.push(c);
        match runs.last_mut() {
            Some((cs, rs, len)) if *cs + *len == out_len && *rs + *len == i => *len += 1,
            _ => runs.push((out_len, i, 1)),
        }
        out_len += 1;
    }
    (out, runs)
}

/// Join body paragraphs into `text` (one per line), with paragraph spans and the
/// origin map for pieces whose input position is known.
fn assemble_text(body: &[marsad_readers::BodyPiece]) -> (String, Vec<Span>, Vec<OriginPiece>) {
    let mut text = String::new();
    let mut paragraphs = Vec::with_capacity(body.len());
    let mut origin = Vec::new();
    let mut cp = 0usize;
    for piece in body {
        let (line, runs) = clean_line(&piece.text);
        if line.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push('\n');
            cp += 1;
        }
        let len = runs.iter().map(|r| r.2).sum::<usize>();
        if let Some(src) = piece.source_start {
            for (cs, rs, l) in runs {
                origin.push(OriginPiece {
                    text_start: cp + cs,
                    source_start: src + rs,
                    len: l,
                });
            }
        }
        text.push_str(&line);
        paragraphs.push(Span::new(cp, cp + len));
        cp += len;
    }
    (text, paragraphs, origin)
}

/// Dominant language by script, with a stop-word vote among Latin-script languages.
pub fn detect_language(text: &str, title: Option<&str>) -> String {
    let (mut arabic, mut latin) = (0usize, 0usize);
    for c in text.chars().chain(title.unwrap_or("").chars()) {
        if is_arabic_letter(c) {
            arabic += 1;
        } else if c.is_alphabetic() {
            latin += 1;
        }
    }
    if arabic + latin == 0 {
        return "und".into();
    }
    if arabic >= latin {
        return "ar".into();
    }
    let mut votes = [0usize; 2];
    for w in text.split_whitespace().take(2000) {
        match w.to_lowercase().as_str() {
            "the" | "and" | "of" | "to" | "in" | "is" | "that" | "with" => votes[0] += 1,
            "le" | "la" | "les" | "des" | "et" | "du" | "une" | "est" => votes[1] += 1,
            _ => {}
        }
    }
    if votes[1] > votes[0] { "fr" } else { "en" }.into()
}

#[cfg(test)]
mod tests {

    #[test]
    fn id_before_the_pipeline_is_the_article_id() {
        let text = "عنوان الخبر\nالرياض - واس\nقال الوزير  إن العلاقات متينة.\r\n\nفقرة ثانية.\n";
        let raw = marsad_readers::scrape::read_scrape(text, Default::default());
        let early = article_id_of(&raw);
        assert_eq!(early, build_article(raw).id);
    }

    use super::*;
    use marsad_readers::BodyPiece;

    #[test]
    fn builds_text_paragraphs_sentences_origin() {
        let src = "  عنوان\nالرياض - واس:  قال   الوزير إن الاجتماع انتهى. ووصل الوفد\u{200F}.\n\n سطر ثان";
        let chars: Vec<char> = src.chars().collect();
        let raw = RawArticle {
            title: Some(" عنوان ".into()),
            body: vec![
                BodyPiece {
                    text: "قال   الوزير إن الاجتماع انتهى. ووصل الوفد\u{200F}.".into(),
                    source_start: Some(src[..src.find("قال").unwrap()].chars().count()),
                },
                BodyPiece {
                    text: "سطر ثان".into(),
                    source_start: Some(src.chars().count() - 7),
                },
            ],
            format: "text",
            ..Default::default()
        };
        let a = build_article(raw);
        assert_eq!(a.text, "قال الوزير إن الاجتماع انتهى. ووصل الوفد.\nسطر ثان");
        assert_eq!(a.title.as_deref(), Some("عنوان"));
        assert_eq!(a.paragraphs.len(), 2);
        assert_eq!(a.slice(a.paragraphs[1]), "سطر ثان");
        assert_eq!(
            a.sentences.iter().map(|s| a.slice(*s)).collect::<Vec<_>>(),
            ["قال الوزير إن الاجتماع انتهى.", "ووصل الوفد.", "سطر ثان"]
        );
        assert_eq!(a.language, "ar");
        // Every origin piece points at identical input text.
        let text: Vec<char> = a.text.chars().collect();
        for o in &a.origin {
            assert_eq!(
                text[o.text_start..o.text_start + o.len],
                chars[o.source_start..o.source_start + o.len],
                "{o:?}"
            );
        }
        let covered: usize = a.origin.iter().map(|o| o.len).sum();
        assert_eq!(
            covered,
            text.len() - 1,
            "all but the joining newline map back"
        );
    }

    #[test]
    fn id_ignores_spelling_and_spacing_variants() {
        assert_eq!(
            article_id(Some("أمريكا"), "قال  الرئيسُ"),
            article_id(Some("امريكا"), "قال الرئيس")
        );
        assert_ne!(article_id(Some("a"), "b"), article_id(Some("a"), "c"));
    }

    #[test]
    fn empty_record_warns() {
        let a = build_article(RawArticle::default());
        assert!(a.warnings.iter().any(|w| w.code == "no-title"));
        assert!(a.warnings.iter().any(|w| w.code == "no-body"));
        assert_eq!(a.language, "und");
    }
}
