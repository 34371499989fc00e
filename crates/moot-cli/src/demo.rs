//! The example packs behind `moot serve --demo`: five agenda packs of an
//! invented council (Ashworth Borough Council: a Health and Wellbeing Board
//! and a Corporate Parenting Panel, consecutive meetings), written the way
//! councils print them and embedded in the binary, so a newcomer sees a
//! populated site with one command from any directory. They go through the
//! same importer and store as real packs; nothing about them is special
//! cased. Beside them, a scorecard kept as CSV (invented indicators of both
//! bodies, twelve months each) goes through the same reader and load as
//! `moot indicators load`, so the demo has scorecard, trend and exception
//! pages.

use crate::read::extract_text;
use anyhow::{Context, Result};
use moot_scorecard::read_indicator_csv;
use moot_store::{Counts, ImportOutcome, SourceFile, Store};
use moot_store_sqlite::SqliteStore;

/// The packs, by file name, in the order a council would publish them.
const PACKS: [(&str, &str); 5] = [
    (
        "ashworth-hwb-2026-06-16.txt",
        include_str!("../demo/ashworth-hwb-2026-06-16.txt"),
    ),
    (
        "ashworth-cpp-2026-07-08.txt",
        include_str!("../demo/ashworth-cpp-2026-07-08.txt"),
    ),
    (
        "ashworth-hwb-2026-09-15.txt",
        include_str!("../demo/ashworth-hwb-2026-09-15.txt"),
    ),
    (
        "ashworth-cpp-2026-10-14.txt",
        include_str!("../demo/ashworth-cpp-2026-10-14.txt"),
    ),
    (
        "ashworth-hwb-2026-12-08.txt",
        include_str!("../demo/ashworth-hwb-2026-12-08.txt"),
    ),
];

/// The example scorecard CSV: its file name and bytes.
const SCORECARD: (&str, &str) = (
    "ashworth-scorecard.csv",
    include_str!("../demo/ashworth-scorecard.csv"),
);

/// Imports every example pack and the example scorecard into `store`;
/// returns what the packs added.
pub fn load(store: &mut SqliteStore) -> Result<Counts> {
    let mut added = Counts::default();
    for (name, text) in PACKS {
        let extraction = extract_text(text).with_context(|| format!("demo pack {name}"))?;
        let source = SourceFile {
            name,
            bytes: text.as_bytes(),
            text,
        };
        let outcome = store
            .import_pack(&source, &extraction.pack)
            .with_context(|| format!("cannot store demo pack {name}"))?;
        if let ImportOutcome::Imported { added: more, .. } = outcome {
            added = added.plus(more);
        }
    }
    load_scorecard(store)?;
    Ok(added)
}

fn load_scorecard(store: &mut SqliteStore) -> Result<()> {
    let (name, text) = SCORECARD;
    let rows = read_indicator_csv(text.as_bytes())
        .map_err(|problems| anyhow::anyhow!("demo scorecard {name}: {problems:?}"))?;
    let source = SourceFile {
        name,
        bytes: text.as_bytes(),
        text,
    };
    store
        .load_indicators(&source, &rows)
        .with_context(|| format!("cannot store demo scorecard {name}"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_pack_is_read_without_diagnostics() {
        for (name, text) in PACKS {
            let extraction = extract_text(text).unwrap();
            assert!(
                extraction.diagnostics.is_empty(),
                "{name}: {:?}",
                extraction.diagnostics
            );
        }
    }

    #[test]
    fn the_demo_holds_two_bodies_and_attaches_minutes_to_earlier_meetings() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let added = load(&mut store).unwrap();
        assert_eq!(added.bodies, 2);
        // Five packs' meetings plus the two earliest minuted ones.
        assert_eq!(added.meetings, 7);
        assert_eq!(added.minutes, 5);
        let minuted = store
            .meetings()
            .unwrap()
            .into_iter()
            .filter(|m| m.minutes == 1)
            .count();
        assert_eq!(minuted, 5);
    }

    #[test]
    fn the_demo_scorecard_reaches_both_bodies_with_reds_to_report() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        load(&mut store).unwrap();
        let csv_values = store
            .indicator_assessments(None)
            .unwrap()
            .into_iter()
            .filter(|a| a.value.origin.document().is_none())
            .count();
        assert_eq!(csv_values, 72);
        for body in store.bodies().unwrap() {
            let histories = store
                .indicator_histories(moot_store::IndicatorScope::Body(body.id))
                .unwrap();
            assert!(histories.len() >= 3, "{}", body.name);
            assert!(histories.iter().any(|h| h.latest_is_red()), "{}", body.name);
        }
    }

    #[test]
    fn the_demo_has_exempt_items_and_people_on_both_bodies() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        load(&mut store).unwrap();
        let mut exempt = Vec::new();
        for m in store.meetings().unwrap() {
            let detail = store.meeting(m.id).unwrap();
            exempt.extend(
                detail
                    .agenda
                    .into_iter()
                    .filter(|a| a.exempt)
                    .map(|a| a.title),
            );
        }
        assert_eq!(exempt.len(), 2, "{exempt:?}");
        let on_both = store
            .people()
            .unwrap()
            .into_iter()
            .filter(|p| {
                let mut bodies: Vec<&str> = p.aliases.iter().map(|a| a.body.as_str()).collect();
                bodies.sort_unstable();
                bodies.dedup();
                bodies.len() == 2
            })
            .count();
        assert!(on_both >= 2, "Sunita Rao and Peter Lang sit on both bodies");
    }
}
