"""The single background worker: every service call from the UI runs here, off the GUI thread.

One thread, so writes never race each other and SQLite sees one writer (Anki's pattern). A
call is submitted with callbacks; its result or exception comes back to the GUI thread by a
queued signal. Callbacks tied to a widget that has since been deleted are skipped.

Only the ticket number crosses threads in the signal: the result itself waits in a dict.
Python objects as queued-signal arguments emitted from a non-Qt thread corrupt reference
counts in PySide6 (seen as "deallocating None/True" crashes at interpreter exit).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")
ErrorHandler = Callable[[BaseException], None]


@dataclass(slots=True)
class _Pending:
    on_done: Callable[[Any], None] | None
    on_error: ErrorHandler | None
    owner: QObject | None
    future: Future[Any] | None = None


class Worker(QObject):
    """Runs callables one at a time in a background thread; answers on the GUI thread."""

    _finished = Signal(int)  # the ticket; its outcome is in self._outcomes
    busy_changed = Signal(bool)
    unhandled_error = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sanad-worker")
        self._pending: dict[int, _Pending] = {}
        self._outcomes: dict[int, tuple[object, BaseException | None]] = {}
        self._next = 0
        self._closed = False
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def submit(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: ErrorHandler | None = None,
        *,
        owner: QObject | None = None,
    ) -> int:
        """Queue `fn`; returns a ticket usable with `cancel`.

        Without `on_error`, failures go to `unhandled_error` (the application shows them).
        """
        if self._closed:
            raise RuntimeError("the worker was shut down")
        self._next += 1
        ticket = self._next
        pending = _Pending(on_done, on_error, owner)
        self._pending[ticket] = pending
        was_idle = len(self._pending) == 1
        pending.future = self._pool.submit(self._run, ticket, fn)
        if was_idle:
            self.busy_changed.emit(True)
        return ticket

    def _run(self, ticket: int, fn: Callable[[], Any]) -> None:
        try:
            outcome: tuple[object, BaseException | None] = (fn(), None)
        except BaseException as err:  # delivered to the GUI thread, never lost
            outcome = (None, err)
        self._outcomes[ticket] = outcome  # a dict store is atomic under the GIL
        self._finished.emit(ticket)

    def cancel(self, ticket: int) -> bool:
        """Drop a call that has not started yet. True if it will never run."""
        pending = self._pending.get(ticket)
        if pending is None or pending.future is None or not pending.future.cancel():
            return False
        del self._pending[ticket]
        self._maybe_idle()
        return True

    def is_idle(self) -> bool:
        return not self._pending

    @Slot(int)
    def _deliver(self, ticket: int) -> None:
        result, error = self._outcomes.pop(ticket, (None, None))
        pending = self._pending.pop(ticket, None)
        self._maybe_idle()
        if pending is None:
            return
        if pending.owner is not None and not shiboken6.isValid(pending.owner):
            return  # the widget that asked is gone
        if error is not None:
            if pending.on_error is not None:
                pending.on_error(error)
            else:
                self.unhandled_error.emit(error)
            return
        if pending.on_done is not None:
            pending.on_done(result)

    def _maybe_idle(self) -> None:
        if not self._pending:
            self.busy_changed.emit(False)

    def run_now(self, fn: Callable[[], T]) -> T:
        """Run on the worker thread and wait (start-up and the self-test only)."""
        return self._pool.submit(fn).result()

    @property
    def closed(self) -> bool:
        """Shut down: nothing more may be submitted (a late timer must not try)."""
        return self._closed

    def shutdown(self) -> None:
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._pending.clear()
        self._outcomes.clear()
