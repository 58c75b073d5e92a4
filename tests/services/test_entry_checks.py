"""Values HQ's database cannot store are refused where they enter the branch, not at sync.

The issue "HQ trusts no branch": a CSV with a NUL in one address past the first 64 KiB used to
import, and the next sync got HTTP 500 from HQ (PostgreSQL's COPY refuses NUL) for ever; a name
over its column or an income of 2**31 dirhams did the same. Here every entry point (the
import, dry run included, registration, households, cases, their events and reasons, accounts,
a branch's name) refuses such values with a coded error naming the field, and writes nothing;
an import reports the row and imports the others as before.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from app.db.models import BeneficiaryRow, HouseholdRow
from app.domain.accounts import Role
from app.domain.errors import DomainError, ErrorCode, FieldError, ValidationFailed
from app.domain.household import HouseholdDraft
from app.domain.text_rules import has_control
from app.services.importing import ImportService
from app.services.setup import AppServices, initialize_branch
from tests.services.case_staff import REASON, Office
from tests.services.people import AHMED, numbered, person, row_counts

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
    "address",
    "monthly_income",
    "notes",
]
PADDING = "ملاحظة طويلة عن الأسرة " * 80  # about 3.5 KB of UTF-8 per row
TOO_BIG = "2147483.648"  # 2**31 dirhams


def _row(i: int, **cells: str) -> list[str]:
    d = numbered(i)
    row = {
        "first_name": d.first_name,
        "father_name": d.father_name,
        "grandfather_name": d.grandfather_name,
        "family_name": d.family_name,
        "mother_name": d.mother_name,
        "sex": d.sex,
        "birth_date": str(d.birth_date),
        "national_number": d.national_number,
        "phone": "",
        "municipality": "",
        "address": "حي الأندلس",
        "monthly_income": "900",
        "notes": PADDING,
        **cells,
    }
    return [row[h] for h in HEADERS]


# Rows 2-21 good (and long), then one bad row each, then good rows again.
BAD: list[tuple[dict[str, str], str, ErrorCode]] = [
    ({"address": "حي\x00الأندلس"}, "address", ErrorCode.CONTROL_CHARACTER),
    ({"family_name": "القماطي\x1b[31m"}, "family_name", ErrorCode.CONTROL_CHARACTER),
    ({"first_name": "م" * 61}, "first_name", ErrorCode.NAME_TOO_LONG),
    ({"monthly_income": TOO_BIG}, "monthly_income", ErrorCode.NUMBER_TOO_LARGE),
    ({"mother_name": "زينب\tعلي"}, "mother_name", ErrorCode.CONTROL_CHARACTER),
    ({"sex": "ذكر\x00"}, "sex", ErrorCode.CONTROL_CHARACTER),
    ({"municipality": "مصراتة\x1b"}, "municipality", ErrorCode.CONTROL_CHARACTER),
    ({"notes": "سطر\x00سطر"}, "notes", ErrorCode.CONTROL_CHARACTER),
]
GOOD_BEFORE, GOOD_AFTER = range(20), range(40, 45)


def _hostile_csv(path: Path) -> Path:
    rows = [_row(i) for i in GOOD_BEFORE]
    rows += [_row(20 + n, **cells) for n, (cells, _, _) in enumerate(BAD)]
    rows += [_row(i, notes="سطر أول\nسطر ثان") for i in GOOD_AFTER]  # line breaks are fine
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows([HEADERS, *rows])
    raw = buffer.getvalue().encode("utf-8")
    assert raw.index(b"\x00") > 64 * 1024  # past the part read to tell text from binary
    path.write_bytes(raw)
    return path


def _stored_texts(services: AppServices) -> list[str]:
    with services.ctx.db.read() as session:
        rows = [*session.scalars(select(BeneficiaryRow)), *session.scalars(select(HouseholdRow))]
        return [v for r in rows for v in vars(r).values() if isinstance(v, str)]


def test_an_import_reports_each_bad_row_and_imports_the_others(
    worker: AppServices, tmp_path: Path
) -> None:
    path = _hostile_csv(tmp_path / "hostile.csv")
    first_bad = 2 + len(GOOD_BEFORE)
    expected = [(first_bad + n, column, code) for n, (_, column, code) in enumerate(BAD)]
    importer = ImportService(worker.ctx, worker.reference)
    report = importer.check(path)  # the dry run
    assert [(p.row, p.column, p.code) for p in report.problems] == expected
    assert report.problems[0].params == {"char": "U+0000"}
    assert report.problems[1].params == {"char": "U+001B"}
    assert report.problems[3].params == {"max": "2147483.647"}
    good = len(GOOD_BEFORE) + len(GOOD_AFTER)
    assert (report.total_rows, report.ready, report.bad_rows) == (good + len(BAD), good, len(BAD))
    assert worker.beneficiaries.search("") == []

    result = ImportService(worker.ctx, worker.reference).commit(path)
    assert result.imported == good
    assert [(p.row, p.column, p.code) for p in result.report.problems] == expected
    texts = _stored_texts(worker)
    assert texts and not [t for t in texts if has_control(t)]
    with worker.ctx.db.read() as session:
        incomes = set(session.scalars(select(BeneficiaryRow.monthly_income_dirhams)))
        notes = set(session.scalars(select(BeneficiaryRow.notes)))
    assert incomes == {900_000} and "سطر أول\nسطر ثان" in notes


def test_an_xlsx_cell_with_a_line_break_or_a_c1_escape(worker: AppServices, tmp_path: Path) -> None:
    # XML cannot carry NUL or ESC, but Alt+Enter line breaks and C1 controls (CSI, U+009B) fit.
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADERS)
    sheet.append(_row(1, address="حي الأندلس\nطرابلس", notes=""))
    sheet.append(_row(2, first_name="سالم\x9b31m", notes=""))
    sheet.append(_row(3, notes="سطر\nسطر"))
    book.save(tmp_path / "people.xlsx")
    report = ImportService(worker.ctx, worker.reference).check(tmp_path / "people.xlsx")
    assert [(p.row, p.column, p.code, p.params) for p in report.problems] == [
        (2, "address", ErrorCode.CONTROL_CHARACTER, {"char": "U+000A"}),
        (3, "first_name", ErrorCode.CONTROL_CHARACTER, {"char": "U+009B"}),
    ]
    assert report.ready == 1


# -- forms: registration, households -----------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"address": "حي\x00الأندلس"}, "address", ErrorCode.CONTROL_CHARACTER),
        ({"family_name": "الورفلي\x1b[2J"}, "family_name", ErrorCode.CONTROL_CHARACTER),
        ({"first_name": "أحمد\nعلي"}, "first_name", ErrorCode.CONTROL_CHARACTER),
        ({"notes": "ملاحظة\x00"}, "notes", ErrorCode.CONTROL_CHARACTER),
        ({"phones": ["091\t2345678"]}, "phones", ErrorCode.CONTROL_CHARACTER),
        ({"mother_name": "ف" * 61}, "mother_name", ErrorCode.NAME_TOO_LONG),
        ({"address": "ح" * 301}, "address", ErrorCode.TEXT_TOO_LONG),
        ({"monthly_income": TOO_BIG}, "monthly_income", ErrorCode.NUMBER_TOO_LARGE),
    ],
)
def test_registration_and_editing_refuse_unstorable_values(
    worker: AppServices, changes: dict[str, Any], field: str, code: ErrorCode
) -> None:
    before = row_counts(worker)
    with pytest.raises(ValidationFailed) as caught:
        worker.beneficiaries.register(person(**changes))
    assert [(e.field, e.code) for e in caught.value.errors] == [(field, code)]
    assert row_counts(worker) == before
    registered = worker.beneficiaries.register(AHMED)
    before = row_counts(worker)
    with pytest.raises(ValidationFailed) as caught:
        worker.beneficiaries.update(registered.id, person(**changes), registered.row_version)
    assert [(e.field, e.code) for e in caught.value.errors] == [(field, code)]
    assert row_counts(worker) == before
    assert worker.beneficiaries.get(registered.id) == registered


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"notes": "أسرة\x00"}, "notes", ErrorCode.CONTROL_CHARACTER),
        ({"address": "حي\x1b[0m"}, "address", ErrorCode.CONTROL_CHARACTER),
        ({"address": "حي\nالأندلس"}, "address", ErrorCode.CONTROL_CHARACTER),
        ({"monthly_income": TOO_BIG}, "monthly_income", ErrorCode.NUMBER_TOO_LARGE),
    ],
)
def test_households_refuse_unstorable_values(
    worker: AppServices, changes: dict[str, str], field: str, code: ErrorCode
) -> None:
    head = worker.beneficiaries.register(AHMED).id
    before = row_counts(worker)
    with pytest.raises(ValidationFailed) as caught:
        worker.households.create(HouseholdDraft(head_id=head, **changes))
    assert caught.value.errors[0].field == field and caught.value.errors[0].code is code
    assert row_counts(worker) == before
    household = worker.households.create(HouseholdDraft(head_id=head, notes="سطر\nسطر"))
    assert household.notes == "سطر\nسطر"
    before = row_counts(worker)
    with pytest.raises(ValidationFailed):
        worker.households.update(
            household.id, HouseholdDraft(head_id=head, **changes), household.row_version
        )
    assert row_counts(worker) == before


# -- cases -------------------------------------------------------------------------------------


def _refused(office: Office, field: str, action: Callable[[], Any]) -> None:
    """`action` is refused for a control character in `field`; nothing is written."""
    before = office.counts()
    with pytest.raises(DomainError) as caught:
        action()
    err = caught.value
    errors = (
        err.errors if isinstance(err, ValidationFailed) else [FieldError(err.field or "", err.code)]
    )
    assert [(e.field, e.code) for e in errors] == [(field, ErrorCode.CONTROL_CHARACTER)]
    assert office.counts() == before


def test_case_texts_refuse_control_characters(office: Office, tmp_path: Path) -> None:
    s = office.s
    _refused(
        office, "summary", lambda: s.cases.open_case(replace(office.draft(), summary="حالة\x00"))
    )
    juvenile = office.draft("juvenile")
    bad_court = {**juvenile.extra, "court": "محكمة\nالأحداث"}
    _refused(
        office,
        "extra.court",
        lambda: s.cases.open_case(replace(juvenile, extra=bad_court)),
    )
    case = office.open("worker")
    flow = s.case_workflow
    _refused(
        office,
        "summary",
        lambda: s.cases.update_details(
            case.id, summary="ملخص\x1b[2J", extra={}, sensitive=False, row_version=case.row_version
        ),
    )
    _refused(office, "text", lambda: flow.add_event(case.id, "note", {"text": "اتصلت\x00الأم"}))
    plan = {"goal": "دخل\nثابت", "action": "طلب", "owner": "الأخصائية", "due_on": "2026-12-01"}
    _refused(office, "goal", lambda: flow.add_event(case.id, "plan_item", plan))
    _refused(
        office,
        "reason",
        lambda: flow.move(
            case.id, "pending_closure", reason="انتقلت\x1b الأسرة", closure_reason="other"
        ),
    )
    _refused(office, "reason", lambda: s.cases.request_transfer(case.id, "BEN01", "نقل\x00"))
    scan = tmp_path / "scan\x1b[31m.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + b"x" * 100)
    _refused(office, "filename", lambda: flow.attach_document(case.id, scan, title="مسح"))
    assert not (s.ctx.data_dir / "documents").exists()  # refused before the file was stored
    office.as_("worker2")
    _refused(office, "reason", lambda: s.cases.break_glass(case.id, REASON + "\x00"))
    # Multi-line texts keep their lines.
    office.as_("worker")
    note = flow.add_event(case.id, "note", {"text": "سطر أول\n\tسطر ثان"})
    assert note.payload["text"] == "سطر أول\n\tسطر ثان"


# -- accounts and the branch -------------------------------------------------------------------


def test_account_display_names_and_branch_names(services: AppServices, tmp_path: Path) -> None:
    services.accounts.login("admin", "admin-demo-2026")
    before = row_counts(services)
    for display, code in (
        ("سالم\x1b[31m", ErrorCode.CONTROL_CHARACTER),
        ("سالم\nعلي", ErrorCode.CONTROL_CHARACTER),
        ("س" * 121, ErrorCode.TEXT_TOO_LONG),
    ):
        with pytest.raises(DomainError) as caught:
            services.accounts.create_user("salem", display, Role.SOCIAL_WORKER, "long-enough-1")
        assert (caught.value.code, caught.value.field) == (code, "display_name")
    assert row_counts(services) == before
    made = services.accounts.create_user("salem", " سالم ", Role.SOCIAL_WORKER, "long-enough-1")
    assert made.display_name == "سالم"
    with pytest.raises(DomainError) as caught:
        initialize_branch(tmp_path / "real", "TRP01", "فرع\x00طرابلس")
    assert (caught.value.code, caught.value.field) == (ErrorCode.CONTROL_CHARACTER, "branch_name")
    assert not (tmp_path / "real").exists()
