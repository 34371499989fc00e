//! The records one agenda pack holds.

use crate::{Date, Time};

/// The 1-based, inclusive range of source lines a record came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Lines {
    /// First line, 1-based.
    pub first: u32,
    /// Last line, 1-based, never before `first`.
    pub last: u32,
}

impl Lines {
    /// A range of one line.
    pub fn one(line: u32) -> Lines {
        Lines {
            first: line,
            last: line,
        }
    }

    /// A range from `first` to `last`, swapped if given backwards.
    pub fn span(first: u32, last: u32) -> Lines {
        Lines {
            first: first.min(last),
            last: first.max(last),
        }
    }

    /// The smallest range covering both.
    pub fn join(self, other: Lines) -> Lines {
        Lines::span(self.first.min(other.first), self.last.max(other.last))
    }
}

/// Everything the importer understood of one pack.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pack {
    /// The meeting the pack was issued for.
    pub meeting: Meeting,
    /// The body's members as the pack lists them.
    pub membership: Vec<Member>,
    /// The numbered agenda items of this meeting.
    pub agenda: Vec<AgendaItem>,
    /// Each set of minutes the pack carries, of whichever body.
    pub minutes: Vec<Minutes>,
    /// Each report that opens with a standard header block.
    pub reports: Vec<Report>,
    /// Every distinct decision number, in order of first appearance.
    pub decisions: Vec<DecisionRef>,
    /// Every scorecard row a careful reader can make out.
    pub indicators: Vec<IndicatorRow>,
    /// Each indicator's detail block (results by period, commentary, data
    /// notes), tied to its row where that can be done with confidence.
    pub indicator_details: Vec<IndicatorDetail>,
}

/// The meeting a pack was issued for, from its cover and agenda.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meeting {
    /// The council, e.g. "Kent County Council".
    pub organisation: Option<String>,
    /// The committee or board, e.g. "Health and Wellbeing Board".
    pub body: Option<String>,
    /// The day of the meeting.
    pub date: Option<Date>,
    /// The start time.
    pub time: Option<Time>,
    /// Where it is held.
    pub venue: Option<String>,
    /// The officer the public is told to ask.
    pub contact: Option<String>,
    /// Where the cover and agenda header are.
    pub lines: Option<Lines>,
}

/// One member as the agenda's membership list gives them.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The name as printed, without a bracketed role.
    pub name: String,
    /// "Chairman", "Vice-Chairman" and the like, where stated.
    pub role: Option<String>,
    /// The party heading the member is listed under.
    pub party: Option<String>,
    /// The post paired with the name ("Cabinet Member for Adult Social Care").
    pub position: Option<String>,
    /// `Some(true)` for voting members, `Some(false)` for associate or
    /// co-opted ones, where the list says.
    pub voting: Option<bool>,
    /// Source lines.
    pub lines: Lines,
}

/// One numbered agenda item.
#[derive(Debug, Clone, PartialEq)]
pub struct AgendaItem {
    /// The number as printed, without a trailing dot ("4", "A4").
    pub number: Option<String>,
    /// The title without the page reference.
    pub title: String,
    /// First and last page of the item's papers.
    pub pages: Option<(u32, u32)>,
    /// Listed under exempt or private business.
    pub exempt: bool,
    /// A decision number (`YY/NNNNN`) carried in the title.
    pub decision: Option<String>,
    /// Source lines.
    pub lines: Lines,
}

/// One set of minutes, of whichever body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Minutes {
    /// The body whose meeting is minuted.
    pub body: Option<String>,
    /// The date of the minuted meeting.
    pub date: Option<Date>,
    /// Everyone recorded as present (members and substitutes).
    pub present: Vec<String>,
    /// Each substitute paired with the member they replaced.
    pub substitutes: Vec<Substitution>,
    /// Those whose apologies were recorded.
    pub apologies: Vec<String>,
    /// Each declared interest.
    pub declarations: Vec<Declaration>,
    /// Each numbered minute.
    pub items: Vec<MinuteItem>,
    /// Source lines of the whole set.
    pub lines: Lines,
}

/// A substitute attending in a member's place.
#[derive(Debug, Clone, PartialEq)]
pub struct Substitution {
    /// Who attended.
    pub name: String,
    /// The member they replaced.
    pub for_member: String,
    /// Source lines.
    pub lines: Lines,
}

/// A declared interest.
#[derive(Debug, Clone, PartialEq)]
pub struct Declaration {
    /// Who declared.
    pub name: String,
    /// The agenda item concerned, where stated.
    pub item: Option<String>,
    /// The declaration as recorded.
    pub text: String,
    /// Source lines.
    pub lines: Lines,
}

