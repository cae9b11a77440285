"""Type stubs of the Rust extension ``unspin._unspin`` (kept by hand beside python/src/lib.rs)."""

import os
from typing import Iterable, List, Optional, Tuple, Union

class UnspinError(ValueError):
    """A dictionary could not be used: its text is not UTF-8 or a line is malformed.

    The message names the dictionary, the line and what to fix.
    """

class Edit:
    """One restored phrase. Spans are ``(start, end)`` ``str`` indices: ``text[start:end]``."""

    input: Tuple[int, int]
    """Span of the replaced text in the input."""
    output: Tuple[int, int]
    """Span of the replacement in the restored text."""
    spun: str
    """The text that was replaced (including a corrected article, if any)."""
    original: str
    """The text written in its place."""
    dictionary: str
    """The dictionary the entry came from (``news``, ``tortured``, or a user dictionary's name)."""
    confidence: float
    """How sure the decoder is, in (0, 1]; the prior alone when the context model is off."""

class Restoration:
    """Restored text and the edits that produced it, in input order, never overlapping."""

    text: str
    edits: List[Edit]

class Finding:
    """One occurrence of a tortured phrase."""

    span: Tuple[int, int]
    """``(start, end)`` ``str`` indices in the document."""
    phrase: str
    """The phrase as written."""
    expected: str
    """The phrase that was expected there."""
    found_by: str
    """What found it: a dictionary's name (``tortured``, or a user dictionary), or ``model``."""
    confidence: float
    """The entry's prior, in (0, 1]."""

class PhraseCount:
    """How often one tortured phrase occurs."""

    phrase: str
    """The normalised tortured phrase."""
    expected: str
    count: int

class Report:
    """What ``screen`` found in a document: the tortured phrases, without rewriting anything."""

    words: int
    findings: List[Finding]
    """Every tortured phrase found, in document order."""
    phrases: List[PhraseCount]
    """Occurrences per phrase, most frequent first."""

class Dictionary:
    """A dictionary of spun phrases and their originals, from TSV.

    One ``spun<TAB>original[<TAB>weight[<TAB>clauses]]`` entry a line; ``#`` comment lines and
    blank lines are ignored (see the repository's README, Dictionaries).
    """

    @staticmethod
    def from_tsv(text: str, name: str = "custom") -> Dictionary:
        """Parses TSV text; ``name`` is recorded as the dictionary of every edit it makes.

        Raises ``UnspinError`` naming the line and what to fix when a line is malformed.
        """
    @staticmethod
    def from_file(path: Union[str, os.PathLike[str]]) -> Dictionary:
        """Reads a TSV file; its name is the file stem (``slang.tsv`` -> ``slang``).

        Raises ``OSError`` when the file cannot be read, ``UnspinError`` when it is malformed.
        """
    @property
    def sources(self) -> List[str]:
        """The names of the dictionaries merged into this one."""
    def __len__(self) -> int:
        """The number of spun phrases."""

class Restorer:
    """Restores spun text with chosen dictionaries and options. Immutable; share one across threads.

    ``dictionaries`` are ``Dictionary`` values or paths of TSV files; their candidates join those
    of the embedded defaults unless ``default_dictionaries`` is false. ``context_model=False``
    restores with the dictionaries alone (fastest, but as eager on genuine text as on spun);
    ``phrase_model=False`` leaves tortured phrases that no dictionary lists alone;
    ``min_confidence`` in (0, 1] is the confidence an edit needs.
    """

    def __init__(
        self,
        dictionaries: Optional[Iterable[Union[Dictionary, str, os.PathLike[str]]]] = None,
        *,
        default_dictionaries: bool = True,
        context_model: bool = True,
        phrase_model: bool = True,
        min_confidence: float = 0.5,
    ) -> None: ...
    @staticmethod
    def default() -> Restorer:
        """The default restorer (embedded dictionaries, default options), shared: built once, on first use."""
    def restore(self, text: str) -> str:
        """Restores ``text``."""
    def restore_with_edits(self, text: str) -> Restoration:
        """Restores ``text`` and reports every edit."""
    def spin_score(self, text: str) -> float:
        """How strongly ``text`` shows signs of spinning, from 0 (genuine prose) to 1."""
    def screen(self, text: str) -> Report:
        """Reports the tortured phrases in ``text``, without rewriting anything."""
    def restore_many(
        self, texts: Iterable[Optional[str]], threads: Optional[int] = None
    ) -> List[Optional[str]]:
        """Restores each text on ``threads`` threads (default: one per core), without the GIL.

        ``None`` items come back as ``None``.
        """
