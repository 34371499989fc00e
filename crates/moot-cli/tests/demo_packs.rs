//! The example packs `moot serve --demo` ships, read by `moot extract`
//! exactly as any pack is, compared with their reviewed output in
//! `tests/demo-snapshots/`. `UPDATE_EXPECT=1` rewrites the snapshots; the
//! diff is then reviewed like code.

use std::path::Path;
use std::process::Command;

#[test]
fn demo_packs_extract_as_reviewed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let snapshots = root.join("tests/demo-snapshots");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut packs: Vec<_> = std::fs::read_dir(root.join("demo"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    packs.sort();
    assert!(packs.len() >= 4, "{packs:?}");
    let mut differ = Vec::new();
    for pack in &packs {
        let output = Command::new(env!("CARGO_BIN_EXE_moot"))
            .arg("extract")
            .arg("--pretty")
            .arg(pack)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let snapshot = snapshots.join(pack.with_extension("json").file_name().unwrap());
        if update {
            std::fs::create_dir_all(&snapshots).unwrap();
            std::fs::write(&snapshot, &output.stdout).unwrap();
        } else if std::fs::read(&snapshot).ok().as_deref() != Some(&output.stdout[..]) {
            differ.push(snapshot.display().to_string());
        }
    }
    assert!(
        differ.is_empty(),
        "extract output differs from (or lacks) its snapshot; rerun with UPDATE_EXPECT=1 and review the diff: {differ:?}"
    );
}
