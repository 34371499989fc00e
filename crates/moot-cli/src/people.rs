//! `moot people`: list the people found across packs, and mend the
//! resolver's mistakes by hand. Merges and splits are kept as decisions
//! about printings, so packs imported later follow them. A merge or split
//! rebuilds the search index, whose people records it changes.

use crate::database::DbArgs;
use crate::reindex::Upkeep;
use anyhow::Result;
use moot_store::{PersonId, Store};
use std::io::Write;
use std::process::ExitCode;

/// Arguments of `moot people`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArgs,
    #[command(subcommand)]
    action: Action,
}

#[derive(clap::Subcommand)]
enum Action {
    /// Every person, with each printing of their name and why it is theirs.
    List,
    /// Make OTHER part of KEEP (their names and records move to KEEP).
    Merge {
        /// The person who stays.
        keep: i64,
        /// The person merged into KEEP.
        other: i64,
    },
    /// Move one printing of a person's name (and the records printed so)
    /// to a new person.
    Split {
        /// The person.
        person: i64,
        /// The printing to move, e.g. "Mr Oakford".
        name: String,
    },
}

/// Runs `moot people`.
pub fn run(args: &Args) -> Result<ExitCode> {
    let mut store = args.db.open()?;
    match &args.action {
        Action::List => list(&store)?,
        Action::Merge { keep, other } => {
            store.merge_people(PersonId(*keep), PersonId(*other))?;
            Upkeep::open(&args.db).records_changed(&store);
            println!("merged person {other} into {keep}");
        }
        Action::Split { person, name } => {
            let new = store.split_person(PersonId(*person), name)?;
            Upkeep::open(&args.db).records_changed(&store);
            println!("split '{name}' off person {person} as person {new}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn list(store: &impl Store) -> Result<()> {
    let mut out = std::io::stdout().lock();
    for person in store.people()? {
        let org = person.organisation.as_deref().unwrap_or("unknown council");
        writeln!(out, "{}\t{}\t({org})", person.id, person.name)?;
        for alias in &person.aliases {
            writeln!(out, "\t{} on {}: {}", alias.name, alias.body, alias.reason)?;
        }
    }
    Ok(())
}
