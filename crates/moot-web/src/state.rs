//! The state every handler shares: the database's [`Backend`] (which
//! database it is, the site does not know: `moot-cli` builds it), a small
//! pool of open connections (a connection is `Send` but not `Sync`, so
//! each request takes one for itself and gives it back), and the search
//! index, opened once with one long-lived reader. Handlers get a
//! connection as `&dyn Database` (`&mut` for changes).
//!
//! Changes go through [`AppState::write`]: one connection of their own,
//! taken by one change at a time, each change one transaction with its
//! audit entry (the store's write methods see to that). Whether cookies
//! are marked `Secure` is decided once, from the site's public address.
//!
//! The bank holiday list the notice check counts with is held here too:
//! the one shipped with Moot unless `moot serve --bank-holidays FILE`
//! gave a newer one, so the list can be updated without a release.
//!
//! So is the one clock ([`moot_domain::Clock`]): "today" on every page and
//! form is its day in the United Kingdom, and tests set a fixed one.
//!
//! At most [`POOL_SIZE`] reads run at once; more wait for a connection
//! rather than open one each (opening checks the schema, which under load
//! cost more than the reads themselves).

use crate::error::{Failure, Format};
use crate::forms::Errors;
use crate::hosts::{AllowedHosts, PublicUrl};
use crate::page_cache::PageCache;
use crate::proxy::TrustedProxy;
use crate::server::Limits;
use moot_clerk::BankHolidays;
use moot_domain::{Clock, Date, SystemClock};
use moot_search::{Refresh, SearchError, SearchIndex, SearchQuery, SearchResults};
use moot_store::{Backend, Database, StoreError};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use tokio::sync::Semaphore;

/// How many idle connections are kept for reuse.
const POOL_SIZE: usize = 8;

/// The shared state: the database's backend, idle connections and the index.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    backend: Arc<dyn Backend>,
    idle: Mutex<Vec<Box<dyn Database>>>,
    /// One permit per connection the pool keeps.
    readers: Semaphore,
    /// The connection changes are made on, one at a time.
    writer: Mutex<Box<dyn Database>>,
    /// Whether the site is served over TLS (cookies get `Secure`).
    secure: AtomicBool,
    search: SearchIndex,
    /// The bank holidays the notice check counts with.
    holidays: RwLock<Arc<BankHolidays>>,
    /// What "now" and "today" are.
    clock: RwLock<Arc<dyn Clock>>,
    /// The site's settings from configuration.
    settings: RwLock<Arc<Settings>>,
    /// One permit per password check (argon2: 19 MiB and tens of
    /// milliseconds each) that may run at once.
    slow: Semaphore,
    /// A connection that only asks whether the database changed, for the
    /// page cache; it never writes, so every commit moves its answer.
    watcher: Mutex<Box<dyn Database>>,
    /// Public pages rendered since the database last changed.
    pages: Mutex<PageCache>,
}

/// What `moot serve`'s configuration says about how the site is reached.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// `--public-url`: where absolute links point.
    pub public_url: Option<PublicUrl>,
    /// `--allowed-hosts` as given (empty: the defaults).
    pub allowed_hosts: Vec<String>,
    /// Where the site listens (known once it does).
    pub listening: Option<SocketAddr>,
    /// `--trusted-proxy`: whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<TrustedProxy>,
    /// What one client may hold of the server.
    pub limits: Limits,
    /// `--site-name`: the council's own name for the site, in the header,
    /// every title and the footer (`None`: "Moot").
    pub site_name: Option<String>,
}

impl Settings {
    /// The host names the site answers to.
    pub fn allowed_hosts(&self) -> AllowedHosts {
        AllowedHosts::new(
            &self.allowed_hosts,
            self.listening,
            self.public_url.as_ref(),
        )
    }
}

