//! Reading the public records for search ([`moot_store::Store::searchable`])
//! and the database's [`Revision`].
//!
//! Rows are read meeting by meeting's worth (all of them, or the meetings
//! and people one document touches), and the exempt rule is applied in Rust
//! by [`ExemptItems`], built from each meeting's whole agenda, and the
//! document line ranges it withholds, so the rule lives in one place for
//! every backend.

use crate::db;
use crate::read::papers::{self, cached};
use crate::read::{all, parse_date};
use moot_domain::Lines;
use moot_store::{
    AgendaEntry, BodyId, DocumentId, ExemptItems, MeetingId, PersonId, ReportEntry, Revision,
    SearchKind, SearchRecord, SearchTarget, StoreError,
};
use rusqlite::Connection;
use std::collections::HashMap;

/// The meetings in scope: all when `?1` is NULL, else those document `?1`
/// adds to (its own meeting, the meetings its minutes record, and those of
/// its agenda items and reports).
const MEETINGS_IN_SCOPE: &str = "(?1 IS NULL OR m.id IN (
    SELECT meeting_id FROM documents WHERE id = ?1
    UNION SELECT meeting_id FROM minutes WHERE document_id = ?1
    UNION SELECT meeting_id FROM agenda_items WHERE document_id = ?1
    UNION SELECT meeting_id FROM reports WHERE document_id = ?1
    UNION SELECT meeting_id FROM retired_parts WHERE by_document_id = ?1 OR document_id = ?1))";

/// The people in scope: all when `?1` is NULL, else those document `?1`
/// prints (new printings, memberships, attendance).
const PEOPLE_IN_SCOPE: &str = "(?1 IS NULL OR p.id IN (
    SELECT person_id FROM person_names WHERE document_id = ?1
    UNION SELECT person_id FROM memberships WHERE document_id = ?1
    UNION SELECT a.person_id FROM attendance a JOIN minutes mn ON mn.id = a.minutes_id
          WHERE mn.document_id = ?1))";

/// The revision: documents and people, counted and their highest ids.
pub fn revision(conn: &Connection) -> Result<Revision, StoreError> {
    conn.query_row(
        "SELECT (SELECT count(*) FROM documents), (SELECT ifnull(max(id), 0) FROM documents),
         (SELECT count(*) FROM people), (SELECT ifnull(max(id), 0) FROM people)",
        [],
        |r| {
            Ok(Revision {
                documents: r.get::<_, i64>(0)?.max(0) as u64,
                last_document: r.get(1)?,
                people: r.get::<_, i64>(2)?.max(0) as u64,
                last_person: r.get(3)?,
            })
        },
    )
    .map_err(db)
}

/// The public records of the meetings and people in scope.
pub fn searchable(
    conn: &Connection,
    document: Option<DocumentId>,
) -> Result<Vec<SearchRecord>, StoreError> {
    let doc = document.map(|d| d.0);
    let meetings = meetings(conn, doc)?;
    let scope = Scope {
        conn,
        doc,
        exempt: exempt_items(conn, &meetings)?,
        meetings,
        public: ExemptItems::default(),
    };
    let mut records: Vec<SearchRecord> = scope.meetings.values().map(Meeting::record).collect();
    records.extend(scope.agenda_items()?);
    records.extend(scope.minutes()?);
    records.extend(scope.reports()?);
    records.extend(scope.decisions()?);
    records.extend(people(conn, doc)?);
    Ok(records)
}

/// The meetings in scope with their exempt items, and the queries over
/// their records.
struct Scope<'c> {
    conn: &'c Connection,
    doc: Option<i64>,
    meetings: HashMap<MeetingId, Meeting>,
    exempt: HashMap<MeetingId, ExemptItems>,
    /// What a meeting without exempt items has.
    public: ExemptItems,
}

/// A meeting in scope, with what its records share.
struct Meeting {
    id: MeetingId,
    body: Option<(BodyId, String)>,
    date: Option<moot_domain::Date>,
    organisation: Option<String>,
    venue: Option<String>,
    document: DocumentId,
    lines: Option<Lines>,
}

impl Meeting {
    fn record(&self) -> SearchRecord {
        let text = [&self.organisation, &self.venue]
            .into_iter()
            .flatten()
            .cloned()
            .collect::<Vec<_>>()
            .join(". ");
        let title = self
            .body
            .as_ref()
            .map_or_else(|| "Meeting".to_owned(), |(_, name)| name.clone());
        let (document, lines) = (self.document, self.lines);
        self.child(
            SearchKind::Meeting,
            self.id.0,
            title,
            text,
            (document, lines),
        )
    }

