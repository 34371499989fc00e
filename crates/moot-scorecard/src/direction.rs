//! Direction of travel: whether a result improved on an earlier one (the
//! previous period's, or last year's outturn), judged by polarity. For a
//! closer-to-target indicator, improving means moving nearer the target.

use moot_domain::Polarity;
use std::cmp::Ordering;

/// How a result moved against an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Better than before.
    Improved,
    /// Worse than before.
    Worsened,
    /// The same.
    Unchanged,
}

impl Direction {
    /// The word used in data: `improved`, `worsened`, `unchanged`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Improved => "improved",
            Direction::Worsened => "worsened",
            Direction::Unchanged => "unchanged",
        }
    }
}

/// How `current` moved from `earlier` for an indicator of `polarity`;
/// `None` for a closer-to-target indicator without a target.
pub fn direction_of_travel(
    polarity: Polarity,
    earlier: f64,
    current: f64,
    target: Option<f64>,
) -> Option<Direction> {
    let gain = match polarity {
        Polarity::High => current.partial_cmp(&earlier)?,
        Polarity::Low => earlier.partial_cmp(&current)?,
        Polarity::Target => {
            let target = target?;
            (earlier - target)
                .abs()
                .partial_cmp(&(current - target).abs())?
        }
    };
    Some(match gain {
        Ordering::Greater => Direction::Improved,
        Ordering::Less => Direction::Worsened,
        Ordering::Equal => Direction::Unchanged,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn higher_is_better_improves_as_it_rises() {
        let d = |a, b| direction_of_travel(Polarity::High, a, b, None);
        assert_eq!(d(7.7, 7.8), Some(Direction::Improved));
        assert_eq!(d(7.8, 7.7), Some(Direction::Worsened));
        assert_eq!(d(7.8, 7.8), Some(Direction::Unchanged));
    }

    #[test]
    fn lower_is_better_improves_as_it_falls() {
        let d = |a, b| direction_of_travel(Polarity::Low, a, b, None);
        assert_eq!(d(18.4, 15.3), Some(Direction::Improved));
        assert_eq!(d(15.3, 18.4), Some(Direction::Worsened));
    }

    #[test]
    fn closer_to_target_improves_as_it_nears_the_target_from_either_side() {
        let d = |a, b| direction_of_travel(Polarity::Target, a, b, Some(7.5));
        assert_eq!(d(18.4, 15.3), Some(Direction::Improved));
        assert_eq!(d(7.0, 9.0), Some(Direction::Worsened));
        assert_eq!(d(5.0, 9.0), Some(Direction::Improved));
        assert_eq!(d(6.0, 9.0), Some(Direction::Unchanged));
        assert_eq!(direction_of_travel(Polarity::Target, 1.0, 2.0, None), None);
    }

    #[test]
    fn a_result_that_is_not_a_number_has_no_direction() {
        assert_eq!(
            direction_of_travel(Polarity::High, f64::NAN, 1.0, None),
            None
        );
    }
}
