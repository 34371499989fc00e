//! Clerk-made records on the public site: a meeting the clerk built,
//! published and minuted shows on the existing pages, JSON, search, feeds
//! and downloads, and the unique strings planted in its exempt item, its
//! exempt paper, and the minute and declaration on that item reach none
//! of them.

mod common;

use common::{fetch, json, serve_dir};
use moot_clerk::{
    BankHolidays, BodyRole, InterestKind, MinuteNumbering, PaperFormat, Presence, Seat, Term,
};
use moot_domain::{Date, Time};
use moot_store::{
    Actor, ClerkStore, MinuteText, NewAgendaItem, NewAttendance, NewBody, NewDecision,
    NewDeclaration, NewMeeting, NewMember, NewPaper,
};
use moot_store_sqlite::SqliteStore;
use std::path::Path;

const IN_PAPER: &str = "QZXPAPER6620";
const IN_ITEM: &str = "QZXITEM3185";

fn day(y: u16, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

fn item(title: &str, exempt_paragraph: Option<u8>) -> NewAgendaItem {
    NewAgendaItem {
        section: None,
        title: title.into(),
        description: None,
        exempt_paragraph,
    }
}

/// One clerk's meeting, published and minuted, with an exempt item.
fn clerk_meeting(db: &Path) {
    let mut s = SqliteStore::open(db).unwrap();
    let c = Actor::CommandLine {
        user: "clerk".into(),
    };
    let body = NewBody {
        organisation: "Invented Borough Council".into(),
        name: "Licensing Committee".into(),
        numbering: MinuteNumbering::Running,
    };
    let body = s.create_body(&c, &body).unwrap();
    let member = NewMember {
        person: None,
        name: "Cllr Ada Lovelace".into(),
        role: BodyRole::Chair,
        party: None,
        seat: Seat::Voting,
        term: Term {
            starts: day(2026, 5, 1),
            ends: None,
        },
        substitutes: vec![],
    };
    s.add_member(&c, body, &member).unwrap();
    let meeting = NewMeeting {
        date: day(2026, 11, 25),
        time: Time::new(14, 0),
        venue: "Committee Room 2".into(),
        contact: "A Clerk".into(),
    };
    let m = s.create_meeting(&c, body, &meeting).unwrap();
    let public_item = s
        .add_agenda_item(&c, m, &item("Taxi licensing policy", None))
        .unwrap();
    let exempt_item = s
        .add_agenda_item(&c, m, &item(&format!("Licence review {IN_ITEM}"), Some(1)))
        .unwrap();
    let paper = NewPaper {
        title: "Report of the licensing officer".into(),
        format: PaperFormat::Text,
        bytes: format!("The holder {IN_PAPER} was cautioned.").into_bytes(),
    };
    s.attach_paper(&c, exempt_item, &paper).unwrap();
    let packs = common::stand_in_packs();
    s.publish_agenda(
        &c,
        m,
        day(2026, 11, 16),
        &BankHolidays::shipped(),
        true,
        &packs,
    )
    .unwrap();
    let chair = s.members_on(&c, body, day(2026, 11, 25)).unwrap()[0].person;
    let present = NewAttendance {
        person: chair,
        presence: Presence::Present,
        substitute_for: None,
    };
    s.record_attendance(&c, m, &present).unwrap();
    let declaration = NewDeclaration {
        person: chair,
        item: exempt_item,
        kind: InterestKind::NonRegistrable,
        text: format!("Knows the holder {IN_ITEM}"),
        left_room: true,
    };
    s.record_declaration(&c, m, &declaration).unwrap();
    let words = |item, title: &str, resolution: &str| MinuteText {
        item: Some(item),
        title: title.into(),
        text: String::new(),
        resolutions: vec![resolution.into()],
    };
    let first = s
        .add_minute(
            &c,
            m,
            None,
            &words(
                public_item,
                "Taxi licensing policy",
                "That the policy be adopted.",
            ),
        )
        .unwrap();
    let second = s
        .add_minute(
            &c,
            m,
            None,
            &words(
                exempt_item,
                &format!("Review {IN_ITEM}"),
                &format!("Revoke {IN_ITEM}"),
            ),
        )
        .unwrap();
    for minute in [first, second] {
        let decision = NewDecision {
            minute,
            date: day(2026, 11, 25),
            number: None,
        };
        s.record_decision(&c, &decision).unwrap();
    }
    s.publish_minutes(&c, m).unwrap();
}

#[test]
fn a_clerks_meeting_shows_on_the_public_site_without_its_exempt_business() {
    let dir = tempfile::TempDir::new().unwrap();
    clerk_meeting(&dir.path().join("moot.db"));
    let site = serve_dir(dir);
    let home = json(&site, "/api/");
    // The test sites' today (2 November 2026) is before the meeting.
    let meeting = home["upcoming"][0]["id"].as_i64().unwrap();
    let detail = json(&site, &format!("/api/meetings/{meeting}"));
    assert_eq!(detail["meeting"]["venue"], "Committee Room 2");
    let titles: Vec<_> = detail["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].clone())
        .collect();
    assert_eq!(titles, ["Taxi licensing policy", "Exempt item"]);
    let decisions = json(&site, "/api/decisions");
    let numbers: Vec<_> = decisions["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["number"].clone())
        .collect();
    // 26/00002 was taken on the exempt item only: its number is exempt too.
    assert_eq!(numbers, ["26/00001"]);
    let found = json(&site, "/api/search?q=taxi");
    assert!(
        found.to_string().contains("Taxi licensing policy"),
        "{found}"
    );

    let person = detail["minutes"][0]["attendance"][0]["person"]
        .as_i64()
        .unwrap();
    let mut targets = vec![
        "/".to_owned(),
        "/api/".into(),
        "/bodies".into(),
        "/bodies/1".into(),
        "/api/bodies/1".into(),
        "/bodies/1/attendance.csv".into(),
        "/bodies/1/meetings.ics".into(),
        "/decisions".into(),
        "/api/decisions".into(),
        "/decisions.csv".into(),
        "/feeds/minutes.atom".into(),
        format!("/meetings/{meeting}"),
        format!("/api/meetings/{meeting}"),
        format!("/people/{person}"),
        format!("/api/people/{person}"),
    ];
    for doc in 1..=2 {
        targets.push(format!("/documents/{doc}"));
        targets.push(format!("/api/documents/{doc}"));
    }
    for word in ["licence", "review", "holder"] {
        targets.push(format!("/search?q={word}"));
        targets.push(format!("/api/search?q={word}"));
    }
    // A search for a planted string answers exactly as one for nothing
    // known (the box repeats what was typed).
    for path in ["/search?q=", "/api/search?q="] {
        let nothing = fetch(&site, &format!("{path}QZXNOTHING0000")).body;
        for secret in [IN_ITEM, IN_PAPER] {
            let found = fetch(&site, &format!("{path}{secret}")).body;
            assert_eq!(
                found.replace(secret, "QZXNOTHING0000"),
                nothing,
                "{path}{secret}"
            );
        }
    }
    for target in &targets {
        let response = fetch(&site, target);
        assert_eq!(response.status, 200, "{target}");
        for secret in [IN_ITEM, IN_PAPER, "cautioned", "Knows the holder", "Revoke"] {
            assert!(
                !response.body.contains(secret),
                "{target} shows {secret}: {}",
                response.body
            );
        }
    }
}
