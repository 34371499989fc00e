//! What of exempt (confidential) business the public may see: the one
//! rule every page, feed and export follows.
//!
//! An exempt agenda item shows its number only
//! ([`AgendaEntry::public_title`](crate::AgendaEntry::public_title)); the
//! minutes and declarations of the same meeting that refer to it by number
//! are exempt too ([`ExemptItems`]); a document's lines of exempt business
//! are withheld ([`DocumentRecord::public_lines`]).
//!
//! Who is shown it is decided here too: the public never, a signed-in
//! account (any role: members may read their council's exempt business)
//! always ([`Audience`]). Pages ask [`Audience::sees_exempt`] and apply
//! the rule above only when it says no.

use crate::{AgendaEntry, DeclarationEntry, DocumentRecord, MeetingId, MinuteEntry};
use moot_domain::Lines;
use std::collections::HashMap;

/// Wordings that open a public classification ("Unrestricted", "Public",
/// "Open", "For publication", "Unclassified", "Official").
const PUBLIC_CLASSIFICATIONS: [&str; 6] = [
    "unrestricted",
    "public",
    "open",
    "for publication",
    "unclassified",
    "official",
];

/// Words that close a paper whatever else its classification says.
const CLOSED_WORDS: [&str; 8] = [
    "exempt",
    "confidential",
    "private",
    "restricted",
    "sensitive",
    "not for publication",
    "part 2",
    "part ii",
];

/// Whether a paper with this "Classification:" line may be shown to the
/// public. No classification is public (most papers print none). Any other
/// wording is public only when it opens with a public word and names no
/// closing word ("restricted" inside "unrestricted" does not count), so an
/// unknown wording keeps the paper out: the rule fails closed.
pub fn public_classification(classification: Option<&str>) -> bool {
    let Some(text) = classification.map(|c| c.trim().to_lowercase()) else {
        return true;
    };
    if text.is_empty() {
        return true;
    }
    let opens_public = PUBLIC_CLASSIFICATIONS.iter().any(|p| text.starts_with(p));
    let unrestricted_removed = text.replace("unrestricted", "");
    let names_closed = CLOSED_WORDS
        .iter()
        .any(|w| unrestricted_removed.contains(w));
    opens_public && !names_closed
}

/// What a meeting's exempt business makes confidential: the one rule
/// every page, feed, export and the search index ask, for every kind of
/// record.
///
/// - an agenda item listed as exempt ([`AgendaEntry::public_title`]);
/// - a minute printed under its minutes' own exempt heading, or referring
///   to an exempt item by number ([`ExemptItems::covers_minute`]);
/// - a declaration about an exempt item, or made inside an exempt minute
///   ([`ExemptItems::covers_declaration`]);
/// - a report classified as anything but public, or the paper of an
///   exempt item by decision number, title or the word overlap that
///   attaches papers to items ([`ExemptItems::covers_report`]);
/// - a decision number carried only by exempt business
///   ([`decision_is_public`]);
/// - a document's lines of all the above, an exempt item's description
///   included ([`exempt_item_extents`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExemptItems {
    agenda: Vec<AgendaEntry>,
    numbers: Vec<String>,
    titles: Vec<String>,
    decisions: Vec<String>,
}

