//! Packs built and read back through `pdftotext -layout`: the page ranges
//! the agenda prints, the footers, the exempt rule, and the importer
//! reading the pack as it reads a council's.

mod common;

use common::{item, meeting, page_count, pages_of, pdf_paper, text_paper, PLANTED};
use moot_pack_builder::{build, Edition, ItemPages, Meeting, Pack, Paper, Section};
use regex::Regex;

fn built(meeting: &Meeting, edition: Edition) -> (Pack, Vec<String>) {
    let pack = build(meeting, edition).expect("the pack builds");
    let pages = pages_of(&pack);
    (pack, pages)
}

/// The first line of text a paper prints.
fn first_line(paper: &Paper) -> String {
    match paper {
        Paper::Text { title, .. } => title.clone(),
        Paper::Pdf { title, .. } => format!("{title}, page 1 of"),
    }
}

/// Checks that every printed range starts on the page where the item's
/// first paper begins, ends on the page before the next item's papers (or
/// the last page), and agrees with what `build` returned.
fn check_ranges(meeting: &Meeting, pack: &Pack, pages: &[String]) {
    let items: Vec<_> = meeting.sections.iter().flat_map(|s| &s.items).collect();
    let printed = printed_ranges(&pages.join("\n"));
    let mut ends = Vec::new();
    for (item, entry) in items.iter().zip(&pack.items) {
        assert_eq!(item.number, entry.number);
        let Some((first, last)) = entry.pages else {
            continue;
        };
        assert_eq!(
            printed.get(&entry.number),
            Some(&(first, last)),
            "item {}",
            entry.number
        );
        let opening = first_line(&item.papers[0]);
        let page = &pages[first as usize - 1];
        assert!(
            page.contains(&opening),
            "page {first} should open {opening:?}:\n{page}"
        );
        let before = &pages[first as usize - 2];
        assert!(
            !before.contains(&opening),
            "{opening:?} already on page {}",
            first - 1
        );
        ends.push((first, last));
    }
    for pair in ends.windows(2) {
        assert_eq!(
            pair[0].1 + 1,
            pair[1].0,
            "ranges follow one another: {ends:?}"
        );
    }
    assert_eq!(ends.last().map(|r| r.1 as usize), Some(pages.len()));
}

/// "(Pages x - y)" as printed on the agenda, by item number.
fn printed_ranges(text: &str) -> std::collections::HashMap<String, (u32, u32)> {
    let line = Regex::new(r"(?m)^(\w+)\t.*\(Pages (\d+) - (\d+)\)").unwrap();
    line.captures_iter(text)
        .map(|c| {
            (
                c[1].to_owned(),
                (c[2].parse().unwrap(), c[3].parse().unwrap()),
            )
        })
        .collect()
}

#[test]
fn agenda_page_ranges_point_to_where_each_items_papers_begin() {
    let meeting = meeting();
    for edition in [Edition::Public, Edition::Members] {
        let (pack, pages) = built(&meeting, edition);
        check_ranges(&meeting, &pack, &pages);
    }
}

#[test]
fn every_page_is_numbered_in_its_footer_uploaded_pages_too() {
    let (pack, pages) = built(&meeting(), Edition::Members);
    assert_eq!(pages.len(), page_count(&pack.pdf));
    for (n, page) in pages.iter().enumerate() {
        let footer = page
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        assert_eq!(
            footer.trim(),
            format!("Page {}", n + 1),
            "page {}:\n{page}",
            n + 1
        );
    }
    let (first, _) = pack.items[2].pages.unwrap();
    assert!(pages[first as usize - 1].contains("Safeguarding report, page 1 of 3"));
}

#[test]
fn public_pack_leaves_exempt_papers_out_and_gives_the_paragraph() {
    let (pack, pages) = built(&meeting(), Edition::Public);
    let text = pages.join("\n");
    assert!(!text.contains(PLANTED), "exempt text in the public pack");
    let mut document = lopdf::Document::load_mem(&pack.pdf).unwrap();
    document.decompress();
    let mut raw = Vec::new();
    document.save_to(&mut raw).unwrap();
    assert!(
        !String::from_utf8_lossy(&raw).contains(PLANTED),
        "exempt bytes in the PDF"
    );
    assert!(text.contains("5\tExempt item"), "{text}");
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let reason = "5 Exempt item Exempt: information of a kind described in paragraph 3 of \
                  Part 1 of Schedule 12A to the Local Government Act 1972 Page 3";
    assert!(words.contains(reason), "{text}");
    assert_eq!(
        pack.items.last(),
        Some(&ItemPages {
            number: "5".into(),
            pages: None
        })
    );
    assert!(!text.contains("NOT FOR PUBLICATION"));
}

