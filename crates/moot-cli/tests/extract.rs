//! `moot extract` as a user runs it: the real binary on real files.
//!
//! Bad input of every kind gets one line on stderr naming the file; the
//! other files are still extracted; the exit status is 1 when any input
//! failed and 2 for a usage error; nothing panics.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;

/// A small pack in the style of an agenda front page.
const PACK: &str = "BOROUGH OF NORTHFIELD\n\nAUDIT COMMITTEE\n\n\
Tuesday, 4 March 2025 at 7.00 pm\n\nCouncil Chamber, Town Hall\n\nAGENDA\n\n\
1. Apologies for Absence\n\n2. Declarations of Interest\n\n\
3. Minutes of the meeting held on 14 January 2025 (Pages 1 - 6)\n";

fn moot(args: &[&OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_moot"))
        .args(args)
        .output()
        .expect("the moot binary runs")
}

fn extract(files: &[&Path], flags: &[&str]) -> Output {
    let mut args: Vec<&OsStr> = vec![OsStr::new("extract")];
    args.extend(flags.iter().map(OsStr::new));
    args.extend(files.iter().map(|f| f.as_os_str()));
    moot(&args)
}

fn write(dir: &TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("temp file written");
    path
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Asserts that the run did not panic and that stderr has exactly one
/// `moot: FILE: reason` line per failed file, each containing `reason`.
fn assert_failed_lines(output: &Output, failures: &[(&Path, &str)]) {
    let stderr = stderr(output);
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), failures.len(), "stderr: {stderr}");
    for (line, (file, reason)) in lines.iter().zip(failures) {
        let prefix = format!("moot: {}: ", file.display());
        assert!(line.starts_with(&prefix), "{line:?} should name {file:?}");
        assert!(line.contains(reason), "{line:?} should say {reason:?}");
    }
}

#[test]
fn one_pack_prints_its_record_on_stdout() {
    let dir = TempDir::new().unwrap();
    let pack = write(&dir, "audit.txt", PACK.as_bytes());
    let output = extract(&[&pack], &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "compact JSON is one line");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["format"], "moot-pack/1");
    assert_eq!(json["source"], "audit.txt");
}

