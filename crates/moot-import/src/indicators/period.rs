//! Reporting periods: the last day of the period a scorecard reports.
//!
//! Packs say it in a few ways: a column label naming a month or a quarter
//! ("May 2015", "Oct 12", "Mar-12", "Q2 2012/13"), a caption line that is
//! only a month ("October 2012"), or a sentence ("latest available results
//! which are for May 2015", "as at the 31st May 2015", "As at
//! 31/05/2015"). Quarters and years are the UK financial year's (Q1 is
//! April to June). A label or sentence that names no period gives nothing:
//! an unknown end is better than a guessed one.

use crate::dates::{find_date, month_number};
use moot_domain::Date;
use regex::Regex;
use std::sync::LazyLock;

/// The last day of the period a column label names.
pub(super) fn label_end(label: &str) -> Option<Date> {
    static MONTH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^([a-z]{3,9})\.?[\s-]*(\d{4}|\d{2})$").expect("valid regex")
    });
    static QUARTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^q([1-4])\s*(\d{4}|\d{2})\s*[/-]\s*(?:\d{4}|\d{2})$").expect("valid regex")
    });
    let label = label.trim();
    if let Some(c) = MONTH.captures(label) {
        return month_end(year(&c[2])?, month_number(&c[1])?);
    }
    let c = QUARTER.captures(label)?;
    let quarter: u8 = c[1].parse().ok()?;
    let first_year = year(&c[2])?;
    match quarter {
        4 => month_end(first_year + 1, 3),
        q => month_end(first_year, 3 + 3 * q),
    }
}

/// The period end a line states: a caption that is only a period label,
/// or a sentence saying the results are "as at" a day or month, or "for"
/// a month.
pub(super) fn statement_end(line: &str) -> Option<Date> {
    static STATED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b(?:as at(?: the)?(?: end of)?|results (?:which are |are )?for)\s+(.{1,40})",
        )
        .expect("valid regex")
    });
    static MONTH_YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^([A-Za-z]{3,9})\.?,?\s+(\d{4})\b").expect("valid regex"));
    let line = line.trim();
    if let Some(end) = label_end(line) {
        return Some(end);
    }
    STATED.captures_iter(line).find_map(|c| {
        let after = c.get(1)?.as_str();
        let day =
            find_date(after).filter(|(_, at)| at.start == 0 || after[..at.start].trim().is_empty());
        if let Some((date, _)) = day {
            return Some(date);
        }
        let m = MONTH_YEAR.captures(after)?;
        month_end(m[2].parse().ok()?, month_number(&m[1])?)
    })
}

/// A two- or four-digit year.
fn year(text: &str) -> Option<u16> {
    let n: u16 = text.parse().ok()?;
    Some(if text.len() == 2 { 2000 + n } else { n })
}

/// The last day of a month.
pub(super) fn month_end(year: u16, month: u8) -> Option<Date> {
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    let first_of_next = Date::new(next_year, next_month, 1)?;
    Date::from_days_since_epoch(first_of_next.days_since_epoch() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: u16, m: u8, d: u8) -> Option<Date> {
        Date::new(y, m, d)
    }

    #[test]
    fn month_and_quarter_labels_end_on_their_last_day() {
        assert_eq!(label_end("May 2015"), day(2015, 5, 31));
        assert_eq!(label_end("Feb 12"), day(2012, 2, 29));
        assert_eq!(label_end("Mar-12"), day(2012, 3, 31));
        assert_eq!(label_end("Q2 2012/13"), day(2012, 9, 30));
        assert_eq!(label_end("Q4 14/15"), day(2015, 3, 31));
        assert_eq!(label_end("YTD"), None);
        assert_eq!(label_end("Maybe 2015"), None);
    }

    #[test]
    fn statements_name_a_day_or_a_month() {
        assert_eq!(
            statement_end("includes latest available results which are for May 2015."),
            day(2015, 5, 31)
        );
        assert_eq!(
            statement_end("The RAG applied as at the 31st May 2015 was as follows"),
            day(2015, 5, 31)
        );
        assert_eq!(
            statement_end("As at 31/10/2012, Kent has 17"),
            day(2012, 10, 31)
        );
        assert_eq!(statement_end("October 2012"), day(2012, 10, 31));
        assert_eq!(statement_end("as at the end of October was £16m"), None);
        assert_eq!(statement_end("in 2013 there were 197 schools"), None);
    }
}
