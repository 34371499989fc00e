//! The clerk's agenda side over real HTTP: forms refuse bad input beside
//! the field with nothing stored; a clerk builds a body, a member, a
//! meeting and items with papers, publishes, and the packs built then
//! point each item at its papers' pages while exempt papers stay out of
//! the public pack (and out of search); short notice needs the tick.

mod common;

use common::clerk::{
    days_from_today, download, id_in, json_as, pdf_text, submit, upload_paper, RawResponse,
};
use common::signed_in::{add_accounts, sign_in, Browser};
use common::{assert_matches_schema, json, serve_dir, Site};
use moot_store::Role;
use serde_json::Value;

/// Planted in the exempt item's paper: only the members' pack has it.
const EXEMPT_PAPER: &str = "QZXEXEMPTPAPER5521";
/// Planted in the exempt item's title: no public record has it.
const EXEMPT_TITLE: &str = "QZXDEPOT7730";

/// An empty site with one account of each role.
fn site() -> Site {
    let site = serve_dir(tempfile::TempDir::new().unwrap());
    add_accounts(&site);
    site
}

/// A 422 whose page names `field` in its error summary and beside the
/// field, with the "Error: " title.
fn assert_refused_beside(response: &RawResponse, field: &str, message: &str) {
    let page = response.text();
    assert_eq!(response.status, 422, "{page}");
    assert!(page.contains("<title>Error: "), "{page}");
    assert!(
        page.contains(&format!("href=\"#{field}\"")),
        "summary links {field}: {page}"
    );
    assert!(
        page.contains(&format!("id=\"{field}-error\"")),
        "message beside {field}: {page}"
    );
    assert!(page.contains(message), "{message:?} in {page}");
}

/// Adds a body and returns its id.
fn add_body(site: &Site, clerk: &Browser) -> i64 {
    let fields = [
        ("organisation", "Ashworth Borough Council"),
        ("name", "Licensing Committee"),
        ("numbering", "municipal-year"),
        ("starts_month", "5"),
    ];
    let response = submit(site, clerk, "/clerk/bodies", &fields);
    assert_eq!(response.status, 303, "{}", response.text());
    id_in(response.location())
}

/// Schedules a meeting of `body` on `date` and returns its clerk id.
fn add_meeting(site: &Site, clerk: &Browser, body: i64, date: &str) -> i64 {
    let fields = [
        ("date", date),
        ("time", "18:30"),
        ("venue", "Council Chamber, Town Hall"),
        ("contact", "J Clerk, 01632 960 000"),
    ];
    let response = submit(
        site,
        clerk,
        &format!("/clerk/bodies/{body}/meetings"),
        &fields,
    );
    assert_eq!(response.status, 303, "{}", response.text());
    assert!(response.location().starts_with("/clerk/meetings/"));
    id_in(response.location())
}

/// Adds an item to `meeting`'s agenda and returns its id.
fn add_item(
    site: &Site,
    clerk: &Browser,
    meeting: i64,
    section: &str,
    title: &str,
    exempt: &str,
) -> i64 {
    let fields = [
        ("section", section),
        ("title", title),
        ("description", ""),
        ("exempt_paragraph", exempt),
    ];
    let response = submit(
        site,
        clerk,
        &format!("/clerk/meetings/{meeting}/items"),
        &fields,
    );
    assert_eq!(response.status, 303, "{}", response.text());
    assert_eq!(response.location(), format!("/clerk/meetings/{meeting}"));
    let agenda = json_as(site, clerk, &format!("/api/clerk/meetings/{meeting}"));
    let items = agenda["items"].as_array().unwrap();
    items.last().unwrap()["id"].as_i64().unwrap()
}

fn clerk_meeting(site: &Site, clerk: &Browser, meeting: i64) -> Value {
    json_as(site, clerk, &format!("/api/clerk/meetings/{meeting}"))
}

