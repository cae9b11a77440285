/*!
Restores "spun" text — the output of synonym spinners that content farms run over copied news
("Chinese language officers mentioned the navy help") and the "tortured phrases" of paper mills
("counterfeit consciousness") — to plausible original wording.

```
let spun = "Chinese language officers mentioned the navy help would arrive a yr in the past.";
assert_eq!(
    unspin::restore(spun),
    "Chinese officials said the military aid would arrive a year ago.",
);
// Genuine text comes back unchanged, and borrowed.
let genuine = "The U.S. Navy said the chief executive had mentioned it.";
assert!(matches!(unspin::restore(genuine), std::borrow::Cow::Borrowed(_)));
```

# How it works

Data flows one way, one module a step:

1. **dictionary** — spun phrase → candidate originals with priors, provenance and document
   clauses, compiled from TSV into an `fst` map (the defaults at build time, embedded).
2. **matcher** — one left-to-right pass walks an Aho-Corasick automaton of the keys from each
   word start whose first two ASCII runs could begin a key, keeping the longest key that ends at
   a word end; there is one automaton per first byte, built when a text first needs it.
3. **decoder** — per chain of neighbouring matches, Viterbi over {keep, candidates} scored with a
   word bigram language model and the priors; a document-level [`Restorer::spin_score`] sets how
   eager it is, so genuine text stays untouched. Its phrase model restores tortured phrases that
   no dictionary lists, in papers whose known ones show a paper mill, from the word
   substitutions the known ones teach and an inverted thesaurus.
4. **renderer** — case transfer ("However" → "But"), a/an agreement ("an announcement" → "a
   statement"), and every byte outside an edit copied as it is.

The decoder hands the renderer one replacement per restored span, and the renderer makes an
[`Edit`] of each; both types live upstream of the two, in **edit**. Every step reads text by
the same rules (word characters, spaces, apostrophes), kept in **text**.

Beside the pipeline, **screen** reports the tortured phrases of a paper without rewriting it
([`Restorer::screen`]), and **stream** cuts text into chunks and runs the loop that restores
them one at a time, so that [`Restorer::restore_stream`] runs in bounded memory with the same
output as [`Restorer::restore`].

Use [`restore`] for the defaults, or [`RestorerBuilder`] for your own dictionaries and options.
*/

#![deny(missing_docs)]

mod decoder;
mod dictionary;
mod edit;
mod error;
mod hash;
mod matcher;
mod render;
mod restorer;
mod screen;
mod stream;
#[cfg(test)]
mod testing;
mod text;

use std::borrow::Cow;

pub use dictionary::{Candidate, Clause, Dictionary, Kind};
pub use edit::Edit;
pub use error::Error;
pub use restorer::{Restoration, Restorer, RestorerBuilder};
pub use screen::{Finding, PhraseCount, Report};

/// Restores `text` with the default dictionaries and the context model.
///
/// The default [`Restorer`] is built on first use and shared. Returns the input borrowed when
/// nothing changes.
pub fn restore(text: &str) -> Cow<'_, str> {
    restorer::DEFAULT.restore(text)
}

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
