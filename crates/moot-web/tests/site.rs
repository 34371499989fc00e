//! The site over real HTTP: two corpus packs imported into a database file,
//! the server started on a free port, and a plain HTTP/1.1 client.

use moot_domain::{AgendaItem, Date, Lines, MinuteItem, Minutes, Pack};
use moot_store::{SourceFile, Store};
use moot_store_sqlite::SqliteStore;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use tempfile::TempDir;

const PACKS: [&str; 2] = ["kent-hwb-2013-09-18.txt", "kent-cscah-2015-07-22.txt"];

/// A running site over its own database (kept alive with the server).
struct Site {
    addr: SocketAddr,
    _dir: TempDir,
}

/// Imports `packs` (file name, text, pack) and serves the database.
fn serve(packs: &[(String, String, Pack)]) -> Site {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("moot.db");
    let mut store = SqliteStore::open(&db).unwrap();
    for (name, text, pack) in packs {
        let source = SourceFile {
            name,
            bytes: text.as_bytes(),
            text,
        };
        store.import_pack(&source, pack).unwrap();
    }
    let state = moot_web::AppState::open(db).unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            moot_web::serve(listener, state).await.unwrap();
        });
    });
    Site { addr, _dir: dir }
}

fn corpus_site() -> Site {
    let packs: Vec<_> = PACKS
        .iter()
        .map(|name| {
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared/corpus")
                .join(name);
            let text = std::fs::read_to_string(path).unwrap();
            let pack = moot_import::extract_text(&text).pack;
            (name.to_string(), text, pack)
        })
        .collect();
    serve(&packs)
}

/// GETs `target`; returns the status and body.
fn get(site: &Site, target: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(site.addr).unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or_default();
    let chunked = head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked");
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_owned()
    };
    (status, body)
}

/// Joins a chunked body (sizes in hex on their own lines).
fn dechunk(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some((size, after)) = rest.split_once("\r\n") {
        let Ok(size) = usize::from_str_radix(size.trim(), 16) else {
            return body.to_owned();
        };
        if size == 0 || after.len() < size {
            break;
        }
        out.push_str(&after[..size]);
        rest = after[size..].trim_start_matches("\r\n");
    }
    out
}

fn json(site: &Site, target: &str) -> serde_json::Value {
    let (status, body) = get(site, target);
    assert_eq!(status, 200, "{target}: {body}");
    serde_json::from_str(&body).unwrap()
}

