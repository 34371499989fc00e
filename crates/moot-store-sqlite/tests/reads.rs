//! The reads behind the public site, on packs built by hand.

use moot_domain::{AgendaItem, Date, Lines, Member, MinuteItem, Minutes, Pack, Substitution};
use moot_store::{
    AttendanceFact, AttendanceKind, BodyId, DocumentId, FeedDecision, FeedItem, MeetingId,
    PersonId, SourceFile, Store, StoreError,
};
use moot_store_sqlite::SqliteStore;

const BODY: &str = "Invented Scrutiny Committee";

fn member(name: &str, role: Option<&str>) -> Member {
    Member {
        name: name.into(),
        role: role.map(Into::into),
        party: Some("Independent".into()),
        position: None,
        voting: None,
        lines: Lines::one(3),
    }
}

fn agenda_item(number: &str, title: &str, exempt: bool) -> AgendaItem {
    AgendaItem {
        number: Some(number.into()),
        title: title.into(),
        pages: Some((5, 9)),
        exempt,
        decision: None,
        lines: Lines::one(4),
    }
}

fn minute(number: &str, resolutions: &[&str]) -> MinuteItem {
    MinuteItem {
        number: Some(number.into()),
        title: format!("Minute {number}"),
        agenda_ref: None,
        resolved: !resolutions.is_empty(),
        resolutions: resolutions.iter().map(|r| r.to_string()).collect(),
        exempt: false,
        lines: Lines::one(14),
    }
}

/// A pack for the meeting on `day` carrying the minutes of `previous`.
fn pack(day: Date, previous: Date) -> Pack {
    let mut pack = Pack::default();
    pack.meeting.organisation = Some("Invented Borough Council".into());
    pack.meeting.body = Some(BODY.into());
    pack.meeting.date = Some(day);
    pack.membership = vec![
        member("Mrs Ann Archer", Some("Chair")),
        member("Mr Ben Baker", None),
        member("Mr Carl Cooper", None),
    ];
    pack.agenda = vec![
        agenda_item("1", "Apologies", false),
        agenda_item("2", "Sale of land", true),
    ];
    pack.minutes = vec![Minutes {
        body: Some(BODY.into()),
        date: Some(previous),
        present: vec!["Mrs Ann Archer".into(), "Mr Dan Dyer".into()],
        substitutes: vec![Substitution {
            name: "Mr Dan Dyer".into(),
            for_member: "Mr Ben Baker".into(),
            lines: Lines::one(12),
        }],
        apologies: vec!["Mr Ben Baker".into()],
        items: vec![minute("4", &[]), minute("5", &["first", "second"])],
        lines: Lines::span(10, 20),
        ..Minutes::default()
    }];
    pack
}

fn store_with_two_meetings() -> SqliteStore {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let (first, second) = (
        Date::new(2021, 1, 12).unwrap(),
        Date::new(2021, 3, 9).unwrap(),
    );
    let text = "invented pack";
    let source = SourceFile {
        name: "pack.txt",
        bytes: text.as_bytes(),
        text,
    };
    store.import_pack(&source, &pack(second, first)).unwrap();
    store
}

fn meeting_on(store: &SqliteStore, date: &str) -> MeetingId {
    store
        .recent_meetings(None, 10)
        .unwrap()
        .into_iter()
        .find(|m| m.date.map(|d| d.to_string()).as_deref() == Some(date))
        .unwrap()
        .id
}

#[test]
fn recent_meetings_are_newest_first() {
    let store = store_with_two_meetings();
    let dates: Vec<String> = store
        .recent_meetings(None, 10)
        .unwrap()
        .iter()
        .filter_map(|m| m.date.map(|d| d.to_string()))
        .collect();
    assert_eq!(dates, ["2021-03-09", "2021-01-12"]);
    assert_eq!(store.recent_meetings(None, 1).unwrap().len(), 1);
}

