//! Chooses, for every matched span, whether to keep it or which candidate original to restore.
//!
//! Each span offers a set of options: keep the text, or one of its candidates whose document
//! clauses hold. Spans separated only by spaces form a chain and are decided jointly (Viterbi
//! with max-marginals), because neighbouring spun words were usually spun together ("navy help"
//! → "military aid"). An option's score is the language-model log probability of its words
//! between the context words, a bonus per word (bigram models favour short phrases), and its
//! prior. How the priors count depends on the document's spin score: in spun text a candidate
//! has its entry's prior and keeping has what the candidates leave, so the priors decide where
//! the model cannot; in genuine text restoring pays a threshold of several nats, so only a
//! candidate far more probable than the text as written can win, and genuine prose stays as it is.

mod counts;
mod model;
mod phrases;

use std::borrow::Cow;

use once_cell::sync::OnceCell;

use crate::{
    dictionary::{Dictionary, Document},
    edit::Replacement,
    hash::{FastMap, FastSet},
    matcher::Span,
    text::{is_apostrophe, is_word_char, only_spaces, word_count, SPACES},
};
use model::{each_word, LanguageModel, Token, MODEL, SENTENCE_START};
pub(crate) use phrases::PhraseModel;

/// The restoration threshold (nats) of context-only entries for text with no sign of spinning…
const THRESHOLD_GENUINE: f64 = 9.0;
/// …and for text that is certainly spun, where it is a bonus.
const THRESHOLD_SPUN: f64 = -4.0;
/// What fingerprints (tortured phrases) pay, whatever the document: a bonus, since the phrase
/// is itself the evidence.
const THRESHOLD_FINGERPRINT: f64 = -2.0;
/// Added per word of an option: a bigram model favours short phrases ("called" over "referred to
/// as") by about this much per word whatever the context.
const WORD_BONUS: f64 = 2.0;
/// In spun text, keeping a phrase has the prior its candidates leave (1 minus their sum), at
/// least this much.
const KEEP_FLOOR: f64 = 0.05;
/// A span is spin evidence when restoring it beats keeping it by this margin (nats) in context.
const EVIDENCE_MARGIN: f64 = 4.0;
/// …and two pieces at this many times the margin: one unmistakable artefact ("Chinese language
/// officers") is enough to call a sentence spun, one merely likely one ("she mentioned") is not.
const STRONG: f64 = 2.5;
/// The first piece of evidence in a document is discounted, and the rate of the rest is taken
/// over this many more words than the document has, so one odd phrase in a short genuine text
/// does not make it look spun.
const EVIDENCE_PRIOR_WORDS: usize = 20;
/// Without a model, a candidate of at least this prior is one piece of evidence…
const EVIDENCE_PRIOR: f64 = 0.9;
/// …and only candidates of at least this prior are restored.
const PRIOR_FLOOR: f32 = 0.5;
/// Evidence per word at which the spin score reaches 1 - 1/e.
const EVIDENCE_RATE: f64 = 0.02;

/// One alternative for a span: keep it (`original == None`) or restore a candidate.
struct Alternative<'d> {
    original: Option<&'d str>,
    source: u16,
    words: Words,
    /// The entry's prior probability (1 for keep).
    prior: f64,
    /// What the option's language-model score is adjusted by: its log prior plus the per-word
    /// bonus, then the document's threshold.
    bias: f64,
    /// `ln P` of its words between the span's neighbouring words (0 without a model): the
    /// spin score needs it, and so does a span decided alone. It is `entry`, the words' own
    /// `inner` and `exit`, which a chain of spans recombines.
    in_context: f64,
    /// `ln P` of its first word after the left neighbour.
    entry: f64,
    /// `ln P` of the right neighbour after its last word.
    exit: f64,
}

/// An option's words as the decoder scores them: the first and the last, looked up, and what
/// lies between scored at once, so that no option holds a list.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Words {
    first: Option<Token>,
    /// The last word, where there are two or more.
    other_last: Option<Token>,
    count: usize,
    /// `ln P` of the words after the first, each after the one before (0 without a model).
    inner: f64,
}

