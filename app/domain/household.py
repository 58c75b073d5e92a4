"""Households: a head, members with their relationship to the head, where and how they live."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from enum import StrEnum

from app.domain.beneficiary import (
    clean_address,
    clean_municipality,
    clean_notes,
    parse_choice,
    parse_stored_money,
)
from app.domain.collect import ErrorCollector
from app.domain.errors import DomainError, ErrorCode
from app.domain.field_checks import clean_record_id


class Relationship(StrEnum):
    HEAD = "head"
    SPOUSE = "spouse"
    SON = "son"
    DAUGHTER = "daughter"
    FATHER = "father"
    MOTHER = "mother"
    BROTHER = "brother"
    SISTER = "sister"
    GRANDCHILD = "grandchild"
    OTHER_RELATIVE = "other_relative"
    NON_RELATIVE = "non_relative"


class HousingType(StrEnum):
    OWNED = "owned"
    RENTED = "rented"
    HOSTED = "hosted"
    COLLECTIVE_SHELTER = "collective_shelter"
    INFORMAL = "informal"
    OTHER = "other"


@dataclass(slots=True)
class HouseholdDraft:
    head_id: str = ""
    municipality_code: str = ""
    address: str = ""
    housing_type: str = ""
    monthly_income: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class HouseholdData:
    head_id: str
    municipality_code: str | None
    address: str
    housing_type: HousingType | None
    monthly_income_dirhams: int | None
    notes: str


def validate_household(
    draft: HouseholdDraft, municipalities: Container[str] | None = None
) -> HouseholdData:
    c = ErrorCollector()
    head = c.take(lambda: _head(draft.head_id), "")
    municipality = c.take(lambda: clean_municipality(draft.municipality_code, municipalities), None)
    housing = c.take(lambda: parse_choice(HousingType, draft.housing_type, "housing_type"), None)
    income = c.take(lambda: parse_stored_money(draft.monthly_income, "monthly_income"), None)
    address = c.take(lambda: clean_address(draft.address), "")
    notes = c.take(lambda: clean_notes(draft.notes), "")
    c.raise_if_any()
    return HouseholdData(head, municipality, address, housing, income, notes)


def _head(raw: str) -> str:
    head = clean_record_id(raw, "head_id")
    if not head:
        raise DomainError(ErrorCode.REQUIRED, field="head_id")
    return head


def parse_relationship(raw: str, field: str = "relationship") -> Relationship:
    rel = parse_choice(Relationship, raw, field)
    if rel is None:
        raise DomainError(ErrorCode.REQUIRED, field=field)
    return rel
