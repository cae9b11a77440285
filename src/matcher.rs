//! Finds dictionary phrases in text: whole words only, the longest key at each word start.
//!
//! The keys are held in a byte trie, built at start-up from the dictionary's (sorted) keys in
//! one linear pass, with no failure links. Since a match must start at a word boundary, the trie
//! is walked only from word starts (and from non-word characters, where keys like `[c=o] x` may
//! start); inside words the scan only classifies characters. The walk folds ASCII case and reads
//! `’` as `'`, so it runs over the text as is, with no lowercased copy and no offset mapping. The
//! match at a position is the longest key that ends at a word boundary (Unicode-aware), which
//! also covers the shorter-key fallback ("navy helps" matches "navy" when "navy help" is a key).
//!
//! Compared with an Aho-Corasick automaton over the same keys, the build is an order of
//! magnitude cheaper (it dominates the start-up of the default restorer), the structure is a
//! fraction of the size, and the scan is faster on both spun and genuine text (issue 5,
//! `benches/RESULTS.md`).

use crate::dictionary::Dictionary;

/// A whole-word occurrence of a dictionary key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    /// Byte offset of the first byte of the phrase.
    pub start: usize,
    /// Byte offset one past the phrase.
    pub end: usize,
    /// Offset of the dictionary entry (its candidates).
    pub entry: u64,
}

/// The keys of a dictionary, ready to be found in text.
#[derive(Clone, Debug)]
pub(crate) struct Matcher {
    trie: Trie,
}

impl Matcher {
    /// Builds the trie from every key of `dictionary`.
    pub fn new(dictionary: &Dictionary) -> Matcher {
        Matcher { trie: Trie::new(dictionary.keys()) }
    }

    /// Every whole-word match in `text`, left to right, never overlapping: at each word start,
    /// the longest key that ends at a word end.
    pub fn find_all(&self, _dictionary: &Dictionary, text: &str) -> Vec<Span> {
        let mut spans = Vec::new();
        if self.trie.is_empty() {
            return spans;
        }
        let bytes = text.as_bytes();
        let mut at = 0;
        // Whether the character before `at` is a word character.
        let mut after_word = false;
        while at < bytes.len() {
            let (word, len) = match bytes[at] {
                b if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
                _ => {
                    let c = text[at..].chars().next().expect("at is a char boundary");
                    (is_word_char(c), c.len_utf8())
                }
            };
            if !(after_word && word) {
                if let Some((end, entry)) = self.trie.longest_at(text, at) {
                    spans.push(Span { start: at, end, entry });
                    after_word = ends_in_word(text, end);
                    at = end;
                    continue;
                }
            }
            after_word = word;
            at += len;
        }
        spans
    }
}

/// A byte trie, its nodes in the depth-first order in which they were created, so that the
/// chain of nodes of a long key is contiguous. Node `n`'s edges are
/// `labels[nodes[n].first..nodes[n + 1].first]` (sorted), leading to the nodes in `targets`.
#[derive(Clone, Debug)]
struct Trie {
    /// One more than the nodes: the last one only ends the edges of the one before.
    nodes: Vec<Node>,
    labels: Vec<u8>,
    targets: Vec<u32>,
    /// The dictionary entries of the keys, indexed by `Node::value`.
    entries: Vec<u64>,
    /// The root's child per byte, or `NO_NODE`: most walks end here.
    root: Box<[u32; 256]>,
}

#[derive(Clone, Copy, Debug)]
struct Node {
    /// The index of the node's first edge.
    first: u32,
    /// The index in `entries` of the key that ends at this node, or `NO_VALUE`.
    value: u32,
}

const NO_VALUE: u32 = u32::MAX;
const NO_NODE: u32 = u32::MAX;
const RIGHT_QUOTE: &[u8] = "\u{2019}".as_bytes();

