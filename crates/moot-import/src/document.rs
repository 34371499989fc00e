//! A normalised pack: its logical lines, each remembering the source lines
//! it came from.

use moot_domain::Lines;
use std::ops::Range;

/// One logical line of a normalised pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The repaired text, trimmed at the end, never containing a newline.
    pub text: String,
    /// The source lines it came from (two or more where wrapped lines were
    /// joined, the same line twice where a glued line was split).
    pub source: Lines,
}

impl Line {
    /// The text with surrounding whitespace trimmed.
    pub fn trimmed(&self) -> &str {
        self.text.trim()
    }

    /// True when the line holds only whitespace.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// A pack's text after normalisation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// The logical lines, in order.
    pub lines: Vec<Line>,
}

impl Document {
    /// Number of logical lines.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// True when there are no lines.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The trimmed text of line `index`, or `""` past the end.
    pub fn text(&self, index: usize) -> &str {
        self.lines.get(index).map_or("", Line::trimmed)
    }

    /// The source lines covered by logical lines `range` (empty ranges give
    /// the line where they start).
    pub fn source_of(&self, range: Range<usize>) -> Lines {
        let first = self.lines.get(range.start).or(self.lines.last());
        let last = self
            .lines
            .get(range.end.saturating_sub(1).max(range.start))
            .or(first);
        match (first, last) {
            (Some(a), Some(b)) => a.source.join(b.source),
            _ => Lines::default(),
        }
    }

    /// The index of the next non-blank line at or after `from`, if any
    /// before `end`.
    pub fn next_non_blank(&self, from: usize, end: usize) -> Option<usize> {
        (from..end.min(self.len())).find(|&i| !self.lines[i].is_blank())
    }
}
