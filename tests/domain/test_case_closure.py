"""The closure checklist and the stage records (app.domain.case_closure), from plain facts:
what counts as open (a plan item not done, a referral still sent, a visit whose day has passed
with no outcome), that each open item needs a reason, and what a stage needs recorded since
the case was (re)opened."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.domain.case_closure import (
    EventFact,
    check_closure,
    item_field,
    open_items,
    stage_records,
)
from app.domain.errors import DomainError, ErrorCode

TODAY = date(2026, 11, 22)
YESTERDAY, TOMORROW = TODAY - timedelta(days=1), TODAY + timedelta(days=1)


def fact(chain: str, kind: str, state: str | None = None, due: date | None = None,
         current: bool = True, **payload: object) -> EventFact:  # fmt: skip
    return EventFact(chain, kind, state, due, current, payload)


@pytest.mark.parametrize(
    ("event", "is_open"),
    [
        (fact("p", "plan_item", "open", TOMORROW, goal="سكن"), True),
        (fact("p", "plan_item", "open", YESTERDAY, goal="سكن"), True),
        (fact("p", "plan_item", "done", YESTERDAY, goal="سكن"), False),
        (fact("p", "plan_item", "cancelled", TOMORROW, goal="سكن"), False),
        (fact("r", "referral", "sent", None, agency="legal_aid"), True),
        (fact("r", "referral", "accepted", None, agency="legal_aid"), False),
        (fact("r", "referral", "refused", None, agency="legal_aid"), False),
        (fact("r", "referral", "done", None, agency="legal_aid"), False),
        (fact("v", "visit", "planned", YESTERDAY, place="home"), True),
        (fact("v", "visit", "planned", TODAY, place="home"), False),  # its day is today
        (fact("v", "visit", "planned", TOMORROW, place="home"), False),
        (fact("v", "visit", "done", YESTERDAY, place="home"), False),
        (fact("v", "visit", "missed", YESTERDAY, place="home"), False),
        (fact("v", "visit", "cancelled", YESTERDAY, place="home"), False),
        (fact("n", "note"), False),
        (fact("p", "plan_item", "open", TOMORROW, current=False, goal="سكن"), False),
    ],
)
def test_what_is_open(event: EventFact, is_open: bool) -> None:
    found = open_items([event], TODAY)
    assert bool(found) is is_open
    if is_open:
        (item,) = found
        assert item.chain == event.chain and item.kind == event.kind
        assert item.title == next(iter(event.payload.values()))


def test_the_checklist_lists_plan_items_then_referrals_then_visits_by_due_date() -> None:
    events = [
        fact("v1", "visit", "planned", YESTERDAY, place="home"),
        fact("r1", "referral", "sent", None, agency="legal_aid"),
        fact("p2", "plan_item", "open", TOMORROW + timedelta(days=5), goal="ب"),
        fact("p1", "plan_item", "open", TOMORROW, goal="أ"),
        # A corrected item: only its current version counts, once.
        fact("p3", "plan_item", "open", TOMORROW, current=False, goal="ج"),
        fact("p3", "plan_item", "done", TOMORROW, goal="ج"),
    ]
    assert [i.chain for i in open_items(events, TODAY)] == ["p1", "p2", "r1", "v1"]


def test_each_open_item_needs_a_reason_and_the_first_without_one_is_named() -> None:
    items = open_items(
        [
            fact("p1", "plan_item", "open", TOMORROW, goal="سكن"),
            fact("r1", "referral", "sent", None, agency="legal_aid"),
        ],
        TODAY,
    )
    for given in ({}, {"p1": "سبب"}, {"p1": "سبب", "r1": "   "}, {"r1": "سبب"}):
        with pytest.raises(DomainError) as caught:
            check_closure(items, given)
        missing = "r1" if "p1" in given else "p1"
        assert caught.value.code is ErrorCode.CLOSURE_ITEM_OPEN
        assert caught.value.field == item_field(missing)
        assert caught.value.params["item"] == ("سكن" if missing == "p1" else "legal_aid")
    kept = check_closure(items, {"p1": " سبب أول ", "r1": "سبب ثان", "gone": "بند أُنجز"})
    assert kept == {"p1": "سبب أول", "r1": "سبب ثان"}  # a resolved item's reason is dropped
    assert check_closure([], {}) == {}


def test_a_reason_is_checked_like_any_text() -> None:
    (item,) = open_items([fact("p1", "plan_item", "open", TOMORROW, goal="سكن")], TODAY)
    with pytest.raises(DomainError) as caught:
        check_closure([item], {"p1": "سبب\x00"})
    assert caught.value.code is ErrorCode.CONTROL_CHARACTER


def test_stages_count_what_was_recorded_since_the_case_was_reopened() -> None:
    assessed = [fact("a", "assessment"), fact("p", "plan_item", "open", TOMORROW)]
    records = stage_records(assessed)
    assert (records.has_assessment, records.has_plan_item) == (True, True)
    reopened = [
        *assessed,
        fact("s1", "status_change", to="pending_closure", **{"from": "follow_up"}),
        fact("s2", "status_change", to="closed", **{"from": "pending_closure"}),
        fact("s3", "status_change", to="assessment", **{"from": "closed"}),
    ]
    records = stage_records(reopened)
    assert (records.has_assessment, records.has_plan_item) == (False, False)
    again = stage_records([*reopened, fact("a2", "assessment")])
    assert (again.has_assessment, again.has_plan_item) == (True, False)


def test_a_cancelled_or_corrected_away_plan_item_plans_nothing() -> None:
    cancelled = [fact("p", "plan_item", "open", current=False), fact("p", "plan_item", "cancelled")]
    assert not stage_records(cancelled).has_plan_item
    done = [fact("p", "plan_item", "open", current=False), fact("p", "plan_item", "done")]
    assert stage_records(done).has_plan_item
