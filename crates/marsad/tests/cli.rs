//! End-to-end tests of the `marsad` binary: inputs from files, directories and
//! stdin; broken records reported with their location while the rest go on; the
//! exit status; no panic on garbage.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod common;
use common::{marsad, store_fingerprint};

fn articles(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect()
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("marsad-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn bad_jsonl_line_is_reported_and_the_rest_go_on() {
    let input = "{\"title\":\"أ\",\"text\":\"نص أول.\"}\n{\"title\": broken\n\n{\"title\":\"ب\",\"text\":\"نص ثان.\"}\n";
    let out = marsad(&["extract", "-"], input.as_bytes());
    assert_eq!(
        out.status.code(),
        Some(1),
        "exit status says something failed"
    );
    let arts = articles(&out);
    assert_eq!(arts.len(), 2);
    assert_eq!(arts[0]["title"], "أ");
    assert_eq!(arts[1]["title"], "ب");
    assert_eq!(arts[1]["source"]["line"], 4);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("-:2") && err.contains("invalid JSON"), "{err}");
}

#[test]
fn clean_input_exits_zero_and_output_follows_input_order() {
    let mut input = String::new();
    for i in 0..1500 {
        input.push_str(&format!(
            "{{\"title\":\"خبر {i}\",\"content\":\"قال المتحدث إن العدد {i}.\"}}\n"
        ));
    }
    let out = marsad(&["extract", "-q"], input.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let arts = articles(&out);
    assert_eq!(arts.len(), 1500);
    for (i, a) in arts.iter().enumerate() {
        assert_eq!(a["title"], format!("خبر {i}"));
        assert_eq!(a["schema"], "marsad.article/2");
    }
    assert!(out.stderr.is_empty(), "quiet");
}

#[test]
fn directories_recursively_mixed_formats_and_output_file() {
    let d = tmpdir("dir");
    std::fs::create_dir_all(d.join("sub")).unwrap();
    std::fs::write(d.join("a.jsonl"), "{\"title\":\"أ\",\"text\":\"نص.\"}\n").unwrap();
    std::fs::write(
        d.join("sub/b.txt"),
        "<DOC>\n<DOCNO>X-1</DOCNO>\n<TITLE>ت</TITLE>\n<TEXT>\nنص تريك.\n</TEXT>\n</DOC>\n",
    )
    .unwrap();
    std::fs::write(d.join("sub/c.bin"), b"PK\x03\x04\x00\x00").unwrap();
    let outfile = d.join("out.jsonl");
    let out = marsad(
        &[
            "extract",
            d.to_str().unwrap(),
            "-o",
            outfile.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1), "the zip file is an error");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("c.bin") && err.contains("bad zip archive"),
        "{err}"
    );
    let text = std::fs::read_to_string(&outfile).unwrap();
    let arts: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(arts.len(), 2);
    assert_eq!(arts[0]["source"]["format"], "jsonl");
    assert_eq!(arts[1]["source"]["format"], "trec");
    assert_eq!(arts[1]["meta"]["docno"], "X-1");
}

