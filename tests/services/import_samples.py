"""The files the import tests write: good rows, bad rows with the problems they must raise (as
a spreadsheet numbers its rows), CSV and XLSX writers, and what each table holds before and
after. The `mixed_csv` fixture (tests/services/conftest.py provides it) is the good and the bad
rows in one CSV file.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import text

from app.domain.errors import ErrorCode
from app.services.importing import ImportService
from app.services.setup import AppServices
from tests.outbox import audit_lines, data_rows

HEADERS = [
    "first_name",
    "father_name",
    "grandfather_name",
    "family_name",
    "mother_name",
    "sex",
    "birth_date",
    "national_number",
    "phone",
    "municipality",
]
GOOD = [
    [
        "محمد",
        "علي",
        "سالم",
        "الورفلي",
        "فاطمة المقريف",
        "M",
        "1985-03-15",
        "119850123456",
        "0912345678",
        "LY021104",
    ],
    [
        "عائشة",
        "أحمد",
        "عبد الله",
        "المصراتي",
        "خديجة الزوي",
        "أنثى",
        "02/07/1990",
        "219900456789",
        "",
        "مصراتة",
    ],
    ["يوسف", "محمد", "علي", "الورفلي", "عائشة المصراتي", "ذكر", "2015-09-20", "", "", "Benghazi"],
]
# Row numbers as a spreadsheet shows them: the header is row 1, GOOD[0] row 2, ...
BAD = [
    # row 5: national number's year is not the birth year
    ["سالم", "علي", "محمد", "الزوي", "مريم علي", "M", "1990-01-01", "119850000001", "", ""],
    # row 6: a Latin name and a bad phone (two problems, one row)
    ["Salem", "علي", "محمد", "الزوي", "مريم علي", "M", "1990-01-01", "", "12345", ""],
    # row 7: unknown municipality, birth in the future
    ["هدى", "علي", "محمد", "الزوي", "مريم علي", "F", "2099-01-01", "", "", "Atlantis"],
]
EXPECTED_PROBLEMS = [
    (5, "national_number", ErrorCode.NATIONAL_NUMBER_YEAR_MISMATCH),
    (6, "first_name", ErrorCode.NAME_NOT_ARABIC),
    (6, "phone", ErrorCode.PHONE_FORMAT),
    (7, "birth_date", ErrorCode.BIRTH_IN_FUTURE),
    (7, "municipality", ErrorCode.INVALID_CHOICE),
]


def write_csv(
    path: Path,
    headers: list[str],
    rows: list[list[str]],
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter).writerows([headers, *rows])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, headers: list[str], rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def counts(services: AppServices) -> dict[str, int]:
    """Rows per table; "outbox" counts data changes, "outbox_audit" the audit entries."""
    with services.ctx.db.read() as session:
        out = {
            table: session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            for table in (
                "beneficiaries",
                "beneficiary_identifiers",
                "beneficiary_phones",
                "beneficiary_search",
                "households",
            )
        }
        out["outbox"] = len(data_rows(session))
        out["outbox_audit"] = len(audit_lines(session))
    return out


def importer(services: AppServices) -> ImportService:
    return ImportService(services.ctx, services.reference)


@pytest.fixture
def mixed_csv(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "people.csv", HEADERS, GOOD + BAD)
