//! What the site's tests (and the load benchmark) share: corpus packs
//! imported into a database file, the real server started on a free
//! loopback port, and a plain HTTP/1.1 client over `TcpStream`.
//!
//! Each test binary uses only some of these helpers.
#![allow(dead_code)]

use moot_domain::{
    AgendaItem, Date, DecisionRef, Declaration, Lines, Member, MinuteItem, Minutes, Pack, Report,
};
use moot_store::{SourceFile, Store};
use moot_store_sqlite::SqliteStore;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use tempfile::TempDir;

pub mod clerk;
pub mod clerk_http;
pub mod leak;
pub mod signed_in;

/// A running site over its own database (kept alive with the server).
pub struct Site {
    /// Where the server listens.
    pub addr: SocketAddr,
    /// The directory holding the database and its index.
    pub dir: TempDir,
}

/// The corpus packs `names` (in `../shared/corpus`), read and extracted:
/// (file name, text, pack).
pub fn corpus_packs(names: &[&str]) -> Vec<(String, String, Pack)> {
    read_packs(&moot_testdata::corpus_dir(), names)
}

/// The packs `names` in `dir`, read and extracted: (file name, text, pack).
pub fn read_packs(dir: &Path, names: &[&str]) -> Vec<(String, String, Pack)> {
    names
        .iter()
        .map(|name| {
            let path = dir.join(name);
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let pack = moot_import::extract_text(&text).pack;
            (name.to_string(), text, pack)
        })
        .collect()
}

/// Imports `packs` (file name, text, pack) into `moot.db` in `dir`,
/// without touching the search index.
pub fn import(dir: &Path, packs: &[(String, String, Pack)]) {
    let mut store = SqliteStore::open(&dir.join("moot.db")).unwrap();
    for (name, text, pack) in packs {
        let source = SourceFile {
            name,
            bytes: text.as_bytes(),
            text,
        };
        store.import_pack(&source, pack).unwrap();
    }
}

/// Imports `packs` and serves the database; the index does not exist yet,
/// so the site builds it at start.
pub fn serve(packs: &[(String, String, Pack)]) -> Site {
    let dir = TempDir::new().unwrap();
    import(dir.path(), packs);
    serve_dir(dir)
}

/// The instant every test site's clock is stopped at: Monday 2 November
/// 2026, 10:00 UTC, so no test depends on the day it runs.
pub fn test_clock() -> moot_domain::FixedClock {
    moot_domain::FixedClock::at_utc(Date::new(2026, 11, 2).unwrap(), 10, 0)
}

/// The bank holidays every test site counts notice with: a list of the
/// test's own, not the shipped one, whose coverage ends in time.
pub const TEST_BANK_HOLIDAYS: &str = "\
2026-12-25 Christmas Day
2026-12-28 Boxing Day (substitute day)
2027-01-01 New Year's Day
2027-12-27 Christmas Day (substitute day)
";

/// Serves `moot.db` in `dir` (with its index beside it) on a free port,
/// with the clock at [`test_clock`] and [`TEST_BANK_HOLIDAYS`].
pub fn serve_dir(dir: TempDir) -> Site {
    serve_dir_with(dir, |_| {})
}

/// Serves `moot.db` in `dir` as [`serve_dir`] does, with the clock at `clock`.
pub fn serve_dir_at(dir: TempDir, clock: moot_domain::FixedClock) -> Site {
    serve_dir_with(dir, move |state| {
        state.set_clock(std::sync::Arc::new(clock))
    })
}

/// Serves `moot.db` in `dir` on a free port, with the clock at
/// [`test_clock`], [`TEST_BANK_HOLIDAYS`], then the settings `configure`
/// gives the state (a public URL, limits, another clock…).
pub fn serve_dir_with(dir: TempDir, configure: impl FnOnce(&moot_web::AppState)) -> Site {
    let db = dir.path().join("moot.db");
    let index = moot_search::index_path(&db);
    let backend = std::sync::Arc::new(moot_store_sqlite::SqliteBackend::new(db));
    let state = moot_web::AppState::open(backend, &index).unwrap();
    state.set_clock(std::sync::Arc::new(test_clock()));
    state.set_bank_holidays(moot_clerk::BankHolidays::parse(TEST_BANK_HOLIDAYS).unwrap());
    configure(&state);
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
    Site { addr, dir }
}

/// The two corpus packs most site tests serve.
pub const PACKS: [&str; 2] = ["kent-hwb-2013-09-18.txt", "kent-cscah-2015-07-22.txt"];

/// The site over [`PACKS`].
pub fn corpus_site() -> Site {
    serve(&corpus_packs(&PACKS))
}

