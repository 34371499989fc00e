//! Versioned migrations: numbered SQL files in `migrations/`, embedded in
//! the binary and applied in order. `PRAGMA user_version` holds how many
//! have been applied. A migration once released is never edited; a change
//! is a new file at the end of [`MIGRATIONS`].

use moot_store::StoreError;
use rusqlite::{Connection, TransactionBehavior};

/// Every migration, in order; the schema version is the count applied.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_initial.sql"),
    include_str!("../migrations/0002_indicators.sql"),
    include_str!("../migrations/0003_indicator_commentary.sql"),
    include_str!("../migrations/0004_accounts.sql"),
    include_str!("../migrations/0005_clerk.sql"),
    include_str!("../migrations/0006_agenda_packs.sql"),
    include_str!("../migrations/0007_minute_corrections.sql"),
    include_str!("../migrations/0008_minute_exempt.sql"),
    include_str!("../migrations/0009_reissued_packs.sql"),
    include_str!("../migrations/0010_lookup_indexes.sql"),
];

/// Every migration's SQL, in order: the schema version `n` is the first
/// `n` applied (tests build databases of earlier schemas from them).
pub fn migrations() -> &'static [&'static str] {
    MIGRATIONS
}

/// Brings the schema up to date, each migration in its own transaction
/// (taken for writing first, so two processes opening a new database at
/// once do not both apply it).
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let applied = schema_version(conn)?;
    let known = MIGRATIONS.len() as i64;
    if applied > known {
        return Err(StoreError::TooNew {
            found: applied,
            known,
        });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(applied as usize) {
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(crate::db)?;
        if schema_version(&tx)? > index as i64 {
            continue; // another process applied it meanwhile
        }
        tx.execute_batch(sql).map_err(crate::db)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)
            .map_err(crate::db)?;
        tx.commit().map_err(crate::db)?;
    }
    Ok(())
}

/// How many migrations the database has had.
pub fn schema_version(conn: &Connection) -> Result<i64, StoreError> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(crate::db)
}
