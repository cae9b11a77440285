//! Throughput of restoration against baselines, on the same dictionary and the same text (issue 5).
//!
//! ```sh
//! cargo bench --bench throughput                                    # 1 MB and 10 MB inputs
//! UNSPIN_BENCH_LARGE=1 cargo bench --bench throughput               # also 100 MB
//! UNSPIN_BENCH_DICT=a.tsv,b.tsv cargo bench --bench throughput      # other dictionaries
//! UNSPIN_BENCH_WRITE_INPUTS=DIR cargo bench --bench throughput      # write inputs, no timing
//! ```
//!
//! Inputs are generated here, reproducibly (fixed seed, xorshift): news-like sentences from a word
//! list below in which about a third of the content words are originals of the dictionary
//! ("genuine" text), and the same sentences with each such original replaced by one of its spun
//! keys ("spun" text). Two thirds of the default dictionary's keys are tortured phrases, so
//! "spun" is as much paper mill as news; "spun_news" draws only on the keys of the news
//! dictionaries, the spinner output the news dictionaries are for. Every kind is measured with:
//! - `unspin_dict_only`: `Restorer::restore` with the context model off;
//! - `unspin_context`: `Restorer::restore` with the context model (the default);
//! - `aho_corasick_find_iter`: a bare `find_iter` over the same keys, built the way the crate's
//!   matcher builds them (LeftmostLongest, ASCII case-insensitive, both apostrophes), with no
//!   word-boundary checks: the cost of scanning alone, the baseline of the ratios;
//! - `regex_alternation`: `(?i)(?-u:\b)(?:key|…)(?-u:\b)`, longest keys first, `replace_all`
//!   with each key's best original; `regex_alternation_unicode_b` is the same with Unicode `\b`,
//!   which is so slow (regex leaves its DFA at the first non-ASCII byte) that it is timed once,
//!   outside criterion, on the first 100 kB of the 1 MB inputs;
//! - `naive_replace`: `str::replace` once per key (1 MB only; timed once, outside criterion,
//!   when a pass takes over half a second);
//! - `memcpy`: copying the input, the ceiling.
//!
//! The dictionary is the embedded default (`Dictionary::defaults()`) unless `UNSPIN_BENCH_DICT`
//! names TSV files. The keys are read from the TSV files (`dictionaries/*.tsv`, keeping those the
//! embedded dictionary has) with the crate's own parser; each key's best candidate comes from
//! `Dictionary::lookup`.
//! `benches/flashtext_bench.py` runs flashtext on files written with `UNSPIN_BENCH_WRITE_INPUTS`.

#[path = "../src/text.rs"]
#[allow(dead_code, unused_imports)]
mod text;
// The unit tests of `text` and `tsv` are compiled (not run) with the bench under `--all-targets`.
#[cfg(test)]
#[path = "../src/testing.rs"]
#[allow(dead_code)]
mod testing;
#[path = "../src/dictionary/tsv.rs"]
#[allow(dead_code, unused_imports)]
mod tsv;

use std::{
    collections::{BTreeMap, BTreeSet, HashMap},
    hint::black_box,
    path::{Path, PathBuf},
    time::{Duration, Instant},
};

use aho_corasick::{AhoCorasick, MatchKind};
use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};
use unspin::{Dictionary, Restorer, RestorerBuilder};

const SEED: u64 = 0x005e_ed0f_0005;
const MB: usize = 1_000_000;

/// A baseline too slow for criterion: its name, its input, and one pass over it.
type SlowRun<'a> = (&'a str, &'a str, Box<dyn Fn() -> usize + 'a>);

/// The dictionary under test, its keys with their best original, and the two restorers.
struct Setup {
    name: String,
    keys: Vec<(String, String)>,
    /// The keys whose best candidate comes from a news dictionary (`news`, `news_*`).
    news_keys: Vec<(String, String)>,
    dict_only: Restorer,
    context: Restorer,
}

