//! One printed name taken apart.
//!
//! Packs print the same person many ways: "Mr P J Oakford" in a membership
//! list, "Peter Oakford" in a report header, "Mr Oakford" in a declaration.
//! To tell whether two printings can be one person we need their parts:
//! titles before the name (which may imply a gender), given names or
//! initials, the surname, and letters after the name. Which words are
//! titles, particles or letters after a name is [`crate::words`]' to say.

use crate::words;

/// A given name as printed, or just its initial.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Given {
    /// A whole given name: "Peter".
    Name(String),
    /// An initial: the "P" of "Mr P J Oakford".
    Initial(char),
}

impl Given {
    /// The upper-case first letter.
    pub fn initial(&self) -> char {
        match self {
            Given::Name(name) => first_upper(name),
            Given::Initial(c) => *c,
        }
    }

    /// Whether the two can be the same given name: equal names, or an
    /// initial that matches the other's first letter.
    pub fn fits(&self, other: &Given) -> bool {
        match (self, other) {
            (Given::Name(a), Given::Name(b)) => fold(a) == fold(b),
            _ => self.initial() == other.initial(),
        }
    }
}

/// The gender a title implies: "Mr" a man, "Mrs" a woman; "Dr" neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    /// Mr, Sir, Lord, Father.
    Male,
    /// Mrs, Ms, Miss, Dame, Lady.
    Female,
}

/// A person's name as printed, taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName {
    /// The name as printed, whitespace collapsed.
    pub printed: String,
    /// Titles before the name, as printed without a trailing dot
    /// ("Cllr", "Mrs").
    pub honorifics: Vec<String>,
    /// Given names and initials, in order.
    pub given: Vec<Given>,
    /// The family name, with particles ("de Vries").
    pub surname: String,
    /// Letters after the name ("MBE").
    pub post_nominals: Vec<String>,
}

impl PersonName {
    /// Takes a printed name apart, or `None` when it holds no surname (empty,
    /// only titles, digits).
    pub fn parse(printed: &str) -> Option<PersonName> {
        let printed = collapse(&strip_brackets(printed));
        let (main, after_comma) = match printed.split_once(',') {
            Some((main, rest)) if is_post_nominal_list(rest) => (main, Some(rest)),
            _ => (printed.as_str(), None),
        };
        let mut tokens = tokens(main);
        if tokens.iter().any(|t| t.chars().any(|c| c.is_ascii_digit())) {
            return None;
        }
        let honorifics = take_honorifics(&mut tokens);
        let mut post_nominals = take_trailing_post_nominals(&mut tokens);
        if let Some(rest) = after_comma {
            post_nominals.extend(rest.split_whitespace().map(trim_dots));
        }
        let surname = take_surname(&mut tokens)?;
        let caps_surname = !surname.chars().any(char::is_lowercase);
        let given = tokens
            .iter()
            .flat_map(|t| given_parts(t, caps_surname))
            .collect();
        Some(PersonName {
            printed,
            honorifics,
            given,
            surname,
            post_nominals,
        })
    }

    /// The gender the titles imply, if they imply one.
    pub fn gender(&self) -> Option<Gender> {
        self.honorifics
            .iter()
            .find_map(|h| honorific(&fold(h)).flatten())
    }

    /// The surname folded for comparison: lower case, letters only.
    pub fn surname_key(&self) -> String {
        letters_key(&self.surname)
    }

