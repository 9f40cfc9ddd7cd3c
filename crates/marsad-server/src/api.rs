//! The JSON API under `/api`, described by an OpenAPI document at
//! `/api/openapi.json` and browsable at `/api/docs`.

use crate::{blocking, constant_time_eq, ApiError, AppState};
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use marsad_store::catalog::{
    self, Bucket, Count, EntityRecord, EventFilter, EventRow, Granularity, Neighbour, OutletBucket,
    PairCount, QuoteRow, Stats, StoryMember,
};
use marsad_store::search::{FacetValue, Facets, Hit};
use marsad_store::{IngestReport, SearchRequest, SearchResponse, Sort};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

/// Query-string extraction whose errors are JSON, like every other API error.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| ApiQuery(q.0))
            .map_err(|e| ApiError::bad_request(e.body_text()))
    }
}

/// Path-parameter extraction whose errors (bad percent-encoding, bytes that are
/// not UTF-8) are JSON `400`s, like every other API error.
pub struct ApiPath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| ApiPath(p.0))
            .map_err(|e| ApiError::bad_request(e.body_text()))
    }
}

/// A request body whose refusals (too large, broken off) are JSON errors with
/// their status (`413` beyond [`crate::MAX_BODY_BYTES`]).
pub struct ApiBody(pub axum::body::Bytes);

impl<S: Send + Sync> axum::extract::FromRequest<S> for ApiBody {
    type Rejection = ApiError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, ApiError> {
        axum::body::Bytes::from_request(req, state)
            .await
            .map(ApiBody)
            .map_err(|e| {
                let status = e.status();
                if status == StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::new(
                        status,
                        format!("the body is larger than {} bytes", crate::MAX_BODY_BYTES),
                    )
                } else {
                    ApiError::new(status, e.body_text())
                }
            })
    }
}

/// Deepest offset of the list endpoints (entities, quotes, events), as for search:
/// pages beyond it are refused rather than scanned.
pub const MAX_OFFSET: usize = marsad_store::search::MAX_OFFSET;

/// Largest article accepted by `/api/extract` and `/api/ingest`: title and body
/// text together, in bytes (news articles are tens of KB; a body limit of 8 MB
/// would otherwise let one request hold a worker for a long time).
pub const MAX_ARTICLE_BYTES: usize = 1 << 20;

/// Longest name accepted by the name lookups (`/api/entities?name=`,
/// `/api/quotes?speaker=`), in characters.
pub const MAX_NAME_CHARS: usize = 200;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Marsad API",
        description = "Search and analyze a store of Arabic news: articles with entities, quotations and CAMEO events. Article records follow docs/article.schema.json (marsad.article/2). All text offsets are code points."
    ),
    paths(
        search,
        article,
        story,
        entities,
        entity,
        timeline,
        network,
        quotes,
        events,
        event_roots,
        event_pairs,
        outlet_volume,
        stats,
        extract,
        ingest
    ),
    components(schemas(
        SearchResponse,
        Hit,
        StoryResponse,
        StoryMember,
        Facets,
        FacetValue,
        EntityRecord,
        Bucket,
        Neighbour,
        Network,
        Edge,
        QuoteRow,
        EventRow,
        Count,
        PairCount,
        OutletBucket,
        Stats,
        IngestReport,
        ErrorBody,
        Sort,
        Granularity
    ))
)]
pub struct ApiDoc;

/// An error response.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: String,
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/search", get(search))
        .route("/api/articles/{id}", get(article))
        .route("/api/articles/{id}/story", get(story))
        .route("/api/entities", get(entities))
        .route("/api/entities/{id}", get(entity))
        .route("/api/entities/{id}/timeline", get(timeline))
        .route("/api/entities/{id}/network", get(network))
        .route("/api/quotes", get(quotes))
        .route("/api/events", get(events))
        .route("/api/events/roots", get(event_roots))
        .route("/api/events/pairs", get(event_pairs))
        .route("/api/outlets/volume", get(outlet_volume))
        .route("/api/stats", get(stats))
        .route("/api/extract", post(extract))
        .route("/api/ingest", post(ingest))
        .route("/api/openapi.json", get(openapi))
        .route("/api/docs", get(docs))
        .route("/api/{*rest}", get(api_not_found).post(api_not_found))
}

async fn api_not_found() -> ApiError {
    ApiError::not_found("no such API endpoint (see /api/docs)")
}

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

async fn docs() -> Html<&'static str> {
    Html(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Marsad API</title>
<link rel="stylesheet" href="/static/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/static/swagger-ui-bundle.js"></script><script src="/static/swagger-init.js"></script>
</body></html>"#,
    )
}

