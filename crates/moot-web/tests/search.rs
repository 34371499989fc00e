//! `/search` and `/api/search` over real HTTP, on the four corpus packs:
//! what is searched for is read from the imported records through the
//! API, not copied from the corpus.

mod common;

use common::{get, json, serve, Site};
use moot_domain::{AgendaItem, Date, Lines, MinuteItem, Minutes, Pack};
use serde_json::Value;
use std::process::Command;
use std::sync::OnceLock;

const PACKS: [&str; 4] = [
    "kent-cscah-2015-07-22.txt",
    "kent-hwb-2013-09-18.txt",
    "kent-scph-2013-01-11.txt",
    "worcs-hwb-2014-07-22.txt",
];

/// One site over the four packs, shared by the tests that only read.
fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| serve(&common::corpus_packs(&PACKS)))
}

/// `text` for a query string: spaces as `+`, the rest percent-encoded.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => char::from(b).to_string(),
            b' ' => "+".to_owned(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// The search API's answer for `q` and further `params` (`&kind=...`).
fn search(q: &str, params: &str) -> Value {
    json(site(), &format!("/api/search?q={}{params}", encode(q)))
}

fn hits(answer: &Value) -> Vec<&Value> {
    answer["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["hits"].as_array().unwrap())
        .collect()
}

/// Every resolution of the corpus with its meeting's id, read through
/// the API.
fn resolutions() -> Vec<(i64, String)> {
    let home = json(site(), "/api/");
    let mut out = Vec::new();
    for meeting in home["meetings"].as_array().unwrap() {
        let id = meeting["id"].as_i64().unwrap();
        let detail = json(site(), &format!("/api/meetings/{id}"));
        let texts = detail["minutes"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|m| m["items"].as_array().unwrap())
            .flat_map(|i| i["resolutions"].as_array().unwrap())
            .filter_map(Value::as_str);
        out.extend(texts.map(|t| (id, t.to_owned())));
    }
    out
}

/// The first resolution with three words of letters in a row, its
/// meeting's id, and those words.
fn a_resolution() -> (i64, String, [String; 3]) {
    for (id, text) in resolutions() {
        let words: Vec<&str> = text.split_whitespace().collect();
        let letters = |w: &&str| w.len() > 3 && w.chars().all(|c| c.is_ascii_alphabetic());
        if let Some(run) = words.windows(3).find(|run| run.iter().all(letters)) {
            let run = [run[0], run[1], run[2]].map(str::to_owned);
            return (id, text.clone(), run);
        }
    }
    panic!("no resolution with three words of letters in a row");
}

fn finds_meeting(answer: &Value, kind: &str, meeting: i64) -> bool {
    hits(answer)
        .iter()
        .any(|h| h["kind"] == kind && h["url"] == format!("/meetings/{meeting}"))
}

#[test]
fn a_resolution_is_found_by_a_phrase_from_it() {
    let (meeting, _, words) = a_resolution();
    let phrase = format!("\"{}\"", words.join(" "));
    let answer = search(&phrase, "");
    assert!(
        finds_meeting(&answer, "resolution", meeting),
        "{phrase}: {answer}"
    );
    let hit = hits(&answer)
        .into_iter()
        .find(|h| h["kind"] == "resolution")
        .unwrap();
    assert!(hit["snippet"].as_str().unwrap().contains("<mark>"), "{hit}");
    assert!(hit["date"].as_str().unwrap().len() == 10, "ISO date: {hit}");
    assert!(hit["api"].as_str().unwrap().starts_with("/api/meetings/"));
}

/// The id of the resolution hit at `meeting` in `answer`, if any.
fn resolution_at(answer: &Value, meeting: i64) -> Option<i64> {
    hits(answer)
        .into_iter()
        .find(|h| h["kind"] == "resolution" && h["url"] == format!("/meetings/{meeting}"))
        .and_then(|h| h["id"].as_i64())
}

#[test]
fn a_quoted_phrase_needs_its_words_in_that_order() {
    let (meeting, text, words) = a_resolution();
    let in_order = search(&format!("\"{}\"", words.join(" ")), "&kind=resolution");
    let id = resolution_at(&in_order, meeting).unwrap();
    let reversed = format!("{} {} {}", words[2], words[1], words[0]);
    if text.to_lowercase().contains(&reversed.to_lowercase()) {
        return;
    }
    let unquoted = search(&reversed, "&kind=resolution&kind=minute");
    assert!(hits(&unquoted)
        .iter()
        .any(|h| h["id"] == id && h["kind"] == "resolution"));
    let quoted = search(&format!("\"{reversed}\""), "&kind=resolution");
    assert!(!hits(&quoted).iter().any(|h| h["id"] == id), "{quoted}");
}

/// A plural in `text` whose singular is not there as a word.
fn plural_without_singular(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_ascii_alphabetic())
        .map(str::to_lowercase)
        .collect();
    words
        .iter()
        .find(|w| {
            w.len() > 5
                && w.ends_with('s')
                && !w.ends_with("ss")
                && !words.contains(&w[..w.len() - 1].to_owned())
        })
        .cloned()
}

#[test]
fn a_word_is_found_by_another_of_its_forms() {
    let (meeting, plural) = resolutions()
        .into_iter()
        .find_map(|(id, text)| Some((id, plural_without_singular(&text)?)))
        .expect("a resolution with a plural");
    let singular = &plural[..plural.len() - 1];
    let answer = search(singular, "&kind=resolution");
    assert!(
        finds_meeting(&answer, "resolution", meeting),
        "{singular} for {plural}: {answer}"
    );
    let snippet = hits(&answer)[0]["snippet"].as_str().unwrap().to_lowercase();
    assert!(snippet.contains("<mark>"), "{snippet}");
}

#[test]
fn results_are_grouped_by_kind_with_counts() {
    let bodies = json(site(), "/api/bodies");
    let body = bodies["bodies"][0]["name"].as_str().unwrap();
    let answer = search(body, "");
    let groups = answer["groups"].as_array().unwrap();
    assert!(groups.len() >= 2, "{answer}");
    let mut kinds: Vec<&str> = groups.iter().map(|g| g["kind"].as_str().unwrap()).collect();
    let counted: u64 = answer["facets"]["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["count"].as_u64().unwrap())
        .sum();
    assert_eq!(
        answer["total"].as_u64(),
        Some(counted),
        "counts by kind add up"
    );
    let grouped: u64 = groups.iter().map(|g| g["total"].as_u64().unwrap()).sum();
    assert!(grouped <= counted, "{grouped} <= {counted}");
    for group in groups {
        let hits = group["hits"].as_array().unwrap();
        assert!(!hits.is_empty() && hits.len() as u64 <= group["total"].as_u64().unwrap());
        assert!(hits.iter().all(|h| h["kind"] == group["kind"]));
    }
    kinds.dedup();
    assert_eq!(kinds.len(), groups.len(), "one group per kind");

    let (status, page) = get(site(), &format!("/search?q={}", encode(body)));
    assert_eq!(status, 200);
    for group in groups {
        let total = group["total"].as_u64().unwrap();
        let count = if total == 1 {
            "1 match".to_owned()
        } else {
            format!("{total} matches")
        };
        let heading = format!("{} ({count})", group["label"].as_str().unwrap());
        assert!(page.contains(&heading), "{heading}");
    }
}

#[test]
fn filters_narrow_the_results() {
    let bodies = json(site(), "/api/bodies");
    let list = bodies["bodies"].as_array().unwrap();
    let name = list[0]["name"].as_str().unwrap();
    let word = name.split_whitespace().find(|w| w.len() > 4).unwrap();
    let everything = search(word, "");
    let all = everything["total"].as_u64().unwrap();

    let only = search(word, "&kind=meeting");
    assert!(hits(&only).iter().all(|h| h["kind"] == "meeting"));
    assert!(only["total"].as_u64().unwrap() < all);

    let body = list[0]["id"].as_i64().unwrap();
    let on_body = search(word, &format!("&body={body}"));
    assert!(on_body["total"].as_u64().unwrap() > 0);
    for hit in hits(&on_body) {
        assert!(
            hit["kind"] == "person" || hit["body"]["id"] == body,
            "{hit}"
        );
    }

    let latest = list[0]["latest"].as_str().unwrap();
    let dated = search(word, &format!("&from={latest}&to={latest}"));
    assert!(dated["total"].as_u64().unwrap() > 0);
    assert!(dated["total"].as_u64().unwrap() < all);
    assert!(hits(&dated).iter().all(|h| h["date"] == latest), "{dated}");
    let (y, rest) = latest.split_once('-').unwrap();
    let (m, d) = rest.split_once('-').unwrap();
    let fields = search(
        word,
        &format!("&from-day={d}&from-month={m}&from-year={y}&to-day={d}&to-month={m}&to-year={y}"),
    );
    assert_eq!(
        fields["total"], dated["total"],
        "three date fields filter as one ISO day"
    );
}

#[test]
fn bad_filters_and_damaged_addresses_are_400_with_a_reason() {
    for query in [
        "q=care&kind=bogus",
        "q=care&from=2013-02-30",
        "q=care&to=yesterday",
        "q=care&body=abc",
        "q=care&body=-3",
        "q=care&from=2014-01-01&to=2013-01-01",
        "q=care&from-day=30&from-month=2&from-year=2013",
        "q=care&to-day=1&to-year=2013",
        "q=%FF",
        "q=%zz",
        "q=care%",
        "q=%C3",
    ] {
        for path in ["/search", "/api/search"] {
            let (status, body) = get(site(), &format!("{path}?{query}"));
            assert_eq!(status, 400, "{path}?{query}: {body}");
            if path.starts_with("/api") {
                let error: Value = serde_json::from_str(&body).unwrap();
                assert!(error["error"]["message"].as_str().unwrap().len() > 10);
            } else {
                assert!(body.contains("<h1>Bad Request</h1>"));
            }
        }
    }
}

#[test]
fn huge_queries_are_414_and_long_ones_are_answered() {
    let huge = format!("/api/search?q={}", "a".repeat(100 * 1024));
    assert_eq!(get(site(), &huge).0, 414);
    let long = format!("/search?q={}", "health+".repeat(400));
    assert_eq!(get(site(), &long).0, 200);
    for odd in [
        "title:care",
        "((((",
        "%22",
        "-",
        "*",
        "AND+OR",
        "%5C",
        "care+%22unclosed",
    ] {
        assert_eq!(get(site(), &format!("/api/search?q={odd}")).0, 200, "{odd}");
    }
}

#[test]
fn an_empty_box_is_the_empty_form() {
    let (status, page) = get(site(), "/search");
    assert_eq!(status, 200);
    assert!(page.contains("<label for=\"q\""));
    assert!(page.contains("type=\"search\" id=\"q\" name=\"q\""));
    for part in ["day", "month", "year"] {
        assert!(
            page.contains(&format!("id=\"from-{part}\" name=\"from-{part}\"")),
            "the from date is three fields (GOV.UK date input)"
        );
    }
    assert!(page.contains("<select id=\"body\" name=\"body\">"));
    assert!(!page.contains("results for"));
    let (_, page) = get(site(), "/search?q=+&kind=");
    assert!(!page.contains("results for"));
    let answer = json(site(), "/api/search?q=");
    assert_eq!(answer["total"], 0);
    let (_, home) = get(site(), "/");
    assert!(home.contains("href=\"/search\""));
}

#[test]
fn the_page_keeps_the_search_in_its_form_and_marks_matches() {
    let (_, _, words) = a_resolution();
    let (status, page) = get(
        site(),
        &format!("/search?q={}&kind=resolution", encode(&words[0])),
    );
    assert_eq!(status, 200);
    assert!(page.contains(&format!("value=\"{}\"", words[0])));
    assert!(page.contains("value=\"resolution\" checked"));
    assert!(page.contains("<mark>"));
}

/// A meeting of an invented panel whose exempt item, and the minute and
/// resolution that record it, carry `secret`; a public item carries
/// markup.
fn planted_pack(secret: &str) -> Pack {
    let mut pack = Pack::default();
    pack.meeting.body = Some("Invented Property Panel".into());
    pack.meeting.date = Date::new(2020, 3, 4);
    let item = |number: &str, title: String, exempt: bool| AgendaItem {
        number: Some(number.into()),
        title,
        pages: None,
        exempt,
        decision: None,
        lines: Lines::one(1),
    };
    pack.agenda = vec![
        item(
            "1",
            "<script>alert(1)</script> Budget monitoring".into(),
            false,
        ),
        item("2", format!("Disposal of {secret} Farm"), true),
    ];
    pack.minutes = vec![Minutes {
        body: pack.meeting.body.clone(),
        date: pack.meeting.date,
        items: vec![MinuteItem {
            number: Some("7".into()),
            title: format!("Disposal of {secret} Farm"),
            agenda_ref: Some("2".into()),
            resolved: true,
            resolutions: vec![format!("The {secret} offer be accepted.")],
            exempt: false,
            lines: Lines::one(2),
        }],
        lines: Lines::span(1, 3),
        ..Minutes::default()
    }];
    pack
}

#[test]
fn exempt_business_is_found_by_no_search() {
    const SECRET: &str = "Quillanbrook";
    let site = serve(&[("planted.txt".into(), "planted".into(), planted_pack(SECRET))]);
    for q in [SECRET, "disposal", "Farm", "offer accepted"] {
        let answer = json(&site, &format!("/api/search?q={}", encode(q)));
        assert_eq!(answer["total"], 0, "{q}: {answer}");
        let (_, page) = get(&site, &format!("/search?q={}", encode(q)));
        assert!(page.contains("No results for"), "{q}");
    }
    // Words of the public item are found, in every kind.
    let answer = json(&site, "/api/search?q=Budget");
    assert!(answer["total"].as_u64().unwrap() > 0);
    let everything = json(&site, "/api/search?q=Invented+Property+Panel");
    assert!(!everything.to_string().contains(SECRET), "{everything}");
}

#[test]
fn snippets_and_titles_cannot_inject_markup() {
    let site = serve(&[(
        "planted.txt".into(),
        "planted".into(),
        planted_pack("Secret"),
    )]);
    let (_, page) = get(&site, "/search?q=budget+monitoring");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt; Budget monitoring"),
        "{page}"
    );
    assert!(!page.contains("<script>"));
    let (_, page) = get(&site, "/search?q=%3Cb%3Ebudget%3C%2Fb%3E");
    assert!(page.contains("&lt;b&gt;budget&lt;/b&gt;"));
    assert!(!page.contains("<b>budget"));
}

/// The page at `url` as headless Chromium builds it (`MOOT_CHROMIUM`, else
/// `chromium` on `PATH`), serialised back from its DOM.
fn browser_dom(url: &str) -> String {
    let chromium = std::env::var("MOOT_CHROMIUM").unwrap_or_else(|_| "chromium".into());
    let profile = tempfile::TempDir::new().unwrap();
    let out = Command::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(url)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {chromium} (apt-get install chromium): {e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_browser_builds_the_results_with_their_marks_and_no_injected_markup() {
    let planted = serve(&[(
        "planted.txt".into(),
        "planted".into(),
        planted_pack("Secret"),
    )]);
    let dom = browser_dom(&format!(
        "http://{}/search?q=budget&kind=agenda-item",
        planted.addr
    ));
    assert!(dom.contains("<h1>Search</h1>"), "{dom}");
    assert!(
        dom.contains("<h3 id=\"results-agenda-item\">Agenda items (1 match)</h3>"),
        "{dom}"
    );
    assert!(dom.contains("value=\"agenda-item\" checked"), "{dom}");
    assert!(
        dom.contains("&lt;script&gt;alert(1)&lt;/script&gt; Budget monitoring"),
        "{dom}"
    );
    assert!(!dom.contains("<script"), "{dom}");

    let (_, _, words) = a_resolution();
    let url = format!("http://{}/search?q={}", site().addr, encode(&words[0]));
    let dom = browser_dom(&url);
    assert!(dom.contains("<mark>"), "{dom}");
}

#[test]
fn a_stale_index_is_rebuilt_when_the_site_starts() {
    let packs = common::corpus_packs(&PACKS);
    let dir = tempfile::TempDir::new().unwrap();
    common::import(dir.path(), &packs[..2]);
    let db = dir.path().join("moot.db");
    let store = moot_store_sqlite::SqliteStore::open(&db).unwrap();
    let index = moot_search::SearchIndex::open(&moot_search::index_path(&db)).unwrap();
    index.rebuild(&store).unwrap();
    drop((index, store));
    // Stored behind the index's back: the index is now stale.
    common::import(dir.path(), &packs[2..]);
    let site = common::serve_dir(dir);
    let meetings = json(&site, "/api/");
    let newest_pack = &packs[3].2.meeting;
    let meeting = meetings["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["date"] == newest_pack.date.unwrap().to_string())
        .unwrap();
    let id = meeting["id"].as_i64().unwrap();
    let agenda = json(&site, &format!("/api/meetings/{id}"));
    let title = agenda["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["exempt"] == false)
        .and_then(|a| a["title"].as_str())
        .unwrap();
    let answer = json(
        &site,
        &format!("/api/search?q={}&kind=agenda-item", encode(title)),
    );
    assert!(
        finds_meeting(&answer, "agenda-item", id),
        "{title}: {answer}"
    );
}
