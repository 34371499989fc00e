//! The home page: a search box, this week's meetings (Monday to Sunday of
//! the week holding today in the United Kingdom, by the site's `Clock`),
//! the meetings after it, the latest minutes, the latest decisions and
//! the meetings held most recently (with or without minutes);
//! each list grouped by council where the site holds several.
//!
//! A decision carried only by exempt business is left out, and a report's
//! subject shows only when the report is public, as in the register.

use crate::error::{Failure, Format};
use crate::html::{meeting_link, page, site_name, uk_date};
use crate::AppState;
use axum::extract::State;
use axum::response::Json;
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};
use moot_domain::Date;
use moot_store::{BodyId, DecisionEntry, MeetingSummary, ProgrammedMeeting};
use serde_json::{json, Value};
use std::collections::HashMap;

/// How many meetings, minutes and decisions each list holds at most.
const LISTED: u32 = 20;

/// How many meetings of a week are read (a week rarely holds more).
const WEEK_MOST: u32 = 200;

/// `/` and `/api/`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home_page))
        .route("/api", get(home_api))
        .route("/api/", get(home_api))
}

/// What the home page lists.
struct Home {
    /// Monday and Sunday of the week holding today (none without a clock).
    week: Option<(Date, Date)>,
    this_week: Vec<MeetingSummary>,
    /// From today on (this week's later meetings too).
    upcoming: Vec<MeetingSummary>,
    /// The clerk's meetings from Monday on whose agenda is not published.
    programme: Vec<ProgrammedMeeting>,
    /// The latest held before today.
    recent: Vec<MeetingSummary>,
    /// The latest held before today with minutes stored.
    minutes: Vec<MeetingSummary>,
    decisions: Vec<DecisionEntry>,
    /// Each body's council.
    councils: HashMap<BodyId, String>,
    /// How many councils the site holds.
    council_count: usize,
}

/// Monday and Sunday of the week holding `day`.
fn week_of(day: Date) -> Option<(Date, Date)> {
    let days = day.days_since_epoch();
    // Day 0, 1 January 1900, was a Monday.
    let monday = days - days.rem_euclid(7);
    Some((
        Date::from_days_since_epoch(monday)?,
        Date::from_days_since_epoch(monday + 6)?,
    ))
}

async fn load(state: &AppState, format: Format) -> Result<Home, Failure> {
    let today = state.today();
    state
        .read(format, move |store| {
            let week = today.and_then(week_of);
            let this_week = match week {
                Some((monday, sunday)) => store
                    .upcoming_meetings(monday, WEEK_MOST)?
                    .into_iter()
                    .filter(|m| m.date.is_some_and(|d| d <= sunday))
                    .collect(),
                None => Vec::new(),
            };
            let upcoming = match today {
                Some(day) => store.upcoming_meetings(day, LISTED)?,
                None => Vec::new(),
            };
            let programme = match week {
                Some((monday, _)) => store.programme(monday, LISTED)?,
                None => Vec::new(),
            };
            let held = store.recent_meetings(today, LISTED * 5)?;
            let minutes = held
                .iter()
                .filter(|m| m.status == "minuted")
                .take(LISTED as usize)
                .cloned()
                .collect();
            let recent = held.into_iter().take(LISTED as usize).collect();
            let decisions = store
                .decisions(None)?
                .into_iter()
                .filter(|d| !d.exempt)
                .take(LISTED as usize)
                .collect();
            let bodies = store.bodies()?;
            let mut names: Vec<&str> = bodies
                .iter()
                .filter_map(|b| b.organisation.as_deref())
                .collect();
            names.sort_unstable();
            names.dedup();
            let council_count = names.len();
            let councils = bodies
                .iter()
                .filter_map(|b| Some((b.id, b.organisation.clone()?)))
                .collect();
            Ok(Home {
                week,
                this_week,
                upcoming,
                programme,
                recent,
                minutes,
                decisions,
                councils,
                council_count,
            })
        })
        .await
}

/// A line of a meeting list: a meeting the site holds, or one of the
/// clerk's programme whose agenda is not published yet.
enum Listed<'a> {
    Meeting(&'a MeetingSummary),
    Programmed(&'a ProgrammedMeeting),
}

impl Listed<'_> {
    fn date(&self) -> Option<Date> {
        match self {
            Listed::Meeting(m) => m.date,
            Listed::Programmed(p) => Some(p.date),
        }
    }

    fn body(&self) -> Option<BodyId> {
        match self {
            Listed::Meeting(m) => m.body.as_ref().map(|(id, _)| *id),
            Listed::Programmed(p) => Some(p.body.0),
        }
    }
}