    /// A record shown on this meeting's page.
    fn child(
        &self,
        kind: SearchKind,
        id: i64,
        title: String,
        text: String,
        (document, lines): (DocumentId, Option<Lines>),
    ) -> SearchRecord {
        SearchRecord {
            kind,
            id,
            target: SearchTarget::Meeting(self.id),
            title,
            text,
            bodies: self.body.clone().into_iter().collect(),
            date: self.date,
            document: Some(document),
            lines,
            council: self.organisation.clone(),
        }
    }
}

fn meetings(
    conn: &Connection,
    doc: Option<i64>,
) -> Result<HashMap<MeetingId, Meeting>, StoreError> {
    let sql = format!(
        "SELECT m.id, b.id, b.name, m.date, o.name, m.venue, m.document_id, m.lines_first,
         m.lines_last FROM meetings m
         LEFT JOIN bodies b ON b.id = m.body_id
         LEFT JOIN organisations o ON o.id = b.organisation_id WHERE {MEETINGS_IN_SCOPE}"
    );
    let rows = all(conn, &sql, [doc], |r| {
        let body = match (r.get::<_, Option<i64>>(1)?, r.get::<_, Option<String>>(2)?) {
            (Some(id), Some(name)) => Some((BodyId(id), name)),
            _ => None,
        };
        Ok(Meeting {
            id: MeetingId(r.get(0)?),
            body,
            date: r
                .get::<_, Option<String>>(3)?
                .as_deref()
                .and_then(parse_date),
            organisation: r.get(4)?,
            venue: r.get(5)?,
            document: DocumentId(r.get(6)?),
            lines: optional_lines(r, 7)?,
        })
    })?;
    Ok(rows.into_iter().map(|m| (m.id, m)).collect())
}

/// Each meeting's exempt rule, from its whole agenda (every document's).
fn exempt_items(
    conn: &Connection,
    meetings: &HashMap<MeetingId, Meeting>,
) -> Result<HashMap<MeetingId, ExemptItems>, StoreError> {
    meetings
        .keys()
        .map(|&id| Ok((id, ExemptItems::of(&papers::agenda(conn, id)?))))
        .collect()
}

