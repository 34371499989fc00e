//! Authorisation in one place: extractors a handler names in its
//! arguments, so the check cannot be left out of its body.
//!
//! - [`Viewer`]: anyone, signed in or not; [`Viewer::audience`] is what
//!   the exempt rule asks.
//! - [`RequireMember`], [`RequireClerk`], [`RequireAdmin`]: a signed-in
//!   account of at least that role. Without one, a page request is sent
//!   (303) to `/login?next=…` and an `/api/` request gets 401 JSON; an
//!   account of a lesser role gets 403.
//!
//! The visit itself is resolved, and every form's CSRF token checked, by
//! `session::layer` before any extractor runs.

use crate::error::{Failure, Format};
use crate::query_string;
use crate::session::{FormFields, FormFiles, Visit};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::Method;
use axum::response::{IntoResponse, Response};
use moot_store::{Account, Audience, Role};
use std::marker::PhantomData;

/// Whoever is visiting, signed in or not.
pub struct Viewer(pub Visit);

impl Viewer {
    /// Who is looking, for the exempt rule.
    pub fn audience(&self) -> Audience {
        self.0
            .account
            .as_ref()
            .map_or(Audience::Public, |a| Audience::Account(a.role))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Viewer {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Viewer, Failure> {
        Ok(Viewer(
            parts.extensions.get::<Visit>().cloned().unwrap_or_default(),
        ))
    }
}

/// The least role a [`Require`] accepts.
pub trait MinimumRole {
    /// The role.
    const ROLE: Role;
}

/// Marks [`RequireMember`].
pub struct AtLeastMember;
/// Marks [`RequireClerk`].
pub struct AtLeastClerk;
/// Marks [`RequireAdmin`].
pub struct AtLeastAdmin;

impl MinimumRole for AtLeastMember {
    const ROLE: Role = Role::Member;
}
impl MinimumRole for AtLeastClerk {
    const ROLE: Role = Role::Clerk;
}
impl MinimumRole for AtLeastAdmin {
    const ROLE: Role = Role::Admin;
}

/// A signed-in account of at least `R`'s role.
pub struct Require<R> {
    /// The account.
    pub account: Account,
    role: PhantomData<R>,
}

/// Any signed-in account.
pub type RequireMember = Require<AtLeastMember>;
/// A clerk or admin.
pub type RequireClerk = Require<AtLeastClerk>;
/// An admin.
pub type RequireAdmin = Require<AtLeastAdmin>;

impl<S: Send + Sync, R: MinimumRole> FromRequestParts<S> for Require<R> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Require<R>, Response> {
        let format = Format::of_path(parts.uri.path());
        let visit = parts.extensions.get::<Visit>();
        let Some(account) = visit.and_then(|v| v.account.clone()) else {
            return Err(match format {
                Format::Json => Failure::unauthorised(format).into_response(),
                Format::Html => to_sign_in(parts),
            });
        };
        if account.role < R::ROLE {
            let message = format!("This needs an account with the {} role.", R::ROLE);
            return Err(Failure::forbidden(format, &message).into_response());
        }
        Ok(Require {
            account,
            role: PhantomData,
        })
    }
}

/// 303 to the sign-in page, coming back here afterwards when this was a
/// page (a form's address is not somewhere to come back to).
fn to_sign_in(parts: &Parts) -> Response {
    let location = match parts.uri.path_and_query() {
        Some(target) if parts.method == Method::GET => {
            format!("/login?next={}", query_string::encode(target.as_str()))
        }
        _ => "/login".to_owned(),
    };
    crate::forms::see_other(location)
}

/// Where to go after signing in: `next` when it is a path on this site,
/// else the home page. `//host` and `/\host` (which browsers read as
/// other sites), schemes and control characters are refused, so the
/// sign-in page is no open redirect.
pub fn local_path(next: Option<&str>) -> &str {
    next.filter(|n| {
        n.starts_with('/')
            && !n.starts_with("//")
            && !n.starts_with("/\\")
            && !n.chars().any(|c| c.is_control() || c == '\\')
    })
    .unwrap_or("/")
}

/// The fields of the form this request posted (CSRF already checked).
pub struct Fields(pub FormFields);

impl<S: Send + Sync> FromRequestParts<S> for Fields {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Fields, Failure> {
        let format = Format::of_path(parts.uri.path());
        parts
            .extensions
            .get::<FormFields>()
            .cloned()
            .map(Fields)
            .ok_or_else(|| Failure::bad_request(format, "This address takes a form."))
    }
}

/// The files of the multipart form this request posted (CSRF already
/// checked); none for any other request.
pub struct Files(pub FormFiles);

impl<S: Send + Sync> FromRequestParts<S> for Files {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Files, Failure> {
        Ok(Files(
            parts.extensions.remove::<FormFiles>().unwrap_or_default(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_on_this_site_are_gone_back_to() {
        for good in ["/", "/admin/accounts", "/search?q=a%20b"] {
            assert_eq!(local_path(Some(good)), good);
        }
        for bad in [
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example",
            "evil",
            "/a\nb",
            "",
        ] {
            assert_eq!(local_path(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(local_path(None), "/");
    }
}
