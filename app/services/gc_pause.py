"""Pausing Python's cyclic garbage collector during bulk work (imports, demo data).

A bulk operation builds hundreds of thousands of long-lived objects (rows, validated people);
each time the collector runs it walks all of them again, which made a 100,000-row import and
`demo-data` 20-30 % slower (bench/ingest.py). Reference counting frees everything else as
usual while the collector is paused, and it runs again afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic collection inside the block (re-enabled after it if it was on before)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