#[test]
fn forms_refuse_bad_input_beside_the_field_and_store_nothing() {
    let site = site();
    let clerk = sign_in(&site, Role::Clerk);
    let blank = submit(
        &site,
        &clerk,
        "/clerk/bodies",
        &[
            ("organisation", "Ashworth Borough Council"),
            ("name", "  "),
            ("numbering", "running"),
            ("starts_month", ""),
        ],
    );
    assert_refused_beside(&blank, "name", "");
    assert!(
        blank.text().contains("value=\"Ashworth Borough Council\""),
        "values are kept"
    );
    assert_eq!(
        json_as(&site, &clerk, "/api/clerk")["bodies"],
        serde_json::json!([])
    );

    let body = add_body(&site, &clerk);
    let bad_start = submit(
        &site,
        &clerk,
        &format!("/clerk/bodies/{body}/members"),
        &[
            ("name", "Cllr Mrs A Baker"),
            ("role", "chair"),
            ("party", ""),
            ("seat", "voting"),
            ("starts", "21/05/2026"),
            ("ends", ""),
            ("substitutes", ""),
        ],
    );
    assert_refused_beside(&bad_start, "starts", "YYYY-MM-DD");
    let bad_date = submit(
        &site,
        &clerk,
        &format!("/clerk/bodies/{body}/meetings"),
        &[
            ("date", "2026-02-30"),
            ("time", "18:30"),
            ("venue", "Town Hall"),
            ("contact", "J Clerk"),
        ],
    );
    assert_refused_beside(&bad_date, "date", "real date");
    let stored = json_as(&site, &clerk, &format!("/api/clerk/bodies/{body}"));
    assert_eq!(stored["members"], serde_json::json!([]));
    assert_eq!(stored["meetings"], serde_json::json!([]));

    let meeting = add_meeting(&site, &clerk, body, &days_from_today(40).to_string());
    let paragraph_nine = submit(
        &site,
        &clerk,
        &format!("/clerk/meetings/{meeting}/items"),
        &[
            ("section", "Part 2"),
            ("title", "Depot sale"),
            ("description", ""),
            ("exempt_paragraph", "9"),
        ],
    );
    assert_refused_beside(&paragraph_nine, "exempt_paragraph", "from 1 to 7");
    assert_eq!(
        clerk_meeting(&site, &clerk, meeting)["items"],
        serde_json::json!([])
    );

    let item = add_item(
        &site,
        &clerk,
        meeting,
        "Part 1",
        "Taxi licensing policy",
        "",
    );
    let field = format!("paper-{item}-file");
    let binary = upload_paper(
        &site,
        &clerk,
        item,
        "Policy",
        "policy.txt",
        &[0x89, b'P', b'N', b'G', 0, 0xff, 0xfe],
    );
    assert_refused_beside(
        &binary,
        &field,
        "The file must be a PDF or a plain text file",
    );
    let empty = upload_paper(&site, &clerk, item, "Policy", "policy.txt", b"");
    assert_refused_beside(&empty, &field, "empty");
    let papers = &clerk_meeting(&site, &clerk, meeting)["items"][0]["papers"];
    assert_eq!(papers, &serde_json::json!([]), "nothing was attached");
}

/// "(Pages x - y)" printed on the agenda line holding `title`.
fn printed_range(agenda: &str, title: &str) -> Option<(u32, u32)> {
    let line = agenda.lines().find(|l| l.contains(title))?;
    let (first, rest) = line.split("(Pages ").nth(1)?.split_once(" - ")?;
    let last = rest.split(')').next()?;
    Some((first.trim().parse().ok()?, last.trim().parse().ok()?))
}

/// A text paper long enough to run over several pages, opening with
/// `start` and closing with `end`.
fn long_paper(start: &str, end: &str) -> String {
    let paragraph = "The committee is asked to note the spending so far this year against the budget it set, and the reasons for each variance reported by the service.";
    let middle: Vec<&str> = std::iter::repeat_n(paragraph, 60).collect();
    format!("{start}\n\n{}\n\n{end}\n", middle.join("\n\n"))
}

/// Checks the pack's agenda points `title` at the pages that open with
/// `start` and close with `end`, numbered in their footers.
fn assert_points_at_its_paper(pages: &[&str], title: &str, start: &str, end: &str) {
    let (first, last) = printed_range(pages[0], title)
        .or_else(|| pages.iter().find_map(|p| printed_range(p, title)))
        .unwrap_or_else(|| panic!("no page range for {title}"));
    assert!(first < last, "{title}: {first} - {last}");
    let page = |n: u32| pages[n as usize - 1];
    assert!(
        page(first).contains(start),
        "page {first} opens {title}'s paper:\n{}",
        page(first)
    );
    assert!(
        !page(first - 1).contains(start),
        "page {} is before it",
        first - 1
    );
    assert!(
        page(last).contains(end),
        "page {last} closes it:\n{}",
        page(last)
    );
    for n in [first, last] {
        assert!(page(n).contains(&format!("Page {n}")), "footer of page {n}");
    }
}

