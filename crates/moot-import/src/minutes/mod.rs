//! Sets of minutes: attendance, declarations, numbered minutes, resolutions.
//!
//! A pack may carry several sets, of different bodies and house styles.
//! [`set_starts`] finds where each opens (it also decides where the front
//! matter ends); [`parse`] reads each Minutes part: its opening (body and
//! date), its attendance, the numbered minutes with their "(Item N)"
//! references and resolutions, and the declared interests.
//!
//! Each part has an opening (up to the first minute heading) and the
//! minutes. Attendance is read from the opening and from minutes about
//! apologies and substitutes; declarations from every minute.

mod attendance;
mod declarations;
mod exempt;
mod items;
mod opening;

use crate::document::Document;
use crate::split::{of_kind, Part, PartKind};
use items::Minute;
use moot_domain::{Diagnostic, MinuteItem, Minutes, Severity};
use std::ops::Range;

pub use items::is_resolution;
pub use opening::{is_attendance_label, is_minutes_document, set_starts};

/// Lines read as the opening when a set has no numbered minutes.
const OPENING_WITHOUT_MINUTES: usize = 40;

/// The lines of a set's heading: from its start to its attendance label
/// (or at most [`OPENING_WITHOUT_MINUTES`] lines).
pub fn heading(doc: &Document, set: Range<usize>) -> Range<usize> {
    let end = set.end.min(set.start + OPENING_WITHOUT_MINUTES);
    let label = (set.start..end).find(|&i| is_attendance_label(doc.text(i)));
    set.start..label.unwrap_or(end)
}

/// Reads every set of minutes.
pub fn parse(doc: &Document, parts: &[Part], diagnostics: &mut Vec<Diagnostic>) -> Vec<Minutes> {
    of_kind(parts, PartKind::Minutes)
        .map(|part| parse_set(doc, part.range.clone(), diagnostics))
        .collect()
}

fn parse_set(doc: &Document, range: Range<usize>, diagnostics: &mut Vec<Diagnostic>) -> Minutes {
    let minutes = items::minutes(doc, range.clone());
    let opening_end = minutes
        .first()
        .map_or(range.end.min(range.start + OPENING_WITHOUT_MINUTES), |m| {
            m.heading
        });
    let opening = range.start..opening_end;
    let about = opening::read_opening(doc, opening.clone());
    let attendance = attendance::read(doc, opening.clone(), &minutes);
    let mut declared = declarations::read(doc, opening, None, false);
    for minute in &minutes {
        let listed = is_about_declarations(&minute.title);
        let default_item = minute.agenda_ref.as_deref().filter(|_| !listed);
        declared.extend(declarations::read(
            doc,
            minute.body.clone(),
            default_item,
            listed,
        ));
    }
    let lines = doc.source_of(range.clone());
    if attendance.present.is_empty() {
        diagnostics.push(note(
            lines,
            "minutes: no list of members present could be read",
        ));
    }
    if minutes.is_empty() {
        diagnostics.push(note(lines, "minutes: no numbered minutes could be read"));
    }
    let exempt = exempt::under_exempt_heading(doc, range, &minutes);
    Minutes {
        body: about.body,
        date: about.date,
        present: attendance.present,
        substitutes: attendance.substitutes,
        apologies: attendance.apologies,
        declarations: declared,
        items: minutes
            .iter()
            .zip(exempt)
            .map(|(m, exempt)| minute_item(doc, m, exempt))
            .collect(),
        lines,
    }
}

fn minute_item(doc: &Document, minute: &Minute, exempt: bool) -> MinuteItem {
    let resolutions = items::resolutions(doc, minute.body.clone());
    MinuteItem {
        number: minute.number.clone(),
        title: minute.title.clone(),
        agenda_ref: minute.agenda_ref.clone(),
        resolved: !resolutions.is_empty(),
        resolutions,
        exempt,
        lines: doc.source_of(minute.heading..minute.body.end.max(minute.heading + 1)),
    }
}

fn is_about_declarations(title: &str) -> bool {
    let lower = title.to_lowercase();
    lower.contains("declaration") || lower.contains("interest")
}

fn note(lines: moot_domain::Lines, message: &str) -> Diagnostic {
    Diagnostic {
        severity: Severity::Note,
        lines,
        message: message.to_owned(),
    }
}
