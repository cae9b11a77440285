//! [`Restorer`], its builder, and the lazily built default.

use std::{
    borrow::Cow,
    io::{Read, Write},
    sync::Arc,
};

use once_cell::sync::{Lazy, OnceCell};
use serde::Serialize;

use crate::{
    decoder::{CandidateWords, Decoder, PhraseModel},
    dictionary::{Dictionary, Document, Kind},
    edit::{Edit, Replacement},
    error::Error,
    matcher::{Matcher, Span},
    screen::Report,
    stream::{self, chunks},
    text::word_count,
};

/// The minimum confidence of an edit unless [`RestorerBuilder::min_confidence`] sets another.
const DEFAULT_MIN_CONFIDENCE: f32 = 0.5;

/// The phrase model runs where known fingerprints are at least this dense (one per so many words).
const WORDS_PER_FINGERPRINT: usize = 5_000;

pub(crate) static DEFAULT: Lazy<Restorer> = Lazy::new(|| RestorerBuilder::new().build());

/// Restored text and the edits that produced it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Restoration<'t> {
    /// The restored text; borrowed from the input when nothing changed.
    pub text: Cow<'t, str>,
    /// Every edit, in input order, never overlapping.
    pub edits: Vec<Edit>,
}

/// Configures a [`Restorer`].
///
/// ```
/// use unspin::{Dictionary, RestorerBuilder};
///
/// let slang = Dictionary::from_tsv("gr8\tgreat\n".as_bytes()).unwrap();
/// let restorer = RestorerBuilder::new()
///     .default_dictionaries(false)
///     .dictionary(slang)
///     .context_model(false)
///     .build();
/// assert_eq!(restorer.restore("A gr8 day."), "A great day.");
/// ```
#[derive(Clone, Debug)]
pub struct RestorerBuilder {
    dictionaries: Vec<Dictionary>,
    defaults: bool,
    context_model: bool,
    phrase_model: bool,
    min_confidence: f32,
}

impl Default for RestorerBuilder {
    fn default() -> RestorerBuilder {
        RestorerBuilder::new()
    }
}

impl RestorerBuilder {
    /// The default configuration: embedded dictionaries, context model on, minimum confidence 0.5.
    pub fn new() -> RestorerBuilder {
        RestorerBuilder {
            dictionaries: Vec::new(),
            defaults: true,
            context_model: true,
            phrase_model: true,
            min_confidence: DEFAULT_MIN_CONFIDENCE,
        }
    }

    /// Adds a dictionary; its candidates join those of the other dictionaries.
    pub fn dictionary(mut self, dictionary: Dictionary) -> RestorerBuilder {
        self.dictionaries.push(dictionary);
        self
    }

    /// Adds a dictionary whose entries are of `kind`, whatever its sources were
    /// ([`Dictionary::with_kind`]).
    ///
    /// ```
    /// use unspin::{Dictionary, Kind, RestorerBuilder};
    ///
    /// // Ordinary words that only context can judge, and no evidence that a text is spun.
    /// let learned = Dictionary::from_tsv("lodge\thotel\t0.5\n".as_bytes())?;
    /// let restorer = RestorerBuilder::new().dictionary_as(learned, Kind::Learned).build();
    /// assert_eq!(restorer.restore("They stayed at the lodge."), "They stayed at the lodge.");
    /// # Ok::<(), unspin::Error>(())
    /// ```
    pub fn dictionary_as(self, dictionary: Dictionary, kind: Kind) -> RestorerBuilder {
        self.dictionary(dictionary.with_kind(kind))
    }

    /// Whether the embedded dictionaries are used (default `true`).
    pub fn default_dictionaries(mut self, yes: bool) -> RestorerBuilder {
        self.defaults = yes;
        self
    }

    /// Whether candidates are chosen in context with the language model (default `true`).
    ///
    /// Without it, each match takes its highest-prior candidate when that prior is at least
    /// 0.5 and at least the minimum confidence: fast, and as eager on genuine text as on spun.
    pub fn context_model(mut self, yes: bool) -> RestorerBuilder {
        self.context_model = yes;
        self
    }