impl Trie {
    /// Builds the trie from keys in increasing byte order (as the fst yields them), without
    /// duplicates: each key adds nodes for what follows its common prefix with the previous one.
    fn new(keys: Vec<(String, u64)>) -> Trie {
        let mut values = vec![NO_VALUE];
        let mut edges: Vec<(u32, u8, u32)> = Vec::new();
        let mut entries = Vec::with_capacity(keys.len());
        // path[d] = the node reached by the first d bytes of the previous key.
        let mut path: Vec<u32> = vec![0];
        let mut previous: &[u8] = &[];
        for (key, entry) in &keys {
            let key = key.as_bytes();
            debug_assert!(previous < key, "keys come sorted and unique");
            let common = previous.iter().zip(key).take_while(|(a, b)| a == b).count();
            path.truncate(common + 1);
            for &byte in &key[common..] {
                let child = values.len() as u32;
                values.push(NO_VALUE);
                edges.push((path[path.len() - 1], byte, child));
                path.push(child);
            }
            values[path[path.len() - 1] as usize] = entries.len() as u32;
            entries.push(*entry);
            previous = key;
        }
        // Group the edges by parent (a parent's edges were created in increasing label order).
        let mut nodes: Vec<Node> = values.iter().map(|&value| Node { first: 0, value }).collect();
        nodes.push(Node { first: 0, value: NO_VALUE });
        for &(parent, _, _) in &edges {
            nodes[parent as usize + 1].first += 1;
        }
        for n in 1..nodes.len() {
            nodes[n].first += nodes[n - 1].first;
        }
        let mut fill: Vec<u32> = nodes.iter().map(|n| n.first).collect();
        let (mut labels, mut targets) = (vec![0u8; edges.len()], vec![0u32; edges.len()]);
        for &(parent, label, child) in &edges {
            let at = fill[parent as usize] as usize;
            labels[at] = label;
            targets[at] = child;
            fill[parent as usize] += 1;
        }
        let mut root = Box::new([NO_NODE; 256]);
        for e in 0..nodes[1].first as usize {
            root[labels[e] as usize] = targets[e];
        }
        Trie { nodes, labels, targets, entries, root }
    }

    fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    #[inline]
    fn child(&self, node: u32, byte: u8) -> Option<u32> {
        let (from, to) = (self.nodes[node as usize].first as usize, self.nodes[node as usize + 1].first as usize);
        let labels = &self.labels[from..to];
        let found = if labels.len() <= 8 {
            labels.iter().position(|&l| l == byte)
        } else {
            labels.binary_search(&byte).ok()
        };
        found.map(|i| self.targets[from + i])
    }

    /// The longest key at `start` that ends at a word end: `(end, entry)`. ASCII letters match
    /// either case and `’` matches `'` (keys are normalised: lowercase, `'`).
    #[inline]
    fn longest_at(&self, text: &str, start: usize) -> Option<(usize, u64)> {
        let bytes = text.as_bytes();
        let step = |at: usize| match bytes[at] {
            b @ b'A'..=b'Z' => (b | 0x20, 1),
            0xE2 if bytes[at..].starts_with(RIGHT_QUOTE) => (b'\'', 3),
            b => (b, 1),
        };
        let (byte, len) = step(start);
        let mut node = self.root[byte as usize];
        if node == NO_NODE {
            return None;
        }
        let mut at = start + len;
        let mut best = None;
        loop {
            let value = self.nodes[node as usize].value;
            if value != NO_VALUE && is_word_end_fast(text, at) {
                best = Some((at, self.entries[value as usize]));
            }
            if at == bytes.len() {
                return best;
            }
            let (byte, len) = step(at);
            match self.child(node, byte) {
                Some(next) => {
                    node = next;
                    at += len;
                }
                None => return best,
            }
        }
    }
}

/// [`is_word_end`], with a fast path when the bytes around `at` are ASCII.
#[inline]
fn is_word_end_fast(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    match (bytes.get(at), bytes[at - 1]) {
        (None, _) => true,
        (Some(&next), previous) if next.is_ascii() && previous.is_ascii() => {
            !(next.is_ascii_alphanumeric() && previous.is_ascii_alphanumeric())
        }
        _ => is_word_end(text, at),
    }
}

/// Whether the character before `at` is a word character.
fn ends_in_word(text: &str, at: usize) -> bool {
    match text.as_bytes()[..at].last() {
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        _ => text[..at].chars().next_back().is_some_and(is_word_char),
    }
}

/// Whether `c` belongs to a word: letters, digits, combining marks and joiners.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}' | '\u{200C}' | '\u{200D}')
}

/// The number of words (runs of word characters) in `text`.
pub(crate) fn word_count(text: &str) -> usize {
    text.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()).count()
}

