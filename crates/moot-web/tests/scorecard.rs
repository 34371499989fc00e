//! The scorecard, indicator and exception pages over real HTTP: a small
//! scorecard loaded from CSV (Moot's rating beside a differing printed
//! one, counts from the rows, ratings in words and shapes, commentary
//! beside each Red, CSV and JSON twins), and a pack whose exempt papers
//! carry a scorecard row with a planted string that must appear nowhere.

mod common;

use common::{agenda_item_on, fetch, get, import, json, serve_dir, Site};
use moot_domain::{Date, IndicatorRow, Lines, Pack, Polarity, Rag, Report};
use moot_store::{SourceFile, Store};
use moot_store_sqlite::SqliteStore;
use serde_json::Value;
use tempfile::TempDir;

/// A1 falls below its minimum (printed Amber, Moot says Red); B1 meets
/// its target; C1 has no rule.
const CSV: &str = "code,name,polarity,period_end,period_label,value,numerator,denominator,target,minimum,rating,body,commentary
A1,Library visits per 1000,H,2024-01-31,January 2024,80,160,2000,75,60,GREEN,Invented Board,
A1,Library visits per 1000,H,2024-02-29,February 2024,55,110,2000,,,AMBER,Invented Board,Visits fell while the library roof was mended.
B1,Days to answer letters,L,2024-02-29,February 2024,10,,,12,15,,Invented Board,
C1,Volunteers,H,2024-02-29,,42,,,,,,Invented Board,
";

fn load_csv(dir: &TempDir, csv: &str) {
    let mut store = SqliteStore::open(&dir.path().join("moot.db")).unwrap();
    let rows = moot_scorecard::read_indicator_csv(csv.as_bytes()).unwrap();
    let source = SourceFile {
        name: "board.csv",
        bytes: csv.as_bytes(),
        text: csv,
    };
    store.load_indicators(&source, &rows).unwrap();
}

fn csv_site() -> Site {
    let dir = TempDir::new().unwrap();
    load_csv(&dir, CSV);
    serve_dir(dir)
}

/// A scorecard whose text cells are spreadsheet formulas (and whose
/// values are negative numbers).
const FORMULA_CSV: &str = "code,name,polarity,period_end,period_label,value,numerator,denominator,target,minimum,rating,body,commentary
=A1,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",H,2024-01-31,@month,-80,,,-75,-60,RED,+Board of Formulae,-1+cmd|' /C calc'!A0
";

#[test]
fn no_scorecard_exception_or_indicator_csv_cell_runs_as_a_formula_but_negatives_stay_numbers() {
    let dir = TempDir::new().unwrap();
    load_csv(&dir, FORMULA_CSV);
    let site = serve_dir(dir);
    let card = json(&site, "/api/bodies/1/scorecard");
    let url = card["rows"][0]["indicator"]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    for target in [
        "/bodies/1/scorecard.csv".to_owned(),
        "/bodies/1/exceptions.csv".to_owned(),
        "/scorecard/exceptions.csv".to_owned(),
        format!("{url}.csv"),
    ] {
        let text = common::assert_csv_runs_no_formula(&site, &target);
        assert!(text.contains("'=HYPERLINK("), "{target}: {text}");
        assert!(
            text.contains(",-80,"),
            "{target}: a negative value stays a number: {text}"
        );
    }
}

/// The scorecard row of the indicator coded `code`.
fn row<'a>(card: &'a Value, code: &str) -> &'a Value {
    card["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["indicator"]["code"] == code)
        .unwrap_or_else(|| panic!("no row {code}"))
}

