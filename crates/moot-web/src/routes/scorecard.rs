//! `/bodies/{id}/scorecard` (the table members know: each indicator's
//! latest period with Moot's rating, the printed one where they differ,
//! and the Green, Amber and Red counts of the rows), the exception
//! reports `/bodies/{id}/exceptions` and `/scorecard/exceptions` (every
//! indicator whose latest value is Red by Moot's rule, with its
//! commentary), their JSON twins and CSV downloads.
//!
//! The store hands over only public values
//! ([`Store::indicator_histories`]), so nothing here filters exempt
//! business; the helpers for one value (its period, target, origin, JSON
//! and CSV cells) are shared with the indicator page.

use super::{csv_bytes, csv_download, iso, source_json, source_link};
use crate::error::{Failure, Format, Id};
use crate::html::{column_headers, date_markup, page, scroll_table};
use crate::rating::{assessed, badge, check_word, data_word, icon, polarity_words};
use crate::AppState;
use axum::extract::State;
use axum::response::{Json, Response};
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};
use moot_domain::Rag;
use moot_store::{
    BodyId, BodySummary, IndicatorAssessment, IndicatorHistory, IndicatorInfo, IndicatorScope,
    StoreError, StoredValue, ValueOrigin,
};
use serde_json::{json, Value};

/// The scorecard and exception pages, their twins and downloads.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/bodies/{id}/scorecard", get(scorecard_page))
        .route("/api/bodies/{id}/scorecard", get(scorecard_api))
        .route("/bodies/{id}/scorecard.csv", get(scorecard_csv))
        .route("/bodies/{id}/exceptions", get(body_exceptions_page))
        .route("/api/bodies/{id}/exceptions", get(body_exceptions_api))
        .route("/bodies/{id}/exceptions.csv", get(body_exceptions_csv))
        .route("/scorecard/exceptions", get(all_exceptions_page))
        .route("/api/scorecard/exceptions", get(all_exceptions_api))
        .route("/scorecard/exceptions.csv", get(all_exceptions_csv))
}

/// A body's indicators, or every indicator when `body` is `None`.
struct Scorecard {
    body: Option<BodySummary>,
    indicators: Vec<IndicatorHistory>,
}

async fn load(
    state: &AppState,
    body: Option<BodyId>,
    format: Format,
) -> Result<Scorecard, Failure> {
    state
        .read(format, move |s| {
            let Some(id) = body else {
                return Ok(Scorecard {
                    body: None,
                    indicators: s.indicator_histories(IndicatorScope::All)?,
                });
            };
            let body =
                s.bodies()?
                    .into_iter()
                    .find(|b| b.id == id)
                    .ok_or(StoreError::NotFound {
                        what: "body",
                        id: id.0,
                    })?;
            Ok(Scorecard {
                body: Some(body),
                indicators: s.indicator_histories(IndicatorScope::Body(id))?,
            })
        })
        .await
}

impl Scorecard {
    /// Each indicator with its latest value.
    fn latest(&self) -> impl Iterator<Item = (&IndicatorHistory, &IndicatorAssessment)> {
        self.indicators
            .iter()
            .filter_map(|h| h.latest().map(|latest| (h, latest)))
    }

    /// The indicators whose latest value is Red by Moot's rule.
    fn reds(&self) -> impl Iterator<Item = (&IndicatorHistory, &IndicatorAssessment)> {
        self.latest().filter(|(h, _)| h.latest_is_red())
    }

    /// How many latest values Moot rates Green, Amber and Red, and how many
    /// it cannot rate.
    fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for (_, latest) in self.latest() {
            match latest.computed {
                Some(Rag::Green) => counts.green += 1,
                Some(Rag::Amber) => counts.amber += 1,
                Some(Rag::Red) => counts.red += 1,
                None => counts.unrated += 1,
            }
        }
        counts
    }

    /// "Ashworth Board" or "every committee and board".
    fn whose(&self) -> String {
        self.body.as_ref().map_or_else(
            || "every committee and board".to_owned(),
            |b| b.name.clone(),
        )
    }

    fn exceptions_path(&self) -> String {
        match &self.body {
            Some(b) => format!("/bodies/{}/exceptions", b.id.0),
            None => "/scorecard/exceptions".to_owned(),
        }
    }
}

/// The ratings of a scorecard's rows.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    green: u32,
    amber: u32,
    red: u32,
    unrated: u32,
}

/// The address of an indicator's page.
pub(super) fn indicator_path(info: &IndicatorInfo) -> String {
    format!("/indicators/{}", info.id.0)
}

/// An indicator's name for lists: "CP1 Children seen within 10 days".
pub(super) fn indicator_name(info: &IndicatorInfo) -> String {
    match &info.code {
        Some(code) => format!("{code} {}", info.name),
        None => info.name.clone(),
    }
}

