//! A whole cycle of the clerk's work over real HTTP, as a clerk's browser
//! would make it: a new body and its members, two meetings scheduled, an
//! agenda with papers and one exempt item, publishing (the pack PDF's
//! page ranges checked against its extracted text), the meeting
//! recorded, minutes published, and confirmed at the next meeting.
//!
//! Then the planted strings of the exempt item and its paper are looked
//! for in every answer an anonymous visitor can reach (pages, JSON,
//! feeds, calendars, CSV, search, PDFs): none holds them; a signed-in
//! member sees them.

mod common;

use common::clerk::{
    days_from_today, download, json_as, pdf_text, submit as send_form, upload_paper,
};
use common::leak::{crawl, fetch_text};
use common::signed_in::{add_accounts, sign_in, Browser};
use common::{json, serve_dir, Site};
use moot_store::Role;

/// In the exempt item's title.
const IN_ITEM: &str = "QZXCYCLEITEM5512";
/// In the exempt item's paper.
const IN_PAPER: &str = "QZXCYCLEPAPER8830";

/// Posts a form that must succeed; returns the id its redirect ends in.
fn submit(site: &Site, clerk: &Browser, target: &str, fields: &[(&str, &str)]) -> i64 {
    let response = send_form(site, clerk, target, fields);
    assert_eq!(response.status, 303, "POST {target}: {}", response.text());
    let location = response.location().trim();
    location
        .rsplit('/')
        .find_map(|part| part.parse().ok())
        .unwrap_or_else(|| panic!("{target} sent the browser to {location}"))
}

fn upload(site: &Site, clerk: &Browser, item: i64, title: &str, text: &str) {
    let response = upload_paper(site, clerk, item, title, "paper.txt", text.as_bytes());
    assert_eq!(response.status, 303, "upload: {}", response.text());
}

/// Paragraphs enough to run a paper over several pages.
fn long_paper(topic: &str, paragraphs: usize) -> String {
    (1..=paragraphs)
        .map(|n| format!("{n}. The committee is asked to consider {topic}, paragraph {n}, in the light of the consultation responses summarised here at some length."))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A built site: the body, its two meetings and the items of the first.
struct Cycle {
    site: Site,
    first: i64,
    second: i64,
    public_meeting: i64,
}

fn set_up_body(site: &Site, clerk: &Browser) -> i64 {
    let body = submit(
        site,
        clerk,
        "/clerk/bodies",
        &[
            ("organisation", "Invented Borough Council"),
            ("name", "Licensing and Regulatory Committee"),
            ("numbering", "running"),
            ("starts_month", ""),
        ],
    );
    let members = [
        (
            "Cllr Ada Lovelace",
            "chair",
            "Independent",
            "Cllr Grace Hopper",
        ),
        ("Cllr Alan Turing", "vice-chair", "Green", ""),
        ("Cllr Mary Somerville", "member", "Labour", ""),
    ];
    for (name, role, party, substitutes) in members {
        submit(
            site,
            clerk,
            &format!("/clerk/bodies/{body}/members"),
            &[
                ("name", name),
                ("role", role),
                ("party", party),
                ("seat", "voting"),
                ("starts", "2026-05-01"),
                ("ends", ""),
                ("substitutes", substitutes),
            ],
        );
    }
    body
}

fn schedule(site: &Site, clerk: &Browser, body: i64, days: i64) -> i64 {
    submit(
        site,
        clerk,
        &format!("/clerk/bodies/{body}/meetings"),
        &[
            ("date", &days_from_today(days).to_string()),
            ("time", "14:00"),
            ("venue", "Council Chamber, Civic Centre"),
            ("contact", "Jo Bloggs, Democratic Services, 01234 567890"),
        ],
    )
}

fn add_item(site: &Site, clerk: &Browser, meeting: i64, title: &str, exempt: &str) {
    submit(
        site,
        clerk,
        &format!("/clerk/meetings/{meeting}/items"),
        &[
            (
                "section",
                if exempt.is_empty() {
                    "Part 1"
                } else {
                    "Part 2"
                },
            ),
            ("title", title),
            ("description", ""),
            ("exempt_paragraph", exempt),
        ],
    );
}

/// The ids of the meeting's agenda items, by title.
fn item_id(agenda: &serde_json::Value, title: &str) -> i64 {
    agenda["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"].as_str().is_some_and(|t| t.contains(title)))
        .and_then(|i| i["id"].as_i64())
        .unwrap_or_else(|| panic!("no item {title} in {agenda}"))
}

