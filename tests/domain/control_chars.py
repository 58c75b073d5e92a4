"""The characters the field-check tests put into values: those refused in every text, the line
breaks refused in one-line fields; where to put one (inside a value, never at an end) and the
error parameters naming it. The day and municipality codes the validations are run with.
"""

from __future__ import annotations

from datetime import date

TODAY = date(2026, 11, 22)
CODES = frozenset({"LY021104", "LY010304"})
NUL, ESC = "\x00", "\x1b"
# Refused in every text, one line or several: C0 controls but tab/LF/CR, DEL, C1 controls.
NEVER = [NUL, ESC, "\x07", "\x08", "\x0b", "\x0c", "\x1f", "\x7f", "\x85", "\x9b"]
# Refused in one-line fields only.
LINE_BREAKS = ["\t", "\n", "\r"]


def char_params(ch: str) -> dict[str, str]:
    return {"char": f"U+{ord(ch):04X}"}


def inside(value: str, ch: str) -> str:
    """`ch` inside `value` (never at an end, where white space is trimmed)."""
    return value[:1] + ch + value[1:]
