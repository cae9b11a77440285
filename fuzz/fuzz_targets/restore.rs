//! Restoration of arbitrary bytes (decoded lossily) keeps its invariants; see `src/checks.rs`.
#![no_main]

#[allow(dead_code)]
#[path = "../src/checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::restore(data));
