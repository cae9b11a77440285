"""Restore spun text (synonym-spinner output and tortured phrases) to plausible original wording.

    >>> import unspin
    >>> unspin.restore("Chinese language officers mentioned the navy help would arrive a yr in the past.")
    'Chinese officials said the military aid would arrive a year ago.'

The functions use the default restorer (embedded dictionaries and language model, built once, on
import); ``Restorer`` takes your own dictionaries and options. Every call releases the GIL while
it works, and ``restore_many`` restores a list of texts on all cores.
"""

import functools

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


@functools.lru_cache(maxsize=None)
def shared_restorer(dictionaries=(), **options):
    """One ``Restorer`` per process for these arguments, built on the first call.

    For workers that run a pickled function per task (Spark's ``mapInPandas`` and pandas UDFs,
    Dask, Ray): calling this in the function builds the restorer once per worker process, not
    once per task. ``dictionaries`` is a tuple of TSV file paths readable on the worker;
    ``options`` are ``Restorer``'s keyword arguments. Without arguments it is the default
    restorer.
    """
    if not dictionaries and not options:
        return _DEFAULT
    return Restorer(dictionaries, **options)


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
    "shared_restorer",
    "spin_score",
]
