"""The text in a printed form's QR code, and reading it back from a scanner.

A person's code carries their readable number in lower case (`sanad:b:trp01-p-000123`); a
household's and a case's carry their ids, and so did a person's on forms printed before
person numbers (`sanad:b:<uuid>`): both are still read.

A USB scanner "types" the code into the search box. When the keyboard layout is Arabic, the
letters arrive as the Arabic letters on the same keys (a → ش, p → ح, ...), so the reader maps
them back before matching. Digits, ':' and '-' are the same on both layouts. One key is
ambiguous: b gives لا, which is also g then h (ل ا); a person number read that way is given
with every reading (`number_readings`), and the desk opens the one that exists.
"""

from __future__ import annotations

import re
from enum import StrEnum
from itertools import product

from app.domain.person_numbers import normalize_person_number

PREFIX = "sanad"
_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_CODE = re.compile(rf"^sanad:([bhc]):({_UUID})$")
_NUMBER_CODE = re.compile(r"^sanad:b:([0-9a-z]{2,12}-p-\d{1,12})$")
# The Arabic (101) layout: the character each unshifted Latin key gives (as X11 and Windows
# lay it out). "لا" is one key (b), and also g (ل) then h (ا).
_ARABIC_KEYS = {
    "ض": "q", "ص": "w", "ث": "e", "ق": "r", "ف": "t", "غ": "y", "ع": "u", "ه": "i",
    "خ": "o", "ح": "p", "ش": "a", "س": "s", "ي": "d", "ب": "f", "ل": "g", "ا": "h",
    "ت": "j", "ن": "k", "م": "l", "ك": ";", "ئ": "z", "ء": "x", "ؤ": "c", "ر": "v",
    "لا": "b", "\ufefb": "b", "ى": "n", "ة": "m",
}  # fmt: skip
_AMBIGUOUS = "\x00"  # where a لا stood: b, or g then h


class RecordKind(StrEnum):
    BENEFICIARY = "b"
    HOUSEHOLD = "h"
    CASE = "c"


def record_code(kind: RecordKind, record_id: str) -> str:
    """A household's or case's id, or a person's number (or id), as a QR code's text."""
    return f"{PREFIX}:{kind.value}:{record_id.lower()}"


def _latin(text: str) -> str:
    raw = text.strip().replace("لا", _AMBIGUOUS).replace("\ufefb", _AMBIGUOUS)
    for arabic, latin in _ARABIC_KEYS.items():
        if len(arabic) == 1 and arabic != "\ufefb":
            raw = raw.replace(arabic, latin)
    return raw.lower()


def _readings(raw: str) -> list[str]:
    """Every text `raw` may have been, one per reading of each ambiguous key (b first)."""
    parts = raw.split(_AMBIGUOUS)
    if len(parts) > 7:  # no real code has that many: read them all as b
        return ["b".join(parts)]
    out = []
    for choice in product(("b", "gh"), repeat=len(parts) - 1):
        text = parts[0]
        for piece, part in zip(choice, parts[1:], strict=True):
            text += piece + part
        out.append(text)
    return out


def number_readings(text: str) -> tuple[str, ...]:
    """The person numbers a scanned code may carry (every reading of a لا), or () if it
    carries none."""
    found: list[str] = []
    for raw in _readings(_latin(text or "")):
        match = _NUMBER_CODE.match(raw)
        number = normalize_person_number(match.group(1)) if match else None
        if number is not None and number not in found:
            found.append(number)
    return tuple(found)


def parse_record_code(text: str) -> tuple[RecordKind, str] | None:
    """(kind, id or person number) if `text` is a scanned record code (in either keyboard
    layout), else None. A person number comes back as stored (TRP01-P-000123)."""
    for raw in _readings(_latin(text or "")):
        match = _CODE.match(raw)
        if match is not None:
            return RecordKind(match.group(1)), match.group(2)
    numbers = number_readings(text)
    if numbers:
        return RecordKind.BENEFICIARY, numbers[0]
    return None