/// An indicator for JSON: id, code, name and addresses.
pub(super) fn indicator_json(info: &IndicatorInfo) -> Value {
    json!({
        "id": info.id.0,
        "code": info.code,
        "name": info.name,
        "polarity": info.polarity.map(|p| p.letter()),
        "url": indicator_path(info),
        "api": format!("/api{}", indicator_path(info)),
    })
}

/// A value's period: the printed label and the period's last day.
pub(super) fn period_markup(value: &StoredValue) -> Markup {
    html! {
        @match (&value.period, value.period_end) {
            (Some(label), Some(end)) => { (label) br; span class="meta" { "to " (date_markup(end)) } },
            (Some(label), None) => (label),
            (None, Some(end)) => (date_markup(end)),
            (None, None) => span class="meta" { "Not stated" },
        }
    }
}

/// The target in force for a value in words: its bands, or its target
/// with the minimum standard, or the target printed on its row.
pub(super) fn target_words(history: &IndicatorHistory, value: &StoredValue) -> Option<String> {
    match history.threshold_for(value) {
        Some(entry) => {
            let t = &entry.threshold;
            match (&t.bands, &t.target, &t.minimum) {
                (Some(bands), _, _) => Some(bands.clone()),
                (None, Some(target), Some(minimum)) => {
                    Some(format!("{target} (minimum {minimum})"))
                }
                (None, target, _) => target.clone(),
            }
        }
        None => value.row_target.clone(),
    }
}

/// Where a value or threshold was read: a link to the pack's lines, or
/// the CSV file and line.
pub(super) fn origin_markup(origin: &ValueOrigin) -> Markup {
    html! {
        @match origin {
            ValueOrigin::Pack { source, file_name } => { (file_name) ", " (source_link(source)) },
            ValueOrigin::Csv { file_name, line, .. } => { (file_name) ", line " (line) },
        }
    }
}

/// Where a value or threshold was read, for JSON.
pub(super) fn origin_json(origin: &ValueOrigin) -> Value {
    match origin {
        ValueOrigin::Pack { source, file_name } => {
            json!({ "kind": "pack", "file": file_name, "line": Value::Null, "source": source_json(source) })
        }
        ValueOrigin::Csv {
            file_name, line, ..
        } => json!({ "kind": "csv", "file": file_name, "line": line, "source": Value::Null }),
    }
}

/// One assessed value for JSON: as printed, Moot's rating beside the
/// printed one, the target in force and where it was read.
pub(super) fn value_json(history: &IndicatorHistory, a: &IndicatorAssessment) -> Value {
    let v = &a.value;
    json!({
        "period": v.period,
        "period_end": iso(v.period_end),
        "value": v.value,
        "numerator": v.numerator,
        "denominator": v.denominator,
        "target": target_words(history, v),
        "rating": a.computed.map(data_word),
        "printed_rating": v.printed.map(data_word),
        "check": check_word(a.check),
        "direction": a.direction.map(|d| d.as_str()),
        "commentary": v.commentary,
        "origin": origin_json(&v.origin),
    })
}

/// The CSV columns of one value, after the indicator's.
pub(super) const VALUE_COLUMNS: [&str; 13] = [
    "period",
    "period_end",
    "value",
    "numerator",
    "denominator",
    "target",
    "rating",
    "printed_rating",
    "check",
    "direction",
    "commentary",
    "source_file",
    "source_lines",
];

/// One value's CSV cells, in [`VALUE_COLUMNS`] order.
pub(super) fn value_cells(history: &IndicatorHistory, a: &IndicatorAssessment) -> [String; 13] {
    let v = &a.value;
    let text = |t: &Option<String>| t.clone().unwrap_or_default();
    let (file, lines) = match &v.origin {
        ValueOrigin::Pack { source, file_name } => (
            file_name.clone(),
            format!("{}-{}", source.lines.first, source.lines.last),
        ),
        ValueOrigin::Csv {
            file_name, line, ..
        } => (file_name.clone(), line.to_string()),
    };
    [
        text(&v.period),
        v.period_end.map(|d| d.to_string()).unwrap_or_default(),
        text(&v.value),
        text(&v.numerator),
        text(&v.denominator),
        target_words(history, v).unwrap_or_default(),
        a.computed.map(data_word).unwrap_or_default().to_owned(),
        v.printed.map(data_word).unwrap_or_default().to_owned(),
        check_word(a.check).to_owned(),
        a.direction
            .map(|d| d.as_str())
            .unwrap_or_default()
            .to_owned(),
        text(&v.commentary),
        file,
        lines,
    ]
}

