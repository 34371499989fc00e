//! The scorecard acceptance: two years of monthly values for 50 invented
//! indicators, written by a generator here (deterministic, no download),
//! loaded by the real `moot indicators load`, served by the real `moot
//! serve` and fetched over HTTP: the body's scorecard with its counts, the
//! exception report, and every indicator's trend page, each answering 200
//! with balanced markup.
//!
//! The generator mixes the three polarities, targets with minimum
//! standards (one in five changes its target after a year), stated bands
//! (every closer-to-target indicator, and some others), printed ratings
//! (one in seven printed wrongly) and commentary on Reds, with results
//! drifting across the boundaries. The expected ratings are worked out
//! here by the rules as councils state them, not by Moot's code.

mod common;

use common::{moot, Server};
use serde_json::Value;
use std::fmt::Write as _;

const INDICATORS: usize = 50;
const MONTHS: usize = 24;
const BODY: &str = "Invented Performance Board";

/// One indicator's rule as the generator states it.
#[derive(Clone, Copy)]
enum Rule {
    /// Higher is better: Green from the target, Amber from the minimum.
    High { target: f64, minimum: f64 },
    /// Lower is better: Green up to the target, Amber up to the minimum.
    Low { target: f64, minimum: f64 },
    /// Closer to target: Green 40–60, Amber 30–40 or 60–70, else Red.
    Banded,
}

impl Rule {
    fn letter(self) -> &'static str {
        match self {
            Rule::High { .. } => "H",
            Rule::Low { .. } => "L",
            Rule::Banded => "T",
        }
    }

    fn rate(self, v: f64) -> &'static str {
        match self {
            Rule::High { target, .. } if v >= target => "GREEN",
            Rule::High { minimum, .. } if v >= minimum => "AMBER",
            Rule::Low { target, .. } if v <= target => "GREEN",
            Rule::Low { minimum, .. } if v <= minimum => "AMBER",
            Rule::Banded if (40.0..=60.0).contains(&v) => "GREEN",
            Rule::Banded if (30.0..=70.0).contains(&v) => "AMBER",
            _ => "RED",
        }
    }
}

/// The rule of indicator `i` in month `m` (one in five raises its target
/// after the first year).
fn rule(i: usize, m: usize) -> Rule {
    let raised = i.is_multiple_of(5) && m >= 12;
    match i % 3 {
        0 => Rule::High {
            target: if raised { 60.0 } else { 55.0 },
            minimum: if raised { 50.0 } else { 45.0 },
        },
        1 => Rule::Low {
            target: 45.0,
            minimum: 55.0,
        },
        _ => Rule::Banded,
    }
}

/// Indicator `i`'s result in month `m`: a slow wave that crosses the
/// boundaries, never landing on one (every result ends in 5 hundredths).
fn result(i: usize, m: usize) -> f64 {
    let x = 50.0 + 24.0 * ((m as f64) * 0.45 + (i as f64) * 1.3).sin();
    (x * 10.0).round() / 10.0 + 0.05
}

/// The last day of month `m` counted from April 2023.
fn month_end(m: usize) -> (u16, u8, u8) {
    let year = 2023 + ((m + 3) / 12) as u16;
    let month = ((m + 3) % 12 + 1) as u8;
    let leap = year.is_multiple_of(4);
    let day = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (year, month, day)
}

/// The CSV, and each indicator's expected latest rating by Moot's rule.
fn generate() -> (String, Vec<&'static str>) {
    let mut csv = String::from(
        "code,name,polarity,period_end,period_label,period_kind,value,numerator,denominator,\
         target,minimum,bands,unit,rating,body,data_source,owner,commentary\n",
    );
    let mut latest = Vec::new();
    for i in 0..INDICATORS {
        for m in 0..MONTHS {
            let (y, mo, d) = month_end(m);
            let rule = rule(i, m);
            let v = result(i, m);
            let expected = rule.rate(v);
            let printed = if m == MONTHS - 1 && i % 7 == 0 {
                if expected == "GREEN" {
                    "RED"
                } else {
                    "GREEN"
                }
            } else {
                expected
            };
            let starts_rule = m == 0 || (i % 5 == 0 && m == 12);
            let (target, minimum, bands) = match rule {
                _ if !starts_rule => (String::new(), String::new(), String::new()),
                Rule::Banded => (
                    String::new(),
                    String::new(),
                    "Green 40% to 60%, Amber from 30% to 40%, or 60% to 70%. Red below 30% or above 70%".to_owned(),
                ),
                Rule::High { target, minimum } if i % 4 == 0 => (
                    String::new(),
                    String::new(),
                    format!("Green {target}% and above, Amber from {minimum}% to {target}%, Red below {minimum}%"),
                ),
                Rule::High { target, minimum } | Rule::Low { target, minimum } => {
                    (format!("{target}%"), format!("{minimum}%"), String::new())
                }
            };
            let commentary = if expected == "RED" && m == MONTHS - 1 {
                format!("Indicator {i} fell short this month; a recovery plan is in place.")
            } else {
                String::new()
            };
            let (numerator, denominator) = if i % 2 == 0 {
                (format!("{}", (v * 10.0).round()), "1000".to_owned())
            } else {
                (String::new(), String::new())
            };
            let _ = writeln!(
                csv,
                "PI{i:02},Invented measure {i},{},{y:04}-{mo:02}-{d:02},{y} month {mo},month,{v}%,\
                 {numerator},{denominator},{target},{minimum},\"{bands}\",%,{printed},{BODY},\
                 Invented records,Invented officer {i},{commentary}",
                rule.letter()
            );
            if m == MONTHS - 1 {
                latest.push(expected);
            }
        }
    }
    (csv, latest)
}

