//! A bare `moot serve` on the internet: what hostile crowds cost it.
//!
//! `cargo bench -p moot-web --bench exposure` (release build). The bench
//! runs the real server in a child process of its own (this binary, run
//! again as the server), over an empty database on `127.0.0.1:0`, so the
//! server's memory can be read from `/proc/<pid>/status` apart from the
//! clients'. Then:
//!
//! 1. 150 anonymous clients at once each start a 20 MB multipart upload
//!    to the paper upload route (half declaring their length, half
//!    chunked) and send until the server answers or closes; the server's
//!    peak and current memory (VmHWM, VmRSS) are printed, with how the
//!    uploads were answered.
//! 2. Four more children (this binary again) open 20,000 connections
//!    between them and hold them half-open (half send nothing, half an
//!    unfinished request head); with them open, a normal request
//!    (`GET /`) on a new connection is timed, five times, and the
//!    server's memory printed again.
//!
//! Loopback only; every loop is bounded and every child is killed at the
//! end, so it stops by itself. `MOOT_BENCH_HALF_OPEN` changes the 20,000.

#[path = "../tests/common/mod.rs"]
mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The role a run of this binary plays, from this variable.
const ROLE: &str = "MOOT_BENCH_ROLE";
/// Anonymous uploads sent at once.
const UPLOADS: usize = 150;
/// The size each upload claims (and sends, until stopped).
const UPLOAD_BYTES: usize = 20 * 1024 * 1024;
/// Children holding the half-open connections.
const HOLDERS: usize = 4;
/// Descriptors the server keeps free of connections, as `moot serve`
/// does.
const RESERVED_FILES: usize = 256;

fn main() {
    match std::env::var(ROLE).as_deref() {
        Ok("server") => server(),
        Ok("holder") => holder(),
        _ => bench(),
    }
}

/// Kills a child when dropped, so no run leaves one behind.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// This binary again, as `role`, its stdout piped back.
fn spawn(role: &str, env: &[(&str, String)]) -> (Killed, BufReader<std::process::ChildStdout>) {
    let mut command = Command::new(std::env::current_exe().expect("this binary's path"));
    command
        .env(ROLE, role)
        .stdin(Stdio::null())
        .stdout(Stdio::piped());
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command.spawn().expect("a child process");
    let out = BufReader::new(child.stdout.take().expect("its stdout"));
    (Killed(child), out)
}

fn next_line(out: &mut BufReader<std::process::ChildStdout>) -> String {
    let mut line = String::new();
    out.read_line(&mut line).expect("a line from a child");
    line.trim().to_owned()
}

/// The open-file soft limit of this process, from `/proc/self/limits`.
fn open_file_limit() -> usize {
    std::fs::read_to_string("/proc/self/limits")
        .ok()
        .and_then(|limits| {
            limits
                .lines()
                .find(|l| l.starts_with("Max open files"))
                .and_then(|l| l.split_whitespace().nth(3))
                .and_then(|soft| soft.parse().ok())
        })
        .unwrap_or(1024)
}

/// The server: an empty database, the default limits with the cap set
/// from the open-file limit as `moot serve` sets it; prints its address.
fn server() {
    let dir = tempfile::TempDir::new().expect("a temporary directory");
    let db = dir.path().join("moot.db");
    let index = moot_search::index_path(&db);
    let backend = std::sync::Arc::new(moot_store_sqlite::SqliteBackend::new(db));
    let state = moot_web::AppState::open(backend, &index).expect("a database");
    state.set_limits(moot_web::Limits {
        max_connections: open_file_limit().saturating_sub(RESERVED_FILES),
        ..moot_web::Limits::default()
    });
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a port");
        println!("{}", listener.local_addr().expect("its address"));
        moot_web::serve(listener, state).await.expect("the server");
    });
}

/// A holder: opens `MOOT_BENCH_COUNT` connections to `MOOT_BENCH_ADDR`,
/// every other one with an unfinished request head, says how many it
/// holds, and keeps them until killed.
fn holder() {
    let addr: SocketAddr = std::env::var("MOOT_BENCH_ADDR")
        .ok()
        .and_then(|a| a.parse().ok())
        .expect("MOOT_BENCH_ADDR");
    let count: usize = std::env::var("MOOT_BENCH_COUNT")
        .ok()
        .and_then(|c| c.parse().ok())
        .expect("MOOT_BENCH_COUNT");
    let mut held = Vec::with_capacity(count);
    for i in 0..count {
        let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_secs(2)) else {
            continue;
        };
        if i % 2 == 1 {
            let _ = stream.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n");
        }
        held.push(stream);
    }
    println!("{}", held.len());
    std::thread::sleep(Duration::from_secs(600));
}

