//! What a report says of the decision it carries, for the decisions
//! register: the decision's words ("Decision:" on a record of decision,
//! else the report's "Recommendation(s):"), who takes it ("DECISION TO BE
//! TAKEN BY:", else a "Future pathway: Cabinet Member decision"), whether
//! it is a key decision, proposed, or called in, where the report says
//! so; and a decision's status from those facts and the day.
//!
//! **Pure, and never guesses**: lines in (the public lines of the report,
//! as the exempt rule lets the public read them), facts out; a fact the
//! report does not state is `None`. Labels, not councils: nothing is keyed
//! on a council's or body's name.

use moot_domain::Date;
use regex::Regex;
use std::sync::LazyLock;

/// The facts a report states about its decision.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportDecision {
    /// The decision's words: what a record of decision says is decided,
    /// else the report's recommendation.
    pub text: Option<String>,
    /// Who takes it, as printed ("Cabinet Member for Adult Social Care").
    pub maker: Option<String>,
    /// `Some(true)` when stated to be a key decision, `Some(false)` when
    /// stated not to be.
    pub key: Option<bool>,
    /// Printed as a proposed decision ("PROPOSED RECORD OF DECISION", "the
    /// proposed decision").
    pub proposed: bool,
    /// Stated to have been called in.
    pub called_in: bool,
}

/// Where a decision stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionStatus {
    /// Not yet taken: on a future meeting's papers, or printed as proposed.
    Proposed,
    /// Taken: resolved at a meeting that has happened.
    Taken,
    /// Called in for scrutiny, as stated.
    CalledIn,
}

impl DecisionStatus {
    /// The word pages, JSON, CSV and filters use.
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionStatus::Proposed => "proposed",
            DecisionStatus::Taken => "taken",
            DecisionStatus::CalledIn => "called in",
        }
    }

    /// Reads a filter's word back ("called-in" too).
    pub fn parse(text: &str) -> Option<DecisionStatus> {
        match text.trim().to_lowercase().replace('-', " ").as_str() {
            "proposed" => Some(DecisionStatus::Proposed),
            "taken" => Some(DecisionStatus::Taken),
            "called in" => Some(DecisionStatus::CalledIn),
            _ => None,
        }
    }
}

/// A decision's status: called in where stated; proposed when its
/// meeting is after `today` (or its day is unknown) or it is printed as
/// proposed and no resolution records it; otherwise taken. `today` is the
/// caller's clock's (`None` when it cannot tell: no day is then future).
pub fn decision_status(
    meeting: Option<Date>,
    today: Option<Date>,
    printed_proposed: bool,
    resolved: bool,
    called_in: bool,
) -> DecisionStatus {
    if called_in {
        return DecisionStatus::CalledIn;
    }
    match meeting {
        Some(day) if today.is_none_or(|t| day <= t) && (resolved || !printed_proposed) => {
            DecisionStatus::Taken
        }
        _ => DecisionStatus::Proposed,
    }
}

/// A line that is a label: "Decision:", "Reason(s) for decision:",
/// "Summary", "1. Introduction"… ends the text under another label.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[A-Z][A-Za-z()' &/-]{1,60}:|\d+(?:\.\d+)*\.?\s+\p{Lu}|(?i:summary|background|introduction|contact details?|background documents?)\s*$)")
        .expect("valid regex")
});

/// What `lines` (a report's public lines, header first) state of its
/// decision.
pub fn report_decision<S: AsRef<str>>(lines: &[S]) -> ReportDecision {
    static TAKEN_BY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*decision\s+(?:to\s+be\s+taken\s+by|maker|taker)\s*:?\s*(.*)$")
            .expect("valid regex")
    });
    static PATHWAY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*future\s+pathway[^:]*:\s*(.+?)\s+decision\b").expect("valid regex")
    });
    static DECISION: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*Decision\s*:\s*(.*)$").expect("valid regex"));
    static RECOMMENDATION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*recommendations?(?:\(s\))?\s*:\s*(.*)$").expect("valid regex")
    });
    static NOT_KEY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b(?:not\s+a\s+key\s+decision|non[- ]key\s+decision|key\s+decision\s*:\s*no)\b",
        )
        .expect("valid regex")
    });
    static KEY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:exceeds\s+key\s+decision|is\s+a\s+key\s+decision|key\s+decision\s*:\s*yes|key\s+decision\s+criteria)")
            .expect("valid regex")
    });
    static PROPOSED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\bproposed\s+(?:record\s+of\s+)?decision\b").expect("valid regex")
    });
    static CALLED_IN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:was|been|be|is)\s+called[- ]in\b").expect("valid regex")
    });
    let lines: Vec<&str> = lines.iter().map(|l| l.as_ref().trim()).collect();
    let mut out = ReportDecision::default();
    for (at, line) in lines.iter().enumerate() {
        if out.maker.is_none() {
            if let Some(c) = TAKEN_BY.captures(line) {
                out.maker = Some(c[1].trim().to_owned())
                    .filter(|m| !m.is_empty())
                    .or_else(|| next_text(&lines, at).map(str::to_owned));
            }
        }
        if NOT_KEY.is_match(line) {
            out.key = Some(false);
        } else if out.key.is_none() && KEY.is_match(line) {
            out.key = Some(true);
        }
        out.proposed |= PROPOSED.is_match(line);
        out.called_in |= CALLED_IN.is_match(line);
    }
    if out.maker.is_none() {
        out.maker = lines
            .iter()
            .find_map(|l| PATHWAY.captures(l).map(|c| c[1].trim().to_owned()));
    }
    out.text = text_under(&lines, &DECISION).or_else(|| text_under(&lines, &RECOMMENDATION));
    out
}

