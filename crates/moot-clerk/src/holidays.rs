//! Bank holidays in England and Wales. The list is data, not code: one
//! holiday a line, ISO date then name, as in
//! `data/bank-holidays-england-and-wales.txt`, which ships inside Moot. A
//! council can load a newer file of the same form (a new coronation, a
//! moved May holiday) without a new release. A list knows the years it
//! covers, so a date beyond them is reported rather than assumed to be an
//! ordinary working day.

use moot_domain::Date;
use std::collections::BTreeMap;

/// The list Moot ships.
const SHIPPED: &str = include_str!("../data/bank-holidays-england-and-wales.txt");

/// Why a holiday list was refused, with the line at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HolidayListError {
    /// A line is not `YYYY-MM-DD name`.
    #[error("line {line}: expected a date as YYYY-MM-DD then a name, found {text:?}")]
    Malformed {
        /// The 1-based line number.
        line: usize,
        /// The line as found.
        text: String,
    },
    /// The list names no holiday at all.
    #[error("the list names no bank holiday")]
    Empty,
}

/// A set of bank holidays and the years it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankHolidays {
    days: BTreeMap<Date, String>,
    first_year: u16,
    last_year: u16,
}

impl BankHolidays {
    /// The list shipped with Moot.
    pub fn shipped() -> BankHolidays {
        BankHolidays::parse(SHIPPED).expect("the shipped bank holiday list is valid")
    }

    /// Reads a list; every line must be a holiday, a comment (`#`) or
    /// blank, so a damaged file is refused whole, naming its line.
    pub fn parse(text: &str) -> Result<BankHolidays, HolidayListError> {
        let mut days = BTreeMap::new();
        for (index, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (date, name) = holiday_line(line).ok_or_else(|| HolidayListError::Malformed {
                line: index + 1,
                text: line.to_owned(),
            })?;
            days.insert(date, name.to_owned());
        }
        let first_year = days.keys().next().ok_or(HolidayListError::Empty)?.year();
        let last_year = days.keys().next_back().map_or(first_year, |d| d.year());
        Ok(BankHolidays {
            days,
            first_year,
            last_year,
        })
    }

    /// The holiday's name when `date` is a bank holiday.
    pub fn name(&self, date: Date) -> Option<&str> {
        self.days.get(&date).map(String::as_str)
    }

    /// Whether the list covers `date`'s year (outside it, holidays are
    /// not known).
    pub fn covers(&self, date: Date) -> bool {
        (self.first_year..=self.last_year).contains(&date.year())
    }

    /// The last year the list covers.
    pub fn last_year(&self) -> u16 {
        self.last_year
    }
}

fn holiday_line(line: &str) -> Option<(Date, &str)> {
    let (date, name) = line.split_once(char::is_whitespace)?;
    let mut parts = date.split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    let name = name.trim();
    (parts.next().is_none() && !name.is_empty()).then_some(())?;
    Some((Date::new(year, month, day)?, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_list_knows_christmas_and_its_substitute_days() {
        let list = BankHolidays::shipped();
        assert_eq!(
            list.name(Date::new(2026, 12, 25).unwrap()),
            Some("Christmas Day")
        );
        assert!(list.name(Date::new(2026, 12, 28).unwrap()).is_some());
        assert!(list.name(Date::new(2026, 12, 24).unwrap()).is_none());
        assert!(list.covers(Date::new(2026, 6, 1).unwrap()));
        assert!(!list.covers(Date::new(2040, 6, 1).unwrap()));
    }

    #[test]
    fn a_newer_list_replaces_the_shipped_one() {
        let list = BankHolidays::parse("# 2031\n2031-05-05 Early May bank holiday\n").unwrap();
        assert!(list.name(Date::new(2031, 5, 5).unwrap()).is_some());
        assert_eq!(list.last_year(), 2031);
    }

    #[test]
    fn a_damaged_list_is_refused_with_its_line() {
        let err = BankHolidays::parse("2026-01-01 New Year's Day\n2026-13-01 Nonsense\n");
        assert!(matches!(
            err,
            Err(HolidayListError::Malformed { line: 2, .. })
        ));
        let err = BankHolidays::parse("2026-01-01\n");
        assert!(matches!(
            err,
            Err(HolidayListError::Malformed { line: 1, .. })
        ));
        assert_eq!(
            BankHolidays::parse("# nothing\n\n"),
            Err(HolidayListError::Empty)
        );
    }
}
