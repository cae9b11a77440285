//! Parsing arbitrary bytes as a TSV dictionary never panics, and what it accepts works; see
//! `src/checks.rs`.
#![no_main]

#[allow(dead_code)]
#[path = "../src/checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::from_tsv(data));