#[test]
fn pretty_indents_the_json() {
    let dir = TempDir::new().unwrap();
    let pack = write(&dir, "audit.txt", PACK.as_bytes());
    let output = extract(&[&pack], &["--pretty"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.starts_with("{\n  \"format\": \"moot-pack/1\""),
        "{stdout}"
    );
    serde_json::from_str::<serde_json::Value>(&stdout).unwrap();
}

#[test]
fn out_writes_one_json_per_input() {
    let dir = TempDir::new().unwrap();
    let first = write(&dir, "first.txt", PACK.as_bytes());
    let second = write(&dir, "second.pack", PACK.as_bytes());
    let out = dir.path().join("records/nested");
    let output = extract(&[&first, &second], &["--out", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
    for (name, source) in [("first.json", "first.txt"), ("second.json", "second.pack")] {
        let text = std::fs::read_to_string(out.join(name)).expect("record written");
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["source"], source);
    }
}

#[test]
fn bad_inputs_fail_one_line_each_and_good_ones_are_still_extracted() {
    let dir = TempDir::new().unwrap();
    let empty = write(&dir, "empty.txt", b"");
    let binary = write(&dir, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    let good = write(&dir, "good.txt", PACK.as_bytes());
    let wrong_encoding = write(&dir, "latin.txt", b"Agenda \x81\x8d\x90 item\n");
    let not_a_pack = write(&dir, "poem.txt", b"The owl and the pussy-cat went to sea\n");
    let missing = dir.path().join("missing.txt");
    let directory = dir.path().join("folder.txt");
    std::fs::create_dir(&directory).unwrap();
    let damaged_pdf = write(&dir, "broken.pdf", b"%PDF-1.7\n1 0 obj <<");
    let out = dir.path().join("out");

    let output = extract(
        &[
            &empty,
            &binary,
            &good,
            &wrong_encoding,
            &not_a_pack,
            &missing,
            &directory,
            &damaged_pdf,
        ],
        &["--out", out.to_str().unwrap()],
    );

    assert_eq!(output.status.code(), Some(1));
    assert_failed_lines(
        &output,
        &[
            (&empty, "empty"),
            (&binary, "binary"),
            (&wrong_encoding, "neither UTF-8 nor Windows-1252"),
            (&not_a_pack, "no agenda pack"),
            (&missing, "No such file"),
            (&directory, "directory"),
            (&damaged_pdf, "PDF"),
        ],
    );
    assert!(out.join("good.json").is_file());
    let written: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
    assert_eq!(written.len(), 1, "only the good pack has a record");
}

#[test]
fn huge_file_is_refused_without_being_read() {
    let dir = TempDir::new().unwrap();
    let huge = dir.path().join("huge.txt");
    // Sparse: 200 MB on paper, nothing on disk.
    let file = std::fs::File::create(&huge).unwrap();
    file.set_len(200 * 1000 * 1000).unwrap();
    drop(file);
    let started = std::time::Instant::now();
    let output = extract(&[&huge], &[]);
    assert_eq!(output.status.code(), Some(1));
    assert_failed_lines(&output, &[(&huge, "too large")]);
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn max_size_can_be_lowered() {
    let dir = TempDir::new().unwrap();
    let big = write(&dir, "big.txt", PACK.repeat(20_000).as_bytes());
    let output = extract(&[&big], &["--max-size", "1"]);
    assert_eq!(output.status.code(), Some(1));
    assert_failed_lines(&output, &[(&big, "the limit is 1 MiB")]);
}

#[test]
fn inputs_with_the_same_name_do_not_overwrite_each_other() {
    let dir = TempDir::new().unwrap();
    std::fs::create_dir(dir.path().join("a")).unwrap();
    std::fs::create_dir(dir.path().join("b")).unwrap();
    let first = write(&dir, "a/pack.txt", PACK.as_bytes());
    let second = write(&dir, "b/pack.txt", PACK.as_bytes());
    let out = dir.path().join("out");
    let output = extract(&[&first, &second], &["--out", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert_failed_lines(&output, &[(&second, "already written")]);
    let json = std::fs::read_to_string(out.join("pack.json")).unwrap();
    assert!(json.contains("\"source\":\"pack.txt\""));
}

#[test]
fn windows_1252_text_is_read() {
    let dir = TempDir::new().unwrap();
    let text = PACK.replace("Council", "Council’s");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    let pack = write(&dir, "cp1252.txt", &bytes);
    let output = extract(&[&pack], &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn usage_errors_exit_with_status_2() {
    let dir = TempDir::new().unwrap();
    let first = write(&dir, "first.txt", PACK.as_bytes());
    let second = write(&dir, "second.txt", PACK.as_bytes());
    let several_without_out = extract(&[&first, &second], &[]);
    assert_eq!(several_without_out.status.code(), Some(2));
    assert!(stderr(&several_without_out).contains("--out"));
    assert_eq!(extract(&[], &[]).status.code(), Some(2));
    assert_eq!(extract(&[&first], &["--bogus"]).status.code(), Some(2));
    assert_eq!(moot(&[OsStr::new("frobnicate")]).status.code(), Some(2));
}

/// A pack whose agenda gives two items overlapping pages.
const OVERLAPPING_PAGES: &str = "AUDIT COMMITTEE\n\nTuesday, 4 March 2025 at 7.00 pm\n\nAGENDA\n\n\
1. Minutes (Pages 1 - 6)\n\n2. Internal Audit Plan (Pages 5 - 20)\n\n3. Risk Register (Pages 21 - 30)\n";

#[test]
fn check_lists_contradictions_with_their_lines() {
    let dir = TempDir::new().unwrap();
    let pack = write(&dir, "audit.txt", OVERLAPPING_PAGES.as_bytes());
    let output = extract(&[&pack], &["--check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.starts_with("audit.txt: line 7, line 9 [page-range]: "),
        "{stdout}"
    );
}

#[test]
fn check_json_gives_findings_as_data() {
    let dir = TempDir::new().unwrap();
    let pack = write(&dir, "audit.txt", OVERLAPPING_PAGES.as_bytes());
    let output = extract(&[&pack], &["--check", "--json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["source"], "audit.txt");
    assert_eq!(json["findings"][0]["kind"], "page-range");
    assert_eq!(json["findings"][0]["lines"][0], serde_json::json!([7, 7]));
}
