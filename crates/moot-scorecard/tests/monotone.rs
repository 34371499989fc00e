//! The rating never improves as a result gets worse: as a higher-is-better
//! result falls, or a lower-is-better one rises. Checked for target and
//! minimum-standard rules and for bands read from generated wordings.

use moot_domain::{Polarity, Rag};
use moot_scorecard::{Bands, Rule};
use proptest::prelude::*;

/// Two thresholds in order (minimum, target) and two results.
fn thresholds_and_results() -> impl Strategy<Value = (f64, f64, f64, f64)> {
    (
        0.0..1000.0f64,
        0.0..500.0f64,
        -100.0..1600.0f64,
        -100.0..1600.0f64,
    )
        .prop_map(|(low, gap, a, b)| (low, low + gap, a, b))
}

/// Results rounded to two places, as packs print them, so values land on
/// thresholds often.
fn printed(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// `better` is at least as good as `worse`; their ratings must agree.
fn assert_not_improved(rule: &Rule, better: f64, worse: f64) -> Result<(), TestCaseError> {
    if let (Some(b), Some(w)) = (rule.rate(better), rule.rate(worse)) {
        prop_assert!(w <= b, "{worse} rated {w:?} above {better} rated {b:?}");
    }
    Ok(())
}

proptest! {
    #[test]
    fn a_falling_higher_is_better_result_never_rates_better(
        (minimum, target, a, b) in thresholds_and_results()
    ) {
        let rule = Rule::Target { polarity: Polarity::High, target, minimum: Some(minimum) };
        let (a, b) = (printed(a), printed(b));
        assert_not_improved(&rule, a.max(b), a.min(b))?;
    }

    #[test]
    fn a_rising_lower_is_better_result_never_rates_better(
        (target, minimum, a, b) in thresholds_and_results()
    ) {
        let rule = Rule::Target { polarity: Polarity::Low, target, minimum: Some(minimum) };
        let (a, b) = (printed(a), printed(b));
        assert_not_improved(&rule, a.min(b), a.max(b))?;
    }

    #[test]
    fn worded_higher_is_better_bands_never_rate_a_lower_result_better(
        (minimum, target, a, b) in thresholds_and_results()
    ) {
        let (minimum, target) = (printed(minimum), printed(target));
        let wording = format!(
            "Green {target}% and above, Amber from {minimum}% to {target}%, Red below {minimum}%"
        );
        let bands = Bands::parse(&wording).unwrap();
        let rule = Rule::Bands(bands);
        let (a, b) = (printed(a), printed(b));
        assert_not_improved(&rule, a.max(b), a.min(b))?;
        prop_assert_eq!(rule.rate(target), Some(Rag::Green));
        prop_assert!(rule.rate(a).is_some(), "{} fell in no band of {}", a, wording);
    }
}