/// A direction of travel in words.
pub(super) fn direction_words(a: &IndicatorAssessment) -> &'static str {
    match a.direction {
        Some(moot_scorecard::Direction::Improved) => "Improved",
        Some(moot_scorecard::Direction::Worsened) => "Worsened",
        Some(moot_scorecard::Direction::Unchanged) => "Unchanged",
        None => "Not judged",
    }
}

fn counts_markup(counts: Counts) -> Markup {
    let total = counts.green + counts.amber + counts.red + counts.unrated;
    html! {
        h2 { "Ratings" }
        p { "Counted from the " (total) " rows below, as Moot rates each indicator's latest value:" }
        ul class="counts" {
            li { (icon(Rag::Green)) " Green: " strong { (counts.green) } }
            li { (icon(Rag::Amber)) " Amber: " strong { (counts.amber) } }
            li { (icon(Rag::Red)) " Red: " strong { (counts.red) } }
            li { "Not rated: " strong { (counts.unrated) } }
        }
    }
}

fn scorecard_row(history: &IndicatorHistory, latest: &IndicatorAssessment) -> Markup {
    let v = &latest.value;
    let cell = |t: &Option<String>| t.clone().unwrap_or_default();
    html! {
        tr {
            th scope="row" { a href=(indicator_path(&history.info)) { (indicator_name(&history.info)) } }
            td { (polarity_words(history.info.polarity)) }
            td { (period_markup(v)) }
            td { (cell(&v.value)) }
            td { (assessed(latest)) }
            td { (cell(&v.numerator)) }
            td { (cell(&v.denominator)) }
            td { (target_words(history, v).unwrap_or_default()) }
            td { @if let Some(p) = history.previous() { (cell(&p.value.value)) } }
            td { (direction_words(latest)) }
            td { (origin_markup(&v.origin)) }
        }
    }
}

async fn scorecard_page(State(state): State<AppState>, Id(id): Id) -> Result<Markup, Failure> {
    let card = load(&state, Some(BodyId(id)), Format::Html).await?;
    let name = card.whose();
    Ok(page(
        &format!("Scorecard: {name}"),
        html! {
            h1 { "Performance scorecard" }
            p class="meta" { a href={ "/bodies/" (id) } { (name) } }
            @if card.indicators.is_empty() {
                p { "No indicator values are stored for this body." }
            } @else {
                (counts_markup(card.counts()))
                p {
                    a href=(card.exceptions_path()) { "Exception report: every indicator rated Red" }
                    " · "
                    a href={ "/bodies/" (id) "/scorecard.csv" } download { "Download the scorecard as CSV" }
                }
                p { "Each indicator's latest period. Moot rates every value by the indicator's own rule in force for that period (its bands, or its target and minimum standard by polarity); where the rating printed in the pack or file differs, both are shown. The direction of travel compares the latest result with the previous one." }
                (scroll_table("Scorecard", html! { table {
                    caption { "Scorecard of " (name) }
                    (column_headers(&["Indicator", "Polarity", "Period", "Result", "Rating", "Numerator", "Denominator", "Target", "Previous result", "Direction of travel", "Source"]))
                    tbody { @for (h, latest) in card.latest() { (scorecard_row(h, latest)) } }
                } }))
            }
        },
    ))
}

async fn scorecard_api(State(state): State<AppState>, Id(id): Id) -> Result<Json<Value>, Failure> {
    let card = load(&state, Some(BodyId(id)), Format::Json).await?;
    let counts = card.counts();
    let rows: Vec<Value> = card
        .latest()
        .map(|(h, latest)| {
            json!({
                "indicator": indicator_json(&h.info),
                "latest": value_json(h, latest),
                "previous": h.previous().map(|p| value_json(h, p)),
            })
        })
        .collect();
    Ok(Json(json!({
        "body": body_ref(&card),
        "counts": { "green": counts.green, "amber": counts.amber, "red": counts.red, "unrated": counts.unrated },
        "rows": rows,
        "exceptions": card.exceptions_path(),
        "csv": format!("/bodies/{id}/scorecard.csv"),
    })))
}

fn body_ref(card: &Scorecard) -> Value {
    card.body
        .as_ref()
        .map_or(Value::Null, |b| json!({ "id": b.id.0, "name": b.name }))
}

/// The scorecard CSV: the indicator's columns, then its latest value's.
async fn scorecard_csv(State(state): State<AppState>, Id(id): Id) -> Result<Response, Failure> {
    let card = load(&state, Some(BodyId(id)), Format::Html).await?;
    let rows = card
        .latest()
        .map(|(h, latest)| indicator_row(h, latest))
        .collect();
    csv_response(&format!("scorecard-body-{id}.csv"), rows)
}