/// The first non-blank line after `at`.
fn next_text<'a>(lines: &[&'a str], at: usize) -> Option<&'a str> {
    lines[at + 1..].iter().copied().find(|l| !l.is_empty())
}

/// The text under the first line `label` matches: the rest of that line
/// and the lines after it, up to the next label or two blank lines, at
/// most a dozen lines.
fn text_under(lines: &[&str], label: &Regex) -> Option<String> {
    let at = lines.iter().position(|l| label.is_match(l))?;
    let first = label
        .captures(lines[at])
        .and_then(|c| c.get(1))
        .map_or("", |m| m.as_str().trim());
    let mut parts: Vec<&str> = Vec::new();
    if !first.is_empty() {
        parts.push(first);
    }
    let mut blanks = 0;
    for line in &lines[at + 1..] {
        if line.is_empty() {
            blanks += 1;
            if blanks >= 2 && !parts.is_empty() {
                break;
            }
            continue;
        }
        blanks = 0;
        if LABEL.is_match(line) && !is_list_mark(line) {
            break;
        }
        parts.push(line);
        if parts.len() >= 12 {
            break;
        }
    }
    let text = parts.join(" ");
    (!text.trim().is_empty()).then_some(text)
}

/// A list item's mark ("i)", "(a)", "- a)"), which a label is not.
fn is_list_mark(line: &str) -> bool {
    static MARK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[-•]\s*)?\(?(?:[ivx]{1,4}|[a-z]|\d{1,2})\)").expect("valid regex")
    });
    MARK.is_match(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_of_decision_gives_its_words_maker_and_key() {
        let lines = [
            "KENT COUNTY COUNCIL - PROPOSED RECORD OF DECISION",
            "",
            "DECISION TO BE TAKEN BY:",
            "",
            "Cabinet Member for Adult Social Care & Public Health",
            "",
            "DECISION NO: 15/00068",
            "Subject: Entering into a contract.",
            "Decision:",
            "As Cabinet Member, I propose to agree that the Council enter into a contract.",
            "Reason(s) for decision: Decision exceeds key decision financial criteria",
        ];
        let facts = report_decision(&lines);
        assert_eq!(
            facts.maker.as_deref(),
            Some("Cabinet Member for Adult Social Care & Public Health")
        );
        assert_eq!(
            facts.text.as_deref(),
            Some("As Cabinet Member, I propose to agree that the Council enter into a contract.")
        );
        assert_eq!(facts.key, Some(true));
        assert!(facts.proposed);
        assert!(!facts.called_in);
    }

    #[test]
    fn a_report_gives_its_recommendation_and_future_pathway() {
        let lines = [
            "Subject: Commissioning Transfer of the Health Visiting Service",
            "Classification: Unrestricted",
            "Future pathway: Cabinet Member decision (Decision number 15/00068)",
            "Summary: This paper presents an update.",
            "",
            "Recommendation: Members of the Committee are asked to:",
            "",
            "i) note the work to develop the specification.",
            "ii) endorse the proposed decision.",
            "",
            "1. Introduction",
            "1.1. This paper provides an update.",
        ];
        let facts = report_decision(&lines);
        assert_eq!(facts.maker.as_deref(), Some("Cabinet Member"));
        assert_eq!(
            facts.text.as_deref(),
            Some("Members of the Committee are asked to: i) note the work to develop the specification. ii) endorse the proposed decision.")
        );
        assert_eq!(facts.key, None);
    }

    #[test]
    fn unstated_facts_stay_unknown_and_negations_count() {
        let facts = report_decision(&[
            "Subject: Library opening hours",
            "This is not a key decision.",
        ]);
        assert_eq!(facts.text, None);
        assert_eq!(facts.maker, None);
        assert_eq!(facts.key, Some(false));
        assert!(
            report_decision(&["The decision was called in by the scrutiny committee."]).called_in
        );
    }

    #[test]
    fn status_follows_the_day_and_what_is_stated() {
        let today = Date::new(2026, 11, 2);
        let past = Date::new(2026, 10, 1);
        let future = Date::new(2026, 12, 1);
        use DecisionStatus::*;
        assert_eq!(decision_status(future, today, false, true, false), Proposed);
        assert_eq!(decision_status(past, today, false, true, false), Taken);
        assert_eq!(decision_status(past, today, true, false, false), Proposed);
        assert_eq!(decision_status(past, today, true, true, false), Taken);
        assert_eq!(decision_status(past, today, false, false, true), CalledIn);
        assert_eq!(decision_status(None, today, false, false, false), Proposed);
        assert_eq!(DecisionStatus::parse("called-in"), Some(CalledIn));
        assert_eq!(DecisionStatus::parse("maybe"), None);
    }
}
