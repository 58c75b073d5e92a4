"""The FTS5 search index over normalized name parts and identifiers (SQLite only).

Rows are keyed by `beneficiaries.local_id`. Index and query both go through
`app.domain.arabic.search_tokens`, so spelling variants meet in the middle.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.domain.arabic import search_tokens

COLUMNS = ("first", "father", "grandfather", "family", "mother", "ids")
_POSITIONAL = COLUMNS[:4]


def index_values(
    name_parts: Sequence[str], mother_name: str, identifiers: Iterable[str], phones: Iterable[str]
) -> tuple[str, ...]:
    """The six column values of a beneficiary's index row."""
    parts = [" ".join(search_tokens(p)) for p in name_parts]
    ids: list[str] = list(identifiers)
    for e164 in phones:
        national = e164.removeprefix("+218")
        ids.extend((national, "0" + national))
    return (*parts, " ".join(search_tokens(mother_name)), " ".join(ids))


def put(session: Session, local_id: int, values: tuple[str, ...]) -> None:
    session.execute(text("DELETE FROM beneficiary_search WHERE rowid = :r"), {"r": local_id})
    session.execute(
        text(
            "INSERT INTO beneficiary_search(rowid, first, father, grandfather, family, mother, ids)"
            " VALUES (:r, :a, :b, :c, :d, :e, :f)"
        ),
        dict(zip("rabcdef", (local_id, *values), strict=True)),
    )


def remove(session: Session, local_id: int) -> None:
    session.execute(text("DELETE FROM beneficiary_search WHERE rowid = :r"), {"r": local_id})


def _term(token: str, prefix: bool) -> str:
    # Tokens are word characters only (search_tokens splits on everything else): safe to quote.
    return f'"{token}"' + ("*" if prefix else "")


def match_expressions(query: str) -> list[str]:
    """FTS5 MATCH expressions from the best kind of hit to the loosest.

    1. the words in name order (first, father, grandfather, family), the last one a prefix;
    2. the first word as first name and the last as family name, the rest anywhere;
    3. every word anywhere (names, mother's name, identifiers, phones).
    """
    tokens = search_tokens(query)
    if not tokens:
        return []
    n = len(tokens)
    terms = [_term(t, i == n - 1) for i, t in enumerate(tokens)]
    tiers: list[str] = []
    if not any(t.isdigit() for t in tokens):
        if n <= len(_POSITIONAL):
            tiers.append(" AND ".join(f"{c}:{t}" for c, t in zip(_POSITIONAL, terms, strict=False)))
        if n >= 2:
            tiers.append(" AND ".join([f"first:{terms[0]}", *terms[1:-1], f"family:{terms[-1]}"]))
    tiers.append(" AND ".join(terms))
    return list(dict.fromkeys(tiers))


def search_local_ids(session: Session, query: str, limit: int, offset: int = 0) -> list[int]:
    """Up to `limit` local ids after `offset`, best tier first, each id once."""
    wanted = offset + limit
    found: dict[int, None] = {}
    for expression in match_expressions(query):
        rows = session.execute(
            text("SELECT rowid FROM beneficiary_search WHERE beneficiary_search MATCH :q LIMIT :n"),
            {"q": expression, "n": wanted + len(found)},  # room for repeats
        )
        for (rowid,) in rows:
            found.setdefault(rowid)
        if len(found) >= wanted:
            break
    return list(found)[offset:wanted]
