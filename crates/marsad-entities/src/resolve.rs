//! Within-article resolution: mentions → entities.
//!
//! 1. Name mentions cluster when their names match token for token across spelling
//!    variants ([`crate::variant`]); a person's partial name (`لافروف`, `أبو زيد`)
//!    joins the one full name it ends with, or begins with, when exactly one does.
//! 2. Roles next to person names are attached (`وزير الخارجية الروسي`), and a later
//!    bare definite role (`الوزير الروسي`, `المتحدث`) becomes a `role` mention of the
//!    one person holding such a role.
//! 3. Each entity gets its canonical name (the fullest mention), variants, Latin name,
//!    alpha-3 country and CAMEO agent code.

use crate::codes::{agent_of, country_in_strict, country_of_keys};
use crate::roles::{after, anaphor_at, before, Descriptor};
use crate::variant::{
    fold_name, fold_token, follows_bin, lineage_prefix, same_name_in_article, same_token_in_article,
};
use marsad_article::{Article, Entity, EntityMention, MentionKind, Role, Span};
use marsad_gazetteer::name_keys;
use marsad_text::Token;
use std::collections::BTreeMap;

/// Nouns naming an organization's kind, often left outside its mention, and the
/// agent code they imply (`صحيفة الوئام`, `وكالة رويترز`, `شركة أرامكو`).
const TYPE_NOUN_AGENTS: &[(&str, &str)] = &[
    ("صحيفه", "MED"),
    ("جريده", "MED"),
    ("وكاله", "MED"),
    ("قناه", "MED"),
    ("مجله", "MED"),
    ("شركه", "BUS"),
    ("مصرف", "BUS"),
    ("بنك", "BUS"),
    ("حزب", "PTY"),
    ("جامعه", "EDU"),
    ("جمعيه", "NGO"),
    ("وزاره", "GOV"),
    ("محكمه", "JUD"),
];

/// Stable entity id from a type and a folded name: the same name gets the same id in
/// every article, with or without a registry.
pub fn entity_id(label: &str, folded: &[String]) -> String {
    let key = format!("{label}|{}", folded.join(" "));
    format!("E{:012x}", xxhash_rust::xxh3::xxh3_64(key.as_bytes()) >> 16)
}

struct Cluster {
    label_votes: BTreeMap<String, usize>,
    /// English dictionary name of a place or organization (`سوريا`/`سورية` → Syria).
    known: Option<&'static str>,
    /// Folded names of the member mentions, longest first once sorted.
    names: Vec<Vec<String>>,
    mentions: Vec<usize>,
    roles: Vec<(Descriptor, Span, String)>,
    /// Type nouns written just before a mention (`صحيفة الوئام`, `وكالة رويترز`).
    type_nouns: Vec<String>,
}

impl Cluster {
    fn label(&self) -> String {
        self.label_votes
            .iter()
            .max_by_key(|(l, n)| (**n, std::cmp::Reverse((*l).clone())))
            .map(|(l, _)| l.clone())
            .unwrap_or_default()
    }
}

/// Resolve the article's mentions into [`Article::entities`]: fills `entities`, sets
/// each mention's `entity`, adds `role` mentions. Idempotent: earlier role mentions
/// and entities are replaced.
pub fn resolve_article(article: &mut Article) {
    let tokens = marsad_text::tokenize(&article.text);
    resolve_article_in(article, &tokens);
}

