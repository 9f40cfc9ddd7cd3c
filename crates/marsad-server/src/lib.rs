//! `marsad serve`: the JSON API (with an OpenAPI document and a vendored Swagger
//! UI) and the Arabic, right-to-left web UI, over one store.
//!
//! Read-only unless an ingest token is configured; then `POST /api/ingest` accepts
//! articles from clients that present it (`Authorization: Bearer …`). Binds to
//! 127.0.0.1 by default. Every store call runs on the blocking pool.

pub mod api;
pub mod assets;
pub mod demo;
pub mod ui;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use marsad_store::Store;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// Largest request body accepted (an article or a batch to ingest).
pub const MAX_BODY_BYTES: usize = 8 << 20;
/// Longest a request may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

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

/// Run store work on the blocking pool.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> anyhow::Result<T> + Send + 'static,
) -> Result<T, ApiError> {
    match tokio::task::spawn_blocking(f).await {
        Ok(r) => r.map_err(ApiError::internal),
        Err(e) => Err(ApiError::internal(anyhow::anyhow!("worker failed: {e}"))),
    }
}

/// The whole application: API, UI, static assets.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(api::routes())
        .merge(ui::routes())
        .merge(assets::routes())
        .with_state(state)
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
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
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
    let local = listener.local_addr()?;
    eprintln!(
        "marsad: serving {} on http://{local}/ (API docs: http://{local}/api/docs){}",
        state.store.dir().display(),
        if state.token.is_some() {
            "; ingest enabled with a token"
        } else {
            "; read-only"
        }
    );
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}

/// Compare secrets in time independent of where they differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
