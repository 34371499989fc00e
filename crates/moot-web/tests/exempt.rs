//! The exempt rule's acceptance over HTTP: the corpus packs the site tests
//! serve, plus packs written for each way exempt business leaked (an
//! exempt item's description and a decision number printed only there;
//! minutes under their own exempt heading for a meeting whose agenda is
//! not stored, and after a "Part 2" heading without "(Item N)" for one
//! whose agenda is; a report whose subject nearly matches an exempt
//! item's title), imported through the real importer. An anonymous crawl
//! of every answer finds none of their planted strings; a signed-in
//! member still reads them.

mod common;

use common::leak::{crawl, fetch_text};
use common::signed_in::{add_accounts, sign_in};
use common::{corpus_packs, json, meeting_id, read_packs, serve, Site, PACKS};
use moot_domain::Pack;
use moot_store::Role;
use std::path::Path;

/// Strings printed only inside exempt business, with where they are.
const PLANTED: [(&str, &str); 13] = [
    ("Qzxdescfarm", "an exempt item's description"),
    (
        "26/00931",
        "a decision number printed only in an exempt item's description",
    ),
    (
        "Qzxnearsubject",
        "a report whose subject nearly matches an exempt item's title",
    ),
    ("26/00932", "the decision number of that report"),
    (
        "Qzxminutemill",
        "a minute under EXEMPT ITEMS, its meeting's agenda unknown",
    ),
    ("Qzxresolvedsum", "that minute's resolution"),
    (
        "Qzxnorefclaimant",
        "a minute without (Item N) under EXEMPT ITEMS",
    ),
    ("Qzxdeclaredco", "a declaration inside that minute"),
    ("Qzxknownrefsum", "a minute recording a known exempt item"),
    (
        "Qzxknownnoref",
        "a minute without (Item N) under Part 2, its agenda known",
    ),
    ("Qzxdeclaredclub", "a declaration inside that minute"),
    (
        "Views of Young People in Care",
        "the corpus's closed session (Kent, minute 68)",
    ),
    ("social work buddy", "the words of that closed session"),
];

/// The packs written for each leak shape, in the order they are issued.
fn leak_packs() -> Vec<(String, String, Pack)> {
    read_packs(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/exempt-packs"),
        &["first-pack.txt", "second-pack.txt"],
    )
}

fn site() -> Site {
    let mut packs = corpus_packs(&PACKS);
    packs.extend(leak_packs());
    let site = serve(&packs);
    add_accounts(&site);
    site
}

/// Fails with every answer holding a planted string.
fn assert_nothing_planted(answers: &[common::leak::Fetched]) {
    let mut leaks = Vec::new();
    for answer in answers {
        for (secret, place) in PLANTED {
            if answer.text.contains(secret) {
                leaks.push(format!(
                    "{} ({}) shows {secret:?}, from {place}",
                    answer.target, answer.status
                ));
            }
        }
    }
    assert!(leaks.is_empty(), "{}", leaks.join("\n"));
}

#[test]
fn the_importer_marks_minutes_under_an_exempt_heading() {
    let packs = leak_packs();
    let first = &packs[0].2.minutes[0];
    let exempt: Vec<(&str, bool)> = first
        .items
        .iter()
        .map(|i| (i.number.as_deref().unwrap_or(""), i.exempt))
        .collect();
    assert_eq!(
        exempt,
        [
            ("11", false),
            ("12", false),
            ("13", false),
            ("14", false),
            ("15", true),
            ("16", true)
        ]
    );
    let second = &packs[1].2.minutes[0];
    assert!(second
        .items
        .iter()
        .any(|i| i.exempt && i.agenda_ref.is_none()));
    let kent = &corpus_packs(&["kent-cscah-2015-07-22.txt"])[0].2;
    let closed: Vec<&str> = kent
        .minutes
        .iter()
        .flat_map(|m| &m.items)
        .filter(|i| i.exempt)
        .filter_map(|i| i.number.as_deref())
        .collect();
    assert_eq!(closed, ["68"], "only the closed session is exempt");
}

