//! Refusals over loopback against a real server: slow clients are cut off without
//! starving others, oversized bodies, long queries and deep pages are refused with
//! clear JSON errors, a client over its request rate gets 429 with Retry-After,
//! malformed request targets are 400s, writes need the token — and no request
//! makes the server fail.

mod common;

use common::{enc, get, http, raw, start, TOKEN};
use marsad_server::Limits;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// Short deadlines so that the slow-client tests are quick; no rate limit.
fn short() -> Limits {
    Limits {
        rate: 0,
        burst: 0,
        header_timeout: Duration::from_secs(1),
        request_timeout: Duration::from_secs(2),
        max_connections: 256,
    }
}

/// Read until the server closes the connection (or 20 s pass): what it sent and
/// how long it took.
fn read_until_closed(c: &mut TcpStream) -> (Vec<u8>, Duration, bool) {
    let t0 = Instant::now();
    c.set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    while t0.elapsed() < Duration::from_secs(20) {
        match c.read(&mut buf) {
            Ok(0) => return (out, t0.elapsed(), true),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e)
                if e.kind() == std::io::ErrorKind::WouldBlock
                    || e.kind() == std::io::ErrorKind::TimedOut => {}
            Err(_) => return (out, t0.elapsed(), true),
        }
    }
    (out, t0.elapsed(), false)
}

#[test]
fn slow_clients_are_cut_off_without_starving_others() {
    let Some(s) = start("slow", 40, true, short()) else {
        return;
    };
    // Slowloris: a request head sent a byte at a time, never finished, by several
    // clients; and an idle connection that sends nothing.
    let head = b"GET /api/stats HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1";
    let slow: Vec<_> = (0..8)
        .map(|_| {
            let addr = s.addr;
            std::thread::spawn(move || {
                let mut c = TcpStream::connect(addr).unwrap();
                let t0 = Instant::now();
                for b in head.iter() {
                    if c.write_all(&[*b]).is_err() {
                        break; // cut off
                    }
                    std::thread::sleep(Duration::from_millis(150));
                    if t0.elapsed() > Duration::from_secs(15) {
                        break;
                    }
                }
                let (_, _, closed) = read_until_closed(&mut c);
                (closed, t0.elapsed())
            })
        })
        .collect();
    let mut idle = TcpStream::connect(s.addr).unwrap();

    // Meanwhile normal requests are answered.
    std::thread::sleep(Duration::from_millis(300));
    for _ in 0..5 {
        let r = get(s.addr, "/api/stats");
        assert_eq!(r.status, 200, "{}", r.body);
    }

    let (out, took, closed) = read_until_closed(&mut idle);
    assert!(closed, "an idle connection was kept open for {took:?}");
    assert!(
        took < Duration::from_secs(10),
        "idle connection held {took:?}"
    );
    assert!(out.is_empty() || String::from_utf8_lossy(&out).starts_with("HTTP/1.1 408"));
    for t in slow {
        let (closed, took) = t.join().unwrap();
        assert!(closed, "a slowloris client was never cut off");
        // The head would take 52 × 150 ms ≈ 7.8 s to send; the deadline is 1 s.
        assert!(
            took < Duration::from_secs(7),
            "a slowloris client held on for {took:?}"
        );
    }

    // A body that never completes: the request times out (408) and the
    // connection closes.
    let mut c = TcpStream::connect(s.addr).unwrap();
    c.write_all(b"POST /api/extract HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\nstart of a body")
        .unwrap();
    let (out, took, closed) = read_until_closed(&mut c);
    let r = common::parse(&out);
    assert_eq!(r.status, 408, "{}", String::from_utf8_lossy(&out));
    assert!(r.json()["error"]
        .as_str()
        .unwrap()
        .contains("not completed"));
    assert!(closed && took < Duration::from_secs(10), "{took:?}");
    // And the server still answers.
    assert_eq!(get(s.addr, "/api/stats").status, 200);
}

