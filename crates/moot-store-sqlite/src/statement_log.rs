//! A record of the SQL every connection of the store runs, for tests
//! (feature `statement-log`): the query-plan tests start it, drive the
//! site or an import for real, and check the plan of every statement it
//! saw, so the list of statements cannot drift from the code.
//!
//! Each connection [`SqliteStore`](crate::SqliteStore) opens reports the
//! text of each statement as it starts running (its parameters unbound,
//! so one statement is one entry whatever its values); only statements
//! run between [`start`] and [`stop`] are kept. Statements run by
//! triggers and the migrations a connection applies on opening are not.

use rusqlite::trace::{TraceEvent, TraceEventCodes};
use rusqlite::Connection;
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

static RECORDING: AtomicBool = AtomicBool::new(false);
static SEEN: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

/// Forgets what was recorded and records from now on, on every
/// connection of the process.
pub fn start() {
    if let Ok(mut seen) = SEEN.lock() {
        seen.clear();
    }
    RECORDING.store(true, Ordering::SeqCst);
}

/// Stops recording and hands back every distinct statement run since
/// [`start`].
pub fn stop() -> BTreeSet<String> {
    RECORDING.store(false, Ordering::SeqCst);
    SEEN.lock()
        .map(|mut seen| std::mem::take(&mut *seen))
        .unwrap_or_default()
}

/// Reports `conn`'s statements to the log.
pub(crate) fn install(conn: &mut Connection) -> rusqlite::Result<()> {
    conn.trace_v2(
        TraceEventCodes::SQLITE_TRACE_STMT,
        Some(|event: TraceEvent<'_>| {
            if !RECORDING.load(Ordering::Relaxed) {
                return;
            }
            if let TraceEvent::Stmt(statement, _) = event {
                let sql = statement.sql();
                if !sql.trim_start().starts_with("--") {
                    if let Ok(mut seen) = SEEN.lock() {
                        seen.insert(sql.into_owned());
                    }
                }
            }
        }),
    )
}
