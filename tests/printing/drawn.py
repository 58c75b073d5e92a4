"""What the forms draw, read as drawn: every string handed to the canvas, left to right.

The visual order of a printed line is the order of the glyphs in the string reportlab draws.
To write expectations a person can check, each run of Arabic letters is put back in reading
order (presentation forms to letters, the run reversed; a lam-alef ligature gives its two
letters), while the runs themselves keep their drawn places: `readable("ﺬﻨﻣ 2011")` is
"2011 منذ", which is how the line looks from left to right.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from reportlab.pdfgen.canvas import Canvas

_ARABIC_RUN = re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufefc]+")
_DRAWS = ("drawString", "drawRightString", "drawCentredString")


def _letters(char: str) -> str:
    plain = unicodedata.normalize("NFKC", char)
    return plain[::-1] if len(plain) > 1 else plain


def readable(drawn: str) -> str:
    """A drawn (visual) string with each Arabic run spelled in reading order."""
    return _ARABIC_RUN.sub(lambda m: "".join(_letters(c) for c in m.group(0))[::-1], drawn)


@contextmanager
def recording() -> Iterator[list[str]]:
    """Every string drawn on any canvas inside the block, readable, in drawing order."""
    seen: list[str] = []
    originals = {name: getattr(Canvas, name) for name in _DRAWS}

    def spy(original: Callable[..., Any]) -> Callable[..., Any]:
        def draw(self: Canvas, x: float, y: float, text: str, *args: Any, **kw: Any) -> Any:
            seen.append(readable(text))
            return original(self, x, y, text, *args, **kw)

        return draw

    try:
        for name, original in originals.items():
            setattr(Canvas, name, spy(original))
        yield seen
    finally:
        for name, original in originals.items():
            setattr(Canvas, name, original)
