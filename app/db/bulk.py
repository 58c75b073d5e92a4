"""Bulk writes of beneficiaries: tens of thousands of rows per transaction, no ORM object per row.

`write_beneficiaries` stores validated people (with their identifiers, phones, optional
households) through the driver's `executemany`, inside the caller's unit of work, exactly as the
ORM path would have stored them: the same column values and storage formats, the same sync
metadata, an outbox row per inserted row in the JSON shape `app.db.capture` writes for an ORM
insert, and a search-index row per beneficiary. Change capture is not skipped, it is batched.
The caller appends one audit entry per bulk operation (not one per row) and commits. Also here:
the indexed look-ups an import needs to skip people who are registered already. Formats and
statements are in `app.db.bulk_sql`, normalized keys in `app.db.name_keys`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from json.encoder import encode_basestring  # what json.dumps(ensure_ascii=False) uses

from sqlalchemy.orm import Session

from app.db.bulk_sql import (
    FTS_INSERT,
    NULL,
    Statements,
    bound_constants,
    changes_formats,
    db_datetime,
    identifier_order,
    json_text,
    json_text_or_null,
    with_constants,
)
from app.db.capture import Actor
from app.db.clock import new_ids, utcnow
from app.db.engine import driver_cursor
from app.db.name_keys import KeyMaker, PersonKeyTuple
from app.db.person_numbers import next_person_numbers
from app.db.search_index import positional
from app.db.upkeep import merge_as_it_goes, merge_when_idle
from app.domain.beneficiary import BeneficiaryData, IdentifierType
from app.domain.household import HousingType, Relationship

# The values of one INSERT (app.db.bulk_sql's column order; the id last).
BeneficiaryValues = tuple[
    int, str, str, str, str, str, str, str, str, str, bool, str, str | None, str, str | None, str,
    str | None,
    str, int | None, str, str | None, str | None, str, str, str,
]  # fmt: skip
IdentifierValues = tuple[str, str, str, str]  # beneficiary id, type, number, id
PhoneValues = tuple[str, str, int, str]  # beneficiary id, e164, position, id

SUB_BATCH = 5000  # rows per executemany round; progress is reported after each
_SQL_IN_LIMIT = 500


@dataclass(frozen=True, slots=True)
class HouseholdPlan:
    """A household whose head and members are people of the same `write_beneficiaries` call.

    `head` and the member positions are indexes into the `people` sequence.
    """

    head: int
    members: tuple[tuple[int, Relationship], ...] = ()
    municipality_code: str | None = None
    address: str = ""
    housing_type: HousingType | None = None
    monthly_income_dirhams: int | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Written:
    """What `write_people` stored: ids, local ids and numbers in the order given, one time."""

    ids: list[str]
    first_local_id: int
    person_numbers: list[str]
    at: datetime


def write_beneficiaries(
    session: Session,
    people: Sequence[BeneficiaryData],
    actor: Actor,
    households: Sequence[HouseholdPlan] = (),
    progress: Callable[[int], None] | None = None,
    keys: KeyMaker | None = None,
) -> list[str]:
    """Insert `people` (and `households`) in the session's transaction; their ids, in order.

    `progress` gets the number of people written so far; `keys` may carry the normalized
    names a caller has computed already (see `person_key`).
    """
    return write_people(session, people, actor, households, progress, keys).ids if people else []


def write_people(
    session: Session,
    people: Sequence[BeneficiaryData],
    actor: Actor,
    households: Sequence[HouseholdPlan] = (),
    progress: Callable[[int], None] | None = None,
    keys: KeyMaker | None = None,
) -> Written:
    """`write_beneficiaries`, telling also the local ids, numbers and time it gave."""
    count = len(people)
    person_numbers = next_person_numbers(session, actor.branch_code, count) if count else []
    cursor = driver_cursor(session)
    now = utcnow()
    stamp = db_datetime(now)
    # One person (a registration): the same SQL text every time, its constants bound.
    sql = Statements.bound() if count == 1 else Statements.make(actor, stamp)
    row_consts, line_consts = bound_constants(actor, stamp) if count == 1 else ((), ())
    formats = changes_formats(actor, now)
    ids = new_ids(count)
    membership = _write_households(
        cursor, sql, households, ids, formats["households"], (row_consts, line_consts)
    )
    (max_local,) = cursor.execute("SELECT max(local_id) FROM beneficiaries").fetchone()
    local_id = first_local_id = (max_local or 0) + 1
    if keys is None:
        keys = KeyMaker()
    norms = keys.cache
    norm = keys.norm
    iso: dict[date, str] = {}
    merging = count > 1 and merge_as_it_goes(cursor.connection)  # as FTS5's default does
    for start in range(0, count, SUB_BATCH):
        chunk = people[start : start + SUB_BATCH]
        child_ids = iter(new_ids(sum(len(p.identifiers) + len(p.phones) for p in chunk)))
        ben_rows: list[BeneficiaryValues] = []
        fts_rows: list[tuple[object, ...]] = []
        idents: list[IdentifierValues] = []
        phones: list[PhoneValues] = []
        for index, p in enumerate(chunk, start):
            bid = ids[index]
            first, father, grandfather, family = p.name_parts
            mother = p.mother_name
            name_key = keys.name_key(first, father, grandfather, family)
            mother_key = keys.mother_key(mother)  # cut at its column; the index gets it whole
            born = p.birth_date
            birth = iso.get(born)
            if birth is None:
                birth = iso[born] = born.isoformat()
            # Enum members are str: SQLite stores, and JSON writes, their values.
            sex, marital, degree = p.sex, p.marital_status, p.disability_degree
            income, municipality = p.monthly_income_dirhams, p.municipality_code
            member = membership.get(index) if membership else None
            household_id, relationship = member if member is not None else (None, None)
            ben_rows.append(
                (
                    local_id,
                    person_numbers[index],
                    first,
                    father,
                    grandfather,
                    family,
                    mother,
                    p.latin_name,
                    sex,
                    birth,
                    p.birth_date_estimated,
                    p.nationality,
                    municipality,
                    p.address,
                    marital,
                    p.disability_type,
                    degree,
                    p.displacement_status,
                    income,
                    p.notes,
                    household_id,
                    relationship,
                    name_key,
                    mother_key,
                    bid,
                )
            )
            numbers = [ident.number for ident in p.identifiers]  # rows as the ORM orders them:
            ordered = (
                p.identifiers
                if len(p.identifiers) < 2
                else sorted(p.identifiers, key=identifier_order)
            )
            for ident in ordered:
                cid = next(child_ids)
                number = ident.number
                idents.append((bid, ident.type, number, cid))
            for position, e164 in enumerate(p.phones):
                cid = next(child_ids)
                phones.append((bid, e164, position, cid))
                national = e164.removeprefix("+218")
                numbers.append(national)
                numbers.append("0" + national)
            parts = (
                norms.get(first) or norm(first),
                norms.get(father) or norm(father),
                norms.get(grandfather) or norm(grandfather),
                norms.get(family) or norm(family),
            )
            pos = positional(parts, p.latin_name)
            mother_words = norms.get(mother) or norm(mother)
            fts_rows.append((local_id, *parts, mother_words, " ".join(numbers), pos))
            local_id += 1
        # Outbox rows parents first: people, then their identifiers, then their phones.
        ben_out, ident_out, phone_out = outbox_rows(formats, ben_rows, idents, phones)
        cursor.executemany(sql.outbox["beneficiaries"], with_constants(ben_out, line_consts))
        cursor.executemany(
            sql.outbox["beneficiary_identifiers"], with_constants(ident_out, line_consts)
        )
        cursor.executemany(sql.outbox["beneficiary_phones"], with_constants(phone_out, line_consts))
        cursor.executemany(sql.beneficiary, with_constants(ben_rows, row_consts))
        cursor.executemany(sql.identifier, with_constants(idents, row_consts))
        cursor.executemany(sql.phone, with_constants(phones, row_consts))
        cursor.executemany(FTS_INSERT, fts_rows)
        if progress is not None:
            progress(start + len(chunk))
    if merging:
        merge_when_idle(cursor.connection)
    return Written(ids, first_local_id, person_numbers, now)


OutboxRows = list[tuple[str, str]]


def outbox_rows(
    formats: dict[str, str],
    ben_rows: list[BeneficiaryValues],
    idents: list[IdentifierValues],
    phones: list[PhoneValues],
) -> tuple[OutboxRows, OutboxRows, OutboxRows]:
    """(row id, changes JSON) of the outbox rows of these beneficiary, identifier and phone
    rows (as `write_beneficiaries` made them): the whole of change capture for people."""
    enc = encode_basestring
    ben_fmt = formats["beneficiaries"]
    ben_out: OutboxRows = [
        (
            bid,
            ben_fmt
            % (
                enc(address),
                f'"{birth}"',
                "true" if estimated else "false",
                NULL if degree is None else enc(degree),
                enc(disability),
                enc(displacement),
                enc(family),
                enc(father),
                enc(first),
                enc(grandfather),
                NULL if household_id is None else f'"{household_id}"',
                NULL if relationship is None else enc(relationship),
                f'"{bid}"',
                enc(latin),
                NULL if marital is None else enc(marital),
                NULL if income is None else str(income),
                enc(mother_key),
                enc(mother),
                NULL if municipality is None else enc(municipality),
                enc(name_key),
                enc(nationality),
                enc(notes),
                enc(person_number),
                enc(sex),
            ),
        )
        for (
            _local_id,
            person_number,
            first,
            father,
            grandfather,
            family,
            mother,
            latin,
            sex,
            birth,
            estimated,
            nationality,
            municipality,
            address,
            marital,
            disability,
            degree,
            displacement,
            income,
            notes,
            household_id,
            relationship,
            name_key,
            mother_key,
            bid,
        ) in ben_rows
    ]
    ident_fmt = formats["identifiers"]
    ident_out: OutboxRows = [
        (cid, ident_fmt % (f'"{bid}"', f'"{cid}"', enc(id_type), enc(number)))
        for bid, id_type, number, cid in idents
    ]
    phone_fmt = formats["phones"]
    phone_out: OutboxRows = [
        (cid, phone_fmt % (f'"{bid}"', enc(e164), f'"{cid}"', position))
        for bid, e164, position, cid in phones
    ]
    return ben_out, ident_out, phone_out


def _write_households(
    cursor: sqlite3.Cursor,
    sql: Statements,
    households: Sequence[HouseholdPlan],
    people_ids: Sequence[str],
    fmt: str,
    constants: tuple[tuple[str, ...], tuple[str, ...]],
) -> dict[int, tuple[str, str]]:
    """Household rows (before their members, as sync applies them); person index -> link."""
    if not households:
        return {}
    membership: dict[int, tuple[str, str]] = {}
    rows: list[tuple[object, ...]] = []
    outbox: list[tuple[str, str]] = []
    for household_id, plan in zip(new_ids(len(households)), households, strict=True):
        links = [(plan.head, Relationship.HEAD), *plan.members]
        for index, relationship in links:
            if index in membership or not 0 <= index < len(people_ids):
                raise ValueError(f"person {index} cannot join household {plan.head}")
            membership[index] = (household_id, relationship.value)
        head_id = people_ids[plan.head]
        housing = plan.housing_type.value if plan.housing_type is not None else None
        income = plan.monthly_income_dirhams
        rows.append(
            (
                head_id,
                plan.municipality_code,
                plan.address,
                housing,
                income,
                plan.notes,
                household_id,
            )
        )
        outbox.append(
            (
                household_id,
                fmt
                % (
                    json_text(plan.address),
                    f'"{head_id}"',
                    json_text_or_null(housing),
                    f'"{household_id}"',
                    NULL if income is None else str(income),
                    json_text_or_null(plan.municipality_code),
                    json_text(plan.notes),
                ),
            )
        )
    cursor.executemany(sql.outbox["households"], with_constants(outbox, constants[1]))
    cursor.executemany(sql.household, with_constants(rows, constants[0]))
    return membership


# -- look-ups for imports --------------------------------------------------------------------


def registered_national_numbers(session: Session, numbers: Iterable[str]) -> dict[str, str]:
    """National number -> id of a live beneficiary registered with it, for those that are."""
    cursor = driver_cursor(session)
    wanted = sorted(set(numbers))
    found: dict[str, str] = {}
    for start in range(0, len(wanted), _SQL_IN_LIMIT):
        part = wanted[start : start + _SQL_IN_LIMIT]
        rows = cursor.execute(
            "SELECT i.number, b.id FROM beneficiary_identifiers i"
            " JOIN beneficiaries b ON b.id = i.beneficiary_id"
            f" WHERE i.number IN ({', '.join('?' * len(part))}) AND i.id_type = ?"
            " AND i.deleted_at IS NULL AND b.deleted_at IS NULL ORDER BY b.local_id",
            (*part, IdentifierType.NATIONAL_NUMBER.value),
        )
        for number, bid in rows:
            found.setdefault(number, bid)
    return found


def registered_person_keys(
    session: Session, keys: Iterable[PersonKeyTuple]
) -> dict[PersonKeyTuple, str]:
    """Person key -> id of a live beneficiary with exactly that key (ix_beneficiaries_dup_block)."""
    cursor = driver_cursor(session)
    found: dict[PersonKeyTuple, str] = {}
    sql = (
        "SELECT id FROM beneficiaries WHERE sex = ? AND birth_date = ? AND name_key = ?"
        " AND mother_key = ? AND deleted_at IS NULL ORDER BY local_id LIMIT 1"
    )
    for key in set(keys):
        row = cursor.execute(sql, key).fetchone()
        if row is not None:
            found[key] = row[0]
    return found
