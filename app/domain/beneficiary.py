"""The beneficiary as the registry knows it, and the validation of what a worker typed."""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import partial
from typing import TypeVar

from app.domain.arabic import to_western_digits
from app.domain.collect import ErrorCollector
from app.domain.errors import DomainError, ErrorCode, FieldError, ValidationFailed
from app.domain.field_checks import (
    INT32_MAX,
    MUNICIPALITY_CODE_MAX_LENGTH,
    clean_line,
    clean_lines,
    refuse_control,
)
from app.domain.people import (
    Sex,
    check_birth_date,
    check_national_number,
    clean_arabic_name,
    clean_latin_name,
    clean_national_number,
    estimated_birth_date,
    normalize_phone,
    parse_birth_date,
)

NOTES_MAX_LENGTH = 2000
ADDRESS_MAX_LENGTH = 300  # the address column's width
MAX_PHONES = 3
# An amount is stored in dirhams in an Integer column: 2,147,483.647 dinars at most.
MAX_MONEY_DIRHAMS = INT32_MAX
MAX_MONEY_DINARS = f"{MAX_MONEY_DIRHAMS // 1000}.{MAX_MONEY_DIRHAMS % 1000:03d}"


class IdentifierType(StrEnum):
    NATIONAL_NUMBER = "national_number"
    ADMIN_NUMBER = "admin_number"
    PASSPORT = "passport"
    FAMILY_BOOKLET = "family_booklet"


class MaritalStatus(StrEnum):
    SINGLE = "single"
    MARRIED = "married"
    DIVORCED = "divorced"
    WIDOWED = "widowed"


class DisabilityType(StrEnum):
    NONE = "none"
    PHYSICAL = "physical"
    VISUAL = "visual"
    HEARING = "hearing"
    SPEECH = "speech"
    INTELLECTUAL = "intellectual"
    PSYCHOSOCIAL = "psychosocial"
    MULTIPLE = "multiple"


class DisabilityDegree(StrEnum):
    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"
    TOTAL = "total"


class DisplacementStatus(StrEnum):
    RESIDENT = "resident"
    DISPLACED = "displaced"
    RETURNEE = "returnee"


SEX_WORDS: dict[str, Sex] = {
    "m": Sex.MALE,
    "male": Sex.MALE,
    "ذكر": Sex.MALE,
    "f": Sex.FEMALE,
    "female": Sex.FEMALE,
    "انثى": Sex.FEMALE,
    "أنثى": Sex.FEMALE,
    "انثي": Sex.FEMALE,
}


@dataclass(frozen=True, slots=True)
class Identifier:
    type: IdentifierType
    number: str


@dataclass(slots=True)
class BeneficiaryDraft:
    """What the worker (or an import row) entered, as text. Validation turns it into data."""

    first_name: str = ""
    father_name: str = ""
    grandfather_name: str = ""
    family_name: str = ""
    mother_name: str = ""
    # The name as a passport or a foreign document writes it (optional, kept as entered).
    latin_name: str = ""
    sex: str = ""
    birth_date: str | date = ""
    # No papers: the birth date is an estimate (a year or an age may then be typed).
    birth_date_estimated: bool = False
    national_number: str = ""
    admin_number: str = ""
    passport_number: str = ""
    family_booklet_number: str = ""
    nationality: str = "LY"
    municipality_code: str = ""
    address: str = ""
    phones: list[str] = field(default_factory=list)
    marital_status: str = ""
    disability_type: str = ""
    disability_degree: str = ""
    displacement_status: str = ""
    monthly_income: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class BeneficiaryData:
    """A validated beneficiary: every field clean, typed and consistent."""

    first_name: str
    father_name: str
    grandfather_name: str
    family_name: str
    mother_name: str
    sex: Sex
    birth_date: date
    identifiers: tuple[Identifier, ...]
    nationality: str
    municipality_code: str | None
    address: str
    phones: tuple[str, ...]
    marital_status: MaritalStatus | None
    disability_type: DisabilityType
    disability_degree: DisabilityDegree | None
    displacement_status: DisplacementStatus
    monthly_income_dirhams: int | None
    notes: str
    birth_date_estimated: bool = False
    latin_name: str = ""  # as a passport writes it; "" when there is none

    @property
    def name_parts(self) -> tuple[str, str, str, str]:
        return (self.first_name, self.father_name, self.grandfather_name, self.family_name)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in self.name_parts if p)

    @property
    def national_number(self) -> str | None:
        for ident in self.identifiers:
            if ident.type is IdentifierType.NATIONAL_NUMBER:
                return ident.number
        return None


