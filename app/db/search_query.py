"""A page of search answers, asked on the DBAPI (sqlite3) connection of a read transaction.

Search runs on every key press, so its statements skip the ORM and SQLAlchemy's result layer:
each is a plain `sqlite3` statement (prepared once, cached by the driver), its rows plain
tuples. What a query asks for is in `app.db.search_plan`, the order in `app.db.search_rank`,
the typo tier's words in `app.db.search_fuzzy`; this module finds the page's local ids in
that order.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine

from app.db import search_fuzzy
from app.db.search_plan import Reading, Tier, Word, readings
from app.db.search_rank import RankKey, RowWords, rank

LATIN_WINDOW = 1000

_MATCH = (
    "SELECT rowid FROM beneficiary_search WHERE beneficiary_search MATCH ?"
    " ORDER BY rowid DESC LIMIT ?"
)
_WORDS = (  # the rowids as one JSON array: one statement text, prepared once
    "SELECT rowid, first, father, grandfather, family, mother, ids, pos "
    "FROM beneficiary_search WHERE rowid IN (SELECT value FROM json_each(?))"
)
_Row = tuple[Any, ...]  # (rowid, first, father, grandfather, family, mother, ids, pos)


def tiers(found: Sequence[Reading]) -> list[Tier]:
    """The tiers of a query's readings in rank order, each expression once."""
    unique: dict[str, Tier] = {}
    for i, reading in enumerate(found):
        for tier in reading.tiers(i):
            unique.setdefault(tier.expression, tier)
    return list(unique.values())


def local_ids(
    conn: sqlite3.Connection, engine: Engine, query: str, limit: int, offset: int = 0
) -> list[int]:
    """Up to `limit` local ids after `offset`, best first (`app.db.search_rank`), each once.

    The loosest expression (every reading's words anywhere) holds every tier's rows, and it is
    asked first: when it has no more than a page, its rows are ranked here from their indexed
    words, sparing the tighter queries (the slow ones exactly when matches are few), and when
    it leaves the page short the typo tier fills the rest. Otherwise the tiers are asked in
    order, each newest first, until the page is full. `engine` keys the typo tier's
    vocabulary (one per database).
    """
    found_readings = readings(query)
    if not found_readings:
        return []
    wanted = offset + limit
    # A Latin query has one tier in the index (transliteration keys are not placed): up to
    # LATIN_WINDOW rows are ranked here by name order instead of the newest page only.
    window = max(wanted, LATIN_WINDOW) if any(r.latin for r in found_readings) else wanted
    loose_expression = " OR ".join(f"({r.anywhere()})" for r in found_readings)
    # Only the rowids first: a long answer needs no more of them (and its loosest tier, when
    # there is one reading, is this answer); a short one is ranked here from its words,
    # sparing the tighter queries (the slow ones exactly when matches are few).
    loose: list[int] = [
        rowid for (rowid,) in conn.execute(_MATCH, (loose_expression, window + 1)).fetchall()
    ]
    if len(loose) <= window:
        return _ranked(conn, engine, found_readings, loose, wanted)[offset:wanted]
    found: dict[int, None] = {}
    asked: dict[str, list[int]] = {}
    if len(found_readings) == 1:
        asked[found_readings[0].anywhere()] = loose[:wanted]
    for tier in tiers(found_readings):
        known = asked.get(tier.expression)
        # The cursor steps one row at a time: the last tier asked stops when the page is full.
        for (rowid,) in (
            ((i,) for i in known) if known else conn.execute(_MATCH, (tier.expression, wanted))
        ):
            found.setdefault(rowid)
            if len(found) >= wanted:
                return list(found)[offset:wanted]
    return list(found)[offset:wanted]


def _ranked(
    conn: sqlite3.Connection,
    engine: Engine,
    found_readings: Sequence[Reading],
    loose: list[int],
    wanted: int,
) -> list[int]:
    """A short answer (and the typo tier's rows when it leaves the page short), ranked from
    the words of its index rows."""
    typos: dict[tuple[int, int], frozenset[str]] = {}
    found = loose
    if len(loose) < wanted:
        extra, typos = _typo_tier(conn, engine, found_readings, wanted + 1, set(loose))
        found = loose + extra
    if len(found) < 2 and not typos:
        return found
    rows = _words(conn, found)
    keys = _rank_rows(found_readings, rows, typos)
    return sorted(keys, key=keys.__getitem__)


def _words(conn: sqlite3.Connection, rowids: list[int]) -> list[_Row]:
    if not rowids:
        return []
    ids = "[" + ",".join(str(int(r)) for r in rowids) + "]"
    rows: list[_Row] = conn.execute(_WORDS, (ids,)).fetchall()
    return rows


def _typo_tier(
    conn: sqlite3.Connection,
    engine: Engine,
    found_readings: Sequence[Reading],
    limit: int,
    seen: set[int],
) -> tuple[list[int], dict[tuple[int, int], frozenset[str]]]:
    """Rows whose words are each the query's word or one edit away from it (not in `seen`).

    Only the words no one in the index has (for the word being typed: that no indexed word
    begins with) are varied; when every word is someone's and the exact tiers found nobody, all
    of them are. A query of real words that finds people is not second-guessed, which keeps
    this tier off the common path (`docs/benchmarks.md`).
    """
    vocabulary = search_fuzzy.vocabulary(conn, engine)
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
            vocabulary, [w.exact[0] for w, u in zip(reading.words, unknown, strict=True) if u]
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
    expression = " OR ".join(f"({e})" for e in expressions)
    rows = conn.execute(_MATCH, (expression, limit + len(seen))).fetchall()
    return [r for (r,) in rows if r not in seen][:limit], typos


def _rank_rows(
    found_readings: Sequence[Reading],
    rows: Sequence[_Row],
    typos: dict[tuple[int, int], frozenset[str]],
) -> dict[int, RankKey]:
    if len(rows) < 2 and not typos:
        return {row[0]: (0, 0, 0, 0) for row in rows}
    latin = any(r.latin for r in found_readings)
    return {row[0]: rank(found_readings, RowWords.of(row, latin=latin), typos) for row in rows}