/// The body of an HTTP response, after a 200 status.
fn ok_body(response: &str, path: &str) -> String {
    let (head, body) = response.split_once("\r\n\r\n").expect("head and body");
    assert!(head.starts_with("HTTP/1.1 200"), "{path}: {head}");
    body.to_owned()
}

/// Every element the page opens is closed in order (void elements aside),
/// and the document is one `html` element.
fn assert_balanced(page: &str, path: &str) {
    const VOID: [&str; 6] = ["meta", "link", "br", "input", "img", "hr"];
    assert!(page.starts_with("<!DOCTYPE html>"), "{path}");
    let mut open: Vec<String> = Vec::new();
    for tag in page.split('<').skip(2) {
        let Some((inside, _)) = tag.split_once('>') else {
            panic!("{path}: unclosed <{tag}")
        };
        let closing = inside.starts_with('/');
        let name: String = inside
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if VOID.contains(&name.as_str()) || inside.ends_with('/') {
            continue;
        }
        if closing {
            assert_eq!(
                open.pop().as_deref(),
                Some(name.as_str()),
                "{path}: </{name}>"
            );
        } else {
            open.push(name);
        }
    }
    assert!(open.is_empty(), "{path}: left open {open:?}");
}

fn json(server: &Server, path: &str) -> Value {
    serde_json::from_str(&ok_body(&server.get(path), path)).unwrap()
}

#[test]
fn two_years_of_fifty_indicators_render_the_scorecard_and_every_trend_page() {
    let dir = tempfile::tempdir().unwrap();
    let (csv, latest) = generate();
    let file = dir.path().join("performance.csv");
    std::fs::write(&file, &csv).unwrap();
    let db = dir.path().join("moot.db");
    let load = moot(&["indicators", "load", file.to_str().unwrap()], &db);
    let stdout = String::from_utf8_lossy(&load.stdout);
    assert!(
        load.status.success(),
        "{}",
        String::from_utf8_lossy(&load.stderr)
    );
    assert!(
        stdout.contains("stored 1200 values (50 new indicators)"),
        "{stdout}"
    );

    let server = Server::start([std::ffi::OsStr::new("--db"), db.as_os_str()]);
    let bodies = json(&server, "/api/bodies");
    assert_eq!(bodies["bodies"][0]["name"], BODY);
    let body = bodies["bodies"][0]["id"].as_i64().unwrap();

    let card = json(&server, &format!("/api/bodies/{body}/scorecard"));
    let rows = card["rows"].as_array().unwrap();
    assert_eq!(rows.len(), INDICATORS);
    let count = |rating: &str| latest.iter().filter(|r| **r == rating).count();
    for (key, rating) in [("green", "GREEN"), ("amber", "AMBER"), ("red", "RED")] {
        assert_eq!(card["counts"][key], count(rating), "{key}");
        assert!(count(rating) > 5, "the generator gives some {rating}");
    }
    assert_eq!(card["counts"]["unrated"], 0);
    for (row, expected) in rows.iter().zip(&latest) {
        assert_eq!(row["latest"]["rating"], expected.to_lowercase(), "{row}");
    }
    let disagreements = rows
        .iter()
        .filter(|r| r["latest"]["check"] == "disagrees")
        .count();
    assert_eq!(disagreements, INDICATORS.div_ceil(7));

    let path = format!("/bodies/{body}/scorecard");
    let page = ok_body(&server.get(&path), &path);
    assert_balanced(&page, &path);
    assert_eq!(page.matches("<a href=\"/indicators/").count(), INDICATORS);
    assert_eq!(page.matches("they differ").count(), disagreements);

    let path = format!("/bodies/{body}/exceptions");
    let page = ok_body(&server.get(&path), &path);
    assert_balanced(&page, &path);
    assert_eq!(
        page.matches("a recovery plan is in place").count(),
        count("RED")
    );

    for row in rows {
        let path = row["indicator"]["url"].as_str().unwrap();
        let page = ok_body(&server.get(path), path);
        assert_balanced(&page, path);
        assert!(page.contains("role=\"img\""), "{path}");
        assert!(
            page.contains(&format!("{MONTHS} results from Sunday 30 April 2023")),
            "{path}"
        );
        // The values table: a header row and one row per month.
        let table = page.split("<caption>Every value").nth(1).unwrap();
        let table = table.split("</table>").next().unwrap();
        assert_eq!(table.matches("<tr>").count(), MONTHS + 1, "{path}");
    }
}
