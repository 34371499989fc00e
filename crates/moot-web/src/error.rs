//! The one error type of the site. Every failure becomes a page or JSON
//! (whichever the request asked for) with an honest status: 404 for ids
//! that are not there, 400 for ids that are not ids, 414 for huge request
//! targets, and 500 only for our own faults, logged here with the cause
//! while the visitor sees a plain sentence.

use crate::html;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json, Response};
use maud::html;
use moot_store::StoreError;
use serde_json::json;

/// Which twin of a page was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The HTML page.
    Html,
    /// The JSON under `/api/`.
    Json,
}

impl Format {
    /// JSON for paths under `/api/`, HTML otherwise.
    pub fn of_path(path: &str) -> Format {
        if path == "/api" || path.starts_with("/api/") {
            Format::Json
        } else {
            Format::Html
        }
    }
}

/// A request that could not be answered with what it asked for.
#[derive(Debug)]
pub struct Failure {
    status: StatusCode,
    format: Format,
    message: String,
}

impl Failure {
    /// 404: nothing at this address.
    pub fn not_found(format: Format) -> Failure {
        Failure::new(
            StatusCode::NOT_FOUND,
            format,
            "There is no page at this address.",
        )
    }

    /// 400: the address names something that cannot exist (a malformed id).
    pub fn bad_request(format: Format, message: &str) -> Failure {
        Failure::new(StatusCode::BAD_REQUEST, format, message)
    }

    /// 414: the request target is longer than any real address.
    pub fn too_long(format: Format) -> Failure {
        Failure::new(
            StatusCode::URI_TOO_LONG,
            format,
            "This address is too long.",
        )
    }

    /// 500: our fault. The cause goes to the log, not to the visitor.
    pub fn internal(format: Format, cause: &str) -> Failure {
        tracing::error!(cause, "internal error");
        Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format,
            "Sorry, something went wrong on our side. Please try again later.",
        )
    }

    /// 401: this needs a signed-in account (JSON only; pages redirect to
    /// the sign-in page instead).
    pub fn unauthorised(format: Format) -> Failure {
        Failure::new(
            StatusCode::UNAUTHORIZED,
            format,
            "Sign in to see this. Send the session cookie set by POST /login.",
        )
    }

    /// 403: signed in, or not, this may not be done.
    pub fn forbidden(format: Format, message: &str) -> Failure {
        Failure::new(StatusCode::FORBIDDEN, format, message)
    }

    /// 413: a form far larger than any Moot shows.
    pub fn too_large(format: Format) -> Failure {
        Failure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format,
            "This form sent more than Moot accepts.",
        )
    }

    /// 413 with what the limit is and what to do.
    pub fn too_large_because(format: Format, message: &str) -> Failure {
        Failure::new(StatusCode::PAYLOAD_TOO_LARGE, format, message)
    }

    /// 408: the request (its body, or the answer to it) took longer than
    /// the site allows one request.
    pub fn timed_out(format: Format) -> Failure {
        Failure::new(
            StatusCode::REQUEST_TIMEOUT,
            format,
            "This request took too long. Please try again.",
        )
    }

    /// 400: the request named a host this site is not served under.
    pub fn wrong_host(format: Format) -> Failure {
        Failure::new(
            StatusCode::BAD_REQUEST,
            format,
            "This site is not served under that name.",
        )
    }

    /// A change refused because of the state a record is in (confirmed
    /// minutes are locked, a published agenda is closed): 409.
    pub fn conflict(format: Format, message: &str) -> Failure {
        Failure::new(StatusCode::CONFLICT, format, message)
    }

    /// Fields refused where no form can show them beside the field (a
    /// JSON request, say): 422 with every message.
    pub fn unprocessable(format: Format, message: &str) -> Failure {
        Failure::new(StatusCode::UNPROCESSABLE_ENTITY, format, message)
    }

    /// A store error: missing records are 404, a role too low 403, a
    /// record in the wrong state 409, bad fields 422; anything else is
    /// ours.
    pub fn from_store(error: StoreError, format: Format) -> Failure {
        match error {
            StoreError::NotFound { .. } => Failure::not_found(format),
            StoreError::Forbidden { .. } => {
                Failure::forbidden(format, "Your account may not make this change.")
            }
            StoreError::Refused(reason) => Failure::conflict(format, &reason),
            StoreError::Fields(faults) => Failure::unprocessable(format, &faults.to_string()),
            other => Failure::internal(format, &other.to_string()),
        }
    }

    fn new(status: StatusCode, format: Format, message: &str) -> Failure {
        Failure {
            status,
            format,
            message: message.to_owned(),
        }
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        match self.format {
            Format::Json => {
                let body =
                    json!({ "error": { "status": self.status.as_u16(), "message": self.message } });
                (self.status, Json(body)).into_response()
            }
            Format::Html => {
                let title = self.status.canonical_reason().unwrap_or("Error");
                let main = html! {
                    h1 { (title) }
                    p { (self.message) }
                    p { a href="/" { "Go to the home page" } }
                };
                (self.status, html::page(title, main)).into_response()
            }
        }
    }
}

/// The numeric id in a page's address (`/meetings/{id}`). Anything but a
/// positive whole number in plain digits, including bytes that are not
/// UTF-8, is a 400 in the format the path asks for.
pub struct Id(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Id, Failure> {
        let format = Format::of_path(parts.uri.path());
        let Path(text) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| bad_id(format))?;
        parse_id(&text, format).map(Id)
    }
}

/// The 400 for an id that is not one.
pub fn bad_id(format: Format) -> Failure {
    Failure::bad_request(format, "The id in this address is not a number.")
}

/// A positive whole number in plain digits, else a 400 in `format`.
pub fn parse_id(text: &str, format: Format) -> Result<i64, Failure> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad_id(format));
    }
    text.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| bad_id(format))
}