fn setup() -> Setup {
    let custom = std::env::var("UNSPIN_BENCH_DICT")
        .ok()
        .filter(|list| !list.trim().is_empty());
    let (name, files, dictionary) = match &custom {
        Some(list) => {
            let files: Vec<PathBuf> = list.split(',').map(PathBuf::from).collect();
            let parts: Vec<Dictionary> = files
                .iter()
                .map(|f| {
                    Dictionary::from_file(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()))
                })
                .collect();
            (list.clone(), files, Dictionary::merge(&parts))
        }
        None => {
            // The embedded keys come from some of dictionaries/*.tsv (build.rs says which):
            // read them all and keep the keys the embedded dictionary has.
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries");
            let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
                .expect("read dictionaries/")
                .map(|e| e.expect("read dictionaries/").path())
                .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
                .collect();
            files.sort();
            (
                "embedded defaults".to_string(),
                files,
                Dictionary::defaults(),
            )
        }
    };
    let mut keys = BTreeSet::new();
    for file in &files {
        let text =
            std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let lines = tsv::parse(&text)
            .unwrap_or_else(|e| panic!("{}:{}: {}", file.display(), e.line, e.reason));
        keys.extend(lines.into_iter().map(|l| l.key));
    }
    let mut news_keys = Vec::new();
    let keys: Vec<(String, String)> = keys
        .into_iter()
        .filter_map(|key| {
            let candidates = dictionary.lookup(&key);
            let best = candidates.first()?;
            let pair = (key.clone(), best.original.to_string());
            if best.kind.is_context_only() {
                news_keys.push(pair.clone());
            }
            Some(pair)
        })
        .collect();
    assert_eq!(
        keys.len(),
        dictionary.len(),
        "the TSV files {files:?} do not hold every key of the dictionary"
    );
    let build = |context: bool| {
        let builder = RestorerBuilder::new().context_model(context);
        match custom {
            Some(_) => builder
                .default_dictionaries(false)
                .dictionary(dictionary.clone()),
            None => builder,
        }
        .build()
    };
    Setup {
        name,
        keys,
        news_keys,
        dict_only: build(false),
        context: build(true),
    }
}

/// The patterns as the Aho-Corasick matcher built them: every key, plus its ’ spelling.
fn patterns(keys: &[(String, String)]) -> Vec<(String, String)> {
    let mut out = Vec::with_capacity(keys.len());
    for (key, original) in keys {
        if key.contains('\'') {
            out.push((key.replace('\'', "\u{2019}"), original.clone()));
        }
        out.push((key.clone(), original.clone()));
    }
    out
}

// ------------------------------------------------------------------------------------ inputs

/// xorshift64*: small, fast, reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() >> 11) as usize % n
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

const DETERMINERS: &[&str] = &[
    "the", "the", "the", "a", "its", "their", "this", "that", "every", "two", "several", "many",
    "some", "his", "her", "our",
];
const ADJECTIVES: &[&str] = &[
    "new",
    "former",
    "senior",
    "local",
    "national",
    "foreign",
    "public",
    "private",
    "major",
    "recent",
    "last",
    "first",
    "big",
    "small",
    "high",
    "low",
    "strong",
    "early",
    "late",
    "young",
    "military",
    "economic",
    "political",
    "international",
    "federal",
    "regional",
    "financial",
    "serious",
    "possible",
    "key",
    "main",
    "annual",
    "official",
    "independent",
    "total",
    "rural",
    "urban",
    "medical",
    "legal",
    "royal",
];
const NOUNS: &[&str] = &[
    "government",
    "minister",
    "police",
    "company",
    "president",
    "officials",
    "report",
    "week",
    "year",
    "people",
    "country",
    "city",
    "court",
    "election",
    "party",
    "market",
    "prices",
    "workers",
    "council",
    "hospital",
    "school",
    "bank",
    "deal",
    "plan",
    "talks",
    "border",
    "army",
    "budget",
    "spokesman",
    "statement",
    "investigation",
    "crisis",
    "energy",
    "water",
    "health",
    "economy",
    "leader",
    "agency",
    "students",
    "families",
    "villagers",
    "judge",
    "trial",
    "law",
    "tax",
    "rate",
    "oil",
    "gas",
    "rail",
    "strike",
    "union",
    "storm",
    "flood",
    "fire",
    "village",
    "region",
    "district",
    "ministry",
    "parliament",
    "vote",
    "poll",
    "campaign",
    "club",
    "match",
    "season",
    "team",
    "coach",
    "player",
    "fans",
    "museum",
    "festival",
    "film",
    "book",
    "study",
    "scientists",
    "researchers",
    "data",
    "survey",
    "patients",
    "doctors",
    "vaccine",
    "virus",
    "climate",
    "emissions",
    "farmers",
    "crops",
    "exports",
    "imports",
    "shares",
    "profits",
    "sales",
    "jobs",
    "wages",
    "housing",
    "rents",
    "debt",
];
const PROPER: &[&str] = &[
    "London",
    "Washington",
    "Beijing",
    "Paris",
    "Kyiv",
    "Brussels",
    "Tokyo",
    "Berlin",
    "Nairobi",
    "Lagos",
    "Delhi",
    "Canberra",
    "Ottawa",
    "Madrid",
    "Rome",
    "Smith",
    "Johnson",
    "Garcia",
    "Okafor",
    "Tanaka",
    "Novak",
    "Müller",
    "Dubois",
    "Reuters",
    "NATO",
    "the EU",
    "the UN",
    "Microsoft",
    "Tesla",
    "the BBC",
];
const VERBS: &[&str] = &[
    "said",
    "announced",
    "reported",
    "confirmed",
    "denied",
    "approved",
    "rejected",
    "launched",
    "reached",
    "expected",
    "warned",
    "raised",
    "cut",
    "signed",
    "opened",
    "closed",
    "called",
    "told",
    "showed",
    "found",
    "won",
    "lost",
    "agreed",
    "proposed",
    "criticised",
    "welcomed",
    "planned",
    "ordered",
    "blocked",
    "delayed",
];
const PREPOSITIONS: &[&str] = &[
    "in", "on", "at", "for", "with", "after", "before", "during", "over", "against", "from",
    "near", "under", "across",
];
const CONNECTORS: &[&str] = &[
    "and", "but", "while", "as", "after", "because", "although", "so",
];
const SPEAKERS: &[&str] = &[
    "he said",
    "she said",
    "officials said",
    "a spokesman said",
    "the report said",
    "they added",
    "she told reporters",
];
const TIMES: &[&str] = &[
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Thursday",
    "on Friday",
    "last week",
    "this month",
    "in March",
    "in 2024",
    "earlier this year",
    "overnight",
];

