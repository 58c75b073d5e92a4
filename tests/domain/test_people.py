"""Validation of names, national numbers, phones and dates (app.domain.people)."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.errors import DomainError, ErrorCode
from app.domain.people import (
    NAME_MAX_LENGTH,
    Sex,
    check_birth_date,
    check_national_number,
    clean_arabic_name,
    clean_national_number,
    local_phone,
    normalize_phone,
    parse_date,
)

TODAY = date(2026, 11, 22)


def _code(call: object, *args: object, **kwargs: object) -> ErrorCode:
    assert callable(call)
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    return caught.value.code


# -- Arabic names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("محمد", "محمد"),
        ("  محمد  ", "محمد"),  # trimmed
        ("عبد   الله", "عبد الله"),  # inner runs of spaces collapsed
        ("\tفاطمة\u00a0الزهراء\n", "فاطمة الزهراء"),  # any white space
        ("أحمد", "أحمد"),  # hamza forms kept as typed (only the search key folds them)
        ("مُحَمَّد", "مُحَمَّد"),  # harakat allowed
        ("محـمد", "محـمد"),  # tatweel allowed
        ("آل-سعود", "آل-سعود"),  # hyphen joiner
        ("ابن'علي", "ابن'علي"),  # apostrophe joiner
        ("عبد\u200cالله", "عبد\u200cالله"),  # zero-width non-joiner
        ("ٱلله", "ٱلله"),  # alef wasla
        ("پژمان", "پژمان"),  # Persian letters are Arabic script
        ("م" * NAME_MAX_LENGTH, "م" * NAME_MAX_LENGTH),  # exactly at the limit
        ("ﻣﺤﻤﺪ", "محمد"),  # presentation forms pasted from a PDF become letters
        ("ﻋﺒﺪ ﷲ", "عبد الله"),
        ("محمد\u200f", "محمد"),  # a trailing RLM from a paste
        ("\ufeffعلي\u200e", "علي"),  # BOM, LRM
        ("عبد\u00adالله", "عبدالله"),  # soft hyphen
        ("\u202bفاطمة\u202c", "فاطمة"),  # an embedding around the name
        ("فاطمۃ", "فاطمۃ"),  # other keyboards' letters are kept as typed (search folds them)
    ],
)
def test_arabic_name_accepted(raw: str, expected: str) -> None:
    assert clean_arabic_name(raw, "first_name") == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", ErrorCode.REQUIRED),
        ("   ", ErrorCode.REQUIRED),
        ("Mohamed", ErrorCode.NAME_NOT_ARABIC),
        ("محمد Ali", ErrorCode.NAME_NOT_ARABIC),  # Latin mixed in
        ("محمد2", ErrorCode.NAME_NOT_ARABIC),
        ("محمد٢", ErrorCode.NAME_NOT_ARABIC),  # digits are not a name, in any script
        ("محمد!", ErrorCode.NAME_NOT_ARABIC),
        ("محمد،علي", ErrorCode.NAME_NOT_ARABIC),  # Arabic comma
        ("محمد؟", ErrorCode.NAME_NOT_ARABIC),
        ("-", ErrorCode.NAME_NOT_ARABIC),  # joiners alone are not a name
        ("\u064e\u064f", ErrorCode.NAME_NOT_ARABIC),  # harakat alone
        ("ـــ", ErrorCode.NAME_NOT_ARABIC),  # tatweel alone
        ("м" * 4, ErrorCode.NAME_NOT_ARABIC),  # Cyrillic
        ("م" * (NAME_MAX_LENGTH + 1), ErrorCode.NAME_TOO_LONG),
        (" ".join(["محمد"] * 15), ErrorCode.NAME_TOO_LONG),
    ],
)
def test_arabic_name_rejected(raw: str, code: ErrorCode) -> None:
    with pytest.raises(DomainError) as caught:
        clean_arabic_name(raw, "father_name")
    assert caught.value.code is code
    assert caught.value.field == "father_name"


def test_optional_name_may_be_empty_but_not_wrong() -> None:
    assert clean_arabic_name("  ", "mother_name", required=False) == ""
    assert _code(clean_arabic_name, "Fatima", "mother_name", required=False) is (
        ErrorCode.NAME_NOT_ARABIC
    )


def test_name_too_long_names_the_limit() -> None:
    with pytest.raises(DomainError) as caught:
        clean_arabic_name("م" * 61, "family_name")
    assert caught.value.params == {"max": str(NAME_MAX_LENGTH)}


# -- national number ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("119850123456", "119850123456"),
        ("219900000001", "219900000001"),
        ("١١٩٨٥٠١٢٣٤٥٦", "119850123456"),  # Arabic-Indic digits
        ("۱۱۹۸۵۰۱۲۳۴۵۶", "119850123456"),  # extended Arabic-Indic digits
        (" 1 1985 0123 456 ", "119850123456"),  # spaces ignored
        ("1-1985-0123456", "119850123456"),  # dashes ignored
    ],
)
def test_national_number_format_accepted(raw: str, expected: str) -> None:
    assert clean_national_number(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "11985012345",
        "1198501234567",
        "11985012345a",
        "119850/23456",
        "N19850123456",
        "+11985012345",
    ],
)
def test_national_number_format_rejected(raw: str) -> None:
    assert _code(clean_national_number, raw) is ErrorCode.NATIONAL_NUMBER_FORMAT


@pytest.mark.parametrize(
    ("number", "sex", "born"),
    [
        ("119850123456", Sex.MALE, date(1985, 3, 15)),
        ("219850123456", Sex.FEMALE, date(1985, 12, 31)),
        ("120010000000", Sex.MALE, date(2001, 1, 1)),
        ("119850123450", Sex.MALE, date(1985, 1, 1)),  # the 12th digit is never checked ...
        ("119850123459", Sex.MALE, date(1985, 1, 1)),  # ... whatever it is
        ("119850123456", None, None),  # sex or birth date unknown: nothing to compare
    ],
)
def test_national_number_consistent(number: str, sex: Sex | None, born: date | None) -> None:
    check_national_number(number, sex, born)


@pytest.mark.parametrize(
    ("number", "sex", "born", "code"),
    [
        ("119850123456", Sex.FEMALE, date(1985, 3, 15), ErrorCode.NATIONAL_NUMBER_SEX_MISMATCH),
        ("219850123456", Sex.MALE, date(1985, 3, 15), ErrorCode.NATIONAL_NUMBER_SEX_MISMATCH),
        ("119860123456", Sex.MALE, date(1985, 3, 15), ErrorCode.NATIONAL_NUMBER_YEAR_MISMATCH),
        ("219850123456", Sex.FEMALE, date(1958, 3, 15), ErrorCode.NATIONAL_NUMBER_YEAR_MISMATCH),
        ("119850123456", None, date(1984, 12, 31), ErrorCode.NATIONAL_NUMBER_YEAR_MISMATCH),
        ("319850123456", Sex.MALE, date(1985, 3, 15), ErrorCode.NATIONAL_NUMBER_FORMAT),
        ("019850123456", None, None, ErrorCode.NATIONAL_NUMBER_FORMAT),
    ],
)
def test_national_number_inconsistent(
    number: str, sex: Sex | None, born: date | None, code: ErrorCode
) -> None:
    with pytest.raises(DomainError) as caught:
        check_national_number(number, sex, born)
    assert caught.value.code is code
    assert caught.value.field == "national_number"


def test_year_mismatch_names_the_encoded_year() -> None:
    with pytest.raises(DomainError) as caught:
        check_national_number("119860123456", Sex.MALE, date(1985, 3, 15))
    assert caught.value.params == {"year": "1986"}


# -- phones ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("0912345678", "+218912345678"),
        ("0922345678", "+218922345678"),
        ("0942345678", "+218942345678"),
        ("0952345678", "+218952345678"),
        ("0213334444", "+218213334444"),  # Tripoli landline
        ("021-333-4444", "+218213334444"),
        ("061 222 3333", "+218612223333"),  # Benghazi landline
        ("+218912345678", "+218912345678"),
        ("+218 91 234 5678", "+218912345678"),
        ("+218-91-234-5678", "+218912345678"),
        ("+218 (091) 234 5678", "+218912345678"),  # trunk zero after the country code
        ("00218912345678", "+218912345678"),
        ("00 218 92 234 5678", "+218922345678"),
        ("218912345678", "+218912345678"),
        ("091 234 5678", "+218912345678"),
        ("091-234-5678", "+218912345678"),
        ("٠٩١٢٣٤٥٦٧٨", "+218912345678"),  # Arabic-Indic digits
        ("+٢١٨ ٩١ ٢٣٤ ٥٦٧٨", "+218912345678"),
        ("۰۹۲۲۳۴۵۶۷۸", "+218922345678"),  # extended Arabic-Indic digits
        ("  0912345678  ", "+218912345678"),
    ],
)
def test_phone_normalized_to_e164(raw: str, e164: str) -> None:
    assert normalize_phone(raw) == e164


@pytest.mark.parametrize(
    "raw",
    [
        "abc",
        "091234567",  # one digit short
        "09123456789",  # one digit too many
        "0961234567",  # 096 is not a Libyan mobile prefix
        "0112345678",  # no area code 1
        "+1 555 123 4567",  # another country
        "+44 20 7946 0958",
        "+218",
        "00218",
        "09-12-ab-56-78",
        "0912345678x",
        "١٢٣",
    ],
)
def test_phone_garbage_rejected(raw: str) -> None:
    with pytest.raises(DomainError) as caught:
        normalize_phone(raw, "phones")
    assert caught.value.code is ErrorCode.PHONE_FORMAT
    assert caught.value.field == "phones"


def test_empty_phone_is_required() -> None:
    assert _code(normalize_phone, "   ") is ErrorCode.REQUIRED


def test_local_phone_is_the_inverse_for_display() -> None:
    assert local_phone(normalize_phone("+218 91 234 5678")) == "0912345678"


# -- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1985-03-15", date(1985, 3, 15)),
        ("1985-3-5", date(1985, 3, 5)),
        ("15/03/1985", date(1985, 3, 15)),
        ("5/3/1985", date(1985, 3, 5)),
        ("15-03-1985", date(1985, 3, 15)),
        ("15.03.1985", date(1985, 3, 15)),
        ("١٥/٠٣/١٩٨٥", date(1985, 3, 15)),  # Arabic-Indic digits
        ("  1985-03-15 ", date(1985, 3, 15)),
        ("29/02/2024", date(2024, 2, 29)),  # leap day in a leap year
        ("2000-02-29", date(2000, 2, 29)),  # divisible by 400: leap
    ],
)
def test_date_parsed(raw: str, expected: date) -> None:
    assert parse_date(raw, "birth_date") == expected


@pytest.mark.parametrize(
    "raw",
    [
        "29/02/2023",  # no leap day that year
        "1900-02-29",  # divisible by 100, not by 400: not leap
        "31/04/1990",
        "1990-13-01",
        "00/01/1990",
        "1985/03/15",  # year first needs dashes
        "15/03/85",  # two-digit year
        "03-15",
        "yesterday",
        "١٥ مارس ١٩٨٥",
    ],
)
def test_date_rejected(raw: str) -> None:
    assert _code(parse_date, raw, "birth_date") is ErrorCode.DATE_FORMAT


def test_empty_date_is_required() -> None:
    assert _code(parse_date, " ", "birth_date") is ErrorCode.REQUIRED


@pytest.mark.parametrize(
    ("born", "today"),
    [
        (TODAY, TODAY),  # born today
        (date(1985, 3, 15), TODAY),
        (date(1906, 11, 22), TODAY),  # exactly 120 today
        (
            date(1900, 2, 28),
            date(2020, 2, 29),
        ),  # today is 29 Feb, 120 years ago was not a leap year
        (date(1908, 2, 29), date(2028, 2, 29)),
    ],
)
def test_birth_date_accepted(born: date, today: date) -> None:
    assert check_birth_date(born, today) == born


@pytest.mark.parametrize(
    ("born", "today", "code"),
    [
        (date(2026, 11, 23), TODAY, ErrorCode.BIRTH_IN_FUTURE),
        (date(2030, 1, 1), TODAY, ErrorCode.BIRTH_IN_FUTURE),
        (date(1906, 11, 21), TODAY, ErrorCode.TOO_OLD),  # 120 years and a day
        (date(1850, 1, 1), TODAY, ErrorCode.TOO_OLD),
        (date(1900, 2, 27), date(2020, 2, 29), ErrorCode.TOO_OLD),
        (date(1908, 2, 28), date(2028, 2, 29), ErrorCode.TOO_OLD),
    ],
)
def test_birth_date_rejected(born: date, today: date, code: ErrorCode) -> None:
    with pytest.raises(DomainError) as caught:
        check_birth_date(born, today)
    assert caught.value.code is code
    assert caught.value.field == "birth_date"