#[test]
fn missing_file_is_an_error_not_a_crash() {
    let out = marsad(&["extract", "/nonexistent/marsad.jsonl"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot open"));
}

#[test]
fn garbage_never_panics() {
    let mut seed = 0x2545F4914F6CDD1Du64;
    for round in 0..40 {
        let len = 1 + (round * 37) % 3000;
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (seed >> 24) as u8
            })
            .collect();
        let out = marsad(&["extract", "-q"], &bytes);
        assert!(
            matches!(out.status.code(), Some(0) | Some(1)),
            "status {:?}: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        let _ = articles(&out);
    }
}

#[test]
fn pretty_sample_article() {
    let sample = repo().join("examples/sample-article.txt");
    let out = marsad(&["extract", "--pretty", sample.to_str().unwrap()], b"");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let a: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(a["schema"], "marsad.article/2");
    assert!(a["title"]
        .as_str()
        .unwrap()
        .contains("وزير الخارجية المصري"));
    assert!(a["published"]["value"]
        .as_str()
        .unwrap()
        .starts_with("2015-08-10"));
    assert!(!a["sentences"].as_array().unwrap().is_empty());
}

#[test]
fn text_tools() {
    let out = marsad(&["text", "normalize"], "أَحْمَدُ في المدرسة ٢٠١٨\n".as_bytes());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "احمد في المدرسه 2018\n"
    );
    let out = marsad(&["text", "buckwalter"], "كتب\n".as_bytes());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "ktb\n");
    let out = marsad(&["text", "normalize", "--profile", "nope"], b"x\n");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn gzip_jsonl_is_streamed() {
    use flate2::write::GzEncoder;
    let d = tmpdir("gz");
    let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::default());
    for i in 0..50 {
        writeln!(gz, "{{\"title\":\"خبر {i}\",\"text\":\"نص {i}.\"}}").unwrap();
    }
    writeln!(gz, "not json").unwrap();
    let p = d.join("news.jsonl.gz");
    std::fs::write(&p, gz.finish().unwrap()).unwrap();
    let out = marsad(&["extract", p.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    let arts = articles(&out);
    assert_eq!(arts.len(), 50);
    assert_eq!(arts[49]["title"], "خبر 49");
    assert_eq!(arts[49]["source"]["line"], 50);
    assert!(String::from_utf8_lossy(&out.stderr).contains("news.jsonl.gz:51"));
}

#[test]
fn entities_with_user_gazetteer() {
    let d = tmpdir("gaz");
    let input = "{\"title\":\"خبر\",\"text\":\"أعلنت شركة زحل للتقنية عن منتج جديد في الرياض.\"}\n";
    let good = d.join("good.tsv");
    std::fs::write(&good, "# my companies\nشركة زحل للتقنية\tORG\n").unwrap();
    let out = marsad(
        &["extract", "-q", "--gazetteer", good.to_str().unwrap()],
        input.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0));
    let a = &articles(&out)[0];
    let ents: Vec<(String, String)> = a["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["label"].as_str().unwrap().into(),
                e["text"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(ents.contains(&("LOC".into(), "الرياض".into())), "{ents:?}");
    assert!(
        ents.contains(&("ORG".into(), "شركة زحل للتقنية".into())),
        "{ents:?}"
    );
    // Spans index the text by code point.
    let text: Vec<char> = a["text"].as_str().unwrap().chars().collect();
    for e in a["mentions"].as_array().unwrap() {
        let (s, t) = (
            e["span"]["start"].as_u64().unwrap() as usize,
            e["span"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            text[s..t].iter().collect::<String>(),
            e["text"].as_str().unwrap()
        );
    }
    let bad = d.join("bad.tsv");
    std::fs::write(&bad, "كوكب زحل\tLOC\nخطأ\n").unwrap();
    let out = marsad(
        &["extract", "--gazetteer", bad.to_str().unwrap()],
        input.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2"));
}

#[test]
fn entities_listing_and_registry_across_runs() {
    let d = tmpdir("entities");
    let sample = repo().join("examples/sample-article.txt");
    // A second article spelling Lavrov's given name differently (سيرغي vs سيرجي).
    let other = d.join("other.jsonl");
    std::fs::write(
        &other,
        "{\"title\":\"لافروف في أنقرة\",\"text\":\"وصل وزير الخارجية الروسي سيرغي لافروف إلى أنقرة اليوم.\\nوقال لافروف إن المحادثات مثمرة.\"}\n",
    )
    .unwrap();
    let reg = d.join("registry.jsonl");
    let args = |json: bool| {
        let mut v = vec![
            "entities".to_string(),
            "-q".into(),
            "--registry".into(),
            reg.to_str().unwrap().into(),
            sample.to_str().unwrap().into(),
            other.to_str().unwrap().into(),
        ];
        if json {
            v.push("--json".into());
        }
        v
    };
    let a: Vec<String> = args(true);
    let out = marsad(&a.iter().map(String::as_str).collect::<Vec<_>>(), b"");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let lavrov = rows
        .iter()
        .find(|r| r["latin"].as_str().is_some_and(|l| l.contains("Lavrov")))
        .expect("Lavrov listed");
    assert_eq!(lavrov["articles"], 2, "{lavrov}");
    assert_eq!(lavrov["country"], "RUS");
    let variants: Vec<&str> = lavrov["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        variants.contains(&"سيرجي لافروف") && variants.contains(&"سيرغي لافروف"),
        "{variants:?}"
    );
    // Sorted by article count.
    assert!(rows
        .windows(2)
        .all(|w| w[0]["articles"].as_u64() >= w[1]["articles"].as_u64()));
    // The registry file exists and a second run keeps the ids and counts.
    let first = std::fs::read_to_string(&reg).unwrap();
    assert!(first.starts_with("{\"format\":\"marsad.registry/1\"}"));
    let out2 = marsad(&a.iter().map(String::as_str).collect::<Vec<_>>(), b"");
    assert_eq!(out2.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(&reg).unwrap(),
        first,
        "re-reading the same articles changes nothing"
    );
    // extract --registry writes registry ids into the articles.
    let out3 = marsad(
        &[
            "extract",
            "-q",
            "--registry",
            reg.to_str().unwrap(),
            other.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(out3.status.code(), Some(0));
    let art = &articles(&out3)[0];
    let id = lavrov["id"].as_str().unwrap();
    assert!(art["entities"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["id"] == id));
    assert!(art["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["entity"] == id));
    // Table output and a clear error for a bad type.
    let t: Vec<String> = args(false);
    let out4 = marsad(&t.iter().map(String::as_str).collect::<Vec<_>>(), b"");
    assert!(String::from_utf8_lossy(&out4.stdout).contains("Lavrov"));
    let bad = marsad(
        &["entities", "--type", "XYZ", sample.to_str().unwrap()],
        b"",
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown type"));
}

#[test]
fn events_and_quotes_tables() {
    let d = tmpdir("tables");
    let sample = repo().join("examples/sample-article.txt");
    let (ev, qt) = (d.join("events.tsv"), d.join("quotes.tsv"));
    let out = marsad(
        &[
            "extract",
            "-q",
            "--events-tsv",
            ev.to_str().unwrap(),
            "--quotes-tsv",
            qt.to_str().unwrap(),
            sample.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let a = &articles(&out)[0];
    let events = std::fs::read_to_string(&ev).unwrap();
    let mut lines = events.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    for col in [
        "GlobalEventID",
        "Day",
        "Actor1Code",
        "Actor1CountryCode",
        "EventCode",
        "EventRootCode",
        "QuadClass",
        "GoldsteinScale",
        "SOURCEURL",
    ] {
        assert!(header.contains(&col), "{col}");
    }
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), a["events"].as_array().unwrap().len());
    assert!(rows.iter().all(|r| r.len() == header.len()));
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let call = rows
        .iter()
        .find(|r| r[col("EventCode")] == "041")
        .expect("the phone call");
    assert_eq!(call[col("Actor1Code")], "RUSGOV");
    assert_eq!(call[col("Actor1CountryCode")], "RUS");
    assert_eq!(call[col("Actor2Code")], "EGYGOV");
    assert_eq!(call[col("Day")], "20150810");
    let quotes = std::fs::read_to_string(&qt).unwrap();
    let qrows: Vec<&str> = quotes.lines().skip(1).collect();
    assert_eq!(qrows.len(), a["quotes"].as_array().unwrap().len());
    // Offset and Length slice the article text to the quote.
    let text: Vec<char> = a["text"].as_str().unwrap().chars().collect();
    for r in qrows {
        let f: Vec<&str> = r.split('\t').collect();
        let (off, len): (usize, usize) = (f[2].parse().unwrap(), f[3].parse().unwrap());
        assert_eq!(text[off..off + len].iter().collect::<String>(), f[5]);
    }
}

#[test]
fn ingest_killed_then_resumed_equals_a_clean_run_and_search_cli() {
    let Some(file) = marsad_testdata::data_path("saudinewsnet/saudinewsnet_sample_350.jsonl")
    else {
        return;
    };
    let file = file.to_str().unwrap().to_string();
    let dir = tmpdir("ingest");
    let clean = dir.join("clean");
    let out = marsad(
        &[
            "ingest",
            "-q",
            "--batch",
            "25",
            "--store",
            clean.to_str().unwrap(),
            &file,
        ],
        b"",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Kill an ingest (SIGKILL) once it has committed some batches, then run it again.
    let killed = dir.join("killed");
    let mut child = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args([
            "ingest",
            "-q",
            "-j",
            "1",
            "--batch",
            "25",
            "--store",
            killed.to_str().unwrap(),
            &file,
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let mut at_kill = 0;
    while started.elapsed() < std::time::Duration::from_secs(300) {
        if let Ok(s) = marsad_store::Store::open_read_only(&killed) {
            at_kill = s.stats().map(|s| s.articles).unwrap_or(0);
            if at_kill >= 25 {
                break;
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(at_kill >= 25, "no batch was committed before the kill");
    let total = marsad_store::Store::open_read_only(&clean)
        .unwrap()
        .stats()
        .unwrap()
        .articles;
    if status.success() {
        eprintln!("note: the ingest finished before it could be killed");
    } else {
        assert!(at_kill < total, "killed after the last batch");
    }
    let out = marsad(
        &[
            "ingest",
            "--batch",
            "25",
            "--store",
            killed.to_str().unwrap(),
            &file,
        ],
        b"",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let msg = String::from_utf8_lossy(&out.stderr);
    assert!(msg.contains("already stored"), "{msg}");
    assert_eq!(store_fingerprint(&killed), store_fingerprint(&clean));

    // Search from the command line: a table, and JSON.
    let out = marsad(
        &[
            "search",
            "--store",
            clean.to_str().unwrap(),
            "الملك",
            "سلمان",
        ],
        b"",
    );
    assert!(out.status.success());
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("articles match") && table.contains("«"),
        "{table}"
    );
    let out = marsad(
        &[
            "search",
            "--json",
            "--store",
            clean.to_str().unwrap(),
            "event:04",
            "--limit",
            "3",
        ],
        b"",
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["total"].as_u64().unwrap() > 0 && v["hits"].as_array().unwrap().len() <= 3);
    let out = marsad(
        &["search", "--store", clean.to_str().unwrap(), "from:2015-99"],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("YYYY"));
    let out = marsad(
        &["search", "--store", dir.join("none").to_str().unwrap(), "x"],
        b"",
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("no store at"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Peak resident memory (VmHWM, kB) of a running process, polled until it exits.
fn run_polling_peak_rss(cmd: &mut Command) -> (std::process::ExitStatus, u64, String) {
    let mut child = cmd.stderr(Stdio::piped()).spawn().expect("run marsad");
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = 0u64;
    let status = loop {
        if let Ok(s) = std::fs::read_to_string(&status_file) {
            if let Some(kb) = s
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            {
                peak = peak.max(kb);
            }
        }
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let mut err = String::new();
    use std::io::Read;
    child.stderr.take().unwrap().read_to_string(&mut err).ok();
    (status, peak, err)
}

#[test]
fn a_multi_hundred_megabyte_warc_streams_in_constant_memory() {
    let Some(ant) = marsad_testdata::data_path("ant_multisource_news/ant_multisource_sample.jsonl")
    else {
        return;
    };
    let dir = tmpdir("bigwarc");
    let path = dir.join("crawl.warc");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let record = marsad_testdata::warc_record;
    // Real ANT articles as HTML pages, between large media responses (what a
    // crawl holds most of), 300 MB in all.
    let text = std::fs::read_to_string(ant).unwrap();
    let mut pages = 0;
    let mut media = vec![0u8; 1 << 20];
    let mut x = 0x9E37_79B9_7F4A_7C15u64;
    for (i, line) in text.lines().take(300).enumerate() {
        let v: Value = serde_json::from_str(line).unwrap();
        let (url, title, body) = (
            v["url"].as_str().unwrap_or(""),
            v["title"].as_str().unwrap_or(""),
            v["text"].as_str().unwrap_or(""),
        );
        let paras: String = body
            .split('\n')
            .filter(|p| !p.trim().is_empty())
            .map(|p| format!("<p>{}</p>", p.replace('<', "&lt;")))
            .collect();
        let html = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><head><title>{}</title></head><body><nav><a href=/>الرئيسية</a></nav><article>{paras}</article></body></html>",
            title.replace('<', "&lt;")
        );
        f.write_all(&record("response", url, html.as_bytes()))
            .unwrap();
        pages += 1;
        for b in media.iter_mut() {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            *b = x as u8;
        }
        let mut resp = b"HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\n\r\n".to_vec();
        resp.extend_from_slice(&media);
        f.write_all(&record(
            "response",
            &format!("http://cdn.example/v{i}.mp4"),
            &resp,
        ))
        .unwrap();
    }
    drop(f);
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size > 300_000_000, "{size}");
    let out = dir.join("out.jsonl");
    let (status, peak_kb, err) =
        run_polling_peak_rss(Command::new(env!("CARGO_BIN_EXE_marsad")).args([
            "extract",
            "-q",
            "--no-ner",
            path.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]));
    assert!(status.success(), "{err}");
    let n = std::fs::read_to_string(&out).unwrap().lines().count();
    assert!(n >= pages - 5, "{n} of {pages} pages extracted; {err}");
    eprintln!(
        "WARC of {} MB: {n} pages, peak RSS {} MB",
        size >> 20,
        peak_kb >> 10
    );
    // Memory does not grow with the archive: far below its size.
    assert!(
        peak_kb < 200 * 1024,
        "peak RSS {peak_kb} kB for a {size}-byte WARC"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn stream_mode_gives_one_line_per_input_line_with_errors_in_place() {
    let lines = [
        "{\"title\":\"أ\",\"text\":\"قال الوزير إن الاجتماع ناجح.\"}",
        "",
        "{\"title\": broken",
        "not json at all",
        "{\"title\":\"ب\",\"text\":\"نص ثان.\"}",
        "   ",
        "{\"id\": 5}",
        "{\"title\":\"ج\",\"text\":\"نص ثالث.\"}",
    ];
    let input = lines.join("\n") + "\n";
    let out = marsad(&["extract", "--stream", "-q"], input.as_bytes());
    assert_eq!(out.status.code(), Some(0), "errors travel in band");
    let got = articles(&out);
    assert_eq!(got.len(), lines.len(), "one line out per line in");
    for (i, (line, rec)) in lines.iter().zip(&got).enumerate() {
        let n = i as u64 + 1;
        if let Some(err) = rec.get("error") {
            assert_eq!(err["line"], n, "{rec}");
            assert_eq!(err["path"], "-");
            assert!(!err["reason"].as_str().unwrap().is_empty());
        } else {
            assert_eq!(rec["source"]["line"], n, "{rec}");
            let want: Value = serde_json::from_str(line).unwrap();
            assert_eq!(rec["title"], want["title"]);
        }
    }
    let kinds: Vec<bool> = got.iter().map(|r| r.get("error").is_some()).collect();
    assert_eq!(
        kinds,
        [false, true, true, true, false, true, true, false],
        "{got:?}"
    );
    assert!(got[1]["error"]["reason"]
        .as_str()
        .unwrap()
        .contains("blank"));
    // Without --stream the same input reports failure in the exit status.
    let plain = marsad(&["extract", "-q"], input.as_bytes());
    assert_eq!(plain.status.code(), Some(1));
    assert_eq!(articles(&plain).len(), 3);
}

#[test]
fn stream_mode_answers_each_line_before_the_input_ends() {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args(["extract", "--stream", "-q"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("run marsad");
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    // A reader that hangs would block this test forever: fail it from a watchdog.
    let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
    let pid = child.id();
    std::thread::spawn(move || {
        if done_rx
            .recv_timeout(std::time::Duration::from_secs(120))
            .is_err()
        {
            eprintln!("no answer within 120 s: killing marsad {pid}");
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
        }
    });
    for i in 0..3 {
        writeln!(
            stdin,
            "{{\"title\":\"خبر {i}\",\"text\":\"نص الخبر رقم {i}.\"}}"
        )
        .unwrap();
        stdin.flush().unwrap();
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let rec: Value = serde_json::from_str(&line).expect("an article while stdin is open");
        assert_eq!(rec["title"], format!("خبر {i}"));
        writeln!(stdin).unwrap();
        stdin.flush().unwrap();
        line.clear();
        stdout.read_line(&mut line).unwrap();
        let rec: Value = serde_json::from_str(&line).unwrap();
        assert!(rec["error"]["reason"].as_str().unwrap().contains("blank"));
    }
    drop(stdin);
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    assert_eq!(rest, "");
    assert!(child.wait().unwrap().success());
    let _ = done_tx.send(());
}

/// `ner eval` prints the per-type table of a CoNLL file, and `--predictions`
/// writes the file back with the tagger's labels next to the gold ones.
#[test]
fn ner_eval_reports_and_writes_predictions() {
    let dir = tmpdir("ner-eval");
    let conll = dir.join("tiny.conll");
    std::fs::write(
        &conll,
        "قال O\nالرئيس O\nالأمريكي O\nجورج B-PERS\nبوش I-PERS\nفي O\nواشنطن B-LOC\n. O\n\n",
    )
    .unwrap();
    let pred = dir.join("pred.conll");
    let out = marsad(
        &[
            "ner",
            "eval",
            "--predictions",
            pred.to_str().unwrap(),
            conll.to_str().unwrap(),
        ],
        b"",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.contains("| PER | 1 |") && table.contains("| **micro** | 2 |"),
        "{table}"
    );
    let lines: Vec<Vec<String>> = std::fs::read_to_string(&pred)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| l.split(' ').map(String::from).collect())
        .collect();
    assert_eq!(lines.len(), 8);
    assert!(lines.iter().all(|l| l.len() == 3));
    assert_eq!(lines[3], ["جورج", "B-PER", "B-PER"]);
    assert_eq!(lines[6], ["واشنطن", "B-LOC", "B-LOC"]);
    // Two files cannot share one predictions file.
    let two = marsad(
        &[
            "ner",
            "eval",
            "--predictions",
            pred.to_str().unwrap(),
            conll.to_str().unwrap(),
            conll.to_str().unwrap(),
        ],
        b"",
    );
    assert!(!two.status.success());
    let _ = std::fs::remove_dir_all(&dir);
}
