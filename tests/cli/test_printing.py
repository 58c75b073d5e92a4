"""`sanad print …` run in-process on a branch made by the fixtures: the PDFs it writes (read
back with pdftotext), the account it prints as, and one-line errors with exit code 2."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli import main
from app.db.models import AuditRow, UserRow
from app.domain.record_code import RecordKind, record_code
from app.services.case_dto import CaseView
from app.services.setup import AppServices, initialize_branch
from tests.printing.pdf_text import decode_qr, page_count, pdf_text
from tests.services.case_staff import Office, make_office

AGENCY_REASON = "يحتاج إلى علاج طبيعي منتظم"


@pytest.fixture
def office(services: AppServices) -> Iterator[Office]:
    yield make_office(services)


@pytest.fixture
def juvenile(office: Office) -> CaseView:
    """A juvenile case of the demo worker, with a planned visit, a referral and a report."""
    case = office.open("worker", "juvenile")
    flow = office.s.case_workflow
    flow.add_event(case.id, "visit", {"due_on": "2026-11-25", "place": "home"})
    agency = office.s.case_reference.agencies()[0].code
    flow.add_event(case.id, "referral", {"agency": agency, "reason": AGENCY_REASON})
    flow.add_event(
        case.id,
        "court_report",
        {
            "court": "محكمة الأحداث بطرابلس",
            "court_file_number": "77/2026",
            "family_background": "يعيش الحدث مع والدته",
            "social_situation": "مستقر",
            "recommendations": "المتابعة الدورية",
        },
    )
    office.s.accounts.logout()
    return case


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), "print", *args])


def last_audit(services: AppServices) -> tuple[str, str]:
    with services.ctx.db.read() as session:
        row = session.scalars(select(AuditRow).order_by(AuditRow.seq.desc()).limit(1)).one()
        username = session.scalar(select(UserRow.username).where(UserRow.id == row.user_id))
        return row.action, username or ""


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.startswith("sanad: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


def test_print_intake_writes_the_form_of_the_person(
    data_dir: Path, office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "intake.pdf"
    person = office.people[0]
    assert run(data_dir, "intake", person, "--out", str(out)) == 0
    assert f"wrote {out} (1 page)" in capsys.readouterr().out
    text = pdf_text(out)
    assert "استمارة تسجيل مستفيد" in text and "119850123456" in text and "الورفلي" in text
    number = office.s.beneficiaries.get(person).person_number
    assert decode_qr(out) == [record_code(RecordKind.BENEFICIARY, number)]
    assert last_audit(office.s) == ("print.intake", "supervisor")  # the default account


def test_print_intake_by_person_number_into_a_folder_names_the_file_by_it(
    data_dir: Path, office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    number = office.s.beneficiaries.get(office.people[0]).person_number
    typed = number.lower().replace("0", "٠")  # as a clerk may type it
    assert run(data_dir, "intake", typed, "--out", str(tmp_path)) == 0
    out = tmp_path / f"intake_{number}.pdf"
    assert f"wrote {out} (1 page)" in capsys.readouterr().out
    assert number in pdf_text(out)
    assert decode_qr(out) == [record_code(RecordKind.BENEFICIARY, number)]


@pytest.mark.parametrize(
    ("form", "action", "expected"),
    [
        (None, "print.case_summary", ["ملخص الحالة", "77/2026"]),
        ("visit", "print.visit_sheet", ["استمارة زيارة متابعة", "25/11/2026"]),
        ("referral", "print.referral_letter", ["خطاب إحالة", AGENCY_REASON]),
        ("court", "print.court_report", ["تقرير البحث الاجتماعي", "يعيش الحدث مع والدته"]),
    ],
)
def test_print_case_writes_each_form_by_case_number(
    data_dir: Path,
    office: Office,
    juvenile: CaseView,
    tmp_path: Path,
    form: str | None,
    action: str,
    expected: list[str],
) -> None:
    out = tmp_path / "case.pdf"
    extra = ["--form", form] if form else []
    # The case is sensitive: its own worker prints it (a supervisor would need a reason).
    args = ["case", juvenile.number.lower(), "--out", str(out), "--user", "worker", *extra]
    assert run(data_dir, *args) == 0
    text = pdf_text(out)
    assert juvenile.number in text
    for value in expected:
        assert value in text
    assert page_count(out) >= 1
    assert last_audit(office.s) == (action, "worker")


def test_print_blank_forms(data_dir: Path, office: Office, tmp_path: Path) -> None:
    for form, title in (("intake", "استمارة تسجيل مستفيد"), ("visit", "استمارة زيارة متابعة")):
        out = tmp_path / f"{form}.pdf"
        assert run(data_dir, "blank", form, "--out", str(out)) == 0
        assert title in pdf_text(out)
        assert decode_qr(out) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["intake", "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"], "id: was not found"),
        (["intake", "not-an-id"], "was not found"),
        (["household", "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"], "was not found"),
        (["case", "DEMO-2026-99999"], "number: was not found"),
        (["case", "not a number"], "number: "),  # the case number's format
        (["case", "{number}", "--user", "admin"], "you are not allowed to do this"),
        (["case", "{number}", "--user", "worker2"], "number={number}"),  # break the glass
        (["case", "{number}", "--user", "nobody"], "no active account named 'nobody'"),
        (["case", "{elderly}", "--form", "court", "--user", "worker"], "form: is not one of"),
        (["case", "{elderly}", "--form", "referral", "--user", "worker"], "referral: was not"),
    ],
)
def test_bad_input_is_a_one_line_error_with_exit_2_and_no_file(
    data_dir: Path,
    office: Office,
    juvenile: CaseView,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    elderly = office.open("worker", "elderly", person=1)
    office.s.accounts.logout()
    out = tmp_path / "never.pdf"
    filled = [a.format(number=juvenile.number, elderly=elderly.number) for a in args]
    with office.s.ctx.db.read() as session:
        audited = session.scalars(select(AuditRow.seq)).all()
    capsys.readouterr()
    assert run(data_dir, *filled, "--out", str(out)) == 2
    assert message.format(number=juvenile.number) in one_line_error(capsys)
    assert not out.exists() and not list(tmp_path.glob("*.part"))
    with office.s.ctx.db.read() as session:
        assert session.scalars(select(AuditRow.seq)).all() == audited


def test_a_branch_without_a_supervisor_must_name_the_account(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    branch = tmp_path / "real"
    initialize_branch(branch, "TRP01", "طرابلس المركز")
    out = tmp_path / "blank.pdf"
    assert run(branch, "blank", "intake", "--out", str(out)) == 2
    assert "no active supervisor account" in one_line_error(capsys)
    assert not out.exists()


def test_an_output_folder_that_does_not_exist_is_refused(
    data_dir: Path, office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "missing" / "x.pdf"
    assert run(data_dir, "blank", "visit", "--out", str(out)) == 2
    assert "no such folder" in one_line_error(capsys)


def test_the_footer_names_the_account_and_the_day_of_printing(
    data_dir: Path, office: Office, tmp_path: Path
) -> None:
    out = tmp_path / "v.pdf"
    assert run(data_dir, "blank", "visit", "--out", str(out), "--user", "worker") == 0
    text = pdf_text(out)
    assert date.today().strftime("%d/%m/%Y") in text  # the real clock, as at the desk
    assert "أخصائية اجتماعية" in text
