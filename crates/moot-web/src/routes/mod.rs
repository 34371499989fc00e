//! One module per kind of page; each builds its own `Router` with the HTML
//! page and its JSON twin under `/api/`. The JSON helpers shared by the
//! modules live here: dates in JSON are always ISO (`YYYY-MM-DD`).

pub mod account;
pub mod admin;
pub mod bodies;
pub mod clerk;
pub mod decisions;
pub mod documents;
pub mod feeds;
pub mod home;
pub mod indicators;
pub mod items;
pub mod meetings;
pub mod openapi;
pub mod people;
mod record;
pub mod scorecard;
pub mod search;

/// The routes whose multipart body may be as large as a paper
/// ([`crate::session::MAX_UPLOAD`]), for a signed-in clerk only; every
/// other body is a few fields.
pub const UPLOAD_ROUTES: [&str; 1] = [clerk::agenda::PAPER_UPLOAD];

use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use moot_domain::Date;
use moot_store::{
    AttendanceFact, AttendanceKind, MeetingAttendance, MeetingSummary, Outcome, PersonId, Source,
};
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

/// The address of a record's first source line on its document's page.
fn source_url(source: &Source) -> String {
    format!("/documents/{}#L{}", source.document.0, source.lines.first)
}

/// Where a record came from, for JSON: the document, the lines, and the
/// addresses of the lines and of the document's JSON.
fn source_json(source: &Source) -> Value {
    json!({
        "document": source.document.0,
        "lines": { "first": source.lines.first, "last": source.lines.last },
        "url": source_url(source),
        "api": format!("/api/documents/{}", source.document.0),
    })
}

/// A link to a record's source lines: "line 12" or "lines 12–14".
fn source_link(source: &Source) -> Markup {
    let lines = source.lines;
    html! {
        a class="source" href=(source_url(source)) {
            @if lines.first == lines.last { "line " (lines.first) }
            @else { "lines " (lines.first) "–" (lines.last) }
        }
    }
}

/// A record's one quiet link to its source lines: "source", named for
/// screen readers by what it is the source of ("source of minute 17";
/// a label rather than hidden text, which inside a scrolling table would
/// widen the page).
fn quiet_source(source: &Source, of: &str) -> Markup {
    let lines = source.lines;
    html! {
        a class="source" href=(source_url(source)) aria-label={ "source of " (of) }
            title={ "lines " (lines.first) "–" (lines.last) } { "source" }
    }
}

/// A CSV download: UTF-8, offered as a file named `file_name`.
fn csv_download(file_name: &str, body: Vec<u8>) -> Response {
    let disposition = format!("attachment; filename=\"{file_name}\"");
    (
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

/// Writes `rows` under `header` as CSV (quoted where needed), every cell
/// [`spreadsheet_safe`]: every CSV download is written here.
fn csv_bytes<const N: usize>(header: [&str; N], rows: Vec<[String; N]>) -> Result<Vec<u8>, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(header).map_err(|e| e.to_string())?;
    for row in rows {
        let cells: Vec<_> = row.iter().map(|cell| spreadsheet_safe(cell)).collect();
        writer
            .write_record(cells.iter().map(|cell| cell.as_bytes()))
            .map_err(|e| e.to_string())?;
    }
    writer.into_inner().map_err(|e| e.to_string())
}

/// A cell a spreadsheet will not run as a formula (OWASP's rule for CSV
/// injection): text starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return gets a single quote in front. A plain number (`-12`, `+3.5`)
/// is left as it is, so a negative value in a scorecard stays a number a
/// spreadsheet can add up: a number alone cannot be a formula.
fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(cell) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// A sign, digits, and at most one decimal point among them.
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    !(whole.is_empty() && fraction.is_empty())
        && all_digits(whole)
        && all_digits(fraction)
        && !digits.ends_with('.')
}

/// The other sides of a person's substitutions at one meeting: the member
/// they stood in for, and the substitute who stood in for them.
type Counterparts<'a> = (
    Option<&'a (Option<PersonId>, String)>,
    Option<&'a (Option<PersonId>, String)>,
);

