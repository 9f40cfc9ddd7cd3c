//! A load generator for `marsad serve`.
//!
//! It first asks the server what it holds — `/api/stats`, a date-ordered listing
//! through `/api/search` (article ids, and search queries drawn from the titles),
//! `/api/entities` — then N clients, each on its own keep-alive HTTP/1.1
//! connection, send a weighted mix of real requests for a fixed time: searches
//! (API and UI), articles (API and UI), entities (API and UI), entity timelines
//! and networks. Every request expects `200`; anything else is an error counted by
//! kind (`status_429`, `connect`, `timeout`, …). The report is JSON: requests,
//! requests per second, latency percentiles per endpoint and overall, errors, and
//! the server's resident memory before and after (from `/proc/<pid>/status`).
//!
//! It uses only HTTP (no Marsad crate): it measures the server as a client sees it.

use anyhow::{anyhow, bail, Context, Result};
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// One kind of request in the mix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Endpoint {
    /// `GET /api/search?q=…`
    Search,
    /// `GET /?q=…` (the UI's search page)
    SearchPage,
    /// `GET /api/articles/{id}`
    Article,
    /// `GET /article/{id}`
    ArticlePage,
    /// `GET /api/entities/{id}`
    Entity,
    /// `GET /entity/{id}`
    EntityPage,
    /// `GET /api/entities/{id}/timeline`
    Timeline,
    /// `GET /api/entities/{id}/network`
    Network,
}

impl Endpoint {
    pub const ALL: [Endpoint; 8] = [
        Endpoint::Search,
        Endpoint::SearchPage,
        Endpoint::Article,
        Endpoint::ArticlePage,
        Endpoint::Entity,
        Endpoint::EntityPage,
        Endpoint::Timeline,
        Endpoint::Network,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Endpoint::Search => "search",
            Endpoint::SearchPage => "search_page",
            Endpoint::Article => "article",
            Endpoint::ArticlePage => "article_page",
            Endpoint::Entity => "entity",
            Endpoint::EntityPage => "entity_page",
            Endpoint::Timeline => "timeline",
            Endpoint::Network => "network",
        }
    }

    /// Share of the mix (out of the sum of all weights).
    pub fn weight(self) -> u32 {
        match self {
            Endpoint::Search => 30,
            Endpoint::SearchPage => 5,
            Endpoint::Article => 15,
            Endpoint::ArticlePage => 15,
            Endpoint::Entity => 8,
            Endpoint::EntityPage => 2,
            Endpoint::Timeline => 15,
            Endpoint::Network => 10,
        }
    }
}

/// How to load the server.
#[derive(Clone, Debug)]
pub struct Config {
    /// `http://host:port` (no TLS).
    pub url: String,
    pub duration: Duration,
    pub concurrency: usize,
    /// The server's process id, for its resident memory.
    pub pid: Option<u32>,
    /// Search queries to use instead of those drawn from the titles.
    pub queries: Option<Vec<String>>,
    /// Seed of the clients' choices (the same seed, the same sequence per client).
    pub seed: u64,
    /// A request taking longer than this is an error (`timeout`).
    pub request_timeout: Duration,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            url: "http://127.0.0.1:8080".into(),
            duration: Duration::from_secs(20),
            concurrency: 64,
            pid: None,
            queries: None,
            seed: 1,
            request_timeout: Duration::from_secs(10),
        }
    }
}

/// What the requests are about: drawn from the server's own store.
#[derive(Clone, Debug, Default)]
pub struct Targets {
    pub queries: Vec<String>,
    pub articles: Vec<String>,
    pub entities: Vec<String>,
    /// Articles in the store (`/api/stats`).
    pub store_articles: u64,
}

/// `host:port` of an `http://` URL.
pub fn authority(url: &str) -> Result<String> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| anyhow!("the URL must start with http:// (no TLS): {url}"))?;
    let auth = rest.split('/').next().unwrap_or("");
    if auth.is_empty() {
        bail!("no host in {url}");
    }
    Ok(if auth.contains(':') && !auth.ends_with(']') {
        auth.to_string()
    } else {
        format!("{auth}:80")
    })
}

/// Percent-encode a query-string value.
pub fn enc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// One keep-alive HTTP/1.1 connection.
struct Conn {
    send: hyper::client::conn::http1::SendRequest<Empty<Bytes>>,
    host: String,
}

