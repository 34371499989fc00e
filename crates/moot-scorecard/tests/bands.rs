//! Band wordings as data: each `test_data/bands/<case>.txt` holds a
//! dashboard's statement of its bands; `<case>.expected` beside it holds
//! the bands read from it and the rating of every boundary and a hair
//! either side. `UPDATE_EXPECT=1` rewrites the expectations, which are then
//! reviewed like code.

use moot_scorecard::bands::{Bound, Interval};
use moot_scorecard::Bands;
use std::fmt::Write as _;

mod expect;

fn describe_bound(bound: Option<Bound>, open: char, closed: char, infinite: &str) -> String {
    match bound {
        None => format!("{open}{infinite}"),
        Some(b) if b.inclusive => format!("{closed}{}", b.value),
        Some(b) => format!("{open}{}", b.value),
    }
}

fn describe_interval(i: &Interval) -> String {
    let low = describe_bound(i.low, '(', '[', "-inf");
    let high = describe_bound(i.high, ')', ']', "+inf");
    let (high_mark, high_value) = high.split_at(1);
    format!("{low}, {high_value}{high_mark}")
}

/// The bands and the rating at each threshold and 0.01 either side.
fn describe(text: &str) -> String {
    let Some(bands) = Bands::parse(text) else {
        return "no bands\n".to_owned();
    };
    let mut out = String::new();
    let mut probes = Vec::new();
    for band in bands.bands() {
        let intervals: Vec<String> = band.intervals.iter().map(describe_interval).collect();
        let _ = writeln!(out, "{} {}", band.rating.name(), intervals.join(" or "));
        for i in &band.intervals {
            probes.extend(i.low.iter().chain(i.high.iter()).map(|b| b.value));
        }
    }
    probes.sort_by(f64::total_cmp);
    probes.dedup();
    for value in probes.iter().flat_map(|v| [v - 0.01, *v, v + 0.01]) {
        let value = (value * 100.0).round() / 100.0;
        let rating = bands.rate(value).map_or("not rated", |r| r.name());
        let _ = writeln!(out, "{value} -> {rating}");
    }
    out
}

#[test]
fn band_wordings_read_and_rate_as_expected() {
    expect::check_cases("bands", "txt", |bytes| {
        describe(std::str::from_utf8(bytes).expect("band wordings are UTF-8"))
    });
}
