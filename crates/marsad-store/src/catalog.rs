//! The catalog: SQLite tables of articles, entities, mentions, quotes and events,
//! and the analytics queries over them.
//!
//! The catalog is the store's record of truth: an article is ingested when its
//! row is committed here, in the same transaction as the entity registry's
//! changes. The full-text index is written first, idempotently (delete + add by
//! article id), and documents the catalog lacks are removed when the store is
//! next opened for writing.

use marsad_article::Article;
use marsad_entities::registry::RegEntity;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Transaction};
use serde::Serialize;
use std::path::Path;

/// Catalog schema version (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = 4;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    url TEXT,
    title TEXT,
    outlet TEXT,
    published TEXT,
    day TEXT,
    chars INTEGER NOT NULL,
    record TEXT NOT NULL,
    -- The story (near-duplicate group) the article belongs to: the id of the
    -- story's first stored article (its own id when it has no copies).
    story TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS articles_seq ON articles(seq);
CREATE INDEX IF NOT EXISTS articles_story ON articles(story);
-- MinHash signature of each article's text (marsad-dedup), in ingest order: the
-- story index is rebuilt from these on open.
CREATE TABLE IF NOT EXISTS signatures (
    seq INTEGER PRIMARY KEY,
    sig BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_day ON articles(day);
CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet, day);
CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY,
    -- position in the registry (its insertion order), kept so a reopened store
    -- rebuilds the very same registry
    ord INTEGER NOT NULL,
    label TEXT NOT NULL,
    name TEXT NOT NULL,
    latin TEXT,
    country TEXT,
    agent TEXT,
    articles INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    first_seen TEXT,
    last_seen TEXT,
    -- the registry entity (marsad_entities::registry::RegEntity) as JSON
    reg TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entities_articles ON entities(articles DESC);
CREATE TABLE IF NOT EXISTS mentions (
    article_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    entity_id TEXT,
    label TEXT NOT NULL,
    kind TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_id);
CREATE TABLE IF NOT EXISTS article_entities (
    article_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    day TEXT,
    PRIMARY KEY (article_id, entity_id)
);
CREATE INDEX IF NOT EXISTS article_entities_entity ON article_entities(entity_id, day);
CREATE TABLE IF NOT EXISTS quotes (
    article_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    kind TEXT NOT NULL,
    verb TEXT,
    speaker TEXT,
    speaker_entity TEXT,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    flags TEXT NOT NULL,
    day TEXT,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_entity, day);
