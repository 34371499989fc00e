//! The public pages read as one record (issue 15, points 1–3): every
//! minute's text on its meeting page, resolutions set apart, item pages
//! with the same business across meetings, and a decisions register that
//! says what was decided, over the corpus packs.

mod common;

use common::{corpus_packs, get, json, meeting_id, serve, serve_dir_at, Site};
use moot_domain::{Date, FixedClock};
use serde_json::Value;
use std::collections::BTreeSet;

/// Every corpus pack.
const ALL: [&str; 4] = [
    "kent-hwb-2013-09-18.txt",
    "kent-cscah-2015-07-22.txt",
    "kent-scph-2013-01-11.txt",
    "worcs-hwb-2014-07-22.txt",
];

fn list(v: &Value) -> &Vec<Value> {
    v.as_array().unwrap()
}

/// Every meeting id, through the bodies' JSON.
fn meeting_ids(site: &Site) -> Vec<i64> {
    let mut ids = BTreeSet::new();
    for body in list(&json(site, "/api/bodies")["bodies"]) {
        let body = json(site, &format!("/api/bodies/{}", body["id"]));
        for m in list(&body["meetings"]) {
            ids.insert(m["id"].as_i64().unwrap());
        }
    }
    ids.into_iter().collect()
}

/// A page's words as a reader sees them: tags gone, entities decoded,
/// lower case.
fn visible_words(page: &str) -> BTreeSet<String> {
    let mut text = String::new();
    let mut in_tag = false;
    for c in page.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    words(&text).collect()
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

#[test]
fn every_word_of_every_public_minute_is_on_its_meeting_page() {
    let site = serve(&corpus_packs(&ALL));
    let mut checked = 0;
    for id in meeting_ids(&site) {
        let api = json(&site, &format!("/api/meetings/{id}"));
        let (status, page) = get(&site, &format!("/meetings/{id}"));
        assert_eq!(status, 200);
        let shown = visible_words(&page);
        for minutes in list(&api["minutes"]) {
            for item in list(&minutes["items"]) {
                if item["text"].is_null() {
                    continue;
                }
                let source = &item["source"];
                let document = json(&site, source["api"].as_str().unwrap());
                let (first, last) = (
                    source["lines"]["first"].as_u64().unwrap(),
                    source["lines"]["last"].as_u64().unwrap(),
                );
                for line in list(&document["lines"]) {
                    let Some(number) = line["number"].as_u64() else {
                        continue; // a withheld run
                    };
                    if number < first || number > last {
                        continue;
                    }
                    let text = line["text"].as_str().unwrap();
                    let repaired = moot_import::normalise::normalise(text);
                    if repaired.lines.iter().all(|l| l.text.trim().is_empty()) {
                        continue; // page debris
                    }
                    for word in words(
                        &repaired
                            .lines
                            .iter()
                            .map(|l| l.text.as_str())
                            .collect::<Vec<_>>()
                            .join(" "),
                    ) {
                        assert!(
                            shown.contains(&word),
                            "meeting {id}: {word:?} of line {number} ({text:?}) is not on the page"
                        );
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 5_000, "only {checked} words checked");
}

#[test]
fn a_meeting_page_reads_as_one_record() {
    let site = serve(&corpus_packs(&ALL));
    let id = meeting_id(&site, "Health and Wellbeing Board", "2013-07-17");
    let (_, page) = get(&site, &format!("/meetings/{id}"));
    // Breadcrumbs, contents, minute text with its resolutions set apart.
    assert!(page.contains("aria-label=\"Breadcrumb\""));
    assert!(page.contains("href=\"/bodies/"));
    assert!(page.contains("<h2 id=\"contents\">Contents</h2>"));
    assert!(page.contains("class=\"resolution\""));
    assert!(page.contains("RESOLVED that the minutes of the meeting of the Health and Wellbeing Board held on 29 May 2013"));
    assert!(!page.contains("Resolved: RESOLVED"));
    assert!(page.contains("(1) The chairman suggested moving the item on Befriending Services"));
    // Substitutes as "X for Y", the chair, and one quiet source per record.
    assert!(page.contains("Cllr Mrs S Chandler</a> for "));
    assert!(page.contains("<h4>In the chair</h4>"));
    assert!(page.contains("Mr R W Gough"));
    assert!(!page.contains(" – <a class=\"source\""));
    // Confirmed at the next meeting, whose minute 4-ish confirms these.
    assert!(
        page.contains("Draft: not yet confirmed") || page.contains("Confirmed at the meeting of")
    );
    assert!(page.contains("Next meeting: "));
    let api = json(&site, &format!("/api/meetings/{id}"));
    let minute = &api["minutes"][0]["items"][0];
    assert_eq!(minute["url"], format!("/items/{id}-m1"));
    assert_eq!(minute["text"][0]["kind"], "paragraph");
    assert!(["draft", "confirmed"].contains(&api["confirmation"]["status"].as_str().unwrap()));
}

#[test]
fn agenda_items_and_minutes_link_both_ways_through_item_pages() {
    let site = serve(&corpus_packs(&ALL));
    let id = meeting_id(
        &site,
        "Children's Social Care and Health Cabinet Committee",
        "2015-07-22",
    );
    let api = json(&site, &format!("/api/meetings/{id}"));
    let item = list(&api["agenda"])
        .iter()
        .find(|a| {
            a["decision"] == "15/00068"
                || list(&a["papers"])
                    .iter()
                    .any(|p| p["decision"] == "15/00068")
        })
        .expect("the item carrying 15/00068");
    let (status, page) = get(&site, item["url"].as_str().unwrap());
    assert_eq!(status, 200);
    assert!(page.contains("aria-label=\"Breadcrumb\""));
    assert!(page.contains("Commissioning Transfer of the Health Visiting Service"));
    let twin = json(
        &site,
        &format!("/api/items/{}", item["id"].as_str().unwrap()),
    );
    assert_eq!(twin["kind"], "agenda");
    assert_eq!(twin["meeting"]["id"], id);
    for bad in ["/items/abc", "/api/items/1-x1", "/items/1-a0"] {
        assert_eq!(get(&site, bad).0, 400, "{bad}");
    }
    for missing in ["/items/999999-a1", "/api/items/1-a999"] {
        assert_eq!(get(&site, missing).0, 404, "{missing}");
    }
}

#[test]
fn an_item_page_shows_the_same_business_at_other_meetings_with_reasons() {
    let site = serve(&corpus_packs(&ALL));
    let mut found = 0;
    for id in meeting_ids(&site) {
        let api = json(&site, &format!("/api/meetings/{id}"));
        for a in list(&api["agenda"]) {
            let item = json(&site, &format!("/api/items/{}", a["id"].as_str().unwrap()));
            for h in list(&item["history"]) {
                let reason = h["reason"].as_str().unwrap();
                assert!(
                    reason.starts_with("same decision number ")
                        || reason == "same report subject"
                        || reason == "similar title",
                    "{reason}"
                );
                assert_ne!(h["meeting"]["id"], id);
                // The link lands on the other meeting's item, which links back.
                let other = json(&site, &format!("/api{}", h["url"].as_str().unwrap()));
                assert!(
                    list(&other["history"])
                        .iter()
                        .any(|back| back["meeting"]["id"] == id),
                    "{} does not link back to meeting {id}",
                    h["url"]
                );
                found += 1;
            }
        }
    }
    assert!(found > 0, "no item of the corpus has history");
}

#[test]
fn the_register_says_what_was_decided_by_whom_and_where_it_stands() {
    let site = serve(&corpus_packs(&ALL));
    let register = json(&site, "/api/decisions");
    let d = list(&register["decisions"])
        .iter()
        .find(|d| d["number"] == "15/00068")
        .unwrap();
    assert!(
        d["text"]
            .as_str()
            .unwrap()
            .contains("enter into a contract"),
        "{d}"
    );
    assert_eq!(
        d["decision_maker"],
        "Cabinet Member for Adult Social Care & Public Health"
    );
    assert_eq!(d["key_decision"], true);
    assert_eq!(d["date"], "2015-07-22");
    let resolutions = list(&register["resolutions"]);
    assert!(resolutions.iter().any(|r| r["text"]
        .as_str()
        .unwrap()
        .starts_with("RESOLVED that the report be noted")));
    assert!(resolutions.iter().all(|r| r["status"] == "taken"));
    // Filters: status, dates (ISO or GOV.UK's three fields), body.
    let proposed = json(&site, "/api/decisions?status=proposed");
    assert!(list(&proposed["resolutions"]).is_empty());
    let later = json(
        &site,
        "/api/decisions?from-day=1&from-month=1&from-year=2015",
    );
    assert!(list(&later["resolutions"])
        .iter()
        .all(|r| r["date"].as_str().unwrap() >= "2015-01-01"));
    assert!(list(&later["decisions"])
        .iter()
        .any(|d| d["number"] == "15/00068"));
    let earlier = json(&site, "/api/decisions?to=2014-12-31");
    assert!(list(&earlier["decisions"])
        .iter()
        .all(|d| d["number"] != "15/00068"));
    for bad in [
        "/api/decisions?status=maybe",
        "/decisions?from=2015-13-01",
        "/api/decisions?to-day=1",
    ] {
        assert_eq!(get(&site, bad).0, 400, "{bad}");
    }
    let (status, page) = get(&site, "/decisions");
    assert_eq!(status, 200);
    assert!(page.contains("aria-label=\"Breadcrumb\""));
    assert!(page.contains("Resolutions of committees"));
    let (status, csv) = get(&site, "/decisions.csv?status=taken");
    assert_eq!(status, 200);
    assert!(csv.contains("resolution"));
}

#[test]
fn a_decision_on_a_future_meetings_report_is_proposed() {
    let dir = tempfile::tempdir().unwrap();
    common::import(dir.path(), &corpus_packs(&["kent-cscah-2015-07-22.txt"]));
    let clock = FixedClock::at_utc(Date::new(2015, 7, 1).unwrap(), 10, 0);
    let site = serve_dir_at(dir, clock);
    let register = json(&site, "/api/decisions");
    let d = list(&register["decisions"])
        .iter()
        .find(|d| d["number"] == "15/00068")
        .unwrap();
    assert_eq!(d["status"], "proposed");
    let proposed = json(&site, "/api/decisions?status=proposed");
    assert!(list(&proposed["decisions"])
        .iter()
        .any(|d| d["number"] == "15/00068"));
}
