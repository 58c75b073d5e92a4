"""The visit agenda as a table: the visits planned this week (Sunday to Saturday), shown for
today or for the whole week, sorted by any column and narrowed by the filter box and the
supervisor's worker choice. A week of visits is small: it is loaded whole, and sorted and
filtered here (AgendaProxy)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from app.domain.arabic import normalize_arabic
from app.services.case_agenda import AgendaVisit, is_weekend
from app.ui.common import case_labels
from app.ui.common.row_table_model import RowTableModel
from app.ui.worklists.case_list_model import ID_ROLE, OVERDUE_COLOUR
from app.ui.worklists.list_controls import matches

COL_DAY = 0
COL_DATE = 1
COL_NUMBER = 2
COL_PERSON = 3
COL_TYPE = 4
COL_PLACE = 5
COL_WORKER = 6

SORT_ROLE = Qt.ItemDataRole.UserRole + 10
WEEKEND_COLOUR = QColor("#6a1b9a")

translate = QCoreApplication.translate


def day_name(day: date) -> str:
    names = (
        translate("AgendaModel", "Monday"),
        translate("AgendaModel", "Tuesday"),
        translate("AgendaModel", "Wednesday"),
        translate("AgendaModel", "Thursday"),
        translate("AgendaModel", "Friday"),
        translate("AgendaModel", "Saturday"),
        translate("AgendaModel", "Sunday"),
    )
    return names[day.weekday()]


class AgendaModel(RowTableModel[AgendaVisit]):
    numbered_rows = False

    def __init__(
        self, type_name: Callable[[str], str], today: Callable[[], date], parent: Any = None
    ) -> None:
        super().__init__(
            [
                translate("AgendaModel", "Day"),
                translate("AgendaModel", "Date"),
                translate("AgendaModel", "Case number"),
                translate("AgendaModel", "Beneficiary"),
                translate("AgendaModel", "Case type"),
                translate("AgendaModel", "Place"),
                translate("AgendaModel", "Social worker"),
            ],
            parent,
        )
        self._type_name = type_name
        self._today = today

    def visit(self, row: int) -> AgendaVisit | None:
        return self.row_at(row)

    def cell(self, item: AgendaVisit, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == SORT_ROLE:
            return self._sort_value(item, column)
        if role == ID_ROLE:
            return item.case_id
        past = item.due_on < self._today()
        if role == Qt.ItemDataRole.ForegroundRole and column in (COL_DAY, COL_DATE):
            if past:
                return OVERDUE_COLOUR
            return WEEKEND_COLOUR if is_weekend(item.due_on) else None
        if role == Qt.ItemDataRole.FontRole and (
            (column == COL_DATE and item.due_on == self._today())
            or (column == COL_PERSON and item.masked)
        ):
            font = QFont()
            font.setBold(column == COL_DATE)
            font.setItalic(column == COL_PERSON)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_DAY, COL_DATE):
            if past:
                return translate("AgendaModel", "Past and not recorded as done")
            if is_weekend(item.due_on):
                return translate("AgendaModel", "A weekend day (Friday or Saturday)")
        return None

    def _display(self, item: AgendaVisit, column: int) -> str:
        if column == COL_DAY:
            return day_name(item.due_on)
        if column == COL_DATE:
            return case_labels.day(item.due_on)
        if column == COL_NUMBER:
            return item.case_number
        if column == COL_PERSON:
            return item.person_name
        if column == COL_TYPE:
            return self._type_name(item.type_code)
        if column == COL_PLACE:
            return case_labels.visit_place(item.place) or case_labels.NONE_TEXT
        return item.assigned_name or case_labels.NONE_TEXT

    def _sort_value(self, item: AgendaVisit, column: int) -> Any:
        if column in (COL_DAY, COL_DATE):
            return item.due_on.toordinal()  # a date sorts as a date
        if column == COL_PERSON:
            return "\uffff" if item.masked else normalize_arabic(item.person_name)
        if column == COL_NUMBER:
            return item.case_number
        return normalize_arabic(self._display(item, column))


class AgendaProxy(QSortFilterProxyModel):
    """Today's or the week's visits, of one worker or all, matching the filter text."""

    def __init__(self, source: AgendaModel, today: Callable[[], date], parent: Any = None):
        super().__init__(parent)
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self._source = source
        self._today = today
        self.today_only = False
        self.worker_id: str | None = None  # None: every worker; "": cases assigned to nobody
        self.text = ""

    def set_filter(
        self, *, today_only: bool, worker_id: str | None = None, text: str | None = None
    ) -> None:
        self.beginFilterChange()
        self.today_only = today_only
        self.worker_id = worker_id
        if text is not None:
            self.text = text
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        visit = self._source.visit(source_row)
        if visit is None:
            return False
        if self.today_only and visit.due_on != self._today():
            return False
        if self.worker_id is not None and (visit.assigned_to or "") != self.worker_id:
            return False
        if not self.text:
            return True
        shown = [
            self._source.index(source_row, c).data()
            for c in (COL_NUMBER, COL_TYPE, COL_PLACE, COL_DAY)
        ]
        return matches(self.text, *shown, "" if visit.masked else visit.person_name)

    def visits_for(self, today_only: bool, worker_id: str | None = None) -> int:
        """How many visits today or this week (of the chosen worker), unfiltered by text."""
        return sum(
            1
            for r in range(self._source.rowCount())
            if (visit := self._source.visit(r)) is not None
            and (not today_only or visit.due_on == self._today())
            and (worker_id is None or (visit.assigned_to or "") == worker_id)
        )