impl Words {
    /// The model's words of `phrase` (see [`each_word`]).
    fn of(model: Option<&LanguageModel>, phrase: &str) -> Words {
        let mut words = Words {
            first: None,
            other_last: None,
            count: 0,
            inner: 0.0,
        };
        each_word(phrase, |word| {
            let token = match model {
                Some(model) => {
                    let token = model.token(&word);
                    if let Some(previous) = words.last() {
                        words.inner += model.log_prob(Some(previous), &token);
                    }
                    token
                }
                None => Token::unresolved(&word),
            };
            match words.first {
                None => words.first = Some(token),
                Some(_) => words.other_last = Some(token),
            }
            words.count += 1;
        });
        words
    }

    fn last(&self) -> Option<&Token> {
        self.other_last.as_ref().or(self.first.as_ref())
    }
}

/// The words of each key's candidates, looked up the first time a span of the key is decided:
/// spans offer the same candidates over and over.
pub(crate) struct CandidateWords {
    /// By key index (see [`Span::key`]).
    keys: Vec<OnceCell<Box<[Words]>>>,
}

impl CandidateWords {
    /// Room for the keys of `dictionary`; nothing is looked up yet.
    pub fn new(dictionary: &Dictionary) -> CandidateWords {
        CandidateWords {
            keys: (0..dictionary.len()).map(|_| OnceCell::new()).collect(),
        }
    }

    /// The words of the candidates of `span`'s entry, in order.
    fn of(&self, model: &LanguageModel, dictionary: &Dictionary, span: &Span) -> &[Words] {
        self.keys[span.key as usize].get_or_init(|| {
            dictionary
                .candidates(span.entry)
                .map(|c| Words::of(Some(model), c.original))
                .collect()
        })
    }
}

impl std::fmt::Debug for CandidateWords {
    /// How many keys have their candidates' words looked up.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let looked_up = self.keys.iter().filter(|k| k.get().is_some()).count();
        f.debug_struct("CandidateWords")
            .field("keys", &self.keys.len())
            .field("looked_up", &looked_up)
            .finish()
    }
}

/// How the decoder decides.
#[derive(Clone, Copy)]
pub(crate) struct Decoder<'a> {
    dictionary: &'a Dictionary,
    /// The language model, with the words of the dictionary's candidates as it reads them.
    model: Option<(&'a LanguageModel, &'a CandidateWords)>,
    min_confidence: f32,
}

