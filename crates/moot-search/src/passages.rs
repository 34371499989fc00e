//! A document's public text cut into passages: the pieces full-text search
//! finds and quotes, each with its source lines.
//!
//! Packs are printed text: paragraphs and sections set off by blank lines,
//! headings on lines of their own. A passage is a run of non-blank lines;
//! a short run (a heading, "Agenda item 11", a date line) joins the run
//! after it, so a section's heading stays with its words. A passage never
//! crosses a withheld (exempt) run, nor a record's first line (a minute or
//! report begins a new passage), and a long run is cut at line ends into
//! pieces of at most [`MAX_CHARS`]; a single line longer than that (a page
//! flattened by the converter) is cut at spaces.
//!
//! Only [`PublicLine::Shown`] lines are read, so **a passage holds no
//! withheld line**: the exempt rule decided before this module sees the text.

use moot_domain::Lines;
use moot_store::PublicLine;

/// A run shorter than this joins the run after it.
pub const MIN_CHARS: usize = 600;

/// A passage holds at most this many characters (one line may not be cut
/// shorter than itself unless it is longer than this).
pub const MAX_CHARS: usize = 2_000;

/// One passage: its lines and their text, joined by newlines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// The lines it spans.
    pub lines: Lines,
    /// Their text.
    pub text: String,
}

/// The passages of `lines` (a document as the public sees it), with a new
/// passage at each line in `starts` (records' first lines).
pub fn passages(lines: &[PublicLine<'_>], starts: &[u32]) -> Vec<Passage> {
    let mut out = Vec::new();
    for run in runs(lines, starts) {
        cut(&run, &mut out);
    }
    out
}

/// A run of lines between hard boundaries, in blocks set off by blank lines.
type Run<'a> = Vec<Vec<(u32, &'a str)>>;

/// The runs between hard boundaries (withheld lines, record starts), each
/// as its blocks of non-blank lines.
fn runs<'a>(lines: &[PublicLine<'a>], starts: &[u32]) -> Vec<Run<'a>> {
    let mut runs: Vec<Run<'a>> = vec![Vec::new()];
    let mut in_block = false;
    for line in lines {
        let (number, text) = match *line {
            PublicLine::Withheld(_) => {
                runs.push(Vec::new());
                in_block = false;
                continue;
            }
            PublicLine::Shown { number, text } => (number, text),
        };
        if starts.binary_search(&number).is_ok() {
            runs.push(Vec::new());
            in_block = false;
        }
        if text.trim().is_empty() {
            in_block = false;
            continue;
        }
        let run = runs.last_mut().expect("runs starts with one run");
        if !in_block {
            run.push(Vec::new());
            in_block = true;
        }
        run.last_mut()
            .expect("a block was opened")
            .push((number, text));
    }
    runs.retain(|run| !run.is_empty());
    runs
}

/// Cuts one run into passages: short blocks join the next, long ones are
/// cut at line ends.
fn cut(run: &Run<'_>, out: &mut Vec<Passage>) {
    let mut pending: Vec<(u32, &str)> = Vec::new();
    for block in run {
        pending.extend(block.iter().copied());
        if chars(&pending) >= MIN_CHARS {
            pieces(&pending, out);
            pending.clear();
        }
    }
    if !pending.is_empty() {
        pieces(&pending, out);
    }
}

fn chars(lines: &[(u32, &str)]) -> usize {
    lines.iter().map(|(_, text)| text.trim().len() + 1).sum()
}

/// Emits `lines` as passages of at most [`MAX_CHARS`], cut at line ends.
fn pieces(lines: &[(u32, &str)], out: &mut Vec<Passage>) {
    let mut piece: Vec<(u32, &str)> = Vec::new();
    let mut size = 0;
    for &(number, text) in lines {
        let text = text.trim();
        if text.len() > MAX_CHARS {
            flush(&mut piece, out);
            size = 0;
            long_line(number, text, out);
            continue;
        }
        if size + text.len() + 1 > MAX_CHARS {
            flush(&mut piece, out);
            size = 0;
        }
        size += text.len() + 1;
        piece.push((number, text));
    }
    flush(&mut piece, out);
}

