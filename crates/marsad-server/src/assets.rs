//! Static assets compiled into the binary: the UI's stylesheet and script, the
//! Arabic font, uPlot, Cytoscape.js and Swagger UI (vendored files, see
//! `assets/README.md`). Nothing is fetched from a CDN.

use crate::AppState;
use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

/// (name, content type, bytes).
const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "marsad.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/marsad.css"),
    ),
    (
        "marsad.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/marsad.js"),
    ),
    (
        "swagger-init.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/swagger-init.js"),
    ),
    (
        "uPlot.iife.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/uPlot.iife.min.js"),
    ),
    (
        "uPlot.min.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/uPlot.min.css"),
    ),
    (
        "cytoscape.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/cytoscape.min.js"),
    ),
    (
        "swagger-ui-bundle.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/swagger-ui-bundle.js"),
    ),
    (
        "swagger-ui.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/swagger-ui.css"),
    ),
    (
        "noto-naskh-arabic-arabic-400-normal.woff2",
        "font/woff2",
        include_bytes!("../assets/noto-naskh-arabic-arabic-400-normal.woff2"),
    ),
    (
        "noto-naskh-arabic-arabic-700-normal.woff2",
        "font/woff2",
        include_bytes!("../assets/noto-naskh-arabic-arabic-700-normal.woff2"),
    ),
    (
        "noto-naskh-arabic-latin-400-normal.woff2",
        "font/woff2",
        include_bytes!("../assets/noto-naskh-arabic-latin-400-normal.woff2"),
    ),
    (
        "noto-naskh-arabic-latin-700-normal.woff2",
        "font/woff2",
        include_bytes!("../assets/noto-naskh-arabic-latin-700-normal.woff2"),
    ),
    (
        "favicon.svg",
        "image/svg+xml",
        include_bytes!("../assets/favicon.svg"),
    ),
];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/static/{name}", get(asset))
        .route("/favicon.ico", get(favicon))
}

async fn favicon() -> Response {
    asset(Path("favicon.svg".to_string())).await
}

async fn asset(Path(name): Path<String>) -> Response {
    match ASSETS.iter().find(|(n, _, _)| *n == name) {
        Some((_, ty, bytes)) => (
            [
                (header::CONTENT_TYPE, *ty),
                (header::CACHE_CONTROL, "public, max-age=86400"),
            ],
            *bytes,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "no such asset").into_response(),
    }
}
