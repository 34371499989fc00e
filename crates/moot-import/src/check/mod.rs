//! Where a pack contradicts itself.
//!
//! Three kinds of contradiction are looked for, each reported with the
//! lines on both sides so a reader can judge:
//!
//! - `summary-count`: a summary says a scorecard has N measures and the
//!   scorecard in the same part has M rows;
//! - `rag-count`: a summary gives Green/Amber/Red counts that differ from
//!   the ratings printed in the rows;
//! - `total`: a table's total line differs from the sum of the lines
//!   above it (subtotals and rounding allowed for);
//! - `item-number`: a report prints another item number than the agenda
//!   gives its title ([`items`]);
//! - `page-range`: an agenda item's pages overlap the next item's.
//!
//! Rating counts are only checked where every row of the scorecard was read
//! with a rating, so a row lost to conversion damage cannot raise a false
//! alarm; a summary count is also checked against the highest row number
//! read, which damage cannot raise.

mod items;

use crate::document::Document;
use crate::split::Part;
use moot_domain::{Finding, IndicatorRow, Lines, Pack, Rag};
use regex::Regex;
use std::sync::LazyLock;

/// Lists the pack's contradictions.
pub fn check(doc: &Document, parts: &[Part], pack: &Pack) -> Vec<Finding> {
    let mut findings = Vec::new();
    for part in parts {
        let span = doc.source_of(part.range.clone());
        let rows: Vec<&IndicatorRow> = pack
            .indicators
            .iter()
            .filter(|r| span.first <= r.lines.first && r.lines.last <= span.last)
            .collect();
        check_counts(doc, part, &rows, &mut findings);
        check_totals(doc, part, &mut findings);
    }
    items::check_item_numbers(doc, pack, &mut findings);
    items::check_page_ranges(pack, &mut findings);
    findings
}

/// Compares stated counts of measures and ratings with the rows.
fn check_counts(doc: &Document, part: &Part, rows: &[&IndicatorRow], out: &mut Vec<Finding>) {
    if rows.is_empty() {
        return;
    }
    let all_rated = rows.iter().all(|r| r.rag.is_some());
    let at_least = rows.len().max(highest_row_number(rows));
    let rows_span = rows
        .iter()
        .map(|r| r.lines)
        .reduce(Lines::join)
        .unwrap_or_default();
    for i in part.range.clone() {
        let text = doc.text(i);
        // Stated counts need a figure; tables are not summaries.
        if text.contains('\t') || !text.contains(char::is_numeric) {
            continue;
        }
        let here = doc.source_of(i..i + 1);
        if let Some(stated) = stated_total(text) {
            let differs = stated < at_least || (all_rated && stated != rows.len());
            if differs {
                out.push(Finding {
                    kind: "summary-count",
                    message: format!(
                        "the summary counts {stated} measures but the scorecard has {} rows",
                        at_least
                    ),
                    lines: vec![here, rows_span],
                });
            }
        }
        if !all_rated {
            continue;
        }
        for (rag, stated) in stated_ratings(text) {
            let printed = rows.iter().filter(|r| r.rag == Some(rag)).count();
            if stated != printed {
                out.push(Finding {
                    kind: "rag-count",
                    message: format!(
                        "the summary counts {stated} {} but the scorecard rates {printed} rows {}",
                        rag.name(),
                        rag.name()
                    ),
                    lines: vec![here, rows_span],
                });
            }
        }
    }
}

/// Scorecards number their rows 1, 2, 3 …: the highest plain row number
/// read is a floor on the table's length even where damaged rows were
/// lost, so a summary counting fewer measures is a contradiction for sure.
fn highest_row_number(rows: &[&IndicatorRow]) -> usize {
    let numbers: Vec<usize> = rows
        .iter()
        .filter_map(|r| r.code.as_deref()?.trim_end_matches('.').parse().ok())
        .collect();
    // Without a row 1 the codes are a reference scheme, not a count.
    if !numbers.contains(&1) {
        return 0;
    }
    numbers.into_iter().max().unwrap_or(0)
}

