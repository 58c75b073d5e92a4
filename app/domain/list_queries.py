"""One line of a list of people to look for (`sanad search --batch`, File → Match a list…).

Other bodies send the ministry lists of names: a court's juveniles, the families of prisoners
held abroad, an agency's displaced households. A list is read one line at a time, in one of two
shapes, decided by its first non-blank line:

- **plain**: every line is a free-text query, as typed in the search box (a name or part of
  one, a mother's name, a national number, a person number);
- **CSV**: the first line is a header naming known columns (`LIST_COLUMNS`, English or Arabic,
  matched as loosely as the import's headers); each later line is one person, split on the
  header's separator (comma, semicolon or tab). Unknown columns are ignored and named once,
  as the header line's error.

`ListReader.read` turns a line into a `ListQuery`, a `LineError` (the line is reported and
the rest goes on), or None (blank line, header). Nothing here reads files or the database.
"""

from __future__ import annotations

import csv
import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from app.domain.arabic import normalize_arabic, to_western_digits
from app.domain.errors import DomainError, ErrorCode
from app.domain.field_checks import control_character
from app.domain.people import clean_national_number, parse_date

# A line longer than this (in characters) is refused whole, never read into memory whole.
MAX_LINE_CHARS = 2000
# A CSV line with more cells than this is refused.
MAX_COLUMNS = 40
_SEPARATORS = (",", ";", "\t")
_YEAR = re.compile(r"\d{4}")
_DIRECTION_MARKS = "\u200e\u200f\u061c\ufeff"


@dataclass(frozen=True, slots=True)
class ListColumn:
    name: str  # the English header, and the key of the query's field
    arabic: str
    aliases: tuple[str, ...] = ()


LIST_COLUMNS: tuple[ListColumn, ...] = (
    ListColumn(
        "name",
        "الاسم",
        ("full_name", "الاسم الكامل", "الاسم الرباعي", "الاسم الثلاثي", "الاسم بالكامل"),
    ),
    ListColumn("first_name", "الاسم الأول", ("first",)),
    ListColumn("father_name", "اسم الأب", ("father",)),
    ListColumn("grandfather_name", "اسم الجد", ("grandfather",)),
    ListColumn(
        "family_name",
        "اللقب",
        ("اسم العائلة", "العائلة", "surname", "last_name", "family"),
    ),
    ListColumn("mother_name", "اسم الأم", ("اسم الأم الثلاثي", "اسم الأم بالكامل", "mother")),
    ListColumn("birth_date", "تاريخ الميلاد", ("تاريخ الولادة", "date_of_birth", "dob", "birth")),
    ListColumn("national_number", "الرقم الوطني", ("national_id", "nid")),
)
_PARTS = ("first_name", "father_name", "grandfather_name", "family_name")


def _header_key(text: str) -> str:
    return normalize_arabic(text.replace("_", " ").replace("-", " "))


_HEADERS: dict[str, str] = {
    _header_key(alias): column.name
    for column in LIST_COLUMNS
    for alias in (column.name, column.arabic, *column.aliases)
}


def column_of(header: str) -> str | None:
    """The list column a header names (`First Name`, `الإسم الاول`...), or None."""
    return _HEADERS.get(_header_key(header))


@dataclass(frozen=True, slots=True)
class ListQuery:
    """One person to look for. `text` is what the line asked, for the report."""

    line: int
    text: str
    name: str = ""  # the name words, in order (free text, or the parts joined)
    parts: tuple[str, str, str, str] | None = None  # all four name parts, when given apart
    mother_name: str = ""
    birth_date: date | None = None
    birth_year: int | None = None  # a year alone (no day known)
    national_number: str = ""

    @property
    def structured(self) -> bool:
        """Does the query carry fields beyond one free text (a CSV row)?"""
        return bool(
            self.parts or self.mother_name or self.birth_date or self.birth_year is not None
        )


@dataclass(frozen=True, slots=True)
class LineError:
    """A line that could not be read as a query: a coded reason, as DomainError carries."""

    line: int
    text: str
    code: ErrorCode
    field: str | None = None
    params: Mapping[str, str] = dataclasses.field(default_factory=dict)

    @classmethod
    def of(cls, line: int, text: str, err: DomainError) -> LineError:
        return cls(line, text, err.code, err.field, dict(err.params))


def too_long(line: int, prefix: str) -> LineError:
    """The error of a line longer than MAX_LINE_CHARS (`prefix`: its first characters)."""
    return LineError(
        line, prefix[:80], ErrorCode.LINE_TOO_LONG, "line", {"max": str(MAX_LINE_CHARS)}
    )


def _cells(line: str, separator: str) -> list[str]:
    """One line's cells; an unbalanced quote raises FILE_FORMAT."""
    try:
        rows = list(csv.reader([line], delimiter=separator, strict=True))
    except csv.Error as err:
        raise DomainError(ErrorCode.FILE_FORMAT, field="line", reason="quotes") from err
    return rows[0] if rows else []


def _separator(line: str) -> str:
    counts = {s: line.count(s) for s in _SEPARATORS}
    best = max(_SEPARATORS, key=lambda s: counts[s])
    return best if counts[best] else ","


