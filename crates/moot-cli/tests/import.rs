//! `moot import` and `moot people` through the real binary, on real
//! database files: idempotence, failures, hand-made splits, and a process
//! killed in the middle of an import.

mod common;

use common::moot;
use moot_store::{PersonId, Store};
use moot_store_sqlite::SqliteStore;
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};
use tempfile::TempDir;

use moot_testdata::{corpus_dir, corpus_files};

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn importing_a_directory_twice_gives_identical_counts() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("moot.db");
    let corpus = corpus_dir();
    let first = moot(&["import", corpus.to_str().unwrap()], &db);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(stdout(&first).starts_with("4 imported, 0 already imported, 0 failed"));
    let counts = SqliteStore::open(&db).unwrap().counts().unwrap();
    let second = moot(&["import", corpus.to_str().unwrap()], &db);
    assert!(second.status.success());
    assert!(
        stdout(&second).starts_with("0 imported, 4 already imported, 0 failed: added 0 meetings")
    );
    assert_eq!(SqliteStore::open(&db).unwrap().counts().unwrap(), counts);
}

#[test]
fn files_that_fail_are_listed_and_the_rest_imported() {
    let pack = &corpus_files()[0];
    let dir = TempDir::new().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let db = dir.path().join("moot.db");
    let out = moot(
        &["import", empty.to_str().unwrap(), pack.to_str().unwrap()],
        &db,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).starts_with("1 imported, 0 already imported, 1 failed"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty.txt"));
}

#[test]
fn the_database_defaults_to_moot_db_env() {
    let pack = &corpus_files()[0];
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("from-env.db");
    let status = Command::new(env!("CARGO_BIN_EXE_moot"))
        .args(["import", pack.to_str().unwrap()])
        .env("MOOT_DB", &db)
        .current_dir(dir.path())
        .status()
        .unwrap();
    assert!(status.success());
    assert!(db.exists());
    assert!(!dir.path().join("moot.db").exists());
}

/// A person with two printings that do not share a key.
fn person_with_two_printings(store: &SqliteStore) -> Option<(PersonId, String)> {
    store.people().ok()?.into_iter().find_map(|p| {
        let last = p.aliases.last()?;
        (p.aliases.len() > 1 && last.name != p.name).then(|| (p.id, last.name.clone()))
    })
}

#[test]
fn a_split_made_on_the_command_line_survives_importing_more_packs() {
    let files = corpus_files();
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("moot.db");
    moot(&["import", corpus_dir().to_str().unwrap()], &db);
    let (person, name) = person_with_two_printings(&SqliteStore::open(&db).unwrap())
        .expect("the corpus prints someone two ways");
    let split = moot(&["people", "split", &person.to_string(), &name], &db);
    assert!(
        split.status.success(),
        "{}",
        String::from_utf8_lossy(&split.stderr)
    );
    let holder = |store: &SqliteStore| {
        store
            .people()
            .unwrap()
            .into_iter()
            .find(|p| p.aliases.iter().any(|a| a.name == name))
            .map(|p| p.id)
    };
    let after_split = holder(&SqliteStore::open(&db).unwrap());
    assert_ne!(after_split, Some(person));
    for (i, file) in files.iter().enumerate() {
        let mut bytes = std::fs::read(file).unwrap();
        bytes.push(b'\n');
        let copy = dir.path().join(format!("copy-{i}.txt"));
        std::fs::write(&copy, bytes).unwrap();
        moot(&["import", copy.to_str().unwrap()], &db);
    }
    assert_eq!(holder(&SqliteStore::open(&db).unwrap()), after_split);
    let list = moot(&["people", "list"], &db);
    assert!(stdout(&list).contains("split by hand"));
}

/// What one document contributed: minutes, agenda items, memberships,
/// attendance, reports, indicator values.
fn per_document(store: &SqliteStore) -> Vec<(String, [i64; 6])> {
    let mut stmt = store
        .connection()
        .prepare(
            "SELECT d.file_name,
             (SELECT count(*) FROM minutes WHERE document_id = d.id),
             (SELECT count(*) FROM agenda_items WHERE document_id = d.id),
             (SELECT count(*) FROM memberships WHERE document_id = d.id),
             (SELECT count(*) FROM attendance a JOIN minutes m ON m.id = a.minutes_id
              WHERE m.document_id = d.id),
             (SELECT count(*) FROM reports WHERE document_id = d.id),
             (SELECT count(*) FROM indicator_values WHERE document_id = d.id)
             FROM documents d WHERE d.meeting_id IS NOT NULL ORDER BY d.id",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            [
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ],
        ))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn documents(db: &Path) -> i64 {
    SqliteStore::open(db)
        .and_then(|s| s.counts())
        .map_or(0, |c| c.documents as i64)
}

#[test]
fn a_killed_import_leaves_only_whole_packs() {
    let files = corpus_files();
    let dir = TempDir::new().unwrap();
    let reference = dir.path().join("reference.db");
    moot(&["import", corpus_dir().to_str().unwrap()], &reference);
    let packs = dir.path().join("packs");
    std::fs::create_dir(&packs).unwrap();
    let copies = 25;
    for (f, file) in files.iter().enumerate() {
        let bytes = std::fs::read(file).unwrap();
        for i in 0..copies {
            let mut copy = bytes.clone();
            copy.extend(std::iter::repeat_n(b'\n', i + 1));
            std::fs::write(packs.join(format!("{i:03}-{f}.txt")), copy).unwrap();
        }
    }
    let total = (files.len() * copies) as i64;
    let db = dir.path().join("moot.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_moot"))
        .args([
            "import",
            packs.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while documents(&db) < 3 && started.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    let store = SqliteStore::open(&db).unwrap();
    let check: String = store
        .connection()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let stored = store.counts().unwrap().documents as i64;
    assert!(
        stored >= 3 && stored < total,
        "killed after {stored} of {total}"
    );
    let whole = per_document(&SqliteStore::open(&reference).unwrap());
    let found = per_document(&store);
    assert_eq!(found.len() as i64, stored, "a document without its meeting");
    for (name, rows) in found {
        let original = name.trim_end_matches(".txt").rsplit('-').next().unwrap();
        let f: usize = original.parse().unwrap();
        let expected = whole.get(f).map(|(_, rows)| *rows);
        assert_eq!(Some(rows), expected, "{name} is not whole");
    }
    drop(store);
    let rest = moot(&["import", packs.to_str().unwrap()], &db);
    assert!(rest.status.success());
    assert_eq!(documents(&db), total);
}

#[test]
fn a_fifo_is_refused_with_a_one_line_error_instead_of_hanging() {
    let dir = TempDir::new().unwrap();
    let fifo = dir.path().join("pack.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success(), "mkfifo");
    let db = dir.path().join("moot.db");
    let start = Instant::now();
    let output = moot(&["import", fifo.to_str().unwrap()], &db);
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "it waited for a writer"
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let line = stderr
        .lines()
        .find(|l| l.contains("pack.txt"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(
        line.contains("is a FIFO (named pipe), not a pack file"),
        "{line}"
    );
    // A directory full of them is walked and each is refused alike.
    let output = moot(&["import", dir.path().to_str().unwrap()], &db);
    assert_eq!(output.status.code(), Some(1));
}
