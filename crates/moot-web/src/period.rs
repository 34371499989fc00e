//! A scorecard period in words: "12 months to 31 October 2012" for a
//! printed `R12M`, "Q4 2023/24" for `Q4 23/24`, "November 2026" for
//! `2026-11`. The printed label and the period's last day (where the pack
//! or file gives it) are all there is; a label this does not know is
//! shown as printed, with the last day after it.

use moot_domain::Date;

/// The period in words, from its printed label and its last day.
pub fn period_words(label: Option<&str>, end: Option<Date>) -> Option<String> {
    let label = label.map(str::trim).filter(|l| !l.is_empty());
    let Some(label) = label else {
        return end.map(|d| format!("To {}", day_month_year(d)));
    };
    if let Some(words) = kind_words(label, end) {
        return Some(words);
    }
    if let Some(words) = quarter_words(label, end) {
        return Some(words);
    }
    if let Some(words) = iso_month(label) {
        return Some(words);
    }
    if let Some(words) = financial_year(label) {
        return Some(words);
    }
    Some(match end {
        Some(d) if !mentions_year(label) => format!("{label}, to {}", day_month_year(d)),
        _ => label.to_owned(),
    })
}

/// "31 October 2012".
pub fn day_month_year(date: Date) -> String {
    format!("{} {} {}", date.day(), date.month_name(), date.year())
}

/// The kinds of period packs abbreviate (rolling twelve months, year to
/// date, snapshot, month, quarter, cumulative), dated by the last day.
fn kind_words(label: &str, end: Option<Date>) -> Option<String> {
    let key: String = label
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    let end = end?;
    let to = day_month_year(end);
    Some(match key.as_str() {
        "r12m" | "12m" | "rolling12months" | "12months" | "12monthrolling" => {
            format!("12 months to {to}")
        }
        "ytd" | "yeartodate" | "fytd" => format!("Year to date, to {to}"),
        "ss" | "snapshot" | "asat" => format!("Snapshot at {to}"),
        "month" | "monthly" | "m" => format!("{} {}", end.month_name(), end.year()),
        "quarter" | "quarterly" | "qtr" | "q" => quarter_of(end),
        "cumulative" | "cum" => format!("Cumulative to {to}"),
        "year" | "annual" | "yearly" => format!("Year to {to}"),
        _ => return None,
    })
}

/// "Q3 14/15" or "Q3 2014-15" as "Q3 2014/15"; a bare "Q4" takes its
/// financial year from the last day.
fn quarter_words(label: &str, end: Option<Date>) -> Option<String> {
    let rest = label
        .strip_prefix(['Q', 'q'])
        .or_else(|| label.strip_prefix("Quarter ").map(str::trim_start))?;
    let quarter = rest.chars().next().filter(|c| ('1'..='4').contains(c))?;
    let years = rest[1..].trim();
    if years.is_empty() {
        return end
            .filter(|d| quarter_of(*d).starts_with(&format!("Q{quarter} ")))
            .map(quarter_of);
    }
    let first = years.split(['/', '-']).next()?.trim();
    let start = full_year(first)?;
    Some(format!("Q{quarter} {}", financial_year_text(start)))
}

/// The UK financial quarter (Q1 is April to June) a day falls in.
fn quarter_of(day: Date) -> String {
    let (quarter, start) = match day.month() {
        4..=6 => (1, day.year()),
        7..=9 => (2, day.year()),
        10..=12 => (3, day.year()),
        _ => (4, day.year() - 1),
    };
    format!("Q{quarter} {}", financial_year_text(start))
}

/// "2014/15".
fn financial_year_text(start: u16) -> String {
    format!("{start}/{:02}", (start + 1) % 100)
}

/// "2013/14", "2013-14" or "13/14" as "2013/14".
fn financial_year(label: &str) -> Option<String> {
    let (a, b) = label.split_once(['/', '-'])?;
    let start = full_year(a.trim())?;
    let next: u16 = b.trim().parse().ok()?;
    (next % 100 == (start + 1) % 100 && b.trim().len() <= 4).then(|| financial_year_text(start))
}

/// "2026-11" as "November 2026".
fn iso_month(label: &str) -> Option<String> {
    let (y, m) = label.split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    let date = Date::new(y.parse().ok()?, m.parse().ok()?, 1)?;
    Some(format!("{} {}", date.month_name(), date.year()))
}

/// A two- or four-digit year ("14" is 2014).
fn full_year(text: &str) -> Option<u16> {
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match text.len() {
        2 => Some(2000 + text.parse::<u16>().ok()?),
        4 => text.parse().ok(),
        _ => None,
    }
}

/// Whether a label already names a year ("May 2015", "2013/14").
fn mentions_year(label: &str) -> bool {
    label
        .split(|c: char| !c.is_ascii_digit())
        .any(|run| run.len() == 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_periods_read_as_words() {
        let oct = Date::new(2012, 10, 31);
        let may = Date::new(2015, 5, 31);
        let cases: &[(Option<&str>, Option<Date>, Option<&str>)] = &[
            (Some("R12M"), oct, Some("12 months to 31 October 2012")),
            (Some("12M"), oct, Some("12 months to 31 October 2012")),
            (Some("YTD"), may, Some("Year to date, to 31 May 2015")),
            (Some("SS"), may, Some("Snapshot at 31 May 2015")),
            (Some("Month"), oct, Some("October 2012")),
            (Some("Quarterly"), oct, Some("Q3 2012/13")),
            (
                Some("Cumulative"),
                oct,
                Some("Cumulative to 31 October 2012"),
            ),
            (Some("Q3 14/15"), None, Some("Q3 2014/15")),
            (Some("Q4 2023/24"), None, Some("Q4 2023/24")),
            (Some("Q4"), Date::new(2026, 3, 31), Some("Q4 2025/26")),
            (
                Some("Q1"),
                Date::new(2026, 3, 31),
                Some("Q1, to 31 March 2026"),
            ),
            (Some("2013/14"), None, Some("2013/14")),
            (Some("13-14"), None, Some("2013/14")),
            (Some("2026-11"), None, Some("November 2026")),
            (Some("May 2015"), may, Some("May 2015")),
            (Some("R12M"), None, Some("R12M")),
            (Some("Week 3"), oct, Some("Week 3, to 31 October 2012")),
            (None, oct, Some("To 31 October 2012")),
            (Some("  "), None, None),
            (None, None, None),
        ];
        for (label, end, expected) in cases {
            assert_eq!(
                period_words(*label, *end).as_deref(),
                *expected,
                "{label:?} {end:?}"
            );
        }
    }
}
