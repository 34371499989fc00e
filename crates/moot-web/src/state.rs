//! The state every handler shares: where the database is, a small pool
//! of open connections (a rusqlite connection is `Send` but not `Sync`, so
//! each request takes one for itself and gives it back), and the search
//! index, opened once with one long-lived reader.
//!
//! At most [`POOL_SIZE`] reads run at once; more wait for a connection
//! rather than open one each (opening checks the schema, which under load
//! cost more than the reads themselves).

use crate::error::{Failure, Format};
use moot_search::{Refresh, SearchError, SearchIndex, SearchQuery, SearchResults};
use moot_store_sqlite::SqliteStore;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

/// How many idle connections are kept for reuse.
const POOL_SIZE: usize = 8;

/// The shared state: the database path, idle connections and the index.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    db: PathBuf,
    idle: Mutex<Vec<SqliteStore>>,
    /// One permit per connection the pool keeps.
    readers: Semaphore,
    search: SearchIndex,
}

impl AppState {
    /// State for the database at `db` with its index in the default place
    /// beside it ([`moot_search::index_path`]).
    pub fn open(db: PathBuf) -> Result<AppState, SearchError> {
        let index = moot_search::index_path(&db);
        AppState::open_with_index(db, &index)
    }

    /// State for the database at `db` and the search index in `index`.
    /// The database is opened (and migrated) now so a bad path fails at
    /// start rather than on the first request, and a missing or stale
    /// index is rebuilt from it before the site answers.
    pub fn open_with_index(db: PathBuf, index: &Path) -> Result<AppState, SearchError> {
        let first = SqliteStore::open(&db)?;
        let search = SearchIndex::open(index)?;
        if search.refresh(&first)? == Refresh::Rebuilt {
            tracing::info!(index = %index.display(), "rebuilt the search index from the database");
        }
        Ok(AppState {
            inner: Arc::new(Inner {
                db,
                idle: Mutex::new(vec![first]),
                readers: Semaphore::new(POOL_SIZE),
                search,
            }),
        })
    }

    /// Runs `read` on a pooled connection on the blocking thread pool.
    pub async fn read<T, F>(&self, format: Format, read: F) -> Result<T, Failure>
    where
        T: Send + 'static,
        F: FnOnce(&SqliteStore) -> Result<T, moot_store::StoreError> + Send + 'static,
    {
        let _permit = self
            .inner
            .readers
            .acquire()
            .await
            .map_err(|_| Failure::internal(format, "the connection pool is closed"))?;
        let inner = Arc::clone(&self.inner);
        blocking(format, move || {
            let store = match inner.take() {
                Some(store) => store,
                None => SqliteStore::open(&inner.db)?,
            };
            let result = read(&store);
            inner.give_back(store);
            result
        })
        .await?
        .map_err(|e| Failure::from_store(e, format))
    }

    /// Runs `query` on the search index on the blocking thread pool.
    pub async fn search(
        &self,
        format: Format,
        query: SearchQuery,
    ) -> Result<SearchResults, Failure> {
        let inner = Arc::clone(&self.inner);
        blocking(format, move || inner.search.search(&query))
            .await?
            .map_err(|e| Failure::internal(format, &e.to_string()))
    }
}

/// Runs `work` on the blocking thread pool; a task that panicked is our
/// fault.
async fn blocking<T, F>(format: Format, work: F) -> Result<T, Failure>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|_| Failure::internal(format, "a blocking task failed"))
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