CREATE TABLE IF NOT EXISTS events (
    article_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    code TEXT NOT NULL,
    base_code TEXT NOT NULL,
    root_code TEXT NOT NULL,
    quad_class INTEGER NOT NULL,
    goldstein REAL NOT NULL,
    actor TEXT,
    actor_text TEXT,
    actor_code TEXT,
    target TEXT,
    target_text TEXT,
    target_code TEXT,
    date TEXT,
    date_how TEXT,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    -- the sentence the event was found in
    sentence TEXT NOT NULL,
    flags TEXT NOT NULL,
    day TEXT,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX IF NOT EXISTS events_root ON events(root_code, day);
CREATE INDEX IF NOT EXISTS events_actor ON events(actor);
CREATE INDEX IF NOT EXISTS events_target ON events(target);
";

/// Open (and create) the catalog; a catalog of another schema version is refused.
pub fn open(path: &Path, read_only: bool) -> anyhow::Result<Connection> {
    let conn = if read_only {
        Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?
    } else {
        let c = Connection::open(path)?;
        check_version(&c, path)?;
        c.pragma_update(None, "journal_mode", "WAL")?;
        c.pragma_update(None, "synchronous", "NORMAL")?;
        c.execute_batch(SCHEMA)?;
        c.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        c
    };
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    check_version(&conn, path)?;
    Ok(conn)
}

fn check_version(c: &Connection, path: &Path) -> anyhow::Result<()> {
    let v: i64 = c.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if v != 0 && v != SCHEMA_VERSION {
        anyhow::bail!(
            "{} has catalog schema {v}, this Marsad writes schema {SCHEMA_VERSION}: ingest into a new store",
            path.display()
        );
    }
    Ok(())
}

/// `YYYY-MM-DD` of the article's publication, when known.
pub fn day_of(a: &Article) -> Option<String> {
    let v = &a.published.as_ref()?.value;
    let d: String = v.chars().take(10).collect();
    let b = d.as_bytes();
    (b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().all(|c| c.is_ascii_digit() || *c == b'-'))
    .then_some(d)
}

pub fn has_article(conn: &Connection, id: &str) -> rusqlite::Result<bool> {
    conn.query_row("SELECT 1 FROM articles WHERE id = ?1", [id], |_| Ok(()))
        .optional()
        .map(|r| r.is_some())
}

pub fn article_count(conn: &Connection) -> rusqlite::Result<u64> {
    conn.query_row("SELECT count(*) FROM articles", [], |r| {
        r.get::<_, i64>(0).map(|n| n as u64)
    })
}

fn next_seq(tx: &Transaction) -> rusqlite::Result<i64> {
    tx.query_row("SELECT coalesce(max(seq), 0) + 1 FROM articles", [], |r| {
        r.get(0)
    })
}

/// Insert one article and all its layers (the article must not be in the catalog).
/// Store an article (in story `story`) and its text's MinHash signature.
pub fn insert_article(
    tx: &Transaction,
    a: &Article,
    story: &str,
    signature: &[u32],
) -> anyhow::Result<()> {
    let day = day_of(a);
    let record = serde_json::to_string(a)?;
    let seq = next_seq(tx)?;
    let sig: Vec<u8> = signature.iter().flat_map(|v| v.to_le_bytes()).collect();
    tx.prepare_cached("INSERT INTO signatures (seq, sig) VALUES (?1, ?2)")?
        .execute(params![seq, sig])?;
    tx.execute(
        "INSERT INTO articles (id, seq, url, title, outlet, published, day, chars, record, story)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            a.id,
            seq,
            a.url,
            a.title,
            a.outlet,
            a.published.as_ref().map(|p| &p.value),
            day,
            a.char_len() as i64,
            record,
            story
        ],
    )?;
    let mut per_entity: std::collections::BTreeMap<&str, i64> = Default::default();
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO mentions (article_id, idx, entity_id, label, kind, start, end, text)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for (i, m) in a.mentions.iter().enumerate() {
            let kind = serde_json::to_value(m.kind)?;
            st.execute(params![
                a.id,
                i as i64,
                m.entity,
                m.label,
                kind.as_str().unwrap_or("name"),
                m.span.start as i64,
                m.span.end as i64,
                m.text
            ])?;
            if let Some(e) = &m.entity {
                *per_entity.entry(e.as_str()).or_default() += 1;
            }
        }
    }
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO article_entities (article_id, entity_id, mentions, day) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (e, n) in &per_entity {
            st.execute(params![a.id, e, n, day])?;
        }
    }
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO quotes (article_id, idx, kind, verb, speaker, speaker_entity, start, end, text, flags, day)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        for (i, q) in a.quotes.iter().enumerate() {
            st.execute(params![
                a.id,
                i as i64,
                q.kind,
                q.verb,
                q.speaker,
                q.speaker_entity,
                q.span.start as i64,
                q.span.end as i64,
                a.slice(q.span),
                q.flags.join(","),
                day
            ])?;
        }
    }
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO events (article_id, idx, code, base_code, root_code, quad_class, goldstein,
               actor, actor_text, actor_code, target, target_text, target_code, date, date_how,
               start, end, text, sentence, flags, day)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
        )?;
        for (i, e) in a.events.iter().enumerate() {
            st.execute(params![
                a.id,
                i as i64,
                e.code,
                e.base_code,
                e.root_code,
                e.quad_class as i64,
                e.goldstein as f64,
                e.actor,
                e.actor_text,
                e.actor_code,
                e.target,
                e.target_text,
                e.target_code,
                e.date,
                e.date_how,
                e.span.start as i64,
                e.span.end as i64,
                a.slice(e.span),
                a.slice(sentence_of(a, e.span)).trim(),
                e.flags.join(","),
                day
            ])?;
        }
    }
    Ok(())
}

