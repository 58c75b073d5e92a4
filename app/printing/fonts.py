"""The print fonts: Amiri (SIL OFL), embedded in every PDF Sanad writes, with a text layer
that reads as letters.

Amiri carries Arabic with its presentation forms, Latin, digits and punctuation, so one font
covers a whole form (reportlab has no fallback and silently drops glyphs a font lacks).

Lines are drawn shaped and in visual order (`rtl_text.visual`), like the PDFs of word
processors. What a viewer copies or searches comes from the font's ToUnicode map: reportlab
maps each glyph to the character it was drawn from, a presentation form ("ﺍﻟﻮﺭﻓﻠﻲ"), so
`pdftotext` and a viewer's search find the typed name only after NFKC. `_LetterFont` maps each
presentation form to its plain letters instead; the viewer then puts the right-to-left runs
back in reading order as it does for any PDF. A ligature of two letters (lam-alef) maps to
them in drawn order, right to left, since the viewer reverses the run they sit in.
Marked-content /ActualText spans were tried first and rejected: poppler (22.12) spreads the
span's text over the drawn line and then reverses it like drawn text, so a logical ActualText
comes out backwards.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Any

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont, makeToUnicodeCMap

from app.resources import resources_dir

REGULAR = "Amiri"
BOLD = "Amiri-Bold"


def _letters(code: int) -> str:
    """What a viewer should read for the glyph drawn for `code`: plain letters for an Arabic
    presentation form (a ligature's letters in drawn order), the character itself otherwise."""
    char = chr(code)
    if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFC:
        return unicodedata.normalize("NFKC", char)[::-1]
    return char


def to_unicode_cmap(font_name: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap of a subset, with presentation forms mapped to letters."""
    cmap = makeToUnicodeCMap(font_name, subset)
    begin = f"{len(subset)} beginbfchar"
    head, _, tail = cmap.partition(begin)
    entries = [
        f"<{i:02X}> <{_letters(code).encode('utf-16-be').hex().upper()}>"
        for i, code in enumerate(subset)
    ]
    rest = tail.split("endbfchar", 1)[1]
    return "\n".join([head + begin, *entries, "endbfchar" + rest])


class _LetterFont(TTFont):
    """A TrueType font whose embedded subsets read as letters (see the module's docstring)."""

    def addObjects(self, doc: Any) -> None:
        subsets = [list(s) for s in self.state[doc].subsets]
        super().addObjects(doc)
        for n, subset in enumerate(subsets):
            name = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))
            base = name.decode("pdfdoc")
            stream = doc.idToObject["toUnicodeCMap:" + base]
            stream.content = to_unicode_cmap(base, subset)


@cache
def register_fonts() -> None:
    """Register Amiri with reportlab once per process (subset and embedded on use)."""
    folder = resources_dir() / "fonts"
    pdfmetrics.registerFont(_LetterFont(REGULAR, str(folder / "Amiri-Regular.ttf")))
    pdfmetrics.registerFont(_LetterFont(BOLD, str(folder / "Amiri-Bold.ttf")))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
