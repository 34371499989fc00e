//! `/indicators/{id}`: one indicator's metadata in words, its trend as an
//! inline SVG chart (points marked by rating with a shape, the target and
//! minimum standard as lines) with every value in a table below it as the
//! chart's text alternative, and its thresholds over time. Also as JSON
//! and as `/indicators/{id}.csv` (one address segment, so the handler
//! tells the page from the download by the `.csv` ending).

use super::iso;
use super::scorecard::{
    csv_response, direction_words, indicator_json, indicator_name, indicator_row, origin_json,
    origin_markup, period_markup, target_words, value_json,
};
use crate::chart::{trend, Point};
use crate::error::{bad_id, parse_id, Failure, Format};
use crate::html::{column_headers, data_table, date_markup, page, scroll_table};
use crate::rating::{assessed, icon, polarity_words};
use crate::AppState;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};
use moot_domain::Rag;
use moot_scorecard::Figure;
use moot_store::{IndicatorHistory, IndicatorId, IndicatorScope};
use serde_json::{json, Value};

/// `/indicators/{id}`, `/indicators/{id}.csv` and `/api/indicators/{id}`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/indicators/{id}", get(page_or_csv))
        .route("/api/indicators/{id}", get(indicator_api))
}

async fn load(state: &AppState, id: i64, format: Format) -> Result<IndicatorHistory, Failure> {
    let scope = IndicatorScope::One(IndicatorId(id));
    let mut found = state
        .read(format, move |s| s.indicator_histories(scope))
        .await?;
    found.pop().ok_or_else(|| Failure::not_found(format))
}

async fn page_or_csv(
    State(state): State<AppState>,
    segment: Result<Path<String>, PathRejection>,
) -> Result<Response, Failure> {
    let Ok(Path(segment)) = segment else {
        return Err(bad_id(Format::Html));
    };
    match segment.strip_suffix(".csv") {
        Some(id) => {
            let history = load(&state, parse_id(id, Format::Html)?, Format::Html).await?;
            let rows = history
                .values
                .iter()
                .map(|a| indicator_row(&history, a))
                .collect();
            csv_response(&format!("indicator-{}.csv", history.info.id.0), rows)
        }
        None => {
            let history = load(&state, parse_id(&segment, Format::Html)?, Format::Html).await?;
            Ok(indicator_page(&history)?.into_response())
        }
    }
}

/// The dated values with a figure, as chart points.
fn points(history: &IndicatorHistory) -> Vec<Point> {
    let figure = |t: Option<&str>| t.and_then(Figure::parse).map(|f| f.value);
    history
        .values
        .iter()
        .filter_map(|a| {
            let v = &a.value;
            let threshold = history.threshold_for(v).map(|t| &t.threshold);
            let (target, minimum) = match threshold {
                Some(t) => (figure(t.target.as_deref()), figure(t.minimum.as_deref())),
                None => (figure(v.row_target.as_deref()), None),
            };
            Some(Point {
                end: v.period_end?,
                value: figure(v.value.as_deref())?,
                rating: a.computed,
                target,
                minimum,
            })
        })
        .collect()
}

fn metadata(history: &IndicatorHistory) -> Markup {
    let info = &history.info;
    let or_not_stated = |t: &Option<String>| t.clone().unwrap_or_else(|| "Not stated".to_owned());
    html! {
        dl class="summary" {
            dt { "Code" } dd { (or_not_stated(&info.code)) }
            dt { "Polarity" } dd { (polarity_words(info.polarity)) }
            dt { "Period" } dd { (or_not_stated(&info.period_kind)) }
            dt { "Unit" } dd { (or_not_stated(&info.unit)) }
            dt { "Data source" } dd { (or_not_stated(&info.data_source)) }
            dt { "Owner" } dd { (or_not_stated(&info.owner)) }
            dt { "Reviewed by" }
            dd {
                @if info.reviewers.is_empty() { "Not stated" }
                @for (i, (id, name)) in info.reviewers.iter().enumerate() {
                    @if i > 0 { ", " }
                    a href={ "/bodies/" (id.0) "/scorecard" } { (name) }
                }
            }
        }
    }
}

