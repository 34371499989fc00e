//! Rendered pages kept until the database changes, so a hot public page
//! costs a look-up instead of its queries and its rendering.
//!
//! **Only what every visitor gets is cached**: a `GET` without a `Cookie`
//! header (no session, so no exempt business and no form tokens), whose
//! answer is a 200 that sets no cookie and is not marked private. A
//! request with any cookie is neither served from the cache nor stored in
//! it, so a signed-in member's page never reaches the public and the
//! public's never stands in for a member's.
//!
//! The key is everything a public page is built from besides the
//! database: the path and query, the `Host` (feeds build absolute links
//! from it when no public URL is set) and today's date by the site's
//! clock (the home page's "upcoming"). The database's part is its
//! generation ([`moot_store::Database::data_version`]): it moves
//! whenever any other connection commits, whatever it changed (an
//! import by `moot import`, a clerk's change on the site's write
//! connection, a merge of people, a CSV load), and then every page is
//! dropped. The generation is read before the page is rendered, so a page
//! is never kept under a generation older than what it shows.
//!
//! Search answers are not kept: they come from the search index, which is
//! brought up to the database after the database changed (by `moot
//! import`, or the site after a clerk publishes), so a search made in
//! between would be kept with the index's older answer.
//!
//! Bounded by [`MAX_ENTRIES`] and [`MAX_BYTES`]; past either, the oldest
//! stored pages are dropped first. A page larger than [`MAX_PAGE_BYTES`]
//! is not kept.

use crate::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{CACHE_CONTROL, COOKIE, HOST, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

/// At most this many pages are kept.
pub const MAX_ENTRIES: usize = 2_000;
/// At most this many bytes of pages are kept.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;
/// A page larger than this is served but not kept.
pub const MAX_PAGE_BYTES: usize = 4 * 1024 * 1024;

/// The header a page served from the cache carries (`hit`), so tests and
/// operators can tell.
pub const CACHE_HEADER: &str = "x-moot-cache";

/// Addresses never kept: answers from the search index (see above).
const UNCACHED: [&str; 2] = ["/search", "/api/search"];

/// What a public page is built from besides the database.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    target: String,
    host: String,
    today: String,
}

/// A stored answer.
struct Page {
    headers: HeaderMap,
    body: Bytes,
}

/// The pages of one database generation.
#[derive(Default)]
pub struct PageCache {
    generation: Option<i64>,
    pages: HashMap<Key, Arc<Page>>,
    order: VecDeque<Key>,
    bytes: usize,
}

impl PageCache {
    fn get(&mut self, generation: i64, key: &Key) -> Option<Arc<Page>> {
        if self.generation != Some(generation) {
            self.clear(generation);
            return None;
        }
        self.pages.get(key).cloned()
    }

    fn clear(&mut self, generation: i64) {
        self.generation = Some(generation);
        self.pages.clear();
        self.order.clear();
        self.bytes = 0;
    }

    fn put(&mut self, generation: i64, key: Key, page: Page) {
        if self.generation != Some(generation) {
            // Rendered against another generation than the one kept now:
            // either stale already, or the cache is about to be cleared.
            return;
        }
        let size = page.body.len() + key.target.len();
        if self.pages.contains_key(&key) {
            return;
        }
        while !self.order.is_empty()
            && (self.pages.len() >= MAX_ENTRIES || self.bytes + size > MAX_BYTES)
        {
            if let Some(oldest) = self.order.pop_front() {
                if let Some(gone) = self.pages.remove(&oldest) {
                    self.bytes -= gone.body.len() + oldest.target.len();
                }
            }
        }
        self.bytes += size;
        self.order.push_back(key.clone());
        self.pages.insert(key, Arc::new(page));
    }
}

