//! Writing one pack: every record of a `moot_domain::Pack` into its tables,
//! inside the caller's transaction, stage by stage.
//!
//! The stages follow [`Stage`]; after each the caller's checkpoint may stop
//! the import (tests use it to prove that a pack failing half way leaves
//! nothing behind: the transaction is rolled back whole).

use crate::pack_scorecard::ScorecardWriter;
use crate::people::{self, NameGroup, People};
use crate::{db, public_rows, read, reissue};
use moot_domain::{AgendaItem, Date, Lines, Member, MinuteItem, Minutes, Pack};
use moot_store::{Counts, DocumentId, ImportOutcome, SourceFile, Stage, StoreError};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};

/// A checkpoint called after each stage; an error stops the import.
pub type Checkpoint<'a> = &'a mut dyn FnMut(Stage) -> Result<(), StoreError>;

/// Stores `pack`, read from `source`, in one transaction.
pub fn import(
    conn: &mut Connection,
    source: &SourceFile<'_>,
    pack: &Pack,
    checkpoint: Checkpoint<'_>,
) -> Result<ImportOutcome, StoreError> {
    let sha256 = source.sha256();
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(db)?;
    if let Some(document) = document_by_hash(&tx, &sha256)? {
        return Ok(ImportOutcome::AlreadyImported { document });
    }
    let highest = read::highest_ids(&tx)?;
    let document = write_pack(&tx, source, &sha256, pack, checkpoint)?;
    let added: Counts = read::counts_since(&tx, &highest)?;
    tx.commit().map_err(db)?;
    Ok(ImportOutcome::Imported { document, added })
}

pub(crate) fn document_by_hash(
    tx: &Connection,
    sha256: &str,
) -> Result<Option<DocumentId>, StoreError> {
    tx.query_row(
        "SELECT id FROM documents WHERE sha256 = ?1",
        [sha256],
        |row| row.get(0),
    )
    .optional()
    .map(|id| id.map(DocumentId))
    .map_err(db)
}

fn write_pack(
    tx: &Transaction<'_>,
    source: &SourceFile<'_>,
    sha256: &str,
    pack: &Pack,
    checkpoint: Checkpoint<'_>,
) -> Result<DocumentId, StoreError> {
    let doc = insert_document(tx, source, sha256, None)?;
    checkpoint(Stage::Document)?;
    let org = organisation(tx, pack.meeting.organisation.as_deref())?;
    let w = Writer { tx, doc, org };
    let body = w.body(pack.meeting.body.as_deref())?;
    let meeting = w.pack_meeting(body, pack)?;
    if !reissue::supersede_earlier_packs(tx, meeting, doc)?.is_empty() {
        w.reissued_meeting(meeting, pack)?;
    }
    checkpoint(Stage::Meeting)?;
    let minutes_bodies = pack
        .minutes
        .iter()
        .map(|m| w.body(m.body.as_deref()))
        .collect::<Result<Vec<_>, _>>()?;
    let people = w.resolve_people(body, &minutes_bodies, pack)?;
    if let Some(body) = body {
        w.memberships(body, &pack.membership, &people)?;
    }
    checkpoint(Stage::People)?;
    w.agenda(meeting, &pack.agenda)?;
    checkpoint(Stage::Agenda)?;
    for (minutes, body) in pack.minutes.iter().zip(&minutes_bodies) {
        w.minutes(*body, minutes, &people)?;
    }
    checkpoint(Stage::Minutes)?;
    w.papers(body, meeting, pack)?;
    reissue::one_printing_of_minutes(tx, doc)?;
    checkpoint(Stage::Papers)?;
    Ok(DocumentId(doc))
}

/// Stores a document's bytes and text; `id` is the id it takes, or the
/// next free one when `None`.
pub(crate) fn insert_document(
    tx: &Transaction<'_>,
    source: &SourceFile<'_>,
    sha256: &str,
    id: Option<i64>,
) -> Result<i64, StoreError> {
    tx.execute(
        "INSERT INTO documents (id, sha256, file_name, bytes, text, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
        params![id, sha256, source.name, source.bytes, source.text],
    )
    .map_err(db)?;
    Ok(tx.last_insert_rowid())
}

