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

use std::net::SocketAddr;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

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

/// How long one request may take before the run is abandoned.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// What one run measured.
struct Run {
    name: &'static str,
    clients: usize,
    latencies: Vec<Duration>,
    failures: usize,
    elapsed: Duration,
}

impl Run {
    fn per_second(&self) -> f64 {
        self.latencies.len() as f64 / self.elapsed.as_secs_f64().max(f64::MIN_POSITIVE)
    }

    /// The latency below which `share` of the requests finished, in ms.
    fn percentile(&self, share: f64) -> f64 {
        let at = ((self.latencies.len() as f64 * share).ceil() as usize).saturating_sub(1);
        self.latencies
            .get(at)
            .map_or(f64::NAN, |d| d.as_secs_f64() * 1e3)
    }
}

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Reads one response off `stream` (headers, then `Content-Length`
/// bytes); returns its status.
async fn response(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> std::io::Result<u16> {
    buffer.clear();
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        read_more(stream, buffer).await?;
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).to_ascii_lowercase();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| std::io::Error::other("a response without Content-Length"))?;
    while buffer.len() < head_end + length {
        read_more(stream, buffer).await?;
    }
    Ok(status)
}

async fn read_more(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> std::io::Result<()> {
    let mut chunk = [0u8; 16 * 1024];
    match stream.read(&mut chunk).await? {
        0 => Err(std::io::ErrorKind::UnexpectedEof.into()),
        n => {
            buffer.extend_from_slice(&chunk[..n]);
            Ok(())
        }
    }
}

/// One client: a kept-alive connection sending `target` until the shared
/// budget of requests is spent or `deadline` passes. Returns the
/// latencies of the answers that were 200, and how many were not.
async fn client(
    addr: SocketAddr,
    target: Arc<str>,
    budget: Arc<AtomicI64>,
    deadline: Instant,
) -> std::io::Result<(Vec<Duration>, usize)> {
    let mut stream = TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let request = format!("GET {target} HTTP/1.1\r\nHost: localhost\r\n\r\n");
    let mut buffer = Vec::with_capacity(64 * 1024);
    let (mut latencies, mut failures) = (Vec::new(), 0);
    while Instant::now() < deadline && budget.fetch_sub(1, Ordering::Relaxed) > 0 {
        let start = Instant::now();
        stream.write_all(request.as_bytes()).await?;
        let status = tokio::time::timeout(REQUEST_TIMEOUT, response(&mut stream, &mut buffer))
            .await
            .map_err(|_| std::io::Error::other("a request timed out"))??;
        if status == 200 {
            latencies.push(start.elapsed());
        } else {
            failures += 1;
        }
    }
    Ok((latencies, failures))
}

/// `clients` clients against `target` until `requests` are sent or
/// `seconds` pass.
async fn run(
    addr: SocketAddr,
    name: &'static str,
    target: &str,
    clients: usize,
    requests: i64,
    seconds: u64,
) -> Run {
    let target: Arc<str> = target.into();
    let start = Instant::now();
    let deadline = start + Duration::from_secs(seconds);
    let budget = Arc::new(AtomicI64::new(requests));
    let tasks: Vec<_> = (0..clients)
        .map(|_| {
            tokio::spawn(client(
                addr,
                Arc::clone(&target),
                Arc::clone(&budget),
                deadline,
            ))
        })
        .collect();
    let mut measured = Run {
        name,
        clients,
        latencies: Vec::new(),
        failures: 0,
        elapsed: Duration::ZERO,
    };
    for task in tasks {
        let (latencies, failures) = task
            .await
            .expect("a client panicked")
            .expect("a client failed");
        measured.latencies.extend(latencies);
        measured.failures += failures;
    }
    measured.elapsed = start.elapsed();
    measured.latencies.sort();
    measured
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
    let mut runs = Vec::new();
    for (name, target) in &targets {
        println!("{name}: GET {target}");
        for clients in CLIENTS {
            client_runtime.block_on(run(site.addr, name, target, clients, WARM_UP, seconds));
            runs.push(
                client_runtime.block_on(run(site.addr, name, target, clients, requests, seconds)),
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
