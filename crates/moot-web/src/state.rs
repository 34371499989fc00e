//! The state every handler shares: where the database is, and a small pool
//! of open connections (a rusqlite connection is `Send` but not `Sync`, so
//! each request takes one for itself and gives it back).

use crate::error::{Failure, Format};
use moot_store_sqlite::SqliteStore;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// How many idle connections are kept for reuse.
const POOL_SIZE: usize = 8;

/// The shared state: the database path and idle connections.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    db: PathBuf,
    idle: Mutex<Vec<SqliteStore>>,
}

impl AppState {
    /// State for the database at `db`, which is opened (and migrated) once
    /// now so a bad path fails at start rather than on the first request.
    pub fn open(db: PathBuf) -> Result<AppState, moot_store::StoreError> {
        let first = SqliteStore::open(&db)?;
        Ok(AppState {
            inner: Arc::new(Inner {
                db,
                idle: Mutex::new(vec![first]),
            }),
        })
    }

    /// Runs `read` on a pooled connection on the blocking thread pool.
    pub async fn read<T, F>(&self, format: Format, read: F) -> Result<T, Failure>
    where
        T: Send + 'static,
        F: FnOnce(&SqliteStore) -> Result<T, moot_store::StoreError> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        let outcome = tokio::task::spawn_blocking(move || {
            let store = match inner.take() {
                Some(store) => store,
                None => SqliteStore::open(&inner.db)?,
            };
            let result = read(&store);
            inner.give_back(store);
            result
        })
        .await;
        match outcome {
            Ok(result) => result.map_err(|e| Failure::from_store(e, format)),
            Err(_) => Err(Failure::internal(format, "a read task failed")),
        }
    }
}

impl Inner {
    fn take(&self) -> Option<SqliteStore> {
        self.idle.lock().ok()?.pop()
    }

    fn give_back(&self, store: SqliteStore) {
        if let Ok(mut idle) = self.idle.lock() {
            if idle.len() < POOL_SIZE {
                idle.push(store);
            }
        }
    }
}
