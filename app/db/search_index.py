"""The FTS5 search index over normalized name parts and identifiers (SQLite only).

Rows are keyed by `beneficiaries.local_id`. Index and query both go through
`app.domain.arabic.search_tokens`, so spelling variants meet in the middle. What a query asks
for is in `app.db.search_plan`, the order of the answer in `app.db.search_rank`, the typo tier
in `app.db.search_fuzzy`, the statements that find a page in `app.db.search_query`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from app.db import search_fuzzy, search_query
from app.db.search_plan import LATIN_TAG, readings
from app.db.unit_of_work import sqlite_connection
from app.domain.arabic import search_tokens
from app.domain.transliteration import arabic_key, latin_index_keys

COLUMNS = ("first", "father", "grandfather", "family", "mother", "ids", "pos")


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
    return [tier.expression for tier in search_query.tiers(readings(query))]


def search_local_ids(session: Session, query: str, limit: int, offset: int = 0) -> list[int]:
    """Up to `limit` local ids after `offset`, best first (`app.db.search_query`), asked on
    the session's own connection (its transaction)."""
    engine = session.get_bind()
    assert isinstance(engine, Engine)
    return search_query.local_ids(sqlite_connection(session), engine, query, limit, offset)
