"""Picking a person who is in another household: the question names that household (its head
and number) and offers to move them here, to open the other household, or to cancel."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from app.domain.household import HouseholdDraft, Relationship
from app.services.family import household_number
from app.services.setup import AppServices
from app.ui.common.worker import Worker
from app.ui.households.household_form import HouseholdForm
from app.ui.households.move_dialog import MoveMemberDialog
from tests.services.people import numbered
from tests.ui.conftest import WAIT_MS

pytestmark = pytest.mark.gui


def _pick(qtbot: QtBot, form: HouseholdForm, query: str, relationship: str) -> MoveMemberDialog:
    form.add_button.click()
    picker = form.picker
    assert picker is not None
    picker.box.setText(query)
    picker._search()
    qtbot.waitUntil(lambda: picker.model.rowCount() == 1, timeout=WAIT_MS)
    picker.table.setCurrentIndex(picker.model.index(0, 0))
    picker.relationship_combo.set_code(relationship)
    picker.buttons.accepted.emit()
    qtbot.waitUntil(lambda: isinstance(form.question, MoveMemberDialog), timeout=WAIT_MS)
    assert isinstance(form.question, MoveMemberDialog)
    return form.question


def test_move_a_person_from_another_household(
    qtbot: QtBot, worker: AppServices, ui_worker: Worker, wait_idle: Callable[[], None]
) -> None:
    ids = [worker.beneficiaries.register(numbered(i)).id for i in range(4)]
    first = worker.households.create(HouseholdDraft(head_id=ids[0]))
    worker.households.add_member(first.id, ids[1], Relationship.SON)
    second = worker.households.create(HouseholdDraft(head_id=ids[2]))
    head_name = worker.beneficiaries.get(ids[0]).full_name
    moving = worker.beneficiaries.get(ids[1])

    form = HouseholdForm(worker, ui_worker, household_id=second.id)
    qtbot.addWidget(form)
    form.show()
    wait_idle()

    # "Open the other household": nothing changes, the main window is asked to open it.
    dialog = _pick(qtbot, form, moving.identifier("national_number"), "brother")
    number = household_number(first.id)
    assert dialog.text.text().startswith(
        f"«{moving.full_name}» فرد في الأسرة رقم {number} (رب الأسرة: {head_name})."
    )
    with qtbot.waitSignal(form.open_household, timeout=WAIT_MS) as opened:
        dialog.open_button.click()
    assert opened.args == [first.id]
    assert worker.beneficiaries.get(ids[1]).household_id == first.id

    # "Move here": one call takes them out of the first household and into this one.
    dialog = _pick(qtbot, form, moving.identifier("national_number"), "brother")
    dialog.move_button.click()
    qtbot.waitUntil(lambda: form.members_model.rowCount() == 2, timeout=WAIT_MS)
    wait_idle()
    after = worker.beneficiaries.get(ids[1])
    assert (after.household_id, after.household_relationship) == (second.id, "brother")
    assert [m.beneficiary_id for m in worker.households.get(first.id).members] == [ids[0]]

    # The head of a household with members cannot be moved before a new head is chosen.
    worker.households.add_member(first.id, ids[3], Relationship.SON)
    dialog = _pick(
        qtbot, form, worker.beneficiaries.get(ids[0]).identifier("national_number"), "brother"
    )
    assert not dialog.move_button.isEnabled()
    assert "اختر لها ربًّا جديدًا أولًا" in dialog.text.text()
    dialog.cancel_button.click()
    wait_idle()
    assert worker.beneficiaries.get(ids[0]).household_id == first.id


def test_a_new_household_moves_its_picked_people_when_saved(
    qtbot: QtBot, worker: AppServices, ui_worker: Worker, wait_idle: Callable[[], None]
) -> None:
    ids = [worker.beneficiaries.register(numbered(i)).id for i in range(3)]
    old = worker.households.create(HouseholdDraft(head_id=ids[0]))
    worker.households.add_member(old.id, ids[1], Relationship.SON)
    head = worker.beneficiaries.get(ids[2])
    form = HouseholdForm(worker, ui_worker, head=head)
    qtbot.addWidget(form)
    form.show()
    son = worker.beneficiaries.get(ids[1])
    dialog = _pick(qtbot, form, son.identifier("national_number"), "brother")
    dialog.move_button.click()
    qtbot.waitUntil(lambda: len(form.pending) == 1, timeout=WAIT_MS)
    assert worker.beneficiaries.get(ids[1]).household_id == old.id  # not before Save
    assert form.status.text() == f"سينضم «{son.full_name}» إلى الأسرة عند الحفظ."
    form.save()
    wait_idle()
    assert form.household is not None
    assert worker.beneficiaries.get(ids[1]).household_id == form.household.id
    assert len(form.household.members) == 2