fn page(limit: Option<usize>, default: usize, max: usize) -> Result<usize, ApiError> {
    let l = limit.unwrap_or(default);
    if l > max {
        return Err(ApiError::bad_request(format!("limit is at most {max}")));
    }
    Ok(l)
}

/// The offset of a page of a list, within the result window.
fn window(offset: Option<usize>) -> Result<usize, ApiError> {
    let o = offset.unwrap_or(0);
    if o > MAX_OFFSET {
        return Err(ApiError::bad_request(format!(
            "offset is at most {MAX_OFFSET}: narrow the request (type, speaker, dates) to go deeper"
        )));
    }
    Ok(o)
}

/// A name to look up, of bounded length.
fn name_param(n: Option<String>, what: &str) -> Result<Option<String>, ApiError> {
    match n {
        Some(n) if n.chars().count() > MAX_NAME_CHARS => Err(ApiError::bad_request(format!(
            "{what} is longer than {MAX_NAME_CHARS} characters"
        ))),
        n => Ok(n),
    }
}

fn granularity(g: Option<String>) -> Result<Granularity, ApiError> {
    match g.as_deref() {
        None => Ok(Granularity::Day),
        Some(s) => Granularity::parse(s)
            .ok_or_else(|| ApiError::bad_request("granularity is day, week or month")),
    }
}

#[derive(Deserialize, IntoParams)]
pub struct SearchParams {
    /// The query: words, "phrases", -exclusions, OR, and the filters entity:, type:,
    /// outlet:, from:, to:, event:, speaker:.
    pub q: Option<String>,
    /// `relevance` (default) or `date` (newest first).
    pub sort: Option<Sort>,
    pub offset: Option<usize>,
    /// Hits per page (at most 100).
    pub limit: Option<usize>,
    /// Compute facet counts (default true).
    pub facets: Option<bool>,
    /// One hit per story: near-duplicate copies folded into the best-ranked one
    /// (default true; `false` lists every copy).
    pub collapse: Option<bool>,
}

/// Search articles.
#[utoipa::path(get, path = "/api/search", params(SearchParams),
    responses((status = 200, body = SearchResponse), (status = 400, body = ErrorBody)))]
async fn search(
    State(s): State<AppState>,
    ApiQuery(p): ApiQuery<SearchParams>,
) -> Result<Json<SearchResponse>, ApiError> {
    let req = SearchRequest {
        q: p.q.unwrap_or_default(),
        sort: p.sort.unwrap_or_default(),
        offset: p.offset.unwrap_or(0),
        limit: p.limit.unwrap_or(10),
        facets: p.facets.unwrap_or(true),
        collapse: p.collapse.unwrap_or(true),
    };
    let store = s.store.clone();
    Ok(Json(blocking(move || store.search(&req)).await?))
}

/// The story of an article: its near-duplicate copies across outlets.
#[derive(Serialize, utoipa::ToSchema)]
pub struct StoryResponse {
    /// Story id: the id of the story's first stored article.
    pub story: String,
    /// The story's articles, earliest published first.
    pub members: Vec<StoryMember>,
}

/// The story (near-duplicate group) an article belongs to.
#[utoipa::path(get, path = "/api/articles/{id}/story", params(("id" = String, Path, description = "Article id")),
    responses((status = 200, body = StoryResponse), (status = 404, body = ErrorBody)))]
async fn story(
    State(s): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<StoryResponse>, ApiError> {
    let store = s.store.clone();
    match blocking(move || store.story(&id)).await? {
        Some((story, members)) => Ok(Json(StoryResponse { story, members })),
        None => Err(ApiError::not_found("no article with this id")),
    }
}

/// One article record (`marsad.article/2`, see docs/article.schema.json).
#[utoipa::path(get, path = "/api/articles/{id}", params(("id" = String, Path, description = "Article id")),
    responses((status = 200, body = Object), (status = 404, body = ErrorBody)))]
async fn article(
    State(s): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, ApiError> {
    let store = s.store.clone();
    let a = blocking(move || store.article(&id)).await?;
    match a {
        Some(a) => Ok(Json(a).into_response()),
        None => Err(ApiError::not_found("no article with this id")),
    }
}

#[derive(Deserialize, IntoParams)]
pub struct EntitiesParams {
    /// PER, ORG, LOC or MISC.
    #[serde(rename = "type")]
    pub label: Option<String>,
    /// Entities with this name (spelling variants allowed) instead of the most mentioned.
    pub name: Option<String>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

/// Entities: the most mentioned, or those with a name.
#[utoipa::path(get, path = "/api/entities", params(EntitiesParams),
    responses((status = 200, body = Vec<EntityRecord>), (status = 400, body = ErrorBody)))]
