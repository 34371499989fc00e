//! Generalisation: packs laid out in house styles that the shared corpus
//! does not have (a borough scrutiny committee, a unitary council's board
//! with tab tables and a scorecard, a county cabinet with party-grouped
//! membership and PART A/B agenda). Each invented pack in
//! `test_data/packs/` has a hand-made gold record in
//! `test_data/packs-gold/`, written before the parsers saw the pack, and is
//! scored with the shared scorer exactly as the unseen packs are.

use std::path::PathBuf;
use std::process::Command;

const FLOOR: f64 = 0.90;

#[test]
fn invented_house_styles_score_above_the_floor() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let scorer = moot_testdata::shared("tools/score-pack");
    let packs = root.join("test_data/packs");
    let gold = root.join("test_data/packs-gold");
    let out = std::env::temp_dir().join(format!("moot-unseen-{}", std::process::id()));
    std::fs::create_dir_all(&out).expect("temp dir");
    for entry in std::fs::read_dir(&packs).expect("packs dir") {
        let input = entry.expect("entry").path();
        if input.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let text = std::fs::read_to_string(&input).expect("pack text");
        let name = input.file_name().unwrap().to_string_lossy().into_owned();
        let extraction = moot_import::extract_text(&text);
        let json = moot_format::pack_json(&name, &extraction.pack, &extraction.diagnostics);
        std::fs::write(
            out.join(input.with_extension("json").file_name().unwrap()),
            json,
        )
        .expect("write prediction");
    }
    let report = Command::new("python3")
        .arg(&scorer)
        .arg(&gold)
        .arg(&out)
        .arg("--verbose")
        .output()
        .expect("python3 runs the shared scorer");
    let report = String::from_utf8_lossy(&report.stdout);
    println!("{report}");
    let overall: f64 = report
        .lines()
        .last()
        .and_then(|l| l.strip_prefix("overall F1 "))
        .and_then(|f| f.trim().parse().ok())
        .expect("scorer prints overall F1 last");
    std::fs::remove_dir_all(&out).ok();
    assert!(
        overall >= FLOOR,
        "overall F1 {overall} below {FLOOR}:\n{report}"
    );
}
