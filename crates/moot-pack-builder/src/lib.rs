//! Agenda pack PDFs from a meeting's plan.
//!
//! A council publishes an agenda pack for each meeting: a cover (body,
//! date, time, venue, whom to ask), the membership, the agenda with each
//! item's "(Pages x - y)", then the papers in agenda order, every page
//! numbered in its footer. This crate builds that PDF from plain values
//! (a [`Meeting`]) so the clerk's forms can publish a pack without a word
//! processor. It is pure: no storage, no web, no files or fonts read at
//! run time (text is set in the PDF standard fonts Helvetica and
//! Helvetica-Bold, wrapped with their real widths, see `metrics`).
//!
//! Two editions come from one plan ([`Edition`]). The public pack leaves
//! exempt papers out: the agenda gives the item's number, "Exempt item"
//! and the paragraph of Schedule 12A to the Local Government Act 1972 that
//! applies, with no page range. The members' pack includes the exempt
//! papers, every page of them headed "NOT FOR PUBLICATION". Which edition
//! prints what is decided in one function (`plan::plan`); the layout only
//! ever sees its result, in which a withheld item holds its number and
//! paragraph and nothing else.
//!
//! Page ranges depend on the agenda's own length (printing "(Pages 98 -
//! 104)" may push the agenda onto another page, moving every paper), so
//! the agenda is laid out again until its length is stable.
//!
//! ```
//! use moot_pack_builder::{build, Contact, Edition, Item, Meeting, Paper, Section};
//! use moot_domain::{Date, Time};
//!
//! let meeting = Meeting {
//!     council: "Example County Council".into(),
//!     body: "Health and Wellbeing Board".into(),
//!     date: Date::new(2013, 9, 18).unwrap(),
//!     time: Time::new(18, 30),
//!     venue: "Darent Room, Sessions House".into(),
//!     contact: Contact { name: "Ann Hunter".into(), phone: None, email: None },
//!     membership: vec![],
//!     sections: vec![Section {
//!         heading: "Part 1".into(),
//!         items: vec![Item {
//!             number: "1".into(),
//!             title: "Minutes".into(),
//!             description: None,
//!             papers: vec![Paper::Text {
//!                 title: "Minutes of the last meeting".into(),
//!                 paragraphs: vec!["Present: ...".into()],
//!             }],
//!             exemption: None,
//!         }],
//!     }],
//! };
//! let pack = build(&meeting, Edition::Public)?;
//! assert!(pack.pdf.starts_with(b"%PDF-"));
//! assert_eq!(pack.items[0].pages, Some((4, 4)));
//! # Ok::<(), moot_pack_builder::PackError>(())
//! ```

mod assemble;
mod front;
mod metrics;
mod plan;
mod typeset;
mod upload;

use assemble::Part;
use moot_domain::{Date, Time};
use plan::{Entry, PlannedSection};
use thiserror::Error;

/// A meeting as its pack prints it.
#[derive(Debug, Clone)]
pub struct Meeting {
    /// The council ("Kent County Council").
    pub council: String,
    /// The committee or board.
    pub body: String,
    /// The day of the meeting.
    pub date: Date,
    /// When it starts, if set.
    pub time: Option<Time>,
    /// Where it is held.
    pub venue: String,
    /// Whom to ask about the meeting.
    pub contact: Contact,
    /// The members, in the order printed.
    pub membership: Vec<Member>,
    /// The agenda's sections in order ("Part 1", "Part 2 – exempt").
    pub sections: Vec<Section>,
}

/// The officer to contact about a meeting.
#[derive(Debug, Clone)]
pub struct Contact {
    /// Their name.
    pub name: String,
    /// A telephone number, as printed.
    pub phone: Option<String>,
    /// An email address.
    pub email: Option<String>,
}

/// A member of the body.
#[derive(Debug, Clone)]
pub struct Member {
    /// Their name as printed ("Mr P J Oakford").
    pub name: String,
    /// Their role on the body ("Chairman", "Vice-Chairman").
    pub role: Option<String>,
    /// Their party or the organisation they represent.
    pub party: Option<String>,
    /// False for co-opted and other non-voting members.
    pub voting: bool,
}

