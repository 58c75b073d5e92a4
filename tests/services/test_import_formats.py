"""Bulk import of every file a branch may have: CSV (UTF-8, cp1256, UTF-16, ;) and XLSX, Arabic
headers and choice words, optional columns; bad files and wrong columns refused naming what is
wrong; the shipped templates.
"""

from __future__ import annotations

import importlib.util
from datetime import date, datetime
from pathlib import Path

import pytest

from app.domain.errors import DomainError, ErrorCode
from app.services.import_columns import COLUMNS
from app.services.setup import AppServices
from tests.services.import_samples import (
    GOOD,
    HEADERS,
    counts,
    importer,
    write_csv,
    write_xlsx,
)

pytestmark = pytest.mark.db


def test_xlsx_with_arabic_headers_date_and_number_cells(
    worker: AppServices, tmp_path: Path
) -> None:
    arabic = {c.name: c.arabic for c in COLUMNS}
    headers = [arabic[h] for h in HEADERS] + ["الحالة الاجتماعية", "ملاحظات"]
    rows: list[list[object]] = [
        [
            "محمد",
            "علي",
            "سالم",
            "الورفلي",
            "فاطمة المقريف",
            "ذكر",
            datetime(1985, 3, 15),
            119850123456,
            912345678,
            "طرابلس المركز",
            "متزوج",
            "ملاحظة",
        ],
        [
            "فاطمه",
            "علي",
            "سالم",
            "الورفلي",
            "فاطمة المقريف",
            "انثى",
            date(1988, 1, 2),
            "219880000001",
            "0925551234",
            "",
            "أرملة",
            None,
        ],
        [None] * 12,  # a blank row keeps its number
        [
            "علي",
            "علي",
            "سالم",
            "الورفلي",
            "فاطمة المقريف",
            "ذكر",
            "not a date",
            None,
            None,
            None,
            "مخطوب",
            None,
        ],
    ]
    path = write_xlsx(tmp_path / "people.xlsx", headers, rows)
    report = importer(worker).check(path)
    assert report.file_format == "xlsx"
    assert report.columns[:2] == ("first_name", "father_name")
    assert [(p.row, p.column, p.code) for p in report.problems] == [
        (5, "birth_date", ErrorCode.DATE_FORMAT),
        (5, "marital_status", ErrorCode.INVALID_CHOICE),
    ]
    result = importer(worker).commit(path)
    assert result.imported == 2
    first = worker.beneficiaries.get(result.ids[0])
    assert first.birth_date == date(1985, 3, 15) and first.marital_status == "married"
    assert first.identifier("national_number") == "119850123456"
    assert first.phones == ("+218912345678",) and first.notes == "ملاحظة"
    second = worker.beneficiaries.get(result.ids[1])
    assert (second.sex, second.marital_status, second.municipality_code) == ("F", "widowed", None)


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("cp1256", ","), ("utf-8-sig", ";"), ("utf-16", "\t"), ("utf-8", "\t")],
)
def test_csv_encodings_and_separators(
    worker: AppServices, tmp_path: Path, encoding: str, delimiter: str
) -> None:
    arabic = {c.name: c.arabic for c in COLUMNS}
    path = write_csv(
        tmp_path / "people.csv", [arabic[h] for h in HEADERS], GOOD, encoding, delimiter
    )
    report = importer(worker).check(path)
    assert report.problems == () and report.ready == 3
    assert report.encoding == {"utf-8-sig": "utf-8"}.get(encoding, encoding)
    assert importer(worker).commit(path).imported == 3
    assert worker.beneficiaries.search("عائشة أحمد")[0].family_name == "المصراتي"


def test_optional_columns_and_arabic_choice_words(worker: AppServices, tmp_path: Path) -> None:
    headers = [
        *HEADERS,
        "passport_number",
        "nationality",
        "phone2",
        "disability_type",
        "disability_degree",
        "displacement_status",
        "monthly_income",
        "address",
    ]
    row = [
        *GOOD[0][:7],
        "",
        "0912345678",
        "",
        "P1234567",
        "مصرية",
        "021-4441234",
        "بصرية",
        "شديدة",
        "نازح",
        "1,250.500",
        "حي الأندلس",
    ]
    path = write_csv(tmp_path / "more.csv", headers, [row])
    result = importer(worker).commit(path)
    assert result.report.problems == ()
    view = worker.beneficiaries.get(result.ids[0])
    assert view.nationality == "EG" and view.identifier("passport") == "P1234567"
    assert view.phones == ("+218912345678", "+218214441234")
    assert (view.disability_type, view.disability_degree) == ("visual", "severe")
    assert view.displacement_status == "displaced" and view.monthly_income_dirhams == 1_250_500


