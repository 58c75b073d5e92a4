"""Arabic text for reportlab: one bidi path for every printed line.

reportlab draws glyphs left to right and neither joins Arabic letters nor reorders
right-to-left text. So, for every paragraph:
1. split it into words in *logical* order and measure each word as it will be drawn (shaped);
   a phone number written in groups ("+218 92 555 0147") is one word and never wrapped apart;
2. wrap the words into lines of the available width, still in logical order;
3. only then turn each line into its visual form with `visual()`.
Doing bidi before wrapping puts the first sentence on the last line (../shared/arabic-notes.md).

`visual()` runs the Unicode bidi algorithm (python-bidi's `bidi.algorithm`, which mirrors
brackets) over the whole logical line, right-to-left base, with every *left-to-right unit*
treated as a directional isolate (LRI … PDI in UAX #9): to the text around it the unit is one
neutral character, and inside it the characters keep their left-to-right order. The units are
- phone numbers in each Libyan form: "+218 92 555 0147", "00218925550147", "091-234-5678",
  "092 555 0147";
- numbers and codes with separators: "2026-03-15", "15/03/2026", "112/2026", "1,250.000",
  "10:30", "A-5521";
- any value the caller marked with `ltr()` (generated ids, dates), unless it holds Arabic.
Latin words ("Misrata", "Save the Children") are strong left-to-right letters: the algorithm
already keeps a run of them whole. Plain digit runs ("2011") too. What the algorithm alone gets
wrong, and the units fix: "+" and "-" between digits after Arabic are neutral, so a phone or an
ISO date prints reversed ("0147 555 92 218+", "15-03-2026"). Marking units with embeddings
(LRE … PDF) instead of isolates garbles the brackets beside them ("منذ 2011 (7 أفراد)" →
"منذ 7) 2011 أفراد)"): an embedding is a strong neighbour, an isolate is not. python-bidi's
algorithm predates isolates, so they are done here: each unit is replaced by U+FFFC (a neutral)
for the algorithm, and drawn back in its place afterwards.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from arabic_reshaper import ArabicReshaper
from bidi import algorithm as uba
from reportlab.pdfbase.pdfmetrics import stringWidth

LRI = "\u2066"
PDI = "\u2069"
_PLACEHOLDER = "\ufffc"  # OBJECT REPLACEMENT CHARACTER: bidi class ON (neutral), never typed
# Bidi controls typed or pasted into text print as boxes; LRI/PDI are ours (see `ltr`).
_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_FOREIGN_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2067\u2068]")
_SPACES = re.compile(r"[ \t\u00a0]+")
_RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
# Keep harakat (a name may be vocalized); shaping needs the default ligatures only.
_RESHAPER = ArabicReshaper(configuration={"delete_harakat": False})

# A value marked by ltr(); an isolate cut by wrapping runs to the end of its line.
_MARKED = f"{LRI}[^{LRI}{PDI}]*(?:{PDI}|$)"
# Phone numbers: "+" or "00" then digit groups, or a local 0xx number in groups.
_PHONE = r"(?:\+|(?<![\w+])00)\d+(?:[ \-.]\d+)*|(?<![\w+])0\d{1,3}(?:[ \-.]\d{2,4}){1,3}"
# Numbers and codes with separators (dates, file numbers, amounts, times, "A-5521").
_CODE = r"\+?[A-Za-z\d]+(?:[\-/.:,_][A-Za-z\d]+)+|\+\d+"
_UNIT_CANDIDATE = re.compile(f"{_MARKED}|{_PHONE}|{_CODE}")
_DIGITS = re.compile(r"\d")


def ltr(value: str) -> str:
    """Mark `value` (an id, a generated number, a date) to print whole, left to right.

    A value with Arabic letters in it is returned as is: typed text prints the same way
    wherever it appears, through the one path of `visual()`.
    """
    if not value or _RTL_LETTER.search(value):
        return value
    return f"{LRI}{value}{PDI}"


def _is_unit(match: str) -> bool:
    if match.startswith(LRI):
        return True
    digits = len(_DIGITS.findall(match))
    if " " in match:  # only a phone number written in groups joins words
        return match.startswith(("+", "0")) and 9 <= digits <= 15
    if match.startswith("+"):
        return digits >= 1
    return digits >= 1 and any(sep in match for sep in "-/.:,_")


def units(line: str) -> list[tuple[int, int]]:
    """The (start, end) spans of the left-to-right units of a logical line."""
    spans: list[tuple[int, int]] = []
    for match in _UNIT_CANDIDATE.finditer(line):
        text = match.group(0)
        if _is_unit(text):
            spans.append(match.span())
        elif " " in text:  # digit groups that are no phone: each group on its own
            for part in re.finditer(r"[^ ]+", text):
                if _is_unit(part.group(0)):
                    start = match.start() + part.start()
                    spans.append((start, start + len(part.group(0))))
    return spans


@lru_cache(maxsize=65536)
def shape(text: str) -> str:
    """Arabic letters in their joined forms, still in logical order."""
    return str(_RESHAPER.reshape(text))


_PAIRS = {"(": ")", "[": "]", "{": "}", "\u2045": "\u2046", "\u2329": "\u232a", "\u27e8": "\u27e9"}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}
_STRONG = {"L": "L", "R": "R", "AL": "R", "EN": "R", "AN": "R"}


def _bracket_pairs(chars: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """BD16 of UAX #9: the paired brackets of a level run, in the order of their openers."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for index, char in enumerate(chars):
        if char["type"] != "ON":
            continue
        if char["ch"] in _PAIRS:
            if len(stack) == 63:
                break
            stack.append((_PAIRS[char["ch"]], index))
        elif char["ch"] in _CLOSERS:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == char["ch"]:
                    pairs.append((stack[depth][1], index))
                    del stack[depth:]
                    break
    return sorted(pairs)