fn counterparts<'a>(m: &MeetingAttendance<'a>) -> Counterparts<'a> {
    let find = |fact: AttendanceFact| {
        m.records
            .iter()
            .find(|r| r.fact == fact)
            .and_then(|r| r.counterpart.as_ref())
    };
    (
        find(AttendanceFact::Recorded(AttendanceKind::Substitute)),
        find(AttendanceFact::Replaced),
    )
}

/// A person's attendance at one meeting in words, readable without
/// colour: "Present", "Substitute for Mr A", "Apologies (substitute: Mr
/// B)", "Absent".
fn outcome_words(m: &MeetingAttendance<'_>) -> String {
    let (stood_in_for, stood_in_by) = counterparts(m);
    let mut words = match m.outcome {
        Outcome::Present => "Present".to_owned(),
        Outcome::Substitute => "Substitute".to_owned(),
        Outcome::Apologies => "Apologies".to_owned(),
        Outcome::Absent => "Absent".to_owned(),
    };
    if let Some((_, name)) = stood_in_for.filter(|_| m.outcome == Outcome::Substitute) {
        words.push_str(&format!(" for {name}"));
    }
    if let Some((_, name)) = stood_in_by.filter(|_| !m.outcome.attended()) {
        words.push_str(&format!(" (substitute: {name})"));
    }
    words
}

/// One person's attendance at one meeting, for JSON.
fn meeting_attendance_json(m: &MeetingAttendance<'_>) -> Value {
    let (stood_in_for, stood_in_by) = counterparts(m);
    let person = |c: Option<&(Option<PersonId>, String)>| {
        c.map(|(p, name)| json!({ "person": p.map(|p| p.0), "name": name }))
    };
    let records: Vec<Value> = m
        .records
        .iter()
        .map(|r| json!({ "fact": fact_word(r.fact), "source": source_json(&r.source) }))
        .collect();
    json!({
        "meeting": meeting_json(m.meeting),
        "outcome": m.outcome.as_str(),
        "attended": m.outcome.attended(),
        "substitute_for": person(stood_in_for),
        "substituted_by": person(stood_in_by),
        "records": records,
    })
}

/// The word JSON uses for a fact: the attendance kind, `replaced` or
/// `listed`.
fn fact_word(fact: AttendanceFact) -> &'static str {
    match fact {
        AttendanceFact::Recorded(kind) => kind.as_str(),
        AttendanceFact::Replaced => "replaced",
        AttendanceFact::Listed => "listed",
    }
}

/// A rate for JSON.
fn rate_json(rate: moot_store::Rate) -> Value {
    json!({ "attended": rate.attended, "expected": rate.expected, "percent": rate.percent() })
}

/// A rate in words: "3 of 4 meetings (75%)".
fn rate_words(rate: moot_store::Rate) -> String {
    let noun = if rate.expected == 1 {
        "meeting"
    } else {
        "meetings"
    };
    match rate.percent() {
        Some(percent) => format!("{} of {} {noun} ({percent}%)", rate.attended, rate.expected),
        None => "No counted meetings".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_that_a_spreadsheet_would_run_get_a_quote_but_numbers_stay_numbers() {
        for (cell, safe) in [
            (
                "=HYPERLINK(\"http://evil\")",
                "'=HYPERLINK(\"http://evil\")",
            ),
            ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("-", "'-"),
            ("-.", "'-."),
            ("-12", "-12"),
            ("-12.5", "-12.5"),
            ("+3", "+3"),
            ("-.5", "-.5"),
            ("Children's services", "Children's services"),
            ("", ""),
        ] {
            assert_eq!(spreadsheet_safe(cell), safe, "{cell:?}");
        }
        let bytes = csv_bytes(["a", "b"], vec![["=1+1".to_owned(), "-4".to_owned()]]).unwrap();
        assert_eq!(String::from_utf8(bytes).unwrap(), "a,b\n'=1+1,-4\n");
    }
}
