"""What a search query asks for: its words, their spellings, and the FTS5 tiers that find them.

A query is read into one or more *readings* (word lists): the words as typed, and while a
compound is being typed ("ضياء الد…", "عبد ا…") the compound joined, tried first. Each word
carries the spellings that match it exactly and, for the last word (search as you type), the
beginnings that match as a prefix. Latin words carry transliteration keys instead
(`app.domain.transliteration`).

Each reading gives tiers, from the best kind of hit to the loosest (see `app.db.search_rank`
for the order and why):

0. the words in name order starting at the first name (محمد علي: first name محمد, and علي as
   father, grandfather or family name);
1. the words in name order elsewhere (the father's, grandfather's and family names);
2. every word in the person's own names, in any order;
3. every word in the mother's name;
4. every word anywhere (names, mother's name, identifiers, phones, transliteration keys).

A tier whose last word is a prefix is asked twice: the last word complete, then begun.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations

from app.domain.arabic import search_tokens, to_western_digits
from app.domain.transliteration import has_latin, latin_keys

_ARTICLE = "ال"
_TAIL_STARTS = ("الدين", "الله", "الاسلام")
_ABD_AL = "عبدال"
_ABD_TAILS = ("ربه", "ربو")  # عبد ربه: the one عبد compound without the article
_Build = Callable[[bool], str]  # an expression, given whether the last word must be complete
LATIN_TAG = "x"  # transliteration keys are indexed as "x" + key (never an Arabic word)
PLACES = (1, 2, 3, 4)
MOTHER = 5


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a query: exact spellings, prefixes (last word only), transliteration."""

    exact: tuple[str, ...]
    prefixes: tuple[str, ...] = ()
    latin: bool = False

    def terms(self, place: int | str = "", *, last_exact: bool = False) -> str:
        tag = LATIN_TAG if self.latin else str(place)
        if self.prefixes and not last_exact:  # a prefix also finds the word itself
            terms = [f'"{tag}{v}"*' for v in self.prefixes]
        else:
            terms = [f'"{tag}{v}"' for v in self.exact]
        return terms[0] if len(terms) == 1 else f"({' OR '.join(terms)})"


@dataclass(frozen=True, slots=True)
class Tier:
    """One FTS5 MATCH expression and the rank it stands for."""

    expression: str
    reading: int
    category: int
    last_exact: bool


@dataclass(frozen=True, slots=True)
class Reading:
    words: tuple[Word, ...]
    number: bool = False

    @property
    def latin(self) -> bool:
        return any(w.latin for w in self.words)

    def tiers(self, index: int) -> list[Tier]:
        split = bool(self.words[-1].prefixes and self.words[-1].exact)
        tiers: list[Tier] = []
        for category, expression in self._expressions():
            if expression is None:
                continue
            if split:
                tiers.append(Tier(expression(True), index, category, True))
            tiers.append(Tier(expression(False), index, category, False))
        return tiers

    def anywhere(self) -> str:
        return self._all_anywhere(False)

    def _expressions(self) -> list[tuple[int, _Build | None]]:
        n = len(self.words)
        if self.number or self.latin:
            return [(4, self._all_anywhere)]
        placements = list(combinations(PLACES, n)) if n <= len(PLACES) else []
        from_first = [p for p in placements if p[0] == 1]
        elsewhere = [p for p in placements if p[0] != 1]
        return [
            (0, self._placed(from_first) if from_first else None),
            (1, self._placed(elsewhere) if elsewhere else None),
            (2, self._own_names if n > 1 else None),
            (3, self._mother),
            (4, self._all_anywhere),
        ]

    def _placed(self, placements: list[tuple[int, ...]]) -> _Build:
        def build(last_exact: bool) -> str:
            groups = [
                " AND ".join(
                    w.terms(p, last_exact=last_exact and i == len(self.words) - 1)
                    for i, (w, p) in enumerate(zip(self.words, placement, strict=True))
                )
                for placement in placements
            ]
            return groups[0] if len(groups) == 1 else " OR ".join(f"({g})" for g in groups)

        return build

    def _own_names(self, last_exact: bool) -> str:
        return " AND ".join(
            "("
            + " OR ".join(w.terms(p, last_exact=self._exact(i, last_exact)) for p in PLACES)
            + ")"
            for i, w in enumerate(self.words)
        )

    def _mother(self, last_exact: bool) -> str:
        inner = " AND ".join(
            w.terms(last_exact=self._exact(i, last_exact)) for i, w in enumerate(self.words)
        )
        return f"mother : ({inner})"

    def _all_anywhere(self, last_exact: bool) -> str:
        return " AND ".join(
            w.terms(last_exact=self._exact(i, last_exact)) for i, w in enumerate(self.words)
        )

    def _exact(self, i: int, last_exact: bool) -> bool:
        return last_exact and i == len(self.words) - 1


