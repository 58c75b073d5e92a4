"""The database's upkeep runs on the worker once the desk is idle, step after step while
there is more to do, and waits while the worker is busy."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from app.ui.common.worker import Worker
from app.ui.shell.idle_upkeep import IdleUpkeep
from tests.ui.conftest import WAIT_MS

pytestmark = pytest.mark.gui


def test_steps_run_on_the_worker_when_idle_until_done(qtbot: QtBot, ui_worker: Worker) -> None:
    threads: list[str] = []
    left = [3]

    def step() -> bool:
        threads.append(threading.current_thread().name)
        left[0] -= 1
        return left[0] > 0

    upkeep = IdleUpkeep(ui_worker, step, idle_ms=50)
    qtbot.waitUntil(lambda: len(threads) == 3, timeout=WAIT_MS)
    qtbot.wait(500)  # done: no more steps until the worker has been busy and idle again
    assert len(threads) == 3
    assert all(name.startswith("sanad-worker") for name in threads)
    left[0] = 1
    ui_worker.submit(lambda: None)  # a user's action; idle again afterwards
    qtbot.waitUntil(lambda: len(threads) == 4, timeout=WAIT_MS)
    upkeep.stop()


def test_no_step_while_the_worker_is_busy(qtbot: QtBot, ui_worker: Worker) -> None:
    ran: list[int] = []
    release = threading.Event()
    ui_worker.submit(lambda: release.wait(WAIT_MS / 1000))  # a long user action
    upkeep = IdleUpkeep(ui_worker, lambda: bool(ran.append(1)), idle_ms=50)
    qtbot.wait(400)
    assert ran == []
    release.set()
    qtbot.waitUntil(lambda: ran == [1], timeout=WAIT_MS)
    upkeep.stop()
