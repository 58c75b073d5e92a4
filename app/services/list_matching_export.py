"""A matched list as an XLSX workbook (File → Match a list…): one row per match, in list order.

The list (CSV, text or XLSX) is read and matched as a stream (`ListMatchingService.match_file`)
straight into an openpyxl write-only workbook, so neither the list nor the results are ever
held whole. Every
text is written as a text cell: a name or query starting with = + - @ (a list may carry
anything) is never a formula. The file is written beside its target as `*.part` and renamed
into place when the list is done (its audit entry is committed by then); a stopped run leaves
no file. Column titles, reason words and error messages come from the caller (the UI passes
them translated).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain.list_queries import LineError
from app.services.list_matching import (
    DEFAULT_LIMIT,
    Cancel,
    ListMatchingService,
    ListResult,
    ListSummary,
    Progress,
)

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

Cell = str | int


@dataclass(frozen=True, slots=True)
class MatchSheetLabels:
    """The words of the workbook (English here; the UI passes its translations)."""

    sheet: str = "Matches"
    line: str = "Line"
    query: str = "Query"
    rank: str = "Rank"
    person_number: str = "Person number"
    name: str = "Name"
    score: str = "Score"
    reasons: str = "Reasons"
    note: str = "Note"
    no_match: str = "No match"
    # reason codes (name, mother, birth_date, national_number, person_number, equal, differs)
    words: Mapping[str, str] = field(default_factory=dict)
    describe: Callable[[LineError], str] = lambda error: error.code.value
    right_to_left: bool = False

    def reason_text(self, reason: str) -> str:
        """`name:92` -> "Name 92", `national_number:equal` -> "National number equal"."""
        what, _, value = reason.partition(":")
        return f"{self.words.get(what, what)} {self.words.get(value, value)}".strip()


@dataclass(frozen=True, slots=True)
class MatchExport:
    summary: ListSummary
    path: Path | None  # None when the run was stopped (no file is left)


def result_rows(result: ListResult, labels: MatchSheetLabels) -> list[list[Cell]]:
    """The sheet rows of one line: one per match; one with a note when none or refused."""
    if result.error is not None:
        return [[result.line, result.query, "", "", "", "", "", labels.describe(result.error)]]
    if not result.matches:
        return [[result.line, result.query, "", "", "", "", "", labels.no_match]]
    return [
        [
            result.line,
            result.query,
            rank,
            m.person_number,
            m.name,
            m.score,
            "، ".join(labels.reason_text(r) for r in m.reasons)
            if labels.right_to_left
            else ", ".join(labels.reason_text(r) for r in m.reasons),
            "",
        ]
        for rank, m in enumerate(result.matches, 1)
    ]


def _cells(sheet: WriteOnlyWorksheet, values: list[Cell], bold: bool = False) -> list[object]:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cells: list[object] = []
    for value in values:
        cell = WriteOnlyCell(sheet, value)
        if isinstance(value, str):
            cell.data_type = "s"  # text, even "=HYPERLINK(…)": never a formula
        if bold:
            cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def export_matches(
    matcher: ListMatchingService,
    source: Path,
    target: Path,
    labels: MatchSheetLabels,
    *,
    limit: int = DEFAULT_LIMIT,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> MatchExport:
    """Match the list `source` and write its results to `target` (XLSX)."""
    summary = ListSummary()
    part = target.with_name(target.name + ".part")
    from openpyxl import Workbook  # on the first export, not at start-up (~0.1 s)

    book = Workbook(write_only=True)
    sheet = book.create_sheet(labels.sheet[:31])
    sheet.sheet_view.rightToLeft = labels.right_to_left
    for column, width in zip("ABCDEFGH", (7, 40, 6, 18, 36, 7, 44, 40), strict=True):
        sheet.column_dimensions[column].width = width
    header: list[Cell] = [
        labels.line,
        labels.query,
        labels.rank,
        labels.person_number,
        labels.name,
        labels.score,
        labels.reasons,
        labels.note,
    ]
    sheet.append(_cells(sheet, header, bold=True))
    saved = False
    try:
        results = matcher.match_file(
            source, limit=limit, progress=progress, cancel=cancel, summary=summary
        )
        for result in results:
            for row in result_rows(result, labels):
                sheet.append(_cells(sheet, row))
        if summary.stopped:
            return MatchExport(summary, None)
        book.save(part)
        saved = True
        with part.open("rb+") as written:
            os.fsync(written.fileno())
        part.replace(target)
    finally:
        if not saved:
            sheet.close()  # ends its temporary file (a stopped or failed run)
        with contextlib.suppress(FileNotFoundError):
            part.unlink()
    return MatchExport(summary, target)
