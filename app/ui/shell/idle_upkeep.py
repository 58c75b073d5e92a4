"""The database's upkeep while the desk is idle: a search-index merge step and a WAL
checkpoint (`UpkeepService.idle_step`) on the worker once no service call has run for
IDLE_MS, then again every STEP_GAP_MS while there is more to do and the desk stays idle.

A step is bounded (tens of milliseconds), so a user action that comes meanwhile waits at
most one step behind it on the worker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from app.ui.common.worker import Worker

log = logging.getLogger(__name__)

IDLE_MS = 3000
STEP_GAP_MS = 300


class IdleUpkeep(QObject):
    def __init__(
        self,
        worker: Worker,
        step: Callable[[], bool],
        parent: QObject | None = None,
        *,
        idle_ms: int = IDLE_MS,
    ) -> None:
        super().__init__(parent)
        self._worker = worker
        self._step = step
        self._idle_ms = idle_ms
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._run)
        self._stepping = False  # the worker's busy/idle signals of our own step are ignored
        worker.busy_changed.connect(self._busy_changed)
        if worker.is_idle():
            self._timer.start(idle_ms)

    def stop(self) -> None:
        self._timer.stop()
        self._worker.busy_changed.disconnect(self._busy_changed)

    def _busy_changed(self, busy: bool) -> None:
        if self._stepping:
            return
        if busy:
            self._timer.stop()
        else:
            self._timer.start(self._idle_ms)

    def _run(self) -> None:
        if self._worker.closed or not self._worker.is_idle():
            return
        self._stepping = True
        self._worker.submit(self._step, self._stepped, self._failed, owner=self)

    def _stepped(self, more: bool) -> None:
        self._stepping = False
        if more:  # done: nothing until a service call has run and the desk is idle again
            self._timer.start(STEP_GAP_MS)

    def _failed(self, err: BaseException) -> None:
        self._stepping = False
        # Upkeep is never worth an error box: the next idle period tries again.
        log.warning("idle upkeep failed", exc_info=err)
