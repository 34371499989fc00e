//! The benchmark's course: generate packs, import them with the real
//! `moot import` in batches (timing each batch's CPU), copy the same
//! passages into SQLite FTS5, start the real `moot serve`, and load both
//! over HTTP; at each size in turn, in one database that grows.

use crate::fts::{self, Fts};
use crate::generate::Generator;
use crate::load_client::{self, Run};
use moot_store::{DocumentId, Store};
use moot_store_sqlite::SqliteStore;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// What goes wrong in a run, said in a sentence.
pub type Error = Box<dyn std::error::Error>;

/// Queries besides the judged ones: common council words and phrases,
/// chosen before any measurement and never tuned.
const COUNCIL_WORDS: [&str; 30] = [
    "budget",
    "social care",
    "public health",
    "children",
    "safeguarding",
    "housing",
    "planning application",
    "council tax",
    "transport",
    "education",
    "adult social care",
    "mental health",
    "school",
    "consultation",
    "performance",
    "finance",
    "policy",
    "strategy",
    "commissioning",
    "funding",
    "waste",
    "libraries",
    "highways",
    "recruitment",
    "carers",
    "dementia",
    "pooled budget",
    "domestic abuse",
    "obesity",
    "apprenticeships",
];

/// How a run is set.
pub struct Settings {
    /// The sizes (packs in the database) measured, ascending.
    pub sizes: Vec<usize>,
    /// The seed the packs are generated from.
    pub seed: u64,
    /// Packs timed at the start and at the end of each size.
    pub edge: usize,
    /// Packs per `moot import` run in between.
    pub chunk: usize,
    /// How long each load run may last.
    pub limit: Duration,
    /// Requests per load run at most.
    pub requests: i64,
    /// The `moot` binary.
    pub moot: PathBuf,
    /// Where the packs, the database, its index and the FTS5 copy go.
    pub dir: PathBuf,
    /// Whether to say what is happening on stderr.
    pub verbose: bool,
}

/// One `moot import` run.
pub struct Batch {
    /// Packs imported.
    pub packs: usize,
    /// CPU time of the `moot import` process (user and system).
    pub cpu: Duration,
    /// Wall time of the run.
    pub wall: Duration,
}

impl Batch {
    /// CPU per pack, in ms.
    pub fn cpu_per_pack(&self) -> f64 {
        self.cpu.as_secs_f64() * 1e3 / self.packs.max(1) as f64
    }
}

/// The figures at one size.
pub struct SizeReport {
    /// Packs in the database.
    pub size: usize,
    /// The first packs into the empty database (at the first size only).
    pub first: Option<Batch>,
    /// The packs between the first and the last.
    pub middle: Vec<Batch>,
    /// The last packs before this size (none when an earlier run in the
    /// same directory imported them).
    pub last: Option<Batch>,
    /// Tantivy segments after the import, and once `moot serve` answers.
    pub segments: (usize, usize),
    /// Bytes of the search index (once `moot serve` answers), of the
    /// database, of the FTS5 copy.
    pub bytes: (u64, u64, u64),
    /// Passages in the FTS5 copy.
    pub passages: usize,
    /// How long `moot serve` took to answer.
    pub serve_ready: Duration,
    /// Search, one client: Moot, FTS5.
    pub sequential: (Run, Run),
    /// Search, 16 clients: Moot, FTS5.
    pub concurrent: (Run, Run),
    /// The largest meeting page with 64 clients, and the same bytes as a
    /// static file.
    pub page: (Run, Run),
    /// The page's address and size.
    pub page_target: (String, usize),
}

/// The 50 queries: the judged ones' texts, then [`COUNCIL_WORDS`].
pub fn queries() -> Result<Vec<String>, Error> {
    let path = moot_testdata::shared("search/qrels.json");
    let qrels: serde_json::Value = serde_json::from_slice(&std::fs::read(&path)?)?;
    let mut queries: Vec<String> = qrels["queries"]
        .as_array()
        .ok_or("qrels.json has no queries")?
        .iter()
        .filter_map(|q| q["text"].as_str().map(str::to_owned))
        .collect();
    queries.extend(COUNCIL_WORDS.iter().map(|w| (*w).to_owned()));
    Ok(queries)
}

/// CPU time of this process's waited-for children (user and system), as
/// the kernel accounts it for `getrusage(RUSAGE_CHILDREN)`; read from
/// `/proc/self/stat` (`cutime`, `cstime`, in USER_HZ, 100 a second).
fn children_cpu() -> Result<Duration, Error> {
    let stat = std::fs::read_to_string("/proc/self/stat")?;
    let after_name = stat.rsplit_once(')').ok_or("/proc/self/stat unreadable")?.1;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // Fields 16 and 17 of stat(5); field 3 is the first after the name.
    let ticks: u64 = [13, 14]
        .iter()
        .map(|&i| fields.get(i).and_then(|f| f.parse::<u64>().ok()))
        .sum::<Option<u64>>()
        .ok_or("no cutime/cstime in /proc/self/stat")?;
    Ok(Duration::from_millis(ticks * 10))
}

