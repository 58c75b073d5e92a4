"""What no stored value may be, in a case (app.domain.case_events, case_types, cases) and an
account: every text of every event refuses NUL and ESC, and line breaks where it is one line;
case type fields by their kind; move reasons, summaries, break-glass reasons and display names
storable.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.domain.accounts import DISPLAY_NAME_MAX_LENGTH, clean_display_name
from app.domain.case_access import clean_glass_reason
from app.domain.case_events import EventKind, validate_event
from app.domain.case_types import FieldSpec, clean_extra
from app.domain.cases import (
    REASON_MAX_LENGTH,
    CaseFacts,
    CaseStatus,
    ClosureReason,
    Move,
    check_transition,
    clean_summary,
)
from app.domain.errors import DomainError, ErrorCode, FieldError, ValidationFailed
from tests.domain.control_chars import (
    ESC,
    LINE_BREAKS,
    NUL,
    TODAY,
    char_params,
    inside,
)
from tests.domain.test_case_events import GOOD as GOOD_EVENTS

# -- case events, case type fields, reasons ----------------------------------------------------

ONE_LINE = {
    "goal",
    "owner",
    "place_detail",
    "agency",
    "court",
    "court_file_number",
    "title",
    "sha256",
    "filename",
    "mime",
}
OPTIONAL_TEXTS = {
    EventKind.ASSESSMENT: {"risks": "لا شيء"},
    EventKind.VISIT: {"place_detail": "المنزل", "outcome": "تمت"},
    EventKind.REFERRAL: {"response": "قبلت"},
}
EVENT_TEXTS = [
    (kind, name)
    for kind, good in GOOD_EVENTS.items()
    for name, value in {**good, **OPTIONAL_TEXTS.get(kind, {})}.items()
    if isinstance(value, str) and name not in ("due_on", "place", "risk_level")
]


def test_every_event_text_is_listed() -> None:
    assert {name for _, name in EVENT_TEXTS} == ONE_LINE | {
        "summary",
        "risks",
        "action",
        "outcome",
        "text",
        "reason",
        "response",
        "family_background",
        "social_situation",
        "recommendations",
    }


@pytest.mark.parametrize(("kind", "name"), EVENT_TEXTS)
def test_every_event_text_refuses_nul_and_esc_and_breaks_where_one_line(
    kind: EventKind, name: str
) -> None:
    good = {**GOOD_EVENTS[kind], **OPTIONAL_TEXTS.get(kind, {})}
    value = str(good[name])
    for ch in (NUL, ESC, "\x7f", *LINE_BREAKS):
        draft = {**good, name: inside(value, ch)}
        if ch in LINE_BREAKS and name not in ONE_LINE:
            assert validate_event(kind, draft, TODAY).payload[name] == draft[name]
            continue
        with pytest.raises(ValidationFailed) as caught:
            validate_event(kind, draft, TODAY)
        assert caught.value.errors == [
            FieldError(name, ErrorCode.CONTROL_CHARACTER, char_params(ch))
        ]


def test_a_document_size_must_fit() -> None:
    good = GOOD_EVENTS[EventKind.DOCUMENT]
    for size in (-1, 2**31):
        with pytest.raises(ValidationFailed) as caught:
            validate_event(EventKind.DOCUMENT, {**good, "size": size}, TODAY)
        assert [(e.field, e.code) for e in caught.value.errors] == [
            ("size", ErrorCode.NUMBER_FORMAT)
        ]


def test_case_type_fields_text_is_one_line_textarea_several() -> None:
    specs = [
        FieldSpec("court", "المحكمة", "Court", "text"),
        FieldSpec("story", "القصة", "Story", "textarea"),
    ]
    assert clean_extra(specs, {"court": " محكمة ", "story": "سطر\nسطر"}) == {
        "court": "محكمة",
        "story": "سطر\nسطر",
    }
    with pytest.raises(ValidationFailed) as caught:
        clean_extra(specs, {"court": "محكمة\nالأحداث", "story": "سطر\x1b[2Jسطر"})
    assert caught.value.errors == [
        FieldError("extra.court", ErrorCode.CONTROL_CHARACTER, char_params("\n")),
        FieldError("extra.story", ErrorCode.CONTROL_CHARACTER, char_params(ESC)),
    ]


@pytest.mark.parametrize(
    ("reason", "code"),
    [
        ("انتقلت\x00الأسرة", ErrorCode.CONTROL_CHARACTER),
        ("انتقلت \x1b[31mالأسرة", ErrorCode.CONTROL_CHARACTER),
        ("ا" * (REASON_MAX_LENGTH + 1), ErrorCode.TEXT_TOO_LONG),
    ],
)
def test_a_move_reason_is_storable(reason: str, code: ErrorCode) -> None:
    facts = CaseFacts(CaseStatus.FOLLOW_UP, has_assessment=True, has_plan_item=True)
    move = Move(CaseStatus.PENDING_CLOSURE, False, reason, ClosureReason.OTHER)
    with pytest.raises(DomainError) as caught:
        check_transition(facts, move)
    assert (caught.value.code, caught.value.field) == (code, "reason")
    check_transition(facts, replace(move, reason="انتقلت الأسرة\nإلى مدينة أخرى"))


def test_summary_and_break_glass_reason_are_storable() -> None:
    assert clean_summary(" متابعة\nأسرة ") == "متابعة\nأسرة"
    assert clean_glass_reason(" مراجعة\nبطلب المشرفة ") == "مراجعة\nبطلب المشرفة"
    for call, raw in (
        (clean_summary, "متابعة\x00"),
        (clean_glass_reason, "مراجعة بطلب\x1b المشرفة"),
    ):
        with pytest.raises(DomainError) as caught:
            call(raw)
        assert caught.value.code is ErrorCode.CONTROL_CHARACTER
    with pytest.raises(DomainError) as caught:
        clean_glass_reason("قصير")
    assert (caught.value.code, caught.value.field) == (ErrorCode.REQUIRED, "reason")


def test_display_names_are_one_storable_line() -> None:
    assert clean_display_name("  ", "worker3") == "worker3"
    assert clean_display_name(" سالم علي ", "worker3") == "سالم علي"
    for raw, code in (
        ("سالم\x1b[31m", ErrorCode.CONTROL_CHARACTER),
        ("سالم\nعلي", ErrorCode.CONTROL_CHARACTER),
        ("س" * (DISPLAY_NAME_MAX_LENGTH + 1), ErrorCode.TEXT_TOO_LONG),
    ):
        with pytest.raises(DomainError) as caught:
            clean_display_name(raw, "worker3")
        assert (caught.value.code, caught.value.field) == (code, "display_name")
