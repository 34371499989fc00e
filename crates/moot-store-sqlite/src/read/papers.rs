//! Agendas, reports, the decisions register and stored documents, with the
//! line ranges of exempt business in each document (exempt agenda items,
//! the minutes and declarations that refer to them, and their reports from
//! header to the next part), which the public site withholds.

use super::{all, optional_summary, source_from, SUMMARY_COLUMNS};
use crate::db;
use crate::read::OrNotFound;
use moot_domain::Lines;
use moot_store::{
    attach_papers, AgendaEntry, BodyId, DecisionEntry, DocumentId, DocumentParts, DocumentRecord,
    DocumentRef, ExemptItems, IssuedPack, MeetingId, MinutesSetLines, ReportEntry, StoreError,
};
use rusqlite::Connection;
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::Hash;

/// A meeting's agenda items, in order.
pub fn agenda(conn: &Connection, meeting: MeetingId) -> Result<Vec<AgendaEntry>, StoreError> {
    all(
        conn,
        "SELECT number, title, pages_first, pages_last, exempt, decision, document_id,
         lines_first, lines_last FROM agenda_items
         WHERE meeting_id = ?1 ORDER BY document_id, position",
        [meeting.0],
        |r| {
            let pages = match (r.get::<_, Option<u32>>(2)?, r.get::<_, Option<u32>>(3)?) {
                (Some(first), Some(last)) => Some((first, last)),
                _ => None,
            };
            Ok(AgendaEntry {
                number: r.get(0)?,
                title: r.get(1)?,
                pages,
                exempt: r.get(4)?,
                decision: r.get(5)?,
                source: source_from(r, 6)?,
            })
        },
    )
}

/// The exempt items of `meeting`, read once per meeting into `cache`.
pub fn exempt_items<'c>(
    conn: &Connection,
    meeting: MeetingId,
    cache: &'c mut HashMap<MeetingId, ExemptItems>,
) -> Result<&'c ExemptItems, StoreError> {
    cached(cache, meeting, || {
        Ok(ExemptItems::of(&agenda(conn, meeting)?))
    })
}

/// The value cached for `key`, loaded first if missing.
pub(crate) fn cached<K: Eq + Hash, V>(
    cache: &mut HashMap<K, V>,
    key: K,
    load: impl FnOnce() -> Result<V, StoreError>,
) -> Result<&V, StoreError> {
    match cache.entry(key) {
        Entry::Occupied(entry) => Ok(entry.into_mut()),
        Entry::Vacant(entry) => Ok(entry.insert(load()?)),
    }
}

/// The reports matching `filter` (on `reports r`, `?1` bound to `id`) in
/// document order, attached to the items of `agenda`.
pub fn reports(
    conn: &Connection,
    filter: &str,
    id: i64,
    agenda: &[AgendaEntry],
) -> Result<Vec<ReportEntry>, StoreError> {
    let sql = format!(
        "SELECT r.subject, r.from_text, r.to_text, r.classification, r.decision, r.document_id,
         r.lines_first, r.lines_last FROM reports r WHERE {filter}
         ORDER BY r.document_id, r.lines_first"
    );
    let mut reports = all(conn, &sql, [id], |r| {
        Ok(ReportEntry {
            subject: r.get(0)?,
            from: r.get(1)?,
            to: r.get(2)?,
            classification: r.get(3)?,
            decision: r.get(4)?,
            item: None,
            exempt: false,
            source: source_from(r, 5)?,
        })
    })?;
    attach_papers(agenda, &mut reports);
    Ok(reports)
}

