//! The compiled dictionary: an `fst::Map` from normalised spun phrase to the byte offset of its
//! entry in a candidate table.
//!
//! Like `tsv.rs`, this file is shared with `build.rs`, so the embedded defaults and run-time
//! dictionaries have one representation, read by one reader, with no parsing at start-up. The
//! table repeats each key before its candidates: listing the keys (to build the matcher) is then
//! a walk through the table, a tenth of the cost of streaming them from the fst.
//!
//! Table layout (all integers little-endian); every string is a slice of a separate string
//! pool, which is UTF-8 checked once when the dictionary is loaded (at compile time for the
//! embedded ones), not at every read:
//!
//! ```text
//! table   := u16 source_count, source*, entry*      (entries in key order)
//! source  := str name, u8 kind                       (see `Kind::to_byte`)
//! entry   := str key, candidates
//! candidates := u8 candidate_count, candidate*       (fst value = offset of candidates)
//! candidate := f32 weight, u16 source, str original, u8 clause_count, clause*
//! clause  := u8 kind (0 requires, 1 excludes), str normalised phrase
//! str     := u32 offset, u16 len                     (a slice of the pool; equal strings shared)
//! ```

use std::collections::{BTreeMap, HashMap};

use super::{
    kind::Kind,
    tsv::{Clause, Line, LineError},
};

/// Candidate originals per spun phrase (the table stores their count in a byte). A source line
/// past it is an error; merged dictionaries keep the best, dropping the lowest weights.
pub const MAX_CANDIDATES: usize = 255;

#[derive(Clone, Debug, PartialEq)]
struct OwnedCandidate {
    original: String,
    weight: f32,
    source: u16,
    clauses: Vec<Clause>,
}

/// Collects dictionary lines from named sources and compiles them.
#[derive(Default)]
pub struct TableBuilder {
    sources: Vec<(String, Kind)>,
    entries: BTreeMap<String, Vec<OwnedCandidate>>,
}

impl TableBuilder {
    /// Registers a source (a dictionary's name and kind) and returns its id.
    pub fn add_source(&mut self, name: &str, kind: Kind) -> u16 {
        match self
            .sources
            .iter()
            .position(|(n, k)| n == name && *k == kind)
        {
            Some(id) => id as u16,
            None => {
                self.sources.push((name.to_string(), kind));
                (self.sources.len() - 1) as u16
            }
        }
    }

    /// Adds one candidate; a repeated (key, original, clauses) keeps the higher weight. Returns
    /// how many candidates the key now has.
    ///
    /// The search for a repeat is linear, but in at most `MAX_CANDIDATES` candidates for a
    /// source line (`add_line` refuses more), so loading stays linear in the source.
    pub fn add(
        &mut self,
        source: u16,
        key: &str,
        original: &str,
        weight: f32,
        clauses: Vec<Clause>,
    ) -> usize {
        let candidates = self.entries.entry(key.to_string()).or_default();
        match candidates
            .iter_mut()
            .find(|c| c.original == original && c.clauses == clauses)
        {
            Some(existing) => existing.weight = existing.weight.max(weight),
            None => candidates.push(OwnedCandidate {
                original: original.to_string(),
                weight,
                source,
                clauses,
            }),
        }
        candidates.len()
    }

    /// Adds a parsed source line; an error when its key would have more than `MAX_CANDIDATES`
    /// candidates.
    pub fn add_line(&mut self, source: u16, line: Line) -> Result<(), LineError> {
        let count = self.add(source, &line.key, &line.original, line.weight, line.clauses);
        if count > MAX_CANDIDATES {
            return Err(LineError {
                line: line.number,
                reason: format!(
                    "{:?} has more than {MAX_CANDIDATES} candidate originals; keep the likeliest",
                    line.key
                ),
            });
        }
        Ok(())
    }

    /// Compiles into `(fst bytes, table bytes, string pool)`.
    pub fn finish(self) -> (Vec<u8>, Vec<u8>, String) {
        let mut out = Output::default();
        out.u16(self.sources.len() as u16);
        for (name, kind) in &self.sources {
            out.str(name);
            out.table.push(kind.to_byte());
        }
        let mut map = fst::MapBuilder::memory();
        for (key, mut candidates) in self.entries {
            candidates.sort_by(|a, b| b.weight.total_cmp(&a.weight));
            candidates.truncate(MAX_CANDIDATES);
            out.str(&key);
            map.insert(&key, out.table.len() as u64)
                .expect("BTreeMap keys are sorted and unique");
            out.table.push(candidates.len() as u8);
            for c in candidates {
                out.table.extend_from_slice(&c.weight.to_le_bytes());
                out.u16(c.source);
                out.str(&c.original);
                out.table.push(c.clauses.len() as u8);
                for clause in &c.clauses {
                    let (kind, phrase) = match clause {
                        Clause::Requires(p) => (0, p),
                        Clause::Excludes(p) => (1, p),
                    };
                    out.table.push(kind);
                    out.str(phrase);
                }
            }
        }
        let map = map.into_inner().expect("in-memory fst cannot fail");
        (map, out.table, out.pool)
    }
}

