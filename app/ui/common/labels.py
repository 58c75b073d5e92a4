"""Translated display text for stored codes: enum values, field names, history operations.

The English source texts are marked with QT_TRANSLATE_NOOP (so pyside6-lupdate collects them
into i18n/sanad_ar.ts) and translated when shown, so a language change needs no rebuild here.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from app.domain.accounts import Role
from app.domain.beneficiary import (
    DisabilityDegree,
    DisabilityType,
    DisplacementStatus,
    IdentifierType,
    MaritalStatus,
)
from app.domain.household import HousingType, Relationship
from app.domain.people import Sex, is_year_only
from app.ui.common.translations import PY_DATE_FORMAT, QT_TRANSLATE_NOOP

CONTEXT = "Labels"

SEX = {
    Sex.MALE.value: QT_TRANSLATE_NOOP("Labels", "Male"),
    Sex.FEMALE.value: QT_TRANSLATE_NOOP("Labels", "Female"),
}
MARITAL = {
    MaritalStatus.SINGLE.value: QT_TRANSLATE_NOOP("Labels", "Single"),
    MaritalStatus.MARRIED.value: QT_TRANSLATE_NOOP("Labels", "Married"),
    MaritalStatus.DIVORCED.value: QT_TRANSLATE_NOOP("Labels", "Divorced"),
    MaritalStatus.WIDOWED.value: QT_TRANSLATE_NOOP("Labels", "Widowed"),
}
DISABILITY_TYPE = {
    DisabilityType.NONE.value: QT_TRANSLATE_NOOP("Labels", "No disability"),
    DisabilityType.PHYSICAL.value: QT_TRANSLATE_NOOP("Labels", "Physical"),
    DisabilityType.VISUAL.value: QT_TRANSLATE_NOOP("Labels", "Visual"),
    DisabilityType.HEARING.value: QT_TRANSLATE_NOOP("Labels", "Hearing"),
    DisabilityType.SPEECH.value: QT_TRANSLATE_NOOP("Labels", "Speech"),
    DisabilityType.INTELLECTUAL.value: QT_TRANSLATE_NOOP("Labels", "Intellectual"),
    DisabilityType.PSYCHOSOCIAL.value: QT_TRANSLATE_NOOP("Labels", "Psychosocial"),
    DisabilityType.MULTIPLE.value: QT_TRANSLATE_NOOP("Labels", "Multiple"),
}
DISABILITY_DEGREE = {
    DisabilityDegree.MILD.value: QT_TRANSLATE_NOOP("Labels", "Mild"),
    DisabilityDegree.MODERATE.value: QT_TRANSLATE_NOOP("Labels", "Moderate"),
    DisabilityDegree.SEVERE.value: QT_TRANSLATE_NOOP("Labels", "Severe"),
    DisabilityDegree.TOTAL.value: QT_TRANSLATE_NOOP("Labels", "Total"),
}
DISPLACEMENT = {
    DisplacementStatus.RESIDENT.value: QT_TRANSLATE_NOOP("Labels", "Resident"),
    DisplacementStatus.DISPLACED.value: QT_TRANSLATE_NOOP("Labels", "Internally displaced"),
    DisplacementStatus.RETURNEE.value: QT_TRANSLATE_NOOP("Labels", "Returnee"),
}
RELATIONSHIP = {
    Relationship.HEAD.value: QT_TRANSLATE_NOOP("Labels", "Head of household"),
    Relationship.SPOUSE.value: QT_TRANSLATE_NOOP("Labels", "Spouse"),
    Relationship.SON.value: QT_TRANSLATE_NOOP("Labels", "Son"),
    Relationship.DAUGHTER.value: QT_TRANSLATE_NOOP("Labels", "Daughter"),
    Relationship.FATHER.value: QT_TRANSLATE_NOOP("Labels", "Father"),
    Relationship.MOTHER.value: QT_TRANSLATE_NOOP("Labels", "Mother"),
    Relationship.BROTHER.value: QT_TRANSLATE_NOOP("Labels", "Brother"),
    Relationship.SISTER.value: QT_TRANSLATE_NOOP("Labels", "Sister"),
    Relationship.GRANDCHILD.value: QT_TRANSLATE_NOOP("Labels", "Grandchild"),
    Relationship.OTHER_RELATIVE.value: QT_TRANSLATE_NOOP("Labels", "Other relative"),
    Relationship.NON_RELATIVE.value: QT_TRANSLATE_NOOP("Labels", "Not a relative"),
}
HOUSING = {
    HousingType.OWNED.value: QT_TRANSLATE_NOOP("Labels", "Owned"),
    HousingType.RENTED.value: QT_TRANSLATE_NOOP("Labels", "Rented"),
    HousingType.HOSTED.value: QT_TRANSLATE_NOOP("Labels", "Hosted by others"),
    HousingType.COLLECTIVE_SHELTER.value: QT_TRANSLATE_NOOP("Labels", "Collective shelter"),
    HousingType.INFORMAL.value: QT_TRANSLATE_NOOP("Labels", "Informal housing"),
    HousingType.OTHER.value: QT_TRANSLATE_NOOP("Labels", "Other"),
}
IDENTIFIER = {
    IdentifierType.NATIONAL_NUMBER.value: QT_TRANSLATE_NOOP("Labels", "National number"),
    IdentifierType.ADMIN_NUMBER.value: QT_TRANSLATE_NOOP("Labels", "Administrative number"),
    IdentifierType.PASSPORT.value: QT_TRANSLATE_NOOP("Labels", "Passport number"),
    IdentifierType.FAMILY_BOOKLET.value: QT_TRANSLATE_NOOP("Labels", "Family booklet number"),
}
ROLE = {
    Role.SOCIAL_WORKER.value: QT_TRANSLATE_NOOP("Labels", "Social worker"),
    Role.SUPERVISOR.value: QT_TRANSLATE_NOOP("Labels", "Supervisor"),
    Role.BRANCH_ADMIN.value: QT_TRANSLATE_NOOP("Labels", "Branch admin"),
    Role.AUDITOR.value: QT_TRANSLATE_NOOP("Labels", "Auditor"),
}
# ISO 3166 codes most seen at Libyan branches; others are shown as their code.
NATIONALITY = {
    "LY": QT_TRANSLATE_NOOP("Labels", "Libyan"),
    "EG": QT_TRANSLATE_NOOP("Labels", "Egyptian"),
    "TN": QT_TRANSLATE_NOOP("Labels", "Tunisian"),
    "DZ": QT_TRANSLATE_NOOP("Labels", "Algerian"),
    "MA": QT_TRANSLATE_NOOP("Labels", "Moroccan"),
    "SD": QT_TRANSLATE_NOOP("Labels", "Sudanese"),
    "TD": QT_TRANSLATE_NOOP("Labels", "Chadian"),
    "NE": QT_TRANSLATE_NOOP("Labels", "Nigerien"),
    "NG": QT_TRANSLATE_NOOP("Labels", "Nigerian"),
    "ML": QT_TRANSLATE_NOOP("Labels", "Malian"),
    "ER": QT_TRANSLATE_NOOP("Labels", "Eritrean"),
    "ET": QT_TRANSLATE_NOOP("Labels", "Ethiopian"),
    "SO": QT_TRANSLATE_NOOP("Labels", "Somali"),
    "SY": QT_TRANSLATE_NOOP("Labels", "Syrian"),
    "PS": QT_TRANSLATE_NOOP("Labels", "Palestinian"),
    "IQ": QT_TRANSLATE_NOOP("Labels", "Iraqi"),
    "YE": QT_TRANSLATE_NOOP("Labels", "Yemeni"),
}
# Field names as stored (and as the outbox records them) -> what the form calls them.
FIELD = {
    "first_name": QT_TRANSLATE_NOOP("Labels", "First name"),
    "father_name": QT_TRANSLATE_NOOP("Labels", "Father's name"),
    "grandfather_name": QT_TRANSLATE_NOOP("Labels", "Grandfather's name"),
    "family_name": QT_TRANSLATE_NOOP("Labels", "Family name"),
    "mother_name": QT_TRANSLATE_NOOP("Labels", "Mother's full name"),
    "latin_name": QT_TRANSLATE_NOOP("Labels", "Name in Latin letters"),
    "sex": QT_TRANSLATE_NOOP("Labels", "Sex"),
    "birth_date": QT_TRANSLATE_NOOP("Labels", "Date of birth"),
    "birth_date_estimated": QT_TRANSLATE_NOOP("Labels", "Date of birth is an estimate"),
    "national_number": QT_TRANSLATE_NOOP("Labels", "National number"),
    "admin_number": QT_TRANSLATE_NOOP("Labels", "Administrative number"),
    "passport_number": QT_TRANSLATE_NOOP("Labels", "Passport number"),
    "family_booklet_number": QT_TRANSLATE_NOOP("Labels", "Family booklet number"),
    "nationality": QT_TRANSLATE_NOOP("Labels", "Nationality"),
    "municipality_code": QT_TRANSLATE_NOOP("Labels", "Municipality"),
    "address": QT_TRANSLATE_NOOP("Labels", "Address"),
    "phones": QT_TRANSLATE_NOOP("Labels", "Phones"),
    "e164": QT_TRANSLATE_NOOP("Labels", "Phone"),
    "marital_status": QT_TRANSLATE_NOOP("Labels", "Marital status"),
    "disability_type": QT_TRANSLATE_NOOP("Labels", "Disability"),
    "disability_degree": QT_TRANSLATE_NOOP("Labels", "Disability degree"),
    "displacement_status": QT_TRANSLATE_NOOP("Labels", "Displacement"),
    "monthly_income": QT_TRANSLATE_NOOP("Labels", "Monthly income (LYD)"),
    "monthly_income_dirhams": QT_TRANSLATE_NOOP("Labels", "Monthly income (LYD)"),
    "notes": QT_TRANSLATE_NOOP("Labels", "Notes"),
    "household_id": QT_TRANSLATE_NOOP("Labels", "Household"),
    "household_relationship": QT_TRANSLATE_NOOP("Labels", "Relationship to the head"),
    "head_id": QT_TRANSLATE_NOOP("Labels", "Head of household"),
    "housing_type": QT_TRANSLATE_NOOP("Labels", "Housing"),
    "relationship": QT_TRANSLATE_NOOP("Labels", "Relationship to the head"),
    "beneficiary_id": QT_TRANSLATE_NOOP("Labels", "Person"),
    "deleted_at": QT_TRANSLATE_NOOP("Labels", "Removed"),
    "username": QT_TRANSLATE_NOOP("Labels", "User name"),
    "password": QT_TRANSLATE_NOOP("Labels", "Password"),
    "display_name": QT_TRANSLATE_NOOP("Labels", "Full name"),
    "role": QT_TRANSLATE_NOOP("Labels", "Role"),
    "id": QT_TRANSLATE_NOOP("Labels", "Record number"),
}
OPERATION = {
    "insert": QT_TRANSLATE_NOOP("Labels", "Created"),
    "update": QT_TRANSLATE_NOOP("Labels", "Changed"),
    "delete": QT_TRANSLATE_NOOP("Labels", "Removed"),
}
TABLE = {
    "beneficiaries": QT_TRANSLATE_NOOP("Labels", "Person"),
    "beneficiary_identifiers": QT_TRANSLATE_NOOP("Labels", "Identity document"),
    "beneficiary_phones": QT_TRANSLATE_NOOP("Labels", "Phone"),
    "households": QT_TRANSLATE_NOOP("Labels", "Household"),
}


def _t(source: str) -> str:
    return QCoreApplication.translate(CONTEXT, source)


def _lookup(table: dict[str, str], code: str | None) -> str:
    if not code:
        return ""
    source = table.get(code)
    return _t(source) if source is not None else code


_ESTIMATED = QT_TRANSLATE_NOOP("Labels", "%1 (estimated)")


def birth(day: date, estimated: bool = False) -> str:
    """A birth date as the screens show it; an estimate as such ("1979 (تقديري)")."""
    if not estimated:
        return day.strftime(PY_DATE_FORMAT)
    shown = str(day.year) if is_year_only(day) else day.strftime(PY_DATE_FORMAT)
    return _t(_ESTIMATED).replace("%1", shown)


def sex(code: str | None) -> str:
    return _lookup(SEX, code)


def marital(code: str | None) -> str:
    return _lookup(MARITAL, code)


def disability_type(code: str | None) -> str:
    return _lookup(DISABILITY_TYPE, code)


def disability_degree(code: str | None) -> str:
    return _lookup(DISABILITY_DEGREE, code)


def displacement(code: str | None) -> str:
    return _lookup(DISPLACEMENT, code)


def relationship(code: str | None) -> str:
    return _lookup(RELATIONSHIP, code)


def housing(code: str | None) -> str:
    return _lookup(HOUSING, code)


def identifier(code: str | None) -> str:
    return _lookup(IDENTIFIER, code)


def role(code: str | None) -> str:
    return _lookup(ROLE, code)


def nationality(code: str | None) -> str:
    return _lookup(NATIONALITY, code)


def field(name: str | None) -> str:
    return _lookup(FIELD, name)


def operation(op: str | None) -> str:
    return _lookup(OPERATION, op)


def table(name: str | None) -> str:
    return _lookup(TABLE, name)


def choices(table_: dict[str, str]) -> list[tuple[str, str]]:
    """(code, translated text) pairs in the table's order, for combo boxes."""
    return [(code, _t(source)) for code, source in table_.items()]