impl Home {
    /// This week's meetings with the programme's, by day.
    fn this_week_listed(&self) -> Vec<Listed<'_>> {
        let sunday = self.week.map(|(_, sunday)| sunday);
        let programmed = self
            .programme
            .iter()
            .filter(|p| sunday.is_some_and(|s| p.date <= s));
        merged(self.this_week.iter(), programmed)
    }

    /// The later meetings with the programme's, by day.
    fn upcoming_listed(&self) -> Vec<Listed<'_>> {
        let sunday = self.week.map(|(_, sunday)| sunday);
        let meetings = self
            .upcoming
            .iter()
            .filter(|m| !self.this_week.iter().any(|w| w.id == m.id));
        let programmed = self
            .programme
            .iter()
            .filter(|p| sunday.is_none_or(|s| p.date > s));
        merged(meetings, programmed)
    }

    /// A body's council, where known.
    fn council_of_body(&self, body: Option<BodyId>) -> Option<&str> {
        self.councils.get(&body?).map(String::as_str)
    }

    /// A meeting's council, where known.
    fn council_of(&self, meeting: &MeetingSummary) -> Option<&str> {
        self.council_of_body(meeting.body.as_ref().map(|(id, _)| *id))
    }

    /// `items` in groups by council (one unnamed group when the site holds
    /// one council), councils in the order first met.
    fn by_council<'a, T>(
        &self,
        items: &'a [T],
        council: impl Fn(&T) -> Option<String>,
    ) -> Vec<(Option<String>, Vec<&'a T>)> {
        let mut groups: Vec<(Option<String>, Vec<&T>)> = Vec::new();
        for item in items {
            let key = if self.council_count > 1 {
                council(item)
            } else {
                None
            };
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, group)) => group.push(item),
                None => groups.push((key, vec![item])),
            }
        }
        groups
    }

    fn meetings_markup(&self, meetings: &[Listed<'_>], none: &str) -> Markup {
        let groups = self.by_council(meetings, |m| {
            self.council_of_body(m.body()).map(str::to_owned)
        });
        html! {
            @if meetings.is_empty() {
                p { (none) }
            }
            @for (council, group) in &groups {
                @if let Some(council) = council { h3 { (council) } }
                ul {
                    @for listed in group {
                        li {
                            @match listed {
                                Listed::Meeting(m) => {
                                    (meeting_link(m))
                                    @if let Some(t) = m.time { ", " (t.in_words()) }
                                },
                                Listed::Programmed(p) => {
                                    a href={ "/bodies/" (p.body.0.0) } { (p.body.1) } ", " (uk_date(p.date))
                                    @if let Some(t) = p.time { ", " (t.in_words()) }
                                    ", " (p.venue)
                                    br; span class="meta" { "Agenda not published yet" }
                                },
                            }
                        }
                    }
                }
            }
        }
    }

    fn minutes_listed(&self) -> Vec<Listed<'_>> {
        self.minutes.iter().map(Listed::Meeting).collect()
    }

    fn recent_listed(&self) -> Vec<Listed<'_>> {
        self.recent.iter().map(Listed::Meeting).collect()
    }

    fn decisions_markup(&self) -> Markup {
        let groups = self.by_council(&self.decisions, |d| d.organisation.clone());
        html! {
            @if self.decisions.is_empty() {
                p { "No decisions have been published yet." }
            }
            @for (council, group) in &groups {
                @if let Some(council) = council { h3 { (council) } }
                ul {
                    @for d in group {
                        li {
                            a href={ "/decisions#decision-" (d.number) } { "Decision " (d.number) }
                            @if let Some(subject) = d.report.as_ref().and_then(|r| r.public_subject()) { ": " (subject) }
                            @if let Some(m) = &d.meeting { br; span class="meta" { (meeting_link(m)) } }
                        }
                    }
                }
            }
        }
    }
}

/// Meetings and programmed meetings in one list by day (undated last).
fn merged<'a>(
    meetings: impl Iterator<Item = &'a MeetingSummary>,
    programmed: impl Iterator<Item = &'a ProgrammedMeeting>,
) -> Vec<Listed<'a>> {
    let mut listed: Vec<Listed<'a>> = meetings
        .map(Listed::Meeting)
        .chain(programmed.map(Listed::Programmed))
        .collect();
    listed.sort_by_key(|l| (l.date().is_none(), l.date()));
    listed
}

