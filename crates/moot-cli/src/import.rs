//! `moot import`: read packs and store them in the database.
//!
//! Each file is one transaction: stored whole or not at all. A file whose
//! bytes were stored before is skipped. Directories are walked for `.txt`
//! and `.pdf` files. A progress bar shows when several files are imported
//! on a terminal; a summary of what was added and what failed ends the run.
//! The search index is updated after each stored pack (one writer for the
//! run, merging in the background) and merged when the run ends.

use crate::database::DbArgs;
use crate::read::{one_line, read_pack, source_name};
use crate::reindex::Upkeep;
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use moot_store::{Counts, ImportOutcome, SourceFile, Store};
use moot_store_sqlite::SqliteStore;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `moot import`.
#[derive(clap::Args)]
pub struct Args {
    /// Packs (text or PDF) or directories holding them.
    #[arg(required = true, value_name = "FILE|DIR")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    db: DbArgs,
    /// Refuse inputs larger than this many mebibytes.
    #[arg(long, value_name = "MIB", default_value_t = 64)]
    max_size: u64,
}

/// What a run did, for the summary.
#[derive(Default)]
struct Tally {
    imported: usize,
    skipped: usize,
    added: Counts,
    failed: Vec<(PathBuf, String)>,
}

/// Runs `moot import`.
pub fn run(args: &Args) -> Result<ExitCode> {
    let files = files_to_import(&args.paths)?;
    let mut store = args.db.open()?;
    let mut index = Upkeep::open(&args.db);
    let bar = progress_bar(files.len());
    let mut tally = Tally::default();
    for file in &files {
        bar.set_message(file.display().to_string());
        let before = store.revision();
        match import_one(&mut store, file, args.max_size) {
            Ok(ImportOutcome::Imported { added, document }) => {
                tally.imported += 1;
                tally.added = tally.added.plus(added);
                if let Ok(before) = before {
                    index.imported(&store, document, before);
                }
            }
            Ok(ImportOutcome::AlreadyImported { .. }) => tally.skipped += 1,
            Err(error) => tally.failed.push((file.clone(), one_line(&error))),
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    index.finish();
    print_summary(&tally);
    Ok(if tally.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The files named, and the `.txt` and `.pdf` files under the directories
/// named, each directory's in name order.
fn files_to_import(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut files)?;
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read directory {}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, files)?;
        } else if is_pack_file(&path) {
            files.push(path);
        }
    }
    Ok(())
}

fn is_pack_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("pdf"))
}

fn progress_bar(files: usize) -> ProgressBar {
    if files < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(files as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}") {
        bar.set_style(style);
    }
    bar
}

fn import_one(store: &mut SqliteStore, file: &Path, max_mib: u64) -> Result<ImportOutcome> {
    let read = read_pack(file, max_mib)?;
    let name = source_name(file);
    let source = SourceFile {
        name: &name,
        bytes: &read.bytes,
        text: &read.text,
    };
    Ok(store.import_pack(&source, &read.extraction.pack)?)
}

fn print_summary(tally: &Tally) {
    let a = &tally.added;
    println!(
        "{} imported, {} already imported, {} failed: added {} meetings, {} minutes, {} people, {} decisions",
        tally.imported,
        tally.skipped,
        tally.failed.len(),
        a.meetings,
        a.minutes,
        a.people,
        a.decisions
    );
    for (file, error) in &tally.failed {
        eprintln!("moot: {}: {error}", file.display());
    }
}
