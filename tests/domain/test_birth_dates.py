"""Dates as people type them, and estimated birth dates (no papers: a year, an age)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.domain.beneficiary import BeneficiaryDraft, validate_beneficiary
from app.domain.errors import DomainError, ErrorCode, ValidationFailed
from app.domain.people import is_year_only, parse_birth_date, parse_date

TODAY = date(2026, 12, 7)
DRAFT = BeneficiaryDraft(
    first_name="محمد",
    father_name="علي",
    grandfather_name="سالم",
    family_name="الورفلي",
    mother_name="فاطمة أحمد",
    sex="M",
    birth_date="15/03/1985",
    national_number="119850123456",
)


@pytest.mark.parametrize(
    "typed",
    [
        "15/03/1979", "15031979", "١٥/٠٣/١٩٧٩", "1979-03-15", "15-3-1979", "15.03.1979",
        "١٥٫٠٣٫١٩٧٩", "15 03 1979", "\u200f15/03/1979", "۱۵/۰۳/۱۹۷۹",
    ],
)  # fmt: skip
def test_the_usual_ways_of_writing_a_date(typed: str) -> None:
    assert parse_date(typed, "d") == date(1979, 3, 15)


@pytest.mark.parametrize("typed", ["1503197", "15/03/79", "31/02/2020", "1979", "35", "x"])
def test_not_a_date(typed: str) -> None:
    with pytest.raises(DomainError) as caught:
        parse_date(typed, "d")
    assert caught.value.code is ErrorCode.DATE_FORMAT


def test_a_year_or_an_age_is_an_estimate_in_the_middle_of_its_year() -> None:
    assert parse_birth_date("1979", "b", TODAY, estimated=True) == date(1979, 7, 1)
    assert parse_birth_date("35", "b", TODAY, estimated=True) == date(1991, 7, 1)
    assert parse_birth_date("٣٥", "b", TODAY, estimated=True) == date(1991, 7, 1)
    assert parse_birth_date("0", "b", date(2026, 3, 1), estimated=True) == date(2026, 3, 1)
    assert parse_birth_date("15/03/1979", "b", TODAY, estimated=True) == date(1979, 3, 15)
    assert is_year_only(date(1979, 7, 1)) and not is_year_only(date(1979, 3, 15))


def test_an_estimate_keeps_the_birth_date_rules() -> None:
    for typed, code in (
        ("121", ErrorCode.TOO_OLD),
        ("1850", ErrorCode.TOO_OLD),
        ("2030", ErrorCode.BIRTH_IN_FUTURE),
    ):
        with pytest.raises(DomainError) as caught:
            parse_birth_date(typed, "b", TODAY, estimated=True)
        assert caught.value.code is code, typed
    with pytest.raises(DomainError):
        parse_birth_date("35", "b", TODAY)  # not an estimate: an age is no date


def test_an_estimated_date_is_flagged_and_takes_the_national_numbers_year() -> None:
    data = validate_beneficiary(replace(DRAFT, birth_date="40", birth_date_estimated=True), TODAY)
    assert data.birth_date_estimated
    assert data.birth_date == date(1985, 7, 1)  # the card's year, not 2026 - 40
    same_year = validate_beneficiary(
        replace(DRAFT, birth_date="10/02/1985", birth_date_estimated=True), TODAY
    )
    assert same_year.birth_date == date(1985, 2, 10)


def test_an_exact_date_must_match_the_national_number() -> None:
    with pytest.raises(ValidationFailed) as caught:
        validate_beneficiary(replace(DRAFT, birth_date="15/03/1990"), TODAY)
    assert [e.code for e in caught.value.errors] == [ErrorCode.NATIONAL_NUMBER_YEAR_MISMATCH]
    assert not validate_beneficiary(DRAFT, TODAY).birth_date_estimated
