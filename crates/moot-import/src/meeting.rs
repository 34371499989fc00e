//! The meeting a pack was issued for, read from its cover and agenda header.

use crate::document::Document;
use crate::split::Part;
use moot_domain::Meeting;

/// Reads the meeting from the front matter.
pub fn parse(_doc: &Document, _parts: &[Part]) -> Meeting {
    Meeting::default()
}
