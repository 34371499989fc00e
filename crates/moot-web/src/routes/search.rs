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

use super::feeds::{origin, with_type};
use super::iso;
use crate::atom::{self, Entry, Feed};
use crate::error::{Failure, Format};
use crate::forms::{date_input, iso_date, DateParts, Errors};
use crate::html::{date_markup, page, uk_date};
use crate::query_string::{encode, pairs};
use crate::AppState;
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{Json, Response};
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};
use moot_domain::Date;
use moot_search::{Facets, Hit, SearchQuery, SearchResults, Snippet, Sort};
use moot_store::{BodyId, BodySummary, SearchKind, SearchRecord, SearchTarget};
use serde_json::{json, Value};

/// Records shown per kind when several kinds are shown, and when one is.
const PER_KIND: usize = 10;
const PER_KIND_ALONE: usize = 50;

/// Hits per page of the ranked list.
const PER_PAGE: usize = 20;

/// The furthest page of the ranked list a search may ask for.
const MAX_PAGE: usize = 50;

/// Entries in a search's feed.
const FEED_ENTRIES: usize = 50;

/// `/search`, `/api/search` and `/search.atom`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/search", get(search_page))
        .route("/api/search", get(search_api))
        .route("/search.atom", get(search_feed))
}

/// What the form asked for, validated.
#[derive(Debug, Default, Clone)]
struct Asked {
    q: String,
    body: Option<BodyId>,
    council: Option<String>,
    from: Option<Date>,
    to: Option<Date>,
    kinds: Vec<SearchKind>,
    sort: Sort,
    /// 1-based.
    page: usize,
}

impl Asked {
    fn parse(raw: Option<&str>, format: Format) -> Result<Asked, Failure> {
        let bad = |message: &str| Failure::bad_request(format, message);
        let pairs = pairs(raw.unwrap_or(""))
            .ok_or_else(|| bad("This address is damaged: its query string is not well-formed."))?;
        let mut asked = Asked {
            page: 1,
            ..Asked::default()
        };
        // Dates come as three fields (`from-day`, `from-month`,
        // `from-year`) from the form, or as one ISO day from links.
        let mut from_parts = DateParts::default();
        let mut to_parts = DateParts::default();
        for (name, value) in pairs {
            let value = value.trim();
            if let Some(part) = name.strip_prefix("from-") {
                from_parts.set(part, value);
                continue;
            }
            if let Some(part) = name.strip_prefix("to-") {
                to_parts.set(part, value);
                continue;
            }
            match name.as_str() {
                "q" => asked.q = value.to_owned(),
                "body" if value.is_empty() => asked.body = None,
                "body" => {
                    let id = value.parse::<i64>().ok().filter(|id| *id > 0);
                    asked.body = Some(BodyId(id.ok_or_else(|| {
                        bad("The committee or board must be one from the list.")
                    })?));
                }
                "council" => asked.council = Some(value.to_owned()).filter(|v| !v.is_empty()),
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
                "sort" => {
                    asked.sort = match value {
                        "" | "relevance" => Sort::Relevance,
                        "newest" => Sort::Newest,
                        _ => return Err(bad("The order must be relevance or newest.")),
                    }
                }
                "page" => {
                    asked.page = value
                        .parse::<usize>()
                        .ok()
                        .filter(|p| (1..=MAX_PAGE).contains(p))
                        .ok_or_else(|| bad("The page must be a number from 1 to 50."))?;
                }
                _ => {}
            }
        }
        if !from_parts.is_empty() {
            asked.from = from_parts
                .date()
                .map_err(|problem| bad(&format!("The from date {problem}.")))?;
        }
        if !to_parts.is_empty() {
            asked.to = to_parts
                .date()
                .map_err(|problem| bad(&format!("The to date {problem}.")))?;
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
            council: self.council.clone(),
            from: self.from,
            to: self.to,
            kinds: self.kinds.clone(),
            sort: self.sort,
            page: self.page.saturating_sub(1),
            per_page: PER_PAGE,
            per_kind: if self.kinds.len() == 1 {
                PER_KIND_ALONE
            } else {
                PER_KIND
            },
        }
    }

