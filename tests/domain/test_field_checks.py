"""What no stored value may be, refused where it enters (app.domain.field_checks and users).

PostgreSQL at HQ cannot store NUL, an ANSI escape (ESC) would be echoed by a terminal, and a
value over its column's width or an amount of 2**31 dirhams or more is refused by HQ's
database: a branch that stored one would be stuck at its next sync. Every field of every form
(people, households, cases and their events, case type fields, reasons, accounts) refuses
them with a code naming the field. One-line fields refuse tabs and line breaks inside them;
multi-line texts keep those and refuse every other control character.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.domain.accounts import DISPLAY_NAME_MAX_LENGTH, clean_display_name
from app.domain.beneficiary import (
    MAX_MONEY_DIRHAMS,
    BeneficiaryDraft,
    parse_stored_money,
    validate_beneficiary,
)
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
from app.domain.field_checks import (
    INT32_MAX,
    check_whole_number,
    clean_line,
    clean_lines,
    control_character,
)
from app.domain.household import HouseholdDraft, validate_household
from app.domain.people import NAME_MAX_LENGTH, clean_arabic_name
from app.domain.storable import check_people, household_problems, person_problems
from tests.domain.test_case_events import GOOD as GOOD_EVENTS

TODAY = date(2026, 11, 22)
CODES = frozenset({"LY021104", "LY010304"})
NUL, ESC = "\x00", "\x1b"
# Refused in every text, one line or several: C0 controls but tab/LF/CR, DEL, C1 controls.
NEVER = [NUL, ESC, "\x07", "\x08", "\x0b", "\x0c", "\x1f", "\x7f", "\x85", "\x9b"]
# Refused in one-line fields only.
LINE_BREAKS = ["\t", "\n", "\r"]

FULL = BeneficiaryDraft(
    first_name="محمد",
    father_name="علي",
    grandfather_name="سالم",
    family_name="الورفلي",
    mother_name="فاطمة المقريف",
    sex="male",
    birth_date="1985-03-15",
    national_number="119850123456",
    admin_number="A-1234",
    passport_number="P1234567",
    family_booklet_number="556677",
    nationality="LY",
    municipality_code="LY021104",
    address="حي الأندلس، شارع الجمهورية",
    phones=["0912345678"],
    marital_status="married",
    disability_type="physical",
    disability_degree="mild",
    displacement_status="resident",
    monthly_income="1250.500",
    notes="ملاحظة أولى",
)
# Every text a beneficiary form sends; all but the notes are one line.
BENEFICIARY_FIELDS = [
    "first_name",
    "father_name",
    "grandfather_name",
    "family_name",
    "mother_name",
    "sex",
    "birth_date",
    "national_number",
    "admin_number",
    "passport_number",
    "family_booklet_number",
    "nationality",
    "municipality_code",
    "address",
    "phones",
    "marital_status",
    "disability_type",
    "disability_degree",
    "displacement_status",
    "monthly_income",
    "notes",
]


def _char(ch: str) -> dict[str, str]:
    return {"char": f"U+{ord(ch):04X}"}


def _inside(value: str, ch: str) -> str:
    """`ch` inside `value` (never at an end, where white space is trimmed)."""
    return value[:1] + ch + value[1:]


def _with(draft: BeneficiaryDraft, name: str, ch: str) -> BeneficiaryDraft:
    if name == "phones":
        return replace(draft, phones=[_inside(draft.phones[0], ch)])
    return replace(draft, phones=list(draft.phones), **{name: _inside(getattr(draft, name), ch)})


def _refused(draft: BeneficiaryDraft) -> list[FieldError]:
    with pytest.raises(ValidationFailed) as caught:
        validate_beneficiary(draft, TODAY, CODES)
    return caught.value.errors


# -- the shared checks -------------------------------------------------------------------------


@pytest.mark.parametrize("ch", NEVER + LINE_BREAKS)
def test_one_line_refuses_every_control_character_naming_it(ch: str) -> None:
    with pytest.raises(DomainError) as caught:
        clean_line(f"ab{ch}cd", "address", 300)
    err = caught.value
    assert (err.code, err.field, err.params) == (ErrorCode.CONTROL_CHARACTER, "address", _char(ch))


@pytest.mark.parametrize("ch", NEVER)
def test_several_lines_refuse_every_control_character_but_breaks_and_tabs(ch: str) -> None:
    assert clean_lines(" سطر\n\tثان\r\nثالث ", "notes", 100) == "سطر\n\tثان\r\nثالث"
    with pytest.raises(DomainError) as caught:
        clean_lines(f"سطر\n{ch}ثان", "notes", 100)
    assert (caught.value.code, caught.value.params) == (ErrorCode.CONTROL_CHARACTER, _char(ch))


def test_trimmed_then_measured() -> None:
    assert clean_line("\t حي الأندلس \n", "address", 10) == "حي الأندلس"  # 10 characters
    with pytest.raises(DomainError) as caught:
        clean_line("ا" * 11, "address", 10)
    assert (caught.value.code, caught.value.params) == (ErrorCode.TEXT_TOO_LONG, {"max": "10"})
    assert control_character("ok\n", multiline=True) is None
    assert control_character("a\x1b[31mb") == "U+001B"


def test_whole_numbers_fit_an_integer_column() -> None:
    assert check_whole_number(0, "n") == 0 and check_whole_number(INT32_MAX, "n") == INT32_MAX
    assert INT32_MAX == 2**31 - 1
    for value, code in ((-1, ErrorCode.NEGATIVE_AMOUNT), (2**31, ErrorCode.NUMBER_TOO_LARGE)):
        with pytest.raises(DomainError) as caught:
            check_whole_number(value, "n")
        assert (caught.value.code, caught.value.field) == (code, "n")


# -- people ------------------------------------------------------------------------------------


def test_the_full_draft_is_valid() -> None:
    data = validate_beneficiary(FULL, TODAY, CODES)
    assert data.monthly_income_dirhams == 1_250_500 and data.notes == "ملاحظة أولى"


@pytest.mark.parametrize("ch", [NUL, ESC])
@pytest.mark.parametrize("name", BENEFICIARY_FIELDS)
def test_every_beneficiary_field_refuses_nul_and_esc(name: str, ch: str) -> None:
    assert _refused(_with(FULL, name, ch)) == [
        FieldError(name, ErrorCode.CONTROL_CHARACTER, _char(ch))
    ]


@pytest.mark.parametrize("ch", LINE_BREAKS)
@pytest.mark.parametrize("name", [n for n in BENEFICIARY_FIELDS if n != "notes"])
def test_one_line_beneficiary_fields_refuse_tabs_and_line_breaks_inside(name: str, ch: str) -> None:
    assert _refused(_with(FULL, name, ch)) == [
        FieldError(name, ErrorCode.CONTROL_CHARACTER, _char(ch))
    ]


def test_notes_keep_their_lines() -> None:
    notes = "السطر الأول\r\n\tالسطر الثاني"
    assert validate_beneficiary(replace(FULL, notes=notes), TODAY, CODES).notes == notes


def test_a_name_with_a_tab_between_its_parts_is_refused_around_it_trimmed() -> None:
    assert clean_arabic_name("\tعبد الله\n", "first_name") == "عبد الله"
    with pytest.raises(DomainError) as caught:
        clean_arabic_name("عبد\tالله", "first_name")
    assert caught.value.code is ErrorCode.CONTROL_CHARACTER


def test_a_name_whose_matching_key_would_not_fit_is_too_long() -> None:
    # ٵ (U+0675) is two characters in the key (NFKC): 30 of them fill a 60-character key.
    assert clean_arabic_name("ٵ" * (NAME_MAX_LENGTH // 2), "mother_name")
    with pytest.raises(DomainError) as caught:
        clean_arabic_name("ٵ" * (NAME_MAX_LENGTH // 2 + 1), "mother_name")
    assert (caught.value.code, caught.value.params) == (
        ErrorCode.NAME_TOO_LONG,
        {"max": str(NAME_MAX_LENGTH)},
    )


@pytest.mark.parametrize("name", ["first_name", "family_name", "mother_name"])
def test_a_name_over_its_column_is_refused(name: str) -> None:
    long = replace(FULL, phones=list(FULL.phones), **{name: "م" * (NAME_MAX_LENGTH + 1)})
    assert _refused(long) == [
        FieldError(name, ErrorCode.NAME_TOO_LONG, {"max": str(NAME_MAX_LENGTH)})
    ]


def test_an_income_of_two_to_the_31_dirhams_is_refused() -> None:
    assert MAX_MONEY_DIRHAMS == 2**31 - 1
    assert parse_stored_money("2147483.647", "monthly_income") == 2**31 - 1
    for raw in ("2147483.648", "2,147,484", "10000000"):
        refused = _refused(replace(FULL, phones=list(FULL.phones), monthly_income=raw))
        assert refused == [
            FieldError("monthly_income", ErrorCode.NUMBER_TOO_LARGE, {"max": "2147483.647"})
        ]


# -- households --------------------------------------------------------------------------------

HOUSEHOLD = HouseholdDraft(
    head_id="0190a0b0-0000-7000-8000-000000000001",
    municipality_code="LY021104",
    address="حي الأندلس",
    housing_type="rented",
    monthly_income="900",
    notes="أسرة من خمسة أفراد",
)


@pytest.mark.parametrize("ch", [NUL, ESC, "\n"])
@pytest.mark.parametrize(
    "name",
    ["head_id", "municipality_code", "address", "housing_type", "monthly_income", "notes"],
)
def test_every_household_field_refuses_control_characters(name: str, ch: str) -> None:
    assert validate_household(HOUSEHOLD, CODES).monthly_income_dirhams == 900_000
    draft = replace(HOUSEHOLD, **{name: _inside(getattr(HOUSEHOLD, name), ch)})
    if name == "notes" and ch == "\n":
        assert validate_household(draft, CODES).notes == draft.notes
        return
    with pytest.raises(ValidationFailed) as caught:
        validate_household(draft, CODES)
    assert caught.value.errors == [FieldError(name, ErrorCode.CONTROL_CHARACTER, _char(ch))]


def test_household_income_and_sizes_fit_their_columns() -> None:
    with pytest.raises(ValidationFailed) as caught:
        validate_household(
            replace(HOUSEHOLD, monthly_income="2147483.648", address="ا" * 301, head_id="x" * 37),
            CODES,
        )
    assert {(e.field, e.code) for e in caught.value.errors} == {
        ("head_id", ErrorCode.TEXT_TOO_LONG),
        ("monthly_income", ErrorCode.NUMBER_TOO_LARGE),
        ("address", ErrorCode.TEXT_TOO_LONG),
    }


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
        draft = {**good, name: _inside(value, ch)}
        if ch in LINE_BREAKS and name not in ONE_LINE:
            assert validate_event(kind, draft, TODAY).payload[name] == draft[name]
            continue
        with pytest.raises(ValidationFailed) as caught:
            validate_event(kind, draft, TODAY)
        assert caught.value.errors == [FieldError(name, ErrorCode.CONTROL_CHARACTER, _char(ch))]


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
        FieldError("extra.court", ErrorCode.CONTROL_CHARACTER, _char("\n")),
        FieldError("extra.story", ErrorCode.CONTROL_CHARACTER, _char(ESC)),
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


# -- data made by code (demo people) -----------------------------------------------------------


def test_made_data_is_held_to_the_same_rules() -> None:
    data = validate_beneficiary(FULL, TODAY, CODES)
    assert person_problems(data) == []
    bad = replace(data, address="حي\x00الأندلس", monthly_income_dirhams=2**31)
    assert person_problems(bad) == [
        FieldError("address", ErrorCode.CONTROL_CHARACTER, _char(NUL)),
        FieldError("monthly_income", ErrorCode.NUMBER_TOO_LARGE, {"max": "2147483.647"}),
    ]
    with pytest.raises(ValidationFailed):
        check_people([data, bad])
    assert household_problems("LY021104", "حي", 900_000, "سطر\nسطر") == []
    assert [e.code for e in household_problems("LY\x1b", "", -1, "")] == [
        ErrorCode.CONTROL_CHARACTER,
        ErrorCode.NEGATIVE_AMOUNT,
    ]
