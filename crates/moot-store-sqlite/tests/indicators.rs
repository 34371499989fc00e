//! Indicator values in a real SQLite file: CSV loads stored whole or not
//! at all and idempotent by hash, pack rows and CSV rows joining one
//! indicator, and the assessments read back (rating by the rule in force,
//! printed rating beside it, direction of travel).

use moot_domain::{IndicatorRow, Lines, Pack, Polarity, Rag};
use moot_scorecard::{read_indicator_csv, Direction, RatingCheck};
use moot_store::{
    BodyId, IndicatorAssessment, LoadOutcome, SourceFile, Store, StoreError, ValueOrigin,
};
use moot_store_sqlite::SqliteStore;
use rusqlite::Connection;
use tempfile::TempDir;

const BODY: &str = "Health and Wellbeing Board";

fn open(dir: &TempDir) -> SqliteStore {
    SqliteStore::open(&dir.path().join("moot.db")).unwrap()
}

fn load(store: &mut SqliteStore, name: &str, csv: &str) -> Result<LoadOutcome, StoreError> {
    let rows = read_indicator_csv(csv.as_bytes()).expect("the test's CSV is good");
    let source = SourceFile {
        name,
        bytes: csv.as_bytes(),
        text: csv,
    };
    store.load_indicators(&source, &rows)
}

fn values(store: &SqliteStore) -> u64 {
    store.counts().unwrap().indicator_values
}

const QUARTERS: &str = "\
code,name,polarity,period_end,value,target,minimum,rating,body
PH1,Smoking quitters,H,2024-03-31,70%,80%,60%,AMBER,Health and Wellbeing Board
PH1,Smoking quitters,H,2024-06-30,85%,,,RED,Health and Wellbeing Board
PH2,Waiting days,L,2024-06-30,12,,,,
";

#[test]
fn a_loaded_file_is_assessed_by_the_threshold_in_force_with_direction() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    let outcome = load(&mut store, "q.csv", QUARTERS).unwrap();
    assert!(matches!(
        outcome,
        LoadOutcome::Loaded {
            values: 3,
            new_indicators: 2,
            ..
        }
    ));
    let all = store.indicator_assessments(None).unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(all[0].check, RatingCheck::Agrees);
    // The June row has no threshold of its own: March's is still in force.
    assert_eq!(
        all[1].check,
        RatingCheck::Disagrees {
            printed: Rag::Red,
            computed: Rag::Green
        }
    );
    assert_eq!(all[1].direction, Some(Direction::Improved));
    assert_eq!(all[1].value.origin.to_string(), "q.csv:3");
    assert_eq!(all[2].check, RatingCheck::Undecided);
}

#[test]
fn a_body_sees_only_the_indicators_it_reviews() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    load(&mut store, "q.csv", QUARTERS).unwrap();
    let body = store.bodies().unwrap()[0].id;
    let codes = |list: Vec<IndicatorAssessment>| -> Vec<String> {
        list.into_iter().filter_map(|a| a.value.code).collect()
    };
    assert_eq!(
        codes(store.indicator_assessments(Some(body)).unwrap()),
        ["PH1", "PH1"]
    );
    assert!(store
        .indicator_assessments(Some(BodyId(body.0 + 100)))
        .unwrap()
        .is_empty());
}

#[test]
fn loading_the_same_bytes_twice_changes_nothing() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    let LoadOutcome::Loaded { load: first, .. } = load(&mut store, "q.csv", QUARTERS).unwrap()
    else {
        panic!("first load stores");
    };
    let before = store.counts().unwrap();
    let again = load(&mut store, "renamed.csv", QUARTERS).unwrap();
    assert_eq!(again, LoadOutcome::AlreadyLoaded { load: first });
    assert_eq!(store.counts().unwrap(), before);
}

