"""The top of a case window: number, type, stage badge, who and when, risk, sensitivity; and
the notice under it saying why the case cannot be changed now."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.domain.case_access import Access
from app.domain.cases import CaseStatus
from app.services.case_dto import CaseView
from app.ui.common import case_labels

_SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse
NOTICE_STYLE = "background: #e8f0fe; color: #0b3d91; padding: 6px; border-radius: 4px;"
translate = QCoreApplication.translate  # the notice's texts keep the case window's context


def _pair(caption: str, value: QLabel) -> QWidget:
    """A caption with its value right beside it (a grid would push a short value, a date, to
    the far side of its cell, next to the following caption)."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    label = QLabel(caption)
    label.setStyleSheet("color: #555;")
    row.addWidget(label)
    row.addWidget(value, 1 if value.wordWrap() else 0)
    if not value.wordWrap():
        row.addStretch(1)
    return box


def _badge(style: str) -> QLabel:
    label = QLabel()
    label.setStyleSheet(style)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class CaseHeader(QFrame):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today  # the services' clock, so that "overdue" agrees with the lists
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("caseHeader")
        self.setStyleSheet("#caseHeader { background: #f4f6f9; }")
        self.number = QLabel()
        self.number.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.number.setTextInteractionFlags(_SELECTABLE)
        self.type_name = QLabel()
        self.type_name.setStyleSheet("font-size: 13pt;")
        self.status = _badge(case_labels.status_style(None))
        self.sensitive = _badge(
            "background: #b00020; color: white; padding: 2px 10px; border-radius: 9px;"
            "font-weight: bold;"
        )
        self.sensitive.setText(self.tr("Sensitive"))
        self.sensitive.setToolTip(
            self.tr("Only the assigned worker and supervisors may read this case.")
        )
        top = QHBoxLayout()
        top.addWidget(self.number)
        top.addWidget(self.type_name)
        top.addWidget(self.status)
        top.addWidget(self.sensitive)
        top.addStretch(1)

        self.person = QLabel()
        self.person.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.person.setTextInteractionFlags(_SELECTABLE)
        self.national_number = QLabel()
        self.national_number.setTextInteractionFlags(_SELECTABLE)
        self.person_number = QLabel()
        self.person_number.setTextInteractionFlags(_SELECTABLE)
        self.assigned = QLabel()
        self.opened = QLabel()
        self.next_due = QLabel()
        self.last_visit = QLabel()
        self.risk = QLabel()
        self.closure = QLabel()
        self.closure.setWordWrap(True)
        self.closure_caption = self.tr("Closure:")
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        pairs = [
            (self.tr("Person:"), self.person),
            (self.tr("Person number:"), self.person_number),
            (self.tr("National number:"), self.national_number),
            (self.tr("Assigned to:"), self.assigned),
            (self.tr("Opened on:"), self.opened),
            (self.tr("Next due date:"), self.next_due),
            (self.tr("Last visit:"), self.last_visit),
            (self.tr("Risk level:"), self.risk),
        ]
        for i, (caption, value) in enumerate(pairs):
            r, c = divmod(i, 3)
            grid.addWidget(_pair(caption, value), r, c)
        for c in range(3):
            grid.setColumnStretch(c, 1)
        row = (len(pairs) + 2) // 3
        self.closure_pair = _pair(self.closure_caption, self.closure)
        grid.addWidget(self.closure_pair, row, 0, 1, 3)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid)

    def show_case(self, view: CaseView, type_name: str) -> None:
        self.number.setText(view.number)
        self.type_name.setText(type_name)
        self.status.setText(case_labels.status(view.status))
        self.status.setStyleSheet(case_labels.status_style(view.status))
        self.sensitive.setVisible(view.sensitive)
        self.person.setText(view.person_name or case_labels.NONE_TEXT)
        self.national_number.setText(view.national_number or case_labels.NONE_TEXT)
        self.person_number.setText(view.person_number or case_labels.NONE_TEXT)
        self.assigned.setText(view.assigned_name or self.tr("Nobody"))
        self.opened.setText(case_labels.day(view.opened_on))
        self.next_due.setText(case_labels.day(view.next_due_on))
        overdue = (
            view.next_due_on is not None
            and view.status != CaseStatus.CLOSED
            and view.next_due_on < self._today
        )
        self.next_due.setStyleSheet("color: #b00020; font-weight: bold;" if overdue else "")
        self.last_visit.setText(case_labels.day(view.last_visit_on))
        self.risk.setText(case_labels.risk(view.risk_level) or self.tr("Not assessed"))
        weight = "font-weight: bold;" if view.risk_level else ""
        self.risk.setStyleSheet(f"color: {case_labels.risk_colour(view.risk_level)}; {weight}")
        closing = view.status in (CaseStatus.PENDING_CLOSURE, CaseStatus.CLOSED)
        text = case_labels.closure_reason(view.closure_reason)
        if view.closure_note:
            text += " — " + view.closure_note
        if view.closed_on is not None:
            text = self.tr("Closed on %1").replace("%1", case_labels.day(view.closed_on)) + (
                ": " + text if text else ""
            )
        self.closure.setText(text)
        self.closure_pair.setVisible(closing and bool(text))


class CaseNotice(QLabel):
    """Read only, a transfer pending, a closure waiting for the supervisor: said in words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(NOTICE_STYLE)
        self.hide()

    def show_for(self, view: CaseView, supervisor: bool) -> None:
        lines = []
        if view.access == Access.READ:
            lines.append(
                translate(
                    "CaseWindow",
                    "Read only: you opened this case with a reason, and the opening was "
                    "recorded. You cannot change it.",
                )
            )
        if view.transfer_to:
            lines.append(
                translate(
                    "CaseWindow",
                    "A transfer to branch %1 was requested: the case cannot be changed here "
                    "until headquarters moves it.",
                ).replace("%1", view.transfer_to)
            )
        if view.status == CaseStatus.PENDING_CLOSURE and not supervisor:
            lines.append(
                translate("CaseWindow", "Closure requested: waiting for the supervisor's decision.")
            )
        self.setText("\n".join(lines))
        self.setVisible(bool(lines))