/// Articles' ids and signatures in ingest order (to rebuild the story index).
pub fn signatures(conn: &Connection) -> rusqlite::Result<Vec<(String, Vec<u32>)>> {
    let mut st = conn.prepare(
        "SELECT a.id, s.sig FROM signatures s JOIN articles a ON a.seq = s.seq ORDER BY s.seq",
    )?;
    let rows = st.query_map([], |r| {
        let blob: Vec<u8> = r.get(1)?;
        let sig = blob
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        Ok((r.get::<_, String>(0)?, sig))
    })?;
    rows.collect()
}

/// Move every article of story `from` into story `to` (two stories found to be one).
pub fn merge_story(tx: &Transaction, from: &str, to: &str) -> rusqlite::Result<()> {
    tx.prepare_cached("UPDATE articles SET story = ?2 WHERE story = ?1")?
        .execute(params![from, to])?;
    Ok(())
}

/// The story of an article.
pub fn story_of(conn: &Connection, id: &str) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached("SELECT story FROM articles WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()
}

/// The story of each of these articles (those the catalog has).
pub fn stories_of(
    conn: &Connection,
    ids: &[&str],
) -> rusqlite::Result<std::collections::HashMap<String, String>> {
    let mut out = std::collections::HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let marks = vec!["?"; chunk.len()].join(",");
        let mut st = conn.prepare(&format!(
            "SELECT id, story FROM articles WHERE id IN ({marks})"
        ))?;
        let rows = st.query_map(rusqlite::params_from_iter(chunk.iter()), |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (id, story) = row?;
            out.insert(id, story);
        }
    }
    Ok(out)
}

/// How many articles a story holds.
pub fn story_size(conn: &Connection, story: &str) -> rusqlite::Result<u64> {
    conn.prepare_cached("SELECT count(*) FROM articles WHERE story = ?1")?
        .query_row([story], |r| r.get::<_, i64>(0))
        .map(|n| n as u64)
}

/// The articles of a story, earliest published first.
pub fn story_members(conn: &Connection, story: &str) -> rusqlite::Result<Vec<StoryMember>> {
    let mut st = conn.prepare_cached(
        "SELECT id, title, outlet, day FROM articles WHERE story = ?1
         ORDER BY published IS NULL, published, seq LIMIT 500",
    )?;
    let rows = st.query_map([story], |r| {
        Ok(StoryMember {
            id: r.get(0)?,
            title: r.get(1)?,
            outlet: r.get(2)?,
            day: r.get(3)?,
        })
    })?;
    rows.collect()
}

/// One article of a story.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StoryMember {
    pub id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub day: Option<String>,
}

/// The sentence holding a span (the span itself when no sentence does).
fn sentence_of(a: &Article, span: marsad_article::Span) -> marsad_article::Span {
    a.sentences
        .iter()
        .copied()
        .find(|s| s.start <= span.start && span.start < s.end)
        .unwrap_or(span)
}

