//! Indicator detail blocks, and the period each scorecard row reports.
//!
//! A scorecard's summary rows are often followed by a page per indicator:
//! a heading (the indicator's name, often truncated, and its rating), a
//! trend table of results by period with a target row and a rating row,
//! the officer's commentary, and data notes stating the rule ("Target: 85%
//! (RAG Status set as: Green 85% and above, …)", "Tolerance: Higher values
//! are better", "Data: Figures shown are Year-to-Date", "Data Source: …").
//!
//! A block opens at its trend table: a row of period labels whose rows
//! below include a rating row (a series scorecard has one indicator a
//! row instead). The heading is the nearest line above with a name and a
//! rating; the block runs to the next block's heading or the end of the
//! part. A block is tied to a scorecard row only when its heading gives
//! the row's code and shares most of its name's words, or, uncoded, opens
//! the name of exactly one row (or that name opens the heading); otherwise it is kept unattached with a
//! diagnostic, since a wrong tie would rate one indicator by another's
//! rule.
//!
//! Rows get their period end from the trend of their tied block when the
//! row's result is one of its columns, else from the nearest statement of
//! the reporting period around their table ([`period`]).

use super::{cell, notes, period};
use crate::document::Document;
use crate::split::Part;
use moot_domain::{Diagnostic, IndicatorDetail, IndicatorRow, Severity, TrendValue};
use std::ops::Range;

/// How far above a trend table its heading may be, in non-blank lines.
const HEADING_REACH: usize = 15;

/// How far from a table (in source lines) a period statement may be.
const STATEMENT_REACH: u32 = 60;

/// Rows further apart than this (in source lines) are in different tables.
const TABLE_GAP: u32 = 15;

/// Reads every detail block, ties each to its row where it can, and fills
/// the rows' period ends.
pub(crate) fn details(
    doc: &Document,
    parts: &[Part],
    rows: &mut [IndicatorRow],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<IndicatorDetail> {
    let mut details = Vec::new();
    for part in parts {
        details.extend(blocks_in(doc, part.range.clone()));
    }
    for detail in &mut details {
        detail.row = tie(detail, rows);
        if detail.row.is_none() {
            diagnostics.push(Diagnostic {
                severity: Severity::Note,
                lines: detail.lines,
                message: format!(
                    "indicator detail block not tied to a scorecard row: its heading {} matches no row with confidence",
                    detail
                        .heading
                        .as_deref()
                        .map_or("(none)".to_owned(), |h| format!("'{h}'"))
                ),
            });
        }
    }
    stated_period_ends(doc, rows);
    for detail in &details {
        if let Some(row) = detail.row.and_then(|r| rows.get_mut(r)) {
            row.period_end = trend_end(detail, row).or(row.period_end);
        }
    }
    details
}

/// The detail blocks of one part.
fn blocks_in(doc: &Document, range: Range<usize>) -> Vec<IndicatorDetail> {
    let tables: Vec<Trend> = range
        .clone()
        .filter_map(|i| trend_at(doc, i, range.end))
        .collect();
    let mut blocks = Vec::new();
    for (n, table) in tables.iter().enumerate() {
        let floor = n
            .checked_sub(1)
            .and_then(|p| tables.get(p))
            .map_or(range.start, |p| p.rows.end);
        let heading = heading_above(doc, floor, table.header);
        let next_start = tables.get(n + 1).map_or(range.end, |next| {
            heading_above(doc, table.rows.end, next.header).map_or(next.header, |(i, _)| i)
        });
        let start = heading.as_ref().map_or(table.header, |&(i, _)| i);
        let notes = notes::read(doc, start..next_start);
        let commentary = commentary(doc, table.rows.end..next_start, heading.as_ref());
        blocks.push(IndicatorDetail {
            row: None,
            heading: heading.map(|(_, name)| name),
            trend: table.values.clone(),
            commentary,
            notes,
            lines: doc.source_of(start..next_start.max(table.rows.end)),
        });
    }
    blocks
}

/// A trend table: the header's line, its rows' lines, and the values.
struct Trend {
    header: usize,
    rows: Range<usize>,
    values: Vec<TrendValue>,
}

/// What a row of a trend table holds, from its label.
#[derive(PartialEq)]
enum RowKind {
    Target,
    Rating,
    Other,
}

fn row_kind(label: &str) -> RowKind {
    let lower = label.to_lowercase();
    let has = |w: &str| lower.split(|c: char| !c.is_alphanumeric()).any(|x| x == w);
    if has("target") {
        RowKind::Target
    } else if has("rag") || has("rating") || has("status") {
        RowKind::Rating
    } else {
        RowKind::Other
    }
}

/// The trend table whose header is line `i`: two or more period labels
/// after a first cell, then tab rows up to a blank line, one of them a
/// rating row.
fn trend_at(doc: &Document, i: usize, end: usize) -> Option<Trend> {
    let text = doc.text(i);
    if !text.contains('\t') {
        return None;
    }
    let cells: Vec<&str> = text.split('\t').map(str::trim).collect();
    let periods: Vec<(usize, &str)> = cells
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, c)| !c.is_empty())
        .map(|(k, c)| (k, *c))
        .collect();
    if periods.len() < 2 || periods.iter().any(|(_, p)| period::label_end(p).is_none()) {
        return None;
    }
    let mut rows: Vec<Vec<&str>> = Vec::new();
    let mut last = i;
    for k in i + 1..end {
        let line = doc.text(k);
        if line.trim().is_empty() || !line.contains('\t') {
            break;
        }
        rows.push(line.split('\t').map(str::trim).collect());
        last = k;
    }
    let of = |kind: RowKind| {
        rows.iter().find(|r| {
            r.first()
                .is_some_and(|l| row_kind(l) == kind && !l.is_empty())
        })
    };
    // A rating row holds ratings ("status" also labels counts).
    let ratings = of(RowKind::Rating).filter(|r| {
        let rated = periods
            .iter()
            .filter(|&&(k, _)| r.get(k).is_some_and(|c| cell::rag(c).is_some()));
        rated.count() * 2 >= periods.len()
    })?;
    let results = rows.iter().find(|r| {
        r.first()
            .is_some_and(|l| !l.is_empty() && row_kind(l) == RowKind::Other)
    });
    let targets = of(RowKind::Target);
    let cell_at = |row: Option<&Vec<&str>>, k: usize| {
        row.and_then(|r| r.get(k))
            .and_then(|c| cell::number(c))
            .map(str::to_owned)
    };
    let values = periods
        .iter()
        .map(|&(k, label)| TrendValue {
            period: label.to_owned(),
            period_end: period::label_end(label),
            value: cell_at(results, k),
            target: cell_at(targets, k),
            rag: ratings.get(k).and_then(|c| cell::rag(c)),
        })
        .collect();
    Some(Trend {
        header: i,
        rows: i..last + 1,
        values,
    })
}

