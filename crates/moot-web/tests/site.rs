//! The site over real HTTP: two corpus packs imported into a database file,
//! the server started on a free port, and a plain HTTP/1.1 client.

mod common;

use common::{agenda_item, assert_status, corpus_site, fetch, get, json, meeting_id, serve};
use moot_domain::{Date, Lines, MinuteItem, Minutes, Pack};
use std::time::{Duration, Instant};

#[test]
fn the_home_page_lists_meetings_with_uk_dates() {
    let site = corpus_site();
    let (status, page) = get(&site, "/");
    assert_eq!(status, 200);
    assert!(page.contains("Health and Wellbeing Board, Wednesday 18 September 2013"));
    assert!(page.contains("Wednesday 22 July 2015"));
    assert!(page.contains("href=\"#main-content\""));
}

#[test]
fn pages_forbid_scripts_and_sniffing() {
    let site = corpus_site();
    let head = fetch(&site, "/").head;
    assert!(head.contains("content-security-policy: default-src 'none'"));
    assert!(head.contains("x-content-type-options: nosniff"));
}

#[test]
fn a_meeting_page_shows_its_agenda_and_the_minutes_attendance() {
    let site = corpus_site();
    let id = meeting_id(&site, "Health and Wellbeing Board", "2013-09-18");
    let (status, page) = get(&site, &format!("/meetings/{id}"));
    assert_eq!(status, 200);
    assert!(page.contains("<h2 id=\"agenda\">Agenda</h2>"));
    let api = json(&site, &format!("/api/meetings/{id}"));
    let first = api["agenda"][0]["title"].as_str().unwrap();
    assert!(page.contains(&maud::html! { (first) }.into_string()));

    // The minutes of the previous meeting, carried in this pack.
    let previous = api["previous"]["id"].as_i64().unwrap();
    let (_, page) = get(&site, &format!("/meetings/{previous}"));
    assert!(page.contains("<h4>Present</h4>"));
    let minutes = json(&site, &format!("/api/meetings/{previous}"));
    let someone = minutes["minutes"][0]["attendance"][0]["name"]
        .as_str()
        .unwrap();
    assert!(page.contains(someone));
}

#[test]
fn the_api_gives_iso_dates() {
    let site = corpus_site();
    let id = meeting_id(&site, "Health and Wellbeing Board", "2013-09-18");
    let api = json(&site, &format!("/api/meetings/{id}"));
    assert_eq!(api["meeting"]["date"], "2013-09-18");
    assert_eq!(api["previous"]["date"], "2013-07-17");
}

#[test]
fn the_api_pairs_a_substitute_with_the_member_replaced() {
    let site = corpus_site();
    let home = json(&site, "/api/");
    let paired = home["meetings"].as_array().unwrap().iter().any(|m| {
        let id = m["id"].as_i64().unwrap();
        let api = json(&site, &format!("/api/meetings/{id}"));
        api["minutes"].as_array().unwrap().iter().any(|minutes| {
            minutes["attendance"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["kind"] == "substitute" && a["substitute_for"]["name"].is_string())
        })
    });
    assert!(paired);
}

#[test]
fn bodies_and_people_have_pages_and_json() {
    let site = corpus_site();
    let bodies = json(&site, "/api/bodies");
    let body = bodies["bodies"][0]["id"].as_i64().unwrap();
    assert_eq!(get(&site, "/bodies").0, 200);
    assert_eq!(get(&site, &format!("/bodies/{body}")).0, 200);
    let record = json(&site, &format!("/api/bodies/{body}"));
    let person = record["members"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|m| m["person"].as_i64())
        .unwrap();
    let (status, page) = get(&site, &format!("/people/{person}"));
    assert_eq!(status, 200);
    assert!(page.contains("<h2>Memberships</h2>"));
    let person = json(&site, &format!("/api/people/{person}"));
    assert!(person["counts"]["present"].is_number());
}

#[test]
fn unknown_ids_are_404_and_malformed_ids_400() {
    let site = corpus_site();
    assert_status(
        &site,
        404,
        &[
            "/meetings/99999",
            "/api/meetings/99999",
            "/people/99999",
            "/api/bodies/99999",
            "/nowhere",
        ],
    );
    assert_status(
        &site,
        400,
        &[
            "/meetings/abc",
            "/api/meetings/-1",
            "/people/1.5",
            "/api/bodies/99999999999999999999",
        ],
    );
    assert_status(
        &site,
        400,
        &[
            "/meetings/%FF",
            "/api/meetings/%FF",
            "/people/+1",
            "/bodies/0",
            "/api/meetings/1%2F2",
        ],
    );
    let (_, body) = get(&site, "/api/meetings/%FF");
    assert!(serde_json::from_str::<serde_json::Value>(&body).is_ok());
    let (_, body) = get(&site, "/api/meetings/abc");
    assert!(serde_json::from_str::<serde_json::Value>(&body).is_ok());
}

