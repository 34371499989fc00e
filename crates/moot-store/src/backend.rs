//! How a server reaches a database without knowing which: a [`Backend`]
//! opens [`Database`] connections, each every storage trait at once, as
//! trait objects.
//!
//! `moot-web` holds an `Arc<dyn Backend>` and hands its handlers
//! `&dyn Database` / `&mut dyn Database`; `moot-cli` builds the backend
//! (SQLite today, from `moot-store-sqlite`) and passes it in. A trait
//! object rather than a type parameter keeps the site's state, routers and
//! handlers free of a backend parameter; one virtual call per store method
//! is nothing beside the query behind it.

use crate::{AccountStore, AuditLog, ClerkStore, Store, StoreError};

/// One connection to a Moot database: everything a store offers.
pub trait Database: Store + ClerkStore + AccountStore + AuditLog + Send {
    /// A number that moves whenever another connection (of this process or
    /// another) commits a change to the database, whatever it changed;
    /// this connection's own commits need not move it. The site's page
    /// cache keeps pages until it moves, so a backend that cannot tell
    /// must return a new number each time.
    fn data_version(&self) -> Result<i64, StoreError>;
}

/// Where a database is, and how to open connections to it.
pub trait Backend: Send + Sync {
    /// Opens a new connection, bringing the schema up to date first if
    /// needed (so a bad address fails here, at start).
    fn connect(&self) -> Result<Box<dyn Database>, StoreError>;
}
