//! Crash safety of the store: `marsad ingest` and `marsad serve` (during HTTP
//! ingest) killed with SIGKILL at random points over real articles. After each
//! kill the store must open, its catalog and full-text index must agree, every
//! article that was visible (CLI) or acknowledged (HTTP 200) before the kill must
//! still be there, and a resumed run must end equal to a clean run.
//!
//! The kill points come from a seeded generator; the seed is printed and can be
//! fixed with `MARSAD_CRASH_SEED` to replay a failure.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::store_fingerprint;

const TRIALS: usize = 10;
const BATCH: usize = 25;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_marsad")
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("marsad-crash-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A small deterministic generator (xorshift64*): kill points in [0, 1).
struct Points(u64);

impl Points {
    fn from_env() -> Points {
        let seed = std::env::var("MARSAD_CRASH_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
            });
        eprintln!("crash trials: MARSAD_CRASH_SEED={seed}");
        Points(seed | 1)
    }

    fn next(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn stored_ids(dir: &Path) -> BTreeSet<String> {
    let Ok(store) = marsad_store::Store::open_read_only(dir) else {
        return BTreeSet::new();
    };
    store
        .with_conn(|c| {
            let mut st = c.prepare("SELECT id FROM articles")?;
            let ids = st
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<Result<_, _>>()?;
            Ok(ids)
        })
        .unwrap_or_default()
}

/// After a kill: the store opens for writing (which repairs a half-done batch),
/// its index and catalog agree, and it holds every id of `must_have`.
fn check_after_kill(dir: &Path, must_have: &BTreeSet<String>, what: &str) -> usize {
    let store = marsad_store::Store::open(dir)
        .unwrap_or_else(|e| panic!("{what}: the store does not open after the kill: {e:#}"));
    let articles = store.stats().unwrap().articles;
    assert_eq!(
        store.indexed_docs(),
        articles,
        "{what}: index and catalog disagree"
    );
    drop(store);
    let now = stored_ids(dir);
    let lost: Vec<&String> = must_have.difference(&now).collect();
    assert!(
        lost.is_empty(),
        "{what}: {} acknowledged articles lost, e.g. {:?}",
        lost.len(),
        lost.first()
    );
    assert_eq!(now.len() as u64, articles, "{what}: duplicate ids");
    now.len()
}

fn kill(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

fn sample() -> Option<PathBuf> {
    marsad_testdata::data_path("saudinewsnet/saudinewsnet_sample_350.jsonl")
}

fn ingest(store: &Path, file: &Path) -> Command {
    let mut cmd = Command::new(bin());
    cmd.args(["ingest", "-q", "--batch", &BATCH.to_string(), "--store"])
        .arg(store)
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

#[test]
fn ingest_killed_at_random_points_loses_nothing_and_resumes_to_a_clean_store() {
    let Some(file) = sample() else { return };
    let dir = tmpdir("ingest");
    let clean = dir.join("clean");
    let started = Instant::now();
    let out = ingest(&clean, &file).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let clean_run = started.elapsed();
    let want = store_fingerprint(&clean);
    let mut points = Points::from_env();
    let batches = want.0.len().div_ceil(BATCH);
    let per_batch = clean_run.div_f64(batches as f64);
    let mut killed_midway = 0;
    for trial in 0..TRIALS {
        let store = dir.join(format!("trial-{trial}"));
        // Kill once k batches are committed, a random part of a batch's time later:
        // anywhere in the extraction, the index commit or the catalog commit of the next.
        let k = 1 + (points.next() * (batches - 1) as f64) as usize;
        let extra = per_batch.mul_f64(points.next());
        let mut child = ingest(&store, &file).stderr(Stdio::null()).spawn().unwrap();
        // Watch what readers can see until the kill: all of it must survive.
        let t0 = Instant::now();
        let mut seen = BTreeSet::new();
        while seen.len() < k * BATCH
            && t0.elapsed() < Duration::from_secs(600)
            && child.try_wait().unwrap().is_none()
        {
            seen.extend(stored_ids(&store));
            std::thread::sleep(Duration::from_millis(10));
        }
        std::thread::sleep(extra);
        let at = t0.elapsed();
        let finished = child.try_wait().unwrap().is_some();
        kill(&mut child);
        let n = check_after_kill(&store, &seen, &format!("trial {trial}"));
        if !finished && n < want.0.len() {
            killed_midway += 1;
        }
        eprintln!(
            "trial {trial}: killed {:.2} s after start, {:.2} s after batch {k}: {n} articles stored ({} seen)",
            at.as_secs_f64(),
            extra.as_secs_f64(),
            seen.len()
        );
        let out = ingest(&store, &file).output().unwrap();
        assert!(
            out.status.success(),
            "trial {trial}: resume failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            store_fingerprint(&store) == want,
            "trial {trial}: the resumed store differs from a clean run"
        );
        let _ = std::fs::remove_dir_all(&store);
    }
    assert!(
        killed_midway >= TRIALS / 2,
        "only {killed_midway} of {TRIALS} kills hit a partial store"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// One HTTP/1.1 request over a fresh connection; the status code and body, or
/// `None` when the connection broke (the server died).
fn http(addr: &str, method: &str, path: &str, token: &str, body: &[u8]) -> Option<(u16, String)> {
    let mut s = std::net::TcpStream::connect(addr).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(300))).ok()?;
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/x-ndjson\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).ok()?;
    s.write_all(body).ok()?;
    let mut resp = Vec::new();
    s.read_to_end(&mut resp).ok()?;
    let resp = String::from_utf8_lossy(&resp).into_owned();
    let code = resp.split(' ').nth(1)?.parse().ok()?;
    let body = resp.split_once("\r\n\r\n")?.1.to_string();
    Some((code, body))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Start `marsad serve` with an ingest token and wait until it answers.
fn serve(store: &Path, token: &str) -> (Child, String) {
    let addr = format!("127.0.0.1:{}", free_port());
    let mut child = Command::new(bin())
        .args(["serve", "--addr", &addr, "--store"])
        .arg(store)
        .env("MARSAD_TOKEN", token)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let t0 = Instant::now();
    while t0.elapsed() < Duration::from_secs(120) {
        if let Some((200, _)) = http(&addr, "GET", "/api/stats", "", b"") {
            return (child, addr);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    kill(&mut child);
    panic!("marsad serve did not come up on {addr}");
}

#[test]
fn serve_killed_during_http_ingest_keeps_every_acknowledged_article() {
    let Some(file) = sample() else { return };
    let dir = tmpdir("serve");
    let token = "crash-test-token";
    // The ids of each line's article, as the pipeline computes them.
    let out = Command::new(bin())
        .args(["extract", "-q", "--no-ner"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let ids: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let lines: Vec<String> = std::fs::read_to_string(&file)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    assert_eq!(ids.len(), lines.len());
    let batches: Vec<(String, &[String])> = lines
        .chunks(BATCH)
        .zip(ids.chunks(BATCH))
        .map(|(l, i)| (l.join("\n") + "\n", i))
        .collect();
    // Posts every batch in order, calling `on_ack` with the number acknowledged so far;
    // false when the server went away.
    let post_all =
        |addr: &str, acked: &mut BTreeSet<String>, on_ack: &mut dyn FnMut(usize)| -> bool {
            for (n, (body, batch_ids)) in batches.iter().enumerate() {
                match http(addr, "POST", "/api/ingest", token, body.as_bytes()) {
                    Some((200, _)) => {
                        acked.extend(batch_ids.iter().cloned());
                        on_ack(n + 1);
                    }
                    Some((code, body)) => panic!("ingest answered {code}: {body}"),
                    None => return false,
                }
            }
            true
        };

    // A clean run over HTTP, timed, for the kill points and the final comparison.
    let clean = dir.join("clean");
    let (mut server, addr) = serve(&clean, token);
    let started = Instant::now();
    assert!(post_all(&addr, &mut BTreeSet::new(), &mut |_| {}));
    let per_batch = started.elapsed().div_f64(batches.len() as f64);
    kill(&mut server);
    let want = store_fingerprint(&clean);

    let mut points = Points::from_env();
    let trials = TRIALS;
    for trial in 0..trials {
        let store = dir.join(format!("trial-{trial}"));
        let (mut server, addr) = serve(&store, token);
        // Kill a random part of a batch's time after the k-th acknowledgement (k may
        // be 0): while a request is read, extracted, indexed or committed.
        let k = (points.next() * (batches.len() - 1) as f64) as usize;
        let at = per_batch.mul_f64(points.next());
        let pid = server.id();
        let kill_after = move || {
            std::thread::spawn(move || {
                std::thread::sleep(at);
                let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
            })
        };
        let mut killer = (k == 0).then(kill_after);
        let mut acked = BTreeSet::new();
        let completed = post_all(&addr, &mut acked, &mut |n| {
            if n == k {
                killer = Some(kill_after());
            }
        });
        killer.expect("a kill was scheduled").join().unwrap();
        let _ = server.wait();
        let n = check_after_kill(&store, &acked, &format!("serve trial {trial}"));
        eprintln!(
            "serve trial {trial}: killed {:.2} s after batch {k}; {} acknowledged, {n} stored{}",
            at.as_secs_f64(),
            acked.len(),
            if completed { " (all posted first)" } else { "" }
        );
        // Restart and post everything again: the store ends equal to the clean one.
        let (mut server, addr) = serve(&store, token);
        assert!(post_all(&addr, &mut acked, &mut |_| {}));
        kill(&mut server);
        assert!(
            store_fingerprint(&store) == want,
            "serve trial {trial}: the store differs from a clean run"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