#[test]
fn the_scorecard_rates_each_latest_value_by_rule_and_counts_the_rows() {
    let site = csv_site();
    let card = json(&site, "/api/bodies/1/scorecard");
    assert_eq!(card["body"]["name"], "Invented Board");
    assert_eq!(card["rows"].as_array().unwrap().len(), 3);
    let a1 = row(&card, "A1");
    assert_eq!(a1["latest"]["period_end"], "2024-02-29");
    assert_eq!(a1["latest"]["rating"], "red");
    assert_eq!(a1["latest"]["printed_rating"], "amber");
    assert_eq!(a1["latest"]["check"], "disagrees");
    assert_eq!(a1["latest"]["direction"], "worsened");
    assert_eq!(a1["latest"]["target"], "75 (minimum 60)");
    assert_eq!(a1["latest"]["origin"]["line"], 3);
    assert_eq!(a1["previous"]["value"], "80");
    assert_eq!(row(&card, "B1")["latest"]["rating"], "green");
    assert_eq!(row(&card, "C1")["latest"]["rating"], Value::Null);
    let counts = &card["counts"];
    assert_eq!(
        [
            &counts["green"],
            &counts["amber"],
            &counts["red"],
            &counts["unrated"]
        ],
        [1, 0, 1, 1]
    );

    let (status, page) = get(&site, "/bodies/1/scorecard");
    assert_eq!(status, 200);
    assert!(
        page.contains("Amber</span> <span class=\"meta\">as printed</span><br><span class=\"differs\">Moot's rule gives <span class=\"rag\">"),
        "{page}"
    );
    assert!(page.contains("board.csv, line 3"));
    assert!(page.contains("Red</span>: they differ"), "{page}");
    assert!(
        page.contains(">February 2024<"),
        "periods in words on pages"
    );
    assert!(page.contains("Green: <strong>1</strong>"));
}

#[test]
fn a_rating_is_conveyed_by_word_and_shape_not_colour_alone() {
    let site = csv_site();
    let (_, page) = get(&site, "/bodies/1/scorecard");
    // The Red cell: a cross drawn as a path, hidden from assistive
    // technology, then the word as text.
    let red = page
        .split("<span class=\"rag\">")
        .find(|cell| cell.contains("</svg> Red</span>"))
        .expect("a Red badge with its word");
    assert!(red.contains("<path"), "Red is a cross: {red}");
    assert!(red.contains("aria-hidden=\"true\""));
    let green = page
        .split("<span class=\"rag\">")
        .find(|cell| cell.contains("</svg> Green</span>"))
        .expect("a Green badge with its word");
    assert!(green.contains("<circle"), "Green is a circle: {green}");
}

#[test]
fn the_exception_report_lists_each_red_with_its_commentary() {
    let site = csv_site();
    for path in ["/api/bodies/1/exceptions", "/api/scorecard/exceptions"] {
        let report = json(&site, path);
        let rows = report["rows"].as_array().unwrap();
        assert_eq!(rows.len(), 1, "{path}");
        assert_eq!(rows[0]["indicator"]["code"], "A1");
        assert_eq!(
            rows[0]["latest"]["commentary"],
            "Visits fell while the library roof was mended."
        );
    }
    let (status, page) = get(&site, "/bodies/1/exceptions");
    assert_eq!(status, 200);
    assert!(page.contains("Visits fell while the library roof was mended."));
    assert!(!page.contains("Days to answer letters"));
    let csv = fetch(&site, "/bodies/1/exceptions.csv");
    assert!(csv.head.contains("text/csv"), "{}", csv.head);
    assert_eq!(csv.body.lines().count(), 2, "{}", csv.body);
}

#[test]
fn the_indicator_page_charts_every_value_with_a_table_and_its_thresholds() {
    let site = csv_site();
    let card = json(&site, "/api/bodies/1/scorecard");
    let url = row(&card, "A1")["indicator"]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, page) = get(&site, &url);
    assert_eq!(status, 200);
    assert!(page.contains("<svg class=\"chart\" role=\"img\""));
    assert!(page.contains("2 results from Wednesday 31 January 2024 to Thursday 29 February 2024"));
    assert!(page.contains("Higher is better"));
    assert!(page.contains("Thresholds over time"));
    assert!(page.contains("Visits fell while the library roof was mended."));
    let api = json(&site, &format!("/api{url}"));
    assert_eq!(api["values"].as_array().unwrap().len(), 2);
    assert_eq!(api["thresholds"][0]["effective_from"], "2024-01-31");
    assert_eq!(api["reviewers"][0]["name"], "Invented Board");
    let csv = fetch(&site, &format!("{url}.csv"));
    assert!(csv.head.contains("attachment"));
    let mut lines = csv.body.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("indicator_id,code,name,polarity,period,"));
    assert_eq!(lines.count(), 2);
}

