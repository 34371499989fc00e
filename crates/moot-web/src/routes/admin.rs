//! The admin's pages: accounts (list, add, change role, disable) and the
//! audit log (newest first, filtered by subject, paged), each page with
//! its JSON twin. Every route takes [`RequireAdmin`]; every change goes
//! through [`AppState::write`], one transaction with its audit entry.
//! An admin cannot change their own role or disable themselves, so the
//! site cannot be left without one by a slip.

use super::account::account_json;
use crate::auth::{Fields, RequireAdmin};
use crate::error::{Failure, Format, Id};
use crate::forms::{self, csrf_field, error_summary, select, text_input, Errors, Input};
use crate::html::{column_headers, page, scroll_table};
use crate::query_string;
use crate::session::FormFields;
use crate::AppState;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
use axum::Router;
use maud::{html, Markup};
use moot_store::{Account, AccountId, AuditEntry, NewAccount, PersonId, Role};
use serde_json::{json, Value};

/// Audit entries on one page.
const AUDIT_PAGE: u32 = 50;

/// The admin pages, their JSON and their forms.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/accounts", get(accounts_page).post(add_account))
        .route("/api/admin/accounts", get(accounts_api))
        .route("/admin/accounts/{id}/role", post(set_role))
        .route("/admin/accounts/{id}/disable", post(disable))
        .route("/admin/audit", get(audit_page))
        .route("/api/admin/audit", get(audit_api))
}

/// The role options of a drop-down.
fn role_options() -> Vec<(&'static str, &'static str)> {
    Role::ALL.iter().map(|r| (r.name(), r.name())).collect()
}

/// What the add form was sent with, to show again.
#[derive(Default)]
struct Draft {
    username: String,
    display_name: String,
    role: String,
    person: String,
}

impl Draft {
    fn from(fields: &FormFields) -> Draft {
        let field = |name| fields.get(name).unwrap_or("").trim().to_owned();
        Draft {
            username: field("username"),
            display_name: field("display_name"),
            role: field("role"),
            person: field("person"),
        }
    }
}

fn accounts_table(accounts: &[Account], me: AccountId) -> Markup {
    scroll_table(
        "Accounts",
        html! { table {
            caption class="meta" { "Every account, by user name" }
            (column_headers(&["User name", "Name", "Role", "State", "Change"]))
            tbody { @for a in accounts { tr {
                td { (a.username) }
                td { (a.display_name) }
                td { (a.role) }
                td { @if a.is_active() { "Active" } @else { "Disabled" } }
                td { @if a.id != me && a.is_active() { (account_actions(a)) } }
            } } }
        } },
    )
}

fn account_actions(a: &Account) -> Markup {
    let role_id = format!("role-{}", a.id.0);
    html! {
        form method="post" action={ "/admin/accounts/" (a.id.0) "/role" } class="inline" {
            (csrf_field())
            label for=(role_id) { "Role for " (a.username) }
            select id=(role_id) name="role" {
                @for (value, text) in role_options() { option value=(value) selected[value == a.role.name()] { (text) } }
            }
            button type="submit" { "Change role" }
        }
        form method="post" action={ "/admin/accounts/" (a.id.0) "/disable" } class="inline" {
            (csrf_field())
            button type="submit" class="warning" { "Disable " (a.username) }
        }
    }
}

fn add_form(draft: &Draft, errors: &Errors) -> Markup {
    let input = |id, label, hint, kind, autocomplete, value| Input {
        id,
        label,
        hint,
        kind,
        autocomplete,
        value,
    };
    html! {
        h2 { "Add an account" }
        form method="post" action="/admin/accounts" novalidate {
            (csrf_field())
            (text_input(&input("username", "User name", Some("Letters, digits, dots, dashes and underscores"), "text", "off", &draft.username), errors))
            (text_input(&input("display_name", "Name", Some("As shown on pages"), "text", "off", &draft.display_name), errors))
            (select("role", "Role", &role_options(), &draft.role, errors))
            (text_input(&input("person", "Person number (optional)", Some("The member's number on their person page, to link the account to it"), "text", "off", &draft.person), errors))
            (text_input(&input("password", "Password", Some("At least 12 characters. Give it to them safely; they cannot change it themselves yet."), "password", "new-password", ""), errors))
            button type="submit" { "Add account" }
        }
    }
}

async fn accounts_view(
    state: &AppState,
    admin: &RequireAdmin,
    draft: &Draft,
    errors: &Errors,
    status: StatusCode,
) -> Result<Response, Failure> {
    let accounts = state.read(Format::Html, |s| s.accounts()).await?;
    let title = forms::page_title("Accounts", errors);
    let main = html! {
        (error_summary(errors))
        h1 { "Accounts" }
        p { a href="/admin/audit" { "Audit log" } }
        (accounts_table(&accounts, admin.account.id))
        (add_form(draft, errors))
    };
    Ok((status, page(&title, main)).into_response())
}

