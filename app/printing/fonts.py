"""The print fonts: Amiri (SIL OFL), embedded in every PDF Sanad writes.

Amiri carries Arabic with its presentation forms, Latin, digits and punctuation, so one font
covers a whole form (reportlab has no fallback and silently drops glyphs a font lacks).
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.resources import resources_dir

REGULAR = "Amiri"
BOLD = "Amiri-Bold"


@cache
def register_fonts() -> None:
    """Register Amiri with reportlab once per process (subset and embedded on use)."""
    folder = resources_dir() / "fonts"
    pdfmetrics.registerFont(TTFont(REGULAR, str(folder / "Amiri-Regular.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "Amiri-Bold.ttf")))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
