//! `marsad-load`: drive a running `marsad serve` with N concurrent clients for a
//! fixed time and print a JSON report (see the library documentation).
//!
//! ```sh
//! marsad-load --url http://127.0.0.1:8080 --duration 20 --concurrency 64 --pid "$(pgrep -n marsad)"
//! ```
//!
//! Exit status: 0 when every request was answered `200`, 1 when some were not
//! (the report says which), 2 on a usage or set-up error.

use clap::Parser;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Parser)]
#[command(
    name = "marsad-load",
    about = "Load a running `marsad serve` with a weighted mix of real requests and report latency, errors and RSS as JSON"
)]
struct Args {
    /// Base URL of the server (http only).
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    url: String,
    /// Seconds of load.
    #[arg(long, default_value_t = 20.0)]
    duration: f64,
    /// Concurrent clients (one keep-alive connection each).
    #[arg(long, short = 'c', default_value_t = 64)]
    concurrency: usize,
    /// The server's process id: its VmRSS is read before and after.
    #[arg(long)]
    pid: Option<u32>,
    /// Search queries, one a line (default: words drawn from the stored titles).
    #[arg(long)]
    queries: Option<std::path::PathBuf>,
    /// Seed of the clients' choices.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Threads of the generator (1 leaves the other cores to the server).
    #[arg(long, default_value_t = 1)]
    threads: usize,
    /// Seconds before a request counts as a `timeout` error.
    #[arg(long, default_value_t = 10.0)]
    timeout: f64,
    /// Write the report here too (it always goes to stdout).
    #[arg(long, short = 'o')]
    out: Option<std::path::PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("marsad-load: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Args) -> anyhow::Result<bool> {
    let queries = match &args.queries {
        Some(p) => Some(
            std::fs::read_to_string(p)?
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>(),
        ),
        None => None,
    };
    if args.duration.is_nan() || args.duration <= 0.0 || args.concurrency == 0 {
        anyhow::bail!("--duration and --concurrency must be positive");
    }
    let cfg = marsad_load::Config {
        url: args.url.trim_end_matches('/').to_string(),
        duration: Duration::from_secs_f64(args.duration),
        concurrency: args.concurrency,
        pid: args.pid,
        queries,
        seed: args.seed,
        request_timeout: Duration::from_secs_f64(args.timeout),
    };
    let rt = if args.threads <= 1 {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?
    } else {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(args.threads)
            .enable_all()
            .build()?
    };
    let report = rt.block_on(async {
        let targets = marsad_load::discover(&cfg).await?;
        eprintln!(
            "marsad-load: {} clients for {:.0} s against {} ({} queries, {} articles, {} entities)",
            cfg.concurrency,
            cfg.duration.as_secs_f64(),
            cfg.url,
            targets.queries.len(),
            targets.articles.len(),
            targets.entities.len()
        );
        marsad_load::run(&cfg, &targets).await
    })?;
    let text = serde_json::to_string_pretty(&report)?;
    println!("{text}");
    if let Some(p) = &args.out {
        std::fs::write(p, format!("{text}\n"))?;
    }
    Ok(report["errors"]["total"].as_u64() == Some(0))
}
