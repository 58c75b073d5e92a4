"""The case timeline as a table model: one row per event, newest first.

Newest first because a case is opened to act on it: the latest visit, the referral waiting
for an answer and the supervisor's last word are what the worker needs, at the top, without
scrolling past a year of history. Corrected events stay, greyed and struck through; a
confidential event the reader may not see shows as "confidential" only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.services.case_dto import CaseEventView
from app.ui.cases.event_text import Names, summary
from app.ui.common import case_labels

COL_DATE = 0
COL_KIND = 1
COL_SUMMARY = 2
COL_STATE = 3
COL_DUE = 4
COL_AUTHOR = 5
COLUMN_COUNT = 6
EVENT_ROLE = Qt.ItemDataRole.UserRole + 1  # the CaseEventView of the row
ID_ROLE = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex
_GREY = QColor("#8a8a8a")
_CONFIDENTIAL = QColor("#b00020")


class CaseEventTableModel(QAbstractTableModel):
    def __init__(self, names: Names, parent: Any = None) -> None:
        super().__init__(parent)
        self._names = names
        self._rows: list[CaseEventView] = []
        self._summaries: list[str] = []

    def set_names(self, names: Names) -> None:
        self._names = names

    def set_events(self, events: Sequence[CaseEventView]) -> None:
        """`events` as the service gives them (oldest first); shown newest first."""
        self.beginResetModel()
        self._rows = sorted(events, key=lambda e: (e.created_at, e.id), reverse=True)
        self._summaries = [summary(e, self._names) for e in self._rows]
        self.endResetModel()

    def event_at(self, row: int) -> CaseEventView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, event_id: str) -> int:
        return next((i for i, e in enumerate(self._rows) if e.id == event_id), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        event = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(event, index.row(), column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if event.superseded:
                return self.tr("Replaced by a later correction")
            if column == COL_SUMMARY:
                return self._summaries[index.row()]
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

    def _text(self, event: CaseEventView, row: int, column: int) -> str:
        if column == COL_DATE:
            return case_labels.day(event.occurred_on)
        if column == COL_KIND:
            return case_labels.event_kind(event.kind)
        if column == COL_SUMMARY:
            return self._summaries[row]
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

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = (
            self.tr("Date"),
            self.tr("Event"),
            self.tr("What"),
            self.tr("State"),
            self.tr("Due"),
            self.tr("By"),
        )
        return headers[section] if 0 <= section < len(headers) else None
