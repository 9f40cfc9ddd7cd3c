//! `marsad ingest` and `marsad search`: the embedded store from the command line.

use crate::extract::{for_each_record, pipeline_config, InputOptions};
use anyhow::{Context, Result};
use clap::Args;
use marsad_readers::detect::Format;
use marsad_store::{IngestReport, SearchRequest, Sort, Store};
use std::path::PathBuf;
use std::process::ExitCode;

/// Articles committed to the store at a time: bigger batches ingest faster, smaller
/// ones lose less work to an interruption.
const DEFAULT_BATCH: usize = 1000;

#[derive(Args)]
pub struct IngestArgs {
    /// Input files or directories (any format `extract` reads); `-` or nothing = stdin.
    pub paths: Vec<PathBuf>,
    /// Store directory (default: $MARSAD_STORE, else ~/.local/share/marsad/store).
    #[arg(long)]
    pub store: Option<PathBuf>,
    /// Force the input format instead of detecting it.
    #[arg(long, value_parser = crate::extract::parse_format)]
    pub format: Option<Format>,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long)]
    pub threads: Option<usize>,
    /// Extra gazetteer entries for NER (`name<TAB>TYPE` lines).
    #[arg(long)]
    pub gazetteer: Option<PathBuf>,
    /// Articles per commit.
    #[arg(long, default_value_t = DEFAULT_BATCH)]
    pub batch: usize,
    /// No progress bar or summary.
    #[arg(short, long)]
    pub quiet: bool,
}

pub fn store_dir(p: Option<PathBuf>) -> PathBuf {
    p.unwrap_or_else(marsad_store::default_dir)
}

/// Ingest inputs into an open store; returns what was added and the read errors.
pub fn ingest_into(
    store: &Store,
    input: &InputOptions,
    cfg: &marsad_pipeline::PipelineConfig,
    batch_size: usize,
) -> Result<(IngestReport, u64)> {
    let mut total = IngestReport::default();
    let mut batch = Vec::with_capacity(batch_size);
    let mut flush = |batch: &mut Vec<marsad_article::Article>| -> Result<()> {
        let r = store.ingest(std::mem::take(batch))?;
        total.added += r.added;
        total.skipped += r.skipped;
        Ok(())
    };
    // Articles already stored are passed over before extraction, so a resumed
    // ingest only pays for what it adds.
    let already = std::sync::atomic::AtomicU64::new(0);
    let summary = for_each_record(
        input,
        |raw| {
            let id = marsad_pipeline::article_id_of(&raw);
            if store.contains(&id).unwrap_or(false) {
                already.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                return None;
            }
            Some(marsad_pipeline::build_article_with(raw, cfg))
        },
        |a| {
            batch.push(a);
            if batch.len() >= batch_size.max(1) {
                flush(&mut batch)?;
            }
            Ok(())
        },
    )?;
    flush(&mut batch)?;
    total.skipped += already.into_inner();
    Ok((total, summary.errors))
}

