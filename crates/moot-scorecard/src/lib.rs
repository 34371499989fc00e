//! Scorecard rules: how an indicator's result becomes Red, Amber or Green,
//! and whether it improved.
//!
//! Councils state their rules in words ("Green: Current target achieved or
//! exceeded. Red: Performance is below a pre-defined minimum standard.
//! Amber: below current target but above minimum standard"), sometimes as
//! explicit bands ("Green 85% and above, Amber from 76.5% to 85%, Red
//! below 76.5%"), and then rate by hand in spreadsheets, so packs
//! contradict themselves. This crate rates by the stated rule, so every
//! printed rating can be checked against it:
//!
//! - [`figure`] reads printed results and thresholds ("85.7%", "9,287").
//! - [`bands`] reads and applies explicit bands, two-sided ones included.
//! - [`rule`] is an indicator's rule (bands, or target and minimum
//!   standard with a polarity) and the rating it gives.
//! - [`direction`] judges the direction of travel by polarity.
//! - [`check`] compares a printed rating with the rule's.
//! - [`csv_load`] reads indicator values from a CSV file's bytes, all
//!   rows or every bad row with its line.
//!
//! Pure: no IO, no clock. A rule that cannot decide (a value in a gap
//! between bands, a two-sided indicator without bands) says so with
//! `None` rather than guessing.

pub mod bands;
pub mod check;
pub mod csv_load;
pub mod direction;
pub mod figure;
pub mod rule;

pub use bands::{Band, Bands};
pub use check::{check_rating, RatingCheck};
pub use csv_load::{read_indicator_csv, CsvIndicatorRow, CsvProblem};
pub use direction::{direction_of_travel, Direction};
pub use figure::Figure;
pub use rule::Rule;
