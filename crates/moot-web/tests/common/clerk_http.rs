//! The clerk's forms over real HTTP: a meeting planted through the store
//! (as a clerk would have made it), forms posted with a browser's CSRF
//! token, and where a 303 sends the browser.
#![allow(dead_code)]

use super::clerk::form_body;
use super::signed_in::{post, Browser};
use super::{Response, Site};
use moot_clerk::{BankHolidays, BodyRole, MinuteNumbering, Seat, Term};
use moot_domain::{Date, Time};
use moot_store::{
    Actor, AgendaItemId, BodyId, ClerkMeetingId, ClerkStore, MinuteText, NewAgendaItem, NewBody,
    NewMeeting, NewMember, PersonId,
};
use moot_store_sqlite::SqliteStore;

/// Planted in the exempt item and everything said about it.
pub const IN_EXEMPT: &str = "QZXMINUTE5521";

/// A body with three meetings: an earlier one minuted 41 and 42 and
/// published, the one to record (agenda published, with a public and an
/// exempt item), and the next one (scheduled).
pub struct Planted {
    pub body: BodyId,
    pub earlier: ClerkMeetingId,
    pub meeting: ClerkMeetingId,
    pub next: ClerkMeetingId,
    /// The chair, a member, and the member's named substitute.
    pub chair: PersonId,
    pub member: PersonId,
    pub substitute: PersonId,
    pub public_item: AgendaItemId,
    pub exempt_item: AgendaItemId,
}

pub fn day(y: u16, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

pub fn cli() -> Actor {
    Actor::CommandLine {
        user: "clerk".into(),
    }
}

fn member(name: &str, role: BodyRole, substitutes: &[&str]) -> NewMember {
    NewMember {
        person: None,
        name: name.into(),
        role,
        party: None,
        seat: Seat::Voting,
        term: Term {
            starts: day(2026, 5, 1),
            ends: None,
        },
        substitutes: substitutes.iter().map(|s| s.to_string()).collect(),
    }
}

fn meeting(date: Date) -> NewMeeting {
    NewMeeting {
        date,
        time: Time::new(14, 0),
        venue: "Committee Room 2".into(),
        contact: "A Clerk".into(),
    }
}

fn item(title: &str, exempt_paragraph: Option<u8>) -> NewAgendaItem {
    NewAgendaItem {
        section: None,
        title: title.into(),
        description: None,
        exempt_paragraph,
    }
}

/// Plants [`Planted`] in the site's database.
pub fn plant(site: &Site) -> Planted {
    let mut s = SqliteStore::open(&site.dir.path().join("moot.db")).unwrap();
    let c = cli();
    let new = NewBody {
        organisation: "Invented Borough Council".into(),
        name: "Licensing Committee".into(),
        numbering: MinuteNumbering::Running,
    };
    let body = s.create_body(&c, &new).unwrap();
    let chair = member("Cllr Ada Lovelace", BodyRole::Chair, &[]);
    s.add_member(&c, body, &chair).unwrap();
    let turing = member("Cllr Alan Turing", BodyRole::Member, &["Cllr Grace Hopper"]);
    s.add_member(&c, body, &turing).unwrap();
    let holidays = BankHolidays::parse(super::TEST_BANK_HOLIDAYS).unwrap();
    let earlier = s
        .create_meeting(&c, body, &meeting(day(2026, 9, 16)))
        .unwrap();
    let old_item = s.add_agenda_item(&c, earlier, &item("Fees", None)).unwrap();
    s.publish_agenda(
        &c,
        earlier,
        day(2026, 9, 1),
        &holidays,
        true,
        &super::stand_in_packs(),
    )
    .unwrap();
    for number in [41, 42] {
        let words = MinuteText {
            item: Some(old_item),
            title: format!("Earlier business {number}"),
            text: String::new(),
            resolutions: vec![],
        };
        s.add_minute(&c, earlier, Some(number), &words).unwrap();
    }
    s.publish_minutes(&c, earlier).unwrap();
    let this = s
        .create_meeting(&c, body, &meeting(day(2026, 11, 25)))
        .unwrap();
    let public_item = s
        .add_agenda_item(&c, this, &item("Taxi licensing policy", None))
        .unwrap();
    let exempt_title = format!("Licence review {IN_EXEMPT}");
    let exempt_item = s
        .add_agenda_item(&c, this, &item(&exempt_title, Some(1)))
        .unwrap();
    s.publish_agenda(
        &c,
        this,
        day(2026, 11, 16),
        &holidays,
        true,
        &super::stand_in_packs(),
    )
    .unwrap();
    let next = s
        .create_meeting(&c, body, &meeting(day(2027, 1, 20)))
        .unwrap();
    let members = s.members_on(&c, body, day(2026, 11, 25)).unwrap();
    let person = |name: &str| members.iter().find(|m| m.name == name).unwrap();
    Planted {
        body,
        earlier,
        meeting: this,
        next,
        chair: person("Cllr Ada Lovelace").person,
        member: person("Cllr Alan Turing").person,
        substitute: person("Cllr Alan Turing").substitutes[0].0,
        public_item,
        exempt_item,
    }
}

/// POSTs `fields` as a url-encoded form with `browser`'s CSRF token.
pub fn submit(site: &Site, browser: &Browser, target: &str, fields: &[(&str, &str)]) -> Response {
    post(site, browser, target, &form_body(browser, fields))
}

/// Where a redirect sends the browser.
pub fn location(response: &Response) -> Option<&str> {
    response
        .head
        .lines()
        .find_map(|l| l.strip_prefix("location: "))
        .map(str::trim)
}

/// POSTs `fields` and expects 303 to `to`.
pub fn submit_ok(site: &Site, browser: &Browser, target: &str, fields: &[(&str, &str)], to: &str) {
    let response = submit(site, browser, target, fields);
    assert_eq!(response.status, 303, "{target}: {}", response.body);
    assert_eq!(location(&response), Some(to), "{target}");
}
