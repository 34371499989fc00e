//! Deciding which printed names are one person.
//!
//! The resolver is given the names one pack prints for one body, the people
//! already known in the organisation (each with the names they were printed
//! under, body by body) and the decisions people made by hand. It assigns
//! every name to a known person or a new one, and says why in words a clerk
//! can check ("same surname and first initial P as Mr P J Oakford on Health
//! and Wellbeing Board").
//!
//! It errs towards keeping people apart: a wrong merge hides a person, a
//! wrong split only shows one twice and is mended with `moot people merge`.
//! The rules, in order:
//!
//! 1. A hand-made decision about this very printing wins ("same as" joins,
//!    "apart from" rules a person out).
//! 2. The exact printing already seen on this body is that person.
//! 3. On this body, the one person whose every printing is compatible and
//!    who shares the first initial; failing that, the one compatible person
//!    when the name or the person has no initials. Two or more: ambiguous,
//!    so a new person.
//! 4. Elsewhere in the organisation, the one person printed exactly so,
//!    when the printing has initials or given names.
//! 5. Otherwise a new person.
//!
//! Names are taken most telling first ("Mr P J Oakford" before "Mr
//! Oakford"), so the result does not depend on the order they are given in.

use crate::name::{compatible, share_first_initial, Given, PersonName};
use std::cmp::Reverse;

/// A name as printed on one body.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Variant {
    /// The body's name.
    pub body: String,
    /// The name as printed.
    pub name: String,
}

impl Variant {
    /// A printing of `name` on `body`.
    pub fn new(body: &str, name: &str) -> Variant {
        Variant {
            body: body.to_string(),
            name: name.to_string(),
        }
    }
}

/// A person already known, with every printing of their name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known<P> {
    /// The caller's id for the person.
    pub id: P,
    /// Each printing, body by body.
    pub variants: Vec<Variant>,
}

/// What a hand-made decision says about two printings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    /// They are one person.
    Same,
    /// They are different people.
    Apart,
}

/// A decision made by hand (`moot people merge` or `split`), kept by
/// printing rather than by id so that it outlives the people rows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Override {
    /// Same or apart.
    pub rule: Rule,
    /// One printing.
    pub a: Variant,
    /// The other printing.
    pub b: Variant,
}

/// Who a name was given to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Person<P> {
    /// A person the caller already knows.
    Known(P),
    /// The n-th new person (from 0) this call made; every name given the
    /// same number is the same new person.
    New(usize),
}

/// The verdict on one printed name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution<P> {
    /// The name as given.
    pub name: String,
    /// Who it is.
    pub person: Person<P>,
    /// Why, in a sentence.
    pub reason: String,
}

/// Assigns each of `names` (printed on `body`) to a known person or a new
/// one. Names that are not a person's name (no surname) are left out.
/// Several printings that agree exactly get one verdict each, all alike.
pub fn resolve<P: Copy + Ord>(
    body: &str,
    names: &[String],
    known: &[Known<P>],
    overrides: &[Override],
) -> Vec<Resolution<P>> {
    let mut resolver = Resolver::new(body, known, overrides);
    let mut out = Vec::new();
    for (printed, parsed) in in_telling_order(names) {
        let (person, reason) = resolver.place(&parsed);
        out.push(Resolution {
            name: printed,
            person,
            reason,
        });
    }
    out
}

/// Distinct parsable names, most telling first, ties by key then printing.
fn in_telling_order(names: &[String]) -> Vec<(String, PersonName)> {
    let mut parsed: Vec<(String, PersonName)> = names
        .iter()
        .filter_map(|n| PersonName::parse(n).map(|p| (n.clone(), p)))
        .collect();
    parsed.sort_by(|(a, pa), (b, pb)| {
        (Reverse(pa.specificity()), pa.key(), a).cmp(&(Reverse(pb.specificity()), pb.key(), b))
    });
    parsed.dedup_by(|(a, _), (b, _)| a == b);
    parsed
}

struct Candidate<P> {
    who: Person<P>,
    variants: Vec<(String, PersonName)>,
}

