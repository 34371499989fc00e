//! Re-issued packs and minutes printed again, on real database files: the
//! demo council's packs (`crates/moot-cli/demo/`) read by the importer, and
//! copies changed the way councils re-issue them.

use moot_domain::Date;
use moot_store::{Counts, DocumentId, ImportOutcome, MeetingDetail, PublicLine, SourceFile, Store};
use moot_store_sqlite::SqliteStore;
use tempfile::TempDir;

/// A pack for 15 September 2026 carrying the minutes of 16 June 2026, an
/// exempt item 8, reports, decision numbers and a scorecard.
const SEPTEMBER: &str = include_str!("../../moot-cli/demo/ashworth-hwb-2026-09-15.txt");
/// The next pack: the minutes of 15 September, with a minute and a
/// declaration on the exempt item 8.
const DECEMBER: &str = include_str!("../../moot-cli/demo/ashworth-hwb-2026-12-08.txt");

/// A corrected reprint of the September pack: one agenda title changed.
fn september_reprint() -> String {
    let corrected = SEPTEMBER.replace(
        "5. Mental Health Crisis Support: Six-Month Review",
        "5. Mental Health Crisis Support: Twelve-Month Review",
    );
    assert_ne!(corrected, SEPTEMBER);
    corrected
}

fn import(store: &mut SqliteStore, name: &str, text: &str) -> ImportOutcome {
    let extraction = moot_import::extract_text(text);
    let source = SourceFile {
        name,
        bytes: text.as_bytes(),
        text,
    };
    store.import_pack(&source, &extraction.pack).unwrap()
}

fn document_of(outcome: &ImportOutcome) -> DocumentId {
    match outcome {
        ImportOutcome::Imported { document, .. } => *document,
        other => panic!("expected an import, got {other:?}"),
    }
}

fn meeting_on(store: &SqliteStore, day: Date) -> MeetingDetail {
    let id = store
        .meetings()
        .unwrap()
        .into_iter()
        .find(|m| m.date == Some(day))
        .unwrap_or_else(|| panic!("no meeting on {day}"))
        .id;
    store.meeting(id).unwrap()
}