impl Conn {
    async fn open(authority: &str) -> Result<Conn> {
        let stream = tokio::net::TcpStream::connect(authority)
            .await
            .with_context(|| format!("cannot connect to {authority}"))?;
        let _ = stream.set_nodelay(true);
        let (send, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
        tokio::spawn(async move {
            let _ = conn.await;
        });
        Ok(Conn {
            send,
            host: authority.to_string(),
        })
    }

    /// GET `path`: status and body.
    async fn get(&mut self, path: &str) -> Result<(u16, Bytes)> {
        self.send.ready().await?;
        let req = hyper::Request::get(path)
            .header(hyper::header::HOST, &self.host)
            .body(Empty::<Bytes>::new())?;
        let resp = self.send.send_request(req).await?;
        let status = resp.status().as_u16();
        let body = resp.into_body().collect().await?.to_bytes();
        Ok((status, body))
    }
}

async fn get_json(conn: &mut Conn, path: &str) -> Result<Value> {
    let (status, body) = conn.get(path).await?;
    if status != 200 {
        bail!(
            "GET {path}: status {status}: {}",
            String::from_utf8_lossy(&body)
        );
    }
    serde_json::from_slice(&body).with_context(|| format!("GET {path}: not JSON"))
}

/// Ask the server what it holds: article ids and titles (a date-ordered listing,
/// up to 1,000 articles), queries drawn from the titles (one or two words), and the
/// most mentioned entities.
pub async fn discover(cfg: &Config) -> Result<Targets> {
    let mut conn = Conn::open(&authority(&cfg.url)?).await?;
    let stats = get_json(&mut conn, "/api/stats").await?;
    let store_articles = stats["articles"].as_u64().unwrap_or(0);
    if store_articles == 0 {
        bail!("the store is empty");
    }
    let mut t = Targets {
        store_articles,
        ..Default::default()
    };
    let mut titles = Vec::new();
    for offset in (0..1000).step_by(100) {
        let v = get_json(
            &mut conn,
            &format!("/api/search?q=&sort=date&limit=100&offset={offset}&facets=false"),
        )
        .await?;
        let hits = v["hits"].as_array().cloned().unwrap_or_default();
        for h in &hits {
            if let Some(id) = h["id"].as_str() {
                t.articles.push(id.to_string());
            }
            if let Some(title) = h["title"].as_str() {
                titles.push(title.to_string());
            }
        }
        if hits.len() < 100 {
            break;
        }
    }
    let mut rng = Rng::new(cfg.seed ^ 0x5eed);
    t.queries = match &cfg.queries {
        Some(q) => q.clone(),
        None => titles
            .iter()
            .filter_map(|title| query_from_title(title, &mut rng))
            .collect(),
    };
    let ents = get_json(&mut conn, "/api/entities?limit=300").await?;
    t.entities = ents
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|e| e["id"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    if t.articles.is_empty() || t.queries.is_empty() || t.entities.is_empty() {
        bail!(
            "too little to ask about: {} articles, {} queries, {} entities",
            t.articles.len(),
            t.queries.len(),
            t.entities.len()
        );
    }
    Ok(t)
}

/// One or two consecutive words (of at least three letters) of a title.
fn query_from_title(title: &str, rng: &mut Rng) -> Option<String> {
    let words: Vec<&str> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .collect();
    if words.is_empty() {
        return None;
    }
    let i = rng.below(words.len());
    if rng.below(2) == 0 || i + 1 == words.len() {
        Some(words[i].to_string())
    } else {
        Some(format!("{} {}", words[i], words[i + 1]))
    }
}

/// xorshift64*: the clients' choices, reproducible from the seed.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn pick<'a>(rng: &mut Rng, v: &'a [String]) -> &'a str {
    &v[rng.below(v.len())]
}

fn choose(rng: &mut Rng) -> Endpoint {
    let total: u32 = Endpoint::ALL.iter().map(|e| e.weight()).sum();
    let mut r = rng.below(total as usize) as u32;
    for e in Endpoint::ALL {
        if r < e.weight() {
            return e;
        }
        r -= e.weight();
    }
    Endpoint::Search
}

fn request_path(e: Endpoint, t: &Targets, rng: &mut Rng) -> String {
    match e {
        Endpoint::Search => {
            let sort = if rng.below(4) == 0 { "&sort=date" } else { "" };
            format!("/api/search?q={}{sort}", enc(pick(rng, &t.queries)))
        }
        Endpoint::SearchPage => format!("/?q={}", enc(pick(rng, &t.queries))),
        Endpoint::Article => format!("/api/articles/{}", pick(rng, &t.articles)),
        Endpoint::ArticlePage => format!("/article/{}", pick(rng, &t.articles)),
        Endpoint::Entity => format!("/api/entities/{}", pick(rng, &t.entities)),
        Endpoint::EntityPage => format!("/entity/{}", pick(rng, &t.entities)),
        Endpoint::Timeline => {
            let g = ["day", "week", "month"][rng.below(3)];
            format!(
                "/api/entities/{}/timeline?granularity={g}",
                pick(rng, &t.entities)
            )
        }
        Endpoint::Network => format!("/api/entities/{}/network", pick(rng, &t.entities)),
    }
}

/// What one client saw.
#[derive(Default)]
struct Tally {
    /// Latencies in microseconds, per endpoint.
    latencies: BTreeMap<Endpoint, Vec<u64>>,
    /// Errors per endpoint, by kind.
    errors: BTreeMap<Endpoint, BTreeMap<String, u64>>,
    /// Body bytes received.
    bytes: u64,
}

impl Tally {
    fn error(&mut self, e: Endpoint, kind: impl Into<String>) {
        *self
            .errors
            .entry(e)
            .or_default()
            .entry(kind.into())
            .or_default() += 1;
    }

