//! The index over a real SQLite store, on packs built by hand: stemming,
//! phrases, filters, grouping, keeping in step with imports, and exempt
//! business never indexed.

use moot_domain::{AgendaItem, Date, Lines, Member, MinuteItem, Minutes, Pack, Report};
use moot_search::{Refresh, SearchError, SearchIndex, SearchQuery, SearchResults};
use moot_store::{BodyId, ImportOutcome, SearchKind, SourceFile, Store};
use moot_store_sqlite::SqliteStore;
use tempfile::TempDir;

/// A store in a temporary directory with its index beside it.
struct Fixture {
    store: SqliteStore,
    index: SearchIndex,
    dir: TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = TempDir::new().unwrap();
        let db = dir.path().join("moot.db");
        let store = SqliteStore::open(&db).unwrap();
        let index = SearchIndex::open(&moot_search::index_path(&db)).unwrap();
        Fixture { store, index, dir }
    }

    /// Imports `pack` under `name` and updates the index as `moot import`
    /// does.
    fn import(&mut self, name: &str, pack: &Pack) -> Refresh {
        let before = self.store.revision().unwrap();
        let source = SourceFile {
            name,
            bytes: name.as_bytes(),
            text: name,
        };
        let document = match self.store.import_pack(&source, pack).unwrap() {
            ImportOutcome::Imported { document, .. } => document,
            ImportOutcome::AlreadyImported { .. } => panic!("{name} imported twice"),
        };
        self.index
            .add_document(&self.store, document, before)
            .unwrap()
    }

    fn search(&self, query: &SearchQuery) -> SearchResults {
        self.index.search(query).unwrap()
    }

    fn find(&self, text: &str) -> SearchResults {
        self.search(&SearchQuery::new(text))
    }

    /// Every title and text found for `text`, over every kind.
    fn found(&self, text: &str) -> Vec<String> {
        let results = self.find(text);
        results
            .groups
            .iter()
            .flat_map(|g| &g.hits)
            .flat_map(|h| [h.record.title.clone(), h.record.text.clone()])
            .collect()
    }
}

fn item(number: &str, title: &str, exempt: bool, decision: Option<&str>) -> AgendaItem {
    AgendaItem {
        number: Some(number.into()),
        title: title.into(),
        pages: None,
        exempt,
        decision: decision.map(Into::into),
        lines: Lines::one(1),
    }
}

fn minute(number: &str, title: &str, agenda_ref: &str, resolution: &str) -> MinuteItem {
    MinuteItem {
        number: Some(number.into()),
        title: title.into(),
        agenda_ref: Some(agenda_ref.into()),
        resolved: true,
        resolutions: vec![resolution.into()],
        exempt: false,
        lines: Lines::one(2),
    }
}

/// A pack for `body` on `day`, with `agenda`, and minutes of `previous`.
fn pack(
    body: &str,
    day: Date,
    agenda: Vec<AgendaItem>,
    previous: Option<(Date, Vec<MinuteItem>)>,
) -> Pack {
    let mut pack = Pack::default();
    pack.meeting.organisation = Some("Invented County Council".into());
    pack.meeting.body = Some(body.into());
    pack.meeting.date = Some(day);
    pack.meeting.venue = Some("Council Chamber, Sessions House".into());
    pack.membership = vec![Member {
        name: "Mrs Olive Quartermaine".into(),
        role: Some("Chairman".into()),
        party: Some("Independent".into()),
        position: None,
        voting: None,
        lines: Lines::one(3),
    }];
    pack.agenda = agenda;
    if let Some((date, items)) = previous {
        pack.minutes = vec![Minutes {
            body: Some(body.into()),
            date: Some(date),
            present: vec!["Mrs Olive Quartermaine".into()],
            items,
            lines: Lines::span(4, 9),
            ..Minutes::default()
        }];
    }
    pack
}

