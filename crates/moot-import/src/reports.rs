//! Reports that open with the standard header block (By/From, To, Subject,
//! Classification).

use crate::document::Document;
use crate::split::Part;
use moot_domain::{Diagnostic, Report};

/// Logical line indices where a report's header block opens.
pub fn header_starts(_doc: &Document) -> Vec<usize> {
    Vec::new()
}

/// Reads every report header.
pub fn parse(_doc: &Document, _parts: &[Part], _diagnostics: &mut Vec<Diagnostic>) -> Vec<Report> {
    Vec::new()
}
