//! Indicators as the public site shows them: an indicator's metadata, the
//! bodies that review it, its thresholds over time and every public value
//! assessed. Backends build these with exempt business already left out
//! (see [`Store::indicator_histories`](crate::Store::indicator_histories)),
//! so the site cannot show what it was never handed.

use crate::{BodyId, IndicatorAssessment, IndicatorId, StoredThreshold, StoredValue, ValueOrigin};
use moot_domain::{Polarity, Rag};
use std::cmp::Ordering;

/// Which indicators to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndicatorScope {
    /// Every indicator.
    All,
    /// The indicators a body reviews ([`StoreError::NotFound`](crate::StoreError::NotFound)
    /// when there is no such body).
    Body(BodyId),
    /// One indicator ([`StoreError::NotFound`](crate::StoreError::NotFound) when it
    /// is unknown or has no public value).
    One(IndicatorId),
}

/// An indicator's metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorInfo {
    /// Its id.
    pub id: IndicatorId,
    /// Its code, where printed.
    pub code: Option<String>,
    /// Its name.
    pub name: String,
    /// Which way it improves, where known.
    pub polarity: Option<Polarity>,
    /// `month`, `quarter`, `R12M`…, where known.
    pub period_kind: Option<String>,
    /// `%`, `days`…, where known.
    pub unit: Option<String>,
    /// Where the figures come from.
    pub data_source: Option<String>,
    /// Who answers for them.
    pub owner: Option<String>,
    /// The bodies that review it, by name.
    pub reviewers: Vec<(BodyId, String)>,
}

/// A threshold with where it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThresholdEntry {
    /// The threshold.
    pub threshold: StoredThreshold,
    /// The pack lines or CSV line it came from.
    pub origin: ValueOrigin,
}

/// One indicator with its public thresholds and values.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorHistory {
    /// Its metadata.
    pub info: IndicatorInfo,
    /// Its thresholds, oldest first.
    pub thresholds: Vec<ThresholdEntry>,
    /// Its values by period end (undated last), assessed. Never empty.
    pub values: Vec<IndicatorAssessment>,
}

impl IndicatorInfo {
    /// Scorecard order: by code in natural order ("A2" before "A10", "9"
    /// before "13"), uncoded indicators after the coded ones, then by name.
    pub fn scorecard_order(&self, other: &IndicatorInfo) -> Ordering {
        match (&self.code, &other.code) {
            (Some(a), Some(b)) => natural_order(a, b),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
        .then_with(|| natural_order(&self.name, &other.name))
        .then(self.id.cmp(&other.id))
    }
}

/// Natural order of two printed codes: runs of digits compare as numbers,
/// the rest letter by letter, ignoring case ("CP2" < "cp10" < "D1").
pub fn natural_order(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.chars().peekable(), b.chars().peekable());
    loop {
        match (a.peek().copied(), b.peek().copied()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let number = |it: &mut std::iter::Peekable<std::str::Chars<'_>>| {
                    let mut digits = String::new();
                    while let Some(d) = it.next_if(char::is_ascii_digit) {
                        digits.push(d);
                    }
                    digits
                };
                let (m, n) = (number(&mut a), number(&mut b));
                let (m, n) = (m.trim_start_matches('0'), n.trim_start_matches('0'));
                let by_number = m.len().cmp(&n.len()).then_with(|| m.cmp(n));
                if by_number != Ordering::Equal {
                    return by_number;
                }
            }
            (Some(x), Some(y)) => {
                let by_letter = x.to_lowercase().cmp(y.to_lowercase());
                if by_letter != Ordering::Equal {
                    return by_letter;
                }
                a.next();
                b.next();
            }
        }
    }
}

impl AsRef<StoredThreshold> for ThresholdEntry {
    fn as_ref(&self) -> &StoredThreshold {
        &self.threshold
    }
}

impl IndicatorHistory {
    /// The threshold in force for one of its values
    /// ([`threshold_in_force`](crate::threshold_in_force)).
    pub fn threshold_for(&self, value: &StoredValue) -> Option<&ThresholdEntry> {
        crate::threshold_in_force(value, &self.thresholds)
    }

    /// The value of the latest period: the last dated value, else the last
    /// value stored.
    pub fn latest(&self) -> Option<&IndicatorAssessment> {
        self.values
            .iter()
            .rev()
            .find(|v| v.value.period_end.is_some())
            .or(self.values.last())
    }

    /// The dated value just before [`latest`](Self::latest), the one its
    /// direction of travel is judged against.
    pub fn previous(&self) -> Option<&IndicatorAssessment> {
        let latest = self.latest()?.value.period_end?;
        self.values
            .iter()
            .rev()
            .find(|v| v.value.period_end.is_some_and(|end| end < latest))
    }

    /// Whether the latest value is Red by Moot's rule.
    pub fn latest_is_red(&self) -> bool {
        self.latest().is_some_and(|v| v.computed == Some(Rag::Red))
    }

    /// Whether the latest value belongs in an exception report: Red by
    /// Moot's rule or printed Red
    /// ([`IndicatorAssessment::is_exception`]).
    pub fn latest_is_exception(&self) -> bool {
        self.latest().is_some_and(IndicatorAssessment::is_exception)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{assess, LoadId};
    use moot_domain::Date;

    fn value(end: Option<(u16, u8, u8)>, result: &str) -> StoredValue {
        StoredValue {
            indicator: IndicatorId(1),
            code: None,
            name: "Indicator".to_owned(),
            polarity: Some(Polarity::High),
            period_end: end.and_then(|(y, m, d)| Date::new(y, m, d)),
            period: None,
            value: Some(result.to_owned()),
            numerator: None,
            denominator: None,
            printed: None,
            row_target: Some("50".to_owned()),
            commentary: None,
            origin: ValueOrigin::Csv {
                load: LoadId(1),
                file_name: "k.csv".to_owned(),
                line: 2,
            },
        }
    }

    fn history(values: Vec<StoredValue>) -> IndicatorHistory {
        IndicatorHistory {
            info: IndicatorInfo {
                id: IndicatorId(1),
                code: None,
                name: "Indicator".to_owned(),
                polarity: Some(Polarity::High),
                period_kind: None,
                unit: None,
                data_source: None,
                owner: None,
                reviewers: Vec::new(),
            },
            thresholds: Vec::new(),
            values: assess(values, &[]),
        }
    }

    #[test]
    fn the_latest_is_the_last_dated_value_and_the_previous_the_dated_one_before() {
        let h = history(vec![
            value(Some((2024, 1, 31)), "40"),
            value(Some((2024, 2, 29)), "60"),
            value(None, "10"),
        ]);
        assert_eq!(h.latest().unwrap().value.value.as_deref(), Some("60"));
        assert_eq!(h.previous().unwrap().value.value.as_deref(), Some("40"));
    }

    #[test]
    fn codes_sort_naturally() {
        let mut codes = vec!["13", "A10", "2", "a2", "10", "1", "B1", "A1", "3", "A02b"];
        codes.sort_by(|a, b| natural_order(a, b));
        assert_eq!(
            codes,
            ["1", "2", "3", "10", "13", "A1", "a2", "A02b", "A10", "B1"]
        );
    }

    #[test]
    fn undated_values_have_a_latest_but_no_previous() {
        let h = history(vec![value(None, "40"), value(None, "45")]);
        assert_eq!(h.latest().unwrap().value.value.as_deref(), Some("45"));
        assert!(h.previous().is_none());
        assert!(
            !h.latest_is_red(),
            "below a target with no minimum standard is not known to be Red"
        );
    }
}
