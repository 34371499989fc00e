//! Indicator values from a CSV file: the way councils keep scorecards
//! between packs, one row per indicator per period.
//!
//! A file is taken whole or not at all, so [`read_indicator_csv`] returns
//! either every row or every problem, each with its 1-based line in the
//! file and a plain reason, for the person fixing the spreadsheet. Figures
//! are read with [`Figure::parse`] and bands with [`Bands::parse`], the
//! same rules that later rate them, so a row accepted here can be rated.
//!
//! Columns (the header names them, in any order, any case):
//!
//! - required: `code`, `name`, `polarity` (`H`, `L` or `T`), `period_end`
//!   (ISO date, `YYYY-MM-DD`), `value` (one figure: `85.7%`, `9,287`);
//! - optional: `period_label` (as printed: `Q4 2023/24`), `period_kind`
//!   (`month`, `quarter`, `R12M`…), `numerator`, `denominator`, `target`,
//!   `minimum` (figures; a minimum needs a target), `bands` (wording such
//!   as `Green 85% and above, Amber 76.5% to 85%, Red below 76.5%`),
//!   `unit`, `rating` (printed `RED`, `AMBER` or `GREEN`), `body` (the
//!   committee that reviews it), `data_source`, `owner`, `commentary` (the
//!   officer's note on the value, shown beside it in exception reports).

use crate::bands::Bands;
use crate::figure::Figure;
use moot_domain::{Date, Polarity, Rag};
use std::collections::HashMap;
use std::fmt;

/// One accepted row, its cells trimmed, empty optional cells `None`.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvIndicatorRow {
    /// The row's 1-based line in the file.
    pub line: u64,
    /// The indicator's code.
    pub code: String,
    /// The indicator's name.
    pub name: String,
    /// Which way it improves.
    pub polarity: Polarity,
    /// The last day of the period the value is for.
    pub period_end: Date,
    /// The period as printed.
    pub period_label: Option<String>,
    /// The kind of period (month, quarter, year to date…).
    pub period_kind: Option<String>,
    /// The result as printed.
    pub value: String,
    /// The numerator, as printed.
    pub numerator: Option<String>,
    /// The denominator, as printed.
    pub denominator: Option<String>,
    /// The target, as printed.
    pub target: Option<String>,
    /// The minimum standard, as printed.
    pub minimum: Option<String>,
    /// The bands' wording.
    pub bands: Option<String>,
    /// The unit ("%", "days").
    pub unit: Option<String>,
    /// The printed rating.
    pub rating: Option<Rag>,
    /// The body that reviews it.
    pub body: Option<String>,
    /// Where the figures come from.
    pub data_source: Option<String>,
    /// Who answers for it.
    pub owner: Option<String>,
    /// The officer's commentary on the value.
    pub commentary: Option<String>,
}

/// Why a file, or one of its rows, was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvProblem {
    /// The 1-based line, or `None` for the file as a whole.
    pub line: Option<u64>,
    /// A plain sentence.
    pub reason: String,
}

impl fmt::Display for CsvProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.reason),
            None => f.write_str(&self.reason),
        }
    }
}

const REQUIRED: [&str; 5] = ["code", "name", "polarity", "period_end", "value"];
const OPTIONAL: [&str; 13] = [
    "period_label",
    "period_kind",
    "numerator",
    "denominator",
    "target",
    "minimum",
    "bands",
    "unit",
    "rating",
    "body",
    "data_source",
    "owner",
    "commentary",
];

