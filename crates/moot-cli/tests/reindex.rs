//! The search index through the real binary: `moot import` keeps it in
//! step, `moot people merge` leaves it consistent, `moot reindex` rebuilds
//! it, and `--index` puts it elsewhere.

use moot_search::{SearchIndex, SearchQuery};
use moot_store::{SearchKind, Store};
use moot_store_sqlite::SqliteStore;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;

fn moot(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_moot"))
        .args(args)
        .output()
        .unwrap()
}

fn corpus() -> String {
    let dir = moot_testdata::corpus_dir();
    dir.to_str().unwrap().to_owned()
}

/// A database with the corpus imported, and its path.
fn imported(dir: &TempDir, extra: &[&str]) -> PathBuf {
    let db = dir.path().join("moot.db");
    let corpus = corpus();
    let mut args = vec!["import", &corpus, "--db", db.to_str().unwrap()];
    args.extend(extra);
    let out = moot(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    db
}

/// The index at `path` is at the revision of the database at `db`.
fn assert_in_step(db: &Path, path: &Path) -> (SqliteStore, SearchIndex) {
    let store = SqliteStore::open(db).unwrap();
    let index = SearchIndex::open(path).unwrap();
    assert_eq!(index.revision().unwrap(), Some(store.revision().unwrap()));
    (store, index)
}

#[test]
fn import_keeps_the_index_beside_the_database_in_step() {
    let dir = TempDir::new().unwrap();
    let db = imported(&dir, &[]);
    let (store, index) = assert_in_step(&db, &moot_search::index_path(&db));
    let body = store.bodies().unwrap().remove(0);
    let results = index.search(&SearchQuery::new(&body.name)).unwrap();
    assert!(results.groups.iter().any(|g| g.kind == SearchKind::Meeting));
}

#[test]
fn reindex_rebuilds_a_removed_index() {
    let dir = TempDir::new().unwrap();
    let db = imported(&dir, &[]);
    let path = moot_search::index_path(&db);
    std::fs::remove_dir_all(&path).unwrap();
    let out = moot(&["reindex", "--db", db.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("indexed ") && stdout.contains(" records and passages in "),
        "{stdout}"
    );
    assert_in_step(&db, &path);
}

#[test]
fn a_merge_leaves_the_index_in_step() {
    let dir = TempDir::new().unwrap();
    let db = imported(&dir, &[]);
    let people = SqliteStore::open(&db).unwrap().people().unwrap();
    let (keep, other) = (&people[0], &people[1]);
    let out = moot(&[
        "people",
        "merge",
        &keep.id.to_string(),
        &other.id.to_string(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (_, index) = assert_in_step(&db, &moot_search::index_path(&db));
    let mut query = SearchQuery::new(&other.name);
    query.kinds = vec![SearchKind::Person];
    let found = index.search(&query).unwrap();
    let ids: Vec<i64> = found
        .groups
        .iter()
        .flat_map(|g| &g.hits)
        .map(|h| h.record.id)
        .collect();
    assert!(ids.contains(&keep.id.0), "{ids:?}");
    assert!(!ids.contains(&other.id.0), "{ids:?}");
}

#[test]
fn the_index_can_live_elsewhere() {
    let dir = TempDir::new().unwrap();
    let elsewhere = dir.path().join("search-here");
    let db = imported(&dir, &["--index", elsewhere.to_str().unwrap()]);
    assert!(!moot_search::index_path(&db).exists());
    assert_in_step(&db, &elsewhere);
}

#[test]
fn reindex_refuses_a_directory_of_other_files() {
    let dir = TempDir::new().unwrap();
    let other = dir.path().join("documents");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("letter.txt"), "keep me").unwrap();
    let db = dir.path().join("moot.db");
    let out = moot(&[
        "reindex",
        "--db",
        db.to_str().unwrap(),
        "--index",
        other.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a search index"));
    assert!(other.join("letter.txt").exists());
}
