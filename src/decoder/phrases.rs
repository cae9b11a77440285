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

use super::model::{LanguageModel, Token, MODEL};
use crate::{
    dictionary::{tsv::normalize_key, Dictionary},
    edit::Replacement,
    hash::{FastMap, FastSet},
    matcher::Span,
    text::{is_word_char, only_spaces},
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
/// The least confidence a restoration of the phrase model reports: its prior, a product of
/// shares or priors, can come near 0, and an edit's confidence is in (0, 1].
const MIN_CONFIDENCE: f32 = 0.05;
/// The work the phrase model may do in a text, in units of an option tried by the known-term
/// search, per word of the text (but at least `MIN_BUDGET` in all); a phrase looked at costs
/// `PHRASE_COST` more, a word whose options are gathered `OPTIONS_COST`. Paper-mill text needs
/// about 8 a word; text made to be slow, of the thesaurus words with the most options that
/// begin terms, needed 150, which kept restoration under 1 MB/s. The phrase model stops where
/// the budget runs out.
const BUDGET_PER_WORD: usize = 10;
const MIN_BUDGET: usize = 10_000;
const PHRASE_COST: usize = 8;
const OPTIONS_COST: usize = 64;

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
    /// Every key of `terms` cut before each of its spaces ("random" of "random forest").
    term_prefixes: FastSet<String>,
    /// The last word of every key of `terms`.
    term_ends: FastSet<String>,
}

/// A term's key in `PhraseModel::terms`: hyphens read as spaces, so that "brute force attack"
/// finds the term "brute-force attack".
fn term_key(phrase: &str) -> String {
    term_chars(phrase).collect()
}

/// The chars of `term_key(phrase)`.
fn term_chars(phrase: &str) -> impl Iterator<Item = char> + '_ {
    phrase.chars().map(|c| if c == '-' { ' ' } else { c })
}

/// How the known fingerprints replace one word.
#[derive(Debug)]
struct Substitutions {
    /// How many times the word is replaced.
    seen: usize,
    /// Each original with its share of `seen`, best first.
    originals: Vec<(String, f32)>,
}

struct TextWord {
    start: usize,
    end: usize,
    /// Whether the word is inside a dictionary's span, where no phrase is looked for.
    taken: bool,
    /// The word normalised like dictionary keys, once asked for: the phrase model may stop
    /// (see `BUDGET_PER_WORD`) long before the last word.
    normalised: once_cell::unsync::OnceCell<String>,
}

impl TextWord {
    /// The word (found in `text`) normalised like dictionary keys; `None` if taken.
    fn key<'w>(&'w self, text: &str) -> Option<&'w str> {
        let normalise = || normalize_key(&text[self.start..self.end]);
        (!self.taken).then(|| self.normalised.get_or_init(normalise).as_str())
    }
}

