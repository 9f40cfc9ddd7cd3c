//! A real headless browser over the web UI: the demo store is built in a temp
//! dir, served on a loopback port, and `tests/browser/check.mjs` (playwright-core
//! driving Debian's chromium) loads the search page and an entity page, then
//! reports what the browser saw as JSON. This test asserts that the pages are
//! right to left and Arabic, that the bundled Noto Naskh Arabic font loaded from
//! /static and is what the text was drawn with, that the brand and titles sit on
//! the right, that the charts drew, that nothing was fetched from another host,
//! and that the screenshots show it (the header's ink is in the right half).
//!
//! Needs chromium (`/usr/bin/chromium`, or `$MARSAD_CHROMIUM`), node, and
//! `npm ci` in `crates/marsad-server/tests/browser`. Skips without them, except
//! under `CI=true`, where it fails with instructions.

use marsad_server::AppState;
use marsad_store::Store;
use serde_json::Value;
use std::io::Read;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

const MANIFEST: &str = env!("CARGO_MANIFEST_DIR");
/// Longest the browser script may run.
const NODE_TIMEOUT: Duration = Duration::from_secs(240);
const FAMILY: &str = "Noto Naskh Arabic";

fn chromium() -> PathBuf {
    std::env::var_os("MARSAD_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

fn script_dir() -> PathBuf {
    Path::new(MANIFEST).join("tests").join("browser")
}

/// What is missing to run the browser, if anything.
fn missing_prerequisites() -> Vec<String> {
    let mut missing = Vec::new();
    if !chromium().is_file() {
        missing.push(format!("chromium at {}", chromium().display()));
    }
    let node_ok = Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !node_ok {
        missing.push("node (Node.js 20 or later) on PATH".into());
    }
    let pw = script_dir().join("node_modules/playwright-core/package.json");
    if !pw.is_file() {
        missing.push(format!("playwright-core ({} absent)", pw.display()));
    }
    missing
}

/// A directory removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let p = std::env::temp_dir().join(format!("marsad-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&p).expect("create a temp dir");
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The app on 127.0.0.1:<free port>, on its own tokio runtime; stopped on drop.
struct Server {
    addr: SocketAddr,
    stop: Option<mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    fn start(state: AppState) -> Server {
        let (addr_tx, addr_rx) = mpsc::channel();
        let (stop_tx, stop_rx) = mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("tokio runtime");
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("bind 127.0.0.1:0");
                addr_tx
                    .send(listener.local_addr().expect("local addr"))
                    .expect("report the address");
                axum::serve(listener, marsad_server::router(state))
                    .with_graceful_shutdown(async move {
                        let _ = tokio::task::spawn_blocking(move || stop_rx.recv()).await;
                    })
                    .await
                    .expect("serve");
            });
        });
        let addr = addr_rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the server did not start");
        Server {
            addr,
            stop: Some(stop_tx),
            thread: Some(thread),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Run `node check.mjs BASE ID OUT` and return its stdout (stderr passes through).
fn run_check(base: &str, entity: &str, out: &Path) -> String {
    let mut child = Command::new("node")
        .arg(script_dir().join("check.mjs"))
        .arg(base)
        .arg(entity)
        .arg(out)
        .env("MARSAD_CHROMIUM", chromium())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("run node");
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let t = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait for node") {
            break s;
        }
        if t.elapsed() > NODE_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("check.mjs did not finish in {NODE_TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let text = reader.join().expect("read stdout");
    assert!(
        status.success(),
        "check.mjs failed ({status}); stdout: {text}"
    );
    text
}

// ---- a small PNG reader (8-bit grey/RGB/RGBA, not interlaced: what Chromium writes) ----

struct Png {
    width: usize,
    height: usize,
    channels: usize,
    data: Vec<u8>,
}

impl Png {
    fn read(bytes: &[u8]) -> Result<Png, String> {
        if bytes.len() < 8 || &bytes[..8] != b"\x89PNG\r\n\x1a\n" {
            return Err("not a PNG".into());
        }
        let (mut pos, mut ihdr, mut idat) = (8, None, Vec::new());
        while pos + 8 <= bytes.len() {
            let len = u32::from_be_bytes(bytes[pos..pos + 4].try_into().unwrap()) as usize;
            let kind = &bytes[pos + 4..pos + 8];
            let body = bytes.get(pos + 8..pos + 8 + len).ok_or("truncated chunk")?;
            match kind {
                b"IHDR" => ihdr = Some(body.to_vec()),
                b"IDAT" => idat.extend_from_slice(body),
                b"IEND" => break,
                _ => {}
            }
            pos += 12 + len;
        }
        let h = ihdr.ok_or("no IHDR")?;
        let width = u32::from_be_bytes(h[0..4].try_into().unwrap()) as usize;
        let height = u32::from_be_bytes(h[4..8].try_into().unwrap()) as usize;
        let (depth, color, interlace) = (h[8], h[9], h[12]);
        let channels = match color {
            0 => 1,
            2 => 3,
            4 => 2,
            6 => 4,
            _ => return Err(format!("unsupported PNG colour type {color}")),
        };
        if depth != 8 || interlace != 0 {
            return Err(format!(
                "unsupported PNG (depth {depth}, interlace {interlace})"
            ));
        }
        let mut raw = Vec::new();
        flate2::read::ZlibDecoder::new(&idat[..])
            .read_to_end(&mut raw)
            .map_err(|e| format!("bad PNG data: {e}"))?;
        let stride = width * channels;
        if raw.len() < height * (stride + 1) {
            return Err("short PNG data".into());
        }
        let mut data = vec![0u8; height * stride];
        for y in 0..height {
            let filter = raw[y * (stride + 1)];
            let src = &raw[y * (stride + 1) + 1..(y + 1) * (stride + 1)];
            let (done, rest) = data.split_at_mut(y * stride);
            let prev = if y > 0 {
                &done[(y - 1) * stride..]
            } else {
                &[][..]
            };
            let cur = &mut rest[..stride];
            for i in 0..stride {
                let a = if i >= channels {
                    cur[i - channels] as i16
                } else {
                    0
                };
                let b = if y > 0 { prev[i] as i16 } else { 0 };
                let c = if y > 0 && i >= channels {
                    prev[i - channels] as i16
                } else {
                    0
                };
                let pred = match filter {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => {
                        let p = a + b - c;
                        let (pa, pb, pc) = ((p - a).abs(), (p - b).abs(), (p - c).abs());
                        if pa <= pb && pa <= pc {
                            a
                        } else if pb <= pc {
                            b
                        } else {
                            c
                        }
                    }
                    f => return Err(format!("bad PNG filter {f}")),
                };
                cur[i] = src[i].wrapping_add(pred as u8);
            }
        }
        Ok(Png {
            width,
            height,
            channels,
            data,
        })
    }

    /// Darkest channel of a pixel.
    fn min_channel(&self, x: usize, y: usize) -> u8 {
        let p = &self.data[(y * self.width + x) * self.channels..][..self.channels.min(3)];
        *p.iter().min().unwrap()
    }

    /// Pixels with some channel below 200 (text, lines, marks; not the page's
    /// near-white backgrounds or light borders) in [x0, x1) × [y0, y1).
    fn ink(&self, x0: f64, x1: f64, y0: f64, y1: f64) -> usize {
        let clamp = |v: f64, max: usize| (v.max(0.0) as usize).min(max);
        let (x0, x1) = (clamp(x0, self.width), clamp(x1, self.width));
        let (y0, y1) = (clamp(y0, self.height), clamp(y1, self.height));
        let mut n = 0;
        for y in y0..y1 {
            for x in x0..x1 {
                if self.min_channel(x, y) < 200 {
                    n += 1;
                }
            }
        }
        n
    }
}

// ---- assertions ----

struct Checks {
    failures: Vec<String>,
}

impl Checks {
    fn check(&mut self, ok: bool, what: impl Into<String>) {
        if !ok {
            self.failures.push(what.into());
        }
    }
}

fn num(v: &Value, ptr: &str) -> Option<f64> {
    v.pointer(ptr).and_then(Value::as_f64)
}

fn text<'a>(v: &'a Value, ptr: &str) -> &'a str {
    v.pointer(ptr).and_then(Value::as_str).unwrap_or("")
}

