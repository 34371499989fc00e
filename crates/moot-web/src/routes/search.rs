//! `/search`: one box over every public record, with filters for body,
//! date range and kind, and the results grouped by kind with snippets.
//!
//! The query string is decoded strictly and validated: malformed percent
//! encoding, an unknown kind, a body that is not an id or a date that is
//! not a day are 400 with a sentence saying which; an empty box is the
//! empty form. What the box understands is `moot_search`'s business
//! (words, "phrases", -exclusions; nothing typed is ever an error).
//! Snippets are plain text with marked ranges; the markup is built here,
//! escaping every part, so a record cannot inject HTML.

use super::iso;
use crate::error::{Failure, Format};
use crate::html::{date_markup, page, uk_date};
use crate::query_string::{encode, pairs};
use crate::AppState;
use axum::extract::{RawQuery, State};
use axum::response::Json;
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};
use moot_domain::Date;
use moot_search::{Hit, SearchQuery, SearchResults, Snippet};
use moot_store::{BodyId, BodySummary, SearchKind, SearchRecord, SearchTarget, Store};
use serde_json::{json, Value};

/// Hits shown per kind when several kinds are shown, and when one is.
const PER_KIND: usize = 10;
const PER_KIND_ALONE: usize = 50;

/// `/search` and `/api/search`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/search", get(search_page))
        .route("/api/search", get(search_api))
}

/// What the form asked for, validated.
#[derive(Debug, Default)]
struct Asked {
    q: String,
    body: Option<BodyId>,
    from: Option<Date>,
    to: Option<Date>,
    kinds: Vec<SearchKind>,
}

impl Asked {
    fn parse(raw: Option<&str>, format: Format) -> Result<Asked, Failure> {
        let bad = |message: &str| Failure::bad_request(format, message);
        let pairs = pairs(raw.unwrap_or(""))
            .ok_or_else(|| bad("This address is damaged: its query string is not well-formed."))?;
        let mut asked = Asked::default();
        for (name, value) in pairs {
            let value = value.trim();
            match name.as_str() {
                "q" => asked.q = value.to_owned(),
                "body" if value.is_empty() => asked.body = None,
                "body" => {
                    let id = value.parse::<i64>().ok().filter(|id| *id > 0);
                    asked.body = Some(BodyId(id.ok_or_else(|| {
                        bad("The committee or board must be one from the list.")
                    })?));
                }
                "from" => {
                    asked.from = date(value)
                        .map_err(|_| bad("The from date must be a real day, like 2013-09-18."))?
                }
                "to" => {
                    asked.to = date(value)
                        .map_err(|_| bad("The to date must be a real day, like 2013-09-18."))?
                }
                "kind" if value.is_empty() => {}
                "kind" => {
                    let kind = SearchKind::parse(value)
                        .ok_or_else(|| bad("The kind of record must be one from the list."))?;
                    if !asked.kinds.contains(&kind) {
                        asked.kinds.push(kind);
                    }
                }
                _ => {}
            }
        }
        if let (Some(from), Some(to)) = (asked.from, asked.to) {
            if from > to {
                return Err(bad("The from date must not be after the to date."));
            }
        }
        Ok(asked)
    }

    fn query(&self) -> SearchQuery {
        SearchQuery {
            text: self.q.clone(),
            body: self.body,
            from: self.from,
            to: self.to,
            kinds: self.kinds.clone(),
            per_kind: if self.kinds.len() == 1 {
                PER_KIND_ALONE
            } else {
                PER_KIND
            },
        }
    }

    /// The address of this search narrowed to one kind.
    fn only(&self, kind: SearchKind) -> String {
        let mut href = format!("/search?q={}", encode(&self.q));
        if let Some(body) = self.body {
            href.push_str(&format!("&body={}", body.0));
        }
        for (name, date) in [("from", self.from), ("to", self.to)] {
            if let Some(date) = date {
                href.push_str(&format!("&{name}={date}"));
            }
        }
        href.push_str(&format!("&kind={}", kind.as_str()));
        href
    }
}