impl<'a> Decoder<'a> {
    /// A decoder over `dictionary`, with the embedded language model where `candidate_words`
    /// (the words of the dictionary's candidates) are given, by the prior alone where not.
    pub fn new(
        dictionary: &'a Dictionary,
        candidate_words: Option<&'a CandidateWords>,
        min_confidence: f32,
    ) -> Decoder<'a> {
        Decoder {
            dictionary,
            model: candidate_words.map(|words| (&*MODEL, words)),
            min_confidence,
        }
    }

    /// The document's spin score in [0, 1]: `1 - exp(-rate / EVIDENCE_RATE)`, where `rate` is the
    /// evidence per word (smoothed, see `EVIDENCE_PRIOR_WORDS`). A match is one piece of evidence
    /// when a candidate beats the text as written by `EVIDENCE_MARGIN` nats (by the language model
    /// in context and the entry's prior against keeping, as if the text were spun), two at
    /// `STRONG` times that margin; without a model, a candidate with prior ≥ `EVIDENCE_PRIOR` is
    /// one piece. Only the candidates of dictionaries that are evidence count
    /// ([`Kind::is_spin_evidence`](crate::Kind::is_spin_evidence)).
    pub fn spin_score(&self, text: &str, spans: &[Span]) -> f64 {
        let document = Document::new(self.dictionary, text);
        self.spin_score_of(text, &self.lattice(text, spans, &document))
    }

    fn spin_score_of(&self, text: &str, lattice: &Lattice<'a>) -> f64 {
        let word_count = word_count(text);
        if word_count == 0 {
            return 0.0;
        }
        let evidence: usize = lattice
            .spans()
            .map(|options| {
                let mut candidates = options[1..]
                    .iter()
                    .filter(|o| self.dictionary.source_kind(o.source).is_spin_evidence());
                let margin = match self.model {
                    Some(_) => {
                        let score = |o: &Alternative| o.in_context + o.bias;
                        let keep = score(&options[0]) + keep_prior_in_spun_text(options);
                        candidates
                            .map(|o| score(o) - keep)
                            .fold(f64::NEG_INFINITY, f64::max)
                    }
                    None if candidates.any(|o| o.prior >= EVIDENCE_PRIOR) => EVIDENCE_MARGIN,
                    None => 0.0,
                };
                usize::from(margin >= EVIDENCE_MARGIN)
                    + usize::from(margin >= STRONG * EVIDENCE_MARGIN)
            })
            .sum();
        let rate = evidence.saturating_sub(1) as f64 / (word_count + EVIDENCE_PRIOR_WORDS) as f64;
        1.0 - (-rate / EVIDENCE_RATE).exp()
    }

    /// Decides every span of the document (the spans come from the matcher, in order).
    pub fn decide(&self, document: &Document<'_, '_>, spans: &[Span]) -> Vec<Replacement<'a>> {
        let text = document.text();
        let mut replacements = Vec::new();
        if self.model.is_none() {
            let floor = self.min_confidence.max(PRIOR_FLOOR);
            for span in spans {
                // Candidates come best prior first: clauses are only evaluated for those that
                // could be applied.
                let best = self
                    .dictionary
                    .candidates(span.entry)
                    .take_while(|c| c.weight >= floor)
                    .find(|c| document.admits(c));
                if let Some(best) =
                    best.filter(|c| rewrites(&text[span.start..span.end], c.original))
                {
                    replacements.push(Replacement {
                        start: span.start,
                        end: span.end,
                        original: Cow::Borrowed(best.original),
                        source: self.dictionary.source_name(best.source),
                        confidence: best.weight,
                    });
                }
            }
            return replacements;
        }
        let mut lattice = self.lattice(text, spans, document);
        let spin = self.spin_score_of(text, &lattice);
        let mut chain_start = 0;
        for i in 1..=spans.len() {
            let adjacent = i < spans.len() && only_spaces(&text[spans[i - 1].end..spans[i].start]);
            if !adjacent {
                self.decide_chain(
                    text,
                    &spans[chain_start..i],
                    &mut lattice,
                    chain_start,
                    spin,
                    &mut replacements,
                );
                chain_start = i;
            }
        }
        spread_names(text, spans, &mut replacements);
        replacements
    }

    /// Viterbi over a chain of adjacent spans (`lattice`'s spans from `first` on), with
    /// max-marginal confidences.
    fn decide_chain(
        &self,
        text: &str,
        chain: &[Span],
        lattice: &mut Lattice<'a>,
        first: usize,
        spin: f64,
        replacements: &mut Vec<Replacement<'a>>,
    ) {
        let (model, _) = self.model.expect("chains are decided with the model");
        let threshold = THRESHOLD_SPUN + (THRESHOLD_GENUINE - THRESHOLD_SPUN) * (1.0 - spin);
        for i in first..first + chain.len() {
            let bounds = lattice.bounds(i);
            let options = &mut lattice.options[bounds];
            options[0].bias += spin * keep_prior_in_spun_text(options);
            for option in &mut options[1..] {
                let kind = self.dictionary.source_kind(option.source);
                option.bias -= if !kind.is_context_only() {
                    THRESHOLD_FINGERPRINT
                } else {
                    threshold
                };
            }
        }
        let lattice = &*lattice;
        let n = chain.len();
        if n == 1 {
            let options = lattice.span(first);
            let marginal = |o: usize| options[o].in_context + options[o].bias;
            self.pick(text, &chain[0], options, marginal, replacements);
            return;
        }
        let lattice: Vec<&[Alternative]> = (first..first + n).map(|i| lattice.span(i)).collect();
        let right = match (n, lattice[n - 1].iter().any(|o| o.words.count == 0)) {
            (2.., true) => right_word(text, chain[n - 1].end).map(|w| model.token(&w)),
            _ => None,
        };
        // Scores of an option's own words given the previous option's last word; the first and
        // the last span of the chain have the neighbours they were scored with.
        let local = |o: &Alternative, previous: Option<&Token>, i: usize| {
            let entry = match (i, &o.words.first) {
                (0, _) => o.entry,
                (_, Some(first)) => model.log_prob(previous, first),
                (_, None) => 0.0,
            };
            let exit = match (i + 1 == n, o.words.count == 0) {
                (false, _) => 0.0,
                (true, false) => o.exit,
                // Without words, the right neighbour follows the previous option.
                (true, true) => right.as_ref().map_or(0.0, |r| model.log_prob(previous, r)),
            };
            entry + o.words.inner + exit + o.bias
        };
        // step[i][p][o]: option o of span i after option p of span i - 1 (one row for i = 0).
        let step: Vec<Vec<Vec<f64>>> = (0..n)
            .map(|i| {
                let previous: Vec<Option<&Token>> = match i {
                    0 => vec![None],
                    _ => lattice[i - 1].iter().map(|o| o.words.last()).collect(),
                };
                previous
                    .iter()
                    .map(|p| lattice[i].iter().map(|o| local(o, *p, i)).collect())
                    .collect()
            })
            .collect();
        let marginals = viterbi(&step);
        for (i, span) in chain.iter().enumerate() {
            let marginal = |o: usize| marginals[i][o];
            self.pick(text, span, lattice[i], marginal, replacements);
        }
    }

    /// Restores `span` where the option of the highest `marginal` (a max-marginal log score,
    /// by option index) restores it, with the confidence the marginals give that option.
    fn pick(
        &self,
        text: &str,
        span: &Span,
        options: &[Alternative<'a>],
        marginal: impl Fn(usize) -> f64,
        replacements: &mut Vec<Replacement<'a>>,
    ) {
        let best = (0..options.len())
            .max_by(|&a, &b| marginal(a).total_cmp(&marginal(b)))
            .unwrap_or(0);
        if best == 0 {
            return;
        }
        let top = marginal(best);
        let mass: f64 = (0..options.len()).map(|o| (marginal(o) - top).exp()).sum();
        let confidence = (1.0 / mass) as f32;
        let option = &options[best];
        let original = option.original.expect("only restoring options are chosen");
        if confidence >= self.min_confidence && rewrites(&text[span.start..span.end], original) {
            replacements.push(self.replacement(span, option, confidence));
        }
    }

    fn replacement(
        &self,
        span: &Span,
        option: &Alternative<'a>,
        confidence: f32,
    ) -> Replacement<'a> {
        Replacement {
            start: span.start,
            end: span.end,
            original: Cow::Borrowed(option.original.expect("only restoring options are chosen")),
            source: self.dictionary.source_name(option.source),
            confidence,
        }
    }

    /// Every span's options, one span after another.
    fn lattice(&self, text: &str, spans: &[Span], document: &Document) -> Lattice<'a> {
        let mut lattice = Lattice {
            options: Vec::with_capacity(4 * spans.len()),
            ends: Vec::with_capacity(spans.len()),
        };
        for span in spans {
            self.options(text, span, document, &mut lattice.options);
            lattice.ends.push(lattice.options.len());
        }
        lattice
    }

    /// Appends to `out` the options of `span`: keep first, then each candidate whose clauses
    /// hold in the document.
    fn options(
        &self,
        text: &str,
        span: &Span,
        document: &Document,
        out: &mut Vec<Alternative<'a>>,
    ) {
        let keep = Alternative {
            original: None,
            source: 0,
            words: Words::of(
                self.model.map(|(model, _)| model),
                &text[span.start..span.end],
            ),
            prior: 1.0,
            bias: 0.0,
            in_context: 0.0,
            entry: 0.0,
            exit: 0.0,
        };
        let candidates = self.dictionary.candidates(span.entry);
        let first = out.len();
        out.push(keep);
        let known = self
            .model
            .map(|(model, words)| words.of(model, self.dictionary, span));
        for (i, candidate) in candidates.enumerate() {
            if document.admits(&candidate) {
                out.push(Alternative {
                    original: Some(candidate.original),
                    source: candidate.source,
                    words: match known {
                        Some(known) => known[i],
                        None => Words::of(None, candidate.original),
                    },
                    prior: f64::from(candidate.weight),
                    bias: f64::from(candidate.weight).ln(),
                    in_context: 0.0,
                    entry: 0.0,
                    exit: 0.0,
                });
            }
        }
        let context = self.model.map(|(model, _)| {
            (
                model,
                left_word(text, span.start).map(|w| model.token(&w)),
                right_word(text, span.end).map(|w| model.token(&w)),
            )
        });
        for option in &mut out[first..] {
            option.bias += WORD_BONUS * option.words.count as f64;
            if let Some((model, left, right)) = &context {
                let (left, right) = (left.as_ref(), right.as_ref());
                match (&option.words.first, option.words.last()) {
                    (Some(first), Some(last)) => {
                        option.entry = model.log_prob(left, first);
                        option.exit = right.map_or(0.0, |r| model.log_prob(Some(last), r));
                    }
                    _ => option.exit = right.map_or(0.0, |r| model.log_prob(left, r)),
                }
                option.in_context = option.entry + option.words.inner + option.exit;
            }
        }
    }
}

