//! The record pages over real HTTP: attendance and substitutions read from
//! two sets of minutes, the decisions register, document pages with line
//! anchors, CSV downloads, and exempt text withheld everywhere.

mod common;

use common::{
    assert_status, corpus_site, fetch, get, json, meeting_id, planted_site, Site, SECRET,
};
use serde_json::Value;

const COMMITTEE: &str = "Children's Social Care and Health Cabinet Committee";

/// The JSON array at `value`.
fn list(value: &Value) -> &Vec<Value> {
    value.as_array().expect("a JSON array")
}

/// The attendance entry printed as `name` in the first minutes of a meeting.
fn attendee<'a>(meeting: &'a Value, name: &str) -> &'a Value {
    list(&meeting["minutes"][0]["attendance"])
        .iter()
        .find(|a| a["name"] == name)
        .unwrap_or_else(|| panic!("{name} not in the attendance"))
}

/// The person id of `name` at the committee's meeting of 21 April 2015.
fn committee_person(site: &Site, name: &str) -> i64 {
    let id = meeting_id(site, COMMITTEE, "2015-04-21");
    let meeting = json(site, &format!("/api/meetings/{id}"));
    attendee(&meeting, name)["person"].as_i64().unwrap()
}

#[test]
fn a_meeting_says_who_substituted_for_whom() {
    let site = corpus_site();
    let id = meeting_id(&site, COMMITTEE, "2015-04-21");
    let meeting = json(&site, &format!("/api/meetings/{id}"));
    let koowaree = attendee(&meeting, "Mr S J G Koowaree");
    assert_eq!(koowaree["kind"], "substitute");
    assert_eq!(koowaree["substitute_for"]["name"], "Mr M J Vye");
    let vye = attendee(&meeting, "Mr M J Vye");
    assert_eq!(vye["kind"], "apologies");
    assert_eq!(koowaree["substitute_for"]["person"], vye["person"]);
}

#[test]
fn a_persons_attendance_counts_across_two_sets_of_minutes() {
    let site = corpus_site();
    // Mr Vye: apologies (Mr Koowaree substituting) at the committee, present
    // at the Corporate Parenting Panel; both sets of minutes are in one pack.
    let vye = json(
        &site,
        &format!("/api/people/{}", committee_person(&site, "Mr M J Vye")),
    );
    assert_eq!(vye["rate"]["attended"], 1);
    assert_eq!(vye["rate"]["expected"], 2);
    assert_eq!(vye["rate"]["percent"], 50);
    let meetings = list(&vye["meetings"]);
    let at = |date: &str| {
        meetings
            .iter()
            .find(|m| m["meeting"]["date"] == date)
            .unwrap()
    };
    assert_eq!(at("2015-04-21")["outcome"], "apologies");
    assert_eq!(
        at("2015-04-21")["substituted_by"]["name"],
        "Mr S J G Koowaree"
    );
    assert_eq!(at("2015-04-09")["outcome"], "present");
    assert_eq!(
        at("2015-04-09")["meeting"]["body"]["name"],
        "Corporate Parenting Panel"
    );
    assert_eq!(
        vye["substitutions"]["replaced_by"][0]["counterpart"]["name"],
        "Mr S J G Koowaree"
    );

    // The substitute's attendance is his own.
    let koowaree = committee_person(&site, "Mr S J G Koowaree");
    let koowaree = json(&site, &format!("/api/people/{koowaree}"));
    assert_eq!(koowaree["rate"]["attended"], 1);
    assert_eq!(koowaree["meetings"][0]["outcome"], "substitute");
    assert_eq!(
        koowaree["substitutions"]["substituted_for"][0]["counterpart"]["name"],
        "Mr M J Vye"
    );

    let allen = json(
        &site,
        &format!("/api/people/{}", committee_person(&site, "Mrs A D Allen")),
    );
    assert_eq!(allen["rate"]["attended"], 2);
    assert_eq!(allen["rate"]["expected"], 2);
    let (_, page) = get(
        &site,
        &format!("/people/{}", committee_person(&site, "Mr M J Vye")),
    );
    assert!(page.contains("1 of 2 meetings (50%)"), "{page}");
}

