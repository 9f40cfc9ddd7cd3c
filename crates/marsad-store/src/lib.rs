//! Marsad's embedded store: a SQLite catalog (articles, entities, mentions, quotes,
//! events, and the entity registry), a tantivy full-text index with Arabic
//! analysis, search with facets and snippets, and analytics.
//!
//! A store is a directory:
//!
//! ```text
//! catalog.sqlite   the record of truth (see [`catalog`])
//! index/           the full-text index (see [`index`])
//! ```
//!
//! Articles arrive already built by the pipeline; [`Store::ingest`] resolves their
//! entities against the registry (so ids are stable across ingests), indexes them
//! and commits them. Ingest is idempotent (an article id already in the catalog is
//! skipped: the id is a hash of the content) and crash-safe (see [`catalog`]).

pub mod analyzer;
pub mod catalog;
pub mod index;
pub mod names;
pub mod query;
pub mod search;

use anyhow::{Context, Result};
use marsad_article::Article;
use marsad_dedup::{Signature, StoryIndex};
use marsad_entities::Registry;
use names::NameIndex;
use rusqlite::Connection;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, RwLock};
use tantivy::schema::Value;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

pub use catalog::Granularity;
pub use search::{SearchRequest, SearchResponse, Sort};

/// Memory budget of the index writer.
const WRITER_MEMORY: usize = 64_000_000;

/// The default store location: `$MARSAD_STORE`, else `marsad-store` under the
/// platform data directory (`$XDG_DATA_HOME` or `~/.local/share`).
pub fn default_dir() -> PathBuf {
    if let Some(p) = std::env::var_os("MARSAD_STORE") {
        return PathBuf::from(p);
    }
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("marsad").join("store")
}

/// What one ingest call did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct IngestReport {
    /// Articles added to the store.
    pub added: u64,
    /// Articles already in the store (same content), skipped.
    pub skipped: u64,
}

struct Writer {
    conn: Connection,
    index: IndexWriter,
    /// Near-duplicate stories of the stored articles (documents in ingest order).
    stories: Stories,
}

/// The story index of a writable store and the article id of each document.
struct Stories {
    index: StoryIndex,
    ids: Vec<String>,
}

impl Stories {
    fn load(conn: &Connection) -> Result<Stories> {
        let mut s = Stories {
            index: StoryIndex::new(&dedup_config()),
            ids: Vec::new(),
        };
        let perm = dedup_config().num_perm();
        for (id, sig) in catalog::signatures(conn)? {
            // A signature of another length (other settings, a damaged row) cannot
            // be compared: the article then stands alone.
            let sig = if sig.len() == perm { sig } else { Vec::new() };
            s.index.add(Signature(sig.into_boxed_slice()));
            s.ids.push(id);
        }
        Ok(s)
    }
}

/// Near-duplicate detection settings (those `marsad-dedup` chose by measurement).
fn dedup_config() -> marsad_dedup::Config {
    marsad_dedup::Config::default()
}

/// The catalog of the existing store in `dir`, read-only (without its index), or a
/// clear error when there is no store there.
pub fn open_catalog_read_only(dir: &Path) -> Result<Connection> {
    let path = dir.join("catalog.sqlite");
    if !path.exists() {
        anyhow::bail!(
            "no store at {} (create one with `marsad ingest --store {} FILES…`)",
            dir.display(),
            dir.display()
        );
    }
    catalog::open(&path, true)
        .with_context(|| format!("cannot open the catalog in {}", dir.display()))
}

/// An open store.
pub struct Store {
    dir: PathBuf,
    reader: IndexReader,
    fields: index::Fields,
    /// Read connections, reused.
    pool: Mutex<Vec<Connection>>,
    writer: Option<Mutex<Writer>>,
    registry: RwLock<Registry>,
    names: RwLock<NameIndex>,
    /// Test hook: fail ingest right after the index commit (a crash at the worst point).
    fail_after_index_commit: std::sync::atomic::AtomicBool,
    /// Co-mention neighbourhoods already computed (see [`Store::co_mention_network`]).
    networks: Mutex<NetworkCache>,
}

/// An entity's co-mention neighbours and the links among them.
#[derive(Debug, Clone)]
pub struct CoMentions {
    pub neighbours: Vec<catalog::Neighbour>,
    /// `(a, b, articles mentioning both)`, `a < b`, among the entity and its neighbours.
    pub edges: Vec<(String, String, u64)>,
}

