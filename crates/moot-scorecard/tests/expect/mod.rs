//! The one loop behind the data tests: every `test_data/<part>/*.<ext>`
//! is described, and the description compared with `<case>.expected`
//! beside it. `UPDATE_EXPECT=1` rewrites the expectations instead.

use std::path::{Path, PathBuf};

/// The cases of `test_data/<part>/` with extension `ext`, sorted.
pub fn cases(part: &str, ext: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test_data")
        .join(part);
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no cases in {}", dir.display());
    cases
}

/// Checks (or rewrites) each case's description against its expectation.
pub fn check_cases(part: &str, ext: &str, describe: impl Fn(&[u8]) -> String) {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    for case in cases(part, ext) {
        let actual = describe(&std::fs::read(&case).unwrap());
        let expected_path = case.with_extension("expected");
        if update {
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if actual != expected {
            failures.push(format!(
                "{}:\n--- expected\n{expected}--- actual\n{actual}",
                case.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