/// How titles are compared: case and spacing do not matter.
fn normalised(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl ExemptItems {
    /// The exempt business of a meeting's whole agenda (every pack's).
    pub fn of(agenda: &[AgendaEntry]) -> ExemptItems {
        let mut exempt = ExemptItems {
            agenda: agenda.to_vec(),
            ..ExemptItems::default()
        };
        for item in agenda.iter().filter(|a| a.public_title().is_none()) {
            exempt.numbers.extend(item.number.clone());
            exempt.titles.push(normalised(&item.title));
            exempt.decisions.extend(item.decision.clone());
        }
        exempt
    }

    /// Whether a minute or declaration referring to agenda item `item` is
    /// exempt.
    pub fn covers_item(&self, item: Option<&str>) -> bool {
        item.is_some_and(|n| self.numbers.iter().any(|e| e == n))
    }

    /// Whether a minute is exempt: printed under its minutes' own exempt
    /// heading (`printed_exempt`), or recording an exempt item.
    pub fn covers_minute(&self, agenda_ref: Option<&str>, printed_exempt: bool) -> bool {
        printed_exempt || self.covers_item(agenda_ref)
    }

    /// Whether a declaration is exempt: about an exempt item, or recorded
    /// inside a minute this rule makes exempt (`minutes` are the set's).
    pub fn covers_declaration(
        &self,
        declaration: &DeclarationEntry,
        minutes: &[MinuteEntry],
    ) -> bool {
        self.covers_item(declaration.item.as_deref())
            || minutes.iter().any(|m| {
                self.covers_minute(m.agenda_ref.as_deref(), m.exempt)
                    && m.source.document == declaration.source.document
                    && overlaps(m.source.lines, declaration.source.lines)
            })
    }

    /// Whether a decision number was carried by an exempt item.
    pub fn covers_decision(&self, number: Option<&str>) -> bool {
        number.is_some_and(|d| self.decisions.iter().any(|n| n == d))
    }

    /// Whether a report is confidential: classified as anything but
    /// public, or the paper of an exempt item by its decision number, its
    /// subject (the same title, the item its words attach it to, or any
    /// exempt item its words clearly name: in doubt, exempt).
    pub fn covers_report(
        &self,
        subject: &str,
        classification: Option<&str>,
        decision: Option<&str>,
    ) -> bool {
        !public_classification(classification)
            || self.titles.contains(&normalised(subject))
            || self.covers_decision(decision)
            || crate::papers::paper_of(&self.agenda, subject, decision).is_some_and(|a| a.exempt)
            || self
                .agenda
                .iter()
                .any(|a| a.exempt && crate::papers::names_item(&a.title, subject))
    }
}

/// Whether a decision number may be shown to the public: some public
/// record carries it, or it is printed outside exempt lines and no
/// exempt record carries it. `carriers` says, for each agenda item or
/// report carrying the number, whether this rule makes it exempt.
pub fn decision_is_public(in_exempt_lines: bool, carriers: &[bool]) -> bool {
    carriers.iter().any(|exempt| !exempt)
        || (!in_exempt_lines && carriers.iter().all(|exempt| !exempt))
}

/// The lines exempt business covers in its document (agenda items here;
/// minutes of one set the same way, with no part starts and `last_line`
/// 0, so the last keeps its own lines):
/// from its title to the line before the next item (its description and
/// the exemption paragraph under it), the last item's to the line before
/// the next part (`part_starts`: where sets of minutes and reports open)
/// or the end of the text (`last_line`). `items` are the document's agenda
/// items in order, each with whether it is exempt.
pub fn exempt_item_extents(
    items: &[(Lines, bool)],
    part_starts: &[u32],
    last_line: u32,
) -> Vec<Lines> {
    items
        .iter()
        .enumerate()
        .filter(|(_, (_, exempt))| *exempt)
        .map(|(at, (lines, _))| {
            let next_item = items[at + 1..]
                .iter()
                .map(|(l, _)| l.first)
                .find(|first| *first > lines.last);
            let next_part = part_starts
                .iter()
                .copied()
                .filter(|s| *s > lines.last)
                .min();
            let end = [next_item, next_part]
                .into_iter()
                .flatten()
                .min()
                .map_or(last_line, |s| s - 1);
            Lines::span(lines.first, end.max(lines.last))
        })
        .collect()
}

/// A set of minutes in a document, as the exempt rule reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MinutesSetLines {
    /// The meeting the set records, when known (its exempt business is
    /// in [`DocumentParts::meetings`]).
    pub meeting: Option<MeetingId>,
    /// Its minutes in order: the agenda item each refers to, whether it
    /// was printed under the minutes' own exempt heading, and its lines.
    pub minutes: Vec<(Option<String>, bool, Lines)>,
}

