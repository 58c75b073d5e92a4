"""A list of cases (CaseSummary lines) as a table model: number, type, stage, worker, dates.

Names of sensitive cases the reader may not open now arrive masked from the service; the
model shows what it is given and marks those rows as needing a reason to open.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from app.domain.cases import CaseStatus
from app.services.case_dto import CaseSummary
from app.ui.common import case_labels
from app.ui.common.row_table_model import RowTableModel

COL_NUMBER = 0
COL_TYPE = 1
COL_STATUS = 2
COL_WORKER = 3
COL_OPENED = 4
COL_NEXT_DUE = 5
COL_RISK = 6
COL_NOTE = 7  # sensitive / not yours / transfer requested
COLUMN_COUNT = 8
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2


class CaseSummaryTableModel(RowTableModel[CaseSummary]):
    numbered_rows = False

    def __init__(self, type_name: Callable[[str], str], parent: Any = None) -> None:
        super().__init__(parent=parent)
        self.set_headers(
            [
                self.tr("Case number"),
                self.tr("Type"),
                self.tr("Stage"),
                self.tr("Worker"),
                self.tr("Opened on"),
                self.tr("Next due"),
                self.tr("Risk"),
                self.tr("Notes"),
            ]
        )
        self._type_name = type_name

    def set_cases(self, cases: Sequence[CaseSummary]) -> None:
        self.set_rows(cases)

    def case_at(self, row: int) -> CaseSummary | None:
        return self.row_at(row)

    def cell(self, case: CaseSummary, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(case, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if case.masked:
                return self.tr("This case is not yours: opening it asks for a reason.")
            if case.transfer_to:
                return self.tr("Transfer to branch %1 requested").replace("%1", case.transfer_to)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_RISK and case.risk_level:
                return QBrush(QColor(case_labels.risk_colour(case.risk_level)))
            if case.status == CaseStatus.CLOSED:
                return QBrush(QColor("#757575"))
            return None
        if role == ID_ROLE:
            return case.id
        if role == SUMMARY_ROLE:
            return case
        return None

    def _text(self, case: CaseSummary, column: int) -> str:
        if column == COL_NUMBER:
            return case.number
        if column == COL_NOTE:
            marks = []
            if case.sensitive:
                marks.append(self.tr("sensitive"))
            if case.masked:
                marks.append(self.tr("not yours"))
            if case.transfer_to:
                marks.append(self.tr("transfer requested"))
            return self.tr(", ").join(marks)
        if column == COL_TYPE:
            return self._type_name(case.type_code)
        if column == COL_STATUS:
            return case_labels.status(case.status)
        if column == COL_WORKER:
            return case.assigned_name or case_labels.NONE_TEXT
        if column == COL_OPENED:
            return case_labels.day(case.opened_on)
        if column == COL_NEXT_DUE:
            return case_labels.day(case.next_due_on) if case.next_due_on else ""
        if column == COL_RISK:
            return case_labels.risk(case.risk_level)
        return ""
