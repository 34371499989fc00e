//! The clerk's side over a real SQLite file: a whole committee cycle from
//! a new body to corrected minutes, the refusals on the way, the audit
//! log, and exempt business planted with unique strings that the public
//! reads never return.

use moot_clerk::{
    BankHolidays, BodyRole, InterestKind, MinuteNumbering, MinutesState, NoticeCheck, PaperFormat,
    Presence, Seat, Term,
};
use moot_domain::{Date, Time};
use moot_store::{
    AccountId, Actor, AgendaItemId, AgendaPacks, Audience, AuditLog, BodyId, ClerkMeetingId,
    ClerkStore, DocumentId, ExemptItems, MeetingId, MinuteId, MinuteText, NewAction, NewAgendaItem,
    NewAttendance, NewBody, NewDecision, NewDeclaration, NewMeeting, NewMember, NewPaper,
    PackEdition, PersonId, PublicLine, Role, Store, StoreError,
};
use moot_store_sqlite::SqliteStore;

/// Planted in an exempt paper: it must reach no public read.
const IN_PAPER: &str = "QZXPAPER4417";
/// Planted in the exempt item's title, its minute and a declaration on
/// it: public rows may carry it (as imported ones do), the exempt rule
/// must withhold it everywhere.
const IN_ITEM: &str = "QZXITEM9052";

