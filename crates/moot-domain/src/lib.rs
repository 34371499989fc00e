//! The domain model of Moot: what a council agenda pack records.
//!
//! These are plain values with no behaviour beyond small helpers and no
//! dependencies: the importer fills them, storage keeps them, the web shows
//! them. Serialisation lives at the edges (`moot-format`), so the JSON that
//! users see can change without touching the model.
//!
//! Every record carries [`Lines`]: the 1-based source lines it came from, so a
//! reader can always check a record against the pack.

mod calendar;
mod clock;
mod pack;

pub use calendar::{Date, Time};
pub use clock::{Clock, FixedClock, SystemClock};
pub use pack::*;
