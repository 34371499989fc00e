//! `moot extract`: packs in, `moot-pack/1` JSON out.

use anyhow::{bail, Context, Result};
use moot_import::Extraction;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `moot extract`.
#[derive(clap::Args)]
pub struct Args {
    /// Packs to read: plain text (UTF-8 or Windows-1252) or PDF.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Write one NAME.json per input into this directory instead of stdout.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Indent the JSON.
    #[arg(long)]
    pretty: bool,
    /// List where each pack contradicts itself instead of printing records.
    #[arg(long)]
    check: bool,
    /// Refuse inputs larger than this many mebibytes.
    #[arg(long, value_name = "MIB", default_value_t = 64)]
    max_size: u64,
}

/// Runs `moot extract`.
pub fn run(args: &Args) -> Result<ExitCode> {
    if args.out.is_none() && args.files.len() > 1 && !args.check {
        bail!("several files need --out DIR (one NAME.json each)");
    }
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create output directory {}", dir.display()))?;
    }
    let mut failed = 0;
    for file in &args.files {
        if let Err(error) = extract_one(args, file) {
            eprintln!("moot: {}: {error:#}", file.display());
            failed += 1;
        }
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn extract_one(args: &Args, file: &Path) -> Result<()> {
    let extraction = read_pack(file, args.max_size)?;
    let source = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    if args.check {
        return print_findings(&source, &extraction);
    }
    let json = if args.pretty {
        moot_format::pack_json_pretty(&source, &extraction.pack, &extraction.diagnostics)
    } else {
        moot_format::pack_json(&source, &extraction.pack, &extraction.diagnostics)
    };
    match &args.out {
        Some(dir) => {
            let stem = file.file_stem().unwrap_or(file.as_os_str());
            let path = dir.join(Path::new(stem).with_extension("json"));
            std::fs::write(&path, json + "\n")
                .with_context(|| format!("cannot write {}", path.display()))
        }
        None => {
            let mut out = std::io::stdout().lock();
            writeln!(out, "{json}").context("cannot write to stdout")
        }
    }
}

fn read_pack(file: &Path, max_mib: u64) -> Result<Extraction> {
    let size = std::fs::metadata(file).context("cannot read")?.len();
    if size > max_mib * 1024 * 1024 {
        bail!(
            "too large ({} MiB; the limit is {max_mib} MiB, see --max-size)",
            size / (1024 * 1024)
        );
    }
    let bytes = std::fs::read(file).context("cannot read")?;
    let text = if moot_pdf::is_pdf(&bytes) {
        moot_pdf::pdf_to_text(&bytes)?
    } else {
        moot_import::decode(&bytes)?
    };
    let extraction = moot_import::extract_text(&text);
    if extraction.is_empty() {
        bail!("no agenda pack or meeting page found in this text");
    }
    Ok(extraction)
}

fn print_findings(source: &str, extraction: &Extraction) -> Result<()> {
    let mut out = std::io::stdout().lock();
    for finding in &extraction.findings {
        let places: Vec<String> = finding
            .lines
            .iter()
            .map(|l| {
                if l.first == l.last {
                    format!("line {}", l.first)
                } else {
                    format!("lines {}-{}", l.first, l.last)
                }
            })
            .collect();
        writeln!(
            out,
            "{source}: {} [{}]: {}",
            places.join(", "),
            finding.kind,
            finding.message
        )?;
    }
    Ok(())
}