/// A body's id by organisation (`?1`, or NULL) and slug (`?2`), through
/// the `bodies_by_slug` index.
pub(crate) const BODY_BY_SLUG: &str =
    "SELECT id FROM bodies WHERE ifnull(organisation_id, 0) = ifnull(?1, 0) AND slug = ?2";

pub(crate) fn organisation(
    tx: &Transaction<'_>,
    name: Option<&str>,
) -> Result<Option<i64>, StoreError> {
    let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else {
        return Ok(None);
    };
    tx.execute(
        "INSERT OR IGNORE INTO organisations (name) VALUES (?1)",
        [name],
    )
    .map_err(db)?;
    tx.query_row(
        "SELECT id FROM organisations WHERE name = ?1",
        [name],
        |r| r.get(0),
    )
    .map(Some)
    .map_err(db)
}

/// A body's identity within its organisation: lower case, "&" read as
/// "and", apostrophes and hyphens dropped ("Health and Well-Being Board"
/// and "Health & Wellbeing Board" agree).
pub fn slug(name: &str) -> String {
    name.to_lowercase()
        .replace('&', " and ")
        .chars()
        .filter(|c| !matches!(c, '\'' | '’' | '-' | '‐' | '–'))
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
}

pub(crate) fn lines(l: Lines) -> (i64, i64) {
    (i64::from(l.first), i64::from(l.last))
}

fn date_text(date: Option<Date>) -> Option<String> {
    date.map(|d| d.to_string())
}

struct Writer<'t> {
    tx: &'t Transaction<'t>,
    doc: i64,
    org: Option<i64>,
}

