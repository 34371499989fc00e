//! Extraction throughput: MB/s of pack text through `extract_text`, on one
//! core, over every pack in `../shared/corpus`.
//!
//! `cargo bench -p moot-import --bench extract` (release build). Each pack
//! is run repeatedly for about a second after one warm-up run; the figure
//! per pack is its bytes times runs over the time taken, and the overall
//! figure is all bytes over all time, so large packs weigh more.
//! `MOOT_BENCH_SECONDS` sets the time per pack. The earlier stages
//! (normalise, split) are measured alone first, to show where the time
//! goes. The importer's target is at least 50 MB/s overall.

use std::hint::black_box;
use std::time::{Duration, Instant};

/// One pack's measurement.
struct Measure {
    name: String,
    bytes: usize,
    runs: u32,
    elapsed: Duration,
}

impl Measure {
    fn megabytes_per_second(&self) -> f64 {
        megabytes_per_second(self.bytes * self.runs as usize, self.elapsed)
    }
}

fn megabytes_per_second(bytes: usize, elapsed: Duration) -> f64 {
    bytes as f64 / 1e6 / elapsed.as_secs_f64().max(f64::MIN_POSITIVE)
}

/// Every `*.txt` pack in the shared corpus, by name.
fn corpus_packs() -> Vec<(String, String)> {
    moot_testdata::corpus_files()
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            (name.into_owned(), text)
        })
        .collect()
}

/// Runs `stage` on one pack repeatedly for `budget` after a warm-up run.
fn measure(name: &str, text: &str, budget: Duration, stage: &dyn Fn(&str)) -> Measure {
    stage(text);
    let started = Instant::now();
    let mut runs = 0;
    while runs == 0 || started.elapsed() < budget {
        stage(black_box(text));
        runs += 1;
    }
    Measure {
        name: name.to_owned(),
        bytes: text.len(),
        runs,
        elapsed: started.elapsed(),
    }
}

fn report(title: &str, measures: &[Measure]) {
    println!("{title}");
    for m in measures {
        println!(
            "  {:<32} {:>9} bytes {:>5} runs {:>8.1} MB/s",
            m.name,
            m.bytes,
            m.runs,
            m.megabytes_per_second()
        );
    }
    let bytes: usize = measures.iter().map(|m| m.bytes * m.runs as usize).sum();
    let elapsed: Duration = measures.iter().map(|m| m.elapsed).sum();
    println!(
        "  overall: {:.1} MB/s on one core ({} packs)",
        megabytes_per_second(bytes, elapsed),
        measures.len()
    );
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not, and
    // then one quick run checks that the benchmark works.
    let benching = std::env::args().any(|a| a == "--bench");
    let seconds = std::env::var("MOOT_BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .unwrap_or(if benching { 1.0 } else { 0.0 });
    let budget = Duration::from_secs_f64(seconds);
    let packs = corpus_packs();
    let run = |title: &str, stage: &dyn Fn(&str)| {
        let measures: Vec<Measure> = packs
            .iter()
            .map(|(name, text)| measure(name, text, budget, stage))
            .collect();
        report(title, &measures);
    };

    run("normalise", &|text| {
        black_box(moot_import::normalise::normalise(text));
    });
    run("normalise + split", &|text| {
        let doc = moot_import::normalise::normalise(text);
        black_box(moot_import::split::split(&doc));
    });
    run("extract_text (whole pipeline)", &|text| {
        black_box(moot_import::extract_text(text));
    });
}
