//! `moot extract --check` on synthetic snippets.
//!
//! Every `test_data/check/<case>.txt` has its reviewed findings beside it
//! in `<case>.findings.json` (as `moot extract --check --json` prints
//! them); an empty list is the expectation for cases that must stay
//! silent. `UPDATE_EXPECT=1 cargo test -p moot-import --test findings`
//! rewrites them; review the diff before committing.

use std::path::{Path, PathBuf};

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/check");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("test_data/check exists")
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    inputs.sort();
    inputs
}

#[test]
fn check_snippets_give_their_expected_findings() {
    let inputs = cases();
    assert!(!inputs.is_empty(), "no check cases found");
    let mut failures = Vec::new();
    for input in inputs {
        let text = std::fs::read_to_string(&input).expect("read input");
        let source = input.file_name().unwrap_or_default().to_string_lossy();
        let findings = moot_import::extract_text(&text).findings;
        let actual = moot_format::findings_json(&source, &findings) + "\n";
        let expected = input.with_extension("findings.json");
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::write(&expected, &actual).expect("write expectation");
            continue;
        }
        let want = std::fs::read_to_string(&expected).unwrap_or_default();
        if want != actual {
            failures.push(format!(
                "{}: findings differ (UPDATE_EXPECT=1 to rewrite)\n--- want\n{want}--- got\n{actual}",
                expected.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
