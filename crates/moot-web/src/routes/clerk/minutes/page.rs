//! The record of a meeting as the clerk keeps it, read once per request
//! into a [`View`], then shown as the page with its forms or as the JSON
//! twin. Which forms show follows the minutes' state: everything is open
//! while they are a draft or published; once confirmed they are locked,
//! and each minute offers a correction instead of an edit.

use super::form::Form;
use crate::forms::{csrf_field, error_summary, Errors};
use crate::html::{column_headers, date_markup, scroll_table, uk_date};
use crate::session::FormFields;
use maud::{html, Markup};
use moot_clerk::{InterestKind, MinutesState, Presence};
use moot_store::{
    Actor, ClerkAgenda, ClerkMeeting, ClerkMeetingId, ClerkMember, ClerkMinute, ClerkMinutes,
    ClerkRecord, ClerkStore, MinuteId, MinuteVersion, StoreError,
};
use serde_json::{json, Value};
use std::collections::HashMap;

/// Everything the page and its twin show of one meeting.
pub struct View {
    pub record: ClerkRecord,
    pub minutes: ClerkMinutes,
    pub agenda: ClerkAgenda,
    /// The members on the meeting's day, with their named substitutes.
    pub members: Vec<ClerkMember>,
    pub next_number: u32,
    /// The earlier versions of each corrected minute.
    pub versions: HashMap<MinuteId, Vec<MinuteVersion>>,
}

impl View {
    /// Reads the meeting's record with `actor`'s rights.
    pub fn load<S: ClerkStore + ?Sized>(
        store: &S,
        actor: &Actor,
        id: ClerkMeetingId,
    ) -> Result<View, StoreError> {
        let record = store.meeting_record(actor, id)?;
        let meeting = &record.meeting;
        let members = store.members_on(actor, meeting.body, meeting.date)?;
        let minutes = store.minutes(actor, id)?;
        let mut versions = HashMap::new();
        for minute in minutes.items.iter().filter(|m| m.version > 1) {
            versions.insert(minute.id, store.minute_versions(actor, minute.id)?);
        }
        Ok(View {
            agenda: store.agenda(actor, id)?,
            next_number: store.next_minute_number(actor, id)?,
            record,
            minutes,
            members,
            versions,
        })
    }

    fn meeting(&self) -> &ClerkMeeting {
        &self.record.meeting
    }

    fn locked(&self) -> bool {
        self.minutes.state == MinutesState::Confirmed
    }

    fn decision(&self, minute: MinuteId) -> Option<&str> {
        self.record
            .decisions
            .iter()
            .find(|(m, _)| *m == minute)
            .map(|(_, number)| number.as_str())
    }

    /// The date of one of the body's later meetings.
    fn later_date(&self, id: ClerkMeetingId) -> Option<String> {
        self.record
            .later_meetings
            .iter()
            .find(|m| m.id == id)
            .map(|m| uk_date(m.date))
    }

    /// Members on the day and their named substitutes, as options.
    fn people(&self) -> Vec<(String, String)> {
        let mut options = vec![(String::new(), "Choose a person".to_owned())];
        for member in &self.members {
            options.push((member.person.0.to_string(), member.name.clone()));
        }
        for member in &self.members {
            for (person, name) in &member.substitutes {
                let value = person.0.to_string();
                if !options.iter().any(|(v, _)| *v == value) {
                    options.push((value, format!("{name} (substitute for {})", member.name)));
                }
            }
        }
        options
    }

    fn member_options(&self) -> Vec<(String, String)> {
        let mut options = vec![(String::new(), "Not a substitute".to_owned())];
        options.extend(
            self.members
                .iter()
                .map(|m| (m.person.0.to_string(), m.name.clone())),
        );
        options
    }

    fn item_options(&self, empty: &str) -> Vec<(String, String)> {
        let mut options = vec![(String::new(), empty.to_owned())];
        options.extend(
            self.agenda
                .items
                .iter()
                .map(|i| (i.id.0.to_string(), format!("{}. {}", i.number, i.title))),
        );
        options
    }

    fn item_label(&self, item: Option<moot_store::AgendaItemId>) -> String {
        self.agenda
            .items
            .iter()
            .find(|i| Some(i.id) == item)
            .map(|i| format!("{}. {}", i.number, i.title))
            .unwrap_or_default()
    }