    /// The query string of this search (without page), with `change`
    /// applied to a copy first.
    fn href(&self, path: &str, change: impl FnOnce(&mut Asked)) -> String {
        let mut asked = Asked {
            page: 1,
            ..self.clone()
        };
        change(&mut asked);
        let mut href = format!("{path}?q={}", encode(&asked.q));
        if let Some(body) = asked.body {
            href.push_str(&format!("&body={}", body.0));
        }
        if let Some(council) = &asked.council {
            href.push_str(&format!("&council={}", encode(council)));
        }
        for (name, date) in [("from", asked.from), ("to", asked.to)] {
            if let Some(date) = date {
                href.push_str(&format!("&{name}={date}"));
            }
        }
        for kind in &asked.kinds {
            href.push_str(&format!("&kind={}", kind.as_str()));
        }
        if asked.sort == Sort::Newest {
            href.push_str("&sort=newest");
        }
        if asked.page > 1 {
            href.push_str(&format!("&page={}", asked.page));
        }
        href
    }

    /// The address of this search narrowed to one kind.
    fn only(&self, kind: SearchKind) -> String {
        self.href("/search", |a| a.kinds = vec![kind])
    }
}

/// An empty value is no date; anything else must be an ISO day.
fn date(text: &str) -> Result<Option<Date>, ()> {
    if text.is_empty() {
        return Ok(None);
    }
    iso_date(text).map(Some).ok_or(())
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
        SearchKind::Document => "Documents",
    }
}

/// The page and JSON addresses of a record's page.
fn urls(target: SearchTarget) -> (String, String) {
    let path = match target {
        SearchTarget::Meeting(id) => format!("/meetings/{}", id.0),
        SearchTarget::Person(id) => format!("/people/{}", id.0),
        SearchTarget::Document(id) => format!("/documents/{}", id.0),
    };
    (path.clone(), format!("/api{path}"))
}

/// The address of the lines a hit was read from, on its document's page.
fn lines_url(record: &SearchRecord) -> Option<String> {
    let (document, lines) = (record.document?, record.lines?);
    Some(format!("/documents/{}#L{}", document.0, lines.first))
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
            label for="q" { "Search meetings, agendas, minutes, reports, decisions and people" }
            p id="q-hint" class="meta" {
                "Searches every word of every published paper. Put a phrase in quotes to find those words together, and a minus before a word to leave it out."
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
                @if let Some(council) = &asked.council {
                    input type="hidden" name="council" value=(council);
                }
                (date_input("from", "From", Some("For example, 18 9 2013"), &DateParts::of(asked.from), &Errors::default()))
                (date_input("to", "To", Some("For example, 31 12 2013"), &DateParts::of(asked.to), &Errors::default()))
                label for="sort" { "Order" }
                select id="sort" name="sort" {
                    option value="relevance" selected[asked.sort == Sort::Relevance] { "Best match first" }
                    option value="newest" selected[asked.sort == Sort::Newest] { "Newest first" }
                }
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
            @if let (Some(link), Some(lines)) = (lines_url(record), record.lines) {
                p class="meta" {
                    a href=(link) {
                        @if lines.first == lines.last { "Line " (lines.first) } @else { "Lines " (lines.first) "–" (lines.last) }
                        @if let Some(file) = &hit.file { " of " (file) }
                    }
                }
            }
        }
    }
}

