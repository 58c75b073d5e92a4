"""What no stored value may be, refused where it enters (app.domain.field_checks and users).

PostgreSQL at HQ cannot store NUL, an ANSI escape (ESC) would be echoed by a terminal, and a
value over its column's width or an amount of 2**31 dirhams or more is refused by HQ's
database: a branch that stored one would be stuck at its next sync. Every field of every form
(people, households, cases and their events, case type fields, reasons, accounts) refuses
them with a code naming the field. One-line fields refuse tabs and line breaks inside them;
multi-line texts keep those and refuse every other control character.

Events, case type fields, reasons and display names are in test_case_field_checks.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.db.models import BeneficiaryRow
from app.db.name_keys import DirectKeys, KeyMaker
from app.domain.arabic import normalize_arabic
from app.domain.beneficiary import (
    MAX_MONEY_DIRHAMS,
    BeneficiaryDraft,
    parse_stored_money,
    validate_beneficiary,
)
from app.domain.duplicates import mother_key, name_key
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
from tests.domain.control_chars import (
    CODES,
    ESC,
    LINE_BREAKS,
    NEVER,
    NUL,
    TODAY,
    char_params,
    inside,
)

FULL = BeneficiaryDraft(
    first_name="محمد",
    father_name="علي",
    grandfather_name="سالم",
    family_name="الورفلي",
    mother_name="فاطمة المقريف",
    latin_name="Mohamed Ali Alwarfalli",
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
    "latin_name",
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


def _with(draft: BeneficiaryDraft, name: str, ch: str) -> BeneficiaryDraft:
    if name == "phones":
        return replace(draft, phones=[inside(draft.phones[0], ch)])
    return replace(draft, phones=list(draft.phones), **{name: inside(getattr(draft, name), ch)})


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
    assert (err.code, err.field, err.params) == (
        ErrorCode.CONTROL_CHARACTER,
        "address",
        char_params(ch),
    )


@pytest.mark.parametrize("ch", NEVER)
def test_several_lines_refuse_every_control_character_but_breaks_and_tabs(ch: str) -> None:
    assert clean_lines(" سطر\n\tثان\r\nثالث ", "notes", 100) == "سطر\n\tثان\r\nثالث"
    with pytest.raises(DomainError) as caught:
        clean_lines(f"سطر\n{ch}ثان", "notes", 100)
    assert (caught.value.code, caught.value.params) == (
        ErrorCode.CONTROL_CHARACTER,
        char_params(ch),
    )


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
        FieldError(name, ErrorCode.CONTROL_CHARACTER, char_params(ch))
    ]


@pytest.mark.parametrize("ch", LINE_BREAKS)
@pytest.mark.parametrize("name", [n for n in BENEFICIARY_FIELDS if n != "notes"])
def test_one_line_beneficiary_fields_refuse_tabs_and_line_breaks_inside(name: str, ch: str) -> None:
    assert _refused(_with(FULL, name, ch)) == [
        FieldError(name, ErrorCode.CONTROL_CHARACTER, char_params(ch))
    ]


def test_notes_keep_their_lines() -> None:
    notes = "السطر الأول\r\n\tالسطر الثاني"
    assert validate_beneficiary(replace(FULL, notes=notes), TODAY, CODES).notes == notes


def test_a_name_with_a_tab_between_its_parts_is_refused_around_it_trimmed() -> None:
    assert clean_arabic_name("\tعبد الله\n", "first_name") == "عبد الله"
    with pytest.raises(DomainError) as caught:
        clean_arabic_name("عبد\tالله", "first_name")
    assert caught.value.code is ErrorCode.CONTROL_CHARACTER


def test_a_name_at_the_limit_has_a_key_that_fits() -> None:
    # ٵ (U+0675) is alef + high hamza under NFKC; the key drops the hamza: one letter each.
    name = clean_arabic_name("ٵ" * NAME_MAX_LENGTH, "mother_name")
    assert len(normalize_arabic(name)) <= NAME_MAX_LENGTH
    with pytest.raises(DomainError) as caught:
        clean_arabic_name("ٵ" * (NAME_MAX_LENGTH + 1), "mother_name")
    assert (caught.value.code, caught.value.params) == (
        ErrorCode.NAME_TOO_LONG,
        {"max": str(NAME_MAX_LENGTH)},
    )


_ARABIC_TEXT = st.text(
    alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF), max_size=80
)


def _accepted(raw: str) -> str | None:
    try:
        return clean_arabic_name(raw, "first_name")
    except DomainError:
        return None


@given(st.lists(_ARABIC_TEXT, min_size=5, max_size=5))
def test_every_accepted_name_has_keys_that_fit_their_columns(raws: list[str]) -> None:
    """Normalizing can lengthen a name (سليمن → سليمان, عبد رحمن → عبدالرحمن): the stored keys
    still fit `beneficiaries.name_key` and `mother_key`, at the branch (one person, a bulk
    write) and at HQ (which computes them itself), or PostgreSQL would refuse the row."""
    names = [_accepted(raw) for raw in raws]
    if any(name is None for name in names):
        return
    first, father, grandfather, family, mother = (str(name) for name in names)
    _assert_keys_fit(first, father, grandfather, family, mother)


def test_names_at_their_limit_that_normalize_longer_have_keys_that_fit() -> None:
    long = " ".join(["سليمن"] * 10)  # 59 letters; normalized, 69
    assert len(long) <= NAME_MAX_LENGTH < len(normalize_arabic(long))
    joined = " ".join(["عبد رحمن"] * 6) + " سعد"  # عبد + a name without its article
    assert len(joined) <= NAME_MAX_LENGTH < len(normalize_arabic(joined))
    _assert_keys_fit(long, long, long, long, long)
    _assert_keys_fit(joined, joined, joined, joined, joined)


def _assert_keys_fit(first: str, father: str, grandfather: str, family: str, mother: str) -> None:
    widths = BeneficiaryRow.__table__.c
    name_width, mother_width = widths.name_key.type.length, widths.mother_key.type.length
    for keys in (KeyMaker(), DirectKeys()):
        made = keys.name_key(first, father, grandfather, family)
        assert made == name_key(first, father, grandfather, family)
        assert len(made) <= name_width
        assert keys.mother_key(mother) == mother_key(mother)
        assert len(mother_key(mother)) <= mother_width
    whole = normalize_arabic(f"{first} {father} {grandfather} {family}")
    assert name_key(first, father, grandfather, family) == whole[:name_width]
    assert mother_key(mother) == normalize_arabic(mother)[:mother_width]


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
    draft = replace(HOUSEHOLD, **{name: inside(getattr(HOUSEHOLD, name), ch)})
    if name == "notes" and ch == "\n":
        assert validate_household(draft, CODES).notes == draft.notes
        return
    with pytest.raises(ValidationFailed) as caught:
        validate_household(draft, CODES)
    assert caught.value.errors == [FieldError(name, ErrorCode.CONTROL_CHARACTER, char_params(ch))]


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


# -- data made by code (demo people) -----------------------------------------------------------


def test_made_data_is_held_to_the_same_rules() -> None:
    data = validate_beneficiary(FULL, TODAY, CODES)
    assert person_problems(data) == []
    bad = replace(data, address="حي\x00الأندلس", monthly_income_dirhams=2**31)
    assert person_problems(bad) == [
        FieldError("address", ErrorCode.CONTROL_CHARACTER, char_params(NUL)),
        FieldError("monthly_income", ErrorCode.NUMBER_TOO_LARGE, {"max": "2147483.647"}),
    ]
    with pytest.raises(ValidationFailed):
        check_people([data, bad])
    assert household_problems("LY021104", "حي", 900_000, "سطر\nسطر") == []
    assert [e.code for e in household_problems("LY\x1b", "", -1, "")] == [
        ErrorCode.CONTROL_CHARACTER,
        ErrorCode.NEGATIVE_AMOUNT,
    ]
