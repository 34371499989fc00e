//! One current version of each meeting's records when packs repeat
//! themselves (`migrations/0009_reissued_packs.sql`).
//!
//! - **A re-issued pack** (a pack for a meeting that already has one: same
//!   body and date, different bytes) replaces the earlier pack's records
//!   (agenda, reports, membership, minutes, scorecard rows); the earlier
//!   document is kept, with `superseded_by` naming the new one.
//! - **Minutes printed in two documents** (the minutes of a meeting in the
//!   next meeting's pack and again in a later one) are kept once: the
//!   printing in Moot's own published minutes, else in the pack issued for
//!   the latest meeting, else the one imported last. The other printing's
//!   rows are removed; its document keeps its text.
//!
//! Before records leave a document, the exempt line ranges it has then are
//! kept in `withheld_lines`, so its page withholds exactly what it withheld
//! before. Both steps run inside the importing transaction.

use crate::db;
use crate::read::papers::exempt_ranges;
use moot_store::{DocumentId, StoreError};
use rusqlite::{params, Connection, Params};

/// Documents Moot generated itself (a clerk's published agenda and
/// minutes): never superseded by an import.
/// Whether the document `column` names is one of them (looked up through
/// the `clerk_meetings_by_agenda` and `_by_minutes` indexes).
fn is_clerk_document(column: &str) -> String {
    format!(
        "(EXISTS (SELECT 1 FROM clerk_meetings WHERE agenda_document_id = {column})
          OR EXISTS (SELECT 1 FROM clerk_meetings WHERE minutes_document_id = {column}))"
    )
}

/// Replaces the packs stored earlier for `meeting` with `doc`: their
/// records are removed and each is marked superseded by `doc`. Returns
/// their ids, oldest first.
pub(crate) fn supersede_earlier_packs(
    conn: &Connection,
    meeting: i64,
    doc: i64,
) -> Result<Vec<i64>, StoreError> {
    let earlier: Vec<i64> = ids(
        conn,
        &format!(
            "SELECT id FROM documents WHERE meeting_id = ?1 AND id <> ?2
             AND superseded_by IS NULL AND NOT {} ORDER BY id",
            is_clerk_document("documents.id")
        ),
        params![meeting, doc],
    )?;
    for &old in &earlier {
        keep_withheld_lines(conn, old)?;
        conn.execute(
            "INSERT INTO retired_parts (document_id, by_document_id, meeting_id)
             SELECT ?1, ?2, ?3
             UNION SELECT DISTINCT ?1, ?2, meeting_id FROM minutes
                   WHERE document_id = ?1 AND meeting_id IS NOT NULL",
            params![old, doc, meeting],
        )
        .map_err(db)?;
        let minutes = ids(conn, "SELECT id FROM minutes WHERE document_id = ?1", [old])?;
        delete_minutes(conn, &minutes)?;
        for table in [
            "agenda_items",
            "reports",
            "memberships",
            "indicator_values",
            "indicator_thresholds",
        ] {
            conn.execute(
                &format!("DELETE FROM {table} WHERE document_id = ?1"),
                [old],
            )
            .map_err(db)?;
        }
        conn.execute(
            "UPDATE documents SET superseded_by = ?2 WHERE id = ?1",
            params![old, doc],
        )
        .map_err(db)?;
    }
    Ok(earlier)
}

/// Keeps one printing of the minutes of each meeting `doc` has minutes of
/// (see the module docs for which), removing the others' rows.
pub(crate) fn one_printing_of_minutes(conn: &Connection, doc: i64) -> Result<(), StoreError> {
    let meetings = ids(
        conn,
        "SELECT DISTINCT meeting_id FROM minutes WHERE document_id = ?1 AND meeting_id IS NOT NULL",
        [doc],
    )?;
    for meeting in meetings {
        // Every document printing this meeting's minutes, the one kept first.
        let printings = ids(
            conn,
            &format!(
                "SELECT mn.document_id FROM minutes mn
                 JOIN documents d ON d.id = mn.document_id
                 LEFT JOIN meetings issued ON issued.id = d.meeting_id
                 WHERE mn.meeting_id = ?1
                 GROUP BY mn.document_id
                 ORDER BY {} DESC,
                          max(issued.date) IS NULL, max(issued.date) DESC, mn.document_id DESC",
                is_clerk_document("mn.document_id")
            ),
            [meeting],
        )?;
        let Some((&kept, others)) = printings.split_first() else {
            continue;
        };
        for &other in others {
            keep_withheld_lines(conn, other)?;
            conn.execute(
                "INSERT INTO retired_parts (document_id, by_document_id, meeting_id)
                 VALUES (?1, ?2, ?3)",
                params![other, kept, meeting],
            )
            .map_err(db)?;
            let minutes = ids(
                conn,
                "SELECT id FROM minutes WHERE document_id = ?1 AND meeting_id = ?2",
                params![other, meeting],
            )?;
            delete_minutes(conn, &minutes)?;
        }
    }
    Ok(())
}

/// Stores the exempt line ranges `doc` has now in `withheld_lines`.
fn keep_withheld_lines(conn: &Connection, doc: i64) -> Result<(), StoreError> {
    let mut insert = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO withheld_lines (document_id, lines_first, lines_last)
             VALUES (?1, ?2, ?3)",
        )
        .map_err(db)?;
    for range in exempt_ranges(conn, DocumentId(doc))? {
        insert
            .execute(params![doc, range.first, range.last])
            .map_err(db)?;
    }
    Ok(())
}

/// Removes sets of minutes with everything recorded under them
/// (attendance, declarations, minutes, their resolutions and corrections).
pub(crate) fn delete_minutes(conn: &Connection, minutes: &[i64]) -> Result<(), StoreError> {
    const UNDER_MINUTES: [&str; 6] = [
        "DELETE FROM resolutions WHERE minute_item_id IN
           (SELECT id FROM minute_items WHERE minutes_id = ?1)",
        "DELETE FROM minute_corrections WHERE minute_item_id IN
           (SELECT id FROM minute_items WHERE minutes_id = ?1)",
        "DELETE FROM minute_items WHERE minutes_id = ?1",
        "DELETE FROM attendance WHERE minutes_id = ?1",
        "DELETE FROM declarations WHERE minutes_id = ?1",
        "DELETE FROM minutes WHERE id = ?1",
    ];
    for id in minutes {
        for sql in UNDER_MINUTES {
            conn.prepare_cached(sql)
                .and_then(|mut s| s.execute([id]))
                .map_err(db)?;
        }
    }
    Ok(())
}

fn ids(conn: &Connection, sql: &str, params: impl Params) -> Result<Vec<i64>, StoreError> {
    crate::read::all(conn, sql, params, |r| r.get(0))
}
