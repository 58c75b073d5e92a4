"""Bulk import: every bad row reported, nothing written by a check, exactly the good rows by a
commit, nothing twice; CSV (UTF-8, cp1256, UTF-16, ;) and XLSX; Arabic headers; bad files."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import text

from app.cli import main
from app.db import bulk
from app.domain.beneficiary import validate_beneficiary
from app.domain.errors import DomainError, ErrorCode
from app.services import importing
from app.services.import_columns import COLUMNS
from app.services.importing import ImportService
from app.services.setup import AppServices
from tests.outbox import audit_actions, audit_lines, data_rows, last_seq

pytestmark = pytest.mark.db

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


def test_check_reports_every_bad_row_and_imports_nothing(
    worker: AppServices, mixed_csv: Path
) -> None:
    before = counts(worker)
    report = importer(worker).check(mixed_csv)
    assert [(p.row, p.column, p.code) for p in report.problems] == EXPECTED_PROBLEMS
    assert report.total_rows == 6 and report.ready == 3 and report.bad_rows == 3
    assert report.duplicates == ()
    assert report.file_format == "csv" and report.encoding == "utf-8"
    assert counts(worker) == before


def test_commit_imports_exactly_the_valid_rows_once(worker: AppServices, mixed_csv: Path) -> None:
    with worker.ctx.db.read() as session:
        since = last_seq(session)
    result = importer(worker).commit(mixed_csv)
    assert result.imported == 3 and result.report.bad_rows == 3
    names = sorted(h.full_name for h in worker.beneficiaries.search(""))
    assert names == sorted(" ".join(r[:4]) for r in GOOD)
    after = counts(worker)
    # 3 people, 2 national numbers, 1 phone: each row with its outbox row; 3 index rows.
    assert after["beneficiaries"] == 3 and after["beneficiary_search"] == 3
    assert after["beneficiary_identifiers"] == 2 and after["beneficiary_phones"] == 1
    assert after["outbox"] == 3 + 2 + 1
    with worker.ctx.db.read() as session:
        audits = session.execute(
            text("SELECT user_id, details FROM audit_log WHERE action = 'beneficiary.import'")
        ).all()
        outbox_user = sorted({r.user_id for r in data_rows(session)})
        carried = audit_actions(session, since)
    assert len(audits) == 1 and json.loads(audits[0].details)["count"] == 3
    assert carried == ["beneficiary.import"]  # the import's audit entry travels too
    assert audits[0].user_id == worker.ctx.user.id == outbox_user[0]  # type: ignore[union-attr]
    (mohammed,) = worker.beneficiaries.search("محمد علي سالم")
    view = worker.beneficiaries.get(mohammed.id)
    assert view.phones == ("+218912345678",) and view.municipality_code == "LY021104"
    assert worker.beneficiaries.get(worker.beneficiaries.search("عائشه احمد")[0].id).sex == "F"

    again = importer(worker).commit(mixed_csv)
    assert again.imported == 0 and again.report.ready == 0
    assert {d.row for d in again.report.duplicates} == {2, 3, 4}
    assert {d.existing_id for d in again.report.duplicates} == {
        h.id for h in worker.beneficiaries.search("")
    }
    # Nothing new is written but the audit entry saying the file was imported again.
    assert counts(worker) == {**after, "outbox_audit": after["outbox_audit"] + 1}
    with worker.ctx.db.read() as session:
        assert audit_actions(session, since) == ["beneficiary.import", "beneficiary.import"]
        (details,) = session.execute(
            text("SELECT details FROM audit_log ORDER BY seq DESC LIMIT 1")
        ).scalars()
    assert json.loads(details)["count"] == 0


def test_people_repeated_in_the_file_or_registered_are_skipped_not_errors(
    worker: AppServices, tmp_path: Path
) -> None:
    child_no_number = GOOD[2]
    respelled = ["يوسف", "محمد", "على", "الورفلى", "عائشه المصراتى", "M", "20/09/2015", "", "", ""]
    same_number = [
        "محمود",
        "علي",
        "سالم",
        "الورفلي",
        "فاطمة المقريف",
        "M",
        "1985-01-01",
        "119850123456",
        "",
        "",
    ]
    path = write_csv(
        tmp_path / "dups.csv", HEADERS, [GOOD[0], child_no_number, respelled, same_number]
    )
    report = importer(worker).check(path)
    assert report.problems == ()
    assert [(d.row, d.reason, d.same_as_row) for d in report.duplicates] == [
        (4, "same_person", 3),
        (5, "national_number", 2),
    ]
    assert report.ready == 2
    first = importer(worker).commit(write_csv(tmp_path / "one.csv", HEADERS, [child_no_number]))
    assert first.imported == 1
    report = importer(worker).check(path)
    assert [(d.row, d.reason, d.existing_id) for d in report.duplicates] == [
        (3, "same_person", first.ids[0]),
        (4, "same_person", first.ids[0]),
        (5, "national_number", None),
    ]


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


def test_progress_and_cancel(worker: AppServices, mixed_csv: Path) -> None:
    seen: list[tuple[int, int]] = []
    importer(worker).commit(mixed_csv, progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (6, 12) and seen[-1] == (12, 12)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)

    other = write_csv(mixed_csv.with_name("other.csv"), HEADERS, [[*GOOD[0][:7], "", "", ""]])
    before = counts(worker)
    result = importer(worker).commit(other, cancel=lambda: True)
    assert result.cancelled and result.imported == 0
    assert counts(worker) == before


def test_commit_after_a_check_of_the_same_content_does_not_validate_again(
    worker: AppServices, mixed_csv: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    validated: list[str] = []

    def counting(draft, today, codes):  # type: ignore[no-untyped-def]
        validated.append(draft.first_name)
        return validate_beneficiary(draft, today, codes)

    monkeypatch.setattr(importing, "validate_beneficiary", counting)
    service = importer(worker)
    report = service.check(mixed_csv)
    assert len(validated) == 6
    seen: list[tuple[int, int]] = []
    result = service.commit(mixed_csv, progress=lambda d, t: seen.append((d, t)))
    assert len(validated) == 6  # the check's rows were reused
    assert result.imported == report.ready == 3
    assert result.report.problems == report.problems
    assert seen[0] == (6, 12) and seen[-1] == (12, 12)
    # Nothing is kept after a commit: the same file again is validated again, adds nothing.
    again = service.commit(mixed_csv)
    assert len(validated) == 12 and again.imported == 0


def test_a_file_changed_after_its_check_is_validated_again(
    worker: AppServices, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "people.csv", HEADERS, GOOD[:1])
    service = importer(worker)
    assert service.check(path).ready == 1
    write_csv(path, HEADERS, GOOD[:1] + BAD[:1])  # a row added after the check
    result = service.commit(path)
    assert result.imported == 1
    assert [p.row for p in result.report.problems] == [3]
    assert result.report.total_rows == 2


def test_a_commit_stopped_after_a_check_can_be_retried(
    worker: AppServices, mixed_csv: Path
) -> None:
    service = importer(worker)
    service.check(mixed_csv)
    stopped = service.commit(mixed_csv, cancel=lambda: True)
    assert stopped.cancelled and stopped.imported == 0 and counts(worker)["beneficiaries"] == 0
    assert service.commit(mixed_csv).imported == 3


@pytest.mark.parametrize("answers_before_stop", [1, 2, 3])
def test_stop_while_writing_imports_nothing(
    worker: AppServices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answers_before_stop: int
) -> None:
    monkeypatch.setattr(bulk, "SUB_BATCH", 2)
    path = write_csv(tmp_path / "many.csv", HEADERS, GOOD)
    answers = iter([False] * answers_before_stop + [True] * 10)
    with worker.ctx.db.read() as session:
        since = last_seq(session)
    # One answer while checking the 3 rows, then one per written batch of 2 (and before).
    result = importer(worker).commit(path, cancel=lambda: next(answers))
    assert result.cancelled and result.imported == 0
    assert counts(worker)["beneficiaries"] == counts(worker)["outbox"] == 0
    with worker.ctx.db.read() as session:
        assert audit_actions(session, since) == []  # nothing of the import travels
    with worker.ctx.db.read() as session:
        assert not session.execute(
            text("SELECT 1 FROM audit_log WHERE action = 'beneficiary.import'")
        ).all()


# -- the command line ----------------------------------------------------------------------------


def test_cli_dry_run_then_commit_then_again(
    data_dir: Path, mixed_csv: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--data-dir", str(data_dir), "import", "beneficiaries", str(mixed_csv)]
    assert main(args) == 1
    out = capsys.readouterr().out
    assert "row 5, national_number: digits 2-5 do not match the year of birth" in out
    assert "row 6, first_name: must be written in Arabic letters" in out
    assert "row 6, phone: is not a Libyan phone number" in out
    assert "row 7, municipality: is not one of the allowed values" in out
    assert "6 rows: 3 valid and new, 3 bad, 0 already registered" in out
    assert "nothing imported; run again with --commit to import 3 valid rows" in out

    assert main([*args, "--commit"]) == 1
    assert "imported 3 rows; 3 bad rows were left out" in capsys.readouterr().out
    assert main([*args, "--commit"]) == 1
    out = capsys.readouterr().out
    assert "imported 0 rows" in out and "3 already registered" in out
    assert "row 2: already registered (same national number), id " in out

    clean = write_csv(mixed_csv.with_name("clean.csv"), HEADERS, GOOD)
    assert main(["--data-dir", str(data_dir), "import", "beneficiaries", str(clean)]) == 0
    assert "0 valid and new, 0 bad, 3 already registered" in capsys.readouterr().out


def test_cli_refuses_a_bad_file_with_exit_2(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "photo.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00garbage")
    assert (
        main(["--data-dir", str(data_dir), "import", "beneficiaries", str(path), "--commit"]) == 2
    )
    err = capsys.readouterr().err
    assert err.startswith("sanad: photo.xlsx: cannot import: not a CSV or XLSX file")
    assert "Traceback" not in err
    path = write_csv(tmp_path / "cols.csv", ["name", *HEADERS[1:]], [])
    assert main(["--data-dir", str(data_dir), "import", "beneficiaries", str(path)]) == 2
    assert "unknown column(s): name" in capsys.readouterr().err


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
