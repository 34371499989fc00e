//! Where a pack contradicts itself.

use crate::document::Document;
use crate::split::Part;
use moot_domain::{Finding, Pack};

/// Lists the pack's contradictions.
pub fn check(_doc: &Document, _parts: &[Part], _pack: &Pack) -> Vec<Finding> {
    Vec::new()
}
