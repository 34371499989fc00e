//! Fuzzes the importer's whole pipeline from bytes: decoding, normalising,
//! splitting and every parser. Any panic is a bug (the importer never fails
//! on text, it returns what it found plus diagnostics).
//!
//! Run from the repository root with a nightly toolchain:
//! `cargo +nightly fuzz run extract -- -max_total_time=600`, seeding with
//! the corpus packs: `cargo +nightly fuzz run extract ../shared/corpus`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // Refusing bytes that are not text is an answer, not a failure.
    let _ = moot_import::extract(data);
});
