//! Explicit rating bands, as dashboards state them: "Green 85% and above,
//! Amber from 76.5% to 85%, Red below 76.5%", and for an indicator where
//! closer to target is better, "Green 5% to 10% Amber from 2% to 5%, or 10%
//! to 13%. Red below 2% or above 13%."
//!
//! Bands that share a boundary (85% is both "85% and above" and "76.5% to
//! 85%") give it to the better rating: a result on the target has met it.
//! That is why [`Bands::rate`] tries Green, then Amber, then Red. Strict
//! wordings ("above", "below") exclude their boundary.

use crate::figure::Figure;
use moot_domain::Rag;
use regex::Regex;
use std::sync::LazyLock;

/// One end of an interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bound {
    /// The threshold.
    pub value: f64,
    /// Whether the threshold itself is inside.
    pub inclusive: bool,
}

/// A range of results; an open end is unbounded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// The lowest result inside, if any.
    pub low: Option<Bound>,
    /// The highest result inside, if any.
    pub high: Option<Bound>,
}

impl Interval {
    /// Whether `value` is inside.
    pub fn contains(&self, value: f64) -> bool {
        let above_low = self
            .low
            .is_none_or(|b| value > b.value || (b.inclusive && value == b.value));
        let below_high = self
            .high
            .is_none_or(|b| value < b.value || (b.inclusive && value == b.value));
        above_low && below_high
    }
}

/// The results that earn one rating: one or more intervals ("2% to 5%, or
/// 10% to 13%").
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// The rating earned.
    pub rating: Rag,
    /// Where it is earned.
    pub intervals: Vec<Interval>,
}

/// An indicator's bands, at least one, each with at least one interval.
#[derive(Debug, Clone, PartialEq)]
pub struct Bands {
    bands: Vec<Band>,
}

/// The order ratings are tried in: a shared boundary goes to the better.
const BEST_FIRST: [Rag; 3] = [Rag::Green, Rag::Amber, Rag::Red];

static RATING_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(green|amber|red)\b").expect("valid regex"));

/// One interval wording. `NUM` is a figure with an optional sign and `%`.
static INTERVAL: LazyLock<Regex> = LazyLock::new(|| {
    let num = r"(?:[-−]?(?:\d[\d,]*(?:\.\d+)?|\.\d+)\s*%?)";
    let pattern = format!(
        r"(?ix)
        (?:above|over|more\s+than|greater\s+than|>)\s*(?P<after>{num})\s*(?:to|and|-|–)\s*(?P<upto>{num})
        | (?P<from_incl>{num})\s*(?:(?:and|or)\s*(?:above|over|more|higher|greater)|\+)
        | (?P<to_incl>{num})\s*(?:and|or)\s*(?:below|under|less|lower|fewer)
        | (?:above|over|more\s+than|greater\s+than|higher\s+than|>)\s*(?P<from_excl>{num})
        | (?:below|under|less\s+than|lower\s+than|fewer\s+than|<)\s*(?P<to_excl>{num})
        | (?:at\s+least|no\s+less\s+than|>=|≥)\s*(?P<from_least>{num})
        | (?:at\s+most|no\s+more\s+than|up\s+to|<=|≤)\s*(?P<to_most>{num})
        | (?:from|between)\s+(?P<a>{num})\s*(?:to|and|-|–)\s*(?P<b>{num})
        | (?P<c>{num})\s*(?:to|-|–)\s*(?P<d>{num})
        "
    );
    Regex::new(&pattern).expect("valid regex")
});

impl Bands {
    /// Bands from given parts; `None` when there are none or one has no
    /// interval.
    pub fn new(bands: Vec<Band>) -> Option<Bands> {
        let usable = !bands.is_empty() && bands.iter().all(|b| !b.intervals.is_empty());
        usable.then_some(Bands { bands })
    }

    /// Reads bands from a dashboard's wording: each rating word (Green,
    /// Amber, Red) opens the text of its band, up to the next rating word.
    /// Text before the first rating word ("Target: 85% (RAG Status set
    /// as:") is not part of any band. `None` when no band with an interval
    /// is found.
    pub fn parse(text: &str) -> Option<Bands> {
        let words: Vec<_> = RATING_WORD.find_iter(text).collect();
        let bands = words
            .iter()
            .enumerate()
            .map(|(i, word)| {
                let end = words.get(i + 1).map_or(text.len(), |next| next.start());
                Band {
                    rating: rating_named(word.as_str()),
                    intervals: intervals(&text[word.end()..end]),
                }
            })
            .filter(|band| !band.intervals.is_empty())
            .collect();
        Bands::new(bands)
    }

    /// The bands, as stated.
    pub fn bands(&self) -> &[Band] {
        &self.bands
    }

    /// The rating `value` earns: the best rating with an interval holding
    /// it, or `None` when it falls in no band.
    pub fn rate(&self, value: f64) -> Option<Rag> {
        BEST_FIRST.into_iter().find(|rating| {
            self.bands
                .iter()
                .filter(|band| band.rating == *rating)
                .any(|band| band.intervals.iter().any(|i| i.contains(value)))
        })
    }
}

fn rating_named(word: &str) -> Rag {
    match word.to_ascii_lowercase().as_str() {
        "green" => Rag::Green,
        "amber" => Rag::Amber,
        _ => Rag::Red,
    }
}

/// Every interval worded in one band's text.
fn intervals(text: &str) -> Vec<Interval> {
    INTERVAL
        .captures_iter(text)
        .filter_map(|caps| {
            let figure = |name: &str| {
                caps.name(name)
                    .and_then(|m| Figure::parse(m.as_str()))
                    .map(|f| f.value)
            };
            let bound =
                |name: &str, inclusive| figure(name).map(|value| Bound { value, inclusive });
            let range = |a: &str, b: &str| {
                let (a, b) = (figure(a)?, figure(b)?);
                let (low, high) = if a <= b { (a, b) } else { (b, a) };
                Some(Interval {
                    low: Some(Bound {
                        value: low,
                        inclusive: true,
                    }),
                    high: Some(Bound {
                        value: high,
                        inclusive: true,
                    }),
                })
            };
            let above_up_to = |low: Option<Bound>, high: Option<Bound>| {
                Some(Interval {
                    low: Some(low?),
                    high: Some(high?),
                })
            };
            let from = |b: Option<Bound>| {
                b.map(|low| Interval {
                    low: Some(low),
                    high: None,
                })
            };
            let to = |b: Option<Bound>| {
                b.map(|high| Interval {
                    low: None,
                    high: Some(high),
                })
            };
            above_up_to(bound("after", false), bound("upto", true))
                .or_else(|| from(bound("from_incl", true)))
                .or_else(|| to(bound("to_incl", true)))
                .or_else(|| from(bound("from_excl", false)))
                .or_else(|| to(bound("to_excl", false)))
                .or_else(|| from(bound("from_least", true)))
                .or_else(|| to(bound("to_most", true)))
                .or_else(|| range("a", "b"))
                .or_else(|| range("c", "d"))
        })
        .collect()
}
