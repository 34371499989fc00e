//! The PDF route end to end: corpus text typeset into a PDF by the test
//! itself, read back by `moot extract` through poppler's `pdftotext`.
//!
//! The PDF is written with `pdf-writer` in Helvetica (a base font every
//! reader has, so nothing is embedded): one source line per printed line,
//! long lines wrapped at word boundaries as a word processor would, and
//! tab-separated table rows set out in columns.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};
use std::path::Path;
use std::process::Command;
use tempfile::TempDir;

const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 50.0;
const FONT_SIZE: f32 = 10.0;
const LEADING: f32 = 12.5;
/// Helvetica's letters average about half an em; lines wrap before this.
const CHARS_PER_LINE: usize = 92;

/// One printed line: its cells (one unless the source line had tabs).
type PrintedLine = Vec<String>;

/// Typesets text into a PDF, page after page.
fn text_to_pdf(text: &str) -> Vec<u8> {
    let printed: Vec<PrintedLine> = text.lines().flat_map(printed_lines).collect();
    let per_page = ((PAGE_HEIGHT - 2.0 * MARGIN) / LEADING) as usize;
    let pages: Vec<&[PrintedLine]> = printed.chunks(per_page.max(1)).collect();

    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let font = Ref::new(3);
    let font_name = Name(b"F1");
    let page_ref = |i: usize| Ref::new(4 + 2 * i as i32);
    let content_ref = |i: usize| Ref::new(5 + 2 * i as i32);

    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids((0..pages.len()).map(page_ref))
        .count(pages.len() as i32);
    pdf.type1_font(font)
        .base_font(Name(b"Helvetica"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    for (i, lines) in pages.iter().enumerate() {
        let mut page = pdf.page(page_ref(i));
        page.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
            .parent(tree)
            .contents(content_ref(i));
        page.resources().fonts().pair(font_name, font);
        page.finish();
        pdf.stream(content_ref(i), &page_content(lines, font_name).finish());
    }
    pdf.finish()
}

fn page_content(lines: &[PrintedLine], font: Name) -> Content {
    let mut content = Content::new();
    let column_space = PAGE_WIDTH - 2.0 * MARGIN;
    for (row, cells) in lines.iter().enumerate() {
        let y = PAGE_HEIGHT - MARGIN - LEADING * (row as f32 + 1.0);
        let column_width = column_space / cells.len() as f32;
        for (column, cell) in cells.iter().enumerate() {
            let x = MARGIN + column_width * column as f32;
            content.begin_text();
            content.set_font(font, FONT_SIZE);
            content.next_line(x, y);
            content.show(Str(&windows_1252(cell)));
            content.end_text();
        }
    }
    content
}

/// A source line as printed lines: wrapped prose, or one row of cells cut
/// to their column's width.
fn printed_lines(line: &str) -> Vec<PrintedLine> {
    if line.contains('\t') {
        let cells: Vec<&str> = line.split('\t').collect();
        let width = (CHARS_PER_LINE / cells.len()).saturating_sub(2).max(1);
        return vec![cells
            .iter()
            .map(|c| c.trim().chars().take(width).collect())
            .collect()];
    }
    wrap(line).into_iter().map(|l| vec![l]).collect()
}

fn wrap(line: &str) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in line.split_whitespace() {
        let current = lines.last_mut().expect("never empty");
        if !current.is_empty()
            && current.chars().count() + 1 + word.chars().count() > CHARS_PER_LINE
        {
            lines.push(word.to_owned());
        } else {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
    }
    lines
}

/// Helvetica's WinAnsiEncoding; characters it lacks print as `?`.
fn windows_1252(text: &str) -> Vec<u8> {
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    bytes.into_owned()
}

use moot_testdata::corpus;

/// The first lines of a real pack: cover, agenda, membership and the
/// opening of the earlier minutes.
fn pack_opening(lines: usize) -> String {
    let text = std::fs::read_to_string(corpus("kent-hwb-2013-09-18.txt")).expect("shared corpus");
    text.lines().take(lines).map(|l| format!("{l}\n")).collect()
}

/// Runs `moot extract --pretty` on a file and parses its record.
fn extract_record(file: &Path) -> serde_json::Value {
    let output = Command::new(env!("CARGO_BIN_EXE_moot"))
        .arg("extract")
        .arg("--pretty")
        .arg(file)
        .output()
        .expect("the moot binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "moot extract failed: {stderr}");
    serde_json::from_slice(&output.stdout).expect("moot-pack/1 JSON")
}

fn agenda_item<'a>(record: &'a serde_json::Value, number: &str) -> &'a serde_json::Value {
    let agenda = record["agenda"].as_array().expect("agenda list");
    agenda
        .iter()
        .find(|item| item["number"] == number)
        .unwrap_or_else(|| panic!("agenda item {number} missing from {agenda:#?}"))
}

#[test]
fn pack_typeset_as_pdf_is_read_back_through_pdftotext() {
    let dir = TempDir::new().unwrap();
    let pdf = dir.path().join("kent-hwb-2013-09-18.pdf");
    std::fs::write(&pdf, text_to_pdf(&pack_opening(150))).unwrap();

    let record = extract_record(&pdf);

    assert_eq!(record["source"], "kent-hwb-2013-09-18.pdf");
    let meeting = &record["meeting"];
    assert_eq!(meeting["date"], "2013-09-18", "{meeting:#}");
    let body = meeting["body"].as_str().unwrap_or_default();
    assert!(
        body.eq_ignore_ascii_case("Health and Wellbeing Board"),
        "{meeting:#}"
    );
    let welcome = agenda_item(&record, "1");
    assert_eq!(welcome["title"], "Chairman's Welcome");
    let minutes = agenda_item(&record, "4");
    assert_eq!(
        minutes["title"],
        "Minutes of the Meeting held on 17 July 2013"
    );
    assert_eq!(minutes["pages"], serde_json::json!([1, 8]));
    let fund = agenda_item(&record, "7");
    assert_eq!(fund["title"], "The Integration Transformation Fund");
    assert_eq!(fund["pages"], serde_json::json!([41, 48]));
    agenda_item(&record, "12");
}

#[test]
fn pdf_route_finds_the_same_agenda_as_the_text_route() {
    let dir = TempDir::new().unwrap();
    let text = pack_opening(150);
    let txt = dir.path().join("pack.txt");
    let pdf = dir.path().join("pack.pdf");
    std::fs::write(&txt, &text).unwrap();
    std::fs::write(&pdf, text_to_pdf(&text)).unwrap();

    let numbers = |record: &serde_json::Value| -> Vec<String> {
        record["agenda"]
            .as_array()
            .map(|items| items.iter().map(|i| i["number"].to_string()).collect())
            .unwrap_or_default()
    };
    let from_text = extract_record(&txt);
    let from_pdf = extract_record(&pdf);
    assert!(!numbers(&from_text).is_empty(), "{from_text:#}");
    assert_eq!(numbers(&from_pdf), numbers(&from_text));
    assert_eq!(from_pdf["meeting"]["date"], from_text["meeting"]["date"]);
}

#[test]
fn damaged_pdf_fails_with_one_line_naming_the_file() {
    let dir = TempDir::new().unwrap();
    let whole = text_to_pdf(&pack_opening(40));
    let pdf = dir.path().join("cut.pdf");
    std::fs::write(&pdf, &whole[..whole.len() / 3]).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_moot"))
        .arg("extract")
        .arg(&pdf)
        .output()
        .expect("the moot binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with(&format!("moot: {}: ", pdf.display())),
        "{stderr}"
    );
}
