//! What an edition of the pack prints: the one place the exempt rule is
//! applied.
//!
//! Everything that lays out the agenda or the papers works from the
//! [`Entry`] values made here, never from the meeting's items. A withheld
//! entry holds the item's number and exemption paragraph and nothing
//! else, so no title, description or paper of an exempt item can reach
//! the public pack however the layout code changes.

use crate::{Edition, Exemption, Item, Meeting, Paper};

/// A section of the agenda as one edition prints it.
pub(crate) struct PlannedSection<'a> {
    pub(crate) heading: &'a str,
    pub(crate) entries: Vec<Entry<'a>>,
}

/// An agenda item as one edition prints it.
pub(crate) enum Entry<'a> {
    /// Printed whole with its papers; `confidential` when exempt (the
    /// members' pack only), so its pages are marked not for publication.
    Listed {
        item: &'a Item,
        confidential: Option<Exemption>,
    },
    /// An exempt item in the public pack: its number and why, nothing else.
    Withheld {
        number: &'a str,
        exemption: Exemption,
    },
}

impl<'a> Entry<'a> {
    /// The item's number as printed.
    pub(crate) fn number(&self) -> &'a str {
        match self {
            Entry::Listed { item, .. } => &item.number,
            Entry::Withheld { number, .. } => number,
        }
    }

    /// The papers this edition prints for the item.
    pub(crate) fn papers(&self) -> &'a [Paper] {
        match self {
            Entry::Listed { item, .. } => &item.papers,
            Entry::Withheld { .. } => &[],
        }
    }

    /// The exemption that applies to the item, in either edition.
    pub(crate) fn exemption(&self) -> Option<Exemption> {
        match self {
            Entry::Listed { confidential, .. } => *confidential,
            Entry::Withheld { exemption, .. } => Some(*exemption),
        }
    }
}

/// The agenda an edition prints: in the public edition every exempt item
/// is withheld; the members' edition lists everything.
pub(crate) fn plan(meeting: &Meeting, edition: Edition) -> Vec<PlannedSection<'_>> {
    meeting
        .sections
        .iter()
        .map(|section| PlannedSection {
            heading: &section.heading,
            entries: section
                .items
                .iter()
                .map(|item| entry(item, edition))
                .collect(),
        })
        .collect()
}

fn entry(item: &Item, edition: Edition) -> Entry<'_> {
    match (item.exemption, edition) {
        (Some(exemption), Edition::Public) => Entry::Withheld {
            number: &item.number,
            exemption,
        },
        (confidential, _) => Entry::Listed { item, confidential },
    }
}
