//! Properties of restoration that hold for any input: no panic, every byte outside an edit kept,
//! edits ordered and describing the change, borrowed output for text with no dictionary key,
//! streaming equal to whole-text restoration, and the same result on every run and thread.
//!
//! Inputs mix random Unicode with dictionary keys (of the embedded defaults, read from
//! `dictionaries/*.tsv`, and of a small dictionary written here) in changing case and apostrophe
//! spelling, punctuation, combining marks and right-to-left text. Case counts are kept moderate
//! so that `cargo test --release` stays fast.

use std::{borrow::Cow, sync::OnceLock};

use proptest::{prelude::*, sample::select};

#[allow(dead_code)]
mod checks;
use checks::{small, Blocks, SMALL};
use unspin::{Dictionary, Restoration, Restorer, RestorerBuilder};

/// The default restorer: embedded dictionaries and the context model.
fn defaults() -> &'static Restorer {
    static DEFAULT_RESTORER: OnceLock<Restorer> = OnceLock::new();
    DEFAULT_RESTORER.get_or_init(Restorer::default)
}

/// A default restorer built on its own, not the shared one.
fn separately_built() -> &'static Restorer {
    static SEPARATE: OnceLock<Restorer> = OnceLock::new();
    SEPARATE.get_or_init(|| RestorerBuilder::new().build())
}

/// Spun phrases of the default dictionaries: read from their sources, kept if the compiled
/// defaults know them, at most about 2000 of them.
fn keys() -> &'static [String] {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let defaults = Dictionary::defaults();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/dictionaries");
        let mut sources: Vec<_> = std::fs::read_dir(dir)
            .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        sources.retain(|p| p.extension().is_some_and(|e| e == "tsv"));
        sources.sort();
        let mut keys: Vec<String> = Vec::new();
        for source in sources {
            let text = std::fs::read_to_string(source).unwrap_or_default();
            let spun = text
                .lines()
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| l.split('\t').next());
            keys.extend(
                spun.filter(|k| !k.trim().is_empty() && !defaults.lookup(k).is_empty())
                    .map(String::from),
            );
        }
        keys.sort();
        keys.dedup();
        // Keep the sample small and spread over the whole list.
        let step = (keys.len() / 2000).max(1);
        keys.into_iter().step_by(step).collect()
    })
}

fn small_keys() -> &'static [String] {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    KEYS.get_or_init(|| {
        SMALL
            .lines()
            .map(|l| l.split('\t').next().unwrap().to_string())
            .collect()
    })
}

/// A dictionary key as it may appear in text: case changed, apostrophes and hyphens respelled.
fn key_in_text() -> impl Strategy<Value = String> {
    let key = prop_oneof![select(keys()), select(small_keys())];
    (key, 0..5u8, any::<bool>(), any::<bool>()).prop_map(|(key, case, curly, hyphen)| {
        let mut text = match case {
            0 => key.clone(),
            1 => key.to_uppercase(),
            2 => {
                let mut chars = key.chars();
                chars
                    .next()
                    .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
            }
            3 => key
                .split(' ')
                .map(|w| w.chars().rev().collect::<String>())
                .collect::<Vec<_>>()
                .join(" "),
            _ => key
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if i % 2 == 0 {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                })
                .collect(),
        };
        if curly {
            text = text.replace('\'', "\u{2019}");
        }
        if hyphen {
            text = text.replace('-', "\u{2011}");
        }
        text
    })
}

/// Punctuation, spacing, marks and scripts that surround words in real text.
const PIECES: &[&str] = &[
    ".",
    ",",
    ";",
    ":",
    "!",
    "?",
    "\u{2026}",
    "\"",
    "\u{201c}",
    "\u{201d}",
    "'",
    "\u{2019}",
    "\u{2018}",
    "(",
    ")",
    "[",
    "]",
    "*",
    "_",
    "-",
    "\u{2014}",
    "/",
    "a",
    "an",
    "A",
    "An",
    "the",
    "an hour",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "\u{a0}",
    "  ",
    "\u{301}",
    "\u{200d}",
    "\u{200f}",
    "\u{202e}",
    "שלום",
    "مرحبا",
    "İ",
    "ß",
    "\u{212a}",
    "ﬁ",
    "Σ",
    "ǅ",
    "👩\u{200d}👩\u{200d}👧",
    "9",
    "18",
    "e\u{301}",
    "cancer",
    "pond",
    "\u{feff}",
];

/// One token of text: a key, a piece, or random characters.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => key_in_text(),
        3 => select(PIECES).prop_map(String::from),
        2 => "[a-zA-Z]{1,8}",
        1 => prop::collection::vec(any::<char>(), 1..4).prop_map(String::from_iter),
    ]
}