async fn accounts_page(
    State(state): State<AppState>,
    admin: RequireAdmin,
) -> Result<Response, Failure> {
    accounts_view(
        &state,
        &admin,
        &Draft::default(),
        &Errors::default(),
        StatusCode::OK,
    )
    .await
}

async fn accounts_api(
    State(state): State<AppState>,
    _: RequireAdmin,
) -> Result<Json<Value>, Failure> {
    let accounts = state.read(Format::Json, |s| s.accounts()).await?;
    let list: Vec<Value> = accounts.iter().map(account_json).collect();
    Ok(Json(json!({ "accounts": list })))
}

/// The add form's fields checked; the person's number parsed.
fn check_draft(draft: &Draft, password: &str) -> (Errors, Option<Role>, Option<PersonId>) {
    let mut errors = Errors::default();
    errors.check("username", moot_auth::username_problem(&draft.username));
    if draft.display_name.is_empty() {
        errors.add("display_name", "Enter the name to show");
    }
    let role = Role::parse(&draft.role);
    if role.is_none() {
        errors.add("role", "Choose member, clerk or admin");
    }
    let person = draft
        .person
        .parse::<i64>()
        .ok()
        .filter(|p| *p > 0)
        .map(PersonId);
    if !draft.person.is_empty() && person.is_none() {
        errors.add(
            "person",
            "The person number must be a whole number, like 12",
        );
    }
    errors.check("password", moot_auth::password_problem(password));
    (errors, role, person)
}

