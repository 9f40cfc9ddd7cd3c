//! `store-bench`: the store benchmarks of `bench/run`, with Marsad's store side by
//! side with peers in the same process and on the same texts.
//!
//! - `store-bench search --store DIR`: latency of `Store::search` (the product path,
//!   facets on and off) against a plain tantivy index with tantivy's default
//!   tokenizer and its built-in Arabic stemmer, and SQLite FTS5 (unicode61), over
//!   queries drawn from the store's own article titles.
//! - `store-bench variants --store DIR`: recall of spelling-variant name queries
//!   (`نتانياهو` for `نتنياهو`) against the articles the catalog links to the entity.
//!
//! The peers are built from the catalog's articles (title + text) in a temporary
//! directory that is removed at the end. Everything is printed as one JSON object
//! on standard output; progress goes to standard error. This is a measurement, not a
//! test: nothing here asserts a timing.

mod corpus;
mod peers;
mod search;
mod util;
mod variants;

use anyhow::Result;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "store-bench",
    version,
    about = "Marsad store benchmarks against peers"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Search latency: Marsad against tantivy (default Arabic stemmer) and SQLite FTS5.
    Search(SearchArgs),
    /// Recall of spelling-variant name queries: Marsad against the peers.
    Variants(VariantArgs),
}

#[derive(Args)]
pub struct Common {
    /// The store (built by `marsad ingest --store DIR`); opened read-only.
    #[arg(long)]
    pub store: PathBuf,
    /// Where the peer indexes are built (default: a fresh directory under the
    /// system temp dir); removed at the end unless --keep.
    #[arg(long)]
    pub work: Option<PathBuf>,
    /// Keep the peer indexes.
    #[arg(long)]
    pub keep: bool,
    /// Leave the SQLite FTS5 peer out.
    #[arg(long)]
    pub no_fts5: bool,
}

#[derive(Args)]
pub struct SearchArgs {
    #[command(flatten)]
    pub common: Common,
    /// Queries drawn from article titles.
    #[arg(long, default_value_t = 1000)]
    pub queries: usize,
    /// Seed of the query draw.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Share of the queries that are quoted phrases.
    #[arg(long, default_value_t = 0.2)]
    pub phrase_share: f64,
    /// Timed passes over all queries (after one untimed warm-up pass).
    #[arg(long, default_value_t = 1)]
    pub rounds: usize,
    /// Write the drawn queries here (one a line, Marsad syntax).
    #[arg(long)]
    pub dump_queries: Option<PathBuf>,
}

#[derive(Args)]
pub struct VariantArgs {
    #[command(flatten)]
    pub common: Common,
    /// Entities (most linked first) with spelling variants to test.
    #[arg(long, default_value_t = 300)]
    pub max_entities: usize,
    /// Least times each spelling must have been seen (registry name counts).
    #[arg(long, default_value_t = 3)]
    pub min_spelling_count: u64,
    /// Least articles linked to the entity by a name mention.
    #[arg(long, default_value_t = 5)]
    pub min_articles: usize,
    /// List every (entity, spelling) query in the JSON.
    #[arg(long)]
    pub details: bool,
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    let out = match cli.command {
        Command::Search(a) => search::run(&a)?,
        Command::Variants(a) => variants::run(&a)?,
    };
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(())
}
