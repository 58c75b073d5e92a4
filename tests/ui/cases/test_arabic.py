"""The case screens show no English: every visible text of the case window (worker, reader,
supervisor, a juvenile case) and of every case dialog; every stored code has Arabic text."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from enum import StrEnum

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.domain.case_events import (
    EventKind,
    Need,
    PlanItemState,
    ReferralState,
    VisitPlace,
    VisitState,
)
from app.domain.cases import CaseStatus, CaseTypeCode, ClosureReason, RiskLevel
from app.services.case_dto import CaseDraft
from app.services.dto import BeneficiaryView
from app.services.setup import AppServices
from app.ui.cases.actions import ACTIONS
from app.ui.cases.break_glass_dialog import BreakGlassDialog
from app.ui.cases.new_dialog import NewCaseDialog
from app.ui.cases.stage_buttons import APPROVE, CLOSE, REFUSE, REQUEST_CLOSURE
from app.ui.cases.window import CaseWindow
from app.ui.common import case_labels
from app.ui.common.worker import Worker
from tests.ui.arabic_checks import english_words, visible_texts
from tests.ui.cases.windows import case_in_follow_up, open_window

pytestmark = [
    pytest.mark.gui,
]

# Latin that belongs here: the scan formats named to the user, a branch code's example.
ALLOWED = {"PDF", "JPEG", "PNG", "TIFF", "TRP"}


def english(root: QWidget) -> list[tuple[str, str]]:
    return [
        (kind, text)
        for kind, text in visible_texts(root)
        if [w for w in english_words(text) if w not in ALLOWED]
    ]


# Dialogs that would succeed with their defaults (and change the case): not submitted.
NOT_SUBMITTED = {"assign", APPROVE}


def every_dialog(window: CaseWindow, wait: Callable[[], None]) -> Iterator[QWidget]:
    offered = set(window.stages.buttons) | {
        key for key, button in window.action_buttons.items() if not button.isHidden()
    }
    for action in (*ACTIONS, REQUEST_CLOSURE, CLOSE, APPROVE, REFUSE):
        dialog = window.act(action) if action in offered else None
        if dialog is None:
            continue
        if action not in NOT_SUBMITTED:
            dialog.submit()  # refused: the "required" messages show too
            wait()
        yield dialog
        dialog.reject()


def test_every_case_screen_is_arabic(
    qtbot: QtBot,
    host: QWidget,
    worker: AppServices,
    registered: BeneficiaryView,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    flow = worker.case_workflow
    case = case_in_follow_up(worker, registered.id)
    visit = flow.add_event(case.id, "visit", {"due_on": "2026-11-25", "place": "home"})
    referral = flow.add_event(case.id, "referral", {"agency": "legal_aid", "reason": "محام"})
    flow.add_event(case.id, "note", {"text": "سر", "confidential": True})
    juvenile = worker.cases.open_case(
        CaseDraft(
            registered.id,
            "juvenile",
            extra={"court": "محكمة", "court_file_number": "1/2026", "guardian_name": "علي"},
        )
    )
    found: dict[str, list[tuple[str, str]]] = {}

    def check(name: str, widget: QWidget) -> None:
        wait_idle()
        found[name] = english(widget)

    window = open_window(host, worker, ui_worker, case.id, wait_idle)
    check("window", window)
    window.tabs.setCurrentWidget(window.details)
    check("details", window)
    for dialog in every_dialog(window, wait_idle):
        check(type(dialog).__name__, dialog)
    for action, event in (("visit", visit), ("referral", referral)):
        dialog = window.act_on_event(action, event)
        check(type(dialog).__name__, dialog)
        dialog.reject()
    young = open_window(host, worker, ui_worker, juvenile.id, wait_idle)
    check("juvenile", young)
    court = young.act("court_report")
    assert court is not None
    court.submit()
    check("court report", court)
    new = NewCaseDialog(worker, ui_worker, registered.id, host)
    wait_idle()
    new.case_type.set_code("prisoner_family")
    new.submit()
    check("new case", new)
    glass = BreakGlassDialog(host, case.number)
    glass.accept()
    check("break glass", glass)

    worker.accounts.login("supervisor", "supervisor-demo-2026")
    open_items = flow.closure_checklist(flow.case_view(case.id))
    flow.move(
        case.id, "pending_closure", closure_reason="other", reason="انتهت",
        open_reasons={i.chain: "سبب" for i in open_items},
    )  # fmt: skip
    supervisor = CaseWindow(worker, ui_worker, case.id, parent=host)
    check("supervisor", supervisor)
    for dialog in every_dialog(supervisor, wait_idle):
        check("supervisor " + type(dialog).__name__, dialog)
    assert len(found) > 20
    assert {name: texts for name, texts in found.items() if texts} == {}


@pytest.mark.parametrize(
    ("enum", "table"),
    [
        (CaseStatus, case_labels.STATUS),
        (ClosureReason, case_labels.CLOSURE_REASON),
        (RiskLevel, case_labels.RISK),
        (EventKind, case_labels.EVENT_KIND),
        (Need, case_labels.NEED),
        (VisitPlace, case_labels.VISIT_PLACE),
        (CaseTypeCode, case_labels.CASE_TYPE),
        (PlanItemState, case_labels.EVENT_STATE),
        (VisitState, case_labels.EVENT_STATE),
        (ReferralState, case_labels.EVENT_STATE),
    ],
)
def test_every_case_code_has_arabic_text(enum: type[StrEnum], table: dict[str, str]) -> None:
    for member in enum:
        assert member.value in table, member
        text = QCoreApplication.translate(case_labels.CONTEXT, table[member.value])
        assert re.search("[\u0600-\u06ff]", text) and not english_words(text), (member, text)