/// The id of the meeting of `body` on `date` (ISO), from the home JSON.
fn meeting_id(site: &Site, body: &str, date: &str) -> i64 {
    let home = json(site, "/api/");
    home["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["body"]["name"] == body && m["date"] == date)
        .and_then(|m| m["id"].as_i64())
        .unwrap()
}

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
    let mut stream = TcpStream::connect(site.addr).unwrap();
    write!(
        stream,
        "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let head = response
        .split("\r\n\r\n")
        .next()
        .unwrap()
        .to_ascii_lowercase();
    assert!(head.contains("content-security-policy: default-src 'none'"));
    assert!(head.contains("x-content-type-options: nosniff"));
}

#[test]
fn a_meeting_page_shows_its_agenda_and_the_minutes_attendance() {
    let site = corpus_site();
    let id = meeting_id(&site, "Health and Wellbeing Board", "2013-09-18");
    let (status, page) = get(&site, &format!("/meetings/{id}"));
    assert_eq!(status, 200);
    assert!(page.contains("<h2>Agenda</h2>"));
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
    for target in [
        "/meetings/99999",
        "/api/meetings/99999",
        "/people/99999",
        "/api/bodies/99999",
        "/nowhere",
    ] {
        assert_eq!(get(&site, target).0, 404, "{target}");
    }
    for target in [
        "/meetings/abc",
        "/api/meetings/-1",
        "/people/1.5",
        "/api/bodies/99999999999999999999",
    ] {
        assert_eq!(get(&site, target).0, 400, "{target}");
    }
    for target in [
        "/meetings/%FF",
        "/api/meetings/%FF",
        "/people/+1",
        "/bodies/0",
        "/api/meetings/1%2F2",
    ] {
        assert_eq!(get(&site, target).0, 400, "{target}");
    }
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
    let item = |number: &str, title: &str, exempt: bool| AgendaItem {
        number: Some(number.into()),
        title: title.into(),
        pages: None,
        exempt,
        decision: None,
        lines: Lines::one(1),
    };
    pack.agenda = vec![
        item("1", "Apologies and substitutes", false),
        item("2", "Secret land deal at Old Mill Farm", true),
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
    let latest = page.find("Latest meetings").unwrap();
    let listed = page.find("Monday 7 January 2199").unwrap();
    assert!(upcoming < listed && listed < latest, "{page}");
}

/// The internal links of an HTML page (`href="/..."`), without fragments,
/// entity-decoded as far as addresses need.
fn internal_links(page: &str) -> Vec<String> {
    page.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| href.starts_with('/'))
        .map(|href| href.split('#').next().unwrap_or(href).replace("&amp;", "&"))
        .collect()
}

/// Every page reachable from the home page by internal links (HTML pages
/// only: downloads and feeds are left out), at most `limit` of them.
fn crawl(site: &Site, limit: usize) -> Vec<String> {
    let mut seen = vec!["/".to_owned()];
    let mut next = 0;
    while next < seen.len() && seen.len() < limit {
        let (status, page) = get(site, &seen[next]);
        assert_eq!(status, 200, "{} is linked but answers {status}", seen[next]);
        for link in internal_links(&page) {
            let download = [".csv", ".ics", ".atom", ".json"]
                .iter()
                .any(|ext| link.split('?').next().unwrap_or("").ends_with(ext));
            if !download && !link.starts_with("/api") && !seen.contains(&link) {
                seen.push(link);
            }
        }
        next += 1;
    }
    seen
}

/// Whether the path of `target` (no query) fits the OpenAPI path
/// `template`, whose `{name}` segments match any one segment.
fn fits(template: &str, target: &str) -> bool {
    let path = target.split('?').next().unwrap_or(target);
    let (want, have): (Vec<_>, Vec<_>) = (template.split('/').collect(), path.split('/').collect());
    want.len() == have.len()
        && want
            .iter()
            .zip(&have)
            .all(|(w, h)| (w.starts_with('{') && w.ends_with('}')) || w == h)
}

/// Checks `value` against the document's 200 schema for `template`.
fn assert_matches_schema(
    doc: &serde_json::Value,
    template: &str,
    target: &str,
    value: &serde_json::Value,
) {
    let mut schema = doc["paths"][template]["get"]["responses"]["200"]["content"]
        ["application/json"]["schema"]
        .clone();
    assert!(schema.is_object(), "{template} documents no JSON schema");
    schema["components"] = doc["components"].clone();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{target} does not match {template}: {errors:#?}"
    );
}

#[test]
fn every_page_has_a_documented_json_twin_that_matches_its_schema() {
    let site = corpus_site();
    let doc = json(&site, "/api/openapi.json");
    assert_eq!(doc["openapi"], "3.1.0");
    let templates: Vec<String> = doc["paths"].as_object().unwrap().keys().cloned().collect();
    let mut reached = std::collections::HashSet::new();
    for page in crawl(&site, 400) {
        let twin = if page == "/" {
            "/api/".to_owned()
        } else {
            format!("/api{page}")
        };
        let template = templates
            .iter()
            .find(|t| fits(t, &twin))
            .unwrap_or_else(|| panic!("{page} has no documented twin {twin}"));
        assert_matches_schema(&doc, template, &twin, &json(&site, &twin));
        reached.insert(template.clone());
    }
    for template in templates.iter().filter(|t| !reached.contains(*t)) {
        assert!(
            !template.contains('{'),
            "no page links to anything under {template}"
        );
        assert_matches_schema(&doc, template, template, &json(&site, template));
    }
}
