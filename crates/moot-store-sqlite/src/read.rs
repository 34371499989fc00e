//! Reading back: rows into the store's records and domain types. This is
//! the one place that knows how columns map to values.

use crate::db;
use moot_domain::Date;
use moot_store::{
    Counts, MeetingId, MeetingRecord, PersonAlias, PersonId, PersonRecord, StoreError,
};
use rusqlite::{Connection, Row};

/// How many rows each table holds.
pub fn counts(conn: &Connection) -> Result<Counts, StoreError> {
    conn.query_row(
        "SELECT (SELECT count(*) FROM organisations), (SELECT count(*) FROM bodies),
         (SELECT count(*) FROM people), (SELECT count(*) FROM person_names),
         (SELECT count(*) FROM memberships), (SELECT count(*) FROM documents),
         (SELECT count(*) FROM meetings), (SELECT count(*) FROM agenda_items),
         (SELECT count(*) FROM minutes), (SELECT count(*) FROM attendance),
         (SELECT count(*) FROM declarations), (SELECT count(*) FROM minute_items),
         (SELECT count(*) FROM resolutions), (SELECT count(*) FROM reports),
         (SELECT count(*) FROM decisions), (SELECT count(*) FROM indicators),
         (SELECT count(*) FROM indicator_values)",
        [],
        counts_from_row,
    )
    .map_err(db)
}

fn counts_from_row(r: &Row<'_>) -> rusqlite::Result<Counts> {
    let n = |i: usize| r.get::<_, i64>(i).map(|v| v.max(0) as u64);
    Ok(Counts {
        organisations: n(0)?,
        bodies: n(1)?,
        people: n(2)?,
        person_names: n(3)?,
        memberships: n(4)?,
        documents: n(5)?,
        meetings: n(6)?,
        agenda_items: n(7)?,
        minutes: n(8)?,
        attendance: n(9)?,
        declarations: n(10)?,
        minute_items: n(11)?,
        resolutions: n(12)?,
        reports: n(13)?,
        decisions: n(14)?,
        indicators: n(15)?,
        indicator_values: n(16)?,
    })
}

/// Every meeting, by organisation, body and date.
pub fn meetings(conn: &Connection) -> Result<Vec<MeetingRecord>, StoreError> {
    let mut stmt = conn
        .prepare(
            "SELECT m.id, o.name, b.name, m.date, m.status,
             (SELECT count(*) FROM minutes WHERE meeting_id = m.id)
             FROM meetings m LEFT JOIN bodies b ON b.id = m.body_id
             LEFT JOIN organisations o ON o.id = b.organisation_id
             ORDER BY o.name, b.name, m.date, m.id",
        )
        .map_err(db)?;
    let rows = stmt
        .query_map([], |r| {
            Ok(MeetingRecord {
                id: MeetingId(r.get(0)?),
                organisation: r.get(1)?,
                body: r.get(2)?,
                date: r
                    .get::<_, Option<String>>(3)?
                    .as_deref()
                    .and_then(parse_date),
                status: r.get(4)?,
                minutes: r.get::<_, i64>(5)?.max(0) as u64,
            })
        })
        .map_err(db)?;
    rows.collect::<Result<_, _>>().map_err(db)
}

/// Reads back an ISO `YYYY-MM-DD` written by the store.
pub fn parse_date(text: &str) -> Option<Date> {
    let mut parts = text.splitn(3, '-').map(|p| p.parse::<u16>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    Date::new(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?)
}

/// Every person with their printings, by id.
pub fn people(conn: &Connection) -> Result<Vec<PersonRecord>, StoreError> {
    let mut stmt = conn
        .prepare(
            "SELECT p.id, o.name, p.name, b.name, n.name, n.reason FROM people p
             LEFT JOIN organisations o ON o.id = p.organisation_id
             LEFT JOIN person_names n ON n.person_id = p.id
             LEFT JOIN bodies b ON b.id = n.body_id ORDER BY p.id, n.id",
        )
        .map_err(db)?;
    let mut rows = stmt.query([]).map_err(db)?;
    let mut out: Vec<PersonRecord> = Vec::new();
    while let Some(r) = rows.next().map_err(db)? {
        let id = PersonId(r.get(0).map_err(db)?);
        if out.last().is_none_or(|p| p.id != id) {
            out.push(PersonRecord {
                id,
                organisation: r.get(1).map_err(db)?,
                name: r.get(2).map_err(db)?,
                aliases: Vec::new(),
            });
        }
        let alias: Option<(String, String, String)> =
            match r.get::<_, Option<String>>(4).map_err(db)? {
                Some(name) => Some((r.get(3).map_err(db)?, name, r.get(5).map_err(db)?)),
                None => None,
            };
        if let (Some(person), Some((body, name, reason))) = (out.last_mut(), alias) {
            person.aliases.push(PersonAlias { body, name, reason });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn stored_dates_read_back() {
        assert_eq!(
            parse_date("2013-09-18").map(|d| d.to_string()).as_deref(),
            Some("2013-09-18")
        );
        assert!(parse_date("2013-02-30").is_none());
        assert!(parse_date("nonsense").is_none());
    }
}
