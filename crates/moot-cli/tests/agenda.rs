//! `moot agenda publish` on a real database file: the same service as the
//! site's publish form, so a meeting tomorrow is refused for short notice
//! (exit 1, the warning on stderr, nothing published) until
//! `--accept-short-notice`, and then published with both packs.

mod common;

use common::moot;
use moot_clerk::{MinuteNumbering, PaperFormat};
use moot_domain::{Clock, Date, SystemClock};
use moot_store::{
    Actor, AuditLog, ClerkMeetingId, ClerkStore, NewAgendaItem, NewBody, NewMeeting, NewPaper,
};
use moot_store_sqlite::SqliteStore;
use std::path::Path;

fn cli() -> Actor {
    Actor::CommandLine {
        user: "setup".into(),
    }
}

/// A draft agenda of one item with a text paper, for a meeting tomorrow.
fn draft(db: &Path) -> ClerkMeetingId {
    let mut store = SqliteStore::open(db).unwrap();
    let today = SystemClock.today().unwrap();
    let tomorrow = Date::from_days_since_epoch(today.days_since_epoch() + 1).unwrap();
    let body = store
        .create_body(
            &cli(),
            &NewBody {
                organisation: "Ashworth Borough Council".into(),
                name: "Audit Panel".into(),
                numbering: MinuteNumbering::Running,
            },
        )
        .unwrap();
    let meeting = store
        .create_meeting(
            &cli(),
            body,
            &NewMeeting {
                date: tomorrow,
                time: None,
                venue: "Council Chamber".into(),
                contact: "J Clerk".into(),
            },
        )
        .unwrap();
    let item = NewAgendaItem {
        section: None,
        title: "Budget monitoring".into(),
        description: None,
        exempt_paragraph: None,
    };
    let item = store.add_agenda_item(&cli(), meeting, &item).unwrap();
    let paper = NewPaper {
        title: "Budget report".into(),
        format: PaperFormat::Text,
        bytes: b"Spending is on plan.".to_vec(),
    };
    store.attach_paper(&cli(), item, &paper).unwrap();
    meeting
}

fn published(db: &Path, meeting: ClerkMeetingId) -> bool {
    let store = SqliteStore::open(db).unwrap();
    store
        .agenda(&cli(), meeting)
        .unwrap()
        .meeting
        .public
        .is_some()
}

#[test]
fn short_notice_is_refused_until_accepted_then_the_agenda_is_published() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("moot.db");
    let meeting = draft(&db);
    let id = meeting.0.to_string();

    let refused = moot(&["agenda", "publish", &id], &db);
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("confirm_short_notice"), "{stderr}");
    assert!(stderr.contains("--accept-short-notice"), "{stderr}");
    assert!(!published(&db, meeting));

    let accepted = moot(&["agenda", "publish", &id, "--accept-short-notice"], &db);
    let stdout = String::from_utf8_lossy(&accepted.stdout);
    assert!(
        accepted.status.success(),
        "{}",
        String::from_utf8_lossy(&accepted.stderr)
    );
    assert!(stdout.contains("published the agenda"), "{stdout}");
    assert!(published(&db, meeting));
    let store = SqliteStore::open(&db).unwrap();
    let last = &store.audit_entries(None, 1).unwrap()[0];
    assert_eq!(last.action, "agenda.publish");
    assert!(last.actor.starts_with("cli:"), "{}", last.actor);

    let again = moot(&["agenda", "publish", &id, "--accept-short-notice"], &db);
    assert_eq!(again.status.code(), Some(2), "a published agenda is fixed");
}
