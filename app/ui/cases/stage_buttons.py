"""The stage bar of a case window: the current stage and one button per move the workflow
allows now (CaseView.next_statuses), named for what it does in this situation.

The natural next step (assessment → plan → follow-up) is offered even while the workflow
still refuses it: pressing it says, in Arabic, what is missing (an assessment, a plan item,
recorded since the case was opened or reopened), which teaches the path better than a button
that is simply absent. A stage is never offered backwards (follow-up → plan): plan items are
added during follow-up itself; only the supervisor's refusal and a reopening send a case
back, by their own buttons.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.domain.case_access import Access
from app.domain.cases import OPEN_STATUSES, STATUS_ORDER, CaseStatus
from app.services.case_dto import CaseView

# Actions (besides "move:<status>") the window answers with a dialog.
REQUEST_CLOSURE = "request_closure"
CLOSE = "close"
APPROVE = "approve"
REFUSE = "refuse"
REOPEN = "reopen"

NATURAL_NEXT = {
    CaseStatus.NEW.value: CaseStatus.ASSESSMENT.value,
    CaseStatus.ASSESSMENT.value: CaseStatus.PLAN.value,
    CaseStatus.PLAN.value: CaseStatus.FOLLOW_UP.value,
}


def stage_actions(view: CaseView) -> list[str]:
    """What the bar offers for `view`, in workflow order."""
    if view.access != Access.EDIT or view.transfer_to is not None:
        return []
    targets = set(view.next_statuses)
    natural = NATURAL_NEXT.get(view.status)
    if natural is not None:
        targets.add(natural)
    out: list[str] = []
    here = STATUS_ORDER.index(CaseStatus(view.status))
    for target in STATUS_ORDER:
        if target.value not in targets:
            continue
        if view.status == CaseStatus.PENDING_CLOSURE:
            if target == CaseStatus.CLOSED:
                out.append(APPROVE)
            elif target in OPEN_STATUSES and REFUSE not in out:
                out.append(REFUSE)  # the service sends it back where it was
        elif view.status == CaseStatus.CLOSED:
            if target == CaseStatus.ASSESSMENT:
                out.append(REOPEN)
        elif target == CaseStatus.PENDING_CLOSURE:
            out.append(REQUEST_CLOSURE)
        elif target == CaseStatus.CLOSED:
            out.append(CLOSE)
        elif view.status in OPEN_STATUSES and STATUS_ORDER.index(target) > here:
            out.append(f"move:{target.value}")  # never backwards: "next step" is forwards
    # Approving is the usual answer to a request: put it first.
    return sorted(out, key=lambda a: (a != APPROVE, a == REFUSE))


class StageBar(QWidget):
    requested = Signal(str)  # "move:<status>" or one of the dialog actions above

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel(self.tr("Next step:"))
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.caption)
        self._layout.addStretch(1)
        self.buttons: dict[str, QPushButton] = {}

    def _text(self, action: str) -> str:
        texts = {
            "move:assessment": self.tr("Start the assessment"),
            "move:plan": self.tr("Move to the case plan"),
            "move:follow_up": self.tr("Start the follow-up"),
            REQUEST_CLOSURE: self.tr("Request closure…"),
            CLOSE: self.tr("Close the case…"),
            APPROVE: self.tr("Approve the closure…"),
            REFUSE: self.tr("Refuse the closure…"),
            REOPEN: self.tr("Reopen the case…"),
        }
        return texts.get(action, action)

    def show_case(self, view: CaseView) -> None:
        for button in self.buttons.values():
            self._layout.removeWidget(button)
            button.deleteLater()
        self.buttons.clear()
        actions = stage_actions(view)
        for i, action in enumerate(actions):
            button = QPushButton(self._text(action))
            button.setAutoDefault(False)
            if action in (APPROVE, "move:" + NATURAL_NEXT.get(view.status, "")):
                button.setStyleSheet("font-weight: bold;")
            button.clicked.connect(lambda _c=False, a=action: self.requested.emit(a))
            self._layout.insertWidget(1 + i, button)
            button.show()  # a layout shows a new child only later, by a queued call
            self.buttons[action] = button
        self.setVisible(bool(actions))
