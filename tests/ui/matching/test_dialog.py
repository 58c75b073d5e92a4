"""File → Match a list…: asks for the list and the workbook, matches on the worker with a
progress bar and Stop, and writes the XLSX with Arabic column titles."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from app.services import list_matching
from app.services.setup import AppServices
from app.ui.common import file_dialogs
from app.ui.common.worker import Worker
from app.ui.matching.dialog import MatchListDialog
from app.ui.shell.main_window import MainWindow
from tests.services.list_people import PLAIN, register_three
from tests.ui.arabic_checks import assert_arabic
from tests.ui.conftest import WAIT_MS

pytestmark = pytest.mark.gui
SHOTS = Path(os.environ.get("SANAD_SHOTS_DIR", "")) if os.environ.get("SANAD_SHOTS_DIR") else None


def _choose(monkeypatch: pytest.MonkeyPatch, *answers: Path) -> list[str]:
    """The file dialogs answer `answers` in turn; their titles are returned."""
    titles: list[str] = []
    queue = list(answers)

    def ask(dialog: QFileDialog) -> list[str]:
        titles.append(dialog.windowTitle())
        dialog.deleteLater()
        return [str(queue.pop(0))] if queue else []

    monkeypatch.setattr(file_dialogs, "_ask", ask)
    return titles


def _window(qtbot: QtBot, services: AppServices, worker: Worker) -> MainWindow:
    window = MainWindow(services, worker, services.ctx.require(), "DEMO", demo=True)
    qtbot.addWidget(window)
    window.show()
    return window


def _shot(widget: MatchListDialog, name: str) -> None:
    if SHOTS is not None:
        QCoreApplication.processEvents()  # the layout's pending update, as a real loop would
        widget.grab().save(str(SHOTS / name))


def test_the_menu_matches_a_list_into_an_arabic_workbook(
    qtbot: QtBot,
    worker: AppServices,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    people = register_three(worker)
    source = tmp_path / "قائمة المحكمة.csv"  # plain names: no header
    source.write_text(PLAIN, encoding="utf-8")
    target = tmp_path / "matches.xlsx"
    titles = _choose(monkeypatch, source, target)
    window = _window(qtbot, worker, ui_worker)
    assert window.match_list_action.text() == "مطابقة قائمة…"
    file_menu = window.menuBar().actions()[0].menu()
    assert window.match_list_action in file_menu.actions()  # type: ignore[union-attr]
    hold = threading.Event()
    ui_worker.submit(lambda: hold.wait(20))  # busy: the dialog shows its progress first
    window.match_list_action.trigger()
    dialog = window.findChild(MatchListDialog)
    assert dialog is not None and dialog.isVisible()
    assert titles == ["اختر القائمة المراد مطابقتها", "حفظ المطابقات باسم"]
    assert dialog.running and dialog.progress_bar.isVisible() and dialog.stop_button.isVisible()
    assert not dialog.close_button.isEnabled()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the file dialogs
    assert_arabic(dialog)
    _shot(dialog, "match_list_running.png")
    hold.set()
    wait_idle()
    assert not dialog.running and not dialog.progress_bar.isVisible()
    assert dialog.outcome is not None and dialog.outcome.path == target
    assert "الأسماء المبحوث عنها: 4" in dialog.summary.text()
    assert dialog.summary.text().endswith(f"حُفظت في \u2066{target}\u2069")
    _shot(dialog, "match_list_done.png")
    sheet = load_workbook(target).active
    assert sheet is not None and sheet.sheet_view.rightToLeft
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == [
        "السطر", "نص البحث", "الترتيب", "رقم السجل", "الاسم", "الدرجة", "الأسباب", "ملاحظة"
    ]  # fmt: skip
    assert rows[1][:5] == [1, PLAIN.splitlines()[0], 1, people["ahmed"].person_number,
                           "أحمد عبدالله مصطفى الورفلي"]  # fmt: skip
    assert rows[1][6].startswith("الاسم ")
    by_line = {r[0]: r for r in rows[1:]}
    assert by_line[5][6] == "الرقم الوطني مطابق" and by_line[5][5] == 100
    assert by_line[6][7] == "لا يوجد تطابق"
    dialog.close_button.click()


def test_stop_writes_no_file_and_a_bad_line_is_told_in_arabic(
    qtbot: QtBot,
    worker: AppServices,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    register_three(worker)
    monkeypatch.setattr(list_matching, "CHUNK", 1)
    source = tmp_path / "long.csv"
    source.write_text("الاسم,تاريخ الميلاد\n" + "نورية,1990\n" * 300, encoding="utf-8")
    dialog = MatchListDialog(worker, ui_worker)
    qtbot.addWidget(dialog)
    dialog.show()
    hold = threading.Event()
    ui_worker.submit(lambda: hold.wait(20))
    dialog.match(source, tmp_path / "stopped.xlsx")
    dialog.stop_button.click()
    hold.set()
    wait_idle()
    assert dialog.outcome is not None and dialog.outcome.path is None
    assert dialog.summary.text() == "أُوقفت المطابقة؛ لم يُكتب أي ملف."
    assert not (tmp_path / "stopped.xlsx").exists()
    assert not list(tmp_path.glob("*.part"))

    bad = tmp_path / "bad.csv"
    bad.write_text("الاسم,الرقم الوطني\nنورية,123\n", encoding="utf-8")
    dialog.match(bad, tmp_path / "bad.xlsx")
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT_MS)
    rows = [[c.value for c in r] for r in load_workbook(tmp_path / "bad.xlsx").active.iter_rows()]  # type: ignore[union-attr]
    assert rows[1][0] == 2
    assert rows[1][7] == "الرقم الوطني: الرقم الوطني 12 رقمًا ويبدأ بالرقم 1 أو 2."


def test_the_audit_log_tells_a_matched_list_in_arabic() -> None:
    from datetime import datetime

    from app.services.audit_log import AuditEntryView
    from app.ui.audit.texts import action_text, details_text
    from tests.ui.arabic_checks import english_words

    details = {"file": "list.csv", "sha256": "ab12", "limit": 5, "lines": 6, "queries": 4,
               "refused": 1, "matched": 3, "perfect": 1, "stopped": False}  # fmt: skip
    entry = AuditEntryView(
        seq=1, at=datetime(2026, 11, 22, 9, 0), user_id=None, user_name="",
        action="search.batch", entity=None, entity_id=None, details=details,
    )  # fmt: skip
    assert action_text("search.batch") == "مطابقة قائمة أسماء"
    text = details_text(entry)
    assert "الأسماء المبحوث عنها: 4" in text and "أُوقفت: لا" in text
    assert not english_words(text.replace("list.csv", "").replace("ab12", ""))
