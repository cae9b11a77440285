//! Compiles the embedded dictionaries into fst maps, candidate tables and string pools in
//! `OUT_DIR`, which `src/dictionary/mod.rs` embeds with `include_bytes!` and `include_str!`:
//!
//! - `default.*` from `dictionaries/news.tsv`, `news_families.tsv`, `news_learned*.tsv` and
//!   `tortured.tsv`: the phrases the matcher looks for;
//! - `synonyms.*` from `dictionaries/inverse_synonyms.tsv`: word → candidate originals, which the
//!   phrase model uses to reconstruct tortured phrases that no dictionary lists.
//!
//! - `lm.counts` from `dictionaries/lm.fst`: the language model's unigram and bigram counts as
//!   hash tables (layout in `src/decoder/counts.rs`), which `src/decoder/model.rs` embeds.
//!
//! Parsing, key normalisation, dictionary kinds and the table layouts are the library's own:
//! `src/dictionary/tsv.rs`, `src/dictionary/kind.rs`, `src/dictionary/compiled.rs` and
//! `src/decoder/counts.rs` are compiled into this script too, with `src/text.rs`, the rules of
//! text that the parser follows.

#[path = "src/dictionary/compiled.rs"]
#[allow(dead_code)]
mod compiled;
#[path = "src/decoder/counts.rs"]
#[allow(dead_code)]
mod counts;
#[path = "src/dictionary/kind.rs"]
#[allow(dead_code)]
mod kind;
#[path = "src/text.rs"]
#[allow(dead_code)]
mod text;
#[path = "src/dictionary/tsv.rs"]
#[allow(dead_code)]
mod tsv;

use std::{
    collections::{BTreeMap, BTreeSet},
    env, fs,
    path::Path,
};

use fst::{IntoStreamer, Streamer};
use kind::Kind;

fn main() {
    compile(
        "default",
        &[
            ("news", Kind::Context),
            ("news_families", Kind::Context),
            ("news_learned", Kind::Learned),
            ("news_learned_wordswap", Kind::Learned),
            ("tortured", Kind::Fingerprint),
        ],
    );
    compile("synonyms", &[("inverse_synonyms", Kind::Thesaurus)]);
    compile_counts();
    println!("cargo:rerun-if-changed=src/text.rs");
    println!("cargo:rerun-if-changed=src/dictionary/tsv.rs");
    println!("cargo:rerun-if-changed=src/dictionary/compiled.rs");
    println!("cargo:rerun-if-changed=src/dictionary/kind.rs");
    println!("cargo:rerun-if-changed=src/decoder/counts.rs");
}

fn out_path(file: &str) -> std::path::PathBuf {
    Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join(file)
}

/// Compiles `dictionaries/NAME.tsv` for each source, with its kind, into `OUT_DIR/OUTPUT.fst`,
/// `.table` and `.strings`.
fn compile(output: &str, sources: &[(&str, Kind)]) {
    let mut builder = compiled::TableBuilder::default();
    for &(name, kind) in sources {
        let path = format!("dictionaries/{name}.tsv");
        println!("cargo:rerun-if-changed={path}");
        let text = fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read the embedded dictionary {path}: {e}"));
        let fail = |e: tsv::LineError| -> ! { panic!("{path}:{}: {}", e.line, e.reason) };
        let lines = tsv::parse(&text).unwrap_or_else(|e| fail(e));
        let source = builder.add_source(name, kind);
        for line in lines {
            builder.add_line(source, line).unwrap_or_else(|e| fail(e));
        }
    }
    let (map, table, strings) = builder.finish();
    let write = |extension: &str, bytes: &[u8]| {
        fs::write(out_path(&format!("{output}.{extension}")), bytes)
            .unwrap_or_else(|e| panic!("cannot write {output}.{extension}: {e}"))
    };
    write("fst", &map);
    write("table", &table);
    write("strings", strings.as_bytes());
}

/// Compiles `dictionaries/lm.fst` (unigram keys `word`, bigram keys `first second`, the total
/// under `""`; see `examples/build_lm.rs`) into `OUT_DIR/lm.counts`.
fn compile_counts() {
    let path = "dictionaries/lm.fst";
    println!("cargo:rerun-if-changed={path}");
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let map = fst::Map::new(bytes).unwrap_or_else(|e| panic!("{path} is no fst map: {e}"));
    let mut words: BTreeMap<Vec<u8>, u64> = BTreeMap::new();
    let mut pairs: Vec<(Vec<u8>, Vec<u8>, u64)> = Vec::new();
    let (mut total, mut sentence_starts) = (0, 0);
    let mut stream = map.into_stream();
    while let Some((key, count)) = stream.next() {
        match key.iter().position(|&b| b == b' ') {
            _ if key.is_empty() => total = count,
            None => *words.entry(key.to_vec()).or_default() += count,
            Some(space) => {
                let (first, second) = (&key[..space], &key[space + 1..]);
                if first == b"<s>" {
                    sentence_starts += count;
                }
                for word in [first, second] {
                    words.entry(word.to_vec()).or_default();
                }
                pairs.push((first.to_vec(), second.to_vec(), count));
            }
        }
    }

    let mut hashes = BTreeSet::new();
    let word_keys: Vec<(u64, u64)> = words
        .iter()
        .map(|(word, count)| {
            let key = counts::stored(counts::word_hash(word));
            assert!(
                hashes.insert(key),
                "two words of {path} share a hash: change counts::word_hash"
            );
            (key, *count)
        })
        .collect();
    let (word_keys, word_counts, slots) = place(&word_keys);
    let ids: BTreeMap<&[u8], u32> = words.keys().map(|w| w.as_slice()).zip(slots).collect();
    let pair_keys: Vec<(u64, u64)> = pairs
        .iter()
        .map(|(first, second, count)| {
            let key = counts::pair_key(ids[first.as_slice()], ids[second.as_slice()]);
            (key, *count)
        })
        .collect();
    let (pair_keys, pair_counts, _) = place(&pair_keys);
    let mut out = Vec::new();
    out.extend_from_slice(counts::MAGIC);
    out.extend_from_slice(&(word_keys.len() as u32).to_le_bytes());
    out.extend_from_slice(&(pair_keys.len() as u32).to_le_bytes());
    out.extend_from_slice(&(total as f64).to_le_bytes());
    out.extend_from_slice(&(sentence_starts as f64).to_le_bytes());
    for (keys, counts) in [(word_keys, word_counts), (pair_keys, pair_counts)] {
        for (key, count) in keys.iter().zip(&counts) {
            out.extend_from_slice(&key.to_le_bytes());
            out.extend_from_slice(&count.to_le_bytes());
        }
    }
    fs::write(out_path("lm.counts"), out).unwrap_or_else(|e| panic!("cannot write lm.counts: {e}"));
}

/// A table of keys (never 0) with their counts, placed as `src/decoder/counts.rs` reads them,
/// and the slot of each entry.
fn place(entries: &[(u64, u64)]) -> (Vec<u64>, Vec<f32>, Vec<u32>) {
    // At most three quarters full.
    let slots = entries.len() * 4 / 3 + 1;
    let (mut keys, mut values) = (vec![0u64; slots], vec![0f32; slots]);
    let placed = entries
        .iter()
        .map(|&(key, count)| {
            let mut slot = counts::home(key, slots);
            while keys[slot] != 0 {
                assert_ne!(
                    keys[slot], key,
                    "a key of dictionaries/lm.fst is placed twice"
                );
                slot = (slot + 1) % slots;
            }
            keys[slot] = key;
            values[slot] = count as f32;
            slot as u32
        })
        .collect();
    (keys, values, placed)
}