#[test]
fn oversized_long_deep_and_malformed_requests_are_refused_cleanly() {
    let Some(s) = start("refusals", 40, true, short()) else {
        return;
    };
    let a = s.addr;

    // Oversized body: 413 with a JSON error, for extract and (authorized) ingest.
    let big = vec![b'a'; marsad_server::MAX_BODY_BYTES + 1];
    let auth = format!("Bearer {TOKEN}");
    for (path, headers) in [
        ("/api/extract", vec![("Content-Type", "text/plain")]),
        (
            "/api/ingest",
            vec![
                ("Content-Type", "application/json"),
                ("Authorization", auth.as_str()),
            ],
        ),
    ] {
        let r = http(a, "POST", path, &headers, &big);
        assert_eq!(r.status, 413, "{path}: {}", r.body);
        assert!(r.json()["error"].as_str().unwrap().contains("larger than"));
    }
    // An article over the article limit (within the body limit): 413 too.
    let long_text = "كلمة ".repeat(marsad_server::api::MAX_ARTICLE_BYTES / 8);
    let r = http(
        a,
        "POST",
        "/api/extract",
        &[("Content-Type", "text/plain")],
        long_text.as_bytes(),
    );
    assert_eq!(r.status, 413, "{}", r.body);
    assert!(r.json()["error"]
        .as_str()
        .unwrap()
        .contains("article 1 is larger"));
    let rec = serde_json::json!({"title": "t", "content": long_text}).to_string();
    let r = http(
        a,
        "POST",
        "/api/extract",
        &[("Content-Type", "application/json")],
        rec.as_bytes(),
    );
    assert_eq!(r.status, 413, "{}", r.body);
    // Announced but not sent: refused from the Content-Length alone.
    let r = raw(
        a,
        b"POST /api/extract HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(r.status, 413, "{}", r.body);

    // A query over the length limit: 400 with the reason.
    let long_q = "ا".repeat(marsad_store::query::MAX_QUERY_CHARS + 1);
    let r = get(a, &format!("/api/search?q={}", enc(&long_q)));
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.json()["error"].as_str().unwrap().contains("longer than"));
    // The longest allowed query passes the target-length limit.
    let ok_q = "ا".repeat(marsad_store::query::MAX_QUERY_CHARS);
    assert_eq!(get(a, &format!("/api/search?q={}", enc(&ok_q))).status, 200);
    // A request target over the limit: 414.
    let r = get(
        a,
        &format!("/api/search?q={}", "x".repeat(marsad_server::MAX_URI_BYTES)),
    );
    assert_eq!(r.status, 414, "{}", r.body);
    assert!(r.json()["error"].as_str().unwrap().contains("longer than"));
    // Names to look up are bounded too.
    let long_name = enc(&"م".repeat(marsad_server::api::MAX_NAME_CHARS + 1));
    for path in [
        format!("/api/entities?name={long_name}"),
        format!("/api/quotes?speaker={long_name}"),
    ] {
        let r = get(a, &path);
        assert_eq!(r.status, 400, "{path}: {}", r.body);
        assert!(r.json()["error"].as_str().unwrap().contains("longer than"));
    }
    // Request heads over the buffer: refused by the HTTP layer (431), no crash.
    let mut req = b"GET /api/stats HTTP/1.1\r\nHost: x\r\n".to_vec();
    for i in 0..2000 {
        req.extend_from_slice(format!("X-Filler-{i}: {}\r\n", "y".repeat(60)).as_bytes());
    }
    req.extend_from_slice(b"\r\n");
    let r = raw(a, &req);
    assert!(r.status == 431 || r.status == 0, "{}", r.head);

    // Deep pagination beyond the window: 400 that says how to go deeper.
    for path in [
        "/api/search?q=&offset=10001",
        "/api/entities?offset=10001",
        "/api/quotes?offset=10001",
        "/api/events?offset=10001",
        "/?q=x&offset=10001",
    ] {
        let r = get(a, path);
        assert_eq!(r.status, 400, "{path}: {}", r.body);
        if path.starts_with("/api") {
            let m = r.json()["error"].as_str().unwrap().to_string();
            assert!(m.contains("offset is at most 10000"), "{path}: {m}");
        }
    }
    for path in [
        "/api/search?offset=184467440737095516160",
        "/api/search?limit=-1",
        "/api/entities?limit=1000",
    ] {
        let r = get(a, path);
        assert_eq!(r.status, 400, "{path}: {}", r.body);
        assert!(r.json()["error"].is_string());
    }

    // Malformed percent-encoding and bytes that are not UTF-8: 400, JSON on the API.
    for path in [
        "/api/articles/%FF",
        "/api/entities/%C3%28/timeline",
        "/api/search?q=%FF%FE",
        "/api/search?q=%D8",
        "/api/search?q=100%",
        "/api/search?q=%zz",
        "/article/%FF",
        "/?q=%E2%82",
    ] {
        let r = get(a, path);
        assert_eq!(r.status, 400, "{path}: {}", r.body);
        if path.starts_with("/api") {
            assert!(r.json()["error"].is_string(), "{path}");
        }
    }
    // Raw non-UTF-8 bytes in the request line: refused by the HTTP layer or as above.
    let r = raw(
        a,
        b"GET /api/search?q=\xff\xfe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(r.status == 400 || r.status == 0, "{}", r.head);

    // Writes need the token: none or a wrong one is 401; a read-only server is 403.
    let rec = r#"{"title": "t", "content": "نص تجريبي"}"#.as_bytes();
    for auth in [
        None,
        Some("Bearer wrong-token-0123456789abcd"),
        Some("Bearer "),
        Some("Basic dGVzdDp0ZXN0"),
        Some(TOKEN),
    ] {
        let mut h = vec![("Content-Type", "application/json")];
        if let Some(v) = auth {
            h.push(("Authorization", v));
        }
        let r = http(a, "POST", "/api/ingest", &h, rec);
        assert_eq!(r.status, 401, "{auth:?}: {}", r.body);
        assert!(r.json()["error"].as_str().unwrap().contains("token"));
    }

    // Nothing from HTTP input makes the server fail: odd methods, paths, values.
    for (method, path) in [
        ("GET", "/api/articles/..%2F..%2F..%2Fetc%2Fpasswd"),
        ("GET", "/static/..%2F..%2FCargo.toml"),
        ("GET", "/static/../../Cargo.toml"),
        ("GET", "/api/entities/x/network?limit=100000000000000000000"),
        ("GET", "/api/entities/%00/timeline?granularity=%00"),
        (
            "GET",
            "/api/events?from=%27%3B%20DROP%20TABLE%20articles%3B--&root=99",
        ),
        (
            "GET",
            "/api/search?q=%22%22%22-OR%20OR%20entity%3A%20type%3A%20from%3A9999",
        ),
        ("GET", "/api/search?q=%E2%80%AE%3Cscript%3E&sort=nonsense"),
        ("GET", "/entity/%E2%80%AE"),
        ("DELETE", "/api/articles/x"),
        ("PUT", "/api/ingest"),
        ("POST", "/api/search"),
        ("OPTIONS", "*"),
        ("GET", "http://evil.example/api/stats"),
    ] {
        let r = http(a, method, path, &[], b"");
        assert!(
            r.status != 0 && r.status < 500,
            "{method} {path}: {} {}",
            r.head,
            r.body
        );
    }
    for garbage in [
        &b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 TLS hello\r\n\r\n"[..],
        b"GET\r\n\r\n",
        b"GET / HTTP/9.9\r\nHost: x\r\n\r\n",
        b"POST /api/extract HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nboom\r\n0\r\n\r\n",
        b"POST /api/extract HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nabcde",
    ] {
        let r = raw(a, garbage);
        assert!(r.status == 0 || (400..500).contains(&r.status), "{}", r.head);
    }
    assert_eq!(get(a, "/api/stats").status, 200);

    let ro = start("readonly", 5, false, short()).unwrap();
    let r = http(
        ro.addr,
        "POST",
        "/api/ingest",
        &[
            ("Content-Type", "application/json"),
            ("Authorization", &auth),
        ],
        rec,
    );
    assert_eq!(r.status, 403, "{}", r.body);
    assert!(r.json()["error"].as_str().unwrap().contains("read-only"));
}

#[test]
fn a_client_over_its_rate_gets_429_with_retry_after() {
    let limits = Limits {
        rate: 5,
        burst: 10,
        ..Limits::default()
    };
    let Some(s) = start("rate", 5, false, limits) else {
        return;
    };
    let statuses: Vec<_> = (0..30).map(|_| get(s.addr, "/api/stats")).collect();
    let ok = statuses.iter().filter(|r| r.status == 200).count();
    let limited: Vec<_> = statuses.iter().filter(|r| r.status == 429).collect();
    assert!(ok >= 10, "{ok} answered");
    assert!(!limited.is_empty(), "no request was limited");
    assert_eq!(ok + limited.len(), 30);
    let r = limited[0];
    let retry: u64 = r
        .header("retry-after")
        .expect("Retry-After")
        .parse()
        .unwrap();
    assert!((1..=2).contains(&retry), "{retry}");
    assert!(r.json()["error"]
        .as_str()
        .unwrap()
        .contains("too many requests"));
    // The bucket refills at the rate.
    std::thread::sleep(Duration::from_millis(1200));
    assert_eq!(get(s.addr, "/api/stats").status, 200);
}
