//! The text of what a clerk publishes: the agenda document and the
//! minutes, as every backend must print them, from plain records to text
//! with the lines each record took (the public rows point at them).
//!
//! Exempt business never reaches the text: an exempt agenda item is
//! printed as its number and Schedule 12A paragraph with no title,
//! description or papers, its papers' texts are left out, a declaration
//! about it is printed without its words, and a minute on it as its
//! number alone (its actions and corrections too are left out). What a
//! store keeps beside the text (rows with the `exempt` flag) is the
//! store's business; the public site withholds those rows by the exempt
//! rule.
//!
//! Pure: the store loads the records and stores the result.

use crate::records::{BodyRole, ExemptParagraph, InterestKind, PaperFormat, Presence, Seat};
use moot_domain::{Date, Lines, Time};

/// A document's text built line by line, each push returning its lines.
#[derive(Debug, Default)]
struct Text {
    lines: Vec<String>,
}

impl Text {
    /// Adds `text`, one line per line of it (blank lines dropped), and
    /// returns the lines it took (none for empty text: the last line).
    fn push(&mut self, text: &str) -> Lines {
        let first = self.next();
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            self.lines.push(line.to_owned());
        }
        self.since(first)
    }

    /// The number the next line will take.
    fn next(&self) -> u32 {
        u32::try_from(self.lines.len()).unwrap_or(u32::MAX) + 1
    }

    /// The lines from `first` to the last pushed.
    fn since(&self, first: u32) -> Lines {
        Lines::span(first.min(self.next() - 1).max(1), self.next() - 1)
    }

    fn blank(&mut self) {
        self.lines.push(String::new());
    }

    fn into_string(self) -> String {
        let mut text = self.lines.join("\n");
        text.push('\n');
        text
    }
}

/// An action as agendas and minutes print it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionToPrint {
    /// What is to be done.
    pub text: String,
    /// Who does it.
    pub owner: String,
    /// By when, if set.
    pub due: Option<Date>,
}

impl ActionToPrint {
    fn line(&self) -> String {
        let due = self.due.map(|d| format!(", due {d}")).unwrap_or_default();
        format!("Action: {} ({}{due})", self.text, self.owner)
    }
}

/// A paper of an agenda item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperToPrint {
    /// Its title.
    pub title: String,
    /// PDF or text.
    pub format: PaperFormat,
    /// A text paper's words (`None` for a PDF, which is not printed).
    pub text: Option<String>,
}

/// An agenda item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemToPrint {
    /// Its number.
    pub number: String,
    /// The section it is under, if any.
    pub section: Option<String>,
    /// Its title.
    pub title: String,
    /// Its description.
    pub description: Option<String>,
    /// The Schedule 12A paragraph, for exempt business.
    pub exempt: Option<ExemptParagraph>,
    /// Its papers.
    pub papers: Vec<PaperToPrint>,
}

/// A member as the agenda's membership prints them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberToPrint {
    /// Their name as printed for the body.
    pub name: String,
    /// Their role on the body.
    pub role: BodyRole,
    /// Their party, if any.
    pub party: Option<String>,
    /// Their seat.
    pub seat: Seat,
}

/// An agenda to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaToPrint {
    /// The council.
    pub organisation: String,
    /// The body.
    pub body: String,
    /// The meeting's day.
    pub date: Date,
    /// Its time, if set.
    pub time: Option<Time>,
    /// Where.
    pub venue: String,
    /// Whom to ask.
    pub contact: String,
    /// The membership on the day.
    pub members: Vec<MemberToPrint>,
    /// The items, in order.
    pub items: Vec<ItemToPrint>,
    /// Actions still open, printed as one last item.
    pub matters_arising: Vec<ActionToPrint>,
}

/// One public agenda row: number, title, exempt, and its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedItem {
    /// Its number.
    pub number: String,
    /// Its title (kept in the row; never printed for exempt business).
    pub title: String,
    /// Whether it is exempt business.
    pub exempt: bool,
    /// Its lines.
    pub lines: Lines,
}

