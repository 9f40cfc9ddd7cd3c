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
    /// Read every input as this format instead of detecting it: jsonl, json, trec, text, html, warc, feed.
    #[arg(long, value_parser = parse_format)]
    format: Option<Format>,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long)]
    threads: Option<usize>,
    /// Extra gazetteer entries for NER (`name<TAB>TYPE` lines; see `marsad-gazetteer`).
    #[arg(long)]
    gazetteer: Option<PathBuf>,
    /// Skip named-entity recognition (and entity resolution).
    #[arg(long)]
    no_ner: bool,
    /// Also write the events as a GDELT-shaped TSV table here.
    #[arg(long, value_name = "FILE")]
    events_tsv: Option<PathBuf>,
    /// Also write the quotations as a TSV table (Offset, Length, Verb, Quote, Speaker …).
    #[arg(long, value_name = "FILE")]
    quotes_tsv: Option<PathBuf>,
    /// Keep entity mentions but skip entity resolution (no `entities`).
    #[arg(long)]
    no_resolve: bool,
    /// Resolve entities against this registry file (created if missing, updated at
    /// the end) so that ids are stable across runs and corpora.
    #[arg(long)]
    registry: Option<PathBuf>,
    /// No progress bar or summary on standard error.
    #[arg(short, long)]
    quiet: bool,
}

pub fn parse_format(s: &str) -> Result<Format, String> {
    Format::from_name(s)
        .ok_or_else(|| format!("unknown format {s:?} (jsonl, json, trec, text, html, warc, feed)"))
}

/// Batches bound memory (input and output of one batch in flight) while giving
/// every core enough work.
const BATCH_UNITS: usize = 512;
const BATCH_BYTES: usize = 8 << 20;

pub fn run(args: ExtractArgs) -> Result<ExitCode> {
    let mut cfg = pipeline_config(args.threads, args.gazetteer.as_deref(), args.no_ner)?;
    if args.no_resolve {
        if args.registry.is_some() {
            anyhow::bail!("--registry needs entity resolution; drop --no-resolve");
        }
        cfg.resolve = false;
    }
    let mut registry = match &args.registry {
        Some(p) => Some(
            marsad_entities::Registry::load(p)
                .with_context(|| format!("cannot read the entity registry {}", p.display()))?,
        ),
        None => None,
    };
    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(BufWriter::with_capacity(
            1 << 20,
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(BufWriter::with_capacity(1 << 20, std::io::stdout().lock())),
    };
    let pretty = args.pretty;
    let to_json = |article: &marsad_article::Article| {
        if pretty {
            serde_json::to_string_pretty(article)
        } else {
            serde_json::to_string(article)
        }
        .expect("article serializes")
    };
    let input = InputOptions {
        paths: &args.paths,
        format: args.format,
        quiet: args.quiet,
    };
    let open_table =
        |p: &Option<PathBuf>, header: &str| -> Result<Option<BufWriter<std::fs::File>>> {
            let Some(p) = p else { return Ok(None) };
            let f = std::fs::File::create(p)
                .with_context(|| format!("cannot create {}", p.display()))?;
            let mut w = BufWriter::new(f);
            writeln!(w, "{header}")?;
            Ok(Some(w))
        };
    let mut events_tsv = open_table(&args.events_tsv, marsad_events::export::EVENTS_HEADER)?;
    let mut quotes_tsv = open_table(&args.quotes_tsv, marsad_events::export::QUOTES_HEADER)?;
    let tables = events_tsv.is_some() || quotes_tsv.is_some();
    let summary = if registry.is_some() || tables {
        // Registry ids depend on input order, and the tables need the articles:
        // finish each article on this thread, in input order.
        for_each_article(
            &input,
            &cfg,
            |a| a,
            |mut article| {
                if let Some(reg) = registry.as_mut() {
                    reg.resolve(&mut article);
                }
                if let Some(w) = events_tsv.as_mut() {
                    w.write_all(marsad_events::export::event_rows(&article).as_bytes())?;
                }
                if let Some(w) = quotes_tsv.as_mut() {
                    w.write_all(marsad_events::export::quote_rows(&article).as_bytes())?;
                }
                out.write_all(to_json(&article).as_bytes())?;
                out.write_all(b"\n")?;
                Ok(())
            },
        )?
    } else {
        for_each_article(
            &input,
            &cfg,
            |a| to_json(&a),
            |json| {
                out.write_all(json.as_bytes())?;
                out.write_all(b"\n")?;
                Ok(())
            },
        )?
    };
    out.flush().context("cannot write output")?;
    for w in [events_tsv.as_mut(), quotes_tsv.as_mut()]
        .into_iter()
        .flatten()
    {
        w.flush().context("cannot write a TSV table")?;
    }
    if let (Some(reg), Some(p)) = (&registry, &args.registry) {
        reg.save(p)
            .with_context(|| format!("cannot write the entity registry {}", p.display()))?;
    }
    Ok(summary.exit_code())
}

/// Pipeline settings from the common options; loads the NER model up front, since a
/// broken model is a fatal error, not one warning per article.
pub fn pipeline_config(
    threads: Option<usize>,
    gazetteer: Option<&std::path::Path>,
    no_ner: bool,
) -> Result<marsad_pipeline::PipelineConfig> {
    if let Some(n) = threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .ok();
    }
    let (gazetteer, user_entries) = crate::ner::load_gazetteer(gazetteer)?;
    let cfg = marsad_pipeline::PipelineConfig {
        ner: !no_ner,
        gazetteer,
        user_entries,
        resolve: !no_ner,
        quotes: true,
    };
    if cfg.ner {
        marsad_ner::NerModel::builtin().map_err(anyhow::Error::msg)?;
    }
    Ok(cfg)
}

