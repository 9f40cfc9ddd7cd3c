//! `marsad export`: the store's tables (or those of article JSON Lines) as Parquet,
//! CSV or JSON Lines; `--schema` prints the tables' schema.

use anyhow::{bail, Context, Result};
use clap::Args;
use marsad_export::{Exporter, Format, StoreSource, Table};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Args)]
pub struct ExportArgs {
    /// Store directory to export (default: $MARSAD_STORE, else ~/.local/share/marsad/store).
    #[arg(long, conflicts_with = "articles")]
    pub store: Option<PathBuf>,
    /// Export article JSON Lines (as `marsad extract` writes them) instead of a
    /// store; `-` is standard input. Repeatable.
    #[arg(long, value_name = "FILE|-")]
    pub articles: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_parser = parse_format, required_unless_present = "schema")]
    pub format: Option<Format>,
    /// Output directory (tables are written as DIR/<table>.<ext>), or `-` for one
    /// table as JSON Lines on standard output.
    #[arg(long, value_name = "DIR|-", required_unless_present = "schema")]
    pub out: Option<PathBuf>,
    /// Tables to write, comma-separated: articles, entities, mentions, quotes,
    /// events, registry (store only). Default: all the source has.
    #[arg(long, value_delimiter = ',')]
    pub tables: Vec<String>,
    /// Print the tables' schema (columns, types, nullability, meaning) as JSON and exit.
    #[arg(long)]
    pub schema: bool,
    /// No summary on standard error.
    #[arg(short, long)]
    pub quiet: bool,
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::parse(s).ok_or_else(|| format!("unknown format `{s}` (parquet, csv, jsonl)"))
}

fn tables_of(names: &[String], from_store: bool) -> Result<Vec<Table>> {
    if names.is_empty() {
        return Ok(Table::ALL
            .into_iter()
            .filter(|t| from_store || t.per_article())
            .collect());
    }
    let mut out = Vec::new();
    for n in names {
        let Some(t) = Table::parse(n) else {
            bail!(
                "unknown table `{n}` (tables: {})",
                Table::ALL.map(|t| t.name()).join(", ")
            );
        };
        if !from_store && !t.per_article() {
            bail!(
                "the `{}` table comes from a store only (not from --articles)",
                t.name()
            );
        }
        if !out.contains(&t) {
            out.push(t);
        }
    }
    Ok(out)
}

pub fn run(args: ExportArgs) -> Result<ExitCode> {
    if args.schema {
        print!("{}", marsad_export::schema_json());
        return Ok(ExitCode::SUCCESS);
    }
    let (Some(format), Some(out)) = (args.format, args.out.as_ref()) else {
        bail!("--format and --out are required");
    };
    let from_store = args.articles.is_empty();
    let tables = tables_of(&args.tables, from_store)?;
    let to_stdout = out.as_os_str() == "-";
    let started = Instant::now();
    // The source first: a missing store is reported before any file is made.
    let store = if from_store {
        Some(StoreSource::open(&crate::store::store_dir(args.store))?)
    } else {
        None
    };
    let mut exporter = if to_stdout {
        if tables.len() != 1 || format != Format::Jsonl {
            bail!("--out - writes exactly one table (--tables NAME) as --format jsonl");
        }
        Exporter::to_writer(std::io::stdout(), format, tables[0])?
    } else {
        Exporter::to_dir(out, format, &tables)?
    };
    let result = if let Some(store) = &store {
        exporter.add_store(store).map(|n| (n, 0))
    } else {
        read_articles(&args.articles, &mut exporter)
    };
    let ((articles, failed), counts) = match result.and_then(|n| Ok((n, exporter.finish()?))) {
        Ok(v) => v,
        // The reader of a pipe went away (`| head`): not an error of ours.
        Err(e) if to_stdout && is_broken_pipe(&e) => return Ok(ExitCode::SUCCESS),
        Err(e) => return Err(e),
    };
    if !args.quiet {
        let list: Vec<String> = counts
            .iter()
            .map(|c| format!("{} {}", c.table.name(), c.rows))
            .collect();
        let dest = if to_stdout {
            "standard output".to_string()
        } else {
            out.display().to_string()
        };
        let failed_note = if failed > 0 {
            format!(", {failed} unreadable lines")
        } else {
            String::new()
        };
        eprintln!(
            "marsad: exported {articles} articles{failed_note} in {:.1} s to {dest} ({}): rows: {}",
            started.elapsed().as_secs_f64(),
            format.ext(),
            list.join(", ")
        );
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Read every article file into the exporter; (articles, lines that failed).
fn read_articles(paths: &[PathBuf], exporter: &mut Exporter) -> Result<(u64, u64)> {
    let (mut ok, mut failed) = (0u64, 0u64);
    for p in paths {
        let name = p.display().to_string();
        let report = |e: marsad_export::LineError| {
            eprintln!("marsad: error: {name}:{}: {}", e.line, e.reason);
        };
        let add = |a: &marsad_article::Article| exporter.add_article(a, None);
        let (n, f) = if p.as_os_str() == "-" {
            let stdin = std::io::stdin();
            if stdin.is_terminal() {
                eprintln!("marsad: reading article JSON Lines from standard input");
            }
            marsad_export::read_article_lines(stdin.lock(), add, report)?
        } else {
            let file = open(p)?;
            marsad_export::read_article_lines(std::io::BufReader::new(file), add, report)?
        };
        ok += n;
        failed += f;
    }
    Ok((ok, failed))
}

fn open(p: &Path) -> Result<std::fs::File> {
    std::fs::File::open(p).with_context(|| format!("cannot open {}", p.display()))
}
