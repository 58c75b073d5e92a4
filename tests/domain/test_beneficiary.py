"""validate_beneficiary and its field parsers (app.domain.beneficiary)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from app.domain.beneficiary import (
    MAX_PHONES,
    BeneficiaryDraft,
    DisabilityDegree,
    DisabilityType,
    DisplacementStatus,
    Identifier,
    IdentifierType,
    MaritalStatus,
    clean_document_number,
    parse_choice,
    parse_money_dirhams,
    parse_sex,
    validate_beneficiary,
)
from app.domain.errors import DomainError, ErrorCode, ValidationFailed
from app.domain.people import Sex

TODAY = date(2026, 11, 22)
MUNICIPALITIES = frozenset({"LY010101", "LY020202"})


def good_draft(**changes: Any) -> BeneficiaryDraft:
    draft = BeneficiaryDraft(
        first_name="أحمد",
        father_name="عبدالله",
        grandfather_name="مصطفى",
        family_name="الورفلي",
        mother_name="فاطمة إبراهيم",
        sex="M",
        birth_date="1985-03-15",
        national_number="119850123456",
        municipality_code="LY010101",
        phones=["0912345678"],
    )
    return replace(draft, **changes)


def errors_of(draft: BeneficiaryDraft) -> set[tuple[str, ErrorCode]]:
    with pytest.raises(ValidationFailed) as caught:
        validate_beneficiary(draft, TODAY, MUNICIPALITIES)
    return {(e.field, e.code) for e in caught.value.errors}


# -- the whole draft ---------------------------------------------------------------------------


def test_good_draft_becomes_clean_typed_data() -> None:
    data = validate_beneficiary(
        good_draft(
            first_name="  أحمد ",
            phones=["091-234-5678", "", "+218 92 111 2222", "0912345678"],
            admin_number=" ab-12/3 ",
            marital_status="MARRIED",
            monthly_income="1,250.5",
            notes="  ملاحظة  ",
        ),
        TODAY,
        MUNICIPALITIES,
    )
    assert data.name_parts == ("أحمد", "عبدالله", "مصطفى", "الورفلي")
    assert data.full_name == "أحمد عبدالله مصطفى الورفلي"
    assert data.sex is Sex.MALE
    assert data.birth_date == date(1985, 3, 15)
    assert data.national_number == "119850123456"
    assert data.identifiers == (
        Identifier(IdentifierType.NATIONAL_NUMBER, "119850123456"),
        Identifier(IdentifierType.ADMIN_NUMBER, "AB-12/3"),
    )
    assert data.phones == ("+218912345678", "+218921112222")  # blanks dropped, repeats once
    assert data.marital_status is MaritalStatus.MARRIED
    assert data.disability_type is DisabilityType.NONE
    assert data.disability_degree is None
    assert data.displacement_status is DisplacementStatus.RESIDENT
    assert data.monthly_income_dirhams == 1_250_500
    assert data.notes == "ملاحظة"
    assert data.nationality == "LY"
    assert data.municipality_code == "LY010101"


def test_minimal_draft_needs_only_names_sex_and_birth() -> None:
    data = validate_beneficiary(
        BeneficiaryDraft(
            first_name="سالمة",
            father_name="علي",
            grandfather_name="محمد",
            family_name="التاجوري",
            mother_name="خديجة",
            sex="أنثى",
            birth_date="01/01/1990",
        ),
        TODAY,
    )
    assert data.identifiers == ()
    assert data.phones == ()
    assert data.national_number is None
    assert data.monthly_income_dirhams is None


def test_every_error_is_reported_at_once_with_its_field() -> None:
    draft = BeneficiaryDraft(
        first_name="Ahmed",
        father_name="",
        grandfather_name="مصطفى",
        family_name="م" * 61,
        mother_name="فاطمة1",
        sex="X",
        birth_date="2030-01-01",
        national_number="12345",
        passport_number="!!",
        nationality="Libya",
        municipality_code="NOWHERE",
        phones=["0912345678", "12"],
        marital_status="complicated",
        disability_type="physical",
        displacement_status="lost",
        monthly_income="-5",
        address="ع" * 301,
        notes="ن" * 2001,
    )
    assert errors_of(draft) == {
        ("first_name", ErrorCode.NAME_NOT_ARABIC),
        ("father_name", ErrorCode.REQUIRED),
        ("family_name", ErrorCode.NAME_TOO_LONG),
        ("mother_name", ErrorCode.NAME_NOT_ARABIC),
        ("sex", ErrorCode.INVALID_CHOICE),
        ("birth_date", ErrorCode.BIRTH_IN_FUTURE),
        ("national_number", ErrorCode.NATIONAL_NUMBER_FORMAT),
        ("passport_number", ErrorCode.IDENTIFIER_FORMAT),
        ("nationality", ErrorCode.INVALID_CHOICE),
        ("municipality_code", ErrorCode.INVALID_CHOICE),
        ("phones", ErrorCode.PHONE_FORMAT),
        ("marital_status", ErrorCode.INVALID_CHOICE),
        ("disability_degree", ErrorCode.REQUIRED),
        ("displacement_status", ErrorCode.INVALID_CHOICE),
        ("monthly_income", ErrorCode.NEGATIVE_AMOUNT),
        ("address", ErrorCode.TEXT_TOO_LONG),
        ("notes", ErrorCode.TEXT_TOO_LONG),
    }


def test_validation_failed_is_readable_and_searchable_by_field() -> None:
    with pytest.raises(ValidationFailed) as caught:
        validate_beneficiary(good_draft(first_name="", sex=""), TODAY, MUNICIPALITIES)
    err = caught.value
    assert [e.code for e in err.for_field("first_name")] == [ErrorCode.REQUIRED]
    assert [e.code for e in err.for_field("sex")] == [ErrorCode.REQUIRED]
    assert err.for_field("family_name") == []
    assert "first_name: required" in str(err)
    assert isinstance(err, DomainError)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"sex": "F"},
            {("national_number", ErrorCode.NATIONAL_NUMBER_SEX_MISMATCH)},
        ),
        (
            {"birth_date": "1986-03-15"},
            {("national_number", ErrorCode.NATIONAL_NUMBER_YEAR_MISMATCH)},
        ),
        (
            {"national_number": "٢١٩٨٥٠١٢٣٤٥٦"},  # Arabic-Indic digits, female-coded
            {("national_number", ErrorCode.NATIONAL_NUMBER_SEX_MISMATCH)},
        ),
        (
            {"birth_date": "1800-01-01"},  # too old; the year check waits for a valid date
            {("birth_date", ErrorCode.TOO_OLD)},
        ),
        (
            {"sex": "?"},  # unknown sex: only the sex is reported
            {("sex", ErrorCode.INVALID_CHOICE)},
        ),
        (
            {"birth_date": "15/13/1985"},
            {("birth_date", ErrorCode.DATE_FORMAT)},
        ),
        (
            {"birth_date": ""},
            {("birth_date", ErrorCode.REQUIRED)},
        ),
        (
            {"mother_name": ""},
            {("mother_name", ErrorCode.REQUIRED)},
        ),
        (
            {"phones": ["0912345678", "0922345678", "0942345678", "0952345678"]},
            {("phones", ErrorCode.TEXT_TOO_LONG)},
        ),
    ],
)
def test_single_rule_broken(
    changes: dict[str, object], expected: set[tuple[str, ErrorCode]]
) -> None:
    assert errors_of(good_draft(**changes)) == expected


def test_birth_date_may_be_given_as_a_date() -> None:
    data = validate_beneficiary(good_draft(birth_date=date(1985, 3, 15)), TODAY, MUNICIPALITIES)
    assert data.birth_date == date(1985, 3, 15)


def test_national_number_12th_digit_is_not_checked() -> None:
    for last in "0123456789":
        data = validate_beneficiary(
            good_draft(national_number="11985012345" + last), TODAY, MUNICIPALITIES
        )
        assert data.national_number == "11985012345" + last


def test_unknown_municipality_list_accepts_any_code() -> None:
    data = validate_beneficiary(good_draft(municipality_code="LY999999"), TODAY, None)
    assert data.municipality_code == "LY999999"


def test_disability_degree_dropped_without_a_disability() -> None:
    data = validate_beneficiary(
        good_draft(disability_type="none", disability_degree="severe"), TODAY, MUNICIPALITIES
    )
    assert data.disability_degree is None
    data = validate_beneficiary(
        good_draft(disability_type="visual", disability_degree="Severe"), TODAY, MUNICIPALITIES
    )
    assert data.disability_type is DisabilityType.VISUAL
    assert data.disability_degree is DisabilityDegree.SEVERE


def test_at_most_max_phones() -> None:
    phones = ["0912345678", "0922345678", "0942345678"]
    assert len(phones) == MAX_PHONES
    data = validate_beneficiary(good_draft(phones=phones), TODAY, MUNICIPALITIES)
    assert len(data.phones) == MAX_PHONES


# -- field parsers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "sex"),
    [
        ("M", Sex.MALE),
        ("m", Sex.MALE),
        ("male", Sex.MALE),
        ("ذكر", Sex.MALE),
        (" F ", Sex.FEMALE),
        ("Female", Sex.FEMALE),
        ("أنثى", Sex.FEMALE),
        ("انثى", Sex.FEMALE),
        ("انثي", Sex.FEMALE),
    ],
)
def test_sex_parsed(raw: str, sex: Sex) -> None:
    assert parse_sex(raw) is sex


@pytest.mark.parametrize(
    ("raw", "code"),
    [("", ErrorCode.REQUIRED), ("x", ErrorCode.INVALID_CHOICE), ("1", ErrorCode.INVALID_CHOICE)],
)
def test_sex_rejected(raw: str, code: ErrorCode) -> None:
    with pytest.raises(DomainError) as caught:
        parse_sex(raw)
    assert caught.value.code is code


@pytest.mark.parametrize(
    ("raw", "dirhams"),
    [
        ("", None),
        ("  ", None),
        ("0", 0),
        ("450", 450_000),
        ("450.5", 450_500),
        ("1,250.500", 1_250_500),
        ("١٢٥٠", 1_250_000),  # Arabic-Indic digits
        ("١٬٢٥٠٫٧٥", 1_250_750),  # Arabic thousands and decimal separators
        ("0.001", 1),
        ("10000000", 10_000_000_000),
    ],
)
def test_income_parsed_to_dirhams(raw: str, dirhams: int | None) -> None:
    assert parse_money_dirhams(raw, "monthly_income") == dirhams


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("-1", ErrorCode.NEGATIVE_AMOUNT),
        ("-0.5", ErrorCode.NEGATIVE_AMOUNT),
        ("abc", ErrorCode.NUMBER_FORMAT),
        ("12a", ErrorCode.NUMBER_FORMAT),
        ("1.2345", ErrorCode.NUMBER_FORMAT),  # finer than a dirham
        ("NaN", ErrorCode.NUMBER_FORMAT),
        ("Infinity", ErrorCode.NUMBER_FORMAT),
        ("10000000.001", ErrorCode.NUMBER_FORMAT),  # beyond any plausible income
        ("1e-9", ErrorCode.NUMBER_FORMAT),
        ("1.2.3", ErrorCode.NUMBER_FORMAT),
    ],
)
def test_income_rejected(raw: str, code: ErrorCode) -> None:
    with pytest.raises(DomainError) as caught:
        parse_money_dirhams(raw, "monthly_income")
    assert caught.value.code is code
    assert caught.value.field == "monthly_income"


@pytest.mark.parametrize(
    ("enum", "raw", "expected"),
    [
        (MaritalStatus, "single", MaritalStatus.SINGLE),
        (MaritalStatus, " Widowed ", MaritalStatus.WIDOWED),
        (MaritalStatus, "", None),
        (DisplacementStatus, "displaced", DisplacementStatus.DISPLACED),
        (DisabilityType, "HEARING", DisabilityType.HEARING),
    ],
)
def test_choice_parsed(enum: type, raw: str, expected: object) -> None:
    assert parse_choice(enum, raw, "f") == expected


def test_choice_default_and_rejection() -> None:
    assert parse_choice(DisabilityType, "", "f", DisabilityType.NONE) is DisabilityType.NONE
    with pytest.raises(DomainError) as caught:
        parse_choice(MaritalStatus, "متزوج", "marital_status")  # codes, not labels
    assert caught.value.code is ErrorCode.INVALID_CHOICE
    assert caught.value.field == "marital_status"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", ""),
        ("ab123", "AB123"),
        (" 12 34 56 ", "123456"),
        ("٣٤٥-٦٧", "345-67"),
        ("A/12-3", "A/12-3"),
    ],
)
def test_document_number_cleaned(raw: str, expected: str) -> None:
    assert clean_document_number(raw, "passport_number") == expected


@pytest.mark.parametrize("raw", ["ab", "AB#123", "جواز123", "A" * 31])
def test_document_number_rejected(raw: str) -> None:
    with pytest.raises(DomainError) as caught:
        clean_document_number(raw, "passport_number")
    assert caught.value.code is ErrorCode.IDENTIFIER_FORMAT
