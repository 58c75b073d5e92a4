"""The checks every value passes where it enters the branch, whatever the entry point.

A value that the branch stores must also be storable at headquarters (PostgreSQL), or the
next sync is refused there and the branch is stuck. So text holds no control character
(`app.domain.text_rules`: one-line fields refuse tab and line breaks too, multi-line texts
keep them) and is no longer than its column, and a whole number fits a 32-bit Integer column
and is not negative. Each refusal is a coded DomainError naming the field: a form shows it
beside the field, the importer reports it for the row.

The widths are the database's (app.db.models, app.db.case_models, app.db.sync_models); the
domain may not import the database, so tests/domain/test_column_limits.py checks that every
limit the validators use still fits its column.
"""

from __future__ import annotations

from app.domain.errors import DomainError, ErrorCode
from app.domain.text_rules import CONTROL, CONTROL_SINGLE_LINE

# The largest value of an Integer column (PostgreSQL's integer is 32 bits, signed).
INT32_MAX = 2**31 - 1
# A record's id (a UUID as text): String(36).
RECORD_ID_MAX_LENGTH = 36
# A municipality code: String(16).
MUNICIPALITY_CODE_MAX_LENGTH = 16
# A branch's name, as HQ keeps it (hq_branches.name, String(120)).
BRANCH_NAME_MAX_LENGTH = 120


def control_character(text: str, *, multiline: bool = False) -> str | None:
    """The first character of `text` no stored text may hold, as "U+001B", or None."""
    found = (CONTROL if multiline else CONTROL_SINGLE_LINE).search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"


def refuse_control(text: str, field: str, *, multiline: bool = False) -> str:
    """`text` unchanged, or CONTROL_CHARACTER naming `field` and the character."""
    found = control_character(text, multiline=multiline)
    if found is not None:
        raise DomainError(ErrorCode.CONTROL_CHARACTER, field=field, char=found)
    return text


def clean_line(
    raw: str | None,
    field: str,
    max_length: int,
    *,
    too_long: ErrorCode = ErrorCode.TEXT_TOO_LONG,
) -> str:
    """One line of text (names, numbers, codes, addresses), trimmed.

    White space around it is dropped; inside it, any control character (tab and line breaks
    included) is refused, and so is a text longer than `max_length`.
    """
    text = (raw or "").strip()
    refuse_control(text, field)
    if len(text) > max_length:
        raise DomainError(too_long, field=field, max=str(max_length))
    return text


def clean_lines(raw: str | None, field: str, max_length: int) -> str:
    """A multi-line text (notes, assessments, reasons), trimmed: line breaks and tabs are
    kept, every other control character is refused, and so is a text over `max_length`."""
    text = (raw or "").strip()
    refuse_control(text, field, multiline=True)
    if len(text) > max_length:
        raise DomainError(ErrorCode.TEXT_TOO_LONG, field=field, max=str(max_length))
    return text


def clean_record_id(raw: str | None, field: str) -> str:
    """A record id given by a form (a household, a head of household): one short line."""
    return clean_line(raw, field, RECORD_ID_MAX_LENGTH)


def check_whole_number(value: int, field: str, *, maximum: int = INT32_MAX) -> int:
    """`value` if 0 <= value <= `maximum` (by default what an Integer column holds)."""
    if value < 0:
        raise DomainError(ErrorCode.NEGATIVE_AMOUNT, field=field)
    if value > maximum:
        raise DomainError(ErrorCode.NUMBER_TOO_LARGE, field=field, max=str(maximum))
    return value
