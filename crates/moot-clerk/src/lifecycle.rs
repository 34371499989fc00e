//! Where an agenda and a set of minutes are in their lives, and which
//! steps each state allows.
//!
//! An agenda is a draft until published; once published its items are
//! fixed (what the public was given notice of). Minutes go from draft to
//! published draft to confirmed, confirmed at a later meeting of the same
//! body. Confirmed minutes are locked: they change only by a correction,
//! which is kept as a new version beside the text it replaced.

use std::fmt;

/// An agenda's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgendaState {
    /// Being prepared; not public.
    Draft,
    /// Public, with notice given.
    Published,
}

/// A set of minutes' state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MinutesState {
    /// Being written; not public.
    Draft,
    /// Public, awaiting confirmation.
    Published,
    /// Confirmed as a correct record at a later meeting: locked.
    Confirmed,
}

/// What a clerk asks to do with minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MinutesStep {
    /// Change the text of a minute, or add one.
    Edit,
    /// Make the minutes public as a draft.
    Publish,
    /// Record them as confirmed.
    Confirm,
    /// Correct confirmed minutes by a new version.
    Correct,
}

/// Why a step is refused, in words for the clerk.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Refused(pub String);

impl AgendaState {
    /// The stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            AgendaState::Draft => "draft",
            AgendaState::Published => "published",
        }
    }

    /// Reads the stored word back.
    pub fn parse(text: &str) -> Option<AgendaState> {
        [AgendaState::Draft, AgendaState::Published]
            .into_iter()
            .find(|s| s.as_str() == text)
    }

    /// Whether items and papers may still change.
    pub fn may_edit(self) -> Result<(), Refused> {
        match self {
            AgendaState::Draft => Ok(()),
            AgendaState::Published => Err(Refused(
                "The agenda is published; its items can no longer change".into(),
            )),
        }
    }

    /// The state after publishing.
    pub fn publish(self) -> Result<AgendaState, Refused> {
        match self {
            AgendaState::Draft => Ok(AgendaState::Published),
            AgendaState::Published => Err(Refused("The agenda is already published".into())),
        }
    }
}

impl MinutesState {
    /// The stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            MinutesState::Draft => "draft",
            MinutesState::Published => "published",
            MinutesState::Confirmed => "confirmed",
        }
    }

    /// Reads the stored word back.
    pub fn parse(text: &str) -> Option<MinutesState> {
        [
            MinutesState::Draft,
            MinutesState::Published,
            MinutesState::Confirmed,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }

    /// The state after `step`, or why it is refused.
    pub fn after(self, step: MinutesStep) -> Result<MinutesState, Refused> {
        use MinutesState::{Confirmed, Draft, Published};
        use MinutesStep::{Confirm, Correct, Edit, Publish};
        let refused = |why: &str| Err(Refused(why.to_owned()));
        match (self, step) {
            (Draft | Published, Edit) => Ok(self),
            (Draft, Publish) => Ok(Published),
            (Published, Confirm) => Ok(Confirmed),
            (Confirmed, Correct) => Ok(Confirmed),
            (Confirmed, Edit) => {
                refused("The minutes are confirmed and locked; record a correction instead")
            }
            (Confirmed, Confirm) => refused("The minutes are already confirmed"),
            (Draft, Confirm) => refused("Publish the minutes before they are confirmed"),
            (Published | Confirmed, Publish) => refused("The minutes are already published"),
            (Draft | Published, Correct) => {
                refused("Only confirmed minutes take corrections; edit the minutes instead")
            }
        }
    }
}

impl fmt::Display for MinutesState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use MinutesState::{Confirmed, Draft, Published};
    use MinutesStep::{Confirm, Correct, Edit, Publish};

    #[test]
    fn minutes_go_from_draft_to_published_to_confirmed_and_no_other_way() {
        let allowed = [
            (Draft, Edit, Draft),
            (Draft, Publish, Published),
            (Published, Edit, Published),
            (Published, Confirm, Confirmed),
            (Confirmed, Correct, Confirmed),
        ];
        for state in [Draft, Published, Confirmed] {
            for step in [Edit, Publish, Confirm, Correct] {
                let expected = allowed
                    .iter()
                    .find(|(s, t, _)| *s == state && *t == step)
                    .map(|(_, _, after)| *after);
                assert_eq!(state.after(step).ok(), expected, "{state:?} {step:?}");
            }
        }
    }

    #[test]
    fn a_refused_step_says_what_to_do_instead() {
        let refusal = Confirmed.after(Edit).unwrap_err();
        assert!(refusal.0.contains("correction"), "{refusal}");
    }

    #[test]
    fn a_published_agenda_is_fixed() {
        assert_eq!(AgendaState::Draft.publish(), Ok(AgendaState::Published));
        assert!(AgendaState::Published.publish().is_err());
        assert!(AgendaState::Published.may_edit().is_err());
        assert!(AgendaState::Draft.may_edit().is_ok());
        for state in [AgendaState::Draft, AgendaState::Published] {
            assert_eq!(AgendaState::parse(state.as_str()), Some(state));
        }
        for state in [Draft, Published, Confirmed] {
            assert_eq!(MinutesState::parse(state.as_str()), Some(state));
        }
    }
}
