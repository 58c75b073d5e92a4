"""The lazy table of a case work list (my cases, the supervisor's lists): pages of WorkItem
fetched on demand, never every case; plus the case type names the lists show.

Like BeneficiaryTableModel, the model knows nothing of threads: it is given
`fetch(limit, offset)` and a `run(call, on_done)` that runs the call somewhere (the background
worker in the app, inline in model tests). A page answering an older source is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from app.domain.cases import OPEN_STATUSES
from app.services.case_reference import CaseType
from app.services.case_worklists import WorkItem
from app.ui import case_labels

PAGE_SIZE = 100

COL_NUMBER = 0
COL_PERSON = 1
COL_TYPE = 2
COL_STATUS = 3
COL_NEXT_DUE = 4
COL_LAST_VISIT = 5
COL_WORKER = 6
COL_SINCE = 7
COL_CLOSURE_REASON = 8
COLUMN_COUNT = 9

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the case id of a row
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2  # the whole WorkItem

OVERDUE_COLOUR = QColor("#c62828")

FetchFn = Callable[[int, int], list[WorkItem]]
RunFn = Callable[[Callable[[], list[WorkItem]], Callable[[list[WorkItem]], None]], None]
AnyIndex = QModelIndex | QPersistentModelIndex


translate = QCoreApplication.translate


def _headers() -> list[str]:
    return [
        translate("CaseListModel", "Case number"),
        translate("CaseListModel", "Beneficiary"),
        translate("CaseListModel", "Case type"),
        translate("CaseListModel", "Status"),
        translate("CaseListModel", "Next due"),
        translate("CaseListModel", "Last visit"),
        translate("CaseListModel", "Social worker"),
        translate("CaseListModel", "In this status since"),
        translate("CaseListModel", "Closure reason"),
    ]


class TypeNames:
    """Case type code -> the name to show: the reference data's (in the UI's language) once
    loaded on the worker, else the built-in translated name."""

    def __init__(self, english: bool = False) -> None:
        self._english = english
        self._names: dict[str, str] = {}

    def load(self, types: list[CaseType]) -> None:
        self._names = {t.code: t.name_en if self._english else t.name_ar for t in types}

    def __call__(self, code: str) -> str:
        return self._names.get(code) or case_labels.case_type(code)

    def as_dict(self) -> dict[str, str]:
        return dict(self._names)


class CaseListModel(QAbstractTableModel):
    """Rows of one work list, loaded PAGE_SIZE at a time as the view scrolls."""

    loading_started = Signal()
    loading_finished = Signal(int)  # rows loaded so far

    def __init__(
        self,
        run: RunFn,
        type_name: Callable[[str], str],
        today: Callable[[], date],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._run = run
        self._type_name = type_name
        self._today = today
        self._fetch: FetchFn | None = None
        self._items: list[WorkItem] = []
        self._generation = 0
        self._loading = False
        self._exhausted = True
        self._headers = _headers()

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def complete(self) -> bool:
        return self._exhausted

    def set_source(self, fetch: FetchFn | None, first_page: list[WorkItem] | None = None) -> None:
        """Show another list: drop the rows, then fetch its first page (or take `first_page`,
        already fetched with the counts)."""
        self._generation += 1
        self.beginResetModel()
        self._fetch = fetch
        self._items = []
        self._exhausted = fetch is None
        self._loading = False
        self.endResetModel()
        if fetch is None:
            self.loading_finished.emit(0)
            return
        self.loading_started.emit()
        if first_page is not None:
            self._loading = True
            self._page_arrived(self._generation, 0, first_page)
        else:
            self._request_page()

    def refresh(self) -> None:
        self.set_source(self._fetch)

    def _request_page(self) -> None:
        if self._loading or self._exhausted or self._fetch is None:
            return
        self._loading = True
        generation, fetch, offset = self._generation, self._fetch, len(self._items)
        self._run(
            lambda: fetch(PAGE_SIZE, offset),
            lambda items: self._page_arrived(generation, offset, items),
        )

    def _page_arrived(self, generation: int, offset: int, items: list[WorkItem]) -> None:
        if generation != self._generation or offset != len(self._items):
            return  # an answer for a list no longer shown
        if len(items) < PAGE_SIZE:
            self._exhausted = True
        if items:
            first = len(self._items)
            self.beginInsertRows(QModelIndex(), first, first + len(items) - 1)
            self._items.extend(items)
            self.endInsertRows()
        self._loading = False
        self.loading_finished.emit(len(self._items))

    def page_failed(self) -> None:
        """The fetch raised: stop asking for more of this list."""
        self._loading = False
        self._exhausted = True

    def item(self, row: int) -> WorkItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    # -- Qt model interface ------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if not parent.isValid():
            self._request_page()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < COLUMN_COUNT:
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == ID_ROLE:
            return item.case.id
        if role == ITEM_ROLE:
            return item
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column)
        overdue = self._overdue_days(item) > 0
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_NEXT_DUE and overdue:
            return OVERDUE_COLOUR
        if role == Qt.ItemDataRole.FontRole and (
            (column == COL_NEXT_DUE and overdue) or (column == COL_PERSON and item.case.masked)
        ):
            font = QFont()
            font.setBold(overdue and column == COL_NEXT_DUE)
            font.setItalic(column == COL_PERSON)
            return font
        return None

    def _overdue_days(self, item: WorkItem) -> int:
        due = item.case.next_due_on
        if due is None or item.case.status not in OPEN_STATUSES:
            return 0
        return max(0, (self._today() - due).days)

    def _display(self, item: WorkItem, column: int) -> str | None:
        case = item.case
        if column == COL_NUMBER:
            return case.number
        if column == COL_PERSON:
            return case.person_name
        if column == COL_TYPE:
            return self._type_name(case.type_code)
        if column == COL_STATUS:
            return case_labels.status(case.status)
        if column == COL_NEXT_DUE:
            return case_labels.day(case.next_due_on)
        if column == COL_LAST_VISIT:
            return case_labels.day(case.last_visit_on)
        if column == COL_WORKER:
            return case.assigned_name or case_labels.NONE_TEXT
        if column == COL_SINCE:
            return case_labels.day(item.status_since)
        if column == COL_CLOSURE_REASON:
            return case_labels.closure_reason(item.closure_reason) or case_labels.NONE_TEXT
        return None

    def _tooltip(self, item: WorkItem, column: int) -> str | None:
        if column == COL_PERSON and item.case.masked:
            return translate(
                "CaseListModel",
                "A sensitive case: the names show once you open it (with a reason).",
            )
        if column == COL_NEXT_DUE and (days := self._overdue_days(item)):
            return translate("CaseListModel", "Days overdue: %1").replace("%1", str(days))
        if column == COL_STATUS and item.case.transfer_to:
            return translate("CaseListModel", "Waiting for its transfer to branch %1").replace(
                "%1", item.case.transfer_to
            )
        return None
