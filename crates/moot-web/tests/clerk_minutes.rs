//! The clerk's record of a meeting over real HTTP: attendance with a
//! substitute, a declaration, minutes numbered on from the body's
//! earlier minutes, a decision, an action carried to the next agenda
//! until closed, then publishing, confirming at the next meeting, the
//! lock, and a correction shown to the public as a new version (never
//! for exempt business). Forms with bad input come back beside the field
//! with 422 and store nothing.

mod common;

use common::clerk_http::{cli, day, plant, submit, submit_ok, Planted, IN_EXEMPT};
use common::signed_in::{add_accounts, get_as, sign_in, Browser};
use common::{assert_matches_schema, fetch, json, Site};
use moot_store::{ClerkStore, Role};
use moot_store_sqlite::SqliteStore;
use serde_json::{json, Value};

fn site() -> (Site, Planted, Browser) {
    let site = common::serve_dir(tempfile::TempDir::new().unwrap());
    let planted = plant(&site);
    add_accounts(&site);
    let clerk = sign_in(&site, Role::Clerk);
    (site, planted, clerk)
}

fn record(site: &Site, clerk: &Browser, meeting: i64) -> Value {
    let response = get_as(
        site,
        clerk,
        &format!("/api/clerk/meetings/{meeting}/minutes"),
    );
    assert_eq!(response.status, 200, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

fn store(site: &Site) -> SqliteStore {
    SqliteStore::open(&site.dir.path().join("moot.db")).unwrap()
}

/// How many actions the next meeting's agenda carries under matters arising.
fn matters_arising(site: &Site, meeting: moot_store::ClerkMeetingId) -> usize {
    store(site)
        .agenda(&cli(), meeting)
        .unwrap()
        .matters_arising
        .len()
}

fn search_finds(site: &Site, word: &str) -> bool {
    json(site, &format!("/api/search?q={word}"))["total"] != 0
}

#[test]
fn a_clerk_records_a_meeting_and_its_minutes_go_from_draft_to_a_public_correction() {
    let (site, p, clerk) = site();
    let m = p.meeting.0;
    let back = format!("/clerk/meetings/{m}/minutes");
    let page = get_as(&site, &clerk, &back);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Leave blank for the next number, 43"));
    assert!(page
        .body
        .contains("Cllr Grace Hopper (substitute for Cllr Alan Turing)"));

    let (chair, member, substitute) = (
        p.chair.0.to_string(),
        p.member.0.to_string(),
        p.substitute.0.to_string(),
    );
    let attendance = format!("/clerk/meetings/{m}/attendance");
    for fields in [
        vec![("person", chair.as_str()), ("presence", "present")],
        vec![("person", member.as_str()), ("presence", "apologies")],
        vec![
            ("person", substitute.as_str()),
            ("presence", "substitute"),
            ("substitute_for", member.as_str()),
        ],
    ] {
        submit_ok(&site, &clerk, &attendance, &fields, &back);
    }
    let public_item = p.public_item.0.to_string();
    let exempt_item = p.exempt_item.0.to_string();
    submit_ok(
        &site,
        &clerk,
        &format!("/clerk/meetings/{m}/declarations"),
        &[
            ("person", chair.as_str()),
            ("item", public_item.as_str()),
            ("kind", "other-registrable"),
            ("text", "Holds a taxi licence"),
            ("left_room", "yes"),
        ],
        &back,
    );
    let add = format!("/clerk/meetings/{m}/minutes");
    submit_ok(
        &site,
        &clerk,
        &add,
        &[
            ("item", public_item.as_str()),
            ("number", ""),
            ("title", "Taxi licensing policy"),
            ("text", "The committee considered the policy."),
            (
                "resolutions",
                "That the zanzibar policy be adopted.\nThat it be reviewed in a year.",
            ),
        ],
        &back,
    );
    submit_ok(
        &site,
        &clerk,
        &add,
        &[
            ("item", exempt_item.as_str()),
            ("title", "Licence review"),
            (
                "text",
                format!("The holder {IN_EXEMPT} was heard.").as_str(),
            ),
            ("resolutions", format!("Revoke {IN_EXEMPT}").as_str()),
        ],
        &back,
    );

    let r = record(&site, &clerk, m);
    assert_eq!(r["state"], "draft");
    let presence: Vec<_> = r["attendance"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["name"].clone(),
                a["presence"].clone(),
                a["substitute_for"].clone(),
            )
        })
        .collect();
    assert_eq!(
        presence,
        [
            (json!("Cllr Ada Lovelace"), json!("present"), Value::Null),
            (json!("Cllr Alan Turing"), json!("apologies"), Value::Null),
            (
                json!("Cllr Grace Hopper"),
                json!("substitute"),
                json!(p.member.0)
            ),
        ]
    );
    let declaration = &r["declarations"][0];
    assert_eq!(declaration["left_room"], true);
    assert_eq!(declaration["kind"], "other-registrable");
    assert_eq!(declaration["item"], p.public_item.0);
    let numbers: Vec<_> = r["minutes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["number"].clone())
        .collect();
    assert_eq!(
        numbers,
        [43, 44],
        "run on from the earlier meeting's 41 and 42"
    );
    assert_eq!(r["minutes"][0]["resolutions"].as_array().unwrap().len(), 2);
    let minute = r["minutes"][0]["id"].as_i64().unwrap();

    submit_ok(
        &site,
        &clerk,
        &format!("/clerk/minutes/{minute}/decision"),
        &[("date", "2026-11-25"), ("number", "")],
        &back,
    );
    let minute_id = minute.to_string();
    submit_ok(
        &site,
        &clerk,
        &format!("/clerk/meetings/{m}/actions"),
        &[
            ("minute", minute_id.as_str()),
            ("text", "Publish the adopted policy"),
            ("owner", "Licensing Manager"),
            ("due", "2027-01-10"),
        ],
        &back,
    );
    let r = record(&site, &clerk, m);
    assert_eq!(r["minutes"][0]["decision"], "26/00001");
    let action = &r["actions"][0];
    assert_eq!(
        (
            action["owner"].clone(),
            action["due"].clone(),
            action["minute"].clone()
        ),
        (
            "Licensing Manager".into(),
            "2027-01-10".into(),
            minute.into()
        )
    );
    assert_eq!(
        matters_arising(&site, p.next),
        1,
        "carried to the next agenda"
    );

    submit_ok(
        &site,
        &clerk,
        &format!("/clerk/meetings/{m}/minutes/publish"),
        &[],
        &back,
    );
    assert!(search_finds(&site, "zanzibar"));
    let next = p.next.0.to_string();
    submit_ok(
        &site,
        &clerk,
        &format!("/clerk/meetings/{m}/minutes/confirm"),
        &[("at", next.as_str())],
        &back,
    );
    let r = record(&site, &clerk, m);
    assert_eq!(r["state"], "confirmed");
    assert_eq!(r["confirmed_at"]["id"], p.next.0);

    let edit = submit(
        &site,
        &clerk,
        &format!("/clerk/minutes/{minute}"),
        &[
            ("title", "Taxi licensing"),
            ("text", "Changed quietly."),
            ("resolutions", ""),
        ],
    );
    assert_eq!(edit.status, 409);
    assert!(edit.body.contains("locked"), "{}", edit.body);
    assert!(edit.body.contains("correction makes a new version"));

    submit_ok(
        &site,
        &clerk,
        &format!("/clerk/minutes/{minute}/correct"),
        &[
            ("title", "Taxi licensing policy"),
            ("text", "The committee considered the policy and its fees."),
            (
                "resolutions",
                "That the quixotic policy be adopted.\nThat it be reviewed in a year.",
            ),
            ("reason", "The resolution was misrecorded"),
        ],
        &back,
    );
    let exempt_minute = r["minutes"][1]["id"].as_i64().unwrap();
    submit_ok(
        &site,
        &clerk,
        &format!("/clerk/minutes/{exempt_minute}/correct"),
        &[
            ("title", "Licence review"),
            ("text", "Heard again."),
            ("resolutions", ""),
            ("reason", format!("Named {IN_EXEMPT}").as_str()),
        ],
        &back,
    );
    assert_eq!(record(&site, &clerk, m)["minutes"][0]["version"], 2);
    assert!(search_finds(&site, "quixotic"));
    assert!(
        !search_finds(&site, "zanzibar"),
        "search keeps no replaced words"
    );

    let public = store(&site)
        .agenda(&cli(), p.meeting)
        .unwrap()
        .meeting
        .public
        .unwrap()
        .0;
    let detail = json(&site, &format!("/api/meetings/{public}"));
    let items = detail["minutes"][0]["items"].as_array().unwrap();
    let corrections = &items[0]["corrections"];
    assert_eq!(corrections.as_array().unwrap().len(), 1, "{detail}");
    assert_eq!(corrections[0]["reason"], "The resolution was misrecorded");
    assert_eq!(
        corrections[0]["before"]["resolutions"][0],
        "That the zanzibar policy be adopted."
    );
    let today = corrections[0]["corrected_on"].as_str().unwrap().to_owned();
    assert_eq!(today.len(), 10, "ISO in JSON: {today}");
    assert_eq!(items[1]["corrections"].as_array().unwrap().len(), 0);
    let page = fetch(&site, &format!("/meetings/{public}")).body;
    let on = moot_web_date(&today);
    assert!(
        page.contains(&format!(
            "Corrected on <time datetime=\"{today}\">{on}</time>"
        )),
        "{page}"
    );
    assert!(page.contains("<details>"));
    assert!(page.contains("That the zanzibar policy be adopted."));
    for public_view in [page, detail.to_string()] {
        assert!(!public_view.contains(IN_EXEMPT));
    }
    let doc = json(&site, "/api/openapi.json");
    let twin = format!("/api/clerk/meetings/{m}/minutes");
    assert_matches_schema(
        &doc,
        "/api/clerk/meetings/{id}/minutes",
        &twin,
        &record(&site, &clerk, m),
    );
    assert_matches_schema(&doc, "/api/meetings/{id}", "/api/meetings/{id}", &detail);

    let action = r["actions"][0]["id"].as_i64().unwrap();
    submit_ok(
        &site,
        &clerk,
        &format!("/clerk/actions/{action}/close"),
        &[("at", next.as_str())],
        &back,
    );
    assert_eq!(
        record(&site, &clerk, m)["actions"][0]["closed_at"],
        p.next.0
    );
    let mut s = store(&site);
    let later = s
        .create_meeting(
            &cli(),
            p.body,
            &moot_store::NewMeeting {
                date: day(2027, 3, 17),
                time: None,
                venue: "Committee Room 2".into(),
                contact: "A Clerk".into(),
            },
        )
        .unwrap();
    assert_eq!(
        matters_arising(&site, later),
        0,
        "closed, so no longer carried"
    );
    assert_eq!(
        matters_arising(&site, p.next),
        1,
        "still reported where it was closed"
    );
}

/// "3 December 2026" as pages print an ISO date.
fn moot_web_date(iso: &str) -> String {
    let mut parts = iso.split('-').map(|p| p.parse::<u16>().unwrap());
    let (y, m, d) = (
        parts.next().unwrap(),
        parts.next().unwrap(),
        parts.next().unwrap(),
    );
    moot_domain::Date::new(y, m as u8, d as u8)
        .unwrap()
        .in_words()
}

/// A form's 422: the error summary links to the control, the message is
/// beside it, the title says "Error:".
fn refused_beside(response: &common::Response, control: &str, message: &str) {
    assert_eq!(response.status, 422, "{control}: {}", response.body);
    assert!(response.body.contains("<title>Error: "), "{control}");
    assert!(
        response.body.contains(&format!("href=\"#{control}\"")),
        "{control} not in the summary: {}",
        response.body
    );
    assert!(
        response.body.contains(&format!("id=\"{control}-error\"")),
        "{control}"
    );
    assert!(response.body.contains(message), "{control}: {message}");
}

#[test]
fn bad_input_comes_back_beside_its_field_with_422_and_nothing_stored() {
    let (site, p, clerk) = site();
    let m = p.meeting.0;
    let attendance = format!("/clerk/meetings/{m}/attendance");
    let member = p.member.0.to_string();
    let r = submit(
        &site,
        &clerk,
        &attendance,
        &[("person", "999999"), ("presence", "present")],
    );
    refused_beside(&r, "attendance-person", "No such person");
    let r = submit(
        &site,
        &clerk,
        &attendance,
        &[("person", "Ada"), ("presence", "present")],
    );
    refused_beside(&r, "attendance-person", "Choose who is recorded");
    let r = submit(
        &site,
        &clerk,
        &attendance,
        &[("person", member.as_str()), ("presence", "substitute")],
    );
    refused_beside(
        &r,
        "attendance-substitute_for",
        "Choose the member this substitute replaces",
    );

    let add = format!("/clerk/meetings/{m}/minutes");
    let r = submit(
        &site,
        &clerk,
        &add,
        &[
            ("title", "  "),
            ("text", "Kept as typed QZXKEPT"),
            ("resolutions", ""),
        ],
    );
    refused_beside(&r, "minute-new-title", "Enter");
    assert!(
        r.body.contains("Kept as typed QZXKEPT"),
        "what was typed is shown again"
    );
    assert!(record(&site, &clerk, m)["minutes"]
        .as_array()
        .unwrap()
        .is_empty());
    assert!(record(&site, &clerk, m)["attendance"]
        .as_array()
        .unwrap()
        .is_empty());

    submit_ok(
        &site,
        &clerk,
        &add,
        &[("title", "Taxi licensing policy")],
        &format!("/clerk/meetings/{m}/minutes"),
    );
    let minute = record(&site, &clerk, m)["minutes"][0]["id"]
        .as_i64()
        .unwrap();
    let r = submit(
        &site,
        &clerk,
        &format!("/clerk/minutes/{minute}/decision"),
        &[("date", "2026-02-30")],
    );
    refused_beside(
        &r,
        &format!("minute-{minute}-decision-date"),
        "Enter a real date",
    );
    let r = submit(
        &site,
        &clerk,
        &format!("/clerk/meetings/{m}/actions"),
        &[
            ("text", "Report back"),
            ("owner", "Licensing Manager"),
            ("due", "next week"),
        ],
    );
    refused_beside(&r, "action-new-due", "Enter a real date");

    submit_ok(
        &site,
        &clerk,
        &format!("/clerk/meetings/{m}/minutes/publish"),
        &[],
        &format!("/clerk/meetings/{m}/minutes"),
    );
    let earlier = p.earlier.0.to_string();
    let r = submit(
        &site,
        &clerk,
        &format!("/clerk/meetings/{m}/minutes/confirm"),
        &[("at", earlier.as_str())],
    );
    refused_beside(&r, "confirm-at", "Choose a later meeting of the same body");
    let r = record(&site, &clerk, m);
    assert_eq!(r["state"], "published");
    assert_eq!(r["minutes"][0]["decision"], Value::Null);
    assert!(r["actions"].as_array().unwrap().is_empty());
    let again = submit(
        &site,
        &clerk,
        &format!("/clerk/meetings/{m}/minutes/publish"),
        &[],
    );
    assert_eq!(
        again.status, 409,
        "published minutes are not published again"
    );
}

#[test]
fn the_record_needs_a_clerk() {
    let (site, p, _) = site();
    let member = sign_in(&site, Role::Member);
    let target = format!("/clerk/meetings/{}/minutes", p.meeting.0);
    assert_eq!(get_as(&site, &member, &target).status, 403);
    assert_eq!(get_as(&site, &member, &format!("/api{target}")).status, 403);
    assert_eq!(fetch(&site, &format!("/api{target}")).status, 401);
}
