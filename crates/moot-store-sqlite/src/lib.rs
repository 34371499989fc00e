//! Moot's embedded storage: one SQLite file, created on first use.
//!
//! [`SqliteStore`] implements [`moot_store::Store`]. The schema lives in
//! numbered files under `migrations/`, embedded in the binary and applied in
//! order ([`migrate`]); the database runs in WAL mode with foreign keys on.
//! One pack is imported in one `IMMEDIATE` transaction, so a pack is stored
//! whole or not at all, even when the process is killed half way, and a
//! second importer waits rather than interleaving. A CSV load of
//! indicator values ([`Store::load_indicators`]) is one such transaction
//! too.
//!
//! ```no_run
//! use moot_store::Store;
//! let store = moot_store_sqlite::SqliteStore::open("moot.db".as_ref())?;
//! println!("{} meetings", store.counts()?.meetings);
//! # Ok::<(), moot_store::StoreError>(())
//! ```

mod accounts;
mod audit;
mod clerk;
mod feed;
mod indicators;
mod migrate;
mod pack;
mod pack_scorecard;
mod people;
mod public_rows;
mod read;
mod reissue;
mod scorecard;
mod search;
#[cfg(feature = "statement-log")]
pub mod statement_log;

pub use migrate::{migrations, schema_version};
pub use pack::{slug, Checkpoint};

use moot_domain::{Date, Pack};
use moot_scorecard::CsvIndicatorRow;
use moot_store::{
    Account, AccountId, AccountStore, Actor, AuditEntry, AuditLog, Backend, BodyId, BodyRecord,
    BodySummary, CalendarMeeting, Counts, Database, DecisionEntry, DocumentId, DocumentRecord,
    FeedEntry, ImportOutcome, IndicatorAssessment, IndicatorHistory, IndicatorScope, LoadOutcome,
    MeetingDetail, MeetingId, MeetingRecord, MeetingSummary, NewAccount, PersonDetail, PersonId,
    PersonRecord, ProgrammedMeeting, Revision, Role, SearchRecord, SignIn, SignInCheck, SourceFile,
    Store, StoreError,
};
use rusqlite::{Connection, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A Moot database in one SQLite file.
pub struct SqliteStore {
    conn: Connection,
}

/// The SQLite file a server opens its connections to (see
/// [`moot_store::Backend`]).
#[derive(Debug, Clone)]
pub struct SqliteBackend {
    path: PathBuf,
}

impl SqliteBackend {
    /// The database at `path` (created and migrated on first connection).
    pub fn new(path: PathBuf) -> SqliteBackend {
        SqliteBackend { path }
    }

    /// Where the file is.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Backend for SqliteBackend {
    fn connect(&self) -> Result<Box<dyn Database>, StoreError> {
        Ok(Box::new(SqliteStore::open(&self.path)?))
    }
}

/// Wraps a SQLite error.
pub(crate) fn db(error: rusqlite::Error) -> StoreError {
    StoreError::Database(Box::new(error))
}

impl SqliteStore {
    /// Opens the database at `path`, creating it if missing, and brings its
    /// schema up to date.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let conn = Connection::open(path).map_err(db)?;
        SqliteStore::setup(conn)
    }

    /// A database in memory, for tests and trials.
    pub fn open_in_memory() -> Result<SqliteStore, StoreError> {
        SqliteStore::setup(Connection::open_in_memory().map_err(db)?)
    }

    fn setup(mut conn: Connection) -> Result<SqliteStore, StoreError> {
        conn.busy_timeout(Duration::from_secs(30)).map_err(db)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(db)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(db)?;
        conn.pragma_update(None, "foreign_keys", "ON").map_err(db)?;
        migrate::migrate(&mut conn)?;
        #[cfg(feature = "statement-log")]
        statement_log::install(&mut conn).map_err(db)?;
        Ok(SqliteStore { conn })
    }

    /// Imports a pack like [`Store::import_pack`], calling `checkpoint`
    /// after each stage; an error from it rolls the whole pack back.
    pub fn import_pack_with(
        &mut self,
        source: &SourceFile<'_>,
        pack: &Pack,
        checkpoint: Checkpoint<'_>,
    ) -> Result<ImportOutcome, StoreError> {
        pack::import(&mut self.conn, source, pack, checkpoint)
    }

    /// The raw connection, for checks the store does not offer (tests run
    /// `PRAGMA integrity_check` through it).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

impl Store for SqliteStore {
    fn import_pack(
        &mut self,
        source: &SourceFile<'_>,
        pack: &Pack,
    ) -> Result<ImportOutcome, StoreError> {
        self.import_pack_with(source, pack, &mut |_| Ok(()))
    }

    fn counts(&self) -> Result<Counts, StoreError> {
        read::counts(&self.conn)
    }

    fn meetings(&self) -> Result<Vec<MeetingRecord>, StoreError> {
        read::meetings(&self.conn)
    }

    fn people(&self) -> Result<Vec<PersonRecord>, StoreError> {
        read::people(&self.conn)
    }

    fn recent_meetings(
        &self,
        before: Option<Date>,
        limit: u32,
    ) -> Result<Vec<MeetingSummary>, StoreError> {
        read::recent_meetings(&self.conn, before, limit)
    }

    fn upcoming_meetings(&self, from: Date, limit: u32) -> Result<Vec<MeetingSummary>, StoreError> {
        read::upcoming_meetings(&self.conn, from, limit)
    }

    fn programme(&self, from: Date, limit: u32) -> Result<Vec<ProgrammedMeeting>, StoreError> {
        read::programme(&self.conn, from, limit)
    }

    fn bodies(&self) -> Result<Vec<BodySummary>, StoreError> {
        read::bodies(&self.conn)
    }

    fn body(&self, id: BodyId) -> Result<BodyRecord, StoreError> {
        read::body(&self.conn, id)
    }

    fn meeting(&self, id: MeetingId) -> Result<MeetingDetail, StoreError> {
        read::meeting(&self.conn, id)
    }

    fn person(&self, id: PersonId) -> Result<PersonDetail, StoreError> {
        read::person(&self.conn, id)
    }

    fn decisions(&self, body: Option<BodyId>) -> Result<Vec<DecisionEntry>, StoreError> {
        read::decisions(&self.conn, body)
    }

    fn document(&self, id: DocumentId) -> Result<DocumentRecord, StoreError> {
        read::document(&self.conn, id)
    }

    fn body_calendar(&self, id: BodyId) -> Result<Vec<CalendarMeeting>, StoreError> {
        feed::body_calendar(&self.conn, id)
    }

    fn feed_entries(&self, limit: u32) -> Result<Vec<FeedEntry>, StoreError> {
        feed::feed_entries(&self.conn, limit)
    }

    fn merge_people(&mut self, keep: PersonId, absorb: PersonId) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(db)?;
        people::merge(&tx, keep, absorb)?;
        tx.commit().map_err(db)
    }

    fn split_person(&mut self, person: PersonId, name: &str) -> Result<PersonId, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(db)?;
        let new = people::split(&tx, person, name)?;
        tx.commit().map_err(db)?;
        Ok(new)
    }

    fn searchable(&self, document: Option<DocumentId>) -> Result<Vec<SearchRecord>, StoreError> {
        search::searchable(&self.conn, document)
    }

    fn revision(&self) -> Result<Revision, StoreError> {
        search::revision(&self.conn)
    }

    fn imported_document(&self, bytes: &[u8]) -> Result<Option<DocumentId>, StoreError> {
        pack::document_by_hash(&self.conn, &moot_store::sha256_hex(bytes))
    }

    fn load_indicators(
        &mut self,
        source: &SourceFile<'_>,
        rows: &[CsvIndicatorRow],
    ) -> Result<LoadOutcome, StoreError> {
        indicators::load(&mut self.conn, source, rows)
    }

    fn indicator_assessments(
        &self,
        body: Option<BodyId>,
    ) -> Result<Vec<IndicatorAssessment>, StoreError> {
        indicators::assessments(&self.conn, body)
    }

    fn indicator_histories(
        &self,
        scope: IndicatorScope,
    ) -> Result<Vec<IndicatorHistory>, StoreError> {
        scorecard::histories(&self.conn, scope)
    }
}

