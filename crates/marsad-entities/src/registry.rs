//! The entity registry: entities across a corpus, with stable ids.
//!
//! Each article entity is matched against the registry with a scored matcher:
//! the name (same folded name, or a spelling variant token for token, or a person's
//! partial name), the type, and context — countries that must not conflict, and
//! co-mentioned entities shared with the candidate. Over-merging is worse than
//! under-merging, so a variant or partial name needs supporting context, and an
//! ambiguous partial name (two registered people called `لافروف`) stays apart.
//!
//! The same name resolves the same way every time (each entity keeps the article-level
//! ids it absorbed), and an article resolved twice is counted once, so re-reading a
//! corpus changes no id and no count.
//!
//! The file form is JSON Lines: a header line `{"format":"marsad.registry/1"}`, one
//! entity per line in id order, and a last line listing the articles counted; saving
//! writes a temporary file and renames it.

use crate::variant::{
    blocking_keys, fold_name, follows_bin, lineage_prefix, same_name, same_token,
};
use marsad_article::Article;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{BufRead, Write};
use std::path::Path;

/// Registry file format identifier (first line of the file).
pub const FORMAT: &str = "marsad.registry/1";

/// Co-mentioned entities kept per entity (the most frequent).
const MAX_CO: usize = 64;
/// Variants and roles kept per entity.
const MAX_NAMES: usize = 32;

/// One entity of the registry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegEntity {
    pub id: String,
    pub label: String,
    /// Canonical Arabic name (the fullest name seen).
    pub name: String,
    /// Arabic names and spelling variants seen, most frequent first.
    pub names: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latin: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// Publication dates (`YYYY-MM-DD`) of the first and last article seen, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<String>,
    pub articles: u64,
    pub mentions: u64,
    /// Co-mentioned entity ids with counts.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub co: BTreeMap<String, u32>,
    /// Counts of each name spelling (internal bookkeeping for `names`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub name_counts: BTreeMap<String, u64>,
    /// Articles that gave each country (internal bookkeeping for `country`: one
    /// article's stray descriptor does not decide it).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub country_counts: BTreeMap<String, u32>,
    /// Article-level ids (type + name hashes) that resolved to this entity: the same
    /// name resolves the same way next time, whatever was registered since.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// The last line of a registry file: ids of the articles already counted.
#[derive(Debug, Default, Serialize, Deserialize)]
struct SeenLine {
    seen_articles: Vec<String>,
}

/// Errors reading a registry file.
#[derive(Debug)]
pub struct RegistryError(pub String);

impl std::fmt::Display for RegistryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RegistryError {}

/// Corpus-wide entities.
#[derive(Debug, Default, Clone)]
pub struct Registry {
    entities: Vec<RegEntity>,
    by_id: HashMap<String, usize>,
    /// Blocking: (label, a key of a name's last token, see [`blocking_keys`]) → entities.
    by_last: HashMap<(String, String), Vec<usize>>,
    /// (label, a folded name's tokens written together) → entities: finds a name
    /// written with and without a space (`نصر الله`/`نصرالله`).
    by_concat: HashMap<(String, String), Vec<usize>>,
    /// (label, English name of a known place or organization) → entities.
    by_known: HashMap<(String, &'static str), Vec<usize>>,
    /// Folded names of each entity (parallel to `entities`).
    folded: Vec<Vec<Vec<String>>>,
    /// English name of each entity's canonical name when it is a known place or
    /// organization (parallel to `entities`; looked up once, not per comparison).
    known: Vec<Option<&'static str>>,
    /// Article-level entity id → entity.
    alias: HashMap<String, usize>,
    /// Articles already counted (re-resolving one assigns ids but counts nothing).
    seen: std::collections::HashSet<String>,
}

impl Registry {
    pub fn new() -> Registry {
        Registry::default()
    }

    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// Entities in insertion order.
    pub fn entities(&self) -> &[RegEntity] {
        &self.entities
    }

    /// Position of an entity in insertion order (what [`Registry::from_parts`] needs
    /// to rebuild the same registry: candidates are scored in this order).
    pub fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn get(&self, id: &str) -> Option<&RegEntity> {
        self.by_id.get(id).map(|&i| &self.entities[i])
    }

    /// A registry from entities and the ids of the articles already counted (how a
    /// store that keeps the registry in its own tables rebuilds it).
    pub fn from_parts(
        entities: impl IntoIterator<Item = RegEntity>,
        seen_articles: impl IntoIterator<Item = String>,
    ) -> Registry {
        let mut reg = Registry::new();
        for e in entities {
            reg.insert(e);
        }
        reg.seen.extend(seen_articles);
        reg
    }

