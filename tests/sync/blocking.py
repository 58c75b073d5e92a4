"""Calling something that might hang on a FIFO, with a deadline: a hang fails the test
instead of freezing the run (the FIFO is then opened for writing, which lets it go)."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
DEADLINE = 5.0


def within(seconds: float, fn: Callable[[], T], *, fifo: Path | None = None) -> T:
    """`fn()`'s result (or its exception), provided it returns within `seconds`."""
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["result"] = fn()
        except BaseException as err:  # handed to the caller
            box["error"] = err

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        if fifo is not None:  # a reader blocked in open() is released by a writer
            with contextlib.suppress(OSError):
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            thread.join(seconds)
        raise AssertionError(f"still blocked after {seconds} s")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["result"]  # type: ignore[return-value]