def _resolve_brackets(chars: list[dict[str, Any]], embedding: str) -> None:
    """N0 of UAX #9, which python-bidi's algorithm predates: a bracket pair takes the direction
    of the text inside it (the embedding direction first), or of the text before it, so that
    "(SCI)" after "Save the Children" stays with it and "(7 أفراد)" stays Arabic.

    The line is one level run (its bidi controls are removed before), so the run is the line.
    """
    for opening, closing in _bracket_pairs(chars):
        inside = {_STRONG.get(c["type"]) for c in chars[opening + 1 : closing]} - {None}
        if not inside:
            continue
        if embedding in inside:
            direction = embedding
        else:
            # Opposite text inside: the brackets follow the text before them (sos: embedding).
            direction = next(
                (_STRONG[c["type"]] for c in reversed(chars[:opening]) if c["type"] in _STRONG),
                embedding,
            )
        chars[opening]["type"] = chars[closing]["type"] = direction


def _reorder(text: str, rtl: bool) -> list[tuple[str, int]]:
    """The characters of `text` in visual order, each with its logical index, mirrored where
    the algorithm mirrors them (brackets on a right-to-left level)."""
    storage = uba.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    uba.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    _resolve_brackets(storage["chars"], "R" if rtl else "L")
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    uba.reorder_resolved_levels(storage, False)
    uba.apply_mirroring(storage, False)
    return [(str(char["ch"]), int(char["index"])) for char in storage["chars"]]


@lru_cache(maxsize=65536)
def visual(text: str, rtl: bool = True) -> str:
    """One logical line as drawn left to right: shaped, reordered, units whole, no controls."""
    line = _FOREIGN_CONTROLS.sub("", text).replace(_PLACEHOLDER, "")  # a pasted one is ours
    pieces: list[str] = []
    held: list[str] = []
    last = 0
    for start, end in units(line):
        pieces += [line[last:start], _PLACEHOLDER]
        held.append(_CONTROLS.sub("", line[start:end]))
        last = end
    pieces.append(line[last:])
    logical = shape(_CONTROLS.sub("", "".join(pieces)))
    # The n-th placeholder in logical order holds the n-th unit.
    slots = [i for i, char in enumerate(logical) if char == _PLACEHOLDER]
    unit_at = dict(zip(slots, held, strict=True))
    out = []
    for char, index in _reorder(logical, rtl):
        out.append(_unit_visual(unit_at[index]) if char == _PLACEHOLDER else char)
    return "".join(out)


def _unit_visual(unit: str) -> str:
    """A unit drawn left to right (the algorithm with a left-to-right base, no units inside)."""
    return "".join(char for char, _ in _reorder(shape(unit), rtl=False))


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


def _words(raw: str) -> list[str]:
    """The words of one logical line; a unit with spaces in it (a phone number) is one word."""
    keep = [(s, e) for s, e in units(raw) if _SPACES.search(raw[s:e])]
    words: list[str] = []
    last = 0
    glued = ""
    for start, end in keep:
        before = _SPACES.split(raw[last:start])
        before[0] = glued + before[0]
        words += before[:-1]
        glued = before[-1] + raw[start:end]
        last = end
    rest = _SPACES.split(raw[last:])
    rest[0] = glued + rest[0]
    words += rest
    return [w for w in words if w]


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines of `text` in logical order, each at most `width` points wide when drawn.

    Newlines in `text` are kept as line breaks; an empty line stays an empty line.
    """
    lines: list[str] = []
    space = word_width(" ", font, size)
    for raw in (text or "").split("\n"):
        words = _words(raw.strip())
        if not words:
            lines.append("")
            continue
        current: list[str] = []
        used = 0.0
        while words:
            word = words.pop(0)
            w = word_width(word, font, size)
            if w > width and _SPACES.search(word):  # a phone wider than the line: by groups
                words[:0] = _SPACES.split(word)
                continue
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