#[test]
fn a_body_page_tabulates_attendance_and_lists_chairs_first() {
    let site = corpus_site();
    let bodies = json(&site, "/api/bodies");
    let body = list(&bodies["bodies"])
        .iter()
        .find(|b| b["name"] == COMMITTEE)
        .and_then(|b| b["id"].as_i64())
        .unwrap();
    let record = json(&site, &format!("/api/bodies/{body}"));
    let members = list(&record["members"]);
    assert_eq!(members[0]["role"], "Chairman");
    assert_eq!(members[1]["role"], "Vice-Chairman");
    let people = list(&record["attendance"]["people"]);
    let vye = people.iter().find(|p| p["name"] == "Mr M J Vye").unwrap();
    assert_eq!(vye["rate"]["attended"], 0);
    assert_eq!(vye["meetings"][0]["outcome"], "apologies");

    let (_, page) = get(&site, &format!("/bodies/{body}"));
    assert!(page.contains("<caption>Attendance at meetings of"));
    assert!(page.contains(" scope=\"row\">"), "rows have headers");
    assert!(page.contains("Substitute for Mr M J Vye"));
    assert!(page.contains("Apologies (substitute: Mr S J G Koowaree)"));
    assert!(page.contains(&format!("href=\"/bodies/{body}/attendance.csv\"")));
}

#[test]
fn the_decisions_register_links_a_packs_decision_numbers_to_their_lines() {
    let site = corpus_site();
    let register = json(&site, "/api/decisions");
    let decisions = list(&register["decisions"]);
    let decision = decisions
        .iter()
        .find(|d| d["number"] == "15/00068")
        .unwrap();
    assert_eq!(
        decision["report"],
        "Commissioning Transfer of the Health Visiting Service - October 2015"
    );
    assert_eq!(decision["meeting"]["date"], "2015-07-22");
    let dates: Vec<&str> = decisions
        .iter()
        .filter_map(|d| d["meeting"]["date"].as_str())
        .collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {dates:?}"
    );

    // The source line holds the number.
    let source = &decision["source"];
    let document = json(&site, source["api"].as_str().unwrap());
    let first = source["lines"]["first"].as_u64().unwrap();
    let line = list(&document["lines"])
        .iter()
        .find(|l| l["number"] == first)
        .unwrap();
    assert!(line["text"].as_str().unwrap().contains("15/00068"));

    // One body's register holds only its meetings.
    let body = decision["meeting"]["body"]["id"].as_i64().unwrap();
    let other = list(&json(&site, "/api/bodies")["bodies"])
        .iter()
        .find_map(|b| b["id"].as_i64().filter(|id| *id != body))
        .unwrap();
    let filtered = json(&site, &format!("/api/decisions?body={other}"));
    assert!(list(&filtered["decisions"])
        .iter()
        .all(|d| d["number"] != "15/00068"));
    let (status, page) = get(&site, &format!("/decisions?body={body}"));
    assert_eq!(status, 200);
    assert!(page.contains("15/00068"));
}

/// Every `/documents/N#LM` link in `page`, as (N, M).
fn source_links(page: &str) -> Vec<(i64, u64)> {
    page.match_indices("href=\"/documents/")
        .filter_map(|(at, text)| {
            let rest = &page[at + text.len()..];
            let (doc, rest) = rest.split_once("#L")?;
            let line = rest.split('"').next()?;
            Some((doc.parse().ok()?, line.parse().ok()?))
        })
        .collect()
}

