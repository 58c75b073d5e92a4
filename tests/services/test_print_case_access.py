"""Printing a case's forms: the assigned worker prints every form with the confidential note;
a branch admin is refused; another worker, a supervisor or an auditor reads what they may
(breaking the glass where needed), hidden entries never reaching the paper.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.record_code import RecordKind, record_code
from tests.printing.pdf_text import decode_qr
from tests.services.case_staff import REASON, Office
from tests.services.print_samples import REPORT_TEXT, SECRET, TOMORROW, prints, text_of, with_secret

# ---------------------------------------------------------------- case forms and access


def test_the_assigned_worker_prints_every_case_form_with_the_confidential_note(
    office: Office, tmp_path: Path
) -> None:
    case = office.open("worker", "juvenile")
    s = office.s
    flow = s.case_workflow
    flow.add_event(case.id, "note", {"text": SECRET, "confidential": True})
    visit = flow.add_event(case.id, "visit", {"due_on": TOMORROW.isoformat(), "place": "home"})
    agency = s.case_reference.agencies()[0]
    referral = flow.add_event(
        case.id, "referral", {"agency": agency.code, "reason": "يحتاج إلى علاج طبيعي"}
    )
    flow.add_event(
        case.id,
        "court_report",
        {
            "court": "محكمة الأحداث",
            "court_file_number": "12/2026",
            "family_background": REPORT_TEXT,
            "social_situation": "مستقر",
            "recommendations": "المتابعة",
        },
    )
    mark = office.mark()
    summary = s.printing.case_summary(case.id)
    sheet = s.printing.visit_sheet(case.id, visit.id)
    letter = s.printing.referral_letter(referral.id)
    report = s.printing.court_report(case.id)
    summary_text = text_of(summary, tmp_path, "s.pdf")
    assert SECRET in summary_text and case.number in summary_text
    assert decode_qr(tmp_path / "s.pdf") == [record_code(RecordKind.CASE, case.id)]
    assert "23/11/2026" in text_of(sheet, tmp_path, "v.pdf")
    assert agency.name_ar in text_of(letter, tmp_path, "r.pdf")
    assert REPORT_TEXT in text_of(report, tmp_path, "c.pdf")
    assert prints(office, mark) == [
        (
            "print.case_summary",
            case.id,
            {"form": "case_summary", "number": case.number, "pages": summary.pages},
        ),
        (
            "print.visit_sheet",
            case.id,
            {"form": "visit_sheet", "number": case.number, "pages": 1, "event": visit.id},
        ),
        (
            "print.referral_letter",
            case.id,
            {"form": "referral_letter", "number": case.number, "pages": 1, "event": referral.id},
        ),
        (
            "print.court_report",
            case.id,
            {"form": "court_report", "number": case.number, "pages": report.pages},
        ),
    ]
    assert s.audit_log.verify().intact


def test_a_branch_admin_is_refused_case_content(office: Office) -> None:
    case = with_secret(office)
    s = office.as_("admin")
    before = office.counts()
    for call in (
        lambda: s.printing.case_summary(case.id),
        lambda: s.printing.visit_sheet(case.id),
        lambda: s.printing.visit_sheets_due(TOMORROW),
    ):
        with pytest.raises(Exception) as caught:
            call()
        assert getattr(caught.value, "code", None) == "permission_denied"
    assert office.counts() == before


def test_another_worker_must_break_the_glass_and_then_never_sees_the_secret(
    office: Office, tmp_path: Path
) -> None:
    case = with_secret(office)
    s = office.as_("worker2")
    before = office.counts()
    with pytest.raises(Exception) as caught:
        s.printing.case_summary(case.id)
    assert getattr(caught.value, "code", None) == "break_glass_required"
    assert office.counts() == before
    s.cases.break_glass(case.id, REASON)
    mark = office.mark()
    text = text_of(s.printing.case_summary(case.id), tmp_path)
    assert case.number in text
    assert SECRET not in text
    assert "ملاحظة سرية — لا تُطبع" in text  # the entry is there, its content is not
    assert [(a, e) for a, e, _ in prints(office, mark)] == [("print.case_summary", case.id)]


def test_a_supervisor_reads_branch_cases_but_breaks_the_glass_for_a_sensitive_one(
    office: Office, tmp_path: Path
) -> None:
    plain = with_secret(office)
    sensitive = office.open("worker", "juvenile", person=1)
    s = office.as_("supervisor")
    assert SECRET in text_of(s.printing.case_summary(plain.id), tmp_path)
    with pytest.raises(Exception) as caught:
        s.printing.court_report(sensitive.id)
    assert getattr(caught.value, "code", None) == "break_glass_required"


def test_an_auditor_reads_but_confidential_entries_stay_hidden(
    office: Office, tmp_path: Path
) -> None:
    case = with_secret(office)
    text = text_of(office.as_("auditor").printing.case_summary(case.id), tmp_path)
    assert case.number in text and SECRET not in text


def test_a_court_report_hidden_from_its_reader_prints_without_its_content(
    office: Office, tmp_path: Path
) -> None:
    case = office.open("worker", "juvenile")
    office.s.case_workflow.add_event(
        case.id,
        "court_report",
        {
            "court": "محكمة الأحداث",
            "court_file_number": "12/2026",
            "family_background": REPORT_TEXT,
            "social_situation": "مستقر",
            "recommendations": "المتابعة",
        },
    )
    s = office.as_("supervisor")
    s.cases.break_glass(case.id, REASON)  # a supervisor with a reason may edit the case...
    text = text_of(s.printing.court_report(case.id), tmp_path)
    assert REPORT_TEXT in text  # ...and so reads the confidential report
    reader = office.as_("auditor")
    reader.cases.break_glass(case.id, REASON)
    hidden = text_of(reader.printing.court_report(case.id), tmp_path, "h.pdf")
    assert REPORT_TEXT not in hidden and "ملاحظة سرية — لا تُطبع" in hidden
