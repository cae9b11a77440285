//! Finds dictionary phrases in text: whole words only, the longest key at each word start.
//!
//! The keys (lowercase, each also in its `’` spelling) form Aho-Corasick automata, contiguous
//! NFAs. Since a phrase can only start where a word starts, the matcher does not run an
//! automaton unanchored over every byte: it walks one anchored from each word start, folding
//! ASCII case byte by byte, until the automaton dies, and keeps the longest key that ends at a
//! word end. So it never follows failure transitions, needs no case-insensitive automaton (three
//! times slower to build) and no lowercased copy, and spans are offsets into the text as is.
//! Scanning is one pass left to right; after a match it resumes at the match's end.
//!
//! The keys are split by their first byte into one automaton each, built when a text first
//! needs it: most of building an automaton is computing failure transitions the walk never
//! follows, and a short text needs only the automata of its words' first letters.

use aho_corasick::{
    automaton::{Automaton, StateID},
    nfa::contiguous::NFA,
    Anchored, MatchKind,
};

use once_cell::sync::OnceCell;

use crate::{
    dictionary::Dictionary,
    hash::fx_add,
    text::{
        block_at, class_at, is_word_char, is_word_end, non_alphanumeric_bytes,
        with_curly_apostrophes,
    },
};

/// A whole-word occurrence of a dictionary key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    /// Byte offset of the first byte of the phrase.
    pub start: usize,
    /// Byte offset one past the phrase.
    pub end: usize,
    /// Offset of the dictionary entry (its candidates).
    pub entry: u64,
    /// The key's index in the dictionary's key order.
    pub key: u32,
}

/// The automata over a dictionary's keys.
#[derive(Clone)]
pub(crate) struct Matcher {
    /// The index in `groups` of the keys that start with each byte (`NO_GROUP` for none).
    group_of: [u16; 256],
    groups: Vec<Group>,
    /// How keys begin, so that most words of a text cost a hash or two, not a walk.
    starts: Starts,
}

/// The keys that start with one byte, and their automaton once built.
#[derive(Clone)]
struct Group {
    /// The patterns (keys and their `’` spellings), one after another.
    text: String,
    /// The end of each pattern in `text`, with its dictionary entry and key index.
    patterns: Vec<(usize, u64, u32)>,
    automaton: OnceCell<(NFA, StateID)>,
}

impl Group {
    /// The patterns, in order.
    fn patterns(&self) -> impl Iterator<Item = &[u8]> {
        let starts = std::iter::once(0).chain(self.patterns.iter().map(|&(end, ..)| end));
        starts
            .zip(&self.patterns)
            .map(|(start, &(end, ..))| &self.text.as_bytes()[start..end])
    }

    /// The automaton and its anchored start state.
    fn automaton(&self) -> &(NFA, StateID) {
        self.automaton.get_or_init(|| {
            let automaton = NFA::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(self.patterns())
                .expect("dictionary keys are bounded in length and count");
            let start = automaton
                .start_state(Anchored::Yes)
                .expect("contiguous NFAs support anchored searches");
            (automaton, start)
        })
    }
}

impl std::fmt::Debug for Matcher {
    /// Counts, not the automata (a default restorer's would print a megabyte).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field(
                "patterns",
                &self.groups.iter().map(|g| g.patterns.len()).sum::<usize>(),
            )
            .field("automata", &self.groups.len())
            .field(
                "built",
                &self
                    .groups
                    .iter()
                    .filter(|g| g.automaton.get().is_some())
                    .count(),
            )
            .finish()
    }
}

impl Matcher {
    const NO_GROUP: u16 = u16::MAX;

    /// Sorts the keys of `dictionary` by first byte; the automata are built on first need.
    pub fn new(dictionary: &Dictionary) -> Matcher {
        let mut group_of = [Self::NO_GROUP; 256];
        let mut groups: Vec<Group> = Vec::new();
        let mut add = |pattern: &str, entry: u64, key: u32| {
            let first = usize::from(pattern.as_bytes()[0]);
            if group_of[first] == Self::NO_GROUP {
                group_of[first] = groups.len() as u16;
                groups.push(Group {
                    text: String::new(),
                    patterns: Vec::new(),
                    automaton: OnceCell::new(),
                });
            }
            let group = &mut groups[usize::from(group_of[first])];
            group.text.push_str(pattern);
            group.patterns.push((group.text.len(), entry, key));
        };
        for (index, (key, entry)) in (0..).zip(dictionary.keys()) {
            if key.contains('\'') {
                add(&with_curly_apostrophes(key), entry, index);
            }
            add(key, entry, index);
        }
        let starts = Starts::new(groups.iter().flat_map(Group::patterns));
        Matcher {
            group_of,
            groups,
            starts,
        }
    }

