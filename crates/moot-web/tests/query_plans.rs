//! Every SQL statement behind a page and behind an import finds its rows
//! through an index, so pages and imports cost the same over five packs
//! and over ten thousand.
//!
//! The statements are collected for real, not listed by hand: the store's
//! `statement-log` feature records the text of every statement its
//! connections run while the four corpus packs are imported (with what
//! `moot import` asks after each pack for the search index) and while the
//! site is crawled from its home page (anonymously, and signed in as a
//! clerk, so the pages showing exempt business and the clerk's own are
//! read too).
//! Each is then run through `EXPLAIN QUERY PLAN` against the database
//! holding those packs, and the test fails on a `SCAN` of any table (a
//! full table scan, or a full walk of one of its indexes), naming the
//! statement and its plan.
//!
//! **Every table counts as growing.** Meetings, documents, minutes and
//! their rows grow with packs; so do bodies, people and their printings
//! (bodies of one council are not fixed: each council adds its own),
//! organisations (one per council), indicators, clerk records, accounts
//! and the audit log. None is exempt from the rule. The only scans allowed
//! are those in [`WHOLE_READS`]: statements whose answer is the whole of
//! a table by design (a list the page shows in full), where no index could
//! do less than reading every row, each with its reason; and a walk of an
//! index in the order a `LIMIT`ed statement asks for, which stops after
//! the rows it returns (the newest meetings on the home page).

mod common;

use common::leak::crawl;
use common::signed_in::{add_accounts, sign_in};
use common::{corpus_packs, import, serve_dir};
use moot_store::{DocumentId, Role, Store};
use moot_store_sqlite::statement_log;
use moot_store_sqlite::SqliteStore;
use rusqlite::Connection;
use std::collections::BTreeSet;
use std::path::Path;
use tempfile::TempDir;

const PACKS: [&str; 4] = [
    "kent-cscah-2015-07-22.txt",
    "kent-hwb-2013-09-18.txt",
    "kent-scph-2013-01-11.txt",
    "worcs-hwb-2014-07-22.txt",
];

/// Statements that read a whole table by design, by a piece of their
/// text, with why: what they return is every row, so an index could only
/// add work.
const WHOLE_READS: &[(&str, &str)] = &[
    (
        "FROM bodies b LEFT JOIN organisations o ON o.id = b.organisation_id ORDER BY",
        "the bodies page lists every body",
    ),
    (
        "FROM decisions dc",
        "the decisions register lists every decision (a body's register filters after the join)",
    ),
    (
        "FROM person_overrides o",
        "the resolver follows every hand-made merge and split; they grow only by hand",
    ),
    (
        "FROM clerk_bodies c",
        "the clerk's bodies, listed in full on the clerk's home page",
    ),
    (
        "SELECT (SELECT count(*) FROM documents), (SELECT ifnull(max(id), 0) FROM documents)",
        "the store's revision counts documents and people (once per import and \
         when the site starts, to tell whether the search index is current); \
         no index makes a count cheaper than reading one",
    ),
    (
        "WHERE ?1 IS NULL ORDER BY",
        "the site-wide scorecard and exception report rate every indicator",
    ),
];

/// Whether `steps` (a whole plan) walks an index in the order asked for,
/// so that `LIMIT` stops the walk after the rows it needs: the newest
/// meetings or minutes.
fn ordered_walk(sql: &str, steps: &[String], step: &str) -> bool {
    sql.contains("LIMIT")
        && step.contains(" USING ")
        && step.contains("INDEX")
        && !steps.iter().any(|s| s == "USE TEMP B-TREE FOR ORDER BY")
}

/// The steps of a statement's plan that scan a table (`SCAN table`, with
/// or without an index) other than an ordered walk stopped by `LIMIT`.
fn scans(conn: &Connection, sql: &str) -> Result<Vec<String>, String> {
    let mut stmt = conn
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .map_err(|e| format!("cannot explain: {e}"))?;
    let nulls = vec![rusqlite::types::Null; stmt.parameter_count()];
    let steps: Vec<String> = stmt
        .query_map(rusqlite::params_from_iter(nulls), |r| r.get::<_, String>(3))
        .and_then(|rows| rows.collect())
        .map_err(|e| format!("cannot explain: {e}"))?;
    Ok(steps
        .iter()
        .filter(|step| {
            step.starts_with("SCAN ")
                && !step.starts_with("SCAN CONSTANT ROW")
                && !step.starts_with("SCAN (")
                && !step.contains("VIRTUAL TABLE")
                && !ordered_walk(sql, &steps, step)
        })
        .cloned()
        .collect())
}

/// Statements that scan a table and are not whole reads by design, each
/// with its scanning steps.
fn full_scans(db: &Path, statements: &BTreeSet<String>) -> Vec<String> {
    let conn = Connection::open(db).unwrap();
    let mut faults = Vec::new();
    for sql in statements {
        if WHOLE_READS
            .iter()
            .any(|(piece, _)| one_line(sql).contains(piece))
        {
            continue;
        }
        match scans(&conn, sql) {
            Ok(steps) if steps.is_empty() => {}
            Ok(steps) => faults.push(format!("{}\n    {}", one_line(sql), steps.join("\n    "))),
            Err(e) => faults.push(format!("{}\n    {e}", one_line(sql))),
        }
    }
    faults
}

fn one_line(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_common_temporary(sql: &str) -> bool {
    let sql = sql.trim_start().to_ascii_uppercase();
    [
        "PRAGMA",
        "BEGIN",
        "COMMIT",
        "ROLLBACK",
        "SAVEPOINT",
        "RELEASE",
    ]
    .iter()
    .any(|word| sql.starts_with(word))
}

#[test]
fn every_statement_behind_a_page_or_an_import_uses_an_index() {
    let packs = corpus_packs(&PACKS);
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("moot.db");
    statement_log::start();
    import(dir.path(), &packs);
    // What `moot import` asks after each pack to bring the search index
    // up to it.
    let store = SqliteStore::open(&db).unwrap();
    store.revision().unwrap();
    for document in 1..=PACKS.len() as i64 {
        store.searchable(Some(DocumentId(document))).unwrap();
    }
    let imported = statement_log::stop();
    assert!(
        imported
            .iter()
            .any(|s| s.contains("INSERT INTO agenda_items")),
        "the import's statements were recorded: {imported:?}"
    );

    let site = serve_dir(dir);
    add_accounts(&site);
    let clerk = sign_in(&site, Role::Clerk);
    statement_log::start();
    let public = crawl(&site, &["/", "/api/", "/feeds/minutes.atom"], None, 3000);
    let signed_in = crawl(&site, &["/", "/clerk", "/api/clerk"], Some(&clerk), 3000);
    let served = statement_log::stop();
    assert!(
        public.len() > 100,
        "the crawl reached {} pages",
        public.len()
    );
    assert!(signed_in.iter().any(|f| f.target.starts_with("/clerk")));

    let statements: BTreeSet<String> = imported
        .into_iter()
        .chain(served)
        .filter(|s| !is_common_temporary(s))
        .collect();
    let faults = full_scans(&db, &statements);
    assert!(
        faults.is_empty(),
        "{} of {} statements scan a whole table:\n\n{}",
        faults.len(),
        statements.len(),
        faults.join("\n\n")
    );
}