/// The nearest line above `below` (and not above `floor`) that names an
/// indicator and gives a rating: the block's heading, with its name.
fn heading_above(doc: &Document, floor: usize, below: usize) -> Option<(usize, String)> {
    (floor..below)
        .rev()
        .filter(|&i| !doc.text(i).trim().is_empty())
        .take(HEADING_REACH)
        .find_map(|i| {
            let text = doc.text(i);
            let cells: Vec<&str> = text.split('\t').map(str::trim).collect();
            let rated = cells.iter().skip(1).any(|c| cell::rag(c).is_some());
            let name = cells
                .first()
                .filter(|c| c.chars().filter(|c| c.is_alphabetic()).count() >= 3)?;
            rated.then(|| (i, (*name).to_owned()))
        })
}

/// The officer's commentary after a trend table: its paragraphs, up to
/// the data notes or the next table, without the "Commentary" label and
/// the heading or rating a page break repeats.
fn commentary(
    doc: &Document,
    range: Range<usize>,
    heading: Option<&(usize, String)>,
) -> Option<String> {
    let heading = heading.map(|(_, name)| name.as_str());
    let mut paragraphs: Vec<&str> = Vec::new();
    for i in range {
        let text = doc.text(i).trim();
        let cells: Vec<&str> = text
            .split('\t')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        let label = cells.len() == 1
            && cells[0]
                .trim_end_matches(':')
                .eq_ignore_ascii_case("commentary");
        if text.is_empty() || label || cell::rag(text).is_some() || Some(text) == heading {
            continue;
        }
        if text.contains('\t') || notes::opens(text) {
            break;
        }
        paragraphs.push(text);
    }
    (!paragraphs.is_empty()).then(|| paragraphs.join("\n\n"))
}

/// The row a block is about: the only row with the heading's code whose
/// name shares most words with it, or, without a code, the only row whose
/// name the heading opens.
fn tie(detail: &IndicatorDetail, rows: &[IndicatorRow]) -> Option<usize> {
    let heading = detail.heading.as_deref()?;
    let (code, name) = match cell::numbered_name(heading) {
        Some((code, name)) => (Some(code), name),
        None => (None, heading),
    };
    let heading_words = words(name);
    let matches: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, row)| match code {
            Some(code) => {
                row.code.as_deref() == Some(code)
                    && mostly_shared(&heading_words, &words(&row.name))
            }
            None => one_opens_the_other(&heading_words, &words(&row.name)),
        })
        .map(|(i, _)| i)
        .collect();
    match matches.as_slice() {
        [only] => Some(*only),
        _ => None,
    }
}

