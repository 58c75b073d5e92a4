"""Breaking the glass: a worker opening another worker's case must give a reason; a short one
is refused in the dialog, a good one opens the case read-only (recorded, confidential parts
hidden). One window per case: opening it again brings the same window forward."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.domain.case_access import Access
from app.services.audit_log import AuditFilter
from app.services.dto import BeneficiaryView
from app.services.setup import AppServices
from app.ui.cases import opener
from app.ui.cases.break_glass_dialog import BreakGlassDialog
from app.ui.cases.window import CaseWindow
from app.ui.common.worker import Worker
from tests.ui.cases.windows import case_in_follow_up, open_window
from tests.ui.conftest import type_text

pytestmark = [
    pytest.mark.gui,
]


def the_dialog() -> BreakGlassDialog:
    found = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, BreakGlassDialog) and w.isVisible()
    ]
    assert len(found) == 1
    return found[0]


@pytest.fixture
def other_workers_case(worker: AppServices, registered: BeneficiaryView) -> str:
    """A case of the demo worker, with a confidential note; then a second worker logs in."""
    case = case_in_follow_up(worker, registered.id)
    worker.case_workflow.add_event(
        case.id, "note", {"text": "تفاصيل عن العنف الأسري", "confidential": True}
    )
    worker.accounts.login("worker2", "worker2-demo-2026")  # the demo branch's second worker
    return case.id


def test_a_short_reason_is_refused_and_a_good_one_opens_the_case_read_only(
    qtbot: QtBot,
    host: QWidget,
    worker: AppServices,
    other_workers_case: str,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    case_id = other_workers_case
    assert worker.cases.access(case_id) == Access.NEEDS_REASON
    seen: dict[str, object] = {}

    def answer() -> None:
        dialog = the_dialog()
        seen["explanation"] = " ".join(
            label.text() for label in dialog.findChildren(type(dialog.reason_slot.error_label))
        )
        type_text(dialog.reason_edit, "لأنني")
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
        seen["short"] = dialog.error_text()
        seen["still_open"] = dialog.isVisible()
        dialog.reason_edit.clear()
        type_text(dialog.reason_edit, "الأخصائية في إجازة والأسرة حضرت اليوم")
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    window = opener.open_case(host, worker, ui_worker, case_id)
    assert seen["short"] == "اكتب سبباً واضحاً: 10 أحرف على الأقل."
    assert seen["still_open"] is True
    assert "سجل التدقيق" in str(seen["explanation"])
    assert "3 ساعات" in str(seen["explanation"])
    assert isinstance(window, CaseWindow)
    wait_idle()
    view = window.view
    assert view is not None and view.access == Access.READ

    # Recorded: the grant exists (the same worker now reads without a reason) and is audited.
    assert worker.cases.access(case_id) == Access.READ
    worker.accounts.login("supervisor", "supervisor-demo-2026")
    entries = worker.audit_log.browse(AuditFilter(action_prefix="case.break_glass"))
    assert [(e.entity_id, e.details["reason"]) for e in entries] == [
        (case_id, "الأخصائية في إجازة والأسرة حضرت اليوم")
    ]

    # Read-only: everything shown, nothing to change.
    assert "للاطلاع فقط" in window.notice.text()
    assert not window.stages.isVisible()
    assert not any(b.isVisible() for b in window.action_buttons.values())
    assert window.details.summary.isReadOnly()
    assert not window.details.save_button.isVisible()
    model = window.timeline.model
    kinds = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert "ملاحظة" in kinds
    note_row = kinds.index("ملاحظة")
    assert model.index(note_row, 2).data() == "سري"
    assert "العنف" not in " ".join(
        str(model.index(r, c).data()) for r in range(model.rowCount()) for c in range(6)
    )
    window.timeline.select_row(note_row)
    assert "سري" in window.timeline.details.toPlainText()
    assert not window.timeline.visit_button.isVisible()

    # Opening it again brings the same window forward, without asking again.
    assert opener.open_case(host, worker, ui_worker, case_id) is window


def test_cancelling_the_reason_opens_nothing(
    qtbot: QtBot,
    host: QWidget,
    worker: AppServices,
    other_workers_case: str,
    ui_worker: Worker,
) -> None:
    QTimer.singleShot(0, lambda: the_dialog().reject())
    assert opener.open_case(host, worker, ui_worker, other_workers_case) is None
    assert opener.open_window(worker, other_workers_case) is None
    assert worker.cases.access(other_workers_case) == Access.NEEDS_REASON


def test_the_assigned_worker_opens_without_a_reason_and_may_edit(
    qtbot: QtBot,
    host: QWidget,
    worker: AppServices,
    registered: BeneficiaryView,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    case = case_in_follow_up(worker, registered.id)
    window = open_window(host, worker, ui_worker, case.id, wait_idle)
    assert window.view is not None and window.view.access == Access.EDIT
    assert window.notice.isHidden()
    assert window.action_buttons["note"].isVisible()
    assert not window.action_buttons["court_report"].isVisible()  # not a juvenile case
    assert not window.action_buttons["assign"].isVisible()  # supervisors only


def test_a_branch_admin_is_told_in_arabic_and_no_window_opens(
    qtbot: QtBot,
    host: QWidget,
    worker: AppServices,
    registered: BeneficiaryView,
    ui_worker: Worker,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    case = case_in_follow_up(worker, registered.id)
    worker.accounts.login("admin", "admin-demo-2026")
    shown: list[str] = []
    monkeypatch.setattr(
        opener.QMessageBox, "warning", lambda _parent, _title, text: shown.append(text)
    )
    assert opener.open_case(host, worker, ui_worker, case.id) is None
    assert opener.open_new_case(host, worker, ui_worker, registered.id) is None
    assert shown == ["لا يحق لك فتح الحالات.", "لا يحق لك فتح الحالات."]
    assert opener.open_window(worker, case.id) is None