async fn entities(
    State(s): State<AppState>,
    ApiQuery(p): ApiQuery<EntitiesParams>,
) -> Result<Json<Vec<EntityRecord>>, ApiError> {
    let limit = page(p.limit, 50, 500)?;
    let offset = window(p.offset)?;
    let name = name_param(p.name, "name")?;
    let label = p.label.map(|l| l.to_uppercase());
    if let Some(l) = &label {
        if !["PER", "ORG", "LOC", "MISC"].contains(&l.as_str()) {
            return Err(ApiError::bad_request("type is PER, ORG, LOC or MISC"));
        }
    }
    let store = s.store.clone();
    Ok(Json(
        blocking(move || match name {
            Some(n) => {
                let ids = store.entities_named(&n, label.as_deref(), limit);
                Ok(ids
                    .iter()
                    .filter_map(|id| store.entity(id).ok().flatten())
                    .collect())
            }
            None => {
                store.with_conn(|c| Ok(catalog::top_entities(c, label.as_deref(), limit, offset)?))
            }
        })
        .await?,
    ))
}

/// One entity: names and variants, Latin name, country, CAMEO agent, roles, counts.
#[utoipa::path(get, path = "/api/entities/{id}", params(("id" = String, Path)),
    responses((status = 200, body = EntityRecord), (status = 404, body = ErrorBody)))]
async fn entity(
    State(s): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<EntityRecord>, ApiError> {
    let store = s.store.clone();
    blocking(move || store.entity(&id))
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::not_found("no entity with this id"))
}

#[derive(Deserialize, IntoParams)]
pub struct TimelineParams {
    /// day (default), week or month.
    pub granularity: Option<String>,
}

/// Articles mentioning an entity per day, week or month.
#[utoipa::path(get, path = "/api/entities/{id}/timeline", params(("id" = String, Path), TimelineParams),
    responses((status = 200, body = Vec<Bucket>), (status = 400, body = ErrorBody)))]
async fn timeline(
    State(s): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiQuery(p): ApiQuery<TimelineParams>,
) -> Result<Json<Vec<Bucket>>, ApiError> {
    let g = granularity(p.granularity)?;
    let store = s.store.clone();
    Ok(Json(
        blocking(move || store.with_conn(|c| Ok(catalog::entity_timeline(c, &id, g)?))).await?,
    ))
}

#[derive(Deserialize, IntoParams)]
pub struct LimitParams {
    pub limit: Option<usize>,
}

/// A co-mention network around an entity.
#[derive(Serialize, ToSchema)]
pub struct Network {
    /// The entity first, then its top neighbours (weight: articles shared with it).
    pub nodes: Vec<Neighbour>,
    /// Links among the nodes with the number of articles mentioning both.
    pub edges: Vec<Edge>,
}

#[derive(Serialize, ToSchema)]
pub struct Edge {
    pub source: String,
    pub target: String,
    pub weight: u64,
}

/// The entities most often mentioned with an entity, and the links among them.
#[utoipa::path(get, path = "/api/entities/{id}/network", params(("id" = String, Path), LimitParams),
    responses((status = 200, body = Network), (status = 404, body = ErrorBody)))]
async fn network(
    State(s): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiQuery(p): ApiQuery<LimitParams>,
) -> Result<Json<Network>, ApiError> {
    let limit = page(p.limit, 20, 100)?;
    let store = s.store.clone();
    let net = blocking(move || entity_network(&store, &id, limit)).await?;
    net.map(Json)
        .ok_or_else(|| ApiError::not_found("no entity with this id"))
}

/// The co-mention network of an entity (also drawn by the UI).
pub fn entity_network(
    store: &marsad_store::Store,
    id: &str,
    limit: usize,
) -> anyhow::Result<Option<Network>> {
    let Some(e) = store.entity(id)? else {
        return Ok(None);
    };
    let net = store.co_mention_network(id, limit)?;
    let mut nodes = vec![Neighbour {
        id: e.id.clone(),
        label: e.label.clone(),
        name: e.name.clone(),
        latin: e.latin.clone(),
        weight: e.articles,
    }];
    nodes.extend(net.neighbours.iter().cloned());
    let edges = net
        .edges
        .iter()
        .map(|(source, target, weight)| Edge {
            source: source.clone(),
            target: target.clone(),
            weight: *weight,
        })
        .collect();
    Ok(Some(Network { nodes, edges }))
}

