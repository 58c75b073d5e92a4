"""A person's readable number: `<branch>-P-<seq>`, e.g. TRP01-P-000123.

The branch that registers a person numbers them from its own counter, so numbers are unique
nationally without asking anyone: the branch code is unique, and a branch never gives one of
its numbers twice (app.services.person_numbers). The number is printed, scanned, searched and
put in file names; the UUID stays the record's identity inside the system. A number never
changes once given, and is never typed into a record by hand.
"""

from __future__ import annotations

import re

from app.domain.arabic import to_western_digits

MARK = "P"  # between the branch code and the sequence: a person, not a case (TRP01-2026-…)
DIGITS = 6  # at least; a branch past 999,999 people simply gets longer numbers
_NUMBER = re.compile(r"^([A-Z0-9]{2,12})-P-(\d{1,12})$")
# Any dash a keyboard or a word processor may put in (hyphen, minus, en and em dash, Arabic
# tatweel is not a dash and is left alone).
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d", "-"))


def format_person_number(branch_code: str, seq: int) -> str:
    """`<branch>-P-<seq>` with at least six digits: TRP01-P-000123."""
    if seq < 1:
        raise ValueError("a person number's sequence starts at 1")
    return f"{branch_code.upper()}-{MARK}-{seq:0{DIGITS}d}"


def parse_person_number(text: str) -> tuple[str, int] | None:
    """(branch, seq) of a typed or scanned person number, else None.

    Typing is forgiving: lower case, Arabic-Indic digits, surrounding spaces and odd dashes
    are accepted (`trp01-p-٠٠٠١٢٣`)."""
    cleaned = to_western_digits((text or "").strip()).translate(_DASHES).upper()
    match = _NUMBER.match(cleaned)
    if match is None:
        return None
    seq = int(match.group(2))
    if seq < 1:
        return None
    return match.group(1), seq


def normalize_person_number(text: str) -> str | None:
    """The number as stored (TRP01-P-000123) for what a user typed, or None if it is not one.
    A number typed without its leading zeros (`trp01-p-123`) finds the stored one."""
    parsed = parse_person_number(text)
    return format_person_number(*parsed) if parsed else None


def person_number_prefix(branch_code: str) -> str:
    """What every number a branch gives begins with: `TRP01-P-`."""
    return f"{branch_code.upper()}-{MARK}-"


def sequence_of(number: str, branch_code: str) -> int | None:
    """The sequence of one of `branch_code`'s numbers (None for another branch's, or junk)."""
    parsed = parse_person_number(number)
    if parsed is None or parsed[0] != branch_code.upper():
        return None
    return parsed[1]


def is_branch_number(number: object, branch_code: str) -> bool:
    """Is `number` a well-formed person number given by `branch_code` (HQ's ownership check)."""
    return (
        isinstance(number, str)
        and number == (normalize_person_number(number) or "")
        and number.startswith(person_number_prefix(branch_code))
    )
