//! The clerk's forms over real HTTP: url-encoded forms with the CSRF
//! token filled in, multipart uploads, binary downloads (pack PDFs) and
//! `pdftotext` on them, and today's date for meetings relative to it.
#![allow(dead_code)]

use super::signed_in::Browser;
use super::Site;
use moot_domain::Date;
use std::io::{Read, Write};
use std::net::TcpStream;

/// A response with its body as bytes.
pub struct RawResponse {
    pub status: u16,
    /// The head, lower-cased.
    pub head: String,
    pub body: Vec<u8>,
}

impl RawResponse {
    /// The body as text (lossy).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The `Location` of a redirect.
    pub fn location(&self) -> &str {
        self.head
            .lines()
            .find_map(|l| l.strip_prefix("location: "))
            .unwrap_or_else(|| panic!("no location in {}", self.head))
    }
}

/// Sends `method target` with `headers` and a byte `body`.
pub fn send(
    site: &Site,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> RawResponse {
    let mut stream = TcpStream::connect(site.addr).unwrap();
    let mut head =
        format!("{method} {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if method != "GET" {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head");
    let head = String::from_utf8_lossy(&response[..split]).to_ascii_lowercase();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response[split + 4..].to_vec();
    let body = if head.contains("transfer-encoding: chunked") {
        dechunk_bytes(&body)
    } else {
        body
    };
    RawResponse { status, head, body }
}

/// Joins a chunked body.
fn dechunk_bytes(mut rest: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = rest.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&rest[..end])
            .ok()
            .and_then(|s| usize::from_str_radix(s.trim(), 16).ok())
            .unwrap_or(0);
        rest = &rest[end + 2..];
        if size == 0 || rest.len() < size {
            break;
        }
        out.extend_from_slice(&rest[..size]);
        rest = rest[size..].strip_prefix(b"\r\n").unwrap_or(&rest[size..]);
    }
    out
}

/// `text` percent-encoded for a form.
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `fields` url-encoded, after `browser`'s CSRF token.
pub fn form_body(browser: &Browser, fields: &[(&str, &str)]) -> String {
    let mut form = format!("csrf_token={}", browser.csrf);
    for (name, value) in fields {
        form.push_str(&format!("&{name}={}", encode(value)));
    }
    form
}

/// POSTs `fields` url-encoded to `target` as `browser`, its CSRF token
/// added.
pub fn submit(
    site: &Site,
    browser: &Browser,
    target: &str,
    fields: &[(&str, &str)],
) -> RawResponse {
    let form = form_body(browser, fields);
    let headers = [
        ("Cookie", browser.cookie.as_str()),
        ("Content-Type", "application/x-www-form-urlencoded"),
    ];
    send(site, "POST", target, &headers, form.as_bytes())
}

/// The boundary of [`multipart`] bodies.
const BOUNDARY: &str = "moot-test-boundary-7MA4YWxkTrZu0gW";

/// A `multipart/form-data` body: `fields`, then `file` as (field, file
/// name, bytes); returns its content type and bytes.
pub fn multipart(fields: &[(&str, &str)], file: (&str, &str, &[u8])) -> (String, Vec<u8>) {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    let (name, file_name, bytes) = file;
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={BOUNDARY}"), body)
}

/// Uploads `bytes` as a paper titled `title` for agenda item `item`.
pub fn upload_paper(
    site: &Site,
    browser: &Browser,
    item: i64,
    title: &str,
    file_name: &str,
    bytes: &[u8],
) -> RawResponse {
    let (content_type, body) = multipart(
        &[("csrf_token", &browser.csrf), ("title", title)],
        ("file", file_name, bytes),
    );
    let headers = [
        ("Cookie", browser.cookie.as_str()),
        ("Content-Type", content_type.as_str()),
    ];
    send(
        site,
        "POST",
        &format!("/clerk/items/{item}/papers"),
        &headers,
        &body,
    )
}

/// GETs `target` as `browser` (or anonymously), body as bytes.
pub fn download(site: &Site, browser: Option<&Browser>, target: &str) -> RawResponse {
    let cookie = browser.map(|b| b.cookie.as_str());
    let headers: Vec<(&str, &str)> = cookie.into_iter().map(|c| ("Cookie", c)).collect();
    send(site, "GET", target, &headers, b"")
}

/// JSON at `target` as `browser`.
pub fn json_as(site: &Site, browser: &Browser, target: &str) -> serde_json::Value {
    let response = download(site, Some(browser), target);
    assert_eq!(response.status, 200, "{target}: {}", response.text());
    serde_json::from_slice(&response.body).unwrap()
}

/// The text of `pdf` as `pdftotext -layout` reads it: pages `first` to
/// `last`, or the whole file.
pub fn pdf_text(pdf: &[u8], pages: Option<(u32, u32)>) -> String {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("pack.pdf");
    std::fs::write(&path, pdf).unwrap();
    let mut command = std::process::Command::new("pdftotext");
    command.arg("-layout");
    if let Some((first, last)) = pages {
        command.args(["-f", &first.to_string(), "-l", &last.to_string()]);
    }
    let output = command
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The day `days` after the test sites' today ([`super::test_clock`]).
pub fn days_from_today(days: i64) -> Date {
    use moot_domain::Clock;
    let today = super::test_clock().today().unwrap();
    Date::from_days_since_epoch(today.days_since_epoch() + days).unwrap()
}

/// The id at the end of a redirect's location (`/clerk/bodies/3` → 3).
pub fn id_in(location: &str) -> i64 {
    location.rsplit('/').next().unwrap().parse().unwrap()
}
