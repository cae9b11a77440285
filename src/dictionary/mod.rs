//! Dictionaries: spun phrase → candidate originals, with priors, provenance and document clauses.
//!
//! Sources are TSV (see [`Dictionary::from_tsv`] and the README); they compile into an `fst::Map`
//! from normalised spun phrase to an entry in a candidate table. The default dictionaries are
//! compiled by `build.rs` and embedded.

pub(crate) mod compiled;
mod kind;
pub(crate) mod tsv;

use std::{borrow::Cow, fmt, io::Read, path::Path, sync::Arc};

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use once_cell::sync::OnceCell;

use crate::{error::Error, hash::FastMap};
use compiled::{RawCandidate, Table, TableBuilder};
pub use kind::Kind;
pub use tsv::Clause;

/// An embedded dictionary compiled by `build.rs`: fst, candidate table, string pool.
type Embedded = (&'static [u8], &'static [u8], &'static str);

static DEFAULT: Embedded = (
    include_bytes!(concat!(env!("OUT_DIR"), "/default.fst")),
    include_bytes!(concat!(env!("OUT_DIR"), "/default.table")),
    include_str!(concat!(env!("OUT_DIR"), "/default.strings")),
);
static SYNONYMS: Embedded = (
    include_bytes!(concat!(env!("OUT_DIR"), "/synonyms.fst")),
    include_bytes!(concat!(env!("OUT_DIR"), "/synonyms.table")),
    include_str!(concat!(env!("OUT_DIR"), "/synonyms.strings")),
);

/// A set of spun phrases and their candidate originals.
///
/// Cheap to clone (the data is shared), immutable, `Send + Sync`.
///
/// ```
/// use unspin::Dictionary;
///
/// let tsv = "# spun\toriginal\tweight\nnavy help\tmilitary aid\nkeen\twilling\t0.6\nkeen\teager\t0.4\n";
/// let dict = Dictionary::from_tsv(tsv.as_bytes()).unwrap();
/// assert_eq!(dict.len(), 2);
/// let originals: Vec<_> = dict.lookup("Keen").iter().map(|c| c.original).collect();
/// assert_eq!(originals, ["willing", "eager"]);
/// ```
#[derive(Clone)]
pub struct Dictionary {
    inner: Arc<Inner>,
    /// The kind of each source, by id: apart from the rest, so that [`Dictionary::with_kind`]
    /// shares the compiled data.
    kinds: Arc<[Kind]>,
}

struct Inner {
    map: fst::Map<Cow<'static, [u8]>>,
    table: Cow<'static, [u8]>,
    /// The table's strings.
    pool: Cow<'static, str>,
    sources: Vec<String>,
    /// Built on the first clause a document is asked about.
    clauses: OnceCell<ClauseIndex>,
}

/// One candidate original for a spun phrase.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate<'a> {
    /// The original phrase, in its natural case.
    pub original: &'a str,
    /// The prior in (0, 1]: how likely this original is where the phrase really was spun.
    pub weight: f32,
    /// The name of the dictionary the entry comes from (`news`, `tortured`, or a user name).
    pub source: &'a str,
    /// What that dictionary's entries are.
    pub kind: Kind,
    /// Document conditions that must all hold for the entry to apply.
    pub clauses: Vec<Clause>,
}

impl Dictionary {
    /// The embedded default dictionaries (`news`, `news_families`, the learned `news_learned*`
    /// tables and `tortured`), compiled at build time.
    pub fn defaults() -> Dictionary {
        Dictionary::embedded(DEFAULT)
    }

    /// The embedded word-level inverted thesaurus (spun word → candidate originals, from Moby
    /// and WordNet) that the phrase model draws on.
    pub(crate) fn synonyms() -> Dictionary {
        Dictionary::embedded(SYNONYMS)
    }

    /// Parses a TSV dictionary named `custom`. See [`Dictionary::from_tsv_named`].
    pub fn from_tsv<R: Read>(reader: R) -> Result<Dictionary, Error> {
        Dictionary::from_tsv_named("custom", reader)
    }