#[derive(Deserialize, IntoParams)]
pub struct QuotesParams {
    /// Speaker entity id or name; all quotes when absent.
    pub speaker: Option<String>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

/// Quotations, newest first, optionally of one speaker.
#[utoipa::path(get, path = "/api/quotes", params(QuotesParams),
    responses((status = 200, body = Vec<QuoteRow>), (status = 400, body = ErrorBody)))]
async fn quotes(
    State(s): State<AppState>,
    ApiQuery(p): ApiQuery<QuotesParams>,
) -> Result<Json<Vec<QuoteRow>>, ApiError> {
    let limit = page(p.limit, 50, 500)?;
    let offset = window(p.offset)?;
    let speaker_name = name_param(p.speaker, "speaker")?;
    let store = s.store.clone();
    Ok(Json(
        blocking(move || {
            let speaker = match &speaker_name {
                Some(n) => match store.entities_named(n, None, 1).into_iter().next() {
                    Some(id) => Some(id),
                    None => return Ok(Vec::new()),
                },
                None => None,
            };
            store.with_conn(|c| Ok(catalog::quotes(c, speaker.as_deref(), limit, offset)?))
        })
        .await?,
    ))
}

#[derive(Deserialize, IntoParams)]
pub struct EventParams {
    /// CAMEO root code (01–20).
    pub root: Option<String>,
    /// Actor or target entity id.
    pub entity: Option<String>,
    /// First day, YYYY-MM-DD.
    pub from: Option<String>,
    /// Last day, YYYY-MM-DD.
    pub to: Option<String>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

impl EventParams {
    fn filter(&self) -> EventFilter<'_> {
        EventFilter {
            root: self.root.as_deref(),
            entity: self.entity.as_deref(),
            from: self.from.as_deref(),
            to: self.to.as_deref(),
        }
    }
}

/// CAMEO events, newest first.
#[utoipa::path(get, path = "/api/events", params(EventParams),
    responses((status = 200, body = Vec<EventRow>), (status = 400, body = ErrorBody)))]
async fn events(
    State(s): State<AppState>,
    ApiQuery(p): ApiQuery<EventParams>,
) -> Result<Json<Vec<EventRow>>, ApiError> {
    let limit = page(p.limit, 50, 500)?;
    let offset = window(p.offset)?;
    let store = s.store.clone();
    Ok(Json(
        blocking(move || {
            let f = p.filter();
            store.with_conn(|c| Ok(catalog::events(c, &f, limit, offset)?))
        })
        .await?,
    ))
}

/// Event counts by CAMEO root (events that happened: negated and future left out).
#[utoipa::path(get, path = "/api/events/roots", params(EventParams),
    responses((status = 200, body = Vec<Count>)))]
async fn event_roots(
    State(s): State<AppState>,
    ApiQuery(p): ApiQuery<EventParams>,
) -> Result<Json<Vec<Count>>, ApiError> {
    let store = s.store.clone();
    Ok(Json(
        blocking(move || {
            let f = p.filter();
            store.with_conn(|c| Ok(catalog::event_roots(c, &f)?))
        })
        .await?,
    ))
}

/// Event counts by (actor, target) entity pair.
#[utoipa::path(get, path = "/api/events/pairs", params(EventParams),
    responses((status = 200, body = Vec<PairCount>)))]
async fn event_pairs(
    State(s): State<AppState>,
    ApiQuery(p): ApiQuery<EventParams>,
) -> Result<Json<Vec<PairCount>>, ApiError> {
    let limit = page(p.limit, 50, 500)?;
    let store = s.store.clone();
    Ok(Json(
        blocking(move || {
            let f = p.filter();
            store.with_conn(|c| Ok(catalog::event_pairs(c, &f, limit)?))
        })
        .await?,
    ))
}

/// Articles per outlet per day, week or month.
#[utoipa::path(get, path = "/api/outlets/volume", params(TimelineParams),
    responses((status = 200, body = Vec<OutletBucket>)))]
async fn outlet_volume(
    State(s): State<AppState>,
    ApiQuery(p): ApiQuery<TimelineParams>,
) -> Result<Json<Vec<OutletBucket>>, ApiError> {
    let g = granularity(p.granularity)?;
    let store = s.store.clone();
    Ok(Json(
        blocking(move || store.with_conn(|c| Ok(catalog::outlet_volumes(c, g)?))).await?,
    ))
}

/// Store-wide counts.
#[utoipa::path(get, path = "/api/stats", responses((status = 200, body = Stats)))]
async fn stats(State(s): State<AppState>) -> Result<Json<Stats>, ApiError> {
    let store = s.store.clone();
    Ok(Json(blocking(move || store.stats()).await?))
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("json"))
}

