"""The visit agenda: visits still planned for today and for this week (Sunday to Saturday, the
Libyan week), the worker's own and the branch's, around a week boundary."""

from __future__ import annotations

from datetime import date

import pytest

from app.services.case_agenda import AgendaSpan, AgendaVisit, is_weekend, week_of
from app.services.case_dto import CaseView
from app.services.setup import AppServices
from tests.conftest import TODAY
from tests.services.case_desk import login, plan_visit, refused, visit_done

pytestmark = pytest.mark.db


def test_the_week_runs_sunday_to_saturday() -> None:
    sunday, saturday = date(2026, 11, 22), date(2026, 11, 28)
    assert sunday == TODAY
    for day in (sunday, date(2026, 11, 26), date(2026, 11, 27), saturday):
        assert week_of(day) == (sunday, saturday)
    assert week_of(date(2026, 11, 21)) == (date(2026, 11, 15), date(2026, 11, 21))
    assert week_of(date(2026, 11, 29))[0] == date(2026, 11, 29)
    assert is_weekend(date(2026, 11, 27)) and is_weekend(saturday)  # Friday, Saturday
    assert not is_weekend(sunday) and not is_weekend(date(2026, 11, 26))


def days(visits: list[AgendaVisit]) -> list[tuple[date, str]]:
    return [(v.due_on, v.case_number) for v in visits]


def test_agenda_today_and_this_week(services: AppServices, desk: dict[str, CaseView]) -> None:
    s = services
    case, other = desk["new_idle"], desk["other"]
    plan_visit(s, case.id, date(2026, 11, 21))  # Saturday: last week
    plan_visit(s, case.id, TODAY)  # Sunday: today
    plan_visit(s, case.id, date(2026, 11, 26))  # Thursday
    plan_visit(s, case.id, date(2026, 11, 29))  # next Sunday: next week
    done = plan_visit(s, desk["assessed_idle"].id, date(2026, 11, 24))
    visit_done(s, done, date(2026, 11, 24), TODAY)  # corrected to done: no longer planned
    lists = s.case_worklists
    assert days(lists.agenda(AgendaSpan.TODAY)) == [(TODAY, case.number)]
    week = lists.agenda(AgendaSpan.WEEK)
    assert days(week) == [
        (TODAY, case.number),
        (date(2026, 11, 26), case.number),
        (date(2026, 11, 28), desk["in6"].number),  # planned by the desk, a Saturday
    ]
    assert week[0].person_name and week[0].place == "home"
    # worker2's visit this week shows to the supervisor (the branch), not to the worker.
    login(s, "worker2")
    plan_visit(s, other.id, date(2026, 11, 23))
    assert days(lists.agenda(AgendaSpan.WEEK)) == [(date(2026, 11, 23), other.number)]
    refused(lambda: lists.agenda(AgendaSpan.WEEK, branch=True))
    login(s, "supervisor")
    branch = lists.agenda(AgendaSpan.WEEK, branch=True)
    assert [v.due_on for v in branch] == [
        TODAY,
        date(2026, 11, 23),
        date(2026, 11, 26),
        date(2026, 11, 28),
    ]
    assert len({v.assigned_to for v in branch}) == 2  # both workers' visits
    assert all(v.assigned_name for v in branch)
    assert len(lists.agenda(AgendaSpan.TODAY, branch=True)) == 1