/// Write (or rewrite) an entity row from the registry; `ord` is its registry position.
pub fn upsert_entity(tx: &Transaction, e: &RegEntity, ord: usize) -> anyhow::Result<()> {
    let mut st = tx.prepare_cached(
        "INSERT OR REPLACE INTO entities (id, ord, label, name, latin, country, agent, articles, mentions, first_seen, last_seen, reg)
         VALUES (?1, ?12, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    st.execute(params![
        e.id,
        e.label,
        e.name,
        e.latin,
        e.country,
        e.agent,
        e.articles as i64,
        e.mentions as i64,
        e.first_seen,
        e.last_seen,
        serde_json::to_string(e)?,
        ord as i64
    ])?;
    Ok(())
}

/// The entity registry kept in the catalog: every entity, and the articles counted.
pub fn load_registry(conn: &Connection) -> anyhow::Result<marsad_entities::Registry> {
    let mut st = conn.prepare("SELECT reg FROM entities ORDER BY ord")?;
    let mut entities = Vec::new();
    for r in st.query_map([], |r| r.get::<_, String>(0))? {
        let e: RegEntity = serde_json::from_str(&r?)
            .map_err(|e| anyhow::anyhow!("catalog: a broken entity record: {e}"))?;
        entities.push(e);
    }
    let mut st = conn.prepare("SELECT id FROM articles")?;
    let seen: Vec<String> = st
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(marsad_entities::Registry::from_parts(entities, seen))
}

/// What the catalog keeps of a registry entity (its bookkeeping left out).
#[derive(Debug, Clone, Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct EntityRecord {
    pub id: String,
    pub label: String,
    pub name: String,
    pub names: Vec<String>,
    pub latin: Option<String>,
    pub country: Option<String>,
    pub agent: Option<String>,
    pub roles: Vec<String>,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    pub articles: u64,
    pub mentions: u64,
}

impl From<&RegEntity> for EntityRecord {
    fn from(e: &RegEntity) -> Self {
        EntityRecord {
            id: e.id.clone(),
            label: e.label.clone(),
            name: e.name.clone(),
            names: e.names.clone(),
            latin: e.latin.clone(),
            country: e.country.clone(),
            agent: e.agent.clone(),
            roles: e.roles.clone(),
            first_seen: e.first_seen.clone(),
            last_seen: e.last_seen.clone(),
            articles: e.articles,
            mentions: e.mentions,
        }
    }
}

/// Time buckets for timelines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Day,
    Week,
    Month,
}

impl Granularity {
    /// SQL expression of the bucket of a `day` column.
    fn bucket(self, col: &str) -> String {
        match self {
            Granularity::Day => col.to_string(),
            // ISO-like week label of the Monday that starts the week.
            Granularity::Week => {
                format!("date({col}, '-' || ((strftime('%w', {col}) + 6) % 7) || ' days')")
            }
            Granularity::Month => format!("substr({col}, 1, 7)"),
        }
    }

    pub fn parse(s: &str) -> Option<Granularity> {
        match s {
            "day" => Some(Granularity::Day),
            "week" => Some(Granularity::Week),
            "month" => Some(Granularity::Month),
            _ => None,
        }
    }
}

/// A count in one time bucket.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Bucket {
    /// `YYYY-MM-DD` (day, or the Monday of a week) or `YYYY-MM` (month).
    pub period: String,
    pub count: u64,
}

/// Articles mentioning an entity per time bucket.
pub fn entity_timeline(
    conn: &Connection,
    entity: &str,
    g: Granularity,
) -> rusqlite::Result<Vec<Bucket>> {
    let b = g.bucket("day");
    let mut st = conn.prepare_cached(&format!(
        "SELECT {b} AS p, count(*) FROM article_entities WHERE entity_id = ?1 AND day IS NOT NULL
         GROUP BY p ORDER BY p"
    ))?;
    let rows = st.query_map([entity], |r| {
        Ok(Bucket {
            period: r.get(0)?,
            count: r.get::<_, i64>(1)? as u64,
        })
    })?;
    rows.collect()
}

/// An entity with a weight (co-mentions, counts).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Neighbour {
    pub id: String,
    pub label: String,
    pub name: String,
    pub latin: Option<String>,
    /// Articles that mention both.
    pub weight: u64,
}

/// A number that changes whenever the article–entity table does (rows are only
/// ever added to it), so results derived from it can be cached until it moves.
/// Cheap: the last rowid is found in the table's b-tree.
pub fn co_mention_generation(conn: &Connection) -> rusqlite::Result<i64> {
    conn.prepare_cached("SELECT coalesce(max(rowid), 0) FROM article_entities")?
        .query_row([], |r| r.get(0))
}

