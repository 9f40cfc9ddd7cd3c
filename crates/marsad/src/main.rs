//! `marsad`: the command-line interface. Thin glue over the library crates.

mod entities;
mod events_eval;
mod export;
mod extract;
mod html_eval;
mod ner;
mod store;
mod text;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

// The pipeline allocates many small strings on two threads at once; mimalloc's
// per-thread heaps measured ~10% faster than glibc malloc on `marsad ingest`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "marsad",
    version,
    about = "Marsad (مرصد): Arabic news → structured, searchable knowledge"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read articles (JSONL, JSON, TREC, plain-text scrapes, HTML, WARC, RSS/Atom; any encoding) and write article JSON.
    Extract(extract::ExtractArgs),
    /// List the entities of a set of articles: counts, variants, Latin names, codes.
    Entities(entities::EntitiesArgs),
    /// Arabic text tools on lines of standard input (normalize, tokenize, stem, ...).
    #[command(subcommand)]
    Text(text::TextCommand),
    /// Named-entity recognition: train the CRF, evaluate it.
    #[command(subcommand)]
    Ner(ner::NerCommand),
    /// Add articles to the store (extract, resolve against the entity registry, index).
    Ingest(store::IngestArgs),
    /// Search the store from the command line.
    Search(store::SearchArgs),
    /// Serve the store: JSON API with OpenAPI docs, and the Arabic web UI.
    Serve(store::ServeArgs),
    /// Write the store's tables (or those of article JSON Lines) as Parquet, CSV or JSON Lines.
    Export(export::ExportArgs),
    /// Evaluations against gold data.
    #[command(subcommand)]
    Eval(text::EvalCommand),
}

/// The shared data folder: `$MARSAD_DATA`, else `../shared/data`.
pub fn data_dir() -> std::path::PathBuf {
    std::env::var_os("MARSAD_DATA")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from("../shared/data"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Entities(args) => entities::run(args),
        Command::Text(cmd) => text::run(cmd),
        Command::Eval(cmd) => text::run_eval(cmd),
        Command::Ner(cmd) => ner::run(cmd),
        Command::Ingest(args) => store::run_ingest(args),
        Command::Search(args) => store::run_search(args),
        Command::Serve(args) => store::run_serve(args),
        Command::Export(args) => export::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("marsad: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
