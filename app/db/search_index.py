"""The FTS5 search index over normalized name parts and identifiers (SQLite only).

Rows are keyed by `beneficiaries.local_id`. Index and query both go through
`app.domain.arabic.search_tokens`, so spelling variants meet in the middle. What a query asks
for is in `app.db.search_plan`, the order of the answer in `app.db.search_rank`, the typo tier
in `app.db.search_fuzzy`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Row, text
from sqlalchemy.orm import Session

from app.db import search_fuzzy
from app.db.search_plan import LATIN_TAG, Reading, Tier, Word, readings
from app.db.search_rank import RankKey, RowWords, rank
from app.domain.arabic import search_tokens
from app.domain.transliteration import arabic_key, latin_index_keys

COLUMNS = ("first", "father", "grandfather", "family", "mother", "ids", "pos")
LATIN_WINDOW = 1000


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
    which FTS5 does by walking every row that holds the words anywhere. It also holds the
    transliteration keys ("x" + key) of the name's words and of the Latin name as entered.
    """
    parts = [" ".join(search_tokens(p)) for p in name_parts]
    ids: list[str] = list(identifiers)
    for e164 in phones:
        national = e164.removeprefix("+218")
        ids.extend((national, "0" + national))
    pos = positional((parts[0], parts[1], parts[2], parts[3]), latin_name)
    return (*parts, " ".join(search_tokens(mother_name)), " ".join(ids), pos)


def positional(parts: tuple[str, str, str, str], latin_name: str = "") -> str:
    """The `pos` column from the four normalized name parts and the Latin name as entered."""
    placed = [_tagged(i, part) for i, part in enumerate(parts, 1)]
    keys = dict.fromkeys(k for part in parts for k in _part_keys(part))
    if latin_name:
        keys.update(dict.fromkeys(latin_index_keys(latin_name)))
    latin = " ".join(LATIN_TAG + k for k in keys)
    return " ".join(t for t in (*placed, latin) if t)


@lru_cache(maxsize=65536)
def _tagged(place: int, words: str) -> str:
    return " ".join(f"{place}{word}" for word in words.split())


@lru_cache(maxsize=65536)
def _part_keys(words: str) -> tuple[str, ...]:
    return tuple(k for w in words.split() if (k := arabic_key(w)))


def put(session: Session, local_id: int, values: tuple[str, ...]) -> None:
    session.execute(text("DELETE FROM beneficiary_search WHERE rowid = :r"), {"r": local_id})
    session.execute(
        text(
            "INSERT INTO beneficiary_search(rowid, first, father, grandfather, family, mother, ids,"
            " pos) VALUES (:r, :a, :b, :c, :d, :e, :f, :g)"
        ),
        dict(zip("rabcdefg", (local_id, *values), strict=True)),
    )
    search_fuzzy.remember(session, values[:5])


def remove(session: Session, local_id: int) -> None:
    session.execute(text("DELETE FROM beneficiary_search WHERE rowid = :r"), {"r": local_id})


def match_expressions(query: str) -> list[str]:
    """The FTS5 MATCH expressions of a query's tiers, from the best kind of hit to the loosest
    (`app.db.search_plan`)."""
    return [tier.expression for tier in _tiers(readings(query))]


def _tiers(found: Sequence[Reading]) -> list[Tier]:
    unique: dict[str, Tier] = {}
    for i, reading in enumerate(found):
        for tier in reading.tiers(i):
            unique.setdefault(tier.expression, tier)
    return list(unique.values())


