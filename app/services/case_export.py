"""Exporting the branch's case figures to CSV and XLSX files; every export is audited.

The file is written beside its target as `*.part` and fsynced; the audit entry
("export.case_figures") is committed next, and only then is the file renamed into place, so a
file never exists without its audit entry. Column titles come from the caller (the UI passes
them translated); the case type names are the reference data's, in the language asked for.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

from app.db.audit import append_audit
from app.services.case_figures import FIGURE_READERS, BranchFigures, CaseFiguresService
from app.services.case_reference import CaseReferenceService
from app.services.context import ServiceContext

Cell = str | int | float
FORBIDDEN_IN_SHEET_NAMES = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


@dataclass(frozen=True, slots=True)
class FigureLabels:
    """The words of an exported file (English here; the UI passes its translations)."""

    title: str = "Case figures"
    branch: str = "Branch"
    period: str = "Period"
    as_of: str = "Open and overdue as of"
    by_month: str = "Per month"
    by_type: str = "Per case type"
    month: str = "Month"
    case_type: str = "Case type"
    opened: str = "Opened"
    closed: str = "Closed"
    average_days: str = "Average days to close"
    open_now: str = "Open"
    overdue_now: str = "Overdue"
    overdue_rate: str = "Overdue rate (%)"
    all_types: str = "All types"
    right_to_left: bool = False


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    format: ExportFormat
    rows: int  # data rows written (both tables)


@dataclass(frozen=True, slots=True)
class FigureTables:
    """The figures as rows: heading lines, then the per-month and per-type tables."""

    heading: list[list[Cell]]
    month_header: list[Cell]
    month_rows: list[list[Cell]]
    type_header: list[Cell]
    type_rows: list[list[Cell]]


def _day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def _rounded(value: float | None, scale: float = 1.0) -> Cell:
    return "" if value is None else round(value * scale, 1)


def figure_tables(
    figures: BranchFigures, labels: FigureLabels, type_names: Mapping[str, str]
) -> FigureTables:
    """Rows of the exported tables (months x the types active in the period, then types)."""
    active = [
        code for code in figures.type_codes() if any(c.type_code == code for c in figures.cells)
    ]
    month_rows: list[list[Cell]] = []
    for month in figures.months:
        for code in active:
            opened, closed = figures.cell(month, code)
            month_rows.append([month, type_names.get(code, code), opened, closed])
    type_rows: list[list[Cell]] = []
    for item in (*figures.by_type, figures.total):
        name = type_names.get(item.type_code, item.type_code) if item.type_code else None
        type_rows.append(
            [
                name or labels.all_types,
                item.opened,
                item.closed,
                _rounded(item.average_days_to_close),
                item.open_now,
                item.overdue_now,
                _rounded(item.overdue_rate, 100.0),
            ]
        )
    return FigureTables(
        heading=[
            [labels.title, labels.branch, figures.branch_code],
            [labels.period, _day(figures.since), _day(figures.until)],
            [labels.as_of, _day(figures.today)],
        ],
        month_header=[labels.month, labels.case_type, labels.opened, labels.closed],
        month_rows=month_rows,
        type_header=[
            labels.case_type,
            labels.opened,
            labels.closed,
            labels.average_days,
            labels.open_now,
            labels.overdue_now,
            labels.overdue_rate,
        ],
        type_rows=type_rows,
    )


def write_csv(path: Path, tables: FigureTables, labels: FigureLabels) -> None:
    # UTF-8 with a byte order mark: Excel reads the Arabic right only with it.
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerows(tables.heading)
        writer.writerows([[], [labels.by_month], tables.month_header, *tables.month_rows])
        writer.writerows([[], [labels.by_type], tables.type_header, *tables.type_rows])
        out.flush()
        os.fsync(out.fileno())


def _sheet_title(text: str) -> str:
    return text.translate(FORBIDDEN_IN_SHEET_NAMES).strip()[:31] or "Sheet"


def write_xlsx(path: Path, tables: FigureTables, labels: FigureLabels) -> None:
    from openpyxl import Workbook  # on the first export, not at start-up (~0.1 s)
    from openpyxl.styles import Font

    book = Workbook()
    first = book.active
    sheets = (
        (first, labels.by_month, tables.month_header, tables.month_rows),
        (book.create_sheet(), labels.by_type, tables.type_header, tables.type_rows),
    )
    for sheet, title, header, rows in sheets:
        sheet.title = _sheet_title(title)
        sheet.sheet_view.rightToLeft = labels.right_to_left
        for line in tables.heading:
            sheet.append(line)
        sheet.append([])
        sheet.append(header)
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        for index, _ in enumerate(header):
            letter = chr(ord("A") + index)
            sheet.column_dimensions[letter].width = 24 if index < 2 else 16
    with path.open("wb") as out:
        book.save(out)
        out.flush()
        os.fsync(out.fileno())


class CaseExportService:
    def __init__(
        self, ctx: ServiceContext, figures: CaseFiguresService, reference: CaseReferenceService
    ) -> None:
        self._ctx = ctx
        self._figures = figures
        self._reference = reference

    def type_names(self, language: str) -> dict[str, str]:
        return {
            t.code: t.name_ar if language == "ar" else t.name_en
            for t in self._reference.case_types()
        }

    def export_figures(
        self,
        path: Path,
        first_month: date,
        last_month: date,
        *,
        fmt: ExportFormat | str | None = None,
        labels: FigureLabels | None = None,
        language: str = "ar",
        type_names: Mapping[str, str] | None = None,
    ) -> ExportResult:
        """Write the figures of the period to `path` (CSV or XLSX, by default from its
        suffix) and audit the export. Supervisors and auditors only. Case types are named
        by `type_names` if given (the names the screen shows), else by the reference data."""
        user = self._ctx.require(*FIGURE_READERS)
        chosen = ExportFormat(fmt or path.suffix.lstrip(".").lower() or "csv")
        labels = labels or FigureLabels()
        figures = self._figures.figures(first_month, last_month)
        names = {**self.type_names(language), **(type_names or {})}
        tables = figure_tables(figures, labels, names)
        part = path.with_name(path.name + ".part")
        try:
            (write_csv if chosen == ExportFormat.CSV else write_xlsx)(part, tables, labels)
        except BaseException:
            part.unlink(missing_ok=True)  # an OSError (disk full, no permission) goes up as is
            raise
        rows = len(tables.month_rows) + len(tables.type_rows)
        try:
            with self._ctx.db.transaction(self._ctx.actor()) as session:
                append_audit(
                    session,
                    "export.case_figures",
                    user_id=user.id,
                    details={
                        "format": chosen.value,
                        "since": figures.since.isoformat(),
                        "until": figures.until.isoformat(),
                        "file": path.name,
                        "rows": rows,
                    },
                )
        except BaseException:
            part.unlink(missing_ok=True)
            raise
        part.replace(path)
        return ExportResult(path, chosen, rows)
