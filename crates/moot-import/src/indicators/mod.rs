//! Performance scorecard rows.
//!
//! Scorecards reach us as flattened PDF tables: one line per row, cells
//! separated by tabs, headers stacked over two lines, section headings
//! between rows and a good deal of OCR damage. A table opens at a header
//! row ([`header`]); each following tab line is read as a row, its columns
//! mapped from the header and checked against what the cells hold
//! ([`cell`]), so a header that has lost a label or a row that has split a
//! cell still reads. A table ends at prose or at the end of its part.
//!
//! A row counts when it names an indicator (or gives its code) and gives a
//! result, rating or target. Series tables (results by period) count only
//! rows that carry a rating, since their other rows are plain statistics.
//! An indicator repeated on a detail page is reported once.

mod cell;
mod detail;
mod flattened;
mod header;
mod notes;
mod period;

pub(crate) use detail::details;

use crate::document::Document;
use crate::split::Part;
use header::{Header, Role};
use moot_domain::{Diagnostic, IndicatorRow, Lines, Rag, Severity};
use std::collections::{HashMap, HashSet};

/// Lines without tabs this long are prose.
const PROSE_LINE: usize = 100;

/// Indicator names are short; a longer cell is a note or an action.
const MAX_NAME: usize = 200;

/// This many lines of prose with no table line between end a table (one
/// is a note inside it).
const PROSE_RUN: usize = 2;

