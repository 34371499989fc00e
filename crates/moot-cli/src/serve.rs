//! `moot serve`: the public site (HTML pages and their JSON twins) over
//! the database, until stopped with Ctrl-C (or SIGTERM). A missing or
//! stale search index is rebuilt before the site answers.
//!
//! `--bank-holidays FILE` (or `MOOT_BANK_HOLIDAYS`) replaces the bank
//! holiday list the notice check counts with; `--site-name NAME` (or
//! `MOOT_SITE_NAME`) names the site after the council.
//!
//! `--demo` serves the embedded example packs (see `demo.rs`) from a
//! temporary database instead, removed when the server stops.

use crate::database::DbArgs;
use anyhow::{Context, Result};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `moot serve`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArgs,
    /// The address and port to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Serve the example packs that ship with Moot from a temporary
    /// database (removed on exit) instead of --db.
    #[arg(long, conflicts_with = "db")]
    demo: bool,
    /// The address the public reaches the site at, e.g.
    /// https://moot.example.gov.uk/ behind a TLS proxy; with https,
    /// cookies are marked Secure [default: $MOOT_PUBLIC_URL].
    #[arg(long, value_name = "URL")]
    public_url: Option<String>,
    /// The host names the site answers to (a request naming another is
    /// refused); repeat or separate with commas; `*` for any [default:
    /// $MOOT_ALLOWED_HOSTS, else the --addr host, localhost and the
    /// --public-url host].
    #[arg(long, value_name = "HOST", value_delimiter = ',')]
    allowed_hosts: Vec<String>,
    /// A reverse proxy (address or network, e.g. 10.0.0.0/8) whose
    /// X-Forwarded-For names the client, for the sign-in rate limit;
    /// repeat or separate with commas [default: $MOOT_TRUSTED_PROXY].
    #[arg(long, value_name = "ADDR", value_delimiter = ',')]
    trusted_proxy: Vec<String>,
    /// The most connections open at once [default: the open-file limit,
    /// raised to its maximum, less 256].
    #[arg(long, value_name = "N")]
    max_connections: Option<usize>,
    /// A newer bank holiday list for the notice check (lines
    /// `YYYY-MM-DD name`, `#` comments), instead of the one shipped
    /// [default: $MOOT_BANK_HOLIDAYS].
    #[arg(long, value_name = "FILE")]
    bank_holidays: Option<PathBuf>,
    /// The council's name for the site, shown in the header, every
    /// page's title and the footer, e.g. "Ashworth Borough Council"
    /// [default: $MOOT_SITE_NAME, else Moot].
    #[arg(long, value_name = "NAME")]
    site_name: Option<String>,
}

/// Opens the database (or builds the demo one) and serves the site on
/// `--addr`.
pub fn run(args: &Args) -> Result<ExitCode> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,tower_http=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    // Held until the server stops: dropping it removes the demo database.
    let demo_dir = if args.demo {
        Some(demo_database()?)
    } else {
        None
    };
    let (path, index, what) = match &demo_dir {
        Some((_, path)) => (
            path.clone(),
            moot_search::index_path(path),
            "the demo".to_owned(),
        ),
        None => {
            let path = args.db.path();
            let what = path.display().to_string();
            (path, args.db.index_path(), what)
        }
    };
    let backend = std::sync::Arc::new(moot_store_sqlite::SqliteBackend::new(path.clone()));
    let state = moot_web::AppState::open(backend, &index).with_context(|| {
        format!(
            "cannot open database {} with search index {}",
            path.display(),
            index.display()
        )
    })?;
    if let Some(url) = args
        .public_url
        .clone()
        .or_else(|| std::env::var("MOOT_PUBLIC_URL").ok())
    {
        state
            .set_public_url(&url)
            .map_err(|problem| anyhow::anyhow!("--public-url: {problem}"))?;
    }
    if let Some(name) = args
        .site_name
        .clone()
        .or_else(|| std::env::var("MOOT_SITE_NAME").ok())
    {
        state.set_site_name(&name);
    }
    state.set_allowed_hosts(listed(&args.allowed_hosts, "MOOT_ALLOWED_HOSTS"));
    let proxies = listed(&args.trusted_proxy, "MOOT_TRUSTED_PROXY").join(",");
    state.set_trusted_proxies(
        moot_web::proxy::TrustedProxy::parse_list(&proxies)
            .map_err(|problem| anyhow::anyhow!("--trusted-proxy: {problem}"))?,
    );
    state.set_limits(moot_web::Limits {
        max_connections: args.max_connections.unwrap_or_else(connection_cap),
        ..moot_web::Limits::default()
    });
    if let Some(file) = args
        .bank_holidays
        .clone()
        .or_else(|| std::env::var_os("MOOT_BANK_HOLIDAYS").map(PathBuf::from))
    {
        state.set_bank_holidays(bank_holidays(&file)?);
    }
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        let stop = stop_signal();
        eprintln!("moot: serving {what} on http://{}/", listener.local_addr()?);
        moot_web::serve_until(listener, state, stop)
            .await
            .context("the server stopped")
    })?;
    Ok(ExitCode::SUCCESS)
}

