"""Data made by code rather than typed (demo people and households), held before it is stored
to what validation guarantees of typed data: text without control characters that fits its
column, amounts that fit theirs. Typed data goes through `validate_beneficiary` and
`validate_household` instead; these checks are the cheap part of them that matters for storage.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.domain.beneficiary import (
    ADDRESS_MAX_LENGTH,
    MAX_MONEY_DINARS,
    MAX_MONEY_DIRHAMS,
    NOTES_MAX_LENGTH,
    BeneficiaryData,
)
from app.domain.errors import ErrorCode, FieldError, ValidationFailed
from app.domain.field_checks import MUNICIPALITY_CODE_MAX_LENGTH, control_character
from app.domain.people import NAME_MAX_LENGTH

DOCUMENT_NUMBER_MAX_LENGTH = 30  # beneficiary_identifiers.number
PHONE_MAX_LENGTH = 20  # beneficiary_phones.e164


def _text(
    out: list[FieldError], field: str, text: str, limit: int, *, multiline: bool = False
) -> None:
    bad = control_character(text, multiline=multiline)
    if bad is not None:
        out.append(FieldError(field, ErrorCode.CONTROL_CHARACTER, {"char": bad}))
    elif len(text) > limit:
        out.append(FieldError(field, ErrorCode.TEXT_TOO_LONG, {"max": str(limit)}))


def _money(out: list[FieldError], field: str, dirhams: int | None) -> None:
    if dirhams is not None and dirhams < 0:
        out.append(FieldError(field, ErrorCode.NEGATIVE_AMOUNT))
    elif dirhams is not None and dirhams > MAX_MONEY_DIRHAMS:
        out.append(FieldError(field, ErrorCode.NUMBER_TOO_LARGE, {"max": MAX_MONEY_DINARS}))


def person_problems(data: BeneficiaryData) -> list[FieldError]:
    """Why `data` could not be stored as it is (nothing: an empty list)."""
    out: list[FieldError] = []
    names = zip(
        ("first_name", "father_name", "grandfather_name", "family_name", "mother_name"),
        (*data.name_parts, data.mother_name),
        strict=True,
    )
    for field, name in names:
        _text(out, field, name, NAME_MAX_LENGTH)
    _text(out, "nationality", data.nationality, 2)
    _text(out, "municipality_code", data.municipality_code or "", MUNICIPALITY_CODE_MAX_LENGTH)
    _text(out, "address", data.address, ADDRESS_MAX_LENGTH)
    _text(out, "notes", data.notes, NOTES_MAX_LENGTH, multiline=True)
    for ident in data.identifiers:
        _text(out, ident.type.value, ident.number, DOCUMENT_NUMBER_MAX_LENGTH)
    for phone in data.phones:
        _text(out, "phones", phone, PHONE_MAX_LENGTH)
    _money(out, "monthly_income", data.monthly_income_dirhams)
    return out


def household_problems(
    municipality_code: str | None, address: str, monthly_income_dirhams: int | None, notes: str
) -> list[FieldError]:
    """Why a household with these values could not be stored (nothing: an empty list)."""
    out: list[FieldError] = []
    _text(out, "municipality_code", municipality_code or "", MUNICIPALITY_CODE_MAX_LENGTH)
    _text(out, "address", address, ADDRESS_MAX_LENGTH)
    _text(out, "notes", notes, NOTES_MAX_LENGTH, multiline=True)
    _money(out, "monthly_income", monthly_income_dirhams)
    return out


def check_people(people: Iterable[BeneficiaryData]) -> None:
    """Raise ValidationFailed for the first person who could not be stored as they are."""
    for person in people:
        problems = person_problems(person)
        if problems:
            raise ValidationFailed(problems)


def check_household(
    municipality_code: str | None, address: str, monthly_income_dirhams: int | None, notes: str
) -> None:
    problems = household_problems(municipality_code, address, monthly_income_dirhams, notes)
    if problems:
        raise ValidationFailed(problems)
