"""A record HQ found at another branch too says so on the person's form, in Arabic, naming the
other branch, its record and what matched; the notice goes when HQ dismisses the pair."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from app.services.dto import BeneficiaryView
from app.services.setup import AppServices
from app.sync.branch_flags import apply_flag
from app.ui.common.worker import Worker
from app.ui.people.beneficiary_form import BeneficiaryForm
from tests.ui.arabic_checks import assert_arabic

pytestmark = pytest.mark.gui

OTHER = "01a24f2c-60ea-7a07-8948-0b1d2dbb59c2"


def flag(services: AppServices, person: str, status: str = "open") -> None:
    line = {
        "kind": "duplicate_flag", "pair": 7, "person": person, "other_branch": "BEN01",
        "other_person": OTHER, "matched": ["national_number", "name"], "status": status,
    }  # fmt: skip
    with services.ctx.db.transaction(None) as session:
        assert apply_flag(session, line)


def opened(qtbot: QtBot, services: AppServices, ui_worker: Worker, person: str) -> BeneficiaryForm:
    form = BeneficiaryForm(services, ui_worker, person)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: form.view is not None)
    return form


def test_the_form_says_the_person_may_be_at_another_branch(
    qtbot: QtBot,
    worker: AppServices,
    ui_worker: Worker,
    registered: BeneficiaryView,
    wait_idle: Callable[[], None],
) -> None:
    form = opened(qtbot, worker, ui_worker, registered.id)
    wait_idle()
    assert not form.other_branch.isVisible()  # no flag: no notice
    form.close()

    flag(worker, registered.id)
    form = opened(qtbot, worker, ui_worker, registered.id)
    wait_idle()
    assert form.other_branch.isVisible()
    text = form.other_branch.text()
    assert "قد يكون هذا الشخص نفسه مسجَّلًا في فرع آخر" in text
    assert "BEN01" in text and OTHER in text
    assert "الرقم الوطني، الاسم الرباعي" in text
    assert_arabic(form)
    form.close()

    flag(worker, registered.id, status="dismissed")
    form = opened(qtbot, worker, ui_worker, registered.id)
    wait_idle()
    assert not form.other_branch.isVisible()


def test_a_flag_line_of_the_wrong_shape_changes_nothing(worker: AppServices) -> None:
    bad = [
        {"pair": "7", "status": "open"},
        {"pair": 7, "status": "open", "person": "x" * 37, "other_branch": "B",
         "other_person": "y", "matched": []},
        {"pair": 7, "status": "open", "person": "x", "other_branch": "B", "other_person": "y",
         "matched": ["a" * 21]},
        {"pair": True, "status": "dismissed"},
    ]  # fmt: skip
    with worker.ctx.db.transaction(None) as session:
        assert [apply_flag(session, line) for line in bad] == [False] * 4
    assert worker.registry_flags.flags_of("x") == []
