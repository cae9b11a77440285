//! Inputs built to expose super-linear work: a 10 MB line with no spaces, text where every word
//! is a dictionary key, 100,000 nested quotes, combining characters and right-to-left text
//! around matches. Each must finish (sizes are such that a quadratic algorithm would take
//! minutes, not the seconds these take in `cargo test --release`) and keep the invariants:
//! edits ordered, spans describing them, every other byte copied, streaming equal to
//! whole-text restoration.

use std::time::Instant;

#[allow(dead_code)]
mod checks;

use checks::{check, small, small_in_context};
use unspin::Restorer;

const MB: usize = 1_000_000;

/// Restores `text` whole and streamed, checks both, and returns the number of edits.
fn restore_both_ways(name: &str, restorer: &Restorer, text: &str) -> usize {
    let started = Instant::now();
    let restoration = restorer.restore_with_edits(text);
    let whole = started.elapsed();
    check(text, &restoration);
    let started = Instant::now();
    let mut streamed = Vec::with_capacity(restoration.text.len());
    let edits = restorer
        .restore_stream(text.as_bytes(), &mut streamed)
        .unwrap();
    let stream = started.elapsed();
    assert!(
        streamed == restoration.text.as_bytes(),
        "{name}: streamed output differs"
    );
    assert_eq!(edits, restoration.edits.len() as u64, "{name}");
    // Not asserted (the machine may be busy); printed with --nocapture to spot slow cases.
    eprintln!(
        "{name}: {:.1} MB, {} edits, whole {:.2} s, stream {:.2} s",
        text.len() as f64 / MB as f64,
        edits,
        whole.as_secs_f64(),
        stream.as_secs_f64()
    );
    restoration.edits.len()
}

fn repeat_to(piece: &str, size: usize) -> String {
    piece.repeat(size.div_ceil(piece.len()))
}

#[test]
fn ten_megabyte_lines_without_spaces() {
    let restorers = [
        ("small", small()),
        ("defaults", &*Box::leak(Box::new(Restorer::default()))),
    ];
    for (piece, restorer_edits) in [
        // Letters only: one word of 10 MB, cut into chunks inside the word.
        ("abcdefghij", [false, false]),
        // Keys glued into one word: never whole words.
        ("navyofficers", [false, false]),
        // Keys separated by punctuation only: every one is a whole word.
        ("navy-officers,", [true, true]),
        // Multi-byte characters, so that chunk cuts must move back to a character boundary.
        ("é€𝄞", [false, false]),
    ] {
        let text = repeat_to(piece, 10 * MB);
        for ((name, restorer), edits_expected) in restorers.iter().zip(restorer_edits) {
            // The context model costs more per match: 2 MB of the line are enough for it.
            let text = if *name == "small" {
                &text[..]
            } else {
                &text[..text.floor_char_boundary_compat(2 * MB)]
            };
            let edits = restore_both_ways(
                &format!("{} MB of {piece:?} ({name})", text.len() / MB),
                restorer,
                text,
            );
            if *name == "small" {
                assert_eq!(edits > 0, edits_expected, "{piece:?}");
            }
        }
    }
}

#[test]
fn every_word_a_dictionary_key() {
    // One chain of adjacent matches as long as a chunk, with the context model deciding.
    let text = repeat_to(
        "navy help officers mentioned keen navy announcement ",
        MB / 2,
    );
    let edits = restore_both_ways("every word a key (small, eager)", small(), &text);
    assert!(edits > 50_000, "{edits}");
    restore_both_ways(
        "every word a key (small, in context)",
        small_in_context(),
        &text,
    );
    // The same with the keys of the default dictionaries.
    let defaults = Restorer::default();
    let keys = default_keys(&defaults);
    assert!(!keys.is_empty());
    let mut text = String::with_capacity(MB / 2 + 1024);
    for key in keys.iter().cycle() {
        if text.len() >= MB / 2 {
            break;
        }
        text.push_str(key);
        text.push(' ');
    }
    restore_both_ways("every word a default key", &defaults, &text);
}

#[test]
fn every_word_a_key_with_a_clause() {
    // Each match asks whether the document contains a phrase; the answer must not cost a scan of
    // the document per match.
    //
    // They do today: `Document::contains` (src/dictionary/mod.rs) searches the whole normalised
    // chunk on every call, so the time per chunk grows with the square of the matches in it
    // (0.006 s for 32 KB of "bosom ", 0.33 s for 256 KB); chunking caps it, at about 13 times
    // the cost of a key without clauses. Caching the answer per phrase would make it linear.
    for piece in ["bosom ", "frog ", "bosom frog cancer "] {
        let text = repeat_to(piece, 300_000);
        restore_both_ways(&format!("{piece:?} repeated (small)"), small(), &text);
    }
}

#[test]
fn a_hundred_thousand_nested_quotes() {
    const DEPTH: usize = 100_000;
    for (open, close) in [
        ("\u{201c}", "\u{201d}"),
        ("\"", "\""),
        ("(", ")"),
        ("\u{2018}", "\u{2019}"),
        ("'", "'"),
        ("«", "»"),
    ] {
        let text = format!(
            "{}navy help{} an announcement",
            open.repeat(DEPTH),
            close.repeat(DEPTH)
        );
        let edits = restore_both_ways(&format!("{DEPTH} nested {open}{close}"), small(), &text);
        assert_eq!(edits, 2, "{open}{close}");
        // Quotes around every word, nested.
        let text = format!(
            "{}{}",
            repeat_to(&format!("{open}navy "), DEPTH * 6),
            close.repeat(DEPTH)
        );
        restore_both_ways(&format!("{open} before every word"), small(), &text);
    }
    // Quote-like apostrophes around a key with an apostrophe. (Kept within one chunk: a chunk
    // of text with no line or sentence break ends at its last space, which could fall inside a
    // multi-word key.)
    let text = format!(
        "{}isn't any{}",
        "'".repeat(DEPTH / 10),
        "’".repeat(DEPTH / 10)
    );
    assert_eq!(restore_both_ways("apostrophes", small(), &text), 1);
}

