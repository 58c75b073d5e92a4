"""Case events: what each kind holds and the checks on it (append-only; corrections amend).

An event is a kind plus a small payload of plain values. `validate_event` cleans a draft
payload and raises `ValidationFailed` naming every bad field; nothing is stored by this module.
A correction is a new event of the same kind whose `amends` points at the first event of the
chain; the newest event of a chain is the current one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TypeVar

from app.domain.cases import RiskLevel
from app.domain.errors import ErrorCode, FieldError, ValidationFailed
from app.domain.field_checks import INT32_MAX, control_character

E = TypeVar("E", bound=StrEnum)
MAX_TEXT = 4000
MAX_SHORT = 200


class EventKind(StrEnum):
    ASSESSMENT = "assessment"
    PLAN_ITEM = "plan_item"
    VISIT = "visit"
    NOTE = "note"
    REFERRAL = "referral"
    COURT_REPORT = "court_report"
    DOCUMENT = "document"
    # Written by the service itself, never drafted by a user:
    STATUS_CHANGE = "status_change"
    ASSIGNMENT = "assignment"
    TRANSFER_REQUEST = "transfer_request"


USER_KINDS = frozenset(
    {
        EventKind.ASSESSMENT,
        EventKind.PLAN_ITEM,
        EventKind.VISIT,
        EventKind.NOTE,
        EventKind.REFERRAL,
        EventKind.COURT_REPORT,
        EventKind.DOCUMENT,
    }
)


class Need(StrEnum):
    INCOME = "income"
    HOUSING = "housing"
    HEALTH = "health"
    EDUCATION = "education"
    LEGAL = "legal"
    PSYCHOSOCIAL = "psychosocial"
    PROTECTION = "protection"
    DOCUMENTS = "documents"
    EMPLOYMENT = "employment"
    FAMILY_CONTACT = "family_contact"
    OTHER = "other"


class PlanItemState(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class VisitState(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    MISSED = "missed"
    CANCELLED = "cancelled"


class VisitPlace(StrEnum):
    HOME = "home"
    OFFICE = "office"
    INSTITUTION = "institution"
    COURT = "court"
    SCHOOL = "school"
    OTHER = "other"


class ReferralState(StrEnum):
    SENT = "sent"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    DONE = "done"


@dataclass(frozen=True, slots=True)
class CleanEvent:
    """A validated event: the payload to store, and the columns work lists query."""

    kind: EventKind
    payload: dict[str, object]
    due_on: date | None
    state: str | None
    confidential: bool


class _Checker:
    def __init__(self, raw: Mapping[str, object]) -> None:
        self.raw = raw
        self.errors: list[FieldError] = []
        self.out: dict[str, object] = {}

    def text(
        self, name: str, *, required: bool = False, limit: int = MAX_TEXT, multiline: bool = True
    ) -> str:
        """A text of the payload: `multiline` ones keep line breaks and tabs, one-line ones
        (names, titles, numbers) refuse them; any other control character is refused."""
        value = self.raw.get(name)
        text = "" if value is None else str(value).strip()
        bad = control_character(text, multiline=multiline)
        if bad is not None:
            self.errors.append(FieldError(name, ErrorCode.CONTROL_CHARACTER, {"char": bad}))
        elif required and not text:
            self.errors.append(FieldError(name, ErrorCode.REQUIRED))
        elif len(text) > limit:
            self.errors.append(FieldError(name, ErrorCode.TEXT_TOO_LONG, {"max": str(limit)}))
        self.out[name] = text
        return text

    def line(self, name: str, *, required: bool = False, limit: int = MAX_SHORT) -> str:
        return self.text(name, required=required, limit=limit, multiline=False)

    def choice(
        self, name: str, enum: type[E], *, required: bool = True, default: E | None = None
    ) -> E | None:
        value = self.raw.get(name)
        if value in (None, ""):
            if default is not None:
                self.out[name] = default.value
                return default
            if required:
                self.errors.append(FieldError(name, ErrorCode.REQUIRED))
            self.out[name] = None
            return None
        try:
            member = enum(str(value))
        except ValueError:
            self.errors.append(FieldError(name, ErrorCode.INVALID_CHOICE))
            return None
        self.out[name] = member.value
        return member

    def day(self, name: str, *, required: bool = False) -> date | None:
        value = self.raw.get(name)
        if value in (None, ""):
            if required:
                self.errors.append(FieldError(name, ErrorCode.REQUIRED))
            self.out[name] = None
            return None
        if isinstance(value, date):
            parsed: date | None = value
        else:
            try:
                parsed = date.fromisoformat(str(value))
            except ValueError:
                parsed = None
        if parsed is None:
            self.errors.append(FieldError(name, ErrorCode.DATE_FORMAT))
            return None
        self.out[name] = parsed.isoformat()
        return parsed

    def flag(self, name: str) -> bool:
        value = bool(self.raw.get(name))
        self.out[name] = value
        return value


def _assessment(c: _Checker, _today: date) -> tuple[date | None, str | None, bool]:
    needs = c.raw.get("needs") or []
    if not isinstance(needs, list | tuple) or not needs:
        c.errors.append(FieldError("needs", ErrorCode.REQUIRED))
    else:
        try:
            c.out["needs"] = sorted({Need(str(n)).value for n in needs})
        except ValueError:
            c.errors.append(FieldError("needs", ErrorCode.INVALID_CHOICE))
    c.choice("risk_level", RiskLevel)
    c.text("risks")
    c.text("summary", required=True)
    return None, None, False


def _plan_item(c: _Checker, _today: date) -> tuple[date | None, str | None, bool]:
    c.line("goal", required=True)
    c.text("action", required=True)
    c.line("owner", required=True)
    due = c.day("due_on", required=True)
    state = c.choice("state", PlanItemState, default=PlanItemState.OPEN)
    return due, state.value if state else None, False


def _visit(c: _Checker, today: date) -> tuple[date | None, str | None, bool]:
    due = c.day("due_on", required=True)
    c.choice("place", VisitPlace)
    c.line("place_detail")
    state = c.choice("state", VisitState, default=VisitState.PLANNED)
    done_on = c.day("done_on", required=state == VisitState.DONE)
    outcome = c.text("outcome", required=state == VisitState.DONE)
    if done_on is not None and done_on > today:
        c.errors.append(FieldError("done_on", ErrorCode.DATE_IN_FUTURE))
    del outcome
    return due, state.value if state else None, False


def _note(c: _Checker, _today: date) -> tuple[date | None, str | None, bool]:
    c.text("text", required=True)
    return None, None, c.flag("confidential")


def _referral(c: _Checker, _today: date) -> tuple[date | None, str | None, bool]:
    c.line("agency", required=True, limit=40)
    c.text("reason", required=True)
    state = c.choice("state", ReferralState, default=ReferralState.SENT)
    c.text("response")
    due = c.day("reply_due_on")
    return due, state.value if state else None, False


def _court_report(c: _Checker, _today: date) -> tuple[date | None, str | None, bool]:
    c.line("court", required=True)
    c.line("court_file_number", required=True, limit=60)
    c.day("hearing_on")
    c.text("family_background", required=True)
    c.text("social_situation", required=True)
    c.text("recommendations", required=True)
    return None, None, True


def _document(c: _Checker, _today: date) -> tuple[date | None, str | None, bool]:
    c.line("title", required=True)
    c.line("sha256", required=True, limit=64)
    c.line("filename", required=True)
    c.line("mime", required=True, limit=60)
    size = c.raw.get("size")
    size = size if isinstance(size, int) and not isinstance(size, bool) else 0
    if not 0 <= size <= INT32_MAX:
        c.errors.append(FieldError("size", ErrorCode.NUMBER_FORMAT))
    c.out["size"] = size
    return None, None, c.flag("confidential")


_RULES: dict[EventKind, Callable[[_Checker, date], tuple[date | None, str | None, bool]]] = {
    EventKind.ASSESSMENT: _assessment,
    EventKind.PLAN_ITEM: _plan_item,
    EventKind.VISIT: _visit,
    EventKind.NOTE: _note,
    EventKind.REFERRAL: _referral,
    EventKind.COURT_REPORT: _court_report,
    EventKind.DOCUMENT: _document,
}


def validate_event(kind: EventKind, raw: Mapping[str, object], today: date) -> CleanEvent:
    """Clean a user's draft of a `kind` event; raises ValidationFailed listing every problem."""
    if kind not in _RULES:
        raise ValidationFailed([FieldError("kind", ErrorCode.INVALID_CHOICE)])
    checker = _Checker(raw)
    due, state, confidential = _RULES[kind](checker, today)
    if checker.errors:
        raise ValidationFailed(checker.errors)
    return CleanEvent(kind, checker.out, due, state, confidential)


# States in which an event still asks for action by its due date.
PENDING_STATES = frozenset(
    {PlanItemState.OPEN.value, VisitState.PLANNED.value, ReferralState.SENT.value}
)
