"""Plain results of the case services (never ORM rows): lists, one case, its events."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from app.domain.case_access import Access


@dataclass(frozen=True, slots=True)
class CaseDraft:
    """What a worker fills in to open a case."""

    beneficiary_id: str
    type_code: str
    summary: str = ""
    household_id: str | None = None
    sensitive: bool = False  # a case of a sensitive type is sensitive whatever this says
    extra: dict[str, object] = field(default_factory=dict)
    assign_to: str | None = None  # supervisors may open a case for another worker


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """One line of a case list; `person_name` is masked when the reader may not see it."""

    id: str
    number: str
    type_code: str
    status: str
    sensitive: bool
    person_name: str
    masked: bool
    assigned_to: str | None
    assigned_name: str
    opened_on: date
    next_due_on: date | None
    last_visit_on: date | None
    risk_level: str | None
    transfer_to: str | None = None


@dataclass(frozen=True, slots=True)
class CaseEventView:
    id: str
    kind: str
    occurred_on: date
    due_on: date | None
    state: str | None
    confidential: bool
    hidden: bool  # confidential and the reader may not see its content: payload is empty
    payload: dict[str, object]
    amends_id: str | None
    superseded: bool  # a later correction replaced it
    author: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class CaseView:
    id: str
    number: str
    type_code: str
    status: str
    sensitive: bool
    beneficiary_id: str
    person_name: str
    national_number: str | None
    household_id: str | None
    assigned_to: str | None
    assigned_name: str
    opened_on: date
    closed_on: date | None
    closure_reason: str | None
    closure_note: str
    risk_level: str | None
    summary: str
    extra: dict[str, object]
    next_due_on: date | None
    last_visit_on: date | None
    transfer_to: str | None
    origin_branch: str
    row_version: int
    access: Access
    next_statuses: tuple[str, ...]
    events: tuple[CaseEventView, ...]
    person_number: str = ""  # the person's readable number (TRP01-P-000123)

    def current_events(self, kind: str | None = None) -> list[CaseEventView]:
        return [e for e in self.events if not e.superseded and (kind is None or e.kind == kind)]


@dataclass(frozen=True, slots=True)
class OpenItemView:
    """One line of a case's closure checklist: an item still open (a plan item not done, a
    referral with no answer, a visit past its day with no outcome) and the reason given for
    closing with it open ("" while none is). `chain` identifies the item across corrections;
    `title` is the plan item's goal, the referral's agency code or the visit's place code."""

    chain: str
    kind: str
    title: str
    due_on: date | None
    state: str
    reason: str = ""
