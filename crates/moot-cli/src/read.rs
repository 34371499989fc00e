//! Reading one pack file, shared by `moot extract` and `moot import`: the
//! size limit, PDF or text decoding, and the importer run so that a bug in
//! it fails that one file instead of the whole run.

use anyhow::{anyhow, bail, Context, Result};
use moot_import::Extraction;
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// A pack file as read: its bytes, its text and what the importer found.
pub struct ReadPack {
    /// The file's bytes as stored on disk.
    pub bytes: Vec<u8>,
    /// The text the importer read (from `pdftotext` for a PDF).
    pub text: String,
    /// What the importer found.
    pub extraction: Extraction,
}

/// Reads, converts and extracts one pack. The size limit is checked on the
/// open file before anything is read, and reading stops at the limit in
/// case the file grows meanwhile.
pub fn read_pack(file: &Path, max_mib: u64) -> Result<ReadPack> {
    extract_bytes(read_limited(file, max_mib)?)
}

/// Reads one pack's bytes, within the size limit as [`read_pack`] does,
/// without extracting anything.
pub fn read_bytes(file: &Path, max_mib: u64) -> Result<Vec<u8>> {
    read_limited(file, max_mib)
}

/// Converts and extracts a pack's bytes, read by [`read_bytes`].
pub fn extract_bytes(bytes: Vec<u8>) -> Result<ReadPack> {
    let text = if moot_pdf::is_pdf(&bytes) {
        moot_pdf::pdf_to_text(&bytes)?
    } else {
        moot_import::decode(&bytes)?
    };
    let extraction = extract_text(&text)?;
    Ok(ReadPack {
        bytes,
        text,
        extraction,
    })
}

/// Extracts a pack from text, refusing text with no pack in it.
pub fn extract_text(text: &str) -> Result<Extraction> {
    let extraction = extract_guarded(text)?;
    if extraction.is_empty() {
        bail!("no agenda pack or meeting page found in this text");
    }
    Ok(extraction)
}

/// The file's name without its folder, as records cite it.
pub fn source_name(file: &Path) -> String {
    file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The error and its causes on one line, so each failed file is one line
/// of stderr.
pub fn one_line(error: &anyhow::Error) -> String {
    format!("{error:#}")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn read_limited(file: &Path, max_mib: u64) -> Result<Vec<u8>> {
    let limit = max_mib.saturating_mul(1024 * 1024);
    // Looked at before opening: opening a FIFO waits for a writer, and
    // reading a device may never end.
    refuse_unless_regular(&std::fs::metadata(file).context("cannot open")?)?;
    let handle = File::open(file).context("cannot open")?;
    let metadata = handle.metadata().context("cannot read")?;
    refuse_unless_regular(&metadata)?;
    if metadata.len() > limit {
        bail!(
            "too large ({} MiB; the limit is {max_mib} MiB, see --max-size)",
            metadata.len() / (1024 * 1024)
        );
    }
    // Sized from the file up front: growing by doubling would reserve up
    // to twice the file while reading it.
    let expected = usize::try_from(metadata.len().min(limit)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(expected.saturating_add(1));
    handle
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .context("cannot read")?;
    if bytes.len() as u64 > limit {
        bail!("too large (the limit is {max_mib} MiB, see --max-size)");
    }
    Ok(bytes)
}

/// Refuses anything but a regular file (a directory, a FIFO, a socket, a
/// device), saying what it is.
pub fn refuse_unless_regular(metadata: &std::fs::Metadata) -> Result<()> {
    let kind = metadata.file_type();
    if kind.is_file() {
        return Ok(());
    }
    let what = if kind.is_dir() {
        "a directory"
    } else if is_fifo(&kind) {
        "a FIFO (named pipe)"
    } else {
        "a socket or device"
    };
    bail!("is {what}, not a pack file; only regular files are read")
}

#[cfg(unix)]
fn is_fifo(kind: &std::fs::FileType) -> bool {
    std::os::unix::fs::FileTypeExt::is_fifo(kind)
}

#[cfg(not(unix))]
fn is_fifo(_: &std::fs::FileType) -> bool {
    false
}

/// The importer must never panic; if a bug makes it, that input fails with
/// a one-line error and the other inputs are still read. The panic hook is
/// silenced meanwhile, since the error says it all on one line.
fn extract_guarded(text: &str) -> Result<Extraction> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let outcome = std::panic::catch_unwind(|| moot_import::extract_text(text));
    std::panic::set_hook(hook);
    outcome.map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        anyhow!("internal error in the importer (a bug in Moot, please report it): {message}")
    })
}