/// An empty value is no date; anything else must be an ISO day.
fn date(text: &str) -> Result<Option<Date>, ()> {
    if text.is_empty() {
        return Ok(None);
    }
    let bytes = text.as_bytes();
    let shape = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    let number = |range: std::ops::Range<usize>| text.get(range)?.parse::<u16>().ok();
    let small = |range| number(range).and_then(|n| u8::try_from(n).ok());
    let day = shape
        .then(|| Date::new(number(0..4)?, small(5..7)?, small(8..10)?))
        .flatten();
    day.map(Some).ok_or(())
}

/// Runs the search, or nothing when the box is empty.
async fn results(
    state: &AppState,
    asked: &Asked,
    format: Format,
) -> Result<Option<SearchResults>, Failure> {
    if asked.q.is_empty() {
        return Ok(None);
    }
    state.search(format, asked.query()).await.map(Some)
}

/// The kind's name as a heading: "Agenda items".
fn plural(kind: SearchKind) -> &'static str {
    match kind {
        SearchKind::Meeting => "Meetings",
        SearchKind::AgendaItem => "Agenda items",
        SearchKind::Minute => "Minutes",
        SearchKind::Resolution => "Resolutions",
        SearchKind::Decision => "Decisions",
        SearchKind::Report => "Reports",
        SearchKind::Person => "People",
    }
}

/// The page and JSON addresses of a record's page.
fn urls(target: SearchTarget) -> (String, String) {
    let path = match target {
        SearchTarget::Meeting(id) => format!("/meetings/{}", id.0),
        SearchTarget::Person(id) => format!("/people/{}", id.0),
    };
    (path.clone(), format!("/api{path}"))
}

/// A hit's heading: a meeting is named by its body and day.
fn title(record: &SearchRecord) -> String {
    match (record.kind, record.date) {
        (SearchKind::Meeting, Some(date)) => format!("{}, {}", record.title, uk_date(date)),
        _ => record.title.clone(),
    }
}

/// A snippet with its matches in `mark`, every part escaped.
fn snippet_markup(snippet: &Snippet) -> Markup {
    html! {
        @for (part, marked) in snippet.parts() {
            @if marked { mark { (part) } } @else { (part) }
        }
    }
}

fn form(asked: &Asked, bodies: &[BodySummary]) -> Markup {
    html! {
        form method="get" action="/search" role="search" {
            label for="q" { "Search meetings, agendas, minutes, decisions, reports and people" }
            p id="q-hint" class="meta" {
                "Every word must appear. Put a phrase in quotes, and a minus before a word to leave it out."
            }
            input type="search" id="q" name="q" value=(asked.q) aria-describedby="q-hint";
            fieldset {
                legend { "Filters" }
                label for="body" { "Committee or board" }
                select id="body" name="body" {
                    option value="" { "Any" }
                    @for b in bodies {
                        option value=(b.id.0) selected[asked.body == Some(b.id)] { (b.name) }
                    }
                }
                label for="from" { "From (date)" }
                input type="date" id="from" name="from" value=[asked.from];
                label for="to" { "To (date)" }
                input type="date" id="to" name="to" value=[asked.to];
                fieldset {
                    legend { "Kinds of record" }
                    @for kind in SearchKind::ALL {
                        div class="check" {
                            input type="checkbox" id={ "kind-" (kind.as_str()) } name="kind"
                                value=(kind.as_str()) checked[asked.kinds.contains(&kind)];
                            label for={ "kind-" (kind.as_str()) } { (plural(kind)) }
                        }
                    }
                }
            }
            button type="submit" { "Search" }
        }
    }
}

