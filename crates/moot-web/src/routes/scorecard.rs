//! `/bodies/{id}/scorecard` (the table members know: each indicator's
//! latest period, in natural order of codes, with the rating printed in
//! the pack or file marked "as printed", Moot's rating beside it where its
//! rule decides, and the Green, Amber and Red counts of the rows, each
//! saying how many are Moot's and how many as printed), the exception
//! reports `/bodies/{id}/exceptions` and `/scorecard/exceptions` (every
//! indicator whose latest value is Red by Moot's rule or printed Red, with
//! its commentary), their JSON twins and CSV downloads.
//!
//! The store hands over only public values
//! ([`Store::indicator_histories`]), so nothing here filters exempt
//! business; the helpers for one value (its period, target, origin, JSON
//! and CSV cells) are shared with the indicator page.

use super::{csv_bytes, csv_download, iso, source_json, source_link};
use crate::error::{Failure, Format, Id};
use crate::html::{data_table, page};
use crate::period::period_words;
use crate::rating::{assessed, badge, basis_word, check_word, data_word, icon, polarity_words};
use crate::AppState;
use axum::extract::State;
use axum::response::{Json, Response};
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};
use moot_domain::Rag;
use moot_store::{
    BodyId, BodySummary, IndicatorAssessment, IndicatorHistory, IndicatorInfo, IndicatorScope,
    RatingBasis, StoreError, StoredValue, ValueOrigin,
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
    let mut card = read(state, body, format).await?;
    card.indicators
        .sort_by(|a, b| a.info.scorecard_order(&b.info));
    Ok(card)
}