    /// Every whole-word match in `text`, left to right, never overlapping.
    pub fn find_all(&self, text: &str) -> Vec<Span> {
        let mut spans = Vec::new();
        let bytes = text.as_bytes();
        let mut after_word = false;
        let mut at = 0;
        while at < bytes.len() {
            if self.starts.separates(bytes[at]) {
                after_word = false;
                at += 1;
                continue;
            }
            let (in_word, len) = class_at(text, at);
            if after_word && in_word {
                at += len;
                continue;
            }
            let run = ascii_run(&bytes[at..]);
            if self.starts.may_start(&bytes[at..], run.len()) {
                if let Some(span) = self.longest_at(text, at) {
                    spans.push(span);
                    at = span.end;
                    after_word = text[..at].chars().next_back().is_some_and(is_word_char);
                    continue;
                }
            }
            // No key starts here, nor anywhere inside the run.
            after_word = in_word;
            at += run.len().max(len);
        }
        spans
    }

    /// The longest key that starts at `start` and ends at a word end.
    fn longest_at(&self, text: &str, start: usize) -> Option<Span> {
        let group = self.group_of[usize::from(text.as_bytes()[start].to_ascii_lowercase())];
        let group = self.groups.get(usize::from(group))?;
        let (automaton, start_state) = group.automaton();
        let mut state = *start_state;
        let mut longest = None;
        for (end, &byte) in (start + 1..).zip(&text.as_bytes()[start..]) {
            state = automaton.next_state(Anchored::Yes, state, byte.to_ascii_lowercase());
            if automaton.is_special(state) {
                if automaton.is_dead(state) {
                    break;
                }
                // A match state also holds the keys that are suffixes of its path (copied along
                // failure transitions): only the key as long as the path starts at `start`.
                // It ends here, at a char boundary, since it equals the text up to ASCII case.
                if automaton.is_match(state) && is_word_end(text, end) {
                    let key = (0..automaton.match_len(state))
                        .map(|i| automaton.match_pattern(state, i))
                        .find(|&p| automaton.pattern_len(p) == end - start);
                    if let Some(key) = key {
                        longest = Some((end, key));
                    }
                }
            }
        }
        longest.map(|(end, pattern)| {
            let (_, entry, key) = group.patterns[pattern.as_usize()];
            Span {
                start,
                end,
                entry,
                key,
            }
        })
    }
}

/// The leading run of ASCII letters and digits of `bytes`, found eight bytes at a time.
fn ascii_run(bytes: &[u8]) -> &[u8] {
    let mut len = 0;
    while let Some(block) = block_at(bytes, len) {
        let others = non_alphanumeric_bytes(block);
        if others != 0 {
            return &bytes[..len + others.trailing_zeros() as usize / 8];
        }
        len += 8;
    }
    len += bytes[len..]
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(bytes.len() - len);
    &bytes[..len]
}

/// How the keys begin, by their ASCII runs (maximal runs of ASCII letters and digits,
/// lowercased): a key matched at a word start spells the text there byte for byte up to ASCII
/// case, and cannot end inside a word, so the text's first run there is the key's first run,
/// and its next run (after as many other bytes) is the key's second run, if it has one.
///
/// Most words that begin some key begin only longer ones ("the" of "the 2"), so the pair of
/// runs rules out most walks that the first run alone would allow.
#[derive(Clone)]
struct Starts {
    /// The keys' first runs.
    first: Bloom,
    /// Each key's first two runs, or its only run with `ANY_NEXT`.
    pairs: Bloom,
    /// The most bytes between a key's first two runs; a text's next run farther away cannot
    /// belong to a key.
    max_gap: usize,
    /// The first bytes of the keys that start with neither an ASCII letter nor a digit.
    lead_bytes: [bool; 256],
}

impl Starts {
    /// The "next run" of a key with a single run: it matches whatever follows.
    const ANY_NEXT: u64 = 0x9e37_79b9_7f4a_7c15;

