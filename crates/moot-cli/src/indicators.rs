//! `moot indicators`: load scorecard values from CSV, and list where a
//! printed rating differs from the one the indicator's rule gives.
//!
//! A load is all or nothing: a file with any bad row is refused whole,
//! every bad row named on stderr as `moot: FILE:LINE: reason`, and nothing
//! is stored; loading the same bytes again changes nothing.

use crate::database::DbArgs;
use anyhow::{Context, Result};
use moot_scorecard::{read_indicator_csv, CsvProblem, RatingCheck};
use moot_store::{
    BodyId, Contradiction, IndicatorAssessment, LoadOutcome, SourceFile, Store, StoreError,
    StoredValue,
};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `moot indicators`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArgs,
    #[command(subcommand)]
    action: Action,
}

#[derive(clap::Subcommand)]
enum Action {
    /// Store the indicator values of a CSV file (columns in the README).
    Load {
        /// The CSV file (UTF-8).
        file: PathBuf,
    },
    /// Print every value whose printed rating differs from Moot's.
    Check {
        /// Only indicators this body (its id) reviews.
        #[arg(long, value_name = "ID")]
        body: Option<i64>,
    },
}

/// Runs `moot indicators`.
pub fn run(args: &Args) -> Result<ExitCode> {
    match &args.action {
        Action::Load { file } => load(&args.db, file),
        Action::Check { body } => check(&args.db, body.map(BodyId)),
    }
}

fn load(db: &DbArgs, file: &Path) -> Result<ExitCode> {
    let shown = file.display();
    let regular = std::fs::metadata(file)
        .context("cannot read")
        .and_then(|m| crate::read::refuse_unless_regular(&m));
    if let Err(error) = regular {
        eprintln!("moot: {shown}: {}", crate::read::one_line(&error));
        return Ok(ExitCode::from(1));
    }
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("moot: {shown}: cannot read: {error}");
            return Ok(ExitCode::from(1));
        }
    };
    let rows = match read_indicator_csv(&bytes) {
        Ok(rows) => rows,
        Err(problems) => return Ok(refused(file, &problems)),
    };
    let text = String::from_utf8_lossy(&bytes);
    let name = file
        .file_name()
        .map_or_else(|| shown.to_string(), |n| n.to_string_lossy().into_owned());
    let source = SourceFile {
        name: &name,
        bytes: &bytes,
        text: &text,
    };
    let mut store = db.open()?;
    match store.load_indicators(&source, &rows) {
        Ok(LoadOutcome::Loaded {
            values,
            new_indicators,
            ..
        }) => println!("{shown}: stored {values} values ({new_indicators} new indicators)"),
        Ok(LoadOutcome::AlreadyLoaded { load }) => {
            println!("{shown}: loaded before (load {}); nothing changed", load.0);
        }
        Err(StoreError::RowsRefused(problems)) => return Ok(refused(file, &problems)),
        Err(error) => return Err(error).with_context(|| format!("cannot store {shown}")),
    }
    Ok(ExitCode::SUCCESS)
}

/// Names every problem on stderr; the file was not stored.
fn refused(file: &Path, problems: &[CsvProblem]) -> ExitCode {
    let shown = file.display();
    for problem in problems {
        match problem.line {
            Some(line) => eprintln!("moot: {shown}:{line}: {}", problem.reason),
            None => eprintln!("moot: {shown}: {}", problem.reason),
        }
    }
    eprintln!("moot: {shown}: nothing stored");
    ExitCode::from(1)
}

fn check(db: &DbArgs, body: Option<BodyId>) -> Result<ExitCode> {
    let store = db.open()?;
    let assessed = store.indicator_assessments(body)?;
    let mut out = std::io::stdout().lock();
    let mut disagreements = 0;
    for assessment in &assessed {
        if let Some(line) = disagreement(assessment) {
            disagreements += 1;
            writeln!(out, "{line}")?;
        }
    }
    let contradictions = moot_store::contradictions(&assessed);
    for found in &contradictions {
        writeln!(out, "{}", contradiction(found))?;
    }
    let rated = assessed.iter().filter(|a| a.computed.is_some()).count();
    writeln!(
        out,
        "{disagreements} disagreement(s) among {rated} rated of {} values; \
         {} contradiction(s) between printed ratings",
        assessed.len(),
        contradictions.len()
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `ORIGIN: CODE NAME (PERIOD) VALUE: printed X, rule gives Y`.
fn disagreement(assessment: &IndicatorAssessment) -> Option<String> {
    let RatingCheck::Disagrees { printed, computed } = assessment.check else {
        return None;
    };
    Some(format!(
        "{}: printed {}, rule gives {}",
        described(&assessment.value),
        printed.name(),
        computed.name()
    ))
}

/// `ORIGIN: … VALUE: printed X, but ORIGIN: … VALUE: printed Y under the
/// same rule`.
fn contradiction(found: &Contradiction<'_>) -> String {
    let rating = |a: &IndicatorAssessment| a.value.printed.map_or("none", |r| r.name());
    format!(
        "{}: printed {}, but {}: printed {} under the same rule",
        described(&found.first.value),
        rating(found.first),
        described(&found.second.value),
        rating(found.second)
    )
}

/// `ORIGIN: CODE NAME (PERIOD) VALUE`.
fn described(v: &StoredValue) -> String {
    let code = v.code.as_deref().map_or(String::new(), |c| format!("{c} "));
    let period = v
        .period_end
        .map(|d| d.to_string())
        .or_else(|| v.period.clone())
        .map_or(String::new(), |p| format!(" ({p})"));
    format!(
        "{}: {code}{}{period} {}",
        v.origin,
        v.name,
        v.value.as_deref().unwrap_or("no value")
    )
}