/// The counts by kind, body, council and year, each a link narrowing the
/// search.
fn facets_markup(asked: &Asked, facets: &Facets) -> Markup {
    let list = |heading: &str, items: Vec<(String, String, usize)>| {
        html! {
            @if items.len() > 1 {
                h3 class="facet" { (heading) }
                ul class="facets" {
                    @for (label, href, count) in &items {
                        li { a href=(href) { (label) } " (" (count) ")" }
                    }
                }
            }
        }
    };
    let kinds = facets
        .kinds
        .iter()
        .map(|(kind, n)| (plural(*kind).to_owned(), asked.only(*kind), *n))
        .collect();
    let bodies = facets
        .bodies
        .iter()
        .map(|(id, name, n)| {
            (
                name.clone(),
                asked.href("/search", |a| a.body = Some(*id)),
                *n,
            )
        })
        .collect();
    let councils = facets
        .councils
        .iter()
        .map(|(name, n)| {
            let href = asked.href("/search", |a| a.council = Some(name.clone()));
            (name.clone(), href, *n)
        })
        .collect();
    let years = facets
        .years
        .iter()
        .filter_map(|&(year, n)| {
            let year16 = u16::try_from(year).ok()?;
            let (from, to) = (Date::new(year16, 1, 1)?, Date::new(year16, 12, 31)?);
            let href = asked.href("/search", |a| {
                a.from = Some(from);
                a.to = Some(to);
            });
            Some((year.to_string(), href, n))
        })
        .collect();
    html! {
        nav aria-label="Narrow the results" {
            (list("Kind", kinds))
            (list("Committee or board", bodies))
            (list("Council", councils))
            (list("Year", years))
        }
    }
}

/// "1 match", "12 matches".
fn matches(n: usize) -> String {
    if n == 1 {
        "1 match".to_owned()
    } else {
        format!("{n} matches")
    }
}

/// A count that may be a lower bound: "at least 12 matches".
fn at_least(n: usize, bound: bool) -> String {
    if bound {
        format!("at least {}", matches(n))
    } else {
        matches(n)
    }
}