/// A name's words in lower case, "%" read as "percentage".
fn words(text: &str) -> Vec<String> {
    text.replace('%', " percentage ")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether the shorter list, of three words or more, opens the longer (a
/// truncated heading, or a row name the heading lengthens).
fn one_opens_the_other(a: &[String], b: &[String]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let Some((last, whole)) = short.split_last() else {
        return false;
    };
    // The last word of a truncated heading may be cut short itself.
    short.len() >= 3
        && long.starts_with(whole)
        && long
            .get(whole.len())
            .is_some_and(|w| w.starts_with(last.as_str()))
}

/// Whether most of the shorter list's words are in the longer.
fn mostly_shared(a: &[String], b: &[String]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let shared = short.iter().filter(|w| long.contains(w)).count();
    !short.is_empty() && shared * 2 > short.len()
}

/// The end of the latest trend period whose result is the row's.
fn trend_end(detail: &IndicatorDetail, row: &IndicatorRow) -> Option<moot_domain::Date> {
    let value = figure(row.value.as_deref()?);
    detail
        .trend
        .iter()
        .rev()
        .find(|t| t.value.as_deref().map(figure) == Some(value.clone()))
        .and_then(|t| t.period_end)
}

/// A printed figure without grouping commas or spaces.
fn figure(text: &str) -> String {
    text.chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect()
}

/// Gives each table of rows the period end stated nearest above it, or
/// else nearest below it, within [`STATEMENT_REACH`] lines.
fn stated_period_ends(doc: &Document, rows: &mut [IndicatorRow]) {
    let statements: Vec<(u32, moot_domain::Date)> = (0..doc.len())
        .filter(|&i| !doc.text(i).contains('\t'))
        .filter_map(|i| {
            Some((
                doc.source_of(i..i + 1).first,
                period::statement_end(doc.text(i))?,
            ))
        })
        .collect();
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|&i| rows[i].lines.first);
    for table in tables(rows, &order) {
        let first = table
            .iter()
            .map(|&i| rows[i].lines.first)
            .min()
            .unwrap_or(0);
        let last = table.iter().map(|&i| rows[i].lines.last).max().unwrap_or(0);
        let above = statements
            .iter()
            .rev()
            .find(|(line, _)| *line < first && first - line <= STATEMENT_REACH);
        let below = || {
            statements
                .iter()
                .find(|(line, _)| *line > last && line - last <= STATEMENT_REACH)
        };
        let end = above.or_else(below).map(|&(_, date)| date);
        for &i in &table {
            rows[i].period_end = end;
        }
    }
}

/// Row indices (in line order) grouped into tables by the gaps between.
fn tables(rows: &[IndicatorRow], order: &[usize]) -> Vec<Vec<usize>> {
    let mut tables: Vec<Vec<usize>> = Vec::new();
    let mut last_line = None;
    for &i in order {
        let row = &rows[i];
        match (tables.last_mut(), last_line) {
            (Some(table), Some(last)) if row.lines.first <= last + TABLE_GAP => table.push(i),
            _ => tables.push(vec![i]),
        }
        last_line = Some(last_line.map_or(row.lines.last, |l: u32| l.max(row.lines.last)));
    }
    tables
}

#[cfg(test)]
mod tests {
    use super::*;
    use moot_domain::Lines;

    #[test]
    fn a_heading_ties_by_code_and_shared_words_or_by_an_opening_name() {
        let row = |code: Option<&str>, name: &str| IndicatorRow {
            code: code.map(str::to_owned),
            name: name.to_owned(),
            polarity: None,
            period: None,
            value: None,
            rag: None,
            target: None,
            period_end: None,
            lines: Lines::default(),
        };
        let rows = [
            row(Some("6"), "Percentage of clients satisfied at first review"),
            row(Some("7"), "Proportion of older people still at home"),
            row(None, "% of care leavers in touch"),
        ];
        let detail = |heading: &str| IndicatorDetail {
            heading: Some(heading.to_owned()),
            ..IndicatorDetail::default()
        };
        assert_eq!(
            tie(
                &detail(
                    "6. Percentage of social care clients who are satisfied at their first review"
                ),
                &rows
            ),
            Some(0)
        );
        assert_eq!(
            tie(&detail("6. Number of enablement referrals"), &rows),
            None
        );
        assert_eq!(tie(&detail("Proportion of older"), &rows), Some(1));
        assert_eq!(tie(&detail("Percentage of C"), &rows), None);
    }
}
