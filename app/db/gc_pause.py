"""Pausing Python's cyclic garbage collector during bulk work (imports, demo data, HQ applies).

A bulk operation builds hundreds of thousands of long-lived objects (rows, validated people,
parsed change lines); each time the collector runs it walks all of them again, which made a
100,000-row import and `demo-data` 20-30 % slower (bench/ingest.py) and parsing a 100,000-change
batch at HQ five times slower (bench/sync_apply.py). Reference counting frees everything else
as usual while the collector is paused, and it runs again afterwards.

Pauses may overlap (HQ applies batches of different branches in parallel threads): the
collector is switched back on when the last one ends, and only if it was on when the first began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0  # pauses under way
_restore = False  # whether the collector was on when the first of them began


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic collection inside the block (re-enabled after it if it was on before)."""
    global _depth, _restore
    with _lock:
        if _depth == 0:
            _restore = gc.isenabled()
        _depth += 1
        gc.disable()
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _restore:
                gc.enable()