/// Reads every scorecard row. A row under a scorecard header that cannot
/// be read, or is read without the result or rating its table has a
/// column for, is reported, one diagnostic a row.
pub fn parse(
    doc: &Document,
    parts: &[Part],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<IndicatorRow> {
    let mut scan = Scan::default();
    for part in parts {
        scan.part(doc, part.range.clone());
    }
    let rows = merge_repeats(scan.rows);
    // A code read elsewhere (a detail page's heading row) is not lost.
    let read: HashSet<&str> = rows.iter().filter_map(|r| r.code.as_deref()).collect();
    let skipped = scan
        .skipped
        .iter()
        .filter(|(_, code)| !read.contains(code.as_str()))
        .map(|&(lines, _)| {
            warning(
                lines,
                "scorecard row skipped: no result, rating or target could be read",
            )
        });
    scan.tables.sort_by_key(|&(first, _)| first);
    let partial = rows.iter().filter_map(|row| partial(row, &scan.tables));
    let mut found: Vec<Diagnostic> = skipped.chain(partial).collect();
    found.sort_by_key(|d| d.lines);
    diagnostics.extend(found);
    rows
}

/// What a table's header says each row holds.
#[derive(Debug, Clone, Copy, Default)]
struct Expected {
    value: bool,
    rating: bool,
}

impl Expected {
    fn of(header: &Header) -> Expected {
        let has = |role| header.column(role).is_some();
        Expected {
            value: has(Role::Value) || has(Role::ValueRag),
            rating: has(Role::Rag) || has(Role::ValueRag),
        }
    }
}

/// What the scan of a pack's parts has found.
#[derive(Default)]
struct Scan {
    rows: Vec<IndicatorRow>,
    /// Where each table opens (its first source line) and what it expects.
    tables: Vec<(u32, Expected)>,
    /// Table lines that looked like rows but could not be read, with the
    /// code they give.
    skipped: Vec<(Lines, String)>,
}

/// A diagnostic for a row missing the result or rating its table (the
/// last one opened above it) has a column for.
fn partial(row: &IndicatorRow, tables: &[(u32, Expected)]) -> Option<Diagnostic> {
    let under = tables.partition_point(|&(first, _)| first <= row.lines.first);
    let expected = under
        .checked_sub(1)
        .and_then(|t| tables.get(t))
        .map_or_else(Expected::default, |&(_, e)| e);
    let no_value = expected.value && row.value.is_none();
    let no_rating = expected.rating && row.rag.is_none();
    let message = match (no_value, no_rating) {
        (true, true) => "scorecard row read without its result or rating",
        (true, false) => "scorecard row read without its result",
        (false, true) => "scorecard row read without its rating",
        (false, false) => return None,
    };
    Some(warning(row.lines, message))
}

fn warning(lines: Lines, message: &str) -> Diagnostic {
    Diagnostic {
        severity: Severity::Warning,
        lines,
        message: message.to_owned(),
    }
}

/// The code a table line that could not be read opens with ("D4", "12.
/// Percentage of …"), when it has more cells: such a line is an
/// indicator's row, where a worded line alone is a section heading, a key
/// or a detail page's label.
fn row_code(cells: &[&str]) -> Option<String> {
    let mut filled = cells.iter().filter(|c| !c.is_empty());
    let first = filled.next()?;
    filled.next()?;
    cell::code(first)
        .or_else(|| cell::numbered_name(first).map(|(code, _)| code))
        .map(str::to_owned)
}

/// An open table: its header and the line the header was read from.
struct Table {
    header: Header,
    header_line: usize,
}

impl Scan {
    /// Reads the tables of one part, noting where each opens and the rows
    /// that could not be read.
    fn part(&mut self, doc: &Document, range: std::ops::Range<usize>) {
        let rows = &mut self.rows;
        let first_row = rows.len();
        let mut flattened: Vec<IndicatorRow> = Vec::new();
        let mut table: Option<Table> = None;
        let mut previous: Option<Header> = None;
        let mut last_non_blank = None;
        // A tab line of labels only, which may be the upper half of a header.
        let mut labels_line: Option<usize> = None;
        // Lines of prose since the last tab line.
        let mut prose_run = 0;
        for i in range {
            let text = doc.lines.get(i).map_or("", |l| l.text.as_str());
            if text.trim().is_empty() {
                continue;
            }
            let after = last_non_blank.replace(i);
            if !text.contains('\t') {
                if text.chars().count() >= PROSE_LINE {
                    prose_run += 1;
                }
                if prose_run >= PROSE_RUN {
                    table = None;
                }
                continue;
            }
            prose_run = 0;
            let cells: Vec<&str> = text.split('\t').map(str::trim).collect();
            let stacked = stacked_header(doc, table.as_ref(), after, &cells);
            let header = stacked.or_else(|| {
                let header = Header::read(&cells)?;
                let upper = labels_line.filter(|&l| after == Some(l));
                let first: Option<Vec<&str>> =
                    upper.map(|l| doc.text(l).split('\t').map(str::trim).collect());
                Some(match first {
                    Some(first) => header.stack(&first, &cells).unwrap_or(header),
                    None => header,
                })
            });
            if let Some(header) = header {
                self.tables
                    .push((doc.source_of(i..i + 1).first, Expected::of(&header)));
                table = Some(open_table(header, &mut previous, i));
                continue;
            }
            labels_line = cells.iter().all(|c| cell::number(c).is_none()).then_some(i);
            let Some(table) = table.as_ref() else {
                continue;
            };
            let lines = doc.source_of(i..i + 1);
            let row = read_row(&table.header, &cells);
            let in_text = flattened_rows(&table.header, &cells);
            let named = matches!(table.header, Header::Named { .. });
            if row.is_none() && in_text.is_empty() && named {
                self.skipped
                    .extend(row_code(&cells).map(|code| (lines, code)));
            }
            if let Some(row) = row {
                rows.push(IndicatorRow { lines, ..row });
            }
            flattened.extend(in_text.into_iter().map(|row| IndicatorRow { lines, ..row }));
        }
        if let Some(part_rows) = rows.get_mut(first_row..) {
            let extra = complete_from_flattened(part_rows, flattened);
            rows.extend(extra);
        }
    }
}

/// Rows flattened into the stray cells of a damaged scorecard row (OCR
/// text laid over the table): only tables with a polarity column, whose
/// rows have a recognisable shape, are read this way.
fn flattened_rows(header: &Header, cells: &[&str]) -> Vec<IndicatorRow> {
    let (Some(name_at), Some(_)) = (header.column(Role::Name), header.column(Role::Polarity))
    else {
        return Vec::new();
    };
    cells
        .iter()
        .enumerate()
        .filter(|&(c, text)| c != name_at && text.split_whitespace().count() >= 4)
        .flat_map(|(_, text)| flattened::rows_in(text))
        .collect()
}

/// Completes damaged rows from what the flattened text says about the same
/// code, and returns the coded indicators only the flattened text holds
/// (the best-read version of each).
fn complete_from_flattened(
    rows: &mut [IndicatorRow],
    flattened: Vec<IndicatorRow>,
) -> Vec<IndicatorRow> {
    let mut extra: Vec<IndicatorRow> = Vec::new();
    for row in rows.iter_mut().filter(|r| r.name.is_empty()) {
        // OCR layers drift: the version printed nearest the row is its own.
        let distance = |c: &IndicatorRow| c.lines.first.abs_diff(row.lines.first);
        let Some(candidate) = flattened
            .iter()
            .filter(|c| c.code == row.code)
            .min_by_key(|c| distance(c))
        else {
            continue;
        };
        let whole = row.polarity.is_some()
            && row.period.is_some()
            && row.value.is_some()
            && row.rag.is_some();
        if !whole && flattened::filled(candidate) > flattened::filled(row) {
            let lines = row.lines;
            *row = IndicatorRow {
                lines,
                ..candidate.clone()
            };
        } else {
            row.name = candidate.name.clone();
        }
    }
    for candidate in flattened {
        if rows.iter().any(|r| r.code == candidate.code) {
            continue;
        }
        match extra.iter_mut().find(|r| r.code == candidate.code) {
            Some(best) if flattened::filled(&candidate) > flattened::filled(best) => {
                *best = candidate;
            }
            Some(_) => {}
            None => extra.push(candidate),
        }
    }
    extra
}

/// Opens a table under `header`, completing a header that has lost its
/// target label from the last table that had one.
fn open_table(mut header: Header, previous: &mut Option<Header>, line: usize) -> Table {
    if let Some(earlier) = previous.as_ref() {
        header.inherit_target(earlier);
    }
    if header.column(Role::Target).is_some() {
        *previous = Some(header.clone());
    }
    Table {
        header,
        header_line: line,
    }
}

/// A second header row straight below the first, with column labels and
/// no figures, is stacked onto it.
fn stacked_header(
    doc: &Document,
    table: Option<&Table>,
    after: Option<usize>,
    cells: &[&str],
) -> Option<Header> {
    let table = table?;
    if after != Some(table.header_line)
        || !cells.iter().any(|c| header::labels_a_column(c))
        || cells.iter().any(|c| cell::number(c).is_some())
    {
        return None;
    }
    let first: Vec<&str> = doc
        .text(table.header_line)
        .split('\t')
        .map(str::trim)
        .collect();
    let mut header = table.header.stack(&first, cells)?;
    if let (
        Header::Named {
            mentions_target, ..
        },
        Header::Named {
            mentions_target: was,
            ..
        },
    ) = (&mut header, &table.header)
    {
        *mentions_target |= *was;
    }
    Some(header)
}

/// Reads one row under `header`.
fn read_row(header: &Header, cells: &[&str]) -> Option<IndicatorRow> {
    match header {
        Header::Named { .. } => read_named_row(header, cells),
        Header::Series { periods } => read_series_row(periods, cells),
    }
}

/// The cell at `index`, or `""`.
fn at<'a>(cells: &[&'a str], index: usize) -> &'a str {
    cells.get(index).copied().unwrap_or("")
}

