"""Queries about beneficiaries. Repositories read and stage; the unit of work commits."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import search_hits
from app.db.engine import driver_cursor
from app.db.models import (
    BeneficiaryRow,
    DuplicateDecisionRow,
    IdentifierRow,
    OutboxRow,
    PhoneRow,
)
from app.db.search_hits import HitRow as HitRow
from app.db.sync_models import ChangeLogRow
from app.db.unit_of_work import sqlite_connection
from app.domain.beneficiary import IdentifierType


def get(session: Session, beneficiary_id: str) -> BeneficiaryRow | None:
    row = session.scalar(select(BeneficiaryRow).where(BeneficiaryRow.id == beneficiary_id))
    return row if row is not None and row.deleted_at is None else None


def identifiers_of(session: Session, ids: Sequence[str]) -> dict[str, list[IdentifierRow]]:
    out: dict[str, list[IdentifierRow]] = {i: [] for i in ids}
    if not ids:
        return out
    rows = session.scalars(
        select(IdentifierRow)
        .where(IdentifierRow.beneficiary_id.in_(ids), IdentifierRow.deleted_at.is_(None))
        .order_by(IdentifierRow.local_id)
    )
    for row in rows:
        out[row.beneficiary_id].append(row)
    return out


def phones_of(session: Session, ids: Sequence[str]) -> dict[str, list[PhoneRow]]:
    out: dict[str, list[PhoneRow]] = {i: [] for i in ids}
    if not ids:
        return out
    rows = session.scalars(
        select(PhoneRow)
        .where(PhoneRow.beneficiary_id.in_(ids), PhoneRow.deleted_at.is_(None))
        .order_by(PhoneRow.position, PhoneRow.local_id)
    )
    for row in rows:
        out[row.beneficiary_id].append(row)
    return out


def by_national_number(session: Session, number: str) -> list[BeneficiaryRow]:
    return list(
        session.scalars(
            select(BeneficiaryRow)
            .join(IdentifierRow, IdentifierRow.beneficiary_id == BeneficiaryRow.id)
            .where(
                IdentifierRow.number == number,
                IdentifierRow.id_type == IdentifierType.NATIONAL_NUMBER.value,
                IdentifierRow.deleted_at.is_(None),
                BeneficiaryRow.deleted_at.is_(None),
            )
        )
    )


def national_number_held(session: Session, number: str) -> bool:
    """Whether a living person holds this national number (one index probe, no ORM row)."""
    found = driver_cursor(session).execute(
        _NUMBER_HELD, (number, IdentifierType.NATIONAL_NUMBER.value)
    )
    return found.fetchone() is not None


_NUMBER_HELD = (
    "SELECT 1 FROM beneficiary_identifiers i JOIN beneficiaries b ON b.id = i.beneficiary_id"
    " WHERE i.number = ? AND i.id_type = ? AND i.deleted_at IS NULL AND b.deleted_at IS NULL"
    " LIMIT 1"
)


def by_person_number(session: Session, numbers: Sequence[str]) -> BeneficiaryRow | None:
    """The living person holding the first of `numbers` held (a scanned code's readings)."""
    for number in numbers:
        row = session.scalar(select(BeneficiaryRow).where(BeneficiaryRow.person_number == number))
        if row is not None and row.deleted_at is None:
            return row
    return None


def number_of(session: Session, beneficiary_id: str) -> str | None:
    """The person number of a record, tombstoned or not (a record HQ merged away)."""
    return session.scalar(
        select(BeneficiaryRow.person_number).where(BeneficiaryRow.id == beneficiary_id)
    )


def local_id_of_number(session: Session, number: str) -> int | None:
    """The local key of the living person with this (stored-form) number."""
    return session.scalar(
        select(BeneficiaryRow.local_id).where(
            BeneficiaryRow.person_number == number, BeneficiaryRow.deleted_at.is_(None)
        )
    )


# What the desk shows of a likely duplicate, with the person's national number, one statement.
_CANDIDATES_SQL = """
SELECT b.id, b.person_number, b.first_name, b.father_name, b.grandfather_name, b.family_name,
       b.mother_name, b.birth_date, b.sex,
       (SELECT i.number FROM beneficiary_identifiers i
         WHERE i.beneficiary_id = b.id AND i.id_type = 'national_number'
           AND i.deleted_at IS NULL ORDER BY i.local_id LIMIT 1)
  FROM beneficiaries b
 WHERE b.deleted_at IS NULL AND b.id IN ({marks})
"""

CandidateRow = tuple[str, str | None, str, str, str, str, str, date, str, str | None]


def live_candidates(session: Session, ids: Sequence[str]) -> dict[str, CandidateRow]:
    """The living among `ids`, by id: (id, person number, the four names, mother's name,
    birth date, sex, national number or None)."""
    if not ids:
        return {}
    sql = _CANDIDATES_SQL.format(marks=", ".join("?" * len(ids)))
    cursor = _driver(session).execute(sql, tuple(ids))
    try:
        return {r[0]: (*r[:7], date.fromisoformat(r[7]), r[8], r[9]) for r in cursor}
    finally:
        cursor.close()


def by_local_ids(session: Session, local_ids: Sequence[int]) -> list[BeneficiaryRow]:
    if not local_ids:
        return []
    rows = session.scalars(
        select(BeneficiaryRow).where(
            BeneficiaryRow.local_id.in_(local_ids), BeneficiaryRow.deleted_at.is_(None)
        )
    )
    by_id = {r.local_id: r for r in rows}
    return [by_id[i] for i in local_ids if i in by_id]


def recent(session: Session, limit: int, offset: int) -> list[BeneficiaryRow]:
    return list(
        session.scalars(
            select(BeneficiaryRow)
            .where(BeneficiaryRow.deleted_at.is_(None))
            .order_by(BeneficiaryRow.local_id.desc())
            .limit(limit)
            .offset(offset)
        )
    )


# One sex and one birth year (dates are ISO text, so the year is a text range), read from the
# covering index ix_beneficiaries_dup_block alone.
_BLOCK = " FROM beneficiaries WHERE sex = ? AND birth_date >= ? AND birth_date <= ?"
_IN_CHUNK = 500  # name keys per statement (SQLite's bound parameters are limited)
_SEP = "\x1f"  # between the block's name keys (a control character: never in a name)

BlockRow = tuple[str, str, str, str]  # id, name_key, mother_key, birth date (ISO text)


def _driver(session: Session) -> sqlite3.Connection:
    """The session's own SQLite connection (same transaction, same snapshot)."""
    dbapi = session.connection().connection.driver_connection
    if not isinstance(dbapi, sqlite3.Connection):
        raise RuntimeError("the duplicate block is read with the SQLite driver")
    return dbapi


def _year(sex: str, year: int) -> tuple[str, str, str]:
    return sex, f"{year:04d}-01-01", f"{year:04d}-12-31"


def duplicate_block_names(session: Session, sex: str, year: int) -> list[str]:
    """The name keys of everyone of that sex born that year, tombstones included (any order).

    Read with the driver's cursor, as one text SQLite joins (split in C here): the block is
    thousands of rows at a million people, and the result layer (with a date parsed per row)
    was most of the check's time; only the names are needed to prune, the rest is read for the
    few that survive (`duplicate_block_rows`).
    """
    conn = _driver(session)
    where = _year(sex, year)
    count, joined = conn.execute(
        f"SELECT count(*), group_concat(name_key, char({ord(_SEP)})){_BLOCK}", where
    ).fetchone()
    names = joined.split(_SEP) if joined else []
    if len(names) != count:  # a key holding the separator (the app writes none): row by row
        cursor = conn.execute("SELECT name_key" + _BLOCK, where)
        try:
            names = [name for (name,) in cursor]
        finally:
            cursor.close()
    return names


def duplicate_block_rows(
    session: Session, sex: str, year: int, name_keys: Sequence[str]
) -> list[BlockRow]:
    """(id, name_key, mother_key, ISO birth date) of those of the block (same sex, same birth
    year, tombstones included) whose name key is one of `name_keys`."""
    conn = _driver(session)
    rows: list[BlockRow] = []
    for start in range(0, len(name_keys), _IN_CHUNK):
        chunk = name_keys[start : start + _IN_CHUNK]
        marks = ", ".join("?" * len(chunk))
        cursor = conn.execute(
            f"SELECT id, name_key, mother_key, birth_date{_BLOCK} AND name_key IN ({marks})",
            (*_year(sex, year), *chunk),
        )
        try:
            rows.extend(cursor)
        finally:
            cursor.close()
    return rows


def decided_different(session: Session, beneficiary_id: str) -> set[str]:
    rows = session.execute(
        select(DuplicateDecisionRow.beneficiary_id, DuplicateDecisionRow.other_id).where(
            (DuplicateDecisionRow.beneficiary_id == beneficiary_id)
            | (DuplicateDecisionRow.other_id == beneficiary_id)
        )
    )
    return {b if o == beneficiary_id else o for b, o in rows}


def history(session: Session, beneficiary_id: str) -> list[OutboxRow | ChangeLogRow]:
    """Every captured change of the person and their documents and phones, in order: those
    HQ has acknowledged (the change log) and those still waiting in the outbox."""
    child_ids = [
        *session.scalars(
            select(IdentifierRow.id).where(IdentifierRow.beneficiary_id == beneficiary_id)
        ),
        *session.scalars(select(PhoneRow.id).where(PhoneRow.beneficiary_id == beneficiary_id)),
    ]
    row_ids = [beneficiary_id, *child_ids]
    entries: list[OutboxRow | ChangeLogRow] = [
        *session.scalars(select(ChangeLogRow).where(ChangeLogRow.row_id.in_(row_ids))),
        *session.scalars(select(OutboxRow).where(OutboxRow.row_id.in_(row_ids))),
    ]
    return sorted(entries, key=lambda e: e.seq)


def removed_child_values(session: Session, row_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
    """For tombstoned identifier/phone rows: row id -> (field, the value it held)."""
    if not row_ids:
        return {}
    out: dict[str, tuple[str, str]] = {}
    for ident in session.scalars(select(IdentifierRow).where(IdentifierRow.id.in_(row_ids))):
        out[ident.id] = ("number", ident.number)
    for phone in session.scalars(select(PhoneRow).where(PhoneRow.id.in_(row_ids))):
        out[phone.id] = ("e164", phone.e164)
    return out


def hits_by_local_ids(session: Session, local_ids: Sequence[int]) -> list[HitRow]:
    """Search hits in the order of `local_ids` (tombstoned people are left out)."""
    return search_hits.hits(sqlite_connection(session), local_ids)
