//! The word n-gram language model: unigram and bigram counts (Norvig's Web 1T subset), scored
//! with stupid backoff.
//!
//! Words are lowercase (`said`); the source splits words at apostrophes and hyphens and has no
//! digits in unigrams; bigrams below a count of 100,000 are absent, so a missing pair means
//! "rare", which stupid backoff expresses. `examples/build_lm.rs` regenerates
//! `dictionaries/lm.fst`, which `build.rs` compiles into the hash tables of `counts.rs`.

use std::{borrow::Cow, cell::RefCell};

use once_cell::sync::Lazy;

use super::counts::{mix, word_hash, Counts, NONE};
use crate::text::{is_apostrophe, is_word_char};

pub(super) static LM_COUNTS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lm.counts"));
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

/// How many words each thread remembers the look-up of (see [`LanguageModel::token`]).
const RECENT_WORDS: usize = 4096;

thread_local! {
    /// Recent word look-ups, `(hash, id, count)`, each in the slot of its hash's low bits. Slot
    /// `i` starts with hash `i ^ 1`, which no word in that slot can have.
    static RECENT: RefCell<Vec<(u64, u32, f64)>> =
        RefCell::new((0..RECENT_WORDS as u64).map(|i| (i ^ 1, NONE, 0.0)).collect());
}

/// The embedded model, loaded on first use.
pub(crate) static MODEL: Lazy<LanguageModel> = Lazy::new(LanguageModel::embedded);

/// A word as the model reads it, looked up once: its id in the counts and its unigram count.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Token {
    /// Its `word_hash`.
    hash: u64,
    id: u32,
    kind: Kind,
    count: f64,
}

/// Words the model scores otherwise than by their counts.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Word,
    /// `SENTENCE_START`, whose pairs are counted against the sentence starts.
    SentenceStart,
    /// A word that starts with a digit: the counts have none.
    Number,
}

impl Token {
    /// A token no model has looked up: it scores as a word the counts lack.
    pub fn unresolved(text: &str) -> Token {
        Token {
            hash: word_hash(text.as_bytes()),
            id: NONE,
            kind: Kind::of(text),
            count: 0.0,
        }
    }
}

impl Kind {
    fn of(text: &str) -> Kind {
        if text == SENTENCE_START {
            Kind::SentenceStart
        } else if text.starts_with(|c: char| c.is_ascii_digit()) {
            Kind::Number
        } else {
            Kind::Word
        }
    }
}

/// Unigram and bigram counts with stupid-backoff scoring.
pub(crate) struct LanguageModel {
    counts: Counts<'static>,
    pairs: PairSet,
    log_total: f64,
}

impl LanguageModel {
    fn embedded() -> LanguageModel {
        let counts =
            Counts::new(LM_COUNTS).expect("build.rs writes lm.counts in counts.rs' layout");
        LanguageModel {
            log_total: counts.total.max(1.0).ln(),
            counts,
            pairs: PairSet::new(PAIRS_BLOOM),
        }
    }

    /// Looks a word up. A text uses a few thousand words over and over (nine look-ups in ten
    /// find their word among the thread's recent ones), and the table's 5 MB do not stay in the
    /// cache beside the pair tables, so recent look-ups are kept in 96 KiB a thread.
    pub fn token(&self, text: &str) -> Token {
        let hash = word_hash(text.as_bytes());
        let (id, count) = RECENT.with(|recent| {
            let mut recent = recent.borrow_mut();
            let slot = &mut recent[hash as usize % RECENT_WORDS];
            if slot.0 != hash {
                let (id, count) = self.counts.word(hash).unwrap_or((NONE, 0.0));
                *slot = (hash, id, count);
            }
            (slot.1, slot.2)
        });
        Token {
            hash,
            id,
            kind: Kind::of(text),
            count,
        }
    }

    /// How often `first second` occurs, 0 when rarer than the model's cut-off.
    fn pair(&self, first: &Token, second: &Token) -> f64 {
        if first.id == NONE || second.id == NONE {
            return 0.0;
        }
        self.counts.pair(first.id, second.id)
    }

    /// Whether the CMU model has the pair `first second`.
    fn cmu_pair(&self, first: &Token, second: &Token) -> bool {
        self.pairs.contains(first.hash, second.hash)
    }

    /// Whether `first second` is an ordinary English word pair: frequent in the counts, or one
    /// of the two million pairs of the CMU Sphinx model (a Bloom filter: about 0.1 % of other
    /// pairs test as ordinary too).
    pub fn is_ordinary_pair(&self, first: &str, second: &str) -> bool {
        self.is_ordinary(&self.token(first), &self.token(second))
    }

    /// [`LanguageModel::is_ordinary_pair`] of two tokens.
    pub fn is_ordinary(&self, first: &Token, second: &Token) -> bool {
        self.pair(first, second) > 0.0 || self.cmu_pair(first, second)
    }

