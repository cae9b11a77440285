//! Screening: which tortured phrases (fingerprints) a document contains, without rewriting it.

use std::{collections::BTreeMap, ops::Range};

use serde::Serialize;

use crate::{
    dictionary::{tsv::normalize_key, Dictionary, Document},
    edit::Replacement,
    matcher::Span,
    text::word_count,
};

/// What [`Restorer::screen`](crate::Restorer::screen) found in a document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// Words in the document.
    pub words: usize,
    /// Every fingerprint found, in document order.
    pub findings: Vec<Finding>,
    /// Occurrences per fingerprint (normalised phrase and expected phrase), most frequent first.
    pub phrases: Vec<PhraseCount>,
}

/// One occurrence of a tortured phrase.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// Byte span in the document.
    pub span: Range<usize>,
    /// The phrase as written.
    pub phrase: String,
    /// The phrase that was expected there (the best candidate).
    pub expected: String,
    /// What found it: the dictionary's name (`tortured`, or a user dictionary), or `model` for
    /// the phrase model.
    pub found_by: String,
    /// The entry's prior, in (0, 1].
    pub confidence: f32,
}

/// How often one fingerprint occurs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PhraseCount {
    /// The normalised tortured phrase.
    pub phrase: String,
    /// The expected phrase.
    pub expected: String,
    /// Occurrences in the document.
    pub count: usize,
}

impl Report {
    /// Collects the findings: fingerprints among the matcher's `spans` from every dictionary but
    /// the context-only `news` ones, whose document clauses hold, and the phrase model's `unseen` restorations.
    pub(crate) fn new(
        dictionary: &Dictionary,
        document: &Document<'_, '_>,
        spans: &[Span],
        unseen: &[Replacement<'_>],
    ) -> Report {
        let text = document.text();
        let mut findings: Vec<Finding> = spans
            .iter()
            .filter_map(|span| {
                let best = dictionary.fingerprint(document, span.entry)?;
                Some(Finding {
                    span: span.start..span.end,
                    phrase: text[span.start..span.end].to_string(),
                    expected: best.original.to_string(),
                    found_by: dictionary.source_name(best.source).to_string(),
                    confidence: best.weight,
                })
            })
            .collect();
        findings.extend(unseen.iter().map(|c| Finding {
            span: c.start..c.end,
            phrase: text[c.start..c.end].to_string(),
            expected: c.original.to_string(),
            found_by: c.source.to_string(),
            confidence: c.confidence,
        }));
        findings.sort_by_key(|f| f.span.start);
        let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
        for finding in &findings {
            *counts
                .entry((normalize_key(&finding.phrase), finding.expected.clone()))
                .or_default() += 1;
        }
        let mut phrases: Vec<PhraseCount> = counts
            .into_iter()
            .map(|((phrase, expected), count)| PhraseCount {
                phrase,
                expected,
                count,
            })
            .collect();
        phrases.sort_by_key(|p| std::cmp::Reverse(p.count));
        Report {
            words: word_count(text),
            findings,
            phrases,
        }
    }
}
