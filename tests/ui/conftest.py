"""UI test fixtures: one configured QApplication (fonts, Arabic), a background worker, helpers.

The offscreen platform warns "This plugin does not support propagateSizeHints()" whenever a
top-level window is shown (and "... raise()" when one is brought forward); that says nothing
about our code (nor does "... grabbing the keyboard" when a pop-up such as a calendar opens),
so UI tests ignore those messages while every other Qt warning fails them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.domain.beneficiary import BeneficiaryDraft
from app.services.dto import BeneficiaryView
from app.services.setup import AppServices

UI_DIR = Path(__file__).parent
WAIT_MS = 15_000


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if UI_DIR in Path(str(item.fspath)).parents:
            item.add_marker(
                pytest.mark.qt_log_ignore(
                    r"^This plugin does not support "
                    r"(propagateSizeHints|raise|grabbing the keyboard)"
                )
            )


@pytest.fixture(scope="session", autouse=True)
def arabic_app(qapp):  # type: ignore[no-untyped-def]
    """The application as Sanad configures it: bundled fonts, Arabic, right-to-left."""
    from app.ui.common.fonts import apply_fonts
    from app.ui.common.translations import install_language

    apply_fonts(qapp)
    loaded = install_language(qapp, "ar")
    assert any(p.endswith("sanad_ar.qm") for p in loaded), "run tools/update_translations.py"
    return qapp


@pytest.fixture(autouse=True)
def no_blocking_questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A modal question would block the test: answer "yes" and remember what was asked."""
    from app.ui.common import dialogs

    asked: list[str] = []

    def ask(_parent: object, _title: str, text: str, _yes: str, _no: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(dialogs, "ask", ask)
    return asked


@pytest.fixture
def ui_worker(qtbot: QtBot) -> Iterator[object]:
    from app.ui.common.worker import Worker

    worker = Worker()
    yield worker
    worker.shutdown()


@pytest.fixture
def wait_idle(qtbot: QtBot, ui_worker) -> Callable[[], None]:  # type: ignore[no-untyped-def]
    """Wait until every submitted call has run and its answer was delivered."""

    def wait() -> None:
        qtbot.waitUntil(ui_worker.is_idle, timeout=WAIT_MS)

    return wait


def person(**overrides: object) -> BeneficiaryDraft:
    values: dict[str, object] = {
        "first_name": "محمد",
        "father_name": "علي",
        "grandfather_name": "سالم",
        "family_name": "الورفلي",
        "mother_name": "فاطمة أحمد",
        "sex": "M",
        "birth_date": date(1985, 3, 15),
        "national_number": "119850123456",
        "phones": ["0912345678"],
        "municipality_code": "LY021104",
    }
    values.update(overrides)
    return BeneficiaryDraft(**values)  # type: ignore[arg-type]


@pytest.fixture
def registered(worker: AppServices) -> BeneficiaryView:
    """One person registered in the branch by the demo social worker."""
    return worker.beneficiaries.register(person())


def type_text(widget: object, text: str) -> None:
    """Type `text` key by key. qtbot.keyClicks aborts on non-ASCII text, so send QKeyEvents
    that carry the character themselves."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for char in text:
        key = Qt.Key.Key_Space if char == " " else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char)
            )


@pytest.fixture
def host(qtbot: QtBot) -> Iterator[QWidget]:
    """The widget case windows open from (the main window in the application)."""
    widget = QWidget()
    qtbot.addWidget(widget)
    yield widget
    from app.ui.cases.opener import close_case_windows

    close_case_windows()
