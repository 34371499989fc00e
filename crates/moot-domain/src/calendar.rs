//! Calendar dates and clock times as the packs print them, without a
//! time-zone library: meetings are local to the council, and the model only
//! needs to compare, order and print them.

use std::fmt;

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const WEEKDAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A calendar date (proleptic Gregorian), always valid once built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// Builds a date, or `None` when the day does not exist (31 April, 29
    /// February outside a leap year, year outside 1900..=2200).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid = (1900..=2200).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// The year, e.g. 2013.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(self) -> u8 {
        self.day
    }

    /// The month's English name: "September".
    pub fn month_name(self) -> &'static str {
        MONTH_NAMES[usize::from(self.month - 1)]
    }

    /// The weekday's English name: "Wednesday".
    pub fn weekday_name(self) -> &'static str {
        // Day 0, 1 January 1900, was a Monday.
        WEEKDAY_NAMES[self.days_since_epoch().rem_euclid(7) as usize]
    }

    /// The date as UK pages and packs print it: "Wednesday 18 September
    /// 2013".
    pub fn in_words(self) -> String {
        format!(
            "{} {} {} {}",
            self.weekday_name(),
            self.day,
            self.month_name(),
            self.year
        )
    }

    /// Days since 1 January 1900, handy for differences and weekdays.
    pub fn days_since_epoch(self) -> i64 {
        let mut days = 0i64;
        for y in 1900..self.year {
            days += if is_leap(y) { 366 } else { 365 };
        }
        for m in 1..self.month {
            days += i64::from(days_in_month(self.year, m));
        }
        days + i64::from(self.day) - 1
    }

    /// The date `days` after 1 January 1900 (the inverse of
    /// [`Date::days_since_epoch`]), or `None` outside the years `Date` holds.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        let mut left = days;
        let mut year = 1900u16;
        while left >= year_length(year) {
            left -= year_length(year);
            year = year.checked_add(1).filter(|y| *y <= 2200)?;
        }
        if left < 0 {
            return None;
        }
        let mut month = 1u8;
        while left >= i64::from(days_in_month(year, month)) {
            left -= i64::from(days_in_month(year, month));
            month += 1;
        }
        Date::new(year, month, u8::try_from(left + 1).ok()?)
    }

    /// Seconds since the Unix epoch at 00:00 UTC on this date.
    pub fn unix_seconds(self) -> i64 {
        (self.days_since_epoch() - UNIX_EPOCH_DAYS) * 86_400
    }

    /// The calendar date in the United Kingdom at `unix_seconds` (seconds
    /// since 1970-01-01T00:00Z): British Summer Time (UTC+1) runs from
    /// 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
    /// Sunday of October. `None` outside the years `Date` holds.
    pub fn in_united_kingdom(unix_seconds: i64) -> Option<Date> {
        const SECONDS_PER_DAY: i64 = 86_400;
        let utc = Date::from_days_since_epoch(
            unix_seconds.div_euclid(SECONDS_PER_DAY) + UNIX_EPOCH_DAYS,
        )?;
        let summer_starts = last_sunday(utc.year, 3)?.unix_seconds() + 3_600;
        let summer_ends = last_sunday(utc.year, 10)?.unix_seconds() + 3_600;
        let offset = if (summer_starts..summer_ends).contains(&unix_seconds) {
            3_600
        } else {
            0
        };
        Date::from_days_since_epoch(
            (unix_seconds + offset).div_euclid(SECONDS_PER_DAY) + UNIX_EPOCH_DAYS,
        )
    }
}

/// Days from 1 January 1900 to 1 January 1970.
const UNIX_EPOCH_DAYS: i64 = 25_567;

/// The last Sunday of `month` in `year` (1 January 1900 was a Monday).
fn last_sunday(year: u16, month: u8) -> Option<Date> {
    let last = Date::new(year, month, days_in_month(year, month))?;
    let back = (last.days_since_epoch() + 1).rem_euclid(7);
    Date::from_days_since_epoch(last.days_since_epoch() - back)
}

fn year_length(year: u16) -> i64 {
    if is_leap(year) {
        366
    } else {
        365
    }
}

/// ISO 8601, `YYYY-MM-DD`.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 31,
    }
}

/// A 24-hour clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time {
    hour: u8,
    minute: u8,
}

