//! The rules of the committee cycle that a clerk must keep, as pure
//! functions: Moot computes them so it can warn before a rule is broken.
//!
//! - [`holidays`]: England and Wales bank holidays, shipped as a list and
//!   replaceable by a newer file without a release.
//! - [`notice`]: clear working days between publishing an agenda and the
//!   meeting (the Local Government Act 1972 asks for five).
//!
//! Pure: no IO and no clock; callers pass today's date and the list's text.

pub mod holidays;
pub mod notice;

pub use holidays::{BankHolidays, HolidayListError};
pub use notice::{clear_working_days, NoticeCheck, REQUIRED_CLEAR_DAYS};
