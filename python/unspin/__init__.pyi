from ._unspin import Dictionary as Dictionary
from ._unspin import Edit as Edit
from ._unspin import Finding as Finding
from ._unspin import PhraseCount as PhraseCount
from ._unspin import Report as Report
from ._unspin import Restoration as Restoration
from ._unspin import Restorer as Restorer
from ._unspin import UnspinError as UnspinError
from typing import Iterable, List, Optional, Tuple

def restore(text: str) -> str:
    """Restores ``text`` with the default restorer."""
def restore_with_edits(text: str) -> Restoration:
    """Restores ``text`` with the default restorer and reports every edit."""
def spin_score(text: str) -> float:
    """How strongly ``text`` shows signs of spinning, from 0 (genuine prose) to 1."""
def screen(text: str) -> Report:
    """Reports the tortured phrases in ``text`` with the default restorer."""
def restore_many(texts: Iterable[Optional[str]], threads: Optional[int] = None) -> List[Optional[str]]:
    """Restores each text on ``threads`` threads (default: one per core), without the GIL.

    ``None`` items come back as ``None``.
    """
def shared_restorer(dictionaries: Tuple[str, ...] = (), **options: object) -> Restorer:
    """One ``Restorer`` per process for these arguments, built on the first call.

    For workers that run a pickled function per task (Spark's ``mapInPandas`` and pandas UDFs,
    Dask, Ray): calling this in the function builds the restorer once per worker process, not
    once per task. ``dictionaries`` is a tuple of TSV file paths readable on the worker;
    ``options`` are ``Restorer``'s keyword arguments. Without arguments it is the default
    restorer.
    """
