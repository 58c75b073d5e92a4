"""Browsing the audit log as the audit browser does: filters by action, user, case and date
range, paging newest first, the list of actions, and who may read it."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.services.audit_log import AuditEntryView, AuditFilter
from app.services.setup import AppServices
from tests.services.case_desk import (
    add_accounts,
    login,
    open_case,
    people,
    plan_visit,
    refused,
)

pytestmark = pytest.mark.db


class Clock:
    """The audit log's clock, set by the test."""

    def __init__(self) -> None:
        self.now = datetime(2026, 10, 30, 9, 0)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    from app.db import audit

    found = Clock()
    monkeypatch.setattr(audit, "utcnow", found)
    return found


@pytest.fixture
def logged(services: AppServices, clock: Clock) -> dict[str, str]:
    """A few weeks of work: cases opened and worked on by two workers, at known times."""
    s = services
    add_accounts(s)
    ids = people(s, 3)  # "login" and "beneficiary.create" entries on 30/10
    clock.now = datetime(2026, 11, 1, 10, 0)
    first = open_case(s, ids[0], date(2026, 11, 1))
    clock.now = datetime(2026, 11, 10, 23, 59)
    second = open_case(s, ids[1], date(2026, 11, 10))
    clock.now = datetime(2026, 11, 20, 8, 30)
    plan_visit(s, first.id, date(2026, 12, 1))
    login(s, "worker2")
    clock.now = datetime(2026, 11, 21, 12, 0)
    third = open_case(s, ids[2], date(2026, 11, 21))
    clock.now = datetime(2026, 11, 22, 9, 0)
    login(s, "supervisor")
    return {"first": first.id, "second": second.id, "third": third.id}


def user_id(s: AppServices, username: str) -> str:
    return next(u.id for u in s.accounts.list_users() if u.username == username)


def actions(entries: list[AuditEntryView]) -> list[str]:
    return [e.action for e in entries]


def test_newest_first_with_names(services: AppServices, logged: dict[str, str]) -> None:
    entries = services.audit_log.browse(AuditFilter())
    assert [e.seq for e in entries] == sorted((e.seq for e in entries), reverse=True)
    assert entries[0].action == "login" and entries[0].user_name == "مشرفة الفرع (تجريبي)"
    assert "case.open" in services.audit_log.actions()
    assert services.audit_log.verify().intact


def test_filter_by_action_prefix(services: AppServices, logged: dict[str, str]) -> None:
    case_entries = services.audit_log.browse(AuditFilter(action_prefix="case."))
    assert actions(case_entries) == ["case.open", "case.event", "case.open", "case.open"]
    exact = services.audit_log.browse(AuditFilter(action_prefix="case.event"))
    assert [e.entity_id for e in exact] == [logged["first"]]


def test_filter_by_user(services: AppServices, logged: dict[str, str]) -> None:
    entries = services.audit_log.browse(AuditFilter(user_id=user_id(services, "worker2")))
    # Its own account's creation (nobody was logged in) is recorded under its id.
    assert actions(entries) == ["case.open", "login", "user.create"]
    assert {e.user_name for e in entries} == {"أخصائي اجتماعي ثانٍ (تجريبي)"}


def test_filter_by_case(services: AppServices, logged: dict[str, str]) -> None:
    # The browser finds the case by its number first, as a user types it.
    case_id = services.cases.find_by_number("DEMO-2026-00001")
    assert case_id == logged["first"]
    entries = services.audit_log.browse(AuditFilter(entity_id=case_id))
    assert actions(entries) == ["case.event", "case.open"]
    assert entries[0].details["kind"] == "visit"
    assert entries[1].details["number"] == "DEMO-2026-00001"


def test_filter_by_date_range_includes_both_days(
    services: AppServices, logged: dict[str, str]
) -> None:
    entries = services.audit_log.browse(
        AuditFilter(action_prefix="case.", since=date(2026, 11, 1), until=date(2026, 11, 10))
    )
    assert [e.entity_id for e in entries] == [logged["second"], logged["first"]]
    assert [e.at for e in entries] == [datetime(2026, 11, 10, 23, 59), datetime(2026, 11, 1, 10)]
    days = services.audit_log.browse(
        AuditFilter(since=date(2026, 11, 20), until=date(2026, 11, 21))
    )
    assert actions(days) == ["case.open", "login", "case.event"]


def test_paging_by_sequence(services: AppServices, logged: dict[str, str]) -> None:
    everything = services.audit_log.browse(AuditFilter())
    pages: list[AuditEntryView] = []
    before: int | None = None
    while True:
        page = services.audit_log.browse(AuditFilter(limit=3, before_seq=before))
        if not page:
            break
        assert len(page) <= 3
        pages += page
        before = page[-1].seq
    assert [e.seq for e in pages] == [e.seq for e in everything]


def test_who_may_browse(services: AppServices, logged: dict[str, str]) -> None:
    for username in ("auditor", "admin", "supervisor"):
        login(services, username)
        assert services.audit_log.browse(AuditFilter(limit=1))
    login(services, "worker")
    refused(lambda: services.audit_log.browse(AuditFilter()))
    refused(services.audit_log.actions)
    services.accounts.logout()
    refused(lambda: services.audit_log.browse(AuditFilter()))
