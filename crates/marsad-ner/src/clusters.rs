//! Word clusters learned in this repository from unlabeled Arabic news
//! (`data/clusters.tsv`, built by `crates/marsad-embed-build`; see
//! `data/CLUSTERS.md`). Keys are [`marsad_text::key::base_key`]s; each word has
//! cluster ids at up to three granularities (coarse → fine).

use std::collections::HashMap;
use std::sync::LazyLock;

static CLUSTERS_TSV: &str = include_str!("../data/clusters.tsv");

/// Cluster ids of a word at up to three granularities (0 = unknown level).
pub type ClusterIds = [u32; 3];

static CLUSTERS: LazyLock<Clusters> = LazyLock::new(|| Clusters::parse(CLUSTERS_TSV));

pub struct Clusters {
    map: HashMap<String, (ClusterIds, [Box<str>; 3])>,
    levels: usize,
}

impl Clusters {
    /// The embedded clusters (parsed on first use).
    pub fn builtin() -> &'static Clusters {
        &CLUSTERS
    }

    /// Parse `key<TAB>id<TAB>id...` lines (`#` comments). A Brown-style bit string
    /// is accepted too: its 4-, 8- and 12-bit prefixes become the three levels.
    pub fn parse(text: &str) -> Clusters {
        let mut map = HashMap::new();
        let mut levels = 0;
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut f = line.split('\t');
            let Some(key) = f.next() else { continue };
            let rest: Vec<&str> = f.collect();
            let mut ids = [0u32; 3];
            if rest.len() == 1 && rest[0].chars().all(|c| c == '0' || c == '1') && rest[0].len() > 3
            {
                let bits = rest[0];
                for (k, n) in [4usize, 8, 12].iter().enumerate() {
                    let p = &bits[..bits.len().min(*n)];
                    ids[k] = u32::from_str_radix(p, 2).unwrap_or(0) + (1 << p.len());
                }
                levels = 3;
            } else {
                for (k, v) in rest.iter().take(3).enumerate() {
                    ids[k] = v.trim().parse::<u32>().map(|x| x + 1).unwrap_or(0);
                }
                levels = levels.max(rest.len().min(3));
            }
            let names = ids.map(|id| {
                if id == 0 {
                    Box::from("")
                } else {
                    Box::from(id.to_string())
                }
            });
            map.insert(key.to_string(), (ids, names));
        }
        Clusters { map, levels }
    }

    pub fn get(&self, key: &str) -> Option<&ClusterIds> {
        self.map.get(key).map(|e| &e.0)
    }

    /// Cluster ids as strings (empty where a level is unknown), for feature names.
    pub fn names(&self, key: &str) -> Option<&[Box<str>; 3]> {
        self.map.get(key).map(|e| &e.1)
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Number of granularities present.
    pub fn levels(&self) -> usize {
        self.levels
    }
}