/// Where the articles come from.
pub struct InputOptions<'a> {
    /// Files or directories; empty means standard input.
    pub paths: &'a [PathBuf],
    pub format: Option<Format>,
    /// No progress bar or summary.
    pub quiet: bool,
}

/// What a run did.
pub struct Summary {
    pub errors: u64,
}

impl Summary {
    /// Exit status: failure when any record could not be read.
    pub fn exit_code(&self) -> ExitCode {
        if self.errors > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// One batch from the extraction thread.
struct Extracted<T> {
    read_errors: Vec<RecordError>,
    results: Vec<Result<Option<T>, RecordError>>,
    size: usize,
}

/// Read every input, build articles on all cores (`map` runs on the workers), and
/// hand the results to `sink` in input order on this thread. Broken records are
/// reported on standard error and counted; the rest go on.
pub fn for_each_article<T: Send>(
    input: &InputOptions,
    cfg: &marsad_pipeline::PipelineConfig,
    map: impl Fn(marsad_article::Article) -> T + Sync,
    sink: impl FnMut(T) -> Result<()>,
) -> Result<Summary> {
    for_each_record(
        input,
        |raw| Some(map(marsad_pipeline::build_article_with(raw, cfg))),
        sink,
    )
}

/// [`for_each_article`] with the per-record work given whole: `build` turns a
/// record into an item on the workers, or `None` to pass it over (counted as read).
pub fn for_each_record<T: Send>(
    input: &InputOptions,
    build: impl Fn(marsad_readers::RawArticle) -> Option<T> + Sync,
    mut sink: impl FnMut(T) -> Result<()>,
) -> Result<Summary> {
    let paths = if input.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        input.paths.to_vec()
    };
    let mut inputs = Inputs::new(&paths, input.format);
    let progress = if !input.quiet && std::io::stderr().is_terminal() {
        // A bar with ETA over the (estimated) input bytes; a spinner on stdin.
        let (pb, template) = match inputs.estimated_bytes() {
            Some(total) => (
                ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr_with_hz(4)),
                "{bar:30} {percent:>3}%  {msg}  {elapsed} ETA {eta}",
            ),
            None => (
                ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(4)),
                "{spinner} {msg}  {elapsed}",
            ),
        };
        pb.set_style(ProgressStyle::with_template(template).expect("template"));
        Some(pb)
    } else {
        None
    };
    let started = Instant::now();
    let (mut ok, mut failed, mut bytes_in) = (0u64, 0u64, 0u64);
    let report = |e: &RecordError, progress: &Option<ProgressBar>| {
        let msg = format!("marsad: error: {e}");
        match progress {
            Some(pb) => pb.suspend(|| eprintln!("{msg}")),
            None => eprintln!("{msg}"),
        }
    };
    // One thread reads and extracts batch n+1 (on all cores) while this one hands
    // batch n to the sink, so a slow sink (the store) overlaps the extraction.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Extracted<T>>(1);
    let mut sink_result = Ok(());
    let build = &build;
    std::thread::scope(|scope| {
        let producer = std::thread::Builder::new().name("marsad-extract".into());
        producer
            .spawn_scoped(scope, move || {
                let mut batch: Vec<Unit> = Vec::with_capacity(BATCH_UNITS);
                loop {
                    let mut read_errors = Vec::new();
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
                            Err(e) => read_errors.push(e),
                        }
                    }
                    let results: Vec<Result<Option<T>, RecordError>> = batch
                        .par_drain(..)
                        .map(|unit| {
                            read_unit(unit)
                                .into_iter()
                                .map(|r| r.map(&build))
                                .collect::<Vec<_>>()
                        })
                        .collect::<Vec<_>>()
                        .into_iter()
                        .flatten()
                        .collect();
                    let done = Extracted {
                        read_errors,
                        results,
                        size,
                    };
                    // The receiver is gone when the sink failed: stop.
                    if tx.send(done).is_err() || exhausted {
                        break;
                    }
                }
            })
            .expect("start the extraction thread");
        for batch in rx.iter() {
            failed += batch.read_errors.len() as u64;
            for e in &batch.read_errors {
                report(e, &progress);
            }
            bytes_in += batch.size as u64;
            for r in batch.results {
                match r {
                    Ok(item) => {
                        if let Some(item) = item {
                            if let Err(e) = sink(item) {
                                sink_result = Err(e);
                                return;
                            }
                        }
                        ok += 1;
                    }
                    Err(e) => {
                        failed += 1;
                        report(&e, &progress);
                    }
                }
            }
            if let Some(pb) = &progress {
                pb.set_position(bytes_in);
                let rate = ok as f64 / started.elapsed().as_secs_f64().max(1e-9);
                pb.set_message(format!(
                    "{ok} articles  {rate:.0}/s  {:.1} MB  {failed} errors",
                    bytes_in as f64 / 1e6
                ));
            }
        }
    });
    sink_result?;
    if let Some(pb) = &progress {
        pb.finish_and_clear();
    }
    if !input.quiet {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "marsad: {ok} articles, {failed} errors, {:.1} MB in {secs:.2} s ({:.0} articles/s)",
            bytes_in as f64 / 1e6,
            ok as f64 / secs.max(1e-9)
        );
    }
    Ok(Summary { errors: failed })
}
