//! The language model's counts as two open-addressing hash tables, which `build.rs` compiles
//! from `dictionaries/lm.fst` (this file is compiled into it too) and the model embeds.
//!
//! An fst answers a look-up by walking one node per byte of the key, and the decoder asks
//! about a word pair several times per span, mostly pairs the counts lack; a hash table answers
//! with one or two cache lines. Words are resolved once (to a slot and its count), pairs are
//! looked up by the two words' slots.
//!
//! Layout (little-endian):
//!
//! - `MAGIC`, `u32` word slots `w`, `u32` pair slots `p`, `f64` unigram total, `f64` sum of the
//!   `<s> w` bigram counts (how many sentence starts the source saw);
//! - `w` word slots, then `p` pair slots, 12 bytes each: a `u64` key (0 = empty) and its count,
//!   an `f32` (one slot, one cache line, mostly).
//!
//! A word's key is its `word_hash` (1 where that is 0), a pair's is `(id1 + 1) << 32 | (id2 +
//! 1)`. A key goes to slot `home(key, slots)` or the next free one (linear probing, wrapping).
//! A word's slot number is its id. Every word of a bigram has a slot, with count 0 where it is
//! no unigram (`<s>`). Words are told apart by their 64-bit hash alone, as
//! in KenLM's probing tables: `build.rs` checks that the counts' own words do not collide, and a
//! word they lack is taken for one of them about once in 10^18 look-ups.

pub(crate) const MAGIC: &[u8; 8] = b"UNSPNLM1";
pub(crate) const HEADER: usize = MAGIC.len() + 4 + 4 + 8 + 8;
/// No word or pair id is this.
pub(crate) const NONE: u32 = u32::MAX;

/// A 64-bit hash of a word's bytes: each eight bytes are mixed in with murmur3's finaliser, a
/// bijection whose every output bit depends on every input bit.
pub(crate) fn word_hash(bytes: &[u8]) -> u64 {
    let mut chunks = bytes.chunks_exact(8);
    let mut hash = mix(bytes.len() as u64);
    for chunk in &mut chunks {
        hash = mix(hash ^ u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
    }
    let rest = chunks.remainder();
    let mut last = [0; 8];
    last[..rest.len()].copy_from_slice(rest);
    mix(hash ^ u64::from_le_bytes(last))
}

/// Murmur3's 64-bit finaliser.
pub(crate) fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// What a word's slot holds: its hash, never 0 (an empty slot).
pub(crate) fn stored(hash: u64) -> u64 {
    hash.max(1)
}

pub(crate) fn pair_key(first: u32, second: u32) -> u64 {
    (u64::from(first) + 1) << 32 | (u64::from(second) + 1)
}

/// The slot where the probe for a key starts, in a table of `slots` slots.
pub(crate) fn home(key: u64, slots: usize) -> usize {
    (((mix(key) >> 32) * slots as u64) >> 32) as usize
}

/// Bytes a slot takes: its key, then its count.
pub(crate) const SLOT: usize = 12;

/// The compiled tables, read in place.
pub(crate) struct Counts<'a> {
    words: &'a [u8],
    pairs: &'a [u8],
    /// The sum of all unigram counts.
    pub total: f64,
    /// The sum of the `<s> w` bigram counts.
    pub sentence_starts: f64,
}