#[test]
fn a_file_clashing_with_stored_periods_stores_nothing_and_names_each_line() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    load(&mut store, "q.csv", QUARTERS).unwrap();
    let before = store.counts().unwrap();
    let clash = "\
code,name,polarity,period_end,value,body
PH3,New indicator,H,2024-06-30,1,
PH1,Smoking quitters,H,2024-03-31,71%,Health and Wellbeing Board
PH2,Waiting days,L,2024-06-30,11,
";
    let Err(StoreError::RowsRefused(problems)) = load(&mut store, "clash.csv", clash) else {
        panic!("a clash is refused");
    };
    let lines: Vec<_> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [Some(3), Some(4)]);
    assert!(problems[0].reason.contains("q.csv:2"), "{}", problems[0]);
    assert_eq!(store.counts().unwrap(), before);
    // Refused bytes are not remembered as loaded: a mended retry is new.
    assert!(matches!(
        load(&mut store, "clash.csv", clash),
        Err(StoreError::RowsRefused(_))
    ));
}

fn pack_with_scorecard() -> Pack {
    let mut pack = Pack::default();
    pack.meeting.organisation = Some("Invented County Council".into());
    pack.meeting.body = Some(BODY.into());
    pack.indicators = vec![IndicatorRow {
        code: Some("PH1".into()),
        name: "Smoking quitters".into(),
        polarity: Some(Polarity::High),
        period: Some("Q4".into()),
        value: Some("78%".into()),
        rag: Some(Rag::Green),
        target: Some("80%".into()),
        period_end: None,
        lines: Lines::span(40, 41),
    }];
    pack
}

#[test]
fn csv_rows_join_the_indicator_a_pack_printed() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    let text = "an invented pack";
    let source = SourceFile {
        name: "pack.txt",
        bytes: text.as_bytes(),
        text,
    };
    store.import_pack(&source, &pack_with_scorecard()).unwrap();
    load(&mut store, "q.csv", QUARTERS).unwrap();
    assert_eq!(store.counts().unwrap().indicators, 2);
    let body = store.bodies().unwrap()[0].id;
    let reviewed = store.indicator_assessments(Some(body)).unwrap();
    assert_eq!(reviewed.len(), 3);
    let pack_row = reviewed
        .iter()
        .find(|a| matches!(a.value.origin, ValueOrigin::Pack { .. }))
        .unwrap();
    // Rated by the target on its own row: 78% is short of 80%, and a
    // target alone does not decide Amber from Red.
    assert_eq!(pack_row.check, RatingCheck::Undecided);
    assert_eq!(pack_row.value.origin.to_string(), "pack.txt lines 40–41");
}

#[test]
fn a_database_of_the_first_schema_keeps_its_scorecard_rows() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("old.db");
    let old = Connection::open(&path).unwrap();
    old.execute_batch(include_str!("../migrations/0001_initial.sql"))
        .unwrap();
    old.execute_batch(
        "INSERT INTO organisations (id, name) VALUES (1, 'Invented');
         INSERT INTO bodies (id, organisation_id, name, slug) VALUES (1, 1, 'Board', 'board');
         INSERT INTO documents (id, sha256, file_name, bytes, text, imported_at)
             VALUES (1, 'x', 'old.txt', x'00', 'text', '2024-01-01T00:00:00Z');
         INSERT INTO indicators (id, organisation_id, body_id, code, name, polarity)
             VALUES (1, 1, 1, 'A1', 'Old', 'L');
         INSERT INTO indicator_values (id, indicator_id, document_id, period, value, rag,
             target, lines_first, lines_last) VALUES (7, 1, 1, 'YTD', '5', 'RED', '6', 3, 3);
         PRAGMA user_version = 1;",
    )
    .unwrap();
    drop(old);
    let store = SqliteStore::open(&path).unwrap();
    let all = store.indicator_assessments(Some(BodyId(1))).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].value.period.as_deref(), Some("YTD"));
    assert_eq!(
        all[0].check,
        RatingCheck::Disagrees {
            printed: Rag::Red,
            computed: Rag::Green
        }
    );
    assert_eq!(all[0].value.origin.to_string(), "old.txt line 3");
    assert_eq!(values(&store), 1);
}
