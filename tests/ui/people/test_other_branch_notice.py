"""A record HQ found at another branch too says so on the person's form, in Arabic, naming the
other branch, its record and what matched; the notice goes when HQ dismisses the pair."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select, update

from app.db.models import BeneficiaryRow
from app.db.registry_models import PersonRedirectRow
from app.domain.errors import DomainError, ErrorCode
from app.services.dto import BeneficiaryView
from app.services.setup import AppServices
from app.sync.branch_flags import apply_flag
from app.sync.branch_redirects import apply_redirect
from app.ui.common.worker import Worker
from app.ui.people.beneficiary_form import BeneficiaryForm
from tests.services.people import numbered
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


def test_a_record_merged_at_hq_opens_the_survivor_read_only(
    qtbot: QtBot,
    worker: AppServices,
    ui_worker: Worker,
    registered: BeneficiaryView,
    wait_idle: Callable[[], None],
) -> None:
    """HQ merged this branch's record into TRP01's record of the same person: opening it
    opens TRP01's record, says why, and offers no editing (TRP01 edits it)."""
    survivor = worker.beneficiaries.register(numbered(4))
    with worker.ctx.db.transaction(None) as session:
        session.execute(
            update(BeneficiaryRow)
            .where(BeneficiaryRow.id == survivor.id)
            .values(origin_branch="TRP01")  # as HQ's rows line brings it
        )
        line = {
            "kind": "redirect", "merge": 3, "pair": 7, "retired": registered.id,
            "retired_branch": worker.ctx.branch_code, "survivor": survivor.id,
            "survivor_branch": "TRP01", "status": "active",
        }  # fmt: skip
        assert apply_redirect(session, line, worker.ctx.branch_code, set())
    form = opened(qtbot, worker, ui_worker, registered.id)
    wait_idle()
    assert form.view is not None and form.view.id == survivor.id
    assert form.record_id.text() == survivor.person_number
    assert survivor.person_number and survivor.person_number != registered.person_number
    text = form.other_branch.text()
    assert form.other_branch.isVisible() and "دُمج السجلان" in text
    assert registered.person_number in text and survivor.person_number in text and "TRP01" in text
    assert registered.id not in text and survivor.id not in text  # the UUIDs stay inside
    assert not form.edit_button.isEnabled()
    assert "للاطلاع فقط" in form.edit_button.toolTip()
    form.start_editing()  # the shortcut path too
    assert form.mode.name == "VIEW"
    assert_arabic(form)
    with pytest.raises(DomainError) as refused:  # and the service refuses, whatever the UI
        worker.beneficiaries.update(survivor.id, numbered(4), survivor.row_version)
    assert refused.value.code is ErrorCode.RECORD_OF_OTHER_BRANCH


def test_a_redirect_line_of_the_wrong_shape_changes_nothing(worker: AppServices) -> None:
    good = {"merge": 3, "retired": "r", "survivor": "s", "survivor_branch": "TRP01",
            "status": "active"}  # fmt: skip
    bad = [
        {**good, "merge": "3"}, {**good, "merge": True}, {**good, "retired": "x" * 37},
        {**good, "status": "maybe"}, {**good, "forget": "all"}, {**good, "survivor": None},
    ]  # fmt: skip
    with worker.ctx.db.transaction(None) as session:
        assert [apply_redirect(session, line, "SEB01", set()) for line in bad] == [False] * 6
        assert session.scalar(select(func.count()).select_from(PersonRedirectRow)) == 0
