//! Which report in a pack is the paper of which agenda item, and which
//! reports are confidential.
//!
//! Reports rarely print the agenda number in a form the importer keeps,
//! so a report is matched to an item by what both print: the same decision
//! number, or else a title that clearly names the item (most of the
//! shorter title's words in the longer, and no other item as close). A
//! report is exempt when its item is, or when its classification says it
//! is not for the public; either way its subject is not shown.

use crate::{AgendaEntry, ReportEntry};

/// The share of the shorter title's words the other must hold.
const CLEAR_MATCH: f64 = 0.75;

/// Words too common in titles to tell items apart.
const STOP_WORDS: [&str; 17] = [
    "a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "the", "to", "with", "s",
    "update", "report", "item",
];

/// Sets each report's `item` (the agenda number it is the paper of) and
/// `exempt`.
/// `exempt` as [`crate::ExemptItems::covers_report`] decides.
pub fn attach_papers(agenda: &[AgendaEntry], reports: &mut [ReportEntry]) {
    let exempt = crate::ExemptItems::of(agenda);
    for report in reports {
        let item = paper_of(agenda, &report.subject, report.decision.as_deref());
        report.item = item.and_then(|a| a.number.clone());
        report.exempt = exempt.covers_report(
            &report.subject,
            report.classification.as_deref(),
            report.decision.as_deref(),
        );
    }
}

/// The agenda item a report with this subject and decision number is the
/// paper of: the item carrying the same decision number, else the one
/// item whose title clearly matches the subject.
pub(crate) fn paper_of<'a>(
    agenda: &'a [AgendaEntry],
    subject: &str,
    decision: Option<&str>,
) -> Option<&'a AgendaEntry> {
    let by_decision = decision.and_then(|number| {
        agenda
            .iter()
            .position(|a| a.decision.as_deref() == Some(number))
    });
    let at = by_decision.or_else(|| {
        let titles: Vec<Vec<String>> = agenda.iter().map(|a| words(&a.title)).collect();
        by_title(&titles, subject)
    })?;
    agenda.get(at)
}

/// Whether `subject` clearly names the item titled `title`, whatever other
/// items it may name as well.
pub(crate) fn names_item(title: &str, subject: &str) -> bool {
    overlap(&words(title), &words(subject)) >= CLEAR_MATCH
}

/// The one item whose title clearly matches `subject`.
fn by_title(titles: &[Vec<String>], subject: &str) -> Option<usize> {
    let subject = words(subject);
    let scores: Vec<f64> = titles.iter().map(|t| overlap(t, &subject)).collect();
    let best = scores.iter().copied().fold(0.0, f64::max);
    let mut at_best = scores.iter().enumerate().filter(|(_, s)| **s == best);
    let (index, _) = at_best.next()?;
    (best >= CLEAR_MATCH && at_best.next().is_none()).then_some(index)
}

/// The share of the shorter list's words found in the other.
fn overlap(a: &[String], b: &[String]) -> f64 {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return 0.0;
    }
    let shared = short.iter().filter(|w| long.contains(w)).count();
    shared as f64 / short.len() as f64
}

/// A title's telling words: lower case, letters and digits, stop words
/// dropped, a plural "s" cut.
pub(crate) fn words(title: &str) -> Vec<String> {
    title
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(w))
        .map(|w| {
            w.strip_suffix('s')
                .filter(|s| s.len() > 2)
                .unwrap_or(w)
                .to_owned()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DocumentId, Source};
    use moot_domain::Lines;

    fn source() -> Source {
        Source {
            document: DocumentId(1),
            lines: Lines::one(1),
        }
    }

    fn item(number: &str, title: &str, exempt: bool) -> AgendaEntry {
        AgendaEntry {
            number: Some(number.into()),
            title: title.into(),
            pages: None,
            exempt,
            decision: None,
            source: source(),
        }
    }

    fn report(subject: &str, classification: &str) -> ReportEntry {
        ReportEntry {
            subject: subject.into(),
            from: None,
            to: None,
            classification: Some(classification.into()),
            decision: None,
            item: None,
            exempt: false,
            source: source(),
        }
    }

    fn attached(agenda: &[AgendaEntry], subject: &str, classification: &str) -> ReportEntry {
        let mut reports = [report(subject, classification)];
        attach_papers(agenda, &mut reports);
        reports[0].clone()
    }

    #[test]
    fn reports_attach_to_the_item_their_subject_names() {
        let agenda = [
            item("B1", "Public Health Strategic Plan", false),
            item("B2", "Public Health Performance - Young People", false),
            item("D3", "Work Programme", false),
        ];
        let r = attached(
            &agenda,
            "Public Health Performance: Young People",
            "Unrestricted",
        );
        assert_eq!(r.item.as_deref(), Some("B2"));
        assert!(!r.exempt);
        let r = attached(&agenda, "Work Programme 2015/16", "Unrestricted");
        assert_eq!(r.item.as_deref(), Some("D3"));
        let r = attached(&agenda, "Highways Maintenance", "Unrestricted");
        assert_eq!(r.item, None);
    }

    #[test]
    fn a_shared_decision_number_attaches_a_report() {
        let mut agenda = [item("4", "Proposed decision", false)];
        agenda[0].decision = Some("15/00001".into());
        let mut reports = [report("Something else entirely", "Unrestricted")];
        reports[0].decision = Some("15/00001".into());
        attach_papers(&agenda, &mut reports);
        assert_eq!(reports[0].item.as_deref(), Some("4"));
    }

    #[test]
    fn reports_of_exempt_items_or_classified_so_are_exempt() {
        let agenda = [item("9", "Sale of the depot site", true)];
        assert!(attached(&agenda, "Sale of the Depot Site", "Unrestricted").exempt);
        for classification in ["Exempt - paragraph 3", "NOT FOR PUBLICATION", "Restricted"] {
            assert!(
                attached(&[], "Anything", classification).exempt,
                "{classification}"
            );
        }
        assert!(!attached(&[], "Anything", "Unrestricted").exempt);
    }
}