fn day(y: u16, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

fn titles(meeting: &MeetingDetail) -> Vec<String> {
    meeting.agenda.iter().map(|a| a.title.clone()).collect()
}

/// The text a document shows the public.
fn public_text(store: &SqliteStore, doc: DocumentId) -> String {
    store
        .document(doc)
        .unwrap()
        .public_lines()
        .into_iter()
        .filter_map(|line| match line {
            PublicLine::Shown { text, .. } => Some(text.to_owned()),
            PublicLine::Withheld(_) => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_reissued_pack_replaces_the_earlier_packs_records_without_doubling_them() {
    let dir = TempDir::new().unwrap();
    let mut store = SqliteStore::open(&dir.path().join("moot.db")).unwrap();
    let first = document_of(&import(&mut store, "hwb-2026-09-15.txt", SEPTEMBER));
    let once = store.counts().unwrap();
    let before = meeting_on(&store, day(2026, 9, 15));
    assert!(titles(&before).contains(&"Mental Health Crisis Support: Six-Month Review".into()));

    let reprint = september_reprint();
    let second = document_of(&import(&mut store, "hwb-2026-09-15-v2.txt", &reprint));

    // Every kind of record is as many as after the first pack: agenda,
    // minutes of June with their attendance and declarations, reports,
    // decisions, membership; one document more.
    assert_eq!(
        store.counts().unwrap(),
        Counts {
            documents: once.documents + 1,
            ..once
        }
    );
    let after = meeting_on(&store, day(2026, 9, 15));
    assert_eq!(after.agenda.len(), before.agenda.len());
    assert_eq!(after.reports.len(), before.reports.len());
    assert!(titles(&after).contains(&"Mental Health Crisis Support: Twelve-Month Review".into()));
    assert!(!titles(&after).contains(&"Mental Health Crisis Support: Six-Month Review".into()));
    assert!(after.agenda.iter().all(|a| a.source.document == second));
    let june = meeting_on(&store, day(2026, 6, 16));
    assert_eq!(june.minutes.len(), 1, "the June minutes are not doubled");
    assert_eq!(june.minutes[0].source.document, second);

    // The earlier pack is kept, and says what superseded it.
    let old = store.document(first).unwrap();
    assert_eq!(old.superseded_by.as_ref().map(|d| d.id), Some(second));
    let new = store.document(second).unwrap();
    assert_eq!(new.superseded_by, None);
    assert_eq!(
        new.supersedes.iter().map(|d| d.id).collect::<Vec<_>>(),
        [first]
    );
    let packs: Vec<_> = after
        .packs
        .iter()
        .map(|p| (p.document.id, p.superseded_by.as_ref().map(|s| s.id)))
        .collect();
    assert_eq!(packs, [(first, Some(second)), (second, None)]);

    // Importing either file again changes nothing (idempotent by SHA-256).
    let counts = store.counts().unwrap();
    assert!(matches!(
        import(&mut store, "again.txt", SEPTEMBER),
        ImportOutcome::AlreadyImported { document } if document == first
    ));
    assert!(matches!(
        import(&mut store, "again.txt", &reprint),
        ImportOutcome::AlreadyImported { .. }
    ));
    assert_eq!(store.counts().unwrap(), counts);
}

#[test]
fn a_third_issue_supersedes_the_second_and_the_scorecard_is_not_doubled() {
    let dir = TempDir::new().unwrap();
    let mut store = SqliteStore::open(&dir.path().join("moot.db")).unwrap();
    let count_values = |store: &SqliteStore| -> i64 {
        store
            .connection()
            .query_row("SELECT count(*) FROM indicator_values", [], |r| r.get(0))
            .unwrap()
    };
    import(&mut store, "v1.txt", SEPTEMBER);
    let values = count_values(&store);
    assert!(values > 0, "the September pack prints a scorecard");
    let second = document_of(&import(&mut store, "v2.txt", &september_reprint()));
    let third = document_of(&import(
        &mut store,
        "v3.txt",
        &september_reprint().replace("Twelve-Month", "Nine-Month"),
    ));
    assert_eq!(count_values(&store), values);
    let meeting = meeting_on(&store, day(2026, 9, 15));
    assert_eq!(meeting.packs.len(), 3);
    assert_eq!(
        meeting.packs[1].superseded_by.as_ref().map(|d| d.id),
        Some(third)
    );
    assert_eq!(meeting.packs[1].document.id, second);
    assert!(titles(&meeting).contains(&"Mental Health Crisis Support: Nine-Month Review".into()));
}

#[test]
fn a_superseded_pack_still_withholds_its_exempt_business() {
    let dir = TempDir::new().unwrap();
    let mut store = SqliteStore::open(&dir.path().join("moot.db")).unwrap();
    let september = document_of(&import(&mut store, "sep.txt", SEPTEMBER));
    let december = document_of(&import(&mut store, "dec.txt", DECEMBER));
    let exempt_words = "Award of Contract to Preferred Bidder";
    assert!(!public_text(&store, september).contains(exempt_words));
    assert!(!public_text(&store, december).contains(exempt_words));

    // Both packs re-issued: their rows are replaced, their text kept.
    import(&mut store, "sep-v2.txt", &september_reprint());
    import(
        &mut store,
        "dec-v2.txt",
        &DECEMBER.replace("10.00 am", "10.30 am"),
    );
    for doc in [september, december] {
        assert!(store.document(doc).unwrap().superseded_by.is_some());
        let text = public_text(&store, doc);
        assert!(!text.contains(exempt_words), "document {doc:?} shows it");
        assert!(text.contains("HEALTH AND WELLBEING BOARD"));
    }
    // The re-issue's details replace the earlier pack's.
    let meeting = meeting_on(&store, day(2026, 12, 8));
    assert_eq!(
        meeting.meeting.time.map(|t| t.to_string()),
        Some("10:30".into())
    );
}

/// The December pack with the June minutes (from the September pack)
/// printed again after its own.
fn december_with_june_minutes() -> String {
    let start = SEPTEMBER
        .find("ASHWORTH BOROUGH COUNCIL\n\nHEALTH AND WELLBEING BOARD\n\nMINUTES")
        .unwrap();
    let end = SEPTEMBER[start..].find("By:").unwrap() + start;
    let june = &SEPTEMBER[start..end];
    let at = DECEMBER.find("From:").unwrap();
    format!("{}{june}{}", &DECEMBER[..at], &DECEMBER[at..])
}

#[test]
fn minutes_printed_in_two_packs_are_kept_once_from_the_later_meetings_pack() {
    let december = december_with_june_minutes();
    // Either order of import keeps the printing in the December pack.
    for order in [
        [SEPTEMBER, december.as_str()],
        [december.as_str(), SEPTEMBER],
    ] {
        let dir = TempDir::new().unwrap();
        let mut store = SqliteStore::open(&dir.path().join("moot.db")).unwrap();
        let mut docs = Vec::new();
        for (n, text) in order.iter().enumerate() {
            docs.push(document_of(&import(&mut store, &format!("{n}.txt"), text)));
        }
        let december_doc = if order[0] == SEPTEMBER {
            docs[1]
        } else {
            docs[0]
        };
        let june = meeting_on(&store, day(2026, 6, 16));
        assert_eq!(june.minutes.len(), 1, "the June minutes are kept once");
        assert_eq!(june.minutes[0].source.document, december_doc);
        let names: Vec<_> = june.minutes[0].attendance.iter().map(|a| &a.name).collect();
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(names.len(), unique.len(), "attendance is not doubled");
        // Neither pack is superseded: they were issued for different meetings.
        for doc in docs {
            assert!(store.document(doc).unwrap().superseded_by.is_none());
        }
        // The September meeting's own records stay.
        assert!(!meeting_on(&store, day(2026, 9, 15)).agenda.is_empty());
        assert_eq!(meeting_on(&store, day(2026, 9, 15)).minutes.len(), 1);
    }
}

#[test]
fn a_database_of_the_previous_schema_migrates_and_its_packs_are_superseded() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("old.db");
    let old = rusqlite::Connection::open(&path).unwrap();
    // Every migration but the latest, which added re-issues.
    let previous = moot_store_sqlite::migrations().len() - 1;
    for sql in &moot_store_sqlite::migrations()[..previous] {
        old.execute_batch(sql).unwrap();
    }
    old.pragma_update(None, "user_version", previous as i64)
        .unwrap();
    // The September pack as an earlier Moot stored it: its meeting and one
    // agenda item.
    let pack = moot_import::extract_text(SEPTEMBER).pack;
    let body = pack.meeting.body.as_deref().unwrap();
    old.execute(
        "INSERT INTO organisations (id, name) VALUES (1, ?1)",
        [pack.meeting.organisation.as_deref().unwrap()],
    )
    .unwrap();
    old.execute(
        "INSERT INTO bodies (id, organisation_id, name, slug) VALUES (1, 1, ?1, ?2)",
        [body, &moot_store_sqlite::slug(body)],
    )
    .unwrap();
    old.execute_batch(
        "INSERT INTO documents (id, sha256, file_name, bytes, text, imported_at)
             VALUES (1, 'old', 'old.txt', x'00', 'old text', '2026-09-08T00:00:00Z');
         INSERT INTO meetings (id, body_id, date, status, document_id)
             VALUES (1, 1, '2026-09-15', 'scheduled', 1);
         UPDATE documents SET meeting_id = 1;
         INSERT INTO agenda_items (meeting_id, position, number, title, exempt, document_id,
             lines_first, lines_last) VALUES (1, 0, '1', 'Old title', 0, 1, 1, 1);",
    )
    .unwrap();
    drop(old);
    let mut store = SqliteStore::open(&path).unwrap();
    assert_eq!(
        moot_store_sqlite::schema_version(store.connection()).unwrap(),
        previous as i64 + 1
    );
    let new = document_of(&import(&mut store, "sep.txt", SEPTEMBER));
    assert_eq!(
        store
            .document(DocumentId(1))
            .unwrap()
            .superseded_by
            .map(|d| d.id),
        Some(new)
    );
    let meeting = meeting_on(&store, day(2026, 9, 15));
    assert!(!titles(&meeting).contains(&"Old title".into()));
    assert_eq!(meeting.agenda.len(), pack.agenda.len());
}
