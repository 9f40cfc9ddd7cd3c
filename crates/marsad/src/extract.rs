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
    /// Run as a streaming stage (Spark `RDD.pipe`, Hadoop streaming, GNU parallel):
    /// JSON Lines in (standard input unless paths are given), exactly one JSON line
    /// out per line in, in input order, flushed as each batch is done. A line that
    /// cannot be read (blank lines included) gives `{"error": {"reason", "path",
    /// "line", "offset"}}` in its place, and the exit status is 0 unless the stream
    /// itself fails.
    #[arg(long)]
    stream: bool,
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
    if args.stream && args.pretty {
        anyhow::bail!("--stream writes one JSON line per input line; drop --pretty");
    }
    let registry = match &args.registry {
        Some(p) => Some(
            marsad_entities::Registry::load(p)
                .with_context(|| format!("cannot read the entity registry {}", p.display()))?,
        ),
        None => None,
    };
    let out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(BufWriter::with_capacity(
            1 << 20,
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(BufWriter::with_capacity(1 << 20, std::io::stdout().lock())),
    };
    let input = InputOptions {
        paths: &args.paths,
        // A stream is JSON Lines: sniffing could take a partition that starts with a
        // broken line for one plain-text document.
        format: args.format.or(args.stream.then_some(Format::Jsonl)),
        quiet: args.quiet,
        one_per_line: args.stream,
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
    let mut writer = ArticleWriter {
        out,
        pretty: args.pretty,
        stream: args.stream,
        registry,
        events_tsv: open_table(&args.events_tsv, marsad_events::export::EVENTS_HEADER)?,
        quotes_tsv: open_table(&args.quotes_tsv, marsad_events::export::QUOTES_HEADER)?,
    };
    // Registry ids depend on input order, and the tables need the articles: then
    // each article is finished on the writing thread, in input order; otherwise
    // the workers serialize it.
    let in_order =
        writer.registry.is_some() || writer.events_tsv.is_some() || writer.quotes_tsv.is_some();
    let pretty = args.pretty;
    let summary = for_each_result(
        &input,
        |raw| {
            let article = marsad_pipeline::build_article_with(raw, &cfg);
            Some(if in_order {
                Finished::Article(Box::new(article))
            } else {
                Finished::Json(article_json(&article, pretty))
            })
        },
        &mut writer,
    )?;
    writer.out.flush().context("cannot write output")?;
    for w in [writer.events_tsv.as_mut(), writer.quotes_tsv.as_mut()]
        .into_iter()
        .flatten()
    {
        w.flush().context("cannot write a TSV table")?;
    }
    if let (Some(reg), Some(p)) = (&writer.registry, &args.registry) {
        reg.save(p)
            .with_context(|| format!("cannot write the entity registry {}", p.display()))?;
    }
    // A stream carries its errors in band, one per failed line; failing the
    // process would make Spark or Hadoop retry (and then fail) the whole partition.
    Ok(if args.stream {
        ExitCode::SUCCESS
    } else {
        summary.exit_code()
    })
}

fn article_json(article: &marsad_article::Article, pretty: bool) -> String {
    if pretty {
        serde_json::to_string_pretty(article)
    } else {
        serde_json::to_string(article)
    }
    .expect("article serializes")
}

/// An article as the workers leave it.
enum Finished {
    /// Serialized, ready to write.
    Json(String),
    /// To be resolved against the registry and tabulated in input order.
    Article(Box<marsad_article::Article>),
}

/// `marsad extract`'s output: article JSON, optional TSV tables, the registry.
struct ArticleWriter {
    out: Box<dyn Write>,
    pretty: bool,
    /// One line out per line in, errors as records, flushed per batch.
    stream: bool,
    registry: Option<marsad_entities::Registry>,
    events_tsv: Option<BufWriter<std::fs::File>>,
    quotes_tsv: Option<BufWriter<std::fs::File>>,
}

impl Sink<Finished> for ArticleWriter {
    fn item(&mut self, item: Finished) -> Result<()> {
        let json = match item {
            Finished::Json(json) => json,
            Finished::Article(mut article) => {
                if let Some(reg) = self.registry.as_mut() {
                    reg.resolve(&mut article);
                }
                if let Some(w) = self.events_tsv.as_mut() {
                    w.write_all(marsad_events::export::event_rows(&article).as_bytes())?;
                }
                if let Some(w) = self.quotes_tsv.as_mut() {
                    w.write_all(marsad_events::export::quote_rows(&article).as_bytes())?;
                }
                article_json(&article, self.pretty)
            }
        };
        self.out.write_all(json.as_bytes())?;
        self.out.write_all(b"\n")?;
        Ok(())
    }

    fn error(&mut self, e: &RecordError) -> Result<()> {
        if self.stream {
            serde_json::to_writer(&mut self.out, &error_record(e))?;
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn batch_end(&mut self) -> Result<()> {
        if self.stream {
            self.out.flush().context("cannot write output")?;
        }
        Ok(())
    }
}

/// The line a stream writes in place of an article it could not read.
pub fn error_record(e: &RecordError) -> serde_json::Value {
    let l = &e.location;
    serde_json::json!({
        "error": {
            "reason": e.reason,
            "path": l.path,
            "line": l.line,
            "record": l.record,
            "offset": l.offset,
        }
    })
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
    /// Exactly one result per JSON Lines line: a blank line is an error record.
    pub one_per_line: bool,
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

/// One batch from the extraction thread: results in input order, read errors in place.
struct Extracted<T> {
    results: Vec<Result<Option<T>, RecordError>>,
    size: usize,
}

/// Where [`for_each_result`] hands results, in input order.
pub trait Sink<T> {
    fn item(&mut self, item: T) -> Result<()>;
    /// A record that could not be read (already reported on standard error).
    fn error(&mut self, _error: &RecordError) -> Result<()> {
        Ok(())
    }
    /// The end of a batch: a streaming sink flushes here.
    fn batch_end(&mut self) -> Result<()> {
        Ok(())
    }
}

struct ItemSink<F>(F);

impl<T, F: FnMut(T) -> Result<()>> Sink<T> for ItemSink<F> {
    fn item(&mut self, item: T) -> Result<()> {
        (self.0)(item)
    }
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
    sink: impl FnMut(T) -> Result<()>,
) -> Result<Summary> {
    for_each_result(input, build, &mut ItemSink(sink))
}

/// Units waiting between the reading thread and the extraction: enough to fill a
/// batch while the previous one is extracted, few enough to bound memory.
const QUEUED_UNITS: usize = 256;

/// How long a batch waits for more input once the input runs dry: under load the
/// reader refills the queue within microseconds, so batches stay full; a slow
/// stream (a pipe fed line by line) gets its articles back within this delay.
const BATCH_WAIT: std::time::Duration = std::time::Duration::from_millis(2);

/// The engine under [`for_each_record`]: results and read errors both reach `sink`,
/// in input order.
pub fn for_each_result<T: Send>(
    input: &InputOptions,
    build: impl Fn(marsad_readers::RawArticle) -> Option<T> + Sync,
    sink: &mut dyn Sink<T>,
) -> Result<Summary> {
    let paths = if input.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        input.paths.to_vec()
    };
    let inputs = Inputs::new(&paths, input.format).blank_lines_are_errors(input.one_per_line);
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
    let mut tally = Tally::default();
    // Three stages: one thread reads units, one gathers them into batches and
    // extracts each on all cores, and this one hands batch n to the sink while
    // batch n+1 is extracted, so a slow sink (the store) overlaps the extraction.
    let (unit_tx, unit_rx) =
        std::sync::mpsc::sync_channel::<Result<Unit, RecordError>>(QUEUED_UNITS);
    let (tx, rx) = std::sync::mpsc::sync_channel::<Extracted<T>>(1);
    let mut sink_result = Ok(());
    let build = &build;
    // The reading thread is not joined: after a sink error it may sit in a blocking
    // read of standard input, and nothing it holds needs cleaning up.
    std::thread::Builder::new()
        .name("marsad-read".into())
        .spawn(move || {
            for item in inputs {
                // The receiver is gone when the run stopped: so do we.
                if unit_tx.send(item).is_err() {
                    break;
                }
            }
        })
        .context("cannot start the reading thread")?;
    let stop = std::sync::atomic::AtomicBool::new(false);
    let stop = &stop;
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("marsad-extract".into())
            .spawn_scoped(scope, move || {
                use std::sync::mpsc::RecvTimeoutError;
                let mut batch: Vec<Result<Unit, RecordError>> = Vec::with_capacity(BATCH_UNITS);
                let mut exhausted = false;
                while !exhausted {
                    // Wait for the first unit (checking whether the run stopped), then
                    // gather what follows promptly.
                    loop {
                        if stop.load(std::sync::atomic::Ordering::Relaxed) {
                            return;
                        }
                        match unit_rx.recv_timeout(std::time::Duration::from_millis(100)) {
                            Ok(item) => {
                                batch.push(item);
                                break;
                            }
                            Err(RecvTimeoutError::Timeout) => continue,
                            Err(RecvTimeoutError::Disconnected) => return,
                        }
                    }
                    let mut size = batch[0].as_ref().map_or(0, Unit::size);
                    while batch.len() < BATCH_UNITS && size < BATCH_BYTES {
                        match unit_rx.recv_timeout(BATCH_WAIT) {
                            Ok(item) => {
                                size += item.as_ref().map_or(0, Unit::size);
                                batch.push(item);
                            }
                            Err(RecvTimeoutError::Timeout) => break,
                            Err(RecvTimeoutError::Disconnected) => {
                                exhausted = true;
                                break;
                            }
                        }
                    }
                    let results: Vec<Result<Option<T>, RecordError>> = batch
                        .par_drain(..)
                        .map(|item| match item {
                            Ok(unit) => read_unit(unit)
                                .into_iter()
                                .map(|r| r.map(build))
                                .collect::<Vec<_>>(),
                            Err(e) => vec![Err(e)],
                        })
                        .collect::<Vec<_>>()
                        .into_iter()
                        .flatten()
                        .collect();
                    if tx.send(Extracted { results, size }).is_err() {
                        break;
                    }
                }
            })
            .expect("start the extraction thread");
        // On a sink error `rx` is dropped by `deliver`, which stops the extraction.
        sink_result = deliver(rx, sink, &mut tally, &progress, started);
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
    });
    sink_result?;
    let Tally {
        ok,
        failed,
        bytes_in,
    } = tally;
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

/// What the writing side has seen so far.
#[derive(Default)]
struct Tally {
    ok: u64,
    failed: u64,
    bytes_in: u64,
}

/// Hand extracted batches to the sink in order, reporting errors on stderr.
fn deliver<T>(
    rx: std::sync::mpsc::Receiver<Extracted<T>>,
    sink: &mut dyn Sink<T>,
    tally: &mut Tally,
    progress: &Option<ProgressBar>,
    started: Instant,
) -> Result<()> {
    for batch in rx.iter() {
        tally.bytes_in += batch.size as u64;
        for r in batch.results {
            match r {
                Ok(item) => {
                    if let Some(item) = item {
                        sink.item(item)?;
                    }
                    tally.ok += 1;
                }
                Err(e) => {
                    tally.failed += 1;
                    let msg = format!("marsad: error: {e}");
                    match progress {
                        Some(pb) => pb.suspend(|| eprintln!("{msg}")),
                        None => eprintln!("{msg}"),
                    }
                    sink.error(&e)?;
                }
            }
        }
        sink.batch_end()?;
        if let Some(pb) = progress {
            pb.set_position(tally.bytes_in);
            let rate = tally.ok as f64 / started.elapsed().as_secs_f64().max(1e-9);
            pb.set_message(format!(
                "{} articles  {rate:.0}/s  {:.1} MB  {} errors",
                tally.ok,
                tally.bytes_in as f64 / 1e6,
                tally.failed
            ));
        }
    }
    Ok(())
}
