//! The phrase model: restores tortured phrases that no dictionary lists.
//!
//! A paper mill's spinner replaces each word of a technical term with a synonym ("artificial
//! intelligence" → "counterfeit consciousness"). Inverting that word by word yields candidate
//! originals for each word of a two- or three-word phrase: the substitutions the known
//! fingerprints show (they are the mills' own: "profound learning" → "deep learning" teaches
//! profound → deep), then the embedded inverted thesaurus (Moby + WordNet). A phrase is restored
//! to a known term (an original of a screening dictionary, such as the Problematic Paper
//! Screener's expected phrases) that some combination spells; failing that, to the phrase with
//! each word the fingerprints show replaced often and mostly one way so replaced, when every word
//! pair of the result is ordinary English. Either way the phrase as written must be neither a
//! known term nor contain a common word pair, so genuine prose, whose word pairs are ordinary, is
//! left alone.

use std::borrow::Cow;

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
/// A word is replaced outside known terms only when the fingerprints show it substituted this
/// often…
const MIN_SUBSTITUTIONS: usize = 3;
/// …and by one original at least this share of the time.
const MIN_SHARE: f32 = 0.5;

/// Known terms and the thesaurus to reach them.
#[derive(Debug)]
pub(crate) struct PhraseModel {
    synonyms: Dictionary,
    /// The word substitutions the known fingerprints show, by tortured word.
    learned: FastMap<String, Substitutions>,
    /// Normalised term (see `term_key`) → the term as written.
    terms: FastMap<String, String>,
    /// Every word of every term.
    term_words: FastSet<String>,
}

/// A term's key in `PhraseModel::terms`: hyphens read as spaces, so that "brute force attack"
/// finds the term "brute-force attack".
fn term_key(phrase: &str) -> String {
    phrase.replace('-', " ")
}

/// How the known fingerprints replace one word.
#[derive(Debug)]
struct Substitutions {
    /// How many times the word is replaced.
    seen: usize,
    /// Each original with its share of `seen`, best first.
    originals: Vec<(String, f32)>,
}

struct Word {
    start: usize,
    end: usize,
    /// Candidate originals that occur in some term, with their priors; the word itself first.
    options: Vec<(String, f32)>,
}

impl PhraseModel {
    /// A model whose targets are the multi-word originals of the known `fingerprints` (tortured
    /// phrase, original), which also teach it the paper mills' word substitutions: where a
    /// fingerprint and its original have the same number of words, each word that differs is a
    /// substitution ("profound learning" → "deep learning": profound → deep).
    pub fn new<'a>(
        synonyms: Dictionary,
        fingerprints: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> PhraseModel {
        let mut terms = FastMap::default();
        let mut term_words = FastSet::default();
        let mut counts: FastMap<String, FastMap<String, usize>> = FastMap::default();
        for (key, original) in fingerprints {
            let term = normalize_key(original);
            let (spun, restored): (Vec<&str>, Vec<&str>) =
                (key.split(' ').collect(), term.split(' ').collect());
            if spun.len() == restored.len() {
                for (s, r) in spun.iter().zip(&restored).filter(|(s, r)| s != r) {
                    *counts
                        .entry(s.to_string())
                        .or_default()
                        .entry(r.to_string())
                        .or_default() += 1;
                }
            }
            if restored.len() > 1 && restored.len() <= MAX_WORDS {
                // A hyphenated compound counts whole and in its parts.
                let words = term.split(' ').chain(term.split([' ', '-']));
                term_words.extend(words.map(String::from));
                terms.insert(term_key(&term), original.to_string());
            }
        }
        let learned = counts
            .into_iter()
            .map(|(spun, originals)| {
                let seen: usize = originals.values().sum();
                let mut originals: Vec<(String, f32)> = originals
                    .into_iter()
                    .map(|(o, n)| (o, n as f32 / seen as f32))
                    .collect();
                originals.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                (spun, Substitutions { seen, originals })
            })
            .collect();
        PhraseModel {
            synonyms,
            learned,
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

    /// The best known term reachable from `phrase` by replacing words with their candidates, or
    /// else the phrase with its often-substituted words replaced (see the module).
    fn restore(&self, model: &LanguageModel, phrase: &[Word]) -> Option<Choice<'_>> {
        let written: Vec<&str> = phrase.iter().map(|w| w.options[0].0.as_str()).collect();
        if self.terms.contains_key(&term_key(&written.join(" ")))
            || written
                .windows(2)
                .any(|pair| model.is_ordinary_pair(pair[0], pair[1]))
        {
            return None;
        }
        let (original, prior) = self
            .known_term(phrase)
            .or_else(|| self.compose(model, &written))?;
        Some(Choice {
            start: phrase[0].start,
            end: phrase[phrase.len() - 1].end,
            original,
            source: SOURCE,
            confidence: prior.clamp(0.05, 1.0),
        })
    }

    /// The known term with the fewest changed words (then the highest prior) that replacing
    /// words of `phrase` with their candidates spells.
    fn known_term(&self, phrase: &[Word]) -> Option<(Cow<'_, str>, f32)> {
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
                if let Some(term) = self.terms.get(&term_key(&key)) {
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
        best.map(|(_, prior, term)| (Cow::Borrowed(term.as_str()), prior))
    }

    /// `written` with each word that the fingerprints replace often (`MIN_SUBSTITUTIONS`) and
    /// mostly one way (`MIN_SHARE`) replaced that way, when that changes a word and every word
    /// pair of the result is ordinary English; the prior is the product of the shares.
    fn compose(&self, model: &LanguageModel, written: &[&str]) -> Option<(Cow<'_, str>, f32)> {
        let mut words = Vec::with_capacity(written.len());
        let mut prior = 1.0;
        for &word in written {
            let substitution = self
                .learned
                .get(word)
                .filter(|l| l.seen >= MIN_SUBSTITUTIONS)
                .and_then(|l| l.originals.first())
                .filter(|(_, share)| *share >= MIN_SHARE);
            match substitution {
                Some((original, share)) => {
                    words.push(original.as_str());
                    prior *= share;
                }
                None => words.push(word),
            }
        }
        let changed = words != written;
        let ordinary = words
            .windows(2)
            .all(|pair| model.is_ordinary_pair(pair[0], pair[1]));
        if !(changed && ordinary) {
            return None;
        }
        let phrase = words.join(" ");
        Some(match self.terms.get(&term_key(&phrase)) {
            Some(term) => (Cow::Borrowed(term.as_str()), prior),
            None => (Cow::Owned(phrase), prior),
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
                let learned = self
                    .learned
                    .get(&key)
                    .into_iter()
                    .flat_map(|l| l.originals.iter().cloned());
                let thesaurus = self.synonyms.offset(&key).into_iter().flat_map(|entry| {
                    self.synonyms
                        .candidates(entry)
                        .map(|c| (normalize_key(c.original), c.weight))
                });
                for (original, weight) in learned.chain(thesaurus) {
                    if original != key
                        && self.term_words.contains(&original)
                        && !options.iter().any(|(o, _)| *o == original)
                    {
                        options.push((original, weight));
                    }
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
