//! "Did you mean": a word the index does not hold is replaced by the
//! nearest word it does (plain lower-case words of titles and text,
//! unstemmed, so the suggestion is a word people print). Nearest is the
//! fewest edits (at most one for words of up to five letters, two for
//! longer), then the word found in most entries.

use crate::query::{is_stop_word, Piece};
use std::collections::BTreeMap;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// Words shorter than this are never corrected.
const MIN_LETTERS: usize = 4;

/// The words typed with unknown ones replaced, and the replacements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// What was typed, each unknown word replaced.
    pub text: String,
    /// The words put in.
    pub replaced: Vec<String>,
}

/// The suggestion for the bare words among `pieces`, or `None` when every
/// word is known (or none has a near word).
pub fn suggestion(searcher: &Searcher, field: Field, pieces: &[Piece]) -> Option<Suggestion> {
    let mut replaced = Vec::new();
    let mut words = Vec::new();
    for piece in pieces {
        let Piece::Word(word) = piece else {
            continue;
        };
        let lower = word.to_lowercase();
        match nearest(searcher, field, &lower) {
            Some(better) => {
                words.push(better.clone());
                replaced.push(better);
            }
            None => words.push(word.clone()),
        }
    }
    (!replaced.is_empty()).then(|| Suggestion {
        text: words.join(" "),
        replaced,
    })
}

/// The nearest known word to `word` when `word` itself is unknown.
fn nearest(searcher: &Searcher, field: Field, word: &str) -> Option<String> {
    let letters = word.chars().count();
    if letters < MIN_LETTERS
        || !word.chars().all(char::is_alphabetic)
        || is_stop_word(word)
        || searcher
            .doc_freq(&Term::from_field_text(field, word))
            .ok()?
            > 0
    {
        return None;
    }
    let most = if letters <= 5 { 1 } else { 2 };
    let prefix: String = word.chars().take(1).collect();
    let mut found: BTreeMap<String, (usize, u64)> = BTreeMap::new();
    for segment in searcher.segment_readers() {
        let Ok(index) = segment.inverted_index(field) else {
            continue;
        };
        let upper = next_prefix(&prefix);
        let mut range = index.terms().range().ge(prefix.as_bytes());
        if let Some(upper) = &upper {
            range = range.lt(upper.as_bytes());
        }
        let Ok(mut stream) = range.into_stream() else {
            continue;
        };
        while stream.advance() {
            let Ok(candidate) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if candidate.len().abs_diff(word.len()) > most {
                continue;
            }
            let distance = strsim::damerau_levenshtein(word, candidate);
            if distance <= most {
                let entry = found.entry(candidate.to_owned()).or_insert((distance, 0));
                entry.1 += u64::from(stream.value().doc_freq);
            }
        }
    }
    found
        .into_iter()
        .min_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
        .map(|(word, _)| word)
}

/// The smallest string after every string starting with `prefix`.
fn next_prefix(prefix: &str) -> Option<String> {
    let mut chars: Vec<char> = prefix.chars().collect();
    let last = chars.pop()?;
    let next = char::from_u32(u32::from(last) + 1)?;
    chars.push(next);
    Some(chars.into_iter().collect())
}
