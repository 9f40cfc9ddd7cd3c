//! Entity names for search: which spellings a query word may stand for, and which
//! entities a name names.
//!
//! Built from the registry's names and spelling variants. A query word is looked
//! up by the registry's blocking keys (`marsad_entities::variant::blocking_keys`,
//! which every pair the variant matcher accepts shares) and kept only when the
//! matcher accepts it (`same_token`), so `نتانياهو` expands to the `نتنياهو` the
//! articles wrote, but a common word does not drift to a name that merely shares
//! consonants.

use marsad_entities::registry::RegEntity;
use marsad_entities::variant::{blocking_keys, fold_token, same_token};
use std::collections::HashMap;

/// A blocking key as a 64-bit hash: the index holds several keys per name token,
/// and a collision only adds a candidate that the matcher then turns down.
fn key_hash(key: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(key.as_bytes())
}

#[derive(Default)]
pub struct NameIndex {
    /// Distinct name tokens: (folded form, index term of the unstemmed field).
    tokens: Vec<(String, String)>,
    token_ids: HashMap<String, usize>,
    /// Entities whose names contain each token (indexes into `entities`).
    token_entities: Vec<Vec<u32>>,
    /// Name tokens by the hash of each of their blocking keys.
    by_key: HashMap<u64, Vec<u32>>,
    /// (id, label, articles).
    entities: Vec<(String, String, u64)>,
    entity_ids: HashMap<String, u32>,
}

/// The folded form and index term of a name token (`None` for punctuation).
fn token_forms(tok: &str) -> Option<(String, String)> {
    let exact = crate::analyzer::term(tok, false)?;
    let folded = fold_token(&exact);
    (folded.chars().count() >= 2).then_some((folded, exact))
}

impl NameIndex {
    /// Add (or update the counts of) a registry entity and its names.
    pub fn add(&mut self, e: &RegEntity) {
        let k = match self.entity_ids.get(&e.id) {
            Some(&k) => {
                self.entities[k as usize].2 = e.articles;
                k
            }
            None => {
                let k = self.entities.len() as u32;
                self.entities
                    .push((e.id.clone(), e.label.clone(), e.articles));
                self.entity_ids.insert(e.id.clone(), k);
                k
            }
        };
        for name in std::iter::once(&e.name).chain(&e.names) {
            for tok in name.split_whitespace() {
                let Some((folded, exact)) = token_forms(tok) else {
                    continue;
                };
                let t = match self.token_ids.get(&folded) {
                    Some(&t) => t,
                    None => {
                        let t = self.tokens.len();
                        for key in blocking_keys(&folded) {
                            self.by_key
                                .entry(key_hash(&key))
                                .or_default()
                                .push(t as u32);
                        }
                        self.token_ids.insert(folded.clone(), t);
                        self.tokens.push((folded, exact));
                        self.token_entities.push(Vec::new());
                        t
                    }
                };
                if !self.token_entities[t].contains(&k) {
                    self.token_entities[t].push(k);
                }
            }
        }
    }

    /// Name tokens that are spellings of `word` (itself included when it is one).
    fn matching_tokens(&self, word: &str) -> Vec<usize> {
        let Some((folded, _)) = token_forms(word) else {
            return Vec::new();
        };
        let mut cands: Vec<usize> = blocking_keys(&folded)
            .iter()
            .filter_map(|k| self.by_key.get(&key_hash(k)))
            .flatten()
            .map(|&t| t as usize)
            .collect();
        cands.sort_unstable();
        cands.dedup();
        cands.retain(|&t| {
            let other = &self.tokens[t].0;
            *other == folded || same_token(&folded, other)
        });
        cands
    }

    /// Index terms (unstemmed field) of the name spellings a query word may stand
    /// for, other than its own.
    pub fn word_variants(&self, word: &str) -> Vec<String> {
        let own = crate::analyzer::term(word, false);
        let mut out: Vec<String> = self
            .matching_tokens(word)
            .into_iter()
            .map(|t| self.tokens[t].1.clone())
            .filter(|t| Some(t) != own.as_ref())
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Entity ids named by `name` (every token matches one of the entity's name
    /// tokens, spelling variants allowed), most mentioned first; `label` restricts
    /// the type.
    pub fn entities_named(&self, name: &str, label: Option<&str>, limit: usize) -> Vec<String> {
        let mut acc: Option<Vec<u32>> = None;
        for tok in name.split_whitespace() {
            if token_forms(tok).is_none() {
                continue;
            }
            let mut ents: Vec<u32> = self
                .matching_tokens(tok)
                .into_iter()
                .flat_map(|t| self.token_entities[t].iter().copied())
                .collect();
            ents.sort_unstable();
            ents.dedup();
            acc = Some(match acc {
                None => ents,
                Some(prev) => prev
                    .into_iter()
                    .filter(|e| ents.binary_search(e).is_ok())
                    .collect(),
            });
        }
        let mut found: Vec<u32> = acc
            .unwrap_or_default()
            .into_iter()
            .filter(|&k| label.is_none_or(|l| self.entities[k as usize].1 == l))
            .collect();
        found.sort_by(|a, b| {
            let (ea, eb) = (&self.entities[*a as usize], &self.entities[*b as usize]);
            eb.2.cmp(&ea.2).then(ea.0.cmp(&eb.0))
        });
        found
            .into_iter()
            .take(limit)
            .map(|k| self.entities[k as usize].0.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ent(id: &str, label: &str, name: &str, names: &[&str], articles: u64) -> RegEntity {
        serde_json::from_value(serde_json::json!({
            "id": id, "label": label, "name": name,
            "names": names, "articles": articles, "mentions": articles
        }))
        .unwrap()
    }

    #[test]
    fn variants_and_entities() {
        let mut ix = NameIndex::default();
        ix.add(&ent("E1", "PER", "بنيامين نتنياهو", &["نتنياهو"], 10));
        ix.add(&ent("E2", "PER", "سيرغي لافروف", &["لافروف"], 5));
        ix.add(&ent("E3", "LOC", "غزة", &[], 7));
        assert_eq!(ix.word_variants("نتانياهو"), vec!["نتنياهو".to_string()]);
        assert_eq!(ix.word_variants("ولنتنياهو"), Vec::<String>::new());
        // Skeletons one consonant apart (`ch` as `تش` or `ك`): found by the blocking
        // keys, which the consonant skeleton alone would miss.
        ix.add(&ent("E4", "PER", "ماركوفيك", &[], 2));
        assert_eq!(ix.word_variants("ماركوفيتش"), vec!["ماركوفيك".to_string()]);
        assert_eq!(
            ix.entities_named("نتانياهو", None, 5),
            vec!["E1".to_string()]
        );
        assert_eq!(
            ix.entities_named("لافروف", Some("PER"), 5),
            vec!["E2".to_string()]
        );
        assert!(ix.entities_named("لافروف", Some("ORG"), 5).is_empty());
        assert!(ix.entities_named("وزير", None, 5).is_empty());
    }
}