fn trend_markup(history: &IndicatorHistory) -> Result<Markup, Failure> {
    let points = points(history);
    if points.is_empty() {
        return Ok(html! { p { "No dated results to chart." } });
    }
    let title = format!("Trend of {}", indicator_name(&history.info));
    let chart = trend("trend", &title, &points).map_err(|e| Failure::internal(Format::Html, &e))?;
    Ok(html! {
        figure class="trend" {
            (chart)
            figcaption {
                "The result in blue; the target as a solid line and the minimum standard dashed. Points are marked by Moot's rating: "
                (icon(Rag::Green)) " Green (circle), " (icon(Rag::Amber)) " Amber (triangle), "
                (icon(Rag::Red)) " Red (cross), and a hollow square where the rule does not decide. Every value is in the table below."
            }
        }
    })
}

fn values_markup(history: &IndicatorHistory) -> Markup {
    let text = |t: &Option<String>| {
        t.as_ref()
            .filter(|t| !t.trim().is_empty())
            .map(|t| html! { (t) })
    };
    let rows: Vec<Vec<Option<Markup>>> = history
        .values
        .iter()
        .map(|a| {
            vec![
                Some(period_markup(&a.value)),
                text(&a.value.value),
                text(&a.value.numerator),
                text(&a.value.denominator),
                target_words(history, &a.value).map(|t| html! { (t) }),
                Some(assessed(a)),
                a.direction.map(|_| html! { (direction_words(a)) }),
                text(&a.value.commentary),
                Some(origin_markup(&a.value.origin)),
            ]
        })
        .collect();
    html! {
        h2 { "Values" }
        (data_table(
            "Values",
            html! { "Every value of " (history.info.name) ", oldest first" },
            &["Period", "Result", "Numerator", "Denominator", "Target", "Rating", "Direction of travel", "Commentary", "Source"],
            &rows,
        ))
    }
}

fn thresholds_markup(history: &IndicatorHistory) -> Markup {
    let cell = |t: &Option<String>| t.clone().unwrap_or_default();
    html! {
        h2 { "Thresholds over time" }
        @if history.thresholds.is_empty() {
            p { "No thresholds are stored; values are rated by the target printed beside them, where there is one." }
        } @else {
            (scroll_table("Thresholds", html! { table {
                caption { "Each threshold holds from its date until the next" }
                (column_headers(&["From", "Target", "Minimum standard", "Bands", "Source"]))
                tbody {
                    @for t in &history.thresholds {
                        tr {
                            th scope="row" { (date_markup(t.threshold.effective_from)) }
                            td { (cell(&t.threshold.target)) }
                            td { (cell(&t.threshold.minimum)) }
                            td { (cell(&t.threshold.bands)) }
                            td { (origin_markup(&t.origin)) }
                        }
                    }
                }
            } }))
        }
    }
}

fn indicator_page(history: &IndicatorHistory) -> Result<Markup, Failure> {
    let name = indicator_name(&history.info);
    Ok(page(
        &name,
        html! {
            h1 { (name) }
            (metadata(history))
            p { a href={ "/indicators/" (history.info.id.0) ".csv" } download { "Download every value as CSV" } }
            h2 { "Trend" }
            (trend_markup(history)?)
            (values_markup(history))
            (thresholds_markup(history))
        },
    ))
}

async fn indicator_api(
    State(state): State<AppState>,
    segment: Result<Path<String>, PathRejection>,
) -> Result<Json<Value>, Failure> {
    let Ok(Path(segment)) = segment else {
        return Err(bad_id(Format::Json));
    };
    let history = load(&state, parse_id(&segment, Format::Json)?, Format::Json).await?;
    let info = &history.info;
    let reviewers: Vec<Value> = info
        .reviewers
        .iter()
        .map(|(id, name)| json!({ "id": id.0, "name": name, "scorecard": format!("/bodies/{}/scorecard", id.0) }))
        .collect();
    let thresholds: Vec<Value> = history
        .thresholds
        .iter()
        .map(|t| {
            json!({
                "effective_from": t.threshold.effective_from.to_string(),
                "target": t.threshold.target,
                "minimum": t.threshold.minimum,
                "bands": t.threshold.bands,
                "origin": origin_json(&t.origin),
            })
        })
        .collect();
    let values: Vec<Value> = history
        .values
        .iter()
        .map(|a| value_json(&history, a))
        .collect();
    Ok(Json(json!({
        "indicator": indicator_json(info),
        "period_kind": info.period_kind,
        "unit": info.unit,
        "data_source": info.data_source,
        "owner": info.owner,
        "reviewers": reviewers,
        "thresholds": thresholds,
        "values": values,
        "latest_period_end": iso(history.latest().and_then(|a| a.value.period_end)),
        "csv": format!("/indicators/{}.csv", info.id.0),
    })))
}
