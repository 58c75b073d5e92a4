"""The closure checklist in the case window (issue 12): asking for closure, and approving it,
with a plan item still open, a referral still "sent" and a visit past its day with no outcome.
Each is refused until every item is resolved or given a reason; the supervisor sees the same
list with the worker's reasons. Checked in the database through the services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.domain.case_closure import item_field
from app.services.case_dto import CaseView
from app.services.dto import BeneficiaryView
from app.services.setup import AppServices
from app.ui.cases.record_dialogs import PlanItemStateDialog
from app.ui.cases.stage_buttons import APPROVE, REQUEST_CLOSURE
from app.ui.cases.status_dialogs import ApproveClosureDialog, ClosureDialog
from app.ui.common.worker import Worker
from tests.conftest import TODAY
from tests.ui.cases.windows import case_in_follow_up, open_window, state

pytestmark = [pytest.mark.gui]

REASONS = {
    "plan_item": "ستتابعه البلدية بعد الإغلاق",
    "referral": "لم ترد الجهة رغم التذكير",
    "visit": "انتقلت الأسرة قبل موعد الزيارة",
}


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def case_with_open_items(services: AppServices, person: str) -> CaseView:
    """A case in follow-up with an open plan item, a referral with no answer, a visit past
    its day with no outcome, and a visit still to come (not open: its day has not come)."""
    flow = services.case_workflow
    case = case_in_follow_up(services, person)
    flow.add_event(case.id, "referral", {"agency": "legal_aid", "reason": "محامٍ للأسرة"})
    flow.add_event(case.id, "visit", {"due_on": TODAY - timedelta(days=3), "place": "home"})
    flow.add_event(case.id, "visit", {"due_on": TODAY + timedelta(days=3), "place": "office"})
    return state(services, case.id)


def ask_closure(window: object) -> ClosureDialog:
    dialog = window.dialog  # type: ignore[attr-defined]
    assert isinstance(dialog, ClosureDialog)
    dialog.closure_reason.set_code("goals_achieved")
    return dialog


def test_a_request_lists_what_is_open_and_is_refused_until_each_has_a_reason(
    qtbot: QtBot,
    host: QWidget,
    worker: AppServices,
    registered: BeneficiaryView,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    case = case_with_open_items(worker, registered.id)
    window = open_window(host, worker, ui_worker, case.id, wait_idle)
    click(qtbot, window.stages.buttons[REQUEST_CLOSURE])
    closure = ask_closure(window)
    checklist = closure.checklist
    assert [i.kind for i in checklist.items] == ["plan_item", "referral", "visit"]
    labels = [checklist.describe(i) for i in checklist.items]
    assert "سكن" in labels[0] and "20/12/2026" in labels[0]
    assert "إدارة المحاماة الشعبية" in labels[1]
    assert (TODAY - timedelta(days=3)).strftime("%d/%m/%Y") in labels[2]
    assert not any(c.isascii() and c.isalpha() for c in "".join(labels))  # no English
    before = state(worker, case.id)
    # Every item but one given a reason: refused, the message beside the one left.
    (referral,) = [i for i in checklist.items if i.kind == "referral"]
    for item in checklist.items:
        if item is not referral:
            checklist.boxes[item.chain].setPlainText(REASONS[item.kind])
    click(qtbot, closure.ok_button)
    wait_idle()
    assert closure.isVisible()
    message = closure.error_text(item_field(referral.chain))
    assert "إدارة المحاماة الشعبية" in message and "مفتوح" in message
    assert closure.status_text() == ""
    after = state(worker, case.id)
    assert (after.status, len(after.events)) == ("follow_up", len(before.events))
    # With the last reason, the request goes through and carries the reasons.
    checklist.boxes[referral.chain].setPlainText(REASONS["referral"])
    click(qtbot, closure.ok_button)
    wait_idle()
    view = state(worker, case.id)
    assert view.status == "pending_closure"
    stored = view.events[-1].payload["open_items"]
    assert [(i["kind"], i["reason"]) for i in stored] == [  # type: ignore[union-attr,index]
        (k, REASONS[k]) for k in ("plan_item", "referral", "visit")
    ]
    # The timeline's details of the request show the items and their reasons.
    window.timeline.select_event(view.events[-1].id)
    details = window.timeline.details.toPlainText()
    assert REASONS["referral"] in details and "إدارة المحاماة الشعبية" in details


def test_an_item_resolved_from_the_checklist_leaves_it(
    qtbot: QtBot,
    host: QWidget,
    worker: AppServices,
    registered: BeneficiaryView,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    case = case_with_open_items(worker, registered.id)
    window = open_window(host, worker, ui_worker, case.id, wait_idle)
    click(qtbot, window.stages.buttons[REQUEST_CLOSURE])
    closure = ask_closure(window)
    checklist = closure.checklist
    plan = checklist.items[0]
    checklist.boxes[checklist.items[1].chain].setPlainText("سبب مكتوب قبل حل البند")
    click(qtbot, checklist.resolve_buttons[plan.chain])
    resolve = checklist.dialog
    assert isinstance(resolve, PlanItemStateDialog)
    resolve.state.set_code("done")
    click(qtbot, resolve.ok_button)
    wait_idle()
    assert [i.kind for i in checklist.items] == ["referral", "visit"]
    # What was typed stays; the window shows the item done.
    assert checklist.boxes[checklist.items[0].chain].toPlainText() == "سبب مكتوب قبل حل البند"
    assert [e.state for e in window.view.current_events("plan_item")] == ["done"]  # type: ignore[union-attr]
    assert closure.isVisible()
    # The rebuilt list still takes its errors beside each item.
    visit = checklist.items[1]
    click(qtbot, closure.ok_button)
    wait_idle()
    assert "مفتوح" in closure.error_text(item_field(visit.chain))
    assert closure.status_text() == ""
    checklist.boxes[visit.chain].setPlainText(REASONS["visit"])
    click(qtbot, closure.ok_button)
    wait_idle()
    stored = state(worker, case.id).events[-1].payload["open_items"]
    assert [i["kind"] for i in stored] == ["referral", "visit"]  # type: ignore[union-attr,index]


def test_the_supervisor_sees_the_same_list_with_the_reasons_and_rechecks_it(
    qtbot: QtBot,
    host: QWidget,
    worker: AppServices,
    registered: BeneficiaryView,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    case = case_with_open_items(worker, registered.id)
    flow = worker.case_workflow
    reasons = {i.chain: REASONS[i.kind] for i in flow.closure_checklist(case)}
    flow.move(case.id, "pending_closure", closure_reason="declined", open_reasons=reasons)
    # Since the request, another visit fell due with no outcome: it has no reason yet.
    late = flow.add_event(
        case.id, "visit", {"due_on": TODAY - timedelta(days=1), "place": "school"}
    )
    worker.accounts.login("supervisor", "supervisor-demo-2026")
    window = open_window(host, worker, ui_worker, case.id, wait_idle)
    click(qtbot, window.stages.buttons[APPROVE])
    approve = window.dialog
    assert isinstance(approve, ApproveClosureDialog)
    checklist = approve.checklist
    shown = {i.chain: checklist.boxes[i.chain] for i in checklist.items}
    assert {c: b.toPlainText() for c, b in shown.items() if c in reasons} == reasons
    assert all(shown[c].isReadOnly() for c in reasons)
    assert not shown[late.id].isReadOnly() and shown[late.id].toPlainText() == ""
    click(qtbot, approve.ok_button)
    wait_idle()
    assert approve.isVisible()
    assert "مفتوح" in approve.error_text(item_field(late.id))
    assert state(worker, case.id).status == "pending_closure"
    shown[late.id].setPlainText("الزيارة لم تعد لازمة بعد انتقال الأسرة")
    click(qtbot, approve.ok_button)
    wait_idle()
    view = state(worker, case.id)
    assert view.status == "closed"
    stored = {i["event"]: i["reason"] for i in view.events[-1].payload["open_items"]}  # type: ignore[union-attr,index]
    assert stored == {**reasons, late.id: "الزيارة لم تعد لازمة بعد انتقال الأسرة"}
