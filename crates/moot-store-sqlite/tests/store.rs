//! The SQLite store on real database files: packs built by hand for exact
//! behaviour, and the corpus packs for structure.

use moot_domain::{Date, Lines, Member, Minutes, Pack, Substitution};
use moot_store::{Counts, ImportOutcome, PersonId, SourceFile, Stage, Store, StoreError};
use moot_store_sqlite::SqliteStore;
use tempfile::TempDir;

const BODY: &str = "Health and Wellbeing Board";

fn open(dir: &TempDir) -> SqliteStore {
    SqliteStore::open(&dir.path().join("moot.db")).unwrap()
}

fn date(text: &str) -> Date {
    let p: Vec<u16> = text.split('-').map(|x| x.parse().unwrap()).collect();
    Date::new(p[0], p[1] as u8, p[2] as u8).unwrap()
}

fn member(name: &str) -> Member {
    Member {
        name: name.into(),
        role: None,
        party: None,
        position: None,
        voting: None,
        lines: Lines::one(3),
    }
}

fn minutes(day: &str, present: &[&str]) -> Minutes {
    Minutes {
        body: Some(BODY.into()),
        date: Some(date(day)),
        present: present.iter().map(|s| s.to_string()).collect(),
        lines: Lines::span(10, 20),
        ..Minutes::default()
    }
}

fn pack(day: &str, members: &[&str], minutes: Vec<Minutes>) -> Pack {
    let mut pack = Pack::default();
    pack.meeting.organisation = Some("Invented County Council".into());
    pack.meeting.body = Some(BODY.into());
    pack.meeting.date = Some(date(day));
    pack.membership = members.iter().map(|n| member(n)).collect();
    pack.minutes = minutes;
    pack
}

fn import(store: &mut SqliteStore, text: &str, pack: &Pack) -> ImportOutcome {
    let source = SourceFile {
        name: "pack.txt",
        bytes: text.as_bytes(),
        text,
    };
    store.import_pack(&source, pack).unwrap()
}

fn person_of(store: &SqliteStore, name: &str) -> PersonId {
    store
        .people()
        .unwrap()
        .into_iter()
        .find(|p| p.aliases.iter().any(|a| a.name == name))
        .unwrap_or_else(|| panic!("nobody printed as {name}"))
        .id
}

#[test]
fn a_new_database_is_created_and_migrated() {
    let dir = TempDir::new().unwrap();
    let store = open(&dir);
    assert!(moot_store_sqlite::schema_version(store.connection()).unwrap() >= 1);
    assert_eq!(store.counts().unwrap(), Counts::default());
    drop(store);
    let again = open(&dir);
    assert_eq!(again.counts().unwrap(), Counts::default());
}

#[test]
fn importing_the_same_bytes_twice_changes_nothing() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    let p = pack(
        "2013-09-18",
        &["Mr P J Oakford"],
        vec![minutes("2013-07-17", &["Mr Oakford"])],
    );
    let first = import(&mut store, "pack one", &p);
    let counts = store.counts().unwrap();
    let second = import(&mut store, "pack one", &p);
    assert!(matches!(first, ImportOutcome::Imported { .. }));
    assert!(matches!(second, ImportOutcome::AlreadyImported { .. }));
    assert_eq!(store.counts().unwrap(), counts);
}

#[test]
fn an_import_reports_what_it_added() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    let p = pack(
        "2013-09-18",
        &["Mr P J Oakford", "Mrs S Chandler"],
        vec![minutes("2013-07-17", &["Mr Oakford"])],
    );
    let ImportOutcome::Imported { added, .. } = import(&mut store, "pack", &p) else {
        panic!("not imported");
    };
    assert_eq!(added.meetings, 2);
    assert_eq!(added.minutes, 1);
    assert_eq!(added.people, 2);
    assert_eq!(added.documents, 1);
}

#[test]
fn minutes_attach_to_the_meeting_they_record() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    import(&mut store, "july pack", &pack("2013-07-17", &[], vec![]));
    import(
        &mut store,
        "september pack",
        &pack("2013-09-18", &[], vec![minutes("2013-07-17", &[])]),
    );
    let meetings = store.meetings().unwrap();
    assert_eq!(meetings.len(), 2);
    let july = meetings
        .iter()
        .find(|m| m.date == Some(date("2013-07-17")))
        .unwrap();
    assert_eq!((july.status.as_str(), july.minutes), ("minuted", 1));
    let september = meetings
        .iter()
        .find(|m| m.date == Some(date("2013-09-18")))
        .unwrap();
    assert_eq!(
        (september.status.as_str(), september.minutes),
        ("scheduled", 0)
    );
}

