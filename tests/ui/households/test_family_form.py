"""A family in one pass from the household form: five people typed in rows, saved together;
one wrong row and nothing is saved; a row that is someone already registered."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.services.setup import AppServices
from app.ui.common.worker import Worker
from app.ui.households.household_form import HouseholdForm
from app.ui.people.duplicates_dialog import DuplicatesDialog
from tests.services.families import FATHER, family_of_five
from tests.services.people import row_counts
from tests.ui.conftest import WAIT_MS
from tests.ui.households.family_rows import type_family

pytestmark = pytest.mark.gui

NOT_SAVED = "لم يُحفظ شيء: صحّح الحقول المعلَّمة باللون الأحمر."


def next_tab(form: QWidget, widget: QWidget) -> QWidget:
    """The widget Tab moves to from `widget`."""
    found = widget.nextInFocusChain()
    while not (
        found.focusPolicy() & Qt.FocusPolicy.TabFocus
        and found.isEnabled()
        and found.isVisibleTo(form)
    ):
        found = found.nextInFocusChain()
    return found


def _new_family_form(qtbot: QtBot, services: AppServices, ui_worker: Worker) -> HouseholdForm:
    form = HouseholdForm(services, ui_worker)
    qtbot.addWidget(form)
    form.show()
    assert len(form.new_people.rows) == 1  # the head's row, ready to type
    assert form.new_people.rows[0].relationship.code() == "head"
    assert not form.is_dirty()  # closing an untouched form asks nothing
    return form


def test_a_family_of_five_in_one_pass(
    qtbot: QtBot, worker: AppServices, ui_worker: Worker, wait_idle: Callable[[], None]
) -> None:
    form = _new_family_form(qtbot, worker, ui_worker)
    rows = type_family(form, family_of_five())
    # Tab goes through a row and on to the next one, then to "Add a new person".
    qtbot.waitUntil(rows[4].remove_button.isVisible)
    assert next_tab(form, rows[0].remove_button) is rows[1].names["first_name"]
    assert next_tab(form, rows[4].remove_button) is form.add_row_button
    form.municipality.set_code("LY021104")
    form.housing.set_code("rented")

    # One wrong row (a birth in the future, no relationship): nothing at all is saved.
    before = row_counts(worker)
    rows[3].birth_date.set_value(rows[3].birth_date.value().replace(year=2031))  # type: ignore[union-attr]
    rows[4].relationship.set_code("")
    rows[2].names["family_name"].setText("البرعصي" * 70)  # a 490-letter paste: never cut
    form.save()
    wait_idle()
    assert form.household is None
    assert row_counts(worker) == before
    assert form.status.text() == NOT_SAVED
    assert rows[3].slots["birth_date"].error() == "لا يمكن أن يكون تاريخ الميلاد في المستقبل."
    assert rows[4].slots["relationship"].error() == "هذا الحقل مطلوب."
    assert rows[2].slots["family_name"].error() == "الاسم طويل جدًا (الحد الأقصى 60 حرفًا)."
    assert not rows[1].has_errors()

    # Each error goes as soon as its field is fixed, before saving again.
    rows[3].birth_date.set_value(rows[3].birth_date.value().replace(year=2011))  # type: ignore[union-attr]
    assert rows[3].slots["birth_date"].error() == ""
    rows[4].relationship.set_code("son")
    assert rows[4].slots["relationship"].error() == ""
    rows[2].names["family_name"].setText("البرعصي")
    assert not rows[2].has_errors()

    form.save()
    wait_idle()
    household = form.household
    assert household is not None, form.status.text()
    assert form.status.text() == "تم الحفظ."
    assert form.new_people.rows == []  # the rows became members
    assert sorted(m.relationship for m in household.members) == sorted(
        ["head", "spouse", "son", "daughter", "son"]
    )
    head = worker.beneficiaries.get(household.head_id)
    assert (head.first_name, head.household_relationship) == ("عادل", "head")
    for member in household.members:
        saved = worker.beneficiaries.get(member.beneficiary_id)
        assert (saved.household_id, saved.municipality_code) == (household.id, "LY021104")
    assert form.members_model.rowCount() == 5
    assert form.head_combo.code() == household.head_id


def test_a_row_already_registered_is_offered_instead(
    qtbot: QtBot, worker: AppServices, ui_worker: Worker, wait_idle: Callable[[], None]
) -> None:
    father = worker.beneficiaries.register(FATHER)
    form = _new_family_form(qtbot, worker, ui_worker)
    rows = type_family(form, family_of_five()[:3])
    form.save()
    qtbot.waitUntil(lambda: form.question is not None, timeout=WAIT_MS)
    dialog = form.question
    assert isinstance(dialog, DuplicatesDialog)
    assert not dialog.different_button.isVisibleTo(dialog)  # same national number
    assert rows[0].slots["national_number"].error() == (
        "«" + father.full_name + "» مسجَّل مسبقًا بهذا الرقم الوطني."
    )
    assert form.household is None
    dialog.use_button.click()  # add the registered man as the head instead of a new record
    qtbot.waitUntil(lambda: form.household is not None, timeout=WAIT_MS)
    wait_idle()
    household = form.household
    assert household is not None
    assert household.head_id == father.id
    assert len(household.members) == 3
    assert len(worker.beneficiaries.search("119800456789")) == 1  # not registered twice


def test_a_likely_duplicate_row_confirmed_different(
    qtbot: QtBot, worker: AppServices, ui_worker: Worker, wait_idle: Callable[[], None]
) -> None:
    from dataclasses import replace

    son = family_of_five()[2]
    existing = worker.beneficiaries.register(replace(son.person, national_number=""))
    form = _new_family_form(qtbot, worker, ui_worker)
    members = family_of_five()[:3]
    members[2] = replace(members[2], person=replace(son.person, national_number=""))
    rows = type_family(form, members)
    form.save()
    qtbot.waitUntil(lambda: form.question is not None, timeout=WAIT_MS)
    dialog = form.question
    assert isinstance(dialog, DuplicatesDialog)
    assert [c.id for c in dialog.candidates] == [existing.id]
    assert rows[2].slots["first_name"].error() == "قد يكون هذا الشخص مسجَّلًا مسبقًا."
    dialog.different_button.click()  # a different boy with the same name: registered anyway
    qtbot.waitUntil(lambda: form.household is not None, timeout=WAIT_MS)
    wait_idle()
    assert form.household is not None and len(form.household.members) == 3
