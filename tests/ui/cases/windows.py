"""Helpers of the case window tests: open a case's window the way the desk does, and take a
case to follow-up through the services."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from app.services.case_dto import CaseDraft, CaseView
from app.services.setup import AppServices
from app.ui.cases import opener
from app.ui.cases.window import CaseWindow
from app.ui.common.worker import Worker


def open_window(
    host: QWidget, services: AppServices, ui_worker: Worker, case_id: str, wait: Callable[[], None]
) -> CaseWindow:
    window = opener.open_case(host, services, ui_worker, case_id)
    assert isinstance(window, CaseWindow)
    wait()
    assert window.view is not None, window.message_text()
    return window


def open_displaced_case(services: AppServices, beneficiary_id: str) -> CaseView:
    return services.cases.open_case(
        CaseDraft(beneficiary_id=beneficiary_id, type_code="displaced", summary="أسرة نازحة")
    )


def case_in_follow_up(services: AppServices, beneficiary_id: str) -> CaseView:
    """A case taken to follow-up through the services (the worker is logged in)."""
    flow = services.case_workflow
    case = open_displaced_case(services, beneficiary_id)
    flow.move(case.id, "assessment")
    flow.add_event(
        case.id,
        "assessment",
        {"needs": ["housing"], "risk_level": "medium", "summary": "السكن غير ملائم"},
    )
    flow.move(case.id, "plan")
    flow.add_event(
        case.id,
        "plan_item",
        {"goal": "سكن", "action": "بحث", "owner": "الأخصائية", "due_on": "2026-12-20"},
    )
    return flow.move(case.id, "follow_up")


def state(services: AppServices, case_id: str) -> CaseView:
    return services.case_workflow.case_view(case_id)


def reasons_for_all(services: AppServices, case_id: str) -> dict[str, str]:
    """A reason for every item still open in the case (its closure checklist)."""
    flow = services.case_workflow
    return {i.chain: "تتابعه جهة أخرى" for i in flow.closure_checklist(flow.case_view(case_id))}
