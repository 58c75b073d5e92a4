"""The supervisor's work lists: load by worker, the branch's overdue cases, no visit for 30
days, pending closures oldest request first; names of sensitive cases masked until the glass is
broken; who may see them; transferred and deleted cases leaving the lists.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.domain.case_access import MASK
from app.domain.errors import DomainError
from app.services.case_dto import CaseView
from app.services.case_worklists import UNASSIGNED, WorkItem, WorkList
from app.services.setup import AppServices
from tests.conftest import TODAY
from tests.services.case_desk import (
    add_accounts,
    full_name,
    login,
    numbers,
    open_case,
    people,
    plan_visit,
    refused,
    request_closure,
    visit_done,
)

pytestmark = pytest.mark.db


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