/// "There are 43 measures within the scorecard", "reports 4 indicators".
fn stated_total(text: &str) -> Option<usize> {
    static TOTAL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?i)\b(?:there are|reports|contains|includes|comprises)\s+(\d{1,4})\s+",
            r"(?:key\s+)?(?:performance\s+)?(?:measures|indicators|kpis|metrics)\b"
        ))
        .expect("valid regex")
    });
    TOTAL.captures(text)?.get(1)?.as_str().parse().ok()
}

/// "20 indicators rated as Green, 20 … Amber and 3 … Red", "2 Green".
fn stated_ratings(text: &str) -> Vec<(Rag, usize)> {
    static RATED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?i)\b(\d{1,4})\s+(?:(?:measures?|indicators?|kpis?)\s+)?",
            r"(?:(?:are|is|were|was)\s+)?(?:rated\s+(?:as\s+)?)?(green|amber|red)\b"
        ))
        .expect("valid regex")
    });
    RATED
        .captures_iter(text)
        .filter_map(|c| {
            let count = c.get(1)?.as_str().parse().ok()?;
            let rag = match c.get(2)?.as_str().to_lowercase().as_str() {
                "green" => Rag::Green,
                "amber" => Rag::Amber,
                _ => Rag::Red,
            };
            Some((rag, count))
        })
        .collect()
}

/// One line of a figures table: its label and figures, by column.
struct FigureLine {
    index: usize,
    label: String,
    figures: Vec<Option<f64>>,
}

/// Checks each total line of each tab table in the part. A table opens at
/// a line of column headings. Tables broken by section lines or page text
/// nest their groups in ways a sum cannot follow, so only flat, unbroken
/// tables are checked.
fn check_totals(doc: &Document, part: &Part, out: &mut Vec<Finding>) {
    let mut block: Vec<FigureLine> = Vec::new();
    let mut flat = true;
    let mut totals_seen: Vec<String> = Vec::new();
    let mut headings: Vec<&str> = Vec::new();
    for i in part.range.clone() {
        let text = doc.lines.get(i).map_or("", |l| l.text.as_str());
        if !text.contains('\t') {
            // Text inside a table is a section heading or a page break.
            if !text.trim().is_empty() && !block.is_empty() {
                flat = false;
            }
            continue;
        }
        let mut cells = text.split('\t').map(str::trim);
        let label = cells.next().unwrap_or("").to_owned();
        let rest: Vec<&str> = cells.collect();
        let figures: Vec<Option<f64>> = rest.iter().map(|c| figure(c)).collect();
        if figures.iter().all(Option::is_none) {
            if rest.iter().any(|c| !c.is_empty()) {
                // Column headings open a new table, unless they repeat the
                // last ones over a page break.
                if !headings.contains(&text) {
                    block.clear();
                    flat = true;
                    headings.push(text);
                }
            } else {
                flat = false;
            }
            continue;
        }
        let line = FigureLine {
            index: i,
            label,
            figures,
        };
        if is_total(&line.label) {
            // A total printed again (a recap under another table) restates it.
            let label = line.label.to_lowercase();
            if flat && !totals_seen.contains(&label) {
                out.extend(total_contradiction(doc, &block, &line));
            }
            totals_seen.push(label);
        }
        // A total stays in the block: a grand total may add up subtotals.
        block.push(line);
    }
}

fn is_total(label: &str) -> bool {
    let lower = label.to_lowercase();
    lower == "total" || lower.starts_with("total ") && !lower.contains("variance")
}

