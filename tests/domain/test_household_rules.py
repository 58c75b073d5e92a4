"""Household validation and relationships (app.domain.household)."""

from __future__ import annotations

import pytest

from app.domain.errors import DomainError, ErrorCode, ValidationFailed
from app.domain.household import (
    HouseholdDraft,
    HousingType,
    Relationship,
    parse_relationship,
    validate_household,
)

CODES = frozenset({"LY010101"})


def test_good_household() -> None:
    data = validate_household(
        HouseholdDraft(
            head_id=" abc ",
            municipality_code="LY010101",
            address=" شارع الجمهورية ",
            housing_type="Rented",
            monthly_income="١٬٢٠٠",
        ),
        CODES,
    )
    assert data.head_id == "abc"
    assert data.address == "شارع الجمهورية"
    assert data.housing_type is HousingType.RENTED
    assert data.monthly_income_dirhams == 1_200_000
    assert data.municipality_code == "LY010101"


def test_every_household_error_at_once() -> None:
    with pytest.raises(ValidationFailed) as caught:
        validate_household(
            HouseholdDraft(
                head_id="",
                municipality_code="XX",
                housing_type="castle",
                monthly_income="lots",
                address="a" * 301,
                notes="n" * 2001,
            ),
            CODES,
        )
    assert {(e.field, e.code) for e in caught.value.errors} == {
        ("head_id", ErrorCode.REQUIRED),
        ("municipality_code", ErrorCode.INVALID_CHOICE),
        ("housing_type", ErrorCode.INVALID_CHOICE),
        ("monthly_income", ErrorCode.NUMBER_FORMAT),
        ("address", ErrorCode.TEXT_TOO_LONG),
        ("notes", ErrorCode.TEXT_TOO_LONG),
    }


@pytest.mark.parametrize(
    ("raw", "rel"), [("son", Relationship.SON), (" Spouse ", Relationship.SPOUSE)]
)
def test_relationship_parsed(raw: str, rel: Relationship) -> None:
    assert parse_relationship(raw) is rel


@pytest.mark.parametrize(
    ("raw", "code"), [("", ErrorCode.REQUIRED), ("cousin?", ErrorCode.INVALID_CHOICE)]
)
def test_relationship_rejected(raw: str, code: ErrorCode) -> None:
    with pytest.raises(DomainError) as caught:
        parse_relationship(raw)
    assert caught.value.code is code
    assert caught.value.field == "relationship"
