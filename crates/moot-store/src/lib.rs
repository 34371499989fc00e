//! Storage interface (in progress).
