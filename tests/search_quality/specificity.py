"""Is a query of the variant set fair? An oracle that knows nothing of the app's search.

A query is *specific* when few people of the world hold every word of it that stands for one
of its target's words: if more than five people hold them all, no ranking can promise the
target a place in the top 5, and the query tests luck, not search. The oracle folds text its
own crude way (every rule of issue 13, generously: a wrong merge only makes it stricter),
lines each query word up with the target word it stands for (at most two edits, or a prefix
for the word being typed), and counts the people who hold all of those words among their own
names (and, for a mother's-name query, among their mother's name too).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from tests.search_quality.variant_set import Query, Target

NOT_NAMES = frozenset({"latin", "arabic_digits", "number_forms"})  # checked otherwise
_DROP = re.compile("[\u064b-\u065f\u0670\u0640\u00ad\ufeff\u2060\u200b\u200e\u200f\u061c]")
_SPACE = re.compile("[\u200c\u200d\u00a0\\s]+")
_FOLD = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ۃ": "ه", "ۀ": "ه",
        "ە": "ه", "ھ": "ه", "ہ": "ه", "ؤ": "و", "ئ": "ي", "ء": None,
    }
)  # fmt: skip
_HEADS = frozenset({"عبد", "ابو", "بو", "ابن", "بن", "ام"})


def fold(text: str) -> list[str]:
    """Words of `text`, folded generously (see the module's docstring)."""
    text = _DROP.sub("", unicodedata.normalize("NFKC", text))
    words = _SPACE.sub(" ", text.translate(_FOLD)).strip().split(" ")
    joined: list[str] = []
    for word in words:
        if joined and (joined[-1] in _HEADS or word == "الدين"):
            joined[-1] += word
        else:
            joined.append(word)
    return [_bare(w) for w in joined if w]


def _bare(word: str) -> str:
    for head in ("ابو", "ابن"):
        if word.startswith(head) and len(word) > len(head):
            word = word[1:]
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


def _distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def intended(query: Query, target: Target) -> tuple[set[str], str]:
    """The target's words the query's words stand for, and the prefix being typed (or "")."""
    words = fold(query.text)
    own = fold(target.full_name) + fold(target.mother)
    found: dict[int, str] = {}
    for i, q in enumerate(words):
        near = [t for t in own if _distance(q, t) <= (2 if len(q) >= 4 else 1)]
        if near:
            found[i] = min(near, key=lambda t: _distance(q, t))
    prefix = ""
    last = len(words) - 1
    if words and last not in found:
        for start in (last - 1, last):  # "ضياء الد": the compound being typed is two words
            typed = "".join(words[max(start, 0) :])
            if start >= 0 and any(t.startswith(typed) for t in own):
                prefix = typed
                found.pop(start, None)
                break
    return set(found.values()), prefix


def mother_words(query: Query, target: Target, words: set[str]) -> bool:
    """Does the query stand for the target's mother (all or some of her name)?"""
    return query.kind == "mother_only" or not words <= set(fold(target.full_name))


class People:
    """The world's people as folded word sets, with an inverted index."""

    def __init__(self, rows: Iterable[Sequence[str]]) -> None:
        self.own: list[frozenset[str]] = []
        self.mother: list[frozenset[str]] = []
        self.index: dict[str, set[int]] = {}
        self.mother_index: dict[str, set[int]] = {}
        for n, (first, father, grand, family, mother) in enumerate(rows):
            own = frozenset(fold(f"{first} {father} {grand} {family}"))
            moth = frozenset(fold(mother))
            self.own.append(own)
            self.mother.append(moth)
            for w in own:
                self.index.setdefault(w, set()).add(n)
            for w in moth:
                self.mother_index.setdefault(w, set()).add(n)

    def holding(self, words: set[str], prefix: str, mother: bool) -> int:
        """How many people hold all `words` (and a word starting with `prefix`)."""
        total: set[int] = set()
        places = [(self.index, self.own)] + ([(self.mother_index, self.mother)] if mother else [])
        for index, sets in places:
            if words:
                rows = set.intersection(*(index.get(w, set()) for w in words))
            else:
                rows = set(range(len(sets)))
            if prefix:
                rows = {r for r in rows if any(w.startswith(prefix) for w in sets[r] - words)}
            total |= rows
        return len(total)
