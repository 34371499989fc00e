//! Who is visiting, and the one gate every state-changing request passes.
//!
//! [`layer`] runs on every request, before any handler:
//!
//! 1. It resolves the visit: the `moot_session` cookie's token is looked
//!    up (by its hash) and, when its session is live and its account
//!    active, the visitor is signed in. A visitor without a session may
//!    hold a `moot_presession` cookie, set by the sign-in page, so that
//!    the sign-in form itself carries a CSRF token.
//! 2. For every method but `GET`, `HEAD` and `OPTIONS` it checks the CSRF
//!    token: the `csrf_token` field of a form (or an `X-CSRF-Token`
//!    header) must equal the token derived from the visitor's session (or
//!    pre-session) token. Anything else is 403 before a handler runs, so
//!    no route can forget the check. The form's fields, parsed once, are
//!    handed on as [`FormFields`]. A `multipart/form-data` form (a paper
//!    upload) is read here too: its text parts are its fields (the CSRF
//!    token among them) and its files are handed on as [`FormFiles`]. Only
//!    a signed-in clerk posting to one of [`crate::routes::UPLOAD_ROUTES`]
//!    may send up to [`MAX_UPLOAD`] (a bigger body is 413 with the limit
//!    named); every other body is read up to [`MAX_FORM`], and one that
//!    declares a bigger length is 413 before any of it is read, so an
//!    anonymous visitor cannot make the site buffer megabytes.
//! 3. It makes the visit available to handlers (as a request extension,
//!    read by the extractors in `auth.rs`) and to the page layout (a task
//!    local, so every page's header can say who is signed in without each
//!    handler passing it along).
//! 4. Responses to a signed-in visitor are `Cache-Control: private,
//!    no-store`: they may hold exempt business.
//!
//! A CSRF token is the SHA-256 of `csrf:` and the session token: it is
//! tied to the session, needs no storage, and does not reveal the token.

use crate::error::{Failure, Format};
use crate::query_string;
use crate::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{HeaderMap, HeaderValue, CACHE_CONTROL, CONTENT_TYPE, COOKIE};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use moot_store::Account;

/// The cookie holding a signed-in browser's session token.
pub const SESSION_COOKIE: &str = "moot_session";
/// The cookie holding a signed-out browser's token, for the sign-in
/// form's CSRF token.
pub const PRESESSION_COOKIE: &str = "moot_presession";
/// The form field carrying the CSRF token.
pub const CSRF_FIELD: &str = "csrf_token";
/// The header that may carry the CSRF token instead (for scripts).
const CSRF_HEADER: &str = "x-csrf-token";
/// The largest form body read; Moot's forms are a few fields.
const MAX_FORM: usize = 64 * 1024;
/// The largest multipart body read: one paper of the largest size Moot
/// stores, and room for the form's other fields.
pub const MAX_UPLOAD: usize = moot_clerk::MAX_PAPER_BYTES + MAX_FORM;
/// What an upload too large is told.
const UPLOAD_TOO_LARGE: &str =
    "The file is too large: a paper may be at most 20 MB. Make it smaller (or split it) and upload it again.";
/// What a refused form is told.
const CSRF_REFUSED: &str = "This form could not be accepted: it has expired or did not come from this site. Go back, reload the page and try again.";

/// Who is visiting, resolved once per request.
#[derive(Debug, Clone, Default)]
pub struct Visit {
    /// The signed-in account, if any.
    pub account: Option<Account>,
    /// The CSRF token this visitor's forms must carry; `None` for a
    /// visitor with neither cookie (yet).
    pub csrf: Option<String>,
    /// The session's token, for signing out.
    pub session_token: Option<String>,
}

tokio::task_local! {
    static VISIT: Visit;
}

/// The visit of the request being answered (signed out outside one).
pub fn current() -> Visit {
    VISIT.try_with(Clone::clone).unwrap_or_default()
}

/// A form's fields, decoded, once its CSRF token has been checked.
#[derive(Debug, Clone, Default)]
pub struct FormFields(Vec<(String, String)>);

impl FormFields {
    /// The first value of field `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, value)| value.as_str())
    }
}

