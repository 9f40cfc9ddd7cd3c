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
