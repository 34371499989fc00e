//! Scorecard values as stored, and Moot's assessment of them: the rating
//! the rule in force gives, the printed rating beside it, whether the two
//! agree, and the direction of travel since the previous period.
//!
//! Backends hand over stored facts ([`StoredValue`], [`StoredThreshold`])
//! and [`assess`] computes the rest with `moot-scorecard`, so every backend
//! rates alike and no rating is computed in SQL.

use crate::{DocumentId, Source};
use moot_domain::{Date, Polarity, Rag};
use moot_scorecard::{
    check_rating, direction_of_travel, Bands, Direction, Figure, RatingCheck, Rule,
};
use std::fmt;

/// A CSV load's id (one loaded file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LoadId(pub i64);

/// An indicator's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IndicatorId(pub i64);

/// What loading one CSV file did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadOutcome {
    /// The file's rows were stored.
    Loaded {
        /// The new load.
        load: LoadId,
        /// Values stored (one per row).
        values: u64,
        /// Indicators not known before.
        new_indicators: u64,
    },
    /// A file with the same bytes was loaded before; nothing changed.
    AlreadyLoaded {
        /// The load stored earlier.
        load: LoadId,
    },
}

/// Where a stored value was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueOrigin {
    /// A scorecard row of an imported pack.
    Pack {
        /// The document and its lines.
        source: Source,
        /// The document's file name.
        file_name: String,
    },
    /// A row of a loaded CSV file.
    Csv {
        /// The load.
        load: LoadId,
        /// The file's name as loaded.
        file_name: String,
        /// The row's 1-based line.
        line: u32,
    },
}

impl ValueOrigin {
    /// The document it came from, for packs.
    pub fn document(&self) -> Option<DocumentId> {
        match self {
            ValueOrigin::Pack { source, .. } => Some(source.document),
            ValueOrigin::Csv { .. } => None,
        }
    }
}

/// `FILE lines A–B` for packs, `FILE:LINE` for CSV rows.
impl fmt::Display for ValueOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueOrigin::Pack { source, file_name } if source.lines.first == source.lines.last => {
                write!(f, "{file_name} line {}", source.lines.first)
            }
            ValueOrigin::Pack { source, file_name } => {
                write!(
                    f,
                    "{file_name} lines {}–{}",
                    source.lines.first, source.lines.last
                )
            }
            ValueOrigin::Csv {
                file_name, line, ..
            } => write!(f, "{file_name}:{line}"),
        }
    }
}

/// One stored value with its indicator, as printed.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredValue {
    /// The indicator.
    pub indicator: IndicatorId,
    /// Its code, where printed.
    pub code: Option<String>,
    /// Its name.
    pub name: String,
    /// Which way it improves, where known.
    pub polarity: Option<Polarity>,
    /// The last day of the period, where known.
    pub period_end: Option<Date>,
    /// The period as printed.
    pub period: Option<String>,
    /// The result as printed.
    pub value: Option<String>,
    /// The numerator as printed.
    pub numerator: Option<String>,
    /// The denominator as printed.
    pub denominator: Option<String>,
    /// The printed rating.
    pub printed: Option<Rag>,
    /// A target printed on the row itself (packs).
    pub row_target: Option<String>,
    /// The officer's commentary on the value.
    pub commentary: Option<String>,
    /// Where it was read.
    pub origin: ValueOrigin,
}

/// An indicator's threshold from a date on, as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredThreshold {
    /// The indicator.
    pub indicator: IndicatorId,
    /// From when it holds.
    pub effective_from: Date,
    /// The target.
    pub target: Option<String>,
    /// The minimum standard.
    pub minimum: Option<String>,
    /// The bands' wording.
    pub bands: Option<String>,
}

/// A stored value with Moot's rating beside the printed one.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorAssessment {
    /// The value as stored.
    pub value: StoredValue,
    /// The rating the rule in force gives, if it decides.
    pub computed: Option<Rag>,
    /// The printed rating against the computed one.
    pub check: RatingCheck,
    /// How it moved since the indicator's previous dated value.
    pub direction: Option<Direction>,
    /// The rule in force for it, where there is one.
    pub rule: Option<Rule>,
}

/// What a rating on a page or in a count rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatingBasis {
    /// Moot's rule decides it (whatever the pack printed).
    Rule,
    /// Moot's rule does not decide; the rating is the one printed.
    AsPrinted,
}

