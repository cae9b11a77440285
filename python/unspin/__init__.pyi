from ._unspin import Dictionary as Dictionary
from ._unspin import Edit as Edit
from ._unspin import Finding as Finding
from ._unspin import PhraseCount as PhraseCount
from ._unspin import Report as Report
from ._unspin import Restoration as Restoration
from ._unspin import Restorer as Restorer
from ._unspin import UnspinError as UnspinError
from typing import Iterable, List, Optional

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
