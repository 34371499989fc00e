//! Re-issued packs and the site's clock over HTTP: the demo council's
//! packs served, a corrected reprint of one imported beside it, and the
//! home page read at instants either side of midnight in summer.

mod common;

use common::{get, json, serve_dir_at, test_clock, Site};
use moot_domain::{Date, FixedClock};
use serde_json::Value;

const SEPTEMBER: &str = include_str!("../../moot-cli/demo/ashworth-hwb-2026-09-15.txt");

/// The September pack as printed, and a corrected reprint of it.
fn packs() -> Vec<(String, String, moot_domain::Pack)> {
    let reprint = SEPTEMBER.replace(
        "5. Mental Health Crisis Support: Six-Month Review",
        "5. Mental Health Crisis Support: Twelve-Month Review",
    );
    [
        ("hwb-2026-09-15.txt", SEPTEMBER.to_owned()),
        ("hwb-2026-09-15-corrected.txt", reprint),
    ]
    .into_iter()
    .map(|(name, text)| {
        let pack = moot_import::extract_text(&text).pack;
        (name.to_owned(), text, pack)
    })
    .collect()
}

fn site_at(clock: FixedClock) -> Site {
    let dir = tempfile::TempDir::new().unwrap();
    common::import(dir.path(), &packs());
    serve_dir_at(dir, clock)
}

fn september_meeting(site: &Site) -> i64 {
    let home = json(site, "/api/");
    home["upcoming"]
        .as_array()
        .into_iter()
        .chain(home["meetings"].as_array())
        .flatten()
        .find(|m| m["date"] == "2026-09-15")
        .and_then(|m| m["id"].as_i64())
        .unwrap_or_else(|| panic!("no September meeting on the home page: {home}"))
}

#[test]
fn a_reissued_pack_is_shown_superseded_and_the_meeting_keeps_one_agenda() {
    let site = site_at(test_clock());
    let id = september_meeting(&site);
    let meeting = json(&site, &format!("/api/meetings/{id}"));
    let titles: Vec<&str> = meeting["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["title"].as_str())
        .collect();
    let reviews = titles
        .iter()
        .filter(|t| t.contains("Mental Health Crisis"))
        .count();
    assert_eq!(reviews, 1, "one agenda, not two: {titles:?}");
    assert!(titles.contains(&"Mental Health Crisis Support: Twelve-Month Review"));

    let documents = meeting["documents"].as_array().unwrap();
    assert_eq!(documents.len(), 2, "{meeting}");
    let (old, new) = (&documents[0], &documents[1]);
    assert_eq!(old["file_name"], "hwb-2026-09-15.txt");
    assert_eq!(old["superseded_by"]["id"], new["id"]);
    assert_eq!(new["superseded_by"], Value::Null);

    let old_api = json(&site, old["api"].as_str().unwrap());
    assert_eq!(old_api["document"]["superseded_by"]["id"], new["id"]);
    let new_api = json(&site, new["api"].as_str().unwrap());
    assert_eq!(new_api["document"]["supersedes"][0]["id"], old["id"]);

    let (status, page) = get(&site, old["url"].as_str().unwrap());
    assert_eq!(status, 200);
    assert!(page.contains("Superseded by"), "{page}");
    assert!(page.contains("hwb-2026-09-15-corrected.txt"));
    // Its exempt item stays withheld although its rows were replaced.
    assert!(!page.contains("Award of Contract to Preferred Bidder"));
    let (_, page) = get(&site, &format!("/meetings/{id}"));
    assert!(page.contains("superseded by"), "{page}");
}

/// 23:30 UTC on 15 September 2026 is 00:30 on the 16th in the United
/// Kingdom (BST): the meeting of the 15th is past, not today.
#[test]
fn the_home_page_counts_today_in_uk_time() {
    let day = Date::new(2026, 9, 15).unwrap();
    let before_midnight = site_at(FixedClock::at_utc(day, 22, 30));
    let home = json(&before_midnight, "/api/");
    assert!(
        home["upcoming"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["date"] == "2026-09-15"),
        "23:30 BST on the 15th: the meeting is today, so upcoming: {home}"
    );
    let after_midnight = site_at(FixedClock::at_utc(day, 23, 30));
    let home = json(&after_midnight, "/api/");
    assert!(
        !home["upcoming"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["date"] == "2026-09-15"),
        "00:30 BST on the 16th: the meeting is past: {home}"
    );
}
