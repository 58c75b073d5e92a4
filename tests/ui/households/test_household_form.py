"""The household form: created around a head, members added by search and removed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from app.services.dto import BeneficiaryView
from app.services.setup import AppServices
from app.ui.common.worker import Worker
from app.ui.households.household_form import HouseholdForm
from tests.ui.conftest import WAIT_MS, person

pytestmark = pytest.mark.gui


def test_create_household_add_and_remove_a_member(
    qtbot: QtBot,
    worker: AppServices,
    ui_worker: Worker,
    registered: BeneficiaryView,
    wait_idle: Callable[[], None],
    no_blocking_questions: list[str],
) -> None:
    daughter = worker.beneficiaries.register(
        person(
            first_name="مريم",
            father_name="محمد",
            grandfather_name="علي",
            sex="F",
            mother_name="خديجة سالم",
            birth_date=date(2010, 4, 5),
            national_number="",
            phones=[],
        )
    )
    form = HouseholdForm(worker, ui_worker, head=registered)
    qtbot.addWidget(form)
    form.show()
    # Members can be added before the household is saved: they are saved together.
    assert form.add_button.isEnabled() and form.add_row_button.isEnabled()
    form.housing.set_code("rented")
    form.income.setText("abc")
    form.save()
    wait_idle()
    assert form.slots["monthly_income"].error() == "أدخل مبلغًا بالدينار (حتى 3 خانات عشرية)."
    assert form.household is None

    form.income.setText("850")
    assert form.slots["monthly_income"].error() == ""  # gone as soon as it is fixed
    form.save()
    wait_idle()
    household = form.household
    assert household is not None
    assert household.head_id == registered.id
    assert household.housing_type == "rented"
    assert household.monthly_income_dirhams == 850_000
    assert form.add_button.isEnabled()
    assert worker.beneficiaries.get(registered.id).household_id == household.id

    form.add_button.click()
    picker = form.picker
    assert picker is not None
    picker.box.setText("مريم")
    picker._search()
    qtbot.waitUntil(lambda: picker.model.rowCount() == 1, timeout=WAIT_MS)
    picker.table.setCurrentIndex(picker.model.index(0, 0))
    picker.buttons.accepted.emit()  # no relationship chosen yet
    assert picker.error.text() == "اختر صلة القرابة برب الأسرة."
    picker.relationship_combo.set_code("daughter")
    picker.buttons.accepted.emit()
    wait_idle()
    household = form.household
    assert household is not None
    assert [(m.beneficiary_id, m.relationship) for m in household.members] == [
        (registered.id, "head"),
        (daughter.id, "daughter"),
    ]
    assert form.members_model.index(1, 1).data() == "ابنة"

    form.members.setCurrentIndex(form.members_model.index(1, 0))
    form.remove_button.click()
    wait_idle()
    assert no_blocking_questions[-1].startswith("هل تريد إزالة")
    household = form.household
    assert household is not None
    assert [m.beneficiary_id for m in household.members] == [registered.id]
    assert worker.beneficiaries.get(daughter.id).household_id is None


def test_open_existing_household_and_edit(
    qtbot: QtBot,
    worker: AppServices,
    ui_worker: Worker,
    registered: BeneficiaryView,
    wait_idle: Callable[[], None],
) -> None:
    from app.domain.household import HouseholdDraft

    created = worker.households.create(HouseholdDraft(head_id=registered.id))
    form = HouseholdForm(worker, ui_worker, household_id=created.id)
    qtbot.addWidget(form)
    wait_idle()
    assert form.household is not None
    assert form.title.text() == "أسرة " + registered.full_name
    form.address.setText("حي السلام")
    form.save()
    wait_idle()
    assert worker.households.get(created.id).address == "حي السلام"
    assert form.status.text() == "تم الحفظ."