/// The box `ptr` (left/right/top/bottom) of page `p` lies on the right: its
/// centre in the right half and its right edge within 15% of the viewport's.
fn on_the_right(c: &mut Checks, p: &Value, page: &str, what: &str, ptr: &str) {
    let vw = num(p, "/viewport/width").unwrap_or(0.0);
    match (
        num(p, &format!("{ptr}/left")),
        num(p, &format!("{ptr}/right")),
    ) {
        (Some(l), Some(r)) => {
            c.check(
                (l + r) / 2.0 > vw / 2.0 && r >= 0.85 * vw && r <= vw + 1.0,
                format!(
                    "{page}: {what} is not on the right: x {l:.0}–{r:.0} in a viewport {vw:.0} wide"
                ),
            );
        }
        _ => c.check(false, format!("{page}: no {what} on the page")),
    }
}

/// Most glyphs of a node were drawn with the bundled (web) font.
fn drawn_with_bundled_font(c: &mut Checks, p: &Value, page: &str, what: &str, key: &str) {
    let fonts = p
        .get(key)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let glyphs = |f: &Value| f.get("glyphCount").and_then(Value::as_u64).unwrap_or(0);
    let total: u64 = fonts.iter().map(glyphs).sum();
    let bundled: u64 = fonts
        .iter()
        .filter(|f| {
            f.get("isCustomFont") == Some(&Value::Bool(true))
                && f.get("familyName").and_then(Value::as_str) == Some(FAMILY)
        })
        .map(glyphs)
        .sum();
    c.check(
        total > 0 && bundled * 2 > total,
        format!(
            "{page}: the {what} was not drawn with the bundled {FAMILY} ({bundled} of {total} glyphs); fonts used: {}",
            Value::Array(fonts)
        ),
    );
}

