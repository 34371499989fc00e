//! What the visitor typed, made into a query that cannot be malformed.
//!
//! The search box understands three things: words (every one must match,
//! in the title or the text, in any of its English forms), `"quoted
//! phrases"` (the words in that order), and `-word` or `-"a phrase"` to
//! leave out records that have it. Everything else is text: colons,
//! brackets, `AND`, `*` and backslashes are never query syntax, so no input
//! is an error. Each piece is handed to tantivy's `QueryParser` as a quoted
//! phrase with its own quotes and backslashes removed, which the parser
//! always accepts and tokenises with the fields' `en_stem` analyser. An
//! unclosed quote runs to the end of the input.

use tantivy::query::{Query, QueryParser};

/// At most this many pieces of a query are used; more is not a search
/// anyone means, and each piece costs a term lookup per field.
pub const MAX_PIECES: usize = 32;

/// One piece of what was typed.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    /// Words that must all be there, in this order (one word or a phrase).
    Must(String),
    /// Words that must not be there.
    Not(String),
}

/// The pieces of `text`, in order, without those that hold no letter or
/// digit (they could match nothing).
fn pieces(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
        rest = &rest[start..];
        let negated = rest.starts_with('-');
        let body = if negated { &rest[1..] } else { rest };
        let (words, after) = match body.strip_prefix('"') {
            Some(quoted) => quoted.split_once('"').unwrap_or((quoted, "")),
            None => {
                let end = body
                    .find(|c: char| c.is_whitespace() || c == '"')
                    .unwrap_or(body.len());
                (&body[..end], &body[end..])
            }
        };
        rest = after;
        let words: String = words.chars().filter(|c| !matches!(c, '"' | '\\')).collect();
        if words.chars().any(char::is_alphanumeric) {
            out.push(if negated {
                Piece::Not(words)
            } else {
                Piece::Must(words)
            });
        }
    }
    out.truncate(MAX_PIECES);
    out
}

/// The query for `text`, or `None` when it asks for nothing (no words, or
/// only words to leave out).
pub fn parse(parser: &QueryParser, text: &str) -> Option<Box<dyn Query>> {
    let pieces = pieces(text);
    if !pieces.iter().any(|p| matches!(p, Piece::Must(_))) {
        return None;
    }
    let syntax: Vec<String> = pieces
        .iter()
        .map(|piece| match piece {
            Piece::Must(words) => format!("\"{words}\""),
            Piece::Not(words) => format!("-\"{words}\""),
        })
        .collect();
    parser.parse_query(&syntax.join(" ")).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn must(words: &str) -> Piece {
        Piece::Must(words.into())
    }

    #[test]
    fn words_phrases_and_exclusions_are_pieces() {
        let cases: &[(&str, Vec<Piece>)] = &[
            ("", vec![]),
            ("  budget  ", vec![must("budget")]),
            (
                "budget \"public health\" -dental",
                vec![
                    must("budget"),
                    must("public health"),
                    Piece::Not("dental".into()),
                ],
            ),
            ("-\"social care\"", vec![Piece::Not("social care".into())]),
            ("\"unclosed phrase", vec![must("unclosed phrase")]),
            ("title:budget", vec![must("title:budget")]),
            ("a\\\"b", vec![must("a"), must("b")]),
            ("( ) * - \"\" !!", vec![]),
            ("15/00068", vec![must("15/00068")]),
        ];
        for (text, expected) in cases {
            assert_eq!(&pieces(text), expected, "{text:?}");
        }
    }

    #[test]
    fn long_queries_are_cut_to_the_first_pieces() {
        let text = "word ".repeat(1000);
        assert_eq!(pieces(&text).len(), MAX_PIECES);
    }
}