E = TypeVar("E", bound=StrEnum)


def parse_sex(raw: str, field: str = "sex") -> Sex:
    text = refuse_control((raw or "").strip(), field)
    if not text:
        raise DomainError(ErrorCode.REQUIRED, field=field)
    found = SEX_WORDS.get(text.casefold())
    if found is None:
        raise DomainError(ErrorCode.INVALID_CHOICE, field=field)
    return found


def parse_choice(enum: type[E], raw: str, field: str, default: E | None = None) -> E | None:
    text = refuse_control((raw or "").strip(), field).casefold()
    if not text:
        return default
    try:
        return enum(text)
    except ValueError:
        raise DomainError(ErrorCode.INVALID_CHOICE, field=field) from None


def parse_money_dirhams(raw: str, field: str) -> int | None:
    """'1,250.500' or '١٢٥٠' dinars -> an integer number of dirhams (1 LYD = 1000 dirhams).

    Whether the amount fits where it is stored is `parse_stored_money`'s business.
    """
    text = refuse_control(to_western_digits((raw or "").strip()), field)
    text = text.replace(",", "").replace("٬", "")
    text = text.replace("٫", ".")
    if not text:
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise DomainError(ErrorCode.NUMBER_FORMAT, field=field) from None
    if not amount.is_finite() or amount.as_tuple().exponent < -3 or amount > 10_000_000:  # type: ignore[operator]
        raise DomainError(ErrorCode.NUMBER_FORMAT, field=field)
    if amount < 0:
        raise DomainError(ErrorCode.NEGATIVE_AMOUNT, field=field)
    return int(amount * 1000)


def parse_stored_money(raw: str, field: str) -> int | None:
    """`parse_money_dirhams`, refusing an amount too large for its Integer column."""
    dirhams = parse_money_dirhams(raw, field)
    if dirhams is not None and dirhams > MAX_MONEY_DIRHAMS:
        raise DomainError(ErrorCode.NUMBER_TOO_LARGE, field=field, max=MAX_MONEY_DINARS)
    return dirhams


_DOCUMENT_NUMBER = re.compile(r"^[A-Za-z0-9/\-]{3,30}$")


def clean_document_number(raw: str, field: str) -> str:
    text = refuse_control(to_western_digits((raw or "").strip()), field)
    text = re.sub(r"\s+", "", text).upper()
    if text and not _DOCUMENT_NUMBER.match(text):
        raise DomainError(ErrorCode.IDENTIFIER_FORMAT, field=field)
    return text


def clean_nationality(raw: str, field: str = "nationality") -> str:
    """A two-letter country code; empty means Libyan."""
    text = refuse_control((raw or "LY").strip(), field).upper()
    if not re.fullmatch(r"[A-Z]{2}", text):
        raise DomainError(ErrorCode.INVALID_CHOICE, field=field)
    return text


def clean_municipality(
    raw: str, municipalities: Container[str] | None, field: str = "municipality_code"
) -> str | None:
    """A municipality code from the reference list (any code, when no list is given)."""
    code = clean_line(raw, field, MUNICIPALITY_CODE_MAX_LENGTH) or None
    if code and municipalities is not None and code not in municipalities:
        raise DomainError(ErrorCode.INVALID_CHOICE, field=field)
    return code


def clean_address(raw: str, field: str = "address") -> str:
    return clean_line(raw, field, ADDRESS_MAX_LENGTH)


def clean_notes(raw: str, field: str = "notes") -> str:
    return clean_lines(raw, field, NOTES_MAX_LENGTH)


def year_from_card(national_number: str, born: date, today: date) -> date:
    """An estimated birth date moved to the year the national number gives (digits 2-5)."""
    year = int(national_number[1:5])
    if year == born.year:
        return born
    return check_birth_date(estimated_birth_date(year, today), today)


