//! Reports that open with the standard header block (By/From, To, Subject,
//! Classification).
//!
//! A committee report opens with a few labelled lines saying who it is
//! from, which meeting it is for and what it is about:
//!
//! ```text
//! By:             Jo Bloggs, Cabinet Member for Highways
//!                 Sam Smith, Director of Transport
//! To:             Environment Cabinet Committee – 3 March 2016
//! Decision No:    16/00012
//! Subject:        Winter Service Policy
//! Classification: Unrestricted
//! ```
//!
//! Labels come in any order, values wrap onto following lines (blank lines
//! between are PDF debris), and other labels ("Date:", "Summary:", "Past
//! pathway:") are mixed in. A block only counts when it names a sender, an
//! audience and a subject close together, which keeps a stray "By:" in
//! prose, or an e-mail's "From:/To:/Subject:" (which has "Sent:"), out.

use crate::decisions::numbers_in;
use crate::document::Document;
use crate::split::{of_kind, Part, PartKind};
use moot_domain::{Diagnostic, Lines, Report, Severity};
use regex::Regex;
use std::sync::LazyLock;

/// How many non-blank lines a header block may span between its first and
/// last sender/audience/subject label.
const BLOCK_SPAN: usize = 14;

/// How many lines a label that is not part of the header ("Summary:") may
/// run on before the block is taken to have ended in body text.
const OTHER_LABEL_RUN: usize = 3;

/// Lines longer than this are body text, not a wrapped header value.
const MAX_VALUE_LINE: usize = 160;

/// How many continuation lines a header value may have.
const MAX_CONTINUATION: usize = 8;

/// Logical line indices where a report's header block opens.
pub fn header_starts(doc: &Document) -> Vec<usize> {
    let labels: Vec<Option<Label>> = doc.lines.iter().map(|l| label_of(l.trimmed())).collect();
    let mut starts = Vec::new();
    let mut i = 0;
    while i < labels.len() {
        let opens = labels[i]
            .as_ref()
            .is_some_and(|l| matches!(l.field, Field::From | Field::To | Field::Subject));
        if let Some(end) = opens.then(|| block_end(doc, &labels, i)).flatten() {
            starts.push(decision_stamp_above(doc, &labels, i).unwrap_or(i));
            i = end;
            continue;
        }
        i += 1;
    }
    starts
}

/// Reads every report header.
pub fn parse(doc: &Document, parts: &[Part], diagnostics: &mut Vec<Diagnostic>) -> Vec<Report> {
    of_kind(parts, PartKind::Report)
        .filter_map(|part| {
            let report = read_header(doc, part.range.start, part.range.end);
            if report.is_none() {
                diagnostics.push(Diagnostic {
                    severity: Severity::Warning,
                    lines: doc.source_of(part.range.start..part.range.start + 1),
                    message: "a report header block was found but its subject could not be read"
                        .to_owned(),
                });
            }
            report
        })
        .collect()
}

/// What a label line introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    From,
    To,
    Subject,
    Classification,
    Decision,
    Date,
    /// An e-mail's "Sent:" or "Cc:": the block is a message, not a report.
    Mail,
    /// Any other short label ("Summary:", "Past pathway:").
    Other,
}

/// A label line: what it introduces and the value on the same line.
#[derive(Debug, Clone)]
struct Label {
    field: Field,
    value: String,
}