fn hit_markup(hit: &Hit) -> Markup {
    let record = &hit.record;
    let (url, _) = urls(record.target);
    let bodies: Vec<&str> = record
        .bodies
        .iter()
        .map(|(_, name)| name.as_str())
        .collect();
    html! {
        li {
            a href=(url) { (title(record)) }
            @if !bodies.is_empty() || record.date.is_some() {
                p class="meta" {
                    (bodies.join(", "))
                    @if let Some(date) = record.date { @if !bodies.is_empty() { ", " } (date_markup(date)) }
                }
            }
            @if !hit.snippet.text.is_empty() { p { (snippet_markup(&hit.snippet)) } }
        }
    }
}

fn results_markup(asked: &Asked, results: &SearchResults) -> Markup {
    let total = results.total();
    html! {
        h2 {
            (match total { 0 => "No results".to_owned(), 1 => "1 result".to_owned(), n => format!("{n} results") })
            " for ‘" (asked.q) "’"
        }
        @if total == 0 { p { "Check the spelling, use fewer words, or remove some filters." } }
        @for group in &results.groups {
            section aria-labelledby={ "results-" (group.kind.as_str()) } {
                h3 id={ "results-" (group.kind.as_str()) } { (plural(group.kind)) " (" (group.total) ")" }
                ol { @for hit in &group.hits { (hit_markup(hit)) } }
                @if group.total > group.hits.len() {
                    p { a href=(asked.only(group.kind)) { "Show all " (group.total) " " (plural(group.kind).to_lowercase()) } }
                }
            }
        }
    }
}

async fn search_page(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Markup, Failure> {
    let asked = Asked::parse(raw.as_deref(), Format::Html)?;
    let bodies = state.read(Format::Html, |s| s.bodies()).await?;
    let results = results(&state, &asked, Format::Html).await?;
    Ok(page(
        "Search",
        html! {
            h1 { "Search" }
            (form(&asked, &bodies))
            @if let Some(results) = &results { (results_markup(&asked, results)) }
        },
    ))
}

fn hit_json(hit: &Hit) -> Value {
    let record = &hit.record;
    let (url, api) = urls(record.target);
    json!({
        "kind": record.kind.as_str(),
        "id": record.id,
        "title": title(record),
        "url": url,
        "api": api,
        "snippet": snippet_markup(&hit.snippet).into_string(),
        "body": record.bodies.first().map(|(id, name)| json!({ "id": id.0, "name": name })),
        "date": iso(record.date),
        "score": hit.score,
    })
}

async fn search_api(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, Failure> {
    let asked = Asked::parse(raw.as_deref(), Format::Json)?;
    let results = results(&state, &asked, Format::Json)
        .await?
        .unwrap_or_default();
    let groups: Vec<Value> = results
        .groups
        .iter()
        .map(|g| {
            let hits: Vec<Value> = g.hits.iter().map(hit_json).collect();
            json!({ "kind": g.kind.as_str(), "label": plural(g.kind), "total": g.total, "hits": hits })
        })
        .collect();
    let kinds: Vec<&str> = asked.kinds.iter().map(|k| k.as_str()).collect();
    Ok(Json(json!({
        "query": {
            "q": asked.q,
            "body": asked.body.map(|b| b.0),
            "from": iso(asked.from),
            "to": iso(asked.to),
            "kinds": kinds,
        },
        "total": results.total(),
        "groups": groups,
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_iso_days_or_empty() {
        assert_eq!(date(""), Ok(None));
        assert_eq!(date("2013-09-18"), Ok(Date::new(2013, 9, 18)));
        for bad in [
            "2013-02-30",
            "18/09/2013",
            "2013-9-18",
            "+013-09-18",
            "2013-09-1８",
            "yesterday",
        ] {
            assert_eq!(date(bad), Err(()), "{bad}");
        }
    }

    #[test]
    fn snippets_escape_everything_but_their_marks() {
        let text = "<script>alert(1)</script> & budget";
        let mark = text.find("budget").unwrap()..text.len();
        let snippet = Snippet::new(text, std::slice::from_ref(&mark));
        assert_eq!(
            snippet_markup(&snippet).into_string(),
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; <mark>budget</mark>"
        );
    }
}