fn flush(piece: &mut Vec<(u32, &str)>, out: &mut Vec<Passage>) {
    if let (Some(first), Some(last)) = (piece.first(), piece.last()) {
        let text: Vec<&str> = piece.iter().map(|(_, t)| *t).collect();
        out.push(Passage {
            lines: Lines::span(first.0, last.0),
            text: text.join("\n"),
        });
    }
    piece.clear();
}

/// A line longer than [`MAX_CHARS`], cut at spaces (or anywhere on a char
/// boundary when a word is longer still) into passages of that line.
fn long_line(number: u32, text: &str, out: &mut Vec<Passage>) {
    let mut rest = text;
    while !rest.is_empty() {
        let mut end = rest.len().min(MAX_CHARS);
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        if end < rest.len() {
            if let Some(space) = rest[..end].rfind(' ').filter(|&s| s > MAX_CHARS / 2) {
                end = space;
            }
        }
        let piece = rest[..end].trim();
        if !piece.is_empty() {
            out.push(Passage {
                lines: Lines::span(number, number),
                text: piece.to_owned(),
            });
        }
        rest = &rest[end..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Vec<PublicLine<'_>> {
        (1u32..)
            .zip(text.split('\n'))
            .map(|(number, text)| PublicLine::Shown { number, text })
            .collect()
    }

    fn spans(passages: &[Passage]) -> Vec<(u32, u32)> {
        passages
            .iter()
            .map(|p| (p.lines.first, p.lines.last))
            .collect()
    }

    #[test]
    fn a_heading_joins_the_paragraph_after_it() {
        let body = "x".repeat(MIN_CHARS / 2 + 10);
        let text = format!("Finance\n\n{body}\n{body}\n\nNext Steps\n\n{body}");
        let found = passages(&shown(&text), &[]);
        assert_eq!(spans(&found), [(1, 4), (6, 8)]);
        assert!(found[0].text.starts_with("Finance\n"));
    }

    #[test]
    fn withheld_lines_and_record_starts_end_a_passage() {
        let mut lines = shown("Heading\nOpen words here\n\nMore\nwords");
        lines.insert(2, PublicLine::Withheld(Lines::span(3, 9)));
        let found = passages(&lines, &[]);
        assert_eq!(spans(&found), [(1, 2), (4, 5)]);
        let found = passages(&shown("One\nTwo\nThree"), &[2]);
        assert_eq!(spans(&found), [(1, 1), (2, 3)]);
    }

    #[test]
    fn no_passage_holds_a_withheld_line() {
        let lines = vec![
            PublicLine::Shown {
                number: 1,
                text: "Public",
            },
            PublicLine::Withheld(Lines::span(2, 2)),
            PublicLine::Shown {
                number: 3,
                text: "Also public",
            },
        ];
        let text: Vec<String> = passages(&lines, &[]).into_iter().map(|p| p.text).collect();
        assert_eq!(text, ["Public", "Also public"]);
    }

    #[test]
    fn long_runs_are_cut_at_line_ends_and_long_lines_at_spaces() {
        let line = "word ".repeat(100);
        let text = [line.trim(); 12].join("\n");
        let found = passages(&shown(&text), &[]);
        assert!(found.len() >= 3);
        assert!(found.iter().all(|p| p.text.len() <= MAX_CHARS));
        assert_eq!(found.first().unwrap().lines.first, 1);
        assert_eq!(found.last().unwrap().lines.last, 12);
        let flat = "words and more ".repeat(1_000);
        let found = passages(&shown(&flat), &[]);
        assert!(found.len() > 5 && found.iter().all(|p| p.lines == Lines::span(1, 1)));
        assert!(found.iter().all(|p| p.text.len() <= MAX_CHARS));
        let joined: String = found
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(joined.split_whitespace().count(), 3_000);
    }

    #[test]
    fn a_line_of_one_long_word_is_cut_on_char_boundaries() {
        let flat = "é".repeat(3_000);
        let found = passages(&shown(&flat), &[]);
        assert_eq!(
            found.iter().map(|p| p.text.chars().count()).sum::<usize>(),
            3_000
        );
    }
}
