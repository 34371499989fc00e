//! The words of printed names: the one list of each kind that Moot keeps.
//!
//! A printed name is a grammar: titles, then given names or initials,
//! then a surname (perhaps with lower-case particles such as "van der"),
//! then letters after the name. Lists of people add plural titles that
//! stand for the singular before every name that follows ("Councillors
//! Smith and Jones"). The importer (which finds names in text) and
//! [`crate::PersonName`] (which takes one name apart) both ask these
//! functions, so a title learnt once is known everywhere.

use crate::name::Gender;

/// Titles printed before a name, lower case without dots, with the gender
/// they imply. Ranks ("Chief Superintendent") are titles too.
const HONORIFICS: &[(&str, Option<Gender>)] = &[
    ("mr", Some(Gender::Male)),
    ("mrs", Some(Gender::Female)),
    ("ms", Some(Gender::Female)),
    ("miss", Some(Gender::Female)),
    ("mx", None),
    ("dr", None),
    ("cllr", None),
    ("councillor", None),
    // Welsh: Cynghorydd, abbreviated "Cyng."
    ("cyng", None),
    ("cynghorydd", None),
    ("alderman", None),
    ("ald", None),
    ("sir", Some(Gender::Male)),
    ("dame", Some(Gender::Female)),
    ("lord", Some(Gender::Male)),
    ("lady", Some(Gender::Female)),
    ("baroness", Some(Gender::Female)),
    ("prof", None),
    ("professor", None),
    ("rev", None),
    ("revd", None),
    ("reverend", None),
    ("canon", None),
    ("father", Some(Gender::Male)),
    ("rt", None),
    ("hon", None),
    ("supt", None),
    ("superintendent", None),
    ("insp", None),
    ("inspector", None),
    ("sgt", None),
];

/// Letters printed after a name, lower case.
const POST_NOMINALS: &[&str] = &[
    "mbe", "obe", "cbe", "kbe", "dbe", "bem", "jp", "dl", "qc", "kc", "mp", "mep", "msp", "qpm",
    "frcp", "frcgp", "frcs", "mrcgp", "fph", "fphm", "phd", "msc", "ma", "ba", "bsc", "mba", "rgn",
    "rn", "cc", "ae", "td",
];

/// Lower-case words that belong to the surname after them ("van der Berg",
/// "ap Gwilym").
const PARTICLES: &[&str] = &[
    "de", "da", "del", "della", "van", "von", "der", "den", "la", "le", "du", "di", "bin", "ap",
    "ab", "al",
];

/// Plural titles and the singular each stands for: "Councillors Smith and
/// Jones" means two councillors.
const PLURAL_TITLES: &[(&str, &str)] = &[
    ("councillors", "Councillor"),
    ("cllrs", "Cllr"),
    ("cynghorwyr", "Cynghorydd"),
    ("aldermen", "Alderman"),
    ("alderpersons", "Alderman"),
    ("messrs", "Mr"),
    ("drs", "Dr"),
];

/// A word folded for looking up: lower case, without surrounding
/// punctuation ("Cllr." gives "cllr").
fn fold(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// The gender a title implies, if `word` is a title at all: `Some(None)`
/// for a title that implies none ("Dr").
pub fn honorific_gender(word: &str) -> Option<Option<Gender>> {
    let folded = fold(word);
    HONORIFICS
        .iter()
        .find(|(title, _)| *title == folded)
        .map(|(_, gender)| *gender)
}

/// True when `word` is a title printed before names ("Mr", "Cllr.", "Dr").
pub fn is_honorific(word: &str) -> bool {
    honorific_gender(word).is_some()
}

/// True when `word` is an honour or qualification printed after a name
/// ("MBE", "JP,", "Ph.D."). They are printed in capitals (or with a dot
/// between letters), so "Ma" and "Ba" stay surnames.
pub fn is_post_nominal(word: &str) -> bool {
    let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
    let letters: String = bare.chars().filter(|c| c.is_alphabetic()).collect();
    let printed_as_letters = bare.contains('.') || !letters.chars().any(char::is_lowercase);
    printed_as_letters && POST_NOMINALS.contains(&letters.to_lowercase().as_str())
}

/// True for a lower-case word that belongs to the surname after it.
pub fn is_particle(word: &str) -> bool {
    PARTICLES.contains(&word)
}

/// The singular title a plural title stands for: "Councillors" gives
/// "Councillor", "Cllrs." gives "Cllr".
pub fn singular_title(word: &str) -> Option<&'static str> {
    let folded = fold(word);
    PLURAL_TITLES
        .iter()
        .find(|(plural, _)| *plural == folded)
        .map(|(_, singular)| *singular)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_known_with_or_without_dots() {
        assert!(is_honorific("Cllr."));
        assert!(is_honorific("Cyng."));
        assert!(is_honorific("MRS"));
        assert!(!is_honorific("Smith"));
        assert_eq!(honorific_gender("Dame"), Some(Some(Gender::Female)));
        assert_eq!(honorific_gender("Dr"), Some(None));
    }

    #[test]
    fn post_nominals_are_letters_printed_in_capitals() {
        assert!(is_post_nominal("MBE,"));
        assert!(is_post_nominal("Ph.D."));
        assert!(is_post_nominal("CC"));
        assert!(!is_post_nominal("Ma"));
        assert!(!is_post_nominal("Smith"));
    }

    #[test]
    fn plural_titles_stand_for_their_singular() {
        assert_eq!(singular_title("Councillors"), Some("Councillor"));
        assert_eq!(singular_title("Cllrs."), Some("Cllr"));
        assert_eq!(singular_title("Aldermen"), Some("Alderman"));
        assert_eq!(singular_title("Councillor"), None);
    }

    #[test]
    fn particles_are_lower_case_words() {
        assert!(is_particle("van"));
        assert!(!is_particle("Van"));
    }
}