/// A table being written, with its string pool.
#[derive(Default)]
struct Output {
    table: Vec<u8>,
    pool: String,
    /// Where each string already pooled starts.
    pooled: HashMap<String, u32>,
}

impl Output {
    fn u16(&mut self, n: u16) {
        self.table.extend_from_slice(&n.to_le_bytes());
    }

    fn str(&mut self, s: &str) {
        let mut end = s.len().min(u16::MAX as usize);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        let s = &s[..end];
        let offset = match self.pooled.get(s) {
            Some(&offset) => offset,
            None => {
                let offset = u32::try_from(self.pool.len()).expect("string pool under 4 GiB");
                self.pool.push_str(s);
                self.pooled.insert(s.to_string(), offset);
                offset
            }
        };
        self.table.extend_from_slice(&offset.to_le_bytes());
        self.u16(s.len() as u16);
    }
}

/// A zero-copy reader over a table and string pool written by [`TableBuilder::finish`].
#[derive(Clone, Copy)]
pub struct Table<'a> {
    bytes: &'a [u8],
    pool: &'a str,
}

/// A candidate original read from a [`Table`].
#[derive(Clone, Copy, Debug)]
pub struct RawCandidate<'a> {
    /// The original phrase.
    pub original: &'a str,
    /// The prior in (0, 1].
    pub weight: f32,
    /// Index of the source dictionary.
    pub source: u16,
    clauses: &'a [u8],
    clause_count: u8,
    pool: &'a str,
}

impl<'a> Table<'a> {
    /// Wraps a table and its pool; they must come from one [`TableBuilder::finish`].
    pub fn new(bytes: &'a [u8], pool: &'a str) -> Table<'a> {
        Table { bytes, pool }
    }

    /// The sources' names and kinds, in id order.
    pub fn sources(&self) -> Vec<(&'a str, Kind)> {
        let mut at = 0;
        let count = self.u16(&mut at);
        (0..count)
            .map(|_| {
                let name = self.str(&mut at);
                at += 1;
                (name, Kind::from_byte(self.bytes[at - 1]))
            })
            .collect()
    }

    /// Every key with the offset of its candidates, in key order.
    pub fn entries(&self) -> impl Iterator<Item = (&'a str, u64)> + 'a {
        let this = *self;
        let mut at = 0;
        let sources = this.u16(&mut at);
        for _ in 0..sources {
            this.str(&mut at);
            at += 1;
        }
        std::iter::from_fn(move || {
            if at == this.bytes.len() {
                return None;
            }
            let key = this.str(&mut at);
            let offset = at as u64;
            let count = this.bytes[at];
            at += 1;
            for _ in 0..count {
                this.candidate(&mut at);
            }
            Some((key, offset))
        })
    }

    /// The candidates of the entry at `offset` (an fst value).
    pub fn candidates(&self, offset: u64) -> impl Iterator<Item = RawCandidate<'a>> + 'a {
        let this = *self;
        let mut at = offset as usize;
        let count = this.bytes[at];
        at += 1;
        (0..count).map(move |_| this.candidate(&mut at))
    }

    fn candidate(&self, at: &mut usize) -> RawCandidate<'a> {
        let weight = f32::from_le_bytes(self.bytes[*at..*at + 4].try_into().unwrap());
        *at += 4;
        let source = self.u16(at);
        let original = self.str(at);
        let clause_count = self.bytes[*at];
        *at += 1;
        let start = *at;
        *at += usize::from(clause_count) * (1 + 4 + 2);
        RawCandidate {
            original,
            weight,
            source,
            clauses: &self.bytes[start..*at],
            clause_count,
            pool: self.pool,
        }
    }

    fn u16(&self, at: &mut usize) -> u16 {
        let n = u16::from_le_bytes([self.bytes[*at], self.bytes[*at + 1]]);
        *at += 2;
        n
    }

    fn str(&self, at: &mut usize) -> &'a str {
        let offset = u32::from_le_bytes(self.bytes[*at..*at + 4].try_into().expect("4 bytes"));
        *at += 4;
        let start = offset as usize;
        let len = usize::from(self.u16(at));
        &self.pool[start..start + len]
    }
}

impl<'a> RawCandidate<'a> {
    /// The document conditions, as `(requires, normalised phrase)` pairs.
    pub fn clauses(&self) -> impl Iterator<Item = (bool, &'a str)> + 'a {
        let table = Table::new(self.clauses, self.pool);
        let mut at = 0;
        (0..self.clause_count).map(move |_| {
            let requires = table.bytes[at] == 0;
            at += 1;
            (requires, table.str(&mut at))
        })
    }

    /// The document conditions as owned clauses.
    pub fn to_clauses(self) -> Vec<Clause> {
        self.clauses()
            .map(|(requires, p)| {
                if requires {
                    Clause::Requires(p.to_string())
                } else {
                    Clause::Excludes(p.to_string())
                }
            })
            .collect()
    }
}
