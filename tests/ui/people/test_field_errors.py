"""Errors on the person form: a long paste is refused with the limit (never cut), and each
message goes as soon as its field is fixed, before saving again."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from app.services.setup import AppServices
from app.ui.common.worker import Worker
from app.ui.people.beneficiary_form import BeneficiaryForm, Mode
from tests.ui.conftest import type_text
from tests.ui.people.test_beneficiary_form import fill

pytestmark = pytest.mark.gui

TOO_LONG = "الاسم طويل جدًا (الحد الأقصى 60 حرفًا)."


@pytest.fixture
def new_form(qtbot: QtBot, worker: AppServices, ui_worker: Worker) -> BeneficiaryForm:
    form = BeneficiaryForm(worker, ui_worker)
    qtbot.addWidget(form)
    form.show()
    return form


def test_a_500_letter_name_is_refused_not_cut(
    new_form: BeneficiaryForm, worker: AppServices, wait_idle: Callable[[], None]
) -> None:
    fill(new_form)
    pasted = "محمد" * 125  # 500 letters, pasted into the first name
    new_form.fields.names["first_name"].setText(pasted)
    assert new_form.fields.names["first_name"].text() == pasted  # nothing cut silently
    new_form.save()
    wait_idle()
    assert new_form.fields.error_text("first_name") == TOO_LONG
    assert new_form.mode is Mode.NEW
    assert worker.beneficiaries.search("") == []


def test_errors_clear_as_soon_as_the_field_is_fixed(
    new_form: BeneficiaryForm, worker: AppServices, wait_idle: Callable[[], None]
) -> None:
    fields = new_form.fields
    fill(new_form, national_number="12345", first_name="Mohamed")
    new_form.save()
    wait_idle()
    assert fields.error_text("first_name") == "اكتب الاسم بالحروف العربية فقط."
    assert fields.error_text("national_number").startswith("الرقم الوطني 12 رقمًا")

    # Still wrong while typing: the message stays (re-checked); fixed: it goes at once.
    fields.names["first_name"].clear()
    assert fields.error_text("first_name") == "هذا الحقل مطلوب."
    type_text(fields.names["first_name"], "محمد")
    assert fields.error_text("first_name") == ""
    fields.national_number.setText("1198501234")
    assert fields.error_text("national_number").startswith("الرقم الوطني 12 رقمًا")
    fields.national_number.setText("119850123456")
    assert fields.error_text("national_number") == ""
    # A field with no error gets none while typing.
    fields.mother.setText("x")
    assert fields.error_text("mother_name") == ""

    # A national number that disagrees with the sex is fixed by changing the sex.
    fields.sex.set_code("F")
    new_form.save()
    wait_idle()
    assert fields.error_text("national_number") != ""
    fields.sex.set_code("M")
    assert fields.error_text("national_number") == ""