fn has_words(cell: &str) -> bool {
    cell.chars().filter(|c| c.is_alphabetic()).count() >= 3
}

/// Reads a row of a named table. Columns come from the header; where the
/// header's column does not hold what it should, the row's own cells are
/// searched after the last column read.
fn read_named_row(header: &Header, cells: &[&str]) -> Option<IndicatorRow> {
    let name_at = header
        .column(Role::Name)
        .or_else(|| cells.iter().position(|c| has_words(c)))?;
    let name_cell = at(cells, name_at);
    let (mut code, name) = match cell::numbered_name(name_cell) {
        Some((code, name)) => (Some(code), name),
        None => (None, name_cell),
    };
    let name = (has_words(name) && name.chars().count() <= MAX_NAME).then(|| name.to_owned());
    if code.is_none() {
        code = header
            .column(Role::Code)
            .and_then(|c| cell::code(at(cells, c)))
            .or_else(|| cell::code(at(cells, name_at.checked_sub(1)?)));
    }

    let mut cursor = name_at + 1;
    let polarity = find(header, cells, Role::Polarity, &mut cursor, cell::polarity);
    let period = find(header, cells, Role::Period, &mut cursor, cell::period).map(str::to_owned);
    let (value, rag, shift) = value_and_rag(header, cells, &mut cursor);
    let target = target(header, cells, shift, cursor);

    let placed = polarity.is_some()
        || period.is_some()
        || header.column(Role::Polarity).is_none() && header.column(Role::Period).is_none();
    if name.is_none() && code.is_none()
        || value.is_none() && rag.is_none() && target.is_none()
        || !placed
    {
        return None;
    }
    Some(IndicatorRow {
        code: code.map(str::to_owned),
        name: name.unwrap_or_default(),
        polarity,
        period,
        value,
        rag,
        target,
        period_end: None,
        lines: Lines::default(),
    })
}