/// The options of a document's spans, one span after another in one vector.
struct Lattice<'a> {
    options: Vec<Alternative<'a>>,
    /// Where each span's options end.
    ends: Vec<usize>,
}

impl<'a> Lattice<'a> {
    /// Where span `i`'s options are in `options`.
    fn bounds(&self, i: usize) -> std::ops::Range<usize> {
        i.checked_sub(1).map_or(0, |p| self.ends[p])..self.ends[i]
    }

    fn span(&self, i: usize) -> &[Alternative<'a>] {
        &self.options[self.bounds(i)]
    }

    /// Each span's options, in order.
    fn spans(&self) -> impl Iterator<Item = &[Alternative<'a>]> {
        (0..self.ends.len()).map(|i| self.span(i))
    }
}

/// Max-marginals of a chain of decisions: `step[i][p][o]` scores option `o` of step `i` after
/// option `p` of step `i - 1` (`step[0]` has one row), a path scores the sum of its steps, and
/// `marginals[i][o]` is the best score of a path through option `o` of step `i`.
fn viterbi(step: &[Vec<Vec<f64>>]) -> Vec<Vec<f64>> {
    let n = step.len();
    let best = |scores: &mut dyn Iterator<Item = f64>| scores.fold(f64::NEG_INFINITY, f64::max);
    let mut forward: Vec<Vec<f64>> = Vec::with_capacity(n);
    forward.push(step[0][0].clone());
    for i in 1..n {
        let row = (0..step[i][0].len())
            .map(|o| best(&mut (0..step[i].len()).map(|p| forward[i - 1][p] + step[i][p][o])))
            .collect();
        forward.push(row);
    }
    let mut backward: Vec<Vec<f64>> = vec![Vec::new(); n];
    backward[n - 1] = vec![0.0; step[n - 1][0].len()];
    for i in (0..n - 1).rev() {
        backward[i] = (0..step[i + 1].len())
            .map(|p| {
                best(&mut (0..step[i + 1][p].len()).map(|o| backward[i + 1][o] + step[i + 1][p][o]))
            })
            .collect();
    }
    forward
        .iter()
        .zip(&backward)
        .map(|(f, b)| f.iter().zip(b).map(|(f, b)| f + b).collect())
        .collect()
}

