"""The supervisor's table of workers and their cases: counts by status, overdue, and cases
without a visit for 30 days (one row per worker; a few dozen rows, loaded at once)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from app.domain.arabic import normalize_arabic
from app.domain.cases import CaseStatus
from app.services.case_worklists import UNASSIGNED, WorkerLoad
from app.ui.common import case_labels
from app.ui.common.row_table_model import RowTableModel

COL_WORKER = 0
COL_NEW = 1
COL_ASSESSMENT = 2
COL_PLAN = 3
COL_FOLLOW_UP = 4
COL_OPEN = 5
COL_OVERDUE = 6
COL_NO_VISIT = 7
COL_PENDING_CLOSURE = 8
COLUMN_COUNT = 9

WORKER_ROLE = Qt.ItemDataRole.UserRole + 1  # the worker id filter of a row (UNASSIGNED too)
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # what a header click sorts by
ALERT = QColor("#c62828")
_STATUS_COLUMNS = {
    COL_NEW: CaseStatus.NEW.value,
    COL_ASSESSMENT: CaseStatus.ASSESSMENT.value,
    COL_PLAN: CaseStatus.PLAN.value,
    COL_FOLLOW_UP: CaseStatus.FOLLOW_UP.value,
    COL_PENDING_CLOSURE: CaseStatus.PENDING_CLOSURE.value,
}
translate = QCoreApplication.translate


class WorkloadTableModel(RowTableModel[WorkerLoad]):
    def __init__(self, parent: Any = None) -> None:
        headers = [translate("WorkloadTableModel", "Social worker")]
        headers += [
            case_labels.status(_STATUS_COLUMNS[c]) for c in (COL_NEW, COL_ASSESSMENT, COL_PLAN)
        ]
        headers += [
            case_labels.status(CaseStatus.FOLLOW_UP.value),
            translate("WorkloadTableModel", "Open"),
            translate("WorkloadTableModel", "Overdue"),
            translate("WorkloadTableModel", "No visit for 30 days"),
            case_labels.status(CaseStatus.PENDING_CLOSURE.value),
        ]
        super().__init__(headers, parent)

    def set_loads(self, loads: Iterable[WorkerLoad]) -> None:
        self.set_rows(loads)

    def load(self, row: int) -> WorkerLoad | None:
        return self.row_at(row)

    def cell(self, load: WorkerLoad, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(load, column)
        if role == WORKER_ROLE:
            return load.worker_id if load.worker_id is not None else UNASSIGNED
        if role == SORT_ROLE:  # numbers as numbers, names by their normalized spelling
            shown = self._display(load, column) or ""
            return normalize_arabic(shown) if column == COL_WORKER else int(shown or 0)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != COL_WORKER:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole and (
            (column == COL_OVERDUE and load.overdue)
            or (column == COL_NO_VISIT and load.no_recent_visit)
        ):
            return ALERT
        return None

    @staticmethod
    def _display(load: WorkerLoad, column: int) -> str | None:
        if column == COL_WORKER:
            if load.worker_id is None:
                return translate("WorkloadTableModel", "Not assigned")
            return load.worker_name or load.worker_id
        if column in _STATUS_COLUMNS:
            return str(load.by_status.get(_STATUS_COLUMNS[column], 0))
        if column == COL_OPEN:
            return str(load.open)
        if column == COL_OVERDUE:
            return str(load.overdue)
        if column == COL_NO_VISIT:
            return str(load.no_recent_visit)
        return None
