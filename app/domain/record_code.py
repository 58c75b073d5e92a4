"""The text in a printed form's QR code, and reading it back from a scanner.

A USB scanner "types" the code into the search box. When the keyboard layout is Arabic, the
letters arrive as the Arabic letters on the same keys (a → ش, b → لا, ...), so the reader maps
them back before matching. Digits and '-' are the same on both layouts.
"""

from __future__ import annotations

import re
from enum import StrEnum

PREFIX = "sanad"
_CODE = re.compile(
    r"^sanad:([bhc]):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$"
)
# The Arabic (101) layout: the character each Latin key gives, for the keys a code uses.
_ARABIC_KEYS = {
    "ش": "a", "لا": "b", "ؤ": "c", "ي": "d", "ث": "e", "ب": "f", "ه": "h",
    "ى": "n", "س": "s", "ك": ";",
}  # fmt: skip


class RecordKind(StrEnum):
    BENEFICIARY = "b"
    HOUSEHOLD = "h"
    CASE = "c"


def record_code(kind: RecordKind, record_id: str) -> str:
    return f"{PREFIX}:{kind.value}:{record_id.lower()}"


def parse_record_code(text: str) -> tuple[RecordKind, str] | None:
    """(kind, id) if `text` is a scanned record code (in either keyboard layout), else None."""
    raw = (text or "").strip()
    for arabic, latin in sorted(_ARABIC_KEYS.items(), key=lambda kv: -len(kv[0])):
        raw = raw.replace(arabic, latin)
    match = _CODE.match(raw.lower())
    if match is None:
        return None
    return RecordKind(match.group(1)), match.group(2)
