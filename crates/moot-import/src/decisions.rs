//! Decision numbers (`YY/NNNNN`) anywhere in the pack.

use crate::document::Document;
use moot_domain::DecisionRef;

/// Every distinct decision number, in order of first appearance.
pub fn collect(_doc: &Document) -> Vec<DecisionRef> {
    Vec::new()
}
