//! The words a clerk's records are kept in: roles on a body, kinds of
//! membership, terms, kinds of interest, the paragraphs of Schedule 12A
//! and the papers an agenda may carry. Each kind has one stored word, so
//! forms, storage and pages agree.

use crate::FieldErrors;
use moot_domain::Date;

/// Declares a closed set of words: the enum, its stored word, its
/// wording for people, and the parse back.
macro_rules! words {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $word:literal, $label:literal;)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)+
        }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The stored word.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word,)+ }
            }

            /// How pages and generated documents word it.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            /// Reads the stored word back.
            pub fn parse(text: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.as_str() == text)
            }
        }
    };
}

words! {
    /// A member's role on a body.
    BodyRole {
        /// Chairs the meetings.
        Chair = "chair", "Chair";
        /// Chairs in the chair's absence.
        ViceChair = "vice-chair", "Vice-Chair";
        /// An ordinary member.
        Member = "member", "Member";
    }
}

words! {
    /// What kind of seat a member holds.
    Seat {
        /// A voting member.
        Voting = "voting", "Voting member";
        /// Co-opted: appointed from outside, voting only where the body's
        /// rules allow.
        CoOpted = "co-opted", "Co-opted member";
        /// Associate: takes part without a vote.
        Associate = "associate", "Associate member";
    }
}

words! {
    /// The kind of interest a member declares (the Localism Act 2011 and
    /// the codes of conduct the packs cite).
    InterestKind {
        /// A disclosable pecuniary interest: the member may not take part.
        DisclosablePecuniary = "disclosable-pecuniary", "Disclosable pecuniary interest";
        /// Another interest on the member's register.
        OtherRegistrable = "other-registrable", "Other registrable interest";
        /// An interest not on the register (a relative's, say).
        NonRegistrable = "non-registrable", "Non-registrable interest";
    }
}

words! {
    /// How someone is recorded at a meeting.
    Presence {
        /// Present as a member.
        Present = "present", "Present";
        /// Sent apologies.
        Apologies = "apologies", "Apologies";
        /// Present as a substitute for a member.
        Substitute = "substitute", "Substitute";
    }
}

/// The span of a membership: from `starts`, until `ends` (inclusive) when
/// set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    /// The first day.
    pub starts: Date,
    /// The last day, when the term has one.
    pub ends: Option<Date>,
}

impl Term {
    /// Whether the term covers `day`.
    pub fn covers(self, day: Date) -> bool {
        self.starts <= day && self.ends.is_none_or(|end| day <= end)
    }

    /// Notes a term that ends before it starts against the `ends` field.
    pub fn check(self, errors: &mut FieldErrors) {
        errors.check(
            self.ends.is_some_and(|end| end < self.starts),
            "ends",
            "The term must end on or after the day it starts",
        );
    }
}

/// A paragraph of Part 1 of Schedule 12A to the Local Government Act 1972:
/// why an item is exempt (1–7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExemptParagraph(u8);

impl ExemptParagraph {
    /// The paragraph numbered `n`, if there is one.
    pub fn new(n: u8) -> Option<ExemptParagraph> {
        (1..=7).contains(&n).then_some(ExemptParagraph(n))
    }

    /// Its number.
    pub fn number(self) -> u8 {
        self.0
    }

    /// What the paragraph covers, as the Schedule words it.
    pub fn description(self) -> &'static str {
        match self.0 {
            1 => "Information relating to any individual",
            2 => "Information which is likely to reveal the identity of an individual",
            3 => "Information relating to the financial or business affairs of any particular person (including the authority holding that information)",
            4 => "Information relating to any consultations or negotiations, or contemplated consultations or negotiations, in connection with any labour relations matter",
            5 => "Information in respect of which a claim to legal professional privilege could be maintained in legal proceedings",
            6 => "Information which reveals that the authority proposes to give a notice or to make an order or direction",
            _ => "Information relating to any action taken or to be taken in connection with the prevention, investigation or prosecution of crime",
        }
    }
}

