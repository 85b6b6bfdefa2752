"""Bulk work that allocates millions of short-lived objects (a first pull): the cyclic garbage collector
paused while it runs, as bulk loaders do.

Each collection walks every tracked object of the process, and a pull keeps its batch (tens of
thousands of rows) alive while allocating more: the collector ran hundreds of times per first pull and
found nothing, since rows are freed by reference counting. Paused process-wide (the collector has no
other switch), so other threads' cycles wait too; one collection runs when the last bulk job ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_running = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for the block; nested and concurrent blocks share one pause."""
    global _running, _was_enabled
    with _lock:
        if _running == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            resume = _running == 0 and _was_enabled
            if resume:
                gc.enable()
        if resume:
            gc.collect(1)  # the young garbage of the pause; older cycles wait for the usual thresholds
