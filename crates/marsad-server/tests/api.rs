//! The HTTP API and pages over a store built from real articles, on loopback:
//! JSON answers, clear JSON errors, limits, token-guarded ingest, escaping of
//! hostile article text.

mod common;
use common::{enc, Reply, Server, TOKEN};
use marsad_server::Limits;

/// A writable store with the first 120 SaudiNewsNet sample articles, served on
/// 127.0.0.1 the way `marsad serve` serves (no rate limit: one client asks a lot).
fn start(name: &str) -> Option<Server> {
    common::start(&format!("api-{name}"), 120, true, Limits::with_rate(0))
}

/// One HTTP/1.1 request over a fresh connection (the shared raw client).
fn http(s: &Server, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    common::http(s.addr, method, path, headers, body)
}

/// POST a JSON record to /api/ingest with the server's token.
fn ingest_json(s: &Server, record: &str) -> Reply {
    let auth = format!("Bearer {TOKEN}");
    let headers = [
        ("Content-Type", "application/json"),
        ("Authorization", auth.as_str()),
    ];
    http(s, "POST", "/api/ingest", &headers, record.as_bytes())
}

fn get(s: &Server, path: &str) -> Reply {
    common::get(s.addr, path)
}

#[test]
fn api_answers_errors_and_ingest() {
    let Some(s) = start("api") else { return };

    // Search, with facets and highlighted snippets.
    let r = get(&s, &format!("/api/search?q={}&limit=5", enc("السعودية")));
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r
        .header("content-type")
        .unwrap_or_default()
        .starts_with("application/json"));
    let v = r.json();
    assert!(v["total"].as_u64().unwrap() > 0);
    let hit = &v["hits"][0];
    assert!(hit["snippet"].as_str().unwrap().contains("<b>"));
    assert!(!v["facets"]["outlet"].as_array().unwrap().is_empty());
    let article_id = hit["id"].as_str().unwrap().to_string();

    // Article, entity, timeline, network, quotes, events, stats.
    let a = get(&s, &format!("/api/articles/{article_id}")).json();
    assert_eq!(a["schema"], "marsad.article/2");
    // Its story (near-duplicate group) holds it; hits carry their story.
    let story = get(&s, &format!("/api/articles/{article_id}/story")).json();
    assert_eq!(story["story"], hit["story"]);
    assert!(story["members"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["id"] == article_id.as_str()));
    assert_eq!(
        story["members"].as_array().unwrap().len() as u64,
        hit["copies"].as_u64().unwrap() + 1
    );
    // Every copy listed: at least as many hits as one per story.
    let all = get(
        &s,
        &format!("/api/search?q={}&limit=50&collapse=false", enc("السعودية")),
    )
    .json();
    let folded = get(&s, &format!("/api/search?q={}&limit=50", enc("السعودية"))).json();
    assert!(all["hits"].as_array().unwrap().len() >= folded["hits"].as_array().unwrap().len());
    assert_eq!(get(&s, "/api/articles/nope/story").status, 404);
    let ents = get(&s, "/api/entities?type=PER&limit=3").json();
    let eid = ents[0]["id"].as_str().unwrap().to_string();
    assert_eq!(
        get(&s, &format!("/api/entities/{eid}")).json()["id"],
        eid.as_str()
    );
    let tl = get(
        &s,
        &format!("/api/entities/{eid}/timeline?granularity=month"),
    )
    .json();
    let total: u64 = tl
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["count"].as_u64().unwrap())
        .sum();
    assert!(total > 0);
    let net = get(&s, &format!("/api/entities/{eid}/network")).json();
    assert_eq!(net["nodes"][0]["id"], eid.as_str());
    assert!(get(&s, "/api/quotes?limit=5").json().as_array().is_some());
    assert!(get(&s, "/api/events?limit=5").json().as_array().is_some());
    assert!(get(&s, "/api/events/roots").json().as_array().is_some());
    assert!(get(&s, "/api/outlets/volume?granularity=week")
        .json()
        .as_array()
        .is_some());
    let stats = get(&s, "/api/stats").json();
    assert!(stats["articles"].as_u64().unwrap() >= 100);

    // OpenAPI document and the docs page (vendored Swagger UI).
    let doc = get(&s, "/api/openapi.json").json();
    assert!(doc["paths"]["/api/search"].is_object());
    assert!(doc["paths"]["/api/articles/{id}/story"].is_object());
    assert!(doc["paths"]["/api/ingest"]["post"].is_object());
    let docs = get(&s, "/api/docs");
    assert!(docs.body.contains("/static/swagger-ui-bundle.js") && !docs.body.contains("//cdn"));
    assert_eq!(get(&s, "/static/swagger-ui-bundle.js").status, 200);

    // Errors are JSON with a message.
    for (path, status) in [
        ("/api/search?limit=1000", 400),
        ("/api/search?limit=abc", 400),
        ("/api/search?q=from%3A2015-13", 400),
        ("/api/search?offset=99999999", 400),
        ("/api/articles/nope", 404),
        ("/api/entities/E000000000000", 404),
        ("/api/entities/x/timeline?granularity=year", 400),
        ("/api/nothing-here", 404),
    ] {
        let r = get(&s, path);
        assert_eq!(r.status, status, "{path}: {}", r.body);
        assert!(
            r.json()["error"].as_str().is_some_and(|m| !m.is_empty()),
            "{path}"
        );
    }

    // Extract: plain text in, article out; nothing stored.
    let before = get(&s, "/api/stats").json()["articles"].as_u64().unwrap();
    let text = "قمة في الرياض\nالرياض - واس\nاستقبل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز اليوم في الرياض الرئيس الفرنسي إيمانويل ماكرون. وقال الملك سلمان إن العلاقات بين البلدين متينة.\n";
    let r = http(
        &s,
        "POST",
        "/api/extract",
        &[("Content-Type", "text/plain; charset=utf-8")],
        text.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let art = r.json();
    assert!(art["mentions"].as_array().unwrap().len() >= 2);
    assert_eq!(
        get(&s, "/api/stats").json()["articles"].as_u64().unwrap(),
        before
    );
    let r = http(
        &s,
        "POST",
        "/api/extract",
        &[("Content-Type", "application/json")],
        b"{not json",
    );
    assert_eq!(r.status, 400);
    assert!(r.json()["error"].as_str().unwrap().contains("JSON"));

    // Ingest needs the token; a wrong one is refused; the right one stores.
    let rec = serde_json::json!({"title": "خبر تجريبي عن مرصد", "content": "أعلن المتحدث باسم وزارة الخارجية أن مرصد يعمل جيدا في تجربة الإدخال.", "source": "test"}).to_string();
    let r = http(
        &s,
        "POST",
        "/api/ingest",
        &[("Content-Type", "application/json")],
        rec.as_bytes(),
    );
    assert_eq!(r.status, 401);
    let r = http(
        &s,
        "POST",
        "/api/ingest",
        &[
            ("Content-Type", "application/json"),
            ("Authorization", "Bearer wrong-token-0123456789"),
        ],
        rec.as_bytes(),
    );
    assert_eq!(r.status, 401);
    let r = ingest_json(&s, &rec);
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["added"], 1);
    let r = get(&s, &format!("/api/search?q={}", enc("\"تجربة الإدخال\"")));
    assert_eq!(r.json()["total"], 1);

    // Oversized bodies are refused.
    let big = vec![b'a'; marsad_server::MAX_BODY_BYTES + 1024];
    let r = http(
        &s,
        "POST",
        "/api/extract",
        &[("Content-Type", "text/plain")],
        &big,
    );
    assert_eq!(r.status, 413);
}

