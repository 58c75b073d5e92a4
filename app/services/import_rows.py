"""One row of an import file: its cells as a beneficiary draft, and its problems as columns.

`row_draft` turns the cells into a `BeneficiaryDraft` (choice words and municipality names
looked up) and reports what only the importer can see (a value under no header, a place it
does not know, a control character a look-up would drop); `row_problems` turns the domain's
field errors into the file's column names. `app.services.importing` runs both for every row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain.arabic import to_western_digits
from app.domain.beneficiary import BeneficiaryDraft
from app.domain.errors import DomainError, ErrorCode, ValidationFailed
from app.domain.field_checks import control_character
from app.domain.people import normalize_phone
from app.services.import_columns import choice_value
from app.services.import_files import Cell
from app.services.reference import ReferenceService


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A bad row: its number in the file, the column, and why (a code, with values)."""

    row: int
    column: str
    code: ErrorCode
    params: dict[str, str] = field(default_factory=dict)


# Domain field names that are named differently in an import file.
_FIELD_TO_COLUMN = {"municipality_code": "municipality", "phones": "phone"}


def is_year(cell: object) -> bool:
    """Is an import cell a year alone (1979, ١٩٧٩)? Then the birth date is an estimate."""
    if not isinstance(cell, str):
        return False
    text = to_western_digits(cell.strip())
    return len(text) == 4 and text.isdigit()


class MunicipalityCache:
    def __init__(self, reference: ReferenceService) -> None:
        self._reference = reference
        self._found: dict[str, str | None] = {}

    def __call__(self, text: str) -> str | None:
        if text not in self._found:
            found = self._reference.find_municipality(text)
            self._found[text] = found.code if found is not None else None
        return self._found[text]


class Choices:
    """`choice_value`, memoized: a column of a big file holds a handful of distinct words."""

    def __init__(self) -> None:
        self._found: dict[tuple[str, str], str] = {}

    def __call__(self, column: str, text: str) -> str:
        if not text:
            return text
        key = (column, text)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = choice_value(column, text.strip())
        return found


def row_draft(
    number: int,
    cells: list[Cell],
    mapping: dict[int, str],
    municipality_of: MunicipalityCache,
    choice: Choices,
) -> tuple[list[RowProblem], BeneficiaryDraft, dict[str, str]]:
    """The row as a draft, with the problems only the importer can see (cells, places), and
    the phone cells by column."""
    problems: list[RowProblem] = []
    values: dict[str, Cell] = {}
    get = mapping.get
    for position, cell in enumerate(cells):
        name = get(position)
        if name is not None:
            values[name] = cell
        elif cell != "":
            problems.append(RowProblem(number, f"column {position + 1}", ErrorCode.UNKNOWN_COLUMN))
    text = {
        name: cell if isinstance(cell, str) else cell.isoformat() for name, cell in values.items()
    }
    value = text.get
    draft = BeneficiaryDraft(
        first_name=value("first_name", ""),
        father_name=value("father_name", ""),
        grandfather_name=value("grandfather_name", ""),
        family_name=value("family_name", ""),
        mother_name=value("mother_name", ""),
        latin_name=value("latin_name", ""),
        sex=choice("sex", value("sex", "")),
        birth_date=values.get("birth_date", ""),
        # A year alone (no papers) is an estimated birth date, as at the desk.
        birth_date_estimated=is_year(values.get("birth_date", "")),
        national_number=value("national_number", ""),
        admin_number=value("admin_number", ""),
        passport_number=value("passport_number", ""),
        family_booklet_number=value("family_booklet_number", ""),
        nationality=choice("nationality", value("nationality", "")) or "LY",
        address=value("address", ""),
        phones=[p for p in (value("phone", ""), value("phone2", "")) if p],
        marital_status=choice("marital_status", value("marital_status", "")),
        disability_type=choice("disability_type", value("disability_type", "")),
        disability_degree=choice("disability_degree", value("disability_degree", "")),
        displacement_status=choice("displacement_status", value("displacement_status", "")),
        monthly_income=value("monthly_income", ""),
        notes=value("notes", ""),
    )
    place = value("municipality", "").strip()
    bad = control_character(place)
    if bad is not None:  # a name look-up would drop the character: refuse the cell here
        problems.append(
            RowProblem(number, "municipality", ErrorCode.CONTROL_CHARACTER, {"char": bad})
        )
    elif place:
        code = municipality_of(place)
        if code is None:
            problems.append(
                RowProblem(number, "municipality", ErrorCode.INVALID_CHOICE, {"value": place})
            )
        else:
            draft.municipality_code = code
    return problems, draft, {c: value(c, "") for c in ("phone", "phone2")}


def row_problems(number: int, failed: ValidationFailed, text: dict[str, str]) -> list[RowProblem]:
    """The domain's field errors as the file's columns (a phone error names its column)."""
    out: list[RowProblem] = []
    for error in failed.errors:
        if error.field != "phones":
            column = _FIELD_TO_COLUMN.get(error.field, error.field)
            out.append(RowProblem(number, column, error.code, dict(error.params)))
            continue
        for column in ("phone", "phone2"):
            raw = text.get(column, "")
            if not raw:
                continue
            try:
                normalize_phone(raw, column)
            except DomainError as err:
                problem = RowProblem(number, column, err.code, dict(err.params))
                if problem not in out:
                    out.append(problem)
    return out
