//! Performance scorecard rows.

use crate::document::Document;
use crate::split::Part;
use moot_domain::{Diagnostic, IndicatorRow};

/// Reads every scorecard row.
pub fn parse(
    _doc: &Document,
    _parts: &[Part],
    _diagnostics: &mut Vec<Diagnostic>,
) -> Vec<IndicatorRow> {
    Vec::new()
}
