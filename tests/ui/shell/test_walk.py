"""The whole desk routine through the real application controller, keyboard first:
log in -> search -> Ctrl+N -> fill -> Ctrl+S -> Esc -> search again finds the new person."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.ui.people.beneficiary_form import BeneficiaryForm, Mode
from app.ui.people.beneficiary_table_model import COL_NAME
from app.ui.shell.application import AppController
from app.ui.shell.login_dialog import LoginDialog
from tests.ui.conftest import WAIT_MS, type_text

pytestmark = pytest.mark.gui


def test_login_search_register_and_find_again(qtbot: QtBot, controller: AppController) -> None:
    controller.start()
    qtbot.waitUntil(lambda: isinstance(controller.dialog, LoginDialog), timeout=WAIT_MS)
    login = controller.dialog
    assert isinstance(login, LoginDialog)

    # A wrong password first: a clear Arabic message, still on the login screen.
    qtbot.keyClicks(login.username, "worker")
    qtbot.keyClicks(login.password, "not-the-password")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: login.error.text() == "اسم المستخدم أو كلمة المرور غير صحيحة.", timeout=WAIT_MS
    )
    assert controller.window is None

    qtbot.keyClicks(login.password, "worker-demo-2026")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=WAIT_MS)
    window = controller.window
    assert window is not None
    page = window.search_page
    assert "أخصائية اجتماعية" in window.user_label.text()
    assert window.demo_badge.isVisibleTo(window)

    # Search as you type: nobody is registered in this branch yet.
    type_text(page.box, "سالم")
    qtbot.waitUntil(lambda: page.model.query == "سالم" and not page.model.loading, timeout=WAIT_MS)
    assert page.model.rowCount() == 0

    # Ctrl+N opens a new registration.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    qtbot.keyClick(page.box, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(window.new_forms) == 1
    form = window.new_forms[0]
    assert isinstance(form, BeneficiaryForm) and form.mode is Mode.NEW
    f = form.fields
    for key, text in (
        ("first_name", "سالم"),
        ("father_name", "عمر"),
        ("grandfather_name", "خليفة"),
        ("family_name", "الزوي"),
    ):
        f.names[key].setFocus()
        type_text(f.names[key], text)
    type_text(f.mother, "مبروكة سالم")
    f.sex.set_code("M")
    f.birth_date.set_value(date(1979, 6, 2))
    qtbot.keyClicks(f.national_number, "119790012345")
    qtbot.keyClicks(f.phones[0], "0913456789")
    f.municipality.set_code("LY021104")
    assert form.is_dirty()

    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow, timeout=WAIT_MS)
    qtbot.keyClick(f.mother, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: form.mode is Mode.VIEW and form.view is not None, timeout=WAIT_MS)
    assert form.view is not None
    saved_id = form.view.id
    assert window.forms[saved_id] is form

    qtbot.keyClick(form, Qt.Key.Key_Escape)  # view mode: Esc closes
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=WAIT_MS)

    page.box.clear()
    type_text(page.box, "سالم عمر")
    qtbot.keyClick(page.box, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: page.model.query == "سالم عمر" and page.model.rowCount() == 1, timeout=WAIT_MS
    )
    assert page.model.index(0, COL_NAME).data() == "سالم عمر خليفة الزوي"

    # Down moves to the results, Enter opens the record.
    qtbot.keyClick(page.box, Qt.Key.Key_Down)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: saved_id in window.forms, timeout=WAIT_MS)
    reopened = window.forms[saved_id]
    qtbot.waitUntil(lambda: reopened.view is not None, timeout=WAIT_MS)
    assert reopened.fields.national_number.text() == "119790012345"
    assert reopened.fields.birth_date.value() == date(1979, 6, 2)
