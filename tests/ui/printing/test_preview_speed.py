"""The first print preview: a busy note at once while the document is laid out, and the print
path warmed in the background after login so the first preview starts warm."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget
from pytestqt.qtbot import QtBot

from app.services.printing import PrintService
from app.services.setup import AppServices
from app.ui.common.worker import Worker
from app.ui.printing import actions
from app.ui.printing.warm_up import warm_up_printing
from tests.ui.conftest import WAIT_MS
from tests.ui.printing.print_helpers import previews

pytestmark = pytest.mark.gui


def busy_notes() -> list[QProgressDialog]:
    return [
        w for w in QApplication.topLevelWidgets()
        if isinstance(w, QProgressDialog) and w.isVisible()
    ]  # fmt: skip


def test_a_busy_note_shows_at_once_until_the_preview_opens(
    qtbot: QtBot, worker: AppServices, ui_worker: Worker, host: QWidget
) -> None:
    gate = threading.Event()

    def slow_print():  # type: ignore[no-untyped-def]
        assert gate.wait(WAIT_MS / 1000)
        return worker.printing.blank_intake()

    actions.prepare(host, ui_worker, slow_print)
    (note,) = busy_notes()  # before any event is processed: at once, not after 4 s
    assert note.labelText() == "جارٍ تجهيز المستند…"
    assert note.maximum() == 0  # a busy bar: how long a layout takes is not known
    gate.set()
    qtbot.waitUntil(lambda: len(previews()) == 1, timeout=WAIT_MS)
    assert not shiboken6.isValid(note) or not note.isVisible()
    assert busy_notes() == []


def test_the_busy_note_goes_when_the_print_is_refused(
    qtbot: QtBot, worker: AppServices, ui_worker: Worker, host: QWidget,
    monkeypatch: pytest.MonkeyPatch, wait_idle: Callable[[], None],
) -> None:  # fmt: skip
    from app.domain.errors import DomainError, ErrorCode

    warned: list[str] = []
    monkeypatch.setattr(actions, "warn", lambda _parent, text: warned.append(text))

    def refused():  # type: ignore[no-untyped-def]
        raise DomainError(ErrorCode.PERMISSION_DENIED)

    actions.prepare(host, ui_worker, refused)
    assert len(busy_notes()) == 1
    wait_idle()
    qtbot.waitUntil(lambda: busy_notes() == [], timeout=WAIT_MS)
    assert warned and previews() == []


def test_the_print_path_is_warmed_in_the_background(qtbot: QtBot, ui_worker: Worker) -> None:
    laid_out: list[bytes] = []

    def lay_out() -> bytes:
        assert threading.current_thread() is not threading.main_thread()
        laid_out.append(PrintService.warm_up())
        return laid_out[-1]

    done = warm_up_printing(lay_out, ui_worker, delay_ms=0)
    qtbot.waitUntil(done.is_set, timeout=WAIT_MS)
    assert laid_out and laid_out[0].startswith(b"%PDF")
    for module in ("reportlab", "arabic_reshaper", "pypdfium2", "app.printing.forms_person"):
        assert module in sys.modules