impl Writer<'_> {
    fn body(&self, name: Option<&str>) -> Result<Option<i64>, StoreError> {
        let Some(name) = name.map(str::trim).filter(|n| !slug(n).is_empty()) else {
            return Ok(None);
        };
        let slug = slug(name);
        self.tx
            .execute(
                "INSERT OR IGNORE INTO bodies (organisation_id, name, slug) VALUES (?1, ?2, ?3)",
                params![self.org, name, slug],
            )
            .map_err(db)?;
        self.tx
            .query_row(BODY_BY_SLUG, params![self.org, slug], |r| r.get(0))
            .map(Some)
            .map_err(db)
    }

    /// The meeting of `body` on `date`, created if unknown; a meeting whose
    /// body or date is unknown cannot be matched and is always new.
    fn meeting(
        &self,
        body: Option<i64>,
        date: Option<Date>,
        status: &str,
        at: Option<Lines>,
    ) -> Result<i64, StoreError> {
        let date = date_text(date);
        let existing: Option<i64> = match (body, &date) {
            (Some(body), Some(date)) => self
                .tx
                .query_row(
                    "SELECT id FROM meetings WHERE body_id = ?1 AND date = ?2",
                    params![body, date],
                    |r| r.get(0),
                )
                .optional()
                .map_err(db)?,
            _ => None,
        };
        if let Some(id) = existing {
            if status == "minuted" {
                self.tx
                    .execute("UPDATE meetings SET status = 'minuted' WHERE id = ?1", [id])
                    .map_err(db)?;
            }
            return Ok(id);
        }
        let row = public_rows::MeetingRow {
            body,
            date,
            time: None,
            venue: None,
            contact: None,
            status,
            document: self.doc,
            lines: at,
        };
        public_rows::meeting(self.tx, &row)
    }

    /// The meeting the pack was issued for, its details filled in where
    /// still unknown, linked from the document.
    fn pack_meeting(&self, body: Option<i64>, pack: &Pack) -> Result<i64, StoreError> {
        let m = &pack.meeting;
        let id = self.meeting(body, m.date, "scheduled", m.lines)?;
        self.tx
            .execute(
                "UPDATE meetings SET time = coalesce(time, ?2), venue = coalesce(venue, ?3),
                 contact = coalesce(contact, ?4) WHERE id = ?1",
                params![id, m.time.map(|t| t.to_string()), m.venue, m.contact],
            )
            .map_err(db)?;
        self.tx
            .execute(
                "UPDATE documents SET meeting_id = ?1 WHERE id = ?2",
                params![id, self.doc],
            )
            .map_err(db)?;
        Ok(id)
    }

    /// A re-issued pack's meeting details replace the earlier pack's.
    fn reissued_meeting(&self, id: i64, pack: &Pack) -> Result<(), StoreError> {
        let m = &pack.meeting;
        let (first, last) = m.lines.map(lines).unzip();
        self.tx
            .execute(
                "UPDATE meetings SET time = coalesce(?2, time), venue = coalesce(?3, venue),
                 contact = coalesce(?4, contact), document_id = ?5,
                 lines_first = coalesce(?6, lines_first), lines_last = coalesce(?7, lines_last)
                 WHERE id = ?1",
                params![
                    id,
                    m.time.map(|t| t.to_string()),
                    m.venue,
                    m.contact,
                    self.doc,
                    first,
                    last
                ],
            )
            .map_err(db)?;
        Ok(())
    }

    fn resolve_people(
        &self,
        body: Option<i64>,
        minutes_bodies: &[Option<i64>],
        pack: &Pack,
    ) -> Result<People, StoreError> {
        let mut groups: Vec<NameGroup> = Vec::new();
        if let Some(body) = body {
            let names = pack.membership.iter().map(|m| m.name.clone()).collect();
            groups.push(NameGroup { body, names });
        }
        for (minutes, body) in pack.minutes.iter().zip(minutes_bodies) {
            if let Some(body) = body {
                groups.push(NameGroup {
                    body: *body,
                    names: names_in_minutes(minutes),
                });
            }
        }
        people::resolve_groups(self.tx, self.org, self.doc, groups)
    }

    fn memberships(
        &self,
        body: i64,
        members: &[Member],
        people: &People,
    ) -> Result<(), StoreError> {
        for m in members {
            let row = public_rows::MembershipRow {
                body,
                person: people.get(body, &m.name),
                name: &m.name,
                role: m.role.as_deref(),
                party: m.party.as_deref(),
                position: m.position.as_deref(),
                voting: m.voting,
                document: self.doc,
                lines: m.lines,
            };
            public_rows::membership(self.tx, &row)?;
        }
        Ok(())
    }

    fn agenda(&self, meeting: i64, items: &[AgendaItem]) -> Result<(), StoreError> {
        for (position, item) in (0..).zip(items) {
            let row = public_rows::AgendaItemRow {
                meeting,
                position,
                number: item.number.as_deref(),
                title: &item.title,
                pages: item.pages,
                exempt: item.exempt,
                decision: item.decision.as_deref(),
                document: self.doc,
                lines: item.lines,
            };
            public_rows::agenda_item(self.tx, &row)?;
        }
        Ok(())
    }

    /// One set of minutes, attached to the meeting it records (created if
    /// not yet known), with attendance, declarations and numbered minutes.
    fn minutes(
        &self,
        body: Option<i64>,
        minutes: &Minutes,
        people: &People,
    ) -> Result<(), StoreError> {
        let meeting = match (body, minutes.date) {
            (Some(_), Some(_)) => {
                Some(self.meeting(body, minutes.date, "minuted", Some(minutes.lines))?)
            }
            _ => None,
        };
        let row = public_rows::MinutesRow {
            meeting,
            body,
            date: date_text(minutes.date),
            document: self.doc,
            lines: minutes.lines,
        };
        let id = public_rows::minutes(self.tx, &row)?;
        let person = |name: &str| body.and_then(|b| people.get(b, name));
        self.attendance(id, minutes, &person)?;
        self.declarations(id, minutes, &person)?;
        self.minute_items(id, &minutes.items)
    }

    fn attendance(
        &self,
        id: i64,
        minutes: &Minutes,
        person: &dyn Fn(&str) -> Option<i64>,
    ) -> Result<(), StoreError> {
        let insert = |name: &str, kind, substitute_for: Option<&str>, at| {
            let row = public_rows::AttendanceRow {
                minutes: id,
                person: person(name),
                name,
                kind,
                substitute_for: substitute_for.map(|n| (person(n), n)),
                lines: at,
            };
            public_rows::attendance(self.tx, &row)
        };
        for name in &minutes.present {
            match minutes.substitutes.iter().find(|s| s.name == *name) {
                Some(sub) => insert(name, "substitute", Some(&sub.for_member), Some(sub.lines))?,
                None => insert(name, "present", None, None)?,
            }
        }
        for sub in minutes
            .substitutes
            .iter()
            .filter(|s| !minutes.present.contains(&s.name))
        {
            insert(
                &sub.name,
                "substitute",
                Some(&sub.for_member),
                Some(sub.lines),
            )?;
        }
        for name in &minutes.apologies {
            insert(name, "apologies", None, None)?;
        }
        Ok(())
    }

    fn declarations(
        &self,
        id: i64,
        minutes: &Minutes,
        person: &dyn Fn(&str) -> Option<i64>,
    ) -> Result<(), StoreError> {
        for d in &minutes.declarations {
            let row = public_rows::DeclarationRow {
                minutes: id,
                person: person(&d.name),
                name: &d.name,
                item: d.item.as_deref(),
                text: &d.text,
                lines: d.lines,
            };
            public_rows::declaration(self.tx, &row)?;
        }
        Ok(())
    }

    fn minute_items(&self, id: i64, items: &[MinuteItem]) -> Result<(), StoreError> {
        for (position, item) in (0..).zip(items) {
            let row = public_rows::MinuteItemRow {
                minutes: id,
                position,
                number: item.number.as_deref(),
                title: &item.title,
                agenda_ref: item.agenda_ref.as_deref(),
                resolved: item.resolved,
                exempt: item.exempt,
                lines: item.lines,
                resolutions: &item.resolutions,
                first_resolution: 0,
            };
            public_rows::minute_item(self.tx, &row)?;
        }
        Ok(())
    }

    /// Reports, decision numbers and scorecard rows.
    fn papers(&self, body: Option<i64>, meeting: i64, pack: &Pack) -> Result<(), StoreError> {
        for r in &pack.reports {
            let row = public_rows::ReportRow {
                meeting,
                document: self.doc,
                subject: &r.subject,
                from: r.from.as_deref(),
                to: r.to.as_deref(),
                classification: r.classification.as_deref(),
                decision: r.decision.as_deref(),
                lines: r.lines,
            };
            public_rows::report(self.tx, &row)?;
        }
        for d in &pack.decisions {
            let (first, last) = lines(d.lines);
            public_rows::decision(self.tx, self.org, &d.number, self.doc, d.lines)?;
            // A number first met in a pack this one supersedes now points here.
            self.tx
                .execute(
                    "UPDATE decisions SET document_id = ?3, lines_first = ?4, lines_last = ?5
                     WHERE ifnull(organisation_id, 0) = ifnull(?1, 0) AND number = ?2
                     AND document_id IN (SELECT id FROM documents WHERE superseded_by = ?3)",
                    params![self.org, d.number, self.doc, first, last],
                )
                .map_err(db)?;
        }
        ScorecardWriter {
            tx: self.tx,
            doc: self.doc,
            org: self.org,
            body,
        }
        .write(pack)
    }
}

/// Every name a set of minutes prints: attendance, substitutions (both
/// sides) and declarations.
fn names_in_minutes(minutes: &Minutes) -> Vec<String> {
    let subs = minutes
        .substitutes
        .iter()
        .flat_map(|s| [s.name.clone(), s.for_member.clone()]);
    minutes
        .present
        .iter()
        .chain(&minutes.apologies)
        .cloned()
        .chain(subs)
        .chain(minutes.declarations.iter().map(|d| d.name.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs_ignore_case_hyphens_apostrophes_and_ampersands() {
        assert_eq!(
            slug("Health and Well-Being Board"),
            slug("Health & Wellbeing Board")
        );
        assert_eq!(slug("Children's Social Care"), "childrens-social-care");
        assert_eq!(slug("  "), "");
    }
}
