//! Full-text search over real HTTP: every word of a pack is found, as a
//! passage with its file and lines; the ranked list, abbreviations, "did
//! you mean", sorting by date, paging and the search's Atom feed. The
//! packs are written here, so what is searched for is known exactly.

mod common;

use common::{get, json, serve, Site};
use serde_json::Value;

/// A pack's text: minutes of a meeting with a long report after them.
fn pack_text(body: &str, day: &str, topic: &str, extra: &str) -> String {
    let filler = "The committee considered the matters set out in the papers before it. ".repeat(8);
    format!(
        "{body}\n\nMinutes of the meeting held on {day}\n\nPresent: Councillor A Smith (Chair), Councillor B Jones\n\n\
         1. Apologies\n\nThere were no apologies.\n\n\
         2. {topic}\n\nMembers discussed the {topic} and its funding.\n\nRESOLVED: that the report be noted.\n\n\
         Report of the Director\n\n{filler}\n\n\
         Background\n\n{filler} {extra}\n\nFinance\n\n{filler}\n"
    )
}

fn site_of(packs: &[(&str, String)]) -> Site {
    let packs: Vec<(String, String, moot_domain::Pack)> = packs
        .iter()
        .map(|(name, text)| {
            let pack = moot_import::extract_text(text).pack;
            ((*name).to_owned(), text.clone(), pack)
        })
        .collect();
    serve(&packs)
}

fn ranked(site: &Site, query: &str) -> Vec<Value> {
    json(site, &format!("/api/search?q={query}"))["ranked"]
        .as_array()
        .unwrap()
        .clone()
}

/// The 1-based number of the line of `text` holding `word`.
fn line_of(text: &str, word: &str) -> u64 {
    text.lines().position(|l| l.contains(word)).unwrap() as u64 + 1
}

#[test]
fn a_word_deep_in_a_report_is_found_with_its_file_and_lines() {
    let text = pack_text(
        "Harbour Committee",
        "3 March 2021",
        "Harbour dredging",
        "The quaysides were resurfaced with granite setts.",
    );
    let site = site_of(&[("harbour-2021-03-03.txt", text.clone())]);
    let hits = ranked(&site, "granite+setts");
    let best = &hits[0];
    let source = &best["source"];
    assert_eq!(source["file"], "harbour-2021-03-03.txt", "{best}");
    let (first, last) = (
        source["lines"][0].as_u64().unwrap(),
        source["lines"][1].as_u64().unwrap(),
    );
    let line = line_of(&text, "granite setts");
    assert!(first <= line && line <= last, "{first}-{last} holds {line}");
    assert!(best["snippet"]
        .as_str()
        .unwrap()
        .contains("<mark>granite</mark>"));
    // The hit links to the exact lines of its document.
    let url = source["url"].as_str().unwrap();
    assert!(url.starts_with("/documents/") && url.ends_with(&format!("#L{first}")));
    let (status, page) = get(&site, "/search?q=granite+setts");
    assert_eq!(status, 200);
    assert!(page.contains(url), "the page links to the lines");
}

#[test]
fn no_text_is_listed_twice_and_pages_follow_on() {
    let texts: Vec<(String, String)> = (1..=12)
        .map(|n| {
            let text = pack_text(
                "Harbour Committee",
                &format!("{n} May 2021"),
                "Moorings",
                "",
            );
            (format!("harbour-{n}.txt"), text)
        })
        .collect();
    let packs: Vec<(&str, String)> = texts.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
    let site = site_of(&packs);
    let first = json(&site, "/api/search?q=committee+considered+papers");
    let hits = first["ranked"].as_array().unwrap();
    assert_eq!(hits.len(), 20, "{first}");
    let mut seen = Vec::new();
    for hit in hits {
        let key = (
            hit["source"]["file"].clone(),
            hit["source"]["lines"].clone(),
        );
        assert!(!seen.contains(&key), "{key:?} twice");
        seen.push(key);
    }
    let next = first["next"].as_str().expect("a next page");
    let second = json(&site, next);
    for hit in second["ranked"].as_array().unwrap() {
        let key = (
            hit["source"]["file"].clone(),
            hit["source"]["lines"].clone(),
        );
        assert!(!seen.contains(&key), "{key:?} on both pages");
    }
}