#[test]
fn members_pack_includes_exempt_papers_marked_not_for_publication() {
    let (pack, pages) = built(&meeting(), Edition::Members);
    let (first, last) = pack.items[4]
        .pages
        .expect("exempt papers are in the members' pack");
    assert_eq!(last - first + 1, 3, "one text page and two uploaded pages");
    for (n, page) in pages.iter().enumerate() {
        let number = n as u32 + 1;
        let exempt = (first..=last).contains(&number);
        assert_eq!(
            page.contains("NOT FOR PUBLICATION"),
            exempt,
            "page {number}"
        );
        assert_eq!(
            page.contains(PLANTED),
            exempt || number == 3,
            "page {number}"
        );
    }
    assert!(pages[first as usize - 1].contains("paragraph 3 of Part 1 of Schedule 12A"));
}

/// An agenda item as the importer reads it: number, pages, exempt.
type Listed<'a> = (Option<&'a str>, Option<(u32, u32)>, bool);

#[test]
fn importer_reads_the_pack_back_items_numbers_exemption_and_page_ranges() {
    let meeting = meeting();
    for edition in [Edition::Public, Edition::Members] {
        let (pack, pages) = built(&meeting, edition);
        let extraction = moot_import::extract_text(&pages.join("\x0c"));
        let agenda = &extraction.pack.agenda;
        let read: Vec<Listed> = agenda
            .iter()
            .map(|a| (a.number.as_deref(), a.pages, a.exempt))
            .collect();
        let expected: Vec<Listed> = pack
            .items
            .iter()
            .map(|i| (Some(i.number.as_str()), i.pages, i.number == "5"))
            .collect();
        assert_eq!(read, expected, "{edition:?}");
        let titles: Vec<&str> = agenda.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles[1], "Minutes of the Meeting held on 17 July 2013");
        let meeting_read = &extraction.pack.meeting;
        assert_eq!(meeting_read.date, Some(meeting.date), "{meeting_read:?}");
    }
}

#[test]
fn a_long_agenda_pushes_the_papers_on_and_the_ranges_follow() {
    let mut meeting = meeting();
    let items = (1..=60)
        .map(|n| {
            let papers = match n % 3 {
                0 => vec![pdf_paper(&format!("Appendix {n}"), 1 + n % 4)],
                1 => vec![text_paper(&format!("Report {n}"), n % 7 + 1)],
                _ => vec![],
            };
            item(
                &n.to_string(),
                &format!("Report number {n} on the business of the board"),
                papers,
            )
        })
        .collect();
    meeting.sections = vec![Section {
        heading: "Part 1".into(),
        items,
    }];
    let (pack, pages) = built(&meeting, Edition::Public);
    let agenda_pages = pages.iter().filter(|p| p.contains("(Pages ")).count();
    assert!(
        agenda_pages >= 2,
        "the agenda runs over {agenda_pages} pages"
    );
    check_ranges(&meeting, &pack, &pages);
}

#[test]
fn cover_names_the_body_date_time_venue_and_contact() {
    let (_, pages) = built(&meeting(), Edition::Public);
    let cover = &pages[0];
    for expected in [
        "Loamshire County Council",
        "Health and Wellbeing Board",
        "Wednesday 18 September 2013 at 6:30pm",
        "Darent Room, Sessions House, County Hall, Loamster",
        "Contact: Ann Hunter",
        "Telephone: 01632 960 123",
        "Email: ann.hunter@loamshire.example",
    ] {
        assert!(
            cover.contains(expected),
            "{expected:?} not on the cover:\n{cover}"
        );
    }
    let membership = &pages[1];
    assert!(
        membership.contains("Mr R W Gough (Chairman)\tConservative"),
        "{membership}"
    );
    assert!(membership.contains("Co-opted and non-voting members"));
}

#[test]
fn brackets_backslashes_quotes_and_pounds_print_as_written() {
    let mut meeting = meeting();
    let written = r"Fees (2014/15) \ café’s “£5” – agreed";
    meeting.sections[0].items[0].papers = vec![Paper::Text {
        title: "Charges".into(),
        paragraphs: vec![written.into(), "漢字 are not in the fonts".into()],
    }];
    let (_, pages) = built(&meeting, Edition::Public);
    let text = pages.join("\n");
    assert!(text.contains(written), "{text}");
    assert!(text.contains("?? are not in the fonts"), "{text}");
}
