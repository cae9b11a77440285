//! What a dictionary's entries are, which decides how restoration uses them.
//!
//! This file is shared verbatim with `build.rs` (through `#[path]`), which records the kind of
//! each embedded dictionary in its compiled table. It therefore depends on nothing but `std`.

/// What a dictionary's entries are: how restoration judges them, and whether they are evidence
/// that a document is spun.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Phrases a spinner writes that genuine text uses too ("mentioned", "navy help"), reviewed
    /// by hand: restored where the context favours the original, and evidence that a document is
    /// spun where it does so clearly.
    Context,
    /// Substitutions learned from a spinner's spun/original pairs: restored in context like
    /// [`Kind::Context`] entries, but no evidence that a document is spun, since many are swaps of
    /// ordinary words seen a few times.
    Learned,
    /// An inverted thesaurus: a word → the words it may stand for, such as the embedded one the
    /// phrase model draws on. A third of ordinary words are keys, so, like [`Kind::Learned`]
    /// entries, they restore only in context and are no evidence that a document is spun.
    Thesaurus,
    /// Fingerprints: phrases that are evidence of spinning wherever they occur, such as the
    /// tortured phrases of paper mills. Screening reports them, and the phrase model learns the
    /// word substitutions of unlisted ones from them.
    Fingerprint,
}

impl Kind {
    /// The kind of a dictionary named `name`, for loaders given no kind: `news_learned` and
    /// `news_learned_*` are [`Kind::Learned`], `news` and other `news_*` names [`Kind::Context`],
    /// and every other name [`Kind::Fingerprint`].
    pub fn of_name(name: &str) -> Kind {
        if name == "news_learned" || name.starts_with("news_learned_") {
            Kind::Learned
        } else if name == "news" || name.starts_with("news_") {
            Kind::Context
        } else {
            Kind::Fingerprint
        }
    }

    /// Whether only the context can tell if an entry was spun (every kind but fingerprints).
    pub fn is_context_only(self) -> bool {
        self != Kind::Fingerprint
    }

    /// Whether an entry that the context favours is evidence that its document is spun.
    pub fn is_spin_evidence(self) -> bool {
        !matches!(self, Kind::Learned | Kind::Thesaurus)
    }

    /// The byte that stands for the kind in a compiled table.
    pub(crate) fn to_byte(self) -> u8 {
        match self {
            Kind::Context => 0,
            Kind::Learned => 1,
            Kind::Fingerprint => 2,
            Kind::Thesaurus => 3,
        }
    }

    /// The kind a compiled table's byte stands for.
    pub(crate) fn from_byte(byte: u8) -> Kind {
        match byte {
            0 => Kind::Context,
            1 => Kind::Learned,
            2 => Kind::Fingerprint,
            3 => Kind::Thesaurus,
            other => {
                panic!("a compiled table names kind {other}: it was written by another version")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_implies_its_kind() {
        for (name, kind) in [
            ("news", Kind::Context),
            ("news_families", Kind::Context),
            ("news_learned", Kind::Learned),
            ("news_learned_wordswap", Kind::Learned),
            ("news_learnedish", Kind::Context),
            ("tortured", Kind::Fingerprint),
            ("custom", Kind::Fingerprint),
            ("newsletter", Kind::Fingerprint),
        ] {
            assert_eq!(Kind::of_name(name), kind, "{name}");
        }
    }

    #[test]
    fn every_kind_survives_its_byte() {
        for kind in [
            Kind::Context,
            Kind::Learned,
            Kind::Thesaurus,
            Kind::Fingerprint,
        ] {
            assert_eq!(Kind::from_byte(kind.to_byte()), kind);
        }
    }
}