words! {
    /// What a paper's bytes are.
    PaperFormat {
        /// A PDF file.
        Pdf = "application/pdf", "PDF";
        /// Plain UTF-8 text.
        Text = "text/plain", "Text";
    }
}

/// The largest paper Moot stores: papers live in the database, and an
/// agenda pack of many such papers must still be built in memory.
pub const MAX_PAPER_BYTES: usize = 20 * 1024 * 1024;

/// Checks a paper's title and bytes: not empty, within
/// [`MAX_PAPER_BYTES`], and truly of its format (a PDF opens with
/// `%PDF-`; text is UTF-8 without NUL bytes).
pub fn check_paper(title: &str, format: PaperFormat, bytes: &[u8]) -> FieldErrors {
    let mut errors = FieldErrors::new();
    errors.require_text("title", title, 300);
    if bytes.is_empty() {
        errors.add("file", "The file is empty");
    } else if bytes.len() > MAX_PAPER_BYTES {
        errors.add(
            "file",
            format!(
                "The file must be {} MB or smaller",
                MAX_PAPER_BYTES / (1024 * 1024)
            ),
        );
    } else {
        let fits = match format {
            PaperFormat::Pdf => bytes.starts_with(b"%PDF-"),
            PaperFormat::Text => std::str::from_utf8(bytes).is_ok_and(|t| !t.contains('\0')),
        };
        if !fits {
            errors.add("file", format!("The file is not a {} file", format.label()));
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: u16, m: u8, d: u8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    #[test]
    fn a_term_covers_its_first_and_last_day_and_an_open_term_runs_on() {
        let term = Term {
            starts: day(2013, 5, 16),
            ends: Some(day(2017, 5, 3)),
        };
        assert!(term.covers(day(2013, 5, 16)));
        assert!(term.covers(day(2017, 5, 3)));
        assert!(!term.covers(day(2013, 5, 15)));
        assert!(!term.covers(day(2017, 5, 4)));
        let open = Term { ends: None, ..term };
        assert!(open.covers(day(2040, 1, 1)));
    }

    #[test]
    fn a_term_ending_before_it_starts_is_refused_on_its_end() {
        let mut errors = FieldErrors::new();
        Term {
            starts: day(2014, 1, 2),
            ends: Some(day(2014, 1, 1)),
        }
        .check(&mut errors);
        assert_eq!(errors.for_field("ends").count(), 1);
    }

    #[test]
    fn schedule_12a_has_paragraphs_one_to_seven() {
        assert_eq!(ExemptParagraph::new(0), None);
        assert_eq!(ExemptParagraph::new(8), None);
        assert!(ExemptParagraph::new(3)
            .unwrap()
            .description()
            .contains("financial"));
    }

    #[test]
    fn papers_must_be_what_they_claim_and_small_enough() {
        let cases: [(&str, PaperFormat, &[u8], bool); 6] = [
            ("Report", PaperFormat::Pdf, b"%PDF-1.7 ...", true),
            ("Report", PaperFormat::Pdf, b"hello", false),
            ("Report", PaperFormat::Text, b"plain words", true),
            ("Report", PaperFormat::Text, b"\xff\xfe", false),
            ("Report", PaperFormat::Text, b"", false),
            ("", PaperFormat::Text, b"words", false),
        ];
        for (title, format, bytes, ok) in cases {
            assert_eq!(
                check_paper(title, format, bytes).is_empty(),
                ok,
                "{bytes:?}"
            );
        }
        let huge = vec![b'a'; MAX_PAPER_BYTES + 1];
        assert!(
            check_paper("Big", PaperFormat::Text, &huge)
                .for_field("file")
                .count()
                == 1
        );
    }

    #[test]
    fn stored_words_round_trip() {
        for role in BodyRole::ALL {
            assert_eq!(BodyRole::parse(role.as_str()), Some(*role));
        }
        for kind in InterestKind::ALL {
            assert_eq!(InterestKind::parse(kind.as_str()), Some(*kind));
        }
        assert_eq!(Seat::parse("honorary"), None);
    }
}
