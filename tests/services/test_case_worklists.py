"""Work lists: a worker's "my cases" (overdue first, due this week, waiting for action, counts
by status) and the supervisor's view (load by worker, overdue, no visit for 30 days, pending
closures), built from cases made through the case services; access refused per role."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

import pytest

from app.domain.accounts import Role
from app.domain.case_access import MASK
from app.domain.errors import DomainError, ErrorCode
from app.services.case_dto import CaseDraft, CaseView
from app.services.case_worklists import UNASSIGNED, WorkItem, WorkList
from app.services.setup import AppServices
from tests.conftest import TODAY
from tests.services.people import numbered

pytestmark = pytest.mark.db

PASSWORD = "password-2026"
LOGINS = {
    "worker": "worker-demo-2026",
    "supervisor": "supervisor-demo-2026",
    "admin": "admin-demo-2026",
    "worker2": "worker2-demo-2026",
    "auditor": "auditor-demo-2026",
}


# ---------------------------------------------------------------------------- helpers


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
        s.case_workflow.move(case_id, "pending_closure", closure_reason="goals_achieved")


def numbers(items: list[WorkItem]) -> list[str]:
    return [i.case.number for i in items]


def refused(call: object) -> None:
    with pytest.raises(DomainError) as caught:
        call()  # type: ignore[operator]
    assert caught.value.code is ErrorCode.PERMISSION_DENIED


# ---------------------------------------------------------------------------- my cases


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


def test_overdue_comes_first_oldest_due_first(
    services: AppServices, desk: dict[str, CaseView]
) -> None:
    items = services.case_worklists.my_cases(WorkList.OVERDUE)
    assert numbers(items) == [desk["late10"].number, desk["late1"].number]
    assert [i.case.next_due_on for i in items] == [date(2026, 11, 12), date(2026, 11, 21)]
    # The whole open list also starts with the overdue ones, then by due date, idle last.
    everything = numbers(services.case_worklists.my_cases(WorkList.OPEN))
    assert everything == [
        desk[k].number
        for k in (
            "late10",
            "late1",
            "today",
            "in6",
            "in7",
            "new_planned",
            "visited",
            "new_idle",
            "assessed_idle",
            "sensitive",
        )
    ]
    assert desk["closing"].number not in everything  # pending closure is not open
    assert desk["other"].number not in everything  # worker2's


def test_due_this_week_is_today_and_the_six_days_after(
    services: AppServices, desk: dict[str, CaseView]
) -> None:
    items = services.case_worklists.my_cases(WorkList.DUE_THIS_WEEK)
    assert numbers(items) == [desk["today"].number, desk["in6"].number]
    assert TODAY + timedelta(days=7) == date(2026, 11, 29)  # "in7" is due then: not listed


def test_waiting_for_action_is_new_or_nothing_scheduled(
    services: AppServices, desk: dict[str, CaseView]
) -> None:
    items = services.case_worklists.my_cases(WorkList.WAITING)
    # Longest in its status first: new since 1/11, assessment since 5/11, new since 20/11...
    assert numbers(items) == [
        desk["new_idle"].number,
        desk["sensitive"].number,
        desk["assessed_idle"].number,
        desk["new_planned"].number,
    ]
    assert [i.status_since for i in items] == [
        date(2026, 11, 1),
        date(2026, 11, 2),
        date(2026, 11, 5),
        date(2026, 11, 20),
    ]


def test_counts_by_status_and_per_list(services: AppServices, desk: dict[str, CaseView]) -> None:
    overview = services.case_worklists.my_overview()
    assert overview.by_status == {
        "new": 3,  # new_idle, new_planned, sensitive
        "assessment": 3,  # late10, in6, assessed_idle
        "plan": 0,
        "follow_up": 4,  # late1, today, in7, visited
        "pending_closure": 1,
        "closed": 0,
    }
    assert overview.open == 10
    assert (overview.overdue, overview.due_this_week, overview.waiting) == (2, 2, 4)
    home = services.case_worklists.my_home(limit=1)
    assert home.overview == overview
    assert numbers(home.overdue) == [desk["late10"].number]  # the limit holds
    assert numbers(home.due_this_week) == [desk["today"].number]
    assert numbers(home.waiting) == [desk["new_idle"].number]


def test_paging_gives_every_line_once(services: AppServices, desk: dict[str, CaseView]) -> None:
    lists = services.case_worklists
    pages = [lists.my_cases(WorkList.OPEN, limit=3, offset=o) for o in range(0, 12, 3)]
    flat = [n for page in pages for n in numbers(page)]
    assert flat == numbers(lists.my_cases(WorkList.OPEN, limit=100))
    assert len(flat) == len(set(flat)) == 10


def test_a_workers_lists_hold_only_their_own_cases(
    services: AppServices, desk: dict[str, CaseView]
) -> None:
    login(services, "worker2")
    lists = services.case_worklists
    assert numbers(lists.my_cases(WorkList.OVERDUE)) == [desk["other"].number]
    assert lists.my_overview().by_status["new"] == 1
    # New (its assessment is still to do), though a visit is planned.
    assert numbers(lists.my_cases(WorkList.WAITING)) == [desk["other"].number]


def test_the_worker_sees_the_names_of_their_sensitive_case(
    services: AppServices, desk: dict[str, CaseView]
) -> None:
    line = next(
        i.case
        for i in services.case_worklists.my_cases(WorkList.WAITING)
        if i.case.id == desk["sensitive"].id
    )
    assert line.sensitive and not line.masked and line.person_name == full_name(10)


def test_who_may_not_read_my_cases(services: AppServices, desk: dict[str, CaseView]) -> None:
    for username in ("admin", "auditor"):
        login(services, username)
        refused(lambda: services.case_worklists.my_cases(WorkList.OVERDUE))
        refused(services.case_worklists.my_overview)
        refused(services.case_worklists.my_home)
    services.accounts.logout()
    refused(services.case_worklists.my_home)


# ---------------------------------------------------------------------------- supervision


def test_supervisor_sees_load_by_worker(services: AppServices, desk: dict[str, CaseView]) -> None:
    login(services, "supervisor")
    overview = services.case_worklists.supervision()
    loads = {w.worker_name: w for w in overview.workers}
    assert set(loads) == {
        "أخصائية اجتماعية (تجريبي)",
        "أخصائي اجتماعي ثانٍ (تجريبي)",
        "مشرفة الفرع (تجريبي)",
    }
    mine = loads["أخصائية اجتماعية (تجريبي)"]
    assert mine.by_status["follow_up"] == 4 and mine.open == 10 and mine.overdue == 2
    other = loads["أخصائي اجتماعي ثانٍ (تجريبي)"]
    assert (other.open, other.overdue) == (1, 1)
    assert loads["مشرفة الفرع (تجريبي)"].open == 0  # listed with nothing assigned
    assert (overview.open, overview.overdue, overview.pending_closures) == (11, 3, 1)
    assert overview.no_recent_visit == sum(w.no_recent_visit for w in overview.workers)


def test_branch_overdue_list_by_worker(services: AppServices, desk: dict[str, CaseView]) -> None:
    login(services, "supervisor")
    lists = services.case_worklists
    assert numbers(lists.branch_cases(WorkList.OVERDUE)) == [
        desk["other"].number,  # due 1/10
        desk["late10"].number,
        desk["late1"].number,
    ]
    worker2 = desk["other"].assigned_to
    assert numbers(lists.branch_cases(WorkList.OVERDUE, worker_id=worker2)) == [
        desk["other"].number
    ]
    assert lists.branch_cases(WorkList.OPEN, worker_id=UNASSIGNED) == []


def test_sensitive_names_are_masked_for_the_supervisor_until_the_glass_is_broken(
    services: AppServices, desk: dict[str, CaseView]
) -> None:
    def line() -> WorkItem:
        return next(
            i
            for i in services.case_worklists.branch_cases(WorkList.WAITING)
            if i.case.id == desk["sensitive"].id
        )

    for username in ("supervisor", "auditor"):
        login(services, username)
        assert line().case.masked and line().case.person_name == MASK
    services.cases.break_glass(desk["sensitive"].id, "مراجعة الحالة الحساسة")
    assert line().case.person_name == full_name(10)  # the auditor, now
    login(services, "supervisor")
    assert line().case.masked  # the grant was the auditor's


def test_no_visit_for_30_days(services: AppServices) -> None:
    add_accounts(services)
    ids = people(services, 6)
    s = services
    login(s, "worker")
    edge = TODAY - timedelta(days=30)  # 23/10/2026
    opened_at_edge = open_case(s, ids[0], edge)
    opened_after = open_case(s, ids[1], edge + timedelta(days=1))
    visited_at_edge = open_case(s, ids[2], date(2026, 6, 1))
    v = plan_visit(s, visited_at_edge.id, edge, date(2026, 6, 2))
    visit_done(s, v, edge, edge)
    visited_after = open_case(s, ids[3], date(2026, 6, 1))
    v = plan_visit(s, visited_after.id, edge, date(2026, 6, 2))
    visit_done(s, v, edge, edge + timedelta(days=1))
    closing_old = open_case(s, ids[4], date(2026, 1, 1))
    request_closure(s, closing_old.id, date(2026, 2, 1))
    never = open_case(s, ids[5], date(2026, 3, 1))
    login(s, "supervisor")
    items = s.case_worklists.branch_cases(WorkList.NO_RECENT_VISIT)
    # Longest without contact first: opened 1/3 and never visited, then the two at the edge.
    assert numbers(items) == [never.number, opened_at_edge.number, visited_at_edge.number]
    assert {opened_after.number, visited_after.number, closing_old.number}.isdisjoint(
        numbers(items)
    )
    assert s.case_worklists.supervision().no_recent_visit == 3


def test_pending_closures_oldest_request_first_until_approved(
    services: AppServices, desk: dict[str, CaseView]
) -> None:
    s = services
    request_closure(s, desk["late1"].id, date(2026, 11, 15))
    request_closure(s, desk["new_idle"].id, date(2026, 11, 3))
    login(s, "supervisor")
    items = s.case_worklists.pending_closures()
    assert numbers(items) == [desk[k].number for k in ("new_idle", "closing", "late1")]
    assert [i.status_since for i in items] == [
        date(2026, 11, 3),
        date(2026, 11, 10),
        date(2026, 11, 15),
    ]
    assert {i.closure_reason for i in items} == {"goals_achieved"}
    s.case_workflow.approve_closure(desk["closing"].id)
    assert numbers(s.case_worklists.pending_closures()) == [
        desk["new_idle"].number,
        desk["late1"].number,
    ]
    overview = s.case_worklists.supervision()
    assert overview.pending_closures == 2
    assert (
        next(w for w in overview.workers if w.worker_id == desk["closing"].assigned_to).by_status[
            "closed"
        ]
        == 1
    )


def test_who_may_see_the_supervision(services: AppServices, desk: dict[str, CaseView]) -> None:
    lists = services.case_worklists
    for username in ("worker", "admin"):
        login(services, username)
        refused(lists.supervision)
        refused(lambda: lists.branch_cases(WorkList.OVERDUE))
        refused(lists.pending_closures)
    login(services, "auditor")  # reads, changes nothing
    assert lists.supervision().overdue == 3
    assert len(lists.pending_closures()) == 1
    with pytest.raises(DomainError):
        services.case_workflow.approve_closure(desk["closing"].id)


def test_a_case_waiting_for_its_transfer_waits_for_no_worker(
    services: AppServices, desk: dict[str, CaseView]
) -> None:
    services.cases.request_transfer(desk["new_idle"].id, "TRP01", "انتقلت الأسرة إلى طرابلس")
    lists = services.case_worklists
    assert desk["new_idle"].number not in numbers(lists.my_cases(WorkList.WAITING))
    assert desk["new_idle"].number in numbers(lists.my_cases(WorkList.OPEN))
    assert lists.my_overview().waiting == 3


def test_a_case_deleted_at_headquarters_leaves_every_list(
    services: AppServices, desk: dict[str, CaseView]
) -> None:
    from sqlalchemy import update

    from app.db.case_models import CaseRow
    from app.db.clock import utcnow

    # As a tombstone synced down from HQ would leave it (no service deletes a case here).
    with services.ctx.db.transaction(None) as session:
        session.execute(
            update(CaseRow).where(CaseRow.id == desk["late10"].id).values(deleted_at=utcnow())
        )
    lists = services.case_worklists
    assert numbers(lists.my_cases(WorkList.OVERDUE)) == [desk["late1"].number]
    overview = lists.my_overview()
    assert (overview.overdue, overview.by_status["assessment"], overview.open) == (1, 2, 9)
    login(services, "supervisor")
    assert lists.supervision().overdue == 2
    assert desk["late10"].number not in numbers(lists.branch_cases(WorkList.OPEN))
