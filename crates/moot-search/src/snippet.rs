//! Snippets as plain text with marked ranges, never as HTML: the site
//! escapes every part itself and wraps only the marked ones in `<mark>`,
//! so nothing in a record can inject markup.

use std::ops::Range;

/// How many characters of text a snippet quotes, at most.
pub const SNIPPET_CHARS: usize = 200;

/// A quotation from a record's text, with the words that matched marked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    /// The quoted text, plain.
    pub text: String,
    /// Byte ranges of `text` that matched, in order, never overlapping.
    pub marks: Vec<Range<usize>>,
}

impl Snippet {
    /// A snippet of `fragment` marking `highlighted`; ranges that overlap
    /// are joined and ranges that are not inside the text (or not on
    /// character boundaries) are dropped.
    pub fn new(fragment: &str, highlighted: &[Range<usize>]) -> Snippet {
        let mut ranges: Vec<Range<usize>> = highlighted
            .iter()
            .filter(|r| r.start < r.end && fragment.get(r.start..r.end).is_some())
            .cloned()
            .collect();
        ranges.sort_by_key(|r| r.start);
        let mut marks: Vec<Range<usize>> = Vec::new();
        for range in ranges {
            match marks.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => marks.push(range),
            }
        }
        Snippet {
            text: fragment.to_owned(),
            marks,
        }
    }

    /// The opening of `text` without marks, cut at a word within
    /// [`SNIPPET_CHARS`] characters, with an ellipsis when cut.
    pub fn opening(text: &str) -> Snippet {
        let text = text.trim();
        let Some((cut, _)) = text.char_indices().nth(SNIPPET_CHARS) else {
            return Snippet::new(text, &[]);
        };
        let head = &text[..cut];
        let head = head
            .rfind(char::is_whitespace)
            .map_or(head, |at| &head[..at]);
        Snippet::new(&format!("{}…", head.trim_end()), &[])
    }

    /// The text in order as (part, marked) pairs.
    pub fn parts(&self) -> Vec<(&str, bool)> {
        let mut parts = Vec::new();
        let mut at = 0;
        for mark in &self.marks {
            if let (Some(before), Some(marked)) =
                (self.text.get(at..mark.start), self.text.get(mark.clone()))
            {
                parts.push((before, false));
                parts.push((marked, true));
                at = mark.end;
            }
        }
        parts.push((self.text.get(at..).unwrap_or(""), false));
        parts.retain(|(part, _)| !part.is_empty());
        parts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_alternate_plain_and_marked_text() {
        let snippet = Snippet::new("the budget was agreed", &[4..10, 15..21, 16..18]);
        assert_eq!(
            snippet.parts(),
            vec![
                ("the ", false),
                ("budget", true),
                (" was ", false),
                ("agreed", true)
            ]
        );
    }

    #[test]
    fn marks_outside_the_text_or_inside_a_character_are_dropped() {
        let snippet = Snippet::new("café", &[4..5, 2..9, 0..2]);
        assert_eq!(snippet.marks, vec![0..2]);
        assert_eq!(snippet.parts(), vec![("ca", true), ("fé", false)]);
    }

    #[test]
    fn an_opening_is_cut_at_a_word_with_an_ellipsis() {
        let long = "word ".repeat(100);
        let opening = Snippet::opening(&long);
        assert!(opening.text.ends_with("word…"));
        assert!(opening.text.chars().count() <= SNIPPET_CHARS + 1);
        assert_eq!(Snippet::opening(" short ").text, "short");
    }
}