/// Reads the cell of `role`: from the header's column when it holds a
/// value of the kind, else the first such cell at or after `cursor`.
/// Moves `cursor` past what was read.
fn find<'a, T>(
    header: &Header,
    cells: &[&'a str],
    role: Role,
    cursor: &mut usize,
    read: impl Fn(&'a str) -> Option<T>,
) -> Option<T> {
    let from_header = header
        .column(role)
        .and_then(|c| read(at(cells, c)).map(|v| (c, v)));
    // Columns labelled for something else (direction of travel: "Up",
    // "Down") are not searched.
    let found = from_header.or_else(|| {
        (*cursor..cells.len())
            .filter(|&c| header.role(c) != Role::Other)
            .find_map(|c| read(at(cells, c)).map(|v| (c, v)))
    });
    // A column the header names but leaves blank in this row is blank.
    if found.is_none() && header.column(role).is_some() {
        return None;
    }
    let (column, value) = found?;
    *cursor = (*cursor).max(column + 1);
    Some(value)
}

/// Reads the latest result and its rating. Returns them and how many
/// columns the row is shifted right of its header after the result (a
/// rating printed in its own cell under a "Result and RAG" label).
fn value_and_rag(
    header: &Header,
    cells: &[&str],
    cursor: &mut usize,
) -> (Option<String>, Option<Rag>, usize) {
    let value_at = header
        .column(Role::ValueRag)
        .or_else(|| header.column(Role::Value));
    let mut shift = 0;
    // An unlabelled figure before the labelled result column means the
    // header has slid right of its rows: the figure is the result.
    let value_at = value_at.map(|c| {
        (*cursor..c)
            .find(|&k| header.role(k) == Role::Empty && cell::number(at(cells, k)).is_some())
            .unwrap_or(c)
    });
    let (value, inline) = match value_at.map(|c| (c, at(cells, c))) {
        Some((c, text)) if cell::number(text).is_some() => {
            *cursor = (*cursor).max(c + 1);
            (Some(text.to_owned()), None)
        }
        Some((c, text)) if cell::rated_number(text).is_some() => {
            *cursor = (*cursor).max(c + 1);
            let (v, r) = cell::rated_number(text).unzip();
            (v.map(str::to_owned), r)
        }
        Some(_) if header.column(Role::Target).is_some() => (None, None),
        _ => {
            let found =
                (*cursor..cells.len()).find_map(|c| cell::number(at(cells, c)).map(|v| (c, v)));
            match found {
                Some((c, v)) => {
                    *cursor = c + 1;
                    (Some(v.to_owned()), None)
                }
                None => (None, None),
            }
        }
    };
    let rag = inline.or_else(|| {
        if let Some(c) = header.column(Role::Rag) {
            return cell::rag(at(cells, c + shift));
        }
        let next = *cursor;
        let rag = cell::rag(at(cells, next))?;
        if header.column(Role::ValueRag).is_some() {
            shift = 1;
        }
        *cursor = next + 1;
        Some(rag)
    });
    (value, rag, shift)
}

/// Reads the target: the header's target column (moved by `shift`), or,
/// where a damaged header still mentions a target, the first figure after
/// the denominator column.
fn target(header: &Header, cells: &[&str], shift: usize, cursor: usize) -> Option<String> {
    let from_column = |c: usize| cell::number(at(cells, c)).map(str::to_owned);
    if let Some(c) = header.column(Role::Target) {
        return from_column(c + shift);
    }
    let Header::Named {
        mentions_target: true,
        ..
    } = header
    else {
        return None;
    };
    let denom = header.column(Role::Denominator)?;
    (denom.max(cursor) + 1..cells.len())
        .find(|&c| !at(cells, c).is_empty())
        .and_then(from_column)
}

/// Reads a row of a series table: the latest period filled, when it
/// carries a rating.
fn read_series_row(periods: &[Option<String>], cells: &[&str]) -> Option<IndicatorRow> {
    let name = cells.iter().find(|c| has_words(c))?;
    let (column, (value, rag)) = periods
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, p)| p.is_some())
        .find_map(|(c, _)| {
            let text = at(cells, c);
            cell::rated_number(text)
                .map(|(v, r)| (v, Some(r)))
                .or_else(|| cell::number(text).map(|v| (v, None)))
                .map(|found| (c, found))
        })?;
    Some(IndicatorRow {
        code: None,
        name: (*name).to_owned(),
        polarity: None,
        period: periods.get(column).cloned().flatten(),
        value: Some(value.to_owned()),
        rag: Some(rag?),
        target: None,
        period_end: None,
        lines: Lines::default(),
    })
}