/// The indicator's code, name and polarity before a value's cells.
pub(super) fn indicator_row(h: &IndicatorHistory, a: &IndicatorAssessment) -> [String; 17] {
    let mut row: [String; 17] = Default::default();
    row[0] = h.info.id.0.to_string();
    row[1] = h.info.code.clone().unwrap_or_default();
    row[2] = h.info.name.clone();
    row[3] = h
        .info
        .polarity
        .map(|p| p.letter())
        .unwrap_or_default()
        .to_owned();
    row[4..].clone_from_slice(&value_cells(h, a));
    row
}

/// A CSV download of rows: indicator columns then [`VALUE_COLUMNS`].
pub(super) fn csv_response(file_name: &str, rows: Vec<[String; 17]>) -> Result<Response, Failure> {
    let mut header = [""; 17];
    header[..4].copy_from_slice(&["indicator_id", "code", "name", "polarity"]);
    header[4..].copy_from_slice(&VALUE_COLUMNS);
    let bytes = csv_bytes(header, rows).map_err(|e| Failure::internal(Format::Html, &e))?;
    Ok(csv_download(file_name, bytes))
}

fn exceptions_markup(card: &Scorecard) -> Markup {
    let reds: Vec<_> = card.reds().collect();
    let csv = format!("{}.csv", card.exceptions_path());
    html! {
        h1 { "Exception report" }
        p class="meta" {
            @if let Some(b) = &card.body { a href={ "/bodies/" (b.id.0) "/scorecard" } { "Scorecard of " (b.name) } }
            @else { "Every committee and board" }
        }
        p { "Every indicator whose latest value is " (badge(Some(Rag::Red))) " by Moot's rule, with the officer's commentary. Where the printed rating differs, it is shown beside Moot's." }
        @if reds.is_empty() {
            p { "No indicator's latest value is rated Red." }
        } @else {
            p { a href=(csv) download { "Download the exception report as CSV" } }
            (scroll_table("Exception report", html! { table {
                caption { (reds.len()) " indicators rated Red for " (card.whose()) }
                (column_headers(&["Indicator", "Period", "Result", "Target", "Rating", "Commentary", "Source"]))
                tbody {
                    @for (h, latest) in &reds {
                        tr {
                            th scope="row" { a href=(indicator_path(&h.info)) { (indicator_name(&h.info)) } }
                            td { (period_markup(&latest.value)) }
                            td { (latest.value.value.clone().unwrap_or_default()) }
                            td { (target_words(h, &latest.value).unwrap_or_default()) }
                            td { (assessed(latest)) }
                            td { @if let Some(c) = &latest.value.commentary { (c) } @else { span class="meta" { "No commentary" } } }
                            td { (origin_markup(&latest.value.origin)) }
                        }
                    }
                }
            } }))
        }
    }
}

fn exceptions_json(card: &Scorecard) -> Value {
    let rows: Vec<Value> = card
        .reds()
        .map(|(h, latest)| json!({ "indicator": indicator_json(&h.info), "latest": value_json(h, latest) }))
        .collect();
    json!({
        "body": body_ref(card),
        "rows": rows,
        "csv": format!("{}.csv", card.exceptions_path()),
    })
}

fn exceptions_csv(card: &Scorecard) -> Result<Response, Failure> {
    let rows = card
        .reds()
        .map(|(h, latest)| indicator_row(h, latest))
        .collect();
    let name = match &card.body {
        Some(b) => format!("exceptions-body-{}.csv", b.id.0),
        None => "exceptions.csv".to_owned(),
    };
    csv_response(&name, rows)
}

async fn body_exceptions_page(
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<Markup, Failure> {
    let card = load(&state, Some(BodyId(id)), Format::Html).await?;
    Ok(page(
        &format!("Exception report: {}", card.whose()),
        exceptions_markup(&card),
    ))
}

async fn body_exceptions_api(
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<Json<Value>, Failure> {
    let card = load(&state, Some(BodyId(id)), Format::Json).await?;
    Ok(Json(exceptions_json(&card)))
}

async fn body_exceptions_csv(
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<Response, Failure> {
    exceptions_csv(&load(&state, Some(BodyId(id)), Format::Html).await?)
}

async fn all_exceptions_page(State(state): State<AppState>) -> Result<Markup, Failure> {
    let card = load(&state, None, Format::Html).await?;
    Ok(page("Exception report", exceptions_markup(&card)))
}

async fn all_exceptions_api(State(state): State<AppState>) -> Result<Json<Value>, Failure> {
    Ok(Json(exceptions_json(
        &load(&state, None, Format::Json).await?,
    )))
}

async fn all_exceptions_csv(State(state): State<AppState>) -> Result<Response, Failure> {
    exceptions_csv(&load(&state, None, Format::Html).await?)
}
