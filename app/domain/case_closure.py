"""Closing a case: what is still open in it (the closure checklist), and what a stage needs
recorded before the case moves on.

Open in a case: a plan item neither done nor cancelled, a referral still "sent" (no answer
from the agency), a visit planned for a day already past with no outcome. A closure request
(and a supervisor's approval or direct closure) must give, for each item still open, a
reason it may stay so; resolving the item (marking it done, cancelled, answered) removes it
from the list. Pure rules over plain facts: the service turns rows into `EventFact`s.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from app.domain.case_events import EventKind, PlanItemState, ReferralState, VisitState
from app.domain.cases import CaseStatus, clean_reason
from app.domain.errors import DomainError, ErrorCode

# The kinds an open item can be, in the order the checklist lists them.
OPEN_KINDS: tuple[EventKind, ...] = (EventKind.PLAN_ITEM, EventKind.REFERRAL, EventKind.VISIT)


def item_field(chain: str) -> str:
    """The field name a refusal about one open item carries (the dialog keys its box so)."""
    return f"open_item.{chain}"


@dataclass(frozen=True, slots=True)
class EventFact:
    """One event as the closure and stage rules read it. `chain` is the id of the first
    event of its correction chain (stable across corrections); `current` is False for an
    event a later correction replaced."""

    chain: str
    kind: str
    state: str | None
    due_on: date | None
    current: bool = True
    payload: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class OpenItem:
    """Something still open in a case: which chain, what kind, a title a person knows it by
    (the plan item's goal, the referral's agency code, the visit's place code)."""

    chain: str
    kind: EventKind
    title: str
    due_on: date | None
    state: str


def _is_open(fact: EventFact, today: date) -> bool:
    if fact.kind == EventKind.PLAN_ITEM:
        return fact.state == PlanItemState.OPEN
    if fact.kind == EventKind.REFERRAL:
        return fact.state == ReferralState.SENT
    if fact.kind == EventKind.VISIT:
        return fact.state == VisitState.PLANNED and fact.due_on is not None and fact.due_on < today
    return False


_TITLE_KEY = {EventKind.PLAN_ITEM: "goal", EventKind.REFERRAL: "agency", EventKind.VISIT: "place"}


def open_items(events: Sequence[EventFact], today: date) -> list[OpenItem]:
    """The closure checklist: each open item once (its current version), plan items first,
    then referrals, then overdue visits, each group by due date."""
    out = [
        OpenItem(
            e.chain,
            EventKind(e.kind),
            str(e.payload.get(_TITLE_KEY[EventKind(e.kind)]) or ""),
            e.due_on,
            str(e.state),
        )
        for e in events
        if e.current and _is_open(e, today)
    ]
    return sorted(out, key=lambda i: (OPEN_KINDS.index(i.kind), i.due_on or date.max, i.chain))


def check_closure(
    items: Sequence[OpenItem],
    reasons: Mapping[str, str],
    name_of: Callable[[OpenItem], str] = lambda i: i.title,
) -> dict[str, str]:
    """The cleaned reason of every open item (by chain), in checklist order; raises
    CLOSURE_ITEM_OPEN naming the first item that has none (`item`: `name_of` it; reasons
    for items no longer open are dropped: those were resolved)."""
    out: dict[str, str] = {}
    for item in items:
        name = item_field(item.chain)
        text = clean_reason(reasons.get(item.chain, ""), name)
        if not text:
            raise DomainError(
                ErrorCode.CLOSURE_ITEM_OPEN, field=name, item=name_of(item), kind=item.kind.value
            )
        out[item.chain] = text
    return out


@dataclass(frozen=True, slots=True)
class StageRecords:
    """What has been recorded since the case was opened or last reopened."""

    has_assessment: bool
    has_plan_item: bool


def stage_records(events: Sequence[EventFact]) -> StageRecords:
    """An assessment, a plan item (not cancelled) recorded since the case was last opened:
    a reopened case needs a new assessment before its plan, and a new plan before its
    follow-up; a corrected-away or cancelled plan item plans nothing."""
    start = 0
    for i, e in enumerate(events):
        if e.kind == EventKind.STATUS_CHANGE and e.payload.get("from") == CaseStatus.CLOSED:
            start = i + 1
    since = [e for e in events[start:] if e.current]
    return StageRecords(
        has_assessment=any(e.kind == EventKind.ASSESSMENT for e in since),
        has_plan_item=any(
            e.kind == EventKind.PLAN_ITEM and e.state != PlanItemState.CANCELLED for e in since
        ),
    )