pub fn run_ingest(args: IngestArgs) -> Result<ExitCode> {
    let dir = store_dir(args.store);
    let store = Store::open(&dir)?;
    let cfg = pipeline_config(args.threads, args.gazetteer.as_deref(), false)?;
    let input = InputOptions {
        paths: &args.paths,
        format: args.format,
        quiet: args.quiet,
        one_per_line: false,
    };
    let (report, errors) = ingest_into(&store, &input, &cfg, args.batch)?;
    if !args.quiet {
        let s = store.stats()?;
        eprintln!(
            "marsad: ingested {} new articles ({} already stored, {errors} unreadable) into {}; the store holds {} articles, {} entities, {} quotes, {} events",
            report.added,
            report.skipped,
            dir.display(),
            s.articles,
            s.entities,
            s.quotes,
            s.events
        );
    }
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

#[derive(Args)]
pub struct SearchArgs {
    /// The query: words, "phrases", -exclusions, OR, and filters entity:, type:,
    /// outlet:, from:, to:, event:, speaker:.
    #[arg(required = true)]
    pub query: Vec<String>,
    /// Store directory (default: $MARSAD_STORE, else ~/.local/share/marsad/store).
    #[arg(long)]
    pub store: Option<PathBuf>,
    /// Order: relevance or date (newest first).
    #[arg(long, default_value = "relevance", value_parser = ["relevance", "date"])]
    pub sort: String,
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Print the response as JSON (hits, facets, warnings).
    #[arg(long)]
    pub json: bool,
    /// List every copy of a story (by default near-duplicate copies are folded
    /// into the best-ranked article of their story).
    #[arg(long)]
    pub all_copies: bool,
}

/// Tags of a snippet removed, matched words kept in «».
fn plain_snippet(html: &str) -> String {
    html.replace("<b>", "«")
        .replace("</b>", "»")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .replace('\n', " ")
}

pub fn run_search(args: SearchArgs) -> Result<ExitCode> {
    let dir = store_dir(args.store);
    let store = Store::open_read_only(&dir)?;
    let req = SearchRequest {
        q: args.query.join(" "),
        sort: if args.sort == "date" {
            Sort::Date
        } else {
            Sort::Relevance
        },
        offset: args.offset,
        limit: args.limit,
        facets: true,
        collapse: !args.all_copies,
    };
    let resp = store.search(&req).context("search failed")?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&resp)?);
        return Ok(ExitCode::SUCCESS);
    }
    for w in &resp.warnings {
        eprintln!("marsad: note: {w}");
    }
    println!(
        "{} articles match; showing {}–{}",
        resp.total,
        resp.offset + 1.min(resp.hits.len()),
        resp.offset + resp.hits.len()
    );
    for (i, h) in resp.hits.iter().enumerate() {
        let copies = if h.copies > 0 {
            format!("  (+{} copies of this story)", h.copies)
        } else {
            String::new()
        };
        println!(
            "\n{:>3}. {}  {}  {}{copies}\n     {}\n     id {}",
            resp.offset + i + 1,
            h.day.as_deref().unwrap_or("----------"),
            h.outlet.as_deref().unwrap_or("-"),
            h.title.as_deref().unwrap_or("(no title)"),
            plain_snippet(&h.snippet),
            h.id
        );
    }
    if let Some(f) = &resp.facets {
        let show = |name: &str, v: &[marsad_store::search::FacetValue]| {
            if !v.is_empty() {
                let items: Vec<String> = v
                    .iter()
                    .take(8)
                    .map(|x| format!("{} ({})", x.label, x.count))
                    .collect();
                println!("{name}: {}", items.join(", "));
            }
        };
        println!();
        show("outlets", &f.outlet);
        show("entities", &f.entity);
        show("events", &f.event);
        show("months", &f.month);
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Args)]
pub struct ServeArgs {
    /// Store directory (default: $MARSAD_STORE, else ~/.local/share/marsad/store).
    #[arg(long, conflicts_with = "demo")]
    pub store: Option<PathBuf>,
    /// Serve the bundled demo corpus (built into a store on first run).
    #[arg(long)]
    pub demo: bool,
    /// Address to listen on (loopback by default; expose it deliberately).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// Accept POST /api/ingest from clients presenting this token (also read from
    /// $MARSAD_TOKEN). Without one the server is read-only.
    #[arg(long, env = "MARSAD_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Requests per second allowed per client address (token bucket, bursts of twice
    /// as many; beyond: 429 with Retry-After). 0 turns the limit off: do so behind a
    /// reverse proxy (every client then has the proxy's address; limit there) and for
    /// load tests.
    #[arg(long, default_value_t = marsad_server::limit::DEFAULT_RATE, value_name = "N")]
    pub rate: u32,
}

pub fn run_serve(args: ServeArgs) -> Result<ExitCode> {
    let cfg = pipeline_config(None, None, false)?;
    let dir = if args.demo {
        let dir = marsad_server::demo::default_dir();
        marsad_server::demo::ensure_demo_store(&dir, &cfg)?;
        dir
    } else {
        store_dir(args.store)
    };
    let token = args.token.filter(|t| !t.is_empty());
    if let Some(t) = &token {
        if t.len() < 16 {
            anyhow::bail!("the ingest token must be at least 16 characters");
        }
    }
    let store = if token.is_some() {
        Store::open(&dir)?
    } else {
        Store::open_read_only(&dir)?
    };
    let state = marsad_server::AppState {
        store: std::sync::Arc::new(store),
        token: token.map(|t| std::sync::Arc::from(t.as_str())),
        pipeline: std::sync::Arc::new(cfg),
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let limits = marsad_server::Limits::with_rate(args.rate);
    rt.block_on(marsad_server::serve_with(state, args.addr, limits))?;
    Ok(ExitCode::SUCCESS)
}