/// Reads a line as a label, if it is one.
fn label_of(text: &str) -> Option<Label> {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^([A-Za-z][A-Za-z ()'’/&.-]{0,40}?)\s*:-?\s*(.*)$").expect("valid regex")
    });
    static BARE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(date|decision(?:\s+no\.?|\s+number)?)\s+(.*\d.*)$").expect("valid regex")
    });
    let first = text.chars().next()?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    // Labels are short: a colon early on, or a bare "Date"/"Decision".
    let head = text
        .char_indices()
        .nth(48)
        .and_then(|(i, _)| text.get(..i))
        .unwrap_or(text);
    let bare = matches!(first, 'D' | 'd');
    if !head.contains(':') && !bare {
        return None;
    }
    if let Some(c) = LABEL.captures(text) {
        let field = field_named(c.get(1)?.as_str());
        return Some(Label {
            field,
            value: c.get(2)?.as_str().trim().to_owned(),
        });
    }
    // "Date 22 July 2015", "Decision 12/01981": labels whose colon was lost.
    let c = BARE.captures(text)?;
    let value = c.get(2)?.as_str().trim().to_owned();
    let field = field_named(c.get(1)?.as_str());
    let is_value = match field {
        Field::Date => crate::dates::parse_date(&value).is_some(),
        _ => numbers_in(&value).next().is_some(),
    };
    is_value.then_some(Label { field, value })
}

/// The field a label's words name.
fn field_named(label: &str) -> Field {
    let words = crate::names::collapse(label);
    match words.to_ascii_lowercase().trim_end_matches('.') {
        "by" | "from" | "report by" | "report from" | "report of" => Field::From,
        "to" | "report to" => Field::To,
        "subject" | "report title" | "title of report" => Field::Subject,
        "classification" | "security classification" => Field::Classification,
        "decision" | "decision no" | "decision number" | "decision ref" | "decision reference"
        | "key decision" | "key decision no" => Field::Decision,
        "date" | "date of meeting" | "meeting date" => Field::Date,
        "sent" | "cc" | "bcc" => Field::Mail,
        _ => Field::Other,
    }
}

/// Where the header block opening at `start` ends (one past its last
/// sender/audience/subject label), if the lines from `start` make one.
fn block_end(doc: &Document, labels: &[Option<Label>], start: usize) -> Option<usize> {
    let (mut from, mut to, mut subject) = (false, false, false);
    let mut non_blank = 0;
    let mut last = start;
    for (i, label) in labels.iter().enumerate().skip(start) {
        let text = doc.text(i);
        if text.is_empty() {
            continue;
        }
        match label.as_ref().map(|l| l.field) {
            Some(Field::From) if !from => from = true,
            Some(Field::To) if !to => to = true,
            Some(Field::Subject) if !subject => subject = true,
            // A second sender, audience or subject opens the next block;
            // other labels and prose before the block is complete mean
            // this was no header block.
            Some(Field::From | Field::To | Field::Subject | Field::Other | Field::Mail) => {
                return None
            }
            None if text.chars().count() > MAX_VALUE_LINE => return None,
            _ => {}
        }
        if label.is_some() {
            last = i;
        }
        if from && to && subject {
            return Some(last + 1);
        }
        non_blank += 1;
        if non_blank > BLOCK_SPAN {
            return None;
        }
    }
    None
}

/// A "Decision 12/01981" stamp printed just above a header block belongs to
/// it: the report opens there.
fn decision_stamp_above(doc: &Document, labels: &[Option<Label>], start: usize) -> Option<usize> {
    let above = (start.saturating_sub(4)..start)
        .rev()
        .find(|&i| !doc.lines[i].is_blank())?;
    let label = labels.get(above)?.as_ref()?;
    (label.field == Field::Decision && numbers_in(&label.value).next().is_some()).then_some(above)
}

/// The values of one header block as they are read.
#[derive(Debug, Default)]
struct Header {
    from: Vec<String>,
    to: Vec<String>,
    subject: Vec<String>,
    classification: Option<String>,
    decision: Option<String>,
}