#[test]
fn meetings_split_into_recent_and_upcoming_at_a_day() {
    let store = store_with_two_meetings();
    let day = |text: &str| moot_domain::Date::new(2021, 3, text.parse().unwrap()).unwrap();
    let dates = |meetings: Vec<moot_store::MeetingSummary>| -> Vec<String> {
        meetings
            .iter()
            .filter_map(|m| m.date.map(|d| d.to_string()))
            .collect()
    };
    let recent = store.recent_meetings(Some(day("9")), 10).unwrap();
    assert_eq!(dates(recent), ["2021-01-12"]);
    let upcoming = store.upcoming_meetings(day("9"), 10).unwrap();
    assert_eq!(dates(upcoming), ["2021-03-09"]);
    assert!(store.upcoming_meetings(day("10"), 10).unwrap().is_empty());
}

#[test]
fn a_meeting_reads_back_with_agenda_minutes_and_neighbours() {
    let store = store_with_two_meetings();
    let latest = store.meeting(meeting_on(&store, "2021-03-09")).unwrap();
    assert_eq!(latest.agenda.len(), 2);
    assert_eq!(latest.agenda[0].public_title(), Some("Apologies"));
    assert_eq!(latest.agenda[1].public_title(), None);
    assert_eq!(latest.agenda[1].pages, Some((5, 9)));
    assert!(latest.minutes.is_empty());
    assert!(latest.next.is_none());
    let previous = latest.previous.unwrap();

    let earlier = store.meeting(previous.id).unwrap();
    assert_eq!(earlier.next.map(|m| m.id), Some(latest.meeting.id));
    let items = &earlier.minutes[0].items;
    assert_eq!(items.len(), 2);
    assert!(items[0].resolutions.is_empty());
    assert_eq!(items[1].resolutions, ["first", "second"]);
    let attendance = &earlier.minutes[0].attendance;
    let dyer = attendance.iter().find(|a| a.name == "Mr Dan Dyer").unwrap();
    assert_eq!(dyer.kind, AttendanceKind::Substitute);
    assert_eq!(
        dyer.substitute_for.as_ref().map(|(_, name)| name.as_str()),
        Some("Mr Ben Baker")
    );
    assert!(attendance
        .iter()
        .any(|a| a.name == "Mr Ben Baker" && a.kind == AttendanceKind::Apologies));
}

#[test]
fn a_body_reads_back_with_meetings_and_members() {
    let store = store_with_two_meetings();
    let bodies = store.bodies().unwrap();
    assert_eq!(bodies.len(), 1);
    assert_eq!(bodies[0].meetings, 2);
    assert_eq!(
        bodies[0].latest.map(|d| d.to_string()).as_deref(),
        Some("2021-03-09")
    );
    let body = store.body(bodies[0].id).unwrap();
    assert_eq!(body.meetings.len(), 2);
    assert_eq!(body.members.len(), 3);
    assert_eq!(body.members[0].role.as_deref(), Some("Chair"));
}

#[test]
fn a_person_reads_back_with_memberships_and_attendance() {
    let store = store_with_two_meetings();
    let baker = store
        .people()
        .unwrap()
        .into_iter()
        .find(|p| p.name == "Mr Ben Baker")
        .unwrap();
    let detail = store.person(baker.id).unwrap();
    assert_eq!(detail.memberships.len(), 1);
    assert_eq!(detail.count(AttendanceKind::Apologies), 1);
    assert_eq!(detail.count(AttendanceKind::Present), 0);
    assert!(detail.attendance[0].meeting.is_some());
}

