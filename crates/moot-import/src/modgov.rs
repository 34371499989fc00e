//! Modern.gov "Agenda and minutes" meeting pages, as a browser saves them
//! (select-all and copy, or "save as text").
//!
//! Many councils publish each meeting as a Modern.gov web page rather than
//! (or as well as) a PDF pack: a page title ("Agenda", "Agenda and
//! minutes", "Agenda and draft minutes"), the body and date, "Venue:" and
//! "Contact:", then an "Items" table of numbered items, each with its
//! "Minutes:" or "Decision:" text. An agenda-item page has "Meeting of
//! <Body>, <date> (Item 12.)" and one item. The page reads into the same
//! records as a pack: the meeting, the agenda, and (where the page carries
//! minutes) one set of minutes of the meeting itself.
//!
//! Pages are recognised by that structure, never by council: see
//! [`is_meeting_page`].

mod header;
mod items;
mod people;
mod record;

use crate::document::Document;
use crate::Extraction;
use moot_domain::{AgendaItem, Diagnostic, Pack, Severity};

/// True when the text is a saved meeting page rather than a pack: near its
/// top a page title or "Meeting of" line, then "Venue:"/"Contact:" lines
/// with the "Items" table header or numbered items with bare "Minutes:"
/// labels; or, for an agenda-item page, the "Agenda item" title, the
/// "Meeting of" line and a "Minutes:" or "Decision:" section. A pack's
/// cover may have a title and a venue, but not these together.
pub fn is_meeting_page(doc: &Document) -> bool {
    let head_end = doc.len().min(header::HEAD_LINES);
    let head = (0..head_end).map(|i| doc.text(i));
    let (mut title, mut meeting_of, mut labels, mut items_header) = (false, false, 0, false);
    for text in head {
        title |= header::is_page_title(text);
        meeting_of |= header::is_meeting_of(text);
        labels += usize::from(header::label(text).is_some());
        items_header |= header::is_items_header(text);
    }
    let minuted = || {
        (0..doc.len()).any(|i| {
            items::is_record_label(doc.text(i), false)
                && (0..i)
                    .rev()
                    .take(40)
                    .any(|j| items::is_number_cell(doc.text(j)))
        })
    };
    let decided = || (0..doc.len()).any(|i| items::is_record_label(doc.text(i), true));
    let anchored = title || meeting_of;
    (anchored && items_header && labels >= 1)
        || (anchored && labels >= 2 && minuted())
        || (title && meeting_of && decided())
}

/// Reads a meeting page.
pub fn extract(doc: &Document) -> Extraction {
    let head = header::read(doc);
    let (items, items_end) = items::read(doc, head.items_start, head.single_item.as_deref());
    let mut diagnostics = Vec::new();
    if items.is_empty() {
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            lines: doc.source_of(head.items_start..head.items_start + 1),
            message: "meeting page: no numbered items found".to_owned(),
        });
    }
    // Rows whose numbers were lost are minuted business, not an agenda.
    let agenda = items
        .iter()
        .filter(|item| !item.number.is_empty())
        .map(|item| agenda_item(doc, item))
        .collect();
    let minutes = record::minutes(doc, &head.meeting, &items, items_end)
        .into_iter()
        .collect();
    Extraction {
        pack: Pack {
            meeting: head.meeting,
            agenda,
            minutes,
            decisions: crate::decisions::collect(doc),
            ..Pack::default()
        },
        diagnostics,
        findings: Vec::new(),
    }
}

fn agenda_item(doc: &Document, item: &items::Item) -> AgendaItem {
    AgendaItem {
        number: Some(item.number.clone()),
        title: item.title.clone(),
        pages: None,
        exempt: item.exempt,
        decision: crate::decisions::numbers_in(&item.title)
            .next()
            .map(str::to_owned),
        lines: doc.source_of(item.number_line..item.title_line + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise::normalise;

    fn is_page(text: &str) -> bool {
        is_meeting_page(&normalise(text))
    }

    #[test]
    fn a_saved_page_is_recognised_by_its_head_and_items_table() {
        let page = "Agenda and minutes\n\nPlanning Committee\nMonday 2 June 2025 6.00 pm\n\nVenue: Town Hall\n\nContact: Ann Lee\n\nItems\nNo. Item\n\n1.\n\nApologies\n";
        assert!(is_page(page));
    }

    #[test]
    fn an_agenda_item_page_is_recognised_by_its_meeting_line() {
        let page = "Agenda item\n\nMeeting of Cabinet, Tuesday 11 March, 2025 7.00 pm (Item 12.)\n\nBudget\n\nDecision:\n\nRESOLVED that the budget be approved.\n";
        assert!(is_page(page));
    }

    #[test]
    fn a_pack_cover_with_venue_and_minutes_is_not_a_page() {
        let pack = "Agenda\n\nHealth Scrutiny Committee\n\nDate: Tuesday 3 June 2025\nVenue: Council Chamber\nContact: Ann Lee\n\n1. Apologies (Pages 1 - 2)\n\nMINUTES\n\n12.\nBudget\nResolved:\nThat the report be noted.\nDecision:\nApproved.\n";
        assert!(!is_page(pack));
    }
}