impl IndicatorAssessment {
    /// The rating a value stands at: Moot's where its rule decides, else
    /// the printed one, marked as printed; `None` when neither says.
    /// Counts and exception reports go by this.
    pub fn standing(&self) -> Option<(Rag, RatingBasis)> {
        match (self.computed, self.value.printed) {
            (Some(rag), _) => Some((rag, RatingBasis::Rule)),
            (None, Some(rag)) => Some((rag, RatingBasis::AsPrinted)),
            (None, None) => None,
        }
    }

    /// Whether the value is an exception: Red by Moot's rule, or printed
    /// Red (a council's own Red is reported even where Moot's rule does
    /// not decide or gives another rating).
    pub fn is_exception(&self) -> bool {
        self.computed == Some(Rag::Red) || self.value.printed == Some(Rag::Red)
    }
}

/// Assesses every value: `values` ordered by indicator, then period end
/// (the previous dated value of the same indicator is the one before).
pub fn assess(
    values: Vec<StoredValue>,
    thresholds: &[StoredThreshold],
) -> Vec<IndicatorAssessment> {
    let mut previous: Option<(IndicatorId, f64)> = None;
    values
        .into_iter()
        .map(|value| {
            let rule = rule_for(&value, thresholds);
            let result = value.value.as_deref().and_then(Figure::parse);
            let computed = rule.as_ref().zip(result).and_then(|(r, f)| r.rate(f.value));
            let earlier = previous
                .filter(|(indicator, _)| *indicator == value.indicator)
                .map(|(_, earlier)| earlier);
            let direction = match (value.polarity, earlier, result) {
                (Some(polarity), Some(earlier), Some(now)) if value.period_end.is_some() => {
                    direction_of_travel(polarity, earlier, now.value, rule_target(rule.as_ref()))
                }
                _ => None,
            };
            if let (Some(now), Some(_)) = (result, value.period_end) {
                previous = Some((value.indicator, now.value));
            }
            IndicatorAssessment {
                check: check_rating(value.printed, computed),
                value,
                computed,
                direction,
                rule,
            }
        })
        .collect()
}

/// The threshold in force for `value`: the latest of its indicator's from
/// on or before its period end (none for an undated value).
pub fn threshold_in_force<'t, T: AsRef<StoredThreshold>>(
    value: &StoredValue,
    thresholds: &'t [T],
) -> Option<&'t T> {
    let end = value.period_end?;
    thresholds
        .iter()
        .filter(|t| t.as_ref().indicator == value.indicator && t.as_ref().effective_from <= end)
        .max_by_key(|t| t.as_ref().effective_from)
}

impl AsRef<StoredThreshold> for StoredThreshold {
    fn as_ref(&self) -> &StoredThreshold {
        self
    }
}

/// The rule in force for `value`: the latest threshold from on or before
/// its period end (bands if they read, else a target with polarity), else
/// the target printed on its row.
fn rule_for(value: &StoredValue, thresholds: &[StoredThreshold]) -> Option<Rule> {
    let in_force = threshold_in_force(value, thresholds);
    let figure = |text: Option<&str>| text.and_then(Figure::parse).map(|f| f.value);
    let target_rule = |target: Option<&str>, minimum: Option<&str>| {
        Some(Rule::Target {
            polarity: value.polarity?,
            target: figure(target)?,
            minimum: figure(minimum),
        })
    };
    match in_force {
        Some(t) => t
            .bands
            .as_deref()
            .and_then(Bands::parse)
            .map(Rule::Bands)
            .or_else(|| target_rule(t.target.as_deref(), t.minimum.as_deref())),
        None => target_rule(value.row_target.as_deref(), None),
    }
}

