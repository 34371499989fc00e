//! The reference the benchmark compares Moot with: SQLite FTS5 (bm25,
//! Porter stemming) over the same passages (`moot_search::passages`), and a static file, both
//! served over HTTP by a small server of the benchmark's own (axum on a
//! multi-threaded runtime, two worker threads, each search on a blocking
//! thread with its own read-only connection), so both sides pay HTTP.
//!
//! `GET /fts?q=…` answers the ten best passages for any of the query's
//! words, as JSON with bm25 score, file, lines and snippet; `GET
//! /static` answers the bytes it was given, as `text/html`.

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use moot_store::{DocumentId, Store, StoreError};
use moot_store_sqlite::SqliteStore;
use rusqlite::Connection;
use std::cell::RefCell;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One passage of a document, as Moot's search cuts them.
pub struct Passage {
    /// The imported file's name.
    pub file: String,
    /// Its first and last line (1-based).
    pub lines: (u32, u32),
    /// Its text.
    pub text: String,
}

/// The passages of document `id` as `moot_search::passages` cuts its
/// public lines (no exempt line), without the records' first lines as
/// extra cuts (those need the index's records); `None` when there is no
/// such document.
pub fn document_passages(
    store: &SqliteStore,
    id: DocumentId,
) -> Result<Option<Vec<Passage>>, StoreError> {
    let record = match store.document(id) {
        Ok(record) => record,
        Err(StoreError::NotFound { .. }) => return Ok(None),
        Err(other) => return Err(other),
    };
    let passages = moot_search::passages(&record.public_lines(), &[])
        .into_iter()
        .map(|p| Passage {
            file: record.file_name.clone(),
            lines: (p.lines.first, p.lines.last),
            text: p.text,
        })
        .collect();
    Ok(Some(passages))
}

/// The FTS5 database the reference server searches.
pub struct Fts {
    path: PathBuf,
    connection: Connection,
    /// The last document copied in.
    last_document: i64,
    /// Passages held.
    pub passages: usize,
}

impl Fts {
    /// Opens the FTS5 database at `path`, creating it when missing; one
    /// kept from an earlier run goes on from the documents it holds.
    pub fn open(path: &Path) -> rusqlite::Result<Fts> {
        let connection = Connection::open(path)?;
        connection.execute_batch(
            "PRAGMA journal_mode = WAL;
             CREATE VIRTUAL TABLE IF NOT EXISTS passages USING fts5(
                 text, file UNINDEXED, first UNINDEXED, last UNINDEXED,
                 tokenize = 'porter unicode61');
             CREATE TABLE IF NOT EXISTS copied (last_document INTEGER NOT NULL);",
        )?;
        let last_document = connection
            .query_row("SELECT max(last_document) FROM copied", [], |row| {
                row.get::<_, Option<i64>>(0)
            })?
            .unwrap_or(0);
        let passages = connection.query_row("SELECT count(*) FROM passages", [], |row| {
            row.get::<_, i64>(0)
        })?;
        Ok(Fts {
            path: path.to_owned(),
            connection,
            last_document,
            passages: usize::try_from(passages).unwrap_or(0),
        })
    }

    /// Copies in the passages of the documents imported since the last
    /// call; returns how many documents it copied.
    pub fn catch_up(&mut self, store: &SqliteStore) -> Result<usize, Box<dyn std::error::Error>> {
        let transaction = self.connection.transaction()?;
        let mut copied = 0;
        {
            let mut insert = transaction.prepare(
                "INSERT INTO passages (text, file, first, last) VALUES (?1, ?2, ?3, ?4)",
            )?;
            while let Some(passages) = document_passages(store, DocumentId(self.last_document + 1))?
            {
                for p in &passages {
                    insert.execute((&p.text, &p.file, p.lines.0, p.lines.1))?;
                }
                self.passages += passages.len();
                self.last_document += 1;
                copied += 1;
            }
        }
        transaction.execute("DELETE FROM copied", [])?;
        transaction.execute(
            "INSERT INTO copied (last_document) VALUES (?1)",
            [self.last_document],
        )?;
        transaction.commit()?;
        Ok(copied)
    }

    /// Merges the FTS5 index's segments into one (FTS5's `optimize`).
    pub fn optimize(&self) -> rusqlite::Result<()> {
        self.connection
            .execute("INSERT INTO passages (passages) VALUES ('optimize')", [])
            .map(drop)
    }

    /// Its file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// An FTS5 query for any of `text`'s words, each quoted.
pub fn any_word(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(" OR ")
}

struct Reference {
    fts: PathBuf,
    page: Vec<u8>,
}

thread_local! {
    static CONNECTION: RefCell<Option<Connection>> = const { RefCell::new(None) };
}

/// The ten best passages for `query` as JSON.
fn search(fts: &Path, query: &str) -> rusqlite::Result<String> {
    CONNECTION.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.is_none() {
            *cell = Some(Connection::open_with_flags(
                fts,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
            )?);
        }
        let connection = cell.as_ref().expect("opened above");
        let mut statement = connection.prepare_cached(
            "SELECT bm25(passages), file, first, last,
                    snippet(passages, 0, '<mark>', '</mark>', '…', 16)
             FROM passages WHERE passages MATCH ?1 ORDER BY bm25(passages) LIMIT 10",
        )?;
        let hits: Vec<serde_json::Value> = statement
            .query_map([any_word(query)], |row| {
                Ok(serde_json::json!({
                    "score": row.get::<_, f64>(0)?,
                    "file": row.get::<_, String>(1)?,
                    "lines": [row.get::<_, i64>(2)?, row.get::<_, i64>(3)?],
                    "snippet": row.get::<_, String>(4)?,
                }))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(serde_json::json!({ "ranked": hits }).to_string())
    })
}

async fn fts_route(State(reference): State<Arc<Reference>>, uri: Uri) -> Response {
    let query = moot_web::query_string::pairs(uri.query().unwrap_or(""))
        .and_then(|pairs| pairs.into_iter().find(|(name, _)| name == "q"))
        .map(|(_, value)| value);
    let Some(query) = query else {
        return (StatusCode::BAD_REQUEST, "q is required").into_response();
    };
    let answer = tokio::task::spawn_blocking(move || search(&reference.fts, &query)).await;
    match answer {
        Ok(Ok(json)) => ([(header::CONTENT_TYPE, "application/json")], json).into_response(),
        Ok(Err(error)) => (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

async fn static_route(State(reference): State<Arc<Reference>>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        Body::from(reference.page.clone()),
    )
        .into_response()
}

/// A running reference server; stops when dropped.
pub struct Server {
    /// Where it listens.
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Starts the reference server on a free loopback port, searching the
/// FTS5 database at `fts` and serving `page` as the static file.
pub fn serve(fts: &Path, page: Vec<u8>) -> std::io::Result<Server> {
    let reference = Arc::new(Reference {
        fts: fts.to_owned(),
        page,
    });
    let app = Router::new()
        .route("/fts", get(fts_route))
        .route("/static", get(static_route))
        .with_state(reference);
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::spawn(move || {
        runtime.block_on(async move {
            let listener =
                tokio::net::TcpListener::from_std(listener).expect("a listener for the runtime");
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await
                .expect("the reference server");
        });
    });
    Ok(Server {
        addr,
        stop: Some(stop),
        thread: Some(thread),
    })
}