enum Found {
    One(usize, String),
    Ambiguous(String),
    Nothing,
}

struct Resolver<'a, P> {
    body: &'a str,
    candidates: Vec<Candidate<P>>,
    overrides: Vec<(Rule, String, String, String, String)>,
    new_people: usize,
}

impl<'a, P: Copy + Ord> Resolver<'a, P> {
    fn new(body: &'a str, known: &[Known<P>], overrides: &[Override]) -> Self {
        let mut sorted: Vec<&Known<P>> = known.iter().collect();
        sorted.sort_by_key(|k| k.id);
        let candidates = sorted
            .into_iter()
            .map(|k| Candidate {
                who: Person::Known(k.id),
                variants: parsed_variants(&k.variants),
            })
            .collect();
        let overrides = overrides
            .iter()
            .filter_map(|o| {
                let a = PersonName::parse(&o.a.name)?.key();
                let b = PersonName::parse(&o.b.name)?.key();
                Some((o.rule, o.a.body.clone(), a, o.b.body.clone(), b))
            })
            .collect();
        Resolver {
            body,
            candidates,
            overrides,
            new_people: 0,
        }
    }

    fn place(&mut self, name: &PersonName) -> (Person<P>, String) {
        let excluded = self.ruled_apart(name);
        let found = match self.joined_by_hand(name) {
            Found::Nothing => self.seen_exactly_here(name, &excluded),
            found => found,
        };
        let found = match found {
            Found::Nothing => self.compatible_here(name, &excluded),
            found => found,
        };
        let found = match found {
            Found::Nothing => self.same_printing_elsewhere(name, &excluded),
            found => found,
        };
        match found {
            Found::One(index, reason) => self.assign(index, name, reason),
            Found::Ambiguous(reason) => self.add_new(name, reason),
            Found::Nothing => {
                let reason = format!("first seen as {} on {}", name.printed, self.body);
                self.add_new(name, reason)
            }
        }
    }

    fn assign(&mut self, index: usize, name: &PersonName, reason: String) -> (Person<P>, String) {
        let Some(candidate) = self.candidates.get_mut(index) else {
            return self.add_new(name, reason);
        };
        candidate
            .variants
            .push((self.body.to_string(), name.clone()));
        (candidate.who, reason)
    }

    fn add_new(&mut self, name: &PersonName, reason: String) -> (Person<P>, String) {
        let who = Person::New(self.new_people);
        self.new_people += 1;
        self.candidates.push(Candidate {
            who,
            variants: vec![(self.body.to_string(), name.clone())],
        });
        (who, reason)
    }

    /// The other sides of hand-made decisions about this printing.
    fn decided(&self, name: &PersonName, rule: Rule) -> Vec<(String, String)> {
        let key = name.key();
        let mut out = Vec::new();
        for (r, body_a, a, body_b, b) in &self.overrides {
            if *r != rule {
                continue;
            }
            if body_a == self.body && *a == key {
                out.push((body_b.clone(), b.clone()));
            }
            if body_b == self.body && *b == key {
                out.push((body_a.clone(), a.clone()));
            }
        }
        out
    }

    fn holder_of(&self, body: &str, key: &str) -> Option<usize> {
        self.candidates.iter().position(|c| {
            c.variants
                .iter()
                .any(|(b, n)| b.as_str() == body && n.key() == key)
        })
    }

    fn ruled_apart(&self, name: &PersonName) -> Vec<usize> {
        self.decided(name, Rule::Apart)
            .iter()
            .filter_map(|(body, key)| self.holder_of(body, key))
            .collect()
    }

    fn joined_by_hand(&self, name: &PersonName) -> Found {
        let others = self.decided(name, Rule::Same);
        match others
            .iter()
            .find_map(|(body, key)| self.holder_of(body, key))
        {
            Some(index) => Found::One(
                index,
                format!("merged by hand with a printing on {}", self.body),
            ),
            None => Found::Nothing,
        }
    }