#[test]
fn malformed_and_unknown_indicator_addresses_are_client_errors() {
    let site = csv_site();
    for (target, status) in [
        ("/indicators/abc", 400),
        ("/indicators/0.csv", 400),
        ("/api/indicators/x", 400),
        ("/indicators/999", 404),
        ("/indicators/999.csv", 404),
        ("/api/indicators/999", 404),
        ("/bodies/999/scorecard", 404),
        ("/api/bodies/999/exceptions", 404),
        ("/bodies/x/scorecard.csv", 400),
    ] {
        assert_eq!(fetch(&site, target).status, status, "{target}");
    }
}

/// What the planted pack keeps secret: the name of the scorecard row in
/// its exempt item's papers.
const SECRET: &str = "Quokka";

/// Item 2 is exempt; its paper (lines 8–10) carries a scorecard row on
/// line 10. The public paper before it carries another on line 7.
const PLANTED_TEXT: &str = "INVENTED DISTRICT COUNCIL
Invented Board, Wednesday 4 March 2020
1. Performance report
2. Quokka Depot contract
Subject: Performance report
Classification: Unrestricted
L1 Library loans 950 target 900 GREEN
Subject: Quokka Depot contract
Classification: Unrestricted
Q1 Quokka Depot tonnage 77 target 80 RED
Subject: Parks strategy
Parks are open to all.
";

fn planted_pack() -> Pack {
    let mut pack = Pack::default();
    pack.meeting.organisation = Some("Invented District Council".into());
    pack.meeting.body = Some("Invented Board".into());
    pack.meeting.date = Date::new(2020, 3, 4);
    pack.meeting.lines = Some(Lines::span(1, 2));
    pack.agenda = vec![
        agenda_item_on("1", "Performance report", false, 3),
        agenda_item_on("2", "Quokka Depot contract", true, 4),
    ];
    let report = |subject: &str, lines: Lines| Report {
        subject: subject.into(),
        classification: Some("Unrestricted".into()),
        lines,
        ..Report::default()
    };
    pack.reports = vec![
        report("Performance report", Lines::span(5, 6)),
        report("Quokka Depot contract", Lines::span(8, 9)),
        report("Parks strategy", Lines::one(11)),
    ];
    let row = |code: &str, name: &str, value: &str, target: &str, rag, line| IndicatorRow {
        code: Some(code.into()),
        name: name.into(),
        polarity: Some(Polarity::High),
        period: Some("Q3".into()),
        period_end: None,
        value: Some(value.into()),
        rag: Some(rag),
        target: Some(target.into()),
        lines: Lines::one(line),
    };
    pack.indicators = vec![
        row("L1", "Library loans", "950", "900", Rag::Green, 7),
        row("Q1", "Quokka Depot tonnage", "77", "80", Rag::Red, 10),
    ];
    pack
}