fn build_agenda(site: &Site, clerk: &Browser, meeting: i64) {
    add_item(site, clerk, meeting, "Apologies and substitutes", "");
    add_item(
        site,
        clerk,
        meeting,
        "Taxi and private hire licensing policy",
        "",
    );
    add_item(site, clerk, meeting, "Street trading fees", "");
    add_item(
        site,
        clerk,
        meeting,
        &format!("Review of a licence {IN_ITEM}"),
        "1",
    );
    let agenda = json_as(site, clerk, &format!("/api/clerk/meetings/{meeting}"));
    let policy = item_id(&agenda, "Taxi and private hire");
    upload(
        site,
        clerk,
        policy,
        "Taxi policy report",
        &long_paper("the taxi policy", 40),
    );
    let fees = item_id(&agenda, "Street trading");
    upload(
        site,
        clerk,
        fees,
        "Fees report",
        &long_paper("street trading fees", 8),
    );
    let exempt = item_id(&agenda, IN_ITEM);
    upload(
        site,
        clerk,
        exempt,
        "Report of the licensing officer",
        &format!("The licence holder {IN_PAPER} was cautioned twice."),
    );
}

/// The public pack's pages (split by form feed, as pdftotext prints
/// them).
fn pack_pages(site: &Site, target: &str) -> Vec<String> {
    let response = download(site, None, target);
    assert_eq!(response.status, 200, "{target}");
    assert!(
        response.head.contains("content-type: application/pdf"),
        "{}",
        response.head
    );
    pdf_text(&response.body, None)
        .split('\u{c}')
        .map(str::to_owned)
        .collect()
}

/// "(Pages x - y)" on the agenda line of `title`, if any.
fn page_range(pages: &[String], title: &str) -> Option<(usize, usize)> {
    let text = pages.join("\n");
    let line = text
        .lines()
        .skip_while(|l| !l.contains(title))
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    let range = line.split("(Pages ").nth(1)?.split(')').next()?;
    let (from, to) = range.split_once(" - ")?;
    Some((from.trim().parse().ok()?, to.trim().parse().ok()?))
}

/// The footer number printed on a page: its last non-blank line's last
/// number.
fn footer_number(page: &str) -> Option<usize> {
    page.lines()
        .rev()
        .find(|l| !l.trim().is_empty())?
        .split_whitespace()
        .last()?
        .parse()
        .ok()
}

fn check_public_pack(site: &Site, public_meeting: i64) {
    let pages = pack_pages(site, &format!("/meetings/{public_meeting}/agenda-pack.pdf"));
    for (title, paper, opening) in [
        (
            "Taxi and private hire",
            "Taxi policy report",
            "1. The committee is asked to consider the taxi policy",
        ),
        (
            "Street trading fees",
            "Fees report",
            "1. The committee is asked to consider street trading fees",
        ),
    ] {
        let (from, to) =
            page_range(&pages, title).unwrap_or_else(|| panic!("no page range for {title}"));
        assert!(from <= to, "{title}: {from}-{to}");
        let numbered: Vec<(usize, &String)> = pages
            .iter()
            .filter_map(|p| Some((footer_number(p)?, p)))
            .collect();
        let first = numbered
            .iter()
            .find(|(n, _)| *n == from)
            .unwrap_or_else(|| panic!("no page {from}"));
        assert!(
            first.1.contains(paper) && first.1.contains(opening),
            "page {from} does not open {paper}: {}",
            first.1
        );
        let last = numbered
            .iter()
            .find(|(n, _)| *n == to)
            .unwrap_or_else(|| panic!("no page {to}"));
        let closing = if title.starts_with("Taxi") {
            "paragraph 40"
        } else {
            "paragraph 8"
        };
        assert!(
            last.1.contains(closing),
            "page {to} does not end {paper}: {}",
            last.1
        );
        if let Some(after) = numbered.iter().find(|(n, _)| *n == to + 1) {
            assert!(!after.1.contains(closing), "{paper} runs past page {to}");
        }
    }
    let text = pages.join("\n");
    assert!(
        page_range(&pages, "Review of a licence").is_none(),
        "the exempt item has no pages"
    );
    assert!(
        text.contains("Exempt item") && text.contains("Schedule 12A"),
        "{text}"
    );
    assert!(!text.contains(IN_PAPER) && !text.contains(IN_ITEM));
}