/// Text of up to `max` tokens, mostly separated by spaces.
fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            token(),
            select(&[" ", " ", " ", "", "\n", ", ", "\u{a0}", "  "][..]),
        ),
        0..max,
    )
    .prop_map(|parts| {
        parts
            .into_iter()
            .flat_map(|(token, sep)| [token, sep.to_string()])
            .collect()
    })
}

/// Checks everything a restoration promises about `input` (the fuzz targets' checks, which
/// panic; proptest reports a panic as a failing case and shrinks it).
fn check(input: &str, restoration: &Restoration<'_>) -> Result<(), TestCaseError> {
    checks::check(input, restoration);
    Ok(())
}

/// Whether any substring of `text` (at character boundaries, up to the longest possible key)
/// is a key of `dictionary`, as normalised lookup sees it.
fn contains_key(dictionary: &Dictionary, text: &str) -> bool {
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    bounds.iter().enumerate().any(|(n, &start)| {
        bounds[n + 1..]
            .iter()
            .take_while(|&&end| end - start <= 1024)
            .any(|&end| !dictionary.lookup(&text[start..end]).is_empty())
    })
}

/// Restores through [`Restorer::restore_stream`], reading in blocks of `block` bytes.
fn streamed(restorer: &Restorer, text: &str, block: usize) -> (String, u64) {
    let mut out = Vec::new();
    let edits = restorer
        .restore_stream(
            Blocks {
                bytes: text.as_bytes(),
                block,
            },
            &mut out,
        )
        .unwrap();
    (String::from_utf8(out).unwrap(), edits)
}

/// Restores through [`Restorer::restore_stream_with_edits`], reading in blocks of `block` bytes,
/// and checks that it agrees with [`Restorer::restore_with_edits`] on the whole text.
fn check_streamed_edits(
    restorer: &Restorer,
    text: &str,
    block: usize,
) -> Result<(), TestCaseError> {
    let (mut out, mut edits) = (String::new(), Vec::new());
    let count = restorer
        .restore_stream_with_edits(
            Blocks {
                bytes: text.as_bytes(),
                block,
            },
            |piece, found| {
                out.push_str(piece);
                edits.extend_from_slice(found);
                Ok(())
            },
        )
        .unwrap();
    let whole = restorer.restore_with_edits(text);
    prop_assert!(out == whole.text, "streamed output differs");
    prop_assert_eq!(&edits, &whole.edits);
    prop_assert_eq!(count, edits.len() as u64);
    Ok(())
}

/// Invalid UTF-8: a byte that never occurs, a lead byte without its continuation, a truncated
/// sequence, and an encoded surrogate.
const INVALID: &[&[u8]] = &[b"\xff", b"\xc3(", b"\xe2\x80", b"\xed\xa0\x80"];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_text_keeps_the_invariants(text in text(40)) {
        for restorer in [small(), defaults()] {
            let restoration = restorer.restore_with_edits(&text);
            check(&text, &restoration)?;
            prop_assert_eq!(restorer.restore(&text), restoration.text);
        }
    }

    #[test]
    fn random_unicode_keeps_the_invariants(text in any::<String>()) {
        for restorer in [small(), defaults()] {
            check(&text, &restorer.restore_with_edits(&text))?;
        }
    }

    #[test]
    fn text_without_a_key_is_borrowed(
        text in prop::collection::vec(
            prop_oneof![
                select(PIECES).prop_map(String::from),
                "[a-zA-Z' -]{1,6}",
                any::<char>().prop_map(String::from),
                // Keys with a letter dropped: near misses.
                prop_oneof![select(keys()), select(small_keys())].prop_map(|k| k.chars().skip(1).collect::<String>()),
            ],
            0..24,
        ).prop_map(|parts| parts.join(" "))
    ) {
        for restorer in [small(), defaults()] {
            if !contains_key(restorer.dictionary(), &text) {
                let restoration = restorer.restore_with_edits(&text);
                prop_assert!(matches!(restoration.text, Cow::Borrowed(_)), "{:?} was changed", text);
                prop_assert!(restoration.edits.is_empty());
            }
        }
    }

    #[test]
    fn streaming_equals_restore(text in text(40), block in 1..9usize) {
        for restorer in [small(), defaults()] {
            let restoration = restorer.restore_with_edits(&text);
            let (out, edits) = streamed(restorer, &text, block);
            prop_assert_eq!(&out, &restoration.text);
            prop_assert_eq!(edits, restoration.edits.len() as u64);
            check_streamed_edits(restorer, &text, block)?;
        }
    }

    #[test]
    fn invalid_utf8_in_a_stream_is_reported_at_its_offset(text in text(12), at in any::<prop::sample::Index>(), bad in select(INVALID)) {
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let at = bounds[at.index(bounds.len())];
        let mut bytes = text.as_bytes()[..at].to_vec();
        bytes.extend_from_slice(bad);
        bytes.extend_from_slice(&text.as_bytes()[at..]);
        let error = small().restore_stream(&bytes[..], Vec::new()).unwrap_err();
        prop_assert!(matches!(error, unspin::Error::StreamNotUtf8 { offset } if offset == at as u64), "{error:?} at {at}");
    }
}