/// Every decision number, newest meeting first (then by number, highest
/// first); only `body`'s when given. A number first met in a set of
/// minutes belongs to the meeting minuted, else to the pack's meeting.
pub fn decisions(
    conn: &Connection,
    body: Option<BodyId>,
) -> Result<Vec<DecisionEntry>, StoreError> {
    let sql = format!(
        "SELECT dc.number, o.name, dc.document_id, dc.lines_first, dc.lines_last,
         {SUMMARY_COLUMNS} FROM decisions dc
         LEFT JOIN organisations o ON o.id = dc.organisation_id
         JOIN documents d ON d.id = dc.document_id
         LEFT JOIN meetings m ON m.id = coalesce(
             (SELECT mn.meeting_id FROM minutes mn WHERE mn.document_id = dc.document_id
              AND dc.lines_first BETWEEN mn.lines_first AND mn.lines_last
              AND mn.meeting_id IS NOT NULL ORDER BY mn.id LIMIT 1),
             d.meeting_id)
         LEFT JOIN bodies b ON b.id = m.body_id WHERE ?1 IS NULL OR m.body_id = ?1
         ORDER BY m.date IS NULL, m.date DESC, dc.number DESC, dc.id"
    );
    let rows = all(conn, &sql, [body.map(|b| b.0)], |r| {
        Ok(DecisionEntry {
            number: r.get(0)?,
            organisation: r.get(1)?,
            source: source_from(r, 2)?,
            meeting: optional_summary(r, 5)?,
            report: None,
            exempt: false,
        })
    })?;
    let mut papers: HashMap<MeetingId, (Vec<AgendaEntry>, Vec<ReportEntry>)> = HashMap::new();
    let mut withheld: HashMap<DocumentId, Vec<Lines>> = HashMap::new();
    rows.into_iter()
        .map(|mut decision| {
            let number = Some(decision.number.as_str());
            let mut carriers = Vec::new();
            if let Some(meeting) = &decision.meeting {
                let (agenda, reports) = cached(&mut papers, meeting.id, || {
                    let agenda = agenda(conn, meeting.id)?;
                    let reports = reports(conn, "r.meeting_id = ?1", meeting.id.0, &agenda)?;
                    Ok((agenda, reports))
                })?;
                decision.report = reports
                    .iter()
                    .find(|r| r.decision.as_deref() == number)
                    .cloned();
                carriers.extend(
                    agenda
                        .iter()
                        .filter(|a| a.decision.as_deref() == number)
                        .map(|a| a.exempt),
                );
                carriers.extend(
                    reports
                        .iter()
                        .filter(|r| r.decision.as_deref() == number)
                        .map(|r| r.exempt),
                );
            }
            let document = decision.source.document;
            let in_exempt_lines =
                cached(&mut withheld, document, || exempt_ranges(conn, document))?
                    .iter()
                    .any(|range| moot_store::overlaps(*range, decision.source.lines));
            decision.exempt = !moot_store::decision_is_public(in_exempt_lines, &carriers);
            Ok(decision)
        })
        .collect()
}

/// One stored document with its text and exempt line ranges.
pub fn document(conn: &Connection, id: DocumentId) -> Result<DocumentRecord, StoreError> {
    let sql = format!(
        "SELECT d.id, d.file_name, d.sha256, d.imported_at, d.text, {SUMMARY_COLUMNS}
         FROM documents d LEFT JOIN meetings m ON m.id = d.meeting_id
         LEFT JOIN bodies b ON b.id = m.body_id WHERE d.id = ?1"
    );
    let mut record = conn
        .query_row(&sql, [id.0], |r| {
            Ok(DocumentRecord {
                id: DocumentId(r.get(0)?),
                file_name: r.get(1)?,
                sha256: r.get(2)?,
                imported_at: r.get(3)?,
                text: r.get(4)?,
                meeting: optional_summary(r, 5)?,
                exempt: Vec::new(),
                superseded_by: None,
                supersedes: Vec::new(),
            })
        })
        .or_not_found("document", id.0)?;
    record.exempt = exempt_ranges(conn, id)?;
    record.superseded_by = document_refs(
        conn,
        "SELECT s.id, s.file_name, s.imported_at FROM documents d
         JOIN documents s ON s.id = d.superseded_by WHERE d.id = ?1",
        id.0,
    )?
    .pop();
    record.supersedes = document_refs(
        conn,
        "SELECT id, file_name, imported_at FROM documents WHERE superseded_by = ?1 ORDER BY id",
        id.0,
    )?;
    Ok(record)
}

/// The packs issued for a meeting, oldest first, each with the pack that
/// superseded it.
pub fn issued_packs(conn: &Connection, meeting: MeetingId) -> Result<Vec<IssuedPack>, StoreError> {
    all(
        conn,
        "SELECT d.id, d.file_name, d.imported_at, s.id, s.file_name, s.imported_at
         FROM documents d LEFT JOIN documents s ON s.id = d.superseded_by
         WHERE d.meeting_id = ?1 ORDER BY d.id",
        [meeting.0],
        |r| {
            Ok(IssuedPack {
                document: document_ref(r, 0)?,
                superseded_by: match r.get::<_, Option<i64>>(3)? {
                    Some(_) => Some(document_ref(r, 3)?),
                    None => None,
                },
            })
        },
    )
}

fn document_refs(conn: &Connection, sql: &str, id: i64) -> Result<Vec<DocumentRef>, StoreError> {
    all(conn, sql, [id], |r| document_ref(r, 0))
}

