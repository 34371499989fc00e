//! Notice of a meeting: the agenda must be published at least five clear
//! working days before it (Local Government Act 1972, s.100B). "Clear"
//! days leave out both the day of publication and the day of the meeting;
//! working days leave out Saturdays, Sundays and bank holidays.

use crate::fields::FieldErrors;
use crate::holidays::BankHolidays;
use moot_domain::Date;

/// The clear working days of notice the law asks for.
pub const REQUIRED_CLEAR_DAYS: u32 = 5;

/// What a notice period amounts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticeCheck {
    /// At least the required clear working days remain.
    Enough {
        /// How many there are.
        clear_days: u32,
    },
    /// Fewer than required remain: the clerk must be warned.
    TooFew {
        /// How many there are.
        clear_days: u32,
    },
    /// The bank holiday list does not cover the period, so the count
    /// cannot be trusted; the list needs updating.
    HolidaysUnknown {
        /// The last year the list covers.
        list_ends: u16,
    },
}

impl NoticeCheck {
    /// Checks publishing on `published` for a meeting on `meeting`.
    pub fn of(published: Date, meeting: Date, holidays: &BankHolidays) -> NoticeCheck {
        if !holidays.covers(published) || !holidays.covers(meeting) {
            return NoticeCheck::HolidaysUnknown {
                list_ends: holidays.last_year(),
            };
        }
        let clear_days = clear_working_days(published, meeting, holidays);
        if clear_days >= REQUIRED_CLEAR_DAYS {
            NoticeCheck::Enough { clear_days }
        } else {
            NoticeCheck::TooFew { clear_days }
        }
    }
}

/// The check in words, as a meeting page records it: "6 clear working
/// days: enough (five are required)".
impl std::fmt::Display for NoticeCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NoticeCheck::Enough { clear_days } => {
                write!(
                    f,
                    "{clear_days} clear working days: enough (five are required)"
                )
            }
            NoticeCheck::TooFew { clear_days } => write!(
                f,
                "{clear_days} clear working {}: short notice, fewer than the five required",
                if *clear_days == 1 { "day" } else { "days" }
            ),
            NoticeCheck::HolidaysUnknown { list_ends } => {
                write!(f, "not counted: the bank holiday list ended in {list_ends}")
            }
        }
    }
}

/// The form field (a tick box) by which a clerk accepts short notice: a
/// publication whose [`NoticeCheck::warning`] is not `None` is refused
/// without it, under this field.
pub const ACCEPT_SHORT_NOTICE: &str = "confirm_short_notice";

impl NoticeCheck {
    /// Why publishing under this check needs the clerk's acceptance
    /// (too few clear working days, or a holiday list that does not
    /// cover the dates), in a sentence naming the meeting's day; `None`
    /// when notice is enough.
    pub fn warning(&self, meeting: Date) -> Option<String> {
        match self {
            NoticeCheck::Enough { .. } => None,
            NoticeCheck::TooFew { clear_days } => Some(format!(
                "Only {clear_days} clear working {} would remain before the meeting on {}: the law asks for five (Local Government Act 1972, section 100B). Clear working days leave out the day of publishing, the day of the meeting, weekends and bank holidays. Tick the box to publish at short notice",
                if *clear_days == 1 { "day" } else { "days" },
                meeting.in_words()
            )),
            NoticeCheck::HolidaysUnknown { list_ends } => Some(format!(
                "The bank holiday list ends in {list_ends}, so the clear working days before the meeting on {} cannot be counted: the holiday list must be updated (moot serve --bank-holidays FILE). Tick the box to publish without the count",
                meeting.in_words()
            )),
        }
    }

    /// The check's refusal when short notice was not accepted: the
    /// [`NoticeCheck::warning`] under [`ACCEPT_SHORT_NOTICE`], or `Ok`
    /// when notice is enough or was accepted.
    pub fn require_acceptance(&self, meeting: Date, accepted: bool) -> Result<(), FieldErrors> {
        match (self.warning(meeting), accepted) {
            (Some(why), false) => Err(FieldErrors::one(ACCEPT_SHORT_NOTICE, why)),
            _ => Ok(()),
        }
    }
}

