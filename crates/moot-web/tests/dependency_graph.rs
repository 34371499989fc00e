//! The storage boundary, read from the dependency graph: the site and
//! every rule crate reach a database only through `moot-store`'s traits,
//! so a second backend adds a crate without touching them.
//!
//! The graph is Cargo's own (`cargo metadata --no-deps`): every workspace
//! crate with its declared dependencies and their kinds. **Only
//! `moot-cli` (the glue that builds a backend and hands it over) and the
//! backends themselves may depend on a backend** as a normal or build
//! dependency, directly or through another workspace crate. A backend is
//! any `moot-store-*` crate or a database driver. Dev-dependencies are
//! free: tests build real SQLite databases.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

/// The crates that may depend on a backend.
const GLUE: [&str; 1] = ["moot-cli"];

/// Database drivers, by crate name.
const DRIVERS: [&str; 7] = [
    "rusqlite",
    "libsqlite3-sys",
    "sqlx",
    "postgres",
    "tokio-postgres",
    "deadpool-postgres",
    "diesel",
];

/// Whether `name` is a backend crate or a database driver.
fn is_backend(name: &str) -> bool {
    name.starts_with("moot-store-") || DRIVERS.contains(&name)
}

/// Every path "crate → … → backend" along normal and build dependencies
/// from a workspace crate that may not have one, as readable lines.
fn forbidden_paths(metadata: &Value) -> Vec<String> {
    let packages = metadata["packages"].as_array().cloned().unwrap_or_default();
    let mut graph: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for package in &packages {
        let name = package["name"].as_str().unwrap_or_default().to_owned();
        let deps = package["dependencies"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|d| d["kind"].is_null() || d["kind"] == "build")
            .filter_map(|d| d["name"].as_str().map(str::to_owned))
            .collect();
        graph.insert(name, deps);
    }
    let mut found = Vec::new();
    for start in graph.keys() {
        if GLUE.contains(&start.as_str()) || is_backend(start) {
            continue;
        }
        let mut seen = BTreeSet::new();
        let mut stack = vec![vec![start.clone()]];
        while let Some(path) = stack.pop() {
            let last = path.last().cloned().unwrap_or_default();
            for dep in graph.get(&last).into_iter().flatten() {
                let mut longer = path.clone();
                longer.push(dep.clone());
                if is_backend(dep) {
                    found.push(longer.join(" → "));
                } else if graph.contains_key(dep) && seen.insert(dep.clone()) {
                    stack.push(longer);
                }
            }
        }
    }
    found
}

/// The workspace's graph as Cargo reads it.
fn workspace_metadata() -> Value {
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.toml");
    let output = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .args(["--manifest-path", manifest])
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON")
}

#[test]
fn no_crate_but_the_cli_depends_on_a_storage_backend() {
    let metadata = workspace_metadata();
    let names: Vec<&str> = metadata["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    for expected in ["moot-web", "moot-store", "moot-store-sqlite", "moot-cli"] {
        assert!(names.contains(&expected), "{expected} is not in {names:?}");
    }
    let found = forbidden_paths(&metadata);
    assert!(
        found.is_empty(),
        "these crates reach a storage backend; they must use moot-store's traits \
         (a backend may be a dev-dependency):\n{}",
        found.join("\n")
    );
}

/// A graph of three crates in Cargo's form.
fn planted(web_deps: Value) -> Value {
    serde_json::json!({ "packages": [
        { "name": "moot-web", "dependencies": web_deps },
        { "name": "moot-search", "dependencies": [
            { "name": "moot-store", "kind": null },
            { "name": "moot-store-sqlite", "kind": "dev" },
        ] },
        { "name": "moot-cli", "dependencies": [
            { "name": "moot-store-sqlite", "kind": null },
        ] },
        { "name": "moot-store-sqlite", "dependencies": [
            { "name": "rusqlite", "kind": null },
        ] },
    ] })
}

#[test]
fn a_backend_reached_directly_or_through_another_crate_is_named_with_its_path() {
    let clean = planted(serde_json::json!([
        { "name": "moot-search", "kind": null },
        { "name": "moot-store-sqlite", "kind": "dev" },
    ]));
    assert_eq!(forbidden_paths(&clean), Vec::<String>::new());

    let direct = planted(serde_json::json!([
        { "name": "moot-store-postgres", "kind": null },
    ]));
    assert_eq!(forbidden_paths(&direct), ["moot-web → moot-store-postgres"]);

    let through = planted(serde_json::json!([
        { "name": "moot-cli", "kind": null },
    ]));
    assert_eq!(
        forbidden_paths(&through),
        ["moot-web → moot-cli → moot-store-sqlite"]
    );

    let driver = planted(serde_json::json!([{ "name": "sqlx", "kind": "build" }]));
    assert_eq!(forbidden_paths(&driver), ["moot-web → sqlx"]);
}
