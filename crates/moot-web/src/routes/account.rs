//! Signing in and out, and the signed-in visitor's own account.
//!
//! `/login` shows the form (and, to a visitor without one, sets the
//! pre-session cookie its CSRF token comes from); posting it checks the
//! password (argon2, outside the write lock), and the store counts
//! failures per user name and per client address (the peer, or behind a
//! `--trusted-proxy` the address it forwarded: [`crate::proxy`]) and
//! refuses, with 429 and when to try again, after five in fifteen
//! minutes. A right password opens a new session (a new
//! token: a token planted before sign-in is never promoted) and sends
//! the visitor on to `next` when that is a path on this site.
//! `/logout` deletes the session. `/account` shows who is signed in.

use crate::auth::{local_path, Fields, RequireMember, Viewer};
use crate::error::{Failure, Format};
use crate::forms::{self, csrf_field, error_summary, text_input, Errors, Input};
use crate::html::page;
use crate::proxy;
use crate::session::{self, csrf_for, set_cookie, PRESESSION_COOKIE, SESSION_COOKIE};
use crate::AppState;
use axum::extract::{ConnectInfo, RawQuery, State};
use axum::http::header::{HeaderMap, CACHE_CONTROL, LOCATION, SET_COOKIE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use maud::html;
use moot_store::{Account, SignIn, SignInCheck};
use serde_json::{json, Value};
use std::net::SocketAddr;

/// `/login`, `/logout`, `/account` and their JSON.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(login_page).post(login))
        .route("/api/login", get(login_api))
        .route("/logout", post(logout))
        .route("/account", get(account_page))
        .route("/api/account", get(account_api))
}

/// What the sign-in form was sent with, kept to show it again.
#[derive(Default)]
struct Attempt {
    username: String,
    next: String,
}

/// The sign-in page, with `errors` and `status`, setting a pre-session
/// cookie when the visitor has no CSRF token yet.
fn login_form(
    state: &AppState,
    attempt: &Attempt,
    errors: &Errors,
    status: StatusCode,
) -> Response {
    let visit = session::current();
    let mut headers = HeaderMap::new();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let csrf = match visit.csrf {
        Some(csrf) => csrf,
        None => match moot_auth::Token::generate() {
            Ok(token) => {
                let cookie = set_cookie(
                    PRESESSION_COOKIE,
                    token.as_str(),
                    None,
                    state.secure_cookies(),
                );
                headers.insert(SET_COOKIE, cookie);
                csrf_for(token.as_str())
            }
            Err(e) => return Failure::internal(Format::Html, &e.to_string()).into_response(),
        },
    };
    let title = forms::page_title("Sign in", errors);
    let main = html! {
        (error_summary(errors))
        h1 { "Sign in" }
        @if let Some(account) = &visit.account {
            p { "You are signed in as " (account.display_name) ". Signing in again replaces that." }
        }
        p { "Accounts are for councillors and council staff. The public pages need no account." }
        form method="post" action="/login" novalidate {
            input type="hidden" name=(session::CSRF_FIELD) value=(csrf);
            input type="hidden" name="next" value=(attempt.next);
            (text_input(&Input { id: "username", label: "User name", hint: None, kind: "text",
                autocomplete: "username", value: &attempt.username }, errors))
            (text_input(&Input { id: "password", label: "Password", hint: None, kind: "password",
                autocomplete: "current-password", value: "" }, errors))
            button type="submit" { "Sign in" }
        }
    };
    (status, headers, page(&title, main)).into_response()
}

async fn login_page(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let next = query
        .as_deref()
        .and_then(crate::query_string::pairs)
        .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == "next"))
        .map(|(_, v)| local_path(Some(&v)).to_owned())
        .unwrap_or_default();
    let attempt = Attempt {
        next,
        ..Attempt::default()
    };
    login_form(&state, &attempt, &Errors::default(), StatusCode::OK)
}

