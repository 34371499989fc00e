//! The scale benchmark (`cargo bench -p moot-cli --bench scale`) in a
//! smoke run of a few packs, so it cannot rot: the same code, the real
//! `moot import` and `moot serve`, tiny sizes and short load runs.

#[path = "../benches/scale/bench.rs"]
mod bench;
#[path = "../benches/scale/fts.rs"]
mod fts;
#[path = "../benches/scale/generate.rs"]
mod generate;
#[path = "../../moot-web/benches/load_client/mod.rs"]
mod load_client;

use std::time::Duration;

#[test]
fn generated_packs_differ_from_each_other_and_repeat_for_a_seed() {
    let generator = generate::Generator::from_corpus(3);
    let packs: Vec<(String, String)> = (0..8).map(|i| generator.pack(i)).collect();
    for (i, (name, text)) in packs.iter().enumerate() {
        for (other_name, other_text) in &packs[i + 1..] {
            assert_ne!(name, other_name);
            assert_ne!(
                text, other_text,
                "{name} and {other_name} are the same bytes"
            );
        }
    }
    assert_eq!(
        generator.pack(5),
        packs[5],
        "the same seed gives the same pack"
    );
    assert_ne!(generate::Generator::from_corpus(4).pack(5).1, packs[5].1);
    // Pack i + 4 is the next variant of pack i: the same invented
    // council's meeting a week later.
    let days = |m: &moot_domain::Meeting| m.date.map(moot_domain::Date::days_since_epoch);
    for (i, path) in moot_testdata::corpus_files().iter().enumerate() {
        let first = moot_import::extract_text(&packs[i].1).pack.meeting;
        let next = moot_import::extract_text(&packs[i + 4].1).pack.meeting;
        assert_eq!(first.organisation, next.organisation, "{}", packs[i].0);
        assert!(first.date.is_some(), "{} has a date", packs[i].0);
        assert_eq!(
            days(&next),
            days(&first).map(|d| d + 7),
            "{}",
            packs[i + 4].0
        );
        let corpus = std::fs::read_to_string(path).unwrap();
        let original = moot_import::extract_text(&corpus).pack.meeting;
        assert_ne!(first.organisation, original.organisation, "{}", packs[i].0);
    }
}

#[test]
fn a_smoke_run_imports_every_pack_and_answers_every_request() {
    let dir = tempfile::TempDir::new().unwrap();
    let settings = bench::Settings {
        sizes: vec![4, 6],
        seed: 7,
        edge: 1,
        chunk: 2,
        limit: Duration::from_millis(200),
        requests: 100,
        moot: env!("CARGO_BIN_EXE_moot").into(),
        dir: dir.path().to_owned(),
        verbose: false,
    };
    let reports = bench::run(&settings).unwrap();
    let sizes: Vec<usize> = reports.iter().map(|r| r.size).collect();
    assert_eq!(sizes, [4, 6]);
    for r in &reports {
        let imported = r.first.iter().chain(&r.middle).chain(&r.last);
        assert!(imported.map(|b| b.packs).sum::<usize>() > 0);
        assert_eq!(bench::failures(r), 0, "every answer was 200 at {}", r.size);
        for run in [
            &r.sequential.0,
            &r.sequential.1,
            &r.concurrent.0,
            &r.concurrent.1,
        ] {
            assert!(!run.latencies.is_empty(), "{} answered", run.name);
        }
        assert!(r.segments.1 >= 1 && r.bytes.0 > 0 && r.bytes.1 > 0 && r.passages > 0);
        assert!(r.page_target.1 > 0, "the meeting page has bytes");
    }
    assert_eq!(reports[0].first.as_ref().map(|b| b.packs), Some(1));
    let table = bench::table(&reports);
    assert!(
        table.contains("FTS5") && table.lines().count() > 10,
        "{table}"
    );

    // A second run in the kept directory measures again without importing.
    let again = bench::run(&bench::Settings {
        sizes: vec![6],
        ..settings
    })
    .unwrap();
    assert!(again[0].first.is_none() && again[0].middle.is_empty() && again[0].last.is_none());
    assert_eq!(
        again[0].passages, reports[1].passages,
        "no passage copied twice"
    );
    assert_eq!(bench::failures(&again[0]), 0);
}