    fn minute_options(&self) -> Vec<(String, String)> {
        let mut options = vec![(String::new(), "Not under a minute".to_owned())];
        options.extend(self.minutes.items.iter().map(|m| {
            (
                m.id.0.to_string(),
                format!("{}. {}", m.number, m.text.title),
            )
        }));
        options
    }

    fn later_options(&self) -> Vec<(String, String)> {
        let mut options = vec![(String::new(), "Choose a later meeting".to_owned())];
        options.extend(
            self.record
                .later_meetings
                .iter()
                .map(|m| (m.id.0.to_string(), uk_date(m.date))),
        );
        options
    }
}

/// A form sent back with faults: which form (its prefix), what was sent
/// and what was wrong.
pub struct Failed {
    pub prefix: String,
    pub sent: FormFields,
    pub errors: Errors,
}

/// The form with `prefix`: sent back with its faults when it is the
/// one that failed, else blank.
fn form<'a>(prefix: &str, failed: Option<&'a Failed>) -> Form<'a> {
    match failed {
        Some(f) if f.prefix == prefix => Form::failed(prefix, &f.sent, &f.errors, &ALL_FIELDS),
        _ => Form::blank(prefix),
    }
}

fn post_form(action: &str, button: &str, fields: Markup) -> Markup {
    html! {
        form method="post" action=(action) novalidate {
            (csrf_field())
            (fields)
            button type="submit" { (button) }
        }
    }
}

fn minute_words(f: &Form<'_>, minute: Option<&ClerkMinute>) -> Markup {
    let (title, text, resolutions) = minute.map_or_else(
        || (String::new(), String::new(), String::new()),
        |m| {
            (
                m.text.title.clone(),
                m.text.text.clone(),
                m.text.resolutions.join("\n"),
            )
        },
    );
    html! {
        (f.input("title", "Title", None, "text", &title))
        (f.textarea("text", "What was said and done", None, &text))
        (f.textarea("resolutions", "Resolutions", Some("One resolution per line"), &resolutions))
    }
}

/// The page: every part of the record, with the forms the state allows,
/// and the failed form's faults summarised at the top.
pub fn markup(view: &View, failed: Option<&Failed>) -> (String, Markup) {
    let meeting = view.meeting();
    let title = format!("Record of the meeting on {}", uk_date(meeting.date));
    let summary = failed.map(|f| error_summary(form(&f.prefix, failed).errors()));
    let main = html! {
        @if let Some(summary) = summary { (summary) }
        h1 { (title) }
        p { a href={ "/clerk/meetings/" (meeting.id.0) } { "The meeting's agenda" } }
        (state_markup(view))
        (attendance_markup(view, failed))
        (declarations_markup(view, failed))
        (minutes_markup(view, failed))
        (actions_markup(view, failed))
    };
    (title, main)
}

/// Every field name any form here has, to find a failed form's faults.
const ALL_FIELDS: [&str; 16] = [
    "person",
    "presence",
    "substitute_for",
    "item",
    "kind",
    "text",
    "left_room",
    "number",
    "title",
    "resolutions",
    "reason",
    "date",
    "minute",
    "owner",
    "due",
    "at",
];

fn state_markup(view: &View) -> Markup {
    let id = view.meeting().id.0;
    html! {
        h2 { "The minutes" }
        @match view.minutes.state {
            MinutesState::Draft => {
                p { "The minutes are a draft: only the clerk's side sees them." }
                (post_form(&format!("/clerk/meetings/{id}/minutes/publish"), "Publish the minutes", html! {}))
            }
            MinutesState::Published => {
                p { "The minutes are published, waiting to be confirmed at a later meeting." }
            }
            MinutesState::Confirmed => {
                p {
                    "The minutes are confirmed"
                    @if let Some(at) = view.minutes.confirmed_at.and_then(|at| view.later_date(at)) { " at the meeting on " (at) }
                    " and locked. A correction makes a new version of a minute and keeps the words it replaces."
                }
            }
        }
    }
}