    fn seen_exactly_here(&self, name: &PersonName, excluded: &[usize]) -> Found {
        match self.holder_of(self.body, &name.key()) {
            Some(index) if !excluded.contains(&index) => Found::One(
                index,
                format!("printed as {} on {} before", name.printed, self.body),
            ),
            _ => Found::Nothing,
        }
    }

    fn compatible_here(&self, name: &PersonName, excluded: &[usize]) -> Found {
        let fits: Vec<usize> = (0..self.candidates.len())
            .filter(|i| !excluded.contains(i) && self.sits_here_and_fits(*i, name))
            .collect();
        let strong: Vec<usize> = fits
            .iter()
            .copied()
            .filter(|i| self.first_initial_shared(*i, name).is_some())
            .collect();
        match (strong.as_slice(), fits.as_slice()) {
            ([one], _) => Found::One(*one, self.strong_reason(*one, name)),
            ([], [one]) if self.says_nothing_against(*one, name) => {
                Found::One(*one, self.weak_reason(*one, name))
            }
            ([], []) => Found::Nothing,
            (many, all) => Found::Ambiguous(format!(
                "new: {} could be any of {} people named {} on {}",
                name.printed,
                many.len().max(all.len()),
                name.surname,
                self.body
            )),
        }
    }

    fn sits_here_and_fits(&self, index: usize, name: &PersonName) -> bool {
        self.candidates.get(index).is_some_and(|c| {
            c.variants.iter().any(|(b, _)| b == self.body)
                && c.variants.iter().all(|(_, n)| compatible(n, name))
        })
    }

    fn first_initial_shared(&self, index: usize, name: &PersonName) -> Option<(Given, &str)> {
        let candidate = self.candidates.get(index)?;
        candidate
            .variants
            .iter()
            .find_map(|(_, n)| share_first_initial(name, n).map(|g| (g, n.printed.as_str())))
    }

    /// A surname-only match is taken when one side has no given names at all
    /// (otherwise the first initials would have been compared).
    fn says_nothing_against(&self, index: usize, name: &PersonName) -> bool {
        let bare_person = self
            .candidates
            .get(index)
            .is_some_and(|c| c.variants.iter().all(|(_, n)| n.given.is_empty()));
        name.given.is_empty() || bare_person
    }

    fn strong_reason(&self, index: usize, name: &PersonName) -> String {
        match self.first_initial_shared(index, name) {
            Some((Given::Name(first), other)) if other != name.printed => format!(
                "same surname and first name {first} as {other} on {}",
                self.body
            ),
            Some((given, other)) => format!(
                "same surname and first initial {} as {other} on {}",
                given.initial(),
                self.body
            ),
            None => self.weak_reason(index, name),
        }
    }

    fn weak_reason(&self, index: usize, name: &PersonName) -> String {
        let other = self
            .candidates
            .get(index)
            .and_then(|c| c.variants.first())
            .map_or(String::new(), |(_, n)| n.printed.clone());
        format!(
            "same surname as {other}, the only {} on {}, nothing conflicting",
            name.surname, self.body
        )
    }

    fn same_printing_elsewhere(&self, name: &PersonName, excluded: &[usize]) -> Found {
        if name.given.is_empty() {
            return Found::Nothing;
        }
        let key = name.key();
        let holders: Vec<(usize, &str)> = self
            .candidates
            .iter()
            .enumerate()
            .filter(|(i, _)| !excluded.contains(i))
            .filter_map(|(i, c)| {
                c.variants
                    .iter()
                    .find(|(_, n)| n.key() == key)
                    .map(|(b, _)| (i, b.as_str()))
            })
            .collect();
        match holders.as_slice() {
            [(index, body)] => Found::One(
                *index,
                format!("printed exactly as {} on {body}", name.printed),
            ),
            _ => Found::Nothing,
        }
    }
}

fn parsed_variants(variants: &[Variant]) -> Vec<(String, PersonName)> {
    let mut sorted: Vec<&Variant> = variants.iter().collect();
    sorted.sort();
    sorted
        .into_iter()
        .filter_map(|v| PersonName::parse(&v.name).map(|n| (v.body.clone(), n)))
        .collect()
}
