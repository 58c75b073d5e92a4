"""Cases made through the case services for the work-list tests: logging in as a demo account,
acting on a given day, opening, assessing, planning visits and asking to close; and `desk`
(tests/services/conftest.py provides it), the demo worker's cases each in a known place of the
lists.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest

from app.domain.accounts import Role
from app.domain.errors import DomainError, ErrorCode
from app.services.case_dto import CaseDraft, CaseView
from app.services.case_worklists import WorkItem
from app.services.setup import AppServices
from tests.conftest import TODAY
from tests.services.case_staff import reasons_for_all
from tests.services.people import numbered

PASSWORD = "password-2026"
LOGINS = {
    "worker": "worker-demo-2026",
    "supervisor": "supervisor-demo-2026",
    "admin": "admin-demo-2026",
    "worker2": "worker2-demo-2026",
    "auditor": "auditor-demo-2026",
}


def login(s: AppServices, username: str) -> None:
    s.accounts.login(username, LOGINS[username])


@contextmanager
def on(s: AppServices, day: date) -> Iterator[None]:
    """Act as if today were `day` (the services read ctx.today())."""
    before = s.ctx.today
    s.ctx.today = lambda: day
    try:
        yield
    finally:
        s.ctx.today = before


def add_accounts(s: AppServices) -> None:
    """worker2 and auditor are demo accounts of every demo branch (README)."""
    roles = {u.username: u.role for u in s.accounts.list_users()}
    assert roles["worker2"] == Role.SOCIAL_WORKER and roles["auditor"] == Role.AUDITOR


def people(s: AppServices, count: int) -> list[str]:
    login(s, "worker")
    return [s.beneficiaries.register(numbered(i)).id for i in range(count)]


def full_name(i: int) -> str:
    """The name of the `i`th person registered by `people`."""
    p = numbered(i)
    return " ".join((p.first_name, p.father_name, p.grandfather_name, p.family_name))


def open_case(
    s: AppServices, person: str, opened: date, type_code: str = "elderly", **draft: object
) -> CaseView:
    with on(s, opened):
        return s.cases.open_case(CaseDraft(beneficiary_id=person, type_code=type_code, **draft))  # type: ignore[arg-type]


def plan_visit(s: AppServices, case_id: str, due: date, day: date = TODAY) -> str:
    with on(s, day):
        return s.case_workflow.add_event(case_id, "visit", {"due_on": due, "place": "home"}).id


def visit_done(s: AppServices, visit_id: str, due: date, done: date) -> None:
    with on(s, done):
        s.case_workflow.amend_event(
            visit_id,
            {"due_on": due, "place": "home", "state": "done", "done_on": done, "outcome": "تمت"},
        )


def assess(s: AppServices, case_id: str, day: date) -> None:
    with on(s, day):
        s.case_workflow.move(case_id, "assessment")
        s.case_workflow.add_event(
            case_id, "assessment", {"needs": ["income"], "risk_level": "low", "summary": "تقييم"}
        )


def follow_up(s: AppServices, case_id: str, day: date, plan_due: date) -> None:
    """new -> assessment -> plan -> follow-up, with one open plan item due `plan_due`."""
    assess(s, case_id, day)
    with on(s, day):
        s.case_workflow.move(case_id, "plan")
        s.case_workflow.add_event(
            case_id,
            "plan_item",
            {"goal": "دخل", "action": "منحة", "owner": "الأخصائية", "due_on": plan_due},
        )
        s.case_workflow.move(case_id, "follow_up")


def request_closure(s: AppServices, case_id: str, day: date) -> None:
    with on(s, day):
        s.case_workflow.move(
            case_id,
            "pending_closure",
            closure_reason="goals_achieved",
            open_reasons=reasons_for_all(s, case_id),
        )


def numbers(items: list[WorkItem]) -> list[str]:
    return [i.case.number for i in items]


def refused(call: object) -> None:
    with pytest.raises(DomainError) as caught:
        call()  # type: ignore[operator]
    assert caught.value.code is ErrorCode.PERMISSION_DENIED


@pytest.fixture
def desk(services: AppServices) -> dict[str, CaseView]:
    """The demo worker's cases (and one of worker2's), each in a known place of the lists."""
    add_accounts(services)
    ids = people(services, 12)
    s = services
    login(s, "worker")
    c: dict[str, CaseView] = {}
    c["late10"] = open_case(s, ids[0], date(2026, 10, 1))
    plan_visit(s, c["late10"].id, date(2026, 11, 12), date(2026, 10, 2))
    assess(s, c["late10"].id, date(2026, 10, 3))
    c["late1"] = open_case(s, ids[1], date(2026, 10, 5))
    follow_up(s, c["late1"].id, date(2026, 10, 6), plan_due=date(2026, 11, 21))
    c["today"] = open_case(s, ids[2], date(2026, 10, 7))
    follow_up(s, c["today"].id, date(2026, 10, 8), plan_due=date(2026, 11, 22))
    c["in6"] = open_case(s, ids[3], date(2026, 10, 9))
    plan_visit(s, c["in6"].id, date(2026, 11, 28))
    assess(s, c["in6"].id, date(2026, 10, 10))
    c["in7"] = open_case(s, ids[4], date(2026, 10, 11))
    follow_up(s, c["in7"].id, date(2026, 10, 12), plan_due=date(2026, 11, 29))
    c["new_idle"] = open_case(s, ids[5], date(2026, 11, 1))
    c["assessed_idle"] = open_case(s, ids[6], date(2026, 10, 15))
    assess(s, c["assessed_idle"].id, date(2026, 11, 5))
    c["new_planned"] = open_case(s, ids[7], date(2026, 11, 20))
    plan_visit(s, c["new_planned"].id, date(2026, 12, 10))
    # Asked to close with a visit long overdue: waits for the supervisor, not overdue.
    c["closing"] = open_case(s, ids[8], date(2026, 9, 1))
    plan_visit(s, c["closing"].id, date(2026, 9, 15), date(2026, 9, 2))
    request_closure(s, c["closing"].id, date(2026, 11, 10))
    # A visit that was due and was done: nothing is due any more, and it is not overdue.
    c["visited"] = open_case(s, ids[9], date(2026, 9, 3))
    visit = plan_visit(s, c["visited"].id, date(2026, 11, 1), date(2026, 9, 4))
    follow_up(s, c["visited"].id, date(2026, 9, 5), plan_due=date(2027, 1, 15))
    visit_done(s, visit, date(2026, 11, 1), date(2026, 11, 3))
    c["sensitive"] = open_case(s, ids[10], date(2026, 11, 2), "child_protection")
    login(s, "worker2")
    c["other"] = open_case(s, ids[11], date(2026, 9, 1))
    plan_visit(s, c["other"].id, date(2026, 10, 1), date(2026, 9, 2))
    login(s, "worker")
    return c