#[test]
fn a_published_agenda_has_packs_whose_page_ranges_point_at_their_papers_and_keep_exempt_papers_to_members(
) {
    let site = site();
    let clerk = sign_in(&site, Role::Clerk);
    let body = add_body(&site, &clerk);
    let member = submit(
        &site,
        &clerk,
        &format!("/clerk/bodies/{body}/members"),
        &[
            ("name", "Cllr Mrs A Baker"),
            ("role", "chair"),
            ("party", "Independent"),
            ("seat", "voting"),
            ("starts", &days_from_today(-30).to_string()),
            ("ends", ""),
            ("substitutes", "Cllr B Clark\nCllr C Dean"),
        ],
    );
    assert_eq!(member.status, 303, "{}", member.text());
    assert_eq!(member.location(), format!("/clerk/bodies/{body}"));
    let meeting = add_meeting(&site, &clerk, body, &days_from_today(40).to_string());

    let budget = add_item(&site, &clerk, meeting, "Part 1", "Budget monitoring", "");
    let exempt = add_item(
        &site,
        &clerk,
        meeting,
        "Part 2",
        &format!("Depot sale {EXEMPT_TITLE}"),
        "3",
    );
    let fees = add_item(&site, &clerk, meeting, "Part 1", "Licence fees", "");
    for (item, title, text) in [
        (
            budget,
            "Budget report",
            long_paper("BUDGETSTART", "BUDGETEND"),
        ),
        (
            exempt,
            "Valuation",
            format!("The depot is valued by {EXEMPT_PAPER}."),
        ),
        (fees, "Fees report", long_paper("FEESSTART", "FEESEND")),
    ] {
        let response = upload_paper(&site, &clerk, item, title, "paper.bin", text.as_bytes());
        assert_eq!(response.status, 303, "{}", response.text());
        assert_eq!(response.location(), format!("/clerk/meetings/{meeting}"));
    }
    let before = clerk_meeting(&site, &clerk, meeting);
    assert_eq!(before["items"][0]["papers"][0]["format"], "text/plain");
    assert_eq!(before["items"][1]["exempt_paragraph"], 3);

    // Forty days ahead is five clear working days whatever the holidays;
    // the tick covers a holiday list that has run out.
    let publish = format!("/clerk/meetings/{meeting}/publish");
    let published = submit(&site, &clerk, &publish, &[("confirm_short_notice", "yes")]);
    assert_eq!(published.status, 303, "{}", published.text());
    let after = clerk_meeting(&site, &clerk, meeting);
    assert_eq!(after["meeting"]["agenda"], "published");
    assert!(after["meeting"]["notice"]["kind"].is_string(), "{after}");
    let public = after["meeting"]["public"]["id"].as_i64().unwrap();
    assert_eq!(
        after["packs"]["public"],
        format!("/meetings/{public}/agenda-pack.pdf")
    );

    let pack = download(&site, None, &format!("/meetings/{public}/agenda-pack.pdf"));
    assert_eq!(pack.status, 200);
    assert!(
        pack.head.contains("content-type: application/pdf"),
        "{}",
        pack.head
    );
    let text = pdf_text(&pack.body, None);
    let pages: Vec<&str> = text.split('\u{c}').collect();
    assert_points_at_its_paper(&pages, "Budget monitoring", "BUDGETSTART", "BUDGETEND");
    assert_points_at_its_paper(&pages, "Licence fees", "FEESSTART", "FEESEND");
    assert!(text.contains("Exempt item"), "{text}");
    assert!(
        text.contains("paragraph 3 of Part 1 of Schedule 12A"),
        "{text}"
    );
    assert!(
        !text.contains(EXEMPT_PAPER) && !text.contains(EXEMPT_TITLE),
        "{text}"
    );
    let exempt_line = text.lines().find(|l| l.contains("Exempt item")).unwrap();
    assert!(!exempt_line.contains("(Pages"), "{exempt_line}");
    assert!(
        text.contains("Baker"),
        "the membership on the day is printed"
    );

    let members_pack = format!("/meetings/{public}/agenda-pack-members.pdf");
    let refused = download(&site, None, &members_pack);
    assert_eq!(refused.status, 303);
    assert!(refused.location().starts_with("/login"));
    let member = sign_in(&site, Role::Member);
    let members = download(&site, Some(&member), &members_pack);
    assert_eq!(members.status, 200);
    let members_text = pdf_text(&members.body, None);
    assert!(members_text.contains(EXEMPT_PAPER), "{members_text}");
    assert!(members_text.contains("NOT FOR PUBLICATION"));

    // The public meeting links the packs, the members' one to members only.
    let page = json(&site, &format!("/api/meetings/{public}"));
    assert_eq!(
        page["packs"]["public"],
        format!("/meetings/{public}/agenda-pack.pdf")
    );
    assert_eq!(page["packs"]["members"], Value::Null);
    let signed_in = json_as(&site, &member, &format!("/api/meetings/{public}"));
    assert_eq!(signed_in["packs"]["members"], members_pack);
    let html = download(&site, None, &format!("/meetings/{public}")).text();
    assert!(html.contains(&format!("href=\"/meetings/{public}/agenda-pack.pdf\"")));
    assert!(!html.contains("agenda-pack-members.pdf"));

    // Search finds the public item straight away, never the exempt one.
    let found = json(&site, "/api/search?q=budget");
    assert!(found["total"].as_u64().unwrap() > 0, "{found}");
    for planted in [EXEMPT_TITLE, EXEMPT_PAPER] {
        let hits = json(&site, &format!("/api/search?q={planted}"));
        assert_eq!(hits["total"], 0, "{planted}: {hits}");
    }

    // Every twin matches its documented schema.
    let doc = json(&site, "/api/openapi.json");
    let twins = [
        ("/api/clerk", "/api/clerk".to_owned()),
        (
            "/api/clerk/bodies/{id}",
            format!("/api/clerk/bodies/{body}"),
        ),
        (
            "/api/clerk/meetings/{id}",
            format!("/api/clerk/meetings/{meeting}"),
        ),
        ("/api/meetings/{id}", format!("/api/meetings/{public}")),
    ];
    for (template, target) in twins {
        assert_matches_schema(&doc, template, &target, &json_as(&site, &clerk, &target));
    }
    assert_matches_schema(
        &doc,
        "/api/clerk/meetings/{id}",
        "before publishing",
        &before,
    );

    // Published agendas are fixed.
    let again = submit(&site, &clerk, &publish, &[("confirm_short_notice", "yes")]);
    assert_eq!(again.status, 409);
}

