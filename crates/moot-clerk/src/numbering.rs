//! How minutes and decisions are numbered.
//!
//! Minutes run on from the body's previous minutes: a number per body that
//! either runs for ever or starts again at 1 each municipal year (councils
//! do both; the packs show runs such as 18–32 for one meeting and 46 in
//! July for another). The municipal year opens on the first day of a month
//! the body chooses (May, after the annual meeting, in most councils).
//!
//! Decisions are numbered in the council's `YY/NNNNN` series: `YY` from the
//! decision's date, `NNNNN` running per council per calendar year and
//! zero-padded to five digits.

use moot_domain::Date;
use std::fmt;

/// How a body numbers its minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MinuteNumbering {
    /// One running number for the body's whole life.
    Running,
    /// Back to 1 at the first meeting of each municipal year, which opens
    /// on the first day of `starts_month` (1–12).
    ByMunicipalYear {
        /// The month the municipal year opens (5 for May).
        starts_month: u8,
    },
}

impl MinuteNumbering {
    /// How the scheme is stored: `running` or `municipal-year:5`.
    pub fn to_stored(self) -> String {
        match self {
            MinuteNumbering::Running => "running".to_owned(),
            MinuteNumbering::ByMunicipalYear { starts_month } => {
                format!("municipal-year:{starts_month}")
            }
        }
    }

    /// Reads a stored scheme back.
    pub fn from_stored(text: &str) -> Option<MinuteNumbering> {
        if text == "running" {
            return Some(MinuteNumbering::Running);
        }
        let month: u8 = text.strip_prefix("municipal-year:")?.parse().ok()?;
        (1..=12)
            .contains(&month)
            .then_some(MinuteNumbering::ByMunicipalYear {
                starts_month: month,
            })
    }

    /// The number the first minute of a meeting on `meeting` takes, given
    /// the body's last minute number and the day of its meeting.
    pub fn next(self, previous: Option<(Date, u32)>, meeting: Date) -> u32 {
        let Some((previous_date, number)) = previous else {
            return 1;
        };
        match self {
            MinuteNumbering::Running => number + 1,
            MinuteNumbering::ByMunicipalYear { starts_month } => {
                if municipal_year(previous_date, starts_month)
                    == municipal_year(meeting, starts_month)
                {
                    number + 1
                } else {
                    1
                }
            }
        }
    }
}

/// The calendar year a municipal year opening in `starts_month` began in.
pub fn municipal_year(date: Date, starts_month: u8) -> u16 {
    if date.month() >= starts_month {
        date.year()
    } else {
        date.year() - 1
    }
}

/// A decision number in the council's series, such as `15/00068`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct DecisionNumber {
    /// The year's last two digits.
    pub year: u8,
    /// The place in the year's series, from 1.
    pub serial: u32,
}

/// The highest serial a five-digit series holds.
pub const MAX_DECISION_SERIAL: u32 = 99_999;

impl DecisionNumber {
    /// Reads `YY/NNNNN` (exactly two and five digits).
    pub fn parse(text: &str) -> Option<DecisionNumber> {
        let (year, serial) = text.trim().split_once('/')?;
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(year, 2) || !digits(serial, 5) {
            return None;
        }
        Some(DecisionNumber {
            year: year.parse().ok()?,
            serial: serial.parse().ok()?,
        })
    }

    /// The number after the highest of `taken` in the series of `date`'s
    /// year (numbers of other years and other wordings are ignored);
    /// `None` once the year's five digits are used up.
    pub fn next<'a>(
        date: Date,
        taken: impl IntoIterator<Item = &'a str>,
    ) -> Option<DecisionNumber> {
        let year = (date.year() % 100) as u8;
        let highest = taken
            .into_iter()
            .filter_map(DecisionNumber::parse)
            .filter(|n| n.year == year)
            .map(|n| n.serial)
            .max()
            .unwrap_or(0);
        let serial = highest + 1;
        (serial <= MAX_DECISION_SERIAL).then_some(DecisionNumber { year, serial })
    }
}

impl fmt::Display for DecisionNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{:05}", self.year, self.serial)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: u16, m: u8, d: u8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    #[test]
    fn minutes_run_on_and_restart_only_at_a_new_municipal_year() {
        let may = MinuteNumbering::ByMunicipalYear { starts_month: 5 };
        let cases = [
            (MinuteNumbering::Running, None, day(2013, 9, 18), 1),
            (
                MinuteNumbering::Running,
                Some((day(2013, 7, 1), 32)),
                day(2014, 7, 1),
                33,
            ),
            (may, Some((day(2013, 7, 1), 32)), day(2014, 4, 30), 33),
            (may, Some((day(2014, 4, 30), 40)), day(2014, 5, 1), 1),
            (may, Some((day(2013, 5, 1), 3)), day(2013, 12, 1), 4),
            (may, None, day(2013, 5, 1), 1),
        ];
        for (scheme, previous, meeting, expected) in cases {
            assert_eq!(
                scheme.next(previous, meeting),
                expected,
                "{scheme:?} {previous:?}"
            );
        }
    }

    #[test]
    fn numbering_schemes_round_trip_and_bad_months_are_refused() {
        for scheme in [
            MinuteNumbering::Running,
            MinuteNumbering::ByMunicipalYear { starts_month: 5 },
        ] {
            assert_eq!(
                MinuteNumbering::from_stored(&scheme.to_stored()),
                Some(scheme)
            );
        }
        assert_eq!(MinuteNumbering::from_stored("municipal-year:13"), None);
        assert_eq!(MinuteNumbering::from_stored("yearly"), None);
    }

    #[test]
    fn decisions_run_per_year_and_start_again_across_a_year_boundary() {
        let taken = ["15/00067", "15/00068", "14/00102", "not a number", "15/9"];
        let next = DecisionNumber::next(day(2015, 12, 31), taken).unwrap();
        assert_eq!(next.to_string(), "15/00069");
        let new_year = DecisionNumber::next(day(2016, 1, 1), taken).unwrap();
        assert_eq!(new_year.to_string(), "16/00001");
        let full = DecisionNumber::next(day(2015, 6, 1), ["15/99999"]);
        assert_eq!(full, None);
        assert_eq!(
            DecisionNumber::next(day(2000, 3, 1), [])
                .unwrap()
                .to_string(),
            "00/00001"
        );
    }

    #[test]
    fn only_two_and_five_digits_read_as_a_decision_number() {
        assert_eq!(
            DecisionNumber::parse("15/00068"),
            Some(DecisionNumber {
                year: 15,
                serial: 68
            })
        );
        for bad in ["2015/00068", "15/068", "15-00068", "ab/cdefg", ""] {
            assert_eq!(DecisionNumber::parse(bad), None, "{bad}");
        }
    }
}
