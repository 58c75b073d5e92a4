"""The rows of an Excel (XLSX) list as lines for the matching, read as a stream.

The first sheet is read row by row (openpyxl's read-only mode), at most MAX_COLUMNS + 1 cells
a row (a wider row is then refused by the reader), each row's cells joined by tabs (quoted as
CSV where a cell holds a tab or a quote) so that the reader sees a tab-separated list. Date
cells become DD/MM/YYYY, whole numbers their digits (a national number typed as a number).
A workbook whose parts unpack to more than MAX_UNPACKED bytes is refused before it is opened
(a ZIP bomb would otherwise fill memory with its shared strings).
"""

from __future__ import annotations

import csv
import hashlib
import io
import warnings
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from app.domain.errors import DomainError, ErrorCode
from app.domain.list_queries import MAX_COLUMNS, MAX_LINE_CHARS
from app.services.list_lines import Line

MAX_UNPACKED = 256 * 1024 * 1024
XLSX_MAGIC = b"PK\x03\x04"


def is_workbook(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == XLSX_MAGIC


def _refuse(reason: str) -> DomainError:
    return DomainError(ErrorCode.FILE_FORMAT, field="file", reason=reason)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _joined(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter="\t", lineterminator="").writerow(cells)
    return out.getvalue()


class WorkbookLines:
    """The rows of the first sheet of an XLSX file as numbered, tab-separated lines."""

    separator: str | None = "\t"

    def __init__(self, path: Path) -> None:
        self._path = path
        self._rows = 0
        self._total = 0
        digest = hashlib.sha256()
        try:
            with path.open("rb") as handle:
                while chunk := handle.read(1 << 20):
                    digest.update(chunk)
            with zipfile.ZipFile(path) as archive:
                unpacked = sum(i.file_size for i in archive.infolist())
        except zipfile.BadZipFile:
            raise _refuse("not a readable XLSX workbook") from None
        if unpacked > MAX_UNPACKED:
            raise _refuse("the workbook is too large once unpacked")
        self._sha256 = digest.hexdigest()

    @property
    def position(self) -> int:
        return self._rows

    @property
    def total(self) -> int:
        return self._total

    @property
    def sha256(self) -> str:
        return self._sha256

    def __iter__(self) -> Iterator[Line]:
        from openpyxl import load_workbook

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # openpyxl warns about styles it does not know
                book = load_workbook(self._path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as err:
            raise _refuse(f"not a readable XLSX workbook ({type(err).__name__})") from None
        try:
            if not book.worksheets:
                raise _refuse("the workbook has no sheet")
            sheet = book.worksheets[0]
            self._total = sheet.max_row or 0
            rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)
            for number, row in enumerate(rows, 1):
                self._rows = number
                cells = [_text(v) for v in row]
                while cells and not cells[-1]:
                    cells.pop()
                text = _joined(cells)
                if len(text) > MAX_LINE_CHARS:
                    yield Line(number, text[:100], too_long=True)
                else:
                    yield Line(number, text)
        finally:
            book.close()