#[test]
fn an_abbreviation_finds_its_words_and_the_words_find_it() {
    let site = site_of(&[
        (
            "a.txt",
            pack_text(
                "Health Board",
                "1 June 2021",
                "Pooled budget",
                "The BCF plan was signed off.",
            ),
        ),
        (
            "b.txt",
            pack_text(
                "Care Board",
                "2 June 2021",
                "Integration",
                "The Better Care Fund grew.",
            ),
        ),
    ]);
    let files = |q: &str| -> Vec<String> {
        ranked(&site, q)
            .iter()
            .take(3)
            .filter_map(|h| h["source"]["file"].as_str().map(str::to_owned))
            .collect()
    };
    assert!(
        files("BCF").contains(&"b.txt".to_owned()),
        "{:?}",
        files("BCF")
    );
    let long = files("better+care+fund");
    assert!(long.contains(&"a.txt".to_owned()), "{long:?}");
}

#[test]
fn a_misspelt_word_gets_a_suggestion_from_the_index_and_still_finds() {
    let site = site_of(&[(
        "h.txt",
        pack_text(
            "Harbour Committee",
            "3 March 2021",
            "Dredging",
            "The breakwater was repaired.",
        ),
    )]);
    let answer = json(&site, "/api/search?q=breakwatter");
    assert_eq!(answer["suggestion"], "breakwater", "{answer}");
    assert!(answer["total"].as_u64().unwrap() > 0);
    let (_, page) = get(&site, "/search?q=breakwatter");
    assert!(page.contains("Did you mean"));
}

#[test]
fn newest_first_orders_by_meeting_day_and_the_feed_follows_the_search() {
    let site = site_of(&[
        (
            "old.txt",
            pack_text("Harbour Committee", "3 March 2019", "Lighthouse", ""),
        ),
        (
            "new.txt",
            pack_text("Harbour Committee", "3 March 2022", "Lighthouse", ""),
        ),
    ]);
    let answer = json(&site, "/api/search?q=lighthouse&sort=newest");
    let dates: Vec<&str> = answer["ranked"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["date"].as_str())
        .collect();
    assert!(!dates.is_empty());
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    let relevance = json(&site, "/api/search?q=lighthouse");
    assert_eq!(relevance["feed"], "/search.atom?q=lighthouse");
    let (status, feed) = get(&site, "/search.atom?q=lighthouse");
    assert_eq!(status, 200);
    assert!(
        feed.starts_with("<?xml") && feed.contains("<entry>"),
        "{feed}"
    );
    let newest = feed.find("2022-03-03").unwrap();
    let oldest = feed.find("2019-03-03").unwrap();
    assert!(newest < oldest, "newest entry first");
    let (_, page) = get(&site, "/search?q=lighthouse");
    assert!(page.contains("href=\"/search.atom?q=lighthouse\""));
}

#[test]
fn counts_by_kind_body_and_year_narrow_the_search() {
    let site = site_of(&[
        (
            "a.txt",
            pack_text("Harbour Committee", "3 March 2019", "Ferries", ""),
        ),
        (
            "b.txt",
            pack_text("Roads Committee", "3 March 2022", "Ferries", ""),
        ),
    ]);
    let answer = json(&site, "/api/search?q=ferries");
    let facets = &answer["facets"];
    let years: Vec<i64> = facets["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y["year"].as_i64().unwrap())
        .collect();
    assert_eq!(years, [2022, 2019]);
    let bodies = facets["bodies"].as_array().unwrap();
    assert_eq!(bodies.len(), 2, "{facets}");
    let roads = bodies
        .iter()
        .find(|b| b["name"] == "Roads Committee")
        .unwrap();
    let narrowed = json(
        &site,
        &format!("/api/search?q=ferries&body={}", roads["id"]),
    );
    assert_eq!(narrowed["total"], roads["count"]);
}
