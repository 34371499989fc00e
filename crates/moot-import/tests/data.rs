//! Data-driven parser tests.
//!
//! Every `test_data/<part>/<case>.txt` is a small synthetic snippet testing
//! one rule; beside it, `<case>.json` holds the reviewed `moot-pack/1`
//! output. The corpus packs in `../shared/corpus` have their reviewed
//! snapshots in `test_data/corpus/<pack>.json`; the minutes of other
//! councils in `../shared/minutes` theirs in `test_data/minutes-docs/`.
//!
//! `UPDATE_EXPECT=1 cargo test -p moot-import --test data` rewrites the
//! expectations; review the diff before committing.

use std::path::{Path, PathBuf};

/// Directories of whole packs, scored elsewhere (`corpus_packs_match_their_snapshots`,
/// `tests/unseen_layouts.rs`), not snippet directories.
const WHOLE_PACK_DIRS: [&str; 4] = ["corpus", "packs", "packs-gold", "minutes-docs"];

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn render(source: &str, text: &str) -> String {
    let extraction = moot_import::extract_text(text);
    moot_format::pack_json_pretty(source, &extraction.pack, &extraction.diagnostics) + "\n"
}

/// Compares `actual` with the file at `expected`, or rewrites it under
/// `UPDATE_EXPECT=1`. Returns a message on mismatch.
fn check(expected: &Path, actual: &str) -> Option<String> {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(expected, actual).expect("write expectation");
        return None;
    }
    let want = std::fs::read_to_string(expected).unwrap_or_default();
    (want != actual).then(|| {
        let line = want
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| want.lines().count().min(actual.lines().count()));
        format!(
            "{}: differs from line {} (UPDATE_EXPECT=1 to rewrite)\n  want: {}\n  got:  {}",
            expected.display(),
            line + 1,
            want.lines().nth(line).unwrap_or("<end>"),
            actual.lines().nth(line).unwrap_or("<end>")
        )
    })
}

fn run_cases(inputs: Vec<(PathBuf, PathBuf)>) {
    assert!(!inputs.is_empty(), "no test cases found");
    let failures: Vec<String> = inputs
        .iter()
        .filter_map(|(input, expected)| {
            let bytes = std::fs::read(input).expect("read input");
            let text = moot_import::decode(&bytes).expect("test input decodes");
            let source = input.file_name().unwrap().to_string_lossy();
            check(expected, &render(&source, &text))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn files_with_extension(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| Some(e.ok()?.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == ext));
    files.sort();
    files
}

#[test]
fn rule_snippets_match_their_expectations() {
    let root = crate_dir().join("test_data");
    let mut cases = Vec::new();
    for dir in std::fs::read_dir(&root).expect("test_data exists") {
        let dir = dir.expect("readable").path();
        let is_snippet_dir = dir
            .file_name()
            .is_some_and(|n| !WHOLE_PACK_DIRS.contains(&n.to_string_lossy().as_ref()));
        if dir.is_dir() && is_snippet_dir {
            for input in files_with_extension(&dir, "txt") {
                let expected = input.with_extension("json");
                cases.push((input, expected));
            }
        }
    }
    run_cases(cases);
}

#[test]
fn corpus_packs_match_their_snapshots() {
    let snapshots = crate_dir().join("test_data/corpus");
    let cases = moot_testdata::text_files("corpus")
        .into_iter()
        .chain(moot_testdata::text_files("pages"))
        .map(|input| {
            let name = Path::new(input.file_name().unwrap()).with_extension("json");
            (input, snapshots.join(name))
        })
        .collect();
    run_cases(cases);
}

#[test]
fn minutes_documents_match_their_snapshots() {
    let minutes = crate_dir().join("../../../shared/minutes");
    let snapshots = crate_dir().join("test_data/minutes-docs");
    let cases = files_with_extension(&minutes, "txt")
        .into_iter()
        .map(|input| {
            let name = Path::new(input.file_name().unwrap()).with_extension("json");
            (input, snapshots.join(name))
        })
        .collect();
    run_cases(cases);
}
