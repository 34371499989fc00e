//! `moot serve`: the public site (HTML pages and their JSON twins) over
//! the database, until stopped with Ctrl-C. A missing or stale search
//! index is rebuilt before the site answers.

use crate::database::DbArgs;
use anyhow::{Context, Result};
use std::net::SocketAddr;
use std::process::ExitCode;

/// Arguments of `moot serve`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArgs,
    /// The address and port to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
}

/// Opens the database and serves the site on `--addr`.
pub fn run(args: &Args) -> Result<ExitCode> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,tower_http=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let path = args.db.path();
    let index = args.db.index_path();
    let state = moot_web::AppState::open_with_index(path.clone(), &index).with_context(|| {
        format!(
            "cannot open database {} with search index {}",
            path.display(),
            index.display()
        )
    })?;
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        eprintln!(
            "moot: serving {} on http://{}/",
            path.display(),
            listener.local_addr()?
        );
        let stop = async {
            // Without a Ctrl-C handler the process is simply killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        };
        axum::serve(listener, moot_web::router(state))
            .with_graceful_shutdown(stop)
            .await
            .context("the server stopped")
    })?;
    Ok(ExitCode::SUCCESS)
}