fn day(y: u16, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

const BOARD: &str = "Invented Wellbeing Board";
const PANEL: &str = "Invented Licensing Panel";

/// Two bodies, three meetings, one with minutes of the one before.
fn corpus() -> Fixture {
    let mut f = Fixture::new();
    let mut first = pack(
        BOARD,
        day(2013, 7, 17),
        vec![
            item("1", "Apologies and substitutes", false, None),
            item("2", "Reducing childhood obesity", false, Some("13/00041")),
        ],
        None,
    );
    let second = pack(
        BOARD,
        day(2013, 9, 18),
        vec![item("1", "Public health transformation", false, None)],
        Some((
            day(2013, 7, 17),
            vec![minute(
                "12",
                "Reducing childhood obesity",
                "2",
                "The Board noted the reports on obesity and agreed the strategy.",
            )],
        )),
    );
    first.decisions = vec![moot_domain::DecisionRef {
        number: "13/00041".into(),
        lines: Lines::one(2),
    }];
    let mut third = pack(
        PANEL,
        day(2014, 1, 8),
        vec![item("1", "Licensing of taxi drivers", false, None)],
        None,
    );
    third.reports = vec![Report {
        subject: "Taxi licensing fees".into(),
        from: Some("Head of Public Protection".into()),
        to: Some(PANEL.into()),
        classification: Some("Unrestricted".into()),
        decision: None,
        lines: Lines::one(8),
    }];
    for (name, p) in [("first", first), ("second", second), ("third", third)] {
        f.import(name, &p);
    }
    f
}

fn kinds(results: &SearchResults) -> Vec<SearchKind> {
    results.groups.iter().map(|g| g.kind).collect()
}

#[test]
fn another_form_of_a_word_finds_it() {
    let f = corpus();
    let found = f.found("strategies");
    assert!(
        found.iter().any(|t| t.contains("agreed the strategy")),
        "{found:?}"
    );
    assert!(!f.found("report").is_empty());
}

#[test]
fn a_quoted_phrase_needs_its_words_in_order() {
    let f = corpus();
    assert!(!f.found("\"agreed the strategy\"").is_empty());
    assert!(f.found("\"strategy agreed\"").is_empty());
    assert!(!f.found("strategy agreed").is_empty());
}

#[test]
fn more_of_the_words_rank_higher_and_minus_leaves_out() {
    let f = corpus();
    let results = f.find("obesity strategy");
    let best = &results.ranked[0].record;
    let text = format!("{} {}", best.title, best.text).to_lowercase();
    assert!(
        text.contains("obesity") && text.contains("strateg"),
        "{best:?}"
    );
    let with = f.find("obesity").total();
    let without = f.find("obesity -strategy").total();
    assert!(without < with, "{without} < {with}");
}

#[test]
fn hits_are_grouped_by_kind_with_counts() {
    let f = corpus();
    let results = f.find("obesity");
    let found = kinds(&results);
    for kind in [
        SearchKind::AgendaItem,
        SearchKind::Minute,
        SearchKind::Resolution,
        SearchKind::Decision,
    ] {
        assert!(found.contains(&kind), "{kind:?} in {found:?}");
    }
    for group in &results.groups {
        assert!(group.total >= group.hits.len());
        assert!(group.hits.iter().all(|h| h.record.kind == group.kind));
        let ids: std::collections::BTreeSet<i64> = group.hits.iter().map(|h| h.record.id).collect();
        assert_eq!(ids.len(), group.hits.len(), "each record once in its group");
    }
    let person = f.find("Quartermaine");
    assert_eq!(kinds(&person).first(), Some(&SearchKind::Person));
    assert_eq!(person.groups[0].total, 1, "one person across both bodies");
}

#[test]
fn filters_narrow_by_kind_body_and_date() {
    let f = corpus();
    let mut query = SearchQuery::new("licensing");
    assert!(f.search(&query).total() >= 2);
    query.kinds = vec![SearchKind::Report];
    assert_eq!(kinds(&f.search(&query)), vec![SearchKind::Report]);

    let mut query = SearchQuery::new("Council");
    let all = f.search(&query).total();
    let panel = f.find("licensing").groups[0].hits[0].record.bodies[0].0;
    query.body = Some(panel);
    let on_panel = f.search(&query);
    assert!(on_panel.total() < all);
    assert!(on_panel.groups.iter().flat_map(|g| &g.hits).all(|h| h
        .record
        .bodies
        .iter()
        .any(|b| b.0 == panel)));
    query.body = Some(BodyId(9999));
    assert_eq!(f.search(&query).total(), 0);

    let mut query = SearchQuery::new("Council");
    query.from = Some(day(2013, 9, 1));
    query.to = Some(day(2013, 12, 31));
    let autumn = f.search(&query);
    assert!(autumn.total() > 0);
    for hit in autumn.groups.iter().flat_map(|g| &g.hits) {
        assert_eq!(hit.record.date, Some(day(2013, 9, 18)), "{hit:?}");
    }
}

#[test]
fn snippets_mark_the_matching_words() {
    let f = corpus();
    let results = f.find("strategy");
    let hit = &results
        .groups
        .iter()
        .find(|g| g.kind == SearchKind::Resolution)
        .unwrap()
        .hits[0];
    let marked: Vec<&str> = hit
        .snippet
        .parts()
        .into_iter()
        .filter(|(_, m)| *m)
        .map(|(p, _)| p)
        .collect();
    assert_eq!(marked, vec!["strategy"]);
}

#[test]
fn queries_of_any_shape_are_answered() {
    let f = corpus();
    let long = "obesity ".repeat(500);
    for text in [
        "",
        "   ",
        "title:obesity",
        "(((",
        "\"",
        "-obesity",
        "*",
        "a AND OR NOT",
        "\\",
        &long,
        "obésité 肥満 🙂",
    ] {
        f.index.search(&SearchQuery::new(text)).unwrap();
    }
    assert!(f.find("-obesity").groups.is_empty());
    assert!(!f.find(&long).groups.is_empty());
}

const SECRET: &str = "Zanzibarite";

/// A meeting whose exempt item, and the minute, resolution, report and
/// decision that refer to it, carry [`SECRET`].
fn exempt_pack(previous_minutes: bool) -> Pack {
    let agenda = vec![
        item("1", "Apologies", false, None),
        item(
            "7",
            &format!("Sale of the {SECRET} depot"),
            true,
            Some("14/00777"),
        ),
    ];
    let minutes = previous_minutes.then(|| {
        (
            day(2014, 3, 5),
            vec![minute(
                "40",
                &format!("Sale of the {SECRET} depot"),
                "7",
                &format!("The {SECRET} offer be accepted."),
            )],
        )
    });
    let mut pack = pack(PANEL, day(2014, 3, 5), agenda, minutes);
    pack.reports = vec![Report {
        subject: format!("Sale of the {SECRET} depot"),
        from: Some("Director of Property".into()),
        to: None,
        classification: None,
        decision: Some("14/00777".into()),
        lines: Lines::one(9),
    }];
    pack.decisions = vec![moot_domain::DecisionRef {
        number: "14/00777".into(),
        lines: Lines::one(1),
    }];
    pack
}

#[test]
fn exempt_business_is_never_indexed() {
    let mut f = corpus();
    f.import("exempt", &exempt_pack(true));
    for rebuilt in [false, true] {
        if rebuilt {
            f.index.rebuild(&f.store).unwrap();
        }
        for text in [SECRET, "depot", "14/00777", "\"Director of Property\""] {
            assert!(f.found(text).is_empty(), "{text}: {:?}", f.found(text));
        }
    }
    // The public item of the same meeting is there.
    assert!(!f.found("Apologies").is_empty());
    for record in f.store.searchable(None).unwrap() {
        assert!(
            !record.title.contains(SECRET) && !record.text.contains(SECRET),
            "{record:?}"
        );
    }
}

#[test]
fn minutes_indexed_before_their_agenda_leave_when_it_shows_them_exempt() {
    let mut f = corpus();
    // The minutes arrive first, in the next meeting's pack...
    let next = pack(
        PANEL,
        day(2014, 4, 2),
        vec![item("1", "Apologies", false, None)],
        Some((
            day(2014, 3, 5),
            vec![minute(
                "40",
                &format!("Sale of the {SECRET} depot"),
                "7",
                "The offer be accepted.",
            )],
        )),
    );
    f.import("next", &next);
    assert!(!f.found(SECRET).is_empty());
    // ...then the agenda that lists item 7 as exempt.
    assert_eq!(f.import("exempt", &exempt_pack(false)), Refresh::Updated);
    assert!(f.found(SECRET).is_empty(), "{:?}", f.found(SECRET));
}

#[test]
fn an_import_updates_only_its_groups_and_a_stale_index_is_rebuilt() {
    let mut f = corpus();
    let revision = f.store.revision().unwrap();
    assert_eq!(f.index.revision().unwrap(), Some(revision));
    assert_eq!(f.index.refresh(&f.store).unwrap(), Refresh::Current);

    // A pack stored without updating the index leaves it stale...
    let late = pack(
        BOARD,
        day(2015, 1, 14),
        vec![item("1", "Winter pressures", false, None)],
        None,
    );
    let source = SourceFile {
        name: "late",
        bytes: b"late",
        text: "late",
    };
    f.store.import_pack(&source, &late).unwrap();
    assert!(f.found("winter").is_empty());
    // ...and the next import sees it and rebuilds.
    let later = pack(
        BOARD,
        day(2015, 3, 11),
        vec![item("1", "Spring review", false, None)],
        None,
    );
    assert_eq!(f.import("later", &later), Refresh::Rebuilt);
    assert!(!f.found("winter").is_empty());
    assert!(!f.found("spring").is_empty());
    assert_eq!(
        f.index.revision().unwrap(),
        Some(f.store.revision().unwrap())
    );
}

#[test]
fn merging_people_makes_the_index_stale() {
    let mut f = corpus();
    let mut other = pack(PANEL, day(2014, 6, 4), vec![], None);
    other.membership[0].name = "Ms O Quartermain".into();
    f.import("other", &other);
    let people = f.store.people().unwrap();
    let id = |name: &str| people.iter().find(|p| p.name == name).unwrap().id;
    let (keep, absorb) = (id("Mrs Olive Quartermaine"), id("Ms O Quartermain"));
    f.store.merge_people(keep, absorb).unwrap();
    assert_eq!(f.index.refresh(&f.store).unwrap(), Refresh::Rebuilt);
    assert_eq!(f.find("Quartermain").groups[0].total, 1);
}

#[test]
fn a_directory_of_other_files_is_not_taken_for_an_index() {
    let f = Fixture::new();
    let other = f.dir.path().join("photos");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("holiday.jpg"), b"not an index").unwrap();
    assert!(matches!(
        SearchIndex::open(&other),
        Err(SearchError::NotAnIndex(_))
    ));
    assert!(other.join("holiday.jpg").exists());
}