impl<'a> Counts<'a> {
    /// Reads the header; `None` when `bytes` is not a table this code wrote.
    pub fn new(bytes: &'a [u8]) -> Option<Counts<'a>> {
        let rest = bytes.strip_prefix(MAGIC)?;
        if rest.len() < HEADER - MAGIC.len() {
            return None;
        }
        let u32_at = |at: usize| u32::from_le_bytes(rest[at..at + 4].try_into().expect("4 bytes"));
        let f64_at = |at: usize| f64::from_le_bytes(rest[at..at + 8].try_into().expect("8 bytes"));
        let (words, pairs) = (u32_at(0) as usize, u32_at(4) as usize);
        let body = &bytes[HEADER..];
        if words == 0 || pairs == 0 || body.len() != SLOT * (words + pairs) {
            return None;
        }
        let (words, pairs) = body.split_at(SLOT * words);
        Some(Counts {
            words,
            pairs,
            total: f64_at(8),
            sentence_starts: f64_at(16),
        })
    }

    /// The id and count of the word with this `word_hash`, or `None` when the counts lack it.
    pub fn word(&self, hash: u64) -> Option<(u32, f64)> {
        find(self.words, stored(hash)).map(|(slot, count)| (slot as u32, count))
    }

    /// The count of the pair of words with these ids, 0 when the counts lack it.
    pub fn pair(&self, first: u32, second: u32) -> f64 {
        find(self.pairs, pair_key(first, second)).map_or(0.0, |(_, count)| count)
    }
}

/// The slot of a table that holds `key`, probing from its home, and its count.
fn find(table: &[u8], key: u64) -> Option<(usize, f64)> {
    let slots = table.len() / SLOT;
    let mut slot = home(key, slots);
    loop {
        let entry = &table[slot * SLOT..][..SLOT];
        match u64::from_le_bytes(entry[..8].try_into().expect("8 bytes")) {
            found if found == key => {
                let count = f32::from_le_bytes(entry[8..].try_into().expect("4 bytes"));
                return Some((slot, f64::from(count)));
            }
            0 => return None,
            _ => slot = if slot + 1 == slots { 0 } else { slot + 1 },
        }
    }
}

#[cfg(test)]
mod tests {
    use fst::{IntoStreamer, Streamer};

    use super::*;

    /// Every count of `dictionaries/lm.fst` reads back from the compiled tables (as an `f32`),
    /// and words and pairs it lacks read as absent.
    #[test]
    fn the_tables_hold_what_the_fst_holds() {
        let fst = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/dictionaries/lm.fst"))
            .expect("dictionaries/lm.fst");
        let map = fst::Map::new(fst).expect("an fst map");
        let counts = Counts::new(super::super::model::LM_COUNTS).expect("the embedded tables");
        let word = |word: &[u8]| counts.word(word_hash(word));
        let id = |w: &[u8]| word(w).map(|(id, _)| id);
        let mut stream = map.into_stream();
        let (mut words, mut pairs) = (0, 0);
        while let Some((key, count)) = stream.next() {
            let expected = f64::from(count as f32);
            match key.iter().position(|&b| b == b' ') {
                _ if key.is_empty() => assert_eq!(counts.total, count as f64),
                None => {
                    assert_eq!(word(key).map(|(_, c)| c), Some(expected), "{key:?}");
                    words += 1;
                }
                Some(space) => {
                    let (first, second) = (&key[..space], &key[space + 1..]);
                    let (first, second) = (id(first).unwrap(), id(second).unwrap());
                    assert_eq!(counts.pair(first, second), expected, "{key:?}");
                    assert_eq!(counts.pair(second, first) > 0.0, {
                        let mut swapped = key[space + 1..].to_vec();
                        swapped.push(b' ');
                        swapped.extend_from_slice(&key[..space]);
                        map.contains_key(swapped)
                    });
                    pairs += 1;
                }
            }
        }
        assert!(
            words > 300_000 && pairs > 250_000,
            "{words} words, {pairs} pairs"
        );
        let sentence_starts: u64 = map
            .range()
            .ge("<s> ")
            .lt("<s>!")
            .into_stream()
            .into_values()
            .iter()
            .sum();
        assert_eq!(counts.sentence_starts, sentence_starts as f64);
        assert_eq!(word(b"<s>").map(|(_, c)| c), Some(0.0));
        for absent in ["", "zzzqx", "said the", "unspinnable"] {
            assert_eq!(word(absent.as_bytes()), None, "{absent:?}");
        }
    }

    #[test]
    fn other_bytes_are_not_tables() {
        assert!(Counts::new(b"").is_none());
        assert!(Counts::new(MAGIC).is_none());
        let mut header = MAGIC.to_vec();
        header.extend_from_slice(&[1, 0, 0, 0, 1, 0, 0, 0]);
        header.extend_from_slice(&[0; 16]);
        assert!(Counts::new(&header).is_none(), "a header without its slots");
        header.extend_from_slice(&[0; 24]);
        assert!(Counts::new(&header).is_some());
    }
}