/// What a store reads of one document for [`exempt_ranges`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentParts {
    /// The document's agenda items in order, each with whether it is
    /// exempt.
    pub agenda_items: Vec<(Lines, bool)>,
    /// Where the document's parts (sets of minutes, reports) open.
    pub part_starts: Vec<u32>,
    /// Its last line.
    pub last_line: u32,
    /// The exempt business of each meeting its minutes and declarations
    /// record.
    pub meetings: HashMap<MeetingId, ExemptItems>,
    /// Its sets of minutes, in order.
    pub minutes: Vec<MinutesSetLines>,
    /// Its declarations naming an agenda item of a known meeting: the
    /// meeting, the item's number and the lines.
    pub declarations: Vec<(MeetingId, String, Lines)>,
    /// Its reports, attached to the agenda of the meeting the document
    /// was issued for ([`crate::attach_papers`]), so `exempt` is set.
    pub reports: Vec<crate::ReportEntry>,
    /// Lines withheld before its records left it (a superseded pack,
    /// minutes printed again elsewhere).
    pub withheld: Vec<Lines>,
}

/// The line ranges of exempt business in a document, the one answer
/// every backend gives for [`DocumentRecord::exempt`]: exempt agenda
/// items with their descriptions (to the next item or part), minutes
/// printed as exempt or recording an exempt item (each to the next
/// minute of its set, so nothing printed between them shows; the last
/// keeps its own lines, since what follows a set, a confirmation or a
/// signature, is public), declarations about exempt items, exempt
/// reports from their header to the next part or the end, and the lines
/// withheld before. Declarations inside an exempt minute lie within its
/// lines.
pub fn exempt_ranges(document: &DocumentParts) -> Vec<Lines> {
    let mut out = exempt_item_extents(
        &document.agenda_items,
        &document.part_starts,
        document.last_line,
    );
    let public = ExemptItems::default();
    let rule = |meeting: Option<MeetingId>| {
        meeting
            .and_then(|m| document.meetings.get(&m))
            .unwrap_or(&public)
    };
    for set in &document.minutes {
        let meeting = rule(set.meeting);
        let covered: Vec<(Lines, bool)> = set
            .minutes
            .iter()
            .map(|(item, printed_exempt, lines)| {
                (
                    *lines,
                    meeting.covers_minute(item.as_deref(), *printed_exempt),
                )
            })
            .collect();
        out.extend(exempt_item_extents(&covered, &[], 0));
    }
    out.extend(
        document
            .declarations
            .iter()
            .filter(|(meeting, item, _)| rule(Some(*meeting)).covers_item(Some(item)))
            .map(|(_, _, lines)| *lines),
    );
    out.extend(document.reports.iter().filter(|r| r.exempt).map(|r| {
        let first = r.source.lines.first;
        let end = document
            .part_starts
            .iter()
            .find(|s| **s > r.source.lines.last)
            .map_or(document.last_line, |s| s - 1);
        Lines::span(first, end.max(r.source.lines.last))
    }));
    out.extend(document.withheld.iter().copied());
    out
}

/// Whether two line ranges share a line.
pub fn overlaps(a: Lines, b: Lines) -> bool {
    a.first <= b.last && b.first <= a.last
}

/// Who is looking at a page: the one question every exempt rule asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Anyone, not signed in.
    Public,
    /// A signed-in account, of this role.
    Account(crate::Role),
}

impl Audience {
    /// Whether this audience may read exempt business: any signed-in
    /// account may (a member is the least a signed-in account is); the
    /// public may not.
    pub fn sees_exempt(self) -> bool {
        matches!(self, Audience::Account(role) if role >= crate::Role::Member)
    }
}

/// One line of a document as the public sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublicLine<'a> {
    /// A line shown as it is.
    Shown {
        /// Its 1-based number.
        number: u32,
        /// Its text.
        text: &'a str,
    },
    /// A run of exempt lines, withheld.
    Withheld(Lines),
}

impl DocumentRecord {
    /// The document's lines as `audience` may read them: every line for
    /// those who see exempt business, else [`DocumentRecord::public_lines`].
    pub fn lines_for(&self, audience: Audience) -> Vec<PublicLine<'_>> {
        if !audience.sees_exempt() {
            return self.public_lines();
        }
        (1u32..)
            .zip(text_lines(&self.text))
            .map(|(number, text)| PublicLine::Shown { number, text })
            .collect()
    }

    /// The document's lines, each run of exempt lines replaced by one
    /// [`PublicLine::Withheld`].
    pub fn public_lines(&self) -> Vec<PublicLine<'_>> {
        let count = u32::try_from(text_lines(&self.text).count()).unwrap_or(u32::MAX);
        let withheld: Vec<Lines> = merged(&self.exempt)
            .into_iter()
            .filter(|r| r.first <= count)
            .map(|r| Lines::span(r.first, r.last.min(count)))
            .collect();
        let mut out = Vec::new();
        let mut runs = withheld.iter().peekable();
        for (number, text) in (1u32..).zip(text_lines(&self.text)) {
            while runs.peek().is_some_and(|r| r.last < number) {
                runs.next();
            }
            match runs.peek() {
                Some(run) if run.first <= number => {
                    if run.first == number || out.is_empty() {
                        out.push(PublicLine::Withheld(**run));
                    }
                }
                _ => out.push(PublicLine::Shown { number, text }),
            }
        }
        out
    }
}

