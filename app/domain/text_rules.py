"""What a stored text may contain, the same at the branch's entry points and at HQ.

Control characters have no place in a registry: NUL cannot even be stored by PostgreSQL, and
an ANSI escape sequence (ESC, U+001B) in a name would be echoed to a terminal by the command
line. Refused: every C0 control but tab, line feed and carriage return (kept for multi-line
notes), DEL, and the C1 controls U+0080-U+009F. Format characters (bidi marks, ZWNJ…) are a
matter of Arabic normalization, not of this rule.
"""

from __future__ import annotations

import re

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Single-line fields (names, numbers, codes, addresses) refuse line breaks and tabs too.
CONTROL_SINGLE_LINE = re.compile("[\x00-\x1f\x7f-\x9f]")


def has_control(text: str, *, multiline: bool = True) -> bool:
    """True when `text` holds a character no stored text may hold."""
    pattern = CONTROL if multiline else CONTROL_SINGLE_LINE
    return pattern.search(text) is not None
