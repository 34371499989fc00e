//! CSV files as data: each `test_data/csv/<case>.csv` is a file as a
//! council might keep it; `<case>.expected` beside it holds the rows read
//! from it, each field on its own, or every problem with its line.
//! `UPDATE_EXPECT=1` rewrites the expectations, which are then reviewed
//! like code.

use moot_scorecard::{read_indicator_csv, CsvIndicatorRow};
use std::fmt::Write as _;

mod expect;

fn describe_row(out: &mut String, row: &CsvIndicatorRow) {
    let _ = writeln!(
        out,
        "line {}: {} {:?} {} {} value {:?}",
        row.line,
        row.code,
        row.name,
        row.polarity.letter(),
        row.period_end,
        row.value
    );
    let optional = [
        ("period_label", &row.period_label),
        ("period_kind", &row.period_kind),
        ("numerator", &row.numerator),
        ("denominator", &row.denominator),
        ("target", &row.target),
        ("minimum", &row.minimum),
        ("bands", &row.bands),
        ("unit", &row.unit),
        ("body", &row.body),
        ("data_source", &row.data_source),
        ("owner", &row.owner),
        ("commentary", &row.commentary),
    ];
    for (name, cell) in optional {
        if let Some(cell) = cell {
            let _ = writeln!(out, "  {name} {cell:?}");
        }
    }
    if let Some(rating) = row.rating {
        let _ = writeln!(out, "  rating {}", rating.name());
    }
}

fn describe(bytes: &[u8]) -> String {
    let mut out = String::new();
    match read_indicator_csv(bytes) {
        Ok(rows) => rows.iter().for_each(|row| describe_row(&mut out, row)),
        Err(problems) => {
            out.push_str("rejected\n");
            for problem in problems {
                let _ = writeln!(out, "{problem}");
            }
        }
    }
    out
}

#[test]
fn csv_files_read_as_expected() {
    expect::check_cases("csv", "csv", describe);
}

#[test]
fn a_file_is_good_only_when_its_name_says_so() {
    for path in expect::cases("csv", "csv") {
        let good = path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("good_");
        let read = read_indicator_csv(&std::fs::read(&path).unwrap());
        assert_eq!(read.is_ok(), good, "{}", path.display());
    }
}
