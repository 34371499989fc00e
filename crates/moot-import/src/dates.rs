//! Dates and times as packs print them: "Wednesday, 18th September, 2013",
//! "18 September 2013", "Tuesday 22 July 2014", "22/07/2014"; "6.30 pm",
//! "10.00am", "2pm", "14:00", "noon".

use moot_domain::{Date, Time};
use regex::Regex;
use std::sync::LazyLock;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The month number (1–12) of an English month name or its abbreviation.
pub fn month_number(name: &str) -> Option<u8> {
    let lower = name.to_ascii_lowercase();
    let lower = lower.trim_end_matches('.');
    if lower.len() < 3 {
        return None;
    }
    let index = MONTHS.iter().position(|m| lower.starts_with(m))?;
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ][index];
    (full.starts_with(lower) || lower == "sept").then(|| index as u8 + 1)
}

static LONG_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})\.?,?\s+(\d{4})\b")
        .expect("valid regex")
});
/// "22/07/2014", "03.04.15", and with hyphens only with a four-digit year
/// ("25-04-2016"), so that references such as "10-18" stay references.
static NUMERIC_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b|\b(\d{1,2})-(\d{1,2})-(\d{4})\b")
        .expect("valid regex")
});

/// The first date written out in `text`, with its byte range.
pub fn find_date(text: &str) -> Option<(Date, std::ops::Range<usize>)> {
    // Every date has ASCII digits (others do not parse): most lines have
    // none, and this scan is far cheaper than the date patterns.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let long = LONG_DATE.captures_iter(text).find_map(|c| {
        let month = month_number(&c[2])?;
        let date = Date::new(c[3].parse().ok()?, month, c[1].parse().ok()?)?;
        Some((date, c.get(0)?.range()))
    });
    let numeric = NUMERIC_DATE.captures_iter(text).find_map(|c| {
        let part = |slashed: usize| c.get(slashed).or_else(|| c.get(slashed + 3));
        let year: u16 = part(3)?.as_str().parse().ok()?;
        let year = if year < 100 { 2000 + year } else { year };
        let month = part(2)?.as_str().parse().ok()?;
        let date = Date::new(year, month, part(1)?.as_str().parse().ok()?)?;
        Some((date, c.get(0)?.range()))
    });
    match (long, numeric) {
        (Some(a), Some(b)) => Some(if a.1.start <= b.1.start { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// The first date written out in `text`.
pub fn parse_date(text: &str) -> Option<Date> {
    find_date(text).map(|(date, _)| date)
}

/// The first clock time in `text`: "6.30 pm", "10.00am", "2pm", "14:00",
/// "noon", "midday".
pub fn parse_time(text: &str) -> Option<Time> {
    static TWELVE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(\d{1,2})(?:[.:](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)(?:\W|$)")
            .expect("valid regex")
    });
    static TWENTY_FOUR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b([01]?\d|2[0-3]):([0-5]\d)\b").expect("valid regex"));
    static NOON: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\b(?:(?:12\s+)?noon|midday)\b").expect("valid regex"));
    if let Some(c) = TWELVE.captures(text) {
        let hour: u8 = c[1].parse().ok()?;
        let minute: u8 = c.get(2).map_or(Some(0), |m| m.as_str().parse().ok())?;
        if !(1..=12).contains(&hour) {
            return None;
        }
        let pm = c[3].to_ascii_lowercase().starts_with('p');
        let hour = match (hour, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (h, true) => h + 12,
            (h, false) => h,
        };
        return Time::new(hour, minute);
    }
    if let Some(c) = TWENTY_FOUR.captures(text) {
        return Time::new(c[1].parse().ok()?, c[2].parse().ok()?);
    }
    NOON.is_match(text).then(|| Time::new(12, 0)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<String> {
        parse_date(text).map(|d| d.to_string())
    }

    fn time(text: &str) -> Option<String> {
        parse_time(text).map(|t| t.to_string())
    }

    #[test]
    fn long_dates_in_house_styles() {
        assert_eq!(
            date("Wednesday, 18th September, 2013").as_deref(),
            Some("2013-09-18")
        );
        assert_eq!(
            date("Tuesday, 22 July 2014, 2.00 pm").as_deref(),
            Some("2014-07-22")
        );
        assert_eq!(date("held on 9 Sept 2015").as_deref(), Some("2015-09-09"));
        assert_eq!(date("1st of April 2012").as_deref(), Some("2012-04-01"));
    }

    #[test]
    fn numeric_dates_are_day_first() {
        assert_eq!(date("22/07/2014").as_deref(), Some("2014-07-22"));
        assert_eq!(date("03.04.15").as_deref(), Some("2015-04-03"));
        assert_eq!(date("Board - 25-04-2016").as_deref(), Some("2016-04-25"));
        assert_eq!(date("minute 10-18"), None);
    }

    #[test]
    fn impossible_or_wordy_dates_are_not_dates() {
        assert_eq!(date("31 April 2013"), None);
        assert_eq!(date("12 members 2013"), None);
        assert_eq!(date("Pages 1 - 8"), None);
    }

    #[test]
    fn times_in_house_styles() {
        assert_eq!(time("at 6.30 pm").as_deref(), Some("18:30"));
        assert_eq!(time("10.00am").as_deref(), Some("10:00"));
        assert_eq!(time("2pm").as_deref(), Some("14:00"));
        assert_eq!(time("12.15 p.m.").as_deref(), Some("12:15"));
        assert_eq!(time("14:00").as_deref(), Some("14:00"));
        assert_eq!(time("12 noon").as_deref(), Some("12:00"));
        assert_eq!(time("at midday").as_deref(), Some("12:00"));
        assert_eq!(time("Item 13.5 of the report"), None);
    }
}