fn record_meeting(site: &Site, clerk: &Browser, body: i64, meeting: i64) {
    let clerk_body = json_as(site, clerk, &format!("/api/clerk/bodies/{body}"));
    let person = |name: &str| {
        clerk_body["members"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["name"] == name)
            .map(|m| m["person"].to_string())
            .unwrap_or_else(|| panic!("no member {name} in {clerk_body}"))
    };
    let substitute = clerk_body["members"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["substitutes"].as_array().unwrap().iter())
        .find(|s| s["name"] == "Cllr Grace Hopper")
        .map(|s| s["person"].to_string())
        .unwrap();
    let (chair, vice, member) = (
        person("Cllr Ada Lovelace"),
        person("Cllr Alan Turing"),
        person("Cllr Mary Somerville"),
    );
    let attendance = format!("/clerk/meetings/{meeting}/attendance");
    submit(
        site,
        clerk,
        &attendance,
        &[
            ("person", &chair),
            ("presence", "apologies"),
            ("substitute_for", ""),
        ],
    );
    submit(
        site,
        clerk,
        &attendance,
        &[
            ("person", &substitute),
            ("presence", "substitute"),
            ("substitute_for", &chair),
        ],
    );
    submit(
        site,
        clerk,
        &attendance,
        &[
            ("person", &vice),
            ("presence", "present"),
            ("substitute_for", ""),
        ],
    );
    submit(
        site,
        clerk,
        &attendance,
        &[
            ("person", &member),
            ("presence", "present"),
            ("substitute_for", ""),
        ],
    );
    let agenda = json_as(site, clerk, &format!("/api/clerk/meetings/{meeting}"));
    let exempt = item_id(&agenda, IN_ITEM).to_string();
    let policy = item_id(&agenda, "Taxi and private hire").to_string();
    submit(
        site,
        clerk,
        &format!("/clerk/meetings/{meeting}/declarations"),
        &[
            ("person", &member),
            ("item", &exempt),
            ("kind", "non-registrable"),
            ("text", &format!("Knows the holder {IN_ITEM}")),
            ("left_room", "yes"),
        ],
    );
    let minutes = format!("/clerk/meetings/{meeting}/minutes");
    submit(
        site,
        clerk,
        &minutes,
        &[
            ("item", &policy),
            ("number", ""),
            ("title", "Taxi and private hire licensing policy"),
            ("text", "The Licensing Manager introduced the report."),
            (
                "resolutions",
                "That the revised policy be adopted.\nThat the fees be reviewed in a year.",
            ),
        ],
    );
    submit(
        site,
        clerk,
        &minutes,
        &[
            ("item", &exempt),
            ("number", ""),
            ("title", &format!("Review {IN_ITEM}")),
            ("text", &format!("The committee considered {IN_PAPER}.")),
            ("resolutions", "That the licence be revoked."),
        ],
    );
    let record = json_as(
        site,
        clerk,
        &format!("/api/clerk/meetings/{meeting}/minutes"),
    );
    let numbers: Vec<i64> = record["minutes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["number"].as_i64().unwrap())
        .collect();
    assert_eq!(numbers, [1, 2], "a new body's minutes start at 1");
    let first_minute = record["minutes"][0]["id"].to_string();
    submit(
        site,
        clerk,
        &format!("/clerk/minutes/{first_minute}/decision"),
        &[("date", &record_date(&agenda)), ("number", "")],
    );
    submit(
        site,
        clerk,
        &format!("/clerk/meetings/{meeting}/actions"),
        &[
            ("minute", &first_minute),
            ("text", "Write to every licence holder about the new policy"),
            ("owner", "Licensing Manager"),
            ("due", &days_from_today(60).to_string()),
        ],
    );
    submit(
        site,
        clerk,
        &format!("/clerk/meetings/{meeting}/minutes/publish"),
        &[],
    );
}

/// Whether `text` holds a number in the council's `YY/NNNNN` series.
fn has_decision_number(text: &str) -> bool {
    text.as_bytes()
        .windows(8)
        .any(|w| w[2] == b'/' && w[..2].iter().chain(&w[3..]).all(u8::is_ascii_digit))
}

fn record_date(agenda: &serde_json::Value) -> String {
    agenda["meeting"]["date"].as_str().unwrap().to_owned()
}

fn run_cycle() -> Cycle {
    let dir = tempfile::TempDir::new().unwrap();
    let site = serve_dir(dir);
    add_accounts(&site);
    let clerk = sign_in(&site, Role::Clerk);
    let body = set_up_body(&site, &clerk);
    let first = schedule(&site, &clerk, body, 30);
    let second = schedule(&site, &clerk, body, 58);
    build_agenda(&site, &clerk, first);
    submit(
        &site,
        &clerk,
        &format!("/clerk/meetings/{first}/publish"),
        &[("confirm_short_notice", "")],
    );
    let agenda = json_as(&site, &clerk, &format!("/api/clerk/meetings/{first}"));
    assert_eq!(agenda["meeting"]["agenda"], "published");
    assert_eq!(agenda["meeting"]["notice"]["kind"], "enough", "{agenda}");
    let public_meeting = agenda["meeting"]["public"]["id"].as_i64().unwrap();
    record_meeting(&site, &clerk, body, first);
    Cycle {
        site,
        first,
        second,
        public_meeting,
    }
}

#[test]
fn a_clerk_runs_a_meeting_from_a_new_body_to_confirmed_minutes_over_http() {
    let cycle = run_cycle();
    let site = &cycle.site;
    let clerk = sign_in(site, Role::Clerk);
    check_public_pack(site, cycle.public_meeting);

    // The next agenda carries the open action under matters arising.
    let next = json_as(
        site,
        &clerk,
        &format!("/api/clerk/meetings/{}", cycle.second),
    );
    let arising: Vec<&str> = next["matters_arising"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["text"].as_str())
        .collect();
    assert_eq!(
        arising,
        ["Write to every licence holder about the new policy"]
    );

    // The public meeting shows the published minutes and the decision.
    let public = json(site, &format!("/api/meetings/{}", cycle.public_meeting));
    let text = public.to_string();
    assert!(
        text.contains("That the revised policy be adopted."),
        "{text}"
    );
    let decisions = json(site, "/api/decisions").to_string();
    assert!(
        has_decision_number(&decisions),
        "a YY/NNNNN decision: {decisions}"
    );

    // Confirmed at the next meeting, the minutes are locked.
    submit(
        site,
        &clerk,
        &format!("/clerk/meetings/{}/minutes/confirm", cycle.first),
        &[("at", &cycle.second.to_string())],
    );
    let record = json_as(
        site,
        &clerk,
        &format!("/api/clerk/meetings/{}/minutes", cycle.first),
    );
    assert_eq!(record["state"], "confirmed");
    assert_eq!(record["confirmed_at"]["id"], cycle.second);
    let minute = record["minutes"][0]["id"].to_string();
    let edit = send_form(
        site,
        &clerk,
        &format!("/clerk/minutes/{minute}"),
        &[
            ("title", "Changed"),
            ("text", "Changed"),
            ("resolutions", "Changed"),
        ],
    );
    assert_eq!(edit.status, 409, "{}", edit.text());
}

#[test]
fn exempt_business_of_a_clerks_meeting_reaches_no_public_answer_but_a_member_sees_it() {
    let cycle = run_cycle();
    let site = &cycle.site;
    let seeds = [
        "/".to_owned(),
        "/api/".to_owned(),
        "/feeds/minutes.atom".to_owned(),
        "/api/openapi.json".to_owned(),
        // Words of the exempt item and paper (a search for the planted
        // string itself would only echo the visitor's own query back).
        "/search?q=cautioned+twice".to_owned(),
        "/api/search?q=licence+holder+cautioned".to_owned(),
        "/search?q=review+of+a+licence".to_owned(),
        format!("/meetings/{}/agenda-pack.pdf", cycle.public_meeting),
        format!("/meetings/{}/agenda-pack-members.pdf", cycle.public_meeting),
    ];
    let seeds: Vec<&str> = seeds.iter().map(String::as_str).collect();
    // The public items' titles are found, so the searches for the exempt
    // item's words below look where they would be if they leaked.
    let public_words = json(site, "/api/search?q=taxi+private+hire");
    assert!(public_words["total"].as_u64() > Some(0), "{public_words}");
    let answers = crawl(site, &seeds, None, 3000);
    assert!(
        answers.len() > 20,
        "the crawl reached only {} answers",
        answers.len()
    );
    let kinds = [
        "text/html",
        "application/json",
        "text/calendar",
        "text/csv",
        "application/atom+xml",
        "application/pdf",
    ];
    for kind in kinds {
        assert!(
            answers
                .iter()
                .any(|a| a.status == 200 && a.content_type.starts_with(kind)),
            "the crawl reached no {kind}"
        );
    }
    for answer in &answers {
        for secret in [IN_ITEM, IN_PAPER] {
            assert!(
                !answer.text.contains(secret),
                "{} ({}) shows {secret}",
                answer.target,
                answer.status
            );
        }
        assert!(
            answer.status < 500,
            "{} answered {}",
            answer.target,
            answer.status
        );
    }
    let member = sign_in(site, Role::Member);
    let page = fetch_text(
        site,
        &format!("/meetings/{}", cycle.public_meeting),
        Some(&member),
    );
    assert!(page.text.contains(IN_ITEM), "a member sees the exempt item");
    let pack = fetch_text(
        site,
        &format!("/meetings/{}/agenda-pack-members.pdf", cycle.public_meeting),
        Some(&member),
    );
    assert!(
        pack.text.contains(IN_PAPER),
        "the members' pack holds the exempt paper"
    );
}