#[test]
fn minutes_of_an_unknown_meeting_create_it() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    import(
        &mut store,
        "september pack",
        &pack("2013-09-18", &[], vec![minutes("2013-07-17", &[])]),
    );
    import(&mut store, "july pack", &pack("2013-07-17", &[], vec![]));
    assert_eq!(store.meetings().unwrap().len(), 2);
}

#[test]
fn printings_of_one_member_across_packs_are_one_person() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    import(
        &mut store,
        "one",
        &pack("2013-07-17", &["Mr P J Oakford"], vec![]),
    );
    import(
        &mut store,
        "two",
        &pack(
            "2013-09-18",
            &["Peter Oakford"],
            vec![minutes("2013-07-17", &["Mr Oakford"])],
        ),
    );
    let people = store.people().unwrap();
    assert_eq!(people.len(), 1);
    let reasons: Vec<&str> = people[0]
        .aliases
        .iter()
        .map(|a| a.reason.as_str())
        .collect();
    assert_eq!(people[0].aliases.len(), 3);
    assert!(reasons.contains(
        &"same surname and first initial P as Mr P J Oakford on Health and Wellbeing Board"
    ));
}

#[test]
fn two_people_sharing_a_surname_stay_two() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    import(
        &mut store,
        "one",
        &pack("2013-07-17", &["Mr A Smith", "Mrs B Smith"], vec![]),
    );
    import(
        &mut store,
        "two",
        &pack(
            "2013-09-18",
            &[],
            vec![minutes(
                "2013-07-17",
                &["Mr A Smith", "Mrs B Smith", "Smith"],
            )],
        ),
    );
    assert_ne!(
        person_of(&store, "Mr A Smith"),
        person_of(&store, "Mrs B Smith")
    );
    let smith = person_of(&store, "Smith");
    assert_ne!(smith, person_of(&store, "Mr A Smith"));
    assert_ne!(smith, person_of(&store, "Mrs B Smith"));
}

#[test]
fn attendance_links_substitutes_to_the_member_they_replaced() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    let mut m = minutes("2013-07-17", &["Cllr Mrs S Chandler", "Mr R W Gough"]);
    m.substitutes.push(Substitution {
        name: "Cllr Mrs S Chandler".into(),
        for_member: "Cllr P Watkins".into(),
        lines: Lines::one(12),
    });
    m.apologies.push("Cllr P Watkins".into());
    import(&mut store, "pack", &pack("2013-09-18", &[], vec![m]));
    let (kind, for_person): (String, Option<i64>) = store
        .connection()
        .query_row(
            "SELECT kind, substitute_for_person_id FROM attendance WHERE name = 'Cllr Mrs S Chandler'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(kind, "substitute");
    assert_eq!(for_person, Some(person_of(&store, "Cllr P Watkins").0));
    assert_eq!(store.counts().unwrap().attendance, 3);
}

#[test]
fn a_split_by_hand_survives_later_imports() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    import(
        &mut store,
        "one",
        &pack("2013-07-17", &["Mr P J Oakford", "Peter Oakford"], vec![]),
    );
    import(
        &mut store,
        "two",
        &pack(
            "2013-09-18",
            &[],
            vec![minutes("2013-07-17", &["Mr Oakford"])],
        ),
    );
    let peter = person_of(&store, "Peter Oakford");
    assert_eq!(person_of(&store, "Mr Oakford"), peter);
    let split = store.split_person(peter, "Mr Oakford").unwrap();
    assert_eq!(person_of(&store, "Mr Oakford"), split);
    let attendance_of_split: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM attendance WHERE person_id = ?1",
            [split.0],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(attendance_of_split, 1);
    import(
        &mut store,
        "three",
        &pack(
            "2013-11-20",
            &[],
            vec![minutes("2013-09-18", &["Mr Oakford", "Peter Oakford"])],
        ),
    );
    assert_eq!(person_of(&store, "Mr Oakford"), split);
    assert_eq!(person_of(&store, "Peter Oakford"), peter);
    assert_eq!(store.people().unwrap().len(), 2);
}

#[test]
fn a_merge_by_hand_survives_later_imports() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    import(
        &mut store,
        "one",
        &pack("2013-07-17", &["Liz Eyre", "Mrs E A Eyre"], vec![]),
    );
    let (liz, mrs) = (
        person_of(&store, "Liz Eyre"),
        person_of(&store, "Mrs E A Eyre"),
    );
    assert_ne!(liz, mrs);
    store.merge_people(mrs, liz).unwrap();
    import(
        &mut store,
        "two",
        &pack(
            "2013-09-18",
            &["Liz Eyre"],
            vec![minutes("2013-07-17", &["Mrs E A Eyre"])],
        ),
    );
    assert_eq!(store.people().unwrap().len(), 1);
    assert_eq!(person_of(&store, "Liz Eyre"), mrs);
}

