//! Where Moot's tests find the shared material: the corpus packs, the
//! saved meeting pages, the gold records and the scorer, kept beside the
//! repository as `../shared` (or wherever `MOOT_SHARED` points).
//!
//! **A test that needs the shared material fails without it**, with a
//! message saying where it looked and how to point at it; it never passes
//! by finding nothing to check. Every test that reads `../shared` goes
//! through these functions, so there is one copy of the rule.
//!
//! ```no_run
//! let packs = moot_testdata::corpus_files();
//! assert!(!packs.is_empty()); // never empty: it panics first
//! ```

use std::path::{Path, PathBuf};

/// The environment variable naming the shared material's directory.
pub const ENV: &str = "MOOT_SHARED";

/// The shared material's directory: `MOOT_SHARED` if set, else `shared`
/// beside the repository. Panics, saying how to fix it, when it is not a
/// directory.
pub fn shared_dir() -> PathBuf {
    let dir = match std::env::var_os(ENV) {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    };
    assert!(
        dir.is_dir(),
        "this test needs Moot's shared material (corpus packs, meeting pages, scorer), \
         looked for at {}: put it beside the repository as ../shared, or set {ENV} to its path",
        dir.display()
    );
    dir
}

/// `path` inside the shared material, which must exist (panics saying
/// what is missing otherwise).
pub fn shared(path: &str) -> PathBuf {
    let full = shared_dir().join(path);
    assert!(
        full.exists(),
        "this test needs {path} from Moot's shared material, not found at {}",
        full.display()
    );
    full
}

/// The corpus directory, `corpus/` in the shared material.
pub fn corpus_dir() -> PathBuf {
    shared("corpus")
}

/// The corpus pack `name` (`kent-hwb-2013-09-18.txt`).
pub fn corpus(name: &str) -> PathBuf {
    shared(&format!("corpus/{name}"))
}

/// Every `.txt` file in `dir` inside the shared material, sorted; panics
/// when there is none.
pub fn text_files(dir: &str) -> Vec<PathBuf> {
    let dir = shared(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no .txt files in {}", dir.display());
    files
}

/// Every corpus pack, sorted by name; never empty.
pub fn corpus_files() -> Vec<PathBuf> {
    text_files("corpus")
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_missing_shared_directory_fails_with_how_to_fix_it() {
        let missing = std::panic::catch_unwind(|| super::shared("no-such-thing/here"));
        let message = missing.unwrap_err();
        let text = message
            .downcast_ref::<String>()
            .map(String::as_str)
            .unwrap_or_default();
        assert!(text.contains("shared material"), "{text}");
    }
}
