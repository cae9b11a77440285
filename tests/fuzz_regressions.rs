//! Inputs the fuzz targets found (saved in `tests/fuzz_regressions/TARGET/`, one file each, raw
//! bytes as libFuzzer wrote them) run through the targets' own checks, so that `cargo test`
//! covers them without cargo-fuzz. To add one: copy `fuzz/artifacts/TARGET/crash-…` there.

use std::{
    fs,
    panic::{catch_unwind, AssertUnwindSafe},
    path::Path,
};

#[allow(dead_code)]
mod checks;

/// Runs `check` on every saved input of `target`, and fails naming each input that fails.
fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target);
    let mut inputs: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.is_file() && !path.file_name().unwrap().to_string_lossy().starts_with('.')
        })
        .collect();
    inputs.sort();
    let failed: Vec<String> = inputs
        .iter()
        .filter(|path| catch_unwind(AssertUnwindSafe(|| check(&fs::read(path).unwrap()))).is_err())
        .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(
        failed.is_empty(),
        "{target}: {} of {} saved inputs fail: {failed:?}",
        failed.len(),
        inputs.len()
    );
}

#[test]
fn restore_regressions() {
    replay("restore", checks::restore);
}

#[test]
fn from_tsv_regressions() {
    replay("from_tsv", checks::from_tsv);
}

#[test]
fn the_checks_pass_on_plain_inputs() {
    // Sanity: the checks themselves accept ordinary inputs for each restorer.
    for selector in 0..6u8 {
        let mut input = vec![selector];
        input.extend_from_slice("Chinese language officers mentioned the navy help.\n".as_bytes());
        checks::restore(&input);
    }
    checks::from_tsv(
        b"# comment\nnavy help\tmilitary aid\nkeen\twilling\t0.6\nbosom\tbreast\t\t+cancer\n",
    );
}
