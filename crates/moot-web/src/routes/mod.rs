//! One module per kind of page; each builds its own `Router` with the HTML
//! page and its JSON twin under `/api/`. The JSON helpers shared by the
//! modules live here: dates in JSON are always ISO (`YYYY-MM-DD`).

pub mod bodies;
pub mod home;
pub mod meetings;
pub mod people;
pub mod search;

use moot_domain::Date;
use moot_store::MeetingSummary;
use serde_json::{json, Value};

/// An ISO date, or null.
fn iso(date: Option<Date>) -> Value {
    date.map_or(Value::Null, |d| Value::String(d.to_string()))
}

/// A meeting in a list, with the addresses of its page and JSON.
fn meeting_json(meeting: &MeetingSummary) -> Value {
    json!({
        "id": meeting.id.0,
        "body": meeting.body.as_ref().map(|(id, name)| json!({ "id": id.0, "name": name })),
        "date": iso(meeting.date),
        "time": meeting.time.map(|t| t.to_string()),
        "status": meeting.status,
        "url": format!("/meetings/{}", meeting.id.0),
        "api": format!("/api/meetings/{}", meeting.id.0),
    })
}
