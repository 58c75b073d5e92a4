"""The rows a page of search answers shows, read on the DBAPI (sqlite3) connection.

One statement for a page: the shown columns plus identifiers and phones, as plain tuples (no
ORM objects, no SQLAlchemy result layer: a page is read on every key press).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date
from typing import Any

_HIT_SQL = """
SELECT b.local_id, b.id, b.first_name, b.father_name, b.grandfather_name, b.family_name,
       b.mother_name, b.sex, b.birth_date, b.municipality_code, b.person_number,
       b.birth_date_estimated,
       (SELECT group_concat(i.id_type || ':' || i.number, '|')
          FROM beneficiary_identifiers i
         WHERE i.beneficiary_id = b.id AND i.deleted_at IS NULL),
       (SELECT group_concat(p.position || ':' || p.e164, '|') FROM beneficiary_phones p
         WHERE p.beneficiary_id = b.id AND p.deleted_at IS NULL)
  FROM beneficiaries b
 WHERE b.deleted_at IS NULL AND {where}
"""
# The page's ids as one JSON array parameter: the statement's text never changes, so the
# driver prepares it once.
_BY_IDS = _HIT_SQL.format(where="b.local_id IN (SELECT value FROM json_each(?))")
_RECENT = _HIT_SQL.format(
    where="b.local_id IN (SELECT local_id FROM beneficiaries WHERE deleted_at IS NULL "
    "ORDER BY local_id DESC LIMIT ? OFFSET ?)"
)
_BY_NUMBER = (
    "SELECT local_id FROM beneficiaries WHERE person_number = ? AND deleted_at IS NULL LIMIT 1"
)

# (id, first, father, grandfather, family, mother, sex, born, municipality,
#  [(identifier type, number)], [phones in order], person number, birth date estimated)
HitRow = tuple[str, str, str, str, str, str, str, date, str | None, list[tuple[str, str]],
               list[str], str, bool]  # fmt: skip


def _hit_rows(rows: Sequence[tuple[Any, ...]]) -> dict[int, HitRow]:
    out: dict[int, HitRow] = {}
    fromiso = date.fromisoformat
    for r in rows:
        (local_id, bid, first, father, grandfather, family, mother, sex, born, municipality,
         number, estimated, idents, phones) = r  # fmt: skip
        pairs = [_pair(p) for p in idents.split("|")] if idents else []
        out[local_id] = (
            bid, first, father, grandfather, family, mother, sex, fromiso(born), municipality,
            pairs, _phones_in_order(phones), number or "", bool(estimated),
        )  # fmt: skip
    return out


def _pair(packed: str) -> tuple[str, str]:
    kind, _, number = packed.partition(":")
    return kind, number


def _phones_in_order(packed: str | None) -> list[str]:
    if not packed:
        return []
    pairs = [p.split(":", 1) for p in packed.split("|")]
    return [e164 for _, e164 in sorted(pairs, key=lambda p: int(p[0]))]


def hits(conn: sqlite3.Connection, local_ids: Sequence[int]) -> list[HitRow]:
    """Search hits in the order of `local_ids` (tombstoned people are left out)."""
    if not local_ids:
        return []
    ids = "[" + ",".join(str(int(i)) for i in local_ids) + "]"
    rows = _hit_rows(conn.execute(_BY_IDS, (ids,)).fetchall())
    return [rows[i] for i in local_ids if i in rows]


def recent(conn: sqlite3.Connection, limit: int, offset: int) -> list[HitRow]:
    """The most recently registered living people, newest first."""
    rows = _hit_rows(conn.execute(_RECENT, (limit, offset)).fetchall())
    return [rows[i] for i in sorted(rows, reverse=True)]


def local_id_of_number(conn: sqlite3.Connection, number: str) -> int | None:
    """The local key of the living person with this (stored-form) person number."""
    row = conn.execute(_BY_NUMBER, (number,)).fetchone()
    return None if row is None else int(row[0])