#[test]
fn combining_characters_and_right_to_left_text_around_matches() {
    let restorer = small();
    for (text, expected) in [
        // A combining mark belongs to the word it follows, so the key is no longer a word of
        // its own…
        ("navy\u{301} help", "navy\u{301} help"),
        ("\u{301}navy help", "\u{301}navy help"),
        ("n\u{301}avy", "n\u{301}avy"),
        // …while format characters and other scripts are not letters of the key's word.
        ("\u{200f}navy help\u{200f}", "\u{200f}military aid\u{200f}"),
        ("\u{202b}navy\u{202c}", "\u{202b}military\u{202c}"),
        (
            "\u{202e}officers mentioned\u{202c}",
            "\u{202e}officials said\u{202c}",
        ),
        ("שלום navy help שלום", "שלום military aid שלום"),
        ("مرحبا officers، mentioned.", "مرحبا officials، said."),
        ("שלוםnavy", "שלוםnavy"),
        ("\u{feff}navy", "\u{feff}military"),
        ("navy\u{200d}help", "navy\u{200d}help"),
        (
            "e\u{301}\u{302}\u{303} navy e\u{301}",
            "e\u{301}\u{302}\u{303} military e\u{301}",
        ),
    ] {
        let restoration = restorer.restore_with_edits(text);
        check(text, &restoration);
        assert_eq!(restoration.text, expected, "{text:?}");
    }
    // Long runs of marks and bidirectional controls around every match.
    let marks = "\u{301}\u{302}\u{303}\u{304}".repeat(10_000);
    let text = repeat_to(
        &format!("a{marks} \u{200f}navy help\u{200f} שלום{marks} "),
        4 * MB,
    );
    assert!(restore_both_ways("marks and RTL around matches", restorer, &text) > 0);
    let text = repeat_to(&format!("{}navy ", "\u{301}".repeat(50_000)), 2 * MB);
    restore_both_ways("a mark before every key", restorer, &text);
}

#[test]
fn long_runs_of_spaces_and_articles() {
    let restorer = small();
    // The article rule looks back over spaces; a long run must be looked at once.
    let text = repeat_to(&format!("an{}announcement ", " ".repeat(100_000)), 2 * MB);
    assert!(restore_both_ways("spaces before each match", restorer, &text) > 0);
    let text = repeat_to("a a a a a an announcement ", 2 * MB);
    restore_both_ways("articles before every match", restorer, &text);
    let text = repeat_to("\n", 2 * MB) + "navy" + &repeat_to("\n\n", MB);
    assert_eq!(restore_both_ways("blank lines", restorer, &text), 1);
}

#[test]
fn streams_that_return_a_byte_at_a_time_or_are_interrupted() {
    // 1 MB in one-byte reads: a million calls, each of which once zeroed a fresh 64 KiB block
    // (44 times slower than now). Interrupted reads are retried, as `Read` expects.
    let text = repeat_to(
        "Officers mentioned the navy help, “an announcement”. Élan e\u{301}! ",
        MB,
    );
    let expected = small().restore(&text);
    for (interrupt, block) in [(false, 1), (true, 1), (true, 7), (true, 64 * 1024)] {
        let mut out = Vec::new();
        let reader = Trickle {
            bytes: text.as_bytes(),
            block,
            interrupt,
            calls: 0,
        };
        let edits = small().restore_stream(reader, &mut out).unwrap();
        assert!(
            out == expected.as_bytes(),
            "block {block}, interrupted {interrupt}"
        );
        assert!(edits > 0);
    }
}

/// Returns at most `block` bytes a call, and `Interrupted` every other call if `interrupt`.
struct Trickle<'a> {
    bytes: &'a [u8],
    block: usize,
    interrupt: bool,
    calls: u64,
}

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.calls += 1;
        if self.interrupt && self.calls % 2 == 0 {
            return Err(std::io::ErrorKind::Interrupted.into());
        }
        let n = self.block.min(buf.len()).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

/// Keys of the default dictionaries, read from their sources.
fn default_keys(restorer: &Restorer) -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/dictionaries");
    let mut keys = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().filter_map(Result::ok) {
        if entry.path().extension().is_some_and(|e| e == "tsv") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let spun = text
                .lines()
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| l.split('\t').next());
            keys.extend(
                spun.filter(|k| !restorer.dictionary().lookup(k).is_empty())
                    .map(String::from),
            );
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// `str::floor_char_boundary`, which is not stable on the crate's minimum Rust version.
trait FloorCharBoundary {
    fn floor_char_boundary_compat(&self, at: usize) -> usize;
}

impl FloorCharBoundary for str {
    fn floor_char_boundary_compat(&self, mut at: usize) -> usize {
        at = at.min(self.len());
        while !self.is_char_boundary(at) {
            at -= 1;
        }
        at
    }
}