def _error(services: AppServices, path: Path) -> DomainError:
    with pytest.raises(DomainError) as caught:
        importer(services).check(path)
    with pytest.raises(DomainError):
        importer(services).commit(path)
    return caught.value


@pytest.mark.parametrize(
    ("content", "code", "reason"),
    [
        (b"", ErrorCode.FILE_FORMAT, "empty"),
        (b" \r\n\r\n ", ErrorCode.FILE_FORMAT, "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", ErrorCode.FILE_FORMAT, "binary"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, ErrorCode.FILE_FORMAT, ".xls"),
        (b"PK\x03\x04 this is no workbook", ErrorCode.FILE_FORMAT, "XLSX"),
    ],
)
def test_garbage_files_are_refused_and_change_nothing(
    worker: AppServices, tmp_path: Path, content: bytes, code: ErrorCode, reason: str
) -> None:
    path = tmp_path / "garbage.csv"
    path.write_bytes(content)
    before = counts(worker)
    err = _error(worker, path)
    assert err.code is code and reason in err.params["reason"]
    assert counts(worker) == before


def test_wrong_columns_are_named(worker: AppServices, tmp_path: Path) -> None:
    unknown = write_csv(tmp_path / "u.csv", [*HEADERS, "shoe size", "اللون"], [GOOD[0] + ["", ""]])
    err = _error(worker, unknown)
    assert err.code is ErrorCode.UNKNOWN_COLUMN and err.params["columns"] == "shoe size, اللون"
    missing = write_csv(tmp_path / "m.csv", HEADERS[:5], [GOOD[0][:5]])
    err = _error(worker, missing)
    assert err.code is ErrorCode.MISSING_COLUMN
    assert err.params["columns"] == "sex, birth_date, national_number, phone, municipality"
    err = _error(worker, write_csv(tmp_path / "r.csv", [*HEADERS, "الاسم الأول"], []))
    assert err.code is ErrorCode.FILE_FORMAT and err.params["columns"] == "الاسم الأول"
    err = _error(worker, tmp_path / "no-such-file.csv")
    assert err.code is ErrorCode.FILE_UNREADABLE
    assert counts(worker)["beneficiaries"] == 0


def test_a_value_under_no_header_is_a_bad_row(worker: AppServices, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", [*HEADERS, ""], [GOOD[0] + ["?"], GOOD[1] + [""]])
    report = importer(worker).check(path)
    assert [(p.row, p.column) for p in report.problems] == [(2, "column 11")]
    assert report.ready == 1


def test_the_shipped_templates_import_cleanly(worker: AppServices) -> None:
    from app.resources import resources_dir

    folder = resources_dir() / "templates"
    csv_report = importer(worker).check(folder / "beneficiaries-template.csv")
    xlsx_report = importer(worker).check(folder / "beneficiaries-template.xlsx")
    for report in (csv_report, xlsx_report):
        assert report.problems == () and report.ready == report.total_rows == 3
    assert set(xlsx_report.columns) == {c.name for c in COLUMNS}


def test_the_shipped_templates_are_up_to_date() -> None:
    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location(
        "make_import_template", root / "tools" / "make_import_template.py"
    )
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.main(["--check"]) == 0


def test_a_year_alone_is_an_estimated_birth_date(worker: AppServices, tmp_path: Path) -> None:
    rows = [
        [*GOOD[0][:6], "١٩٨٥", *GOOD[0][7:]],  # the card says 1985
        [*GOOD[2][:6], "2015", *GOOD[2][7:]],
    ]
    path = write_csv(tmp_path / "years.csv", HEADERS, rows)
    result = importer(worker).commit(path)
    assert result.report.problems == ()
    views = [worker.beneficiaries.get(i) for i in result.ids]
    assert [(v.birth_date, v.birth_date_estimated) for v in views] == [
        (date(1985, 7, 1), True),
        (date(2015, 7, 1), True),
    ]
    exact = importer(worker).commit(write_csv(tmp_path / "exact.csv", HEADERS, [GOOD[1]]))
    assert not worker.beneficiaries.get(exact.ids[0]).birth_date_estimated
