"""The closure checklist of a case, read from its events: what is still open, and the reasons
the closure request gave for each (kept in the request's stage-change event, so they travel in
sync with it and print with the case). The rules are app.domain.case_closure's."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from app.domain.case_closure import EventFact, OpenItem, open_items
from app.domain.case_events import EventKind
from app.domain.cases import CaseStatus
from app.services.case_dto import CaseEventView, CaseView, OpenItemView

# The stage-change payload key holding the checklist of a closure (request or closing).
PAYLOAD_KEY = "open_items"


def facts_of_views(events: Sequence[CaseEventView]) -> list[EventFact]:
    return [
        EventFact(
            chain=e.amends_id or e.id,
            kind=e.kind,
            state=e.state,
            due_on=e.due_on,
            current=not e.superseded,
            payload=e.payload,
        )
        for e in events
    ]


def requested_reasons(events: Sequence[EventFact]) -> dict[str, str]:
    """The reasons of the case's latest closure request, by item chain ({} if none)."""
    for e in reversed(events):
        if e.kind == EventKind.STATUS_CHANGE:
            if e.payload.get("to") != CaseStatus.PENDING_CLOSURE:
                return {}
            listed = e.payload.get(PAYLOAD_KEY)
            if not isinstance(listed, list):
                return {}
            return {
                str(i.get("event")): str(i.get("reason") or "")
                for i in listed
                if isinstance(i, dict)
            }
    return {}


def item_views(items: Sequence[OpenItem], reasons: Mapping[str, str]) -> list[OpenItemView]:
    return [
        OpenItemView(i.chain, i.kind.value, i.title, i.due_on, i.state, reasons.get(i.chain, ""))
        for i in items
    ]


def checklist(view: CaseView, today: date) -> list[OpenItemView]:
    """What is open in `view` now; while a closure waits for approval, each with the reason
    the request gave (an item opened since has none)."""
    facts = facts_of_views(view.events)
    reasons = requested_reasons(facts) if view.status == CaseStatus.PENDING_CLOSURE else {}
    return item_views(open_items(facts, today), reasons)


def payload_items(items: Sequence[OpenItem], reasons: Mapping[str, str]) -> list[object]:
    """The checklist as stored in the stage-change event: enough to read it without the
    items themselves (a printed file, another branch)."""
    return [
        {
            "event": i.chain,
            "kind": i.kind.value,
            "title": i.title,
            "due_on": i.due_on.isoformat() if i.due_on else None,
            "reason": reasons[i.chain],
        }
        for i in items
    ]
