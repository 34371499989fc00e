//! What the pack tests share: an invented meeting, uploaded PDF papers
//! made by the builder itself, and the pack read back page by page through
//! poppler's `pdftotext -layout` (as `moot-pdf` runs it for imports).

#![allow(dead_code)] // each test binary uses its own share of these

use moot_domain::{Date, Time};
use moot_pack_builder::{Contact, Exemption, Item, Meeting, Member, Pack, Paper, Section};

/// A word that appears only in the exempt item's title, description and
/// papers.
pub const PLANTED: &str = "Zephyrquartz";

/// A meeting of an invented board: open items with text and PDF papers,
/// one without papers, and one exempt item under paragraph 3.
pub fn meeting() -> Meeting {
    Meeting {
        council: "Loamshire County Council".into(),
        body: "Health and Wellbeing Board".into(),
        date: Date::new(2013, 9, 18).unwrap(),
        time: Time::new(18, 30),
        venue: "Darent Room, Sessions House, County Hall, Loamster".into(),
        contact: Contact {
            name: "Ann Hunter".into(),
            phone: Some("01632 960 123".into()),
            email: Some("ann.hunter@loamshire.example".into()),
        },
        membership: vec![
            member("Mr R W Gough", Some("Chairman"), "Conservative", true),
            member("Mrs A Baker", Some("Vice-Chairman"), "Labour", true),
            member("Mr C Dean", None, "Liberal Democrat", true),
            member("Dr F Eliot", None, "Clinical Commissioning Group", false),
        ],
        sections: vec![
            Section {
                heading: "Part 1 - items in public".into(),
                items: vec![
                    item("1", "Apologies and Substitutes", vec![]),
                    Item {
                        description: Some(
                            "To confirm the minutes of the meeting held on 17 July 2013.".into(),
                        ),
                        ..item(
                            "2",
                            "Minutes of the Meeting held on 17 July 2013",
                            vec![text_paper("Minutes of 17 July 2013", 30)],
                        )
                    },
                    item(
                        "3",
                        "Safeguarding Annual Report",
                        vec![pdf_paper("Safeguarding report", 3)],
                    ),
                    item(
                        "4",
                        "Long Term Conditions",
                        vec![
                            text_paper("Mapping the Future", 80),
                            pdf_paper("Case Study", 2),
                        ],
                    ),
                ],
            },
            Section {
                heading: "Part 2 - exempt items".into(),
                items: vec![Item {
                    exemption: Exemption::paragraph(3),
                    description: Some(format!("The {PLANTED} depot lease")),
                    ..item(
                        "5",
                        &format!("Disposal of the {PLANTED} site"),
                        vec![
                            Paper::Text {
                                title: format!("{PLANTED} valuation"),
                                paragraphs: vec![format!("The {PLANTED} bid is confidential.")],
                            },
                            pdf_paper(&format!("{PLANTED} plans"), 2),
                        ],
                    )
                }],
            },
        ],
    }
}

fn member(name: &str, role: Option<&str>, party: &str, voting: bool) -> Member {
    Member {
        name: name.into(),
        role: role.map(Into::into),
        party: Some(party.into()),
        voting,
    }
}

/// An open item.
pub fn item(number: &str, title: &str, papers: Vec<Paper>) -> Item {
    Item {
        number: number.into(),
        title: title.into(),
        description: None,
        papers,
        exemption: None,
    }
}

/// A text paper of `paragraphs` paragraphs of about forty words each.
pub fn text_paper(title: &str, paragraphs: usize) -> Paper {
    Paper::Text {
        title: title.into(),
        paragraphs: (1..=paragraphs)
            .map(|n| {
                format!(
                    "Paragraph {n} of {title}. The Board considered the report and the \
                     officers' advice on services for residents across the county, \
                     including the budget, the staffing and the timetable for the work."
                )
            })
            .collect(),
    }
}

/// A PDF paper of `pages` pages, each opening with "<title>, page N of M".
pub fn pdf_paper(title: &str, pages: usize) -> Paper {
    Paper::Pdf {
        title: title.into(),
        bytes: pdf_of_pages(title, pages),
    }
}

/// A PDF whose pages each start with a line naming the page, written
/// with `lopdf` the way many producers do: compressed content streams,
/// and the font and media box inherited from the page tree.
pub fn pdf_of_pages(title: &str, pages: usize) -> Vec<u8> {
    use lopdf::{dictionary, Document, Object, Stream};
    let mut document = Document::with_version("1.5");
    let tree = document.new_object_id();
    let font = document.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Times-Roman",
    });
    let kids: Vec<Object> = (1..=pages)
        .map(|n| {
            let text = format!(
                "BT /T 12 Tf 72 740 Td ({title}, page {n} of {pages}) Tj 0 -16 Td \
                 (Uploaded text on page {n}.) Tj ET"
            );
            let mut stream = Stream::new(dictionary! {}, text.into_bytes());
            stream.compress().unwrap();
            let contents = document.add_object(stream);
            document
                .add_object(
                    dictionary! { "Type" => "Page", "Parent" => tree, "Contents" => contents },
                )
                .into()
        })
        .collect();
    let tree_node = dictionary! {
        "Type" => "Pages",
        "Kids" => kids,
        "Count" => pages as i64,
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "T" => font } },
    };
    document.objects.insert(tree, tree_node.into());
    let catalog = document.add_object(dictionary! { "Type" => "Catalog", "Pages" => tree });
    document.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    document.save_to(&mut bytes).unwrap();
    bytes
}

/// The pack's text, page by page, as `pdftotext -layout` reads it.
pub fn pages_of(pack: &Pack) -> Vec<String> {
    let text = moot_pdf::pdf_to_text(&pack.pdf).expect("pdftotext (poppler-utils) is installed");
    let mut pages: Vec<String> = text.split('\x0c').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// The number of pages the PDF has, by its page tree.
pub fn page_count(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf).unwrap().get_pages().len()
}
