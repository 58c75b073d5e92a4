"""The Latin name at the person form: typed left to right under the Arabic names, saved and
shown as typed; anything but Latin letters refused beside the field, in Arabic."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.services.setup import AppServices
from app.ui.common.worker import Worker
from app.ui.people.beneficiary_form import BeneficiaryForm, Mode
from app.ui.people.history_view import NONE_TEXT, ValueFormatter
from tests.ui.conftest import type_text
from tests.ui.people.test_beneficiary_form import fill

pytestmark = pytest.mark.gui


@pytest.fixture
def new_form(qtbot: QtBot, worker: AppServices, ui_worker: Worker) -> BeneficiaryForm:
    form = BeneficiaryForm(worker, ui_worker)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    return form


def test_a_typed_latin_name_is_saved_and_shown(
    qtbot: QtBot, new_form: BeneficiaryForm, worker: AppServices, wait_idle: Callable[[], None]
) -> None:
    fill(new_form)
    f = new_form.fields
    assert f.latin_name.layoutDirection() is Qt.LayoutDirection.LeftToRight
    assert f.latin_name.alignment() & Qt.AlignmentFlag.AlignLeft
    f.mother.setFocus()
    qtbot.waitUntil(f.mother.hasFocus)
    qtbot.keyClick(f.mother, Qt.Key.Key_Tab)  # straight under the mother's name
    assert f.latin_name.hasFocus()
    type_text(f.latin_name, "Ahmed Abdalla Alwarfalli")
    qtbot.keyClick(f.latin_name, Qt.Key.Key_Tab)
    assert f.sex.hasFocus()
    new_form.save()
    wait_idle()
    assert new_form.mode is Mode.VIEW, new_form.status.text()
    assert new_form.view is not None
    assert worker.beneficiaries.get(new_form.view.id).latin_name == "Ahmed Abdalla Alwarfalli"
    assert f.latin_name.text() == "Ahmed Abdalla Alwarfalli" and f.latin_name.isReadOnly()


def test_arabic_letters_are_refused_beside_the_field_until_corrected(
    new_form: BeneficiaryForm, worker: AppServices, wait_idle: Callable[[], None]
) -> None:
    fill(new_form)
    f = new_form.fields
    type_text(f.latin_name, "أحمد Alwarfalli")
    new_form.save()
    wait_idle()
    assert new_form.mode is Mode.NEW
    assert f.error_text("latin_name").startswith("لا يحوي الاسم باللاتينية إلا حروفًا لاتينية")
    assert f.error_text("first_name") == ""
    assert worker.beneficiaries.search("") == []
    f.latin_name.selectAll()
    type_text(f.latin_name, "Ahmed Alwarfalli")  # the message goes as soon as it is fixed
    assert f.error_text("latin_name") == ""
    new_form.save()
    wait_idle()
    assert new_form.mode is Mode.VIEW
    [hit] = worker.beneficiaries.search("")
    assert worker.beneficiaries.get(hit.id).latin_name == "Ahmed Alwarfalli"


def test_the_history_shows_it_left_to_right() -> None:
    # Isolated: "Salem O." keeps its dot at its end inside the right-to-left table.
    fmt = ValueFormatter(lambda _code: "")
    assert fmt("latin_name", "Salem O. Al-Zwai") == "\u2066Salem O. Al-Zwai\u2069"
    assert fmt("latin_name", "") == NONE_TEXT
