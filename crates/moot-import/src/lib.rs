//! Pack import: turns the text of a council agenda pack into Moot's records.
//!
//! The pipeline has three stages, each in its own module:
//!
//! 1. [`decode`] turns bytes into text (UTF-8, or Windows-1252 detected and
//!    decoded), refusing what is plainly not text.
//! 2. [`normalise`] repairs the damage PDF conversion leaves (markup, page
//!    debris, glued headings, look-alike letters, wrapped page references)
//!    into a [`Document`] of lines that remember their source line numbers.
//! 3. [`split`] finds the parts (cover and agenda, membership, each set of
//!    minutes, each report, each scorecard) and each part's parser reads it.
//!
//! The importer never fails on text: it returns what it found plus
//! diagnostics. It does no IO beyond the bytes it is given.
//!
//! ```
//! let text = "HEALTH AND WELLBEING BOARD\n\nWednesday, 18 September 2013 at 6.30 pm\n";
//! let extraction = moot_import::extract_text(text);
//! assert_eq!(extraction.pack.meeting.date.unwrap().to_string(), "2013-09-18");
//! ```

pub mod decode;
mod document;
pub mod normalise;
pub mod split;

mod agenda;
mod check;
mod dates;
mod decisions;
mod indicators;
mod meeting;
mod membership;
mod minutes;
mod modgov;
mod names;
mod reports;
mod rewrap;

pub use decode::{decode, DecodeError};
pub use document::{Document, Line};
pub use minutes::is_resolution;

use moot_domain::{Diagnostic, Finding, Pack};

/// What the importer understood of one pack.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// The records found.
    pub pack: Pack,
    /// What could not be read, or was read with a guess.
    pub diagnostics: Vec<Diagnostic>,
    /// Where the pack contradicts itself (`moot extract --check`).
    pub findings: Vec<Finding>,
}

impl Extraction {
    /// True when nothing at all that a pack holds was found: the text is
    /// probably not an agenda pack or meeting page.
    pub fn is_empty(&self) -> bool {
        let p = &self.pack;
        p.meeting.body.is_none()
            && p.meeting.date.is_none()
            && p.membership.is_empty()
            && p.agenda.is_empty()
            && p.minutes.is_empty()
            && p.reports.is_empty()
            && p.indicators.is_empty()
    }
}

/// Decodes and extracts one pack from its bytes.
pub fn extract(bytes: &[u8]) -> Result<Extraction, DecodeError> {
    let text = decode(bytes)?;
    Ok(extract_text(&text))
}

/// Extracts one pack, or one saved Modern.gov meeting page, from its text.
pub fn extract_text(text: &str) -> Extraction {
    let doc = normalise::normalise(text);
    if modgov::is_meeting_page(&doc) {
        return modgov::extract(&doc);
    }
    extract_pack(&doc)
}

fn extract_pack(doc: &Document) -> Extraction {
    let parts = split::split(doc);
    let mut diagnostics = Vec::new();
    let mut meeting = meeting::parse(doc, &parts);
    let membership = membership::parse(doc, &parts, &mut diagnostics);
    let agenda = agenda::parse(doc, &parts, &mut diagnostics);
    let mut minutes = minutes::parse(doc, &parts, &mut diagnostics);
    // Minutes with no agenda or membership around them: the meeting is the
    // one they minute, as their heading states it.
    let first_set = split::of_kind(&parts, split::PartKind::Minutes).next();
    if let Some(part) = first_set.filter(|_| agenda.is_empty() && membership.is_empty()) {
        let minuted = meeting::from_minutes(doc, part.range.clone());
        if meeting.date.is_none() || meeting.date == minuted.date {
            meeting = meeting::or_else(meeting, minuted);
            if let Some(first) = minutes.first_mut() {
                first.date = meeting.date.or(first.date);
                first.body = meeting.body.clone().or(first.body.take());
            }
        }
    }
    let reports = reports::parse(doc, &parts, &mut diagnostics);
    let mut indicators = indicators::parse(doc, &parts, &mut diagnostics);
    let indicator_details = indicators::details(doc, &parts, &mut indicators, &mut diagnostics);
    let decisions = decisions::collect(doc);
    let pack = Pack {
        meeting,
        membership,
        agenda,
        minutes,
        reports,
        decisions,
        indicators,
        indicator_details,
    };
    let findings = check::check(doc, &parts, &pack);
    Extraction {
        pack,
        diagnostics,
        findings,
    }
}