pub(crate) fn is_word_end(text: &str, at: usize) -> bool {
    !text[at..].chars().next().is_some_and(is_word_char)
        || !text[..at].chars().next_back().is_some_and(is_word_char)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(tsv: &str, text: &str) -> Vec<String> {
        let dictionary = Dictionary::from_tsv(tsv.as_bytes()).unwrap();
        let matcher = Matcher::new(&dictionary);
        matcher.find_all(&dictionary, text).iter().map(|s| text[s.start..s.end].to_string()).collect()
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
    fn empty_dictionary_matches_nothing() {
        assert!(spans("# nothing\n", "navy").is_empty());
    }

    #[test]
    fn keys_may_start_with_punctuation() {
        let tsv = "[c=o] bunches\tco clusters\nbunches\tclusters\n0.5 breed\thalf\n";
        assert_eq!(spans(tsv, "the [c=o] bunches and [c=o] bunch, bunches"), ["[c=o] bunches", "bunches"]);
        assert_eq!(spans(tsv, "x0.5 breed 0.5 breed"), ["0.5 breed"]);
        // Where a phrase led by punctuation fails, the word after the punctuation is still a
        // word start (the Aho-Corasick matcher skipped it).
        assert_eq!(spans(&format!("{tsv}c\tcarbon\n"), "[c=o] bunchesx"), ["c"]);
    }

    /// The previous matcher (one leftmost-longest Aho-Corasick pass, a dictionary look-up for
    /// shorter keys), kept as the reference for the trie's semantics.
    fn reference(dictionary: &Dictionary) -> impl Fn(&str) -> Vec<Span> + '_ {
        use aho_corasick::{AhoCorasick, Input, MatchKind};

        use crate::dictionary::tsv::normalize_key;

        fn is_word_start(text: &str, at: usize) -> bool {
            !text[..at].chars().next_back().is_some_and(is_word_char)
                || !text[at..].chars().next().is_some_and(is_word_char)
        }
        fn end_of_word(text: &str, at: usize) -> usize {
            let mut chars = text[at..].char_indices();
            chars.next();
            chars.find(|&(_, c)| !is_word_char(c)).map_or(text.len(), |(i, _)| at + i)
        }
        let (mut patterns, mut entries) = (Vec::new(), Vec::new());
        for (key, entry) in dictionary.keys() {
            if key.contains('\'') {
                patterns.push(key.replace('\'', "\u{2019}"));
                entries.push(entry);
            }
            patterns.push(key);
            entries.push(entry);
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&patterns)
            .unwrap();
        move |text| {
            let mut spans = Vec::new();
            let mut at = 0;
            while at < text.len() {
                let Some(m) = automaton.find(Input::new(text).range(at..)) else { break };
                let (start, end) = (m.start(), m.end());
                if !is_word_start(text, start) {
                    at = end_of_word(text, start);
                    continue;
                }
                if is_word_end(text, end) {
                    spans.push(Span { start, end, entry: entries[m.pattern().as_usize()] });
                    at = end;
                    continue;
                }
                let phrase = &text[start..end];
                let shorter = phrase
                    .char_indices()
                    .rev()
                    .filter(|&(i, _)| {
                        i > 0 && is_word_end(phrase, i) && !phrase[..i].ends_with(char::is_whitespace)
                    })
                    .find_map(|(i, _)| {
                        let entry = dictionary.offset(&normalize_key(&phrase[..i]))?;
                        Some(Span { start, end: start + i, entry })
                    });
                match shorter {
                    Some(span) => {
                        at = span.end;
                        spans.push(span);
                    }
                    None => at = end_of_word(text, start),
                }
            }
            spans
        }
    }

    #[test]
    fn same_matches_as_aho_corasick() {
        let tsv = "navy\tm\nnavy help\tm\nnavy help desk\tm\nhelp\tm\nisn't any\tm\nisn't\tm\nthe 2\tm\n\
                   nation\tm\nnations\tm\nwell-known\tm\nknown\tm\nüber alles\tm\né\tm\nco2 level\tm\na\tm\n\
                   a b c\tm\nb\tm\n";
        let dictionary = Dictionary::from_tsv(tsv.as_bytes()).unwrap();
        let matcher = Matcher::new(&dictionary);
        let reference = reference(&dictionary);
        let pieces = [
            "navy", "Navy", "NAVY", "help", "HeLp", "desk", "isn't", "isn’t", "any", "the", "2", "20", "nation",
            "nations", "well-known", "well", "known", "über", "Über", "alles", "é", "co2", "level", "a", "b", "c",
            "x", "\u{301}", "ش", "’", "'", "-", " ", " ", " ", "  ", ", ", ".", "\n", "\u{a0}", "_",
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..1 + state % 12 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(pieces[(state % pieces.len() as u64) as usize]);
            }
            assert_eq!(matcher.find_all(&dictionary, &text), reference(&text), "{text:?}");
        }
    }
}
