//! The home page over real HTTP: a search box, this week's meetings by the
//! site's clock, the clerk's programme before agendas exist, the latest
//! minutes and decisions by council, its JSON twin; and the council's own
//! name (`--site-name`) in the header, every title and the footer.

mod common;

use common::{corpus_packs, get, import, json, serve_dir_at, serve_dir_with, PACKS};
use moot_clerk::MinuteNumbering;
use moot_domain::{Date, FixedClock, Time};
use moot_store::{Actor, ClerkStore, NewBody, NewMeeting};
use moot_store_sqlite::SqliteStore;
use tempfile::TempDir;

fn day(y: u16, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

/// The corpus packs imported into a new directory.
fn corpus_dir() -> TempDir {
    let dir = TempDir::new().unwrap();
    import(dir.path(), &corpus_packs(&PACKS));
    dir
}

#[test]
fn this_week_lists_the_meetings_of_the_week_holding_today_by_the_sites_clock() {
    // Thursday 19 September 2013: the Kent Health and Wellbeing Board met
    // on the Wednesday of that week.
    let site = serve_dir_at(corpus_dir(), FixedClock::at_utc(day(2013, 9, 19), 9, 0));
    let home = json(&site, "/api/");
    assert_eq!(home["week"]["from"], "2013-09-16");
    assert_eq!(home["week"]["to"], "2013-09-22");
    let dates: Vec<&str> = home["this_week"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["date"].as_str())
        .collect();
    assert_eq!(dates, ["2013-09-18"], "{home}");
    assert!(
        home["upcoming"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["date"].as_str() >= Some("2013-09-19")),
        "{home}"
    );

    let (status, page) = get(&site, "/");
    assert_eq!(status, 200);
    let this_week = page
        .split("<h2>This week</h2>")
        .nth(1)
        .and_then(|rest| rest.split("<h2>").next())
        .expect("a This week section");
    assert!(
        this_week.contains("Wednesday 18 September 2013"),
        "{this_week}"
    );
    assert!(this_week.contains("Monday 16 September to Sunday 22 September 2013"));
    assert!(page.contains("<h2>Latest minutes</h2>"));
    assert!(page.contains("<h2>Latest decisions</h2>"));

    // A week later the meeting is no longer this week's.
    let later = serve_dir_at(corpus_dir(), FixedClock::at_utc(day(2013, 9, 26), 9, 0));
    let home = json(&later, "/api/");
    assert!(
        home["this_week"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["date"] != "2013-09-18"),
        "{home}"
    );
}

#[test]
fn the_home_page_has_a_search_box_and_latest_minutes_and_decisions() {
    let site = serve_dir_at(corpus_dir(), FixedClock::at_utc(day(2026, 11, 2), 10, 0));
    let (_, page) = get(&site, "/");
    assert!(page.contains("action=\"/search\""), "{page}");
    assert!(page.contains("name=\"q\""));
    let home = json(&site, "/api/");
    let minutes = home["minutes"].as_array().unwrap();
    assert!(!minutes.is_empty(), "the corpus packs hold minutes");
    assert!(minutes.iter().all(|m| m["status"] == "minuted"));
    let decisions = home["decisions"].as_array().unwrap();
    assert!(
        !decisions.is_empty(),
        "the corpus packs carry decision numbers"
    );
    let register = json(&site, "/api/decisions");
    let public: Vec<&str> = register["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["number"].as_str())
        .collect();
    for d in decisions {
        assert!(public.contains(&d["number"].as_str().unwrap()), "{d}");
        assert!(page.contains(&format!("Decision {}", d["number"].as_str().unwrap())));
    }
}

#[test]
fn the_clerks_programme_shows_before_its_agenda_is_published_and_councils_are_grouped() {
    let dir = corpus_dir();
    {
        let mut s = SqliteStore::open(&dir.path().join("moot.db")).unwrap();
        let clerk = Actor::CommandLine {
            user: "clerk".into(),
        };
        let body = s
            .create_body(
                &clerk,
                &NewBody {
                    organisation: "Invented Borough Council".into(),
                    name: "Licensing Committee".into(),
                    numbering: MinuteNumbering::Running,
                },
            )
            .unwrap();
        for (date, venue) in [(day(2026, 11, 4), "Room 1"), (day(2026, 12, 9), "Room 2")] {
            s.create_meeting(
                &clerk,
                body,
                &NewMeeting {
                    date,
                    time: Time::new(18, 30),
                    venue: venue.into(),
                    contact: "A Clerk".into(),
                },
            )
            .unwrap();
        }
    }
    let site = serve_dir_at(dir, FixedClock::at_utc(day(2026, 11, 2), 10, 0));
    let home = json(&site, "/api/");
    let programme = home["programme"].as_array().unwrap();
    assert_eq!(programme.len(), 2, "{home}");
    assert_eq!(programme[0]["council"], "Invented Borough Council");
    assert_eq!(programme[0]["time"], "18:30");
    let (_, page) = get(&site, "/");
    let section = |title: &str| {
        page.split(&format!("<h2>{title}</h2>"))
            .nth(1)
            .and_then(|rest| rest.split("<h2>").next())
            .unwrap_or_else(|| panic!("no {title} section"))
            .to_owned()
    };
    let this_week = section("This week");
    assert!(
        this_week.contains("Licensing Committee</a>, Wednesday 4 November 2026, 6:30pm, Room 1"),
        "{this_week}"
    );
    assert!(this_week.contains("Agenda not published yet"));
    assert!(
        this_week.contains("<h3>Invented Borough Council</h3>"),
        "several councils: grouped"
    );
    let upcoming = section("Upcoming meetings");
    assert!(
        upcoming.contains("Wednesday 9 December 2026, 6:30pm, Room 2"),
        "{upcoming}"
    );
}

#[test]
fn the_site_name_is_in_the_header_every_title_and_the_footer() {
    let site = serve_dir_with(corpus_dir(), |state| {
        state.set_site_name("  Ashworth   Borough Council ");
    });
    for path in [
        "/",
        "/bodies",
        "/decisions",
        "/scorecard/exceptions",
        "/meetings/999999",
    ] {
        let (_, page) = get(&site, path);
        let title = page
            .split("<title>")
            .nth(1)
            .and_then(|t| t.split("</title>").next())
            .unwrap();
        assert!(
            title.ends_with("– Ashworth Borough Council"),
            "{path}: {title}"
        );
        assert!(
            page.contains("class=\"site-name\" href=\"/\">Ashworth Borough Council</a>"),
            "{path}"
        );
        let footer = page.split("<footer>").nth(1).unwrap();
        assert!(
            footer.contains("Ashworth Borough Council's committee records"),
            "{path}"
        );
        assert!(
            !footer.contains("read from published agenda packs"),
            "{path}"
        );
    }
    assert_eq!(json(&site, "/api/")["site"], "Ashworth Borough Council");

    let plain = serve_dir_with(corpus_dir(), |_| {});
    let (_, page) = get(&plain, "/bodies");
    assert!(page.contains("– Moot</title>"));
}