/// [`resolve_article`] with the article's tokens already at hand.
pub fn resolve_article_in(article: &mut Article, tokens: &[Token]) {
    article.mentions.retain(|m| m.kind == MentionKind::Name);
    article.mentions.sort_by_key(|m| (m.span.start, m.span.end));
    article.entities.clear();
    if article.mentions.is_empty() {
        return;
    }
    add_family_name_variants(&article.text, &mut article.mentions, tokens);
    name_institutions_after_persons(&article.text, &mut article.mentions, tokens);
    let text = &article.text;
    let words: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
    // A name behind `ل` that lost its article's alef (`للمجر` → `لمجر`) is compared,
    // and named, as the clitic analysis restores it (`المجر`); `للبنان` stays
    // `لبنان`, `للجنة` stays `لجنة`.
    let token_at_offset = token_index(tokens);
    let restored: Vec<Option<String>> = article
        .mentions
        .iter()
        .map(|m| {
            let t = tokens.get(token_at_offset(m.span.start))?;
            let word = t.text(text);
            if t.start >= m.span.start || !word.starts_with("لل") {
                return None;
            }
            let base = marsad_text::key::base_key(word);
            let first = m.text.split_whitespace().next()?;
            // The base is the mention's word with the article's alef back.
            let without_alef = base.strip_prefix('ا').filter(|r| r.starts_with('ل'))?;
            (without_alef == fold_token(first)).then_some(base)
        })
        .collect();
    let folded: Vec<Vec<String>> = article
        .mentions
        .iter()
        .zip(&restored)
        .map(|(m, r)| {
            let mut f = fold_name(&m.text);
            if let (Some(first), Some(base)) = (f.first_mut(), r) {
                *first = fold_token(base);
            }
            f
        })
        .collect();

    // 1. Cluster by name: longest names first, so partial names find their full name.
    let mut order: Vec<usize> = (0..article.mentions.len())
        .filter(|&i| !folded[i].is_empty())
        .collect();
    order.sort_by_key(|&i| {
        (
            std::cmp::Reverse(folded[i].len()),
            article.mentions[i].span.start,
        )
    });
    let mut clusters: Vec<Cluster> = Vec::new();
    for &i in &order {
        let m = &article.mentions[i];
        let name = &folded[i];
        let known = crate::latin::known_name_of(&m.label, &m.text);
        let target = clusters
            .iter()
            .position(|c| {
                c.names.iter().any(|n| same_name_in_article(n, name))
                    || (known.is_some() && c.known == known)
            })
            .or_else(|| {
                if m.label != "PER" {
                    return None;
                }
                let hits: Vec<usize> = clusters
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| {
                        c.label() == "PER" && c.names.iter().any(|n| is_part_of(name, n))
                    })
                    .map(|(k, _)| k)
                    .collect();
                if hits.len() <= 1 {
                    return hits.first().copied();
                }
                // Several people share the partial name: it refers to the one
                // introduced most recently before it, if any was.
                let first_at = |k: usize| {
                    clusters[k]
                        .mentions
                        .iter()
                        .map(|&j| article.mentions[j].span.start)
                        .min()
                        .unwrap_or(usize::MAX)
                };
                hits.into_iter()
                    .filter(|&k| first_at(k) < m.span.start)
                    .max_by_key(|&k| first_at(k))
            });
        match target {
            Some(k) => {
                let c = &mut clusters[k];
                *c.label_votes.entry(m.label.clone()).or_default() += 1;
                c.names.push(name.clone());
                c.mentions.push(i);
            }
            None => clusters.push(Cluster {
                label_votes: BTreeMap::from([(m.label.clone(), 1)]),
                known,
                names: vec![name.clone()],
                mentions: vec![i],
                roles: Vec::new(),
                type_nouns: Vec::new(),
            }),
        }
    }

    // 2. Roles next to person names.
    let token_at = token_index(tokens);
    let sentence_of = |tok: usize| -> (usize, usize) {
        let off = tokens.get(tok).map(|t| t.start).unwrap_or(0);
        article
            .sentences
            .iter()
            .find(|s| s.start <= off && off < s.end)
            .map(|s| (token_at(s.start), token_at(s.end)))
            .unwrap_or((0, tokens.len()))
    };
    let mention_tokens: Vec<(usize, usize)> = article
        .mentions
        .iter()
        .map(|m| {
            (
                token_at(m.span.start),
                token_at(m.span.end.saturating_sub(1)) + 1,
            )
        })
        .collect();
    let person_tokens: Vec<(usize, usize)> = article
        .mentions
        .iter()
        .zip(&mention_tokens)
        .filter(|(m, _)| m.label == "PER")
        .map(|(_, &t)| t)
        .collect();
    for c in clusters.iter_mut() {
        for &i in &c.mentions {
            let t0 = mention_tokens[i].0;
            if let Some(prev) = t0.checked_sub(1).map(|p| words[p]) {
                let b = crate::codes::bare(prev);
                if TYPE_NOUN_AGENTS.iter().any(|(n, _)| *n == b) && !c.type_nouns.contains(&b) {
                    c.type_nouns.push(b);
                }
            }
        }
        if c.label() != "PER" {
            continue;
        }
        for &i in &c.mentions {
            let (t0, t1) = mention_tokens[i];
            let (s0, s1) = sentence_of(t0);
            // Do not reach into another person's name; places and organizations may
            // be part of the role (`أمير منطقة مكة المكرمة`, `مستشار البيت الأبيض`).
            let floor = person_tokens
                .iter()
                .filter(|&&(_, e)| e <= t0)
                .map(|&(_, e)| e)
                .max()
                .unwrap_or(0)
                .max(s0);
            let ceil = person_tokens
                .iter()
                .filter(|&&(s, _)| s >= t1)
                .map(|&(s, _)| s)
                .min()
                .unwrap_or(s1)
                .min(s1);
            // A descriptor running into another person's name is that person's.
            let trailing =
                after(&words, t1, ceil).filter(|d| !person_tokens.iter().any(|&(s, _)| s == d.end));
            for d in [before(&words, t0, floor), trailing].into_iter().flatten() {
                let span = token_span(tokens, &words, d.start, d.end);
                let text = article_slice(text, span);
                c.roles.push((d, span, text));
            }
        }
    }
    // `نظيره التركي`: a counterpart holds the office of the person named before.
    // (span start, cluster, role index)
    let mut all_roles: Vec<(usize, usize, usize)> = Vec::new();
    for (k, c) in clusters.iter().enumerate() {
        for (r, (_, span, _)) in c.roles.iter().enumerate() {
            all_roles.push((span.start, k, r));
        }
    }
    all_roles.sort();
    for idx in 0..all_roles.len() {
        let (_, k, r) = all_roles[idx];
        if !matches!(clusters[k].roles[r].0.head.as_str(), "نظير" | "نظيره") {
            continue;
        }
        let prior = all_roles[..idx]
            .iter()
            .rev()
            .find(|&&(_, k2, r2)| k2 != k && !clusters[k2].roles[r2].0.head.starts_with("نظير"))
            .map(|&(_, k2, r2)| clusters[k2].roles[r2].0.clone());
        if let Some(p) = prior {
            let role = &mut clusters[k].roles[r].0;
            role.head = p.head;
            role.agent = role.agent.or(p.agent);
        }
    }

    // 3. Bare definite roles referring back to one person.
    let mut role_mentions: Vec<(EntityMention, usize)> = Vec::new();
    let role_token_ranges: Vec<(usize, usize)> = clusters
        .iter()
        .flat_map(|c| c.roles.iter().map(|(d, _, _)| (d.start, d.end)))
        .collect();
    let mut i = 0;
    while i < words.len() {
        let inside = |t: usize| {
            mention_tokens.iter().any(|&(s, e)| s <= t && t < e)
                || role_token_ranges.iter().any(|&(s, e)| s <= t && t < e)
        };
        if inside(i) {
            i += 1;
            continue;
        }
        let (_, s1) = sentence_of(i);
        let Some(d) = anaphor_at(&words, i, s1) else {
            i += 1;
            continue;
        };
        // A name right after the descriptor is that name's role, not a reference.
        if mention_tokens.iter().any(|&(s, _)| s == d.end) {
            i = d.end;
            continue;
        }
        let span = token_span(tokens, &words, d.start, d.end);
        let holders: Vec<usize> = clusters
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                c.roles.iter().any(|(r, rs, _)| {
                    rs.start < span.start
                        && r.head == d.head
                        && (d.country.is_none() || r.country == d.country)
                })
            })
            .map(|(k, _)| k)
            .collect();
        if holders.len() == 1 {
            let k = holders[0];
            role_mentions.push((
                EntityMention {
                    span,
                    label: clusters[k].label(),
                    text: article_slice(text, span),
                    kind: MentionKind::Role,
                    entity: None,
                },
                k,
            ));
        }
        i = d.end.max(i + 1);
    }
    for (m, k) in role_mentions {
        clusters[k].mentions.push(article.mentions.len());
        article.mentions.push(m);
    }

    // 4. Entities, in order of first appearance; mentions in text order.
    let mut built: Vec<(usize, Entity, &Cluster)> = Vec::new();
    for c in &clusters {
        if let Some(e) = build_entity(c, &article.mentions, &folded, &restored) {
            let first = c
                .mentions
                .iter()
                .map(|&i| article.mentions[i].span.start)
                .min()
                .unwrap_or(0);
            built.push((first, e, c));
        }
    }
    built.sort_by_key(|b| b.0);
    let mut owner: Vec<Option<usize>> = vec![None; article.mentions.len()];
    for (k, (_, _, c)) in built.iter().enumerate() {
        for &i in &c.mentions {
            owner[i] = Some(k);
        }
    }
    let mut idx: Vec<usize> = (0..article.mentions.len()).collect();
    idx.sort_by_key(|&i| (article.mentions[i].span.start, article.mentions[i].span.end));
    let mut entities: Vec<Entity> = built.into_iter().map(|(_, e, _)| e).collect();
    let mut mentions = Vec::with_capacity(idx.len());
    for (pos, &i) in idx.iter().enumerate() {
        let mut m = article.mentions[i].clone();
        if let Some(k) = owner[i] {
            entities[k].mentions.push(pos);
            m.entity = Some(entities[k].id.clone());
        }
        mentions.push(m);
    }
    article.mentions = mentions;
    article.entities = entities;
}