async fn add_account(
    State(state): State<AppState>,
    admin: RequireAdmin,
    Fields(fields): Fields,
) -> Result<Response, Failure> {
    let draft = Draft::from(&fields);
    let password = fields.get("password").unwrap_or("").to_owned();
    let (mut errors, role, person) = check_draft(&draft, &password);
    if let (true, Some(role)) = (errors.is_empty(), role) {
        let (username, display_name) = (draft.username.clone(), draft.display_name.clone());
        let actor = admin.account.actor();
        // argon2 runs before the write connection is taken, not under it.
        let hash = state
            .slow_work(Format::Html, move || {
                moot_store::hash_new_password(&password)
            })
            .await?
            .map_err(|e| Failure::from_store(e, Format::Html))?;
        let outcome = state
            .write(Format::Html, move |s| {
                let new = NewAccount {
                    username: &username,
                    display_name: &display_name,
                    password: "",
                    role,
                    person,
                };
                s.add_account_hashed(&actor, &new, &hash)
            })
            .await?;
        match outcome {
            Ok(_) => return Ok(back_to_accounts()),
            Err(sentence) => errors.add(
                if person.is_some() && sentence.contains("person") {
                    "person"
                } else {
                    "username"
                },
                sentence,
            ),
        }
    }
    accounts_view(
        &state,
        &admin,
        &draft,
        &errors,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

fn back_to_accounts() -> Response {
    forms::see_other("/admin/accounts")
}

/// The account a change is about, refusing the admin's own.
fn other_account(admin: &RequireAdmin, Id(id): Id) -> Result<AccountId, Failure> {
    let id = AccountId(id);
    if id == admin.account.id {
        return Err(Failure::forbidden(
            Format::Html,
            "You cannot change your own account here: ask another admin.",
        ));
    }
    Ok(id)
}

async fn set_role(
    State(state): State<AppState>,
    admin: RequireAdmin,
    id: Id,
    Fields(fields): Fields,
) -> Result<Response, Failure> {
    let id = other_account(&admin, id)?;
    let role = Role::parse(fields.get("role").unwrap_or(""))
        .ok_or_else(|| Failure::bad_request(Format::Html, "Choose member, clerk or admin."))?;
    let actor = admin.account.actor();
    state
        .write(Format::Html, move |s| s.set_account_role(&actor, id, role))
        .await?
        .map_err(|e| Failure::bad_request(Format::Html, &e))?;
    Ok(back_to_accounts())
}

async fn disable(
    State(state): State<AppState>,
    admin: RequireAdmin,
    id: Id,
) -> Result<Response, Failure> {
    let id = other_account(&admin, id)?;
    let actor = admin.account.actor();
    state
        .write(Format::Html, move |s| s.disable_account(&actor, id))
        .await?
        .map_err(|e| Failure::bad_request(Format::Html, &e))?;
    Ok(back_to_accounts())
}

/// The audit log's query: `subject=` and `page=` (from 1).
struct AuditQuery {
    subject: Option<String>,
    page: u32,
}

fn audit_query(query: Option<&str>, format: Format) -> Result<AuditQuery, Failure> {
    let pairs = query_string::pairs(query.unwrap_or(""))
        .ok_or_else(|| Failure::bad_request(format, "This address's query could not be read."))?;
    let mut parsed = AuditQuery {
        subject: None,
        page: 1,
    };
    for (name, value) in pairs {
        match name.as_str() {
            "subject" if !value.trim().is_empty() => parsed.subject = Some(value.trim().to_owned()),
            "subject" => {}
            "page" => {
                parsed.page = value
                    .parse()
                    .ok()
                    .filter(|p| (1..=100_000).contains(p))
                    .ok_or_else(|| {
                        Failure::bad_request(format, "The page must be a number from 1.")
                    })?;
            }
            _ => {
                return Err(Failure::bad_request(
                    format,
                    &format!("Unknown parameter {name}."),
                ))
            }
        }
    }
    Ok(parsed)
}

/// One page of entries, and whether another follows.
async fn audit_entries(
    state: &AppState,
    query: &AuditQuery,
    format: Format,
) -> Result<(Vec<AuditEntry>, bool), Failure> {
    let subject = query.subject.clone();
    let offset = (query.page - 1) * AUDIT_PAGE;
    let mut entries = state
        .read(format, move |s| {
            s.audit_page(subject.as_deref(), AUDIT_PAGE + 1, offset)
        })
        .await?;
    let more = entries.len() > AUDIT_PAGE as usize;
    entries.truncate(AUDIT_PAGE as usize);
    Ok((entries, more))
}

fn audit_link(query: &AuditQuery, page: u32) -> String {
    match &query.subject {
        Some(subject) => format!(
            "/admin/audit?subject={}&page={page}",
            query_string::encode(subject)
        ),
        None => format!("/admin/audit?page={page}"),
    }
}

fn audit_table(entries: &[AuditEntry]) -> Markup {
    scroll_table(
        "Audit log",
        html! { table {
            caption class="meta" { "Changes, newest first" }
            (column_headers(&["When (UTC)", "Who", "What", "Subject", "Before", "After"]))
            tbody { @for e in entries { tr {
                td { (e.at) }
                td { (e.actor) }
                td { (e.action) }
                td { a href={ "/admin/audit?subject=" (query_string::encode(&e.subject)) } { (e.subject) } }
                td { code { (e.before.as_deref().unwrap_or("")) } }
                td { code { (e.after.as_deref().unwrap_or("")) } }
            } } }
        } },
    )
}

async fn audit_page(
    State(state): State<AppState>,
    _: RequireAdmin,
    RawQuery(raw): RawQuery,
) -> Result<Markup, Failure> {
    let query = audit_query(raw.as_deref(), Format::Html)?;
    let (entries, more) = audit_entries(&state, &query, Format::Html).await?;
    Ok(page(
        "Audit log",
        html! {
            h1 { "Audit log" }
            p { a href="/admin/accounts" { "Accounts" } }
            form method="get" action="/admin/audit" {
                label for="subject" { "Subject" }
                div class="hint" id="subject-hint" { "For example account/3 or meeting/12" }
                input id="subject" name="subject" type="text" aria-describedby="subject-hint" value=(query.subject.as_deref().unwrap_or(""));
                button type="submit" { "Filter" }
            }
            @if entries.is_empty() { p { "No changes are recorded" @if query.subject.is_some() { " for this subject" } "." } }
            @else { (audit_table(&entries)) }
            nav aria-label="Pages of the audit log" { ul {
                @if query.page > 1 { li { a href=(audit_link(&query, query.page - 1)) { "Newer changes" } } }
                @if more { li { a href=(audit_link(&query, query.page + 1)) { "Older changes" } } }
            } }
        },
    ))
}

async fn audit_api(
    State(state): State<AppState>,
    _: RequireAdmin,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, Failure> {
    let query = audit_query(raw.as_deref(), Format::Json)?;
    let (entries, more) = audit_entries(&state, &query, Format::Json).await?;
    let parse = |text: &Option<String>| {
        text.as_deref()
            .and_then(|t| serde_json::from_str::<Value>(t).ok())
    };
    let list: Vec<Value> = entries
        .iter()
        .map(|e| json!({
            "id": e.id, "at": e.at, "actor": e.actor, "account": e.account.map(|a| a.0),
            "action": e.action, "subject": e.subject, "before": parse(&e.before), "after": parse(&e.after),
        }))
        .collect();
    Ok(Json(json!({
        "subject": query.subject, "page": query.page, "more": more, "entries": list,
    })))
}
