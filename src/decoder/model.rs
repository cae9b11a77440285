//! The word n-gram language model: unigram and bigram counts (Norvig's Web 1T subset) in an
//! embedded `fst::Map`, scored with stupid backoff.
//!
//! Keys are lowercase words (`said`) and word pairs (`said the`); values are raw counts; the
//! empty key holds the unigram total. The source splits words at apostrophes and hyphens and has
//! no digits in unigrams; bigrams below a count of 100,000 are absent, so a missing pair means
//! "rare", which stupid backoff expresses. `examples/build_lm.rs` regenerates the file.

use std::borrow::Cow;

use fst::{IntoStreamer, Streamer};
use once_cell::sync::Lazy;

use std::hash::Hasher;

use crate::hash::FastHasher;

static LM_FST: &[u8] = include_bytes!("../../dictionaries/lm.fst");
static PAIRS_BLOOM: &[u8] = include_bytes!("../../dictionaries/pairs.bloom");

/// Backoff factor of stupid backoff (Brants et al., 2007).
const BACKOFF: f64 = 0.4;
/// Count assumed for a pair of the CMU model that the counts lack (they stop at 100,000).
const CMU_PAIR_COUNT: f64 = 20_000.0;
/// Count assumed for a number: the counts have no digits, yet numbers are as common as "three".
const NUMBER_COUNT: f64 = 100_000_000.0;
/// Count assumed for a word the model lacks; its unigrams stop at a count of 12,711.
const UNSEEN_COUNT: f64 = 2_000.0;

/// The token the model's bigrams use for the start of a sentence (`<s> the`).
pub(crate) const SENTENCE_START: &str = "<s>";

thread_local! {
    static COUNTS: std::cell::RefCell<CountCache> = std::cell::RefCell::new(CountCache::new());
}

/// The embedded model, loaded on first use.
pub(crate) static MODEL: Lazy<LanguageModel> = Lazy::new(LanguageModel::embedded);

/// Unigram and bigram counts with stupid-backoff scoring.
pub(crate) struct LanguageModel {
    counts: fst::Map<&'static [u8]>,
    pairs: PairSet,
    log_total: f64,
    /// The sum of the `<s> w` bigram counts: how many sentence starts the model saw.
    sentence_starts: f64,
}

impl LanguageModel {
    fn embedded() -> LanguageModel {
        let counts = fst::Map::new(LM_FST).expect("dictionaries/lm.fst is a valid fst map");
        let total = counts.get("").unwrap_or(1) as f64;
        let prefix = format!("{SENTENCE_START} ");
        let mut starts = counts
            .range()
            .ge(&prefix)
            .lt(format!("{SENTENCE_START}!"))
            .into_stream();
        let mut sentence_starts = 0.0;
        while let Some((_, count)) = starts.next() {
            sentence_starts += count as f64;
        }
        LanguageModel {
            counts,
            pairs: PairSet::new(PAIRS_BLOOM),
            log_total: total.ln(),
            sentence_starts: sentence_starts.max(1.0),
        }
    }

    fn count(&self, key: &str) -> f64 {
        let key = key.as_bytes();
        self.cached(key, || self.counts.get(key).unwrap_or(0) as f64)
    }

    /// How often `first second` occurs (0 when rarer than the model's cut-off), and, when it
    /// is 0, whether the CMU model has the pair. Both are cached under the pair's key, a CMU
    /// pair as -1 (a Bloom filter test is seven scattered reads).
    fn pair(&self, first: &str, second: &str) -> (f64, bool) {
        let value = with_pair(first, second, |pair| {
            self.cached(pair, || match self.counts.get(pair) {
                Some(count) => count as f64,
                None if self.pairs.contains(pair) => -1.0,
                None => 0.0,
            })
        });
        (value.max(0.0), value < 0.0)
    }