/// The entities most often mentioned in the same articles as `entity`.
pub fn co_mentions(
    conn: &Connection,
    entity: &str,
    limit: usize,
) -> rusqlite::Result<Vec<Neighbour>> {
    let mut st = conn.prepare_cached(
        "SELECT b.entity_id, count(*) AS w FROM article_entities a
         JOIN article_entities b ON a.article_id = b.article_id AND b.entity_id != a.entity_id
         WHERE a.entity_id = ?1 GROUP BY b.entity_id ORDER BY w DESC, b.entity_id LIMIT ?2",
    )?;
    let pairs: Vec<(String, u64)> = st
        .query_map(params![entity, limit as i64], |r| {
            Ok((r.get(0)?, r.get::<_, i64>(1)? as u64))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(pairs.len());
    for (id, weight) in pairs {
        if let Some(e) = entity_row(conn, &id)? {
            out.push(Neighbour {
                id,
                label: e.label,
                name: e.name,
                latin: e.latin,
                weight,
            });
        }
    }
    Ok(out)
}

/// Edges among a set of entities: (a, b, articles mentioning both), a < b.
pub fn edges_among(
    conn: &Connection,
    ids: &[String],
) -> rusqlite::Result<Vec<(String, String, u64)>> {
    if ids.len() < 2 {
        return Ok(Vec::new());
    }
    let list = vec!["?"; ids.len()].join(",");
    let mut st = conn.prepare(&format!(
        "SELECT a.entity_id, b.entity_id, count(*) FROM article_entities a
         JOIN article_entities b ON a.article_id = b.article_id AND a.entity_id < b.entity_id
         WHERE a.entity_id IN ({list}) AND b.entity_id IN ({list})
         GROUP BY a.entity_id, b.entity_id"
    ))?;
    let args: Vec<&dyn rusqlite::ToSql> = ids
        .iter()
        .chain(ids.iter())
        .map(|s| s as &dyn rusqlite::ToSql)
        .collect();
    let rows = st.query_map(args.as_slice(), |r| {
        Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as u64))
    })?;
    rows.collect()
}

/// An entity's canonical name (cheap: no record parsing).
pub fn entity_name(conn: &Connection, id: &str) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached("SELECT name FROM entities WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()
}

/// One entity's catalog row.
pub fn entity_row(conn: &Connection, id: &str) -> rusqlite::Result<Option<EntityRecord>> {
    conn.query_row("SELECT reg FROM entities WHERE id = ?1", [id], |r| {
        r.get::<_, String>(0)
    })
    .optional()
    .map(|o| o.and_then(|s| entity_record(&s)))
}

/// Entities by number of articles, optionally of one type and matching a name prefix.
pub fn top_entities(
    conn: &Connection,
    label: Option<&str>,
    limit: usize,
    offset: usize,
) -> rusqlite::Result<Vec<EntityRecord>> {
    let mut st = conn.prepare_cached(
        "SELECT reg FROM entities WHERE (?1 IS NULL OR label = ?1)
         ORDER BY articles DESC, id LIMIT ?2 OFFSET ?3",
    )?;
    let rows = st.query_map(params![label, limit as i64, offset as i64], |r| {
        r.get::<_, String>(0)
    })?;
    let mut out = Vec::new();
    for s in rows {
        out.extend(entity_record(&s?));
    }
    Ok(out)
}

fn entity_record(reg_json: &str) -> Option<EntityRecord> {
    serde_json::from_str::<RegEntity>(reg_json)
        .ok()
        .map(|e| EntityRecord::from(&e))
}

/// The stored article record (JSON).
pub fn article_record(conn: &Connection, id: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT record FROM articles WHERE id = ?1", [id], |r| {
        r.get(0)
    })
    .optional()
}

/// Text, title, outlet and date of an article (for result lists).
pub struct ArticleHead {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub day: Option<String>,
    pub text: String,
}

pub fn article_head(conn: &Connection, id: &str) -> rusqlite::Result<Option<ArticleHead>> {
    conn.query_row(
        "SELECT title, outlet, url, day, json_extract(record, '$.text') FROM articles WHERE id = ?1",
        [id],
        |r| {
            Ok(ArticleHead {
                title: r.get(0)?,
                outlet: r.get(1)?,
                url: r.get(2)?,
                day: r.get(3)?,
                text: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
            })
        },
    )
    .optional()
}