/// A section of the agenda and its items.
#[derive(Debug, Clone)]
pub struct Section {
    /// The heading printed above it.
    pub heading: String,
    /// Its items in order.
    pub items: Vec<Item>,
}

/// One agenda item.
#[derive(Debug, Clone)]
pub struct Item {
    /// The number as printed ("4", "A4").
    pub number: String,
    /// The title.
    pub title: String,
    /// A line printed under the title ("To confirm the minutes of ...").
    pub description: Option<String>,
    /// The papers for the item, in order.
    pub papers: Vec<Paper>,
    /// Set when the item is exempt: its papers stay out of the public pack.
    pub exemption: Option<Exemption>,
}

/// A paper for an agenda item.
#[derive(Debug, Clone)]
pub enum Paper {
    /// A paper written in the clerk's forms, typeset by the builder.
    Text {
        /// Its title, printed at its head.
        title: String,
        /// Its paragraphs.
        paragraphs: Vec<String>,
    },
    /// An uploaded PDF, included page by page.
    Pdf {
        /// Its title, used in error messages.
        title: String,
        /// The file.
        bytes: Vec<u8>,
    },
}

impl Paper {
    fn title(&self) -> &str {
        match self {
            Paper::Text { title, .. } | Paper::Pdf { title, .. } => title,
        }
    }
}

/// The paragraph of Part 1 of Schedule 12A to the Local Government Act
/// 1972 under which an item is exempt (1 to 7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exemption {
    paragraph: u8,
}

impl Exemption {
    /// The exemption under `paragraph`, or `None` outside 1 to 7.
    pub fn paragraph(paragraph: u8) -> Option<Exemption> {
        (1..=7)
            .contains(&paragraph)
            .then_some(Exemption { paragraph })
    }

    /// The paragraph number.
    pub fn number(self) -> u8 {
        self.paragraph
    }

    /// "paragraph 3 of Part 1 of Schedule 12A to the Local Government Act
    /// 1972".
    pub fn paragraph_reference(self) -> String {
        format!(
            "paragraph {} of Part 1 of Schedule 12A to the Local Government Act 1972",
            self.paragraph
        )
    }

    /// The agenda's line for the item, after "Exempt: ".
    pub fn reason(self) -> String {
        format!(
            "information of a kind described in {}",
            self.paragraph_reference()
        )
    }
}

/// Which pack to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edition {
    /// For publication: exempt papers left out.
    Public,
    /// For members: everything, exempt papers marked not for publication.
    Members,
}

/// A built pack.
#[derive(Clone)]
pub struct Pack {
    /// The PDF file.
    pub pdf: Vec<u8>,
    /// Each agenda item's pages in the pack, in agenda order.
    pub items: Vec<ItemPages>,
}

/// The PDF's size, not its bytes.
impl std::fmt::Debug for Pack {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pack")
            .field("pdf", &format_args!("{} bytes", self.pdf.len()))
            .field("items", &self.items)
            .finish()
    }
}

/// Where an item's papers are in a pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemPages {
    /// The item's number.
    pub number: String,
    /// First and last page of its papers; `None` when the pack prints no
    /// papers for it.
    pub pages: Option<(u32, u32)>,
}

/// Why a pack could not be built.
#[derive(Debug, Error)]
pub enum PackError {
    /// An uploaded paper cannot be used.
    #[error("item {item}, paper \"{paper}\": {problem}")]
    Paper {
        /// The item's number.
        item: String,
        /// The paper's title.
        paper: String,
        /// What is wrong with it.
        problem: PaperProblem,
    },
    /// Writing the PDF failed.
    #[error("the pack PDF could not be written: {0}")]
    Write(#[from] lopdf::Error),
}

/// What is wrong with an uploaded PDF paper.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum PaperProblem {
    /// The file has no bytes.
    #[error("the file is empty")]
    Empty,
    /// The file does not start like a PDF.
    #[error("the file is not a PDF")]
    NotPdf,
    /// The PDF is protected by a password.
    #[error("the PDF is encrypted (password protected); upload an unprotected copy")]
    Encrypted,
    /// The PDF has no pages.
    #[error("the PDF has no pages")]
    NoPages,
    /// The PDF cannot be read.
    #[error("the PDF is damaged: {0}")]
    Damaged(String),
}

