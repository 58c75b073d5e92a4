"""The print service: the person forms and the blank ones, what each print writes to the audit
log, refusals that audit nothing, layout outside any transaction, and the batch of visit sheets
due on a day (progress, cancel). PDFs are read back with pdftotext (tests/printing/pdf_text.py).

Who may print a case's forms, and what they see on them, is in test_print_case_access.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.domain.household import HouseholdDraft, Relationship
from app.domain.record_code import RecordKind, parse_record_code, record_code
from app.services.printing import PrintCancelled
from app.services.setup import AppServices
from tests.conftest import TODAY
from tests.printing.pdf_text import decode_qr
from tests.services.case_staff import Office
from tests.services.print_samples import TOMORROW, prints, text_of, with_secret

# ---------------------------------------------------------------- person forms


def test_the_intake_form_carries_the_person_and_its_qr_code_and_is_audited(
    office: Office, tmp_path: Path
) -> None:
    s = office.as_("worker")
    person = s.beneficiaries.get(office.people[0])
    mark = office.mark()
    result = s.printing.intake(person.id)
    assert result.pages == 1 and result.pdf.startswith(b"%PDF-")
    text = text_of(result, tmp_path)
    assert "فرع تجريبي" in text and "فرع فرع" not in text
    for value in ("أحمد", "الورفلي", "119850123456", "أخصائية اجتماعية"):
        assert value in text
    assert person.person_number.startswith("DEMO-P-")
    assert person.person_number in text and person.id not in text
    qr = record_code(RecordKind.BENEFICIARY, person.person_number)
    assert decode_qr(tmp_path / "out.pdf") == [qr]
    assert parse_record_code(qr) == (RecordKind.BENEFICIARY, person.person_number)
    assert result.file_name == f"intake_{person.person_number}"
    assert prints(office, mark) == [
        ("print.intake", person.id, {"form": "intake", "pages": 1, "number": person.person_number}),
    ]
    entry = office.audit_since(mark)[-1]
    assert entry.user == "worker"


def test_the_household_form_lists_its_members(office: Office, tmp_path: Path) -> None:
    s = office.as_("worker")
    household = s.households.create(HouseholdDraft(head_id=office.people[0], address="حي الأندلس"))
    s.households.add_member(household.id, office.people[1], Relationship.SON)
    mark = office.mark()
    result = s.printing.household(household.id)
    text = text_of(result, tmp_path)
    assert "خالد" in text and "أحمد" in text and "حي الأندلس" in text
    head, son = (s.beneficiaries.get(p).person_number for p in office.people[:2])
    assert head in text and son in text  # the members' numbers
    assert result.file_name == f"household_{head}"
    assert prints(office, mark) == [
        ("print.household", household.id, {"form": "household", "pages": result.pages})
    ]


def test_blank_forms_print_for_anyone_logged_in_and_are_audited(
    office: Office, tmp_path: Path
) -> None:
    s = office.as_("admin")
    mark = office.mark()
    intake = s.printing.blank_intake()
    visit = s.printing.blank_visit()
    assert "استمارة تسجيل مستفيد" in text_of(intake, tmp_path, "a.pdf")
    assert "استمارة زيارة متابعة" in text_of(visit, tmp_path, "b.pdf")
    assert decode_qr(tmp_path / "a.pdf") == []  # a blank form belongs to no record
    assert [(a, e) for a, e, _ in prints(office, mark)] == [
        ("print.blank_intake", None),
        ("print.blank_visit", None),
    ]


def test_nobody_logged_in_prints_nothing(office: Office) -> None:
    office.s.accounts.logout()
    before = office.counts()
    for call in (
        office.s.printing.blank_intake,
        lambda: office.s.printing.intake(office.people[0]),
        lambda: office.s.printing.visit_sheets_due(TOMORROW),
    ):
        with pytest.raises(Exception) as caught:
            call()
        assert getattr(caught.value, "code", None) == "permission_denied"
    assert office.counts() == before


def test_bad_ids_are_refused_with_a_code_and_audit_nothing(office: Office) -> None:
    case = with_secret(office)
    s = office.s
    note = next(e for e in s.case_workflow.case_view(case.id).events if e.kind == "note")
    before = office.counts()
    refusals: list[tuple[Callable[[], object], str, str | None]] = [
        (lambda: s.printing.intake("no-such-id"), "not_found", "id"),
        (lambda: s.printing.household("no-such-id"), "not_found", "household_id"),
        (lambda: s.printing.case_summary("no-such-case"), "not_found", "case"),
        (lambda: s.printing.visit_sheet(case.id, "no-such-event"), "not_found", "event"),
        (lambda: s.printing.visit_sheet(case.id, note.id), "invalid_choice", "event"),
        (lambda: s.printing.referral_letter("no-such-event"), "not_found", "event"),
        (lambda: s.printing.referral_letter(note.id), "invalid_choice", "event"),
        (lambda: s.printing.court_report(case.id), "invalid_choice", "form"),  # not juvenile
        (lambda: s.printing.visit_sheets_due("2026-11-23"), "date_format", "day"),  # type: ignore[arg-type]
    ]
    for call, code, field in refusals:
        with pytest.raises(Exception) as caught:
            call()
        assert (getattr(caught.value, "code", None), getattr(caught.value, "field", "")) == (
            code,
            field,
        )
    assert office.counts() == before


@contextmanager
def counting_transactions(services: AppServices) -> Iterator[list[int]]:
    """Count the read and write units of work open at any moment."""
    db = services.ctx.db
    depth = [0]
    read, transaction = db.read, db.transaction

    @contextmanager
    def tracked(opener: Any, *args: Any) -> Iterator[Any]:
        with opener(*args) as session:
            depth[0] += 1
            try:
                yield session
            finally:
                depth[0] -= 1

    db.read = lambda: tracked(read)  # type: ignore[method-assign]
    db.transaction = lambda actor: tracked(transaction, actor)  # type: ignore[method-assign]
    try:
        yield depth
    finally:
        db.read, db.transaction = read, transaction  # type: ignore[method-assign]


def test_layout_runs_outside_any_transaction(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.printing import document

    case = with_secret(office)
    seen: list[int] = []
    real = document.render

    def render(*args: Any, **kwargs: Any) -> int:
        seen.append(depth[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(document, "render", render)
    with counting_transactions(office.s) as depth:
        office.s.printing.case_summary(case.id)
        office.s.printing.intake(office.people[0])
        office.s.printing.visit_sheets_due(TOMORROW)
    assert seen == [0, 0, 0]


# ---------------------------------------------------------------- the day's visit sheets


def test_the_batch_prints_one_sheet_per_visit_due_that_day_with_progress(
    office: Office, tmp_path: Path
) -> None:
    first = with_secret(office)  # its visit is due tomorrow
    second = office.open("worker", "displaced", person=1)
    flow = office.s.case_workflow
    flow.add_event(second.id, "visit", {"due_on": TOMORROW.isoformat(), "place": "office"})
    flow.add_event(second.id, "visit", {"due_on": TOMORROW.isoformat(), "place": "home"})
    later = flow.add_event(second.id, "visit", {"due_on": "2026-12-01", "place": "home"})
    del later
    done = office.open("worker", "other", person=2)
    visit = flow.add_event(done.id, "visit", {"due_on": TOMORROW.isoformat(), "place": "home"})
    flow.amend_event(
        visit.id,
        {
            "due_on": TOMORROW.isoformat(),
            "place": "home",
            "state": "done",
            "done_on": TODAY.isoformat(),
            "outcome": "تمت",
        },
    )  # done already: no sheet for it
    others = office.open("worker2", "elderly", person=2)
    flow.add_event(others.id, "visit", {"due_on": TOMORROW.isoformat(), "place": "home"})

    s = office.as_("worker")
    mark = office.mark()
    steps: list[tuple[int, int]] = []
    result = s.printing.visit_sheets_due(TOMORROW, progress=lambda d, t: steps.append((d, t)))
    assert result.pages == 3
    assert set(result.case_ids) == {first.id, second.id}
    assert steps == [(0, 3), (1, 3), (2, 3), (3, 3)]
    text = text_of(result, tmp_path)
    assert first.number in text and second.number in text
    assert others.number not in text and done.number not in text
    assert prints(office, mark) == [
        (
            "print.visit_sheets",
            None,
            {
                "form": "visit_sheets",
                "pages": 3,
                "day": TOMORROW.isoformat(),
                "count": 3,
                "cases": [first.id, second.id],  # in case number order
            },
        )
    ]
    supervisor = office.as_("supervisor").printing.visit_sheets_due(TOMORROW)
    assert set(supervisor.case_ids) == {first.id, second.id, others.id}


def test_a_cancelled_batch_audits_nothing(office: Office) -> None:
    for person in range(3):
        case = office.open("worker", "elderly", person=person)
        office.s.case_workflow.add_event(
            case.id, "visit", {"due_on": TOMORROW.isoformat(), "place": "home"}
        )
    s = office.as_("worker")
    before = office.counts()
    steps: list[int] = []
    with pytest.raises(PrintCancelled):
        s.printing.visit_sheets_due(
            TOMORROW, progress=lambda d, _t: steps.append(d), cancelled=lambda: len(steps) >= 2
        )
    assert steps == [0, 1]  # stopped as the third sheet was about to be laid out
    with pytest.raises(PrintCancelled):
        s.printing.visit_sheets_due(TOMORROW, cancelled=lambda: True)  # before any layout
    assert office.counts() == before


def test_a_day_with_no_visits_gives_an_empty_result_and_audits_nothing(office: Office) -> None:
    with_secret(office)
    s = office.as_("worker")
    before = office.counts()
    result = s.printing.visit_sheets_due(date(2027, 1, 1))
    assert (result.pages, result.pdf, result.case_ids) == (0, b"", ())
    assert office.counts() == before
