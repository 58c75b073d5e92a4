"""Recording the events of a case: assessment, plan item, visit (and its outcome), note.

Each dialog gathers a payload with the domain's field names (app.domain.case_events) and
saves it through the worker; the service validates it and each refusal is shown beside its
field. Corrections (a visit marked done) are new events amending the first one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLineEdit, QWidget

from app.domain.case_events import EventKind, VisitState
from app.services.case_dto import CaseEventView
from app.services.setup import AppServices
from app.ui.cases.form import CaseActionDialog, DateField, text_box
from app.ui.common import case_labels
from app.ui.common.inputs import ChoiceCombo
from app.ui.common.worker import Worker

translate = QCoreApplication.translate


class EventDialog(CaseActionDialog):
    """Adds a `kind` event to the case, or amends `amends` (a new event in its chain).
    `succeeded` carries the CaseEventView written."""

    kind: EventKind

    def __init__(
        self,
        services: AppServices,
        worker: Worker,
        case_id: str,
        parent: QWidget | None = None,
        amends: CaseEventView | None = None,
    ) -> None:
        super().__init__(worker, parent)
        self._services = services
        self.case_id = case_id
        self.amends = amends
        self.today = services.ctx.today()

    def payload(self) -> dict[str, object]:
        raise NotImplementedError

    def call(self) -> Callable[[], object]:
        payload = self.payload()
        flow = self._services.case_workflow
        if self.amends is not None:
            event_id = self.amends.id
            return lambda: flow.amend_event(event_id, payload)
        case_id, kind = self.case_id, self.kind
        return lambda: flow.add_event(case_id, kind, payload)


def iso(field: DateField) -> str:
    """The date in ISO form; a text that is no date is passed on as typed, so that the
    domain refuses it beside the field (DATE_FORMAT) rather than it being dropped."""
    return field.text_value()


class NeedsPicker(QWidget):
    """The needs found, as check boxes in three columns (several may be chosen)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for i, (code, text) in enumerate(case_labels.choices(case_labels.NEED)):
            box = QCheckBox(text)
            self.boxes[code] = box
            grid.addWidget(box, i // 3, i % 3)

    def chosen(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def set_chosen(self, codes: list[str]) -> None:
        for code, box in self.boxes.items():
            box.setChecked(code in codes)


class AssessmentDialog(EventDialog):
    kind = EventKind.ASSESSMENT

    def __init__(
        self, services: AppServices, worker: Worker, case_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, worker, case_id, parent)
        self.setWindowTitle(self.tr("Assessment"))
        self.needs = NeedsPicker()
        self.risk_level = ChoiceCombo(
            case_labels.choices(case_labels.RISK), self.tr("— choose the level —")
        )
        self.risks = text_box(70)
        self.risks.setPlaceholderText(self.tr("What could harm the person or the family?"))
        self.summary = text_box(110)
        self.form.add("needs", self.tr("Needs found *"), self.needs)
        self.form.add("risk_level", self.tr("Risk level *"), self.risk_level)
        self.form.add("risks", self.tr("Risks"), self.risks)
        self.form.add("summary", self.tr("Assessment summary *"), self.summary)

    def payload(self) -> dict[str, object]:
        return {
            "needs": self.needs.chosen(),
            "risk_level": self.risk_level.code(),
            "risks": self.risks.toPlainText(),
            "summary": self.summary.toPlainText(),
        }


class PlanItemDialog(EventDialog):
    kind = EventKind.PLAN_ITEM

    def __init__(
        self, services: AppServices, worker: Worker, case_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, worker, case_id, parent)
        self.setWindowTitle(self.tr("Plan item"))
        self.goal = QLineEdit()
        self.goal.setMaxLength(200)
        self.action = text_box(80)
        self.owner = QLineEdit()
        self.owner.setMaxLength(200)
        self.owner.setPlaceholderText(self.tr("The worker, the family, an agency…"))
        self.due_on = DateField(self.today)
        self.form.add("goal", self.tr("Goal *"), self.goal)
        self.form.add("action", self.tr("Action *"), self.action)
        self.form.add("owner", self.tr("Who does it *"), self.owner)
        self.form.add("due_on", self.tr("Due date *"), self.due_on)

    def payload(self) -> dict[str, object]:
        return {
            "goal": self.goal.text(),
            "action": self.action.toPlainText(),
            "owner": self.owner.text(),
            "due_on": iso(self.due_on),
        }


class VisitDialog(EventDialog):
    """A visit planned for a date (or recorded as already done)."""

    kind = EventKind.VISIT

    def __init__(
        self, services: AppServices, worker: Worker, case_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, worker, case_id, parent)
        self.setWindowTitle(self.tr("Visit"))
        self.due_on = DateField(self.today, self.today + timedelta(days=7))
        self.place = ChoiceCombo(
            case_labels.choices(case_labels.VISIT_PLACE), self.tr("— choose the place —")
        )
        self.place_detail = QLineEdit()
        self.place_detail.setMaxLength(200)
        self.place_detail.setPlaceholderText(self.tr("Address or name of the place"))
        self.state = ChoiceCombo(
            [
                (VisitState.PLANNED.value, case_labels.event_state(VisitState.PLANNED.value)),
                (VisitState.DONE.value, case_labels.event_state(VisitState.DONE.value)),
            ]
        )
        self.done_on = DateField(self.today)
        self.outcome = text_box(80)
        self.form.add("due_on", self.tr("Visit date *"), self.due_on)
        self.form.add("place", self.tr("Place *"), self.place)
        self.form.add("place_detail", self.tr("Place details"), self.place_detail)
        self.form.add("state", self.tr("State"), self.state)
        self.form.add("done_on", self.tr("Done on"), self.done_on)
        self.form.add("outcome", self.tr("Outcome"), self.outcome)
        self.state.currentIndexChanged.connect(self._state_changed)
        self._state_changed()

    def _state_changed(self) -> None:
        done = self.state.code() == VisitState.DONE.value
        self.done_on.setEnabled(done)
        self.outcome.setEnabled(done)
        if done and self.done_on.value() is None:
            self.done_on.set_value(self.today)

    def payload(self) -> dict[str, object]:
        done = self.state.code() == VisitState.DONE.value
        return {
            "due_on": iso(self.due_on),
            "place": self.place.code(),
            "place_detail": self.place_detail.text(),
            "state": self.state.code(),
            "done_on": iso(self.done_on) if done else "",
            "outcome": self.outcome.toPlainText() if done else "",
        }


class VisitOutcomeDialog(EventDialog):
    """A planned visit marked done (with its date and outcome), missed or cancelled."""

    kind = EventKind.VISIT

    def __init__(
        self,
        services: AppServices,
        worker: Worker,
        visit: CaseEventView,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, worker, "", parent, amends=visit)
        self.setWindowTitle(self.tr("Visit outcome"))
        payload = visit.payload
        self.set_intro(
            self.tr("Visit planned for %1 (%2).")
            .replace("%1", case_labels.day(visit.due_on))
            .replace("%2", case_labels.visit_place(str(payload.get("place") or "")))
        )
        self.state = ChoiceCombo(
            [
                (code.value, case_labels.event_state(code.value))
                for code in (VisitState.DONE, VisitState.MISSED, VisitState.CANCELLED)
            ]
        )
        self.done_on = DateField(self.today, self.today)
        self.outcome = text_box(110)
        self.outcome.setPlaceholderText(self.tr("What was seen and agreed during the visit."))
        self.form.add("state", self.tr("What happened"), self.state)
        self.form.add("done_on", self.tr("Done on *"), self.done_on)
        self.form.add("outcome", self.tr("Outcome *"), self.outcome)
        self.state.currentIndexChanged.connect(self._state_changed)

    def _state_changed(self) -> None:
        done = self.state.code() == VisitState.DONE.value
        self.done_on.setEnabled(done)

    def payload(self) -> dict[str, object]:
        assert self.amends is not None
        done = self.state.code() == VisitState.DONE.value
        return {
            **self.amends.payload,
            "state": self.state.code(),
            "done_on": iso(self.done_on) if done else "",
            "outcome": self.outcome.toPlainText(),
        }


class NoteDialog(EventDialog):
    kind = EventKind.NOTE

    def __init__(
        self, services: AppServices, worker: Worker, case_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, worker, case_id, parent)
        self.setWindowTitle(self.tr("Note"))
        self.text = text_box(160)
        self.confidential = QCheckBox(
            self.tr("Confidential: hidden from anyone reading the case with a reason")
        )
        self.form.add("text", self.tr("Note *"), self.text)
        self.form.add("confidential", self.tr("Confidentiality"), self.confidential)

    def payload(self) -> dict[str, object]:
        return {"text": self.text.toPlainText(), "confidential": self.confidential.isChecked()}