/// Results keyed by (entity, limit), valid for one state of the catalog.
#[derive(Default)]
struct NetworkCache {
    generation: i64,
    map: std::collections::HashMap<(String, usize), std::sync::Arc<CoMentions>>,
}

/// Neighbourhoods kept before the cache starts afresh.
const NETWORK_CACHE_CAP: usize = 4096;

impl Store {
    /// Open a store for reading and writing, creating it if needed. Takes the
    /// index's writer lock: one writing process at a time.
    pub fn open(dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(dir.join("index"))
            .with_context(|| format!("cannot create the store at {}", dir.display()))?;
        let conn = catalog::open(&dir.join("catalog.sqlite"), false)
            .with_context(|| format!("cannot open the catalog in {}", dir.display()))?;
        let (index, fields) = open_index(dir, true)?;
        let writer = index
            .writer(WRITER_MEMORY)
            .with_context(|| format!("cannot write to the index in {} (is another `marsad ingest` or `serve --token` running on it?)", dir.display()))?;
        let mut store = Store::assemble(dir, index, fields, &conn)?;
        let stories = Stories::load(&conn)?;
        store.writer = Some(Mutex::new(Writer {
            conn,
            index: writer,
            stories,
        }));
        store.repair()?;
        Ok(store)
    }

    /// Open an existing store read-only (what `serve` does without an ingest token).
    pub fn open_read_only(dir: &Path) -> Result<Store> {
        let conn = open_catalog_read_only(dir)?;
        let (index, fields) = open_index(dir, false)?;
        Store::assemble(dir, index, fields, &conn)
    }

