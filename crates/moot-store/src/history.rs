//! The same business coming back across meetings: an item page lists the
//! other meetings' items that are the same business, each with its reason.
//!
//! Two pieces of business are the same, strongest reason first, when they
//! carry the same decision number ("same decision number 15/00068"),
//! when their reports have the same subject ("same report subject"), or
//! when their titles share most of their telling words ("similar title":
//! the Jaccard index of their word sets, the words `papers` compares
//! titles by, without the words every meeting's procedure uses, months
//! and numbers, at least [`SIMILAR_TITLE`]). Nothing here knows a
//! council, body or title: only words.
//!
//! **Pure, and public only**: callers pass what the public may read (an
//! exempt item's title, reports and decision numbers never come here, so
//! no link can say an exempt item was discussed again).

use crate::papers::words;
use moot_domain::Date;
use std::collections::BTreeSet;

/// The share of two titles' telling words they must have in common
/// (words shared over words in either). At 0.5, "Better Care Fund" and
/// "Better Care Fund Plan 2015/16" are one business (3 of 4 words), and
/// "Public Health Performance" and "Adult Social Care Performance" are
/// not (1 of 6).
pub const SIMILAR_TITLE: f64 = 0.5;

/// Words every meeting's procedure uses, which say nothing of the business
/// (stemmed as [`words`] stems them: a plural "s" cut).
const PROCEDURE: [&str; 25] = [
    "item",
    "minute",
    "meeting",
    "held",
    "previous",
    "last",
    "apologie",
    "substitute",
    "substitution",
    "declaration",
    "interest",
    "member",
    "agenda",
    "matter",
    "arising",
    "date",
    "next",
    "any",
    "other",
    "business",
    "urgent",
    "chairman",
    "chair",
    "welcome",
    "introduction",
];

/// Whether `word` is a month's name, which dates a title without naming
/// its business (the calendar's own names, `Date::month_name`).
fn is_month(word: &str) -> bool {
    (1..=12)
        .any(|m| Date::new(2000, m, 1).is_some_and(|d| d.month_name().eq_ignore_ascii_case(word)))
}

/// What one piece of business (an agenda item with its minute and
/// papers, or a minute alone) shows the public.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Business {
    /// Its title (the agenda item's, else the minute's).
    pub title: String,
    /// The decision numbers it carries (the item's, its papers').
    pub decisions: Vec<String>,
    /// Its papers' subjects.
    pub subjects: Vec<String>,
}

/// Why two pieces of business are the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SameBusiness {
    /// Both carry this decision number.
    DecisionNumber(String),
    /// A paper of each has the same subject.
    ReportSubject,
    /// Their titles share most of their telling words.
    SimilarTitle,
}

impl SameBusiness {
    /// The reason in words, for the link.
    pub fn reason(&self) -> String {
        match self {
            SameBusiness::DecisionNumber(number) => format!("same decision number {number}"),
            SameBusiness::ReportSubject => "same report subject".to_owned(),
            SameBusiness::SimilarTitle => "similar title".to_owned(),
        }
    }

    /// A short word for JSON: `decision`, `subject` or `title`.
    pub fn kind(&self) -> &'static str {
        match self {
            SameBusiness::DecisionNumber(_) => "decision",
            SameBusiness::ReportSubject => "subject",
            SameBusiness::SimilarTitle => "title",
        }
    }
}

/// Whether `a` and `b` are the same business, and the strongest reason.
pub fn same_business(a: &Business, b: &Business) -> Option<SameBusiness> {
    if let Some(number) = a.decisions.iter().find(|d| b.decisions.contains(d)) {
        return Some(SameBusiness::DecisionNumber(number.clone()));
    }
    let subjects = |x: &Business| -> Vec<BTreeSet<String>> {
        x.subjects
            .iter()
            .map(|s| telling_words(s))
            .filter(|w| !w.is_empty())
            .collect()
    };
    let theirs = subjects(b);
    if subjects(a).iter().any(|s| theirs.contains(s)) {
        return Some(SameBusiness::ReportSubject);
    }
    (title_similarity(&a.title, &b.title) >= SIMILAR_TITLE).then_some(SameBusiness::SimilarTitle)
}

/// The Jaccard index of two titles' telling words (0 when either has
/// none).
pub fn title_similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (telling_words(a), telling_words(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.intersection(&b).count();
    let either = a.union(&b).count();
    shared as f64 / either as f64
}

/// A title's words that name its business: [`words`] without procedure
/// words, months and numbers.
fn telling_words(title: &str) -> BTreeSet<String> {
    words(title)
        .into_iter()
        .filter(|w| !PROCEDURE.contains(&w.as_str()) && !is_month(w))
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titled(title: &str) -> Business {
        Business {
            title: title.into(),
            ..Business::default()
        }
    }

    /// Each case: two titles, and whether they are one business by title.
    const TITLES: [(&str, &str, bool); 10] = [
        ("Better Care Fund", "Better Care Fund Plan 2015/16", true),
        ("Better Care Fund", "BETTER CARE FUND", true),
        (
            "Public Health Performance",
            "Adult Social Care Performance",
            false,
        ),
        ("Work Programme", "Work Programme 2015/16", true),
        (
            "Minutes of the Meeting held on 29 May 2013",
            "Minutes of the meeting held on 17 July 2013",
            false,
        ),
        (
            "Apologies and Substitutes",
            "Apologies and Substitutes",
            false,
        ),
        (
            "Declarations of Interest by Members in Items on the Agenda",
            "Declarations of interest",
            false,
        ),
        (
            "County Safeguarding Children Board Annual Report",
            "Safeguarding Children Board - Annual Report 2013/14",
            true,
        ),
        ("Budget", "Budget Monitoring", true),
        ("Highways Maintenance", "Library Services", false),
    ];

    #[test]
    fn titles_are_one_business_when_most_telling_words_are_shared() {
        for (a, b, same) in TITLES {
            assert_eq!(
                same_business(&titled(a), &titled(b)),
                same.then_some(SameBusiness::SimilarTitle),
                "{a:?} and {b:?}: similarity {}",
                title_similarity(a, b)
            );
        }
    }

    #[test]
    fn a_shared_decision_number_is_the_strongest_reason() {
        let a = Business {
            title: "Health Visiting".into(),
            decisions: vec!["15/00068".into()],
            subjects: vec!["Health Visiting".into()],
        };
        let b = Business {
            title: "Something else".into(),
            decisions: vec!["15/00001".into(), "15/00068".into()],
            subjects: vec!["Health Visiting".into()],
        };
        let link = same_business(&a, &b).unwrap();
        assert_eq!(link.reason(), "same decision number 15/00068");
        assert_eq!(link.kind(), "decision");
    }

    #[test]
    fn the_same_report_subject_links_differently_titled_items() {
        let a = Business {
            title: "Item A".into(),
            decisions: Vec::new(),
            subjects: vec!["Commissioning of  Health Visiting".into()],
        };
        let b = Business {
            title: "Cabinet Member decisions".into(),
            decisions: Vec::new(),
            subjects: vec!["commissioning of health visiting".into()],
        };
        assert_eq!(same_business(&a, &b), Some(SameBusiness::ReportSubject));
        assert_eq!(SameBusiness::ReportSubject.reason(), "same report subject");
    }

    #[test]
    fn nothing_in_common_is_no_link() {
        assert_eq!(same_business(&titled(""), &titled("")), None);
        assert_eq!(title_similarity("2013", "2013"), 0.0);
    }
}