class ListReader:
    """Reads a list line by line; the first non-blank line decides plain or CSV."""

    def __init__(self, separator: str | None = None) -> None:
        """`separator`: the cell separator of every line (a workbook's rows come tab-joined);
        None: the header's own, found in it."""
        self._started = False
        self._forced = separator
        self._separator = separator or ","
        self._columns: dict[int, str] | None = None  # CSV: cell position -> column

    @property
    def columns(self) -> tuple[str, ...]:
        """The known columns of a CSV list's header, in file order; () for a plain list."""
        return tuple(self._columns.values()) if self._columns else ()

    def read(self, line: int, raw: str) -> ListQuery | LineError | None:
        text = raw.strip().strip(_DIRECTION_MARKS).strip()
        if not text:
            return None
        # A CSV line keeps its leading and trailing empty cells (a tab is a separator).
        cells_text = raw.strip(" \r\n").strip(_DIRECTION_MARKS)
        try:
            if not self._started:
                self._started = True
                is_header, header_error = self._header(line, cells_text)
                if is_header:
                    return header_error
            if len(text) > MAX_LINE_CHARS:
                return too_long(line, text)
            if self._columns is None:
                return _plain(line, text)
            return self._row(line, cells_text)
        except DomainError as err:
            return LineError.of(line, text, err)

    def _header(self, line: int, text: str) -> tuple[bool, LineError | None]:
        """Is `text` a header (a known column in it), and its unknown columns' error."""
        separator = self._forced or _separator(text)
        try:
            cells = _cells(text, separator)
        except DomainError:
            return False, None
        named = {i: column_of(c) for i, c in enumerate(cells)}
        known = {i: n for i, n in named.items() if n is not None}
        if not known:
            return False, None
        self._separator = separator
        self._columns = {}
        repeated = []
        for i, name in known.items():
            if name in self._columns.values():
                repeated.append(cells[i].strip())
            else:
                self._columns[i] = name
        if len(cells) > MAX_COLUMNS:
            raise DomainError(ErrorCode.TOO_MANY_COLUMNS, field="line", max=str(MAX_COLUMNS))
        if repeated:
            raise DomainError(
                ErrorCode.FILE_FORMAT,
                field="line",
                reason="repeated column",
                columns=", ".join(repeated),
            )
        unknown = [c.strip() for i, c in enumerate(cells) if named[i] is None and c.strip()]
        if unknown:
            columns = {"columns": ", ".join(unknown)}
            return True, LineError(line, text, ErrorCode.UNKNOWN_COLUMN, "line", columns)
        return True, None

    def _row(self, line: int, text: str) -> ListQuery | LineError | None:
        assert self._columns is not None
        cells = _cells(text, self._separator)
        if len(cells) > MAX_COLUMNS:
            raise DomainError(ErrorCode.TOO_MANY_COLUMNS, field="line", max=str(MAX_COLUMNS))
        values = {
            name: cells[i].strip().strip(_DIRECTION_MARKS).strip()
            for i, name in self._columns.items()
            if i < len(cells)
        }
        if not any(values.values()):
            return None
        return row_query(line, values)


def _refuse_control(text: str, column: str) -> str:
    found = control_character(text)
    if found is not None:
        raise DomainError(ErrorCode.CONTROL_CHARACTER, field=column, char=found)
    return text


def _plain(line: int, text: str) -> ListQuery:
    """A free-text line; twelve digits alone are a national number."""
    found = control_character(text.replace("\t", " "))
    if found is not None:
        raise DomainError(ErrorCode.CONTROL_CHARACTER, field="line", char=found)
    digits = re.sub(r"[\s\-]", "", to_western_digits(text))
    if re.fullmatch(r"\d{12}", digits):
        return ListQuery(line, text, national_number=digits)
    return ListQuery(line, text, name=" ".join(text.split()))


def row_query(line: int, values: Mapping[str, str]) -> ListQuery:
    """A CSV row's query from its cells by column name (empty cells: not given)."""
    for column, value in values.items():
        _refuse_control(value, column)
    parts = [values.get(p, "") for p in _PARTS]
    name = values.get("name", "")
    if name and not parts[0] and any(parts[1:]):
        parts[0], name = name, ""  # "الاسم" beside the father's name: the first name
    words = " ".join(" ".join(w for w in (name, *parts) if w).split())
    number = values.get("national_number", "")
    if number:
        number = clean_national_number(number)
    born: date | None = None
    year: int | None = None
    raw_date = to_western_digits(values.get("birth_date", ""))
    if _YEAR.fullmatch(raw_date):
        year = int(raw_date)
    elif raw_date:
        born = parse_date(raw_date, "birth_date")
    mother = " ".join(values.get("mother_name", "").split())
    if not words and not number and not mother:
        raise DomainError(ErrorCode.REQUIRED, field="name")
    shown = " | ".join(v for v in values.values() if v)
    return ListQuery(
        line,
        shown,
        name=words,
        parts=(parts[0], parts[1], parts[2], parts[3]) if all(parts) and not name else None,
        mother_name=mother,
        birth_date=born,
        birth_year=year,
        national_number=number,
    )


def accepted_headers() -> Sequence[tuple[str, str, tuple[str, ...]]]:
    """(English, Arabic, other accepted headers) of every list column, for the docs."""
    return [(c.name, c.arabic, c.aliases) for c in LIST_COLUMNS]