/// The working days strictly between `published` and `meeting` (zero when
/// the meeting is not after publication).
pub fn clear_working_days(published: Date, meeting: Date, holidays: &BankHolidays) -> u32 {
    let (from, to) = (published.days_since_epoch() + 1, meeting.days_since_epoch());
    let count = (from..to)
        .filter_map(Date::from_days_since_epoch)
        .filter(|day| is_working_day(*day, holidays))
        .count();
    u32::try_from(count).unwrap_or(u32::MAX)
}

/// Monday to Friday and not a bank holiday (1 January 1900 was a Monday).
fn is_working_day(day: Date, holidays: &BankHolidays) -> bool {
    let weekday = day.days_since_epoch().rem_euclid(7);
    weekday < 5 && holidays.name(day).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_notice_warns_with_the_days_left_and_enough_does_not() {
        let meeting = Date::new(2026, 12, 8).unwrap();
        assert_eq!(NoticeCheck::Enough { clear_days: 5 }.warning(meeting), None);
        let few = NoticeCheck::TooFew { clear_days: 1 }
            .warning(meeting)
            .unwrap();
        assert!(
            few.starts_with("Only 1 clear working day would remain"),
            "{few}"
        );
        assert!(few.contains("Tuesday 8 December 2026"), "{few}");
        let unknown = NoticeCheck::HolidaysUnknown { list_ends: 2027 }
            .warning(meeting)
            .unwrap();
        assert!(unknown.contains("must be updated"), "{unknown}");
    }

    #[test]
    fn short_notice_is_refused_under_the_tick_box_unless_accepted() {
        let meeting = Date::new(2026, 12, 8).unwrap();
        let short = NoticeCheck::TooFew { clear_days: 2 };
        let refused = short.require_acceptance(meeting, false).unwrap_err();
        assert_eq!(refused.for_field(ACCEPT_SHORT_NOTICE).count(), 1);
        assert!(short.require_acceptance(meeting, true).is_ok());
        let enough = NoticeCheck::Enough { clear_days: 7 };
        assert!(enough.require_acceptance(meeting, false).is_ok());
    }

    fn day(y: u16, m: u8, d: u8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    #[test]
    fn clear_days_leave_out_publication_day_meeting_day_and_weekends() {
        let holidays = BankHolidays::shipped();
        // Published Tuesday 10 November 2026, meeting Wednesday 18th:
        // Wed 11, Thu 12, Fri 13, Mon 16, Tue 17.
        let days = clear_working_days(day(2026, 11, 10), day(2026, 11, 18), &holidays);
        assert_eq!(days, 5);
        assert_eq!(
            NoticeCheck::of(day(2026, 11, 10), day(2026, 11, 18), &holidays),
            NoticeCheck::Enough { clear_days: 5 }
        );
        assert_eq!(
            NoticeCheck::of(day(2026, 11, 11), day(2026, 11, 18), &holidays),
            NoticeCheck::TooFew { clear_days: 4 }
        );
    }

    #[test]
    fn bank_holidays_are_not_working_days() {
        let holidays = BankHolidays::shipped();
        // Christmas 2026: Fri 25 and Mon 28 December are bank holidays.
        let days = clear_working_days(day(2026, 12, 22), day(2026, 12, 31), &holidays);
        // Wed 23, Thu 24, Tue 29, Wed 30.
        assert_eq!(days, 4);
    }

    #[test]
    fn a_meeting_before_publication_has_no_clear_days() {
        let holidays = BankHolidays::shipped();
        assert_eq!(
            clear_working_days(day(2026, 11, 18), day(2026, 11, 10), &holidays),
            0
        );
    }

    #[test]
    fn a_period_beyond_the_list_asks_for_a_newer_list() {
        let holidays = BankHolidays::shipped();
        assert_eq!(
            NoticeCheck::of(day(2040, 1, 2), day(2040, 1, 20), &holidays),
            NoticeCheck::HolidaysUnknown {
                list_ends: holidays.last_year()
            }
        );
    }
}
