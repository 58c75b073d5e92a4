"""The beneficiary form: bad input, duplicates, editing with history, stale edits."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from app.services.dto import BeneficiaryView
from app.services.setup import AppServices
from app.ui.common.worker import Worker
from app.ui.people import beneficiary_form as form_module
from app.ui.people.beneficiary_form import BeneficiaryForm, Mode
from tests.ui.conftest import person

pytestmark = pytest.mark.gui


def fill(form: BeneficiaryForm, **overrides: object) -> None:
    draft = person(**overrides)
    f = form.fields
    for key in ("first_name", "father_name", "grandfather_name", "family_name"):
        f.names[key].setText(getattr(draft, key))
    f.mother.setText(draft.mother_name)
    f.sex.set_code(draft.sex)
    assert isinstance(draft.birth_date, date)
    f.birth_date.set_value(draft.birth_date)
    f.national_number.setText(draft.national_number)
    for edit, phone in zip(f.phones, [*draft.phones, "", "", ""], strict=False):
        edit.setText(phone)
    f.municipality.set_code(draft.municipality_code)


@pytest.fixture
def new_form(qtbot: QtBot, worker: AppServices, ui_worker: Worker) -> BeneficiaryForm:
    form = BeneficiaryForm(worker, ui_worker)
    qtbot.addWidget(form)
    form.show()
    return form


def test_invalid_national_number_is_shown_beside_the_field_and_nothing_saved(
    new_form: BeneficiaryForm, worker: AppServices, wait_idle: Callable[[], None]
) -> None:
    fill(new_form, national_number="12345")
    new_form.fields.phones[1].setText("12")
    new_form.save()
    wait_idle()
    fields = new_form.fields
    assert fields.error_text("national_number") == ("الرقم الوطني 12 رقمًا ويبدأ بالرقم 1 أو 2.")
    assert fields.error_text("phones").startswith("ليس رقم هاتف ليبيًا")
    assert fields.error_text("first_name") == ""
    assert new_form.mode is Mode.NEW
    assert "لم يُحفظ شيء" in new_form.status.text()
    assert worker.beneficiaries.search("") == []

    # Corrected, it saves; the old messages disappear.
    fields.national_number.setText("119850123456")
    fields.phones[1].clear()
    new_form.save()
    wait_idle()
    assert new_form.mode is Mode.VIEW
    assert fields.error_text("national_number") == ""
    assert len(worker.beneficiaries.search("")) == 1


def test_every_missing_required_field_gets_its_message(
    new_form: BeneficiaryForm, worker: AppServices, wait_idle: Callable[[], None]
) -> None:
    new_form.save()
    wait_idle()
    for key in (
        "first_name",
        "father_name",
        "grandfather_name",
        "family_name",
        "mother_name",
        "sex",
        "birth_date",
    ):
        assert new_form.fields.error_text(key) == "هذا الحقل مطلوب.", key
    assert worker.beneficiaries.search("") == []


def test_exact_national_number_links_to_the_existing_record(
    qtbot: QtBot,
    new_form: BeneficiaryForm,
    registered: BeneficiaryView,
    wait_idle: Callable[[], None],
) -> None:
    fill(new_form, first_name="أحمد", mother_name="زينب علي")  # same national number
    new_form.save()
    wait_idle()
    assert new_form.fields.error_text("national_number") == ("يوجد شخص مسجَّل بهذا الرقم الوطني.")
    assert not new_form.open_existing_button.isHidden()
    with qtbot.waitSignal(new_form.open_beneficiary) as signal:
        new_form.open_existing_button.click()
    assert signal.args == [registered.id]


def test_likely_duplicate_then_a_different_person(
    qtbot: QtBot,
    new_form: BeneficiaryForm,
    worker: AppServices,
    registered: BeneficiaryView,
    wait_idle: Callable[[], None],
) -> None:
    # Same person written differently (على / الورفلى), no national number.
    fill(new_form, father_name="على", family_name="الورفلى", national_number="")
    new_form.save()
    wait_idle()
    dialog = new_form.duplicates_dialog
    assert dialog is not None and dialog.isVisible()
    assert [c.id for c in dialog.candidates] == [registered.id]
    assert dialog.model.index(0, 0).data() == registered.full_name
    assert len(worker.beneficiaries.search("")) == 1  # nothing saved yet

    dialog.different_button.click()
    wait_idle()
    assert new_form.mode is Mode.VIEW
    assert new_form.view is not None
    assert {h.id for h in worker.beneficiaries.search("")} == {registered.id, new_form.view.id}


def test_likely_duplicate_then_open_the_existing_one(
    qtbot: QtBot,
    new_form: BeneficiaryForm,
    worker: AppServices,
    registered: BeneficiaryView,
    wait_idle: Callable[[], None],
) -> None:
    fill(new_form, father_name="على", national_number="")
    new_form.save()
    wait_idle()
    dialog = new_form.duplicates_dialog
    assert dialog is not None
    with qtbot.waitSignal(new_form.open_beneficiary) as signal:
        dialog.open_button.click()
    assert signal.args == [registered.id]
    assert new_form.mode is Mode.NEW
    assert len(worker.beneficiaries.search("")) == 1


def test_edit_saves_and_history_shows_the_change(
    qtbot: QtBot,
    worker: AppServices,
    ui_worker: Worker,
    registered: BeneficiaryView,
    wait_idle: Callable[[], None],
) -> None:
    form = BeneficiaryForm(worker, ui_worker, registered.id)
    qtbot.addWidget(form)
    form.show()
    wait_idle()
    assert form.mode is Mode.VIEW
    assert form.fields.names["first_name"].isReadOnly()
    assert form.fields.national_number.text() == "119850123456"
    assert form.record_id.text() == registered.person_number  # the readable number, not the id
    assert registered.person_number.endswith("-P-000001")
    form.start_editing()
    form.fields.address.setText("حي الأندلس")
    form.fields.marital.set_code("married")
    form.save()
    wait_idle()
    assert form.mode is Mode.VIEW
    after = worker.beneficiaries.get(registered.id)
    assert after.address == "حي الأندلس"
    assert after.row_version == registered.row_version + 1
    assert form.record_id.text() == after.person_number == registered.person_number
    rows = [form.history.model().index(r, 3).data() for r in range(form.history.model().rowCount())]
    assert "العنوان" in rows and "الحالة الاجتماعية" in rows


def test_stale_edit_is_refused_with_a_message(
    qtbot: QtBot,
    worker: AppServices,
    ui_worker: Worker,
    registered: BeneficiaryView,
    wait_idle: Callable[[], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        form_module.QMessageBox, "warning", lambda _parent, _title, text: shown.append(text)
    )
    form = BeneficiaryForm(worker, ui_worker, registered.id)
    qtbot.addWidget(form)
    wait_idle()
    form.start_editing()
    # Someone else saves the same record meanwhile.
    worker.beneficiaries.update(
        registered.id, person(address="شارع عمر المختار"), expected_version=registered.row_version
    )
    form.fields.address.setText("حي الأندلس")
    form.save()
    wait_idle()
    assert shown == ["عدّل مستخدم آخر هذا السجل بعد أن فتحته. أغلقه ثم افتحه من جديد."]
    assert worker.beneficiaries.get(registered.id).address == "شارع عمر المختار"


def test_escape_with_changes_asks_first(
    qtbot: QtBot, new_form: BeneficiaryForm, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [False, True]
    asked: list[bool] = []

    def confirm(_parent: object) -> bool:
        asked.append(True)
        return answers.pop(0)

    monkeypatch.setattr(form_module.dialogs, "confirm_discard", confirm)
    new_form.fields.names["first_name"].setText("سالم")
    new_form.fields.edited.emit()
    new_form.reject()
    assert new_form.isVisible()  # kept editing
    new_form.reject()
    assert not new_form.isVisible()
    assert len(asked) == 2


def test_escape_without_changes_just_closes(new_form: BeneficiaryForm) -> None:
    new_form.reject()
    assert not new_form.isVisible()
