"""What can be recorded in a case window: the bar of "record" buttons, which of them show for
the case and the user, and the dialog each button (or stage button, or timeline action)
opens. The window owns the dialog once opened."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.domain.case_access import Access
from app.domain.cases import CaseStatus, CaseTypeCode
from app.services.case_dto import CaseEventView, CaseView
from app.services.dto import UserView
from app.services.setup import AppServices
from app.ui.cases.event_dialogs import (
    AssessmentDialog,
    NoteDialog,
    PlanItemDialog,
    VisitDialog,
    VisitOutcomeDialog,
)
from app.ui.cases.form import CaseActionDialog
from app.ui.cases.record_dialogs import (
    CourtReportDialog,
    DocumentDialog,
    PlanItemStateDialog,
    ReferralDialog,
    ReferralStateDialog,
)
from app.ui.cases.stage_buttons import APPROVE, CLOSE, REFUSE, REOPEN, REQUEST_CLOSURE
from app.ui.cases.status_dialogs import (
    ApproveClosureDialog,
    AssignDialog,
    ClosureDialog,
    RefuseClosureDialog,
    ReopenDialog,
    TransferDialog,
)
from app.ui.common.worker import Worker

ACTIONS = (
    "assessment",
    "plan_item",
    "visit",
    "note",
    "referral",
    "court_report",
    "document",
    "assign",
    "transfer",
)


def writable(view: CaseView | None) -> bool:
    """Events and moves may be recorded (the service checks again)."""
    return (
        view is not None
        and view.access == Access.EDIT
        and view.transfer_to is None
        and view.status != CaseStatus.CLOSED
    )


def shown_actions(view: CaseView | None, supervisor: bool) -> set[str]:
    if view is None or view.access != Access.EDIT or view.transfer_to is not None:
        return set()
    out: set[str] = set()
    if supervisor and view.status != CaseStatus.CLOSED:  # reopen a closed case first
        out.add("assign")
    if writable(view):
        out |= set(ACTIONS) - {"assign", "court_report"}
        if view.type_code == CaseTypeCode.JUVENILE:
            out.add("court_report")  # the court's social report is a juvenile-case paper
    return out


class ActionBar(QWidget):
    requested = Signal(str)  # one of ACTIONS

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        texts = {
            "assessment": self.tr("Assessment…"),
            "plan_item": self.tr("Plan item…"),
            "visit": self.tr("Visit…"),
            "note": self.tr("Note…"),
            "referral": self.tr("Referral…"),
            "court_report": self.tr("Court report…"),
            "document": self.tr("Document…"),
            "assign": self.tr("Assign…"),
            "transfer": self.tr("Transfer…"),
        }
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.caption = QLabel(self.tr("Record:"))
        layout.addWidget(self.caption)
        self.buttons: dict[str, QPushButton] = {}
        for key in ACTIONS:
            button = QPushButton(texts[key])
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, k=key: self.requested.emit(k))
            self.buttons[key] = button
            layout.addWidget(button)
        layout.addStretch(1)

    def show_for(self, view: CaseView | None, supervisor: bool) -> None:
        shown = shown_actions(view, supervisor)
        for key, button in self.buttons.items():
            button.setVisible(key in shown)
        self.setVisible(bool(shown))


def action_dialog(
    action: str,
    services: AppServices,
    worker: Worker,
    view: CaseView,
    workers: list[UserView],
    parent: QWidget,
) -> CaseActionDialog | None:
    """The dialog of a record button or of a stage button that needs words."""
    makers: dict[str, Callable[[], CaseActionDialog]] = {
        "assessment": lambda: AssessmentDialog(services, worker, view.id, parent),
        "plan_item": lambda: PlanItemDialog(services, worker, view.id, parent),
        "visit": lambda: VisitDialog(services, worker, view.id, parent),
        "note": lambda: NoteDialog(services, worker, view.id, parent),
        "referral": lambda: ReferralDialog(services, worker, view.id, parent),
        "court_report": lambda: CourtReportDialog(services, worker, view, parent),
        "document": lambda: DocumentDialog(services, worker, view.id, parent),
        "assign": lambda: AssignDialog(services, worker, view, workers, parent),
        "transfer": lambda: TransferDialog(services, worker, view, parent),
        REQUEST_CLOSURE: lambda: ClosureDialog(
            services, worker, view, CaseStatus.PENDING_CLOSURE, parent
        ),
        CLOSE: lambda: ClosureDialog(services, worker, view, CaseStatus.CLOSED, parent),
        APPROVE: lambda: ApproveClosureDialog(services, worker, view, parent),
        REFUSE: lambda: RefuseClosureDialog(services, worker, view, parent),
        REOPEN: lambda: ReopenDialog(services, worker, view, parent),
    }
    make = makers.get(action)
    return make() if make is not None else None


def event_dialog(
    action: str, services: AppServices, worker: Worker, event: CaseEventView, parent: QWidget
) -> CaseActionDialog:
    """The dialog of a timeline action on one event (a correction of it)."""
    if action == "visit":
        return VisitOutcomeDialog(services, worker, event, parent)
    if action == "referral":
        return ReferralStateDialog(services, worker, event, parent)
    return PlanItemStateDialog(services, worker, event, parent)
