"""A new user registers a person by keyboard alone, as from `uv run sanad`: log in, Ctrl+N, each
field typed and left with Tab (the combos chosen with the arrow keys, the date typed), Ctrl+S.
Every key goes to whichever widget has the focus, as a real keyboard's would."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.ui.people.beneficiary_form import BeneficiaryForm, Mode
from app.ui.shell.application import AppController
from app.ui.shell.login_dialog import LoginDialog
from tests.ui.conftest import WAIT_MS

pytestmark = pytest.mark.gui


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard"
    return widget


def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    target = focused()
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(target, QKeyEvent(kind, key, modifiers))
    QApplication.processEvents()


def keys(text: str) -> None:
    for char in text:
        target = focused()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                target, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )
    QApplication.processEvents()


def field(text: str) -> None:
    """Type into the focused field, then Tab to the next."""
    keys(text)
    press(Qt.Key.Key_Tab)


def test_a_person_registered_by_keyboard_alone(qtbot: QtBot, controller: AppController) -> None:
    controller.start()
    qtbot.waitUntil(lambda: isinstance(controller.dialog, LoginDialog), timeout=WAIT_MS)
    login = controller.dialog
    assert isinstance(login, LoginDialog)
    login.activateWindow()
    qtbot.waitUntil(login.username.hasFocus, timeout=WAIT_MS)
    field("worker")
    keys("worker-demo-2026")
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=WAIT_MS)
    window = controller.window
    assert window is not None
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)

    press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(window.new_forms) == 1
    form = window.new_forms[0]
    assert isinstance(form, BeneficiaryForm) and form.mode is Mode.NEW
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow, timeout=WAIT_MS)
    f = form.fields
    qtbot.waitUntil(f.names["first_name"].hasFocus, timeout=WAIT_MS)

    for text in ("سالم", "عمر", "خليفة", "الزوي", "مبروكة سالم"):
        field(text)
    assert focused() is f.latin_name  # under the names, as on the passport
    field("Salem Omar Alzwai")
    assert focused() is f.sex
    press(Qt.Key.Key_Down)  # — choose — -> the first sex, male
    press(Qt.Key.Key_Tab)
    assert f.birth_date.isAncestorOf(focused())
    field("02061979")  # the date as on the card, no slashes
    assert focused() is f.national_number
    field("119790012345")
    press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(lambda: form.mode is Mode.VIEW and form.view is not None, timeout=WAIT_MS)
    view = form.view
    assert view is not None
    assert view.full_name == "سالم عمر خليفة الزوي"
    assert view.mother_name == "مبروكة سالم"
    assert view.latin_name == "Salem Omar Alzwai"
    assert view.sex == "M"
    assert view.birth_date == date(1979, 6, 2) and not view.birth_date_estimated
    assert view.identifier("national_number") == "119790012345"
    assert f.birth_date.line.text() == "02/06/1979"
