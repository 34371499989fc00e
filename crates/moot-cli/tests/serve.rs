//! `moot serve` as a real process: it picks a free port when asked for
//! port 0, says where it listens, and answers HTTP.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

/// Kills the server when the test ends, pass or fail.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn serve_answers_on_the_address_it_reports() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut server = Server(
        Command::new(env!("CARGO_BIN_EXE_moot"))
            .args(["serve", "--addr", "127.0.0.1:0", "--db"])
            .arg(dir.path().join("moot.db"))
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let stderr = server.0.stderr.take().unwrap();
    // Kept open until the end, so the server's logs have somewhere to go.
    let mut stderr = BufReader::new(stderr);
    // Log lines (the search index being built) may come first.
    let mut seen = String::new();
    let addr = (0..20)
        .find_map(|_| {
            let mut line = String::new();
            stderr.read_line(&mut line).ok()?;
            seen.push_str(&line);
            let rest = line.split("http://").nth(1)?;
            rest.split('/').next().map(str::to_owned)
        })
        .unwrap_or_else(|| panic!("no address in {seen:?}"));

    let mut stream = TcpStream::connect(&addr).unwrap();
    write!(
        stream,
        "GET /api/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("\"meetings\":[]"), "{response}");
}