#[test]
fn publishing_at_short_notice_without_the_tick_is_refused_with_the_warning() {
    let site = site();
    let clerk = sign_in(&site, Role::Clerk);
    let body = add_body(&site, &clerk);
    let meeting = add_meeting(&site, &clerk, body, &days_from_today(1).to_string());
    add_item(
        &site,
        &clerk,
        meeting,
        "Part 1",
        "Urgent licence review",
        "",
    );
    let publish = format!("/clerk/meetings/{meeting}/publish");
    let refused = submit(&site, &clerk, &publish, &[]);
    let page = refused.text();
    assert_refused_beside(&refused, "confirm_short_notice", "");
    assert!(
        page.contains("Only 0 clear working days would remain"),
        "{page}"
    );
    let draft = clerk_meeting(&site, &clerk, meeting);
    assert_eq!(draft["meeting"]["agenda"], "draft");
    assert_eq!(draft["meeting"]["public"], Value::Null);
    assert_eq!(draft["packs"], Value::Null);

    let ticked = submit(&site, &clerk, &publish, &[("confirm_short_notice", "yes")]);
    assert_eq!(ticked.status, 303, "{}", ticked.text());
    let published = clerk_meeting(&site, &clerk, meeting);
    assert_eq!(
        published["meeting"]["notice"]["kind"], "too-few",
        "{published}"
    );
    let html = download(&site, Some(&clerk), &format!("/clerk/meetings/{meeting}")).text();
    assert!(html.contains("Notice when published"), "{html}");
}

#[test]
fn a_meeting_past_the_bank_holiday_list_needs_the_tick_and_says_the_list_must_be_updated() {
    // The test sites' list covers 2026 and 2027.
    let site = site();
    let clerk = sign_in(&site, Role::Clerk);
    let body = add_body(&site, &clerk);
    let meeting = add_meeting(&site, &clerk, body, "2028-03-01");
    add_item(&site, &clerk, meeting, "Part 1", "Annual review", "");
    let publish = format!("/clerk/meetings/{meeting}/publish");
    let refused = submit(&site, &clerk, &publish, &[]);
    assert_refused_beside(&refused, "confirm_short_notice", "");
    assert!(
        refused.text().contains("bank holiday list ends in 2027"),
        "{}",
        refused.text()
    );
    let ticked = submit(&site, &clerk, &publish, &[("confirm_short_notice", "yes")]);
    assert_eq!(ticked.status, 303, "{}", ticked.text());
    let published = clerk_meeting(&site, &clerk, meeting);
    assert_eq!(
        published["meeting"]["notice"]["kind"], "holidays-unknown",
        "{published}"
    );
}
