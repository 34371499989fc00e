//! Which database the commands that store things use: `--db PATH`, else
//! the `MOOT_DB` environment variable, else `./moot.db`.

use anyhow::{Context, Result};
use moot_store_sqlite::SqliteStore;
use std::path::PathBuf;

/// The `--db` option shared by the commands that use the database.
#[derive(clap::Args)]
pub struct DbArgs {
    /// The database file, created on first use [default: $MOOT_DB, else
    /// ./moot.db].
    #[arg(long, value_name = "PATH", global = true)]
    db: Option<PathBuf>,
}

impl DbArgs {
    /// The path chosen by flag, environment or default.
    pub fn path(&self) -> PathBuf {
        self.db
            .clone()
            .or_else(|| std::env::var_os("MOOT_DB").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("moot.db"))
    }

    /// Opens (creating and migrating if need be) the chosen database.
    pub fn open(&self) -> Result<SqliteStore> {
        let path = self.path();
        SqliteStore::open(&path).with_context(|| format!("cannot open database {}", path.display()))
    }
}
