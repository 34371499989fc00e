//! The HTTP load client the benchmarks share (`moot-web`'s `load`,
//! `moot-cli`'s `scale`): clients that each keep one HTTP/1.1 connection
//! alive and send one request after the other, cycling through a list of
//! targets, until a budget of requests is spent or a time passes.
//! Latencies are kept for the answers that were 200; the others are
//! counted. Only the response's head and `Content-Length` bytes are read.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// How long one request may take before it counts as failed and its
/// client stops.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// What one run measured.
pub struct Run {
    /// What was asked for.
    pub name: String,
    /// How many clients ran at once.
    pub clients: usize,
    /// The latencies of the answers that were 200, sorted.
    pub latencies: Vec<Duration>,
    /// How many answers were not 200.
    pub failures: usize,
    /// From the first request to the last answer.
    pub elapsed: Duration,
}

impl Run {
    /// Answers (200) per second.
    pub fn per_second(&self) -> f64 {
        self.latencies.len() as f64 / self.elapsed.as_secs_f64().max(f64::MIN_POSITIVE)
    }

    /// The latency below which `share` of the requests finished, in ms.
    pub fn percentile(&self, share: f64) -> f64 {
        let at = ((self.latencies.len() as f64 * share).ceil() as usize).saturating_sub(1);
        self.latencies
            .get(at)
            .map_or(f64::NAN, |d| d.as_secs_f64() * 1e3)
    }
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

/// What the clients of one run share: the targets, the next one to send,
/// the budget of requests left and the deadline.
struct Plan {
    requests: Vec<String>,
    next: AtomicUsize,
    budget: AtomicI64,
    deadline: Instant,
}

/// One client: a kept-alive connection sending the plan's targets in
/// turn until the budget is spent or the deadline passes. Returns the
/// latencies of the answers that were 200, and how many were not.
async fn client(addr: SocketAddr, plan: Arc<Plan>) -> std::io::Result<(Vec<Duration>, usize)> {
    let mut stream = TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let mut buffer = Vec::with_capacity(64 * 1024);
    let (mut latencies, mut failures) = (Vec::new(), 0);
    while Instant::now() < plan.deadline && plan.budget.fetch_sub(1, Ordering::Relaxed) > 0 {
        let at = plan.next.fetch_add(1, Ordering::Relaxed) % plan.requests.len();
        let start = Instant::now();
        stream.write_all(plan.requests[at].as_bytes()).await?;
        let Ok(status) =
            tokio::time::timeout(REQUEST_TIMEOUT, response(&mut stream, &mut buffer)).await
        else {
            // Counted, and the connection (its answer still owed) dropped.
            failures += 1;
            break;
        };
        if status? == 200 {
            latencies.push(start.elapsed());
        } else {
            failures += 1;
        }
    }
    Ok((latencies, failures))
}

/// `clients` clients sending `targets` in turn (`GET`, `Host:
/// localhost`) until `requests` are sent or `limit` passes.
pub async fn run(
    addr: SocketAddr,
    name: &str,
    targets: &[String],
    clients: usize,
    requests: i64,
    limit: Duration,
) -> Run {
    assert!(!targets.is_empty(), "a run needs at least one target");
    let start = Instant::now();
    let plan = Arc::new(Plan {
        requests: targets
            .iter()
            .map(|t| format!("GET {t} HTTP/1.1\r\nHost: localhost\r\n\r\n"))
            .collect(),
        next: AtomicUsize::new(0),
        budget: AtomicI64::new(requests),
        deadline: start + limit,
    });
    let tasks: Vec<_> = (0..clients)
        .map(|_| tokio::spawn(client(addr, Arc::clone(&plan))))
        .collect();
    let mut measured = Run {
        name: name.to_owned(),
        clients,
        latencies: Vec::new(),
        failures: 0,
        elapsed: Duration::ZERO,
    };
    for task in tasks {
        match task.await.expect("a client panicked") {
            Ok((latencies, failures)) => {
                measured.latencies.extend(latencies);
                measured.failures += failures;
            }
            // A connection refused or closed by the server: one failure.
            Err(_) => measured.failures += 1,
        }
    }
    measured.elapsed = start.elapsed();
    measured.latencies.sort();
    measured
}