/// One generated word: the same in both texts, or a dictionary original and its spun key.
enum Word<'d> {
    Plain(&'static str),
    Owned(String),
    Spun { original: &'d str, key: &'d str },
}

/// Generates spun and genuine text of at least `size` bytes (genuine) from the same sentences.
fn generate(keys: &[(String, String)], size: usize, seed: u64) -> (String, String) {
    // The dictionary's inverse: each distinct original, with the keys that restore to it.
    let mut inverse: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (key, original) in keys {
        inverse
            .entry(original.as_str())
            .or_default()
            .push(key.as_str());
    }
    let originals: Vec<(&str, Vec<&str>)> = inverse.into_iter().collect();
    let mut rng = Rng(seed | 1);
    let (mut spun, mut genuine) = (
        String::with_capacity(size + size / 4),
        String::with_capacity(size + 4096),
    );
    let mut sentence: Vec<Word> = Vec::with_capacity(64);
    while genuine.len() < size {
        for s in 0..3 + rng.below(5) {
            sentence.clear();
            sentence_words(&mut rng, &originals, &mut sentence);
            if s > 0 {
                spun.push(' ');
                genuine.push(' ');
            }
            render(&sentence, &mut spun, &mut genuine);
        }
        spun.push_str("\n\n");
        genuine.push_str("\n\n");
    }
    (spun, genuine)
}

fn sentence_words<'d>(
    rng: &mut Rng,
    originals: &'d [(&'d str, Vec<&'d str>)],
    out: &mut Vec<Word<'d>>,
) {
    // A content word: a dictionary original (spun in the spun text) about a third of the time.
    let content = |rng: &mut Rng, list: &'static [&'static str]| -> Word<'d> {
        if !originals.is_empty() && rng.chance(35) {
            let (original, keys) = &originals[rng.below(originals.len())];
            Word::Spun {
                original,
                key: rng.pick(keys),
            }
        } else {
            Word::Plain(rng.pick(list))
        }
    };
    let noun_phrase = |rng: &mut Rng, out: &mut Vec<Word<'d>>| {
        if rng.chance(15) {
            out.push(Word::Plain(rng.pick(PROPER)));
            return;
        }
        out.push(Word::Plain(rng.pick(DETERMINERS)));
        if rng.chance(20) {
            out.push(Word::Owned(format!("{}", 2 + rng.below(998))));
        }
        if rng.chance(50) {
            out.push(content(rng, ADJECTIVES));
        }
        out.push(content(rng, NOUNS));
    };
    let quoted = rng.chance(15);
    if quoted {
        out.push(Word::Plain("“"));
    }
    for clause in 0..1 + rng.below(2) {
        if clause > 0 {
            out.push(Word::Plain(","));
            out.push(Word::Plain(rng.pick(CONNECTORS)));
        }
        noun_phrase(rng, out);
        out.push(content(rng, VERBS));
        noun_phrase(rng, out);
        for _ in 0..rng.below(3) {
            out.push(Word::Plain(rng.pick(PREPOSITIONS)));
            noun_phrase(rng, out);
        }
        if rng.chance(30) {
            out.push(Word::Plain(rng.pick(TIMES)));
        }
    }
    if quoted {
        out.push(Word::Plain(","));
        out.push(Word::Plain("”"));
        out.push(Word::Plain(rng.pick(SPEAKERS)));
    } else if rng.chance(10) {
        out.push(Word::Owned(format!(
            ", worth about £{}bn",
            1 + rng.below(99)
        )));
    }
    out.push(Word::Plain("."));
}