/// One file of a multipart form.
#[derive(Debug, Clone)]
pub struct FormFile {
    /// The form field it came in.
    pub field: String,
    /// The name the browser gave it, if any.
    pub file_name: Option<String>,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// A multipart form's files, once its CSRF token has been checked.
#[derive(Debug, Clone, Default)]
pub struct FormFiles(Vec<FormFile>);

impl FormFiles {
    /// Takes the first file sent in field `name` (files may be large, so
    /// they are moved out rather than copied).
    pub fn take(&mut self, name: &str) -> Option<FormFile> {
        let at = self.0.iter().position(|file| file.field == name)?;
        Some(self.0.swap_remove(at))
    }
}

/// The kind of body a state-changing request sent.
enum BodyKind {
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data` with its boundary.
    Multipart(String),
    /// Anything else (the CSRF token must come in the header).
    Other,
}

impl BodyKind {
    fn of(headers: &HeaderMap) -> BodyKind {
        let content_type = headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if content_type.starts_with("application/x-www-form-urlencoded") {
            BodyKind::Form
        } else if content_type.starts_with("multipart/form-data") {
            multer::parse_boundary(content_type).map_or(BodyKind::Other, BodyKind::Multipart)
        } else {
            BodyKind::Other
        }
    }

    /// The most of this kind of body that is read: a paper's worth for a
    /// multipart form a clerk sends to an upload route, a few fields for
    /// anything else (so nobody else can make the site buffer megabytes).
    fn limit(&self, may_upload: bool) -> usize {
        match self {
            BodyKind::Multipart(_) if may_upload => MAX_UPLOAD,
            BodyKind::Multipart(_) | BodyKind::Form | BodyKind::Other => MAX_FORM,
        }
    }
}

/// Whether this request may send a paper: a signed-in clerk (or admin)
/// posting to one of the upload routes.
fn may_upload(visit: &Visit, parts: &axum::http::request::Parts) -> bool {
    let clerk = visit
        .account
        .as_ref()
        .is_some_and(|a| a.role >= moot_store::Role::Clerk);
    let route = parts
        .extensions
        .get::<axum::extract::MatchedPath>()
        .map(axum::extract::MatchedPath::as_str);
    clerk && route.is_some_and(|r| crate::routes::UPLOAD_ROUTES.contains(&r))
}

/// The body length the request declares, if any.
fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
}

/// Reads a multipart body: text parts as fields, file parts as files.
async fn multipart(bytes: axum::body::Bytes, boundary: String) -> Option<(FormFields, FormFiles)> {
    let stream = Body::from(bytes).into_data_stream();
    let mut parts = multer::Multipart::new(stream, boundary);
    let (mut fields, mut files) = (Vec::new(), Vec::new());
    while let Some(part) = parts.next_field().await.ok()? {
        let name = part.name()?.to_owned();
        match part.file_name().map(str::to_owned) {
            Some(file_name) => files.push(FormFile {
                field: name,
                file_name: Some(file_name).filter(|n| !n.is_empty()),
                bytes: part.bytes().await.ok()?.to_vec(),
            }),
            None => fields.push((name, part.text().await.ok()?)),
        }
    }
    Some((FormFields(fields), FormFiles(files)))
}

/// The CSRF token that goes with a session or pre-session token.
pub fn csrf_for(token: &str) -> String {
    moot_auth::hash_token(&format!("csrf:{token}"))
}

/// The value of cookie `name`, if it is a well-formed token.
fn token_cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
        .filter(|value| value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, for the whole site,
/// `Secure` when the site is served over TLS. `max_age` 0 deletes it;
/// `None` keeps it until the browser closes.
pub fn set_cookie(name: &str, value: &str, max_age: Option<i64>, secure: bool) -> HeaderValue {
    let mut cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(seconds) = max_age {
        cookie.push_str(&format!("; Max-Age={seconds}"));
    }
    if secure {
        cookie.push_str("; Secure");
    }
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The gate every request passes (see the module docs).
pub async fn layer(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let format = Format::of_path(request.uri().path());
    let visit = match resolve(&state, request.headers(), format).await {
        Ok(visit) => visit,
        Err(failure) => return failure.into_response(),
    };
    let mut request = match guard(&visit, request, format).await {
        Ok(request) => request,
        Err(failure) => return failure.into_response(),
    };
    request.extensions_mut().insert(visit.clone());
    let signed_in = visit.account.is_some();
    let site = crate::html::SiteName::of(&state.settings());
    let mut response = crate::html::SITE
        .scope(site, VISIT.scope(visit, next.run(request)))
        .await;
    if signed_in {
        response
            .headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    }
    response
}

async fn resolve(state: &AppState, headers: &HeaderMap, format: Format) -> Result<Visit, Failure> {
    if let Some(token) = token_cookie(headers, SESSION_COOKIE) {
        let lookup = token.clone();
        if let Some(account) = state.read(format, move |s| s.session(&lookup)).await? {
            return Ok(Visit {
                account: Some(account),
                csrf: Some(csrf_for(&token)),
                session_token: Some(token),
            });
        }
    }
    Ok(Visit {
        csrf: token_cookie(headers, PRESESSION_COOKIE).map(|t| csrf_for(&t)),
        ..Visit::default()
    })
}

fn changes_state(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Checks the CSRF token of a state-changing request and hands its form
/// fields on; safe requests pass untouched.
async fn guard(visit: &Visit, request: Request, format: Format) -> Result<Request, Failure> {
    if !changes_state(request.method()) {
        return Ok(request);
    }
    let (mut parts, body) = request.into_parts();
    let kind = BodyKind::of(&parts.headers);
    let uploading = may_upload(visit, &parts);
    let limit = kind.limit(uploading);
    let too_large = || match kind {
        BodyKind::Multipart(_) if uploading => Failure::too_large_because(format, UPLOAD_TOO_LARGE),
        _ => Failure::too_large(format),
    };
    // A body declared too large is refused before a byte of it is read.
    if declared_length(&parts.headers).is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    let bytes = axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| too_large())?;
    let unreadable = || Failure::bad_request(format, "This form could not be read.");
    let (fields, files) = match kind {
        BodyKind::Form => std::str::from_utf8(&bytes)
            .ok()
            .and_then(query_string::pairs)
            .map(|pairs| (FormFields(pairs), FormFiles::default()))
            .ok_or_else(unreadable)?,
        BodyKind::Multipart(boundary) => multipart(bytes.clone(), boundary)
            .await
            .ok_or_else(unreadable)?,
        BodyKind::Other => (FormFields::default(), FormFiles::default()),
    };
    let sent = parts
        .headers
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .or_else(|| fields.get(CSRF_FIELD));
    match (visit.csrf.as_deref(), sent) {
        (Some(expected), Some(sent)) if moot_auth::same_secret(expected, sent) => {}
        _ => return Err(Failure::forbidden(format, CSRF_REFUSED)),
    }
    parts.extensions.insert(fields);
    parts.extensions.insert(files);
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_http_only_lax_site_wide_and_secure_over_tls() {
        let plain = set_cookie("a", "b", Some(60), false);
        assert_eq!(plain, "a=b; Path=/; HttpOnly; SameSite=Lax; Max-Age=60");
        let tls = set_cookie("a", "b", None, true);
        assert_eq!(tls, "a=b; Path=/; HttpOnly; SameSite=Lax; Secure");
    }

    #[tokio::test]
    async fn a_multipart_form_gives_its_text_parts_as_fields_and_its_files_apart() {
        let mut headers = HeaderMap::new();
        let content_type = "multipart/form-data; boundary=XyZ";
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
        let BodyKind::Multipart(boundary) = BodyKind::of(&headers) else {
            panic!("a multipart body");
        };
        assert_eq!(
            BodyKind::Multipart(boundary.clone()).limit(true),
            MAX_UPLOAD
        );
        assert_eq!(BodyKind::Multipart(boundary.clone()).limit(false), MAX_FORM);
        let body = "--XyZ\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\nabc\r\n\
            --XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n\
            Minutes\r\n--XyZ--\r\n";
        let (fields, mut files) = multipart(body.into(), boundary).await.unwrap();
        assert_eq!(fields.get(CSRF_FIELD), Some("abc"));
        assert_eq!(fields.get("file"), None);
        let file = files.take("file").unwrap();
        assert_eq!(
            (file.file_name.as_deref(), file.bytes.as_slice()),
            (Some("a.txt"), &b"Minutes"[..])
        );
        assert!(files.take("file").is_none());
        assert!(multipart("not multipart".into(), "XyZ".into())
            .await
            .is_none());
    }

    #[test]
    fn only_well_formed_tokens_are_read_from_cookies() {
        let token = "ab".repeat(32);
        let mut headers = HeaderMap::new();
        let cookie = format!("other=1; {SESSION_COOKIE}={token}; {PRESESSION_COOKIE}=short");
        headers.insert(COOKIE, HeaderValue::from_str(&cookie).unwrap());
        assert_eq!(token_cookie(&headers, SESSION_COOKIE), Some(token));
        assert_eq!(token_cookie(&headers, PRESESSION_COOKIE), None);
    }

    #[test]
    fn the_csrf_token_is_tied_to_its_session_but_is_not_it() {
        let token = "ab".repeat(32);
        assert_eq!(csrf_for(&token), csrf_for(&token));
        assert_ne!(csrf_for(&token), token);
        assert_ne!(csrf_for(&token), moot_auth::hash_token(&token));
    }
}
