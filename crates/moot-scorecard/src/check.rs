//! A printed rating against the rule's: packs rate by hand, so Moot keeps
//! both and reports where they differ.

use moot_domain::Rag;

/// What comparing a printed rating with the rule's found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RatingCheck {
    /// Both exist and are the same.
    Agrees,
    /// Both exist and differ.
    Disagrees {
        /// As the pack printed it.
        printed: Rag,
        /// As the rule gives it.
        computed: Rag,
    },
    /// The pack printed no rating; the rule gives one.
    Unprinted(Rag),
    /// The rule does not decide (no rule, no figure, a gap in the bands).
    Undecided,
}

/// Compares a printed rating with the computed one.
pub fn check_rating(printed: Option<Rag>, computed: Option<Rag>) -> RatingCheck {
    match (printed, computed) {
        (Some(p), Some(c)) if p == c => RatingCheck::Agrees,
        (Some(printed), Some(computed)) => RatingCheck::Disagrees { printed, computed },
        (None, Some(c)) => RatingCheck::Unprinted(c),
        (_, None) => RatingCheck::Undecided,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_printed_rating_is_kept_beside_a_different_computed_one() {
        assert_eq!(
            check_rating(Some(Rag::Red), Some(Rag::Amber)),
            RatingCheck::Disagrees {
                printed: Rag::Red,
                computed: Rag::Amber
            }
        );
        assert_eq!(
            check_rating(Some(Rag::Red), Some(Rag::Red)),
            RatingCheck::Agrees
        );
        assert_eq!(
            check_rating(None, Some(Rag::Green)),
            RatingCheck::Unprinted(Rag::Green)
        );
        assert_eq!(check_rating(Some(Rag::Green), None), RatingCheck::Undecided);
    }
}