/// How many packs the database at `db` holds (none when it is missing).
fn imported(db: &Path) -> Result<usize, Error> {
    if !db.exists() {
        return Ok(0);
    }
    let last = SqliteStore::open(db)?.revision()?.last_document;
    Ok(usize::try_from(last)?)
}

/// The batches first, between and last.
type Batches = (Option<Batch>, Vec<Batch>, Option<Batch>);

/// Imports packs `done..size`: the first packs of an empty database, the
/// packs between in chunks, and the last packs before `size`, each timed.
fn import_to(
    settings: &Settings,
    generator: &Generator,
    mut done: usize,
    size: usize,
) -> Result<Batches, Error> {
    let edge = settings.edge.min((size - done) / 3).max(1);
    let first = if done == 0 {
        let batch = import(settings, generator, 0..edge)?;
        done = edge;
        Some(batch)
    } else {
        None
    };
    let mut middle = Vec::new();
    while done < size - edge {
        let end = (done + settings.chunk).min(size - edge);
        middle.push(import(settings, generator, done..end)?);
        done = end;
    }
    let last = import(settings, generator, done..size)?;
    Ok((first, middle, Some(last)))
}

/// Generates packs `range` and imports them with one `moot import` run.
fn import(
    settings: &Settings,
    generator: &Generator,
    range: std::ops::Range<usize>,
) -> Result<Batch, Error> {
    let dir = settings.dir.join(format!("packs-{}", range.start));
    let packs = range.len();
    generator.write(range, &dir)?;
    let cpu_before = children_cpu()?;
    let start = Instant::now();
    let out = Command::new(&settings.moot)
        .arg("import")
        .arg("--db")
        .arg(settings.dir.join("moot.db"))
        .arg(&dir)
        .stdin(Stdio::null())
        .output()?;
    let wall = start.elapsed();
    let cpu = children_cpu()? - cpu_before;
    std::fs::remove_dir_all(&dir)?;
    let summary = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() || !summary.starts_with(&format!("{packs} imported")) {
        return Err(format!(
            "moot import did not import all {packs} packs: {}{}",
            summary.trim(),
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    if settings.verbose {
        eprintln!(
            "imported {packs} packs: {:.0} ms CPU per pack, {:.1} s",
            cpu.as_secs_f64() * 1e3 / packs as f64,
            wall.as_secs_f64()
        );
    }
    Ok(Batch { packs, cpu, wall })
}

/// How many segments the tantivy index at `dir` lists in its `meta.json`.
fn segments(dir: &Path) -> Result<usize, Error> {
    let meta: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join("meta.json"))?)?;
    Ok(meta["segments"].as_array().map_or(0, Vec::len))
}

/// Bytes of the files at `paths` (directories walked); missing ones
/// count nothing.
fn bytes(paths: &[PathBuf]) -> u64 {
    paths
        .iter()
        .map(|p| match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => std::fs::read_dir(p)
                .map(|entries| {
                    let inner: Vec<PathBuf> =
                        entries.filter_map(|e| Some(e.ok()?.path())).collect();
                    bytes(&inner)
                })
                .unwrap_or(0),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

/// A database file with its write-ahead log and shared memory.
fn with_wal(db: &Path) -> Vec<PathBuf> {
    ["", "-wal", "-shm"]
        .iter()
        .map(|suffix| {
            let mut name = db.as_os_str().to_owned();
            name.push(suffix);
            PathBuf::from(name)
        })
        .collect()
}

/// `moot serve` as a child process; killed when dropped.
struct Served {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `moot serve` on a free port and waits until it says where it
/// serves (after it has mended its index); its log is kept to warnings,
/// as the reference server logs nothing.
fn serve(settings: &Settings) -> Result<Served, Error> {
    let mut child = Command::new(&settings.moot)
        .arg("serve")
        .arg("--db")
        .arg(settings.dir.join("moot.db"))
        .arg("--addr")
        .arg("127.0.0.1:0")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut stderr = BufReader::new(child.stderr.take().ok_or("no stderr")?);
    let mut served = Served {
        child,
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
    };
    let mut line = String::new();
    loop {
        line.clear();
        if stderr.read_line(&mut line)? == 0 {
            return Err("moot serve stopped before serving".into());
        }
        if let Some(addr) = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.trim().trim_end_matches('/').parse().ok())
        {
            served.addr = addr;
            break;
        }
    }
    // Keeps reading, so a full pipe never stops the server.
    std::thread::spawn(move || {
        let mut sink = String::new();
        while stderr.read_line(&mut sink).is_ok_and(|n| n > 0) {
            sink.clear();
        }
    });
    Ok(served)
}

/// The meeting whose page holds the most (agenda items, reports and
/// minutes' items) among the meetings of the last `candidates`
/// documents imported (the latest variant of each corpus pack, so the
/// largest page the packs make), by the store. Asking the store about
/// every meeting would cost minutes at 1,000 packs.
fn largest_meeting(store: &SqliteStore, documents: usize, candidates: usize) -> Result<i64, Error> {
    let mut best = (0, 0);
    for document in documents.saturating_sub(candidates) + 1..=documents {
        let record = store.document(DocumentId(document as i64))?;
        let Some(meeting) = record.meeting else {
            continue;
        };
        let detail = store.meeting(meeting.id)?;
        let items = detail.agenda.len()
            + detail.reports.len()
            + detail.minutes.iter().map(|m| m.items.len()).sum::<usize>();
        best = best.max((items, meeting.id.0));
    }
    match best {
        (0, _) => Err("no meeting has anything on its page".into()),
        (_, id) => Ok(id),
    }
}

/// One GET over a fresh connection: the body's bytes (after checking
/// for 200).
async fn body(addr: SocketAddr, target: &str) -> Result<Vec<u8>, Error> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await?;
    stream
        .write_all(
            format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
        .await?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await?;
    let head_end = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("a response without a head")?;
    let head = String::from_utf8_lossy(&response[..head_end]).to_ascii_lowercase();
    if !head.starts_with("http/1.1 200") {
        return Err(format!("GET {target}: {}", head.lines().next().unwrap_or("")).into());
    }
    if head.contains("transfer-encoding: chunked") {
        return Err(format!("GET {target} came chunked").into());
    }
    Ok(response[head_end + 4..].to_vec())
}

/// Runs the benchmark; returns the figures at each size.
pub fn run(settings: &Settings) -> Result<Vec<SizeReport>, Error> {
    let say = |what: &str| {
        if settings.verbose {
            eprintln!("{what}");
        }
    };
    let queries = queries()?;
    let encoded: Vec<String> = queries
        .iter()
        .map(|q| moot_web::query_string::encode(q))
        .collect();
    let moot_targets: Vec<String> = encoded
        .iter()
        .map(|q| format!("/api/search?q={q}"))
        .collect();
    let fts_targets: Vec<String> = encoded.iter().map(|q| format!("/fts?q={q}")).collect();
    std::fs::create_dir_all(&settings.dir)?;
    let generator = Generator::from_corpus(settings.seed);
    let db = settings.dir.join("moot.db");
    let index = moot_search::index_path(&db);
    let mut fts = Fts::open(&settings.dir.join("fts5.db"))?;
    let clients = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let mut reports = Vec::new();
    // A directory kept from an earlier run goes on from the packs it holds.
    let mut done = imported(&db)?;
    for &size in &settings.sizes {
        let (first, middle, last) = if size <= done {
            say(&format!("{done} packs imported by an earlier run"));
            (None, Vec::new(), None)
        } else {
            say(&format!("importing packs {done} to {size}"));
            let batches = import_to(settings, &generator, done, size)?;
            done = size;
            batches
        };
        let segments_imported = segments(&index)?;

        say("copying passages into FTS5");
        let store = SqliteStore::open(&db)?;
        fts.catch_up(&store)?;
        fts.optimize()?;

        say("starting moot serve");
        let start = Instant::now();
        let served = serve(settings)?;
        let serve_ready = start.elapsed();
        let segments_serving = segments(&index)?;
        let meeting = largest_meeting(&store, size, generator.bases())?;
        let page_target = format!("/meetings/{meeting}");
        let page = clients.block_on(body(served.addr, &page_target))?;
        let page_bytes = page.len();
        let reference = fts::serve(fts.path(), page)?;

        say("searching");
        let load = |addr, name: &str, targets: &[String], n, requests| {
            clients.block_on(load_client::run(
                addr,
                name,
                targets,
                n,
                requests,
                settings.limit,
            ))
        };
        let warm = queries.len() as i64;
        load(served.addr, "warm", &moot_targets, 1, warm);
        load(reference.addr, "warm", &fts_targets, 1, warm);
        let rounds = 5 * warm;
        let sequential = (
            load(served.addr, "Moot search", &moot_targets, 1, rounds),
            load(reference.addr, "FTS5 search", &fts_targets, 1, rounds),
        );
        let concurrent = (
            load(
                served.addr,
                "Moot search",
                &moot_targets,
                16,
                settings.requests,
            ),
            load(
                reference.addr,
                "FTS5 search",
                &fts_targets,
                16,
                settings.requests,
            ),
        );

        say("loading the largest meeting page");
        let page_run = std::slice::from_ref(&page_target);
        let static_run = ["/static".to_owned()];
        load(served.addr, "warm", page_run, 64, 256);
        load(reference.addr, "warm", &static_run, 64, 256);
        let page = (
            load(served.addr, "meeting page", page_run, 64, settings.requests),
            load(
                reference.addr,
                "static file",
                &static_run,
                64,
                settings.requests,
            ),
        );
        drop(served);
        drop(reference);

        reports.push(SizeReport {
            size,
            first,
            middle,
            last,
            segments: (segments_imported, segments_serving),
            bytes: (
                bytes(std::slice::from_ref(&index)),
                bytes(&with_wal(&db)),
                bytes(&with_wal(fts.path())),
            ),
            passages: fts.passages,
            serve_ready,
            sequential,
            concurrent,
            page,
            page_target: (page_target, page_bytes),
        });
    }
    Ok(reports)
}

/// Answers that were not 200, over every load run at one size.
pub fn failures(r: &SizeReport) -> usize {
    [
        &r.sequential.0,
        &r.sequential.1,
        &r.concurrent.0,
        &r.concurrent.1,
        &r.page.0,
        &r.page.1,
    ]
    .iter()
    .map(|run| run.failures)
    .sum()
}

fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1e6)
}

fn latency(run: &Run) -> String {
    format!("{:.2} / {:.2}", run.percentile(0.5), run.percentile(0.99))
}

fn rate(run: &Run) -> String {
    format!(
        "{:.0} ({:.2} / {:.2})",
        run.per_second(),
        run.percentile(0.5),
        run.percentile(0.99)
    )
}

/// The figures as one table: a row per figure, a column per size.
pub fn table(reports: &[SizeReport]) -> String {
    type Row = (&'static str, fn(&SizeReport) -> String);
    let rows: Vec<Row> = vec![
        ("import CPU ms/pack, first packs", |r| {
            r.first.as_ref().map_or("-".into(), |b| {
                format!("{:.0} ({})", b.cpu_per_pack(), b.packs)
            })
        }),
        ("import CPU ms/pack, packs between", |r| {
            let (cpu, packs) = r
                .middle
                .iter()
                .fold((Duration::ZERO, 0), |(c, p), b| (c + b.cpu, p + b.packs));
            let per = Batch {
                packs,
                cpu,
                wall: Duration::ZERO,
            }
            .cpu_per_pack();
            if packs == 0 {
                "-".into()
            } else {
                format!("{per:.0} ({packs})")
            }
        }),
        ("import CPU ms/pack, last packs", |r| {
            r.last.as_ref().map_or("-".into(), |b| {
                format!("{:.0} ({})", b.cpu_per_pack(), b.packs)
            })
        }),
        ("import wall s, all packs to this size", |r| {
            let all: Vec<&Batch> = r.first.iter().chain(&r.middle).chain(&r.last).collect();
            if all.is_empty() {
                return "-".into();
            }
            format!(
                "{:.0}",
                all.iter().map(|b| b.wall.as_secs_f64()).sum::<f64>()
            )
        }),
        ("index segments: imported / serving", |r| {
            format!("{} / {}", r.segments.0, r.segments.1)
        }),
        ("moot serve ready after, s", |r| {
            format!("{:.1}", r.serve_ready.as_secs_f64())
        }),
        ("MB: index / database / FTS5", |r| {
            format!("{} / {} / {}", mb(r.bytes.0), mb(r.bytes.1), mb(r.bytes.2))
        }),
        ("FTS5 passages", |r| r.passages.to_string()),
        ("search 1 client p50/p99 ms: Moot", |r| {
            latency(&r.sequential.0)
        }),
        ("search 1 client p50/p99 ms: FTS5", |r| {
            latency(&r.sequential.1)
        }),
        ("search 16 clients req/s (p50/p99): Moot", |r| {
            rate(&r.concurrent.0)
        }),
        ("search 16 clients req/s (p50/p99): FTS5", |r| {
            rate(&r.concurrent.1)
        }),
        ("largest meeting page, bytes", |r| {
            format!("{} {}", r.page_target.0, r.page_target.1)
        }),
        ("page 64 clients req/s (p50/p99): Moot", |r| rate(&r.page.0)),
        ("page 64 clients req/s (p50/p99): static", |r| {
            rate(&r.page.1)
        }),
        ("answers not 200", |r| failures(r).to_string()),
    ];
    let mut out = format!("{:<42}", "packs");
    for r in reports {
        out.push_str(&format!(" | {:>28}", r.size));
    }
    out.push('\n');
    for (name, cell) in rows {
        out.push_str(&format!("{name:<42}"));
        for r in reports {
            out.push_str(&format!(" | {:>28}", cell(r)));
        }
        out.push('\n');
    }
    out
}