async fn read(
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

    /// The indicators whose latest value is Red by Moot's rule or printed
    /// Red ([`IndicatorAssessment::is_exception`]).
    fn reds(&self) -> impl Iterator<Item = (&IndicatorHistory, &IndicatorAssessment)> {
        self.latest().filter(|(h, _)| h.latest_is_exception())
    }

    /// How many of the [`reds`](Self::reds) are Red as printed where
    /// Moot's rule does not decide (the rest are Red by Moot's rule, or
    /// printed Red where its rule gives another rating).
    fn reds_as_printed(&self) -> usize {
        self.reds()
            .filter(|(_, l)| l.standing() == Some((Rag::Red, RatingBasis::AsPrinted)))
            .count()
    }

    /// How many latest values stand Green, Amber and Red (Moot's rating
    /// where its rule decides, else the printed one), and how many
    /// neither rates.
    fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for (_, latest) in self.latest() {
            match latest.standing() {
                Some((rag, basis)) => counts.add(rag, basis),
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

/// The ratings of a scorecard's rows: for Green, Amber and Red, how many
/// Moot's rule gives and how many stand as printed.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    by_rule: [u32; 3],
    as_printed: [u32; 3],
    unrated: u32,
}

/// Green, Amber, Red: the order counts are given in.
const RATINGS: [Rag; 3] = [Rag::Green, Rag::Amber, Rag::Red];

impl Counts {
    fn add(&mut self, rag: Rag, basis: RatingBasis) {
        let i = RATINGS.iter().position(|r| *r == rag).unwrap_or(0);
        match basis {
            RatingBasis::Rule => self.by_rule[i] += 1,
            RatingBasis::AsPrinted => self.as_printed[i] += 1,
        }
    }

    fn total(&self, i: usize) -> u32 {
        self.by_rule[i] + self.as_printed[i]
    }

    fn json(&self) -> Value {
        let mut counts = serde_json::Map::new();
        for (i, rag) in RATINGS.iter().enumerate() {
            counts.insert(data_word(*rag).to_owned(), json!(self.total(i)));
        }
        counts.insert("unrated".to_owned(), json!(self.unrated));
        let split = |of: &[u32; 3]| json!({ "green": of[0], "amber": of[1], "red": of[2] });
        counts.insert("by_rule".to_owned(), split(&self.by_rule));
        counts.insert("as_printed".to_owned(), split(&self.as_printed));
        Value::Object(counts)
    }
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

/// A value's period in words ("12 months to 31 October 2012"), with the
/// printed label beside it where the words say it differently.
pub(super) fn period_markup(value: &StoredValue) -> Markup {
    let words = period_words(value.period.as_deref(), value.period_end);
    html! {
        @match (words, value.period.as_deref().map(str::trim)) {
            (Some(words), Some(label)) if words != label => {
                (words) br; span class="meta" { "printed “" (label) "”" }
            },
            (Some(words), _) => (words),
            (None, _) => span class="meta" { "Not stated" },
        }
    }
}

/// A value's period in words for JSON and CSV.
pub(super) fn period_text(value: &StoredValue) -> Option<String> {
    period_words(value.period.as_deref(), value.period_end)
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
    let standing = a.standing();
    json!({
        "period": v.period,
        "period_words": period_text(v),
        "period_end": iso(v.period_end),
        "value": v.value,
        "numerator": v.numerator,
        "denominator": v.denominator,
        "target": target_words(history, v),
        "rating": a.computed.map(data_word),
        "printed_rating": v.printed.map(data_word),
        "check": check_word(a.check),
        "standing": standing.map(|(rag, basis)| json!({ "rating": data_word(rag), "basis": basis_word(basis) })),
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
    let total: u32 = (0..3).map(|i| counts.total(i)).sum::<u32>() + counts.unrated;
    html! {
        h2 { "Ratings" }
        p { "Counted from the " (total) " indicators below, each at its latest value: Moot's rating where its rule decides, else the rating printed in the pack or file." }
        ul class="counts" {
            @for (i, rag) in RATINGS.iter().enumerate() {
                li {
                    (icon(*rag)) " " (crate::rating::word(*rag)) ": " strong { (counts.total(i)) }
                    br; span class="meta" { (counts.by_rule[i]) " by Moot's rule, " (counts.as_printed[i]) " as printed" }
                }
            }
            li { "Not rated: " strong { (counts.unrated) } }
        }
    }
}

/// One indicator's latest value as a table row's cells, in
/// [`SCORECARD_COLUMNS`] order (`None` where there is nothing to say).
fn scorecard_cells(
    history: &IndicatorHistory,
    latest: &IndicatorAssessment,
) -> Vec<Option<Markup>> {
    let v = &latest.value;
    let text = |t: &Option<String>| {
        t.as_ref()
            .filter(|t| !t.trim().is_empty())
            .map(|t| html! { (t) })
    };
    vec![
        Some(html! { a href=(indicator_path(&history.info)) { (indicator_name(&history.info)) } }),
        history
            .info
            .polarity
            .map(|p| html! { (polarity_words(Some(p))) }),
        Some(period_markup(v)),
        text(&v.value),
        Some(assessed(latest)),
        text(&v.numerator),
        text(&v.denominator),
        target_words(history, v).map(|t| html! { (t) }),
        history.previous().and_then(|p| text(&p.value.value)),
        latest
            .direction
            .map(|_| html! { (direction_words(latest)) }),
        Some(origin_markup(&v.origin)),
    ]
}

const SCORECARD_COLUMNS: [&str; 11] = [
    "Indicator",
    "Polarity",
    "Period",
    "Result",
    "Rating",
    "Numerator",
    "Denominator",
    "Target",
    "Previous result",
    "Direction of travel",
    "Source",
];

async fn scorecard_page(State(state): State<AppState>, Id(id): Id) -> Result<Markup, Failure> {
    let card = load(&state, Some(BodyId(id)), Format::Html).await?;
    let name = card.whose();
    let rows: Vec<_> = card.latest().map(|(h, l)| scorecard_cells(h, l)).collect();
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
                p { "Each indicator's latest period. The rating printed in the pack or file is shown as printed. Moot also rates every value by the indicator's own rule in force for that period (its bands, or its target and minimum standard by polarity), and says so where the two differ or its rule does not decide. The direction of travel compares the latest result with the previous one." }
                (data_table("Scorecard", html! { "Scorecard of " (name) }, &SCORECARD_COLUMNS, &rows))
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
        "counts": counts.json(),
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
    let printed = card.reds_as_printed();
    let csv = format!("{}.csv", card.exceptions_path());
    let rows: Vec<Vec<Option<Markup>>> = reds
        .iter()
        .map(|(h, latest)| {
            let v = &latest.value;
            vec![
                Some(html! { a href=(indicator_path(&h.info)) { (indicator_name(&h.info)) } }),
                Some(period_markup(v)),
                v.value.as_ref().map(|t| html! { (t) }),
                target_words(h, v).map(|t| html! { (t) }),
                Some(assessed(latest)),
                Some(html! { @if let Some(c) = &v.commentary { (c) } @else { span class="meta" { "No commentary" } } }),
                Some(origin_markup(&v.origin)),
            ]
        })
        .collect();
    html! {
        h1 { "Exception report" }
        p class="meta" {
            @if let Some(b) = &card.body { a href={ "/bodies/" (b.id.0) "/scorecard" } { "Scorecard of " (b.name) } }
            @else { "Every committee and board" }
        }
        p { "Every indicator whose latest value is " (badge(Some(Rag::Red))) " by Moot's rule or as printed in its pack or file, with the officer's commentary. Where the two ratings differ, both are shown." }
        @if reds.is_empty() {
            p { "No indicator's latest value is rated Red." }
        } @else {
            p { (reds.len()) " indicators: " (printed) " Red as printed where Moot's rule does not decide, " (reds.len() - printed) " Red by Moot's rule or printed Red where the rule differs." }
            p { a href=(csv) download { "Download the exception report as CSV" } }
            (data_table("Exception report", html! { (reds.len()) " indicators rated Red for " (card.whose()) }, &["Indicator", "Period", "Result", "Target", "Rating", "Commentary", "Source"], &rows))
        }
    }
}

fn exceptions_json(card: &Scorecard) -> Value {
    let rows: Vec<Value> = card
        .reds()
        .map(|(h, latest)| json!({ "indicator": indicator_json(&h.info), "latest": value_json(h, latest) }))
        .collect();
    let as_printed = card.reds_as_printed();
    json!({
        "body": body_ref(card),
        "counts": { "red": rows.len(), "as_printed": as_printed, "by_rule_or_disputed": rows.len() - as_printed },
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
