"""Queries about beneficiaries. Repositories read and stage; the unit of work commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import and_, select
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


def duplicate_block(session: Session, sex: str, year: int) -> list[tuple[str, str, str, date]]:
    """(id, name_key, mother_key, birth_date) of everyone of that sex born that year.

    Answered from the covering index ix_beneficiaries_dup_block alone; tombstones are
    included (the caller drops them when it loads the few candidates that score).
    """
    rows = session.execute(
        select(
            BeneficiaryRow.id,
            BeneficiaryRow.name_key,
            BeneficiaryRow.mother_key,
            BeneficiaryRow.birth_date,
        ).where(
            and_(
                BeneficiaryRow.sex == sex,
                BeneficiaryRow.birth_date >= date(year, 1, 1),
                BeneficiaryRow.birth_date <= date(year, 12, 31),
            )
        )
    )
    return [(r[0], r[1], r[2], r[3]) for r in rows]


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
