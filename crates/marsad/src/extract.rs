//! `marsad extract`: inputs → article JSON, in input order, using all cores.

use anyhow::{Context, Result};
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use marsad_readers::detect::Format;
use marsad_readers::input::{read_unit, Inputs, Unit};
use marsad_readers::RecordError;
use rayon::prelude::*;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Args)]
pub struct ExtractArgs {
    /// Files or directories (read recursively); `-` or nothing reads standard input.
    paths: Vec<PathBuf>,
    /// Write JSON Lines here instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Pretty-print each article (for reading one document; the output is then not JSON Lines).
    #[arg(long)]
    pretty: bool,
    /// Read every input as this format instead of detecting it: jsonl, json, trec, text.
    #[arg(long, value_parser = parse_format)]
    format: Option<Format>,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long)]
    threads: Option<usize>,
    /// Extra gazetteer entries for NER (`name<TAB>TYPE` lines; see `marsad-gazetteer`).
    #[arg(long)]
    gazetteer: Option<PathBuf>,
    /// Skip named-entity recognition.
    #[arg(long)]
    no_ner: bool,
    /// No progress bar or summary on standard error.
    #[arg(short, long)]
    quiet: bool,
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::from_name(s).ok_or_else(|| format!("unknown format {s:?} (jsonl, json, trec, text)"))
}

/// Batches bound memory (input and output of one batch in flight) while giving
/// every core enough work.
const BATCH_UNITS: usize = 512;
const BATCH_BYTES: usize = 8 << 20;

pub fn run(args: ExtractArgs) -> Result<ExitCode> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .ok();
    }
    let (gazetteer, user_entries) = crate::ner::load_gazetteer(args.gazetteer.as_deref())?;
    let cfg = marsad_pipeline::PipelineConfig {
        ner: !args.no_ner,
        gazetteer,
        user_entries,
    };
    if cfg.ner {
        // Load the model up front: a broken model is a fatal error, not 31k warnings.
        marsad_ner::NerModel::builtin().map_err(anyhow::Error::msg)?;
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.paths.clone()
    };
    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(BufWriter::with_capacity(
            1 << 20,
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(BufWriter::with_capacity(1 << 20, std::io::stdout().lock())),
    };
    let progress = if !args.quiet && std::io::stderr().is_terminal() {
        let pb = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(4));
        pb.set_style(
            ProgressStyle::with_template("{spinner} {pos} articles  {per_sec}  {elapsed}  {msg}")
                .expect("template"),
        );
        Some(pb)
    } else {
        None
    };
    let started = Instant::now();
    let (mut ok, mut failed, mut bytes_in) = (0u64, 0u64, 0u64);
    let mut inputs = Inputs::new(&paths, args.format);
    let mut batch: Vec<Unit> = Vec::with_capacity(BATCH_UNITS);
    let report = |e: &RecordError, progress: &Option<ProgressBar>| {
        let msg = format!("marsad: error: {e}");
        match progress {
            Some(pb) => pb.suspend(|| eprintln!("{msg}")),
            None => eprintln!("{msg}"),
        }
    };
    loop {
        batch.clear();
        let mut size = 0;
        let mut exhausted = true;
        for item in inputs.by_ref() {
            match item {
                Ok(u) => {
                    size += u.size();
                    batch.push(u);
                    if batch.len() >= BATCH_UNITS || size >= BATCH_BYTES {
                        exhausted = false;
                        break;
                    }
                }
                Err(e) => {
                    failed += 1;
                    report(&e, &progress);
                }
            }
        }
        bytes_in += size as u64;
        let pretty = args.pretty;
        let results: Vec<Vec<Result<String, RecordError>>> = batch
            .par_drain(..)
            .map(|unit| {
                read_unit(unit)
                    .into_iter()
                    .map(|r| {
                        r.map(|raw| {
                            let article = marsad_pipeline::build_article_with(raw, &cfg);
                            if pretty {
                                serde_json::to_string_pretty(&article)
                            } else {
                                serde_json::to_string(&article)
                            }
                            .expect("article serializes")
                        })
                    })
                    .collect()
            })
            .collect();
        for r in results.into_iter().flatten() {
            match r {
                Ok(json) => {
                    out.write_all(json.as_bytes())?;
                    out.write_all(b"\n")?;
                    ok += 1;
                }
                Err(e) => {
                    failed += 1;
                    report(&e, &progress);
                }
            }
        }
        if let Some(pb) = &progress {
            pb.set_position(ok);
            pb.set_message(format!("{:.1} MB, {failed} errors", bytes_in as f64 / 1e6));
        }
        if exhausted {
            break;
        }
    }
    out.flush().context("cannot write output")?;
    if let Some(pb) = &progress {
        pb.finish_and_clear();
    }
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "marsad: {ok} articles, {failed} errors, {:.1} MB in {secs:.2} s ({:.0} articles/s)",
            bytes_in as f64 / 1e6,
            ok as f64 / secs.max(1e-9)
        );
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