fn render(words: &[Word], spun: &mut String, genuine: &mut String) {
    let mut first = true;
    let mut previous_open = false;
    for (i, word) in words.iter().enumerate() {
        let (s, g) = match word {
            Word::Plain(w) => (*w, *w),
            Word::Owned(w) => (w.as_str(), w.as_str()),
            Word::Spun { original, key } => (*key, *original),
        };
        let glue = matches!(g, "," | "." | "”") || g.starts_with(',') || previous_open || first;
        // "a" before a vowel becomes "an" in the genuine text; the spinner keeps it as it is.
        let next_genuine = match words.get(i + 1) {
            Some(Word::Spun { original, .. }) => original,
            Some(Word::Plain(w)) => *w,
            Some(Word::Owned(w)) => w.as_str(),
            None => "",
        };
        let g = if g == "a" && next_genuine.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            g
        };
        let s = if s == "a" { g } else { s };
        for (text, w) in [(&mut *spun, s), (&mut *genuine, g)] {
            if !glue {
                text.push(' ');
            }
            if first && w != "“" {
                let mut chars = w.chars();
                if let Some(c) = chars.next() {
                    text.extend(c.to_uppercase());
                    text.push_str(chars.as_str());
                }
            } else {
                text.push_str(w);
            }
        }
        previous_open = g == "“";
        if g != "“" {
            first = false;
        }
    }
}

fn sizes() -> Vec<usize> {
    let mut sizes = vec![MB, 10 * MB];
    if std::env::var("UNSPIN_BENCH_LARGE").is_ok_and(|v| v == "1") {
        sizes.push(100 * MB);
    }
    sizes
}

fn label(size: usize) -> String {
    format!("{}MB", size / MB)
}

/// The inputs of one size: `spun_news` (only news keys spun: spinner output as the news
/// dictionaries see it), `spun` (keys of every dictionary spun, two thirds of them tortured
/// phrases, which wake clause checks and the phrase model), `genuine` (the originals of
/// `spun`), and at 1 MB the adversarial inputs.
fn inputs(setup: &Setup, size: usize) -> Vec<(&'static str, String)> {
    let (spun, genuine) = generate(&setup.keys, size, SEED);
    let mut inputs = Vec::with_capacity(5);
    if !setup.news_keys.is_empty() {
        inputs.push(("spun_news", generate(&setup.news_keys, size, SEED).0));
    }
    inputs.push(("spun", spun));
    inputs.push(("genuine", genuine));
    if size == MB {
        inputs.extend(adversarial_inputs(setup, size));
    }
    inputs
}

