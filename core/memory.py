"""The garbage collector in a long interactive session: what lives for the whole session is set aside once.

Python's full collection walks every tracked object. The app holds many long-lived ones (the catalog's trials and
rules, the vocabularies, a screening's questionnaire), so a full collection that happens to fall between an answer and
the next question stalls that step by tens of milliseconds, and more as catalogs grow. ``settle()`` collects once,
at a moment the user is not waiting on an answer (a screening has just been opened), then freezes what is alive
(``gc.freeze``): those objects are no longer walked by later collections, which then only see what the screening
creates. The cost is that a cycle among the frozen objects that later becomes garbage is not freed; the frozen
objects are the session's own data, so that is bounded by one settle's worth, and a new screening settles again.
Measured in ``python -m benchmarks questionnaire`` (answer -> next question, settled vs not, same run).
"""

from __future__ import annotations

import gc


def settle() -> int:
    """Collect now, then freeze what survives; the number of objects frozen in all (for the log)."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def unsettle() -> None:
    """Return the frozen objects to the collector (a benchmark's baseline, or before a large reload)."""
    gc.unfreeze()
