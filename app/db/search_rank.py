"""Relevance: the order in which search shows the people a query finds.

People are ranked by

1. the reading of the query they match (a compound being typed, joined, comes first);
2. how their names hold the words:
   0. all words in name order from the first name (محمد علي: محمد first name, علي after it);
   1. all words in name order elsewhere (father's, grandfather's and family names typed);
   2. all words in their own four names, in another order;
   3. all words in their mother's name (a person looked for by the mother's name);
   4. all words somewhere (names, mother's name, numbers, phones mixed; or a Latin name);
   10 and above: the same, where a word was found only with one letter wrong (the typo tier,
   `app.db.search_fuzzy`);
3. how many words they match exactly rather than as a beginning (the word being typed) or
   with a typo: fewer inexact words first;
4. the most recently registered first (the highest local id).

The index's tiers (`app.db.search_plan`) ask for the same order, so a long answer paged tier
by tier and a short one ranked here agree. This module ranks rows already found.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from app.db.search_plan import LATIN_TAG, MOTHER, PLACES, Reading, Word
from app.domain.transliteration import arabic_key

RankKey = tuple[int, int, int, int]
_EXACT, _BEGUN, _TYPO = 3, 2, 1
_IDS = 6
_LATIN_NAME = 7
_ANY = (*PLACES, MOTHER, _IDS, _LATIN_NAME)
FUZZY = 10
UNRANKED: RankKey = (99, 99, 99, 0)


@dataclass(frozen=True, slots=True)
class RowWords:
    """An index row's words by place: 1-4 the names, 5 the mother, 6 numbers, 7 Latin name."""

    rowid: int
    words: Mapping[int, frozenset[str]]
    keys: Mapping[int, frozenset[str]]  # transliteration keys: the names' (1-4), Latin name's (7)

    @classmethod
    def of(cls, row: Sequence[object], *, latin: bool = True) -> RowWords:
        """From (rowid, first, father, grandfather, family, mother, ids, pos); the
        transliteration keys only when `latin` (a query with Latin words)."""
        words = {
            place: frozenset(str(row[place] or "").split()) for place in (*PLACES, MOTHER, _IDS)
        }
        if not latin:
            return cls(int(str(row[0])), words, {})
        keys = {place: frozenset(_keys(words[place])) for place in PLACES}
        named = frozenset(k for ks in keys.values() for k in ks)
        stored = frozenset(
            t[len(LATIN_TAG) :] for t in str(row[7] or "").split() if t.startswith(LATIN_TAG)
        )
        keys[_LATIN_NAME] = stored - named
        return cls(int(str(row[0])), words, keys)


def _keys(words: frozenset[str]) -> list[str]:
    return [k for w in words if (k := _arabic_key(w))]


@lru_cache(maxsize=65536)
def _arabic_key(word: str) -> str:
    return arabic_key(word)


def rank(
    readings: Sequence[Reading],
    row: RowWords,
    typos: Mapping[tuple[int, int], frozenset[str]] | None = None,
) -> RankKey:
    """The row's rank key (lower first). `typos[(reading, word)]` are the indexed words one
    edit away from that word (the typo tier)."""
    best = UNRANKED
    for r, reading in enumerate(readings):
        found = _reading_rank(reading, row, typos or {}, r)
        if found is not None:
            best = min(best, (r, *found, -row.rowid))
    return best


def _reading_rank(
    reading: Reading, row: RowWords, typos: Mapping[tuple[int, int], frozenset[str]], r: int
) -> tuple[int, int] | None:
    qualities = [
        _qualities(word, row, typos.get((r, i), frozenset()))
        for i, word in enumerate(reading.words)
    ]
    for floor, offset in ((_BEGUN, 0), (_TYPO, FUZZY)):
        places = [{p for p, q in found.items() if q >= floor} for found in qualities]
        if not all(places):
            continue
        category = _category(reading, places, qualities)
        if category is not None:
            cat, last_exact_at = category
            inexact = sum(1 for found in qualities[:-1] if max(found.values()) < _EXACT)
            inexact += 0 if last_exact_at else 1
            return cat + offset, inexact
    return None


def _category(
    reading: Reading, places: list[set[int]], qualities: list[dict[int, int]]
) -> tuple[int, bool] | None:
    """(category, whether the last word is exact where the category needs it)."""
    last = qualities[-1]
    exact_last = {p for p, q in last.items() if q == _EXACT}
    names = set(PLACES)
    if not reading.number and not reading.latin:
        for cat, from_first in ((0, True), (1, False)):
            for last_places, exact in ((places[-1] & exact_last, True), (places[-1], False)):
                if _in_order([*places[:-1], last_places], from_first):
                    return cat, exact
        if len(reading.words) > 1 and all(p & names for p in places):
            return 2, bool(places[-1] & exact_last & names)
        if all(MOTHER in p for p in places):
            return 3, MOTHER in exact_last
        return 4, bool(exact_last & places[-1])
    if all(p & names for p in places) and reading.latin:
        for cat, from_first in ((0, True), (1, False)):
            if _in_order([p & names for p in places], from_first):
                return cat, bool(exact_last & names)
        return 2, bool(exact_last & names)
    return 4, bool(exact_last & places[-1])


def _in_order(places: list[set[int]], from_first: bool) -> bool:
    """Whether each word can take a name part after the one before (the first word the
    first name when `from_first`, and not the first name otherwise)."""
    if not places[0]:
        return False
    previous = 0
    for i, found in enumerate(places):
        options = sorted(p for p in found if p in PLACES and p > previous)
        if i == 0 and from_first:
            options = [1] if 1 in options else []
        elif i == 0:
            options = [p for p in options if p != 1]
        if not options:
            return False
        previous = options[0]
    return True


def _qualities(word: Word, row: RowWords, typos: frozenset[str]) -> dict[int, int]:
    """How well `word` matches at each place (only the places where it does)."""
    found: dict[int, int] = {}
    pool = row.keys if word.latin else row.words
    for place in _ANY:
        words = pool.get(place)
        if not words:
            continue
        if any(v in words for v in word.exact):
            found[place] = _EXACT
        elif word.prefixes and any(w.startswith(p) for p in word.prefixes for w in words):
            found[place] = _BEGUN
        elif typos and not typos.isdisjoint(words):
            found[place] = _TYPO
    return found
