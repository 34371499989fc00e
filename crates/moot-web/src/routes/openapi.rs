//! `/api/openapi.json`: the OpenAPI 3.1 description of every JSON twin.
//!
//! The document is written by hand (`crates/moot-web/api/openapi.json`)
//! because the twins are built as JSON values, not typed structs a
//! generator could read. It is kept true by a test that fetches every
//! documented path and validates the answer against its schema, and crawls
//! the site to check that every page's twin is documented.

use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

use crate::AppState;

/// The document, embedded in the binary.
const OPENAPI: &str = include_str!("../../api/openapi.json");

/// `/api/openapi.json`.
pub fn router() -> Router<AppState> {
    Router::new().route("/api/openapi.json", get(openapi))
}

async fn openapi() -> impl IntoResponse {
    ([(CONTENT_TYPE, "application/json")], OPENAPI)
}
