"""Case services (app.services.cases, app.services.case_workflow): what each action writes,
its audit entry (which travels to HQ), case numbers, events and corrections, and bad input
that must change nothing.

Documents attached to a case are in test_case_documents.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from sqlalchemy import delete, select

from app.db.case_models import CaseRow
from app.db.models import BeneficiaryRow, LocalMetaRow
from app.domain.errors import ErrorCode, ValidationFailed
from tests.services.case_staff import REASON, Office
from tests.services.nothing_changed import unchanged

pytestmark = [pytest.mark.db]


# -- what each action writes ----------------------------------------------------------------


def test_every_action_writes_its_audit_entry_and_it_travels_to_hq(office: Office) -> None:
    s = office.s
    mark = office.mark()
    case = office.open("worker")
    work = s.case_workflow
    visit = work.add_event(case.id, "visit", {"due_on": "2026-11-30", "place": "home"})
    work.amend_event(visit.id, {"due_on": "2026-12-02", "place": "office"})
    work.move(case.id, "assessment")
    version = s.cases.get(case.id).row_version  # the worker's own plain case: not audited
    s.cases.update_details(
        case.id, summary="ملخص جديد", extra={}, sensitive=False, row_version=version
    )
    office.as_("supervisor")
    s.cases.get(case.id)  # someone else's case: audited
    s.cases.assign(case.id, office.user_id("worker2"))
    office.as_("worker")
    s.cases.break_glass(case.id, REASON)
    sensitive = office.open("worker", "juvenile", person=1)
    s.cases.get(sensitive.id)  # every view of a sensitive case, even one's own
    office.as_("worker2")
    s.cases.request_transfer(case.id, "BEN01", "انتقلت الأسرة")
    entries = [e for e in office.audit_since(mark) if e.action not in ("login", "logout")]
    assert [(e.action, e.user, e.entity_id) for e in entries] == [
        ("case.open", "worker", case.id),
        ("case.event", "worker", case.id),
        ("case.event.amend", "worker", case.id),
        ("case.status", "worker", case.id),
        ("case.edit", "worker", case.id),
        ("case.view", "supervisor", case.id),
        ("case.assign", "supervisor", case.id),
        ("case.break_glass", "worker", case.id),
        ("case.view", "worker", case.id),
        ("case.open", "worker", sensitive.id),
        ("case.view", "worker", sensitive.id),
        ("case.transfer_request", "worker2", case.id),
    ]
    details = [e.details for e in entries]
    assert all(d["number"] in (case.number, sensitive.number) for d in details)
    assert details[0]["type"] == "elderly" and details[1]["kind"] == "visit"
    assert details[2]["event"] != visit.id and details[2]["kind"] == "visit"
    assert (details[3]["from"], details[3]["to"]) == ("new", "assessment")
    assert details[6] == {
        "number": case.number,
        "from": office.user_id("worker"),
        "to": office.user_id("worker2"),
    }
    assert details[7]["reason"] == REASON and details[11]["to"] == "BEN01"
    assert details[10]["sensitive"] is True
    # Every entry, logins included, is in the outbox for HQ, and the chain holds.
    assert office.carried_since(mark) == [e.action for e in office.audit_since(mark)]
    check = s.audit_log.verify()
    assert check.intact and check.entries > len(entries)


def test_opening_a_case_stores_what_was_asked(office: Office) -> None:
    case = office.open("worker", "juvenile", person=0, sensitive=False)
    assert case.sensitive  # a sensitive type is sensitive whatever the draft says
    assert (case.status, case.type_code, case.opened_on) == ("new", "juvenile", date(2026, 11, 22))
    assert case.extra["court"] == "محكمة الأحداث بطرابلس" and case.extra["next_hearing_on"] is None
    assert case.origin_branch == "DEMO" and case.row_version == 1
    assert case.next_statuses == ("assessment", "pending_closure")
    assert case.national_number == "119850123456"
    plain = office.open("worker", "elderly", person=1, sensitive=True)
    assert plain.sensitive  # any case may be flagged sensitive
    unflag = office.s.cases.update_details(
        case.id, summary="x", extra=case.extra, sensitive=False, row_version=case.row_version
    )
    assert unflag.sensitive  # never unflagged for a sensitive type


def test_a_case_shows_the_persons_name(office: Office) -> None:
    case = office.open("worker")
    assert case.person_name == "أحمد عبدالله مصطفى الورفلي"
    again = office.open("worker", "displaced", person=0)  # a second case of the same person
    assert office.s.cases.get(again.id).person_name == case.person_name


# -- case numbers -----------------------------------------------------------------------------


def test_case_numbers_are_sequential_per_year_and_never_collide(office: Office) -> None:
    office.as_("worker")
    numbers = [office.s.cases.open_case(office.draft(person=i % 3)).number for i in range(120)]
    assert numbers == [f"DEMO-2026-{n:05d}" for n in range(1, 121)]
    office.s.ctx.today = lambda: date(2027, 1, 2)  # a new year starts again at 1
    assert office.s.cases.open_case(office.draft()).number == "DEMO-2027-00001"
    office.s.ctx.today = lambda: date(2026, 12, 31)
    assert office.s.cases.open_case(office.draft()).number == "DEMO-2026-00121"


def test_a_number_is_never_reused_nor_below_one_already_used(office: Office) -> None:
    last = office.open("worker").number
    with office.s.ctx.db.transaction(office.s.ctx.actor()) as session:
        for row in session.scalars(select(CaseRow).where(CaseRow.number == last)):
            row.deleted_at = row.updated_at  # tombstoned: its number stays used
    assert office.open("worker").number == "DEMO-2026-00002"
    with office.s.ctx.db.transaction(None) as session:  # the counter lost (a restored file)
        session.execute(delete(LocalMetaRow).where(LocalMetaRow.key == "case_seq.2026"))
    assert office.open("worker").number == "DEMO-2026-00003"


def test_find_by_number(office: Office) -> None:
    case = office.open("worker")
    find = office.s.cases.find_by_number
    assert find(case.number) == case.id
    assert find(f"  {case.number.lower()} ") == case.id
    unchanged(office, ErrorCode.NOT_FOUND, lambda: find("DEMO-2026-00099"))
    unchanged(office, ErrorCode.CASE_NUMBER_FORMAT, lambda: find("DEMO/2026/1"))


@pytest.mark.parametrize("typed", ["DEMO-2026-1", "DEMO-٢٠٢٦-٠٠٠٠١"])
def test_find_by_number_as_typed_without_zeros_or_in_arabic_digits(
    office: Office, typed: str
) -> None:
    case = office.open("worker")
    assert office.s.cases.find_by_number(typed) == case.id


# -- events and corrections -------------------------------------------------------------------


def test_corrections_amend_the_chain_and_the_work_list_columns_follow(office: Office) -> None:
    case = office.open("worker")
    work = office.s.case_workflow
    work.move(case.id, "assessment")
    first = work.add_event(
        case.id, "assessment", {"needs": ["income"], "risk_level": "low", "summary": "أولي"}
    )
    visit = work.add_event(case.id, "visit", {"due_on": "2026-11-30", "place": "home"})
    work.add_event(case.id, "plan_item", {"goal": "دخل", "action": "إحالة", "owner": "أنا",
                                          "due_on": "2026-12-10"})  # fmt: skip
    view = office.s.cases.get(case.id)
    assert (view.risk_level, view.next_due_on, view.last_visit_on) == (
        "low", date(2026, 11, 30), None
    )  # fmt: skip
    done: dict[str, object] = {"due_on": "2026-11-30", "place": "home", "state": "done",
                               "done_on": "2026-11-21", "outcome": "تمت الزيارة"}  # fmt: skip
    fixed = work.amend_event(visit.id, done)
    again = work.amend_event(fixed.id, {**done, "outcome": "تمت الزيارة والأم حاضرة"})
    assert fixed.amends_id == again.amends_id == visit.id  # the chain's first event
    work.amend_event(first.id, {"needs": ["income"], "risk_level": "high", "summary": "أعيد"})
    view = office.s.cases.get(case.id)
    assert (view.risk_level, view.next_due_on, view.last_visit_on) == (
        "high", date(2026, 12, 10), date(2026, 11, 21)
    )  # fmt: skip
    visits = [e for e in view.events if e.kind == "visit"]
    assert [(e.id, e.superseded) for e in visits] == [
        (visit.id, True), (fixed.id, True), (again.id, False)
    ]  # fmt: skip
    assert [e.payload["outcome"] for e in view.current_events("visit")] == [
        "تمت الزيارة والأم حاضرة"
    ]


def test_an_event_cannot_amend_an_event_of_another_case(office: Office) -> None:
    one = office.open("worker", person=0)
    two = office.open("worker", person=1)
    note = office.s.case_workflow.add_event(one.id, "note", {"text": "أ"})
    unchanged(
        office, ErrorCode.NOT_FOUND,
        lambda: office.s.case_workflow.amend_event("no-such-event", {"text": "ب"}),
    )  # fmt: skip
    # The correction goes to the case of the event it corrects, never elsewhere.
    fixed = office.s.case_workflow.amend_event(note.id, {"text": "ب"})
    assert [e.id for e in office.s.cases.get(one.id).events if e.kind == "note"] == [
        note.id, fixed.id
    ]  # fmt: skip
    assert not [e for e in office.s.cases.get(two.id).events if e.kind == "note"]


# -- bad input changes nothing ----------------------------------------------------------------


def test_opening_with_bad_input_changes_nothing(office: Office) -> None:
    s = office.as_("worker")
    gone = office.people[2]
    with s.ctx.db.transaction(s.ctx.actor()) as session:  # a person deleted (tombstone)
        for row in session.scalars(select(BeneficiaryRow).where(BeneficiaryRow.id == gone)):
            row.deleted_at = row.updated_at
    draft = office.draft

    def open_with(**changes: Any) -> Callable[[], Any]:
        return lambda: s.cases.open_case(replace(draft(), **changes))

    assert unchanged(office, ErrorCode.NOT_FOUND, open_with(beneficiary_id="nobody")).field == (
        "beneficiary"
    )
    unchanged(office, ErrorCode.NOT_FOUND, open_with(beneficiary_id=gone))
    assert unchanged(office, ErrorCode.INVALID_CHOICE, open_with(type_code="alien")).field == (
        "type_code"
    )
    before = office.counts()
    with pytest.raises(ValidationFailed) as caught:
        s.cases.open_case(replace(draft("juvenile"), extra={}))
    assert sorted(e.field for e in caught.value.errors) == [
        "extra.court", "extra.court_file_number", "extra.guardian_name"
    ]  # fmt: skip
    with pytest.raises(ValidationFailed) as caught:
        s.cases.open_case(
            replace(
                draft("prisoner_family"),
                extra={"prisoner_name": "س", "institution": "م", "family_contact": "sometimes",
                       "expected_release_on": "31/12/2026"},
            )
        )  # fmt: skip
    assert {(e.field, e.code) for e in caught.value.errors} == {
        ("extra.family_contact", ErrorCode.INVALID_CHOICE),
        ("extra.expected_release_on", ErrorCode.DATE_FORMAT),
    }
    assert office.counts() == before
    office.as_("supervisor")
    assert (
        unchanged(
            office, ErrorCode.INVALID_CHOICE, open_with(assign_to=office.user_id("admin"))
        ).field
        == "assigned_to"
    )


def test_working_with_bad_input_changes_nothing(office: Office) -> None:
    case = office.open("worker")
    s, work = office.s, office.s.case_workflow
    before = office.counts()
    with pytest.raises(ValidationFailed):
        work.add_event(case.id, "visit", {"place": "moon"})
    with pytest.raises(ValidationFailed):
        work.add_event(case.id, "assessment", {})
    assert office.counts() == before
    referral: dict[str, object] = {"agency": "nasa", "reason": "r"}
    agency = unchanged(
        office, ErrorCode.INVALID_CHOICE, lambda: work.add_event(case.id, "referral", referral)
    )
    assert agency.field == "agency"
    unchanged(office, ErrorCode.NOT_FOUND, lambda: work.add_event("no-case", "note", {"text": "x"}))
    unchanged(office, ErrorCode.CASE_TRANSITION, lambda: work.move(case.id, "new"))
    unchanged(office, ErrorCode.CASE_TRANSITION, lambda: work.move(case.id, "plan"))
    work.move(case.id, "assessment")
    unchanged(office, ErrorCode.CASE_NEEDS_ASSESSMENT, lambda: work.move(case.id, "plan"))
    unchanged(
        office, ErrorCode.REQUIRED,
        lambda: work.move(case.id, "pending_closure", closure_reason="other"),
    )  # fmt: skip
    with pytest.raises(ValueError):
        work.move(case.id, "archived")
    view = s.cases.get(case.id)
    unchanged(
        office, ErrorCode.STALE_RECORD,
        lambda: s.cases.update_details(case.id, summary="x", extra={}, sensitive=False,
                                       row_version=view.row_version - 1),
    )  # fmt: skip