impl AppState {
    /// State for the database `backend` reaches and the search index in
    /// `index`. The database is opened (and migrated) now so a bad
    /// address fails at start rather than on the first request, and a
    /// missing or stale index is rebuilt from it before the site answers.
    pub fn open(backend: Arc<dyn Backend>, index: &Path) -> Result<AppState, SearchError> {
        let first = backend.connect()?;
        let search = SearchIndex::open(index)?;
        if search.refresh(&*first)? == Refresh::Rebuilt {
            tracing::info!(index = %index.display(), "rebuilt the search index from the database");
        }
        let fragmented = search.segments()? > moot_search::MAX_SEGMENTS;
        if !fragmented {
            search.finish()?;
        }
        let writer = backend.connect()?;
        let watcher = backend.connect()?;
        let state = AppState {
            inner: Arc::new(Inner {
                backend,
                idle: Mutex::new(vec![first]),
                readers: Semaphore::new(POOL_SIZE),
                writer: Mutex::new(writer),
                secure: AtomicBool::new(false),
                search,
                holidays: RwLock::new(Arc::new(BankHolidays::shipped())),
                clock: RwLock::new(Arc::new(SystemClock)),
                settings: RwLock::new(Arc::new(Settings::default())),
                slow: Semaphore::new(
                    std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get),
                ),
                watcher: Mutex::new(watcher),
                pages: Mutex::new(PageCache::default()),
            }),
        };
        if fragmented {
            // Searches go on over the segments as they are meanwhile.
            let inner = Arc::clone(&state.inner);
            std::thread::spawn(move || match inner.search.finish() {
                Ok(()) => tracing::info!("merged the fragmented search index"),
                Err(error) => tracing::warn!(%error, "could not merge the search index"),
            });
        }
        Ok(state)
    }

    /// Takes the address the public reaches the site at (`--public-url`):
    /// when it is `https://…`, cookies are marked `Secure`, so browsers
    /// send them only over TLS (a proxy in front terminating TLS is the
    /// usual set-up, so the request itself cannot tell).
    ///
    /// Absolute links (feeds, calendars) are built from it from now on,
    /// never from the request's `Host`. A URL that is not `http(s)://host`
    /// is refused with a sentence saying so.
    pub fn set_public_url(&self, url: &str) -> Result<(), String> {
        let url = PublicUrl::parse(url)?;
        self.inner.secure.store(url.is_https(), Ordering::Relaxed);
        self.change_settings(|s| s.public_url = Some(url));
        Ok(())
    }

    /// Answers only requests naming one of `hosts` (`--allowed-hosts`;
    /// see [`crate::hosts`]) instead of the default names.
    pub fn set_allowed_hosts(&self, hosts: Vec<String>) {
        self.change_settings(|s| s.allowed_hosts = hosts);
    }

    /// Believes `X-Forwarded-For` from these proxies (see
    /// [`crate::proxy`]).
    pub fn set_trusted_proxies(&self, proxies: Vec<TrustedProxy>) {
        self.change_settings(|s| s.trusted_proxies = proxies);
    }

    /// Serves within `limits` (see [`crate::server`]).
    pub fn set_limits(&self, limits: Limits) {
        self.change_settings(|s| s.limits = limits);
    }

    /// Names the site (`--site-name`, e.g. "Ashworth Borough Council"):
    /// the header, every page's title and the footer say it. A blank name
    /// leaves the site called Moot.
    pub fn set_site_name(&self, name: &str) {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        self.change_settings(|s| s.site_name = (!name.is_empty()).then_some(name));
    }

    /// Notes where the site listens (for the default allowed hosts).
    pub(crate) fn set_listening(&self, addr: SocketAddr) {
        self.change_settings(|s| s.listening = Some(addr));
    }

    /// The site's settings now.
    pub fn settings(&self) -> Arc<Settings> {
        self.inner
            .settings
            .read()
            .map_or_else(|_| Arc::new(Settings::default()), |s| Arc::clone(&*s))
    }

    fn change_settings(&self, change: impl FnOnce(&mut Settings)) {
        if let Ok(mut held) = self.inner.settings.write() {
            let mut settings = Settings::clone(&held);
            change(&mut settings);
            *held = Arc::new(settings);
        }
    }

    /// Counts notice with `holidays` from now on, instead of the list
    /// shipped with Moot.
    pub fn set_bank_holidays(&self, holidays: BankHolidays) {
        if let Ok(mut held) = self.inner.holidays.write() {
            *held = Arc::new(holidays);
        }
    }

    /// The bank holidays the notice check counts with.
    pub fn bank_holidays(&self) -> Arc<BankHolidays> {
        self.inner.holidays.read().map_or_else(
            |_| Arc::new(BankHolidays::shipped()),
            |held| Arc::clone(&*held),
        )
    }

    /// Tells the time by `clock` from now on, instead of the system's.
    pub fn set_clock(&self, clock: Arc<dyn Clock>) {
        if let Ok(mut held) = self.inner.clock.write() {
            *held = clock;
        }
    }

    /// The clock the site tells the time by.
    pub fn clock(&self) -> Arc<dyn Clock> {
        self.inner.clock.read().map_or_else(
            |_| Arc::new(SystemClock) as Arc<dyn Clock>,
            |held| Arc::clone(&*held),
        )
    }

    /// Today in the United Kingdom by the site's clock (`None` only for a
    /// clock outside the years a `Date` holds).
    pub fn today(&self) -> Option<Date> {
        self.clock().today()
    }

    /// The database's generation now (see
    /// [`Database::data_version`]); `None` if it cannot be told, and
    /// then nothing is cached.
    pub(crate) fn data_version(&self) -> Option<i64> {
        self.inner.watcher.lock().ok()?.data_version().ok()
    }

    /// The public pages kept for the current generation.
    pub(crate) fn page_cache(&self) -> &Mutex<PageCache> {
        &self.inner.pages
    }

    /// Whether cookies are marked `Secure`.
    pub fn secure_cookies(&self) -> bool {
        self.inner.secure.load(Ordering::Relaxed)
    }

    /// Runs `change` on the write connection on the blocking thread pool,
    /// one change at a time. A [`StoreError::Invalid`] comes back as
    /// `Ok(Err(sentence))`, for the form to show beside its fields; any
    /// other error is a [`Failure`].
    pub async fn write<T, F>(&self, format: Format, change: F) -> Result<Result<T, String>, Failure>
    where
        T: Send + 'static,
        F: FnOnce(&mut dyn Database) -> Result<T, StoreError> + Send + 'static,
    {
        self.write_keeping(format, change, |error| match error {
            StoreError::Invalid(sentence) => Ok(sentence),
            other => Err(other),
        })
        .await
    }

    /// Runs a clerk's `change` like [`AppState::write`], but the faults the
    /// store finds in a form's fields ([`StoreError::Fields`]) come back
    /// as `Ok(Err(errors))`, each beside its field; a role too low is a
    /// 403 and a record in the wrong state a 409 ([`Failure::from_store`]).
    pub async fn change<T, F>(
        &self,
        format: Format,
        change: F,
    ) -> Result<Result<T, Errors>, Failure>
    where
        T: Send + 'static,
        F: FnOnce(&mut dyn Database) -> Result<T, StoreError> + Send + 'static,
    {
        self.write_keeping(format, change, |error| match error {
            StoreError::Fields(faults) => Ok(Errors::from(faults)),
            other => Err(other),
        })
        .await
    }

    /// Runs `change` on the write connection; the errors `keep` takes
    /// are handed back for the form, the rest become a [`Failure`].
    async fn write_keeping<T, E, F>(
        &self,
        format: Format,
        change: F,
        keep: fn(StoreError) -> Result<E, StoreError>,
    ) -> Result<Result<T, E>, Failure>
    where
        T: Send + 'static,
        F: FnOnce(&mut dyn Database) -> Result<T, StoreError> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        let outcome = blocking(format, move || {
            let mut store = inner.writer.lock().map_err(|_| None)?;
            change(&mut **store).map_err(Some)
        })
        .await?;
        match outcome {
            Ok(value) => Ok(Ok(value)),
            Err(Some(error)) => keep(error)
                .map(Err)
                .map_err(|error| Failure::from_store(error, format)),
            Err(None) => Err(Failure::internal(
                format,
                "the write connection is poisoned",
            )),
        }
    }

    /// Runs `read` on a pooled connection on the blocking thread pool.
    pub async fn read<T, F>(&self, format: Format, read: F) -> Result<T, Failure>
    where
        T: Send + 'static,
        F: FnOnce(&dyn Database) -> Result<T, StoreError> + Send + 'static,
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
                None => inner.backend.connect()?,
            };
            let result = read(&*store);
            inner.give_back(store);
            result
        })
        .await?
        .map_err(|e| Failure::from_store(e, format))
    }

    /// Brings the search index up to the database after a change made
    /// here (a clerk publishing an agenda or minutes): it is rebuilt
    /// when the store's revision has moved on.
    pub async fn refresh_search(&self, format: Format) -> Result<(), Failure> {
        let inner = Arc::clone(&self.inner);
        blocking(format, move || {
            let store = match inner.take() {
                Some(store) => store,
                None => inner.backend.connect()?,
            };
            let refreshed = inner.search.refresh(&*store);
            inner.give_back(store);
            refreshed?;
            inner.search.finish()
        })
        .await?
        .map(|_| ())
        .map_err(|e| Failure::internal(format, &e.to_string()))
    }

    /// Runs `work` (a password check: slow and memory-hungry on purpose)
    /// on the blocking thread pool, holding no connection and no lock,
    /// at most one per core at once so a crowd of sign-ins cannot take
    /// the server's memory.
    pub async fn slow_work<T, F>(&self, format: Format, work: F) -> Result<T, Failure>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let _permit = self
            .inner
            .slow
            .acquire()
            .await
            .map_err(|_| Failure::internal(format, "the password check queue closed"))?;
        blocking(format, work).await
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
    fn take(&self) -> Option<Box<dyn Database>> {
        self.idle.lock().ok()?.pop()
    }

    fn give_back(&self, store: Box<dyn Database>) {
        if let Ok(mut idle) = self.idle.lock() {
            if idle.len() < POOL_SIZE {
                idle.push(store);
            }
        }
    }
}