impl AccountStore for SqliteStore {
    fn add_account_hashed(
        &mut self,
        actor: &Actor,
        new: &NewAccount<'_>,
        hash: &str,
    ) -> Result<Account, StoreError> {
        accounts::add_hashed(&mut self.conn, actor, new, hash)
    }

    fn accounts(&self) -> Result<Vec<Account>, StoreError> {
        accounts::list(&self.conn)
    }

    fn account(&self, id: AccountId) -> Result<Account, StoreError> {
        accounts::get(&self.conn, id)
    }

    fn account_named(&self, username: &str) -> Result<Option<Account>, StoreError> {
        accounts::find(&self.conn, username)
    }

    fn set_account_role(
        &mut self,
        actor: &Actor,
        id: AccountId,
        role: Role,
    ) -> Result<Account, StoreError> {
        accounts::set_role(&mut self.conn, actor, id, role)
    }

    fn disable_account(&mut self, actor: &Actor, id: AccountId) -> Result<Account, StoreError> {
        accounts::disable(&mut self.conn, actor, id)
    }

    fn set_account_password(
        &mut self,
        actor: &Actor,
        id: AccountId,
        password: &str,
    ) -> Result<Account, StoreError> {
        accounts::set_password(&mut self.conn, actor, id, password)
    }

    fn sign_in_check(&self, username: &str, address: &str) -> Result<SignInCheck, StoreError> {
        accounts::sign_in_check(&self.conn, username, address)
    }

    fn sign_in_finish(
        &mut self,
        username: &str,
        address: &str,
        accepted: Option<Account>,
    ) -> Result<SignIn, StoreError> {
        accounts::sign_in_finish(&mut self.conn, username, address, accepted)
    }

    fn session(&self, token: &str) -> Result<Option<Account>, StoreError> {
        accounts::session(&self.conn, token)
    }

    fn sign_out(&self, token: &str) -> Result<(), StoreError> {
        accounts::sign_out(&self.conn, token)
    }
}

impl AuditLog for SqliteStore {
    fn audit_page(
        &self,
        subject: Option<&str>,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        audit::entries(&self.conn, subject, limit, offset)
    }
}

impl Database for SqliteStore {
    /// SQLite's `PRAGMA data_version`: it moves on every commit of
    /// another connection; this connection's own commits do not move it.
    fn data_version(&self) -> Result<i64, StoreError> {
        self.conn
            .pragma_query_value(None, "data_version", |r| r.get(0))
            .map_err(db)
    }
}