/// One numbered minute.
#[derive(Debug, Clone, PartialEq)]
pub struct MinuteItem {
    /// The minute number ("17").
    pub number: Option<String>,
    /// The heading, without the "(Item N)" reference.
    pub title: String,
    /// The agenda item the minute records, from "(Item N)".
    pub agenda_ref: Option<String>,
    /// Whether the minute records a resolution.
    pub resolved: bool,
    /// The resolutions' text, each as one string.
    pub resolutions: Vec<String>,
    /// Printed under the minutes' own exempt heading ("EXEMPT ITEMS",
    /// "Part 2", after the press and public were excluded): confidential
    /// whatever the agenda says.
    pub exempt: bool,
    /// Source lines.
    pub lines: Lines,
}

/// A report that opens with the standard header block.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// "Subject:".
    pub subject: String,
    /// "By:" or "From:".
    pub from: Option<String>,
    /// "To:".
    pub to: Option<String>,
    /// "Classification:".
    pub classification: Option<String>,
    /// The decision number (`YY/NNNNN`) the report carries.
    pub decision: Option<String>,
    /// Source lines of the header block.
    pub lines: Lines,
}

/// A decision number (`YY/NNNNN`) where the pack first mentions it.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionRef {
    /// The number, e.g. "15/00068".
    pub number: String,
    /// Where it first appears.
    pub lines: Lines,
}

/// Which way an indicator improves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Polarity {
    /// Higher is better.
    High,
    /// Lower is better.
    Low,
    /// Closer to target is better.
    Target,
}

impl Polarity {
    /// The letter packs print: `H`, `L` or `T`.
    pub fn letter(self) -> &'static str {
        match self {
            Polarity::High => "H",
            Polarity::Low => "L",
            Polarity::Target => "T",
        }
    }
}

/// A Red/Amber/Green rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rag {
    /// Below the minimum standard.
    Red,
    /// Below target, above the minimum standard.
    Amber,
    /// Target achieved or exceeded.
    Green,
}

impl Rag {
    /// The upper-case name used in data: `RED`, `AMBER`, `GREEN`.
    pub fn name(self) -> &'static str {
        match self {
            Rag::Red => "RED",
            Rag::Amber => "AMBER",
            Rag::Green => "GREEN",
        }
    }
}

/// One row of a performance scorecard as printed.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorRow {
    /// The code as printed ("A1", "1").
    pub code: Option<String>,
    /// The indicator's name.
    pub name: String,
    /// Which way it improves, where given.
    pub polarity: Option<Polarity>,
    /// The data period as printed (`SS`, `YTD`, `R12M`, a month).
    pub period: Option<String>,
    /// The latest result as printed.
    pub value: Option<String>,
    /// The printed rating.
    pub rag: Option<Rag>,
    /// The target as printed.
    pub target: Option<String>,
    /// The last day of the period the result is for, where the pack says.
    pub period_end: Option<Date>,
    /// Source lines.
    pub lines: Lines,
}

/// An indicator's detail block: a table of results by period, the
/// officer's commentary and the data notes stating the rule.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IndicatorDetail {
    /// The index in [`Pack::indicators`] of the row the block is about;
    /// `None` when it cannot be tied to one with confidence.
    pub row: Option<usize>,
    /// The block's heading as printed (often truncated).
    pub heading: Option<String>,
    /// The results by period, oldest first.
    pub trend: Vec<TrendValue>,
    /// The officer's commentary on the latest result.
    pub commentary: Option<String>,
    /// What the data notes state.
    pub notes: DataNotes,
    /// Source lines of the whole block.
    pub lines: Lines,
}

/// One period's column of a detail block's trend table.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendValue {
    /// The period as printed ("May 2015", "Oct 12").
    pub period: String,
    /// The period's last day, where the label names a month or quarter.
    pub period_end: Option<Date>,
    /// The result as printed.
    pub value: Option<String>,
    /// The target printed for the period.
    pub target: Option<String>,
    /// The rating printed for the period.
    pub rag: Option<Rag>,
}

/// An indicator's data notes: its rule, polarity, period kind and source.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DataNotes {
    /// The target as stated ("85%").
    pub target: Option<String>,
    /// The RAG bands as stated ("Green 85% and above, Amber from 76.5% to
    /// 85%, Red below 76.5%").
    pub bands: Option<String>,
    /// Which way is better, from the tolerance wording.
    pub polarity: Option<Polarity>,
    /// What the figures are: `YTD`, `R12M`, `SS`, `month`.
    pub period_kind: Option<String>,
    /// Where the figures come from.
    pub data_source: Option<String>,
    /// Source lines of the notes, where there are any.
    pub lines: Option<Lines>,
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Something was read with a guess worth checking.
    Note,
    /// Something could not be read.
    Warning,
}

/// What the importer could not read, or read only with a guess.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// How serious.
    pub severity: Severity,
    /// Where.
    pub lines: Lines,
    /// What, in a sentence.
    pub message: String,
}

/// A place where the pack contradicts itself.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// A short stable code for the kind of contradiction, e.g.
    /// `"summary-count"`.
    pub kind: &'static str,
    /// What disagrees, in a sentence.
    pub message: String,
    /// The lines on each side of the disagreement.
    pub lines: Vec<Lines>,
}
