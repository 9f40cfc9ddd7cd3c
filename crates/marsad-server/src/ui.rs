//! The web UI: server-rendered Arabic pages, right to left, with the bundled font.
//! Pages are `maud` templates, which escape every interpolated string; the only
//! pre-escaped HTML is a search snippet (escaped by tantivy, matches in `<b>`)
//! and JSON data islands whose `<` is escaped.

use crate::api::entity_network;
use crate::{blocking, ApiError, AppState};
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use marsad_article::Article;
use marsad_store::catalog::{self, EventFilter, Granularity};
use marsad_store::{cameo_root_name, SearchRequest, Sort, Store};
use maud::{html, Markup, PreEscaped, DOCTYPE};
use serde::Deserialize;
use std::sync::Arc;

const PAGE: usize = 10;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(search_page))
        .route("/article/{id}", get(article_page))
        .route("/entity/{id}", get(entity_page))
        .route("/entities", get(entities_page))
        .route("/events", get(events_page))
}

/// Errors as an HTML page.
struct PageError(ApiError);

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> Self {
        PageError(e)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let body = layout(
            "خطأ",
            html! { div.warning { (self.0.message) } p { a href="/" { "العودة إلى البحث" } } },
        );
        (self.0.status, body).into_response()
    }
}

fn layout(title: &str, body: Markup) -> Response {
    let page = html! {
        (DOCTYPE)
        html lang="ar" dir="rtl" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — مرصد" }
                link rel="stylesheet" href="/static/marsad.css";
                link rel="icon" href="/static/favicon.svg" type="image/svg+xml";
            }
            body {
                header.top {
                    a.brand href="/" { "مرصد" }
                    nav {
                        a href="/" { "البحث" }
                        a href="/entities" { "الكيانات" }
                        a href="/events" { "الأحداث" }
                        a href="/api/docs" { "واجهة البرمجة" }
                    }
                }
                main { (body) }
            }
        }
    };
    (
        [(
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
        )],
        page,
    )
        .into_response()
}

/// Percent-encode a query-string value.
fn enc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn search_url(q: &str, sort: Sort, offset: usize) -> String {
    let mut u = format!("/?q={}", enc(q));
    if sort == Sort::Date {
        u.push_str("&sort=date");
    }
    if offset > 0 {
        u.push_str(&format!("&offset={offset}"));
    }
    u
}

/// A filter term for the query language (quoted when it holds spaces).
fn filter(key: &str, v: &str) -> String {
    if v.chars().any(char::is_whitespace) {
        format!("{key}:\"{v}\"")
    } else {
        format!("{key}:{v}")
    }
}

/// JSON for a `<script type="application/json">` island.
fn json_island(v: &impl serde::Serialize) -> PreEscaped<String> {
    let s = serde_json::to_string(v).unwrap_or_else(|_| "null".into());
    PreEscaped(s.replace('<', "\\u003c"))
}

/// Only web links become `href`s (no `javascript:` or `data:` URLs).
fn safe_url(u: &str) -> Option<&str> {
    let l = u.trim_start().to_ascii_lowercase();
    (l.starts_with("http://") || l.starts_with("https://")).then_some(u)
}

fn type_name(label: &str) -> &'static str {
    match label {
        "PER" => "شخص",
        "ORG" => "منظمة",
        "LOC" => "مكان",
        _ => "أخرى",
    }
}

#[derive(Deserialize)]
struct SearchForm {
    q: Option<String>,
    sort: Option<String>,
    offset: Option<usize>,
    /// `1`: list every copy of a story instead of one hit per story.
    all: Option<u8>,
}

