//! The rules of the committee cycle that a clerk must keep, as pure
//! functions: Moot computes them so it can warn before a rule is broken.
//!
//! - [`holidays`]: England and Wales bank holidays, shipped as a list and
//!   replaceable by a newer file without a release.
//! - [`notice`]: clear working days between publishing an agenda and the
//!   meeting (the Local Government Act 1972 asks for five).
//! - [`numbering`]: minutes numbered on from the body's previous minutes,
//!   and decisions in the council's `YY/NNNNN` series.
//! - [`lifecycle`]: agendas from draft to published; minutes from draft to
//!   published to confirmed, and which steps each state refuses.
//! - [`records`]: roles, seats, terms, kinds of interest, Schedule 12A
//!   paragraphs and the papers an agenda may carry.
//! - [`fields`]: validation errors per form field.
//! - [`printed`]: the text of a published agenda and minutes, exempt
//!   business left out, with the lines each record took.
//!
//! Pure: no IO and no clock; callers pass today's date and the list's text.

pub mod fields;
pub mod holidays;
pub mod lifecycle;
pub mod notice;
pub mod numbering;
pub mod printed;
pub mod records;

pub use fields::FieldErrors;
pub use holidays::{BankHolidays, HolidayListError};
pub use lifecycle::{AgendaState, MinutesState, MinutesStep, Refused};
pub use notice::{clear_working_days, NoticeCheck, ACCEPT_SHORT_NOTICE, REQUIRED_CLEAR_DAYS};
pub use numbering::{municipal_year, DecisionNumber, MinuteNumbering};
pub use records::{
    check_paper, BodyRole, ExemptParagraph, InterestKind, PaperFormat, Presence, Seat, Term,
    MAX_PAPER_BYTES,
};