/// A printed agenda: its text and the lines of each part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedAgenda {
    /// The document's text.
    pub text: String,
    /// The cover (council, body, day, venue, contact).
    pub cover: Lines,
    /// Each member's line, in the order given.
    pub members: Vec<Lines>,
    /// The items (and matters arising, as one more item).
    pub items: Vec<PrintedItem>,
    /// Each public paper's title and lines.
    pub papers: Vec<(String, Lines)>,
}

fn exempt_line(number: &str, paragraph: ExemptParagraph) -> String {
    format!(
        "{number}. Exempt item (paragraph {} of Part 1 of Schedule 12A to the Local Government Act 1972)",
        paragraph.number()
    )
}

/// Prints an agenda: cover, membership, items (exempt ones as their
/// number and paragraph), matters arising, then the text papers of
/// public items.
pub fn agenda(agenda: &AgendaToPrint) -> PrintedAgenda {
    let mut text = Text::default();
    let cover = text.push(&format!(
        "{}\n{}\nMeeting on {}{}\nVenue: {}\nContact: {}",
        agenda.organisation,
        agenda.body,
        agenda.date,
        agenda.time.map(|t| format!(" at {t}")).unwrap_or_default(),
        agenda.venue,
        agenda.contact
    ));
    text.blank();
    text.push("Membership");
    let members = agenda
        .members
        .iter()
        .map(|member| {
            let party = member
                .party
                .as_deref()
                .map(|p| format!(", {p}"))
                .unwrap_or_default();
            text.push(&format!(
                "{}: {}{party} ({})",
                member.role.label(),
                member.name,
                member.seat.label()
            ))
        })
        .collect();
    text.blank();
    text.push("Agenda");
    let items = agenda_items(&mut text, agenda);
    let mut papers = Vec::new();
    for item in agenda.items.iter().filter(|i| i.exempt.is_none()) {
        for paper in &item.papers {
            text.blank();
            let first = text.next();
            text.push(&format!("Paper for item {}: {}", item.number, paper.title));
            if paper.format == PaperFormat::Text {
                text.push(paper.text.as_deref().unwrap_or_default());
            }
            papers.push((paper.title.clone(), text.since(first)));
        }
    }
    PrintedAgenda {
        text: text.into_string(),
        cover,
        members,
        items,
        papers,
    }
}

/// Prints the items (and matters arising) and returns their rows.
fn agenda_items(text: &mut Text, agenda: &AgendaToPrint) -> Vec<PrintedItem> {
    let mut rows = Vec::new();
    let mut section: Option<&str> = None;
    for item in &agenda.items {
        if item.section.is_some() && item.section.as_deref() != section {
            section = item.section.as_deref();
            text.push(section.unwrap_or_default());
        }
        let first = text.next();
        match item.exempt {
            Some(paragraph) => {
                text.push(&exempt_line(&item.number, paragraph));
            }
            None => {
                text.push(&format!("{}. {}", item.number, item.title));
                text.push(item.description.as_deref().unwrap_or_default());
                for paper in &item.papers {
                    text.push(&format!(
                        "Paper: {} ({})",
                        paper.title,
                        paper.format.label()
                    ));
                }
            }
        }
        rows.push(PrintedItem {
            number: item.number.clone(),
            title: item.title.clone(),
            exempt: item.exempt.is_some(),
            lines: text.since(first),
        });
    }
    if !agenda.matters_arising.is_empty() {
        let number = (agenda.items.len() + 1).to_string();
        let first = text.next();
        text.push(&format!("{number}. Matters arising"));
        for action in &agenda.matters_arising {
            text.push(&action.line());
        }
        rows.push(PrintedItem {
            number,
            title: "Matters arising".to_owned(),
            exempt: false,
            lines: text.since(first),
        });
    }
    rows
}

/// Someone at the meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendeeToPrint {
    /// Their name as printed for the body.
    pub name: String,
    /// Present or apologies.
    pub presence: Presence,
    /// The member they stood in for, by name.
    pub substitute_for: Option<String>,
}