#[test]
fn a_huge_query_string_is_refused_not_a_server_error() {
    let site = corpus_site();
    for size in [10 * 1024, 100 * 1024] {
        let target = format!("/meetings/1?q={}", "a".repeat(size));
        let (status, _) = get(&site, &target);
        assert!(
            (400..500).contains(&status),
            "{size} bytes: status {status}"
        );
    }
}

/// The levels of the page's headings, in order.
fn heading_levels(page: &str) -> Vec<u32> {
    page.match_indices("<h")
        .filter_map(|(at, _)| page.get(at + 2..at + 4))
        .filter_map(|tag| {
            let mut chars = tag.chars();
            let level = chars.next()?.to_digit(10)?;
            (chars.next()? == '>' || tag.ends_with(' ')).then_some(level)
        })
        .collect()
}

#[test]
fn every_page_has_one_h1_and_headings_in_order() {
    let site = corpus_site();
    let mut targets = vec![
        "/".to_owned(),
        "/bodies".to_owned(),
        "/meetings/abc".to_owned(),
        "/decisions".to_owned(),
        "/documents/1".to_owned(),
        "/search".to_owned(),
        "/search?q=health".to_owned(),
    ];
    let home = json(&site, "/api/");
    for m in home["meetings"].as_array().unwrap() {
        targets.push(format!("/meetings/{}", m["id"]));
    }
    let bodies = json(&site, "/api/bodies");
    for b in bodies["bodies"].as_array().unwrap() {
        targets.push(format!("/bodies/{}", b["id"]));
        let body = json(&site, &format!("/api/bodies/{}", b["id"]));
        if let Some(p) = body["members"][0]["person"].as_i64() {
            targets.push(format!("/people/{p}"));
        }
    }
    for target in &targets {
        let (_, page) = get(&site, target);
        let levels = heading_levels(&page);
        assert_eq!(levels.first(), Some(&1), "{target}");
        assert_eq!(levels.iter().filter(|l| **l == 1).count(), 1, "{target}");
        for pair in levels.windows(2) {
            assert!(pair[1] <= pair[0] + 1, "{target}: {levels:?}");
        }
        assert!(page.contains("<main id=\"main-content\""), "{target}");
        assert!(page.contains("lang=\"en-GB\""), "{target}");
    }
}

fn exempt_pack() -> Pack {
    let mut pack = Pack::default();
    pack.meeting.body = Some("Invented Licensing Panel".into());
    pack.meeting.date = Date::new(2020, 3, 4);
    pack.agenda = vec![
        agenda_item("1", "Apologies and substitutes", false),
        agenda_item("2", "Secret land deal at Old Mill Farm", true),
    ];
    pack.minutes = vec![Minutes {
        body: pack.meeting.body.clone(),
        date: pack.meeting.date,
        items: vec![MinuteItem {
            number: Some("7".into()),
            title: "Secret land deal at Old Mill Farm".into(),
            agenda_ref: Some("2".into()),
            resolved: true,
            resolutions: vec!["The Old Mill Farm offer be accepted.".into()],
            exempt: false,
            lines: Lines::one(2),
        }],
        lines: Lines::span(1, 3),
        ..Minutes::default()
    }];
    pack
}

#[test]
fn exempt_items_never_show_their_titles() {
    let site = serve(&[("exempt.txt".into(), "invented".into(), exempt_pack())]);
    let home = json(&site, "/api/");
    let id = home["meetings"][0]["id"].as_i64().unwrap();
    let (_, page) = get(&site, &format!("/meetings/{id}"));
    let (_, api) = get(&site, &format!("/api/meetings/{id}"));
    for text in [&page, &api] {
        assert!(!text.contains("Old Mill"), "{text}");
        assert!(text.contains("Exempt item"));
        assert!(text.contains("Apologies and substitutes"));
    }
}

#[test]
fn the_home_page_lists_future_meetings_as_upcoming() {
    let mut future = Pack::default();
    future.meeting.body = Some("Invented Planning Committee".into());
    future.meeting.date = Date::new(2199, 1, 7);
    let site = serve(&[("future.txt".into(), "invented future".into(), future)]);
    let home = json(&site, "/api/");
    assert_eq!(home["upcoming"][0]["date"], "2199-01-07");
    assert!(home["meetings"].as_array().unwrap().is_empty());
    let (_, page) = get(&site, "/");
    let upcoming = page.find("Upcoming meetings").unwrap();
    let latest = page.find("Recent meetings").unwrap();
    let listed = page.find("Monday 7 January 2199").unwrap();
    assert!(upcoming < listed && listed < latest, "{page}");
}

