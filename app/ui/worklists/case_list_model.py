"""The lazy table of a case work list (my cases, the supervisor's lists): pages of WorkItem
fetched on demand, never every case; plus the case type names the lists show.

The paging itself is PagedTableModel's; this model is given `fetch(limit, offset)` for the
list shown and a `run(call, on_done)` that runs the call somewhere (the background worker in the
app, inline in model tests).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QFont

from app.domain.cases import OPEN_STATUSES
from app.services.case_list_query import ListQuery, SortKey
from app.services.case_reference import CaseType
from app.services.case_worklists import WorkItem
from app.ui.common import case_labels
from app.ui.common.paged_table_model import PagedTableModel
from app.ui.common.paged_table_model import RunFn as PagedRunFn
from app.ui.worklists.list_controls import type_order

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

# Each column sorts by its own kind (see app.services.case_list_query).
SORT_KEYS = {
    COL_NUMBER: SortKey.NUMBER,
    COL_PERSON: SortKey.PERSON,
    COL_TYPE: SortKey.TYPE,
    COL_STATUS: SortKey.STATUS,
    COL_NEXT_DUE: SortKey.NEXT_DUE,
    COL_LAST_VISIT: SortKey.LAST_VISIT,
    COL_WORKER: SortKey.WORKER,
    COL_SINCE: SortKey.SINCE,
    COL_CLOSURE_REASON: SortKey.CLOSURE_REASON,
}

FetchFn = Callable[[int, int, ListQuery], list[WorkItem]]
RunFn = PagedRunFn[WorkItem]


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
        self.english = english
        self._names: dict[str, str] = {}

    def load(self, types: list[CaseType]) -> None:
        self._names = {t.code: t.name_en if self.english else t.name_ar for t in types}

    def __call__(self, code: str) -> str:
        return self._names.get(code) or case_labels.case_type(code)

    def as_dict(self) -> dict[str, str]:
        return dict(self._names)


class CaseListModel(PagedTableModel[WorkItem]):
    """Rows of one work list, loaded PAGE_SIZE at a time as the view scrolls; sorted and
    filtered by the database (`query`), so the order is the whole list's, not a page's."""

    loading_started = Signal()

    def __init__(
        self,
        run: RunFn,
        type_name: Callable[[str], str],
        today: Callable[[], date],
        parent: Any = None,
    ) -> None:
        super().__init__(run, _headers(), parent)
        self._type_name = type_name
        self._today = today
        self._fetch: FetchFn | None = None
        self.query = ListQuery()
        # The shown type names by code, to sort types by name (TypeNames.as_dict).
        self.type_names: Callable[[], dict[str, str]] = dict

    def set_source(self, fetch: FetchFn | None, first_page: list[WorkItem] | None = None) -> None:
        """Show another list: drop the rows, then fetch its first page (or take `first_page`,
        already fetched with the counts)."""
        self._fetch = fetch
        if not self.query.plain:
            first_page = None  # fetched in the list's own order, unfiltered
        self._restart(exhausted=fetch is None)
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

    def set_query(self, query: ListQuery) -> None:
        """Sort or filter the list again (from its first page)."""
        if query != self.query:
            self.query = query
            if self._fetch is not None:
                self.refresh()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header clicked: the list sorted by that column (-1: its own order), by the
        database, kept when the list changes or refreshes."""
        key = SORT_KEYS.get(column)
        self.set_query(
            replace(
                self.query,
                sort=key,
                descending=key is not None and order == Qt.SortOrder.DescendingOrder,
                type_order=type_order(self.type_names()) if key == SortKey.TYPE else (),
            )
        )

    def _page_size(self) -> int:
        return PAGE_SIZE

    def _page_call(self) -> Callable[[], list[WorkItem]] | None:
        fetch, offset, query = self._fetch, len(self._rows), self.query
        if fetch is None:
            return None
        return lambda: fetch(PAGE_SIZE, offset, query)

    def item(self, row: int) -> WorkItem | None:
        return self.row_at(row)

    def cell(self, item: WorkItem, column: int, role: int) -> Any:
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
