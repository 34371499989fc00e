//! Re-joins prose that a converter hard-wrapped at a fixed width.
//!
//! `pdftotext` and similar tools break every paragraph at the page's text
//! width, so "Apologies for absence were received from Councillors Tariq"
//! ends one line and "Aziz and Beth Fallon." starts the next. Parsers read
//! sentences, so the pieces are joined back here, once, for all of them.
//!
//! A document is taken as hard-wrapped only when many of its prose lines
//! end near one common width (packs converted with one paragraph per line,
//! like the shared corpus, have no such wall and are left alone). Within a
//! wrapped document, a line continues the one before when the first word
//! of the line would not have fitted on it (greedy wrapping put it there)
//! and the line does not open a new block: a list item, a numbered
//! heading, a label, a table row, or a new sentence after a finished one.

use crate::document::Line;
use regex::Regex;
use std::sync::LazyLock;

/// Fewest lines ending at the wall needed to call a document wrapped.
const MIN_WALL_LINES: usize = 6;

/// Joins hard-wrapped prose lines in place.
pub fn join_wrapped_prose(lines: &mut Vec<Line>) {
    let Some(width) = wrap_width(lines) else {
        return;
    };
    let mut joined: Vec<Line> = Vec::with_capacity(lines.len());
    // Length of the last physical line folded into `joined.last()`.
    let mut last_piece = 0;
    for line in lines.drain(..) {
        let length = line.text.trim_end().chars().count();
        if let Some(previous) = joined.last_mut() {
            if continues(&previous.text, last_piece, &line.text, width) {
                previous.text.push(' ');
                previous.text.push_str(line.text.trim());
                previous.source = previous.source.join(line.source);
                last_piece = length;
                continue;
            }
        }
        last_piece = length;
        joined.push(line);
    }
    *lines = joined;
}

/// Prose: several words, no table cells.
fn is_prose(text: &str) -> bool {
    !text.contains('\t') && text.split_whitespace().count() >= 4
}

/// The width the document was wrapped at: a quarter or more of its prose
/// lines end within a few characters of the longest ones, mid-sentence
/// (a list of names or headings of similar length is not a wall).
fn wrap_width(lines: &[Line]) -> Option<usize> {
    let prose: Vec<(usize, &str)> = lines
        .iter()
        .filter(|l| is_prose(&l.text))
        .map(|l| (l.text.trim_end().chars().count(), l.text.trim_end()))
        .collect();
    if prose.len() < MIN_WALL_LINES {
        return None;
    }
    let mut lengths: Vec<usize> = prose.iter().map(|&(n, _)| n).collect();
    lengths.sort_unstable();
    // The 95th percentile, so one unbreakable address does not set it.
    let width = lengths[(lengths.len() * 95 / 100).min(lengths.len() - 1)];
    let at_wall: Vec<&str> = prose
        .iter()
        .filter(|&&(n, _)| n + width / 8 >= width && n <= width)
        .map(|&(_, text)| text)
        .collect();
    let mid_sentence = at_wall
        .iter()
        .filter(|t| !t.ends_with(['.', ';', ':', '!', '?', ')']))
        .count();
    let is_wall = at_wall.len() * 4 >= prose.len()
        && mid_sentence >= MIN_WALL_LINES
        && mid_sentence * 2 >= at_wall.len();
    (width >= 30 && is_wall).then_some(width)
}

/// True when `next` carries on the paragraph whose last physical line,
/// `last_piece` characters long, ends `previous`.
fn continues(previous: &str, last_piece: usize, next: &str, width: usize) -> bool {
    let Some(first_word) = next.split_whitespace().next() else {
        return false;
    };
    let previous = previous.trim_end();
    let did_not_fit = last_piece + 1 + first_word.chars().count() > width;
    let in_table = previous.contains('\t') || next.contains('\t');
    let new_sentence = ends_sentence(previous) && starts_capitalised(next);
    let breaks = previous.is_empty()
        || in_table
        || previous.ends_with(':')
        || new_sentence
        || opens_block(next.trim_start());
    did_not_fit && !breaks
}

fn ends_sentence(text: &str) -> bool {
    text.ends_with(['.', '!', '?', ';'])
}

fn starts_capitalised(text: &str) -> bool {
    text.trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

/// A list item, a numbered heading, or a label opens a new block.
fn opens_block(text: &str) -> bool {
    static BLOCK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"^(?:[-•*▪●◦]\s|\(?[0-9]{1,3}[a-z]?[.)]\s|\([a-z]{1,4}\)\s|[a-z][.)]\s",
            r"|[A-Z]{1,4}[./]?\s?\d{1,4}(?:[./]\d{1,4})*\.?\s+\p{Lu}",
            r"|[\p{Lu}][\w'’ ()/-]{0,40}:(?:\s|$))",
        ))
        .expect("valid regex")
    });
    BLOCK.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use moot_domain::Lines;

    fn lines(text: &str) -> Vec<Line> {
        text.split('\n')
            .enumerate()
            .map(|(i, t)| Line {
                text: t.to_owned(),
                source: Lines::one(i as u32 + 1),
            })
            .collect()
    }

    fn rewrapped(text: &str) -> Vec<String> {
        let mut lines = lines(text);
        join_wrapped_prose(&mut lines);
        lines.into_iter().map(|l| l.text).collect()
    }

    /// Prose wrapped at 40 columns, with a wall of full lines.
    const WRAPPED: &str = "The Committee considered the report of\n\
the Head of Planning on the appeals that\n\
had been lodged since the last meeting of\n\
the Committee in September.\n\
\n\
Apologies for absence were received from\n\
Councillors Tariq Aziz and Beth Fallon.\n\
\n\
Present: Councillors Smith, Jones, Brown\n\
and Patel.\n\
\n\
The Chair thanked officers for the report\n\
and asked for an update at a later date.\n\
1. Apologies\n\
- a bullet that is long enough to wrap on\n\
- another bullet";

    #[test]
    fn wrapped_sentences_are_joined() {
        let out = rewrapped(WRAPPED);
        assert!(out.contains(
            &"Apologies for absence were received from Councillors Tariq Aziz and Beth Fallon."
                .to_owned()
        ));
        assert!(out.contains(&"Present: Councillors Smith, Jones, Brown and Patel.".to_owned()));
    }

    #[test]
    fn new_blocks_are_not_joined() {
        let out = rewrapped(WRAPPED);
        assert!(out.contains(&"1. Apologies".to_owned()));
        assert!(out.contains(&"- another bullet".to_owned()));
    }

    #[test]
    fn joined_lines_keep_every_source_line() {
        let mut lines = lines(WRAPPED);
        join_wrapped_prose(&mut lines);
        let apologies = lines
            .iter()
            .find(|l| l.text.starts_with("Apologies"))
            .unwrap();
        assert_eq!(apologies.source, Lines::span(6, 7));
    }

    #[test]
    fn paragraph_per_line_text_is_left_alone() {
        let text = "A short line that has words.\nAnother line of very different length, which runs on for a good while longer than the first.\nThird.\nA fourth line of moderate length here.\nFifth line is here now.\nSixth line goes on and on and on and on and on and on and on and on.\nSeven is short too.\nEight lines of prose.\nNine lines of prose text.";
        assert_eq!(rewrapped(text).len(), 9);
    }
}