impl Scope<'_> {
    fn exempt(&self, meeting: MeetingId) -> &ExemptItems {
        self.exempt.get(&meeting).unwrap_or(&self.public)
    }

    /// Runs `sql` over the scope and maps every row with `f`.
    fn rows<T>(
        &self,
        sql: &str,
        f: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, StoreError> {
        all(self.conn, sql, [self.doc], f)
    }

    fn agenda_items(&self) -> Result<Vec<SearchRecord>, StoreError> {
        let sql = format!(
            "SELECT a.id, a.meeting_id, a.title, a.decision, a.document_id, a.lines_first,
         a.lines_last FROM agenda_items a
         JOIN meetings m ON m.id = a.meeting_id WHERE NOT a.exempt AND {MEETINGS_IN_SCOPE}"
        );
        let rows = self.rows(&sql, |r| {
            Ok((
                r.get::<_, i64>(0)?,
                MeetingId(r.get(1)?),
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                (DocumentId(r.get(4)?), optional_lines(r, 5)?),
            ))
        })?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, meeting, title, decision, document)| {
                let text = decision
                    .map(|d| format!("Decision {d}"))
                    .unwrap_or_default();
                let m = self.meetings.get(&meeting)?;
                Some(m.child(SearchKind::AgendaItem, id, title, text, document))
            })
            .collect())
    }

    /// Numbered minutes and their resolutions, leaving out those that record
    /// an exempt item of their meeting.
    fn minutes(&self) -> Result<Vec<SearchRecord>, StoreError> {
        let sql = format!(
            "SELECT i.id, mn.meeting_id, i.number, i.title, i.agenda_ref, mn.document_id,
             r.id, r.text, i.exempt, i.lines_first, i.lines_last FROM minute_items i JOIN minutes mn ON mn.id = i.minutes_id
             JOIN meetings m ON m.id = mn.meeting_id
             LEFT JOIN resolutions r ON r.minute_item_id = i.id
             WHERE {MEETINGS_IN_SCOPE} ORDER BY i.id, r.position"
        );
        let rows = self.rows(&sql, |r| {
            Ok(MinuteRow {
                id: r.get(0)?,
                meeting: MeetingId(r.get(1)?),
                number: r.get(2)?,
                title: r.get(3)?,
                agenda_ref: r.get(4)?,
                document: DocumentId(r.get(5)?),
                resolution: match r.get::<_, Option<i64>>(6)? {
                    Some(id) => Some((id, r.get(7)?)),
                    None => None,
                },
                exempt: r.get(8)?,
                lines: optional_lines(r, 9)?,
            })
        })?;
        let mut out = Vec::new();
        let mut last_minute = None;
        for row in rows {
            let Some(m) = self.meetings.get(&row.meeting) else {
                continue;
            };
            if self
                .exempt(row.meeting)
                .covers_minute(row.agenda_ref.as_deref(), row.exempt)
            {
                continue;
            }
            if last_minute != Some(row.id) {
                last_minute = Some(row.id);
                let text = row
                    .number
                    .map(|n| format!("Minute {n}"))
                    .unwrap_or_default();
                out.push(m.child(
                    SearchKind::Minute,
                    row.id,
                    row.title.clone(),
                    text,
                    (row.document, row.lines),
                ));
            }
            if let Some((id, text)) = row.resolution {
                let source = (row.document, row.lines);
                out.push(m.child(SearchKind::Resolution, id, row.title, text, source));
            }
        }
        Ok(out)
    }

    fn reports(&self) -> Result<Vec<SearchRecord>, StoreError> {
        let sql = format!(
            "SELECT r.id, r.meeting_id, r.subject, r.from_text, r.to_text, r.classification,
         r.decision, r.document_id, r.lines_first, r.lines_last FROM reports r JOIN meetings m ON m.id = r.meeting_id
         WHERE {MEETINGS_IN_SCOPE}"
        );
        let rows = self.rows(&sql, |r| {
            Ok((
                r.get::<_, i64>(0)?,
                MeetingId(r.get(1)?),
                r.get::<_, String>(2)?,
                [r.get::<_, Option<String>>(3)?, r.get(4)?],
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<String>>(6)?,
                (DocumentId(r.get(7)?), optional_lines(r, 8)?),
            ))
        })?;
        let mut out = Vec::new();
        for (id, meeting, subject, [from, to], classification, decision, document) in rows {
            let Some(m) = self.meetings.get(&meeting) else {
                continue;
            };
            let exempt = self.exempt(meeting);
            if exempt.covers_report(&subject, classification.as_deref(), decision.as_deref()) {
                continue;
            }
            let text = [
                from.map(|f| format!("From {f}")),
                to.map(|t| format!("To {t}")),
                decision.map(|d| format!("Decision {d}")),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(". ");
            out.push(m.child(SearchKind::Report, id, subject, text, document));
        }
        Ok(out)
    }

    /// Decision numbers, with the public agenda titles and report subjects of
    /// their meeting that carry them; a number carried only by exempt
    /// business is left out ([`moot_store::decision_is_public`]), and no
    /// exempt title or subject is in a public number's text.
    fn decisions(&self) -> Result<Vec<SearchRecord>, StoreError> {
        let sql = format!(
            "SELECT d.id, d.number, m.id, d.document_id, d.lines_first, d.lines_last
         FROM decisions d JOIN documents doc ON doc.id = d.document_id
         JOIN meetings m ON m.id = doc.meeting_id WHERE {MEETINGS_IN_SCOPE}"
        );
        let rows = self.rows(&sql, |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                MeetingId(r.get(2)?),
                DocumentId(r.get(3)?),
                Lines::span(r.get(4)?, r.get(5)?),
            ))
        })?;
        let mut papers: HashMap<MeetingId, (Vec<AgendaEntry>, Vec<ReportEntry>)> = HashMap::new();
        let mut withheld: HashMap<DocumentId, Vec<Lines>> = HashMap::new();
        let mut out = Vec::new();
        for (id, number, meeting, document, lines) in rows {
            let Some(m) = self.meetings.get(&meeting) else {
                continue;
            };
            let (agenda, reports) = cached(&mut papers, meeting, || {
                let agenda = papers::agenda(self.conn, meeting)?;
                let reports = papers::reports(self.conn, "r.meeting_id = ?1", meeting.0, &agenda)?;
                Ok((agenda, reports))
            })?;
            let carriers: Vec<(bool, &str)> = agenda
                .iter()
                .filter(|a| a.decision.as_deref() == Some(number.as_str()))
                .map(|a| (a.exempt, a.title.as_str()))
                .chain(
                    reports
                        .iter()
                        .filter(|r| r.decision.as_deref() == Some(number.as_str()))
                        .map(|r| (r.exempt, r.subject.as_str())),
                )
                .collect();
            let in_exempt_lines = cached(&mut withheld, document, || {
                papers::exempt_ranges(self.conn, document)
            })?
            .iter()
            .any(|range| moot_store::overlaps(*range, lines));
            let exempt: Vec<bool> = carriers.iter().map(|(exempt, _)| *exempt).collect();
            if !moot_store::decision_is_public(in_exempt_lines, &exempt) {
                continue;
            }
            let mut text: Vec<&str> = Vec::new();
            for &(exempt, words) in &carriers {
                if !exempt && !text.contains(&words) {
                    text.push(words);
                }
            }
            let title = format!("Decision {number}");
            let source = (document, Some(lines));
            out.push(m.child(SearchKind::Decision, id, title, text.join("; "), source));
        }
        Ok(out)
    }
}