    /// A value through the per-thread cache: decoding asks for the same few thousand words and
    /// pairs over and over, and a cache look-up costs a fraction of an fst walk.
    fn cached(&self, key: &[u8], compute: impl FnOnce() -> f64) -> f64 {
        COUNTS.with(|cache| {
            let mut cache = cache.borrow_mut();
            if let Some(value) = cache.get(key) {
                return value;
            }
            let value = compute();
            cache.insert(key, value);
            value
        })
    }

    /// Whether `first second` is an ordinary English word pair: frequent in the counts, or one
    /// of the two million pairs of the CMU Sphinx model (a Bloom filter: about 0.8 % of other
    /// pairs test as ordinary too).
    pub fn is_ordinary_pair(&self, first: &str, second: &str) -> bool {
        let (count, cmu) = self.pair(first, second);
        count > 0.0 || cmu
    }

    /// `ln P(word | previous)`; `previous` is `None` at the start of a clause.
    pub fn log_prob(&self, previous: Option<&str>, word: &str) -> f64 {
        let mut cmu_pair = false;
        if let Some(previous) = previous {
            let (pair, cmu) = self.pair(previous, word);
            cmu_pair = cmu;
            if pair > 0.0 {
                let history = if previous == SENTENCE_START {
                    self.sentence_starts
                } else {
                    self.count(previous)
                };
                return (pair / history.max(pair)).ln();
            }
        }
        let unigram = match self.count(word) {
            _ if word.starts_with(|c: char| c.is_ascii_digit()) => NUMBER_COUNT,
            0.0 => UNSEEN_COUNT,
            count => count,
        };
        let backoff = if previous.is_some() {
            BACKOFF.ln()
        } else {
            0.0
        };
        let backed_off = backoff + unigram.ln() - self.log_total;
        match previous {
            Some(previous) if cmu_pair => {
                let history = self.count(previous).max(CMU_PAIR_COUNT);
                backed_off.max((CMU_PAIR_COUNT / history).ln())
            }
            _ => backed_off,
        }
    }

    /// `ln P` of `words` between a left and a right context word.
    pub fn score(&self, left: Option<&str>, words: &[Cow<'_, str>], right: Option<&str>) -> f64 {
        let mut previous = left;
        let mut total = 0.0;
        for word in words {
            total += self.log_prob(previous, word);
            previous = Some(word);
        }
        if let Some(right) = right {
            total += self.log_prob(previous, right);
        }
        total
    }
}

/// A direct-mapped cache of the model's values by key (counts, and -1 for a pair that only the
/// CMU model has): one cache line a slot, the key inline, nothing
/// allocated per key; a key evicts whatever its slot held. Keys longer than a slot holds are
/// not kept. The slots are one zeroed allocation, so the pages a short text never touches are
/// never mapped (start-up pays for none of it).
///
/// A slot is eight words: the key's hash, the value's bits, then the key's length byte and its
/// bytes, zero-padded. An empty slot is all zeros, which no key's length word matches.
struct CountCache {
    words: Vec<u64>,
    /// The first word of slot 0: the allocation is only word-aligned, slots are line-aligned.
    base: usize,
}

impl CountCache {
    /// 65,536 slots: 4 MiB a thread at most.
    const SLOTS: usize = 1 << 16;
    const SLOT_WORDS: usize = 8;
    /// Key bytes a slot holds: its last six words, less the length byte.
    const KEY_BYTES: usize = 6 * 8 - 1;

    fn new() -> CountCache {
        let words = vec![0u64; (Self::SLOTS + 1) * Self::SLOT_WORDS];
        let misalignment = (words.as_ptr() as usize / 8) % Self::SLOT_WORDS;
        CountCache {
            words,
            base: (Self::SLOT_WORDS - misalignment) % Self::SLOT_WORDS,
        }
    }

