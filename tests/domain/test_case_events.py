"""Case events (app.domain.case_events): what each kind requires, its choices, its dates.

Each kind has a minimal valid draft (GOOD) and the fields it cannot do without (REQUIRED);
every required field left out, blank or spaces is named, all at once; bad choices, bad dates
and a visit "done" in the future are refused; a valid draft comes back cleaned with the
columns the work lists query (due date, state, confidential).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.domain.case_events import (
    MAX_SHORT,
    MAX_TEXT,
    PENDING_STATES,
    USER_KINDS,
    EventKind,
    validate_event,
)
from app.domain.errors import ErrorCode, ValidationFailed

TODAY = date(2026, 11, 22)
SHA = "ab" * 32

GOOD: dict[EventKind, dict[str, object]] = {
    EventKind.ASSESSMENT: {"needs": ["legal"], "risk_level": "high", "summary": "تقييم أولي"},
    EventKind.PLAN_ITEM: {
        "goal": "دخل ثابت",
        "action": "إحالة إلى صندوق الضمان",
        "owner": "الأخصائية",
        "due_on": "2026-12-01",
    },
    EventKind.VISIT: {"due_on": "2026-11-30", "place": "home"},
    EventKind.NOTE: {"text": "اتصلت الأم"},
    EventKind.REFERRAL: {"agency": "legal_aid", "reason": "يحتاج محامياً"},
    EventKind.COURT_REPORT: {
        "court": "محكمة الأحداث",
        "court_file_number": "12/2026",
        "family_background": "أسرة من خمسة أفراد",
        "social_situation": "دخل محدود",
        "recommendations": "متابعة شهرية",
    },
    EventKind.DOCUMENT: {
        "title": "شهادة ميلاد",
        "sha256": SHA,
        "filename": "birth.pdf",
        "mime": "application/pdf",
        "size": 1234,
    },
}
REQUIRED: dict[EventKind, tuple[str, ...]] = {
    EventKind.ASSESSMENT: ("needs", "risk_level", "summary"),
    EventKind.PLAN_ITEM: ("goal", "action", "owner", "due_on"),
    EventKind.VISIT: ("due_on", "place"),
    EventKind.NOTE: ("text",),
    EventKind.REFERRAL: ("agency", "reason"),
    EventKind.COURT_REPORT: (
        "court",
        "court_file_number",
        "family_background",
        "social_situation",
        "recommendations",
    ),
    EventKind.DOCUMENT: ("title", "sha256", "filename", "mime"),
}
# (kind, date field) pairs: every date an event can hold.
DATES = [
    (EventKind.PLAN_ITEM, "due_on"),
    (EventKind.VISIT, "due_on"),
    (EventKind.VISIT, "done_on"),
    (EventKind.REFERRAL, "reply_due_on"),
    (EventKind.COURT_REPORT, "hearing_on"),
]


def refused(kind: EventKind, raw: dict[str, object]) -> dict[str, ErrorCode]:
    """The fields the draft is refused for, with their codes (one each)."""
    with pytest.raises(ValidationFailed) as caught:
        validate_event(kind, raw, TODAY)
    out: dict[str, ErrorCode] = {}
    for error in caught.value.errors:
        assert error.field not in out, f"{error.field} named twice"
        out[error.field] = error.code
    return out


def test_every_user_kind_has_a_rule_and_a_good_draft() -> None:
    assert set(GOOD) == set(REQUIRED) == set(USER_KINDS)


@pytest.mark.parametrize(
    ("kind", "due", "state", "confidential"),
    [
        (EventKind.ASSESSMENT, None, None, False),
        (EventKind.PLAN_ITEM, date(2026, 12, 1), "open", False),
        (EventKind.VISIT, date(2026, 11, 30), "planned", False),
        (EventKind.NOTE, None, None, False),
        (EventKind.REFERRAL, None, "sent", False),
        (EventKind.COURT_REPORT, None, None, True),  # a court report is always confidential
        (EventKind.DOCUMENT, None, None, False),
    ],
)
def test_a_good_draft_is_cleaned_with_its_work_list_columns(
    kind: EventKind, due: date | None, state: str | None, confidential: bool
) -> None:
    clean = validate_event(kind, GOOD[kind], TODAY)
    assert (clean.kind, clean.due_on, clean.state, clean.confidential) == (
        kind,
        due,
        state,
        confidential,
    )
    for name, value in GOOD[kind].items():
        expected = sorted(value) if isinstance(value, list) else value
        assert clean.payload[name] == expected, name
    assert (state in PENDING_STATES) == (state is not None)  # new items await action


@pytest.mark.parametrize(("kind", "name"), [(k, n) for k, names in REQUIRED.items() for n in names])
@pytest.mark.parametrize("blank", ["missing", None, "", "   "])
def test_each_required_field_is_named_when_left_out(
    kind: EventKind, name: str, blank: str | None
) -> None:
    raw = dict(GOOD[kind])
    if blank == "missing":
        del raw[name]
    else:
        raw[name] = blank
    if name == "needs" and blank == "   ":
        raw[name] = []  # an empty list is a list left blank
    problems = refused(kind, raw)
    assert list(problems) == [name]
    if blank == "   " and name in ("risk_level", "place", "due_on"):
        # Spaces are no answer: for a choice or a date, not one of them.
        expected = ErrorCode.DATE_FORMAT if name == "due_on" else ErrorCode.INVALID_CHOICE
        assert problems[name] == expected
    else:
        assert problems[name] == ErrorCode.REQUIRED


@pytest.mark.parametrize("kind", sorted(USER_KINDS))
def test_an_empty_draft_names_every_required_field_at_once(kind: EventKind) -> None:
    assert refused(kind, {}) == dict.fromkeys(REQUIRED[kind], ErrorCode.REQUIRED)


@pytest.mark.parametrize(
    ("kind", "name", "value"),
    [
        (EventKind.ASSESSMENT, "needs", ["legal", "flying"]),
        (EventKind.ASSESSMENT, "needs", "legal"),  # a list, not a word
        (EventKind.ASSESSMENT, "risk_level", "extreme"),
        (EventKind.PLAN_ITEM, "state", "finished"),
        (EventKind.VISIT, "place", "moon"),
        (EventKind.VISIT, "state", "postponed"),
        (EventKind.REFERRAL, "state", "lost"),
    ],
)
def test_a_bad_choice_is_refused(kind: EventKind, name: str, value: object) -> None:
    code = ErrorCode.REQUIRED if value == "legal" else ErrorCode.INVALID_CHOICE
    assert refused(kind, {**GOOD[kind], name: value}) == {name: code}


@pytest.mark.parametrize(("kind", "name"), DATES)
@pytest.mark.parametrize("bad", ["2026-13-01", "2026-02-30", "22/11/2026", "غداً", "2026-1-5"])
def test_a_bad_date_is_refused(kind: EventKind, name: str, bad: str) -> None:
    raw = {**GOOD[kind], name: bad}
    if name == "done_on":
        raw.update(state="planned")  # a date given while planned is still checked
    assert refused(kind, raw) == {name: ErrorCode.DATE_FORMAT}


@pytest.mark.parametrize(("kind", "name"), DATES)
def test_dates_are_stored_as_iso_text_from_text_or_date(kind: EventKind, name: str) -> None:
    day = TODAY - timedelta(days=3)
    for value in (day, day.isoformat()):
        raw = {**GOOD[kind], name: value}
        if name == "done_on":
            raw.update(state="done", outcome="تمت")
        assert validate_event(kind, raw, TODAY).payload[name] == day.isoformat()


def test_a_visit_done_needs_its_date_and_outcome_and_not_in_the_future() -> None:
    visit = {**GOOD[EventKind.VISIT], "state": "done"}
    assert refused(EventKind.VISIT, visit) == {
        "done_on": ErrorCode.REQUIRED,
        "outcome": ErrorCode.REQUIRED,
    }
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    assert refused(EventKind.VISIT, {**visit, "done_on": tomorrow, "outcome": "تمت"}) == {
        "done_on": ErrorCode.DATE_IN_FUTURE
    }
    done = validate_event(
        EventKind.VISIT, {**visit, "done_on": TODAY.isoformat(), "outcome": "تمت"}, TODAY
    )
    assert (done.state, done.payload["done_on"]) == ("done", TODAY.isoformat())
    assert done.state not in PENDING_STATES


@pytest.mark.parametrize("state", ["planned", "missed", "cancelled"])
def test_a_visit_not_done_needs_no_outcome(state: str) -> None:
    clean = validate_event(EventKind.VISIT, {**GOOD[EventKind.VISIT], "state": state}, TODAY)
    assert clean.state == state and clean.payload["outcome"] == ""


@pytest.mark.parametrize(
    ("kind", "name", "limit"),
    [
        (EventKind.ASSESSMENT, "summary", MAX_TEXT),
        (EventKind.NOTE, "text", MAX_TEXT),
        (EventKind.PLAN_ITEM, "goal", MAX_SHORT),
        (EventKind.PLAN_ITEM, "owner", MAX_SHORT),
        (EventKind.VISIT, "place_detail", MAX_SHORT),
        (EventKind.REFERRAL, "agency", 40),
        (EventKind.COURT_REPORT, "court_file_number", 60),
        (EventKind.DOCUMENT, "sha256", 64),
    ],
)
def test_text_longer_than_its_limit_is_refused(kind: EventKind, name: str, limit: int) -> None:
    at_limit = validate_event(kind, {**GOOD[kind], name: "ن" * limit}, TODAY)
    assert at_limit.payload[name] == "ن" * limit
    with pytest.raises(ValidationFailed) as caught:
        validate_event(kind, {**GOOD[kind], name: "ن" * (limit + 1)}, TODAY)
    (error,) = caught.value.errors
    assert (error.field, error.code, error.params) == (
        name,
        ErrorCode.TEXT_TOO_LONG,
        {"max": str(limit)},
    )


def test_text_is_trimmed_and_needs_are_sorted_once_each() -> None:
    raw = {"needs": ["legal", "income", "legal"], "risk_level": "low", "summary": "  نص  "}
    clean = validate_event(EventKind.ASSESSMENT, raw, TODAY)
    assert clean.payload == {
        "needs": ["income", "legal"],
        "risk_level": "low",
        "risks": "",
        "summary": "نص",
    }


@pytest.mark.parametrize("kind", [EventKind.NOTE, EventKind.DOCUMENT])
def test_notes_and_documents_are_confidential_when_flagged(kind: EventKind) -> None:
    assert validate_event(kind, {**GOOD[kind], "confidential": True}, TODAY).confidential
    assert not validate_event(kind, {**GOOD[kind], "confidential": False}, TODAY).confidential


def test_a_document_size_that_is_not_a_number_is_stored_as_zero() -> None:
    raw = {**GOOD[EventKind.DOCUMENT], "size": "big"}
    assert validate_event(EventKind.DOCUMENT, raw, TODAY).payload["size"] == 0


@pytest.mark.parametrize(
    "kind", [EventKind.STATUS_CHANGE, EventKind.ASSIGNMENT, EventKind.TRANSFER_REQUEST]
)
def test_kinds_the_service_writes_itself_cannot_be_drafted(kind: EventKind) -> None:
    assert refused(kind, {"from": "new", "to": "closed"}) == {"kind": ErrorCode.INVALID_CHOICE}


def test_pending_states_are_the_ones_awaiting_action() -> None:
    assert {"open", "planned", "sent"} == PENDING_STATES
