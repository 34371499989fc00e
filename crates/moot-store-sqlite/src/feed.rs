//! The feeds' reads: a body's dated meetings for its calendar, and the
//! newest minutes and decisions for the Atom feed, each with the import
//! time of the pack it came from.

use crate::read::papers::exempt_items;
use crate::read::OrNotFound;
use crate::read::{all, summary_from, SUMMARY_COLUMNS};
use moot_store::{
    BodyId, CalendarMeeting, ExemptItems, FeedDecision, FeedEntry, FeedItem, MeetingId, StoreError,
};
use rusqlite::Connection;
use std::collections::HashMap;

/// One body's dated meetings, by date.
pub fn body_calendar(conn: &Connection, id: BodyId) -> Result<Vec<CalendarMeeting>, StoreError> {
    conn.query_row("SELECT 1 FROM bodies WHERE id = ?1", [id.0], |_| Ok(()))
        .or_not_found("body", id.0)?;
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS}, m.venue, d.imported_at FROM meetings m
         LEFT JOIN bodies b ON b.id = m.body_id JOIN documents d ON d.id = m.document_id
         WHERE m.body_id = ?1 AND m.date IS NOT NULL ORDER BY m.date, m.id"
    );
    all(conn, &sql, [id.0], |r| {
        Ok(CalendarMeeting {
            meeting: summary_from(r, 0)?,
            venue: r.get(6)?,
            recorded: r.get(7)?,
        })
    })
}

/// The newest `limit` sets of minutes and `limit` decisions (each from the
/// first report carrying its number), newest first.
///
/// Both walk the documents newest first (`documents_by_import`; SQLite
/// keeps the left side of a `CROSS JOIN` outermost) and stop at `limit`,
/// so a feed costs the same however many documents are stored.
pub fn feed_entries(conn: &Connection, limit: u32) -> Result<Vec<FeedEntry>, StoreError> {
    let minutes_sql = format!(
        "SELECT mn.id, (SELECT count(*) FROM minute_items WHERE minutes_id = mn.id),
         d.imported_at, {SUMMARY_COLUMNS} FROM documents d
         CROSS JOIN minutes mn ON mn.document_id = d.id
         JOIN meetings m ON m.id = mn.meeting_id LEFT JOIN bodies b ON b.id = m.body_id
         ORDER BY d.imported_at DESC, mn.id DESC LIMIT ?1"
    );
    let mut entries = all(conn, &minutes_sql, [limit], |r| {
        Ok(FeedEntry {
            item: FeedItem::Minutes {
                id: r.get(0)?,
                items: r.get::<_, i64>(1)?.max(0) as u64,
            },
            recorded: r.get(2)?,
            meeting: summary_from(r, 3)?,
        })
    })?;
    let decisions_sql = format!(
        "SELECT r.decision, r.subject, r.classification, r.meeting_id,
         d.imported_at, {SUMMARY_COLUMNS} FROM documents d
         CROSS JOIN reports r ON r.document_id = d.id
         JOIN meetings m ON m.id = r.meeting_id LEFT JOIN bodies b ON b.id = m.body_id
         WHERE r.decision IS NOT NULL AND r.id = (
           SELECT min(r2.id) FROM reports r2 JOIN meetings m2 ON m2.id = r2.meeting_id
           LEFT JOIN bodies b2 ON b2.id = m2.body_id WHERE r2.decision = r.decision
           AND ifnull(b2.organisation_id, 0) = ifnull(b.organisation_id, 0))
         ORDER BY d.imported_at DESC, r.id DESC LIMIT ?1"
    );
    let decisions = all(conn, &decisions_sql, [limit], |r| {
        Ok((
            MeetingId(r.get(3)?),
            FeedEntry {
                item: FeedItem::Decision(FeedDecision {
                    number: r.get(0)?,
                    subject: r.get(1)?,
                    classification: r.get(2)?,
                    on_exempt_item: false,
                }),
                recorded: r.get(4)?,
                meeting: summary_from(r, 5)?,
            },
        ))
    })?;
    // The one exempt rule, from the whole agenda of the report's meeting.
    let mut rules: HashMap<MeetingId, ExemptItems> = HashMap::new();
    for (meeting, mut entry) in decisions {
        if let FeedItem::Decision(d) = &mut entry.item {
            let rule = exempt_items(conn, meeting, &mut rules)?;
            d.on_exempt_item = rule.covers_report(
                &d.subject,
                d.classification.as_deref(),
                Some(d.number.as_str()),
            );
        }
        entries.push(entry);
    }
    entries.sort_by(|a, b| {
        (&b.recorded, b.meeting.date, b.meeting.id).cmp(&(
            &a.recorded,
            a.meeting.date,
            a.meeting.id,
        ))
    });
    Ok(entries)
}