    /// The key's hash and the first word of its slot.
    fn slot(&self, key: &[u8]) -> (u64, usize) {
        let mut hasher = FastHasher::default();
        hasher.write(key);
        let hash = hasher.finish();
        let slot = (hash >> 16) as usize & (Self::SLOTS - 1);
        (hash, self.base + slot * Self::SLOT_WORDS)
    }

    /// The length byte and the key, as the words a slot stores, and how many of them count.
    fn packed(key: &[u8]) -> ([u64; 6], usize) {
        let mut bytes = [0u8; 48];
        bytes[0] = key.len() as u8;
        bytes[1..=key.len()].copy_from_slice(key);
        let mut words = [0u64; 6];
        for (word, chunk) in words.iter_mut().zip(bytes.chunks_exact(8)) {
            *word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        }
        (words, (key.len() + 8) / 8)
    }

    fn get(&self, key: &[u8]) -> Option<f64> {
        if key.is_empty() || key.len() > Self::KEY_BYTES {
            return None;
        }
        let (hash, at) = self.slot(key);
        let slot = &self.words[at..at + Self::SLOT_WORDS];
        if slot[0] != hash {
            return None;
        }
        let (packed, used) = Self::packed(key);
        (slot[2..2 + used] == packed[..used]).then(|| f64::from_bits(slot[1]))
    }

    fn insert(&mut self, key: &[u8], count: f64) {
        if key.is_empty() || key.len() > Self::KEY_BYTES {
            return;
        }
        let (hash, at) = self.slot(key);
        let (packed, _) = Self::packed(key);
        let slot = &mut self.words[at..at + Self::SLOT_WORDS];
        slot[0] = hash;
        slot[1] = count.to_bits();
        slot[2..].copy_from_slice(&packed);
    }
}

/// Calls `f` with the key of a word pair, `first second`, built without allocating when short.
fn with_pair<T>(first: &str, second: &str, f: impl FnOnce(&[u8]) -> T) -> T {
    let len = first.len() + 1 + second.len();
    let mut buffer = [0u8; 64];
    if len > buffer.len() {
        return f(format!("{first} {second}").as_bytes());
    }
    buffer[..first.len()].copy_from_slice(first.as_bytes());
    buffer[first.len()] = b' ';
    buffer[first.len() + 1..len].copy_from_slice(second.as_bytes());
    f(&buffer[..len])
}

/// A Bloom filter of word pairs, written by `dictionaries/tools/cmu_pairs.py` (layout there).
struct PairSet {
    bits: &'static [u8],
    bit_count: u64,
    hashes: u32,
}

impl PairSet {
    const MAGIC: &'static [u8] = b"UNSPINBLOOM1";

    fn new(bytes: &'static [u8]) -> PairSet {
        let header = PairSet::MAGIC.len() + 12;
        assert!(
            bytes.starts_with(PairSet::MAGIC) && bytes.len() >= header,
            "dictionaries/pairs.bloom is not a pair filter"
        );
        let at = PairSet::MAGIC.len();
        let bit_count = u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
        let hashes = u32::from_le_bytes(bytes[at + 8..at + 12].try_into().expect("4 bytes"));
        let bits = &bytes[header..];
        assert_eq!(
            bits.len() as u64 * 8,
            bit_count,
            "dictionaries/pairs.bloom is truncated"
        );
        PairSet {
            bits,
            bit_count,
            hashes,
        }
    }

    fn contains(&self, pair: &[u8]) -> bool {
        let h1 = pair.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
        });
        let h2 = splitmix64(h1) | 1;
        (0..u64::from(self.hashes)).all(|i| {
            let bit = h1.wrapping_add(i.wrapping_mul(h2)) % self.bit_count;
            self.bits[(bit >> 3) as usize] & (1 << (bit & 7)) != 0
        })
    }
}

