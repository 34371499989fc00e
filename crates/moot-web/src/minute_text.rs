//! A minute's text as a reader sees it: paragraphs, lists (nested, with
//! their printed marks such as "(1)" and "(a)" kept in the text) and
//! tables, with each resolution set apart as its own block.
//!
//! The lines come from the one exempt rule
//! (`DocumentRecord::lines_for`, so withheld lines arrive blank) and are
//! repaired by the importer's own `normalise` (markup, glued headings,
//! page debris, wrapped prose, column gaps as tabs), so the page shows
//! the text the records were read from, and nothing the public may not
//! read. Pure: lines in, blocks out.

use regex::Regex;
use std::sync::LazyLock;

/// One block of a minute's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph (one logical line).
    Paragraph(String),
    /// A list of items.
    List(Vec<ListItem>),
    /// A table: rows of cells.
    Table(Vec<Vec<String>>),
    /// A resolution: a paragraph opening "RESOLVED" and the list under it.
    Resolution(Vec<Block>),
}

/// One item of a list, with the items nested under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    /// Its text, printed mark included ("(1) The chairman said…").
    pub text: String,
    /// Whether it records a resolution ("(5) RESOLVED that…").
    pub resolution: bool,
    /// Items nested under it.
    pub children: Vec<ListItem>,
}

/// A list item's line: indentation, a bullet, the text.
static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\s*)[-•*·▪–]\s+(\S.*)$").expect("valid regex"));

/// Whether a line of text records a resolution: the importer's one rule
/// (`moot_import::is_resolution`), so the page sets apart what the records
/// took as resolutions.
pub fn opens_resolution(text: &str) -> bool {
    moot_import::is_resolution(text)
}

/// The blocks of `lines` (logical lines, blank ones separating
/// paragraphs).
pub fn blocks<S: AsRef<str>>(lines: &[S]) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    // The list being built: its items with their indentation.
    let mut list: Vec<(usize, ListItem)> = Vec::new();
    let mut table: Vec<Vec<String>> = Vec::new();
    // A resolution paragraph takes the list right after it.
    let mut open_resolution: Option<Vec<Block>> = None;
    let flush_list = |list: &mut Vec<(usize, ListItem)>, target: &mut Vec<Block>| {
        if !list.is_empty() {
            target.push(Block::List(nest(std::mem::take(list))));
        }
    };
    for line in lines {
        let line = line.as_ref();
        if line.trim().is_empty() {
            continue;
        }
        if let Some(c) = BULLET.captures(line) {
            flush_table(&mut table, &mut out, &mut open_resolution);
            let indent = c[1].chars().count();
            let text = c[2].trim().to_owned();
            list.push((
                indent,
                ListItem {
                    resolution: opens_resolution(&text),
                    text,
                    children: Vec::new(),
                },
            ));
            continue;
        }
        let target = open_resolution.as_mut().unwrap_or(&mut out);
        flush_list(&mut list, target);
        let cells: Vec<String> = line
            .split('\t')
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty())
            .collect();
        if cells.len() >= 2 {
            table.push(cells);
            continue;
        }
        flush_table(&mut table, &mut out, &mut open_resolution);
        if let Some(resolution) = open_resolution.take() {
            out.push(Block::Resolution(resolution));
        }
        let text = line.trim().to_owned();
        if opens_resolution(&text) {
            open_resolution = Some(vec![Block::Paragraph(text)]);
        } else {
            out.push(Block::Paragraph(text));
        }
    }
    let target = open_resolution.as_mut().unwrap_or(&mut out);
    flush_list(&mut list, target);
    flush_table(&mut table, &mut out, &mut open_resolution);
    if let Some(resolution) = open_resolution.take() {
        out.push(Block::Resolution(resolution));
    }
    out
}

/// Ends a table (which ends a resolution before it).
fn flush_table(
    table: &mut Vec<Vec<String>>,
    out: &mut Vec<Block>,
    open_resolution: &mut Option<Vec<Block>>,
) {
    if table.is_empty() {
        return;
    }
    if let Some(resolution) = open_resolution.take() {
        out.push(Block::Resolution(resolution));
    }
    out.push(Block::Table(std::mem::take(table)));
}

