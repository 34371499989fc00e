//! People across packs: which printed names are one person.
//!
//! A council prints the same member as "Mr P J Oakford" in a membership
//! list, "Peter Oakford" on a report and "Mr Oakford" in a declaration,
//! while two members sharing a surname must stay two people. This crate
//! holds that logic and nothing else: it is pure (no IO, no database), so
//! every rule is tested here and storage only feeds it and records its
//! verdicts.
//!
//! - [`PersonName`] takes a printed name apart (titles, given names or
//!   initials, surname, post-nominals); [`compatible`] says whether two
//!   printings can be one person.
//! - [`words`] is the one list of titles, plural titles, particles and
//!   letters after a name, which the importer asks too.
//! - [`resolve`] assigns the names one pack prints for one body to known
//!   people or new ones, with a reason for each.
//!
//! ```
//! use moot_people::{resolve, Known, Person, Variant};
//!
//! let known = vec![Known { id: 7, variants: vec![Variant::new("Board", "Mr P J Oakford")] }];
//! let names = vec!["Peter Oakford".to_string()];
//! let verdicts = resolve("Board", &names, &known, &[]);
//! assert_eq!(verdicts[0].person, Person::Known(7));
//! assert_eq!(verdicts[0].reason, "same surname and first initial P as Mr P J Oakford on Board");
//! ```

mod name;
mod resolve;
pub mod words;

pub use name::{compatible, share_first_initial, Gender, Given, PersonName};
pub use resolve::{resolve, Known, Override, Person, Resolution, Rule, Variant};