/// Reads the header block opening at `start` (and ending by `end`).
fn read_header(doc: &Document, start: usize, end: usize) -> Option<Report> {
    let mut header = Header::default();
    let mut current: Option<Field> = None;
    // Lines that continue the current value, held back until it is clear
    // they are not body text: (text, preceded by a blank line).
    let mut pending: Vec<(String, bool)> = Vec::new();
    let mut after_blank = false;
    let mut other_run = 0;
    let mut last = start;
    for i in start..end.min(doc.len()) {
        let text = doc.text(i);
        if text.is_empty() {
            after_blank = true;
            continue;
        }
        let label = label_of(text);
        if header.repeats(label.as_ref()) {
            break;
        }
        note_decision(&mut header, text, label.as_ref());
        match label {
            Some(label) if label.field != Field::Other => {
                commit(&mut header, current, &mut pending, true);
                header.take(label.field, label.value);
                current = Some(label.field);
            }
            Some(_) => {
                commit(&mut header, current, &mut pending, false);
                current = Some(Field::Other);
                other_run = 0;
            }
            None => match current {
                Some(Field::From | Field::To | Field::Subject)
                    if pending.len() < MAX_CONTINUATION
                        && text.chars().count() <= MAX_VALUE_LINE =>
                {
                    pending.push((text.to_owned(), after_blank));
                }
                Some(Field::Other) if other_run < OTHER_LABEL_RUN => other_run += 1,
                _ => break,
            },
        }
        if current != Some(Field::Other) {
            last = i;
        }
        after_blank = false;
    }
    commit(&mut header, current, &mut pending, false);
    header.into_report(doc.source_of(start..last + 1))
}

/// Notes a decision number the header carries: on a decision label line or
/// where a line says "decision number 15/00068".
fn note_decision(header: &mut Header, text: &str, label: Option<&Label>) {
    static NAMED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\bdecision\s*(?:no\.?|number|ref(?:erence)?)?\s*[:.]?\s*\(?(\d{2}/\d{5})")
            .expect("valid regex")
    });
    if header.decision.is_some() {
        return;
    }
    let on_label = label
        .filter(|l| matches!(l.field, Field::Decision | Field::Subject))
        .and_then(|l| numbers_in(&l.value).next());
    let named = NAMED
        .captures(text)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str())
        .filter(|n| numbers_in(text).any(|m| m == *n));
    header.decision = on_label.or(named).map(str::to_owned);
}

/// Adds held-back continuation lines to the current value. Lines after a
/// blank line are kept only when another header label followed them
/// (`confirmed`); otherwise they are taken as body text.
fn commit(
    header: &mut Header,
    current: Option<Field>,
    pending: &mut Vec<(String, bool)>,
    confirmed: bool,
) {
    let lines = std::mem::take(pending);
    let kept = lines
        .into_iter()
        .take_while(|(_, after_blank)| confirmed || !after_blank)
        .map(|(text, _)| text);
    let target = match current {
        Some(Field::From) => &mut header.from,
        Some(Field::To) => &mut header.to,
        Some(Field::Subject) => &mut header.subject,
        _ => return,
    };
    target.extend(kept);
}

impl Header {
    /// True when `label` repeats a field already read: the block is over.
    fn repeats(&self, label: Option<&Label>) -> bool {
        match label.map(|l| l.field) {
            Some(Field::From) => !self.from.is_empty(),
            Some(Field::To) => !self.to.is_empty(),
            Some(Field::Subject) => !self.subject.is_empty(),
            Some(Field::Classification) => self.classification.is_some(),
            Some(Field::Mail) => true,
            _ => false,
        }
    }

    /// Takes a label's value.
    fn take(&mut self, field: Field, value: String) {
        match field {
            Field::From => self.from.push(value),
            Field::To => self.to.push(value),
            Field::Subject => self.subject.push(value),
            Field::Classification if !value.is_empty() => self.classification = Some(value),
            _ => {}
        }
    }

    fn into_report(self, lines: Lines) -> Option<Report> {
        let subject = joined(&self.subject)?;
        Some(Report {
            subject,
            from: joined(&self.from),
            to: joined(&self.to),
            classification: self.classification,
            decision: self.decision,
            lines,
        })
    }
}

/// The parts of a wrapped value as one string, whitespace collapsed.
fn joined(parts: &[String]) -> Option<String> {
    let text = parts
        .iter()
        .flat_map(|p| p.split_whitespace())
        .collect::<Vec<_>>()
        .join(" ");
    (!text.is_empty()).then_some(text)
}
