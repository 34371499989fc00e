//! `moot reindex`: rebuilds the search index from the database, which is
//! the truth; and the index upkeep the commands that change records share.
//! An index that cannot be updated never fails the command that changed
//! the database: it gets a warning and is rebuilt by `moot reindex`, or by
//! `moot serve` when it starts and finds it stale.

use crate::database::DbArgs;
use anyhow::{Context, Result};
use moot_search::SearchIndex;
use moot_store::{DocumentId, Revision};
use moot_store_sqlite::SqliteStore;
use std::process::ExitCode;

/// Arguments of `moot reindex`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArgs,
}

/// Runs `moot reindex`.
pub fn run(args: &Args) -> Result<ExitCode> {
    let store = args.db.open()?;
    let path = args.db.index_path();
    let index = SearchIndex::open(&path)
        .with_context(|| format!("cannot open search index {}", path.display()))?;
    let entries = index.rebuild(&store)?;
    index.finish()?;
    let segments = match index.segments()? {
        1 => "1 segment".to_owned(),
        n => format!("{n} segments"),
    };
    println!(
        "indexed {entries} records and passages in {} ({segments})",
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The search index of a command that changes records, or a warning.
pub struct Upkeep {
    index: Option<SearchIndex>,
}

impl Upkeep {
    /// Opens the index chosen by `db`; a failure is warned about once and
    /// the command goes on without it.
    pub fn open(db: &DbArgs) -> Upkeep {
        let path = db.index_path();
        let index = SearchIndex::open(&path)
            .map_err(|e| warn(&e.to_string()))
            .ok();
        Upkeep { index }
    }

    /// After `document` was imported into `store`, whose revision was
    /// `before` just before.
    pub fn imported(&mut self, store: &SqliteStore, document: DocumentId, before: Revision) {
        self.update(|index| index.add_document(store, document, before).map(drop));
    }

    /// After any change to public records (people merged, an agenda
    /// published): the index is brought up to the store's revision.
    pub fn records_changed(&mut self, store: &SqliteStore) {
        self.update(|index| index.refresh(store).map(drop));
        self.finish();
    }

    /// After the last change of a run: merges a fragmented index and
    /// releases the writer for other processes.
    pub fn finish(&mut self) {
        self.update(SearchIndex::finish);
    }

    /// Runs `work` on the index; after a failure it is left alone (and
    /// stale, which the next rebuild notices).
    fn update(&mut self, work: impl FnOnce(&SearchIndex) -> Result<(), moot_search::SearchError>) {
        if let Some(index) = &self.index {
            if let Err(error) = work(index) {
                warn(&error.to_string());
                self.index = None;
            }
        }
    }
}

fn warn(error: &str) {
    eprintln!("moot: the search index was not updated ({error}); run `moot reindex`");
}
