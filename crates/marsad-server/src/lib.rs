//! `marsad serve`: the JSON API (with an OpenAPI document and a vendored Swagger
//! UI) and the Arabic, right-to-left web UI, over one store.
//!
//! Read-only unless an ingest token is configured; then `POST /api/ingest` accepts
//! articles from clients that present it (`Authorization: Bearer …`). Binds to
//! 127.0.0.1 by default. Every store call runs on the blocking pool.
//!
//! Limits (see SECURITY.md): request bodies ([`MAX_BODY_BYTES`]), request-target
//! length ([`MAX_URI_BYTES`]), time to send a request head ([`Limits::header_timeout`],
//! which also closes idle keep-alive connections) and to complete a request
//! ([`Limits::request_timeout`]), concurrent connections ([`Limits::max_connections`])
//! and requests per second per client address ([`Limits::rate`], a token bucket per
//! peer IP, `429` with `Retry-After` beyond it). A panic in a handler is a JSON `500`.

pub mod api;
pub mod assets;
pub mod demo;
pub mod limit;
pub mod ui;

pub use limit::Limits;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use marsad_store::Store;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// Largest request body accepted (an article or a batch to ingest).
pub const MAX_BODY_BYTES: usize = 8 << 20;
/// Longest request target (path and query string) accepted: room for a search query
/// of the longest allowed length, percent-encoded.
pub const MAX_URI_BYTES: usize = 16 << 10;

/// What every handler sees.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<Store>,
    /// Ingest token (writes are refused without one).
    pub token: Option<Arc<str>>,
    pub pipeline: Arc<marsad_pipeline::PipelineConfig>,
}

/// A JSON error: `{"error": "..."}` with an HTTP status.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn bad_request(m: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: m.into(),
        }
    }

    pub fn new(status: StatusCode, m: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: m.into(),
        }
    }

    pub fn not_found(m: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: m.into(),
        }
    }

    pub fn internal(e: anyhow::Error) -> ApiError {
        // A user's mistake surfaced from the store is a 400, not a failure.
        if let Some(b) = e.downcast_ref::<marsad_store::search::BadRequest>() {
            return ApiError::bad_request(b.0.clone());
        }
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: format!("{e:#}"),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status,
            axum::Json(serde_json::json!({ "error": self.message })),
        )
            .into_response()
    }
}

/// Store and pipeline calls running at once: twice the cores (at least 4). More
/// would not answer sooner on a CPU-bound store, and each would hold a blocking
/// thread, a SQLite connection and its page cache: under many clients memory
/// would grow with the clients instead of with the cores.
pub fn store_slots() -> &'static Arc<tokio::sync::Semaphore> {
    static SLOTS: std::sync::OnceLock<Arc<tokio::sync::Semaphore>> = std::sync::OnceLock::new();
    SLOTS.get_or_init(|| {
        let n = std::thread::available_parallelism().map_or(4, |n| n.get() * 2);
        Arc::new(tokio::sync::Semaphore::new(n.max(4)))
    })
}

/// Run store work on the blocking pool, at most [`store_slots`] at once (the slot
/// is held until the work ends, even when the request has timed out).
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> anyhow::Result<T> + Send + 'static,
) -> Result<T, ApiError> {
    let slot = store_slots()
        .clone()
        .acquire_owned()
        .await
        .map_err(|e| ApiError::internal(anyhow::anyhow!("{e}")))?;
    let work = move || {
        let out = f();
        drop(slot);
        out
    };
    match tokio::task::spawn_blocking(work).await {
        Ok(r) => r.map_err(ApiError::internal),
        Err(e) => Err(ApiError::internal(anyhow::anyhow!("worker failed: {e}"))),
    }
}

/// The whole application: API, UI, static assets, with the default [`Limits`]
/// (a rate limit applies only where the peer address is known: under [`serve`] and
/// [`serve_listener`]).
pub fn router(state: AppState) -> Router {
    router_with(state, &Limits::default())
}

/// The application with the given limits.
pub fn router_with(state: AppState, limits: &Limits) -> Router {
    let mut app = Router::new()
        .merge(api::routes())
        .merge(ui::routes())
        .merge(assets::routes())
        .with_state(state)
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn_with_state(
            limits.request_timeout,
            limit::deadline,
        ))
        .layer(axum::middleware::from_fn(limit::check_request));
    if let Some(limiter) = limit::RateLimiter::new(limits.rate, limits.burst) {
        app = app.layer(axum::middleware::from_fn_with_state(
            Arc::new(limiter),
            limit::rate_limit,
        ));
    }
    app.layer(tower_http::catch_panic::CatchPanicLayer::custom(
        limit::panic_response,
    ))
    .layer(
        tower_http::set_header::SetResponseHeaderLayer::if_not_present(
            header::HeaderName::from_static("x-content-type-options"),
            HeaderValue::from_static("nosniff"),
        ),
    )
}

/// Serve until Ctrl-C.
pub async fn serve(state: AppState, addr: SocketAddr) -> anyhow::Result<()> {
    serve_with(state, addr, Limits::default()).await
}

/// Serve with the given limits until Ctrl-C.
pub async fn serve_with(state: AppState, addr: SocketAddr, limits: Limits) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
    let local = listener.local_addr()?;
    eprintln!(
        "marsad: serving {} on http://{local}/ (API docs: http://{local}/api/docs){}; {}",
        state.store.dir().display(),
        if state.token.is_some() {
            "; ingest enabled with a token"
        } else {
            "; read-only"
        },
        if limits.rate == 0 {
            "no rate limit".to_string()
        } else {
            format!("at most {} requests/s per client address", limits.rate)
        }
    );
    serve_listener(listener, state, limits, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}

/// Serve connections accepted on `listener` until `shutdown` completes, then let
/// the requests in flight finish. Each connection is HTTP/1.1 with the peer's
/// address known to the rate limiter, a deadline for its request heads
/// ([`Limits::header_timeout`]) and a place among at most
/// [`Limits::max_connections`] open connections (beyond them new connections wait
/// in the listen backlog).
pub async fn serve_listener(
    listener: tokio::net::TcpListener,
    state: AppState,
    limits: Limits,
    shutdown: impl std::future::Future<Output = ()> + Send,
) -> anyhow::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use tower::ServiceExt;

    let app = router_with(state, &limits);
    let slots = Arc::new(tokio::sync::Semaphore::new(limits.max_connections.max(1)));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            p = slots.clone().acquire_owned() => p.expect("the semaphore is never closed"),
            _ = shutdown.as_mut() => break,
        };
        let (stream, peer) = tokio::select! {
            r = listener.accept() => match r {
                Ok(c) => c,
                Err(e) => {
                    // Out of file descriptors and the like: wait, do not spin.
                    eprintln!("marsad: accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = shutdown.as_mut() => break,
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let service =
            hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
                req.extensions_mut()
                    .insert(axum::extract::ConnectInfo(peer));
                app.clone().oneshot(req.map(axum::body::Body::new))
            });
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_timeout)
            .max_buf_size(64 << 10);
        let conn = builder.serve_connection(TokioIo::new(stream), service);
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            let _ = conn.await;
            drop(permit);
        });
    }
    drop(listener);
    // Requests in flight get up to the request timeout to finish.
    let _ = tokio::time::timeout(limits.request_timeout, graceful.shutdown()).await;
    Ok(())
}

/// Compare secrets in time independent of where they differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