async fn search_page(
    State(s): State<AppState>,
    Query(f): Query<SearchForm>,
) -> Result<Response, PageError> {
    let q = f.q.unwrap_or_default();
    let sort = if f.sort.as_deref() == Some("date") || q.trim().is_empty() {
        Sort::Date
    } else {
        Sort::Relevance
    };
    let offset = f.offset.unwrap_or(0);
    let all = f.all == Some(1);
    let req = SearchRequest {
        q: q.clone(),
        sort,
        offset,
        limit: PAGE,
        facets: true,
        collapse: !all,
    };
    let page_url = |offset: usize| {
        let u = search_url(&q, sort, offset);
        if all {
            u + "&all=1"
        } else {
            u
        }
    };
    let store = s.store.clone();
    let result = blocking(move || store.search(&req)).await;
    let refused = matches!(&result, Err(e) if e.status == StatusCode::BAD_REQUEST);
    let (resp, error) = match result {
        Ok(r) => (Some(r), None),
        Err(e) if e.status == StatusCode::BAD_REQUEST => (None, Some(e.message)),
        Err(e) => return Err(e.into()),
    };
    let add = |extra: &str| -> String {
        let nq = if q.trim().is_empty() {
            extra.to_string()
        } else {
            format!("{q} {extra}")
        };
        search_url(&nq, sort, 0)
    };
    let body = html! {
        form.search method="get" action="/" role="search" {
            input type="search" name="q" value=(q) placeholder="ابحث: كلمات، \"عبارة\"، entity:، event:protest، from:2015-07" aria-label="البحث";
            select name="sort" aria-label="الترتيب" {
                option value="relevance" selected[sort == Sort::Relevance] { "الأكثر صلة" }
                option value="date" selected[sort == Sort::Date] { "الأحدث" }
            }
            button type="submit" { "بحث" }
        }
        @if let Some(e) = &error { div.warning { "لا يمكن تنفيذ البحث: " (e) } }
        @if let Some(r) = &resp {
            @for w in &r.warnings { div.warning { (w) } }
            div.layout {
                section.results {
                    p.meta {
                        (r.total) " مقالة"
                        " · "
                        @if all { a href=(search_url(&q, sort, 0)) { "مقالة واحدة لكل خبر" } }
                        @else { "مقالة واحدة لكل خبر · " a href={ (search_url(&q, sort, 0)) "&all=1" } { "عرض كل النسخ" } }
                    }
                    @for h in &r.hits {
                        div.hit {
                            h3 { a href={ "/article/" (h.id) } { (h.title.as_deref().unwrap_or("(بلا عنوان)")) } }
                            div.meta {
                                bdi { (h.day.as_deref().unwrap_or("")) } " · " (h.outlet.as_deref().unwrap_or(""))
                                @if h.copies > 0 { " · " a href={ "/article/" (h.id) "#story" } { (h.copies) " نسخ أخرى" } }
                            }
                            div.snippet { (PreEscaped(&h.snippet)) }
                        }
                    }
                    div.pager {
                        @if offset > 0 { a href=(page_url(offset.saturating_sub(PAGE))) { "→ السابق" } }
                        @if (offset + PAGE) < r.total as usize && offset + PAGE <= marsad_store::search::MAX_OFFSET && r.hits.len() == PAGE {
                            a href=(page_url(offset + PAGE)) { "التالي ←" }
                        }
                    }
                }
                @if let Some(fc) = &r.facets {
                    aside.facets {
                        section { h4 { "المصادر" } ul { @for v in &fc.outlet { li { a href=(add(&filter("outlet", &v.key))) { (v.label) } span.count { (v.count) } } } } }
                        section { h4 { "الكيانات" } ul { @for v in &fc.entity { li { a href=(add(&filter("entity", &v.key))) { (v.label) } span.count { (v.count) } } } } }
                        section { h4 { "الأحداث" } ul { @for v in &fc.event { li { a href=(add(&filter("event", &v.key))) { (v.label) } span.count { (v.count) } } } } }
                        section { h4 { "الأشهر" } ul { @for v in &fc.month { li { a href=(add(&format!("from:{} to:{}", v.key, v.key))) { (v.label) } span.count { (v.count) } } } } }
                    }
                }
            }
        }
    };
    let mut page = layout(if q.is_empty() { "البحث" } else { &q }, body);
    if refused {
        // The page explains the refusal; the status says it too.
        *page.status_mut() = StatusCode::BAD_REQUEST;
    }
    Ok(page)
}

/// One piece of the article body with the same entity and quote.
struct Run {
    start: usize,
    end: usize,
    mention: Option<usize>,
    quote: Option<usize>,
}

/// Cut `[start, end)` into runs of characters under the same mention and quote.
fn runs(a: &Article, start: usize, end: usize) -> Vec<Run> {
    let n = end.saturating_sub(start);
    let mut ment: Vec<Option<usize>> = vec![None; n];
    let mut quote: Vec<Option<usize>> = vec![None; n];
    for (i, m) in a.mentions.iter().enumerate() {
        for c in m.span.start.max(start)..m.span.end.min(end) {
            ment[c - start] = Some(i);
        }
    }
    for (i, q) in a.quotes.iter().enumerate() {
        for c in q.span.start.max(start)..q.span.end.min(end) {
            quote[c - start].get_or_insert(i);
        }
    }
    let mut out: Vec<Run> = Vec::new();
    for k in 0..n {
        match out.last_mut() {
            Some(r) if r.mention == ment[k] && r.quote == quote[k] => r.end = start + k + 1,
            _ => out.push(Run {
                start: start + k,
                end: start + k + 1,
                mention: ment[k],
                quote: quote[k],
            }),
        }
    }
    out
}

