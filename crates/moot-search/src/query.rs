//! What the visitor typed, made into a ranked query that cannot be
//! malformed.
//!
//! The box understands words, `"quoted phrases"` and `-word` or
//! `-"a phrase"`. Colons, brackets, `AND`, `*` and backslashes are text,
//! never syntax, so no input is an error; an unclosed quote runs to the
//! end.
//!
//! Ranking is bm25 over titles and text, built from tantivy's own queries
//! rather than its query parser:
//!
//! - every word that is not a common English word is one `Should` clause,
//!   so a passage with more of the words (and rarer ones) ranks higher and
//!   a search with one unknown word still finds the rest; a word that
//!   tokenises into several (`15/00068`, `A&E`, `PL.21`) is matched as
//!   that exact sequence, and counts more;
//! - a record's title match counts [`TITLE_BOOST`] times a text match, and
//!   a passage's record's title (a report's subject) [`HEADING_BOOST`] times;
//! - the words near each other in the order typed (within
//!   [`PROXIMITY_SLOP`]) count again, [`PROXIMITY_BOOST`] times;
//! - an abbreviation councils print (`data/abbreviations.txt`) also finds
//!   its words, and those words also find the abbreviation;
//! - a quoted phrase must match; an excluded piece must not.
//!
//! That query's phrases and nested clauses make tantivy score every match,
//! which over thousands of packs is most of the index for common words.
//! So a search runs in two steps: [`Builder::recall`] is the same words as
//! a flat union of single terms (with the same field boosts), which tantivy
//! ranks skipping what cannot reach the top; its best [`RERANKED`] are then
//! ranked by the full query.

use crate::schema::Fields;
use std::collections::BTreeSet;
use std::sync::OnceLock;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

/// How many of the recall query's best entries the full query ranks again.
pub const RERANKED: usize = 400;

/// At most this many pieces of a query are used; more is not a search
/// anyone means, and each piece costs a term lookup per field.
pub const MAX_PIECES: usize = 32;

/// How much more a record's title match counts than a text match.
pub const TITLE_BOOST: f32 = 1.5;

/// How much a match in a passage's record's title counts.
pub const HEADING_BOOST: f32 = 0.5;

/// How much a word that is an exact code or number (`15/00068`) counts.
pub const EXACT_BOOST: f32 = 2.0;

/// How much the words typed, found near each other in order, count again.
pub const PROXIMITY_BOOST: f32 = 2.0;

/// How many positions apart the typed words may be for proximity.
pub const PROXIMITY_SLOP: u32 = 3;

/// Words too common to rank by on their own.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is",
    "it", "its", "of", "on", "or", "that", "the", "their", "this", "to", "was", "were", "which",
    "who", "with",
];

/// One piece of what was typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// A word typed bare.
    Word(String),
    /// A quoted phrase, which must match.
    Phrase(String),
    /// Words that must not be there.
    Not(String),
}

/// The pieces of `text`, in order, without those that hold no letter or
/// digit (they could match nothing).
pub fn pieces(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
        rest = &rest[start..];
        let negated = rest.starts_with('-');
        let body = if negated { &rest[1..] } else { rest };
        let quoted = body.strip_prefix('"');
        let (words, after) = match quoted {
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
            out.push(match (negated, quoted.is_some()) {
                (true, _) => Piece::Not(words),
                (false, true) => Piece::Phrase(words),
                (false, false) => Piece::Word(words),
            });
        }
    }
    out.truncate(MAX_PIECES);
    out
}

/// Whether `word` is too common to rank by.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word.to_lowercase().as_str())
}

/// The abbreviations, as (abbreviation in lower case, its words).
fn abbreviations() -> &'static [(String, String)] {
    static TABLE: OnceLock<Vec<(String, String)>> = OnceLock::new();
    TABLE.get_or_init(|| parse_abbreviations(include_str!("../data/abbreviations.txt")))
}

/// Reads `ABBR = words` lines, skipping blanks and `#` comments.
fn parse_abbreviations(text: &str) -> Vec<(String, String)> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let (short, long) = line.split_once('=')?;
            Some((short.trim().to_lowercase(), long.trim().to_lowercase()))
        })
        .collect()
}

/// Builds queries over one index's fields with its analyser.
pub struct Builder<'a> {
    /// The fields.
    pub fields: &'a Fields,
    /// The analyser of the title and text fields.
    pub analyser: TextAnalyzer,
}

