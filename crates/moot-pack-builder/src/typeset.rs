//! Lines of text placed on A4 pages: wrapping by real widths, page breaks.
//!
//! The typesetter knows nothing of agendas; it places runs of encoded text
//! top to bottom and starts a new page when the next line would run into
//! the footer. Pages are kept as lists of runs so the agenda can be laid
//! out again (its page ranges change its length) before anything is
//! written as PDF.

use crate::metrics::{encode, Face};

/// A4 width in points.
pub(crate) const PAGE_WIDTH: f32 = 595.0;
/// A4 height in points.
pub(crate) const PAGE_HEIGHT: f32 = 842.0;
/// Left, right and top margin.
pub(crate) const MARGIN: f32 = 56.0;
/// No text below this line: the footer lives under it.
const BOTTOM: f32 = 64.0;

/// One piece of text at a place on a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Run {
    pub(crate) face: Face,
    pub(crate) size: f32,
    pub(crate) x: f32,
    pub(crate) y: f32,
    /// `WinAnsiEncoding` bytes.
    pub(crate) text: Vec<u8>,
}

/// A typeset page.
pub(crate) type Sheet = Vec<Run>;

/// A face at a size.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    pub(crate) face: Face,
    pub(crate) size: f32,
}

impl Style {
    pub(crate) const fn new(face: Face, size: f32) -> Style {
        Style { face, size }
    }

    fn leading(self) -> f32 {
        self.size * 1.35
    }
}

/// Places lines on pages, top to bottom.
pub(crate) struct Typesetter {
    sheets: Vec<Sheet>,
    /// Baseline of the last line placed (the top margin on a fresh page).
    y: f32,
}

impl Typesetter {
    /// A typesetter at the top of an empty page.
    pub(crate) fn new() -> Typesetter {
        Typesetter {
            sheets: vec![Vec::new()],
            y: PAGE_HEIGHT - MARGIN,
        }
    }

    /// Text wrapped to the page from `indent` (points from the margin).
    pub(crate) fn paragraph(&mut self, style: Style, indent: f32, text: &str) {
        self.row(style, None, indent, text);
    }

    /// Text wrapped from `indent`, with `label` beside its first line at
    /// the margin (an item number and its title).
    pub(crate) fn labelled(&mut self, style: Style, label: &str, indent: f32, text: &str) {
        self.row(style, Some(label), indent, text);
    }

    /// Two cells on one line: `left` at the margin, `right` at `column`
    /// points from it (a member and their party).
    pub(crate) fn columns(&mut self, style: Style, left: &str, column: f32, right: &str) {
        self.advance(style);
        self.place(style, MARGIN, encode(left));
        self.place(style, MARGIN + column, encode(right));
    }

    /// Empty space.
    pub(crate) fn gap(&mut self, points: f32) {
        self.y -= points;
    }

    /// The pages set so far.
    pub(crate) fn finish(self) -> Vec<Sheet> {
        self.sheets
    }

    fn row(&mut self, style: Style, label: Option<&str>, indent: f32, text: &str) {
        let width = PAGE_WIDTH - 2.0 * MARGIN - indent;
        for (n, line) in wrap(style, &encode(text), width).into_iter().enumerate() {
            self.advance(style);
            if let (0, Some(label)) = (n, label) {
                self.place(style, MARGIN, encode(label));
            }
            self.place(style, MARGIN + indent, line);
        }
    }

    /// Moves down one line, to a new page if it would not fit.
    fn advance(&mut self, style: Style) {
        self.y -= style.leading();
        if self.y < BOTTOM {
            self.sheets.push(Vec::new());
            self.y = PAGE_HEIGHT - MARGIN - style.leading();
        }
    }

    fn place(&mut self, style: Style, x: f32, text: Vec<u8>) {
        if text.is_empty() {
            return;
        }
        let run = Run {
            face: style.face,
            size: style.size,
            x,
            y: self.y,
            text,
        };
        if let Some(sheet) = self.sheets.last_mut() {
            sheet.push(run);
        }
    }
}

/// Breaks encoded text into lines no wider than `width`: greedily at
/// spaces, and inside a word only when the word alone is too wide.
fn wrap(style: Style, text: &[u8], width: f32) -> Vec<Vec<u8>> {
    let fits = |line: &[u8]| style.face.width(line, style.size) <= width;
    let mut lines: Vec<Vec<u8>> = Vec::new();
    let mut line: Vec<u8> = Vec::new();
    for word in text.split(|&b| b == b' ').filter(|w| !w.is_empty()) {
        let mut candidate = line.clone();
        if !candidate.is_empty() {
            candidate.push(b' ');
        }
        candidate.extend_from_slice(word);
        if fits(&candidate) {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for &byte in word {
            line.push(byte);
            if !fits(&line) && line.len() > 1 {
                line.pop();
                lines.push(std::mem::replace(&mut line, vec![byte]));
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: Style = Style::new(Face::Regular, 11.0);

    #[test]
    fn lines_wrap_at_spaces_within_the_width() {
        let text = encode(
            "the quick brown fox jumps over the lazy dog "
                .repeat(20)
                .as_str(),
        );
        let lines = wrap(BODY, &text, 200.0);
        assert!(lines.len() > 5);
        for line in &lines {
            assert!(Face::Regular.width(line, 11.0) <= 200.0);
            assert!(!line.starts_with(b" ") && !line.ends_with(b" "));
        }
        let words: usize = lines.iter().map(|l| l.split(|&b| b == b' ').count()).sum();
        assert_eq!(words, 180);
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut() {
        let lines = wrap(BODY, &[b'W'; 100], 100.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), vec![b'W'; 100]);
    }

    #[test]
    fn text_that_reaches_the_footer_goes_on_a_new_page() {
        let mut setter = Typesetter::new();
        let per_page = ((PAGE_HEIGHT - MARGIN - BOTTOM) / BODY.leading()) as usize;
        for n in 0..per_page + 1 {
            setter.paragraph(BODY, 0.0, &format!("line {n}"));
        }
        let sheets = setter.finish();
        assert_eq!(
            sheets.iter().map(Vec::len).collect::<Vec<_>>(),
            [per_page, 1]
        );
        assert!(sheets.iter().flatten().all(|run| run.y >= BOTTOM));
    }
}