    /// Parses a TSV dictionary: one `spun<TAB>original[<TAB>weight[<TAB>clauses]]` entry a line,
    /// `#` comment lines and blank lines ignored, a leading byte-order mark skipped. `weight` is a
    /// prior in (0, 1] (default 1); `clauses` are `;`-separated `+phrase` (the document must
    /// contain it) or `-phrase` (it must not). `name` is recorded as the source of every edit the
    /// dictionary makes.
    ///
    /// Every limit is checked here, so that any dictionary this accepts builds a restorer: the
    /// spun phrase must hold a letter or digit, phrases (spun, original and clause) are at most
    /// 1,024 bytes, a line has at most 255 clauses and a spun phrase at most 255 candidates.
    /// Errors name the dictionary, the line and what to fix.
    ///
    /// Its kind is the one its name implies ([`Kind::of_name`]); [`Dictionary::from_tsv_as`] says
    /// it outright.
    pub fn from_tsv_named<R: Read>(name: &str, reader: R) -> Result<Dictionary, Error> {
        Dictionary::from_tsv_as(name, Kind::of_name(name), reader)
    }

    /// Parses a TSV dictionary named `name` whose entries are of `kind` (see
    /// [`Dictionary::from_tsv_named`] for the format and the errors).
    pub fn from_tsv_as<R: Read>(
        name: &str,
        kind: Kind,
        mut reader: R,
    ) -> Result<Dictionary, Error> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).map_err(|error| Error::Io {
            dictionary: name.to_string(),
            error,
        })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let offset = e.utf8_error().valid_up_to();
            let line = 1 + e.as_bytes()[..offset]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            Error::NotUtf8 {
                dictionary: name.to_string(),
                line,
                offset,
            }
        })?;
        let parse_error = |e: tsv::LineError| Error::Parse {
            dictionary: name.to_string(),
            line: e.line,
            reason: e.reason,
        };
        let lines = tsv::parse(&text).map_err(parse_error)?;
        let mut builder = TableBuilder::default();
        let source = builder.add_source(name, kind);
        for line in lines {
            builder.add_line(source, line).map_err(parse_error)?;
        }
        Ok(Dictionary::from_builder(builder))
    }

    /// Reads a TSV dictionary file; its name is the file stem (`slang.tsv` → `slang`), and its
    /// kind the one that name implies ([`Kind::of_name`]; [`Dictionary::with_kind`] changes it).
    pub fn from_file<P: AsRef<Path>>(path: P) -> Result<Dictionary, Error> {
        let path = path.as_ref();
        let file = std::fs::File::open(path).map_err(|error| Error::Io {
            dictionary: path.display().to_string(),
            error,
        })?;
        let name = path
            .file_stem()
            .map_or_else(|| "custom".into(), |s| s.to_string_lossy());
        let dictionary = path.display().to_string();
        Dictionary::from_tsv_named(&name, file).map_err(|e| match e {
            Error::Parse { line, reason, .. } => Error::Parse {
                dictionary,
                line,
                reason,
            },
            Error::NotUtf8 { line, offset, .. } => Error::NotUtf8 {
                dictionary,
                line,
                offset,
            },
            other => other,
        })
    }

    /// Combines dictionaries: every spun phrase of each, with the candidates of all of them (at
    /// most 255 a phrase: past that, the lowest weights are dropped).
    pub fn merge<'a, I: IntoIterator<Item = &'a Dictionary>>(dictionaries: I) -> Dictionary {
        let mut builder = TableBuilder::default();
        for dict in dictionaries {
            let ids: Vec<u16> = dict
                .inner
                .sources
                .iter()
                .zip(dict.kinds.iter())
                .map(|(name, &kind)| builder.add_source(name, kind))
                .collect();
            for (key, offset) in dict.keys() {
                for c in dict.table().candidates(offset) {
                    builder.add(
                        ids[c.source as usize],
                        key,
                        c.original,
                        c.weight,
                        c.to_clauses(),
                    );
                }
            }
        }
        Dictionary::from_builder(builder)
    }

    /// The candidates for a phrase (normalised the way the matcher normalises text), best prior
    /// first; empty when the phrase is not a key.
    pub fn lookup(&self, phrase: &str) -> Vec<Candidate<'_>> {
        self.offset(&tsv::normalize_key(phrase))
            .map(|offset| self.candidates(offset).map(|c| self.candidate(c)).collect())
            .unwrap_or_default()
    }

    /// The number of distinct spun phrases.
    pub fn len(&self) -> usize {
        self.inner.map.len()
    }

    /// Whether the dictionary has no entries.
    pub fn is_empty(&self) -> bool {
        self.inner.map.is_empty()
    }

    /// The names of the dictionaries merged into this one.
    pub fn sources(&self) -> &[String] {
        &self.inner.sources
    }

    /// What each of [`Dictionary::sources`] is, in the same order.
    pub fn kinds(&self) -> &[Kind] {
        &self.kinds
    }

    /// The same entries, every source of them of `kind`; the compiled data is shared.
    ///
    /// ```
    /// use unspin::{Dictionary, Kind};
    ///
    /// let mine = Dictionary::from_tsv("gr8\tgreat\n".as_bytes())?;
    /// assert_eq!(mine.kinds(), [Kind::Fingerprint]);
    /// assert_eq!(mine.with_kind(Kind::Context).kinds(), [Kind::Context]);
    /// # Ok::<(), unspin::Error>(())
    /// ```
    pub fn with_kind(&self, kind: Kind) -> Dictionary {
        Dictionary {
            inner: Arc::clone(&self.inner),
            kinds: vec![kind; self.kinds.len()].into(),
        }
    }

    /// Every key with the offset of its entry, in key order.
    pub(crate) fn keys(&self) -> impl Iterator<Item = (&str, u64)> + '_ {
        self.table().entries()
    }

    /// The entry offset of an already normalised key.
    pub(crate) fn offset(&self, key: &str) -> Option<u64> {
        self.inner.map.get(key)
    }

    pub(crate) fn candidates(&self, offset: u64) -> impl Iterator<Item = RawCandidate<'_>> + '_ {
        self.table().candidates(offset)
    }

    pub(crate) fn candidate<'a>(&'a self, raw: RawCandidate<'a>) -> Candidate<'a> {
        Candidate {
            original: raw.original,
            weight: raw.weight,
            source: &self.inner.sources[raw.source as usize],
            kind: self.kinds[raw.source as usize],
            clauses: raw.to_clauses(),
        }
    }

    /// Every (key, original) pair of the fingerprint dictionaries ([`Kind::Fingerprint`]): the known
    /// tortured phrases and the terms they stand for.
    pub(crate) fn fingerprint_pairs(&self) -> Vec<(&str, &str)> {
        let mut pairs = Vec::new();
        for (key, offset) in self.keys() {
            pairs.extend(
                self.candidates(offset)
                    .filter(|c| !self.source_kind(c.source).is_context_only())
                    .map(|c| (key, c.original)),
            );
        }
        pairs
    }

    /// The best candidate of the entry at `offset` that is a fingerprint ([`Kind::Fingerprint`])
    /// and whose clauses hold in `document`.
    pub(crate) fn fingerprint(
        &self,
        document: &Document<'_, '_>,
        offset: u64,
    ) -> Option<RawCandidate<'_>> {
        self.candidates(offset)
            .find(|c| !self.source_kind(c.source).is_context_only() && document.admits(c))
    }

    pub(crate) fn source_name(&self, id: u16) -> &str {
        &self.inner.sources[id as usize]
    }

    pub(crate) fn source_kind(&self, id: u16) -> Kind {
        self.kinds[id as usize]
    }

    fn clause_index(&self) -> &ClauseIndex {
        self.inner.clauses.get_or_init(|| ClauseIndex::new(self))
    }

    fn table(&self) -> Table<'_> {
        Table::new(&self.inner.table, &self.inner.pool)
    }

    fn from_builder(builder: TableBuilder) -> Dictionary {
        let (map, table, pool) = builder.finish();
        Dictionary::from_parts(Cow::Owned(map), Cow::Owned(table), Cow::Owned(pool))
    }

    fn embedded((map, table, pool): Embedded) -> Dictionary {
        Dictionary::from_parts(
            Cow::Borrowed(map),
            Cow::Borrowed(table),
            Cow::Borrowed(pool),
        )
    }

    fn from_parts(
        map: Cow<'static, [u8]>,
        table: Cow<'static, [u8]>,
        pool: Cow<'static, str>,
    ) -> Dictionary {
        let (sources, kinds): (Vec<String>, Vec<Kind>) = Table::new(&table, &pool)
            .sources()
            .into_iter()
            .map(|(name, kind)| (String::from(name), kind))
            .unzip();
        let map = fst::Map::new(map).expect("TableBuilder and build.rs write valid fsts");
        Dictionary {
            inner: Arc::new(Inner {
                map,
                table,
                pool,
                sources,
                clauses: OnceCell::new(),
            }),
            kinds: kinds.into(),
        }
    }
}

