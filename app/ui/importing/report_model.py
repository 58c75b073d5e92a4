"""The rows an import check refused or skipped, as a table: row, column, reason (translated)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from app.services.import_columns import BY_NAME
from app.services.importing import DuplicateRow, ImportReport, RowProblem
from app.ui.common import messages
from app.ui.common.row_table_model import RowTableModel

COL_ROW = 0
COL_COLUMN = 1
COL_REASON = 2
COLUMN_COUNT = 3

translate = QCoreApplication.translate


@dataclass(frozen=True, slots=True)
class ReportLine:
    row: int
    column: str
    reason: str
    skipped: bool  # an already registered person (not an error)


def column_label(name: str, arabic: bool) -> str:
    """A file column as the clerk knows it: the template's header in the UI's language."""
    if name.startswith("column "):
        return translate("ImportReportModel", "column %1").replace(
            "%1", name.removeprefix("column ")
        )
    column = BY_NAME.get(name)
    if column is None:
        return name
    return column.arabic if arabic else column.name


def problem_reason(problem: RowProblem) -> str:
    text = messages.message(problem.code, problem.params)
    value = problem.params.get("value")
    return f"{text} «{value}»" if value else text


def duplicate_reason(duplicate: DuplicateRow) -> str:
    same_number = duplicate.reason == "national_number"
    if duplicate.same_as_row is not None:
        source = (
            translate("ImportReportModel", "Same national number as row %1")
            if same_number
            else translate("ImportReportModel", "Same person as row %1")
        )
        return source.replace("%1", str(duplicate.same_as_row))
    if same_number:
        return translate("ImportReportModel", "Already registered (same national number)")
    return translate(
        "ImportReportModel",
        "Already registered (same name, mother's name, date of birth and sex)",
    )


def report_lines(report: ImportReport, arabic: bool) -> list[ReportLine]:
    lines = [
        ReportLine(p.row, column_label(p.column, arabic), problem_reason(p), False)
        for p in report.problems
    ]
    lines += [ReportLine(d.row, "", duplicate_reason(d), True) for d in report.duplicates]
    return sorted(lines, key=lambda line: (line.row, line.skipped))


class ImportReportModel(RowTableModel[ReportLine]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent=parent)
        self.set_headers([self.tr("Row"), self.tr("Column"), self.tr("Reason")])

    def set_lines(self, lines: list[ReportLine]) -> None:
        self.set_rows(lines)

    def cell(self, line: ReportLine, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (str(line.row), line.column, line.reason)[column]
        if role == Qt.ItemDataRole.ForegroundRole and not line.skipped:
            return QColor("#b00020")
        return None

    def line(self, row: int) -> ReportLine | None:
        return self.row_at(row)
