"""The validators' limits against the database's columns, read from the SQLAlchemy models.

The domain may not import the database, so its limits are its own constants: a column made
narrower (or a limit made wider) would let a value through that HQ's PostgreSQL refuses, and the
branch would be stuck at its next sync. Every String column of every table a branch syncs, and
of the users, is listed here with what bounds it: a validator's limit, an enumeration whose
longest value must fit, or the code that writes it. A column nobody listed fails the test.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from enum import StrEnum

import pytest
from sqlalchemy import BigInteger, Integer, String
from sqlalchemy.orm import InstrumentedAttribute

from app.db.case_models import CaseEventRow, CaseRow, CaseTypeRow
from app.db.models import (
    SYNCED_MODELS,
    BeneficiaryRow,
    DuplicateDecisionRow,
    HouseholdRow,
    IdentifierRow,
    PhoneRow,
    UserRow,
)
from app.db.sync_models import HqBranchRow
from app.domain.accounts import DISPLAY_NAME_MAX_LENGTH, Role, clean_display_name
from app.domain.beneficiary import (
    ADDRESS_MAX_LENGTH,
    MAX_MONEY_DIRHAMS,
    BeneficiaryDraft,
    DisabilityDegree,
    DisabilityType,
    DisplacementStatus,
    IdentifierType,
    MaritalStatus,
    validate_beneficiary,
)
from app.domain.case_events import EventKind, PlanItemState, ReferralState, VisitState
from app.domain.cases import CaseStatus, ClosureReason, RiskLevel
from app.domain.errors import DomainError, ErrorCode, ValidationFailed
from app.domain.field_checks import (
    BRANCH_NAME_MAX_LENGTH,
    INT32_MAX,
    MUNICIPALITY_CODE_MAX_LENGTH,
    RECORD_ID_MAX_LENGTH,
)
from app.domain.household import HouseholdDraft, HousingType, Relationship, validate_household
from app.domain.people import LATIN_NAME_MAX_LENGTH, NAME_MAX_LENGTH, Sex
from app.domain.storable import DOCUMENT_NUMBER_MAX_LENGTH, PHONE_MAX_LENGTH
from app.resources import resources_dir
from app.services.setup import DEMO_BRANCH
from tests.services.people import AHMED

TODAY = date(2026, 11, 22)
Column = InstrumentedAttribute[str] | InstrumentedAttribute[str | None]

# Columns a validator bounds: the validator's limit.
VALIDATED: dict[Column, int] = {
    BeneficiaryRow.first_name: NAME_MAX_LENGTH,
    BeneficiaryRow.father_name: NAME_MAX_LENGTH,
    BeneficiaryRow.grandfather_name: NAME_MAX_LENGTH,
    BeneficiaryRow.family_name: NAME_MAX_LENGTH,
    BeneficiaryRow.mother_name: NAME_MAX_LENGTH,
    # Keys: each name's key is at most NAME_MAX_LENGTH, four of them joined by spaces.
    BeneficiaryRow.name_key: 4 * NAME_MAX_LENGTH + 3,
    BeneficiaryRow.mother_key: NAME_MAX_LENGTH,
    BeneficiaryRow.latin_name: LATIN_NAME_MAX_LENGTH,
    BeneficiaryRow.nationality: 2,
    BeneficiaryRow.municipality_code: MUNICIPALITY_CODE_MAX_LENGTH,
    BeneficiaryRow.address: ADDRESS_MAX_LENGTH,
    IdentifierRow.number: DOCUMENT_NUMBER_MAX_LENGTH,
    PhoneRow.e164: PHONE_MAX_LENGTH,
    HouseholdRow.head_id: RECORD_ID_MAX_LENGTH,
    HouseholdRow.municipality_code: MUNICIPALITY_CODE_MAX_LENGTH,
    HouseholdRow.address: ADDRESS_MAX_LENGTH,
    CaseRow.household_id: RECORD_ID_MAX_LENGTH,
    CaseRow.transfer_to: 12,  # a branch code, checked by the case service
    UserRow.username: 40,  # app.domain.accounts' pattern
    UserRow.display_name: DISPLAY_NAME_MAX_LENGTH,
    HqBranchRow.name: BRANCH_NAME_MAX_LENGTH,
}
# Columns holding a value of an enumeration.
ENUMS: dict[Column, type[StrEnum]] = {
    BeneficiaryRow.sex: Sex,
    BeneficiaryRow.marital_status: MaritalStatus,
    BeneficiaryRow.disability_type: DisabilityType,
    BeneficiaryRow.disability_degree: DisabilityDegree,
    BeneficiaryRow.displacement_status: DisplacementStatus,
    BeneficiaryRow.household_relationship: Relationship,
    IdentifierRow.id_type: IdentifierType,
    HouseholdRow.housing_type: HousingType,
    CaseRow.status: CaseStatus,
    CaseRow.status_before_closure: CaseStatus,
    CaseRow.closure_reason: ClosureReason,
    CaseRow.risk_level: RiskLevel,
    CaseEventRow.kind: EventKind,
    UserRow.role: Role,
}
# Event states share one column.
STATES = (PlanItemState, VisitState, ReferralState)
# Columns only code writes: ids, the branch, derived values, reference codes, hashes.
WRITTEN_BY_CODE = {
    "id",
    "origin_branch",
    "created_by",
    "updated_by",
    "beneficiary_id",
    "household_id",
    "other_id",
    "decision",
    "number",
    "person_number",  # branch code (12) + "-P-" + at most 12 digits: 27 of 32
    "type_code",
    "assigned_to",
    "case_id",
    "amends_id",
    "state",
    "password_hash",
}


def _width(column: Column) -> int:
    kind = column.property.columns[0].type
    assert isinstance(kind, String) and kind.length is not None, column
    return kind.length


def test_every_text_column_a_branch_syncs_is_bounded() -> None:
    listed = {(c.class_.__tablename__, c.key) for c in (*VALIDATED, *ENUMS)}
    unlisted = []
    for model in (*SYNCED_MODELS, UserRow):
        for column in model.__table__.columns:
            if not isinstance(column.type, String) or column.type.length is None:
                continue  # Text: no width (the control characters are still refused)
            if (model.__tablename__, column.name) in listed or column.name in WRITTEN_BY_CODE:
                continue
            unlisted.append(f"{model.__tablename__}.{column.name}")
    assert unlisted == []


@pytest.mark.parametrize("column", list(VALIDATED), ids=lambda c: f"{c.class_.__name__}.{c.key}")
def test_every_validator_limit_fits_its_column(column: Column) -> None:
    assert VALIDATED[column] <= _width(column)


@pytest.mark.parametrize("column", list(ENUMS), ids=lambda c: f"{c.class_.__name__}.{c.key}")
def test_every_enumeration_fits_its_column(column: Column) -> None:
    assert max(len(v.value) for v in ENUMS[column]) <= _width(column)


def test_the_rest_fits_too() -> None:
    assert max(len(s.value) for e in STATES for s in e) <= _width(CaseEventRow.state)
    assert len("different_person") <= _width(DuplicateDecisionRow.decision)
    assert len(DEMO_BRANCH) <= _width(BeneficiaryRow.origin_branch)
    path = resources_dir() / "reference" / "case_types.json"
    case_types = json.loads(path.read_text(encoding="utf-8"))
    assert max(len(t["code"]) for t in case_types["case_types"]) <= _width(CaseRow.type_code)
    assert _width(CaseTypeRow.code) == _width(CaseRow.type_code)


def test_amounts_fit_their_integer_columns() -> None:
    for column in (BeneficiaryRow.monthly_income_dirhams, HouseholdRow.monthly_income_dirhams):
        kind = column.property.columns[0].type
        assert isinstance(kind, Integer) and not isinstance(kind, BigInteger)
    assert MAX_MONEY_DIRHAMS == INT32_MAX == 2**31 - 1


# What the validators do at each column's width: the width passes, one more is refused.


NAME_FIELDS = ("first_name", "father_name", "grandfather_name", "family_name", "mother_name")


@pytest.mark.parametrize("name", NAME_FIELDS)
def test_a_name_one_letter_over_its_column_is_refused(name: str) -> None:
    width = _width(getattr(BeneficiaryRow, name))
    at = replace(AHMED, phones=[], **{name: "م" * width})
    assert getattr(validate_beneficiary(at, TODAY), name) == "م" * width
    with pytest.raises(ValidationFailed) as caught:
        validate_beneficiary(replace(at, **{name: "م" * (width + 1)}), TODAY)
    assert [(e.field, e.code) for e in caught.value.errors] == [(name, ErrorCode.NAME_TOO_LONG)]


@pytest.mark.parametrize(
    ("field", "column", "fill"),
    [
        ("address", BeneficiaryRow.address, "ا"),
        ("municipality_code", BeneficiaryRow.municipality_code, "L"),
    ],
)
def test_a_beneficiary_text_one_over_its_column_is_refused(
    field: str, column: Column, fill: str
) -> None:
    width = _width(column)
    draft = replace(AHMED, phones=[], **{field: fill * width})
    assert getattr(validate_beneficiary(draft, TODAY), field) == fill * width
    with pytest.raises(ValidationFailed) as caught:
        validate_beneficiary(replace(draft, **{field: fill * (width + 1)}), TODAY)
    assert [(e.field, e.code) for e in caught.value.errors] == [(field, ErrorCode.TEXT_TOO_LONG)]


@pytest.mark.parametrize(
    ("field", "column"),
    [
        ("address", HouseholdRow.address),
        ("municipality_code", HouseholdRow.municipality_code),
        ("head_id", HouseholdRow.head_id),
    ],
)
def test_a_household_text_one_over_its_column_is_refused(field: str, column: Column) -> None:
    width = _width(column)
    draft = replace(HouseholdDraft(head_id="h"), **{field: "x" * width})
    assert getattr(validate_household(draft), field) == "x" * width
    with pytest.raises(ValidationFailed) as caught:
        validate_household(replace(draft, **{field: "x" * (width + 1)}))
    assert [(e.field, e.code) for e in caught.value.errors] == [(field, ErrorCode.TEXT_TOO_LONG)]


def test_a_display_name_one_over_its_column_is_refused() -> None:
    width = _width(UserRow.display_name)
    assert clean_display_name("س" * width, "u") == "س" * width
    with pytest.raises(DomainError) as caught:
        clean_display_name("س" * (width + 1), "u")
    assert caught.value.code is ErrorCode.TEXT_TOO_LONG


def test_a_latin_name_one_letter_over_its_column_is_refused() -> None:
    width = _width(BeneficiaryRow.latin_name)
    at = replace(AHMED, phones=[], latin_name="M" * width)
    assert validate_beneficiary(at, TODAY).latin_name == "M" * width
    with pytest.raises(ValidationFailed) as caught:
        validate_beneficiary(replace(at, latin_name="M" * (width + 1)), TODAY)
    errors = [(e.field, e.code) for e in caught.value.errors]
    assert errors == [("latin_name", ErrorCode.NAME_TOO_LONG)]


def test_document_numbers_and_phones_fit() -> None:
    width = _width(IdentifierRow.number)
    draft = replace(AHMED, phones=[], passport_number="P" * width)
    assert validate_beneficiary(draft, TODAY).identifiers[-1].number == "P" * width
    with pytest.raises(ValidationFailed):
        validate_beneficiary(replace(draft, passport_number="P" * (width + 1)), TODAY)
    longest = validate_beneficiary(replace(AHMED, phones=["021-123-4567"]), TODAY).phones
    assert len(longest[0]) <= _width(PhoneRow.e164)


def test_the_draft_fields_are_all_checked_here_or_in_test_field_checks() -> None:
    # A new draft field must be added to the checks (and to this list).
    assert set(BeneficiaryDraft.__dataclass_fields__) == {
        *NAME_FIELDS,
        "latin_name",
        "sex",
        "birth_date",
        "birth_date_estimated",  # a flag: nothing to store but true or false
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
    }
    assert set(HouseholdDraft.__dataclass_fields__) == {
        "head_id",
        "municipality_code",
        "address",
        "housing_type",
        "monthly_income",
        "notes",
    }