fn day(y: u16, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

fn account(id: i64, username: &str, role: Role) -> Actor {
    Actor::Account {
        id: AccountId(id),
        username: username.into(),
        role,
    }
}

fn clerk() -> Actor {
    account(1, "jclerk", Role::Clerk)
}

fn fields(result: Result<impl std::fmt::Debug, StoreError>) -> Vec<String> {
    match result {
        Err(StoreError::Fields(errors)) => errors.iter().map(|(f, _)| f.to_owned()).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

fn refused<T: std::fmt::Debug>(result: Result<T, StoreError>) -> String {
    match result {
        Err(StoreError::Refused(why)) => why,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// Stand-ins for the two editions: the store keeps the bytes it is given.
fn packs() -> AgendaPacks {
    AgendaPacks {
        public: b"%PDF-1.7 public edition".to_vec(),
        members: format!("%PDF-1.7 members' edition {IN_PAPER}").into_bytes(),
    }
}

/// The packs published with `meeting` are served by edition, and the
/// members' one to members only.
fn assert_packs_kept(store: &SqliteStore, meeting: ClerkMeetingId) {
    let public = store
        .agenda(&clerk(), meeting)
        .unwrap()
        .meeting
        .public
        .unwrap();
    assert!(store.has_agenda_packs(public).unwrap());
    let read = |audience, edition| store.agenda_pack(audience, public, edition);
    assert_eq!(
        read(Audience::Public, PackEdition::Public).unwrap(),
        Some(packs().public)
    );
    assert_eq!(
        read(Audience::Account(Role::Member), PackEdition::Members).unwrap(),
        Some(packs().members)
    );
    assert!(matches!(
        read(Audience::Public, PackEdition::Members),
        Err(StoreError::Forbidden { .. })
    ));
    let unpublished = MeetingId(public.0 + 1000);
    assert!(!store.has_agenda_packs(unpublished).unwrap());
    assert_eq!(
        store
            .agenda_pack(Audience::Public, unpublished, PackEdition::Public)
            .unwrap(),
        None
    );
}

fn member(name: &str, role: BodyRole, seat: Seat, term: Term, substitutes: &[&str]) -> NewMember {
    NewMember {
        person: None,
        name: name.into(),
        role,
        party: Some("Independent".into()),
        seat,
        term,
        substitutes: substitutes.iter().map(|s| s.to_string()).collect(),
    }
}

fn meeting(date: Date) -> NewMeeting {
    NewMeeting {
        date,
        time: Time::new(10, 0),
        venue: "Council Chamber, County Hall".into(),
        contact: "J Clerk, democratic.services@example.gov.uk".into(),
    }
}

fn item(title: &str, exempt_paragraph: Option<u8>) -> NewAgendaItem {
    NewAgendaItem {
        section: Some(
            if exempt_paragraph.is_some() {
                "Part 2"
            } else {
                "Part 1"
            }
            .into(),
        ),
        title: title.into(),
        description: Some(format!("To consider {title}.")),
        exempt_paragraph,
    }
}

fn words(item: Option<AgendaItemId>, title: &str, text: &str, resolutions: &[&str]) -> MinuteText {
    MinuteText {
        item,
        title: title.into(),
        text: text.into(),
        resolutions: resolutions.iter().map(|r| r.to_string()).collect(),
    }
}

struct Cycle {
    store: SqliteStore,
    _dir: tempfile::TempDir,
    body: BodyId,
    first: ClerkMeetingId,
    second: ClerkMeetingId,
    chair: PersonId,
    items: Vec<AgendaItemId>,
    minutes: Vec<MinuteId>,
}

/// A body with members, a first meeting with an exempt item, published,
/// recorded and minuted, and a second meeting scheduled.
fn cycle() -> Cycle {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(&dir.path().join("moot.db")).unwrap();
    let c = clerk();
    let body = store
        .create_body(
            &c,
            &NewBody {
                organisation: "Invented County Council".into(),
                name: "Health Scrutiny Committee".into(),
                numbering: MinuteNumbering::ByMunicipalYear { starts_month: 5 },
            },
        )
        .unwrap();
    let term = Term {
        starts: day(2026, 5, 14),
        ends: None,
    };
    store
        .add_member(
            &c,
            body,
            &member("Mrs A Baker", BodyRole::Chair, Seat::Voting, term, &[]),
        )
        .unwrap();
    let short = Term {
        ends: Some(day(2026, 12, 31)),
        ..term
    };
    store
        .add_member(
            &c,
            body,
            &member("Mr B Clark", BodyRole::Member, Seat::Voting, short, &[]),
        )
        .unwrap();
    store
        .add_member(
            &c,
            body,
            &member(
                "Dr C Dean",
                BodyRole::Member,
                Seat::CoOpted,
                term,
                &["Mr D Evans"],
            ),
        )
        .unwrap();
    let first = store
        .create_meeting(&c, body, &meeting(day(2026, 11, 18)))
        .unwrap();
    let mut items = Vec::new();
    for title in [
        "Apologies and substitutes",
        "Declarations of interest",
        "Budget monitoring",
    ] {
        items.push(
            store
                .add_agenda_item(&c, first, &item(title, None))
                .unwrap(),
        );
    }
    let exempt_title = format!("Sale of the depot {IN_ITEM}");
    items.push(
        store
            .add_agenda_item(&c, first, &item(&exempt_title, Some(3)))
            .unwrap(),
    );
    let paper = |title: &str, text: &str| NewPaper {
        title: title.into(),
        format: PaperFormat::Text,
        bytes: text.as_bytes().to_vec(),
    };
    store
        .attach_paper(
            &c,
            items[2],
            &paper("Budget monitoring report", "Spending is on budget."),
        )
        .unwrap();
    store
        .attach_paper(
            &c,
            items[3],
            &paper("Depot valuation", &format!("Valued by {IN_PAPER}.")),
        )
        .unwrap();
    let notice = store
        .publish_agenda(
            &c,
            first,
            day(2026, 11, 10),
            &BankHolidays::shipped(),
            false,
            &packs(),
        )
        .unwrap();
    assert_eq!(notice, NoticeCheck::Enough { clear_days: 5 });
    assert_packs_kept(&store, first);
    let on_list = store.members_on(&c, body, day(2026, 11, 18)).unwrap();
    let person = |name: &str| on_list.iter().find(|m| m.name == name).unwrap().person;
    let (chair, clark, dean) = (
        person("Mrs A Baker"),
        person("Mr B Clark"),
        person("Dr C Dean"),
    );
    let evans = on_list
        .iter()
        .find(|m| m.person == dean)
        .unwrap()
        .substitutes[0]
        .0;
    for (who, presence, replaced) in [
        (chair, Presence::Present, None),
        (clark, Presence::Present, None),
        (dean, Presence::Apologies, None),
        (evans, Presence::Substitute, Some(dean)),
    ] {
        let attendance = NewAttendance {
            person: who,
            presence,
            substitute_for: replaced,
        };
        store.record_attendance(&c, first, &attendance).unwrap();
    }
    let declare = |person, item, text: &str| NewDeclaration {
        person,
        item,
        kind: InterestKind::OtherRegistrable,
        text: text.into(),
        left_room: true,
    };
    store
        .record_declaration(
            &c,
            first,
            &declare(clark, items[2], "Governor of the trust"),
        )
        .unwrap();
    store
        .record_declaration(
            &c,
            first,
            &declare(chair, items[3], &format!("Owns land {IN_ITEM}")),
        )
        .unwrap();
    // The clerk carries the number on from the body's paper minutes.
    let mut minutes = vec![store
        .add_minute(
            &c,
            first,
            Some(41),
            &words(Some(items[0]), "Apologies", "Dr Dean sent apologies.", &[]),
        )
        .unwrap()];
    for (at, title, text, resolved) in [
        (1, "Declarations", "Mr Clark declared an interest.", vec![]),
        (
            2,
            "Budget monitoring",
            "The committee discussed spending.",
            vec!["That the report be noted."],
        ),
        (
            3,
            "Sale of the depot",
            "The committee agreed terms.",
            vec![IN_ITEM],
        ),
    ] {
        minutes.push(
            store
                .add_minute(
                    &c,
                    first,
                    None,
                    &words(Some(items[at]), title, text, &resolved),
                )
                .unwrap(),
        );
    }
    let second = store
        .create_meeting(&c, body, &meeting(day(2027, 1, 20)))
        .unwrap();
    Cycle {
        store,
        _dir: dir,
        body,
        first,
        second,
        chair,
        items,
        minutes,
    }
}

#[test]
fn a_whole_cycle_numbers_publishes_confirms_and_corrects_minutes() {
    let mut cy = cycle();
    let c = clerk();
    let s = &mut cy.store;
    let numbers: Vec<u32> = s
        .minutes(&c, cy.first)
        .unwrap()
        .items
        .iter()
        .map(|m| m.number)
        .collect();
    assert_eq!(
        numbers,
        [41, 42, 43, 44],
        "run on from the number the clerk gave"
    );
    // Two decisions, numbered in the council's series.
    let decide = |minute| NewDecision {
        minute,
        date: day(2026, 11, 18),
        number: None,
    };
    assert_eq!(
        s.record_decision(&c, &decide(cy.minutes[2])).unwrap(),
        "26/00001"
    );
    assert_eq!(
        s.record_decision(&c, &decide(cy.minutes[3])).unwrap(),
        "26/00002"
    );
    let taken = NewDecision {
        number: Some("26/00002".into()),
        ..decide(cy.minutes[2])
    };
    assert_eq!(fields(s.record_decision(&c, &taken)), ["number"]);
    let action = s
        .add_action(
            &c,
            cy.first,
            &NewAction {
                minute: Some(cy.minutes[2]),
                text: "Report back on the overspend".into(),
                owner: "Director of Finance".into(),
                due: Some(day(2027, 1, 15)),
            },
        )
        .unwrap();
    s.publish_minutes(&c, cy.first).unwrap();

    // The public records show them, through the reads the site uses.
    let public = s.agenda(&c, cy.first).unwrap().meeting.public.unwrap();
    let detail = s.meeting(public).unwrap();
    assert_eq!(
        detail.venue.as_deref(),
        Some("Council Chamber, County Hall")
    );
    assert_eq!(detail.agenda.len(), 4);
    assert_eq!(
        detail.agenda[3].public_title(),
        None,
        "the exempt item shows its number only"
    );
    let record = &detail.minutes[0];
    let shown: Vec<_> = record
        .items
        .iter()
        .map(|i| i.number.as_deref().unwrap())
        .collect();
    assert_eq!(shown, ["41", "42", "43", "44"]);
    assert_eq!(record.items[2].resolutions, ["That the report be noted."]);
    let substitute = record
        .attendance
        .iter()
        .find(|a| a.substitute_for.is_some())
        .unwrap();
    assert_eq!(
        (
            substitute.name.as_str(),
            substitute.substitute_for.as_ref().unwrap().1.as_str()
        ),
        ("Mr D Evans", "Dr C Dean")
    );
    let register = s.decisions(Some(cy.body)).unwrap();
    let numbers: Vec<_> = register.iter().map(|d| d.number.as_str()).collect();
    assert_eq!(numbers, ["26/00002", "26/00001"]);
    assert!(register
        .iter()
        .all(|d| d.meeting.as_ref().map(|m| m.id) == Some(public)));
    assert!(
        register[0].exempt && !register[1].exempt,
        "the exempt item's decision keeps its lines back"
    );
    let body = s.body(cy.body).unwrap();
    assert_eq!(
        body.members.len(),
        3,
        "the membership on the day, as a pack would list it"
    );
    assert!(s.person(cy.chair).unwrap().attendance.len() == 1);

    // The next meeting carries the open action and numbers on.
    let next = s.agenda(&c, cy.second).unwrap();
    assert_eq!(
        next.matters_arising
            .iter()
            .map(|a| a.id)
            .collect::<Vec<_>>(),
        [action]
    );
    assert_eq!(s.next_minute_number(&c, cy.second).unwrap(), 45);
    s.add_agenda_item(
        &c,
        cy.second,
        &item("Minutes of the previous meeting", None),
    )
    .unwrap();
    let unaccepted = s.publish_agenda(
        &c,
        cy.second,
        day(2027, 1, 15),
        &BankHolidays::shipped(),
        false,
        &packs(),
    );
    assert_eq!(
        fields(unaccepted),
        [moot_clerk::ACCEPT_SHORT_NOTICE],
        "short notice is refused unless the clerk accepts it"
    );
    assert_eq!(s.agenda(&c, cy.second).unwrap().meeting.notice, None);
    let notice = s
        .publish_agenda(
            &c,
            cy.second,
            day(2027, 1, 15),
            &BankHolidays::shipped(),
            true,
            &packs(),
        )
        .unwrap();
    assert_eq!(notice, NoticeCheck::TooFew { clear_days: 2 });
    assert_eq!(
        s.agenda(&c, cy.second).unwrap().meeting.notice,
        Some(notice)
    );

    // Confirmed at the next meeting, and locked.
    assert_eq!(fields(s.confirm_minutes(&c, cy.first, cy.first)), ["at"]);
    s.confirm_minutes(&c, cy.first, cy.second).unwrap();
    let confirmed = s.minutes(&c, cy.first).unwrap();
    assert_eq!(
        (confirmed.state, confirmed.confirmed_at),
        (MinutesState::Confirmed, Some(cy.second))
    );
    let edit = words(Some(cy.items[1]), "Declarations", "Changed quietly.", &[]);
    assert!(refused(s.edit_minute(&c, cy.minutes[1], &edit)).contains("correction"));
    let late = NewAttendance {
        person: cy.chair,
        presence: Presence::Apologies,
        substitute_for: None,
    };
    refused(s.record_attendance(&c, cy.first, &late));
    refused(s.add_minute(&c, cy.first, None, &edit));

    // A correction is a new version, visible, with the words before kept.
    assert_eq!(
        fields(s.correct_minute(&c, cy.minutes[1], &edit, " ")),
        ["reason"]
    );
    let corrected = words(
        Some(cy.items[1]),
        "Declarations",
        "Mr B Clark declared an interest.",
        &[],
    );
    s.correct_minute(
        &c,
        cy.minutes[1],
        &corrected,
        "The member's initial was left out",
    )
    .unwrap();
    let versions = s.minute_versions(&c, cy.minutes[1]).unwrap();
    assert_eq!(versions.len(), 1);
    assert_eq!(
        (versions[0].version, versions[0].replaced_by.as_str()),
        (1, "jclerk")
    );
    assert_eq!(versions[0].before.text, "Mr Clark declared an interest.");
    let minutes = s.minutes(&c, cy.first).unwrap();
    assert_eq!(minutes.items[1].version, 2);
    let detail = s.meeting(public).unwrap();
    assert_eq!(
        detail.minutes.len(),
        1,
        "the correction replaces the public minutes, not adds to them"
    );
    let text = document_text(s, detail.minutes[0].source.document);
    assert!(text.contains("Mr B Clark declared an interest."), "{text}");
    assert!(text.contains("The member's initial was left out"));
    assert!(text.contains("Confirmed as a correct record at the meeting on 2027-01-20."));

    // Closed at the second meeting: still reported there, gone after.
    s.close_action(&c, action, cy.second).unwrap();
    refused(s.close_action(&c, action, cy.second));
    let third = s
        .create_meeting(&c, cy.body, &meeting(day(2027, 3, 17)))
        .unwrap();
    assert!(s.agenda(&c, third).unwrap().matters_arising.is_empty());
    assert_eq!(s.agenda(&c, cy.second).unwrap().matters_arising.len(), 1);
}

/// The document's text as the public sees it, withheld runs marked.
fn document_text(s: &SqliteStore, id: DocumentId) -> String {
    let record = s.document(id).unwrap();
    record
        .public_lines()
        .iter()
        .map(|l| match l {
            PublicLine::Shown { text, .. } => text.to_string(),
            PublicLine::Withheld(_) => "[withheld]".to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn exempt_business_reaches_no_public_read() {
    let mut cy = cycle();
    let c = clerk();
    cy.store
        .record_decision(
            &c,
            &NewDecision {
                minute: cy.minutes[3],
                date: day(2026, 11, 18),
                number: None,
            },
        )
        .unwrap();
    cy.store.publish_minutes(&c, cy.first).unwrap();
    let s = &cy.store;
    let public = s.agenda(&c, cy.first).unwrap().meeting.public.unwrap();
    let detail = s.meeting(public).unwrap();
    let mut documents = vec![
        detail.minutes[0].source.document,
        detail.agenda[0].source.document,
    ];
    documents.dedup();
    let mut seen = vec![
        format!("{:?}", s.searchable(None).unwrap()),
        format!("{:?}", s.feed_entries(50).unwrap()),
        format!("{:?}", s.body_calendar(cy.body).unwrap()),
        format!("{:?}", s.decisions(None).unwrap()),
    ];
    for doc in &documents {
        seen.push(document_text(s, *doc));
        seen.push(s.document(*doc).unwrap().text);
    }
    for text in &seen {
        assert!(
            !text.contains(IN_PAPER) && !text.contains(IN_ITEM),
            "leaked: {text}"
        );
    }
    // The paper's text is nowhere in the public tables at all.
    let everything = format!(
        "{:?}{:?}{:?}",
        detail,
        s.body(cy.body).unwrap(),
        s.person(cy.chair).unwrap()
    );
    assert!(!everything.contains(IN_PAPER));
    // The exempt item's minute and declaration are the rule's to withhold,
    // exactly as for an imported pack's.
    let exempt = ExemptItems::of(&detail.agenda);
    for item in detail.minutes[0]
        .items
        .iter()
        .filter(|i| i.title.contains(IN_ITEM) || i.resolutions.iter().any(|r| r.contains(IN_ITEM)))
    {
        assert!(exempt.covers_item(item.agenda_ref.as_deref()));
    }
    for declaration in detail.minutes[0]
        .declarations
        .iter()
        .filter(|d| d.text.contains(IN_ITEM))
    {
        assert!(exempt.covers_item(declaration.item.as_deref()));
    }
    let person = s.person(cy.chair).unwrap();
    assert!(person
        .declarations
        .iter()
        .all(|d| d.exempt || !d.declaration.text.contains(IN_ITEM)));
    // A member, signed in, reads the exempt paper.
    let member = account(2, "cllr", Role::Member);
    let agenda = s.agenda(&member, cy.first).unwrap();
    let (_, bytes) = s.paper(&member, agenda.items[3].papers[0].id).unwrap();
    assert!(String::from_utf8(bytes).unwrap().contains(IN_PAPER));
}

#[test]
fn writes_need_a_clerk_and_bad_input_changes_nothing() {
    let mut cy = cycle();
    let s = &mut cy.store;
    let c = clerk();
    let logged = s.audit_entries(None, 1000).unwrap().len();
    let member = account(2, "cllr", Role::Member);
    let forbidden = s.create_meeting(&member, cy.body, &meeting(day(2027, 6, 1)));
    assert!(
        matches!(forbidden, Err(StoreError::Forbidden { .. })),
        "{forbidden:?}"
    );
    let nobody = Actor::Account {
        id: AccountId(3),
        username: "x".into(),
        role: Role::Member,
    };
    assert!(
        s.members_on(&nobody, cy.body, day(2026, 6, 1)).is_ok(),
        "a member may read what they may not change"
    );
    let bad_meeting = NewMeeting {
        venue: " ".into(),
        ..meeting(day(2026, 11, 18))
    };
    assert_eq!(
        fields(s.create_meeting(&c, cy.body, &bad_meeting)),
        ["venue", "date"]
    );
    let bad_term = Term {
        starts: day(2027, 1, 1),
        ends: Some(day(2026, 1, 1)),
    };
    assert_eq!(
        fields(s.add_member(&c, cy.body, &member_named("", bad_term))),
        ["name", "ends"]
    );
    assert_eq!(
        fields(s.add_agenda_item(&c, cy.second, &item("Land", Some(8)))),
        ["exempt_paragraph"]
    );
    let not_pdf = NewPaper {
        title: "Plan".into(),
        format: PaperFormat::Pdf,
        bytes: b"plain".to_vec(),
    };
    let draft_item = s
        .add_agenda_item(&c, cy.second, &item("Plan", None))
        .unwrap();
    assert_eq!(fields(s.attach_paper(&c, draft_item, &not_pdf)), ["file"]);
    let lone = NewAttendance {
        person: cy.chair,
        presence: Presence::Substitute,
        substitute_for: None,
    };
    assert_eq!(
        fields(s.record_attendance(&c, cy.second, &lone)),
        ["substitute_for"]
    );
    assert_eq!(
        fields(s.add_minute(&c, cy.first, Some(41), &words(None, "Again", "", &[]))),
        ["number"]
    );
    // Published agendas are fixed.
    refused(s.add_agenda_item(&c, cy.first, &item("Late item", None)));
    refused(s.publish_agenda(
        &c,
        cy.first,
        day(2026, 11, 11),
        &BankHolidays::shipped(),
        true,
        &packs(),
    ));
    assert_eq!(
        s.audit_entries(None, 1000).unwrap().len(),
        logged + 1,
        "only the one valid write (the draft item) was logged"
    );
}

fn member_named(name: &str, term: Term) -> NewMember {
    member(name, BodyRole::Member, Seat::Voting, term, &[])
}

#[test]
fn every_change_has_its_audit_entry() {
    let cy = cycle();
    let entries = cy.store.audit_entries(None, 1000).unwrap();
    let count = |action: &str| entries.iter().filter(|e| e.action == action).count();
    assert_eq!(count("body.create"), 1);
    assert_eq!(count("membership.create"), 3);
    assert_eq!(count("meeting.create"), 2);
    assert_eq!(count("agenda-item.create"), 4);
    assert_eq!(count("paper.create"), 2);
    assert_eq!(count("agenda.publish"), 1);
    assert_eq!(count("attendance.create"), 4);
    assert_eq!(count("declaration.create"), 2);
    assert_eq!(count("minute.create"), 4);
    assert!(entries
        .iter()
        .all(|e| e.actor == "jclerk" && e.after.is_some()));
    let publish = entries
        .iter()
        .find(|e| e.action == "agenda.publish")
        .unwrap();
    assert_eq!(publish.subject, format!("meeting/{}", cy.first.0));
    assert!(publish.before.as_deref().unwrap().contains("draft"));
    let paper = entries
        .iter()
        .find(|e| e.action == "paper.create" && e.after.as_deref().unwrap().contains("valuation"))
        .unwrap();
    assert!(
        !paper.after.as_deref().unwrap().contains(IN_PAPER),
        "the log keeps no paper bytes"
    );
}

#[test]
fn members_on_a_day_follow_their_terms() {
    let cy = cycle();
    let c = clerk();
    let on = |d| {
        cy.store
            .members_on(&c, cy.body, d)
            .unwrap()
            .into_iter()
            .map(|m| m.name)
            .collect::<Vec<_>>()
    };
    assert_eq!(on(day(2026, 5, 13)), Vec::<String>::new());
    assert_eq!(
        on(day(2026, 11, 18)),
        ["Mrs A Baker", "Dr C Dean", "Mr B Clark"]
    );
    assert_eq!(
        on(day(2027, 1, 1)),
        ["Mrs A Baker", "Dr C Dean"],
        "Mr Clark's term ended"
    );
}

#[test]
fn the_record_of_a_meeting_names_who_came_what_was_declared_raised_and_numbered() {
    let mut cy = cycle();
    let c = clerk();
    let s = &mut cy.store;
    let action = NewAction {
        minute: Some(cy.minutes[2]),
        text: "Report the year-end position".into(),
        owner: "Director of Finance".into(),
        due: Some(day(2027, 1, 15)),
    };
    s.add_action(&c, cy.first, &action).unwrap();
    let decision = NewDecision {
        minute: cy.minutes[2],
        date: day(2026, 11, 18),
        number: None,
    };
    s.record_decision(&c, &decision).unwrap();
    let record = s.meeting_record(&c, cy.first).unwrap();
    let attendance: Vec<_> = record
        .attendance
        .iter()
        .map(|a| {
            (
                a.name.as_str(),
                a.presence,
                a.substitute_for.as_ref().map(|(_, n)| n.as_str()),
            )
        })
        .collect();
    assert_eq!(
        attendance,
        [
            ("Mrs A Baker", Presence::Present, None),
            ("Mr B Clark", Presence::Present, None),
            ("Dr C Dean", Presence::Apologies, None),
            ("Mr D Evans", Presence::Substitute, Some("Dr C Dean")),
        ]
    );
    let declared: Vec<_> = record
        .declarations
        .iter()
        .map(|d| (d.name.as_str(), d.item, d.left_room))
        .collect();
    assert_eq!(
        declared,
        [
            ("Mr B Clark", cy.items[2], true),
            ("Mrs A Baker", cy.items[3], true)
        ]
    );
    assert_eq!(record.actions.len(), 1);
    assert_eq!(record.actions[0].minute, Some(cy.minutes[2]));
    assert_eq!(record.actions[0].action.owner, "Director of Finance");
    assert_eq!(record.decisions, [(cy.minutes[2], "26/00001".to_owned())]);
    let later: Vec<_> = record.later_meetings.iter().map(|m| m.id).collect();
    assert_eq!(later, [cy.second], "only the body's meetings after it");
    assert!(s
        .meeting_record(&c, cy.second)
        .unwrap()
        .later_meetings
        .is_empty());
    let (meeting, minute) = s.minute(&c, cy.minutes[2]).unwrap();
    assert_eq!((meeting, minute.number), (cy.first, 43));
    let reader = account(2, "cllr", Role::Member);
    assert_eq!(s.meeting_record(&reader, cy.first).unwrap(), record);
}

#[test]
fn a_correction_moves_the_search_revision_and_shows_publicly_except_on_exempt_items() {
    let mut cy = cycle();
    let c = clerk();
    let s = &mut cy.store;
    s.publish_minutes(&c, cy.first).unwrap();
    s.confirm_minutes(&c, cy.first, cy.second).unwrap();
    let before = s.revision().unwrap();
    let corrected = words(
        Some(cy.items[2]),
        "Budget monitoring",
        "The committee discussed spending and reserves.",
        &["That the report be noted."],
    );
    s.correct_minute(&c, cy.minutes[2], &corrected, "Reserves were discussed")
        .unwrap();
    let after = s.revision().unwrap();
    assert_ne!(before, after, "the index must not keep the replaced words");
    let exempt = words(Some(cy.items[3]), "Sale of the depot", IN_ITEM, &[IN_ITEM]);
    s.correct_minute(&c, cy.minutes[3], &exempt, &format!("Terms {IN_ITEM}"))
        .unwrap();
    assert_ne!(s.revision().unwrap(), after);

    let public = s.agenda(&c, cy.first).unwrap().meeting.public.unwrap();
    let detail = s.meeting(public).unwrap();
    let items = &detail.minutes[0].items;
    let budget = items
        .iter()
        .find(|i| i.number.as_deref() == Some("43"))
        .unwrap();
    assert_eq!(budget.corrections.len(), 1);
    let correction = &budget.corrections[0];
    assert_eq!(correction.version, 1);
    assert_eq!(correction.reason, "Reserves were discussed");
    assert_eq!(correction.text, "The committee discussed spending.");
    assert_eq!(correction.resolutions, ["That the report be noted."]);
    let today = s.minute_versions(&c, cy.minutes[2]).unwrap()[0].replaced_at[..10].to_owned();
    assert_eq!(correction.corrected_on.to_string(), today);
    let depot = items
        .iter()
        .find(|i| i.number.as_deref() == Some("44"))
        .unwrap();
    assert!(
        depot.corrections.is_empty(),
        "an exempt minute's corrections stay out of the public records"
    );
    assert!(!format!("{detail:?}").contains(&format!("Terms {IN_ITEM}")));
}