/// A response: status, head (lower-cased) and body.
pub struct Response {
    pub status: u16,
    pub head: String,
    pub body: String,
}

/// GETs `target`; returns the status and body.
pub fn get(site: &Site, target: &str) -> (u16, String) {
    let response = fetch(site, target);
    (response.status, response.body)
}

/// GETs `target`; returns the whole response.
pub fn fetch(site: &Site, target: &str) -> Response {
    request(site, "GET", target, &[], "")
}

/// Sends `method target` with `headers` (name, value) and `body`;
/// returns the whole response. The request names `Host: localhost`
/// unless `headers` name another.
pub fn request(
    site: &Site,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Response {
    let mut stream = TcpStream::connect(site.addr).unwrap();
    let mut head = format!("{method} {target} HTTP/1.1\r\nConnection: close\r\n");
    if !headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("host"))
    {
        head.push_str("Host: localhost\r\n");
    }
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if method != "GET" {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    write!(stream, "{head}\r\n{body}").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = status_of(&response);
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or_default();
    let head = head.to_ascii_lowercase();
    let body = if head.contains("transfer-encoding: chunked") {
        dechunk(body)
    } else {
        body.to_owned()
    };
    Response { status, head, body }
}

/// The status code of a response's text (0 when there is none).
pub fn status_of(response: &str) -> u16 {
    response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// Opens a connection and sends `bytes` (the start of a request, say),
/// leaving the connection open; reads on it give up after `patience`.
pub fn send_partial(site: &Site, bytes: &[u8], patience: std::time::Duration) -> TcpStream {
    let mut stream = TcpStream::connect(site.addr).unwrap();
    stream.set_read_timeout(Some(patience)).unwrap();
    stream.write_all(bytes).unwrap();
    stream
}

/// What the server sends on `stream` until it closes it (or the read
/// times out: then what came before).
pub fn read_until_closed(stream: &mut TcpStream) -> String {
    let mut response = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => response.extend_from_slice(&chunk[..n]),
        }
    }
    String::from_utf8_lossy(&response).into_owned()
}

/// A cell a spreadsheet would run as a formula: one starting with `=`,
/// `+`, `-`, `@`, a tab or a carriage return that is not a plain number.
pub fn is_formula(cell: &str) -> bool {
    let number = cell.strip_prefix(['-', '+']).is_some_and(|n| {
        !n.is_empty()
            && n.parse::<f64>().is_ok()
            && n.bytes().all(|b| b.is_ascii_digit() || b == b'.')
    });
    cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && !number
}

/// Checks that no cell of the CSV download at `target` would run as a
/// formula, and returns its text.
pub fn assert_csv_runs_no_formula(site: &Site, target: &str) -> String {
    let response = fetch(site, target);
    assert_eq!(response.status, 200, "{target}: {}", response.body);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(response.body.as_bytes());
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            assert!(
                !is_formula(cell),
                "{target}: the cell {cell:?} would run as a formula"
            );
        }
    }
    response.body
}