fn speaker_name(a: &Article, q: &marsad_article::Quote) -> String {
    if let Some(id) = &q.speaker_entity {
        if let Some(e) = a.entities.iter().find(|e| &e.id == id) {
            return e.name.clone();
        }
    }
    q.speaker.clone().unwrap_or_else(|| "؟".into())
}

fn article_body(a: &Article) -> Markup {
    let chars: Vec<char> = a.text.chars().collect();
    let text = |s: usize, e: usize| -> String {
        chars[s.min(chars.len())..e.min(chars.len())]
            .iter()
            .collect()
    };
    html! {
        @for p in &a.paragraphs {
            p {
                @for r in runs(a, p.start, p.end) {
                    @let piece = html! {
                        @match r.mention {
                            Some(mi) => {
                                @let m = &a.mentions[mi];
                                @if let Some(id) = &m.entity {
                                    a class={ "ent ent-" (m.label) } href={ "/entity/" (id) } title=(type_name(&m.label)) { (text(r.start, r.end)) }
                                } @else {
                                    span class={ "ent ent-" (m.label) } title=(type_name(&m.label)) { (text(r.start, r.end)) }
                                }
                            }
                            None => { (text(r.start, r.end)) }
                        }
                    };
                    @match r.quote {
                        Some(qi) => {
                            @let q = &a.quotes[qi];
                            span.quote title={ "المتحدث: " (speaker_name(a, q)) } data-kind=(q.kind) {
                                @if q.span.start == r.start { span.speaker { (speaker_name(a, q)) } }
                                (piece)
                            }
                        }
                        None => { (piece) }
                    }
                }
            }
        }
    }
}

async fn article_page(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let store = s.store.clone();
    let (a, story) = blocking(move || {
        let a = store.article(&id)?;
        let story = store.story(&id)?;
        Ok((a, story))
    })
    .await?;
    let a = a.ok_or_else(|| ApiError::not_found("لا توجد مقالة بهذا المعرف"))?;
    let copies: Vec<marsad_store::catalog::StoryMember> = story
        .map(|(_, m)| m.into_iter().filter(|m| m.id != a.id).collect())
        .unwrap_or_default();
    let title = a.title.clone().unwrap_or_else(|| "(بلا عنوان)".into());
    let mut ents: Vec<&marsad_article::Entity> = a.entities.iter().collect();
    ents.sort_by_key(|e| std::cmp::Reverse(e.mentions.len()));
    let body = html! {
        h1 { (title) }
        p.meta {
            bdi { (a.published.as_ref().map(|p| p.value.as_str()).unwrap_or("")) } " · " (a.outlet.as_deref().unwrap_or(""))
            @if let Some(u) = a.url.as_deref().and_then(safe_url) { " · " a href=(u) rel="noopener noreferrer nofollow" { "المصدر" } }
        }
        p.legend { span.ent.ent-PER { "شخص" } span.ent.ent-ORG { "منظمة" } span.ent.ent-LOC { "مكان" } span.ent.ent-MISC { "أخرى" } span.quote { "اقتباس" } }
        div.layout {
            article.doc { (article_body(&a)) }
            aside.facets {
                section { h4 { "الكيانات" } ul { @for e in &ents { li { a class={ "ent ent-" (e.label) } href={ "/entity/" (e.id) } { (e.name) } span.count { (e.mentions.len()) } } } } }
                @if !a.quotes.is_empty() {
                    section { h4 { "الاقتباسات (" (a.quotes.len()) ")" } ul { @for q in &a.quotes { li { (speaker_name(&a, q)) span.count { (q.verb.as_deref().unwrap_or("")) } } } } }
                }
                @if !a.events.is_empty() {
                    section { h4 { "الأحداث" } ul { @for e in &a.events { li { (cameo_root_name(&e.root_code).map_or(e.root_code.as_str(), |n| n.1)) span.count { (e.code) } } } } }
                }
                @if !copies.is_empty() {
                    section #story { h4 { "نسخ أخرى من الخبر (" (copies.len()) ")" } ul { @for m in &copies { li { a href={ "/article/" (m.id) } { (m.title.as_deref().unwrap_or("(بلا عنوان)")) } span.count { (m.outlet.as_deref().unwrap_or("")) " " bdi { (m.day.as_deref().unwrap_or("")) } } } } } }
                }
            }
        }
    };
    Ok(layout(&title, body))
}

