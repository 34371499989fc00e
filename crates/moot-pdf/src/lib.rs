//! PDF packs to text, through poppler's `pdftotext`.
//!
//! Councils publish packs as PDF. Rather than parse PDF in Rust, Moot runs
//! poppler's `pdftotext` (Debian package `poppler-utils`), the extractor
//! that copes best with the broken fonts and encodings council PDFs carry.
//! The program is found on `PATH` at run time, or named by the
//! `MOOT_PDFTOTEXT` environment variable. It is started without a shell,
//! reads the PDF on its standard input and writes UTF-8 text to its
//! standard output, and is killed if it runs past a time limit.
//!
//! `-layout`, not reading order. Tested on PDFs typeset from the corpus
//! text (see `crates/moot-cli/tests/pdf_pack.rs`), `-layout` gives back
//! 87-98% of the short source lines exactly, keeps the blank lines between
//! paragraphs, and keeps each table row on one line; the default reading
//! order gives back 74-92% of the lines, drops most blank lines, and reads
//! tables column by column ("Year 2008 2009 ... Kent Rate 37.1 ..."), which
//! no table reader can put back together. The packs' text (and so the
//! importer) separates table cells with tabs, so the runs of spaces
//! `-layout` leaves between columns become one tab and the left margin is
//! dropped (see [`tabs_for_column_gaps`]). Long paragraphs stay wrapped as
//! printed: where one line ends and the next goes on cannot be told apart
//! from a list reliably, so that is left to the importer.
//!
//! ```no_run
//! let bytes = std::fs::read("pack.pdf")?;
//! if moot_pdf::is_pdf(&bytes) {
//!     let text = moot_pdf::pdf_to_text(&bytes)?;
//!     println!("{text}");
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use thiserror::Error;

/// The environment variable that names the `pdftotext` program to run.
pub const PROGRAM_VARIABLE: &str = "MOOT_PDFTOTEXT";

/// How long `pdftotext` may run on one PDF by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(120);

/// Why a PDF could not be turned into text.
#[derive(Debug, Error)]
pub enum PdfError {
    /// The `pdftotext` program is not installed (or not where
    /// `MOOT_PDFTOTEXT` says).
    #[error("pdftotext not found: install poppler-utils (or set MOOT_PDFTOTEXT to its path)")]
    NotFound,
    /// The program could not be started or talked to.
    #[error("cannot run pdftotext: {0}")]
    Io(#[from] std::io::Error),
    /// The PDF is protected by a password.
    #[error("the PDF is encrypted (password protected)")]
    Encrypted,
    /// `pdftotext` could not read the PDF.
    #[error("the PDF is damaged or not a PDF: {reason}")]
    Damaged {
        /// What `pdftotext` said, first line.
        reason: String,
    },
    /// The PDF has pages but no text on them (a scan without OCR).
    #[error("the PDF has no text layer (a scan?)")]
    NoText,
    /// `pdftotext` ran past the time limit and was stopped.
    #[error("pdftotext took longer than {} s and was stopped", .0.as_secs())]
    Timeout(Duration),
}

/// True when the bytes start like a PDF file.
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
}

/// The text of a PDF, with the default [`Converter`].
pub fn pdf_to_text(bytes: &[u8]) -> Result<String, PdfError> {
    Converter::from_env().convert(bytes)
}

/// How to run `pdftotext`.
#[derive(Debug, Clone)]
pub struct Converter {
    /// The program to run.
    pub program: PathBuf,
    /// How long it may run before it is stopped.
    pub timeout: Duration,
}

