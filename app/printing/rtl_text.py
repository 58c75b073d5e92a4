"""Arabic text for reportlab: shaping, wrapping in logical order, and bidi line by line.

reportlab draws glyphs left to right and neither joins Arabic letters nor reorders
right-to-left text. So, for every paragraph:
1. split it into words in *logical* order and measure each word as it will be drawn (shaped);
2. wrap the words into lines of the available width, still in logical order;
3. only then turn each line into its visual form (arabic-reshaper, then python-bidi's
   algorithm with a right-to-left base) and strip the bidi control characters, which would
   print as boxes.
Doing bidi before wrapping puts the first sentence on the last line (../shared/arabic-notes.md).
Values that must read left to right inside Arabic (phone numbers, ids, case numbers) are
wrapped in LRE … PDF by `ltr()` so that bidi keeps them whole and in order.
"""

from __future__ import annotations

import re
from functools import lru_cache

from arabic_reshaper import ArabicReshaper
from bidi.algorithm import get_display
from reportlab.pdfbase.pdfmetrics import stringWidth

LRE = "\u202a"
RLE = "\u202b"
PDF_MARK = "\u202c"
_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"[ \t\u00a0]+")
# Keep harakat (a name may be vocalized); shaping needs the default ligatures only.
_RESHAPER = ArabicReshaper(configuration={"delete_harakat": False})


def ltr(value: str) -> str:
    """Mark `value` (a phone number, an id, a case number) to stay left-to-right and whole."""
    return f"{LRE}{value}{PDF_MARK}" if value else value


@lru_cache(maxsize=65536)
def shape(text: str) -> str:
    """Arabic letters in their joined forms, still in logical order."""
    return str(_RESHAPER.reshape(text))


@lru_cache(maxsize=65536)
def visual(text: str, rtl: bool = True) -> str:
    """One line, shaped and reordered for drawing left to right; controls removed."""
    shaped = shape(text)
    drawn = get_display(shaped, base_dir="R" if rtl else "L")
    return _CONTROLS.sub("", drawn)


@lru_cache(maxsize=65536)
def word_width(word: str, font: str, size: float) -> float:
    return stringWidth(_CONTROLS.sub("", shape(word)), font, size)


def _split_long(word: str, font: str, size: float, width: float) -> list[str]:
    """A word wider than the line (a long id, a URL): cut it where it must be cut."""
    parts: list[str] = []
    current = ""
    for char in word:
        if current and word_width(current + char, font, size) > width:
            parts.append(current)
            current = char
        else:
            current += char
    if current:
        parts.append(current)
    return parts


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines of `text` in logical order, each at most `width` points wide when drawn.

    Newlines in `text` are kept as line breaks; an empty line stays an empty line.
    """
    lines: list[str] = []
    space = word_width(" ", font, size)
    for raw in (text or "").split("\n"):
        words = [w for w in _SPACES.split(raw.strip()) if w]
        if not words:
            lines.append("")
            continue
        current: list[str] = []
        used = 0.0
        for word in words:
            w = word_width(word, font, size)
            if w > width:
                pieces = _split_long(word, font, size, width)
                if current:
                    lines.append(" ".join(current))
                lines.extend(pieces[:-1])
                current, used = [pieces[-1]], word_width(pieces[-1], font, size)
                continue
            needed = w if not current else used + space + w
            if current and needed > width:
                lines.append(" ".join(current))
                current, used = [word], w
            else:
                current.append(word)
                used = needed
        if current:
            lines.append(" ".join(current))
    return lines


def text_width(text: str, font: str, size: float) -> float:
    return word_width(text, font, size)
