//! Locates the shared corpora for tests and benchmarks.
//!
//! Data lives outside the repository (`MARSAD_DATA`, default `../shared/data`
//! relative to the workspace root). Without it, data-driven tests skip with a
//! clear message — except under `CI=true`, where missing data is a failure.

use std::path::{Path, PathBuf};

/// The workspace root (two levels above this crate's manifest).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("workspace root")
        .to_path_buf()
}

/// The shared data directory, or `None` (after printing why) when it is absent
/// outside CI. Panics under `CI=true` when it is missing.
pub fn data_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("MARSAD_DATA") {
        Some(d) => PathBuf::from(d),
        None => workspace_root().join("../shared/data"),
    };
    if dir.is_dir() {
        return Some(dir);
    }
    let ci = std::env::var("CI")
        .map(|v| v == "true" || v == "1")
        .unwrap_or(false);
    if ci {
        panic!(
            "shared data not found at {} (set MARSAD_DATA); missing data is a failure under CI=true",
            dir.display()
        );
    }
    eprintln!(
        "SKIP: shared data not found at {} (set MARSAD_DATA to run data-driven tests)",
        dir.display()
    );
    None
}

/// A path inside the data directory, or `None` when the data is absent (see [`data_dir`]).
pub fn data_path(rel: &str) -> Option<PathBuf> {
    let p = data_dir()?.join(rel);
    if !p.exists() {
        let ci = std::env::var("CI")
            .map(|v| v == "true" || v == "1")
            .unwrap_or(false);
        if ci {
            panic!("expected data file {} is missing", p.display());
        }
        eprintln!("SKIP: {} is missing", p.display());
        return None;
    }
    Some(p)
}

/// Which corpus a news record comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewsSource {
    /// `saudinewsnet/dataset/*.zip` (fields `title`, `content`).
    SaudiNewsNet,
    /// `ant_multisource_news/ant_multisource_sample.jsonl` (fields `title`, `text`).
    Ant,
}

/// Calls `f` with every record of the unlabeled news corpora under `data`, in a
/// fixed order (SaudiNewsNet zips and their members sorted by name, then the ANT
/// sample line by line), so that the resources built from them are reproducible.
pub fn for_each_news_record(
    data: &Path,
    mut f: impl FnMut(NewsSource, &serde_json::Value),
) -> Result<(), Box<dyn std::error::Error>> {
    use std::io::{BufRead, Read};
    let dir = data.join("saudinewsnet/dataset");
    let mut zips: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "zip"))
        .collect();
    zips.sort();
    if zips.is_empty() {
        return Err(format!("no zip archives in {}", dir.display()).into());
    }
    for z in &zips {
        let mut archive = zip::ZipArchive::new(std::fs::File::open(z)?)?;
        let mut names: Vec<String> = archive.file_names().map(str::to_string).collect();
        names.sort();
        for name in names {
            let mut buf = String::new();
            archive.by_name(&name)?.read_to_string(&mut buf)?;
            let v: serde_json::Value = serde_json::from_str(&buf)?;
            for art in v.as_array().into_iter().flatten() {
                f(NewsSource::SaudiNewsNet, art);
            }
        }
    }
    let ant = data.join("ant_multisource_news/ant_multisource_sample.jsonl");
    let file = std::io::BufReader::new(
        std::fs::File::open(&ant).map_err(|e| format!("{}: {e}", ant.display()))?,
    );
    for line in file.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        f(NewsSource::Ant, &serde_json::from_str(&line)?);
    }
    Ok(())
}

/// The body field of a news record by its source (`content` or `text`).
pub fn news_body(source: NewsSource) -> &'static str {
    match source {
        NewsSource::SaudiNewsNet => "content",
        NewsSource::Ant => "text",
    }
}

/// One WARC/1.0 record (`kind`: `response`, `request`, …) around `payload`, as
/// crawlers write them; for building archive fixtures from real articles.
pub fn warc_record(kind: &str, uri: &str, payload: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2018-03-01T10:00:00Z\r\nContent-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
        payload.len()
    )
    .into_bytes();
    r.extend_from_slice(payload);
    r.extend_from_slice(b"\r\n\r\n");
    r
}
