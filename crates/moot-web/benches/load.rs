//! The site under concurrent load: requests per second and latency (p50,
//! p99, max) for a meeting page and for a search, with 16 and 64 clients.
//!
//! `cargo bench -p moot-web --bench load` (release build). The four
//! corpus packs are imported into a temporary database, the real server
//! (`moot_web::serve`, its own multi-threaded runtime) is started on
//! `127.0.0.1:0`, and each client is a task on one client thread that
//! keeps one HTTP/1.1 connection alive and sends one request after the
//! other. Only loopback is used. Each run stops after a number of
//! requests or a time, whichever comes first (`MOOT_BENCH_SECONDS`,
//! default 5, and `MOOT_BENCH_REQUESTS`, default 50 000). Client and
//! server share the machine's cores, so the figures are for both together.

#[path = "../tests/common/mod.rs"]
mod common;
mod load_client;

use load_client::{run, Run};
use std::time::Duration;

const PACKS: [&str; 4] = [
    "kent-cscah-2015-07-22.txt",
    "kent-hwb-2013-09-18.txt",
    "kent-scph-2013-01-11.txt",
    "worcs-hwb-2014-07-22.txt",
];

/// How many clients run at once, in turn.
const CLIENTS: [usize; 2] = [16, 64];

/// Requests sent before each measurement, to warm caches.
const WARM_UP: i64 = 200;

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The meeting with the most minutes' items (the heaviest page), and a
/// search for the first long word of its body's name.
fn targets(site: &common::Site) -> [(&'static str, String); 2] {
    let home = common::json(site, "/api/");
    let (meeting, body) = home["meetings"]
        .as_array()
        .expect("meetings")
        .iter()
        .map(|m| {
            let detail = common::json(site, &format!("/api/meetings/{}", m["id"]));
            let items: usize = detail["minutes"].as_array().map_or(0, |all| {
                all.iter()
                    .map(|x| x["items"].as_array().map_or(0, Vec::len))
                    .sum()
            });
            (
                items,
                m["id"].as_i64().unwrap_or(0),
                m["body"]["name"].as_str().unwrap_or("").to_owned(),
            )
        })
        .max()
        .map(|(_, id, body)| (id, body))
        .expect("a meeting");
    let word = body
        .split_whitespace()
        .find(|w| w.len() > 4 && w.chars().all(char::is_alphabetic))
        .unwrap_or("meeting")
        .to_lowercase();
    [
        ("meeting page", format!("/meetings/{meeting}")),
        ("search", format!("/search?q={word}")),
    ]
}

fn main() {
    let seconds = setting("MOOT_BENCH_SECONDS", 5);
    let requests = i64::try_from(setting("MOOT_BENCH_REQUESTS", 50_000)).unwrap_or(i64::MAX);
    let site = common::serve(&common::corpus_packs(&PACKS));
    let targets = targets(&site);
    let client_runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a client runtime");
    let limit = Duration::from_secs(seconds);
    let mut runs: Vec<Run> = Vec::new();
    for (name, target) in &targets {
        println!("{name}: GET {target}");
        let target = std::slice::from_ref(target);
        for clients in CLIENTS {
            client_runtime.block_on(run(site.addr, name, target, clients, WARM_UP, limit));
            runs.push(
                client_runtime.block_on(run(site.addr, name, target, clients, requests, limit)),
            );
        }
    }
    println!();
    println!(
        "{:<14} {:>7} {:>9} {:>9} {:>9} {:>9} {:>9} {:>7}",
        "target", "clients", "requests", "req/s", "p50 ms", "p99 ms", "max ms", "not 200"
    );
    for r in &runs {
        println!(
            "{:<14} {:>7} {:>9} {:>9.0} {:>9.2} {:>9.2} {:>9.2} {:>7}",
            r.name,
            r.clients,
            r.latencies.len(),
            r.per_second(),
            r.percentile(0.50),
            r.percentile(0.99),
            r.percentile(1.0),
            r.failures
        );
    }
}