/// Reports each indicator once: a row repeating an earlier one's code and
/// name (a detail page after a summary) only fills what the first lacked.
fn merge_repeats(rows: Vec<IndicatorRow>) -> Vec<IndicatorRow> {
    let mut seen: HashMap<(Option<String>, String), usize> = HashMap::new();
    let mut merged: Vec<IndicatorRow> = Vec::with_capacity(rows.len());
    for row in rows {
        let key = (row.code.clone(), row.name.to_lowercase());
        match seen.get(&key).and_then(|&i| merged.get_mut(i)) {
            Some(first) if !row.name.is_empty() => fill_gaps(first, row),
            _ => {
                seen.insert(key, merged.len());
                merged.push(row);
            }
        }
    }
    merged
}

fn fill_gaps(first: &mut IndicatorRow, row: IndicatorRow) {
    first.polarity = first.polarity.or(row.polarity);
    first.period = first.period.take().or(row.period);
    first.value = first.value.take().or(row.value);
    first.rag = first.rag.or(row.rag);
    first.target = first.target.take().or(row.target);
}

#[cfg(test)]
mod tests {
    use super::*;
    use moot_domain::Polarity;

    fn rows(text: &str) -> Vec<IndicatorRow> {
        let doc = crate::normalise::normalise(text);
        let parts = [Part {
            kind: crate::split::PartKind::Report,
            range: 0..doc.len(),
        }];
        parse(&doc, &parts, &mut Vec::new())
    }

    #[test]
    fn a_rating_in_its_own_cell_under_a_result_and_rag_label_shifts_the_row() {
        let found = rows(concat!(
            "ID\tIndicators\tPolarity\tData Period\tLATEST RESULT\t\t\tTarget\tPREVIOUS\n",
            "\t\t\t\tLatest Result and RAG Status\tNum\tDenom\t\tPrevious Result\n",
            "X1\tHomes built per year\tH\tYTD\t81.0%\tR\t57\t70\t90.0%\t85.8%\n",
        ));
        assert_eq!(found.len(), 1);
        let row = &found[0];
        assert_eq!(row.code.as_deref(), Some("X1"));
        assert_eq!(row.polarity, Some(Polarity::High));
        assert_eq!(row.value.as_deref(), Some("81.0%"));
        assert_eq!(row.rag, Some(Rag::Red));
        assert_eq!(row.target.as_deref(), Some("90.0%"));
    }
}
