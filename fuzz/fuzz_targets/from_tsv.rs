//! Parsing arbitrary bytes as a TSV dictionary never panics, and what it accepts works; see
//! `tests/checks/mod.rs` at the repository root.
#![no_main]

#[allow(dead_code)]
#[path = "../../tests/checks/mod.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::from_tsv(data));
