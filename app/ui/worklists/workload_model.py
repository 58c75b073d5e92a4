"""The supervisor's table of workers and their cases: counts by status, overdue, and cases
without a visit for 30 days (one row per worker; a few dozen rows, loaded at once)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from app.domain.cases import CaseStatus
from app.services.case_worklists import UNASSIGNED, WorkerLoad
from app.ui.common import case_labels

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
ALERT = QColor("#c62828")
_STATUS_COLUMNS = {
    COL_NEW: CaseStatus.NEW.value,
    COL_ASSESSMENT: CaseStatus.ASSESSMENT.value,
    COL_PLAN: CaseStatus.PLAN.value,
    COL_FOLLOW_UP: CaseStatus.FOLLOW_UP.value,
    COL_PENDING_CLOSURE: CaseStatus.PENDING_CLOSURE.value,
}
translate = QCoreApplication.translate
AnyIndex = QModelIndex | QPersistentModelIndex


class WorkloadTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[WorkerLoad] = []
        self._headers = [translate("WorkloadTableModel", "Social worker")]
        self._headers += [
            case_labels.status(_STATUS_COLUMNS[c]) for c in (COL_NEW, COL_ASSESSMENT, COL_PLAN)
        ]
        self._headers += [
            case_labels.status(CaseStatus.FOLLOW_UP.value),
            translate("WorkloadTableModel", "Open"),
            translate("WorkloadTableModel", "Overdue"),
            translate("WorkloadTableModel", "No visit for 30 days"),
            case_labels.status(CaseStatus.PENDING_CLOSURE.value),
        ]

    def set_loads(self, loads: tuple[WorkerLoad, ...] | list[WorkerLoad]) -> None:
        self.beginResetModel()
        self._rows = list(loads)
        self.endResetModel()

    def load(self, row: int) -> WorkerLoad | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

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
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        load = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(load, column)
        if role == WORKER_ROLE:
            return load.worker_id if load.worker_id is not None else UNASSIGNED
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