/// A word's candidate originals that occur in some term, with their priors (the word itself
/// first), and for each whether its `term_key` begins a term and whether its last word ends
/// one: the first and last steps of the term search, told once a word rather than once a
/// phrase.
struct Options {
    originals: Vec<(String, f32)>,
    begins: Vec<bool>,
    ends: Vec<bool>,
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
        let mut term_prefixes = FastSet::default();
        let mut term_ends = FastSet::default();
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
                let key = term_key(&term);
                term_prefixes.extend(key.match_indices(' ').map(|(at, _)| key[..at].to_string()));
                term_ends.extend(key.rsplit(' ').next().map(String::from));
                terms.insert(key, original.to_string());
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
            term_prefixes,
            term_ends,
        }
    }

    /// Restorations of phrases in `text` outside the dictionary's `taken` spans, judged by the
    /// embedded language model.
    pub fn find(&self, text: &str, taken: &[Span]) -> Vec<Replacement<'_>> {
        let model = &*MODEL;
        let mut replacements = Vec::new();
        let words = words(text, taken);
        // Whether each word and the next are joined by spaces only, and whether they are an
        // ordinary pair (told when first asked, from the words' tokens, each looked up once): no
        // phrase holding both can be restored.
        let joined: Vec<bool> = words
            .windows(2)
            .map(|w| only_spaces(&text[w[0].end..w[1].start]))
            .collect();
        let mut tokens: Vec<Option<Option<Token>>> = vec![None; words.len()];
        let mut token =
            |i: usize| *tokens[i].get_or_insert_with(|| Some(model.token(words[i].key(text)?)));
        let mut ordinary: Vec<Option<bool>> = vec![None; joined.len()];
        let mut is_ordinary = |pair: usize| {
            *ordinary[pair].get_or_insert_with(|| match (token(pair), token(pair + 1)) {
                (Some(first), Some(second)) => model.is_ordinary(&first, &second),
                _ => false,
            })
        };
        let mut options: FastMap<&str, Options> = FastMap::default();
        let mut budget = (words.len() * BUDGET_PER_WORD).max(MIN_BUDGET);
        let mut taken = taken.iter().peekable();
        let mut i = 0;
        'words: while i < words.len() && budget > 0 {
            while taken.next_if(|s| s.end <= words[i].start).is_some() {}
            for n in (2..=MAX_WORDS).rev() {
                let Some(phrase) = words.get(i..i + n) else {
                    continue;
                };
                let mut pairs = i..i + n - 1;
                let free = taken.peek().map_or(true, |s| s.start >= phrase[n - 1].end);
                if joined[pairs.clone()].iter().all(|&j| j) && free && !pairs.any(&mut is_ordinary)
                {
                    if let Some(replacement) =
                        self.restore(model, text, phrase, &mut options, &mut budget)
                    {
                        replacements.push(replacement);
                        i += n;
                        continue 'words;
                    }
                }
            }
            i += 1;
        }
        replacements
    }

    /// The best known term reachable from `phrase` (joined by spaces, no ordinary word pair)
    /// by replacing words with their candidates, or else the phrase with its often-substituted
    /// words replaced (see the module). `options` caches each word's candidates; the search
    /// for a known term spends `budget`.
    fn restore<'w>(
        &self,
        model: &LanguageModel,
        text: &str,
        phrase: &'w [TextWord],
        options: &mut FastMap<&'w str, Options>,
        budget: &mut usize,
    ) -> Option<Replacement<'_>> {
        let written: Vec<&str> = phrase.iter().map(|w| w.key(text)).collect::<Option<_>>()?;
        *budget = budget.saturating_sub(PHRASE_COST);
        if self.terms.contains_key(&term_key(&written.join(" "))) {
            return None;
        }
        for word in &written {
            options.entry(word).or_insert_with(|| {
                *budget = budget.saturating_sub(OPTIONS_COST);
                self.options(word)
            });
        }
        let candidates: Vec<&Options> = written.iter().map(|w| &options[w]).collect();
        let (original, prior) = self
            .known_term(&candidates, budget)
            .or_else(|| self.compose(model, &written))?;
        Some(Replacement {
            start: phrase[0].start,
            end: phrase[phrase.len() - 1].end,
            original,
            source: SOURCE,
            confidence: prior.clamp(MIN_CONFIDENCE, 1.0),
        })
    }

    /// The known term with the fewest changed words (then the highest prior) that replacing
    /// words of `phrase` with their candidates spells. Each option tried spends one of
    /// `budget`; `None` when it runs out before the search ends.
    fn known_term(&self, phrase: &[&Options], budget: &mut usize) -> Option<(Cow<'_, str>, f32)> {
        let mut search = TermSearch {
            model: self,
            phrase,
            index: vec![0; phrase.len()],
            key: String::new(),
            best: None,
            budget,
            exhausted: false,
        };
        search.from(0);
        if search.exhausted {
            return None;
        }
        search
            .best
            .map(|((_, prior, _), term)| (Cow::Borrowed(term.as_str()), -prior))
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

    /// The candidate originals of a word (normalised like keys).
    fn options(&self, key: &str) -> Options {
        let mut originals = vec![(key.to_string(), 1.0)];
        let learned = self
            .learned
            .get(key)
            .into_iter()
            .flat_map(|l| l.originals.iter().cloned());
        let thesaurus = self.synonyms.offset(key).into_iter().flat_map(|entry| {
            self.synonyms
                .candidates(entry)
                .map(|c| (normalize_key(c.original), c.weight))
        });
        for (original, weight) in learned.chain(thesaurus) {
            if original != key
                && self.term_words.contains(&original)
                && !originals.iter().any(|(o, _)| *o == original)
            {
                originals.push((original, weight));
            }
        }
        self.word_options(originals)
    }

    /// A word's `originals` with what the term search needs to know of each.
    fn word_options(&self, originals: Vec<(String, f32)>) -> Options {
        let keys: Vec<String> = originals.iter().map(|(o, _)| term_key(o)).collect();
        Options {
            begins: keys
                .iter()
                .map(|k| self.term_prefixes.contains(k))
                .collect(),
            ends: keys
                .iter()
                .map(|k| {
                    k.rsplit(' ')
                        .next()
                        .is_some_and(|w| self.term_ends.contains(w))
                })
                .collect(),
            originals,
        }
    }
}