fn check_page(c: &mut Checks, facts: &Value, page: &str, title: &str) {
    let p = &facts[page];
    c.check(
        p.get("status").and_then(Value::as_u64) == Some(200),
        format!("{page}: the page answered {}", p["status"]),
    );
    c.check(
        text(p, "/dir") == "rtl",
        format!("{page}: <html dir> is {:?}, not \"rtl\"", text(p, "/dir")),
    );
    c.check(
        text(p, "/lang") == "ar",
        format!("{page}: <html lang> is {:?}, not \"ar\"", text(p, "/lang")),
    );
    c.check(
        text(p, "/bodyDirection") == "rtl",
        format!(
            "{page}: the body's computed direction is {:?}",
            text(p, "/bodyDirection")
        ),
    );
    c.check(
        text(p, "/titleDirection") == "rtl",
        format!(
            "{page}: the {title}'s computed direction is {:?}",
            text(p, "/titleDirection")
        ),
    );
    c.check(
        text(p, "/bodyFontFamily").starts_with(&format!("\"{FAMILY}\""))
            || text(p, "/bodyFontFamily").starts_with(FAMILY),
        format!(
            "{page}: the body's font-family is {:?}",
            text(p, "/bodyFontFamily")
        ),
    );
    c.check(
        p["arabicFaceLoaded"] == Value::Bool(true),
        format!(
            "{page}: no {FAMILY} FontFace has status \"loaded\": {}",
            p["fontFaces"]
        ),
    );
    c.check(
        p["fontsCheck"] == Value::Bool(true),
        format!("{page}: document.fonts.check('16px \"{FAMILY}\"', 'ب') is not true"),
    );
    drawn_with_bundled_font(c, p, page, title, "titleFonts");
    drawn_with_bundled_font(c, p, page, "brand", "brandFonts");
    on_the_right(c, p, page, "brand (header.top .brand)", "/brandBox");
    on_the_right(
        c,
        p,
        page,
        &format!("{title}'s first line"),
        "/titleFirstLine",
    );
    let responses = p["responses"].as_array().cloned().unwrap_or_default();
    c.check(
        !responses.is_empty(),
        format!("{page}: no responses recorded"),
    );
    for r in &responses {
        let status = r["status"].as_u64().unwrap_or(0);
        c.check(
            (200..400).contains(&status),
            format!("{page}: {} answered {status}", r["url"]),
        );
    }
    c.check(
        p["failedRequests"].as_array().is_some_and(|a| a.is_empty()),
        format!("{page}: failed requests: {}", p["failedRequests"]),
    );
    c.check(
        p["pageErrors"].as_array().is_some_and(|a| a.is_empty()),
        format!("{page}: script errors: {}", p["pageErrors"]),
    );
}