fn attendance_markup(view: &View, failed: Option<&Failed>) -> Markup {
    let f = form("attendance-", failed);
    let presence: Vec<(String, String)> = Presence::ALL
        .iter()
        .map(|p| (p.as_str().to_owned(), p.label().to_owned()))
        .collect();
    html! {
        h2 { "Attendance" }
        @if view.record.attendance.is_empty() { p { "No attendance is recorded yet." } }
        @else {
            (scroll_table("Attendance", html! { table {
                (column_headers(&["Name", "Recorded as"]))
                tbody { @for a in &view.record.attendance { tr {
                    td { (a.name) }
                    td { (a.presence.label()) @if let Some((_, name)) = &a.substitute_for { " for " (name) } }
                } } }
            } }))
        }
        @if !view.locked() {
            h3 { "Record attendance" }
            (post_form(&format!("/clerk/meetings/{}/attendance", view.meeting().id.0), "Record attendance", html! {
                (f.select("person", "Person", &view.people(), ""))
                (f.select("presence", "Recorded as", &presence, "present"))
                (f.select("substitute_for", "Substitute for (substitutes only)", &view.member_options(), ""))
            }))
        }
    }
}

fn declarations_markup(view: &View, failed: Option<&Failed>) -> Markup {
    let f = form("declaration-", failed);
    let kinds: Vec<(String, String)> = InterestKind::ALL
        .iter()
        .map(|k| (k.as_str().to_owned(), k.label().to_owned()))
        .collect();
    html! {
        h2 { "Declarations of interest" }
        @if view.record.declarations.is_empty() { p { "No declarations are recorded." } }
        @else {
            ul { @for d in &view.record.declarations { li {
                (d.name) ", item " (view.item_label(Some(d.item))) ": " (d.kind.label()) ". " (d.text)
                @if d.left_room { " (left the room for the item)" }
            } } }
        }
        @if !view.locked() {
            h3 { "Record a declaration" }
            (post_form(&format!("/clerk/meetings/{}/declarations", view.meeting().id.0), "Record the declaration", html! {
                (f.select("person", "Who declared", &view.people(), ""))
                (f.select("item", "Agenda item", &view.item_options("Choose an item"), ""))
                (f.select("kind", "Kind of interest", &kinds, "other-registrable"))
                (f.textarea("text", "The interest", None, ""))
                (f.checkbox("left_room", "Left the room for the item"))
            }))
        }
    }
}

fn minute_markup(view: &View, minute: &ClerkMinute, failed: Option<&Failed>) -> Markup {
    let id = minute.id.0;
    html! {
        h3 id={ "minute-" (id) } { (minute.number) ". " (minute.text.title) }
        p class="meta" {
            @if minute.text.item.is_some() { "Agenda item " (view.item_label(minute.text.item)) ". " }
            "Version " (minute.version) "."
            @if let Some(number) = view.decision(minute.id) { " Decision " (number) "." }
        }
        @for line in minute.text.text.lines().filter(|l| !l.trim().is_empty()) { p { (line) } }
        @if !minute.text.resolutions.is_empty() {
            p { "Resolved:" }
            ul { @for r in &minute.text.resolutions { li { (r) } } }
        }
        @for v in view.versions.get(&minute.id).into_iter().flatten() {
            details {
                summary { "Version " (v.version) ", replaced " (v.replaced_at.get(..10).unwrap_or_default()) " by " (v.replaced_by) ": " (v.reason) }
                p { strong { (v.before.title) } }
                p { (v.before.text) }
                ul { @for r in &v.before.resolutions { li { (r) } } }
            }
        }
        @if view.locked() {
            details open[failed.is_some_and(|f| f.prefix == format!("minute-{id}-correct-"))] {
                summary { "Correct minute " (minute.number) }
                @let f = form(&format!("minute-{id}-correct-"), failed);
                (post_form(&format!("/clerk/minutes/{id}/correct"), "Record the correction", html! {
                    (minute_words(&f, Some(minute)))
                    (f.input("reason", "Why it is corrected", None, "text", ""))
                }))
            }
        } @else {
            details open[failed.is_some_and(|f| f.prefix == format!("minute-{id}-edit-"))] {
                summary { "Edit minute " (minute.number) }
                @let f = form(&format!("minute-{id}-edit-"), failed);
                (post_form(&format!("/clerk/minutes/{id}"), "Save the minute", minute_words(&f, Some(minute))))
            }
            details open[failed.is_some_and(|f| f.prefix == format!("minute-{id}-decision-"))] {
                summary { "Number a decision under minute " (minute.number) }
                @let f = form(&format!("minute-{id}-decision-"), failed);
                (post_form(&format!("/clerk/minutes/{id}/decision"), "Number the decision", html! {
                    (f.input("date", "Date of the decision", Some("Year-month-day, such as 2026-12-03"), "date", &view.meeting().date.to_string()))
                    (f.input("number", "Number", Some("Leave blank for the next in the series, or give one as YY/NNNNN"), "text", ""))
                }))
            }
        }
    }
}