/// A document as dictionary clauses see it: normalised like keys, once, on first use. The first
/// few clause phrases asked are searched for one by one; after that, every clause phrase of the
/// dictionary is found at once in one pass, and the rest are lookups. (One search per distinct
/// phrase dominated text dense in clause-bearing fingerprints; one pass for all of them would
/// dominate text that asks about two.)
pub(crate) struct Document<'d, 't> {
    dictionary: &'d Dictionary,
    text: &'t str,
    normalised: once_cell::unsync::OnceCell<String>,
    /// Whether each clause phrase (by `ClauseIndex` id) occurs, where known.
    answers: std::cell::RefCell<Answers>,
}

#[derive(Default)]
struct Answers {
    known: Vec<Option<bool>>,
    searches: usize,
}

impl<'d, 't> Document<'d, 't> {
    /// Distinct phrases searched for one by one before all are found in one pass…
    const SEARCHES: usize = 16;
    /// …of which the first few are searched in the text as it is, around their longest word,
    /// before the text is normalised: each such search is a pass over the text.
    const WINDOW_SEARCHES: usize = 4;

    /// The document `text`, whose clauses are those of `dictionary`'s candidates.
    pub fn new(dictionary: &'d Dictionary, text: &'t str) -> Document<'d, 't> {
        Document {
            dictionary,
            text,
            normalised: once_cell::unsync::OnceCell::new(),
            answers: Default::default(),
        }
    }

