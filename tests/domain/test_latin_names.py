"""A person's Latin name as a passport writes it (app.domain.people.clean_latin_name)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.domain.beneficiary import BeneficiaryDraft, validate_beneficiary
from app.domain.errors import DomainError, ErrorCode, ValidationFailed
from app.domain.people import LATIN_NAME_MAX_LENGTH, clean_latin_name

TODAY = date(2026, 11, 22)
DRAFT = BeneficiaryDraft(
    first_name="محمد",
    father_name="علي",
    grandfather_name="سالم",
    family_name="الورفلي",
    mother_name="فاطمة المقريف",
    sex="M",
    birth_date="15/03/1985",
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Mohamed Ali Alwarfalli", "Mohamed Ali Alwarfalli"),
        ("MOHAMED ALI ALWARFALLI", "MOHAMED ALI ALWARFALLI"),  # the case kept as entered
        ("  Mohammed   Elwarfali ", "Mohammed Elwarfali"),  # trimmed, runs of spaces collapsed
        ("Mohamed\u00a0Ali", "Mohamed Ali"),  # a no-break space is a space
        ("Ben-Halim", "Ben-Halim"),
        ("O'Neil", "O'Neil"),
        ("Abd. Al-Rahman", "Abd. Al-Rahman"),
        ("Aïcha Müller", "Aïcha Müller"),  # accented Latin letters
        ("Ahmet Çelik Şahin", "Ahmet Çelik Şahin"),
        ("Ele\u0301onore", "El\u00e9onore"),  # a combining accent composed (NFC)
        ("\u200fMohamed Ali\u200e", "Mohamed Ali"),  # direction marks of a paste dropped
        ("", ""),  # optional
        ("   ", ""),
        ("M" * LATIN_NAME_MAX_LENGTH, "M" * LATIN_NAME_MAX_LENGTH),  # exactly at the limit
    ],
)
def test_latin_name_accepted(raw: str, expected: str) -> None:
    assert clean_latin_name(raw) == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("محمد علي", ErrorCode.LATIN_NAME_INVALID),  # Arabic letters
        ("Mohamed علي", ErrorCode.LATIN_NAME_INVALID),  # Arabic mixed in
        ("Мохамед", ErrorCode.LATIN_NAME_INVALID),  # Cyrillic that looks Latin
        ("Mohamed2", ErrorCode.LATIN_NAME_INVALID),  # digits
        ("Mohamed, Ali", ErrorCode.LATIN_NAME_INVALID),  # comma
        ("Mohamed/Ali", ErrorCode.LATIN_NAME_INVALID),
        ("Ali×2", ErrorCode.LATIN_NAME_INVALID),  # × sits among the accented letters
        ("-.'", ErrorCode.LATIN_NAME_INVALID),  # joiners alone are not a name
        ("Mohamed\u200bAli", ErrorCode.LATIN_NAME_INVALID),  # a zero-width space inside
        ("Mohamed\x00", ErrorCode.CONTROL_CHARACTER),
        ("Mohamed\x1b[31m", ErrorCode.CONTROL_CHARACTER),
        ("Mohamed\tAli", ErrorCode.CONTROL_CHARACTER),  # one line: no tab inside
        ("Mohamed\nAli", ErrorCode.CONTROL_CHARACTER),
        ("M" * (LATIN_NAME_MAX_LENGTH + 1), ErrorCode.NAME_TOO_LONG),  # 121: refused, not cut
    ],
)
def test_latin_name_refused(raw: str, code: ErrorCode) -> None:
    with pytest.raises(DomainError) as caught:
        clean_latin_name(raw)
    assert caught.value.code is code
    assert caught.value.field == "latin_name"


def test_too_long_names_the_limit() -> None:
    with pytest.raises(DomainError) as caught:
        clean_latin_name("Mohamed " * 16)
    assert caught.value.params == {"max": "120"}


def test_a_draft_carries_it_to_the_data() -> None:
    data = validate_beneficiary(replace(DRAFT, latin_name=" Mohamed  Ali "), TODAY)
    assert data.latin_name == "Mohamed Ali"
    assert validate_beneficiary(DRAFT, TODAY).latin_name == ""


def test_a_bad_latin_name_is_reported_with_the_other_errors() -> None:
    with pytest.raises(ValidationFailed) as caught:
        validate_beneficiary(replace(DRAFT, first_name="", latin_name="محمد"), TODAY)
    assert [(e.field, e.code) for e in caught.value.errors] == [
        ("first_name", ErrorCode.REQUIRED),
        ("latin_name", ErrorCode.LATIN_NAME_INVALID),
    ]
