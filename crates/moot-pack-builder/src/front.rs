//! The pack's own pages: cover, membership, agenda, and text papers.
//!
//! They follow the shape councils print (see the corpus packs): a cover
//! naming the body, the date, time and venue and whom to ask; the
//! membership with roles and parties; the agenda under its section
//! headings, each item numbered with its title and "(Pages x - y)", an
//! exempt item followed by the paragraph of Schedule 12A that applies.

use crate::metrics::Face;
use crate::plan::{Entry, PlannedSection};
use crate::typeset::{Sheet, Style, Typesetter};
use crate::{Meeting, Member};
use moot_domain::{Date, Time};

const TITLE: Style = Style::new(Face::Bold, 24.0);
const HEADING: Style = Style::new(Face::Bold, 16.0);
const SUBHEADING: Style = Style::new(Face::Bold, 12.0);
const BODY: Style = Style::new(Face::Regular, 11.0);
const NOTE: Style = Style::new(Face::Regular, 10.0);
/// Where item titles start, right of their numbers.
const ITEM_INDENT: f32 = 36.0;
/// Where the party column starts in the membership.
const PARTY_COLUMN: f32 = 300.0;

/// The cover page.
pub(crate) fn cover(meeting: &Meeting) -> Vec<Sheet> {
    let mut page = Typesetter::new();
    page.paragraph(SUBHEADING, 0.0, &meeting.council);
    page.gap(48.0);
    page.paragraph(TITLE, 0.0, "Agenda");
    page.gap(12.0);
    page.paragraph(HEADING, 0.0, &meeting.body);
    page.gap(12.0);
    page.paragraph(SUBHEADING, 0.0, &when(meeting.date, meeting.time));
    page.paragraph(BODY, 0.0, &meeting.venue);
    page.gap(36.0);
    let contact = &meeting.contact;
    page.paragraph(BODY, 0.0, &format!("Contact: {}", contact.name));
    if let Some(phone) = &contact.phone {
        page.paragraph(BODY, 0.0, &format!("Telephone: {phone}"));
    }
    if let Some(email) = &contact.email {
        page.paragraph(BODY, 0.0, &format!("Email: {email}"));
    }
    page.finish()
}

/// The membership: voting members, then co-opted and other non-voting
/// members, each with their role and party.
pub(crate) fn membership(meeting: &Meeting) -> Vec<Sheet> {
    let mut page = Typesetter::new();
    page.paragraph(HEADING, 0.0, &format!("{} membership", meeting.body));
    let (voting, other): (Vec<&Member>, Vec<&Member>) =
        meeting.membership.iter().partition(|m| m.voting);
    for (heading, members) in [
        ("Members", voting),
        ("Co-opted and non-voting members", other),
    ] {
        if members.is_empty() {
            continue;
        }
        page.gap(10.0);
        page.paragraph(SUBHEADING, 0.0, heading);
        for member in members {
            let name = match &member.role {
                Some(role) => format!("{} ({role})", member.name),
                None => member.name.clone(),
            };
            let party = member.party.as_deref().unwrap_or("");
            page.columns(BODY, &name, PARTY_COLUMN, party);
        }
    }
    page.finish()
}

/// The agenda, with each item's page range as `ranges` gives it (one per
/// entry, in agenda order).
pub(crate) fn agenda(
    meeting: &Meeting,
    sections: &[PlannedSection<'_>],
    ranges: &[Option<(u32, u32)>],
) -> Vec<Sheet> {
    let mut page = Typesetter::new();
    page.paragraph(HEADING, 0.0, "Agenda");
    page.paragraph(BODY, 0.0, &meeting.body);
    page.paragraph(BODY, 0.0, &when(meeting.date, meeting.time));
    let entries = sections.iter().flat_map(|s| {
        std::iter::once(Line::Heading(s.heading)).chain(s.entries.iter().map(Line::Item))
    });
    let mut ranges = ranges.iter();
    for line in entries {
        match line {
            Line::Heading(heading) => {
                page.gap(12.0);
                page.paragraph(SUBHEADING, 0.0, heading);
            }
            Line::Item(entry) => {
                page.gap(6.0);
                item(&mut page, entry, ranges.next().copied().flatten());
            }
        }
    }
    page.finish()
}

enum Line<'a, 'b> {
    Heading(&'a str),
    Item(&'b Entry<'a>),
}

fn item(page: &mut Typesetter, entry: &Entry<'_>, range: Option<(u32, u32)>) {
    let pages = range.map_or(String::new(), |(first, last)| {
        format!(" (Pages {first} - {last})")
    });
    match entry {
        Entry::Listed { item, .. } => {
            page.labelled(
                BODY,
                &item.number,
                ITEM_INDENT,
                &format!("{}{pages}", item.title),
            );
            if let Some(description) = &item.description {
                page.paragraph(NOTE, ITEM_INDENT, description);
            }
        }
        Entry::Withheld { number, .. } => page.labelled(BODY, number, ITEM_INDENT, "Exempt item"),
    }
    if let Some(exemption) = entry.exemption() {
        page.paragraph(
            NOTE,
            ITEM_INDENT,
            &format!("Exempt: {}", exemption.reason()),
        );
    }
}

/// A text paper: its title, then its paragraphs.
pub(crate) fn text_paper(title: &str, paragraphs: &[String]) -> Vec<Sheet> {
    let mut page = Typesetter::new();
    page.paragraph(HEADING, 0.0, title);
    for paragraph in paragraphs {
        page.gap(8.0);
        page.paragraph(BODY, 0.0, paragraph);
    }
    page.finish()
}

/// "Wednesday 18 September 2013 at 6:30pm" (the time as the site
/// prints it, [`Time::in_words`]).
fn when(date: Date, time: Option<Time>) -> String {
    match time {
        Some(time) => format!("{} at {}", date.in_words(), time.in_words()),
        None => date.in_words(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_are_written_the_uk_way() {
        let date = Date::new(2013, 9, 18).unwrap();
        assert_eq!(
            when(date, Time::new(18, 30)),
            "Wednesday 18 September 2013 at 6:30pm"
        );
        assert_eq!(
            when(date, Time::new(14, 0)),
            "Wednesday 18 September 2013 at 2pm"
        );
    }
}
