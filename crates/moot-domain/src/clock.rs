//! The one clock: what "now" and "today" are for Moot.
//!
//! Everything that asks for the time takes a [`Clock`] (the site holds one
//! in its state), so tests run at a fixed instant ([`FixedClock`]) and no
//! test depends on the day it runs. [`SystemClock`] is the only place that
//! reads the system time. "Today" is the clerk's day: the calendar date in
//! the United Kingdom ([`Date::in_united_kingdom`], British Summer Time
//! without a time-zone database), never the UTC date, so a notice period
//! counted just after midnight in summer does not gain a day.
//!
//! Pure crates (the importer, the clerk's rules, the pack builder) never
//! take a clock: their callers pass them dates.

use crate::Date;
use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// A source of the current instant.
pub trait Clock: fmt::Debug + Send + Sync {
    /// Seconds since 1970-01-01T00:00Z.
    fn unix_seconds(&self) -> i64;

    /// Today in the United Kingdom, or `None` outside the years [`Date`]
    /// holds.
    fn today(&self) -> Option<Date> {
        Date::in_united_kingdom(self.unix_seconds())
    }
}

/// The system's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn unix_seconds(&self) -> i64 {
        match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(since) => i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
            Err(before) => -i64::try_from(before.duration().as_secs()).unwrap_or(i64::MAX),
        }
    }
}

/// A clock stopped at one instant, for tests and reproducible runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedClock {
    unix_seconds: i64,
}

impl FixedClock {
    /// Stopped at `unix_seconds` (seconds since 1970-01-01T00:00Z).
    pub fn at(unix_seconds: i64) -> FixedClock {
        FixedClock { unix_seconds }
    }

    /// Stopped at `hour:minute` UTC on `date`.
    pub fn at_utc(date: Date, hour: u8, minute: u8) -> FixedClock {
        FixedClock::at(date.unix_seconds() + i64::from(hour) * 3_600 + i64::from(minute) * 60)
    }
}

impl Clock for FixedClock {
    fn unix_seconds(&self) -> i64 {
        self.unix_seconds
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: u16, m: u8, d: u8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    fn today_at(date: Date, hour: u8, minute: u8) -> Option<Date> {
        FixedClock::at_utc(date, hour, minute).today()
    }

    #[test]
    fn just_after_midnight_in_summer_is_the_next_day_in_the_united_kingdom() {
        // 23:30 UTC on 30 June is 00:30 BST on 1 July.
        assert_eq!(today_at(day(2026, 6, 30), 23, 30), Some(day(2026, 7, 1)));
        assert_eq!(today_at(day(2026, 6, 30), 22, 59), Some(day(2026, 6, 30)));
        assert_eq!(today_at(day(2026, 6, 30), 23, 0), Some(day(2026, 7, 1)));
    }

    #[test]
    fn in_winter_the_united_kingdom_keeps_utc() {
        assert_eq!(today_at(day(2026, 12, 1), 23, 59), Some(day(2026, 12, 1)));
        assert_eq!(today_at(day(2027, 1, 1), 0, 0), Some(day(2027, 1, 1)));
    }

    #[test]
    fn summer_time_starts_at_one_utc_on_the_last_sunday_of_march() {
        // 2026-03-29 is the last Sunday of March: before 01:00 UTC it is
        // GMT, from 01:00 UTC BST; neither moves the date at that hour, so
        // the edge shows at 23:00 UTC, an hour before midnight.
        assert_eq!(today_at(day(2026, 3, 28), 23, 59), Some(day(2026, 3, 28)));
        assert_eq!(today_at(day(2026, 3, 29), 23, 0), Some(day(2026, 3, 30)));
        assert_eq!(today_at(day(2026, 3, 29), 0, 59), Some(day(2026, 3, 29)));
        assert_eq!(today_at(day(2026, 3, 29), 1, 0), Some(day(2026, 3, 29)));
    }

    #[test]
    fn summer_time_ends_at_one_utc_on_the_last_sunday_of_october() {
        // 2026-10-25 is the last Sunday of October.
        assert_eq!(today_at(day(2026, 10, 24), 23, 0), Some(day(2026, 10, 25)));
        assert_eq!(today_at(day(2026, 10, 25), 0, 59), Some(day(2026, 10, 25)));
        assert_eq!(today_at(day(2026, 10, 25), 23, 0), Some(day(2026, 10, 25)));
        // 2027: the last Sunday of October is the 31st, of March the 28th.
        assert_eq!(today_at(day(2027, 10, 30), 23, 30), Some(day(2027, 10, 31)));
        assert_eq!(today_at(day(2027, 10, 31), 23, 30), Some(day(2027, 10, 31)));
        assert_eq!(today_at(day(2027, 3, 27), 23, 30), Some(day(2027, 3, 27)));
        assert_eq!(today_at(day(2027, 3, 28), 23, 30), Some(day(2027, 3, 29)));
    }

    #[test]
    fn summer_time_is_counted_to_the_second() {
        // The last second of BST in 2026 is 00:59:59 UTC on 25 October;
        // 23:00 UTC on the evening before is already the 25th (BST), and
        // 23:00 UTC on the 25th is still the 25th (GMT again).
        let october = day(2026, 10, 25);
        let end = october.unix_seconds() + 3_600;
        assert_eq!(
            Date::in_united_kingdom(october.unix_seconds() - 3_600),
            Some(october)
        );
        assert_eq!(
            Date::in_united_kingdom(october.unix_seconds() - 3_601),
            Some(day(2026, 10, 24))
        );
        assert_eq!(Date::in_united_kingdom(end - 1), Some(october));
        assert_eq!(Date::in_united_kingdom(end + 22 * 3_600), Some(october));
        // BST's first second, 01:00:00 UTC on 29 March: 23:00 UTC that
        // evening is the 30th.
        let march = day(2026, 3, 29);
        let start = march.unix_seconds() + 3_600;
        assert_eq!(Date::in_united_kingdom(start + 22 * 3_600 - 1), Some(march));
        assert_eq!(
            Date::in_united_kingdom(start + 22 * 3_600),
            Some(day(2026, 3, 30))
        );
        assert_eq!(
            Date::in_united_kingdom(march.unix_seconds() - 1),
            Some(day(2026, 3, 28))
        );
    }

    #[test]
    fn the_system_clock_is_after_this_code_was_written() {
        assert!(
            SystemClock.unix_seconds() > FixedClock::at_utc(day(2026, 1, 1), 0, 0).unix_seconds()
        );
    }
}