#[test]
fn merging_or_splitting_nonsense_is_refused() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    import(
        &mut store,
        "one",
        &pack("2013-07-17", &["Mr P J Oakford"], vec![]),
    );
    let p = person_of(&store, "Mr P J Oakford");
    assert!(matches!(
        store.merge_people(p, p),
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        store.merge_people(p, PersonId(999)),
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        store.split_person(p, "Mr P J Oakford"),
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        store.split_person(p, "Mrs Nobody"),
        Err(StoreError::Invalid(_))
    ));
}

#[test]
fn a_pack_failing_half_way_leaves_nothing_behind() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    import(
        &mut store,
        "earlier",
        &pack("2013-07-17", &["Mr A Smith"], vec![]),
    );
    let before = store.counts().unwrap();
    let p = pack(
        "2013-09-18",
        &["Mr P J Oakford"],
        vec![minutes("2013-07-17", &["Mr Oakford"])],
    );
    let source = SourceFile {
        name: "failing.txt",
        bytes: b"failing",
        text: "failing",
    };
    let mut stop_at_minutes = |stage: Stage| match stage {
        Stage::Minutes => Err(StoreError::Stopped("injected".into())),
        _ => Ok(()),
    };
    let result = store.import_pack_with(&source, &p, &mut stop_at_minutes);
    assert!(matches!(result, Err(StoreError::Stopped(_))));
    assert_eq!(store.counts().unwrap(), before);
    assert!(matches!(
        store.import_pack(&source, &p).unwrap(),
        ImportOutcome::Imported { .. }
    ));
}

#[test]
fn a_constraint_violation_rolls_the_pack_back() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    store
        .connection()
        .execute_batch(
            "CREATE TRIGGER no_minute_items BEFORE INSERT ON minute_items
             BEGIN SELECT RAISE(ABORT, 'refused by test'); END;",
        )
        .unwrap();
    let mut m = minutes("2013-07-17", &["Mr Oakford"]);
    m.items.push(moot_domain::MinuteItem {
        number: Some("1".into()),
        title: "Apologies".into(),
        agenda_ref: None,
        resolved: false,
        resolutions: vec![],
        exempt: false,
        lines: Lines::one(11),
    });
    let source = SourceFile {
        name: "bad.txt",
        bytes: b"bad",
        text: "bad",
    };
    assert!(store
        .import_pack(&source, &pack("2013-09-18", &["Mr P J Oakford"], vec![m]))
        .is_err());
    assert_eq!(store.counts().unwrap(), Counts::default());
}

use moot_testdata::corpus_files as corpus;

fn import_corpus(store: &mut SqliteStore) {
    for file in corpus() {
        let bytes = std::fs::read(&file).unwrap();
        let text = moot_import::decode(&bytes).unwrap();
        let extraction = moot_import::extract_text(&text);
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let source = SourceFile {
            name: &name,
            bytes: &bytes,
            text: &text,
        };
        store.import_pack(&source, &extraction.pack).unwrap();
    }
}

#[test]
fn the_corpus_imports_and_a_second_import_changes_nothing() {
    let files = corpus();
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    import_corpus(&mut store);
    let counts = store.counts().unwrap();
    assert_eq!(counts.documents, files.len() as u64);
    assert!(counts.meetings >= 1);
    import_corpus(&mut store);
    assert_eq!(store.counts().unwrap(), counts);
    let ok: String = store
        .connection()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let orphans: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM documents WHERE meeting_id IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0);
    let mut fk = store
        .connection()
        .prepare("PRAGMA foreign_key_check")
        .unwrap();
    assert!(fk.query([]).unwrap().next().unwrap().is_none());
}

/// People are matched by candidates looked up by `person_names.surname_key`
/// (a column SQL derives from the printing's key): it must be the surname
/// `moot-people` compares, or a candidate would be missed.
#[test]
fn every_printings_surname_key_is_the_surname_moot_people_compares() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    import_corpus(&mut store);
    let mut stmt = store
        .connection()
        .prepare("SELECT name, surname_key FROM person_names")
        .unwrap();
    let rows: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(rows.len() > 50, "{} printings", rows.len());
    for (name, surname_key) in rows {
        if let Some(parsed) = moot_people::PersonName::parse(&name) {
            assert_eq!(surname_key, parsed.surname_key(), "{name}");
        }
    }
}
