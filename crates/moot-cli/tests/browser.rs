//! The site in real headless Chromium: `moot serve --demo` as a real
//! process, and `browser-tests/audit.mjs` (puppeteer-core and axe-core)
//! clicking from home to a meeting to a person with screenshots, then
//! auditing every kind of page against WCAG 2.0, 2.1 and 2.2 A and AA,
//! the sign-in page (with its errors) and, signed in as the demo admin
//! (whose password the server prints), the account and admin pages; and
//! `browser-tests/clerk-cycle.mjs`, signed in as the demo clerk, running
//! a meeting from a new body to confirmed minutes through the forms.
//!
//! Needs node, `npm ci` in `browser-tests/`, and Chromium (Debian's
//! `/usr/bin/chromium`, Ubuntu's snap `/snap/bin/chromium`, or
//! `MOOT_CHROMIUM` set to one); `bash .ci/setup` installs them all. A
//! missing prerequisite fails the test with how to install it;
//! `MOOT_SKIP_BROWSER=1` skips it, loudly.
//!
//! The server runs on the real clock (the scripts count days from it), so
//! it is given a bank holiday list covering this year and the next: the
//! notice the clerk's cycle counts never runs past the list, whatever the
//! day the test runs.

mod common;

use common::Server;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// What is missing to run the browser tests, with how to install it.
fn missing_prerequisites(scripts: &Path) -> Vec<String> {
    let mut missing = Vec::new();
    if Command::new("node").arg("--version").output().is_err() {
        missing.push("node (apt-get install nodejs npm)".to_owned());
    }
    for package in ["axe-core", "puppeteer-core"] {
        if !scripts.join("node_modules").join(package).is_dir() {
            missing.push(format!("{package} (run `npm ci` in {})", scripts.display()));
        }
    }
    let chromium = chromium();
    if !chromium.is_file() {
        missing.push(format!(
            "{} (apt-get install chromium, or set MOOT_CHROMIUM to a Chromium binary)",
            chromium.display()
        ));
    }
    missing
}

/// `MOOT_CHROMIUM`, else Debian's Chromium, else Ubuntu's snap.
fn chromium() -> PathBuf {
    std::env::var_os("MOOT_CHROMIUM").map_or_else(
        || {
            ["/usr/bin/chromium", "/snap/bin/chromium"]
                .into_iter()
                .map(PathBuf::from)
                .find(|p| p.is_file())
                .unwrap_or_else(|| "/usr/bin/chromium".into())
        },
        PathBuf::from,
    )
}

/// A bank holiday list covering this year and the next by the real clock
/// (Christmas Day of each), for the server the scripts drive.
fn holidays_for_now() -> PathBuf {
    use moot_domain::Clock;
    let year = moot_domain::SystemClock
        .today()
        .expect("the clock is in range")
        .year();
    let file = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-bank-holidays.txt");
    std::fs::write(
        &file,
        format!(
            "{year}-12-25 Christmas Day\n{}-12-25 Christmas Day\n",
            year + 1
        ),
    )
    .expect("write the holiday list");
    file
}

/// Runs `script` in `browser-tests/` against a fresh `moot serve --demo`,
/// with the demo `account`'s password (printed by the server) in
/// `password_variable`; returns its output after checking it passed.
/// `None` when the browser tests are skipped.
fn run_script(script: &str, account: &str, password_variable: &str) -> Option<String> {
    if std::env::var_os("MOOT_SKIP_BROWSER").is_some_and(|v| v == "1") {
        eprintln!("\n*** SKIPPED: browser tests (MOOT_SKIP_BROWSER=1); pages were NOT checked in Chromium ***\n");
        return None;
    }
    let scripts = repo_root().join("browser-tests");
    let missing = missing_prerequisites(&scripts);
    assert!(
        missing.is_empty(),
        "the browser tests need: {}; or set MOOT_SKIP_BROWSER=1 to skip them",
        missing.join("; ")
    );
    let holidays = holidays_for_now();
    let server = Server::start([
        OsStr::new("--demo"),
        OsStr::new("--bank-holidays"),
        holidays.as_os_str(),
    ]);
    let marker = format!("demo account {account} has password ");
    let password = server
        .banner
        .iter()
        .find_map(|l| l.split(marker.as_str()).nth(1))
        .map(|p| p.trim().to_owned())
        .unwrap_or_else(|| panic!("moot serve --demo prints the {account}'s password"));
    let output = Command::new("node")
        .arg(scripts.join(script))
        .env(password_variable, password)
        .env("MOOT_CHROMIUM", chromium())
        .arg(server.url())
        .arg(screenshots())
        .current_dir(&scripts)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    eprintln!("{stderr}");
    assert!(
        output.status.success(),
        "{script} failed:\n{stderr}\n{stdout}"
    );
    Some(stdout)
}

fn screenshots() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots")
}

#[test]
fn pages_click_through_and_pass_the_accessibility_audit_in_chromium() {
    let Some(stdout) = run_script("audit.mjs", "admin", "MOOT_ADMIN_PASSWORD") else {
        return;
    };
    for page in ["home", "meeting", "person"] {
        let shot = screenshots().join(format!("{page}.png"));
        assert!(shot.is_file(), "no screenshot {}", shot.display());
    }
    assert!(stdout.contains("axe person"), "{stdout}");
}

#[test]
fn a_clerk_runs_a_meeting_cycle_through_the_forms_in_chromium() {
    let Some(stdout) = run_script("clerk-cycle.mjs", "clerk", "MOOT_CLERK_PASSWORD") else {
        return;
    };
    for page in [
        "clerk-agenda-published",
        "clerk-minutes-confirmed",
        "clerk-public-meeting",
    ] {
        let shot = screenshots().join(format!("{page}.png"));
        assert!(shot.is_file(), "no screenshot {}", shot.display());
    }
    assert!(stdout.contains("clerk cycle done"), "{stdout}");
}