    /// Load a registry file; a missing file is an empty registry.
    pub fn load(path: &Path) -> Result<Registry, RegistryError> {
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Registry::new()),
            Err(e) => return Err(RegistryError(format!("{}: {e}", path.display()))),
        };
        let mut reg = Registry::new();
        for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
            let line = line.map_err(|e| RegistryError(format!("{}: {e}", path.display())))?;
            if n == 0 {
                let header: serde_json::Value = serde_json::from_str(&line).map_err(|e| {
                    RegistryError(format!("{}:1: not a registry header: {e}", path.display()))
                })?;
                if header.get("format").and_then(|v| v.as_str()) != Some(FORMAT) {
                    return Err(RegistryError(format!(
                        "{}:1: expected format {FORMAT}",
                        path.display()
                    )));
                }
                continue;
            }
            if line.trim().is_empty() {
                continue;
            }
            if line.starts_with("{\"seen_articles\"") {
                let seen: SeenLine = serde_json::from_str(&line)
                    .map_err(|e| RegistryError(format!("{}:{}: {e}", path.display(), n + 1)))?;
                reg.seen.extend(seen.seen_articles);
                continue;
            }
            let e: RegEntity = serde_json::from_str(&line)
                .map_err(|e| RegistryError(format!("{}:{}: {e}", path.display(), n + 1)))?;
            reg.insert(e);
        }
        Ok(reg)
    }

    /// Write the registry (atomically: a temporary file renamed over `path`).
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let tmp = path.with_extension("tmp");
        {
            let mut w = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
            writeln!(w, "{}", serde_json::json!({ "format": FORMAT }))?;
            let mut order: Vec<&RegEntity> = self.entities.iter().collect();
            order.sort_by(|a, b| a.id.cmp(&b.id));
            for e in order {
                serde_json::to_writer(&mut w, e)?;
                w.write_all(b"\n")?;
            }
            let mut seen: Vec<String> = self.seen.iter().cloned().collect();
            seen.sort();
            serde_json::to_writer(
                &mut w,
                &SeenLine {
                    seen_articles: seen,
                },
            )?;
            w.write_all(b"\n")?;
            w.flush()?;
            w.get_ref().sync_all()?;
        }
        std::fs::rename(&tmp, path)
    }

    fn insert(&mut self, e: RegEntity) -> usize {
        let k = self.entities.len();
        self.by_id.insert(e.id.clone(), k);
        for a in &e.aliases {
            self.alias.insert(a.clone(), k);
        }
        self.folded.push(Vec::new());
        let known = known_of(&e.label, &e.name);
        if let Some(kn) = known {
            add_sorted(self.by_known.entry((e.label.clone(), kn)).or_default(), k);
        }
        self.known.push(known);
        self.entities.push(e);
        let names: Vec<String> = std::iter::once(self.entities[k].name.clone())
            .chain(self.entities[k].names.clone())
            .collect();
        for n in names {
            self.index_name(k, &n);
        }
        k
    }

    fn index_name(&mut self, k: usize, name: &str) {
        let f = fold_name(name);
        if f.is_empty() || self.folded[k].contains(&f) {
            return;
        }
        let label = self.entities[k].label.clone();
        // Blocked by its last token, and by the last token of each shorter lineage it
        // contains (`محمد بن سلمان` in `محمد بن سلمان بن عبدالعزيز`).
        for last in blocking_tokens(&f) {
            for b in blocking_keys(last) {
                add_sorted(self.by_last.entry((label.clone(), b)).or_default(), k);
            }
        }
        add_sorted(self.by_concat.entry((label, f.concat())).or_default(), k);
        self.folded[k].push(f);
    }

    /// Resolve the article's entities against the registry, rewriting their ids (and
    /// the mentions' entity ids) to registry ids, and record what was seen.
    pub fn resolve(&mut self, article: &mut Article) {
        let date = article
            .published
            .as_ref()
            .map(|p| p.value.chars().take(10).collect::<String>());
        // Fullest names first: a full name anchors before partial names are matched.
        let mut order: Vec<usize> = (0..article.entities.len()).collect();
        order
            .sort_by_cached_key(|&i| std::cmp::Reverse(fold_name(&article.entities[i].name).len()));
        let mut assigned: Vec<Option<usize>> = vec![None; article.entities.len()];
        // Context: names of the article's other entities, as registry ids where known
        // from exact matches (resolved first).
        let exact_ids: BTreeSet<usize> = article
            .entities
            .iter()
            .filter_map(|e| self.exact(&e.label, &fold_name(&e.name)))
            .collect();
        for &i in &order {
            let e = &article.entities[i];
            let known = self
                .alias
                .get(&e.id)
                .copied()
                .filter(|&k| self.entities[k].label == e.label && !assigned.contains(&Some(k)));
            let k = known.or_else(|| self.best_match(e, &exact_ids, &assigned));
            assigned[i] = Some(match k {
                Some(k) => k,
                None => self.create(e),
            });
        }
        let counted = !self.seen.insert(article.id.clone());
        let mut id_map: HashMap<String, String> = HashMap::new();
        for (i, e) in article.entities.iter_mut().enumerate() {
            let k = assigned[i].expect("assigned");
            if !self.alias.contains_key(&e.id) {
                self.alias.insert(e.id.clone(), k);
                self.entities[k].aliases.push(e.id.clone());
            }
            if !counted {
                self.update(k, e, date.as_deref());
            }
            let reg = &self.entities[k];
            id_map.insert(e.id.clone(), reg.id.clone());
            e.id = reg.id.clone();
            if e.latin.is_none() {
                e.latin = reg.latin.clone();
            }
            if e.country.is_none() {
                e.country = reg.country.clone();
            }
            if e.agent.is_none() {
                e.agent = reg.agent.clone();
            }
        }
        // Every layer that names an entity follows it to its registry id.
        let remap = |slot: &mut Option<String>| {
            if let Some(id) = slot.as_ref().and_then(|id| id_map.get(id)) {
                *slot = Some(id.clone());
            }
        };
        for m in &mut article.mentions {
            remap(&mut m.entity);
        }
        for q in &mut article.quotes {
            remap(&mut q.speaker_entity);
        }
        for ev in &mut article.events {
            remap(&mut ev.actor);
            remap(&mut ev.target);
        }
        if counted {
            return;
        }
        // Co-mentions.
        let ks: BTreeSet<usize> = assigned.iter().flatten().copied().collect();
        for &a in &ks {
            for &b in &ks {
                if a != b {
                    let id = self.entities[b].id.clone();
                    *self.entities[a].co.entry(id).or_default() += 1;
                }
            }
            let co = &mut self.entities[a].co;
            if co.len() > MAX_CO {
                let mut v: Vec<(String, u32)> = std::mem::take(co).into_iter().collect();
                v.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
                v.truncate(MAX_CO);
                *co = v.into_iter().collect();
            }
        }
    }

    /// The entity with exactly this folded name and type.
    fn exact(&self, label: &str, name: &[String]) -> Option<usize> {
        let cands = self.by_concat.get(&(label.to_string(), name.concat()))?;
        cands
            .iter()
            .copied()
            .find(|&k| self.folded[k].iter().any(|n| n == name))
    }

    fn best_match(
        &self,
        e: &marsad_article::Entity,
        context: &BTreeSet<usize>,
        assigned: &[Option<usize>],
    ) -> Option<usize> {
        let name = fold_name(&e.name);
        if name.is_empty() {
            return None;
        }
        let known = known_of(&e.label, &e.name);
        let cands = self.candidates(&e.label, &name, known);
        let taken: BTreeSet<usize> = assigned.iter().flatten().copied().collect();
        let compatible = |k: usize| !taken.contains(&k) && !self.country_conflict(k, &e.country);
        // The same name scores highest: when one is registered, no variant or
        // partial match can win, so skip scoring them (most names recur verbatim).
        if let Some(k) = cands
            .iter()
            .copied()
            .filter(|&k| compatible(k) && self.folded[k].contains(&name))
            .max_by_key(|&k| (self.entities[k].articles, std::cmp::Reverse(k)))
        {
            return Some(k);
        }
        let mut best: Option<(f32, u64, usize)> = None;
        let mut partial_hits = 0;
        for &k in &cands {
            if taken.contains(&k) {
                continue;
            }
            let r = &self.entities[k];
            if self.country_conflict(k, &e.country) {
                continue;
            }
            // Context is costly to check: only the weaker matches need it.
            let support = || {
                (e.country.is_some() && e.country == r.country) || self.context_support(k, context)
            };
            let names = &self.folded[k];
            let score = if names.contains(&name) {
                1.0
            } else if known.is_some() && known == self.known[k] {
                // Two names of one place or organization (`سوريا`/`سورية`).
                0.95
            } else if names.iter().any(|n| same_name(n, &name)) {
                // A variant of a full name (two tokens or more) stands on its own;
                // a single-token variant needs context.
                if name.len() >= 2 || support() {
                    0.9
                } else {
                    0.0
                }
            } else if e.label == "PER"
                && names.iter().any(|n| {
                    // Two links of one lineage (`محمد بن سلمان بن عبدالعزيز`) name one
                    // person with or without more ancestors.
                    let (short, long) = if n.len() < name.len() {
                        (n, &name)
                    } else {
                        (&name, n)
                    };
                    // (`X بن Y` alone is common enough to need context: the partial
                    // match below.)
                    short.len() >= 5 && lineage_prefix(short, long, same_token)
                })
            {
                0.9
            } else if e.label == "PER"
                && names.iter().any(|n| partial(&name, n) || partial(n, &name))
            {
                partial_hits += 1;
                // A full name never joins an entity known by another full name
                // (`رودجر شميت` is not `إريك شميت` because both are `شميت`).
                // A middle name does not make two names differ (`محمود عباس` /
                // `محمود رضا عباس`): only another given name does.
                let conflict = name.len() >= 2
                    && names.iter().any(|n| {
                        n.len() >= 2
                            && !same_token(&n[0], &name[0])
                            && !(same_name(n, &name) || partial(n, &name) || partial(&name, n))
                    });
                if !conflict && support() {
                    0.6
                } else {
                    0.0
                }
            } else {
                0.0
            };
            if score <= 0.0 {
                continue;
            }
            let key = (score, r.articles, k);
            if best.is_none_or(|b| (key.0, key.1) > (b.0, b.1)) {
                best = Some(key);
            }
        }
        let (score, _, k) = best?;
        // An ambiguous partial name stays apart.
        if score < 0.9 && partial_hits > 1 {
            return None;
        }
        Some(k)
    }

    /// Entities that may match `name`. Every match but three needs the last tokens to
    /// agree (the same name or a variant token for token; a family name against the
    /// full name, either way round), so candidates come from the last token's keys
    /// rather than every token's: a common given name (`محمد`) would bring
    /// thousands. A lineage cut short (`محمد بن سلمان`) is found by the last token of
    /// each cut; the name written with or without a space, and the same known place
    /// or organization, have their own indexes.
    fn candidates(&self, label: &str, name: &[String], known: Option<&'static str>) -> Vec<usize> {
        let mut cands: Vec<usize> = Vec::new();
        let key = |b: String| (label.to_string(), b);
        // The last token, and that of each shorter lineage the name contains (see
        // `index_name`).
        for last in blocking_tokens(name) {
            for b in blocking_keys(last) {
                if let Some(list) = self.by_last.get(&key(b)) {
                    cands.extend_from_slice(list);
                }
            }
        }
        if let Some(list) = self.by_concat.get(&key(name.concat())) {
            cands.extend_from_slice(list);
        }
        if let Some(list) = known.and_then(|kn| self.by_known.get(&(label.to_string(), kn))) {
            cands.extend_from_slice(list);
        }
        // Ascending registry order: ties go to the earlier entity.
        cands.sort_unstable();
        cands.dedup();
        cands
    }

    /// An entity's country, given by two articles or more, differs from `country`.
    /// One article's country is not enough to keep others out: it may come from a
    /// stray descriptor, and the articles that follow outvote it.
    fn country_conflict(&self, k: usize, country: &Option<String>) -> bool {
        let r = &self.entities[k];
        match (country, &r.country) {
            (Some(a), Some(b)) if a != b => r.country_counts.get(b).is_none_or(|&n| n >= 2),
            _ => false,
        }
    }

    fn context_support(&self, k: usize, context: &BTreeSet<usize>) -> bool {
        let co = &self.entities[k].co;
        context
            .iter()
            .any(|&c| c != k && co.contains_key(&self.entities[c].id))
    }

    fn create(&mut self, e: &marsad_article::Entity) -> usize {
        let mut id = e.id.clone();
        let mut n = 2;
        while self.by_id.contains_key(&id) {
            id = format!("{}-{n}", e.id);
            n += 1;
        }
        self.insert(RegEntity {
            id,
            label: e.label.clone(),
            name: e.name.clone(),
            names: Vec::new(),
            latin: e.latin.clone(),
            country: e.country.clone(),
            agent: e.agent.clone(),
            roles: Vec::new(),
            first_seen: None,
            last_seen: None,
            articles: 0,
            mentions: 0,
            co: BTreeMap::new(),
            name_counts: BTreeMap::new(),
            country_counts: BTreeMap::new(),
            aliases: Vec::new(),
        })
    }

    fn update(&mut self, k: usize, e: &marsad_article::Entity, date: Option<&str>) {
        let (len, cur_len) = (
            fold_name(&e.name).len(),
            fold_name(&self.entities[k].name).len(),
        );
        {
            let r = &mut self.entities[k];
            r.articles += 1;
            r.mentions += e.mentions.len() as u64;
            for v in &e.variants {
                *r.name_counts.entry(v.clone()).or_default() += 1;
            }
            if !e.variants.contains(&e.name) {
                *r.name_counts.entry(e.name.clone()).or_default() += 1;
            }
            // The canonical name: the fullest, then the most common of those (`الكويت`,
            // not the `كويت` of the first article that named it).
            let count = |n: &String| r.name_counts.get(n).copied().unwrap_or(0);
            let fuller = len > cur_len
                || (len == cur_len && e.name != r.name && count(&e.name) > count(&r.name));
            let mut names: Vec<(&String, &u64)> = r.name_counts.iter().collect();
            names.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            r.names = names
                .into_iter()
                .take(MAX_NAMES)
                .map(|(n, _)| n.clone())
                .collect();
            if r.name_counts.len() > 4 * MAX_NAMES {
                let keep: BTreeSet<String> = r.names.iter().cloned().collect();
                r.name_counts.retain(|n, _| keep.contains(n));
            }
            if fuller {
                r.name = e.name.clone();
                self.known[k] = known_of(&r.label, &r.name);
                if let Some(kn) = self.known[k] {
                    add_sorted(self.by_known.entry((r.label.clone(), kn)).or_default(), k);
                }
                if e.latin.is_some() {
                    r.latin = e.latin.clone();
                }
            }
            r.latin = r.latin.take().or_else(|| e.latin.clone());
            if r.country_counts.is_empty() && r.articles > 1 {
                // A registry written before countries were counted.
                // Established by the articles already counted (at least two).
                if let Some(c) = &r.country {
                    let n = u32::try_from(r.articles - 1).unwrap_or(u32::MAX).max(2);
                    r.country_counts.insert(c.clone(), n);
                }
            }
            if let Some(c) = &e.country {
                *r.country_counts.entry(c.clone()).or_default() += 1;
            }
            // The country most articles give (the earlier one on a tie).
            if let Some((c, _)) = r
                .country_counts
                .iter()
                .max_by_key(|(c, n)| (**n, Some(*c) == r.country.as_ref()))
            {
                r.country = Some(c.clone());
            }
            r.agent = r.agent.take().or_else(|| e.agent.clone());
            for role in &e.roles {
                if r.roles.len() < MAX_NAMES && !r.roles.contains(&role.text) {
                    r.roles.push(role.text.clone());
                }
            }
            if let Some(d) = date.filter(|d| d.len() == 10) {
                if r.first_seen.as_deref().is_none_or(|f| d < f) {
                    r.first_seen = Some(d.to_string());
                }
                if r.last_seen.as_deref().is_none_or(|l| d > l) {
                    r.last_seen = Some(d.to_string());
                }
            }
        }
        let names: Vec<String> = std::iter::once(e.name.clone())
            .chain(e.variants.iter().cloned())
            .collect();
        for n in names {
            self.index_name(k, &n);
        }
    }
}