/// Checks an uploaded PDF paper as [`build`] will read it (a PDF,
/// unencrypted, with pages, every page's content readable), so a form can
/// refuse a bad file when it is uploaded rather than when the pack is
/// built.
pub fn check_pdf(bytes: &[u8]) -> Result<(), PaperProblem> {
    upload::read(bytes).map(|_| ())
}

/// Builds one edition of a meeting's pack.
pub fn build(meeting: &Meeting, edition: Edition) -> Result<Pack, PackError> {
    let sections = plan::plan(meeting, edition);
    let entries: Vec<&Entry<'_>> = sections.iter().flat_map(|s| &s.entries).collect();
    let papers: Vec<Vec<Part>> = entries
        .iter()
        .map(|entry| papers(entry))
        .collect::<Result<_, _>>()?;
    let counts: Vec<usize> = papers
        .iter()
        .map(|parts| parts.iter().map(Part::pages).sum())
        .collect();
    let cover = front::cover(meeting);
    let membership = front::membership(meeting);
    let before = cover.len() + membership.len();
    let (agenda, ranges) = settle_agenda(meeting, &sections, &counts, before);
    let items = entries
        .iter()
        .zip(&ranges)
        .map(|(entry, &pages)| ItemPages {
            number: entry.number().to_owned(),
            pages,
        })
        .collect();
    let front = [cover, membership, agenda].map(|sheets| Part::Sheets {
        sheets,
        banner: None,
    });
    let parts = front
        .into_iter()
        .chain(papers.into_iter().flatten())
        .collect();
    let title = format!("{} {}: agenda pack", meeting.body, meeting.date.in_words());
    let pdf = assemble::write(parts, &title)?;
    Ok(Pack { pdf, items })
}

/// The entry's papers, typeset or read and checked.
fn papers(entry: &Entry<'_>) -> Result<Vec<Part>, PackError> {
    let banner = entry.exemption();
    entry
        .papers()
        .iter()
        .map(|paper| match paper {
            Paper::Text { title, paragraphs } => Ok(Part::Sheets {
                sheets: front::text_paper(title, paragraphs),
                banner,
            }),
            Paper::Pdf { bytes, .. } => upload::read(bytes)
                .map(|upload| Part::Upload {
                    upload: Box::new(upload),
                    banner,
                })
                .map_err(|problem| PackError::Paper {
                    item: entry.number().to_owned(),
                    paper: paper.title().to_owned(),
                    problem,
                }),
        })
        .collect()
}

/// Lays out the agenda until the page ranges it prints fit its own length
/// (`before` pages come ahead of it). The planned length only grows, and
/// the agenda's length grows far slower than the page numbers it prints,
/// so this ends; an agenda that comes out shorter than planned is padded
/// with blank pages so that the ranges stay true.
fn settle_agenda(
    meeting: &Meeting,
    sections: &[PlannedSection<'_>],
    counts: &[usize],
    before: usize,
) -> (Vec<typeset::Sheet>, Vec<Option<(u32, u32)>>) {
    let mut planned = 1;
    loop {
        let ranges = page_ranges(counts, before + planned + 1);
        let mut agenda = front::agenda(meeting, sections, &ranges);
        if agenda.len() <= planned {
            agenda.resize(planned, Vec::new());
            return (agenda, ranges);
        }
        planned = agenda.len();
    }
}

/// Each item's first and last page when its papers follow one another
/// from page `first`.
fn page_ranges(counts: &[usize], first: usize) -> Vec<Option<(u32, u32)>> {
    let mut next = first;
    counts
        .iter()
        .map(|&count| {
            let start = next;
            next += count;
            let page = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            (count > 0).then(|| (page(start), page(start + count - 1)))
        })
        .collect()
}
