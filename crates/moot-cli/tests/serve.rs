//! `moot serve` as a real process: it picks a free port when asked for
//! port 0, says where it listens, and answers HTTP; `--demo` serves the
//! example packs from a temporary database.

mod common;

use common::Server;
use std::process::Command;

#[test]
fn serve_answers_on_the_address_it_reports() {
    let dir = tempfile::TempDir::new().unwrap();
    let server = Server::start(["--db".as_ref(), dir.path().join("moot.db").as_os_str()]);
    let response = server.get("/api/");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("\"meetings\":[]"), "{response}");
}

#[test]
fn demo_home_page_lists_the_example_meetings() {
    let server = Server::start(["--demo"]);
    let response = server.get("/");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    for meeting in [
        "Health and Wellbeing Board, Tuesday 8 December 2026",
        "Health and Wellbeing Board, Tuesday 17 March 2026",
        "Corporate Parenting Panel, Wednesday 14 October 2026",
        "Corporate Parenting Panel, Wednesday 22 April 2026",
    ] {
        assert!(response.contains(meeting), "{meeting} missing: {response}");
    }
}

/// The path of the demo database, from the line the server prints.
fn demo_database(server: &Server) -> std::path::PathBuf {
    server
        .banner
        .iter()
        .find_map(|l| l.split("demo database ").nth(1))
        .and_then(|rest| rest.split(" holds").next())
        .map(Into::into)
        .unwrap_or_else(|| panic!("no demo database in {:?}", server.banner))
}

#[cfg(unix)]
#[test]
fn demo_database_is_removed_when_the_server_stops() {
    let mut server = Server::start(["--demo"]);
    let db = demo_database(&server);
    assert!(db.exists(), "{} missing while serving", db.display());
    let killed = Command::new("kill")
        .args(["-TERM", &server.pid().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    assert!(server.wait().success());
    assert!(!db.exists(), "{} left behind", db.display());
}

#[test]
fn demo_and_db_together_are_a_usage_error() {
    let output = Command::new(env!("CARGO_BIN_EXE_moot"))
        .args(["serve", "--demo", "--db", "x.db"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--demo") && stderr.contains("--db"),
        "{stderr}"
    );
}

#[test]
fn a_bank_holiday_list_with_a_bad_line_stops_serve_at_start_naming_the_line() {
    let dir = tempfile::TempDir::new().unwrap();
    let list = dir.path().join("holidays.txt");
    std::fs::write(
        &list,
        "# updated list\n2027-01-01 New Year's Day\n1 Jan 2027\n",
    )
    .unwrap();
    let db = dir.path().join("moot.db");
    let output = Command::new(env!("CARGO_BIN_EXE_moot"))
        .args(["serve", "--addr", "127.0.0.1:0", "--bank-holidays"])
        .arg(&list)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("holidays.txt") && stderr.contains("line 3"),
        "{stderr}"
    );
}

#[test]
fn site_name_names_the_header_titles_and_footer() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("moot.db");
    let server = Server::start([
        "--db".as_ref(),
        db.as_os_str(),
        "--site-name".as_ref(),
        "Ashworth Borough Council".as_ref(),
    ]);
    let page = server.get("/bodies");
    assert!(
        page.contains("– Ashworth Borough Council</title>"),
        "{page}"
    );
    assert!(page.contains("Ashworth Borough Council's committee records"));
    let home = server.get("/api/");
    assert!(
        home.contains("\"site\":\"Ashworth Borough Council\""),
        "{home}"
    );
}