/// A declared interest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclarationToPrint {
    /// Who declared it.
    pub name: String,
    /// The kind of interest, if known.
    pub kind: Option<InterestKind>,
    /// The agenda item's number (empty when unknown).
    pub item: String,
    /// Whether that item is exempt business.
    pub exempt: bool,
    /// The interest in their words.
    pub words: String,
    /// Whether they left the room for the item.
    pub left_room: bool,
}

impl DeclarationToPrint {
    /// The text a declaration row keeps: kind, words and whether they left
    /// the room (withheld by the exempt rule for an exempt item).
    pub fn row_text(&self) -> String {
        let kind = self.kind.map_or("", InterestKind::label);
        format!("{kind}: {}{}", self.words, self.left())
    }

    fn left(&self) -> &'static str {
        if self.left_room {
            " (left the room for the item)"
        } else {
            ""
        }
    }

    fn line(&self) -> String {
        let kind = self.kind.map_or("", InterestKind::label);
        let (name, number) = (&self.name, &self.item);
        if self.exempt {
            format!("{name}: {kind}, item {number} (exempt item)")
        } else {
            format!(
                "{name}: {kind}, item {number}: {}{}",
                self.words,
                self.left()
            )
        }
    }
}

/// A minute's earlier version, as a correction note prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectionToPrint {
    /// When it was replaced (RFC 3339).
    pub replaced_at: String,
    /// By whom.
    pub replaced_by: String,
    /// The version replaced.
    pub version: u32,
    /// Why.
    pub reason: String,
}

/// One minute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinuteToPrint {
    /// Its number.
    pub number: u32,
    /// Its title.
    pub title: String,
    /// Its words.
    pub text: String,
    /// What was resolved.
    pub resolutions: Vec<String>,
    /// Whether it records exempt business.
    pub exempt: bool,
    /// The decision numbers recorded on it.
    pub decisions: Vec<String>,
    /// The actions it raised.
    pub actions: Vec<ActionToPrint>,
    /// Its earlier versions.
    pub corrections: Vec<CorrectionToPrint>,
}

/// A meeting's minutes to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinutesToPrint {
    /// The body.
    pub body: String,
    /// The meeting's day.
    pub date: Date,
    /// Who came or sent apologies.
    pub attendance: Vec<AttendeeToPrint>,
    /// Declared interests.
    pub declarations: Vec<DeclarationToPrint>,
    /// The minutes, in order.
    pub minutes: Vec<MinuteToPrint>,
    /// The day of the meeting that confirmed them, if any.
    pub confirmed_on: Option<Date>,
}

/// A printed minute: its lines and each decision's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedMinute {
    /// The minute's lines.
    pub lines: Lines,
    /// Each decision number with its line.
    pub decisions: Vec<(String, Lines)>,
}

/// Printed minutes: the text and the lines of each record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedMinutes {
    /// The document's text.
    pub text: String,
    /// Every line.
    pub whole: Lines,
    /// Each attendee's line, in the order given.
    pub attendance: Vec<Lines>,
    /// Each declaration's line, in the order given.
    pub declarations: Vec<Lines>,
    /// Each minute, in the order given.
    pub minutes: Vec<PrintedMinute>,
}