/// The English name of a place or organization the name table knows.
fn known_of(label: &str, name: &str) -> Option<&'static str> {
    crate::latin::known_name_of(label, name)
}

/// The tokens a folded name is blocked by: its last one, and the last one of each
/// shorter lineage it contains (`سلمان` of `محمد بن سلمان` in `محمد بن سلمان بن
/// عبدالعزيز`), so that names cut at a lineage link find each other.
fn blocking_tokens(name: &[String]) -> impl Iterator<Item = &String> {
    (2..name.len())
        .filter(|&n| lineage_prefix(&name[..n], name, |a, b| a == b))
        .chain([name.len()])
        .filter_map(|end| name.get(end.checked_sub(1)?))
}

/// Insert into an ascending list of entity positions, once.
fn add_sorted(list: &mut Vec<usize>, k: usize) {
    if let Err(at) = list.binary_search(&k) {
        list.insert(at, k);
    }
}

/// `part` is a person's partial name of `full`: its family name (a suffix, not one
/// after `بن`, which names an ancestor) or the name cut at a link of its lineage
/// ([`lineage_prefix`]).
fn partial(part: &[String], full: &[String]) -> bool {
    if part.is_empty() || part.len() >= full.len() {
        return false;
    }
    let suffix = &full[full.len() - part.len()..];
    (!follows_bin(full, part.len()) && part.iter().zip(suffix).all(|(a, b)| same_token(a, b)))
        || lineage_prefix(part, full, same_token)
}