    /// Whether tortured phrases that no dictionary lists are restored (default `true`; needs the
    /// context model).
    ///
    /// The phrase model replaces the words of a two- or three-word phrase with thesaurus
    /// candidates and restores the phrase when that yields a known term (an original of a
    /// fingerprint dictionary, such as `tortured`) and the phrase as written is not ordinary
    /// English. It runs only where known fingerprints show that the text comes from a spinner
    /// (at least one per 5,000 words), so genuine prose is never searched. Its work is bounded
    /// in proportion to the text's words: text built to make its search slow is left as it is
    /// past that bound, rather than restored at a crawl.
    pub fn phrase_model(mut self, yes: bool) -> RestorerBuilder {
        self.phrase_model = yes;
        self
    }

    /// The minimum confidence in (0, 1] for an edit to be applied (default 0.5).
    pub fn min_confidence(mut self, confidence: f32) -> RestorerBuilder {
        self.min_confidence = confidence;
        self
    }

    /// Builds the restorer: compiles the merged dictionary and the matching automaton.
    pub fn build(self) -> Restorer {
        let dictionary = match (self.defaults, self.dictionaries.as_slice()) {
            (true, []) => Dictionary::defaults(),
            (false, [only]) => only.clone(),
            (true, extra) => {
                Dictionary::merge(std::iter::once(&Dictionary::defaults()).chain(extra))
            }
            (false, all) => Dictionary::merge(all),
        };
        let matcher = Matcher::new(&dictionary);
        let candidate_words = CandidateWords::new(&dictionary);
        Restorer {
            inner: Arc::new(Inner {
                dictionary,
                matcher,
                context_model: self.context_model,
                phrase_model: self.phrase_model,
                min_confidence: self.min_confidence,
                phrases: OnceCell::new(),
                candidate_words,
            }),
        }
    }
}

/// Restores spun text. Immutable, cheap to clone, `Send + Sync`.
///
/// ```
/// let restorer = unspin::Restorer::default();
/// let restored = restorer.restore_with_edits("Chinese language officers denied it.");
/// assert_eq!(restored.text, "Chinese officials denied it.");
/// assert_eq!(restored.edits[0].spun, "Chinese language officers");
/// assert_eq!(restored.edits[0].dictionary, "news");
/// ```
#[derive(Clone, Debug)]
pub struct Restorer {
    inner: Arc<Inner>,
}

/// `Restorer` (and so the shared default) must stay shareable across threads.
const _: () = {
    const fn shareable<T: Send + Sync + Clone>() {}
    shareable::<Restorer>();
    shareable::<Dictionary>();
};

#[derive(Debug)]
struct Inner {
    dictionary: Dictionary,
    matcher: Matcher,
    context_model: bool,
    phrase_model: bool,
    min_confidence: f32,
    phrases: OnceCell<PhraseModel>,
    /// The words of the dictionary's candidates, for the context model.
    candidate_words: CandidateWords,
}

impl Default for Restorer {
    /// The default restorer, shared: built once, on first use.
    fn default() -> Restorer {
        DEFAULT.clone()
    }
}

impl Restorer {
    /// A builder, to choose dictionaries and options.
    pub fn builder() -> RestorerBuilder {
        RestorerBuilder::new()
    }

    /// The restorer's merged dictionary.
    pub fn dictionary(&self) -> &Dictionary {
        &self.inner.dictionary
    }