/// The screenshot exists, is a real PNG of the page, and its header's ink is on
/// the right (brand and navigation), not the left.
fn check_screenshot(c: &mut Checks, facts: &Value, page: &str) -> Option<Png> {
    let p = &facts[page];
    let path = PathBuf::from(text(p, "/screenshot"));
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            c.check(
                false,
                format!("{page}: no screenshot at {}: {e}", path.display()),
            );
            return None;
        }
    };
    c.check(
        bytes.len() > 10_000,
        format!("{page}: the screenshot is only {} bytes", bytes.len()),
    );
    let png = match Png::read(&bytes) {
        Ok(p) => p,
        Err(e) => {
            c.check(false, format!("{page}: {}: {e}", path.display()));
            return None;
        }
    };
    let vw = num(p, "/viewport/width").unwrap_or(0.0) as usize;
    c.check(
        png.width == vw && png.height >= 600,
        format!(
            "{page}: the screenshot is {}×{} (viewport {vw} wide)",
            png.width, png.height
        ),
    );
    let (top, bottom) = (
        num(p, "/headerBox/top").unwrap_or(0.0),
        num(p, "/headerBox/bottom").unwrap_or(60.0),
    );
    let half = png.width as f64 / 2.0;
    let right = png.ink(half, png.width as f64, top, bottom);
    let left = png.ink(0.0, half, top, bottom);
    c.check(
        right >= 300 && left * 4 < right,
        format!(
            "{page}: the header's ink is not on the right in the screenshot (right half {right} px, left half {left} px)"
        ),
    );
    let all = png.ink(0.0, png.width as f64, 0.0, png.height as f64);
    eprintln!(
        "browser test: {page}.png {}×{}, {} bytes; header ink: right half {right} px, left half {left} px; {all} inked px in all",
        png.width,
        png.height,
        bytes.len()
    );
    c.check(
        all >= 20_000,
        format!("{page}: the screenshot is nearly blank ({all} inked pixels)"),
    );
    Some(png)
}

/// A PER or LOC entity in many articles.
fn pick_entity(store: &Store) -> (String, String, u64) {
    let mut best = store
        .with_conn(|c| {
            let mut v = marsad_store::catalog::top_entities(c, Some("PER"), 1, 0)?;
            v.extend(marsad_store::catalog::top_entities(c, Some("LOC"), 1, 0)?);
            Ok(v)
        })
        .expect("top entities");
    best.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.id.cmp(&b.id)));
    let e = best
        .into_iter()
        .next()
        .expect("the demo store has a PER or LOC entity");
    (e.id, e.name, e.articles)
}

