//! What passes from the decoder to the renderer: a [`Replacement`] for each span that the
//! decoder (or the phrase model) restores, and the public [`Edit`] record that rendering makes
//! of one, with the case, apostrophes and article of the output.

use std::{borrow::Cow, ops::Range};

use serde::Serialize;

/// A span of the input and the original that the decoder chose to write in its place, before
/// rendering: offsets into the text decided, the original as its dictionary spells it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Replacement<'d> {
    pub start: usize,
    pub end: usize,
    pub original: Cow<'d, str>,
    /// The name of the dictionary (or model) it comes from.
    pub source: &'d str,
    pub confidence: f32,
}

/// One restored phrase.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Edit {
    /// Byte span of the replaced text in the input.
    pub input: Range<usize>,
    /// Byte span of the replacement in the output.
    pub output: Range<usize>,
    /// The text that was replaced (including a corrected article, if any).
    pub spun: String,
    /// The text written in its place.
    pub original: String,
    /// The dictionary the entry came from (`news`, `tortured`, or a user dictionary's name).
    pub dictionary: String,
    /// How sure the decoder is, in (0, 1]; the prior alone when the context model is off.
    pub confidence: f32,
}
