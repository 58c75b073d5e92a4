"""The closure checklist inside the closure dialogs: every item still open in the case (a plan
item not done, a referral with no answer, a visit past its day with no outcome), each with a
box for the reason the case may close with it open, and a button to resolve it instead (the
item's own correction dialog; the list is read again after it).

The worker's reasons travel with the request: the supervisor's approval shows them read-only,
and asks for a reason only for what was opened since.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from app.domain.case_closure import item_field
from app.domain.case_events import EventKind
from app.domain.errors import DomainError
from app.services.case_dto import CaseEventView, CaseView, OpenItemView
from app.services.setup import AppServices
from app.ui.cases.event_dialogs import VisitOutcomeDialog
from app.ui.cases.form import CaseActionDialog, FormRows, text_box
from app.ui.cases.record_dialogs import PlanItemStateDialog, ReferralStateDialog, agency_name
from app.ui.common import case_labels, messages
from app.ui.common.inputs import ERROR_STYLE
from app.ui.common.worker import Worker

DIALOGS = {
    EventKind.PLAN_ITEM.value: PlanItemStateDialog,
    EventKind.REFERRAL.value: ReferralStateDialog,
    EventKind.VISIT.value: VisitOutcomeDialog,
}


class ClosureChecklist(QWidget):
    """What is open in the case, with reasons; `reasons()` is what the service call takes."""

    resolved = Signal(object)  # the CaseView read again after an item was resolved

    def __init__(
        self,
        services: AppServices,
        worker: Worker,
        view: CaseView,
        *,
        reviewing: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._worker = worker
        self._reviewing = reviewing  # the supervisor reads the request's reasons
        self._view = view
        self.items: list[OpenItemView] = []
        self.boxes: dict[str, QPlainTextEdit] = {}
        self.resolve_buttons: dict[str, QPushButton] = {}
        self._typed: dict[str, str] = {}
        self.dialog: CaseActionDialog | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.form = FormRows()
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.form)
        layout.addWidget(self.problem)
        self.show_case(view)

    # -- the list ---------------------------------------------------------------------------

    def describe(self, item: OpenItemView) -> str:
        """The item as a worker knows it, in one line."""
        due = case_labels.day(item.due_on) if item.due_on else case_labels.NONE_TEXT
        if item.kind == EventKind.PLAN_ITEM:
            return (
                self.tr("Plan item “%1”, due %2, not done")
                .replace("%1", item.title)
                .replace("%2", due)
            )
        if item.kind == EventKind.REFERRAL:
            return self.tr("Referral to %1, still without an answer").replace(
                "%1", agency_name(self._services, item.title)
            )
        return (
            self.tr("Visit (%1) planned for %2, no outcome recorded")
            .replace("%1", case_labels.visit_place(item.title))
            .replace("%2", due)
        )

    def show_case(self, view: CaseView) -> None:
        for chain, box in self.boxes.items():
            if not box.isReadOnly():
                self._typed[chain] = box.toPlainText()
        self._view = view
        self.items = self._services.case_workflow.closure_checklist(view)
        self.form.clear()
        self.boxes.clear()
        self.resolve_buttons.clear()
        if not self.items:
            self.heading.setText(self.tr("Nothing is left open in this case."))
        elif self._reviewing and all(i.reason for i in self.items):
            self.heading.setText(
                self.tr("Still open in this case, with the worker's reason for each:")
            )
        elif self._reviewing:
            self.heading.setText(
                self.tr(
                    "Still open in this case, with the worker's reason for each. Give a reason "
                    "for any item that has none:"
                )
            )
        else:
            self.heading.setText(
                self.tr(
                    "Still open in this case: resolve each item, or say why the case can close "
                    "with it open."
                )
            )
        for item in self.items:
            box = text_box(52)
            if self._reviewing and item.reason:
                box.setPlainText(item.reason)
                box.setReadOnly(True)
            else:
                box.setPlainText(self._typed.get(item.chain, item.reason))
                box.setPlaceholderText(self.tr("Why the case closes with this item open"))
            widgets: list[QWidget] = [box]
            if not box.isReadOnly():
                button = QPushButton(self.tr("Resolve…"))
                button.setAutoDefault(False)
                button.clicked.connect(lambda _c=False, i=item: self.resolve(i))
                self.resolve_buttons[item.chain] = button
                widgets.append(button)
            self.boxes[item.chain] = box
            self.form.add(item_field(item.chain), self.describe(item), *widgets)

    def reasons(self) -> dict[str, str]:
        """The reasons typed, by item (read-only ones are the request's: the service has them)."""
        return {c: b.toPlainText() for c, b in self.boxes.items() if not b.isReadOnly()}

    # -- resolving an item ------------------------------------------------------------------

    def event_of(self, item: OpenItemView) -> CaseEventView | None:
        chain = [
            e for e in self._view.current_events(item.kind) if (e.amends_id or e.id) == item.chain
        ]
        return chain[-1] if chain else None

    def resolve(self, item: OpenItemView) -> CaseActionDialog | None:
        """Open the item's own dialog (done, answered, visited); the list is read again."""
        event = self.event_of(item)
        if event is None:
            return None
        self.dialog = DIALOGS[item.kind](self._services, self._worker, event, self.window())
        self.dialog.succeeded.connect(lambda _e: self._reload())
        self.dialog.open()
        return self.dialog

    def _reload(self) -> None:
        flow, case_id = self._services.case_workflow, self._view.id
        self._worker.submit(
            lambda: flow.case_view(case_id), self._reloaded, self._failed, owner=self
        )

    def _reloaded(self, view: CaseView) -> None:
        self.problem.hide()
        self.show_case(view)
        self.resolved.emit(view)

    def _failed(self, err: BaseException) -> None:
        text = messages.describe(err) if isinstance(err, DomainError) else messages.unexpected()
        self.problem.setText(text)
        self.problem.show()