/// A quotation row.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QuoteRow {
    pub article_id: String,
    pub kind: String,
    pub verb: Option<String>,
    pub speaker: Option<String>,
    pub speaker_entity: Option<String>,
    pub start: u64,
    pub end: u64,
    pub text: String,
    pub flags: Vec<String>,
    pub day: Option<String>,
    pub title: Option<String>,
}

/// Quotes, newest first: of one speaker entity, or all.
pub fn quotes(
    conn: &Connection,
    speaker: Option<&str>,
    limit: usize,
    offset: usize,
) -> rusqlite::Result<Vec<QuoteRow>> {
    let mut st = conn.prepare_cached(
        "SELECT q.article_id, q.kind, q.verb, q.speaker, q.speaker_entity, q.start, q.end, q.text,
                q.flags, q.day, a.title
         FROM quotes q JOIN articles a ON a.id = q.article_id
         WHERE (?1 IS NULL OR q.speaker_entity = ?1)
         ORDER BY q.day DESC, a.seq DESC, q.idx LIMIT ?2 OFFSET ?3",
    )?;
    let rows = st.query_map(params![speaker, limit as i64, offset as i64], |r| {
        Ok(QuoteRow {
            article_id: r.get(0)?,
            kind: r.get(1)?,
            verb: r.get(2)?,
            speaker: r.get(3)?,
            speaker_entity: r.get(4)?,
            start: r.get::<_, i64>(5)? as u64,
            end: r.get::<_, i64>(6)? as u64,
            text: r.get(7)?,
            flags: split_flags(r.get::<_, String>(8)?),
            day: r.get(9)?,
            title: r.get(10)?,
        })
    })?;
    rows.collect()
}

fn split_flags(s: String) -> Vec<String> {
    s.split(',')
        .filter(|f| !f.is_empty())
        .map(str::to_string)
        .collect()
}

/// An event row.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EventRow {
    pub article_id: String,
    pub code: String,
    pub root_code: String,
    pub quad_class: u8,
    pub goldstein: f64,
    pub actor: Option<String>,
    pub actor_text: Option<String>,
    pub actor_code: Option<String>,
    pub target: Option<String>,
    pub target_text: Option<String>,
    pub target_code: Option<String>,
    pub date: Option<String>,
    pub date_how: Option<String>,
    /// The trigger.
    pub text: String,
    /// The sentence it was found in.
    pub sentence: String,
    pub flags: Vec<String>,
    pub day: Option<String>,
    pub title: Option<String>,
}

/// Which events to list or count.
#[derive(Debug, Clone, Default)]
pub struct EventFilter<'a> {
    pub root: Option<&'a str>,
    /// Actor or target entity id.
    pub entity: Option<&'a str>,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
}

const EVENT_WHERE: &str = "(?1 IS NULL OR e.root_code = ?1)
    AND (?2 IS NULL OR e.actor = ?2 OR e.target = ?2)
    AND (?3 IS NULL OR e.day >= ?3) AND (?4 IS NULL OR e.day <= ?4)";

pub fn events(
    conn: &Connection,
    f: &EventFilter,
    limit: usize,
    offset: usize,
) -> rusqlite::Result<Vec<EventRow>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT e.article_id, e.code, e.root_code, e.quad_class, e.goldstein, e.actor, e.actor_text,
                e.actor_code, e.target, e.target_text, e.target_code, e.date, e.date_how, e.text,
                e.sentence, e.flags, e.day, a.title
         FROM events e JOIN articles a ON a.id = e.article_id
         WHERE {EVENT_WHERE}
         ORDER BY coalesce(e.date, e.day) DESC, a.seq DESC, e.idx LIMIT ?5 OFFSET ?6"
    ))?;
    let rows = st.query_map(
        params![f.root, f.entity, f.from, f.to, limit as i64, offset as i64],
        |r| {
            Ok(EventRow {
                article_id: r.get(0)?,
                code: r.get(1)?,
                root_code: r.get(2)?,
                quad_class: r.get::<_, i64>(3)? as u8,
                goldstein: r.get(4)?,
                actor: r.get(5)?,
                actor_text: r.get(6)?,
                actor_code: r.get(7)?,
                target: r.get(8)?,
                target_text: r.get(9)?,
                target_code: r.get(10)?,
                date: r.get(11)?,
                date_how: r.get(12)?,
                text: r.get(13)?,
                sentence: r.get(14)?,
                flags: split_flags(r.get::<_, String>(15)?),
                day: r.get(16)?,
                title: r.get(17)?,
            })
        },
    )?;
    rows.collect()
}