#[test]
fn search_and_entity_pages_render_arabic_right_to_left_with_the_bundled_font() {
    let missing = missing_prerequisites();
    if !missing.is_empty() {
        let how = format!(
            "install them: `apt-get install -y chromium` (Debian; or set MARSAD_CHROMIUM) and \
             `(cd {} && npm ci)` (Node.js 20+)",
            script_dir().display()
        );
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!(
                "browser test: missing {} under CI=true; {how}",
                missing.join(", ")
            );
        }
        eprintln!(
            "SKIPPED browser test: missing {}; {how}",
            missing.join(", ")
        );
        return;
    }

    let dir = TempDir::new("browser-store");
    let pipeline = marsad_pipeline::PipelineConfig::default();
    marsad_server::demo::ensure_demo_store(&dir.0, &pipeline).expect("build the demo store");
    let store = Arc::new(Store::open_read_only(&dir.0).expect("open the demo store"));
    let (entity, name, articles) = pick_entity(&store);
    eprintln!("browser test: entity {entity} {name} ({articles} articles)");
    assert!(
        articles >= 5,
        "the top PER/LOC entity has only {articles} articles"
    );

    let server = Server::start(AppState {
        store: store.clone(),
        token: None,
        pipeline: Arc::new(pipeline),
    });
    let base = format!("http://{}", server.addr);

    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ui-shots");
    std::fs::create_dir_all(&out).expect("create the screenshot dir");
    for f in ["search.png", "entity.png", "facts.json"] {
        let _ = std::fs::remove_file(out.join(f));
    }
    let stdout = run_check(&base, &entity, &out);
    drop(server);

    let facts: Value = serde_json::from_str(
        stdout
            .lines()
            .rev()
            .find(|l| l.starts_with('{'))
            .unwrap_or(""),
    )
    .unwrap_or_else(|e| panic!("check.mjs printed no JSON ({e}): {stdout}"));
    let pretty = serde_json::to_string_pretty(&facts).unwrap();
    let _ = std::fs::write(out.join("facts.json"), &pretty);
    eprintln!(
        "browser test: facts ({}):\n{pretty}",
        out.join("facts.json").display()
    );

    let mut c = Checks {
        failures: Vec::new(),
    };
    check_page(&mut c, &facts, "search", "first result title (.hit h3 a)");
    check_page(&mut c, &facts, "entity", "entity name (main h1)");

    // The search page found Arabic results for an Arabic word.
    c.check(
        facts["search"]["hits"].as_u64().unwrap_or(0) > 0,
        "search: no results for the Arabic query",
    );
    // The bundled font came from /static, from this server.
    let woff2 = format!("{base}/static/noto-naskh-arabic-arabic-400-normal.woff2");
    c.check(
        facts["search"]["responses"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|r| r["url"] == Value::String(woff2.clone()) && r["status"] == 200),
        format!("search: {woff2} was not fetched with status 200"),
    );
    // No CDN, no other host.
    c.check(
        facts["externalRequests"]
            .as_array()
            .is_some_and(|a| a.is_empty()),
        format!(
            "requests left the loopback host: {}",
            facts["externalRequests"]
        ),
    );
    // The entity page: its name, and both charts drew.
    c.check(
        text(&facts, "/entity/titleText") == name,
        format!(
            "entity: h1 is {:?}, not {name:?}",
            text(&facts, "/entity/titleText")
        ),
    );
    c.check(
        facts["entity"]["timelineCanvas"] == Value::Bool(true),
        "entity: no uPlot canvas in #timeline",
    );
    c.check(
        facts["entity"]["networkCanvas"] == Value::Bool(true),
        "entity: no cytoscape canvas in #network",
    );
    // Right to left in the grid too: the timeline (first in the source) sits to
    // the right of the network.
    let e = &facts["entity"];
    if let (Some(tl), Some(nr)) = (num(e, "/timelineBox/left"), num(e, "/networkBox/right")) {
        c.check(
            tl >= nr,
            format!("entity: the timeline (x ≥ {tl:.0}) is not right of the network (x ≤ {nr:.0})"),
        );
    } else {
        c.check(false, "entity: no #timeline or #network box");
    }

    check_screenshot(&mut c, &facts, "search");
    if let Some(png) = check_screenshot(&mut c, &facts, "entity") {
        // The charts are drawn in the screenshot, not just present in the DOM.
        for (what, key, min) in [
            ("timeline", "timelineBox", 300),
            ("network", "networkBox", 2_000),
        ] {
            let b = |k: &str| num(e, &format!("/{key}/{k}")).unwrap_or(0.0);
            let ink = png.ink(
                b("left") + 2.0,
                b("right") - 2.0,
                b("top") + 2.0,
                b("bottom") - 2.0,
            );
            eprintln!("browser test: entity.png {what} area: {ink} inked px");
            c.check(
                ink >= min,
                format!("entity: the {what} area is nearly blank in the screenshot ({ink} inked pixels)"),
            );
        }
    }

    drop(store);
    drop(dir);
    assert!(
        c.failures.is_empty(),
        "the web UI failed {} browser check(s) (screenshots and facts.json in {}):\n  - {}",
        c.failures.len(),
        out.display(),
        c.failures.join("\n  - ")
    );
}
