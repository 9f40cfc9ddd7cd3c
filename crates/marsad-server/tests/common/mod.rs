//! A real server over loopback for the API, limit and load tests: a store of real
//! SaudiNewsNet articles served by `marsad_server::serve_listener` with the peer
//! address known (so the rate limit applies) and the limits under test.

#![allow(dead_code)]

use marsad_server::{AppState, Limits};
use marsad_store::Store;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub const TOKEN: &str = "test-token-0123456789abcdef";

pub struct Server {
    pub addr: SocketAddr,
    dir: PathBuf,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A store with the first `n` sample articles, served on 127.0.0.1 with `limits`
/// (read-only unless `token`); `None` without the shared data.
pub fn start(name: &str, n: usize, token: bool, limits: Limits) -> Option<Server> {
    let path = marsad_testdata::data_path("saudinewsnet/saudinewsnet_sample_350.jsonl")?;
    let dir =
        std::env::temp_dir().join(format!("marsad-limits-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let store = Store::open(&dir).expect("store");
    let text = std::fs::read_to_string(&path).unwrap();
    let raws: Vec<_> = text
        .lines()
        .take(n)
        .map(|l| marsad_readers::jsonl::read_line(l, Default::default(), "UTF-8").unwrap())
        .collect();
    let arts: Vec<marsad_article::Article> = {
        use rayon::prelude::*;
        raws.into_par_iter()
            .map(marsad_pipeline::build_article)
            .collect()
    };
    store.ingest(arts).expect("ingest");
    let state = AppState {
        store: Arc::new(store),
        token: token.then(|| Arc::from(TOKEN)),
        pipeline: Arc::new(marsad_pipeline::PipelineConfig::default()),
    };
    let (tx, rx) = std::sync::mpsc::channel();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(l.local_addr().unwrap()).unwrap();
            marsad_server::serve_listener(l, state, limits, async {
                let _ = stop_rx.await;
            })
            .await
            .unwrap();
        });
    });
    Some(Server {
        addr: rx.recv().unwrap(),
        dir,
        stop: Some(stop_tx),
        thread: Some(thread),
    })
}

pub struct Reply {
    pub status: u16,
    pub head: String,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {} {}", self.head, self.body))
    }

    pub fn header(&self, name: &str) -> Option<String> {
        let name = format!("{}:", name.to_ascii_lowercase());
        self.head.lines().find_map(|l| {
            l.to_ascii_lowercase()
                .starts_with(&name)
                .then(|| l[name.len()..].trim().to_string())
        })
    }
}

/// Send raw bytes on a fresh connection, read the answer to the end.
pub fn raw(addr: SocketAddr, bytes: &[u8]) -> Reply {
    let mut c = TcpStream::connect(addr).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let _ = c.write_all(bytes);
    let mut out = Vec::new();
    let _ = c.read_to_end(&mut out);
    parse(&out)
}

pub fn parse(out: &[u8]) -> Reply {
    let text = String::from_utf8_lossy(out).to_string();
    let (head, rest) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(rest)
    } else {
        rest.to_string()
    };
    Reply {
        status,
        head: head.to_string(),
        body,
    }
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        let bytes = rest.as_bytes();
        out.push_str(&String::from_utf8_lossy(&bytes[..n.min(bytes.len())]));
        s = rest.get(n + 2..).unwrap_or("");
    }
    out
}

/// One request over a fresh connection.
pub fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Reply {
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    )
    .into_bytes();
    for (k, v) in headers {
        req.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    req.extend_from_slice(b"\r\n");
    req.extend_from_slice(body);
    raw(addr, &req)
}

pub fn get(addr: SocketAddr, path: &str) -> Reply {
    http(addr, "GET", path, &[], b"")
}

pub fn enc(q: &str) -> String {
    q.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