    fn new<'k>(keys: impl Iterator<Item = &'k [u8]>) -> Starts {
        let mut first = Vec::new();
        let mut pairs = Vec::new();
        let mut max_gap = 0;
        let mut lead_bytes = [false; 256];
        for key in keys {
            let run = ascii_run(key);
            if run.is_empty() {
                lead_bytes[usize::from(key[0])] = true;
                continue;
            }
            let head = hash_lowercase(run, run.len());
            first.push(head);
            pairs.push(match next_run(key, run.len(), usize::MAX) {
                Some((gap, next)) => {
                    max_gap = max_gap.max(gap);
                    pair_hash(head, hash_lowercase(next, next.len()))
                }
                None => pair_hash(head, Starts::ANY_NEXT),
            });
        }
        Starts {
            first: Bloom::new(&first),
            pairs: Bloom::new(&pairs),
            max_gap,
            lead_bytes,
        }
    }

    /// Whether `byte` is ASCII, in no word, and begins no key: a space, most punctuation.
    fn separates(&self, byte: u8) -> bool {
        byte.is_ascii() && !byte.is_ascii_alphanumeric() && !self.lead_bytes[usize::from(byte)]
    }

    /// Whether a key may start at `text`, whose ASCII run is `run_len` bytes long.
    fn may_start(&self, text: &[u8], run_len: usize) -> bool {
        if run_len == 0 {
            return self.lead_bytes[usize::from(text[0])];
        }
        let head = hash_lowercase(text, run_len);
        if !self.first.may_contain(head) {
            return false;
        }
        self.pairs.may_contain(pair_hash(head, Starts::ANY_NEXT))
            || next_run(text, run_len, self.max_gap).is_some_and(|(gap, next)| {
                let next = hash_lowercase(&text[run_len + gap..], next.len());
                self.pairs.may_contain(pair_hash(head, next))
            })
    }
}

/// The ASCII run that follows the first `after` bytes of `bytes` (which end a run) within
/// `max_gap` bytes, with the gap.
fn next_run(bytes: &[u8], after: usize, max_gap: usize) -> Option<(usize, &[u8])> {
    let rest = &bytes[after..];
    let gap = rest
        .iter()
        .take(max_gap.saturating_add(1))
        .position(u8::is_ascii_alphanumeric)?;
    (gap <= max_gap).then(|| (gap, ascii_run(&rest[gap..])))
}

/// An odd multiplier (SplitMix64's second) that spreads a hash's low bits into the high bits
/// that `Bloom::probe` reads.
const SPREAD: u64 = 0xbf58_476d_1ce4_e5b9;

fn pair_hash(first: u64, second: u64) -> u64 {
    (first.rotate_left(17) ^ second).wrapping_mul(SPREAD)
}

/// A blocked Bloom filter of 64-bit hashes: each hash sets two bits of one 64-bit word, so a
/// test reads one word.
///
/// The language model's pair filter (`decoder::model::PairSet`) is a blocked Bloom filter too,
/// but not this type: its layout (64-byte blocks, a header, several bits per pair picked by
/// murmur3's finaliser) is the file format of `dictionaries/pairs.bloom`, which
/// `dictionaries/tools/cmu_pairs.py` writes, and it is read in place from the embedded bytes.
/// This one is built in memory from a few thousand keys, and sized and probed for the matcher's
/// hot loop (a power-of-two word count, two bits from one hash).
#[derive(Clone)]
struct Bloom {
    words: Vec<u64>,
    /// `words.len() - 1`; the word count is a power of two.
    mask: u64,
}

impl Bloom {
    /// Bits per hash: about 2 % false positives.
    const BITS_PER_HASH: usize = 16;

    fn new(hashes: &[u64]) -> Bloom {
        let word_count = (hashes.len() * Self::BITS_PER_HASH / 64)
            .next_power_of_two()
            .max(1);
        let mut filter = Bloom {
            words: vec![0; word_count],
            mask: word_count as u64 - 1,
        };
        for &hash in hashes {
            let (word, bits) = filter.probe(hash);
            filter.words[word] |= bits;
        }
        filter
    }

    fn may_contain(&self, hash: u64) -> bool {
        let (word, bits) = self.probe(hash);
        self.words[word] & bits == bits
    }

    /// The word and the two bits of `hash`.
    fn probe(&self, hash: u64) -> (usize, u64) {
        let bits = 1 << ((hash >> 52) & 63) | 1 << ((hash >> 58) & 63);
        ((hash & self.mask) as usize, bits)
    }
}

