//! The body's membership as the agenda lists it.

use crate::document::Document;
use crate::split::Part;
use moot_domain::{Diagnostic, Member};

/// Reads the membership from the front matter.
pub fn parse(_doc: &Document, _parts: &[Part], _diagnostics: &mut Vec<Diagnostic>) -> Vec<Member> {
    Vec::new()
}
