//! Moot at scale, side by side with SQLite FTS5 and a static file.
//!
//! `cargo bench -p moot-cli --bench scale` (release build). Generates
//! synthetic packs from the four corpus packs (`generate`: names, dates,
//! numbers and some words varied, deterministically from a seed), imports
//! them with the real `moot import` binary into a temporary database (its
//! search index upkept as ever), and at each size (default 1,000 then
//! 10,000, in one database that grows):
//!
//! - import CPU per pack (the `moot import` process's user and system
//!   time, not wall) for the first packs, the packs between and the last
//!   packs, so a cost that grows with the database shows;
//! - the search index's segments (after the import and once `moot serve`
//!   answers) and size, the database's size;
//! - 50 searches (the judged queries' texts and 30 common council words)
//!   sequentially (p50/p99) and with 16 clients (requests/s, p50/p99),
//!   against the real `moot serve` (a child process, `/api/search?q=`) and
//!   against SQLite FTS5 with bm25 over the same passages (`fts`:
//!   `moot_search::passages` of each document's public lines), served
//!   over HTTP by the benchmark's own small server: both pay HTTP and
//!   share the machine with the clients;
//! - the largest meeting page with 64 clients, next to the same bytes as
//!   a static file from that small server.
//!
//! Settings: `MOOT_BENCH_PACKS` (sizes, e.g. `1000,10000` or `20`),
//! `MOOT_BENCH_SEED` (default 1), `MOOT_BENCH_SECONDS` (each load run's
//! limit, default 5), `MOOT_BENCH_REQUESTS` (each load run's budget,
//! default 50 000), `MOOT_BENCH_DIR` (where to work; default a temporary
//! directory, removed at the end; a directory kept from an earlier run with
//! the same seed goes on from the packs it holds, so serving can be
//! measured again without importing again). Loopback only.

mod bench;
mod fts;
mod generate;
#[path = "../../../moot-web/benches/load_client/mod.rs"]
mod load_client;

use std::time::Duration;

fn setting(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn number(name: &str, default: u64) -> u64 {
    setting(name)
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

fn main() -> std::process::ExitCode {
    let sizes: Option<Vec<usize>> = setting("MOOT_BENCH_PACKS")
        .unwrap_or_else(|| "1000,10000".into())
        .split(',')
        .map(|s| s.trim().replace('_', "").parse().ok())
        .collect();
    let Some(mut sizes) = sizes else {
        eprintln!("MOOT_BENCH_PACKS must be sizes separated by commas, e.g. 1000,10000");
        return std::process::ExitCode::from(2);
    };
    sizes.sort_unstable();
    sizes.dedup();
    let temp = tempfile::TempDir::new().expect("a temporary directory");
    let dir = setting("MOOT_BENCH_DIR").map_or_else(|| temp.path().to_owned(), Into::into);
    let settings = bench::Settings {
        sizes,
        seed: number("MOOT_BENCH_SEED", 1),
        edge: 50,
        chunk: 500,
        limit: Duration::from_secs(number("MOOT_BENCH_SECONDS", 5)),
        requests: i64::try_from(number("MOOT_BENCH_REQUESTS", 50_000)).unwrap_or(i64::MAX),
        moot: env!("CARGO_BIN_EXE_moot").into(),
        dir,
        verbose: true,
    };
    match bench::run(&settings) {
        Ok(reports) => {
            println!();
            print!("{}", bench::table(&reports));
            std::process::ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("the benchmark failed: {error}");
            std::process::ExitCode::from(2)
        }
    }
}