    fn assemble(
        dir: &Path,
        index: Index,
        fields: index::Fields,
        conn: &Connection,
    ) -> Result<Store> {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()
            .context("cannot read the index")?;
        let registry = catalog::load_registry(conn)?;
        let mut names = NameIndex::default();
        for e in registry.entities() {
            names.add(e);
        }
        Ok(Store {
            dir: dir.to_path_buf(),
            reader,
            fields,
            pool: Mutex::new(Vec::new()),
            writer: None,
            registry: RwLock::new(registry),
            names: RwLock::new(names),
            fail_after_index_commit: Default::default(),
            networks: Mutex::new(NetworkCache::default()),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Run `f` with a read connection to the catalog.
    pub fn with_conn<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let conn = self.pool.lock().expect("pool").pop();
        let conn = match conn {
            Some(c) => c,
            None => catalog::open(&self.dir.join("catalog.sqlite"), true)
                .context("cannot open the catalog")?,
        };
        let out = f(&conn);
        self.pool.lock().expect("pool").push(conn);
        out
    }

    /// The `limit` entities most often mentioned with `entity` and the links among
    /// them and it. A frequent entity's neighbourhood joins thousands of articles
    /// (a third of a second on a 30k-article store), and the most frequent entities
    /// are the ones most asked for: results are kept until the catalog changes —
    /// by this process or by another one writing the same store.
    pub fn co_mention_network(
        &self,
        entity: &str,
        limit: usize,
    ) -> Result<std::sync::Arc<CoMentions>> {
        self.with_conn(|c| {
            let generation = catalog::co_mention_generation(c)?;
            let key = (entity.to_string(), limit);
            {
                let mut cache = self.networks.lock().expect("network cache");
                if cache.generation != generation {
                    cache.map.clear();
                    cache.generation = generation;
                }
                if let Some(hit) = cache.map.get(&key) {
                    return Ok(hit.clone());
                }
            }
            let neighbours = catalog::co_mentions(c, entity, limit)?;
            let ids: Vec<String> = std::iter::once(entity.to_string())
                .chain(neighbours.iter().map(|n| n.id.clone()))
                .collect();
            let edges = catalog::edges_among(c, &ids)?;
            let net = std::sync::Arc::new(CoMentions { neighbours, edges });
            let mut cache = self.networks.lock().expect("network cache");
            if cache.generation == generation {
                if cache.map.len() >= NETWORK_CACHE_CAP {
                    cache.map.clear();
                }
                cache.map.insert(key, net.clone());
            }
            Ok(net)
        })
    }

    /// Remove index documents the catalog does not have (left by a crash between
    /// the index commit and the catalog commit).
    fn repair(&self) -> Result<()> {
        let Some(w) = &self.writer else { return Ok(()) };
        let mut w = w.lock().expect("writer");
        let searcher = self.reader.searcher();
        let in_index = searcher.num_docs();
        let in_catalog = catalog::article_count(&w.conn)?;
        if in_index == in_catalog {
            return Ok(());
        }
        let mut stale = 0;
        for seg in searcher.segment_readers() {
            let store = seg.get_store_reader(64)?;
            for doc in seg.doc_ids_alive() {
                let d: TantivyDocument = store.get(doc)?;
                if let Some(id) = d.get_first(self.fields.id).and_then(|v| v.as_str()) {
                    if !catalog::has_article(&w.conn, id)? {
                        w.index
                            .delete_term(Term::from_field_text(self.fields.id, id));
                        stale += 1;
                    }
                }
            }
        }
        if stale > 0 {
            w.index.commit()?;
            self.reader.reload()?;
        }
        Ok(())
    }

    /// Add articles (built by the pipeline) to the store: resolve their entities
    /// against the registry, index them, commit. Articles already stored are skipped.
    pub fn ingest(&self, articles: Vec<Article>) -> Result<IngestReport> {
        let w = self
            .writer
            .as_ref()
            .context("the store is open read-only")?;
        let mut w = w.lock().expect("writer");
        let mut report = IngestReport::default();
        let mut fresh = Vec::with_capacity(articles.len());
        let mut ids = BTreeSet::new();
        for a in articles {
            if !ids.insert(a.id.clone()) || catalog::has_article(&w.conn, &a.id)? {
                report.skipped += 1;
            } else {
                fresh.push(a);
            }
        }
        if fresh.is_empty() {
            return Ok(report);
        }
        let mut registry = self.registry.write().expect("registry");
        let mut touched = BTreeSet::new();
        for a in &mut fresh {
            registry.resolve(a);
            touched.extend(a.entities.iter().map(|e| e.id.clone()));
        }
        let hasher = w.stories.index.hasher().clone();
        let signatures: Vec<Signature> = {
            use rayon::prelude::*;
            fresh
                .par_iter()
                .map(|a| hasher.signature(&a.text))
                .collect()
        };
        let result = (|| -> Result<()> {
            for a in &fresh {
                w.index
                    .delete_term(Term::from_field_text(self.fields.id, &a.id));
                w.index.add_document(index::document(&self.fields, a))?;
            }
            w.index.commit().context("cannot commit the index")?;
            if self
                .fail_after_index_commit
                .load(std::sync::atomic::Ordering::Relaxed)
            {
                anyhow::bail!("simulated crash after the index commit");
            }
            let Writer { conn, stories, .. } = &mut *w;
            let tx = conn.transaction()?;
            for (a, sig) in fresh.iter().zip(signatures) {
                let stored = sig.0.clone();
                let added = stories.index.add(sig);
                stories.ids.push(a.id.clone());
                let story = stories.ids[added.story].clone();
                // Stories the article bridged become the earliest one.
                for &root in &added.joined {
                    if root != added.story {
                        catalog::merge_story(&tx, &stories.ids[root], &story)?;
                    }
                }
                catalog::insert_article(&tx, a, &story, &stored)
                    .with_context(|| format!("cannot store article {}", a.id))?;
            }
            for id in &touched {
                if let (Some(e), Some(ord)) = (registry.get(id), registry.position(id)) {
                    catalog::upsert_entity(&tx, e, ord)?;
                }
            }
            tx.commit().context("cannot commit the catalog")?;
            Ok(())
        })();
        if let Err(e) = result {
            // The stories and the registry in memory ran ahead of the catalog: reload them.
            w.stories = Stories::load(&w.conn)?;
            *registry = catalog::load_registry(&w.conn)?;
            return Err(e);
        }
        let mut names = self.names.write().expect("names");
        for id in &touched {
            if let Some(e) = registry.get(id) {
                names.add(e);
            }
        }
        drop(names);
        drop(registry);
        self.reader.reload()?;
        report.added = fresh.len() as u64;
        Ok(report)
    }

    /// Test hook: make every ingest fail between the index commit and the catalog
    /// commit, as a crash there would.
    #[doc(hidden)]
    pub fn simulate_crash_after_index_commit(&self, on: bool) {
        self.fail_after_index_commit
            .store(on, std::sync::atomic::Ordering::Relaxed);
    }

    /// Documents in the full-text index (equal to the catalog's articles when
    /// the store is consistent).
    pub fn indexed_docs(&self) -> u64 {
        let _ = self.reader.reload();
        self.reader.searcher().num_docs()
    }

    /// Whether the store holds an article with this id.
    pub fn contains(&self, id: &str) -> Result<bool> {
        self.with_conn(|c| Ok(catalog::has_article(c, id)?))
    }

    /// The stored article record.
    pub fn article(&self, id: &str) -> Result<Option<Article>> {
        self.with_conn(|c| {
            Ok(match catalog::article_record(c, id)? {
                Some(s) => Some(serde_json::from_str(&s).context("a broken article record")?),
                None => None,
            })
        })
    }

    /// The story an article belongs to: its id and its articles, earliest first.
    pub fn story(&self, article_id: &str) -> Result<Option<(String, Vec<catalog::StoryMember>)>> {
        self.with_conn(|c| {
            let Some(story) = catalog::story_of(c, article_id)? else {
                return Ok(None);
            };
            let members = catalog::story_members(c, &story)?;
            Ok(Some((story, members)))
        })
    }

    pub fn entity(&self, id: &str) -> Result<Option<catalog::EntityRecord>> {
        self.with_conn(|c| Ok(catalog::entity_row(c, id)?))
    }

    pub fn stats(&self) -> Result<catalog::Stats> {
        self.with_conn(|c| Ok(catalog::stats(c)?))
    }

    /// Entity ids a name (or id) refers to, most mentioned first.
    pub fn entities_named(&self, name: &str, label: Option<&str>, limit: usize) -> Vec<String> {
        let is_id = name.len() == 13
            && name.starts_with('E')
            && name[1..].chars().all(|c| c.is_ascii_hexdigit());
        if is_id {
            return vec![name.to_string()];
        }
        self.names
            .read()
            .expect("names")
            .entities_named(name, label, limit)
    }

    pub(crate) fn word_variants(&self, word: &str) -> Vec<String> {
        self.names.read().expect("names").word_variants(word)
    }
}

/// CAMEO root codes with English and Arabic names.
pub const CAMEO_ROOTS: [(&str, &str, &str); 20] = [
    ("01", "Make public statement", "تصريح علني"),
    ("02", "Appeal", "مناشدة"),
    ("03", "Express intent to cooperate", "نية التعاون"),
    ("04", "Consult", "تشاور ولقاءات"),
    ("05", "Engage in diplomatic cooperation", "تعاون دبلوماسي"),
    ("06", "Engage in material cooperation", "تعاون مادي"),
    ("07", "Provide aid", "تقديم مساعدات"),
    ("08", "Yield", "تنازل"),
    ("09", "Investigate", "تحقيق"),
    ("10", "Demand", "مطالبة"),
    ("11", "Disapprove", "انتقاد واستنكار"),
    ("12", "Reject", "رفض"),
    ("13", "Threaten", "تهديد"),
    ("14", "Protest", "احتجاج"),
    ("15", "Exhibit force posture", "استعراض القوة"),
    ("16", "Reduce relations", "تقليص العلاقات"),
    ("17", "Coerce", "إكراه واعتقال"),
    ("18", "Assault", "اعتداء"),
    ("19", "Fight", "قتال"),
    ("20", "Use unconventional mass violence", "عنف جماعي"),
];

/// English and Arabic names of a CAMEO root code.
pub fn cameo_root_name(code: &str) -> Option<(&'static str, &'static str)> {
    CAMEO_ROOTS
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, en, ar)| (*en, *ar))
}

/// On-disk format of a store (catalog schema and index layout): a store written
/// under another format must be rebuilt.
pub const FORMAT: &str = "catalog 4, index 2";

fn open_index(dir: &Path, create: bool) -> Result<(Index, index::Fields)> {
    let (schema, fields) = index::schema();
    let path = dir.join("index");
    let index = if create {
        let d = tantivy::directory::MmapDirectory::open(&path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        Index::open_or_create(d, schema.clone())
            .with_context(|| format!("cannot open the index in {}", path.display()))?
    } else {
        Index::open_in_dir(&path)
            .with_context(|| format!("cannot open the index in {}", path.display()))?
    };
    if index.schema() != schema {
        anyhow::bail!(
            "the index in {} was written by another version of Marsad; re-ingest into a new store",
            path.display()
        );
    }
    index::register_tokenizers(&index);
    Ok((index, fields))
}