/// The entity of one cluster: canonical name = the fullest name mention (then one
/// written in full, then the most frequent spelling, then the first), its article's
/// alef restored after `ل` (`لمجر` → `المجر`).
fn build_entity(
    c: &Cluster,
    mentions: &[EntityMention],
    folded: &[Vec<String>],
    restored: &[Option<String>],
) -> Option<Entity> {
    let label = c.label();
    let names: Vec<usize> = c
        .mentions
        .iter()
        .copied()
        .filter(|&i| mentions[i].kind == MentionKind::Name)
        .collect();
    let canon = *names.iter().max_by_key(|&&i| {
        let count = names
            .iter()
            .filter(|&&j| mentions[j].text == mentions[i].text)
            .count();
        (
            folded[i].len().min(5),
            restored[i].is_none(),
            count,
            std::cmp::Reverse(mentions[i].span.start),
        )
    })?;
    let name = match &restored[canon] {
        // The restored first word, then the rest as written.
        Some(base) => {
            let text = &mentions[canon].text;
            let rest = text.split_once(char::is_whitespace).map_or("", |(_, r)| r);
            format!("{base} {rest}").trim_end().to_string()
        }
        None => mentions[canon].text.clone(),
    };
    let mut variants: Vec<String> = Vec::new();
    for &i in &names {
        let t = &mentions[i].text;
        if !variants.contains(t) {
            variants.push(t.clone());
        }
    }
    let roles = dedup_roles(&c.roles);
    let name_words: Vec<&str> = name.split_whitespace().collect();
    let keys = name_keys(&name).join(" ");
    let country: Option<String> = match label.as_str() {
        "LOC" => country_of_keys(&keys).map(str::to_string),
        "PER" => roles.iter().find_map(|r| r.country.clone()).or_else(|| {
            // Only a person's entry (PETRARCH actors): `مارتن` is also a town.
            let types = marsad_gazetteer::Gazetteer::builtin().entry_types(&keys);
            types
                .intersects(marsad_gazetteer::TypeSet::PER)
                .then(|| country_of_keys(&keys))
                .flatten()
                .map(str::to_string)
        }),
        // An organization's country is named by an adjective or a country inside its
        // name (`الخارجية المصرية`, `جامعة الدول العربية` has none); a city inside
        // it may be a namesake abroad (`جامعة نورث كارولينا`).
        _ => country_in_strict(&name_words)
            .or_else(|| country_of_keys(&keys))
            .map(str::to_string),
    };
    let agent: Option<String> = match label.as_str() {
        "PER" => roles.iter().find_map(|r| r.agent.clone()),
        "ORG" => agent_of(&name_words)
            .or_else(|| {
                c.type_nouns.iter().find_map(|n| {
                    TYPE_NOUN_AGENTS
                        .iter()
                        .find(|(t, _)| t == n)
                        .map(|&(_, a)| a)
                })
            })
            .map(str::to_string),
        _ => None,
    };
    Some(Entity {
        id: entity_id(&label, &fold_name(&name)),
        latin: crate::latin::latin_name(&label, &name),
        label,
        name,
        country,
        agent,
        roles,
        variants,
        mentions: Vec::new(),
    })
}

