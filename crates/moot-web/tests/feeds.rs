//! The feeds over real HTTP, read back with independent parsers: the
//! `icalendar` crate's for the calendars, `quick-xml` for the Atom feed.
//! The demo packs give the meetings; a planted exempt item shows that
//! nothing exempt reaches a feed.

mod common;

use common::{agenda_item, fetch, get, json, serve, Site};
use icalendar::parser::{read_calendar, unfold, Component};
use moot_domain::{Date, Lines, MinuteItem, Minutes, Pack, Report};
use quick_xml::events::Event;
use std::path::Path;

/// The example packs `moot serve --demo` ships, imported and served.
fn demo_site() -> Site {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../moot-cli/demo");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let packs: Vec<_> = files
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            let pack = moot_import::extract_text(&text).pack;
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, text, pack)
        })
        .collect();
    serve(&packs)
}

fn body_id(site: &Site, name: &str) -> i64 {
    json(site, "/api/bodies")["bodies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["name"] == name)
        .and_then(|b| b["id"].as_i64())
        .unwrap_or_else(|| panic!("no body {name}"))
}

/// The meeting ids of a body by ISO date, from its JSON.
fn meeting_ids(site: &Site, body: i64) -> Vec<(String, i64)> {
    json(site, &format!("/api/bodies/{body}"))["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["date"].as_str().unwrap().to_owned(),
                m["id"].as_i64().unwrap(),
            )
        })
        .collect()
}

fn property<'a>(
    event: &'a Component<'_>,
    name: &str,
) -> Option<&'a icalendar::parser::Property<'a>> {
    event.properties.iter().find(|p| p.name.as_str() == name)
}

fn value(event: &Component<'_>, name: &str) -> String {
    property(event, name)
        .map(|p| p.val.clone().unescape_text().as_str().to_owned())
        .unwrap_or_default()
}

fn param(event: &Component<'_>, name: &str, key: &str) -> Option<String> {
    property(event, name)?
        .params
        .iter()
        .find(|p| p.key.as_str() == key)
        .and_then(|p| p.val.as_ref().map(|v| v.as_str().to_owned()))
}

#[test]
fn a_body_calendar_lists_each_dated_meeting_with_its_day_time_and_place() {
    let site = demo_site();
    let body = body_id(&site, "Health and Wellbeing Board");
    let target = format!("/bodies/{body}/meetings.ics");
    let common::Response {
        status,
        head,
        body: text,
    } = fetch(&site, &target);
    assert_eq!(status, 200, "{text}");
    assert!(
        head.contains("content-type: text/calendar; charset=utf-8"),
        "{head}"
    );
    assert!(text.split("\r\n").all(|line| line.len() <= 75), "{text}");
    let unfolded = unfold(&text);
    let calendar = read_calendar(&unfolded).unwrap();
    assert!(calendar
        .properties
        .iter()
        .any(|p| p.name.as_str() == "PRODID"));
    let zones: Vec<_> = calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VTIMEZONE")
        .collect();
    assert_eq!(zones.len(), 1);
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .collect();
    let ids = meeting_ids(&site, body);
    assert_eq!(events.len(), ids.len(), "one event per dated meeting");

    let on = |day: &str| {
        *events
            .iter()
            .find(|e| value(e, "DTSTART").starts_with(day))
            .unwrap_or_else(|| panic!("no event on {day}"))
    };
    let june = on("20260616");
    assert_eq!(value(june, "DTSTART"), "20260616T140000");
    assert_eq!(
        param(june, "DTSTART", "TZID").as_deref(),
        Some("Europe/London")
    );
    assert_eq!(value(june, "SUMMARY"), "Health and Wellbeing Board");
    assert_eq!(
        value(june, "LOCATION"),
        "Council Chamber, Ashworth Town Hall, Market Place, Ashworth"
    );
    let june_id = ids.iter().find(|(d, _)| d == "2026-06-16").unwrap().1;
    assert!(value(june, "URL").ends_with(&format!("/meetings/{june_id}")));
    assert!(value(june, "DTSTAMP").ends_with('Z'));
    // Known only from its minutes: no time, so a whole day.
    let march = on("20260317");
    assert_eq!(value(march, "DTSTART"), "20260317");
    assert_eq!(param(march, "DTSTART", "VALUE").as_deref(), Some("DATE"));

    let uids: Vec<String> = events.iter().map(|e| value(e, "UID")).collect();
    let mut distinct = uids.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), uids.len());
    let (_, again) = get(&site, &target);
    assert_eq!(again, text, "UIDs and stamps are stable across requests");
}

#[test]
fn an_unknown_body_has_no_calendar() {
    let site = demo_site();
    assert_eq!(get(&site, "/bodies/999/meetings.ics").0, 404);
    assert_eq!(get(&site, "/bodies/x/meetings.ics").0, 400);
}

