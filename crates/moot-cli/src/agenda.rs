//! `moot agenda publish`: publishes a clerk's draft agenda from the
//! command line, through the same service the site's publish form calls
//! (`moot_publish::publish_agenda`): the notice check for today in the
//! United Kingdom, both agenda packs, the store's publish, in the audit
//! log as `cli:$USER`. Short notice is refused with the warning unless
//! `--accept-short-notice` is given. The search index is brought up to
//! date after.

use crate::database::DbArgs;
use crate::reindex::Upkeep;
use anyhow::{bail, Result};
use moot_clerk::BankHolidays;
use moot_domain::{Clock, SystemClock};
use moot_store::{ClerkMeetingId, StoreError};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `moot agenda`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArgs,
    #[command(subcommand)]
    action: Action,
}

#[derive(clap::Subcommand)]
enum Action {
    /// Publish a draft agenda today, with both agenda packs.
    Publish {
        /// The clerk's meeting id (as in /clerk/meetings/ID).
        meeting: i64,
        /// Publish even though fewer than five clear working days
        /// remain, or the holiday list does not cover the dates.
        #[arg(long)]
        accept_short_notice: bool,
        /// A newer bank holiday list for the notice check
        /// [default: $MOOT_BANK_HOLIDAYS, else the one shipped].
        #[arg(long, value_name = "FILE")]
        bank_holidays: Option<PathBuf>,
    },
}

/// Runs `moot agenda`.
pub fn run(args: &Args) -> Result<ExitCode> {
    let Action::Publish {
        meeting,
        accept_short_notice,
        bank_holidays,
    } = &args.action;
    let holidays = match bank_holidays
        .clone()
        .or_else(|| std::env::var_os("MOOT_BANK_HOLIDAYS").map(PathBuf::from))
    {
        Some(file) => crate::serve::bank_holidays(&file)?,
        None => BankHolidays::shipped(),
    };
    let Some(today) = SystemClock.today() else {
        bail!("the system clock is outside the dates Moot handles");
    };
    let mut store = args.db.open()?;
    let outcome = moot_publish::publish_agenda(
        &mut store,
        &crate::user::actor(),
        ClerkMeetingId(*meeting),
        today,
        &holidays,
        *accept_short_notice,
    );
    match outcome {
        Ok(notice) => {
            Upkeep::open(&args.db).records_changed(&store);
            println!("published the agenda of meeting {meeting}; notice: {notice}");
            Ok(ExitCode::SUCCESS)
        }
        Err(StoreError::Fields(faults)) => {
            for (field, fault) in faults.iter() {
                eprintln!("moot: {field}: {fault}");
            }
            if faults.for_field(moot_publish::ACCEPT_SHORT_NOTICE).count() > 0 {
                eprintln!("moot: (give --accept-short-notice to publish at short notice)");
            }
            Ok(ExitCode::from(1))
        }
        Err(error) => Err(error.into()),
    }
}