fn dedup_roles(roles: &[(Descriptor, Span, String)]) -> Vec<Role> {
    let mut out: Vec<Role> = Vec::new();
    for (d, span, text) in roles {
        if out.iter().any(|r| r.text == *text) {
            continue;
        }
        out.push(Role {
            text: text.clone(),
            span: *span,
            head: d.head.clone(),
            country: d.country.map(str::to_string),
            agent: d.agent.map(str::to_string),
        });
    }
    out
}

/// A person named in full (`غابي أشكنازي`) is often named again by the family name
/// alone, and outlets spell a foreign name several ways even within one article
/// (`وأضاف أسكنازي`, `وقال أشكينازي`). The tagger repeats a family name it has
/// seen only letter for letter; here, a word outside every mention whose base
/// (proclitics left outside) is a spelling variant of the family name of a person
/// named in full becomes a PER mention of its own. Only family names of at least
/// five letters, and only variants [`same_token_in_article`] accepts.
/// Most occurrences in the unlabeled-news lexicon a family-name variant may have.
const MAX_VARIANT_FREQUENCY: u64 = 10;

/// The word without the article, if what remains is a word of three letters or more.
/// A person named inside the name of an institution or a place (`مركز الأمير فيصل
/// بن مشعل`, `جامعة الملك سعود`, `شارع الملك فهد`) is not the person: the mention
/// becomes the institution's or the place's, from its noun on.
fn name_institutions_after_persons(text: &str, mentions: &mut [EntityMention], tokens: &[Token]) {
    use crate::named_after;
    let token_at = token_index(tokens);
    for m in mentions.iter_mut() {
        if m.label != "PER" || m.kind != MentionKind::Name {
            continue;
        }
        let t = token_at(m.span.start);
        if t == 0 || tokens.get(t).is_none_or(|tok| tok.start != m.span.start) {
            continue;
        }
        let key = |k: usize| marsad_text::key::base_key(tokens[k].text(text));
        let mut h = t - 1;
        if named_after::title(&key(h)).is_some() {
            if h == 0 {
                continue;
            }
            h -= 1;
        }
        // The noun in construct (no article), behind a proclitic or not (`بمركز`).
        let Some(noun) = named_after::noun(&key(h)) else {
            continue;
        };
        let head_chars = tokens[h].text(text).chars().count();
        let start = tokens[h].start + head_chars.saturating_sub(noun.key.chars().count());
        m.span = Span::new(start, m.span.end);
        m.text = article_slice(text, m.span);
        m.label = noun.label.to_string();
    }
}