fn splitmix64(x: u64) -> u64 {
    let x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    let x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The model's tokens of a phrase: lowercase words, contractions spelled out the way the
/// counts see them (`it's` → `it is`, `didn't` → `did not`, `they'll` → `they will`; a
/// possessive `'s` is dropped), so that a contraction and its expansion score alike.
pub(crate) fn words(phrase: &str) -> Vec<Cow<'_, str>> {
    let mut words = Vec::new();
    for token in phrase.split(|c: char| !(crate::matcher::is_word_char(c) || is_apostrophe(c))) {
        // Most tokens are already what the model reads.
        if !token.is_empty()
            && token
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        {
            words.push(Cow::Borrowed(token));
            continue;
        }
        let token: String = token
            .chars()
            .map(|c| if is_apostrophe(c) { '\'' } else { c })
            .flat_map(char::to_lowercase)
            .collect();
        let token = token.trim_matches('\'');
        if token.is_empty() {
            continue;
        }
        match token.split_once('\'') {
            None => words.push(Cow::Owned(token.to_string())),
            Some((base, suffix)) => {
                let (base, expansion) = match (base, suffix) {
                    ("ca", "t") | ("can", "t") => ("can", Some("not")),
                    ("wo", "t") | ("won", "t") => ("will", Some("not")),
                    ("sha", "t") | ("shan", "t") => ("shall", Some("not")),
                    (base, "t") => (base.strip_suffix('n').unwrap_or(base), Some("not")),
                    ("let", "s") => ("let", Some("us")),
                    (
                        base @ ("it" | "that" | "he" | "she" | "there" | "what" | "who" | "here"
                        | "where"),
                        "s",
                    ) => (base, Some("is")),
                    (base, "s") => (base, None),
                    (base, "ll") => (base, Some("will")),
                    (base, "ve") => (base, Some("have")),
                    (base, "re") => (base, Some("are")),
                    (base, "m") => (base, Some("am")),
                    (base, "d") => (base, Some("would")),
                    (base, rest) => {
                        words.push(Cow::Owned(base.to_string()));
                        let (inner, last) = rest.rsplit_once('\'').unwrap_or(("", rest));
                        words.extend(
                            inner
                                .split('\'')
                                .filter(|w| !w.is_empty())
                                .map(|w| Cow::Owned(w.to_string())),
                        );
                        (last, None)
                    }
                };
                words.push(Cow::Owned(base.to_string()));
                words.extend(expansion.map(Cow::Borrowed));
            }
        }
    }
    words
}

pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_count_cache_returns_what_it_holds_and_nothing_else() {
        let mut cache = CountCache::new();
        let long = "x".repeat(CountCache::KEY_BYTES + 1);
        for key in ["", "a", "said the", "seven chars", long.as_str()] {
            assert_eq!(cache.get(key.as_bytes()), None, "{key:?}");
        }
        let keys = ["a", "ab", "said the", "exactly eight by", &long[1..]];
        for (i, key) in keys.iter().enumerate() {
            cache.insert(key.as_bytes(), i as f64 + 0.5);
        }
        cache.insert(long.as_bytes(), 9.0);
        for (i, key) in keys.iter().enumerate() {
            assert_eq!(cache.get(key.as_bytes()), Some(i as f64 + 0.5), "{key:?}");
        }
        for key in ["b", "said th", "said the ", long.as_str()] {
            assert_eq!(cache.get(key.as_bytes()), None, "{key:?}");
        }
        // Slots are whole cache lines.
        assert_eq!((cache.words[cache.base..].as_ptr() as usize) % 64, 0);
    }

    #[test]
    fn contractions_read_as_their_expansions() {
        for (phrase, expected) in [
            ("It’s here", "it is here"),
            ("didn't", "did not"),
            ("can't won't", "can not will not"),
            ("they'll", "they will"),
            ("I've", "i have"),
            ("the nation’s army", "the nation army"),
            ("Chinese-made", "chinese made"),
            ("'quoted'", "quoted"),
            ("rock'n'roll", "rock n roll"),
        ] {
            assert_eq!(words(phrase).join(" "), expected, "{phrase:?}");
        }
    }
}
