"""Table models of the branch figures: cases opened and closed per month (for all types or
one), and the figures per case type with the overdue rate."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont

from app.services.case_figures import BranchFigures, TypeFigures
from app.ui.common.row_table_model import RowTableModel

translate = QCoreApplication.translate

COL_MONTH = 0
COL_OPENED = 1
COL_CLOSED = 2
MONTH_COLUMNS = 3

COL_TYPE = 0
COL_TYPE_OPENED = 1
COL_TYPE_CLOSED = 2
COL_AVERAGE_DAYS = 3
COL_OPEN_NOW = 4
COL_OVERDUE_NOW = 5
COL_OVERDUE_RATE = 6
TYPE_COLUMNS = 7


def month_text(key: str) -> str:
    """ "2026-11" as it is written here: 11/2026."""
    year, month = key.split("-")
    return f"{month}/{year}"


def days_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def rate_text(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


class FigureTable(RowTableModel[list[str]]):
    """Rows of plain text, right-aligned numbers, a bold last row when it is a total."""

    def __init__(self, headers: list[str], parent: Any = None) -> None:
        super().__init__(headers, parent)
        self._total_row = False

    def _set_rows(self, rows: list[list[str]], total_row: bool) -> None:
        self._total_row = total_row and bool(rows)
        self.set_rows(rows)

    def cell(self, item: list[str], column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return item[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and self._total_row and item is self._rows[-1]:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def text(self, row: int, column: int) -> str:
        return self._rows[row][column]


class MonthFiguresModel(FigureTable):
    """Opened / closed per month of the period, for one case type or all."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                translate("MonthFiguresModel", "Month"),
                translate("MonthFiguresModel", "Opened"),
                translate("MonthFiguresModel", "Closed"),
            ],
            parent,
        )

    def show(self, figures: BranchFigures | None, type_code: str | None) -> None:
        rows: list[list[str]] = []
        if figures is not None:
            total_opened = total_closed = 0
            for month in figures.months:
                opened, closed = figures.cell(month, type_code)
                total_opened += opened
                total_closed += closed
                rows.append([month_text(month), str(opened), str(closed)])
            rows.append(
                [translate("MonthFiguresModel", "Total"), str(total_opened), str(total_closed)]
            )
        self._set_rows(rows, total_row=True)


class TypeFiguresModel(FigureTable):
    """Per case type: opened, closed, average days to close, open and overdue today."""

    def __init__(self, type_name: Callable[[str], str], parent: Any = None) -> None:
        super().__init__(
            [
                translate("TypeFiguresModel", "Case type"),
                translate("TypeFiguresModel", "Opened"),
                translate("TypeFiguresModel", "Closed"),
                translate("TypeFiguresModel", "Average days to close"),
                translate("TypeFiguresModel", "Open today"),
                translate("TypeFiguresModel", "Overdue today"),
                translate("TypeFiguresModel", "Overdue rate"),
            ],
            parent,
        )
        self._type_name = type_name

    def show(self, figures: BranchFigures | None) -> None:
        rows: list[list[str]] = []
        if figures is not None:
            for item in (*figures.by_type, figures.total):
                rows.append(self._row(item))
        self._set_rows(rows, total_row=True)

    def _row(self, item: TypeFigures) -> list[str]:
        name = (
            self._type_name(item.type_code)
            if item.type_code
            else translate("TypeFiguresModel", "All types")
        )
        return [
            name,
            str(item.opened),
            str(item.closed),
            days_text(item.average_days_to_close),
            str(item.open_now),
            str(item.overdue_now),
            rate_text(item.overdue_rate),
        ]
