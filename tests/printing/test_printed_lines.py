"""Every form draws mixed lines the same way: the table of `test_bidi_lines` typed into each form
(a person's notes, a household's notes, a case summary, a visit's outcome, a referral's reason,
a court report's sections), read back from what the canvas draws, left to right.

Before the one bidi path, person forms drew phones and ISO dates reversed ("0147 555 92 218+")
and case forms marked runs in a way that garbled the brackets beside them ("منذ 7) 2011
أفراد)"), and printed a court file number one way in the report's table and another in the
case's fields.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from app.domain.case_events import EventKind
from app.printing.case_letters import court_report, referral_letter
from app.printing.document import Form, PrintMeta, render
from app.printing.forms_case import case_summary, visit_sheet
from app.printing.forms_person import household_form, intake_form
from tests.printing.case_samples import (
    AGENCIES,
    TYPE_FIELDS,
    court_event,
    event,
    full_case,
    make_case,
)
from tests.printing.drawn import recording
from tests.printing.test_bidi_lines import MIXED_LINES
from tests.printing.test_forms_person import make_household, make_person

TYPED = "\n".join(line for line, _ in MIXED_LINES if "\u2066" not in line)
EXPECTED = [drawn for line, drawn in MIXED_LINES if "\u2066" not in line]


def drawn_lines(form: Form, meta: PrintMeta, tmp_path: Path) -> list[str]:
    with recording() as seen:
        render([form], meta, tmp_path / "form.pdf")
    return seen


def missing(seen: list[str], expected: list[str]) -> list[str]:
    return [line for line in expected if line not in seen]


def _intake() -> Form:
    person = make_person(notes=TYPED)
    return intake_form(person, municipality="سوق الجمعة", household=None, worker_name="سعاد")


def _household() -> Form:
    return household_form(replace(make_household(), notes=TYPED), head=None, municipality="")


def _case_summary() -> Form:
    return case_summary(
        make_case((), summary=TYPED), type_name="", type_fields=TYPE_FIELDS, agencies=AGENCIES
    )


def _visit_outcome() -> Form:
    done = event(
        EventKind.VISIT,
        {"due_on": "2026-03-10", "place": "home", "state": "done", "done_on": "2026-03-10",
         "outcome": TYPED},
        state="done", due=date(2026, 3, 10),
    )  # fmt: skip
    case = replace(full_case(), events=(done,))
    return visit_sheet(case, done, address="", phones=[])


def _referral_reason() -> Form:
    referral = event(EventKind.REFERRAL, {"agency": "legal_aid", "reason": TYPED})
    case = make_case((referral,))
    return referral_letter(
        case, referral, agency_name="اليونيسف", branch_name="طرابلس", worker_name="سعاد"
    )


def _court_report() -> Form:
    report = court_event(family_background=TYPED)
    return court_report(make_case((report,)), report, type_fields=TYPE_FIELDS)


@pytest.mark.parametrize(
    "build",
    [_intake, _household, _case_summary, _visit_outcome, _referral_reason, _court_report],
    ids=["intake", "household", "case_summary", "visit", "referral", "court_report"],
)
def test_every_form_draws_the_mixed_lines_in_visual_order(
    build: object, meta: PrintMeta, tmp_path: Path
) -> None:
    assert callable(build)
    seen = drawn_lines(build(), meta, tmp_path)
    assert missing(seen, EXPECTED) == []


def test_phones_print_whole_in_each_form_and_list(meta: PrintMeta, tmp_path: Path) -> None:
    phones = ("+218 92 555 0147", "091-234-5678", "00218912345678")
    person = make_person(phones=phones)
    intake = intake_form(person, municipality="", household=None, worker_name="")
    seen = drawn_lines(intake, meta, tmp_path)
    assert missing(seen, list(phones)) == []
    visit = visit_sheet(full_case(), None, address="", phones=phones[:2])
    seen = drawn_lines(visit, meta, tmp_path)
    # A list on one line, the first number rightmost, each whole.
    assert "091-234-5678 ،+218 92 555 0147" in seen


COURT_FILE = "112/2026/ج"  # typed in a left-to-right field, printed in the reading order


def test_a_court_file_number_prints_one_way_on_every_form(meta: PrintMeta, tmp_path: Path) -> None:
    fields = [(label, COURT_FILE if label == "رقم ملف القضية" else v) for label, v in TYPE_FIELDS]
    report = court_event(court_file_number=COURT_FILE)
    case = make_case((report,))
    forms = [
        case_summary(case, type_name="", type_fields=fields, agencies=AGENCIES),
        court_report(case, report, type_fields=fields),
        court_report(make_case(()), None, type_fields=fields),  # from the case's own fields
    ]
    for form in forms:
        seen = [line for line in drawn_lines(form, meta, tmp_path) if "112/2026" in line]
        assert seen, form.title
        assert set(seen) == {"ج/112/2026"}, (form.title, seen)