/// A spun name is spelled the same way wherever it occurs in a document, but the language model
/// judges each occurrence in its own context and may keep some ("the Change has been" reads as
/// well as "the Switch has been"). Where a span with a capitalised word is restored, every other
/// span spelled exactly the same, and capitalised other than by starting a sentence, is restored
/// alike, with the same confidence.
fn spread_names<'a>(text: &str, spans: &[Span], replacements: &mut Vec<Replacement<'a>>) {
    let mut restored: FastMap<&str, &Replacement<'a>> = FastMap::default();
    for replacement in replacements
        .iter()
        .filter(|c| is_name(text, c.start, c.end))
    {
        let best = restored
            .entry(&text[replacement.start..replacement.end])
            .or_insert(replacement);
        if replacement.confidence > best.confidence {
            *best = replacement;
        }
    }
    if restored.is_empty() {
        return;
    }
    let taken: FastSet<usize> = replacements.iter().map(|c| c.start).collect();
    let spread: Vec<Replacement<'a>> = spans
        .iter()
        .filter(|s| !taken.contains(&s.start))
        .filter_map(|s| {
            let model = restored.get(&text[s.start..s.end])?;
            is_name(text, s.start, s.end).then(|| Replacement {
                start: s.start,
                end: s.end,
                ..(*model).clone()
            })
        })
        .collect();
    if !spread.is_empty() {
        replacements.extend(spread);
        replacements.sort_by_key(|c| c.start);
    }
}