#[test]
fn every_source_link_lands_on_a_line_anchor() {
    let site = corpus_site();
    let id = meeting_id(&site, COMMITTEE, "2015-04-21");
    let mut links = source_links(&get(&site, &format!("/meetings/{id}")).1);
    let pack = meeting_id(&site, COMMITTEE, "2015-07-22");
    links.extend(source_links(&get(&site, &format!("/meetings/{pack}")).1));
    links.extend(source_links(&get(&site, "/decisions").1));
    assert!(links.len() > 20, "{links:?}");
    let (document, _) = links[0];
    let (status, page) = get(&site, &format!("/documents/{document}"));
    assert_eq!(status, 200);
    for (doc, line) in links.iter().filter(|(doc, _)| *doc == document) {
        assert!(
            page.contains(&format!("id=\"L{line}\"")),
            "document {doc} line {line}"
        );
    }
    let api = json(&site, &format!("/api/documents/{document}"));
    let file = api["document"]["file_name"].as_str().unwrap();
    let text = std::fs::read_to_string(moot_testdata::corpus(file)).unwrap();
    let lines = text.lines().count();
    // Every line is there, shown or inside one withheld run.
    let covered: u64 = list(&api["lines"])
        .iter()
        .map(|l| match l["withheld"].as_object() {
            Some(run) => run["last"].as_u64().unwrap() - run["first"].as_u64().unwrap() + 1,
            None => 1,
        })
        .sum();
    assert_eq!(covered, lines as u64);
    assert!(page.contains(&format!("id=\"L{lines}\"")));
    assert!(page.contains("href=\"#L1\""));
    assert_eq!(api["document"]["sha256"].as_str().map(str::len), Some(64));
}