/// Reads a CSV file's bytes: every row, or every problem found.
pub fn read_indicator_csv(bytes: &[u8]) -> Result<Vec<CsvIndicatorRow>, Vec<CsvProblem>> {
    let text = decode(bytes).map_err(|p| vec![p])?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(header)) => Columns::new(&header).map_err(|p| vec![p])?,
        Some(Err(error)) => return Err(vec![csv_problem(text, &error)]),
        None => return Err(vec![whole_file("the file has no header row")]),
    };
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut seen: HashMap<(String, Date), u64> = HashMap::new();
    for record in records {
        let row = record
            .map_err(|e| csv_problem(text, &e))
            .and_then(|r| header.row(text, &r));
        match row {
            Ok(row) => match seen.insert((row.code.clone(), row.period_end), row.line) {
                Some(first) => problems.push(CsvProblem {
                    line: Some(row.line),
                    reason: format!(
                        "{} for {} is already given on line {first}",
                        row.code, row.period_end
                    ),
                }),
                None => rows.push(row),
            },
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() && rows.is_empty() {
        problems.push(whole_file("the file has a header but no rows"));
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

fn whole_file(reason: &str) -> CsvProblem {
    CsvProblem {
        line: None,
        reason: reason.to_owned(),
    }
}

fn csv_problem(text: &str, error: &csv::Error) -> CsvProblem {
    CsvProblem {
        line: error.position().map(|p| line_at(text, p)),
        reason: format!("not readable as CSV: {error}"),
    }
}

/// The 1-based line of a record's first byte, counted by `\n`. The csv
/// crate places a record of a CRLF file at the `\n` before it, and counts
/// its lines so too, so line ends at the place are skipped first.
fn line_at(text: &str, position: &csv::Position) -> u64 {
    let bytes = text.as_bytes();
    let mut start = usize::try_from(position.byte()).map_or(bytes.len(), |b| b.min(bytes.len()));
    while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
        start += 1;
    }
    bytes[..start].iter().filter(|b| **b == b'\n').count() as u64 + 1
}

/// UTF-8 text without a byte-order mark; binary or other encodings are
/// refused rather than guessed, since figures must not be misread.
fn decode(bytes: &[u8]) -> Result<&str, CsvProblem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(whole_file("the file is empty"));
    }
    if bytes.contains(&0) {
        return Err(whole_file(
            "the file is binary (it holds NUL bytes), not CSV text",
        ));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64
            + 1;
        CsvProblem {
            line: Some(line),
            reason: "not UTF-8 text (save the file as CSV UTF-8)".to_owned(),
        }
    })
}

/// Where each known column sits in the header.
struct Columns {
    index: HashMap<&'static str, usize>,
    width: usize,
}

impl Columns {
    fn new(header: &csv::StringRecord) -> Result<Columns, CsvProblem> {
        let mut index = HashMap::new();
        let mut problems = Vec::new();
        for (at, cell) in header.iter().enumerate() {
            let name = cell.trim().to_ascii_lowercase();
            match REQUIRED.iter().chain(&OPTIONAL).find(|c| **c == name) {
                Some(known) if index.insert(*known, at).is_some() => {
                    problems.push(format!("column '{known}' is named twice"));
                }
                Some(_) => {}
                None => problems.push(format!("unknown column '{}'", cell.trim())),
            }
        }
        let missing: Vec<&str> = REQUIRED
            .into_iter()
            .filter(|c| !index.contains_key(c))
            .collect();
        if !missing.is_empty() {
            problems.push(format!(
                "the header lacks required column(s): {}",
                missing.join(", ")
            ));
        }
        if problems.is_empty() {
            Ok(Columns {
                index,
                width: header.len(),
            })
        } else {
            Err(CsvProblem {
                line: Some(1),
                reason: problems.join("; "),
            })
        }
    }

    fn row(&self, text: &str, record: &csv::StringRecord) -> Result<CsvIndicatorRow, CsvProblem> {
        let line = record.position().map_or(0, |p| line_at(text, p));
        if record.len() != self.width {
            return Err(CsvProblem {
                line: Some(line),
                reason: format!(
                    "the row has {} fields; the header has {}",
                    record.len(),
                    self.width
                ),
            });
        }
        let cells = Cells {
            columns: self,
            record,
            problems: Vec::new(),
        };
        cells.into_row(line)
    }
}

/// One record's cells, gathering every problem found in them.
struct Cells<'a> {
    columns: &'a Columns,
    record: &'a csv::StringRecord,
    problems: Vec<String>,
}

