"""Moves of a case that need words: asking for closure, approving or refusing it, closing
directly, reopening; and the supervisor's assignment and the transfer to another branch."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from app.domain.cases import CaseStatus
from app.services.case_dto import CaseView
from app.services.dto import UserView
from app.services.setup import AppServices
from app.ui.cases.closure_checklist import ClosureChecklist
from app.ui.cases.form import CaseActionDialog, text_box
from app.ui.common import case_labels
from app.ui.common.inputs import ChoiceCombo
from app.ui.common.worker import Worker


class _CaseDialog(CaseActionDialog):
    """A move of one case: holds the services and the case id; subclasses word the dialog
    with `_describe` and add their boxes with `_text_row`."""

    def __init__(
        self, services: AppServices, worker: Worker, case: CaseView, parent: QWidget | None
    ) -> None:
        super().__init__(worker, parent)
        self._services = services
        self._case_id = case.id

    def _describe(self, title: str, ok_text: str, intro: str = "") -> None:
        self.setWindowTitle(title)
        self.ok_button.setText(ok_text)
        if intro:
            self.set_intro(intro)

    def _text_row(
        self, key: str, label: str, height: int, shown: str | None = None
    ) -> QPlainTextEdit:
        """A text box added under `key`; read-only when it only shows `shown`."""
        box = text_box(height)
        if shown is not None:
            box.setPlainText(shown)
            box.setReadOnly(True)
        self.form.add(key, label, box)
        return box

    def _add_checklist(self, case: CaseView, *, reviewing: bool) -> ClosureChecklist:
        """The closure checklist under the form; its reason boxes receive their errors."""
        checklist = ClosureChecklist(
            self._services, self._worker, case, reviewing=reviewing, parent=self
        )
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.form) + 1, checklist)
        self.extra_forms.append(checklist.form)
        checklist.resolved.connect(self.changed.emit)
        return checklist


class ClosureDialog(_CaseDialog):
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
        super().__init__(services, worker, case, parent)
        self._target = target
        direct = target == CaseStatus.CLOSED
        self._describe(
            self.tr("Close the case") if direct else self.tr("Request closure"),
            self.tr("Close the case") if direct else self.tr("Send the request"),
            self.tr("The case will be closed now.")
            if direct
            else self.tr("Your supervisor will approve the closure or send the case back."),
        )
        self.closure_reason = ChoiceCombo(
            case_labels.choices(case_labels.CLOSURE_REASON), self.tr("— choose the reason —")
        )
        self.form.add("closure_reason", self.tr("Reason for closing *"), self.closure_reason)
        self.note = self._text_row("reason", self.tr("Note"), 100)
        self.note.setPlaceholderText(self.tr("Required when the reason is “Other reason”."))
        self.checklist = self._add_checklist(case, reviewing=False)

    def call(self) -> Callable[[], object]:
        flow, case_id, target = self._services.case_workflow, self._case_id, self._target
        code, note = self.closure_reason.code() or None, self.note.toPlainText()
        reasons = self.checklist.reasons()
        return lambda: flow.move(
            case_id, target, reason=note, closure_reason=code, open_reasons=reasons
        )


class ApproveClosureDialog(_CaseDialog):
    """The supervisor reads the worker's request and approves it."""

    def __init__(
        self, services: AppServices, worker: Worker, case: CaseView, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, worker, case, parent)
        self._describe(
            self.tr("Approve the closure"),
            self.tr("Approve and close"),
            self.tr("Closure of case %2 requested by: %1.")
            .replace("%1", case.assigned_name or self.tr("The worker"))
            .replace("%2", case.number),
        )
        reason = case_labels.closure_reason(case.closure_reason)
        self._text_row("closure_reason", self.tr("Reason for closing"), 40, reason)
        note = case.closure_note or case_labels.NONE_TEXT
        self._text_row("reason", self.tr("Note of the worker"), 90, note)
        self.checklist = self._add_checklist(case, reviewing=True)

    def call(self) -> Callable[[], object]:
        flow, case_id, reasons = self._services.case_workflow, self._case_id, self.checklist
        given = reasons.reasons()
        return lambda: flow.approve_closure(case_id, given)


class RefuseClosureDialog(_CaseDialog):
    """The supervisor sends the case back to where it was, saying why."""

    def __init__(
        self, services: AppServices, worker: Worker, case: CaseView, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, worker, case, parent)
        self._describe(
            self.tr("Refuse the closure"),
            self.tr("Send the case back"),
            self.tr("The case goes back to its previous stage; the worker sees why."),
        )
        self.reason = self._text_row("reason", self.tr("Why the case stays open *"), 110)

    def call(self) -> Callable[[], object]:
        flow, case_id, reason = self._services.case_workflow, self._case_id, self.reason
        text = reason.toPlainText()
        return lambda: flow.refuse_closure(case_id, text)


class ReopenDialog(_CaseDialog):
    """A closed case opened again (back to assessment), with the reason."""

    def __init__(
        self, services: AppServices, worker: Worker, case: CaseView, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, worker, case, parent)
        self._describe(
            self.tr("Reopen the case"),
            self.tr("Reopen"),
            self.tr("The case goes back to the assessment stage."),
        )
        self.reason = self._text_row("reason", self.tr("Why the case is reopened *"), 110)

    def call(self) -> Callable[[], object]:
        flow, case_id = self._services.case_workflow, self._case_id
        text = self.reason.toPlainText()
        return lambda: flow.move(case_id, CaseStatus.ASSESSMENT, reason=text)


class AssignDialog(_CaseDialog):
    """The supervisor gives the case to a worker."""

    def __init__(
        self,
        services: AppServices,
        worker: Worker,
        case: CaseView,
        workers: list[UserView],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, worker, case, parent)
        self._describe(self.tr("Assign the case"), self.tr("Assign"))
        self.assigned_to = ChoiceCombo([(w.id, w.display_name) for w in workers])
        self.assigned_to.set_code(case.assigned_to)
        self.form.add("assigned_to", self.tr("Worker"), self.assigned_to)

    def call(self) -> Callable[[], object]:
        cases, case_id, chosen = self._services.cases, self._case_id, self.assigned_to.code()
        return lambda: cases.assign(case_id, chosen)


class TransferDialog(_CaseDialog):
    """Ask headquarters to move the case to another branch (the case freezes until then)."""

    def __init__(
        self, services: AppServices, worker: Worker, case: CaseView, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, worker, case, parent)
        self._describe(
            self.tr("Request a transfer"),
            self.tr("Send the request"),
            self.tr(
                "Headquarters moves the case to the other branch at the next sync. Until then "
                "the case cannot be changed here."
            ),
        )
        self.to_branch = QLineEdit()
        self.to_branch.setMaxLength(12)
        self.to_branch.setPlaceholderText("TRP02")
        self.to_branch.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.form.add("to_branch", self.tr("Code of the branch *"), self.to_branch)
        self.reason = self._text_row("reason", self.tr("Reason *"), 90)

    def call(self) -> Callable[[], object]:
        cases, case_id = self._services.cases, self._case_id
        branch, reason = self.to_branch.text(), self.reason.toPlainText()
        return lambda: cases.request_transfer(case_id, branch, reason)