def search_local_ids(session: Session, query: str, limit: int, offset: int = 0) -> list[int]:
    """Up to `limit` local ids after `offset`, best first (`app.db.search_rank`), each once.

    The loosest expression (every reading's words anywhere) holds every tier's rows, and it is
    asked first: when it has no more than a page, its rows are ranked here from their indexed
    words, sparing the tighter queries (the slow ones exactly when matches are few), and when
    it leaves the page short the typo tier fills the rest. Otherwise the tiers are asked in
    order, each newest first, until the page is full.
    """
    found_readings = readings(query)
    if not found_readings:
        return []
    wanted = offset + limit
    # A Latin query has one tier in the index (transliteration keys are not placed): up to
    # LATIN_WINDOW rows are ranked here by name order instead of the newest page only.
    window = max(wanted, LATIN_WINDOW) if any(r.latin for r in found_readings) else wanted
    loose_expression = " OR ".join(f"({r.anywhere()})" for r in found_readings)
    # The rows come with their words: a short answer is ranked without asking again (and a
    # long one's loosest tier, when there is one reading, is this answer).
    rows = list(session.execute(_LOOSE, {"q": loose_expression, "n": window + 1}).all())
    if len(rows) <= window:
        loose = [row[0] for row in rows]
        typos: dict[tuple[int, int], frozenset[str]] = {}
        if len(loose) < wanted:
            extra, typos = _typo_tier(session, found_readings, wanted + 1, set(loose))
            if extra:
                rows += _rows_of(session, extra)
        keys = _rank_rows(found_readings, rows, typos)
        ranked = sorted(keys, key=keys.__getitem__)
        return ranked[offset:wanted]
    found: dict[int, None] = {}
    asked: dict[str, list[int]] = {}
    if len(found_readings) == 1:
        asked[found_readings[0].anywhere()] = [row[0] for row in rows[:wanted]]
    for tier in _tiers(found_readings):
        for rowid in asked.get(tier.expression) or _match(session, tier.expression, wanted):
            found.setdefault(rowid)
        if len(found) >= wanted:
            break
    return list(found)[offset:wanted]


def _match(session: Session, expression: str, limit: int) -> list[int]:
    rows = session.execute(_MATCH, {"q": expression, "n": limit})
    return [rowid for (rowid,) in rows]


def _typo_tier(
    session: Session, found_readings: Sequence[Reading], limit: int, seen: set[int]
) -> tuple[list[int], dict[tuple[int, int], frozenset[str]]]:
    """Rows whose words are each the query's word or one edit away from it (not in `seen`).

    Only the words no one in the index has (for the word being typed: that no indexed word
    begins with) are varied; when every word is someone's and the exact tiers found nobody, all
    of them are. A query of real words that finds people is not second-guessed, which keeps
    this tier off the common path (`docs/benchmarks.md`).
    """
    vocabulary = search_fuzzy.vocabulary(session)
    typos: dict[tuple[int, int], frozenset[str]] = {}
    expressions: list[str] = []
    for r, reading in enumerate(found_readings):
        if reading.number or reading.latin:
            continue
        unknown = [not vocabulary.knows(w.exact[0], bool(w.prefixes)) for w in reading.words]
        if not any(unknown):
            if seen:
                continue
            unknown = [True] * len(unknown)
        near = search_fuzzy.neighbours(
            session, [w.exact[0] for w, u in zip(reading.words, unknown, strict=True) if u]
        )
        widened: list[Word] = []
        for i, word in enumerate(reading.words):
            variants = near.get(word.exact[0], frozenset()) if unknown[i] else frozenset()
            typos[(r, i)] = variants
            extra = tuple(sorted(variants))
            widened.append(Word(word.exact + extra, word.prefixes + extra if word.prefixes else ()))
        if any(typos[(r, i)] for i in range(len(reading.words))):
            expressions.append(Reading(tuple(widened)).anywhere())
    if not expressions:
        return [], typos
    rows = _match(session, " OR ".join(f"({e})" for e in expressions), limit + len(seen))
    return [r for r in rows if r not in seen][:limit], typos


def _rows_of(session: Session, rowids: list[int]) -> list[Row[Any]]:
    marks = ",".join(str(int(r)) for r in rowids)  # integers: safe to inline
    return list(session.execute(text(_WORDS.format(marks=marks))).all())


def _rank_rows(
    found_readings: Sequence[Reading],
    rows: Sequence[Row[Any]],
    typos: dict[tuple[int, int], frozenset[str]],
) -> dict[int, RankKey]:
    if len(rows) < 2 and not typos:
        return {row[0]: (0, 0, 0, 0) for row in rows}
    latin = any(r.latin for r in found_readings)
    return {row[0]: rank(found_readings, RowWords.of(row, latin=latin), typos) for row in rows}


_MATCH = text(
    "SELECT rowid FROM beneficiary_search WHERE beneficiary_search MATCH :q"
    " ORDER BY rowid DESC LIMIT :n"
)
_LOOSE = text(
    "SELECT rowid, first, father, grandfather, family, mother, ids, pos FROM beneficiary_search"
    " WHERE beneficiary_search MATCH :q ORDER BY rowid DESC LIMIT :n"
)
_WORDS = (
    "SELECT rowid, first, father, grandfather, family, mother, ids, pos "
    "FROM beneficiary_search WHERE rowid IN ({marks})"
)
