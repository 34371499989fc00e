//! The audit log: one row per change, written in the same transaction as
//! the change itself, so a change is never stored without its entry nor an
//! entry without its change.

use crate::db;
use moot_store::{Actor, AuditEntry, StoreError};
use rusqlite::{params, Connection, Row};
use serde_json::Value;

/// Records that `actor` did `action` to `subject` (`meeting/12`), with the
/// record before and after as JSON. Call it inside the change's
/// transaction.
pub(crate) fn record(
    conn: &Connection,
    actor: &Actor,
    action: &str,
    subject: &str,
    before: Option<&Value>,
    after: Option<&Value>,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO audit_log (at, actor, account_id, action, subject, before, after)
         VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            actor.to_string(),
            actor.account().map(|a| a.0),
            action,
            subject,
            before.map(Value::to_string),
            after.map(Value::to_string),
        ],
    )
    .map_err(db)?;
    Ok(())
}

/// The latest `limit` entries after skipping `offset`, newest first,
/// optionally only those about `subject`.
pub(crate) fn entries(
    conn: &Connection,
    subject: Option<&str>,
    limit: u32,
    offset: u32,
) -> Result<Vec<AuditEntry>, StoreError> {
    let mut statement = conn
        .prepare(
            "SELECT a.id, a.at, a.actor, acc.id, a.action, a.subject, a.before, a.after
             FROM audit_log a LEFT JOIN accounts acc ON acc.id = a.account_id
             WHERE ?1 IS NULL OR a.subject = ?1
             ORDER BY a.id DESC LIMIT ?2 OFFSET ?3",
        )
        .map_err(db)?;
    let rows = statement
        .query_map(params![subject, limit, offset], entry)
        .map_err(db)?;
    rows.collect::<Result<_, _>>().map_err(db)
}

fn entry(r: &Row<'_>) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        id: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        account: r.get::<_, Option<i64>>(3)?.map(moot_store::AccountId),
        action: r.get(4)?,
        subject: r.get(5)?,
        before: r.get(6)?,
        after: r.get(7)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SqliteStore;
    use serde_json::json;

    #[test]
    fn an_entry_keeps_who_what_and_both_states() {
        let store = SqliteStore::open_in_memory().unwrap();
        let cli = Actor::CommandLine {
            user: "ops".to_owned(),
        };
        let before = json!({ "venue": "Room 1" });
        let after = json!({ "venue": "Room 2" });
        record(
            &store.conn,
            &cli,
            "meeting.update",
            "meeting/1",
            Some(&before),
            Some(&after),
        )
        .unwrap();
        record(
            &store.conn,
            &cli,
            "meeting.create",
            "meeting/2",
            None,
            Some(&after),
        )
        .unwrap();
        let all = entries(&store.conn, None, 10, 0).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].subject, "meeting/2", "newest first");
        let one = entries(&store.conn, Some("meeting/1"), 10, 0).unwrap();
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].actor, "cli:ops");
        assert_eq!(one[0].account, None);
        assert_eq!(one[0].before.as_deref(), Some(r#"{"venue":"Room 1"}"#));
        assert_eq!(one[0].after.as_deref(), Some(r#"{"venue":"Room 2"}"#));
        assert!(one[0].at.ends_with('Z'));
        let older = entries(&store.conn, None, 10, 1).unwrap();
        assert_eq!(older.len(), 1);
        assert_eq!(older[0].subject, "meeting/1", "the offset skips the newest");
    }
}