fn minutes_markup(view: &View, failed: Option<&Failed>) -> Markup {
    let id = view.meeting().id.0;
    let f = form("minute-new-", failed);
    let hint = format!("Leave blank for the next number, {}", view.next_number);
    html! {
        @if view.minutes.items.is_empty() { p { "No minutes are written yet." } }
        @for minute in &view.minutes.items { (minute_markup(view, minute, failed)) }
        @if view.minutes.state == MinutesState::Published && !view.record.later_meetings.is_empty() {
            h3 { "Confirm the minutes" }
            @let confirm = form("confirm-", failed);
            (post_form(&format!("/clerk/meetings/{id}/minutes/confirm"), "Confirm the minutes", html! {
                (confirm.select("at", "Confirmed at the meeting on", &view.later_options(), ""))
            }))
        }
        @if !view.locked() {
            h3 { "Add a minute" }
            (post_form(&format!("/clerk/meetings/{id}/minutes"), "Add the minute", html! {
                (f.select("item", "Agenda item", &view.item_options("Not an agenda item"), ""))
                (f.input("number", "Number", Some(&hint), "text", ""))
                (minute_words(&f, None))
            }))
        }
    }
}

fn actions_markup(view: &View, failed: Option<&Failed>) -> Markup {
    let id = view.meeting().id.0;
    let f = form("action-new-", failed);
    html! {
        h2 { "Actions" }
        @if view.record.actions.is_empty() { p { "No actions were raised at this meeting." } }
        @for raised in &view.record.actions {
            @let a = &raised.action;
            div class="action" {
                p {
                    (a.text) " – " (a.owner)
                    @if let Some(due) = a.due { ", due " (date_markup(due)) }
                    @if let Some(at) = a.closed_at { ". Closed at the meeting on " (view.later_date(at).unwrap_or_default()) "." }
                }
                @if a.closed_at.is_none() && !view.record.later_meetings.is_empty() {
                    @let close = form(&format!("action-{}-close-", a.id.0), failed);
                    (post_form(&format!("/clerk/actions/{}/close", a.id.0), "Close the action", html! {
                        (close.select("at", "Closed at the meeting on", &view.later_options(), ""))
                    }))
                }
            }
        }
        h3 { "Record an action" }
        (post_form(&format!("/clerk/meetings/{id}/actions"), "Record the action", html! {
            (f.select("minute", "Under minute", &view.minute_options(), ""))
            (f.textarea("text", "What is to be done", None, ""))
            (f.input("owner", "Who is to do it", None, "text", ""))
            (f.input("due", "Due by (optional)", Some("Year-month-day, such as 2027-01-31"), "date", ""))
        }))
    }
}

/// The JSON twin, ISO dates.
pub fn json(view: &View) -> Value {
    let attendance: Vec<Value> = view
        .record
        .attendance
        .iter()
        .map(|a| {
            json!({ "person": a.person.0, "name": a.name, "presence": a.presence.as_str(),
                "substitute_for": a.substitute_for.as_ref().map(|(p, _)| p.0) })
        })
        .collect();
    let declarations: Vec<Value> = view
        .record
        .declarations
        .iter()
        .map(|d| {
            json!({ "person": d.person.0, "name": d.name, "item": d.item.0,
                "kind": d.kind.as_str(), "text": d.text, "left_room": d.left_room })
        })
        .collect();
    let minutes: Vec<Value> = view
        .minutes
        .items
        .iter()
        .map(|m| {
            json!({ "id": m.id.0, "number": m.number, "item": m.text.item.map(|i| i.0),
                "title": m.text.title, "text": m.text.text, "resolutions": m.text.resolutions,
                "decision": view.decision(m.id), "version": m.version })
        })
        .collect();
    let actions: Vec<Value> = view
        .record
        .actions
        .iter()
        .map(|r| {
            let a = &r.action;
            json!({ "id": a.id.0, "text": a.text, "owner": a.owner,
                "due": a.due.map(|d| d.to_string()), "minute": r.minute.map(|m| m.0),
                "closed_at": a.closed_at.map(|m| m.0) })
        })
        .collect();
    json!({
        "state": view.minutes.state.as_str(),
        "confirmed_at": view.minutes.confirmed_at.map(|at| json!({
            "id": at.0, "url": format!("/clerk/meetings/{}/minutes", at.0) })),
        "attendance": attendance,
        "declarations": declarations,
        "minutes": minutes,
        "actions": actions,
    })
}