def validate_beneficiary(
    draft: BeneficiaryDraft,
    today: date,
    municipalities: Container[str] | None = None,
) -> BeneficiaryData:
    """Check every field of `draft`; raise ValidationFailed listing all errors, or return data."""
    c = ErrorCollector()
    names = [
        c.take(partial(clean_arabic_name, getattr(draft, f), f), "")
        for f in ("first_name", "father_name", "grandfather_name", "family_name")
    ]
    mother = c.take(lambda: clean_arabic_name(draft.mother_name, "mother_name"), "")
    latin = c.take(lambda: clean_latin_name(draft.latin_name), "")
    sex = c.take(lambda: parse_sex(draft.sex), None)

    estimated = draft.birth_date_estimated

    def birth() -> date:
        raw = draft.birth_date
        if isinstance(raw, date):
            return check_birth_date(raw, today)
        return parse_birth_date(raw, "birth_date", today, estimated=estimated)

    born = c.take(birth, None)

    identifiers: list[Identifier] = []
    if (draft.national_number or "").strip():

        def national() -> Identifier:
            number = clean_national_number(draft.national_number)
            # An estimated date does not contradict the card: its year is taken from it.
            check_national_number(number, sex, None if estimated else born)
            return Identifier(IdentifierType.NATIONAL_NUMBER, number)

        nn = c.take(national, None)
        if nn is not None:
            identifiers.append(nn)
            if estimated and born is not None:
                guess = born
                born = c.take(lambda: year_from_card(nn.number, guess, today), born)
    for ident_type, raw_number, fname in (
        (IdentifierType.ADMIN_NUMBER, draft.admin_number, "admin_number"),
        (IdentifierType.PASSPORT, draft.passport_number, "passport_number"),
        (IdentifierType.FAMILY_BOOKLET, draft.family_booklet_number, "family_booklet_number"),
    ):
        number = c.take(partial(clean_document_number, raw_number, fname), "")
        if number:
            identifiers.append(Identifier(ident_type, number))

    nationality = c.take(lambda: clean_nationality(draft.nationality), "LY")
    municipality = c.take(lambda: clean_municipality(draft.municipality_code, municipalities), None)

    phones: list[str] = []
    raw_phones: Sequence[str] = [p for p in draft.phones if (p or "").strip()]
    if len(raw_phones) > MAX_PHONES:
        c.errors.append(FieldError("phones", ErrorCode.TEXT_TOO_LONG, {"max": str(MAX_PHONES)}))
    for raw_phone in raw_phones[:MAX_PHONES]:
        phone = c.take(partial(normalize_phone, raw_phone, "phones"), "")
        if phone and phone not in phones:
            phones.append(phone)

    marital = c.take(
        lambda: parse_choice(MaritalStatus, draft.marital_status, "marital_status"), None
    )
    disability = c.take(
        lambda: parse_choice(
            DisabilityType, draft.disability_type, "disability_type", DisabilityType.NONE
        ),
        None,
    )
    degree = c.take(
        lambda: parse_choice(DisabilityDegree, draft.disability_degree, "disability_degree"), None
    )
    refused_degree = any(e.field == "disability_degree" for e in c.errors)
    if disability not in (None, DisabilityType.NONE) and degree is None and not refused_degree:
        c.errors.append(FieldError("disability_degree", ErrorCode.REQUIRED))
    if disability in (None, DisabilityType.NONE):
        degree = None
    displacement = c.take(
        lambda: parse_choice(
            DisplacementStatus,
            draft.displacement_status,
            "displacement_status",
            DisplacementStatus.RESIDENT,
        ),
        None,
    )
    income = c.take(lambda: parse_stored_money(draft.monthly_income, "monthly_income"), None)
    address = c.take(lambda: clean_address(draft.address), "")
    notes = c.take(lambda: clean_notes(draft.notes), "")

    if c.errors:
        raise ValidationFailed(c.errors)
    assert sex is not None and born is not None
    return BeneficiaryData(
        first_name=names[0],
        father_name=names[1],
        grandfather_name=names[2],
        family_name=names[3],
        mother_name=mother,
        latin_name=latin,
        sex=sex,
        birth_date=born,
        birth_date_estimated=estimated,
        identifiers=tuple(identifiers),
        nationality=nationality,
        municipality_code=municipality,
        address=address,
        phones=tuple(phones),
        marital_status=marital,
        disability_type=disability or DisabilityType.NONE,
        disability_degree=degree,
        displacement_status=displacement or DisplacementStatus.RESIDENT,
        monthly_income_dirhams=income,
        notes=notes,
    )