#[test]
fn an_index_reopened_keeps_its_records_and_revision() {
    let f = corpus();
    let path = moot_search::index_path(&f.dir.path().join("moot.db"));
    let revision = f.index.revision().unwrap();
    drop(f.index);
    let again = SearchIndex::open(&path).unwrap();
    assert_eq!(again.revision().unwrap(), revision);
    assert!(again.search(&SearchQuery::new("obesity")).unwrap().total() > 0);
}

#[test]
fn one_writer_commits_per_pack_and_a_run_ends_in_few_segments() {
    let mut f = Fixture::new();
    let packs = 3 * moot_search::MAX_SEGMENTS;
    for n in 0..packs {
        let date = day(2020, 1, 1 + n as u8);
        let agenda = vec![item("1", &format!("Harbour works phase {n}"), false, None)];
        let refresh = f.import(&format!("pack-{n}.txt"), &pack(BOARD, date, agenda, None));
        // A new index is built whole once; every later pack only adds.
        assert!(n == 0 || refresh == Refresh::Updated, "{refresh:?}");
        // Every pack is searchable as soon as it is committed.
        assert!(!f.found(&format!("\"phase {n}\"")).is_empty());
    }
    f.index.finish().unwrap();
    let segments = f.index.segments().unwrap();
    assert!(
        segments <= moot_search::MAX_SEGMENTS,
        "{segments} segments after {packs} packs"
    );
    assert!(f.find("harbour").total() >= packs);
    // The writer is released: another handle (another process) can write.
    let other = SearchIndex::open(&moot_search::index_path(&f.dir.path().join("moot.db"))).unwrap();
    assert!(other.rebuild(&f.store).unwrap() > 0);
}
