"""Who may do what with a case, through the case services: each role's rights and refusals.

A worker works their own cases and breaks the glass (a reason, audited, read-only, three hours)
for any other; a supervisor edits the branch's cases, breaks the glass for a sensitive case not
assigned to them, and alone approves or refuses a closure; a branch admin never reaches case
content; an auditor reads and never writes. A refusal writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from typing import Any

import pytest
from sqlalchemy import select

from app.db.case_models import BreakGlassRow
from app.db.clock import new_id, utcnow
from app.domain.case_access import MASK, Access
from app.domain.errors import DomainError, ErrorCode
from app.services import case_gate
from app.services.case_dto import CaseView
from tests.services.case_staff import REASON, Office, reasons_for_all

pytestmark = [pytest.mark.db]


def refused(office: Office, code: ErrorCode, action: Callable[[], Any]) -> DomainError:
    """`action` is refused with `code` and writes nothing."""
    before = office.counts()
    with pytest.raises(DomainError) as caught:
        action()
    assert caught.value.code is code, caught.value
    assert office.counts() == before
    return caught.value


def writes(office: Office, case: CaseView) -> dict[str, Callable[[], Any]]:
    """Every way to change the case, for the user logged in now."""
    s = office.s
    return {
        "event": lambda: s.case_workflow.add_event(case.id, "note", {"text": "ملاحظة"}),
        "move": lambda: s.case_workflow.move(case.id, "assessment"),
        "details": lambda: s.cases.update_details(
            case.id,
            summary="تعديل",
            extra=case.extra,
            sensitive=case.sensitive,
            row_version=case.row_version,
        ),
        "assign": lambda: s.cases.assign(case.id, office.user_id("worker2")),
        "transfer": lambda: s.cases.request_transfer(case.id, "BEN01", "انتقلت الأسرة"),
    }


# -- social workers -------------------------------------------------------------------------


def test_a_worker_opens_and_works_their_own_case(office: Office) -> None:
    case = office.open("worker")
    assert case.access == Access.EDIT and case.assigned_to == office.user_id("worker")
    assert office.s.cases.get(case.id).access == Access.EDIT
    office.s.case_workflow.add_event(case.id, "note", {"text": "أول اتصال"})
    assert office.s.case_workflow.move(case.id, "assessment").status == "assessment"


def test_a_worker_cannot_open_a_case_for_someone_else(office: Office) -> None:
    draft = office.draft(assign_to=office.user_id("worker2"))
    office.as_("worker")
    refused(office, ErrorCode.SUPERVISOR_ONLY, lambda: office.s.cases.open_case(draft))


def test_a_worker_needs_a_reason_to_open_another_workers_case(office: Office) -> None:
    case = office.open("worker")
    office.as_("worker2")
    error = refused(office, ErrorCode.BREAK_GLASS_REQUIRED, lambda: office.s.cases.get(case.id))
    assert error.params == {"number": case.number}
    assert office.s.cases.access(case.id) == Access.NEEDS_REASON
    for name, change in writes(office, case).items():
        # Assigning is for supervisors; anything else would need the glass broken first.
        deny = ErrorCode.PERMISSION_DENIED if name == "assign" else ErrorCode.BREAK_GLASS_REQUIRED
        refused(office, deny, change)


@pytest.mark.parametrize("reason", ["", "          ", "لأني", "123456789", " 12345678 "])
def test_a_short_reason_does_not_break_the_glass(office: Office, reason: str) -> None:
    case = office.open("worker")
    office.as_("worker2")
    error = refused(office, ErrorCode.REQUIRED, lambda: office.s.cases.break_glass(case.id, reason))
    assert error.field == "reason"


def test_breaking_the_glass_opens_the_case_read_only_and_is_audited(office: Office) -> None:
    case = office.open("worker", "elderly")
    office.as_("worker2")
    mark = office.mark()
    view = office.s.cases.break_glass(case.id, f"  {REASON}  ")
    assert view.access == Access.READ and view.next_statuses == ()
    assert [(e.action, e.user, e.entity_id) for e in office.audit_since(mark)] == [
        ("case.break_glass", "worker2", case.id),
        ("case.view", "worker2", case.id),
    ]
    assert office.audit_since(mark)[0].details == {"number": case.number, "reason": REASON}
    with office.s.ctx.db.read() as session:
        (grant,) = session.execute(
            select(BreakGlassRow.user_id, BreakGlassRow.case_id, BreakGlassRow.reason,
                   BreakGlassRow.granted_at, BreakGlassRow.expires_at)
        ).all()  # fmt: skip
    who, what, why, granted, expires = grant
    assert (who, what, why) == (office.user_id("worker2"), case.id, REASON)
    assert expires - granted == timedelta(hours=3)
    assert office.s.cases.get(case.id).access == Access.READ  # within the three hours
    for change in writes(office, view).values():
        refused(office, ErrorCode.PERMISSION_DENIED, change)


def test_a_grant_expires_after_three_hours(office: Office, monkeypatch: pytest.MonkeyPatch) -> None:
    case = office.open("worker")
    office.as_("worker2")
    office.s.cases.break_glass(case.id, REASON)
    now = utcnow()

    def at(moment: datetime) -> None:
        monkeypatch.setattr(case_gate, "utcnow", lambda: moment)

    at(now + timedelta(hours=2, minutes=59))
    assert office.s.cases.get(case.id).access == Access.READ
    at(now + timedelta(hours=3, minutes=1))
    refused(office, ErrorCode.BREAK_GLASS_REQUIRED, lambda: office.s.cases.get(case.id))
    assert office.s.cases.access(case.id) == Access.NEEDS_REASON
    # A new reason opens it again, for three more hours from then.
    monkeypatch.setattr("app.services.cases.utcnow", lambda: now + timedelta(hours=3, minutes=1))
    assert office.s.cases.break_glass(case.id, REASON).access == Access.READ


def test_an_expired_grant_in_the_table_opens_nothing(office: Office) -> None:
    case = office.open("worker")
    office.as_("worker2")
    past = utcnow() - timedelta(hours=4)
    with office.s.ctx.db.transaction(None) as session:
        session.add(
            BreakGlassRow(
                id=new_id(), user_id=office.user_id("worker2"), case_id=case.id,
                reason=REASON, granted_at=past, expires_at=past + timedelta(hours=3),
            )
        )  # fmt: skip
    refused(office, ErrorCode.BREAK_GLASS_REQUIRED, lambda: office.s.cases.get(case.id))
    assert office.s.cases.cases_of(office.people[0])[0].person_name  # a plain case: names


def test_a_grant_is_for_one_user_and_one_case(office: Office) -> None:
    first = office.open("worker", "juvenile", person=0)
    second = office.open("worker", "juvenile", person=1)
    office.as_("worker2")
    office.s.cases.break_glass(first.id, REASON)
    assert office.s.cases.get(first.id).access == Access.READ
    refused(office, ErrorCode.BREAK_GLASS_REQUIRED, lambda: office.s.cases.get(second.id))
    for other in ("auditor", "supervisor"):
        office.as_(other)
        refused(office, ErrorCode.BREAK_GLASS_REQUIRED, lambda: office.s.cases.get(first.id))


def test_sensitive_names_are_masked_until_the_glass_is_broken(office: Office) -> None:
    sensitive = office.open("worker", "juvenile", person=0)
    plain = office.open("worker", "elderly", person=0)
    assert sensitive.sensitive and not plain.sensitive
    mine = {c.id: c for c in office.as_("worker").cases.cases_of(office.people[0])}
    assert not mine[sensitive.id].masked and mine[sensitive.id].person_name != MASK
    office.as_("worker2")
    lines = {c.id: c for c in office.s.cases.cases_of(office.people[0])}
    assert lines[sensitive.id].masked and lines[sensitive.id].person_name == MASK
    name = mine[sensitive.id].person_name
    assert name == "أحمد عبدالله مصطفى الورفلي"
    assert not lines[plain.id].masked and lines[plain.id].person_name == name
    office.s.cases.break_glass(sensitive.id, REASON)
    lines = {c.id: c for c in office.s.cases.cases_of(office.people[0])}
    assert not lines[sensitive.id].masked and lines[sensitive.id].person_name == name


def test_a_reader_does_not_see_confidential_notes(office: Office) -> None:
    case = office.open("worker")
    office.s.case_workflow.add_event(case.id, "note", {"text": "سر", "confidential": True})
    office.s.case_workflow.add_event(case.id, "note", {"text": "عادي"})
    office.as_("worker2")
    view = office.s.cases.break_glass(case.id, REASON)
    notes = view.current_events("note")
    assert [(n.hidden, n.payload.get("text")) for n in notes] == [(True, None), (False, "عادي")]
    assert office.as_("worker").cases.get(case.id).current_events("note")[0].payload["text"] == "سر"


# -- supervisors ----------------------------------------------------------------------------


def test_a_supervisor_edits_every_plain_case_of_the_branch(office: Office) -> None:
    case = office.open("worker")
    office.as_("supervisor")
    assert office.s.cases.get(case.id).access == Access.EDIT
    office.s.case_workflow.add_event(case.id, "note", {"text": "من المشرفة"})
    moved = office.s.case_workflow.move(case.id, "assessment")
    assigned = office.s.cases.assign(case.id, office.user_id("worker2"))
    assert moved.status == "assessment" and assigned.assigned_to == office.user_id("worker2")
    opened = office.open("supervisor", person=1, assign_to=office.user_id("worker"))
    assert opened.assigned_to == office.user_id("worker")


def test_a_supervisor_breaks_the_glass_for_a_sensitive_case_of_another(office: Office) -> None:
    case = office.open("worker", "juvenile")
    office.as_("supervisor")
    refused(office, ErrorCode.BREAK_GLASS_REQUIRED, lambda: office.s.cases.get(case.id))
    for change in writes(office, case).values():
        refused(office, ErrorCode.BREAK_GLASS_REQUIRED, change)
    view = office.s.cases.break_glass(case.id, REASON)
    assert view.access == Access.EDIT  # a supervisor who gave a reason may act on it
    office.s.case_workflow.add_event(case.id, "note", {"text": "اطلعت المشرفة"})
    mine = office.open("supervisor", "juvenile", person=1)
    assert office.s.cases.get(mine.id).access == Access.EDIT  # their own: no reason needed


def test_assigning_is_for_supervisors_and_only_to_case_staff(office: Office) -> None:
    case = office.open("worker")
    refused(
        office, ErrorCode.PERMISSION_DENIED,
        lambda: office.s.cases.assign(case.id, office.user_id("worker2")),
    )  # fmt: skip
    office.as_("supervisor")
    for target in (office.user_id("admin"), office.user_id("auditor"), "no-such-user"):
        error = refused(
            office, ErrorCode.INVALID_CHOICE, partial(office.s.cases.assign, case.id, target)
        )
        assert error.field == "assigned_to"


def _to_follow_up(office: Office, case: CaseView) -> None:
    work = office.s.case_workflow
    work.move(case.id, "assessment")
    work.add_event(case.id, "assessment", {"needs": ["income"], "risk_level": "low",
                                           "summary": "تقييم"})  # fmt: skip
    work.move(case.id, "plan")
    work.add_event(case.id, "plan_item", {"goal": "دخل", "action": "إحالة", "owner": "أنا",
                                          "due_on": "2026-12-20"})  # fmt: skip
    work.move(case.id, "follow_up")


def test_only_a_supervisor_approves_a_closure(office: Office) -> None:
    case = office.open("worker")
    _to_follow_up(office, case)
    work = office.s.case_workflow
    refused(
        office, ErrorCode.SUPERVISOR_ONLY,
        lambda: work.move(case.id, "closed", closure_reason="goals_achieved"),
    )  # fmt: skip
    asked = work.move(
        case.id,
        "pending_closure",
        closure_reason="goals_achieved",
        open_reasons=reasons_for_all(office.s, case.id),
    )
    assert asked.status == "pending_closure" and "closed" not in asked.next_statuses
    refused(office, ErrorCode.PERMISSION_DENIED, lambda: work.approve_closure(case.id))
    refused(office, ErrorCode.PERMISSION_DENIED, lambda: work.refuse_closure(case.id, REASON))
    office.as_("auditor")
    refused(office, ErrorCode.PERMISSION_DENIED, lambda: work.approve_closure(case.id))
    office.as_("supervisor")
    mark = office.mark()
    closed = work.approve_closure(case.id)
    assert (closed.status, closed.closure_reason, closed.closed_on) == (
        "closed", "goals_achieved", office.s.ctx.today()
    )  # fmt: skip
    assert [(e.action, e.details) for e in office.audit_since(mark)] == [
        ("case.status", {"number": case.number, "from": "pending_closure", "to": "closed"})
    ]


@pytest.mark.parametrize("back_to", ["new", "assessment", "follow_up"])
def test_refusing_a_closure_sends_the_case_back_where_it_was(office: Office, back_to: str) -> None:
    case = office.open("worker")
    if back_to == "assessment":
        office.s.case_workflow.move(case.id, "assessment")
    elif back_to == "follow_up":
        _to_follow_up(office, case)
    office.s.case_workflow.move(
        case.id,
        "pending_closure",
        closure_reason="declined",
        open_reasons=reasons_for_all(office.s, case.id, "رفضت الأسرة الخطة"),
    )
    office.as_("supervisor")
    work = office.s.case_workflow
    error = refused(office, ErrorCode.REQUIRED, lambda: work.refuse_closure(case.id, "  "))
    assert error.field == "reason"
    elsewhere = "plan" if back_to != "plan" else "new"
    refused(office, ErrorCode.CASE_TRANSITION, lambda: work.move(case.id, elsewhere, reason=REASON))
    back = work.refuse_closure(case.id, "ما زالت الأسرة بحاجة إلى متابعة")
    assert (back.status, back.closure_reason, back.closure_note) == (back_to, None, "")
    (change,) = [e for e in back.events if e.kind == "status_change"][-1:]
    assert change.payload["reason"] == "ما زالت الأسرة بحاجة إلى متابعة"


def test_events_on_a_closed_case_are_refused_until_it_is_reopened(office: Office) -> None:
    case = office.open("supervisor")
    work = office.s.case_workflow
    work.move(case.id, "closed", closure_reason="opened_in_error")  # a supervisor closes
    refused(office, ErrorCode.CASE_CLOSED, lambda: work.add_event(case.id, "note", {"text": "x"}))
    refused(office, ErrorCode.REQUIRED, lambda: work.move(case.id, "assessment"))  # no reason
    reopened = work.move(case.id, "assessment", reason="عادت الأسرة تطلب المساعدة")
    assert (reopened.status, reopened.closed_on, reopened.closure_reason) == (
        "assessment", None, None
    )  # fmt: skip
    work.add_event(case.id, "note", {"text": "بعد إعادة الفتح"})


def test_a_transfer_request_freezes_the_case(office: Office) -> None:
    case = office.open("worker")
    s = office.s

    def ask(to: str, reason: str = "انتقلت الأسرة") -> Callable[[], Any]:
        return lambda: s.cases.request_transfer(case.id, to, reason)

    for target in ("", "B", "DEMO", "demo", "BEN-01", "ABCDEFGHIJKLM"):  # not another branch
        error = refused(office, ErrorCode.INVALID_CHOICE, ask(target))
        assert error.field == "to_branch"
    refused(office, ErrorCode.REQUIRED, ask("BEN01", "  "))
    mark = office.mark()
    frozen = s.cases.request_transfer(case.id, "ben01", "انتقلت الأسرة إلى بنغازي")
    assert frozen.transfer_to == "BEN01" and frozen.next_statuses == ()
    assert office.actions_since(mark) == ["case.transfer_request"]
    for name, change in writes(office, frozen).items():
        if name != "assign":
            refused(office, ErrorCode.TRANSFER_PENDING, change)
    office.as_("supervisor")
    for change in writes(office, frozen).values():
        refused(office, ErrorCode.TRANSFER_PENDING, change)
    assert s.cases.get(case.id).transfer_to == "BEN01"  # still readable


# -- branch admins and auditors -------------------------------------------------------------


def test_a_branch_admin_is_refused_everything_about_case_content(office: Office) -> None:
    case = office.open("worker")
    s = office.as_("admin")
    deny = ErrorCode.PERMISSION_DENIED
    assert s.cases.access(case.id) == Access.NONE
    refused(office, deny, lambda: s.cases.get(case.id))
    refused(office, deny, lambda: s.case_workflow.case_view(case.id))
    refused(office, deny, lambda: s.cases.break_glass(case.id, REASON))
    refused(office, deny, lambda: s.cases.cases_of(office.people[0]))
    draft = office.draft(person=1)
    refused(office, deny, lambda: s.cases.open_case(draft))
    for change in writes(office, case).values():
        refused(office, deny, change)


def test_an_auditor_reads_and_never_writes(office: Office) -> None:
    plain = office.open("worker", "elderly")
    sensitive = office.open("worker", "women_protection", person=1)
    s = office.as_("auditor")
    assert s.cases.get(plain.id).access == Access.READ
    refused(office, ErrorCode.BREAK_GLASS_REQUIRED, lambda: s.cases.get(sensitive.id))
    assert s.cases.break_glass(sensitive.id, REASON).access == Access.READ
    draft = office.draft(person=2)
    refused(office, ErrorCode.PERMISSION_DENIED, lambda: s.cases.open_case(draft))
    for case in (plain, sensitive):
        for change in writes(office, case).values():
            refused(office, ErrorCode.PERMISSION_DENIED, change)
    lines = {c.id: c for c in s.cases.cases_of(office.people[0])}
    assert not lines[plain.id].masked


def test_nobody_logged_in_reaches_nothing(office: Office) -> None:
    case = office.open("worker")
    office.s.accounts.logout()
    deny = ErrorCode.PERMISSION_DENIED
    refused(office, deny, lambda: office.s.cases.get(case.id))
    refused(office, deny, lambda: office.s.cases.break_glass(case.id, REASON))
    for change in writes(office, case).values():
        refused(office, deny, change)