async fn entity_page(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let store: Arc<Store> = s.store.clone();
    let data = blocking(move || {
        let Some(e) = store.entity(&id)? else {
            return Ok(None);
        };
        let (timeline, quotes, events) = store.with_conn(|c| {
            let mut t = catalog::entity_timeline(c, &id, Granularity::Day)?;
            if t.len() > 120 {
                t = catalog::entity_timeline(c, &id, Granularity::Week)?;
            }
            let q = catalog::quotes(c, Some(&id), 20, 0)?;
            let ev = catalog::events(
                c,
                &EventFilter {
                    entity: Some(&id),
                    ..Default::default()
                },
                20,
                0,
            )?;
            Ok((t, q, ev))
        })?;
        let network = entity_network(&store, &id, 20)?;
        let articles = store.search(&SearchRequest {
            q: format!("entity:{id}"),
            sort: Sort::Date,
            offset: 0,
            limit: 10,
            facets: false,
            collapse: true,
        })?;
        Ok(Some((e, timeline, quotes, events, network, articles)))
    })
    .await?
    .ok_or_else(|| ApiError::not_found("لا يوجد كيان بهذا المعرف"))?;
    let (e, timeline, quotes, events, network, articles) = data;
    let body = html! {
        h1 { span class={ "ent ent-" (e.label) } { (e.name) } }
        p.meta {
            (type_name(&e.label))
            @if let Some(l) = &e.latin { " · " span.latin { (l) } }
            @if let Some(c) = &e.country { " · " span.latin { (c) } }
            @if let Some(a) = &e.agent { " · " span.latin { (a) } }
            " · " (e.articles) " مقالة · " (e.mentions) " إشارة"
            @if let (Some(f), Some(l)) = (&e.first_seen, &e.last_seen) { " · " bdi { (f) } " — " bdi { (l) } }
        }
        @if !e.names.is_empty() { p { strong { "الصيغ: " } (e.names.join("، ")) } }
        @if !e.roles.is_empty() { p { strong { "الصفات: " } (e.roles.join("، ")) } }
        div.grid2 {
            section { h3 { "الحضور عبر الزمن" } div #timeline {} }
            section { h3 { "شبكة الإشارات المشتركة" } div #network {} }
        }
        div.grid2 {
            section {
                h3 { "أقواله" }
                @if quotes.is_empty() { p.meta { "لا اقتباسات." } }
                @for q in &quotes {
                    div.hit { p { "«" (q.text) "»" } div.meta { bdi { (q.day.as_deref().unwrap_or("")) } " · " (q.verb.as_deref().unwrap_or("")) " · " a href={ "/article/" (q.article_id) } { (q.title.as_deref().unwrap_or("المقالة")) } } }
                }
            }
            section {
                h3 { "أحداث" }
                @if events.is_empty() { p.meta { "لا أحداث." } }
                @for ev in &events {
                    div.hit { p { (ev.sentence) } div.meta { (cameo_root_name(&ev.root_code).map_or(ev.root_code.as_str(), |n| n.1)) " (" (ev.code) ") · " bdi { (ev.date.as_deref().or(ev.day.as_deref()).unwrap_or("")) } " · " a href={ "/article/" (ev.article_id) } { "المقالة" } } }
                }
            }
        }
        section {
            h3 { "أحدث المقالات" }
            @for h in &articles.hits { div { a href={ "/article/" (h.id) } { (h.title.as_deref().unwrap_or("(بلا عنوان)")) } span.meta { " · " bdi { (h.day.as_deref().unwrap_or("")) } " · " (h.outlet.as_deref().unwrap_or("")) } } }
        }
        script type="application/json" #timeline-data { (json_island(&timeline)) }
        script type="application/json" #network-data { (json_island(&network)) }
        link rel="stylesheet" href="/static/uPlot.min.css";
        script src="/static/uPlot.iife.min.js" {}
        script src="/static/cytoscape.min.js" {}
        script src="/static/marsad.js" {}
    };
    Ok(layout(&e.name, body))
}

#[derive(Deserialize)]
struct EntitiesForm {
    #[serde(rename = "type")]
    label: Option<String>,
}

async fn entities_page(
    State(s): State<AppState>,
    Query(f): Query<EntitiesForm>,
) -> Result<Response, PageError> {
    let label = f
        .label
        .filter(|l| ["PER", "ORG", "LOC", "MISC"].contains(&l.as_str()));
    let store = s.store.clone();
    let l2 = label.clone();
    let list =
        blocking(move || store.with_conn(|c| Ok(catalog::top_entities(c, l2.as_deref(), 100, 0)?)))
            .await?;
    let body = html! {
        h1 { "الكيانات" }
        p { a href="/entities" { "الكل" } " · " a href="/entities?type=PER" { "أشخاص" } " · " a href="/entities?type=ORG" { "منظمات" } " · " a href="/entities?type=LOC" { "أماكن" } " · " a href="/entities?type=MISC" { "أخرى" } }
        table.data {
            tr { th { "الاسم" } th { "النوع" } th { "بالحروف اللاتينية" } th { "البلد" } th { "مقالات" } }
            @for e in &list {
                tr {
                    td { a class={ "ent ent-" (e.label) } href={ "/entity/" (e.id) } { (e.name) } }
                    td { (type_name(&e.label)) }
                    td.latin { (e.latin.as_deref().unwrap_or("")) }
                    td.latin { (e.country.as_deref().unwrap_or("")) }
                    td.count { (e.articles) }
                }
            }
        }
    };
    Ok(layout("الكيانات", body))
}

#[derive(Deserialize)]
struct EventsForm {
    root: Option<String>,
}

async fn events_page(
    State(s): State<AppState>,
    Query(f): Query<EventsForm>,
) -> Result<Response, PageError> {
    let root = f.root.filter(|r| cameo_root_name(r).is_some());
    let store = s.store.clone();
    let r2 = root.clone();
    let (roots, pairs, list) = blocking(move || {
        store.with_conn(|c| {
            let all = EventFilter::default();
            let f = EventFilter {
                root: r2.as_deref(),
                ..Default::default()
            };
            Ok((
                catalog::event_roots(c, &all)?,
                catalog::event_pairs(c, &f, 20)?,
                catalog::events(c, &f, 50, 0)?,
            ))
        })
    })
    .await?;
    let max = roots.iter().map(|r| r.count).max().unwrap_or(1).max(1);
    let body = html! {
        h1 { "الأحداث" @if let Some(r) = &root { " — " (cameo_root_name(r).map_or("", |n| n.1)) } }
        div.grid2 {
            section {
                h3 { "حسب نوع الحدث (CAMEO)" }
                table.data {
                    @for r in &roots {
                        tr {
                            td { a href={ "/events?root=" (r.key) } { (cameo_root_name(&r.key).map_or(r.key.as_str(), |n| n.1)) } }
                            td.latin { (r.key) }
                            td { span.bar style={ "width:" ((r.count * 160 / max).max(1)) "px" } {} " " (r.count) }
                        }
                    }
                }
            }
            section {
                h3 { "أكثر الثنائيات (فاعل ← مفعول به)" }
                table.data {
                    @for p in &pairs {
                        tr {
                            td { a href={ "/entity/" (p.actor) } { (p.actor_name.as_deref().unwrap_or(&p.actor)) } }
                            td { a href={ "/entity/" (p.target) } { (p.target_name.as_deref().unwrap_or(&p.target)) } }
                            td.count { (p.count) }
                        }
                    }
                }
            }
        }
        h3 { "آخر الأحداث" }
        table.data {
            tr { th { "التاريخ" } th { "الحدث" } th { "الفاعل" } th { "المفعول به" } th { "الجملة" } }
            @for e in &list {
                tr {
                    td { bdi { (e.date.as_deref().or(e.day.as_deref()).unwrap_or("")) } }
                    td { (cameo_root_name(&e.root_code).map_or(e.root_code.as_str(), |n| n.1)) " " span.latin { (e.code) } @if !e.flags.is_empty() { " " span.meta { (e.flags.join(", ")) } } }
                    td { @if let Some(id) = &e.actor { a href={ "/entity/" (id) } { (e.actor_text.as_deref().unwrap_or(id)) } } @else { (e.actor_text.as_deref().unwrap_or("")) } }
                    td { @if let Some(id) = &e.target { a href={ "/entity/" (id) } { (e.target_text.as_deref().unwrap_or(id)) } } @else { (e.target_text.as_deref().unwrap_or("")) } }
                    td { a href={ "/article/" (e.article_id) } { (e.sentence) } }
                }
            }
        }
    };
    Ok(layout("الأحداث", body))
}