/// The key of a request anyone could have made, or `None` for a request
/// that must not touch the cache.
fn key_of(state: &AppState, request: &Request) -> Option<Key> {
    if request.method() != Method::GET || request.headers().contains_key(COOKIE) {
        return None;
    }
    let path = request.uri().path();
    if UNCACHED.iter().any(|prefix| path.starts_with(prefix)) {
        return None;
    }
    let target = request.uri().path_and_query()?.as_str().to_owned();
    let host = request
        .headers()
        .get(HOST)
        .map(|h| String::from_utf8_lossy(h.as_bytes()).into_owned())
        .unwrap_or_default();
    let today = state.today().map(|d| d.to_string()).unwrap_or_default();
    Some(Key {
        target,
        host,
        today,
    })
}

/// Whether an answer is the same for every visitor.
fn is_public(response: &Response) -> bool {
    let headers = response.headers();
    response.status() == StatusCode::OK
        && !headers.contains_key(SET_COOKIE)
        && !headers
            .get(CACHE_CONTROL)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("private") || v.contains("no-store"))
}

/// The layer: answers from the cache, or renders and keeps the answer.
pub async fn layer(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(key) = key_of(&state, &request) else {
        return next.run(request).await;
    };
    let Some(generation) = state.data_version() else {
        return next.run(request).await;
    };
    if let Some(page) = state.cached_page(generation, &key) {
        let mut response = Body::from(page.body.clone()).into_response();
        *response.headers_mut() = page.headers.clone();
        response
            .headers_mut()
            .insert(CACHE_HEADER, HeaderValue::from_static("hit"));
        return response;
    }
    let response = next.run(request).await;
    if !is_public(&response) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if bytes.len() <= MAX_PAGE_BYTES {
        let page = Page {
            headers: parts.headers.clone(),
            body: bytes.clone(),
        };
        state.keep_page(generation, key, page);
    }
    Response::from_parts(parts, Body::from(bytes))
}

impl AppState {
    fn cached_page(&self, generation: i64, key: &Key) -> Option<Arc<Page>> {
        self.page_cache().lock().ok()?.get(generation, key)
    }

    fn keep_page(&self, generation: i64, key: Key, page: Page) {
        if let Ok(mut cache) = self.page_cache().lock() {
            cache.put(generation, key, page);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(target: &str) -> Key {
        Key {
            target: target.into(),
            host: "localhost".into(),
            today: "2026-11-02".into(),
        }
    }

    fn page(bytes: usize) -> Page {
        Page {
            headers: HeaderMap::new(),
            body: Bytes::from(vec![b'x'; bytes]),
        }
    }

    #[test]
    fn a_new_generation_drops_every_page() {
        let mut cache = PageCache::default();
        assert!(cache.get(1, &key("/")).is_none());
        cache.put(1, key("/"), page(10));
        assert!(cache.get(1, &key("/")).is_some());
        assert!(cache.get(2, &key("/")).is_none());
        assert!(cache.get(1, &key("/")).is_none(), "generation 1 is gone");
    }

    #[test]
    fn a_page_rendered_for_an_old_generation_is_not_kept() {
        let mut cache = PageCache::default();
        assert!(cache.get(2, &key("/")).is_none());
        cache.put(1, key("/"), page(10));
        assert!(cache.get(2, &key("/")).is_none());
    }

    #[test]
    fn the_oldest_pages_go_first_past_the_bounds() {
        let mut cache = PageCache::default();
        assert!(cache.get(1, &key("/")).is_none());
        for n in 0..MAX_ENTRIES + 5 {
            cache.put(1, key(&format!("/{n}")), page(1));
        }
        assert_eq!(cache.pages.len(), MAX_ENTRIES);
        assert!(cache.get(1, &key("/0")).is_none());
        assert!(cache
            .get(1, &key(&format!("/{}", MAX_ENTRIES + 4)))
            .is_some());
        let big = MAX_BYTES / 3;
        for n in 0..4 {
            cache.put(1, key(&format!("/big{n}")), page(big));
        }
        assert!(cache.bytes <= MAX_BYTES);
        assert!(cache.get(1, &key("/big0")).is_none());
        assert!(cache.get(1, &key("/big3")).is_some());
    }
}