/// The values of a repeatable flag, else of the comma-separated
/// environment variable `env`.
fn listed(flag: &[String], env: &str) -> Vec<String> {
    let values: Vec<String> = if flag.is_empty() {
        std::env::var(env)
            .unwrap_or_default()
            .split(',')
            .map(str::to_owned)
            .collect()
    } else {
        flag.to_vec()
    };
    values
        .into_iter()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .collect()
}

/// Descriptors kept free of connections: the database, its index's
/// files, the log.
const RESERVED_FILES: u64 = 256;

/// The connection cap when none is given: the open-file limit, raised
/// from its soft value to the most the system allows (typically from
/// 1024 to 524288 under systemd), less [`RESERVED_FILES`], so connections
/// never starve `accept` (or the database) of descriptors.
fn connection_cap() -> usize {
    let limit = rlimit::increase_nofile_limit(u64::MAX).unwrap_or(1024);
    let cap = limit.saturating_sub(RESERVED_FILES).max(16);
    usize::try_from(cap).unwrap_or(usize::MAX)
}

/// Reads the bank holiday list in `file`; a bad line fails the start,
/// naming the file and the line.
pub(crate) fn bank_holidays(file: &std::path::Path) -> Result<moot_clerk::BankHolidays> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("cannot read the bank holiday list {}", file.display()))?;
    moot_clerk::BankHolidays::parse(&text)
        .with_context(|| format!("the bank holiday list {} is not usable", file.display()))
}

/// A temporary directory holding a database with the demo packs imported.
fn demo_database() -> Result<(tempfile::TempDir, PathBuf)> {
    let dir = tempfile::Builder::new()
        .prefix("moot-demo-")
        .tempdir()
        .context("cannot create a temporary directory for the demo database")?;
    let path = dir.path().join("moot.db");
    let mut store = moot_store_sqlite::SqliteStore::open(&path)
        .with_context(|| format!("cannot create the demo database {}", path.display()))?;
    let added = crate::demo::load(&mut store)?;
    eprintln!(
        "moot: demo database {} holds {} meetings of {} bodies, {} people",
        path.display(),
        added.meetings,
        added.bodies,
        added.people
    );
    demo_accounts(&mut store)?;
    Ok((dir, path))
}

/// One account of each role, named after it, with a password made now
/// and printed (the demo database dies with the server, and so do they).
fn demo_accounts(store: &mut moot_store_sqlite::SqliteStore) -> Result<()> {
    let actor = moot_store::Actor::CommandLine {
        user: "demo".to_owned(),
    };
    for role in moot_store::Role::ALL {
        let token = moot_auth::Token::generate().context("cannot make a demo password")?;
        let password = &token.as_str()[..24];
        let new = moot_store::NewAccount {
            username: role.name(),
            display_name: &format!("Demo {role}"),
            password,
            role,
            person: None,
        };
        moot_store::AccountStore::add_account(store, &actor, &new)?;
        eprintln!("moot: demo account {role} has password {password}");
    }
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM, so the server stops gracefully and the
/// demo database is removed. The handlers are installed when this is
/// called, not when the future is first polled, so a signal sent as soon
/// as the address is announced is caught too. Without handlers it never
/// resolves (the process is then simply killed). Call it inside the
/// runtime.
#[cfg(unix)]
fn stop_signal() -> impl std::future::Future<Output = ()> {
    use tokio::signal::unix::{signal, SignalKind};
    let interrupt = signal(SignalKind::interrupt()).ok();
    let terminate = signal(SignalKind::terminate()).ok();
    async move {
        let wait = |stream: Option<tokio::signal::unix::Signal>| async move {
            match stream {
                Some(mut stream) => {
                    stream.recv().await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            () = wait(interrupt) => {}
            () = wait(terminate) => {}
        }
    }
}

/// Resolves on Ctrl-C, so the server stops gracefully and the demo
/// database is removed.
#[cfg(not(unix))]
fn stop_signal() -> impl std::future::Future<Output = ()> {
    async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}