fn without_article(s: &str) -> &str {
    s.strip_prefix("ال")
        .filter(|r| r.chars().count() >= 3)
        .unwrap_or(s)
}

/// One word is the other with letters added at the end (article aside), or only
/// one has a plural ending: an inflection or a derived word (`الشيرازية`,
/// `البرازيليين`, `محاميها`), not a second spelling of the name.
fn inflected(a: &str, b: &str) -> bool {
    let (a, b) = (without_article(a), without_article(b));
    // Plural endings on one side only (`البرلمانين`, `الإيزيديات`).
    let plural = |s: &str| ["ين", "ون", "ات"].iter().any(|e| s.ends_with(e));
    a != b && (a.starts_with(b) || b.starts_with(a) || plural(a) != plural(b))
}

fn add_family_name_variants(text: &str, mentions: &mut Vec<EntityMention>, tokens: &[Token]) {
    let mut family: Vec<String> = Vec::new();
    for m in mentions.iter() {
        if m.label != "PER" || m.kind != MentionKind::Name {
            continue;
        }
        let f = fold_name(&m.text);
        if f.len() >= 2 {
            let last = &f[f.len() - 1];
            if last.chars().count() >= 5 && !family.contains(last) {
                family.push(last.clone());
            }
        }
    }
    if family.is_empty() {
        return;
    }
    let lens = family.iter().map(|f| f.chars().count());
    let (min_len, max_len) = (lens.clone().min().unwrap_or(0), lens.max().unwrap_or(0));
    let mut added = Vec::new();
    // Mentions are sorted by start: walk them along with the tokens.
    let mut next_mention = 0;
    for t in tokens {
        while next_mention < mentions.len() && mentions[next_mention].span.end <= t.start {
            next_mention += 1;
        }
        let covered = mentions[next_mention..]
            .iter()
            .take_while(|m| m.span.start < t.end)
            .any(|m| t.start < m.span.end);
        if covered {
            continue;
        }
        let word = t.text(text);
        // The family name itself behind a proclitic the clitic splitter does not cut
        // off a rare foreign name (`وستوريت`, `لغاساما`), else a rare spelling of it;
        // the span leaves the proclitic out.
        let Some(skip) = proclitic_before_family_name(word, &family, min_len)
            .or_else(|| family_name_variant(word, &family, min_len, max_len))
        else {
            continue;
        };
        added.push(EntityMention {
            span: Span {
                start: t.start + skip,
                end: t.end,
            },
            label: "PER".to_string(),
            text: word.chars().skip(skip).collect(),
            kind: MentionKind::Name,
            entity: None,
        });
    }
    if !added.is_empty() {
        mentions.extend(added);
        mentions.sort_by_key(|m| (m.span.start, m.span.end));
    }
}

