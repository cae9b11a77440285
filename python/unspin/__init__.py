"""Restore spun text (synonym-spinner output and tortured phrases) to plausible original wording.

    >>> import unspin
    >>> unspin.restore("Chinese language officers mentioned the navy help would arrive a yr in the past.")
    'Chinese officials said the military aid would arrive a year ago.'

The functions use the default restorer (embedded dictionaries and language model, built once, on
import); ``Restorer`` takes your own dictionaries and options. Every call releases the GIL while
it works, and ``restore_many`` restores a list of texts on all cores.
"""

from ._unspin import (
    Dictionary,
    Edit,
    Finding,
    PhraseCount,
    Report,
    Restoration,
    Restorer,
    UnspinError,
)

_DEFAULT = Restorer.default()

restore = _DEFAULT.restore
restore_with_edits = _DEFAULT.restore_with_edits
spin_score = _DEFAULT.spin_score
screen = _DEFAULT.screen
restore_many = _DEFAULT.restore_many

__all__ = [
    "Dictionary",
    "Edit",
    "Finding",
    "PhraseCount",
    "Report",
    "Restoration",
    "Restorer",
    "UnspinError",
    "restore",
    "restore_many",
    "restore_with_edits",
    "screen",
    "spin_score",
]
