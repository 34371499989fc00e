//! `moot user`: accounts for the clerk's side, managed by whoever holds
//! the database file. Every change is recorded in the audit log as done
//! by `cli:USER` (the login name from `$USER`, else `$LOGNAME`).
//!
//! Passwords are read from the terminal without echo, or as the first
//! line of stdin with `--password-stdin` (for scripts); they never appear
//! on the command line, where other users could see them.

use crate::database::DbArgs;
use anyhow::{bail, Context, Result};
use moot_store::{Account, AccountStore, Actor, NewAccount, PersonId, Role};
use moot_store_sqlite::SqliteStore;
use std::io::{BufRead, Write};
use std::process::ExitCode;

/// Arguments of `moot user`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArgs,
    #[command(subcommand)]
    action: Action,
}

#[derive(clap::Subcommand)]
enum Action {
    /// Make an account; its password is asked for.
    Add {
        /// The name it signs in with (letters, digits, `.`, `_`, `-`).
        username: String,
        /// member, clerk or admin.
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// The name shown on pages.
        #[arg(long = "name", value_name = "DISPLAY NAME")]
        display_name: String,
        /// The person (from `moot people list`) a member's account speaks
        /// for.
        #[arg(long, value_name = "ID")]
        person: Option<i64>,
        /// Read the password from the first line of stdin.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Every account: user name, role, state, display name.
    List,
    /// Give an account another role.
    SetRole {
        /// The account's user name.
        username: String,
        /// member, clerk or admin.
        #[arg(value_parser = parse_role)]
        role: Role,
    },
    /// Stop an account signing in; its sessions end at once.
    Disable {
        /// The account's user name.
        username: String,
    },
    /// Set an account's password; its sessions end at once.
    Password {
        /// The account's user name.
        username: String,
        /// Read the password from the first line of stdin.
        #[arg(long)]
        password_stdin: bool,
    },
}

fn parse_role(text: &str) -> Result<Role, String> {
    Role::parse(text).ok_or_else(|| format!("'{text}' is not a role: member, clerk or admin"))
}

/// The operating-system user running the command, as the audit log
/// names them.
pub(crate) fn actor() -> Actor {
    let user = ["USER", "LOGNAME"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|u| !u.is_empty()))
        .unwrap_or_else(|| "unknown".to_owned());
    Actor::CommandLine { user }
}

/// Runs `moot user`.
pub fn run(args: &Args) -> Result<ExitCode> {
    let mut store = args.db.open()?;
    match &args.action {
        Action::Add {
            username,
            role,
            display_name,
            person,
            password_stdin,
        } => {
            let password = password(*password_stdin)?;
            let new = NewAccount {
                username,
                display_name,
                password: &password,
                role: *role,
                person: person.map(PersonId),
            };
            let account = store.add_account(&actor(), &new)?;
            println!("added {} ({})", account.username, account.role);
        }
        Action::List => list(&store)?,
        Action::SetRole { username, role } => {
            let id = named(&store, username)?.id;
            store.set_account_role(&actor(), id, *role)?;
            println!("{username} is now {role}");
        }
        Action::Disable { username } => {
            let id = named(&store, username)?.id;
            store.disable_account(&actor(), id)?;
            println!("disabled {username}");
        }
        Action::Password {
            username,
            password_stdin,
        } => {
            let id = named(&store, username)?.id;
            let password = password(*password_stdin)?;
            store.set_account_password(&actor(), id, &password)?;
            println!("set the password of {username}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn named(store: &SqliteStore, username: &str) -> Result<Account> {
    match store.account_named(username)? {
        Some(account) => Ok(account),
        None => bail!("there is no account named {username}"),
    }
}

/// The new password, from stdin's first line or typed twice at the
/// terminal without echo.
fn password(from_stdin: bool) -> Result<String> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("cannot read the password from stdin")?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
    }
    let first = rpassword::prompt_password("Password: ")
        .context("cannot read the password from the terminal (use --password-stdin)")?;
    let second = rpassword::prompt_password("Password again: ")
        .context("cannot read the password from the terminal")?;
    if first != second {
        bail!("the two passwords differ");
    }
    Ok(first)
}

fn list(store: &SqliteStore) -> Result<()> {
    let mut out = std::io::stdout().lock();
    for account in store.accounts()? {
        let state = if account.is_active() {
            "active"
        } else {
            "disabled"
        };
        writeln!(
            out,
            "{}\t{}\t{state}\t{}",
            account.username, account.role, account.display_name
        )?;
    }
    Ok(())
}
