//! Everything a visitor can fetch: a crawl of the whole site from its
//! home page, its JSON and its feeds, following every internal address
//! in pages (`href`, `src`, `action` of GET forms), in JSON (string values
//! starting with `/`) and in feeds (absolute links back to the site), with
//! PDFs read through `pdftotext`, so a test can look for a planted string
//! in every answer a visitor could get.
#![allow(dead_code)]

use super::clerk::{download, pdf_text};
use super::signed_in::Browser;
use super::Site;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// One answer: the address, its status, its content type and its text
/// (a PDF's extracted text).
#[derive(Debug)]
pub struct Fetched {
    /// What was asked for.
    pub target: String,
    /// The status.
    pub status: u16,
    /// The `Content-Type`, lower case.
    pub content_type: String,
    /// The body as text.
    pub text: String,
}

/// Fetches `target` as `browser` (or anonymously); a PDF comes back as
/// its text.
pub fn fetch_text(site: &Site, target: &str, browser: Option<&Browser>) -> Fetched {
    let response = download(site, browser, target);
    let (status, head, body) = (response.status, response.head, response.body);
    let content_type = head
        .lines()
        .find_map(|l| l.strip_prefix("content-type: "))
        .unwrap_or("")
        .to_owned();
    let text = if content_type.starts_with("application/pdf") && status == 200 {
        pdf_text(&body, None)
    } else {
        String::from_utf8_lossy(&body).into_owned()
    };
    Fetched {
        target: target.to_owned(),
        status,
        content_type,
        text,
    }
}

/// The internal addresses an answer names.
fn addresses(fetched: &Fetched) -> Vec<String> {
    let text = &fetched.text;
    let mut found = Vec::new();
    if fetched.content_type.contains("json") {
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
            json_addresses(&value, &mut found);
        }
    } else {
        for attribute in ["href=\"", "src=\"", "action=\""] {
            for rest in text.split(attribute).skip(1) {
                if let Some(value) = rest.split('"').next() {
                    found.push(value.replace("&amp;", "&"));
                }
            }
        }
    }
    found.into_iter().filter_map(|a| internal(&a)).collect()
}

fn json_addresses(value: &serde_json::Value, found: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) if s.starts_with('/') => found.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| json_addresses(v, found)),
        serde_json::Value::Object(map) => map.values().for_each(|v| json_addresses(v, found)),
        _ => {}
    }
}

/// `address` as a path on this site, without its fragment: relative
/// paths and absolute links back to `localhost`.
fn internal(address: &str) -> Option<String> {
    let path = address
        .strip_prefix("http://localhost")
        .or_else(|| address.strip_prefix("https://localhost"))
        .unwrap_or(address);
    let path = path.split('#').next()?;
    (path.starts_with('/') && !path.starts_with("//") && !path.contains('{'))
        .then(|| path.to_owned())
}

/// How many addresses with the same path but different queries are
/// followed (pages of a list, filters): enough to reach every kind.
const QUERIES_PER_PATH: usize = 12;

/// Crawls from `seeds` as `browser` (or anonymously), at most `limit` answers; sign-out
/// and sign-in addresses are left alone, so a signed-in crawl stays
/// signed in.
pub fn crawl(site: &Site, seeds: &[&str], browser: Option<&Browser>, limit: usize) -> Vec<Fetched> {
    let mut queue: VecDeque<String> = seeds.iter().map(|s| (*s).to_owned()).collect();
    let mut seen: BTreeSet<String> = queue.iter().cloned().collect();
    let mut per_path = BTreeMap::<String, usize>::new();
    let mut fetched = Vec::new();
    while let Some(target) = queue.pop_front() {
        if fetched.len() >= limit {
            break;
        }
        let answer = fetch_text(site, &target, browser);
        for address in addresses(&answer) {
            let path = address.split('?').next().unwrap_or("").to_owned();
            if path.starts_with("/logout") || path.starts_with("/login") {
                continue;
            }
            let count = per_path.entry(path).or_default();
            if *count < QUERIES_PER_PATH && seen.insert(address.clone()) {
                *count += 1;
                queue.push_back(address);
            }
        }
        fetched.push(answer);
    }
    fetched
}
