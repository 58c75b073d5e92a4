"""Households: a head, members with their relationship to the head, where and how they live."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from enum import StrEnum

from app.domain.beneficiary import (
    ADDRESS_MAX_LENGTH,
    NOTES_MAX_LENGTH,
    clean_text,
    parse_choice,
    parse_money_dirhams,
)
from app.domain.collect import ErrorCollector
from app.domain.errors import DomainError, ErrorCode, FieldError


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
    head = (draft.head_id or "").strip()
    if not head:
        c.add(FieldError("head_id", ErrorCode.REQUIRED))
    municipality = (draft.municipality_code or "").strip() or None
    if municipality and municipalities is not None and municipality not in municipalities:
        c.add(FieldError("municipality_code", ErrorCode.INVALID_CHOICE))
    housing = c.take(lambda: parse_choice(HousingType, draft.housing_type, "housing_type"), None)
    income = c.take(lambda: parse_money_dirhams(draft.monthly_income, "monthly_income"), None)
    address = c.take(lambda: clean_text(draft.address, "address", ADDRESS_MAX_LENGTH), "")
    notes = c.take(lambda: clean_text(draft.notes, "notes", NOTES_MAX_LENGTH), "")
    c.raise_if_any()
    return HouseholdData(head, municipality, address, housing, income, notes)


def parse_relationship(raw: str, field: str = "relationship") -> Relationship:
    rel = parse_choice(Relationship, raw, field)
    if rel is None:
        raise DomainError(ErrorCode.REQUIRED, field=field)
    return rel
