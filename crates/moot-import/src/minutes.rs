//! Sets of minutes: attendance, declarations, numbered minutes, resolutions.

use crate::document::Document;
use crate::split::Part;
use moot_domain::{Diagnostic, Minutes};

/// Logical line indices where a set of minutes opens.
pub fn set_starts(_doc: &Document) -> Vec<usize> {
    Vec::new()
}

/// Reads every set of minutes.
pub fn parse(_doc: &Document, _parts: &[Part], _diagnostics: &mut Vec<Diagnostic>) -> Vec<Minutes> {
    Vec::new()
}
