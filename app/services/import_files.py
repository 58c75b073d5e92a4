"""Reading an import file (CSV or XLSX) into a header row and numbered data rows.

The format is recognised from the content, not the name: an XLSX is a ZIP; anything else that is
text is CSV (UTF-8 with or without BOM, UTF-16 with BOM as Excel's "Unicode text" writes it, or
Windows Arabic cp1256), comma, semicolon or tab separated. Anything else is refused with a coded
error before a single row is looked at. Row numbers are those a spreadsheet shows (header = 1).
"""

from __future__ import annotations

import csv
import hashlib
import io
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from pathlib import Path

from app.domain.errors import DomainError, ErrorCode

Cell = str | date
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls, .doc
_DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True, slots=True)
class Table:
    file_format: str  # "csv" | "xlsx"
    encoding: str | None
    headers: list[str]
    rows: list[tuple[int, list[Cell]]]  # (row number in the file, cells); blank rows left out
    sha256: str = ""


def _refuse(reason: str) -> DomainError:
    return DomainError(ErrorCode.FILE_FORMAT, field="file", reason=reason)


def read_table(path: Path) -> Table:
    return parse_table(read_file(path))


def read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise DomainError(
            ErrorCode.FILE_UNREADABLE, field="file", reason=err.strerror or type(err).__name__
        ) from None


def file_sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def parse_table(raw: bytes, sha256: str | None = None) -> Table:
    """The table in a file's bytes (see the module docstring); `sha256` if known already."""
    if not raw.strip():
        raise _refuse("the file is empty")
    if raw.startswith(b"PK\x03\x04"):
        table = _read_xlsx(raw)
    elif raw.startswith(_OLE2):
        raise _refuse("an old Excel .xls file: save it as .xlsx or .csv")
    else:
        text, encoding = _decode(raw)
        table = _read_csv(text, encoding)
    return replace(table, sha256=sha256 or file_sha256(raw))


def _decode(raw: bytes) -> tuple[str, str]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise _refuse("not readable text") from None
    if b"\x00" in raw[:65536]:
        raise _refuse("not a CSV or XLSX file (binary content)")
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1256")
    except UnicodeDecodeError:
        raise _refuse("not UTF-8 or Windows Arabic (cp1256) text") from None
    if sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t") > len(text) // 100:
        raise _refuse("not a CSV or XLSX file (binary content)")
    return text, "cp1256"


def _read_csv(text: str, encoding: str) -> Table:
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(_DELIMITERS, key=first_line.count)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as err:
        raise _refuse(f"broken CSV ({err})") from None
    strip = str.strip
    return _table("csv", encoding, (list(map(strip, r)) for r in records))


def _table(file_format: str, encoding: str | None, records: Iterable[list[Cell]]) -> Table:
    headers: list[str] | None = None
    rows: list[tuple[int, list[Cell]]] = []
    for number, cells in enumerate(records, 1):
        if not any(cells):  # every cell "" (dates are never false)
            continue
        if headers is None:
            headers = [c if isinstance(c, str) else c.isoformat() for c in cells]
        else:
            rows.append((number, cells))
    if headers is None:
        raise _refuse("the file is empty")
    return Table(file_format, encoding, headers, rows)


def _read_xlsx(raw: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not know
            book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
            try:
                if not book.worksheets:
                    raise _refuse("the workbook has no sheet")
                sheet = book.worksheets[0]
                return _table("xlsx", None, _xlsx_rows(sheet.iter_rows(values_only=True)))
            finally:
                book.close()
    except DomainError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as err:
        raise _refuse(f"not a readable XLSX workbook ({type(err).__name__})") from None


def _xlsx_rows(rows: Iterable[tuple[object, ...]]) -> Iterator[list[Cell]]:
    for row in rows:
        yield [_xlsx_cell(value) for value in row]


def _xlsx_cell(value: object) -> Cell:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, time):
        return value.isoformat()
    return str(value).strip()