# A query made only of digits and phone punctuation is one number, however it is grouped.
_NUMBER_QUERY = re.compile(r"[\s\-+().]*\d[\d\s\-+().]*")
# The country code as normalize_phone accepts it: +218, 00218, or a bare 218 before 8-9 digits
# (no national number starts with 218: that would be a birth year in the 1800s).
_COUNTRY_CODE = re.compile(r"^(?:(?:\+|00)218|218(?=\d{8}))")


def number_terms(query: str) -> list[str] | None:
    """The digits of a phone or national number query as they are indexed, or None.

    "+218 91 234 5678", "00218912345678" and "091-234-5678" all find the same phone.
    """
    text = to_western_digits(query).strip()
    if not _NUMBER_QUERY.fullmatch(text):
        return None
    digits = _COUNTRY_CODE.sub("", re.sub(r"[\s\-().]", "", text))  # phones: no country code
    digits = digits.replace("+", "")
    return [digits] if digits else None


def readings(query: str) -> list[Reading]:
    """The readings of a query, the most specific first."""
    number = number_terms(query)
    if number is not None:
        return [Reading((Word((), (number[0],)),), number=True)]
    if has_latin(query):
        return _latin_readings(query)
    tokens = search_tokens(query)
    if not tokens:
        return []
    raw = search_tokens(query, strip_article=False)
    raw_last = raw[-1] if len(raw) == len(tokens) else tokens[-1]
    found: list[Reading] = []
    # Search as you type: "عبد ا" is "عبد الله" half typed (normalized, "عبد ال…" is one word).
    if len(tokens) >= 2 and tokens[-2] == "عبد" and _ARTICLE.startswith(raw_last[:2]):
        tokens = raw = [*tokens[:-2], tokens[-2] + raw_last]
        raw_last = tokens[-1]
    # A compound tail being typed: "ضياء الد" on the way to "ضياء الدين", tried joined first.
    elif (
        len(tokens) >= 2
        and len(raw_last) >= 3
        and any(t.startswith(raw_last) for t in _TAIL_STARTS)
    ):
        found.append(_reading([*tokens[:-2], tokens[-2] + raw_last], tokens[-2] + raw_last))
    found.append(_reading(tokens, raw_last))
    # "احمد ال": only the article of the next word so far. Words that begin with it come first,
    # then everything the words before it find, as they did one key press earlier.
    if len(tokens) >= 2 and _ARTICLE.startswith(raw_last):
        found.append(_reading(tokens[:-1], tokens[-2]))
    return found


def _reading(tokens: list[str], raw_last: str) -> Reading:
    words = [Word((t,)) for t in tokens[:-1]]
    last = tokens[-1]
    prefixes = [last]
    if raw_last != last and raw_last.startswith(_ARTICLE):
        prefixes.append(raw_last)  # "اليا": إلياس is indexed with its ال, ياسر without
    elif last.startswith(_ARTICLE) and len(last) == len(_ARTICLE) + 1:
        prefixes.append(last[len(_ARTICLE) :])  # "الو": the index holds "ورفلي"
    elif last.startswith(_ABD_AL) and any(t.startswith(last[len(_ABD_AL) :]) for t in _ABD_TAILS):
        prefixes.append("عبد" + last[len(_ABD_AL) :])  # "عبد ر": عبد الرزاق or عبد ربه
    words.append(Word((last,), tuple(prefixes)))
    return Reading(tuple(words))


def _latin_readings(query: str) -> list[Reading]:
    words: list[Word] = []
    arabic = [t for t in search_tokens(re.sub(r"[A-Za-z\u00c0-\u024f]+", " ", query)) if t]
    keys = latin_keys(query)
    if not keys and not arabic:
        return []
    words.extend(Word((t,)) for t in arabic)
    for i, readings_of_word in enumerate(keys):
        if i == len(keys) - 1:
            words.append(Word(readings_of_word, readings_of_word, latin=True))
        else:
            words.append(Word(readings_of_word, latin=True))
    return [Reading(tuple(words))]