fn document_ref(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<DocumentRef> {
    Ok(DocumentRef {
        id: DocumentId(r.get(at)?),
        file_name: r.get(at + 1)?,
        imported_at: r.get(at + 2)?,
    })
}

/// The line ranges of exempt business in a document: what
/// `moot_store::exempt_ranges` (the one rule) makes of the document's
/// parts read here.
pub(crate) fn exempt_ranges(conn: &Connection, doc: DocumentId) -> Result<Vec<Lines>, StoreError> {
    let lines = |r: &rusqlite::Row<'_>, at: usize| -> rusqlite::Result<Lines> {
        Ok(Lines::span(r.get(at)?, r.get(at + 1)?))
    };
    let agenda_items = all(
        conn,
        "SELECT lines_first, lines_last, exempt FROM agenda_items WHERE document_id = ?1
         ORDER BY position, lines_first",
        [doc.0],
        |r| Ok((lines(r, 0)?, r.get::<_, bool>(2)?)),
    )?;
    let (part_starts, last_line) = part_starts(conn, doc)?;
    let mut exempt: HashMap<MeetingId, ExemptItems> = HashMap::new();
    let minutes = all(
        conn,
        "SELECT mn.id, mn.meeting_id, i.agenda_ref, i.exempt, i.lines_first,
         i.lines_last FROM minute_items i JOIN minutes mn ON mn.id = i.minutes_id
         WHERE mn.document_id = ?1 ORDER BY mn.id, i.position",
        [doc.0],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<i64>>(1)?.map(MeetingId),
                r.get::<_, Option<String>>(2)?,
                r.get::<_, bool>(3)?,
                lines(r, 4)?,
            ))
        },
    )?;
    let mut sets: Vec<(i64, MinutesSetLines)> = Vec::new();
    for (set, meeting, item, printed_exempt, range) in minutes {
        let minute = (item, printed_exempt, range);
        match sets.last_mut() {
            Some((last, lines)) if *last == set => lines.minutes.push(minute),
            _ => {
                if let Some(meeting) = meeting {
                    exempt_items(conn, meeting, &mut exempt)?;
                }
                let lines = MinutesSetLines {
                    meeting,
                    minutes: vec![minute],
                };
                sets.push((set, lines));
            }
        }
    }
    let declared = all(
        conn,
        "SELECT mn.meeting_id, d.item, d.lines_first, d.lines_last FROM declarations d
         JOIN minutes mn ON mn.id = d.minutes_id
         WHERE mn.document_id = ?1 AND mn.meeting_id IS NOT NULL AND d.item IS NOT NULL",
        [doc.0],
        |r| Ok((MeetingId(r.get(0)?), r.get::<_, String>(1)?, lines(r, 2)?)),
    )?;
    for (meeting, _, _) in &declared {
        exempt_items(conn, *meeting, &mut exempt)?;
    }
    let withheld = all(
        conn,
        "SELECT lines_first, lines_last FROM withheld_lines WHERE document_id = ?1",
        [doc.0],
        |r| lines(r, 0),
    )?;
    Ok(moot_store::exempt_ranges(&DocumentParts {
        agenda_items,
        part_starts,
        last_line,
        meetings: exempt,
        minutes: sets.into_iter().map(|(_, set)| set).collect(),
        declarations: declared,
        reports: document_reports(conn, doc)?,
        withheld,
    }))
}

/// Where a document's parts (sets of minutes, reports) open, sorted, and
/// its last line.
fn part_starts(conn: &Connection, doc: DocumentId) -> Result<(Vec<u32>, u32), StoreError> {
    let mut starts = all(
        conn,
        "SELECT lines_first FROM minutes WHERE document_id = ?1
         UNION SELECT lines_first FROM reports WHERE document_id = ?1",
        [doc.0],
        |r| r.get::<_, u32>(0),
    )?;
    starts.sort_unstable();
    let last_line: u32 = conn
        .query_row(
            "SELECT length(text) - length(replace(text, char(10), '')) + 1 FROM documents
             WHERE id = ?1",
            [doc.0],
            |r| r.get(0),
        )
        .map_err(db)?;
    Ok((starts, last_line))
}

/// A document's reports, attached to the agenda of the meeting it was
/// issued for (so each knows whether it is exempt).
fn document_reports(conn: &Connection, doc: DocumentId) -> Result<Vec<ReportEntry>, StoreError> {
    let meeting: Option<i64> = conn
        .query_row(
            "SELECT meeting_id FROM documents WHERE id = ?1",
            [doc.0],
            |r| r.get(0),
        )
        .map_err(db)?;
    let agenda = match meeting {
        Some(m) => agenda(conn, MeetingId(m))?,
        None => Vec::new(),
    };
    reports(conn, "r.document_id = ?1", doc.0, &agenda)
}
