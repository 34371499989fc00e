//! An indicator's rating rule, in the two forms packs state:
//!
//! - explicit [`Bands`], for any polarity;
//! - a target and a minimum (floor) standard with a polarity: "Green:
//!   Current target achieved or exceeded. Red: Performance is below a
//!   pre-defined minimum standard. Amber: Performance is below current
//!   target but above minimum standard." A result on the minimum standard
//!   is not below it, so it is Amber.
//!
//! A target alone tells Green from not Green, but not Amber from Red, so a
//! result short of a target without a minimum standard is not rated.
//! Closer-to-target indicators need bands: a target alone says nothing of
//! how far either side is tolerated.

use crate::bands::Bands;
use moot_domain::{Polarity, Rag};

/// How an indicator's results are rated.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// Stated bands.
    Bands(Bands),
    /// A target and, where stated, a minimum standard.
    Target {
        /// Which way is better.
        polarity: Polarity,
        /// The target.
        target: f64,
        /// The minimum (floor) standard, where stated.
        minimum: Option<f64>,
    },
}

impl Rule {
    /// The rating of `value` under this rule, or `None` when the rule does
    /// not decide it.
    pub fn rate(&self, value: f64) -> Option<Rag> {
        match self {
            Rule::Bands(bands) => bands.rate(value),
            Rule::Target {
                polarity,
                target,
                minimum,
            } => {
                let better = |a: f64, b: f64| match polarity {
                    Polarity::High => Some(a >= b),
                    Polarity::Low => Some(a <= b),
                    Polarity::Target => None,
                };
                if better(value, *target)? {
                    return Some(Rag::Green);
                }
                let floor = (*minimum)?;
                Some(if better(value, floor)? {
                    Rag::Amber
                } else {
                    Rag::Red
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(polarity: Polarity, target: f64, minimum: Option<f64>) -> Rule {
        Rule::Target {
            polarity,
            target,
            minimum,
        }
    }

    #[test]
    fn higher_is_better_rates_on_target_green_and_on_the_floor_amber() {
        let rule = target(Polarity::High, 85.0, Some(76.5));
        assert_eq!(rule.rate(85.0), Some(Rag::Green));
        assert_eq!(rule.rate(90.0), Some(Rag::Green));
        assert_eq!(rule.rate(84.9), Some(Rag::Amber));
        assert_eq!(rule.rate(76.5), Some(Rag::Amber));
        assert_eq!(rule.rate(76.4), Some(Rag::Red));
    }

    #[test]
    fn lower_is_better_mirrors_the_bands() {
        let rule = target(Polarity::Low, 10.0, Some(15.0));
        assert_eq!(rule.rate(10.0), Some(Rag::Green));
        assert_eq!(rule.rate(2.0), Some(Rag::Green));
        assert_eq!(rule.rate(12.0), Some(Rag::Amber));
        assert_eq!(rule.rate(15.0), Some(Rag::Amber));
        assert_eq!(rule.rate(15.1), Some(Rag::Red));
    }

    #[test]
    fn a_target_alone_decides_only_green() {
        let rule = target(Polarity::High, 85.0, None);
        assert_eq!(rule.rate(86.0), Some(Rag::Green));
        assert_eq!(rule.rate(80.0), None);
    }

    #[test]
    fn closer_to_target_without_bands_is_not_rated() {
        let rule = target(Polarity::Target, 7.5, Some(2.0));
        assert_eq!(rule.rate(7.5), None);
    }
}