/// The words typed (not quoted, not excluded), then `extra`.
fn typed_words<'p>(pieces: &'p [Piece], extra: &'p [String]) -> Vec<&'p str> {
    pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Word(w) => Some(w.as_str()),
            _ => None,
        })
        .chain(extra.iter().map(String::as_str))
        .collect()
}

/// Each abbreviation's words where it was typed, and each abbreviation
/// whose words were typed in order.
fn abbreviated(words: &[&str]) -> BTreeSet<&'static str> {
    let typed: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let joined = format!(" {} ", typed.join(" "));
    let mut other = BTreeSet::new();
    for (short, long) in abbreviations() {
        if typed.iter().any(|w| w == short) {
            other.insert(long.as_str());
        } else if joined.contains(&format!(" {long} ")) {
            other.insert(short.as_str());
        }
    }
    other
}

/// A ranked query and the clauses whose scores it sums: an entry's score
/// is the sum of the scores of the leaves it matches, so the leaves can
/// score a few entries one by one, each leaf skipping to them.
pub struct Ranked {
    /// The whole query.
    pub query: Box<dyn Query>,
    /// Its scoring clauses.
    pub leaves: Vec<Box<dyn Query>>,
}

impl Builder<'_> {
    /// The query for `pieces` (with `extra` words to search as well, such
    /// as the index's nearest words to unknown ones), or `None` when it
    /// asks for nothing.
    pub fn build(&mut self, pieces: &[Piece], extra: &[String]) -> Option<Ranked> {
        let words = typed_words(pieces, extra);
        let mut optional: Vec<Box<dyn Query>> = Vec::new();
        let mut ranked = 0;
        for word in &words {
            if is_stop_word(word) {
                continue;
            }
            if let Some(leaves) = self.leaves(word) {
                optional.extend(leaves);
                ranked += 1;
            }
        }
        if ranked > 1 {
            optional.extend(self.proximity(&words).into_iter().flatten());
        }
        for long in abbreviated(&words) {
            optional.extend(self.leaves(long).into_iter().flatten());
        }
        let required = self.required_and_refused(pieces)?;
        let mut leaves: Vec<Box<dyn Query>> = optional.iter().map(|q| q.box_clone()).collect();
        leaves.extend(
            required
                .iter()
                .filter(|(occur, _)| *occur == Occur::Must)
                .map(|(_, q)| q.box_clone()),
        );
        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            optional.into_iter().map(|q| (Occur::Should, q)).collect();
        clauses.extend(required);
        if !clauses.iter().any(|(occur, _)| *occur != Occur::MustNot) {
            return None;
        }
        Some(Ranked {
            query: Box::new(BooleanQuery::new(clauses)),
            leaves,
        })
    }

    /// The words of `pieces` and `extra` as a flat union of single terms in
    /// each field, with the abbreviations' words, quoted phrases required
    /// and excluded pieces refused as in [`Builder::build`]: it matches
    /// every entry the full query matches, and tantivy can rank it without
    /// scoring every match.
    pub fn recall(&mut self, pieces: &[Piece], extra: &[String]) -> Option<Box<dyn Query>> {
        let words = typed_words(pieces, extra);
        let mut texts: Vec<&str> = words.iter().copied().filter(|w| !is_stop_word(w)).collect();
        texts.extend(abbreviated(&words));
        texts.extend(pieces.iter().filter_map(|p| match p {
            Piece::Phrase(words) => Some(words.as_str()),
            _ => None,
        }));
        let mut terms: Vec<(Term, f32)> = Vec::new();
        for text in texts {
            for (field, boost) in self.boosted_fields() {
                for (_, term) in self.terms(field, text) {
                    if !terms.iter().any(|(t, _)| *t == term) {
                        terms.push((term, boost));
                    }
                }
            }
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = terms
            .into_iter()
            .map(|(term, boost)| {
                let one: Box<dyn Query> =
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(one, boost)) as Box<dyn Query>,
                )
            })
            .collect();
        clauses.extend(self.required_and_refused(pieces)?);
        if !clauses.iter().any(|(occur, _)| *occur != Occur::MustNot) {
            return None;
        }
        Some(Box::new(BooleanQuery::new(clauses)))
    }

    /// Each quoted phrase as a clause that must match and each excluded
    /// piece as one that must not; `None` when a phrase has no words.
    fn required_and_refused(&mut self, pieces: &[Piece]) -> Option<Vec<(Occur, Box<dyn Query>)>> {
        let mut clauses = Vec::new();
        for piece in pieces {
            match piece {
                Piece::Phrase(words) => clauses.push((Occur::Must, self.words(words)?)),
                Piece::Not(words) => {
                    if let Some(query) = self.words(words) {
                        clauses.push((Occur::MustNot, query));
                    }
                }
                Piece::Word(_) => {}
            }
        }
        Some(clauses)
    }

    /// The searched fields with how much a match in each counts.
    fn boosted_fields(&self) -> [(Field, f32); 3] {
        [
            (self.fields.title, TITLE_BOOST),
            (self.fields.heading, HEADING_BOOST),
            (self.fields.text, 1.0),
        ]
    }

    /// The analysed terms of `text`, with their positions.
    fn terms(&mut self, field: Field, text: &str) -> Vec<(usize, Term)> {
        let mut stream = self.analyser.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push((token.position, Term::from_field_text(field, &token.text)));
        }
        out
    }

    /// `text` in the title or the text: one term, or the exact sequence.
    fn words(&mut self, text: &str) -> Option<Box<dyn Query>> {
        let per_field = self.leaves(text)?;
        Some(Box::new(BooleanQuery::new(
            per_field.into_iter().map(|q| (Occur::Should, q)).collect(),
        )))
    }

    /// `text` in each field, boosted as the field counts: one term, or the
    /// exact sequence; `None` when `text` has no words.
    fn leaves(&mut self, text: &str) -> Option<Vec<Box<dyn Query>>> {
        let mut per_field: Vec<Box<dyn Query>> = Vec::new();
        for (field, boost) in self.boosted_fields() {
            let terms = self.terms(field, text);
            let query: Box<dyn Query> = match terms.len() {
                0 => return None,
                1 => Box::new(TermQuery::new(
                    terms[0].1.clone(),
                    IndexRecordOption::WithFreqs,
                )),
                _ => Box::new(BoostQuery::new(
                    Box::new(PhraseQuery::new_with_offset(terms)),
                    EXACT_BOOST,
                )),
            };
            per_field.push(Box::new(BoostQuery::new(query, boost)));
        }
        Some(per_field)
    }

    /// The words typed, near each other in order, in the title or the
    /// text, each boosted.
    fn proximity(&mut self, words: &[&str]) -> Option<Vec<Box<dyn Query>>> {
        let text = words.join(" ");
        let mut per_field: Vec<Box<dyn Query>> = Vec::new();
        for field in [self.fields.title, self.fields.text] {
            let terms: Vec<(usize, Term)> = self
                .terms(field, &text)
                .into_iter()
                .filter(|(_, term)| !term.value().as_str().is_some_and(is_stop_word))
                .collect();
            if terms.len() < 2 {
                return None;
            }
            let phrase = PhraseQuery::new_with_offset_and_slop(terms, PROXIMITY_SLOP);
            per_field.push(Box::new(BoostQuery::new(Box::new(phrase), PROXIMITY_BOOST)));
        }
        Some(per_field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(words: &str) -> Piece {
        Piece::Word(words.into())
    }

    #[test]
    fn words_phrases_and_exclusions_are_pieces() {
        let cases: &[(&str, Vec<Piece>)] = &[
            ("", vec![]),
            ("  budget  ", vec![word("budget")]),
            (
                "budget \"public health\" -dental",
                vec![
                    word("budget"),
                    Piece::Phrase("public health".into()),
                    Piece::Not("dental".into()),
                ],
            ),
            ("-\"social care\"", vec![Piece::Not("social care".into())]),
            (
                "\"unclosed phrase",
                vec![Piece::Phrase("unclosed phrase".into())],
            ),
            ("title:budget", vec![word("title:budget")]),
            ("a\\\"b", vec![word("a"), Piece::Phrase("b".into())]),
            ("( ) * - \"\" !!", vec![]),
            ("15/00068", vec![word("15/00068")]),
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

    #[test]
    fn abbreviation_lines_read_both_sides_in_lower_case() {
        let table = parse_abbreviations("# note\n\nBCF = Better Care Fund\nbad line\n");
        assert_eq!(table, [("bcf".to_owned(), "better care fund".to_owned())]);
        assert!(abbreviations().iter().any(|(short, _)| short == "camhs"));
    }

    #[test]
    fn common_words_are_stop_words_in_any_case() {
        assert!(is_stop_word("The"));
        assert!(!is_stop_word("budget"));
    }
}