impl Cells<'_> {
    fn optional(&self, column: &str) -> Option<String> {
        let at = *self.columns.index.get(column)?;
        let cell = self.record.get(at)?.trim();
        (!cell.is_empty()).then(|| cell.to_owned())
    }

    fn required(&mut self, column: &str) -> String {
        let cell = self.optional(column);
        if cell.is_none() {
            self.problems.push(format!("{column} is empty"));
        }
        cell.unwrap_or_default()
    }

    /// A cell that must hold one figure when given.
    fn figure(&mut self, column: &str, cell: Option<String>) -> Option<String> {
        let cell = cell?;
        if Figure::parse(&cell).is_none() {
            self.problems
                .push(format!("{column} '{cell}' is not one number"));
        }
        Some(cell)
    }

    fn into_row(mut self, line: u64) -> Result<CsvIndicatorRow, CsvProblem> {
        let code = self.required("code");
        let name = self.required("name");
        let polarity_cell = self.required("polarity");
        let polarity = polarity_named(&polarity_cell);
        if polarity.is_none() && !polarity_cell.is_empty() {
            self.problems
                .push(format!("polarity '{polarity_cell}' is not H, L or T"));
        }
        let period_cell = self.required("period_end");
        let period_end = iso_date(&period_cell);
        if period_end.is_none() && !period_cell.is_empty() {
            self.problems.push(format!(
                "period_end '{period_cell}' is not a date (YYYY-MM-DD)"
            ));
        }
        let value = self.required("value");
        let value = self.figure("value", Some(value).filter(|v| !v.is_empty()));
        let numerator = self.figure("numerator", self.optional("numerator"));
        let denominator = self.figure("denominator", self.optional("denominator"));
        let target = self.figure("target", self.optional("target"));
        let minimum = self.figure("minimum", self.optional("minimum"));
        if minimum.is_some() && target.is_none() {
            self.problems
                .push("a minimum standard is given without a target".to_owned());
        }
        let bands = self.optional("bands");
        if let Some(text) = bands.as_deref().filter(|b| Bands::parse(b).is_none()) {
            self.problems
                .push(format!("bands '{text}' state no band Moot can read"));
        }
        let rating_cell = self.optional("rating");
        let rating = rating_cell.as_deref().and_then(rag_named);
        if let Some(cell) = rating_cell.filter(|_| rating.is_none()) {
            self.problems
                .push(format!("rating '{cell}' is not RED, AMBER or GREEN"));
        }
        match (polarity, period_end, value) {
            (Some(polarity), Some(period_end), Some(value)) if self.problems.is_empty() => {
                Ok(CsvIndicatorRow {
                    line,
                    code,
                    name,
                    polarity,
                    period_end,
                    period_label: self.optional("period_label"),
                    period_kind: self.optional("period_kind"),
                    value,
                    numerator,
                    denominator,
                    target,
                    minimum,
                    bands,
                    unit: self.optional("unit"),
                    rating,
                    body: self.optional("body"),
                    data_source: self.optional("data_source"),
                    owner: self.optional("owner"),
                    commentary: self.optional("commentary"),
                })
            }
            _ => Err(CsvProblem {
                line: Some(line),
                reason: self.problems.join("; "),
            }),
        }
    }
}

fn polarity_named(cell: &str) -> Option<Polarity> {
    match cell.to_ascii_uppercase().as_str() {
        "H" => Some(Polarity::High),
        "L" => Some(Polarity::Low),
        "T" => Some(Polarity::Target),
        _ => None,
    }
}

fn rag_named(cell: &str) -> Option<Rag> {
    match cell.to_ascii_uppercase().as_str() {
        "RED" => Some(Rag::Red),
        "AMBER" => Some(Rag::Amber),
        "GREEN" => Some(Rag::Green),
        _ => None,
    }
}

/// A strict `YYYY-MM-DD` that names a real day.
fn iso_date(cell: &str) -> Option<Date> {
    let b = cell.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return None;
    }
    let number = |range: std::ops::Range<usize>| cell[range].parse::<u16>().ok();
    Date::new(
        number(0..4)?,
        u8::try_from(number(5..7)?).ok()?,
        u8::try_from(number(8..10)?).ok()?,
    )
}
