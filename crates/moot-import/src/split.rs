//! Splits a normalised pack into its parts.
//!
//! A pack opens with its front matter (cover, agenda, membership, in
//! whichever order the council prints them), then carries sets of minutes
//! and reports. Each part kind's own module says how its parts open
//! ([`crate::minutes::set_starts`], [`crate::reports::header_starts`]); this
//! module only orders those openings and cuts the document between them.
//! Scorecards live inside reports and appendices, so they are found by
//! looking for their tables within any part rather than by cutting.

use crate::document::Document;
use std::ops::Range;

/// What a part of a pack is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartKind {
    /// Cover, agenda and membership: everything before the first minutes
    /// or report.
    Front,
    /// One set of minutes.
    Minutes,
    /// One report, from its header block to the next part.
    Report,
}

/// A part of a pack: a kind and a range of logical lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// What it is.
    pub kind: PartKind,
    /// Its logical lines in the [`Document`].
    pub range: Range<usize>,
}

/// Cuts `doc` into parts, in document order, covering every line once.
pub fn split(doc: &Document) -> Vec<Part> {
    let mut starts: Vec<(usize, PartKind)> = crate::minutes::set_starts(doc)
        .into_iter()
        .map(|i| (i, PartKind::Minutes))
        .chain(
            crate::reports::header_starts(doc)
                .into_iter()
                .map(|i| (i, PartKind::Report)),
        )
        .collect();
    starts.sort_by_key(|&(i, _)| i);
    starts.dedup_by_key(|&mut (i, _)| i);
    // Minutes published on their own, with a heading no pack would give
    // them ("Dumfries Council Minutes" over "Date:" lines): one set.
    if starts.is_empty() && crate::minutes::is_minutes_document(doc) {
        starts.push((0, PartKind::Minutes));
    }

    let mut parts = Vec::with_capacity(starts.len() + 1);
    let front_end = starts.first().map_or(doc.len(), |&(i, _)| i);
    parts.push(Part {
        kind: PartKind::Front,
        range: 0..front_end,
    });
    for (n, &(start, kind)) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(doc.len(), |&(i, _)| i);
        parts.push(Part {
            kind,
            range: start..end,
        });
    }
    parts
}

/// The parts of one kind.
pub fn of_kind(parts: &[Part], kind: PartKind) -> impl Iterator<Item = &Part> {
    parts.iter().filter(move |p| p.kind == kind)
}
