//! Shared by the tests that run the `moot` binary: a command run to the
//! end on a database, and `moot serve` as a real process (started on a
//! free port, its address learnt from what it reports, pages fetched over
//! plain HTTP/1.1, stopped when the test ends, pass or fail).

#![allow(dead_code)] // each test binary uses its own part of this module

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, ChildStderr, Command, Output, Stdio};

/// Runs `moot ARGS --db DB` to the end.
pub fn moot(args: &[&str], db: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_moot"))
        .args(args)
        .arg("--db")
        .arg(db)
        .output()
        .unwrap()
}

/// A running `moot serve`, killed when dropped.
pub struct Server {
    child: Child,
    /// Kept open until the end, so the server's logs have somewhere to go.
    _stderr: BufReader<ChildStderr>,
    /// `host:port` as the server reported it.
    pub addr: String,
    /// Every stderr line up to and including the one naming the address.
    pub banner: Vec<String>,
}

impl Server {
    /// Runs `moot serve --addr 127.0.0.1:0 ARGS...` and waits until it
    /// says where it listens.
    pub fn start<I, S>(args: I) -> Server
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut child = Command::new(env!("CARGO_BIN_EXE_moot"))
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(args)
            .stderr(Stdio::piped())
            .spawn()
            .expect("moot serve starts");
        let mut stderr = BufReader::new(child.stderr.take().expect("piped stderr"));
        let mut banner = Vec::new();
        let addr = loop {
            let mut line = String::new();
            let read = stderr.read_line(&mut line).expect("read stderr");
            assert!(read > 0, "moot serve ended before listening: {banner:?}");
            let addr = line
                .split("http://")
                .nth(1)
                .and_then(|rest| rest.split('/').next())
                .map(str::to_owned);
            banner.push(line);
            if let Some(addr) = addr {
                break addr;
            }
        };
        Server {
            child,
            _stderr: stderr,
            addr,
            banner,
        }
    }

    /// The site's base URL, `http://host:port`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The process id, for sending signals.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits for the process to end by itself.
    pub fn wait(&mut self) -> std::process::ExitStatus {
        self.child.wait().expect("wait for moot serve")
    }

    /// GETs `path`; returns the whole response (status line, headers, body).
    pub fn get(&self, path: &str) -> String {
        let mut stream = TcpStream::connect(&self.addr).expect("connect");
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        .expect("send request");
        let mut response = String::new();
        stream.read_to_string(&mut response).expect("read response");
        response
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