#[test]
fn unknown_ids_are_not_found() {
    let store = store_with_two_meetings();
    assert!(matches!(
        store.body(BodyId(999)),
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        store.meeting(MeetingId(999)),
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        store.person(PersonId(999)),
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        store.document(DocumentId(999)),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn a_replaced_member_and_the_substitute_read_back_as_each_others_counterparts() {
    let store = store_with_two_meetings();
    let person = |name: &str| {
        let id = store
            .people()
            .unwrap()
            .into_iter()
            .find(|p| p.name == name)
            .unwrap()
            .id;
        store.person(id).unwrap()
    };
    let baker = person("Mr Ben Baker");
    let replaced = baker
        .attendance
        .iter()
        .find(|a| a.fact == AttendanceFact::Replaced)
        .unwrap();
    assert_eq!(
        replaced.counterpart.as_ref().map(|(_, n)| n.as_str()),
        Some("Mr Dan Dyer")
    );
    assert_eq!(replaced.source.lines, Lines::one(12));
    let dyer = person("Mr Dan Dyer");
    assert_eq!(dyer.attendance.len(), 1);
    assert_eq!(
        dyer.attendance[0].fact,
        AttendanceFact::Recorded(AttendanceKind::Substitute)
    );
    let listed: Vec<String> = baker.memberships[0]
        .listed_for
        .iter()
        .filter_map(|m| m.date.map(|d| d.to_string()))
        .collect();
    assert_eq!(listed, ["2021-03-09"]);
}

#[test]
fn a_document_reads_back_with_the_lines_of_its_exempt_items_and_their_descriptions() {
    let store = store_with_two_meetings();
    let document = store.document(DocumentId(1)).unwrap();
    assert_eq!(document.text, "invented pack");
    assert_eq!(document.sha256.len(), 64);
    // The exempt item (line 4, the agenda's last) with its description, up
    // to the minutes that open on line 10.
    assert_eq!(document.exempt, [Lines::span(4, 9)]);
    assert_eq!(
        document
            .meeting
            .and_then(|m| m.date)
            .map(|d| d.to_string())
            .as_deref(),
        Some("2021-03-09")
    );
}

#[test]
fn a_body_calendar_lists_its_dated_meetings_by_date_with_when_they_were_stored() {
    let store = store_with_two_meetings();
    let body = store.bodies().unwrap()[0].id;
    let calendar = store.body_calendar(body).unwrap();
    let dates: Vec<String> = calendar
        .iter()
        .filter_map(|c| c.meeting.date.map(|d| d.to_string()))
        .collect();
    assert_eq!(dates, ["2021-01-12", "2021-03-09"]);
    assert!(calendar.iter().all(|c| c.recorded.ends_with('Z')));
    assert!(matches!(
        store.body_calendar(BodyId(999)),
        Err(StoreError::NotFound { what: "body", .. })
    ));
}

fn report(subject: &str, decision: &str, classification: &str) -> moot_domain::Report {
    moot_domain::Report {
        subject: subject.into(),
        from: None,
        to: None,
        classification: Some(classification.into()),
        decision: Some(decision.into()),
        lines: Lines::one(30),
    }
}

#[test]
fn feed_entries_give_minutes_and_each_decision_once_with_its_exempt_facts() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let mut first = pack(
        Date::new(2021, 3, 9).unwrap(),
        Date::new(2021, 1, 12).unwrap(),
    );
    first.reports = vec![
        report("Parks strategy", "21/00001", "Unrestricted"),
        report("Sale of land", "21/00002", "Unrestricted"),
    ];
    let mut second = pack(
        Date::new(2021, 5, 4).unwrap(),
        Date::new(2021, 3, 9).unwrap(),
    );
    second.reports = vec![report("Parks strategy again", "21/00001", "Unrestricted")];
    for (name, pack) in [("a.txt", &first), ("b.txt", &second)] {
        let source = SourceFile {
            name,
            bytes: name.as_bytes(),
            text: name,
        };
        store.import_pack(&source, pack).unwrap();
    }
    let entries = store.feed_entries(50).unwrap();
    let minutes = entries
        .iter()
        .filter(|e| matches!(e.item, FeedItem::Minutes { .. }))
        .count();
    assert_eq!(minutes, 2);
    let decisions: Vec<&FeedDecision> = entries
        .iter()
        .filter_map(|e| match &e.item {
            FeedItem::Decision(d) => Some(d),
            FeedItem::Minutes { .. } => None,
        })
        .collect();
    assert_eq!(decisions.len(), 2, "{decisions:?}");
    let parks = decisions.iter().find(|d| d.number == "21/00001").unwrap();
    assert_eq!(parks.subject, "Parks strategy");
    assert!(!parks.on_exempt_item);
    // "Sale of land" is the title of an exempt agenda item of its meeting.
    let land = decisions.iter().find(|d| d.number == "21/00002").unwrap();
    assert!(land.on_exempt_item);
    assert!(entries.windows(2).all(|w| w[0].recorded >= w[1].recorded));
    assert_eq!(store.feed_entries(1).unwrap().len(), 2, "one of each kind");
}