    /// `ln P(word | previous)`; `previous` is `None` at the start of a clause.
    pub fn log_prob(&self, previous: Option<&Token>, word: &Token) -> f64 {
        if let Some(previous) = previous {
            let pair = self.pair(previous, word);
            if pair > 0.0 {
                let history = if previous.kind == Kind::SentenceStart {
                    self.counts.sentence_starts
                } else {
                    previous.count
                };
                return (pair / history.max(pair)).ln();
            }
        }
        let unigram = match word.count {
            _ if word.kind == Kind::Number => NUMBER_COUNT,
            0.0 => UNSEEN_COUNT,
            count => count,
        };
        let backoff = if previous.is_some() {
            BACKOFF.ln()
        } else {
            0.0
        };
        let backed_off = backoff + unigram.ln() - self.log_total;
        let Some(previous) = previous else {
            return backed_off;
        };
        // A pair of the CMU model counts as seen CMU_PAIR_COUNT times; the filter is asked
        // (a cache line) only where that would beat backing off.
        let cmu = (CMU_PAIR_COUNT / previous.count.max(CMU_PAIR_COUNT)).ln();
        if cmu > backed_off && self.cmu_pair(previous, word) {
            cmu
        } else {
            backed_off
        }
    }
}

/// A blocked Bloom filter of word pairs, written by `dictionaries/tools/cmu_pairs.py` (layout
/// there): a look-up reads one cache line. (Why the matcher's Bloom filter is another type: see
/// `matcher::Bloom`.)
struct PairSet {
    blocks: &'static [u8],
    block_count: u64,
    hashes: u32,
}

impl PairSet {
    const MAGIC: &'static [u8] = b"UNSPINBLOOM2";
    const BLOCK: usize = 64;

    fn new(bytes: &'static [u8]) -> PairSet {
        let header = PairSet::MAGIC.len() + 12;
        assert!(
            bytes.starts_with(PairSet::MAGIC) && bytes.len() >= header,
            "dictionaries/pairs.bloom is not a pair filter of this version"
        );
        let at = PairSet::MAGIC.len();
        let block_count = u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
        let hashes = u32::from_le_bytes(bytes[at + 8..at + 12].try_into().expect("4 bytes"));
        let blocks = &bytes[header..];
        assert!(
            block_count > 0 && blocks.len() as u64 == block_count * PairSet::BLOCK as u64,
            "dictionaries/pairs.bloom is truncated"
        );
        PairSet {
            blocks,
            block_count,
            hashes,
        }
    }

    /// Whether the pair of words with these `word_hash`es is in the set.
    fn contains(&self, first: u64, second: u64) -> bool {
        let hash = mix(first.rotate_left(32) ^ second);
        let block = (((hash >> 32) * self.block_count) >> 32) as usize;
        let block = &self.blocks[block * PairSet::BLOCK..][..PairSet::BLOCK];
        let bits = mix(hash);
        (0..self.hashes).all(|i| {
            let bit = (bits >> (9 * i)) as usize & (PairSet::BLOCK * 8 - 1);
            block[bit >> 3] & (1 << (bit & 7)) != 0
        })
    }
}

/// Emits the model's tokens of a phrase in order: lowercase words, contractions spelled out the way the
/// counts see them (`it's` → `it is`, `didn't` → `did not`, `they'll` → `they will`; a
/// possessive `'s` is dropped), so that a contraction and its expansion score alike.
pub(crate) fn each_word<'p>(phrase: &'p str, mut emit: impl FnMut(Cow<'p, str>)) {
    for token in phrase.split(|c: char| !(is_word_char(c) || is_apostrophe(c))) {
        // Most tokens are already what the model reads.
        if !token.is_empty()
            && token
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        {
            emit(Cow::Borrowed(token));
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
            None => emit(Cow::Owned(token.to_string())),
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
                        emit(Cow::Owned(base.to_string()));
                        let (inner, last) = rest.rsplit_once('\'').unwrap_or(("", rest));
                        for word in inner.split('\'').filter(|w| !w.is_empty()) {
                            emit(Cow::Owned(word.to_string()));
                        }
                        (last, None)
                    }
                };
                emit(Cow::Owned(base.to_string()));
                if let Some(expansion) = expansion {
                    emit(Cow::Borrowed(expansion));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recent_look_up_answers_as_the_table_does() {
        let model = &*MODEL;
        let words: Vec<String> = ["the", "said", "military", "<s>", "zzzqx", ""]
            .iter()
            .map(|w| w.to_string())
            .chain((0..3 * RECENT_WORDS).map(|i| format!("w{i}")))
            .chain(["said", "zzzqx", "the"].iter().map(|w| w.to_string()))
            .collect();
        for _ in 0..2 {
            for word in &words {
                let token = model.token(word);
                let expected = model.counts.word(word_hash(word.as_bytes()));
                assert_eq!(
                    (token.id, token.count),
                    expected.unwrap_or((NONE, 0.0)),
                    "{word:?}"
                );
            }
        }
        assert_ne!(model.token("said").id, NONE);
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
            ("It\u{2018}s theyʼll", "it is they will"),
        ] {
            let mut words = Vec::new();
            each_word(phrase, |w| words.push(w));
            assert_eq!(words.join(" "), expected, "{phrase:?}");
        }
    }
}