/// How a spelled term ranks, least first: changed words, minus the prior, then the combination's
/// index reversed (the first in the order of an odometer whose first word turns fastest).
type Rank = (usize, f32, Vec<usize>);

/// A depth-first search of the combinations of a phrase's options that spell a known term,
/// pruned where the words so far begin no term.
struct TermSearch<'m, 'p> {
    model: &'m PhraseModel,
    phrase: &'p [&'p Options],
    /// The option chosen for each word so far.
    index: Vec<usize>,
    /// The `term_key` of the options chosen so far.
    key: String,
    /// The best term so far, with its rank.
    best: Option<(Rank, &'m String)>,
    /// How many more options may be tried.
    budget: &'p mut usize,
    /// Whether the budget ran out before the search ended.
    exhausted: bool,
}

impl TermSearch<'_, '_> {
    fn from(&mut self, word: usize) {
        let kept = self.key.len();
        let options = self.phrase[word];
        let last = word + 1 == self.phrase.len();
        for (k, (option, _)) in options.originals.iter().enumerate() {
            if *self.budget == 0 {
                self.exhausted = true;
                return;
            }
            *self.budget -= 1;
            if (word == 0 && !options.begins[k]) || (last && !options.ends[k]) {
                continue;
            }
            self.index[word] = k;
            self.key.truncate(kept);
            if word > 0 {
                self.key.push(' ');
            }
            // `term_chars`, a part at a time.
            for (i, part) in option.split('-').enumerate() {
                if i > 0 {
                    self.key.push(' ');
                }
                self.key.push_str(part);
            }
            if !last {
                if word == 0 || self.model.term_prefixes.contains(self.key.as_str()) {
                    self.from(word + 1);
                }
                continue;
            }
            let changes = self.index.iter().filter(|&&k| k > 0).count();
            if changes == 0 {
                continue;
            }
            let Some(term) = self.model.terms.get(self.key.as_str()) else {
                continue;
            };
            let prior: f32 = self
                .phrase
                .iter()
                .zip(&self.index)
                .map(|(w, &k)| w.originals[k].1)
                .product();
            let rank = (changes, -prior, self.index.iter().rev().copied().collect());
            if self.best.as_ref().map_or(true, |(best, _)| rank < *best) {
                self.best = Some((rank, term));
            }
        }
        self.key.truncate(kept);
    }
}