    /// The document's text.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// Whether every clause of `candidate` (a candidate of the document's dictionary) holds.
    pub fn admits(&self, candidate: &RawCandidate<'_>) -> bool {
        candidate
            .clauses()
            .all(|(requires, phrase)| self.contains(phrase) == requires)
    }

    fn contains(&self, phrase: &str) -> bool {
        let index = self.dictionary.clause_index();
        let id = index.id(phrase);
        let mut answers = self.answers.borrow_mut();
        if answers.known.is_empty() {
            answers.known = vec![None; index.phrases];
        }
        if let Some(answer) = answers.known[id] {
            return answer;
        }
        if answers.searches < Self::SEARCHES {
            answers.searches += 1;
            let answer = match self.normalised.get() {
                None if answers.searches <= Self::WINDOW_SEARCHES => index
                    .word(id, phrase)
                    .and_then(|word| self.search_around(word, phrase))
                    .unwrap_or_else(|| self.normalised().contains(phrase)),
                _ => self.normalised().contains(phrase),
            };
            answers.known[id] = Some(answer);
            return answer;
        }
        let present = index.find(self.normalised());
        answers.known = present.iter().map(|&p| Some(p)).collect();
        present[id]
    }

    fn normalised(&self) -> &str {
        self.normalised
            .get_or_init(|| tsv::normalize_key(self.text))
    }

