//! The compiled dictionary: an `fst::Map` from normalised spun phrase to the byte offset of its
//! entry in a candidate table.
//!
//! Like `tsv.rs`, this file is shared with `build.rs`, so the embedded defaults and run-time
//! dictionaries have one representation, read by one reader, with no parsing at start-up. The
//! table repeats each key before its candidates: listing the keys (to build the matcher) is then
//! a walk through the table, a tenth of the cost of streaming them from the fst.
//!
//! Table layout (all integers little-endian):
//!
//! ```text
//! table   := u16 source_count, source*, entry*       (entries in key order)
//! source  := u16 len, utf8 name
//! entry   := u16 len, utf8 key, candidates
//! candidates := u8 candidate_count, candidate*       (fst value = offset of candidates)
//! candidate := f32 weight, u16 source, u16 len, utf8 original, u8 clause_count, clause*
//! clause  := u8 kind (0 requires, 1 excludes), u16 len, utf8 normalised phrase
//! ```

use std::collections::BTreeMap;

use super::tsv::{Clause, Line};

/// Candidate originals per spun phrase; more are dropped, lowest weight first.
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
    sources: Vec<String>,
    entries: BTreeMap<String, Vec<OwnedCandidate>>,
}

impl TableBuilder {
    /// Registers a source (a dictionary name) and returns its id.
    pub fn add_source(&mut self, name: &str) -> u16 {
        match self.sources.iter().position(|s| s == name) {
            Some(id) => id as u16,
            None => {
                self.sources.push(name.to_string());
                (self.sources.len() - 1) as u16
            }
        }
    }

    /// Adds one candidate; a repeated (key, original, clauses) keeps the higher weight.
    pub fn add(
        &mut self,
        source: u16,
        key: &str,
        original: &str,
        weight: f32,
        clauses: Vec<Clause>,
    ) {
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
    }

    /// Adds a parsed source line.
    pub fn add_line(&mut self, source: u16, line: Line) {
        self.add(source, &line.key, &line.original, line.weight, line.clauses);
    }

    /// Compiles into `(fst bytes, table bytes)`.
    pub fn finish(self) -> (Vec<u8>, Vec<u8>) {
        let mut table = Vec::new();
        put_u16(&mut table, self.sources.len() as u16);
        for name in &self.sources {
            put_str(&mut table, name);
        }
        let mut map = fst::MapBuilder::memory();
        for (key, mut candidates) in self.entries {
            candidates.sort_by(|a, b| b.weight.total_cmp(&a.weight));
            candidates.truncate(MAX_CANDIDATES);
            put_str(&mut table, &key);
            map.insert(&key, table.len() as u64)
                .expect("BTreeMap keys are sorted and unique");
            table.push(candidates.len() as u8);
            for c in candidates {
                table.extend_from_slice(&c.weight.to_le_bytes());
                put_u16(&mut table, c.source);
                put_str(&mut table, &c.original);
                table.push(c.clauses.len() as u8);
                for clause in &c.clauses {
                    let (kind, phrase) = match clause {
                        Clause::Requires(p) => (0, p),
                        Clause::Excludes(p) => (1, p),
                    };
                    table.push(kind);
                    put_str(&mut table, phrase);
                }
            }
        }
        (map.into_inner().expect("in-memory fst cannot fail"), table)
    }
}

fn put_u16(out: &mut Vec<u8>, n: u16) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    let bytes = &s.as_bytes()[..s.len().min(u16::MAX as usize)];
    put_u16(out, bytes.len() as u16);
    out.extend_from_slice(bytes);
}

/// A zero-copy reader over a table written by [`TableBuilder::finish`].
#[derive(Clone, Copy)]
pub struct Table<'a> {
    bytes: &'a [u8],
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
}

impl<'a> Table<'a> {
    /// Wraps table bytes; they must come from [`TableBuilder::finish`].
    pub fn new(bytes: &'a [u8]) -> Table<'a> {
        Table { bytes }
    }

    /// The source names, in id order.
    pub fn sources(&self) -> Vec<&'a str> {
        let mut at = 0;
        let count = self.u16(&mut at);
        (0..count).map(|_| self.str(&mut at)).collect()
    }

    /// Every key with the offset of its candidates, in key order.
    pub fn entries(&self) -> impl Iterator<Item = (&'a str, u64)> + 'a {
        let this = *self;
        let mut at = 0;
        let sources = this.u16(&mut at);
        for _ in 0..sources {
            this.str(&mut at);
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
        for _ in 0..clause_count {
            *at += 1;
            self.str(at);
        }
        RawCandidate {
            original,
            weight,
            source,
            clauses: &self.bytes[start..*at],
            clause_count,
        }
    }

    fn u16(&self, at: &mut usize) -> u16 {
        let n = u16::from_le_bytes([self.bytes[*at], self.bytes[*at + 1]]);
        *at += 2;
        n
    }

    fn str(&self, at: &mut usize) -> &'a str {
        let len = self.u16(at) as usize;
        let s = std::str::from_utf8(&self.bytes[*at..*at + len]).expect("table strings are UTF-8");
        *at += len;
        s
    }
}

impl<'a> RawCandidate<'a> {
    /// The document conditions, as `(requires, normalised phrase)` pairs.
    pub fn clauses(&self) -> impl Iterator<Item = (bool, &'a str)> + 'a {
        let table = Table {
            bytes: self.clauses,
        };
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
