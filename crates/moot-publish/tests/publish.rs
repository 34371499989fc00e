//! The publishing service over a real SQLite file: short notice is
//! refused until accepted, by the service and by the store itself; an
//! unusable paper is refused with nothing published; a published agenda
//! keeps both real PDF packs, the members' one alone holding the exempt
//! item's paper.

use moot_clerk::{BankHolidays, MinuteNumbering, NoticeCheck, PaperFormat};
use moot_domain::{Date, Time};
use moot_store::{
    AccountId, Actor, AgendaPacks, Audience, ClerkMeetingId, ClerkStore, NewAgendaItem, NewBody,
    NewMeeting, NewPaper, PackEdition, Role, StoreError,
};
use moot_store_sqlite::SqliteStore;

/// Planted in the exempt item's paper: only the members' pack holds it.
const IN_PAPER: &str = "QZXPUBLISH5531";

fn day(y: u16, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

fn clerk() -> Actor {
    Actor::Account {
        id: AccountId(1),
        username: "jclerk".into(),
        role: Role::Clerk,
    }
}

fn fields<T: std::fmt::Debug>(result: Result<T, StoreError>) -> Vec<String> {
    match result {
        Err(StoreError::Fields(errors)) => errors.iter().map(|(f, _)| f.to_owned()).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

/// A store with one meeting on 25 November 2026 whose draft agenda has a
/// public item and an exempt one, each with a text paper.
fn draft(dir: &tempfile::TempDir) -> (SqliteStore, ClerkMeetingId) {
    let mut store = SqliteStore::open(&dir.path().join("moot.db")).unwrap();
    let c = clerk();
    let body = store
        .create_body(
            &c,
            &NewBody {
                organisation: "Ashworth Borough Council".into(),
                name: "Audit Panel".into(),
                numbering: MinuteNumbering::Running,
            },
        )
        .unwrap();
    let meeting = store
        .create_meeting(
            &c,
            body,
            &NewMeeting {
                date: day(2026, 11, 25),
                time: Time::new(10, 0),
                venue: "Council Chamber".into(),
                contact: "J Clerk".into(),
            },
        )
        .unwrap();
    for (title, exempt, words) in [
        ("Budget monitoring", None, "Spending is on plan."),
        ("Sale of the depot", Some(3), IN_PAPER),
    ] {
        let item = store
            .add_agenda_item(
                &c,
                meeting,
                &NewAgendaItem {
                    section: None,
                    title: title.into(),
                    description: None,
                    exempt_paragraph: exempt,
                },
            )
            .unwrap();
        store
            .attach_paper(
                &c,
                item,
                &NewPaper {
                    title: format!("{title} report"),
                    format: PaperFormat::Text,
                    bytes: words.as_bytes().to_vec(),
                },
            )
            .unwrap();
    }
    (store, meeting)
}

fn holidays() -> BankHolidays {
    BankHolidays::parse("2026-12-25 Christmas Day\n2027-01-01 New Year's Day\n").unwrap()
}

fn published(store: &SqliteStore, meeting: ClerkMeetingId) -> bool {
    store
        .agenda(&clerk(), meeting)
        .unwrap()
        .meeting
        .public
        .is_some()
}

#[test]
fn short_notice_is_refused_with_the_warning_until_the_clerk_accepts_it() {
    let dir = tempfile::TempDir::new().unwrap();
    let (mut store, meeting) = draft(&dir);
    let short = day(2026, 11, 20);
    let refused =
        moot_publish::publish_agenda(&mut store, &clerk(), meeting, short, &holidays(), false);
    assert_eq!(fields(refused), [moot_publish::ACCEPT_SHORT_NOTICE]);
    assert!(!published(&store, meeting), "nothing is published");

    // A caller going round the service is refused by the store too.
    let packs = AgendaPacks {
        public: b"%PDF-1.7".to_vec(),
        members: b"%PDF-1.7".to_vec(),
    };
    let direct = store.publish_agenda(&clerk(), meeting, short, &holidays(), false, &packs);
    assert_eq!(fields(direct), [moot_publish::ACCEPT_SHORT_NOTICE]);
    assert!(!published(&store, meeting));

    let notice =
        moot_publish::publish_agenda(&mut store, &clerk(), meeting, short, &holidays(), true)
            .unwrap();
    assert_eq!(notice, NoticeCheck::TooFew { clear_days: 2 });
    assert!(published(&store, meeting));
}

#[test]
fn enough_notice_publishes_both_real_packs_with_the_exempt_paper_in_the_members_one_only() {
    let dir = tempfile::TempDir::new().unwrap();
    let (mut store, meeting) = draft(&dir);
    let notice = moot_publish::publish_agenda(
        &mut store,
        &clerk(),
        meeting,
        day(2026, 11, 16),
        &holidays(),
        false,
    )
    .unwrap();
    assert_eq!(notice, NoticeCheck::Enough { clear_days: 6 });
    let public = store
        .agenda(&clerk(), meeting)
        .unwrap()
        .meeting
        .public
        .unwrap();
    let pack = |audience, edition| {
        store
            .agenda_pack(audience, public, edition)
            .unwrap()
            .unwrap()
    };
    let public_pdf = pack(Audience::Public, PackEdition::Public);
    let members_pdf = pack(Audience::Account(Role::Member), PackEdition::Members);
    assert!(public_pdf.starts_with(b"%PDF-") && members_pdf.starts_with(b"%PDF-"));
    assert_ne!(public_pdf, members_pdf);
    assert!(members_pdf.len() > public_pdf.len());

    let again = moot_publish::publish_agenda(
        &mut store,
        &clerk(),
        meeting,
        day(2026, 11, 16),
        &holidays(),
        false,
    );
    assert!(
        matches!(again, Err(StoreError::Refused(_))),
        "a published agenda is fixed: {again:?}"
    );
}

#[test]
fn a_paper_the_pack_builder_cannot_use_is_refused_under_the_publish_button() {
    let dir = tempfile::TempDir::new().unwrap();
    let (mut store, meeting) = draft(&dir);
    let c = clerk();
    let item = store.agenda(&c, meeting).unwrap().items[0].id;
    // Opens like a PDF (so the upload check takes it) but is none.
    let broken = NewPaper {
        title: "Broken scan".into(),
        format: PaperFormat::Pdf,
        bytes: b"%PDF-1.7 not really a PDF".to_vec(),
    };
    store.attach_paper(&c, item, &broken).unwrap();
    let refused = moot_publish::publish_agenda(
        &mut store,
        &c,
        meeting,
        day(2026, 11, 16),
        &holidays(),
        false,
    );
    assert_eq!(fields(refused), [moot_publish::PACK_FIELD]);
    assert!(!published(&store, meeting));
}