async fn login(
    State(state): State<AppState>,
    connection: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    Fields(fields): Fields,
) -> Result<Response, Failure> {
    let attempt = Attempt {
        username: fields.get("username").unwrap_or("").trim().to_owned(),
        next: fields.get("next").unwrap_or("").to_owned(),
    };
    let password = fields.get("password").unwrap_or("").to_owned();
    let mut errors = Errors::default();
    if attempt.username.is_empty() {
        errors.add("username", "Enter your user name");
    }
    if password.is_empty() {
        errors.add("password", "Enter your password");
    }
    if !errors.is_empty() {
        return Ok(login_form(
            &state,
            &attempt,
            &errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    }
    let trusted = state.settings().trusted_proxies.clone();
    let address = connection.map_or("unknown".to_owned(), |c| {
        proxy::client_address(c.0 .0.ip(), &headers, &trusted).to_string()
    });
    let outcome = check_sign_in(&state, attempt.username.clone(), password, address).await?;
    match outcome {
        SignIn::Accepted { token, .. } => {
            Ok(signed_in(&state, &token, local_path(Some(&attempt.next))))
        }
        SignIn::Refused => {
            errors.add("username", "The user name or password is not right");
            Ok(login_form(
                &state,
                &attempt,
                &errors,
                StatusCode::UNAUTHORIZED,
            ))
        }
        SignIn::Limited { retry_after } => {
            let minutes = retry_after.div_ceil(60);
            errors.add(
                "username",
                format!(
                    "Too many failed sign-ins. Try again in {minutes} minute{}",
                    if minutes == 1 { "" } else { "s" }
                ),
            );
            let mut response = login_form(&state, &attempt, &errors, StatusCode::TOO_MANY_REQUESTS);
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                HeaderValue::from(retry_after),
            );
            Ok(response)
        }
    }
}

/// Checks a sign-in in three steps, so that argon2 (slow on purpose)
/// never runs while the write connection is held: the rate limit and
/// the account are read, the password is checked on the blocking pool
/// (a few at a time), and only the outcome is written.
async fn check_sign_in(
    state: &AppState,
    username: String,
    password: String,
    address: String,
) -> Result<SignIn, Failure> {
    let (name, from) = (username.clone(), address.clone());
    let check = state
        .read(Format::Html, move |s| s.sign_in_check(&name, &from))
        .await?;
    if let SignInCheck::Limited { retry_after } = check {
        return Ok(SignIn::Limited { retry_after });
    }
    let accepted = state
        .slow_work(Format::Html, move || check.verify(&password))
        .await?;
    state
        .write(Format::Html, move |s| {
            s.sign_in_finish(&username, &address, accepted)
        })
        .await?
        .map_err(|e| Failure::internal(Format::Html, &e))
}

/// 303 to `next` with the new session's cookie, the pre-session cookie
/// removed.
fn signed_in(state: &AppState, token: &str, next: &str) -> Response {
    let secure = state.secure_cookies();
    let max_age = Some(moot_auth::ABSOLUTE_SECONDS);
    let mut response = (StatusCode::SEE_OTHER, [(LOCATION, next.to_owned())]).into_response();
    let headers = response.headers_mut();
    headers.append(
        SET_COOKIE,
        set_cookie(SESSION_COOKIE, token, max_age, secure),
    );
    headers.append(
        SET_COOKIE,
        set_cookie(PRESESSION_COOKIE, "", Some(0), secure),
    );
    response
}

async fn logout(State(state): State<AppState>, Viewer(visit): Viewer) -> Result<Response, Failure> {
    if let Some(token) = visit.session_token {
        state
            .write(Format::Html, move |s| s.sign_out(&token))
            .await?
            .map_err(|e| Failure::internal(Format::Html, &e))?;
    }
    let cookie = set_cookie(SESSION_COOKIE, "", Some(0), state.secure_cookies());
    Ok((
        StatusCode::SEE_OTHER,
        [(LOCATION, "/".to_owned())],
        [(SET_COOKIE, cookie)],
    )
        .into_response())
}

async fn login_api(Viewer(visit): Viewer) -> Json<Value> {
    Json(json!({
        "signed_in": visit.account.is_some(),
        "form": {
            "action": "/login",
            "method": "POST",
            "fields": ["csrf_token", "username", "password", "next"],
        },
    }))
}

/// An account for JSON (never its hash, which the store does not hand
/// out).
pub(crate) fn account_json(account: &Account) -> Value {
    json!({
        "id": account.id.0,
        "username": account.username,
        "display_name": account.display_name,
        "role": account.role.name(),
        "person": account.person.map(|p| p.0),
        "created_at": account.created_at,
        "disabled_at": account.disabled_at,
    })
}

async fn account_page(user: RequireMember) -> maud::Markup {
    let a = &user.account;
    page(
        "Your account",
        html! {
            h1 { "Your account" }
            dl {
                dt { "Name" } dd { (a.display_name) }
                dt { "User name" } dd { (a.username) }
                dt { "Role" } dd { (a.role) }
                @if let Some(p) = a.person { dt { "Person" } dd { a href={ "/people/" (p.0) } { "Your record" } } }
            }
            p { "Signed in, you see exempt (confidential) business on meeting and document pages. Do not share it." }
            p { "To change your password, ask an administrator." }
            form method="post" action="/logout" { (csrf_field()) button type="submit" { "Sign out" } }
        },
    )
}

async fn account_api(user: RequireMember) -> Json<Value> {
    Json(json!({ "account": account_json(&user.account) }))
}