/// Inputs built to be slow (issue 17), from `dictionaries/` whatever the dictionary under test:
/// - `adversarial_terms`: the 400 thesaurus words with the most originals that begin a known
///   term (a two- or three-word original of `tortured`), in random order and without
///   punctuation, with one word in a hundred a known tortured phrase: the text reads as a paper
///   mill's, so the phrase model runs, and its term search has many options at every word;
/// - `adversarial_near_keys`: the 2,000 longest keys, each without its last char: the matcher
///   walks nearly to the end of a key at every word start and finds nothing.
fn adversarial_inputs(setup: &Setup, size: usize) -> Vec<(&'static str, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries");
    let read = |name: &str| {
        let path = dir.join(name);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        tsv::parse(&text).unwrap_or_else(|e| panic!("{}:{}: {}", path.display(), e.line, e.reason))
    };
    let tortured = read("tortured.tsv");
    let first_words: BTreeSet<String> = tortured
        .iter()
        .map(|l| tsv::normalize_key(&l.original))
        .filter(|term| (2..=3).contains(&term.split(' ').count()))
        .map(|term| term.split(' ').next().unwrap_or_default().to_string())
        .collect();
    let mut options: BTreeMap<String, usize> = BTreeMap::new();
    for line in read("inverse_synonyms.tsv") {
        let count = options.entry(line.key).or_default();
        *count += usize::from(first_words.contains(&tsv::normalize_key(&line.original)));
    }
    let mut words: Vec<(usize, String)> = options.into_iter().map(|(w, n)| (n, w)).collect();
    words.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let words: Vec<&str> = words.iter().take(400).map(|(_, w)| w.as_str()).collect();
    let phrases: Vec<&str> = tortured.iter().map(|l| l.key.as_str()).collect();
    let mut rng = Rng(SEED);
    let mut terms = String::with_capacity(size + 64);
    while terms.len() < size {
        terms.push_str(if rng.chance(1) {
            rng.pick(&phrases)
        } else {
            rng.pick(&words)
        });
        terms.push(' ');
    }

    let mut keys: Vec<&str> = setup.keys.iter().map(|(k, _)| k.as_str()).collect();
    keys.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    let cut: Vec<&str> = keys
        .iter()
        .take(2000)
        .map(|k| &k[..k.char_indices().last().map_or(0, |(i, _)| i)])
        .collect();
    let mut near_keys = String::with_capacity(size + 1024);
    for key in cut.iter().cycle() {
        if near_keys.len() >= size {
            break;
        }
        near_keys.push_str(key);
        near_keys.push(' ');
    }
    vec![
        ("adversarial_terms", terms),
        ("adversarial_near_keys", near_keys),
    ]
}

/// `UNSPIN_BENCH_WRITE_INPUTS=DIR`: the inputs as `DIR/{KIND}_NMB.txt` and the patterns
/// with each key's best original as `DIR/pairs.tsv`, for `benches/flashtext_bench.py`.
fn write_inputs(setup: &Setup, dir: &Path) {
    std::fs::create_dir_all(dir).expect("create the output directory");
    let mut pairs = format!(
        "# Generated by benches/throughput.rs (UNSPIN_BENCH_WRITE_INPUTS); dictionary: {}\n",
        setup.name
    );
    for (key, original) in patterns(&setup.keys) {
        pairs.push_str(&format!("{key}\t{original}\n"));
    }
    std::fs::write(dir.join("pairs.tsv"), pairs).expect("write pairs.tsv");
    for size in sizes() {
        for (kind, text) in inputs(setup, size) {
            std::fs::write(dir.join(format!("{kind}_{}.txt", label(size))), text)
                .expect("write input");
        }
    }
    eprintln!("wrote the inputs and pairs.tsv to {}", dir.display());
}

// ------------------------------------------------------------------------------------ baselines

/// `(?i)\b(?:…)\b` over every pattern, longest first so that the leftmost match is the longest.
/// With `unicode_boundaries` false, `\b` is ASCII-only (`(?-u:\b)`), which keeps regex on its
/// lazy DFA: Unicode `\b` makes it fall back to the PikeVM at the first non-ASCII byte.
fn build_regex(
    patterns: &[(String, String)],
    unicode_boundaries: bool,
) -> Result<regex::Regex, regex::Error> {
    let mut sorted: Vec<&str> = patterns.iter().map(|(k, _)| k.as_str()).collect();
    sorted.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    let alternation: Vec<String> = sorted.iter().map(|k| regex::escape(k)).collect();
    let boundary = if unicode_boundaries {
        r"\b"
    } else {
        r"(?-u:\b)"
    };
    regex::RegexBuilder::new(&format!(
        "{boundary}(?:{}){boundary}",
        alternation.join("|")
    ))
    .case_insensitive(true)
    .size_limit(1 << 30)
    .dfa_size_limit(1 << 30)
    .build()
}

fn naive_replace(text: &str, keys: &[(String, String)]) -> String {
    let mut out = text.to_string();
    for (key, original) in keys {
        if out.contains(key.as_str()) {
            out = out.replace(key.as_str(), original);
        }
    }
    out
}

