//! Measures how well the phrase model restores tortured phrases that no dictionary lists.
//!
//! ```sh
//! cargo run --release --example heldout -- [TORTURED_TSV [GENUINE_TEXT]]
//! ```
//!
//! `TORTURED_TSV` defaults to the repository's `dictionaries/tortured.tsv`; `GENUINE_TEXT` is a
//! file of genuine English prose for the false-edit rate (the project measures it on the shared
//! corpus's `clean/enwiki_sample.txt`), which is not measured without it.
//!
//! A fixed pseudo-random tenth of the tortured phrases (FNV-1a 64 of the lowercased phrase, mod
//! 10 == 0) is held out: a restorer is built from the other nine tenths only, so the phrase
//! model's known terms come from them too (and `dictionaries/tools/gen_thesaurus.py` leaves the
//! same tenth out of the thesaurus it generates). Each held-out phrase is restored in a carrier
//! sentence, alone and inside a short paragraph that also holds two known tortured phrases (the
//! evidence the phrase model needs before it looks for unlisted ones, as in a paper-mill paper).
//! A phrase counts as restored exactly when the sentence comes back with one of its expected
//! phrases in its place and nothing else changed. The false-edit rate is the share of words of
//! `GENUINE_TEXT` that the same restorer changes.
//! It also prints how many held-out phrases have an expected phrase that is a known term (an
//! original of two or three words among the nine tenths, hyphens read as spaces): the share the
//! phrase model can restore exactly by reaching a known term.

use std::collections::{BTreeMap, BTreeSet};

use unspin::{Dictionary, Restorer, RestorerBuilder};

const CARRIER: (&str, &str) = ("In this study, the ", " was evaluated on two data sets.");

#[derive(Default)]
struct Tally {
    exact: usize,
    wrong: usize,
    untouched: usize,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dictionary = args.next().unwrap_or_else(|| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/dictionaries/tortured.tsv").into()
    });
    let genuine = args.next();
    let source = read(&dictionary)?;

    let mut training = String::new();
    let mut known = Vec::new();
    let mut terms = BTreeSet::new();
    let mut held_out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in source.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        if line.starts_with('#') || fields.len() < 2 {
            continue;
        }
        let key = fields[0].trim().to_lowercase();
        if fnv1a(&key) % 10 == 0 {
            held_out
                .entry(key)
                .or_default()
                .push(fields[1].trim().to_lowercase());
        } else {
            training.push_str(line);
            training.push('\n');
            let term = term_key(fields[1]);
            if (2..=3).contains(&term.split(' ').count()) {
                terms.insert(term);
            }
            if fields.get(3).map_or(true, |c| c.trim().is_empty())
                && key.contains(' ')
                && key.chars().all(|c| c.is_ascii_lowercase() || c == ' ')
            {
                known.push(key);
            }
        }
    }
    let training = Dictionary::from_tsv_named("tortured", training.as_bytes())?;
    let restorer = RestorerBuilder::new()
        .default_dictionaries(false)
        .dictionary(training)
        .build();

    let (mut alone, mut in_paper) = (Tally::default(), Tally::default());
    for (i, (phrase, expected)) in held_out.iter().enumerate() {
        let sentence = format!("{}{phrase}{}", CARRIER.0, CARRIER.1);
        score(&mut alone, &restorer, &sentence, "", phrase, expected);
        let before = format!(
            "Earlier work relied on the {}. ",
            known[(7 * i) % known.len()]
        );
        let after = format!(
            " The {} was reported as well.",
            known[(7 * i + 3) % known.len()]
        );
        score(
            &mut in_paper,
            &restorer,
            &format!("{before}{sentence}{after}"),
            &before,
            phrase,
            expected,
        );
    }
    let total = held_out.len();
    let share = |n: usize| 100.0 * n as f64 / total.max(1) as f64;
    println!("held-out tortured phrases: {total}");
    let reachable = held_out
        .values()
        .filter(|expected| expected.iter().any(|e| terms.contains(&term_key(e))))
        .count();
    println!(
        "  expected phrase is a known term: {reachable} ({:.1} %)",
        share(reachable)
    );
    for (name, tally) in [
        ("alone", &alone),
        ("in a paper with two known phrases", &in_paper),
    ] {
        println!(
            "  {name}: restored exactly {} ({:.1} %), otherwise {} ({:.1} %), left as written {} ({:.1} %)",
            tally.exact,
            share(tally.exact),
            tally.wrong,
            share(tally.wrong),
            tally.untouched,
            share(tally.untouched)
        );
    }

    let Some(genuine) = genuine else {
        println!(
            "false edits: not measured; pass a file of genuine English text after the dictionary"
        );
        return Ok(());
    };
    let text = read(&genuine)?;
    let words = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .count()
    };
    let restoration = restorer.restore_with_edits(&text);
    let changed: usize = restoration
        .edits
        .iter()
        .map(|e| words(&e.spun).max(words(&e.original)))
        .sum();
    println!(
        "false edits on {genuine}: {} edits, {changed} of {} words ({:.4} %)",
        restoration.edits.len(),
        words(&text),
        100.0 * changed as f64 / words(&text).max(1) as f64
    );
    Ok(())
}

/// The text of the file at `path`, or an error that names it.
fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))
}

/// Restores `document` and scores the carrier sentence that starts after `before`.
fn score(
    tally: &mut Tally,
    restorer: &Restorer,
    document: &str,
    before: &str,
    phrase: &str,
    expected: &[String],
) {
    let restored = restorer.restore_with_edits(document);
    let untouched_prefix = restored
        .edits
        .iter()
        .all(|e| e.input.start >= before.len() || e.input.end <= before.len());
    let start = restored
        .edits
        .iter()
        .filter(|e| e.input.end <= before.len())
        .fold(before.len() as isize, |at, e| {
            at + e.original.len() as isize - e.spun.len() as isize
        });
    let sentence = restored
        .text
        .get(start as usize..)
        .unwrap_or("")
        .to_lowercase();
    let inner = sentence
        .strip_prefix(&CARRIER.0.to_lowercase())
        .and_then(|r| r.split_once(CARRIER.1))
        .map(|(r, _)| r);
    match inner {
        Some(inner) if untouched_prefix && expected.iter().any(|e| e == inner) => tally.exact += 1,
        Some(inner) if inner == phrase => tally.untouched += 1,
        _ => tally.wrong += 1,
    }
}

/// A phrase as the phrase model looks terms up: lowercase words, hyphens read as spaces.
fn term_key(phrase: &str) -> String {
    phrase
        .to_lowercase()
        .split([' ', '-'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// FNV-1a, 64 bits: a fixed, platform-independent split.
fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