fn rule_target(rule: Option<&Rule>) -> Option<f64> {
    match rule? {
        Rule::Target { target, .. } => Some(*target),
        Rule::Bands(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use moot_domain::Lines;

    fn value(
        indicator: i64,
        end: (u16, u8, u8),
        result: &str,
        printed: Option<Rag>,
    ) -> StoredValue {
        StoredValue {
            indicator: IndicatorId(indicator),
            code: Some(format!("K{indicator}")),
            name: "Indicator".to_owned(),
            polarity: Some(Polarity::High),
            period_end: Date::new(end.0, end.1, end.2),
            period: None,
            value: Some(result.to_owned()),
            numerator: None,
            denominator: None,
            printed,
            row_target: None,
            commentary: None,
            origin: ValueOrigin::Csv {
                load: LoadId(1),
                file_name: "kpis.csv".to_owned(),
                line: 2,
            },
        }
    }

    fn threshold(from: (u16, u8, u8), target: &str, minimum: &str) -> StoredThreshold {
        StoredThreshold {
            indicator: IndicatorId(1),
            effective_from: Date::new(from.0, from.1, from.2).unwrap(),
            target: Some(target.to_owned()),
            minimum: Some(minimum.to_owned()),
            bands: None,
        }
    }

    #[test]
    fn the_threshold_in_force_is_the_latest_from_on_or_before_the_period() {
        let thresholds = [
            threshold((2023, 4, 1), "80%", "70%"),
            threshold((2024, 4, 1), "90%", "85%"),
        ];
        let values = vec![
            value(1, (2024, 3, 31), "82%", Some(Rag::Green)),
            value(1, (2024, 6, 30), "82%", Some(Rag::Green)),
        ];
        let assessed = assess(values, &thresholds);
        assert_eq!(assessed[0].computed, Some(Rag::Green));
        assert_eq!(assessed[0].check, RatingCheck::Agrees);
        assert_eq!(assessed[1].computed, Some(Rag::Red));
        assert_eq!(
            assessed[1].check,
            RatingCheck::Disagrees {
                printed: Rag::Green,
                computed: Rag::Red
            }
        );
    }

    #[test]
    fn bands_take_precedence_over_a_target() {
        let mut t = threshold((2024, 1, 1), "90%", "85%");
        t.bands = Some("Green 50% and above, Red below 50%".to_owned());
        let assessed = assess(vec![value(1, (2024, 3, 31), "60%", None)], &[t]);
        assert_eq!(assessed[0].check, RatingCheck::Unprinted(Rag::Green));
    }

    #[test]
    fn direction_is_against_the_same_indicators_previous_value() {
        let values = vec![
            value(1, (2024, 3, 31), "60%", None),
            value(1, (2024, 6, 30), "70%", None),
            value(2, (2024, 9, 30), "10%", None),
        ];
        let assessed = assess(values, &[]);
        assert_eq!(assessed[0].direction, None);
        assert_eq!(assessed[1].direction, Some(Direction::Improved));
        assert_eq!(assessed[2].direction, None);
    }

    #[test]
    fn a_pack_row_is_rated_by_its_own_printed_target() {
        let mut row = value(1, (2024, 3, 31), "70", Some(Rag::Green));
        row.period_end = None;
        row.row_target = Some("65".to_owned());
        row.origin = ValueOrigin::Pack {
            source: Source {
                document: DocumentId(3),
                lines: Lines {
                    first: 40,
                    last: 41,
                },
            },
            file_name: "pack.txt".to_owned(),
        };
        let assessed = assess(vec![row], &[threshold((2000, 1, 1), "99", "98")]);
        assert_eq!(assessed[0].check, RatingCheck::Agrees);
        assert_eq!(assessed[0].value.origin.to_string(), "pack.txt lines 40–41");
    }

    #[test]
    fn a_value_stands_at_moots_rating_where_the_rule_decides_else_as_printed() {
        let thresholds = [threshold((2024, 1, 1), "90%", "80%")];
        let decided = value(1, (2024, 3, 31), "85%", Some(Rag::Red));
        let mut undecided = value(1, (2024, 6, 30), "85%", Some(Rag::Red));
        undecided.polarity = None;
        let mut silent = undecided.clone();
        silent.printed = None;
        let assessed = assess(vec![decided, undecided, silent], &thresholds);
        assert_eq!(
            assessed[0].standing(),
            Some((Rag::Amber, RatingBasis::Rule))
        );
        assert_eq!(
            assessed[1].standing(),
            Some((Rag::Red, RatingBasis::AsPrinted))
        );
        assert_eq!(assessed[2].standing(), None);
    }

    #[test]
    fn a_printed_red_is_an_exception_even_where_the_rule_gives_another_rating() {
        let thresholds = [threshold((2024, 1, 1), "90%", "80%")];
        let values = vec![
            value(1, (2024, 3, 31), "85%", Some(Rag::Red)),
            value(1, (2024, 6, 30), "70%", None),
            value(1, (2024, 9, 30), "95%", Some(Rag::Amber)),
        ];
        let assessed = assess(values, &thresholds);
        let exceptions: Vec<bool> = assessed
            .iter()
            .map(IndicatorAssessment::is_exception)
            .collect();
        assert_eq!(exceptions, [true, true, false]);
    }
}
