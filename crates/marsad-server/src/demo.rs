//! The demo store: a few hundred SaudiNewsNet articles bundled in the binary
//! (`demo/saudinewsnet-demo.jsonl.gz`, CC BY-NC-SA 4.0, see `demo/README.md`),
//! ingested on first use.

use anyhow::{Context, Result};
use marsad_store::Store;
use rayon::prelude::*;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The bundled demo articles (JSON Lines, gzip).
pub static DEMO_JSONL_GZ: &[u8] = include_bytes!("../../../demo/saudinewsnet-demo.jsonl.gz");

/// Written once the demo store is complete.
const MARKER: &str = "demo-complete";

/// Where the demo store lives: `$MARSAD_DEMO_STORE`, else `demo` beside the
/// default store.
pub fn default_dir() -> PathBuf {
    if let Some(p) = std::env::var_os("MARSAD_DEMO_STORE") {
        return PathBuf::from(p);
    }
    marsad_store::default_dir()
        .parent()
        .map(|p| p.join("demo"))
        .unwrap_or_else(|| PathBuf::from("marsad-demo"))
}

/// The demo articles as JSON lines.
pub fn demo_lines() -> Result<Vec<String>> {
    let mut text = String::new();
    flate2::read::GzDecoder::new(DEMO_JSONL_GZ)
        .read_to_string(&mut text)
        .context("the bundled demo corpus is damaged")?;
    Ok(text.lines().map(str::to_string).collect())
}

/// Build the demo store in `dir` unless it is already complete. An interrupted
/// build resumes (ingest skips what is stored).
pub fn ensure_demo_store(dir: &Path, cfg: &marsad_pipeline::PipelineConfig) -> Result<()> {
    let marker = dir.join(MARKER);
    if let Ok(format) = std::fs::read_to_string(&marker) {
        if format == marsad_store::FORMAT {
            return Ok(());
        }
        // A demo store built by another version of Marsad: build it afresh. (The
        // marker proves the folder is a demo store Marsad made.)
        eprintln!(
            "marsad: the demo store in {} has an older format; rebuilding it",
            dir.display()
        );
        for part in [
            "catalog.sqlite",
            "catalog.sqlite-wal",
            "catalog.sqlite-shm",
            MARKER,
        ] {
            let _ = std::fs::remove_file(dir.join(part));
        }
        let _ = std::fs::remove_dir_all(dir.join("index"));
    }
    let lines = demo_lines()?;
    eprintln!(
        "marsad: building the demo store in {} from {} bundled articles (once)…",
        dir.display(),
        lines.len()
    );
    let store = Store::open(dir)?;
    let t = std::time::Instant::now();
    for (k, chunk) in lines.chunks(100).enumerate() {
        let articles: Vec<marsad_article::Article> = chunk
            .par_iter()
            .enumerate()
            .filter_map(|(i, l)| {
                let loc = marsad_readers::Location {
                    path: "demo/saudinewsnet-demo.jsonl.gz".into(),
                    line: Some((k * 100 + i + 1) as u64),
                    ..Default::default()
                };
                marsad_readers::jsonl::read_line(l, loc, "UTF-8").ok()
            })
            .map(|raw| marsad_pipeline::build_article_with(raw, cfg))
            .collect();
        store.ingest(articles)?;
        eprintln!(
            "marsad:   {} / {}",
            ((k + 1) * 100).min(lines.len()),
            lines.len()
        );
    }
    std::fs::write(&marker, marsad_store::FORMAT)?;
    eprintln!(
        "marsad: demo store ready in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    Ok(())
}