/// Raw articles of a request body: a JSON record, an array of records or JSON
/// Lines when the content type says JSON; otherwise one plain-text scrape.
fn raw_articles(
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Vec<marsad_readers::RawArticle>, ApiError> {
    let text = std::str::from_utf8(body)
        .map_err(|e| ApiError::bad_request(format!("the body is not UTF-8: {e}")))?;
    if text.trim().is_empty() {
        return Err(ApiError::bad_request("the body is empty"));
    }
    let mut out = Vec::new();
    if is_json(headers) {
        let trimmed = text.trim_start();
        let results = if trimmed.starts_with('[') || !trimmed.contains('\n') {
            marsad_readers::jsonl::read_document(text, "request", "UTF-8")
        } else {
            text.lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
                .map(|(i, l)| {
                    let loc = marsad_readers::Location {
                        path: "request".into(),
                        line: Some(i as u64 + 1),
                        ..Default::default()
                    };
                    marsad_readers::jsonl::read_line(l, loc, "UTF-8")
                })
                .collect()
        };
        for r in results {
            out.push(r.map_err(|e| ApiError::bad_request(e.to_string()))?);
        }
        if let Some(big) = out
            .iter()
            .position(|r| article_bytes(r) > MAX_ARTICLE_BYTES)
        {
            return Err(too_big(big));
        }
    } else {
        let loc = marsad_readers::Location {
            path: "request".into(),
            ..Default::default()
        };
        if text.len() > MAX_ARTICLE_BYTES {
            return Err(too_big(0));
        }
        out.push(marsad_readers::scrape::read_scrape(
            &text.replace("\r\n", "\n"),
            loc,
        ));
    }
    Ok(out)
}

/// Title and body text of a raw article, in bytes.
fn article_bytes(r: &marsad_readers::RawArticle) -> usize {
    r.title.as_ref().map_or(0, String::len) + r.body.iter().map(|p| p.text.len()).sum::<usize>()
}

fn too_big(i: usize) -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("article {} is larger than {MAX_ARTICLE_BYTES} bytes", i + 1),
    )
}

/// Extract one article (not stored): the body is a JSON record
/// (`Content-Type: application/json`) or a plain-text page scrape; the answer is
/// the article record. Available on read-only servers.
#[utoipa::path(post, path = "/api/extract",
    request_body(content = String, description = "A JSON article record or plain text", content_type = "text/plain"),
    responses((status = 200, body = Object), (status = 400, body = ErrorBody), (status = 413, body = ErrorBody)))]
async fn extract(
    State(s): State<AppState>,
    headers: HeaderMap,
    ApiBody(body): ApiBody,
) -> Result<Response, ApiError> {
    let mut raws = raw_articles(&headers, &body)?;
    if raws.len() != 1 {
        return Err(ApiError::bad_request(
            "send one article to /api/extract (use /api/ingest for batches)",
        ));
    }
    let raw = raws.pop().expect("one");
    let cfg = s.pipeline.clone();
    let a = blocking(move || Ok(marsad_pipeline::build_article_with(raw, &cfg))).await?;
    Ok(Json(a).into_response())
}

/// Add articles to the store (needs the server's ingest token as
/// `Authorization: Bearer <token>`). Body: JSON record(s) or JSON Lines, or one
/// plain-text scrape.
#[utoipa::path(post, path = "/api/ingest",
    request_body(content = String, description = "JSON record(s), JSON Lines or plain text", content_type = "application/json"),
    responses((status = 200, body = IngestReport), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("token" = [])))]
async fn ingest(
    State(s): State<AppState>,
    headers: HeaderMap,
    ApiBody(body): ApiBody,
) -> Result<Json<IngestReport>, ApiError> {
    let Some(token) = s.token.clone() else {
        return Err(ApiError {
            status: StatusCode::FORBIDDEN,
            message: "this server is read-only (start it with --token to accept ingest)".into(),
        });
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if !constant_time_eq(given.as_bytes(), token.as_bytes()) {
        return Err(ApiError {
            status: StatusCode::UNAUTHORIZED,
            message: "a valid ingest token is required (Authorization: Bearer <token>)".into(),
        });
    }
    let raws = raw_articles(&headers, &body)?;
    let cfg = s.pipeline.clone();
    let store = s.store.clone();
    let report = blocking(move || {
        use rayon::prelude::*;
        let articles: Vec<marsad_article::Article> = raws
            .into_par_iter()
            .map(|r| marsad_pipeline::build_article_with(r, &cfg))
            .collect();
        store.ingest(articles)
    })
    .await?;
    Ok(Json(report))
}