/// A figure as printed: "1,275,154", "-373,213", "(1,234)", "£5.2". A
/// bracket or any sign marks it negative.
fn figure(cell: &str) -> Option<f64> {
    let mut rest = cell.trim();
    let mut negative = false;
    if let Some(r) = rest.strip_prefix('(') {
        negative = true;
        rest = r;
    }
    rest = rest.strip_prefix(['£', '$']).unwrap_or(rest);
    if let Some(r) = rest.strip_prefix(['-', '+', '−']) {
        negative = true;
        rest = r;
    }
    let rest = rest.strip_suffix(')').unwrap_or(rest);
    let (whole, fraction) = match rest.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (rest, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !grouped_digits(whole) || fraction.is_some_and(|f| !all_digits(f)) {
        return None;
    }
    let digits = whole.replace(',', "");
    let value: f64 = match fraction {
        Some(f) => format!("{digits}.{f}").parse().ok()?,
        None => digits.parse().ok()?,
    };
    Some(if negative { -value } else { value })
}

/// "1234" or "1,234,567": digits, or thousands grouped by commas.
fn grouped_digits(text: &str) -> bool {
    let mut groups = text.split(',');
    let first = groups.next().unwrap_or("");
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(first) || first.is_empty() {
        return false;
    }
    let rest: Vec<&str> = groups.collect();
    rest.is_empty() || first.len() <= 3 && rest.iter().all(|g| g.len() == 3 && digits(g))
}

/// The first column where the total matches no reading of the lines above.
fn total_contradiction(
    doc: &Document,
    block: &[FigureLine],
    total: &FigureLine,
) -> Option<Finding> {
    if block.len() < 2 {
        return None;
    }
    let column_values = |column: usize| -> Vec<f64> {
        block
            .iter()
            .filter_map(|l| l.figures.get(column).copied().flatten())
            .collect()
    };
    let width = block.iter().map(|l| l.figures.len()).max().unwrap_or(0);
    // A grand total may add a second column ("recurrent and non-recurrent").
    let grouped: Vec<f64> = (0..width)
        .map(|c| {
            candidate_sums(&column_values(c))
                .get(1)
                .copied()
                .unwrap_or(0.0)
        })
        .collect();
    for (column, printed) in total.figures.iter().enumerate() {
        let Some(printed) = *printed else { continue };
        let values = column_values(column);
        if values.len() < 2 || values.len() * 2 < block.len() {
            continue;
        }
        let mut sums = candidate_sums(&values);
        let own = sums.get(1).copied().unwrap_or_default();
        sums.extend(
            grouped
                .iter()
                .enumerate()
                .filter(|&(c, _)| c != column)
                .map(|(_, other)| own + other),
        );
        let tolerance = values.len() as f64 + printed.abs() * 0.0005;
        if sums.iter().any(|s| (s - printed).abs() <= tolerance) {
            continue;
        }
        let first = block.first()?.index;
        return Some(Finding {
            kind: "total",
            message: format!(
                "\"{}\" prints {} but the lines above add up to {}",
                total.label,
                show(printed),
                show(sums.get(1).copied().unwrap_or_default())
            ),
            lines: vec![
                doc.source_of(total.index..total.index + 1),
                doc.source_of(first..total.index),
            ],
        });
    }
    None
}

/// The sums a careful reader would accept for a total: of every line; of
/// the subtotals and the lines no subtotal covers, whole or only their last
/// few; and the latter without negative adjustment lines.
fn candidate_sums(values: &[f64]) -> Vec<f64> {
    let all: f64 = values.iter().sum();
    let mut kept: Vec<f64> = Vec::new();
    let mut run_start = 0;
    for &v in values {
        let run = &kept[run_start..];
        if v == 0.0 {
            kept.push(v);
            continue;
        }
        let covered = (0..run.len().saturating_sub(1))
            .rev()
            .find(|&k| {
                let sum: f64 = run[k..].iter().sum();
                let tolerance = (run.len() - k) as f64 + v.abs() * 0.0005;
                (sum - v).abs() <= tolerance
            })
            .or_else(|| {
                run.last()
                    .filter(|&&last| (last - v).abs() < 0.5)
                    .map(|_| run.len() - 1)
            });
        match covered {
            Some(k) => {
                kept.truncate(run_start + k);
                kept.push(v);
                run_start = kept.len();
            }
            None => kept.push(v),
        }
    }
    let grouped: f64 = kept.iter().sum();
    let positive: f64 = kept.iter().filter(|v| **v > 0.0).sum();
    let mut sums = vec![all, grouped, positive];
    // A total may close only the last group: every suffix counts.
    let mut suffix = 0.0;
    for v in kept.iter().rev() {
        suffix += v;
        sums.push(suffix);
    }
    sums
}

fn show(value: f64) -> String {
    if value.fract().abs() < 1e-9 {
        format!("{value:.0}")
    } else {
        format!("{value:.3}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&'static str, String)> {
        crate::extract_text(text)
            .findings
            .into_iter()
            .map(|f| (f.kind, f.message))
            .collect()
    }

    const SCORECARD: &str = "Ref\tMeasure\tPolarity\tPeriod\tTarget\tActual\tRAG\n\
        W1\tMissed bins per 100,000 collections\tL\tYTD\t50\t41\tGreen\n\
        W2\tRecycling rate\tH\tQ2\t50.0%\t44.1%\tAmber\n\
        W3\tFly-tips cleared in 2 days\tH\tYTD\t95%\t96%\tGreen\n";

    #[test]
    fn a_summary_count_that_differs_from_the_rows_is_found() {
        let text = format!("There are 4 measures in the scorecard.\n\n{SCORECARD}");
        let found = kinds(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "summary-count");
    }

    #[test]
    fn rating_counts_that_differ_from_the_rows_are_found() {
        let text = format!("Of these, 1 is rated Green, 1 Amber and 1 Red.\n\n{SCORECARD}");
        let found: Vec<_> = kinds(&text).into_iter().map(|(k, _)| k).collect();
        assert_eq!(found, ["rag-count", "rag-count"]);
        let agreeing = format!("2 indicators are rated Green and 1 Amber.\n\n{SCORECARD}");
        assert!(kinds(&agreeing).is_empty());
    }

    #[test]
    fn a_total_that_is_not_the_sum_of_its_lines_is_found() {
        let text = "Provider\tContract value\nNorth Trust\t£1,200,000\nSouth Trust\t£800,000\nTotal\t£2,100,000\n";
        let found = kinds(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "total");
        let right = text.replace("2,100,000", "2,000,000");
        assert!(kinds(&right).is_empty());
    }

    #[test]
    fn subtotals_and_recaps_are_not_contradictions() {
        let text = "Expenditure\t2018/19\nSalaries\t100\nTravel\t20\nStaffing costs\t120\n\
            Rooms\t30\nPrinting\t10\nRunning costs\t40\nTOTAL EXPENDITURE\t160\n\n\
            Income\t2018/19\nGrants\t200\nFees\t50\nTOTAL INCOME\t250\nTOTAL EXPENDITURE\t160\n";
        assert!(kinds(text).is_empty());
    }

    #[test]
    fn subtotals_and_rounding_do_not_break_a_total() {
        let values = [10.0, 20.0, 30.0, 5.0, 6.0, 11.0];
        assert!(candidate_sums(&values).contains(&41.0));
        assert_eq!(figure("1,275,154"), Some(1_275_154.0));
        assert_eq!(figure("(1,234)"), Some(-1234.0));
        assert_eq!(figure("12.5%"), None);
    }

    #[test]
    fn stated_counts_are_read_from_summary_sentences() {
        assert_eq!(
            stated_total("There are 43 measures within the Scorecard."),
            Some(43)
        );
        assert_eq!(
            stated_ratings("20 indicators rated as Green, 20 indicators rated as Amber and 3 Red"),
            [(Rag::Green, 20), (Rag::Amber, 20), (Rag::Red, 3)]
        );
    }
}
