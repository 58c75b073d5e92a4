"""Social cases: statuses and the workflow between them, case numbers, closure reasons.

Pure rules, no storage: the service gathers the facts about a case (has it an assessment? a
plan item?) and asks `check_transition` whether a move is allowed; a refusal is a coded
`DomainError` the UI shows in Arabic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from app.domain.errors import DomainError, ErrorCode
from app.domain.field_checks import clean_lines

# A case's summary, and the reason given for a move or a transfer: multi-line texts, as long
# as an event's (app.domain.case_events.MAX_TEXT).
SUMMARY_MAX_LENGTH = 4000
REASON_MAX_LENGTH = 4000


class CaseStatus(StrEnum):
    NEW = "new"
    ASSESSMENT = "assessment"
    PLAN = "plan"
    FOLLOW_UP = "follow_up"
    PENDING_CLOSURE = "pending_closure"
    CLOSED = "closed"


OPEN_STATUSES = frozenset(
    {CaseStatus.NEW, CaseStatus.ASSESSMENT, CaseStatus.PLAN, CaseStatus.FOLLOW_UP}
)
# The order a case normally moves through; lists sort by it.
STATUS_ORDER: tuple[CaseStatus, ...] = tuple(CaseStatus)


class CaseTypeCode(StrEnum):
    JUVENILE = "juvenile"
    PRISONER_FAMILY = "prisoner_family"
    INMATE_REHABILITATION = "inmate_rehabilitation"
    DISPLACED = "displaced"
    DISABILITY = "disability"
    WOMEN_PROTECTION = "women_protection"
    CHILD_PROTECTION = "child_protection"
    ELDERLY = "elderly"
    OTHER = "other"


class ClosureReason(StrEnum):
    GOALS_ACHIEVED = "goals_achieved"
    REFERRED = "referred"
    MOVED_AWAY = "moved_away"
    DECLINED = "declined"
    NOT_ELIGIBLE = "not_eligible"
    DECEASED = "deceased"
    OPENED_IN_ERROR = "opened_in_error"
    OTHER = "other"


class RiskLevel(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What the workflow needs to know about a case to judge a move."""

    status: CaseStatus
    has_assessment: bool
    has_plan_item: bool


@dataclass(frozen=True, slots=True)
class Move:
    """A requested change of status, with who asks and why."""

    target: CaseStatus
    by_supervisor: bool = False
    reason: str = ""
    closure_reason: ClosureReason | None = None


# target → the statuses it may be reached from (by anyone allowed to edit the case).
_ALLOWED: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.ASSESSMENT: frozenset({CaseStatus.NEW, CaseStatus.CLOSED}),
    CaseStatus.PLAN: frozenset({CaseStatus.ASSESSMENT, CaseStatus.FOLLOW_UP}),
    CaseStatus.FOLLOW_UP: frozenset({CaseStatus.PLAN, CaseStatus.PENDING_CLOSURE}),
    CaseStatus.PENDING_CLOSURE: OPEN_STATUSES,
    CaseStatus.CLOSED: OPEN_STATUSES | {CaseStatus.PENDING_CLOSURE},
    CaseStatus.NEW: frozenset(),
}
# A refused closure request goes back to where the case was; the service passes that status.
_BACK_FROM_PENDING = OPEN_STATUSES


def check_transition(facts: CaseFacts, move: Move) -> None:
    """Raise a coded DomainError unless `move` is allowed for a case with `facts`."""
    current, target = facts.status, move.target
    reason = clean_reason(move.reason)
    if current == target:
        raise DomainError(ErrorCode.CASE_TRANSITION, current=current, target=target)
    if current == CaseStatus.PENDING_CLOSURE and target in _BACK_FROM_PENDING:
        # The supervisor refuses the closure: the case goes back, and the worker is told why.
        if not move.by_supervisor:
            raise DomainError(ErrorCode.SUPERVISOR_ONLY, current=current, target=target)
        if not reason:
            raise DomainError(ErrorCode.REQUIRED, field="reason")
        return
    if current not in _ALLOWED[target]:
        raise DomainError(ErrorCode.CASE_TRANSITION, current=current, target=target)
    if target == CaseStatus.PLAN and not facts.has_assessment:
        raise DomainError(ErrorCode.CASE_NEEDS_ASSESSMENT)
    if target == CaseStatus.FOLLOW_UP and not facts.has_plan_item:
        raise DomainError(ErrorCode.CASE_NEEDS_PLAN)
    if target == CaseStatus.ASSESSMENT and current == CaseStatus.CLOSED and not reason:
        raise DomainError(ErrorCode.REQUIRED, field="reason")  # reopening needs a reason
    if target in (CaseStatus.PENDING_CLOSURE, CaseStatus.CLOSED):
        if move.closure_reason is None:
            raise DomainError(ErrorCode.REQUIRED, field="closure_reason")
        if move.closure_reason == ClosureReason.OTHER and not reason:
            raise DomainError(ErrorCode.REQUIRED, field="reason")
        if target == CaseStatus.CLOSED and not move.by_supervisor:
            # A worker asks; a supervisor approves (or closes directly).
            raise DomainError(ErrorCode.SUPERVISOR_ONLY, current=current, target=target)


def clean_reason(raw: str, field: str = "reason") -> str:
    """A reason typed for a move, a closure or a transfer (may be empty: the rules say when
    one is required)."""
    return clean_lines(raw, field, REASON_MAX_LENGTH)


def clean_summary(raw: str, field: str = "summary") -> str:
    return clean_lines(raw, field, SUMMARY_MAX_LENGTH)


def next_statuses(facts: CaseFacts, *, by_supervisor: bool) -> list[CaseStatus]:
    """The statuses the case may move to now, for the UI's buttons (reasons assumed given)."""
    out: list[CaseStatus] = []
    for target in STATUS_ORDER:
        move = Move(target, by_supervisor, "reason", ClosureReason.GOALS_ACHIEVED)
        try:
            check_transition(facts, move)
        except DomainError:
            continue
        out.append(target)
    return out


# ---------------------------------------------------------------------------- case numbers

_CASE_NUMBER = re.compile(r"^([A-Z0-9]{2,12})-(\d{4})-(\d{1,6})$")


def format_case_number(branch_code: str, year: int, seq: int) -> str:
    """`<branch>-<year>-<seq>`, e.g. TRP01-2026-00042 (five digits, more if a year needs)."""
    return f"{branch_code}-{year:04d}-{seq:05d}"


def parse_case_number(text: str) -> tuple[str, int, int]:
    """(branch, year, seq) of a case number typed by a user; raises CASE_NUMBER_FORMAT."""
    match = _CASE_NUMBER.match((text or "").strip().upper())
    if match is None:
        raise DomainError(ErrorCode.CASE_NUMBER_FORMAT, field="number")
    return match.group(1), int(match.group(2)), int(match.group(3))
