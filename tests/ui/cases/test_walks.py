"""Working a case through its window, as the issue describes: a social worker opens a case
from a person's record and takes it to a closure request; a supervisor approves one closure
and refuses another; a move the workflow refuses is explained in Arabic and changes nothing.
Every step is checked in the database (through the services), not only on screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.domain.case_access import Access
from app.services.dto import BeneficiaryView
from app.services.setup import AppServices
from app.ui.cases import opener
from app.ui.cases.event_dialogs import (
    AssessmentDialog,
    PlanItemDialog,
    VisitDialog,
    VisitOutcomeDialog,
)
from app.ui.cases.new_dialog import NewCaseDialog
from app.ui.cases.record_dialogs import ReferralDialog
from app.ui.cases.stage_buttons import APPROVE, REFUSE, REOPEN, REQUEST_CLOSURE
from app.ui.cases.status_dialogs import ApproveClosureDialog, ClosureDialog, RefuseClosureDialog
from app.ui.cases.window import CaseWindow
from app.ui.common.worker import Worker
from app.ui.people.beneficiary_form import CASES_TAB, BeneficiaryForm
from tests.conftest import TODAY
from tests.ui.cases.windows import (
    case_in_follow_up,
    open_displaced_case,
    open_window,
    reasons_for_all,
    state,
)

pytestmark = [
    pytest.mark.gui,
]

REQUIRED = "هذا الحقل مطلوب."


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_worker_takes_a_case_from_the_person_to_a_closure_request(
    qtbot: QtBot,
    host: QWidget,
    worker: AppServices,
    registered: BeneficiaryView,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    form = BeneficiaryForm(worker, ui_worker, registered.id, parent=host)
    form.show()
    wait_idle()
    form.tabs.setCurrentIndex(CASES_TAB)
    panel = form.cases_panel
    assert panel.model.rowCount() == 0
    assert panel.message.text() == "لم تُفتح أي حالة لهذا الشخص."

    # Open a new case: the type's own required fields are checked beside each field.
    click(qtbot, panel.new_button)
    dialog = panel.findChild(NewCaseDialog)
    assert isinstance(dialog, NewCaseDialog)
    wait_idle()
    assert registered.full_name in dialog.intro.text()
    dialog.case_type.set_code("prisoner_family")
    assert dialog.type_fields is not None
    dialog.summary.setPlainText("الأب موقوف والأسرة بلا دخل")
    click(qtbot, dialog.ok_button)
    wait_idle()
    assert dialog.error_text("extra.prisoner_name") == REQUIRED
    assert dialog.error_text("extra.institution") == REQUIRED
    assert dialog.isVisible()
    assert worker.cases.cases_of(registered.id) == []

    inputs = dialog.type_fields.inputs
    inputs["prisoner_name"].setText("علي سالم الورفلي")  # type: ignore[attr-defined]
    inputs["institution"].setText("مؤسسة الإصلاح والتأهيل الجديدة")  # type: ignore[attr-defined]
    click(qtbot, dialog.ok_button)
    wait_idle()
    cases = worker.cases.cases_of(registered.id)
    assert [c.status for c in cases] == ["new"]
    case_id = cases[0].id
    window = opener.open_window(worker, case_id)
    assert isinstance(window, CaseWindow) and window.isVisible()
    assert panel.model.rowCount() == 1  # the person's list shows the new case
    assert window.header.status.text() == "جديدة"
    assert window.header.type_name.text() == "أسرة سجين"
    assert window.header.person.text() == registered.full_name
    assert window.header.national_number.text() == "119850123456"

    # New -> assessment, with the assessment recorded.
    click(qtbot, window.stages.buttons["move:assessment"])
    wait_idle()
    assert state(worker, case_id).status == "assessment"
    assert window.header.status.text() == "التقييم"
    click(qtbot, window.action_buttons["assessment"])
    assessment = window.dialog
    assert isinstance(assessment, AssessmentDialog)
    assessment.needs.boxes["income"].setChecked(True)
    assessment.needs.boxes["psychosocial"].setChecked(True)
    assessment.risk_level.set_code("high")
    assessment.summary.setPlainText("الأسرة بلا معيل منذ ستة أشهر")
    click(qtbot, assessment.ok_button)
    wait_idle()
    view = state(worker, case_id)
    assert view.risk_level == "high"
    assert view.current_events("assessment")[0].payload["needs"] == ["income", "psychosocial"]
    assert window.header.risk.text() == "مرتفع"

    # -> plan, with a plan item.
    click(qtbot, window.stages.buttons["move:plan"])
    wait_idle()
    assert state(worker, case_id).status == "plan"
    click(qtbot, window.action_buttons["plan_item"])
    item = window.dialog
    assert isinstance(item, PlanItemDialog)
    item.goal.setText("دخل شهري للأسرة")
    item.action.setPlainText("ملف لدى صندوق التضامن")
    item.owner.setText("الأخصائية")
    item.due_on.set_value(TODAY + timedelta(days=30))
    click(qtbot, item.ok_button)
    wait_idle()
    assert state(worker, case_id).next_due_on == TODAY + timedelta(days=30)

    # -> follow-up; a visit planned, then marked done.
    click(qtbot, window.stages.buttons["move:follow_up"])
    wait_idle()
    assert state(worker, case_id).status == "follow_up"
    click(qtbot, window.action_buttons["visit"])
    visit = window.dialog
    assert isinstance(visit, VisitDialog)
    visit.due_on.set_value(TODAY + timedelta(days=3))
    visit.place.set_code("home")
    click(qtbot, visit.ok_button)
    wait_idle()
    view = state(worker, case_id)
    assert view.next_due_on == TODAY + timedelta(days=3)
    assert [e.state for e in view.current_events("visit")] == ["planned"]
    assert window.timeline.selected() is not None
    assert window.timeline.selected().kind == "visit"  # type: ignore[union-attr]

    click(qtbot, window.timeline.visit_button)
    outcome = window.dialog
    assert isinstance(outcome, VisitOutcomeDialog)
    click(qtbot, outcome.ok_button)  # "done" needs an outcome
    wait_idle()
    assert outcome.error_text("outcome") == REQUIRED
    outcome.outcome.setPlainText("الأسرة في المنزل، الأطفال في المدرسة")
    click(qtbot, outcome.ok_button)
    wait_idle()
    view = state(worker, case_id)
    visits = [e for e in view.events if e.kind == "visit"]
    assert [(e.state, e.superseded) for e in visits] == [("planned", True), ("done", False)]
    assert view.last_visit_on == TODAY
    assert view.next_due_on == TODAY + timedelta(days=30)  # the plan item is next now
    assert window.header.last_visit.text() == TODAY.strftime("%d/%m/%Y")
    rows = window.timeline.model
    corrected = [
        r
        for r in range(rows.rowCount())
        if rows.event_at(r).superseded  # type: ignore[union-attr]
    ]
    assert [rows.index(r, 3).data() for r in corrected] == ["مُصحَّح"]

    # A referral.
    click(qtbot, window.action_buttons["referral"])
    referral = window.dialog
    assert isinstance(referral, ReferralDialog)
    referral.agency.set_code("social_solidarity_fund")
    referral.reason.setPlainText("طلب منحة شهرية للأسرة")
    click(qtbot, referral.ok_button)
    wait_idle()
    sent = state(worker, case_id).current_events("referral")
    assert [(e.payload["agency"], e.state) for e in sent] == [("social_solidarity_fund", "sent")]
    assert "صندوق التضامن الاجتماعي" in window.timeline.model.index(0, 2).data()

    # Request closure: the reason is required, beside its field.
    click(qtbot, window.stages.buttons[REQUEST_CLOSURE])
    closure = window.dialog
    assert isinstance(closure, ClosureDialog)
    click(qtbot, closure.ok_button)
    wait_idle()
    assert closure.error_text("closure_reason") == REQUIRED
    assert state(worker, case_id).status == "follow_up"
    closure.closure_reason.set_code("goals_achieved")
    closure.note.setPlainText("حصلت الأسرة على منحة شهرية")
    # Still open: the plan item and the referral with no answer; each needs a reason.
    items = closure.checklist.items
    assert [i.kind for i in items] == ["plan_item", "referral"]
    click(qtbot, closure.ok_button)
    wait_idle()
    assert "مفتوح" in closure.error_text(f"open_item.{items[0].chain}")
    assert state(worker, case_id).status == "follow_up"
    for item in items:
        closure.checklist.boxes[item.chain].setPlainText("يتابعه الصندوق بعد الإغلاق")
    click(qtbot, closure.ok_button)
    wait_idle()
    view = state(worker, case_id)
    assert (view.status, view.closure_reason) == ("pending_closure", "goals_achieved")
    assert window.header.status.text() == "طلب إغلاق"
    assert "بانتظار قرار المشرف" in window.notice.text()
    assert window.stages.buttons == {}  # nothing left for the worker to move
    assert not window.action_buttons["assign"].isVisible()
    qtbot.waitUntil(lambda: panel.model.index(0, 2).data() == "طلب إغلاق", timeout=5000)


def test_a_supervisor_approves_a_closure(
    qtbot: QtBot,
    host: QWidget,
    worker: AppServices,
    registered: BeneficiaryView,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    case = case_in_follow_up(worker, registered.id)
    worker.case_workflow.move(
        case.id, "pending_closure", closure_reason="moved_away", reason="انتقلت إلى سبها",
        open_reasons=reasons_for_all(worker, case.id),
    )  # fmt: skip
    worker.accounts.login("supervisor", "supervisor-demo-2026")
    window = open_window(host, worker, ui_worker, case.id, wait_idle)
    assert window.view is not None and window.view.access == Access.EDIT
    assert list(window.stages.buttons) == [APPROVE, REFUSE]
    click(qtbot, window.stages.buttons[APPROVE])
    approve = window.dialog
    assert isinstance(approve, ApproveClosureDialog)
    assert "انتقلت إلى سبها" in approve.form.slots["reason"].widgets[0].toPlainText()  # type: ignore[attr-defined]
    click(qtbot, approve.ok_button)
    wait_idle()
    view = state(worker, case.id)
    assert (view.status, view.closed_on, view.closure_reason) == ("closed", TODAY, "moved_away")
    assert window.header.status.text() == "مغلقة"
    assert "انتقل إلى مكان آخر" in window.header.closure.text()
    assert list(window.stages.buttons) == [REOPEN]
    assert not any(window.action_buttons[k].isVisible() for k in ("assessment", "visit", "note"))


def test_a_supervisor_refuses_a_closure_with_a_reason_and_the_case_goes_back(
    qtbot: QtBot,
    host: QWidget,
    worker: AppServices,
    registered: BeneficiaryView,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    case = case_in_follow_up(worker, registered.id)
    worker.case_workflow.move(
        case.id, "pending_closure", closure_reason="goals_achieved",
        open_reasons=reasons_for_all(worker, case.id),
    )  # fmt: skip
    worker.accounts.login("supervisor", "supervisor-demo-2026")
    window = open_window(host, worker, ui_worker, case.id, wait_idle)
    click(qtbot, window.stages.buttons[REFUSE])
    refuse = window.dialog
    assert isinstance(refuse, RefuseClosureDialog)
    click(qtbot, refuse.ok_button)  # no reason
    wait_idle()
    assert refuse.error_text("reason") == REQUIRED
    assert state(worker, case.id).status == "pending_closure"
    refuse.reason.setPlainText("لم تُنفذ الزيارة المنزلية الأخيرة بعد")
    click(qtbot, refuse.ok_button)
    wait_idle()
    view = state(worker, case.id)
    assert (view.status, view.closure_reason) == ("follow_up", None)
    last = view.events[-1]
    assert (last.kind, last.payload["to"]) == ("status_change", "follow_up")
    assert last.payload["reason"] == "لم تُنفذ الزيارة المنزلية الأخيرة بعد"
    assert window.header.status.text() == "المتابعة"
    assert "لم تُنفذ الزيارة المنزلية" in window.timeline.model.index(0, 2).data()
    assert REQUEST_CLOSURE in window.stages.buttons


def test_a_refused_move_is_explained_in_arabic_and_changes_nothing(
    qtbot: QtBot,
    host: QWidget,
    worker: AppServices,
    registered: BeneficiaryView,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    case = open_displaced_case(worker, registered.id)
    worker.case_workflow.move(case.id, "assessment")
    before = state(worker, case.id)
    window = open_window(host, worker, ui_worker, case.id, wait_idle)
    # Offered (the natural next step) although no assessment was recorded yet.
    assert "plan" not in window.view.next_statuses  # type: ignore[union-attr]
    click(qtbot, window.stages.buttons["move:plan"])
    wait_idle()
    assert window.message_text() == "سجّل تقييماً للحالة قبل إعداد خطة الحالة."
    assert window.message.isVisible()
    after = state(worker, case.id)
    assert (after.status, after.row_version, len(after.events)) == (
        "assessment",
        before.row_version,
        len(before.events),
    )
    assert window.header.status.text() == "التقييم"
    assert "Traceback" not in window.message_text()