fn results_markup(asked: &Asked, results: &SearchResults) -> Markup {
    let total = results.total();
    let sampled = results.facets.sample;
    html! {
        h2 {
            @if total == 0 { "No results" }
            @else if results.capped { "More than " (matches(total)) }
            @else { (matches(total)) }
            " for ‘" (asked.q) "’"
        }
        @if let Some(suggestion) = &results.suggestion {
            p { "Did you mean " a href=(asked.href("/search", |a| a.q = suggestion.clone())) { (suggestion) } "? Words close to it are included below." }
        }
        p class="meta" {
            a href=(asked.href("/search.atom", |_| {})) { "Follow this search (Atom feed of new matches)" }
            " · "
            @if asked.sort == Sort::Newest {
                a href=(asked.href("/search", |a| a.sort = Sort::Relevance)) { "Best match first" }
            } @else {
                a href=(asked.href("/search", |a| a.sort = Sort::Newest)) { "Newest first" }
            }
        }
        @if total == 0 { p { "Check the spelling, use fewer words, or remove some filters." } }
        (facets_markup(asked, &results.facets))
        @if let Some(best) = sampled {
            p class="meta" { "So many match that these counts are of the best " (best) " only." }
        }
        @for group in &results.groups {
            section aria-labelledby={ "results-" (group.kind.as_str()) } {
                h3 id={ "results-" (group.kind.as_str()) } { (plural(group.kind)) " (" (at_least(group.total, sampled.is_some())) ")" }
                ol { @for hit in &group.hits { (hit_markup(hit)) } }
                @if group.total > group.hits.len() && asked.kinds != [group.kind] {
                    p { a href=(asked.only(group.kind)) { "Show only " (plural(group.kind).to_lowercase()) } }
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
    let feed = (!asked.q.is_empty()).then(|| asked.href("/search.atom", |_| {}));
    let content = html! {
        @if let Some(feed) = &feed {
            link rel="alternate" type="application/atom+xml" title="New matches for this search" href=(feed);
        }
        h1 { "Search" }
        (form(&asked, &bodies))
        @if let Some(results) = &results { (results_markup(&asked, results)) }
    };
    Ok(page("Search", content))
}

fn hit_json(hit: &Hit) -> Value {
    let record = &hit.record;
    let (url, api) = urls(record.target);
    let meeting = match record.target {
        SearchTarget::Meeting(id) => json!({ "id": id.0, "url": url, "api": api }),
        _ => Value::Null,
    };
    let source = match (&hit.file, record.lines) {
        (Some(file), Some(lines)) => json!({
            "file": file,
            "lines": [lines.first, lines.last],
            "document": record.document.map(|d| d.0),
            "url": lines_url(record),
        }),
        _ => Value::Null,
    };
    json!({
        "kind": record.kind.as_str(),
        "id": record.id,
        "record": { "kind": record.kind.as_str(), "id": record.id },
        "passage": hit.passage,
        "title": title(record),
        "url": url,
        "api": api,
        "meeting": meeting,
        "snippet": snippet_markup(&hit.snippet).into_string(),
        "body": record.bodies.first().map(|(id, name)| json!({ "id": id.0, "name": name })),
        "council": record.council,
        "date": iso(record.date),
        "source": source,
        "score": hit.score,
    })
}

fn facets_json(facets: &Facets) -> Value {
    json!({
        "kinds": facets.kinds.iter().map(|(k, n)| json!({ "kind": k.as_str(), "count": n })).collect::<Vec<_>>(),
        "bodies": facets.bodies.iter().map(|(id, name, n)| json!({ "id": id.0, "name": name, "count": n })).collect::<Vec<_>>(),
        "councils": facets.councils.iter().map(|(name, n)| json!({ "name": name, "count": n })).collect::<Vec<_>>(),
        "years": facets.years.iter().map(|(y, n)| json!({ "year": y, "count": n })).collect::<Vec<_>>(),
        "sample": facets.sample,
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
    let next = results
        .more
        .then(|| asked.href("/api/search", |a| a.page = asked.page + 1));
    Ok(Json(json!({
        "query": {
            "q": asked.q,
            "body": asked.body.map(|b| b.0),
            "council": asked.council,
            "from": iso(asked.from),
            "to": iso(asked.to),
            "kinds": kinds,
            "sort": match asked.sort { Sort::Relevance => "relevance", Sort::Newest => "newest" },
            "page": asked.page,
        },
        "total": results.total(),
        "capped": results.capped,
        "ranked": results.ranked.iter().map(hit_json).collect::<Vec<_>>(),
        "next": next,
        "groups": groups,
        "facets": facets_json(&results.facets),
        "suggestion": results.suggestion,
        "feed": (!asked.q.is_empty()).then(|| asked.href("/search.atom", |_| {})),
    })))
}

/// `/search.atom`: the newest matches of a search, so anyone can follow it
/// in a feed reader without an account.
async fn search_feed(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, Failure> {
    let mut asked = Asked::parse(raw.as_deref(), Format::Html)?;
    asked.sort = Sort::Newest;
    let mut query = asked.query();
    query.per_page = FEED_ENTRIES;
    let results = if asked.q.is_empty() {
        SearchResults::default()
    } else {
        state.search(Format::Html, query).await?
    };
    let base = origin(&state, &headers).base;
    let entries: Vec<Entry> = results
        .ranked
        .iter()
        .map(|hit| feed_entry(hit, &base))
        .collect();
    let self_url = format!("{base}{}", asked.href("/search.atom", |_| {}));
    let site_url = format!("{base}{}", asked.href("/search", |_| {}));
    let updated = entries
        .first()
        .map_or("1970-01-01T00:00:00Z".to_owned(), |e| e.updated.clone());
    let title = format!("Moot search: {}", asked.q);
    let feed = Feed {
        id: &self_url,
        title: &title,
        updated: &updated,
        self_url: &self_url,
        site_url: &site_url,
    };
    Ok(with_type(
        "application/atom+xml; charset=utf-8",
        atom::write(&feed, &entries),
    ))
}

/// One hit as a feed entry, dated by its meeting (undated at the epoch).
fn feed_entry(hit: &Hit, base: &str) -> Entry {
    let record = &hit.record;
    let (url, _) = urls(record.target);
    let link = lines_url(record).unwrap_or(url);
    let lines = record
        .lines
        .map(|l| format!("-{}-{}", l.first, l.last))
        .unwrap_or_default();
    let updated = record.date.map_or("1970-01-01T00:00:00Z".to_owned(), |d| {
        format!("{d}T00:00:00Z")
    });
    Entry {
        id: format!(
            "{base}/search/{}/{}{lines}",
            record.kind.as_str(),
            record.id
        ),
        title: title(record),
        updated,
        link: format!("{base}{link}"),
        summary: hit.snippet.text.clone(),
    }
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
