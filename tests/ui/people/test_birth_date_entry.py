"""The birth date at the person form as a worker types it: any usual form, Tab on to the
national number, and an estimated date (a year or an age) saved, shown and read back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.services.setup import AppServices
from app.ui.common.worker import Worker
from app.ui.people.beneficiary_form import BeneficiaryForm, Mode
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


@pytest.mark.parametrize("typed", ["15/03/1985", "15031985", "١٥/٠٣/١٩٨٥", "1985-03-15"])
def test_the_typed_birth_date_is_saved_and_tab_goes_to_the_national_number(
    qtbot: QtBot,
    new_form: BeneficiaryForm,
    worker: AppServices,
    wait_idle: Callable[[], None],
    typed: str,
) -> None:
    fill(new_form)
    f = new_form.fields
    f.birth_date.set_value(None)
    f.national_number.clear()
    f.birth_date.setFocus()
    qtbot.waitUntil(f.birth_date.line.hasFocus)
    type_text(f.birth_date.line, typed)
    qtbot.keyClick(f.birth_date.line, Qt.Key.Key_Tab)
    assert f.national_number.hasFocus()
    type_text(f.national_number, "119850123456")
    new_form.save()
    wait_idle()
    assert new_form.mode is Mode.VIEW, new_form.status.text()
    [hit] = worker.beneficiaries.search("")
    assert hit.birth_date == date(1985, 3, 15)
    assert hit.national_number == "119850123456"


def test_a_date_that_is_not_one_is_refused_beside_the_field(
    new_form: BeneficiaryForm, worker: AppServices, wait_idle: Callable[[], None]
) -> None:
    fill(new_form)
    new_form.fields.birth_date.line.setText("31/02/1985")
    new_form.save()
    wait_idle()
    assert new_form.fields.error_text("birth_date") == "التاريخ غير صحيح (يوم/شهر/سنة)."
    assert worker.beneficiaries.search("") == []


def test_an_age_about_35_is_an_estimated_date_shown_and_saved_as_such(
    qtbot: QtBot,
    new_form: BeneficiaryForm,
    worker: AppServices,
    wait_idle: Callable[[], None],
) -> None:
    fill(new_form, national_number="")
    f = new_form.fields
    f.birth_date.set_value(None)
    f.birth_date.setFocus()
    qtbot.waitUntil(f.birth_date.line.hasFocus)
    type_text(f.birth_date.line, "35")
    assert f.birth_date.is_estimated()
    new_form.save()
    wait_idle()
    assert new_form.mode is Mode.VIEW, new_form.status.text()
    [hit] = worker.beneficiaries.search("")
    view = worker.beneficiaries.get(hit.id)
    year = date.today().year - 35
    assert view.birth_date_estimated
    assert view.birth_date == min(date(year, 7, 1), date.today())
    assert f.birth_date.line.text() == str(year) and f.birth_date.is_estimated()


def test_an_estimated_date_takes_the_year_of_the_national_number(
    new_form: BeneficiaryForm, worker: AppServices, wait_idle: Callable[[], None]
) -> None:
    # About 40 by the worker's eye; the card says 1985: the card's year is accepted.
    fill(new_form)
    new_form.fields.birth_date.set_value(None)
    type_text(new_form.fields.birth_date.line, "40")
    new_form.save()
    wait_idle()
    assert new_form.mode is Mode.VIEW, new_form.status.text()
    [hit] = worker.beneficiaries.search("")
    view = worker.beneficiaries.get(hit.id)
    assert view.birth_date == date(1985, 7, 1) and view.birth_date_estimated


def test_an_exact_date_that_contradicts_the_card_is_still_refused(
    new_form: BeneficiaryForm, worker: AppServices, wait_idle: Callable[[], None]
) -> None:
    fill(new_form, birth_date=date(1990, 3, 15))
    new_form.save()
    wait_idle()
    assert "1985" in new_form.fields.error_text("national_number")
    assert worker.beneficiaries.search("") == []