proptest! {
    // Each case restores about 600 KB twice; a few cases cover the chunk boundaries.
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn streaming_equals_restore_beyond_one_chunk(
        parts in prop::collection::vec(text(12), 1..8),
        breaks in select(&["\n\n", "\n", ". ", " ", ""][..]),
        size in 300_000..700_000usize,
    ) {
        // Cheap to generate: a few random pieces repeated, with the chosen break between them.
        let mut text = String::with_capacity(size + 1024);
        for part in parts.iter().cycle() {
            if text.len() >= size {
                break;
            }
            let before = text.len();
            text.push_str(part);
            text.push_str(breaks);
            if text.len() == before {
                text.push('x');
            }
        }
        for restorer in [small(), defaults()] {
            let restoration = restorer.restore_with_edits(&text);
            check(&text, &restoration)?;
            let (out, edits) = streamed(restorer, &text, 64 * 1024 - 1);
            prop_assert!(out == restoration.text, "streamed output differs");
            prop_assert_eq!(edits, restoration.edits.len() as u64);
            check_streamed_edits(restorer, &text, 64 * 1024 - 1)?;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn restoration_is_deterministic_across_runs_and_threads(text in text(40)) {
        let first = defaults().restore_with_edits(&text);
        let again: Vec<Restoration<'_>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..4)
                .map(|i| {
                    let text = &text;
                    scope.spawn(move || {
                        // Half the threads use a restorer built separately from the shared one.
                        if i % 2 == 1 { separately_built() } else { defaults() }.restore_with_edits(text)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for other in again {
            prop_assert_eq!(&other, &first);
        }
        prop_assert_eq!(defaults().spin_score(&text).to_bits(), defaults().spin_score(&text).to_bits());
    }

    #[test]
    fn dictionary_sources_never_panic_and_keep_what_they_parse(
        lines in prop::collection::vec(
            (
                prop_oneof![key_in_text(), "\\PC{0,12}", Just(String::new()), Just("#".to_string())],
                prop_oneof![select(keys()), "\\PC{0,12}", Just(String::new())],
                prop_oneof![Just(None), Just(Some(String::new())), Just(Some("0.5".to_string())), Just(Some("1.5".to_string())), "[0-9.e-]{1,4}".prop_map(Some)],
                prop_oneof![Just(None), Just(Some("+cancer; -pond".to_string())), "[+;-]?\\PC{0,6}".prop_map(Some)],
            ),
            0..12,
        )
    ) {
        let source: String = lines
            .iter()
            .map(|(spun, original, weight, clauses)| {
                let mut line = format!("{spun}\t{original}");
                if let Some(weight) = weight {
                    line.push('\t');
                    line.push_str(weight);
                    if let Some(clauses) = clauses {
                        line.push('\t');
                        line.push_str(clauses);
                    }
                }
                line + "\n"
            })
            .collect();
        if let Ok(dictionary) = Dictionary::from_tsv(source.as_bytes()) {
            for (spun, original, _, _) in &lines {
                if spun.starts_with('#') || spun.trim().is_empty() {
                    continue;
                }
                let candidates = dictionary.lookup(spun);
                prop_assert!(candidates.iter().any(|c| c.original == original.trim()), "{:?} lost {:?}", spun, original);
                for candidate in candidates {
                    prop_assert!(candidate.weight > 0.0 && candidate.weight <= 1.0);
                }
            }
            let restorer = RestorerBuilder::new().default_dictionaries(false).dictionary(dictionary).context_model(false).build();
            check(&source, &restorer.restore_with_edits(&source))?;
        }
    }
}

/// A dictionary line's clause field: none, a few random ones, or about as many (and as long) as
/// a line may have.
fn clauses() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        "[+;-]?\\PC{0,6}".prop_map(Some),
        (250..260usize, select(&["+", "-"][..])).prop_map(|(n, sign)| Some(
            (0..n)
                .map(|i| format!("{sign}c{i}"))
                .collect::<Vec<_>>()
                .join(";")
        )),
        (1000..1030usize).prop_map(|n| Some(format!("+{}", "ab".repeat(n / 2)))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Whatever `Dictionary::from_tsv` accepts builds restorers (with and without the context
    /// model) that restore any text, the source itself included, keeping every invariant.
    #[test]
    fn every_dictionary_the_parser_accepts_builds_a_restorer(
        lines in prop::collection::vec(
            (
                prop_oneof![key_in_text(), "\\PC{0,12}", "[.,;:!?\u{200b}\u{feff} -]{1,3}"],
                prop_oneof![select(keys()), "\\PC{1,12}"],
                clauses(),
                prop_oneof![3 => Just(1usize), 1 => 250..260usize],
            ),
            1..6,
        ),
        text in text(20),
    ) {
        let mut source = String::new();
        for (spun, original, clauses, candidates) in &lines {
            for n in 0..*candidates {
                source.push_str(&format!("{spun}\t{original} {n}\t"));
                if let Some(clauses) = clauses {
                    source.push('\t');
                    source.push_str(clauses);
                }
                source.push('\n');
            }
        }
        if let Ok(dictionary) = Dictionary::from_tsv(source.as_bytes()) {
            let builder = RestorerBuilder::new().default_dictionaries(false).dictionary(dictionary);
            for restorer in [builder.clone().context_model(false).build(), builder.build()] {
                for text in [&source, &text] {
                    check(text, &restorer.restore_with_edits(text))?;
                }
            }
        }
    }
}

/// Restores `text` whole and streamed (in odd blocks), asserts they agree, and returns the
/// restoration.
fn restored_both_ways<'t>(restorer: &Restorer, text: &'t str) -> Restoration<'t> {
    let whole = restorer.restore_with_edits(text);
    let (streamed, _) = streamed(restorer, text, 64 * 1024 - 1);
    assert!(streamed == whole.text, "streamed output differs");
    whole
}

/// Where a long line leaves no better place, chunks are cut at a space: a phrase placed at
/// every byte offset around the first two cuts of a line of 600 KB without a line break or
/// sentence end is restored as it is far from them, whole and streamed, by the dictionary alone
/// and in context. (The line holds the phrase every 4,000 bytes too, so that it reads as spun.)
#[test]
fn a_phrase_at_every_offset_around_a_cut_is_restored_whole() {
    const SPUN: &str = "Chinese language officers mentioned the navy help";
    let cycle: String = format!(
        "{}{SPUN} {}",
        "we walked home by the old mill so we slept ".repeat(24),
        "we walked home by the old mill so we slept ".repeat(72)
    )
    .chars()
    .take(4000)
    .collect();
    let filler = |len: usize| -> String { cycle.chars().cycle().take(len).collect() };
    let size = 600_000;
    let place = |at: usize| format!("{} {SPUN} {}", filler(at), filler(size - at).trim_start());
    // The edits of the phrase placed at `at`.
    let edits_at = |restoration: &Restoration<'_>, at: usize| -> Vec<(String, String)> {
        let phrase = at..at + 1 + SPUN.len();
        restoration
            .edits
            .iter()
            .filter(|e| phrase.contains(&e.input.start))
            .map(|e| (e.spun.clone(), e.original.clone()))
            .collect()
    };
    let dictionary_only = RestorerBuilder::new().context_model(false).build();
    for restorer in [&dictionary_only, defaults()] {
        let far = 100_000;
        let expected = edits_at(&restorer.restore_with_edits(&place(far)), far);
        assert!(expected.len() >= 2, "{expected:?}");
        for cut in [256 * 1024, 512 * 1024] {
            for at in cut - 80..cut + 8 {
                let text = place(at);
                let restoration = restored_both_ways(restorer, &text);
                assert_eq!(edits_at(&restoration, at), expected, "phrase at {at}");
            }
        }
    }
}

/// A run of 256 KiB or more without whitespace is cut inside a word: a key there is still told
/// to be part of the word (or, standing alone, a word) whichever side of the cut it falls.
#[test]
fn a_key_at_every_offset_around_a_cut_inside_a_word_is_judged_whole() {
    let restorer = RestorerBuilder::new()
        .default_dictionaries(false)
        .dictionary(Dictionary::from_tsv("gr8\tgreat\n".as_bytes()).unwrap())
        .context_model(false)
        .build();
    let size = 300_000;
    for at in 256 * 1024 - 8..256 * 1024 + 4 {
        let run = |len: usize| "b".repeat(len);
        for (text, restored) in [
            (format!("{}-gr8{}", run(at), run(size - at)), None),
            (format!("{}gr8-{}", run(at), run(size - at)), None),
            (
                format!("{}-gr8-{}", run(at), run(size - at)),
                Some(format!("{}-great-{}", run(at), run(size - at))),
            ),
        ] {
            let expected = restored.unwrap_or_else(|| text.clone());
            assert!(
                restored_both_ways(&restorer, &text).text == expected,
                "key at {at}"
            );
        }
    }
}