#[test]
fn no_public_answer_holds_exempt_business_of_any_shape() {
    let site = site();
    let meeting = meeting_id(&site, "Planning and Regeneration Committee", "2026-01-13");
    let seeds = [
        "/".to_owned(),
        "/api/".to_owned(),
        "/decisions".to_owned(),
        "/decisions.csv".to_owned(),
        "/api/decisions".to_owned(),
        "/feeds/minutes.atom".to_owned(),
        format!("/meetings/{meeting}"),
        // Words near each planted string, so a search would find them if
        // they were indexed (a search for the string itself only echoes
        // the query).
        "/search?q=brookside+farm+developments".to_owned(),
        "/api/search?q=decision".to_owned(),
        "/api/search?q=westfield+depot".to_owned(),
        "/search?q=mill+acquisition".to_owned(),
        "/api/search?q=compensation+claim".to_owned(),
        "/api/search?q=negotiations".to_owned(),
        "/api/search?q=young+people+care+social+worker".to_owned(),
        "/search?q=social+work".to_owned(),
        "/search.atom?q=westfield+depot".to_owned(),
        "/search.atom?q=negotiations".to_owned(),
        "/search?q=negotiations&sort=newest".to_owned(),
        // The register's filters, and every item page of the meeting
        // (exempt items and minutes included), page and JSON.
        "/decisions?status=taken".to_owned(),
        "/api/decisions?status=proposed&from=2000-01-01".to_owned(),
        "/decisions.csv?status=taken".to_owned(),
    ];
    let mut seeds = seeds.to_vec();
    for n in 1..=20 {
        for kind in ["a", "m"] {
            seeds.push(format!("/items/{meeting}-{kind}{n}"));
            seeds.push(format!("/api/items/{meeting}-{kind}{n}"));
        }
    }
    let seeds: Vec<&str> = seeds.iter().map(String::as_str).collect();
    // Public business of the same packs is found, so the searches look
    // where the exempt words would be if they leaked.
    let public = json(&site, "/api/search?q=cycle+parking");
    assert!(public["total"].as_u64() > Some(0), "{public}");
    let answers = crawl(&site, &seeds, None, 4000);
    assert!(
        answers.len() > 50,
        "the crawl reached only {}",
        answers.len()
    );
    assert_nothing_planted(&answers);
    for answer in &answers {
        assert!(
            answer.status < 500,
            "{} answered {}",
            answer.target,
            answer.status
        );
    }
}

#[test]
fn a_signed_in_member_still_reads_exempt_business() {
    let site = site();
    let member = sign_in(&site, Role::Member);
    let first = meeting_id(&site, "Planning and Regeneration Committee", "2026-01-13");
    let page = fetch_text(&site, &format!("/meetings/{first}"), Some(&member));
    for secret in [
        "Sale of Westfield Depot",
        "Qzxnearsubject",
        "Qzxknownrefsum",
    ] {
        assert!(page.text.contains(secret), "a member sees {secret}");
    }
    let earlier = meeting_id(&site, "Planning and Regeneration Committee", "2025-11-11");
    let page = fetch_text(&site, &format!("/meetings/{earlier}"), Some(&member));
    for secret in ["Qzxminutemill", "Qzxnorefclaimant", "Qzxresolvedsum"] {
        assert!(page.text.contains(secret), "a member sees {secret}");
    }
    let document = json(&site, &format!("/api/meetings/{first}"))["agenda"][5]["source"]
        ["document"]
        .as_i64()
        .unwrap();
    let lines = fetch_text(&site, &format!("/documents/{document}"), Some(&member));
    for secret in ["Qzxdescfarm", "26/00931"] {
        assert!(lines.text.contains(secret), "a member sees {secret}");
    }
    let register = fetch_text(&site, "/api/decisions", Some(&member));
    assert!(register.text.contains("26/00931"), "{}", register.text);
}