/// Nests list items by indentation: an item indented deeper than the one
/// before goes under it.
fn nest(items: Vec<(usize, ListItem)>) -> Vec<ListItem> {
    fn take(
        items: &mut std::iter::Peekable<std::vec::IntoIter<(usize, ListItem)>>,
        level: usize,
    ) -> Vec<ListItem> {
        let mut out: Vec<ListItem> = Vec::new();
        while let Some((indent, _)) = items.peek() {
            let indent = *indent;
            if indent < level && !out.is_empty() {
                break;
            }
            let Some((_, mut item)) = items.next() else {
                break;
            };
            if items.peek().is_some_and(|(next, _)| *next > indent) {
                let deeper = items.peek().map_or(indent + 1, |(next, _)| *next);
                item.children = take(items, deeper);
            }
            out.push(item);
            if items.peek().is_some_and(|(next, _)| *next < indent) {
                break;
            }
        }
        out
    }
    let level = items.first().map_or(0, |(indent, _)| *indent);
    let mut items = items.into_iter().peekable();
    let mut out = take(&mut items, level);
    // Items shallower than the first still belong to the list.
    while items.peek().is_some() {
        out.extend(take(&mut items, 0));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(text: &str, children: Vec<ListItem>) -> ListItem {
        ListItem {
            resolution: opens_resolution(text),
            text: text.into(),
            children,
        }
    }

    #[test]
    fn paragraphs_lists_and_marks_are_kept() {
        let lines = [
            "(Item 1)",
            "",
            "- (1) The chairman welcomed members.",
            "- (2) He said:",
            " - (a) one thing;",
            " - (b) another.",
            "- (3) RESOLVED that the report be noted.",
            "",
            "There were no declarations.",
        ];
        assert_eq!(
            blocks(&lines),
            vec![
                Block::Paragraph("(Item 1)".into()),
                Block::List(vec![
                    item("(1) The chairman welcomed members.", vec![]),
                    item(
                        "(2) He said:",
                        vec![item("(a) one thing;", vec![]), item("(b) another.", vec![])]
                    ),
                    item("(3) RESOLVED that the report be noted.", vec![]),
                ]),
                Block::Paragraph("There were no declarations.".into()),
            ]
        );
        let Block::List(items) = &blocks(&lines)[1] else {
            panic!("a list")
        };
        assert!(items[2].resolution);
        assert!(!items[0].resolution);
    }

    #[test]
    fn a_resolved_paragraph_takes_the_list_under_it() {
        let lines = [
            "RESOLVED:",
            "- (a) That the presentation be noted;",
            "- (b) That a report come back.",
            "",
            "The meeting closed.",
        ];
        assert_eq!(
            blocks(&lines),
            vec![
                Block::Resolution(vec![
                    Block::Paragraph("RESOLVED:".into()),
                    Block::List(vec![
                        item("(a) That the presentation be noted;", vec![]),
                        item("(b) That a report come back.", vec![]),
                    ]),
                ]),
                Block::Paragraph("The meeting closed.".into()),
            ]
        );
    }

    #[test]
    fn tab_separated_lines_are_a_table() {
        let lines = ["Indicator\tTarget\tResult", "CP1\t85%\t80%", "After."];
        assert_eq!(
            blocks(&lines),
            vec![
                Block::Table(vec![
                    vec!["Indicator".into(), "Target".into(), "Result".into()],
                    vec!["CP1".into(), "85%".into(), "80%".into()],
                ]),
                Block::Paragraph("After.".into()),
            ]
        );
    }

    #[test]
    fn resolutions_open_with_the_word_after_any_mark() {
        for yes in [
            "RESOLVED that",
            "Resolved: that",
            "(5) RESOLVED that",
            "3. RESOLVED:",
        ] {
            assert!(opens_resolution(yes), "{yes}");
        }
        for no in ["The board had resolved earlier to wait.", ""] {
            assert!(!opens_resolution(no), "{no}");
        }
    }
}
