//! Modern.gov "Agenda and minutes" meeting pages, as a browser saves them.

use crate::document::Document;
use crate::Extraction;

/// True when the text is a saved meeting page rather than a pack.
pub fn is_meeting_page(_doc: &Document) -> bool {
    false
}

/// Reads a meeting page.
pub fn extract(_doc: &Document) -> Extraction {
    Extraction::default()
}
