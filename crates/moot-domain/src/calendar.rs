//! Calendar dates and clock times as the packs print them, without a
//! time-zone library: meetings are local to the council, and the model only
//! needs to compare, order and print them.

use std::fmt;

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
    fn impossible_dates_are_refused() {
        assert!(Date::new(2013, 2, 29).is_none());
        assert!(Date::new(2012, 2, 29).is_some());
        assert!(Date::new(2013, 4, 31).is_none());
        assert!(Date::new(2013, 13, 1).is_none());
    }

    #[test]
    fn dates_print_as_iso() {
        assert_eq!(Date::new(2013, 9, 8).unwrap().to_string(), "2013-09-08");
        assert_eq!(Time::new(18, 30).unwrap().to_string(), "18:30");
    }

    #[test]
    fn days_since_epoch_counts_leap_years() {
        let a = Date::new(2012, 2, 28).unwrap().days_since_epoch();
        let b = Date::new(2012, 3, 1).unwrap().days_since_epoch();
        assert_eq!(b - a, 2);
    }
}