/// Parses a CSV download, checking it is one: its header and records.
fn csv_download(site: &Site, target: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    let response = fetch(site, target);
    assert_eq!(response.status, 200, "{target}");
    assert!(response
        .head
        .contains("content-type: text/csv; charset=utf-8"));
    assert!(response
        .head
        .contains("content-disposition: attachment; filename=\""));
    let mut reader = csv::Reader::from_reader(response.body.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader.records().collect::<Result<_, _>>().unwrap();
    (header, rows)
}

#[test]
fn csv_downloads_parse_with_their_header_and_one_row_per_record() {
    let site = corpus_site();
    let (header, rows) = csv_download(&site, "/decisions.csv");
    assert_eq!(
        header[..4],
        ["number", "organisation", "meeting_id", "meeting_date"]
    );
    let register = json(&site, "/api/decisions");
    assert_eq!(
        rows.len(),
        list(&register["decisions"]).len() + list(&register["resolutions"]).len()
    );
    let row = rows.iter().find(|r| &r[0] == "15/00068").unwrap();
    assert_eq!(&row[3], "2015-07-22");

    for body in list(&json(&site, "/api/bodies")["bodies"]) {
        let id = body["id"].as_i64().unwrap();
        let record = json(&site, &format!("/api/bodies/{id}"));
        let expected: usize = list(&record["attendance"]["people"])
            .iter()
            .map(|p| list(&p["meetings"]).len())
            .sum();
        let (header, rows) = csv_download(&site, &format!("/bodies/{id}/attendance.csv"));
        assert_eq!(
            header[..5],
            ["person_id", "name", "meeting_id", "meeting_date", "outcome"]
        );
        assert_eq!(rows.len(), expected, "body {id}");
    }
    let id = meeting_id(&site, COMMITTEE, "2015-04-21");
    let meeting = json(&site, &format!("/api/meetings/{id}"));
    let body = meeting["meeting"]["body"]["id"].as_i64().unwrap();
    let (_, rows) = csv_download(&site, &format!("/bodies/{body}/attendance.csv"));
    let koowaree = rows.iter().find(|r| &r[1] == "Mr S J G Koowaree").unwrap();
    assert_eq!((&koowaree[4], &koowaree[5]), ("substitute", "Mr M J Vye"));
}

#[test]
fn bad_ids_on_record_routes_are_404_or_400() {
    let site = corpus_site();
    assert_status(
        &site,
        404,
        &[
            "/documents/99999",
            "/api/documents/99999",
            "/bodies/99999/attendance.csv",
            "/decisions?body=99999",
            "/api/decisions?body=99999",
        ],
    );
    assert_status(
        &site,
        400,
        &[
            "/documents/abc",
            "/api/documents/-1",
            "/documents/0",
            "/bodies/x/attendance.csv",
            "/decisions?body=abc",
            "/api/decisions?body=0",
            "/decisions.csv?body=1.5",
        ],
    );
    let (_, body) = get(&site, "/api/documents/abc");
    assert!(serde_json::from_str::<Value>(&body).is_ok());
}

#[test]
fn exempt_text_appears_nowhere_on_record_pages_documents_or_downloads() {
    let site = planted_site();
    let mut targets: Vec<String> = [
        "/documents/1",
        "/api/documents/1",
        "/meetings/1",
        "/api/meetings/1",
        "/bodies/1",
        "/api/bodies/1",
        "/bodies/1/attendance.csv",
        "/decisions",
        "/api/decisions",
        "/decisions.csv",
    ]
    .map(str::to_owned)
    .to_vec();
    let body = json(&site, "/api/bodies/1");
    for m in list(&body["members"]) {
        let person = m["person"].as_i64().unwrap();
        targets.push(format!("/people/{person}"));
        targets.push(format!("/api/people/{person}"));
    }
    for target in &targets {
        let (status, text) = get(&site, target);
        assert_eq!(status, 200, "{target}");
        assert!(!text.contains(SECRET), "{target}: {text}");
    }

    let (_, page) = get(&site, "/documents/1");
    assert!(page.contains("Line 5 is withheld: exempt information"));
    assert!(page.contains("Lines 8–10 are withheld: exempt information"));
    assert!(page.contains("Lines 13–16 are withheld: exempt information"));
    for public in [
        "1. Apologies",
        "RESOLVED that the apologies be noted.",
        "The parks strategy is open to all.",
    ] {
        assert!(page.contains(public), "{public}");
    }
    let api = json(&site, "/api/documents/1");
    assert_eq!(api["lines"][4]["withheld"]["first"], 5);
    let meeting = json(&site, "/api/meetings/1");
    let subjects: Vec<&Value> = list(&meeting["reports"])
        .iter()
        .map(|r| &r["subject"])
        .collect();
    assert_eq!(subjects, ["Exempt item", "Public Parks Strategy"]);
    // 20/00001 is carried only by the exempt report: not public at all.
    let decisions = json(&site, "/api/decisions");
    assert_eq!(list(&decisions["decisions"]).len(), 0, "{decisions}");
}

#[test]
fn a_member_listed_for_a_minuted_meeting_but_not_in_its_minutes_is_absent() {
    let site = planted_site();
    let body = json(&site, "/api/bodies/1");
    let rate_of = |name: &str| {
        let people = list(&body["attendance"]["people"]);
        let person = people.iter().find(|p| p["name"] == name).unwrap();
        (
            person["meetings"][0]["outcome"].clone(),
            person["rate"]["attended"].clone(),
        )
    };
    assert_eq!(rate_of("Mr Dan Dale"), ("absent".into(), 0.into()));
    assert_eq!(rate_of("Mr Carl Cole"), ("apologies".into(), 0.into()));
    assert_eq!(rate_of("Mr Able Archer"), ("present".into(), 1.into()));
}

#[test]
fn no_decision_or_attendance_csv_cell_runs_as_a_formula() {
    let formula = "=HYPERLINK(\"http://evil.example\",\"x\")";
    let mut pack = common::planted_pack();
    pack.meeting.organisation = Some(formula.to_owned());
    pack.meeting.body = Some("+Board of Formulae".to_owned());
    pack.minutes[0].body = pack.meeting.body.clone();
    pack.reports[1].subject = "@SUM(1+1)*cmd|' /C calc'!A0".to_owned();
    pack.reports[1].decision = Some("20/00002".to_owned());
    pack.decisions.push(moot_domain::DecisionRef {
        number: "20/00002".into(),
        lines: moot_domain::Lines::one(17),
    });
    pack.minutes[0].present[1] = "-Mrs Beth Baker".to_owned();
    let site = common::serve(&[(
        "-planted.txt".to_owned(),
        common::PLANTED_TEXT.to_owned(),
        pack,
    )]);
    let decisions = common::assert_csv_runs_no_formula(&site, "/decisions.csv");
    assert!(decisions.contains("'=HYPERLINK("), "{decisions}");
    assert!(decisions.contains("'@SUM(1+1)"), "{decisions}");
    let body = list(&json(&site, "/api/bodies")["bodies"])[0]["id"]
        .as_i64()
        .unwrap();
    let attendance =
        common::assert_csv_runs_no_formula(&site, &format!("/bodies/{body}/attendance.csv"));
    assert!(attendance.contains("'-Mrs Beth Baker"), "{attendance}");
}