    fn merge(&mut self, other: Tally) {
        for (e, mut l) in other.latencies {
            self.latencies.entry(e).or_default().append(&mut l);
        }
        for (e, kinds) in other.errors {
            for (k, n) in kinds {
                *self.errors.entry(e).or_default().entry(k).or_default() += n;
            }
        }
        self.bytes += other.bytes;
    }
}

async fn client(
    authority: String,
    targets: std::sync::Arc<Targets>,
    seed: u64,
    deadline: Instant,
    timeout: Duration,
) -> Tally {
    let mut rng = Rng::new(seed);
    let mut tally = Tally::default();
    let mut conn: Option<Conn> = None;
    while Instant::now() < deadline {
        let e = choose(&mut rng);
        let path = request_path(e, &targets, &mut rng);
        let start = Instant::now();
        if conn.is_none() {
            match tokio::time::timeout(timeout, Conn::open(&authority)).await {
                Ok(Ok(c)) => conn = Some(c),
                Ok(Err(_)) | Err(_) => {
                    tally.error(e, "connect");
                    // Do not spin on a server that refuses connections.
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            }
        }
        let c = conn.as_mut().expect("connected");
        match tokio::time::timeout(timeout, c.get(&path)).await {
            Ok(Ok((status, body))) => {
                let us = start.elapsed().as_micros() as u64;
                tally.latencies.entry(e).or_default().push(us);
                tally.bytes += body.len() as u64;
                if status != 200 {
                    tally.error(e, format!("status_{status}"));
                }
            }
            Ok(Err(err)) => {
                let kind = if err.to_string().contains("closed") {
                    "connection_closed"
                } else {
                    "io"
                };
                tally.error(e, kind);
                conn = None;
            }
            Err(_) => {
                tally.error(e, "timeout");
                conn = None;
            }
        }
    }
    tally
}

/// Resident and peak resident memory of a process, in KB (`VmRSS`, `VmHWM`).
pub fn rss_kb(pid: u32) -> Option<(u64, u64)> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| {
        s.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[i.min(sorted.len() - 1)] as f64 / 1000.0
}

fn summary(lat: &mut [u64], errors: u64, secs: f64) -> Value {
    lat.sort_unstable();
    let ms = |x: f64| (x * 1000.0).round() / 1000.0;
    json!({
        "requests": lat.len() as u64,
        "rps": ((lat.len() as f64 / secs) * 10.0).round() / 10.0,
        "errors": errors,
        "p50_ms": ms(percentile(lat, 50.0)),
        "p90_ms": ms(percentile(lat, 90.0)),
        "p99_ms": ms(percentile(lat, 99.0)),
        "max_ms": ms(lat.last().copied().unwrap_or(0) as f64 / 1000.0),
    })
}

/// Run the load: `concurrency` clients for `duration`, then the report.
pub async fn run(cfg: &Config, targets: &Targets) -> Result<Value> {
    let authority = authority(&cfg.url)?;
    let targets = std::sync::Arc::new(targets.clone());
    let rss_before = cfg.pid.and_then(rss_kb);
    let start = Instant::now();
    let deadline = start + cfg.duration;
    let mut tasks = Vec::with_capacity(cfg.concurrency);
    for i in 0..cfg.concurrency {
        tasks.push(tokio::spawn(client(
            authority.clone(),
            targets.clone(),
            cfg.seed.wrapping_add(i as u64 * 7919),
            deadline,
            cfg.request_timeout,
        )));
    }
    let mut tally = Tally::default();
    for t in tasks {
        tally.merge(t.await.context("a client failed")?);
    }
    let secs = start.elapsed().as_secs_f64();
    // Let the server settle (requests finished, connections closed) before its RSS.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let rss_after = cfg.pid.and_then(rss_kb);

    let mut endpoints = serde_json::Map::new();
    let mut all = Vec::new();
    let mut total_errors = 0u64;
    let mut by_kind: BTreeMap<String, u64> = BTreeMap::new();
    for e in Endpoint::ALL {
        let mut lat = tally.latencies.remove(&e).unwrap_or_default();
        let errs = tally.errors.get(&e).cloned().unwrap_or_default();
        let n_err: u64 = errs.values().sum();
        // Requests that got no answer at all (connect, io, timeout) have no latency.
        let unanswered: u64 = errs
            .iter()
            .filter(|(k, _)| !k.starts_with("status_"))
            .map(|(_, n)| n)
            .sum();
        for (k, n) in &errs {
            *by_kind.entry(k.clone()).or_default() += n;
        }
        total_errors += n_err;
        let mut s = summary(&mut lat, n_err, secs);
        s["requests"] = json!(lat.len() as u64 + unanswered);
        if !errs.is_empty() {
            s["errors_by_kind"] = json!(errs);
        }
        endpoints.insert(e.name().to_string(), s);
        all.extend(lat);
    }
    let answered = all.len() as u64;
    let unanswered: u64 = by_kind
        .iter()
        .filter(|(k, _)| !k.starts_with("status_"))
        .map(|(_, n)| n)
        .sum();
    let mut overall = summary(&mut all, total_errors, secs);
    overall["requests"] = json!(answered + unanswered);
    let rss = |r: Option<(u64, u64)>| r.map(|(rss, _)| rss);
    Ok(json!({
        "tool": "marsad-load",
        "url": cfg.url,
        "concurrency": cfg.concurrency,
        "duration_s": (secs * 100.0).round() / 100.0,
        "seed": cfg.seed,
        "requests": answered + unanswered,
        "rps": ((answered as f64 / secs) * 10.0).round() / 10.0,
        "mb_received": ((tally.bytes as f64 / 1e6) * 10.0).round() / 10.0,
        "overall": overall,
        "endpoints": endpoints,
        "errors": { "total": total_errors, "by_kind": by_kind },
        "rss_kb": {
            "pid": cfg.pid,
            "before": rss(rss_before),
            "after": rss(rss_after),
            "growth": match (rss(rss_before), rss(rss_after)) {
                (Some(b), Some(a)) => Some(a as i64 - b as i64),
                _ => None,
            },
            "peak": rss_after.map(|(_, hwm)| hwm),
        },
        "targets": {
            "store_articles": targets.store_articles,
            "queries": targets.queries.len(),
            "articles": targets.articles.len(),
            "entities": targets.entities.len(),
        },
        "mix": Endpoint::ALL.iter().map(|e| (e.name(), e.weight())).collect::<BTreeMap<_, _>>(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authorities() {
        assert_eq!(
            authority("http://127.0.0.1:8080").unwrap(),
            "127.0.0.1:8080"
        );
        assert_eq!(authority("http://localhost/x").unwrap(), "localhost:80");
        assert!(authority("https://x").is_err());
    }

    #[test]
    fn mix_and_queries() {
        let mut rng = Rng::new(3);
        let mut seen = BTreeMap::new();
        for _ in 0..10_000 {
            *seen.entry(choose(&mut rng)).or_insert(0u32) += 1;
        }
        assert_eq!(seen.len(), Endpoint::ALL.len());
        let q = query_from_title("وزير الخارجية يزور الرياض - واس", &mut rng).unwrap();
        assert!(!q.is_empty() && !q.contains('-'));
        assert_eq!(enc("a b/ج"), "a%20b%2F%D8%AC");
    }

    #[test]
    fn percentiles() {
        let v: Vec<u64> = (1..=100).map(|x| x * 1000).collect();
        assert_eq!(percentile(&v, 50.0), 51.0);
        assert_eq!(percentile(&v, 99.0), 99.0);
    }
}