impl Time {
    /// Builds a time, or `None` outside 00:00..=23:59.
    pub fn new(hour: u8, minute: u8) -> Option<Time> {
        (hour < 24 && minute < 60).then_some(Time { hour, minute })
    }

    /// The hour, 0 to 23.
    pub fn hour(self) -> u8 {
        self.hour
    }

    /// The minute, 0 to 59.
    pub fn minute(self) -> u8 {
        self.minute
    }

    /// The time as GOV.UK style writes it, on pages and in packs alike:
    /// "2pm", "6:30pm", "10am", "12:15am", "midday", "midnight".
    pub fn in_words(self) -> String {
        match (self.hour, self.minute) {
            (12, 0) => "midday".to_owned(),
            (0, 0) => "midnight".to_owned(),
            (hour, minute) => {
                let half = if hour < 12 { "am" } else { "pm" };
                let hour = (hour + 11) % 12 + 1;
                if minute == 0 {
                    format!("{hour}{half}")
                } else {
                    format!("{hour}:{minute:02}{half}")
                }
            }
        }
    }
}

/// `HH:MM`.
impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_in_words_names_its_weekday_and_month() {
        let date = Date::new(2013, 9, 18).unwrap();
        assert_eq!(date.in_words(), "Wednesday 18 September 2013");
        assert_eq!(Date::new(1900, 1, 1).unwrap().weekday_name(), "Monday");
        assert_eq!(
            Date::new(2024, 2, 29).unwrap().in_words(),
            "Thursday 29 February 2024"
        );
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert!(Date::new(2013, 2, 29).is_none());
        assert!(Date::new(2012, 2, 29).is_some());
        assert!(Date::new(2013, 4, 31).is_none());
        assert!(Date::new(2013, 13, 1).is_none());
    }

    #[test]
    fn times_in_words_follow_govuk_style() {
        let words = |h, m| Time::new(h, m).unwrap().in_words();
        assert_eq!(words(14, 0), "2pm");
        assert_eq!(words(18, 30), "6:30pm");
        assert_eq!(words(10, 0), "10am");
        assert_eq!(words(0, 15), "12:15am");
        assert_eq!(words(12, 45), "12:45pm");
        assert_eq!(words(12, 0), "midday");
        assert_eq!(words(0, 0), "midnight");
    }

    #[test]
    fn dates_print_as_iso() {
        assert_eq!(Date::new(2013, 9, 8).unwrap().to_string(), "2013-09-08");
        assert_eq!(Time::new(18, 30).unwrap().to_string(), "18:30");
    }

    #[test]
    fn days_since_epoch_round_trips() {
        for days in [0, 59, 60, 365, 366, 41_533, 109_937] {
            let date = Date::from_days_since_epoch(days).unwrap();
            assert_eq!(date.days_since_epoch(), days, "{date}");
        }
        assert_eq!(Date::from_days_since_epoch(41_533), Date::new(2013, 9, 18));
        assert!(Date::from_days_since_epoch(-1).is_none());
        assert!(Date::from_days_since_epoch(200_000).is_none());
    }

    #[test]
    fn the_united_kingdom_date_follows_british_summer_time() {
        // 2026-03-29 is the last Sunday of March; 2026-10-25 of October.
        let at = |date: Date, hours: i64| date.unix_seconds() + hours * 3_600;
        let june = Date::new(2026, 6, 30).unwrap();
        assert_eq!(Date::in_united_kingdom(at(june, 23)), Date::new(2026, 7, 1));
        let december = Date::new(2026, 12, 1).unwrap();
        assert_eq!(Date::in_united_kingdom(at(december, 23)), Some(december));
        let before_change = Date::new(2026, 3, 28).unwrap();
        assert_eq!(
            Date::in_united_kingdom(at(before_change, 23)),
            Some(before_change)
        );
        assert_eq!(last_sunday(2026, 3), Date::new(2026, 3, 29));
        assert_eq!(last_sunday(2026, 10), Date::new(2026, 10, 25));
        let october_end = Date::new(2026, 10, 24).unwrap();
        assert_eq!(
            Date::in_united_kingdom(at(october_end, 23)),
            Date::new(2026, 10, 25)
        );
    }

    #[test]
    fn days_since_epoch_counts_leap_years() {
        let a = Date::new(2012, 2, 28).unwrap().days_since_epoch();
        let b = Date::new(2012, 3, 1).unwrap().days_since_epoch();
        assert_eq!(b - a, 2);
    }
}
