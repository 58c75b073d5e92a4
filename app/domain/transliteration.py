"""A transliteration key: what an Arabic name and its Latin spellings have in common.

Passports and foreign documents carry names in Latin letters, spelt many ways (Mohamed,
Mohammed, Muhammad, Mhamed; Alwarfalli, Elwarfali, Al-Warfalli). Both scripts are reduced to
the same consonant skeleton, so `Mohamed Ali Alwarfalli` meets محمد علي الورفلي:

- vowels are dropped (Latin a e i o u, Arabic ا ى ع ء and the long vowels و ي), except a
  word-initial w or y (وليد = Walid = "wld", يوسف = Youssef = "ysf");
- letters Latin spellings confuse share a class: ج ق ك غ خ = j g q k c kh gh ("k");
  س ص ش ز = s z sh ch ("s"); ت ط ث = t th; د ض ذ ظ = d dh; ح ه = h; ف = f v ph; ب = b p;
- a letter written twice is one (Mohammed), and a final h is dropped (فاطمة = Fatma = Fatimah);
- Latin joins what Arabic writes as one word: Abdel Rahman, Abu Bakr, Ben Ghalboun, Alaa Eddine,
  Al Warfalli; a Latin word beginning with al/el is tried with and without it, and th/dh as one
  letter or two (Fathi = فتحي).

The key is coarse on purpose (it is a fallback tier ranked with the others by how many words
match, never a reason to merge two people).
"""

from __future__ import annotations

import re
import unicodedata
from itertools import product

_ARABIC = {
    "ب": "b",
    "ت": "t",
    "ث": "t",
    "ج": "k",
    "ح": "h",
    "خ": "k",
    "د": "d",
    "ذ": "d",
    "ر": "r",
    "ز": "s",
    "س": "s",
    "ش": "s",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "d",
    "غ": "k",
    "ف": "f",
    "ق": "k",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
}
_SEMIVOWELS = {"و": "w", "ي": "y", "w": "w", "y": "y"}
_LATIN = {
    "b": "b",
    "p": "b",
    "t": "t",
    "j": "k",
    "g": "k",
    "q": "k",
    "k": "k",
    "c": "k",
    "x": "ks",
    "h": "h",
    "d": "d",
    "r": "r",
    "s": "s",
    "z": "s",
    "f": "f",
    "v": "f",
    "l": "l",
    "m": "m",
    "n": "n",
}
# Digraphs, each a list of readings: th and dh are one letter (ث ذ) or two (فتحي = Fathi).
_DIGRAPHS = {
    "kh": ("k",),
    "gh": ("k",),
    "sh": ("s",),
    "ch": ("s",),
    "ph": ("f",),
    "ck": ("k",),
    "th": ("t", "th"),
    "dh": ("d", "dh"),
}
_DIGRAPH = re.compile("kh|gh|sh|ch|ph|ck|th|dh")
# Latin words joined to the next one, and to the one before.
_LATIN_HEADS = frozenset(
    {"abd", "abdel", "abdul", "abdal", "abdoul", "abu", "abou", "bu", "bou", "ben", "bin", "ibn",
     "al", "el", "ul", "um", "oum", "umm"}
)  # fmt: skip
_LATIN_TAILS = re.compile(
    r"^(?:[aeu]?d?din[e]?|[aeu]?d?deen|[ae]l?din[e]?|[aeu]l?lah?|ullah|[aeu]l[-]?islam)$"
)
_LATIN_WORD = re.compile(r"[a-z]+(?:['\-][a-z]+)*")
_ARTICLES = ("al", "el")
_MAX_READINGS = 4


def has_latin(text: str) -> bool:
    """True when `text` holds a Latin letter."""
    return any("a" <= c <= "z" for c in _fold_latin(text))


def arabic_key(word: str) -> str:
    """The skeleton of one normalized Arabic word (`app.domain.arabic.search_tokens`)."""
    out: list[str] = []
    for i, ch in enumerate(word):
        if ch in _SEMIVOWELS:
            if i == 0:
                out.append(_SEMIVOWELS[ch])
        else:
            out.append(_ARABIC.get(ch, ""))
    return _finish("".join(out))


def latin_keys(text: str) -> list[tuple[str, ...]]:
    """For each word of a Latin text (after joining compounds), its possible skeletons."""
    return [readings for w in _latin_words(text) if (readings := _latin_readings(w))]


def latin_index_keys(text: str) -> list[str]:
    """Every skeleton of a stored Latin name (each word, each reading), for the index."""
    return sorted({k for readings in latin_keys(text) for k in readings})


def _fold_latin(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# ad-Din written with the article assimilated (Eddine, Uddin, Salaheddin): al-Din, as in Arabic.
_DIN = re.compile(r"(?:[aeiou]d|[aeiou]?dd|[ae]l|[aeiou]ld)d?(?:in|ine|een)$")


def _latin_words(text: str) -> list[str]:
    words = [w.replace("-", "").replace("'", "") for w in _LATIN_WORD.findall(_fold_latin(text))]
    words = [_DIN.sub("aldin", w) if len(w) > 3 else w for w in words]
    joined: list[str] = []
    for word in reversed(words):  # right to left, as Arabic compounds are joined
        if joined and (word in _LATIN_HEADS or _LATIN_TAILS.match(joined[-1])):
            joined[-1] = word + joined[-1]
        else:
            joined.append(word)
    joined.reverse()
    return joined


def _latin_readings(word: str) -> tuple[str, ...]:
    forms = [word]
    for article in _ARTICLES:
        if word.startswith(article) and len(word) >= len(article) + 3:
            forms.append(word[len(article) :])
    keys: list[str] = []
    for form in forms:
        for key in _latin_skeletons(form):
            if key and key not in keys:
                keys.append(key)
    return tuple(keys[:_MAX_READINGS])


def _latin_skeletons(word: str) -> list[str]:
    pieces: list[tuple[str, ...]] = []
    at = 0
    for match in _DIGRAPH.finditer(word):
        pieces.extend((_latin_letter(c, at + i),) for i, c in enumerate(word[at : match.start()]))
        pieces.append(_DIGRAPHS[match[0]])
        at = match.end()
    pieces.extend((_latin_letter(c, at + i),) for i, c in enumerate(word[at:]))
    choices = list(product(*pieces))[:_MAX_READINGS]
    return [_finish("".join(choice)) for choice in choices]


def _latin_letter(ch: str, position: int) -> str:
    if ch in _SEMIVOWELS:
        return _SEMIVOWELS[ch] if position == 0 else ""
    return _LATIN.get(ch, "")


def _finish(skeleton: str) -> str:
    collapsed = re.sub(r"(.)\1+", r"\1", skeleton)
    return collapsed[:-1] if len(collapsed) > 1 and collapsed.endswith("h") else collapsed