/// The line range in columns `first` and `first + 1`, when both are set.
fn optional_lines(r: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<Option<Lines>> {
    Ok(
        match (
            r.get::<_, Option<u32>>(first)?,
            r.get::<_, Option<u32>>(first + 1)?,
        ) {
            (Some(a), Some(b)) => Some(Lines::span(a, b)),
            _ => None,
        },
    )
}

/// One row of [`Scope::minutes`]: a minute with one of its resolutions, if any.
struct MinuteRow {
    id: i64,
    meeting: MeetingId,
    number: Option<String>,
    title: String,
    agenda_ref: Option<String>,
    document: DocumentId,
    resolution: Option<(i64, String)>,
    exempt: bool,
    lines: Option<Lines>,
}

/// People: their fullest name as the title; their other printings and
/// the roles, parties and positions their memberships give as the text.
fn people(conn: &Connection, doc: Option<i64>) -> Result<Vec<SearchRecord>, StoreError> {
    let sql = format!(
        "SELECT p.id, p.name, o.name FROM people p
         LEFT JOIN organisations o ON o.id = p.organisation_id WHERE {PEOPLE_IN_SCOPE} ORDER BY p.id"
    );
    let people = all(conn, &sql, [doc], |r| {
        Ok((
            PersonId(r.get(0)?),
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    // Printings first, then what memberships add, each on its body.
    let mut details: HashMap<PersonId, PersonDetails> = HashMap::new();
    for table in [
        "SELECT x.person_id, x.body_id, b.name, x.name FROM person_names x",
        "SELECT x.person_id, x.body_id, b.name, concat_ws('. ', x.role, x.party, x.position)
         FROM memberships x",
    ] {
        let sql = format!(
            "{table} JOIN bodies b ON b.id = x.body_id
             WHERE x.person_id IN (SELECT p.id FROM people p WHERE {PEOPLE_IN_SCOPE}) ORDER BY x.id"
        );
        let rows = all(conn, &sql, [doc], |r| {
            Ok((
                PersonId(r.get(0)?),
                (BodyId(r.get(1)?), r.get::<_, String>(2)?),
                r.get::<_, String>(3)?,
            ))
        })?;
        for (person, body, words) in rows {
            details.entry(person).or_default().add(body, words);
        }
    }
    Ok(people
        .into_iter()
        .map(|(id, name, organisation)| {
            let PersonDetails { bodies, mut words } = details.remove(&id).unwrap_or_default();
            words.retain(|w| *w != name);
            words.extend(organisation.clone());
            SearchRecord {
                kind: SearchKind::Person,
                id: id.0,
                target: SearchTarget::Person(id),
                title: name,
                text: words.join(". "),
                bodies,
                date: None,
                document: None,
                lines: None,
                council: organisation,
            }
        })
        .collect())
}

/// A person's bodies and the words printed about them, each once.
#[derive(Default)]
struct PersonDetails {
    bodies: Vec<(BodyId, String)>,
    words: Vec<String>,
}

impl PersonDetails {
    fn add(&mut self, body: (BodyId, String), words: String) {
        if !self.bodies.iter().any(|(id, _)| *id == body.0) {
            self.bodies.push(body);
        }
        if !words.is_empty() && !self.words.contains(&words) {
            self.words.push(words);
        }
    }
}