    /// Whether the normalised text contains `phrase`, told without normalising all of it: only
    /// windows around the occurrences of the phrase's longest ASCII `word`. `None` where that
    /// would not be cheaper (the word is everywhere).
    ///
    /// Normalising maps whitespace runs to one space and every other char to at least one char;
    /// only ASCII letters and digits (up to case) and `LOWERCASE_TO_ASCII` become ASCII letters
    /// and digits. So where the phrase occurs in the normalised text, the text holds its word in
    /// one of the word's `spellings`, with at most as many chars other than whitespace before and
    /// after it as the phrase has spaceless chars around the word; normalising that window of the
    /// text yields the phrase too, and the converse holds since a window normalises to a part of
    /// the whole.
    fn search_around(&self, word: &AnchorWord, phrase: &str) -> Option<bool> {
        let (searcher, before, after) = (&word.spellings, word.before, word.after);
        let solid = |&(_, c): &(usize, char)| !c.is_whitespace();
        let most_windows = self.text.len() / BYTES_PER_WINDOW + EXTRA_WINDOWS;
        for (n, found) in searcher.find_overlapping_iter(self.text).enumerate() {
            if n == most_windows {
                return None;
            }
            let (start, end) = (found.start(), found.end());
            let start = match before {
                0 => start,
                _ => self.text[..start]
                    .char_indices()
                    .rev()
                    .filter(solid)
                    .nth(before - 1)
                    .map_or(0, |(i, _)| i),
            };
            let end = match after {
                0 => end,
                _ => self.text[end..]
                    .char_indices()
                    .filter(solid)
                    .nth(after - 1)
                    .map_or(self.text.len(), |(i, c)| end + i + c.len_utf8()),
            };
            if tsv::normalize_key(&self.text[start..end]).contains(phrase) {
                return Some(true);
            }
        }
        Some(false)
    }
}

/// `Document::search_around` gives up (and the whole text is normalised instead) past one
/// occurrence of the word per this many bytes of text…
const BYTES_PER_WINDOW: usize = 1024;
/// …plus this many, so that a short text is always searched around its words.
const EXTRA_WINDOWS: usize = 8;

/// The chars whose lowercase holds an ASCII letter or digit (a test checks the list), with it.
const LOWERCASE_TO_ASCII: [(char, char); 2] = [('\u{130}', 'i'), ('\u{212A}', 'k')];

/// Every way the text can spell an ASCII `word` (up to ASCII case) that normalises to it:
/// each `i` and `k` may also be a char of `LOWERCASE_TO_ASCII`. `None` past 8 spellings (more
/// than three `i`s and `k`s), where normalising the whole text is cheaper.
fn spellings(word: &str) -> Option<Vec<String>> {
    let mut spellings = vec![String::new()];
    for c in word.chars() {
        let other = LOWERCASE_TO_ASCII.iter().find(|&&(_, l)| l == c);
        if let Some(&(upper, _)) = other {
            if spellings.len() == 8 {
                return None;
            }
            let others: Vec<String> = spellings.iter().map(|s| format!("{s}{upper}")).collect();
            spellings.iter_mut().for_each(|s| s.push(c));
            spellings.extend(others);
        } else {
            spellings.iter_mut().for_each(|s| s.push(c));
        }
    }
    Some(spellings)
}

/// Every distinct clause phrase of a dictionary, with an automaton that finds them all.
struct ClauseIndex {
    /// The id (automaton pattern) of each clause phrase, by the phrase's address in the table.
    ids: FastMap<usize, usize>,
    automaton: Option<AhoCorasick>,
    phrases: usize,
    /// Each phrase's longest word, by id, built when a document first asks for the phrase.
    words: Vec<OnceCell<Option<AnchorWord>>>,
}

/// A clause phrase's longest ASCII word, as `Document::search_around` looks for it.
struct AnchorWord {
    /// Finds the word in each of its spellings, up to ASCII case.
    spellings: AhoCorasick,
    /// How many chars other than spaces the phrase has before the word, and after it.
    before: usize,
    after: usize,
}