/// A hash of the ASCII run (letters and digits only) that makes up the first `len` bytes of
/// `bytes`, lowercased: eight bytes a multiply, since setting bit 5 lowercases a letter and
/// leaves a digit as it is. Blocks are read whole from `bytes` where it is long enough (a block
/// assembled byte by byte stalls the load that reads it).
fn hash_lowercase(bytes: &[u8], len: usize) -> u64 {
    let mut hash = len as u64;
    for at in (0..len).step_by(8) {
        let take = (len - at).min(8);
        let block = match bytes.get(at..at + 8) {
            Some(block) => u64::from_le_bytes(block.try_into().expect("8 bytes")),
            None => {
                let mut block = [0; 8];
                block[..take].copy_from_slice(&bytes[at..at + take]);
                u64::from_le_bytes(block)
            }
        };
        let mask = u64::MAX >> (64 - 8 * take);
        let lower = (block | 0x2020_2020_2020_2020) & mask;
        hash = fx_add(hash, lower);
    }
    (hash ^ (hash >> 29)).wrapping_mul(SPREAD)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(tsv: &str, text: &str) -> Vec<String> {
        let dictionary = Dictionary::from_tsv(tsv.as_bytes()).unwrap();
        let matcher = Matcher::new(&dictionary);
        matcher
            .find_all(text)
            .iter()
            .map(|s| text[s.start..s.end].to_string())
            .collect()
    }

    #[test]
    fn only_whole_words_match() {
        let tsv = "navy\tmilitary\nnavy help\tmilitary aid\nisn't any\tis no\nthe 2\tthe two\nnation\tcountry\n";
        for (text, expected) in [
            ("the navy", vec!["navy"]),
            ("navyblue unnavy", vec![]),
            ("Navy help arrived", vec!["Navy help"]),
            ("navy helps", vec!["navy"]),
            ("navy help-desk", vec!["navy help"]),
            ("NAVY", vec!["NAVY"]),
            ("there isn’t any", vec!["isn’t any"]),
            ("there isn't any", vec!["isn't any"]),
            ("the 2 nations", vec!["the 2"]),
            ("the 20 nations", vec![]),
            ("nation’s navy", vec!["nation", "navy"]),
            ("Navy\u{301} navy", vec!["navy"]),
            ("شنavy navy", vec!["navy"]),
            ("", vec![]),
        ] {
            assert_eq!(spans(tsv, text), expected, "{text:?}");
        }
    }

    #[test]
    fn a_key_matches_only_where_it_starts() {
        // The automaton's state for "to present" also holds the suffix key "present".
        let tsv = "present\tgive\nto present away\tto give away\nnt it\tx\n";
        for (text, expected) in [
            ("to present it away", vec!["present"]),
            ("to present away", vec!["to present away"]),
            ("Present it", vec!["Present"]),
        ] {
            assert_eq!(spans(tsv, text), expected, "{text:?}");
        }
    }

    #[test]
    fn keys_are_found_whatever_separates_their_runs() {
        // The filter of how keys begin reads a word's ASCII run and the next one.
        let tsv = "naïve bayes\tnb\nu.s. navy\tus navy\nwell — known\tfamous\nsolo\tone\n\
                   β-d mannose\tsugar\nthe 2\tthe two\n";
        for (text, expected) in [
            ("a Naïve Bayes model", vec!["Naïve Bayes"]),
            ("the U.S. Navy", vec!["U.S. Navy"]),
            ("well — known, well known", vec!["well — known"]),
            ("solo flight, solo.", vec!["solo", "solo"]),
            ("a β-d mannose", vec!["β-d mannose"]),
            ("the 2 and the 20, the\n2", vec!["the 2"]),
        ] {
            assert_eq!(spans(tsv, text), expected, "{text:?}");
        }
    }

    /// What `find_all` must return, by brute force: at each position outside a word, every
    /// key tried as written and with `’`, up to ASCII case, ending at a word end; the longest.
    fn reference(keys: &[&str], text: &str) -> Vec<(usize, usize)> {
        let patterns: Vec<String> = keys
            .iter()
            .flat_map(|k| [k.to_string(), k.replace('\'', "\u{2019}")])
            .collect();
        let mut found = Vec::new();
        let (mut at, mut after_word) = (0, false);
        while at < text.len() {
            let c = text[at..].chars().next().unwrap();
            if after_word && is_word_char(c) {
                at += c.len_utf8();
                continue;
            }
            let longest = patterns
                .iter()
                .filter(|p| {
                    text.as_bytes()
                        .get(at..at + p.len())
                        .is_some_and(|t| t.eq_ignore_ascii_case(p.as_bytes()))
                        && text.is_char_boundary(at + p.len())
                        && is_word_end(text, at + p.len())
                })
                .map(String::len)
                .max();
            match longest {
                Some(len) => {
                    found.push((at, at + len));
                    at += len;
                    after_word = text[..at].chars().next_back().is_some_and(is_word_char);
                }
                None => {
                    after_word = is_word_char(c);
                    at += c.len_utf8();
                }
            }
        }
        found
    }

    #[test]
    fn matches_agree_with_brute_force_on_generated_text() {
        let keys = [
            "the 2",
            "the 2.5",
            "the us",
            "u.s. navy",
            "navy",
            "navy seal",
            "isn't any",
            "yr",
            "in the past",
            "naïve bayes",
            "β-d mannose",
            "well — known",
            "{dollars}",
            "[c=o] bunches",
            "a",
            "a pair of",
            "pair",
            "co-op",
            "solo",
            "x9",
        ];
        let tsv: String = keys.iter().map(|k| format!("{k}\tX\n")).collect();
        let matcher = Matcher::new(&Dictionary::from_tsv(tsv.as_bytes()).unwrap());
        let fragments = [
            "the",
            "The",
            "THE",
            "2",
            "2.5",
            "20",
            "us",
            "U.S.",
            "u.s",
            "navy",
            "Navy",
            "seal",
            "isn't",
            "isn’t",
            "any",
            "yr",
            "in",
            "past",
            "naïve",
            "Naïve",
            "bayes",
            "β-d",
            "mannose",
            "well",
            "—",
            "known",
            "{dollars}",
            "[c=o]",
            "bunches",
            "a",
            "A",
            "pair",
            "of",
            "co-op",
            "solo",
            "x9",
            "x",
            "é",
            " ",
            " ",
            " ",
            "  ",
            "\n",
            ".",
            ",",
            "-",
            "’",
            "'",
            "\u{a0}",
            // Whole keys and near misses, so that long keys occur often enough.
            "well — known",
            "Well —  known",
            "u.s. navy",
            "the 2.5",
            "In the past",
            "isn’t any",
            "naïve Bayes",
            "[c=o] bunches",
            "a pair of",
        ];
        for text in crate::testing::generated_texts(&fragments, 3000, 12, 0x2545_f491_4f6c_dd1d) {
            let found: Vec<(usize, usize)> = matcher
                .find_all(&text)
                .iter()
                .map(|s| (s.start, s.end))
                .collect();
            assert_eq!(found, reference(&keys, &text), "{text:?}");
        }
    }

    #[test]
    fn every_default_key_is_found_as_written_capitalised_and_curly() {
        let dictionary = Dictionary::defaults();
        let matcher = Matcher::new(&dictionary);
        for (key, entry) in dictionary.keys() {
            // Case is folded for ASCII letters only.
            let mut capitalised = key.to_string();
            if let Some(first) = capitalised.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            for spelling in [key.to_string(), capitalised, key.replace('\'', "\u{2019}")] {
                let text = format!("{spelling}\n");
                let found = matcher.find_all(&text);
                assert!(
                    found.first().is_some_and(|s| s.start == 0
                        && s.end == spelling.len()
                        && s.entry == entry),
                    "{text:?}: {found:?}"
                );
            }
        }
    }

    #[test]
    fn runs_are_measured_eight_bytes_at_a_time_as_byte_by_byte() {
        let text = "Navy9 help—officers’ 2024x ok";
        for start in 0..text.len() {
            let bytes = &text.as_bytes()[start..];
            let expected = bytes
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            assert_eq!(ascii_run(bytes).len(), expected, "{start}");
        }
    }

    #[test]
    fn empty_dictionary_matches_nothing() {
        assert!(spans("# nothing\n", "navy").is_empty());
    }

    #[test]
    fn keys_may_start_with_punctuation() {
        let tsv = "[c=o] bunches\tco clusters\nbunches\tclusters\n0.5 breed\thalf\n";
        assert_eq!(
            spans(tsv, "the [c=o] bunches and [c=o] bunch, bunches"),
            ["[c=o] bunches", "bunches"]
        );
        assert_eq!(spans(tsv, "x0.5 breed 0.5 breed"), ["0.5 breed"]);
    }
}
