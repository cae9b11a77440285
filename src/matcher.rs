//! Finds dictionary phrases in text: one leftmost-longest Aho-Corasick pass, whole words only.
//!
//! The automaton is ASCII case-insensitive and holds each key once per apostrophe spelling
//! (`'` and `’`), so it runs over the text as is, with no lowercased copy and no offset mapping.
//! A match must start and end at word boundaries (Unicode-aware); when the longest match at a
//! position ends inside a word, shorter keys starting at the same position are tried.

use aho_corasick::{AhoCorasick, Input, MatchKind};

use crate::dictionary::{tsv::normalize_key, Dictionary};

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

/// The automaton over a dictionary's keys.
#[derive(Clone, Debug)]
pub(crate) struct Matcher {
    automaton: Option<AhoCorasick>,
    /// The dictionary entry of each pattern.
    entries: Vec<u64>,
}

impl Matcher {
    /// Builds the automaton from every key of `dictionary`.
    pub fn new(dictionary: &Dictionary) -> Matcher {
        let mut patterns = Vec::with_capacity(dictionary.len());
        let mut entries = Vec::with_capacity(dictionary.len());
        for (key, entry) in dictionary.keys() {
            if key.contains('\'') {
                patterns.push(key.replace('\'', "\u{2019}"));
                entries.push(entry);
            }
            patterns.push(key);
            entries.push(entry);
        }
        let automaton = (!patterns.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(true)
                .build(&patterns)
                .expect("dictionary keys are bounded in length and count")
        });
        Matcher { automaton, entries }
    }

    /// Every whole-word match in `text`, left to right, never overlapping.
    pub fn find_all(&self, dictionary: &Dictionary, text: &str) -> Vec<Span> {
        let mut spans = Vec::new();
        let Some(automaton) = &self.automaton else {
            return spans;
        };
        let mut at = 0;
        while at < text.len() {
            let Some(m) = automaton.find(Input::new(text).range(at..)) else {
                break;
            };
            let (start, end) = (m.start(), m.end());
            if !is_word_start(text, start) {
                at = end_of_word(text, start);
                continue;
            }
            if is_word_end(text, end) {
                spans.push(Span {
                    start,
                    end,
                    entry: self.entries[m.pattern().as_usize()],
                });
                at = end;
            } else if let Some(span) = shorter_match(dictionary, text, start, end) {
                at = span.end;
                spans.push(span);
            } else {
                at = end_of_word(text, start);
            }
        }
        spans
    }
}

/// The longest key that starts at `start` and ends at a word end before `end`.
fn shorter_match(dictionary: &Dictionary, text: &str, start: usize, end: usize) -> Option<Span> {
    let phrase = &text[start..end];
    phrase
        .char_indices()
        .rev()
        .filter(|&(i, _)| {
            i > 0 && is_word_end(phrase, i) && !phrase[..i].ends_with(char::is_whitespace)
        })
        .find_map(|(i, _)| {
            let entry = dictionary.offset(&normalize_key(&phrase[..i]))?;
            Some(Span {
                start,
                end: start + i,
                entry,
            })
        })
}

/// Whether `c` belongs to a word: letters, digits, combining marks and joiners.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}' | '\u{200C}' | '\u{200D}')
}

/// The number of words (runs of word characters) in `text`.
pub(crate) fn word_count(text: &str) -> usize {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .count()
}

fn is_word_start(text: &str, at: usize) -> bool {
    !text[..at].chars().next_back().is_some_and(is_word_char)
        || !text[at..].chars().next().is_some_and(is_word_char)
}

pub(crate) fn is_word_end(text: &str, at: usize) -> bool {
    !text[at..].chars().next().is_some_and(is_word_char)
        || !text[..at].chars().next_back().is_some_and(is_word_char)
}

/// The first offset after `at` that is not inside the word containing `at`.
fn end_of_word(text: &str, at: usize) -> usize {
    let mut chars = text[at..].char_indices();
    chars.next();
    chars
        .find(|&(_, c)| !is_word_char(c))
        .map_or(text.len(), |(i, _)| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(tsv: &str, text: &str) -> Vec<String> {
        let dictionary = Dictionary::from_tsv(tsv.as_bytes()).unwrap();
        let matcher = Matcher::new(&dictionary);
        matcher
            .find_all(&dictionary, text)
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