fn main() {
    let setup = setup();
    if let Ok(dir) = std::env::var("UNSPIN_BENCH_WRITE_INPUTS") {
        write_inputs(&setup, Path::new(&dir));
        return;
    }
    let patterns = patterns(&setup.keys);
    eprintln!(
        "dictionary: {} ({} keys, {} patterns)",
        setup.name,
        setup.keys.len(),
        patterns.len()
    );

    let started = Instant::now();
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(patterns.iter().map(|(k, _)| k))
        .expect("aho-corasick builds");
    eprintln!(
        "aho-corasick build: {:.1} ms ({:?})",
        started.elapsed().as_secs_f64() * 1e3,
        automaton.kind()
    );
    let regex_build = |unicode: bool| {
        let started = Instant::now();
        let regex = build_regex(&patterns, unicode);
        match &regex {
            Ok(_) => eprintln!(
                "regex build (unicode \\b: {unicode}): {:.1} ms",
                started.elapsed().as_secs_f64() * 1e3
            ),
            Err(e) => eprintln!(
                "regex build (unicode \\b: {unicode}) failed after {:.1} s: {e}",
                started.elapsed().as_secs_f64()
            ),
        }
        regex.ok()
    };
    let (regex, regex_unicode) = (regex_build(false), regex_build(true));
    let by_key: HashMap<String, &str> = patterns
        .iter()
        .map(|(k, o)| (tsv::normalize_key(k), o.as_str()))
        .collect();
    let regex_replace = |regex: &regex::Regex, text: &str| {
        let out = regex.replace_all(text, |c: &regex::Captures| {
            let found = &c[0];
            by_key
                .get(&tsv::normalize_key(found))
                .map_or_else(|| found.to_string(), |o| o.to_string())
        });
        out.len()
    };

    let mut criterion = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    for size in sizes() {
        for (kind, text) in &inputs(&setup, size) {
            let mut group = criterion.benchmark_group(format!("{kind}_{}", label(size)));
            group
                .sampling_mode(SamplingMode::Flat)
                .throughput(Throughput::Bytes(text.len() as u64));
            let id = |name: &str| BenchmarkId::new(name, text.len());
            group.bench_function(id("unspin_dict_only"), |b| {
                b.iter(|| black_box(setup.dict_only.restore(black_box(text)).len()))
            });
            group.bench_function(id("unspin_context"), |b| {
                b.iter(|| black_box(setup.context.restore(black_box(text)).len()))
            });
            group.bench_function(id("aho_corasick_find_iter"), |b| {
                b.iter(|| black_box(automaton.find_iter(black_box(text.as_str())).count()))
            });
            if let Some(regex) = &regex {
                group.bench_function(id("regex_alternation"), |b| {
                    b.iter(|| black_box(regex_replace(regex, black_box(text))))
                });
            }
            if size == MB {
                // Too slow for criterion on large dictionaries: these are timed once when a pass
                // takes over half a second.
                // Unicode `\b` can take minutes a megabyte: it runs on the first 100 kB only.
                let mut head = 100_000;
                while !text.is_char_boundary(head) {
                    head += 1;
                }
                let head = &text[..head];
                let mut slow: Vec<SlowRun<'_>> = vec![(
                    "naive_replace",
                    text,
                    Box::new(|| naive_replace(text, &setup.keys).len()),
                )];
                if let Some(regex) = &regex_unicode {
                    slow.push((
                        "regex_alternation_unicode_b",
                        head,
                        Box::new(move || regex_replace(regex, head)),
                    ));
                }
                for (name, input, run) in &slow {
                    let started = Instant::now();
                    black_box(run());
                    let elapsed = started.elapsed();
                    if elapsed < Duration::from_millis(500) && input.len() == text.len() {
                        group.bench_function(id(name), |b| b.iter(|| black_box(run())));
                    } else {
                        eprintln!(
                            "{kind}_{}/{name}: one pass over {} bytes {:.2} s = {:.3} MiB/s (timed once)",
                            label(size),
                            input.len(),
                            elapsed.as_secs_f64(),
                            input.len() as f64 / elapsed.as_secs_f64() / (1 << 20) as f64
                        );
                    }
                }
            }
            let mut copy = vec![0u8; text.len()];
            group.bench_function(id("memcpy"), |b| {
                b.iter(|| {
                    copy.copy_from_slice(black_box(text.as_bytes()));
                    black_box(copy.last().copied())
                })
            });
            group.finish();
        }
    }
    criterion.final_summary();
}
