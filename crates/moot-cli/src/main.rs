//! `moot`: the command line over Moot's library crates.
//!
//! Exit status: 0 when everything asked for was done, 1 when some inputs
//! failed (the others are still processed), 2 on a usage or fatal error.

mod agenda;
mod database;
mod demo;
mod extract;
mod import;
mod indicators;
mod people;
mod read;
mod reindex;
mod serve;
mod user;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "moot", version, about = "Committee records for UK councils")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Publish a clerk's draft agenda (the notice check, both agenda
    /// packs), as the site's publish form does.
    Agenda(agenda::Args),
    /// Read agenda packs (text or PDF) or saved meeting pages and print
    /// what they hold as moot-pack/1 JSON.
    Extract(extract::Args),
    /// Store agenda packs (files or directories) in the database.
    Import(import::Args),
    /// Load scorecard values from CSV; check printed ratings against the
    /// rules.
    Indicators(indicators::Args),
    /// List the people found across packs; merge or split them by hand.
    People(people::Args),
    /// Rebuild the search index from the database.
    Reindex(reindex::Args),
    /// Serve the public site (HTML pages, JSON under /api/) over the
    /// database.
    Serve(serve::Args),
    /// Manage the accounts of the clerk's side (add, list, set-role,
    /// disable, password).
    User(user::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Agenda(args) => agenda::run(&args),
        Command::Extract(args) => extract::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Indicators(args) => indicators::run(&args),
        Command::People(args) => people::run(&args),
        Command::Reindex(args) => reindex::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::User(args) => user::run(&args),
    };
    match outcome {
        Ok(status) => status,
        Err(error) => {
            eprintln!("moot: {error:#}");
            ExitCode::from(2)
        }
    }
}
