"""Arabic text normalization for search and matching.

One function, `normalize_arabic`, decides when two spellings are "the same" for the registry:
harakat, tatweel and invisible joiners are dropped, alef forms and the alef maqsura / ta
marbuta variants are folded, the definite article is optional, "عبد ال…" is one word however
it was spaced, and Arabic-Indic digits become 0-9. Index and query go through the same
function, so whatever it folds is found both ways.
"""

from __future__ import annotations

import re
import unicodedata

# U+0610..U+061A Quranic marks, U+064B..U+065F harakat, U+0670 dagger alef,
# U+06D6..U+06ED Quranic annotation signs, U+0640 tatweel, and the invisible format characters
# (zero-width space/joiners, LRM/RLM, ALM) that names may carry between letters.
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u061c]")
# The same minus hamza above/below and madda (U+0653..U+0655): those compose with alef, waw and
# yeh (و + ٔ = ؤ), so they must survive until NFKC has composed them. Everything else is removed
# *before* NFKC so that a mark between two letters can never block or change a composition.
_MARKS_BEFORE_NFKC = re.compile(
    "[\u0610-\u061a\u064b-\u0652\u0656-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u061c]"
)
_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        "ى": "ي",
        "ی": "ي",  # Persian yeh, common from some keyboards
        "ة": "ه",
        "ک": "ك",  # Persian keheh
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Extended Arabic-Indic digits
    }
)
# Anything that is not a letter or digit separates words.
_SEPARATORS = re.compile(r"[^\w]+|_")
# Compound first parts written both joined and apart:
# "عبد الله" == "عبدالله", "ابو بكر" == "ابوبكر".
_COMPOUND_HEADS = frozenset({"عبد", "ابو", "ام", "بو"})
_COMPOUND_TAILS_NEED_AL = frozenset({"عبد"})
_ARTICLE = "ال"


def to_western_digits(text: str) -> str:
    """Arabic-Indic and extended Arabic-Indic digits to 0-9; nothing else changes."""
    return text.translate(_DIGITS_ONLY)


_DIGITS_ONLY = str.maketrans(
    {**{chr(0x0660 + d): str(d) for d in range(10)}, **{chr(0x06F0 + d): str(d) for d in range(10)}}
)


def _strip_article(word: str) -> str:
    while word.startswith(_ARTICLE) and len(word) >= len(_ARTICLE) + 2:
        word = word[len(_ARTICLE) :]
    return word


def _merge_and_strip(words: list[str]) -> list[str]:
    # Right to left, so that nested compounds merge the same however they were spaced:
    # "ابو عبد الله" -> "ابو" + "عبدالله" -> "ابوعبدالله", as "ابو عبدالله" does.
    merged: list[str] = []
    for word in reversed(words):
        if (
            merged
            and word in _COMPOUND_HEADS
            and (word not in _COMPOUND_TAILS_NEED_AL or merged[-1].startswith(_ARTICLE))
        ):
            merged[-1] = word + merged[-1]
        else:
            merged.append(word)
    merged.reverse()
    return [_strip_article(w) for w in merged]


def search_tokens(text: str) -> list[str]:
    """The normalized words of `text`, in order. See the module docstring for what is folded."""
    text = unicodedata.normalize("NFKC", _MARKS_BEFORE_NFKC.sub("", text))  # presentation forms
    # NFKC may yield marks (from presentation forms) or leave hamza/madda uncomposed: drop them,
    # and compose again what their removal brought together, so a second pass changes nothing.
    text = unicodedata.normalize("NFKC", _MARKS.sub("", text))
    text = text.translate(_FOLD).casefold()
    words = [w for w in _SEPARATORS.split(text) if w]
    # Merging and stripping can enable each other ("الابو بكر"): run to a fixpoint so that
    # normalizing twice changes nothing (index and query must agree).
    while True:
        nxt = _merge_and_strip(words)
        if nxt == words:
            return words
        words = nxt


def normalize_arabic(text: str) -> str:
    """The matching key of `text`: its normalized words joined by single spaces."""
    return " ".join(search_tokens(text))
