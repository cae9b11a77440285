//! Restoration of arbitrary bytes (decoded lossily) keeps its invariants; see
//! `tests/checks/mod.rs` at the repository root.
#![no_main]

#[allow(dead_code)]
#[path = "../../tests/checks/mod.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::restore(data));