/// Checks `value` against the OpenAPI document's 200 schema for
/// `template`.
pub fn assert_matches_schema(
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

/// Joins a chunked body (sizes in hex on their own lines).
pub fn dechunk(body: &str) -> String {
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

pub fn json(site: &Site, target: &str) -> serde_json::Value {
    let (status, body) = get(site, target);
    assert_eq!(status, 200, "{target}: {body}");
    serde_json::from_str(&body).unwrap()
}

/// The id of the meeting of `body` on `date` (ISO), from the home JSON.
pub fn meeting_id(site: &Site, body: &str, date: &str) -> i64 {
    let home = json(site, "/api/");
    home["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["body"]["name"] == body && m["date"] == date)
        .and_then(|m| m["id"].as_i64())
        .unwrap()
}

/// Asserts that each of `targets` answers with `status`.
pub fn assert_status(site: &Site, status: u16, targets: &[&str]) {
    for target in targets {
        assert_eq!(get(site, target).0, status, "{target}");
    }
}

/// An agenda item without pages or decision, on line 1.
pub fn agenda_item(number: &str, title: &str, exempt: bool) -> AgendaItem {
    agenda_item_on(number, title, exempt, 1)
}

/// An agenda item without pages or decision, on line `line`.
pub fn agenda_item_on(number: &str, title: &str, exempt: bool, line: u32) -> AgendaItem {
    AgendaItem {
        number: Some(number.into()),
        title: title.into(),
        pages: None,
        exempt,
        decision: None,
        lines: Lines::one(line),
    }
}

/// What the planted pack keeps secret: it is in every exempt record.
pub const SECRET: &str = "Zanzibar";

/// An invented pack whose exempt item 2 runs through its agenda (line 5),
/// a declaration (8), a minute (9–10) and a report (13–16), with public
/// business around them.
pub const PLANTED_TEXT: &str = "INVENTED DISTRICT COUNCIL
Invented Planning Board, Wednesday 4 March 2020
Members: Mr Able Archer (Chair), Mrs Beth Baker, Mr Carl Cole, Mr Dan Dale
1. Apologies
2. Disposal of Zanzibar Quarry
MINUTES of the meeting held on Wednesday 4 March 2020
PRESENT: Mr Able Archer, Mrs Beth Baker. Apologies: Mr Carl Cole
Mr Able Archer declared an interest in item 2 as owner of Zanzibar Quarry.
14. Disposal of Zanzibar Quarry (Item 2)
RESOLVED that the Zanzibar Quarry offer be accepted.
15. Apologies (Item 1)
RESOLVED that the apologies be noted.
Subject: Zanzibar Quarry disposal
Classification: Unrestricted
Decision number 20/00001
The Zanzibar Quarry valuation is commercially sensitive.
Subject: Public Parks Strategy
The parks strategy is open to all.
";

/// The planted pack's records, as the importer would read them.
pub fn planted_pack() -> Pack {
    let body = Some("Invented Planning Board".to_owned());
    let date = Date::new(2020, 3, 4);
    let mut pack = Pack::default();
    pack.meeting.organisation = Some("Invented District Council".into());
    pack.meeting.body = body.clone();
    pack.meeting.date = date;
    pack.meeting.lines = Some(Lines::span(1, 2));
    pack.membership = [
        "Mr Able Archer",
        "Mrs Beth Baker",
        "Mr Carl Cole",
        "Mr Dan Dale",
    ]
    .into_iter()
    .map(|name| Member {
        name: name.into(),
        role: (name == "Mr Able Archer").then(|| "Chair".into()),
        party: None,
        position: None,
        voting: None,
        lines: Lines::one(3),
    })
    .collect();
    pack.agenda = vec![
        agenda_item_on("1", "Apologies", false, 4),
        agenda_item_on("2", "Disposal of Zanzibar Quarry", true, 5),
    ];
    let minute = |number: &str, title: &str, item: &str, resolution: &str, line: u32| MinuteItem {
        number: Some(number.into()),
        title: title.into(),
        agenda_ref: Some(item.into()),
        resolved: true,
        resolutions: vec![resolution.into()],
        exempt: false,
        lines: Lines::span(line, line + 1),
    };
    pack.minutes = vec![Minutes {
        body,
        date,
        present: vec!["Mr Able Archer".into(), "Mrs Beth Baker".into()],
        apologies: vec!["Mr Carl Cole".into()],
        declarations: vec![Declaration {
            name: "Mr Able Archer".into(),
            item: Some("2".into()),
            text: "Mr Able Archer declared an interest as owner of Zanzibar Quarry.".into(),
            lines: Lines::one(8),
        }],
        items: vec![
            minute(
                "14",
                "Disposal of Zanzibar Quarry",
                "2",
                "The Zanzibar Quarry offer be accepted.",
                9,
            ),
            minute("15", "Apologies", "1", "The apologies be noted.", 11),
        ],
        lines: Lines::span(6, 12),
        ..Minutes::default()
    }];
    let report = |subject: &str, decision: Option<&str>, lines: Lines| Report {
        subject: subject.into(),
        classification: Some("Unrestricted".into()),
        decision: decision.map(Into::into),
        lines,
        ..Report::default()
    };
    pack.reports = vec![
        report(
            "Zanzibar Quarry disposal",
            Some("20/00001"),
            Lines::span(13, 15),
        ),
        report("Public Parks Strategy", None, Lines::one(17)),
    ];
    pack.decisions = vec![DecisionRef {
        number: "20/00001".into(),
        lines: Lines::one(15),
    }];
    pack
}

/// The site over the planted pack alone.
pub fn planted_site() -> Site {
    serve(&[("planted.txt".into(), PLANTED_TEXT.into(), planted_pack())])
}

/// Packs for a meeting published straight through the store, where the
/// test is about the records, not the PDFs (whose building the web layer
/// does and `clerk_agenda.rs` checks).
pub fn stand_in_packs() -> moot_store::AgendaPacks {
    moot_store::AgendaPacks {
        public: b"%PDF-1.7 public".to_vec(),
        members: b"%PDF-1.7 members".to_vec(),
    }
}