/// The length in letters of `word`'s proclitics when the rest is a rare spelling
/// variant of one of the (folded) `family` names, `min_len`..=`max_len` letters long.
fn family_name_variant(
    word: &str,
    family: &[String],
    min_len: usize,
    max_len: usize,
) -> Option<usize> {
    // Cheap tests before the clitic analysis of a word (this runs over every word of
    // an article that names someone in full): its length, with up to three letters of
    // proclitics, is near a family name's, and the word as written is rare in news.
    let splitter = marsad_text::clitic::CliticSplitter::global();
    let len = word.chars().count();
    if len + 2 < min_len
        || len > max_len + 5
        || !word.chars().all(marsad_text::chars::is_arabic_letter)
        || splitter.frequency(word) > MAX_VARIANT_FREQUENCY
    {
        return None;
    }
    let skip = splitter.split(word).proclitics.last().map_or(0, |p| p.end);
    let base: String = word.chars().skip(skip).collect();
    let folded = fold_name(&base);
    let [one] = folded.as_slice() else {
        return None;
    };
    // A rare spelling in news, not a common word one letter away from the name
    // (`السياسية` is not `السيسي`, `كبيرة` is not `جبيرة`).
    let variant = one.chars().count() >= 5
        && splitter.frequency(&base) <= MAX_VARIANT_FREQUENCY
        && family.iter().any(|f| {
            // Both matchers accept only spellings a few edits apart (the article
            // aside): test that first, the matchers romanize both words.
            crate::variant::char_levenshtein(without_article(f), without_article(one)) <= 3
                && !inflected(f, one)
                && same_token_in_article(f, one)
        });
    variant.then_some(skip)
}

