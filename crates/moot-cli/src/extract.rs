//! `moot extract`: packs in, `moot-pack/1` JSON out.

use crate::read::{one_line, read_pack, source_name};
use anyhow::{bail, Context, Result};
use moot_import::Extraction;
use std::collections::HashSet;
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
    /// With --check: print the findings as JSON, one document per pack.
    #[arg(long, requires = "check")]
    json: bool,
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
    let mut written = HashSet::new();
    let mut failed = 0;
    for file in &args.files {
        if let Err(error) = extract_one(args, file, &mut written) {
            eprintln!("moot: {}: {}", file.display(), one_line(&error));
            failed += 1;
        }
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Extracts one file. `written` holds the output files already written, so
/// two inputs with the same name do not overwrite each other's record.
fn extract_one(args: &Args, file: &Path, written: &mut HashSet<PathBuf>) -> Result<()> {
    let output = args.out.as_ref().map(|dir| output_path(dir, file));
    if let Some(path) = &output {
        if written.contains(path) {
            bail!(
                "not extracted: {} was already written for an earlier input of the same name",
                path.display()
            );
        }
    }
    let extraction = read_pack(file, args.max_size)?.extraction;
    let source = source_name(file);
    if args.check && args.json {
        let mut out = std::io::stdout().lock();
        let json = moot_format::findings_json(&source, &extraction.findings);
        return writeln!(out, "{json}").context("cannot write to stdout");
    }
    if args.check {
        return print_findings(&source, &extraction);
    }
    let json = if args.pretty {
        moot_format::pack_json_pretty(&source, &extraction.pack, &extraction.diagnostics)
    } else {
        moot_format::pack_json(&source, &extraction.pack, &extraction.diagnostics)
    };
    match output {
        Some(path) => {
            std::fs::write(&path, json + "\n")
                .with_context(|| format!("cannot write {}", path.display()))?;
            written.insert(path);
            Ok(())
        }
        None => {
            let mut out = std::io::stdout().lock();
            writeln!(out, "{json}").context("cannot write to stdout")
        }
    }
}

/// `DIR/NAME.json` for input `.../NAME.txt`.
fn output_path(dir: &Path, file: &Path) -> PathBuf {
    let stem = file.file_stem().unwrap_or(file.as_os_str());
    dir.join(Path::new(stem).with_extension("json"))
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
