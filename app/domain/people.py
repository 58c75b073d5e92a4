"""Validation of the pieces that make up a person: names, national number, phones, dates."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from enum import StrEnum

from app.domain.arabic import clean_pasted, normalize_arabic, to_western_digits
from app.domain.errors import DomainError, ErrorCode
from app.domain.field_checks import refuse_control

MAX_AGE_YEARS = 120
# The width of a name column (String(60)), and of the mother's matching key (mother_key).
NAME_MAX_LENGTH = 60

# Arabic letters (no digits, no Arabic punctuation), harakat/tatweel, and the joiners people
# type between name parts: space, hyphen, apostrophe, ZWNJ/ZWJ.
_ARABIC_NAME = re.compile(
    "^[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u064b-\u065f\u0670\u0640 \\-'\u200c\u200d]+$"
)
# At least one real letter: tatweel (U+0640) and marks alone are not a name.
_ARABIC_LETTER = re.compile("[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]")
_SPACES = re.compile(r"\s+")

# The width of beneficiaries.latin_name (String(120)): four name parts as a passport writes them.
LATIN_NAME_MAX_LENGTH = 120
# Latin letters, with the accented ones of the Latin-1 Supplement and Latin Extended-A/B
# blocks (é, ü, ç, ğ, ş...) but not × and ÷; and the joiners a passport name uses: space,
# hyphen, apostrophe (straight or typographic), dot.
_LATIN_NAME = re.compile("^[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f \\-'\u2019.]+$")
_DIRECTION_MARKS = "\u200e\u200f\u061c"
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")


class Sex(StrEnum):
    MALE = "M"
    FEMALE = "F"


def clean_arabic_name(raw: str, field: str, *, required: bool = True) -> str:
    """Trim and collapse spaces; reject anything but Arabic letters and the usual joiners.

    White space around the name is dropped; a control character inside it (a tab, a line
    break, NUL, ESC...) is refused. A paste is cleaned first: presentation forms (a name
    copied from a PDF) become letters and invisible marks (a trailing RLM, a BOM) go.
    The name and its matching key must fit their columns: a few letters (ٵ ٶ ٷ ٸ) become two
    in the key, so a long name's key is measured too.
    """
    text = (raw or "").strip()
    refuse_control(text, field)
    value = _SPACES.sub(" ", clean_pasted(text).strip())
    if not value:
        if required:
            raise DomainError(ErrorCode.REQUIRED, field=field)
        return ""
    if len(value) > NAME_MAX_LENGTH:
        raise DomainError(ErrorCode.NAME_TOO_LONG, field=field, max=str(NAME_MAX_LENGTH))
    if not _ARABIC_NAME.match(value) or not _ARABIC_LETTER.search(value):
        raise DomainError(ErrorCode.NAME_NOT_ARABIC, field=field)
    # A letter's key is at most two characters: only a long name can have a key too long.
    if 2 * len(value) > NAME_MAX_LENGTH and len(normalize_arabic(value)) > NAME_MAX_LENGTH:
        raise DomainError(ErrorCode.NAME_TOO_LONG, field=field, max=str(NAME_MAX_LENGTH))
    return value


def clean_latin_name(raw: str, field: str = "latin_name") -> str:
    """A name in Latin letters as a passport writes it ("Mohamed Ali Alwarfalli"), or "".

    Trimmed, runs of spaces collapsed, otherwise kept as entered (no change of case). Only
    Latin letters (accented ones too), spaces, hyphens, apostrophes and dots; at least one
    letter; at most LATIN_NAME_MAX_LENGTH characters. A control character is refused.
    """
    text = refuse_control((raw or "").strip(), field)
    # Direction marks a paste from a right-to-left document carries around the name.
    text = text.strip(_DIRECTION_MARKS).strip()
    value = _SPACES.sub(" ", unicodedata.normalize("NFC", text))
    if not value:
        return ""
    if len(value) > LATIN_NAME_MAX_LENGTH:
        raise DomainError(ErrorCode.NAME_TOO_LONG, field=field, max=str(LATIN_NAME_MAX_LENGTH))
    if not _LATIN_NAME.match(value) or not _LATIN_LETTER.search(value):
        raise DomainError(ErrorCode.LATIN_NAME_INVALID, field=field)
    return value


# The separators people type between day, month and year; "٫" and "،" are the Arabic
# decimal separator and comma, which an Arabic keyboard gives on the keys of "." and ",".
_DATE_SEPARATORS = "/.\\-\u066b\u060c, "
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")  # year first: ISO's dashes only
_DMY = re.compile(rf"(\d{{1,2}})[{_DATE_SEPARATORS}]+(\d{{1,2}})[{_DATE_SEPARATORS}]+(\d{{4}})")
_COMPACT = re.compile(r"(\d{2})(\d{2})(\d{4})")


def parse_date(raw: str, field: str) -> date:
    """A date as people write it: day first (15/03/1979, 15-3-1979, 15.03.1979, 15031979)
    or in ISO form (1979-03-15); Arabic-Indic digits and Arabic separators too.

    Day first is the Libyan habit; eight digits without separators are day, month, year (as
    on the national identity card). A text that is not a real day raises DATE_FORMAT.
    """
    text = refuse_control(to_western_digits((raw or "").strip()), field)
    if not text:
        raise DomainError(ErrorCode.REQUIRED, field=field)
    text = text.strip("\u200e\u200f\u061c")  # direction marks a paste may carry
    parts: tuple[str, str, str] | None = None
    if match := _ISO.fullmatch(text):
        parts = (match[1], match[2], match[3])
    elif (match := _DMY.fullmatch(text)) or (match := _COMPACT.fullmatch(text)):
        parts = (match[3], match[2], match[1])
    if parts is not None:
        try:
            return date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError:
            pass
    raise DomainError(ErrorCode.DATE_FORMAT, field=field)


def check_birth_date(born: date, today: date, field: str = "birth_date") -> date:
    """No birth in the future; nobody older than MAX_AGE_YEARS."""
    if born > today:
        raise DomainError(ErrorCode.BIRTH_IN_FUTURE, field=field)
    try:
        limit = today.replace(year=today.year - MAX_AGE_YEARS)
    except ValueError:  # 29 February
        limit = today.replace(year=today.year - MAX_AGE_YEARS, day=28)
    if born < limit:
        raise DomainError(ErrorCode.TOO_OLD, field=field, max=str(MAX_AGE_YEARS))
    return born


# An estimated birth date (no papers: "about 35", "born in 1979") is kept as the middle of
# its year, the day that is at most six months from the truth whatever it was.
ESTIMATED_MONTH_DAY = (7, 1)
_AGE_OR_YEAR = re.compile(r"\d{1,4}")


def estimated_birth_date(year: int, today: date) -> date:
    """The day an estimated birth in `year` is stored as (never after today)."""
    return min(date(year, *ESTIMATED_MONTH_DAY), today)


def is_year_only(born: date) -> bool:
    """Is an estimated `born` a year only (shown as the year, not as a day)?"""
    return (born.month, born.day) == ESTIMATED_MONTH_DAY


def parse_birth_date(raw: str, field: str, today: date, *, estimated: bool = False) -> date:
    """A birth date as typed. When it is an estimate, a year (1979) or an age in years (35)
    is accepted too and becomes the middle of that year; a full date is kept as typed."""
    text = to_western_digits((raw or "").strip())
    if estimated and _AGE_OR_YEAR.fullmatch(text):
        number = int(text)
        if len(text) == 4:
            year = number
        elif number <= MAX_AGE_YEARS:
            year = today.year - number
        else:
            raise DomainError(ErrorCode.TOO_OLD, field=field, max=str(MAX_AGE_YEARS))
        if year < 1:
            raise DomainError(ErrorCode.DATE_FORMAT, field=field)
        if year > today.year:
            raise DomainError(ErrorCode.BIRTH_IN_FUTURE, field=field)
        return check_birth_date(estimated_birth_date(year, today), today, field)
    return check_birth_date(parse_date(raw, field), today, field)


def clean_national_number(raw: str, field: str = "national_number") -> str:
    """Twelve digits (Arabic-Indic accepted, spaces and dashes ignored)."""
    text = refuse_control(to_western_digits((raw or "").strip()), field)
    digits = re.sub(r"[\s\-]", "", text)
    if not re.fullmatch(r"\d{12}", digits):
        raise DomainError(ErrorCode.NATIONAL_NUMBER_FORMAT, field=field)
    return digits


def check_national_number(
    number: str, sex: Sex | None, born: date | None, field: str = "national_number"
) -> None:
    """Law 8/2014: digit 1 is the sex (1 male, 2 female), digits 2-5 the year of birth.

    The 12th digit's check algorithm is not published, so it is not enforced.
    """
    if number[0] not in "12":
        raise DomainError(ErrorCode.NATIONAL_NUMBER_FORMAT, field=field)
    encoded_sex = Sex.MALE if number[0] == "1" else Sex.FEMALE
    if sex is not None and encoded_sex != sex:
        raise DomainError(ErrorCode.NATIONAL_NUMBER_SEX_MISMATCH, field=field)
    if born is not None and number[1:5] != f"{born.year:04d}":
        raise DomainError(ErrorCode.NATIONAL_NUMBER_YEAR_MISMATCH, field=field, year=number[1:5])


# Libyan mobile prefixes 91, 92, 93, 94, 95 and geographic area codes
# (21 Tripoli, 61 Benghazi, ...).
_LIBYAN_NATIONAL = re.compile(r"^(9[1-5]\d{7}|[2-8]\d{7,8})$")


def normalize_phone(raw: str, field: str = "phone") -> str:
    """Libyan number in any usual form (091…, 021…, +218…, 00218…) -> E.164 (+218…)."""
    text = refuse_control(to_western_digits((raw or "").strip()), field)
    if not text:
        raise DomainError(ErrorCode.REQUIRED, field=field)
    compact = re.sub(r"[\s\-().]", "", text)
    if compact.startswith("+218"):
        national = compact[4:]
    elif compact.startswith("00218"):
        national = compact[5:]
    elif compact.startswith("218") and len(compact) >= 11:
        national = compact[3:]
    elif compact.startswith("0"):
        national = compact[1:]
    else:
        national = compact
    national = national.removeprefix("0")  # +218 091... written with the trunk zero
    if not _LIBYAN_NATIONAL.fullmatch(national):
        raise DomainError(ErrorCode.PHONE_FORMAT, field=field)
    return "+218" + national


def local_phone(e164: str) -> str:
    """+218912345678 -> 0912345678 (how people say and search it)."""
    return "0" + e164.removeprefix("+218")