/// The head of a 20 MB multipart upload of a paper, without its body.
fn upload_head(cookie: Option<&str>) -> String {
    let cookie = cookie.map_or(String::new(), |c| format!("Cookie: {c}\r\n"));
    format!(
        "POST /clerk/items/1/papers HTTP/1.1\r\nHost: localhost\r\n{cookie}\
         Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: 20971520\r\n\r\n"
    )
}

#[test]
fn an_upload_from_anyone_but_a_clerk_is_refused_before_its_body_is_read() {
    let site = common::planted_site();
    common::signed_in::add_accounts(&site);
    let member = common::signed_in::sign_in(&site, moot_store::Role::Member);
    let patience = Duration::from_secs(5);
    for cookie in [None, Some(member.cookie.as_str())] {
        // Only the head is sent: a server waiting for the body would not
        // answer before the client gives up.
        let start = Instant::now();
        let mut stream = common::send_partial(&site, upload_head(cookie).as_bytes(), patience);
        let response = common::read_until_closed(&mut stream);
        assert_eq!(common::status_of(&response), 413, "{cookie:?}: {response}");
        assert!(start.elapsed() < patience, "{cookie:?}");
    }
    // Sent in chunks without a length, it is cut off at a form's size.
    let mut head = "POST /clerk/items/1/papers HTTP/1.1\r\nHost: localhost\r\n\
        Content-Type: multipart/form-data; boundary=XyZ\r\nTransfer-Encoding: chunked\r\n\r\n"
        .as_bytes()
        .to_vec();
    for _ in 0..4 {
        head.extend_from_slice(b"8000\r\n");
        head.extend_from_slice(&[b'x'; 0x8000]);
        head.extend_from_slice(b"\r\n");
    }
    let mut stream = common::send_partial(&site, &head, patience);
    let response = common::read_until_closed(&mut stream);
    assert_eq!(common::status_of(&response), 413, "{response}");
}

/// A site over the planted pack with `limits`.
fn limited_site(limits: moot_web::Limits) -> common::Site {
    let dir = tempfile::TempDir::new().unwrap();
    common::import(
        dir.path(),
        &[(
            "planted.txt".into(),
            common::PLANTED_TEXT.into(),
            common::planted_pack(),
        )],
    );
    common::serve_dir_with(dir, |state| state.set_limits(limits))
}

#[test]
fn a_client_that_sends_no_request_head_in_time_is_disconnected() {
    let site = limited_site(moot_web::Limits {
        header_timeout: Duration::from_millis(300),
        ..moot_web::Limits::default()
    });
    for start_of_head in ["", "GET / HTTP/1.1\r\nHost: localhost\r\n"] {
        let start = Instant::now();
        let mut stream =
            common::send_partial(&site, start_of_head.as_bytes(), Duration::from_secs(5));
        let said = common::read_until_closed(&mut stream);
        let waited = start.elapsed();
        assert!(
            waited >= Duration::from_millis(250) && waited < Duration::from_secs(4),
            "{start_of_head:?}: closed after {waited:?}"
        );
        assert!(!said.contains("200 OK"), "{said}");
    }
}

#[test]
fn a_request_whose_body_is_slower_than_the_limit_gets_408() {
    let site = limited_site(moot_web::Limits {
        request_timeout: Duration::from_millis(300),
        ..moot_web::Limits::default()
    });
    let head = "POST /login HTTP/1.1\r\nHost: localhost\r\n\
        Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nusername=";
    let mut stream = common::send_partial(&site, head.as_bytes(), Duration::from_secs(5));
    let response = common::read_until_closed(&mut stream);
    assert_eq!(common::status_of(&response), 408, "{response}");
}

#[test]
fn at_the_connection_cap_idle_connections_make_way_for_a_new_request() {
    let site = limited_site(moot_web::Limits {
        max_connections: 4,
        ..moot_web::Limits::default()
    });
    let mut idle: Vec<_> = (0..4)
        .map(|_| common::send_partial(&site, b"", Duration::from_secs(2)))
        .collect();
    // Let the server accept them all before the newcomer arrives.
    std::thread::sleep(Duration::from_millis(200));
    let start = Instant::now();
    let (status, _) = get(&site, "/");
    assert_eq!(status, 200);
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
    // The oldest idle connection was closed to make room.
    let start = Instant::now();
    common::read_until_closed(&mut idle[0]);
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "the oldest was kept"
    );
}