/// Whether `text[start..end]` has a word that starts with a capital, not counting the first
/// word at the start of a sentence.
fn is_name(text: &str, start: usize, end: usize) -> bool {
    let phrase = &text[start..end];
    if phrase.is_ascii() && !phrase.bytes().any(|b| b.is_ascii_uppercase()) {
        return false;
    }
    let mut capitalised = phrase
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(|w| w.starts_with(char::is_uppercase));
    // Where the first word is capitalised, it may be for the sentence's sake.
    capitalised.next().is_some_and(|first| {
        capitalised.any(|c| c) || first && left_word(text, start).as_deref() != Some(SENTENCE_START)
    })
}

/// Whether restoring `original` for `spun` changes more than case and apostrophes: a
/// dictionary may map a phrase to itself ("chief executive") so that a genuine phrase is kept
/// where one of its words alone would be restored; choosing such a candidate is keeping.
fn rewrites(spun: &str, original: &str) -> bool {
    if spun.eq_ignore_ascii_case(original) {
        return false;
    }
    if spun.is_ascii() && original.is_ascii() {
        return true;
    }
    fn folded(text: &str) -> impl Iterator<Item = char> + '_ {
        text.chars()
            .map(|c| if is_apostrophe(c) { '\'' } else { c })
            .flat_map(char::to_lowercase)
    }
    !folded(spun).eq(folded(original))
}

/// `ln P(keep)` where the text is spun: what the candidates' priors leave, at least `KEEP_FLOOR`.
fn keep_prior_in_spun_text(options: &[Alternative<'_>]) -> f64 {
    let restored: f64 = options[1..].iter().map(|o| o.prior).sum();
    (1.0 - restored).max(KEEP_FLOOR).ln()
}

/// The word directly before `at`, if only spaces separate them; `<s>` (the model's sentence
/// start) at the start of a line or after a sentence's final punctuation.
fn left_word(text: &str, at: usize) -> Option<Cow<'_, str>> {
    let before = text[..at].trim_end_matches(SPACES);
    if before.is_empty() || before.ends_with(['\n', '.', '!', '?']) {
        return Some(Cow::Borrowed(SENTENCE_START));
    }
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c) || is_apostrophe(c))
        .last()
        .map(|(i, _)| i)?;
    let mut last = None;
    each_word(&before[start..], |w| last = Some(w));
    last
}