impl AnchorWord {
    /// `None` where the phrase has no ASCII word, or the word too many spellings.
    fn of(phrase: &str) -> Option<AnchorWord> {
        let word = phrase
            .split(|c: char| !c.is_ascii_alphanumeric())
            .max_by_key(|w| w.len())
            .filter(|w| !w.is_empty())?;
        let at = word.as_ptr() as usize - phrase.as_ptr() as usize;
        let spaceless = |s: &str| s.chars().filter(|&c| c != ' ').count();
        Some(AnchorWord {
            spellings: AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(spellings(word)?)
                .expect("short patterns"),
            before: spaceless(&phrase[..at]),
            after: spaceless(&phrase[at + word.len()..]),
        })
    }
}

impl ClauseIndex {
    fn new(dictionary: &Dictionary) -> ClauseIndex {
        let mut ids: FastMap<usize, usize> = FastMap::default();
        let mut by_phrase: FastMap<&str, usize> = FastMap::default();
        for (_, offset) in dictionary.keys() {
            for candidate in dictionary.candidates(offset) {
                for (_, phrase) in candidate.clauses() {
                    let next = by_phrase.len();
                    let id = *by_phrase.entry(phrase).or_insert(next);
                    ids.insert(phrase.as_ptr() as usize, id);
                }
            }
        }
        let mut patterns = vec![""; by_phrase.len()];
        for (phrase, id) in by_phrase {
            patterns[id] = phrase;
        }
        let automaton = (!patterns.is_empty()).then(|| {
            AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .build(&patterns)
                .expect("clause phrases are bounded in length and count")
        });
        ClauseIndex {
            ids,
            automaton,
            phrases: patterns.len(),
            words: (0..patterns.len()).map(|_| OnceCell::new()).collect(),
        }
    }

    /// The longest word of the phrase with this id.
    fn word(&self, id: usize, phrase: &str) -> Option<&AnchorWord> {
        self.words[id]
            .get_or_init(|| AnchorWord::of(phrase))
            .as_ref()
    }

    /// Which clause phrases occur in `normalised` (a text normalised like keys), by id.
    fn find(&self, normalised: &str) -> Vec<bool> {
        let mut present = vec![false; self.phrases];
        if let Some(automaton) = &self.automaton {
            for m in automaton.find_overlapping_iter(normalised) {
                present[m.pattern().as_usize()] = true;
            }
        }
        present
    }

    /// The id of a clause phrase read from the dictionary's table.
    fn id(&self, phrase: &str) -> usize {
        self.ids[&(phrase.as_ptr() as usize)]
    }
}

impl Default for Dictionary {
    fn default() -> Dictionary {
        Dictionary::defaults()
    }
}