    /// Restores `text`; borrows it when nothing changes.
    pub fn restore<'t>(&self, text: &'t str) -> Cow<'t, str> {
        stream::restore_text(text, None, |window| self.replacements(window)).0
    }

    /// Restores `text` and reports every edit.
    pub fn restore_with_edits<'t>(&self, text: &'t str) -> Restoration<'t> {
        let mut edits = Vec::new();
        let (text, _) =
            stream::restore_text(text, Some(&mut edits), |window| self.replacements(window));
        Restoration { text, edits }
    }

    /// How strongly `text` shows signs of spinning, in [0, 1].
    ///
    /// It counts the places where a dictionary candidate is far more probable than the text as
    /// written (by the language model, in context), relative to the number of words: genuine
    /// prose scores near 0, spinner output near 1. Restoration uses it to set how eager it is.
    /// Long texts are scored per chunk of about 256 KiB; this returns the highest chunk score.
    pub fn spin_score(&self, text: &str) -> f64 {
        chunks(text)
            .map(|(_, chunk)| {
                let spans = self.inner.matcher.find_all(chunk);
                self.decoder().spin_score(chunk, &spans)
            })
            .fold(0.0, f64::max)
    }

    /// Restores UTF-8 text from `reader` to `writer` with bounded memory (a few hundred KiB
    /// beyond the dictionaries); the output is identical to [`Restorer::restore`] on the whole
    /// input. Returns the number of edits.
    pub fn restore_stream<R: Read, W: Write>(
        &self,
        reader: R,
        mut writer: W,
    ) -> Result<u64, Error> {
        let edits = stream::restore_reader(
            reader,
            None,
            |piece, _| writer.write_all(piece.as_bytes()),
            |window| self.replacements(window),
        )?;
        writer.flush().map_err(Error::Stream)?;
        Ok(edits)
    }

    /// Restores UTF-8 text from `reader` in bounded memory, as [`Restorer::restore_stream`]
    /// does, and hands the output to `each` a piece at a time (up to about 256 KiB), with the
    /// edits in that piece: their spans are offsets in the whole input and the whole output,
    /// as [`Restorer::restore_with_edits`] gives them. Returns the number of edits. An error
    /// from `each` stops restoration and is returned as [`Error::Stream`].
    ///
    /// ```
    /// let mut text = String::new();
    /// let mut edits = Vec::new();
    /// unspin::Restorer::default().restore_stream_with_edits(
    ///     "Chinese language officers denied it.".as_bytes(),
    ///     |piece, found| {
    ///         text.push_str(piece);
    ///         edits.extend_from_slice(found);
    ///         Ok(())
    ///     },
    /// )?;
    /// assert_eq!(text, "Chinese officials denied it.");
    /// assert_eq!(edits[0].output, 0..17);
    /// # Ok::<(), unspin::Error>(())
    /// ```
    pub fn restore_stream_with_edits<R: Read>(
        &self,
        reader: R,
        each: impl FnMut(&str, &[Edit]) -> std::io::Result<()>,
    ) -> Result<u64, Error> {
        let mut edits = Vec::new();
        stream::restore_reader(reader, Some(&mut edits), each, |window| {
            self.replacements(window)
        })
    }

    /// Screens `text` for tortured phrases: every fingerprint of the screening dictionaries (all
    /// but `news`) whose document clauses hold, with counts. Nothing is rewritten.
    pub fn screen(&self, text: &str) -> Report {
        let spans = self.inner.matcher.find_all(text);
        let document = Document::new(&self.inner.dictionary, text);
        let unseen = self.unseen_phrases(&document, &spans);
        Report::new(&self.inner.dictionary, &document, &spans, &unseen)
    }

    fn decoder(&self) -> Decoder<'_> {
        Decoder::new(
            &self.inner.dictionary,
            self.inner
                .context_model
                .then_some(&self.inner.candidate_words),
            self.inner.min_confidence,
        )
    }

    /// The decoder's replacements for one chunk, with the phrase model's outside dictionary matches.
    fn replacements(&self, chunk: &str) -> Vec<Replacement<'_>> {
        let spans = self.inner.matcher.find_all(chunk);
        let document = Document::new(&self.inner.dictionary, chunk);
        let mut replacements = if spans.is_empty() {
            Vec::new()
        } else {
            self.decoder().decide(&document, &spans)
        };
        let unseen = self.unseen_phrases(&document, &spans);
        if !unseen.is_empty() {
            replacements.extend(unseen);
            replacements.sort_by_key(|c| c.start);
        }
        replacements
    }

    /// Whether `text` holds known fingerprints, at least one per `WORDS_PER_FINGERPRINT` words:
    /// the evidence of a paper mill that lets the phrase model look for unlisted ones.
    fn has_fingerprints(&self, document: &Document<'_, '_>, spans: &[Span]) -> bool {
        let found = spans
            .iter()
            .filter(|s| {
                self.inner
                    .dictionary
                    .fingerprint(document, s.entry)
                    .is_some()
            })
            .count();
        found > 0 && found * WORDS_PER_FINGERPRINT >= word_count(document.text())
    }

    /// The phrase model's restorations in `text`, when it is on and known fingerprints show a
    /// paper mill (the model is built on first need).
    fn unseen_phrases(&self, document: &Document<'_, '_>, spans: &[Span]) -> Vec<Replacement<'_>> {
        let inner = &*self.inner;
        if !(inner.context_model && inner.phrase_model && self.has_fingerprints(document, spans)) {
            return Vec::new();
        }
        let model = inner.phrases.get_or_init(|| {
            PhraseModel::new(Dictionary::synonyms(), inner.dictionary.fingerprint_pairs())
        });
        model.find(document.text(), spans)
    }
}
