//! Where a scorecard contradicts itself: one indicator, the same result,
//! the same rule in force, and two different printed ratings.
//!
//! A pack that gives a target but no minimum standard cannot be re-rated
//! below target (Amber or Red is the officer's call), so Moot cannot say
//! either printed rating is wrong; but when the same result under the same
//! rule is printed Red one month and Amber another, at least one of them
//! does not follow the pack's own rules, whatever the minimum is. Each such
//! pair is listed with both sources so a reader can check it.

use crate::{IndicatorAssessment, IndicatorId};
use moot_scorecard::Figure;
use std::collections::HashMap;

/// Two values the same rule must rate alike, printed differently.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Contradiction<'a> {
    /// The first value printed with one rating.
    pub first: &'a IndicatorAssessment,
    /// A later value with the same result, printed with another.
    pub second: &'a IndicatorAssessment,
}

/// Every contradiction among `assessed`: for each indicator, result and
/// rule, the first value printed with each rating is paired with the first
/// value printed with the group's first rating. Values with no rule in
/// force (nothing to say they should agree) or no printed rating are not
/// compared.
pub fn contradictions(assessed: &[IndicatorAssessment]) -> Vec<Contradiction<'_>> {
    let mut groups: Vec<Vec<&IndicatorAssessment>> = Vec::new();
    let mut by_result: HashMap<(IndicatorId, u64), Vec<usize>> = HashMap::new();
    for (assessment, result) in assessed.iter().filter_map(|a| Some((a, comparable(a)?))) {
        let candidates = by_result
            .entry((assessment.value.indicator, result.to_bits()))
            .or_default();
        match candidates
            .iter()
            .find(|&&g| groups[g][0].rule == assessment.rule)
        {
            Some(&g) => groups[g].push(assessment),
            None => {
                candidates.push(groups.len());
                groups.push(vec![assessment]);
            }
        }
    }
    groups.iter().flat_map(|group| differing(group)).collect()
}

/// The first value of `group` paired with the first of each other printed
/// rating.
fn differing<'a>(group: &[&'a IndicatorAssessment]) -> Vec<Contradiction<'a>> {
    let first = group[0];
    let mut seen = vec![first.value.printed];
    let mut found = Vec::new();
    for &later in &group[1..] {
        if !seen.contains(&later.value.printed) {
            seen.push(later.value.printed);
            found.push(Contradiction {
                first,
                second: later,
            });
        }
    }
    found
}

/// The result of a value worth comparing: rated by a rule, printed with a
/// rating, and with a figure.
fn comparable(assessment: &IndicatorAssessment) -> Option<f64> {
    assessment.rule.as_ref()?;
    assessment.value.printed?;
    let figure = Figure::parse(assessment.value.value.as_deref()?)?;
    Some(figure.value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{assess, LoadId, StoredValue, ValueOrigin};
    use moot_domain::{Date, Polarity, Rag};

    fn printed(line: u32, result: &str, target: &str, rag: Option<Rag>) -> StoredValue {
        StoredValue {
            indicator: IndicatorId(1),
            code: Some("6".to_owned()),
            name: "Outcomes achieved at first review".to_owned(),
            polarity: Some(Polarity::High),
            period_end: Date::new(2012, 3, 31).and_then(|d| {
                Date::from_days_since_epoch(d.days_since_epoch() + i64::from(line) * 30)
            }),
            period: None,
            value: Some(result.to_owned()),
            numerator: None,
            denominator: None,
            printed: rag,
            row_target: Some(target.to_owned()),
            commentary: None,
            origin: ValueOrigin::Csv {
                load: LoadId(1),
                file_name: "dashboard.csv".to_owned(),
                line,
            },
        }
    }

    fn lines(found: &[Contradiction<'_>]) -> Vec<(String, String)> {
        found
            .iter()
            .map(|c| {
                (
                    c.first.value.origin.to_string(),
                    c.second.value.origin.to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn the_same_result_under_the_same_target_printed_red_and_amber_contradicts() {
        let assessed = assess(
            vec![
                printed(2, "73.6%", "75%", Some(Rag::Red)),
                printed(3, "75.0%", "75%", Some(Rag::Green)),
                printed(4, "73.6%", "75%", Some(Rag::Red)),
                printed(9, "73.6%", "75%", Some(Rag::Amber)),
            ],
            &[],
        );
        assert_eq!(
            lines(&contradictions(&assessed)),
            [("dashboard.csv:2".to_owned(), "dashboard.csv:9".to_owned())]
        );
    }

    #[test]
    fn a_different_target_or_an_unprinted_rating_is_no_contradiction() {
        let assessed = assess(
            vec![
                printed(2, "73.6%", "75%", Some(Rag::Red)),
                printed(3, "73.6%", "80%", Some(Rag::Amber)),
                printed(4, "73.6%", "75%", None),
            ],
            &[],
        );
        assert!(contradictions(&assessed).is_empty());
    }

    #[test]
    fn values_with_no_rule_are_not_compared() {
        let mut first = printed(2, "12", "10", Some(Rag::Red));
        let mut second = printed(3, "12", "10", Some(Rag::Green));
        for value in [&mut first, &mut second] {
            value.polarity = None;
        }
        assert!(contradictions(&assess(vec![first, second], &[])).is_empty());
    }
}