/// The word directly after `at`, if only spaces separate them.
fn right_word(text: &str, at: usize) -> Option<Cow<'_, str>> {
    let after = text[at..].trim_start_matches(SPACES);
    let end = after
        .char_indices()
        .find(|&(_, c)| !(is_word_char(c) || is_apostrophe(c)))
        .map_or(after.len(), |(i, _)| i);
    let mut first = None;
    each_word(&after[..end], |w| {
        first.get_or_insert(w);
    });
    first
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matcher::Matcher;

    #[test]
    fn each_option_has_the_words_of_its_own_phrase() {
        // The second candidate's clause fails, so the options skip it: the third option must
        // still have the third candidate's words, looked up once for the key.
        let tsv = "navy help\tmilitary aid\nnavy help\tnaval assistance\t0.4\t+grand prix\n\
                   navy help\tthe Navy's own help\t0.2\nyr\tyear\n";
        let dictionary = Dictionary::from_tsv(tsv.as_bytes()).expect("a valid dictionary");
        let words = CandidateWords::new(&dictionary);
        let decoder = Decoder::new(&dictionary, Some(&words), 0.5);
        let text = "The navy help came a yr later.";
        let document = Document::new(&dictionary, text);
        let spans = Matcher::new(&dictionary).find_all(text);
        assert_eq!(spans.len(), 2);
        for _ in 0..2 {
            let mut options = Vec::new();
            decoder.options(text, &spans[0], &document, &mut options);
            let originals: Vec<Option<&str>> = options.iter().map(|o| o.original).collect();
            assert_eq!(
                originals,
                [None, Some("military aid"), Some("the Navy's own help")]
            );
            for option in &options {
                let phrase = option.original.unwrap_or("navy help");
                assert_eq!(option.words, Words::of(Some(&MODEL), phrase), "{phrase}");
            }
        }
    }

    /// Every path of a chain, as option indices.
    fn paths(widths: &[usize]) -> Vec<Vec<usize>> {
        widths.iter().fold(vec![Vec::new()], |paths, &width| {
            paths
                .iter()
                .flat_map(|path| {
                    (0..width).map(move |o| {
                        let mut longer = path.clone();
                        longer.push(o);
                        longer
                    })
                })
                .collect()
        })
    }

    proptest::proptest! {
        /// Viterbi's max-marginals are the best scores of the enumerated paths through each option.
        #[test]
        fn viterbi_agrees_with_enumeration(
            widths in proptest::collection::vec(1usize..4, 1..5),
            seed in proptest::collection::vec(-20i32..20, 64),
        ) {
            let mut scores = seed.iter().cycle().map(|&s| f64::from(s) / 4.0);
            let step: Vec<Vec<Vec<f64>>> = widths
                .iter()
                .enumerate()
                .map(|(i, &width)| {
                    let rows = if i == 0 { 1 } else { widths[i - 1] };
                    (0..rows)
                        .map(|_| (0..width).map(|_| scores.next().unwrap()).collect())
                        .collect()
                })
                .collect();
            let score = |path: &[usize]| -> f64 {
                path.iter()
                    .enumerate()
                    .map(|(i, &o)| step[i][if i == 0 { 0 } else { path[i - 1] }][o])
                    .sum()
            };
            let all = paths(&widths);
            let marginals = viterbi(&step);
            for (i, row) in marginals.iter().enumerate() {
                proptest::prop_assert_eq!(row.len(), widths[i]);
                for (o, marginal) in row.iter().enumerate() {
                    let best = all
                        .iter()
                        .filter(|path| path[i] == o)
                        .map(|path| score(path))
                        .fold(f64::NEG_INFINITY, f64::max);
                    proptest::prop_assert!((marginal - best).abs() < 1e-9);
                }
            }
        }
    }

    #[test]
    fn a_restored_name_is_restored_wherever_it_is_spelled_alike() {
        let text = "Buy the Change now. I said the Change works. Change happens. We change it.";
        let spans: Vec<Span> = text
            .match_indices(['C', 'c'])
            .filter(|(at, _)| text[*at..].to_lowercase().starts_with("change"))
            .map(|(at, _)| Span {
                start: at,
                end: at + "change".len(),
                entry: 0,
                key: 0,
            })
            .collect();
        assert_eq!(spans.len(), 4);
        let mut replacements = vec![Replacement {
            start: spans[0].start,
            end: spans[0].end,
            original: "Switch".into(),
            source: "news",
            confidence: 0.8,
        }];
        spread_names(text, &spans, &mut replacements);
        // The second "Change" follows; the one that starts a sentence and the lowercase one
        // are not names by their spelling.
        let restored: Vec<(usize, &str, f32)> = replacements
            .iter()
            .map(|c| (c.start, &*c.original, c.confidence))
            .collect();
        assert_eq!(
            restored,
            [
                (spans[0].start, "Switch", 0.8),
                (spans[1].start, "Switch", 0.8)
            ]
        );
    }
}