/// Proclitics written before a name: the conjunctions `و`/`ف`, the prepositions
/// `ل`/`ب`/`ك`, and a conjunction followed by a preposition.
const NAME_PROCLITICS: [&str; 11] = ["و", "ف", "ل", "ب", "ك", "وب", "ول", "وك", "فب", "فل", "فك"];

/// The length in letters of the proclitic when `word` is one of [`NAME_PROCLITICS`]
/// followed by exactly one of the (folded) `family` names.
/// `min_len`: the shortest family name, in letters (folding never lengthens a word).
fn proclitic_before_family_name(word: &str, family: &[String], min_len: usize) -> Option<usize> {
    let first = word.chars().next()?;
    if !matches!(first, 'و' | 'ف' | 'ل' | 'ب' | 'ك') {
        return None;
    }
    NAME_PROCLITICS.iter().find_map(|p| {
        let rest = word.strip_prefix(p)?;
        if rest.chars().count() < min_len {
            return None;
        }
        let folded = fold_name(rest);
        let [one] = folded.as_slice() else {
            return None;
        };
        family.contains(one).then(|| p.chars().count())
    })
}

/// A person's partial name: a suffix (`لافروف`, `أبو زيد`) or the given name (one
/// token) of a longer name, matching token for token, or the name cut at a link of its
/// lineage ([`lineage_prefix`]). A suffix after `بن` names an ancestor and a regnal
/// number alone (`الثاني`) is no name: neither is a partial name.
fn is_part_of(part: &[String], full: &[String]) -> bool {
    if part.is_empty() || part.len() >= full.len() {
        return false;
    }
    let suffix = &full[full.len() - part.len()..];
    // `الثاني` alone is "the second", not `عبدالله الثاني`.
    let regnal = part.len() == 1 && marsad_text::key::regnal_number(&part[0]).is_some();
    if !follows_bin(full, part.len())
        && !regnal
        && part
            .iter()
            .zip(suffix)
            .all(|(a, b)| same_token_in_article(a, b))
    {
        return true;
    }
    if part.len() == 1 {
        return same_token_in_article(&part[0], &full[0]);
    }
    if lineage_prefix(part, full, same_token_in_article) {
        return true;
    }
    // `عيسى مدخلي` for `عيسى عواجي حاج مدخلي`: given and family name.
    part.len() == 2
        && full.len() > 2
        && !follows_bin(full, 1)
        && same_token_in_article(&part[0], &full[0])
        && same_token_in_article(&part[1], &full[full.len() - 1])
}

/// Map from a code-point offset to the index of the token containing it (or the next).
fn token_index(tokens: &[Token]) -> impl Fn(usize) -> usize + '_ {
    move |off: usize| tokens.partition_point(|t| t.end <= off)
}

/// Span of tokens `[start, end)`, leaving a proclitic of the first word outside
/// (`ووزير الخارجية` → `وزير الخارجية`).
fn token_span(tokens: &[Token], words: &[&str], start: usize, end: usize) -> Span {
    let first = words[start];
    let skip = if first.chars().any(marsad_text::chars::is_arabic_letter) {
        let split = marsad_text::clitic::CliticSplitter::global().split(first);
        split.proclitics.last().map_or(0, |p| p.end)
    } else {
        0
    };
    Span::new(tokens[start].start + skip, tokens[end - 1].end)
}

fn article_slice(text: &str, span: Span) -> String {
    marsad_article::slice_chars(text, span.start, span.end).to_string()
}