/// An Atom entry as read back.
#[derive(Debug, Default)]
struct AtomEntry {
    id: String,
    title: String,
    updated: String,
    link: String,
}

/// The feed's own title, self link and entries, parsed with quick-xml.
fn read_atom(xml: &str) -> (String, String, Vec<AtomEntry>) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut title, mut self_link, mut entries) = (String::new(), String::new(), Vec::new());
    let mut path: Vec<String> = Vec::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if name == "entry" {
                    entries.push(AtomEntry::default());
                }
                path.push(name);
            }
            Event::End(_) => {
                path.pop();
            }
            Event::Empty(e) if e.name().as_ref() == b"link" => {
                let attr = |key: &[u8]| {
                    e.attributes()
                        .map(|a| a.unwrap())
                        .find(|a| a.key.as_ref() == key)
                        .map(|a| a.unescape_value().unwrap().into_owned())
                        .unwrap_or_default()
                };
                match (path.last().map(String::as_str), attr(b"rel").as_str()) {
                    (Some("entry"), "alternate") => {
                        entries.last_mut().unwrap().link = attr(b"href")
                    }
                    (Some("feed"), "self") => self_link = attr(b"href"),
                    _ => {}
                }
            }
            event @ (Event::Text(_) | Event::GeneralRef(_)) => {
                let text = match event {
                    Event::Text(t) => t.decode().unwrap().into_owned(),
                    Event::GeneralRef(r) => {
                        let name = r.decode().unwrap();
                        quick_xml::escape::unescape(&format!("&{name};"))
                            .unwrap()
                            .into_owned()
                    }
                    _ => unreachable!(),
                };
                let names: Vec<&str> = path.iter().map(String::as_str).collect();
                match names.as_slice() {
                    ["feed", "title"] => title.push_str(&text),
                    ["feed", "entry", field] => {
                        let entry = entries.last_mut().unwrap();
                        match *field {
                            "id" => entry.id.push_str(&text),
                            "title" => entry.title.push_str(&text),
                            "updated" => entry.updated.push_str(&text),
                            _ => {}
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (title, self_link, entries)
}

fn is_rfc3339_utc(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 20
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            19 => *c == b'Z',
            _ => c.is_ascii_digit(),
        })
}

#[test]
fn the_atom_feed_has_an_entry_per_minutes_and_public_decision_newest_first() {
    let site = demo_site();
    let common::Response {
        status,
        head,
        body: xml,
    } = fetch(&site, "/feeds/minutes.atom");
    assert_eq!(status, 200, "{xml}");
    assert!(
        head.contains("content-type: application/atom+xml; charset=utf-8"),
        "{head}"
    );
    let (title, self_link, entries) = read_atom(&xml);
    assert_eq!(title, "New minutes and decisions");
    assert_eq!(self_link, "http://localhost/feeds/minutes.atom");
    let titles: Vec<&str> = entries.iter().map(|e| e.title.as_str()).collect();
    // Five sets of minutes and the five decisions reports carry; 26/00023
    // is named only on an exempt agenda item.
    assert_eq!(entries.len(), 10, "{titles:?}");
    let body = body_id(&site, "Health and Wellbeing Board");
    let ids = meeting_ids(&site, body);
    let september = ids.iter().find(|(d, _)| d == "2026-09-15").unwrap().1;
    let minutes = entries
        .iter()
        .find(|e| e.title == "Minutes: Health and Wellbeing Board, Tuesday 15 September 2026")
        .unwrap_or_else(|| panic!("{titles:?}"));
    assert_eq!(
        minutes.link,
        format!("http://localhost/meetings/{september}")
    );
    assert!(
        titles.contains(&"Decision 26/00019: Air Quality Action Plan 2026-2031"),
        "{titles:?}"
    );
    assert!(!titles.iter().any(|t| t.contains("26/00023")), "{titles:?}");
    assert!(entries.iter().all(|e| is_rfc3339_utc(&e.updated)));
    assert!(entries.windows(2).all(|w| w[0].updated >= w[1].updated));
    let mut entry_ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
    entry_ids.sort_unstable();
    entry_ids.dedup();
    assert_eq!(entry_ids.len(), entries.len());
}

const PLANTED: &str = "Quokka Lane Disposal ZX81";

/// A pack whose only confidential business carries the planted string in
/// every place a feed could pick it up: an exempt agenda item, its
/// minute, and two reports with decision numbers (one classified exempt,
/// one "Unrestricted" but titled as the exempt item).
fn planted_pack() -> Pack {
    let mut pack = Pack::default();
    pack.meeting.organisation = Some("Invented District Council".into());
    pack.meeting.body = Some("Invented Cabinet".into());
    pack.meeting.date = Date::new(2025, 5, 6);
    pack.agenda = vec![
        agenda_item("1", "Open spaces strategy", false),
        agenda_item("2", PLANTED, true),
    ];
    pack.minutes = vec![Minutes {
        body: pack.meeting.body.clone(),
        date: Date::new(2025, 3, 4),
        items: vec![MinuteItem {
            number: Some("9".into()),
            title: PLANTED.into(),
            agenda_ref: Some("2".into()),
            resolved: true,
            resolutions: vec![format!("{PLANTED} be approved.")],
            exempt: false,
            lines: Lines::one(2),
        }],
        lines: Lines::span(1, 3),
        ..Minutes::default()
    }];
    let report = |subject: &str, decision: &str, classification: &str| Report {
        subject: subject.into(),
        from: None,
        to: None,
        classification: Some(classification.into()),
        decision: Some(decision.into()),
        lines: Lines::one(4),
    };
    pack.reports = vec![
        report("Open spaces strategy", "25/00001", "Unrestricted"),
        report(PLANTED, "25/00002", "Unrestricted"),
        report(
            &format!("{PLANTED} valuation"),
            "25/00003",
            "Exempt - paragraph 3",
        ),
    ];
    pack
}

#[test]
fn nothing_exempt_reaches_a_feed() {
    let site = serve(&[("planted.txt".into(), "invented".into(), planted_pack())]);
    let body = body_id(&site, "Invented Cabinet");
    let (_, calendar) = get(&site, &format!("/bodies/{body}/meetings.ics"));
    let (_, atom) = get(&site, "/feeds/minutes.atom");
    for feed in [&calendar, &atom] {
        assert!(!feed.contains("Quokka"), "{feed}");
    }
    // The public business of the same pack is there, so the test can fail.
    assert!(
        atom.contains("Decision 25/00001: Open spaces strategy"),
        "{atom}"
    );
    assert!(
        !atom.contains("25/00002") && !atom.contains("25/00003"),
        "{atom}"
    );
    assert!(
        calendar.contains("DTSTART;VALUE=DATE:20250506"),
        "{calendar}"
    );
}

/// The demo packs served with `--public-url https://moot.example.gov.uk/`.
fn public_url_site() -> Site {
    let demo = demo_site();
    common::serve_dir_with(demo.dir, |state| {
        state
            .set_public_url("https://moot.example.gov.uk/")
            .unwrap();
    })
}

#[test]
fn with_a_public_url_feeds_and_calendars_link_to_it_whatever_host_is_named() {
    let site = public_url_site();
    // The public URL's host is allowed, and a host that is not is refused
    // before anything is built from it.
    for host in ["localhost", "moot.example.gov.uk"] {
        let atom = common::request(&site, "GET", "/feeds/minutes.atom", &[("Host", host)], "");
        assert_eq!(atom.status, 200, "{host}: {}", atom.body);
        let (_, self_link, entries) = read_atom(&atom.body);
        assert_eq!(self_link, "https://moot.example.gov.uk/feeds/minutes.atom");
        assert!(entries
            .iter()
            .all(|e| e.link.starts_with("https://moot.example.gov.uk/meetings/")));
        assert!(!atom.body.contains("localhost"), "{}", atom.body);
    }
    let body = body_id(&site, "Health and Wellbeing Board");
    let calendar = fetch(&site, &format!("/bodies/{body}/meetings.ics")).body;
    let unfolded = unfold(&calendar);
    let parsed = read_calendar(&unfolded).unwrap();
    let events: Vec<_> = parsed
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .collect();
    assert!(!events.is_empty());
    for event in events {
        assert!(
            value(event, "UID").ends_with("@moot.example.gov.uk"),
            "{}",
            value(event, "UID")
        );
        assert!(value(event, "URL").starts_with("https://moot.example.gov.uk/meetings/"));
    }
}

#[test]
fn a_forged_host_gets_no_feed_or_calendar_built_from_it() {
    let site = demo_site();
    let body = body_id(&site, "Health and Wellbeing Board");
    for target in [
        "/feeds/minutes.atom".to_owned(),
        format!("/bodies/{body}/meetings.ics"),
        "/".to_owned(),
    ] {
        let forged = common::request(&site, "GET", &target, &[("Host", "evil.example")], "");
        assert_eq!(forged.status, 400, "{target}");
        assert!(
            !forged.body.contains("evil.example"),
            "{target}: {}",
            forged.body
        );
        let listening = site.addr.to_string();
        let own = common::request(&site, "GET", &target, &[("Host", &listening)], "");
        assert_eq!(own.status, 200, "{target}");
    }
}