impl fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Dictionary")
            .field("keys", &self.len())
            .field("sources", &self.inner.sources)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_dictionaries_have_their_kinds() {
        let defaults = Dictionary::defaults();
        let kinds: Vec<(&str, Kind)> = defaults
            .sources()
            .iter()
            .map(String::as_str)
            .zip(defaults.kinds().iter().copied())
            .collect();
        assert_eq!(
            kinds,
            [
                ("news", Kind::Context),
                ("news_families", Kind::Context),
                ("news_learned", Kind::Learned),
                ("news_learned_wordswap", Kind::Learned),
                ("tortured", Kind::Fingerprint),
            ]
        );
        assert_eq!(Dictionary::synonyms().kinds(), [Kind::Thesaurus]);
    }

    #[test]
    fn kinds_survive_merging_and_name_each_candidate() {
        let tsv = |name, text: &str| Dictionary::from_tsv_named(name, text.as_bytes()).unwrap();
        let merged = Dictionary::merge([
            &tsv("news", "keen\twilling\t0.6\n"),
            &tsv("mine", "keen\teager\t0.4\n").with_kind(Kind::Learned),
            &tsv("tortured", "irregular woods\trandom forest\n"),
        ]);
        assert_eq!(merged.sources(), ["news", "mine", "tortured"]);
        assert_eq!(
            merged.kinds(),
            [Kind::Context, Kind::Learned, Kind::Fingerprint]
        );
        let kinds: Vec<(&str, Kind)> = merged
            .lookup("keen")
            .iter()
            .map(|c| (c.original, c.kind))
            .collect();
        assert_eq!(
            kinds,
            [("willing", Kind::Context), ("eager", Kind::Learned)]
        );
        assert_eq!(
            merged.fingerprint_pairs(),
            [("irregular woods", "random forest")]
        );
    }

    #[test]
    fn a_key_has_at_most_255_candidates() {
        let lines =
            |n: usize| -> String { (0..n).map(|i| format!("key\toriginal {i}\n")).collect() };
        let dictionary = Dictionary::from_tsv(lines(255).as_bytes()).unwrap();
        assert_eq!(dictionary.lookup("key").len(), 255);
        for n in [256, 100_000] {
            match Dictionary::from_tsv(lines(n).as_bytes()) {
                Err(Error::Parse { line, reason, .. }) => {
                    assert_eq!(line, 256);
                    assert!(
                        reason.contains("more than 255 candidate originals"),
                        "{reason}"
                    );
                }
                other => panic!("{n} candidates: {other:?}"),
            }
        }
        // Repeats are one candidate, however many.
        let repeated = "key\toriginal\n".repeat(100_000);
        assert_eq!(
            Dictionary::from_tsv(repeated.as_bytes())
                .unwrap()
                .lookup("key")
                .len(),
            1
        );
    }

    #[test]
    fn invalid_utf8_is_reported_with_its_line_and_offset() {
        let source = b"a\tb\nc\td\ne\t\xff\n";
        match Dictionary::from_tsv(&source[..]) {
            Err(
                error @ Error::NotUtf8 {
                    line: 3,
                    offset: 10,
                    ..
                },
            ) => {
                assert!(error.to_string().starts_with("custom:3: "), "{error}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_first_key() {
        let dictionary = Dictionary::from_tsv("\u{feff}gr8\tgreat\n".as_bytes()).unwrap();
        assert_eq!(dictionary.lookup("gr8")[0].original, "great");
    }

    #[test]
    fn only_the_listed_chars_lowercase_to_ascii_letters_or_digits() {
        let found = (128..=0x10FFFF_u32)
            .filter_map(char::from_u32)
            .filter_map(|c| {
                let ascii: Vec<char> = c
                    .to_lowercase()
                    .filter(char::is_ascii_alphanumeric)
                    .collect();
                (!ascii.is_empty()).then_some((c, ascii))
            })
            .collect::<Vec<_>>();
        let listed: Vec<(char, Vec<char>)> = LOWERCASE_TO_ASCII
            .iter()
            .map(|&(c, l)| (c, vec![l]))
            .collect();
        assert_eq!(found, listed);
    }

    #[test]
    fn windows_around_a_word_answer_as_the_whole_normalised_text() {
        let dictionary = Dictionary::default();
        let phrases = [
            "physician who",
            "nintendo change",
            "who",
            "a-b c",
            "it's x",
            "ab ab",
            "ok go",
            "kelvin",
        ];
        let fragments = [
            "Physician",
            "physician",
            "PHYSICIAN",
            "who",
            "Who",
            "nintendo",
            "Change",
            "change",
            "a",
            "A-B",
            "-",
            "b",
            "c",
            "it",
            "it’s",
            "’",
            "'",
            "x",
            "ab",
            "AB",
            " ",
            " ",
            "  ",
            "\n",
            "\t",
            "\u{a0}",
            ".",
            "é",
            "\u{2010}",
            "\u{130}",
            "\u{212A}",
            "o",
            "go",
            "OK",
            "\u{212A}elvin",
            "kelvin",
        ];
        let mut decided = 0;
        for text in crate::testing::generated_texts(&fragments, 4000, 10, 0x9e37_79b9_7f4a_7c15) {
            let document = Document::new(&dictionary, &text);
            let whole = tsv::normalize_key(&text);
            for phrase in phrases {
                let answer =
                    AnchorWord::of(phrase).and_then(|word| document.search_around(&word, phrase));
                if let Some(answer) = answer {
                    assert_eq!(answer, whole.contains(phrase), "{phrase:?} in {text:?}");
                    decided += 1;
                }
            }
        }
        assert!(decided > 10_000, "{decided}");
    }
}
