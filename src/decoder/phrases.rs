//! The phrase model: restores tortured phrases that no dictionary lists.
//!
//! A paper mill's spinner replaces each word of a technical term with a synonym ("artificial
//! intelligence" → "counterfeit consciousness"). Inverting that word by word, with the embedded
//! inverted thesaurus (Moby + WordNet), yields candidate originals for each word of a two- or
//! three-word phrase; a combination is restored only when it is a known term (an original of a
//! screening dictionary, such as the Problematic Paper Screener's expected phrases) while the
//! phrase as written is neither a known term nor a common word pair, so genuine prose, whose word
//! pairs are ordinary, is left alone.

use super::{model::LanguageModel, only_spaces, Choice};
use crate::{
    dictionary::{tsv::normalize_key, Dictionary},
    hash::{FastMap, FastSet},
    matcher::{is_word_char, Span},
};

/// The name edits of the phrase model carry as their dictionary.
pub(crate) const SOURCE: &str = "model";
/// Longest phrase considered, in words.
const MAX_WORDS: usize = 3;

/// Known terms and the thesaurus to reach them.
#[derive(Debug)]
pub(crate) struct PhraseModel {
    synonyms: Dictionary,
    /// Normalised term → the term as written.
    terms: FastMap<String, String>,
    /// Every word of every term.
    term_words: FastSet<String>,
}

struct Word {
    start: usize,
    end: usize,
    /// Candidate originals that occur in some term, with their priors; the word itself first.
    options: Vec<(String, f32)>,
}

impl PhraseModel {
    /// A model whose targets are the multi-word `terms`.
    pub fn new<'a>(synonyms: Dictionary, terms: impl IntoIterator<Item = &'a str>) -> PhraseModel {
        let terms: FastMap<String, String> = terms
            .into_iter()
            .map(|t| (normalize_key(t), t.to_string()))
            .filter(|(key, _)| key.contains(' ') && key.split(' ').count() <= MAX_WORDS)
            .collect();
        let term_words = terms
            .keys()
            .flat_map(|t| t.split(' '))
            .map(String::from)
            .collect();
        PhraseModel {
            synonyms,
            terms,
            term_words,
        }
    }

    /// Restorations of phrases in `text` outside the dictionary's `taken` spans.
    pub fn find(&self, model: &LanguageModel, text: &str, taken: &[Span]) -> Vec<Choice<'_>> {
        let mut choices = Vec::new();
        let words = self.words(text);
        let mut taken = taken.iter().peekable();
        let mut i = 0;
        'words: while i < words.len() {
            while taken.next_if(|s| s.end <= words[i].start).is_some() {}
            for n in (2..=MAX_WORDS).rev() {
                let Some(phrase) = words.get(i..i + n) else {
                    continue;
                };
                let joined = phrase
                    .windows(2)
                    .all(|w| only_spaces(&text[w[0].end..w[1].start]));
                let free = taken.peek().map_or(true, |s| s.start >= phrase[n - 1].end);
                if joined && free {
                    if let Some(choice) = self.restore(model, phrase) {
                        choices.push(choice);
                        i += n;
                        continue 'words;
                    }
                }
            }
            i += 1;
        }
        choices
    }

    /// The best known term reachable from `phrase` by replacing words with their candidates.
    fn restore(&self, model: &LanguageModel, phrase: &[Word]) -> Option<Choice<'_>> {
        if phrase.iter().all(|w| w.options.len() == 1) {
            return None;
        }
        let written: Vec<String> = phrase.iter().map(|w| w.options[0].0.clone()).collect();
        if self.terms.contains_key(&written.join(" "))
            || written
                .windows(2)
                .any(|pair| model.is_ordinary_pair(&pair[0], &pair[1]))
        {
            return None;
        }
        let mut best: Option<(usize, f32, &String)> = None;
        let mut index = vec![0usize; phrase.len()];
        loop {
            let changes = index.iter().filter(|&&k| k > 0).count();
            if changes > 0 {
                let key = phrase
                    .iter()
                    .zip(&index)
                    .map(|(w, &k)| w.options[k].0.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                if let Some(term) = self.terms.get(&key) {
                    let prior: f32 = phrase
                        .iter()
                        .zip(&index)
                        .map(|(w, &k)| w.options[k].1)
                        .product();
                    if best.map_or(true, |(c, p, _)| (changes, -prior) < (c, -p)) {
                        best = Some((changes, prior, term));
                    }
                }
            }
            let Some(digit) = (0..phrase.len()).find(|&d| index[d] + 1 < phrase[d].options.len())
            else {
                break;
            };
            index[digit] += 1;
            index[..digit].iter_mut().for_each(|k| *k = 0);
        }
        best.map(|(_, prior, term)| Choice {
            start: phrase[0].start,
            end: phrase[phrase.len() - 1].end,
            original: term,
            source: SOURCE,
            confidence: prior.clamp(0.05, 1.0),
        })
    }

    /// The words of `text` (hyphenated compounds are one word) with their candidate originals.
    fn words(&self, text: &str) -> Vec<Word> {
        let mut cache: FastMap<String, Vec<(String, f32)>> = FastMap::default();
        let mut words = Vec::new();
        let mut start = None;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let inner_hyphen =
                c == '-' && start.is_some() && chars.peek().is_some_and(|&(_, n)| is_word_char(n));
            match (start, is_word_char(c) || inner_hyphen) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    words.push(self.word(&mut cache, text, s, i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            words.push(self.word(&mut cache, text, s, text.len()));
        }
        words
    }

    fn word(
        &self,
        cache: &mut FastMap<String, Vec<(String, f32)>>,
        text: &str,
        start: usize,
        end: usize,
    ) -> Word {
        let key = normalize_key(&text[start..end]);
        let options = cache
            .entry(key.clone())
            .or_insert_with(|| {
                let mut options = vec![(key.clone(), 1.0)];
                if let Some(entry) = self.synonyms.offset(&key) {
                    options.extend(
                        self.synonyms
                            .candidates(entry)
                            .map(|c| (normalize_key(c.original), c.weight))
                            .filter(|(o, _)| self.term_words.contains(o) && *o != key),
                    );
                }
                options
            })
            .clone();
        Word {
            start,
            end,
            options,
        }
    }
}