impl Converter {
    /// `pdftotext` from `MOOT_PDFTOTEXT`, else from `PATH`, with the
    /// default time limit.
    pub fn from_env() -> Self {
        let program = std::env::var_os(PROGRAM_VARIABLE)
            .filter(|p| !p.is_empty())
            .map_or_else(|| PathBuf::from("pdftotext"), PathBuf::from);
        Converter {
            program,
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// The text of a PDF given as bytes.
    pub fn convert(&self, bytes: &[u8]) -> Result<String, PdfError> {
        let output = self.run(bytes)?;
        if !output.success {
            return Err(failure(&output.stderr));
        }
        let text = String::from_utf8_lossy(&output.stdout);
        if text.chars().all(|c| c.is_whitespace()) {
            return Err(PdfError::NoText);
        }
        Ok(tabs_for_column_gaps(&text))
    }

    fn run(&self, bytes: &[u8]) -> Result<Output, PdfError> {
        let mut child = Command::new(&self.program)
            .args(["-layout", "-enc", "UTF-8", "-eol", "unix", "-", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => PdfError::NotFound,
                _ => PdfError::Io(e),
            })?;
        let stdin = child.stdin.take().map(|mut pipe| {
            let input = bytes.to_vec();
            // A broken pipe only means pdftotext stopped reading; its exit
            // status says why.
            std::thread::spawn(move || drop(pipe.write_all(&input)))
        });
        let stdout = child.stdout.take().map(drain);
        let stderr = child.stderr.take().map(drain);
        let success = wait_within(&mut child, self.timeout)?;
        if let Some(writer) = stdin {
            let _ = writer.join();
        }
        Ok(Output {
            success,
            stdout: collect(stdout)?,
            stderr: collect(stderr)?,
        })
    }
}

struct Output {
    success: bool,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

fn drain(mut pipe: impl Read + Send + 'static) -> JoinHandle<std::io::Result<Vec<u8>>> {
    std::thread::spawn(move || {
        let mut buffer = Vec::new();
        pipe.read_to_end(&mut buffer)?;
        Ok(buffer)
    })
}

fn collect(reader: Option<JoinHandle<std::io::Result<Vec<u8>>>>) -> Result<Vec<u8>, PdfError> {
    match reader.map(JoinHandle::join) {
        None => Ok(Vec::new()),
        Some(Ok(result)) => Ok(result?),
        Some(Err(_)) => Err(PdfError::Io(std::io::Error::other(
            "reading pdftotext's output failed",
        ))),
    }
}

/// Waits for the child; kills it when the time is up. True when it exited
/// with status 0.
fn wait_within(child: &mut Child, timeout: Duration) -> Result<bool, PdfError> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(status.success());
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(PdfError::Timeout(timeout));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Maps what `pdftotext` printed on failure to an error.
fn failure(stderr: &[u8]) -> PdfError {
    let message = String::from_utf8_lossy(stderr);
    if message.to_lowercase().contains("password") {
        return PdfError::Encrypted;
    }
    let reason = message
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("Syntax Error") || l.starts_with("Command Line Error"))
        .or_else(|| message.lines().map(str::trim).find(|l| !l.is_empty()))
        .unwrap_or("pdftotext failed without saying why");
    PdfError::Damaged {
        reason: reason.to_owned(),
    }
}

/// `-layout` text in the packs' style: the left margin dropped, runs of
/// two or more spaces (gaps between columns) made one tab, trailing spaces
/// dropped. Page-break form feeds stay at the start of their line.
pub fn tabs_for_column_gaps(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let body = line.trim_start_matches('\x0c');
        out.push_str(&line[..line.len() - body.len()]);
        push_with_tabs(&mut out, body.trim());
    }
    out
}

fn push_with_tabs(out: &mut String, line: &str) {
    let mut spaces = 0;
    for c in line.chars() {
        if c == ' ' {
            spaces += 1;
            continue;
        }
        match spaces {
            0 => {}
            1 => out.push(' '),
            _ => out.push('\t'),
        }
        spaces = 0;
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-page PDF saying "Agenda" in Helvetica, written by hand. The
    /// cross-reference offsets are not exact; poppler rebuilds them.
    const SMALL_PDF: &[u8] = b"%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]
  /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >> endobj
4 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
5 0 obj << /Length 44 >> stream
BT /F1 12 Tf 72 720 Td (Agenda   Item) Tj ET
endstream endobj
trailer << /Root 1 0 R /Size 6 >>
%%EOF
";

    #[test]
    fn pdf_is_recognised_by_its_header() {
        assert!(is_pdf(SMALL_PDF));
        assert!(!is_pdf(b"AGENDA\n%PDF-1.4"));
    }

    #[test]
    fn text_of_a_small_pdf_is_read() {
        let text = pdf_to_text(SMALL_PDF).expect("pdftotext (poppler-utils) is installed");
        assert!(text.contains("Agenda"), "{text:?}");
    }

    #[test]
    fn damaged_pdf_is_an_error_not_a_panic() {
        let damaged = &SMALL_PDF[..60];
        match pdf_to_text(damaged) {
            Err(PdfError::Damaged { reason }) => assert!(!reason.is_empty()),
            other => panic!("expected Damaged, got {other:?}"),
        }
        assert!(matches!(
            pdf_to_text(b"%PDF-1.7\n\x00\x01garbage"),
            Err(PdfError::Damaged { .. })
        ));
    }

    #[test]
    fn missing_program_says_to_install_poppler() {
        let converter = Converter {
            program: PathBuf::from("/nonexistent/pdftotext"),
            timeout: DEFAULT_TIMEOUT,
        };
        let error = converter.convert(SMALL_PDF).unwrap_err();
        assert!(matches!(error, PdfError::NotFound));
        assert!(error.to_string().contains("install poppler-utils"));
    }

    #[test]
    fn slow_program_is_stopped_at_the_time_limit() {
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("pdftotext");
        std::fs::write(&script, "#!/bin/sh\nexec sleep 30\n").unwrap();
        make_executable(&script);
        let converter = Converter {
            program: script,
            timeout: Duration::from_millis(200),
        };
        let started = Instant::now();
        assert!(matches!(
            converter.convert(SMALL_PDF),
            Err(PdfError::Timeout(_))
        ));
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn password_message_means_encrypted() {
        assert!(matches!(
            failure(b"Command Line Error: Incorrect password\n"),
            PdfError::Encrypted
        ));
    }

    #[test]
    fn column_gaps_become_tabs_and_indents_go() {
        assert_eq!(
            tabs_for_column_gaps("   Year   Rate  Target \nA  B\n\x0c  Page two"),
            "Year\tRate\tTarget\nA\tB\n\x0cPage two"
        );
        assert_eq!(tabs_for_column_gaps("one two\n\n"), "one two\n\n");
    }

    #[cfg(unix)]
    fn make_executable(path: &std::path::Path) {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}
