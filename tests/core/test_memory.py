"""core/memory.py: settle freezes what is alive, unsettle gives it back to the collector."""

from __future__ import annotations

import gc
import weakref

from core.memory import settle, unsettle


def test_settle_freezes_what_is_alive_and_unsettle_returns_it():
    unsettle()
    assert gc.get_freeze_count() == 0
    kept = [[i] for i in range(1000)]  # tracked containers alive at settle time
    try:
        frozen = settle()
        assert frozen >= len(kept)
        assert gc.get_freeze_count() == frozen
    finally:
        unsettle()
    assert gc.get_freeze_count() == 0


def test_settle_collects_garbage_cycles_before_freezing():
    """A cycle that is already garbage is freed, not frozen for the rest of the session."""
    unsettle()

    class Node:
        pass

    a, b = Node(), Node()
    a.other, b.other = b, a  # a cycle only the collector frees
    alive = weakref.ref(a)
    del a, b
    gc.disable()  # no automatic collection may free it first: only settle() can
    try:
        assert alive() is not None
        settle()
        assert alive() is None
    finally:
        gc.enable()
        unsettle()
