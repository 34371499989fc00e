//! Scorecard rows flattened into one run of text.
//!
//! When OCR lays a second text layer over a table, a row's cells can come
//! out as one space-separated run inside another cell, several rows in a
//! row: "13 % of CP cases reviewed in time 1 So 5 % of CP Plans lasting 2
//! years L YTD 4.1% A 20 480 6.0%". A careful reader still finds each
//! indicator where a code is followed by a capitalised name or "%", and
//! its polarity, period, result, rating, numerator, denominator and target
//! where they follow the name in that order.

use super::cell;
use moot_domain::{IndicatorRow, Lines};
use regex::Regex;
use std::sync::LazyLock;

/// The indicators a flattened run of text holds, each as far as it reads.
pub(super) fn rows_in(text: &str) -> Vec<IndicatorRow> {
    static START: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:^|\s)(\d{1,3})\s+[%A-Z]").expect("valid regex"));
    let starts: Vec<usize> = START
        .captures_iter(text)
        .filter_map(|c| c.get(1).map(|m| m.start()))
        .collect();
    starts
        .iter()
        .enumerate()
        .filter_map(|(n, &start)| {
            let end = starts.get(n + 1).copied().unwrap_or(text.len());
            read_segment(text.get(start..end)?)
        })
        .collect()
}

/// Reads "CODE NAME [POLARITY PERIOD [RESULT [RATING [NUM DENOM TARGET]]]]".
fn read_segment(segment: &str) -> Option<IndicatorRow> {
    let mut words = segment.split_whitespace();
    let code = words.next()?.to_owned();
    let words: Vec<&str> = words.collect();
    // The name runs up to a polarity followed by a period.
    let split = (1..words.len())
        .find(|&i| cell::polarity(words[i - 1]).is_some() && cell::period(words[i]).is_some())
        .map(|i| i - 1);
    let name_words = words.get(..split.unwrap_or(words.len()))?;
    let name = name_words.join(" ");
    let worded = name_words
        .iter()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count();
    if worded < 2 {
        return None;
    }
    let tail = split.map_or(&[][..], |i| words.get(i..).unwrap_or(&[]));
    let at = |i: usize| tail.get(i).copied().unwrap_or("");
    let value = cell::number(at(2)).map(str::to_owned);
    let rag = value.as_ref().and_then(|_| cell::rag(at(3)));
    let target = rag.and_then(|_| cell::number(at(6))).map(str::to_owned);
    Some(IndicatorRow {
        code: Some(code),
        name,
        polarity: cell::polarity(at(0)),
        period: cell::period(at(1)).map(str::to_owned),
        value,
        rag,
        target,
        period_end: None,
        lines: Lines::default(),
    })
}

/// How many fields a row was read with.
pub(super) fn filled(row: &IndicatorRow) -> usize {
    usize::from(row.polarity.is_some())
        + usize::from(row.period.is_some())
        + usize::from(row.value.is_some())
        + usize::from(row.rag.is_some())
        + usize::from(row.target.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use moot_domain::Rag;

    #[test]
    fn each_coded_name_in_a_run_is_read_as_far_as_it_goes() {
        let rows = rows_in(
            "13 % of CP cases reviewed in time 1 So 18 No of Initial CP Conferences T YTD 19,04% G 235 260 88.0% 89.3%",
        );
        let codes: Vec<_> = rows
            .iter()
            .map(|r| r.code.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(codes, ["13", "18"]);
        assert_eq!(rows[0].name, "% of CP cases reviewed in time");
        assert_eq!(rows[1].rag, Some(Rag::Green));
        assert_eq!(rows[1].target.as_deref(), Some("88.0%"));
    }
}