#[test]
fn hostile_article_text_is_escaped_in_pages() {
    let Some(s) = start("hostile") else { return };
    let hostile = serde_json::json!({
        "title": "<script>alert('t')</script> عنوان \u{202E}معكوس",
        "url": "javascript:alert(1)",
        "source": "<img src=x onerror=alert(2)>",
        "content": "قال الوزير: \"<script>alert(3)</script>\" و<img src=x onerror=alert(4)> و<a href=\"javascript:alert(5)\">رابط</a> في الرياض."
    })
    .to_string();
    let r = ingest_json(&s, &hostile);
    assert_eq!(r.status, 200, "{}", r.body);
    let found = get(&s, &format!("/api/search?q={}", enc("معكوس"))).json();
    let id = found["hits"][0]["id"]
        .as_str()
        .expect("the hostile article is searchable")
        .to_string();
    // Snippets in the API are escaped HTML too.
    let snip = found["hits"][0]["snippet"].as_str().unwrap();
    assert!(
        !snip.contains("<script") && !snip.contains("<img"),
        "{snip}"
    );
    for page in [format!("/article/{id}"), format!("/?q={}", enc("معكوس"))] {
        let r = get(&s, &page);
        assert_eq!(r.status, 200);
        assert!(r
            .header("content-type")
            .unwrap_or_default()
            .starts_with("text/html"));
        let b = &r.body;
        assert!(!b.contains("<script>alert"), "{page}: raw script tag");
        assert!(!b.contains("<img src=x"), "{page}: raw img tag");
        assert!(
            !b.contains("href=\"javascript:"),
            "{page}: javascript: link"
        );
        assert!(
            b.contains("&lt;script&gt;") || b.contains("&lt;img"),
            "{page}: text not shown escaped"
        );
        assert!(b.contains("dir=\"rtl\""));
    }
    // The bidi override in the title cannot run past its element: links, meta
    // lines and snippets are isolated by the stylesheet.
    let css = get(&s, "/static/marsad.css").body;
    assert!(
        css.contains("a, .meta, .snippet, td, li, .count { unicode-bidi: isolate; }"),
        "no bidi isolation rule in marsad.css"
    );
}
