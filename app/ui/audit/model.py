"""The lazy table of audit log entries (newest first, pages by sequence number); the words
it shows for actions and details are in `app.ui.audit.texts`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from app.services.audit_log import AuditEntryView, AuditFilter
from app.ui.audit.texts import GROUPS, action_text, details_text, group_text
from app.ui.common import case_labels
from app.ui.common.paged_table_model import PagedTableModel
from app.ui.common.paged_table_model import RunFn as PagedRunFn
from app.ui.common.translations import PY_DATETIME_FORMAT

PAGE_SIZE = 200

COL_TIME = 0
COL_USER = 1
COL_ACTION = 2
COL_CASE = 3
COL_DETAILS = 4
COLUMN_COUNT = 5

SEQ_ROLE = Qt.ItemDataRole.UserRole + 1
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 2

BrowseFn = Callable[[AuditFilter], list[AuditEntryView]]
RunFn = PagedRunFn[AuditEntryView]
__all__ = ["GROUPS", "action_text", "details_text", "group_text"]


def local_time(at: datetime) -> str:
    """Stored as naive UTC; shown in the computer's time zone."""
    return at.replace(tzinfo=UTC).astimezone().strftime(PY_DATETIME_FORMAT)


class AuditTableModel(PagedTableModel[AuditEntryView]):
    """Entries matching one filter, PAGE_SIZE at a time, older pages as the view scrolls."""

    def __init__(self, browse: BrowseFn, run: RunFn, parent: Any = None) -> None:
        headers = [
            QCoreApplication.translate("AuditTableModel", "Time"),
            QCoreApplication.translate("AuditTableModel", "User"),
            QCoreApplication.translate("AuditTableModel", "Action"),
            QCoreApplication.translate("AuditTableModel", "Case or person"),
            QCoreApplication.translate("AuditTableModel", "Details"),
        ]
        super().__init__(run, headers, parent)
        self._browse = browse
        self._filter: AuditFilter | None = None

    def set_filter(self, wanted: AuditFilter | None) -> None:
        self._filter = wanted
        self._restart(exhausted=wanted is None)
        self._request_page()

    def _page_size(self) -> int:
        return PAGE_SIZE

    def _page_call(self) -> Callable[[], list[AuditEntryView]] | None:
        if self._filter is None:
            return None
        # Newest first: the next page is what comes before the oldest entry held.
        before = self._rows[-1].seq if self._rows else None
        wanted = replace(self._filter, limit=PAGE_SIZE, before_seq=before)
        browse = self._browse
        return lambda: browse(wanted)

    def entry(self, row: int) -> AuditEntryView | None:
        return self.row_at(row)

    def cell(self, entry: AuditEntryView, column: int, role: int) -> Any:
        if role == SEQ_ROLE:
            return entry.seq
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_ACTION:
            return entry.action
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == COL_TIME:
            return local_time(entry.at)
        if column == COL_USER:
            return entry.user_name or case_labels.NONE_TEXT
        if column == COL_ACTION:
            return action_text(entry.action)
        if column == COL_CASE:
            if entry.entity == "beneficiary":
                return entry.person_number
            number = entry.details.get("number") if entry.entity == "case" else None
            return str(number) if number else ""
        if column == COL_DETAILS:
            return details_text(entry)
        return None
