//! Which database the commands that store things use: `--db PATH`, else
//! the `MOOT_DB` environment variable, else `./moot.db`; and which search
//! index goes with it: `--index PATH`, else `MOOT_INDEX`, else the
//! database's path with `.search` added (`moot.db.search`).

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
    /// The search index directory, derived from the database and kept in
    /// step with it [default: $MOOT_INDEX, else the database's path
    /// with .search added].
    #[arg(long, value_name = "PATH", global = true)]
    index: Option<PathBuf>,
}

impl DbArgs {
    /// The path chosen by flag, environment or default.
    pub fn path(&self) -> PathBuf {
        self.db
            .clone()
            .or_else(|| std::env::var_os("MOOT_DB").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("moot.db"))
    }

    /// The search index's directory chosen by flag, environment or
    /// default.
    pub fn index_path(&self) -> PathBuf {
        self.index
            .clone()
            .or_else(|| std::env::var_os("MOOT_INDEX").map(PathBuf::from))
            .unwrap_or_else(|| moot_search::index_path(&self.path()))
    }

    /// Opens (creating and migrating if need be) the chosen database.
    pub fn open(&self) -> Result<SqliteStore> {
        let path = self.path();
        SqliteStore::open(&path).with_context(|| format!("cannot open database {}", path.display()))
    }
}
