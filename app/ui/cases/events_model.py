"""The case timeline as a table model: one row per event, newest first.

Newest first because a case is opened to act on it: the latest visit, the referral waiting
for an answer and the supervisor's last word are what the worker needs, at the top, without
scrolling past a year of history. Corrected events stay, greyed and struck through; a
confidential event the reader may not see shows as "confidential" only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.services.case_dto import CaseEventView
from app.ui.cases.event_text import Names, summary
from app.ui.common import case_labels
from app.ui.common.row_table_model import RowTableModel

COL_DATE = 0
COL_KIND = 1
COL_SUMMARY = 2
COL_STATE = 3
COL_DUE = 4
COL_AUTHOR = 5
COLUMN_COUNT = 6
EVENT_ROLE = Qt.ItemDataRole.UserRole + 1  # the CaseEventView of the row
ID_ROLE = Qt.ItemDataRole.UserRole + 2

_GREY = QColor("#8a8a8a")
_CONFIDENTIAL = QColor("#b00020")


class CaseEventTableModel(RowTableModel[CaseEventView]):
    numbered_rows = False

    def __init__(self, names: Names, parent: Any = None) -> None:
        super().__init__(parent=parent)
        self.set_headers(
            [
                self.tr("Date"),
                self.tr("Event"),
                self.tr("What"),
                self.tr("State"),
                self.tr("Due"),
                self.tr("By"),
            ]
        )
        self._names = names
        self._summaries: dict[str, str] = {}

    def set_names(self, names: Names) -> None:
        self._names = names

    def set_events(self, events: Sequence[CaseEventView]) -> None:
        """`events` as the service gives them (oldest first); shown newest first."""
        rows = sorted(events, key=lambda e: (e.created_at, e.id), reverse=True)
        self._summaries = {e.id: summary(e, self._names) for e in rows}
        self.set_rows(rows)

    def event_at(self, row: int) -> CaseEventView | None:
        return self.row_at(row)

    def row_of(self, event_id: str) -> int:
        return next((i for i, e in enumerate(self._rows) if e.id == event_id), -1)

    def cell(self, event: CaseEventView, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(event, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if event.superseded:
                return self.tr("Replaced by a later correction")
            if column == COL_SUMMARY:
                return self._summaries[event.id]
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if event.superseded:
                return QBrush(_GREY)
            if event.hidden and column == COL_SUMMARY:
                return QBrush(_CONFIDENTIAL)
            return None
        if role == Qt.ItemDataRole.FontRole and event.superseded:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == EVENT_ROLE:
            return event
        if role == ID_ROLE:
            return event.id
        return None

    def _text(self, event: CaseEventView, column: int) -> str:
        if column == COL_DATE:
            return case_labels.day(event.occurred_on)
        if column == COL_KIND:
            return case_labels.event_kind(event.kind)
        if column == COL_SUMMARY:
            return self._summaries[event.id]
        if column == COL_STATE:
            state = case_labels.event_state(event.state)
            if event.superseded:
                return self.tr("Corrected")
            return state
        if column == COL_DUE:
            return case_labels.day(event.due_on) if event.due_on else ""
        if column == COL_AUTHOR:
            return event.author
        return ""