/// The lines of a stored text as records number them (split at `\n`, a
/// final newline ending the last line rather than opening another).
fn text_lines(text: &str) -> impl Iterator<Item = &str> {
    text.strip_suffix('\n')
        .unwrap_or(text)
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
}

/// The ranges sorted, with overlapping and touching ones joined.
fn merged(ranges: &[Lines]) -> Vec<Lines> {
    let mut sorted = ranges.to_vec();
    sorted.sort();
    let mut out: Vec<Lines> = Vec::new();
    for range in sorted {
        match out.last_mut() {
            Some(last) if range.first <= last.last.saturating_add(1) => {
                *last = last.join(range);
            }
            _ => out.push(range),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exempt_items_cover_their_minutes_reports_and_decisions_only() {
        let exempt = ExemptItems::of(&[AgendaEntry {
            number: Some("5".into()),
            title: "Sale of  the Depot".into(),
            pages: None,
            exempt: true,
            decision: Some("13/00099".into()),
            source: crate::Source {
                document: DocumentId(1),
                lines: Lines::one(1),
            },
        }]);
        assert!(exempt.covers_item(Some("5")));
        assert!(!exempt.covers_item(Some("1")));
        assert!(!exempt.covers_item(None));
        assert!(exempt.covers_decision(Some("13/00099")));
        assert!(!exempt.covers_decision(Some("13/00001")));
        assert!(exempt.covers_report("sale of the depot", None, None));
        assert!(exempt.covers_report("Budget", None, Some("13/00099")));
        assert!(exempt.covers_report("Budget", Some("Restricted"), None));
        assert!(!exempt.covers_report("Budget", Some("Unrestricted"), Some("13/00001")));
        assert!(exempt.covers_report("Proposed Sale of the Depot Land", None, None));
        assert!(exempt.covers_minute(None, true));
        assert!(exempt.covers_minute(Some("5"), false));
        assert!(!exempt.covers_minute(Some("4"), false));
    }

    #[test]
    fn a_documents_exempt_ranges_cover_each_kind_of_exempt_business_to_its_end() {
        let source = |first, last| crate::Source {
            document: DocumentId(1),
            lines: Lines::span(first, last),
        };
        let meeting = ExemptItems::of(&[AgendaEntry {
            number: Some("5".into()),
            title: "Sale".into(),
            pages: None,
            exempt: true,
            decision: None,
            source: source(1, 1),
        }]);
        let report = |first, last, exempt| crate::ReportEntry {
            subject: "A paper".into(),
            from: None,
            to: None,
            classification: None,
            decision: None,
            item: None,
            exempt,
            source: source(first, last),
        };
        let parts = DocumentParts {
            // Items on lines 2 and 4 (exempt), the minutes open at 10.
            agenda_items: vec![(Lines::one(2), false), (Lines::one(4), true)],
            part_starts: vec![10, 30, 40],
            last_line: 50,
            meetings: HashMap::from([(MeetingId(7), meeting)]),
            minutes: vec![
                MinutesSetLines {
                    meeting: Some(MeetingId(7)),
                    minutes: vec![
                        (Some("4".into()), false, Lines::span(11, 12)),
                        (Some("5".into()), false, Lines::span(14, 15)),
                        (None, false, Lines::span(18, 19)),
                        (None, true, Lines::span(21, 22)),
                    ],
                },
                MinutesSetLines {
                    meeting: None,
                    minutes: vec![(Some("5".into()), false, Lines::one(25))],
                },
            ],
            declarations: vec![
                (MeetingId(7), "5".into(), Lines::one(13)),
                (MeetingId(7), "4".into(), Lines::one(16)),
            ],
            reports: vec![report(30, 31, false), report(40, 42, true)],
            withheld: vec![Lines::one(45)],
        };
        assert_eq!(
            exempt_ranges(&parts),
            [
                Lines::span(4, 9),
                Lines::span(14, 17),
                Lines::span(21, 22),
                Lines::one(13),
                Lines::span(40, 50),
                Lines::one(45),
            ],
            "the exempt item to the next part; the minute on item 5 to the next \
             minute; the last minute its own lines; a set of an unknown meeting \
             by its heading only; the declaration on item 5; the exempt report \
             to the end; lines withheld before"
        );
    }

    #[test]
    fn a_decision_number_is_public_only_with_a_public_carrier_or_public_lines() {
        assert!(decision_is_public(false, &[]));
        assert!(!decision_is_public(true, &[]));
        assert!(!decision_is_public(false, &[true]));
        assert!(decision_is_public(true, &[true, false]));
    }

    #[test]
    fn an_exempt_item_covers_its_description_up_to_the_next_item_or_part() {
        let items = [
            (Lines::one(10), false),
            (Lines::one(12), true),
            (Lines::span(16, 17), false),
            (Lines::one(20), true),
        ];
        assert_eq!(
            exempt_item_extents(&items, &[30, 5], 40),
            vec![Lines::span(12, 15), Lines::span(20, 29)]
        );
        assert_eq!(
            exempt_item_extents(&items[3..], &[], 25),
            vec![Lines::span(20, 25)]
        );
    }

    #[test]
    fn only_public_classifications_let_the_public_read_a_paper() {
        for public in [
            None,
            Some(""),
            Some("Unrestricted"),
            Some("PUBLIC"),
            Some("Open"),
            Some("Official"),
        ] {
            assert!(public_classification(public), "{public:?}");
        }
        for closed in [
            "Exempt - paragraph 3",
            "Restricted",
            "Confidential",
            "Part 2",
            "NOT FOR PUBLICATION",
            "Official - Sensitive",
            "Private and confidential",
            "Public, with an exempt appendix",
            "Commercial in confidence",
        ] {
            assert!(!public_classification(Some(closed)), "{closed}");
        }
    }
    use crate::DocumentId;

    fn document(text: &str, exempt: &[Lines]) -> DocumentRecord {
        DocumentRecord {
            id: DocumentId(1),
            file_name: "pack.txt".into(),
            sha256: String::new(),
            imported_at: String::new(),
            meeting: None,
            text: text.into(),
            exempt: exempt.to_vec(),
            superseded_by: None,
            supersedes: Vec::new(),
        }
    }

    #[test]
    fn exempt_runs_are_withheld_whole_joined_and_cut_at_the_end_of_the_text() {
        let doc = document(
            "one\ntwo\nthree\nfour\nfive\nsix\n",
            &[Lines::span(3, 4), Lines::one(2), Lines::span(6, 9)],
        );
        let shown = |number, text| PublicLine::Shown { number, text };
        assert_eq!(
            doc.public_lines(),
            vec![
                shown(1, "one"),
                PublicLine::Withheld(Lines::span(2, 4)),
                shown(5, "five"),
                PublicLine::Withheld(Lines::one(6)),
            ]
        );
    }

    #[test]
    fn only_signed_in_accounts_read_exempt_lines() {
        let doc = document("open\nsecret\n", &[Lines::one(2)]);
        assert_eq!(doc.lines_for(Audience::Public), doc.public_lines());
        let member = doc.lines_for(Audience::Account(crate::Role::Member));
        assert_eq!(
            member[1],
            PublicLine::Shown {
                number: 2,
                text: "secret"
            }
        );
        assert!(!Audience::Public.sees_exempt());
        assert!(Audience::Account(crate::Role::Admin).sees_exempt());
    }

    #[test]
    fn a_document_without_exempt_lines_shows_every_line() {
        let doc = document("a\r\nb", &[]);
        assert_eq!(doc.public_lines().len(), 2);
        assert_eq!(
            doc.public_lines()[1],
            PublicLine::Shown {
                number: 2,
                text: "b"
            }
        );
    }
}
