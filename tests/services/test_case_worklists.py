"""Work lists: a worker's "my cases" (overdue first, due this week, waiting for action, counts
by status, paging), built from cases made through the case services; access refused per role.

The supervisor's view is in test_case_supervision.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.services.case_dto import CaseView
from app.services.case_worklists import WorkList
from app.services.setup import AppServices
from tests.conftest import TODAY
from tests.services.case_desk import (
    full_name,
    login,
    numbers,
    refused,
)

pytestmark = pytest.mark.db


# tests/ui takes the desk and its helpers from here.


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