    /// A key under which different printings of the very same name agree
    /// ("Cllr. Tom Wells", "Councillor Tom Wells"): titles, given names and
    /// surname, folded; post-nominals left out.
    pub fn key(&self) -> String {
        let titles = self.honorifics.iter().map(|h| match fold(h).as_str() {
            "councillor" | "cc" => "cllr".to_string(),
            other => other.to_string(),
        });
        let given = self.given.iter().map(|g| match g {
            Given::Name(n) => fold(n),
            Given::Initial(c) => c.to_lowercase().collect(),
        });
        titles
            .chain(given)
            .chain(std::iter::once(self.surname_key()))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// How much the name says, for ordering the most telling names first:
    /// given parts, then whole given names, then whether a gender is known.
    pub fn specificity(&self) -> (usize, usize, bool) {
        let whole = self
            .given
            .iter()
            .filter(|g| matches!(g, Given::Name(_)))
            .count();
        (self.given.len(), whole, self.gender().is_some())
    }
}

/// Whether two printed names can be one person: the same surname, titles
/// that do not imply different genders, and given names or initials that
/// agree as far as both go ("Peter Oakford" and "Mr P J Oakford" can;
/// "Mr A Smith" and "Mrs B Smith" cannot).
pub fn compatible(a: &PersonName, b: &PersonName) -> bool {
    let genders_agree = match (a.gender(), b.gender()) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    a.surname_key() == b.surname_key()
        && genders_agree
        && a.given.iter().zip(&b.given).all(|(x, y)| x.fits(y))
}

/// What first given name or initial both names print, when they agree on
/// one (so a match says more than the surname): the whole name when both
/// spell it out, else the initial.
pub fn share_first_initial(a: &PersonName, b: &PersonName) -> Option<Given> {
    let (x, y) = (a.given.first()?, b.given.first()?);
    if !x.fits(y) {
        return None;
    }
    Some(match (x, y) {
        (Given::Name(name), Given::Name(_)) => Given::Name(name.clone()),
        _ => Given::Initial(x.initial()),
    })
}

fn honorific(folded: &str) -> Option<Option<Gender>> {
    words::honorific_gender(folded)
}

fn strip_brackets(text: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits on spaces, re-joining words a converter broke after a hyphen
/// ("Segall- Jones").
fn tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in text.split_whitespace().flat_map(unglue_initials) {
        match out.last_mut() {
            Some(last) if last.ends_with('-') => last.push_str(word),
            _ => out.push(word.to_string()),
        }
    }
    out
}

/// "J.M.Ellacott" printed without a space: the initials, then the name.
fn unglue_initials(word: &str) -> Vec<&str> {
    match word.rfind('.') {
        Some(at)
            if word[at + 1..].chars().filter(|c| c.is_alphabetic()).count() >= 2
                && word[..at].chars().all(|c| c.is_uppercase() || c == '.') =>
        {
            vec![&word[..=at], &word[at + 1..]]
        }
        _ => vec![word],
    }
}

fn is_post_nominal_list(text: &str) -> bool {
    let mut words = text.split_whitespace().peekable();
    words.peek().is_some()
        && words.all(|w| {
            let bare = trim_dots(w);
            words::is_post_nominal(&bare)
                || (bare.chars().all(|c| c.is_ascii_uppercase()) && !bare.is_empty())
        })
}

fn take_honorifics(tokens: &mut Vec<String>) -> Vec<String> {
    let count = tokens
        .iter()
        .take(tokens.len().saturating_sub(1))
        .take_while(|t| honorific(&fold(&trim_dots(t))).is_some())
        .count();
    tokens.drain(..count).map(|t| trim_dots(&t)).collect()
}

fn take_trailing_post_nominals(tokens: &mut Vec<String>) -> Vec<String> {
    let mut out = Vec::new();
    while tokens.len() > 1 {
        let is_post = tokens.last().is_some_and(|t| words::is_post_nominal(t));
        match tokens.pop() {
            Some(t) if is_post => out.insert(0, trim_dots(&t)),
            Some(t) => {
                tokens.push(t);
                break;
            }
            None => break,
        }
    }
    out
}

fn take_surname(tokens: &mut Vec<String>) -> Option<String> {
    let last = tokens.pop()?;
    let last = last.trim_end_matches(['.', ',', ';', ':']).to_string();
    if !last.chars().any(char::is_alphabetic) {
        return None;
    }
    let mut parts = vec![last];
    while tokens.len() > 1 && tokens.last().is_some_and(|t| words::is_particle(t)) {
        if let Some(particle) = tokens.pop() {
            parts.insert(0, particle);
        }
    }
    Some(parts.join(" "))
}

/// One printed given word as given parts: "Peter", "P", "P.J." or, next to
/// a surname in mixed case, a run of capitals "PJ".
fn given_parts(token: &str, caps_surname: bool) -> Vec<Given> {
    let pieces: Vec<&str> = token.split('.').filter(|p| !p.is_empty()).collect();
    let all_single = pieces.len() > 1 && pieces.iter().all(|p| p.chars().count() == 1);
    let letters: Vec<char> = token.chars().filter(|c| c.is_alphabetic()).collect();
    let capital_run = letters.len() == 1
        || (!caps_surname
            && (2..=3).contains(&letters.len())
            && letters.iter().all(|c| c.is_uppercase()));
    if all_single || capital_run {
        letters
            .into_iter()
            .map(|c| Given::Initial(c.to_uppercase().next().unwrap_or(c)))
            .collect()
    } else if letters.is_empty() {
        Vec::new()
    } else {
        vec![Given::Name(trim_dots(token))]
    }
}

fn trim_dots(word: &str) -> String {
    word.trim_matches(|c: char| c == '.' || c == ',')
        .to_string()
}

fn fold(word: &str) -> String {
    word.to_lowercase()
}

fn letters_key(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn first_upper(word: &str) -> char {
    word.chars()
        .find(|c| c.is_alphabetic())
        .and_then(|c| c.to_uppercase().next())
        .unwrap_or('?')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(text: &str) -> PersonName {
        PersonName::parse(text).unwrap()
    }

    fn initials(text: &str) -> String {
        name(text).given.iter().map(Given::initial).collect()
    }

    #[test]
    fn titles_initials_and_surname_are_told_apart() {
        let n = name("Mr P J Oakford");
        assert_eq!(n.honorifics, ["Mr"]);
        assert_eq!(n.given, [Given::Initial('P'), Given::Initial('J')]);
        assert_eq!(n.surname, "Oakford");
        assert_eq!(n.gender(), Some(Gender::Male));
    }

    #[test]
    fn several_titles_are_kept_in_order() {
        let n = name("Cllr Mrs S Chandler");
        assert_eq!(n.honorifics, ["Cllr", "Mrs"]);
        assert_eq!(initials("Cllr Mrs S Chandler"), "S");
        assert_eq!(n.gender(), Some(Gender::Female));
    }

    #[test]
    fn whole_given_names_are_kept() {
        assert_eq!(name("Peter Oakford").given, [Given::Name("Peter".into())]);
        let n = name("Dr Bob Bowes");
        assert_eq!(n.honorifics, ["Dr"]);
        assert_eq!(n.given, [Given::Name("Bob".into())]);
        assert_eq!(n.gender(), None);
    }

    #[test]
    fn a_title_and_surname_alone_have_no_given_names() {
        let n = name("Mr Oakford");
        assert!(n.given.is_empty());
        assert_eq!(n.surname, "Oakford");
    }

    #[test]
    fn dotted_and_spelt_out_titles_are_titles() {
        assert_eq!(name("Supt. Mark Travis").honorifics, ["Supt"]);
        assert_eq!(name("Councillor Alan Brown").honorifics, ["Councillor"]);
        assert_eq!(name("Cllr. Tom Wells").surname, "Wells");
    }

    #[test]
    fn post_nominals_after_a_comma_or_not_are_split_off() {
        let n = name("Mrs A D Allen, MBE");
        assert_eq!(n.surname, "Allen");
        assert_eq!(n.post_nominals, ["MBE"]);
        assert_eq!(initials("Mrs A D Allen, MBE"), "AD");
        assert_eq!(name("Mr K A Ferrin MBE").post_nominals, ["MBE"]);
    }

    #[test]
    fn dotted_and_run_together_initials_are_initials() {
        assert_eq!(initials("Mr P.J. Oakford"), "PJ");
        assert_eq!(initials("Mr PJ Oakford"), "PJ");
    }

    #[test]
    fn particles_belong_to_the_surname() {
        assert_eq!(name("Dr Anna van der Berg").surname, "van der Berg");
    }

    #[test]
    fn a_hyphen_broken_by_the_converter_is_rejoined() {
        assert_eq!(name("Veronika Segall- Jones").surname, "Segall-Jones");
    }

    #[test]
    fn bracketed_notes_are_ignored() {
        assert_eq!(name("Mr R W Gough (Chairman)").surname, "Gough");
    }

    #[test]
    fn text_without_a_surname_is_not_a_name() {
        assert!(PersonName::parse("").is_none());
        assert!(PersonName::parse("  , ").is_none());
        assert!(PersonName::parse("Item 4").is_none());
    }

    #[test]
    fn a_lone_title_is_read_as_a_surname() {
        assert_eq!(name("Lord").surname, "Lord");
    }

    #[test]
    fn keys_agree_across_printings_of_the_same_name() {
        assert_eq!(
            name("Cllr. Tom Wells").key(),
            name("Councillor Tom Wells").key()
        );
        assert_eq!(name("Mr P. J. Oakford").key(), name("Mr P J Oakford").key());
        assert_ne!(name("Mr P J Oakford").key(), name("Mr Oakford").key());
    }

    #[test]
    fn initials_fit_whole_names_that_start_with_them() {
        assert!(compatible(&name("Mr P J Oakford"), &name("Peter Oakford")));
        assert!(compatible(&name("Mr Oakford"), &name("Peter Oakford")));
        assert!(compatible(&name("Mr P J Oakford"), &name("Mr Oakford")));
    }

    #[test]
    fn conflicting_initials_genders_or_surnames_are_not_compatible() {
        assert!(!compatible(&name("Mr A Smith"), &name("Mrs B Smith")));
        assert!(!compatible(&name("Mr Smith"), &name("Mrs Smith")));
        assert!(!compatible(&name("Paul Oakford"), &name("Peter Oakford")));
        assert!(!compatible(&name("Mr P Oakford"), &name("Mr P Oakley")));
    }

    #[test]
    fn surnames_compare_without_case_or_punctuation() {
        assert!(compatible(&name("Mrs V OAKFORD"), &name("Mrs V Oakford")));
        assert!(compatible(
            &name("Ms Segall- Jones"),
            &name("Ms Segall-Jones")
        ));
    }

    #[test]
    fn specificity_ranks_fuller_names_first() {
        assert!(name("Mr P J Oakford").specificity() > name("Peter Oakford").specificity());
        assert!(name("Peter Oakford").specificity() > name("Mr Oakford").specificity());
    }
}