#[test]
fn a_scorecard_row_in_exempt_papers_appears_on_no_page_json_or_download() {
    let dir = TempDir::new().unwrap();
    import(
        dir.path(),
        &[("planted.txt".into(), PLANTED_TEXT.into(), planted_pack())],
    );
    let site = serve_dir(dir);
    let card = json(&site, "/api/bodies/1/scorecard");
    let rows = card["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "only the public row: {card}");
    assert_eq!(rows[0]["indicator"]["code"], "L1");
    assert_eq!(rows[0]["latest"]["origin"]["source"]["lines"]["first"], 7);
    let mut targets: Vec<String> = [
        "/bodies/1",
        "/bodies/1/scorecard",
        "/api/bodies/1/scorecard",
        "/bodies/1/scorecard.csv",
        "/bodies/1/exceptions",
        "/api/bodies/1/exceptions",
        "/bodies/1/exceptions.csv",
        "/scorecard/exceptions",
        "/api/scorecard/exceptions",
        "/scorecard/exceptions.csv",
    ]
    .map(str::to_owned)
    .to_vec();
    for id in 1..=2 {
        for form in [
            "/indicators/{id}",
            "/api/indicators/{id}",
            "/indicators/{id}.csv",
        ] {
            targets.push(form.replace("{id}", &id.to_string()));
        }
    }
    let mut found = 0;
    for target in &targets {
        let response = fetch(&site, target);
        assert!(
            !response.body.contains(SECRET),
            "{target}: {}",
            response.body
        );
        if response.status == 200 {
            found += 1;
        } else {
            assert_eq!(response.status, 404, "{target}");
        }
    }
    assert_eq!(
        found,
        targets.len() - 3,
        "one indicator's three addresses are 404"
    );
}

/// The rows the gold records of the corpus print as Red: (pack file,
/// indicator name, value), read from `../shared/gold`.
fn gold_printed_reds() -> Vec<(String, String, String)> {
    let mut reds = Vec::new();
    for pack in moot_testdata::corpus_files() {
        let name = pack.file_name().unwrap().to_string_lossy().into_owned();
        let gold = moot_testdata::shared("gold").join(name.replace(".txt", ".json"));
        let Ok(text) = std::fs::read_to_string(&gold) else {
            continue;
        };
        let gold: Value = serde_json::from_str(&text).unwrap();
        for row in gold["indicators"].as_array().into_iter().flatten() {
            if row["rag"] == "RED" {
                reds.push((
                    name.clone(),
                    row["name"].as_str().unwrap().to_owned(),
                    row["value"].as_str().unwrap_or_default().to_owned(),
                ));
            }
        }
    }
    reds
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_printed_red_of_the_corpus_scorecards_is_in_the_exception_report_marked_as_printed() {
    let reds = gold_printed_reds();
    assert!(reds.len() >= 8, "the gold records print Reds: {reds:?}");
    let names: Vec<String> = moot_testdata::corpus_files()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let site = common::serve(&common::corpus_packs(&names));
    let report = json(&site, "/api/scorecard/exceptions");
    let rows = report["rows"].as_array().unwrap();
    let (_, page) = get(&site, "/scorecard/exceptions");
    let page_rows: Vec<&str> = page.split("<tr>").skip(1).collect();
    for (pack, name, value) in &reds {
        let found = rows.iter().find(|r| {
            words(r["indicator"]["name"].as_str().unwrap_or_default()) == words(name)
                && r["latest"]["value"] == value.as_str()
                && r["latest"]["origin"]["file"] == pack.as_str()
        });
        let row = found.unwrap_or_else(|| {
            panic!("{pack}: printed Red {name} ({value}) is not in the exception report")
        });
        assert_eq!(row["latest"]["printed_rating"], "red", "{name}");
        let html_row = page_rows
            .iter()
            .find(|r| {
                r.contains(&maud::html! { (name) }.into_string())
                    && r.contains(&format!(">{}<", maud::html! { (value) }.into_string()))
            })
            .unwrap_or_else(|| panic!("{name} is not on the exception page"));
        assert!(
            html_row.contains("Red</span> <span class=\"meta\">as printed</span>"),
            "{name} is not marked as printed: {html_row}"
        );
    }
    let printed = report["counts"]["as_printed"].as_u64().unwrap();
    assert!(printed >= 1, "{}", report["counts"]);
    assert!(
        page.contains(&format!(
            "{printed} Red as printed where Moot's rule does not decide"
        )),
        "the report says how many are which"
    );
}

#[test]
fn a_scorecard_counts_printed_ratings_where_moots_rule_does_not_decide_and_sorts_codes_naturally() {
    let site = common::serve(&common::corpus_packs(&["kent-scph-2013-01-11.txt"]));
    let bodies = json(&site, "/api/bodies");
    let mut most = (0, Value::Null);
    for body in bodies["bodies"].as_array().into_iter().flatten() {
        let id = body["id"].as_i64().unwrap();
        let card = json(&site, &format!("/api/bodies/{id}/scorecard"));
        let n = card["rows"].as_array().map_or(0, Vec::len);
        if n > most.0 {
            most = (n, card);
        }
    }
    let card = most.1;
    let counts = &card["counts"];
    assert!(counts["red"].as_u64().unwrap() >= 8, "{counts}");
    assert!(counts["amber"].as_u64().unwrap() >= 21, "{counts}");
    assert_eq!(
        counts["red"].as_u64().unwrap(),
        counts["by_rule"]["red"].as_u64().unwrap() + counts["as_printed"]["red"].as_u64().unwrap()
    );
    let codes: Vec<&str> = card["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["indicator"]["code"].as_str())
        .collect();
    let position = |code: &str| codes.iter().position(|c| *c == code);
    for (before, after) in [("A2", "A10"), ("9", "10"), ("C9", "C10"), ("D12", "D13")] {
        if let (Some(b), Some(a)) = (position(before), position(after)) {
            assert!(b < a, "{before} before {after}: {codes:?}");
        }
    }
}