/// The search box: the query goes to `/search`.
fn search_box() -> Markup {
    html! {
        form method="get" action="/search" role="search" {
            label for="home-q" { "Search meetings, agendas, minutes, reports, decisions and people" }
            div class="home-search" {
                input type="search" id="home-q" name="q";
                button type="submit" { "Search" }
            }
        }
    }
}

async fn home_page(State(state): State<AppState>) -> Result<Markup, Failure> {
    let home = load(&state, Format::Html).await?;
    let site = site_name();
    let title = if site.is_councils() {
        format!("{}: council meetings", site.text())
    } else {
        "Council meetings".to_owned()
    };
    Ok(page(
        "Council meetings",
        html! {
            h1 { (title) }
            p { "Agendas, minutes, decisions and attendance of council committees and boards." }
            (search_box())
            h2 { "This week" }
            @if let Some((monday, sunday)) = home.week {
                p class="meta" { "Monday " (monday.day()) " " (monday.month_name()) " to Sunday " (sunday.day()) " " (sunday.month_name()) " " (sunday.year()) }
            }
            (home.meetings_markup(&home.this_week_listed(), "No meetings are scheduled this week."))
            h2 { "Upcoming meetings" }
            (home.meetings_markup(&home.upcoming_listed(), "No later meetings are scheduled yet."))
            h2 { "Latest minutes" }
            (home.meetings_markup(&home.minutes_listed(), "No minutes have been published yet."))
            h2 { "Latest decisions" }
            (home.decisions_markup())
            h2 { "Recent meetings" }
            (home.meetings_markup(&home.recent_listed(), "No meetings have been held yet."))
            h2 { "More" }
            ul {
                li { a href="/bodies" { "All committees and boards" } }
                li { a href="/decisions" { "Decisions register" } }
                li { a href="/scorecard/exceptions" { "Performance exception report" } }
                li { a href=(super::feeds::ATOM_PATH) type="application/atom+xml" { "Feed of new minutes and decisions (Atom)" } }
            }
        },
    ))
}

async fn home_api(State(state): State<AppState>) -> Result<Json<Value>, Failure> {
    let home = load(&state, Format::Json).await?;
    let list = |meetings: &[MeetingSummary]| -> Vec<Value> {
        meetings
            .iter()
            .map(|m| {
                let mut json = super::meeting_json(m);
                json["council"] = json!(home.council_of(m));
                json
            })
            .collect()
    };
    let decisions: Vec<Value> = home
        .decisions
        .iter()
        .map(|d| {
            json!({
                "number": d.number,
                "organisation": d.organisation,
                "report": d.report.as_ref().and_then(|r| r.public_subject()),
                "meeting": d.meeting.as_ref().map(super::meeting_json),
                "url": format!("/decisions#decision-{}", d.number),
            })
        })
        .collect();
    Ok(Json(json!({
        "site": site_name().text(),
        "week": home.week.map(|(monday, sunday)| json!({ "from": monday.to_string(), "to": sunday.to_string() })),
        "this_week": list(&home.this_week),
        "upcoming": list(&home.upcoming),
        "meetings": list(&home.recent),
        "minutes": list(&home.minutes),
        "programme": home.programme.iter().map(|p| json!({
            "body": { "id": p.body.0.0, "name": p.body.1 },
            "council": home.council_of_body(Some(p.body.0)),
            "date": p.date.to_string(),
            "time": p.time.map(|t| t.to_string()),
            "venue": p.venue,
            "url": format!("/bodies/{}", p.body.0.0),
        })).collect::<Vec<_>>(),
        "decisions": decisions,
        "search": "/search",
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_week_runs_monday_to_sunday() {
        let day = |y, m, d| Date::new(y, m, d).unwrap();
        // Wednesday 18 September 2013.
        assert_eq!(
            week_of(day(2013, 9, 18)),
            Some((day(2013, 9, 16), day(2013, 9, 22)))
        );
        assert_eq!(
            week_of(day(2026, 11, 2)),
            Some((day(2026, 11, 2), day(2026, 11, 8)))
        );
        assert_eq!(
            week_of(day(2026, 11, 8)),
            Some((day(2026, 11, 2), day(2026, 11, 8)))
        );
    }
}
