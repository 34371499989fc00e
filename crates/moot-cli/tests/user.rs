//! `moot user` on a real database file: accounts made, listed, changed
//! and disabled, each change in the audit log as the command-line user,
//! and bad passwords refused with nothing stored.

mod common;

use common::moot;
use moot_store::AuditLog;
use moot_store_sqlite::SqliteStore;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs `moot ARGS --db DB` with `stdin` as its input and `USER=ops`.
fn moot_with_stdin(args: &[&str], db: &Path, stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_moot"))
        .args(args)
        .arg("--db")
        .arg(db)
        .env("USER", "ops")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn accounts_are_added_listed_changed_and_disabled_with_audit_entries() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("moot.db");
    let add = [
        "user",
        "add",
        "jsmith",
        "--role",
        "clerk",
        "--name",
        "Jo Smith",
        "--password-stdin",
    ];
    let out = moot_with_stdin(&add, &db, "a long enough password\n");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = moot_with_stdin(&["user", "set-role", "jsmith", "admin"], &db, "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = moot_with_stdin(&["user", "disable", "jsmith"], &db, "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let list = moot(&["user", "list"], &db);
    assert_eq!(text(&list.stdout), "jsmith\tadmin\tdisabled\tJo Smith\n");

    let store = SqliteStore::open(&db).unwrap();
    let log = store.audit_entries(None, 10).unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["account.disable", "account.role", "account.create"]
    );
    assert!(log
        .iter()
        .all(|e| e.actor == "cli:ops" && e.subject == "account/1"));
    assert!(log[1].before.as_deref().unwrap().contains("\"clerk\""));
    assert!(log[1].after.as_deref().unwrap().contains("\"admin\""));
    let everything = format!("{log:?}");
    assert!(!everything.contains("a long enough password"));
}

#[test]
fn empty_and_short_passwords_are_refused_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("moot.db");
    let add = [
        "user",
        "add",
        "jsmith",
        "--role",
        "member",
        "--name",
        "Jo",
        "--password-stdin",
    ];
    for password in ["\n", "short\n", ""] {
        let out = moot_with_stdin(&add, &db, password);
        assert_eq!(out.status.code(), Some(2), "{password:?}");
        assert!(
            text(&out.stderr).contains("password"),
            "{}",
            text(&out.stderr)
        );
    }
    assert_eq!(text(&moot(&["user", "list"], &db).stdout), "");
}

#[test]
fn a_password_change_is_audited_and_an_unknown_account_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("moot.db");
    let add = [
        "user",
        "add",
        "jsmith",
        "--role",
        "member",
        "--name",
        "Jo",
        "--password-stdin",
    ];
    assert!(moot_with_stdin(&add, &db, "a long enough password\n")
        .status
        .success());
    let change = ["user", "password", "jsmith", "--password-stdin"];
    let out = moot_with_stdin(&change, &db, "another long password\n");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = moot_with_stdin(&["user", "disable", "nobody"], &db, "");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no account named nobody"));
    let bad_role = moot_with_stdin(&["user", "set-role", "jsmith", "chair"], &db, "");
    assert_eq!(bad_role.status.code(), Some(2));
    let store = SqliteStore::open(&db).unwrap();
    assert_eq!(
        store.audit_entries(None, 1).unwrap()[0].action,
        "account.password"
    );
}