/// The words of `text`; a hyphenated compound is one word.
fn words(text: &str, taken: &[Span]) -> Vec<TextWord> {
    let mut taken = taken.iter().peekable();
    let mut word = |start: usize, end: usize| {
        while taken.next_if(|s| s.end <= start).is_some() {}
        let inside = taken.peek().is_some_and(|s| s.start < end);
        TextWord {
            start,
            end,
            taken: inside,
            normalised: once_cell::unsync::OnceCell::new(),
        }
    };
    let mut words = Vec::new();
    let mut start = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inner_hyphen =
            c == '-' && start.is_some() && chars.peek().is_some_and(|&(_, n)| is_word_char(n));
        match (start, is_word_char(c) || inner_hyphen) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                words.push(word(s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push(word(s, text.len()));
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(model: &PhraseModel, words: &[(&str, f32)]) -> Options {
        model.word_options(words.iter().map(|&(w, p)| (w.to_string(), p)).collect())
    }

    #[test]
    fn the_known_term_has_the_fewest_changes_then_the_best_prior_then_comes_first() {
        let terms = [
            "x z",
            "y z",
            "x b",
            "w b",
            "case sensitive test",
            "v z",
            "q r s",
        ];
        let model = PhraseModel::new(
            Dictionary::from_tsv(&b""[..]).expect("an empty dictionary"),
            terms.iter().map(|t| ("unused", *t)),
        );
        let first = options(&model, &[("a", 1.0), ("x", 0.5), ("y", 0.5), ("w", 0.9)]);
        let second = options(&model, &[("b", 1.0), ("z", 0.5)]);
        let term = |phrase: &[&Options]| {
            let mut unlimited = usize::MAX;
            model
                .known_term(phrase, &mut unlimited)
                .map(|(t, p)| (t.into_owned(), p))
        };
        // One changed word beats two; between "x b" and "w b", the better prior.
        assert_eq!(term(&[&first, &second]), Some(("w b".into(), 0.9)));
        // Two changes each at the same prior: the first in odometer order ("x z" before
        // "y z"); "v z" is no option.
        let second = options(&model, &[("c", 1.0), ("z", 0.5)]);
        assert_eq!(term(&[&first, &second]), Some(("x z".into(), 0.25)));
        // A hyphenated option spans two words of a term.
        let first = options(&model, &[("case-touchy", 1.0), ("case-sensitive", 0.4)]);
        let second = options(&model, &[("trial", 1.0), ("test", 0.5)]);
        assert_eq!(
            term(&[&first, &second]),
            Some(("case sensitive test".into(), 0.2))
        );
        // Keeping every word is no restoration, even where the phrase is a term.
        let q = [
            options(&model, &[("q", 1.0)]),
            options(&model, &[("r", 1.0)]),
            options(&model, &[("s", 1.0)]),
        ];
        assert_eq!(term(&[&q[0], &q[1], &q[2]]), None);
    }

    #[test]
    fn the_term_search_spends_its_budget_and_gives_up_when_it_runs_out() {
        let model = PhraseModel::new(
            Dictionary::from_tsv(&b""[..]).expect("an empty dictionary"),
            [("unused", "x z")],
        );
        let first = options(&model, &[("a", 1.0), ("b", 1.0), ("x", 0.5)]);
        let second = options(&model, &[("c", 1.0), ("z", 0.5)]);
        let phrase = [&first, &second];
        // Three options for the first word, two for the second after "x".
        let mut budget = 5;
        let found = model
            .known_term(&phrase, &mut budget)
            .map(|(t, _)| t.into_owned());
        assert_eq!((found, budget), (Some("x z".to_string()), 0));
        let mut budget = 4;
        assert_eq!(model.known_term(&phrase, &mut budget), None);
    }

    /// The known term as the search defines it, by trying every combination in odometer order
    /// (first word fastest) and keeping the first of the least changes and highest prior.
    fn known_term_by_enumeration(
        model: &PhraseModel,
        phrase: &[&Options],
    ) -> Option<(String, f32)> {
        let mut best: Option<(usize, f32, String)> = None;
        let mut index = vec![0usize; phrase.len()];
        loop {
            let changes = index.iter().filter(|&&k| k > 0).count();
            let key: Vec<&str> = phrase
                .iter()
                .zip(&index)
                .map(|(w, &k)| w.originals[k].0.as_str())
                .collect();
            if let Some(term) = model.terms.get(&term_key(&key.join(" "))) {
                let prior: f32 = phrase
                    .iter()
                    .zip(&index)
                    .map(|(w, &k)| w.originals[k].1)
                    .product();
                if changes > 0
                    && best
                        .as_ref()
                        .map_or(true, |(c, p, _)| (changes, -prior) < (*c, -*p))
                {
                    best = Some((changes, prior, term.clone()));
                }
            }
            let Some(digit) = (0..phrase.len()).find(|&d| index[d] + 1 < phrase[d].originals.len())
            else {
                break;
            };
            index[digit] += 1;
            index[..digit].iter_mut().for_each(|k| *k = 0);
        }
        best.map(|(_, prior, term)| (term, prior))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 1000, ..Default::default() })]
        #[test]
        fn the_pruned_search_finds_what_enumeration_finds(
            terms in proptest::collection::vec(
                proptest::collection::vec(proptest::sample::select(vec!["a", "b", "c", "a-b"]), 2..=3),
                0..16,
            ),
            phrase in proptest::collection::vec(
                proptest::collection::vec(
                    (proptest::sample::select(vec!["a", "b", "c", "a-b", "x"]), 1u8..=2),
                    1..=4,
                ),
                2..=3,
            ),
        ) {
            let terms: Vec<String> = terms.iter().map(|t| t.join(" ")).collect();
            let model = PhraseModel::new(
                Dictionary::from_tsv(&b""[..]).expect("an empty dictionary"),
                terms.iter().map(|t| ("unused", t.as_str())),
            );
            // Priors of 1/2 and 1 make ties common, so the order that breaks them is tested.
            let phrase: Vec<Options> = phrase
                .iter()
                .map(|word| model.word_options(word.iter().map(|&(w, p)| (w.to_string(), f32::from(p) / 2.0)).collect()))
                .collect();
            let phrase: Vec<&Options> = phrase.iter().collect();
            let mut unlimited = usize::MAX;
            let found = model.known_term(&phrase, &mut unlimited).map(|(t, p)| (t.into_owned(), p));
            proptest::prop_assert_eq!(found, known_term_by_enumeration(&model, &phrase));
        }
    }
}
