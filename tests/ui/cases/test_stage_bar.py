"""The stage bar's "next step" (issue 12): in every stage, for a worker and a supervisor, with
or without what the stage needs recorded, no button offers a stage backwards or says "back";
and a stage does not advance with nothing recorded for it (the refusal is said in Arabic and
changes nothing), a reopened case included."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.domain.cases import STATUS_ORDER, CaseFacts, CaseStatus, next_statuses
from app.services.dto import BeneficiaryView
from app.services.setup import AppServices
from app.ui.cases.stage_buttons import StageBar, stage_actions
from app.ui.common.worker import Worker
from tests.ui.cases.test_models import view
from tests.ui.cases.windows import case_in_follow_up, open_window, state

pytestmark = [pytest.mark.gui]

BACK_WORDS = ("عودة", "العودة", "رجوع", "الرجوع", "إرجاع", "السابقة", "back", "Back")


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("status", [s.value for s in CaseStatus])
def test_the_next_step_never_goes_back(qtbot: QtBot, status: str) -> None:
    bar = StageBar()
    qtbot.addWidget(bar)
    seen = 0
    for supervisor, assessed, planned in itertools.product((True, False), repeat=3):
        facts = CaseFacts(CaseStatus(status), assessed, planned)
        moves = tuple(next_statuses(facts, by_supervisor=supervisor))
        for offered in (moves, tuple(s.value for s in CaseStatus)):  # and everything at once
            case = view(status, offered)
            bar.show_case(case)
            here = STATUS_ORDER.index(CaseStatus(status))
            for action, button in bar.buttons.items():
                seen += 1
                text = button.text()
                assert not any(word in text for word in BACK_WORDS), (status, text)
                assert not any(c.isascii() and c.isalpha() for c in text), text  # Arabic
                if action.startswith("move:"):
                    target = CaseStatus(action.removeprefix("move:"))
                    assert STATUS_ORDER.index(target) > here, (status, action)
            assert list(bar.buttons) == stage_actions(case)
    assert seen  # every stage offers something to someone (the closed one: reopen)
    if status == "closed":
        bar.show_case(view(status, tuple(s.value for s in CaseStatus)))
        assert list(bar.buttons) == ["reopen"]


def test_the_worker_in_follow_up_is_not_offered_the_plan_again() -> None:
    case = view("follow_up", ("plan", "pending_closure"))
    assert stage_actions(case) == ["request_closure"]
    assert stage_actions(replace(case, status="plan")) == ["move:follow_up", "request_closure"]


def test_a_stage_does_not_advance_with_nothing_recorded(
    qtbot: QtBot,
    host: QWidget,
    worker: AppServices,
    registered: BeneficiaryView,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    flow = worker.case_workflow
    case = case_in_follow_up(worker, registered.id)
    item = state(worker, case.id).current_events("plan_item")[0]
    flow.amend_event(item.id, {**item.payload, "state": "done"})  # nothing left open
    # Closed, then reopened: the old assessment and plan no longer count.
    worker.accounts.login("supervisor", "supervisor-demo-2026")
    flow.move(case.id, "closed", closure_reason="goals_achieved")
    flow.move(case.id, "assessment", reason="عادت الأسرة تطلب المساعدة")
    window = open_window(host, worker, ui_worker, case.id, wait_idle)
    before = state(worker, case.id)
    click(qtbot, window.stages.buttons["move:plan"])
    wait_idle()
    assert window.message_text() == "سجّل تقييماً للحالة قبل إعداد خطة الحالة."
    after = state(worker, case.id)
    assert (after.status, len(after.events)) == ("assessment", len(before.events))
    # An assessment recorded now: on to the plan, which needs a plan item of its own.
    flow.add_event(case.id, "assessment", {"needs": ["income"], "risk_level": "low",
                                           "summary": "تقييم بعد إعادة الفتح"})  # fmt: skip
    window.reload()
    wait_idle()
    click(qtbot, window.stages.buttons["move:plan"])
    wait_idle()
    assert state(worker, case.id).status == "plan"
    click(qtbot, window.stages.buttons["move:follow_up"])
    wait_idle()
    assert window.message_text() == "أضف بنداً واحداً على الأقل إلى خطة الحالة قبل المتابعة."
    assert state(worker, case.id).status == "plan"
