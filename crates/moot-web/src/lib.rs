//! Moot's public site: every page server-rendered HTML that works without
//! JavaScript, and every page's data as JSON at the same path under `/api/`
//! (`/meetings/3` and `/api/meetings/3`).
//!
//! The store is synchronous (rusqlite), so each request borrows a
//! connection from a small pool inside `spawn_blocking`. Exempt agenda
//! items never show their titles to the public, in pages or JSON: both
//! are built from [`moot_store::AgendaEntry::public_title`]; a signed-in
//! account sees them ([`moot_store::Audience`]).
//!
//! Accounts sign in at `/login`. Every request passes one gate
//! (`session.rs`) that resolves who is visiting and refuses any
//! state-changing request without the visit's CSRF token; handlers state
//! the role they need with the extractors of `auth.rs`; [`forms`] holds
//! the pieces of every form.

mod atom;
pub mod auth;
mod chart;
mod error;
pub mod forms;
pub mod hosts;
mod html;
mod ical;
mod minute_text;
pub mod page_cache;
mod period;
pub mod proxy;
pub mod query_string;
mod rating;
mod routes;
pub mod server;
mod session;
mod state;

pub use server::Limits;
pub use state::{AppState, Settings};

use axum::extract::{Request, State};
use axum::http::header::{HeaderName, HeaderValue, HOST};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use error::{Failure, Format};
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// The longest request target (path and query) served; longer ones get
/// 414, so no handler ever parses a huge query string.
const MAX_TARGET: usize = 4096;

/// Headers every response carries: no scripts, frames or sniffing; the
/// only style is the page's own inline stylesheet.
const SECURITY_HEADERS: [(&str, &str); 3] = [
    (
        "content-security-policy",
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'",
    ),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "same-origin"),
];

/// The whole site: pages, their JSON twins, and the layers around them.
pub fn router(state: AppState) -> Router {
    let mut router = Router::new()
        .merge(routes::account::router())
        .merge(routes::admin::router())
        .merge(routes::clerk::router())
        .merge(routes::home::router())
        .merge(routes::bodies::router())
        .merge(routes::meetings::router())
        .merge(routes::items::router())
        .merge(routes::people::router())
        .merge(routes::openapi::router())
        .merge(routes::decisions::router())
        .merge(routes::documents::router())
        .merge(routes::feeds::router())
        .merge(routes::search::router())
        .merge(routes::scorecard::router())
        .merge(routes::indicators::router())
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            session::layer,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            page_cache::layer,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), check_host))
        .layer(middleware::from_fn_with_state(state.clone(), time_limit))
        .with_state(state)
        .layer(middleware::from_fn(limit_target));
    for (name, value) in SECURITY_HEADERS {
        router = router.layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        ));
    }
    router
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
}

/// Serves the site on `listener` until the process is stopped.
pub async fn serve(listener: TcpListener, state: AppState) -> std::io::Result<()> {
    serve_until(listener, state, std::future::pending()).await
}

/// Serves the site on `listener` until `stop` resolves, within the
/// state's [`Limits`] (see [`server`]). Each request knows the address it
/// came from (the sign-in rate limit counts by it).
pub async fn serve_until(
    listener: TcpListener,
    state: AppState,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    state.set_listening(listener.local_addr()?);
    let limits = state.settings().limits;
    server::run(listener, router(state), limits, stop).await
}

async fn not_found(request: Request) -> Failure {
    Failure::not_found(Format::of_path(request.uri().path()))
}

/// Refuses (400) a request naming a host the site does not answer to
/// (see [`hosts`]). A request naming none (HTTP/1.0) passes: nothing is
/// built from a host it did not send.
async fn check_host(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let named = request
        .uri()
        .authority()
        .map(|a| a.as_str().to_owned())
        .or_else(|| {
            request
                .headers()
                .get(HOST)
                .map(|h| String::from_utf8_lossy(h.as_bytes()).into_owned())
        });
    if let Some(host) = named {
        if !state.settings().allowed_hosts().allows(&host) {
            return Failure::wrong_host(Format::of_path(request.uri().path())).into_response();
        }
    }
    next.run(request).await
}

/// Ends (408) a request that takes longer than the site's limit, body
/// and answer included, so a slow client holds nothing for long.
async fn time_limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let format = Format::of_path(request.uri().path());
    let limit = state.settings().limits.request_timeout;
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => Failure::timed_out(format).into_response(),
    }
}

async fn limit_target(request: Request, next: Next) -> Response {
    let target = request
        .uri()
        .path_and_query()
        .map_or(0, |t| t.as_str().len());
    if target > MAX_TARGET {
        return Failure::too_long(Format::of_path(request.uri().path())).into_response();
    }
    next.run(request).await
}
