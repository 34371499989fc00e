//! How long a session lives and when sign-in attempts are refused
//! unchecked: the rules every store applies, as pure functions of times
//! the caller reads from its clock (Unix seconds), so two backends cannot
//! disagree about them.

/// A session unused for this long ends.
pub const IDLE_SECONDS: i64 = 60 * 60;
/// A session ends this long after sign-in, however busy.
pub const ABSOLUTE_SECONDS: i64 = 12 * 60 * 60;
/// How long a failed sign-in counts against its user name and address.
pub const FAILURE_WINDOW_SECONDS: i64 = 15 * 60;
/// Failures within the window after which attempts are refused unchecked.
pub const MAX_FAILURES: i64 = 5;
/// A session's last use is written at most this often.
pub const TOUCH_SECONDS: i64 = 60;

/// What a session opened at `created` and last used at `last_seen` is
/// at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionState {
    /// Idle too long or too old: it ends (the store deletes it).
    Expired,
    /// Still live; `touch` says its last use is old enough to be written
    /// again (at most every [`TOUCH_SECONDS`], so a busy session does
    /// not write on every request).
    Live {
        /// Whether to note this use.
        touch: bool,
    },
}

impl SessionState {
    /// The session's state at `now`: expired past [`IDLE_SECONDS`]
    /// unused or [`ABSOLUTE_SECONDS`] after sign-in (both strictly).
    pub fn at(now: i64, created: i64, last_seen: i64) -> SessionState {
        if now - last_seen > IDLE_SECONDS || now - created > ABSOLUTE_SECONDS {
            SessionState::Expired
        } else {
            SessionState::Live {
                touch: now - last_seen > TOUCH_SECONDS,
            }
        }
    }
}

/// The oldest failure time still counted at `now`: failures at or
/// before it have left the window.
pub fn failures_since(now: i64) -> i64 {
    now - FAILURE_WINDOW_SECONDS
}

/// Seconds until an attempt is checked again, when `failures` counted
/// failures (the oldest at `oldest`) have reached [`MAX_FAILURES`];
/// `None` while attempts are still checked. Always at least one second.
pub fn retry_after(now: i64, failures: i64, oldest: Option<i64>) -> Option<u64> {
    (failures >= MAX_FAILURES).then(|| {
        oldest.map_or(1, |at| {
            u64::try_from((at + FAILURE_WINDOW_SECONDS - now).max(1)).unwrap_or(1)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    #[test]
    fn a_session_ends_after_an_idle_hour_or_twelve_hours_whatever_its_use() {
        assert_eq!(
            SessionState::at(NOW, NOW - 10, NOW - 10),
            SessionState::Live { touch: false }
        );
        assert_eq!(
            SessionState::at(NOW, NOW - IDLE_SECONDS, NOW - IDLE_SECONDS),
            SessionState::Live { touch: true },
            "exactly an hour idle is still live"
        );
        assert_eq!(
            SessionState::at(NOW, NOW - 2 * 60 * 60, NOW - IDLE_SECONDS - 1),
            SessionState::Expired
        );
        assert_eq!(
            SessionState::at(NOW, NOW - ABSOLUTE_SECONDS - 1, NOW - 5),
            SessionState::Expired,
            "busy but too old"
        );
    }

    #[test]
    fn a_use_is_written_only_a_minute_after_the_last() {
        assert_eq!(
            SessionState::at(NOW, NOW - 500, NOW - TOUCH_SECONDS),
            SessionState::Live { touch: false }
        );
        assert_eq!(
            SessionState::at(NOW, NOW - 500, NOW - TOUCH_SECONDS - 1),
            SessionState::Live { touch: true }
        );
    }

    #[test]
    fn attempts_are_refused_from_the_fifth_failure_until_the_oldest_leaves_the_window() {
        assert_eq!(retry_after(NOW, MAX_FAILURES - 1, Some(NOW - 10)), None);
        assert_eq!(
            retry_after(NOW, MAX_FAILURES, Some(NOW - 60)),
            Some((FAILURE_WINDOW_SECONDS - 60) as u64)
        );
        assert_eq!(
            retry_after(NOW, MAX_FAILURES, Some(failures_since(NOW))),
            Some(1),
            "never zero"
        );
        assert_eq!(retry_after(NOW, MAX_FAILURES + 3, None), Some(1));
    }
}
