//! The agenda: numbered items, page ranges, exempt items.

use crate::document::Document;
use crate::split::Part;
use moot_domain::{AgendaItem, Diagnostic};

/// Reads the agenda from the front matter.
pub fn parse(
    _doc: &Document,
    _parts: &[Part],
    _diagnostics: &mut Vec<Diagnostic>,
) -> Vec<AgendaItem> {
    Vec::new()
}
