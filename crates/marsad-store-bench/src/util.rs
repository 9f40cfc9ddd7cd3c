//! Small helpers: a seeded generator, latency summaries, directory sizes, the work
//! directory.

use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Progress on standard error.
pub fn say(msg: impl AsRef<str>) {
    eprintln!("store-bench: {}", msg.as_ref());
}

/// SplitMix64: a deterministic generator (the draw must not depend on a crate's
/// version or the platform).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Latency summary in milliseconds.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Latency {
    pub n: usize,
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
    pub mean: f64,
    pub max: f64,
}

/// Nearest-rank percentiles of the samples.
pub fn latency(samples: &[Duration]) -> Latency {
    let mut ms: Vec<f64> = samples.iter().map(|d| d.as_secs_f64() * 1e3).collect();
    ms.sort_by(|a, b| a.total_cmp(b));
    let n = ms.len();
    let pct = |p: f64| -> f64 {
        if n == 0 {
            return f64::NAN;
        }
        let rank = ((p / 100.0) * n as f64).ceil() as usize;
        ms[rank.clamp(1, n) - 1]
    };
    Latency {
        n,
        p50: round3(pct(50.0)),
        p95: round3(pct(95.0)),
        p99: round3(pct(99.0)),
        mean: round3(ms.iter().sum::<f64>() / n.max(1) as f64),
        max: round3(ms.last().copied().unwrap_or(f64::NAN)),
    }
}

pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Bytes of the files under `path` (a file or a directory).
pub fn disk_bytes(path: &Path) -> u64 {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return 0;
    };
    if meta.is_file() {
        return meta.len();
    }
    let mut total = 0;
    if let Ok(entries) = std::fs::read_dir(path) {
        for e in entries.flatten() {
            total += disk_bytes(&e.path());
        }
    }
    total
}

/// The directory the peers are built in; removed on drop unless kept.
pub struct WorkDir {
    pub path: PathBuf,
    remove: bool,
}

impl WorkDir {
    pub fn new(given: Option<&Path>, keep: bool) -> anyhow::Result<WorkDir> {
        let path = match given {
            Some(p) => p.to_path_buf(),
            None => {
                let nanos = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.subsec_nanos())
                    .unwrap_or(0);
                std::env::temp_dir()
                    .join(format!("marsad-store-bench-{}-{nanos}", std::process::id()))
            }
        };
        if path.exists() {
            std::fs::remove_dir_all(&path)?;
        }
        std::fs::create_dir_all(&path)?;
        Ok(WorkDir {
            path,
            remove: !keep,
        })
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        if self.remove {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

/// Arabic function words left out of the drawn word queries (search-normalized:
/// alef and yeh folded, teh marbuta as heh).
pub const STOPWORDS: &[&str] = &[
    "في",
    "من",
    "الي",
    "علي",
    "عن",
    "مع",
    "ان",
    "او",
    "ثم",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "التي",
    "الذي",
    "الذين",
    "هو",
    "هي",
    "هم",
    "كل",
    "بعد",
    "قبل",
    "خلال",
    "بين",
    "حول",
    "عند",
    "منذ",
    "حتي",
    "لا",
    "لم",
    "لن",
    "ما",
    "قد",
    "كان",
    "كانت",
    "يكون",
    "غير",
    "اي",
    "كما",
    "ايضا",
    "وفي",
    "ومن",
    "وعلي",
    "والي",
    "وان",
    "عبر",
    "ضد",
    "دون",
    "لدي",
    "نحو",
    "تحت",
    "فوق",
    "امام",
    "عليه",
    "عليها",
    "فيه",
    "فيها",
    "منه",
    "منها",
    "له",
    "لها",
    "و",
    "يا",
    "به",
    "بها",
    "اذا",
    "لكن",
    "ولا",
    "الا",
    "انه",
    "انها",
    "وقد",
    "فقط",
    "عدم",
    "بعض",
    "مدي",
    "اليوم",
    "امس",
];

pub fn is_stopword(normalized: &str) -> bool {
    STOPWORDS.contains(&normalized)
}