/// A labelled count.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Count {
    pub key: String,
    pub count: u64,
}

/// Events per CAMEO root code (negated and future events left out).
pub fn event_roots(conn: &Connection, f: &EventFilter) -> rusqlite::Result<Vec<Count>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT e.root_code, count(*) AS n FROM events e WHERE {EVENT_WHERE}
           AND e.flags NOT LIKE '%negated%' AND e.flags NOT LIKE '%future%'
         GROUP BY e.root_code ORDER BY n DESC, e.root_code"
    ))?;
    let rows = st.query_map(params![f.root, f.entity, f.from, f.to], |r| {
        Ok(Count {
            key: r.get(0)?,
            count: r.get::<_, i64>(1)? as u64,
        })
    })?;
    rows.collect()
}

/// Events per (actor, target) pair of resolved entities.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PairCount {
    pub actor: String,
    pub actor_name: Option<String>,
    pub target: String,
    pub target_name: Option<String>,
    pub count: u64,
}

pub fn event_pairs(
    conn: &Connection,
    f: &EventFilter,
    limit: usize,
) -> rusqlite::Result<Vec<PairCount>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT e.actor, ea.name, e.target, et.name, count(*) AS n FROM events e
         LEFT JOIN entities ea ON ea.id = e.actor LEFT JOIN entities et ON et.id = e.target
         WHERE {EVENT_WHERE} AND e.actor IS NOT NULL AND e.target IS NOT NULL
           AND e.flags NOT LIKE '%negated%' AND e.flags NOT LIKE '%future%'
         GROUP BY e.actor, e.target ORDER BY n DESC, e.actor, e.target LIMIT ?5"
    ))?;
    let rows = st.query_map(params![f.root, f.entity, f.from, f.to, limit as i64], |r| {
        Ok(PairCount {
            actor: r.get(0)?,
            actor_name: r.get(1)?,
            target: r.get(2)?,
            target_name: r.get(3)?,
            count: r.get::<_, i64>(4)? as u64,
        })
    })?;
    rows.collect()
}

/// Articles per outlet per time bucket.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OutletBucket {
    pub outlet: String,
    pub period: String,
    pub count: u64,
}

pub fn outlet_volumes(conn: &Connection, g: Granularity) -> rusqlite::Result<Vec<OutletBucket>> {
    let b = g.bucket("day");
    let mut st = conn.prepare_cached(&format!(
        "SELECT coalesce(outlet, ''), {b} AS p, count(*) FROM articles WHERE day IS NOT NULL
         GROUP BY outlet, p ORDER BY outlet, p"
    ))?;
    let rows = st.query_map([], |r| {
        Ok(OutletBucket {
            outlet: r.get(0)?,
            period: r.get(1)?,
            count: r.get::<_, i64>(2)? as u64,
        })
    })?;
    rows.collect()
}

/// Store-wide counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Stats {
    pub articles: u64,
    pub entities: u64,
    pub mentions: u64,
    pub quotes: u64,
    pub events: u64,
    pub first_day: Option<String>,
    pub last_day: Option<String>,
}

pub fn stats(conn: &Connection) -> rusqlite::Result<Stats> {
    let n = |t: &str| -> rusqlite::Result<u64> {
        conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| {
            r.get::<_, i64>(0)
        })
        .map(|v| v as u64)
    };
    let (first_day, last_day) =
        conn.query_row("SELECT min(day), max(day) FROM articles", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    Ok(Stats {
        articles: n("articles")?,
        entities: n("entities")?,
        mentions: n("mentions")?,
        quotes: n("quotes")?,
        events: n("events")?,
        first_day,
        last_day,
    })
}
