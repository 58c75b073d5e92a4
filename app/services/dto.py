"""Plain results that services hand to the UI and the command line (never ORM rows)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class IdentifierView:
    type: str
    number: str


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: str
    first_name: str
    father_name: str
    grandfather_name: str
    family_name: str
    mother_name: str
    sex: str
    birth_date: date
    national_number: str | None
    identifiers: tuple[IdentifierView, ...]
    phones: tuple[str, ...]
    municipality_code: str | None
    person_number: str = ""  # TRP01-P-000123 (app.domain.person_numbers); "" before 0012
    birth_date_estimated: bool = False

    @property
    def full_name(self) -> str:
        return " ".join(
            p
            for p in (self.first_name, self.father_name, self.grandfather_name, self.family_name)
            if p
        )


@dataclass(frozen=True, slots=True)
class BeneficiaryView:
    id: str
    first_name: str
    father_name: str
    grandfather_name: str
    family_name: str
    mother_name: str
    sex: str
    birth_date: date
    identifiers: tuple[IdentifierView, ...]
    nationality: str
    municipality_code: str | None
    address: str
    phones: tuple[str, ...]
    marital_status: str | None
    disability_type: str
    disability_degree: str | None
    displacement_status: str
    monthly_income_dirhams: int | None
    notes: str
    household_id: str | None
    household_relationship: str | None
    origin_branch: str
    row_version: int
    created_at: datetime
    updated_at: datetime
    # The record asked for, when HQ merged it into this one (the survivor is shown instead).
    merged_from: str | None = None
    person_number: str = ""  # TRP01-P-000123: what the desk shows and prints, never the id
    merged_from_number: str = ""  # the person number of `merged_from`
    # No papers: the birth date is an estimate (1 July of the year when only a year is known).
    birth_date_estimated: bool = False
    latin_name: str = ""  # the name as a passport writes it, as entered ("" when none)

    @property
    def full_name(self) -> str:
        return " ".join(
            p
            for p in (self.first_name, self.father_name, self.grandfather_name, self.family_name)
            if p
        )

    def identifier(self, id_type: str) -> str:
        return next((i.number for i in self.identifiers if i.type == id_type), "")


@dataclass(frozen=True, slots=True)
class DuplicateCandidate:
    id: str
    full_name: str
    mother_name: str
    birth_date: date
    sex: str
    national_number: str | None
    score: float
    exact: bool
    person_number: str = ""


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    old: object
    new: object


@dataclass(frozen=True, slots=True)
class ChangeEntry:
    at: datetime
    user: str
    table: str
    op: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True, slots=True)
class HouseholdMemberView:
    beneficiary_id: str
    full_name: str
    relationship: str
    birth_date: date
    sex: str
    person_number: str = ""
    birth_date_estimated: bool = False


@dataclass(frozen=True, slots=True)
class HouseholdView:
    id: str
    head_id: str
    head_name: str
    municipality_code: str | None
    address: str
    housing_type: str | None
    monthly_income_dirhams: int | None
    notes: str
    members: tuple[HouseholdMemberView, ...] = field(default=())
    row_version: int = 1


@dataclass(frozen=True, slots=True)
class Municipality:
    code: str
    name_ar: str
    name_en: str
    district_ar: str
    district_en: str


@dataclass(frozen=True, slots=True)
class UserView:
    id: str
    username: str
    display_name: str
    role: str
    active: bool
    locked_until: datetime | None
    is_demo: bool
    hq_managed: bool = False  # made by HQ: its name, role and state change only from HQ
    must_set_password: bool = False  # made by HQ; its worker has not chosen a password yet