/// VmHWM and VmRSS of process `pid`, in MB.
fn memory(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb / 1024.0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

/// One anonymous upload: the head, then the body in 64 KiB pieces until
/// the server answers or closes. Returns the status it answered (0 when
/// it closed before answering).
fn upload(addr: SocketAddr, chunked: bool) -> u16 {
    let Ok(mut stream) = TcpStream::connect(addr) else {
        return 0;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let boundary = "MootBenchBoundary";
    let length = if chunked {
        "Transfer-Encoding: chunked\r\n".to_owned()
    } else {
        format!("Content-Length: {UPLOAD_BYTES}\r\n")
    };
    let head = format!(
        "POST /clerk/items/1/papers HTTP/1.1\r\nHost: localhost\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\n{length}\r\n"
    );
    if stream.write_all(head.as_bytes()).is_err() {
        return 0;
    }
    let reader = stream.try_clone().expect("a second handle");
    let answer = std::thread::spawn(move || {
        let mut reader = reader;
        let mut head = [0u8; 64];
        let n = reader.read(&mut head).unwrap_or(0);
        String::from_utf8_lossy(&head[..n])
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0)
    });
    let piece = vec![b'x'; 64 * 1024];
    let mut sent = 0;
    while sent < UPLOAD_BYTES {
        let ok = if chunked {
            stream
                .write_all(format!("{:x}\r\n", piece.len()).as_bytes())
                .and_then(|()| stream.write_all(&piece))
                .and_then(|()| stream.write_all(b"\r\n"))
        } else {
            stream.write_all(&piece)
        };
        if ok.is_err() {
            break;
        }
        sent += piece.len();
    }
    answer.join().unwrap_or(0)
}

fn bench() {
    let (server, mut out) = spawn("server", &[]);
    let addr: SocketAddr = next_line(&mut out).parse().expect("the server's address");
    let pid = server.0.id();
    let site = common::Site {
        addr,
        dir: tempfile::TempDir::new().expect("a temporary directory"),
    };
    let (hwm, rss) = memory(pid);
    println!("server started: VmHWM {hwm:.1} MB, VmRSS {rss:.1} MB");

    let start = Instant::now();
    let uploads: Vec<_> = (0..UPLOADS)
        .map(|i| std::thread::spawn(move || upload(addr, i % 2 == 1)))
        .collect();
    let statuses: Vec<u16> = uploads.into_iter().map(|u| u.join().unwrap_or(0)).collect();
    let refused = statuses.iter().filter(|s| **s == 413).count();
    let (hwm, rss) = memory(pid);
    println!(
        "{UPLOADS} anonymous 20 MB uploads at once: {refused} answered 413, {} closed otherwise, in {:.2} s; server VmHWM {hwm:.1} MB, VmRSS {rss:.1} MB",
        UPLOADS - refused,
        start.elapsed().as_secs_f64()
    );

    let half_open: usize = std::env::var("MOOT_BENCH_HALF_OPEN")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let start = Instant::now();
    let holders: Vec<_> = (0..HOLDERS)
        .map(|_| {
            spawn(
                "holder",
                &[
                    ("MOOT_BENCH_ADDR", addr.to_string()),
                    ("MOOT_BENCH_COUNT", (half_open / HOLDERS).to_string()),
                ],
            )
        })
        .collect();
    let mut opened = 0;
    let mut kept = Vec::new();
    for (child, mut out) in holders {
        opened += next_line(&mut out).parse::<usize>().unwrap_or(0);
        kept.push(child);
    }
    println!(
        "{opened} half-open connections opened in {:.2} s",
        start.elapsed().as_secs_f64()
    );
    let mut worst = Duration::ZERO;
    for _ in 0..5 {
        let start = Instant::now();
        let response = common::fetch(&site, "/");
        let took = start.elapsed();
        worst = worst.max(took);
        println!(
            "GET / with them open: {} in {:.1} ms",
            response.status,
            took.as_secs_f64() * 1e3
        );
    }
    let (hwm, rss) = memory(pid);
    println!(
        "slowest normal request {:.1} ms (limit 1000 ms); server VmHWM {hwm:.1} MB, VmRSS {rss:.1} MB",
        worst.as_secs_f64() * 1e3
    );
    drop(kept);
    drop(server);
}
