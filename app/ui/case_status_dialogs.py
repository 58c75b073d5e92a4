"""Moves of a case that need words: asking for closure, approving or refusing it, closing
directly, reopening; and the supervisor's assignment and the transfer to another branch."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from app.domain.cases import CaseStatus
from app.services.case_dto import CaseView
from app.services.dto import UserView
from app.services.setup import AppServices
from app.ui import case_labels
from app.ui.case_form import CaseActionDialog, text_box
from app.ui.inputs import ChoiceCombo
from app.ui.worker import Worker


class ClosureDialog(CaseActionDialog):
    """A worker asks for closure (a supervisor approves); a supervisor may close directly.
    `succeeded` carries the CaseView."""

    def __init__(
        self,
        services: AppServices,
        worker: Worker,
        case: CaseView,
        target: CaseStatus,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(worker, parent)
        self._services = services
        self._case_id = case.id
        self._target = target
        direct = target == CaseStatus.CLOSED
        self.setWindowTitle(self.tr("Close the case") if direct else self.tr("Request closure"))
        self.ok_button.setText(self.tr("Close the case") if direct else self.tr("Send the request"))
        self.set_intro(
            self.tr("The case will be closed now.")
            if direct
            else self.tr("Your supervisor will approve the closure or send the case back.")
        )
        self.closure_reason = ChoiceCombo(
            case_labels.choices(case_labels.CLOSURE_REASON), self.tr("— choose the reason —")
        )
        self.note = text_box(100)
        self.note.setPlaceholderText(self.tr("Required when the reason is “Other reason”."))
        self.form.add("closure_reason", self.tr("Reason for closing *"), self.closure_reason)
        self.form.add("reason", self.tr("Note"), self.note)

    def call(self) -> Callable[[], object]:
        flow, case_id, target = self._services.case_workflow, self._case_id, self._target
        code, note = self.closure_reason.code() or None, self.note.toPlainText()
        return lambda: flow.move(case_id, target, reason=note, closure_reason=code)


class ApproveClosureDialog(CaseActionDialog):
    """The supervisor reads the worker's request and approves it."""

    def __init__(
        self, services: AppServices, worker: Worker, case: CaseView, parent: QWidget | None = None
    ) -> None:
        super().__init__(worker, parent)
        self._services = services
        self._case_id = case.id
        self.setWindowTitle(self.tr("Approve the closure"))
        self.ok_button.setText(self.tr("Approve and close"))
        self.set_intro(
            self.tr("Closure of case %2 requested by: %1.")
            .replace("%1", case.assigned_name or self.tr("The worker"))
            .replace("%2", case.number)
        )
        reason = text_box(40)
        reason.setPlainText(case_labels.closure_reason(case.closure_reason))
        reason.setReadOnly(True)
        note = text_box(90)
        note.setPlainText(case.closure_note or case_labels.NONE_TEXT)
        note.setReadOnly(True)
        self.form.add("closure_reason", self.tr("Reason for closing"), reason)
        self.form.add("reason", self.tr("Note of the worker"), note)

    def call(self) -> Callable[[], object]:
        flow, case_id = self._services.case_workflow, self._case_id
        return lambda: flow.approve_closure(case_id)


class RefuseClosureDialog(CaseActionDialog):
    """The supervisor sends the case back to where it was, saying why."""

    def __init__(
        self, services: AppServices, worker: Worker, case: CaseView, parent: QWidget | None = None
    ) -> None:
        super().__init__(worker, parent)
        self._services = services
        self._case_id = case.id
        self.setWindowTitle(self.tr("Refuse the closure"))
        self.ok_button.setText(self.tr("Send the case back"))
        self.set_intro(self.tr("The case goes back to its previous stage; the worker sees why."))
        self.reason = text_box(110)
        self.form.add("reason", self.tr("Why the case stays open *"), self.reason)

    def call(self) -> Callable[[], object]:
        flow, case_id, reason = self._services.case_workflow, self._case_id, self.reason
        text = reason.toPlainText()
        return lambda: flow.refuse_closure(case_id, text)


class ReopenDialog(CaseActionDialog):
    """A closed case opened again (back to assessment), with the reason."""

    def __init__(
        self, services: AppServices, worker: Worker, case: CaseView, parent: QWidget | None = None
    ) -> None:
        super().__init__(worker, parent)
        self._services = services
        self._case_id = case.id
        self.setWindowTitle(self.tr("Reopen the case"))
        self.ok_button.setText(self.tr("Reopen"))
        self.set_intro(self.tr("The case goes back to the assessment stage."))
        self.reason = text_box(110)
        self.form.add("reason", self.tr("Why the case is reopened *"), self.reason)

    def call(self) -> Callable[[], object]:
        flow, case_id = self._services.case_workflow, self._case_id
        text = self.reason.toPlainText()
        return lambda: flow.move(case_id, CaseStatus.ASSESSMENT, reason=text)


class AssignDialog(CaseActionDialog):
    """The supervisor gives the case to a worker."""

    def __init__(
        self,
        services: AppServices,
        worker: Worker,
        case: CaseView,
        workers: list[UserView],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(worker, parent)
        self._services = services
        self._case_id = case.id
        self.setWindowTitle(self.tr("Assign the case"))
        self.ok_button.setText(self.tr("Assign"))
        self.assigned_to = ChoiceCombo([(w.id, w.display_name) for w in workers])
        self.assigned_to.set_code(case.assigned_to)
        self.form.add("assigned_to", self.tr("Worker"), self.assigned_to)

    def call(self) -> Callable[[], object]:
        cases, case_id, chosen = self._services.cases, self._case_id, self.assigned_to.code()
        return lambda: cases.assign(case_id, chosen)


class TransferDialog(CaseActionDialog):
    """Ask headquarters to move the case to another branch (the case freezes until then)."""

    def __init__(
        self, services: AppServices, worker: Worker, case: CaseView, parent: QWidget | None = None
    ) -> None:
        super().__init__(worker, parent)
        self._services = services
        self._case_id = case.id
        self.setWindowTitle(self.tr("Request a transfer"))
        self.ok_button.setText(self.tr("Send the request"))
        self.set_intro(
            self.tr(
                "Headquarters moves the case to the other branch at the next sync. Until then "
                "the case cannot be changed here."
            )
        )
        self.to_branch = QLineEdit()
        self.to_branch.setMaxLength(12)
        self.to_branch.setPlaceholderText("TRP02")
        self.to_branch.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.reason = text_box(90)
        self.form.add("to_branch", self.tr("Code of the branch *"), self.to_branch)
        self.form.add("reason", self.tr("Reason *"), self.reason)

    def call(self) -> Callable[[], object]:
        cases, case_id = self._services.cases, self._case_id
        branch, reason = self.to_branch.text(), self.reason.toPlainText()
        return lambda: cases.request_transfer(case_id, branch, reason)