/// Prints a meeting's minutes: heading, attendance, declarations, the
/// minutes with their resolutions, decisions, actions and corrections,
/// and the confirmation.
pub fn minutes(record: &MinutesToPrint) -> PrintedMinutes {
    let mut text = Text::default();
    text.push(&format!(
        "Minutes\n{}: meeting on {}",
        record.body, record.date
    ));
    let attendance = record
        .attendance
        .iter()
        .map(|p| {
            let line = match (&p.substitute_for, p.presence) {
                (Some(replaced), _) => format!("{} (substitute for {replaced})", p.name),
                (None, Presence::Apologies) => format!("Apologies: {}", p.name),
                (None, _) => format!("Present: {}", p.name),
            };
            text.push(&line)
        })
        .collect();
    let declarations = record
        .declarations
        .iter()
        .map(|d| text.push(&d.line()))
        .collect();
    let mut minutes = Vec::new();
    for minute in &record.minutes {
        let first = text.next();
        if minute.exempt {
            text.push(&format!("{}. Exempt item", minute.number));
        } else {
            text.push(&format!("{}. {}", minute.number, minute.title));
            text.push(&minute.text);
            for resolution in &minute.resolutions {
                text.push(&format!("RESOLVED: {resolution}"));
            }
        }
        let decisions = minute
            .decisions
            .iter()
            .map(|number| (number.clone(), text.push(&format!("Decision {number}"))))
            .collect();
        if !minute.exempt {
            for action in &minute.actions {
                text.push(&action.line());
            }
            for version in &minute.corrections {
                text.push(&format!(
                    "Corrected on {} by {} (version {} replaced): {}",
                    version.replaced_at, version.replaced_by, version.version, version.reason
                ));
            }
        }
        minutes.push(PrintedMinute {
            lines: text.since(first),
            decisions,
        });
    }
    if let Some(at) = record.confirmed_on {
        text.push(&format!(
            "Confirmed as a correct record at the meeting on {at}."
        ));
    }
    let whole = Lines::span(1, text.next() - 1);
    PrintedMinutes {
        text: text.into_string(),
        whole,
        attendance,
        declarations,
        minutes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: u16, m: u8, d: u8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    fn lines_of(text: &str, lines: Lines) -> Vec<&str> {
        text.lines()
            .skip(lines.first as usize - 1)
            .take((lines.last - lines.first + 1) as usize)
            .collect()
    }

    fn minute(number: u32, exempt: bool) -> MinuteToPrint {
        MinuteToPrint {
            number,
            title: format!("Title {number}"),
            text: format!("Words of minute {number}.\n\nA second paragraph."),
            resolutions: vec![format!("To note item {number}")],
            exempt,
            decisions: vec![format!("26/0000{number}")],
            actions: vec![ActionToPrint {
                text: format!("Follow up {number}"),
                owner: "Clerk".into(),
                due: None,
            }],
            corrections: Vec::new(),
        }
    }

    fn record() -> MinutesToPrint {
        MinutesToPrint {
            body: "Audit Panel".into(),
            date: day(2026, 11, 25),
            attendance: vec![
                AttendeeToPrint {
                    name: "Cllr A Able".into(),
                    presence: Presence::Present,
                    substitute_for: None,
                },
                AttendeeToPrint {
                    name: "Cllr B Baker".into(),
                    presence: Presence::Apologies,
                    substitute_for: None,
                },
                AttendeeToPrint {
                    name: "Cllr C Cole".into(),
                    presence: Presence::Present,
                    substitute_for: Some("Cllr B Baker".into()),
                },
            ],
            declarations: vec![
                DeclarationToPrint {
                    name: "Cllr A Able".into(),
                    kind: Some(InterestKind::OtherRegistrable),
                    item: "4".into(),
                    exempt: true,
                    words: "secretword owns the site".into(),
                    left_room: true,
                },
                DeclarationToPrint {
                    name: "Cllr C Cole".into(),
                    kind: None,
                    item: "3".into(),
                    exempt: false,
                    words: "A governor".into(),
                    left_room: false,
                },
            ],
            minutes: vec![minute(41, false), minute(42, true)],
            confirmed_on: Some(day(2027, 1, 20)),
        }
    }

    #[test]
    fn minutes_print_every_record_on_the_lines_they_report() {
        let record = record();
        let printed = minutes(&record);
        let text = &printed.text;
        assert_eq!(
            lines_of(text, printed.attendance[1]),
            ["Apologies: Cllr B Baker"]
        );
        assert_eq!(
            lines_of(text, printed.attendance[2]),
            ["Cllr C Cole (substitute for Cllr B Baker)"]
        );
        assert_eq!(
            lines_of(text, printed.declarations[1]),
            ["Cllr C Cole: , item 3: A governor"]
        );
        assert_eq!(
            lines_of(text, printed.minutes[0].lines),
            [
                "41. Title 41",
                "Words of minute 41.",
                "A second paragraph.",
                "RESOLVED: To note item 41",
                "Decision 26/000041",
                "Action: Follow up 41 (Clerk)",
            ]
        );
        assert_eq!(
            printed.minutes[0].decisions,
            [("26/000041".to_owned(), Lines::span(12, 12))]
        );
        assert!(text.ends_with("Confirmed as a correct record at the meeting on 2027-01-20.\n"));
        assert_eq!(printed.whole.last as usize, text.lines().count());
    }

    #[test]
    fn exempt_business_is_printed_without_its_words() {
        let printed = minutes(&record());
        let text = &printed.text;
        assert!(!text.contains("secretword"), "{text}");
        assert!(!text.contains("Title 42") && !text.contains("Follow up 42"));
        assert_eq!(
            lines_of(text, printed.minutes[1].lines),
            ["42. Exempt item", "Decision 26/000042"]
        );
        assert_eq!(
            lines_of(text, printed.declarations[0]),
            ["Cllr A Able: Other registrable interest, item 4 (exempt item)"]
        );
    }

    fn agenda_record() -> AgendaToPrint {
        let paper = |title: &str, words: &str| PaperToPrint {
            title: title.into(),
            format: PaperFormat::Text,
            text: Some(words.into()),
        };
        AgendaToPrint {
            organisation: "Ashworth Borough Council".into(),
            body: "Audit Panel".into(),
            date: day(2026, 11, 25),
            time: None,
            venue: "Room 1".into(),
            contact: "J Smith".into(),
            members: vec![MemberToPrint {
                name: "Cllr A Able".into(),
                role: BodyRole::Chair,
                party: Some("Green".into()),
                seat: Seat::Voting,
            }],
            items: vec![
                ItemToPrint {
                    number: "1".into(),
                    section: Some("Part 1".into()),
                    title: "Budget".into(),
                    description: Some("The budget.".into()),
                    exempt: None,
                    papers: vec![paper("Budget report", "Spend less.")],
                },
                ItemToPrint {
                    number: "2".into(),
                    section: Some("Part 2".into()),
                    title: "secretword sale".into(),
                    description: Some("secretword".into()),
                    exempt: ExemptParagraph::new(3),
                    papers: vec![paper("secretword paper", "secretword")],
                },
            ],
            matters_arising: vec![ActionToPrint {
                text: "Write to the auditor".into(),
                owner: "Clerk".into(),
                due: Some(day(2026, 12, 1)),
            }],
        }
    }

    #[test]
    fn an_agenda_prints_public_items_and_papers_and_only_the_paragraph_of_exempt_ones() {
        let printed = agenda(&agenda_record());
        let text = &printed.text;
        assert!(!text.contains("secretword"), "{text}");
        assert_eq!(
            lines_of(text, printed.cover),
            [
                "Ashworth Borough Council",
                "Audit Panel",
                "Meeting on 2026-11-25",
                "Venue: Room 1",
                "Contact: J Smith"
            ]
        );
        assert_eq!(
            lines_of(text, printed.members[0]),
            ["Chair: Cllr A Able, Green (Voting member)"]
        );
        let exempt = &printed.items[1];
        assert!(exempt.exempt && exempt.title == "secretword sale");
        assert_eq!(
            lines_of(text, exempt.lines),
            ["2. Exempt item (paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972)"]
        );
        assert_eq!(
            lines_of(text, printed.items[2].lines),
            [
                "3. Matters arising",
                "Action: Write to the auditor (Clerk, due 2026-12-01)"
            ]
        );
        assert_eq!(printed.papers.len(), 1);
        assert_eq!(
            lines_of(text, printed.papers[0].1),
            ["Paper for item 1: Budget report", "Spend less."]
        );
    }
}
