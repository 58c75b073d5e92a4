"""The FTS5 search index over normalized name parts and identifiers (SQLite only).

Rows are keyed by `beneficiaries.local_id`. Index and query both go through
`app.domain.arabic.search_tokens`, so spelling variants meet in the middle.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.domain.arabic import search_tokens, to_western_digits

COLUMNS = ("first", "father", "grandfather", "family", "mother", "ids", "pos")
_ARTICLE = "ال"


def index_values(
    name_parts: Sequence[str],
    mother_name: str,
    identifiers: Iterable[str],
    phones: Iterable[str],
    latin_name: str = "",
) -> tuple[str, ...]:
    """The column values of a beneficiary's index row.

    `pos` repeats the four name parts' words tagged with their place (1 first name ... 4 family
    name): "name order" tiers then intersect exact doclists instead of filtering by column,
    which FTS5 does by walking every row that holds the words anywhere.
    """
    parts = [" ".join(search_tokens(p)) for p in name_parts]
    ids: list[str] = list(identifiers)
    for e164 in phones:
        national = e164.removeprefix("+218")
        ids.extend((national, "0" + national))
    pos = " ".join(f"{i}{word}" for i, part in enumerate(parts, 1) for word in part.split())
    return (*parts, " ".join(search_tokens(mother_name)), " ".join(ids), pos)


def put(session: Session, local_id: int, values: tuple[str, ...]) -> None:
    session.execute(text("DELETE FROM beneficiary_search WHERE rowid = :r"), {"r": local_id})
    session.execute(
        text(
            "INSERT INTO beneficiary_search(rowid, first, father, grandfather, family, mother, ids,"
            " pos) VALUES (:r, :a, :b, :c, :d, :e, :f, :g)"
        ),
        dict(zip("rabcdefg", (local_id, *values), strict=True)),
    )


def remove(session: Session, local_id: int) -> None:
    session.execute(text("DELETE FROM beneficiary_search WHERE rowid = :r"), {"r": local_id})


def _term(token: str, prefix: bool) -> str:
    # Tokens are word characters only (search_tokens splits on everything else): safe to quote.
    return f'"{token}"' + ("*" if prefix else "")


@dataclass(frozen=True, slots=True)
class _Word:
    """One term of a tier: a word (or its variants), exact or a prefix, anywhere or in place."""

    variants: tuple[str, ...]
    prefix: bool
    place: str = ""

    def expression(self) -> str:
        terms = [_term(self.place + v, self.prefix) for v in self.variants]
        return terms[0] if len(terms) == 1 else f"({' OR '.join(terms)})"

    def found_in(self, words: _RowWords) -> bool:
        pool = words.placed if self.place else words.anywhere
        wanted = [self.place + v for v in self.variants]
        if self.prefix:
            return any(w.startswith(v) for v in wanted for w in pool)
        return any(v in pool for v in wanted)


@dataclass(frozen=True, slots=True)
class _RowWords:
    anywhere: frozenset[str]
    placed: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Tier:
    words: tuple[_Word, ...]

    def expression(self) -> str:
        return " AND ".join(w.expression() for w in self.words)

    def matches(self, row: _RowWords) -> bool:
        return all(w.found_in(row) for w in self.words)


def _last_word(token: str, place: str = "") -> _Word:
    """The last word, a prefix. While the article is being typed ("الو" on the way to
    "الورفلي") the index holds the word without it: match either spelling. `place` is the
    positional tag (see index_values) or "" for anywhere."""
    if token.startswith(_ARTICLE) and len(token) == len(_ARTICLE) + 1:
        return _Word((token, token[len(_ARTICLE) :]), True, place)
    return _Word((token,), True, place)


# A query made only of digits and phone punctuation is one number, however it is grouped.
_NUMBER_QUERY = re.compile(r"[\s\-+().]*\d[\d\s\-+().]*")
# The country code as normalize_phone accepts it: +218, 00218, or a bare 218 before 8-9 digits
# (no national number starts with 218: that would be a birth year in the 1800s).
_COUNTRY_CODE = re.compile(r"^(?:(?:\+|00)218|218(?=\d{8}))")


def _number_terms(query: str) -> list[str] | None:
    """The digits of a phone or national number query as they are indexed, or None.

    "+218 91 234 5678", "00218912345678" and "091-234-5678" all find the same phone.
    """
    text = to_western_digits(query).strip()
    if not _NUMBER_QUERY.fullmatch(text):
        return None
    digits = _COUNTRY_CODE.sub("", re.sub(r"[\s\-().]", "", text))  # phones: no country code
    digits = digits.replace("+", "")
    return [digits] if digits else None


def match_expressions(query: str) -> list[str]:
    """FTS5 MATCH expressions from the best kind of hit to the loosest.

    1. the words in name order (first, father, grandfather, family), the last one a prefix;
    2. the first word as first name and the last as family name, the rest anywhere;
    3. every word anywhere (names, mother's name, identifiers, phones).
    A query that is one number (a national number or a phone in any usual form) is matched
    as that number, a prefix.
    """
    return [tier.expression() for tier in _plan(query)]


def _plan(query: str) -> list[_Tier]:
    tokens = _number_terms(query) or search_tokens(query)
    if not tokens:
        return []
    # Search as you type: "عبد ا" is "عبد الله" half typed (normalized, "عبد ال…" is one word).
    if len(tokens) >= 2 and tokens[-2] == "عبد" and _ARTICLE.startswith(tokens[-1]):
        tokens = [*tokens[:-2], tokens[-2] + tokens[-1]]
    tiers = _tiers(tokens)
    # "احمد ال": only the article of the next word so far. Words that begin with it come first,
    # then everything the words before it find, as they did one key press earlier.
    if len(tokens) >= 2 and _ARTICLE.startswith(tokens[-1]):
        tiers += _tiers(tokens[:-1])
    unique: dict[str, _Tier] = {}
    for tier in tiers:
        unique.setdefault(tier.expression(), tier)
    return list(unique.values())


def _tiers(tokens: list[str]) -> list[_Tier]:
    n = len(tokens)
    anywhere = [_Word((t,), False) for t in tokens[:-1]] + [_last_word(tokens[-1])]
    tiers: list[_Tier] = []
    if not any(t.isdigit() for t in tokens):
        if n <= 4:
            places = [_Word((t,), False, str(i)) for i, t in enumerate(tokens[:-1], 1)]
            tiers.append(_Tier((*places, _last_word(tokens[-1], str(n)))))
        if n >= 2:
            first = _Word((tokens[0],), False, "1")
            tiers.append(_Tier((first, *anywhere[1:-1], _last_word(tokens[-1], "4"))))
    tiers.append(_Tier(tuple(anywhere)))
    return tiers


def search_local_ids(session: Session, query: str, limit: int, offset: int = 0) -> list[int]:
    """Up to `limit` local ids after `offset`, best tier first, each id once.

    The loosest tier holds every other tier's rows, and it is asked first: when it has no
    more than a page, its rows are ranked here from their indexed words, sparing the tighter
    queries (which are the slow ones exactly when matches are few). Otherwise the tiers are
    asked in order until the page is full.
    """
    plan = _plan(query)
    if not plan:
        return []
    wanted = offset + limit
    loose = [r for (r,) in session.execute(_MATCH, {"q": plan[-1].expression(), "n": wanted + 1})]
    if len(loose) <= wanted:
        if len(plan) > 1 and len(loose) > 1:
            marks = ",".join(str(int(r)) for r in loose)  # integers: safe to inline
            words = session.execute(text(_WORDS.format(marks=marks))).all()
            ranks = {row[0]: _rank(plan, row) for row in words}
            loose.sort(key=lambda r: (ranks.get(r, len(plan)), r))
        return loose[offset:wanted]
    found: dict[int, None] = {}
    for tier in plan[:-1]:
        rows = session.execute(_MATCH, {"q": tier.expression(), "n": wanted + len(found)})
        for (rowid,) in rows:
            found.setdefault(rowid)
        if len(found) >= wanted:
            return list(found)[offset:wanted]
    for rowid in loose:  # the loosest tier's answer, asked for above
        found.setdefault(rowid)
    if len(found) < wanted:
        rows = session.execute(_MATCH, {"q": plan[-1].expression(), "n": wanted + len(found)})
        for (rowid,) in rows:
            found.setdefault(rowid)
    return list(found)[offset:wanted]


_MATCH = text("SELECT rowid FROM beneficiary_search WHERE beneficiary_search MATCH :q LIMIT :n")
_WORDS = (
    "SELECT rowid, first, father, grandfather, family, mother, ids, pos "
    "FROM beneficiary_search WHERE rowid IN ({marks})"
)


def _rank(plan: list[_Tier], row: Sequence[object]) -> int:
    anywhere = frozenset(w for value in row[1:7] for w in str(value or "").split())
    words = _RowWords(anywhere, frozenset(str(row[7] or "").split()))
    return next((i for i, tier in enumerate(plan) if tier.matches(words)), len(plan))
